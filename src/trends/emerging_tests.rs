//! Tests of [`super`]: against the implementation before the streaming
//! [`Counter`] (the `oracle`), on fixtures, samples and generated archives.
//! The words are tested in `emerging_words_tests.rs`, the ranking and G²
//! in `emerging_ranking_tests.rs`.

use std::path::Path;

use chrono::NaiveDate;

use super::counting::mix;
use super::*;
use crate::input::{LoadOptions, Reader, load_dir};
use crate::model::{Archive, Issue};

/// The corpus generator of the benchmarks, for archives to compare with the
/// oracle.
#[allow(dead_code, clippy::all)]
#[path = "../../examples/gen_corpus.rs"]
pub(super) mod gen_corpus;

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
        let all = merged_from_the_last(&order, &scanner, config);
        assert_same(&all.finish(options), &old, &format!("{what}, {options:?}, one per issue"));
        let tree = merged_as_a_tree(&order, &scanner, config, &mut rng);
        assert_same(&tree.finish(options), &old, &format!("{what}, {options:?}, tree"));
    }
    ranked
}

/// One counter per issue, merged from the last.
fn merged_from_the_last(order: &[&Issue], scanner: &Scanner, config: &Config) -> Counter {
    let mut each: Vec<Counter> = order
        .iter()
        .map(|issue| {
            let mut c = Counter::default();
            c.add(scanner, issue, config);
            c
        })
        .collect();
    let mut all = each.pop().unwrap_or_default();
    while let Some(mut c) = each.pop() {
        c.merge(all);
        all = c;
    }
    all
}

/// Uneven groups, each fed in order, merged pairwise as a tree.
fn merged_as_a_tree(order: &[&Issue], scanner: &Scanner, config: &Config, rng: &mut Rng) -> Counter {
    let mut groups: Vec<Counter> = Vec::new();
    let mut rest = order;
    while !rest.is_empty() {
        let (group, tail) = rest.split_at((1 + rng.below(7)).min(rest.len()));
        let mut c = Counter::default();
        for issue in group {
            c.add(scanner, issue, config);
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
    groups.pop().unwrap_or_default()
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

/// Plurals with their singular in the same item, in the same issue,
/// in another issue (before or after, baseline or recent), nowhere;
/// phrases with either word plural; words ending in `ss`, short words.
const PLURALS: [&str; 47] = [
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

#[test]
fn same_as_the_oracle_with_plurals() {
    use crate::trends::tests::issue;
    let words = PLURALS;
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
fn a_moved_horizon_counts_as_that_horizon_and_a_stored_counter_as_the_counter() {
    use crate::trends::tests::issue;
    let mut issues = Vec::new();
    for n in 0..40u32 {
        let date = NaiveDate::from_ymd_opt(2016, 1, 3).unwrap() + chrono::Days::new(u64::from(n) * 20);
        let texts = [format!("{} rollout", PLURALS[n as usize % PLURALS.len()]), "cluster latency".to_owned()];
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        issues.push(issue(&date.to_string(), n, &texts));
    }
    let config = Config::default();
    let scanner = Scanner::new(&config);
    let count = |horizon: NaiveDate| {
        let mut counter = Counter::with_horizon(horizon);
        for issue in &issues {
            counter.add(&scanner, issue, &config);
        }
        counter
    };
    let (early, late) = (NaiveDate::from_ymd_opt(2016, 2, 1).unwrap(), NaiveDate::from_ymd_opt(2017, 3, 15).unwrap());
    let mut moved = count(early);
    assert!(moved.move_horizon(late));
    let mut direct = count(late);
    // 2016-01 to 2017-02 counted as one month, per term.
    let lumped =
        |c: &Counter| c.stats.iter().filter(|s| s.months.first().is_some_and(|m| m.month == NaiveDate::MIN)).count();
    assert!(lumped(&direct) >= 3, "{} terms with months before the horizon", lumped(&direct));
    assert_eq!(format!("{:?}", moved.stats), format!("{:?}", direct.stats));
    assert!(!direct.move_horizon(early), "months counted together cannot be told apart again");
    assert!(direct.move_horizon(late), "the same month");
    let stored: Counter = postcard::from_bytes(&postcard::to_stdvec(&moved).unwrap()).unwrap();
    assert_eq!(format!("{:?}", stored.stats), format!("{:?}", direct.stats));
    let options = Options { recent_months: Some(6), top: 1000, min_items: 1 };
    let expected = count(late).finish(options);
    assert_same(&moved.finish(options), &expected, "moved");
    assert_same(&stored.finish(options), &expected, "stored");
}
