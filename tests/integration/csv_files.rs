//! The CSV files as their readers see them: the same key columns and ISO
//! dates in every file, items joined to their feed entries by `id`, the
//! spreadsheet copies (a byte-order mark, formulas guarded, numbers kept),
//! and the README's CSV examples.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};

use crate::util::{Project, parse_feed, stderr};

/// Every CSV file a build writes, below `out/` and again below `out/spreadsheet/`.
const FILES: [&str; 6] = [
    "items.csv",
    "trends/by-issue.csv",
    "trends/emerging.csv",
    "trends/trends-wide-share.csv",
    "trends/trends-wide.csv",
    "trends/trends.csv",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv").join(name)
}

/// A project of `tests/fixtures/csv/<name>`, with its configuration if it has one.
fn project(name: &str) -> Project {
    let project = Project::from_dir(&fixture(name).join("issues"));
    let config = fixture(name).join("trendfeed.toml");
    if config.is_file() {
        std::fs::copy(config, project.path().join("trendfeed.toml")).unwrap();
    }
    project
}

/// A CSV file's header and rows.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

fn read_out_csv(project: &Project, relative: &str) -> (Vec<String>, Vec<Vec<String>>) {
    read_csv(&std::fs::read(project.out().join(relative)).unwrap())
}

#[test]
fn every_file_leads_with_its_keys_and_dates_are_iso_days() {
    let project = Project::samples();
    project.build();
    let written: BTreeSet<String> = walkdir::WalkDir::new(project.out())
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| p.strip_prefix(project.out()).unwrap().to_string_lossy().into_owned())
        .collect();
    let expected: BTreeSet<String> = FILES.iter().flat_map(|f| [f.to_string(), format!("spreadsheet/{f}")]).collect();
    assert_eq!(written, expected);
    let keys = |file: &str| match file {
        "items.csv" | "trends/by-issue.csv" => &["date", "issue", "published"][..],
        "trends/emerging.csv" => &["term"][..],
        _ => &["start", "period"][..],
    };
    let mut days: BTreeMap<&str, usize> = BTreeMap::new();
    for file in FILES {
        let (header, rows) = read_out_csv(&project, file);
        let keys = keys(file);
        assert_eq!(&header[..keys.len()], keys, "{file}");
        assert!(!rows.is_empty(), "{file}");
        for row in &rows {
            for (name, cell) in header.iter().zip(row) {
                if ["date", "start", "first_seen"].contains(&name.as_str()) {
                    assert!(NaiveDate::parse_from_str(cell, "%Y-%m-%d").is_ok() && cell.len() == 10, "{file}: {cell}");
                    *days.entry(file).or_default() += 1;
                }
                if name == "published" {
                    let time = DateTime::parse_from_rfc3339(cell).unwrap();
                    assert_eq!(time.date_naive().to_string(), row[0], "{file}: the date is the published day");
                }
            }
        }
    }
    // 82 items, 5 issues, 5 months × 3 topics, 5 months; emerging terms have a first day.
    let [items, issues, emerging, shares, wide, trends] = FILES.map(|f| days.get(f).copied().unwrap_or(0));
    assert_eq!([items, issues, shares, wide, trends], [82, 5, 5, 5, 15]);
    assert!(emerging > 0);
}

#[test]
fn items_join_their_feed_entries_by_id() {
    let project = Project::samples();
    project.build();
    let (header, rows) = read_out_csv(&project, "items.csv");
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id, title, url) = (column("id"), column("title"), column("url"));
    let by_id: BTreeMap<&str, &Vec<String>> = rows.iter().map(|r| (r[id].as_str(), r)).collect();
    assert_eq!(by_id.len(), 82, "every item has an id of its own");
    let mut joined = 0;
    let feeds = project.out().join("feeds");
    for dir in [feeds.clone(), feeds.join("topics")] {
        for path in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
            if path.extension().is_none_or(|e| e != "atom") || path.file_stem().is_some_and(|s| s == "all") {
                continue;
            }
            for entry in parse_feed(&path).entries {
                let row = by_id.get(entry.id.as_str()).unwrap_or_else(|| panic!("{}: {}", path.display(), entry.id));
                assert_eq!(entry.title.unwrap().content, row[title], "{}", entry.id);
                // feed-rs adds the slash of an empty path (`http://a.example/`).
                assert_eq!(entry.links[0].href.trim_end_matches('/'), row[url].trim_end_matches('/'), "{}", entry.id);
                joined += 1;
            }
        }
    }
    assert!(joined >= 82, "only {joined} entries joined");
}

#[test]
fn ids_follow_section_slugs_renamed_once_the_archive_is_read() {
    // 工具 and 新闻 both slug to `section`: 新闻, second in name order, gets
    // `section-2` once every name is known, after its items were streamed.
    let project = project("slug-clash");
    project.build();
    let (_, rows) = read_out_csv(&project, "items.csv");
    let ids: Vec<(&str, &str)> = rows.iter().map(|r| (r[3].as_str(), r[4].as_str())).collect();
    let mut feed_ids = BTreeSet::new();
    for slug in ["section", "section-2"] {
        feed_ids
            .extend(parse_feed(&project.out().join(format!("feeds/{slug}.atom"))).entries.into_iter().map(|e| e.id));
    }
    assert_eq!(ids.iter().map(|(_, id)| id.to_string()).collect::<BTreeSet<_>>(), feed_ids);
    for (section, id) in ids {
        let slug = if section == "新闻" { "section-2/" } else { "section/" };
        assert!(id.contains(slug) && !id.ends_with("-2"), "{section}: {id}");
    }
    let spreadsheet = std::fs::read(project.out().join("spreadsheet/items.csv")).unwrap();
    assert_eq!(spreadsheet[3..], std::fs::read(project.out().join("items.csv")).unwrap(), "the copy has the same ids");
}

