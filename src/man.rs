//! The manual pages, generated from the clap definitions: trendfeed(1),
//! which adds the configuration keys, the files and the exit codes, and one
//! trendfeed-COMMAND(1) per command. The configuration keys and their
//! descriptions come from the comments of the repository's `trendfeed.toml`,
//! so the page says what that file says.

use std::path::Path;

use anyhow::{Context, Result, bail};
use clap::CommandFactory;
use clap_mangen::roff::{Roff, bold, italic, roman};

use crate::cli::Cli;

/// The repository's commented configuration file.
const CONFIG_FILE: &str = include_str!("../trendfeed.toml");

/// The exit codes, for every page.
const EXIT_CODES: [(&str, &str); 3] = [
    ("0", "Success. For check: no error was found (no warning either, with --deny-warnings)."),
    (
        "1",
        "Failure: an invalid issue or configuration, a file that cannot be read or written, a refused output \
         folder; for check: an error was found (or a warning, with --deny-warnings).",
    ),
    ("2", "Usage error: an unknown command or option, a bad value, or conflicting or repeated options."),
];

/// The files trendfeed reads and writes, for trendfeed(1).
const FILES: [(&str, &str); 8] = [
    ("issues/", "The archive: one issue per file (.md, .markdown, .mdown, .mdx, .txt), read recursively (--issues)."),
    ("trendfeed.toml", "The configuration, if it exists (--config); trendfeed init writes one for an archive."),
    ("out/", "The site that build writes (--out). trends and emerging write there only when given --out."),
    (
        "out/feeds/",
        "One RSS, Atom and JSON feed per section and topic, and all.rss, all.atom, all.json of whole issues.",
    ),
    ("out/issues/", "One HTML page per issue."),
    (
        "out/trends/",
        "trends.csv, trends-wide.csv, trends-wide-share.csv, by-issue.csv, emerging.csv and their SVG charts.",
    ),
    ("out/index.html, out/items.csv", "The home page, and every item of every issue as CSV."),
    (
        "out/spreadsheet/",
        "Each CSV file again, for Excel, LibreOffice and Numbers: a UTF-8 byte-order mark, and text cells \
         starting with = + - @ prefixed with '.",
    ),
];

/// The root command, built so that each command knows its full name
/// (`trendfeed-build`) and the global options.
fn root() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The page of trendfeed (`command` is `None`) or of one of its commands.
pub fn page(command: Option<&str>) -> Result<Vec<u8>> {
    let root = root();
    let cmd = match command {
        None => root.clone(),
        Some(name) => match root.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => bail!("no manual page for `{name}`: it is not a command of trendfeed"),
        },
    };
    render(&root, cmd, command.is_none())
}

/// Writes every page to `dir` (`trendfeed.1`, `trendfeed-build.1`…);
/// returns how many.
pub fn write_all(dir: &Path) -> Result<usize> {
    crate::fs::create_dir_all(dir)?;
    let root = root();
    let mut pages = vec![("trendfeed.1".to_owned(), render(&root, root.clone(), true)?)];
    for sub in root.get_subcommands() {
        let name = format!("{}.1", sub.get_display_name().unwrap_or_else(|| sub.get_name()));
        pages.push((name, render(&root, sub.clone(), false)?));
    }
    for (name, bytes) in &pages {
        let path = dir.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("failed to write `{}`", path.display()))?;
    }
    Ok(pages.len())
}

