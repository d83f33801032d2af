//! The names the archive's parts are known by, derived in one place: the
//! archive order, issue keys (page names and ids), section and topic slugs
//! (feed file names). The parser names none of them: a key or a slug can
//! depend on every other issue or section of the archive.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{DateTime, FixedOffset};

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
    let (keys, steps) = settle_keys(&issues);
    // What is still shared (file names alike) is numbered by position.
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for key in &keys {
        *count.entry(key.as_str()).or_default() += 1;
    }
    let mut clashes = KeyClashes::default();
    for (key, step) in keys.iter().zip(&steps) {
        match (count[key.as_str()] > 1, step) {
            (true, _) => clashes.by_position += 1,
            (false, 0) => {}
            (false, 1) => clashes.by_number_and_date += 1,
            (false, _) => clashes.by_file_name += 1,
        }
    }
    (number_clashes(keys, &[]), clashes)
}

/// The key of each issue after the steps of [`unique_keys`] but the last
/// (numbering), with the step it ended at: 0 alone, 1 number and date,
/// 2 file name.
fn settle_keys(issues: &[(Option<u32>, DateTime<FixedOffset>, &Path)]) -> (Vec<String>, Vec<u8>) {
    let key_at = |i: usize, step: u8| {
        let (number, date, path) = &issues[i];
        match (step, number) {
            (0, _) => issue_key(*number, date),
            (1, Some(n)) => format!("{n}-{}", date.format("%Y-%m-%d")),
            _ => stem_key(path),
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
            return (keys, steps);
        }
        for i in shared {
            // An issue without a number goes from its date to its file name.
            steps[i] = if steps[i] == 0 && issues[i].0.is_none() { 2 } else { steps[i] + 1 };
            keys[i] = key_at(i, steps[i]);
        }
    }
}

/// An issue's key from its file: the stem, slugged, or its folder's name
/// for an `index.md` (`_index.md`).
fn stem_key(path: &Path) -> String {
    let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let name = match name {
        "index" | "_index" => path.parent().and_then(|p| p.file_name()).and_then(|s| s.to_str()).unwrap_or(name),
        _ => name,
    };
    file_slug(name, "issue")
}

/// The one numbering rule of keys and slugs: given each one's own name
/// (`bases`, in the order that settles a clash), the first to have a name
/// keeps it and each later one gets the first of `-2`, `-3`… that no base
/// has and no earlier one was given. So a name whose own form ends in `-2`
/// keeps it wherever it stands. A base in `reserved` is never kept, and no
/// name is numbered into it.
fn number_clashes(bases: Vec<String>, reserved: &[&str]) -> Vec<String> {
    let mut taken: BTreeSet<String> = bases.iter().cloned().chain(reserved.iter().map(|r| r.to_string())).collect();
    let mut given: BTreeSet<String> = reserved.iter().map(|r| r.to_string()).collect();
    bases
        .into_iter()
        .map(|base| {
            if given.insert(base.clone()) {
                return base;
            }
            let fresh = (2..).map(|n| format!("{base}-{n}")).find(|s| !taken.contains(s)).unwrap_or(base);
            taken.insert(fresh.clone());
            fresh
        })
        .collect()
}

/// One slug per canonical section name, unique across the archive: names
/// that slug alike (or slug to `all`, the whole-issue feed's name) get
/// `-2`, `-3`… in name order, skipping a slug another name has taken
/// (`Section 2` takes `section-2`, so the second name slugged `section` gets
/// `section-3`); a name with no ASCII letter or digit becomes `section`;
/// the empty name (a section without a heading) has no slug. A name alone
/// gets [`section_slug`].
pub fn section_slugs<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, String> {
    let names: BTreeSet<&str> = names.into_iter().collect();
    let named: Vec<&str> = names.iter().copied().filter(|n| !n.is_empty()).collect();
    let slugs = number_clashes(named.iter().map(|n| file_slug(n, "section")).collect(), &["all"]);
    let mut table: BTreeMap<String, String> = named.into_iter().map(str::to_owned).zip(slugs).collect();
    if names.contains("") {
        table.insert(String::new(), String::new());
    }
    table
}

/// The slug of a section name when no other name of the archive slugs alike.
pub fn section_slug(name: &str) -> String {
    section_slugs([name]).remove(name).unwrap_or_default()
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
/// its feeds and charts, unique as [`section_slugs`] are, in the order of
/// `topics`: names that slug alike get `-2`, `-3`…, skipping a slug another
/// name has (`C`, `C#`, `C 2` → `c`, `c-3`, `c-2`); a name with no letter
/// or digit is `topic-<n>`, `n` its place in `topics` from 1.
pub fn topic_slugs(topics: &[String]) -> Vec<String> {
    let bases = topics.iter().enumerate().map(|(i, name)| file_slug(name, &format!("topic-{}", i + 1))).collect();
    number_clashes(bases, &[])
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
mod tests;
