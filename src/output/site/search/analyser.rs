//! What the search index makes of a document's text: its words, split and
//! lower-cased as elasticlunr-rs's `tokenize_whitespace` does (without a
//! `String` per word), each distinct word run once through elasticlunr-rs's
//! English pipeline (trimmer, stop words, stemmer) and remembered.
//!
//! A document can be kept analysed ([`Analysed`]): the build's cache stores
//! the newest items so, and a rebuild indexes them without their text.

use std::cell::RefCell;

use elasticlunr::Language;
use elasticlunr::lang::English;
use elasticlunr::pipeline::Pipeline;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Words remembered at most by the analyser of a thread ([`with`]), beyond
/// which it starts afresh.
const MAX_WORDS: usize = 1 << 20;

/// An item's text as the search index takes it: the start of its text (its
/// title is the item's), or its title and text analysed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SearchText {
    Text(String),
    Analysed(Analysed),
}

/// A document's tokens: each field's distinct tokens with their uses, and
/// each field's length (tokens with repeats, dropped words not counted).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysed {
    /// The title's distinct tokens, then the body's, each ended by `\n`
    /// (a token holds no white space).
    tokens: String,
    /// The uses of each token of `tokens`, in order.
    uses: Vec<u32>,
    /// How many of `uses` are the title's.
    title: u32,
    lengths: [u32; 2],
}

impl Analysed {
    /// Each distinct token with its field (0 the title, 1 the body) and
    /// its uses, the title's first.
    pub fn tokens(&self) -> impl Iterator<Item = (usize, &str, u32)> {
        let mut rest = self.tokens.as_str();
        self.uses.iter().enumerate().map(move |(i, &uses)| {
            // Tokens are short: a plain scan beats a search for `\n`.
            let end = rest.bytes().position(|b| b == b'\n').unwrap_or(rest.len());
            let token = &rest[..end];
            rest = rest.get(end + 1..).unwrap_or_default();
            (usize::from(i >= self.title as usize), token, uses)
        })
    }

    /// Each field's length.
    pub fn lengths(&self) -> [u32; 2] {
        self.lengths
    }

    /// Adds all it holds to `hash`.
    pub fn add_to(&self, hash: &mut xxhash_rust::xxh3::Xxh3) {
        hash.update(&(self.tokens.len() as u64).to_le_bytes());
        hash.update(self.tokens.as_bytes());
        hash.update(&(self.uses.len() as u64).to_le_bytes());
        for uses in self.uses.chunks(16) {
            let mut bytes = [0; 64];
            for (to, uses) in bytes.chunks_exact_mut(4).zip(uses) {
                to.copy_from_slice(&uses.to_le_bytes());
            }
            hash.update(&bytes[..4 * uses.len()]);
        }
        hash.update(&[self.title, self.lengths[0], self.lengths[1]].map(u32::to_le_bytes).concat());
    }
}

/// Splits texts into tokens, each distinct word run through the pipeline once.
pub struct Analyser {
    pub pipeline: Pipeline,
    /// Each word met, with its token's id (`None`: the pipeline drops it).
    words: FxHashMap<Box<str>, Option<u32>>,
    /// Each distinct token, by id.
    pub tokens: Vec<Box<str>>,
    ids: FxHashMap<Box<str>, u32>,
    lower: String,
}

impl Default for Analyser {
    fn default() -> Analyser {
        Analyser::new()
    }
}

impl Analyser {
    pub fn new() -> Analyser {
        Analyser {
            pipeline: English::new().make_pipeline(),
            words: FxHashMap::default(),
            tokens: Vec::new(),
            ids: FxHashMap::default(),
            lower: String::new(),
        }
    }

    /// Pushes the id of each token of `text` on `out`, in order.
    pub fn token_ids(&mut self, text: &str, out: &mut Vec<u32>) {
        for word in text.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()) {
            let word = if !word.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                word
            } else if word.is_ascii() {
                self.lower.clear();
                self.lower.push_str(word);
                self.lower.make_ascii_lowercase();
                &self.lower
            } else {
                self.lower = word.to_lowercase();
                &self.lower
            };
            let id = match self.words.get(word) {
                Some(&id) => id,
                None => {
                    let word: Box<str> = word.into();
                    let token = self.pipeline.run(vec![word.to_string()]).pop();
                    let id = token.map(|token| self.id(&token));
                    self.words.insert(word, id);
                    id
                }
            };
            out.extend(id);
        }
    }

    /// The id of `token`, given it if it is new.
    pub fn id(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.ids.get(token) {
            return id;
        }
        let id = self.tokens.len() as u32;
        self.ids.insert(token.into(), id);
        self.tokens.push(token.into());
        id
    }

    /// The tokens of a document's fields (title and body).
    pub fn analyse(&mut self, fields: [&str; 2]) -> Analysed {
        let mut analysed = Analysed::default();
        let mut ids = Vec::new();
        for (field, text) in fields.into_iter().enumerate() {
            ids.clear();
            self.token_ids(text, &mut ids);
            analysed.lengths[field] = ids.len() as u32;
            ids.sort_unstable();
            for run in ids.chunk_by(|a, b| a == b) {
                analysed.tokens.push_str(&self.tokens[run[0] as usize]);
                analysed.tokens.push('\n');
                analysed.uses.push(run.len() as u32);
            }
            if field == 0 {
                analysed.title = analysed.uses.len() as u32;
            }
        }
        analysed
    }
}

/// Calls `f` with this thread's analyser, which remembers the words of
/// every document it analysed (up to `MAX_WORDS`, about a million).
pub fn with<T>(f: impl FnOnce(&mut Analyser) -> T) -> T {
    thread_local! {
        static ANALYSER: RefCell<Option<Analyser>> = const { RefCell::new(None) };
    }
    ANALYSER.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_some_and(|a| a.words.len() > MAX_WORDS) {
            *cell = None;
        }
        f(cell.get_or_insert_with(Analyser::new))
    })
}
