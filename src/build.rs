//! `trendfeed build`, streamed: memory holds what the outputs keep, not the
//! archive.
//!
//! 1. Every file's front matter is read ([`Reader::scan`]; the bodies of a
//!    sample tell the archive's structure) and the issues are put in archive
//!    order (date, number, path).
//! 2. The issues are parsed a chunk at a time on every core. Each issue is
//!    rendered into its page (its neighbours' keys and titles are known from
//!    step 1) and its `items.csv` rows, counted for the trends and the
//!    emerging terms, then dropped. Its row of `trends/by-issue.csv` is
//!    written and its counts added to its period's and its year's. What
//!    stays per issue is its header and path (for links and second reads),
//!    and, per feed, which issues hold its newest entries.
//! 3. The few issues that the feeds show are parsed again (unless among
//!    the newest 64, kept from step 2) and the feeds built from them
//!    ([`feeds::build_feeds`] on that part of the archive gives the same
//!    feeds as on all of it). So are the pages that step 2 could not get
//!    right: the neighbours of an issue found invalid late (with
//!    `--skip-invalid`), and issues with a section whose slug is taken by a
//!    name seen later (their `items.csv` rows too: the ids hold the slug).
//! 4. The trend table, charts, CSV files and home page are written, on
//!    every core at once, and [`Publisher::finish`] puts every file in
//!    place at once: a build that fails (an invalid issue) changes nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate};
use rayon::prelude::*;

use crate::check;
use crate::cli::BuildArgs;
use crate::config::Config;
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::error::{ErrorKind, InputError, InvalidInput, Spot};
use crate::fs::Publisher;
use crate::input::{Header, Reader, structure};
use crate::model::{Archive, Issue, archive_order, section_slug, section_slugs, unique_keys};
use crate::output::charts::emerging::shown_months;
use crate::output::html::{IssueLink, LATEST_ISSUES, Site};
use crate::output::{self, csv, feeds};
use crate::trends::index::TermIndex; // explore
use crate::trends::{Counts, Matcher, Tally, count_issue, emerging};
use crate::{Summary, Verbosity};

/// Issues parsed at once (on every core) before their results are kept.
const CHUNK: usize = 512;

/// The newest issues are kept once parsed, for the feeds, which mostly
/// show them: parsing them again would double the work of a small archive.
const KEPT: usize = 64;

/// An issue file in archive order: its front matter's [`Header`], boxed.
struct Entry {
    /// The issue's key, unique in the archive ([`unique_keys`]).
    key: Box<str>,
    number: Option<u32>,
    date: DateTime<FixedOffset>,
    title: Box<str>,
    path: Box<Path>,
    /// Index of the file in the folder listing: errors are reported in that order.
    file: usize,
}

impl Entry {
    fn new(header: Header, path: PathBuf, file: usize) -> Entry {
        let key = header.key().into_boxed_str();
        let Header { number, title, date, .. } = header;
        Entry { key, number, date, title: title.into_boxed_str(), path: path.into_boxed_path(), file }
    }

    /// The page name and id of the issue.
    fn key(&self) -> String {
        self.key.to_string()
    }
}

/// What step 2 keeps of an issue.
struct Parsed {
    /// Its rows of `items.csv`, and its row of `trends/by-issue.csv`.
    csv: csv::stream::IssueRows,
    counts: Counts,
    items: usize,
    /// Canonical section names, whether each has a feed, and for each item
    /// the topics whose feed it would go in.
    sections: Vec<(String, bool, Vec<Vec<usize>>)>,
    /// What `check` warns of in the issue alone.
    warnings: usize,
    explore: TermIndex, // explore
}

