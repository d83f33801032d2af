//! Topic counts per period and per year ([`Tally`]).

use anyhow::Result;

use super::{Collect, Cx, Parsed};
use crate::trends::Tally;

impl Collect for Tally {
    fn empty(cx: &Cx) -> Tally {
        Tally::new(cx.config, cx.period)
    }

    fn add(&mut self, _: &Cx, parsed: &Parsed) -> Result<()> {
        let issue = &parsed.issue;
        Tally::add(self, parsed.at, &issue.key, issue.date, &parsed.counts);
        Ok(())
    }

    fn merge(&mut self, later: Tally) {
        Tally::merge(self, later);
    }
}
