//! Filesystem calls that name the path in their errors, and the
//! [`Publisher`] that writes `out/` so readers never see a half-written file.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use rayon::prelude::*;

mod keep;
mod kill_switch;
mod owned;
mod stage;
pub use owned::check_out_dir;
use owned::{clash, entries, foreign_folder, manifest_line, only_temporary, read_manifest, remove_owned};
pub use stage::slashed;
use stage::{TempName, make_readable, unreadable};

/// Reads a whole file as UTF-8 text.
pub fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("failed to read `{}`", path.display()))
}

/// Creates a directory and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).with_context(|| format!("failed to create directory `{}`", path.display()))
}

/// The file of `out/` that lists the files the last build wrote, one
/// `/`-separated path a line, sorted: what a later build may replace or
/// remove. Every other file of `out/` is the user's.
pub const MANIFEST: &str = ".trendfeed-manifest";

/// How the temporary files of a build start: a build killed before renaming
/// them leaves them, and the next build removes them.
const TEMP_PREFIX: &str = ".trendfeed-tmp";

/// A refusal to write: the output folder is not one trendfeed may write
/// into as asked. Nothing was changed; `trendfeed` exits with code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// Writes the files of one build into an output directory.
///
/// Each file goes to a temporary file beside its destination. Nothing
/// replaces a file of `out/` until [`Publisher::finish`] (or
/// [`Publisher::commit`]): then every temporary file is renamed into place,
/// so a build that fails half-way (an invalid issue found late) changes
/// nothing, not even a new folder, and a killed build leaves each file
/// either old or new. Files whose bytes are unchanged are left alone (their
/// modification time too), which keeps rebuilds cheap for static hosts that
/// sync by date.
///
/// A publisher of a site ([`Publisher::site`]) owns only the files its
/// [`MANIFEST`] lists: it never replaces another file (unless forced) and
/// `finish` removes only listed files that this build did not write.
pub struct Publisher {
    stager: Stager,
    /// Every file written: destination (below the root) → the name of its
    /// new version, beside it, waiting for `commit` (`None` when unchanged,
    /// or once committed). A large site writes hundreds of thousands of
    /// files: the name is held in place, not as a path. Behind a lock so
    /// that threads can write at once.
    files: Mutex<HashMap<Box<Path>, Option<TempName>>>,
    /// Unchanged files to make world-readable at `commit`.
    unreadable: Mutex<Vec<Box<Path>>>,
    committed: bool,
    site: Option<Owned>,
}

/// What a site's publisher owns.
struct Owned {
    /// The files the manifest lists (none when there is no manifest).
    listed: BTreeSet<PathBuf>,
    /// Whether files that the manifest does not list may be replaced.
    force: bool,
    /// The files that were not listed and that this build replaced.
    replaced: Vec<PathBuf>,
}

/// What [`Publisher::finish`] did.
#[derive(Debug, Default)]
pub struct Published {
    /// Files written (unchanged ones too), the manifest left out.
    pub files: usize,
    /// Their paths below the root, the manifest's last (for a site).
    pub written: Vec<PathBuf>,
    /// Files no manifest listed that `--force` let the build replace.
    pub replaced: Vec<PathBuf>,
}

/// Writes temporary files for a [`Publisher`]; shared by threads.
#[derive(Debug, Clone)]
pub struct Stager {
    root: PathBuf,
    /// The folders it made, removed again if the build fails.
    made: Arc<Mutex<Vec<PathBuf>>>,
}

/// A file written by a [`Stager`], to hand to [`Publisher::add`].
pub struct Staged {
    /// The destination below the root.
    relative: Box<Path>,
    /// `None` when the file on disk already holds these bytes.
    new: Option<tempfile::TempPath>,
    /// Whether that unchanged file must be made world-readable.
    unreadable: bool,
}

/// A large file being written piece by piece: [`Stager::create`].
pub struct StagedFile {
    relative: Box<Path>,
    path: PathBuf,
    out: BufWriter<tempfile::NamedTempFile>,
}

impl Publisher {
    /// A publisher that writes files into `root` and removes nothing
    /// (`trendfeed init` writing its configuration).
    pub fn new(root: &Path) -> Result<Publisher> {
        Ok(Publisher {
            stager: Stager { root: root.to_path_buf(), made: Arc::default() },
            files: Mutex::default(),
            unreadable: Mutex::default(),
            committed: false,
            site: None,
        })
    }

