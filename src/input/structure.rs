//! The archive's structure, inferred from all of its issues before any
//! item is cut, as a reader of the whole archive would see it:
//!
//! - **Section level**: the heading level that most issues use for their
//!   recurring headings (a heading text seen in two issues or more), not
//!   the shallowest level seen once; of levels used by about as many issues,
//!   the shallower.
//! - **Boilerplate**: paragraphs and bullets whose text (link texts kept,
//!   URLs, case and punctuation left out) recurs in at least
//!   [`BOILERPLATE_SHARE`] of the issues (and in three issues or more), or
//!   that match one of `boilerplate_patterns`. They are template, not items.
//! - **Section names** that differ only in case or punctuation are one
//!   section, published under the spelling most issues use; a section seen
//!   in fewer than `min_section_issues` issues gets no feed of its own.
//!
//! The archive is read in a sample of about [`SAMPLE`] issues at most,
//! spread over it ([`in_sample`]; every issue of a smaller archive), so the
//! pass costs the same for 10,000 issues as for 2,000. Each sampled issue gives a
//! [`Shape`]; [`Profile::infer`] turns the shapes into the [`Profile`] the
//! body parser reads.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::HeadingLevel;

use crate::config::Config;
use crate::model::is_month;

/// Most issues read to infer the structure (about: see [`in_sample`]).
pub const SAMPLE: usize = 2_000;

/// Whether the issue file at `path` is in the sample of an archive of
/// `files` issue files: every file of an archive of at most [`SAMPLE`];
/// else one file in `every` (`files / SAMPLE` rounded up to a power of
/// two, so between `SAMPLE / 2` and `SAMPLE` files are expected), chosen by
/// a hash of the file's name. Adding, removing or renaming files leaves
/// the rest of the sample as it was (until `every` doubles), so the
/// structure inferred, and the build's cache keyed by it, stay the same.
pub fn in_sample(path: &std::path::Path, files: usize) -> bool {
    let every = files.div_ceil(SAMPLE).max(1).next_power_of_two() as u64;
    let name = path.file_name().unwrap_or(path.as_os_str()).as_encoded_bytes();
    every == 1 || xxhash_rust::xxh3::xxh3_64(name).is_multiple_of(every)
}

/// Share of the sampled issues a block must recur in to be boilerplate.
pub const BOILERPLATE_SHARE: f64 = 0.1;

/// Fewest issues a block must recur in to be boilerplate.
pub const BOILERPLATE_MIN_ISSUES: usize = 3;

/// What one issue tells of the archive's structure.
#[derive(Debug, Default, Clone)]
pub struct Shape {
    /// Headings that can be sections (not the title, not a date): level
    /// (1–6) and name as written.
    pub headings: Vec<(u8, String)>,
    /// [`fingerprint`]s of its paragraphs and bullets, each once, with
    /// the start of their text (for `init` and `check --stats`).
    pub blocks: Vec<(u64, Box<str>)>,
    /// The same for the first sentence of each paragraph and bullet that
    /// says more after it ([`lead_sentence`]).
    pub leads: Vec<(u64, Box<str>)>,
}

/// A section name of the archive.
#[derive(Debug, Clone)]
struct Name {
    /// The spelling most issues use: the one published.
    spelling: String,
    /// Sampled issues that hold it, whatever the spelling.
    issues: usize,
    /// The other spellings, published under this one.
    merged: Vec<String>,
    /// The shallowest heading level it is seen at.
    level: u8,
}

/// What the body parser knows of the whole archive.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// The heading level that holds sections; `None`: each issue's
    /// shallowest heading level.
    pub section_level: Option<HeadingLevel>,
    boilerplate: HashSet<u64>,
    /// [`first_word`] of each boilerplate block.
    first_words: HashSet<u64>,
    /// Fingerprints of the first sentences that recur as often as
    /// boilerplate blocks (`The bootloader crate implements …. This month,
    /// we …`): the item's template, not its title, not counted.
    leads: HashSet<u64>,
    patterns: Option<regex::RegexSet>,
    /// Section name key ([`name_key`]) → how it is published.
    names: HashMap<String, Name>,
    /// Headings (by [`name_key`]) seen in two issues or more: structure,
    /// never items.
    recurring: HashSet<String>,
    /// Sections seen in fewer issues get no feed; 0 when not inferred.
    min_section_issues: usize,
    /// Issues read.
    pub sampled: usize,
    /// Boilerplate blocks found: the start of their text and the sampled
    /// issues each recurs in, most frequent first.
    pub boilerplate_found: Vec<(String, usize)>,
}

