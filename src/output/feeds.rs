//! What every feed holds, whatever its format: built once from the archive,
//! then written as RSS ([`super::rss`]), Atom ([`super::atom`]) and JSON Feed
//! ([`super::json`]).
//!
//! Feeds: one per section (`feeds/<slug>`), one per topic
//! (`feeds/topics/<slug>`: the items of counted sections that mention it),
//! and one of whole issues (`feeds/all`).
//!
//! Entry ids are `tag:` URIs (RFC 4151) made of the base URL's host, the
//! issue's date, the section's slug and a hash of the item's first URL, so
//! they do not change when other items are added, removed, reordered or
//! edited, nor when an issue file is renamed. An item has the same id in
//! its section feed and in its topic feeds.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset};

use crate::config::Config;
use crate::model::{Archive, Issue, Item, Section, topic_slugs};
use crate::trends::Matcher;
use crate::trends::text::item_texts;

/// What a feed is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    Section,
    Topic,
    Issues,
}

/// A feed, format-neutral.
#[derive(Debug, Clone)]
pub struct Feed {
    pub kind: FeedKind,
    /// Path below `out/` without the extension: `feeds/news`.
    pub path: String,
    /// The section or topic name (`all issues` for the issue feed).
    pub name: String,
    pub title: String,
    /// One sentence: the feeds' description and the home page's line.
    pub description: String,
    /// The newest entry's date (the newest issue's when there is no entry).
    pub updated: DateTime<FixedOffset>,
    pub entries: Vec<Entry>,
}

/// One entry of a feed.
#[derive(Debug, Clone)]
pub struct Entry {
    /// `tag:` URI; RSS `guid isPermaLink="false"`, Atom `id`, JSON `id`.
    pub id: String,
    pub title: String,
    /// An absolute URL: RSS `link`, Atom `link rel="alternate"`, JSON `url`.
    pub link: String,
    /// RSS `pubDate`, Atom `published`, JSON `date_published`: the issue's date.
    pub date: DateTime<FixedOffset>,
    /// Atom `updated`, JSON `date_modified`: the issue's date plus one
    /// second per item after this one in the issue, so entries of one issue
    /// have distinct times (the W3C validator warns on equal ones), never
    /// before `published`, newest first in reading order.
    pub updated: DateTime<FixedOffset>,
    /// RSS `content:encoded`, Atom `content type="html"`, JSON `content_html`.
    pub html: String,
    /// RSS `description`, Atom `summary`, JSON `summary`: plain text.
    pub summary: String,
    /// RSS and Atom `category`, JSON `tags`: the section name.
    pub category: Option<String>,
    /// For a whole issue: its outline (sections and item titles, and a link
    /// to its page), which stands in for `html` when the feed would not fit
    /// its byte budget otherwise.
    pub outline: Option<String>,
}

/// Longest excerpt, in characters, that replaces an oversized entry's content.
const EXCERPT_CHARS: usize = 2_000;

impl Feed {
    /// The feed with every entry whose content and summary would take more
    /// than a quarter of `max_bytes` cut to an excerpt and a link to the
    /// whole item, so one huge item cannot empty a feed.
    pub fn with_excerpts(&self, max_bytes: usize) -> Feed {
        let mut feed = self.clone();
        for entry in feed.entries.iter_mut().filter(|e| e.html.len() + e.summary.len() > max_bytes / 4) {
            let mut excerpt: String = entry.summary.chars().take(EXCERPT_CHARS).collect();
            if excerpt.len() < entry.summary.len() {
                excerpt.push('…');
            }
            entry.html = format!(
                "<p>{}</p>\n<p><a href=\"{}\">Read the whole item</a></p>\n",
                escape(&excerpt),
                escape(&entry.link)
            );
            entry.summary = excerpt;
        }
        feed
    }

    /// The feed with every entry that has an outline and takes more than its
    /// share of `max_bytes` (the budget over the number of entries) shown
    /// as its outline; `None` when no entry changed.
    pub fn with_outlines(&self, max_bytes: usize) -> Option<(Feed, usize)> {
        let share = max_bytes / self.entries.len().max(1);
        let mut feed = self.clone();
        let mut changed = 0;
        for entry in feed.entries.iter_mut().filter(|e| e.html.len() + e.summary.len() > share) {
            if let Some(outline) = entry.outline.take() {
                entry.html = outline;
                changed += 1;
            }
        }
        (changed > 0).then_some((feed, changed))
    }

