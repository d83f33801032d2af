//! `archive.html`: every issue by year, newest year first (each with its
//! title, date and items, linking to its page), and every section with a
//! page, recurring ones first.
//!
//! The page lists every issue, so it is not held whole: each issue's row is
//! made for the template as it reads it (`YearIssues`), and the page is
//! written to its file as it is rendered.

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::Result;
use chrono::Datelike;
use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::{Value, context};

use super::{SiteArchive, meta, recurring};
use crate::fs::Publisher;
use crate::output::html::{IssueLink, Site};

/// Bytes written to `archive.html` at a time.
const BUFFER: usize = 1 << 16;

/// Writes `archive.html`.
pub fn write(site: &Site, archive: &SiteArchive, out: &Publisher) -> Result<()> {
    let config = site.config();
    // By year, each year's issues in archive order, newest first.
    let all = Arc::clone(&archive.issues);
    let mut years: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (at, issue) in all.iter().enumerate().rev() {
        years.entry(issue.date.year()).or_default().push(at);
    }
    let years: Vec<Value> = years
        .into_iter()
        .rev()
        .map(|(year, at)| {
            let count = at.len();
            let issues = Value::from_object(YearIssues { all: Arc::clone(&all), at });
            context! { year, count, issues }
        })
        .collect();
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
    let cx = context! {
        site => site.site(),
        page => meta(config, "archive.html", "Archive", &description, "website"),
        years, sections, total_issues => total, total_items => archive.items,
    };
    let mut file = out.stager().create("archive.html", BUFFER)?;
    site.render_to("archive.html", cx, file.writer())?;
    out.add(file.done()?)?;
    Ok(())
}

/// A year's issues as the template lists them: `at` holds their places in
/// `all`, newest first, and each row is made when the template reads it.
#[derive(Debug)]
struct YearIssues {
    all: Arc<[IssueLink]>,
    at: Vec<usize>,
}

impl Object for YearIssues {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let issue = self.all.get(*self.at.get(key.as_usize()?)?)?;
        Some(context! {
            page => format!("issues/{}.html", issue.key),
            title => &issue.title,
            date => issue.date.to_rfc3339(),
            day => issue.date.format("%Y-%m-%d").to_string(),
            items => issue.items,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.at.len())
    }
}
