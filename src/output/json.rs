//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>) rendering of a
//! [`Feed`]: the same ids, links, dates and content as its RSS and Atom
//! siblings.

use anyhow::{Context, Result};
use serde::Serialize;

use super::feeds::Feed;
use crate::config::Config;

/// The JSON Feed version this writes.
pub const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: String,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    authors: [Author<'a>; 1],
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<[&'a str; 1]>,
}

/// Renders `feed` as a JSON Feed 1.1 document.
pub fn render_json(feed: &Feed, config: &Config) -> Result<Vec<u8>> {
    let json = JsonFeed {
        version: VERSION,
        title: &feed.title,
        home_page_url: &config.base_url,
        feed_url: format!("{}{}.json", config.base_url, feed.path),
        description: &feed.description,
        language: config.language.as_deref(),
        authors: [Author { name: &config.author }],
        items: feed
            .entries
            .iter()
            .map(|e| JsonItem {
                id: &e.id,
                url: &e.link,
                title: &e.title,
                content_html: &e.html,
                summary: &e.summary,
                date_published: e.date.to_rfc3339(),
                date_modified: e.updated.to_rfc3339(),
                tags: e.category.as_deref().map(|c| [c]),
            })
            .collect(),
    };
    let mut bytes =
        serde_json::to_vec_pretty(&json).with_context(|| format!("failed to render `{}.json`", feed.path))?;
    bytes.push(b'\n');
    Ok(bytes)
}
