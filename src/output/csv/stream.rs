//! `items.csv` and `trends/by-issue.csv`, written issue by issue while the
//! build streams the archive ([`mod@crate::build`]), in every [`Flavour`].
//!
//! An item's `id` is its feed entry id, which holds its section's slug.
//! While streaming, a section's slug is its own ([`section_slug`]); a name
//! that slugs like another seen later gets `-2` once the archive is read.
//! The rows of the issues holding such a name are then made again and put
//! in place of the streamed ones ([`IssueFiles::replace_items`]).

use std::collections::BTreeMap;
use std::io::{BufReader, Read};

use anyhow::{Context, Result};
use serde_bytes::ByteBuf;

use super::{Flavour, by_issue_header, by_issue_row, item_rows, items_header};
use crate::config::Config;
use crate::fs::{Staged, StagedFile, Stager};
use crate::model::{Issue, section_slug};
use crate::output::feeds::item_ids;
use crate::trends::Counts;

const ITEMS: &str = "items.csv";
const BY_ISSUE: &str = "trends/by-issue.csv";

/// An issue's rows of `items.csv` and its row of `trends/by-issue.csv`,
/// in each flavour of [`Flavour::ALL`].
/// Stored as bytes in the build's cache: read back in one copy each. The
/// spreadsheet flavour of the items' rows is stored only when it differs
/// (a cell guarded as a formula would be), which is rare.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct IssueRows {
    items: ByteBuf,
    /// The spreadsheet flavour's rows of `items.csv`; `None` when they are `items`.
    sheet_items: Option<ByteBuf>,
    by_issue: [ByteBuf; 2],
}

impl IssueRows {
    pub fn new(issue: &Issue, counts: &Counts, config: &Config) -> Result<IssueRows> {
        let [data, sheet] = Flavour::ALL;
        let [items, sheet_items] = items_rows(issue, config)?;
        Ok(IssueRows {
            sheet_items: (sheet_items != items).then(|| ByteBuf::from(sheet_items)),
            items: ByteBuf::from(items),
            by_issue: [by_issue_row(issue, counts, data)?, by_issue_row(issue, counts, sheet)?].map(ByteBuf::from),
        })
    }

    /// The rows of `items.csv` in flavour `f` (the index in [`Flavour::ALL`]).
    fn items(&self, f: usize) -> &[u8] {
        match (f, &self.sheet_items) {
            (1, Some(sheet)) => sheet,
            _ => &self.items,
        }
    }
}

/// An issue's rows of `items.csv` in each flavour.
fn items_rows(issue: &Issue, config: &Config) -> Result<[Vec<u8>; 2]> {
    item_rows(issue, &item_ids(issue, config))
}

/// The rows of `items.csv` for an issue read again with the archive's
/// section slugs, when one of its sections has a slug other than its own
/// (the streamed rows have other ids); `None` when its rows are unchanged.
pub fn renamed_items(issue: &Issue, config: &Config) -> Result<Option<[Vec<u8>; 2]>> {
    let renamed = issue.sections.iter().any(|s| s.slug != section_slug(&s.canonical));
    renamed.then(|| items_rows(issue, config)).transpose()
}

/// `items.csv` and `trends/by-issue.csv` being written, in every flavour.
pub struct IssueFiles {
    items: [StagedFile; 2],
    by_issue: [StagedFile; 2],
    /// The length of the header of `items.csv`, per flavour.
    header: [u64; 2],
    /// Each issue written, by index, with the length of its rows of
    /// `items.csv` per flavour.
    written: Vec<(usize, [u64; 2])>,
}

impl IssueFiles {
    /// Starts the files with their headers; `topics` name the columns of
    /// `by-issue.csv` after its keys.
    pub fn create(stager: &Stager, topics: &[String]) -> Result<IssueFiles> {
        let start = |flavour: Flavour| -> Result<(StagedFile, StagedFile, u64)> {
            let header = items_header(flavour)?;
            let mut items = stager.create(&flavour.path(ITEMS), 1 << 20)?;
            items.write_all(&header)?;
            let mut by_issue = stager.create(&flavour.path(BY_ISSUE), 64 << 10)?;
            by_issue.write_all(&by_issue_header(topics, flavour)?)?;
            Ok((items, by_issue, header.len() as u64))
        };
        let [data, sheet] = Flavour::ALL;
        let ((items, by_issue, header), (sheet_items, sheet_by_issue, sheet_header)) = (start(data)?, start(sheet)?);
        Ok(IssueFiles {
            items: [items, sheet_items],
            by_issue: [by_issue, sheet_by_issue],
            header: [header, sheet_header],
            written: Vec::new(),
        })
    }

    /// Adds issue `i`'s rows (issues come in archive order).
    pub fn write(&mut self, i: usize, rows: &IssueRows) -> Result<()> {
        for f in 0..2 {
            self.items[f].write_all(rows.items(f))?;
            self.by_issue[f].write_all(&rows.by_issue[f])?;
        }
        self.written.push((i, [0, 1].map(|f| rows.items(f).len() as u64)));
        Ok(())
    }

    /// Puts `rows` (by issue index, as [`renamed_items`] makes them) in
    /// place of the rows written for those issues in `items.csv`: the file
    /// is written again, the other issues' rows copied as they are.
    pub fn replace_items(&mut self, stager: &Stager, rows: &BTreeMap<usize, [Vec<u8>; 2]>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        for (f, flavour) in Flavour::ALL.into_iter().enumerate() {
            let path = flavour.path(ITEMS);
            let mut old = BufReader::new(self.items[f].reopen()?);
            let mut new = stager.create(&path, 1 << 20)?;
            let mut copy = |len: u64, keep: bool, new: &mut StagedFile| -> Result<()> {
                let mut bytes = Vec::new();
                (&mut old)
                    .take(len)
                    .read_to_end(&mut bytes)
                    .with_context(|| format!("failed to read back `{path}`"))?;
                if keep { new.write_all(&bytes) } else { Ok(()) }
            };
            copy(self.header[f], true, &mut new)?;
            for (i, lengths) in &self.written {
                let replaced = rows.get(i);
                copy(lengths[f], replaced.is_none(), &mut new)?;
                if let Some(replaced) = replaced {
                    new.write_all(&replaced[f])?;
                }
            }
            self.items[f] = new;
        }
        Ok(())
    }

    /// Finishes the four files, for [`crate::fs::Publisher::add`].
    pub fn done(self) -> Result<Vec<Staged>> {
        self.items.into_iter().chain(self.by_issue).map(StagedFile::done).collect()
    }
}
