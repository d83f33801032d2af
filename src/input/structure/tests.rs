//! Tests of [`super`]: the inferred section level, names and boilerplate,
//! and issues read with them.

use super::keys::hash_word;
use super::*;

fn shape(headings: &[(u8, &str)]) -> Shape {
    Shape { headings: headings.iter().map(|(l, n)| (*l, (*n).to_owned())).collect(), ..Shape::default() }
}

#[test]
fn section_level_is_the_level_of_recurring_headings_in_most_issues() {
    // Many `##` sections in every issue, one `#` heading in half of them: `##`.
    let mut shapes = Vec::new();
    for i in 0..10 {
        let mut h = vec![(2, "News"), (2, "Crate of the Week"), (2, "Events")];
        if i % 2 == 0 {
            h.push((1, "Quote of the Week"));
        }
        shapes.push(shape(&h));
    }
    assert_eq!(infer_level(&shapes, &recurring_headings(&shapes)), Some(HeadingLevel::H2));
    // A unique `#` title in every issue does not recur: still `###`.
    let shapes: Vec<Shape> =
        (0..5).map(|i| shape(&[(1, &format!("Issue {i} headline")), (3, "News"), (3, "Tools")])).collect();
    assert_eq!(infer_level(&shapes, &recurring_headings(&shapes)), Some(HeadingLevel::H3));
    // `###` sub-sections under `##` sections in nine issues of ten: `##`.
    let shapes: Vec<Shape> = (0..10)
        .map(|i| if i == 0 { shape(&[(3, "uefi")]) } else { shape(&[(2, "Projects"), (3, "uefi"), (3, "acpi")]) })
        .collect();
    assert_eq!(infer_level(&shapes, &recurring_headings(&shapes)), Some(HeadingLevel::H2));
    // A tie goes to the shallower level; no heading at all: none.
    assert_eq!(
        {
            let s = [shape(&[(1, "A"), (2, "B")]), shape(&[(1, "A"), (2, "B")])];
            infer_level(&s, &recurring_headings(&s))
        },
        Some(HeadingLevel::H1)
    );
    assert_eq!(infer_level(&[shape(&[]), shape(&[])], &HashSet::new()), None);
    // One issue alone: its headings count as recurring.
    assert_eq!(
        {
            let s = [shape(&[(2, "A"), (3, "B")])];
            infer_level(&s, &recurring_headings(&s))
        },
        Some(HeadingLevel::H2)
    );
}

#[test]
fn names_that_differ_in_case_or_punctuation_are_one_section() {
    assert_eq!(name_key("Sponsored Event"), name_key("Sponsored event:"));
    assert_eq!(name_key("  Crate of the   Week! "), "crate of the week");
    assert_ne!(name_key("News"), name_key("Newsletter"));
    let config = Config { min_section_issues: 2, ..Config::default() };
    let shapes = [
        shape(&[(2, "Sponsored Event"), (2, "News")]),
        shape(&[(2, "Sponsored event"), (2, "News")]),
        shape(&[(2, "Sponsored Event"), (2, "Once")]),
    ];
    let profile = Profile::infer(&shapes, &config).unwrap();
    assert_eq!(profile.section_name("Sponsored event"), "Sponsored Event");
    assert_eq!(profile.section_name("Unknown"), "Unknown");
    assert!(profile.has_feed("Sponsored event") && profile.has_feed("News"));
    assert!(!profile.has_feed("Once") && !profile.has_feed(""));
    assert_eq!(profile.section_counts(), (2, 1));
    let merged: &[String] = &["Sponsored event".to_owned()];
    assert_eq!(profile.sections()[0], ("Sponsored Event", 3, merged));
    assert_eq!(profile.sections()[1], ("News", 2, &[] as &[String]));
}

