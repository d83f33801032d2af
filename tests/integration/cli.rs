//! The command line: defaults, help, exit codes, configuration.

use crate::util::{Project, stderr};

#[test]
fn no_arguments_builds_out_from_issues() {
    let project = Project::samples();
    let output = project.run(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("built out from 5 issues (82 items): 33 feeds, "), "{stdout}");
    assert!(project.out().join("feeds/news.rss").is_file());
}

#[test]
fn usage_errors_exit_with_2() {
    let project = Project::samples();
    assert_eq!(project.run(&["build", "--period", "decade"]).status.code(), Some(2));
    assert_eq!(project.run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn every_command_has_help() {
    let project = Project::samples();
    for args in [&["--help"][..], &["build", "--help"], &["trends", "--help"]] {
        let output = project.run(args);
        assert!(output.status.success());
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("Usage: trendfeed"), "{text}");
    }
    let build = String::from_utf8_lossy(&project.run(&["build", "--help"]).stdout).into_owned();
    for flag in ["--issues <DIR>", "--out <DIR>", "--config <FILE>", "--period <PERIOD>", "--skip-invalid"] {
        assert!(build.contains(flag), "build --help lacks {flag}");
    }
}

#[test]
fn trends_prints_the_table() {
    let project = Project::samples();
    let output = project.run(&["trends", "--period", "year"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "period  issues  items  Docker      Kubernetes  Unikernels");
    assert_eq!(lines[1], "2015    2       27     7 (18.5%)   0 (0.0%)    4 (11.1%)");
    assert_eq!(lines[2], "2017    3       43     11 (16.3%)  8 (14.0%)   1 (2.3%)");
}

#[test]
fn configuration_file_changes_title_topics_and_limits() {
    let project = Project::samples();
    std::fs::write(
        project.path().join("trendfeed.toml"),
        "title = \"Ops Digest\"\nbase_url = \"https://ops.example.org/\"\nfeed_limit = 3\n\
         [[topics]]\nname = \"Security\"\nterms = [\"security\", \"selinux\"]\n",
    )
    .unwrap();
    project.build();
    let news = project.read_out("feeds/news.rss");
    assert!(news.contains("<title>Ops Digest — News</title>"));
    assert_eq!(news.matches("<item>").count(), 3);
    assert!(news.contains("tag:ops.example.org,2017-08-13:news/"));
    let header = project.read_out("trends/trends-wide.csv");
    assert!(header.starts_with("start,period,Security\n"), "{header}");
}

#[test]
fn invalid_configuration_names_the_file() {
    let project = Project::samples();
    std::fs::write(project.path().join("custom.toml"), "feed_limit = \"many\"\n").unwrap();
    let output = project.run(&["build", "--config", "custom.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("invalid configuration `custom.toml`"), "{}", stderr(&output));
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    // `trendfeed man | head -c 10`: the reader goes away before the output is written.
    let project = Project::samples();
    for args in [&["man"][..], &["check"], &["trends"], &["completions", "bash"]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_trendfeed"))
            .args(args)
            .current_dir(project.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {err}");
    }
}
