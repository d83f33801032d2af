//! Emerging terms: the words and two-word phrases of the counted text whose
//! share of items rose most in the most recent months, found without a list
//! of topics.
//!
//! The archive is split into the recent window (the newest months, chosen
//! from the archive unless fixed: see [`window`]) and the baseline (every
//! earlier month). For each term, the items holding it are counted in both. A term is a candidate when it is in at
//! least `min_items` recent items from at least [`MIN_ISSUES`] recent
//! issues, its recent share of items is above its baseline share, and the
//! rise is unlikely to be chance. The score is Dunning's log-likelihood
//! ratio G² of the 2×2 table (items with and without the term, recent and
//! baseline): how unlikely the difference in shares is if the term were as
//! common in both. It must reach [`MIN_SCORE`], the 5% critical value of χ²
//! with one degree of freedom. G² grows with the rise and with the evidence
//! for it, so a term that goes from nothing to many items ranks above one
//! that goes from 1 to 2, and above a frequent word that rises a little.
//!
//! Words are found with the Unicode word boundaries (UAX #29), lower-cased.
//! Ignored: English stop words (the NLTK list), the configuration's
//! `emerging_stop_words`, words without a letter or with three digits or
//! more (numbers, versions, ids), one-letter words, and URLs, e-mail
//! addresses and domain names. A two-word phrase is two kept words with one
//! space, line break or hyphen between them. A plural (`containers`) is
//! counted as its singular when the singular is also in the archive. Terms
//! found in exactly the same items (a word only ever seen inside a phrase,
//! the words of a sentence repeated as is) are listed once, under the one
//! with the most words.
//!
//! Not here: rendering ([`crate::output`]) and stemming beyond the plural.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::config::Config;
use crate::model::{Archive, Issue};
use crate::trends::text::{CountedItem, counted_items};

mod bounds;
pub mod window;
mod words;

pub(crate) use bounds::split_word_bounds;
pub use window::Window;
pub use words::Scanner;

/// Recent issues a term must appear in: one issue is not a trend.
pub const MIN_ISSUES: usize = 2;

/// Lowest score kept: G² ≥ 3.84 happens by chance less than one time in
/// twenty (χ², one degree of freedom, p < 0.05).
pub const MIN_SCORE: f64 = 3.841;

/// What to look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Months in the recent window, counting the newest issue's month;
    /// `None` chooses them from the archive ([`window::choose`]).
    pub recent_months: Option<u32>,
    /// Terms kept, best first.
    pub top: usize,
    /// Recent items a term must appear in.
    pub min_items: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { recent_months: None, top: 20, min_items: 3 }
    }
}

/// A rising term.
#[derive(Debug, Clone, PartialEq)]
pub struct EmergingTerm {
    /// A word or two words joined by a space, lower-case.
    pub term: String,
    /// Recent items holding the term.
    pub recent_items: usize,
    /// `recent_items` / counted recent items.
    pub recent_share: f64,
    pub baseline_items: usize,
    pub baseline_share: f64,
    /// Dunning's G² (see the module documentation).
    pub score: f64,
    /// Date of the first issue holding the term.
    pub first_seen: NaiveDate,
    /// Items holding the term in each month of [`Emerging::months`] (zero
    /// before the horizon of a [`Counter::with_horizon`]).
    pub monthly_items: Vec<usize>,
}

/// Issues and counted items of a month, or of a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub issues: usize,
    pub items: usize,
}

/// The result: the windows, the months, and the ranked terms.
#[derive(Debug, Clone)]
pub struct Emerging {
    pub options: Options,
    /// The recent window used.
    pub window: Window,
    pub recent: Tally,
    pub baseline: Tally,
    /// Months that hold at least one issue, oldest first, with their tallies.
    pub months: Vec<(NaiveDate, Tally)>,
    /// Ranked terms, at most `options.top`; empty without a baseline.
    pub terms: Vec<EmergingTerm>,
}

/// Marks the end of a run of adjacent words in a token list, and the second
/// word of a one-word term.
const NONE: u32 = u32::MAX;

