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

mod dates;
mod infer;
mod keys;

use std::collections::{HashMap, HashSet};

use pulldown_cmark::HeadingLevel;

use crate::config::Config;
pub use dates::is_date_heading;
pub use infer::boilerplate_threshold;
use infer::{infer_level, level_of, patterns, recurring_blocks, recurring_headings, section_names};
pub use keys::{fingerprint, first_word, lead_sentence, name_key};

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
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
        let names = section_names(shapes, config);
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
            if !self.may_start_template(text) {
                break;
            }
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
        self.may_start_template(sentence) && fingerprint(sentence).is_some_and(|f| self.leads.contains(&f))
    }

    /// Whether a text's first word starts a template lead, so that the text
    /// can start with one: when not, neither its first sentence nor its
    /// fingerprint need be made. (Every lead in [`Profile::leads`] is in
    /// [`Profile::boilerplate_found`], whose first words
    /// [`Profile::first_words`] holds; a sentence's first word is its
    /// text's, the sentence ending after punctuation.)
    fn may_start_template(&self, text: &str) -> bool {
        !self.leads.is_empty() && first_word(text).is_some_and(|w| self.first_words.contains(&w))
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

#[cfg(test)]
mod tests;
