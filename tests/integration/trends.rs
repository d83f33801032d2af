//! Trends and emerging terms through the real binary: measures counted by
//! hand on `tests/fixtures/trends/counted` (see its README), the gap rule,
//! phrases and case-sensitive terms, the command line, the charts, and a
//! planted emerging term on a generated archive.

use std::path::{Path, PathBuf};

use crate::util::{Project, stderr};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trends/counted")
}

/// The counted fixture with its configuration.
fn counted() -> Project {
    let project = Project::from_dir(&fixture().join("issues"));
    std::fs::copy(fixture().join("trendfeed.toml"), project.path().join("trendfeed.toml")).unwrap();
    project
}

fn stdout(project: &Project, args: &[&str]) -> String {
    let output = project.run(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

/// Hand-counted (see the fixture's README). February has no issue: no row.
const MONTHS_SMOOTHED: &str = "\
start,period,keyword,mentions,items,items_total,share,issues,per_issue,share_smoothed
2020-01-01,2020-01,Go,2,1,5,0.2000,2,1.0000,0.2667
2020-01-01,2020-01,Service mesh,3,2,5,0.4000,2,1.5000,0.3667
2020-01-01,2020-01,Serverless,3,2,5,0.4000,2,1.5000,0.2000
2020-03-01,2020-03,Go,2,1,3,0.3333,2,1.0000,0.2667
2020-03-01,2020-03,Service mesh,2,1,3,0.3333,2,1.0000,0.3667
2020-03-01,2020-03,Serverless,0,0,3,0.0000,2,0.0000,0.2000
";

#[test]
fn measures_per_month_counted_by_hand() {
    let project = counted();
    assert_eq!(stdout(&project, &["trends", "--smooth", "5", "--format", "csv"]), MONTHS_SMOOTHED);
    // `build` writes the same rows, with share_smoothed empty without --smooth.
    project.build();
    let csv = project.read_out("trends/trends.csv");
    let expected: String = MONTHS_SMOOTHED.lines().map(|l| format!("{}\n", l.rsplit_once(',').unwrap().0)).collect();
    let without_smoothing: String = csv.lines().map(|l| format!("{}\n", l.rsplit_once(',').unwrap().0)).collect();
    assert_eq!(without_smoothing, expected);
    assert!(csv.lines().skip(1).all(|l| l.ends_with(',')), "{csv}");
}

#[test]
fn gap_months_have_no_row_and_smoothing_skips_them() {
    let project = counted();
    let csv = stdout(&project, &["trends", "--smooth", "3", "--format", "csv"]);
    assert!(!csv.contains("2020-02"), "{csv}");
    // A window of three months around January holds December, January and
    // February: only January has data, so the average is January's share.
    assert!(csv.contains("2020-01-01,2020-01,Go,2,1,5,0.2000,2,1.0000,0.2000\n"), "{csv}");
    let table = stdout(&project, &["trends"]);
    assert!(table.contains("Go            4         ▅·█"), "January 20%, February missing, March 33%: {table}");
}

#[test]
fn every_period_and_json() {
    let project = counted();
    let issues = stdout(&project, &["trends", "--period", "issue", "--format", "csv"]);
    let rows: Vec<&str> = issues.lines().filter(|l| l.contains(",Serverless,")).collect();
    assert_eq!(
        rows,
        [
            "2020-01-06,1,Serverless,0,0,2,0.0000,1,0.0000,",
            "2020-01-20,2,Serverless,3,2,3,0.6667,1,3.0000,",
            "2020-03-02,3,Serverless,0,0,2,0.0000,1,0.0000,",
            "2020-03-16,4,Serverless,0,0,1,0.0000,1,0.0000,",
        ]
    );
    let weeks = stdout(&project, &["trends", "--period", "week", "--format", "csv"]);
    let labels: Vec<&str> = weeks.lines().skip(1).step_by(3).map(|l| l.split(',').nth(1).unwrap()).collect();
    assert_eq!(labels, ["2020-W02", "2020-W04", "2020-W10", "2020-W12"]);
    let quarter = stdout(&project, &["trends", "--period", "quarter", "--format", "csv"]);
    assert!(quarter.contains("2020-01-01,2020-Q1,Service mesh,5,3,8,0.3750,4,1.2500,\n"), "{quarter}");
    let json = stdout(&project, &["trends", "--period", "year", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0],
        serde_json::json!({"period": "2020", "start": "2020-01-01", "keyword": "Go", "mentions": 4, "items": 2,
            "items_total": 8, "share": 0.25, "issues": 4, "per_issue": 1.0, "share_smoothed": null})
    );
}

#[test]
fn topics_from_the_command_line() {
    let project = counted();
    let csv = stdout(
        &project,
        &[
            "trends",
            "--period",
            "year",
            "--format",
            "csv",
            "--topic",
            "Serverless=serverless,faas,lambda",
            "--topic",
            "Istio",
            "--topic",
            "go",
        ],
    );
    assert_eq!(
        csv,
        "start,period,keyword,mentions,items,items_total,share,issues,per_issue,share_smoothed\n\
         2020-01-01,2020,Serverless,3,2,8,0.2500,4,0.7500,\n\
         2020-01-01,2020,Istio,2,2,8,0.2500,4,0.5000,\n\
         2020-01-01,2020,Go,4,2,8,0.2500,4,1.0000,\n",
        "`Istio` matches its name; `go` takes the configured Go topic"
    );
    let output = project.run(&["trends", "--topic", "=x"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn intro_and_link_texts_are_configurable() {
    let project = counted();
    let config = std::fs::read_to_string(fixture().join("trendfeed.toml")).unwrap();
    std::fs::write(project.path().join("more.toml"), format!("count_intro = true\n{config}")).unwrap();
    std::fs::write(project.path().join("less.toml"), format!("count_link_texts = false\n{config}")).unwrap();
    let more = stdout(&project, &["trends", "--config", "more.toml", "--period", "year", "--format", "csv"]);
    assert!(more.contains("2020-01-01,2020,Go,6,3,9,0.3333,4,1.5000,\n"), "{more}");
    assert!(more.contains("2020-01-01,2020,Serverless,4,3,9,0.3333,4,1.0000,\n"), "{more}");
    let less = stdout(&project, &["trends", "--config", "less.toml", "--period", "year", "--format", "csv"]);
    assert!(less.contains("2020-01-01,2020,Serverless,2,1,8,0.1250,4,0.5000,\n"), "{less}");
}

#[test]
fn charts_have_titles_axes_legends_and_gaps() {
    let project = counted();
    let output = project.run(&["build", "--png"]);
    assert!(output.status.success(), "{}", stderr(&output));
    // Plotters writes each text on a line of its own.
    let svg = |name: &str| project.read_out(&format!("trends/{name}.svg")).lines().map(str::trim).collect::<String>();
    let share = svg("trends");
    for text in ["Fixture Weekly: share of items mentioning each topic, by month", "Items mentioning the topic (%)"] {
        assert!(share.contains(text), "trends.svg lacks {text}");
    }
    assert!(share.contains(">No issue<"), "February is marked as missing");
    let topic = svg("trends-service-mesh");
    for text in ["Fixture Weekly: Service mesh, mentions", "Mentions (count)", "Share of items (%)"] {
        assert!(topic.contains(text), "trends-service-mesh.svg lacks {text}");
    }
    let years = svg("topics-by-year");
    for text in ["mentions of each topic per year", ">Year<", ">4 issues<", ">Serverless<"] {
        assert!(years.contains(text), "topics-by-year.svg lacks {text}");
    }
    assert!(svg("emerging").contains("No emerging term"), "all four issues are recent: nothing to compare");
    for name in ["trends", "trends-go", "trends-service-mesh", "trends-serverless", "topics-by-year", "emerging"] {
        let png = std::fs::read(project.out().join(format!("trends/{name}.png"))).unwrap();
        assert_eq!(&png[1..4], b"PNG", "{name}.png");
    }
}

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const WORDS: [&str; 30] = [
    "terraform",
    "ansible",
    "puppet",
    "chef",
    "monitoring",
    "logging",
    "alerting",
    "pipeline",
    "deploys",
    "latency",
    "outage",
    "postmortem",
    "database",
    "cache",
    "queue",
    "backup",
    "firewall",
    "tracing",
    "metrics",
    "dashboard",
    "runbook",
    "kubernetes",
    "docker",
    "jenkins",
    "nginx",
    "postgres",
    "redis",
    "kafka",
    "vault",
    "consul",
];

/// Three years of weekly issues (2019–2021), six items each, of random
/// words. In 2021 `wasmcloud` appears in about one item in four; `hackathon`
/// fills one issue only; `kubernetes` is also drawn more often in 2021.
fn planted_archive() -> Project {
    let project = Project::empty();
    std::fs::create_dir_all(project.issues()).unwrap();
    let mut rng = Rng(7);
    let mut date = chrono::NaiveDate::from_ymd_opt(2019, 1, 6).unwrap();
    for number in 1..=156 {
        let recent = date.format("%Y").to_string() == "2021";
        let mut body = format!("---\ntitle: Synthetic Weekly {number}\ndate: {date}\n---\n\nNews\n====\n\n");
        for item in 0..6 {
            let mut word = || {
                if recent && rng.below(10) == 0 { "kubernetes" } else { WORDS[rng.below(WORDS.len())] }
            };
            let mut text = format!("Notes on {} and {}, with {} for {}.", word(), word(), word(), word());
            if recent && rng.below(4) == 0 {
                text.push_str(" Also: wasmcloud.");
            }
            if number == 150 && item < 5 {
                text.push_str(" Hackathon news.");
            }
            body.push_str(&format!(
                "{text}\n<br>[https://example.com/{number}/{item}](https://example.com/{number}/{item})\n\n\n"
            ));
        }
        project.write_issue(&format!("{date}-{number}.md"), body);
        date = date.checked_add_days(chrono::Days::new(7)).unwrap();
    }
    project
}

#[test]
fn planted_term_ranks_first() {
    let project = planted_archive();
    let csv = stdout(&project, &["emerging", "--format", "csv", "--out", "out"]);
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0],
        ["term", "recent_items", "recent_share", "baseline_items", "baseline_share", "score", "first_seen"]
    );
    let first = &rows[1];
    assert_eq!(first[0], "wasmcloud", "{csv}");
    assert_eq!(first[3], "0", "never seen before the recent year");
    assert!(first[6].starts_with("2021-01-"), "{csv}");
    assert!(!csv.contains("hackathon"), "one issue is not a trend: {csv}");
    assert!(!csv.contains("terraform"), "steady words do not rise: {csv}");
    // With --out, the command also writes the CSV and the chart, and nothing else.
    assert_eq!(project.read_out("trends/emerging.csv"), csv);
    assert!(project.read_out("trends/emerging.svg").lines().any(|l| l.trim() == "wasmcloud"));
    let written: Vec<_> =
        std::fs::read_dir(project.out().join("trends")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(written.len(), 2, "{written:?}");

    let table = stdout(&project, &["emerging", "--top", "3"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with(
            "recent: last 12 months (automatic), 2021-01 … 2021-12 (52 issues, 312 items); \
             baseline: 2019-01 … 2020-12 (104 issues"
        ),
        "{table}"
    );
    assert!(lines[2].starts_with("1     wasmcloud"), "{table}");
    assert!(lines.len() <= 7, "at most three terms, two header lines and two key lines: {table}");
}

#[test]
fn emerging_window_and_support_are_flags() {
    let project = planted_archive();
    // With the last 24 months as "recent", wasmcloud's rise is diluted but
    // still the strongest; a support of 200 items leaves nothing.
    let json = stdout(&project, &["emerging", "--recent", "24", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!((&json["window"]["months"], &json["window"]["automatic"]), (&24.into(), &false.into()));
    assert_eq!(json["terms"][0]["term"], "wasmcloud", "{json}");
    let table = stdout(&project, &["emerging", "--min-items", "200"]);
    assert!(table.contains("no emerging term"), "{table}");
    assert_eq!(project.run(&["emerging", "--recent", "0"]).status.code(), Some(2));
}

#[test]
fn samples_emerging_terms() {
    let project = Project::samples();
    let csv = stdout(&project, &["emerging", "--format", "csv"]);
    let terms: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(terms[0], "kubernetes", "{csv}");
    // G² by hand: 6 of 43 recent items, 0 of 27 before: 2·(6·ln(6/3.686) + 37·ln(37/39.31) + 27·ln(27/24.69)).
    assert!(csv.contains("\nkubernetes,6,0.1395,0,0.0000,6.197,2017-02-26\n"), "{csv}");
}
