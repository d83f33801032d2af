//! CSV outputs: the tidy trend table, its wide forms (mentions, shares),
//! counts per issue, emerging terms, and every item of the archive.
//! Headers are a contract (see the README).
//!
//! Every file is written in two [`Flavour`]s: the data file, exact, for
//! programs; and its copy below `spreadsheet/` for spreadsheets, with a
//! byte-order mark and text cells that would run as formulas guarded.
//!
//! The same key columns lead every file: the date (`date` of an issue,
//! `start` of a period, always `YYYY-MM-DD`), then what the row is of
//! (`issue` or `period`). A timestamp has a column of its own (`published`,
//! RFC 3339). `emerging.csv` ranks terms over the whole archive: its rows
//! have no date, and `term` leads.

pub mod stream;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use anyhow::Result;

use crate::fs::Publisher;
use crate::model::Issue;
use crate::trends::emerging::Emerging;
use crate::trends::{Counts, Trends};

/// Who reads a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// Programs (DuckDB, pandas, R, csvkit): UTF-8 without a byte-order
    /// mark, every cell as it is.
    Data,
    /// Spreadsheets (Excel, LibreOffice Calc, Numbers, Google Sheets): the
    /// same rows below `spreadsheet/`, after a UTF-8 byte-order mark (Excel
    /// reads a file without one in the system's code page), with each text
    /// cell that starts as a formula would prefixed with `'` ([`guard`]).
    /// Numbers and dates are never changed.
    Spreadsheet,
}

/// The folder of the spreadsheet flavour below `out/`.
pub const SPREADSHEET_DIR: &str = "spreadsheet";

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Flavour {
    pub const ALL: [Flavour; 2] = [Flavour::Data, Flavour::Spreadsheet];

    /// Where the file `relative` (below `out/`) of this flavour goes:
    /// `trends/trends.csv`, `spreadsheet/trends/trends.csv`.
    pub fn path(self, relative: &str) -> String {
        match self {
            Flavour::Data => relative.to_owned(),
            Flavour::Spreadsheet => format!("{SPREADSHEET_DIR}/{relative}"),
        }
    }
}

/// The first characters that make a spreadsheet read a cell as a formula
/// (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as the spreadsheet flavour writes it: prefixed with `'`
/// when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return (as
/// OWASP recommends), so `+= for std::time types` stays text; else unchanged.
pub fn guard(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text (titles, names, URLs, keys, labels): guarded in the spreadsheet flavour.
    Text(Cow<'a, str>),
    /// A number or a date that the build formats: written as it is in
    /// every flavour, so `-0.5` stays a number.
    Value(String),
}

impl<'a> Cell<'a> {
    pub fn text(text: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(text.into())
    }

    pub fn value(value: impl ToString) -> Cell<'a> {
        Cell::Value(value.to_string())
    }
}

/// Rows written in one flavour.
pub struct Sheet {
    flavour: Flavour,
    out: csv::Writer<Vec<u8>>,
}

impl Sheet {
    /// A whole file: in the spreadsheet flavour, it starts with [`BOM`].
    pub fn file(flavour: Flavour) -> Sheet {
        let start = if flavour == Flavour::Spreadsheet { BOM.to_vec() } else { Vec::new() };
        Sheet { flavour, out: csv::Writer::from_writer(start) }
    }

    /// Rows to append to a file begun with [`Sheet::file`].
    pub fn rows(flavour: Flavour) -> Sheet {
        Sheet { flavour, out: csv::Writer::from_writer(Vec::new()) }
    }

    /// The header row: column names are text.
    pub fn header<'h>(&mut self, names: impl IntoIterator<Item = &'h str>) -> Result<()> {
        let cells: Vec<Cell> = names.into_iter().map(Cell::text).collect();
        self.row(&cells)
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<()> {
        for cell in cells {
            match (cell, self.flavour) {
                (Cell::Text(text), Flavour::Spreadsheet) => self.out.write_field(guard(text).as_bytes())?,
                (Cell::Text(text), Flavour::Data) => self.out.write_field(text.as_bytes())?,
                (Cell::Value(value), _) => self.out.write_field(value)?,
            }
        }
        self.out.write_record(None::<&[u8]>)?;
        Ok(())
    }

    pub fn into_bytes(self) -> Result<Vec<u8>> {
        Ok(self.out.into_inner()?)
    }
}

