//! The topics of the configuration: their names and [`Term`]s, as written
//! in `trendfeed.toml` or given to `--topic`.

use std::str::FromStr;

use anyhow::{Context, Result};
use serde::{Deserialize, Deserializer};

use super::Config;

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

impl Config {
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
}
