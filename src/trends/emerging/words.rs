//! The words [`super`] counts: a [`Scanner`] turns a text into runs of kept
//! words, lower-cased, from the UAX #29 word boundaries that
//! [`split_word_bounds`](super::bounds::split_word_bounds) finds (in
//! [`super::bounds`]).
//!
//! Not here: what is done with the words (term ids, plurals, counts).

use memchr::memmem;
use regex::Regex;

use unicode_segmentation::UnicodeSegmentation;

use super::bounds::{Spans, is_word_byte, word_end};
use super::stop::StopWords;
use crate::config::Config;

/// Prepared once for [`super::Counter::add`]: the stop words and the URL
/// pattern. Shared by the threads of a build.
pub struct Scanner {
    stop: StopWords,
    /// URLs, e-mail addresses and domain names.
    urls: Regex,
    /// `://`, which the URL pattern may need.
    scheme: memmem::Finder<'static>,
}

/// Parts of URLs that are words to UAX #29.
const URL_WORDS: [&str; 6] = ["http", "https", "www", "com", "html", "htm"];

impl Scanner {
    pub fn new(config: &Config) -> Scanner {
        let stop = stop_words::get("en")
            .iter()
            .copied()
            .chain(URL_WORDS)
            .map(|w| w.replace('’', "'"))
            .chain(config.emerging_stop_words.iter().map(|w| w.trim().to_lowercase()));
        let stop = StopWords::new(stop);
        let urls = Regex::new(
            r"(?i)\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+|\S+@\S+\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|co|uk|ly|me|sh|ai|app|cloud|info|biz|de|fr|eu|us|tv|gl|ch|nl|be|jp|ca|au|edu|gov)\b(?:/\S*)?",
        )
        .unwrap_or_else(|e| unreachable!("the URL pattern is valid: {e}"));
        Scanner { stop, urls, scheme: memmem::Finder::new("://") }
    }

    /// Calls `event` with each kept word of `text`, lower-cased, and with
    /// `None` at the end of each run of adjacent kept words. Adjacent words
    /// stand apart by one hyphen, one run of spaces and tabs, or one line
    /// break (`is_gap` of the single segment between them). A run ends at
    /// a word not kept, at anything else between words (punctuation, a
    /// space beside a line break, two line breaks), and at a URL.
    pub fn runs(&self, text: &str, buf: &mut String, event: &mut impl FnMut(Option<&str>)) {
        let mut last = 0;
        if self.may_hold_url(text) {
            for url in self.urls.find_iter(text) {
                self.scan(&text[last..url.start()], buf, event);
                last = url.end();
            }
        }
        self.scan(&text[last..], buf, event);
    }

    /// False only when the URL pattern cannot match `text`: each of its
    /// alternatives needs `://` or a full stop followed by a character that
    /// is not white space.
    fn may_hold_url(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        memchr::memchr_iter(b'.', bytes).any(|at| text[at + 1..].chars().next().is_some_and(|c| !c.is_whitespace()))
            || self.scheme.find(bytes).is_some()
    }

    /// The runs of `text`, cut into spans as [`Spans`] does: the ASCII
    /// spans in one pass over their bytes ([`Scanner::scan_ascii`]), the
    /// others by their UAX #29 segments.
    fn scan(&self, text: &str, buf: &mut String, event: &mut impl FnMut(Option<&str>)) {
        let mut runs = Runs::default();
        if text.is_ascii() {
            self.scan_ascii(text, &mut runs, buf, event);
        } else {
            for (span, ascii) in Spans::new(text) {
                if ascii {
                    self.scan_ascii(span, &mut runs, buf, event);
                    continue;
                }
                for segment in span.split_word_bounds() {
                    if segment.chars().any(char::is_alphanumeric) {
                        runs.word(self.word(segment, buf), event);
                    } else {
                        runs.between(|| is_gap(segment));
                    }
                }
            }
        }
        runs.end(event);
    }

