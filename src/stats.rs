//! `trendfeed check --stats`: the figures that say whether an archive was
//! read right. Issues and pages; items per issue by year against the links
//! the source files hold; items without a link; boilerplate found; sections
//! recurring, seen once and merged; problems by kind.
//!
//! Reads the model and, for the links, the source files again; writes
//! nothing.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::sync::LazyLock;

use chrono::Datelike;
use rayon::prelude::*;
use regex::Regex;

use crate::diagnostics::{Diagnostic, Severity};
use crate::input::Loaded;
use crate::model::Issue;

/// Boilerplate texts shown, most frequent first.
const SHOWN_BOILERPLATE: usize = 8;

/// The figures, as lines of text.
pub fn stats(loaded: &Loaded, found: &[Diagnostic]) -> String {
    let archive = &loaded.archive;
    let mut out = String::new();
    let keys: HashSet<String> = archive.issues.iter().map(Issue::key).collect();
    let invalid = found.iter().filter(|d| d.severity == Severity::Error).count();
    let _ = writeln!(
        out,
        "issues: {} read, {} pages, {} invalid, {} drafts",
        archive.issues.len(),
        keys.len(),
        invalid,
        loaded.drafts.len()
    );
    items_by_year(&archive.issues, &mut out);
    let items: usize = archive.issues.iter().map(|i| i.items().count()).sum();
    let unlinked = archive.issues.iter().flat_map(Issue::items).filter(|(_, i)| i.links.is_empty()).count();
    let _ = writeln!(out, "items without a link: {unlinked} of {items} ({})", percent(unlinked, items));
    boilerplate(loaded, &mut out);
    sections(loaded, &mut out);
    problems(found, &mut out);
    out
}

/// Items per issue by year, against the links of the source files.
fn items_by_year(issues: &[Issue], out: &mut String) {
    let links: Vec<usize> = issues.par_iter().map(source_links).collect();
    let mut years: BTreeMap<i32, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (issue, links) in issues.iter().zip(links) {
        let year = years.entry(issue.date.year()).or_default();
        year.0.push(issue.items().count());
        year.1.push(links);
    }
    out.push_str("items per issue by year: median (least–most), against distinct source links per issue\n");
    for (year, (mut items, mut links)) in years {
        let (items_median, links_median) = (median(&mut items), median(&mut links));
        let ratio = if links_median > 0.0 { format!("{:.2}", items_median / links_median) } else { "-".into() };
        let _ = writeln!(
            out,
            "  {year}: {} issues, items {items_median} ({}–{}), links {links_median} ({}–{}), items/links {ratio}",
            items.len(),
            items.first().unwrap_or(&0),
            items.last().unwrap_or(&0),
            links.first().unwrap_or(&0),
            links.last().unwrap_or(&0),
        );
    }
}

/// The boilerplate found, and the most frequent blocks.
fn boilerplate(loaded: &Loaded, out: &mut String) {
    let profile = &loaded.profile;
    let blocks: usize = loaded.archive.issues.iter().flat_map(|i| &i.sections).map(|s| s.boilerplate).sum();
    let _ = writeln!(
        out,
        "boilerplate: {} blocks recur in {} or more of the {} issues read for the structure; {blocks} blocks \
         were kept out of the items",
        profile.boilerplate_found.len(),
        crate::input::structure::boilerplate_threshold(profile.sampled),
        profile.sampled,
    );
    for (text, issues) in profile.boilerplate_found.iter().take(SHOWN_BOILERPLATE) {
        let _ = writeln!(out, "  {issues} issues: {text}");
    }
}

/// The section level, and the section names recurring, seen once and merged.
fn sections(loaded: &Loaded, out: &mut String) {
    let profile = &loaded.profile;
    let (recurring, once) = profile.section_counts();
    let merged: Vec<String> = profile
        .sections()
        .into_iter()
        .filter(|(_, _, merged)| !merged.is_empty())
        .map(|(name, _, merged)| format!("{} → {name}", merged.join(", ")))
        .collect();
    let level = profile.section_level.map_or("none".to_owned(), |l| "#".repeat(l as usize));
    let _ = writeln!(
        out,
        "sections: level {level}; {recurring} names recur, {once} are seen once; {} merged{}",
        merged.len(),
        if merged.is_empty() { String::new() } else { format!(": {}", merged.join("; ")) }
    );
}

/// The problems found, counted by severity and [`kind`].
fn problems(found: &[Diagnostic], out: &mut String) {
    let mut kinds: BTreeMap<(Severity, String), usize> = BTreeMap::new();
    for diagnostic in found {
        *kinds.entry((diagnostic.severity, kind(&diagnostic.message))).or_default() += 1;
    }
    out.push_str("problems by kind:");
    if kinds.is_empty() {
        out.push_str(" none");
    }
    for ((severity, kind), n) in kinds {
        let severity = if severity == Severity::Error { "error" } else { "warning" };
        let _ = write!(out, "\n  {n} {severity}: {kind}");
    }
}

/// A diagnostic's kind: its message with the quoted parts left out
/// (``invalid date `2015-02-30` `` → `invalid date …`).
pub fn kind(message: &str) -> String {
    let mut kind = String::new();
    for (i, part) in message.split('`').enumerate() {
        kind.push_str(if i % 2 == 0 { part } else { "…" });
    }
    kind
}

/// The distinct http(s) URLs of an issue's source file, outside its front matter
/// (the model holds no front matter: the text after the first block of
/// `---`/`+++` lines, else the whole file).
fn source_links(issue: &Issue) -> usize {
    static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"https?://[^\s<>()\[\]]+").expect("valid regex"));
    let Ok(text) = std::fs::read_to_string(&issue.source) else { return 0 };
    let body = match text.lines().next().map(str::trim_end) {
        Some(fence @ ("---" | "+++")) => {
            let rest = &text[text.find('\n').map_or(text.len(), |i| i + 1)..];
            rest.find(&format!("\n{fence}")).map_or(rest, |end| &rest[end + 4..])
        }
        _ => &text,
    };
    URL.find_iter(body)
        .map(|m| m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_']))
        .collect::<HashSet<_>>()
        .len()
}

fn median(values: &mut [usize]) -> f64 {
    values.sort_unstable();
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2] as f64,
        n => (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0,
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 { "-".into() } else { format!("{:.1}%", 100.0 * part as f64 / whole as f64) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_leave_the_quoted_parts_out() {
        assert_eq!(kind("invalid date `2015-02-30`"), "invalid date …");
        assert_eq!(kind("section `Newss` appears in no other issue"), "section … appears in no other issue");
        assert_eq!(kind("item without a link"), "item without a link");
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut [3, 1, 2]), 2.0);
        assert_eq!(median(&mut [4, 1, 2, 3]), 2.5);
        assert_eq!(median(&mut []), 0.0);
    }
}
