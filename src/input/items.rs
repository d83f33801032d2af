//! Assembling the items of a section from its blocks: paragraphs and the
//! link lines after them, bullets, and the other blocks that belong to an
//! item; then each item's title, text, HTML and links.
//!
//! The rules are listed in [`super::markdown`]'s module documentation.

use std::ops::Range;

use linkify::{LinkFinder, LinkKind};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::blocks::{Block, bullet_spans, definition};
use super::sanitize::Sanitizer;
use super::text::{
    Ev, Line, is_bare_url, is_br, is_comment, is_links_only, is_url_text, plain, plain_text, plain_text_within,
    split_lines, strip_markup,
};
use crate::model::{Item, Section, is_only_date};

/// Longest line taken as an item's title line, in characters.
const MAX_TITLE_LINE: usize = 100;

pub(super) fn finish_section(
    mut section: Section,
    mut items: Items,
    boilerplate: Vec<Ev>,
    line: &dyn Fn(usize) -> usize,
    sanitizer: &Sanitizer,
) -> Section {
    items.finish();
    if !boilerplate.is_empty() {
        section.boilerplate_html = sanitizer.html(boilerplate);
    }
    // An item that shows nothing, neither text nor link nor picture, is not
    // an item: markup alone (an unknown tag the sanitiser removed, a
    // `<span class="gray">` opening a block of its own).
    let shows_something = |item: &Item| {
        const MEDIA: [&str; 5] = ["<img", "<video", "<audio", "<iframe", "<picture"];
        !(item.text.is_empty() && item.links.is_empty() && item.title_line.is_none())
            || MEDIA.iter().any(|tag| item.html.contains(tag))
    };
    section.items =
        items.done.into_iter().map(|draft| draft.into_item(line, sanitizer)).filter(shows_something).collect();
    section
}

/// Items of one section being assembled.
#[derive(Default)]
pub(super) struct Items<'a> {
    done: Vec<Draft<'a>>,
    current: Option<Draft<'a>>,
    pub(super) subsection: Option<String>,
}

/// An item being assembled: its events so far.
struct Draft<'a> {
    events: Vec<Ev<'a>>,
    start: usize,
    has_links: bool,
    /// Whether it holds prose: text outside links, on a line that is not
    /// only links.
    has_prose: bool,
    /// A bullet: a link-only bullet takes its link text as the title.
    bullet: bool,
    /// Made from a heading: the prose after it belongs to it, and the
    /// heading's text is its title.
    heading: bool,
    subsection: Option<String>,
}

impl<'a> Items<'a> {
    pub(super) fn finish(&mut self) {
        if let Some(draft) = self.current.take() {
            self.done.push(draft);
        }
    }

    fn current(&mut self, start: usize) -> &mut Draft<'a> {
        let subsection = &self.subsection;
        self.current.get_or_insert_with(|| Draft {
            events: Vec::new(),
            start,
            has_links: false,
            has_prose: false,
            bullet: false,
            heading: false,
            subsection: subsection.clone(),
        })
    }

    pub(super) fn push_paragraph(&mut self, block: &Block<'a>) {
        let inner = &block.events[1..block.events.len() - 1];
        // A paragraph of images alone, after a finished item (a picture
        // after a rule), is shown with that item rather than made an
        // untitled item of its own.
        if self.current.is_none()
            && inner.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Image { .. })))
            && !has_link(inner)
            && !has_prose(inner)
            && let Some(last) = self.done.last_mut()
        {
            last.events.extend(strip_markup(block.events.clone()));
            return;
        }
        let mut open = false;
        let mut after_link_line = false;
        for (i, line) in split_lines(inner).iter().enumerate() {
            let Some(first) = line.events.first() else { continue };
            // A link reference definition that CommonMark read as text.
            if is_definition_line(line.events) {
                continue;
            }
            // After an item with prose and links, a paragraph starts a new
            // item (unless it is a line of bare URLs: more links of that
            // item), and so does a new sentence after a link line. The prose
            // under a heading that is an item stays that item's.
            let starts_item = self.current.as_ref().is_some_and(|d| {
                d.has_links
                    && d.has_prose
                    && !d.heading
                    && if i == 0 {
                        !line.links_only || !plain_text(line.events).split_whitespace().all(is_bare_url)
                    } else {
                        !line.links_only && after_link_line && starts_sentence(line.events)
                    }
            });
            if starts_item {
                if open && let Some(draft) = self.current.as_mut() {
                    draft.close_paragraph(first.1.clone());
                    open = false;
                }
                self.finish();
            }
            let draft = self.current(first.1.start);
            if !open {
                // Room for the rest of the paragraph, to grow the events once.
                draft.events.reserve(inner.len() + 2);
                draft.events.push((Event::Start(Tag::Paragraph), first.1.clone()));
                open = true;
            }
            draft.push_line(line);
            after_link_line = line.links_only;
        }
        if open && let Some(draft) = self.current.as_mut() {
            draft.close_paragraph(block.events[block.events.len() - 1].1.clone());
        }
    }

    pub(super) fn push_list(&mut self, block: &Block<'a>) {
        let bullets = list_items(&block.events);
        let all_links = bullets.iter().all(|b| is_links_only(b));
        // Links named by a date alone (`[August 19th, 2020](…)`: the notes
        // of each meeting) are links of the item before them, not items.
        let all_dated = all_links && bullets.iter().all(|b| is_only_date(&plain_text(b)));
        if all_links && self.current.as_ref().is_some_and(|d| !d.has_links || (all_dated && d.has_prose)) {
            let draft = self.current(block.start);
            draft.events.extend(link_urls(strip_markup(block.events.clone())));
            draft.has_links = true;
            return;
        }
        // Bullets without a link after prose that announces them (`brings
        // improvements including:`) are that item's text.
        let announced = self.current.as_ref().is_some_and(|d| d.has_prose && d.ends_with_colon());
        if announced && !has_link(&block.events) {
            let events = link_urls(strip_markup(block.events.clone()));
            let draft = self.current(block.start);
            draft.has_links |= has_link(&events);
            draft.events.extend(events);
            return;
        }
        self.finish();
        for bullet in bullets {
            let Some(first) = bullet.first() else { continue };
            let tight = !matches!(first.0, Event::Start(Tag::Paragraph));
            let mut events = Vec::with_capacity(bullet.len() + 2);
            if tight {
                events.push((Event::Start(Tag::Paragraph), first.1.clone()));
            }
            events.extend(bullet.iter().cloned());
            if tight {
                events.push((Event::End(TagEnd::Paragraph), first.1.clone()));
            }
            let events = link_urls(strip_markup(events));
            let has_links = has_link(&events);
            let has_prose = has_prose(&events);
            let subsection = self.subsection.clone();
            self.done.push(Draft {
                events,
                start: first.1.start,
                has_links,
                has_prose,
                bullet: true,
                heading: false,
                subsection,
            });
        }
    }

    /// A heading below the section level that holds a link (`### [PR
    /// title](url)`): an item, titled by the heading, whose text is the
    /// prose under it up to the next heading or list.
    pub(super) fn push_heading(&mut self, block: &Block<'a>) {
        self.finish();
        let inner = &block.events[1..block.events.len() - 1];
        let (first, last) = (&block.events[0], &block.events[block.events.len() - 1]);
        let mut events = Vec::with_capacity(inner.len() + 2);
        events.push((Event::Start(Tag::Paragraph), first.1.clone()));
        events.extend(link_urls(strip_markup(inner.to_vec())));
        events.push((Event::End(TagEnd::Paragraph), last.1.clone()));
        self.current = Some(Draft {
            events,
            start: block.start,
            has_links: true,
            has_prose: false,
            bullet: false,
            heading: true,
            subsection: self.subsection.clone(),
        });
    }

    pub(super) fn push_other(&mut self, block: &Block<'a>) {
        let events = link_urls(strip_markup(block.events.clone()));
        let draft = self.current(block.start);
        draft.has_links |= has_link(&events);
        draft.has_prose |= has_prose(&events);
        draft.events.extend(events);
    }
}

