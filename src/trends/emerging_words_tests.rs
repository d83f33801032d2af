//! Tests of [`super::words`] and [`super::bounds`]: the runs of kept words
//! and the word boundaries against the oracle and unicode-segmentation.

use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

use super::tests::gen_corpus;
use super::{Scanner, bounds, oracle};
use crate::config::Config;

/// The runs of kept words of `text`, joined, after checking them against
/// the oracle.
fn runs(text: &str) -> Vec<String> {
    static SCANNER: LazyLock<Scanner> = LazyLock::new(|| Scanner::new(&Config::default()));
    static ORACLE: LazyLock<oracle::Words> = LazyLock::new(|| oracle::Words::new(&Config::default()));
    let (mut buf, mut run, mut runs) = (String::new(), Vec::new(), Vec::new());
    SCANNER.runs(text, &mut buf, &mut |event| match event {
        Some(w) => run.push(w.to_owned()),
        None => runs.push(std::mem::take(&mut run)),
    });
    assert!(run.is_empty());
    let old: Vec<String> = ORACLE.runs(text).into_iter().map(|run| run.join(" ")).collect();
    let new: Vec<String> = runs.into_iter().map(|run| run.join(" ")).collect();
    assert_eq!(new, old);
    new
}

#[test]
fn stop_words_numbers_and_urls_end_runs() {
    assert_eq!(runs("The Service Mesh, and service-mesh tooling in 2017"), ["service mesh", "service mesh tooling"]);
    assert_eq!(
        runs("Kubernetes 1.7 released: see https://k8s.io/blog or www.example.org/x today"),
        ["kubernetes", "released", "today"]
    );
    assert_eq!(runs("by rob@example.com at buoyant.io about node.js"), ["node.js"]);
    assert_eq!(runs("Verizon’s AI-powered pipelines"), ["verizon ai powered pipelines"]);
    assert_eq!(runs("see 1ipP2eB9pW5j3WDvzCGz9 k8s"), ["k8s"]);
    assert_eq!(runs("service\n\nmesh"), ["service", "mesh"]);
}

#[test]
fn same_segments_and_runs_on_the_samples_fixtures_and_a_generated_archive() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = Vec::new();
    for dir in [root.join("issues"), root.join("tests/fixtures")] {
        for entry in walkdir::WalkDir::new(dir) {
            let path = entry.unwrap().into_path();
            if path.extension().is_some_and(|e| e == "md") {
                texts.push(String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned());
            }
        }
    }
    texts.extend((0..300).map(|index| gen_corpus::issue(index, 300, gen_corpus::DEFAULT_SEED).1));
    assert!(texts.len() > 340, "{} files", texts.len());
    for text in &texts {
        bounds::tests::same_segments(text);
        runs(text);
        for line in text.lines() {
            bounds::tests::same_segments(line);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 5_000, ..Default::default() })]

    /// Runs of kept words, and their ends, as the oracle finds them, for
    /// text made of words, stop words, numbers, URLs and what stands
    /// between them.
    #[test]
    fn same_runs_on_random_text(
        parts in proptest::collection::vec(proptest::sample::select(&[
            "service", "Mesh", "the", "and", "k8s", "it's", "Verizon’s", "Straße", "café", "node.js", "e.g.",
            "1.7", "2017", "1,000", "x", "_", "__init__", "a_b", "IT'S", "Pods'", "v2", "v123",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmn", "abcdefghijklmnopqrstuvwxyzabcdefghijklmno", "https://k8s.io/x", "buoyant.io", "a@b.com",
            " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "-", "--", ",", ".", "'", "’", "…", ":", ";",
            "\"", "/", "#", "\u{a0}", "\u{301}",
        ][..]), 0..24)
    ) {
        runs(&parts.concat());
    }

    /// The same on ASCII text only, which [`words::Scanner`] reads in one
    /// pass of its own.
    #[test]
    fn same_runs_on_random_ascii_text(
        parts in proptest::collection::vec(proptest::sample::select(&[
            "service", "Mesh", "the", "and", "k8s", "it's", "IT'S", "Pods'", "node.js", "e.g.", "a:b", "3'4", "1;2",
            "1.7", "2017", "1,000", "x", "_", "__init__", "a_b", "_1", "v2", "v123", "'s", "abcdefghijklmnopqrstuvwxyzabcdefghijklmn",
            "https://k8s.io/x", "buoyant.io", "a@b.com", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\x0b", "\x0c",
            "-", "--", ",", ".", "'", ":", ";", "\"", "/", "#", "@", "\x1f",
        ][..]), 0..32)
    ) {
        runs(&parts.concat());
    }
}

#[test]
fn plurals_fold_to_a_known_singular() {
    let vocabulary: HashSet<String> = ["container", "image"].into_iter().map(String::from).collect();
    let texts = [std::borrow::Cow::from("Containers and container images; Kubernetes")];
    let mut terms: Vec<String> =
        oracle::Words::new(&Config::default()).terms(&texts, &vocabulary).into_iter().collect();
    terms.sort();
    assert_eq!(terms, ["container", "container image", "image", "kubernetes"]);
}
