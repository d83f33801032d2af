//! The YAML front matter that most issues have, read without a YAML
//! parser: one `key: value` line each, whose values are plain strings.
//!
//! [`pairs`] reads a block only when every line is sure to mean to
//! `serde_yaml_ng` what it reads, and the same text: otherwise it answers
//! `None` and the block goes to the YAML parser (quotes with escapes,
//! lists, nested keys, comments, block scalars, numbers other than plain
//! decimal integers, booleans and nulls, duplicate keys, errors). The tests
//! compare both on the archives and on generated blocks. A YAML parse of a
//! short block costs some 40,000 instructions, this a few hundred: it runs
//! twice for each issue of a build.

/// The `(key, value)` pairs of `block`, in order, if every line is a
/// `key: value` of a string (or of a decimal integer, as its digits), or
/// blank. A key without a value is left out, as YAML's null is.
pub fn pairs(block: &str) -> Option<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    for line in block.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.bytes().all(|b| b == b' ') {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        if !is_plain_key(key) || keys.contains(&key) {
            return None;
        }
        keys.push(key);
        let value = match value.strip_prefix(' ') {
            Some(value) => value.trim_matches(' '),
            None if value.is_empty() => "",
            None => return None,
        };
        if let Some(value) = string(value)? {
            pairs.push((key.to_owned(), value.to_owned()));
        }
    }
    Some(pairs)
}

/// A key that YAML reads as this same string: a letter, then letters,
/// digits, `_` and `-`; not a boolean or a null.
fn is_plain_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !is_special_word(key)
}

