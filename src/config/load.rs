//! Loading the configuration: the user's file merged over the defaults,
//! without the repository's own newsletter settings, with placeholders for
//! the keys inferred from the archive; then checked ([`super::check`]).

use std::path::Path;

use anyhow::{Context, Result};

use super::check::check_values;
use super::{BadValue, Config, DEFAULT_TOML, GENERIC_EXCLUDED, GENERIC_STOP_WORDS, INFERRED};
use crate::fs;

/// The value of an [`INFERRED`] key before the archive is read.
fn placeholder(key: &str) -> toml::Value {
    let list = |words: &[&str]| toml::Value::Array(words.iter().map(|w| toml::Value::from(*w)).collect());
    match key {
        "title" => toml::Value::from("Newsletter"),
        "description" | "author" => toml::Value::from(""),
        "emerging_stop_words" => list(&GENERIC_STOP_WORDS),
        "exclude_sections" => list(&GENERIC_EXCLUDED),
        _ => toml::Value::Array(Vec::new()),
    }
}

/// Keys of the repository's own `trendfeed.toml` that are its newsletter's
/// settings, not defaults: an archive without a configuration file does not
/// take them.
const REPOSITORY_ONLY: [&str; 8] = [
    "min_section_issues",
    "section_aliases",
    "title",
    "description",
    "author",
    "topics",
    "emerging_stop_words",
    "exclude_sections",
];

impl Config {
    /// The built-in defaults alone, for an archive without a configuration
    /// file: the repository's `trendfeed.toml` without its newsletter's own
    /// settings, which are [`INFERRED`] from the archive.
    pub fn builtin() -> Config {
        Config::from_toml("").expect("the embedded trendfeed.toml is valid")
    }

    /// Reads a configuration file; keys it leaves out take their defaults.
    /// A value found wrong at a known line is reported as `path:line: …`.
    pub fn load(path: &Path) -> Result<Config> {
        let text = fs::read_to_string(path)?;
        Config::from_toml(&text).map_err(|e| match e.downcast::<BadValue>() {
            Ok(bad) => anyhow::anyhow!("{}:{}: {}", path.display(), bad.line, bad.message),
            Err(e) => e.context(format!("invalid configuration `{}`", path.display())),
        })
    }

    /// Parses configuration text over the defaults and checks it.
    pub fn from_toml(text: &str) -> Result<Config> {
        check_values(text)?;
        // Merge the user's table over the default table, so any key may be left out.
        let mut merged: toml::Table = toml::from_str(DEFAULT_TOML).context("built-in defaults")?;
        for key in REPOSITORY_ONLY {
            merged.remove(key);
        }
        let user: toml::Table = toml::from_str(text)?;
        for (key, value) in user {
            merged.insert(key, value);
        }
        // Placeholders for the keys left out, until the archive is read.
        let mut inferred = Vec::new();
        for key in INFERRED {
            if !merged.contains_key(key) {
                merged.insert(key.to_owned(), placeholder(key));
                inferred.push(key);
            }
        }
        let mut config: Config = toml::Value::Table(merged).try_into()?;
        config.inferred = inferred;
        config.check()?;
        Ok(config)
    }
}
