//! An elasticlunr.js index (fields `title` and `body`, documents not
//! stored), written byte for byte as elasticlunr-rs's `Index::to_json`
//! writes it (the tests compare the two) but made several times faster:
//! each distinct word goes through the pipeline (trimmer, stop words,
//! stemmer) once instead of once per use ([`Analyser`]), and the index's
//! tree of characters is written from the sorted tokens instead of being
//! built node by node in maps. Words are split as elasticlunr-rs splits
//! them and run through its own pipeline, so the tokens are its own. A
//! document comes as text ([`Lunr::add`]) or as the tokens the build's
//! cache kept of it ([`Lunr::add_analysed`]).

use std::fmt::Write as _;

use super::analyser::{Analysed, Analyser};

/// The fields of each document, in the order [`Lunr::add`] takes them.
const FIELDS: [&str; 2] = ["title", "body"];

/// A token of a field of a document: `(token, document, uses)`.
type Posting = (u32, u32, u32);

/// An index being made, one document at a time; its refs are the
/// documents' positions (`"0"`, `"1"`, …).
pub struct Lunr {
    /// Splits texts into tokens; its tokens are the index's.
    analyser: Analyser,
    /// For each field of [`FIELDS`], every token of every document.
    postings: [Vec<Posting>; 2],
    /// For each document, the number of tokens of each field.
    lengths: Vec<[usize; 2]>,
    ids: Vec<u32>,
}

impl Lunr {
    pub fn new() -> Lunr {
        Lunr { analyser: Analyser::new(), postings: [Vec::new(), Vec::new()], lengths: Vec::new(), ids: Vec::new() }
    }

    /// Adds a document (its title and body), whose ref is its position.
    pub fn add(&mut self, fields: [&str; 2]) {
        let doc = self.lengths.len() as u32;
        let mut lengths = [0; 2];
        for (field, text) in fields.into_iter().enumerate() {
            let mut ids = std::mem::take(&mut self.ids);
            ids.clear();
            self.analyser.token_ids(text, &mut ids);
            lengths[field] = ids.len();
            ids.sort_unstable();
            for run in ids.chunk_by(|a, b| a == b) {
                self.postings[field].push((run[0], doc, run.len() as u32));
            }
            self.ids = ids;
        }
        self.lengths.push(lengths);
    }

    /// Adds a document analysed beforehand ([`Analyser::analyse`]): as
    /// [`Lunr::add`] of its text would.
    pub fn add_analysed(&mut self, analysed: &Analysed) {
        let doc = self.lengths.len() as u32;
        for (field, token, uses) in analysed.tokens() {
            let id = self.analyser.id(token);
            self.postings[field].push((id, doc, uses));
        }
        self.lengths.push(analysed.lengths().map(|n| n as usize));
    }

    /// The index as JSON, as `elasticlunr::Index::to_json` writes it.
    pub fn into_json(self) -> String {
        // Refs are strings: maps list "10" before "2".
        let refs: Vec<String> = (0..self.lengths.len()).map(|doc| doc.to_string()).collect();
        let by_ref = sorted_by(refs.len(), |&a, &b| refs[a].cmp(&refs[b]));
        let tokens = &self.analyser.tokens;
        let token_rank = ranks(&sorted_by(tokens.len(), |&a, &b| tokens[a].cmp(&tokens[b])));
        let pipeline = serde_json::to_string(&self.analyser.pipeline).unwrap_or_default();
        // About 20 bytes a posting: `"123":{"tf":1.4142135623730951}`.
        let postings = self.postings.iter().map(Vec::len).sum::<usize>();
        let mut out = String::with_capacity(64 * 1024 + 24 * postings + 40 * refs.len());
        let fields = serde_json::to_string(&FIELDS).unwrap_or_default();
        let version = elasticlunr::ELASTICLUNR_VERSION;
        let _ = write!(out, "{{\"fields\":{fields},\"pipeline\":{pipeline},\"ref\":\"id\",\"version\":\"{version}\"");
        out.push_str(",\"index\":{");
        let mut tf = Tf::default();
        let writer = Writer { refs: &refs };
        // Fields in the order of their names: "body" before "title".
        for (n, field) in [1, 0].into_iter().enumerate() {
            let postings = sorted(&self.postings[field], &token_rank, &by_ref);
            let groups = group(&postings, tokens);
            let _ = write!(out, "{}\"{}\":{{\"root\":", if n > 0 { "," } else { "" }, FIELDS[field]);
            writer.node(&mut out, &groups, 0, &mut tf);
            out.push('}');
        }
        out.push_str("},\"documentStore\":");
        document_store(&mut out, &by_ref, &refs, &self.lengths);
        out.push_str(",\"lang\":\"English\"}");
        out
    }
}

/// `0..n`, sorted by `compare`.
fn sorted_by(n: usize, compare: impl Fn(&usize, &usize) -> std::cmp::Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(compare);
    order
}

/// For each of `0..order.len()`, its place in `order`.
fn ranks(order: &[usize]) -> Vec<u32> {
    let mut rank = vec![0; order.len()];
    for (place, &i) in order.iter().enumerate() {
        rank[i] = place as u32;
    }
    rank
}

