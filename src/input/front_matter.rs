//! Front matter: the metadata block at the top of an issue file, in any
//! of three dialects, and the dates and issue numbers found in it.
//!
//! - YAML between `---` lines (Jekyll, Hugo, Zola's YAML mode);
//! - TOML between `+++` lines (Hugo, Zola);
//! - `Key: value` header lines up to the first blank line (Pelican,
//!   MultiMarkdown), when they include a `title` or `date` key.
//!
//! Keys are case-insensitive; unknown keys are ignored. A file with none
//! of these is read as a body alone (its date and title are then found by
//! the caller, in the file name and the first heading). Leaves the body
//! alone: it returns where the body starts.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use regex::Regex;
use serde_yaml_ng::Value;

use crate::error::{ErrorKind, Spot};

/// What the front matter says, with the place of each value for errors.
#[derive(Debug, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<(String, Spot)>,
    pub number: Option<u32>,
    /// Lines of the `number:` (or `issue:`) and `title:` keys, for warnings
    /// about the number.
    pub number_line: Option<usize>,
    pub title_line: Option<usize>,
    /// `draft: true`, `status: draft` (Pelican) or `published: false` (Jekyll).
    pub draft: bool,
    /// Whether the file has a front matter block at all.
    pub present: bool,
    /// Byte offset where the body starts.
    pub body_start: usize,
    /// Line number of the body's first line.
    pub body_line: usize,
}

/// A front-matter value: text, or a TOML date, or a boolean.
enum Scalar {
    Text(String),
    Bool(bool),
}

/// Splits off and reads the front matter. A file without any is all body:
/// `present` is false and nothing else is set.
pub fn parse(text: &str) -> Result<FrontMatter, (ErrorKind, Spot)> {
    let first = text.lines().next().unwrap_or("").trim_end();
    match first {
        "---" => fenced(text, "---", parse_yaml),
        "+++" => fenced(text, "+++", parse_toml),
        _ => Ok(header_lines(text).unwrap_or(FrontMatter { body_line: 1, ..FrontMatter::default() })),
    }
}

type Pairs = Vec<(String, Scalar)>;

/// Reads a block fenced by `fence` lines with `read`, which gets the block
/// and the line it starts on.
fn fenced(
    text: &str,
    fence: &str,
    read: fn(&str) -> Result<Pairs, (String, Spot)>,
) -> Result<FrontMatter, (ErrorKind, Spot)> {
    let lines = line_spans(text).skip(1);
    let block_start = lines.clone().next().map_or(text.len(), |(s, _)| s);
    let closing = lines.enumerate().find(|(_, (s, e))| {
        let line = text[*s..*e].trim_end();
        line == fence || (fence == "---" && line == "...")
    });
    let Some((index, (block_end, close_end))) = closing else {
        return Err((ErrorKind::UnclosedFrontMatter { fence: fence.to_owned() }, Spot::at(1, 1)));
    };
    let block = &text[block_start..block_end];
    let pairs = read(block).map_err(|(message, spot)| {
        // Parsers count lines from the start of the block, which is line 2.
        (ErrorKind::BadFrontMatter(message), Spot { line: spot.line + 1, ..spot })
    })?;
    let front = FrontMatter {
        present: true,
        body_start: (close_end + 1).min(text.len()),
        body_line: index + 3,
        ..FrontMatter::default()
    };
    Ok(collect(front, pairs, block, 1))
}

fn parse_yaml(block: &str) -> Result<Pairs, (String, Spot)> {
    if block.trim().is_empty() {
        return Ok(Vec::new());
    }
    if let Some(pairs) = super::simple_yaml::pairs(block) {
        return Ok(pairs.into_iter().map(|(k, v)| (k, Scalar::Text(v))).collect());
    }
    let value: Value = serde_yaml_ng::from_str(block).map_err(|e| {
        let spot = e.location().map_or(Spot::at(1, 1), |l| Spot::at(l.line(), l.column()));
        let message = e.to_string();
        (message.split(" at line ").next().unwrap_or(&message).to_owned(), spot)
    })?;
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Mapping(map) => Ok(map
            .into_iter()
            .filter_map(|(k, v)| {
                let value = match untagged(v) {
                    Value::String(s) => Scalar::Text(s),
                    Value::Number(n) => Scalar::Text(n.to_string()),
                    Value::Bool(b) => Scalar::Bool(b),
                    _ => return None,
                };
                Some((k.as_str()?.to_owned(), value))
            })
            .collect()),
        _ => Err(("expected `key: value` lines".to_owned(), Spot::at(1, 1))),
    }
}

