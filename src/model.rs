//! The archive as data: issues, their sections, items and links.
//!
//! Built once by [`crate::input`], read by every renderer. No I/O here.

use std::borrow::Cow;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

// The derived names' home is `crate::names`; these keep the model's callers.
pub use crate::names::{
    KeyClashes, archive_order, file_slug, issue_key, section_slug, section_slugs, slugify, topic_slugs, unique_keys,
};

/// Every issue read, oldest first (ties broken by number, then path).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Archive {
    pub issues: Vec<Issue>,
}

/// One newsletter issue: one file of the archive.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Issue {
    /// The page name `issues/<key>.html` and the id of the issue's feed
    /// entry, unique in the archive ([`unique_keys`]): the number, else the
    /// date, with the date or the file name added when they are shared.
    pub key: String,
    /// From `number:`, else `#255` / `Issue 255` / `No. 255` in the title,
    /// else the file name.
    pub number: Option<u32>,
    /// The title, markdown escapes removed. Whole-issue feed entry `<title>`.
    pub title: String,
    /// Publication date with its own offset. Entry `pubDate` / `updated`.
    pub date: DateTime<FixedOffset>,
    /// The file it was read from.
    pub source: PathBuf,
    /// The editor's summary before the first section, as HTML.
    pub intro_html: String,
    /// The intro as plain text.
    pub intro_text: String,
    /// Sections in the order they appear.
    pub sections: Vec<Section>,
    /// The footer (sponsor repeat, subscription notice) as HTML; not items.
    pub footer_html: String,
}

/// A section of an issue ("News", "Tools").
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    /// The heading as written in the issue.
    pub name: String,
    /// The name it is published under (after `section_aliases`): the feed
    /// title's second part and each entry's `<category>`.
    pub canonical: String,
    /// File name of its feeds: `feeds/<slug>.rss`. Empty as parsed: the slug
    /// depends on every section name of the archive ([`section_slugs`]), so
    /// the build and `load_dir` give it.
    pub slug: String,
    /// Line of the heading in the source file.
    pub line: usize,
    pub items: Vec<Item>,
    /// Whether the section has feeds of its own: it has a name and recurs
    /// in at least `min_section_issues` issues.
    pub feed: bool,
    /// Boilerplate of the section (paragraphs and bullets that recur across
    /// the archive), as HTML: shown on the issue page, not items.
    pub boilerplate_html: String,
    /// How many blocks (paragraphs and bullets) `boilerplate_html` holds.
    pub boilerplate: usize,
    /// Sub-section headings that hold a link (`### [uefi-rs](https://…)`):
    /// the sub-section (as items name it) and the link's URL, shown with
    /// the heading on the issue page.
    pub subsection_links: Vec<(String, String)>,
}

/// One entry of a section: prose and the links that belong to it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    /// A short first line without a final full stop, when the item has one.
    pub title_line: Option<String>,
    /// Whether the item starts with a link that stands as its heading (a
    /// link alone on the first line, or followed by `:`, ` - `, ` | `…):
    /// the title is then that link's text.
    pub title_link: bool,
    /// Sub-section headings above the item inside its section, joined by ` / `.
    pub subsection: Option<String>,
    /// Visible text (without the title line, and without link texts that
    /// are bare URLs), whitespace collapsed.
    pub text: String,
    /// The item as HTML (without the title line), with all its links:
    /// entry `<content:encoded>` / Atom `<content type="html">`.
    pub html: String,
    /// Links in order of appearance; the first is the entry `<link>`.
    pub links: Vec<Link>,
    /// Line where the item starts in the source file.
    pub line: usize,
}

/// A link of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub url: String,
    pub text: String,
    /// Line of the link in the source file.
    pub line: usize,
}

/// Longest title derived from an item's text, in characters.
pub const MAX_DERIVED_TITLE: usize = 100;

