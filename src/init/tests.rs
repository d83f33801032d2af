use super::topics::{Usage, usage};
use super::*;
use crate::config::Config;
use crate::trends::tests::item;

#[test]
fn common_title_is_the_words_most_titles_start_with() {
    let react = [
        "This Week In React #294: React Compiler, TanStack",
        "This Week In React #293: Next.js, Expo",
        "This week in React #100 - Special",
    ];
    assert_eq!(common_title(&react).as_deref(), Some("This Week In React"));
    // An outlier does not break it: half of the titles is enough.
    let osdev = ["This Month in Rust OSDev: June 2026", "This Month in Rust OSDev: May 2026", "Rust OSDev turns five"];
    assert_eq!(common_title(&osdev).as_deref(), Some("This Month in Rust OSDev"));
    // Capitals become title case; the issue word and number go.
    let devops = ["DEVOPS WEEKLY ISSUE #255", "DEVOPS WEEKLY ISSUE #256"];
    assert_eq!(common_title(&devops).as_deref(), Some("Devops Weekly"));
}

#[test]
fn titles_without_a_name_give_none() {
    // Only issue words, only period words, nothing shared, no titles.
    assert_eq!(common_title(&["Issue #201", "Issue #200"]), None);
    assert_eq!(common_title(&["Week Ending August 16, 2026", "Week Ending August 9, 2026"]), None);
    assert_eq!(common_title(&["#14 - Reproducible builds", "#13 - Gnome 3.30"]), None);
    assert_eq!(common_title(&[]), None);
}

#[test]
fn front_matter_values_in_each_dialect() {
    let yaml = "---\ntitle: x\ncategory: Rust Weekly\n---\nbody\ncategory: no\n";
    assert_eq!(front_matter_value(yaml, "category").as_deref(), Some("Rust Weekly"));
    let list = "---\ncategories: [\"Go Digest\", news]\n---\n";
    assert_eq!(front_matter_value(list, "categories").as_deref(), Some("Go Digest"));
    let lines = "---\ncategories:\n  - 'Data Weekly'\n---\n";
    assert_eq!(front_matter_value(lines, "categories").as_deref(), Some("Data Weekly"));
    let toml = "+++\ntitle = \"x\"\nnewsletter = \"OSDev\"\n+++\n";
    assert_eq!(front_matter_value(toml, "newsletter").as_deref(), Some("OSDev"));
    let pelican = "Title: x\nCategory: NixOS Weekly\n\n# News\n";
    assert_eq!(front_matter_value(pelican, "category").as_deref(), Some("NixOS Weekly"));
    // Not in the body, not a nested key.
    assert_eq!(front_matter_value("---\ntitle: x\n---\ncategory: y\n", "category"), None);
    assert_eq!(front_matter_value("---\nextra:\n  category: y\n---\n", "category"), None);
}

#[test]
fn sponsor_and_job_sections() {
    for name in ["Sponsor", "Sponsored Event", "Our Partners", "Advertisement", "Jobs", "Job offers", "Hiring"] {
        assert!(is_sponsor_like(name), "{name}");
    }
    for name in ["Support us!", "Careers", "Ads", "Donations", "Work with us"] {
        assert!(is_sponsor_like(name), "{name}");
    }
    for name in ["News", "Promotions", "Kubeadm", "Adding features", "Support", "Reading"] {
        assert!(!is_sponsor_like(name), "{name}");
    }
}

#[test]
fn stop_words_add_the_title_and_its_initials_and_drop_the_builtin_title() {
    let words = stop_words("This Week in Nushell");
    assert!(words.iter().any(|w| w == "nushell") && words.iter().any(|w| w == "twin"), "{words:?}");
    assert!(!words.iter().any(|w| w == "devops"), "the repository's own newsletter word: {words:?}");
    assert!(words.iter().any(|w| w == "post"), "the built-in words stay: {words:?}");
    assert!(!words.iter().any(|w| w == "this" || w == "in"), "English stop words are not repeated");
    let words = stop_words("Last Week in Kubernetes Development");
    assert!(words.iter().any(|w| w == "lwkd") && words.iter().any(|w| w == "lwikd"), "{words:?}");
}

fn archive(texts: &[&str]) -> crate::model::Archive {
    let section = crate::model::Section {
        name: "News".into(),
        canonical: "News".into(),
        slug: "news".into(),
        line: 1,
        items: texts.iter().map(|t| item(t)).collect(),
        feed: true,
        boilerplate_html: String::new(),
        boilerplate: 0,
        subsection_links: Vec::new(),
    };
    let date = chrono::DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap();
    let issue = crate::model::Issue {
        key: "1".into(),
        number: Some(1),
        title: "T".into(),
        date,
        source: "1.md".into(),
        intro_html: String::new(),
        intro_text: String::new(),
        sections: vec![section],
        footer_html: String::new(),
    };
    crate::model::Archive { issues: vec![issue] }
}

