//! Incremental builds: a build with the cache of the last one writes the
//! same files as a cold `--no-cache` build, parses only the files that
//! changed, renders only the pages whose inputs changed, counts again only
//! the blocks of issues that changed, and never trusts a damaged or
//! foreign cache.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::prelude::*;

use crate::util::{snapshot, stderr};

/// Words of the generated items: topics of the samples' configuration and others.
const WORDS: &[&str] =
    &["docker", "kubernetes", "unikernel", "cluster", "latency", "rollout", "gitops", "terraform", "café", "k8s"];

/// Section names of the generated issues.
const SECTIONS: &[&str] = &["News", "Tools", "Events"];

/// A generated issue: a word of its title, and sections (by index in
/// `SECTIONS`) of items (words).
#[derive(Debug, Clone)]
pub(crate) struct Body {
    pub(crate) tag: &'static str,
    pub(crate) sections: Vec<(usize, Vec<Vec<&'static str>>)>,
}

/// An issue file of the archive.
#[derive(Debug, Clone)]
struct File {
    name: String,
    number: u32,
    body: Body,
}

/// The text of issue `number`, dated `number` weeks after 2020-01-05.
pub(crate) fn render(number: u32, body: &Body) -> String {
    let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 5).unwrap() + chrono::Days::new(7 * u64::from(number));
    let mut text =
        format!("---\ntitle: \"Weekly #{number}: {}\"\ndate: {date}T10:00:00+00:00\n---\n\nIntro.\n\n", body.tag);
    for (section, items) in &body.sections {
        let name = SECTIONS[*section];
        text.push_str(&format!("{name}\n{}\n\n", "=".repeat(name.len())));
        for (i, words) in items.iter().enumerate() {
            let url = format!("https://n{number}.example/{section}/{i}");
            text.push_str(&format!("Item {number} {section} {i}: {}.\n\n[{url}]({url})\n\n", words.join(" ")));
        }
    }
    text
}

/// A project folder: the samples' configuration and an empty `issues/`.
pub(crate) fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("trendfeed.toml");
    std::fs::copy(config, dir.path().join("trendfeed.toml")).expect("copy trendfeed.toml");
    std::fs::create_dir(dir.path().join("issues")).expect("mkdir issues");
    dir
}

/// Issues per block of the cache in these tests (32 in a release build):
/// small archives then have several blocks.
const BLOCK: &str = "2";

/// Runs `trendfeed ARGS` in `dir`, with its own user cache folder.
pub(crate) fn run(dir: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_trendfeed"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", dir.join("xdg"))
        .env("TRENDFEED_CACHE_BLOCK", BLOCK)
        // Files written before a build are trusted by their identity at
        // once: the header pass's cache is used from step to step.
        .env("TRENDFEED_CACHE_SETTLE_MS", "0")
        .output()
        .expect("run trendfeed");
    assert!(output.status.success(), "trendfeed {args:?} failed: {}", stderr(&output));
    output
}

/// A cold build into a fresh `cold/`, compared with `out/`: the same files, byte for byte.
pub(crate) fn assert_same_as_cold(dir: &Path) -> Result<(), TestCaseError> {
    let cold = dir.join("cold");
    let _ = std::fs::remove_dir_all(&cold);
    run(dir, &["build", "--no-cache", "--out", "cold", "--quiet"]);
    let (warm, cold) = (snapshot(&dir.join("out")), snapshot(&cold));
    let names = |tree: &std::collections::BTreeMap<PathBuf, Vec<u8>>| tree.keys().cloned().collect::<Vec<_>>();
    prop_assert_eq!(names(&warm), names(&cold));
    let differ: Vec<&PathBuf> = warm.iter().filter(|(path, bytes)| cold[*path] != **bytes).map(|(p, _)| p).collect();
    prop_assert!(differ.is_empty(), "an incremental build differs from a cold one in {:?}", differ);
    Ok(())
}

/// What the cache line of `--verbose` says: issues parsed and read from the
/// cache, issue pages rendered and kept.
pub(crate) fn cache_counts(output: &Output) -> [usize; 4] {
    let text = stderr(output);
    let line = text.lines().find(|l| l.starts_with("cache: ")).unwrap_or_else(|| panic!("no cache line in {text}"));
    let numbers: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    numbers.try_into().unwrap_or_else(|_| panic!("not four counts: {line}"))
}

