//! Promises of the README that no other test holds: each test names the
//! sentence it checks, with expectations written out by hand.

use std::path::Path;

use crate::util::{Project, parse_feed, stderr};

/// An issue of the samples' newsletter with one section holding `items`
/// items, each a sentence and its own link.
fn issue(title: &str, date: &str, section: &str, items: &[&str]) -> String {
    let mut text =
        format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n\n{section}\n{}\n\n", "=".repeat(section.len()));
    for (n, item) in items.iter().enumerate() {
        text.push_str(&format!(
            "{item}\n\n[https://promise.example/{n}/{}](https://promise.example/{n}/{})\n\n",
            item.len(),
            item.len()
        ));
    }
    text
}

/// "`all` is reserved for the whole-issue feed": a section named `All` gets
/// `all-2`, keeps its entries, and `feeds/all.*` stays one entry per issue.
#[test]
fn a_section_named_all_does_not_take_the_whole_issue_feed() {
    let project = Project::samples();
    let items = ["First thing of the All section.", "Second thing of the All section."];
    project.write_issue("2017-09-03-350.md", issue("DevOps Weekly #350", "2017-09-03T10:00:00+00:00", "All", &items));
    project.build();
    for ext in ["rss", "atom", "json"] {
        let whole = parse_feed(&project.out().join(format!("feeds/all.{ext}")));
        assert_eq!(whole.entries.len(), 6, "feeds/all.{ext}: one entry per issue (5 samples + 1)");
        assert!(whole.entries.iter().all(|e| e.links[0].href.contains("/issues/")), "feeds/all.{ext} links pages");
        let section = parse_feed(&project.out().join(format!("feeds/all-2.{ext}")));
        let titles: Vec<&str> = section.entries.iter().map(|e| e.title.as_ref().unwrap().content.as_str()).collect();
        assert_eq!(titles, items, "feeds/all-2.{ext}");
    }
}

/// "A date without a zone is taken at UTC, or in `timezone` if the
/// configuration sets one": Paris is +01:00 in winter, +02:00 in summer.
#[test]
fn timezone_places_dates_without_an_offset() {
    let project = Project::samples();
    let config = std::fs::read_to_string(project.path().join("trendfeed.toml")).unwrap();
    std::fs::write(project.path().join("trendfeed.toml"), format!("timezone = \"Europe/Paris\"\n{config}")).unwrap();
    project
        .write_issue("2018-01-07-400.md", issue("DevOps Weekly #400", "2018-01-07 09:30", "News", &["Winter item."]));
    project
        .write_issue("2018-07-08-401.md", issue("DevOps Weekly #401", "2018-07-08 09:30", "News", &["Summer item."]));
    project.build();
    let items = project.read_out("items.csv");
    assert!(items.contains("2018-01-07,400,2018-01-07T09:30:00+01:00,News,"), "{items}");
    assert!(items.contains("2018-07-08,401,2018-07-08T09:30:00+02:00,News,"), "{items}");
    // Dates with their own offset keep it.
    assert!(items.contains("2017-08-13,346,2017-08-13T12:59:06+01:00,"), "{items}");
    let rss = project.read_out("feeds/news.rss");
    assert!(rss.contains("<pubDate>Sun, 8 Jul 2018 09:30:00 +0200</pubDate>"), "{rss}");
    assert!(rss.contains("<pubDate>Sun, 7 Jan 2018 09:30:00 +0100</pubDate>"), "{rss}");
}

