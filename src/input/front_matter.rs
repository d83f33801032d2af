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

use regex::Regex;
use serde_yaml_ng::Value;

use crate::error::{ErrorKind, Spot};

use super::dates::unquote;
pub use super::dates::{parse_date, partial_date};

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
#[path = "front_matter_tests.rs"]
mod tests;
