//! The command line, as clap derive structs. The `///` docs are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::trends::Period;

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
    /// Report problems in the archive without writing anything.
    Check(CheckArgs),
    /// Print a shell completion script (bash, zsh or fish) to standard output.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to standard output.
    Man,
}

/// Where the archive and the configuration are.
#[derive(Debug, Clone, Args)]
pub struct ArchiveArgs {
    /// Folder of issue files (.md, .markdown, .mdown, .txt), read recursively.
    #[arg(long, value_name = "DIR", default_value = "issues")]
    pub issues: PathBuf,
    /// Configuration file [default: trendfeed.toml if it exists, else built-in defaults].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub archive: ArchiveArgs,
    /// Period the trends are counted by.
    #[arg(long, value_enum, default_value_t = Period::Month)]
    pub period: Period,
    /// Output folder; files of earlier builds that are no longer produced are removed.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
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
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub archive: ArchiveArgs,
    /// Exit with 1 on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
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
            out: "out".into(),
            skip_invalid: false,
        }
    }
}
