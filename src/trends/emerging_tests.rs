//! Tests of [`super`]: against the implementation before the streaming
//! [`Counter`] (the `oracle`), on fixtures, samples and generated archives.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::*;

/// The corpus generator of the benchmarks, for archives to compare with the
/// oracle.
#[allow(dead_code, clippy::all)]
#[path = "../../examples/gen_corpus.rs"]
mod gen_corpus;

/// The implementation before the streaming [`Counter`], kept verbatim as
/// the reference the tests compare [`find`] with.
#[allow(clippy::all)]
mod oracle {
    use std::collections::{BTreeMap, HashMap, HashSet};

    use chrono::{Datelike, NaiveDate};
    use rayon::prelude::*;
    use regex::Regex;
    use unicode_segmentation::UnicodeSegmentation;

    use super::{Emerging, EmergingTerm, MIN_ISSUES, Options, Tally};
    use crate::config::Config;
    use crate::model::{Archive, Issue};
    use crate::trends::text::counted_items;

    /// The cut the README states: the 5% critical value of χ² with one
    /// degree of freedom, written out rather than taken from the code.
    const MIN_SCORE: f64 = 3.841;

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

    /// Finds the emerging terms of `archive`.
    pub(super) fn find(archive: &Archive, config: &Config, options: Options) -> Emerging {
        let first_of_month = |d: NaiveDate| d.with_day(1).unwrap_or(d);
        // The window is chosen as the module chooses it (tested on its own).
        let window =
            super::window::choose(archive.issues.iter().map(|i| (i.date.date_naive(), 1)), options.recent_months);
        let recent_start = window.start;
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
            window,
            recent,
            baseline,
            months: months.into_iter().map(|(month, tally, _)| (month, tally)).collect(),
            terms,
        }
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
}

/// The runs of kept words of `text`, joined, after checking them against
/// the oracle.
fn runs(text: &str) -> Vec<String> {
    static SCANNER: LazyLock<Scanner> = LazyLock::new(|| Scanner::new(&Config::default()));
    static ORACLE: LazyLock<oracle::Words> = LazyLock::new(|| oracle::Words::new(&Config::default()));
    let (mut buf, mut run, mut runs) = (String::new(), Vec::new(), Vec::new());
    SCANNER.runs(text, &mut buf, &mut |event| match event {
        Some(w) => run.push(w.to_owned()),
        None => runs.push(std::mem::take(&mut run)),
    });
    assert!(run.is_empty());
    let old: Vec<String> = ORACLE.runs(text).into_iter().map(|run| run.join(" ")).collect();
    let new: Vec<String> = runs.into_iter().map(|run| run.join(" ")).collect();
    assert_eq!(new, old);
    new
}

use std::path::Path;

use crate::input::{LoadOptions, Reader, load_dir};
use crate::model::Archive;

/// Asserts that two results are the same, field by field.
fn assert_same(new: &Emerging, old: &Emerging, what: &str) {
    assert_eq!(new.options, old.options, "{what}");
    assert_eq!(new.window, old.window, "{what}");
    assert_eq!(new.recent, old.recent, "{what}");
    assert_eq!(new.baseline, old.baseline, "{what}");
    assert_eq!(new.months, old.months, "{what}");
    let names = |e: &Emerging| e.terms.iter().map(|t| t.term.clone()).collect::<Vec<_>>();
    assert_eq!(names(new), names(old), "{what}");
    for (a, b) in new.terms.iter().zip(&old.terms) {
        let what = format!("{what}: {}", a.term);
        assert_eq!(a.recent_items, b.recent_items, "{what}");
        assert_eq!(a.baseline_items, b.baseline_items, "{what}");
        assert!((a.recent_share - b.recent_share).abs() < 1e-9, "{what}");
        assert!((a.baseline_share - b.baseline_share).abs() < 1e-9, "{what}");
        assert!((a.score - b.score).abs() < 1e-9, "{what}");
        assert_eq!(a.first_seen, b.first_seen, "{what}");
        assert_eq!(a.monthly_items, b.monthly_items, "{what}");
    }
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        (mix(self.0) % n as u64) as usize
    }
}

