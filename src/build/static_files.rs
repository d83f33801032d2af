//! The output folder, checked before anything is read, and the `static/`
//! folder copied into it as it is.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use rayon::prelude::*;

use crate::cli::BuildArgs;
use crate::fs::Publisher;

/// The output folder, checked (never a folder of the project's or the
/// user's) before anything is read, and the `static/` folder.
pub(super) fn open_out(args: &BuildArgs) -> Result<(Publisher, PathBuf)> {
    let config_file = args.archive.config.clone().or_else(|| {
        let found = Path::new("trendfeed.toml");
        found.is_file().then(|| found.to_path_buf())
    });
    let static_dir = static_dir(args.archive.config.as_deref());
    crate::fs::check_out_dir(&args.out, &args.archive.issues, config_file.as_deref(), &static_dir)?;
    Ok((Publisher::site(&args.out, args.force)?, static_dir))
}

/// The folder copied into `out/` as it is: `static/` beside the
/// configuration file named with `--config`, else in the current folder.
pub(super) fn static_dir(config: Option<&Path>) -> PathBuf {
    let beside = config.and_then(Path::parent).filter(|p| !p.as_os_str().is_empty());
    beside.unwrap_or(Path::new(".")).join("static")
}

/// Copies every file below `dir` (if it exists) to the same path in `out/`.
/// A file at the path of a generated one is refused, naming both.
pub(super) fn copy_static(dir: &Path, out: &Publisher) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = entry.map_err(|e| anyhow::anyhow!("failed to list `{}`: {e}", dir.display()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        let relative = path.strip_prefix(dir).unwrap_or(path);
        let Some(relative) = crate::fs::slashed(relative).filter(|r| !r.contains('\n')) else {
            bail!("`{}`: a static file's name must be UTF-8 text on one line", path.display());
        };
        if relative == crate::fs::MANIFEST || out.contains(&relative) {
            return Err(crate::fs::Refused(format!(
                "`{}` has the path of a file the build writes (`{relative}` in the output folder); rename it",
                path.display()
            ))
            .into());
        }
        files.push((relative, path.to_path_buf()));
    }
    files.par_iter().try_for_each(|(relative, path)| -> Result<()> {
        out.add(out.stager().copy(relative, path)?)?;
        Ok(())
    })
}
