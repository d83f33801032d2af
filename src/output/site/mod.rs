//! The site's own pages, one file per page type: the home page
//! ([`home`]), `archive.html` ([`archive`]), `sections/<slug>.html`
//! ([`section`]), `search.html` and its index ([`search`]), `404.html`
//! ([`not_found`]) and `sitemap.xml` ([`sitemap`]). Every page (these, the
//! issue pages and `explore.html`) shares one `<head>` include
//! (`templates/head.html`: description, OpenGraph and Twitter tags, style
//! sheet, icon) and one header (`templates/nav.html`: home, archive,
//! sections, search, explore), both added and filled by [`super::html`]
//! ([`meta`]); `html` imports nothing from this module.
//!
//! What the pages list comes from the build's fold (`SiteArchive`): every
//! valid issue, each section with a feed and its newest items, and the
//! newest items for the search index. None of it reads input.

pub mod archive;
pub mod home;
pub mod not_found;
pub mod search;
pub mod section;
pub mod sitemap;

use anyhow::Result;

use super::Context;
pub use super::html::meta;
use super::html::{IssueLink, Site};
use crate::fs::Publisher;

/// Items a section's page lists: its newest.
pub const SECTION_ITEMS: usize = 50;

/// Items the search index holds: the newest.
pub const SEARCH_ITEMS: usize = 5_000;

/// Issues whose titles the search index holds: the newest.
pub const SEARCH_ISSUES: usize = 5_000;

/// What the site's pages list, gathered by the build's fold.
#[derive(Debug, Default)]
pub struct SiteArchive {
    /// Every valid issue, in archive order (oldest first); shared with
    /// `archive.html`'s rows (made as the template reads them), not copied.
    pub issues: std::sync::Arc<[IssueLink]>,
    /// Every section with feeds, by slug.
    pub sections: Vec<SectionPage>,
    /// The newest [`SEARCH_ITEMS`] items, oldest first.
    pub searched: Vec<Searched>,
    /// Items of every section, with a feed or not.
    pub items: usize,
}

/// A section with feeds: its page `sections/<slug>.html`.
#[derive(Debug)]
pub struct SectionPage {
    /// The name it is published under (its feeds' name).
    pub name: String,
    /// The slug of its feeds and page.
    pub slug: String,
    /// Issues that hold it.
    pub issues: usize,
    /// Its items in the whole archive.
    pub items: usize,
    /// Its newest [`SECTION_ITEMS`] items: newest issue first, each issue's in reading order.
    pub recent: Vec<Listed>,
}

/// An item as a page lists it.
#[derive(Debug)]
pub struct Listed {
    /// Its issue, by index in [`SiteArchive::issues`].
    pub issue: usize,
    /// Its section's published name.
    pub section: String,
    /// Its section's slug: the anchor of the section on the issue's page.
    pub anchor: String,
    /// The entry title ([`crate::model::Item::title`]).
    pub title: String,
    /// Its first link, when it is a web address.
    pub url: Option<String>,
}

/// An item as the search index holds it.
#[derive(Debug)]
pub struct Searched {
    pub item: Listed,
    /// The start of its plain text, or its title's and text's tokens.
    pub text: search::analyser::SearchText,
}

/// Whether a section held by `issues` of the archive's `total` issues is
/// recurring: in at least a quarter of the issues, and in two at least (so
/// in a tiny archive, two issues are enough). Others are occasional.
pub fn recurring(issues: usize, total: usize) -> bool {
    issues >= 2 && issues * 4 >= total
}

/// Writes every page of the site but the issue pages and `explore.html`.
pub fn write_all(cx: &Context, out: &Publisher) -> Result<()> {
    out.write("style.css", include_bytes!("../../../templates/base.css"))?;
    out.write("favicon.svg", include_bytes!("../../../templates/favicon.svg"))?;
    let site = Site::new(cx.config)?;
    let shown = cx.shown.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let (pages, index) = rayon::join(
        || -> Result<()> {
            home::write(&site, cx, &shown, out)?;
            archive::write(&site, cx.site, out)?;
            section::write_all(&site, cx.site, out)?;
            not_found::write(&site, out)?;
            sitemap::write(cx.config, cx.site, out)
        },
        || search::write(&site, cx.site, out),
    );
    pages.and(index)
}