impl Item {
    /// The entry title: the title line; else the text of the link the item
    /// starts with, when that link stands as its heading; else the first
    /// sentence of the text, cut at a word boundary to at most 100
    /// characters; else the first link. A candidate that is only a date
    /// (`Jun 10.`) is passed over: then the first link text that is not a
    /// date, else the text cut to 100 characters.
    pub fn title(&self) -> Cow<'_, str> {
        let meaningful = |t: &&str| !t.is_empty() && !is_only_date(t);
        if let Some(title) = self.title_line.as_deref().filter(meaningful) {
            return Cow::Borrowed(title);
        }
        if self.title_link
            && let Some(text) = self.links.first().map(|l| l.text.as_str()).filter(meaningful)
        {
            return Cow::Borrowed(text);
        }
        if !self.text.is_empty() {
            let sentence = first_sentence(&self.text, MAX_DERIVED_TITLE);
            if meaningful(&sentence.as_str()) {
                return Cow::Owned(sentence);
            }
            if let Some(text) = self.links.iter().map(|l| l.text.as_str()).find(meaningful) {
                return Cow::Borrowed(text);
            }
            return Cow::Owned(cut_at_word(self.text.trim(), MAX_DERIVED_TITLE));
        }
        match self.links.first() {
            Some(link) if !link.text.is_empty() => Cow::Borrowed(&link.text),
            Some(link) => Cow::Borrowed(&link.url),
            None => Cow::Borrowed("(untitled)"),
        }
    }

    /// The entry link: the item's first URL.
    pub fn url(&self) -> Option<&str> {
        self.links.first().map(|l| l.url.as_str())
    }
}

impl Issue {
    /// Calls `f` on every string of the issue, its sections, items and links.
    pub fn for_each_text(&mut self, mut f: impl FnMut(&mut String)) {
        for text in [&mut self.title, &mut self.intro_html, &mut self.intro_text, &mut self.footer_html] {
            f(text);
        }
        for section in &mut self.sections {
            for text in [&mut section.name, &mut section.canonical, &mut section.slug] {
                f(text);
            }
            for item in &mut section.items {
                item.title_line.iter_mut().chain(item.subsection.iter_mut()).for_each(&mut f);
                f(&mut item.text);
                f(&mut item.html);
                for link in &mut item.links {
                    f(&mut link.url);
                    f(&mut link.text);
                }
            }
        }
    }

    /// The issue's page name and id, unique in the archive (see [`Issue::key`](field@Issue::key)).
    pub fn key(&self) -> String {
        self.key.clone()
    }

    /// All items of the issue, in order.
    pub fn items(&self) -> impl Iterator<Item = (&Section, &Item)> {
        self.sections.iter().flat_map(|s| s.items.iter().map(move |i| (s, i)))
    }
}

/// The first sentence of `text`, cut at a word boundary to at most `max`
/// characters (with `…` when cut).
///
/// A sentence ends at `.`, `!` or `?` (and the closing quotes or brackets
/// after it) followed by a space or the end of the text. A full stop does
/// not end a sentence when the next word starts in lower case (`e.g. this`),
/// or when it ends an abbreviation (`Dr.`, `vs.`, `Jun.`), initials or a
/// dotted abbreviation (`J.`, `U.S.`, `i.e.`), a version (`v1.2.`) or a day
/// after a month (`Jun 10.`).
pub fn first_sentence(text: &str, max: usize) -> String {
    let text = text.trim();
    let end = sentence_end(text).unwrap_or(text.len());
    cut_at_word(&text[..end], max)
}

/// `text` when it has at most `max` characters; else cut before the word
/// that would cross the limit, with `…`.
fn cut_at_word(text: &str, max: usize) -> String {
    // No more bytes than `max` is no more characters, without counting them.
    if text.len() <= max || text.chars().count() <= max {
        return text.to_owned();
    }
    // Cut before the word that would cross the limit (leaving room for `…`).
    let limit = text.char_indices().nth(max - 1).map_or(text.len(), |(i, _)| i);
    let cut = text[..limit].rfind(' ').filter(|&i| i > 0).unwrap_or(limit);
    format!("{}…", text[..cut].trim_end_matches([' ', ',', ';', ':', '-', '—']))
}

/// The byte offset just after the first sentence of `text`, if it ends
/// before the end of the text.
pub(crate) fn sentence_end(text: &str) -> Option<usize> {
    for i in memchr::memchr3_iter(b'.', b'!', b'?', text.as_bytes()) {
        let c = char::from(text.as_bytes()[i]);
        let after = &text[i + 1..];
        let rest = after.trim_start_matches(['"', '\'', '”', '’', ')', ']']);
        if !(rest.is_empty() || rest.starts_with(' ')) {
            continue;
        }
        if c == '.' && !full_stop_ends_sentence(&text[..i], rest.trim_start()) {
            continue;
        }
        return Some(text.len() - rest.len());
    }
    None
}

/// Words that a full stop follows without ending the sentence (lower case).
const ABBREVIATIONS: &[&str] = &[
    "al", "approx", "ca", "cf", "dr", "eg", "esp", "fig", "ie", "incl", "jr", "mr", "mrs", "ms", "mt", "no", "nos",
    "prof", "sr", "st", "viz", "vol", "vs",
];

