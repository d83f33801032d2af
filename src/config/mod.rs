//! The configuration: `trendfeed.toml`, or the built-in defaults, which are
//! that same file as committed (embedded at compile time).
//!
//! This module only reads and checks the configuration; it does not know
//! about issues or outputs.

mod check;
mod load;
mod topics;

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use serde::Deserialize;

pub use check::BadValue;
pub use topics::{Term, Topic};

/// The default configuration, exactly as committed in `trendfeed.toml`.
pub const DEFAULT_TOML: &str = include_str!("../../trendfeed.toml");

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
    /// Language of the issues (RSS `<language>`, Atom `xml:lang`), e.g. `en`.
    pub language: Option<String>,
    /// Feed-level `<author>` (Atom) and `<managingEditor>`-free RSS credit.
    pub author: String,
    /// Entries kept in each section and topic feed.
    pub feed_limit: usize,
    /// Entries kept in the whole-issue feeds.
    pub issue_feed_limit: usize,
    /// Largest feed file, in bytes; the oldest entries are dropped to fit.
    pub feed_max_bytes: usize,
    /// Sections counted in the trends; empty: every section not excluded.
    pub include_sections: Vec<String>,
    /// Sections left out of the trend counts.
    pub exclude_sections: Vec<String>,
    /// Whether the intro counts in the trends (as one more item of its issue).
    pub count_intro: bool,
    /// Whether the texts of links count in the trends.
    pub count_link_texts: bool,
    /// Words that emerging-topic detection ignores, besides English stop words.
    pub emerging_stop_words: Vec<String>,
    /// Regexes that mark the start of an issue's footer.
    pub footer_patterns: Vec<String>,
    /// Section name as written → name to publish it under.
    #[serde(default)]
    pub section_aliases: BTreeMap<String, String>,
    /// Topics counted in the trends.
    pub topics: Vec<Topic>,
    /// Zone for dates written without one (an IANA name); UTC when unset.
    pub timezone: Option<String>,
    /// The heading level (1–6) of sections; unset: inferred from the archive.
    #[serde(default)]
    pub section_level: Option<u8>,
    /// Sections seen in fewer issues get no feed of their own.
    #[serde(default = "two")]
    pub min_section_issues: usize,
    /// Regexes: a paragraph or bullet whose text matches one is boilerplate.
    #[serde(default)]
    pub boilerplate_patterns: Vec<String>,
    /// Chart points resting on fewer counted items in their period are
    /// drawn lighter (and so are the explore page's periods); 0: none.
    pub chart_min_items: usize,
    /// The keys of [`INFERRED`] that the configuration left out: their
    /// values are placeholders until [`crate::init::complete`] infers them
    /// from the archive.
    #[serde(skip)]
    pub inferred: Vec<&'static str>,
}

fn two() -> usize {
    2
}

/// Keys that, when the configuration leaves them out, are inferred from the
/// archive as `trendfeed init` infers them (see [`crate::init::complete`]).
pub const INFERRED: [&str; 6] = ["title", "description", "author", "topics", "emerging_stop_words", "exclude_sections"];

/// Words of newsletters in general that `trendfeed emerging` ignores,
/// besides English stop words: the start of every inferred
/// `emerging_stop_words`.
pub const GENERIC_STOP_WORDS: [&str; 49] = [
    "issue",
    "newsletter",
    "post",
    "posts",
    "article",
    "articles",
    "blog",
    "talk",
    "talks",
    "slides",
    "video",
    "videos",
    "presentation",
    "write",
    "writeup",
    "new",
    "good",
    "great",
    "nice",
    "interesting",
    "useful",
    "excellent",
    "decent",
    "handy",
    "also",
    "via",
    "using",
    "use",
    "used",
    "look",
    "looks",
    "lots",
    "well",
    "really",
    "read",
    "week",
    "one",
    "two",
    "bit",
    "thing",
    "things",
    "way",
    "ways",
    "like",
    "get",
    "see",
    "part",
    "weekly",
    "monthly",
];

/// Sections left out of the trend counts whatever the archive: the start of
/// every inferred `exclude_sections`.
pub const GENERIC_EXCLUDED: [&str; 3] = ["Sponsor", "Sponsored", "Jobs"];

impl Default for Config {
    fn default() -> Config {
        // The embedded file is checked by the `default_config_parses` test.
        Config::from_toml(DEFAULT_TOML).expect("the embedded trendfeed.toml is valid")
    }
}

impl Config {
    /// Whether `key` (one of [`INFERRED`]) was left out of the
    /// configuration and is inferred from the archive.
    pub fn is_inferred(&self, key: &str) -> bool {
        self.inferred.contains(&key)
    }

    /// The compiled `footer_patterns`: a line is footer if any of them matches.
    pub fn footer_regexes(&self) -> Result<regex::RegexSet> {
        regex::RegexSet::new(&self.footer_patterns).context("footer_patterns: cannot compile them")
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

    /// Whether a section (by canonical name) is counted in the trends: it is
    /// in `include_sections` (or that list is empty) and not in
    /// `exclude_sections`.
    pub fn counts_section(&self, canonical: &str) -> bool {
        let listed = |list: &[String]| list.iter().any(|s| s.eq_ignore_ascii_case(canonical));
        (self.include_sections.is_empty() || listed(&self.include_sections)) && !listed(&self.exclude_sections)
    }

    /// Whether `base_url` is this machine (`localhost`, `127.0.0.1`, `[::1]`):
    /// the feeds work only here.
    pub fn is_local(&self) -> bool {
        let host = self.host();
        host == "localhost" || host.ends_with(".localhost") || host == "[::1]" || host.starts_with("127.")
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
mod tests;
