//! `sections/<slug>.html`: a section's newest items (each linking to its
//! link and to the section on its issue's page) and its feeds, at the
//! slugs the feeds use.

use anyhow::Result;
use minijinja::{Value, context};

use super::{SECTION_ITEMS, SectionPage, SiteArchive, meta, recurring};
use crate::fs::Publisher;
use crate::output::html::Site;

/// Writes the page of every section with feeds.
pub fn write_all(site: &Site, archive: &SiteArchive, out: &Publisher) -> Result<()> {
    archive.sections.iter().try_for_each(|section| write(site, archive, section, out))
}

fn write(site: &Site, archive: &SiteArchive, section: &SectionPage, out: &Publisher) -> Result<()> {
    let config = site.config();
    let path = format!("sections/{}.html", section.slug);
    let items: Vec<Value> = section
        .recent
        .iter()
        .map(|item| {
            let issue = &archive.issues[item.issue];
            context! {
                title => &item.title,
                url => &item.url,
                issue_page => format!("../issues/{}.html#{}", issue.key, item.anchor),
                issue_title => &issue.title,
                date => issue.date.to_rfc3339(),
                day => issue.date.format("%Y-%m-%d").to_string(),
            }
        })
        .collect();
    let description = format!(
        "The {} section of {}: {} items in {} of {} issues, and its feeds.",
        section.name,
        config.title,
        section.items,
        section.issues,
        archive.issues.len()
    );
    let page = site.render(
        "section.html",
        context! {
            site => site.site(),
            page => meta(config, &path, &section.name, &description, "website"),
            section => context! {
                name => &section.name, slug => &section.slug, issues => section.issues, items => section.items,
                regular => recurring(section.issues, archive.issues.len()),
            },
            items, shown_max => SECTION_ITEMS, total_issues => archive.issues.len(),
        },
    )?;
    out.write(&path, page.as_bytes())
}
