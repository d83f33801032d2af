//! Steps 2 to 4 of a build, after the headers: the fold, what it could
//! not get right, and the outputs that need every issue.

use std::collections::BTreeMap;
use std::sync::Mutex;

use anyhow::Result;
use rayon::prelude::*;

use super::Tools;
use super::again::{Again, pages_to_redo};
use super::cache;
use super::collect::{self, Collectors, Cx, Kind, Progress};
use super::order::Order;
use crate::Verbosity;
use crate::check;
use crate::cli::BuildArgs;
use crate::config::Config;
use crate::error::InputError;
use crate::fs::Publisher;
use crate::model::{Archive, section_slugs};
use crate::output::html::IssueLink;
use crate::output::site::search;
use crate::output::{self, csv, feeds};
use crate::trends::emerging;

/// The steps after the headers: what they share.
pub(super) struct Steps<'a> {
    args: &'a BuildArgs,
    cx: Cx<'a>,
    out: &'a Publisher,
    valid: Vec<bool>,
    csv_files: csv::stream::IssueFiles,
}

impl<'a> Steps<'a> {
    pub(super) fn new(
        args: &'a BuildArgs,
        config: &'a Config,
        order: &'a Order<'a>,
        tools: &'a Tools<'a>,
        out: &'a Publisher,
        cache: Option<&'a cache::Cache>,
    ) -> Result<Steps<'a>> {
        let entries = &order.entries;
        // Every issue's page, and room for the feeds, charts and other files.
        out.reserve(entries.len() + 256);
        let topics: Vec<String> = config.topics.iter().map(|t| t.name.clone()).collect();
        let csv_files = csv::stream::IssueFiles::create(out.stager(), &topics)?;
        let dates = entries.iter().map(|e| (e.date.date_naive(), 1));
        // The emerging analysis's months if every issue is valid.
        let horizon = emerging::window::choose(dates, args.emerging.options().recent_months).history_start();
        let cx = Cx {
            config,
            reader: &order.reader,
            order: entries,
            valid: &[],
            site: &tools.site,
            matcher: &tools.matcher,
            scanner: &tools.scanner,
            out: Some(out),
            cache,
            horizon,
            period: args.trends.period,
        };
        Ok(Steps { args, cx, out, valid: vec![true; entries.len()], csv_files })
    }

    /// 2. One fold over the archive; the files that failed, by index in the listing.
    pub(super) fn fold(&mut self, verbosity: Verbosity) -> Result<(Collected, Vec<(usize, InputError)>)> {
        let mut all = Collectors::empty(&self.cx, Kind::ALL);
        let progress = Progress::new(self.cx.order.len(), verbosity);
        let csv_files = &mut self.csv_files;
        let out = self.out;
        let settle = |all: &mut Collectors| -> Result<()> {
            if let Some(rows) = &mut all.rows {
                rows.write_to(csv_files)?;
            }
            if let Some(index) = &mut all.explore {
                output::explore::write_chunks(index.take_chunks(), out)?;
            }
            super::memory::release();
            Ok(())
        };
        collect::fold(&self.cx, Kind::ALL, &mut all, &mut self.valid, settle, &progress)?;
        progress.bar.finish_and_clear();
        let failed = all.failed.drain(..).map(|(at, error)| (self.cx.order[at].file, error)).collect();
        Ok((Collected::from(&mut all)?, failed))
    }

    /// As many warnings as `check` finds, which shows them.
    pub(super) fn warning_count(&self, collected: &Collected, header_warnings: usize) -> usize {
        let valid = self.cx.order.iter().zip(&self.valid).filter(|(_, valid)| **valid);
        let uses = collected.sections.uses.iter().map(|(name, n)| (name.as_str(), *n));
        header_warnings
            + check::duplicates(valid.map(|(e, _)| (e.number, e.date.date_naive(), &*e.path))).len()
            + collected.latest.warnings
            + check::rare_section_count(uses, collected.tally.issues())
    }

    /// 3. What the fold could not get right, and the issues the feeds show.
    pub(super) fn again(
        &mut self,
        kept: collect::Kept,
        sections: &collect::Sections,
        feed_issues: collect::FeedIssues,
        counter: emerging::Counter,
    ) -> Result<(Vec<feeds::Feed>, emerging::Emerging)> {
        let cx = Cx { valid: &self.valid, ..self.cx };
        let slugs = section_slugs(sections.issues.keys().map(String::as_str));
        let again = Again { cx: &cx, kept, slugs };
        let renamed = pages_to_redo(&self.valid, sections, &again.slugs)
            .par_iter()
            .map(|&at| -> Result<_> {
                let issue = again.issue(at)?;
                let relative = feeds::issue_page(&issue);
                if let Some(cache) = cx.cache {
                    cache.forget(&relative);
                }
                self.out.write(&relative, collect::page(&cx, at, &issue)?.as_bytes())?;
                Ok(csv::stream::renamed_items(&issue, cx.config)?.map(|rows| (at, rows)))
            })
            .collect::<Result<Vec<_>>>()?;
        // Written after the fold's rows, so they replace them.
        self.csv_files.replace_items(self.out.stager(), &renamed.into_iter().flatten().collect())?;
        let shown = feed_issues.issues();
        let archive = Archive { issues: shown.par_iter().map(|&at| again.issue(at)).collect::<Result<_>>()? };
        let feeds = feeds::build_feeds_with(&archive, cx.config, cx.matcher);
        drop(archive);
        Ok((feeds, again.emerging(counter, self.args.emerging.options())?))
    }

    /// 4. The outputs that need every issue; how many feed files they wrote.
    pub(super) fn finish(
        self,
        trends: &crate::trends::Trends,
        feeds: &[feeds::Feed],
        emerging: &emerging::Emerging,
        latest: &collect::Latest,
        site: &output::site::SiteArchive,
        verbosity: Verbosity,
    ) -> Result<usize> {
        let link = |&(at, items): &(usize, usize)| {
            let entry = &self.cx.order[at];
            IssueLink { key: entry.key().to_owned(), title: entry.title().to_owned(), date: entry.date, items }
        };
        let newest: Vec<IssueLink> = latest.newest.iter().map(link).collect();
        let chart_formats = crate::chart_formats(self.args.png);
        let cx = output::Context {
            trends,
            feeds,
            config: self.cx.config,
            emerging,
            chart_formats: &chart_formats,
            latest: &newest,
            total_issues: latest.issues,
            notes: &Mutex::new(Vec::new()),
            site,
            shown: &Mutex::new(BTreeMap::new()),
        };
        let out = self.out;
        let (feed_files, index) =
            rayon::join(|| output::render_all(&cx, out), || search_index(self.cx.cache, out, site));
        let (feed_files, ()) = (feed_files?, index?);
        if verbosity != Verbosity::Quiet {
            let mut notes = std::mem::take(&mut *cx.notes.lock().unwrap_or_else(|e| e.into_inner()));
            notes.sort();
            for note in notes {
                eprintln!("note: {note}");
            }
        }
        self.csv_files.done()?.into_iter().try_for_each(|staged| out.add(staged))?;
        Ok(feed_files)
    }
}

