//! trendfeed: newsletter archive → feeds, trends and a static site.
//!
//! The data flows one way: [`input`] parses each issue file into the
//! [`model`], [`trends`] counts it, and [`output`] renders it into `out/`.
//! `build`, `trends` and `emerging` run one fold over the archive
//! ([`mod@build`]): each issue is parsed once and added to the collectors
//! the command needs, so memory holds what the outputs keep; `check` and
//! `init` load the whole archive ([`input::load_dir`]).

pub mod build;
pub use build::build;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod error;
pub mod fs;
pub mod init;
pub mod input;
pub mod man;
pub mod model;
pub mod names;
pub mod output;
pub mod serve;
pub mod stats;
pub mod trends;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::{BuildArgs, Cli, Command};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Severity};
use crate::input::{LoadOptions, Loaded};

/// How much to print besides the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    Normal,
    /// Each file as it is read, too.
    Verbose,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let global = cli.global;
    let verbosity = match (global.quiet, global.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    match cli.command.unwrap_or_else(|| Command::Build(BuildArgs::default())) {
        Command::Build(mut args) => {
            args.archive = global.archive();
            args.out = global.out.unwrap_or_else(|| "out".into());
            run_build(&args, verbosity)?;
        }
        Command::Trends(args) => run_trends(&args, &global, verbosity)?,
        Command::Emerging(args) => run_emerging(&args, &global, verbosity)?,
        Command::Check(args) => return run_check(&args, &global, verbosity),
        Command::Serve(mut args) => {
            args.build.archive = global.archive();
            args.build.out = global.out.unwrap_or_else(|| "out".into());
            serve::serve(&args, verbosity)?
        }
        Command::Init(mut args) => {
            let archive = global.archive();
            (args.issues, args.config) = (archive.issues, archive.config);
            return init::run(&args, verbosity);
        }
        Command::Completions(args) => {
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "trendfeed", &mut script);
            print_out(&script)?;
        }
        Command::Man(args) => match &global.out {
            Some(dir) => {
                let written = man::write_all(dir)?;
                if verbosity != Verbosity::Quiet {
                    print_out(format!("wrote {written} manual pages in {}\n", dir.display()).as_bytes())?;
                }
            }
            None => print_out(&man::page(args.command.as_deref())?)?,
        },
    }
    Ok(ExitCode::SUCCESS)
}

/// `trendfeed build`: builds, then prints the summary.
fn run_build(args: &BuildArgs, verbosity: Verbosity) -> Result<()> {
    let summary = build(args, verbosity)?;
    if verbosity != Verbosity::Quiet {
        print_out(format!("{summary}\n").as_bytes())?;
        if summary.local {
            anstream::eprintln!("note: {LOCAL_NOTE}");
        }
    }
    Ok(())
}

/// `trendfeed trends`: one fold with the tally alone; the table on
/// standard output, and the trend files when `--out` is given.
fn run_trends(args: &cli::TrendsArgs, global: &cli::GlobalArgs, verbosity: Verbosity) -> Result<()> {
    let kinds = [build::collect::Kind::Tally];
    let (config, mut collected) =
        build::analyse(&global.archive(), &args.trends.topics, args.trends.period, &kinds, verbosity)?;
    let tally = collected.tally.take().context("the trends were not counted")?;
    let trends = tally.finish().smoothed(args.trends.smooth.map(usize::from));
    let text = match args.format {
        cli::Format::Table => {
            let mut table = output::table::trends_table(&trends);
            if config.is_inferred("topics") {
                table.push_str(output::table::INFERRED_TOPICS);
                table.push('\n');
            }
            table.into_bytes()
        }
        cli::Format::Csv => output::csv::trends_csv(&trends, output::csv::Flavour::Data)?,
        cli::Format::Json => output::trends_json::trends_json(&trends)?,
    };
    print_out(&text)?;
    if let Some(dir) = &global.out {
        // Writes the trend tables and leaves the rest of the folder alone (no `finish`).
        let mut out = fs::Publisher::site(dir, false)?;
        output::csv::write_trends(&trends, &out)?;
        out.commit()?;
    }
    Ok(())
}