    /// The feed with only its newest `n` entries (`updated` unchanged).
    pub fn truncated(&self, n: usize) -> Feed {
        Feed { entries: self.entries[..n.min(self.entries.len())].to_vec(), ..self.clone() }
    }
}

/// Which feeds the items of an issue go in, besides their section's
/// (when it has one): per section, per item, the topics it mentions.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct ItemFeeds {
    pub topics: Vec<Vec<Vec<usize>>>,
}

impl ItemFeeds {
    pub fn of(issue: &Issue, matcher: &Matcher, config: &Config) -> ItemFeeds {
        let per_item = |section| move |item| item_topics(section, item, matcher, config);
        ItemFeeds { topics: issue.sections.iter().map(|s| s.items.iter().map(per_item(s)).collect()).collect() }
    }
}

/// The topics whose feed an item goes in: those its counted text
/// ([`item_texts`]) mentions, in a section whose items are counted.
pub fn item_topics(section: &Section, item: &Item, matcher: &Matcher, config: &Config) -> Vec<usize> {
    if !config.counts_section(&section.canonical) || matcher.is_empty() {
        return Vec::new();
    }
    let texts = item_texts(item, config.count_link_texts);
    (0..matcher.len()).filter(|&t| texts.iter().any(|text| matcher.mentions(t, text))).collect()
}

/// Every feed: sections in slug order, topics in configuration order, then
/// the whole-issue feed.
pub fn build_feeds(archive: &Archive, config: &Config) -> Result<Vec<Feed>, regex::Error> {
    Ok(build_feeds_with(archive, config, &Matcher::new(&config.topics)?))
}

/// [`build_feeds`] with the topics' matcher already compiled.
pub fn build_feeds_with(archive: &Archive, config: &Config, matcher: &Matcher) -> Vec<Feed> {
    let newest = archive.issues.last().map(|i| i.date).unwrap_or_default();
    let mut sections: BTreeMap<&str, (&str, Vec<Entry>)> = BTreeMap::new();
    let mut topics: Vec<Vec<Entry>> = vec![Vec::new(); config.topics.len()];
    for issue in archive.issues.iter().rev() {
        let count = issue.items().count();
        for (position, ((section, item), id)) in issue.items().zip(item_ids(issue, config)).enumerate() {
            let mut no_feed = Vec::new();
            let entries = if section.feed {
                &mut sections.entry(&section.slug).or_insert((&section.canonical, Vec::new())).1
            } else {
                &mut no_feed
            };
            let wanted: Vec<usize> = item_topics(section, item, matcher, config)
                .into_iter()
                .filter(|&t| topics[t].len() < config.feed_limit)
                .collect();
            if (!section.feed || entries.len() >= config.feed_limit) && wanted.is_empty() {
                continue;
            }
            let entry = item_entry(issue, section, item, id, count - 1 - position, config);
            for t in wanted {
                topics[t].push(entry.clone());
            }
            if section.feed && entries.len() < config.feed_limit {
                entries.push(entry);
            }
        }
    }
    let feed = |kind, path: String, name: &str, description: String, entries: Vec<Entry>| Feed {
        kind,
        path,
        name: name.to_owned(),
        title: format!("{} — {name}", config.title),
        description,
        updated: entries.first().map_or(newest, |e: &Entry| e.date),
        entries: distinct_updated(entries),
    };
    let mut feeds: Vec<Feed> = sections
        .into_iter()
        .map(|(slug, (name, entries))| {
            let description = format!("The {name} section of {}.", config.title);
            feed(FeedKind::Section, format!("feeds/{slug}"), name, description, entries)
        })
        .collect();
    let names: Vec<String> = config.topics.iter().map(|t| t.name.clone()).collect();
    for ((topic, entries), slug) in config.topics.iter().zip(topics).zip(topic_slugs(&names)) {
        let description = format!("Items of {} that mention {}.", config.title, topic.name);
        feeds.push(feed(FeedKind::Topic, format!("feeds/topics/{slug}"), &topic.name, description, entries));
    }
    feeds.push(issues_feed(archive, config, newest));
    feeds
}

