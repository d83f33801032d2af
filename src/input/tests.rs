use super::*;

fn header(text: &str, path: &str) -> Result<Option<Header>, InputError> {
    let config = Config::default();
    let reader = Reader::new(&config).unwrap();
    reader.header_of(text, Path::new(path)).map(|h| h.map(|(header, _)| header))
}

fn date(header: &Header) -> String {
    header.date.to_rfc3339()
}

#[test]
fn without_front_matter_date_from_file_name_and_title_from_heading() {
    // this-week-in-nushell: 281 of 363 issues are like this.
    let text = "# This week in Nu #5\n\nThis week we released 0.3.0!\n\n- landaire made ctrl-c configurable\n";
    let h = header(text, "twin/2019-09-27-twin0005.md").unwrap().unwrap();
    assert_eq!(h.title, "This week in Nu #5");
    assert_eq!(h.number, Some(5));
    assert_eq!(date(&h), "2019-09-27T00:00:00+00:00");
    assert!(h.warnings.is_empty());
    assert_eq!(h.key(), "5");
}

#[test]
fn without_a_title_heading_the_file_stem_is_the_title() {
    // A first heading below level 1 is a section, not a title.
    let h = header("## Nushell\n\n- fdncred added unicode\n", "2021-03-19-twin0082.md").unwrap().unwrap();
    assert_eq!((h.title.as_str(), h.number), ("2021-03-19-twin0082", Some(82)));
    // Text before the heading: the heading is a section.
    let h = header("Hello.\n\n# News\n", "2021-03-19.md").unwrap().unwrap();
    assert_eq!((h.title.as_str(), h.number), ("2021-03-19", None));
}

#[test]
fn front_matter_without_title_takes_the_heading() {
    let text = "---\ndate: 2020-01-05\n---\n\nWeekly 12\n=========\n\nNews\n----\n";
    assert_eq!(header(text, "a.md").unwrap().unwrap().title, "Weekly 12");
    let text = "---\ntitle: ''\ndate: 2020-01-05\n---\n# Weekly 13 {#top}\n";
    assert_eq!(header(text, "a.md").unwrap().unwrap().title, "Weekly 13");
}

#[test]
fn title_headings() {
    assert_eq!(title_heading("\n# This week in Nushell #9 #\n\n## News\n").as_deref(), Some("This week in Nushell #9"));
    assert_eq!(title_heading("Weekly\n===\n\n## News\n").as_deref(), Some("Weekly"));
    assert_eq!(title_heading("<!-- draft -->\n# Issue \\#4\n").as_deref(), Some("Issue #4"));
    let mdx = "import Support from \"../_support.mdx\";\nexport const year = 2022;\n\n# Weekly #7\n";
    assert_eq!(title_heading(mdx).as_deref(), Some("Weekly #7"));
    assert_eq!(title_heading("import this, and that.\n\n# Weekly #7\n"), None, "prose");
    // Sections at `#`: the first of several `#` headings is no title…
    assert_eq!(title_heading("# News\n\n- a\n\n# Jobs\n\n- b\n"), None);
    // …unless it holds a number.
    assert_eq!(title_heading("# Weekly #3\n\n# News\n\n- a\n").as_deref(), Some("Weekly #3"));
    // `#` lines in code do not count; `#hashtag` and indented code are no heading.
    assert_eq!(title_heading("# Weekly\n\n```sh\n# comment\n```\n").as_deref(), Some("Weekly"));
    assert_eq!(title_heading("#hashtag\n"), None);
    assert_eq!(title_heading("    # code\n"), None);
    assert_eq!(title_heading("## News\n"), None);
    assert_eq!(title_heading("#\n"), None);
    assert_eq!(title_heading("# ##\n"), None);
    assert_eq!(title_heading("# Weekly C#\n").as_deref(), Some("Weekly C#"));
    assert_eq!(title_heading("# Weekly C# ##\n").as_deref(), Some("Weekly C#"));
    assert_eq!(title_heading(""), None);
}

#[test]
fn no_date_anywhere_is_an_error_naming_the_file() {
    let error = header("# Weekly\n\nText.\n", "issues/weekly.md").unwrap_err();
    assert_eq!(error.to_string().split(": expected").next(), Some("issues/weekly.md:1:1: no front matter"));
    let error = header("---\ntitle: Weekly\n---\n", "issues/weekly.md").unwrap_err();
    assert_eq!(error.kind, ErrorKind::MissingKey("date"));
    // A date with nothing readable in it, and no date in the file name.
    let error = header("Title: Weekly\nDate: (TODO)\n\n# News\n", "nixos/01.md").unwrap_err();
    assert_eq!(error.kind, ErrorKind::BadDate("(TODO)".into()));
    assert_eq!((error.spot.line, error.spot.column), (2, 7));
}

