//! What a browser uses to show a feed: every RSS and Atom feed names
//! `feed.xsl` (XSLT 1.0), then `feed.css`, before its root element;
//! `feed.xsl` is well-formed XSLT 1.0; and `xsltproc` (libxslt, the XSLT
//! engine of Chromium and Safari), where it is installed, turns every feed
//! into a page whose entries link where the feed's entries do.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use regex::Regex;

use crate::util::{Project, parse_feed, snapshot};

const XSLT: &str = "http://www.w3.org/1999/XSL/Transform";

/// The elements of XSLT 1.0 (section B of the recommendation).
const XSLT_1_0_ELEMENTS: [&str; 35] = [
    "apply-imports",
    "apply-templates",
    "attribute",
    "attribute-set",
    "call-template",
    "choose",
    "comment",
    "copy",
    "copy-of",
    "decimal-format",
    "element",
    "fallback",
    "for-each",
    "if",
    "import",
    "include",
    "key",
    "message",
    "namespace-alias",
    "number",
    "otherwise",
    "output",
    "param",
    "preserve-space",
    "processing-instruction",
    "sort",
    "strip-space",
    "stylesheet",
    "template",
    "text",
    "transform",
    "value-of",
    "variable",
    "when",
    "with-param",
];

/// XPath 2.0 functions that XSLT 1.0 processors (every browser's) lack.
const XPATH_2_FUNCTIONS: [&str; 9] = [
    "replace(",
    "tokenize(",
    "matches(",
    "upper-case(",
    "lower-case(",
    "ends-with(",
    "string-join(",
    "format-date",
    "current-date",
];

/// The RSS and Atom feeds below `out/feeds`, relative to it.
fn xml_feeds(project: &Project) -> Vec<PathBuf> {
    snapshot(&project.out().join("feeds"))
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "rss" || e == "atom"))
        .collect()
}

/// The `<?xml-stylesheet?>` instructions before the root element, as
/// (type, href), and the root element's local name.
fn stylesheets_before_root(path: &Path) -> (Vec<(String, String)>, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = NsReader::from_str(&text);
    let mut sheets = Vec::new();
    loop {
        match reader.read_resolved_event() {
            Ok((_, Event::PI(pi))) => {
                assert_eq!(pi.target(), "xml-stylesheet", "{}: another instruction", path.display());
                let attribute = |name: &str| {
                    let found = pi.attributes().map(Result::unwrap).find(|a| a.key.0 == name);
                    found.map(|a| a.normalized_value(XmlVersion::default()).unwrap().into_owned()).unwrap()
                };
                sheets.push((attribute("type"), attribute("href")));
            }
            Ok((_, Event::Start(root))) => {
                return (sheets, root.local_name().as_ref().to_owned());
            }
            Ok((_, Event::Eof)) => panic!("{}: no root element", path.display()),
            Ok(_) => {}
            Err(e) => panic!("{}: {e} at byte {}", path.display(), reader.error_position()),
        }
    }
}

#[test]
fn every_feed_names_the_xsl_then_the_css_before_its_root() {
    let project = Project::samples();
    project.build();
    let feeds_dir = project.out().join("feeds");
    let xsl = feeds_dir.join("feed.xsl").canonicalize().unwrap();
    let css = feeds_dir.join("feed.css").canonicalize().unwrap();
    let feeds = xml_feeds(&project);
    for path in &feeds {
        let (sheets, root) = stylesheets_before_root(&feeds_dir.join(path));
        let expected_root = if path.extension().is_some_and(|e| e == "rss") { "rss" } else { "feed" };
        assert_eq!(root, expected_root, "{}", path.display());
        // feeds/news.rss names `feed.xsl`; feeds/topics/docker.rss `../feed.xsl`.
        let up = if path.starts_with("topics") { "../" } else { "" };
        let expected =
            [("text/xsl".to_owned(), format!("{up}feed.xsl")), ("text/css".to_owned(), format!("{up}feed.css"))];
        assert_eq!(sheets, expected, "{}", path.display());
        let folder = feeds_dir.join(path).parent().unwrap().to_owned();
        assert_eq!(folder.join(&sheets[0].1).canonicalize().unwrap(), xsl, "{}", path.display());
        assert_eq!(folder.join(&sheets[1].1).canonicalize().unwrap(), css, "{}", path.display());
    }
    assert_eq!(feeds.len(), 22, "RSS and Atom for 7 sections, 3 topics and the issue feed");
}

