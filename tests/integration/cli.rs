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
    for flag in [
        "--issues <DIR>",
        "--out <DIR>",
        "--config <FILE>",
        "--period <PERIOD>",
        "--skip-invalid",
        "--cache-dir <DIR>",
        "--no-cache",
    ] {
        assert!(build.contains(flag), "build --help lacks {flag}");
    }
    // The README's table: each command's usage line and its own options.
    for (command, usage, flags) in [
        (
            "emerging",
            "Usage: trendfeed emerging [OPTIONS]",
            &["--recent <MONTHS>", "--top <N>", "--min-items <N>", "--png"][..],
        ),
        ("check", "Usage: trendfeed check [OPTIONS]", &["--deny-warnings", "--stats", "--all"]),
        ("completions", "Usage: trendfeed completions [OPTIONS] <SHELL>", &["bash", "zsh", "fish"]),
        ("man", "Usage: trendfeed man [OPTIONS] [COMMAND]", &["--out <DIR>"]),
    ] {
        let output = project.run(&[command, "--help"]);
        assert_eq!(output.status.code(), Some(0), "{command} --help");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains(usage), "{command} --help:\n{text}");
        for flag in flags {
            assert!(text.contains(flag), "{command} --help lacks {flag}:\n{text}");
        }
        assert!(output.stderr.is_empty(), "{command} --help writes to standard output only");
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

/// Every entry below `dir` (folders too), with the bytes of each file:
/// two equal trees hold the same names, kinds and contents.
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<std::path::PathBuf, Option<Vec<u8>>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .map(|e| {
            let bytes = e.file_type().is_file().then(|| std::fs::read(e.path()).expect("read"));
            (e.path().strip_prefix(dir).expect("prefix").to_path_buf(), bytes)
        })
        .collect()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn analysis_commands_leave_the_site_alone() {
    // Issue 13: `emerging --issues OTHER` rewrote out/trends/emerging.csv and .svg.
    let project = Project::samples();
    project.build();
    crate::util::copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trends/counted/issues"),
        &project.path().join("other"),
    );
    let before = tree(project.path());
    for args in [
        &["emerging", "--issues", "other"][..],
        &["--issues", "other", "emerging", "--format", "csv"],
        &["emerging"],
        &["trends", "--issues", "other"],
        &["trends"],
        &["check", "--issues", "other"],
        &["check"],
    ] {
        let output = project.run(args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert!(tree(project.path()) == before, "{args:?} changed the project folder");
    }
}

