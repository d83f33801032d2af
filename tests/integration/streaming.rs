//! The streamed build (`src/build.rs`) gives the outputs a build of the
//! whole archive in memory would: feeds from the issues they show,
//! pagers and slugs fixed up when a later issue changes them, the same
//! site with `--skip-invalid` as without the invalid files.

use std::path::Path;

use trendfeed::config::Config;
use trendfeed::input::{LoadOptions, load_dir};
use trendfeed::output::feeds::build_feeds;

use crate::util::{Project, parse_feed, samples_dir, snapshot};

/// The body of every sample (front matter cut off).
fn sample_bodies() -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(samples_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text[text.find("\n---\n").unwrap() + 5..].to_owned()
        })
        .collect()
}

/// `months` issues, one a month from January 2010, made of the samples in
/// turn; every seventh also has a rare `Meetups` section.
fn monthly_archive(project: &Project, months: usize) {
    let bodies = sample_bodies();
    for e in std::fs::read_dir(project.issues()).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    for n in 0..months {
        let (year, month) = (2010 + n / 12, 1 + n % 12);
        let mut body = bodies[n % bodies.len()].clone();
        if n % 7 == 3 {
            body.push_str(&format!(
                "\nMeetups\n=======\n\nA meetup about release engineering, {n}.\n\n[join](https://meetups.example/{n})\n"
            ));
        }
        let issue = format!("---\ntitle: Weekly #{}\ndate: {year}-{month:02}-06T09:00:00+00:00\n---\n{body}", n + 1);
        project.write_issue(&format!("{year}-{month:02}-06-{}.md", n + 1), issue);
    }
}

fn project(months: usize, config: &str) -> Project {
    let project = Project::samples();
    monthly_archive(&project, months);
    std::fs::write(project.path().join("trendfeed.toml"), config).unwrap();
    project
}

#[test]
fn feeds_hold_the_newest_entries_of_the_whole_archive() {
    let project = project(90, "feed_limit = 10\nissue_feed_limit = 3\n");
    project.build();
    let config = Config::load(&project.path().join("trendfeed.toml")).unwrap();
    let archive = load_dir(&project.issues(), &config, LoadOptions::default()).unwrap().archive;
    assert_eq!(archive.issues.len(), 90);
    let feeds = build_feeds(&archive, &config).unwrap();
    let meetups = feeds.iter().find(|f| f.path == "feeds/meetups").expect("a Meetups feed");
    assert_eq!(meetups.entries.len(), 10);
    for feed in &feeds {
        let parsed = parse_feed(&project.out().join(format!("{}.atom", feed.path)));
        let ids: Vec<&str> = parsed.entries.iter().map(|e| e.id.as_str()).collect();
        let expected: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, expected, "{}", feed.path);
    }
    // Meetups appear every seventh month (n = 87, 80, … 24): ten entries
    // reach back to 2012, past the newest 64 issues that the build keeps
    // once parsed, so the feed mixes kept issues and issues parsed again.
    let oldest = parse_feed(&project.out().join("feeds/meetups.atom")).entries.last().unwrap().id.clone();
    assert!(oldest.contains(",2012-01-06:"), "{oldest}");
}

/// Three invalid files: dates that do not exist (in files whose names hold
/// no date to fall back on), and a date that is not one.
fn add_invalid(project: &Project) {
    let bad_date = |title: &str, date: &str| format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n\nNews\n====\n\nx\n");
    project.write_issue("late.md", bad_date("Weekly #1000", "2019-02-30"));
    project.write_issue("mid.md", bad_date("Weekly #2000", "2012-02-31"));
    project.write_issue("bad-date.md", "---\ntitle: Weekly #3000\ndate: someday\n---\n\nNews\n====\n\nx\n");
}

#[test]
fn skipping_invalid_files_builds_what_the_archive_without_them_builds() {
    // Titled: without a title the site takes the name of its (temporary) folder.
    let with = project(84, "title = \"Fixture Monthly\"\n");
    add_invalid(&with);
    let output = with.run(&["build", "--skip-invalid"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let without = project(84, "title = \"Fixture Monthly\"\n");
    without.build();
    let (a, b) = (snapshot(&with.out()), snapshot(&without.out()));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{} differs", path.display());
    }
    // The pager of the issue before the invalid middle one skips it.
    let page = with.read_out("issues/29.html");
    assert!(page.contains("href=\"30.html\""), "{page}");
}

#[test]
fn an_invalid_issue_found_late_still_writes_nothing() {
    let project = project(30, "");
    project.build();
    let before = snapshot(&project.out());
    add_invalid(&project);
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(snapshot(&project.out()), before);
    assert!(!has_temporary_files(&project.out()));
}

fn has_temporary_files(dir: &Path) -> bool {
    walkdir_files(dir).iter().any(|p| p.file_name().unwrap().to_string_lossy().starts_with(".tmp"))
}

fn walkdir_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { files.extend(walkdir_files(&path)) } else { files.push(path) }
    }
    files
}

#[test]
fn a_slug_taken_by_a_later_issue_is_fixed_in_earlier_pages() {
    // Each of these sections is in one issue: give it a feed all the same.
    let project = project(3, "min_section_issues = 1\n");
    let issue = |title: &str, date: &str, section: &str| {
        format!(
            "---\ntitle: \"{title}\"\ndate: {date}\n---\n\n{section}\n====\n\nA tool.\n\n[link](https://tools.example/{date})\n"
        )
    };
    // `Tools`, `Tóols` and `Töols` are three sections (they differ in more
    // than case or punctuation) that all slug to `tools`: in name order they
    // get `tools`, `tools-2`, `tools-3`. The `Tools` of the samples is in
    // the newest issues, so the page of `Töols` was written before its slug
    // was known.
    project.write_issue("2011-01-01-a.md", issue("Weekly #500", "2011-01-01", "Töols"));
    project.write_issue("2011-02-01-b.md", issue("Weekly #501", "2011-02-01", "Tóols"));
    project.build();
    let early = project.read_out("issues/500.html");
    assert!(early.contains("<section id=\"tools-3\">") && early.contains("../feeds/tools-3.rss"), "{early}");
    let late = project.read_out("issues/501.html");
    assert!(late.contains("<section id=\"tools-2\">") && late.contains("../feeds/tools-2.rss"), "{late}");
    assert_eq!(parse_feed(&project.out().join("feeds/tools-3.rss")).entries.len(), 1);
}