/// Maps of the short keys here (words, id pairs): the Fx hash (rustc's),
/// fast and not meant to resist crafted collisions.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// SplitMix64's finaliser: a well-mixed 64-bit value.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A 64-bit hash of what an issue is (its file, date, number, title and
/// counted text), the same whatever its place in the archive.
fn issue_hash(issue: &Issue, items: &[CountedItem]) -> u64 {
    // SipHash with fixed keys: the same in every thread and every run.
    let mut h = std::hash::DefaultHasher::new();
    issue.source.hash(&mut h);
    issue.date.timestamp().hash(&mut h);
    issue.date.offset().local_minus_utc().hash(&mut h);
    issue.number.hash(&mut h);
    issue.title.hash(&mut h);
    for texts in items {
        texts.len().hash(&mut h);
        for text in texts {
            text.hash(&mut h);
        }
    }
    h.finish()
}

/// A well-mixed 64-bit hash of the `item`-th counted item of the issue
/// with [`issue_hash`] `issue` (the `item`-th output of SplitMix64 seeded
/// with it). Sums of these identify sets of items.
fn item_hash(issue: u64, item: usize) -> u64 {
    mix(issue.wrapping_add((item as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)))
}

/// Items and issues holding a term in one month.
#[derive(Debug, Clone, Copy)]
struct MonthCount {
    month: NaiveDate,
    items: u32,
    issues: u32,
}

/// How a term fares over the archive.
#[derive(Debug, Clone, Default)]
struct TermStats {
    /// The sum of [`item_hash`] over the items holding the term: terms with
    /// the same sum are in the same items.
    item_set: u64,
    first_seen: NaiveDate,
    /// By month, oldest first; empty for a term folded into another.
    months: Vec<MonthCount>,
}

impl TermStats {
    fn add_issue(&mut self, month: NaiveDate, date: NaiveDate, items: u32, item_set: u64) {
        self.item_set = self.item_set.wrapping_add(item_set);
        if self.months.is_empty() || date < self.first_seen {
            self.first_seen = date;
        }
        match self.months.last_mut() {
            Some(last) if last.month == month => {
                last.items += items;
                last.issues += 1;
            }
            Some(last) if last.month > month => {
                let at = self.months.partition_point(|m| m.month < month);
                match self.months.get_mut(at) {
                    Some(m) if m.month == month => {
                        m.items += items;
                        m.issues += 1;
                    }
                    _ => self.months.insert(at, MonthCount { month, items, issues: 1 }),
                }
            }
            _ => self.months.push(MonthCount { month, items, issues: 1 }),
        }
    }

    fn merge(&mut self, other: TermStats) {
        if other.months.is_empty() {
            return;
        }
        if self.months.is_empty() {
            *self = other;
            return;
        }
        self.item_set = self.item_set.wrapping_add(other.item_set);
        self.first_seen = self.first_seen.min(other.first_seen);
        if self.months.last().is_some_and(|l| l.month < other.months[0].month) {
            self.months.extend(other.months);
            return;
        }
        let mine = std::mem::take(&mut self.months);
        let mut merged = Vec::with_capacity(mine.len() + other.months.len());
        let (mut i, mut j) = (0, 0);
        while i < mine.len() && j < other.months.len() {
            let (x, y) = (mine[i], other.months[j]);
            if x.month == y.month {
                merged.push(MonthCount { month: x.month, items: x.items + y.items, issues: x.issues + y.issues });
                i += 1;
                j += 1;
            } else if x.month < y.month {
                merged.push(x);
                i += 1;
            } else {
                merged.push(y);
                j += 1;
            }
        }
        merged.extend_from_slice(&mine[i..]);
        merged.extend_from_slice(&other.months[j..]);
        self.months = merged;
    }
}

/// The kept words seen, as ids.
#[derive(Default)]
struct Words {
    ids: FastMap<Box<str>, u32>,
    /// For each word id, the id of its singular when it is a plural whose
    /// singular was seen (see [`singular`]), else [`NONE`].
    singular: Vec<u32>,
}

/// The singular `word` is counted as when it is seen: `containers` →
/// `container`. Never itself a plural.
fn singular(word: &str) -> Option<&str> {
    word.strip_suffix('s').filter(|s| s.len() >= 3 && !s.ends_with('s'))
}