impl Profile {
    /// A profile that infers nothing: each issue read on its own, every
    /// section with a feed, no boilerplate but `boilerplate_patterns`.
    pub fn for_config(config: &Config) -> anyhow::Result<Profile> {
        Ok(Profile {
            section_level: config.section_level.and_then(level_of),
            patterns: patterns(config)?,
            ..Profile::default()
        })
    }

    /// The profile of an archive from the shapes of its sampled issues.
    pub fn infer(shapes: &[Shape], config: &Config) -> anyhow::Result<Profile> {
        let n = shapes.len();
        let recurring = recurring_headings(shapes);
        let section_level = match config.section_level {
            Some(level) => level_of(level),
            None => infer_level(shapes, &recurring),
        };
        let threshold = boilerplate_threshold(n);
        let (boilerplate, mut found) = recurring_blocks(shapes.iter().map(|s| &s.blocks), threshold);
        let (leads, found_leads) = recurring_blocks(shapes.iter().map(|s| &s.leads), threshold);
        found.extend(found_leads);
        let first_words = found.iter().filter_map(|(text, _)| first_word(text)).collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut spellings: HashMap<String, HashMap<&str, usize>> = HashMap::new();
        let mut levels: HashMap<String, u8> = HashMap::new();
        for shape in shapes {
            let mut seen = HashSet::new();
            for (level, name) in &shape.headings {
                let canonical = config.canonical_section(name);
                let key = name_key(canonical);
                // A name without a letter or digit is not merged with others.
                if key.is_empty() {
                    continue;
                }
                let shallowest = levels.entry(key.clone()).or_insert(*level);
                *shallowest = (*shallowest).min(*level);
                if seen.insert(key.clone()) {
                    *spellings.entry(key).or_default().entry(canonical).or_default() += 1;
                }
            }
        }
        let names = spellings
            .into_iter()
            .map(|(key, spelled)| {
                let issues = spelled.values().sum();
                // The most used spelling; ties to the first in code point order.
                let best = spelled.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(s, _)| (*s).to_owned());
                let spelling = best.unwrap_or_default();
                let mut merged: Vec<String> =
                    spelled.keys().filter(|s| **s != spelling).map(|s| (*s).to_owned()).collect();
                merged.sort();
                let level = levels.get(&key).copied().unwrap_or(1);
                (key, Name { spelling, issues, merged, level })
            })
            .collect();
        Ok(Profile {
            section_level,
            boilerplate_found: found,
            boilerplate,
            first_words,
            leads,
            patterns: patterns(config)?,
            names,
            recurring,
            min_section_issues: config.min_section_issues,
            sampled: n,
        })
    }

    /// `text` without its first sentence when that sentence is a template
    /// lead that recurs across the archive (`The bootloader crate implements
    /// a custom Rust-based bootloader…. This month, we…`).
    /// Leading sentences go while they are template, up to three.
    pub fn without_template_lead<'t>(&self, text: &'t str) -> &'t str {
        let mut text = text;
        for _ in 0..3 {
            match lead_sentence(text) {
                Some((lead, rest)) if self.is_template_lead(lead) => text = rest,
                _ => break,
            }
        }
        text
    }

    /// Whether a sentence (or a title line) recurs at the start of blocks
    /// as often as boilerplate does.
    pub fn is_template_lead(&self, sentence: &str) -> bool {
        !self.leads.is_empty() && fingerprint(sentence).is_some_and(|f| self.leads.contains(&f))
    }

    /// Whether any block can be boilerplate: when not, a block's text
    /// need not be made to ask [`Profile::is_boilerplate`].
    pub fn has_boilerplate(&self) -> bool {
        !self.boilerplate.is_empty() || self.patterns.is_some()
    }

    /// Whether a block with this plain text is boilerplate.
    pub fn is_boilerplate(&self, text: &str) -> bool {
        (first_word(text).is_some_and(|w| self.first_words.contains(&w))
            && fingerprint(text).is_some_and(|f| self.boilerplate.contains(&f)))
            || self.patterns.as_ref().is_some_and(|p| p.is_match(text))
    }

    /// The name a section is published under: the archive's most used
    /// spelling of names that differ only in case or punctuation.
    pub fn section_name(&self, canonical: &str) -> String {
        let key = name_key(canonical);
        if key.is_empty() {
            return canonical.to_owned();
        }
        match self.names.get(&key) {
            Some(name) => name.spelling.clone(),
            None => canonical.to_owned(),
        }
    }

    /// Whether a heading recurs across the archive's issues: a heading
    /// holding a link that does not recur is an item (`### [PR title](url)`),
    /// one that recurs is a sub-section (`### [project](url)`).
    pub fn recurs(&self, heading: &str) -> bool {
        self.recurring.contains(&name_key(heading))
    }

    /// Whether a section (by published name) gets feeds of its own.
    pub fn has_feed(&self, canonical: &str) -> bool {
        if canonical.is_empty() {
            return false;
        }
        if self.min_section_issues <= 1 {
            return true;
        }
        self.names.get(&name_key(canonical)).is_some_and(|n| n.issues >= self.min_section_issues)
    }

    /// What of the profile the parser reads, in a stable order: two
    /// profiles with the same text parse every issue alike (the build's
    /// cache of parsed issues is keyed by it). Counts that only `check
    /// --stats` and `init` show are left out, so that an issue added to the
    /// archive leaves it unchanged unless it changes a decision.
    pub fn parse_inputs(&self) -> String {
        let sorted = |set: &HashSet<u64>| {
            let mut v: Vec<u64> = set.iter().copied().collect();
            v.sort_unstable();
            v
        };
        let mut names: Vec<(&str, &str, bool)> =
            self.names.iter().map(|(key, n)| (key.as_str(), n.spelling.as_str(), self.has_feed(&n.spelling))).collect();
        names.sort_unstable();
        let mut recurring: Vec<&str> = self.recurring.iter().map(String::as_str).collect();
        recurring.sort_unstable();
        format!("{:?}", (self.section_level, sorted(&self.boilerplate), sorted(&self.first_words), sorted(&self.leads)),)
            + &format!("{:?}", (names, recurring, self.min_section_issues))
    }

    /// Recurring and one-off names of headings at the section level or
    /// above: for `check --stats`.
    pub fn section_counts(&self) -> (usize, usize) {
        let sections = || self.names.values().filter(|n| self.section_level.is_none_or(|l| n.level <= l as u8));
        let recurring = sections().filter(|n| n.issues >= 2).count();
        (recurring, sections().count() - recurring)
    }

    /// Every heading name seen in the sample, as published, with the
    /// issues that hold it and the other spellings merged into it; most
    /// frequent first.
    pub fn sections(&self) -> Vec<(&str, usize, &[String])> {
        let mut sections: Vec<_> =
            self.names.values().map(|n| (n.spelling.as_str(), n.issues, n.merged.as_slice())).collect();
        sections.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        sections
    }
}

