//! How [`Profile::infer`](super::Profile::infer) decides: the section level,
//! the recurring blocks and headings, and the section names.
//!
//! Not here: the fingerprints the decisions compare ([`super::keys`]).

use std::collections::{HashMap, HashSet};

use pulldown_cmark::HeadingLevel;

use super::keys::name_key;
use super::{BOILERPLATE_MIN_ISSUES, BOILERPLATE_SHARE, Name, Shape};
use crate::config::Config;

/// The fingerprints that recur in `threshold` of the shapes' lists or
/// more, and the start of their text with the number of shapes holding
/// each.
pub(super) fn recurring_blocks<'s>(
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

/// Issues a block must recur in, out of `n`, to be boilerplate.
pub fn boilerplate_threshold(n: usize) -> usize {
    ((n as f64 * BOILERPLATE_SHARE).ceil() as usize).max(BOILERPLATE_MIN_ISSUES)
}

pub(super) fn patterns(config: &Config) -> anyhow::Result<Option<regex::RegexSet>> {
    if config.boilerplate_patterns.is_empty() {
        return Ok(None);
    }
    use anyhow::Context;
    Ok(Some(regex::RegexSet::new(&config.boilerplate_patterns).context("boilerplate_patterns: cannot compile them")?))
}

pub(super) fn level_of(level: u8) -> Option<HeadingLevel> {
    HeadingLevel::try_from(usize::from(level)).ok()
}

/// Heading texts (by [`name_key`]) found in two sampled issues or more
/// (every heading, when one issue is all there is).
pub(super) fn recurring_headings(shapes: &[Shape]) -> HashSet<String> {
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
pub(super) fn infer_level(shapes: &[Shape], recurring: &HashSet<String>) -> Option<HeadingLevel> {
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

/// Every heading name of the shapes, by [`name_key`]: the spelling most
/// issues use, the issues that hold it, the other spellings and the
/// shallowest level it is seen at.
pub(super) fn section_names(shapes: &[Shape], config: &Config) -> HashMap<String, Name> {
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
    spellings
        .into_iter()
        .map(|(key, spelled)| {
            let issues = spelled.values().sum();
            // The most used spelling; ties to the first in code point order.
            let best = spelled.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(s, _)| (*s).to_owned());
            let spelling = best.unwrap_or_default();
            let mut merged: Vec<String> = spelled.keys().filter(|s| **s != spelling).map(|s| (*s).to_owned()).collect();
            merged.sort();
            let level = levels.get(&key).copied().unwrap_or(1);
            (key, Name { spelling, issues, merged, level })
        })
        .collect()
}
