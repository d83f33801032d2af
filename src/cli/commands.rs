//! The arguments of each command, and the flags that several share.

use std::path::PathBuf;

use clap::Args;

use crate::config::Topic;
use crate::trends::Period;
use crate::trends::emerging::Options;

/// Where the archive and the configuration are: the global `--issues` and
/// `--config` ([`GlobalArgs::archive`](super::GlobalArgs::archive)).
#[derive(Debug, Clone)]
pub struct ArchiveArgs {
    pub issues: PathBuf,
    pub config: Option<PathBuf>,
}

impl Default for ArchiveArgs {
    fn default() -> ArchiveArgs {
        ArchiveArgs { issues: "issues".into(), config: None }
    }
}

/// What the trends count, for `build` and `trends`.
#[derive(Debug, Clone, Default, Args)]
pub struct TrendFlags {
    /// Period the trends are counted by.
    #[arg(long, value_enum, default_value_t = Period::Month)]
    pub period: Period,
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
    /// compared with all earlier months [default: chosen from the archive]
    ///
    /// Without it, the window is the last 12 months when they hold 12
    /// issues or more; else months are added one by one, going back, until
    /// it holds 12 issues, but never so many that it holds more than half
    /// of the archive's issues (it stays 12 months at least). The output
    /// says which window was used, and why when it is longer than 12 months.
    #[arg(long, value_name = "MONTHS", value_parser = clap::value_parser!(u32).range(1..))]
    pub recent: Option<u32>,
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
    /// Objects named as the CSV columns: an array for `trends`; for
    /// `emerging`, the rows under `terms`, with the window used.
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// From the global `--issues` and `--config`.
    #[arg(skip)]
    pub archive: ArchiveArgs,
    #[command(flatten)]
    pub trends: TrendFlags,
    #[command(flatten)]
    pub emerging: EmergingFlags,
    /// Also write each chart as PNG (1920 pixels wide, 1200 high or more), for slides.
    #[arg(long)]
    pub png: bool,
    /// From the global `--out` [default: out].
    #[arg(skip = PathBuf::from("out"))]
    pub out: PathBuf,
    /// Build into a folder that holds no manifest yet is not empty (its
    /// files are kept), or whose files at the paths of outputs are not in the
    /// manifest (they are replaced).
    #[arg(long)]
    pub force: bool,
    /// Build from the valid issues even when some are invalid (they are still listed).
    #[arg(long)]
    pub skip_invalid: bool,
    /// Keep the cache of parsed issues and rendered pages in DIR [default:
    /// $XDG_CACHE_HOME/trendfeed/<hash of the output folder's path>, or
    /// ~/.cache/trendfeed/…]
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Build from scratch: parse every issue and render every page, and
    /// neither read nor write the cache (`--cache-dir` is then ignored).
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Clone, Args)]
pub struct TrendsArgs {
    /// From the global `--issues` and `--config`.
    #[arg(skip)]
    pub archive: ArchiveArgs,
    #[command(flatten)]
    pub trends: TrendFlags,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Args)]
pub struct EmergingArgs {
    /// From the global `--issues` and `--config`.
    #[arg(skip)]
    pub archive: ArchiveArgs,
    #[command(flatten)]
    pub emerging: EmergingFlags,
    /// Output format on standard output.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also write emerging.png (with `--out`).
    #[arg(long)]
    pub png: bool,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// From the global `--issues` and `--config`.
    #[arg(skip)]
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
    /// From the global `--issues` [default: issues].
    #[arg(skip = PathBuf::from("issues"))]
    pub issues: PathBuf,
    /// From the global `--config`: the file to write (`-`: standard output)
    /// [default: trendfeed.toml].
    #[arg(skip)]
    pub config: Option<PathBuf>,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Print the file to standard output instead of writing it.
    #[arg(long)]
    pub stdout: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// The command whose page to print [default: the page of trendfeed itself].
    #[arg(value_name = "COMMAND", value_parser = ["build", "trends", "emerging", "check", "serve", "init", "completions", "man"])]
    pub command: Option<String>,
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
            archive: ArchiveArgs::default(),
            trends: TrendFlags::default(),
            emerging: EmergingFlags::default(),
            png: false,
            out: "out".into(),
            force: false,
            skip_invalid: false,
            cache_dir: None,
            no_cache: false,
        }
    }
}