/// `postings` (document by document, in order) sorted by token rank, then
/// by ref: a counting sort. Each token's place is counted, then the
/// documents are taken in the order of their refs.
fn sorted(postings: &[Posting], token_rank: &[u32], by_ref: &[usize]) -> Vec<Posting> {
    debug_assert!(postings.is_sorted_by_key(|&(_, doc, _)| doc));
    let mut starts = vec![0; by_ref.len() + 1];
    let mut places = vec![0; token_rank.len()];
    for &(token, doc, _) in postings {
        starts[doc as usize + 1] += 1;
        places[token_rank[token as usize] as usize] += 1;
    }
    for doc in 0..by_ref.len() {
        starts[doc + 1] += starts[doc];
    }
    let mut sum = 0;
    for place in &mut places {
        (*place, sum) = (sum, sum + *place);
    }
    let mut sorted = vec![(0, 0, 0); postings.len()];
    for &doc in by_ref {
        for &posting in &postings[starts[doc]..starts[doc + 1]] {
            let place = &mut places[token_rank[posting.0 as usize] as usize];
            sorted[*place] = posting;
            *place += 1;
        }
    }
    sorted
}

/// The documents (not stored) and each one's fields' lengths, by ref.
fn document_store(out: &mut String, by_ref: &[usize], refs: &[String], lengths: &[[usize; 2]]) {
    out.push_str("{\"save\":false,\"docs\":{");
    for (i, &doc) in by_ref.iter().enumerate() {
        out.push_str(if i > 0 { ",\"" } else { "\"" });
        out.push_str(&refs[doc]);
        out.push_str("\":{}");
    }
    out.push_str("},\"docInfo\":{");
    for (i, &doc) in by_ref.iter().enumerate() {
        let [title, body] = lengths[doc];
        out.push_str(if i > 0 { ",\"" } else { "\"" });
        out.push_str(&refs[doc]);
        let _ = write!(out, "\":{{\"body\":{body},\"title\":{title}}}");
    }
    let _ = write!(out, "}},\"length\":{}}}", lengths.len());
}

/// Sorted postings by token: each token with its documents. Empty tokens
/// are counted in a field's length but not indexed, as elasticlunr does.
fn group<'a>(postings: &'a [Posting], tokens: &'a [Box<str>]) -> Vec<(&'a str, &'a [Posting])> {
    postings
        .chunk_by(|a, b| a.0 == b.0)
        .map(|run| (&*tokens[run[0].0 as usize], run))
        .filter(|(token, _)| !token.is_empty())
        .collect()
}

/// Writes the tree of a field's tokens.
struct Writer<'a> {
    /// Each document's ref (its position, in decimal).
    refs: &'a [String],
}

impl Writer<'_> {
    /// Writes the node of the tree whose tokens (`groups`, sorted) share their
    /// first `at` bytes: its documents (those of the token that ends here),
    /// then a child per next character.
    fn node(&self, out: &mut String, groups: &[(&str, &[Posting])], at: usize, tf: &mut Tf) {
        let (own, mut rest): (&[Posting], _) = match groups.split_first() {
            Some((&(token, postings), rest)) if token.len() == at => (postings, rest),
            _ => (&[], groups),
        };
        out.push_str("{\"docs\":{");
        for (i, &(_, doc, uses)) in own.iter().enumerate() {
            out.push_str(if i > 0 { ",\"" } else { "\"" });
            out.push_str(&self.refs[doc as usize]);
            out.push_str("\":{\"tf\":");
            out.push_str(tf.of(uses));
            out.push('}');
        }
        out.push_str("},\"df\":");
        // No more documents than refs: the refs are the numbers below.
        match self.refs.get(own.len()) {
            Some(number) => out.push_str(number),
            None => out.push_str(&own.len().to_string()),
        }
        while let Some(&(first, _)) = rest.first() {
            let Some(next) = first[at..].chars().next() else { break };
            let end = rest.iter().position(|(token, _)| !token[at..].starts_with(next)).unwrap_or(rest.len());
            if next.is_ascii_alphanumeric() || next == '_' {
                out.push_str(",\"");
                out.push(next);
                out.push_str("\":");
            } else {
                out.push(',');
                out.push_str(&serde_json::to_string(next.encode_utf8(&mut [0; 4])).unwrap_or_default());
                out.push(':');
            }
            self.node(out, &rest[..end], at + next.len_utf8(), tf);
            rest = &rest[end..];
        }
        out.push('}');
    }
}

/// A token's weight in a document, `sqrt(uses)`, as serde_json writes it.
#[derive(Default)]
struct Tf(Vec<String>);

impl Tf {
    fn of(&mut self, uses: u32) -> &str {
        let uses = uses as usize;
        while self.0.len() <= uses {
            let written = serde_json::to_string(&(self.0.len() as f64).sqrt()).unwrap_or_default();
            self.0.push(written);
        }
        &self.0[uses]
    }
}

#[cfg(test)]
mod tests;
