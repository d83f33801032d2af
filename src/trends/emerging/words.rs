//! The words [`super`] counts: a [`Scanner`] turns a text into runs of kept
//! words, lower-cased, from the UAX #29 word boundaries.
//!
//! Not here: what is done with the words (term ids, plurals, counts).

use std::collections::HashSet;

use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

use super::FastBuild;
use crate::config::Config;

/// Prepared once for [`super::Counter::add`]: the stop words and the URL pattern.
/// Shared by the threads of a build.
pub struct Scanner {
    stop: HashSet<Box<str>, FastBuild>,
    /// URLs, e-mail addresses and domain names.
    urls: Regex,
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
            .chain(config.emerging_stop_words.iter().map(|w| w.trim().to_lowercase()))
            .map(String::into_boxed_str)
            .collect();
        let urls = Regex::new(
            r"(?i)\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+|\S+@\S+\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|co|uk|ly|me|sh|ai|app|cloud|info|biz|de|fr|eu|us|tv|gl|ch|nl|be|jp|ca|au|edu|gov)\b(?:/\S*)?",
        )
        .unwrap_or_else(|e| unreachable!("the URL pattern is valid: {e}"));
        Scanner { stop, urls }
    }

    /// Calls `event` with each kept word of `text`, lower-cased, and with
    /// `None` at the end of each run of adjacent kept words. A run ends at a word
    /// not kept, at punctuation other than one hyphen, at more than one
    /// space or line break, and at a URL.
    pub(super) fn runs(&self, text: &str, buf: &mut String, event: &mut impl FnMut(Option<&str>)) {
        let mut last = 0;
        if may_hold_url(text) {
            for url in self.urls.find_iter(text) {
                self.scan(&text[last..url.start()], buf, event);
                last = url.end();
            }
        }
        self.scan(&text[last..], buf, event);
    }

    fn scan(&self, text: &str, buf: &mut String, event: &mut impl FnMut(Option<&str>)) {
        #[derive(PartialEq)]
        enum After {
            Word,
            Gap,
            Other,
        }
        let mut run = false;
        let mut after = After::Other;
        for segment in text.split_word_bounds() {
            let alphanumeric = if segment.is_ascii() {
                segment.bytes().any(|b| b.is_ascii_alphanumeric())
            } else {
                segment.chars().any(char::is_alphanumeric)
            };
            if alphanumeric {
                let kept = self.word(segment, buf);
                if (after != After::Gap || kept.is_none()) && run {
                    event(None);
                    run = false;
                }
                after = match kept {
                    Some(w) => {
                        event(Some(w));
                        run = true;
                        After::Word
                    }
                    None => After::Other,
                };
            } else if after == After::Word && is_gap(segment) {
                after = After::Gap;
            } else {
                after = After::Other;
            }
        }
        if run {
            event(None);
        }
    }

    /// The word counted for a UAX #29 word, if it is kept, lower-cased in
    /// `buf`.
    fn word<'b>(&self, segment: &str, buf: &'b mut String) -> Option<&'b str> {
        buf.clear();
        if segment.is_ascii() {
            buf.push_str(segment);
            buf.make_ascii_lowercase();
        } else {
            buf.extend(segment.to_lowercase().chars().map(|c| if c == '’' { '\'' } else { c }));
        }
        let word = buf.strip_suffix("'s").unwrap_or(buf).trim_matches(['\'', '.', '_']);
        let (chars, digits, letter) = if word.is_ascii() {
            let bytes = word.as_bytes();
            (
                bytes.len(),
                bytes.iter().filter(|b| b.is_ascii_digit()).count(),
                bytes.iter().any(u8::is_ascii_alphabetic),
            )
        } else {
            (
                word.chars().count(),
                word.chars().filter(char::is_ascii_digit).count(),
                word.chars().any(char::is_alphabetic),
            )
        };
        let kept = chars >= 2 && word.len() <= 40 && letter && digits < 3 && !self.stop.contains(word);
        kept.then_some(word)
    }
}

/// False only when the URL pattern cannot match `text`: each of its
/// alternatives needs `://` or a full stop followed by a character that is
/// not white space.
fn may_hold_url(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'.', bytes).any(|at| text[at + 1..].chars().next().is_some_and(|c| !c.is_whitespace()))
        || memchr::memmem::find(bytes, b"://").is_some()
}

/// What may stand between the words of a phrase: one hyphen, or spaces
/// with at most one line break.
fn is_gap(segment: &str) -> bool {
    segment == "-" || (segment.chars().all(char::is_whitespace) && segment.matches('\n').count() <= 1)
}
