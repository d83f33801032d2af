//! Dates as newsletters write them, in front matter, file names and
//! headings: [`parse_date`] reads every shape the README lists,
//! [`partial_date`] the start of an unfinished one.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use regex::Regex;

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

/// Header lines keep quotes that YAML and TOML would have removed.
pub(super) fn unquote(text: &str) -> &str {
    let t = text.trim();
    for q in ['"', '\''] {
        if let Some(inner) = t.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return inner;
        }
    }
    t
}