/// "every feed … names a language and, in Atom and JSON Feed, an author":
/// Atom `<author>` and `xml:lang`, JSON Feed `authors` and `language`, RSS
/// `<language>` (and no author, which RSS 2.0 gives only as an e-mail address).
#[test]
fn feeds_name_their_author_and_language() {
    let project = Project::samples();
    let config = std::fs::read_to_string(project.path().join("trendfeed.toml")).unwrap();
    let config = config
        .replace("language = \"en\"", "language = \"en-GB\"")
        .replace("author = \"DevOps Weekly\"", "author = \"Gareth Rushgrove\"");
    assert!(config.contains("en-GB") && config.contains("Gareth"), "the samples' configuration changed");
    std::fs::write(project.path().join("trendfeed.toml"), config).unwrap();
    project.build();
    let feeds: Vec<String> = walkdir::WalkDir::new(project.out().join("feeds"))
        .into_iter()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".atom") || p.ends_with(".json") || p.ends_with(".rss"))
        .collect();
    assert_eq!(feeds.len(), 33, "the samples' 33 feeds");
    for path in &feeds {
        let text = std::fs::read_to_string(path).unwrap();
        if path.ends_with(".atom") {
            let root = text.lines().find(|l| l.starts_with("<feed ")).unwrap();
            assert!(root.contains(r#"xml:lang="en-GB""#), "{path}: {root}");
            let head = &text[..text.find("<entry>").unwrap_or(text.len())];
            assert!(head.contains("<author>\n    <name>Gareth Rushgrove</name>\n  </author>"), "{path}: {head}");
        } else if path.ends_with(".json") {
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(json["language"], "en-GB", "{path}");
            assert_eq!(json["authors"], serde_json::json!([{ "name": "Gareth Rushgrove" }]), "{path}");
        } else {
            assert!(text.contains("<language>en-GB</language>"), "{path}");
            assert!(!text.contains("Gareth"), "{path}: RSS names no author");
        }
    }
}

/// "two files with the same issue number or date" are warnings of `check`,
/// at the front-matter line the value was read from.
#[test]
fn check_warns_of_two_issues_on_one_date() {
    let project = Project::samples();
    let copy = std::fs::read_to_string(project.issues().join("2017-08-13-346.md"))
        .unwrap()
        .replace("title: DEVOPS WEEKLY ISSUE \\#346", "title: DEVOPS WEEKLY ISSUE \\#347");
    assert!(copy.contains("#347"), "the sample's title changed");
    project.write_issue("2017-08-13-347.md", copy);
    let output = project.run(&["check"]);
    assert_eq!(output.status.code(), Some(0), "warnings alone exit 0: {}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains(
            "warning: issue date 2017-08-13 is also the date of `issues/2017-08-13-346.md`\n\
             --> issues/2017-08-13-347.md:3:1\n"
        ),
        "{err}"
    );
    assert_eq!(err.matches("is also the date of").count(), 1, "{err}");
    assert_eq!(err.matches("is also the number of").count(), 0, "{err}");
    assert_eq!(project.run(&["check", "--deny-warnings"]).status.code(), Some(1));
}

