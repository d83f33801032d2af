//! `trendfeed init`: reads an archive and writes a commented
//! `trendfeed.toml` holding what trendfeed inferred for it, so that a user
//! sees what the tool decided and edits it.
//!
//! The file holds:
//!
//! - `title`: the `newsletter` or `category` front-matter key most issues
//!   share; else the words most issue titles start with (`This Week in
//!   React #294: …` → `This Week in React`), without numbers, punctuation
//!   or period words alone (`Week Ending` names no newsletter); else the
//!   folder's name. `description` and `author` follow from it.
//! - `section_level`, as a comment: left commented, it is inferred again on
//!   every run (so it follows the archive as it grows); uncommented, it is
//!   fixed.
//! - The sections, recurring and seen once, with their issues and the
//!   spellings merged into them (merging needs no setting).
//! - The boilerplate found, and an empty `boilerplate_patterns` to add to.
//! - `exclude_sections`: the sections whose names hold a sponsor- or
//!   job-like word ([`EXCLUDE_WORDS`], [`EXCLUDE_PHRASES`]).
//! - `[[topics]]`: the terms in most items of the archive, then the top
//!   emerging terms, counted as `trendfeed emerging` counts them (same
//!   stop words, and the title's own words left out).
//!
//! The archive is read with the built-in defaults: an existing
//! `trendfeed.toml` does not steer what is inferred. Invalid files are
//! left out (as `build --skip-invalid` does) and counted.

mod render;
mod title;
mod topics;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use crate::Verbosity;
use crate::cli::InitArgs;
use crate::config::{Config, GENERIC_EXCLUDED, GENERIC_STOP_WORDS, Term, Topic};
use crate::input::structure::{self, Profile, name_key};
use crate::input::{self, LoadOptions, Loaded, Reader};
pub use render::render;
pub use title::{common_title, front_matter_value, title};

/// Words of a section name that make it sponsor- or job-like (a word of the
/// name starts with one of them): `Sponsored Event`, `Our Partners`,
/// `Advertisement`, `Jobs`, `Hiring`, `Careers`, `Donations`.
pub const EXCLUDE_PREFIXES: [&str; 8] =
    ["sponsor", "advertis", "partner", "job", "hiring", "career", "donat", "patreon"];

/// Words of a section name that make it sponsor-like as whole words only.
pub const EXCLUDE_WORDS: [&str; 2] = ["ad", "ads"];

/// Phrases of a section name that make it sponsor-like.
pub const EXCLUDE_PHRASES: [&str; 4] = ["support us", "support the", "work with us", "we re hiring"];

/// Where the title came from, for its comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TitleSource {
    /// A front-matter key shared by most issues.
    FrontMatter(&'static str),
    /// The words most issue titles start with.
    IssueTitles,
    /// The archive folder's name.
    Folder,
}

/// A suggested topic.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub name: String,
    pub term: String,
    pub why: Why,
}

/// Why a topic is suggested.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// It is in this many of the archive's counted items.
    Frequent { items: usize, of: usize },
    /// It rose most (`trendfeed emerging`): its items in the recent window
    /// of `recent_months` months, its recent and baseline shares.
    Emerging { recent_items: usize, recent_months: u32, recent_share: f64, baseline_share: f64 },
}

/// Everything `init` writes.
#[derive(Debug, Clone)]
pub struct Findings {
    pub title: String,
    pub title_source: TitleSource,
    pub issues: usize,
    pub unreadable: usize,
    pub dates: Option<(NaiveDate, NaiveDate)>,
    /// Issues read to infer the structure.
    pub sampled: usize,
    pub section_level: Option<u8>,
    /// Per heading level 1–6: sampled issues using it for a recurring heading.
    pub level_issues: [usize; 6],
    /// Name, issues, merged spellings; most frequent first.
    pub sections: Vec<(String, usize, Vec<String>)>,
    pub boilerplate: Vec<(String, usize)>,
    pub boilerplate_threshold: usize,
    pub exclude_sections: Vec<String>,
    pub stop_words: Vec<String>,
    pub topics: Vec<Suggestion>,
    /// The emerging terms' recent window in words ([`Window::describe`](crate::trends::emerging::Window::describe)).
    pub emerging_window: String,
    /// Why no emerging term is suggested, if none is.
    pub no_emerging: Option<String>,
}

