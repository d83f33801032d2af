//! `archive.html`: every issue by year, newest year first (each with its
//! title, date and items, linking to its page), and every section with a
//! page, recurring ones first.

use anyhow::Result;
use minijinja::{Value, context};

use super::{SiteArchive, meta, recurring};
use crate::fs::Publisher;
use crate::output::html::Site;

/// Writes `archive.html`.
pub fn write(site: &Site, archive: &SiteArchive, out: &Publisher) -> Result<()> {
    let config = site.config();
    let mut years: Vec<(i32, Vec<Value>)> = Vec::new();
    for issue in archive.issues.iter().rev() {
        let year = chrono::Datelike::year(&issue.date);
        let row = context! {
            page => format!("issues/{}.html", issue.key),
            title => &issue.title,
            date => issue.date.to_rfc3339(),
            day => issue.date.format("%Y-%m-%d").to_string(),
            items => issue.items,
        };
        match years.last_mut() {
            Some((last, rows)) if *last == year => rows.push(row),
            _ => years.push((year, vec![row])),
        }
    }
    // Issues are in date order, so years come newest first; sorted in case two
    // issues' offsets put them across a new year out of order.
    years.sort_by(|a, b| b.0.cmp(&a.0));
    let years: Vec<Value> =
        years.into_iter().map(|(year, issues)| context! { year, count => issues.len(), issues }).collect();
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
