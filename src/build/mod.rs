//! `trendfeed build`, streamed: memory holds what the outputs keep, not the
//! archive.
//!
//! 1. [`order`]: every file's front matter is read and the issues put in
//!    archive order, each with its key.
//! 2. [`collect`]: one fold over the archive. Each issue is parsed once, on
//!    any core, and added to every collector: its page is written, its
//!    `items.csv` rows made, its topics and terms counted, and which feeds
//!    hold its items noted. Then it is dropped.
//! 3. What the fold could not get right is redone: the pages beside an
//!    issue found invalid late (with `--skip-invalid`), and issues with a
//!    section whose slug a name seen later took (their `items.csv` rows too:
//!    the ids hold the slug). The few issues the feeds show are parsed
//!    again (unless kept) and the feeds built from them ([`feeds::build_feeds`]
//!    on that part of the archive gives the same feeds as on all of it).
//! 4. The trend table, charts, CSV files and home page are written, on
//!    every core at once, and [`Publisher::finish`] puts every file in
//!    place at once: a build that fails (an invalid issue) changes nothing.

mod analyse;
mod cache;
pub mod collect;
pub mod order;

pub use analyse::analyse;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Result, bail};
use rayon::prelude::*;

use self::collect::{Collectors, Cx, Kind, Progress};
use self::order::Order;
use crate::check;
use crate::cli::BuildArgs;
use crate::config::Config;
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::error::{InputError, InvalidInput};
use crate::fs::Publisher;
use crate::model::{Archive, Issue, section_slug, section_slugs};
use crate::output::html::{IssueLink, Site};
use crate::output::{self, csv, feeds};
use crate::trends::{Matcher, emerging};
use crate::{Summary, Verbosity};

/// Reads the archive and writes every output. Writes nothing when an issue
/// is invalid, unless `skip_invalid` is set.
pub fn build(args: &BuildArgs, verbosity: Verbosity) -> Result<Summary> {
    let started = Instant::now();
    let (out, static_dir) = open_out(args)?;
    let (config, files, errors) = analyse::configure(&args.archive, &args.trends.topics)?;
    let (order, tools) = rayon::join(|| Order::read(files, &config), || Tools::new(&config));
    let (mut order, tools) = (order?, tools?);
    let header_failed = std::mem::take(&mut order.failed);
    if verbosity != Verbosity::Quiet {
        diagnostics::eprint_all(&order.warnings);
        if let Some(clashes) = order.clashes.describe() {
            anstream::eprintln!("note: {clashes}");
        }
    }
    let cache = cache::Cache::open(args, &config, &order.reader, verbosity)?;
    let mut steps = Steps::new(args, &config, &order, &tools, &out, cache.as_ref())?;
    let (collected, failed) = steps.fold(verbosity)?;
    let skipped = invalid(errors, header_failed.into_iter().chain(failed), args.skip_invalid, verbosity)?;
    if collected.tally.issues() == 0 {
        bail!("no valid issue in `{}`: nothing to build", args.archive.issues.display());
    }
    let warnings = steps.warning_count(&collected, order.warnings.len());
    let (feeds, emerging) = steps.again(collected.kept, &collected.sections, collected.feeds, collected.emerging)?;
    let issues = collected.tally.issues();
    let trends = collected.tally.finish().smoothed(args.trends.smooth.map(usize::from));
    let (index, chunks) = collected.explore.finish(output::explore::ID_BUDGET);
    output::explore::write_chunks(chunks, &out)?;
    output::explore::write(&index, &config, &out)?;
    let site = collected.site.finish(&order.entries, collected.sections.issues.keys().cloned());
    let feed_files = steps.finish(&trends, &feeds, &emerging, &collected.latest, &site, verbosity)?;
    copy_static(&static_dir, &out)?;
    let published = out.finish()?;
    if let Some(cache) = cache {
        cache.finish(verbosity);
    }
    if verbosity != Verbosity::Quiet {
        eprint_replaced(&published.replaced);
    }
    Ok(Summary {
        issues,
        items: collected.latest.items,
        feeds: feed_files,
        files: published.files,
        skipped,
        warnings,
        out: args.out.clone(),
        local: config.is_local(),
        elapsed: started.elapsed(),
    })
}

