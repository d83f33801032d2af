//! Keeping a file of the output folder as it is, without making it again.

use std::fs::Metadata;

use super::{Publisher, unreadable};

impl Publisher {
    /// Records the file at `relative` (a `/`-separated path below the
    /// root) as written, unchanged, when it is `len` bytes long and holds
    /// the bytes published: known by its metadata (`trusted`, which a
    /// rebuild accepts when the file's identity is the one it recorded),
    /// else read and accepted by `expected`. A rebuild that knows a page's
    /// inputs did not change keeps the page without rendering it. The
    /// file's metadata, and whether it was read; `None`, and nothing
    /// recorded, when the file is missing, unreadable or other.
    pub fn keep(
        &self,
        relative: &str,
        len: u64,
        trusted: impl FnOnce(&Metadata) -> bool,
        expected: impl FnOnce(&[u8]) -> bool,
    ) -> Option<(Metadata, bool)> {
        let path = self.stager.root.join(relative);
        let old = std::fs::metadata(&path).ok().filter(|old| old.is_file() && old.len() == len)?;
        let read = !trusted(&old);
        if read && !std::fs::read(&path).is_ok_and(|bytes| expected(&bytes)) {
            return None;
        }
        self.record(self.stager.relative(&path), None, unreadable(Some(old.clone())));
        Some((old, read))
    }
}