/// The inner events of each top-level item of a list block.
fn list_items<'e, 'a>(events: &'e [Ev<'a>]) -> Vec<&'e [Ev<'a>]> {
    bullet_spans(events).into_iter().map(|span| &events[span.start + 1..span.end - 1]).collect()
}

pub(super) fn has_link(events: &[Ev]) -> bool {
    events.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Link { .. })))
}

/// Text outside links that is more than spacing or punctuation.
fn is_prose_event(event: &Event) -> bool {
    matches!(event, Event::Text(t) if t.chars().any(char::is_alphanumeric))
        && !matches!(event, Event::Text(t) if is_bare_url(t.trim()))
}

/// Whether some events hold prose: [`is_prose_event`] text outside links.
fn has_prose(events: &[Ev]) -> bool {
    let mut depth = 0usize;
    events.iter().any(|(e, _)| match e {
        Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
            depth += 1;
            false
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            depth = depth.saturating_sub(1);
            false
        }
        _ => depth == 0 && is_prose_event(e),
    })
}

/// Whether a line is a link reference definition that CommonMark read as
/// text (under another line of text): its label is text, its URL text or
/// an autolink.
fn is_definition_line(events: &[Ev]) -> bool {
    if !matches!(events.first(), Some((Event::Text(t), _)) if t.starts_with('[')) {
        return false;
    }
    let mut source = String::new();
    for (event, _) in events {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => source.push_str(dest_url),
            Event::Text(t) => source.push_str(t),
            _ => {}
        }
    }
    definition(&source).is_some()
}

/// Whether a line starts a sentence, rather than going on with the one
/// before it: its text does not start in lower case or with punctuation
/// that continues a sentence (`for a NIO-based driver.`, `, and more`).
fn starts_sentence(events: &[Ev]) -> bool {
    let text = plain_text(events);
    text.chars().next().is_some_and(|c| !c.is_lowercase() && !",.;:)]}".contains(c))
}

impl<'a> Draft<'a> {
    /// Whether its last paragraph ends with a colon.
    fn ends_with_colon(&self) -> bool {
        let colon = self.events.iter().rev().find_map(|(e, _)| match e {
            Event::Text(t) => Some(t.trim_end().ends_with(':')),
            Event::End(TagEnd::Paragraph | TagEnd::Link | TagEnd::Emphasis | TagEnd::Strong) => None,
            _ => Some(false),
        });
        colon == Some(true)
    }

    /// Ends the open paragraph, dropping the line break that ended its last line.
    fn close_paragraph(&mut self, range: Range<usize>) {
        while matches!(self.events.last(), Some((Event::SoftBreak | Event::HardBreak, _))) {
            self.events.pop();
        }
        self.events.push((Event::End(TagEnd::Paragraph), range));
    }

    /// Appends a line's events: `<br>` tags and comments dropped (the line
    /// break is kept as a hard break before a link line), URLs in the text
    /// turned into links.
    fn push_line(&mut self, line: &Line<'_, 'a>) {
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

    fn into_item(self, line: &dyn Fn(usize) -> usize, sanitizer: &Sanitizer) -> Item {
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
fn link_urls(events: Vec<Ev>) -> Vec<Ev> {
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