/// The output folder, checked (never a folder of the project's or the
/// user's) before anything is read, and the `static/` folder.
fn open_out(args: &BuildArgs) -> Result<(Publisher, PathBuf)> {
    let config_file = args.archive.config.clone().or_else(|| {
        let found = Path::new("trendfeed.toml");
        found.is_file().then(|| found.to_path_buf())
    });
    let static_dir = static_dir(args.archive.config.as_deref());
    crate::fs::check_out_dir(&args.out, &args.archive.issues, config_file.as_deref(), &static_dir)?;
    Ok((Publisher::site(&args.out, args.force)?, static_dir))
}

/// How many invalid files were skipped: an error unless `skip_invalid`.
/// `failed` holds the files with their index in the folder listing.
fn invalid(
    mut errors: Vec<InputError>,
    failed: impl Iterator<Item = (usize, InputError)>,
    skip_invalid: bool,
    verbosity: Verbosity,
) -> Result<usize> {
    let mut failed: Vec<_> = failed.collect();
    failed.sort_by_key(|(file, _)| *file);
    errors.extend(failed.into_iter().map(|(_, e)| e));
    if !errors.is_empty() && !skip_invalid {
        return Err(InvalidInput(errors).into());
    }
    if verbosity != Verbosity::Quiet {
        eprint_skipped(&errors);
    }
    Ok(errors.len())
}

/// The steps after the headers: what they share.
struct Steps<'a> {
    args: &'a BuildArgs,
    cx: Cx<'a>,
    out: &'a Publisher,
    valid: Vec<bool>,
    csv_files: csv::stream::IssueFiles,
}

impl<'a> Steps<'a> {
    fn new(
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
            period: args.period,
        };
        Ok(Steps { args, cx, out, valid: vec![true; entries.len()], csv_files })
    }

    /// 2. One fold over the archive; the files that failed, by index in the listing.
    fn fold(&mut self, verbosity: Verbosity) -> Result<(Collected, Vec<(usize, InputError)>)> {
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
            Ok(())
        };
        collect::fold(&self.cx, Kind::ALL, &mut all, &mut self.valid, settle, &progress)?;
        progress.bar.finish_and_clear();
        let failed = all.failed.drain(..).map(|(at, error)| (self.cx.order[at].file, error)).collect();
        Ok((Collected::from(&mut all)?, failed))
    }

    /// As many warnings as `check` finds, which shows them.
    fn warning_count(&self, collected: &Collected, header_warnings: usize) -> usize {
        let valid = self.cx.order.iter().zip(&self.valid).filter(|(_, valid)| **valid);
        let uses = collected.sections.uses.iter().map(|(name, n)| (name.as_str(), *n));
        header_warnings
            + check::duplicates(valid.map(|(e, _)| (e.number, e.date.date_naive(), &*e.path))).len()
            + collected.latest.warnings
            + check::rare_section_count(uses, collected.tally.issues())
    }

    /// 3. What the fold could not get right, and the issues the feeds show.
    fn again(
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
    fn finish(
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
            IssueLink { key: entry.key(), title: entry.title.to_string(), date: entry.date, items }
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
        let feed_files = output::render_all(&cx, out)?;
        if verbosity != Verbosity::Quiet {
            let mut notes = std::mem::take(&mut *cx.notes.lock().unwrap_or_else(|e| e.into_inner()));
            notes.sort();
            for note in notes {
                eprintln!("note: {note}");
            }
        }
        self.csv_files.done()?.into_iter().for_each(|staged| out.add(staged));
        Ok(feed_files)
    }
}

