//! trendfeed: newsletter archive → feeds, trends and a static site.
//!
//! The data flows one way: [`input::load_dir`] parses every issue file once
//! into the [`model`], [`trends::count`] reads the model, and each
//! [`output::Output`] renders the model into `out/`.

pub mod cli;
pub mod config;
pub mod error;
pub mod fs;
pub mod input;
pub mod model;
pub mod output;
pub mod trends;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::cli::{BuildArgs, Cli, Command, InputArgs};
use crate::config::Config;
use crate::error::InvalidInput;
use crate::model::Archive;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command.unwrap_or_else(|| Command::Build(BuildArgs::default())) {
        Command::Build(args) => {
            let summary = build(&args)?;
            println!("{summary}");
        }
        Command::Trends(args) => {
            let (archive, config) = load(&args.input, false)?;
            let trends = trends::count(&archive, &config, args.input.period)?;
            print!("{}", trends_table(&trends));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What a build did.
#[derive(Debug)]
pub struct Summary {
    pub issues: usize,
    pub items: usize,
    pub feeds: usize,
    pub files: usize,
    pub skipped: usize,
    pub out: PathBuf,
    pub elapsed: Duration,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "built {} from {} issues ({} items): {} feeds, {} files in {:.0?}",
            self.out.display(),
            self.issues,
            self.items,
            self.feeds,
            self.files,
            self.elapsed
        )?;
        if self.skipped > 0 {
            write!(f, "; {} invalid files skipped", self.skipped)?;
        }
        Ok(())
    }
}

/// Reads the archive and writes every output. Writes nothing when an issue
/// is invalid, unless `skip_invalid` is set.
pub fn build(args: &BuildArgs) -> Result<Summary> {
    let started = Instant::now();
    check_out_dir(&args.input.issues, &args.out)?;
    let skipped;
    let (archive, config) = {
        let (archive, config, errors) = load_all(&args.input)?;
        skipped = errors.len();
        if !errors.is_empty() && !args.skip_invalid {
            return Err(InvalidInput(errors).into());
        }
        for error in &errors {
            eprintln!("warning: skipped {error}");
        }
        (archive, config)
    };
    if archive.issues.is_empty() {
        bail!("no valid issue in `{}`: nothing to build", args.input.issues.display());
    }
    let trends = trends::count(&archive, &config, args.input.period)?;
    let feeds = output::feeds::build_feeds(&archive, &config);
    let cx = output::Context { archive: &archive, trends: &trends, feeds: &feeds, config: &config };
    let mut out = fs::Publisher::new(&args.out)?;
    let mut feed_files = 0;
    for output in output::Output::ALL {
        feed_files += output.render(&cx, &mut out)?;
    }
    let files = out.finish()?;
    Ok(Summary {
        issues: archive.issues.len(),
        items: archive.issues.iter().map(|i| i.items().count()).sum(),
        feeds: feed_files,
        files,
        skipped,
        out: args.out.clone(),
        elapsed: started.elapsed(),
    })
}

/// Refuses an output folder that would overwrite the input.
fn check_out_dir(issues: &Path, out: &Path) -> Result<()> {
    if out.is_file() {
        bail!("--out `{}` is a file; expected a folder", out.display());
    }
    let (Ok(issues_abs), Ok(out_abs)) = (std::path::absolute(issues), std::path::absolute(out)) else {
        return Ok(());
    };
    if out_abs.starts_with(&issues_abs) {
        bail!("--out `{}` is inside the issues folder `{}`; choose another folder", out.display(), issues.display());
    }
    Ok(())
}

/// The configuration: `--config FILE`, else `trendfeed.toml` if present, else the defaults.
pub fn load_config(path: Option<&Path>) -> Result<Config> {
    match path {
        Some(path) => Config::load(path),
        None if Path::new("trendfeed.toml").is_file() => Config::load(Path::new("trendfeed.toml")),
        None => Ok(Config::default()),
    }
}

fn load_all(input: &InputArgs) -> Result<(Archive, Config, Vec<error::InputError>)> {
    let config = load_config(input.config.as_deref())?;
    let loaded = input::load_dir(&input.issues, &config)
        .with_context(|| format!("cannot read the archive in `{}`", input.issues.display()))?;
    Ok((loaded.archive, config, loaded.errors))
}

/// Loads the archive; invalid files are an error unless `skip_invalid`.
pub fn load(input: &InputArgs, skip_invalid: bool) -> Result<(Archive, Config)> {
    let (archive, config, errors) = load_all(input)?;
    if !errors.is_empty() && !skip_invalid {
        return Err(InvalidInput(errors).into());
    }
    Ok((archive, config))
}

/// The trend table as aligned text: one row per period, `mentions (share)`
/// per topic.
pub fn trends_table(trends: &trends::Trends) -> String {
    let mut header = vec!["period".to_owned(), "issues".to_owned(), "items".to_owned()];
    header.extend(trends.topics.iter().cloned());
    let mut rows = vec![header];
    for p in &trends.periods {
        let mut row = vec![p.label.clone(), p.counts.issues.to_string(), p.counts.items_total.to_string()];
        for i in 0..trends.topics.len() {
            let share = p.counts.share(i).map_or("-".to_owned(), |s| format!("{:.1}%", s * 100.0));
            row.push(format!("{} ({share})", p.counts.mentions[i]));
        }
        rows.push(row);
    }
    let widths: Vec<usize> =
        (0..rows[0].len()).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(cell, w)| format!("{cell:<w$}")).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str("mentions (share of counted items that mention the topic)\n");
    out
}
