//! The term index of the explore page: for every word and two-word phrase
//! found in at least [`MIN_ITEMS`] counted items, the ids of those items, so
//! that the page can draw any of them per month, quarter or year and list
//! the items behind a point.
//!
//! Items are counted as `trendfeed trends --topic TERM` counts them: the
//! counted items of [`super::text::counted_items`], and a term found in an
//! item when [`super::Matcher`] would find it (whole words, case folded,
//! with a trailing `s`; the words of a phrase across one space, line break
//! or hyphen, [`tokens`]). Each key gets the items of every word it
//! matches: `docker` gets those holding `docker` or `dockers`, so a key's
//! items are the answer to the query, with no union to make later.
//!
//! The index is built one issue at a time ([`TermIndex::add`], on any
//! thread) and the issues merged in archive order ([`TermIndex::merge`]);
//! the build's cache stores the index of each block of issues as it is
//! (serde) and a rebuild merges it instead of adding the issues again;
//! the counted texts are cut into chunks ([`TermIndex::take_chunks`]) for
//! the phrases the index lacks. Left out: stop words, and phrases holding
//! one (the page answers them from the texts), and anything that is not one
//! or two words of word characters (`node.js`, `c++`).
//!
//! Memory stays bounded on any archive: past [`MAX_TERMS`] keys, the keys in
//! fewest items are dropped and never taken again (a Bloom filter remembers
//! them; the page answers them from the texts, exactly); past
//! [`MAX_ID_BYTES`] of ids, the terms with most ids keep counts per month
//! instead (the page then finds their items in the texts of the period);
//! past [`MAX_MONTH_COUNTS`] counts per month (an archive of many years),
//! the keys with counts in fewest items are dropped as the rarest are.

mod bloom;
mod bounds;
mod keys;
mod postings;
pub mod tokens;
mod view;

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::model::Issue;
use bloom::Bloom;
use keys::Scratch;
pub use keys::is_left_out;
pub use postings::{DIGITS, MonthCounts, Postings};
use postings::{encode, first_number, reserve};

/// A key in fewer counted items is left out of the index.
pub const MIN_ITEMS: u32 = 3;
/// Keys kept while the archive is read, at most: about 100 bytes each.
pub const MAX_TERMS: usize = 400_000;
/// Bytes of encoded ids kept while the archive is read, at most: twice
/// what the page keeps (4 MiB, `output::explore::ID_BUDGET`), so that the
/// keys it keeps are chosen among the largest of the whole archive, not of
/// its last months. Past it, the largest keys turn to counts until half is
/// left, so the ids held saw-tooth between 4 and 8 MiB on a large archive
/// (at 100,000 issues, 16 MiB held 3 MiB more at the peak and chose 11 of
/// the 3,686 keys the page lists with ids otherwise).
pub const MAX_ID_BYTES: usize = 8 << 20;
/// Counts per month (8 bytes each) kept while the archive is read, at most.
pub const MAX_MONTH_COUNTS: usize = 4 << 20;
/// Text chunks end at an issue once they hold this many bytes (or at a new year).
const CHUNK_BYTES: usize = 1 << 20;

/// An issue as the index lists it: its key and title are those of its
/// place in the archive order (`at`), not copied, as 100,000 issues' would
/// add up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedIssue {
    /// Its index in the archive order.
    pub at: u32,
    pub date: NaiveDate,
    /// The id of its first counted item: ids run on across the archive.
    pub first: u32,
    /// Its counted items.
    pub items: u32,
}

/// A month as one number: consecutive months have consecutive numbers.
pub fn month_number(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

/// The counted texts of a run of issues, for the page to search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextChunk {
    /// Its number: the file is `explore/text-<number>.js`.
    pub number: usize,
    /// The id of its first item.
    pub first: u32,
    /// One JSON array per item, `[section slug, title, url, counted text…]`,
    /// each followed by a comma.
    pub rows: String,
}

/// The term index, built issue by issue. It is stored as it is (the
/// build's cache keeps one per block of issues): everything but the
/// buffers reused from item to item.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct TermIndex {
    issues: Vec<IndexedIssue>,
    /// Counted items so far: the next item's id.
    items: u32,
    terms: FxHashMap<Box<str>, Postings>,
    id_bytes: usize,
    /// Keys dropped to bound memory, never taken again.
    dropped: Bloom,
    /// Each issue's text rows, with its year and items, not yet put in a
    /// chunk: chunks are cut in archive order by [`TermIndex::take_chunks`]
    /// alone, so where the fold cut the archive does not matter.
    pending: Vec<(i32, u32, String)>,
    /// Items put in chunks so far.
    chunked: u32,
    /// The chunk being filled (its rows), and the year of its last issue.
    rows: String,
    rows_first: u32,
    rows_year: Option<i32>,
    /// Chunks filled and not yet taken; chunks made so far.
    full: Vec<TextChunk>,
    chunks: Vec<u32>,
    /// Buffers reused from item to item.
    #[serde(skip)]
    scratch: Scratch,
}

