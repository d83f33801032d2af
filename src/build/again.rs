//! Issues read again after the fold: the pages it wrote with a wrong link
//! or slug, the issues the feeds show, and the emerging counts when
//! invalid issues moved the analysis's window.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use anyhow::Result;
use rayon::prelude::*;

use super::collect::{self, Cx};
use crate::error::InvalidInput;
use crate::model::{Issue, section_slug};
use crate::trends::emerging;

/// Issues read again after the fold, with the archive's section slugs.
pub(super) struct Again<'a> {
    pub(super) cx: &'a Cx<'a>,
    pub(super) kept: collect::Kept,
    pub(super) slugs: BTreeMap<String, String>,
}

impl Again<'_> {
    /// Issue `at` again (parsed again unless kept), with the archive's
    /// section slugs.
    pub(super) fn issue(&self, at: usize) -> Result<Issue> {
        let entry = &self.cx.order[at];
        let issue = match self.kept.0.get(&at) {
            Some(issue) => issue.clone(),
            None => match self.cx.cache {
                Some(cache) => cache.issue(self.cx.reader, entry),
                None => self.cx.reader.parse(&entry.path).and_then(|issue| issue.ok_or_else(|| entry.changed())),
            }
            .map_err(|e| InvalidInput(vec![e]))?,
        };
        let mut issue = collect::keyed(issue, entry).map_err(|e| InvalidInput(vec![e]))?;
        for section in &mut issue.sections {
            if let Some(slug) = self.slugs.get(&section.canonical) {
                section.slug.clone_from(slug);
            }
        }
        Ok(issue)
    }

    /// The emerging terms. When issues were invalid (the newest, or enough
    /// to lengthen the automatic window), the analysis may need months
    /// before the horizon the counters kept: then the valid issues are
    /// counted again.
    pub(super) fn emerging(
        &self,
        counter: emerging::Counter,
        options: emerging::Options,
    ) -> Result<emerging::Emerging> {
        if counter.window(options.recent_months).history_start() >= self.cx.horizon {
            return Ok(counter.finish(options));
        }
        let valid: Vec<usize> = (0..self.cx.order.len()).filter(|&at| self.cx.valid[at]).collect();
        let counter = valid
            .par_iter()
            .map(|&at| -> Result<emerging::Counter> {
                let mut counter = emerging::Counter::default();
                counter.add(self.cx.scanner, &self.issue(at)?, self.cx.config);
                Ok(counter)
            })
            .try_reduce(emerging::Counter::default, |mut a, b| {
                a.merge(b);
                Ok(a)
            })?;
        Ok(counter.finish(options))
    }
}

/// Issues whose page the fold wrote with a wrong link or slug.
pub(super) fn pages_to_redo(
    valid: &[bool],
    sections: &collect::Sections,
    slugs: &BTreeMap<String, String>,
) -> Vec<usize> {
    let is_valid = |j: &usize| valid[*j];
    let mut redo = BTreeSet::new();
    for at in (0..valid.len()).filter(|&at| !valid[at]) {
        redo.extend((0..at).rev().find(is_valid));
        redo.extend((at + 1..valid.len()).find(is_valid));
    }
    for (name, runs) in &sections.issues {
        if slugs[name] != section_slug(name) {
            redo.extend(runs.iter().flat_map(Range::clone));
        }
    }
    redo.into_iter().collect()
}