fn issues_feed(archive: &Archive, config: &Config, newest: DateTime<FixedOffset>) -> Feed {
    let host = config.host();
    let entries = archive
        .issues
        .iter()
        .rev()
        .take(config.issue_feed_limit)
        .map(|issue| Entry {
            id: format!("tag:{host},{}:issue/{}", issue.date.format("%Y-%m-%d"), issue.key()),
            title: issue.title.clone(),
            link: format!("{}{}", config.base_url, issue_page(issue)),
            date: issue.date,
            updated: issue.date,
            html: issue_html(issue),
            summary: issue.intro_text.clone(),
            category: None,
            outline: Some(issue_outline(issue, &format!("{}{}", config.base_url, issue_page(issue)))),
        })
        .collect();
    Feed {
        kind: FeedKind::Issues,
        path: "feeds/all".to_owned(),
        name: "all issues".to_owned(),
        title: format!("{} — all issues", config.title),
        description: config.description.clone(),
        updated: newest,
        entries: distinct_updated(entries),
    }
}

/// The entries (newest first) with `updated` times that strictly fall from
/// one entry to the next: an entry whose time is not after the one below it
/// (items of two issues of the same day) is moved to a second after it.
/// The W3C validator warns on equal times; the order stays the same.
fn distinct_updated(mut entries: Vec<Entry>) -> Vec<Entry> {
    for i in (0..entries.len().saturating_sub(1)).rev() {
        let below = entries[i + 1].updated;
        if entries[i].updated <= below {
            entries[i].updated = below + chrono::Duration::seconds(1);
        }
    }
    entries
}

/// The path of an issue's page below `out/`.
pub fn issue_page(issue: &Issue) -> String {
    format!("issues/{}.html", issue.key())
}

/// The entry id of each item of `issue`, in [`Issue::items`] order: the id
/// its entry has in its section feed and its topic feeds (and `items.csv`'s
/// `id`). Every item takes its id, in a feed or not, so repeats are
/// numbered alike in every build.
pub fn item_ids(issue: &Issue, config: &Config) -> Vec<String> {
    let mut ids = IdMaker::new(config, issue);
    issue.items().map(|(section, item)| ids.id(section, item)).collect()
}

/// Makes the ids of one issue's items, numbering repeats of a URL within a section.
struct IdMaker<'a> {
    host: String,
    day: String,
    repeats: HashMap<(&'a str, String), usize>,
}

impl<'a> IdMaker<'a> {
    fn new(config: &Config, issue: &Issue) -> IdMaker<'a> {
        IdMaker { host: config.host(), day: issue.date.format("%Y-%m-%d").to_string(), repeats: HashMap::new() }
    }

    /// `tag:<host>,<day>:<section>/<hash of the first URL or the title>[-n]`.
    fn id(&mut self, section: &'a Section, item: &Item) -> String {
        let key = match item.url() {
            Some(url) => url.to_owned(),
            None => format!("title:{}", item.title()),
        };
        let hash = sha1_smol::Sha1::from(&key).digest().to_string();
        let n = self.repeats.entry((&section.slug, key)).or_insert(0);
        *n += 1;
        let suffix = if *n > 1 { format!("-{n}") } else { String::new() };
        format!("tag:{},{}:{}/{}{suffix}", self.host, self.day, section.slug, &hash[..16])
    }
}

/// The entry of an item, `after` items before the end of its issue.
fn item_entry(issue: &Issue, section: &Section, item: &Item, id: String, after: usize, config: &Config) -> Entry {
    let page = format!("{}{}", config.base_url, issue_page(issue));
    Entry {
        id,
        title: item.title().into_owned(),
        link: item.links.iter().find_map(|l| absolute_http(&l.url, &config.base_url)).unwrap_or(page),
        date: issue.date,
        updated: issue.date + chrono::Duration::seconds(after as i64),
        html: item.html.clone(),
        summary: item.text.clone(),
        // A section without a heading has no name to file the entry under.
        category: Some(section.canonical.clone()).filter(|c| !c.is_empty()),
        outline: None,
    }
}

