//! The stop words of a [`super::Scanner`] as a set that answers without
//! hashing the whole word: each word is found in a small bucket chosen by
//! its length and its first, middle and last bytes, and most words that are
//! not stop words land in an empty bucket.
//!
//! Not here: which words are stop words ([`super::words`]).

/// Buckets of [`StopWords`]: a power of two, well above the ~200 words.
const BUCKETS: usize = 2048;

/// A set of words, each compared byte for byte within its bucket.
pub(super) struct StopWords {
    /// Where each bucket's words start in `words`; one more entry than
    /// there are buckets.
    starts: Vec<u32>,
    /// The words, by bucket.
    words: Vec<Box<[u8]>>,
}

/// The bucket of `word`.
#[inline]
fn bucket(word: &[u8]) -> usize {
    let (first, last) = match word {
        [] => (0, 0),
        [first, .., last] => (*first, *last),
        [one] => (*one, *one),
    };
    let middle = word.get(word.len() / 2).copied().unwrap_or(0);
    let mixed = (word.len() as u32)
        .wrapping_mul(0x9e37)
        .wrapping_add(u32::from(first).wrapping_mul(0x2f1))
        .wrapping_add(u32::from(middle).wrapping_mul(0x3b))
        .wrapping_add(u32::from(last));
    (mixed ^ (mixed >> 11)) as usize & (BUCKETS - 1)
}

impl StopWords {
    /// The set of `words` (duplicates are kept once).
    pub(super) fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> StopWords {
        let mut all: Vec<(usize, Box<[u8]>)> =
            words.into_iter().map(|w| w.as_ref().as_bytes().into()).map(|w: Box<[u8]>| (bucket(&w), w)).collect();
        all.sort();
        all.dedup();
        let mut starts = vec![0u32; BUCKETS + 1];
        for (b, _) in &all {
            starts[b + 1] += 1;
        }
        for b in 0..BUCKETS {
            starts[b + 1] += starts[b];
        }
        StopWords { starts, words: all.into_iter().map(|(_, w)| w).collect() }
    }

    /// Whether `word` is one of the set's words.
    #[inline]
    pub(super) fn contains(&self, word: &str) -> bool {
        let word = word.as_bytes();
        let b = bucket(word);
        let (start, end) = (self.starts[b] as usize, self.starts[b + 1] as usize);
        self.words[start..end].iter().any(|w| **w == *word)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::StopWords;

    fn english() -> Vec<String> {
        stop_words::get("en").iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn holds_its_words_and_nothing_else() {
        let words = english();
        let set = StopWords::new(&words);
        for w in &words {
            assert!(set.contains(w), "{w:?}");
        }
        for w in ["", "a", "the", "docker", "kubernetes", "théâtre", "x", "themselves", "thems", "on", "no", "o"] {
            assert_eq!(set.contains(w), words.iter().any(|s| s == w), "{w:?}");
        }
        assert!(set.contains("the") && set.contains("themselves") && !set.contains("docker"));
        let none = StopWords::new(Vec::<String>::new());
        assert!(!none.contains("") && !none.contains("the"));
        let odd = StopWords::new(["", "é", "ab", "ab"]);
        assert!(odd.contains("") && odd.contains("é") && odd.contains("ab") && !odd.contains("ba"));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, ..ProptestConfig::default() })]

        /// The same answers as a hash set, on the English stop words and on
        /// words near them.
        #[test]
        fn answers_as_a_hash_set(extra in prop::collection::vec("[a-zé'’_.0-9]{0,12}", 0..20), probe in "[a-zé'_.0-9]{0,12}") {
            let words: Vec<String> = english().into_iter().chain(extra.iter().cloned()).collect();
            let set = StopWords::new(&words);
            let hash: HashSet<&str> = words.iter().map(String::as_str).collect();
            prop_assert_eq!(set.contains(&probe), hash.contains(probe.as_str()));
            for w in &extra {
                prop_assert!(set.contains(w));
                let longer = format!("{w}s");
                prop_assert_eq!(set.contains(&longer), hash.contains(longer.as_str()));
            }
        }
    }
}
