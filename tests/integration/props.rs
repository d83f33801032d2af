//! Property tests: for generated issues of random sections, paragraphs,
//! links and Unicode text, a build never fails or panics, every feed parses,
//! every URL of the input appears in the output, the trend counts equal a
//! simple reference count, and two builds are byte-identical.

use std::collections::BTreeMap;

use proptest::prelude::*;
use trendfeed::cli::{ArchiveArgs, BuildArgs};

use crate::util::{parse_feed, snapshot};

/// Words items are made of: plain words, Unicode, markup-looking text, and
/// the default topics' terms in several forms.
const WORDS: &[&str] = &[
    "deploy",
    "cluster",
    "latency",
    "naïve",
    "café",
    "日本語",
    "emoji🚀",
    "R&D",
    "a<b",
    "]]>",
    "x_y",
    "50%",
    "v1.2",
    "Docker",
    "dockers",
    "docker-compose",
    "Dockerfile",
    "DockerCon",
    "Kubernetes",
    "k8s",
    "kubectl",
    "unikernels",
    "Unikernel",
    "dockerised",
    "kubernetesx",
];

/// Mentions of (Docker, Kubernetes, Unikernels) in a word, counted the way a
/// person would: whole words, any case, optional plural `s`.
fn reference_count(word: &str) -> [usize; 3] {
    let terms: [&[&str]; 3] =
        [&["docker", "dockerfile", "dockercon"], &["kubernetes", "k8s", "kubecon", "kubectl"], &["unikernel"]];
    let mut counts = [0; 3];
    for part in word.to_lowercase().split(|c: char| !c.is_alphanumeric() && c != '_') {
        for (t, list) in terms.iter().enumerate() {
            if list.iter().any(|term| part == *term || part.strip_suffix('s') == Some(term)) {
                counts[t] += 1;
            }
        }
    }
    counts
}

#[derive(Debug, Clone)]
struct GenItem {
    words: Vec<&'static str>,
    urls: Vec<String>,
}

fn item() -> impl Strategy<Value = GenItem> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 3..12),
        prop::collection::vec("[a-z]{1,8}(/[a-z0-9]{1,6}){0,2}", 1..3),
    )
        .prop_map(|(words, paths)| GenItem {
            words,
            urls: paths.iter().map(|p| format!("https://{p}.example/x")).collect(),
        })
}

/// An issue: sections named after their index, each with items.
fn issue() -> impl Strategy<Value = Vec<Vec<GenItem>>> {
    prop::collection::vec(prop::collection::vec(item(), 1..4), 1..4)
}

fn render(number: usize, sections: &[Vec<GenItem>]) -> String {
    let mut text =
        format!("---\ntitle: Generated #{number}\ndate: 2020-01-{:02}T10:00:00+00:00\n---\n\nIntro.\n\n", number + 1);
    for (s, items) in sections.iter().enumerate() {
        text.push_str(&format!("Section {s}\n=========\n\n"));
        for item in items {
            // Every word ends up in the item's text: no line may look like a title.
            text.push_str(&format!("{}.\n\n", item.words.join(" ")));
            for url in &item.urls {
                text.push_str(&format!("[{url}]({url})\n"));
            }
            text.push_str("\n\n");
        }
    }
    text
}

/// Builds into `out`, with a cache beside it, or without one.
fn build(issues: &std::path::Path, out: &std::path::Path, cache: bool) {
    let args = BuildArgs {
        archive: ArchiveArgs { issues: issues.to_path_buf(), config: None },
        out: out.to_path_buf(),
        cache_dir: Some(out.with_extension("cache")),
        no_cache: !cache,
        ..BuildArgs::default()
    };
    trendfeed::build(&args, trendfeed::Verbosity::Quiet).expect("build succeeds");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn builds_are_valid_complete_counted_and_reproducible(archive in prop::collection::vec(issue(), 1..4)) {
        let dir = tempfile::tempdir().unwrap();
        let issues = dir.path().join("issues");
        std::fs::create_dir_all(&issues).unwrap();
        for (n, sections) in archive.iter().enumerate() {
            std::fs::write(issues.join(format!("{n}.md")), render(n, sections)).unwrap();
        }
        build(&issues, &dir.path().join("out"), true);
        build(&issues, &dir.path().join("again"), false);
        let out = snapshot(&dir.path().join("out"));
        prop_assert_eq!(&out, &snapshot(&dir.path().join("again")));

        let mut written = String::new();
        for (path, bytes) in &out {
            if matches!(path.extension().and_then(|e| e.to_str()), Some("rss" | "atom")) {
                parse_feed(&dir.path().join("out").join(path));
            }
            written.push_str(&String::from_utf8_lossy(bytes));
        }
        let mut expected = [0usize; 3];
        let mut expected_items = [0usize; 3];
        for item in archive.iter().flatten().flatten() {
            let counts = item.words.iter().map(|w| reference_count(w)).fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]);
            for t in 0..3 {
                expected[t] += counts[t];
                expected_items[t] += usize::from(counts[t] > 0);
            }
            for url in &item.urls {
                prop_assert!(written.contains(url.as_str()), "{} is not in the output", url);
            }
        }
        // All issues fall in January 2020: one row per topic.
        let csv = std::fs::read_to_string(dir.path().join("out/trends/trends.csv")).unwrap();
        let rows: BTreeMap<String, (usize, usize)> = csv
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                (f[2].to_owned(), (f[3].parse().unwrap(), f[4].parse().unwrap()))
            })
            .collect();
        for (t, name) in ["Docker", "Kubernetes", "Unikernels"].iter().enumerate() {
            prop_assert_eq!(rows[*name], (expected[t], expected_items[t]), "{}", name);
        }
    }
}
