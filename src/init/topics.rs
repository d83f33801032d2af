//! The suggested topics: the terms in most counted items of the archive,
//! then the top emerging terms.
//!
//! Words are those `trendfeed emerging` counts (the same stop words, the
//! newsletter's own words among them), and two-word phrases. The most
//! frequent words of an archive are often its verbs (`added`, `fixed`):
//! terms that look like names come first. A term looks like a name when,
//! inside sentences (not after `.`, `:` or a line break), it is written
//! with a capital three times in four (`Kubernetes`, `UEFI`, `GitHub`),
//! or mixes letters and digits (`edk2`, `k8s`), and is not mostly first in
//! a sentence or a link text (`[Add …](…)`) nor the prefix of an id
//! (`SE-0296`); for a phrase, each of its words. When fewer than five
//! terms look like names, the most frequent terms found mostly inside
//! sentences fill in. Terms seen mostly after `@` or `/` are user and repository names,
//! never suggested.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use super::{Suggestion, Why};
use crate::config::Config;
use crate::model::Archive;
use crate::trends::emerging::{self, Scanner, split_word_bounds};
use crate::trends::text::counted_items;

/// Topics suggested: at most this many in all…
const TOPICS: usize = 8;
/// Fewest topics suggested when the archive has enough terms.
const MIN_TOPICS: usize = 5;
/// Of the topics, at most this many emerging terms.
const EMERGING_TOPICS: usize = 3;
/// Most frequent terms considered.
const CANDIDATES: usize = 300;

/// The suggested topics: the terms in most counted items, then the top
/// emerging terms; the emerging terms' recent window in words; and why no
/// emerging term is suggested, if none is.
pub fn suggest(archive: &Archive, config: &Config) -> (Vec<Suggestion>, String, Option<String>) {
    let found = emerging::find(archive, config, emerging::Options::default());
    let (frequent, total) = frequent_terms(archive, config);
    let frequent: Vec<(String, usize)> = frequent.into_iter().take(CANDIDATES).filter(|(_, n)| *n >= 2).collect();
    let words = frequent
        .iter()
        .map(|(t, _)| t.as_str())
        .chain(found.terms.iter().map(|t| t.term.as_str()))
        .flat_map(|t| t.split(' '))
        .map(|w| (w.to_owned(), Usage::default()))
        .collect();
    let usage = usage(archive, config, words);
    let of = |term: &str| -> Vec<&Usage> { term.split(' ').filter_map(|w| usage.get(w)).collect() };
    let name_like = |term: &str| of(term).iter().all(|u| u.name_like());
    let handle = |term: &str| of(term).iter().any(|u| u.handle_like());

    let mut chosen: Vec<Suggestion> = Vec::new();
    let emerging_wanted = found.terms.len().min(EMERGING_TOPICS);
    let emerging = |t: &emerging::EmergingTerm| Why::Emerging {
        recent_items: t.recent_items,
        recent_months: found.window.months,
        recent_share: t.recent_share,
        baseline_share: t.baseline_share,
    };
    // Names first: frequent, then emerging; then, when fewer than
    // MIN_TOPICS are names, the most frequent and emerging other terms.
    for (term, items) in &frequent {
        if chosen.len() < TOPICS - emerging_wanted && name_like(term) && !handle(term) {
            push(&mut chosen, term, Why::Frequent { items: *items, of: total });
        }
    }
    for term in &found.terms {
        if chosen.len() < TOPICS && name_like(&term.term) && !handle(&term.term) {
            push(&mut chosen, &term.term, emerging(term));
        }
    }
    let inside = |term: &str| of(term).iter().all(|u| u.mostly_inside());
    for (term, items) in &frequent {
        if chosen.len() < MIN_TOPICS - emerging_wanted.min(1) && inside(term) && !handle(term) {
            push(&mut chosen, term, Why::Frequent { items: *items, of: total });
        }
    }
    // At least one emerging term when there is one.
    for term in &found.terms {
        let none_yet = !chosen.iter().any(|s| matches!(s.why, Why::Emerging { .. }));
        let wanted = chosen.len() < MIN_TOPICS || none_yet;
        if wanted && chosen.len() < TOPICS && inside(&term.term) && !handle(&term.term) {
            push(&mut chosen, &term.term, emerging(term));
        }
    }
    for topic in &mut chosen {
        let names: Vec<String> =
            topic.term.split(' ').map(|w| usage.get(w).map_or(w.to_owned(), Usage::name)).collect();
        topic.name = names.join(" ");
    }
    let mut names = HashSet::new();
    chosen.retain(|s| names.insert(s.name.to_lowercase()));
    (chosen, found.window.describe(), found.empty_reason())
}

