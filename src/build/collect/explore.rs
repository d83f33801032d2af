//! The explore page's term index ([`TermIndex`]): terms and phrases with
//! the items that hold them; its text chunks are written as they fill. The
//! build's cache stores a block's index with its other collectors.

use anyhow::Result;

use super::{Collect, Cx, Parsed};
use crate::trends::index::TermIndex;

impl Collect for TermIndex {
    fn empty(_: &Cx) -> TermIndex {
        TermIndex::new()
    }

    fn add(&mut self, cx: &Cx, parsed: &Parsed) -> Result<()> {
        TermIndex::add(self, &parsed.issue, parsed.at, cx.config);
        Ok(())
    }

    fn merge(&mut self, later: TermIndex) {
        TermIndex::merge(self, later);
    }
}
