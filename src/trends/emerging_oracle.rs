//! The implementation of [`super`] before the streaming [`Counter`](super::Counter),
//! kept as the reference the tests (`emerging_tests.rs`) compare
//! [`find`](super::find) with: its steps as they were, cut into functions.
//! It has its own constants, statistics and tallies; of the code it checks
//! it takes only the result types ([`Emerging`], [`EmergingTerm`] and the
//! tally they hold), the options, the window choice (tested on its own) and
//! which texts of an issue are counted.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

use super::{Emerging, EmergingTerm, Options};
use crate::config::Config;
use crate::model::{Archive, Issue};
use crate::trends::text::counted_items;

/// The cut the README states: the 5% critical value of χ² with one
/// degree of freedom, written out rather than taken from the code.
const MIN_SCORE: f64 = 3.841;

/// Recent issues a term must appear in, as the README states ("from 2
/// issues or more").
const MIN_ISSUES: usize = 2;

/// Issues and counted items of a month or window.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    issues: usize,
    items: usize,
}

impl Tally {
    /// The same tally in the result's type.
    fn published(self) -> super::Tally {
        super::Tally { issues: self.issues, items: self.items }
    }
}

/// Dunning's G² = 2 Σ O ln(O / E) over the 2×2 table, in its textbook
/// form: `a` of `r` recent items and `c` of `b` baseline items hold the
/// term; E is the cell's row total × column total / N; empty cells add 0.
fn log_likelihood(a: usize, r: usize, c: usize, b: usize) -> f64 {
    let n = (r + b) as f64;
    let (with, without) = ((a + c) as f64, (r + b - a - c) as f64);
    let cells = [(a, r, with), (r - a, r, without), (c, b, with), (b - c, b, without)];
    2.0 * cells
        .iter()
        .filter(|(observed, ..)| *observed > 0)
        .map(|&(observed, row, column)| {
            let expected = row as f64 * column / n;
            observed as f64 * (observed as f64 / expected).ln()
        })
        .sum::<f64>()
}

/// How a term fares over the archive.
#[derive(Debug, Clone, Copy)]
struct TermStats {
    items: usize,
    issues: usize,
    first_seen: NaiveDate,
    /// The sum of [`item_hash`] over the items holding the term: terms with
    /// the same sum are in the same items.
    item_set: u64,
}

impl TermStats {
    fn add(&mut self, other: TermStats) {
        self.items += other.items;
        self.issues += other.issues;
        self.first_seen = self.first_seen.min(other.first_seen);
        self.item_set = self.item_set.wrapping_add(other.item_set);
    }
}

