//! Reading an archive: finds the issue files in a folder, parses each one
//! (in parallel) into the model, and collects every error instead of
//! stopping at the first.

pub mod front_matter;
mod items;
pub mod markdown;
mod markup;
mod simple_yaml;
pub mod structure;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::{Result, bail};
use rayon::prelude::*;
use regex::Regex;

use crate::config::Config;
use crate::error::{ErrorKind, InputError, Spot, line_text};
use crate::model::{Archive, Issue};
use front_matter::FrontMatter;
use structure::{Profile, Shape};

/// File name endings read as issues.
pub const EXTENSIONS: [&str; 4] = ["md", "markdown", "mdown", "txt"];

/// The result of reading a folder: the valid issues and the invalid files.
#[derive(Debug, Default)]
pub struct Loaded {
    pub archive: Archive,
    pub errors: Vec<InputError>,
    /// Drafts (`draft: true`), left out on purpose.
    pub drafts: Vec<PathBuf>,
    /// What the whole archive says of its structure.
    pub profile: structure::Profile,
}

/// Everything parsing needs from the configuration, prepared once.
pub struct Reader<'c> {
    config: &'c Config,
    footer_patterns: regex::RegexSet,
    zone: Option<chrono_tz::Tz>,
    sanitizer: markdown::Sanitizer,
    /// What the whole archive says ([`Reader::infer`]); until then, nothing.
    profile: Profile,
}

impl<'c> Reader<'c> {
    pub fn new(config: &'c Config) -> Result<Reader<'c>> {
        let footer_patterns = config.footer_regexes()?;
        let sanitizer = markdown::Sanitizer::new(&config.base_url)?;
        let profile = Profile::for_config(config)?;
        Ok(Reader { config, footer_patterns, zone: config.zone()?, sanitizer, profile })
    }

    /// Reads the header of `path` and, when `shape` is set, what its body
    /// tells of the archive's structure. `Ok(None)` for a draft.
    pub fn scan(&self, path: &Path, shape: bool) -> Result<Option<(Header, Option<Shape>)>, InputError> {
        let text = read_text(path)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let text = replace_forbidden_chars(text);
        let Some((header, front)) = self.header_of(&text, path)? else { return Ok(None) };
        let shape = shape.then(|| markdown::shape(&text[front.body_start..], &header.title, header.number));
        Ok(Some((header, shape)))
    }

    /// Sets what the archive's sampled issues tell of its structure
    /// ([`structure::Profile::infer`]): every issue read after this is read
    /// with it.
    pub fn infer(&mut self, shapes: &[Shape]) -> Result<()> {
        self.profile = Profile::infer(shapes, self.config)?;
        Ok(())
    }

    /// What the reader knows of the archive's structure.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Reads one file. `Ok(None)` for a draft.
    pub fn parse(&self, path: &Path) -> Result<Option<Issue>, InputError> {
        self.parse_str(&read_text(path)?, path)
    }

    /// Reads only what orders a file among the others: its front matter.
    /// `Ok(None)` for a draft. [`Reader::parse`] reads the same header.
    pub fn header(&self, path: &Path) -> Result<Option<Header>, InputError> {
        let text = read_text(path)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        Ok(self.header_of(&replace_forbidden_chars(text), path)?.map(|(header, _)| header))
    }

    /// Parses the text of an issue file; `path` is used for errors, and
    /// for the date and number when the front matter has none.
    pub fn parse_str(&self, text: &str, path: &Path) -> Result<Option<Issue>, InputError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = &*replace_forbidden_chars(text);
        let Some((Header { number, title, date }, front)) = self.header_of(text, path)? else {
            return Ok(None);
        };
        let canonical = |name: &str| self.profile.section_name(self.config.canonical_section(name));
        let cx = markdown::BodyContext {
            title: &title,
            number,
            footer_patterns: &self.footer_patterns,
            canonical: &canonical,
            sanitizer: &self.sanitizer,
            profile: &self.profile,
        };
        let body = markup::prepare(&text[front.body_start..]);
        let body = markdown::parse_body(&body, front.body_line, &cx)
            .map_err(|(kind, line)| input_error(path, text, Spot::at(line, 1), kind))?;
        let mut issue = Issue {
            number,
            title,
            date,
            source: path.to_path_buf(),
            intro_html: body.intro_html,
            intro_text: body.intro_text,
            sections: body.sections,
            footer_html: body.footer_html,
        };
        // YAML escapes ("\a") and character references (`&#12;`) can bring
        // forbidden characters back after the raw text was cleaned.
        issue.for_each_text(scrub);
        Ok(Some(issue))
    }

