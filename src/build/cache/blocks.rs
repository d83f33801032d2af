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
//! kept whole get the issues they need ([`ADDED`]): an issue whose file
//! the header cache found unchanged ([`Entry::known`]), whose page is kept
//! and which the feeds cannot show is not read at all. The site
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
//!
//! The blocks of a chunk of the fold ([`crate::build::collect::CHUNK`]
//! issues) are stored merged too, keyed by their keys ([`key::chunk`]): a
//! rebuild reads an unchanged chunk's collectors from one file, and only
//! goes by its blocks when one of them changed.

use std::ops::Range;
use std::sync::atomic::Ordering::Relaxed;

use anyhow::Result;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Cache, broke, frame, key, lock, store};
use crate::build::collect::{
    self, Collect, Collectors, Cx, FeedIssues, KEPT, Kind, Latest, Pages, Parsed, Progress, Rows, Sections, SiteData,
};
use crate::build::order::Entry;
use crate::error::InputError;
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

/// An issue file's key ([`key::source`]), and its text when it was read.
type Source = Result<(u128, Option<String>), InputError>;

/// Each issue file's key and text.
type Sources = Vec<Source>;

/// The longest text kept from reading a file's key to parsing it: a longer
/// one is read again, so that a chunk's texts never fill the memory.
const KEEP_TEXT: usize = 64 << 10;

impl Cache {
    /// Issues per block: [`BLOCK`]; in a debug build (the tests'),
    /// `TRENDFEED_CACHE_BLOCK` when it is set, so that small archives have
    /// several blocks.
    pub fn block_size(&self) -> usize {
        let set = || std::env::var("TRENDFEED_CACHE_BLOCK").ok()?.parse().ok().filter(|&n: &usize| n > 0);
        if cfg!(debug_assertions) { set().unwrap_or(BLOCK) } else { BLOCK }
    }

    /// The collectors of the issues `chunk` of the order (a chunk of the
    /// fold): the chunk's stored collectors when none of its issues
    /// changed (with the [`ADDED`] ones given the issues they need), else
    /// each block's ([`Cache::block`]), merged, and stored as the chunk's
    /// when every block could be.
    pub fn chunk(&self, cx: &Cx, chunk: Range<usize>, progress: &Progress) -> Result<Collectors> {
        let sources: Sources = chunk.clone().into_par_iter().map(|at| self.source_kept(&cx.order[at])).collect();
        let size = self.block_size();
        let blocks: Vec<Range<usize>> = chunk.clone().step_by(size).map(|b| b..(b + size).min(chunk.end)).collect();
        let of = |block: &Range<usize>| &sources[block.start - chunk.start..block.end - chunk.start];
        let keys: Vec<Option<u128>> = blocks.iter().map(|block| self.block_key(cx, block, of(block))).collect();
        let key = keys.iter().copied().collect::<Option<Vec<u128>>>().map(|keys| key::chunk(self.maker, &keys));
        // The blocks are kept for the next build, whose changes may fall in this chunk.
        lock(&self.used_blocks).extend(keys.iter().flatten());
        let mut pages_from = chunk.start;
        if let Some(state) = key.and_then(|key| self.state(cx, store::CHUNKS, key)) {
            match self.stored(cx, chunk.clone(), &sources, pages_from, progress)? {
                Ok(all) => return self.filled(all, state, blocks.len()),
                Err(at) => pages_from = at,
            }
        }
        let empty = || (Collectors::empty(cx, Kind::ALL), true);
        let (mut all, stored) = blocks
            .into_par_iter()
            .zip(keys)
            .map(|(block, key)| -> Result<(Collectors, bool)> {
                match self.block(cx, block.clone(), of(&block), key, pages_from, progress)? {
                    Some(all) => Ok(all),
                    None => Ok((collect::added(cx, Kind::ALL, block, progress)?, false)),
                }
            })
            .try_reduce(empty, |(a, a_stored), (b, b_stored)| Ok((collect::merged(a, b)?, a_stored && b_stored)))?;
        if let Some(key) = key.filter(|_| stored) {
            self.store_state(store::CHUNKS, key, cx.order.len() - chunk.end, &mut all);
        }
        Ok(all)
    }