#[test]
fn an_unfinished_date_places_the_issue_at_the_start_of_what_it_names() {
    // nixos-weekly's unfinished issue: only the year of its date is
    // written, and its file name (`01.md`) holds none.
    let nixos = header_of_text("Title: #06 - NixOS Weekly\nDate: 2021-(TODO: MM-DD)\n\n# News\n");
    assert_eq!(nixos.date.to_rfc3339(), "2021-01-01T00:00:00+00:00");
    assert_eq!(
        nixos.warnings[0].message,
        "invalid date `2021-(TODO: MM-DD)`: only its start can be read; 2021-01-01 is used"
    );
    assert_eq!(nixos.warnings[0].spot.line, 2);
    let july = header_of_text("Title: W\nDate: 2021-07-??\n\n# News\n");
    assert_eq!(july.date.to_rfc3339(), "2021-07-01T00:00:00+00:00");
    // A whole date that does not exist is no unfinished one.
    assert!(header("Title: W\nDate: 2015-02-30\n\n# News\n", "x/01.md").is_err());
}

fn header_of_text(text: &str) -> Header {
    header(text, "x/01.md").unwrap().unwrap()
}

#[test]
fn unreadable_front_matter_date_gives_way_to_the_file_name_with_a_warning() {
    // lwkd: `2022-02-29` is not on the calendar.
    let text = "---\nlayout: post\ntitle: Week Ending February 27, 2022\ndate: 2022-02-29 07:10:00 -0000\n---\n";
    let h = header(text, "lwkd/2022-02-27-update.md").unwrap().unwrap();
    assert_eq!(date(&h), "2022-02-27T00:00:00+00:00");
    let [warning] = &h.warnings[..] else { panic!("{:?}", h.warnings) };
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.path, Path::new("lwkd/2022-02-27-update.md"));
    assert_eq!((warning.spot.line, warning.spot.column), (4, 7));
    assert_eq!(warning.message, "invalid date `2022-02-29 07:10:00 -0000`: the file name's date, 2022-02-27, is used");
    assert_eq!(warning.source_line.as_deref(), Some("date: 2022-02-29 07:10:00 -0000"));
    // The file name's date does not override a readable front-matter date.
    let text = "---\ntitle: Week Ending June 25\ndate: 2023-06-21 05:40:00 -0000\n---\n";
    let h = header(text, "lwkd/2023-06-25-update.md").unwrap().unwrap();
    assert_eq!(date(&h), "2023-06-21T05:40:00+00:00");
    assert!(h.warnings.is_empty());
}

#[test]
fn drafts_are_left_out() {
    assert_eq!(header("Title: a\nDate: 2021-01-01\nStatus: draft\n\n# News\n", "a.md").unwrap(), None);
}

#[test]
fn dates_in_file_names() {
    let h = header("---\ntitle: Issue #0\n---\n", "_posts/2016-5-21-issue-0.md").unwrap().unwrap();
    assert_eq!(date(&h), "2016-05-21T00:00:00+00:00");
    let h = header("# Weekly\n", "2020-01-05-204/index.md").unwrap().unwrap();
    assert_eq!((date(&h).as_str(), h.number, h.title.as_str()), ("2020-01-05T00:00:00+00:00", Some(204), "Weekly"));
    let h = header("# Weekly\n", "weekly-204-2020-01-05.md").unwrap().unwrap();
    assert_eq!((date(&h).as_str(), h.number), ("2020-01-05T00:00:00+00:00", None));
    assert!(header("# Weekly\n", "2020-13-05-weekly.md").is_err());
    assert!(header("# Weekly\n", "nixos-weekly-2020-01.md").is_err(), "a month is not a date");
    assert!(header("# Weekly\n", "12020-01-05.md").is_err());
    assert!(header("# Weekly\n", "20200105.md").is_err());
}

#[test]
fn numbers_in_file_names() {
    assert_eq!(number_in_file_name("2014-11-30-204"), Some(204));
    assert_eq!(number_in_file_name("2014-11-30-204-late-november"), Some(204));
    assert_eq!(number_in_file_name("2016-5-21-issue-0"), Some(0));
    assert_eq!(number_in_file_name("2019-08-30-twin0001"), Some(1));
    assert_eq!(number_in_file_name("2019-08-30_no_12"), Some(12));
    assert_eq!(number_in_file_name("2019-08-30-kubernetes-release-1-20"), None, "words, then digits and digits");
    assert_eq!(number_in_file_name("2019-08-30-news-no-12"), None, "two words before the number");
    // A year is not an issue number.
    assert_eq!(number_in_file_name("2018-1-15-2018-3"), None);
    assert_eq!(number_in_file_name("2022-05-23-2022-W21"), None);
    assert_eq!(number_in_file_name("2022-12-30-2023-new-year"), None);
    assert_eq!(number_in_file_name("2022-05-23-2030"), Some(2030));
    assert_eq!(number_in_file_name("2018-01-14-update"), None);
    assert_eq!(number_in_file_name("204"), None);
}

