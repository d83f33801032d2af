//! Filesystem calls that name the path in their errors, and the
//! [`Publisher`] that writes `out/` so readers never see a half-written file.

use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use rayon::prelude::*;
use tempfile::TempPath;

mod keep;
mod kill_switch;
mod owned;
pub use owned::check_out_dir;
use owned::{clash, entries, foreign_folder, manifest_line, only_temporary, read_manifest, remove_owned};

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
    /// Every file written: destination (below the root) → its new version
    /// waiting for `commit` (`None` when unchanged, or once committed).
    /// Behind a lock so that threads can write at once.
    files: Mutex<HashMap<Box<Path>, Option<TempPath>>>,
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
    new: Option<TempPath>,
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
        if staged.unreadable {
            self.unreadable.lock().unwrap_or_else(|e| e.into_inner()).push(staged.relative.clone());
        }
        // A replaced temporary file is deleted as it is dropped.
        self.files.lock().unwrap_or_else(|e| e.into_inner()).insert(staged.relative, staged.new);
    }

    /// Whether a file was written for `relative`.
    pub fn contains(&self, relative: &str) -> bool {
        let path = self.stager.relative(&self.stager.root.join(relative));
        self.files.lock().unwrap_or_else(|e| e.into_inner()).contains_key(&path)
    }

    fn files(&mut self) -> &mut HashMap<Box<Path>, Option<TempPath>> {
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
            let written: BTreeSet<PathBuf> = self.files().keys().map(|p| p.to_path_buf()).collect();
            let clashes: Vec<PathBuf> = written
                .iter()
                .filter(|p| !site.listed.contains(*p) && root.join(p).symlink_metadata().is_ok())
                .cloned()
                .collect();
            if !clashes.is_empty() && !site.force {
                return Err(Refused(clash(&root, &clashes)).into());
            }
            site.replaced = clashes;
            if !written.is_subset(&site.listed) {
                self.write_manifest(site.listed.union(&written))?;
            }
            self.site = Some(site);
        }
        for relative in std::mem::take(self.unreadable.get_mut().unwrap_or_else(|e| e.into_inner())) {
            make_readable(&root.join(relative))?;
        }
        let staged: Vec<(&Box<Path>, TempPath)> =
            self.files().iter_mut().filter_map(|(path, new)| Some((path, new.take()?))).collect();
        let renamed = std::sync::atomic::AtomicUsize::new(0);
        staged.into_par_iter().try_for_each(|(relative, tmp)| {
            kill_switch::before_rename(&renamed);
            let path = root.join(relative);
            tmp.persist(&path)
                .map_err(|e| anyhow::Error::new(e.error))
                .with_context(|| format!("failed to write `{}`", path.display()))
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
            return Ok(Published { files: written.len(), replaced: Vec::new() });
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
        self.write_manifest(written.iter())?;
        Ok(Published { files: written.len(), replaced: site.replaced })
    }

    /// Writes the manifest of `files` at once (unchanged if it lists them).
    fn write_manifest<'a>(&self, files: impl Iterator<Item = &'a PathBuf>) -> Result<()> {
        let mut text = String::new();
        for path in files {
            let line = manifest_line(path)
                .with_context(|| format!("cannot list `{}` in {MANIFEST}", self.stager.root.join(path).display()))?;
            text.push_str(&line);
            text.push('\n');
        }
        let staged = self.stager.stage(MANIFEST, text.as_bytes())?;
        if staged.unreadable {
            make_readable(&self.stager.root.join(MANIFEST))?;
        }
        if let Some(tmp) = staged.new {
            let path = self.stager.root.join(MANIFEST);
            tmp.persist(&path)
                .map_err(|e| anyhow::Error::new(e.error))
                .with_context(|| format!("failed to write `{}`", path.display()))?;
        }
        Ok(())
    }
}

