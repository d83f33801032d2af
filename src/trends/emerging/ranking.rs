//! Ranking the terms a [`Counter`] counted: plurals folded to a singular
//! seen anywhere, the recent window and the baseline tallied, each term's
//! rise scored ([`super::statistics`]), the best kept, one per set of
//! items.
//!
//! Not here: the counting ([`super::counting`]).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::counting::{Counter, NONE};
use super::statistics::rise;
use super::{Emerging, EmergingTerm, Options, Tally};

impl Counter {
    /// The emerging terms of the issues added.
    pub fn finish(mut self, options: Options) -> Emerging {
        let window = self.window(options.recent_months);
        self.fold_plurals();
        let (recent, baseline) = self.tallies(window.start);
        let mut terms = self.candidates(&options, window.start, recent, baseline);
        terms.sort_by(|(a, ..), (b, ..)| {
            b.score.total_cmp(&a.score).then(b.recent_items.cmp(&a.recent_items)).then_with(|| a.term.cmp(&b.term))
        });
        let mut terms = one_per_item_set(terms);
        terms.truncate(options.top);
        let terms = terms.into_iter().map(|(term, t)| self.with_monthly_items(term, t)).collect();
        Emerging { options, window, recent, baseline, months: self.months.into_iter().collect(), terms }
    }

    /// Counts plurals whose singular is in another issue as the singular.
    fn fold_plurals(&mut self) {
        for t in 0..self.keys.len() {
            let (a, b) = self.keys[t];
            let key = (self.words.fold(a), if b == NONE { NONE } else { self.words.fold(b) });
            if key != (a, b) {
                let stats = std::mem::take(&mut self.stats[t]);
                let to = self.term(key) as usize;
                self.stats[to].merge(stats);
            }
        }
    }

    /// The issues and items of the recent window (from `recent_start` on)
    /// and of the baseline (before it).
    fn tallies(&self, recent_start: NaiveDate) -> (Tally, Tally) {
        let (mut recent, mut baseline) = (Tally::default(), Tally::default());
        for (&month, tally) in &self.months {
            let total = if month >= recent_start { &mut recent } else { &mut baseline };
            total.issues += tally.issues;
            total.items += tally.items;
        }
        (recent, baseline)
    }

    /// The terms that rose enough to rank ([`rise`]), named, unranked, with
    /// their item set and term id; none without a recent window and a
    /// baseline.
    fn candidates(
        &self,
        options: &Options,
        recent_start: NaiveDate,
        recent: Tally,
        baseline: Tally,
    ) -> Vec<(EmergingTerm, u64, u32)> {
        let mut terms = Vec::new();
        if baseline.items == 0 || recent.items == 0 {
            return terms;
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
        for (t, stats) in self.stats.iter().enumerate() {
            if let Some(mut term) = rise(stats, options.min_items, recent_start, recent, baseline) {
                term.term = name(self.keys[t]);
                terms.push((term, stats.item_set, t as u32));
            }
        }
        terms
    }

    /// `term` with the items holding it in each month (term id `t`): zero
    /// before the horizon.
    fn with_monthly_items(&self, mut term: EmergingTerm, t: u32) -> EmergingTerm {
        let counts = &self.stats[t as usize].months;
        term.monthly_items = self
            .months
            .keys()
            .map(|&month| match month < self.horizon {
                true => 0,
                false => counts.binary_search_by_key(&month, |m| m.month).map_or(0, |at| counts[at].items as usize),
            })
            .collect();
        term
    }
}

/// Keeps one term of those found in exactly the same items (a word seen
/// only inside a phrase, the words of a sentence repeated as is): the one
/// with the most words, then the longest, then the first alphabetically.
/// `terms` are ranked (with their item set and a tag carried along); so is
/// the result.
pub(super) fn one_per_item_set<T>(terms: Vec<(EmergingTerm, u64, T)>) -> Vec<(EmergingTerm, T)> {
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
