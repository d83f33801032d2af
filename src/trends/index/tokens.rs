//! The words of a text as `trendfeed trends --topic` sees them.
//!
//! A topic's pattern is `\b(?i:w1 GAP w2 … s?)\b` ([`super::super::matcher`]),
//! with the regex crate's Unicode `\b`: a term made of word characters
//! matches exactly a maximal run of word characters, compared by simple case
//! folding. So the words here are those runs, folded to one key; two words
//! make a phrase when what stands between them is one gap the matcher allows
//! (one space, tab, no-break space, line break or hyphen).

/// Whether `c` is a word character for the regex crate's `\b` and `\w`.
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    regex_syntax::is_word_character(c)
}

/// The key of a word: lower case, with the few letters whose simple case
/// folding differs from their lower case mapped as the regex crate folds
/// them. A letter whose lower case is more than one letter (`İ`) has no
/// simple folding and stays as it is.
pub fn fold(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    fold_into(word, &mut key);
    key
}

/// Appends the key of `word` ([`fold`]) to `key`.
pub fn fold_into(word: &str, key: &mut String) {
    if word.is_ascii() {
        let start = key.len();
        key.push_str(word);
        key[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
            continue;
        }
        let mut lower = c.to_lowercase();
        let c = match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            _ => c,
        };
        key.push(match c {
            'ſ' => 's',
            'ς' => 'σ',
            'ϐ' => 'β',
            'ϑ' => 'θ',
            'ϕ' => 'φ',
            'ϖ' => 'π',
            'ϰ' => 'κ',
            'ϱ' => 'ρ',
            'ϵ' => 'ε',
            'µ' => 'μ',
            'ẛ' => 'ṡ',
            '\u{1fbe}' | '\u{345}' => 'ι',
            '\u{1fd3}' => '\u{390}',
            '\u{1fe3}' => '\u{3b0}',
            '\u{1c80}' => 'в',
            '\u{1c81}' => 'д',
            '\u{1c82}' => 'о',
            '\u{1c83}' => 'с',
            '\u{1c84}' | '\u{1c85}' => 'т',
            '\u{1c86}' => 'ъ',
            '\u{1c87}' => 'ѣ',
            '\u{1c88}' => 'ꙋ',
            '\u{fb05}' => '\u{fb06}',
            c => c,
        });
    }
}

/// Whether `gap`, the text between two words, lets them match as a phrase.
pub fn joins(gap: &str) -> bool {
    matches!(gap, " " | "\t" | "\u{a0}" | "\n" | "\r\n" | "-")
}

/// The maximal runs of word characters of `text`, as byte ranges.
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    // Whether the character at `at` is a word character, and its length.
    let word_at = move |at: usize| match bytes[at] {
        b if b.is_ascii() => (b.is_ascii_alphanumeric() || b == b'_', 1),
        _ => text[at..].chars().next().map_or((false, 1), |c| (is_word(c), c.len_utf8())),
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            if at >= bytes.len() {
                return None;
            }
            let (word, len) = word_at(at);
            at += len;
            if word {
                break at - len;
            }
        };
        while at < bytes.len() {
            let (word, len) = word_at(at);
            if !word {
                break;
            }
            at += len;
        }
        Some((start, at))
    })
}

/// Whether a query term is answered by words: one or two words of word
/// characters only, as [`fold`]ed keys joined by a space.
pub fn query_key(term: &str) -> Option<String> {
    let words: Vec<&str> = term.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).collect();
    (matches!(words.len(), 1 | 2) && words.iter().all(|w| w.chars().all(is_word)))
        .then(|| words.iter().map(|w| fold(w)).collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        words(text).map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn words_are_runs_of_word_characters() {
        assert_eq!(split("Docker-compose, k8s & Node.js!"), ["Docker", "compose", "k8s", "Node", "js"]);
        assert_eq!(split("naïve café_au_lait 2024"), ["naïve", "café_au_lait", "2024"]);
        assert_eq!(split(""), Vec::<&str>::new());
        assert_eq!(split("  a"), ["a"]);
    }

    #[test]
    fn ascii_word_characters_are_the_regex_crates() {
        for c in (0u8..128).map(char::from) {
            assert_eq!(is_word(c), regex_syntax::is_word_character(c), "{c:?}");
        }
    }

    #[test]
    fn folding_follows_simple_case_folding() {
        assert_eq!(fold("DOCKER"), "docker");
        assert_eq!(fold("ΣΟΦΟΣ"), "σοφοσ");
        assert_eq!(fold("σοφος"), "σοφοσ");
        assert_eq!(fold("Straße"), "straße");
        assert_eq!(fold("\u{212a}8s"), "k8s", "the Kelvin sign folds to k");
        assert_eq!(fold("İ"), "İ", "no simple folding");
    }

    /// Two letters get the same key exactly when `(?i)` matches one with
    /// the other: the key is in the letter's simple case folding class, and
    /// every letter of the class has that key.
    #[test]
    fn keys_are_case_folding_classes() {
        use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
        let mut wrong = Vec::new();
        for c in (0..0x2_0000).filter_map(char::from_u32).filter(|&c| is_word(c)) {
            let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
            class.case_fold_simple();
            let key = fold(&c.to_string());
            let members: Vec<char> = class.iter().flat_map(|r| r.start()..=r.end()).collect();
            let ok =
                members.iter().any(|m| m.to_string() == key) && members.iter().all(|m| fold(&m.to_string()) == key);
            if !ok {
                wrong.push(c);
            }
        }
        assert_eq!(wrong, Vec::<char>::new());
    }

    #[test]
    fn query_keys() {
        assert_eq!(query_key(" Service  Mesh "), Some("service mesh".into()));
        assert_eq!(query_key("service-mesh"), Some("service mesh".into()));
        assert_eq!(query_key("node.js"), None);
        assert_eq!(query_key("a b c"), None);
        assert_eq!(query_key(""), None);
    }
}