    /// `all`, the [`ADDED`] collectors of `blocks` stored blocks, with the
    /// stored collectors `state` put in.
    fn filled(&self, mut all: Collectors, state: State, blocks: usize) -> Result<Collectors> {
        self.stats.blocks_cached.fetch_add(blocks, Relaxed);
        state.fill(&mut all);
        anyhow::ensure!(all.is_complete(), "a collector of the build is missing from the cache's blocks");
        Ok(all)
    }

    /// The key of `block` ([`key::block`]), whose files have keys
    /// `sources`; `None` when one could not be read. Its files' entries are
    /// noted as used, read or not, so they are kept for the next build.
    fn block_key(&self, cx: &Cx, block: &Range<usize>, sources: &[Source]) -> Option<u128> {
        let issues: Option<Vec<(u128, &str)>> =
            sources.iter().zip(block.clone()).map(|(s, at)| Some((s.as_ref().ok()?.0, cx.order[at].key()))).collect();
        let key = key::block(self.maker, block.start, &issues?);
        lock(&self.used).extend(sources.iter().flatten().map(|(source, _)| *source));
        Some(key)
    }

    /// [`Cache::source`], with the text only when it is at most [`KEEP_TEXT`]
    /// bytes: a larger one is read again if it is parsed.
    fn source_kept(&self, entry: &Entry) -> Source {
        self.source(entry).map(|(source, text)| (source, text.filter(|text| text.len() <= KEEP_TEXT)))
    }

    /// The issues of a block (of key `key`, files `sources`), with `true`
    /// when the block is stored: taken from the cache (its stored
    /// collectors, and the [`ADDED`] ones given the issues they need) when
    /// it is unchanged, else each added to every collector (and the block
    /// stored). The pages before `pages_from` are done already. `None` for
    /// a block of more than [`MAX_TEXT`] bytes of text, which the cache
    /// does not keep: its issues are to be added one by one.
    fn block(
        &self,
        cx: &Cx,
        block: Range<usize>,
        sources: &[Source],
        key: Option<u128>,
        pages_from: usize,
        progress: &Progress,
    ) -> Result<Option<(Collectors, bool)>> {
        let len = |at: usize| {
            let entry = &cx.order[at];
            entry.known.map_or_else(|| std::fs::metadata(&entry.path).map_or(0, |m| m.len()), |known| known.len)
        };
        if block.clone().map(len).sum::<u64>() > MAX_TEXT as u64 {
            self.stats.blocks_added.fetch_add(1, Relaxed);
            return Ok(None);
        }
        let mut pages_from = pages_from.max(block.start);
        if let Some(state) = key.and_then(|key| self.state(cx, store::BLOCKS, key)) {
            match self.stored(cx, block.clone(), sources, pages_from, progress)? {
                Ok(all) => return Ok(Some((self.filled(all, state, 1)?, true))),
                Err(at) => pages_from = at,
            }
        }
        self.stats.blocks_added.fetch_add(1, Relaxed);
        let parsed = self.parse_all(cx, block.clone(), sources, pages_from, progress);
        let mut all = Collectors::empty(cx, Kind::ALL);
        for (at, parsed) in parsed {
            // The pages before `pages_from` are written (or kept) already.
            all.pages = (at >= pages_from).then_some(Pages);
            match parsed {
                Ok(issue) => all.add(cx, &issue)?,
                Err(error) => all.failed.push((at, error)),
            }
        }
        all.pages = Some(Pages);
        // Stored when all its issues were valid: they are unless a file changed since its header was read.
        let stored = key.filter(|_| all.failed.is_empty());
        if let Some(key) = stored {
            self.store_state(store::BLOCKS, key, cx.order.len() - block.end, &mut all);
        }
        Ok(Some((all, stored.is_some())))
    }

    /// The stored collectors of `key` (a block's or a chunk's), when they
    /// are sound and their emerging counter can be moved to this build's
    /// horizon (it cannot when counted with a later one).
    fn state(&self, cx: &Cx, folder: &'static str, key: u128) -> Option<State> {
        lock(self.used_in(folder)).insert(key);
        let mut state = self.load_block(folder, key)?;
        state.emerging.move_horizon(cx.horizon).then_some(state)
    }