/// What the second cache line of `--verbose` says: blocks of issues whose
/// collectors were read from the cache, and blocks in all.
fn block_counts(output: &Output) -> [usize; 2] {
    let text = stderr(output);
    let line = text.lines().find(|l| l.starts_with("cache: the collectors")).unwrap_or_else(|| panic!("{text}"));
    let numbers: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    numbers.try_into().unwrap_or_else(|_| panic!("not two counts: {line}"))
}

fn body() -> impl Strategy<Value = Body> {
    let item = prop::collection::vec(prop::sample::select(WORDS), 1..5);
    let sections = prop::collection::vec((0..SECTIONS.len(), prop::collection::vec(item, 1..3)), 1..3);
    (prop::sample::select(WORDS), sections).prop_map(|(tag, mut sections)| {
        sections.sort_by_key(|(s, _)| *s);
        sections.dedup_by_key(|(s, _)| *s);
        Body { tag, sections }
    })
}

#[derive(Debug, Clone)]
enum Step {
    /// An issue, numbered from the first free number at or after the given one.
    Add(u32, Body),
    Edit(usize, Body),
    Rename(usize),
    Delete(usize),
    /// Nothing: a rebuild of the same archive.
    Same,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (1..30u32, body()).prop_map(|(number, body)| Step::Add(number, body)),
        (any::<usize>(), body()).prop_map(|(at, body)| Step::Edit(at, body)),
        any::<usize>().prop_map(Step::Rename),
        any::<usize>().prop_map(Step::Delete),
        Just(Step::Same),
    ]
}

