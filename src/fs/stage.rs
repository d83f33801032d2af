//! Staging: each file written to a temporary file beside its
//! destination, unless the destination already holds its bytes.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tempfile::TempPath;

use super::{Staged, StagedFile, Stager, TEMP_PREFIX};

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
    pub(super) fn relative(&self, path: &Path) -> Box<Path> {
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
        builder.prefix(TEMP_PREFIX).rand_bytes(RANDOM);
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

    /// The file's buffered writer, for writers that take one (errors then
    /// name no file: add the path).
    pub fn writer(&mut self) -> &mut impl Write {
        &mut self.out
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

/// How many random letters follow [`TEMP_PREFIX`] in a temporary file's name.
const RANDOM: usize = 6;

/// The name of a staged file's temporary file, beside its destination:
/// [`TEMP_PREFIX`] and these letters. The publisher holds one for every
/// file it writes, in place rather than as a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TempName([u8; RANDOM]);

impl TempName {
    /// Takes over the temporary file `tmp`: it is no longer removed as it
    /// is dropped, but by [`TempName::remove`] or renamed into place.
    pub(super) fn take(tmp: TempPath) -> Result<TempName> {
        let letters = tmp.file_name().and_then(|name| name.to_str()).and_then(|name| name.strip_prefix(TEMP_PREFIX));
        let letters: [u8; RANDOM] = letters
            .and_then(|letters| letters.as_bytes().try_into().ok())
            .with_context(|| format!("unexpected name of the temporary file `{}`", tmp.display()))?;
        tmp.keep().map_err(|e| anyhow::Error::new(e.error))?;
        Ok(TempName(letters))
    }

    /// The temporary file of `destination`.
    fn path(self, destination: &Path) -> PathBuf {
        let mut name = String::with_capacity(TEMP_PREFIX.len() + RANDOM);
        name.push_str(TEMP_PREFIX);
        // ASCII letters and digits, as `take` found them.
        name.extend(self.0.iter().map(|&b| char::from(b)));
        destination.with_file_name(name)
    }

    /// Renames the temporary file into place at `destination`.
    pub(super) fn rename_to(self, destination: &Path) -> Result<()> {
        std::fs::rename(self.path(destination), destination)
            .with_context(|| format!("failed to write `{}`", destination.display()))
    }

    /// Removes the temporary file of `destination` (a failed build, or a
    /// file written again); one already gone is no error.
    pub(super) fn remove(self, destination: &Path) {
        let _ = std::fs::remove_file(self.path(destination));
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
pub(super) fn unreadable(old: Option<std::fs::Metadata>) -> bool {
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
pub(super) fn make_readable(path: &Path) -> Result<()> {
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

/// `relative`, a path below a folder, `/`-separated, as the manifest and
/// the build's record name files; `None` when a part of it is not UTF-8.
pub fn slashed(relative: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = relative.components().map(|c| c.as_os_str().to_str()).collect();
    parts.map(|parts| parts.join("/"))
}
