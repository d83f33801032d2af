//! Reading an archive: finds the issue files in a folder, parses each one
//! (in parallel) into the model, and collects every error instead of
//! stopping at the first.

pub mod front_matter;
mod items;
pub mod markdown;
mod markup;
mod sanitize;
mod simple_yaml;
pub mod structure;
mod text;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::{Result, bail};
use rayon::prelude::*;
use regex::Regex;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::error::{ErrorKind, InputError, Spot, line_text};
use crate::model::{Archive, Issue};
use front_matter::FrontMatter;
use structure::{Profile, Shape};

/// File name endings read as issues (`.mdx`: Docusaurus, Astro).
pub const EXTENSIONS: [&str; 5] = ["md", "markdown", "mdown", "mdx", "txt"];

/// The error for a folder with no issue file.
pub fn no_issue_files(dir: &Path) -> anyhow::Error {
    let endings: Vec<String> = EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
    anyhow::anyhow!("no issue files in `{}`: expected files ending in {}", dir.display(), endings.join(", "))
}

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

    /// Reads the header of `path` and, when `shape` is set, what its body
    /// tells of the archive's structure. `Ok(None)` for a draft.
    pub fn scan(&self, path: &Path, shape: bool) -> Result<Option<(Header, Option<Shape>)>, InputError> {
        let text = read_text(path)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let text = replace_forbidden_chars(text);
        let Some((header, front)) = self.header_of(&text, path)? else { return Ok(None) };
        // The body as the parser will see it: markup that is not text taken out.
        let shape =
            shape.then(|| markdown::shape(&markup::prepare(&text[front.body_start..]), &header.title, header.number));
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
        // YAML escapes ("\a") and character references (`&#12;`) can bring
        // forbidden characters back after the raw text was cleaned.
        issue.for_each_text(scrub);
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
        let found = FILE_DATE.captures(stem).or_else(|| DATE_IN_NAME.captures(stem))?;
        front_matter::parse_date(&found[1], self.zone)
    }
}

/// The name a file is known by: its stem, or its folder's name for a page
/// bundle's `index.md` (Hugo, Zola, Jekyll's `2020-01-05-204/index.md`).
fn file_stem(path: &Path) -> &str {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    match stem {
        "index" | "_index" => path.parent().and_then(|p| p.file_name()).and_then(|s| s.to_str()).unwrap_or(stem),
        _ => stem,
    }
}

/// The issue's title written as the body's first heading, for files whose
/// front matter has none: a level-1 heading (`# This week in Nu #5`, or
/// setext `Title` over `===`) before any text, when it is the body's only
/// level-1 heading or holds an issue number (`#5`, `Issue 5`). A first
/// heading of a deeper level, or one of several `#` headings without a
/// number, is a section, not a title. Fenced code is skipped.
fn title_heading(body: &str) -> Option<String> {
    let mut candidate: Option<String> = None;
    let mut level_one = 0;
    let mut fence: Option<&str> = None;
    let mut before_text = true;
    let mut lines = body.lines().map(str::trim_end).peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if let Some(open) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
            fence = Some(open);
            before_text = false;
            continue;
        }
        if trimmed.is_empty() || (trimmed.starts_with("<!--") && trimmed.ends_with("-->")) || is_esm_line(trimmed) {
            continue;
        }
        let indented = line.len() - trimmed.len() >= 4;
        let atx =
            trimmed.strip_prefix('#').filter(|rest| !indented && (rest.is_empty() || rest.starts_with([' ', '\t'])));
        let setext = !indented && lines.peek().is_some_and(|next| is_setext_one(next));
        let heading = match (atx, setext) {
            (Some(rest), _) => Some(without_closing_hashes(rest.trim()).to_owned()),
            (None, true) => {
                lines.next();
                Some(trimmed.to_owned())
            }
            (None, false) => None,
        };
        if let Some(heading) = heading {
            level_one += 1;
            if before_text && candidate.is_none() {
                candidate = Some(strip_heading_id(&heading));
            }
        }
        before_text = false;
    }
    let title = candidate.filter(|t| !t.is_empty())?;
    let title = front_matter::unescape_markdown(&title);
    (level_one == 1 || front_matter::number_in(&title).is_some()).then_some(title)
}