/// `search/index.js`: kept as published when the last build wrote it from
/// the same items and issues, else written.
fn search_index(cache: Option<&cache::Cache>, out: &Publisher, site: &output::site::SiteArchive) -> Result<()> {
    let make = || Ok(search::index_js(site)?.into_bytes());
    match cache {
        Some(cache) => cache.keep_or_write(out, search::INDEX, search::inputs(site), make),
        None => out.write(search::INDEX, &make()?),
    }
}

/// Every collector of a build, taken out of [`Collectors`].
pub(super) struct Collected {
    pub(super) kept: collect::Kept,
    pub(super) tally: crate::trends::Tally,
    pub(super) emerging: emerging::Counter,
    pub(super) feeds: collect::FeedIssues,
    pub(super) sections: collect::Sections,
    pub(super) latest: collect::Latest,
    pub(super) explore: crate::trends::index::TermIndex,
    pub(super) site: collect::SiteData,
}

impl Collected {
    /// Takes every collector out of `all`, which `build` filled.
    pub(super) fn from(all: &mut Collectors) -> Result<Collected> {
        let missing = || anyhow::anyhow!("a collector of the build is missing");
        Ok(Collected {
            kept: all.kept.take().ok_or_else(missing)?,
            tally: all.tally.take().ok_or_else(missing)?,
            emerging: all.emerging.take().ok_or_else(missing)?,
            feeds: all.feeds.take().ok_or_else(missing)?,
            sections: all.sections.take().ok_or_else(missing)?,
            latest: all.latest.take().ok_or_else(missing)?,
            explore: all.explore.take().ok_or_else(missing)?,
            site: all.site.take().ok_or_else(missing)?,
        })
    }
}