/// The fingerprint is the hash of the text's words in turn, each
/// lower-cased (`İ` to two characters), whatever stands between them.
#[test]
fn fingerprints_hash_the_words_in_turn() {
    let words = |ws: &[&str]| ws.iter().fold(0, |h, w| hash_word(h, w));
    let cases: [(&str, &[&str]); 5] = [
        ("Discuss on r/rust!", &["discuss", "on", "r", "rust"]),
        ("  ÜBER-cool: ΣΟΦΟΣ, İstanbul ", &["über", "cool", "σοφοσ", "i\u{307}stanbul"]),
        ("straße_2024", &["straße", "2024"]),
        ("x", &["x"]),
        ("日本語 text", &["日本語", "text"]),
    ];
    for (text, ws) in cases {
        assert_eq!(fingerprint(text), Some(words(ws)), "{text}");
    }
    assert_eq!(fingerprint("Rust"), first_word("rust, more"));
    assert_eq!(fingerprint("-- , !"), None);
}

#[test]
fn boilerplate_recurs_in_a_tenth_of_the_issues_and_three_at_least() {
    assert_eq!(boilerplate_threshold(5), 3);
    assert_eq!(boilerplate_threshold(32), 4);
    assert_eq!(boilerplate_threshold(608), 61);
    let discuss = fingerprint("Discuss on r/rust").unwrap();
    assert_eq!(Some(discuss), fingerprint("discuss on r rust."));
    assert_eq!(fingerprint(" — "), None);
    let shapes: Vec<Shape> = (0..30u64)
        .map(|i| {
            let blocks = if i < 3 { vec![discuss, 100 + i] } else { vec![200 + i] };
            Shape {
                headings: Vec::new(),
                blocks: blocks.into_iter().map(|b| (b, "Discuss on r/rust".into())).collect(),
                leads: Vec::new(),
            }
        })
        .collect();
    let profile = Profile::infer(&shapes, &Config::default()).unwrap();
    assert!(profile.is_boilerplate("Discuss on r/rust"));
    assert!(!profile.is_boilerplate("Something else"));
    assert_eq!(profile.boilerplate_found, [("Discuss on r/rust".to_owned(), 3)]);
    let config = Config { boilerplate_patterns: vec!["(?i)^join us".into()], ..Config::default() };
    assert!(Profile::for_config(&config).unwrap().is_boilerplate("Join us on Zulip"));
}

#[test]
fn date_headings_are_not_sections() {
    for date in [
        "June 10, 2023",
        "Jun 10",
        "Jun 10 - Jun 12 | Virtual",
        "2023-06-10",
        "10 June 2023",
        "Mon, Jun 10",
        "Sept. 3rd",
    ] {
        assert!(is_date_heading(date), "{date}");
    }
    for name in ["News", "May the Force", "Marching on", "2023 in review", "Jun", "Events"] {
        assert!(!is_date_heading(name), "{name}");
    }
}

/// Three issues in the style of a weekly with many `##` sections, one
/// `#` heading, a line repeated in every issue, link headings and dates.
fn weekly(n: u32) -> String {
    let quote = if n < 3 {
        format!("# Quote of the Week\n\n> Words {n}. [source](https://q.example/{n})\n")
    } else {
        String::new()
    };
    format!(
        "---\ntitle: Weekly {n}\ndate: 2023-01-0{n}\n---\n\nHello.\n\n## News\n\n\
         A paragraph {n} that goes on [with a link](https://a.example/{n}) and more words.\n\n\
         Discuss on [r/news](https://r.example/{n}).\n\n\
         ## Merges\n\n### [PR {n}: faster](https://pr.example/{n})\n\nWhy {n} matters.\n\n\
         ### [`tool`](https://tool.example/)\n\n- [Change {n}](https://c.example/{n})\n\n\
         ### Jun 1{n}\n\n- [Meetup {n}](https://m.example/{n})\n\n\
         {quote}"
    )
}