#[test]
fn feed_xsl_is_well_formed_xslt_1_0() {
    let project = Project::samples();
    project.build();
    let text = project.read_out("feeds/feed.xsl");
    let mut reader = NsReader::from_str(&text);
    let (mut depth, mut roots) = (0, 0);
    let (mut named, mut called, mut matched) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok(read) => read,
            Err(e) => panic!("feed.xsl: {e} at byte {}", reader.error_position()),
        };
        let (element, empty) = match event {
            Event::Start(e) => (e.into_owned(), false),
            Event::Empty(e) => (e.into_owned(), true),
            Event::End(_) => {
                depth -= 1;
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let local = element.local_name().as_ref().to_owned();
        let in_xslt = match ns {
            ResolveResult::Bound(ns) => ns.0 == XSLT,
            ResolveResult::Unbound => false,
            ResolveResult::Unknown(prefix) => panic!("feed.xsl: <{local}>: undeclared prefix {prefix:?}"),
        };
        let at = reader.buffer_position();
        let mut attributes = BTreeMap::new();
        for attribute in element.attributes() {
            let attribute = attribute.unwrap();
            let (ns, name) = reader.resolver().resolve_attribute(attribute.key);
            assert!(!matches!(ns, ResolveResult::Unknown(_)), "feed.xsl:{at}: undeclared prefix in {ns:?}");
            let value = attribute.normalized_value(XmlVersion::default()).unwrap().into_owned();
            for function in XPATH_2_FUNCTIONS {
                assert!(!value.contains(function), "feed.xsl:{at}: {function} is XPath 2.0: {value}");
            }
            attributes.insert(name.as_ref().to_owned(), value);
        }
        if depth == 0 {
            roots += 1;
            assert!(in_xslt && local == "stylesheet", "feed.xsl: the root is not xsl:stylesheet but {local}");
            assert_eq!(attributes.get("version").map(String::as_str), Some("1.0"), "feed.xsl: version");
        }
        if in_xslt {
            assert!(XSLT_1_0_ELEMENTS.contains(&local.as_str()), "feed.xsl:{at}: xsl:{local} is not XSLT 1.0");
            assert!(!attributes.contains_key("disable-output-escaping"), "feed.xsl:{at}: Firefox ignores it");
            match local.as_str() {
                "template" => {
                    named.extend(attributes.get("name").cloned());
                    matched.extend(attributes.get("match").cloned());
                }
                "call-template" => {
                    called.insert(attributes["name"].clone());
                }
                _ => {}
            }
        }
        if !empty {
            depth += 1;
        }
    }
    assert_eq!((depth, roots), (0, 1), "feed.xsl: one root element, every element closed");
    assert!(called.is_subset(&named), "feed.xsl: calls {called:?}, defines {named:?}");
    assert!(matched.contains("/") && matched.contains("item | atom:entry"), "feed.xsl: matches {matched:?}");
}

/// An item whose text holds what must be unescaped exactly once: `<`, `&`
/// and a literal `&amp;` (code spans keep it as written).
const ESCAPES: &str = "---\ntitle: \"Weekly #900\"\ndate: 2019-01-06T10:00:00+02:00\n---\n\nNews\n====\n\n\
Parsing `Option<Event>` & `a &amp; b` with care.\n\n\
[https://escapes.example/?a=1&b=2](https://escapes.example/?a=1&b=2)\n";

/// What `xsltproc` made of a feed: the home page link, the address to
/// subscribe with, and each entry's (link, title, summary), unescaped.
#[derive(Debug)]
struct Page {
    home: String,
    subscribe: String,
    entries: Vec<(String, String, String)>,
}

/// HTML text or attribute value as plain text; panics on a reference it does not know.
fn unescape_html(text: &str) -> String {
    let reference = Regex::new(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);").unwrap();
    reference
        .replace_all(text, |c: &regex::Captures| match &c[1] {
            "amp" => "&".to_owned(),
            "lt" => "<".to_owned(),
            "gt" => ">".to_owned(),
            "quot" => "\"".to_owned(),
            "nbsp" => "\u{a0}".to_owned(),
            n if n.starts_with("#x") => char::from_u32(u32::from_str_radix(&n[2..], 16).unwrap()).unwrap().to_string(),
            n if n.starts_with('#') => char::from_u32(n[1..].parse().unwrap()).unwrap().to_string(),
            other => panic!("unexpected HTML reference &{other};"),
        })
        .into_owned()
}

