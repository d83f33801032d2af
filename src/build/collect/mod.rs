//! Step 2 of a build: one fold over the archive. The issues are parsed
//! once each, a chunk at a time on every core; each parsed issue is added
//! to every collector of the command, and the collectors of a chunk's
//! parts are merged in archive order into the command's.
//!
//! A collector is what one output needs of every issue ([`Collect`]): it
//! starts empty, adds issues in archive order, and takes in a collector of
//! later issues ([`Collect::merge`]). A new output is a new file here and
//! one line of `collectors!`.

mod emerging;
mod explore;
mod feeds;
mod pages;
mod rows;
pub mod sections;
mod site;
mod summary;
mod tally;

use anyhow::Result;
use chrono::NaiveDate;
use rayon::prelude::*;

pub use feeds::FeedIssues;
pub use pages::{KEPT, Kept, Pages, page};
pub use rows::Rows;
pub use sections::Sections;
pub use site::SiteData;
pub use summary::Latest;

use super::order::Entry;
use crate::config::Config;
use crate::error::InputError;
use crate::fs::Publisher;
use crate::input::Reader;
use crate::model::{Issue, section_slug};
use crate::output::feeds::ItemFeeds;
use crate::output::html::Site;
use crate::trends::{Counts, Matcher, Period, count_issue_items};

/// Issues parsed at once (on every core) before their collectors are
/// merged: what a chunk's parsed issues, rows and parts' collectors take
/// comes and goes with each chunk (256 rather than 512: 6 MiB less at the
/// peak of 10,000 issues, and no slower).
pub const CHUNK: usize = 256;

/// What adding an issue may use: the tools made once, and the archive's order.
pub struct Cx<'a> {
    pub config: &'a Config,
    pub reader: &'a Reader<'a>,
    pub order: &'a [Entry],
    /// Whether each issue of `order` parsed (so far; not yet parsed: true).
    pub valid: &'a [bool],
    pub site: &'a Site<'a>,
    pub matcher: &'a Matcher,
    pub scanner: &'a crate::trends::emerging::Scanner,
    pub out: Option<&'a Publisher>,
    /// The build's cache of parsed issues and rendered pages, if any.
    pub cache: Option<&'a super::cache::Cache>,
    /// The first month whose items per term the emerging counters keep.
    pub horizon: NaiveDate,
    pub period: Period,
}

/// An issue as every collector gets it: parsed, keyed, counted once.
pub struct Parsed {
    /// Its index in the archive's order.
    pub at: usize,
    pub issue: Issue,
    /// Its topic counts ([`crate::trends::count_issue`]).
    pub counts: Counts,
    /// Which feeds each of its items goes in ([`ItemFeeds`]).
    pub feeds: ItemFeeds,
    /// The key of its file in the build's cache (0 without a cache).
    pub source: u128,
}

/// What one output needs of every issue.
pub trait Collect: Sized + Send {
    /// A collector of no issue.
    fn empty(cx: &Cx) -> Self;
    /// Adds an issue, later in the archive than every issue added before.
    fn add(&mut self, cx: &Cx, issue: &Parsed) -> Result<()>;
    /// Takes in `later`, a collector of issues after every issue of `self`.
    fn merge(&mut self, later: Self);
}

