//! The plain text of markdown events: lines of a paragraph, links, bare
//! URLs, whitespace collapsed as the text is gathered (by the
//! [`Collapser`] of [`super::collapse`]), and lowercasing without a table
//! lookup for ASCII.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::collapse::{CLOSING_PUNCTUATION, Collapser};
use crate::model::Link;

/// A pulldown-cmark event with its byte range in the body.
pub(super) type Ev<'a> = (Event<'a>, Range<usize>);

/// `text.to_lowercase()`, in place when `text` is ASCII.
pub(super) fn lowercase(mut text: String) -> String {
    if text.is_ascii() {
        text.make_ascii_lowercase();
        text
    } else {
        let mut lower = String::new();
        lowercase_into(&text, &mut lower);
        lower
    }
}

/// Sets `out` to `text.to_lowercase()`, with ASCII characters mapped
/// without a table lookup. A text with a `Σ` (whose lowercase depends on
/// its neighbours) is left to `str::to_lowercase`.
pub(super) fn lowercase_into(text: &str, out: &mut String) {
    out.clear();
    if text.contains('Σ') {
        out.push_str(&text.to_lowercase());
        return;
    }
    out.reserve(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_lowercase());
            rest = chars.as_str();
        }
    }
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
            Event::Text(t) if t.chars().all(is_separator) => {}
            Event::Text(t) if t.split_whitespace().all(|w| w.chars().all(is_separator) || is_bare_url(w)) => {
                saw_link = true
            }
            Event::InlineHtml(h) if is_br(h) || is_comment(h) => {}
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Paragraph)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Paragraph) => {}
            _ => return false,
        }
    }
    saw_link
}

/// Spacing or a character that separates the links of a link line.
pub(super) fn is_separator(c: char) -> bool {
    c.is_whitespace() || "|,;·•-–—".contains(c)
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
    let mut links = Vec::new();
    let text = plain_with(events, Some(&mut links), usize::MAX).unwrap_or_default();
    (text, links)
}

/// The plain text of [`plain`] alone, without building the links.
pub(super) fn plain_text(events: &[Ev]) -> String {
    plain_with(events, None, usize::MAX).unwrap_or_default()
}

/// The plain text of [`plain`] when it is at most `limit` characters long:
/// `None` as soon as it is known to be longer.
pub(super) fn plain_text_within(events: &[Ev], limit: usize) -> Option<String> {
    plain_with(events, None, limit)
}

/// The text of [`plain`], whitespace collapsed as it is gathered (the same
/// as gathering it all and collapsing once); pushes the links to `links`.
/// Stops with `None` once the text is longer than `limit` characters.
pub(super) fn plain_with(events: &[Ev], links: Option<&mut Vec<Link>>, limit: usize) -> Option<String> {
    let capacity =
        events.iter().map(|(e, _)| if let Event::Text(t) | Event::Code(t) = e { t.len() + 1 } else { 0 }).sum();
    let mut text = Collapser::with_capacity(capacity);
    plain_into(events, links, limit, &mut text).then_some(text.out)
}

/// [`plain_with`], into `text`: `false` once the text is longer than
/// `limit` characters.
pub(super) fn plain_into(events: &[Ev], mut links: Option<&mut Vec<Link>>, limit: usize, text: &mut Collapser) -> bool {
    // The open link: its URL, its text so far and its byte offset.
    let mut link: Option<(&str, Collapser, usize)> = None;
    // Whether the last event was the end of a link whose URL text was left
    // out: punctuation right after it then closes up (`at <url>.` gives
    // `at.`, not `at .`).
    let mut after_url = false;
    for (event, range) in events {
        if std::mem::take(&mut after_url)
            && link.is_none()
            && matches!(event, Event::Text(t) if t.starts_with(CLOSING_PUNCTUATION))
        {
            text.space = false;
        }
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.as_ref(), Collapser::default(), range.start))
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, link_text, offset)) = link.take() {
                    let link_text = link_text.out;
                    after_url = is_url_text(&link_text, url);
                    if !after_url && !text.push_within(&link_text, limit) {
                        return false;
                    }
                    if let Some(links) = links.as_deref_mut()
                        && !url.trim().is_empty()
                    {
                        links.push(Link { url: url.trim().to_owned(), text: link_text, line: offset });
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut link {
                Some((_, link_text, _)) => link_text.push(t),
                None if !text.push_within(t, limit) => return false,
                None => {}
            },
            Event::SoftBreak | Event::HardBreak | Event::End(_) => match &mut link {
                Some((_, link_text, _)) => link_text.space(),
                None => text.space(),
            },
            // A block that starts right after a link (a nested list under
            // `- [title](url)`) is a word apart from it.
            Event::Start(tag) if starts_block(tag) => match &mut link {
                Some((_, link_text, _)) => link_text.space(),
                None => text.space(),
            },
            _ => {}
        }
    }
    true
}

/// Whether a tag opens a block (whose text is a word apart from what
/// comes before it), not inline markup.
pub(super) fn starts_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::collapse::tests::xorshift;

    #[test]
    fn lowercase_matches_str_to_lowercase() {
        let alphabet: Vec<char> = "aZ .ΣσΑİIKÅΩ\u{130}\u{212a}\u{1e9e}ß’…éÉ😀".chars().collect();
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15_u64);
        let mut out = String::new();
        for _ in 0..20_000 {
            let len = next(12);
            let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            lowercase_into(&text, &mut out);
            assert_eq!(out, text.to_lowercase(), "{text:?}");
            assert_eq!(lowercase(text.clone()), text.to_lowercase(), "{text:?}");
        }
    }
}
