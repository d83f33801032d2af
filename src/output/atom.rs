//! Atom 1.0 (RFC 4287) rendering of a [`Feed`], with `atom_syndication`.
//!
//! The feed has an id (its own URL), a feed-level author, `updated` from the
//! newest entry, and `rel="self"` and `rel="alternate"` links. Content is
//! `type="html"`, escaped once by the writer.

use anyhow::{Context, Result};
use atom_syndication::{Category, Content, Entry, Generator, Link, Person, Text, WriteConfig};

use super::feeds::Feed;
use crate::config::Config;

/// Renders `feed` as an Atom document (the stylesheets are added by `output`).
pub fn render_atom(feed: &Feed, config: &Config) -> Result<Vec<u8>> {
    let self_url = format!("{}{}.atom", config.base_url, feed.path);
    let entries = feed
        .entries
        .iter()
        .map(|entry| Entry {
            id: entry.id.clone(),
            title: Text::plain(entry.title.clone()),
            updated: entry.updated,
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
    // Not before any entry's `updated`, which may be seconds after its date.
    let updated = feed.entries.iter().map(|e| e.updated).max().map_or(feed.updated, |u| u.max(feed.updated));
    let atom = atom_syndication::Feed {
        id: self_url.clone(),
        title: Text::plain(feed.title.clone()),
        subtitle: Some(Text::plain(feed.description.clone())),
        updated,
        authors: vec![Person { name: config.author.clone(), ..Person::default() }],
        generator: Some(Generator { value: "trendfeed".into(), ..Generator::default() }),
        lang: config.language.clone(),
        links: vec![
            link(&self_url, "self", Some("application/atom+xml")),
            link(&config.base_url, "alternate", Some("text/html")),
        ],
        entries,
        ..atom_syndication::Feed::default()
    };
    let write = WriteConfig { write_document_declaration: true, indent_size: Some(2) };
    let mut bytes =
        atom.write_with_config(Vec::new(), write).with_context(|| format!("failed to render `{}.atom`", feed.path))?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn link(href: &str, rel: &str, mime_type: Option<&str>) -> Link {
    Link { href: href.to_owned(), rel: rel.to_owned(), mime_type: mime_type.map(str::to_owned), ..Link::default() }
}
