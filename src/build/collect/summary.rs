//! What the summary and the home page tell of the issues: items, the
//! warnings `check` would show, and the newest issues.

use std::collections::VecDeque;

use anyhow::Result;

use super::{Collect, Cx, Parsed};
use crate::check;
use crate::output::html::LATEST_ISSUES;

#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct Latest {
    /// Valid issues added.
    pub issues: usize,
    pub items: usize,
    /// What `check` warns of in single issues, summed.
    pub warnings: usize,
    /// The newest valid issues, by index, with their number of items, oldest first.
    pub newest: VecDeque<(usize, usize)>,
}

impl Collect for Latest {
    fn empty(_: &Cx) -> Latest {
        Latest::default()
    }

    fn add(&mut self, _: &Cx, parsed: &Parsed) -> Result<()> {
        let items = parsed.issue.items().count();
        self.issues += 1;
        self.items += items;
        self.warnings += check::issue_warning_count(&parsed.issue);
        self.newest.push_back((parsed.at, items));
        if self.newest.len() > LATEST_ISSUES {
            self.newest.pop_front();
        }
        Ok(())
    }

    fn merge(&mut self, later: Latest) {
        self.issues += later.issues;
        self.items += later.items;
        self.warnings += later.warnings;
        self.newest.extend(later.newest);
        let over = self.newest.len().saturating_sub(LATEST_ISSUES);
        self.newest.drain(..over);
    }
}
