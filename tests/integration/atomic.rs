//! A build killed at any moment of its rename phase leaves every file of
//! `out/` either its old complete version or its new complete version.
//!
//! Debug builds of trendfeed abort after `TRENDFEED_ABORT_AFTER_RENAMES`
//! renames (`src/fs/kill_switch.rs`): `abort` runs no destructor and no
//! clean-up, as a SIGKILL would, and with one thread the number of files
//! renamed before it is exact, so every kill lands where it is meant to.

use std::collections::BTreeMap;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::Stdio;

use crate::util::{Project, parse_feed, samples_dir, snapshot};

/// An archive of the samples and `copies` × 5 issues made from them, a week apart.
fn larger_archive(copies: usize) -> Project {
    let project = Project::samples();
    let samples: Vec<String> = std::fs::read_dir(samples_dir())
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 2).unwrap();
    for n in 0..copies * samples.len() {
        let date = start + chrono::Duration::weeks(n as i64);
        let text = &samples[n % samples.len()];
        let body = &text[text.find("\n---\n").unwrap() + 5..];
        let issue = format!("---\ntitle: Weekly #{}\ndate: {date}T09:00:00+00:00\n---\n{body}", 1000 + n);
        project.write_issue(&format!("{date}-{}.md", 1000 + n), issue);
    }
    project
}

/// Runs `trendfeed build` on one thread, aborting after `renames` renames.
fn build_killed_after(project: &Project, renames: usize) {
    let mut command = project.command();
    command
        .arg("build")
        .env("RAYON_NUM_THREADS", "1")
        .env("TRENDFEED_ABORT_AFTER_RENAMES", renames.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // SAFETY: setrlimit is async-signal-safe; no core file for the abort.
    unsafe {
        command.pre_exec(|| {
            let none = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            libc::setrlimit(libc::RLIMIT_CORE, &none);
            Ok(())
        });
    }
    let status = command.status().unwrap();
    assert_eq!(status.signal(), Some(libc::SIGABRT), "the build was not stopped after {renames} renames: {status}");
}

#[test]
fn killed_builds_leave_old_or_new_files_only() {
    let project = larger_archive(4);
    project.build();
    let old = snapshot(&project.out());
    // The new version: another title changes every feed and page.
    std::fs::write(project.path().join("trendfeed.toml"), "title = \"Changed Weekly\"\n").unwrap();
    let output = project.run(&["build", "--out", "reference"]);
    assert!(output.status.success());
    let new = snapshot(&project.path().join("reference"));
    // The files a build over `old` renames into place: the new and the changed
    // ones (the manifest is written apart, last).
    let renamed_in_full =
        new.iter().filter(|(p, b)| old.get(*p) != Some(*b) && !p.ends_with(".trendfeed-manifest")).count();
    assert!(renamed_in_full > 50, "only {renamed_in_full} files change");

    for renames in [0, 1, renamed_in_full / 2, renamed_in_full - 1] {
        std::fs::remove_dir_all(project.out()).unwrap();
        for (path, bytes) in &old {
            let target = project.out().join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, bytes).unwrap();
        }
        build_killed_after(&project, renames);

        let now: BTreeMap<PathBuf, Vec<u8>> = snapshot(&project.out());
        let (mut from_old, mut from_new, mut temporary) = (0, 0, 0);
        for (path, bytes) in &now {
            let name = path.file_name().unwrap().to_string_lossy();
            if name.starts_with(".trendfeed-tmp") {
                temporary += 1; // A staged file the killed build had not renamed yet.
                continue;
            }
            if name == ".trendfeed-manifest" {
                // Extended before any file is renamed: it lists every file of the build on disk.
                let listed: Vec<&str> = std::str::from_utf8(bytes).unwrap().lines().collect();
                for file in now.keys().map(|p| p.to_str().unwrap()) {
                    if file.contains(".trendfeed-") {
                        continue; // Temporary files, and the manifest itself.
                    }
                    assert!(listed.contains(&file), "after {renames} renames, the manifest lacks {file}");
                }
                continue;
            }
            match (old.get(path) == Some(bytes), new.get(path) == Some(bytes)) {
                (true, true) => {}
                (true, false) => from_old += 1,
                (false, true) => from_new += 1,
                (false, false) => panic!("after {renames} renames, {} is neither old nor new", path.display()),
            }
            if matches!(path.extension().and_then(|e| e.to_str()), Some("rss" | "atom")) {
                parse_feed(&project.out().join(path));
            }
        }
        for path in old.keys().filter(|p| new.contains_key(*p)) {
            assert!(now.contains_key(path), "after {renames} renames, {} is missing", path.display());
        }
        // Exactly `renames` files are new; every other one waits, staged, beside its old version.
        assert_eq!(from_new, renames, "files renamed into place");
        assert_eq!(temporary, renamed_in_full - renames, "staged files left by the killed build");
        let old_changed =
            old.iter().filter(|(p, b)| new.get(*p) != Some(*b) && !p.ends_with(".trendfeed-manifest")).count();
        assert!(
            from_old <= old_changed && from_old + renames >= old_changed,
            "{from_old} of {old_changed} old files left"
        );
    }
    // The next build cleans up whatever a killed one left behind.
    project.build();
    let after = snapshot(&project.out());
    assert_eq!(after, new);
}
