//! The words [`super`] counts: a [`Scanner`] turns a text into runs of kept
//! words, lower-cased, and [`split_word_bounds`] finds the UAX #29 word
//! boundaries it works from, with a fast path for ASCII text.
//!
//! Not here: what is done with the words (term ids, plurals, counts).

use memchr::memmem;
use regex::Regex;
use unicode_segmentation::{UWordBounds, UnicodeSegmentation};

use crate::config::Config;
use rustc_hash::FxHashSet;

/// Prepared once for [`super::Counter::add`]: the stop words and the URL
/// pattern. Shared by the threads of a build.
pub struct Scanner {
    stop: FxHashSet<Box<str>>,
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
            .chain(config.emerging_stop_words.iter().map(|w| w.trim().to_lowercase()))
            .map(String::into_boxed_str)
            .collect();
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

    fn scan(&self, text: &str, buf: &mut String, event: &mut impl FnMut(Option<&str>)) {
        if text.is_ascii() {
            return self.scan_ascii(text, buf, event);
        }
        let mut runs = Runs::default();
        for segment in split_word_bounds(text) {
            let alphanumeric = if segment.is_ascii() {
                segment.bytes().any(|b| b.is_ascii_alphanumeric())
            } else {
                segment.chars().any(char::is_alphanumeric)
            };
            if alphanumeric {
                runs.word(self.word(segment, buf), event);
            } else {
                runs.between(|| is_gap(segment));
            }
        }
        runs.end(event);
    }

    /// [`Scanner::scan`] of ASCII text in one pass over its bytes: the
    /// segments are those of [`next_ascii`], and what a segment is (a word,
    /// a gap, anything else) is read from its first byte.
    fn scan_ascii(&self, ascii: &str, buf: &mut String, event: &mut impl FnMut(Option<&str>)) {
        let text = ascii.as_bytes();
        let mut runs = Runs::default();
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
        runs.end(event);
    }

    /// [`Scanner::word`] of an ASCII segment.
    fn ascii_word<'b>(&self, segment: &str, buf: &'b mut String) -> Option<&'b str> {
        buf.clear();
        // As below, lower-casing last: it changes no byte trimmed.
        let mut word = segment.as_bytes();
        if let [stem @ .., b'\'', b's' | b'S'] = word {
            word = stem;
        }
        let end = word.len() - word.iter().rev().take_while(|&&b| matches!(b, b'\'' | b'.' | b'_')).count();
        let start = word[..end].iter().take_while(|&&b| matches!(b, b'\'' | b'.' | b'_')).count();
        let word = &word[start..end];
        let digits = word.iter().filter(|b| b.is_ascii_digit()).count();
        if word.len() < 2 || word.len() > 40 || digits >= 3 || !word.iter().any(u8::is_ascii_alphabetic) {
            return None;
        }
        // ASCII: `start` and `end` are character boundaries.
        buf.push_str(&segment[start..start + word.len()]);
        buf.make_ascii_lowercase();
        (!self.stop.contains(buf.as_str())).then_some(buf.as_str())
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

/// The segments of `text` between UAX #29 word boundaries: exactly those of
/// `text.split_word_bounds()`, found faster in ASCII text.
///
/// The text is cut into spans before each ASCII byte other than a space
/// that follows a space or a line feed, and each span is split on its own:
/// spans of ASCII text by [`next_ascii`], the others by unicode-segmentation.
/// This is exact because unicode-segmentation's forward iterator starts
/// each segment afresh from the rest of the text, and each cut is a
/// boundary found without looking across it: no segment but a run of
/// spaces reads past a space or a line feed (WB3a, WB3b, WB3d, WB999;
/// ASCII has no Extend or Format character for WB4 to skip), a run of
/// spaces ends before any other ASCII character, and a line feed ends right
/// after itself. The tests compare the two on every short string over
/// characters of each word-break class, on random text and on the archives.
pub(crate) fn split_word_bounds(text: &str) -> WordBounds<'_> {
    WordBounds { rest: text, ascii: "", other: "".split_word_bounds() }
}

/// The iterator of [`split_word_bounds`].
pub(crate) struct WordBounds<'a> {
    /// Not yet cut into spans.
    rest: &'a str,
    /// What is left of the ASCII span being split.
    ascii: &'a str,
    /// The span with non-ASCII characters being split.
    other: UWordBounds<'a>,
}

impl<'a> Iterator for WordBounds<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            if let Some(segment) = next_ascii(&mut self.ascii) {
                return Some(segment);
            }
            if let Some(segment) = self.other.next() {
                return Some(segment);
            }
            if self.rest.is_empty() {
                return None;
            }
            self.cut();
        }
    }
}

impl<'a> WordBounds<'a> {
    /// Takes the next spans from `rest`: an ASCII span, then a span that
    /// holds the first non-ASCII character, each possibly empty.
    fn cut(&mut self) {
        let bytes = self.rest.as_bytes();
        let first = match self.rest.is_ascii() {
            true => None,
            false => bytes.iter().position(|b| !b.is_ascii()),
        };
        let Some(first) = first else {
            self.ascii = std::mem::take(&mut self.rest);
            return;
        };
        let start = (1..first).rev().find(|&at| is_cut(bytes, at)).unwrap_or(0);
        let end = (first + 1..bytes.len()).find(|&at| is_cut(bytes, at)).unwrap_or(bytes.len());
        // Both are at ASCII bytes, or at an end: character boundaries.
        self.ascii = &self.rest[..start];
        self.other = self.rest[start..end].split_word_bounds();
        self.rest = &self.rest[end..];
    }
}

