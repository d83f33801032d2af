//! One entry of a feed, from an item or a whole issue: its `tag:` id,
//! link, times and content, and the HTML of an issue and its outline.
//!
//! Not here: which entries each feed holds ([`super`]).

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::model::{Issue, Item, Section};

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

/// The entries (newest first) with `updated` times that strictly fall from
/// one entry to the next: an entry whose time is not after the one below it
/// (items of two issues of the same day) is moved to a second after it.
/// The W3C validator warns on equal times; the order stays the same.
pub(super) fn distinct_updated(mut entries: Vec<Entry>) -> Vec<Entry> {
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
    page_of_key(&issue.key)
}

/// The path of the page of the issue of `key`, relative to the site's root.
pub fn page_of_key(key: &str) -> String {
    format!("issues/{key}.html")
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
    /// `tag:<host>,<day>:`, the start of every id of the issue.
    prefix: String,
    /// Per section slug and hashed key (the URL, or `title:` and the title), the ids made.
    repeats: FxHashMap<(&'a str, Cow<'a, str>), usize>,
}

impl<'a> IdMaker<'a> {
    fn new(config: &Config, issue: &Issue) -> IdMaker<'a> {
        let prefix = format!("tag:{},{}:", config.host(), issue.date.format("%Y-%m-%d"));
        IdMaker { prefix, repeats: FxHashMap::default() }
    }

    /// `tag:<host>,<day>:<section>/<hash of the first URL or the title>[-n]`:
    /// the hash is the first 16 hexadecimal digits of the key's SHA-1.
    fn id(&mut self, section: &'a Section, item: &'a Item) -> String {
        let key = match item.url() {
            Some(url) => Cow::Borrowed(url),
            None => Cow::Owned(format!("title:{}", item.title())),
        };
        let digest = sha1_smol::Sha1::from(key.as_bytes()).digest().bytes();
        let n = self.repeats.entry((&section.slug, key)).or_insert(0);
        *n += 1;
        let mut id = String::with_capacity(self.prefix.len() + section.slug.len() + 24);
        id.push_str(&self.prefix);
        id.push_str(&section.slug);
        id.push('/');
        for byte in &digest[..8] {
            id.push(char::from(HEX[usize::from(byte >> 4)]));
            id.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
        if *n > 1 {
            id.push('-');
            id.push_str(&n.to_string());
        }
        id
    }
}

/// Lowercase hexadecimal digits, as a SHA-1 digest is written.
const HEX: &[u8; 16] = b"0123456789abcdef";

/// The entry of an item, `after` items before the end of its issue.
pub(super) fn item_entry(
    issue: &Issue,
    section: &Section,
    item: &Item,
    id: String,
    after: usize,
    config: &Config,
) -> Entry {
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
pub(super) fn issue_outline(issue: &Issue, page: &str) -> String {
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