/// Applies `step` to the archive in `issues`.
fn apply(issues: &Path, files: &mut Vec<File>, step: Step, renames: &mut u32) {
    match step {
        Step::Add(from, body) => {
            let number = (from..).find(|n| files.iter().all(|f| f.number != *n)).unwrap();
            let file = File { name: format!("{number}.md"), number, body };
            std::fs::write(issues.join(&file.name), render(number, &file.body)).unwrap();
            files.push(file);
        }
        Step::Edit(at, body) => {
            let len = files.len();
            let file = &mut files[at % len];
            file.body = body;
            std::fs::write(issues.join(&file.name), render(file.number, &file.body)).unwrap();
        }
        Step::Rename(at) => {
            let len = files.len();
            let file = &mut files[at % len];
            *renames += 1;
            let name = format!("renamed-{renames}-{}.md", file.number);
            std::fs::rename(issues.join(&file.name), issues.join(&name)).unwrap();
            file.name = name;
        }
        Step::Delete(at) if files.len() > 1 => {
            let file = files.remove(at % files.len());
            std::fs::remove_file(issues.join(file.name)).unwrap();
        }
        Step::Delete(_) | Step::Same => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn incremental_builds_equal_cold_builds(
        start in prop::collection::vec((1..30u32, body()), 1..4),
        steps in prop::collection::vec(step(), 1..6),
    ) {
        let dir = project();
        let issues = dir.path().join("issues");
        let mut files = Vec::new();
        let mut renames = 0;
        for (number, body) in start {
            apply(&issues, &mut files, Step::Add(number, body), &mut renames);
        }
        run(dir.path(), &["build", "--cache-dir", "cache", "--quiet"]);
        for step in steps {
            apply(&issues, &mut files, step, &mut renames);
            run(dir.path(), &["build", "--cache-dir", "cache", "--quiet"]);
            assert_same_as_cold(dir.path())?;
        }
    }
}

/// A fixed issue: two sections whose items only it holds.
pub(crate) fn fixed(number: u32, tag: &'static str) -> String {
    let words = |i: usize| vec![WORDS[(number as usize + i) % WORDS.len()], "rollout"];
    render(number, &Body { tag, sections: vec![(0, vec![words(0), words(1)]), (1, vec![words(2)])] })
}

/// An archive of issues numbered `numbers`, built once with `--cache-dir cache`.
pub(crate) fn built(numbers: &[u32]) -> tempfile::TempDir {
    let dir = project();
    for &n in numbers {
        std::fs::write(dir.path().join(format!("issues/{n}.md")), fixed(n, "first")).unwrap();
    }
    run(dir.path(), &["build", "--cache-dir", "cache", "--quiet"]);
    dir
}

/// Builds with the cache and `--verbose`: the cache's counts.
fn rebuild(dir: &Path) -> [usize; 4] {
    cache_counts(&run(dir, &["build", "--cache-dir", "cache", "--verbose"]))
}

/// The entries in the cache: one per issue file of the last build.
fn entries(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("cache/issues"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some())
        .count()
}

#[test]
fn rebuilds_parse_and_render_only_what_changed() {
    let dir = built(&[2, 4, 6, 8, 10, 12]);
    let issues = dir.path().join("issues");
    // [parsed, read from the cache, pages rendered, pages kept]
    assert_eq!(rebuild(dir.path()), [0, 6, 0, 6], "nothing changed");
    std::fs::write(issues.join("14.md"), fixed(14, "first")).unwrap();
    assert_eq!(rebuild(dir.path()), [1, 6, 2, 5], "a newest issue: its page and the one before it");
    std::fs::write(issues.join("7.md"), fixed(7, "first")).unwrap();
    assert_eq!(rebuild(dir.path()), [1, 7, 3, 5], "an issue between 6 and 8: their pages and its own");
    std::fs::write(issues.join("10.md"), fixed(10, "retitled")).unwrap();
    assert_eq!(rebuild(dir.path()), [1, 7, 3, 5], "a new title: its page and the pagers beside it");
    std::fs::write(issues.join("12.md"), fixed(12, "first").replace("rollout", "rollback")).unwrap();
    assert_eq!(rebuild(dir.path()), [1, 7, 1, 7], "a new body, same title: its page alone");
    std::fs::remove_file(issues.join("4.md")).unwrap();
    assert_eq!(rebuild(dir.path()), [0, 7, 2, 5], "a deleted issue: the pages that linked to it");
    assert_eq!(entries(dir.path()), 7, "entries of edited and deleted files are dropped");
    std::fs::rename(issues.join("8.md"), issues.join("renamed.md")).unwrap();
    assert_eq!(rebuild(dir.path()), [1, 6, 1, 6], "a renamed file is parsed again; its page is the same");
    assert_eq!(entries(dir.path()), 7);
    assert_same_as_cold(dir.path()).unwrap();
}

#[test]
fn unchanged_old_issues_are_not_read_at_all() {
    // More issues than the feeds may show whole (64): an unchanged older
    // issue whose page is kept is not read, from its file or its entry.
    let numbers: Vec<u32> = (1..=70).collect();
    let dir = built(&numbers);
    let issues = dir.path().join("issues");
    // [parsed, read from the cache, pages rendered, pages kept]
    assert_eq!(rebuild(dir.path()), [0, 64, 0, 70], "nothing changed: the 64 newest read");
    // Blocks of 2: [1, 2], [3, 4]…; issue 3's block is counted again, issue 4 read from its entry.
    std::fs::write(issues.join("3.md"), fixed(3, "first").replace("rollout", "rollback")).unwrap();
    assert_eq!(rebuild(dir.path()), [1, 65, 1, 69], "an old issue edited");
    assert_same_as_cold(dir.path()).unwrap();
    // A published page removed: rendered again, from the issue's entry.
    std::fs::remove_file(dir.path().join("out/issues/2.html")).unwrap();
    assert_eq!(rebuild(dir.path()), [0, 65, 1, 69], "a page removed from out/");
    assert_same_as_cold(dir.path()).unwrap();
    // Without the last build's record, a build in which nothing changed
    // goes the whole way (see `unchanged.rs` for the record).
    forget_the_last_build(dir.path());
    assert_eq!(rebuild(dir.path()), [0, 64, 0, 70], "nothing changed");
    std::fs::write(issues.join("71.md"), fixed(71, "first")).unwrap();
    assert_eq!(rebuild(dir.path()), [1, 63, 2, 69], "a newest issue: parsed; 63 others among the 64 newest read");
    assert_same_as_cold(dir.path()).unwrap();
}

#[test]
fn rebuilds_count_again_only_the_blocks_that_changed() {
    // Blocks of 2 issues: [2, 4], [6, 8], [10, 12].
    let dir = built(&[2, 4, 6, 8, 10, 12]);
    let issues = dir.path().join("issues");
    let build = |dir: &Path| block_counts(&run(dir, &["build", "--cache-dir", "cache", "--verbose"]));
    // [blocks read from the cache, blocks]
    assert_eq!(build(dir.path()), [3, 3], "nothing changed");
    std::fs::write(issues.join("14.md"), fixed(14, "first")).unwrap();
    assert_eq!(build(dir.path()), [3, 4], "a newest issue: a new block");
    assert_same_as_cold(dir.path()).unwrap();
    std::fs::write(issues.join("4.md"), fixed(4, "first").replace("rollout", "rollback")).unwrap();
    assert_eq!(build(dir.path()), [3, 4], "an edited issue: its block alone");
    assert_same_as_cold(dir.path()).unwrap();
    // [2, 4], [6, 7], [8, 10], [12, 14]: the blocks after 6 moved.
    std::fs::write(issues.join("7.md"), fixed(7, "first")).unwrap();
    assert_eq!(build(dir.path()), [1, 4], "an issue between 6 and 8");
    assert_same_as_cold(dir.path()).unwrap();
    assert_eq!(std::fs::read_dir(dir.path().join("cache/blocks")).unwrap().count(), 4, "stale blocks are removed");
    assert_eq!(std::fs::read_dir(dir.path().join("cache/chunks")).unwrap().count(), 1, "one chunk of 8 issues");
    assert_eq!(build(dir.path()), [4, 4], "nothing changed");
    assert_same_as_cold(dir.path()).unwrap();
}

#[test]
fn the_search_index_of_a_rebuild_is_the_cold_one() {
    let dir = built(&[2, 4, 6, 8]);
    let (issues, index) = (dir.path().join("issues"), dir.path().join("out/search/index.js"));
    let read = || std::fs::read_to_string(&index).unwrap();
    let first = read();
    rebuild(dir.path());
    assert_eq!(read(), first, "nothing changed");
    // An old issue's item: its tokens are those of a stored block.
    std::fs::write(issues.join("4.md"), fixed(4, "first").replace("rollout", "rollback")).unwrap();
    rebuild(dir.path());
    assert_ne!(read(), first, "an item's text changed");
    assert_same_as_cold(dir.path()).unwrap();
    std::fs::write(issues.join("10.md"), fixed(10, "first")).unwrap();
    rebuild(dir.path());
    assert_same_as_cold(dir.path()).unwrap();
    std::fs::remove_file(issues.join("10.md")).unwrap();
    std::fs::write(issues.join("4.md"), fixed(4, "first")).unwrap();
    rebuild(dir.path());
    assert_eq!(read(), first, "the archive as it was first");
    // A published index changed by hand is written again.
    std::fs::write(&index, first.replacen("docs", "DOCS", 1)).unwrap();
    rebuild(dir.path());
    assert_eq!(read(), first);
}

/// What the third cache line of `--verbose` says: published files kept
/// by their identity, without being read.
fn trusted(output: &Output) -> usize {
    let text = stderr(output);
    let line = text.lines().find(|l| l.contains("kept by their identity")).unwrap_or_else(|| panic!("{text}"));
    line.split(' ').nth(1).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no count: {line}"))
}

#[test]
fn kept_files_are_read_once_then_known_by_their_identity() {
    let dir = built(&[2, 4, 6]);
    let build = |dir: &Path| run(dir, &["build", "--cache-dir", "cache", "--verbose"]);
    // A folder an older layout of the cache used.
    std::fs::create_dir_all(dir.path().join("cache/files")).unwrap();
    std::fs::write(dir.path().join("cache/files/search.bin"), "old").unwrap();
    // The cold build's pages and search index are read once, to be sure
    // they hold what it wrote; their identities are then recorded.
    let output = build(dir.path());
    assert_eq!((cache_counts(&output), trusted(&output)), ([0, 3, 0, 3], 0), "{}", stderr(&output));
    assert!(!dir.path().join("cache/files").exists(), "the older layout's folder is removed");
    forget_the_last_build(dir.path());
    let output = build(dir.path());
    assert_eq!((cache_counts(&output), trusted(&output)), ([0, 3, 0, 3], 4), "3 pages and the search index");
    // A page edited in place at the same length has another identity: it
    // is read, found other, and rendered again.
    edit(dir.path().join("out/issues/4.html"), |bytes| {
        let at = bytes.iter().position(|&b| b == b'>').unwrap();
        bytes[at - 1] ^= 0x20;
    });
    forget_the_last_build(dir.path());
    let output = build(dir.path());
    assert_eq!((cache_counts(&output), trusted(&output)), ([0, 3, 1, 2], 3), "{}", stderr(&output));
    assert_same_as_cold(dir.path()).unwrap();
    // The same for the search index, whose record is the pages'.
    edit(dir.path().join("out/search/index.js"), |bytes| bytes.reverse());
    forget_the_last_build(dir.path());
    let output = build(dir.path());
    assert_eq!((cache_counts(&output), trusted(&output)), ([0, 3, 0, 3], 2), "{}", stderr(&output));
    assert_same_as_cold(dir.path()).unwrap();
}

/// Builds after `damage` to the cache, which must say `said` in one line
/// about the cache (`warning: …`, or `note: …`), parse `parsed` issues and
/// build what a cold build builds; the next build then takes everything
/// from the cache, without a warning.
fn assert_rebuilt(damage: impl FnOnce(&Path), said: &str, parsed: usize) {
    let dir = built(&[1, 2, 3, 4]);
    damage(dir.path());
    let output = run(dir.path(), &["build", "--cache-dir", "cache", "--verbose"]);
    let text = stderr(&output);
    let counts = |l: &&str| l.starts_with("cache: ") || l.starts_with("header cache: ");
    let about = |l: &&str| (l.contains("the cache") && !counts(l)) || l.starts_with("warning: ");
    let lines: Vec<&str> = text.lines().filter(about).collect();
    let (kind, said) = said.split_once(' ').unwrap();
    assert!(lines.len() == 1 && lines[0].starts_with(kind) && lines[0].contains(said), "expected `{said}`:\n{text}");
    assert_eq!(cache_counts(&output)[0], parsed, "{text}");
    assert_same_as_cold(dir.path()).unwrap();
    forget_the_last_build(dir.path());
    let output = run(dir.path(), &["build", "--cache-dir", "cache", "--verbose"]);
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    assert_eq!(cache_counts(&output), [0, 4, 0, 4], "the cache is sound again");
}

/// Removes the record of the last build from `dir/cache`, so that the next
/// build reads the cache even when nothing changed.
pub(crate) fn forget_the_last_build(dir: &Path) {
    std::fs::remove_file(dir.join("cache/build.bin")).expect("the last build's record");
}

/// Changes the bytes of `file`.
fn edit(file: PathBuf, change: impl FnOnce(&mut Vec<u8>)) {
    let mut bytes = std::fs::read(&file).unwrap();
    change(&mut bytes);
    std::fs::write(file, bytes).unwrap();
}

/// An entry of the cache.
fn an_entry(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir.join("cache/issues")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.remove(0)
}

#[test]
fn damaged_or_foreign_caches_are_rebuilt() {
    let index = |dir: &Path| dir.join("cache/index.bin");
    assert_rebuilt(|d| edit(index(d), |b| b.truncate(b.len() / 2)), "warning: it is truncated", 0);
    assert_rebuilt(|d| edit(index(d), |b| *b.last_mut().unwrap() ^= 1), "warning: it is damaged", 0);
    assert_rebuilt(|d| edit(index(d), |b| b.truncate(20)), "warning: it is truncated", 0);
    assert_rebuilt(
        |d| edit(index(d), |b| b[..8].copy_from_slice(b"NOTACACH")),
        "warning: not a trendfeed cache file",
        0,
    );
    // Bytes 9–12: the format version; 13–28: the tool (documented in src/build/cache/frame.rs).
    assert_rebuilt(|d| edit(index(d), |b| b[9] ^= 1), "warning: made by another version of trendfeed", 0);
    assert_rebuilt(|d| edit(index(d), |b| b[20] ^= 1), "warning: made by another version of trendfeed", 0);
    let retitle = |d: &Path| {
        let config = d.join("trendfeed.toml");
        let text = std::fs::read_to_string(&config).unwrap();
        std::fs::write(config, text.replace("title = \"DevOps Weekly\"", "title = \"Ops Weekly\"")).unwrap();
    };
    assert_rebuilt(retitle, "note: made for another configuration", 4);
    assert_rebuilt(|d| edit(an_entry(d), |b| *b.last_mut().unwrap() ^= 1), "warning: 1 entry of the cache", 1);
    assert_rebuilt(|d| edit(an_entry(d), |b| b.truncate(30)), "warning: (it is truncated)", 1);
    let block = |dir: &Path| dir.join("cache/blocks");
    // The chunk's file holds the merged blocks: without it, the blocks are read.
    let chunkless = |d: &Path| std::fs::remove_dir_all(d.join("cache/chunks")).unwrap();
    let damaged = |d: &Path, n| {
        chunkless(d);
        edit(a_block(d, n), |b| *b.last_mut().unwrap() ^= 1)
    };
    assert_rebuilt(|d| damaged(d, 0), "warning: 1 block of the cache", 0);
    assert_rebuilt(|d| damaged(d, 1), "warning: 1 block of the cache", 0);
    assert_rebuilt(
        |d| {
            chunkless(d);
            edit(a_block(d, 1), |b| b.truncate(70))
        },
        "warning: (it is truncated)",
        0,
    );
    // A sound block in the place of another (of the same build): not trusted.
    let swap = |d: &Path| {
        chunkless(d);
        assert_eq!(std::fs::read_dir(block(d)).unwrap().count(), 2, "4 issues: 2 blocks");
        std::fs::copy(a_block(d, 0), a_block(d, 1)).unwrap();
    };
    assert_rebuilt(swap, "warning: (it is the block of other issues)", 0);
    // The chunk's file, damaged: the blocks are read instead, and it is written again.
    let chunk = |d: &Path| {
        let files: Vec<PathBuf> =
            std::fs::read_dir(d.join("cache/chunks")).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(files.len(), 1, "4 issues: 1 chunk");
        files[0].clone()
    };
    assert_rebuilt(|d| edit(chunk(d), |b| *b.last_mut().unwrap() ^= 1), "warning: 1 block of the cache", 0);
    assert_rebuilt(|d| edit(chunk(d), |b| b.truncate(70)), "warning: (it is truncated)", 0);
}

/// The `n`th block of the cache, by name.
fn a_block(dir: &Path, n: usize) -> PathBuf {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir.join("cache/blocks")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.remove(n)
}

#[test]
fn no_cache_neither_reads_nor_writes_the_cache() {
    let dir = built(&[1, 2, 3]);
    let xdg = dir.path().join("xdg");
    let output = run(dir.path(), &["build", "--no-cache", "--verbose"]);
    assert!(!stderr(&output).contains("cache"), "{}", stderr(&output));
    run(dir.path(), &["build", "--no-cache", "--cache-dir", "other"]);
    assert!(!xdg.exists() && !dir.path().join("other").exists(), "--no-cache wrote a cache");
    // Without --cache-dir: one folder below $XDG_CACHE_HOME/trendfeed, named by a hash of out/'s path.
    run(dir.path(), &["build"]);
    let folders: Vec<PathBuf> = std::fs::read_dir(xdg.join("trendfeed")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(folders.len(), 1);
    let name = folders[0].file_name().unwrap().to_str().unwrap();
    assert!(name.len() == 16 && name.chars().all(|c| c.is_ascii_hexdigit()), "{name}");
    assert!(folders[0].join("index.bin").is_file());
    // A damaged cache is neither read (no warning) nor rewritten.
    edit(folders[0].join("index.bin"), |b| b.truncate(b.len() / 2));
    let before = snapshot(&folders[0]);
    let output = run(dir.path(), &["build", "--no-cache", "--verbose"]);
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    assert_eq!(snapshot(&folders[0]), before);
}

#[test]
fn a_cache_inside_the_output_folder_is_refused() {
    let dir = built(&[1, 2]);
    let output = Command::new(env!("CARGO_BIN_EXE_trendfeed"))
        .args(["build", "--cache-dir", "out/cache"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run trendfeed");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("is inside the output folder"), "{}", stderr(&output));
    assert!(!dir.path().join("out/cache").exists());
}
