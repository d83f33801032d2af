//! The body of an issue (everything after the front matter): the intro,
//! the sections, their items and links, and the footer.
//!
//! The body is parsed once with pulldown-cmark; every item keeps the events
//! it was made of, which render to its HTML and give its text and links.
//! Rules (documented in the README, "How issues are read"):
//!
//! - Sections are the headings of the shallowest level used; deeper headings
//!   are sub-sections. A heading that repeats the issue's title is skipped.
//! - An item is one or more prose paragraphs and the link lines after them.
//!   A prose line after a link line (or after prose with inline links) starts
//!   a new item. Each top-level bullet is an item, unless every bullet is a
//!   bare link and they follow prose that has no link yet: then they are
//!   that prose's links.
//! - In the last section, the first paragraph that repeats a line of the
//!   intro or of an earlier section, or matches a footer pattern, starts
//!   the footer.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::utils::TextMergeWithOffset;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;

use super::items::{Items, finish_section};
use crate::error::{ErrorKind, LineIndex};
use crate::model::{Link, Section};

pub(super) type Ev<'a> = (Event<'a>, Range<usize>);

/// What the body of an issue holds.
#[derive(Debug, Default)]
pub struct Body {
    pub intro_html: String,
    pub intro_text: String,
    pub sections: Vec<Section>,
    pub footer_html: String,
}

/// What the body parser needs to know besides the text.
pub struct BodyContext<'c> {
    /// The issue's title and number, to skip headings that repeat them.
    pub title: &'c str,
    pub number: Option<u32>,
    /// Compiled `footer_patterns`.
    pub footer_patterns: &'c [Regex],
    /// Maps a section name as written to the name it is published under.
    pub canonical: &'c dyn Fn(&str) -> String,
    /// Cleans HTML that markdown alone would not make safe.
    pub sanitizer: &'c Sanitizer,
}

/// Makes item HTML safe to publish, with ammonia: no `<script>`, no event
/// attributes, no `javascript:` URLs; relative URLs are resolved against the
/// site's base URL. HTML rendered from plain markdown with only http(s) and
/// mailto links is already safe (pulldown-cmark escapes text and attributes),
/// so only items with raw HTML or other links pay for it.
pub struct Sanitizer {
    base: url::Url,
}

impl Sanitizer {
    pub fn new(base_url: &str) -> anyhow::Result<Sanitizer> {
        Ok(Sanitizer { base: url::Url::parse(base_url)? })
    }

    pub(super) fn html(&self, events: Vec<Ev>) -> String {
        let risky = events.iter().any(|(e, _)| match e {
            Event::Html(_) | Event::InlineHtml(_) => true,
            Event::Start(Tag::Link { dest_url: url, .. } | Tag::Image { dest_url: url, .. }) => !is_plain_url(url),
            _ => false,
        });
        let html = html(events);
        if !risky {
            return html;
        }
        ammonia::Builder::default()
            .url_relative(ammonia::UrlRelative::RewriteWithBase(self.base.clone()))
            .clean(&html)
            .to_string()
    }
}

/// An absolute http(s) or mailto URL.
fn is_plain_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// Fewest words a line needs before its repetition marks the footer.
const MIN_REPEAT_WORDS: usize = 4;

