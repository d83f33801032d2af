//! RSS 2.0 rendering of a [`Feed`], with the `rss` crate.
//!
//! Full content goes in `content:encoded`, plain text in `description`; the
//! feed links to itself with `atom:link rel="self"`. Dates are RFC 822 with a
//! four-digit year and the issue's own offset.

use anyhow::{Context, Result};
use rss::extension::atom::{AtomExtension, Link};
use rss::{Category, ChannelBuilder, Guid, ItemBuilder};

use super::feeds::Feed;
use crate::config::Config;

/// Renders `feed` as an RSS 2.0 document (without a stylesheet).
pub fn render_rss(feed: &Feed, config: &Config) -> Result<Vec<u8>> {
    let items = feed
        .entries
        .iter()
        .map(|entry| {
            let categories = entry.category.iter().map(|name| Category { name: name.clone(), domain: None });
            ItemBuilder::default()
                .title(entry.title.clone())
                .link(entry.link.clone())
                .guid(Guid { value: entry.id.clone(), permalink: false })
                .pub_date(entry.date.to_rfc2822())
                .description(entry.summary.clone())
                .content(entry.html.clone())
                .categories(categories.collect::<Vec<_>>())
                .build()
        })
        .collect::<Vec<_>>();
    let self_link = Link {
        href: format!("{}{}.rss", config.base_url, feed.path),
        rel: "self".into(),
        mime_type: Some("application/rss+xml".into()),
        ..Link::default()
    };
    let channel = ChannelBuilder::default()
        .title(feed.title.clone())
        .link(config.base_url.clone())
        .description(feed.description.clone())
        .language(config.language.clone())
        .last_build_date(feed.updated.to_rfc2822())
        .generator("trendfeed".to_owned())
        .atom_ext(AtomExtension { links: vec![self_link] })
        .items(items)
        .build();
    let mut bytes = channel
        .pretty_write_to(Vec::new(), b' ', 2)
        .with_context(|| format!("failed to render `{}.rss`", feed.path))?;
    bytes.push(b'\n');
    Ok(bytes)
}
