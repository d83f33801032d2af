use std::path::{Path, PathBuf};

use super::*;

const DONE: Done = Done { issues: 3, items: 14, feeds: 9, files: 2, warnings: 1 };

/// An output folder holding `a.html` and `feeds/b.xml`, and a cache folder.
fn folders() -> (tempfile::TempDir, PathBuf, PathBuf, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let (out, cache) = (dir.path().join("out"), dir.path().join("cache"));
    std::fs::create_dir_all(out.join("feeds")).unwrap();
    std::fs::create_dir_all(&cache).unwrap();
    std::fs::write(out.join("a.html"), "<p>a</p>").unwrap();
    std::fs::write(out.join("feeds/b.xml"), "<rss/>").unwrap();
    let published = vec![PathBuf::from("a.html"), PathBuf::from("feeds/b.xml")];
    (dir, out, cache, published)
}

/// Records as a build long after the files were written.
fn record(fresh: &Fresh, out: &Path, published: &[PathBuf]) {
    fresh.record_at(out, published, DONE, now() + 10_000_000_000, 1_000_000_000);
}

#[test]
fn a_record_is_used_only_for_its_key_and_its_unchanged_files() {
    let (_dir, out, cache, published) = folders();
    let fresh = Fresh::new(&cache, Some(7));
    assert_eq!(fresh.unchanged(&out, Verbosity::Quiet), None, "no record yet");
    record(&fresh, &out, &published);
    assert_eq!(fresh.unchanged(&out, Verbosity::Quiet), Some(DONE));
    assert_eq!(Fresh::new(&cache, Some(8)).unchanged(&out, Verbosity::Quiet), None, "another key");
    assert_eq!(Fresh::new(&cache, None).unchanged(&out, Verbosity::Quiet), None, "no key");
    // The same bytes written again: a new identity.
    std::fs::write(out.join("feeds/b.xml"), "<rss/>").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(out.join("feeds/b.xml"), "<rss/>").unwrap();
    assert_eq!(fresh.unchanged(&out, Verbosity::Quiet), None, "a file rewritten");
    record(&fresh, &out, &published);
    assert_eq!(fresh.unchanged(&out, Verbosity::Quiet), Some(DONE));
    std::fs::remove_file(out.join("a.html")).unwrap();
    assert_eq!(fresh.unchanged(&out, Verbosity::Quiet), None, "a file removed");
}

#[test]
fn files_too_new_to_be_trusted_are_not_recorded() {
    let (_dir, out, cache, published) = folders();
    let fresh = Fresh::new(&cache, Some(7));
    fresh.record_at(&out, &published, DONE, now(), 2_000_000_000);
    assert!(!cache.join(FILE).exists(), "files written within the margin: no record");
    record(&fresh, &out, &published);
    assert!(cache.join(FILE).exists());
    fresh.forget();
    assert!(!cache.join(FILE).exists(), "forget removes the record");
    assert_eq!(fresh.unchanged(&out, Verbosity::Quiet), None);
}

#[test]
fn a_damaged_record_is_not_used() {
    let (_dir, out, cache, published) = folders();
    let fresh = Fresh::new(&cache, Some(7));
    record(&fresh, &out, &published);
    let mut bytes = std::fs::read(cache.join(FILE)).unwrap();
    *bytes.last_mut().unwrap() ^= 1;
    std::fs::write(cache.join(FILE), bytes).unwrap();
    assert_eq!(fresh.unchanged(&out, Verbosity::Quiet), None);
}

#[test]
fn identities_of_a_folder_are_in_order_and_only_when_settled() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(identities(&dir.path().join("absent")), Some(Vec::new()));
    std::fs::create_dir_all(dir.path().join("css")).unwrap();
    std::fs::write(dir.path().join("b.txt"), "b").unwrap();
    std::fs::write(dir.path().join("css/a.css"), "a").unwrap();
    // Just written: not settled by the default margin of two seconds.
    assert_eq!(identities(dir.path()), None);
    let later = identities_at(dir.path(), now() + 10_000_000_000, 1_000_000_000).unwrap();
    let names: Vec<PathBuf> = later.iter().map(|(path, _)| path.strip_prefix(dir.path()).unwrap().into()).collect();
    assert_eq!(names, [PathBuf::from("b.txt"), PathBuf::from("css/a.css")]);
    assert_eq!(later[0].1, Identity::of(&dir.path().join("b.txt")).unwrap());
}