/// Runs `trendfeed init`.
pub fn run(args: &InitArgs, verbosity: Verbosity) -> Result<ExitCode> {
    let to_stdout = args.stdout || args.config.as_deref() == Some(Path::new("-"));
    let target = args.config.clone().unwrap_or_else(|| PathBuf::from("trendfeed.toml"));
    if !to_stdout && target.exists() && !args.force {
        anstream::eprintln!(
            "error: `{}` already exists; pass --force to overwrite it, or --stdout to print the new file",
            target.display()
        );
        return Ok(ExitCode::from(2));
    }
    let config = Config::builtin();
    let options = LoadOptions { verbose: verbosity == Verbosity::Verbose, progress: verbosity != Verbosity::Quiet };
    let loaded = input::load_dir(&args.issues, &config, options)
        .with_context(|| format!("cannot read the archive in `{}`", args.issues.display()))?;
    if loaded.archive.issues.is_empty() {
        bail!(
            "no valid issue in `{}` ({} files could not be read: `trendfeed check --issues {}` says why)",
            args.issues.display(),
            loaded.errors.len(),
            args.issues.display()
        );
    }
    let findings = infer(&args.issues, &loaded)?;
    let text = render(&findings);
    // What is written must read back: a failure here is a bug of `init`.
    Config::from_toml(&text).context("the generated configuration does not parse (please report this)")?;
    if to_stdout {
        crate::print_out(text.as_bytes())?;
    } else {
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = target.file_name().and_then(|n| n.to_str()).context("--config: not a file name")?;
        let mut out = crate::fs::Publisher::new(parent)?;
        out.write(name, text.as_bytes())?;
        out.commit()?;
    }
    if verbosity != Verbosity::Quiet {
        let mut note = String::new();
        if !to_stdout {
            let _ = write!(note, "wrote {} for {} issues", target.display(), findings.issues);
        } else {
            let _ = write!(note, "read {} issues", findings.issues);
        }
        if findings.unreadable > 0 {
            let _ = write!(
                note,
                "; {} could not be read and {} left out (`trendfeed check --issues {}` says why)",
                render::plural(findings.unreadable, "file"),
                if findings.unreadable == 1 { "was" } else { "were" },
                args.issues.display()
            );
        }
        anstream::eprintln!("{note}");
    }
    Ok(ExitCode::SUCCESS)
}

/// What the archive in `dir`, loaded as `loaded`, tells.
pub fn infer(dir: &Path, loaded: &Loaded) -> Result<Findings> {
    let archive = &loaded.archive;
    let profile = &loaded.profile;
    let (title, title_source) = title::title(dir, archive);
    let (sampled, level_issues) = level_issues(dir, profile)?;
    let sections: Vec<(String, usize, Vec<String>)> =
        profile.sections().into_iter().map(|(name, n, merged)| (name.to_owned(), n, merged.to_vec())).collect();
    let exclude_sections = sponsor_like(profile);
    let stop_words = stop_words(&title);
    let mut config = Config::builtin();
    config.emerging_stop_words = stop_words.clone();
    config.exclude_sections = exclude_sections.clone();
    let (topics, emerging_window, no_emerging) = topics::suggest(archive, &config);
    Ok(Findings {
        title,
        title_source,
        issues: archive.issues.len(),
        unreadable: loaded.errors.len(),
        dates: archive
            .issues
            .first()
            .zip(archive.issues.last())
            .map(|(a, b)| (a.date.date_naive(), b.date.date_naive())),
        sampled,
        section_level: profile.section_level.map(|l| l as u8),
        level_issues,
        sections,
        boilerplate: profile.boilerplate_found.clone(),
        boilerplate_threshold: structure::boilerplate_threshold(profile.sampled),
        exclude_sections,
        stop_words,
        topics,
        emerging_window,
        no_emerging,
    })
}

