//! Section names: which issues use each (pages and rows to redo when a
//! name's slug turns out taken), and how many.

use std::collections::HashMap;
use std::ops::Range;

use anyhow::Result;

use super::{Collect, Cx, Parsed};

#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct Sections {
    /// Each canonical section name, with the issues that hold it: runs of
    /// consecutive indices (most names are in most issues).
    pub issues: HashMap<String, Vec<Range<usize>>>,
    /// How many times each name is used (twice in one issue: twice), as
    /// `check` counts them.
    pub uses: HashMap<String, usize>,
}

impl Sections {
    fn runs(&mut self, name: &str) -> &mut Vec<Range<usize>> {
        if !self.issues.contains_key(name) {
            self.issues.insert(name.to_owned(), Vec::new());
        }
        self.issues.get_mut(name).expect("inserted above")
    }
}

impl Collect for Sections {
    fn empty(_: &Cx) -> Sections {
        Sections::default()
    }

    fn add(&mut self, _: &Cx, parsed: &Parsed) -> Result<()> {
        for section in &parsed.issue.sections {
            add_to_runs(self.runs(&section.canonical), parsed.at..parsed.at + 1);
            match self.uses.get_mut(&section.canonical) {
                Some(n) => *n += 1,
                None => drop(self.uses.insert(section.canonical.clone(), 1)),
            }
        }
        Ok(())
    }

    fn merge(&mut self, later: Sections) {
        for (name, runs) in later.issues {
            let mine = self.runs(&name);
            for run in runs {
                add_to_runs(mine, run);
            }
        }
        for (name, n) in later.uses {
            *self.uses.entry(name).or_default() += n;
        }
    }
}

/// Adds `run` (starting at or after the end of every run added before) to
/// runs of consecutive indices.
pub fn add_to_runs(runs: &mut Vec<Range<usize>>, run: Range<usize>) {
    match runs.last_mut() {
        Some(last) if last.end >= run.end => {}
        Some(last) if last.end >= run.start => last.end = run.end,
        _ => runs.push(run),
    }
}
