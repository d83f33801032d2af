//! Tests of [`super`]: runs of indices, the horizon of the emerging
//! counters when the recent window is extended, the structure's sample,
//! and the order made from headers read once.

use std::ops::Range;

use super::*;
use crate::build::collect::sections::add_to_runs;
use crate::model::Issue;
use crate::trends::tests::issue;
use chrono::NaiveDate;

#[test]
fn runs_hold_each_index_once() {
    let mut runs = Vec::new();
    for i in [0, 0, 1, 2, 4, 5, 5, 9] {
        add_to_runs(&mut runs, i..i + 1);
    }
    assert_eq!(runs, [0..3, 4..6, 9..10]);
    assert_eq!(runs.iter().flat_map(Range::clone).collect::<Vec<_>>(), [0, 1, 2, 4, 5, 9]);
}

fn month(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap()
}

/// A newsletter that slowed down: 150 monthly issues (2005-01 …
/// 2017-06), eleven six months apart (2017-12 … 2022-12), one in 2024-06.
/// Four items each; `wasmcloud` in one item of each of the last twelve.
fn slowed_down() -> Vec<Issue> {
    let words = ["terraform", "ansible", "monitoring", "logging", "pipeline", "latency", "database", "cache"];
    let mut months: Vec<NaiveDate> = (0..150).map(|n| month(2005 + n / 12, 1 + n as u32 % 12)).collect();
    months.extend((0..11).map(|n| month(2017 + (n + 1) / 2, if n % 2 == 0 { 12 } else { 6 })));
    months.push(month(2024, 6));
    months
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let texts: Vec<String> = (0..4)
                .map(|i| {
                    let also = if n >= 150 && i == 0 { " Also: wasmcloud." } else { "" };
                    format!("Note {n}-{i} on {} and {}.{also}", words[(n + i) % 8], words[(n + i + 3) % 8])
                })
                .collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            issue(&(*m + chrono::Days::new(5)).to_string(), n as u32 + 1, &texts)
        })
        .collect()
}

/// A counter of `issues` keeping months per term from `horizon`.
fn history(window: &emerging::Window) -> NaiveDate {
    window.history_start()
}

fn counter(issues: &[Issue], horizon: NaiveDate) -> emerging::Counter {
    let config = Config::default();
    let scanner = emerging::Scanner::new(&config);
    let mut counter = emerging::Counter::with_horizon(horizon);
    for issue in issues {
        counter.add(&scanner, issue, &config);
    }
    counter
}

#[test]
fn the_horizon_comes_before_an_extended_window() {
    let issues = slowed_down();
    let dates = issues.iter().map(|i| (i.date.date_naive(), 1));
    let window = emerging::window::choose(dates, None);
    // Twelve issues back to 2017-12: 79 months; the chart shows three times that.
    assert_eq!((window.months, window.start), (79, month(2017, 12)));
    let from = history(&window);
    assert_eq!(from, month(2004, 10), "237 months back from 2024-06");
    let kept = counter(&issues, from);
    assert!(history(&kept.window(None)) >= from, "nothing to count again");
    let all = counter(&issues, NaiveDate::MIN).finish(emerging::Options::default());
    let found = kept.finish(emerging::Options::default());
    assert_eq!(found.window, all.window);
    let rows = |e: &emerging::Emerging| -> Vec<(String, usize, usize, Vec<usize>)> {
        e.terms.iter().map(|t| (t.term.clone(), t.recent_items, t.baseline_items, t.monthly_items.clone())).collect()
    };
    assert_eq!(rows(&found), rows(&all));
    assert_eq!((found.terms[0].term.as_str(), found.terms[0].recent_items), ("wasmcloud", 12));
}

#[test]
fn invalid_issues_that_lengthen_the_window_are_counted_again() {
    let issues = slowed_down();
    // Eleven more headers in the last year, whose issues turn out invalid:
    // the headers' window is the last 12 months, whose chart starts 59
    // months before 2024-06.
    let late = (7..=12).map(|m| month(2023, m)).chain((1..=5).map(|m| month(2024, m)));
    let headers = issues.iter().map(|i| i.date.date_naive()).chain(late).map(|d| (d, 1));
    let from = history(&emerging::window::choose(headers, None));
    assert_eq!(from, month(2019, 7));
    let kept = counter(&issues, from);
    let window = kept.window(None);
    assert_eq!((window.months, window.start), (79, month(2017, 12)), "the valid issues' window");
    assert!(history(&window) < from, "the build counts again");
    // What counting again avoids: wasmcloud's items of 2017-12 … 2019-06,
    // before the horizon, counted as the baseline's.
    let wrong = kept.finish(emerging::Options::default());
    let wasmcloud = wrong.terms.iter().find(|t| t.term == "wasmcloud").unwrap();
    assert_eq!((wasmcloud.recent_items, wasmcloud.baseline_items), (8, 4));
}

/// File names of an archive of `n` weekly issues, as `gen_corpus` names them.
fn names(n: usize) -> Vec<std::path::PathBuf> {
    let first = NaiveDate::from_ymd_opt(2010, 1, 3).unwrap();
    (0..n).map(|i| format!("issues/{}-{}.md", first + chrono::Days::new(7 * i as u64), i + 1).into()).collect()
}

