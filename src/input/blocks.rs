//! The top-level blocks of an issue's body, as pulldown-cmark reads them
//! (headings, paragraphs, lists, rules, comments), and the link reference
//! definitions they resolve against. What the blocks mean (sections, items,
//! footer) is decided above, in [`super::markdown`].

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::utils::TextMergeWithOffset;
use pulldown_cmark::{BrokenLink, CowStr, Event, HeadingLevel, Options, Parser, Tag};

use super::collapse::collapse_whitespace;
use super::text::Ev;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Heading(HeadingLevel),
    Paragraph,
    List,
    Rule,
    /// An HTML block made only of comments: not content.
    Comment,
    Other,
}

/// A top-level block: its kind, its first byte, and its events (including
/// its own start and end).
pub(super) struct Block<'a> {
    pub(super) kind: Kind,
    pub(super) start: usize,
    pub(super) events: Vec<Ev<'a>>,
}

impl Block<'_> {
    pub(super) fn heading_level(&self) -> Option<HeadingLevel> {
        match self.kind {
            Kind::Heading(level) => Some(level),
            _ => None,
        }
    }
}

pub(super) fn top_level_blocks(body: &str) -> Vec<Block<'_>> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let definitions = loose_definitions(body);
    let resolve = |link: BrokenLink| {
        // The label of a definition that CommonMark read as text stays text.
        let defines = body.get(link.span.end..).is_some_and(|rest| rest.starts_with(':'));
        let url = definitions.get(&normalize_label(&link.reference)).filter(|_| !defines)?;
        Some((CowStr::from(url.clone()), CowStr::from("")))
    };
    let parser = Parser::new_with_broken_link_callback(body, options, Some(resolve));
    let events = TextMergeWithOffset::new(parser.into_offset_iter());
    let mut blocks = Vec::new();
    let mut current: Vec<Ev> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        current.push((event, range));
        if depth == 0 {
            let events = std::mem::replace(&mut current, Vec::with_capacity(16));
            let kind = match &events[0].0 {
                Event::Start(Tag::Heading { level, .. }) => Kind::Heading(*level),
                Event::Start(Tag::Paragraph) => Kind::Paragraph,
                Event::Start(Tag::List(_)) => Kind::List,
                Event::Rule => Kind::Rule,
                Event::Start(Tag::HtmlBlock) if is_comment_block(&events) => Kind::Comment,
                _ => Kind::Other,
            };
            blocks.push(Block { kind, start: events[0].1.start, events });
        }
    }
    blocks
}

/// Link reference definitions (`[label]: url`) on lines of their own
/// anywhere in the body, outside fenced code: label (as
/// [`normalize_label`] makes it) → URL. CommonMark takes a definition only
/// where a paragraph could start, so one right under another line (a Liquid
/// `{% include %}` line, say, as Jekyll archives end) is text to
/// pulldown-cmark; a reference to it is resolved against these.
fn loose_definitions(body: &str) -> HashMap<String, String> {
    let mut definitions = HashMap::new();
    if memchr::memmem::find(body.as_bytes(), b"]:").is_none() {
        return definitions;
    }
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        if line.len() - trimmed.len() <= 3
            && let Some((label, url)) = definition(trimmed)
        {
            definitions.entry(normalize_label(label)).or_insert_with(|| url.to_owned());
        }
    }
    definitions
}

/// The label and URL of a link reference definition line
/// (`[label]: url "title"`, `[label]: <url>`), whose URL looks like one
/// (a scheme, or a path: `[Note]: read this` is not a definition).
pub(super) fn definition(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim().strip_prefix('[')?;
    let (label, rest) = rest.split_once("]:")?;
    if label.trim().is_empty() || label.contains(['[', ']']) {
        return None;
    }
    let url = rest.split_whitespace().next()?;
    let url = url.strip_prefix('<').and_then(|u| u.strip_suffix('>')).unwrap_or(url);
    let looks_like_url = url.contains(':') || url.starts_with(['/', '#', '.']);
    looks_like_url.then_some((label, url))
}

/// A link label as CommonMark matches it: case-folded, whitespace collapsed.
fn normalize_label(label: &str) -> String {
    collapse_whitespace(label).to_lowercase()
}

fn is_comment_block(events: &[Ev]) -> bool {
    let html: String = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Html(h) => Some(h.as_ref()),
            _ => None,
        })
        .collect();
    let mut rest = html.trim();
    while let Some(after) = rest.strip_prefix("<!--") {
        match after.find("-->") {
            Some(end) => rest = after[end + 3..].trim_start(),
            None => return true,
        }
    }
    rest.is_empty()
}

/// The range of events of each top-level bullet of a list block, with
/// its own start and end.
pub(super) fn bullet_spans(events: &[Ev]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth == 2 {
                    start = i;
                }
            }
            Event::End(_) => {
                if depth == 2 {
                    spans.push(start..i + 1);
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    spans
}