/// `url` as an absolute http(s) URL: as written when it is one, resolved
/// against the base URL when it is relative, `None` for other schemes
/// (`javascript:`, `data:`, `mailto:`).
fn absolute_http(url: &str, base: &str) -> Option<String> {
    let is_http = |u: &url::Url| matches!(u.scheme(), "http" | "https") && u.host_str().is_some();
    match url::Url::parse(url) {
        Ok(parsed) => is_http(&parsed).then(|| url.to_owned()),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let resolved = url::Url::parse(base).ok()?.join(url).ok()?;
            is_http(&resolved).then(|| resolved.to_string())
        }
        Err(_) => None,
    }
}

/// The whole issue as HTML: intro, then each section and its items.
pub fn issue_html(issue: &Issue) -> String {
    let mut html = issue.intro_html.clone();
    for section in &issue.sections {
        html.push_str(&format!("<h2>{}</h2>\n", escape(&section.name)));
        for item in &section.items {
            if let Some(title) = &item.title_line {
                html.push_str(&format!("<h3>{}</h3>\n", escape(title)));
            }
            html.push_str(&item.html);
        }
    }
    html
}

/// An issue's outline: its sections and their items' titles, and a link to
/// its page, for a whole-issue entry too large for its feed.
fn issue_outline(issue: &Issue, page: &str) -> String {
    let mut html = String::from("<p>This issue is too large for the feed: its sections and items.</p>\n");
    for section in issue.sections.iter().filter(|s| !s.items.is_empty()) {
        if !section.name.is_empty() {
            html.push_str(&format!("<h2>{}</h2>\n", escape(&section.name)));
        }
        html.push_str("<ul>\n");
        for item in &section.items {
            html.push_str(&format!("<li>{}</li>\n", escape(&item.title())));
        }
        html.push_str("</ul>\n");
    }
    html.push_str(&format!("<p><a href=\"{}\">Read the whole issue</a></p>\n", escape(page)));
    html
}

/// Escapes text for HTML element content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_links_are_absolute_http() {
        let base = "https://site.example/news/";
        assert_eq!(absolute_http("https://a.example/x", base).as_deref(), Some("https://a.example/x"));
        assert_eq!(absolute_http("http://a.example", base).as_deref(), Some("http://a.example"), "kept as written");
        assert_eq!(absolute_http("/archive/1", base).as_deref(), Some("https://site.example/archive/1"));
        assert_eq!(absolute_http("post.html", base).as_deref(), Some("https://site.example/news/post.html"));
        assert_eq!(absolute_http("javascript:alert(1)", base), None);
        assert_eq!(absolute_http("data:text/html,x", base), None);
        assert_eq!(absolute_http("mailto:a@b.example", base), None);
    }

    #[test]
    fn updated_times_fall_strictly_keeping_the_order() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        let entry = |updated: &str| Entry {
            id: String::new(),
            title: String::new(),
            link: String::new(),
            date: at(updated),
            updated: at(updated),
            html: String::new(),
            summary: String::new(),
            category: None,
            outline: None,
        };
        // Newest first: two issues of the same day, two entries each.
        let entries = ["2020-01-05T00:00:01Z", "2020-01-05T00:00:00Z", "2020-01-05T00:00:01Z", "2020-01-05T00:00:00Z"];
        let times: Vec<String> = distinct_updated(entries.iter().map(|t| entry(t)).collect())
            .iter()
            .map(|e| e.updated.to_rfc3339())
            .collect();
        assert_eq!(
            times,
            [
                "2020-01-05T00:00:03+00:00",
                "2020-01-05T00:00:02+00:00",
                "2020-01-05T00:00:01+00:00",
                "2020-01-05T00:00:00+00:00"
            ]
        );
        let apart = ["2020-02-01T00:00:00Z", "2020-01-01T00:00:00Z"];
        let kept: Vec<_> = distinct_updated(apart.iter().map(|t| entry(t)).collect());
        assert_eq!(kept[0].updated, at(apart[0]), "times already apart are left alone");
    }
}