    /// The header and the front matter of a text already cleaned of
    /// forbidden characters; `None` for a draft.
    fn header_of(&self, text: &str, path: &Path) -> Result<Option<(Header, FrontMatter)>, InputError> {
        let error = |spot: Spot, kind| input_error(path, text, spot, kind);
        let front = front_matter::parse(text).map_err(|(kind, spot)| error(spot, kind))?;
        if front.draft {
            return Ok(None);
        }
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let mut title = front.title.clone().ok_or_else(|| error(Spot::at(1, 1), ErrorKind::MissingKey("title")))?;
        let date = match &front.date {
            Some((value, spot)) => front_matter::parse_date(value, self.zone)
                .ok_or_else(|| error(*spot, ErrorKind::BadDate(value.clone())))?,
            None => self.date_in_file_name(stem).ok_or_else(|| error(Spot::at(1, 1), ErrorKind::MissingKey("date")))?,
        };
        let number = front.number.or_else(|| front_matter::number_in(&title)).or_else(|| number_in_file_name(stem));
        scrub(&mut title);
        Ok(Some((Header { number, title, date }, front)))
    }

    /// The date a Jekyll-style file name starts with (`2014-11-30-204`).
    fn date_in_file_name(&self, stem: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        FILE_DATE.captures(stem).and_then(|c| front_matter::parse_date(&c[1], self.zone))
    }
}

/// What orders an issue among the others, and names it: the
/// [`Issue`] fields that come from the front matter and the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub number: Option<u32>,
    pub title: String,
    pub date: chrono::DateTime<chrono::FixedOffset>,
}

impl Header {
    /// The issue's page name and id: its number, else its date (as [`Issue::key`]).
    pub fn key(&self) -> String {
        crate::model::issue_key(self.number, &self.date)
    }
}

/// A file's text; an error names the first byte that is not UTF-8.
fn read_text(path: &Path) -> Result<String, InputError> {
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

/// An error at `spot` of `text`, the text of `path`.
fn input_error(path: &Path, text: &str, spot: Spot, kind: ErrorKind) -> InputError {
    InputError { path: path.to_path_buf(), spot, source_line: line_text(text, spot.line), kind }
}

/// Characters XML 1.0 forbids (control characters other than tab, line
/// feed and carriage return, and U+FFFE/U+FFFF) become U+FFFD, one for one,
/// so no feed can carry them and line and column numbers stay right.
fn replace_forbidden_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let forbidden = |c: char| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}');
    // A byte scan first: the characters are control bytes, or start with
    // 0xEF. Folding each block without stopping early lets it vectorise.
    let maybe = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF;
    let any_maybe = |block: &[u8]| block.iter().fold(false, |found, &b| found | maybe(b));
    if text.as_bytes().chunks(64).any(any_maybe) && text.contains(forbidden) {
        std::borrow::Cow::Owned(text.replace(forbidden, "\u{fffd}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Replaces forbidden characters in a string of the model, in place.
fn scrub(text: &mut String) {
    if let std::borrow::Cow::Owned(clean) = replace_forbidden_chars(text) {
        *text = clean;
    }
}

static FILE_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})(?:-([0-9]{1,9})\b)?").expect("valid regex"));

/// The number after the date in a file name (`2014-11-30-204` → 204).
fn number_in_file_name(stem: &str) -> Option<u32> {
    FILE_DATE.captures(stem).and_then(|c| c.get(2)).and_then(|m| m.as_str().parse().ok())
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
        let is_issue = entry.path().extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e));
        if entry.file_type().is_file() && is_issue {
            files.push(entry.into_path());
        }
    }
    Ok((files, errors))
}

/// What to show while reading.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Print each file's path as it is read.
    pub verbose: bool,
    /// Show a progress bar on a terminal for archives over [`PROGRESS_FROM`] files.
    pub progress: bool,
}

/// Archives with more files than this get a progress bar (on a terminal).
pub const PROGRESS_FROM: usize = 300;

