//! The archive as data: issues, their sections, items and links.
//!
//! Built once by [`crate::input`], read by every renderer. No I/O here.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

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
    /// File name of its feeds: `feeds/<slug>.rss`.
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

/// Where an issue stands in the archive: by date, then number, then file
/// path. `load_dir` and the streamed build both order issues by it.
pub fn archive_order(
    date: DateTime<FixedOffset>,
    number: Option<u32>,
    source: &Path,
) -> (DateTime<FixedOffset>, Option<u32>, &Path) {
    (date, number, source)
}

/// An issue's page name and id when no other issue shares it: its number,
/// else its date.
pub fn issue_key(number: Option<u32>, date: &DateTime<FixedOffset>) -> String {
    match number {
        Some(n) => n.to_string(),
        None => date.format("%Y-%m-%d").to_string(),
    }
}

/// How [`unique_keys`] told issues apart that shared a key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyClashes {
    /// Issues keyed by number and date (`204-2015-11-30`): their number is shared.
    pub by_number_and_date: usize,
    /// Issues keyed by their file name: their number and date, or their
    /// date (with no number), are shared.
    pub by_file_name: usize,
    /// Issues keyed by their file name and `-2`, `-3`…: even that is shared.
    pub by_position: usize,
}

impl KeyClashes {
    /// One line for the user, `None` when no key was shared.
    pub fn describe(&self) -> Option<String> {
        let issues = |n: usize| if n == 1 { format!("{n} issue shares") } else { format!("{n} issues share") };
        let mut parts = Vec::new();
        if self.by_number_and_date > 0 {
            parts.push(format!("{} a number: keyed by number and date", issues(self.by_number_and_date)));
        }
        if self.by_file_name > 0 {
            parts.push(format!("{} a number and date, or a date: keyed by file name", issues(self.by_file_name)));
        }
        if self.by_position > 0 {
            parts.push(format!("{} a file name too: keyed by file name and position", issues(self.by_position)));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// One key per issue (given in archive order), unique in the archive, so
/// no two issues write the same page: the number when no other issue has
/// it, else number and date (`204-2015-11-30`); the date for an issue
/// without a number when no other issue has it; else the file's stem,
/// slugged (its folder's name for an `index.md`); else that and `-2`,
/// `-3`… in archive order. A key that another issue's key equals at any
/// step moves on to the next step too.
pub fn unique_keys<'a>(
    issues: impl IntoIterator<Item = (Option<u32>, DateTime<FixedOffset>, &'a Path)>,
) -> (Vec<String>, KeyClashes) {
    let issues: Vec<_> = issues.into_iter().collect();
    let day = |date: &DateTime<FixedOffset>| date.format("%Y-%m-%d").to_string();
    let stem = |path: &Path| {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let name = match name {
            "index" | "_index" => path.parent().and_then(|p| p.file_name()).and_then(|s| s.to_str()).unwrap_or(name),
            _ => name,
        };
        file_slug(name, "issue")
    };
    // The key of each issue at each step: 0 alone, 1 number and date, 2 file name.
    let key_at = |i: usize, step: u8| {
        let (number, date, path) = &issues[i];
        match (step, number) {
            (0, _) => issue_key(*number, date),
            (1, Some(n)) => format!("{n}-{}", day(date)),
            _ => stem(path),
        }
    };
    let mut steps = vec![0u8; issues.len()];
    let mut keys: Vec<String> = (0..issues.len()).map(|i| key_at(i, 0)).collect();
    loop {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for key in &keys {
            *count.entry(key.as_str()).or_default() += 1;
        }
        let shared: Vec<usize> = (0..keys.len()).filter(|&i| count[keys[i].as_str()] > 1 && steps[i] < 2).collect();
        if shared.is_empty() {
            break;
        }
        for i in shared {
            // An issue without a number goes from its date to its file name.
            steps[i] = if steps[i] == 0 && issues[i].0.is_none() { 2 } else { steps[i] + 1 };
            keys[i] = key_at(i, steps[i]);
        }
    }
    // What is still shared (file names alike): `-2`, `-3`… in archive order.
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    for key in &keys {
        *taken.entry(key.clone()).or_default() += 1;
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut clashes = KeyClashes::default();
    for (i, key) in keys.iter_mut().enumerate() {
        if taken[key.as_str()] > 1 {
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                let base = key.clone();
                let fresh = (*n..).map(|k| format!("{base}-{k}")).find(|k| !taken.contains_key(k)).unwrap_or(base);
                taken.insert(fresh.clone(), 1);
                *key = fresh;
            }
            clashes.by_position += 1;
        } else {
            match steps[i] {
                0 => {}
                1 => clashes.by_number_and_date += 1,
                _ => clashes.by_file_name += 1,
            }
        }
    }
    (keys, clashes)
}

/// One slug per canonical section name, unique across the archive: names
/// that slug alike (or slug to `all`, the whole-issue feed's name) get
/// `-2`, `-3`… in name order; a name with no ASCII letter or digit becomes
/// `section`; the empty name (a section without a heading) has no slug. A name alone gets [`section_slug`].
pub fn section_slugs<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, String> {
    let mut slugs: BTreeMap<String, String> = names.into_iter().map(|n| (n.to_owned(), String::new())).collect();
    let mut taken: BTreeMap<String, usize> = BTreeMap::from([("all".to_owned(), 1)]);
    for (name, slug) in slugs.iter_mut().filter(|(name, _)| !name.is_empty()) {
        let base = file_slug(name, "section");
        let n = taken.entry(base.clone()).or_insert(0);
        *n += 1;
        *slug = if *n == 1 { base } else { format!("{base}-{n}") };
    }
    slugs
}

/// The slug of a section name when no other name of the archive slugs alike.
pub fn section_slug(name: &str) -> String {
    section_slugs([name]).remove(name).unwrap_or_default()
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
    if text.chars().count() <= max {
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
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let after = &text[i + c.len_utf8()..];
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
/// text after it (leading spaces removed).
fn full_stop_ends_sentence(before: &str, next: &str) -> bool {
    if next.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let mut words = before.rsplit(' ');
    let word = words.next().unwrap_or("").trim_start_matches(['(', '[', '"', '\'', '“', '‘']);
    let lower = word.to_lowercase();
    let dotted = !word.is_empty()
        && word.split('.').all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    let version = lower.strip_prefix('v').is_some_and(|v| {
        v.starts_with(|c: char| c.is_ascii_digit()) && v.chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    let numeric_date = is_numeric_date(word);
    let day_of_month =
        (1..=2).contains(&word.len()) && word.chars().all(|c| c.is_ascii_digit()) && words.next().is_some_and(is_month);
    let month_abbreviation = is_month(word) && !MONTHS.contains(&lower.as_str());
    !(dotted
        || version
        || day_of_month
        || numeric_date
        || month_abbreviation
        || ABBREVIATIONS.contains(&lower.as_str()))
}

/// A date of two or three numbers joined by slashes (`9/15`, `06/10/2023`).
fn is_numeric_date(word: &str) -> bool {
    let parts: Vec<&str> = word.split('/').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
}

/// A month name or its abbreviation (`Jun`, `June`, `Sept`), in any case.
pub(crate) fn is_month(word: &str) -> bool {
    let lower = word.trim_end_matches([',', '.']).to_lowercase();
    lower.len() >= 3 && MONTHS.iter().any(|m| m.starts_with(&lower) && (lower.len() <= 4 || *m == lower))
}

/// Whether `text` is only a date: numbers, month and weekday names, ordinal
/// suffixes and punctuation, with a number and a month name or a year
/// (`Jun 10.`, `2023-06-07`, `10th June`, `Jun 10 - Jun 12`; not `1.12.10`).
pub fn is_only_date(text: &str) -> bool {
    const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let (mut digit, mut month_or_year) = (false, false);
    // A number with dots is a date only as day, month and year (`10.06.2023`).
    let dotted = |w: &str| w.contains('.') && (w.split('.').count() != 3 || !w.split('.').any(|p| p.len() == 4));
    if text.split_whitespace().any(|w| dotted(w.trim_matches(|c: char| !c.is_alphanumeric()))) {
        return false;
    }
    // `9/15`, `06/10/2023`: a month and a day, written with slashes.
    month_or_year |= text.split_whitespace().any(|w| is_numeric_date(w.trim_end_matches(['.', ',', ':'])));
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let lower = word.to_lowercase();
        let number = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
            if !["", "st", "nd", "rd", "th"].contains(&&lower[number.len()..]) {
                return false;
            }
            digit = true;
            month_or_year |= number.len() == 4;
            continue;
        }
        let weekday =
            lower.len() >= 3 && WEEKDAYS.iter().any(|d| d.starts_with(&lower) && (lower.len() <= 3 || *d == lower));
        if is_month(word) {
            month_or_year = true;
        } else if !weekday {
            return false;
        }
    }
    digit && month_or_year
}

/// A file-name-safe slug: lower-case ASCII letters and digits, words joined
/// by `-`. Letters with accents lose them; other characters separate words.
/// Returns an empty string when nothing is left (callers pick a fallback).
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        let c = fold_ascii(c);
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// A slug safe as a file name on every system: [`slugify`], with `fallback`
/// when nothing is left, and `-<fallback>` added to names Windows reserves
/// for devices (`con`, `nul`, `com1`…).
pub fn file_slug(name: &str, fallback: &str) -> String {
    const RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];
    let slug = slugify(name);
    let device = RESERVED.contains(&slug.as_str())
        || (slug.len() == 4
            && (slug.starts_with("com") || slug.starts_with("lpt"))
            && slug.ends_with(|c: char| c.is_ascii_digit()));
    match slug {
        s if s.is_empty() => fallback.to_owned(),
        s if device => format!("{s}-{fallback}"),
        s => s,
    }
}

/// The file-name slug of each topic (`Service Mesh` → `service-mesh`), for
/// its feeds and charts: `-2`, `-3` for names that slug alike, `topic-<n>`
/// for names with no letter or digit.
pub fn topic_slugs(topics: &[String]) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    topics
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let base = file_slug(name, &format!("topic-{}", i + 1));
            let slug = (1..)
                .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
                .find(|s| !taken.contains(s))
                .unwrap_or(base);
            taken.insert(slug.clone());
            slug
        })
        .collect()
}

/// Latin letters with diacritics to their base letter; anything else unchanged.
fn fold_ascii(c: char) -> char {
    const FROM: &str = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ";
    const TO: &str = "aaaaaaceeeeiiiinoooooouuuuyyAAAAAACEEEEIIIINOOOOOOUUUUY";
    if c.is_ascii() {
        return c;
    }
    FROM.chars().position(|f| f == c).and_then(|i| TO.chars().nth(i)).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(issues: &[(Option<u32>, &str, &str)]) -> (Vec<String>, KeyClashes) {
        let dates: Vec<_> =
            issues.iter().map(|(_, d, _)| DateTime::parse_from_rfc3339(&format!("{d}T00:00:00Z")).unwrap()).collect();
        unique_keys(issues.iter().zip(&dates).map(|((n, _, p), d)| (*n, *d, Path::new(*p))))
    }

    #[test]
    fn unique_numbers_and_dates_are_the_keys() {
        let (k, clashes) =
            keys(&[(Some(204), "2014-11-30", "a.md"), (Some(205), "2014-12-07", "b.md"), (None, "2014-12-14", "c.md")]);
        assert_eq!(k, ["204", "205", "2014-12-14"]);
        assert_eq!(clashes, KeyClashes::default());
        assert_eq!(clashes.describe(), None);
    }

    #[test]
    fn shared_numbers_add_the_date() {
        // nixos-weekly numbers its issues again each year.
        let (k, clashes) = keys(&[
            (Some(1), "2019-01-17", "01-x.md"),
            (Some(2), "2019-02-07", "02-y.md"),
            (Some(1), "2020-01-10", "01-nixos-weekly-2020-01.md"),
            (Some(3), "2020-03-18", "03.md"),
        ]);
        assert_eq!(k, ["1-2019-01-17", "2", "1-2020-01-10", "3"]);
        assert_eq!(clashes, KeyClashes { by_number_and_date: 2, ..KeyClashes::default() });
        assert_eq!(clashes.describe().as_deref(), Some("2 issues share a number: keyed by number and date"));
    }

    #[test]
    fn shared_number_and_date_or_date_take_the_file_name() {
        let (k, clashes) = keys(&[
            (Some(7), "2020-01-05", "_posts/2020-01-05-seven.md"),
            (Some(7), "2020-01-05", "_posts/2020-01-05-Seven Again.md"),
            (None, "2020-02-02", "2020-02-02-a.md"),
            (None, "2020-02-02", "2020-02-02/index.md"),
        ]);
        assert_eq!(k, ["2020-01-05-seven", "2020-01-05-seven-again", "2020-02-02-a", "2020-02-02"]);
        assert_eq!(clashes, KeyClashes { by_file_name: 4, ..KeyClashes::default() });
    }

    #[test]
    fn shared_file_names_take_a_position() {
        let (k, clashes) = keys(&[
            (None, "2020-02-02", "a/issue.md"),
            (None, "2020-02-02", "b/issue.md"),
            (None, "2020-02-02", "c/issue.md"),
            (None, "2020-02-02", "issue-2.md"),
        ]);
        // `issue-2` is another file's name: the third `issue` is `issue-3`.
        assert_eq!(k, ["issue", "issue-3", "issue-4", "issue-2"]);
        assert_eq!(clashes, KeyClashes { by_file_name: 1, by_position: 3, ..KeyClashes::default() });
        assert_eq!(
            clashes.describe().as_deref(),
            Some(
                "1 issue shares a number and date, or a date: keyed by file name; \
                 3 issues share a file name too: keyed by file name and position"
            )
        );
    }

    #[test]
    fn a_file_name_that_is_another_issues_key_moves_that_one_on() {
        // `12.md` (date shared) would take key `12`, the number of another issue.
        let (k, _) =
            keys(&[(None, "2020-01-01", "12.md"), (None, "2020-01-01", "x.md"), (Some(12), "2020-05-05", "y.md")]);
        assert_eq!(k, ["12", "x", "12-2020-05-05"]);
        let mut sorted = k.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 3);
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("News"), "news");
        assert_eq!(slugify("CNCF - Cloud Native Computing Foundation"), "cncf-cloud-native-computing-foundation");
        assert_eq!(slugify("  Événements & Talks! "), "evenements-talks");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("🚀"), "");
    }

    #[test]
    fn topic_slugs_are_unique() {
        let names = ["Service Mesh", "service-mesh", "C++", "🚀", "NUL"].map(String::from);
        assert_eq!(topic_slugs(&names), ["service-mesh", "service-mesh-2", "c", "topic-4", "nul-topic-5"]);
    }

    #[test]
    fn file_slugs_are_never_empty_or_device_names() {
        assert_eq!(file_slug("News", "section"), "news");
        assert_eq!(file_slug("🚀", "section"), "section");
        assert_eq!(file_slug(".", "section"), "section");
        assert_eq!(file_slug("", "topic"), "topic");
        assert_eq!(file_slug("CON", "section"), "con-section");
        assert_eq!(file_slug("com1", "section"), "com1-section");
        assert_eq!(file_slug("Command", "section"), "command");
    }

    #[test]
    fn first_sentence_stops_at_full_stop() {
        assert_eq!(first_sentence("A good read. More here.", 100), "A good read.");
        assert_eq!(first_sentence("Version 1.2 is out", 100), "Version 1.2 is out");
    }

    #[test]
    fn abbreviations_dates_and_versions_do_not_end_a_sentence() {
        let cases = [
            ("Meet us on Jun 10. Virtual meetup with talks. More.", "Meet us on Jun 10. Virtual meetup with talks."),
            ("Use a flag, e.g. --fast. It helps.", "Use a flag, e.g. --fast."),
            ("See i.e. this one. Then more.", "See i.e. this one."),
            ("Dr. Smith spoke at the U.S. Army hall. Next.", "Dr. Smith spoke at the U.S. Army hall."),
            ("Released v1.2. Upgrade now! Soon.", "Released v1.2. Upgrade now!"),
            ("Out since Sept. 2 and J. R. R. Tolkien agrees. Yes.", "Out since Sept. 2 and J. R. R. Tolkien agrees."),
            ("He said \"stop.\" Then left.", "He said \"stop.\""),
            ("Rust 1.70. It is out.", "Rust 1.70."),
            ("Out in May. Next month.", "Out in May."),
            ("A question? Yes.", "A question?"),
            ("9/15. San Diego Rust Meetup #8. More.", "9/15. San Diego Rust Meetup #8."),
        ];
        for (text, sentence) in cases {
            assert_eq!(first_sentence(text, 100), sentence, "{text}");
        }
    }

    #[test]
    fn only_a_date() {
        for date in [
            "Jun 10.",
            "2023-06-07",
            "10th June",
            "Jun 10 - Jun 12",
            "August 19th, 2020",
            "Mon, Jun 10",
            "10.06.2023",
            "9/15.",
            "06/10/2023",
        ] {
            assert!(is_only_date(date), "{date}");
        }
        for text in [
            "1.12.10",
            "1.22: August 2, 2021",
            "Jun 10 - Jun 12 | Virtual | Meetup",
            "10",
            "June",
            "U.S. 2020",
            "",
            "1/2 cup",
        ] {
            assert!(!is_only_date(text), "{text}");
        }
    }

    fn item(title_line: Option<&str>, title_link: bool, text: &str, links: &[&str]) -> Item {
        Item {
            title_line: title_line.map(str::to_owned),
            title_link,
            subsection: None,
            text: text.to_owned(),
            html: String::new(),
            links: links
                .iter()
                .enumerate()
                .map(|(i, t)| Link { url: format!("https://x.example/{i}"), text: (*t).to_owned(), line: 1 })
                .collect(),
            line: 1,
        }
    }

    #[test]
    fn title_is_never_only_a_date() {
        assert_eq!(
            item(Some("Jun 10."), false, "Virtual | Rust Meetup", &["Rust Meetup"]).title(),
            "Virtual | Rust Meetup"
        );
        assert_eq!(item(None, false, "Jun 10. Rust Meetup", &["Jun 10", "Rust Meetup"]).title(), "Jun 10. Rust Meetup");
        assert_eq!(item(None, false, "2023-06-07. Meetup", &["2023-06-07", "Rust Meetup"]).title(), "Rust Meetup");
        assert_eq!(
            item(None, true, "Jun 12 | Virtual | Meetup", &["Jun 12", "Meetup"]).title(),
            "Jun 12 | Virtual | Meetup"
        );
        let long = format!("2023-06-07. {}", "Word ".repeat(30));
        assert_eq!(item(None, false, &long, &[]).title(), format!("2023-06-07.{}…", " Word".repeat(17)));
    }

    #[test]
    fn title_is_the_heading_link_text() {
        assert_eq!(item(None, true, "etcd v3.7.1: new patch release", &["etcd v3.7.1"]).title(), "etcd v3.7.1");
        assert_eq!(item(None, false, "Nix is now in Debian", &["Nix"]).title(), "Nix is now in Debian");
    }

    #[test]
    fn first_sentence_cuts_at_word_boundary() {
        let text = "word ".repeat(40);
        let title = first_sentence(&text, 100);
        assert!(title.chars().count() <= 100, "{title}");
        assert!(title.ends_with("word…"), "{title}");
    }
}
