//! One item being assembled ([`Draft`]) and what it becomes: its title
//! (a bullet's link, a title line, a title link), its text, its sanitised
//! HTML and its links, bare URLs made links.

use std::ops::Range;

use linkify::{LinkFinder, LinkKind};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::sanitize::Sanitizer;
use super::text::{
    Ev, Line, is_bare_url, is_br, is_comment, is_url_text, plain, plain_text, plain_text_within, split_lines,
};
use crate::model::Item;

/// Longest line taken as an item's title line, in characters.
const MAX_TITLE_LINE: usize = 100;

/// An item being assembled: its events so far.
pub(super) struct Draft<'a> {
    pub(super) events: Vec<Ev<'a>>,
    pub(super) start: usize,
    pub(super) has_links: bool,
    /// Whether it holds prose: text outside links, on a line that is not
    /// only links.
    pub(super) has_prose: bool,
    /// A bullet: a link-only bullet takes its link text as the title.
    pub(super) bullet: bool,
    /// Made from a heading: the prose after it belongs to it, and the
    /// heading's text is its title.
    pub(super) heading: bool,
    pub(super) subsection: Option<String>,
}

impl<'a> Draft<'a> {
    /// Whether its last paragraph ends with a colon.
    pub(super) fn ends_with_colon(&self) -> bool {
        let colon = self.events.iter().rev().find_map(|(e, _)| match e {
            Event::Text(t) => Some(t.trim_end().ends_with(':')),
            Event::End(TagEnd::Paragraph | TagEnd::Link | TagEnd::Emphasis | TagEnd::Strong) => None,
            _ => Some(false),
        });
        colon == Some(true)
    }

    /// Ends the open paragraph, dropping the line break that ended its last line.
    pub(super) fn close_paragraph(&mut self, range: Range<usize>) {
        while matches!(self.events.last(), Some((Event::SoftBreak | Event::HardBreak, _))) {
            self.events.pop();
        }
        self.events.push((Event::End(TagEnd::Paragraph), range));
    }

    /// Appends a line's events: `<br>` tags and comments dropped (the line
    /// break is kept as a hard break before a link line), URLs in the text
    /// turned into links.
    pub(super) fn push_line(&mut self, line: &Line<'_, 'a>) {
        if let Some((Event::SoftBreak | Event::HardBreak, range)) =
            self.events.last().cloned().filter(|_| line.links_only)
        {
            let last = self.events.len() - 1;
            self.events[last] = (Event::HardBreak, range);
        }
        let mut depth = 0usize;
        for (event, range) in line.events {
            match event {
                Event::Start(Tag::Link { .. }) => {
                    depth += 1;
                    self.has_links = true;
                }
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => depth = depth.saturating_sub(1),
                Event::InlineHtml(h) if is_br(h) || is_comment(h) => continue,
                Event::Text(t) if depth == 0 => {
                    if !line.links_only && is_prose_event(event) {
                        self.has_prose = true;
                    }
                    self.has_links |= push_linked(&mut self.events, t, range);
                    continue;
                }
                _ => {}
            }
            self.events.push((event.clone(), range.clone()));
        }
        if let Some(brk) = line.brk {
            self.events.push(brk.clone());
        }
    }

    pub(super) fn into_item(self, line: &dyn Fn(usize) -> usize, sanitizer: &Sanitizer) -> Item {
        let mut events = self.events;
        let mut title_line = if self.bullet { bullet_title(&events) } else { None };
        if title_line.is_none()
            && !self.heading
            && let Some((title, remove)) = title_line_of(&events)
        {
            title_line = Some(title);
            events.drain(remove);
        }
        let (mut text, mut links) = plain(&events);
        if self.heading
            && let Some(end) = events.iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
        {
            // The heading is the title; the prose under it is the text.
            let heading = plain_text(&events[1..end]);
            if !heading.is_empty() {
                text = plain_text(&events[end + 1..]);
                title_line = Some(heading);
            }
        }
        for link in &mut links {
            link.line = line(link.line);
        }
        let text = if self.bullet && title_line.as_deref() == Some(text.as_str()) { String::new() } else { text };
        let title_link = title_line.is_none() && starts_with_title_link(&events);
        Item {
            title_line,
            title_link,
            subsection: self.subsection,
            text,
            html: sanitizer.html(events),
            links,
            line: line(self.start),
        }
    }
}

/// A bullet whose only content is one link takes the link's text as title.
fn bullet_title(events: &[Ev]) -> Option<String> {
    let links = events.iter().filter(|(e, _)| matches!(e, Event::Start(Tag::Link { .. }))).count();
    let mut depth = 0usize;
    let outside_is_blank = events.iter().all(|(e, _)| match e {
        Event::Start(Tag::Link { .. }) => {
            depth += 1;
            true
        }
        Event::End(TagEnd::Link) => {
            depth -= 1;
            true
        }
        Event::Text(t) if depth == 0 => t.trim().is_empty(),
        _ => true,
    });
    if links != 1 || !outside_is_blank {
        return None;
    }
    let (text, links) = plain(events);
    Some(text).filter(|t| !t.is_empty() && !is_url_text(t, &links[0].url))
}

