//! The build's cache, which makes a rebuild parse only the issue files
//! that changed and render only the issue pages whose inputs changed. It
//! is a speed-up only: deleting it changes no output.
//!
//! It lives outside the output folder (it is not published), in a folder
//! of its own ([`key::folder`]):
//!
//! - `issues/<key>.bin`, one entry per issue file: the parsed issue with
//!   its topic counts and feed membership, keyed by the file's path and
//!   bytes, trendfeed and the configuration ([`key::source`]).
//! - `blocks/<key>.bin`, one per block of [`blocks::BLOCK`] issues in
//!   archive order: what the collectors that do not write files hold after
//!   adding the block's issues (the explore page's term index and the
//!   search index's tokens among them), keyed by the block's place and its issues'
//!   entries ([`key::block`]). A rebuild merges an unchanged block's
//!   collectors as they were stored instead of adding its issues again
//!   ([`blocks`]); a collector merges later issues as it adds them, so the
//!   outputs are those of a cold build.
//! - `chunks/<key>.bin`, one per chunk of the fold (256 issues): its
//!   blocks' collectors merged, keyed by their keys ([`key::chunk`]), read
//!   instead of its blocks when none changed.
//! - `headers.bin`: what the header pass ([`super::order::Headers`]) found
//!   in each issue file, keyed by the file's identity (path, size, times,
//!   inode), with the digest of its bytes (which keys its entry: the fold
//!   need not read an unchanged file), and the keys
//!   [`crate::init::complete`] inferred, keyed by the
//!   sample's files' identities ([`headers`]). It is read and written
//!   before the configuration is complete, so it is keyed by the time zone
//!   alone, the one setting the header pass reads; a file changed too
//!   recently to be told apart from a later edit by its times is read
//!   again next time.
//! - `index.bin`: for each issue page, a hash of its inputs (the issue, its
//!   key, its neighbours) and of the bytes published. A page whose inputs
//!   are unchanged and whose published file still holds those bytes is
//!   kept as it is: read and hashed the first time, then known by the
//!   identity recorded once it settled, as the header pass knows files.
//!   The search index is recorded the same way, by the hash of what it is
//!   made from ([`Cache::keep_or_write`]).
//! - `build.bin`: the key of the last build's inputs and the identity of
//!   every file it published ([`fresh`]): a build in which nothing changed
//!   does nothing.
//!
//! Every file is written whole to a temporary file, then renamed, and
//! checked as it is read ([`frame`]): a file made by another version, for
//! another configuration, cut short or damaged is not used, and rebuilt:
//! with a one-line warning, except for another configuration (settings
//! edited, or an archive whose inferred structure changed as issues were
//! added), which `--verbose` notes. Entries of files no longer in the
//! archive are removed when the index is written.

mod blocks;
mod frame;
mod fresh;
mod headers;
mod key;
mod open;
mod store;

use std::collections::{HashMap, HashSet};
use std::fs::Metadata;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use anyhow::Result;
use serde::{Deserialize, Serialize};

pub use self::frame::Maker;
pub use self::fresh::Done;
use self::headers::Identity;
pub use self::headers::{Completed, Known, Scans};
pub use self::open::{folder, fresh, maker};
use super::collect::{self, Cx, Parsed};
use super::order::Entry;
use crate::Verbosity;
use crate::error::InputError;
use crate::fs::Publisher;
use crate::input::{Reader, read_text};
use crate::model::Issue;
use crate::output::feeds::ItemFeeds;
use crate::trends::Counts;

/// The cache of one build: what the last build left, and what this one
/// records.
pub struct Cache {
    dir: PathBuf,
    maker: Maker,
    /// The pages of the last build, by path below the output folder.
    old_pages: HashMap<String, Page>,
    /// The pages of this build: kept, or rendered.
    pages: Mutex<HashMap<String, Page>>,
    /// The entries this build used or wrote.
    used: Mutex<HashSet<u128>>,
    /// The blocks this build used or wrote.
    used_blocks: Mutex<HashSet<u128>>,
    /// The chunks this build used or wrote.
    used_chunks: Mutex<HashSet<u128>>,
    /// Entries that could not be used: how many, and why the first.
    broken: Mutex<(usize, Option<frame::Rejected>)>,
    /// Blocks that could not be used: how many, and why the first.
    broken_blocks: Mutex<(usize, Option<frame::Rejected>)>,
    /// The first failure to write the cache, said once.
    write_failed: Mutex<Option<String>>,
    /// When this build began, and how long before it a published file
    /// must have last changed for its identity to be recorded
    /// (nanoseconds; [`headers::margin`]).
    started: i128,
    margin: i128,
    pub stats: Stats,
}