/// Whether UAX #29 word boundaries may be looked for separately before and
/// from `at` (see [`split_word_bounds`]): `bytes[at]` is ASCII but not a
/// space, and follows a space or a line feed.
fn is_cut(bytes: &[u8], at: usize) -> bool {
    matches!(bytes[at - 1], b' ' | b'\n') && bytes[at].is_ascii() && bytes[at] != b' '
}

/// The first segment of `text`, all ASCII, between UAX #29 word boundaries,
/// taken off `text`. For ASCII the rules come down to: letters, digits and
/// `_` (ExtendNumLet) hold together (WB5, WB8 to WB10, WB13a, WB13b), and
/// so do `:`, `.` and `'` between two letters (WB6, WB7) and `,`, `;`,
/// `.` and `'` between two digits (WB11, WB12); a run of spaces holds
/// together (WB3d; a tab is not WSegSpace), as does CR LF (WB3); any other
/// character stands alone.
fn next_ascii<'a>(text: &mut &'a str) -> Option<&'a str> {
    let bytes = text.as_bytes();
    let end = match *bytes.first()? {
        b' ' => bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len()),
        b'\r' if bytes.get(1) == Some(&b'\n') => 2,
        b if is_word_byte(b) => word_end(bytes, 0),
        _ => 1,
    };
    let (segment, rest) = text.split_at(end);
    *text = rest;
    Some(segment)
}

/// Where the word segment that starts at `start` (on a word byte) of ASCII
/// `bytes` ends (see [`next_ascii`]).
fn word_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start + 1;
    loop {
        end += bytes[end..].iter().take_while(|&&b| is_word_byte(b)).count();
        let (Some(&mid), Some(&after)) = (bytes.get(end), bytes.get(end + 1)) else { break end };
        let before = bytes[end - 1];
        let letters = before.is_ascii_alphabetic() && after.is_ascii_alphabetic();
        let digits = before.is_ascii_digit() && after.is_ascii_digit();
        match mid {
            b'.' | b'\'' if letters || digits => end += 2,
            b':' if letters => end += 2,
            b',' | b';' if digits => end += 2,
            _ => break end,
        }
    }
}

/// ALetter, Numeric and ExtendNumLet in ASCII.
fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// [`is_word_byte`] of each byte.
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == b'_';
        b += 1;
    }
    table
};

#[cfg(test)]
pub(super) mod tests {
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    use super::split_word_bounds;

    /// Asserts that [`split_word_bounds`] splits `text` as unicode-segmentation does.
    pub(in crate::trends::emerging) fn same_segments(text: &str) {
        let new: Vec<&str> = split_word_bounds(text).collect();
        let old: Vec<&str> = text.split_word_bounds().collect();
        assert_eq!(new, old, "{text:?}");
    }

    /// ASCII of every word-break class: ALetter, Numeric, ExtendNumLet,
    /// MidLetter, MidNumLet, MidNum, Single_Quote, Double_Quote, WSegSpace,
    /// CR, LF, Newline (VT, FF) and Other.
    const ASCII: &[char] = &[
        'a', 'Z', 's', 'S', '7', '0', '_', ':', '.', ',', ';', '\'', '"', ' ', '\r', '\n', '\x0b', '\x0c', '\t', '-',
        '@', '/', '#',
    ];

    /// Non-ASCII of every class, and of the archives: ALetter, MidNumLet
    /// (’, one dot leader), Other (…, £, no-break space), Extend, Format,
    /// ZWJ, WSegSpace, Hebrew_Letter, MidLetter (gershayim), Katakana,
    /// Regional_Indicator, Extended_Pictographic, Newline, MidNum,
    /// ExtendNumLet and Numeric.
    const OTHER: &[char] = &[
        'é', '’', '\u{2024}', '…', '£', '\u{a0}', '\u{301}', '\u{ad}', '\u{200d}', '\u{3000}', 'א', '\u{5f4}', 'カ',
        '🇫', '👍', '\u{2028}', '\u{85}', '\u{ff0c}', '\u{ff3f}', '٣',
    ];

    #[test]
    fn same_segments_on_fixed_cases() {
        for text in [
            "",
            "Brr, it's 29.3°F!",
            "The Service Mesh, and service-mesh tooling in 2017",
            "Kubernetes 1.7 released: see https://k8s.io/blog or www.example.org/x today",
            "e.g. node.js, 1,000.50; 3'4 a:b a::b a.b.c. _a_ __ a_1 1_a 1.a a.1 'quoted' \"x\"",
            "tab\tand  two spaces   three\r\nCRLF\r\rCR\n\nLF\x0bVT\x0cFF",
            "Verizon’s AI-powered pipelines … £5 café",
            "it’s a  b \u{301} c\u{301}d  \u{3000} e 👍\u{200d}👍 🇫🇷🇫 x",
            " lead and trail ",
            "a é",
            "é a",
            " é ",
            "\n",
            "a.\u{301}b a\u{ad}.b 1,\u{301}2",
        ] {
            same_segments(text);
        }
    }

    #[test]
    fn same_segments_on_all_short_strings() {
        fn all(alphabet: &[char], len: usize, text: &mut String) {
            same_segments(text);
            if len > 0 {
                for &c in alphabet {
                    text.push(c);
                    all(alphabet, len - 1, text);
                    text.pop();
                }
            }
        }
        all(ASCII, 4, &mut String::new());
        let both: Vec<char> = ASCII.iter().chain(OTHER).copied().collect();
        all(&both, 3, &mut String::new());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

        #[test]
        fn same_segments_on_random_text(
            chars in prop::collection::vec(
                prop_oneof![6 => prop::sample::select(ASCII), 1 => prop::sample::select(OTHER)],
                0..64,
            )
        ) {
            same_segments(&chars.into_iter().collect::<String>());
        }
    }
}
