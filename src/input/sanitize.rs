//! Item HTML: rendered from its events, and made safe to publish where
//! markdown alone would not make it safe.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::text::{Ev, starts_block};

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
        let html = html(close_paragraphs_before_blocks(events));
        if !risky {
            return html;
        }
        ammonia::Builder::default()
            .url_relative(ammonia::UrlRelative::RewriteWithBase(self.base.clone()))
            .clean(&html)
            .to_string()
    }
}

/// `events` with a paragraph ended where a block starts inside it (a tight
/// bullet is one paragraph for its item, text and sub-list alike), and that
/// paragraph's own end dropped: HTML closes `<p>` before a block itself, so
/// `<p>text<ul>…</ul></p>` is read as `<p>text</p><ul>…</ul>` and a stray
/// `</p>` that readers and validators reject.
pub(super) fn close_paragraphs_before_blocks(events: Vec<Ev>) -> Vec<Ev> {
    let is_block = |e: &Event| match e {
        Event::Start(tag) => starts_block(tag),
        Event::Rule => true,
        _ => false,
    };
    // Cheap check first: most items have no block inside a paragraph.
    let mut in_paragraph = 0usize;
    let nested = events.iter().any(|(e, _)| {
        let inside = in_paragraph > 0 && is_block(e);
        match e {
            Event::Start(Tag::Paragraph) => in_paragraph += 1,
            Event::End(TagEnd::Paragraph) => in_paragraph = in_paragraph.saturating_sub(1),
            _ => {}
        }
        inside
    });
    if !nested {
        return events;
    }
    #[derive(PartialEq)]
    enum Open {
        Paragraph,
        Ended,
        Other,
    }
    let mut out: Vec<Ev> = Vec::with_capacity(events.len() + 2);
    let mut open: Vec<Open> = Vec::new();
    for (event, range) in events {
        if is_block(&event)
            && let Some(top) = open.last_mut().filter(|top| **top == Open::Paragraph)
        {
            *top = Open::Ended;
            if matches!(out.last(), Some((Event::Start(Tag::Paragraph), _))) {
                out.pop();
            } else {
                out.push((Event::End(TagEnd::Paragraph), range.clone()));
            }
        }
        match &event {
            Event::Start(Tag::Paragraph) => open.push(Open::Paragraph),
            Event::Start(_) => open.push(Open::Other),
            Event::End(_) if open.pop() == Some(Open::Ended) => continue,
            _ => {}
        }
        out.push((event, range));
    }
    out
}

/// An absolute http(s) or mailto URL.
pub(super) fn is_plain_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

pub(super) fn html(events: Vec<Ev>) -> String {
    // Room for the text, the URLs (written twice when they are the link
    // text) and the tags, to grow the output once or not at all.
    let capacity: usize = events
        .iter()
        .map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => t.len() + 8,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url.len() + 24,
            _ => 8,
        })
        .sum();
    let mut out = String::with_capacity(capacity);
    pulldown_cmark::html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
    out
}
