//! The command line, as clap derive structs. The `///` docs are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::Topic;
use crate::trends::Period;
use crate::trends::emerging::Options;

/// Turns an archive of newsletter issues (markdown with front matter) into
/// per-section RSS and Atom feeds, topic trends as CSV and SVG, and a static
/// site. With no command, runs `build`.
#[derive(Debug, Parser)]
#[command(name = "trendfeed", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print each file as it is read.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the issues and write feeds, trends and pages to the output folder.
    Build(BuildArgs),
    /// Print the trend table (mentions per topic and period) in the terminal.
    Trends(TrendsArgs),
    /// Find the terms whose share of items rose most in the recent months,
    /// print them, and write out/trends/emerging.csv and emerging.svg.
    Emerging(EmergingArgs),
    /// Report problems in the archive without writing anything.
    Check(CheckArgs),
    /// Build, serve the output folder on 127.0.0.1, and build again and
    /// reload open pages when an issue, the configuration or static/ changes.
    Serve(ServeArgs),
    /// Write a commented trendfeed.toml holding what was inferred from the
    /// archive: title, section level, sections, boilerplate, suggested
    /// excluded sections and topics.
    Init(InitArgs),
    /// Print a shell completion script (bash, zsh or fish) to standard output.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to standard output.
    Man,
}

/// Where the archive and the configuration are.
#[derive(Debug, Clone, Args)]
pub struct ArchiveArgs {
    /// Folder of issue files (.md, .markdown, .mdown, .mdx, .txt), read recursively.
    #[arg(long, value_name = "DIR", default_value = "issues")]
    pub issues: PathBuf,
    /// Configuration file [default: trendfeed.toml if it exists, else built-in defaults].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// What the trends count, for `build` and `trends`.
#[derive(Debug, Clone, Default, Args)]
pub struct TrendFlags {
    /// Count these topics instead of the configured ones: NAME=term,term or
    /// NAME (a configured topic's terms, else the name itself). Repeatable.
    #[arg(long = "topic", value_name = "TOPIC")]
    pub topics: Vec<Topic>,
    /// Add share_smoothed: the share averaged over N periods centred on each
    /// (charts and sparklines show it).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub smooth: Option<u16>,
}

/// How emerging terms are found, for `build` and `emerging`.
#[derive(Debug, Clone, Copy, Args)]
pub struct EmergingFlags {
    /// Months in the recent window (ending with the newest issue's month),
    /// compared with all earlier months.
    #[arg(long, value_name = "MONTHS", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..))]
    pub recent: u32,
    /// Emerging terms kept.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub top: usize,
    /// Recent items an emerging term must appear in (from two issues or more).
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub min_items: u32,
}

impl EmergingFlags {
    pub fn options(self) -> Options {
        Options { recent_months: self.recent, top: self.top, min_items: self.min_items as usize }
    }
}

impl Default for EmergingFlags {
    fn default() -> EmergingFlags {
        let options = Options::default();
        EmergingFlags { recent: options.recent_months, top: options.top, min_items: options.min_items as u32 }
    }
}

/// How `trends` and `emerging` print their rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns with a sparkline per row.
    #[default]
    Table,
    /// The columns of the CSV file.
    Csv,
    /// An array of objects named as the CSV columns.
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub archive: ArchiveArgs,
    /// Period the trends are counted by.
    #[arg(long, value_enum, default_value_t = Period::Month)]
    pub period: Period,
    #[command(flatten)]
    pub trends: TrendFlags,
    #[command(flatten)]
    pub emerging: EmergingFlags,
    /// Also write each chart as PNG (1920×1080), for slides.
    #[arg(long)]
    pub png: bool,
    /// Output folder. The build lists the files it writes in
    /// DIR/.trendfeed-manifest; a later build removes only listed files it no
    /// longer produces, and never replaces or removes other files (CNAME,
    /// anything of yours). A static/ folder beside the configuration is
    /// copied into it as it is.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// Build into a folder that holds no manifest yet is not empty (its
    /// files are kept), or whose files at the paths of outputs are not in the
    /// manifest (they are replaced).
    #[arg(long)]
    pub force: bool,
    /// Build from the valid issues even when some are invalid (they are still listed).
    #[arg(long)]
    pub skip_invalid: bool,
}

#[derive(Debug, Clone, Args)]
pub struct TrendsArgs {
    #[command(flatten)]
    pub archive: ArchiveArgs,
    /// Period the trends are counted by.
    #[arg(long, value_enum, default_value_t = Period::Month)]
    pub period: Period,
    #[command(flatten)]
    pub trends: TrendFlags,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Args)]
pub struct EmergingArgs {
    #[command(flatten)]
    pub archive: ArchiveArgs,
    #[command(flatten)]
    pub emerging: EmergingFlags,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Folder to write trends/emerging.csv and emerging.svg in (nothing else
    /// in it changes).
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// Also write emerging.png.
    #[arg(long)]
    pub png: bool,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub archive: ArchiveArgs,
    /// Exit with 1 on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also print the figures that say whether the archive was read right:
    /// items per issue by year against the source's links, items without a
    /// link, boilerplate found, sections recurring, seen once and merged,
    /// problems by kind.
    #[arg(long)]
    pub stats: bool,
    /// Print every problem; without it, at most 3 of each kind are shown
    /// and the rest counted.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Port to listen on, on 127.0.0.1 (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Open the site in the default web browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// Folder of issue files (.md, .markdown, .mdown, .txt), read recursively.
    #[arg(long, value_name = "DIR", default_value = "issues")]
    pub issues: PathBuf,
    /// File to write (`-`: standard output) [default: trendfeed.toml].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Print the file to standard output instead of writing it.
    #[arg(long)]
    pub stdout: bool,
}

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

impl Default for BuildArgs {
    fn default() -> BuildArgs {
        BuildArgs {
            archive: ArchiveArgs { issues: "issues".into(), config: None },
            period: Period::Month,
            trends: TrendFlags::default(),
            emerging: EmergingFlags::default(),
            png: false,
            out: "out".into(),
            force: false,
            skip_invalid: false,
        }
    }
}
