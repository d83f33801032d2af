//! The published pages: `index.html` (feeds, charts, latest issues, feed
//! auto-discovery; the emerging terms' chart and CSV are linked only when a
//! term emerged, else the page says why), `issues/<key>.html` for every issue, `style.css` and
//! `favicon.svg`.
//!
//! Templates are real files in `templates/`, embedded at compile time and
//! rendered with minijinja (which escapes every value unless marked safe:
//! only the HTML the parser made is).

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset, SecondsFormat};
use minijinja::{Environment, Value, context};

use super::feeds::{Feed, FeedKind};
use crate::config::Config;
use crate::fs::Publisher;
use crate::model::Issue;

/// Issues listed on the home page.
pub const LATEST_ISSUES: usize = 20;

/// The templates and the site's name, prepared once; shared by threads.
pub struct Site<'c> {
    env: Environment<'static>,
    config: &'c Config,
}

/// An issue as the home page lists it, and as a neighbour's pager links it.
#[derive(Debug, Clone)]
pub struct IssueLink {
    /// [`Issue::key`].
    pub key: String,
    pub title: String,
    pub date: DateTime<FixedOffset>,
    /// Items in all sections.
    pub items: usize,
}

impl<'c> Site<'c> {
    pub fn new(config: &'c Config) -> Result<Site<'c>> {
        let mut env = Environment::new();
        env.add_template("issue.html", include_str!("../../templates/issue.html"))?;
        env.add_template("index.html", include_str!("../../templates/index.html"))?;
        Ok(Site { env, config })
    }

    fn site(&self) -> minijinja::Value {
        context! { title => &self.config.title, description => &self.config.description }
    }

    /// The page of `issue`, linking to the issues before and after it.
    ///
    /// The context holds only what `issue.html` shows, made directly as
    /// values: converting the whole issue with serde would copy every item's
    /// text and links too. The HTML the parser made is marked safe here, so
    /// the template prints it without a `safe` filter (which copies it).
    pub fn page(&self, issue: &Issue, prev: Option<(&str, &str)>, next: Option<(&str, &str)>) -> Result<String> {
        let link = |(key, title): (&str, &str)| context! { page => format!("{key}.html"), title => title };
        let sections: Vec<Value> = issue
            .sections
            .iter()
            .map(|section| {
                let items: Vec<Value> = section
                    .items
                    .iter()
                    .map(|item| {
                        let subsection_url = item.subsection.as_deref().and_then(|name| {
                            section.subsection_links.iter().find(|(n, _)| n == name).map(|(_, url)| url.as_str())
                        });
                        context! {
                            title_line => item.title_line.as_deref(), subsection => item.subsection.as_deref(),
                            subsection_url, html => safe(&item.html),
                        }
                    })
                    .collect();
                context! {
                    slug => &section.slug, name => &section.name, feed => section.feed, items,
                    boilerplate_html => safe(&section.boilerplate_html),
                }
            })
            .collect();
        self.env
            .get_template("issue.html")?
            .render(context! {
                site => self.site(),
                issue => context! {
                    title => &issue.title,
                    // As serde writes it (`Z` for UTC), as the page always had it.
                    date => issue.date.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                    date_text => issue.date.format("%-d %B %Y").to_string(),
                    intro_html => safe(&issue.intro_html),
                    sections,
                    footer_html => safe(&issue.footer_html),
                },
                prev => prev.map(link), next => next.map(link),
            })
            .with_context(|| format!("failed to render the page of `{}`", issue.source.display()))
    }

    /// Writes `style.css`, `favicon.svg` and `index.html`: the feeds, and
    /// the newest of `latest` (oldest first) out of `total_issues`.
    /// `no_emerging` is why no term emerged, if none did.
    pub fn write_home(
        &self,
        feeds: &[Feed],
        latest: &[IssueLink],
        total_issues: usize,
        no_emerging: Option<&str>,
        out: &Publisher,
    ) -> Result<()> {
        out.write("style.css", include_bytes!("../../templates/base.css"))?;
        out.write("favicon.svg", include_bytes!("../../templates/favicon.svg"))?;
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
        let names: Vec<String> = self.config.topics.iter().map(|t| t.name.clone()).collect();
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
        let latest: Vec<_> = latest
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
        let index = self
            .env
            .get_template("index.html")?
            .render(context! {
                site => self.site(), feed_groups, topics, issues => latest, total_issues, no_emerging,
                topics_inferred => self.config.is_inferred("topics"),
            })
            .context("failed to render index.html")?;
        out.write("index.html", index.as_bytes())
    }
}

/// HTML the parser made (and sanitised), to print as it is.
fn safe(html: &str) -> Value {
    Value::from_safe_string(html.to_owned())
}
