//! [`Lunr`] against elasticlunr-rs's own index: the same JSON, byte for byte.

use elasticlunr::{Index, IndexBuilder};
use proptest::prelude::*;

use super::Lunr;
use crate::output::site::search::analyser::Analyser;

/// The index elasticlunr-rs makes of `docs`, refs by position.
fn elasticlunr(docs: &[[&str; 2]]) -> String {
    let mut index: Index = IndexBuilder::new().save_docs(false).add_fields(&["title", "body"]).build();
    for (i, doc) in docs.iter().enumerate() {
        index.add_doc(&i.to_string(), doc);
    }
    index.to_json()
}

/// The index of `docs`, every other one analysed beforehand by another
/// analyser (whose tokens are numbered otherwise), as the cache keeps them.
fn ours_analysed(docs: &[[&str; 2]]) -> String {
    let mut analyser = Analyser::new();
    let mut lunr = Lunr::new();
    for (i, doc) in docs.iter().enumerate() {
        if i % 2 == 0 { lunr.add_analysed(&analyser.analyse(*doc)) } else { lunr.add(*doc) }
    }
    lunr.into_json()
}

fn ours(docs: &[[&str; 2]]) -> String {
    let mut lunr = Lunr::new();
    for doc in docs {
        lunr.add(*doc);
    }
    lunr.into_json()
}

#[test]
fn no_document() {
    assert_eq!(ours(&[]), elasticlunr(&[]));
}

#[test]
fn words_that_stem_alike_count_as_one_token() {
    let docs = [["Running runs", "run, running; RUNS: ran -- runner"], ["", "the and of"]];
    assert_eq!(ours(&docs), elasticlunr(&docs));
    // "run", "running" and "runs" are one token, "run", in each field:
    // used 3 times in the body (weight sqrt 3) and twice in the title.
    let json = ours(&docs);
    let body = "\"u\":{\"docs\":{},\"df\":0,\"n\":{\"docs\":{\"0\":{\"tf\":1.7320508075688772}},\"df\":1,";
    let title = "\"n\":{\"docs\":{\"0\":{\"tf\":1.4142135623730951}},\"df\":1}";
    assert!(json.contains(body) && json.contains(title), "{json}");
    assert!(json.contains("\"docInfo\":{\"0\":{\"body\":5,\"title\":2},\"1\":{\"body\":0,\"title\":0}}"), "{json}");
}

#[test]
fn punctuation_quotes_and_other_scripts() {
    let docs = [
        ["\"Quoted\" title", "a \"quote\" in\\side, tab\there — naïve café Ærø 東京 🦀 crab"],
        ["x-y-z", "--- ... ''' \u{1} control"],
        ["C++ and C#", "e-mail me@example.com https://example.com/a?b=c&d"],
    ];
    assert_eq!(ours(&docs), elasticlunr(&docs));
}

#[test]
fn refs_are_ordered_as_strings() {
    let docs: Vec<[&str; 2]> =
        (0..25).map(|i| if i % 3 == 0 { ["kubernetes", "docker"] } else { ["docker", ""] }).collect();
    let json = ours(&docs);
    assert_eq!(json, elasticlunr(&docs));
    assert!(json.contains("\"docs\":{\"0\":{},\"1\":{},\"10\":{},\"11\":{}"), "{json}");
}

const WORDS: &[&str] = &[
    "kubernetes",
    "Kubernetes,",
    "docker",
    "dockers",
    "the",
    "a",
    "run",
    "running",
    "runs.",
    "é",
    "éa",
    "ÉTÉ",
    "ΟΔΟΣ",
    "e",
    "\"x\"",
    "x",
    "x-y",
    "go",
    "Go!",
    "gopher",
    "gophers",
    "东京",
    "a\\b",
    "123",
    "12",
    "1.5",
    "",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(WORDS), prop::sample::select(&[" ", "  ", "\n", "-", ", "][..])), 0..12)
        .prop_map(|words| words.into_iter().map(|(w, sep)| format!("{w}{sep}")).collect())
}

proptest! {
    #[test]
    fn same_json_as_elasticlunr(docs in prop::collection::vec((text(), text()), 0..14)) {
        let docs: Vec<[&str; 2]> = docs.iter().map(|(t, b)| [t.as_str(), b.as_str()]).collect();
        prop_assert_eq!(ours(&docs), elasticlunr(&docs));
    }

    #[test]
    fn analysed_documents_make_elasticlunrs_json(docs in prop::collection::vec((text(), text()), 0..14)) {
        let docs: Vec<[&str; 2]> = docs.iter().map(|(t, b)| [t.as_str(), b.as_str()]).collect();
        prop_assert_eq!(ours_analysed(&docs), elasticlunr(&docs));
    }
}

#[test]
fn analysed_documents_of_other_scripts() {
    let docs =
        [["\"Quoted\" Σίσυφος ΟΔΟΣ", "naïve CAFÉ Ærø 東京 🦀 Running-runs"], ["ΣΑΣ x-y", "İstanbul ǅemal"], ["", ""]];
    assert_eq!(ours_analysed(&docs), elasticlunr(&docs));
}