/// A value without its YAML tags: `! 'Issue #4'` (the non-specific tag
/// that old Jekyll exports write), `!!str 4` or `!custom x` are the value
/// they tag.
fn untagged(value: Value) -> Value {
    match value {
        Value::Tagged(tagged) => {
            let serde_yaml_ng::value::TaggedValue { value, .. } = *tagged;
            untagged(value)
        }
        value => value,
    }
}

fn parse_toml(block: &str) -> Result<Pairs, (String, Spot)> {
    let table: toml::Table = toml::from_str(block).map_err(|e| {
        let spot = e.span().map_or(Spot::at(1, 1), |span| {
            let line = 1 + block[..span.start].matches('\n').count();
            let column = 1 + block[..span.start].rsplit('\n').next().map_or(0, |l| l.chars().count());
            Spot { line, column, width: span.len().max(1) }
        });
        (e.message().to_owned(), spot)
    })?;
    Ok(table
        .into_iter()
        .filter_map(|(k, v)| {
            let value = match v {
                toml::Value::String(s) => Scalar::Text(s),
                toml::Value::Integer(n) => Scalar::Text(n.to_string()),
                toml::Value::Datetime(d) => Scalar::Text(d.to_string()),
                toml::Value::Boolean(b) => Scalar::Bool(b),
                _ => return None,
            };
            Some((k, value))
        })
        .collect())
}

static HEADER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z][A-Za-z0-9_ -]{0,30}):(?:\s+(.*?))?\s*$").expect("valid regex"));

/// Pelican / MultiMarkdown headers: `Key: value` lines up to the first blank
/// line. Only taken as front matter when a `title` or `date` key is there.
fn header_lines(text: &str) -> Option<FrontMatter> {
    let mut pairs = Vec::new();
    let mut end = (0, 0, 1);
    for (index, (start, stop)) in line_spans(text).enumerate() {
        let line = text[start..stop].trim_end();
        if line.is_empty() {
            end = (start, stop, index + 1);
            break;
        }
        let captures = HEADER_LINE.captures(line)?;
        let value = captures.get(2).map_or("", |m| m.as_str());
        pairs.push((captures[1].trim().to_owned(), Scalar::Text(value.to_owned())));
        end = (stop, stop, index + 1);
    }
    if !pairs.iter().any(|(k, _)| k.eq_ignore_ascii_case("title") || k.eq_ignore_ascii_case("date")) {
        return None;
    }
    let block = &text[..end.0];
    let front = FrontMatter {
        present: true,
        body_start: (end.1 + 1).min(text.len()),
        body_line: end.2 + 1,
        ..FrontMatter::default()
    };
    Some(collect(front, pairs, block, 0))
}

/// Fills `front` from key/value pairs; `block` (which starts `offset` lines
/// into the file) locates values for errors.
fn collect(mut front: FrontMatter, pairs: Pairs, block: &str, offset: usize) -> FrontMatter {
    // A publication date under another name, used when there is no `date`.
    let mut other_date = None;
    for (key, value) in pairs {
        let key = key.to_ascii_lowercase();
        let text = match &value {
            Scalar::Text(t) => t.trim().to_owned(),
            Scalar::Bool(b) => b.to_string(),
        };
        let located = |text: &str| {
            let mut spot = value_spot(block, &key, text);
            spot.line += offset;
            Some((unquote(text).to_owned(), spot))
        };
        let key_line = || Some(value_spot(block, &key, &text).line + offset);
        let is_false = matches!(value, Scalar::Bool(false)) || text.eq_ignore_ascii_case("false");
        let is_true = matches!(value, Scalar::Bool(true)) || text.eq_ignore_ascii_case("true");
        match key.as_str() {
            "title" => {
                front.title = Some(unescape_markdown(unquote(&text)));
                front.title_line = key_line();
            }
            "date" => front.date = located(&text),
            "pubdate" | "publishdate" | "publish_date" | "published_at" | "created" => {
                other_date = other_date.or_else(|| located(&text));
            }
            "number" | "issue" => {
                front.number = unquote(&text).parse().ok();
                front.number_line = key_line();
            }
            "draft" => front.draft |= is_true,
            "status" => front.draft |= unquote(&text).eq_ignore_ascii_case("draft"),
            // Jekyll's `published: false`; elsewhere `published` may be a date.
            "published" if is_false => front.draft = true,
            "published" if !is_true && !text.is_empty() => other_date = other_date.or_else(|| located(&text)),
            _ => {}
        }
    }
    if front.date.is_none() {
        front.date = other_date;
    }
    front
}

