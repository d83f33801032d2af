//! Filesystem calls that name the path in their errors, and the
//! [`Publisher`] that writes `out/` so readers never see a half-written file.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use rayon::prelude::*;
use tempfile::TempPath;

/// Reads a whole file as UTF-8 text.
pub fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("failed to read `{}`", path.display()))
}

/// Creates a directory and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).with_context(|| format!("failed to create directory `{}`", path.display()))
}

/// Writes the files of one build into an output directory.
///
/// Each file goes to a temporary file beside its destination. Nothing
/// replaces a file of `out/` until [`Publisher::finish`] (or
/// [`Publisher::commit`]): then every temporary file is renamed into place,
/// so a build that fails half-way (an invalid issue found late) changes
/// nothing, and a killed build leaves each file either old or new.
/// `finish` also removes the files of earlier builds that this build did
/// not write. Files whose bytes are unchanged are left alone (their
/// modification time too), which keeps rebuilds cheap for static hosts that
/// sync by date.
pub struct Publisher {
    stager: Stager,
    /// Whether `new` created the root: a build that fails removes it again.
    created_root: bool,
    /// Every file written: destination (below the root) → its new version
    /// waiting for `commit` (`None` when unchanged, or once committed).
    /// Behind a lock so that threads can write at once.
    files: Mutex<HashMap<Box<Path>, Option<TempPath>>>,
    committed: bool,
}

/// Writes temporary files for a [`Publisher`]; shared by threads.
#[derive(Debug, Clone)]
pub struct Stager {
    root: PathBuf,
}

/// A file written by a [`Stager`], to hand to [`Publisher::add`].
pub struct Staged {
    /// The destination below the root.
    relative: Box<Path>,
    /// `None` when the file on disk already holds these bytes.
    new: Option<TempPath>,
}

/// A large file being written piece by piece: [`Stager::create`].
pub struct StagedFile {
    relative: Box<Path>,
    path: PathBuf,
    out: BufWriter<tempfile::NamedTempFile>,
}

impl Publisher {
    pub fn new(root: &Path) -> Result<Publisher> {
        let created_root = !root.exists();
        create_dir_all(root)?;
        Ok(Publisher {
            stager: Stager { root: root.to_path_buf() },
            created_root,
            files: Mutex::default(),
            committed: false,
        })
    }

    /// A handle that writes temporary files from other threads.
    pub fn stager(&self) -> &Stager {
        &self.stager
    }

    /// Writes `bytes` to `relative` (a `/`-separated path below the root).
    /// Threads may write at once.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let staged = self.stager.stage(relative, bytes)?;
        self.add(staged);
        Ok(())
    }

    /// Makes room for `additional` more files (a build knows how many
    /// pages it writes), so the record of files is not grown step by step.
    pub fn reserve(&self, additional: usize) {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).reserve(additional);
    }

    /// Records a file staged by [`Stager::stage`]. A later file for the
    /// same path replaces an earlier one.
    pub fn add(&self, staged: Staged) {
        // A replaced temporary file is deleted as it is dropped.
        self.files.lock().unwrap_or_else(|e| e.into_inner()).insert(staged.relative, staged.new);
    }

    fn files(&mut self) -> &mut HashMap<Box<Path>, Option<TempPath>> {
        self.files.get_mut().unwrap_or_else(|e| e.into_inner())
    }

    /// Renames every staged file into place, on every core.
    pub fn commit(&mut self) -> Result<()> {
        let root = self.stager.root.clone();
        let staged: Vec<(&Box<Path>, TempPath)> =
            self.files().iter_mut().filter_map(|(path, new)| Some((path, new.take()?))).collect();
        staged.into_par_iter().try_for_each(|(relative, tmp)| {
            let path = root.join(relative);
            tmp.persist(&path)
                .map_err(|e| anyhow::Error::new(e.error))
                .with_context(|| format!("failed to write `{}`", path.display()))
        })?;
        self.committed = true;
        Ok(())
    }

    /// Commits, then removes files below the root that this build did not
    /// write, and returns how many files it wrote.
    pub fn finish(mut self) -> Result<usize> {
        self.commit()?;
        let written = std::mem::take(self.files());
        let root = &self.stager.root;
        for entry in walkdir::WalkDir::new(root).contents_first(true) {
            let entry = entry.with_context(|| format!("failed to list `{}`", root.display()))?;
            let path = entry.path();
            let stale = path.strip_prefix(root).map_or(true, |relative| !written.contains_key(relative));
            if entry.file_type().is_file() && stale {
                std::fs::remove_file(path).with_context(|| format!("failed to remove stale `{}`", path.display()))?;
            } else if entry.file_type().is_dir() && path != root {
                // Only succeeds on directories left empty.
                let _ = std::fs::remove_dir(path);
            }
        }
        Ok(written.len())
    }
}

