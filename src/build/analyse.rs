//! `trendfeed trends` and `emerging`: the build's fold over the archive
//! with only the collectors they need, writing nothing. Like the build,
//! they hold the counts, not the archive.

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

use super::Tools;
use super::cache::{Completed, Scans};
use super::collect::{self, Collectors, Cx, Kind, Progress};
use super::order::{Headers, Order};
use crate::Verbosity;
use crate::cli::ArchiveArgs;
use crate::config::{Config, Topic};
use crate::error::InputError;
use crate::trends::Period;

/// The configuration (completed from the archive as `build` completes it)
/// and the collectors `kinds` over every issue. Any invalid file is an error.
pub fn analyse(
    archive: &ArchiveArgs,
    topics: &[Topic],
    period: Period,
    kinds: &[Kind],
    verbosity: Verbosity,
) -> Result<(Config, Collectors)> {
    let (config, headers, errors) = configure(archive, topics, None, verbosity)?;
    let collected = fold(&config, headers, errors, period, kinds, verbosity)?;
    Ok((config, collected))
}

/// The configuration, its left-out keys inferred from the archive
/// ([`crate::init::complete`]), except the topics when `topics` replaces
/// them; every issue file's header and the archive's structure
/// ([`Headers::read`]), and the files that cannot be listed. With the
/// cache's folder `cache`, unchanged files are not read (the header pass's
/// cache, [`Scans`]), and the keys are not inferred again when the sample
/// they are inferred from is unchanged.
///
/// The headers are read first, with the configuration as loaded: they need
/// none of the keys inferred, and those are inferred from the sample the
/// structure was inferred from, parsed with it ([`Headers::sample`]), so no
/// file of the sample is scanned twice.
pub fn configure(
    archive: &ArchiveArgs,
    topics: &[Topic],
    cache: Option<&Path>,
    verbosity: Verbosity,
) -> Result<(Config, Headers, Vec<InputError>)> {
    let mut config = crate::load_config(archive.config.as_deref())?.with_topics(topics)?;
    let dir = &archive.issues;
    let (files, errors) = crate::input::issue_files(dir)?;
    if files.is_empty() && errors.is_empty() {
        return Err(crate::input::no_issue_files(dir));
    }
    let scans = cache.map(|cache| Scans::open(cache, &config, verbosity));
    let headers = Headers::read_cached(files, &config, scans.as_ref())?;
    if !config.inferred.is_empty() {
        let key = scans.as_ref().and_then(|scans| Some((scans, scans.sample_key(&config, dir)?)));
        match key.and_then(|(scans, key)| scans.completed(key)) {
            Some(completed) => completed.apply(&mut config),
            None => {
                let sample = headers.sample(&config)?;
                crate::init::complete(&mut config, dir, &sample)?;
                if let Some((scans, key)) = key {
                    scans.complete(key, Completed::of(&config));
                }
            }
        }
    }
    if let Some(scans) = scans {
        scans.finish(verbosity);
    }
    Ok((config, headers, errors))
}

fn fold(
    config: &Config,
    headers: Headers,
    errors: Vec<InputError>,
    period: Period,
    kinds: &[Kind],
    verbosity: Verbosity,
) -> Result<Collectors> {
    let (order, tools) = rayon::join(|| Order::new(headers, config), || Tools::new(config));
    let (Order { reader, entries, failed, .. }, tools) = (order?, tools?);
    let cx = Cx {
        config,
        reader: &reader,
        order: &entries,
        valid: &[],
        site: &tools.site,
        matcher: &tools.matcher,
        scanner: &tools.scanner,
        out: None,
        cache: None,
        // Every month of every term, as the analysis alone gives it.
        horizon: NaiveDate::MIN,
        period,
    };
    let mut all = Collectors::empty(&cx, kinds);
    let mut valid = vec![true; entries.len()];
    let progress = Progress::new(entries.len(), verbosity);
    collect::fold(&cx, kinds, &mut all, &mut valid, |_| Ok(()), &progress)?;
    progress.bar.finish_and_clear();
    let parsed_failed = all.failed.drain(..).map(|(at, error)| (entries[at].file, error));
    // Any invalid file is an error (never skipped), named as `build` names it.
    super::invalid(errors, failed.into_iter().chain(parsed_failed), false, Verbosity::Quiet)?;
    Ok(all)
}