/// Header lines keep quotes that YAML and TOML would have removed.
fn unquote(text: &str) -> &str {
    let t = text.trim();
    for q in ['"', '\''] {
        if let Some(inner) = t.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return inner;
        }
    }
    t
}

/// Where `key:`'s value is written in `block` (1-based, within the block).
fn value_spot(block: &str, key: &str, value: &str) -> Spot {
    for (index, line) in block.lines().enumerate() {
        let trimmed = line.trim_start();
        let is_key = trimmed.len() > key.len()
            && trimmed.is_char_boundary(key.len())
            && trimmed[..key.len()].eq_ignore_ascii_case(key)
            && matches!(trimmed[key.len()..].trim_start().chars().next(), Some(':' | '='));
        if is_key {
            let column = line.find(value).map_or(1, |i| 1 + line[..i].chars().count());
            return Spot { line: index + 1, column, width: value.chars().count().max(1) };
        }
    }
    Spot::at(1, 1)
}

/// `(start, end)` byte spans of each line, without the line ending.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + Clone + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let span = (start, end);
        start = end + 1;
        Some(span)
    })
}

/// Removes CommonMark backslash escapes (`\#` → `#`).
pub fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Parses a front-matter date, in the shapes that site generators and
/// mail tools write:
///
/// - RFC 3339 with or without an offset (`2015-11-22T14:02:45+00:00`,
///   fractions of a second too), RFC 2822 (`Sun, 22 Nov 2015 14:02:45 +0000`);
/// - `YYYY-MM-DD HH:MM[:SS[.fff]]`, with or without an offset after a space
///   (`2023-06-21 05:40:00 -0000`) and a zone name after it (Go and Hugo's
///   `+0100 CET`), or `UTC`/`GMT`/`Z`;
/// - a date alone: `YYYY-MM-DD` (one-digit month and day too), `YYYY/MM/DD`,
///   `YYYY.MM.DD`, month first with `-` or `/` (`06-29-2022`, as
///   JavaScript's `Date` and so Docusaurus read it; day first when the first
///   number cannot be a month, `29-06-2022`), day first with dots
///   (`29.06.2022`), and with the month's name (`June 29, 2022`,
///   `29 June 2022`, `22nd November 2015`, `Jun 29 2022`).
///
/// A date without an offset is taken in `zone` (UTC when `None`). Years
/// outside 1–9999, which RFC 822 and RFC 3339 cannot write, are refused, as
/// are dates not on the calendar (`2022-02-29`).
pub fn parse_date(text: &str, zone: Option<Tz>) -> Option<DateTime<FixedOffset>> {
    parse_any_date(text, zone).filter(|d| (1..=9999).contains(&d.year()))
}

/// The first day of the year, or of the month, that an unfinished date
/// starts with (`2021-(TODO: MM-DD)` → 2021-01-01, `2021-07-??` →
/// 2021-07-01); `None` when it does not start with a year, or when it is
/// a whole date that does not exist (`2015-02-30` stays an error).
pub fn partial_date(text: &str, zone: Option<Tz>) -> Option<DateTime<FixedOffset>> {
    let text = text.trim().trim_matches(['"', '\'']);
    let numbers = text.split(['-', '/', '.', ' ', 'T']).take(3);
    if numbers.filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())).count() == 3 {
        return None;
    }
    let year: i32 = text.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
    let rest = &text[4..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let month = rest
        .strip_prefix(['-', '/', '.'])
        .map(|r| r.bytes().take_while(u8::is_ascii_digit).collect::<Vec<u8>>())
        .filter(|d| (1..=2).contains(&d.len()))
        .and_then(|d| String::from_utf8(d).ok()?.parse::<u32>().ok())
        .filter(|m| (1..=12).contains(m))
        .unwrap_or(1);
    parse_date(&format!("{year:04}-{month:02}-01"), zone)
}

