//! `index.html`: every feed with the entries its files hold (recurring
//! sections before occasional ones, see [`super::recurring`]), the charts
//! (the emerging terms' chart and CSV linked only when a term emerged, else
//! the page says why), the latest issues, and feed auto-discovery.

use std::collections::BTreeMap;

use anyhow::Result;
use minijinja::{Value, context};

use super::{meta, recurring};
use crate::fs::Publisher;
use crate::output::Context;
use crate::output::feeds::{Feed, FeedKind};
use crate::output::html::{LATEST_ISSUES, Site};

/// Writes `index.html`. `shown` holds the entries of each feed's files, by path.
pub fn write(site: &Site, cx: &Context, shown: &BTreeMap<String, usize>, out: &Publisher) -> Result<()> {
    let config = site.config();
    let names: Vec<String> = config.topics.iter().map(|t| t.name.clone()).collect();
    let topics: Vec<_> = crate::model::topic_slugs(&names)
        .into_iter()
        .zip(&names)
        .map(|(slug, name)| context! { slug => slug, name => name })
        .collect();
    let latest: Vec<_> = cx
        .latest
        .iter()
        .rev()
        .take(LATEST_ISSUES)
        .map(|issue| {
            context! {
                page => format!("issues/{}.html", issue.key),
                title => &issue.title,
                date => issue.date.to_rfc3339(),
                day => issue.date.format("%Y-%m-%d").to_string(),
                items => issue.items,
            }
        })
        .collect();
    let no_emerging = cx.emerging.empty_cause().map(|(cause, _)| cause);
    let index = site.render(
        "index.html",
        context! {
            site => site.site(),
            page => meta(config, "index.html", &config.title, &config.description, "website"),
            feed_groups => feed_groups(cx, shown), topics, issues => latest, total_issues => cx.total_issues,
            no_emerging, topics_inferred => config.is_inferred("topics"),
            recurring_from => cx.site.issues.len().div_ceil(4).max(2),
        },
    )?;
    out.write("index.html", index.as_bytes())
}

/// The feed table's groups: whole issues, recurring sections, occasional
/// sections (each left out when empty) and topics, a row per feed.
fn feed_groups(cx: &Context, shown: &BTreeMap<String, usize>) -> Vec<Value> {
    let total = cx.site.issues.len();
    let row = |f: &Feed| {
        let section = cx.site.sections.iter().find(|s| f.kind == FeedKind::Section && s.name == f.name);
        context! {
            path => &f.path, title => &f.title, name => &f.name, description => &f.description,
            entries => shown.get(&f.path).copied().unwrap_or(f.entries.len()),
            page => section.map(|s| format!("sections/{}.html", s.slug)),
            issues => section.map(|s| s.issues),
        }
    };
    let group = |title: &str, feeds: Vec<&Feed>| {
        let rows: Vec<Value> = feeds.into_iter().map(row).collect();
        context! { title => title, feeds => rows }
    };
    let of_kind = |kind: FeedKind| cx.feeds.iter().filter(move |f| f.kind == kind);
    let issues_held = |f: &Feed| cx.site.sections.iter().find(|s| s.name == f.name).map_or(0, |s| s.issues);
    let (regular, occasional): (Vec<&Feed>, Vec<&Feed>) =
        of_kind(FeedKind::Section).partition(|f| recurring(issues_held(f), total));
    let mut groups = vec![group("Whole issues", of_kind(FeedKind::Issues).collect())];
    if !regular.is_empty() {
        groups.push(group("Recurring sections", regular));
    }
    if !occasional.is_empty() {
        groups.push(group("Occasional sections", occasional));
    }
    groups.push(group("Topics", of_kind(FeedKind::Topic).collect()));
    groups
}
