//! The header pass's cache, `headers.bin`: what [`Reader::scan`] found in
//! each issue file (its header, and its body's [`Shape`] when the file is
//! in the structure's sample), keyed by the file's identity: its path,
//! size, modification and status-change times (nanoseconds), inode and
//! device. An unchanged file is then not read at all before the fold.
//!
//! A file is trusted by its identity only when it was last changed safely
//! before the build that stored it began ([`RACY`] earlier): a file
//! edited in the same tick of the filesystem's clock as it was read could
//! keep its times, so it is scanned again (as git treats "racily clean"
//! entries, and cargo files newer than its build's start). Headers that
//! warn (a bad date) are not stored, nor files that cannot be read.
//!
//! The scan reads of the configuration only its time zone: the file's
//! frame is keyed by it and by trendfeed ([`frame::Maker`]). The file also
//! holds the keys [`crate::init::complete`] inferred, keyed by the
//! configuration as loaded, the archive folder and the identities of the
//! sample's files ([`Scans::sample_key`]): an archive whose sample is
//! unchanged does not infer them again.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, SystemTime};

use anyhow::Result;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::frame::{self, Maker};
use super::{key, lock, store};
use crate::Verbosity;
use crate::config::{Config, Term, Topic};
use crate::error::InputError;
use crate::input::structure::Shape;
use crate::input::{Header, Reader};

/// What the header pass finds in a file: its header and, for a file of
/// the structure's sample, its body's shape; `None` for a draft.
pub type Found = Option<(Header, Option<Shape>)>;

/// The file of the header pass's cache, in the cache's folder.
pub const FILE: &str = "headers.bin";

/// How long before a build's start a file must have last changed for its
/// identity to be trusted by the next build: more than the coarsest
/// clock of a common filesystem (FAT's two seconds).
pub const RACY: Duration = Duration::from_secs(2);

/// Now, in nanoseconds since the epoch.
pub fn now() -> i128 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_nanos() as i128
}

/// How long before a build's start a file must have last changed for its
/// identity to be trusted, in nanoseconds: [`RACY`], or
/// `TRENDFEED_CACHE_SETTLE_MS` when it is set (for the tests, which cannot
/// wait).
pub fn margin() -> i128 {
    let set = || std::env::var("TRENDFEED_CACHE_SETTLE_MS").ok()?.parse::<u64>().ok();
    set().map_or(RACY, Duration::from_millis).as_nanos() as i128
}

/// What a file was when it was scanned. Two files, or one file before and
/// after a change, differ in at least one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Identity {
    len: u64,
    /// Modification time, nanoseconds since the epoch.
    modified: i128,
    /// Status change time (Unix), nanoseconds since the epoch; else 0.
    changed: i128,
    inode: u64,
    device: u64,
}

impl Identity {
    /// The identity of the file at `path` (its target, for a link).
    pub fn of(path: &Path) -> Option<Identity> {
        Identity::of_meta(&std::fs::metadata(path).ok()?)
    }

    /// The identity of the file whose metadata is `meta`.
    pub fn of_meta(meta: &std::fs::Metadata) -> Option<Identity> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
            Some(Identity {
                len: meta.size(),
                modified: ns(meta.mtime(), meta.mtime_nsec()),
                changed: ns(meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino(),
                device: meta.dev(),
            })
        }
        #[cfg(not(unix))]
        {
            let since = meta.modified().ok()?.duration_since(SystemTime::UNIX_EPOCH).ok()?;
            Some(Identity { len: meta.len(), modified: since.as_nanos() as i128, changed: 0, inode: 0, device: 0 })
        }
    }

    /// Whether the file last changed safely before `started`: `margin`
    /// before it, or earlier (nanoseconds since the epoch, nanoseconds).
    pub fn settled(&self, started: i128, margin: i128) -> bool {
        self.modified.max(self.changed) + margin <= started
    }
}

/// A file the header pass found unchanged by its identity: its length,
/// and the digest of its text ([`key::digest`]), which keys its parsed
/// issue in the cache, so the fold need not read the file.
///
/// Aligned to 8 bytes, not the 16 of a `u128`: every entry of the archive
/// order holds one, for the whole build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, packed(8))]
pub struct Known {
    pub len: u64,
    pub digest: u128,
}

/// A file's scan, as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Scanned {
    identity: Identity,
    /// The digest of its text ([`key::digest`]).
    digest: u128,
    /// `None` for a draft.
    header: Option<(Option<u32>, String, DateTime<FixedOffset>)>,
    shape: Option<Shape>,
}

/// The keys `init::complete` inferred, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Completed {
    title: String,
    description: String,
    author: String,
    emerging_stop_words: Vec<String>,
    exclude_sections: Vec<String>,
    /// Name, and each term's text, case sensitivity and plural.
    topics: Vec<(String, Vec<StoredTerm>)>,
}