/// clap_mangen's page of `cmd`, then the sections it cannot know.
fn render(root: &clap::Command, cmd: clap::Command, is_root: bool) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let source = format!("trendfeed {}", root.get_version().unwrap_or_default());
    clap_mangen::Man::new(cmd).source(source).render(&mut bytes).context("failed to render the manual page")?;
    let mut roff = Roff::new();
    if is_root {
        roff.control("SH", ["CONFIGURATION"]);
        roff.text([roman(
            "Every key is optional. The values shown are those of the repository's trendfeed.toml. Left out, \
             title, description, author, topics, emerging_stop_words and exclude_sections are inferred from the \
             archive (as trendfeed init writes them), section_aliases is empty and min_section_issues is 2; \
             every other key takes the value shown. trendfeed init writes a file of the values inferred for an \
             archive.",
        )]);
        for key in config_keys() {
            roff.control("TP", []);
            roff.text([bold(key.name), roman(" = "), italic(key.example)]);
            roff.text([roman(key.text)]);
        }
        roff.control("SH", ["FILES"]);
        for (file, text) in FILES {
            roff.control("TP", []);
            roff.text([bold(file)]);
            roff.text([roman(text)]);
        }
    }
    roff.control("SH", ["EXIT STATUS"]);
    for (code, text) in EXIT_CODES {
        roff.control("TP", []);
        roff.text([bold(code)]);
        roff.text([roman(text)]);
    }
    roff.control("SH", ["SEE ALSO"]);
    let names: Vec<String> = if is_root {
        root.get_subcommands().map(|s| format!("{}(1)", s.get_display_name().unwrap_or_else(|| s.get_name()))).collect()
    } else {
        vec!["trendfeed(1)".to_owned()]
    };
    roff.text([roman(names.join(", "))]);
    bytes.extend_from_slice(roff.render().as_bytes());
    Ok(bytes)
}

/// A key of the configuration file, with the value and comment the
/// repository's file gives it.
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigKey {
    pub name: String,
    pub example: String,
    pub text: String,
}

/// The keys of the repository's `trendfeed.toml`, in its order.
pub fn config_keys() -> Vec<ConfigKey> {
    parse_config_keys(CONFIG_FILE)
}

/// Reads a commented TOML file: each top-level key (or commented-out key,
/// `# timezone = "UTC"`, or table, `[[topics]]`) with the paragraph of
/// comment just above it. Keys inside tables are not listed.
fn parse_config_keys(text: &str) -> Vec<ConfigKey> {
    let mut keys: Vec<ConfigKey> = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut in_table = false;
    for line in text.lines().map(str::trim) {
        let uncommented = line.strip_prefix('#').map(str::trim);
        let table = line.trim_start_matches('[').trim_end_matches(']');
        if line.starts_with('[') {
            in_table = true;
            if !keys.iter().any(|k| k.name == table) {
                let example = if line.starts_with("[[") { "[[…]] tables" } else { "a table" };
                push_key(&mut keys, table, example, &paragraph);
            }
            paragraph.clear();
            continue;
        }
        match (uncommented, key_value(uncommented.unwrap_or(line))) {
            (_, Some((name, value))) if !in_table || !paragraph.is_empty() => {
                push_key(&mut keys, name, value, &paragraph);
                paragraph.clear();
            }
            (Some(""), _) | (None, _) => paragraph.clear(),
            (Some(comment), None) => paragraph.push(comment),
            _ => {}
        }
    }
    keys
}

fn push_key(keys: &mut Vec<ConfigKey>, name: &str, example: &str, paragraph: &[&str]) {
    // A multi-line array shows its opening bracket only.
    let example = if example == "[" { "[…]" } else { example };
    keys.push(ConfigKey { name: name.to_owned(), example: example.to_owned(), text: paragraph.join(" ") });
}

/// `name = value` with a bare lower-case key.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(" = ")?;
    name.chars().all(|c| c.is_ascii_lowercase() || c == '_').then_some((name, value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_take_the_paragraph_above_them() {
        let text = "# Intro of the file.\n\n# Site title:\n# the first part.\ntitle = \"X\"\n\n\
                    # Unset: UTC.\n# timezone = \"UTC\"\n#\n# Lists.\nlist = [\n  \"a\",\n]\n\n\
                    # Aliases.\n[section_aliases]\n\"A B\" = \"A\"\n\n# Topics.\n[[topics]]\nname = \"D\"\n\n\
                    [[topics]]\nname = \"K\"\n";
        let key = |name: &str, example: &str, text: &str| ConfigKey {
            name: name.to_owned(),
            example: example.to_owned(),
            text: text.to_owned(),
        };
        assert_eq!(
            parse_config_keys(text),
            [
                key("title", "\"X\"", "Site title: the first part."),
                key("timezone", "\"UTC\"", "Unset: UTC."),
                key("list", "[…]", "Lists."),
                key("section_aliases", "a table", "Aliases."),
                key("topics", "[[…]] tables", "Topics."),
            ]
        );
    }
}