#[test]
fn mdx_is_an_issue_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["110.mdx", "a.MD", "b.txt", "c.html", "d.mdxx"] {
        std::fs::write(dir.path().join(name), "x").unwrap();
    }
    let (files, errors) = issue_files(dir.path()).unwrap();
    let names: Vec<_> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["110.mdx", "a.MD", "b.txt"]);
    assert!(errors.is_empty());
}

#[test]
fn forbidden_characters_become_replacement_characters() {
    assert_eq!(replace_forbidden_chars("a\u{0}b\u{1b}c\td\r\n\u{ffff}"), "a\u{fffd}b\u{fffd}c\td\r\n\u{fffd}");
    assert!(matches!(replace_forbidden_chars("plain"), std::borrow::Cow::Borrowed(_)));
    // The byte scan goes by blocks: a character is found in any block,
    // across a block's edge, and in the short last block.
    for at in [0, 1, 63, 64, 65, 127, 128, 190] {
        for bad in ['\u{7}', '\u{fffe}'] {
            let mut text = "x".repeat(200);
            text.insert(at, bad);
            let clean = replace_forbidden_chars(&text);
            assert_eq!(clean.chars().nth(at), Some('\u{fffd}'), "{bad:?} at {at}");
            assert_eq!(clean.chars().count(), 201);
        }
    }
    assert!(matches!(replace_forbidden_chars(&"é\tx\r\n".repeat(50)), std::borrow::Cow::Borrowed(_)));
}

#[test]
fn escapes_cannot_bring_control_characters_back() {
    let config = Config::default();
    let reader = Reader::new(&config).unwrap();
    let text = "---\ntitle: \"Data\\a Weekly \\e #58\"\ndate: 2020-01-05\n---\n\nIntro &#12; here.\n\nNews\n====\n\nA &#7; post &#x1b;.\n[https://a.example/](https://a.example/)\n";
    let issue = reader.parse_str(text, Path::new("a.md")).unwrap().unwrap();
    assert_eq!(issue.title, "Data\u{fffd} Weekly \u{fffd} #58");
    assert!(!issue.intro_html.contains('\u{c}') && !issue.intro_text.contains('\u{c}'), "{:?}", issue.intro_html);
    let item = &issue.sections[0].items[0];
    assert_eq!(item.text, "A \u{fffd} post \u{fffd}.");
    assert!(!item.html.contains('\u{7}') && !item.html.contains('\u{1b}'), "{:?}", item.html);
}

/// Character references anywhere in the body (a section name, a link's
/// URL and text, raw HTML, the footer) are scrubbed too; a YAML escape in
/// the title of a body without references as well.
#[test]
fn references_cannot_bring_control_characters_back_anywhere() {
    let config = Config::default();
    let reader = Reader::new(&config).unwrap();
    let text = "---\ntitle: T\ndate: 2020-01-05\n---\n\nNews &#1;\n====\n\n\
                A post <span>&#x0c;</span>, see [x&#2;y](https://a.example/&#3;) ok.\n";
    let issue = reader.parse_str(text, Path::new("a.md")).unwrap().unwrap();
    let section = &issue.sections[0];
    assert_eq!(section.name, "News \u{fffd}");
    let item = &section.items[0];
    assert_eq!(item.links[0].text, "x\u{fffd}y");
    assert_eq!(item.links[0].url, "https://a.example/\u{fffd}");
    for forbidden in ['\u{1}', '\u{2}', '\u{3}', '\u{c}'] {
        assert!(!item.html.contains(forbidden) && !item.text.contains(forbidden), "{:?}", item.html);
    }
    let text = "---\ntitle: \"Data\\a Weekly\"\ndate: 2020-01-05\n---\n\nNews\n====\n\nA post.\n";
    let issue = reader.parse_str(text, Path::new("a.md")).unwrap().unwrap();
    assert_eq!(issue.title, "Data\u{fffd} Weekly");
}

#[test]
fn control_characters_never_reach_the_model() {
    let config = Config::default();
    let reader = Reader::new(&config).unwrap();
    let text = "---\ntitle: A\u{7} Issue 1\ndate: 2020-01-05\n---\n\nNews\n====\n\nText\u{0} here.\n[https://a.example/](https://a.example/)\n";
    let issue = reader.parse_str(text, Path::new("a.md")).unwrap().unwrap();
    assert_eq!(issue.title, "A\u{fffd} Issue 1");
    assert_eq!(issue.sections[0].items[0].text, "Text\u{fffd} here.");
}