/// Fills the keys the configuration left out ([`crate::config::INFERRED`])
/// with what `init` would write for the archive in `dir`: the title, the
/// description and author made from it, the emerging stop words (the
/// generic ones and the title's words), the sponsor-like sections left out
/// of the trends, and the suggested topics. They are inferred from
/// `loaded`: the sample of issues the structure is inferred from
/// ([`crate::build::order::Headers::sample`]; for an archive of up to
/// [`structure::SAMPLE`] issues, every issue), or the whole archive.
/// Nothing changes when no key was left out.
pub fn complete(config: &mut Config, dir: &Path, loaded: &Loaded) -> Result<()> {
    if config.inferred.is_empty() {
        return Ok(());
    }
    let archive = &loaded.archive;
    if config.is_inferred("title") {
        config.title = title::title(dir, archive).0;
    }
    if config.is_inferred("description") {
        config.description = description(&config.title);
    }
    if config.is_inferred("author") {
        config.author = config.title.clone();
    }
    if config.is_inferred("emerging_stop_words") {
        config.emerging_stop_words = stop_words(&config.title);
    }
    if config.is_inferred("exclude_sections") {
        // The generic names too: a sponsor section seen once is left out.
        let mut names: Vec<String> = GENERIC_EXCLUDED.iter().map(|s| (*s).to_owned()).collect();
        for name in sponsor_like(&loaded.profile) {
            if !names.iter().any(|s| s.eq_ignore_ascii_case(&name)) {
                names.push(name);
            }
        }
        config.exclude_sections = names;
    }
    if config.is_inferred("topics") {
        let (suggested, ..) = topics::suggest(archive, config);
        config.topics =
            suggested.into_iter().map(|s| Topic { name: s.name, terms: vec![Term::from(s.term.as_str())] }).collect();
    }
    Ok(())
}

/// The feeds' description for a newsletter of this title.
pub fn description(title: &str) -> String {
    format!("The {title} newsletter, one feed per section.")
}

/// The recurring sections whose names are sponsor- or job-like.
fn sponsor_like(profile: &Profile) -> Vec<String> {
    profile
        .sections()
        .into_iter()
        .filter(|(name, n, _)| *n >= 2 && is_sponsor_like(name))
        .map(|(name, ..)| name.to_owned())
        .collect()
}

/// Reads the sampled issues' headings again: how many issues use each
/// level for a heading that recurs across the archive.
fn level_issues(dir: &Path, profile: &Profile) -> Result<(usize, [usize; 6])> {
    use rayon::prelude::*;
    let (files, _) = input::issue_files(dir)?;
    let config = Config::builtin();
    let reader = Reader::new(&config)?;
    let shapes: Vec<_> = files
        .par_iter()
        .filter(|path| structure::in_sample(path, files.len()))
        .filter_map(|path| reader.scan(path, true).ok().flatten().and_then(|(_, shape)| shape))
        .collect();
    let mut per_level = [0; 6];
    for shape in &shapes {
        let mut used = [false; 6];
        for (level, name) in &shape.headings {
            if (1..=6).contains(level) && profile.recurs(name) {
                used[usize::from(*level) - 1] = true;
            }
        }
        for (count, used) in per_level.iter_mut().zip(used) {
            *count += usize::from(used);
        }
    }
    Ok((shapes.len(), per_level))
}

/// Whether a section name holds a sponsor- or job-like word or phrase.
pub fn is_sponsor_like(name: &str) -> bool {
    let key = name_key(name);
    key.split(' ').any(|word| EXCLUDE_WORDS.contains(&word) || EXCLUDE_PREFIXES.iter().any(|w| word.starts_with(w)))
        || EXCLUDE_PHRASES.iter().any(|p| format!(" {key} ").contains(&format!(" {p} ")))
}

/// The emerging stop words written: the generic ones, with issue words,
/// the words of `title` and its initials.
fn stop_words(title: &str) -> Vec<String> {
    let english: HashSet<&str> = stop_words::get("en").iter().copied().collect();
    let mut words: Vec<String> = GENERIC_STOP_WORDS.iter().map(|w| (*w).to_owned()).collect();
    let extra = ["weekly", "monthly", "newsletter", "issue", "edition"].into_iter().map(str::to_owned);
    let key = name_key(title);
    let mut title_words: Vec<String> = key.split(' ').map(str::to_owned).collect();
    // Its initials, with and without the stop words: `twin` for This Week
    // in Nushell, `lwkd` for Last Week in Kubernetes Development.
    let initials = |all: bool| -> String {
        key.split(' ').filter(|w| all || !english.contains(w)).filter_map(|w| w.chars().next()).collect()
    };
    title_words.extend([initials(true), initials(false)].into_iter().filter(|i| i.chars().count() >= 3));
    for word in extra.chain(title_words) {
        if word.chars().count() >= 2 && !english.contains(word.as_str()) && !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

#[cfg(test)]
mod tests;
