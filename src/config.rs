//! The configuration: `trendfeed.toml`, or the built-in defaults, which are
//! that same file as committed (embedded at compile time).
//!
//! This module only reads and checks the configuration; it does not know
//! about issues or outputs.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::fs;

/// The default configuration, exactly as committed in `trendfeed.toml`.
pub const DEFAULT_TOML: &str = include_str!("../trendfeed.toml");

/// Everything a build can be told. See `trendfeed.toml` for each key.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title: the first part of every feed `<title>`.
    pub title: String,
    /// The feeds' `<description>` / Atom `<subtitle>`.
    pub description: String,
    /// Where `out/` is published; ends with `/`.
    pub base_url: String,
    /// Feed-level `<author>` (Atom) and `<managingEditor>`-free RSS credit.
    pub author: String,
    /// Entries kept in each section and topic feed.
    pub feed_limit: usize,
    /// Entries kept in the whole-issue feeds.
    pub issue_feed_limit: usize,
    /// Largest feed file, in bytes; the oldest entries are dropped to fit.
    pub feed_max_bytes: usize,
    /// Sections left out of the trend counts.
    pub exclude_sections: Vec<String>,
    /// Regexes that mark the start of an issue's footer.
    pub footer_patterns: Vec<String>,
    /// Section name as written → name to publish it under.
    pub section_aliases: BTreeMap<String, String>,
    /// Topics counted in the trends.
    pub topics: Vec<Topic>,
    /// Zone for dates written without one (an IANA name); UTC when unset.
    pub timezone: Option<String>,
}

/// A topic: a display name and the terms that count as a mention of it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The name shown in CSV headers, chart legends and feed titles.
    pub name: String,
    /// Whole-word, case-insensitive terms; a trailing `s` also matches.
    pub terms: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        // The embedded file is checked by the `default_config_parses` test.
        Config::from_toml(DEFAULT_TOML).expect("the embedded trendfeed.toml is valid")
    }
}

impl Config {
    /// Reads a configuration file; keys it leaves out take their defaults.
    pub fn load(path: &Path) -> Result<Config> {
        let text = fs::read_to_string(path)?;
        Config::from_toml(&text).with_context(|| format!("invalid configuration `{}`", path.display()))
    }

    /// Parses configuration text over the defaults and checks it.
    pub fn from_toml(text: &str) -> Result<Config> {
        // Merge the user's table over the default table, so any key may be left out.
        let mut merged: toml::Table = toml::from_str(DEFAULT_TOML).context("built-in defaults")?;
        let user: toml::Table = toml::from_str(text)?;
        for (key, value) in user {
            merged.insert(key, value);
        }
        let config: Config = toml::Value::Table(merged).try_into()?;
        config.check()?;
        Ok(config)
    }

    fn check(&self) -> Result<()> {
        let base = url::Url::parse(&self.base_url)
            .with_context(|| format!("base_url `{}` is not an absolute URL", self.base_url))?;
        if base.host_str().is_none() || !self.base_url.ends_with('/') {
            bail!("base_url `{}` must be an absolute http(s) URL ending with `/`", self.base_url);
        }
        if self.feed_limit == 0 || self.issue_feed_limit == 0 {
            bail!("feed_limit and issue_feed_limit must be at least 1");
        }
        self.zone()?;
        for pattern in &self.footer_patterns {
            regex::Regex::new(pattern).with_context(|| format!("footer_patterns: `{pattern}` is not a valid regex"))?;
        }
        for topic in &self.topics {
            if topic.name.trim().is_empty() {
                bail!("topics: a topic has an empty name");
            }
            if topic.terms.iter().any(|t| t.trim().is_empty()) {
                bail!("topics: `{}` has an empty term", topic.name);
            }
        }
        Ok(())
    }

    /// The zone for dates without an offset, from `timezone`.
    pub fn zone(&self) -> Result<Option<chrono_tz::Tz>> {
        self.timezone
            .as_deref()
            .map(|name| {
                name.parse::<chrono_tz::Tz>()
                    .map_err(|_| anyhow::anyhow!("timezone `{name}` is not an IANA zone name such as Europe/London"))
            })
            .transpose()
    }

    /// The name a section is published under, after `section_aliases`.
    pub fn canonical_section<'a>(&'a self, name: &'a str) -> &'a str {
        self.section_aliases.get(name).map(String::as_str).unwrap_or(name)
    }

    /// Whether a section (by canonical name) is counted in the trends.
    pub fn counts_section(&self, canonical: &str) -> bool {
        !self.exclude_sections.iter().any(|s| s.eq_ignore_ascii_case(canonical))
    }

    /// The host of `base_url`, used as the authority of `tag:` ids.
    pub fn host(&self) -> String {
        url::Url::parse(&self.base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "localhost".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_parses() {
        let config = Config::from_toml(DEFAULT_TOML).unwrap();
        assert_eq!(config.feed_limit, 100);
        assert_eq!(config.base_url, "http://localhost:8000/");
        let names: Vec<_> = config.topics.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Docker", "Kubernetes", "Unikernels"]);
        assert_eq!(config.canonical_section("CNCF - Cloud Native Computing Foundation"), "CNCF");
    }

    #[test]
    fn partial_file_keeps_defaults() {
        let config = Config::from_toml("title = \"Rust Weekly\"\nfeed_limit = 5\n").unwrap();
        assert_eq!(config.title, "Rust Weekly");
        assert_eq!(config.feed_limit, 5);
        assert_eq!(config.topics.len(), 3);
    }

    #[test]
    fn unknown_key_is_an_error() {
        let err = Config::from_toml("titel = \"x\"\n").unwrap_err();
        assert!(format!("{err:#}").contains("unknown field `titel`"), "{err:#}");
    }

    #[test]
    fn relative_base_url_is_an_error() {
        let err = Config::from_toml("base_url = \"/feeds/\"\n").unwrap_err();
        assert!(format!("{err:#}").contains("not an absolute URL"), "{err:#}");
    }
}
