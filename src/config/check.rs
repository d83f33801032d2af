//! Checking the configuration: values serde cannot place at a line, the
//! base URL, limits, zone, patterns, section level and topics.

use std::collections::BTreeSet;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::Config;

impl Config {
    pub(super) fn check(&self) -> Result<()> {
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

    pub(super) fn check_topics(&self) -> Result<()> {
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
pub(super) fn check_values(text: &str) -> Result<()> {
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
