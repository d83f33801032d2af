//! What every feed holds, whatever its format: built once from the archive,
//! then written as RSS ([`super::rss`]), Atom ([`super::atom`]) and JSON Feed
//! ([`super::json`]).
//!
//! Feeds: one per section (`feeds/<slug>`), one per topic
//! (`feeds/topics/<slug>`: the items of counted sections that mention it),
//! and one of whole issues (`feeds/all`).
//!
//! Entry ids are `tag:` URIs (RFC 4151) made of the base URL's host, the
//! issue's date, the section's slug and a hash of the item's first URL, so
//! they do not change when other items are added, removed, reordered or
//! edited, nor when an issue file is renamed. An item has the same id in
//! its section feed and in its topic feeds.

mod entry;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use crate::config::Config;
use crate::model::{Archive, Issue, Item, Section, topic_slugs};
use crate::trends::Matcher;
use crate::trends::text::item_texts;
pub use entry::{Entry, escape, issue_html, issue_page, item_ids, page_of_key};
use entry::{distinct_updated, issue_outline, item_entry};

/// What a feed is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    Section,
    Topic,
    Issues,
}

/// A feed, format-neutral.
#[derive(Debug, Clone)]
pub struct Feed {
    pub kind: FeedKind,
    /// Path below `out/` without the extension: `feeds/news`.
    pub path: String,
    /// The section or topic name (`all issues` for the issue feed).
    pub name: String,
    pub title: String,
    /// One sentence: the feeds' description and the home page's line.
    pub description: String,
    /// The newest entry's date (the newest issue's when there is no entry).
    pub updated: DateTime<FixedOffset>,
    pub entries: Vec<Entry>,
}

/// Longest excerpt, in characters, that replaces an oversized entry's content.
const EXCERPT_CHARS: usize = 2_000;

impl Feed {
    /// The feed with every entry whose content and summary would take more
    /// than a quarter of `max_bytes` cut to an excerpt and a link to the
    /// whole item, so one huge item cannot empty a feed.
    pub fn with_excerpts(&self, max_bytes: usize) -> Feed {
        let mut feed = self.clone();
        for entry in feed.entries.iter_mut().filter(|e| e.html.len() + e.summary.len() > max_bytes / 4) {
            let mut excerpt: String = entry.summary.chars().take(EXCERPT_CHARS).collect();
            if excerpt.len() < entry.summary.len() {
                excerpt.push('…');
            }
            entry.html = format!(
                "<p>{}</p>\n<p><a href=\"{}\">Read the whole item</a></p>\n",
                escape(&excerpt),
                escape(&entry.link)
            );
            entry.summary = excerpt;
        }
        feed
    }

    /// The feed with every entry that has an outline and takes more than its
    /// share of `max_bytes` (the budget over the number of entries) shown
    /// as its outline; `None` when no entry changed.
    pub fn with_outlines(&self, max_bytes: usize) -> Option<(Feed, usize)> {
        let share = max_bytes / self.entries.len().max(1);
        let mut feed = self.clone();
        let mut changed = 0;
        for entry in feed.entries.iter_mut().filter(|e| e.html.len() + e.summary.len() > share) {
            if let Some(outline) = entry.outline.take() {
                entry.html = outline;
                changed += 1;
            }
        }
        (changed > 0).then_some((feed, changed))
    }

    /// The feed with only its newest `n` entries (`updated` unchanged).
    pub fn truncated(&self, n: usize) -> Feed {
        Feed { entries: self.entries[..n.min(self.entries.len())].to_vec(), ..self.clone() }
    }
}

/// Which feeds the items of an issue go in, besides their section's
/// (when it has one): per section, per item, the topics it mentions.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct ItemFeeds {
    pub topics: Vec<Vec<Vec<usize>>>,
}

impl ItemFeeds {
    pub fn of(issue: &Issue, matcher: &Matcher, config: &Config) -> ItemFeeds {
        let per_item = |section| move |item| item_topics(section, item, matcher, config);
        ItemFeeds { topics: issue.sections.iter().map(|s| s.items.iter().map(per_item(s)).collect()).collect() }
    }
}

