//! What every feed holds, whatever its format: built once from the archive,
//! then written as RSS ([`super::rss`]) and Atom ([`super::atom`]).
//!
//! Entry ids are `tag:` URIs (RFC 4151) made of the base URL's host, the
//! issue's date, the section's slug and a hash of the item's first URL, so
//! they do not change when other items are added, removed, reordered or
//! edited, nor when an issue file is renamed.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset};

use crate::config::Config;
use crate::model::{Archive, Issue, Item, Section};

/// A feed, format-neutral.
#[derive(Debug, Clone)]
pub struct Feed {
    /// File name without extension, below `feeds/`.
    pub slug: String,
    pub title: String,
    pub description: String,
    /// The newest entry's date (the newest issue's when there is no entry).
    pub updated: DateTime<FixedOffset>,
    pub entries: Vec<Entry>,
}

/// One entry of a feed.
#[derive(Debug, Clone)]
pub struct Entry {
    /// `tag:` URI; RSS `guid isPermaLink="false"`, Atom `id`.
    pub id: String,
    pub title: String,
    /// RSS `link`, Atom `link rel="alternate"`.
    pub link: String,
    /// RSS `pubDate`, Atom `updated` and `published`.
    pub date: DateTime<FixedOffset>,
    /// RSS `content:encoded`, Atom `content type="html"`.
    pub html: String,
    /// RSS `description`, Atom `summary`: plain text.
    pub summary: String,
    /// RSS and Atom `category`: the section name.
    pub category: Option<String>,
}

/// The feeds of every section, in slug order, and the whole-issue feed.
pub fn build_feeds(archive: &Archive, config: &Config) -> Vec<Feed> {
    let newest = archive.issues.last().map(|i| i.date).unwrap_or_default();
    let host = config.host();
    let mut sections: BTreeMap<&str, (&str, Vec<Entry>)> = BTreeMap::new();
    for issue in archive.issues.iter().rev() {
        let mut repeats: HashMap<(&str, String), usize> = HashMap::new();
        for section in &issue.sections {
            let (_, entries) = sections.entry(&section.slug).or_insert((&section.canonical, Vec::new()));
            for item in &section.items {
                let key = id_key(item);
                let n = repeats.entry((&section.slug, key.clone())).or_insert(0);
                *n += 1;
                if entries.len() < config.feed_limit {
                    let id = item_id(&host, issue, section, &key, *n);
                    entries.push(item_entry(issue, section, item, id, config));
                }
            }
        }
    }
    let mut feeds: Vec<Feed> = sections
        .into_iter()
        .map(|(slug, (name, entries))| Feed {
            slug: slug.to_owned(),
            title: format!("{} — {name}", config.title),
            description: format!("The {name} section of {}.", config.title),
            updated: entries.first().map_or(newest, |e| e.date),
            entries,
        })
        .collect();
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
            html: issue_html(issue),
            summary: issue.intro_text.clone(),
            category: None,
        })
        .collect();
    Feed {
        slug: "all".to_owned(),
        title: format!("{} — all issues", config.title),
        description: config.description.clone(),
        updated: newest,
        entries,
    }
}

/// The path of an issue's page below `out/`.
pub fn issue_page(issue: &Issue) -> String {
    format!("issues/{}.html", issue.key())
}

/// What identifies an item within its issue and section: its first URL, or
/// its title when it has no link.
fn id_key(item: &Item) -> String {
    match item.url() {
        Some(url) => url.to_owned(),
        None => format!("title:{}", item.title()),
    }
}

fn item_id(host: &str, issue: &Issue, section: &Section, key: &str, repeat: usize) -> String {
    let hash = sha1_smol::Sha1::from(key).digest().to_string();
    let suffix = if repeat > 1 { format!("-{repeat}") } else { String::new() };
    format!("tag:{host},{}:{}/{}{suffix}", issue.date.format("%Y-%m-%d"), section.slug, &hash[..16])
}

fn item_entry(issue: &Issue, section: &Section, item: &Item, id: String, config: &Config) -> Entry {
    let link = match item.url() {
        Some(url) => url.to_owned(),
        None => format!("{}{}", config.base_url, issue_page(issue)),
    };
    Entry {
        id,
        title: item.title().into_owned(),
        link,
        date: issue.date,
        html: item.html.clone(),
        summary: item.text.clone(),
        category: Some(section.canonical.clone()),
    }
}

/// The whole issue as HTML: intro, then each section and its items.
pub fn issue_html(issue: &Issue) -> String {
    let mut html = issue.intro_html.clone();
    for section in &issue.sections {
        html.push_str(&format!("<h2>{}</h2>\n", escape(&section.name)));
        for item in &section.items {
            if let Some(title) = &item.title_line {
                html.push_str(&format!("<h3>{}</h3>\n", escape(title)));
            }
            html.push_str(&item.html);
        }
    }
    html
}

/// Escapes text for HTML element content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}
