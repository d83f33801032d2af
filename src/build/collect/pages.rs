//! Issue pages, written as issues are added; and the newest issues, kept
//! whole for the feeds (which mostly show them).

use std::collections::HashMap;

use anyhow::Result;

use super::{Collect, Cx, Parsed};
use crate::model::Issue;
use crate::output::feeds::page_of_key;

/// Writes each issue's page, between the nearest issues valid so far.
pub struct Pages;

impl Pages {
    /// Keeps the published page of issue `at` (of file key `source`) when
    /// the cache says it holds what it would be rendered from: then the
    /// issue need not even be read.
    pub fn keep(cx: &Cx, at: usize, source: u128) -> bool {
        let (Some(out), Some(cache)) = (cx.out, cx.cache) else { return false };
        let key = cx.order[at].key();
        let (prev, next) = neighbours(cx, at);
        cache.keep_page(out, &page_of_key(key), cache.page_inputs(source, key, prev, next))
    }

    /// Renders and writes the page of `parsed`, noting it in the cache.
    pub fn write(cx: &Cx, parsed: &Parsed) -> Result<()> {
        let Some(out) = cx.out else { return Ok(()) };
        let relative = page_of_key(&parsed.issue.key);
        let (prev, next) = neighbours(cx, parsed.at);
        let page = cx.site.page(&parsed.issue, prev, next)?;
        if let Some(cache) = cx.cache {
            cache.rendered(&relative, cache.page_inputs(parsed.source, &parsed.issue.key, prev, next), page.as_bytes());
        }
        out.write(&relative, page.as_bytes())
    }
}

impl Collect for Pages {
    fn empty(_: &Cx) -> Pages {
        Pages
    }

    /// Writes the page, unless the cache says the page published holds
    /// what it would be rendered from.
    fn add(&mut self, cx: &Cx, parsed: &Parsed) -> Result<()> {
        if Pages::keep(cx, parsed.at, parsed.source) {
            return Ok(());
        }
        Pages::write(cx, parsed)
    }

    fn merge(&mut self, _: Pages) {}
}

/// The page of issue `at`, between the nearest issues `cx.valid` marks valid.
pub fn page(cx: &Cx, at: usize, issue: &Issue) -> Result<String> {
    let (prev, next) = neighbours(cx, at);
    cx.site.page(issue, prev, next)
}

/// A neighbour's key and title.
type Near<'a> = Option<(&'a str, &'a str)>;

/// The nearest issues before and after `at` that `cx.valid` marks valid.
fn neighbours<'a>(cx: &Cx<'a>, at: usize) -> (Near<'a>, Near<'a>) {
    let near = |j: usize| (cx.order[j].key(), cx.order[j].title());
    let prev = (0..at).rev().find(|&j| cx.valid[j]).map(near);
    let next = (at + 1..cx.order.len()).find(|&j| cx.valid[j]).map(near);
    (prev, next)
}

/// The newest issues parsed would be parsed again for the feeds: a small
/// archive would be parsed twice.
pub const KEPT: usize = 64;

/// The valid issues among the last `KEPT` (64) of the order, by index.
#[derive(Default)]
pub struct Kept(pub HashMap<usize, Issue>);

impl Collect for Kept {
    fn empty(_: &Cx) -> Kept {
        Kept::default()
    }

    fn add(&mut self, cx: &Cx, parsed: &Parsed) -> Result<()> {
        if parsed.at + KEPT >= cx.order.len() {
            self.0.insert(parsed.at, parsed.issue.clone());
        }
        Ok(())
    }

    fn merge(&mut self, later: Kept) {
        self.0.extend(later.0);
    }
}
