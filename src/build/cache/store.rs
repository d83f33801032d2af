//! The cache's files on disk: each read whole, and written whole to a
//! temporary file renamed into place, so a killed build leaves each file
//! old or new.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};

use super::frame::{self, Maker, Rejected};
use super::{Cache, Page};
use crate::Verbosity;
use crate::fs::Publisher;

/// The index of the pages.
const INDEX: &str = "index.bin";
/// The folder of the issues' entries.
pub const ENTRIES: &str = "issues";
/// The folder of the blocks' collectors.
pub const BLOCKS: &str = "blocks";
/// The folder of the chunks' collectors (each the merged blocks of a
/// chunk of the fold).
pub const CHUNKS: &str = "chunks";
/// How temporary files start.
const TEMP_PREFIX: &str = ".tmp-";
/// A temporary file older than this was left by a killed build.
const STALE: Duration = Duration::from_secs(3600);

/// The pages of the index in `dir`. `Err(None)` when there is none (a
/// first build), `Err(Some(why))` when it cannot be used.
pub fn read_index(dir: &Path, maker: Maker) -> Result<HashMap<String, Page>, Option<Rejected>> {
    let pages: Vec<(String, Page)> = read_framed(&dir.join(INDEX), b'I', maker)?;
    Ok(pages.into_iter().collect())
}

/// The body of the cache file at `path`, framed as `kind` by `maker`.
/// `Err(None)` when there is none, `Err(Some(why))` when it cannot be used.
pub fn read_framed<T: serde::de::DeserializeOwned>(path: &Path, kind: u8, maker: Maker) -> Result<T, Option<Rejected>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(None),
        Err(_) => return Err(Some(Rejected::Corrupt("unreadable"))),
    };
    let body = frame::decode(&bytes, kind, maker).map_err(Some)?;
    postcard::from_bytes(body).map_err(|_| Some(Rejected::Corrupt("damaged")))
}

/// Says why the cache file at `path` is not used: a note under
/// `--verbose` when it was made for other settings (no fault), a warning
/// when it is damaged or foreign, nothing when there is none.
pub fn say_unused(path: &Path, why: Option<Rejected>, verbosity: Verbosity) {
    match why {
        // Settings edited, or the archive's structure changed with its issues: no fault.
        Some(Rejected::Config) if verbosity == Verbosity::Verbose => {
            eprintln!("note: not using the cache `{}`: {}; rebuilding it", path.display(), Rejected::Config)
        }
        Some(Rejected::Config) | None => {}
        Some(why) if verbosity != Verbosity::Quiet => {
            anstream::eprintln!("warning: not using the cache `{}`: {why}; rebuilding it", path.display())
        }
        Some(_) => {}
    }
}

/// Writes the index of `pages` in `dir`.
pub fn write_index(dir: &Path, maker: Maker, pages: &HashMap<String, Page>) -> Result<()> {
    let mut pages: Vec<(&String, &Page)> = pages.iter().collect();
    pages.sort_unstable_by_key(|(path, _)| *path);
    let body = postcard::to_stdvec(&pages).context("cannot encode the cache's index")?;
    write_atomic(dir, INDEX, &frame::encode(b'I', maker, &body))
}

fn entry_name(source: u128) -> String {
    format!("{source:032x}.bin")
}

/// The bytes of the file of `key` in `folder` ([`ENTRIES`], [`BLOCKS`]
/// or [`CHUNKS`]), if there is one.
pub fn read_entry(dir: &Path, folder: &str, key: u128) -> Option<Vec<u8>> {
    std::fs::read(dir.join(folder).join(entry_name(key))).ok()
}

/// Writes the file of `key` in `folder`.
pub fn write_entry(dir: &Path, folder: &str, key: u128, bytes: &[u8]) -> Result<()> {
    write_atomic(&dir.join(folder), &entry_name(key), bytes)
}

/// Writes `bytes` to `dir/name` through a temporary file.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    crate::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .with_context(|| format!("failed to create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(bytes).with_context(|| format!("failed to write `{}`", tmp.path().display()))?;
    let path = dir.join(name);
    tmp.persist(&path).map_err(|e| e.error).with_context(|| format!("failed to write `{}`", path.display()))?;
    Ok(())
}