#[test]
fn issues_are_read_with_what_the_whole_archive_says() {
    let config = Config::builtin();
    let mut reader = crate::input::Reader::new(&config).unwrap();
    let texts: Vec<String> = (1..=3).map(weekly).collect();
    let shapes: Vec<Shape> = texts
        .iter()
        .map(|t| {
            let body = &t[t.find("\n---\n").unwrap() + 5..];
            crate::input::shape::shape(body, "Weekly", None)
        })
        .collect();
    reader.infer(&shapes).unwrap();
    assert_eq!(reader.profile().section_level, Some(HeadingLevel::H2));
    let issue = reader.parse_str(&texts[0], std::path::Path::new("1.md")).unwrap().unwrap();
    let sections: Vec<(&str, usize)> = issue.sections.iter().map(|s| (s.name.as_str(), s.items.len())).collect();
    assert_eq!(sections, [("News", 1), ("Merges", 3), ("Quote of the Week", 1)]);
    // The line repeated in every issue is on the page, not an item.
    let news = &issue.sections[0];
    assert!(news.boilerplate_html.contains("Discuss on"), "{}", news.boilerplate_html);
    assert_eq!(news.items[0].links.len(), 1);
    // A link heading seen once is an item; one that recurs is a sub-section;
    // a date is a sub-section, never a section.
    let merges = &issue.sections[1].items;
    assert_eq!(merges[0].title_line.as_deref(), Some("PR 1: faster"));
    assert_eq!(merges[0].text, "Why 1 matters.");
    assert_eq!(merges[0].url(), Some("https://pr.example/1"));
    assert_eq!(merges[1].subsection.as_deref(), Some("tool"));
    assert_eq!(merges[2].subsection.as_deref(), Some("Jun 11"));
    assert!(issue.sections.iter().all(|s| s.feed));
}

#[test]
fn boilerplate_is_found_whatever_the_length_of_its_first_word() {
    let long = "x".repeat(120);
    for text in ["Discuss on r/rust.".to_owned(), format!("{long} and more words that run past the start kept")] {
        let shapes: Vec<Shape> = (0..3)
            .map(|n| crate::input::shape::shape(&format!("## News\n\nItem {n}.\n\n{text}\n"), "t", None))
            .collect();
        let profile = Profile::infer(&shapes, &Config::builtin()).unwrap();
        assert!(profile.is_boilerplate(&text), "{text}");
        assert!(!profile.is_boilerplate("Item 1."));
        assert!(!profile.is_boilerplate(&format!("{text} Plus a different ending.")));
    }
}

#[test]
fn section_level_set_in_the_configuration_wins() {
    let shapes: Vec<Shape> = (0..4).map(|_| shape(&[(2, "News"), (3, "Docker")])).collect();
    assert_eq!(Profile::infer(&shapes, &Config::builtin()).unwrap().section_level, Some(HeadingLevel::H2));
    let config = Config { section_level: Some(3), ..Config::builtin() };
    assert_eq!(Profile::infer(&shapes, &config).unwrap().section_level, Some(HeadingLevel::H3));
    assert_eq!(Profile::for_config(&config).unwrap().section_level, Some(HeadingLevel::H3));
    assert!(Config::from_toml("section_level = 7").is_err());
}

#[test]
fn a_first_sentence_that_recurs_is_template_whether_alone_or_leading() {
    let intro = "The `bootloader` crate implements a bootloader.";
    // In two issues the sentence opens a paragraph, in one it stands alone.
    let bodies = [
        format!("## News\n\n{intro} This month, we fixed 1 bug.\n"),
        format!("## News\n\n{intro} This month, we fixed 2 bugs.\n"),
        format!("## News\n\n{intro}\n\nThis month, we fixed 3 bugs.\n"),
    ];
    let shapes: Vec<Shape> = bodies.iter().map(|b| crate::input::shape::shape(b, "t", None)).collect();
    let profile = Profile::infer(&shapes, &Config::builtin()).unwrap();
    assert!(profile.is_template_lead("The bootloader crate implements a bootloader."));
    let text = "The bootloader crate implements a bootloader. This month, we fixed 4 bugs.";
    assert_eq!(profile.without_template_lead(text), "This month, we fixed 4 bugs.");
    assert_eq!(
        profile.without_template_lead("This month, we fixed 4 bugs. More."),
        "This month, we fixed 4 bugs. More."
    );
    assert!(!profile.is_boilerplate(text), "the item stays");
}