/// What [`TermIndex::finish`] gives the explore page.
#[derive(Debug, Clone)]
pub struct ExploreIndex {
    pub issues: Vec<IndexedIssue>,
    pub items: u32,
    /// The first item id of each text chunk, by number.
    pub chunks: Vec<u32>,
    /// Keys in [`MIN_ITEMS`] items or more: the map the index was built
    /// in, not a sorted copy, which would double what the largest part of
    /// the index takes ([`ExploreIndex::sorted`]).
    pub terms: FxHashMap<Box<str>, Postings>,
    pub min_items: u32,
}

impl ExploreIndex {
    /// The keys with their items, sorted by key.
    pub fn sorted(&self) -> Vec<(&str, &Postings)> {
        let mut terms: Vec<(&str, &Postings)> = self.terms.iter().map(|(k, p)| (&**k, p)).collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
        terms
    }
}

/// The month of each issue's first item, to find the month of an item.
struct MonthTable(Vec<(u32, i32)>);

fn month_table(issues: &[IndexedIssue]) -> MonthTable {
    MonthTable(issues.iter().map(|i| (i.first, month_number(i.date))).collect())
}

impl MonthTable {
    fn of(&self, id: u32) -> i32 {
        let at = self.0.partition_point(|&(first, _)| first <= id).saturating_sub(1);
        self.0.get(at).map_or(0, |&(_, month)| month)
    }
}

impl TermIndex {
    pub fn new() -> TermIndex {
        TermIndex::default()
    }

    /// Adds the next issue of the archive, issue `at` of the order: its
    /// counted items, their keys and texts.
    pub fn add(&mut self, issue: &Issue, at: usize, config: &Config) {
        let date = issue.date.date_naive();
        let month = month_number(date);
        let first = self.items;
        let intro =
            (config.count_intro && !issue.intro_text.trim().is_empty()).then(|| ("", Cow::from(&issue.title), ""));
        let shown = intro.into_iter().chain(
            issue
                .sections
                .iter()
                .filter(|s| config.counts_section(&s.canonical))
                .flat_map(|s| s.items.iter().map(|item| (s.slug.as_str(), item.title(), item.url().unwrap_or("")))),
        );
        let mut rows = String::new();
        let mut scratch = std::mem::take(&mut self.scratch);
        for ((slug, title, url), texts) in shown.zip(super::text::counted_items(issue, config)) {
            let id = self.items;
            self.items += 1;
            scratch.months_posted.clear();
            for text in &texts {
                scratch.keys(text, |key, months_posted| self.post_once(key, id, month, months_posted));
            }
            let row: Vec<&str> = [slug, &*title, url].into_iter().chain(texts.iter().map(|t| &**t)).collect();
            rows.push_str(&serde_json::to_string(&row).unwrap_or_default());
            rows.push_str(",\n");
        }
        self.scratch = scratch;
        self.pending.push((date.year(), self.items - first, rows));
        self.issues.push(IndexedIssue {
            at: u32::try_from(at).unwrap_or(u32::MAX),
            date,
            first,
            items: self.items - first,
        });
    }

    /// Posts item `id` for `key` unless it was posted already: an item's
    /// ids are posted in turn, so a key's ids end with it then (its counts
    /// per month, when kept, are told by `months_posted`).
    fn post_once(&mut self, key: &str, id: u32, month: i32, months_posted: &mut FxHashSet<Box<str>>) {
        match self.terms.get_mut(key) {
            Some(Postings::Ids { next, .. }) if *next == id + 1 => {}
            Some(Postings::Months { .. }) if !months_posted.insert(key.into()) => {}
            Some(postings) => {
                let before = postings.id_bytes();
                postings.push(id, month);
                self.id_bytes += postings.id_bytes() - before;
            }
            None if self.dropped.contains(key) => {}
            None => {
                let mut postings = Postings::Ids { next: 0, count: 0, bytes: Vec::new() };
                postings.push(id, month);
                self.id_bytes += postings.id_bytes();
                self.terms.insert(key.into(), postings);
            }
        }
    }

    fn post(&mut self, key: &str, id: u32, month: i32) {
        if let Some(postings) = self.terms.get_mut(key) {
            let before = postings.id_bytes();
            postings.push(id, month);
            self.id_bytes += postings.id_bytes() - before;
        } else if !self.dropped.contains(key) {
            let mut postings = Postings::Ids { next: 0, count: 0, bytes: Vec::new() };
            postings.push(id, month);
            self.id_bytes += postings.id_bytes();
            self.terms.insert(key.into(), postings);
        }
    }

