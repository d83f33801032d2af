//! What the site's own pages need of every issue: the issues with their
//! item counts (`archive.html`, `sitemap.xml`), each section's issues,
//! items and newest items (`sections/<slug>.html`, the home page's feed
//! table), and the newest items' texts (the search index).

use std::collections::{HashMap, VecDeque};

use anyhow::Result;

use super::{Collect, Cx, Parsed};
use crate::build::order::Entry;
use crate::model::section_slugs;
use crate::output::html::IssueLink;
use crate::output::site::search::analyser::{self, SearchText};
use crate::output::site::{self, Listed, Searched, SectionPage, SiteArchive};

/// Characters of an item's text the search index holds.
const INDEXED_CHARS: usize = 1_000;

#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct SiteData {
    /// Every valid issue, by index in the order, with its items.
    issues: Vec<(usize, usize)>,
    /// Each canonical section name that has feeds.
    sections: HashMap<String, SectionData>,
    /// The newest items, oldest first, for the search index.
    searched: VecDeque<Item>,
    /// Items added, searched or not.
    items: usize,
}

#[derive(Default, serde::Serialize, serde::Deserialize)]
struct SectionData {
    issues: usize,
    items: usize,
    /// The newest items, oldest first.
    recent: VecDeque<Item>,
}

/// An item as the site's pages list it.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Item {
    at: usize,
    canonical: String,
    title: String,
    url: Option<String>,
    /// The text indexed for search (empty in a section's list), or its
    /// title and text analysed ([`SiteData::analyse`]).
    text: SearchText,
}

/// Keeps the newest `max` of `items` (oldest first).
fn keep_newest(items: &mut VecDeque<Item>, max: usize) {
    let over = items.len().saturating_sub(max);
    items.drain(..over);
}

impl Collect for SiteData {
    fn empty(_: &Cx) -> SiteData {
        SiteData::default()
    }

    fn add(&mut self, _: &Cx, parsed: &Parsed) -> Result<()> {
        let issue = &parsed.issue;
        self.issues.push((parsed.at, issue.items().count()));
        let mut seen: Vec<&str> = Vec::new();
        for section in &issue.sections {
            // Each item's title is made once, for its section's list and the search index.
            let mut listed = (section.feed && !section.canonical.is_empty()).then(|| {
                let data = self.sections.entry(section.canonical.clone()).or_default();
                if !seen.contains(&section.canonical.as_str()) {
                    seen.push(&section.canonical);
                    data.issues += 1;
                }
                data.items += section.items.len();
                data
            });
            for item in &section.items {
                let title = item.title().into_owned();
                if let Some(data) = &mut listed {
                    data.recent.push_back(Item {
                        at: parsed.at,
                        canonical: section.canonical.clone(),
                        title: title.clone(),
                        url: item.url().filter(|u| is_web(u)).map(str::to_owned),
                        text: SearchText::Text(String::new()),
                    });
                    keep_newest(&mut data.recent, site::SECTION_ITEMS);
                }
                self.items += 1;
                self.searched.push_back(Item {
                    at: parsed.at,
                    canonical: section.canonical.clone(),
                    title,
                    url: None,
                    text: SearchText::Text(indexed(&item.text).to_owned()),
                });
                keep_newest(&mut self.searched, site::SEARCH_ITEMS);
            }
        }
        Ok(())
    }

    fn merge(&mut self, later: SiteData) {
        self.issues.extend(later.issues);
        for (name, data) in later.sections {
            let mine = self.sections.entry(name).or_default();
            mine.issues += data.issues;
            mine.items += data.items;
            mine.recent.extend(data.recent);
            keep_newest(&mut mine.recent, site::SECTION_ITEMS);
        }
        self.searched.extend(later.searched);
        keep_newest(&mut self.searched, site::SEARCH_ITEMS);
        self.items += later.items;
    }
}

/// The start of an item's text that the search index holds: its first
/// [`INDEXED_CHARS`] characters.
fn indexed(text: &str) -> &str {
    // No more bytes than that many characters: nothing to cut.
    if text.len() <= INDEXED_CHARS {
        return text;
    }
    text.char_indices().nth(INDEXED_CHARS).map_or(text, |(cut, _)| &text[..cut])
}

/// Whether `url` is a web address a page may link to.
fn is_web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

impl SiteData {
    /// Analyses the search items' titles and texts for the search index
    /// ([`SearchText::Analysed`]) when they may be among the archive's
    /// newest [`site::SEARCH_ITEMS`] though `later` issues follow them:
    /// when those issues, with as many items each as these have, would hold
    /// fewer than twice as many. The build's cache stores a block's items
    /// so; any other item is analysed as the index is written, if it is
    /// among the newest (the index is the same).
    pub fn analyse(&mut self, later: usize) {
        if later * self.items >= 2 * site::SEARCH_ITEMS * self.issues.len().max(1) {
            return;
        }
        analyser::with(|analyser| {
            for item in &mut self.searched {
                if let SearchText::Text(text) = &item.text {
                    let analysed = analyser.analyse([&item.title, text]);
                    item.text = SearchText::Analysed(analysed);
                }
            }
        });
    }

    /// What the site's pages show, with the issues of `order` and the
    /// archive's section slugs (as the feeds have them).
    pub fn finish(self, order: &[Entry], all_sections: impl IntoIterator<Item = String>) -> SiteArchive {
        let issues: Vec<IssueLink> = self
            .issues
            .iter()
            .map(|&(at, items)| {
                let entry = &order[at];
                IssueLink { key: entry.key().to_owned(), title: entry.title().to_owned(), date: entry.date, items }
            })
            .collect();
        let position = |at: usize| self.issues.binary_search_by_key(&at, |&(a, _)| a).unwrap_or(0);
        let names: Vec<String> = all_sections.into_iter().collect();
        let slugs = section_slugs(names.iter().map(String::as_str));
        let slug = |name: &str| slugs.get(name).cloned().unwrap_or_else(|| crate::model::section_slug(name));
        let listed = |item: Item| Listed {
            issue: position(item.at),
            anchor: slug(&item.canonical),
            section: item.canonical,
            title: item.title,
            url: item.url,
        };
        let mut sections: Vec<SectionPage> = self
            .sections
            .into_iter()
            .map(|(name, data)| SectionPage {
                slug: slug(&name),
                issues: data.issues,
                items: data.items,
                recent: data.recent.into_iter().map(listed).collect(),
                name,
            })
            .collect();
        sections.sort_by(|a, b| a.slug.cmp(&b.slug));
        for section in &mut sections {
            // Newest issue first, each issue's items in reading order (a stable sort).
            section.recent.sort_by_key(|item| std::cmp::Reverse(item.issue));
        }
        let searched = self
            .searched
            .into_iter()
            .map(|mut item| {
                let text = std::mem::replace(&mut item.text, SearchText::Text(String::new()));
                Searched { text, item: listed(item) }
            })
            .collect();
        SiteArchive { issues: issues.into(), sections, searched, items: self.items }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_text_is_the_first_thousand_characters() {
        let take = |text: &str| text.chars().take(INDEXED_CHARS).collect::<String>();
        for text in ["", "short", &"é".repeat(999), &"é".repeat(1000), &"é".repeat(1001), &"a".repeat(1001)] {
            assert_eq!(indexed(text), take(text), "{} bytes", text.len());
        }
    }
}
