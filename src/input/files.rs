//! The issue files of a folder, and what a file's name and bytes tell:
//! which files are issues, the date and number a name holds, the text.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::{Result, bail};
use regex::Regex;

use crate::error::{ErrorKind, InputError, Spot};

/// File name endings read as issues (`.mdx`: Docusaurus, Astro).
pub const EXTENSIONS: [&str; 5] = ["md", "markdown", "mdown", "mdx", "txt"];

/// The error for a folder with no issue file.
pub fn no_issue_files(dir: &Path) -> anyhow::Error {
    let endings: Vec<String> = EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
    anyhow::anyhow!("no issue files in `{}`: expected files ending in {}", dir.display(), endings.join(", "))
}

/// The issue files below `dir`, sorted, and the entries that could not be
/// listed (a symlink loop, a folder without permission) as errors. Hidden
/// files and folders and `_drafts` are skipped.
pub fn issue_files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<InputError>)> {
    if !dir.is_dir() {
        bail!("issues folder `{}` does not exist or is not a folder", dir.display());
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || !(name.starts_with('.') || name == "_drafts")
    }) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let message = match e.loop_ancestor() {
                    Some(ancestor) => format!("symbolic link loop back to `{}`", ancestor.display()),
                    None => e.io_error().map_or_else(|| e.to_string(), ToString::to_string),
                };
                errors.push(InputError {
                    path,
                    spot: Spot::at(1, 1),
                    source_line: None,
                    kind: ErrorKind::Unreadable(message),
                });
                continue;
            }
        };
        let is_issue = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
        if entry.file_type().is_file() && is_issue {
            files.push(entry.into_path());
        }
    }
    Ok((files, errors))
}

/// A file's text; an error names the first byte that is not UTF-8.
pub(crate) fn read_text(path: &Path) -> Result<String, InputError> {
    let bytes = std::fs::read(path).map_err(|e| InputError {
        path: path.to_path_buf(),
        spot: Spot::at(1, 1),
        source_line: None,
        kind: ErrorKind::Unreadable(e.to_string()),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = &bytes[..e.utf8_error().valid_up_to()];
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let before = String::from_utf8_lossy(&valid[line_start..]);
        let rest = &bytes[line_start..];
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        InputError {
            path: path.to_path_buf(),
            spot: Spot::at(line, 1 + before.chars().count()),
            source_line: Some(String::from_utf8_lossy(&rest[..end]).trim_end().to_owned()),
            kind: ErrorKind::NotUtf8,
        }
    })
}

/// The name a file is known by: its stem, or its folder's name for a page
/// bundle's `index.md` (Hugo, Zola, Jekyll's `2020-01-05-204/index.md`).
pub(super) fn file_stem(path: &Path) -> &str {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    match stem {
        "index" | "_index" => path.parent().and_then(|p| p.file_name()).and_then(|s| s.to_str()).unwrap_or(stem),
        _ => stem,
    }
}

static FILE_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})(?:[-_.]|$)").expect("valid regex"));

static DATE_IN_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})(?:[^0-9]|$)").expect("valid regex"));

/// After the date: the number alone, or before words (`-204`,
/// `-204-late-november`), or ending the name after one word (`-issue-0`,
/// `-twin0082`, `-no-12`). Not digits followed by more digits (`-2018-3`:
/// the third issue of 2018, not issue 2018).
static FILE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[-_](?:([0-9]{1,9})(?:[-_.][A-Za-z][^/]*)?|[A-Za-z]+[-_]?([0-9]{1,9}))$",
    )
    .expect("valid regex")
});

/// The issue number in a file name after its date (`2014-11-30-204` → 204,
/// `2016-5-21-issue-0` → 0). A year is not an issue number: digits that
/// are the date's year, or the one next to it (`2022-05-23-2022-W21`), are
/// none.
pub(super) fn number_in_file_name(stem: &str) -> Option<u32> {
    let captures = FILE_NUMBER.captures(stem)?;
    let number: u32 = captures.get(1).or_else(|| captures.get(2))?.as_str().parse().ok()?;
    let year: u32 = stem.get(..4)?.parse().ok()?;
    (number.abs_diff(year) > 1).then_some(number)
}

/// The date text of a Jekyll-style file name's start (`2014-11-30-204`,
/// `2016-5-21-issue-0`), else of a date elsewhere in it
/// (`weekly-204-2014-11-30`).
pub(super) fn date_in_file_name(stem: &str) -> Option<&str> {
    let found = FILE_DATE.captures(stem).or_else(|| DATE_IN_NAME.captures(stem))?;
    found.get(1).map(|m| m.as_str())
}
