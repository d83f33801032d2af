//! The command line, as clap derive structs. The `///` docs are the help text.

mod commands;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand};

pub use commands::{
    ArchiveArgs, BuildArgs, CheckArgs, CompletionsArgs, EmergingArgs, EmergingFlags, Format, InitArgs, ManArgs,
    ServeArgs, TrendFlags, TrendsArgs,
};

/// Turns an archive of newsletter issues (markdown with front matter) into
/// per-section RSS and Atom feeds, topic trends as CSV and SVG, and a static
/// site. With no command, runs `build`.
///
/// `--issues`, `--config`, `--out`, `--quiet` and `--verbose` go before or
/// after the command. Only `build` writes the site; `trends` and `emerging`
/// print their results and write files only when given `--out`; `check`
/// writes nothing.
#[derive(Debug, Parser)]
#[command(name = "trendfeed", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// The options every command takes, before or after its name.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Folder of issue files (.md, .markdown, .mdown, .mdx, .txt), read
    /// recursively [default: issues].
    #[arg(long, value_name = "DIR", global = true)]
    pub issues: Option<PathBuf>,
    /// Configuration file [default: trendfeed.toml if it exists, else
    /// built-in defaults]. For `init`: the file to write (`-`: standard output).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Output folder. `build` writes the site there [default: out] and lists
    /// the files it writes in DIR/.trendfeed-manifest; a later build removes
    /// only listed files it no longer produces, and never replaces or removes
    /// other files (CNAME, anything of yours). A static/ folder beside the
    /// configuration is copied into it as it is. `trends` and `emerging`
    /// write their CSV and chart there only when it is given; `man` writes
    /// every page there instead of printing one.
    #[arg(long, value_name = "DIR", global = true)]
    pub out: Option<PathBuf>,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print each file as it is read.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

impl GlobalArgs {
    /// The archive and configuration the options name, with their defaults.
    pub fn archive(&self) -> ArchiveArgs {
        ArchiveArgs { issues: self.issues.clone().unwrap_or_else(|| "issues".into()), config: self.config.clone() }
    }
}

impl Cli {
    /// Parses the command line; a usage error (clap's, or one the types
    /// cannot express: a global option given twice, a topic given twice,
    /// `--out` for a command that writes nothing) prints the usage and
    /// exits with 2.
    pub fn parse_args() -> Cli {
        let args: Vec<OsString> = std::env::args_os().collect();
        let cli = Cli::parse_from(&args);
        if let Err(error) = cli.validate(&args) {
            error.exit();
        }
        cli
    }

    /// The usage errors that clap's attributes cannot express; `args` is
    /// the command line, program name first.
    pub fn validate(&self, args: &[OsString]) -> Result<(), clap::Error> {
        let name = self.command.as_ref().map(Command::name);
        let conflict = |message: String| Err(usage_error(name, message));
        if let Some(option) = repeated_global(args) {
            return conflict(format!("the argument '{option}' cannot be used multiple times"));
        }
        let topics = match &self.command {
            Some(Command::Build(args)) => &args.trends.topics[..],
            Some(Command::Trends(args)) => &args.trends.topics[..],
            _ => &[],
        };
        let mut seen: Vec<&str> = Vec::new();
        for topic in topics {
            if let Some(first) = seen.iter().find(|name| name.eq_ignore_ascii_case(&topic.name)) {
                return conflict(format!(
                    "--topic `{}` is given twice (as `{first}` and `{}`)",
                    topic.name, topic.name
                ));
            }
            seen.push(&topic.name);
            if let Some(term) = topic.terms.iter().find(|t| !t.text.chars().any(char::is_alphanumeric)) {
                return conflict(format!("--topic `{}`: the term `{}` has no letter or digit", topic.name, term.text));
            }
        }
        let png = match &self.command {
            Some(Command::Build(args)) => args.png,
            Some(Command::Serve(args)) => args.build.png,
            Some(Command::Emerging(args)) => args.png,
            _ => false,
        };
        if png && !cfg!(feature = "png") {
            return conflict(format!(
                "the argument '--png' cannot be used: {}",
                crate::output::charts::png::UNAVAILABLE
            ));
        }
        if let Some(Command::Emerging(args)) = &self.command
            && args.png
            && self.global.out.is_none()
        {
            // Not `requires = "out"`: clap checks it before `--out` given ahead of the command reaches it.
            return conflict("the argument '--png' needs '--out <DIR>': the chart is written only there".to_owned());
        }
        if self.global.out.is_some()
            && let Some(name @ ("check" | "init" | "completions")) = name
        {
            return conflict(format!("the argument '--out <DIR>' cannot be used with '{name}': it writes no folder"));
        }
        Ok(())
    }
}

