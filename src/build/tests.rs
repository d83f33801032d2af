//! Tests of [`super`]: runs of indices, and the horizon of the emerging
//! counters when the recent window is extended.

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
