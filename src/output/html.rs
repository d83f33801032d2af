//! The site's templates, and the page of every issue (`issues/<key>.html`);
//! the other pages are in [`super::site`].
//!
//! Templates are real files in `templates/`, embedded at compile time and
//! rendered with minijinja (which escapes every value unless marked safe:
//! only the HTML the parser made is).

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset, SecondsFormat};
use minijinja::{Environment, Value, context};

use crate::config::Config;
use crate::model::Issue;

/// The not-found page's path below `out/`.
pub const NOT_FOUND: &str = "404.html";

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
        env.add_template("archive.html", include_str!("../../templates/archive.html"))?;
        env.add_template("section.html", include_str!("../../templates/section.html"))?;
        env.add_template("search.html", include_str!("../../templates/search.html"))?;
        env.add_template("404.html", include_str!("../../templates/404.html"))?;
        add_partials(&mut env)?;
        Ok(Site { env, config })
    }

    pub fn site(&self) -> minijinja::Value {
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
                page => meta(self.config, &super::feeds::issue_page(issue), &issue.title, &issue_description(issue), "article"),
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

    /// Renders template `name` (a page of [`super::site`]).
    pub fn render(&self, name: &str, cx: Value) -> Result<String> {
        self.env.get_template(name)?.render(cx).with_context(|| format!("failed to render {name}"))
    }

    /// [`Site::render`] written to `out` as it is made: for a page too large
    /// to hold whole (`archive.html` of a large archive).
    pub fn render_to(&self, name: &str, cx: Value, out: impl std::io::Write) -> Result<()> {
        self.env.get_template(name)?.render_captured_to(cx, out).with_context(|| format!("failed to render {name}"))?;
        Ok(())
    }

    pub fn config(&self) -> &Config {
        self.config
    }
}

/// An issue's one-line description (OpenGraph): its intro's first
/// Adds the templates every page includes: `head.html` and `nav.html`.
pub fn add_partials(env: &mut Environment<'static>) -> Result<()> {
    env.add_template("head.html", include_str!("../../templates/head.html"))?;
    env.add_template("nav.html", include_str!("../../templates/nav.html"))?;
    Ok(())
}

/// What `head.html` and `nav.html` need of the page at `path` (below
/// `out/`): its title and description (also as OpenGraph and Twitter
/// tags), its OpenGraph type (`website`, `article`), its address when
/// `base_url` is not this machine (`og:url`, `canonical`), and the way back
/// to `out/` for relative links (`root`).
pub fn meta(config: &Config, path: &str, title: &str, description: &str, kind: &str) -> Value {
    let root = "../".repeat(path.matches('/').count());
    let address = if path == "index.html" { String::new() } else { path.to_owned() };
    let url = (!config.is_local() && path != NOT_FOUND).then(|| format!("{}{address}", config.base_url));
    context! { path, title, description, kind, url, root }
}

/// sentence, else its sections.
fn issue_description(issue: &Issue) -> String {
    let intro = crate::model::first_sentence(&issue.intro_text, 200);
    if !intro.is_empty() {
        return intro;
    }
    let names: Vec<&str> = issue.sections.iter().map(|s| s.name.as_str()).filter(|n| !n.is_empty()).collect();
    format!("{} items{}{}", issue.items().count(), if names.is_empty() { "" } else { ": " }, names.join(", "))
}

/// HTML the parser made (and sanitised), to print as it is.
fn safe(html: &str) -> Value {
    Value::from_safe_string(html.to_owned())
}
