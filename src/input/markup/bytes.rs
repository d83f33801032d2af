//! Byte scans the markup pass is made of: comment, tag and close ends,
//! case-insensitive finds, blank lines.

use memchr::{memchr_iter, memmem};

use super::MAX_TAG;

/// Whether the body may hold markup this module removes: a cheap scan that
/// the full pass confirms.
pub(super) fn has_markers(b: &[u8]) -> bool {
    for i in memchr::memchr2_iter(b'<', b'{', b) {
        let rest = &b[i + 1..];
        let hit = match (b[i], rest.first()) {
            (b'<', Some(b'!')) => rest.starts_with(b"!--"),
            (b'<', Some(b'/')) => rest.get(1).is_some_and(u8::is_ascii_uppercase),
            (b'<', Some(c)) if c.is_ascii_uppercase() => true,
            (b'<', Some(b's' | b'S' | b'i' | b'I' | b'b' | b'B')) => {
                ["script", "style", "iframe", "blockquote"].iter().any(|name| starts_with_ci(rest, name.as_bytes()))
            }
            (b'{', Some(b'%' | b'{' | b':' | b'#' | b'/')) => true,
            _ => false,
        };
        if hit {
            return true;
        }
    }
    [&b"import"[..], b"export "].iter().any(|word| memmem::find_iter(b, word).any(|i| i == 0 || b[i - 1] == b'\n'))
}

pub(super) fn starts_with_ci(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The end of the comment that opens at `at` (`<!--`): after its `-->`, or
/// the end of the text when it has none.
pub(super) fn comment_end(b: &[u8], at: usize) -> usize {
    let body = at + 4;
    if b[body..].starts_with(b">") {
        return body + 1;
    }
    if b[body..].starts_with(b"->") {
        return body + 2;
    }
    memmem::find(&b[body..], b"-->").map_or(b.len(), |k| body + k + 3)
}

/// The end (after `close`) of markup opened before `from`, within
/// [`MAX_TAG`] bytes and no blank line.
pub(super) fn find_close(b: &[u8], from: usize, close: &[u8]) -> Option<usize> {
    let window = &b[from..(from + MAX_TAG).min(b.len())];
    let k = memmem::find(window, close)?;
    (!has_blank_line(&window[..k])).then_some(from + k + close.len())
}

/// Whether `b` holds a line with nothing but whitespace between two breaks.
pub(super) fn has_blank_line(b: &[u8]) -> bool {
    let mut breaks = memchr_iter(b'\n', b).peekable();
    while let Some(i) = breaks.next() {
        if let Some(&next) = breaks.peek()
            && b[i + 1..next].iter().all(|c| matches!(c, b' ' | b'\t' | b'\r'))
        {
            return true;
        }
    }
    false
}

/// The end (after `>`) of the HTML or JSX tag at `at`, skipping quoted
/// values and `{…}` expressions; `None` past a blank line or [`MAX_TAG`].
pub(super) fn tag_end(b: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    let mut line_blank = false;
    for (k, &c) in b[at + 1..].iter().enumerate().take(MAX_TAG) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (_, b'\n') if line_blank => return None,
            (_, b'\n') => line_blank = true,
            (Some(_), _) => {}
            (None, b'"' | b'\'' | b'`') => quote = Some(c),
            (None, b'{') => depth += 1,
            (None, b'}') => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return Some(at + 1 + k + 1),
            (None, b'<') if depth == 0 => return None,
            _ => {}
        }
        if !matches!(c, b'\n' | b' ' | b'\t' | b'\r') {
            line_blank = false;
        }
    }
    None
}

/// Whether a tag name is followed by what may end it.
pub(super) fn is_name_end(next: Option<&u8>) -> bool {
    matches!(next, None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/'))
}

/// The index of `needle` (ASCII, lowercase) at or after `from`, ignoring case.
pub(super) fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut j = from;
    while let Some(k) = memchr::memchr2(first, first.to_ascii_uppercase(), &b[j..]) {
        let at = j + k;
        if starts_with_ci(&b[at..], needle) {
            return Some(at);
        }
        j = at + 1;
    }
    None
}