/// Declares the collectors: a [`Kind`] per collector, and [`Collectors`],
/// the ones a command asked for.
macro_rules! collectors {
    ($($(#[$doc:meta])* $kind:ident => $field:ident: $ty:ty,)*) => {
        /// A collector a command can ask for.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Kind {
            $($(#[$doc])* $kind,)*
        }

        impl Kind {
            /// Every collector: what `build` asks for.
            pub const ALL: &[Kind] = &[$(Kind::$kind,)*];
        }

        /// The collectors a command asked for, and the files that failed to parse.
        pub struct Collectors {
            $(pub $field: Option<$ty>,)*
            /// Issues that failed to parse, by index in the archive's order.
            pub failed: Vec<(usize, InputError)>,
        }

        impl Collectors {
            pub fn empty(cx: &Cx, kinds: &[Kind]) -> Collectors {
                Collectors {
                    $($field: kinds.contains(&Kind::$kind).then(|| <$ty as Collect>::empty(cx)),)*
                    failed: Vec::new(),
                }
            }

            /// Adds an issue to every collector there is.
            pub fn add(&mut self, cx: &Cx, issue: &Parsed) -> Result<()> {
                $(if let Some(collector) = &mut self.$field {
                    Collect::add(collector, cx, issue)?;
                })*
                Ok(())
            }

            /// Whether every collector is there.
            pub fn is_complete(&self) -> bool {
                $(self.$field.is_some() &&)* true
            }

            fn merge(&mut self, later: Collectors) {
                $(if let (Some(collector), Some(later)) = (&mut self.$field, later.$field) {
                    Collect::merge(collector, later);
                })*
                self.failed.extend(later.failed);
            }
        }
    };
}

collectors! {
    /// Writes each issue's page (`issues/<key>.html`).
    Pages => pages: Pages,
    /// The newest issues, kept whole for the feeds.
    Kept => kept: Kept,
    /// Rows of `items.csv` and `trends/by-issue.csv`.
    Rows => rows: Rows,
    /// Topic counts per period and per year.
    Tally => tally: crate::trends::Tally,
    /// Terms per month, for the emerging analysis.
    Emerging => emerging: crate::trends::emerging::Counter,
    /// Which issues hold each feed's newest entries.
    Feeds => feeds: FeedIssues,
    /// Section names: where each is used.
    Sections => sections: Sections,
    /// Items, warnings and the newest issues, for the home page and the summary.
    Latest => latest: Latest,
    /// Terms and phrases with their items, for the explore page.
    Explore => explore: crate::trends::index::TermIndex,
    /// Issues, sections' newest items and the search index's items, for the site's pages.
    Site => site: SiteData,
}

/// Parses every issue of `cx.order` once, a chunk at a time, into `total`.
/// `valid` marks the issues that failed; `settle` runs after each chunk
/// (to write out what `total` holds in order). With the build's cache (and
/// every collector asked for), a chunk goes by the cache's blocks, whose
/// collectors it keeps.
pub fn fold(
    cx: &Cx,
    kinds: &[Kind],
    total: &mut Collectors,
    valid: &mut [bool],
    mut settle: impl FnMut(&mut Collectors) -> Result<()>,
    progress: &Progress,
) -> Result<()> {
    for start in (0..cx.order.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(cx.order.len());
        let cx = Cx { valid: &*valid, ..*cx };
        let chunk = match cx.cache {
            // The cache keeps the collectors of every block: a command asking for some has none to keep.
            Some(cache) if kinds == Kind::ALL => cache.chunk(&cx, start..end, progress)?,
            _ => added(&cx, kinds, start..end, progress)?,
        };
        for (at, _) in &chunk.failed {
            valid[*at] = false;
        }
        total.merge(chunk);
        settle(total)?;
    }
    Ok(())
}

/// The collectors of `kinds` with the issues `range` of the order added,
/// parsed on every core.
pub fn added(cx: &Cx, kinds: &[Kind], range: std::ops::Range<usize>, progress: &Progress) -> Result<Collectors> {
    let empty = || Collectors::empty(cx, kinds);
    range
        .into_par_iter()
        .with_min_len(min_len())
        .try_fold(empty, |mut collectors, at| -> Result<Collectors> {
            if progress.verbose {
                progress.bar.suspend(|| eprintln!("reading {}", cx.order[at].path.display()));
            }
            match parse(cx, at) {
                Ok(issue) => collectors.add(cx, &issue)?,
                Err(error) => collectors.failed.push((at, error)),
            }
            progress.bar.inc(1);
            Ok(collectors)
        })
        .try_reduce(empty, merged)
}

/// Fewest issues a part of a chunk adds to its own collectors: four parts
/// per core. Each part starts empty collectors (maps of words and terms
/// built anew) and is merged into the others: parts of a few issues, as
/// rayon would split a chunk, spend more on that than on their issues.
fn min_len() -> usize {
    (CHUNK / (4 * rayon::current_num_threads())).max(1)
}

/// `a` with the later issues of `b` merged in, as the folds reduce.
pub fn merged(mut a: Collectors, b: Collectors) -> Result<Collectors> {
    a.merge(b);
    Ok(a)
}

/// What a command shows while it reads: a bar on large archives in a
/// terminal, or each file's name.
pub struct Progress {
    pub bar: indicatif::ProgressBar,
    pub verbose: bool,
}

impl Progress {
    pub fn new(issues: usize, verbosity: crate::Verbosity) -> Progress {
        // indicatif draws nothing when standard error is not a terminal (pipes, CI logs).
        let bar = if verbosity != crate::Verbosity::Quiet && issues > crate::input::PROGRESS_FROM {
            indicatif::ProgressBar::new(issues as u64)
        } else {
            indicatif::ProgressBar::hidden()
        };
        Progress { bar, verbose: verbosity == crate::Verbosity::Verbose }
    }
}

/// Parses issue `at` of the order (or reads it from the cache), keyed and counted.
fn parse(cx: &Cx, at: usize) -> Result<Parsed, InputError> {
    if let Some(cache) = cx.cache {
        return cache.parsed(cx, at);
    }
    let entry = &cx.order[at];
    let issue = cx.reader.parse(&entry.path)?.ok_or_else(|| entry.changed())?;
    made(cx, at, issue, 0)
}

/// Issue `at` of the order, just parsed, keyed and counted.
pub fn made(cx: &Cx, at: usize, issue: Issue, source: u128) -> Result<Parsed, InputError> {
    let issue = keyed(issue, &cx.order[at])?;
    let (counts, topics) = count_issue_items(&issue, cx.matcher, cx.config);
    let feeds = ItemFeeds { topics };
    Ok(Parsed { at, issue, counts, feeds, source })
}

/// The issue with its key, and each section's own slug (until the
/// archive's names are all known), if it is still what its header said.
pub fn keyed(mut issue: Issue, entry: &Entry) -> Result<Issue, InputError> {
    if (issue.number, issue.title.as_str(), issue.date) != (entry.number, entry.title(), entry.date) {
        return Err(entry.changed());
    }
    issue.key = entry.key().to_owned();
    for section in &mut issue.sections {
        section.slug = section_slug(&section.canonical);
    }
    Ok(issue)
}

#[cfg(test)]
mod tests;
