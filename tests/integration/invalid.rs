//! Bad input: one message per file with its path and line, every problem in
//! one run, and `out/` left untouched.

use crate::util::{Project, snapshot, stderr};

const VALID_HEAD: &str = "---\ntitle: Weekly #900\ndate: 2019-01-06T10:00:00+00:00\n---\n";

/// (file name, contents, expected `error:` line, expected `-->` location).
fn cases() -> Vec<(&'static str, Vec<u8>, &'static str, &'static str)> {
    vec![
        (
            "no-front-matter.md",
            b"News\n====\n\nA post.\n".to_vec(),
            "error: no front matter",
            "issues/no-front-matter.md:1:1",
        ),
        (
            "unclosed.md",
            b"---\ntitle: Weekly #901\ndate: 2019-01-13\n\nNews\n====\n".to_vec(),
            "error: front matter opened with `---` is never closed",
            "issues/unclosed.md:1:1",
        ),
        (
            "bad-date.md",
            b"---\ntitle: Weekly #902\ndate: 2015-02-30\n---\n\nNews\n====\n\nA post.\n".to_vec(),
            "error: invalid date `2015-02-30`",
            "issues/bad-date.md:3:7",
        ),
        (
            "latin1.md",
            [VALID_HEAD.as_bytes(), b"\nNews\n====\n\nCaf\xe9 post.\n"].concat(),
            "error: file is not valid UTF-8",
            "issues/latin1.md:9:4",
        ),
        (
            "broken-yaml.md",
            b"---\ntitle: Weekly #903\ndate: [2019\n---\n\nNews\n====\n".to_vec(),
            "error: invalid front matter:",
            "issues/broken-yaml.md:4:1",
        ),
        // No date in the front matter nor in the file name. (A missing
        // title is no error: the first heading or the file name gives it.)
        (
            "no-date.md",
            b"---\ntitle: Weekly #904\n---\n\nNews\n====\n\nA post.\n".to_vec(),
            "error: front matter has no `date` key",
            "issues/no-date.md:1:1",
        ),
    ]
}

#[test]
fn each_invalid_file_is_reported_and_out_is_untouched() {
    for (name, bytes, message, location) in cases() {
        let project = Project::samples();
        project.build();
        let before = snapshot(&project.out());
        project.write_issue(name, &bytes);
        let output = project.run(&["build"]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let err = stderr(&output);
        assert!(err.contains(message), "{name}: got\n{err}");
        assert!(err.contains(&format!(" --> {location}\n")), "{name}: got\n{err}");
        assert!(err.contains("= help: "), "{name}: no help in\n{err}");
        assert!(err.contains("error: 1 invalid issue file; nothing was written"), "{name}: {err}");
        assert_eq!(snapshot(&project.out()), before, "{name}: out/ changed");
    }
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let project = Project::samples();
    for (name, bytes, _, _) in cases() {
        project.write_issue(name, &bytes);
    }
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    for (_, _, message, location) in cases() {
        assert!(err.contains(message) && err.contains(location), "missing {message} at {location} in\n{err}");
    }
    assert!(err.contains("6 invalid issue files; nothing was written"), "{err}");
    assert!(!project.out().exists(), "out/ was created");
}

#[test]
fn skip_invalid_builds_from_the_valid_issues_and_lists_the_others() {
    let project = Project::samples();
    for (name, bytes, _, _) in cases() {
        project.write_issue(name, &bytes);
    }
    let output = project.run(&["build", "--skip-invalid"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let err = stderr(&output);
    assert_eq!(err.matches("warning: skipped: ").count(), 6, "{err}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("from 5 issues (82 items)") && stdout.contains("6 invalid files skipped"), "{stdout}");
    assert_eq!(project.read_out("trends/by-issue.csv").lines().count(), 6);
}

#[test]
fn empty_issues_folder_is_an_error() {
    let project = Project::samples();
    for entry in std::fs::read_dir(project.issues()).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no issue files in `issues`"), "{}", stderr(&output));
}

#[test]
fn missing_issues_folder_is_an_error() {
    let project = Project::samples();
    let output = project.run(&["build", "--issues", "nowhere"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("issues folder `nowhere` does not exist"), "{}", stderr(&output));
}

#[test]
fn out_inside_issues_is_refused() {
    let project = Project::samples();
    let output = project.run(&["build", "--out", "issues/site"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("is inside the issues folder"), "{}", stderr(&output));
    assert!(!project.issues().join("site").exists());
}
