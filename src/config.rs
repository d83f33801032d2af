//! The configuration: `trendfeed.toml`, or the built-in defaults, which are
//! that same file as committed (embedded at compile time).
//!
//! This module only reads and checks the configuration; it does not know
//! about issues or outputs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::str::FromStr;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Deserializer};

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

/// A topic: a display name and the terms that count as a mention of it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The name shown in CSV headers, chart legends and feed titles.
    pub name: String,
    /// Whole-word terms (see [`Term`]); none: the topic matches its own name.
    #[serde(default)]
    pub terms: Vec<Term>,
}

/// A term of a topic: a word or a phrase.
///
/// Written in `trendfeed.toml` as a string (`"docker"`: case-insensitive,
/// plural allowed) or as a table (`{ term = "Go", case_sensitive = true,
/// plural = false }`). The words of a phrase match across one space, line
/// break or hyphen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The word or phrase.
    pub text: String,
    /// Match the case as written (`Go` the language, not `go` the verb).
    pub case_sensitive: bool,
    /// Also match with a trailing `s`.
    pub plural: bool,
}

impl From<&str> for Term {
    fn from(text: &str) -> Term {
        Term { text: text.to_owned(), case_sensitive: false, plural: true }
    }
}

impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Term, D::Error> {
        /// The table form, with the defaults of the string form.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Table {
            term: String,
            #[serde(default)]
            case_sensitive: bool,
            #[serde(default = "yes")]
            plural: bool,
        }
        fn yes() -> bool {
            true
        }
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Term;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    r#"a term: a string, or a table such as { term = "Go", case_sensitive = true, plural = false }"#,
                )
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Term, E> {
                Ok(Term::from(text))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Term, A::Error> {
                let t = Table::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Term { text: t.term, case_sensitive: t.case_sensitive, plural: t.plural })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `Name=term,term` or `Name` (the topic then matches its name), as given
/// to `--topic`.
impl FromStr for Topic {
    type Err = String;

    fn from_str(arg: &str) -> Result<Topic, String> {
        let (name, terms) = arg.split_once('=').unwrap_or((arg, ""));
        let name = name.trim();
        if name.is_empty() {
            return Err(format!("`{arg}` has no topic name: expected NAME or NAME=term,term"));
        }
        let terms = terms.split(',').map(str::trim).filter(|t| !t.is_empty()).map(Term::from).collect();
        Ok(Topic { name: name.to_owned(), terms })
    }
}

impl Default for Config {
    fn default() -> Config {
        // The embedded file is checked by the `default_config_parses` test.
        Config::from_toml(DEFAULT_TOML).expect("the embedded trendfeed.toml is valid")
    }
}

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

    /// Whether `key` (one of [`INFERRED`]) was left out of the
    /// configuration and is inferred from the archive.
    pub fn is_inferred(&self, key: &str) -> bool {
        self.inferred.contains(&key)
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
            regex::Regex::new(pattern).with_context(|| footer_pattern_error(pattern))?;
        }
        for pattern in &self.boilerplate_patterns {
            regex::Regex::new(pattern)
                .with_context(|| format!("boilerplate_patterns: `{pattern}` is not a valid regex"))?;
        }
        if self.section_level.is_some_and(|l| !(1..=6).contains(&l)) {
            bail!("section_level must be a heading level from 1 to 6");
        }
        self.check_topics()
    }

    fn check_topics(&self) -> Result<()> {
        let mut names = BTreeSet::new();
        for topic in &self.topics {
            if topic.name.trim().is_empty() {
                bail!("topics: a topic has an empty name");
            }
            if !names.insert(topic.name.trim().to_lowercase()) {
                bail!("topics: `{}` is named twice", topic.name);
            }
            if topic.terms.iter().any(|t| !t.text.chars().any(char::is_alphanumeric)) {
                bail!("topics: `{}` has an empty term", topic.name);
            }
        }
        Ok(())
    }

    /// The configuration with the topics given on the command line in place
    /// of the configured ones (unchanged when `topics` is empty). A topic
    /// given by name only takes the terms of the configured topic of that
    /// name, if there is one.
    pub fn with_topics(mut self, topics: &[Topic]) -> Result<Config> {
        if topics.is_empty() {
            return Ok(self);
        }
        let configured = std::mem::take(&mut self.topics);
        self.inferred.retain(|&key| key != "topics");
        self.topics = topics
            .iter()
            .map(|topic| match configured.iter().find(|c| c.name.eq_ignore_ascii_case(&topic.name)) {
                Some(known) if topic.terms.is_empty() => known.clone(),
                _ => topic.clone(),
            })
            .collect();
        self.check_topics().context("--topic")?;
        Ok(self)
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

/// A value of the configuration text that is wrong, at its line (1-based).
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct BadValue {
    pub line: usize,
    pub message: String,
}

/// Checks the values whose type serde would reject without saying where:
/// `chart_min_items` must be a whole number, 0 or more.
fn check_values(text: &str) -> Result<()> {
    #[derive(Deserialize)]
    struct Spans {
        chart_min_items: Option<toml::Spanned<toml::Value>>,
    }
    let Ok(spans) = toml::from_str::<Spans>(text) else { return Ok(()) }; // syntax errors are reported later
    if let Some(value) = spans.chart_min_items
        && value.get_ref().as_integer().is_none_or(|n| n < 0)
    {
        let line = text[..value.span().start].matches('\n').count() + 1;
        let message = format!(
            "chart_min_items must be a whole number of items, 0 or more (0: no point is drawn lighter), not `{}`",
            value.get_ref()
        );
        return Err(BadValue { line, message }.into());
    }
    Ok(())
}

fn footer_pattern_error(pattern: &str) -> String {
    format!("footer_patterns: `{pattern}` is not a valid regex")
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
        assert_eq!(config.min_section_issues, 2);
        // The repository's newsletter settings are not defaults: left out,
        // they are inferred from the archive.
        assert!(config.topics.is_empty() && config.section_aliases.is_empty());
        assert_eq!(config.inferred, ["description", "author", "topics", "emerging_stop_words", "exclude_sections"]);
        assert!(!config.emerging_stop_words.iter().any(|w| w == "devops"));
        let full = Config::from_toml(DEFAULT_TOML).unwrap();
        assert!(full.inferred.is_empty(), "{:?}", full.inferred);
        assert!(full.emerging_stop_words.iter().any(|w| w == "devops"));
    }

    #[test]
    fn unknown_key_is_an_error() {
        let err = Config::from_toml("titel = \"x\"\n").unwrap_err();
        assert!(format!("{err:#}").contains("unknown field `titel`"), "{err:#}");
    }

    #[test]
    fn a_bad_footer_pattern_is_named_and_good_ones_compile() {
        let err = Config::from_toml("footer_patterns = ['(?i)unsub', '(unclosed']\n").unwrap_err();
        let message = format!("{err:#}");
        assert!(message.contains("footer_patterns: `(unclosed` is not a valid regex"), "{message}");
        assert!(message.contains("unclosed group"), "{message}");
        let config = Config::from_toml("footer_patterns = ['(?i)\\bunsub', 'view (this|it)']\n").unwrap();
        let set = config.footer_regexes().unwrap();
        assert_eq!(set.len(), 2);
        assert!(set.is_match("Click UNSUBSCRIBE") && set.is_match("view it online") && !set.is_match("mailunsub"));
    }

    #[test]
    fn terms_as_strings_or_tables() {
        let config = Config::from_toml(
            "[[topics]]\nname = \"Go\"\nterms = [\"golang\", { term = \"Go\", case_sensitive = true, plural = false }]\n\
             [[topics]]\nname = \"Rust\"\n",
        )
        .unwrap();
        let go = &config.topics[0];
        assert_eq!(go.terms[0], Term { text: "golang".into(), case_sensitive: false, plural: true });
        assert_eq!(go.terms[1], Term { text: "Go".into(), case_sensitive: true, plural: false });
        assert!(config.topics[1].terms.is_empty());
        let err =
            Config::from_toml("[[topics]]\nname = \"Go\"\nterms = [{ term = \"Go\", case = true }]\n").unwrap_err();
        assert!(format!("{err:#}").contains("unknown field `case`"), "{err:#}");
    }

    #[test]
    fn topics_from_the_command_line() {
        let serverless: Topic = "Serverless=serverless, faas,lambda".parse().unwrap();
        assert_eq!(serverless.name, "Serverless");
        let terms: Vec<&str> = serverless.terms.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(terms, ["serverless", "faas", "lambda"]);
        let rust: Topic = "Rust".parse().unwrap();
        assert!(rust.terms.is_empty());
        assert!("=x".parse::<Topic>().is_err());
        // A name alone picks the configured topic of that name.
        let config = Config::default().with_topics(&["docker".parse().unwrap(), rust]).unwrap();
        assert_eq!(config.topics[0].name, "Docker");
        assert_eq!(config.topics[0].terms.len(), 3);
        assert_eq!(config.topics[1].name, "Rust");
        let twice = Config::default().with_topics(&["Go".parse().unwrap(), "go".parse().unwrap()]);
        assert!(format!("{:#}", twice.unwrap_err()).contains("`go` is named twice"));
    }

    #[test]
    fn included_and_excluded_sections() {
        let config = Config::from_toml("include_sections = [\"News\", \"Jobs\"]\n").unwrap();
        assert!(config.counts_section("news"));
        assert!(!config.counts_section("Tools"));
        assert!(!config.counts_section("Jobs"), "excluded wins");
        assert!(Config::default().counts_section("Tools"));
    }

    #[test]
    fn chart_min_items_defaults_to_30_and_must_be_a_whole_number() {
        assert_eq!(Config::builtin().chart_min_items, 30);
        assert_eq!(Config::from_toml("chart_min_items = 0\n").unwrap().chart_min_items, 0);
        for bad in ["-3", "\"thirty\"", "2.5"] {
            let err = Config::from_toml(&format!("title = \"x\"\n\nchart_min_items = {bad}\n")).unwrap_err();
            assert_eq!(
                format!("{err:#}"),
                format!(
                    "line 3: chart_min_items must be a whole number of items, 0 or more \
                     (0: no point is drawn lighter), not `{bad}`"
                )
            );
        }
    }

    #[test]
    fn relative_base_url_is_an_error() {
        let err = Config::from_toml("base_url = \"/feeds/\"\n").unwrap_err();
        assert!(format!("{err:#}").contains("not an absolute URL"), "{err:#}");
    }
}
