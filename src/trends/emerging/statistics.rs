//! What [`super`] knows of each term, month by month, and how a rise is
//! scored: Dunning's log-likelihood ratio G² (see the module documentation
//! of [`super`]).
//!
//! Not here: term ids and the counting ([`super::counting`]), the ranking
//! ([`super::ranking`]).

use chrono::NaiveDate;

use super::{EmergingTerm, MIN_ISSUES, MIN_SCORE, Tally};

/// Items and issues holding a term in one month.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(super) struct MonthCount {
    pub(super) month: NaiveDate,
    pub(super) items: u32,
    pub(super) issues: u32,
}

/// How a term fares over the archive.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct TermStats {
    /// The sum of [`item_hash`](super::counting) over the items holding the term: terms with
    /// the same sum are in the same items.
    pub(super) item_set: u64,
    pub(super) first_seen: NaiveDate,
    /// By month, oldest first; empty for a term folded into another.
    pub(super) months: Vec<MonthCount>,
}

impl TermStats {
    pub(super) fn add_issue(&mut self, month: NaiveDate, date: NaiveDate, items: u32, item_set: u64) {
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

    /// Counts the months before `horizon` as one, as [`Self::add_issue`]
    /// counts them before a counter's horizon.
    pub(super) fn count_together_before(&mut self, horizon: NaiveDate) {
        let before = self.months.partition_point(|m| m.month < horizon);
        if before == 0 || (before == 1 && self.months[0].month == NaiveDate::MIN) {
            return;
        }
        let (items, issues) = self.months[..before].iter().fold((0, 0), |(i, n), m| (i + m.items, n + m.issues));
        self.months.splice(..before, [MonthCount { month: NaiveDate::MIN, items, issues }]);
    }

    pub(super) fn merge(&mut self, other: TermStats) {
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

/// A term's counts in the recent window and in the baseline, and its score,
/// when it rose enough to rank: in `min_items` recent items or more from
/// [`MIN_ISSUES`] recent issues or more, with a recent share above its
/// baseline share and a score of [`MIN_SCORE`] or more. The term's name
/// and monthly items are left empty.
pub(super) fn rise(
    stats: &TermStats,
    min_items: usize,
    recent_start: NaiveDate,
    recent: Tally,
    baseline: Tally,
) -> Option<EmergingTerm> {
    let split = stats.months.partition_point(|m| m.month < recent_start);
    let (recent_items, recent_issues) =
        stats.months[split..].iter().fold((0usize, 0usize), |(i, s), m| (i + m.items as usize, s + m.issues as usize));
    if recent_items < min_items || recent_issues < MIN_ISSUES {
        return None;
    }
    let baseline_items: usize = stats.months[..split].iter().map(|m| m.items as usize).sum();
    let recent_share = recent_items as f64 / recent.items as f64;
    let baseline_share = baseline_items as f64 / baseline.items as f64;
    if recent_share <= baseline_share {
        return None;
    }
    let score = log_likelihood(recent_items, recent.items, baseline_items, baseline.items);
    if score < MIN_SCORE {
        return None;
    }
    Some(EmergingTerm {
        term: String::new(),
        recent_items,
        recent_share,
        baseline_items,
        baseline_share,
        score,
        first_seen: stats.first_seen,
        monthly_items: Vec::new(),
    })
}