impl Words {
    fn id(&mut self, word: &str, buf: &mut String) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.singular.len() as u32;
        let one = singular(word).and_then(|s| self.ids.get(s).copied()).unwrap_or(NONE);
        self.singular.push(one);
        buf.clear();
        buf.push_str(word);
        buf.push('s');
        if let Some(plural) = singular(buf).is_some().then(|| self.ids.get(buf.as_str()).copied()).flatten() {
            self.singular[plural as usize] = id;
        }
        self.ids.insert(word.into(), id);
        id
    }

    /// The word ids of `words` and its singular: its own id when it is not
    /// a plural of a word seen.
    fn fold(&self, id: u32) -> u32 {
        match self.singular[id as usize] {
            NONE => id,
            s => s,
        }
    }
}

/// Work space of [`Counter::add`], kept between issues.
#[derive(Default)]
struct Scratch {
    buf: String,
    plural: String,
    /// Word ids of the issue, [`NONE`] at the end of each run.
    tokens: Vec<u32>,
    /// Where each counted item's tokens end.
    item_ends: Vec<usize>,
    /// For each word id, the last issue it was seen in.
    word_issue: Vec<u32>,
    issue: u32,
    /// For each term id: the last item it was seen in, the items and item
    /// set of the current issue.
    touch: Vec<(u32, u32, u64)>,
    item: u32,
    touched: Vec<u32>,
}

/// What [`find`] learns from issues: per-issue contributions added in any
/// order and merged in any grouping, the same result from [`Counter::finish`].
#[derive(Default)]
pub struct Counter {
    words: Words,
    /// Term ids: a word as `(word, NONE)`, a phrase as `(first, second)`.
    ids: FastMap<(u32, u32), u32>,
    keys: Vec<(u32, u32)>,
    stats: Vec<TermStats>,
    months: BTreeMap<NaiveDate, Tally>,
    /// Months before this one are counted together, per term: see
    /// [`Counter::with_horizon`].
    horizon: NaiveDate,
    scratch: Scratch,
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

impl Counter {
    /// A counter that keeps the items per month of each term only from the
    /// month `horizon` on: [`EmergingTerm::monthly_items`] is zero before
    /// it, and memory grows with the terms, not with terms × months. The
    /// horizon must not be after the recent window's start (the `build`
    /// command sets it to the first month the chart shows). Everything
    /// else is as without a horizon.
    pub fn with_horizon(horizon: NaiveDate) -> Counter {
        Counter { horizon: first_of_month(horizon), ..Counter::default() }
    }

    fn term(&mut self, key: (u32, u32)) -> u32 {
        let next = self.keys.len() as u32;
        let id = *self.ids.entry(key).or_insert(next);
        if id == next {
            self.keys.push(key);
            self.stats.push(TermStats::default());
        }
        id
    }