/// An ATX heading's text without its closing `#`s, which need a space
/// before them (`# C#` is about C#).
fn without_closing_hashes(text: &str) -> &str {
    let open = text.trim_end_matches('#');
    if open.is_empty() || open.ends_with([' ', '\t']) { open.trim_end() } else { text }
}

/// An MDX `import … from "…"` or `export …` line: markup, not text.
fn is_esm_line(line: &str) -> bool {
    (line.starts_with("import ") && (line.contains(" from \"") || line.contains(" from '")))
        || (line.starts_with("export ") && (line.contains(" = ") || line.starts_with("export default ")))
}

/// A setext level-1 underline: `=` characters alone.
fn is_setext_one(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.bytes().all(|b| b == b'=')
}

/// A heading without its `{#id}` attribute (kramdown, Pandoc, Docusaurus).
fn strip_heading_id(heading: &str) -> String {
    match heading.rfind(" {#") {
        Some(at) if heading.ends_with('}') => heading[..at].trim_end().to_owned(),
        _ => heading.to_owned(),
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
fn number_in_file_name(stem: &str) -> Option<u32> {
    let captures = FILE_NUMBER.captures(stem)?;
    let number: u32 = captures.get(1).or_else(|| captures.get(2))?.as_str().parse().ok()?;
    let year: u32 = stem.get(..4)?.parse().ok()?;
    (number.abs_diff(year) > 1).then_some(number)
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

/// What to show while reading.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Print each file's path as it is read.
    pub verbose: bool,
    /// Show a progress bar on a terminal for archives over [`PROGRESS_FROM`] files.
    pub progress: bool,
    /// Read only the sample the structure is inferred from (at most
    /// [`structure::SAMPLE`] files spread over the archive), not every file.
    pub sample: bool,
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
    let every = files.len().div_ceil(structure::SAMPLE).max(1);
    let shapes: Vec<Shape> = files
        .par_iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .filter_map(|(_, path)| reader.scan(path, true).ok().flatten().and_then(|(_, shape)| shape))
        .collect();
    reader.infer(&shapes)?;
    let files: Vec<PathBuf> = match options.sample {
        true => files.into_iter().step_by(every).collect(),
        false => files,
    };
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
    let mut loaded = Loaded { errors: unlisted, profile: reader.profile().clone(), ..Loaded::default() };
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

    fn header(text: &str, path: &str) -> Result<Option<Header>, InputError> {
        let config = Config::default();
        let reader = Reader::new(&config).unwrap();
        reader.header_of(text, Path::new(path)).map(|h| h.map(|(header, _)| header))
    }

    fn date(header: &Header) -> String {
        header.date.to_rfc3339()
    }

    #[test]
    fn without_front_matter_date_from_file_name_and_title_from_heading() {
        // this-week-in-nushell: 281 of 363 issues are like this.
        let text = "# This week in Nu #5\n\nThis week we released 0.3.0!\n\n- landaire made ctrl-c configurable\n";
        let h = header(text, "twin/2019-09-27-twin0005.md").unwrap().unwrap();
        assert_eq!(h.title, "This week in Nu #5");
        assert_eq!(h.number, Some(5));
        assert_eq!(date(&h), "2019-09-27T00:00:00+00:00");
        assert!(h.warnings.is_empty());
        assert_eq!(h.key(), "5");
    }

    #[test]
    fn without_a_title_heading_the_file_stem_is_the_title() {
        // A first heading below level 1 is a section, not a title.
        let h = header("## Nushell\n\n- fdncred added unicode\n", "2021-03-19-twin0082.md").unwrap().unwrap();
        assert_eq!((h.title.as_str(), h.number), ("2021-03-19-twin0082", Some(82)));
        // Text before the heading: the heading is a section.
        let h = header("Hello.\n\n# News\n", "2021-03-19.md").unwrap().unwrap();
        assert_eq!((h.title.as_str(), h.number), ("2021-03-19", None));
    }

    #[test]
    fn front_matter_without_title_takes_the_heading() {
        let text = "---\ndate: 2020-01-05\n---\n\nWeekly 12\n=========\n\nNews\n----\n";
        assert_eq!(header(text, "a.md").unwrap().unwrap().title, "Weekly 12");
        let text = "---\ntitle: ''\ndate: 2020-01-05\n---\n# Weekly 13 {#top}\n";
        assert_eq!(header(text, "a.md").unwrap().unwrap().title, "Weekly 13");
    }

    #[test]
    fn title_headings() {
        assert_eq!(
            title_heading("\n# This week in Nushell #9 #\n\n## News\n").as_deref(),
            Some("This week in Nushell #9")
        );
        assert_eq!(title_heading("Weekly\n===\n\n## News\n").as_deref(), Some("Weekly"));
        assert_eq!(title_heading("<!-- draft -->\n# Issue \\#4\n").as_deref(), Some("Issue #4"));
        let mdx = "import Support from \"../_support.mdx\";\nexport const year = 2022;\n\n# Weekly #7\n";
        assert_eq!(title_heading(mdx).as_deref(), Some("Weekly #7"));
        assert_eq!(title_heading("import this, and that.\n\n# Weekly #7\n"), None, "prose");
        // Sections at `#`: the first of several `#` headings is no title…
        assert_eq!(title_heading("# News\n\n- a\n\n# Jobs\n\n- b\n"), None);
        // …unless it holds a number.
        assert_eq!(title_heading("# Weekly #3\n\n# News\n\n- a\n").as_deref(), Some("Weekly #3"));
        // `#` lines in code do not count; `#hashtag` and indented code are no heading.
        assert_eq!(title_heading("# Weekly\n\n```sh\n# comment\n```\n").as_deref(), Some("Weekly"));
        assert_eq!(title_heading("#hashtag\n"), None);
        assert_eq!(title_heading("    # code\n"), None);
        assert_eq!(title_heading("## News\n"), None);
        assert_eq!(title_heading("#\n"), None);
        assert_eq!(title_heading("# ##\n"), None);
        assert_eq!(title_heading("# Weekly C#\n").as_deref(), Some("Weekly C#"));
        assert_eq!(title_heading("# Weekly C# ##\n").as_deref(), Some("Weekly C#"));
        assert_eq!(title_heading(""), None);
    }

    #[test]
    fn no_date_anywhere_is_an_error_naming_the_file() {
        let error = header("# Weekly\n\nText.\n", "issues/weekly.md").unwrap_err();
        assert_eq!(error.to_string().split(": expected").next(), Some("issues/weekly.md:1:1: no front matter"));
        let error = header("---\ntitle: Weekly\n---\n", "issues/weekly.md").unwrap_err();
        assert_eq!(error.kind, ErrorKind::MissingKey("date"));
        // A date with nothing readable in it, and no date in the file name.
        let error = header("Title: Weekly\nDate: (TODO)\n\n# News\n", "nixos/01.md").unwrap_err();
        assert_eq!(error.kind, ErrorKind::BadDate("(TODO)".into()));
        assert_eq!((error.spot.line, error.spot.column), (2, 7));
    }

    #[test]
    fn an_unfinished_date_places_the_issue_at_the_start_of_what_it_names() {
        // nixos-weekly's unfinished issue: only the year of its date is
        // written, and its file name (`01.md`) holds none.
        let nixos = header_of_text("Title: #06 - NixOS Weekly\nDate: 2021-(TODO: MM-DD)\n\n# News\n");
        assert_eq!(nixos.date.to_rfc3339(), "2021-01-01T00:00:00+00:00");
        assert_eq!(
            nixos.warnings[0].message,
            "invalid date `2021-(TODO: MM-DD)`: only its start can be read; 2021-01-01 is used"
        );
        assert_eq!(nixos.warnings[0].spot.line, 2);
        let july = header_of_text("Title: W\nDate: 2021-07-??\n\n# News\n");
        assert_eq!(july.date.to_rfc3339(), "2021-07-01T00:00:00+00:00");
        // A whole date that does not exist is no unfinished one.
        assert!(header("Title: W\nDate: 2015-02-30\n\n# News\n", "x/01.md").is_err());
    }

    fn header_of_text(text: &str) -> Header {
        header(text, "x/01.md").unwrap().unwrap()
    }

    #[test]
    fn unreadable_front_matter_date_gives_way_to_the_file_name_with_a_warning() {
        // lwkd: `2022-02-29` is not on the calendar.
        let text = "---\nlayout: post\ntitle: Week Ending February 27, 2022\ndate: 2022-02-29 07:10:00 -0000\n---\n";
        let h = header(text, "lwkd/2022-02-27-update.md").unwrap().unwrap();
        assert_eq!(date(&h), "2022-02-27T00:00:00+00:00");
        let [warning] = &h.warnings[..] else { panic!("{:?}", h.warnings) };
        assert_eq!(warning.severity, Severity::Warning);
        assert_eq!(warning.path, Path::new("lwkd/2022-02-27-update.md"));
        assert_eq!((warning.spot.line, warning.spot.column), (4, 7));
        assert_eq!(
            warning.message,
            "invalid date `2022-02-29 07:10:00 -0000`: the file name's date, 2022-02-27, is used"
        );
        assert_eq!(warning.source_line.as_deref(), Some("date: 2022-02-29 07:10:00 -0000"));
        // The file name's date does not override a readable front-matter date.
        let text = "---\ntitle: Week Ending June 25\ndate: 2023-06-21 05:40:00 -0000\n---\n";
        let h = header(text, "lwkd/2023-06-25-update.md").unwrap().unwrap();
        assert_eq!(date(&h), "2023-06-21T05:40:00+00:00");
        assert!(h.warnings.is_empty());
    }

    #[test]
    fn drafts_are_left_out() {
        assert_eq!(header("Title: a\nDate: 2021-01-01\nStatus: draft\n\n# News\n", "a.md").unwrap(), None);
    }

    #[test]
    fn dates_in_file_names() {
        let h = header("---\ntitle: Issue #0\n---\n", "_posts/2016-5-21-issue-0.md").unwrap().unwrap();
        assert_eq!(date(&h), "2016-05-21T00:00:00+00:00");
        let h = header("# Weekly\n", "2020-01-05-204/index.md").unwrap().unwrap();
        assert_eq!((date(&h).as_str(), h.number, h.title.as_str()), ("2020-01-05T00:00:00+00:00", Some(204), "Weekly"));
        let h = header("# Weekly\n", "weekly-204-2020-01-05.md").unwrap().unwrap();
        assert_eq!((date(&h).as_str(), h.number), ("2020-01-05T00:00:00+00:00", None));
        assert!(header("# Weekly\n", "2020-13-05-weekly.md").is_err());
        assert!(header("# Weekly\n", "nixos-weekly-2020-01.md").is_err(), "a month is not a date");
        assert!(header("# Weekly\n", "12020-01-05.md").is_err());
        assert!(header("# Weekly\n", "20200105.md").is_err());
    }

    #[test]
    fn numbers_in_file_names() {
        assert_eq!(number_in_file_name("2014-11-30-204"), Some(204));
        assert_eq!(number_in_file_name("2014-11-30-204-late-november"), Some(204));
        assert_eq!(number_in_file_name("2016-5-21-issue-0"), Some(0));
        assert_eq!(number_in_file_name("2019-08-30-twin0001"), Some(1));
        assert_eq!(number_in_file_name("2019-08-30_no_12"), Some(12));
        assert_eq!(number_in_file_name("2019-08-30-kubernetes-release-1-20"), None, "words, then digits and digits");
        assert_eq!(number_in_file_name("2019-08-30-news-no-12"), None, "two words before the number");
        // A year is not an issue number.
        assert_eq!(number_in_file_name("2018-1-15-2018-3"), None);
        assert_eq!(number_in_file_name("2022-05-23-2022-W21"), None);
        assert_eq!(number_in_file_name("2022-12-30-2023-new-year"), None);
        assert_eq!(number_in_file_name("2022-05-23-2030"), Some(2030));
        assert_eq!(number_in_file_name("2018-01-14-update"), None);
        assert_eq!(number_in_file_name("204"), None);
    }

    #[test]
    fn mdx_is_an_issue_file() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["110.mdx", "a.MD", "b.txt", "c.html", "d.mdxx"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let (files, errors) = issue_files(dir.path()).unwrap();
        let names: Vec<_> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["110.mdx", "a.MD", "b.txt"]);
        assert!(errors.is_empty());
    }

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
