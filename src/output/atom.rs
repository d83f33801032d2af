//! Atom 1.0 (RFC 4287) rendering of a [`Feed`], with `atom_syndication`.
//!
//! The feed has an id (its own URL), a feed-level author, `updated` from the
//! newest entry, and `rel="self"` and `rel="alternate"` links. Content is
//! `type="html"`, escaped once by the writer.

use anyhow::{Context, Result};
use atom_syndication::{Category, Content, Entry, Generator, Link, Person, Text, WriteConfig};

use super::feeds::Feed;
use crate::config::Config;

/// Renders `feed` as an Atom document published at `path` below the base URL.
pub fn render_atom(feed: &Feed, path: &str, config: &Config) -> Result<Vec<u8>> {
    let self_url = format!("{}{path}", config.base_url);
    let entries = feed
        .entries
        .iter()
        .map(|entry| Entry {
            id: entry.id.clone(),
            title: Text::plain(entry.title.clone()),
            updated: entry.date,
            published: Some(entry.date),
            links: vec![link(&entry.link, "alternate", Some("text/html"))],
            categories: entry
                .category
                .iter()
                .map(|name| Category { term: name.clone(), ..Category::default() })
                .collect(),
            summary: Some(Text::plain(entry.summary.clone())).filter(|s| !s.value.is_empty()),
            content: Some(Content {
                value: Some(entry.html.clone()),
                content_type: Some("html".into()),
                ..Content::default()
            }),
            ..Entry::default()
        })
        .collect();
    let atom = atom_syndication::Feed {
        id: self_url.clone(),
        title: Text::plain(feed.title.clone()),
        subtitle: Some(Text::plain(feed.description.clone())),
        updated: feed.updated,
        authors: vec![Person { name: config.author.clone(), ..Person::default() }],
        generator: Some(Generator { value: "trendfeed".into(), ..Generator::default() }),
        links: vec![
            link(&self_url, "self", Some("application/atom+xml")),
            link(&config.base_url, "alternate", Some("text/html")),
        ],
        entries,
        ..atom_syndication::Feed::default()
    };
    let write = WriteConfig { write_document_declaration: true, indent_size: Some(2) };
    let mut bytes = atom.write_with_config(Vec::new(), write).with_context(|| format!("failed to render `{path}`"))?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn link(href: &str, rel: &str, mime_type: Option<&str>) -> Link {
    Link { href: href.to_owned(), rel: rel.to_owned(), mime_type: mime_type.map(str::to_owned), ..Link::default() }
}
