//! `trendfeed check`: every problem once, with its place, in one run.

use std::path::Path;

use crate::util::{Project, assert_snapshot, stderr};

fn broken() -> Project {
    Project::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/issues"))
}

#[test]
fn check_reports_every_problem_of_the_broken_fixture() {
    let project = broken();
    let output = project.run(&["check"]);
    assert_eq!(output.status.code(), Some(1), "errors make the exit code 1");
    let report = format!("{}--- stdout\n{}", stderr(&output), String::from_utf8_lossy(&output.stdout));
    assert!(!report.contains('\u{1b}'), "no colour when piped");
    assert_snapshot("check-broken.txt", &report);
    assert_expected_problems(&report);
    assert!(report.contains("4 errors, 6 warnings"), "{report}");
    // `build` counts the same six warnings (the four errors are skipped).
    let build = project.run(&["build", "--skip-invalid"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let summary = String::from_utf8_lossy(&build.stdout);
    assert!(summary.ends_with("; 4 invalid files skipped; 6 warnings (run trendfeed check)\n"), "{summary}");
}

/// The message `check` starts a problem of `kind` of the fixture's
/// `expected.json` with.
fn message_of(problem: &serde_json::Value) -> String {
    let field = |name: &str| problem[name].as_str().unwrap_or_else(|| panic!("{name} in {problem}")).to_owned();
    match problem["kind"].as_str().unwrap() {
        "no-front-matter" => "error: no front matter".into(),
        "unclosed-front-matter" => "error: front matter opened with `---` is never closed".into(),
        "invalid-date" => "error: invalid date".into(),
        "not-utf8" => "error: file is not valid UTF-8".into(),
        "no-sections" => "warning: no section heading".into(),
        "duplicate-number" => format!("warning: issue number 510 is also the number of `issues/{}`", field("other")),
        "item-without-link" => "warning: item without a link".into(),
        "empty-section" => "warning: empty section".into(),
        "section-typo" => format!("warning: section `{}` appears in no other issue", field("name")),
        "malformed-url" => format!("warning: malformed URL `{}`", field("url")),
        kind => panic!("unknown kind {kind} in expected.json"),
    }
}

/// Every problem of `tests/fixtures/broken/expected.json` is reported once,
/// at its file, line (and column when given), and the clean files never.
fn assert_expected_problems(report: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/expected.json");
    let expected: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let problems = expected["problems"].as_array().unwrap();
    // One block per diagnostic: its first line, then ` --> file:line:column`.
    let diagnostics: Vec<(&str, &str)> = report
        .split("\n\n")
        .filter(|b| b.starts_with("error:") || b.starts_with("warning:"))
        .map(|b| {
            let place = b.lines().nth(1).and_then(|l| l.trim_start().strip_prefix("--> ")).unwrap_or("");
            (b.lines().next().unwrap(), place)
        })
        .collect();
    assert_eq!(diagnostics.len(), problems.len(), "one diagnostic per problem in\n{report}");
    for problem in problems {
        let file = problem["file"].as_str().unwrap();
        let line = problem["line"].as_u64().unwrap();
        let at: Vec<&(&str, &str)> =
            diagnostics.iter().filter(|(_, place)| place.starts_with(&format!("issues/{file}:"))).collect();
        assert_eq!(at.len(), 1, "{file}: one problem in\n{report}");
        let (message, place) = at[0];
        let place: Vec<&str> = place.split(':').collect();
        assert_eq!(place[1], line.to_string(), "{file}: line of {message}");
        if let Some(column) = problem["column"].as_u64() {
            assert_eq!(place[2], column.to_string(), "{file}: column of {message}");
        }
        assert!(message.starts_with(&message_of(problem)), "{file}: {message}, expected {}", message_of(problem));
        if let Some(suggestion) = problem["suggestion"].as_str() {
            assert!(report.contains(&format!("did you mean `{suggestion}`?")), "{report}");
        }
    }
    for clean in expected["clean"].as_array().unwrap() {
        let clean = format!("issues/{}:", clean.as_str().unwrap());
        assert!(diagnostics.iter().all(|(_, place)| !place.starts_with(&clean)), "{clean} is clean in\n{report}");
    }
}

#[test]
fn check_writes_nothing() {
    let project = broken();
    project.run(&["check"]);
    assert!(!project.out().exists());
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let project = Project::samples();
    let output = project.run(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("warning: section `Events` appears in no other issue"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("5 issues, 82 items, 2015-10-25 to 2017-08-13\n"), "{stdout}");
    assert!(stdout.contains("  News: 5, 54\n"), "{stdout}");
    assert_eq!(project.run(&["check", "--deny-warnings"]).status.code(), Some(1));
}

#[test]
fn quiet_prints_only_errors() {
    let project = broken();
    let output = project.run(&["check", "--quiet"]);
    let err = stderr(&output);
    assert_eq!(err.matches("error: ").count(), 4, "{err}");
    assert!(!err.contains("warning:"), "{err}");
    assert!(output.stdout.is_empty());
}

#[test]
fn verbose_prints_each_file() {
    let project = Project::samples();
    let output = project.run(&["-v", "check"]);
    assert_eq!(stderr(&output).matches("reading issues/").count(), 5, "{}", stderr(&output));
}

#[test]
fn completions_and_man_page() {
    let project = Project::samples();
    for shell in ["bash", "zsh", "fish"] {
        let output = project.run(&["completions", shell]);
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(script.contains("trendfeed") && script.contains("check"), "{shell}: {script}");
    }
    let man = project.run(&["man"]);
    assert!(man.status.success());
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(page.starts_with(".ie") || page.contains(".TH trendfeed"), "{page}");
    let version = project.run(&["--version"]);
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("trendfeed {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn stats_give_the_figures_that_say_the_archive_was_read_right() {
    let project = Project::samples();
    let output = project.run(&["check", "--stats"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    // Counted by hand in issues/: 82 items, 2 issues of 2015 (14 and 17
    // items; 16 and 20 distinct URLs), 3 of 2017.
    for line in [
        "issues: 5 read, 5 pages, 0 invalid, 0 drafts\n",
        "  2015: 2 issues, items 15.5 (14–17), links 18 (16–20), items/links 0.86\n",
        "items without a link: 0 of 82 (0.0%)\n",
        "sections: level #; 6 names recur, 1 are seen once; 0 merged\n",
        "  1 warning: section … appears in no other issue",
    ] {
        assert!(stdout.contains(line), "{line:?} not in\n{stdout}");
    }
}

#[test]
fn many_problems_of_a_kind_show_three_unless_all() {
    let project = Project::samples();
    for n in 0..5 {
        project.write_issue(
            &format!("2019-01-0{}-90{n}.md", n + 1),
            format!("---\ntitle: Weekly #90{n}\n---\n\n## News\n\nNo link {n}.\n\n[x](https://x.example/{n})\n\nOnly words.\n"),
        );
    }
    let output = project.run(&["check"]);
    let err = stderr(&output);
    assert_eq!(err.matches("warning: item without a link").count(), 3, "{err}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("2 more of `item without a link` (--all shows every one)"), "{stdout}");
    let all = stderr(&project.run(&["check", "--all"]));
    assert_eq!(all.matches("warning: item without a link").count(), 5, "{all}");
}

#[test]
fn a_section_of_boilerplate_alone_is_not_empty() {
    let project = Project::samples();
    for n in 1..=3 {
        project.write_issue(
            &format!("2019-01-0{n}-90{n}.md"),
            format!(
                "---\ntitle: Weekly #90{n}\n---\n\n## News\n\nPost {n}.\n<https://p.example/{n}>\n\n\
                 ## Partner\n\nThis week is brought to you by Acme, the anvil people.\n"
            ),
        );
    }
    let output = project.run(&["check", "--stats"]);
    let err = stderr(&output);
    assert!(!err.contains("empty section"), "{err}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("3 issues: This week is brought to you by Acme, the anvil people."), "{stdout}");
    assert!(stdout.contains("3 blocks were kept out of the items"), "{stdout}");
}