/// Parses a body. `first_line` is the line number of `body`'s first line in
/// its file. Fails with [`ErrorKind::NoSections`] when there is no heading.
pub fn parse_body(body: &str, first_line: usize, cx: &BodyContext) -> Result<Body, (ErrorKind, usize)> {
    let lines = LineIndex::new(body);
    let line = |offset: usize| lines.line(offset) + first_line - 1;
    let blocks = top_level_blocks(body);

    let is_title = |b: &Block| b.heading_level().is_some() && repeats_title(&plain(&b.events).0, cx);
    let Some(level) = blocks.iter().filter(|b| !is_title(b)).filter_map(Block::heading_level).min() else {
        return Err((ErrorKind::NoSections, first_line));
    };
    let is_section = |b: &Block| b.heading_level() == Some(level) && !is_title(b);
    let last_section = blocks.iter().rposition(is_section).unwrap_or(0);
    let footer_start = find_footer(&blocks, last_section, cx.footer_patterns);

    let mut result = Body::default();
    let mut intro: Vec<Ev> = Vec::new();
    let mut section: Option<(Section, Items)> = None;
    let mut subsections: Vec<(HeadingLevel, String)> = Vec::new();

    for block in &blocks[..footer_start] {
        if is_title(block) {
            continue;
        }
        if is_section(block) {
            if let Some((s, items)) = section.take() {
                result.sections.push(finish_section(s, items, &line, cx.sanitizer));
            }
            subsections.clear();
            let name = plain(&block.events).0;
            let canonical = (cx.canonical)(&name);
            let slug = crate::model::slugify(&canonical);
            let s = Section { name, canonical, slug, line: line(block.start), items: Vec::new() };
            section = Some((s, Items::default()));
            continue;
        }
        let Some((_, items)) = section.as_mut() else {
            intro.extend(block.events.iter().cloned());
            continue;
        };
        match block.kind {
            Kind::Heading(level) => {
                items.finish();
                subsections.retain(|(l, _)| *l < level);
                subsections.push((level, plain(&block.events).0));
                let path: Vec<&str> = subsections.iter().map(|(_, n)| n.as_str()).collect();
                items.subsection = Some(path.join(" / "));
            }
            Kind::Paragraph => items.push_paragraph(block),
            Kind::List => items.push_list(block),
            Kind::Rule => items.finish(),
            Kind::Comment => {}
            Kind::Other => items.push_other(block),
        }
    }
    if let Some((s, items)) = section.take() {
        result.sections.push(finish_section(s, items, &line, cx.sanitizer));
    }
    let intro = strip_markup(intro);
    result.intro_text = plain(&intro).0;
    result.intro_html = cx.sanitizer.html(intro);
    let footer: Vec<Ev> = blocks[footer_start..]
        .iter()
        .filter(|b| b.kind != Kind::Comment)
        .flat_map(|b| b.events.iter().cloned())
        .collect();
    result.footer_html = cx.sanitizer.html(strip_markup(footer));
    Ok(result)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
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
    kind: Kind,
    pub(super) start: usize,
    pub(super) events: Vec<Ev<'a>>,
}

impl Block<'_> {
    fn heading_level(&self) -> Option<HeadingLevel> {
        match self.kind {
            Kind::Heading(level) => Some(level),
            _ => None,
        }
    }
}

fn top_level_blocks(body: &str) -> Vec<Block<'_>> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = TextMergeWithOffset::new(Parser::new_ext(body, options).into_offset_iter());
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
            let events = std::mem::take(&mut current);
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

/// Whether a heading repeats the issue's title (`## Issue 204 - 30th November`).
fn repeats_title(heading: &str, cx: &BodyContext) -> bool {
    let norm = |s: &str| collapse_whitespace(s).to_lowercase();
    let (heading_n, title_n) = (norm(heading), norm(cx.title));
    heading_n == title_n || (cx.number.is_some() && super::front_matter::number_in(heading) == cx.number)
}

/// Index of the first block of the footer (`blocks.len()` when none).
fn find_footer(blocks: &[Block], last_section: usize, patterns: &[Regex]) -> usize {
    let earlier: HashSet<String> = blocks[..last_section]
        .iter()
        .filter(|b| b.kind == Kind::Paragraph)
        .flat_map(|b| prose_lines(&b.events))
        .filter(|l| l.split(' ').count() >= MIN_REPEAT_WORDS)
        .collect();
    let is_footer = |line: &String| earlier.contains(line) || patterns.iter().any(|p| p.is_match(line));
    let start = last_section + 1;
    blocks[start.min(blocks.len())..]
        .iter()
        .position(|b| b.kind == Kind::Paragraph && prose_lines(&b.events).iter().any(is_footer))
        .map_or(blocks.len(), |i| start + i)
}

/// The normalised text of each prose line of a paragraph block.
fn prose_lines(events: &[Ev]) -> Vec<String> {
    split_lines(&events[1..events.len() - 1])
        .into_iter()
        .filter(|line| !line.links_only)
        .map(|line| plain(line.events).0.to_lowercase())
        .filter(|text| !text.is_empty())
        .collect()
}