/// What a value written `value` (trimmed) is as a string: `Some(None)` for
/// an empty value (YAML's null), `None` when only a YAML parser can tell.
fn string(value: &str) -> Option<Option<&str>> {
    let Some(&first) = value.as_bytes().first() else { return Some(None) };
    // Tabs, and line breaks to YAML 1.1 (NEL, LS, PS, a lone CR), are the
    // parser's.
    if value.contains(['\t', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{feff}']) {
        return None;
    }
    match first {
        b'"' | b'\'' => {
            let inner = value[1..].strip_suffix(char::from(first))?;
            let escapes = if first == b'"' { inner.contains(['"', '\\']) } else { inner.contains('\'') };
            (!escapes).then_some(Some(inner))
        }
        // Indicators that start something other than a plain scalar.
        b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%'
        | b'@' | b'`' | b'+' | b'.' | b'~' => None,
        // A comment, a mapping inside the value, or a value ending in `:`.
        _ if value.contains(" #") || value.contains(": ") || value.ends_with(':') => None,
        b'0'..=b'9' => {
            let bytes = value.as_bytes();
            // A decimal integer's digits are its number written back; a
            // date (four digits and a hyphen) is a string to serde_yaml_ng.
            let integer =
                bytes.len() <= 18 && bytes.iter().all(u8::is_ascii_digit) && (first != b'0' || bytes.len() == 1);
            let date = bytes.len() >= 5 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-';
            (integer || date).then_some(Some(value))
        }
        _ if is_special_word(value) => None,
        _ => Some(Some(value)),
    }
}

/// Words YAML may read as a boolean, a null or a float, in any schema.
fn is_special_word(word: &str) -> bool {
    const WORDS: [&str; 14] =
        ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf", "infinity", "nil", "none"];
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_yaml_ng::Value;

    use super::pairs;

    /// What serde_yaml_ng reads, as `front_matter` takes it: string keys
    /// with string or number values.
    fn yaml(block: &str) -> Option<Vec<(String, String)>> {
        let map = match serde_yaml_ng::from_str::<Value>(block) {
            Ok(Value::Mapping(map)) => map,
            Ok(Value::Null) => return Some(Vec::new()),
            _ => return None,
        };
        let mut pairs = Vec::new();
        for (k, v) in map {
            let value = match v {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Null => continue,
                _ => return None,
            };
            pairs.push((k.as_str()?.to_owned(), value));
        }
        Some(pairs)
    }

    /// Asserts that [`pairs`], when it answers, reads `block` as YAML does.
    fn same_as_yaml(block: &str) -> bool {
        match pairs(block) {
            Some(fast) => {
                assert_eq!(Some(fast), yaml(block), "{block:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn reads_plain_lines() {
        let block = "title: DEVOPS WEEKLY ISSUE \\#255 - 22nd November 2015 \ndate: 2015-11-22T14:02:45+00:00\r\n\nnumber: 255\nlayout:\n";
        assert_eq!(
            pairs(block).unwrap(),
            [
                ("title".to_owned(), "DEVOPS WEEKLY ISSUE \\#255 - 22nd November 2015".to_owned()),
                ("date".to_owned(), "2015-11-22T14:02:45+00:00".to_owned()),
                ("number".to_owned(), "255".to_owned()),
            ]
        );
        assert!(same_as_yaml(block));
        assert!(same_as_yaml(""), "an empty block is YAML's null: no pairs");
        assert!(same_as_yaml("title:\n\n"), "a key without a value is left out");
        assert!(same_as_yaml("Title: \"Weekly: 3\"\nDATE: 2020-01-05\n"));
        assert!(same_as_yaml("title: It's \"fine\", [really] {ok}\n"));
    }

    #[test]
    fn leaves_the_rest_to_yaml() {
        for block in [
            "tags: [a, b]",
            "title: \"a \\\"b\\\"\"",
            "title: 'it''s'",
            "title: a # comment",
            "title: a: b",
            "title: >\n  folded",
            "title: |\n  literal",
            "  title: indented",
            "title: a\n  continued",
            "# comment\ntitle: a",
            "draft: true",
            "draft: Yes",
            "number: 0255",
            "number: 1e3",
            "number: 0x1F",
            "number: +5",
            "number: 1.5",
            "title: ~",
            "title: null",
            "title: a\ntitle: b",
            "title: *anchor",
            "title: !tag a",
            "title:\ta",
            "title:a",
            "title: a\u{85}b",
            "- a",
            "true: a",
            "title: a:",
        ] {
            assert!(pairs(block).is_none(), "{block:?}");
        }
    }

    #[test]
    fn same_as_yaml_on_the_archives() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut read, mut blocks) = (0, 0);
        for dir in [root.join("issues"), root.join("tests/fixtures")] {
            for entry in walkdir::WalkDir::new(dir) {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
                let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else { continue };
                let Some(end) = rest.find("\n---") else { continue };
                blocks += 1;
                read += usize::from(same_as_yaml(&rest[..end + 1]));
            }
        }
        assert!(blocks > 30 && read > 25, "{read} of {blocks} blocks read");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, ..ProptestConfig::default() })]

        #[test]
        fn same_as_yaml_on_generated_blocks(
            lines in prop::collection::vec(
                (
                    prop::sample::select(&["title", "Title", "date", "number", "draft", "tags", "a-b", "x_1", "yes", "1a"][..]),
                    prop::sample::select(&[":", ": ", ":  ", ":\t", " : "][..]),
                    prop::collection::vec(prop::sample::select(&[
                        "Weekly", "Issue", "#255", " #", " ", "-", "- ", ":", ": ", "'", "\"", "\\", "2015", "-11-22",
                        "T14:02:45+00:00", "0", "7", "1.5", "e3", "true", "null", "~", "[a]", "{b}", ",", "&", "*",
                        "!", "|", ">", "%", "@", "`", "?", "é", "’", "\u{85}", "\r", "\t", "Yes", "No",
                    ][..]), 0..6),
                ),
                0..5,
            )
        ) {
            let block: String = lines.iter().map(|(k, sep, v)| format!("{k}{sep}{}\n", v.concat())).collect();
            same_as_yaml(&block);
        }

        /// Blocks most of which [`pairs`] reads itself.
        #[test]
        fn same_as_yaml_on_plain_blocks(
            values in prop::collection::vec(
                prop::collection::vec(prop::sample::select(&[
                    "Weekly", "DevOps", " ", "-", "#255", "\\#", "No.", "2015", "-11-22", "T14:02:45+00:00", " 09:30",
                    "12", "0", "(a)", "[b]", ",", ".", "'", "\"", "é", "’", "—", "k8s", "true", "x:y",
                ][..]), 1..8),
                1..4,
            )
        ) {
            let keys = ["title", "date", "number", "layout"];
            let block: String =
                values.iter().zip(keys).map(|(v, k)| format!("{k}: {}\n", v.concat())).collect();
            same_as_yaml(&block);
        }
    }
}
