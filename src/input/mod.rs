//! Reading an archive: finds the issue files in a folder, parses each one
//! (in parallel) into the model, and collects every error instead of
//! stopping at the first.

mod blocks;
mod collapse;
mod dates;
mod draft;
mod files;
mod footer;
pub mod front_matter;
mod items;
pub mod markdown;
mod markup;
mod sanitize;
mod shape;
mod simple_yaml;
pub mod structure;
mod text;
mod title;

use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::error::{ErrorKind, InputError, Spot, line_text};
use crate::model::{Archive, Issue};
use front_matter::FrontMatter;
use structure::{Profile, Shape};

pub(crate) use files::read_text;
pub use files::{EXTENSIONS, issue_files, no_issue_files};
use files::{file_stem, number_in_file_name};
use title::title_heading;

/// The result of reading a folder: the valid issues and the invalid files.
#[derive(Debug, Default)]
pub struct Loaded {
    pub archive: Archive,
    pub errors: Vec<InputError>,
    /// What was read by a fallback (a date from the file name when the
    /// front matter's cannot be read), in file order.
    pub warnings: Vec<Diagnostic>,
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

    /// A reader of `config` that parses with `profile`, the structure
    /// [`Reader::infer`] found for the archive (with a configuration that
    /// differs from `config` at most in keys the structure does not read,
    /// such as those [`crate::init::complete`] infers): the sample is not
    /// read again.
    pub fn with_profile(config: &'c Config, profile: Profile) -> Result<Reader<'c>> {
        Ok(Reader { profile, ..Reader::new(config)? })
    }

    /// Reads the header of `path` and, when `shape` is set, what its body
    /// tells of the archive's structure. `Ok(None)` for a draft. Of the
    /// configuration, it reads the time zone alone: the build's header
    /// cache (`build/cache/headers.rs`) is keyed by nothing else of it.
    pub fn scan(&self, path: &Path, shape: bool) -> Result<Option<(Header, Option<Shape>)>, InputError> {
        self.scan_text(&read_text(path)?, path, shape)
    }

    /// [`Reader::scan`] of the file at `path`, whose text is `text`.
    pub fn scan_text(
        &self,
        text: &str,
        path: &Path,
        shape: bool,
    ) -> Result<Option<(Header, Option<Shape>)>, InputError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = replace_forbidden_chars(text);
        let Some((header, front)) = self.header_of(&text, path)? else { return Ok(None) };
        // The body as the parser will see it: markup that is not text taken out.
        let shape =
            shape.then(|| shape::shape(&markup::prepare(&text[front.body_start..]), &header.title, header.number));
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

    /// The archive's structure, the reader dropped.
    pub fn into_profile(self) -> Profile {
        self.profile
    }

    /// Reads one file. `Ok(None)` for a draft.
    pub fn parse(&self, path: &Path) -> Result<Option<Issue>, InputError> {
        Ok(self.parse_with_warnings(path)?.map(|(issue, _)| issue))
    }

    /// Reads one file, with the warnings of its header. `Ok(None)` for a draft.
    pub fn parse_with_warnings(&self, path: &Path) -> Result<Option<(Issue, Vec<Diagnostic>)>, InputError> {
        self.parse_str_with_warnings(&read_text(path)?, path)
    }

    /// Parses the text of an issue file; `path` is used for errors, and
    /// for the date and number when the front matter has none.
    pub fn parse_str(&self, text: &str, path: &Path) -> Result<Option<Issue>, InputError> {
        Ok(self.parse_str_with_warnings(text, path)?.map(|(issue, _)| issue))
    }

    fn parse_str_with_warnings(&self, text: &str, path: &Path) -> Result<Option<(Issue, Vec<Diagnostic>)>, InputError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = &*replace_forbidden_chars(text);
        let Some((Header { number, title, date, warnings }, front)) = self.header_of(text, path)? else {
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
            key: crate::model::issue_key(number, &date),
            number,
            title,
            date,
            source: path.to_path_buf(),
            intro_html: body.intro_html,
            intro_text: body.intro_text,
            sections: body.sections,
            footer_html: body.footer_html,
        };
        // Character references (`&#12;`) can bring forbidden characters back
        // after the raw text was cleaned; nothing else of the body can, and
        // the title, which YAML escapes (`"\a"`) can bring them to, is
        // already scrubbed ([`Reader::header_of`]).
        if memchr::memmem::find(&text.as_bytes()[front.body_start..], b"&#").is_some() {
            issue.for_each_text(scrub);
        }
        Ok(Some((issue, warnings)))
    }

