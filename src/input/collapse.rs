//! Whitespace collapsed as text is gathered: the [`Collapser`], which gives
//! what `split_whitespace().join(" ")` gives without decoding the characters
//! of the words, and the byte tests its fast path is made of.
//!
//! Not here: which events' text is gathered ([`super::text`]).

/// Punctuation that closes up to the word before it.
pub(super) const CLOSING_PUNCTUATION: [char; 7] = ['.', ',', ';', ':', '!', '?', ')'];

/// `text` with runs of whitespace made one space, trimmed, in one pass.
pub(super) fn collapse_whitespace(text: &str) -> String {
    let mut out = Collapser::with_capacity(text.len());
    out.push(text);
    out.out
}

/// Gathers text with runs of whitespace (as [`char::is_whitespace`] sees
/// it) made one space, and none at either end: what
/// `split_whitespace().join(" ")` gives for everything pushed, without
/// decoding the characters of the words.
#[derive(Default)]
pub(super) struct Collapser {
    pub(super) out: String,
    /// Whitespace since the last word: a space to write before the next one.
    pub(super) space: bool,
    /// The characters of `out`, when pushed with [`Collapser::push_within`].
    pub(super) chars: usize,
}

impl Collapser {
    pub(super) fn with_capacity(capacity: usize) -> Collapser {
        Collapser { out: String::with_capacity(capacity), space: false, chars: 0 }
    }

    /// Empties the text, keeping its buffer.
    pub(super) fn clear(&mut self) {
        self.out.clear();
        self.space = false;
        self.chars = 0;
    }

    pub(super) fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // Text from `copy` on is copied as it is when it ends: it has no
        // whitespace but single spaces between non-whitespace.
        let mut copy = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Sixteen bytes that the steps below would pass over one or two
            // at a time, found at once: the usual case.
            if let Some(block) = bytes[i..].first_chunk::<17>()
                && (i > copy || block[0] != b' ')
                && is_plain_block(block)
            {
                i += 16;
                continue;
            }
            // Otherwise the next sixteen bytes (or more, to the end of a run
            // of whitespace) a byte at a time.
            let stop = i + 16;
            while i < bytes.len() && i < stop {
                let b = bytes[i];
                // Printable ASCII but the space.
                if is_graphic(b) {
                    i += 1;
                    continue;
                }
                // A space between two such characters stays as it is.
                if b == b' ' && i > copy && bytes.get(i + 1).is_some_and(|&next| is_graphic(next)) {
                    i += 2;
                    continue;
                }
                let spaces = whitespace_len(text, i);
                if spaces == 0 {
                    i += 1;
                    continue;
                }
                let run = i;
                i += spaces;
                loop {
                    let more = if i < bytes.len() { whitespace_len(text, i) } else { 0 };
                    if more == 0 {
                        break;
                    }
                    i += more;
                }
                let single_inner_space = run > copy && i < bytes.len() && i - run == 1 && bytes[run] == b' ';
                if !single_inner_space {
                    self.word(&text[copy..run]);
                    self.space = true;
                    copy = i;
                }
            }
        }
        self.word(&text[copy..]);
    }

    /// Pushes `text` unless the result would be longer than `limit`
    /// characters: then stops, perhaps part way, and returns `false`.
    /// [`Collapser::chars`] counts the characters pushed this way.
    pub(super) fn push_within(&mut self, text: &str, limit: usize) -> bool {
        if limit == usize::MAX {
            self.push(text);
            return true;
        }
        let mut rest = text;
        while !rest.is_empty() {
            // Each byte pushed adds at most one character (and a space
            // before it); pushing in parts gives the same output.
            let room = limit.saturating_sub(self.chars).saturating_add(1);
            let mut cut = room.min(rest.len());
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            let before = self.out.len();
            self.push(&rest[..cut]);
            self.chars += self.out[before..].chars().count();
            if self.chars > limit {
                return false;
            }
            rest = &rest[cut..];
        }
        true
    }

    /// Whitespace, as a `" "` pushed would be.
    pub(super) fn space(&mut self) {
        self.space = true;
    }

    pub(super) fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(word);
    }
}

/// Whether [`Collapser::push`] passes over the first sixteen bytes of
/// `block` without copying anything, given that it does not stop at the
/// first: each is printable ASCII but the space, or a space with such a
/// byte after it. Written as one pass over the whole block, with no early
/// exit, so that it compiles to a few vector instructions.
#[inline(always)]
pub(super) fn is_plain_block(block: &[u8; 17]) -> bool {
    let mut stops = false;
    for (&byte, &next) in block.iter().zip(&block[1..]) {
        stops |= !is_graphic(byte) & !((byte == b' ') & is_graphic(next));
    }
    !stops
}

/// An ASCII character that is neither whitespace nor a control character.
#[inline(always)]
pub(super) fn is_graphic(byte: u8) -> bool {
    byte.wrapping_sub(0x21) < 0x5e
}

/// The length in bytes of the whitespace character at byte `i` of `text`,
/// or 0 when the byte there does not start one. Every non-ASCII whitespace
/// character (U+0085, U+00A0, U+1680, U+2000–U+3000) is encoded with a lead
/// byte of 0xC2, 0xE1, 0xE2 or 0xE3; any other byte (a continuation byte
/// included) is not the start of whitespace.
#[inline]
pub(super) fn whitespace_len(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => 1,
        0xc2 | 0xe1 | 0xe2 | 0xe3 => match text[i..].chars().next() {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        },
        _ => 0,
    }
}

#[cfg(test)]
#[path = "collapse_tests.rs"]
pub(super) mod tests;