    /// Counts the terms of `issue`. Plurals are folded to a singular seen
    /// in the same issue here, to a singular seen anywhere in
    /// [`Counter::finish`].
    pub fn add(&mut self, scanner: &Scanner, issue: &Issue, config: &Config) {
        let date = issue.date.date_naive();
        let month = first_of_month(date);
        // Terms count the months before the horizon as one.
        let bucket = if month < self.horizon { NaiveDate::MIN } else { month };
        let items = counted_items(issue, config);
        let tally = self.months.entry(month).or_default();
        tally.issues += 1;
        tally.items += items.len();

        let mut s = std::mem::take(&mut self.scratch);
        s.issue += 1;
        s.tokens.clear();
        s.item_ends.clear();
        for texts in &items {
            for text in texts {
                let Scratch { buf, plural, tokens, word_issue, issue, .. } = &mut s;
                let words = &mut self.words;
                scanner.runs(text, buf, &mut |event| match event {
                    Some(w) => {
                        let id = words.id(w, plural);
                        tokens.push(id);
                        if word_issue.len() <= id as usize {
                            word_issue.resize(id as usize + 1, 0);
                        }
                        word_issue[id as usize] = *issue;
                    }
                    None => tokens.push(NONE),
                });
            }
            s.item_ends.push(s.tokens.len());
        }
        let hash = issue_hash(issue, &items);
        let mut start = 0;
        for (j, &end) in s.item_ends.iter().enumerate() {
            s.item += 1;
            let h = item_hash(hash, j);
            let mut previous = NONE;
            for at in start..end {
                let mut w = s.tokens[at];
                if w == NONE {
                    previous = NONE;
                    continue;
                }
                let one = self.words.singular[w as usize];
                if one != NONE && s.word_issue[one as usize] == s.issue {
                    w = one;
                }
                let mut touch = |key: (u32, u32)| {
                    let t = self.term(key) as usize;
                    if s.touch.len() <= t {
                        s.touch.resize(t + 1, (0, 0, 0));
                    }
                    let entry = &mut s.touch[t];
                    if entry.0 != s.item {
                        if entry.1 == 0 {
                            s.touched.push(t as u32);
                        }
                        *entry = (s.item, entry.1 + 1, entry.2.wrapping_add(h));
                    }
                };
                touch((w, NONE));
                if previous != NONE {
                    touch((previous, w));
                }
                previous = w;
            }
            start = end;
        }
        for &t in &s.touched {
            let (_, items, set) = std::mem::take(&mut s.touch[t as usize]);
            s.touch[t as usize].0 = s.item;
            self.stats[t as usize].add_issue(bucket, date, items, set);
        }
        s.touched.clear();
        self.scratch = s;
    }

    /// Adds what `other` counted.
    pub fn merge(&mut self, mut other: Counter) {
        if self.keys.is_empty() && self.months.is_empty() {
            other.scratch = std::mem::take(&mut self.scratch);
            *self = other;
            return;
        }
        for (month, tally) in other.months {
            let mine = self.months.entry(month).or_default();
            mine.issues += tally.issues;
            mine.items += tally.items;
        }
        let mut map = vec![NONE; other.words.singular.len()];
        let mut buf = String::new();
        for (word, id) in other.words.ids {
            map[id as usize] = self.words.id(&word, &mut buf);
        }
        for ((a, b), stats) in other.keys.into_iter().zip(other.stats) {
            let key = (map[a as usize], if b == NONE { NONE } else { map[b as usize] });
            let t = self.term(key) as usize;
            self.stats[t].merge(stats);
        }
    }

    /// The recent window of the issues added: fixed to `recent` months, or
    /// chosen from the issues' months ([`window::choose`]).
    pub fn window(&self, recent: Option<u32>) -> Window {
        window::choose(self.months.iter().map(|(&month, tally)| (month, tally.issues)), recent)
    }