/// Reads the archive and writes every output. Writes nothing when an issue
/// is invalid, unless `skip_invalid` is set.
pub fn build(args: &BuildArgs, verbosity: Verbosity) -> Result<Summary> {
    let started = Instant::now();
    let config_file = args.archive.config.clone().or_else(|| {
        let found = Path::new("trendfeed.toml");
        found.is_file().then(|| found.to_path_buf())
    });
    let static_dir = static_dir(args.archive.config.as_deref());
    crate::fs::check_out_dir(&args.out, &args.archive.issues, config_file.as_deref(), &static_dir)?;
    // Refuses a folder of the user's before reading anything.
    let out = Publisher::site(&args.out, args.force)?;
    let mut config = crate::load_config(args.archive.config.as_deref())?.with_topics(&args.trends.topics)?;
    let dir = &args.archive.issues;
    let (files, mut errors) = crate::input::issue_files(dir)?;
    if files.is_empty() && errors.is_empty() {
        return Err(crate::input::no_issue_files(dir));
    }
    crate::init::complete(&mut config, dir, None)?;
    let config = config;
    // The tools that parsing and counting need are made (regexes compiled)
    // while the headers are read.
    let (read, tools) = rayon::join(
        || -> Result<_> {
            let mut reader = Reader::new(&config)?;
            // A sample of the issues, spread over the archive, tells its structure.
            let every = files.len().div_ceil(structure::SAMPLE).max(1);
            let scanned: Vec<_> =
                files.par_iter().enumerate().map(|(i, path)| reader.scan(path, i % every == 0)).collect();
            let mut shapes = Vec::new();
            let headers: Vec<_> = scanned
                .into_iter()
                .map(|scan| {
                    scan.map(|found| {
                        found.map(|(header, shape)| {
                            shapes.extend(shape);
                            header
                        })
                    })
                })
                .collect();
            reader.infer(&shapes)?;
            Ok((reader, headers))
        },
        || Tools::new(&config),
    );
    let ((reader, headers), tools) = (read?, tools?);
    let mut failed: Vec<(usize, InputError)> = Vec::new();
    let mut warnings: Vec<Diagnostic> = Vec::new();
    let mut order: Vec<Entry> = Vec::with_capacity(files.len());
    for (file, (path, header)) in files.into_iter().zip(headers).enumerate() {
        match header {
            Ok(Some(mut header)) => {
                warnings.append(&mut header.warnings);
                order.push(Entry::new(header, path, file));
            }
            Ok(None) => {}
            Err(error) => failed.push((file, error)),
        }
    }
    order.shrink_to_fit();
    let place = archive_order;
    order.sort_by(|a, b| place(a.date, a.number, &a.path).cmp(&place(b.date, b.number, &b.path)));
    // Every issue gets its own page, whatever numbers and dates it shares.
    let (keys, clashes) = unique_keys(order.iter().map(|e| (e.number, e.date, &*e.path)));
    for (entry, key) in order.iter_mut().zip(keys) {
        entry.key = key.into_boxed_str();
    }
    if verbosity != Verbosity::Quiet {
        diagnostics::eprint_all(&warnings);
        if let Some(clashes) = clashes.describe() {
            anstream::eprintln!("note: {clashes}");
        }
    }

    // Every issue's page, and room for the feeds, charts and other files.
    out.reserve(order.len() + 256);
    let topics: Vec<String> = config.topics.iter().map(|t| t.name.clone()).collect();
    let mut csv_files = csv::stream::IssueFiles::create(out.stager(), &topics)?;
    let mut streamed = Stream::new(&config, &reader, tools, &order, args, verbosity);
    for start in (0..order.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(order.len());
        let results: Vec<_> = (start..end).into_par_iter().map(|i| streamed.parse(i, &out)).collect();
        for (i, result) in (start..end).zip(results) {
            match result? {
                Ok(parsed) => {
                    csv_files.write(i, &parsed.csv)?;
                    streamed.keep(i, parsed);
                    output::explore::write_chunks(streamed.explore.take_chunks(), &out)?; // explore
                }
                Err(error) => {
                    failed.push((order[i].file, error));
                    streamed.valid[i] = false;
                }
            }
        }
    }
    streamed.bar.finish_and_clear();

    failed.sort_by_key(|(file, _)| *file);
    errors.extend(failed.into_iter().map(|(_, e)| e));
    let skipped = errors.len();
    if !errors.is_empty() && !args.skip_invalid {
        return Err(InvalidInput(errors).into());
    }
    if verbosity != Verbosity::Quiet {
        let skipped: Vec<Diagnostic> = errors
            .iter()
            .map(|e| {
                let d = Diagnostic::from(e);
                Diagnostic { severity: Severity::Warning, message: format!("skipped: {}", d.message), ..d }
            })
            .collect();
        diagnostics::eprint_all(&skipped);
    }
    if streamed.tally.issues() == 0 {
        bail!("no valid issue in `{}`: nothing to build", dir.display());
    }

    // As many warnings as `check` finds, which shows them.
    let valid = order.iter().zip(&streamed.valid).filter(|(_, valid)| **valid);
    let warned = warnings.len()
        + check::duplicates(valid.map(|(e, _)| (e.number, e.date.date_naive(), &*e.path))).len()
        + streamed.warnings
        + check::rare_section_count(
            streamed.section_uses.iter().map(|(name, n)| (name.as_str(), *n)),
            streamed.tally.issues(),
        );

    let slugs = section_slugs(streamed.section_names.keys().map(String::as_str));
    let redo = streamed.pages_to_redo(&slugs);
    // Written after the stream's pages, so they replace them. So do the
    // `items.csv` rows of issues with a renamed slug (it is in their ids).
    let renamed = redo
        .par_iter()
        .map(|&i| -> Result<_> {
            let issue = streamed.reparse(i, &slugs)?;
            out.write(&feeds::issue_page(&issue), streamed.page(i, &issue)?.as_bytes())?;
            Ok(csv::stream::renamed_items(&issue, &config)?.map(|rows| (i, rows)))
        })
        .collect::<Result<Vec<_>>>()?;
    csv_files.replace_items(out.stager(), &renamed.into_iter().flatten().collect())?;

    let shown = streamed.feeds.issues();
    let archive = Archive { issues: shown.par_iter().map(|&i| streamed.reparse(i, &slugs)).collect::<Result<_>>()? };
    let feeds = feeds::build_feeds_with(&archive, &config, &streamed.matcher);
    drop(archive);

    let emerging = streamed.emerging(args.emerging.options())?;
    let (issues, items) = (streamed.tally.issues(), streamed.items);
    let latest: Vec<IssueLink> = streamed.latest.iter().map(|&(i, items)| streamed.link(i, items)).collect();
    let tally = std::mem::replace(&mut streamed.tally, Tally::new(&config, args.period));
    let trends = tally.finish().smoothed(args.trends.smooth.map(usize::from));
    let chart_formats = crate::chart_formats(args.png);
    let cx = output::Context {
        trends: &trends,
        feeds: &feeds,
        config: &config,
        emerging: &emerging,
        chart_formats: &chart_formats,
        latest: &latest,
        total_issues: issues,
        notes: &Mutex::new(Vec::new()),
    };
    let (index, chunks) = std::mem::take(&mut streamed.explore).finish(output::explore::ID_BUDGET); // explore
    output::explore::write_chunks(chunks, &out)?; // explore
    output::explore::write(&index, &config, &out)?; // explore
    let feed_files = output::Output::ALL.par_iter().map(|output| output.render(&cx, &out)).sum::<Result<usize>>()?;
    if verbosity != Verbosity::Quiet {
        let mut notes = std::mem::take(&mut *cx.notes.lock().unwrap_or_else(|e| e.into_inner()));
        notes.sort();
        for note in notes {
            eprintln!("note: {note}");
        }
    }
    csv_files.done()?.into_iter().for_each(|staged| out.add(staged));
    copy_static(&static_dir, &out)?;
    let published = out.finish()?;
    if verbosity != Verbosity::Quiet && !published.replaced.is_empty() {
        let names: Vec<String> = published.replaced.iter().map(|p| p.display().to_string()).collect();
        let more = names.len().saturating_sub(5);
        anstream::eprintln!(
            "note: --force: replaced {} files that no manifest listed: {}{}",
            names.len(),
            names[..names.len().min(5)].join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        );
    }
    let files = published.files;
    let elapsed = started.elapsed();
    Ok(Summary {
        issues,
        items,
        feeds: feed_files,
        files,
        skipped,
        warnings: warned,
        out: args.out.clone(),
        local: config.is_local(),
        elapsed,
    })
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

/// The state of step 2.
struct Stream<'a> {
    config: &'a Config,
    reader: &'a Reader<'a>,
    order: &'a [Entry],
    site: Site<'a>,
    matcher: Matcher,
    scanner: emerging::Scanner,
    /// The first month whose items per term the counters keep.
    horizon: NaiveDate,
    /// One emerging-terms counter per thread, merged at the end.
    counters: Vec<Mutex<emerging::Counter>>,
    /// Whether each issue of `order` parsed (so far, or not yet parsed).
    valid: Vec<bool>,
    /// The counts of the valid issues, per period and per year.
    tally: Tally,
    items: usize,
    /// The newest valid issues, by index, with their number of items.
    latest: VecDeque<(usize, usize)>,
    feeds: FeedIssues,
    /// Each canonical section name, with the issues that hold it: runs of
    /// consecutive indices (most names are in most issues).
    section_names: HashMap<String, Vec<Range<usize>>>,
    /// Sections (canonical names) of the valid issues, with their uses.
    section_uses: HashMap<String, usize>,
    /// What `check` warns of in single issues, summed.
    warnings: usize,
    bar: indicatif::ProgressBar,
    verbose: bool,
    /// The valid issues among the last [`KEPT`] of `order`, by index.
    kept: Mutex<HashMap<usize, Issue>>,
    explore: TermIndex, // explore
}

