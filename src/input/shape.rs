//! What an issue's body tells of the archive's structure
//! ([`super::structure::Shape`]): the header pass reads every issue's shape
//! before any issue is parsed, to infer the section level and the template
//! text the archive repeats.

use super::blocks::{Kind, bullet_spans, top_level_blocks};
use super::collapse::collapse_whitespace;
use super::structure::{Shape, fingerprint, is_date_heading, lead_sentence};
use super::text::plain_text;

/// What an issue's body tells of the archive's structure: its headings
/// that can be sections, and the fingerprints of its paragraphs and bullets.
pub fn shape(body: &str, title: &str, number: Option<u32>) -> Shape {
    let blocks = top_level_blocks(body);
    let title = collapse_whitespace(title).to_lowercase();
    let mut shape = Shape::default();
    for block in &blocks {
        match block.kind {
            Kind::Heading(level) => {
                let text = plain_text(&block.events);
                if !repeats_title(&text, &title, number) && !is_date_heading(&text) && !text.is_empty() {
                    shape.headings.push((level as u8, text));
                }
            }
            Kind::Paragraph => add_block(&mut shape, &plain_text(&block.events)),
            Kind::List => {
                for span in bullet_spans(&block.events) {
                    add_block(&mut shape, &plain_text(&block.events[span]));
                }
            }
            _ => {}
        }
    }
    for list in [&mut shape.blocks, &mut shape.leads] {
        list.sort_unstable_by_key(|(f, _)| *f);
        list.dedup_by_key(|(f, _)| *f);
    }
    shape
}

/// Adds a paragraph's or bullet's text to a shape: its fingerprint, and
/// those of its first sentences (up to [`LEADS`]).
fn add_block(shape: &mut Shape, text: &str) {
    // Every one of the first sentences, the last one too: a sentence that
    // is a paragraph of its own in some issues and opens one in others is
    // one template.
    let mut rest = text;
    for _ in 0..LEADS {
        let Some((lead, after)) = lead_sentence(rest) else {
            shape.leads.extend(fingerprinted(rest.trim()));
            break;
        };
        shape.leads.extend(fingerprinted(lead));
        rest = after;
    }
    shape.blocks.extend(fingerprinted(text));
}

/// Leading sentences of a block that can be template.
const LEADS: usize = 3;

/// Longest start of a block's text kept with its fingerprint, in characters.
const SHOWN_TEXT: usize = 80;

/// A block's fingerprint and the start of its text (never cut inside its
/// first word, which [`super::structure::first_word`] reads again). Only
/// what is kept is copied, and only when the text has a fingerprint.
fn fingerprinted(text: &str) -> Option<(u64, Box<str>)> {
    let f = fingerprint(text)?;
    // No more bytes than that many characters: nothing to cut.
    if text.len() <= SHOWN_TEXT {
        return Some((f, Box::from(text)));
    }
    let shown = match text.char_indices().nth(SHOWN_TEXT) {
        Some((cut, _)) if cut >= first_word_end(text) => {
            let mut shown = String::with_capacity(cut + '…'.len_utf8());
            shown.push_str(&text[..cut]);
            shown.push('…');
            shown.into_boxed_str()
        }
        _ => Box::from(text),
    };
    Some((f, shown))
}

/// The byte offset just after the first word (run of alphanumeric
/// characters) of `text`; its length when it has none or ends with it.
fn first_word_end(text: &str) -> usize {
    text.char_indices()
        .skip_while(|(_, c)| !c.is_alphanumeric())
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| i)
}

/// Whether a heading repeats the title (`## Issue 204 - 30th
/// November`); `title` is the title with whitespace collapsed, lowercase.
pub(super) fn repeats_title(heading: &str, title: &str, number: Option<u32>) -> bool {
    collapse_whitespace(heading).to_lowercase() == title
        || (number.is_some() && super::front_matter::number_in(heading) == number)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start of the text kept: the whole text up to 80 characters,
    /// however many bytes they take; else 80 characters and an ellipsis,
    /// unless that would cut the first word.
    #[test]
    fn fingerprinted_keeps_80_characters_and_the_first_word() {
        let shown = |text: &str| fingerprinted(text).map(|(_, shown)| shown.into_string());
        let a80 = "a ".repeat(40);
        assert_eq!(shown(&a80).as_deref(), Some(a80.as_str()));
        assert_eq!(shown(&format!("{a80}b")), Some(format!("{a80}…")));
        let e80 = "é ".repeat(40);
        assert_eq!(shown(&e80).as_deref(), Some(e80.as_str()), "160 bytes, 80 characters");
        assert_eq!(shown(&format!("{e80}x")), Some(format!("{e80}…")));
        let word = "w".repeat(85);
        assert_eq!(shown(&word).as_deref(), Some(word.as_str()), "one word is never cut");
        assert_eq!(shown(&"-".repeat(100)), None);
        assert_eq!(fingerprinted("A, b").map(|(f, _)| f), fingerprint("a b"));
    }
}