/// `find`, and counters fed in shuffled order and merged in several
/// groupings, against the oracle, for several options.
fn check(archive: &Archive, config: &Config, what: &str) -> usize {
    let mut ranked = 0;
    let options = [
        Options::default(),
        Options { recent_months: Some(12), top: 20, min_items: 3 },
        Options { recent_months: Some(3), top: 1000, min_items: 1 },
        Options { recent_months: Some(1), top: 1000, min_items: 2 },
        Options { recent_months: Some(24), top: 5, min_items: 3 },
    ];
    let scanner = Scanner::new(config);
    let mut rng = Rng(archive.issues.len() as u64);
    for options in options {
        let old = oracle::find(archive, config, options);
        ranked += old.terms.len();
        assert_same(&find(archive, config, options), &old, &format!("{what}, {options:?}, find"));

        let mut order: Vec<&Issue> = archive.issues.iter().collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let mut one = Counter::default();
        for issue in &order {
            one.add(&scanner, issue, config);
        }
        assert_same(&one.finish(options), &old, &format!("{what}, {options:?}, shuffled"));

        // One counter per issue, merged from the last.
        let mut each: Vec<Counter> = order
            .iter()
            .map(|issue| {
                let mut c = Counter::default();
                c.add(&scanner, issue, config);
                c
            })
            .collect();
        let mut all = each.pop().unwrap_or_default();
        while let Some(mut c) = each.pop() {
            c.merge(all);
            all = c;
        }
        assert_same(&all.finish(options), &old, &format!("{what}, {options:?}, one per issue"));

        // Uneven groups, each fed in order, merged pairwise as a tree.
        let mut groups: Vec<Counter> = Vec::new();
        let mut rest = order.as_slice();
        while !rest.is_empty() {
            let (group, tail) = rest.split_at((1 + rng.below(7)).min(rest.len()));
            let mut c = Counter::default();
            for issue in group {
                c.add(&scanner, issue, config);
            }
            groups.push(c);
            rest = tail;
        }
        while groups.len() > 1 {
            let mut next = Vec::new();
            let mut it = groups.into_iter();
            while let Some(mut a) = it.next() {
                if let Some(b) = it.next() {
                    a.merge(b);
                }
                next.push(a);
            }
            groups = next;
        }
        let tree = groups.pop().unwrap_or_default();
        assert_same(&tree.finish(options), &old, &format!("{what}, {options:?}, tree"));
    }
    ranked
}

fn load(dir: &Path, config: &Config) -> Archive {
    load_dir(dir, config, LoadOptions::default()).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).archive
}

#[test]
fn same_as_the_oracle_on_the_fixtures_and_samples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = Config::default();
    let mut dirs = vec![root.join("issues"), root.join("tests/fixtures/jekyll-archive/_posts")];
    for entry in std::fs::read_dir(root.join("tests/fixtures/dialects")).unwrap() {
        dirs.push(entry.unwrap().path().join("issues"));
    }
    for dir in dirs {
        check(&load(&dir, &config), &config, &dir.display().to_string());
    }
    let counted = root.join("tests/fixtures/trends/counted");
    let config = Config::load(&counted.join("trendfeed.toml")).unwrap();
    check(&load(&counted.join("issues"), &config), &config, "trends/counted");
    for (intro, links) in [(true, true), (false, false), (true, false)] {
        let config = Config { count_intro: intro, count_link_texts: links, ..Config::default() };
        check(&load(&root.join("issues"), &config), &config, &format!("issues, intro {intro}, links {links}"));
    }
}

#[test]
fn same_as_the_oracle_on_a_generated_archive() {
    let config = Config::default();
    let reader = Reader::new(&config).unwrap();
    let total = 160;
    let issues = (0..total)
        .map(|index| {
            let (name, text) = gen_corpus::issue(index, total, gen_corpus::DEFAULT_SEED);
            reader.parse_str(&text, Path::new(&name)).unwrap().unwrap()
        })
        .collect();
    let ranked = check(&Archive { issues }, &config, "gen_corpus");
    assert!(ranked > 50, "{ranked} terms ranked: too few to compare");
}

#[test]
fn same_as_the_oracle_with_plurals() {
    use crate::trends::tests::issue;
    // Plurals with their singular in the same item, in the same issue,
    // in another issue (before or after, baseline or recent), nowhere;
    // phrases with either word plural; words ending in `ss`, short words.
    let words = [
        "container",
        "containers",
        "image",
        "images",
        "containers image",
        "container images",
        "containers images",
        "container image",
        "mesh",
        "meshes",
        "class",
        "classes",
        "bus",
        "buss",
        "gas",
        "ops",
        "devops",
        "lens",
        "lenses",
        "news",
        "new",
        "pod",
        "pods",
        "Pods",
        "PODS'",
        "node.js",
        "nodes",
        "k8s",
        "operators",
        "operator's",
        "Operator",
        "sidecars",
        "rust",
        "rusts",
        "Straße",
        "STRASSES",
        "Σίσυφος",
        "ΣΊΣΥΦΟΣ",
        "café",
        "cafés",
        "Verizon’s",
        "istio",
        "istios",
        "wasm-modules",
        "wasm module",
        "serverless",
        "serverles",
    ];
    let mut rng = Rng(7);
    let mut issues = Vec::new();
    for n in 0..90u32 {
        let date = NaiveDate::from_ymd_opt(2016, 1, 3).unwrap() + chrono::Days::new(u64::from(n) * 9);
        let texts: Vec<String> = (0..1 + rng.below(6))
            .map(|_| {
                let len = 1 + rng.below(6);
                let late = n as usize * words.len() / 90;
                (0..len)
                    .map(|_| words[rng.below(words.len()).min(late + rng.below(8))])
                    .collect::<Vec<_>>()
                    .join(if rng.below(3) == 0 { ", " } else { " " })
            })
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        issues.push(issue(&date.to_string(), n, &texts));
    }
    // Two issues of the same day, the same plural, only in one of them.
    issues.push(issue("2018-03-04", 200, &["lenses lenses", "cafés"]));
    issues.push(issue("2018-03-04", 201, &["lens", "cafés images"]));
    issues.sort_by_key(|i| (i.date, i.number));
    let config = Config::default();
    let ranked = check(&Archive { issues }, &config, "plurals");
    assert!(ranked > 20, "{ranked} terms ranked: too few to compare");
}

