//! `sitemap.xml` (the sitemaps.org protocol 0.9): the address of every page
//! but `404.html`, with the day it last changed (an issue's date; the
//! newest issue's for the pages that list issues). Written only when
//! `base_url` is a published address: a sitemap needs absolute URLs, and
//! one of `localhost` helps no search engine. Past 50,000 addresses (the
//! protocol's limit per file) the pages go in `sitemap-<n>.xml` and
//! `sitemap.xml` is their index.

use std::fmt::Write as _;

use anyhow::Result;

use super::SiteArchive;
use crate::config::Config;
use crate::fs::Publisher;
use crate::output::feeds::escape;

/// Addresses per sitemap file, the protocol's limit.
pub const MAX_URLS: usize = 50_000;

/// Writes `sitemap.xml` (and `sitemap-<n>.xml` for a large archive), unless
/// `base_url` is this machine.
pub fn write(config: &Config, archive: &SiteArchive, out: &Publisher) -> Result<()> {
    if config.is_local() {
        return Ok(());
    }
    let Some(newest) = archive.issues.last().map(|i| i.date.format("%Y-%m-%d").to_string()) else {
        return Ok(());
    };
    let mut pages: Vec<(String, String)> = ["", "archive.html", "search.html", "explore.html"]
        .into_iter()
        .map(|path| (path.to_owned(), newest.clone()))
        .collect();
    pages.extend(archive.sections.iter().map(|s| (format!("sections/{}.html", s.slug), newest.clone())));
    pages.extend(
        archive.issues.iter().map(|i| (format!("issues/{}.html", i.key), i.date.format("%Y-%m-%d").to_string())),
    );
    let files: Vec<&[(String, String)]> = pages.chunks(MAX_URLS).collect();
    if files.len() == 1 {
        return out.write("sitemap.xml", urlset(config, files[0]).as_bytes());
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, pages) in files.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        out.write(&name, urlset(config, pages).as_bytes())?;
        let lastmod = pages.iter().map(|(_, day)| day.as_str()).max().unwrap_or(&newest);
        let _ = writeln!(
            index,
            "<sitemap><loc>{}{name}</loc><lastmod>{lastmod}</lastmod></sitemap>",
            escape(&config.base_url)
        );
    }
    index.push_str("</sitemapindex>\n");
    out.write("sitemap.xml", index.as_bytes())
}

/// A `<urlset>` of `pages` (paths below `out/`, with their day).
fn urlset(config: &Config, pages: &[(String, String)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, day) in pages {
        let loc = escape(&format!("{}{path}", config.base_url));
        let _ = writeln!(xml, "<url><loc>{loc}</loc><lastmod>{day}</lastmod></url>");
    }
    xml.push_str("</urlset>\n");
    xml
}