impl<'a> Stream<'a> {
    fn new(
        config: &'a Config,
        reader: &'a Reader<'a>,
        tools: Tools<'a>,
        order: &'a [Entry],
        args: &BuildArgs,
        verbosity: Verbosity,
    ) -> Stream<'a> {
        let options = args.emerging.options();
        // indicatif draws nothing when standard error is not a terminal (pipes, CI logs).
        let bar = if verbosity != Verbosity::Quiet && order.len() > crate::input::PROGRESS_FROM {
            indicatif::ProgressBar::new(order.len() as u64)
        } else {
            indicatif::ProgressBar::hidden()
        };
        // The emerging-terms chart's months, if every issue is valid: the
        // recent window as the counters will choose it, from the headers.
        let horizon =
            horizon(&emerging::window::choose(order.iter().map(|e| (e.date.date_naive(), 1)), options.recent_months));
        let Tools { site, matcher, scanner } = tools;
        Stream {
            config,
            horizon,
            reader,
            order,
            site,
            matcher,
            scanner,
            counters: (0..=rayon::current_num_threads())
                .map(|_| Mutex::new(emerging::Counter::with_horizon(horizon)))
                .collect(),
            valid: vec![true; order.len()],
            tally: Tally::new(config, args.period),
            items: 0,
            latest: VecDeque::new(),
            feeds: FeedIssues::new(config),
            section_names: HashMap::new(),
            section_uses: HashMap::new(),
            warnings: 0,
            kept: Mutex::default(),
            explore: TermIndex::new(), // explore
            bar,
            verbose: verbosity == Verbosity::Verbose,
        }
    }

    /// Parses issue `i`, writes its page, counts it. The outer error stops
    /// the build; the inner one is the file's fault.
    fn parse(&self, i: usize, out: &Publisher) -> Result<Result<Parsed, InputError>> {
        let entry = &self.order[i];
        if self.verbose {
            self.bar.suspend(|| eprintln!("reading {}", entry.path.display()));
        }
        let mut issue = match self.reader.parse(&entry.path) {
            Ok(Some(issue)) => issue,
            Ok(None) => return Ok(Err(changed(entry))),
            Err(error) => return Ok(Err(error)),
        };
        if (issue.number, issue.title.as_str(), issue.date) != (entry.number, &*entry.title, entry.date) {
            return Ok(Err(changed(entry)));
        }
        issue.key = entry.key();
        for section in &mut issue.sections {
            section.slug = section_slug(&section.canonical);
        }
        out.write(&feeds::issue_page(&issue), self.page(i, &issue)?.as_bytes())?;
        let slot = rayon::current_thread_index().map_or(self.counters.len() - 1, |t| t.min(self.counters.len() - 1));
        self.counters[slot].lock().unwrap_or_else(|e| e.into_inner()).add(&self.scanner, &issue, self.config);
        let sections = issue
            .sections
            .iter()
            .map(|section| {
                let counted = self.config.counts_section(&section.canonical);
                let topics =
                    section.items.iter().map(|item| if counted { self.topics_of(item) } else { Vec::new() }).collect();
                (section.canonical.clone(), section.feed, topics)
            })
            .collect();
        let counts = count_issue(&issue, &self.matcher, self.config);
        let mut explore = TermIndex::new(); // explore
        explore.add(&issue, self.config); // explore
        let parsed = Parsed {
            explore, // explore
            csv: csv::stream::IssueRows::new(&issue, &counts, self.config)?,
            counts,
            items: issue.items().count(),
            sections,
            warnings: {
                let mut found = Vec::new();
                check::issue_warnings(&issue, &mut found);
                found.len()
            },
        };
        if i + KEPT >= self.order.len() {
            self.kept.lock().unwrap_or_else(|e| e.into_inner()).insert(i, issue);
        }
        self.bar.inc(1);
        Ok(Ok(parsed))
    }

    /// The topics an item's text mentions.
    fn topics_of(&self, item: &crate::model::Item) -> Vec<usize> {
        (0..self.matcher.len()).filter(|&t| item.counted_text().any(|text| self.matcher.mentions(t, text))).collect()
    }

    /// Keeps what the outputs need of issue `i`, in archive order.
    fn keep(&mut self, i: usize, parsed: Parsed) {
        self.items += parsed.items;
        self.explore.merge(parsed.explore); // explore
        self.latest.push_back((i, parsed.items));
        if self.latest.len() > LATEST_ISSUES {
            self.latest.pop_front();
        }
        let entry = &self.order[i];
        self.tally.add(&entry.key(), entry.date, &parsed.counts);
        self.warnings += parsed.warnings;
        for (name, _, _) in &parsed.sections {
            *self.section_uses.entry(name.clone()).or_default() += 1;
            let runs = match self.section_names.get_mut(name) {
                Some(runs) => runs,
                None => self.section_names.entry(name.clone()).or_default(),
            };
            add_to_runs(runs, i);
        }
        self.feeds.add(i, &parsed.sections);
    }

    /// The home page's link to issue `i`.
    fn link(&self, i: usize, items: usize) -> IssueLink {
        let entry = &self.order[i];
        IssueLink { key: entry.key(), title: entry.title.to_string(), date: entry.date, items }
    }

    /// The page of issue `i`, between the nearest valid issues.
    fn page(&self, i: usize, issue: &Issue) -> Result<String> {
        let key = |j: usize| (j, self.order[j].key());
        let prev = (0..i).rev().find(|&j| self.valid[j]).map(key);
        let next = (i + 1..self.order.len()).find(|&j| self.valid[j]).map(key);
        let title = |j: usize| &*self.order[j].title;
        let prev = prev.as_ref().map(|(j, key)| (key.as_str(), title(*j)));
        let next = next.as_ref().map(|(j, key)| (key.as_str(), title(*j)));
        self.site.page(issue, prev, next)
    }

    /// Issues whose page step 2 wrote with a wrong link or slug.
    fn pages_to_redo(&self, slugs: &BTreeMap<String, String>) -> Vec<usize> {
        let valid = |j: &usize| self.valid[*j];
        let mut redo = BTreeSet::new();
        for i in (0..self.order.len()).filter(|&i| !self.valid[i]) {
            redo.extend((0..i).rev().find(valid));
            redo.extend((i + 1..self.order.len()).find(valid));
        }
        for (name, runs) in &self.section_names {
            if slugs[name] != section_slug(name) {
                redo.extend(runs.iter().flat_map(Range::clone));
            }
        }
        redo.into_iter().collect()
    }

    /// The emerging terms. When issues were invalid (the newest, or enough
    /// to lengthen the automatic window), the chart may start earlier than
    /// the horizon the counters kept months from: then the valid issues
    /// are counted again.
    fn emerging(&mut self, options: emerging::Options) -> Result<emerging::Emerging> {
        let merge = |mut a: emerging::Counter, b| {
            a.merge(b);
            a
        };
        let counters = std::mem::take(&mut self.counters).into_iter();
        let counter = counters
            .map(|c| c.into_inner().unwrap_or_else(|e| e.into_inner()))
            .fold(emerging::Counter::with_horizon(self.horizon), merge);
        if horizon(&counter.window(options.recent_months)) >= self.horizon {
            return Ok(counter.finish(options));
        }
        let valid: Vec<usize> = (0..self.order.len()).filter(|&i| self.valid[i]).collect();
        let counter = valid
            .par_iter()
            .map(|&i| -> Result<emerging::Counter> {
                let mut counter = emerging::Counter::default();
                counter.add(&self.scanner, &self.reparse(i, &BTreeMap::new())?, self.config);
                Ok(counter)
            })
            .try_reduce(emerging::Counter::default, |a, b| Ok(merge(a, b)))?;
        Ok(counter.finish(options))
    }

    /// Issue `i` again (parsed again unless kept), with the archive's
    /// section slugs.
    fn reparse(&self, i: usize, slugs: &BTreeMap<String, String>) -> Result<Issue> {
        let entry = &self.order[i];
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner()).get(&i).cloned();
        let mut issue = match kept.map_or_else(|| self.reader.parse(&entry.path), |issue| Ok(Some(issue))) {
            Ok(Some(issue)) => issue,
            Ok(None) => return Err(InvalidInput(vec![changed(entry)]).into()),
            Err(error) => return Err(InvalidInput(vec![error]).into()),
        };
        issue.key = entry.key();
        for section in &mut issue.sections {
            section.slug = slugs.get(&section.canonical).cloned().unwrap_or_else(|| section_slug(&section.canonical));
        }
        Ok(issue)
    }
}

