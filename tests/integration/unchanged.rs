//! A build in which nothing changed since the last one: it writes nothing
//! and reports what the last one built; any change to what the outputs are
//! made from, or to the files published, makes it go the whole way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::incremental::{assert_same_as_cold, built, cache_counts, fixed, run};
use crate::util::stderr;

/// Builds with the cache and `--verbose`.
fn build(dir: &Path) -> Output {
    run(dir, &["build", "--cache-dir", "cache", "--verbose"])
}

/// How many files a build found kept since the last build, when it says
/// that nothing changed.
fn kept(output: &Output) -> Option<usize> {
    let text = stderr(output);
    let line = text.lines().find(|l| l.starts_with("nothing changed since the last build: "))?;
    let number = line.split(": ").nth(1)?.split(' ').next()?;
    Some(number.parse().unwrap_or_else(|_| panic!("no count in `{line}`")))
}

/// The summary a build prints, without the time it took.
fn summary(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().find(|l| l.starts_with("built ")).unwrap_or_else(|| panic!("no summary in {text}"));
    line.rsplit_once(" in ").map_or(line, |(summary, _)| summary).to_owned()
}

/// Every file below `dir` with its length, modification time and inode.
fn identities(dir: &Path) -> BTreeMap<PathBuf, (u64, std::time::SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            (e.path().to_path_buf(), (meta.len(), meta.modified().unwrap(), meta.ino()))
        })
        .collect()
}

#[test]
fn a_build_in_which_nothing_changed_writes_nothing() {
    let dir = built(&[2, 4, 6, 8, 10, 12]);
    // The cold build read every file: its record waits for a build that
    // knows them unchanged by their identity.
    let whole = build(dir.path());
    assert_eq!(kept(&whole), None, "{}", stderr(&whole));
    assert_eq!(cache_counts(&whole), [0, 6, 0, 6]);
    let out = identities(&dir.path().join("out"));
    let cache = identities(&dir.path().join("cache"));
    let unchanged = build(dir.path());
    // Every file of out/ but the manifest: the count the summary gives.
    let files = out.len() - 1;
    assert_eq!(kept(&unchanged), Some(files), "{}", stderr(&unchanged));
    let text = stderr(&unchanged);
    assert!(!text.lines().any(|l| l.starts_with("cache: ")), "no issue nor block read from the cache: {text}");
    assert_eq!(summary(&unchanged), summary(&whole));
    assert!(summary(&whole).ends_with(&format!(" {files} files")), "{}", summary(&whole));
    assert_eq!(identities(&dir.path().join("out")), out, "no file of out/ written again");
    assert_eq!(identities(&dir.path().join("cache")), cache, "no file of the cache written again");
    assert_same_as_cold(dir.path()).unwrap();
}

/// Runs builds until one finds nothing changed; how many went the whole way.
fn builds_until_unchanged(dir: &Path, what: &str) -> usize {
    for whole in 0..3 {
        let output = build(dir);
        if kept(&output).is_some() {
            return whole;
        }
        assert_same_as_cold(dir).unwrap_or_else(|e| panic!("after {what}: {e}"));
    }
    panic!("after {what}: three builds and not one found nothing changed");
}

#[test]
fn any_change_makes_the_build_go_the_whole_way() {
    let dir = built(&[2, 4, 6, 8]);
    let path = |p: &str| dir.path().join(p);
    let edit_issue = || std::fs::write(path("issues/4.md"), fixed(4, "first").replace("rollout", "rollback")).unwrap();
    let add_issue = || std::fs::write(path("issues/10.md"), fixed(10, "first")).unwrap();
    let remove_issue = || std::fs::remove_file(path("issues/2.md")).unwrap();
    let rename_issue = || std::fs::rename(path("issues/6.md"), path("issues/six.md")).unwrap();
    let configure = || {
        let text = std::fs::read_to_string(path("trendfeed.toml")).unwrap();
        std::fs::write(path("trendfeed.toml"), text.replace("title = \"DevOps Weekly\"", "title = \"Ops Weekly\""))
            .unwrap();
    };
    let add_static = || {
        std::fs::create_dir_all(path("static")).unwrap();
        std::fs::write(path("static/robots.txt"), "User-agent: *\n").unwrap();
    };
    let edit_static = || std::fs::write(path("static/robots.txt"), "User-agent: a\n").unwrap();
    // The same length, another byte: only the file's identity tells.
    let edit_output = || {
        let mut bytes = std::fs::read(path("out/index.html")).unwrap();
        let at = bytes.iter().position(|&b| b == b'<').unwrap();
        bytes[at + 1] ^= 0x20;
        std::fs::write(path("out/index.html"), bytes).unwrap();
    };
    let remove_output = || std::fs::remove_file(path("out/issues/8.html")).unwrap();
    let changes: [(&str, &dyn Fn()); 9] = [
        ("an issue edited", &edit_issue),
        ("an issue added", &add_issue),
        ("an issue removed", &remove_issue),
        ("an issue renamed", &rename_issue),
        ("the configuration edited", &configure),
        ("a static file added", &add_static),
        ("a static file edited", &edit_static),
        ("a published file edited", &edit_output),
        ("a published file removed", &remove_output),
    ];
    // Issue files read again (not known by their identity) are recorded by
    // the build after the one that read them.
    let expected = [2, 2, 1, 2, 1, 1, 1, 1, 1];
    builds_until_unchanged(dir.path(), "the first build");
    for ((what, change), expected) in changes.into_iter().zip(expected) {
        change();
        assert_eq!(builds_until_unchanged(dir.path(), what), expected, "builds the whole way after {what}");
    }
    let index = std::fs::read_to_string(path("out/index.html")).unwrap();
    assert!(index.contains("Ops Weekly") && index.starts_with("<!"), "out/index.html rebuilt");
    assert_eq!(std::fs::read_to_string(path("out/robots.txt")).unwrap(), "User-agent: a\n");
}

#[test]
fn files_changed_too_recently_are_never_recorded() {
    let dir = built(&[2, 4]);
    for _ in 0..2 {
        let output = Command::new(env!("CARGO_BIN_EXE_trendfeed"))
            .args(["build", "--cache-dir", "cache", "--verbose"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .env("TRENDFEED_CACHE_SETTLE_MS", "600000")
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(kept(&output), None);
        assert!(!dir.path().join("cache/build.bin").exists(), "files of the last ten minutes: no record");
    }
}

#[test]
fn a_failed_build_leaves_no_record() {
    let dir = built(&[2, 4]);
    builds_until_unchanged(dir.path(), "the first build");
    assert!(dir.path().join("cache/build.bin").exists());
    std::fs::write(dir.path().join("issues/6.md"), "---\ntitle: Six\ndate: 2021-02-30\n---\n\nNews\n====\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_trendfeed"))
        .args(["build", "--cache-dir", "cache", "--quiet"])
        .current_dir(dir.path())
        .env("TRENDFEED_CACHE_SETTLE_MS", "0")
        .output()
        .unwrap();
    assert!(!output.status.success(), "an invalid date fails the build");
    assert!(!dir.path().join("cache/build.bin").exists(), "the failed build removed the record");
    std::fs::remove_file(dir.path().join("issues/6.md")).unwrap();
    assert_eq!(builds_until_unchanged(dir.path(), "the invalid issue removed"), 1);
}