/// What a build took from the cache and what it made again.
#[derive(Debug, Default)]
pub struct Stats {
    /// Issue files parsed.
    pub parsed: AtomicUsize,
    /// Issues read from the cache.
    pub cached: AtomicUsize,
    /// Issue pages rendered.
    pub rendered: AtomicUsize,
    /// Issue pages kept as they were published.
    pub kept: AtomicUsize,
    /// Published files kept by their identity, without being read.
    pub trusted: AtomicUsize,
    /// Blocks of issues whose collectors were read from the cache.
    pub blocks_cached: AtomicUsize,
    /// Blocks of issues added to the collectors one by one.
    pub blocks_added: AtomicUsize,
}

/// An issue page as the last build published it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Page {
    /// Hash of what it was rendered from ([`key::page`]).
    inputs: u128,
    /// Length and hash of its bytes.
    len: u64,
    hash: u128,
    /// The published file's identity, once a build found it holding these
    /// bytes and settled ([`Identity::settled`]): a later build keeps it
    /// by its identity alone, without reading it.
    identity: Option<Identity>,
}

/// An issue file's entry, as stored.
#[derive(Serialize)]
struct EntryRef<'a> {
    issue: &'a Issue,
    counts: &'a Counts,
    feeds: &'a ItemFeeds,
}

/// An issue file's entry, as read back.
#[derive(Deserialize)]
struct Stored {
    issue: Issue,
    counts: Counts,
    feeds: ItemFeeds,
}

impl Cache {
    /// The cache of a build in its folder `dir` ([`folder`]), for what
    /// `maker` makes ([`maker`]): the index of the last build when it is
    /// sound, else an empty one (with a warning when a file was there but
    /// could not be used).
    pub fn open(dir: PathBuf, maker: Maker, verbosity: Verbosity) -> Cache {
        let old_pages = store::read_index(&dir, maker).unwrap_or_else(|why| {
            store::say_unused(&dir.join("index.bin"), why, verbosity);
            HashMap::new()
        });
        Cache {
            dir,
            maker,
            old_pages,
            pages: Mutex::default(),
            used: Mutex::default(),
            used_blocks: Mutex::default(),
            used_chunks: Mutex::default(),
            broken: Mutex::default(),
            broken_blocks: Mutex::default(),
            write_failed: Mutex::default(),
            started: headers::now(),
            margin: headers::margin(),
            stats: Stats::default(),
        }
    }

    /// Issue `at` of the order, from its entry when the file is unchanged,
    /// else parsed (and its entry written).
    pub fn parsed(&self, cx: &Cx, at: usize) -> Result<Parsed, InputError> {
        let (source, text) = self.source(&cx.order[at])?;
        self.parsed_source(cx, at, source, text.as_deref())
    }

    /// The key of the file of `entry` ([`key::source`]), and its text when
    /// it had to be read: a file the header cache knows unchanged
    /// ([`Entry::known`]) is not read.
    fn source(&self, entry: &Entry) -> Result<(u128, Option<String>), InputError> {
        if let Some(known) = entry.known {
            return Ok((key::source(self.maker, &entry.path, known.digest), None));
        }
        let text = read_text(&entry.path)?;
        Ok((key::source(self.maker, &entry.path, key::digest(&text)), Some(text)))
    }