    /// The emerging terms of the issues added.
    pub fn finish(mut self, options: Options) -> Emerging {
        let window = self.window(options.recent_months);
        let recent_start = window.start;

        // Plurals whose singular is in another issue.
        for t in 0..self.keys.len() {
            let (a, b) = self.keys[t];
            let key = (self.words.fold(a), if b == NONE { NONE } else { self.words.fold(b) });
            if key != (a, b) {
                let stats = std::mem::take(&mut self.stats[t]);
                let to = self.term(key) as usize;
                self.stats[to].merge(stats);
            }
        }

        let (mut recent, mut baseline) = (Tally::default(), Tally::default());
        for (&month, tally) in &self.months {
            let total = if month >= recent_start { &mut recent } else { &mut baseline };
            total.issues += tally.issues;
            total.items += tally.items;
        }

        let mut names: Vec<&str> = vec![""; self.words.singular.len()];
        for (word, &id) in &self.words.ids {
            names[id as usize] = word;
        }
        let name = |(a, b): (u32, u32)| {
            if b == NONE {
                names[a as usize].to_owned()
            } else {
                format!("{} {}", names[a as usize], names[b as usize])
            }
        };
        let mut terms: Vec<(EmergingTerm, u64, u32)> = Vec::new();
        if baseline.items > 0 && recent.items > 0 {
            for (t, stats) in self.stats.iter().enumerate() {
                let split = stats.months.partition_point(|m| m.month < recent_start);
                let (recent_items, recent_issues) = stats.months[split..]
                    .iter()
                    .fold((0usize, 0usize), |(i, s), m| (i + m.items as usize, s + m.issues as usize));
                if recent_items < options.min_items || recent_issues < MIN_ISSUES {
                    continue;
                }
                let baseline_items: usize = stats.months[..split].iter().map(|m| m.items as usize).sum();
                let recent_share = recent_items as f64 / recent.items as f64;
                let baseline_share = baseline_items as f64 / baseline.items as f64;
                if recent_share <= baseline_share {
                    continue;
                }
                let score = log_likelihood(recent_items, recent.items, baseline_items, baseline.items);
                if score < MIN_SCORE {
                    continue;
                }
                let term = EmergingTerm {
                    term: name(self.keys[t]),
                    recent_items,
                    recent_share,
                    baseline_items,
                    baseline_share,
                    score,
                    first_seen: stats.first_seen,
                    monthly_items: Vec::new(),
                };
                terms.push((term, stats.item_set, t as u32));
            }
        }
        terms.sort_by(|(a, ..), (b, ..)| {
            b.score.total_cmp(&a.score).then(b.recent_items.cmp(&a.recent_items)).then_with(|| a.term.cmp(&b.term))
        });
        let mut terms = one_per_item_set(terms);
        terms.truncate(options.top);
        let terms = terms
            .into_iter()
            .map(|(mut term, t)| {
                let counts = &self.stats[t as usize].months;
                term.monthly_items = self
                    .months
                    .keys()
                    .map(|&month| match month < self.horizon {
                        true => 0,
                        false => {
                            counts.binary_search_by_key(&month, |m| m.month).map_or(0, |at| counts[at].items as usize)
                        }
                    })
                    .collect();
                term
            })
            .collect();
        Emerging { options, window, recent, baseline, months: self.months.into_iter().collect(), terms }
    }
}

/// Finds the emerging terms of `archive`.
pub fn find(archive: &Archive, config: &Config, options: Options) -> Emerging {
    let scanner = Scanner::new(config);
    archive
        .issues
        .par_iter()
        .fold(Counter::default, |mut counter, issue| {
            counter.add(&scanner, issue, config);
            counter
        })
        .reduce(Counter::default, |mut a, b| {
            a.merge(b);
            a
        })
        .finish(options)
}

/// Dunning's G² for the 2×2 table: `a` of `r` recent items and `c` of `b`
/// baseline items hold the term.
pub fn log_likelihood(a: usize, r: usize, c: usize, b: usize) -> f64 {
    let (n, k) = ((r + b) as f64, (a + c) as f64);
    let cells = [(a, r as f64 * k), (r - a, r as f64 * (n - k)), (c, b as f64 * k), (b - c, b as f64 * (n - k))];
    2.0 * cells
        .iter()
        .filter(|&&(observed, _)| observed > 0)
        .map(|&(observed, expected_times_n)| {
            let o = observed as f64;
            o * (o * n / expected_times_n).ln()
        })
        .sum::<f64>()
}

/// Keeps one term of those found in exactly the same items (a word seen
/// only inside a phrase, the words of a sentence repeated as is): the one
/// with the most words, then the longest, then the first alphabetically.
/// `terms` are ranked (with their item set and a tag carried along); so is
/// the result.
fn one_per_item_set<T>(terms: Vec<(EmergingTerm, u64, T)>) -> Vec<(EmergingTerm, T)> {
    let preference = |t: &EmergingTerm| (t.term.matches(' ').count(), t.term.chars().count());
    let mut kept: Vec<(EmergingTerm, T)> = Vec::new();
    let mut seen: HashMap<(u64, usize, usize), usize> = HashMap::new();
    for (term, item_set, tag) in terms {
        match seen.get(&(item_set, term.recent_items, term.baseline_items)) {
            Some(&at) if preference(&term) > preference(&kept[at].0) => kept[at] = (term, tag),
            Some(_) => {}
            None => {
                seen.insert((item_set, term.recent_items, term.baseline_items), kept.len());
                kept.push((term, tag));
            }
        }
    }
    kept
}

#[cfg(test)]
#[path = "emerging_tests.rs"]
mod tests;