    /// A publisher of a site in `root`, which owns the files its manifest
    /// lists. A folder that is not empty and holds no manifest is refused
    /// (naming what it holds) unless `force`.
    pub fn site(root: &Path, force: bool) -> Result<Publisher> {
        let listed = match read_manifest(root)? {
            Some(listed) => listed,
            None => {
                let held = entries(root)?;
                if !held.is_empty() && !force && !only_temporary(root, TEMP_PREFIX) {
                    return Err(Refused(foreign_folder(root, &held)).into());
                }
                BTreeSet::new()
            }
        };
        let mut publisher = Publisher::new(root)?;
        publisher.site = Some(Owned { listed, force, replaced: Vec::new() });
        Ok(publisher)
    }

    /// A handle that writes temporary files from other threads.
    pub fn stager(&self) -> &Stager {
        &self.stager
    }

    /// Writes `bytes` to `relative` (a `/`-separated path below the root).
    /// Threads may write at once.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let staged = self.stager.stage(relative, bytes)?;
        self.add(staged)
    }

    /// Makes room for `additional` more files (a build knows how many
    /// pages it writes), so the record of files is not grown step by step.
    pub fn reserve(&self, additional: usize) {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).reserve(additional);
    }

    /// Records a file staged by [`Stager::stage`]; from now on the
    /// publisher removes its temporary file unless it commits it. A later
    /// file for the same path replaces an earlier one.
    pub fn add(&self, staged: Staged) -> Result<()> {
        let Staged { relative, new, unreadable } = staged;
        self.record(relative, new.map(TempName::take).transpose()?, unreadable);
        Ok(())
    }

    /// Records `relative` as written, by `new` when it has a new version.
    fn record(&self, relative: Box<Path>, new: Option<TempName>, unreadable: bool) {
        if unreadable {
            self.unreadable.lock().unwrap_or_else(|e| e.into_inner()).push(relative.clone());
        }
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        match files.entry(relative) {
            Entry::Vacant(entry) => {
                entry.insert(new);
            }
            Entry::Occupied(mut entry) => {
                if let Some(replaced) = std::mem::replace(entry.get_mut(), new) {
                    replaced.remove(&self.stager.root.join(entry.key()));
                }
            }
        }
    }

    /// Whether a file was written for `relative`.
    pub fn contains(&self, relative: &str) -> bool {
        let path = self.stager.relative(&self.stager.root.join(relative));
        self.files.lock().unwrap_or_else(|e| e.into_inner()).contains_key(&path)
    }

    fn files(&mut self) -> &mut HashMap<Box<Path>, Option<TempName>> {
        self.files.get_mut().unwrap_or_else(|e| e.into_inner())
    }

    /// Renames every staged file into place, on every core.
    ///
    /// For a site, a file that the manifest does not list but exists is
    /// refused first (unless forced), and the manifest is extended with
    /// every file written before any is renamed, so that a killed build
    /// leaves no file of its own unlisted.
    pub fn commit(&mut self) -> Result<()> {
        let root = self.stager.root.clone();
        if let Some(mut site) = self.site.take() {
            // The paths borrowed, not copied: a large site writes hundreds
            // of thousands of files.
            let files = self.files.get_mut().unwrap_or_else(|e| e.into_inner());
            let written: BTreeSet<&Path> = files.keys().map(|p| &**p).collect();
            let clashes: Vec<PathBuf> = written
                .iter()
                .filter(|p| !site.listed.contains(**p) && root.join(p).symlink_metadata().is_ok())
                .map(|p| p.to_path_buf())
                .collect();
            if !clashes.is_empty() && !site.force {
                return Err(Refused(clash(&root, &clashes)).into());
            }
            site.replaced = clashes;
            if !written.iter().all(|p| site.listed.contains(*p)) {
                let all: BTreeSet<&Path> = site.listed.iter().map(PathBuf::as_path).chain(written).collect();
                write_manifest(&self.stager, all.into_iter())?;
            }
            self.site = Some(site);
        }
        for relative in std::mem::take(self.unreadable.get_mut().unwrap_or_else(|e| e.into_inner())) {
            make_readable(&root.join(relative))?;
        }
        let staged: Vec<(&Box<Path>, &mut Option<TempName>)> =
            self.files().iter_mut().filter(|(_, new)| new.is_some()).collect();
        let renamed = std::sync::atomic::AtomicUsize::new(0);
        staged.into_par_iter().try_for_each(|(relative, new)| {
            kill_switch::before_rename(&renamed);
            let path = root.join(relative);
            if let Some(name) = new {
                name.rename_to(&path)?;
            }
            // Renamed: nothing left to remove if the build fails later.
            *new = None;
            Ok::<_, anyhow::Error>(())
        })?;
        self.committed = true;
        Ok(())
    }

    /// Commits, then removes the files of the manifest that this build did
    /// not write (and the folders that leaves empty) and the temporary
    /// files of a killed build, and writes the new manifest, last.
    pub fn finish(mut self) -> Result<Published> {
        self.commit()?;
        let written: BTreeSet<PathBuf> = std::mem::take(self.files()).into_keys().map(PathBuf::from).collect();
        let Some(site) = self.site.take() else {
            return Ok(Published {
                files: written.len(),
                written: written.into_iter().collect(),
                replaced: Vec::new(),
            });
        };
        let root = self.stager.root.clone();
        let mut emptied = BTreeSet::new();
        for stale in site.listed.difference(&written) {
            if remove_owned(&root, stale)? {
                emptied.extend(stale.parent().map(Path::to_path_buf));
            }
        }
        // A killed build leaves temporary files beside its outputs.
        let folders: BTreeSet<&Path> = written.iter().chain(&site.listed).filter_map(|p| p.parent()).collect();
        for folder in folders {
            let Ok(listing) = std::fs::read_dir(root.join(folder)) else { continue };
            for entry in listing.flatten() {
                let name = entry.file_name();
                if name.to_string_lossy().starts_with(TEMP_PREFIX) && entry.file_type().is_ok_and(|t| t.is_file()) {
                    let path = entry.path();
                    std::fs::remove_file(&path).with_context(|| format!("failed to remove `{}`", path.display()))?;
                    emptied.insert(folder.to_path_buf());
                }
            }
        }
        // Deepest first, each folder then its parents while they are empty.
        for folder in emptied.iter().rev() {
            for dir in folder.ancestors().filter(|d| !d.as_os_str().is_empty()) {
                if std::fs::remove_dir(root.join(dir)).is_err() {
                    break;
                }
            }
        }
        write_manifest(&self.stager, written.iter().map(PathBuf::as_path))?;
        let files = written.len();
        let written = written.into_iter().chain([PathBuf::from(MANIFEST)]).collect();
        Ok(Published { files, written, replaced: site.replaced })
    }
}

