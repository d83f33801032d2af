//! The site's pages on the samples: `archive.html`, the section pages, the
//! search index, `sitemap.xml`, the OpenGraph tags of every page, `404.html`
//! and the home page's feed table, against counts made by hand from the
//! sample issues (`samples::EXPECTED_SECTIONS`) or parsed back from the
//! feeds with feed-rs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use regex::Regex;

use crate::samples::EXPECTED_SECTIONS;
use crate::util::{Project, parse_feed, snapshot};

/// The sample issues' keys (their numbers, from the file names), oldest first.
const KEYS: [&str; 5] = ["251", "255", "322", "326", "346"];

/// Hand counts of `EXPECTED_SECTIONS` by published name (the samples'
/// `trendfeed.toml` publishes `CNCF - Cloud Native Computing Foundation` as
/// `CNCF`): (items, issues).
fn section_totals() -> BTreeMap<&'static str, (usize, usize)> {
    let mut totals = BTreeMap::new();
    for (_, sections) in EXPECTED_SECTIONS {
        for &(name, items) in sections {
            let name = if name.starts_with("CNCF") { "CNCF" } else { name };
            let total = totals.entry(name).or_insert((0, 0));
            total.0 += items;
            total.1 += 1;
        }
    }
    totals
}

/// Un-escapes what minijinja escapes in attributes and text.
fn unescape(text: &str) -> String {
    text.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every `href` of `html`, un-escaped.
fn hrefs(html: &str) -> Vec<String> {
    Regex::new(r#"href="([^"]*)""#).unwrap().captures_iter(html).map(|c| unescape(&c[1])).collect()
}

/// A project with the samples and their configuration with each line
/// `from` replaced by `to`.
fn samples_with(lines: &[(&str, &str)]) -> Project {
    let project = Project::samples();
    let path = project.path().join("trendfeed.toml");
    let mut config = std::fs::read_to_string(&path).unwrap();
    for (from, to) in lines {
        assert!(config.lines().any(|l| l == *from), "the samples' trendfeed.toml has no line `{from}`");
        config = config.replace(from, to);
    }
    std::fs::write(&path, config).unwrap();
    project
}

/// The samples, published at `base`.
fn samples_at(base: &str) -> Project {
    samples_with(&[("base_url = \"http://localhost:8000/\"", &format!("base_url = \"{base}\""))])
}

#[test]
fn archive_lists_every_issue_once_by_year_newest_first() {
    let project = Project::samples();
    project.build();
    let html = project.read_out("archive.html");
    let issue_links: Vec<String> = hrefs(&html).into_iter().filter(|h| h.starts_with("issues/")).collect();
    let expected: Vec<String> = KEYS.iter().rev().map(|k| format!("issues/{k}.html")).collect();
    assert_eq!(issue_links, expected, "every issue once, newest first");
    let years: Vec<&str> = Regex::new(r#"<section id="y(\d+)">"#)
        .unwrap()
        .captures_iter(&html)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(years, ["2017", "2015"]);
    // Each issue's row: its date and its items, summed by hand from the issues.
    let rows =
        Regex::new(r#"<time datetime="[^"]+">([0-9-]+)</time></td><td><a href="[^"]+">[^<]+</a></td><td>(\d+)</td>"#)
            .unwrap();
    let got: Vec<(String, usize)> =
        rows.captures_iter(&html).map(|c| (c[1].to_owned(), c[2].parse().unwrap())).collect();
    let want: Vec<(String, usize)> = EXPECTED_SECTIONS
        .iter()
        .rev()
        .map(|(file, sections)| (file[..10].to_owned(), sections.iter().map(|(_, n)| n).sum()))
        .collect();
    assert_eq!(got, want);
    // The sections, each linked once to its page.
    let pages: BTreeSet<String> = hrefs(&html).into_iter().filter(|h| h.starts_with("sections/")).collect();
    let slugs: BTreeSet<String> =
        section_totals().keys().map(|n| format!("sections/{}.html", n.to_lowercase())).collect();
    assert_eq!(pages, slugs);
}

#[test]
fn each_section_page_counts_its_items_and_links_its_feeds() {
    let project = Project::samples();
    project.build();
    let count = Regex::new(r#"<p class="count"><data value="(\d+)">\d+ items?</data> in (\d+) of 5 issues"#).unwrap();
    let pages: Vec<String> = std::fs::read_dir(project.out().join("sections"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(pages.len(), section_totals().len(), "{pages:?}");
    for (name, (items, issues)) in section_totals() {
        let slug = name.to_lowercase();
        let html = project.read_out(&format!("sections/{slug}.html"));
        let found = count.captures(&html).unwrap_or_else(|| panic!("{slug}: no count"));
        assert_eq!((found[1].parse::<usize>().unwrap(), found[2].parse::<usize>().unwrap()), (items, issues), "{name}");
        // The newest 50 at most (News has 54).
        assert_eq!(html.matches("<li class=\"item\">").count(), items.min(50), "{name}");
        let links = hrefs(&html);
        for format in ["rss", "atom", "json"] {
            let feed = format!("../feeds/{slug}.{format}");
            assert!(links.contains(&feed), "{name}: no link to {feed}");
            assert!(project.out().join(&feed[3..]).is_file(), "{feed} is not written");
        }
        // Every item links to its issue's page at the section.
        let at_issue: Vec<&String> = links.iter().filter(|h| h.starts_with("../issues/")).collect();
        assert_eq!(at_issue.len(), items.min(50), "{name}");
        for link in at_issue {
            let (page, anchor) = link[3..].split_once('#').unwrap_or_else(|| panic!("{link}: no anchor"));
            let target = project.read_out(page);
            assert!(target.contains(&format!("<section id=\"{anchor}\">")), "{link}: no such section");
        }
    }
}

#[test]
fn section_items_are_newest_issue_first() {
    let project = Project::samples();
    project.build();
    let html = project.read_out("sections/news.html");
    let issues: Vec<String> = hrefs(&html)
        .into_iter()
        .filter_map(|h| h.strip_prefix("../issues/").map(|h| h.split('.').next().unwrap().to_owned()))
        .collect();
    // News, newest first: 8 of 346, 13 of 326, 13 of 322, 10 of 255 and the newest 6 of 251's 10.
    let runs: Vec<(String, usize)> = issues.chunk_by(|a, b| a == b).map(|run| (run[0].clone(), run.len())).collect();
    let want = [("346", 8), ("326", 13), ("322", 13), ("255", 10), ("251", 6)].map(|(k, n)| (k.to_owned(), n));
    assert_eq!(runs, want);
}

#[test]
fn search_index_holds_every_item_and_issue() {
    let project = Project::samples();
    project.build();
    let js = project.read_out("search/index.js");
    let json = js.strip_prefix("window.TF_SEARCH = ").and_then(|j| j.trim_end().strip_suffix(';')).expect("a script");
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let docs = data["docs"].as_array().unwrap();
    let items: usize = section_totals().values().map(|(items, _)| items).sum();
    assert_eq!(items, 82);
    assert_eq!(docs.len(), items + KEYS.len());
    let pages: Vec<&str> = docs.iter().map(|d| d[1].as_str().unwrap()).collect();
    for key in KEYS {
        let page = format!("issues/{key}.html");
        assert_eq!(pages.iter().filter(|p| **p == page).count(), 1, "{page} is one issue document");
    }
    assert!(
        pages.iter().all(|p| p.starts_with("issues/") && project.out().join(p.split('#').next().unwrap()).is_file())
    );
    // elasticlunr's index: both fields, a ref per document.
    assert_eq!(data["index"]["fields"], serde_json::json!(["title", "body"]));
    let refs = data["index"]["documentStore"]["docInfo"].as_object().unwrap();
    assert_eq!(refs.len(), docs.len());
    let html = project.read_out("search.html");
    assert!(html.contains("Searches the titles and texts of all 82 items, and the titles of all 5 issues"), "{html}");
    for script in ["search/elasticlunr.min.js", "search/index.js", "search/search.js"] {
        assert!(html.contains(&format!("<script src=\"{script}\"></script>")), "{script}");
    }
    assert!(project.read_out("search/elasticlunr-LICENSE.txt").contains("Permission is hereby granted"));
}

/// The `<loc>`s of a sitemap, checked to be in the sitemaps.org namespace.
fn sitemap_locs(xml: &str) -> Vec<String> {
    const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let mut reader = NsReader::from_str(xml);
    let (mut locs, mut in_loc) = (Vec::new(), false);
    loop {
        match reader.read_resolved_event() {
            Ok((ns, Event::Start(e))) => {
                assert_eq!(ns, ResolveResult::Bound(quick_xml::name::Namespace(NS)), "element outside the namespace");
                in_loc = e.local_name().as_ref() == "loc";
            }
            Ok((_, Event::Text(t))) if in_loc => locs.push(unescape(t.as_ref())),
            Ok((_, Event::End(_))) => in_loc = false,
            Ok((_, Event::Eof)) => return locs,
            Ok(_) => {}
            Err(e) => panic!("sitemap.xml: {e} at byte {}", reader.error_position()),
        }
    }
}

#[test]
fn sitemap_lists_every_page_when_published() {
    let base = "https://weekly.example.org/devops/";
    let project = samples_at(base);
    project.build();
    let locs = sitemap_locs(&project.read_out("sitemap.xml"));
    let pages: BTreeSet<String> = snapshot(&project.out())
        .into_keys()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p.ends_with(".html") && p != "404.html")
        .map(|p| if p == "index.html" { base.to_owned() } else { format!("{base}{p}") })
        .collect();
    // index, archive, search, explore, 7 sections, 5 issues.
    assert_eq!(pages.len(), 16);
    assert_eq!(locs.len(), pages.len(), "each page once");
    assert_eq!(locs.into_iter().collect::<BTreeSet<_>>(), pages);
    let lastmod = Regex::new(r"<lastmod>(\d{4}-\d{2}-\d{2})</lastmod>").unwrap();
    assert_eq!(lastmod.captures_iter(&project.read_out("sitemap.xml")).count(), 16);
    // 404.html resolves its links against base_url, whatever the address it is shown at.
    assert!(project.read_out("404.html").contains(&format!("<base href=\"{}\">", base.replace('/', "&#x2f;"))));
}

#[test]
fn no_sitemap_for_a_localhost_base_url() {
    let project = Project::samples();
    project.build();
    assert!(!project.out().join("sitemap.xml").exists());
    assert!(!project.read_out("404.html").contains("<base"));
}

/// Every page of `out` (every HTML file), by path.
fn pages(out: &Path) -> BTreeMap<String, String> {
    snapshot(out)
        .into_iter()
        .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), String::from_utf8(b).unwrap_or_default()))
        .filter(|(p, _)| p.ends_with(".html"))
        .collect()
}

#[test]
fn every_page_type_has_opengraph_tags_and_the_header() {
    let base = "https://weekly.example.org/";
    let project = samples_at(base);
    project.build();
    let pages = pages(&project.out());
    let types: BTreeSet<&str> = pages.keys().map(|p| p.split('/').next().unwrap()).collect();
    let want = ["404.html", "archive.html", "explore.html", "index.html", "issues", "search.html", "sections"];
    assert_eq!(types, want.into_iter().collect());
    let meta = Regex::new(r#"<meta (?:property|name)="((?:og|twitter):[a-z_]+)" content="([^"]*)">"#).unwrap();
    for (path, html) in &pages {
        let tags: BTreeMap<String, String> =
            meta.captures_iter(html).map(|c| (c[1].to_owned(), unescape(&c[2]))).collect();
        for tag in ["og:title", "og:description", "og:type", "og:site_name", "twitter:card", "twitter:title"] {
            assert!(tags.get(tag).is_some_and(|v| !v.is_empty()), "{path}: no {tag}");
        }
        let kind = if path.starts_with("issues/") { "article" } else { "website" };
        assert_eq!(tags["og:type"], kind, "{path}");
        let url = match path.as_str() {
            "404.html" => None,
            "index.html" => Some(base.to_owned()),
            _ => Some(format!("{base}{path}")),
        };
        assert_eq!(tags.get("og:url"), url.as_ref(), "{path}");
        let root = "../".repeat(path.matches('/').count());
        let links = hrefs(html);
        for page in ["index.html", "archive.html", "archive.html#sections", "search.html", "explore.html"] {
            assert!(links.contains(&format!("{root}{page}")), "{path}: the header does not link {page}");
        }
    }
    // 16 pages in the sitemap, and 404.html.
    assert_eq!(pages.len(), 17, "{:?}", pages.keys());
    // The issue's page describes it by its intro's first sentence.
    let tags: Vec<String> = meta.captures_iter(&pages["issues/346.html"]).map(|c| unescape(&c[2])).collect();
    assert!(tags.iter().any(|t| t.starts_with("Some solid advanced topics this week")), "{tags:?}");
    // Served from localhost, no page claims an address.
    let local = Project::samples();
    local.build();
    assert!(self::pages(&local.out()).values().all(|html| !html.contains("og:url")));
}

/// The home page's feed table: (feed path, entries) per row, in order, and
/// the rowgroup titles.
fn feed_table(html: &str) -> (Vec<(String, usize)>, Vec<String>) {
    let row = Regex::new(r#"<td>(\d+)</td><td><a href="([^"]+)\.rss">RSS</a>"#).unwrap();
    let rows = row.captures_iter(html).map(|c| (unescape(&c[2]), c[1].parse().unwrap())).collect();
    let group = Regex::new(r#"<th colspan="3" scope="rowgroup">([^<]+)</th>"#).unwrap();
    (rows, group.captures_iter(html).map(|c| c[1].to_owned()).collect())
}

#[test]
fn feed_table_counts_the_entries_each_feed_holds() {
    // A byte budget that cuts the larger feeds: the table must show what the files hold.
    let project = samples_with(&[("feed_max_bytes = 512000", "feed_max_bytes = 30000")]);
    project.build();
    let (rows, groups) = feed_table(&project.read_out("index.html"));
    assert_eq!(groups, ["Whole issues", "Recurring sections", "Occasional sections", "Topics"]);
    assert_eq!(rows.len(), 8 + 3, "8 section and issue feeds, 3 topics");
    let mut cut = 0;
    for (path, shown) in &rows {
        let entries = parse_feed(&project.out().join(format!("{path}.rss"))).entries.len();
        assert_eq!(*shown, entries, "{path}");
        assert_eq!(parse_feed(&project.out().join(format!("{path}.atom"))).entries.len(), entries, "{path}");
        if let Some(name) = path.strip_prefix("feeds/") {
            let total =
                section_totals().into_iter().find(|(n, _)| n.to_lowercase() == name).map(|(_, (items, _))| items);
            cut += usize::from(total.is_some_and(|t| entries < t));
        }
    }
    assert!(cut >= 1, "feed_max_bytes cut no section feed: the test shows nothing");
    // Recurring (in 2 of the 5 issues at least) before occasional (Events, in one).
    let order: Vec<&str> = rows.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        order[..8],
        [
            "feeds/all",
            "feeds/cncf",
            "feeds/jobs",
            "feeds/news",
            "feeds/sponsor",
            "feeds/sponsored",
            "feeds/tools",
            "feeds/events"
        ]
    );
}

#[test]
fn not_found_page_links_back() {
    let project = Project::samples();
    project.build();
    let html = project.read_out("404.html");
    assert!(html.contains("<h1>Page not found</h1>"));
    let links = hrefs(&html);
    for page in ["archive.html", "search.html", "index.html"] {
        assert!(links.contains(&page.to_owned()), "{page}");
    }
}
