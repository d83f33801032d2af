//! The fold's premise: for every collector, adding issues in order gives
//! what adding them in parts and merging the parts in order gives,
//! wherever the archive is cut.

use std::path::PathBuf;

use super::*;
use crate::build::order::Entry;
use crate::trends::count_issue;
use crate::trends::emerging::{Options, Scanner};
use crate::trends::tests::issue;

/// 30 weekly issues, `docker` in every third item and `kubernetes` in
/// every fifth, `wasmcloud` in one item of each of the last six (eight with their
/// `Tools` copies), three
/// items each; a `Tools` section in every fourth issue.
fn issues() -> Vec<Issue> {
    (0..30u32)
        .map(|n| {
            let date = chrono::NaiveDate::from_ymd_opt(2015, 1, 5).unwrap() + chrono::Days::new(7 * u64::from(n));
            let texts: Vec<String> = (0..3)
                .map(|i| {
                    let k = 3 * n + i;
                    let docker = if k % 3 == 0 { " docker" } else { "" };
                    let kubernetes = if k % 5 == 0 { " kubernetes" } else { "" };
                    let new = if n >= 24 && i == 0 { " wasmcloud" } else { "" };
                    format!("item {k} on caching{docker}{kubernetes}{new}")
                })
                .collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let mut issue = issue(&date.to_string(), n + 1, &texts);
            if n % 4 == 0 {
                let mut tools = issue.sections[1].clone();
                (tools.name, tools.canonical) = ("Tools".into(), "Tools".into());
                issue.sections.push(tools);
            }
            issue
        })
        .collect()
}

/// What each collector holds, comparable: with the site's search index
/// for the issues of `order`.
fn view(c: Collectors, options: Options, order: &[Entry]) -> String {
    let feeds = c.feeds.map(|f| f.issues());
    let trends = c.tally.map(|t| {
        let t = t.finish();
        (t.periods, t.years)
    });
    let mut sections: Vec<_> = c.sections.map(|s| s.issues.into_iter().collect()).unwrap_or_default();
    sections.sort_by(|a: &(String, _), b| a.0.cmp(&b.0));
    let latest = c.latest.map(|l| (l.issues, l.items, l.warnings, l.newest));
    let emerging = c.emerging.map(|e| {
        let found = e.finish(options);
        found.terms.iter().map(|t| (t.term.clone(), t.recent_items, t.baseline_items)).collect::<Vec<_>>()
    });
    let explore = c.explore.map(|mut e| {
        let mut chunks = e.take_chunks();
        let (index, last) = e.finish(usize::MAX, usize::MAX);
        chunks.extend(last);
        format!("{:?} {:?} {chunks:?}", index.sorted(), index.issues)
    });
    let mut kept: Vec<usize> = c.kept.map(|k| k.0.into_keys().collect()).unwrap_or_default();
    kept.sort_unstable();
    let search = c.site.map(|s| crate::output::site::search::index_js(&s.finish(order, ["News".to_owned()])).unwrap());
    format!("{feeds:?}\n{trends:?}\n{sections:?}\n{latest:?}\n{emerging:?}\n{kept:?}\n{explore:?}\n{search:?}")
}

/// The collectors as the build's cache gives them back: the term index and
/// the site's items (analysed for search) stored and read.
fn stored(mut c: Collectors) -> Collectors {
    let explore = postcard::to_stdvec(c.explore.as_ref().unwrap()).unwrap();
    c.explore = Some(postcard::from_bytes(&explore).unwrap());
    c.site.as_mut().unwrap().analyse(0);
    let site = postcard::to_stdvec(c.site.as_ref().unwrap()).unwrap();
    c.site = Some(postcard::from_bytes(&site).unwrap());
    c
}

#[test]
fn merging_parts_in_order_equals_adding_in_order() {
    let config = Config { feed_limit: 4, issue_feed_limit: 3, ..Config::default() };
    let issues = issues();
    let order: Vec<Entry> = issues
        .iter()
        .enumerate()
        .map(|(file, i)| {
            Entry::new(&i.key, &i.title, i.number, i.date, PathBuf::from(&i.source).into_boxed_path(), file, None)
        })
        .collect();
    let (reader, site, matcher, scanner) = (
        Reader::new(&config).unwrap(),
        Site::new(&config).unwrap(),
        Matcher::new(&config.topics).unwrap(),
        Scanner::new(&config),
    );
    let valid = vec![true; order.len()];
    let cx = Cx {
        config: &config,
        reader: &reader,
        order: &order,
        valid: &valid,
        site: &site,
        matcher: &matcher,
        scanner: &scanner,
        out: None,
        cache: None,
        horizon: chrono::NaiveDate::MIN,
        period: Period::Month,
    };
    let parsed: Vec<Parsed> = issues
        .into_iter()
        .enumerate()
        .map(|(at, issue)| {
            let counts = count_issue(&issue, &matcher, &config);
            let feeds = ItemFeeds::of(&issue, &matcher, &config);
            Parsed { at, issue, counts, feeds, source: 0 }
        })
        .collect();
    let options = Options { recent_months: Some(2), min_items: 2, ..Options::default() };
    let adding = |range: std::ops::Range<usize>| {
        let mut c = Collectors::empty(&cx, Kind::ALL);
        for p in &parsed[range] {
            c.add(&cx, p).unwrap();
        }
        c
    };
    let whole = view(adding(0..parsed.len()), options, &order);
    assert!(whole.contains("(\"wasmcloud\", 8, 0)"), "the emerging terms are compared: {whole}");
    assert!(whole.contains("TF_SEARCH") && whole.contains("docInfo"), "the search index is compared: {whole}");
    assert!(whole.contains(r#"(\"docker\", Ids"#), "the term index is compared: {whole}");
    for cut in [0, 1, 7, 15, 28, 29, 30] {
        for second in [cut, (cut + 3).min(30), 30] {
            let mut parts = adding(0..cut);
            let mut middle = adding(cut..second);
            middle.merge(adding(second..30));
            parts.merge(middle);
            assert_eq!(view(parts, options, &order), whole, "cut at {cut} and {second}");
            // The first and last parts as the cache gives them back.
            let mut parts = stored(adding(0..cut));
            let mut middle = adding(cut..second);
            middle.merge(stored(adding(second..30)));
            parts.merge(middle);
            assert_eq!(view(parts, options, &order), whole, "stored, cut at {cut} and {second}");
        }
    }
}

/// [`made`]'s one pass gives the counts of [`count_issue`] and the feeds
/// of [`ItemFeeds::of`], with the intro counted or not, in a section
/// counted or not.
#[test]
fn counts_and_item_feeds_in_one_pass() {
    let topic = |name: &str| crate::config::Topic { name: name.into(), terms: Vec::new() };
    let topics = vec![topic("docker"), topic("wasmcloud")];
    for (count_intro, exclude) in [(false, vec![]), (true, vec!["Tools".to_owned()])] {
        let config = Config { topics: topics.clone(), count_intro, exclude_sections: exclude, ..Config::default() };
        let matcher = Matcher::new(&config.topics).unwrap();
        for mut issue in issues() {
            issue.intro_text = "An intro on docker.".into();
            let (counts, topics) = count_issue_items(&issue, &matcher, &config);
            assert_eq!(counts, count_issue(&issue, &matcher, &config));
            assert_eq!(topics, ItemFeeds::of(&issue, &matcher, &config).topics);
        }
    }
}
