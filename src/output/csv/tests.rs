//! The CSV files' columns and the spreadsheet flavour's guard, against
//! rows written out by hand.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::config::Config;
use crate::input::Reader;
use crate::trends::{Counts, Period, PeriodCounts, Trends};

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

#[test]
fn guard_prefixes_what_starts_a_formula() {
    for (cell, guarded) in [
        ("=HYPERLINK(\"http://x.example\")", "'=HYPERLINK(\"http://x.example\")"),
        ("+= for std::time types", "'+= for std::time types"),
        ("-0.5", "'-0.5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
    ] {
        assert_eq!(guard(cell), guarded, "{cell:?}");
    }
    for cell in ["", "Docker", "2015-10-25", "0.5", " =not first", "a=b", "'quoted", "£20 ’quote’ …", "\nline"] {
        assert_eq!(guard(cell), cell, "{cell:?}");
        assert!(matches!(guard(cell), Cow::Borrowed(_)), "{cell:?} is not copied");
    }
}

#[test]
fn only_text_cells_are_guarded_and_only_in_the_spreadsheet_flavour() {
    let row =
        [Cell::text("-0.5"), Cell::value("-0.5"), Cell::text("=1+1, \"quoted\""), Cell::value(-3), Cell::text("plain")];
    let write = |flavour| {
        let mut sheet = Sheet::file(flavour);
        sheet.header(["a", "b", "c", "d", "e"]).unwrap();
        sheet.row(&row).unwrap();
        sheet.into_bytes().unwrap()
    };
    assert_eq!(text(write(Flavour::Data)), "a,b,c,d,e\n-0.5,-0.5,\"=1+1, \"\"quoted\"\"\",-3,plain\n");
    let spreadsheet = write(Flavour::Spreadsheet);
    assert_eq!(&spreadsheet[..3], [0xEF, 0xBB, 0xBF], "starts with the UTF-8 byte-order mark");
    assert_eq!(text(spreadsheet[3..].to_vec()), "a,b,c,d,e\n'-0.5,-0.5,\"'=1+1, \"\"quoted\"\"\",-3,plain\n");
    // Rows appended to a file have no byte-order mark of their own.
    let mut rows = Sheet::rows(Flavour::Spreadsheet);
    rows.row(&[Cell::text("x")]).unwrap();
    assert_eq!(text(rows.into_bytes().unwrap()), "x\n");
}

#[test]
fn dates_past_year_9999_are_guarded_text() {
    assert_eq!(date_cell(NaiveDate::from_ymd_opt(2015, 10, 1).unwrap()), Cell::Value("2015-10-01".into()));
    let far = NaiveDate::from_ymd_opt(10000, 1, 1).unwrap();
    assert_eq!(date_cell(far), Cell::Text("+10000-01-01".into()));
}

fn counts(mentions: [usize; 2], items: [usize; 2], items_total: usize, issues: usize) -> Counts {
    Counts { mentions: mentions.to_vec(), items: items.to_vec(), items_total, issues }
}

/// Two months, two topics (the second named like a formula); the second
/// month has no counted item.
fn trends() -> Trends {
    let month = |label: &str, day: &str, counts| PeriodCounts {
        label: label.to_owned(),
        start: NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap(),
        counts,
    };
    Trends {
        period: Period::Month,
        topics: vec!["Docker".to_owned(), "-Minus".to_owned()],
        periods: vec![
            month("2015-10", "2015-10-01", counts([3, 1], [2, 1], 8, 2)),
            month("2015-11", "2015-11-01", counts([0, 0], [0, 0], 0, 1)),
        ],
        years: Vec::new(),
        smooth: None,
    }
}

#[test]
fn trends_lead_with_start_then_period() {
    assert_eq!(
        text(trends_csv(&trends(), Flavour::Data).unwrap()),
        "start,period,keyword,mentions,items,items_total,share,issues,per_issue,share_smoothed\n\
         2015-10-01,2015-10,Docker,3,2,8,0.2500,2,1.5000,\n\
         2015-10-01,2015-10,-Minus,1,1,8,0.1250,2,0.5000,\n\
         2015-11-01,2015-11,Docker,0,0,0,,1,0.0000,\n\
         2015-11-01,2015-11,-Minus,0,0,0,,1,0.0000,\n"
    );
    let spreadsheet = text(trends_csv(&trends(), Flavour::Spreadsheet).unwrap());
    assert!(spreadsheet.starts_with("\u{feff}start,period,keyword,"), "{spreadsheet}");
    assert!(spreadsheet.contains("\n2015-10-01,2015-10,'-Minus,1,1,8,0.1250,2,0.5000,\n"), "{spreadsheet}");
}

#[test]
fn wide_files_hold_mentions_and_shares_of_the_same_rows() {
    let trends = trends();
    assert_eq!(
        text(trends_wide_csv(&trends, Flavour::Data).unwrap()),
        "start,period,Docker,-Minus\n2015-10-01,2015-10,3,1\n2015-11-01,2015-11,0,0\n"
    );
    assert_eq!(
        text(trends_wide_share_csv(&trends, Flavour::Data).unwrap()),
        "start,period,Docker,-Minus\n2015-10-01,2015-10,0.2500,0.1250\n2015-11-01,2015-11,,\n"
    );
    assert_eq!(
        text(trends_wide_share_csv(&trends, Flavour::Spreadsheet).unwrap()),
        "\u{feff}start,period,Docker,'-Minus\n2015-10-01,2015-10,0.2500,0.1250\n2015-11-01,2015-11,,\n"
    );
}

const ISSUE: &str = "---
title: \"=Weekly 7\"
number: 7
date: 2021-03-07T23:30:00-05:00
---

# News

[+= for std::time types](https://a.example/time): operators on durations.

Costs £20 ’now’… says [the vendor](https://b.example/).

[Again](https://a.example/time)
";

fn issue() -> (Issue, Config) {
    let config = Config::default();
    let mut issue = Reader::new(&config).unwrap().parse_str(ISSUE, Path::new("7.md")).unwrap().unwrap();
    // As the build names them, from the archive's section names.
    for section in &mut issue.sections {
        section.slug = crate::model::section_slug(&section.canonical);
    }
    (issue, config)
}

#[test]
fn items_lead_with_the_issue_date_in_its_own_offset() {
    let (issue, config) = issue();
    let ids = crate::output::feeds::item_ids(&issue, &config);
    let [data, spreadsheet] = item_rows(&issue, &ids).unwrap();
    let csv = [items_header(Flavour::Data).unwrap(), data].concat();
    let mut reader = ::csv::Reader::from_reader(csv.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["date", "issue", "published", "section", "id", "title", "url", "text"]
    );
    let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    assert_eq!(rows.len(), 3);
    // 23:30 at -05:00 is the 8th in UTC: the date is the issue's own.
    assert_eq!(&rows[0][..4], ["2021-03-07", "7", "2021-03-07T23:30:00-05:00", "News"]);
    assert_eq!(&rows[0][5..7], ["+= for std::time types", "https://a.example/time"]);
    assert_eq!(rows[1][5], "Costs £20 ’now’… says the vendor.");
    // sha1("https://a.example/time") = 04e20258263c78aa…; the same URL twice in a section: numbered.
    assert_eq!(rows[0][4], "tag:localhost,2021-03-07:news/04e20258263c78aa");
    assert_eq!(rows[2][4], "tag:localhost,2021-03-07:news/04e20258263c78aa-2");
    let spreadsheet = text(spreadsheet);
    let first = spreadsheet.lines().next().unwrap();
    assert!(first.contains(",'+= for std::time types,https://a.example/time,"), "{first}");
}

#[test]
fn by_issue_leads_with_date_issue_published() {
    let (issue, _) = issue();
    let counts = counts([2, 0], [1, 0], 3, 1);
    let header = text(by_issue_header(&["Docker".to_owned(), "Go".to_owned()], Flavour::Data).unwrap());
    assert_eq!(header, "date,issue,published,title,items,Docker,Go\n");
    assert_eq!(
        text(by_issue_row(&issue, &counts, Flavour::Data).unwrap()),
        "2021-03-07,7,2021-03-07T23:30:00-05:00,=Weekly 7,3,2,0\n"
    );
    assert_eq!(
        text(by_issue_row(&issue, &counts, Flavour::Spreadsheet).unwrap()),
        "2021-03-07,7,2021-03-07T23:30:00-05:00,'=Weekly 7,3,2,0\n"
    );
}

#[test]
fn spreadsheet_files_go_below_their_folder() {
    assert_eq!(Flavour::Data.path("trends/trends.csv"), "trends/trends.csv");
    assert_eq!(Flavour::Spreadsheet.path("trends/trends.csv"), "spreadsheet/trends/trends.csv");
    assert_eq!(Flavour::Spreadsheet.path("items.csv"), "spreadsheet/items.csv");
}