/// Adds a topic unless a chosen term holds it or is held by it (`react`
/// and `react native`), or is its singular (a term matches its plural).
fn push(chosen: &mut Vec<Suggestion>, term: &str, why: Why) {
    let padded = format!(" {term} ");
    if chosen.iter().any(|s| {
        let other = format!(" {} ", s.term);
        other.contains(&padded) || padded.contains(&other) || term.strip_suffix('s') == Some(&s.term)
    }) {
        return;
    }
    chosen.push(Suggestion { name: String::new(), term: term.to_owned(), why });
}

/// The words and two-word phrases of the counted items, with the items
/// holding each, most first (ties alphabetically); and the counted items.
fn frequent_terms(archive: &Archive, config: &Config) -> (Vec<(String, usize)>, usize) {
    let scanner = Scanner::new(config);
    // Each term's items, and the last item counted (to count an item once).
    let mut counts: FxHashMap<Box<str>, (usize, usize)> = FxHashMap::default();
    let mut total = 0;
    let (mut buf, mut previous, mut phrase) = (String::new(), String::new(), String::new());
    let mut count = |term: &str, item: usize| match counts.get_mut(term) {
        Some((n, last)) if *last != item => (*n, *last) = (*n + 1, item),
        Some(_) => {}
        None => drop(counts.insert(term.into(), (1, item))),
    };
    for issue in &archive.issues {
        for item in counted_items(issue, config) {
            total += 1;
            for text in &item {
                let mut after_word = false;
                scanner.runs(text, &mut buf, &mut |word| match word {
                    Some(w) => {
                        if after_word {
                            phrase.clear();
                            phrase.push_str(&previous);
                            phrase.push(' ');
                            phrase.push_str(w);
                            count(&phrase, total);
                        }
                        count(w, total);
                        previous.clear();
                        previous.push_str(w);
                        after_word = true;
                    }
                    None => after_word = false,
                });
            }
        }
    }
    let mut frequent: Vec<(String, usize)> = counts.into_iter().map(|(term, (n, _))| (term.into_string(), n)).collect();
    frequent.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    (frequent, total)
}

/// How a word is written across the archive.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    /// Times seen.
    pub total: usize,
    /// Times seen inside a sentence (not first, not after `@`, not beside
    /// `/` or a hyphen as in `owner/repo` and `uefi-rs`)…
    pub inside: usize,
    /// …and written with a capital there.
    pub capital: usize,
    /// Times seen after `@`: a user name.
    pub handle: usize,
    /// Times seen before `-` or `#` and a digit: the prefix of an id
    /// (`SE-0296`).
    pub id: usize,
    /// Times seen beside `/`, or joined to a word by `-` or `_`: part of a
    /// path or of a compound name.
    pub joined: usize,
    /// Each spelling inside sentences, and how often.
    pub spellings: HashMap<String, usize>,
}

impl Usage {
    /// Found inside sentences (3 times at least) at least as often as first
    /// (unlike `Add` and `Fix` of changelogs), at most half the time the
    /// prefix of an id (`SE-0296`), and inside sentences written with a
    /// capital three times in four, or made of letters then digits (`edk2`,
    /// `k8s`, not `v2`).
    pub fn name_like(&self) -> bool {
        let word = self.spellings.keys().next().map(|w| w.to_lowercase()).unwrap_or_default();
        let digits = word.chars().any(|c| c.is_ascii_digit())
            && word.chars().next().is_some_and(|c| c.is_alphabetic() && c != 'v')
            && word.chars().count() >= 3;
        self.mostly_inside() && 2 * self.id <= self.total && (4 * self.capital >= 3 * self.inside || digits)
    }