    /// Stores `all` as the collectors of `key` in `folder`, which `later`
    /// issues follow.
    fn store_state(&self, folder: &'static str, key: u128, later: usize, all: &mut Collectors) {
        if let Some(site) = &mut all.site {
            site.analyse(later);
        }
        self.store_block(folder, key, all);
    }

    /// The keys used in `folder` ([`store::BLOCKS`] or [`store::CHUNKS`]).
    fn used_in(&self, folder: &str) -> &std::sync::Mutex<std::collections::HashSet<u128>> {
        if folder == store::CHUNKS { &self.used_chunks } else { &self.used_blocks }
    }

    /// The [`ADDED`] collectors of a block whose other collectors are
    /// stored: each issue's page is kept when the cache says the one
    /// published holds what it would be rendered from, and an issue is
    /// read (from its entry, mostly) only when its page must be rendered,
    /// the feeds may show it ([`KEPT`]), or its file was read (it is then
    /// checked against its header). `Err(at)` when issue `at` fails: the
    /// block is to be counted again, with the pages before `at` done.
    fn stored(
        &self,
        cx: &Cx,
        range: Range<usize>,
        sources: &[Source],
        pages_from: usize,
        progress: &Progress,
    ) -> Result<Result<Collectors, usize>> {
        let mut all = Collectors::empty(cx, ADDED);
        for (at, source) in range.zip(sources) {
            let Ok((source, text)) = source else { return Ok(Err(at)) };
            let page = at >= pages_from;
            // An issue the feeds may show, or whose file was read, is read whole.
            let unread = at + KEPT < cx.order.len() && text.is_none();
            if unread && (!page || Pages::keep(cx, at, *source)) {
                progress.bar.inc(u64::from(page));
                continue;
            }
            let Ok(parsed) = self.parsed_source(cx, at, *source, text.as_deref()) else { return Ok(Err(at)) };
            // (An unread issue's page was not kept: it is rendered.)
            if page && (unread || !Pages::keep(cx, at, *source)) {
                Pages::write(cx, &parsed)?;
            }
            if let Some(kept) = &mut all.kept {
                kept.add(cx, &parsed)?;
            }
            progress.bar.inc(u64::from(page));
        }
        Ok(Ok(all))
    }

    /// Each issue of `block`, from its entry or parsed; each text is
    /// dropped once read. The issues before `from` were counted in the
    /// progress already.
    fn parse_all(
        &self,
        cx: &Cx,
        block: Range<usize>,
        sources: &[Source],
        from: usize,
        progress: &Progress,
    ) -> Vec<(usize, Result<Parsed, InputError>)> {
        let parsed = block.zip(sources).map(|(at, source)| {
            if progress.verbose {
                progress.bar.suspend(|| eprintln!("reading {}", cx.order[at].path.display()));
            }
            let parsed = match source {
                Ok((source, text)) => self.parsed_source(cx, at, *source, text.as_deref()),
                Err(error) => Err(error.clone()),
            };
            if at >= from {
                progress.bar.inc(1);
            }
            (at, parsed)
        });
        parsed.collect()
    }

    /// The stored collectors of block `key`, when they are sound.
    fn load_block(&self, folder: &str, key: u128) -> Option<State> {
        let bytes = store::read_entry(&self.dir, folder, key)?;
        let state = frame::decode(&bytes, b'B', self.maker)
            .and_then(|body| postcard::from_bytes::<State>(body).map_err(|_| frame::Rejected::Corrupt("damaged")))
            .and_then(|state| {
                if state.key == key { Ok(state) } else { Err(frame::Rejected::Corrupt("the block of other issues")) }
            });
        state.map_err(|why| broke(&self.broken_blocks, why)).ok()
    }

    /// Stores the collectors of block `key` (unless one is missing).
    fn store_block(&self, folder: &str, key: u128, all: &Collectors) {
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
                self.wrote(store::write_entry(&self.dir, folder, key, &bytes));
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