/// Runs `xsltproc` on a feed, in its folder and with no stylesheet named, so
/// that the feed's own `<?xml-stylesheet?>` is followed.
fn xsltproc(feed: &Path) -> Page {
    let output = Command::new("xsltproc")
        .arg(feed.file_name().unwrap())
        .current_dir(feed.parent().unwrap())
        .output()
        .expect("xsltproc runs");
    assert!(output.status.success(), "{}: {}", feed.display(), String::from_utf8_lossy(&output.stderr));
    let html = String::from_utf8(output.stdout).unwrap();
    let one = |pattern: &str| {
        let captures = Regex::new(pattern).unwrap().captures(&html);
        unescape_html(&captures.unwrap_or_else(|| panic!("{}: no {pattern} in {html}", feed.display()))[1])
    };
    let entry =
        Regex::new(r#"(?s)^<h2><a href="([^"]*)">(.*?)</a></h2>.*?(?:<p class="summary">(.*?)</p>)?</article>"#)
            .unwrap();
    let entries = html
        .split(r#"<article class="entry">"#)
        .skip(1)
        .map(|chunk| {
            let c =
                entry.captures(chunk).unwrap_or_else(|| panic!("{}: entry without a link: {chunk}", feed.display()));
            let summary = c.get(3).map_or(String::new(), |s| unescape_html(s.as_str()));
            (unescape_html(&c[1]), unescape_html(&c[2]), summary)
        })
        .collect();
    Page { home: one(r#"<header><a href="([^"]*)">"#), subscribe: one(r"(?s)<code>(.*?)</code>"), entries }
}

#[test]
fn xsltproc_shows_every_feed_with_its_entry_links() {
    if Command::new("xsltproc").arg("--version").output().is_err() {
        eprintln!("skipped: xsltproc is not installed (apt-get install xsltproc)");
        return;
    }
    let project = Project::samples();
    project.write_issue("2019-01-06-900.md", ESCAPES);
    project.build();
    let feeds_dir = project.out().join("feeds");
    let index = project.out().join("index.html").canonicalize().unwrap();
    let mut summaries: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    let mut checked = 0;
    for path in xml_feeds(&project) {
        let full = feeds_dir.join(&path);
        let page = xsltproc(&full);
        let feed = parse_feed(&full);
        // feed-rs normalizes URLs (`http://a.example` becomes `http://a.example/`).
        let normal = |url: &str| url::Url::parse(url).unwrap().to_string();
        let expected: Vec<String> = feed.entries.iter().map(|e| normal(&e.links[0].href)).collect();
        let shown: Vec<String> = page.entries.iter().map(|(link, _, _)| normal(link)).collect();
        assert_eq!(shown, expected, "{}", path.display());
        assert!(!shown.is_empty(), "{}", path.display());
        let titles: Vec<&str> = feed.entries.iter().map(|e| e.title.as_ref().unwrap().content.as_str()).collect();
        let shown_titles: Vec<&str> = page.entries.iter().map(|(_, title, _)| title.as_str()).collect();
        assert_eq!(shown_titles, titles, "{}", path.display());
        let self_link = feed.links.iter().find(|l| l.rel.as_deref() == Some("self")).unwrap();
        assert_eq!(page.subscribe, self_link.href, "{}", path.display());
        assert_eq!(full.parent().unwrap().join(&page.home).canonicalize().unwrap(), index, "{}", path.display());
        let shown_summaries: Vec<String> = page.entries.iter().map(|(_, _, summary)| summary.clone()).collect();
        if path.extension().is_some_and(|e| e == "atom") {
            // The Atom summary is plain text: shown whole, or its first 400 characters and the rest of a word.
            for (entry, shown) in feed.entries.iter().zip(&shown_summaries) {
                let summary = entry.summary.as_ref().map_or(String::new(), |s| s.content.clone());
                let summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
                match shown.strip_suffix(" …") {
                    Some(cut) => assert!(summary.starts_with(cut) && cut.chars().count() >= 400, "{}", path.display()),
                    None => assert_eq!(shown, &summary, "{}", path.display()),
                }
            }
        }
        match summaries.entry(path.with_extension("")) {
            Entry::Vacant(slot) => {
                slot.insert(shown_summaries);
            }
            Entry::Occupied(slot) => {
                assert_eq!(slot.get(), &shown_summaries, "{}: RSS and Atom show different summaries", path.display());
            }
        }
        checked += 1;
        if path == Path::new("news.rss") || path == Path::new("news.atom") {
            let (link, title, summary) = &page.entries[0];
            assert_eq!(link, "https://escapes.example/?a=1&b=2", "{}", path.display());
            assert_eq!(title, "Parsing Option<Event> & a &amp; b with care.", "{}", path.display());
            assert!(
                summary.starts_with("Parsing Option<Event> & a &amp; b with care."),
                "{}: {summary}",
                path.display()
            );
        }
    }
    assert_eq!(checked, 22);
}
