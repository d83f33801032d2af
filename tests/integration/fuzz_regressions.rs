//! Inputs the fuzzers (`fuzz/`) found crashes with, each in
//! `tests/fixtures/fuzz-regressions/`: building an archive of that one file
//! must succeed with well-formed feeds or fail with a message, never panic.
//! Run one fuzz crash artifact the same way: copy it there as `<name>.md`.

use std::path::{Path, PathBuf};

use crate::util::{Project, parse_feed, stderr};

/// The name the `build_one` fuzz target gives its input: a dated name, so an
/// issue without a `date` key takes the date from it, as when it crashed.
const FUZZ_FILE_NAME: &str = "2024-01-07-1.md";

fn regressions() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn fuzz_regressions_build_or_fail_cleanly() {
    let files = regressions();
    assert!(!files.is_empty(), "no fuzz regression inputs found");
    // Every input is tried, so one run lists all that fail.
    let failed: Vec<String> = files
        .iter()
        .filter(|file| std::panic::catch_unwind(|| build_one(file)).is_err())
        .map(|file| file.display().to_string())
        .collect();
    assert!(failed.is_empty(), "fuzz regressions failing (see the panics above): {failed:#?}");
}

/// Builds an archive of `file` alone with the real binary.
fn build_one(file: &Path) {
    let staging = tempfile::tempdir().expect("temp dir");
    std::fs::copy(file, staging.path().join(FUZZ_FILE_NAME)).expect("copy input");
    let project = Project::from_dir(staging.path());
    let output = project.run(&["build"]);
    let err = stderr(&output);
    let name = file.display();
    assert!(!err.contains("panicked"), "{name}: trendfeed panicked:\n{err}");
    match output.status.code() {
        Some(0) => {
            for entry in walkdir::WalkDir::new(project.out()) {
                let path = entry.expect("walk").into_path();
                if path.extension().is_some_and(|e| e == "rss" || e == "atom") {
                    assert_xml_chars(&name.to_string(), &path);
                    parse_feed(&path);
                }
            }
        }
        Some(1) => assert!(err.contains("error"), "{name}: exit 1 without an error message:\n{err}"),
        code => panic!("{name}: exit {code:?} (101 is a panic), expected 0 or 1:\n{err}"),
    }
}

/// Fails if a feed holds a character XML 1.0 forbids, raw or as a character
/// reference: the whole feed is then ill-formed and strict readers drop it.
/// (feed-rs alone does not check this.)
fn assert_xml_chars(input: &str, path: &Path) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let forbidden = |c: u32| {
        (c < 0x20 && !matches!(c, 0x9 | 0xA | 0xD)) || matches!(c, 0xFFFE | 0xFFFF) || (0xD800..0xE000).contains(&c)
    };
    let raw = text.chars().find(|&c| forbidden(u32::from(c)));
    let reference = regex::Regex::new(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
        .expect("valid regex")
        .captures_iter(&text)
        .find(|c| match (c.get(1), c.get(2)) {
            (Some(hex), _) => u32::from_str_radix(hex.as_str(), 16).map_or(true, forbidden),
            (_, Some(dec)) => dec.as_str().parse::<u32>().map_or(true, forbidden),
            _ => false,
        })
        .map(|c| c[0].to_owned());
    assert!(raw.is_none() && reference.is_none(), "{input}: {} holds {raw:?} {reference:?}, not XML", path.display());
}
