//! Tests of [`super`]: the [`Collapser`] against `split_whitespace`, and
//! its fast path against the byte-at-a-time code it replaced.

use super::*;

#[test]
fn whitespace_len_agrees_with_char_is_whitespace() {
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        let text = format!("{c}x");
        let want = if c.is_whitespace() { c.len_utf8() } else { 0 };
        assert_eq!(whitespace_len(&text, 0), want, "{c:?}");
        assert_eq!(is_graphic(text.as_bytes()[0]), c.is_ascii_graphic(), "{c:?}");
    }
}

#[test]
fn collapser_matches_split_whitespace_however_text_is_pushed() {
    let alphabet: Vec<char> = " \t\n\r\x0b\x0c\u{1c}\u{85}\u{a0}\u{a9}\u{1680}\u{1681}\u{2000}\u{200a}\u{200b}\u{2028}\u{202f}\u{205f}\u{2019}\u{3000}\u{3001}ab.é€😀".chars().collect();
    let mut next = xorshift(0x2545_f491_4f6c_dd1d_u64);
    for _ in 0..20_000 {
        let len = next(24);
        let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
        let want = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(collapse_whitespace(&text), want, "{text:?}");
        // Pushed in parts, cut at character boundaries.
        let mut parts = Collapser::default();
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let mut cut = next(rest.len() + 1);
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            parts.push(&rest[..cut]);
            rest = &rest[cut..];
        }
        assert_eq!(parts.out, want, "{text:?}");
        let limit = next(12);
        let mut within = Collapser::default();
        let fits = within.push_within(&text, limit);
        assert_eq!(fits, want.chars().count() <= limit, "{text:?} within {limit}");
        if fits {
            assert_eq!(within.out, want);
        }
    }
}

/// `Collapser::push` as it was, a byte at a time.
fn push_reference(collapser: &mut Collapser, text: &str) {
    let bytes = text.as_bytes();
    let mut copy = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_graphic(b) {
            i += 1;
            continue;
        }
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
            collapser.word(&text[copy..run]);
            collapser.space = true;
            copy = i;
        }
    }
    collapser.word(&text[copy..]);
}

#[test]
fn collapser_push_matches_the_byte_at_a_time_reference() {
    // Mostly words and single spaces, as in prose, with runs of whitespace,
    // control characters, non-ASCII words and whitespace, `&` and `<`.
    let pieces: Vec<&str> = vec![
        "a", "b", "word", "Z", "0", "&", "<", ">", "&amp;", "<b>", "~", "\x7f", "\x1f", "\0", " ", " ", " ", " ", "  ",
        "\t", "\n", "\r\n", "\x0b", "\x0c", "\u{85}", "\u{a0}", "\u{a9}", "é", "ü", "’", "“", "—", "…", "\u{1680}",
        "\u{2000}", "\u{2003}", "\u{200b}", "\u{2028}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{3001}", "😀", "İ",
    ];
    let mut next = xorshift(0x51_7cc1_b727_220a_u64);
    // Prose: words and single spaces, for long stretches of both.
    let prose = ["a", "b", "word", "Z", "0", "&", "<", ">", "~", " ", "https://x.example/a?b=c&d"];
    for _ in 0..50_000 {
        let len = next(60);
        let other = [1, 4, 16, 64][next(4)];
        let text: String = (0..len)
            .map(|_| if next(other) == 0 { pieces[next(pieces.len())] } else { prose[next(prose.len())] })
            .collect();
        // Pushed whole, and in parts cut at character boundaries, each time
        // onto a collapser that may already hold text and a pending space.
        let mut fast = Collapser::default();
        let mut slow = Collapser::default();
        if next(2) == 0 {
            fast.push("x");
            slow.push("x");
        }
        if next(2) == 0 {
            fast.space();
            slow.space();
        }
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let mut cut = if next(3) == 0 { next(rest.len() + 1) } else { rest.len() };
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            fast.push(&rest[..cut]);
            push_reference(&mut slow, &rest[..cut]);
            assert_eq!((&fast.out, fast.space), (&slow.out, slow.space), "{text:?}");
            rest = &rest[cut..];
        }
    }
}

/// A seeded xorshift generator: `next(n)` is in `0..n`.
pub(in crate::input) fn xorshift(mut state: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}
