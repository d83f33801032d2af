use std::fs::File;
use std::time::{Duration, SystemTime};

use super::*;

const SECOND: i128 = 1_000_000_000;

/// Far after any file of the tests changed: every file is settled.
const LATER: i128 = 4_000_000_000 * SECOND;

fn issue(title: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: 2024-05-06\n---\n\n## News\n\n- [A](https://a.example) first item.\n")
}

fn now() -> i128 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos() as i128
}

/// Scans `path` with a cache in `dir` opened at `started`, then saves it:
/// the title found, and whether the file was read from the cache.
fn scan_at(dir: &Path, path: &Path, started: i128, shape: bool) -> (String, Option<Shape>, bool) {
    let config = Config::builtin();
    let reader = Reader::new(&config).unwrap();
    let scans = Scans::open_at(dir, &config, started, Verbosity::Quiet);
    let (found, known) = scans.scan(&reader, path, shape).unwrap();
    let (header, found) = found.expect("not a draft");
    let hit = scans.hits.load(Relaxed) == 1;
    // A file found unchanged is known by its length and the digest of its bytes, which the fold trusts.
    let bytes = std::fs::read(path).unwrap();
    let expected = Known { len: bytes.len() as u64, digest: xxhash_rust::xxh3::xxh3_128(&bytes) };
    assert_eq!(known, hit.then_some(expected));
    assert_eq!(scans.scanned.load(Relaxed), usize::from(!hit));
    scans.finish(Verbosity::Quiet);
    (header.title, found, hit)
}

#[test]
fn settled_files_are_those_changed_a_margin_before_the_start() {
    let id = Identity { len: 1, modified: 10 * SECOND, changed: 11 * SECOND, inode: 1, device: 1 };
    assert!(id.settled(13 * SECOND, 2 * SECOND));
    // The status change is the later time, and counts.
    assert!(!id.settled(12 * SECOND, 2 * SECOND));
    assert!(id.settled(11 * SECOND, 0));
    assert!(!id.settled(10 * SECOND, 0));
}

#[test]
fn an_unchanged_file_is_read_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.md");
    std::fs::write(&path, issue("Weekly 1")).unwrap();
    let cold = scan_at(dir.path(), &path, LATER, true);
    assert_eq!((cold.0.as_str(), cold.2), ("Weekly 1", false));
    let warm = scan_at(dir.path(), &path, LATER, true);
    assert_eq!((warm.0.as_str(), warm.2), ("Weekly 1", true));
    // The shape stored is the one scanned, headings and all.
    assert_eq!(warm.1.as_ref().map(|s| s.headings.clone()), Some(vec![(2, "News".to_owned())]));
    assert_eq!(warm.1, cold.1);
    // A scan without the body's shape takes the header alone.
    let (_, shape, hit) = scan_at(dir.path(), &path, LATER, false);
    assert!(hit && shape.is_none());
}

#[test]
fn a_file_stored_without_its_shape_is_scanned_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.md");
    std::fs::write(&path, issue("Weekly 1")).unwrap();
    assert!(!scan_at(dir.path(), &path, LATER, false).2);
    let (_, shape, hit) = scan_at(dir.path(), &path, LATER, true);
    assert!(!hit && shape.is_some());
}

#[test]
fn an_edit_of_the_same_size_and_time_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.md");
    std::fs::write(&path, issue("Weekly 1")).unwrap();
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    File::options().write(true).open(&path).unwrap().set_modified(old).unwrap();
    assert!(!scan_at(dir.path(), &path, LATER, false).2);
    // Same size, and the modification time put back: the status change
    // time tells (once the filesystem's clock has ticked: with the start
    // at LATER, this test leaves out the margin that covers that).
    std::thread::sleep(Duration::from_millis(50));
    std::fs::write(&path, issue("Weekly 2")).unwrap();
    File::options().write(true).open(&path).unwrap().set_modified(old).unwrap();
    let (title, _, hit) = scan_at(dir.path(), &path, LATER, false);
    assert_eq!((title.as_str(), hit), ("Weekly 2", false));
}

#[test]
fn a_file_changed_just_before_the_build_is_not_trusted_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.md");
    std::fs::write(&path, issue("Weekly 1")).unwrap();
    // Changed within RACY of the first build's start: not stored.
    assert!(!scan_at(dir.path(), &path, now(), false).2);
    assert!(!dir.path().join(FILE).exists(), "nothing to store");
    assert!(!scan_at(dir.path(), &path, LATER, false).2);
    assert!(scan_at(dir.path(), &path, LATER, false).2);
}

#[test]
fn a_damaged_cache_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.md");
    std::fs::write(&path, issue("Weekly 1")).unwrap();
    scan_at(dir.path(), &path, LATER, true);
    let stored = dir.path().join(FILE);
    let mut bytes = std::fs::read(&stored).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&stored, bytes).unwrap();
    assert!(!scan_at(dir.path(), &path, LATER, true).2);
    // Rewritten sound.
    assert!(scan_at(dir.path(), &path, LATER, true).2);
}

#[test]
fn the_sample_key_follows_the_sample_files() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("1.md"), dir.path().join("2.md"));
    std::fs::write(&a, issue("Weekly 1")).unwrap();
    std::fs::write(&b, issue("Weekly 2")).unwrap();
    let config = Config::builtin();
    let reader = Reader::new(&config).unwrap();
    let key = |files: &[&Path], started: i128| {
        let scans = Scans::open_at(dir.path(), &config, started, Verbosity::Quiet);
        for file in files {
            scans.scan(&reader, file, true).unwrap();
        }
        // A file outside the sample does not count.
        scans.scan(&reader, &b, false).unwrap();
        scans.sample_key(&config, dir.path())
    };
    let first = key(&[&a], LATER);
    assert!(first.is_some());
    assert_eq!(key(&[&a], LATER), first);
    assert_ne!(key(&[&a, &b], LATER), first);
    assert_eq!(key(&[&a], now()), None, "a file changed too recently");
    std::fs::write(&a, issue("Weekly 3")).unwrap();
    File::options().write(true).open(&a).unwrap().set_modified(SystemTime::UNIX_EPOCH).unwrap();
    assert_ne!(key(&[&a], LATER), first);
}

#[test]
fn completed_keys_apply_to_the_keys_left_out() {
    let mut done = Config::builtin();
    done.title = "Kube Weekly".to_owned();
    done.author = "Someone".to_owned();
    done.topics = vec![Topic { name: "Go".to_owned(), terms: vec![Term::from("golang")] }];
    let completed = Completed::of(&done);
    let mut config = Config::builtin();
    config.inferred = vec!["title", "topics"];
    let author = config.author.clone();
    completed.apply(&mut config);
    assert_eq!(config.title, "Kube Weekly");
    assert_eq!(config.topics, done.topics);
    assert_eq!(config.author, author, "a key set is kept");
}
