//! The keys blocks and headings are compared by: a section name without
//! case or punctuation, the fingerprint of a block's words, and a text's
//! first sentence.

/// A text's first sentence and what follows it, when something does.
pub fn lead_sentence(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let end = crate::model::sentence_end(text)?;
    let rest = text[end..].trim_start();
    (!rest.is_empty()).then(|| (&text[..end], rest))
}

/// A section name without case or punctuation: `Sponsored Event` and
/// `Sponsored event:` are one section.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// The fingerprint of a block's plain text: its words, lowercased, without
/// punctuation (the words of [`name_key`], hashed as they are read, with
/// no string made). `None` for a block without a letter or digit.
pub fn fingerprint(text: &str) -> Option<u64> {
    // `hash_word` of each word in turn, in one pass over the characters:
    // a byte at a time, through [`WORD_BYTE`], while the text is ASCII.
    let (mut hash, mut in_word, mut words) = (0, false, false);
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if !b.is_ascii() {
            break;
        }
        let lower = WORD_BYTE[usize::from(b)];
        if lower == 0 {
            in_word = false;
        } else {
            if !in_word {
                hash = hash_add(hash, u64::from(b' '));
            }
            hash = hash_add(hash, u64::from(lower));
            in_word = true;
            words = true;
        }
        i += 1;
    }
    // The rest, from the first non-ASCII character on (a character boundary:
    // every byte before it is a character of its own).
    for c in text[i..].chars() {
        in_word = c.is_alphanumeric() && {
            if !in_word {
                hash = hash_add(hash, u64::from(b' '));
            }
            hash = match c.is_ascii() {
                true => hash_add(hash, u64::from(c.to_ascii_lowercase())),
                false => c.to_lowercase().fold(hash, |h, l| hash_add(h, u64::from(l))),
            };
            true
        };
        words |= in_word;
    }
    words.then_some(hash)
}

/// Each ASCII byte lowercased when it is a letter or a digit (a character
/// of a word), else 0.
const WORD_BYTE: [u8; 128] = {
    let mut table = [0; 128];
    let mut b: u8 = 0;
    while b < 128 {
        if b.is_ascii_alphanumeric() {
            table[b as usize] = b.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// The fingerprint of a block's first word alone: a block whose first word
/// starts no boilerplate block is not boilerplate, found without reading
/// the rest of it.
pub fn first_word(text: &str) -> Option<u64> {
    text.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).map(|word| hash_word(0, word))
}

/// Adds a word, lowercased, to a hash. The Fx hash (rustc's): fast, and the
/// same in every run and on every machine; 64 bits keep collisions out of
/// reach of an archive's blocks.
pub(super) fn hash_word(hash: u64, word: &str) -> u64 {
    let hash = hash_add(hash, u64::from(b' '));
    if word.is_ascii() {
        word.bytes().fold(hash, |h, b| hash_add(h, u64::from(b.to_ascii_lowercase())))
    } else {
        word.chars().flat_map(char::to_lowercase).fold(hash, |h, c| hash_add(h, u64::from(c)))
    }
}

/// One step of the Fx hash.
fn hash_add(hash: u64, x: u64) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    (hash.rotate_left(5) ^ x).wrapping_mul(K)
}