/// Template leads found through their first word give what asking every
/// sentence's fingerprint gives: sentences that share the template's first
/// word (any case, any punctuation before it) or differ from it, several
/// template sentences in a row, texts with no word.
#[test]
fn template_leads_through_the_first_word_as_through_every_fingerprint() {
    let leads = ["The bootloader crate implements a bootloader.", "Quote of the week: none!"];
    let bodies: Vec<String> =
        (0..4).map(|i| format!("## News\n\n{} {} This month, we fixed {i} bugs.\n", leads[0], leads[1])).collect();
    let shapes: Vec<Shape> = bodies.iter().map(|b| crate::input::shape::shape(b, "t", None)).collect();
    let profile = Profile::infer(&shapes, &Config::builtin()).unwrap();
    let slow_is_lead = |s: &str| fingerprint(s).is_some_and(|f| profile.leads.contains(&f));
    fn slow_without<'t>(mut text: &'t str, is_lead: &dyn Fn(&str) -> bool) -> &'t str {
        for _ in 0..3 {
            match lead_sentence(text) {
                Some((lead, rest)) if is_lead(lead) => text = rest,
                _ => break,
            }
        }
        text
    }
    let texts = [
        "The bootloader crate implements a bootloader. Quote of the week: none! This month, 4 bugs.",
        "the BOOTLOADER crate, implements a bootloader! More.",
        "(The) bootloader crate implements a bootloader. More.",
        "The other crate implements a bootloader. More.",
        "Quote of the week: none! The bootloader crate implements a bootloader. Quote of the week: none! End.",
        "Quote of the week: none!",
        "Quotes of the week: none! More.",
        " — . More.",
        "",
    ];
    for text in texts {
        assert_eq!(profile.without_template_lead(text), slow_without(text, &slow_is_lead), "{text}");
        assert_eq!(profile.is_template_lead(text), slow_is_lead(text), "{text}");
    }
    assert_eq!(profile.without_template_lead(texts[0]), "This month, 4 bugs.");
    assert_eq!(profile.without_template_lead(texts[1]), "More.");
    assert!(profile.is_template_lead("quote of THE week: none"));
}

/// The fingerprint against one made independently: the words of
/// [`name_key`] hashed in turn, on texts mixing ASCII (the byte-at-a-time
/// path) with other characters met at any point.
mod fingerprint_matches_name_key {
    use proptest::prelude::*;

    use super::super::keys::hash_word;
    use super::*;

    fn by_name_key(text: &str) -> Option<u64> {
        let key = name_key(text);
        (!key.is_empty()).then(|| key.split(' ').fold(0, hash_word))
    }

    proptest! {
        #[test]
        fn on_mixed_text(text in "[a-zA-Z0-9 .,_'!-]{0,24}([ÉéİΣßü日’—\u{307}]{0,2}[a-zA-Z0-9 .!-]{0,8}){0,3}") {
            prop_assert_eq!(fingerprint(&text), by_name_key(&text));
        }

        #[test]
        fn on_any_text(text in "\\PC{0,40}") {
            prop_assert_eq!(fingerprint(&text), by_name_key(&text));
        }
    }

    #[test]
    fn on_texts_turning_non_ascii_inside_a_word() {
        for text in ["abcé def", "ab-É", "Über", "x\u{307}y", "rust 2024 — straße", "İİ", ""] {
            assert_eq!(fingerprint(text), by_name_key(text), "{text}");
        }
    }
}