#[test]
fn analysis_commands_write_to_the_out_they_are_given() {
    let project = Project::samples();
    let csv = stdout(&project.run(&["emerging", "--format", "csv"]));
    let output = project.run(&["emerging", "--out", "analysis"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let written = crate::util::snapshot(&project.path().join("analysis"));
    let names: Vec<_> = written.keys().map(|p| p.to_string_lossy().into_owned()).collect();
    // The manifest lists what it wrote, so a later build there needs no --force.
    assert_eq!(
        names,
        [".trendfeed-manifest", "spreadsheet/trends/emerging.csv", "trends/emerging.csv", "trends/emerging.svg"]
    );
    assert_eq!(String::from_utf8_lossy(&written[std::path::Path::new("trends/emerging.csv")]), csv);
    // The spreadsheet copy: a byte-order mark, and no term here starts as a formula would.
    let spreadsheet = &written[std::path::Path::new("spreadsheet/trends/emerging.csv")];
    assert_eq!(spreadsheet[..], [b"\xEF\xBB\xBF", csv.as_bytes()].concat());
    assert!(!project.out().exists());
    // --out before the command, --png after it.
    let output = project.run(&["--out", "slides", "emerging", "--png"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let names: Vec<_> = crate::util::snapshot(&project.path().join("slides"))
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            ".trendfeed-manifest",
            "spreadsheet/trends/emerging.csv",
            "trends/emerging.csv",
            "trends/emerging.png",
            "trends/emerging.svg"
        ]
    );

    let output = project.run(&["--out", "analysis", "trends", "--period", "year"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let written = crate::util::snapshot(&project.path().join("analysis"));
    let names: Vec<_> = written.keys().map(|p| p.to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        [
            ".trendfeed-manifest",
            "spreadsheet/trends/emerging.csv",
            "spreadsheet/trends/trends-wide-share.csv",
            "spreadsheet/trends/trends-wide.csv",
            "spreadsheet/trends/trends.csv",
            "trends/emerging.csv",
            "trends/emerging.svg",
            "trends/trends-wide-share.csv",
            "trends/trends-wide.csv",
            "trends/trends.csv"
        ]
    );
    assert_eq!(
        String::from_utf8_lossy(&written[std::path::Path::new("trends/trends-wide.csv")]),
        "start,period,Docker,Kubernetes,Unikernels\n2015-01-01,2015,7,0,4\n2017-01-01,2017,11,8,1\n"
    );
    // The monthly items of `samples::trend_counts_per_month` added up by year: Docker 5/27, 7/43…
    assert_eq!(
        String::from_utf8_lossy(&written[std::path::Path::new("trends/trends-wide-share.csv")]),
        "start,period,Docker,Kubernetes,Unikernels\n2015-01-01,2015,0.1852,0.0000,0.1111\n2017-01-01,2017,0.1628,0.1395,0.0233\n"
    );
}

#[test]
fn global_options_go_before_a_command_or_without_one() {
    let project = Project::samples();
    std::fs::rename(project.issues(), project.path().join("newsletter")).unwrap();
    let output = project.run(&["--issues", "newsletter", "--out", "site"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("built site from 5 issues (82 items): 33 feeds, "), "{}", stdout(&output));
    assert!(project.path().join("site/feeds/news.rss").is_file());
    assert!(!project.out().exists());

    let output = project.run(&["--issues", "newsletter", "check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().last(), Some("0 errors, 1 warning"));

    let trends = project.run(&["--issues=newsletter", "trends", "--period", "year"]);
    let after = project.run(&["trends", "--period", "year", "--issues", "newsletter"]);
    assert_eq!(stdout(&trends).lines().nth(1), Some("2015    2       27     7 (18.5%)   0 (0.0%)    4 (11.1%)"));
    assert_eq!(stdout(&trends), stdout(&after));

    std::fs::write(project.path().join("custom.toml"), "title = \"Ops Digest\"\n").unwrap();
    let output = project.run(&["--config", "custom.toml", "--issues", "newsletter", "build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(project.read_out("feeds/news.rss").contains("<title>Ops Digest — News</title>"));
}

#[test]
fn every_usage_error_exits_with_2_and_the_usage() {
    let project = Project::samples();
    let cases: [(&[&str], &str, &str); 8] = [
        (
            &["build", "--topic", "Docker", "--topic", "docker"],
            "error: --topic `docker` is given twice (as `Docker` and `docker`)",
            "Usage: trendfeed build [OPTIONS]",
        ),
        (
            &["trends", "--topic", "Go=go,++"],
            "error: --topic `Go`: the term `++` has no letter or digit",
            "Usage: trendfeed trends [OPTIONS]",
        ),
        (
            &["--issues", "issues", "build", "--issues", "issues"],
            "error: the argument '--issues <DIR>' cannot be used multiple times",
            "Usage: trendfeed build [OPTIONS]",
        ),
        (
            &["--out", "x", "check"],
            "error: the argument '--out <DIR>' cannot be used with 'check': it writes no folder",
            "Usage: trendfeed check [OPTIONS]",
        ),
        (
            &["emerging", "--png"],
            "error: the argument '--png' needs '--out <DIR>': the chart is written only there",
            "Usage: trendfeed emerging [OPTIONS]",
        ),
        (
            &["trends", "--period", "year", "--period", "month"],
            "error: the argument '--period <PERIOD>' cannot be used multiple times",
            "Usage: trendfeed trends [OPTIONS]",
        ),
        (
            &["-q", "-v", "check"],
            "error: the argument '--quiet' cannot be used with '--verbose'",
            "Usage: trendfeed --quiet",
        ),
        (
            &["man", "frobnicate"],
            "error: invalid value 'frobnicate' for '[COMMAND]'",
            "  [possible values: build, trends, emerging, check, serve, init, completions, man]",
        ),
    ];
    // Each case: the arguments, the first line of the message, a later line (clap's usage).
    for (args, first, usage) in cases {
        let output = project.run(args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().next(), Some(first), "{args:?}: {err}");
        assert!(err.lines().any(|l| l == usage), "{args:?}: {err}");
        assert!(!project.out().exists(), "{args:?} wrote out/");
    }
}

#[test]
fn build_counts_the_warnings_it_meets() {
    let project = Project::samples();
    let output = project.build();
    // `Events` is a section of one issue only.
    assert!(stdout(&output).ends_with("; 1 warning (run trendfeed check)\n"), "{}", stdout(&output));
    // A front-matter date that cannot be read (the file name's is used), and
    // two issues sharing number 322.
    let path = project.issues().join("2015-10-25-251.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("date: 2015-10-25T12:01:20+00:00", "date: last Sunday")).unwrap();
    let path = project.issues().join("2017-03-26-326.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("326", "322", 1)).unwrap();
    let output = project.build();
    let out = stdout(&output);
    assert!(out.ends_with("; 3 warnings (run trendfeed check)\n"), "{out}");
    let check = stdout(&project.run(&["check"]));
    assert!(check.ends_with("\n0 errors, 3 warnings\n"), "{check}");
    let output = project.run(&["--quiet", "build"]);
    assert_eq!(stdout(&output), "");
}

/// `\fB--flag\fR` as roff writes it.
fn roff_bold(text: &str) -> String {
    format!("\\fB{}\\fR", text.replace('-', "\\-"))
}

#[test]
fn one_manual_page_per_command_with_every_option() {
    let project = Project::samples();
    let output = project.run(&["man", "--out", "pages"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "wrote 9 manual pages in pages\n");
    let pages = crate::util::snapshot(&project.path().join("pages"));
    let names: Vec<_> = pages.keys().map(|p| p.to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        [
            "trendfeed-build.1",
            "trendfeed-check.1",
            "trendfeed-completions.1",
            "trendfeed-emerging.1",
            "trendfeed-init.1",
            "trendfeed-man.1",
            "trendfeed-serve.1",
            "trendfeed-trends.1",
            "trendfeed.1"
        ]
    );
    let global = ["--issues", "--config", "--out", "--quiet", "--verbose", "--help"];
    let commands: [(&str, &[&str]); 9] = [
        ("", &["--version"]),
        ("build", &["--period", "--topic", "--smooth", "--recent", "--top", "--min-items", "--png", "--skip-invalid"]),
        ("trends", &["--period", "--topic", "--smooth", "--format"]),
        ("emerging", &["--recent", "--top", "--min-items", "--format", "--png"]),
        ("check", &["--deny-warnings", "--stats", "--all"]),
        ("init", &["--force", "--stdout"]),
        ("serve", &["--port", "--open", "--skip-invalid", "--force"]),
        ("completions", &["<\\fISHELL\\fR>"]),
        ("man", &["[\\fICOMMAND\\fR]"]),
    ];
    let version = env!("CARGO_PKG_VERSION");
    for (command, options) in commands {
        let name = if command.is_empty() { "trendfeed".to_owned() } else { format!("trendfeed-{command}") };
        let page = String::from_utf8_lossy(&pages[std::path::Path::new(&format!("{name}.1"))]).into_owned();
        let args = if command.is_empty() { vec!["man"] } else { vec!["man", command] };
        let printed = project.run(&args);
        assert_eq!(stdout(&printed), page, "`trendfeed man {command}` prints the page it writes");
        assert_eq!(page.lines().nth(2), Some(&*format!(".TH {name} 1  \"trendfeed {version}\" ")));
        for option in global.iter().chain(options) {
            let shown = if option.starts_with('-') { roff_bold(option) } else { option.to_string() };
            assert!(page.contains(&shown), "{name}(1) lacks {option}");
        }
        assert!(page.contains(".SH \"EXIT STATUS\"\n.TP\n\\fB0\\fR\n"), "{name}(1)");
        assert!(page.contains(".TP\n\\fB2\\fR\nUsage error: "), "{name}(1)");
        if !command.is_empty() {
            assert!(page.ends_with(".SH \"SEE ALSO\"\ntrendfeed(1)\n"), "{name}(1)");
        }
    }
}

#[test]
fn the_manual_lists_the_configuration_keys_files_and_exit_codes() {
    let project = Project::samples();
    let page = stdout(&project.run(&["man"]));
    let start = page.find(".SH CONFIGURATION\n").expect("a CONFIGURATION section");
    let end = page.find(".SH FILES\n").expect("a FILES section");
    let keys: Vec<&str> = page[start..end]
        .lines()
        .filter_map(|l| l.strip_prefix("\\fB"))
        .filter_map(|l| l.split_once("\\fR = ").map(|(key, _)| key))
        .collect();
    // Every field of Config, in the order of the repository's trendfeed.toml.
    let expected = [
        "title",
        "description",
        "base_url",
        "language",
        "author",
        "timezone",
        "feed_limit",
        "feed_max_bytes",
        "issue_feed_limit",
        "chart_min_items",
        "include_sections",
        "exclude_sections",
        "count_intro",
        "count_link_texts",
        "emerging_stop_words",
        "footer_patterns",
        "section_level",
        "min_section_issues",
        "boilerplate_patterns",
        "section_aliases",
        "topics",
    ];
    assert_eq!(keys, expected);
    assert!(page.contains(
        ".TP\n\\fBfeed_limit\\fR = \\fI100\\fR\nEntries per section and topic feed: the newest ones are kept.\n"
    ));
    assert!(page.contains(".TP\n\\fBtrendfeed.toml\\fR\n"));
    assert!(page.contains(".TP\n\\fBout/\\fR\nThe site that build writes (\\-\\-out)."));
    assert!(page.contains(".TP\n\\fB1\\fR\nFailure: "));
    assert!(page.ends_with(
        ".SH \"SEE ALSO\"\ntrendfeed\\-build(1), trendfeed\\-trends(1), trendfeed\\-emerging(1), trendfeed\\-check(1), \
         trendfeed\\-serve(1), trendfeed\\-init(1), trendfeed\\-completions(1), trendfeed\\-man(1)\n"
    ));
}