/// Date-and-time shapes with an offset, after [`DateTime::parse_from_rfc3339`].
const WITH_OFFSET: [&str; 6] = [
    "%Y-%m-%d %H:%M:%S%.f%:z",
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%.f %z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%dT%H:%M%:z",
];

/// Date-and-time shapes without one.
const LOCAL: [&str; 6] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
];

/// Date shapes, in the order they are tried: the ISO order first, then
/// month first (as JavaScript reads `06-29-2022`), then day first.
const DAY: [&str; 11] = [
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%m-%d-%Y",
    "%m/%d/%Y",
    "%d-%m-%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%B %d %Y",
    "%d %B %Y",
    "%A %B %d %Y",
];

static ZONE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?[0-9])\s*(?:([+-][0-9]{2}:?[0-9]{2})\s*)?\(?(?:UTC|GMT|Z|[A-Z]{3,5})\)?$").expect("valid regex")
});

static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([0-9]{1,2})(?:st|nd|rd|th)\b").expect("valid regex"));

fn parse_any_date(text: &str, zone: Option<Tz>) -> Option<DateTime<FixedOffset>> {
    let text = unquote(text.trim());
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some(date);
    }
    if let Ok(date) = DateTime::parse_from_rfc2822(text) {
        return Some(date);
    }
    for format in WITH_OFFSET {
        if let Ok(date) = DateTime::parse_from_str(text, format) {
            return Some(date);
        }
    }
    // A zone name after the time: `+0100 CET` keeps the offset; `UTC`,
    // `GMT` or `Z` alone is +00:00. Other names alone are not known.
    if let Some(c) = ZONE_NAME.captures(text) {
        let named = text[c.get(1).map_or(0, |m| m.end())..].trim();
        let offset = match c.get(2) {
            Some(offset) => offset.as_str().to_owned(),
            None if ["UTC", "GMT", "Z", "(UTC)", "(GMT)"].contains(&named) => "+0000".to_owned(),
            None => return None,
        };
        let rebuilt = format!("{} {offset}", &c[1]);
        if let Some(date) = WITH_OFFSET.iter().find_map(|f| DateTime::parse_from_str(&rebuilt, f).ok()) {
            return Some(date);
        }
    }
    let local = |naive: NaiveDateTime| match zone {
        Some(zone) => zone.from_local_datetime(&naive).earliest().map(|d| d.with_timezone(&d.offset().fix())),
        None => Some(naive.and_utc().fixed_offset()),
    };
    for format in LOCAL {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return local(naive);
        }
    }
    // `22nd November, 2015` → `22 November 2015`.
    let words = ORDINAL.replace_all(text, "$1").replace(',', " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    DAY.iter()
        .find_map(|format| NaiveDate::parse_from_str(&words, format).ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(local)
}

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:#|\bissue\s*#?\s*|\bno\.\s*)([0-9]{1,9})\b").expect("valid regex"));

/// The issue number written in a title: `#255`, `Issue 255`, `No. 255`.
/// Digits that go on as a date, a year's issue or a version (`Issue
/// 2018-3`, `#2022-W21`, `No. 1.5`) are no issue number.
pub fn number_in(title: &str) -> Option<u32> {
    NUMBER.captures_iter(title).find_map(|c| {
        let digits = c.get(1)?;
        let rest = &title.as_bytes()[digits.end()..];
        let goes_on = match rest {
            [b'-' | b'.' | b'/', d, ..] if d.is_ascii_digit() => true,
            [b'-', b'W' | b'w', d, ..] if d.is_ascii_digit() => true,
            _ => false,
        };
        if goes_on { None } else { digits.as_str().parse().ok() }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_yaml_title_and_date_with_offset() {
        let text = "---\ntitle: DEVOPS WEEKLY ISSUE \\#255 - 22nd November 2015 \ndate: 2015-11-22T14:02:45+00:00\n---\n\nBody";
        let front = parse(text).unwrap();
        assert_eq!(front.title.as_deref(), Some("DEVOPS WEEKLY ISSUE #255 - 22nd November 2015"));
        assert_eq!(front.date, Some(("2015-11-22T14:02:45+00:00".into(), Spot { line: 3, column: 7, width: 25 })));
        assert_eq!(&text[front.body_start..], "\nBody");
        assert_eq!(front.body_line, 5);
    }

    #[test]
    fn yaml_keys_are_case_insensitive_and_extra_keys_ignored() {
        let text = "---\nlayout: post\nTitle: \"Weekly 3\"\nTags: [a, b]\nDATE: 2020-01-05\nDraft: true\n---\n";
        let front = parse(text).unwrap();
        assert_eq!(front.title.as_deref(), Some("Weekly 3"));
        assert_eq!(front.date.unwrap().0, "2020-01-05");
        assert!(front.draft);
    }

    #[test]
    fn reads_toml_front_matter() {
        let text = "+++\ntitle = \"Weekly No. 4\"\ndate = 2021-03-04T10:00:00Z\nnumber = 4\n+++\n\n# News\n";
        let front = parse(text).unwrap();
        assert_eq!(front.title.as_deref(), Some("Weekly No. 4"));
        assert_eq!(front.date.unwrap().0, "2021-03-04T10:00:00Z");
        assert_eq!(front.number, Some(4));
        assert_eq!(&text[front.body_start..], "\n# News\n");
    }

    #[test]
    fn toml_error_has_line_and_column() {
        let (kind, spot) = parse("+++\ntitle = \"a\"\ndate = = 3\n+++\n").unwrap_err();
        assert!(matches!(kind, ErrorKind::BadFrontMatter(_)), "{kind:?}");
        assert_eq!(spot.line, 3);
    }

    #[test]
    fn reads_pelican_header_lines() {
        let text = "Title: Weekly 12\nDate: 2020-12-2\nNumber: 12\nCategory: news\n\n# News\n";
        let front = parse(text).unwrap();
        assert_eq!(front.title.as_deref(), Some("Weekly 12"));
        assert_eq!(front.date.as_ref().unwrap().0, "2020-12-2");
        assert_eq!(front.date.unwrap().1.line, 2);
        assert_eq!(front.number, Some(12));
        assert_eq!(front.body_line, 6);
        assert_eq!(&text[front.body_start..], "# News\n");
    }

    #[test]
    fn prose_is_not_header_lines() {
        let front = parse("Note: this week is short.\n\n# News\n").unwrap();
        assert!(!front.present);
        assert_eq!((front.body_start, front.body_line), (0, 1));
        assert_eq!((front.title, front.date), (None, None));
    }

    #[test]
    fn unclosed_front_matter() {
        let (kind, spot) = parse("---\ntitle: x\n\nNews\n").unwrap_err();
        assert_eq!(kind, ErrorKind::UnclosedFrontMatter { fence: "---".into() });
        assert_eq!(spot.line, 1);
    }

    #[test]
    fn without_front_matter_the_whole_file_is_body() {
        let front = parse("# This week in Nu #5\n\nNews\n").unwrap();
        assert!(!front.present && !front.draft);
        assert_eq!((front.body_start, front.body_line), (0, 1));
        assert!(parse("").is_ok_and(|f| !f.present));
    }

    #[test]
    fn yaml_error_line_counts_from_file_start() {
        let (kind, spot) = parse("---\ntitle: a\ndate: [2015\n---\n").unwrap_err();
        assert!(matches!(kind, ErrorKind::BadFrontMatter(_)), "{kind:?}");
        assert_eq!(spot.line, 4);
    }

    #[test]
    fn dates() {
        let d = |s| parse_date(s, None).map(|d| d.to_rfc3339());
        assert_eq!(d("2017-08-13T12:59:06+01:00").as_deref(), Some("2017-08-13T12:59:06+01:00"));
        assert_eq!(d("2020-12-2").as_deref(), Some("2020-12-02T00:00:00+00:00"));
        assert_eq!(d("2020-12-02 09:30").as_deref(), Some("2020-12-02T09:30:00+00:00"));
        assert_eq!(d("2020-12-02T09:30:00").as_deref(), Some("2020-12-02T09:30:00+00:00"));
        assert_eq!(d("2015-02-30"), None);
        assert_eq!(d("+10000-01-01T00:00:00Z"), None, "RFC 822 writes four-digit years");
        assert_eq!(d("-0001-01-01"), None);
        assert_eq!(d("yesterday"), None);
    }

    #[test]
    fn yaml_tags_are_the_value_they_tag() {
        // swift-weekly-brief: `title: ! 'Issue #4'`.
        let front = parse("---\nlayout: post\ntitle: ! 'Issue #4'\nauthor: jsq\n---\n\nBody\n").unwrap();
        assert_eq!(front.title.as_deref(), Some("Issue #4"));
        let front = parse("---\ntitle: !!str 2024\ndate: !!str 2020-01-05\nnumber: !custom 7\n---\n").unwrap();
        assert_eq!(front.title.as_deref(), Some("2024"));
        assert_eq!(front.date.unwrap().0, "2020-01-05");
        assert_eq!(front.number, Some(7));
    }

    #[test]
    fn lines_of_the_number_and_title_keys() {
        for (text, lines) in [
            ("---\nlayout: post\ntitle: Issue 7\nnumber: 7\n---\n", (Some(3), Some(4))),
            ("+++\nlayout = \"post\"\ntitle = \"Issue 7\"\nnumber = 7\n+++\n", (Some(3), Some(4))),
            ("Layout: post\nTitle: Issue 7\nNumber: 7\n\nBody\n", (Some(2), Some(3))),
        ] {
            let front = parse(text).unwrap();
            assert_eq!((front.title_line, front.number_line), lines, "{text:?}");
        }
        assert_eq!(parse("---\ntitle: Issue 7\n---\n").unwrap().number_line, None);
    }

    #[test]
    fn drafts_in_every_dialect() {
        for text in [
            "---\ntitle: a\ndraft: true\n---\n",
            "+++\ntitle = \"a\"\ndraft = true\n+++\n",
            "Title: a\nStatus: draft\n\nBody\n",
            "---\ntitle: a\nstatus: Draft\n---\n",
            "---\ntitle: a\npublished: false\n---\n",
        ] {
            assert!(parse(text).unwrap().draft, "{text:?}");
        }
        for text in
            ["---\ntitle: a\ndraft: false\n---\n", "Title: a\nStatus: published\n\n", "---\npublished: true\n---\n"]
        {
            assert!(!parse(text).unwrap().draft, "{text:?}");
        }
        // A header key after `draft: true` does not undo it.
        assert!(parse("---\ndraft: true\nstatus: published\n---\n").unwrap().draft);
    }

    #[test]
    fn publication_date_under_other_names() {
        let front = parse("---\ntitle: a\npubDate: 2020-01-05\n---\n").unwrap();
        assert_eq!(front.date, Some(("2020-01-05".into(), Spot { line: 3, column: 10, width: 10 })));
        let front = parse("+++\ntitle = \"a\"\npublishDate = 2020-01-05\n+++\n").unwrap();
        assert_eq!(front.date.unwrap().0, "2020-01-05");
        let front = parse("---\npublished: 2020-01-05\n---\n").unwrap();
        assert_eq!((front.date.unwrap().0.as_str(), front.draft), ("2020-01-05", false));
        // `date` wins, wherever it is.
        let front = parse("---\ncreated: 2019-12-31\ndate: 2020-01-05\npubDate: 2020-01-06\n---\n").unwrap();
        assert_eq!(front.date.unwrap().0, "2020-01-05");
        let front = parse("---\npublished: true\n---\n").unwrap();
        assert_eq!((front.date, front.draft), (None, false));
    }

    #[test]
    fn date_shapes() {
        let d = |s| parse_date(s, None).map(|d| d.to_rfc3339());
        // lwkd (Jekyll): a space before an offset with no colon.
        assert_eq!(d("2023-06-21 05:40:00 -0000").as_deref(), Some("2023-06-21T05:40:00+00:00"));
        assert_eq!(d("2023-06-21 05:40:00 +0530").as_deref(), Some("2023-06-21T05:40:00+05:30"));
        assert_eq!(d("2023-06-21 05:40:00+02:00").as_deref(), Some("2023-06-21T05:40:00+02:00"));
        assert_eq!(d("2023-06-21T05:40:00+0200").as_deref(), Some("2023-06-21T05:40:00+02:00"));
        assert_eq!(d("2023-06-21T05:40:00.123Z").as_deref(), Some("2023-06-21T05:40:00.123+00:00"));
        assert_eq!(d("2023-06-21 05:40:00.5").as_deref(), Some("2023-06-21T05:40:00.500+00:00"));
        // Go and Hugo print a zone name after the offset.
        assert_eq!(d("2020-01-05 10:00:00 +0100 CET").as_deref(), Some("2020-01-05T10:00:00+01:00"));
        assert_eq!(d("2020-01-05 10:00:00 UTC").as_deref(), Some("2020-01-05T10:00:00+00:00"));
        assert_eq!(d("2020-01-05 10:00 GMT").as_deref(), Some("2020-01-05T10:00:00+00:00"));
        assert_eq!(d("2020-01-05 10:00:00 CET"), None, "a zone name alone says no offset");
        // RFC 2822 (mail tools, RSS exports).
        assert_eq!(d("Sun, 22 Nov 2015 14:02:45 +0000").as_deref(), Some("2015-11-22T14:02:45+00:00"));
        // this-week-in-react (Docusaurus): month first, as JavaScript reads it.
        assert_eq!(d("06-29-2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
        assert_eq!(d("08-01-2022").as_deref(), Some("2022-08-01T00:00:00+00:00"));
        assert_eq!(d("6/29/2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
        // Day first when the first number cannot be a month, and with dots.
        assert_eq!(d("29-06-2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
        assert_eq!(d("29.06.2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
        assert_eq!(d("2022/06/29").as_deref(), Some("2022-06-29T00:00:00+00:00"));
        assert_eq!(d("2022/06/29 08:15").as_deref(), Some("2022-06-29T08:15:00+00:00"));
        assert_eq!(d("2022.6.9").as_deref(), Some("2022-06-09T00:00:00+00:00"));
        // Month names, ordinals, commas.
        assert_eq!(d("June 29, 2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
        assert_eq!(d("Jun 29 2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
        assert_eq!(d("29 June 2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
        assert_eq!(d("22nd November 2015").as_deref(), Some("2015-11-22T00:00:00+00:00"));
        assert_eq!(d("Sunday, November 22nd, 2015").as_deref(), Some("2015-11-22T00:00:00+00:00"));
        // Quotes left by header lines.
        assert_eq!(d("\"2020-01-05\"").as_deref(), Some("2020-01-05T00:00:00+00:00"));
        assert_eq!(d("'06-29-2022'").as_deref(), Some("2022-06-29T00:00:00+00:00"));
        // Not on the calendar, or not dates.
        assert_eq!(d("2022-02-29 07:10:00 -0000"), None);
        assert_eq!(d("2022-02-29"), None);
        assert_eq!(d("02-29-2022"), None);
        assert_eq!(d("2024-04-17 14:4g5:00 -0000"), None);
        assert_eq!(d("2021-(TODO: MM-DD)"), None);
        assert_eq!(d("13-13-2022"), None);
    }

    #[test]
    fn dates_without_zone_take_the_configured_zone() {
        let zone: Tz = "Europe/London".parse().unwrap();
        let d = |s| parse_date(s, Some(zone)).map(|d| d.to_rfc3339());
        assert_eq!(d("2020-07-01 09:00").as_deref(), Some("2020-07-01T09:00:00+01:00"));
        assert_eq!(d("2020-12-01").as_deref(), Some("2020-12-01T00:00:00+00:00"));
        assert_eq!(d("2020-07-01T09:00:00+05:30").as_deref(), Some("2020-07-01T09:00:00+05:30"));
    }

    #[test]
    fn numbers_in_titles() {
        assert_eq!(number_in("DEVOPS WEEKLY ISSUE #255 - 22nd November 2015"), Some(255));
        assert_eq!(number_in("Issue 204 - 30th November"), Some(204));
        assert_eq!(number_in("This Week in Rust No. 3"), Some(3));
        assert_eq!(number_in("A weekly digest"), None);
        assert_eq!(number_in("This week in Nushell #283 and #284"), Some(283));
        assert_eq!(number_in("Issue 2018-3"), None, "the third issue of 2018");
        assert_eq!(number_in("Newsletter #2022-W21"), None);
        assert_eq!(number_in("Issue 2020-01-05, issue #7"), Some(7));
        assert_eq!(number_in("No. 1.5"), None);
        assert_eq!(number_in("Issue #12. Happy new year"), Some(12));
    }
}
