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
    assert_eq!(cases, 13);
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
