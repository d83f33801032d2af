//! Emerging terms: the words and two-word phrases of the counted text whose
//! share of items rose most in the most recent months, found without a list
//! of topics.
//!
//! The archive is split at the first day of the month `recent_months - 1`
//! months before the newest issue's month: the recent window (on and after
//! it) and the baseline (every earlier month). For each term, the items
//! holding it are counted in both. A term is a candidate when it is in at
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

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Months, NaiveDate};
use rayon::prelude::*;
use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

use crate::config::Config;
use crate::model::{Archive, Issue};
use crate::trends::text::counted_items;

/// Recent issues a term must appear in: one issue is not a trend.
pub const MIN_ISSUES: usize = 2;

/// Lowest score kept: G² ≥ 3.84 happens by chance less than one time in
/// twenty (χ², one degree of freedom, p < 0.05).
pub const MIN_SCORE: f64 = 3.841;

/// What to look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Months in the recent window, counting the newest issue's month.
    pub recent_months: u32,
    /// Terms kept, best first.
    pub top: usize,
    /// Recent items a term must appear in.
    pub min_items: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { recent_months: 12, top: 20, min_items: 3 }
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
    /// Items holding the term in each month of [`Emerging::months`].
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
    /// First day of the recent window.
    pub recent_start: NaiveDate,
    /// First day of the newest issue's month.
    pub last_month: NaiveDate,
    pub recent: Tally,
    pub baseline: Tally,
    /// Months that hold at least one issue, oldest first, with their tallies.
    pub months: Vec<(NaiveDate, Tally)>,
    /// Ranked terms, at most `options.top`; empty without a baseline.
    pub terms: Vec<EmergingTerm>,
}

