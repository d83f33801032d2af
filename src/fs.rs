//! Filesystem calls that name the path in their errors, and the
//! [`Publisher`] that writes `out/` so readers never see a half-written file.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

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
/// Each file goes to a temporary file beside its destination and is renamed
/// into place, so the previous version stays readable until the new one is
/// complete. [`Publisher::finish`] then removes the files of earlier builds
/// that this build did not write. Files whose bytes are unchanged are left
/// alone (their modification time too), which keeps rebuilds cheap for
/// static hosts that sync by date.
pub struct Publisher {
    root: PathBuf,
    written: BTreeSet<PathBuf>,
}

impl Publisher {
    pub fn new(root: &Path) -> Result<Publisher> {
        create_dir_all(root)?;
        Ok(Publisher { root: root.to_path_buf(), written: BTreeSet::new() })
    }

    /// Writes `bytes` to `relative` (a `/`-separated path below the root).
    pub fn write(&mut self, relative: &str, bytes: &[u8]) -> Result<()> {
        let path = self.root.join(relative);
        self.written.insert(path.clone());
        // Compare with the old file only when its size matches.
        let old = std::fs::metadata(&path).ok();
        let same_size = old.as_ref().is_some_and(|m| m.len() == bytes.len() as u64);
        if same_size && std::fs::read(&path).is_ok_and(|old| old == bytes) {
            #[cfg(unix)]
            if let Some(meta) = old {
                use std::os::unix::fs::PermissionsExt;
                if meta.permissions().mode() & 0o777 != 0o644 {
                    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644))
                        .with_context(|| format!("failed to make `{}` readable", path.display()))?;
                }
            }
            return Ok(());
        }
        let dir = path.parent().unwrap_or(&self.root);
        create_dir_all(dir)?;
        let mut builder = tempfile::Builder::new();
        // Readable by the web server of a static host, often another user
        // (temporary files are created 0600).
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let mut tmp = builder
            .tempfile_in(dir)
            .with_context(|| format!("failed to create a temporary file in `{}`", dir.display()))?;
        // No fsync: renaming is atomic for readers and survives a killed build;
        // syncing every file made large builds many times slower.
        tmp.write_all(bytes).with_context(|| format!("failed to write `{}`", tmp.path().display()))?;
        tmp.persist(&path).with_context(|| format!("failed to write `{}`", path.display()))?;
        Ok(())
    }

    /// Removes files below the root that this build did not write, and
    /// returns how many files it wrote.
    pub fn finish(self) -> Result<usize> {
        for entry in walkdir::WalkDir::new(&self.root).contents_first(true) {
            let entry = entry.with_context(|| format!("failed to list `{}`", self.root.display()))?;
            let path = entry.path();
            if entry.file_type().is_file() && !self.written.contains(path) {
                std::fs::remove_file(path).with_context(|| format!("failed to remove stale `{}`", path.display()))?;
            } else if entry.file_type().is_dir() && path != self.root {
                // Only succeeds on directories left empty.
                let _ = std::fs::remove_dir(path);
            }
        }
        Ok(self.written.len())
    }
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
        let mut publisher = Publisher::new(dir.path()).unwrap();
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
        let mut publisher = Publisher::new(dir.path()).unwrap();
        publisher.write("index.html", b"<p>hi</p>").unwrap();
        let mode = std::fs::metadata(dir.path().join("index.html")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}
