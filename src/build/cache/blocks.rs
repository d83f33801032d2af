//! Blocks: the fold's issues in runs of [`BLOCK`], each run's collectors
//! stored once summed. A rebuild reads an unchanged block's collectors
//! from the cache and merges them as they are, instead of adding each of
//! its issues again: a collector takes in a collector of later issues as it
//! would add them ([`crate::build::collect::Collect::merge`]), so the
//! result is the same.
//!
//! What a block stores is the collectors that write nothing as issues are
//! added, the explore page's term index among them (its text chunks are
//! cut from the fold's total only); the issue pages and the newest issues
//! kept whole still get every issue ([`ADDED`]), from its entry. The site
//! collector's search items are stored analysed for the search index when
//! they may be among its newest ([`SiteData::analyse`]). A block
//! is keyed by its place in the archive's order and its issues' entries and
//! keys ([`key::block`]): an issue added, edited, renamed or deleted makes
//! its block new, and the blocks after it when it moves them. A block is
//! stored only when all its issues are valid, and its issues' text is at
//! most [`MAX_TEXT`] (4 MiB). The emerging counters keep
//! the months per term from a horizon on, which moves with the newest
//! issue: a block's counter is moved to this build's horizon
//! ([`Counter::move_horizon`]), and counted again when it was counted with
//! a later one.

use std::ops::Range;
use std::sync::atomic::Ordering::Relaxed;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::{Cache, broke, frame, key, lock, store};
use crate::build::collect::{Collectors, Cx, FeedIssues, Kind, Latest, Parsed, Progress, Rows, Sections, SiteData};
use crate::error::InputError;
use crate::input::read_text;
use crate::trends::Tally;
use crate::trends::emerging::Counter;
use crate::trends::index::TermIndex;

/// Issues of a block: the last block of a chunk of the fold may be shorter.
pub const BLOCK: usize = 32;

/// Bytes of issue text above which a block is neither stored nor read:
/// its stored collectors would take several times its text in memory as
/// they are written (a block of typical issues holds a few hundred kB).
const MAX_TEXT: usize = 4 << 20;

/// The collectors that still get every issue of a block read from the cache.
const ADDED: &[Kind] = &[Kind::Pages, Kind::Kept];

/// A block's stored collectors, as written.
#[derive(Serialize)]
struct StateRef<'a> {
    /// The block's key, checked as it is read.
    key: u128,
    rows: &'a Rows,
    tally: &'a Tally,
    emerging: &'a Counter,
    feeds: &'a FeedIssues,
    sections: &'a Sections,
    latest: &'a Latest,
    explore: &'a TermIndex,
    site: &'a SiteData,
}

/// A block's stored collectors, as read back.
#[derive(Deserialize)]
struct State {
    key: u128,
    rows: Rows,
    tally: Tally,
    emerging: Counter,
    feeds: FeedIssues,
    sections: Sections,
    latest: Latest,
    explore: TermIndex,
    site: SiteData,
}

/// Each issue file's text and key (of [`key::source`]).
type Texts = Vec<Result<(String, u128), InputError>>;

impl Cache {
    /// Issues per block: [`BLOCK`]; in a debug build (the tests'),
    /// `TRENDFEED_CACHE_BLOCK` when it is set, so that small archives have
    /// several blocks.
    pub fn block_size(&self) -> usize {
        let set = || std::env::var("TRENDFEED_CACHE_BLOCK").ok()?.parse().ok().filter(|&n: &usize| n > 0);
        if cfg!(debug_assertions) { set().unwrap_or(BLOCK) } else { BLOCK }
    }

