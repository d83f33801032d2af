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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the issues and write feeds, trends and pages to the output folder.
    Build(BuildArgs),
    /// Print the trend table (mentions per topic and period) in the terminal.
    Trends(TrendsArgs),
}

/// Where the archive and the configuration are.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Folder of issue files (.md, .markdown, .mdown, .txt), read recursively.
    #[arg(long, value_name = "DIR", default_value = "issues")]
    pub issues: PathBuf,
    /// Configuration file [default: trendfeed.toml if it exists, else built-in defaults].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Period the trends are counted by.
    #[arg(long, value_enum, default_value_t = Period::Month)]
    pub period: Period,
}

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
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
    pub input: InputArgs,
}

impl Default for BuildArgs {
    fn default() -> BuildArgs {
        BuildArgs {
            input: InputArgs { issues: "issues".into(), config: None, period: Period::Month },
            out: "out".into(),
            skip_invalid: false,
        }
    }
}
