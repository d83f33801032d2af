//! The explore page's term index (`out/explore/index.js`): read back,
//! decoded here independently of the code that wrote it, and held to hand
//! counts and to `trendfeed trends --topic` on the samples and on a real
//! archive.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::util::{Project, trendfeed};

/// The index as the page reads it.
struct Index {
    /// `(key, date, first item id, items)` per issue.
    issues: Vec<(String, String, u32, u32)>,
    items: u32,
    chunks: Vec<u32>,
    ids: BTreeMap<String, Vec<u32>>,
    /// Keys kept as items per month (`YYYY-MM`).
    months: BTreeMap<String, BTreeMap<String, u32>>,
}

fn read_index(out: &Path) -> Index {
    let js = std::fs::read_to_string(out.join("explore/index.js")).expect("explore/index.js");
    let json = js.trim_end().strip_prefix("TF.index(").and_then(|s| s.strip_suffix(");")).expect("TF.index(…);");
    let data: Value = serde_json::from_str(json).expect("index JSON");
    let issues = data["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i[0].as_str().unwrap().to_owned(), i[2].as_str().unwrap().to_owned(), num(&i[3]), num(&i[4])))
        .collect();
    let lines = |name: &str| -> Vec<String> {
        let s = data[name].as_str().unwrap();
        if s.is_empty() { Vec::new() } else { s.split('\n').map(str::to_owned).collect() }
    };
    let ids = lines("terms").into_iter().zip(lines("ids")).map(|(k, ids)| (k, decode(&ids))).collect();
    let origin = data["origin"].as_i64().unwrap();
    let months = lines("mterms")
        .into_iter()
        .zip(lines("months"))
        .map(|(k, pairs)| {
            let numbers: Vec<i64> = pairs.split(',').map(|n| n.parse().unwrap()).collect();
            let mut month = origin;
            let counts = numbers
                .chunks(2)
                .map(|pair| {
                    month += pair[0];
                    (format!("{}-{:02}", month / 12, month % 12 + 1), pair[1] as u32)
                })
                .collect();
            (k, counts)
        })
        .collect();
    let chunks = data["chunks"].as_array().unwrap().iter().map(num).collect();
    Index { issues, items: num(&data["items"]), chunks, ids, months }
}

fn num(v: &Value) -> u32 {
    v.as_u64().unwrap() as u32
}

/// Gaps in base 32, digits of 32 or more followed by more, from -1.
fn decode(s: &str) -> Vec<u32> {
    const DIGITS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789ghijklmnopqrstuvwxyz-_";
    let (mut ids, mut next, mut value) = (Vec::new(), 0u32, 0u32);
    for c in s.chars() {
        let digit = DIGITS.find(c).expect("a digit") as u32;
        value = value * 32 + digit % 32;
        if digit < 32 {
            ids.push(next + value);
            next += value + 1;
            value = 0;
        }
    }
    ids
}

impl Index {
    /// Items holding `key`, and items, per period (`month`, `quarter`,
    /// `year`, labelled as `trends` labels them), for periods with an issue.
    fn counts(&self, key: &str, period: &str) -> BTreeMap<String, (u32, u32)> {
        let label = |date: &str| {
            let (year, month) = (&date[..4], date[5..7].parse::<u32>().unwrap());
            match period {
                "month" => format!("{year}-{month:02}"),
                "quarter" => format!("{year}-Q{}", (month - 1) / 3 + 1),
                _ => year.to_owned(),
            }
        };
        let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
        let mut month_of = Vec::new();
        for (_, date, _, items) in &self.issues {
            counts.entry(label(date)).or_default().1 += items;
            month_of.extend(std::iter::repeat_n(date.clone(), *items as usize));
        }
        if let Some(ids) = self.ids.get(key) {
            for &id in ids {
                counts.get_mut(&label(&month_of[id as usize])).unwrap().0 += 1;
            }
        } else if let Some(months) = self.months.get(key) {
            for (month, n) in months {
                counts.get_mut(&label(&format!("{month}-01"))).unwrap().0 += n;
            }
        } else {
            panic!("`{key}` is not in the index");
        }
        counts
    }
}

/// `trendfeed trends --topic T… --format csv`: per topic, per period,
/// `(items, items_total)`.
fn trends(
    run: impl Fn(&[&str]) -> std::process::Output,
    terms: &[&str],
    period: &str,
) -> BTreeMap<String, BTreeMap<String, (u32, u32)>> {
    let mut args = vec!["trends", "--format", "csv", "--period", period];
    for term in terms {
        args.extend(["--topic", term]);
    }
    let output = run(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut reader = csv::Reader::from_reader(&output.stdout[..]);
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (period_col, keyword, items, total) = (col("period"), col("keyword"), col("items"), col("items_total"));
    let mut out: BTreeMap<String, BTreeMap<String, (u32, u32)>> = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        out.entry(row[keyword].to_owned())
            .or_default()
            .insert(row[period_col].to_owned(), (row[items].parse().unwrap(), row[total].parse().unwrap()));
    }
    out
}

fn assert_agrees(index: &Index, expected: &BTreeMap<String, BTreeMap<String, (u32, u32)>>, period: &str) {
    for (term, periods) in expected {
        let key = term.to_lowercase().replace('-', " ");
        assert_eq!(&index.counts(&key, period), periods, "`{term}` per {period}");
    }
}

fn issue(date: &str, news: &[&str]) -> String {
    let items: String = news.iter().map(|t| format!("- {t}\n")).collect();
    format!(
        "---\ntitle: Issue of {date}\ndate: {date}\n---\n\n# News\n\n{items}\n# Sponsor\n\n- Docker Docker docker-compose, sponsored\n"
    )
}

/// Hand-counted: three issues; the `Sponsor` section is not counted.
#[test]
fn index_holds_hand_counted_items() {
    let project = Project::samples();
    for entry in std::fs::read_dir(project.issues()).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    project.write_issue(
        "2020-01-06.md",
        issue("2020-01-06", &["Docker and docker-compose", "DOCKERS in a Service-Mesh", "nothing here"]),
    );
    project.write_issue("2020-01-20.md", issue("2020-01-20", &["a service mesh", "undocker", "Dockerfile"]));
    project.write_issue("2020-04-06.md", issue("2020-04-06", &["Service\n  mesh and docker", "docker compose up"]));
    project.build();
    let index = read_index(&project.out());
    assert_eq!(index.items, 8);
    let firsts: Vec<u32> = index.issues.iter().map(|i| i.2).collect();
    assert_eq!(firsts, [0, 3, 6]);
    assert_eq!(index.ids["docker"], [0, 1, 6, 7], "`undocker` and `Dockerfile` are other words");
    assert_eq!(index.ids["service mesh"], [1, 3, 6], "hyphen, space, line break");
    assert!(!index.ids.contains_key("docker compose"), "in two items (0 and 7): under the threshold");
    assert!(!index.ids.contains_key("dockerfile"), "in one item: under the threshold");
    assert!(!index.ids.contains_key("and"), "a stop word");
    assert_eq!(index.chunks, [0], "one year, one chunk of texts");
    let text = project.read_out("explore/text-0.js");
    assert!(text.starts_with("TF.text(0,[\n[\"news\","), "{text}");
    assert_eq!(text.matches("\n[").count(), 8, "a row per counted item");
    assert!(!text.contains("sponsored"), "sponsors are not counted");
    let mut docker = BTreeMap::new();
    docker.insert("2020-Q1".to_owned(), (2, 6));
    docker.insert("2020-Q2".to_owned(), (2, 2));
    assert_eq!(index.counts("docker", "quarter"), docker);
}

#[test]
fn explore_page_is_linked_and_readable_without_javascript() {
    let project = Project::samples();
    project.build();
    let home = project.read_out("index.html");
    assert!(home.contains(r#"<a href="explore.html">"#));
    let page = project.read_out("explore.html");
    for needed in [
        "<noscript>",
        r#"href="trends/trends.svg""#,
        r#"<script src="explore/index.js"></script>"#,
        r#"<label for="q">"#,
        "uPlot-LICENSE.txt",
    ] {
        assert!(page.contains(needed), "explore.html lacks {needed}");
    }
    for file in
        ["explore/explore.js", "explore/uPlot.iife.min.js", "explore/uPlot.min.css", "explore/uPlot-LICENSE.txt"]
    {
        assert!(project.out().join(file).is_file(), "{file}");
    }
    let manifest = project.read_out(".trendfeed-manifest");
    assert!(manifest.lines().any(|l| l == "explore/index.js"), "the manifest lists the index");
}

/// The index agrees with `trends --topic` on the samples, per month,
/// quarter and year.
#[test]
fn index_agrees_with_trends_topic_on_samples() {
    let project = Project::samples();
    project.build();
    let index = read_index(&project.out());
    let terms = ["docker", "Kubernetes", "monitoring", "containers", "security", "continuous-delivery", "open source"];
    for period in ["month", "quarter", "year"] {
        let expected = trends(|args| project.run(args), &terms, period);
        assert_eq!(expected.len(), terms.len());
        assert_agrees(&index, &expected, period);
    }
}

/// The same on the largest real archive, when `../shared/archives` is there.
#[test]
fn index_agrees_with_trends_topic_on_a_real_archive() {
    let archive = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/archives/this-week-in-react");
    if !archive.is_dir() {
        eprintln!("skipped: {} is not there", archive.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        trendfeed(&dir.path().join("cache"))
            .arg("--issues")
            .arg(&archive)
            .arg("--out")
            .arg(dir.path().join("out"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let built = run(&["build", "--skip-invalid", "-q"]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let index = read_index(&dir.path().join("out"));
    let terms = ["react", "hooks", "server components", "typescript", "suspense", "wasm"];
    for period in ["month", "year"] {
        assert_agrees(&index, &trends(run, &terms, period), period);
    }
}