/// Removes the files of `folder` not in `used` (of issue files deleted,
/// renamed or changed since, or blocks of other issues), and temporary
/// files that a killed build left.
pub fn remove_unused(dir: &Path, folder: &str, used: &HashSet<u128>) -> Result<()> {
    let entries = dir.join(folder);
    let Ok(listing) = std::fs::read_dir(&entries) else { return Ok(()) };
    let stale = |entry: &std::fs::DirEntry| {
        let modified = entry.metadata().and_then(|m| m.modified()).unwrap_or(SystemTime::now());
        modified.elapsed().is_ok_and(|age| age > STALE)
    };
    for entry in listing.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let key = name.strip_suffix(".bin").filter(|hex| hex.len() == 32);
        let unused = key.and_then(|hex| u128::from_str_radix(hex, 16).ok()).is_some_and(|key| !used.contains(&key));
        if unused || (name.starts_with(TEMP_PREFIX) && stale(&entry)) {
            let path = entry.path();
            std::fs::remove_file(&path).with_context(|| format!("failed to remove `{}`", path.display()))?;
        }
    }
    Ok(())
}

impl Cache {
    /// Keeps the published file at `relative` when the last build wrote it
    /// from `inputs` (a hash of everything its bytes are made from) and it
    /// still holds those bytes; else writes what `make` makes. Either way it
    /// is recorded in the index for the next build, as the issue pages are
    /// (without being counted among them).
    pub fn keep_or_write(
        &self,
        out: &Publisher,
        relative: &str,
        inputs: u128,
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<()> {
        if self.keep_file(out, relative, inputs) {
            return Ok(());
        }
        let bytes = make()?;
        self.made(relative, inputs, &bytes);
        out.write(relative, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::sync::atomic::Ordering::Relaxed;

    use super::*;

    /// The cache in `dir/cache`, as [`Cache::open`] opens it.
    fn cache(dir: &Path) -> Cache {
        let maker = Maker { tool: 7, config: 9 };
        Cache {
            dir: dir.join("cache"),
            maker,
            old_pages: read_index(&dir.join("cache"), maker).unwrap_or_default(),
            pages: Default::default(),
            used: Default::default(),
            used_blocks: Default::default(),
            used_chunks: Default::default(),
            broken: Default::default(),
            broken_blocks: Default::default(),
            write_failed: Default::default(),
            // Every file is settled: its identity is recorded at once.
            started: super::super::headers::now(),
            margin: 0,
            stats: Default::default(),
        }
    }

    /// Publishes `out/a/b.js` made from `inputs`: whether it was made.
    fn publish(dir: &Path, inputs: u128, bytes: &[u8]) -> bool {
        publish_known(dir, inputs, bytes).0
    }

    /// [`publish`], and whether the file was kept by its identity alone.
    fn publish_known(dir: &Path, inputs: u128, bytes: &[u8]) -> (bool, bool) {
        let out = Publisher::new(&dir.join("out")).unwrap();
        let made = Cell::new(false);
        let make = || Ok(bytes.to_vec()).inspect(|_| made.set(true));
        let cache = cache(dir);
        cache.keep_or_write(&out, "a/b.js", inputs, make).unwrap();
        let trusted = cache.stats.trusted.load(Relaxed) == 1;
        out.finish().unwrap();
        cache.finish(Verbosity::Quiet);
        assert_eq!(std::fs::read(dir.join("out/a/b.js")).unwrap(), bytes);
        (made.get(), trusted)
    }

    #[test]
    fn a_file_is_made_again_only_when_its_inputs_or_bytes_changed() {
        let dir = tempfile::tempdir().unwrap();
        assert!(publish(dir.path(), 1, b"one"), "a first build");
        assert_eq!(publish_known(dir.path(), 1, b"one"), (false, false), "the same inputs: kept, read");
        assert_eq!(publish_known(dir.path(), 1, b"one"), (false, true), "kept by its identity");
        assert!(publish(dir.path(), 2, b"two"), "other inputs");
        assert_eq!(publish_known(dir.path(), 2, b"two"), (false, false), "a file just made is read once");
        std::fs::write(dir.path().join("out/a/b.js"), b"owt").unwrap();
        assert!(publish(dir.path(), 2, b"two"), "the published file was changed at the same length");
        std::fs::remove_file(dir.path().join("out/a/b.js")).unwrap();
        assert!(publish(dir.path(), 2, b"two"), "the published file was removed");
        std::fs::write(dir.path().join("cache").join(INDEX), b"x").unwrap();
        assert!(publish(dir.path(), 2, b"two"), "a damaged index");
        assert!(!publish(dir.path(), 2, b"two"));
    }
}