impl Emerging {
    /// Why there is nothing to rank, if there is not.
    pub fn empty_reason(&self) -> Option<String> {
        if self.recent.items == 0 {
            Some("no counted item in the archive".to_owned())
        } else if self.baseline.items == 0 {
            Some(format!(
                "every issue is in the recent {} months: nothing earlier to compare with (try a smaller --recent)",
                self.options.recent_months
            ))
        } else if self.terms.is_empty() {
            Some(format!(
                "no term rose clearly (score {MIN_SCORE} or more) in at least {} recent items from {MIN_ISSUES} issues",
                self.options.min_items
            ))
        } else {
            None
        }
    }
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

/// Finds the emerging terms of `archive`.
pub fn find(archive: &Archive, config: &Config, options: Options) -> Emerging {
    let first_of_month = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    let last_month = archive.issues.iter().map(|i| first_of_month(i.date.date_naive())).max().unwrap_or_default();
    let back = Months::new(options.recent_months.saturating_sub(1));
    let recent_start = last_month.checked_sub_months(back).unwrap_or(NaiveDate::MIN);
    let words = Words::new(config);
    let vocabulary: HashSet<String> = archive
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
        });
    let mut by_month: BTreeMap<NaiveDate, Vec<(usize, &Issue)>> = BTreeMap::new();
    for (i, issue) in archive.issues.iter().enumerate() {
        by_month.entry(first_of_month(issue.date.date_naive())).or_default().push((i, issue));
    }
    let months: Vec<(NaiveDate, Tally, HashMap<String, TermStats>)> = by_month
        .into_par_iter()
        .map(|(month, issues)| {
            let mut tally = Tally { issues: issues.len(), items: 0 };
            let mut terms: HashMap<String, TermStats> = HashMap::new();
            for (i, issue) in issues {
                let date = issue.date.date_naive();
                let mut in_issue: HashMap<String, (usize, u64)> = HashMap::new();
                for (j, texts) in counted_items(issue, config).into_iter().enumerate() {
                    tally.items += 1;
                    for term in words.terms(&texts, &vocabulary) {
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
        .collect();

    let (mut recent, mut baseline) = (Tally::default(), Tally::default());
    let mut recent_terms: HashMap<&str, TermStats> = HashMap::new();
    let mut baseline_terms: HashMap<&str, TermStats> = HashMap::new();
    for (month, tally, terms) in &months {
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

    let mut terms: Vec<(EmergingTerm, u64)> = Vec::new();
    if baseline.items > 0 && recent.items > 0 {
        for (&term, stats) in &recent_terms {
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
        recent_start,
        last_month,
        recent,
        baseline,
        months: months.into_iter().map(|(month, tally, _)| (month, tally)).collect(),
        terms,
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
struct Words {
    stop: HashSet<String>,
    /// URLs, e-mail addresses and domain names.
    urls: Regex,
}

/// Parts of URLs that are words to UAX #29.
const URL_WORDS: [&str; 6] = ["http", "https", "www", "com", "html", "htm"];

impl Words {
    fn new(config: &Config) -> Words {
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
    fn runs(&self, text: &str) -> Vec<Vec<String>> {
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
    fn terms(&self, texts: &[std::borrow::Cow<str>], vocabulary: &HashSet<String>) -> HashSet<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        Words::new(&Config::default())
    }

    fn runs(text: &str) -> Vec<String> {
        words().runs(text).into_iter().map(|run| run.join(" ")).collect()
    }

    #[test]
    fn stop_words_numbers_and_urls_end_runs() {
        assert_eq!(
            runs("The Service Mesh, and service-mesh tooling in 2017"),
            ["service mesh", "service mesh tooling"]
        );
        assert_eq!(
            runs("Kubernetes 1.7 released: see https://k8s.io/blog or www.example.org/x today"),
            ["kubernetes", "released", "today"]
        );
        assert_eq!(runs("by rob@example.com at buoyant.io about node.js"), ["node.js"]);
        assert_eq!(runs("Verizon’s AI-powered pipelines"), ["verizon ai powered pipelines"]);
        assert_eq!(runs("see 1ipP2eB9pW5j3WDvzCGz9 k8s"), ["k8s"]);
        assert_eq!(runs("service\n\nmesh"), ["service", "mesh"]);
    }

    #[test]
    fn plurals_fold_to_a_known_singular() {
        let vocabulary: HashSet<String> = ["container", "image"].into_iter().map(String::from).collect();
        let texts = [std::borrow::Cow::from("Containers and container images; Kubernetes")];
        let mut terms: Vec<String> = words().terms(&texts, &vocabulary).into_iter().collect();
        terms.sort();
        assert_eq!(terms, ["container", "container image", "image", "kubernetes"]);
    }

    #[test]
    fn terms_in_the_same_items_are_listed_once() {
        let term = |name: &str, recent_items| EmergingTerm {
            term: name.to_owned(),
            recent_items,
            recent_share: 0.0,
            baseline_items: 0,
            baseline_share: 0.0,
            score: 1.0,
            first_seen: NaiveDate::default(),
            monthly_items: Vec::new(),
        };
        let ranked =
            vec![(term("mesh", 5), 7), (term("service mesh", 5), 7), (term("service", 5), 9), (term("sidecar", 4), 7)];
        let kept: Vec<String> = one_per_item_set(ranked).into_iter().map(|t| t.term).collect();
        assert_eq!(kept, ["service mesh", "service", "sidecar"], "same items and counts: one row");
    }

    #[test]
    fn log_likelihood_is_zero_without_a_difference() {
        assert!(log_likelihood(10, 100, 20, 200).abs() < 1e-9);
        assert!(log_likelihood(10, 100, 0, 200) > log_likelihood(10, 100, 5, 200));
        assert!(log_likelihood(20, 100, 0, 200) > log_likelihood(10, 100, 0, 200));
        // 2×2 table by hand: a=5 of 10, c=0 of 10: G² = 2·(5·ln 2 + 5·ln(2/3)·… ) ≈ 8.6305.
        assert!((log_likelihood(5, 10, 0, 10) - 8.630462).abs() < 1e-5, "{}", log_likelihood(5, 10, 0, 10));
    }
}
