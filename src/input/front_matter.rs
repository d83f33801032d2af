//! Front matter: the `---`-fenced YAML block at the top of an issue file,
//! and the dates and issue numbers found in it.
//!
//! Leaves the body alone: it returns where the body starts.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use regex::Regex;
use serde_yaml_ng::Value;

use crate::error::ErrorKind;

/// What the front matter says, with the line of each value for errors.
#[derive(Debug, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<(String, usize)>,
    pub number: Option<u32>,
    pub draft: bool,
    /// Byte offset where the body starts.
    pub body_start: usize,
    /// Line number of the body's first line.
    pub body_line: usize,
}

/// Splits off and reads the front matter. Errors carry a 1-based line.
pub fn parse(text: &str) -> Result<FrontMatter, (ErrorKind, usize)> {
    let mut lines = line_spans(text);
    match lines.next() {
        Some((start, end)) if text[start..end].trim_end() == "---" => {}
        _ => return Err((ErrorKind::NoFrontMatter, 1)),
    }
    let block_start = lines.clone().next().map_or(text.len(), |(s, _)| s);
    let mut closing = None;
    for (index, (start, end)) in lines.enumerate() {
        let line = text[start..end].trim_end();
        if line == "---" || line == "..." {
            closing = Some((start, end, index + 2));
            break;
        }
    }
    let Some((block_end, close_end, close_line)) = closing else {
        return Err((ErrorKind::UnclosedFrontMatter, 1));
    };
    let block = &text[block_start..block_end];
    let value: Value = if block.trim().is_empty() {
        Value::Null
    } else {
        serde_yaml_ng::from_str(block).map_err(|e| {
            // serde_yaml counts lines from the start of the block; the block starts on line 2.
            let line = e.location().map_or(1, |l| l.line()) + 1;
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            (ErrorKind::BadFrontMatter(message), line)
        })?
    };
    let mut front = FrontMatter {
        body_start: (close_end + 1).min(text.len()),
        body_line: close_line + 1,
        ..FrontMatter::default()
    };
    let Value::Mapping(map) = value else {
        if value.is_null() {
            return Ok(front);
        }
        return Err((ErrorKind::BadFrontMatter("expected `key: value` lines".into()), 2));
    };
    for (key, value) in map {
        let Some(key) = key.as_str().map(str::to_ascii_lowercase) else { continue };
        let line = key_line(block, &key) + 1;
        match key.as_str() {
            "title" => front.title = scalar(&value).map(|t| unescape_markdown(t.trim())),
            "date" => front.date = scalar(&value).map(|d| (d.trim().to_owned(), line)),
            "number" | "issue" => front.number = scalar(&value).and_then(|n| n.trim().parse().ok()),
            "draft" => front.draft = value.as_bool().unwrap_or(false),
            _ => {}
        }
    }
    Ok(front)
}

/// A YAML scalar as text (strings, numbers, booleans).
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// 1-based line within `block` where `key:` is written (1 if not found).
fn key_line(block: &str, key: &str) -> usize {
    block
        .lines()
        .position(|l| {
            l.len() > key.len()
                && l.is_char_boundary(key.len())
                && l[..key.len()].eq_ignore_ascii_case(key)
                && l[key.len()..].trim_start().starts_with(':')
        })
        .map_or(1, |i| i + 1)
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

/// Parses a front-matter date. Accepts RFC 3339 with or without an offset,
/// `YYYY-MM-DD HH:MM[:SS]` and `YYYY-MM-DD` (one-digit month and day too).
/// A date without an offset is taken at UTC.
pub fn parse_date(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some(date);
    }
    for format in ["%Y-%m-%d %H:%M:%S%::z", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z"] {
        if let Ok(date) = DateTime::parse_from_str(text, format) {
            return Some(date);
        }
    }
    let utc = |naive: NaiveDateTime| Utc.from_utc_datetime(&naive).fixed_offset();
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return Some(utc(naive));
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(utc)
}

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:#|\bissue\s*#?\s*|\bno\.\s*)(\d{1,9})\b").expect("valid regex"));

/// The issue number written in a title: `#255`, `Issue 255`, `No. 255`.
pub fn number_in(title: &str) -> Option<u32> {
    NUMBER.captures(title).and_then(|c| c[1].parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title_and_date_with_offset() {
        let text = "---\ntitle: DEVOPS WEEKLY ISSUE \\#255 - 22nd November 2015 \ndate: 2015-11-22T14:02:45+00:00\n---\n\nBody";
        let front = parse(text).unwrap();
        assert_eq!(front.title.as_deref(), Some("DEVOPS WEEKLY ISSUE #255 - 22nd November 2015"));
        assert_eq!(front.date, Some(("2015-11-22T14:02:45+00:00".into(), 3)));
        assert_eq!(&text[front.body_start..], "\nBody");
        assert_eq!(front.body_line, 5);
    }

    #[test]
    fn unclosed_front_matter() {
        assert_eq!(parse("---\ntitle: x\n\nNews\n").unwrap_err(), (ErrorKind::UnclosedFrontMatter, 1));
    }

    #[test]
    fn missing_front_matter() {
        assert_eq!(parse("News\n====\n").unwrap_err(), (ErrorKind::NoFrontMatter, 1));
    }

    #[test]
    fn yaml_error_line_counts_from_file_start() {
        let (kind, line) = parse("---\ntitle: a\ndate: [2015\n---\n").unwrap_err();
        assert!(matches!(kind, ErrorKind::BadFrontMatter(_)), "{kind:?}");
        assert_eq!(line, 4);
    }

    #[test]
    fn dates() {
        let d = |s| parse_date(s).map(|d| d.to_rfc3339());
        assert_eq!(d("2017-08-13T12:59:06+01:00").as_deref(), Some("2017-08-13T12:59:06+01:00"));
        assert_eq!(d("2020-12-2").as_deref(), Some("2020-12-02T00:00:00+00:00"));
        assert_eq!(d("2020-12-02 09:30").as_deref(), Some("2020-12-02T09:30:00+00:00"));
        assert_eq!(d("2015-02-30"), None);
        assert_eq!(d("yesterday"), None);
    }

    #[test]
    fn numbers_in_titles() {
        assert_eq!(number_in("DEVOPS WEEKLY ISSUE #255 - 22nd November 2015"), Some(255));
        assert_eq!(number_in("Issue 204 - 30th November"), Some(204));
        assert_eq!(number_in("This Week in Rust No. 3"), Some(3));
        assert_eq!(number_in("A weekly digest"), None);
    }
}
