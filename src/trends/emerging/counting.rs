//! Counting the terms of issues: word and term ids, and for each term the
//! items and issues that hold it, month by month. Issues are added in any
//! order and counters merged in any grouping (a [`Counter`] per thread).
//!
//! Not here: the words of a text ([`super::words`]), scoring and ranking
//! ([`super::statistics`], [`super::ranking`]).

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use chrono::{Datelike, NaiveDate};

use super::statistics::TermStats;
use super::{Scanner, Tally, Window, window};
use crate::config::Config;
use crate::model::Issue;
use crate::trends::text::{CountedItem, counted_items};

/// Marks the end of a run of adjacent words in a token list, and the second
/// word of a one-word term.
pub(super) const NONE: u32 = u32::MAX;

/// Maps of the short keys here (words, id pairs): the Fx hash (rustc's),
/// fast and not meant to resist crafted collisions.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// SplitMix64's finaliser: a well-mixed 64-bit value.
pub(super) fn mix(mut z: u64) -> u64 {
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

/// The kept words seen, as ids.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub(super) struct Words {
    pub(super) ids: FastMap<Box<str>, u32>,
    /// For each word id, the id of its singular when it is a plural whose
    /// singular was seen (see [`singular`]), else [`NONE`].
    pub(super) singular: Vec<u32>,
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
    pub(super) fn fold(&self, id: u32) -> u32 {
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

/// What [`find`](super::find) learns from issues: per-issue contributions added in any
/// order and merged in any grouping, the same result from [`Counter::finish`].
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct Counter {
    pub(super) words: Words,
    /// Term ids: a word as `(word, NONE)`, a phrase as `(first, second)`.
    ids: FastMap<(u32, u32), u32>,
    pub(super) keys: Vec<(u32, u32)>,
    pub(super) stats: Vec<TermStats>,
    pub(super) months: BTreeMap<NaiveDate, Tally>,
    /// Months before this one are counted together, per term: see
    /// [`Counter::with_horizon`].
    pub(super) horizon: NaiveDate,
    /// For each word id, the term id of the word alone once looked up
    /// ([`Counter::word_term`]), else [`NONE`].
    #[serde(skip)]
    singles: Vec<u32>,
    #[serde(skip)]
    scratch: Scratch,
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

impl Counter {
    /// A counter that keeps the items per month of each term only from the
    /// month `horizon` on: [`EmergingTerm::monthly_items`](super::EmergingTerm::monthly_items) is zero before
    /// it, and memory grows with the terms, not with terms × months. The
    /// horizon must not be after the recent window's start (the `build`
    /// command sets it to the first month the chart shows). Everything
    /// else is as without a horizon.
    pub fn with_horizon(horizon: NaiveDate) -> Counter {
        Counter { horizon: first_of_month(horizon), ..Counter::default() }
    }

    /// Moves the horizon to the month of `horizon`, as if the issues had
    /// been counted with it: the months before it counted together. `false`
    /// (and nothing changed) when `horizon` is before the counter's own,
    /// which has already counted those months together.
    pub fn move_horizon(&mut self, horizon: NaiveDate) -> bool {
        let horizon = first_of_month(horizon);
        if horizon < self.horizon {
            return false;
        }
        if horizon > self.horizon {
            for stats in &mut self.stats {
                stats.count_together_before(horizon);
            }
            self.horizon = horizon;
        }
        true
    }

    pub(super) fn term(&mut self, key: (u32, u32)) -> u32 {
        let next = self.keys.len() as u32;
        let id = *self.ids.entry(key).or_insert(next);
        if id == next {
            self.keys.push(key);
            self.stats.push(TermStats::default());
        }
        id
    }

    /// [`Counter::term`] of the word `w` alone, remembered by word id.
    fn word_term(&mut self, w: u32) -> u32 {
        match self.singles.get(w as usize) {
            Some(&t) if t != NONE => t,
            _ => {
                let t = self.term((w, NONE));
                if self.singles.len() <= w as usize {
                    self.singles.resize(w as usize + 1, NONE);
                }
                self.singles[w as usize] = t;
                t
            }
        }
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
        self.tokenize(scanner, &items, &mut s);
        self.touch_terms(issue_hash(issue, &items), &mut s);
        for &t in &s.touched {
            let (_, items, set) = std::mem::take(&mut s.touch[t as usize]);
            s.touch[t as usize].0 = s.item;
            self.stats[t as usize].add_issue(bucket, date, items, set);
        }
        s.touched.clear();
        self.scratch = s;
    }

    /// The word ids of an issue's counted items, in `s.tokens`, with
    /// [`NONE`] at the end of each run of kept words and the end of each
    /// item in `s.item_ends`; marks each word as seen in this issue.
    fn tokenize(&mut self, scanner: &Scanner, items: &[CountedItem], s: &mut Scratch) {
        s.issue += 1;
        s.tokens.clear();
        s.item_ends.clear();
        for texts in items {
            for text in texts {
                let Scratch { buf, plural, tokens, word_issue, issue, .. } = &mut *s;
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
    }

    /// Marks the terms (words, and pairs of adjacent words) of each item
    /// of the tokens in `s.touch`, each once per item, with the items of
    /// the issue holding it and their item set; `s.touched` lists them. A
    /// plural whose singular is in the issue counts as the singular.
    fn touch_terms(&mut self, hash: u64, s: &mut Scratch) {
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
                let mut touch = |t: u32| {
                    let t = t as usize;
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
                touch(self.word_term(w));
                if previous != NONE {
                    touch(self.term((previous, w)));
                }
                previous = w;
            }
            start = end;
        }
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
}
