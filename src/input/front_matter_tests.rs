use chrono_tz::Tz;

use super::*;

#[test]
fn reads_yaml_title_and_date_with_offset() {
    let text =
        "---\ntitle: DEVOPS WEEKLY ISSUE \\#255 - 22nd November 2015 \ndate: 2015-11-22T14:02:45+00:00\n---\n\nBody";
    let front = parse(text).unwrap();
    assert_eq!(front.title.as_deref(), Some("DEVOPS WEEKLY ISSUE #255 - 22nd November 2015"));
    assert_eq!(front.date, Some(("2015-11-22T14:02:45+00:00".into(), Spot { line: 3, column: 7, width: 25 })));
    assert_eq!(&text[front.body_start..], "\nBody");
    assert_eq!(front.body_line, 5);
}

#[test]
fn yaml_keys_are_case_insensitive_and_extra_keys_ignored() {
    let text = "---\nlayout: post\nTitle: \"Weekly 3\"\nTags: [a, b]\nDATE: 2020-01-05\nDraft: true\n---\n";
    let front = parse(text).unwrap();
    assert_eq!(front.title.as_deref(), Some("Weekly 3"));
    assert_eq!(front.date.unwrap().0, "2020-01-05");
    assert!(front.draft);
}

#[test]
fn reads_toml_front_matter() {
    let text = "+++\ntitle = \"Weekly No. 4\"\ndate = 2021-03-04T10:00:00Z\nnumber = 4\n+++\n\n# News\n";
    let front = parse(text).unwrap();
    assert_eq!(front.title.as_deref(), Some("Weekly No. 4"));
    assert_eq!(front.date.unwrap().0, "2021-03-04T10:00:00Z");
    assert_eq!(front.number, Some(4));
    assert_eq!(&text[front.body_start..], "\n# News\n");
}

#[test]
fn toml_error_has_line_and_column() {
    let (kind, spot) = parse("+++\ntitle = \"a\"\ndate = = 3\n+++\n").unwrap_err();
    assert!(matches!(kind, ErrorKind::BadFrontMatter(_)), "{kind:?}");
    assert_eq!(spot.line, 3);
}

#[test]
fn reads_pelican_header_lines() {
    let text = "Title: Weekly 12\nDate: 2020-12-2\nNumber: 12\nCategory: news\n\n# News\n";
    let front = parse(text).unwrap();
    assert_eq!(front.title.as_deref(), Some("Weekly 12"));
    assert_eq!(front.date.as_ref().unwrap().0, "2020-12-2");
    assert_eq!(front.date.unwrap().1.line, 2);
    assert_eq!(front.number, Some(12));
    assert_eq!(front.body_line, 6);
    assert_eq!(&text[front.body_start..], "# News\n");
}

#[test]
fn prose_is_not_header_lines() {
    let front = parse("Note: this week is short.\n\n# News\n").unwrap();
    assert!(!front.present);
    assert_eq!((front.body_start, front.body_line), (0, 1));
    assert_eq!((front.title, front.date), (None, None));
}

#[test]
fn unclosed_front_matter() {
    let (kind, spot) = parse("---\ntitle: x\n\nNews\n").unwrap_err();
    assert_eq!(kind, ErrorKind::UnclosedFrontMatter { fence: "---".into() });
    assert_eq!(spot.line, 1);
}

#[test]
fn without_front_matter_the_whole_file_is_body() {
    let front = parse("# This week in Nu #5\n\nNews\n").unwrap();
    assert!(!front.present && !front.draft);
    assert_eq!((front.body_start, front.body_line), (0, 1));
    assert!(parse("").is_ok_and(|f| !f.present));
}

#[test]
fn yaml_error_line_counts_from_file_start() {
    let (kind, spot) = parse("---\ntitle: a\ndate: [2015\n---\n").unwrap_err();
    assert!(matches!(kind, ErrorKind::BadFrontMatter(_)), "{kind:?}");
    assert_eq!(spot.line, 4);
}

#[test]
fn dates() {
    let d = |s| parse_date(s, None).map(|d| d.to_rfc3339());
    assert_eq!(d("2017-08-13T12:59:06+01:00").as_deref(), Some("2017-08-13T12:59:06+01:00"));
    assert_eq!(d("2020-12-2").as_deref(), Some("2020-12-02T00:00:00+00:00"));
    assert_eq!(d("2020-12-02 09:30").as_deref(), Some("2020-12-02T09:30:00+00:00"));
    assert_eq!(d("2020-12-02T09:30:00").as_deref(), Some("2020-12-02T09:30:00+00:00"));
    assert_eq!(d("2015-02-30"), None);
    assert_eq!(d("+10000-01-01T00:00:00Z"), None, "RFC 822 writes four-digit years");
    assert_eq!(d("-0001-01-01"), None);
    assert_eq!(d("yesterday"), None);
}