/// A topic's term, as stored: its text, case sensitivity and plural.
type StoredTerm = (String, bool, bool);

impl Completed {
    /// The inferred keys of `config`, once completed.
    pub fn of(config: &Config) -> Completed {
        let terms = |t: &Topic| t.terms.iter().map(|t| (t.text.clone(), t.case_sensitive, t.plural)).collect();
        Completed {
            title: config.title.clone(),
            description: config.description.clone(),
            author: config.author.clone(),
            emerging_stop_words: config.emerging_stop_words.clone(),
            exclude_sections: config.exclude_sections.clone(),
            topics: config.topics.iter().map(|t| (t.name.clone(), terms(t))).collect(),
        }
    }

    /// Sets the keys `config` left out to these.
    pub fn apply(self, config: &mut Config) {
        let Completed { title, description, author, emerging_stop_words, exclude_sections, topics } = self;
        if config.is_inferred("title") {
            config.title = title;
        }
        if config.is_inferred("description") {
            config.description = description;
        }
        if config.is_inferred("author") {
            config.author = author;
        }
        if config.is_inferred("emerging_stop_words") {
            config.emerging_stop_words = emerging_stop_words;
        }
        if config.is_inferred("exclude_sections") {
            config.exclude_sections = exclude_sections;
        }
        if config.is_inferred("topics") {
            let term = |(text, case_sensitive, plural)| Term { text, case_sensitive, plural };
            let topic = |(name, terms): (String, Vec<_>)| Topic { name, terms: terms.into_iter().map(term).collect() };
            config.topics = topics.into_iter().map(topic).collect();
        }
    }
}

/// The body of `headers.bin`.
#[derive(Default, Serialize, Deserialize)]
struct Body {
    /// Each file's scan, by its path's bytes.
    files: Vec<(Vec<u8>, Scanned)>,
    /// The inferred keys, by [`Scans::sample_key`].
    completed: Option<(u128, Completed)>,
}

/// The header pass's cache of one build: what the last build stored, and
/// what this one stores.
pub struct Scans {
    path: PathBuf,
    maker: Maker,
    /// When this build began, nanoseconds since the epoch.
    started: i128,
    /// How long before `started` a file must have last changed to be
    /// stored, in nanoseconds: [`RACY`], or `TRENDFEED_CACHE_SETTLE_MS`
    /// when it is set (for the tests, which cannot wait).
    margin: i128,
    old: HashMap<Vec<u8>, Scanned>,
    old_completed: Option<(u128, Completed)>,
    /// The old entries this build found unchanged.
    used: Mutex<HashSet<Vec<u8>>>,
    /// The files this build scanned and stores.
    new: Mutex<Vec<(Vec<u8>, Scanned)>>,
    completed: Mutex<Option<(u128, Completed)>>,
    /// The sample's files and their identities; unsettled when one of them
    /// cannot be trusted by it.
    sample: Mutex<Vec<(Vec<u8>, Identity)>>,
    unsettled: AtomicBool,
    /// Whether the settings left out were inferred, and read from the cache.
    inferred: AtomicBool,
    reused: AtomicBool,
    hits: AtomicUsize,
    scanned: AtomicUsize,
}

impl Scans {
    /// The header cache in `dir` for a configuration of `config`: the
    /// last build's, when sound; else an empty one (with a warning when
    /// the file is there but damaged or not a cache file).
    pub fn open(dir: &Path, config: &Config, verbosity: Verbosity) -> Scans {
        Scans::open_at(dir, config, now(), verbosity)
    }

    /// [`Scans::open`] for a build that began at `started`.
    pub fn open_at(dir: &Path, config: &Config, started: i128, verbosity: Verbosity) -> Scans {
        let mut zone = Xxh3::new();
        zone.update(format!("{:?}", config.timezone).as_bytes());
        let maker = Maker { tool: key::tool(), config: zone.digest128() };
        let path = dir.join(FILE);
        let body = store::read_framed(&path, b'H', maker).unwrap_or_else(|why| {
            store::say_unused(&path, why, verbosity);
            Body::default()
        });
        Scans {
            path,
            maker,
            started,
            margin: margin(),
            old: body.files.into_iter().collect(),
            old_completed: body.completed,
            used: Mutex::default(),
            new: Mutex::default(),
            completed: Mutex::default(),
            sample: Mutex::default(),
            unsettled: AtomicBool::new(false),
            inferred: AtomicBool::new(false),
            reused: AtomicBool::new(false),
            hits: AtomicUsize::new(0),
            scanned: AtomicUsize::new(0),
        }
    }