    /// Found inside sentences (3 times at least) at least as often as
    /// first in a sentence or a link text.
    pub fn mostly_inside(&self) -> bool {
        let first = self.total - self.handle - self.id - self.joined - self.inside;
        self.inside >= 3 && first <= self.inside
    }

    /// Seen mostly as part of a user or repository name.
    pub fn handle_like(&self) -> bool {
        2 * self.handle > self.total
    }

    /// The spelling used most inside sentences, capitalised when it is
    /// all lower case.
    pub fn name(&self) -> String {
        let best = self.spellings.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(s, _)| s.clone());
        let name = best.unwrap_or_default();
        if name.chars().any(char::is_uppercase) || !name.chars().all(char::is_alphabetic) {
            return name;
        }
        let mut chars = name.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }
}

/// How each of `words` (lower case) is written in the counted items' texts
/// (not their title lines, often in title case).
pub fn usage(archive: &Archive, config: &Config, mut words: HashMap<String, Usage>) -> HashMap<String, Usage> {
    let mut key = String::new();
    for issue in &archive.issues {
        for section in issue.sections.iter().filter(|s| config.counts_section(&s.canonical)) {
            for item in &section.items {
                let text = item.text.as_str();
                let link_starts = link_starts(item);
                // The segments of `split_word_bound_indices`, found faster.
                let mut next = 0;
                for segment in split_word_bounds(text) {
                    let at = next;
                    next += segment.len();
                    let word = trim_word(segment);
                    if word.is_empty() {
                        continue;
                    }
                    key.clear();
                    if word.is_ascii() {
                        key.push_str(word);
                        key.make_ascii_lowercase();
                    } else {
                        key.extend(word.chars().flat_map(char::to_lowercase));
                    }
                    let Some(usage) = words.get_mut(key.as_str()) else { continue };
                    usage.total += 1;
                    let before = &text[..at];
                    let after = &text[at + segment.len()..];
                    let joined = |c: char| c == '/' || c == '-' || c == '_';
                    let mut rest = after.chars();
                    if before.ends_with('@') {
                        usage.handle += 1;
                    } else if matches!(rest.next(), Some('-' | '#')) && rest.next().is_some_and(|c| c.is_ascii_digit())
                    {
                        usage.id += 1;
                    } else if before.ends_with(joined) || after.starts_with(joined) {
                        usage.joined += 1;
                    } else if !starts_sentence(before) && !link_starts.contains(&at) {
                        usage.inside += 1;
                        usage.capital += usize::from(word.chars().any(char::is_uppercase));
                        *usage.spellings.entry(word.to_owned()).or_default() += 1;
                    }
                }
            }
        }
    }
    // A word never seen inside a sentence is named as written.
    for (word, usage) in &mut words {
        if usage.spellings.is_empty() {
            usage.spellings.insert(word.clone(), 0);
        }
    }
    words
}

/// Where the first word of each link text starts in the item's text: a
/// link text is a title (`[Bump serde from 1 to 2](…)`), so its first word
/// starts a sentence. Link texts are found in order, as the trends find them.
fn link_starts(item: &crate::model::Item) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut from = 0;
    for link in &item.links {
        let Some(at) = item.text.get(from..).and_then(|rest| rest.find(link.text.as_str())) else { continue };
        let start = from + at;
        if let Some(word) = link.text.find(char::is_alphanumeric) {
            starts.push(start + word);
        }
        from = start + link.text.len();
    }
    starts
}

/// A word segment as the emerging scanner keeps it: without a trailing
/// `'s` and without `'`, `.`, `_` around it; empty for punctuation.
fn trim_word(segment: &str) -> &str {
    if !segment.chars().any(char::is_alphanumeric) {
        return "";
    }
    let word = segment.strip_suffix("'s").or_else(|| segment.strip_suffix("’s")).unwrap_or(segment);
    word.trim_matches(['\'', '’', '.', '_'])
}

/// Whether a word after `before` starts a sentence: it is first, or after
/// a line break, or after `.`, `!`, `?`, `:`, `;` or a bullet and a space.
fn starts_sentence(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.is_empty() || trimmed.ends_with(['\n', '\r']) {
        return true;
    }
    trimmed.len() < before.len() && trimmed.ends_with(['.', '!', '?', ':', ';', '•', '*', '|', '>'])
}