    /// Issue `at` of the order, whose file has key `source` (and holds
    /// `text`, when it was read): from its entry, else parsed from the
    /// file (read now if need be, and refused if it is no longer what
    /// `source` says).
    fn parsed_source(&self, cx: &Cx, at: usize, source: u128, text: Option<&str>) -> Result<Parsed, InputError> {
        let entry = &cx.order[at];
        lock(&self.used).insert(source);
        if let Some(stored) = self.load(source) {
            self.stats.cached.fetch_add(1, Relaxed);
            let issue = collect::keyed(stored.issue, entry)?;
            return Ok(Parsed { at, issue, counts: stored.counts, feeds: stored.feeds, source });
        }
        let read;
        let text = match text {
            Some(text) => text,
            None => {
                read = read_text(&entry.path)?;
                if key::source(self.maker, &entry.path, key::digest(&read)) != source {
                    return Err(entry.changed());
                }
                &read
            }
        };
        self.stats.parsed.fetch_add(1, Relaxed);
        let issue = cx.reader.parse_str(text, &entry.path)?.ok_or_else(|| entry.changed())?;
        let parsed = collect::made(cx, at, issue, source)?;
        let stored = EntryRef { issue: &parsed.issue, counts: &parsed.counts, feeds: &parsed.feeds };
        // An issue that cannot be stored (a path that is not UTF-8) is parsed again next time.
        if let Ok(body) = postcard::to_stdvec(&stored) {
            self.wrote(store::write_entry(&self.dir, store::ENTRIES, source, &frame::encode(b'E', self.maker, &body)));
        }
        Ok(parsed)
    }

    /// The issue of `entry` (not yet keyed), from its entry or parsed.
    pub fn issue(&self, reader: &Reader, entry: &Entry) -> Result<Issue, InputError> {
        let (source, text) = self.source(entry)?;
        if let Some(stored) = self.load(source) {
            return Ok(stored.issue);
        }
        let text = match text {
            Some(text) => text,
            None => read_text(&entry.path)?,
        };
        self.stats.parsed.fetch_add(1, Relaxed);
        reader.parse_str(&text, &entry.path)?.ok_or_else(|| entry.changed())
    }

    /// The entry of `source`, when there is a sound one.
    fn load(&self, source: u128) -> Option<Stored> {
        let bytes = store::read_entry(&self.dir, store::ENTRIES, source)?;
        let stored = frame::decode(&bytes, b'E', self.maker)
            .and_then(|body| postcard::from_bytes(body).map_err(|_| frame::Rejected::Corrupt("damaged")));
        stored.map_err(|why| broke(&self.broken, why)).ok()
    }

    /// The hash of what an issue page is rendered from.
    /// `source` is the key of the issue's file, `key` the issue's.
    pub fn page_inputs(&self, source: u128, key: &str, prev: Option<(&str, &str)>, next: Option<(&str, &str)>) -> u128 {
        key::page(source, key, prev, next)
    }

    /// Keeps the published page at `relative` when the last build rendered
    /// it from `inputs` and it still holds the bytes it published.
    pub fn keep_page(&self, out: &Publisher, relative: &str, inputs: u128) -> bool {
        let kept = self.keep_file(out, relative, inputs);
        if kept {
            self.stats.kept.fetch_add(1, Relaxed);
        }
        kept
    }

    /// Keeps the published file at `relative` when the last build made it
    /// from `inputs` and it still holds the bytes it wrote (its record in
    /// `index.bin`), and records it again for the next build.
    fn keep_file(&self, out: &Publisher, relative: &str, inputs: u128) -> bool {
        let Some(&page) = self.old_pages.get(relative).filter(|page| page.inputs == inputs) else {
            return false;
        };
        let trusted = |meta: &Metadata| page.identity.is_some() && Identity::of_meta(meta) == page.identity;
        let Some((meta, read)) = out.keep(relative, page.len, trusted, |bytes| key::bytes(bytes) == page.hash) else {
            return false;
        };
        if !read {
            self.stats.trusted.fetch_add(1, Relaxed);
        }
        let identity = Identity::of_meta(&meta).filter(|id| id.settled(self.started, self.margin));
        lock(&self.pages).insert(relative.to_owned(), Page { identity, ..page });
        true
    }

