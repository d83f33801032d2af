//! What the cache is keyed by: where it lives, the tool, the configuration,
//! each issue file and each issue page's inputs.

use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::frame::{FORMAT, Maker};
use super::headers::Identity;
use crate::build::order::Entry;
use crate::cli::BuildArgs;
use crate::config::Config;
use crate::input::structure::Profile;

/// The cache's folder for a build into `out`: `--cache-dir`, else
/// `$XDG_CACHE_HOME/trendfeed/<hash>` (or `~/.cache/trendfeed/<hash>`),
/// where `<hash>` names the output folder's canonical path. `None` when
/// there is no home to put it in.
pub fn folder(args: &BuildArgs) -> Option<PathBuf> {
    if let Some(dir) = &args.cache_dir {
        return Some(dir.clone());
    }
    let xdg = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).filter(|p| p.is_absolute());
    let home = || std::env::var_os("HOME").map(PathBuf::from).filter(|p| p.is_absolute()).map(|h| h.join(".cache"));
    let base = xdg.or_else(home)?;
    let out = canonical(&args.out);
    Some(base.join("trendfeed").join(format!("{:016x}", xxh3_64(out.as_os_str().as_encoded_bytes()))))
}

/// `path` made absolute, its links resolved as far as it exists.
pub fn canonical(path: &Path) -> PathBuf {
    if let Ok(path) = path.canonicalize() {
        return path;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => canonical(parent).join(name),
        _ => absolute,
    }
}

/// What made this build's cache files: trendfeed (its version, the cache's
/// layout, and its executable, so that a rebuilt binary of the same
/// version does not trust the files of the old one) and the configuration
/// (the settings with the topics, the options that change the output, and
/// what the archive's sample says of its structure).
pub fn maker(config: &Config, profile: &Profile, args: &BuildArgs) -> Maker {
    let mut settings = Xxh3::new();
    settings.update(format!("{config:?}").as_bytes());
    settings.update(profile.parse_inputs().as_bytes());
    let options = (&args.trends, args.emerging, args.png);
    settings.update(format!("{options:?}").as_bytes());
    Maker { tool: tool(), config: settings.digest128() }
}

/// trendfeed, as what made a cache file: its version, the cache's layout,
/// and its executable (size and modification time).
pub fn tool() -> u128 {
    let mut tool = Xxh3::new();
    tool.update(env!("CARGO_PKG_VERSION").as_bytes());
    tool.update(&FORMAT.to_le_bytes());
    if let Some(meta) = std::env::current_exe().ok().and_then(|exe| exe.metadata().ok()) {
        tool.update(&meta.len().to_le_bytes());
        let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        tool.update(&modified.unwrap_or_default().as_nanos().to_le_bytes());
    }
    tool.digest128()
}

/// The digest of an issue file's text: what [`source`] keys it by.
pub fn digest(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// The key of an issue file's entry: its path and text (by its
/// [`digest`]), read by this tool with this configuration.
pub fn source(maker: Maker, path: &Path, digest: u128) -> u128 {
    let mut hash = Xxh3::new();
    hash.update(&maker.tool.to_le_bytes());
    hash.update(&maker.config.to_le_bytes());
    let path = path.as_os_str().as_encoded_bytes();
    hash.update(&(path.len() as u64).to_le_bytes());
    hash.update(path);
    hash.update(&digest.to_le_bytes());
    hash.digest128()
}

/// The inputs of an issue's page: the issue (by its file's key, which
/// holds the configuration), its key, and its neighbours' keys and titles.
pub fn page(source: u128, key: &str, prev: Option<(&str, &str)>, next: Option<(&str, &str)>) -> u128 {
    let mut hash = Xxh3::new();
    hash.update(&source.to_le_bytes());
    hash.update(format!("{:?}", (key, prev, next)).as_bytes());
    hash.digest128()
}

/// The key of a block: the issues at `start..` of the archive's order,
/// each by its file's key (which holds the tool and configuration) and
/// its key.
pub fn block(maker: Maker, start: usize, issues: &[(u128, &str)]) -> u128 {
    let mut hash = Xxh3::new();
    hash.update(&maker.tool.to_le_bytes());
    hash.update(&maker.config.to_le_bytes());
    hash.update(&(start as u64).to_le_bytes());
    hash.update(&(issues.len() as u64).to_le_bytes());
    for (source, key) in issues {
        hash.update(&source.to_le_bytes());
        hash.update(&(key.len() as u64).to_le_bytes());
        hash.update(key.as_bytes());
    }
    hash.digest128()
}

/// The key of a chunk of the fold: its blocks, by their keys ([`block`]).
pub fn chunk(maker: Maker, blocks: &[u128]) -> u128 {
    let mut hash = Xxh3::new();
    hash.update(b"chunk");
    hash.update(&maker.tool.to_le_bytes());
    hash.update(&maker.config.to_le_bytes());
    hash.update(&(blocks.len() as u64).to_le_bytes());
    for block in blocks {
        hash.update(&block.to_le_bytes());
    }
    hash.digest128()
}

/// The hash of a published file's bytes.
pub fn bytes(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The key of a whole build ([`super::fresh`]): what made its cache files
/// (`maker`), the options not in it, the output and archive folders, every
/// issue file in archive order (its key, path and digest), and every file
/// of `static/` (its path and identity). `None` when an issue file's
/// digest is not known from the header cache: it had to be read.
pub fn build(maker: Maker, args: &BuildArgs, entries: &[Entry], statics: &[(PathBuf, Identity)]) -> Option<u128> {
    let mut hash = Xxh3::new();
    hash.update(b"build");
    hash.update(&maker.tool.to_le_bytes());
    hash.update(&maker.config.to_le_bytes());
    let places = (canonical(&args.out), canonical(&args.archive.issues), args.force, args.skip_invalid);
    hash.update(format!("{places:?}").as_bytes());
    hash.update(&(entries.len() as u64).to_le_bytes());
    for entry in entries {
        let known = entry.known?;
        hash.update(format!("{:?}", (entry.key(), &entry.path, known.len)).as_bytes());
        hash.update(&known.digest.to_le_bytes());
    }
    hash.update(format!("{statics:?}").as_bytes());
    Some(hash.digest128())
}
