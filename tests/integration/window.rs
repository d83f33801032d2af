//! The emerging terms' recent window on a newsletter that slowed down: its
//! last year holds one issue, so the default window is extended (and said
//! to be); `build` finds what `emerging` finds (its counting again when
//! invalid issues lengthen the window is tested in `src/build_tests.rs`);
//! `emerging` says what to try when nothing emerged, and the home page
//! links the emerging chart only when a term emerged.

use crate::util::{Project, stderr};

/// Words of the items, in turn: as common in every window.
const WORDS: [&str; 12] = [
    "terraform",
    "ansible",
    "monitoring",
    "logging",
    "pipeline",
    "latency",
    "database",
    "cache",
    "backup",
    "tracing",
    "dashboard",
    "runbook",
];

/// One issue of four items, dated on the 6th of `year`-`month`; with
/// `planted`, its first item also mentions wasmcloud.
fn issue(number: usize, year: i32, month: u32, planted: bool) -> (String, String) {
    let mut body = format!("---\ntitle: Slow Weekly {number}\ndate: {year}-{month:02}-06\n---\n\nNews\n====\n\n");
    for item in 0..4 {
        let word = |k: usize| WORDS[(number * 4 + item + k) % WORDS.len()];
        // Numbered: a sentence that recurs across issues would be boilerplate.
        let mut text = format!("Note {number}-{item} on {} and {}.", word(0), word(5));
        if planted && item == 0 {
            text.push_str(" Also: wasmcloud.");
        }
        body.push_str(&format!(
            "{text}\n<br>[https://example.com/{number}/{item}](https://example.com/{number}/{item})\n\n\n"
        ));
    }
    (format!("{year}-{month:02}-06-{number}.md"), body)
}

/// 150 monthly issues (2005-01 … 2017-06), then eleven six months apart
/// (2017-12 … 2022-12), then one in 2024-06: 162 issues, the last year
/// holding one. wasmcloud is in one item of each of the last twelve.
fn slowed_down() -> Project {
    let project = Project::empty();
    std::fs::create_dir_all(project.issues()).unwrap();
    let mut months: Vec<(i32, u32)> = (0..150).map(|n| (2005 + n / 12, 1 + n as u32 % 12)).collect();
    months.extend((0..11).map(|n| (2017 + (n + 1) / 2, if n % 2 == 0 { 12 } else { 6 })));
    months.push((2024, 6));
    for (n, &(year, month)) in months.iter().enumerate() {
        let (name, body) = issue(n + 1, year, month, n >= 150);
        project.write_issue(&name, body);
    }
    project
}

/// The standard output of a run that must succeed.
fn run(project: &Project, args: &[&str]) -> String {
    let output = project.run(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_last_year_of_one_issue_extends_the_window() {
    let project = slowed_down();
    let table = run(&project, &["emerging"]);
    let first = table.lines().next().unwrap();
    // Twelve issues: 2024-06 and the eleven from 2017-12 on, 79 months.
    assert_eq!(
        first,
        "recent: last 79 months (automatic: the last 12 months hold 1 issue), 2017-12 … 2024-06 (12 issues, 48 items); \
         baseline: 2005-01 … 2017-06 (150 issues, 600 items)"
    );
    let csv = run(&project, &["emerging", "--format", "csv"]);
    // G² by hand: 12 of 48 recent items, 0 of 600 before.
    assert_eq!(csv.lines().nth(1), Some("wasmcloud,12,0.2500,0,0.0000,65.528,2017-12-06"), "{csv}");

    let json: serde_json::Value = serde_json::from_str(&run(&project, &["emerging", "--format", "json"])).unwrap();
    assert_eq!(json["window"]["months"], 79);
    assert_eq!(json["window"]["first_month"], "2017-12");
    assert_eq!(json["window"]["last_month"], "2024-06");
    assert_eq!(json["window"]["automatic"], true);
    assert_eq!(json["window"]["note"], "the last 12 months hold 1 issue");
    assert_eq!(json["recent"]["issues"], 12);
    assert_eq!(json["baseline"]["items"], 600);
    assert_eq!(json["terms"][0]["term"], "wasmcloud");
    assert_eq!(json["empty_reason"], serde_json::Value::Null);

    // The chart's legend names the window and why.
    run(&project, &["emerging", "--out", "out"]);
    let svg: String = project.read_out("trends/emerging.svg").lines().map(str::trim).collect();
    for text in [">Last 79 months<", ">(the last 12 months hold 1 issue)<", ">wasmcloud<"] {
        assert!(svg.contains(text), "emerging.svg lacks {text}");
    }
}

#[test]
fn recent_fixes_the_window_and_an_empty_result_says_what_to_try() {
    let project = slowed_down();
    let table = run(&project, &["emerging", "--recent", "12"]);
    let mut lines = table.lines();
    assert_eq!(
        lines.next(),
        Some(
            "recent: last 12 months (--recent 12), 2023-07 … 2024-06 (1 issue, 4 items); \
             baseline: 2005-01 … 2022-12 (161 issues, 644 items)"
        )
    );
    // One recent issue: nothing can rise in two. Twelve issues need 79 months.
    assert_eq!(
        lines.next(),
        Some(
            "no emerging term: no term rose clearly (score 3.841 or more) in the last 12 months, in at least 3 recent \
             items from 2 issues (try a longer window, --recent 79, or fewer items, --min-items 2)"
        )
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&project, &["emerging", "--recent", "12", "--format", "json"])).unwrap();
    assert_eq!(json["window"]["automatic"], false);
    assert_eq!(json["window"]["note"], serde_json::Value::Null);
    assert_eq!(json["terms"], serde_json::json!([]));
    assert!(
        json["empty_reason"]
            .as_str()
            .unwrap()
            .ends_with("(try a longer window, --recent 79, or fewer items, --min-items 2)")
    );

    // Every issue in the window: a shorter one that holds half of them at most.
    let table = run(&project, &["emerging", "--recent", "240"]);
    assert!(
        table.contains(
            "no emerging term: every issue is in the last 240 months, nothing earlier to compare with (try --recent 153)"
        ),
        "81 of the 162 issues from 2011-10 on, 2011-10 … 2024-06 being 153 months: {table}"
    );
}

#[test]
fn build_finds_what_emerging_finds_with_an_extended_window() {
    let project = slowed_down();
    let csv = run(&project, &["emerging", "--format", "csv"]);
    let alone = project.path().join("alone");
    run(&project, &["emerging", "--out", "alone"]);
    project.build();
    assert_eq!(project.read_out("trends/emerging.csv"), csv);
    let chart = std::fs::read_to_string(alone.join("trends/emerging.svg")).unwrap();
    assert_eq!(project.read_out("trends/emerging.svg"), chart);
    let index = project.read_out("index.html");
    assert!(index.contains("<a href=\"trends/emerging.svg\">emerging terms</a>"), "{index}");
    assert!(index.contains("<a href=\"trends/emerging.csv\">emerging.csv</a>"), "{index}");
}

#[test]
fn the_home_page_says_why_there_is_no_emerging_term() {
    let project = slowed_down();
    let output = project.run(&["build", "--recent", "240"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let index = project.read_out("index.html");
    assert!(!index.contains("trends/emerging.svg"), "{index}");
    assert!(!index.contains("trends/emerging.csv"), "{index}");
    assert!(
        index.contains(
            "<p>No emerging terms: every issue is in the last 240 months, nothing earlier to compare with.</p>"
        ),
        "{index}"
    );
}