/// Says which invalid files were skipped.
fn eprint_skipped(errors: &[InputError]) {
    let skipped: Vec<Diagnostic> = errors
        .iter()
        .map(|e| {
            let d = Diagnostic::from(e);
            Diagnostic { severity: Severity::Warning, message: format!("skipped: {}", d.message), ..d }
        })
        .collect();
    diagnostics::eprint_all(&skipped);
}

/// Says which files of the user's `--force` replaced.
fn eprint_replaced(replaced: &[PathBuf]) {
    if replaced.is_empty() {
        return;
    }
    let names: Vec<String> = replaced.iter().map(|p| p.display().to_string()).collect();
    let more = names.len().saturating_sub(5);
    anstream::eprintln!(
        "note: --force: replaced {} files that no manifest listed: {}{}",
        names.len(),
        names[..names.len().min(5)].join(", "),
        if more > 0 { format!(" and {more} more") } else { String::new() }
    );
}

/// The folder copied into `out/` as it is: `static/` beside the
/// configuration file named with `--config`, else in the current folder.
fn static_dir(config: Option<&Path>) -> PathBuf {
    let beside = config.and_then(Path::parent).filter(|p| !p.as_os_str().is_empty());
    beside.unwrap_or(Path::new(".")).join("static")
}

/// Copies every file below `dir` (if it exists) to the same path in `out/`.
/// A file at the path of a generated one is refused, naming both.
fn copy_static(dir: &Path, out: &Publisher) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = entry.map_err(|e| anyhow::anyhow!("failed to list `{}`: {e}", dir.display()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        let relative = path.strip_prefix(dir).unwrap_or(path);
        let parts: Option<Vec<&str>> = relative.components().map(|c| c.as_os_str().to_str()).collect();
        let Some(relative) = parts.filter(|p| !p.iter().any(|p| p.contains('\n'))).map(|p| p.join("/")) else {
            bail!("`{}`: a static file's name must be UTF-8 text on one line", path.display());
        };
        if relative == crate::fs::MANIFEST || out.contains(&relative) {
            return Err(crate::fs::Refused(format!(
                "`{}` has the path of a file the build writes (`{relative}` in the output folder); rename it",
                path.display()
            ))
            .into());
        }
        files.push((relative, path.to_path_buf()));
    }
    files.par_iter().try_for_each(|(relative, path)| -> Result<()> {
        out.add(out.stager().copy(relative, path)?);
        Ok(())
    })
}

/// What parses, renders and counts an issue, made once.
struct Tools<'a> {
    site: Site<'a>,
    matcher: Matcher,
    scanner: emerging::Scanner,
}

impl<'a> Tools<'a> {
    fn new(config: &'a Config) -> Result<Tools<'a>> {
        let ((site, matcher), scanner) =
            rayon::join(|| (Site::new(config), Matcher::new(&config.topics)), || emerging::Scanner::new(config));
        Ok(Tools { site: site?, matcher: matcher?, scanner })
    }
}

/// Every collector of a build, taken out of [`Collectors`].
struct Collected {
    kept: collect::Kept,
    tally: crate::trends::Tally,
    emerging: emerging::Counter,
    feeds: collect::FeedIssues,
    sections: collect::Sections,
    latest: collect::Latest,
    explore: crate::trends::index::TermIndex,
    site: collect::SiteData,
}

impl Collected {
    /// Takes every collector out of `all`, which `build` filled.
    fn from(all: &mut Collectors) -> Result<Collected> {
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

/// Issues read again after the fold, with the archive's section slugs.
struct Again<'a> {
    cx: &'a Cx<'a>,
    kept: collect::Kept,
    slugs: BTreeMap<String, String>,
}

impl Again<'_> {
    /// Issue `at` again (parsed again unless kept), with the archive's
    /// section slugs.
    fn issue(&self, at: usize) -> Result<Issue> {
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
    fn emerging(&self, counter: emerging::Counter, options: emerging::Options) -> Result<emerging::Emerging> {
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
fn pages_to_redo(valid: &[bool], sections: &collect::Sections, slugs: &BTreeMap<String, String>) -> Vec<usize> {
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

#[cfg(test)]
mod tests;