#[test]
fn the_sample_keeps_its_files_as_issues_are_added() {
    use crate::input::structure::in_sample;
    let sample = |files: &[std::path::PathBuf]| -> Vec<std::path::PathBuf> {
        files.iter().filter(|p| in_sample(p, files.len())).cloned().collect()
    };
    // Up to 2,000 files: every file.
    assert_eq!(sample(&names(2_000)).len(), 2_000);
    // 10,000 files: one in 8, by name; 10,001: the same ones, and the new one if its name is drawn.
    let (before, after) = (sample(&names(10_000)), sample(&names(10_001)));
    assert!((1_000..=1_500).contains(&before.len()), "{} files sampled", before.len());
    assert_eq!(after[..before.len()], before[..]);
    assert!(after.len() - before.len() <= 1);
    // Renaming the oldest file leaves the rest of the sample.
    let mut renamed = names(10_000);
    renamed[0] = "issues/renamed.md".into();
    let kept: Vec<_> = sample(&renamed).into_iter().filter(|p| p != &renamed[0]).collect();
    assert_eq!(kept, before.into_iter().filter(|p| p != &names(1)[0]).collect::<Vec<_>>());
}

/// An archive of four issues in `dir`, with `heading` before each of the
/// sections `News` and `Tools`, one link item each.
fn write_archive(dir: &std::path::Path, heading: &str) -> Vec<std::path::PathBuf> {
    (1..=4)
        .map(|n| {
            let path = dir.join(format!("2020-01-0{n}-{n}.md"));
            let text = format!(
                "---\ntitle: Weekly {n}\ndate: 2020-01-0{n}\n---\n\n{heading} News\n\n- [Post {n}](https://a.example/{n}) on wasm.\n\n{heading} Tools\n\n- [Tool {n}](https://b.example/{n}) for wasm.\n"
            );
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

/// Section names of the profile with the issues holding each.
fn sections(profile: &crate::input::structure::Profile) -> Vec<(String, usize)> {
    profile.sections().into_iter().map(|(name, n, _)| (name.to_owned(), n)).collect()
}

#[test]
fn the_order_parses_with_the_structure_its_headers_found() {
    use self::order::Headers;
    use pulldown_cmark::HeadingLevel;
    let dir = tempfile::tempdir().unwrap();
    let files = write_archive(dir.path(), "###");
    let config = Config::default();
    let headers = Headers::read(files.clone(), &config).unwrap();
    // The files change after the headers' pass: an order made from it reads
    // none of them again, whatever its configuration's inferred keys say.
    write_archive(dir.path(), "## Other");
    let completed = Config { title: "Completed".to_owned(), topics: Vec::new(), ..Config::default() };
    let order = Order::new(headers, &completed).unwrap();
    assert_eq!(order.reader.profile().section_level, Some(HeadingLevel::H3));
    assert_eq!(sections(order.reader.profile()), [("News".to_owned(), 4), ("Tools".to_owned(), 4)]);
    let keys: Vec<&str> = order.entries.iter().map(|e| e.key()).collect();
    assert_eq!(keys, ["1", "2", "3", "4"]);
    // Read again, the archive has another structure.
    let again = Order::read(files, &completed).unwrap();
    assert_eq!(again.reader.profile().section_level, Some(HeadingLevel::H2));
    assert_eq!(sections(again.reader.profile()), [("Other News".to_owned(), 4), ("Other Tools".to_owned(), 4)]);
}

#[test]
fn the_sample_is_parsed_with_the_structure_found_as_the_archive_is_loaded() {
    use self::order::Headers;
    use crate::input::{LoadOptions, load_dir};
    let dir = tempfile::tempdir().unwrap();
    let files = write_archive(dir.path(), "###");
    let config = Config::default();
    let headers = Headers::read(files, &config).unwrap();
    let sample = headers.sample(&config).unwrap();
    // Four issues: every one is in the sample, parsed as `load_dir` parses them.
    let loaded = load_dir(dir.path(), &config, LoadOptions::default()).unwrap();
    assert_eq!(sample.archive.issues.len(), 4);
    let json = |issues: &[Issue]| serde_json::to_string(issues).unwrap();
    assert_eq!(json(&sample.archive.issues), json(&loaded.archive.issues));
    let urls: Vec<&str> = sample.archive.issues[3]
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .map(|item| item.links[0].url.as_str())
        .collect();
    assert_eq!(urls, ["https://a.example/4", "https://b.example/4"]);
    assert_eq!(sections(&sample.profile), [("News".to_owned(), 4), ("Tools".to_owned(), 4)]);
    // Changed on disk, the files are parsed with the structure found before.
    write_archive(dir.path(), "## Other");
    let changed = headers.sample(&config).unwrap();
    assert_eq!(sections(&changed.profile), [("News".to_owned(), 4), ("Tools".to_owned(), 4)]);
    assert_eq!(changed.profile.section_level, Some(pulldown_cmark::HeadingLevel::H3));
}
