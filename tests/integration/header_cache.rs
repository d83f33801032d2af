//! The header pass's cache (`headers.bin`): a rebuild does not read the
//! files whose identity (size, times, inode) is unchanged, sees every edit
//! (of the same size, with the time put back, made just after a build),
//! never trusts a damaged file, and infers the settings left out again only
//! when the sample they come from changed. Every build equals a cold one.

use std::fs::File;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, SystemTime};

use crate::util::{Project, snapshot, stderr};

/// An issue numbered `number` whose title holds `tag` (always 5 letters:
/// edits keep the size).
fn issue(number: u32, tag: &str) -> String {
    assert_eq!(tag.len(), 5);
    format!(
        "---\ntitle: \"Weekly #{number}: {tag}\"\ndate: 2024-0{number}-06T10:00:00+00:00\n---\n\nIntro.\n\n\
         News\n====\n\nDocker {number} rollout with kubernetes.\n\n[https://n{number}.example](https://n{number}.example)\n"
    )
}

/// Issues 1 to 3, with or without the samples' configuration.
fn project(config: bool) -> Project {
    let project = if config { Project::samples() } else { Project::empty() };
    let _ = std::fs::remove_dir_all(project.issues());
    std::fs::create_dir(project.issues()).unwrap();
    for n in 1..=3 {
        project.write_issue(&format!("{n}.md"), issue(n, "first"));
    }
    project
}

/// `trendfeed build --cache-dir cache ARGS`; with `settle`, files changed
/// before the build are trusted at once (`TRENDFEED_CACHE_SETTLE_MS=0`).
fn build(project: &Project, settle: bool, args: &[&str]) -> Output {
    let mut command = project.command();
    command.args(["build", "--cache-dir", "cache"]).args(args);
    if settle {
        command.env("TRENDFEED_CACHE_SETTLE_MS", "0");
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    output
}

/// The header cache's counts (`--verbose`): files read from it, scanned.
fn counts(output: &Output) -> ([usize; 2], String) {
    let text = stderr(output);
    let line = text.lines().find(|l| l.starts_with("header cache: ")).unwrap_or_else(|| panic!("{text}"));
    let numbers: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    ([numbers[0], numbers[1]], line.split("; ").nth(1).unwrap_or("").to_owned())
}

/// `out/` equals a cold `--no-cache` build, byte for byte.
fn assert_same_as_cold(project: &Project) {
    let cold = project.run(&["build", "--no-cache", "--out", "cold", "--quiet"]);
    assert!(cold.status.success(), "{}", stderr(&cold));
    assert!(snapshot(&project.out()) == snapshot(&project.path().join("cold")), "differs from a cold build");
    std::fs::remove_dir_all(project.path().join("cold")).unwrap();
}

fn set_modified(path: &Path, time: SystemTime) {
    File::options().write(true).open(path).unwrap().set_modified(time).unwrap();
}

#[test]
fn unchanged_files_are_not_scanned_and_an_edit_of_the_same_size_is_seen() {
    let project = project(true);
    assert_eq!(counts(&build(&project, true, &["--verbose"])).0, [0, 3]);
    assert_eq!(counts(&build(&project, true, &["--verbose"])).0, [3, 0]);
    let edited = project.issues().join("2.md");
    let old = std::fs::metadata(&edited).unwrap().len();
    std::thread::sleep(Duration::from_millis(50));
    std::fs::write(&edited, issue(2, "again")).unwrap();
    assert_eq!(std::fs::metadata(&edited).unwrap().len(), old);
    set_modified(&edited, SystemTime::now() - Duration::from_secs(3600));
    assert_eq!(counts(&build(&project, true, &["--verbose"])).0, [2, 1]);
    assert!(project.read_out("index.html").contains("Weekly #2: again"));
    assert_same_as_cold(&project);
}

#[test]
fn an_edit_just_after_a_build_keeping_size_and_time_is_seen() {
    let project = project(true);
    let edited = project.issues().join("2.md");
    // Without TRENDFEED_CACHE_SETTLE_MS: the files changed just now.
    build(&project, false, &["--quiet"]);
    let modified = std::fs::metadata(&edited).unwrap().modified().unwrap();
    std::fs::write(&edited, issue(2, "again")).unwrap();
    set_modified(&edited, modified);
    assert_eq!(counts(&build(&project, false, &["--verbose"])).0, [0, 3]);
    assert!(project.read_out("index.html").contains("Weekly #2: again"));
    assert_same_as_cold(&project);
}

#[test]
fn a_damaged_header_cache_is_ignored_with_a_warning() {
    let project = project(true);
    build(&project, true, &["--quiet"]);
    let stored = project.path().join("cache/headers.bin");
    let mut bytes = std::fs::read(&stored).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x10;
    std::fs::write(&stored, bytes).unwrap();
    let output = build(&project, true, &["--verbose"]);
    let warning = format!(
        "warning: not using the cache `{}`: it is damaged; rebuilding it",
        Path::new("cache/headers.bin").display()
    );
    assert!(stderr(&output).contains(&warning), "{}", stderr(&output));
    assert_eq!(counts(&output).0, [0, 3]);
    assert_same_as_cold(&project);
    assert_eq!(counts(&build(&project, true, &["--verbose"])).0, [3, 0], "rebuilt sound");
}

#[test]
fn no_cache_neither_reads_nor_writes_the_header_cache() {
    let project = project(true);
    build(&project, true, &["--no-cache", "--quiet"]);
    assert!(!project.path().join("cache").exists());
}

#[test]
fn settings_left_out_are_inferred_again_only_when_the_sample_changed() {
    // No configuration: the title, topics and the rest come from the archive.
    let project = project(false);
    assert_eq!(counts(&build(&project, true, &["--verbose"])).1, "the settings left out inferred");
    assert_eq!(counts(&build(&project, true, &["--verbose"])).1, "the settings left out read from the cache");
    assert_same_as_cold(&project);
    project.write_issue("4.md", issue(4, "added"));
    assert_eq!(counts(&build(&project, true, &["--verbose"])).1, "the settings left out inferred");
    assert_same_as_cold(&project);
    std::fs::remove_file(project.issues().join("4.md")).unwrap();
    assert_eq!(counts(&build(&project, true, &["--verbose"])).1, "the settings left out inferred");
    assert_same_as_cold(&project);
}
