//! `build.bin`: what the last build was made from and what it published,
//! so that a build in which nothing changed does nothing, as `make` and
//! cargo do.
//!
//! The record holds a key of everything the outputs are made from
//! ([`key::build`]: trendfeed, the configuration and the archive's
//! inferred structure, the options, the output and archive folders, every
//! issue file's place, path and digest, and the `static/` files'
//! identities), the identity of every file the build published (its
//! manifest too), and the build's summary. A build whose key is the one
//! recorded, and whose output folder still holds those very files, is
//! done: it writes nothing and reports what the last one did.
//!
//! The key is only made when every issue file was found unchanged by its
//! identity (the header cache's [`super::Known`]): a file that had to be
//! read, or that failed, makes the build go the whole way. A file is
//! trusted by its identity only when it last changed [`RACY`](super::headers::RACY) before the
//! record was written, as for the header cache: a build that publishes
//! files just written records nothing, and the next one, which finds them
//! unchanged, records them. Every build that goes the whole way removes
//! the record before it writes anything, so a build that fails or is
//! killed leaves none.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::frame::{self, Maker};
use super::headers::{Identity, margin, now};
use super::{key, store};
use crate::Verbosity;

/// The record's file, in the cache's folder.
const FILE: &str = "build.bin";

/// What a build reports of what it did (see [`crate::Summary`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    pub issues: usize,
    pub items: usize,
    pub feeds: usize,
    pub files: usize,
    pub warnings: usize,
}

/// The record as stored: the files published below the output folder
/// (`/`-separated), each with its identity, and what the build reported.
#[derive(Serialize, Deserialize)]
struct Record {
    outputs: Vec<(String, Identity)>,
    done: Done,
}

/// The record of a build's cache folder, for this build's key.
pub struct Fresh {
    path: PathBuf,
    /// `None` when this build cannot be told unchanged by its inputs'
    /// identities.
    maker: Option<Maker>,
}

impl Fresh {
    /// The record in the cache folder `dir`, for a build whose key is
    /// `key` (see [`key::build`]).
    pub fn new(dir: &Path, key: Option<u128>) -> Fresh {
        Fresh { path: dir.join(FILE), maker: key.map(|config| Maker { tool: key::tool(), config }) }
    }

    /// What the last build did, when it was made from what this one is
    /// made from and `out` still holds every file it published, unchanged.
    pub fn unchanged(&self, out: &Path, verbosity: Verbosity) -> Option<Done> {
        let maker = self.maker?;
        let record: Record = store::read_framed(&self.path, b'D', maker)
            .map_err(|why| store::say_unused(&self.path, why, verbosity))
            .ok()?;
        let same = |(relative, identity): &(String, Identity)| Identity::of(&out.join(relative)) == Some(*identity);
        record.outputs.par_iter().all(same).then_some(record.done)
    }

    /// Removes the record: this build goes the whole way, and may change
    /// the output folder.
    pub fn forget(&self) {
        let _ = std::fs::remove_file(&self.path);
    }

    /// Records that `out` holds `published` (paths below it), made from
    /// what this build's key says, when each of them can be trusted by its
    /// identity next time. A failure to write only makes the next build go
    /// the whole way.
    pub fn record(&self, out: &Path, published: &[PathBuf], done: Done) {
        self.record_at(out, published, done, now(), margin());
    }

    /// [`Fresh::record`] at `started`, trusting files that last changed
    /// `margin` before it (nanoseconds).
    fn record_at(&self, out: &Path, published: &[PathBuf], done: Done, started: i128, margin: i128) {
        let Some(maker) = self.maker else { return };
        let outputs: Option<Vec<(String, Identity)>> = published
            .par_iter()
            .map(|relative| {
                let identity = Identity::of(&out.join(relative)).filter(|id| id.settled(started, margin))?;
                Some((crate::fs::slashed(relative)?, identity))
            })
            .collect();
        let Some(outputs) = outputs else { return };
        if let Ok(body) = postcard::to_stdvec(&Record { outputs, done })
            && let Some(dir) = self.path.parent()
        {
            let _ = store::write_atomic(dir, FILE, &frame::encode(b'D', maker, &body));
        }
    }
}

/// The identity of every file below `dir` that can be trusted by it (see
/// [`RACY`](super::headers::RACY)), in order, by path below it; `None` when one cannot. An
/// absent folder has none.
pub fn identities(dir: &Path) -> Option<Vec<(PathBuf, Identity)>> {
    identities_at(dir, now(), margin())
}

/// [`identities`] for a build begun at `started`, trusting files that last
/// changed `margin` before it (nanoseconds).
fn identities_at(dir: &Path, started: i128, margin: i128) -> Option<Vec<(PathBuf, Identity)>> {
    let mut found = Vec::new();
    if !dir.is_dir() {
        return Some(found);
    }
    for entry in walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = entry.ok()?;
        if entry.file_type().is_dir() {
            continue;
        }
        let identity = Identity::of(entry.path()).filter(|id| id.settled(started, margin))?;
        found.push((entry.path().to_path_buf(), identity));
    }
    Some(found)
}

#[cfg(test)]
#[path = "fresh_tests.rs"]
mod tests;