impl Drop for Publisher {
    /// A publisher dropped before committing (a failed build) deletes its
    /// temporary files, and the folders it made.
    fn drop(&mut self) {
        if !self.committed {
            self.files().clear();
            let mut made = std::mem::take(&mut *self.stager.made.lock().unwrap_or_else(|e| e.into_inner()));
            made.sort_by_key(|dir| std::cmp::Reverse(dir.components().count()));
            for dir in made {
                let _ = std::fs::remove_dir(dir);
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
            return Ok(Staged { relative, new: None, unreadable: unreadable(old) });
        }
        let mut tmp = self.temp_file(&path)?;
        // No fsync: renaming is atomic for readers and survives a killed build;
        // syncing every file made large builds many times slower.
        tmp.write_all(bytes).with_context(|| format!("failed to write `{}`", tmp.path().display()))?;
        Ok(Staged { relative, new: Some(tmp.into_temp_path()), unreadable: false })
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

    /// Copies the file `from` to `relative`, unless it already holds its bytes.
    pub fn copy(&self, relative: &str, from: &Path) -> Result<Staged> {
        let path = self.root.join(relative);
        let relative = self.relative(&path);
        let len = std::fs::metadata(from).with_context(|| format!("failed to read `{}`", from.display()))?.len();
        let old = std::fs::metadata(&path).ok();
        if old.as_ref().is_some_and(|m| m.len() == len) && same_bytes(from, &path).unwrap_or(false) {
            return Ok(Staged { relative, new: None, unreadable: unreadable(old) });
        }
        let mut tmp = self.temp_file(&path)?;
        let mut source = File::open(from).with_context(|| format!("failed to read `{}`", from.display()))?;
        std::io::copy(&mut source, &mut tmp)
            .with_context(|| format!("failed to copy `{}` to `{}`", from.display(), tmp.path().display()))?;
        Ok(Staged { relative, new: Some(tmp.into_temp_path()), unreadable: false })
    }

    /// Makes `dir` and its missing parents, recording the folders it made.
    fn make_dirs(&self, dir: &Path) -> Result<()> {
        if dir.is_dir() {
            return Ok(());
        }
        let missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.as_os_str().is_empty() && !d.exists()).collect();
        for dir in missing.into_iter().rev() {
            match std::fs::create_dir(dir) {
                Ok(()) => self.made.lock().unwrap_or_else(|e| e.into_inner()).push(dir.to_path_buf()),
                // Another thread made it.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => {}
                Err(e) => return Err(e).with_context(|| format!("failed to create directory `{}`", dir.display())),
            }
        }
        Ok(())
    }

    fn temp_file(&self, path: &Path) -> Result<tempfile::NamedTempFile> {
        let dir = path.parent().unwrap_or(&self.root);
        self.make_dirs(dir)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX);
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

    /// What was written so far, to read from its start.
    pub fn reopen(&mut self) -> Result<File> {
        self.out.flush().with_context(|| format!("failed to write `{}`", self.path.display()))?;
        self.out.get_ref().reopen().with_context(|| format!("failed to read back `{}`", self.path.display()))
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
            return Ok(Staged { relative, new: None, unreadable: unreadable(old) });
        }
        Ok(Staged { relative, new: Some(tmp.into_temp_path()), unreadable: false })
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

/// Whether an unchanged file must be made world-readable (it keeps its date).
fn unreadable(old: Option<std::fs::Metadata>) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        old.is_some_and(|meta| meta.permissions().mode() & 0o777 != 0o644)
    }
    #[cfg(not(unix))]
    {
        let _ = old;
        false
    }
}

