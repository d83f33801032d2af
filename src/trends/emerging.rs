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

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::model::Archive;

mod bounds;
mod counting;
mod ranking;
mod statistics;
mod stop;
pub mod window;
mod words;

pub(crate) use bounds::split_word_bounds;
pub use counting::Counter;
pub use statistics::log_likelihood;
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
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

#[cfg(test)]
#[path = "emerging_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "emerging_oracle.rs"]
#[allow(clippy::all)]
mod oracle;

#[cfg(test)]
#[path = "emerging_words_tests.rs"]
mod words_tests;

#[cfg(test)]
#[path = "emerging_ranking_tests.rs"]
mod ranking_tests;