    /// The issues of a block: taken from the cache (its stored collectors,
    /// and each issue's entry for the [`ADDED`] ones) when it is unchanged,
    /// else each added to every collector (and the block stored). `None`
    /// for a block of more than [`MAX_TEXT`] bytes of text, which the cache
    /// does not keep: its issues are to be added one by one.
    pub fn block(&self, cx: &Cx, block: Range<usize>, progress: &Progress) -> Result<Option<Collectors>> {
        let sizes = block.clone().map(|at| std::fs::metadata(&cx.order[at].path).map_or(0, |m| m.len()));
        if sizes.sum::<u64>() > MAX_TEXT as u64 {
            self.stats.blocks_added.fetch_add(1, Relaxed);
            return Ok(None);
        }
        let later = cx.order.len() - block.end;
        let texts = self.texts(cx, block.clone());
        let issues: Option<Vec<(u128, &str)>> =
            texts.iter().zip(block.clone()).map(|(t, at)| Some((t.as_ref().ok()?.1, &*cx.order[at].key))).collect();
        let key = issues.map(|issues| key::block(self.maker, block.start, &issues));
        if let Some(key) = key {
            lock(&self.used_blocks).insert(key);
        }
        let parsed = self.parse_all(cx, block, texts, progress);
        // Stored when all its issues were valid: they are unless a file changed since its header was read.
        let valid = parsed.iter().all(|(_, p)| p.is_ok());
        let state = key.filter(|_| valid).and_then(|key| self.load_block(key));
        // Counted with a horizon after this build's, the emerging counter cannot be used.
        let state = state.and_then(|mut s| s.emerging.move_horizon(cx.horizon).then_some(s));
        let mut all = Collectors::empty(cx, if state.is_some() { ADDED } else { Kind::ALL });
        for (at, parsed) in parsed {
            match parsed {
                Ok(issue) => all.add(cx, &issue)?,
                Err(error) => all.failed.push((at, error)),
            }
        }
        match state {
            Some(state) => {
                self.stats.blocks_cached.fetch_add(1, Relaxed);
                state.fill(&mut all);
                anyhow::ensure!(all.is_complete(), "a collector of the build is missing from the cache's blocks");
            }
            None => {
                self.stats.blocks_added.fetch_add(1, Relaxed);
                if let Some(key) = key.filter(|_| valid) {
                    if let Some(site) = &mut all.site {
                        site.analyse(later);
                    }
                    self.store_block(key, &all);
                }
            }
        }
        Ok(Some(all))
    }

    /// The text and key of each issue file of `block`.
    fn texts(&self, cx: &Cx, block: Range<usize>) -> Texts {
        block
            .map(|at| {
                let path = &cx.order[at].path;
                read_text(path).map(|text| {
                    let source = key::source(self.maker, path, &text);
                    (text, source)
                })
            })
            .collect()
    }

    /// Each issue of `block`, from its entry or parsed; each text is
    /// dropped once read.
    fn parse_all(
        &self,
        cx: &Cx,
        block: Range<usize>,
        texts: Texts,
        progress: &Progress,
    ) -> Vec<(usize, Result<Parsed, InputError>)> {
        let parsed = block.zip(texts).map(|(at, text)| {
            if progress.verbose {
                progress.bar.suspend(|| eprintln!("reading {}", cx.order[at].path.display()));
            }
            let parsed = text.and_then(|(text, source)| self.parsed_text(cx, at, &text, source));
            progress.bar.inc(1);
            (at, parsed)
        });
        parsed.collect()
    }

    /// The stored collectors of block `key`, when they are sound.
    fn load_block(&self, key: u128) -> Option<State> {
        let bytes = store::read_entry(&self.dir, store::BLOCKS, key)?;
        let state = frame::decode(&bytes, b'B', self.maker)
            .and_then(|body| postcard::from_bytes::<State>(body).map_err(|_| frame::Rejected::Corrupt("damaged")))
            .and_then(|state| {
                if state.key == key { Ok(state) } else { Err(frame::Rejected::Corrupt("the block of other issues")) }
            });
        state.map_err(|why| broke(&self.broken_blocks, why)).ok()
    }

    /// Stores the collectors of block `key` (unless one is missing).
    fn store_block(&self, key: u128, all: &Collectors) {
        let (Some(rows), Some(tally), Some(emerging), Some(feeds), Some(sections), Some(latest), Some(explore)) =
            (&all.rows, &all.tally, &all.emerging, &all.feeds, &all.sections, &all.latest, &all.explore)
        else {
            return;
        };
        let Some(site) = &all.site else { return };
        let state = StateRef { key, rows, tally, emerging, feeds, sections, latest, explore, site };
        match postcard::to_stdvec(&state) {
            Ok(body) => {
                let bytes = frame::encode(b'B', self.maker, &body);
                self.wrote(store::write_entry(&self.dir, store::BLOCKS, key, &bytes));
            }
            Err(error) => self.wrote(Err(anyhow::anyhow!("cannot encode a block of the cache: {error}"))),
        }
    }
}

impl State {
    /// Puts the stored collectors in `all`.
    fn fill(self, all: &mut Collectors) {
        all.rows = Some(self.rows);
        all.tally = Some(self.tally);
        all.emerging = Some(self.emerging);
        all.feeds = Some(self.feeds);
        all.sections = Some(self.sections);
        all.latest = Some(self.latest);
        all.explore = Some(self.explore);
        all.site = Some(self.site);
    }
}
