//! `trendfeed build`, streamed: memory holds what the outputs keep, not the
//! archive.
//!
//! 1. [`order`]: every file's front matter is read (the bodies of a sample
//!    too: they tell the archive's structure, and the configuration's
//!    left-out keys are inferred from them) and the issues put in archive
//!    order, each with its key.
//! 2. [`collect`]: one fold over the archive. Each issue is parsed once, on
//!    any core, and added to every collector: its page is written, its
//!    `items.csv` rows made, its topics and terms counted, and which feeds
//!    hold its items noted. Then it is dropped.
//! 3. What the fold could not get right is redone: the pages beside an
//!    issue found invalid late (with `--skip-invalid`), and issues with a
//!    section whose slug a name seen later took (their `items.csv` rows too:
//!    the ids hold the slug). The few issues the feeds show are parsed
//!    again (unless kept) and the feeds built from them
//!    ([`crate::output::feeds::build_feeds`] on that part of the archive
//!    gives the same feeds as on all of it): `again.rs`.
//! 4. The trend table, charts, CSV files and home page are written, on
//!    every core at once, and [`crate::fs::Publisher::finish`] puts every
//!    file in place at once: a build that fails (an invalid issue) changes
//!    nothing.
//!
//! Steps 2 to 4 are in `steps.rs`; the output folder and `static/` in
//! `static_files.rs`.

mod again;
mod analyse;
mod cache;
pub mod collect;
mod memory;
pub mod order;
mod static_files;
mod steps;

pub use analyse::analyse;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Result, bail};

use self::order::Order;
use self::static_files::{copy_static, open_out};
use self::steps::Steps;
use crate::cli::BuildArgs;
use crate::config::Config;
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::error::{InputError, InvalidInput};
use crate::fs::Publisher;
use crate::output::{self, html::Site};
use crate::trends::index::TermIndex;
use crate::trends::{Matcher, emerging};
use crate::{Summary, Verbosity};

/// Reads the archive and writes every output. Writes nothing when an issue
/// is invalid, unless `skip_invalid` is set.
pub fn build(args: &BuildArgs, verbosity: Verbosity) -> Result<Summary> {
    let started = Instant::now();
    memory::map_large_blocks();
    let (out, static_dir) = open_out(args)?;
    let cache_dir = cache::folder(args)?;
    let (config, headers, errors) =
        analyse::configure(&args.archive, &args.trends.topics, cache_dir.as_deref(), verbosity)?;
    let (order, tools) = rayon::join(|| Order::new(headers, &config), || Tools::new(&config));
    let (mut order, tools) = (order?, tools?);
    let header_failed = std::mem::take(&mut order.failed);
    eprint_order_notes(&order, verbosity);
    let maker = cache::maker(&config, &order.reader, args);
    let fresh = cache_dir.as_deref().map(|dir| cache::fresh(dir, maker, args, &order.entries, &static_dir));
    let whole = errors.is_empty() && header_failed.is_empty();
    if let Some(done) = fresh.as_ref().filter(|_| whole).and_then(|fresh| fresh.unchanged(&args.out, verbosity)) {
        if verbosity == Verbosity::Verbose {
            eprintln!("nothing changed since the last build: {} files kept", done.files);
        }
        return Ok(summary(done, args, &config, started));
    }
    if let Some(fresh) = &fresh {
        fresh.forget();
    }
    memory::release();
    let cache = cache_dir.map(|dir| cache::Cache::open(dir, maker, verbosity));
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
    write_explore(collected.explore, &order, &config, &out)?;
    memory::release();
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
    let done =
        cache::Done { issues, items: collected.latest.items, feeds: feed_files, files: published.files, warnings };
    if let Some(fresh) = fresh.filter(|_| skipped == 0) {
        fresh.record(&args.out, &published.written, done);
    }
    Ok(Summary { skipped, ..summary(done, args, &config, started) })
}

/// The header pass's warnings, and a note of the issues that share a key.
fn eprint_order_notes(order: &Order, verbosity: Verbosity) {
    if verbosity != Verbosity::Quiet {
        diagnostics::eprint_all(&order.warnings);
        if let Some(clashes) = order.clashes.describe() {
            anstream::eprintln!("note: {clashes}");
        }
    }
}

/// The explore page's index and the texts it has not written yet, each
/// issue named by its place in the archive order.
fn write_explore(explore: TermIndex, order: &Order, config: &Config, out: &Publisher) -> Result<()> {
    let (index, chunks) = explore.finish(output::explore::ID_BUDGET, output::explore::MONTH_BUDGET);
    output::explore::write_chunks(chunks, out)?;
    let names = |at: u32| order.entries.get(at as usize).map_or(("", ""), |e| (e.key(), e.title()));
    output::explore::write(&index, &names, config, out)
}

/// The summary of a build that did `done`, begun at `started`.
fn summary(done: cache::Done, args: &BuildArgs, config: &Config, started: Instant) -> Summary {
    let cache::Done { issues, items, feeds, files, warnings } = done;
    Summary {
        issues,
        items,
        feeds,
        files,
        skipped: 0,
        warnings,
        out: args.out.clone(),
        local: config.is_local(),
        elapsed: started.elapsed(),
    }
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

#[cfg(test)]
mod tests;
