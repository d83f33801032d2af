//! Terms per month, for the emerging analysis ([`Counter`]).

use anyhow::Result;

use super::{Collect, Cx, Parsed};
use crate::trends::emerging::Counter;

impl Collect for Counter {
    fn empty(cx: &Cx) -> Counter {
        Counter::with_horizon(cx.horizon)
    }

    fn add(&mut self, cx: &Cx, parsed: &Parsed) -> Result<()> {
        Counter::add(self, cx.scanner, &parsed.issue, cx.config);
        Ok(())
    }

    fn merge(&mut self, later: Counter) {
        Counter::merge(self, later);
    }
}
