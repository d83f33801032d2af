//! The archive's title, from the front matter, the issue titles or the
//! folder's name.

use std::collections::HashMap;
use std::path::Path;

use super::TitleSource;
use crate::model::Archive;

/// Title words that name a period or an issue, not a newsletter: a title
/// made of these and month names alone (`Week Ending`) is not used.
const PERIOD_WORDS: [&str; 24] = [
    "the",
    "this",
    "last",
    "in",
    "of",
    "a",
    "week",
    "weekly",
    "month",
    "monthly",
    "day",
    "daily",
    "year",
    "yearly",
    "ending",
    "issue",
    "edition",
    "number",
    "no",
    "vol",
    "volume",
    "episode",
    "newsletter",
    "digest",
];

/// Folder names that say nothing of the newsletter: the title comes from
/// the folder above.
const GENERIC_FOLDERS: [&str; 14] = [
    "issues", "posts", "_posts", "content", "blog", "archive", "archives", "src", "docs", "source", "site", "pages",
    "entries", "articles",
];

/// The archive's title and where it came from.
pub fn title(dir: &Path, archive: &Archive) -> (String, TitleSource) {
    if let Some((value, key)) = front_matter_name(archive) {
        return (value, TitleSource::FrontMatter(key));
    }
    let titles: Vec<&str> = archive.issues.iter().map(|i| i.title.as_str()).collect();
    if let Some(prefix) = common_title(&titles) {
        return (prefix, TitleSource::IssueTitles);
    }
    (folder_title(dir), TitleSource::Folder)
}

/// The value of a `newsletter` (else `category`) front-matter key that at
/// least half of the issues share, read from their files.
fn front_matter_name(archive: &Archive) -> Option<(String, &'static str)> {
    const GENERIC: [&str; 8] = ["blog", "news", "newsletter", "post", "posts", "update", "updates", "uncategorized"];
    let every = archive.issues.len().div_ceil(200).max(1);
    let sample: Vec<_> = archive.issues.iter().step_by(every).collect();
    for key in ["newsletter", "category", "categories"] {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for issue in &sample {
            let Ok(text) = std::fs::read_to_string(&issue.source) else { continue };
            if let Some(value) = front_matter_value(&text, key) {
                *counts.entry(value).or_default() += 1;
            }
        }
        let best = counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((value, n)) = best
            && 2 * n >= sample.len()
            && !GENERIC.contains(&value.to_lowercase().as_str())
        {
            let key = if key == "categories" { "category" } else { key };
            return Some((value, key));
        }
    }
    None
}

/// The first value of `key` in the front matter of `text` (YAML `key:
/// value`, a list `[a, b]` or `- a` lines, TOML `key = "value"`, Pelican
/// `Key: value`), unquoted.
pub fn front_matter_value(text: &str, key: &str) -> Option<String> {
    let mut lines = text.lines();
    let first = lines.next()?.trim_end();
    let fenced = first == "---" || first == "+++";
    let mut block: Vec<&str> = Vec::new();
    if !fenced {
        block.push(first);
    }
    for line in lines {
        let end = if fenced { line.trim_end() == first } else { line.trim().is_empty() };
        if end || block.len() > 200 {
            break;
        }
        block.push(line);
    }
    let clean = |v: &str| {
        let v = v.trim().trim_start_matches('[').trim_end_matches(']');
        let v = v.split(',').next().unwrap_or("").trim().trim_matches(['"', '\'']).trim();
        (!v.is_empty()).then(|| v.to_owned())
    };
    for (at, line) in block.iter().enumerate() {
        let Some((k, v)) = line.split_once([':', '=']) else { continue };
        if !k.trim().eq_ignore_ascii_case(key) || k.starts_with(char::is_whitespace) {
            continue;
        }
        if !v.trim().is_empty() {
            return clean(v);
        }
        // A YAML list on the next lines.
        return block.get(at + 1).and_then(|next| next.trim().strip_prefix("- ")).and_then(clean);
    }
    None
}

/// The words that at least half of the titles start with, compared without
/// case and trailing punctuation, up to the first word with a digit or `#`;
/// trimmed of punctuation and issue words (`Issue #`, `No.`), in title case
/// when written in capitals. `None` when what is left is only period words.
pub fn common_title(titles: &[&str]) -> Option<String> {
    let key = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let words: Vec<Vec<&str>> = titles.iter().map(|t| t.split_whitespace().collect()).collect();
    let mut matching: Vec<usize> = (0..words.len()).collect();
    let mut prefix: Vec<&str> = Vec::new();
    loop {
        let at = prefix.len();
        let mut next: HashMap<String, (usize, &str)> = HashMap::new();
        for &t in &matching {
            if let Some(word) = words[t].get(at) {
                next.entry(key(word)).or_insert((0, word)).0 += 1;
            }
        }
        let best = next.into_iter().max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.0.cmp(&a.0)));
        let Some((k, (n, word))) = best else { break };
        if 2 * n < titles.len() || k.is_empty() || word.contains(|c: char| c.is_ascii_digit() || c == '#') {
            break;
        }
        matching.retain(|&t| words[t].get(at).is_some_and(|w| key(w) == k));
        prefix.push(word);
    }
    while let Some(last) = prefix.last() {
        let k = key(last);
        if k.is_empty() || ["issue", "no", "number", "edition", "vol", "volume", "episode"].contains(&k.as_str()) {
            prefix.pop();
        } else {
            break;
        }
    }
    let title = prefix.join(" ");
    let title = title.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '!' && c != '?');
    let named = title
        .split_whitespace()
        .map(key)
        .any(|w| w.chars().count() >= 2 && !PERIOD_WORDS.contains(&w.as_str()) && !crate::model::is_month(&w));
    if !named {
        return None;
    }
    // A title in capitals (`DEVOPS WEEKLY ISSUE #255`) is written in title case.
    if title.contains(' ') && !title.chars().any(char::is_lowercase) {
        let word = |w: &str| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_string() + &chars.as_str().to_lowercase()).unwrap_or_default()
        };
        return Some(title.split(' ').map(word).collect::<Vec<_>>().join(" "));
    }
    Some(title.to_owned())
}

/// The archive folder's name, or its parent's when the name is generic
/// (`issues`, `_posts`, `content`), words capitalised: `nixos-weekly` →
/// `Nixos Weekly`.
fn folder_title(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let name = absolute
        .components()
        .rev()
        .filter_map(|c| match c {
            std::path::Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .find(|name| !GENERIC_FOLDERS.contains(&name.to_lowercase().as_str()) && *name != ".")
        .unwrap_or("Newsletter");
    name.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) if !w.chars().any(char::is_uppercase) => first.to_uppercase().chain(chars).collect(),
                _ => w.to_owned(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}
