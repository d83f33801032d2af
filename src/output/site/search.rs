//! `search.html`: search the items and issues, offline and from `file://`.
//! The index is an elasticlunr index, as elasticlunr-rs (which Zola uses)
//! writes it, made faster by `search/lunr.rs`, and written as a script,
//! `search/index.js`, that the page loads with elasticlunr.js (MIT, vendored in `templates/vendor/`): no request to a
//! server, so the page works wherever its files are. The index holds the
//! titles and texts (their first 1,000 characters) of the newest
//! [`SEARCH_ITEMS`] items, and the titles of the newest [`SEARCH_ISSUES`]
//! issues; the page says so when the archive holds more. An item comes
//! with its text, or with its tokens when the build's cache kept them
//! ([`analyser`]): the index is the same.
//!
//! The build writes the index ([`index_js`]) apart from the page: a
//! rebuild whose index has the same [`inputs`] keeps the published file.

pub mod analyser;
mod lunr;

use std::fmt::Write as _;

use anyhow::Result;
use chrono::Datelike;
use minijinja::context;

use xxhash_rust::xxh3::Xxh3;

use self::analyser::SearchText;
use self::lunr::Lunr;
use super::{SEARCH_ISSUES, SEARCH_ITEMS, SiteArchive, meta};
use crate::fs::Publisher;
use crate::output::html::Site;

/// Where the index is published ([`index_js`]), below the output folder.
pub const INDEX: &str = "search/index.js";

/// Writes `search.html`, `search/search.js`, and elasticlunr.js with its
/// licence; the build writes [`INDEX`].
pub fn write(site: &Site, archive: &SiteArchive, out: &Publisher) -> Result<()> {
    let config = site.config();
    let issues = archive.issues.len().min(SEARCH_ISSUES);
    let description = format!("Search the items and issues of {}.", config.title);
    let page = site.render(
        "search.html",
        context! {
            site => site.site(),
            page => meta(config, "search.html", "Search", &description, "website"),
            items => archive.searched.len(), total_items => archive.items,
            issues, total_issues => archive.issues.len(),
        },
    )?;
    out.write("search.html", page.as_bytes())?;
    out.write("search/search.js", include_bytes!("../../../templates/search.js"))?;
    out.write("search/elasticlunr.min.js", include_bytes!("../../../templates/vendor/elasticlunr.min.js"))?;
    out.write("search/elasticlunr-LICENSE.txt", include_bytes!("../../../templates/vendor/elasticlunr-LICENSE"))
}

/// `TF_SEARCH = {index, docs}`: the elasticlunr index (fields `title` and
/// `body`; documents not stored) and, by document ref (its position), what
/// a result shows: `[title, page, day, where]`.
pub fn index_js(archive: &SiteArchive) -> Result<String> {
    let mut index = Lunr::new();
    let mut docs = Docs(String::with_capacity(128 * (SEARCH_ITEMS + SEARCH_ISSUES)));
    docs.0.push('[');
    // Each issue's day, written once, when needed.
    let mut days: Vec<Option<String>> = vec![None; archive.issues.len()];
    let newest_issues = archive.issues.len().saturating_sub(SEARCH_ISSUES);
    for (at, issue) in archive.issues.iter().enumerate().skip(newest_issues).rev() {
        index.add([issue.title.as_str(), ""]);
        let day = days[at].get_or_insert_with(|| day(&issue.date));
        let items = issue.items.to_string();
        docs.push([&[&issue.title], &["issues/", &issue.key, ".html"], &[day], &["issue · ", &items, " items"]]);
    }
    for searched in archive.searched.iter().rev().take(SEARCH_ITEMS) {
        let item = &searched.item;
        let issue = &archive.issues[item.issue];
        match &searched.text {
            SearchText::Text(body) => index.add([&item.title, body]),
            SearchText::Analysed(analysed) => index.add_analysed(analysed),
        }
        let day = days[item.issue].get_or_insert_with(|| day(&issue.date));
        let hash = if item.anchor.is_empty() { "" } else { "#" };
        let page: &[&str] = &["issues/", &issue.key, ".html", hash, &item.anchor];
        let what: &[&str] =
            if item.section.is_empty() { &[&issue.title] } else { &[&item.section, " · ", &issue.title] };
        docs.push([&[&item.title], page, &[day], what]);
    }
    docs.0.push(']');
    let index = index.into_json();
    let mut js = String::with_capacity(index.len() + docs.0.len() + 64);
    for part in ["window.TF_SEARCH = {\"index\":", &index, ",\"docs\":", &docs.0, "};\n"] {
        js.push_str(part);
    }
    Ok(js)
}

/// What a result shows of each document, written as a JSON array of
/// arrays of four strings, as serde_json writes them.
struct Docs(String);

impl Docs {
    /// Appends a document: four strings, each given in parts.
    fn push(&mut self, fields: [&[&str]; 4]) {
        self.0.push_str(if self.0.len() > 1 { ",[" } else { "[" });
        for (i, parts) in fields.into_iter().enumerate() {
            self.0.push_str(if i > 0 { ",\"" } else { "\"" });
            for part in parts {
                escape(&mut self.0, part);
            }
            self.0.push('"');
        }
        self.0.push(']');
    }
}

/// Appends `text` escaped as the inside of a JSON string, as serde_json
/// escapes it: quote, backslash and control characters.
fn escape(out: &mut String, text: &str) {
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..0x20 => "",
            _ => continue,
        };
        out.push_str(&text[start..at]);
        if escaped.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escaped);
        }
        start = at + 1;
    }
    out.push_str(&text[start..]);
}

/// A hash of everything [`index_js`] makes the index of `archive` from:
/// the issues and items it holds, each with what it shows of them.
pub fn inputs(archive: &SiteArchive) -> u128 {
    let mut hash = Xxh3::new();
    let text = |hash: &mut Xxh3, text: &str| {
        hash.update(&(text.len() as u64).to_le_bytes());
        hash.update(text.as_bytes());
    };
    let searched = &archive.searched[archive.searched.len().saturating_sub(SEARCH_ITEMS)..];
    let newest_issues = archive.issues.len().saturating_sub(SEARCH_ISSUES);
    // The items' issues are in the hash, the oldest of them may be older than the newest issues.
    let first = searched.first().map_or(newest_issues, |s| s.item.issue.min(newest_issues));
    hash.update(&[newest_issues as u64, first as u64, searched.len() as u64].map(u64::to_le_bytes).concat());
    for issue in archive.issues.get(first..).unwrap_or_default() {
        text(&mut hash, &issue.key);
        text(&mut hash, &issue.title);
        hash.update(&(issue.items as u64).to_le_bytes());
        hash.update(&i64::from(issue.date.date_naive().num_days_from_ce()).to_le_bytes());
    }
    for searched in searched {
        let item = &searched.item;
        hash.update(&(item.issue as u64).to_le_bytes());
        text(&mut hash, &item.section);
        text(&mut hash, &item.anchor);
        text(&mut hash, &item.title);
        match &searched.text {
            SearchText::Text(body) => {
                hash.update(b"T");
                text(&mut hash, body);
            }
            SearchText::Analysed(analysed) => {
                hash.update(b"A");
                analysed.add_to(&mut hash);
            }
        }
    }
    hash.digest128()
}

fn day(date: &chrono::DateTime<chrono::FixedOffset>) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests;