#[test]
fn spreadsheet_copies_guard_text_that_starts_as_a_formula() {
    let project = project("spreadsheet");
    let output = project.run(&["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_guarded(&project);
    // Rebuilt from the build's cache (its rows stored once when both
    // flavours are alike): the same rows guarded.
    std::fs::remove_file(project.out().join("spreadsheet/items.csv")).unwrap();
    let output = project.run(&["build", "--verbose"]);
    assert!(stderr(&output).contains("cache: 0 issues parsed"), "{}", stderr(&output));
    assert_guarded(&project);
}

/// The cells the spreadsheet copies of `project`'s out/ guard are the ones
/// that start as a formula would.
fn assert_guarded(project: &Project) {
    let mut guarded = Vec::new();
    for file in FILES {
        let data = std::fs::read(project.out().join(file)).unwrap();
        let sheet = std::fs::read(project.out().join("spreadsheet").join(file)).unwrap();
        assert_ne!(data[..3], *b"\xEF\xBB\xBF", "{file}: no byte-order mark in the data file");
        assert_eq!(sheet[..3], *b"\xEF\xBB\xBF", "{file}: a byte-order mark in the spreadsheet copy");
        let ((data_header, data_rows), (sheet_header, sheet_rows)) = (read_csv(&data), read_csv(&sheet[3..]));
        assert_eq!(data_rows.len(), sheet_rows.len(), "{file}");
        let data = std::iter::once(&data_header).chain(&data_rows);
        for (r, (data_row, sheet_row)) in data.zip(std::iter::once(&sheet_header).chain(&sheet_rows)).enumerate() {
            for (c, (data_cell, sheet_cell)) in data_row.iter().zip(sheet_row).enumerate() {
                if data_cell != sheet_cell {
                    assert_eq!(*sheet_cell, format!("'{data_cell}"), "{file}");
                    let column = if r == 0 { "(header)" } else { &data_header[c] };
                    guarded.push((file, column.to_owned(), data_cell.clone()));
                }
            }
        }
    }
    let expected = [
        ("items.csv", "title", "+= for std::time types"),
        ("items.csv", "text", "+= for std::time types: operators on durations, in Rust."),
        ("items.csv", "title", "=HYPERLINK(\"https://evil.example\",\"click\")"),
        ("items.csv", "text", "=HYPERLINK(\"https://evil.example\",\"click\"): a title that is a formula."),
        ("items.csv", "title", "-0.5 °C in January"),
        ("items.csv", "text", "-0.5 °C in January: a title like a negative number, at home."),
        ("items.csv", "title", "@rustlang on Mastodon"),
        ("items.csv", "text", "@rustlang on Mastodon: a handle."),
        ("trends/by-issue.csv", "(header)", "@home"),
        ("trends/by-issue.csv", "title", "=Weekly 1: £20 ’quoted’ …"),
        ("trends/trends-wide-share.csv", "(header)", "@home"),
        ("trends/trends-wide.csv", "(header)", "@home"),
        ("trends/trends.csv", "keyword", "@home"),
        ("trends/trends.csv", "keyword", "@home"),
    ];
    let expected: Vec<_> = expected.iter().map(|(f, c, v)| (*f, c.to_string(), v.to_string())).collect();
    assert_eq!(guarded, expected);
    // Shares and counts are the same numbers in both (`trends-wide-share.csv` of January: 2 and 1 of 6 items).
    let share = std::fs::read_to_string(project.out().join("spreadsheet/trends/trends-wide-share.csv")).unwrap();
    assert_eq!(
        share,
        "\u{feff}start,period,Rust,'@home\n2024-01-01,2024-01,0.3333,0.1667\n2024-02-01,2024-02,0.6667,0.3333\n"
    );
}

/// The words of a command line, with double quotes grouping.
fn shell_words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted, mut started) = (Vec::new(), String::new(), false, false);
    for c in line.chars() {
        match c {
            '"' => (quoted, started) = (!quoted, true),
            ' ' if !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

#[test]
fn the_readme_csv_examples_are_what_trendfeed_prints() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let project = Project::samples();
    let mut checked = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let (command, shown) = block.split_once('\n').unwrap();
        let Some(command) = command.strip_prefix("$ trendfeed ").filter(|c| c.contains("--format csv")) else {
            continue;
        };
        let args = shell_words(command);
        let output = project.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(output.status.success(), "{command}: {}", stderr(&output));
        assert_eq!(String::from_utf8(output.stdout).unwrap(), shown, "README: $ trendfeed {command}");
        checked += 1;
    }
    assert!(checked >= 1, "no README example prints CSV");
}