/// The fingerprints that recur in `threshold` of the shapes' lists or
/// more, and the start of their text with the number of shapes holding
/// each.
fn recurring_blocks<'s>(
    lists: impl Iterator<Item = &'s Vec<(u64, Box<str>)>>,
    threshold: usize,
) -> (HashSet<u64>, Vec<(String, usize)>) {
    let mut counts: HashMap<u64, (usize, &str)> = HashMap::new();
    for list in lists {
        for (block, text) in list {
            counts.entry(*block).or_insert((0, text)).0 += 1;
        }
    }
    let mut found = Vec::new();
    let mut set = HashSet::new();
    for (block, (count, text)) in counts.into_iter().filter(|&(_, (c, _))| c >= threshold) {
        set.insert(block);
        found.push((text.to_owned(), count));
    }
    (set, found)
}

/// A text's first sentence and what follows it, when something does.
pub fn lead_sentence(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let end = crate::model::sentence_end(text)?;
    let rest = text[end..].trim_start();
    (!rest.is_empty()).then(|| (&text[..end], rest))
}

/// Issues a block must recur in, out of `n`, to be boilerplate.
pub fn boilerplate_threshold(n: usize) -> usize {
    ((n as f64 * BOILERPLATE_SHARE).ceil() as usize).max(BOILERPLATE_MIN_ISSUES)
}

