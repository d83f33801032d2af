//! Assembling the items of a section from its blocks: paragraphs and the
//! link lines after them, bullets, and the other blocks that belong to an
//! item; then each item's title, text, HTML and links.
//!
//! The rules are listed in [`super::markdown`]'s module documentation.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::markdown::{
    Block, Ev, Line, Sanitizer, is_bare_url, is_br, is_comment, is_links_only, is_url_text, plain, plain_text,
    plain_text_within, split_lines, strip_markup,
};
use crate::model::{Item, Section};

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
    section.items = items.done.into_iter().map(|draft| draft.into_item(line, sanitizer)).collect();
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
            bullet: false,
            heading: false,
            subsection: subsection.clone(),
        })
    }

    pub(super) fn push_paragraph(&mut self, block: &Block<'a>) {
        let inner = &block.events[1..block.events.len() - 1];
        let mut open = false;
        for line in split_lines(inner) {
            let Some(first) = line.events.first() else { continue };
            if !line.links_only && self.current.as_ref().is_some_and(|d| d.has_links && !d.heading) {
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
            draft.push_line(&line);
        }
        if open && let Some(draft) = self.current.as_mut() {
            draft.close_paragraph(block.events[block.events.len() - 1].1.clone());
        }
    }

    pub(super) fn push_list(&mut self, block: &Block<'a>) {
        let bullets = list_items(&block.events);
        let all_links = bullets.iter().all(|b| is_links_only(b));
        if all_links && self.current.as_ref().is_some_and(|d| !d.has_links) {
            let draft = self.current(block.start);
            draft.events.extend(linkify(strip_markup(block.events.clone())));
            draft.has_links = true;
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
            let has_links = has_link(&events);
            let subsection = self.subsection.clone();
            self.done.push(Draft {
                events: linkify(strip_markup(events)),
                start: first.1.start,
                has_links,
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
        events.extend(linkify(strip_markup(inner.to_vec())));
        events.push((Event::End(TagEnd::Paragraph), last.1.clone()));
        self.current = Some(Draft {
            events,
            start: block.start,
            has_links: true,
            bullet: false,
            heading: true,
            subsection: self.subsection.clone(),
        });
    }

    pub(super) fn push_other(&mut self, block: &Block<'a>) {
        let draft = self.current(block.start);
        draft.events.extend(strip_markup(block.events.clone()));
    }
}

/// The inner events of each top-level item of a list block.
fn list_items<'e, 'a>(events: &'e [Ev<'a>]) -> Vec<&'e [Ev<'a>]> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth == 2 {
                    start = i + 1;
                }
            }
            Event::End(_) => {
                if depth == 2 {
                    items.push(&events[start..i]);
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    items
}

pub(super) fn has_link(events: &[Ev]) -> bool {
    events.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Link { .. })))
}

/// Text outside links that is more than spacing or punctuation.
fn is_prose_event(event: &Event) -> bool {
    matches!(event, Event::Text(t) if t.chars().any(char::is_alphanumeric))
        && !matches!(event, Event::Text(t) if is_bare_url(t.trim()))
}

impl<'a> Draft<'a> {
    /// Ends the open paragraph, dropping the line break that ended its last line.
    fn close_paragraph(&mut self, range: Range<usize>) {
        while matches!(self.events.last(), Some((Event::SoftBreak | Event::HardBreak, _))) {
            self.events.pop();
        }
        self.events.push((Event::End(TagEnd::Paragraph), range));
    }

    /// Appends a line's events: `<br>` tags and comments dropped (the line
    /// break is kept as a hard break before a link line), bare URLs turned
    /// into links.
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
                Event::End(TagEnd::Link) => depth = depth.saturating_sub(1),
                Event::InlineHtml(h) if is_br(h) || is_comment(h) => continue,
                Event::Text(t) if depth == 0 && line.links_only && is_bare_url(t.trim()) => {
                    self.events.extend(link_events(t.trim(), range));
                    self.has_links = true;
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
        Item {
            title_line,
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

/// Turns text that is a bare URL (outside a link) into a link.
fn linkify(events: Vec<Ev>) -> Vec<Ev> {
    let mut out = Vec::with_capacity(events.len());
    let mut depth = 0usize;
    for (event, range) in events {
        match &event {
            Event::Start(Tag::Link { .. }) => depth += 1,
            Event::End(TagEnd::Link) => depth = depth.saturating_sub(1),
            Event::Text(t) if depth == 0 && is_bare_url(t.trim()) => {
                out.extend(link_events(t.trim(), &range));
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