/// The first month whose items per term the emerging counters keep: the
/// first that the emerging chart shows for `window`, never after its start.
fn horizon(window: &emerging::Window) -> NaiveDate {
    shown_months(window.last_month, window.months).1
}

/// Adds index `i` (no smaller than any added before) to runs of
/// consecutive indices.
fn add_to_runs(runs: &mut Vec<Range<usize>>, i: usize) {
    match runs.last_mut() {
        Some(run) if run.end > i => {}
        Some(run) if run.end == i => run.end = i + 1,
        _ => runs.push(i..i + 1),
    }
}

/// The error for a file that changed between two reads.
fn changed(entry: &Entry) -> InputError {
    InputError {
        path: entry.path.to_path_buf(),
        spot: Spot::at(1, 1),
        source_line: None,
        kind: ErrorKind::Unreadable("the file changed while the build read it".to_owned()),
    }
}

/// For each feed, the newest issues that hold its newest `feed_limit`
/// entries: the issues the feeds show, whatever the archive's size.
struct FeedIssues {
    limit: usize,
    issue_limit: usize,
    /// Per section name, then per topic: `(issue, entries in it)`, oldest first.
    sections: HashMap<String, VecDeque<(usize, usize)>>,
    topics: Vec<VecDeque<(usize, usize)>>,
    issues: VecDeque<usize>,
}