/// Reads every issue file below `dir` in parallel.
pub fn load_dir(dir: &Path, config: &Config, options: LoadOptions) -> Result<Loaded> {
    let (files, unlisted) = issue_files(dir)?;
    if files.is_empty() && unlisted.is_empty() {
        bail!("no issue files in `{}`: expected files ending in .md, .markdown, .mdown or .txt", dir.display());
    }
    let mut reader = Reader::new(config)?;
    // The structure is inferred from a sample of the issues before any is read.
    let every = files.len().div_ceil(structure::SAMPLE).max(1);
    let shapes: Vec<Shape> = files
        .par_iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .filter_map(|(_, path)| reader.scan(path, true).ok().flatten().and_then(|(_, shape)| shape))
        .collect();
    reader.infer(&shapes)?;
    // indicatif draws nothing when standard error is not a terminal (pipes, CI logs).
    let bar = if options.progress && files.len() > PROGRESS_FROM {
        indicatif::ProgressBar::new(files.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let results: Vec<_> = files
        .par_iter()
        .map(|path| {
            if options.verbose {
                bar.suspend(|| eprintln!("reading {}", path.display()));
            }
            let result = reader.parse(path);
            bar.inc(1);
            (path, result)
        })
        .collect();
    bar.finish_and_clear();
    let mut loaded = Loaded { errors: unlisted, profile: reader.profile().clone(), ..Loaded::default() };
    for (path, result) in results {
        match result {
            Ok(Some(issue)) => loaded.archive.issues.push(issue),
            Ok(None) => loaded.drafts.push(path.clone()),
            Err(error) => loaded.errors.push(error),
        }
    }
    let place = crate::model::archive_order;
    loaded.archive.issues.sort_by(|a, b| place(a.date, a.number, &a.source).cmp(&place(b.date, b.number, &b.source)));
    unique_slugs(&mut loaded.archive);
    Ok(loaded)
}

/// Gives every section its slug among all the archive's section names
/// ([`crate::model::section_slugs`]).
fn unique_slugs(archive: &mut Archive) {
    let slugs =
        crate::model::section_slugs(archive.issues.iter().flat_map(|i| &i.sections).map(|s| s.canonical.as_str()));
    for section in archive.issues.iter_mut().flat_map(|i| &mut i.sections) {
        section.slug = slugs[&section.canonical].clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_become_replacement_characters() {
        assert_eq!(replace_forbidden_chars("a\u{0}b\u{1b}c\td\r\n\u{ffff}"), "a\u{fffd}b\u{fffd}c\td\r\n\u{fffd}");
        assert!(matches!(replace_forbidden_chars("plain"), std::borrow::Cow::Borrowed(_)));
        // The byte scan goes by blocks: a character is found in any block,
        // across a block's edge, and in the short last block.
        for at in [0, 1, 63, 64, 65, 127, 128, 190] {
            for bad in ['\u{7}', '\u{fffe}'] {
                let mut text = "x".repeat(200);
                text.insert(at, bad);
                let clean = replace_forbidden_chars(&text);
                assert_eq!(clean.chars().nth(at), Some('\u{fffd}'), "{bad:?} at {at}");
                assert_eq!(clean.chars().count(), 201);
            }
        }
        assert!(matches!(replace_forbidden_chars(&"é\tx\r\n".repeat(50)), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_cannot_bring_control_characters_back() {
        let config = Config::default();
        let reader = Reader::new(&config).unwrap();
        let text = "---\ntitle: \"Data\\a Weekly \\e #58\"\ndate: 2020-01-05\n---\n\nIntro &#12; here.\n\nNews\n====\n\nA &#7; post &#x1b;.\n[https://a.example/](https://a.example/)\n";
        let issue = reader.parse_str(text, Path::new("a.md")).unwrap().unwrap();
        assert_eq!(issue.title, "Data\u{fffd} Weekly \u{fffd} #58");
        assert!(!issue.intro_html.contains('\u{c}') && !issue.intro_text.contains('\u{c}'), "{:?}", issue.intro_html);
        let item = &issue.sections[0].items[0];
        assert_eq!(item.text, "A \u{fffd} post \u{fffd}.");
        assert!(!item.html.contains('\u{7}') && !item.html.contains('\u{1b}'), "{:?}", item.html);
    }

    #[test]
    fn control_characters_never_reach_the_model() {
        let config = Config::default();
        let reader = Reader::new(&config).unwrap();
        let text = "---\ntitle: A\u{7} Issue 1\ndate: 2020-01-05\n---\n\nNews\n====\n\nText\u{0} here.\n[https://a.example/](https://a.example/)\n";
        let issue = reader.parse_str(text, Path::new("a.md")).unwrap().unwrap();
        assert_eq!(issue.title, "A\u{fffd} Issue 1");
        assert_eq!(issue.sections[0].items[0].text, "Text\u{fffd} here.");
    }
}