impl Drop for Publisher {
    /// A publisher dropped before committing (a failed build) deletes its
    /// temporary files, and the root if it made it.
    fn drop(&mut self) {
        if !self.committed {
            self.files().clear();
            if self.created_root {
                let _ = std::fs::remove_dir_all(&self.stager.root);
            }
        }
    }
}

impl Stager {
    /// Writes `bytes` for `relative` to a temporary file beside it, unless
    /// the file already holds them.
    pub fn stage(&self, relative: &str, bytes: &[u8]) -> Result<Staged> {
        let path = self.root.join(relative);
        let relative = self.relative(&path);
        // Compare with the old file only when its size matches.
        let old = std::fs::metadata(&path).ok();
        let same_size = old.as_ref().is_some_and(|m| m.len() == bytes.len() as u64);
        if same_size && std::fs::read(&path).is_ok_and(|old| old == bytes) {
            keep_readable(&path, old)?;
            return Ok(Staged { relative, new: None });
        }
        let mut tmp = self.temp_file(&path)?;
        // No fsync: renaming is atomic for readers and survives a killed build;
        // syncing every file made large builds many times slower.
        tmp.write_all(bytes).with_context(|| format!("failed to write `{}`", tmp.path().display()))?;
        Ok(Staged { relative, new: Some(tmp.into_temp_path()) })
    }

    /// Starts a file written piece by piece through a buffer of `buffer`
    /// bytes; [`StagedFile::done`] stages it.
    pub fn create(&self, relative: &str, buffer: usize) -> Result<StagedFile> {
        let path = self.root.join(relative);
        let tmp = self.temp_file(&path)?;
        Ok(StagedFile { relative: self.relative(&path), path, out: BufWriter::with_capacity(buffer, tmp) })
    }

    /// A destination below the root as the publisher records it: as
    /// `finish` finds it below the root (`a/./b` is `a/b`).
    fn relative(&self, path: &Path) -> Box<Path> {
        path.strip_prefix(&self.root).unwrap_or(path).into()
    }

    fn temp_file(&self, path: &Path) -> Result<tempfile::NamedTempFile> {
        let dir = path.parent().unwrap_or(&self.root);
        create_dir_all(dir)?;
        let mut builder = tempfile::Builder::new();
        // Readable by the web server of a static host, often another user
        // (temporary files are created 0600).
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        builder.tempfile_in(dir).with_context(|| format!("failed to create a temporary file in `{}`", dir.display()))
    }
}

impl StagedFile {
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        self.out.write_all(bytes).with_context(|| format!("failed to write `{}`", self.path.display()))
    }

    /// Finishes the file; unchanged if the old file holds the same bytes.
    pub fn done(self) -> Result<Staged> {
        let StagedFile { relative, path, out } = self;
        let tmp = out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("failed to write `{}`", path.display()))?;
        let old = std::fs::metadata(&path).ok();
        let len = tmp.as_file().metadata().with_context(|| format!("failed to write `{}`", path.display()))?.len();
        if old.as_ref().is_some_and(|m| m.len() == len) && same_bytes(tmp.path(), &path).unwrap_or(false) {
            keep_readable(&path, old)?;
            return Ok(Staged { relative, new: None });
        }
        Ok(Staged { relative, new: Some(tmp.into_temp_path()) })
    }
}