impl FeedIssues {
    fn new(config: &Config) -> FeedIssues {
        FeedIssues {
            limit: config.feed_limit,
            issue_limit: config.issue_feed_limit,
            sections: HashMap::new(),
            topics: vec![VecDeque::new(); config.topics.len()],
            issues: VecDeque::new(),
        }
    }

    /// Adds issue `i` (newer than every issue added before).
    fn add(&mut self, i: usize, sections: &[(String, bool, Vec<Vec<usize>>)]) {
        for (name, _, items) in sections.iter().filter(|(_, feed, items)| *feed && !items.is_empty()) {
            let queue = match self.sections.get_mut(name) {
                Some(queue) => queue,
                None => self.sections.entry(name.clone()).or_default(),
            };
            push(queue, i, items.len(), self.limit);
        }
        for (t, queue) in self.topics.iter_mut().enumerate() {
            let n = sections.iter().flat_map(|(_, _, items)| items).filter(|topics| topics.contains(&t)).count();
            if n > 0 {
                push(queue, i, n, self.limit);
            }
        }
        self.issues.push_back(i);
        if self.issues.len() > self.issue_limit {
            self.issues.pop_front();
        }
    }

    /// Every issue a feed shows, oldest first.
    fn issues(&self) -> Vec<usize> {
        let all = self.sections.values().chain(&self.topics).flat_map(|q| q.iter().map(|&(i, _)| i));
        let set: BTreeSet<usize> = all.chain(self.issues.iter().copied()).collect();
        set.into_iter().collect()
    }
}

/// Adds `n` entries of issue `i`, then drops the oldest issues whose
/// entries the newer ones push out of a feed of `limit`.
fn push(queue: &mut VecDeque<(usize, usize)>, i: usize, n: usize, limit: usize) {
    queue.push_back((i, n));
    let mut total: usize = queue.iter().map(|&(_, n)| n).sum();
    while let Some(&(_, oldest)) = queue.front() {
        if total - oldest < limit {
            break;
        }
        total -= oldest;
        queue.pop_front();
    }
}

#[cfg(test)]
#[path = "build_tests.rs"]
mod tests;