/// Writes the manifest of `files` at once (unchanged if it lists them).
fn write_manifest<'a>(stager: &Stager, files: impl Iterator<Item = &'a Path>) -> Result<()> {
    let mut text = String::new();
    for path in files {
        let line = manifest_line(path)
            .with_context(|| format!("cannot list `{}` in {MANIFEST}", stager.root.join(path).display()))?;
        text.push_str(&line);
        text.push('\n');
    }
    let staged = stager.stage(MANIFEST, text.as_bytes())?;
    if staged.unreadable {
        make_readable(&stager.root.join(MANIFEST))?;
    }
    if let Some(tmp) = staged.new {
        let path = stager.root.join(MANIFEST);
        tmp.persist(&path)
            .map_err(|e| anyhow::Error::new(e.error))
            .with_context(|| format!("failed to write `{}`", path.display()))?;
    }
    Ok(())
}

impl Drop for Publisher {
    /// A publisher dropped before committing (a failed build) deletes its
    /// temporary files, and the folders it made.
    fn drop(&mut self) {
        if !self.committed {
            let root = self.stager.root.clone();
            for (relative, new) in self.files().drain() {
                if let Some(name) = new {
                    name.remove(&root.join(relative));
                }
            }
            let mut made = std::mem::take(&mut *self.stager.made.lock().unwrap_or_else(|e| e.into_inner()));
            made.sort_by_key(|dir| std::cmp::Reverse(dir.components().count()));
            for dir in made {
                let _ = std::fs::remove_dir(dir);
            }
        }
    }
}

#[cfg(test)]
mod tests;