    /// The header and the front matter of a text already cleaned of
    /// forbidden characters; `None` for a draft.
    ///
    /// The date is the front matter's, else the one the file name starts
    /// with; a front-matter date that cannot be read gives way to the file
    /// name's with a warning, and is an error when the file name has none.
    /// The title is the front matter's, else the body's title heading
    /// ([`title_heading`]), else the file's stem.
    fn header_of(&self, text: &str, path: &Path) -> Result<Option<(Header, FrontMatter)>, InputError> {
        let error = |spot: Spot, kind| input_error(path, text, spot, kind);
        let front = front_matter::parse(text).map_err(|(kind, spot)| error(spot, kind))?;
        if front.draft {
            return Ok(None);
        }
        let stem = file_stem(path);
        let file_date = self.date_in_file_name(stem);
        let mut warnings = Vec::new();
        // A date that cannot be read as written, and the date used instead.
        let bad_date = |value: &str, spot: Spot, used: String| {
            let kind = ErrorKind::BadDate(value.to_owned());
            Diagnostic {
                severity: Severity::Warning,
                message: format!("{kind}: {used}"),
                ..Diagnostic::from(&error(spot, kind))
            }
        };
        let date = match (&front.date, file_date) {
            (Some((value, spot)), file_date) => match (front_matter::parse_date(value, self.zone), file_date) {
                (Some(date), _) => date,
                (None, Some(date)) => {
                    let used = format!("the file name's date, {}, is used", date.format("%Y-%m-%d"));
                    warnings.push(bad_date(value, *spot, used));
                    date
                }
                (None, None) => {
                    // An unfinished date (`2021-(TODO: MM-DD)`) still places the
                    // issue: at the first day of the year or month it names.
                    let Some(date) = front_matter::partial_date(value, self.zone) else {
                        return Err(error(*spot, ErrorKind::BadDate(value.clone())));
                    };
                    let used = format!("only its start can be read; {} is used", date.format("%Y-%m-%d"));
                    warnings.push(bad_date(value, *spot, used));
                    date
                }
            },
            (None, Some(date)) => date,
            (None, None) if front.present => return Err(error(Spot::at(1, 1), ErrorKind::MissingKey("date"))),
            (None, None) => return Err(error(Spot::at(1, 1), ErrorKind::NoFrontMatter)),
        };
        let mut title = match &front.title {
            Some(title) if !title.trim().is_empty() => title.clone(),
            _ => title_heading(&text[front.body_start..]).unwrap_or_else(|| stem.to_owned()),
        };
        let number = front.number.or_else(|| front_matter::number_in(&title)).or_else(|| number_in_file_name(stem));
        scrub(&mut title);
        Ok(Some((Header { number, title, date, warnings }, front)))
    }

    /// The date a Jekyll-style file name starts with (`2014-11-30-204`,
    /// `2016-5-21-issue-0`), else a date elsewhere in it
    /// (`weekly-204-2014-11-30`).
    fn date_in_file_name(&self, stem: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        front_matter::parse_date(files::date_in_file_name(stem)?, self.zone)
    }
}

/// What orders an issue among the others, and names it: the
/// [`Issue`] fields that come from the front matter and the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub number: Option<u32>,
    pub title: String,
    pub date: chrono::DateTime<chrono::FixedOffset>,
    /// What was read by a fallback, to show the user.
    pub warnings: Vec<Diagnostic>,
}

impl Header {
    /// The issue's key alone, before the archive's keys are made unique
    /// ([`crate::model::unique_keys`]): its number, else its date.
    pub fn key(&self) -> String {
        crate::model::issue_key(self.number, &self.date)
    }
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
        return Err(no_issue_files(dir));
    }
    let mut reader = Reader::new(config)?;
    // The structure is inferred from a sample of the issues before any is read.
    let shapes: Vec<Shape> = files
        .par_iter()
        .filter(|path| structure::in_sample(path, files.len()))
        .filter_map(|path| reader.scan(path, true).ok().flatten().and_then(|(_, shape)| shape))
        .collect();
    reader.infer(&shapes)?;
    Ok(read_files(reader, &files, unlisted, options))
}

/// Parses `files` in parallel with `reader` (its structure already
/// inferred) into an archive in archive order, each issue with its unique
/// key and each section with its slug. `unlisted`: the files that could not
/// be listed, the first errors.
pub fn read_files(reader: Reader, files: &[PathBuf], unlisted: Vec<InputError>, options: LoadOptions) -> Loaded {
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
            let result = reader.parse_with_warnings(path);
            bar.inc(1);
            (path, result)
        })
        .collect();
    bar.finish_and_clear();
    let mut loaded = Loaded { errors: unlisted, ..Loaded::default() };
    for (path, result) in results {
        match result {
            Ok(Some((issue, warnings))) => {
                loaded.archive.issues.push(issue);
                loaded.warnings.extend(warnings);
            }
            Ok(None) => loaded.drafts.push(path.clone()),
            Err(error) => loaded.errors.push(error),
        }
    }
    let place = crate::model::archive_order;
    loaded.archive.issues.sort_by(|a, b| place(a.date, a.number, &a.source).cmp(&place(b.date, b.number, &b.source)));
    unique_slugs(&mut loaded.archive);
    let issues = &mut loaded.archive.issues;
    let (keys, _) = crate::model::unique_keys(issues.iter().map(|i| (i.number, i.date, i.source.as_path())));
    for (issue, key) in issues.iter_mut().zip(keys) {
        issue.key = key;
    }
    loaded.profile = reader.into_profile();
    loaded
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
mod tests;
