//! Renders errors and warnings like a compiler: the message, `--> path:line:column`,
//! the offending source line with a caret under the problem and what was
//! expected, then how to fix it. Built on annotate-snippets (what rustc and
//! cargo use); colour comes out as ANSI codes that [`anstream`] strips when
//! the output is not a terminal or `NO_COLOR` is set.

use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::error::{InputError, Spot};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub spot: Spot,
    /// The text of the line at `spot`, when there is one.
    pub source_line: Option<String>,
    pub message: String,
    /// What was expected, shown under the caret.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Text in the source line to put the caret under, when known.
    pub focus: Option<String>,
}

impl From<&InputError> for Diagnostic {
    fn from(error: &InputError) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: error.path.clone(),
            spot: error.spot,
            source_line: error.source_line.clone(),
            message: error.kind.to_string(),
            label: error.kind.expected(),
            help: Some(error.kind.help()),
            focus: None,
        }
    }
}

impl Diagnostic {
    /// A diagnostic about a line of a file.
    pub fn new(severity: Severity, path: &Path, spot: Spot, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            path: path.to_path_buf(),
            spot,
            source_line: None,
            message: message.into(),
            label: String::new(),
            help: None,
            focus: None,
        }
    }

    /// Points the caret at `text` once the source line is known.
    pub fn with_focus(mut self, text: impl Into<String>) -> Diagnostic {
        self.focus = Some(text.into());
        self
    }

    /// Sets the source line, moving the caret onto the focus text if the
    /// line holds it.
    pub fn set_source_line(&mut self, line: String) {
        if let Some(at) = self.focus.as_deref().and_then(|focus| line.find(focus).map(|i| (i, focus))) {
            self.spot.column = 1 + line[..at.0].chars().count();
            self.spot.width = at.1.chars().count().max(1);
        }
        self.source_line = Some(line);
    }

    pub fn with_source(mut self, line: Option<String>) -> Diagnostic {
        self.source_line = line;
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Renders the diagnostic, styled with ANSI colours (print it with
    /// `anstream`, which removes them where they do not belong).
    pub fn render(&self) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = self.path.display().to_string();
        let title = level.primary_title(self.message.as_str());
        let mut group = match &self.source_line {
            Some(line) => {
                let span = char_span(line, self.spot.column, self.spot.width);
                let annotation = AnnotationKind::Primary.span(span).label(self.label.as_str());
                title.element(
                    Snippet::source(line.as_str()).line_start(self.spot.line).path(path).annotation(annotation),
                )
            }
            None => title.element(Origin::path(path).line(self.spot.line).char_column(self.spot.column)),
        };
        if self.source_line.is_none() && !self.label.is_empty() {
            group = group.element(Level::NOTE.message(self.label.as_str()));
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: [Group; 1] = [group];
        Renderer::styled().render(&report).to_string()
    }
}

/// The byte range of `width` characters from 1-based `column` of `line`,
/// clamped to the line (an empty line gets an empty span at its start).
fn char_span(line: &str, column: usize, width: usize) -> std::ops::Range<usize> {
    let byte_at = |chars: usize| line.char_indices().nth(chars).map_or(line.len(), |(i, _)| i);
    let start = byte_at(column.saturating_sub(1));
    let end = byte_at(column.saturating_sub(1) + width.max(1)).max(start);
    start..end
}

/// Prints diagnostics to standard error, colour only where it belongs.
pub fn eprint_all<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    for diagnostic in diagnostics {
        anstream::eprintln!("{}\n", diagnostic.render());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn plain(text: &str) -> String {
        let mut out = Vec::new();
        let mut stream = anstream::StripStream::new(&mut out);
        std::io::Write::write_all(&mut stream, text.as_bytes()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn renders_like_a_compiler() {
        let error = InputError {
            path: PathBuf::from("issues/bad.md"),
            spot: Spot { line: 3, column: 7, width: 10 },
            source_line: Some("date: 2015-02-30".into()),
            kind: ErrorKind::BadDate("2015-02-30".into()),
        };
        let text = plain(&Diagnostic::from(&error).render());
        assert_eq!(
            text,
            "error: invalid date `2015-02-30`
 --> issues/bad.md:3:7
  |
3 | date: 2015-02-30
  |       ^^^^^^^^^^ expected RFC 3339 (2015-11-22T14:02:45+00:00), YYYY-MM-DD or YYYY-MM-DD HH:MM
  |
  = help: write a date that exists on the calendar, such as 2015-11-22"
        );
    }

    #[test]
    fn without_a_source_line_names_the_place() {
        let d =
            Diagnostic::new(Severity::Warning, Path::new("issues/a.md"), Spot::at(1, 1), "same issue number as b.md");
        let text = plain(&d.render());
        assert!(text.starts_with("warning: same issue number as b.md\n--> issues/a.md:1:1"), "{text}");
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        assert_eq!(char_span("é: x", 4, 1), 4..5);
        assert_eq!(char_span("", 1, 3), 0..0);
        assert_eq!(char_span("abc", 9, 1), 3..3);
    }
}
