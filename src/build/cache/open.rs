//! What a build works out before it opens its cache: the cache's folder,
//! what makes its files, and the record of the last build.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::frame::Maker;
use super::fresh::{self, Fresh};
use super::key;
use crate::build::order::Entry;
use crate::cli::BuildArgs;
use crate::config::Config;
use crate::input::Reader;

/// The cache's folder of a build, unless `--no-cache` (or no folder for
/// it). A folder inside the output folder is refused: it would be published.
pub fn folder(args: &BuildArgs) -> Result<Option<PathBuf>> {
    let Some(dir) = key::folder(args).filter(|_| !args.no_cache) else { return Ok(None) };
    if key::canonical(&dir).starts_with(key::canonical(&args.out)) {
        return Err(crate::fs::Refused(format!(
            "the cache folder `{}` is inside the output folder `{}`: choose one outside it (--cache-dir)",
            dir.display(),
            args.out.display()
        ))
        .into());
    }
    Ok(Some(dir))
}

/// What makes this build's cache files ([`key::maker`]): trendfeed, the
/// configuration `config` with `args`' options, and the structure `reader`
/// parses with.
pub fn maker(config: &Config, reader: &Reader, args: &BuildArgs) -> Maker {
    key::maker(config, reader.profile(), args)
}

/// The record of the last build in the cache's folder `dir` (from
/// [`folder`]; [`Fresh`]), keyed by this build's inputs: what `maker`
/// says, the issue files of `entries` and the files of `static_dir`.
pub fn fresh(dir: &Path, maker: Maker, args: &BuildArgs, entries: &[Entry], static_dir: &Path) -> Fresh {
    let key = fresh::identities(static_dir).and_then(|statics| key::build(maker, args, entries, &statics));
    Fresh::new(dir, key)
}