/// The item's title line and the events to remove for it: the first line of
/// the first paragraph when it is short, has no link, does not end a
/// sentence, and either stands alone as a paragraph followed by more prose,
/// or is followed in its paragraph by a line that starts a new phrase.
fn title_line_of(events: &[Ev]) -> Option<(String, Range<usize>)> {
    if !matches!(events.first(), Some((Event::Start(Tag::Paragraph), _))) {
        return None;
    }
    let end = events
        .iter()
        .position(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph)))?;
    let first = &events[1..end];
    if has_link(first) {
        return None;
    }
    let title = plain_text_within(first, MAX_TITLE_LINE)?;
    let chars = title.chars().count();
    if chars == 0 || chars > MAX_TITLE_LINE || title.ends_with(['.', '!', '?', '…', ':', ';', ',']) {
        return None;
    }
    let rest = &events[end + 1..];
    match events[end].0 {
        Event::End(TagEnd::Paragraph) => {
            let more_prose = rest.iter().any(|(e, _)| is_prose_event(e));
            more_prose.then_some((title, 0..end + 1))
        }
        _ => {
            let next = split_lines(rest).into_iter().next()?;
            let next_text = plain_text(next.events);
            let starts_phrase = next_text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            (starts_phrase && !next.links_only).then_some((title, 1..end + 1))
        }
    }
}

/// Whether the events start with a link that stands as the item's
/// heading: the first thing of the first paragraph (emphasis aside) is a
/// link, and after it comes the end of the line (a full stop aside), or
/// `:`, `(`, `|` or a dash
/// (`[Title](url): comment`, `[Title](url) - comment`), not words that go
/// on with a sentence (`[Nix](url) is now in Debian`).
fn starts_with_title_link(events: &[Ev]) -> bool {
    let mut rest = events.iter().map(|(e, _)| e).skip_while(|e| {
        matches!(e, Event::Start(Tag::Paragraph | Tag::Emphasis | Tag::Strong))
            || matches!(e, Event::Text(t) if t.trim().is_empty())
    });
    if !matches!(rest.next(), Some(Event::Start(Tag::Link { .. }))) {
        return false;
    }
    let mut depth = 1usize;
    for event in rest.by_ref() {
        match event {
            Event::Start(Tag::Link { .. }) => depth += 1,
            Event::End(TagEnd::Link) => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            break;
        }
    }
    match rest.find(|e| !matches!(e, Event::End(TagEnd::Emphasis | TagEnd::Strong))) {
        None | Some(Event::SoftBreak | Event::HardBreak | Event::End(_) | Event::Start(Tag::List(_))) => true,
        Some(Event::Text(t)) => {
            let after = t.trim_start();
            after.trim_end_matches(['.', '!', '?']).trim_end().is_empty()
                || after.starts_with([':', '(', '|', '–', '—'])
                || after.starts_with("- ")
        }
        Some(_) => false,
    }
}

/// Pushes the events of `text` (outside links) to `out`, with the URLs in
/// it, as `linkify` finds them, made links: `true` when it made one. Only
/// URLs with a scheme are taken (`www.example.com` stays text).
fn push_linked<'a>(out: &mut Vec<Ev<'a>>, text: &CowStr<'a>, range: &Range<usize>) -> bool {
    if memchr::memmem::find(text.as_bytes(), b"://").is_none() {
        out.push((Event::Text(text.clone()), range.clone()));
        return false;
    }
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    // Sub-ranges of the source only when the text is as written there.
    let exact = range.len() == text.len();
    let sub = |start: usize, end: usize| if exact { range.start + start..range.start + end } else { range.clone() };
    let mut linked = false;
    for span in finder.spans(text) {
        let (start, end) = (span.start(), span.end());
        match span.kind() {
            Some(LinkKind::Url) if has_web_scheme(span.as_str()) => {
                out.extend(link_events(span.as_str(), &sub(start, end)));
                linked = true;
            }
            _ => out.push((Event::Text(CowStr::from(span.as_str().to_owned())), sub(start, end))),
        }
    }
    linked
}

/// A URL whose scheme is http, https or ftp.
fn has_web_scheme(url: &str) -> bool {
    let scheme = url.split_once("://").map_or("", |(s, _)| s);
    ["http", "https", "ftp"].iter().any(|s| scheme.eq_ignore_ascii_case(s))
}

/// Turns the URLs in text outside links and code blocks into links.
pub(super) fn link_urls(events: Vec<Ev>) -> Vec<Ev> {
    let mut out = Vec::with_capacity(events.len());
    let mut depth = 0usize;
    for (event, range) in events {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => depth = depth.saturating_sub(1),
            Event::Text(t) if depth == 0 => {
                push_linked(&mut out, t, &range);
                continue;
            }
            _ => {}
        }
        out.push((event, range));
    }
    out
}

/// The events of an autolink to `url`.
fn link_events<'a>(url: &str, range: &Range<usize>) -> [Ev<'a>; 3] {
    let url = CowStr::from(url.to_owned());
    let tag = Tag::Link { link_type: LinkType::Autolink, dest_url: url.clone(), title: "".into(), id: "".into() };
    [(Event::Start(tag), range.clone()), (Event::Text(url), range.clone()), (Event::End(TagEnd::Link), range.clone())]
}

pub(super) fn has_link(events: &[Ev]) -> bool {
    events.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Link { .. })))
}

/// Text outside links that is more than spacing or punctuation.
pub(super) fn is_prose_event(event: &Event) -> bool {
    matches!(event, Event::Text(t) if t.chars().any(char::is_alphanumeric))
        && !matches!(event, Event::Text(t) if is_bare_url(t.trim()))
}