/// English month names; a word is a month when it is one or starts with
/// its first three letters (`Jun`, `June`, `Sept`).
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether a full stop after `before` ends the sentence, `next` being the
/// text after it (leading spaces removed). Each test reads the last word
/// as it is, without making a lowercase copy: every word it is compared
/// with is ASCII, and the only non-ASCII character whose lowercase is
/// ASCII (the Kelvin sign, `k`) is in none of them.
fn full_stop_ends_sentence(before: &str, next: &str) -> bool {
    if next.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let mut words = before.rsplit(' ');
    let word = words.next().unwrap_or("").trim_start_matches(['(', '[', '"', '\'', '“', '‘']);
    let is_abbreviation = || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
    let dotted = || {
        !word.is_empty()
            && word.split('.').all(|part| {
                let mut chars = part.chars();
                chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
            })
    };
    let version = || {
        word.strip_prefix(['v', 'V']).is_some_and(|v| {
            v.starts_with(|c: char| c.is_ascii_digit()) && v.bytes().all(|c| c.is_ascii_digit() || c == b'.')
        })
    };
    let mut day_of_month = || {
        (1..=2).contains(&word.len()) && word.bytes().all(|c| c.is_ascii_digit()) && words.next().is_some_and(is_month)
    };
    let month_abbreviation = || is_month(word) && !MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word));
    !(dotted() || version() || day_of_month() || is_numeric_date(word) || month_abbreviation() || is_abbreviation())
}

/// A date of two or three numbers joined by slashes (`9/15`, `06/10/2023`).
fn is_numeric_date(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('/') {
        parts += 1;
        if parts > 3 || !(1..=4).contains(&part.len()) || !part.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    parts >= 2
}

/// A month name or its abbreviation (`Jun`, `June`, `Sept`), in any case.
pub(crate) fn is_month(word: &str) -> bool {
    // Month names are ASCII; so is the lowercase of a word that could be one.
    let word = word.trim_end_matches([',', '.']).as_bytes();
    word.len() >= 3
        && MONTHS.iter().any(|m| {
            let m = m.as_bytes();
            m.len() >= word.len()
                && m[..word.len()].eq_ignore_ascii_case(word)
                && (word.len() <= 4 || m.len() == word.len())
        })
}

/// Whether `text` is only a date: numbers, month and weekday names, ordinal
/// suffixes and punctuation, with a number and a month name or a year
/// (`Jun 10.`, `2023-06-07`, `10th June`, `Jun 10 - Jun 12`; not `1.12.10`).
pub fn is_only_date(text: &str) -> bool {
    // Each word a number (an ordinal's suffix aside), a month or a
    // weekday: most texts are rejected at their first word.
    let (mut digit, mut month_or_year) = (false, false);
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let Some((number, month_or_year_word)) = date_word(word) else { return false };
        digit |= number;
        month_or_year |= month_or_year_word;
    }
    // A number with dots is a date only as day, month and year (`10.06.2023`).
    let dotted = |w: &str| w.contains('.') && (w.split('.').count() != 3 || !w.split('.').any(|p| p.len() == 4));
    if text.split_whitespace().any(|w| dotted(w.trim_matches(|c: char| !c.is_alphanumeric()))) {
        return false;
    }
    // `9/15`, `06/10/2023`: a month and a day, written with slashes.
    month_or_year |= text.split_whitespace().any(|w| is_numeric_date(w.trim_end_matches(['.', ',', ':'])));
    digit && month_or_year
}

/// What a word can be in a date: `Some((is a number, is a month or a
/// year))` for a number (an ordinal's suffix aside), a month or a weekday,
/// in any case; `None` for any other word. An ASCII word is compared
/// without a lowercase copy.
fn date_word(word: &str) -> Option<(bool, bool)> {
    const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let lower = match word.is_ascii() {
        true => Cow::Borrowed(word),
        false => Cow::Owned(word.to_lowercase()),
    };
    let number = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !number.is_empty() && number.bytes().all(|c| c.is_ascii_digit()) {
        let suffix = &lower[number.len()..];
        return ["", "st", "nd", "rd", "th"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(suffix))
            .then_some((true, number.len() == 4));
    }
    let n = lower.len();
    let weekday = n >= 3
        && WEEKDAYS.iter().any(|d| {
            d.len() >= n && d.as_bytes()[..n].eq_ignore_ascii_case(lower.as_bytes()) && (n <= 3 || d.len() == n)
        });
    match is_month(word) {
        true => Some((false, true)),
        false => weekday.then_some((false, false)),
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
