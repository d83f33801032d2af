//! UAX #29 word boundaries, as unicode-segmentation finds them, found
//! faster in ASCII text: [`split_word_bounds`], and the byte tests that
//! [`super::words::Scanner`] shares for its own pass over ASCII text.
//!
//! Not here: which segments are words to count ([`super::words`]).

use unicode_segmentation::{UWordBounds, UnicodeSegmentation};

/// The segments of `text` between UAX #29 word boundaries: exactly those of
/// `text.split_word_bounds()`, found faster in ASCII text.
///
/// The text is cut into spans ([`Spans`]) before each ASCII byte other than a space
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
    WordBounds { spans: Spans::new(text), ascii: "", other: "".split_word_bounds() }
}

/// The iterator of [`split_word_bounds`].
pub(crate) struct WordBounds<'a> {
    /// Not yet split.
    spans: Spans<'a>,
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
            match self.spans.next()? {
                (span, true) => self.ascii = span,
                (span, false) => self.other = span.split_word_bounds(),
            }
        }
    }
}

/// The spans of a text that [`split_word_bounds`] splits each on its own,
/// in order, none empty, each with whether it is all ASCII: the ASCII text
/// before a span holding a non-ASCII character, that span, and so on.
pub(super) struct Spans<'a> {
    /// Not yet cut into spans.
    rest: &'a str,
    /// A span with a non-ASCII character, cut with the ASCII span before it.
    other: &'a str,
}

impl<'a> Spans<'a> {
    pub(super) fn new(text: &'a str) -> Spans<'a> {
        Spans { rest: text, other: "" }
    }
}

impl<'a> Iterator for Spans<'a> {
    type Item = (&'a str, bool);

    fn next(&mut self) -> Option<(&'a str, bool)> {
        if !self.other.is_empty() {
            return Some((std::mem::take(&mut self.other), false));
        }
        if self.rest.is_empty() {
            return None;
        }
        let bytes = self.rest.as_bytes();
        let Some(first) = bytes.iter().position(|b| !b.is_ascii()) else {
            return Some((std::mem::take(&mut self.rest), true));
        };
        let start = (1..first).rev().find(|&at| is_cut(bytes, at)).unwrap_or(0);
        let end = (first + 1..bytes.len()).find(|&at| is_cut(bytes, at)).unwrap_or(bytes.len());
        // Both are at ASCII bytes, or at an end: character boundaries.
        let ascii = &self.rest[..start];
        let other = &self.rest[start..end];
        self.rest = &self.rest[end..];
        if ascii.is_empty() {
            return Some((other, false));
        }
        self.other = other;
        Some((ascii, true))
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
pub(super) fn next_ascii<'a>(text: &mut &'a str) -> Option<&'a str> {
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
pub(super) fn word_end(bytes: &[u8], start: usize) -> usize {
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
pub(super) fn is_word_byte(b: u8) -> bool {
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

    use super::{Spans, split_word_bounds};

    /// Asserts that [`split_word_bounds`] splits `text` as unicode-segmentation does.
    pub(in crate::trends::emerging) fn same_segments(text: &str) {
        let new: Vec<&str> = split_word_bounds(text).collect();
        let old: Vec<&str> = text.split_word_bounds().collect();
        assert_eq!(new, old, "{text:?}");
        let spans: Vec<(&str, bool)> = Spans::new(text).collect();
        assert_eq!(spans.iter().map(|s| s.0).collect::<String>(), text);
        for &(span, ascii) in &spans {
            assert!(!span.is_empty() && ascii == span.is_ascii(), "{span:?} in {text:?}");
        }
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
