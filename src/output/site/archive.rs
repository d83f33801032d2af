//! `archive.html`: every issue by year, newest year first (each with its
//! title, date and items, linking to its page), and every section with a
//! page, recurring ones first.

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::Datelike;
use minijinja::{Value, context};

use super::{SiteArchive, meta, recurring};
use crate::fs::Publisher;
use crate::output::html::Site;

/// Writes `archive.html`.
pub fn write(site: &Site, archive: &SiteArchive, out: &Publisher) -> Result<()> {
    let config = site.config();
    // By year, each year's issues in archive order, newest first.
    let mut years: BTreeMap<i32, Vec<Value>> = BTreeMap::new();
    for issue in archive.issues.iter().rev() {
        let row = context! {
            page => format!("issues/{}.html", issue.key),
            title => &issue.title,
            date => issue.date.to_rfc3339(),
            day => issue.date.format("%Y-%m-%d").to_string(),
            items => issue.items,
        };
        years.entry(issue.date.year()).or_default().push(row);
    }
    let years: Vec<Value> =
        years.into_iter().rev().map(|(year, issues)| context! { year, count => issues.len(), issues }).collect();
    let total = archive.issues.len();
    let mut sections: Vec<(bool, Value)> = archive
        .sections
        .iter()
        .map(|s| {
            let regular = recurring(s.issues, total);
            (!regular, context! { name => &s.name, slug => &s.slug, issues => s.issues, items => s.items, regular })
        })
        .collect();
    sections.sort_by_key(|(occasional, _)| *occasional);
    let sections: Vec<Value> = sections.into_iter().map(|(_, s)| s).collect();
    let description = format!("Every issue of {} by year, and its sections.", config.title);
    let page = site.render(
        "archive.html",
        context! {
            site => site.site(),
            page => meta(config, "archive.html", "Archive", &description, "website"),
            years, sections, total_issues => total, total_items => archive.items,
        },
    )?;
    out.write("archive.html", page.as_bytes())
}