fn usage_of(texts: &[&str], word: &str) -> Usage {
    let words = [(word.to_owned(), Usage::default())].into_iter().collect();
    usage(&archive(texts), &Config::builtin(), words).remove(word).unwrap()
}

#[test]
fn names_are_written_with_capitals_inside_sentences() {
    let texts = [
        "We run Kubernetes here. Kubernetes is fine.",
        "The new kubernetes-sigs repo, and a Kubernetes talk.",
        "Deploy to Kubernetes with @kubernetes and kubernetes/website today.",
    ];
    let k = usage_of(&texts, "kubernetes");
    // First once (after `. `), inside three times, all capitals; one
    // handle; two joined (`kubernetes-sigs`, `kubernetes/website`).
    assert_eq!((k.total, k.inside, k.capital, k.handle, k.joined), (7, 3, 3, 1, 2));
    assert!(k.name_like() && !k.handle_like());
    assert_eq!(k.name(), "Kubernetes");
    // A changelog verb: first in most lines.
    let add = usage_of(&["Add x.\nAdd y.\nAdd z.", "We add a, b and Add c; to add d."], "add");
    assert_eq!((add.inside, add.capital), (3, 1));
    assert!(!add.name_like());
    // Letters then digits; mostly after `@`: a user name.
    assert!(usage_of(&["Builds edk2 now, with edk2 and edk2 too."], "edk2").name_like());
    assert_eq!(usage_of(&["Builds edk2 now."], "edk2").name(), "edk2");
    assert!(usage_of(&["Thanks @pyz4 and @pyz4, pyz4 did it."], "pyz4").handle_like());
}

fn findings() -> Findings {
    Findings {
        title: "Rust \"OSDev\" Monthly".into(),
        title_source: TitleSource::IssueTitles,
        issues: 12,
        unreadable: 1,
        dates: None,
        sampled: 12,
        section_level: Some(3),
        level_issues: [0, 12, 11, 0, 0, 0],
        sections: vec![
            ("News".into(), 11, vec!["news".into()]),
            ("Sponsored".into(), 4, vec![]),
            ("Once\nonly".into(), 1, vec![]),
        ],
        boilerplate: vec![("Join us on Zulip".into(), 12)],
        boilerplate_threshold: 3,
        exclude_sections: vec!["Sponsored".into()],
        stop_words: vec!["osdev".into(), "it's".into()],
        topics: vec![Suggestion {
            name: "UEFI".into(),
            term: "uefi".into(),
            why: Why::Frequent { items: 40, of: 300 },
        }],
        emerging_window: "last 12 months (automatic)".into(),
        no_emerging: Some("every issue is in the last 12 months".into()),
    }
}

#[test]
fn the_file_parses_back_to_what_was_found() {
    let text = render(&findings());
    let config = Config::from_toml(&text).unwrap();
    assert_eq!(config.title, "Rust \"OSDev\" Monthly");
    assert_eq!(config.author, "Rust \"OSDev\" Monthly");
    assert_eq!(config.base_url, "http://localhost:8000/");
    // Left commented: inferred on every run.
    assert_eq!(config.section_level, None);
    assert!(text.contains("\n# section_level = 3  # inferred: 3; issues using it: 11 of 12\n"), "{text}");
    // Uncommented, the line is valid.
    let fixed = text.replace("\n# section_level = 3", "\nsection_level = 3");
    assert_eq!(Config::from_toml(&fixed).unwrap().section_level, Some(3));
    assert_eq!(config.min_section_issues, 2);
    assert_eq!(config.exclude_sections, ["Sponsored"]);
    assert_eq!(config.emerging_stop_words, ["osdev", "it's"]);
    assert!(config.boilerplate_patterns.is_empty());
    assert!(config.section_aliases.is_empty(), "the built-in alias does not apply");
    let topics: Vec<(&str, Vec<&str>)> =
        config.topics.iter().map(|t| (t.name.as_str(), t.terms.iter().map(|t| t.text.as_str()).collect())).collect();
    assert_eq!(topics, [("UEFI", vec!["uefi"])]);
    assert!(text.contains("\n#      12  Join us on Zulip\n"), "{text}");
    assert!(text.contains("#   News         11  (merged: \"news\")\n"), "{text}");
    assert!(text.contains("#  \"Once only\"\n"), "a name on one line: {text}");
    assert!(text.contains("# 1 file could not be read"), "{text}");
    assert!(text.contains("# In 40 of 300 items (13.3%).\n[[topics]]\n"), "{text}");
    assert!(text.contains("# Emerging terms: the last 12 months (automatic) against the months before.\n"), "{text}");
    assert!(text.contains("# No emerging term: every issue is in the last 12 months."), "{text}");
}

#[test]
fn without_topics_the_builtin_topics_do_not_apply() {
    let mut f = findings();
    f.topics.clear();
    f.section_level = None;
    let text = render(&f);
    let config = Config::from_toml(&text).unwrap();
    assert!(config.topics.is_empty(), "{:?}", config.topics);
    assert!(text.contains("# section_level = 2  # inferred: none"), "{text}");
}