/// Header of `trends/trends.csv`.
pub const TRENDS_HEADER: [&str; 10] = [
    "start",
    "period",
    "keyword",
    "mentions",
    "items",
    "items_total",
    "share",
    "issues",
    "per_issue",
    "share_smoothed",
];

/// Header of `trends/emerging.csv`.
pub const EMERGING_HEADER: [&str; 7] =
    ["term", "recent_items", "recent_share", "baseline_items", "baseline_share", "score", "first_seen"];

/// The key columns of the wide files, before one column per topic.
const WIDE_KEYS: [&str; 2] = ["start", "period"];

/// A ratio with four decimals; empty for `None`.
fn decimals(value: Option<f64>) -> Cell<'static> {
    Cell::Value(value.map(|v| format!("{v:.4}")).unwrap_or_default())
}

/// `trends/trends.csv`: one row per (period, topic), for periods that hold
/// an issue. `share`, `per_issue` and `share_smoothed` have four decimals;
/// `share` is empty when the period has no counted item, `share_smoothed`
/// without `--smooth`.
pub fn trends_csv(trends: &Trends, flavour: Flavour) -> Result<Vec<u8>> {
    let mut sheet = Sheet::file(flavour);
    sheet.header(TRENDS_HEADER)?;
    for (p, period) in trends.periods.iter().enumerate() {
        let c = &period.counts;
        for (i, topic) in trends.topics.iter().enumerate() {
            sheet.row(&[
                date_cell(period.start),
                Cell::text(&period.label),
                Cell::text(topic),
                Cell::value(c.mentions[i]),
                Cell::value(c.items[i]),
                Cell::value(c.items_total),
                decimals(c.share(i)),
                Cell::value(c.issues),
                decimals(c.per_issue(i)),
                decimals(trends.share_smoothed(p, i)),
            ])?;
        }
    }
    sheet.into_bytes()
}

/// `trends/emerging.csv`: the ranked terms, best first. Shares have four
/// decimals, the score three; `first_seen` is the date of the first issue
/// holding the term. Only the header when nothing emerged.
pub fn emerging_csv(emerging: &Emerging, flavour: Flavour) -> Result<Vec<u8>> {
    let mut sheet = Sheet::file(flavour);
    sheet.header(EMERGING_HEADER)?;
    for t in &emerging.terms {
        sheet.row(&[
            Cell::text(&t.term),
            Cell::value(t.recent_items),
            Cell::value(format!("{:.4}", t.recent_share)),
            Cell::value(t.baseline_items),
            Cell::value(format!("{:.4}", t.baseline_share)),
            Cell::value(format!("{:.3}", t.score)),
            date_cell(t.first_seen),
        ])?;
    }
    sheet.into_bytes()
}

/// A wide file: `start,period,<Topic>…`, one row per period of `trends.csv`,
/// with `cell(counts, topic)` in each topic's column.
fn wide_csv(trends: &Trends, flavour: Flavour, cell: impl Fn(&Counts, usize) -> Cell<'static>) -> Result<Vec<u8>> {
    let mut sheet = Sheet::file(flavour);
    sheet.header(WIDE_KEYS.into_iter().chain(trends.topics.iter().map(String::as_str)))?;
    for period in &trends.periods {
        let mut row = vec![date_cell(period.start), Cell::text(&period.label)];
        row.extend((0..trends.topics.len()).map(|i| cell(&period.counts, i)));
        sheet.row(&row)?;
    }
    sheet.into_bytes()
}

/// `trends/trends-wide.csv`: `start,period,<Topic>…` with mentions.
pub fn trends_wide_csv(trends: &Trends, flavour: Flavour) -> Result<Vec<u8>> {
    wide_csv(trends, flavour, |c, i| Cell::value(c.mentions[i]))
}

/// `trends/trends-wide-share.csv`: the rows of `trends-wide.csv` with each
/// topic's share instead of its mentions (four decimals, empty when the
/// period has no counted item), as `share` in `trends.csv`.
pub fn trends_wide_share_csv(trends: &Trends, flavour: Flavour) -> Result<Vec<u8>> {
    wide_csv(trends, flavour, |c, i| decimals(c.share(i)))
}

/// Writes `relative` below `out/` in every flavour.
fn write_flavours(out: &Publisher, relative: &str, render: impl Fn(Flavour) -> Result<Vec<u8>>) -> Result<()> {
    Flavour::ALL.into_iter().try_for_each(|flavour| out.write(&flavour.path(relative), &render(flavour)?))
}

