//! Rows of `items.csv` and `trends/by-issue.csv`, made as issues are
//! added and written in archive order after each chunk.

use anyhow::Result;

use super::{Collect, Cx, Parsed};
use crate::output::csv::stream::{IssueFiles, IssueRows};

/// Each issue's rows, by index, until written.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct Rows(Vec<(usize, IssueRows)>);

impl Rows {
    /// Writes the rows held, in order, and forgets them.
    pub fn write_to(&mut self, files: &mut IssueFiles) -> Result<()> {
        for (at, rows) in self.0.drain(..) {
            files.write(at, &rows)?;
        }
        Ok(())
    }
}

impl Collect for Rows {
    fn empty(_: &Cx) -> Rows {
        Rows::default()
    }

    fn add(&mut self, cx: &Cx, parsed: &Parsed) -> Result<()> {
        self.0.push((parsed.at, IssueRows::new(&parsed.issue, &parsed.counts, cx.config)?));
        Ok(())
    }

    fn merge(&mut self, mut later: Rows) {
        self.0.append(&mut later.0);
    }
}
