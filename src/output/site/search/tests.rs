//! The search index of a tiny archive, parsed back; and the same index
//! from items analysed beforehand, as the build's cache keeps them.

use serde_json::{Value, json};

use super::analyser::{Analyser, SearchText};
use super::{index_js, inputs};
use crate::output::html::IssueLink;
use crate::output::site::{Listed, Searched, SiteArchive};

/// Two issues and three items; with the items' texts, or analysed.
fn archive(analysed: bool) -> SiteArchive {
    let date = |d: &str| chrono::DateTime::parse_from_rfc3339(d).unwrap();
    let issues = vec![
        IssueLink { key: "1".into(), title: "Weekly one".into(), date: date("2024-01-01T10:00:00+00:00"), items: 1 },
        IssueLink { key: "2".into(), title: "Weekly two".into(), date: date("2024-01-08T10:00:00+00:00"), items: 2 },
    ];
    let items = [
        (0, "News", "Docker ships", "Docker ships a release; dockers rejoice."),
        (1, "News", "Kubernetes", "Running kubernetes clusters."),
        (1, "", "Intro", "Nothing here"),
    ];
    let mut analyser = Analyser::new();
    let searched = items
        .iter()
        .map(|&(issue, section, title, text)| Searched {
            item: Listed {
                issue,
                section: section.into(),
                anchor: section.to_lowercase(),
                title: title.into(),
                url: None,
            },
            text: if analysed {
                SearchText::Analysed(analyser.analyse([title, text]))
            } else {
                SearchText::Text(text.into())
            },
        })
        .collect();
    SiteArchive { issues: issues.into(), sections: Vec::new(), searched, items: 3 }
}

fn parsed(script: &str) -> Value {
    let json = script.strip_prefix("window.TF_SEARCH = ").and_then(|s| s.strip_suffix(";\n")).unwrap();
    serde_json::from_str(json).unwrap()
}

#[test]
fn a_tiny_archive_parsed_back() {
    let search = parsed(&index_js(&archive(false)).unwrap());
    // Newest issue first, then the items, newest first.
    let docs = json!([
        ["Weekly two", "issues/2.html", "2024-01-08", "issue · 2 items"],
        ["Weekly one", "issues/1.html", "2024-01-01", "issue · 1 items"],
        ["Intro", "issues/2.html", "2024-01-08", "Weekly two"],
        ["Kubernetes", "issues/2.html#news", "2024-01-08", "News · Weekly two"],
        ["Docker ships", "issues/1.html#news", "2024-01-01", "News · Weekly one"],
    ]);
    assert_eq!(search["docs"], docs);
    let store = &search["index"]["documentStore"];
    assert_eq!(store["length"], 5);
    // `a` is a stop word; `release;` is trimmed.
    assert_eq!(store["docInfo"]["4"], json!({"body": 5, "title": 2}));
    assert_eq!(store["docInfo"]["3"], json!({"body": 3, "title": 1}));
    assert_eq!(store["docInfo"]["0"], json!({"body": 0, "title": 2}));
    // `Docker` and `dockers` are one token, twice in the body of the
    // oldest item, once in its title.
    let docker = |field: &str| search["index"]["index"][field]["root"]["d"]["o"]["c"]["k"]["e"]["r"].clone();
    assert_eq!(docker("body")["docs"], json!({"4": {"tf": 2f64.sqrt()}}));
    assert_eq!(docker("title")["docs"], json!({"4": {"tf": 1.0}}));
}

#[test]
fn analysed_items_make_the_same_index() {
    assert_eq!(index_js(&archive(true)).unwrap(), index_js(&archive(false)).unwrap());
}

/// The issues of a test's archive, which nothing else shares, to change.
fn issues(archive: &mut SiteArchive) -> &mut [crate::output::html::IssueLink] {
    std::sync::Arc::get_mut(&mut archive.issues).expect("a test's archive shares its issues with nothing")
}

#[test]
fn the_inputs_change_with_everything_the_index_shows() {
    let changes: [fn(&mut SiteArchive); 11] = [
        |a| issues(a)[1].title.push('!'),
        |a| issues(a)[0].items += 1,
        |a| issues(a)[1].key.push('x'),
        |a| issues(a)[0].date += chrono::Duration::days(1),
        |a| a.searched[0].item.title.push('!'),
        |a| a.searched[1].item.section.push('!'),
        |a| a.searched[1].item.anchor.push('!'),
        |a| a.searched[2].item.issue = 0,
        |a| a.searched[2].text = SearchText::Text("Nothing there".into()),
        |a| a.searched[2].text = SearchText::Analysed(Analyser::new().analyse(["Intro", "Nothing there"])),
        |a| drop(a.searched.remove(0)),
    ];
    let (same, index) = (inputs(&archive(false)), index_js(&archive(false)).unwrap());
    assert_eq!(inputs(&archive(false)), same, "the same archive");
    for (n, change) in changes.iter().enumerate() {
        let mut changed = archive(false);
        change(&mut changed);
        assert_ne!(index_js(&changed).unwrap(), index, "change {n} changes the index");
        assert_ne!(inputs(&changed), same, "change {n} changes the inputs");
    }
}

#[test]
fn strings_are_escaped_as_serde_json_escapes_them() {
    let mut every: String = (0u8..0x80).map(char::from).collect();
    every.push_str("é · ✓ 𝄞 \u{2028}\u{7f}\u{80}\u{9f}");
    for text in [every.as_str(), "", "plain", "\"quoted\"", "a\\b", "\u{1}"] {
        let mut escaped = String::from("\"");
        super::escape(&mut escaped, text);
        escaped.push('"');
        assert_eq!(escaped, serde_json::to_string(text).unwrap());
    }
}

#[test]
fn titles_with_quotes_and_control_characters_parse_back() {
    let mut archive = archive(false);
    issues(&mut archive)[1].title = "Weekly \"two\"\t\\".into();
    archive.searched[2].item.section = "Q&A\u{1}".into();
    let search = parsed(&index_js(&archive).unwrap());
    assert_eq!(search["docs"][0][0], "Weekly \"two\"\t\\");
    assert_eq!(search["docs"][2][3], "Q&A\u{1} · Weekly \"two\"\t\\");
}