fn patterns(config: &Config) -> anyhow::Result<Option<regex::RegexSet>> {
    if config.boilerplate_patterns.is_empty() {
        return Ok(None);
    }
    use anyhow::Context;
    Ok(Some(regex::RegexSet::new(&config.boilerplate_patterns).context("boilerplate_patterns: cannot compile them")?))
}

fn level_of(level: u8) -> Option<HeadingLevel> {
    HeadingLevel::try_from(usize::from(level)).ok()
}

/// Heading texts (by [`name_key`]) found in two sampled issues or more
/// (every heading, when one issue is all there is).
fn recurring_headings(shapes: &[Shape]) -> HashSet<String> {
    let mut issues: HashMap<String, usize> = HashMap::new();
    for shape in shapes {
        let distinct: HashSet<String> = shape.headings.iter().map(|(_, n)| name_key(n)).collect();
        for heading in distinct {
            *issues.entry(heading).or_default() += 1;
        }
    }
    let least = if shapes.len() < 2 { 1 } else { 2 };
    issues.into_iter().filter(|&(_, n)| n >= least).map(|(h, _)| h).collect()
}

/// Share of the issues of the most used level that a shallower level needs
/// to be the section level: sections hold the sub-sections that recur under
/// them (`## Projects` over `### [uefi-rs]`), so of two levels used by about
/// as many issues, the shallower holds the sections.
const NEAR_MOST: f64 = 0.8;

/// The level most issues use for headings that recur across issues: the
/// shallowest level used by at least [`NEAR_MOST`] as many issues as the
/// most used one.
fn infer_level(shapes: &[Shape], recurring: &HashSet<String>) -> Option<HeadingLevel> {
    let mut issues_per_level = [0usize; 7];
    for shape in shapes {
        let mut used = [false; 7];
        for (level, name) in &shape.headings {
            if recurring.contains(&name_key(name)) {
                used[usize::from(*level).min(6)] = true;
            }
        }
        for (count, used) in issues_per_level.iter_mut().zip(used) {
            *count += usize::from(used);
        }
    }
    let most = *issues_per_level.iter().max()?;
    if most == 0 {
        return None;
    }
    let level = (1..=6).find(|&l| issues_per_level[l] as f64 >= NEAR_MOST * most as f64)?;
    level_of(level as u8)
}

/// A section name without case or punctuation: `Sponsored Event` and
/// `Sponsored event:` are one section.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// The fingerprint of a block's plain text: its words, lowercased, without
/// punctuation (the words of [`name_key`], hashed as they are read, with
/// no string made). `None` for a block without a letter or digit.
pub fn fingerprint(text: &str) -> Option<u64> {
    // `hash_word` of each word in turn, in one pass over the characters.
    let (mut hash, mut in_word, mut words) = (0, false, false);
    if text.is_ascii() {
        for b in text.bytes() {
            in_word = b.is_ascii_alphanumeric() && {
                if !in_word {
                    hash = hash_add(hash, u64::from(b' '));
                }
                hash = hash_add(hash, u64::from(b.to_ascii_lowercase()));
                true
            };
            words |= in_word;
        }
    } else {
        for c in text.chars() {
            in_word = c.is_alphanumeric() && {
                if !in_word {
                    hash = hash_add(hash, u64::from(b' '));
                }
                hash = match c.is_ascii() {
                    true => hash_add(hash, u64::from(c.to_ascii_lowercase())),
                    false => c.to_lowercase().fold(hash, |h, l| hash_add(h, u64::from(l))),
                };
                true
            };
            words |= in_word;
        }
    }
    words.then_some(hash)
}

/// The fingerprint of a block's first word alone: a block whose first word
/// starts no boilerplate block is not boilerplate, found without reading
/// the rest of it.
pub fn first_word(text: &str) -> Option<u64> {
    text.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).map(|word| hash_word(0, word))
}

/// Adds a word, lowercased, to a hash. The Fx hash (rustc's): fast, and the
/// same in every run and on every machine; 64 bits keep collisions out of
/// reach of an archive's blocks.
fn hash_word(hash: u64, word: &str) -> u64 {
    let hash = hash_add(hash, u64::from(b' '));
    if word.is_ascii() {
        word.bytes().fold(hash, |h, b| hash_add(h, u64::from(b.to_ascii_lowercase())))
    } else {
        word.chars().flat_map(char::to_lowercase).fold(hash, |h, c| hash_add(h, u64::from(c)))
    }
}