    /// Records the page rendered at `relative` from `inputs`.
    pub fn rendered(&self, relative: &str, inputs: u128, bytes: &[u8]) {
        self.stats.rendered.fetch_add(1, Relaxed);
        self.made(relative, inputs, bytes);
    }

    /// Records the file at `relative`, made from `inputs` into `bytes`.
    fn made(&self, relative: &str, inputs: u128, bytes: &[u8]) {
        let page = Page { inputs, len: bytes.len() as u64, hash: key::bytes(bytes), identity: None };
        lock(&self.pages).insert(relative.to_owned(), page);
    }

    /// Forgets the page at `relative`: written again after the fold, from
    /// inputs its record does not hold (the archive's section slugs, the
    /// issues found invalid later), it is rendered next time.
    pub fn forget(&self, relative: &str) {
        lock(&self.pages).remove(relative);
    }

    /// After a build that published its files: writes the index of its
    /// pages, removes the entries it did not use, and says what went wrong.
    pub fn finish(self, verbosity: Verbosity) {
        let Cache {
            dir, maker, pages, used, used_blocks, used_chunks, broken, broken_blocks, write_failed, stats, ..
        } = self;
        let pages = pages.into_inner().unwrap_or_else(|e| e.into_inner());
        let used = used.into_inner().unwrap_or_else(|e| e.into_inner());
        let used_blocks = used_blocks.into_inner().unwrap_or_else(|e| e.into_inner());
        let used_chunks = used_chunks.into_inner().unwrap_or_else(|e| e.into_inner());
        let result = store::write_index(&dir, maker, &pages)
            .and_then(|()| store::remove_unused(&dir, store::ENTRIES, &used))
            .and_then(|()| store::remove_unused(&dir, store::BLOCKS, &used_blocks))
            .and_then(|()| store::remove_unused(&dir, store::CHUNKS, &used_chunks));
        // Layout 3 recorded the search index in a folder of its own.
        let _ = std::fs::remove_dir_all(dir.join("files"));
        let failed = write_failed.into_inner().unwrap_or_else(|e| e.into_inner());
        let failed = failed.or_else(|| result.err().map(|e| format!("{e:#}")));
        if verbosity == Verbosity::Quiet {
            return;
        }
        if let (n @ 1.., Some(why)) = broken.into_inner().unwrap_or_else(|e| e.into_inner()) {
            let entries = if n == 1 { "entry" } else { "entries" };
            anstream::eprintln!(
                "warning: {n} {entries} of the cache `{}` not used ({why}): their issues were parsed again",
                dir.display()
            );
        }
        if let (n @ 1.., Some(why)) = broken_blocks.into_inner().unwrap_or_else(|e| e.into_inner()) {
            let blocks = if n == 1 { "block" } else { "blocks" };
            anstream::eprintln!(
                "warning: {n} {blocks} of the cache `{}` not used ({why}): their issues were counted again",
                dir.display()
            );
        }
        if let Some(error) = failed {
            anstream::eprintln!("warning: the cache was not saved: {error}");
        }
        if verbosity == Verbosity::Verbose {
            eprintln!(
                "cache: {} issues parsed, {} read from the cache; {} issue pages rendered, {} kept",
                stats.parsed.into_inner(),
                stats.cached.into_inner(),
                stats.rendered.into_inner(),
                stats.kept.into_inner()
            );
            eprintln!("cache: {} published files kept by their identity, not read", stats.trusted.into_inner());
            let cached = stats.blocks_cached.into_inner();
            let blocks = cached + stats.blocks_added.into_inner();
            eprintln!("cache: the collectors of {cached} of {blocks} blocks of issues read from the cache");
        }
    }

    /// Notes the first failure to write.
    fn wrote(&self, result: anyhow::Result<()>) {
        if let Err(error) = result {
            lock(&self.write_failed).get_or_insert_with(|| format!("{error:#}"));
        }
    }
}

/// Notes a file of the cache that could not be used.
fn broke(broken: &Mutex<(usize, Option<frame::Rejected>)>, why: frame::Rejected) {
    let mut broken = lock(broken);
    broken.0 += 1;
    broken.1.get_or_insert(why);
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