/// `trendfeed emerging`: one fold with the emerging counter alone.
fn run_emerging(args: &cli::EmergingArgs, global: &cli::GlobalArgs, verbosity: Verbosity) -> Result<()> {
    let kinds = [build::collect::Kind::Emerging];
    let (config, mut collected) = build::analyse(&global.archive(), &[], trends::Period::default(), &kinds, verbosity)?;
    let counter = collected.emerging.take().context("the terms were not counted")?;
    let emerging = counter.finish(args.emerging.options());
    let text = match args.format {
        cli::Format::Table => output::table::emerging_table(&emerging).into_bytes(),
        cli::Format::Csv => output::csv::emerging_csv(&emerging, output::csv::Flavour::Data)?,
        cli::Format::Json => output::trends_json::emerging_json(&emerging)?,
    };
    print_out(&text)?;
    if let Some(dir) = &global.out {
        // Writes the CSV and the chart and leaves the rest of the folder alone (no `finish`).
        let mut out = fs::Publisher::site(dir, false)?;
        output::csv::write_emerging(&emerging, &out)?;
        output::charts::write_emerging(&emerging, &config, &chart_formats(args.png), &out)?;
        out.commit()?;
    }
    Ok(())
}

/// `trendfeed check`: exit status 1 on an error (or a warning with
/// `--deny-warnings`).
fn run_check(args: &cli::CheckArgs, global: &cli::GlobalArgs, verbosity: Verbosity) -> Result<ExitCode> {
    let archive = global.archive();
    let config = load_config(archive.config.as_deref())?;
    let loaded = load_dir(&archive.issues, &config, verbosity)?;
    let found = check::check(&loaded);
    let shown: Vec<&Diagnostic> =
        found.iter().filter(|d| verbosity != Verbosity::Quiet || d.severity == Severity::Error).collect();
    let (shown, left_out) = if args.all { (shown, String::new()) } else { check::examples(shown) };
    diagnostics::eprint_all(shown);
    if verbosity != Verbosity::Quiet {
        print_out(format!("{left_out}{}\n", check::summary(&loaded.archive, &found)).as_bytes())?;
        if args.stats {
            print_out(format!("{}\n", stats::stats(&loaded, &found)).as_bytes())?;
        }
    }
    let failed = found.iter().any(|d| d.severity == Severity::Error || args.deny_warnings);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Writes to standard output, returning the error (a closed pipe, say)
/// instead of panicking as `println!` does; `main` treats a closed pipe as
/// success.
pub(crate) fn print_out(bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()
}

/// Said after a build whose feeds link to localhost.
pub const LOCAL_NOTE: &str = "feeds link to localhost; set base_url in trendfeed.toml before publishing";

/// What a build did.
#[derive(Debug)]
pub struct Summary {
    pub issues: usize,
    pub items: usize,
    pub feeds: usize,
    pub files: usize,
    pub skipped: usize,
    /// The warnings `check` finds in the archive (it shows them).
    pub warnings: usize,
    pub out: PathBuf,
    /// Whether the feeds link to this machine (`base_url` is localhost).
    pub local: bool,
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
        match self.warnings {
            0 => {}
            1 => write!(f, "; 1 warning (run trendfeed check)")?,
            n => write!(f, "; {n} warnings (run trendfeed check)")?,
        }
        Ok(())
    }
}

/// The configuration: `--config FILE`, else `trendfeed.toml` if present, else the defaults.
pub fn load_config(path: Option<&Path>) -> Result<Config> {
    match path {
        Some(path) => Config::load(path),
        None if Path::new("trendfeed.toml").is_file() => Config::load(Path::new("trendfeed.toml")),
        None => Ok(Config::builtin()),
    }
}

/// Reads the archive, with a progress bar on large archives in a terminal.
fn load_dir(issues: &Path, config: &Config, verbosity: Verbosity) -> Result<Loaded> {
    let options = LoadOptions { verbose: verbosity == Verbosity::Verbose, progress: verbosity != Verbosity::Quiet };
    input::load_dir(issues, config, options)
        .with_context(|| format!("cannot read the archive in `{}`", issues.display()))
}

/// SVG, and PNG when asked.
pub(crate) fn chart_formats(png: bool) -> Vec<output::charts::Format> {
    let mut formats = vec![output::charts::Format::Svg];
    formats.extend(png.then_some(output::charts::Format::Png));
    formats
}
