//! Errors found in input files, each with the file and line it is about.
//!
//! The location is kept apart from the message (as `just` and `ripgrep` do),
//! so the message can be tested alone and the location added when reporting.

use std::fmt;
use std::path::PathBuf;

/// What is wrong with an issue file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    #[error("cannot read file: {0}")]
    Unreadable(String),
    #[error("file is not valid UTF-8 (invalid byte at column {column}); save it as UTF-8")]
    NotUtf8 { column: usize },
    #[error("expected front matter: a `---` line, `title:` and `date:` lines, then a `---` line")]
    NoFrontMatter,
    #[error("front matter opened with `---` is never closed; expected a `---` line after it")]
    UnclosedFrontMatter,
    #[error("invalid front matter: {0}")]
    BadFrontMatter(String),
    #[error("front matter has no `{0}:` key")]
    MissingKey(&'static str),
    #[error(
        "invalid date `{0}`: expected RFC 3339 (2015-11-22T14:02:45+00:00), \
         YYYY-MM-DD or YYYY-MM-DD HH:MM"
    )]
    BadDate(String),
    #[error("no sections: expected a heading (`News` over a `====` line, or `# News`)")]
    NoSections,
}

/// An [`ErrorKind`] at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file, as it was found (relative to where trendfeed was started if it was given so).
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    pub kind: ErrorKind,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.kind)
    }
}

impl std::error::Error for InputError {}

/// Several input errors found in one run, reported together.
#[derive(Debug)]
pub struct InvalidInput(pub Vec<InputError>);

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for error in &self.0 {
            writeln!(f, "error: {error}")?;
        }
        let n = self.0.len();
        write!(f, "{n} invalid issue file{}; nothing was written", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for InvalidInput {}

/// 1-based line number of byte offset `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_has_path_and_line() {
        let error = InputError {
            path: PathBuf::from("issues/2015-02-30-1.md"),
            line: 3,
            kind: ErrorKind::BadDate("2015-02-30".into()),
        };
        assert_eq!(
            error.to_string(),
            "issues/2015-02-30-1.md:3: invalid date `2015-02-30`: expected RFC 3339 \
             (2015-11-22T14:02:45+00:00), YYYY-MM-DD or YYYY-MM-DD HH:MM"
        );
    }

    #[test]
    fn line_of_counts_newlines_before_offset() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 4), 3);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