/// One line of a paragraph: its events and the break that ended it.
pub(super) struct Line<'e, 'a> {
    pub(super) events: &'e [Ev<'a>],
    pub(super) brk: Option<&'e Ev<'a>>,
    pub(super) links_only: bool,
}

/// Splits a paragraph's inline events at line breaks outside links.
pub(super) fn split_lines<'e, 'a>(events: &'e [Ev<'a>]) -> Vec<Line<'e, 'a>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut link_depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Link { .. }) => link_depth += 1,
            Event::End(TagEnd::Link) => link_depth = link_depth.saturating_sub(1),
            Event::SoftBreak | Event::HardBreak if link_depth == 0 => {
                lines.push(Line::new(&events[start..i], Some(&events[i])));
                start = i + 1;
            }
            _ => {}
        }
    }
    lines.push(Line::new(&events[start..], None));
    lines
}

impl<'e, 'a> Line<'e, 'a> {
    fn new(events: &'e [Ev<'a>], brk: Option<&'e Ev<'a>>) -> Self {
        Line { events, brk, links_only: is_links_only(events) }
    }
}

/// A line that holds only links (markdown links, autolinks, bare URLs),
/// with nothing else but `<br>` tags, emphasis, spaces and separators.
pub(super) fn is_links_only(events: &[Ev]) -> bool {
    let mut saw_link = false;
    let mut depth = 0usize;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Link { .. }) => {
                depth += 1;
                saw_link = true;
            }
            Event::End(TagEnd::Link) => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            Event::Text(t) if is_bare_url(t.trim()) => saw_link = true,
            Event::Text(t) if t.chars().all(|c| c.is_whitespace() || "|,;·•-–—".contains(c)) => {}
            Event::InlineHtml(h) if is_br(h) || is_comment(h) => {}
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Paragraph)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Paragraph) => {}
            _ => return false,
        }
    }
    saw_link
}

pub(super) fn is_bare_url(text: &str) -> bool {
    (text.starts_with("http://") || text.starts_with("https://"))
        && text.len() > 8
        && !text.contains(char::is_whitespace)
}

pub(super) fn is_br(html: &str) -> bool {
    let tag = html.trim().trim_start_matches('<').trim_end_matches('>').trim_end_matches('/').trim();
    tag.eq_ignore_ascii_case("br")
}

pub(super) fn is_comment(html: &str) -> bool {
    html.trim_start().starts_with("<!--")
}

/// A text that is a URL rather than words: not counted as prose.
pub(super) fn is_url_text(text: &str, url: &str) -> bool {
    let text = text.trim();
    text == url || is_bare_url(text) || text.starts_with("www.")
}

/// Drops `<br>` tags and HTML comments: markup, not content.
pub(super) fn strip_markup(events: Vec<Ev>) -> Vec<Ev> {
    events
        .into_iter()
        .filter(|(e, _)| !matches!(e, Event::InlineHtml(h) | Event::Html(h) if is_br(h) || is_comment(h)))
        .collect()
}

/// Plain text (whitespace collapsed; link texts that are URLs left out) and
/// the links of some events. A link's `line` holds its byte offset in the
/// body here; the item assembly turns it into a line number.
pub(super) fn plain(events: &[Ev]) -> (String, Vec<Link>) {
    let mut text = String::new();
    let mut links: Vec<Link> = Vec::new();
    let mut link: Option<(String, String, usize)> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), String::new(), range.start)),
            Event::End(TagEnd::Link) => {
                if let Some((url, link_text, offset)) = link.take() {
                    let link_text = collapse_whitespace(&link_text);
                    if !is_url_text(&link_text, &url) {
                        text.push_str(&link_text);
                    }
                    if !url.trim().is_empty() {
                        links.push(Link { url: url.trim().to_owned(), text: link_text, line: offset });
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut link {
                Some((_, link_text, _)) => link_text.push_str(t),
                None => text.push_str(t),
            },
            Event::SoftBreak | Event::HardBreak | Event::End(_) => match &mut link {
                Some((_, link_text, _)) => link_text.push(' '),
                None => text.push(' '),
            },
            _ => {}
        }
    }
    (collapse_whitespace(&text), links)
}

/// `text` with runs of whitespace made one space, trimmed, in one pass.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

pub(super) fn html(events: Vec<Ev>) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
    out
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