/// Makes a file world-readable (0644), as a published file must be.
fn make_readable(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))
            .with_context(|| format!("failed to make `{}` readable", path.display()))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap())
            .map(|e| {
                let slash = if e.file_type().is_dir() { "/" } else { "" };
                format!("{}{slash}", e.path().strip_prefix(dir).unwrap().display())
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn finish_removes_only_listed_files_no_longer_written() {
        let dir = tempfile::tempdir().unwrap();
        let publisher = Publisher::site(dir.path(), false).unwrap();
        publisher.write("keep.txt", b"old").unwrap();
        publisher.write("feeds/old/gone.rss", b"x").unwrap();
        assert_eq!(publisher.finish().unwrap().files, 2);
        assert_eq!(std::fs::read_to_string(dir.path().join(MANIFEST)).unwrap(), "feeds/old/gone.rss\nkeep.txt\n");
        std::fs::write(dir.path().join("CNAME"), "example.org").unwrap();
        std::fs::write(dir.path().join("feeds/mine.txt"), "mine").unwrap();

        let publisher = Publisher::site(dir.path(), false).unwrap();
        publisher.write("keep.txt", b"new").unwrap();
        publisher.write("feeds/news.rss", b"feed").unwrap();
        assert_eq!(publisher.finish().unwrap().files, 2);
        assert_eq!(std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(), "new");
        assert_eq!(
            listing(dir.path()),
            [".trendfeed-manifest", "CNAME", "feeds/", "feeds/mine.txt", "feeds/news.rss", "keep.txt"]
        );
        assert_eq!(std::fs::read_to_string(dir.path().join(MANIFEST)).unwrap(), "feeds/news.rss\nkeep.txt\n");
    }

    #[test]
    fn a_folder_of_the_users_is_refused_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("NOTES.txt"), "mine").unwrap();
        std::fs::create_dir(dir.path().join("photos")).unwrap();
        let Err(error) = Publisher::site(dir.path(), false) else { panic!("not refused") };
        let message = error.to_string();
        assert!(error.is::<Refused>());
        assert!(message.contains("is not empty and holds no .trendfeed-manifest"), "{message}");
        assert!(message.contains(": NOTES.txt, photos/; "), "{message}");

        let publisher = Publisher::site(dir.path(), true).unwrap();
        publisher.write("NOTES.txt", b"generated").unwrap();
        publisher.write("index.html", b"<p>").unwrap();
        let published = publisher.finish().unwrap();
        assert_eq!(published.replaced, [PathBuf::from("NOTES.txt")]);
        assert_eq!(listing(dir.path()), [".trendfeed-manifest", "NOTES.txt", "index.html", "photos/"]);
    }

    #[test]
    fn a_file_of_the_users_at_an_output_path_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let publisher = Publisher::site(dir.path(), false).unwrap();
        publisher.write("index.html", b"<p>").unwrap();
        publisher.finish().unwrap();
        std::fs::write(dir.path().join("robots.txt"), "User-agent: *").unwrap();
        let mut publisher = Publisher::site(dir.path(), false).unwrap();
        publisher.write("index.html", b"<p>new").unwrap();
        publisher.write("robots.txt", b"generated").unwrap();
        publisher.write("trends/a.csv", b"a").unwrap();
        let error = publisher.commit().unwrap_err();
        assert!(error.is::<Refused>());
        assert!(
            error
                .to_string()
                .starts_with(&format!("{} was not written by trendfeed", dir.path().join("robots.txt").display()))
        );
        drop(publisher);
        assert_eq!(std::fs::read_to_string(dir.path().join("robots.txt")).unwrap(), "User-agent: *");
        assert_eq!(std::fs::read_to_string(dir.path().join("index.html")).unwrap(), "<p>");
        assert_eq!(listing(dir.path()), [".trendfeed-manifest", "index.html", "robots.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_refused_build_leaves_the_mode_of_a_users_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let publisher = Publisher::site(dir.path(), false).unwrap();
        publisher.write("index.html", b"<p>").unwrap();
        publisher.finish().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        std::fs::set_permissions(dir.path().join("notes.txt"), std::fs::Permissions::from_mode(0o600)).unwrap();
        let mut publisher = Publisher::site(dir.path(), false).unwrap();
        publisher.write("notes.txt", b"mine").unwrap();
        assert!(publisher.commit().unwrap_err().is::<Refused>());
        let mode = std::fs::metadata(dir.path().join("notes.txt")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_manifest_never_leads_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(dir.path().join("precious"), "x").unwrap();
        std::fs::write(out.join(MANIFEST), "../precious\n").unwrap();
        let Err(error) = Publisher::site(&out, false) else { panic!("not refused") };
        assert!(error.to_string().ends_with(":1: `../precious` is not a path inside the folder; remove the line"));
        assert!(dir.path().join("precious").exists());
    }

    #[test]
    fn temporary_files_of_a_killed_build_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let publisher = Publisher::site(dir.path(), false).unwrap();
        publisher.write("feeds/a.rss", b"a").unwrap();
        publisher.finish().unwrap();
        std::fs::write(dir.path().join("feeds/.trendfeed-tmpAbC123"), "half").unwrap();
        std::fs::write(dir.path().join("feeds/.tmpAbC123"), "not ours").unwrap();
        let publisher = Publisher::site(dir.path(), false).unwrap();
        publisher.write("feeds/a.rss", b"a").unwrap();
        publisher.finish().unwrap();
        assert_eq!(listing(dir.path()), [".trendfeed-manifest", "feeds/", "feeds/.tmpAbC123", "feeds/a.rss"]);

        // Killed before it wrote a manifest: its folder is not refused.
        let fresh = dir.path().join("fresh");
        std::fs::create_dir_all(fresh.join("issues")).unwrap();
        std::fs::write(fresh.join("issues/.trendfeed-tmpAbC123"), "half").unwrap();
        let publisher = Publisher::site(&fresh, false).unwrap();
        publisher.write("issues/1.html", b"1").unwrap();
        publisher.finish().unwrap();
        assert_eq!(listing(&fresh), [".trendfeed-manifest", "issues/", "issues/1.html"]);
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
        let publisher = Publisher::site(&fresh, false).unwrap();
        publisher.write("a/b/c.html", b"c").unwrap();
        assert!(fresh.join("a/b").is_dir());
        drop(publisher);
        assert!(!fresh.exists(), "the folders the failed build made are removed");

        std::fs::create_dir(dir.path().join("pages")).unwrap();
        let publisher = Publisher::site(dir.path(), true).unwrap();
        publisher.write("pages/new/a.html", b"a").unwrap();
        publisher.write("trends/a.csv", b"a").unwrap();
        drop(publisher);
        assert_eq!(listing(dir.path()), ["keep.txt", "pages/"], "no new folder is left");
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
        assert_eq!(publisher.finish().unwrap().files, 2);
        assert_eq!((date("a.txt"), date("big.csv")), before);
    }
}