/// "`--out` is refused (exit code 2, nothing written) when it is a file".
#[test]
fn out_naming_a_file_is_refused() {
    let project = Project::samples();
    std::fs::write(project.path().join("notes.txt"), "mine\n").unwrap();
    let output = project.run(&["build", "--out", "notes.txt"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("notes.txt"), "the refusal names the file: {}", stderr(&output));
    assert_eq!(std::fs::read_to_string(project.path().join("notes.txt")).unwrap(), "mine\n");
    let names: Vec<String> =
        std::fs::read_dir(project.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["issues", "notes.txt", "trendfeed.toml"], "nothing written beside it");
}

/// Width and height of a PNG, from its IHDR chunk.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{} is a PNG", path.display());
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// "`trends/*.png`: each chart again as a PNG 1920 pixels wide (1200 high, or
/// more with a long legend), with `build --png`": the samples' legends fit,
/// and `--help` says the same.
#[test]
fn png_charts_are_1920_by_1200() {
    let project = Project::samples();
    let help = String::from_utf8_lossy(&project.run(&["build", "--help"]).stdout).into_owned();
    assert!(help.contains("as PNG (1920 pixels wide, 1200 high or more)"), "{help}");
    let output = project.run(&["build", "--png"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let trends = project.out().join("trends");
    let charts = |ext: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&trends)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter_map(|n| n.strip_suffix(ext).map(str::to_owned))
            .collect();
        names.sort();
        names
    };
    // The samples' charts: all topics, one per topic (3), by year, emerging.
    let svgs = charts(".svg");
    assert_eq!(svgs.len(), 6, "{svgs:?}");
    assert_eq!(charts(".png"), svgs, "a PNG for every chart");
    for name in &svgs {
        assert_eq!(png_size(&trends.join(format!("{name}.png"))), (1920, 1200), "{name}.png");
    }
}

/// "`share` = items / items_total with 4 decimals (empty when a period has
/// no counted item)": a month whose only issue holds excluded sections.
#[test]
fn share_is_empty_for_a_period_without_counted_items() {
    let project = Project::samples();
    let sponsor = issue("DevOps Weekly #360", "2017-12-03T10:00:00+00:00", "Sponsor", &["Docker hosting, sponsored."]);
    project.write_issue("2017-12-03-360.md", sponsor);
    let output = project.run(&["build", "--period", "month"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let trends = project.read_out("trends/trends.csv");
    let december: Vec<&str> = trends.lines().filter(|l| l.starts_with("2017-12-01,")).collect();
    assert_eq!(
        december,
        [
            "2017-12-01,2017-12,Docker,0,0,0,,1,0.0000,",
            "2017-12-01,2017-12,Kubernetes,0,0,0,,1,0.0000,",
            "2017-12-01,2017-12,Unikernels,0,0,0,,1,0.0000,",
        ],
        "{trends}"
    );
    let wide = project.read_out("trends/trends-wide-share.csv");
    assert!(wide.lines().any(|l| l == "2017-12-01,2017-12,,,"), "{wide}");
    let by_issue = project.read_out("trends/by-issue.csv");
    assert!(by_issue.lines().any(|l| l.starts_with("2017-12-03,360,") && l.ends_with(",0,0,0,0")), "{by_issue}");
}

/// "Terms scoring under 3.84 … are dropped", with G² computed by hand.
///
/// Baseline: 4 issues of 4 items (16), recent (`--recent 2`): 2 issues of 4
/// items (8). `zeta` is in 4 recent items and 2 baseline ones, `omega` in 3
/// and 1. Every item holds `gadget`, whose share does not rise, and a word of its own. With
/// N = 24, the expected counts E = row × column / N:
///
/// - zeta: K = 6; E = 8·6/24 = 2, 8·18/24 = 6, 16·6/24 = 4, 16·18/24 = 12;
///   G² = 2 (4 ln 4/2 + 4 ln 4/6 + 2 ln 2/4 + 14 ln 14/12)
///   = 2 (2.77259 − 1.62186 − 1.38629 + 2.15811) = 3.8451: kept.
/// - omega: K = 4; E = 8·4/24 = 4/3, 8·20/24 = 20/3, 16·4/24 = 8/3, 16·20/24 = 40/3;
///   G² = 2 (3 ln 9/4 + 5 ln 3/4 + 1 ln 3/8 + 15 ln 9/8)
///   = 2 (2.43279 − 1.43841 − 0.98083 + 1.76675) = 3.5606: dropped.
#[test]
fn emerging_terms_need_a_score_of_3_841() {
    let dir = tempfile::tempdir().unwrap();
    let issues = dir.path().join("issues");
    std::fs::create_dir(&issues).unwrap();
    // (month, items): which terms each item holds, besides `gadget`.
    let archive: [(&str, [&str; 4]); 6] = [
        ("2020-01", ["zeta", "", "", ""]),
        ("2020-02", ["zeta", "", "", ""]),
        ("2020-03", ["omega", "", "", ""]),
        ("2020-04", ["", "", "", ""]),
        ("2020-11", ["zeta", "zeta", "omega", ""]),
        ("2020-12", ["zeta", "zeta", "omega", "omega"]),
    ];
    for (n, (month, items)) in archive.iter().enumerate() {
        let mut text = format!("---\ntitle: Gizmo Digest {}\ndate: {month}-05\n---\n\n## News\n\n", n + 1);
        for (i, term) in items.iter().enumerate() {
            // A word of its own opens each item (a sentence every item shared
            // would be read as the items' template, and not counted).
            let own: String = [b'q', b'a' + n as u8, b'a' + i as u8, b'x'].map(char::from).iter().collect();
            let extra = if term.is_empty() { String::new() } else { format!(" {}.", capitalise(term)) };
            text.push_str(&format!("Gadget {own}.{extra}\n<https://gizmo.example/{n}/{i}>\n\n"));
        }
        std::fs::write(issues.join(format!("{month}-05.md")), text).unwrap();
    }
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_trendfeed"))
        .args(["emerging", "--recent", "2", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["recent"]["items"], 8, "{json}");
    assert_eq!(json["baseline"]["items"], 16, "{json}");
    let terms = json["terms"].as_array().unwrap();
    let names: Vec<&str> = terms.iter().map(|t| t["term"].as_str().unwrap()).collect();
    assert_eq!(names, ["zeta"], "omega (3.5606) is under the cut, zeta (3.8451) over it: {json}");
    assert_eq!((terms[0]["recent_items"].as_u64(), terms[0]["baseline_items"].as_u64()), (Some(4), Some(2)));
    let score = terms[0]["score"].as_f64().unwrap();
    assert!((score - 3.8451).abs() < 1e-4, "G² of zeta: {score}");
}

fn capitalise(word: &str) -> String {
    word[..1].to_uppercase() + &word[1..]
}
