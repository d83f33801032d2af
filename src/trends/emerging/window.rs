//! The recent window of [`super`]: which of the newest months are compared
//! with every earlier one; and, when nothing emerged, why and what to try.
//!
//! `--recent N` fixes the window to the newest issue's month and the N − 1
//! before it. Without it, the window is chosen from how many issues each
//! month holds ([`choose`]):
//!
//! - the last [`MIN_MONTHS`] months, when they hold at least
//!   [`WANTED_ISSUES`] issues (a monthly newsletter's year);
//! - else months are added one by one, going back from the newest, until
//!   the window holds [`WANTED_ISSUES`] issues, but never so far that it
//!   holds more than half of the archive's issues: the baseline keeps at
//!   least half. A window so extended starts at its oldest issue's month.
//!
//! The window is never shorter than [`MIN_MONTHS`] months. A weekly
//! newsletter's window is its last year; an archive whose last year holds
//! one issue gets the months that hold its last twelve.
//!
//! Not here: the counting ([`super::Counter`]) and what the chart shows.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};

use super::{Emerging, MIN_ISSUES, MIN_SCORE};

/// Months of an automatic window, at least.
pub const MIN_MONTHS: u32 = 12;

/// Issues an automatic window is extended to hold, if it can.
pub const WANTED_ISSUES: usize = 12;

/// The recent window: the newest months, compared with all earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Months in the window, counting the newest issue's month.
    pub months: u32,
    /// First day of the window's first month.
    pub start: NaiveDate,
    /// First day of the newest issue's month, the window's last.
    pub last_month: NaiveDate,
    /// Chosen from the archive ([`choose`]), not fixed with `--recent`.
    pub automatic: bool,
    /// Issues in the last [`MIN_MONTHS`] months.
    pub base_issues: usize,
    /// The automatic window holds fewer than [`WANTED_ISSUES`] issues
    /// because one more month would put more than half of the archive's
    /// issues in it.
    pub capped: bool,
}

/// Months of history the analysis gives per term at least
/// ([`EmergingTerm::monthly_items`](super::EmergingTerm::monthly_items)
/// from [`Window::history_start`] on).
pub const HISTORY_MONTHS: u32 = 60;

impl Window {
    /// How many months of history matter: [`HISTORY_MONTHS`], or three
    /// times the window if longer.
    pub fn history_months(&self) -> u32 {
        HISTORY_MONTHS.max(3 * self.months)
    }

    /// The first of [`Window::history_months`], counting back from the
    /// newest month: the counters of `build` keep months per term from it.
    pub fn history_start(&self) -> NaiveDate {
        let back = chrono::Months::new(self.history_months() - 1);
        self.last_month.checked_sub_months(back).unwrap_or(NaiveDate::MIN)
    }

    /// Whether the automatic window is longer than [`MIN_MONTHS`] months.
    pub fn extended(&self) -> bool {
        self.automatic && self.months > MIN_MONTHS
    }

    /// Why an automatic window is longer than [`MIN_MONTHS`] months: `the
    /// last 12 months hold 1 issue`, and when it stopped short of
    /// [`WANTED_ISSUES`] issues, that a longer window would hold more than
    /// half of them. `None` for any other window.
    pub fn note(&self) -> Option<String> {
        if !self.extended() {
            return None;
        }
        let mut note = format!("the last {MIN_MONTHS} months hold {}", issues(self.base_issues));
        if self.capped {
            note.push_str("; a longer window would hold more than half of the issues");
        }
        Some(note)
    }

    /// The window in words: `last 12 months (automatic)`, `last 48 months
    /// (automatic: the last 12 months hold 1 issue)`, `last 24 months
    /// (--recent 24)`.
    pub fn describe(&self) -> String {
        let how = match self.note() {
            _ if !self.automatic => format!("--recent {}", self.months),
            Some(note) => format!("automatic: {note}"),
            None => "automatic".to_owned(),
        };
        format!("last {} months ({how})", self.months)
    }
}

