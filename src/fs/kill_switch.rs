//! A test hook: a debug build run with `TRENDFEED_ABORT_AFTER_RENAMES=N`
//! aborts (no destructor, no clean-up, as a SIGKILL would) once N staged
//! files have been renamed into place, so a test can stop a build at a
//! chosen point of its rename phase. Release builds compile it out.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Called before each rename of [`super::Publisher::commit`].
pub fn before_rename(renamed: &AtomicUsize) {
    if cfg!(debug_assertions)
        && let Some(limit) = std::env::var("TRENDFEED_ABORT_AFTER_RENAMES").ok().and_then(|n| n.parse::<usize>().ok())
        && renamed.fetch_add(1, Ordering::SeqCst) >= limit
    {
        std::process::abort();
    }
}
