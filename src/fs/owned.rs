//! What of `out/` a build owns: the manifest of the files it wrote, the
//! messages that refuse a folder or a file of the user's, and the checks
//! of `--out` against the project's own folders.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::{MANIFEST, Refused};

/// The files a manifest in `root` lists, or `None` without a manifest.
pub(super) fn read_manifest(root: &Path) -> Result<Option<BTreeSet<PathBuf>>> {
    let path = root.join(MANIFEST);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("failed to read `{}`", path.display())),
    };
    let mut listed = BTreeSet::new();
    for (n, line) in text.lines().enumerate().filter(|(_, line)| !line.is_empty()) {
        let relative = Path::new(line);
        // Never anything outside the folder, whatever the file says.
        if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
            bail!("{}:{}: `{line}` is not a path inside the folder; remove the line", path.display(), n + 1);
        }
        listed.insert(relative.to_path_buf());
    }
    Ok(Some(listed))
}

/// A path as the manifest writes it.
pub(super) fn manifest_line(path: &Path) -> Result<String> {
    let parts: Option<Vec<&str>> = path.components().map(|c| c.as_os_str().to_str()).collect();
    match parts {
        Some(parts) if !parts.iter().any(|p| p.contains('\n')) => Ok(parts.join("/")),
        _ => bail!("its name is not UTF-8 text on one line"),
    }
}

/// Removes a file the manifest lists, unless a link leads it out of the
/// root; returns whether it removed it.
pub(super) fn remove_owned(root: &Path, relative: &Path) -> Result<bool> {
    let path = root.join(relative);
    let inside =
        |dir: &Path| matches!((dir.canonicalize(), root.canonicalize()), (Ok(dir), Ok(root)) if dir.starts_with(&root));
    if !path.parent().is_some_and(inside) {
        return Ok(false);
    }
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if !meta.is_dir() => {
            std::fs::remove_file(&path).with_context(|| format!("failed to remove stale `{}`", path.display()))?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// The names in a folder, sorted, folders ending with `/` (none if it does
/// not exist).
pub(super) fn entries(dir: &Path) -> Result<Vec<String>> {
    let listing = match std::fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("failed to list `{}`", dir.display())),
    };
    let mut names = Vec::new();
    for entry in listing {
        let entry = entry.with_context(|| format!("failed to list `{}`", dir.display()))?;
        let slash = if entry.file_type().is_ok_and(|t| t.is_dir()) { "/" } else { "" };
        names.push(format!("{}{slash}", entry.file_name().to_string_lossy()));
    }
    names.sort();
    Ok(names)
}

/// Whether every file below `root` is a temporary file (starts with
/// `prefix`): what a build killed before its first manifest leaves.
pub(super) fn only_temporary(root: &Path, prefix: &str) -> bool {
    walkdir::WalkDir::new(root)
        .into_iter()
        .all(|entry| entry.is_ok_and(|e| e.file_type().is_dir() || e.file_name().to_string_lossy().starts_with(prefix)))
}

/// At most `n` names, then how many more.
fn some_of(names: &[String], n: usize) -> String {
    let mut text = names.iter().take(n).map(String::as_str).collect::<Vec<_>>().join(", ");
    if names.len() > n {
        text.push_str(&format!(" and {} more", names.len() - n));
    }
    text
}

/// Why a folder without a manifest is refused.
pub(super) fn foreign_folder(root: &Path, held: &[String]) -> String {
    let has = |name: &str| held.iter().any(|h| h == name);
    if has("index.html") && has("feeds/") && has("items.csv") {
        return format!(
            "`{}` holds no {MANIFEST} (the list of the files trendfeed wrote) but looks like a site built by \
             an older trendfeed ({}); pass --force once to build into it: its files at the paths of outputs are \
             replaced, the others are kept (remove by hand those no longer produced), and later builds need no \
             --force",
            root.display(),
            some_of(held, 5)
        );
    }
    format!(
        "`{}` is not empty and holds no {MANIFEST} (the list of the files trendfeed wrote): {}; build into a new \
         or empty folder, or pass --force to build into this one (its files are kept, except those at the paths \
         of outputs, which are replaced)",
        root.display(),
        some_of(held, 5)
    )
}

/// Why a build that would replace files of the user's is refused.
pub(super) fn clash(root: &Path, clashes: &[PathBuf]) -> String {
    let names: Vec<String> = clashes.iter().map(|p| root.join(p).display().to_string()).collect();
    format!(
        "{} {} not written by trendfeed (not in `{}`) and would be replaced by an output; move {} away, \
         or pass --force to replace {}",
        some_of(&names, 5),
        if names.len() == 1 { "was" } else { "were" },
        root.join(MANIFEST).display(),
        if names.len() == 1 { "it" } else { "them" },
        if names.len() == 1 { "it" } else { "them" },
    )
}

/// Refuses an output folder that is, holds or is inside the issues
/// folder, that is or holds the configuration file's folder, the static
/// folder or the root of the git work tree of the issues or of the current
/// folder, or that is a file.
pub fn check_out_dir(out: &Path, issues: &Path, config: Option<&Path>, static_dir: &Path) -> Result<()> {
    let refuse = |why: String| Err(Refused(format!("--out `{}` {why}; choose another folder", out.display())).into());
    if out.is_file() {
        return refuse("is a file; expected a folder".to_owned());
    }
    let out_abs = resolve(out);
    let issues_abs = resolve(issues);
    if out_abs.starts_with(&issues_abs) {
        return refuse(format!("is inside the issues folder `{}`", issues.display()));
    }
    if issues_abs.starts_with(&out_abs) {
        return refuse(format!("holds the issues folder `{}`", issues.display()));
    }
    if let Some(config) = config {
        let folder = resolve(config).parent().map(Path::to_path_buf).unwrap_or_default();
        if folder.starts_with(&out_abs) {
            return refuse(format!("is or holds the folder of the configuration file `{}`", config.display()));
        }
    }
    let static_abs = resolve(static_dir);
    if static_dir.is_dir() && (static_abs.starts_with(&out_abs) || out_abs.starts_with(&static_abs)) {
        return refuse(format!("is, holds or is inside the static folder `{}`", static_dir.display()));
    }
    for from in [issues_abs, resolve(Path::new("."))] {
        let git_root = from.ancestors().find(|dir| dir.join(".git").symlink_metadata().is_ok());
        if let Some(root) = git_root.filter(|root| root.starts_with(&out_abs)) {
            return refuse(format!("is or holds the root of the git work tree `{}`", root.display()));
        }
    }
    Ok(())
}

/// An absolute path with links and `..` resolved as far as it exists.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut resolved = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::CurDir => {}
            other => {
                resolved.push(other);
                if let Ok(real) = resolved.canonicalize() {
                    resolved = real;
                }
            }
        }
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn some_of_names_at_most_n() {
        let names: Vec<String> = ["a", "b/", "c"].map(String::from).to_vec();
        assert_eq!(some_of(&names, 5), "a, b/, c");
        assert_eq!(some_of(&names, 2), "a, b/ and 1 more");
    }

    #[test]
    fn resolve_follows_dot_dot_past_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(resolve(&dir.path().join("new/../other/./x")), real.join("other/x"));
        assert_eq!(resolve(&dir.path().join("new/../..")), real.parent().unwrap());
    }

    #[test]
    fn manifest_lines_are_slash_separated_utf8() {
        assert_eq!(manifest_line(Path::new("feeds/topics/docker.rss")).unwrap(), "feeds/topics/docker.rss");
        assert!(manifest_line(Path::new("a\nb")).is_err());
    }
}