    /// Adds the issues of `later`, which follow every issue added so far.
    pub fn merge(&mut self, later: TermIndex) {
        let offset = self.items;
        let months = month_table(&later.issues);
        // The month table of the issues so far, made once, when a key needs it.
        let mut mine: Option<MonthTable> = None;
        for (key, postings) in later.terms {
            match postings {
                Postings::Ids { .. } => self.append_ids(&key, postings, offset, &months),
                Postings::Months { .. } => {
                    if matches!(self.terms.get(&*key), Some(Postings::Ids { .. })) {
                        let mine = mine.get_or_insert_with(|| month_table(&self.issues));
                        self.key_to_months(&key, mine);
                    }
                    if !self.terms.contains_key(&key) && !self.dropped.contains(&key) {
                        self.terms.insert(key.clone(), Postings::Months { count: 0, months: MonthCounts::default() });
                    }
                    let Postings::Months { months, .. } = postings else { continue };
                    for (month, n) in months.iter() {
                        // Counts only: any id does.
                        (0..n).for_each(|_| self.post(&key, 0, month));
                    }
                }
            }
        }
        // `later` was never chunked: only the fold's total is.
        self.pending.extend(later.pending);
        self.issues.extend(later.issues.into_iter().map(|i| IndexedIssue { first: i.first + offset, ..i }));
        self.items += later.items;
    }

    /// Posts the ids of `later` (of a later index: `offset` added; their
    /// months in `months`) for `key`, as posting each in turn would: the
    /// first id's gap is written anew, the other gaps are copied.
    fn append_ids(&mut self, key: &str, later: Postings, offset: u32, months: &MonthTable) {
        let Postings::Ids { next: later_next, count, bytes } = later else { return };
        if count == 0 {
            return;
        }
        let postings = match self.terms.get_mut(key) {
            Some(postings) => postings,
            None if self.dropped.contains(key) => return,
            None => self.terms.entry(key.into()).or_insert(Postings::Ids { next: 0, count: 0, bytes: Vec::new() }),
        };
        match postings {
            Postings::Ids { next, count: mine, bytes: mine_bytes } => {
                let (first, rest) = first_number(&bytes);
                let before = mine_bytes.len();
                reserve(mine_bytes, 7 + rest.len());
                encode(first + offset - *next, mine_bytes);
                mine_bytes.extend_from_slice(rest);
                *next = later_next + offset;
                *mine += count;
                self.id_bytes += mine_bytes.len() - before;
            }
            Postings::Months { .. } => {
                let later = Postings::Ids { next: later_next, count, bytes };
                for id in later.ids().unwrap_or_default() {
                    postings.push(id + offset, months.of(id));
                }
            }
        }
    }

    fn close_chunk(&mut self) {
        if self.rows.is_empty() {
            return;
        }
        let number = self.chunks.len();
        self.chunks.push(self.rows_first);
        self.full.push(TextChunk { number, first: self.rows_first, rows: std::mem::take(&mut self.rows) });
        self.rows_first = self.chunked;
    }

    /// The text chunks filled since the last call, to write. A chunk ends
    /// where the year changes, or after the issue that fills it past
    /// `CHUNK_BYTES` (1 MiB).
    /// Memory is bounded here too (`bound`): the fold calls
    /// this on its total after every chunk of issues, so what is dropped
    /// depends on the archive alone.
    pub fn take_chunks(&mut self) -> Vec<TextChunk> {
        self.bound();
        for (year, items, rows) in std::mem::take(&mut self.pending) {
            if self.rows_year.is_some_and(|y| y != year) || self.rows.len() >= CHUNK_BYTES {
                self.close_chunk();
            }
            self.rows_year = Some(year);
            self.rows.push_str(&rows);
            self.chunked += items;
        }
        std::mem::take(&mut self.full)
    }

    /// The index of the keys in [`MIN_ITEMS`] items or more, and the last
    /// text chunk (to write with [`TermIndex::take_chunks`] first).
    pub fn finish(mut self, id_budget: usize, month_budget: usize) -> (ExploreIndex, Vec<TextChunk>) {
        let mut chunks = self.take_chunks();
        self.close_chunk();
        chunks.append(&mut self.full);
        self.full = chunks;
        self.counts_for_largest(id_budget);
        self.drop_counts_beyond(month_budget);
        self.terms.retain(|_, p| p.count() >= MIN_ITEMS);
        let index = ExploreIndex {
            issues: self.issues,
            items: self.items,
            chunks: self.chunks,
            terms: self.terms,
            min_items: MIN_ITEMS,
        };
        (index, self.full)
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