#[test]
fn stop_words_numbers_and_urls_end_runs() {
    assert_eq!(runs("The Service Mesh, and service-mesh tooling in 2017"), ["service mesh", "service mesh tooling"]);
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
fn same_segments_and_runs_on_the_samples_fixtures_and_a_generated_archive() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = Vec::new();
    for dir in [root.join("issues"), root.join("tests/fixtures")] {
        for entry in walkdir::WalkDir::new(dir) {
            let path = entry.unwrap().into_path();
            if path.extension().is_some_and(|e| e == "md") {
                texts.push(String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned());
            }
        }
    }
    texts.extend((0..300).map(|index| gen_corpus::issue(index, 300, gen_corpus::DEFAULT_SEED).1));
    assert!(texts.len() > 340, "{} files", texts.len());
    for text in &texts {
        bounds::tests::same_segments(text);
        runs(text);
        for line in text.lines() {
            bounds::tests::same_segments(line);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 5_000, ..Default::default() })]

    /// Runs of kept words, and their ends, as the oracle finds them, for
    /// text made of words, stop words, numbers, URLs and what stands
    /// between them.
    #[test]
    fn same_runs_on_random_text(
        parts in proptest::collection::vec(proptest::sample::select(&[
            "service", "Mesh", "the", "and", "k8s", "it's", "Verizon’s", "Straße", "café", "node.js", "e.g.",
            "1.7", "2017", "1,000", "x", "_", "__init__", "a_b", "IT'S", "Pods'", "v2", "v123",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmn", "abcdefghijklmnopqrstuvwxyzabcdefghijklmno", "https://k8s.io/x", "buoyant.io", "a@b.com",
            " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "-", "--", ",", ".", "'", "’", "…", ":", ";",
            "\"", "/", "#", "\u{a0}", "\u{301}",
        ][..]), 0..24)
    ) {
        runs(&parts.concat());
    }

    /// The same on ASCII text only, which [`words::Scanner`] reads in one
    /// pass of its own.
    #[test]
    fn same_runs_on_random_ascii_text(
        parts in proptest::collection::vec(proptest::sample::select(&[
            "service", "Mesh", "the", "and", "k8s", "it's", "IT'S", "Pods'", "node.js", "e.g.", "a:b", "3'4", "1;2",
            "1.7", "2017", "1,000", "x", "_", "__init__", "a_b", "_1", "v2", "v123", "'s", "abcdefghijklmnopqrstuvwxyzabcdefghijklmn",
            "https://k8s.io/x", "buoyant.io", "a@b.com", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\x0b", "\x0c",
            "-", "--", ",", ".", "'", ":", ";", "\"", "/", "#", "@", "\x1f",
        ][..]), 0..32)
    ) {
        runs(&parts.concat());
    }
}

#[test]
fn plurals_fold_to_a_known_singular() {
    let vocabulary: HashSet<String> = ["container", "image"].into_iter().map(String::from).collect();
    let texts = [std::borrow::Cow::from("Containers and container images; Kubernetes")];
    let mut terms: Vec<String> =
        oracle::Words::new(&Config::default()).terms(&texts, &vocabulary).into_iter().collect();
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
    let ranked = vec![
        (term("mesh", 5), 7, ()),
        (term("service mesh", 5), 7, ()),
        (term("service", 5), 9, ()),
        (term("sidecar", 4), 7, ()),
    ];
    let kept: Vec<String> = one_per_item_set(ranked).into_iter().map(|(t, ())| t.term).collect();
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

#[test]
fn log_likelihood_matches_tables_computed_by_hand() {
    // The README's `kubernetes`: 6 of 43 recent items, 0 of 27 baseline.
    // N = 70, K = 6: E = 43·6/70, 43·64/70, (27·6/70,) 27·64/70;
    // G² = 2 (6 ln(6/3.68571) + 37 ln(37/39.31429) + 27 ln(27/24.68571)) = 6.19701.
    assert!((log_likelihood(6, 43, 0, 27) - 6.19701).abs() < 1e-5, "{}", log_likelihood(6, 43, 0, 27));
    // Either side of the cut (tests/integration/promises.rs shows the sums).
    assert!((log_likelihood(4, 8, 2, 16) - 3.84509).abs() < 1e-5, "{}", log_likelihood(4, 8, 2, 16));
    assert!((log_likelihood(3, 8, 1, 16) - 3.56059).abs() < 1e-5, "{}", log_likelihood(3, 8, 1, 16));
    // One item each, held only by the recent one: 2 (1 ln 2 + 1 ln 2) = 2.77259.
    assert!((log_likelihood(1, 1, 0, 1) - 2.77259).abs() < 1e-5, "{}", log_likelihood(1, 1, 0, 1));
}