/// A usage error, with the usage of `command` (or of trendfeed itself).
fn usage_error(command: Option<&str>, message: String) -> clap::Error {
    let mut root = Cli::command();
    root.build();
    match command.and_then(|name| root.find_subcommand_mut(name)) {
        Some(sub) => sub.error(ErrorKind::ArgumentConflict, message),
        None => root.error(ErrorKind::ArgumentConflict, message),
    }
}

/// The first global option with a value given twice (before and after the
/// command, say: clap keeps the last silently), as clap names it.
fn repeated_global(args: &[OsString]) -> Option<&'static str> {
    const OPTIONS: [(&str, &str); 3] =
        [("--issues", "--issues <DIR>"), ("--config", "--config <FILE>"), ("--out", "--out <DIR>")];
    let mut counts = [0; 3];
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let flag = arg.split_once('=').map_or(&*arg, |(flag, _)| flag);
        if let Some(i) = OPTIONS.iter().position(|(option, _)| *option == flag) {
            counts[i] += 1;
            if counts[i] > 1 {
                return Some(OPTIONS[i].1);
            }
            if !arg.contains('=') {
                args.next(); // The value, whatever it looks like.
            }
        }
    }
    None
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the issues and write feeds, trends and pages to the output folder.
    Build(BuildArgs),
    /// Print the trend table (mentions per topic and period) in the terminal.
    Trends(TrendsArgs),
    /// Find the terms whose share of items rose most in the recent months
    /// and print them; with `--out DIR`, also write DIR/trends/emerging.csv
    /// (and its spreadsheet copy) and emerging.svg.
    Emerging(EmergingArgs),
    /// Report problems in the archive without writing anything. `build`
    /// reports only the warnings it meets while reading (front matter,
    /// shared issue keys); `check` reports every kind.
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
    /// Print a manual page (roff) to standard output: trendfeed(1), or
    /// trendfeed-COMMAND(1) for a command; with `--out DIR`, write every
    /// page to DIR instead.
    Man(ManArgs),
}

impl Command {
    /// The command's name on the command line.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Build(_) => "build",
            Command::Trends(_) => "trends",
            Command::Emerging(_) => "emerging",
            Command::Check(_) => "check",
            Command::Init(_) => "init",
            Command::Serve(_) => "serve",
            Command::Completions(_) => "completions",
            Command::Man(_) => "man",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn a_global_option_before_and_after_the_command_is_repeated() {
        assert_eq!(repeated_global(&args("trendfeed --issues a build --issues b")), Some("--issues <DIR>"));
        assert_eq!(repeated_global(&args("trendfeed --out=a build --out b")), Some("--out <DIR>"));
        assert_eq!(repeated_global(&args("trendfeed --config a --config=b")), Some("--config <FILE>"));
    }

    #[test]
    fn option_values_and_arguments_after_the_separator_are_not_options() {
        assert_eq!(repeated_global(&args("trendfeed --issues --issues build")), None);
        assert_eq!(repeated_global(&args("trendfeed --issues a --out b check --config c")), None);
        assert_eq!(repeated_global(&args("trendfeed --out a -- --out")), None);
    }

    /// The usage error of `line`, if it has one.
    fn usage_error_of(line: &str) -> Option<String> {
        let line = args(line);
        let checked = Cli::try_parse_from(&line).and_then(|cli| cli.validate(&line));
        checked.err().map(|e| e.to_string())
    }

    #[cfg(feature = "png")]
    #[test]
    fn png_is_accepted_with_the_png_feature() {
        assert_eq!(usage_error_of("trendfeed build --png"), None);
        assert_eq!(usage_error_of("trendfeed serve --png"), None);
        assert_eq!(usage_error_of("trendfeed --out o emerging --png"), None);
    }

    #[cfg(not(feature = "png"))]
    #[test]
    fn png_is_refused_without_the_png_feature() {
        let expected = "error: the argument '--png' cannot be used: \
                        this trendfeed was built without PNG support (cargo feature `png`)";
        for line in ["trendfeed build --png", "trendfeed serve --png", "trendfeed --out o emerging --png"] {
            let error = usage_error_of(line).unwrap_or_default();
            assert_eq!(error.lines().next(), Some(expected), "{line}");
        }
        assert_eq!(usage_error_of("trendfeed build"), None);
    }

    #[test]
    fn the_man_command_names_every_command() {
        let root = Cli::command();
        let man = root.find_subcommand("man").map(|m| m.get_arguments().flat_map(|a| a.get_possible_values()));
        let listed: Vec<String> = man.into_iter().flatten().map(|v| v.get_name().to_owned()).collect();
        let commands: Vec<&str> = root.get_subcommands().map(|c| c.get_name()).collect();
        assert_eq!(listed, commands);
    }
}