    /// [`Scanner::scan`] of ASCII text in one pass over its bytes: the
    /// segments are those of [`next_ascii`](super::bounds::next_ascii), and what a segment is (a word,
    /// a gap, anything else) is read from its first byte, as
    /// [`Scanner::scan`] would find from the whole segment.
    fn scan_ascii(&self, ascii: &str, runs: &mut Runs, buf: &mut String, event: &mut impl FnMut(Option<&str>)) {
        let text = ascii.as_bytes();
        let mut at = 0;
        while let Some(&first) = text.get(at) {
            if is_word_byte(first) {
                let end = word_end(text, at);
                // ASCII: every byte is a character boundary.
                let segment = &ascii[at..end];
                at = end;
                if segment.bytes().any(|b| b.is_ascii_alphanumeric()) {
                    runs.word(self.ascii_word(segment, buf), event);
                } else {
                    runs.between(|| false);
                }
                continue;
            }
            // A run of spaces, CR LF, or one byte; a gap when it is white
            // space with at most one line feed, or a hyphen (as [`is_gap`]).
            at += match first {
                b' ' => text[at..].iter().take_while(|&&b| b == b' ').count(),
                b'\r' if text.get(at + 1) == Some(&b'\n') => 2,
                _ => 1,
            };
            runs.between(|| matches!(first, b' ' | b'-' | b'\n' | b'\r' | b'\t' | b'\x0b' | b'\x0c'));
        }
    }

    /// [`Scanner::word`] of an ASCII segment, in one pass over the bytes
    /// kept.
    #[inline]
    fn ascii_word<'b>(&self, segment: &str, buf: &'b mut String) -> Option<&'b str> {
        // As below, lower-casing last: it changes no byte trimmed.
        let mut word = segment.as_bytes();
        if let [stem @ .., b'\'', b's' | b'S'] = word {
            word = stem;
        }
        while let [rest @ .., b'\'' | b'.' | b'_'] = word {
            word = rest;
        }
        while let [b'\'' | b'.' | b'_', rest @ ..] = word {
            word = rest;
        }
        if word.len() < 2 || word.len() > 40 {
            return None;
        }
        let (mut digits, mut letters) = (0, false);
        for &b in word {
            digits += usize::from(b.is_ascii_digit());
            letters |= b.is_ascii_alphabetic();
        }
        if digits >= 3 || !letters {
            return None;
        }
        buf.clear();
        // ASCII: every byte is a character boundary.
        let start = word.as_ptr() as usize - segment.as_ptr() as usize;
        buf.push_str(&segment[start..start + word.len()]);
        buf.make_ascii_lowercase();
        (!self.stop.contains(buf)).then_some(buf.as_str())
    }

    /// The word counted for a UAX #29 word, if it is kept, lower-cased in
    /// `buf`.
    fn word<'b>(&self, segment: &str, buf: &'b mut String) -> Option<&'b str> {
        if segment.is_ascii() {
            return self.ascii_word(segment, buf);
        }
        buf.clear();
        buf.extend(segment.to_lowercase().chars().map(|c| if c == '’' { '\'' } else { c }));
        let word = buf.strip_suffix("'s").unwrap_or(buf).trim_matches(['\'', '.', '_']);
        let digits = word.chars().filter(char::is_ascii_digit).count();
        let kept = word.chars().count() >= 2
            && word.len() <= 40
            && word.chars().any(char::is_alphabetic)
            && digits < 3
            && !self.stop.contains(word);
        kept.then_some(word)
    }
}

/// What [`Scanner::scan`] saw last: a kept word, a gap after one, or
/// anything else.
#[derive(PartialEq, Default)]
enum After {
    Word,
    Gap,
    #[default]
    Other,
}

/// Where [`Scanner::scan`] is in the runs of adjacent kept words.
#[derive(Default)]
struct Runs {
    /// A run has words not yet ended.
    open: bool,
    after: After,
}

impl Runs {
    /// A segment with a letter or digit: `kept` is its word, if kept. It
    /// joins the open run only across a gap.
    #[inline(always)]
    fn word(&mut self, kept: Option<&str>, event: &mut impl FnMut(Option<&str>)) {
        if (self.after != After::Gap || kept.is_none()) && self.open {
            event(None);
            self.open = false;
        }
        self.after = match kept {
            Some(w) => {
                event(Some(w));
                self.open = true;
                After::Word
            }
            None => After::Other,
        };
    }

    /// Any other segment: a gap (asked only right after a kept word) may
    /// join that word to the next one.
    #[inline(always)]
    fn between(&mut self, gap: impl FnOnce() -> bool) {
        self.after = if self.after == After::Word && gap() { After::Gap } else { After::Other };
    }

    #[inline(always)]
    fn end(self, event: &mut impl FnMut(Option<&str>)) {
        if self.open {
            event(None);
        }
    }
}

/// What may stand between the words of a phrase: one hyphen, or spaces
/// with at most one line break.
fn is_gap(segment: &str) -> bool {
    segment == "-" || (segment.chars().all(char::is_whitespace) && segment.matches('\n').count() <= 1)
}