/// One step of the Fx hash.
fn hash_add(hash: u64, x: u64) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    (hash.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Whether a heading is a date or starts with one (`June 10, 2023`,
/// `2023-06-10`, `Jun 10 - Jun 12 | Virtual`): a heading of the calendar,
/// not a section.
pub fn is_date_heading(text: &str) -> bool {
    let mut words = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
    let Some(first) = words.next() else { return false };
    let first = first.trim_end_matches('.');
    if is_iso_date(first) {
        return true;
    }
    let is_day = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        !digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let mut first = first;
    let mut second = words.next().unwrap_or("");
    if is_weekday(first) {
        first = second.trim_end_matches('.');
        second = words.next().unwrap_or("");
    }
    (is_month(first) && is_day(second)) || (is_day(first) && is_month(second.trim_end_matches('.')))
}

fn is_iso_date(word: &str) -> bool {
    let parts: Vec<&str> = word.split(['-', '/']).collect();
    parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && (parts[0].len() == 4 || parts[2].len() == 4)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let word = word.trim_end_matches('.').to_lowercase();
    word.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(headings: &[(u8, &str)]) -> Shape {
        Shape { headings: headings.iter().map(|(l, n)| (*l, (*n).to_owned())).collect(), ..Shape::default() }
    }

    #[test]
    fn section_level_is_the_level_of_recurring_headings_in_most_issues() {
        // Many `##` sections in every issue, one `#` heading in half of them: `##`.
        let mut shapes = Vec::new();
        for i in 0..10 {
            let mut h = vec![(2, "News"), (2, "Crate of the Week"), (2, "Events")];
            if i % 2 == 0 {
                h.push((1, "Quote of the Week"));
            }
            shapes.push(shape(&h));
        }
        assert_eq!(infer_level(&shapes, &recurring_headings(&shapes)), Some(HeadingLevel::H2));
        // A unique `#` title in every issue does not recur: still `###`.
        let shapes: Vec<Shape> =
            (0..5).map(|i| shape(&[(1, &format!("Issue {i} headline")), (3, "News"), (3, "Tools")])).collect();
        assert_eq!(infer_level(&shapes, &recurring_headings(&shapes)), Some(HeadingLevel::H3));
        // `###` sub-sections under `##` sections in nine issues of ten: `##`.
        let shapes: Vec<Shape> = (0..10)
            .map(|i| if i == 0 { shape(&[(3, "uefi")]) } else { shape(&[(2, "Projects"), (3, "uefi"), (3, "acpi")]) })
            .collect();
        assert_eq!(infer_level(&shapes, &recurring_headings(&shapes)), Some(HeadingLevel::H2));
        // A tie goes to the shallower level; no heading at all: none.
        assert_eq!(
            {
                let s = [shape(&[(1, "A"), (2, "B")]), shape(&[(1, "A"), (2, "B")])];
                infer_level(&s, &recurring_headings(&s))
            },
            Some(HeadingLevel::H1)
        );
        assert_eq!(infer_level(&[shape(&[]), shape(&[])], &HashSet::new()), None);
        // One issue alone: its headings count as recurring.
        assert_eq!(
            {
                let s = [shape(&[(2, "A"), (3, "B")])];
                infer_level(&s, &recurring_headings(&s))
            },
            Some(HeadingLevel::H2)
        );
    }

    #[test]
    fn names_that_differ_in_case_or_punctuation_are_one_section() {
        assert_eq!(name_key("Sponsored Event"), name_key("Sponsored event:"));
        assert_eq!(name_key("  Crate of the   Week! "), "crate of the week");
        assert_ne!(name_key("News"), name_key("Newsletter"));
        let config = Config { min_section_issues: 2, ..Config::default() };
        let shapes = [
            shape(&[(2, "Sponsored Event"), (2, "News")]),
            shape(&[(2, "Sponsored event"), (2, "News")]),
            shape(&[(2, "Sponsored Event"), (2, "Once")]),
        ];
        let profile = Profile::infer(&shapes, &config).unwrap();
        assert_eq!(profile.section_name("Sponsored event"), "Sponsored Event");
        assert_eq!(profile.section_name("Unknown"), "Unknown");
        assert!(profile.has_feed("Sponsored event") && profile.has_feed("News"));
        assert!(!profile.has_feed("Once") && !profile.has_feed(""));
        assert_eq!(profile.section_counts(), (2, 1));
        let merged: &[String] = &["Sponsored event".to_owned()];
        assert_eq!(profile.sections()[0], ("Sponsored Event", 3, merged));
        assert_eq!(profile.sections()[1], ("News", 2, &[] as &[String]));
    }

    /// The fingerprint is the hash of the text's words in turn, each
    /// lower-cased (`İ` to two characters), whatever stands between them.
    #[test]
    fn fingerprints_hash_the_words_in_turn() {
        let words = |ws: &[&str]| ws.iter().fold(0, |h, w| hash_word(h, w));
        let cases: [(&str, &[&str]); 5] = [
            ("Discuss on r/rust!", &["discuss", "on", "r", "rust"]),
            ("  ÜBER-cool: ΣΟΦΟΣ, İstanbul ", &["über", "cool", "σοφοσ", "i\u{307}stanbul"]),
            ("straße_2024", &["straße", "2024"]),
            ("x", &["x"]),
            ("日本語 text", &["日本語", "text"]),
        ];
        for (text, ws) in cases {
            assert_eq!(fingerprint(text), Some(words(ws)), "{text}");
        }
        assert_eq!(fingerprint("Rust"), first_word("rust, more"));
        assert_eq!(fingerprint("-- , !"), None);
    }

    #[test]
    fn boilerplate_recurs_in_a_tenth_of_the_issues_and_three_at_least() {
        assert_eq!(boilerplate_threshold(5), 3);
        assert_eq!(boilerplate_threshold(32), 4);
        assert_eq!(boilerplate_threshold(608), 61);
        let discuss = fingerprint("Discuss on r/rust").unwrap();
        assert_eq!(Some(discuss), fingerprint("discuss on r rust."));
        assert_eq!(fingerprint(" — "), None);
        let shapes: Vec<Shape> = (0..30u64)
            .map(|i| {
                let blocks = if i < 3 { vec![discuss, 100 + i] } else { vec![200 + i] };
                Shape {
                    headings: Vec::new(),
                    blocks: blocks.into_iter().map(|b| (b, "Discuss on r/rust".into())).collect(),
                    leads: Vec::new(),
                }
            })
            .collect();
        let profile = Profile::infer(&shapes, &Config::default()).unwrap();
        assert!(profile.is_boilerplate("Discuss on r/rust"));
        assert!(!profile.is_boilerplate("Something else"));
        assert_eq!(profile.boilerplate_found, [("Discuss on r/rust".to_owned(), 3)]);
        let config = Config { boilerplate_patterns: vec!["(?i)^join us".into()], ..Config::default() };
        assert!(Profile::for_config(&config).unwrap().is_boilerplate("Join us on Zulip"));
    }

    #[test]
    fn date_headings_are_not_sections() {
        for date in [
            "June 10, 2023",
            "Jun 10",
            "Jun 10 - Jun 12 | Virtual",
            "2023-06-10",
            "10 June 2023",
            "Mon, Jun 10",
            "Sept. 3rd",
        ] {
            assert!(is_date_heading(date), "{date}");
        }
        for name in ["News", "May the Force", "Marching on", "2023 in review", "Jun", "Events"] {
            assert!(!is_date_heading(name), "{name}");
        }
    }

    /// Three issues in the style of a weekly with many `##` sections, one
    /// `#` heading, a line repeated in every issue, link headings and dates.
    fn weekly(n: u32) -> String {
        let quote = if n < 3 {
            format!("# Quote of the Week\n\n> Words {n}. [source](https://q.example/{n})\n")
        } else {
            String::new()
        };
        format!(
            "---\ntitle: Weekly {n}\ndate: 2023-01-0{n}\n---\n\nHello.\n\n## News\n\n\
             A paragraph {n} that goes on [with a link](https://a.example/{n}) and more words.\n\n\
             Discuss on [r/news](https://r.example/{n}).\n\n\
             ## Merges\n\n### [PR {n}: faster](https://pr.example/{n})\n\nWhy {n} matters.\n\n\
             ### [`tool`](https://tool.example/)\n\n- [Change {n}](https://c.example/{n})\n\n\
             ### Jun 1{n}\n\n- [Meetup {n}](https://m.example/{n})\n\n\
             {quote}"
        )
    }

    #[test]
    fn issues_are_read_with_what_the_whole_archive_says() {
        let config = Config::builtin();
        let mut reader = crate::input::Reader::new(&config).unwrap();
        let texts: Vec<String> = (1..=3).map(weekly).collect();
        let shapes: Vec<Shape> = texts
            .iter()
            .map(|t| {
                let body = &t[t.find("\n---\n").unwrap() + 5..];
                crate::input::shape::shape(body, "Weekly", None)
            })
            .collect();
        reader.infer(&shapes).unwrap();
        assert_eq!(reader.profile().section_level, Some(HeadingLevel::H2));
        let issue = reader.parse_str(&texts[0], std::path::Path::new("1.md")).unwrap().unwrap();
        let sections: Vec<(&str, usize)> = issue.sections.iter().map(|s| (s.name.as_str(), s.items.len())).collect();
        assert_eq!(sections, [("News", 1), ("Merges", 3), ("Quote of the Week", 1)]);
        // The line repeated in every issue is on the page, not an item.
        let news = &issue.sections[0];
        assert!(news.boilerplate_html.contains("Discuss on"), "{}", news.boilerplate_html);
        assert_eq!(news.items[0].links.len(), 1);
        // A link heading seen once is an item; one that recurs is a sub-section;
        // a date is a sub-section, never a section.
        let merges = &issue.sections[1].items;
        assert_eq!(merges[0].title_line.as_deref(), Some("PR 1: faster"));
        assert_eq!(merges[0].text, "Why 1 matters.");
        assert_eq!(merges[0].url(), Some("https://pr.example/1"));
        assert_eq!(merges[1].subsection.as_deref(), Some("tool"));
        assert_eq!(merges[2].subsection.as_deref(), Some("Jun 11"));
        assert!(issue.sections.iter().all(|s| s.feed));
    }

    #[test]
    fn boilerplate_is_found_whatever_the_length_of_its_first_word() {
        let long = "x".repeat(120);
        for text in ["Discuss on r/rust.".to_owned(), format!("{long} and more words that run past the start kept")] {
            let shapes: Vec<Shape> = (0..3)
                .map(|n| crate::input::shape::shape(&format!("## News\n\nItem {n}.\n\n{text}\n"), "t", None))
                .collect();
            let profile = Profile::infer(&shapes, &Config::builtin()).unwrap();
            assert!(profile.is_boilerplate(&text), "{text}");
            assert!(!profile.is_boilerplate("Item 1."));
            assert!(!profile.is_boilerplate(&format!("{text} Plus a different ending.")));
        }
    }

    #[test]
    fn section_level_set_in_the_configuration_wins() {
        let shapes: Vec<Shape> = (0..4).map(|_| shape(&[(2, "News"), (3, "Docker")])).collect();
        assert_eq!(Profile::infer(&shapes, &Config::builtin()).unwrap().section_level, Some(HeadingLevel::H2));
        let config = Config { section_level: Some(3), ..Config::builtin() };
        assert_eq!(Profile::infer(&shapes, &config).unwrap().section_level, Some(HeadingLevel::H3));
        assert_eq!(Profile::for_config(&config).unwrap().section_level, Some(HeadingLevel::H3));
        assert!(Config::from_toml("section_level = 7").is_err());
    }

    #[test]
    fn a_first_sentence_that_recurs_is_template_whether_alone_or_leading() {
        let intro = "The `bootloader` crate implements a bootloader.";
        // In two issues the sentence opens a paragraph, in one it stands alone.
        let bodies = [
            format!("## News\n\n{intro} This month, we fixed 1 bug.\n"),
            format!("## News\n\n{intro} This month, we fixed 2 bugs.\n"),
            format!("## News\n\n{intro}\n\nThis month, we fixed 3 bugs.\n"),
        ];
        let shapes: Vec<Shape> = bodies.iter().map(|b| crate::input::shape::shape(b, "t", None)).collect();
        let profile = Profile::infer(&shapes, &Config::builtin()).unwrap();
        assert!(profile.is_template_lead("The bootloader crate implements a bootloader."));
        let text = "The bootloader crate implements a bootloader. This month, we fixed 4 bugs.";
        assert_eq!(profile.without_template_lead(text), "This month, we fixed 4 bugs.");
        assert_eq!(
            profile.without_template_lead("This month, we fixed 4 bugs. More."),
            "This month, we fixed 4 bugs. More."
        );
        assert!(!profile.is_boilerplate(text), "the item stays");
    }
}