/// A well-mixed 64-bit hash of the `item`-th counted item of the `issue`-th
/// issue (SplitMix64's finaliser).
fn item_hash(issue: usize, item: usize) -> u64 {
    let mut z = ((issue as u64) << 24 ^ item as u64).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Counts of each month: its tally, and each term's stats.
type Months = Vec<(NaiveDate, Tally, HashMap<String, TermStats>)>;

/// Finds the emerging terms of `archive`.
pub(super) fn find(archive: &Archive, config: &Config, options: Options) -> Emerging {
    // The window is chosen as the module chooses it (tested on its own).
    let window = super::window::choose(archive.issues.iter().map(|i| (i.date.date_naive(), 1)), options.recent_months);
    let words = Words::new(config);
    let vocabulary = vocabulary(archive, config, &words);
    let months = count_months(archive, config, &words, &vocabulary);
    let (recent, baseline, recent_terms, baseline_terms) = split_at(&months, window.start);
    let mut terms: Vec<(EmergingTerm, u64)> = Vec::new();
    if baseline.items > 0 && recent.items > 0 {
        terms = scored(&recent_terms, &baseline_terms, recent, baseline, &options);
    }
    terms.sort_by(|(a, _), (b, _)| {
        b.score.total_cmp(&a.score).then(b.recent_items.cmp(&a.recent_items)).then_with(|| a.term.cmp(&b.term))
    });
    let mut terms = one_per_item_set(terms);
    terms.truncate(options.top);
    for term in &mut terms {
        term.monthly_items = months.iter().map(|(_, _, t)| t.get(&term.term).map_or(0, |s| s.items)).collect();
    }
    Emerging {
        options,
        window,
        recent: recent.published(),
        baseline: baseline.published(),
        months: months.into_iter().map(|(month, tally, _)| (month, tally.published())).collect(),
        terms,
    }
}

/// Every kept word of the archive.
fn vocabulary(archive: &Archive, config: &Config, words: &Words) -> HashSet<String> {
    archive
        .issues
        .par_iter()
        .map(|issue| {
            let mut seen = HashSet::new();
            for texts in counted_items(issue, config) {
                texts.iter().flat_map(|t| words.runs(t)).flatten().for_each(|w| {
                    seen.insert(w);
                });
            }
            seen
        })
        .reduce(HashSet::new, |mut a, b| {
            a.extend(b);
            a
        })
}

/// The counts of each month of the archive, oldest first.
fn count_months(archive: &Archive, config: &Config, words: &Words, vocabulary: &HashSet<String>) -> Months {
    let first_of_month = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    let mut by_month: BTreeMap<NaiveDate, Vec<(usize, &Issue)>> = BTreeMap::new();
    for (i, issue) in archive.issues.iter().enumerate() {
        by_month.entry(first_of_month(issue.date.date_naive())).or_default().push((i, issue));
    }
    by_month
        .into_par_iter()
        .map(|(month, issues)| {
            let mut tally = Tally { issues: issues.len(), items: 0 };
            let mut terms: HashMap<String, TermStats> = HashMap::new();
            for (i, issue) in issues {
                let date = issue.date.date_naive();
                let mut in_issue: HashMap<String, (usize, u64)> = HashMap::new();
                for (j, texts) in counted_items(issue, config).into_iter().enumerate() {
                    tally.items += 1;
                    for term in words.terms(&texts, vocabulary) {
                        let (items, set) = in_issue.entry(term).or_default();
                        *items += 1;
                        *set = set.wrapping_add(item_hash(i, j));
                    }
                }
                for (term, (items, item_set)) in in_issue {
                    let stats = TermStats { items, issues: 1, first_seen: date, item_set };
                    terms.entry(term).and_modify(|s| s.add(stats)).or_insert(stats);
                }
            }
            (month, tally, terms)
        })
        .collect()
}

/// The tallies and term stats of the recent window (from `recent_start`
/// on) and of the baseline.
#[allow(clippy::type_complexity)]
fn split_at(
    months: &Months,
    recent_start: NaiveDate,
) -> (Tally, Tally, HashMap<&str, TermStats>, HashMap<&str, TermStats>) {
    let (mut recent, mut baseline) = (Tally::default(), Tally::default());
    let mut recent_terms: HashMap<&str, TermStats> = HashMap::new();
    let mut baseline_terms: HashMap<&str, TermStats> = HashMap::new();
    for (month, tally, terms) in months {
        let (total, window) = if *month >= recent_start {
            (&mut recent, &mut recent_terms)
        } else {
            (&mut baseline, &mut baseline_terms)
        };
        total.issues += tally.issues;
        total.items += tally.items;
        for (term, &stats) in terms {
            window.entry(term.as_str()).and_modify(|s| s.add(stats)).or_insert(stats);
        }
    }
    (recent, baseline, recent_terms, baseline_terms)
}

/// The terms that rose enough, unranked, with their item sets.
fn scored(
    recent_terms: &HashMap<&str, TermStats>,
    baseline_terms: &HashMap<&str, TermStats>,
    recent: Tally,
    baseline: Tally,
    options: &Options,
) -> Vec<(EmergingTerm, u64)> {
    let mut terms = Vec::new();
    for (&term, stats) in recent_terms {
        let before = baseline_terms.get(term);
        let baseline_items = before.map_or(0, |s| s.items);
        let recent_share = stats.items as f64 / recent.items as f64;
        let baseline_share = baseline_items as f64 / baseline.items as f64;
        if stats.items < options.min_items || stats.issues < MIN_ISSUES || recent_share <= baseline_share {
            continue;
        }
        let score = log_likelihood(stats.items, recent.items, baseline_items, baseline.items);
        if score < MIN_SCORE {
            continue;
        }
        let term = EmergingTerm {
            term: term.to_owned(),
            recent_items: stats.items,
            recent_share,
            baseline_items,
            baseline_share,
            score,
            first_seen: before.map_or(stats.first_seen, |b| b.first_seen.min(stats.first_seen)),
            monthly_items: Vec::new(),
        };
        terms.push((term, stats.item_set.wrapping_add(before.map_or(0, |b| b.item_set))));
    }
    terms
}

/// Keeps one term of those found in exactly the same items (a word seen
/// only inside a phrase, the words of a sentence repeated as is): the one
/// with the most words, then the longest, then the first alphabetically.
/// `terms` are ranked; so is the result.
fn one_per_item_set(terms: Vec<(EmergingTerm, u64)>) -> Vec<EmergingTerm> {
    let preference = |t: &EmergingTerm| (t.term.matches(' ').count(), t.term.chars().count());
    let mut kept: Vec<EmergingTerm> = Vec::new();
    let mut seen: HashMap<(u64, usize, usize), usize> = HashMap::new();
    for (term, item_set) in terms {
        match seen.get(&(item_set, term.recent_items, term.baseline_items)) {
            Some(&at) if preference(&term) > preference(&kept[at]) => kept[at] = term,
            Some(_) => {}
            None => {
                seen.insert((item_set, term.recent_items, term.baseline_items), kept.len());
                kept.push(term);
            }
        }
    }
    kept
}

/// Splits text into the words counted.
pub(super) struct Words {
    stop: HashSet<String>,
    /// URLs, e-mail addresses and domain names.
    urls: Regex,
}

/// Parts of URLs that are words to UAX #29.
const URL_WORDS: [&str; 6] = ["http", "https", "www", "com", "html", "htm"];

impl Words {
    pub(super) fn new(config: &Config) -> Words {
        let stop = stop_words::get("en")
            .iter()
            .copied()
            .chain(URL_WORDS)
            .map(|w| w.replace('’', "'"))
            .chain(config.emerging_stop_words.iter().map(|w| w.trim().to_lowercase()))
            .collect();
        let urls = Regex::new(
            r"(?i)\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+|\S+@\S+\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|co|uk|ly|me|sh|ai|app|cloud|info|biz|de|fr|eu|us|tv|gl|ch|nl|be|jp|ca|au|edu|gov)\b(?:/\S*)?",
        )
        .unwrap_or_else(|e| unreachable!("the URL pattern is valid: {e}"));
        Words { stop, urls }
    }

    /// The runs of adjacent kept words of `text`, lower-cased. A run ends at
    /// a word not kept, at punctuation other than one hyphen, at more than
    /// one space or line break, and at a URL.
    pub(super) fn runs(&self, text: &str) -> Vec<Vec<String>> {
        let mut runs = Vec::new();
        let mut last = 0;
        for url in self.urls.find_iter(text) {
            self.scan(&text[last..url.start()], &mut runs);
            last = url.end();
        }
        self.scan(&text[last..], &mut runs);
        runs
    }

    fn scan(&self, text: &str, runs: &mut Vec<Vec<String>>) {
        #[derive(PartialEq)]
        enum After {
            Word,
            Gap,
            Other,
        }
        let mut run: Vec<String> = Vec::new();
        let mut after = After::Other;
        for segment in text.split_word_bounds() {
            if segment.chars().any(char::is_alphanumeric) {
                let word = self.word(segment);
                if after != After::Gap || word.is_none() {
                    runs.extend((!run.is_empty()).then(|| std::mem::take(&mut run)));
                }
                after = match word {
                    Some(word) => {
                        run.push(word);
                        After::Word
                    }
                    None => After::Other,
                };
            } else if after == After::Word && is_gap(segment) {
                after = After::Gap;
            } else {
                after = After::Other;
            }
        }
        runs.extend((!run.is_empty()).then_some(run));
    }

    /// The word counted for a UAX #29 word, if it is kept.
    fn word(&self, segment: &str) -> Option<String> {
        let lower = segment.to_lowercase().replace('’', "'");
        let word = lower.strip_suffix("'s").unwrap_or(&lower).trim_matches(['\'', '.', '_']);
        let digits = word.chars().filter(char::is_ascii_digit).count();
        let kept = word.chars().count() >= 2
            && word.len() <= 40
            && word.chars().any(char::is_alphabetic)
            && digits < 3
            && !self.stop.contains(word);
        kept.then(|| word.to_owned())
    }

    /// The distinct terms of one item: its words and two-word phrases, with
    /// plurals folded to a singular seen in `vocabulary`.
    pub(super) fn terms(&self, texts: &[std::borrow::Cow<str>], vocabulary: &HashSet<String>) -> HashSet<String> {
        let fold = |w: String| -> String {
            let singular = w.strip_suffix('s').filter(|s| s.len() >= 3 && !s.ends_with('s'));
            match singular {
                Some(s) if vocabulary.contains(s) => s.to_owned(),
                _ => w,
            }
        };
        let mut terms = HashSet::new();
        for run in texts.iter().flat_map(|t| self.runs(t)) {
            let run: Vec<String> = run.into_iter().map(fold).collect();
            for pair in run.windows(2) {
                terms.insert(format!("{} {}", pair[0], pair[1]));
            }
            terms.extend(run);
        }
        terms
    }
}

/// What may stand between the words of a phrase: one hyphen, or spaces
/// with at most one line break.
fn is_gap(segment: &str) -> bool {
    segment == "-" || (segment.chars().all(char::is_whitespace) && segment.matches('\n').count() <= 1)
}
