//! The published pages: `index.html` (feeds, chart, latest issues, feed
//! auto-discovery), `issues/<key>.html` for every issue, `style.css` and
//! `favicon.svg`.
//!
//! Templates are real files in `templates/`, embedded at compile time and
//! rendered with minijinja (which escapes every value unless marked safe:
//! only the HTML the parser made is).

use anyhow::{Context, Result};
use minijinja::{Environment, context};
use rayon::prelude::*;

use super::feeds::{Feed, FeedKind, issue_page};
use crate::config::Config;
use crate::fs::Publisher;
use crate::model::{Archive, Issue};

/// Issues listed on the home page.
const LATEST_ISSUES: usize = 20;
/// Issue pages rendered at once (in parallel) before they are written.
const PAGES_PER_CHUNK: usize = 256;

fn environment() -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.add_template("issue.html", include_str!("../../templates/issue.html"))?;
    env.add_template("index.html", include_str!("../../templates/index.html"))?;
    Ok(env)
}

/// Writes `style.css`, `index.html` and every issue page.
pub fn render_site(archive: &Archive, feeds: &[Feed], config: &Config, out: &mut Publisher) -> Result<()> {
    let env = environment()?;
    let site = context! { title => &config.title, description => &config.description };
    out.write("style.css", include_bytes!("../../templates/base.css"))?;
    out.write("favicon.svg", include_bytes!("../../templates/favicon.svg"))?;

    let issue_template = env.get_template("issue.html")?;
    let link = |issue: &Issue| context! { page => format!("{}.html", issue.key()), title => &issue.title };
    let render = |i: usize| -> Result<String> {
        let issue = &archive.issues[i];
        let prev = i.checked_sub(1).map(|p| link(&archive.issues[p]));
        let next = archive.issues.get(i + 1).map(link);
        issue_template
            .render(context! {
                site => &site,
                issue => context! {
                    ..minijinja::Value::from(minijinja::value::Serde(issue)),
                    ..context! {
                        date => issue.date.to_rfc3339(),
                        date_text => issue.date.format("%-d %B %Y").to_string(),
                    }
                },
                prev, next,
            })
            .with_context(|| format!("failed to render the page of `{}`", issue.source.display()))
    };
    // Pages are rendered on every core, a chunk at a time, and written in order.
    let indices: Vec<usize> = (0..archive.issues.len()).collect();
    for chunk in indices.chunks(PAGES_PER_CHUNK) {
        let pages: Vec<String> = chunk.par_iter().map(|&i| render(i)).collect::<Result<_>>()?;
        for (&i, page) in chunk.iter().zip(pages) {
            out.write(&issue_page(&archive.issues[i]), page.as_bytes())?;
        }
    }

    let group = |kind: FeedKind, title: &str| {
        let rows: Vec<_> = feeds
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| {
                context! {
                    path => &f.path, title => &f.title, name => &f.name,
                    description => &f.description, entries => f.entries.len(),
                }
            })
            .collect();
        context! { title => title, feeds => rows }
    };
    let names: Vec<String> = config.topics.iter().map(|t| t.name.clone()).collect();
    let topics: Vec<_> = crate::model::topic_slugs(&names)
        .into_iter()
        .zip(&names)
        .map(|(slug, name)| context! { slug => slug, name => name })
        .collect();
    let feed_groups = [
        group(FeedKind::Issues, "Whole issues"),
        group(FeedKind::Section, "Sections"),
        group(FeedKind::Topic, "Topics"),
    ];
    let latest: Vec<_> = archive
        .issues
        .iter()
        .rev()
        .take(LATEST_ISSUES)
        .map(|issue| {
            context! {
                page => issue_page(issue),
                title => &issue.title,
                date => issue.date.to_rfc3339(),
                day => issue.date.format("%Y-%m-%d").to_string(),
                items => issue.items().count(),
            }
        })
        .collect();
    let index = env
        .get_template("index.html")?
        .render(context! { site, feed_groups, topics, issues => latest, total_issues => archive.issues.len() })
        .context("failed to render index.html")?;
    out.write("index.html", index.as_bytes())
}
