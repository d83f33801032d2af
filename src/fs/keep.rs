//! Keeping a file of the output folder as it is, without making it again.

use super::{Publisher, Staged, unreadable};

impl Publisher {
    /// Records the file at `relative` (a `/`-separated path below the
    /// root) as written, unchanged, when it is `len` bytes long and
    /// `expected` accepts its bytes: a rebuild that knows a page's inputs
    /// did not change keeps the page without rendering it. `false`, and
    /// nothing recorded, when the file is missing, unreadable or other.
    pub fn keep(&self, relative: &str, len: u64, expected: impl FnOnce(&[u8]) -> bool) -> bool {
        let path = self.stager.root.join(relative);
        let Ok(old) = std::fs::metadata(&path) else { return false };
        if !old.is_file() || old.len() != len || !std::fs::read(&path).is_ok_and(|bytes| expected(&bytes)) {
            return false;
        }
        self.add(Staged { relative: self.stager.relative(&path), new: None, unreadable: unreadable(Some(old)) });
        true
    }
}