#[test]
fn yaml_tags_are_the_value_they_tag() {
    // swift-weekly-brief: `title: ! 'Issue #4'`.
    let front = parse("---\nlayout: post\ntitle: ! 'Issue #4'\nauthor: jsq\n---\n\nBody\n").unwrap();
    assert_eq!(front.title.as_deref(), Some("Issue #4"));
    let front = parse("---\ntitle: !!str 2024\ndate: !!str 2020-01-05\nnumber: !custom 7\n---\n").unwrap();
    assert_eq!(front.title.as_deref(), Some("2024"));
    assert_eq!(front.date.unwrap().0, "2020-01-05");
    assert_eq!(front.number, Some(7));
}

#[test]
fn lines_of_the_number_and_title_keys() {
    for (text, lines) in [
        ("---\nlayout: post\ntitle: Issue 7\nnumber: 7\n---\n", (Some(3), Some(4))),
        ("+++\nlayout = \"post\"\ntitle = \"Issue 7\"\nnumber = 7\n+++\n", (Some(3), Some(4))),
        ("Layout: post\nTitle: Issue 7\nNumber: 7\n\nBody\n", (Some(2), Some(3))),
    ] {
        let front = parse(text).unwrap();
        assert_eq!((front.title_line, front.number_line), lines, "{text:?}");
    }
    assert_eq!(parse("---\ntitle: Issue 7\n---\n").unwrap().number_line, None);
}

#[test]
fn drafts_in_every_dialect() {
    for text in [
        "---\ntitle: a\ndraft: true\n---\n",
        "+++\ntitle = \"a\"\ndraft = true\n+++\n",
        "Title: a\nStatus: draft\n\nBody\n",
        "---\ntitle: a\nstatus: Draft\n---\n",
        "---\ntitle: a\npublished: false\n---\n",
    ] {
        assert!(parse(text).unwrap().draft, "{text:?}");
    }
    for text in ["---\ntitle: a\ndraft: false\n---\n", "Title: a\nStatus: published\n\n", "---\npublished: true\n---\n"]
    {
        assert!(!parse(text).unwrap().draft, "{text:?}");
    }
    // A header key after `draft: true` does not undo it.
    assert!(parse("---\ndraft: true\nstatus: published\n---\n").unwrap().draft);
}

#[test]
fn publication_date_under_other_names() {
    let front = parse("---\ntitle: a\npubDate: 2020-01-05\n---\n").unwrap();
    assert_eq!(front.date, Some(("2020-01-05".into(), Spot { line: 3, column: 10, width: 10 })));
    let front = parse("+++\ntitle = \"a\"\npublishDate = 2020-01-05\n+++\n").unwrap();
    assert_eq!(front.date.unwrap().0, "2020-01-05");
    let front = parse("---\npublished: 2020-01-05\n---\n").unwrap();
    assert_eq!((front.date.unwrap().0.as_str(), front.draft), ("2020-01-05", false));
    // `date` wins, wherever it is.
    let front = parse("---\ncreated: 2019-12-31\ndate: 2020-01-05\npubDate: 2020-01-06\n---\n").unwrap();
    assert_eq!(front.date.unwrap().0, "2020-01-05");
    let front = parse("---\npublished: true\n---\n").unwrap();
    assert_eq!((front.date, front.draft), (None, false));
}

