//! The keys of a counted text ([`Scratch::keys`]), and which are left out
//! ([`is_left_out`]).

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::tokens;

/// Stop words (the NLTK list the emerging terms use): never keys, nor parts
/// of a phrase key. Each folded stop word, and each without its final `s`
/// (`thi`), with what it is: a stop word, the stem of one, or both.
struct StopWords {
    classes: FxHashMap<String, Class>,
    /// Whether a stop word holds a space (then a phrase can be the stem of one).
    spaced: bool,
}

#[derive(Debug, Default, Clone, Copy)]
struct Class {
    stop: bool,
    stem: bool,
}

fn stop_words() -> &'static StopWords {
    static STOP: OnceLock<StopWords> = OnceLock::new();
    STOP.get_or_init(|| {
        let stop: Vec<String> = stop_words::get("en").iter().map(|w| tokens::fold(w)).collect();
        let mut classes: FxHashMap<String, Class> = FxHashMap::default();
        for word in &stop {
            classes.entry(word.clone()).or_default().stop = true;
            if let Some(stem) = word.strip_suffix('s') {
                classes.entry(stem.to_owned()).or_default().stem = true;
            }
        }
        StopWords { classes, spaced: stop.iter().any(|w| w.contains(' ')) }
    })
}

impl StopWords {
    fn class(&self, word: &str) -> Class {
        self.classes.get(word).copied().unwrap_or_default()
    }
}

/// Whether `key` (a word or two, folded) is left out of the index: a stop
/// word, a phrase holding one, or a key whose plural is one (`thi`, whose
/// items are those of `this`).
pub fn is_left_out(key: &str) -> bool {
    let stop = stop_words();
    key.is_empty() || key.split(' ').any(|w| stop.class(w).stop) || stop.class(key).stem
}

/// What [`TermIndex::add`] reuses from item to item.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// The current word and the one before it (folded), and a phrase.
    word: String,
    previous: String,
    phrase: String,
    /// Keys counted per month that the current item was posted for.
    pub(super) months_posted: FxHashSet<Box<str>>,
}

impl Scratch {
    /// Calls `post` with each key of one counted text: its words and
    /// two-word phrases, each also without a final `s` (`dockers` is found
    /// by `docker`), keys [`is_left_out`] left out. A key may come more
    /// than once.
    pub(super) fn keys(&mut self, text: &str, mut post: impl FnMut(&str, &mut FxHashSet<Box<str>>)) {
        let Scratch { word, previous, phrase, months_posted } = self;
        let stop = stop_words();
        // Whether the word before is a stop word, and where it ends.
        let mut before: Option<(bool, usize)> = None;
        for (start, end) in tokens::words(text) {
            word.clear();
            tokens::fold_into(&text[start..end], word);
            let class = stop.class(word);
            let stem = word.strip_suffix('s').map(|s| (s, stop.class(s)));
            if let Some((before_stop, before_end)) = before
                && tokens::joins(&text[before_end..start])
            {
                phrase.clear();
                phrase.push_str(previous);
                phrase.push(' ');
                phrase.push_str(word);
                // `is_left_out` of the phrase and of its stem, from the
                // classes of their words.
                let left_out =
                    |stop_word: bool, key: &str| before_stop || stop_word || (stop.spaced && is_left_out(key));
                if let Some((_, stem_class)) = stem
                    && !left_out(stem_class.stop, &phrase[..phrase.len() - 1])
                {
                    post(&phrase[..phrase.len() - 1], months_posted);
                }
                if !left_out(class.stop, phrase) {
                    post(phrase, months_posted);
                }
            }
            if let Some((s, stem_class)) = stem
                && !(s.is_empty() || stem_class.stop || stem_class.stem)
            {
                post(s, months_posted);
            }
            if !(class.stop || class.stem) {
                post(word, months_posted);
            }
            std::mem::swap(word, previous);
            before = Some((class.stop, end));
        }
    }
}