/// Whether two files hold the same bytes, read a block at a time.
fn same_bytes(a: &Path, b: &Path) -> std::io::Result<bool> {
    let (mut a, mut b) = (File::open(a)?, File::open(b)?);
    let (mut x, mut y) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    loop {
        let n = a.read(&mut x)?;
        if n == 0 {
            return Ok(b.read(&mut y[..1])? == 0);
        }
        b.read_exact(&mut y[..n])?;
        if x[..n] != y[..n] {
            return Ok(false);
        }
    }
}

/// An unchanged file keeps its date but is made world-readable.
fn keep_readable(path: &Path, old: Option<std::fs::Metadata>) -> Result<()> {
    #[cfg(unix)]
    if let Some(meta) = old {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o777 != 0o644 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))
                .with_context(|| format!("failed to make `{}` readable", path.display()))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (path, old);
    Ok(())
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finish_removes_only_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("feeds/old")).unwrap();
        std::fs::write(dir.path().join("feeds/old/gone.rss"), "x").unwrap();
        std::fs::write(dir.path().join("keep.txt"), "old").unwrap();
        let publisher = Publisher::new(dir.path()).unwrap();
        publisher.write("keep.txt", b"new").unwrap();
        publisher.write("feeds/news.rss", b"feed").unwrap();
        assert_eq!(publisher.finish().unwrap(), 2);
        assert_eq!(std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(), "new");
        assert!(dir.path().join("feeds/news.rss").exists());
        assert!(!dir.path().join("feeds/old").exists());
    }

    #[cfg(unix)]
    #[test]
    fn published_files_are_world_readable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let publisher = Publisher::new(dir.path()).unwrap();
        publisher.write("index.html", b"<p>hi</p>").unwrap();
        publisher.finish().unwrap();
        let mode = std::fs::metadata(dir.path().join("index.html")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    #[test]
    fn nothing_changes_until_commit_and_a_dropped_publisher_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("keep.txt"), "old").unwrap();
        let publisher = Publisher::new(dir.path()).unwrap();
        publisher.write("keep.txt", b"new").unwrap();
        publisher.write("pages/a.html", b"a").unwrap();
        let mut big = publisher.stager().create("big.csv", 1024).unwrap();
        big.write_all(b"x,y\n").unwrap();
        publisher.add(big.done().unwrap());
        assert_eq!(std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(), "old");
        assert!(!dir.path().join("pages/a.html").exists() && !dir.path().join("big.csv").exists());
        drop(publisher);
        let left: Vec<_> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        assert_eq!(left, [dir.path().join("keep.txt")], "temporary files are removed");

        let fresh = dir.path().join("fresh");
        drop(Publisher::new(&fresh).unwrap());
        assert!(!fresh.exists(), "a folder the failed build made is removed");
    }

    #[test]
    fn unchanged_files_keep_their_date() {
        let dir = tempfile::tempdir().unwrap();
        let publisher = Publisher::new(dir.path()).unwrap();
        publisher.write("a.txt", b"same").unwrap();
        let mut big = publisher.stager().create("big.csv", 1024).unwrap();
        big.write_all(b"1,2\n").unwrap();
        publisher.add(big.done().unwrap());
        publisher.finish().unwrap();
        let date = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().modified().unwrap();
        let before = (date("a.txt"), date("big.csv"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let publisher = Publisher::new(dir.path()).unwrap();
        publisher.write("a.txt", b"same").unwrap();
        let mut big = publisher.stager().create("big.csv", 1024).unwrap();
        big.write_all(b"1,2\n").unwrap();
        publisher.add(big.done().unwrap());
        assert_eq!(publisher.finish().unwrap(), 2);
        assert_eq!((date("a.txt"), date("big.csv")), before);
    }
}
