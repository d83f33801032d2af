//! A build killed at any moment leaves every file of `out/` either its old
//! complete version or its new complete version.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::util::{Project, parse_feed, samples_dir, snapshot};

/// An archive of `copies` × 5 issues made from the samples, a week apart.
fn large_archive(copies: usize) -> Project {
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

#[test]
fn killed_builds_leave_old_or_new_files_only() {
    let project = large_archive(200);
    project.build();
    let old = snapshot(&project.out());
    // The new version: another title changes every feed and page.
    std::fs::write(project.path().join("trendfeed.toml"), "title = \"Changed Weekly\"\n").unwrap();
    let reference = project.path().join("reference");
    let started = std::time::Instant::now();
    let output = project.run(&["build", "--out", "reference"]);
    let full = started.elapsed();
    assert!(output.status.success());
    let new = snapshot(&reference);
    let changed = old.iter().filter(|(p, b)| new.get(*p) != Some(*b)).count();
    assert!(changed > 100, "only {changed} files change");

    let mut saw_partial = false;
    // Kill at moments spread over a whole build, most of them late, where files are written.
    for fraction in [0.3, 0.6, 0.75, 0.85, 0.9, 0.94, 0.97, 0.99] {
        let delay = full.mul_f64(fraction);
        std::fs::remove_dir_all(project.out()).unwrap();
        for (path, bytes) in &old {
            let target = project.out().join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, bytes).unwrap();
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_trendfeed"))
            .arg("build")
            .current_dir(project.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL: no chance to clean up.
        child.wait().unwrap();

        let now: BTreeMap<PathBuf, Vec<u8>> = snapshot(&project.out());
        let (mut from_old, mut from_new, mut temporary) = (0, 0, 0);
        for (path, bytes) in &now {
            let name = path.file_name().unwrap().to_string_lossy();
            if name.starts_with(".trendfeed-tmp") {
                temporary += 1; // A temporary file the killed build had not renamed yet.
                continue;
            }
            if name == ".trendfeed-manifest" {
                // Extended before any file is renamed: it lists every file of the build on disk.
                let listed: Vec<&str> = std::str::from_utf8(bytes).unwrap().lines().collect();
                for file in now.keys().chain(new.keys()).filter(|p| **p != *path && now.contains_key(*p)) {
                    let file = file.to_str().unwrap();
                    if !file.contains(".trendfeed-tmp") {
                        assert!(listed.contains(&file), "after {delay:?}, the manifest lacks {file}");
                    }
                }
                continue;
            }
            match (old.get(path) == Some(bytes), new.get(path) == Some(bytes)) {
                (true, true) => {}
                (true, false) => from_old += 1,
                (false, true) => from_new += 1,
                (false, false) => panic!("after {delay:?}, {} is neither old nor new", path.display()),
            }
            if matches!(path.extension().and_then(|e| e.to_str()), Some("rss" | "atom")) {
                parse_feed(&project.out().join(path));
            }
        }
        for path in old.keys().filter(|p| new.contains_key(*p)) {
            assert!(now.contains_key(path), "after {delay:?}, {} is missing", path.display());
        }
        // New files are renamed into place together at the end of a build,
        // so most kills leave the old files and the new ones not yet renamed.
        saw_partial |= temporary > 0 || (from_old > 0 && from_new > 0);
    }
    assert!(saw_partial, "no kill landed mid-build: make the archive larger");
    // The next build cleans up whatever a killed one left behind.
    project.build();
    let after = snapshot(&project.out());
    assert_eq!(after, new);
}