/// The topics whose feed an item goes in: those its counted text
/// ([`item_texts`]) mentions, in a section whose items are counted.
pub fn item_topics(section: &Section, item: &Item, matcher: &Matcher, config: &Config) -> Vec<usize> {
    if !config.counts_section(&section.canonical) || matcher.is_empty() {
        return Vec::new();
    }
    let texts = item_texts(item, config.count_link_texts);
    (0..matcher.len()).filter(|&t| texts.iter().any(|text| matcher.mentions(t, text))).collect()
}

/// Every feed: sections in slug order, topics in configuration order, then
/// the whole-issue feed.
pub fn build_feeds(archive: &Archive, config: &Config) -> Result<Vec<Feed>, regex::Error> {
    Ok(build_feeds_with(archive, config, &Matcher::new(&config.topics)?))
}

/// [`build_feeds`] with the topics' matcher already compiled.
pub fn build_feeds_with(archive: &Archive, config: &Config, matcher: &Matcher) -> Vec<Feed> {
    let newest = archive.issues.last().map(|i| i.date).unwrap_or_default();
    let mut sections: BTreeMap<&str, (&str, Vec<Entry>)> = BTreeMap::new();
    let mut topics: Vec<Vec<Entry>> = vec![Vec::new(); config.topics.len()];
    for issue in archive.issues.iter().rev() {
        let count = issue.items().count();
        for (position, ((section, item), id)) in issue.items().zip(item_ids(issue, config)).enumerate() {
            let mut no_feed = Vec::new();
            let entries = if section.feed {
                &mut sections.entry(&section.slug).or_insert((&section.canonical, Vec::new())).1
            } else {
                &mut no_feed
            };
            let wanted: Vec<usize> = item_topics(section, item, matcher, config)
                .into_iter()
                .filter(|&t| topics[t].len() < config.feed_limit)
                .collect();
            if (!section.feed || entries.len() >= config.feed_limit) && wanted.is_empty() {
                continue;
            }
            let entry = item_entry(issue, section, item, id, count - 1 - position, config);
            for t in wanted {
                topics[t].push(entry.clone());
            }
            if section.feed && entries.len() < config.feed_limit {
                entries.push(entry);
            }
        }
    }
    let feed = |kind, path: String, name: &str, description: String, entries: Vec<Entry>| Feed {
        kind,
        path,
        name: name.to_owned(),
        title: format!("{} — {name}", config.title),
        description,
        updated: entries.first().map_or(newest, |e: &Entry| e.date),
        entries: distinct_updated(entries),
    };
    let mut feeds: Vec<Feed> = sections
        .into_iter()
        .map(|(slug, (name, entries))| {
            let description = format!("The {name} section of {}.", config.title);
            feed(FeedKind::Section, format!("feeds/{slug}"), name, description, entries)
        })
        .collect();
    let names: Vec<String> = config.topics.iter().map(|t| t.name.clone()).collect();
    for ((topic, entries), slug) in config.topics.iter().zip(topics).zip(topic_slugs(&names)) {
        let description = format!("Items of {} that mention {}.", config.title, topic.name);
        feeds.push(feed(FeedKind::Topic, format!("feeds/topics/{slug}"), &topic.name, description, entries));
    }
    feeds.push(issues_feed(archive, config, newest));
    feeds
}

fn issues_feed(archive: &Archive, config: &Config, newest: DateTime<FixedOffset>) -> Feed {
    let host = config.host();
    let entries = archive
        .issues
        .iter()
        .rev()
        .take(config.issue_feed_limit)
        .map(|issue| Entry {
            id: format!("tag:{host},{}:issue/{}", issue.date.format("%Y-%m-%d"), issue.key()),
            title: issue.title.clone(),
            link: format!("{}{}", config.base_url, issue_page(issue)),
            date: issue.date,
            updated: issue.date,
            html: issue_html(issue),
            summary: issue.intro_text.clone(),
            category: None,
            outline: Some(issue_outline(issue, &format!("{}{}", config.base_url, issue_page(issue)))),
        })
        .collect();
    Feed {
        kind: FeedKind::Issues,
        path: "feeds/all".to_owned(),
        name: "all issues".to_owned(),
        title: format!("{} — all issues", config.title),
        description: config.description.clone(),
        updated: newest,
        entries: distinct_updated(entries),
    }
}