/// Writes `trends/trends.csv`, `trends-wide.csv` and
/// `trends-wide-share.csv`, in every flavour.
pub fn write_trends(trends: &Trends, out: &Publisher) -> Result<()> {
    write_flavours(out, "trends/trends.csv", |f| trends_csv(trends, f))?;
    write_flavours(out, "trends/trends-wide.csv", |f| trends_wide_csv(trends, f))?;
    write_flavours(out, "trends/trends-wide-share.csv", |f| trends_wide_share_csv(trends, f))
}

/// Writes `trends/emerging.csv`, in every flavour.
pub fn write_emerging(emerging: &Emerging, out: &Publisher) -> Result<()> {
    write_flavours(out, "trends/emerging.csv", |f| emerging_csv(emerging, f))
}

/// The key columns of `trends/by-issue.csv`, before one column per topic.
pub const BY_ISSUE_KEYS: [&str; 5] = ["date", "issue", "published", "title", "items"];

/// The start of `trends/by-issue.csv`: `date,issue,published,title,items,<Topic>…`.
/// The build writes the file issue by issue: this, then [`by_issue_row`]
/// for each issue, in archive order.
pub fn by_issue_header(topics: &[String], flavour: Flavour) -> Result<Vec<u8>> {
    let mut sheet = Sheet::file(flavour);
    sheet.header(BY_ISSUE_KEYS.into_iter().chain(topics.iter().map(String::as_str)))?;
    sheet.into_bytes()
}

/// A date or timestamp: a value, unless it starts as a formula would (a
/// year past 9999 is written `+10000-01-01`), then text, which the
/// spreadsheet flavour guards.
fn date_cell(date: impl ToString) -> Cell<'static> {
    let date = date.to_string();
    if date.starts_with(FORMULA_STARTS) { Cell::Text(date.into()) } else { Cell::Value(date) }
}

/// An issue's date (in its own offset) and publication time.
fn issue_dates(issue: &Issue) -> [Cell<'static>; 2] {
    [date_cell(issue.date.date_naive()), date_cell(issue.date.to_rfc3339())]
}

/// The row of `trends/by-issue.csv` for an issue: its date, key, time,
/// title, counted items and mentions of each topic.
pub fn by_issue_row(issue: &Issue, counts: &Counts, flavour: Flavour) -> Result<Vec<u8>> {
    let mut sheet = Sheet::rows(flavour);
    let [date, published] = issue_dates(issue);
    let mut row =
        vec![date, Cell::text(issue.key()), published, Cell::text(&issue.title), Cell::value(counts.items_total)];
    row.extend(counts.mentions.iter().map(Cell::value));
    sheet.row(&row)?;
    sheet.into_bytes()
}

/// Header of `items.csv`: every item of the archive, in archive order.
pub const ITEMS_HEADER: [&str; 8] = ["date", "issue", "published", "section", "id", "title", "url", "text"];

/// The start of `items.csv`: its header.
pub fn items_header(flavour: Flavour) -> Result<Vec<u8>> {
    let mut sheet = Sheet::file(flavour);
    sheet.header(ITEMS_HEADER)?;
    sheet.into_bytes()
}

/// The rows of `items.csv` for one issue, without the header, in each
/// flavour of [`Flavour::ALL`] (each row made once). `ids` are its items'
/// feed entry ids ([`super::feeds::item_ids`]), in [`Issue::items`] order.
pub fn item_rows(issue: &Issue, ids: &[String]) -> Result<[Vec<u8>; 2]> {
    let mut sheets = Flavour::ALL.map(Sheet::rows);
    let [date, published] = issue_dates(issue);
    let key = issue.key();
    for ((section, item), id) in issue.items().zip(ids) {
        let row = [
            date.clone(),
            Cell::text(key.as_str()),
            published.clone(),
            Cell::text(&section.canonical),
            Cell::text(id),
            Cell::text(item.title()),
            Cell::text(item.url().unwrap_or("")),
            Cell::text(&item.text),
        ];
        for sheet in &mut sheets {
            sheet.row(&row)?;
        }
    }
    let [data, spreadsheet] = sheets;
    Ok([data.into_bytes()?, spreadsheet.into_bytes()?])
}
