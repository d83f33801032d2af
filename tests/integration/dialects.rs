//! Every dialect fixture in `tests/fixtures/dialects/<case>/` (and the Jekyll
//! archive) is read into exactly the issues, sections, item counts and links
//! its `expected.json` lists, counted by hand when the fixture was written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use trendfeed::config::Config;
use trendfeed::input::{LoadOptions, load_dir};

use crate::util::{Project, snapshot};

#[derive(Debug, Deserialize)]
struct Expected {
    issues: usize,
    files: BTreeMap<String, ExpectedIssue>,
    urls: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedIssue {
    date: String,
    number: Option<u32>,
    title: String,
    sections: Vec<(String, usize)>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Reads `issues_dir` and compares it with `expected.json` in `case_dir`,
/// whose file names are relative to `paths_from`.
fn assert_case(case_dir: &Path, issues_dir: &Path, paths_from: &Path) {
    let name = case_dir.file_name().unwrap().to_string_lossy().into_owned();
    let expected: Expected =
        serde_json::from_str(&std::fs::read_to_string(case_dir.join("expected.json")).unwrap()).unwrap();
    let loaded = load_dir(issues_dir, &Config::default(), LoadOptions::default()).unwrap();
    let errors: Vec<String> = loaded.errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    assert_eq!(loaded.archive.issues.len(), expected.issues, "{name}: issues");
    let mut by_path: Vec<_> = loaded.archive.issues.iter().collect();
    by_path.sort_by(|a, b| a.source.cmp(&b.source));
    for issue in &by_path {
        let relative = issue.source.strip_prefix(paths_from).unwrap().to_string_lossy().replace('\\', "/");
        let want = expected.files.get(&relative).unwrap_or_else(|| panic!("{name}: unexpected issue {relative}"));
        let got: Vec<(String, usize)> = issue.sections.iter().map(|s| (s.name.clone(), s.items.len())).collect();
        assert_eq!(got, want.sections, "{name}/{relative}: sections");
        assert_eq!(issue.date.to_rfc3339(), want.date, "{name}/{relative}: date");
        assert_eq!(issue.number, want.number, "{name}/{relative}: number");
        assert_eq!(issue.title, want.title, "{name}/{relative}: title");
    }
    // Each URL once, where it first appears (files in path order).
    let mut urls: Vec<&str> = Vec::new();
    for (_, item) in by_path.iter().flat_map(|i| i.items()) {
        for link in &item.links {
            if !urls.contains(&link.url.as_str()) {
                urls.push(&link.url);
            }
        }
    }
    assert_eq!(urls, expected.urls, "{name}: item links");
}

#[test]
fn every_dialect_case_reads_as_expected() {
    let mut cases = 0;
    for entry in std::fs::read_dir(fixtures().join("dialects")).unwrap() {
        let case = entry.unwrap().path();
        assert_case(&case, &case.join("issues"), &case.join("issues"));
        cases += 1;
    }
    assert_eq!(cases, 18);
}

#[test]
fn multi_year_jekyll_archive_builds_and_keeps_every_url() {
    let case = fixtures().join("jekyll-archive");
    assert_case(&case, &case.join("_posts"), &case);
    let project = Project::from_dir(&case.join("_posts"));
    let output = project.run(&["build"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let expected: Expected =
        serde_json::from_str(&std::fs::read_to_string(case.join("expected.json")).unwrap()).unwrap();
    let written: String = snapshot(&project.out()).values().map(|b| String::from_utf8_lossy(b).into_owned()).collect();
    for url in &expected.urls {
        assert!(written.contains(&format!("href=\"{}\"", url.replace('&', "&amp;"))), "{url} is not in out/");
    }
}

/// Issue 12: issues that share a number (nixos-weekly numbers its issues
/// again each year) each get their own page, keyed by number and date, and
/// the build says so; links between pages use the same keys.
#[test]
fn clashing_numbers_write_one_page_per_issue() {
    let case = fixtures().join("dialects/clashing-keys");
    let project = Project::from_dir(&case.join("issues"));
    let output = project.run(&["build"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    assert!(err.contains("note: 2 issues share a number: keyed by number and date\n"), "{err}");
    let mut pages: Vec<String> = std::fs::read_dir(project.out().join("issues"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(pages, ["1-2019-01-17.html", "1-2020-01-10.html", "2.html"]);
    // The 2019 #01 links forward to #02, which links back to it and on to the 2020 #01.
    let page = project.read_out("issues/2.html");
    assert!(page.contains("href=\"1-2019-01-17.html\"") && page.contains("href=\"1-2020-01-10.html\""), "{page}");
    let feed = project.read_out("feeds/all.rss");
    assert!(feed.contains("issues/1-2019-01-17.html") && feed.contains("issues/1-2020-01-10.html"), "{feed}");
}

/// A front-matter date that is not on the calendar gives way to the file
/// name's, with a warning naming file and line (lwkd's `2022-02-29`).
#[test]
fn unreadable_date_falls_back_to_the_file_name_with_a_warning() {
    let project = Project::from_dir(&fixtures().join("dialects/clashing-keys/issues"));
    project.write_issue(
        "2022-02-27-update.md",
        "---\nlayout: post\ntitle: Week Ending February 27, 2022\ndate: 2022-02-29 07:10:00 -0000\n---\n\n# News\n\n- [KEP 1](https://example.com/kep-1)\n",
    );
    let output = project.run(&["build"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    assert!(
        err.contains("warning: invalid date `2022-02-29 07:10:00 -0000`: the file name's date, 2022-02-27, is used\n"),
        "{err}"
    );
    assert!(err.contains("--> issues/2022-02-27-update.md:4:7"), "{err}");
    assert!(project.out().join("issues/2022-02-27.html").is_file());
}

/// Issue 12, on the real archives in `../shared/archives` when they are
/// there: every file's header is read (nixos-weekly's unfinished `01.md`,
/// dated `2021-(TODO: MM-DD)`, whose name holds no date, is placed at
/// 2021-01-01 with a warning), and every issue read has a key of its own.
#[test]
fn real_archives_read_every_header_and_key_every_issue_apart() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/archives");
    if !root.is_dir() {
        eprintln!("skipped: {} is not there", root.display());
        return;
    }
    let mut bad_headers = Vec::new();
    let mut warnings = Vec::new();
    let mut archives = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        archives += 1;
        let loaded = load_dir(&dir, &Config::default(), LoadOptions::default()).unwrap();
        warnings.extend(loaded.warnings.iter().map(|w| format!("{}: {}", w.path.display(), w.message)));
        for error in &loaded.errors {
            // `no sections` is the body's to read, not the header's.
            if error.kind != trendfeed::error::ErrorKind::NoSections {
                bad_headers.push(error.to_string());
            }
        }
        let mut keys: Vec<&str> = loaded.archive.issues.iter().map(|i| i.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), loaded.archive.issues.len(), "{}: keys are not unique", dir.display());
    }
    assert_eq!(archives, 6);
    assert!(bad_headers.is_empty(), "{bad_headers:#?}");
    let unfinished =
        "nixos-weekly/01.md: invalid date `2021-(TODO: MM-DD)`: only its start can be read; 2021-01-01 is used";
    assert!(warnings.iter().any(|w| w.ends_with(unfinished)), "{warnings:#?}");
}
