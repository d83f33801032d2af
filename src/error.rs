//! Errors found in input files, each with the file, line and column it is
//! about, what was expected there and how to fix it.
//!
//! The location is kept apart from the message (as `just` and `ripgrep` do),
//! so the message can be tested alone; [`crate::diagnostics`] renders both.

use std::fmt;
use std::path::PathBuf;

/// A place in a file: 1-based line and column (in characters), and how many
/// characters the problem spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub line: usize,
    pub column: usize,
    pub width: usize,
}

impl Spot {
    pub fn at(line: usize, column: usize) -> Spot {
        Spot { line, column, width: 1 }
    }
}

/// What is wrong with an issue file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    #[error("cannot read file: {0}")]
    Unreadable(String),
    #[error("file is not valid UTF-8")]
    NotUtf8,
    #[error("no front matter")]
    NoFrontMatter,
    #[error("front matter opened with `{fence}` is never closed")]
    UnclosedFrontMatter { fence: String },
    #[error("invalid front matter: {0}")]
    BadFrontMatter(String),
    #[error("front matter has no `{0}` key")]
    MissingKey(&'static str),
    #[error("invalid date `{0}`")]
    BadDate(String),
    #[error("no sections")]
    NoSections,
}

impl ErrorKind {
    /// What was expected at the spot: the label under the caret.
    pub fn expected(&self) -> String {
        match self {
            ErrorKind::Unreadable(_) => "expected a readable file".into(),
            ErrorKind::NotUtf8 => "expected UTF-8 text; this byte is not".into(),
            ErrorKind::NoFrontMatter => {
                "expected front matter: `---` then `title:` and `date:` lines then `---` (or TOML between `+++`)".into()
            }
            ErrorKind::UnclosedFrontMatter { fence } => format!("expected a closing `{fence}` line after this"),
            ErrorKind::BadFrontMatter(_) => "expected `key: value` lines".into(),
            ErrorKind::MissingKey(key) => format!("expected a `{key}:` line in the front matter"),
            ErrorKind::BadDate(_) => {
                "expected RFC 3339 (2015-11-22T14:02:45+00:00), YYYY-MM-DD or YYYY-MM-DD HH:MM".into()
            }
            ErrorKind::NoSections => "expected a heading (`News` over a `====` line, or `# News`)".into(),
        }
    }

    /// How to fix it.
    pub fn help(&self) -> String {
        match self {
            ErrorKind::Unreadable(_) => "check the permissions, or remove the link or file".into(),
            ErrorKind::NotUtf8 => "re-save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`)".into(),
            ErrorKind::NoFrontMatter => {
                "add a front matter block with a `date:` line, or start the file name with the date (2015-11-22-255.md)"
                    .into()
            }
            ErrorKind::UnclosedFrontMatter { fence } => format!("add a `{fence}` line after the last key"),
            ErrorKind::BadFrontMatter(_) => {
                "quote values that contain `:` or `#`, e.g. title: \"Issue #1: news\"".into()
            }
            ErrorKind::MissingKey("date") => {
                "add `date: 2015-11-22` or start the file name with the date (2015-11-22-255.md)".into()
            }
            ErrorKind::MissingKey(key) => format!("add a `{key}:` line"),
            ErrorKind::BadDate(_) => "write a date that exists on the calendar, such as 2015-11-22".into(),
            ErrorKind::NoSections => "put each section under a heading; the issue's items go inside sections".into(),
        }
    }
}

/// An [`ErrorKind`] at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file, as it was found (relative when the issues folder was given so).
    pub path: PathBuf,
    pub spot: Spot,
    /// The text of the offending line, when there is one.
    pub source_line: Option<String>,
    pub kind: ErrorKind,
}

impl fmt::Display for InputError {
    /// One line: `path:line:column: message: expected …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Spot { line, column, .. } = self.spot;
        write!(f, "{}:{line}:{column}: {}: {}", self.path.display(), self.kind, self.kind.expected())
    }
}

impl std::error::Error for InputError {}

/// Several input errors found in one run, reported together.
#[derive(Debug)]
pub struct InvalidInput(pub Vec<InputError>);

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} invalid issue file{}; nothing was written", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for InvalidInput {}

/// Where each line of a text starts, to turn byte offsets into line numbers
/// in logarithmic time (a text with many items would be quadratic otherwise).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line number of byte offset `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

/// The text of 1-based line `line` of `text`, without its line ending.
pub fn line_text(text: &str, line: usize) -> Option<String> {
    text.lines().nth(line.checked_sub(1)?).map(|l| l.trim_end_matches('\r').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_message_has_path_line_column_and_expectation() {
        let error = InputError {
            path: PathBuf::from("issues/2015-02-30-1.md"),
            spot: Spot { line: 3, column: 7, width: 10 },
            source_line: Some("date: 2015-02-30".into()),
            kind: ErrorKind::BadDate("2015-02-30".into()),
        };
        assert_eq!(
            error.to_string(),
            "issues/2015-02-30-1.md:3:7: invalid date `2015-02-30`: expected RFC 3339 \
             (2015-11-22T14:02:45+00:00), YYYY-MM-DD or YYYY-MM-DD HH:MM"
        );
    }

    #[test]
    fn line_index_counts_newlines_before_offset() {
        let index = LineIndex::new("a\nb\nc");
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(1), 1);
        assert_eq!(index.line(2), 2);
        assert_eq!(index.line(4), 3);
        assert_eq!(index.line(99), 3);
        assert_eq!(LineIndex::new("").line(0), 1);
    }

    #[test]
    fn line_text_strips_line_endings() {
        assert_eq!(line_text("a\r\nb\r\n", 2).as_deref(), Some("b"));
        assert_eq!(line_text("a", 2), None);
        assert_eq!(line_text("a", 0), None);
    }
}
