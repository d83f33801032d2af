//! Assembling the items of a section from its blocks: paragraphs and the
//! link lines after them, bullets, and the other blocks that belong to an
//! item; then each item's title, text, HTML and links.
//!
//! The rules are listed in [`super::markdown`]'s module documentation.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::blocks::{Block, bullet_spans, definition};
use super::draft::{Draft, has_link, is_prose_event, link_urls};
use super::sanitize::Sanitizer;
use super::text::{Ev, is_bare_url, is_links_only, plain_text, split_lines, strip_markup};
use crate::model::{Item, Section, is_only_date};

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
        // Asked last: it makes each bullet's text.
        let all_dated = || bullets.iter().all(|b| is_only_date(&plain_text(b)));
        if all_links && self.current.as_ref().is_some_and(|d| !d.has_links || (d.has_prose && all_dated())) {
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