#[test]
fn date_shapes() {
    let d = |s| parse_date(s, None).map(|d| d.to_rfc3339());
    // lwkd (Jekyll): a space before an offset with no colon.
    assert_eq!(d("2023-06-21 05:40:00 -0000").as_deref(), Some("2023-06-21T05:40:00+00:00"));
    assert_eq!(d("2023-06-21 05:40:00 +0530").as_deref(), Some("2023-06-21T05:40:00+05:30"));
    assert_eq!(d("2023-06-21 05:40:00+02:00").as_deref(), Some("2023-06-21T05:40:00+02:00"));
    assert_eq!(d("2023-06-21T05:40:00+0200").as_deref(), Some("2023-06-21T05:40:00+02:00"));
    assert_eq!(d("2023-06-21T05:40:00.123Z").as_deref(), Some("2023-06-21T05:40:00.123+00:00"));
    assert_eq!(d("2023-06-21 05:40:00.5").as_deref(), Some("2023-06-21T05:40:00.500+00:00"));
    // Go and Hugo print a zone name after the offset.
    assert_eq!(d("2020-01-05 10:00:00 +0100 CET").as_deref(), Some("2020-01-05T10:00:00+01:00"));
    assert_eq!(d("2020-01-05 10:00:00 UTC").as_deref(), Some("2020-01-05T10:00:00+00:00"));
    assert_eq!(d("2020-01-05 10:00 GMT").as_deref(), Some("2020-01-05T10:00:00+00:00"));
    assert_eq!(d("2020-01-05 10:00:00 CET"), None, "a zone name alone says no offset");
    // RFC 2822 (mail tools, RSS exports).
    assert_eq!(d("Sun, 22 Nov 2015 14:02:45 +0000").as_deref(), Some("2015-11-22T14:02:45+00:00"));
    // this-week-in-react (Docusaurus): month first, as JavaScript reads it.
    assert_eq!(d("06-29-2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
    assert_eq!(d("08-01-2022").as_deref(), Some("2022-08-01T00:00:00+00:00"));
    assert_eq!(d("6/29/2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
    // Day first when the first number cannot be a month, and with dots.
    assert_eq!(d("29-06-2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
    assert_eq!(d("29.06.2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
    assert_eq!(d("2022/06/29").as_deref(), Some("2022-06-29T00:00:00+00:00"));
    assert_eq!(d("2022/06/29 08:15").as_deref(), Some("2022-06-29T08:15:00+00:00"));
    assert_eq!(d("2022.6.9").as_deref(), Some("2022-06-09T00:00:00+00:00"));
    // Month names, ordinals, commas.
    assert_eq!(d("June 29, 2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
    assert_eq!(d("Jun 29 2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
    assert_eq!(d("29 June 2022").as_deref(), Some("2022-06-29T00:00:00+00:00"));
    assert_eq!(d("22nd November 2015").as_deref(), Some("2015-11-22T00:00:00+00:00"));
    assert_eq!(d("Sunday, November 22nd, 2015").as_deref(), Some("2015-11-22T00:00:00+00:00"));
    // Quotes left by header lines.
    assert_eq!(d("\"2020-01-05\"").as_deref(), Some("2020-01-05T00:00:00+00:00"));
    assert_eq!(d("'06-29-2022'").as_deref(), Some("2022-06-29T00:00:00+00:00"));
    // Not on the calendar, or not dates.
    assert_eq!(d("2022-02-29 07:10:00 -0000"), None);
    assert_eq!(d("2022-02-29"), None);
    assert_eq!(d("02-29-2022"), None);
    assert_eq!(d("2024-04-17 14:4g5:00 -0000"), None);
    assert_eq!(d("2021-(TODO: MM-DD)"), None);
    assert_eq!(d("13-13-2022"), None);
}

#[test]
fn dates_without_zone_take_the_configured_zone() {
    let zone: Tz = "Europe/London".parse().unwrap();
    let d = |s| parse_date(s, Some(zone)).map(|d| d.to_rfc3339());
    assert_eq!(d("2020-07-01 09:00").as_deref(), Some("2020-07-01T09:00:00+01:00"));
    assert_eq!(d("2020-12-01").as_deref(), Some("2020-12-01T00:00:00+00:00"));
    assert_eq!(d("2020-07-01T09:00:00+05:30").as_deref(), Some("2020-07-01T09:00:00+05:30"));
}

#[test]
fn numbers_in_titles() {
    assert_eq!(number_in("DEVOPS WEEKLY ISSUE #255 - 22nd November 2015"), Some(255));
    assert_eq!(number_in("Issue 204 - 30th November"), Some(204));
    assert_eq!(number_in("This Week in Rust No. 3"), Some(3));
    assert_eq!(number_in("A weekly digest"), None);
    assert_eq!(number_in("This week in Nushell #283 and #284"), Some(283));
    assert_eq!(number_in("Issue 2018-3"), None, "the third issue of 2018");
    assert_eq!(number_in("Newsletter #2022-W21"), None);
    assert_eq!(number_in("Issue 2020-01-05, issue #7"), Some(7));
    assert_eq!(number_in("No. 1.5"), None);
    assert_eq!(number_in("Issue #12. Happy new year"), Some(12));
}