/// `1 issue`, `3 issues`.
fn issues(n: usize) -> String {
    if n == 1 { "1 issue".to_owned() } else { format!("{n} issues") }
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// Months from `month` to `last`, both counted.
fn months_to(month: NaiveDate, last: NaiveDate) -> u32 {
    let index = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    u32::try_from(index(last) - index(month) + 1).unwrap_or(1).max(1)
}

/// First day of the window of `months` months ending with `last`.
fn start(last: NaiveDate, months: u32) -> NaiveDate {
    last.checked_sub_months(Months::new(months.saturating_sub(1))).unwrap_or(NaiveDate::MIN)
}

/// Issues per month (first day), from pairs in any order, a month any
/// number of times.
fn by_month(pairs: impl IntoIterator<Item = (NaiveDate, usize)>) -> BTreeMap<NaiveDate, usize> {
    let mut months = BTreeMap::new();
    for (day, issues) in pairs {
        *months.entry(first_of_month(day)).or_insert(0) += issues;
    }
    months.retain(|_, &mut n| n > 0);
    months
}

/// The recent window of an archive whose months hold `months` issues:
/// `(month, issues)` pairs in any order (a day of the month will do, and a
/// month may come more than once: `(issue date, 1)` per issue works).
/// `recent` fixes it to that many months; `None` chooses it by the rule of
/// the [module documentation](self). The window ends with the newest
/// month (1970-01 without any).
pub fn choose(months: impl IntoIterator<Item = (NaiveDate, usize)>, recent: Option<u32>) -> Window {
    let months = by_month(months);
    let last_month = months.keys().next_back().copied().unwrap_or_default();
    let base_start = start(last_month, MIN_MONTHS);
    let base_issues = months.range(base_start..).map(|(_, n)| n).sum();
    let mut window =
        Window { months: MIN_MONTHS, start: base_start, last_month, automatic: true, base_issues, capped: false };
    if let Some(n) = recent {
        return Window { months: n, start: start(last_month, n), automatic: false, ..window };
    }
    let total: usize = months.values().sum();
    let mut held = base_issues;
    for (&month, &issues) in months.range(..base_start).rev() {
        if held >= WANTED_ISSUES {
            break;
        }
        if 2 * (held + issues) > total {
            window.capped = true;
            break;
        }
        held += issues;
        window.start = month;
        window.months = months_to(month, last_month);
    }
    window
}

/// The shortest window (in months, starting at an issue's month) that
/// holds `wanted` issues or more and leaves an issue to the baseline.
fn holding(months: &BTreeMap<NaiveDate, usize>, last: NaiveDate, wanted: usize) -> Option<u32> {
    let mut held = 0;
    let mut newest_first = months.iter().rev().peekable();
    while let Some((&month, &issues)) = newest_first.next() {
        held += issues;
        if held >= wanted {
            return newest_first.peek().map(|_| months_to(month, last));
        }
    }
    None
}

/// The longest window (starting at an issue's month) that holds at most
/// half of the issues and leaves an issue to the baseline; the newest month
/// alone when it holds more than half. `None` when one month holds them all.
fn half(months: &BTreeMap<NaiveDate, usize>, last: NaiveDate) -> Option<u32> {
    if months.len() < 2 {
        return None;
    }
    let total: usize = months.values().sum();
    let (mut held, mut best) = (0, 1);
    for (&month, &issues) in months.iter().rev().take(months.len() - 1) {
        held += issues;
        if 2 * held > total {
            break;
        }
        best = months_to(month, last);
    }
    Some(best)
}

impl Emerging {
    /// Why there is nothing to rank, if there is not, and what to try (see
    /// [`Emerging::empty_cause`]): `every issue is in the last 12 months,
    /// nothing earlier to compare with (try --recent 5)`.
    pub fn empty_reason(&self) -> Option<String> {
        self.empty_cause().map(|(cause, tip)| match tip {
            Some(tip) => format!("{cause} (try {tip})"),
            None => cause,
        })
    }

    /// Why there is nothing to rank, if there is not, and what to try: a
    /// shorter `--recent` when the baseline is empty (the longest window
    /// that holds at most half of the issues), a longer one (holding twice
    /// the recent issues, and [`WANTED_ISSUES`] at least) or a lower
    /// `--min-items` when no term rose.
    pub fn empty_cause(&self) -> Option<(String, Option<String>)> {
        let months = by_month(self.months.iter().map(|(m, t)| (*m, t.issues)));
        let last = self.window.last_month;
        let recent = format!("the last {} months", self.window.months);
        let total = self.recent.issues + self.baseline.issues;
        let longer = || {
            let wanted = (2 * self.recent.issues).max(WANTED_ISSUES).min(total.saturating_sub(1));
            (wanted > self.recent.issues).then(|| holding(&months, last, wanted)).flatten()
        };
        let try_recent = |months: Option<u32>| months.map(|n| format!("--recent {n}"));
        if self.recent.items == 0 && self.baseline.items == 0 {
            Some(("no counted item in the archive".to_owned(), None))
        } else if self.baseline.items == 0 {
            let cause = match self.baseline.issues {
                0 => format!("every issue is in {recent}, nothing earlier to compare with"),
                _ => format!("the issues before {recent} hold no counted item, nothing to compare with"),
            };
            Some((cause, try_recent(half(&months, last))))
        } else if self.recent.items == 0 {
            Some((format!("the issues of {recent} hold no counted item"), try_recent(longer())))
        } else if self.terms.is_empty() {
            let min = self.options.min_items;
            let mut tips: Vec<String> =
                longer().map(|n| format!("a longer window, --recent {n}")).into_iter().collect();
            if min > 1 {
                tips.push(format!("fewer items, --min-items {}", min - 1));
            }
            let cause = format!(
                "no term rose clearly (score {MIN_SCORE} or more) in {recent}, in at least {min} recent items from {MIN_ISSUES} issues"
            );
            Some((cause, (!tips.is_empty()).then(|| tips.join(", or "))))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    /// One issue in each of `n` months, the newest in 2024-12, every
    /// `step` months going back.
    fn every(step: u32, n: u32) -> Vec<(NaiveDate, usize)> {
        (0..n).map(|i| (day(2024, 12) - Months::new(i * step), 1)).collect()
    }

    #[test]
    fn a_year_holding_twelve_issues_is_enough() {
        // Weekly, four years: 52 issues in the last year.
        let weekly: Vec<(NaiveDate, usize)> =
            (0..208).map(|w| (day(2024, 12) - chrono::Days::new(7 * w as u64), 1)).collect();
        let w = choose(weekly, None);
        assert_eq!((w.months, w.start, w.last_month), (12, day(2024, 1), day(2024, 12)));
        assert!(w.automatic && !w.capped && !w.extended());
        // 1 December and every seventh day before it, back to 3 January.
        assert_eq!(w.base_issues, 48);
        assert_eq!(w.describe(), "last 12 months (automatic)");
        // Monthly, ten years: exactly 12 in the last 12 months.
        let w = choose(every(1, 120), None);
        assert_eq!((w.months, w.start, w.base_issues), (12, day(2024, 1), 12));
        assert_eq!(w.note(), None);
    }

    #[test]
    fn a_sparse_last_year_is_extended_to_twelve_issues() {
        // One issue every four months for 20 years (60 issues): the last
        // 12 months hold 3 (2024-12, 08, 04); twelve issues reach back to
        // 2021-04: 45 months.
        let w = choose(every(4, 60), None);
        assert_eq!((w.months, w.start, w.base_issues, w.capped), (45, day(2021, 4), 3, false));
        assert!(w.extended());
        assert_eq!(w.describe(), "last 45 months (automatic: the last 12 months hold 3 issues)");
        // The 168-issue shape: one issue in the last year, monthly before.
        let mut pairs = every(1, 167).into_iter().map(|(m, n)| (m - Months::new(20), n)).collect::<Vec<_>>();
        pairs.push((day(2024, 12), 1));
        let w = choose(pairs, None);
        // 2024-12, then 2023-04 back to 2022-06 (eleven months): 31 months.
        assert_eq!((w.months, w.start, w.base_issues), (31, day(2022, 6), 1));
        assert_eq!(w.note().as_deref(), Some("the last 12 months hold 1 issue"));
    }

    #[test]
    fn the_window_holds_at_most_half_of_the_issues() {
        // Ten issues a year apart: twelve would be all of them; the window
        // stops at five (2024-12 … 2020-12, 49 months).
        let w = choose(every(12, 10), None);
        assert_eq!((w.months, w.start, w.base_issues, w.capped), (49, day(2020, 12), 1, true));
        assert_eq!(
            w.note().as_deref(),
            Some("the last 12 months hold 1 issue; a longer window would hold more than half of the issues")
        );
        // A month holding several issues is not split: 3 issues in the
        // last year, 4 in a month before it, 7 in all: 3 + 4 > 7 / 2.
        let w = choose([(day(2024, 12), 2), (day(2024, 3), 1), (day(2023, 11), 4)], None);
        assert_eq!((w.months, w.start, w.capped), (12, day(2024, 1), true));
        assert_eq!(w.describe(), "last 12 months (automatic)", "not extended: nothing to explain");
        // The samples: 3 of 5 issues in the last year, never shorter than 12 months.
        let samples = [(day(2015, 10), 1), (day(2015, 11), 1), (day(2017, 2), 1), (day(2017, 3), 1), (day(2017, 8), 1)];
        let w = choose(samples, None);
        assert_eq!((w.months, w.start, w.last_month, w.base_issues), (12, day(2016, 9), day(2017, 8), 3));
    }

    #[test]
    fn recent_fixes_the_window() {
        let w = choose(every(4, 60), Some(6));
        assert_eq!((w.months, w.start, w.automatic), (6, day(2024, 7), false));
        assert_eq!(w.describe(), "last 6 months (--recent 6)");
        assert_eq!(w.note(), None);
        let w = choose(every(1, 120), Some(48));
        assert_eq!((w.months, w.start), (48, day(2021, 1)));
        // Days and repeated months are folded into months.
        let w = choose([(NaiveDate::from_ymd_opt(2024, 5, 31).unwrap(), 1), (day(2024, 5), 2)], Some(1));
        assert_eq!((w.start, w.last_month, w.base_issues), (day(2024, 5), day(2024, 5), 3));
        let empty = choose([], None);
        assert_eq!((empty.months, empty.last_month, empty.base_issues), (12, NaiveDate::default(), 0));
    }

    #[test]
    fn suggested_windows() {
        let months = by_month(every(4, 10));
        let last = day(2024, 12);
        // 2024-12, 08, 04, 2023-12, 08: five issues in 17 months.
        assert_eq!(holding(&months, last, 5), Some(17));
        assert_eq!(holding(&months, last, 9), Some(33));
        assert_eq!(holding(&months, last, 10), None, "the baseline keeps an issue");
        assert_eq!(half(&months, last), Some(17));
        let crowded = by_month([(day(2024, 12), 5), (day(2024, 11), 1), (day(2024, 10), 1)]);
        assert_eq!(half(&crowded, last), Some(1), "the newest month alone");
        assert_eq!(half(&by_month([(last, 4)]), last), None);
    }
}