    /// What [`Reader::scan`] finds in `path`: from the cache when the
    /// file's identity is the one stored (with what is [`Known`] of it),
    /// else scanned (and stored when its identity can be trusted next time).
    pub fn scan(&self, reader: &Reader, path: &Path, shape: bool) -> Result<(Found, Option<Known>), InputError> {
        let name = path.as_os_str().as_encoded_bytes().to_vec();
        let identity = Identity::of(path).filter(|id| id.settled(self.started, self.margin));
        if shape {
            match identity {
                Some(id) => lock(&self.sample).push((name.clone(), id)),
                None => self.unsettled.store(true, Relaxed),
            }
        }
        let has_shape = |old: &Scanned| old.header.is_none() || old.shape.is_some() || !shape;
        let old = self.old.get(&name).filter(|old| Some(old.identity) == identity && has_shape(old));
        if let Some(old) = old {
            self.hits.fetch_add(1, Relaxed);
            let found = old.header.clone().map(|(number, title, date)| {
                (Header { number, title, date, warnings: Vec::new() }, old.shape.clone().filter(|_| shape))
            });
            lock(&self.used).insert(name);
            return Ok((found, Some(Known { len: old.identity.len, digest: old.digest })));
        }
        self.scanned.fetch_add(1, Relaxed);
        let text = crate::input::read_text(path)?;
        let digest = key::digest(&text);
        let found = reader.scan_text(&text, path, shape)?;
        let warns = found.as_ref().is_some_and(|(header, _)| !header.warnings.is_empty());
        if let Some(identity) = identity.filter(|_| !warns) {
            let (header, shape) = match &found {
                Some((h, shape)) => (Some((h.number, h.title.clone(), h.date)), shape.clone()),
                None => (None, None),
            };
            lock(&self.new).push((name, Scanned { identity, digest, header, shape }));
        }
        Ok((found, None))
    }

    /// The key of what [`crate::init::complete`] reads besides the
    /// configuration `config` (as loaded) and the archive folder `dir`:
    /// the sample's files, each by its identity. `None` when one of them
    /// cannot be trusted by its identity (changed too recently).
    pub fn sample_key(&self, config: &Config, dir: &Path) -> Option<u128> {
        if self.unsettled.load(Relaxed) {
            return None;
        }
        let mut sample = lock(&self.sample).clone();
        sample.sort_unstable();
        let mut hash = Xxh3::new();
        hash.update(format!("{config:?}").as_bytes());
        hash.update(format!("{:?}", dir.as_os_str()).as_bytes());
        hash.update(format!("{sample:?}").as_bytes());
        Some(hash.digest128())
    }

    /// The inferred keys the last build stored for `key`.
    pub fn completed(&self, key: u128) -> Option<Completed> {
        let found = self.old_completed.as_ref().filter(|(old, _)| *old == key).map(|(_, c)| c.clone());
        *lock(&self.completed) = found.clone().map(|c| (key, c));
        self.inferred.store(true, Relaxed);
        self.reused.store(found.is_some(), Relaxed);
        found
    }

    /// Stores the keys inferred for `key`.
    pub fn complete(&self, key: u128, completed: Completed) {
        *lock(&self.completed) = Some((key, completed));
        self.inferred.store(true, Relaxed);
    }

    /// Writes the cache when this build found anything other than the last
    /// one stored, and says (`--verbose`) how many files it scanned; a
    /// failure to write is a warning.
    pub fn finish(self, verbosity: Verbosity) {
        let (hits, scanned) = (self.hits.into_inner(), self.scanned.into_inner());
        let used = self.used.into_inner().unwrap_or_else(|e| e.into_inner());
        let new = self.new.into_inner().unwrap_or_else(|e| e.into_inner());
        let completed = self.completed.into_inner().unwrap_or_else(|e| e.into_inner());
        if verbosity == Verbosity::Verbose {
            let inferred = match (self.inferred.into_inner(), self.reused.into_inner()) {
                (false, _) => "",
                (true, true) => "; the settings left out read from the cache",
                (true, false) => "; the settings left out inferred",
            };
            eprintln!("header cache: {hits} files read from the cache, {scanned} scanned{inferred}");
        }
        if new.is_empty() && used.len() == self.old.len() && completed == self.old_completed {
            return;
        }
        let mut files: Vec<(Vec<u8>, Scanned)> = self.old.into_iter().filter(|(name, _)| used.contains(name)).collect();
        files.extend(new);
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let written = postcard::to_stdvec(&Body { files, completed })
            .map_err(anyhow::Error::from)
            .and_then(|body| write(&self.path, &frame::encode(b'H', self.maker, &body)));
        if let Err(error) = written
            && verbosity != Verbosity::Quiet
        {
            anstream::eprintln!("warning: the cache was not saved: {error:#}");
        }
    }
}

/// Writes `bytes` to `path`, whole or not at all.
fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        anyhow::bail!("no folder for `{}`", path.display());
    };
    store::write_atomic(dir, name, bytes)
}

#[cfg(test)]
mod tests;
