//! Feeds every reader accepts: parsed back, escaped once, sanitised, within
//! their byte budget, with JSON Feed and topic siblings, and discoverable.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::util::{Project, parse_feed, snapshot};

/// Every feed file below `out/feeds`, by path relative to it.
fn feed_files(project: &Project) -> Vec<std::path::PathBuf> {
    snapshot(&project.out().join("feeds"))
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "rss" || e == "atom" || e == "json"))
        .collect()
}

#[test]
fn topic_feeds_hold_the_items_that_mention_the_topic() {
    let project = Project::samples();
    project.build();
    // Items mentioning each topic, from the pinned trend counts (12 = 1+4+3+2+2, …).
    for (slug, count, term) in [("docker", 12, "docker"), ("kubernetes", 6, "kube"), ("unikernels", 4, "unikernel")] {
        for ext in ["rss", "atom"] {
            let feed = parse_feed(&project.out().join(format!("feeds/topics/{slug}.{ext}")));
            assert_eq!(feed.entries.len(), count, "{slug}.{ext}");
            for entry in &feed.entries {
                let text = format!(
                    "{} {}",
                    entry.title.as_ref().unwrap().content,
                    entry.summary.as_ref().map_or("", |s| s.content.as_str())
                );
                assert!(text.to_lowercase().contains(term), "{slug}: {text}");
                assert!(entry.categories.iter().all(|c| c.term != "Sponsor" && c.term != "Jobs"));
            }
        }
    }
    // An item has the same id in its section feed and its topic feed.
    let news: BTreeSet<String> =
        parse_feed(&project.out().join("feeds/news.atom")).entries.into_iter().map(|e| e.id).collect();
    let docker = parse_feed(&project.out().join("feeds/topics/docker.atom"));
    assert!(docker.entries.iter().filter(|e| e.id.contains(":news/")).all(|e| news.contains(&e.id)));
}

/// Checks a JSON Feed against the JSON Feed 1.1 specification's rules.
fn assert_json_feed_1_1(path: &Path, feed: &Value) {
    let name = path.display();
    let top = feed.as_object().unwrap_or_else(|| panic!("{name}: not an object"));
    assert_eq!(top["version"], "https://jsonfeed.org/version/1.1", "{name}");
    assert!(top["title"].is_string(), "{name}: title is required");
    let known = [
        "version",
        "title",
        "home_page_url",
        "feed_url",
        "description",
        "user_comment",
        "next_url",
        "icon",
        "favicon",
        "authors",
        "language",
        "expired",
        "hubs",
        "items",
    ];
    for key in top.keys() {
        assert!(known.contains(&key.as_str()) || key.starts_with('_'), "{name}: unknown key {key}");
    }
    for url in ["home_page_url", "feed_url"] {
        assert!(top[url].as_str().is_some_and(|u| u.starts_with("http")), "{name}: {url}");
    }
    for author in top["authors"].as_array().unwrap() {
        assert!(author["name"].is_string(), "{name}: author without name");
    }
    let items = top["items"].as_array().unwrap_or_else(|| panic!("{name}: items is required"));
    let mut ids = BTreeSet::new();
    for item in items {
        let id = item["id"].as_str().unwrap_or_else(|| panic!("{name}: item id must be a string"));
        assert!(ids.insert(id.to_owned()), "{name}: duplicate id {id}");
        assert!(item["content_html"].is_string() || item["content_text"].is_string(), "{name}: {id} has no content");
        assert!(item["url"].as_str().is_some_and(|u| u.starts_with("http")), "{name}: {id} url");
        for date in ["date_published", "date_modified"] {
            let value = item[date].as_str().unwrap_or_else(|| panic!("{name}: {id} {date}"));
            chrono::DateTime::parse_from_rfc3339(value).unwrap_or_else(|e| panic!("{name}: {id} {date}: {e}"));
        }
        if let Some(tags) = item.get("tags") {
            assert!(tags.as_array().unwrap().iter().all(Value::is_string), "{name}: tags are strings");
        }
    }
}

#[test]
fn json_feeds_follow_the_spec_and_match_their_rss_sibling() {
    let project = Project::samples();
    project.build();
    let files = feed_files(&project);
    let json: Vec<_> = files.iter().filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
    assert_eq!(json.len(), 11, "one per section (7), topic (3) and the issue feed");
    for path in json {
        let full = project.out().join("feeds").join(path);
        let feed: Value = serde_json::from_slice(&std::fs::read(&full).unwrap()).unwrap();
        assert_json_feed_1_1(path, &feed);
        let rss = parse_feed(&full.with_extension("rss"));
        let ids: Vec<&str> = feed["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
        let rss_ids: Vec<&str> = rss.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, rss_ids, "{}", path.display());
        let dates: Vec<String> = feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                chrono::DateTime::parse_from_rfc3339(i["date_published"].as_str().unwrap())
                    .unwrap()
                    .to_utc()
                    .to_rfc3339()
            })
            .collect();
        let rss_dates: Vec<String> = rss.entries.iter().map(|e| e.published.unwrap().to_rfc3339()).collect();
        assert_eq!(dates, rss_dates, "{}", path.display());
    }
}

#[test]
fn every_feed_is_well_formed_with_declared_namespaces() {
    // Their stylesheets: stylesheets.rs.
    let project = Project::samples();
    project.build();
    let mut checked = 0;
    for path in feed_files(&project).into_iter().filter(|p| p.extension().is_some_and(|e| e != "json")) {
        let text = std::fs::read_to_string(project.out().join("feeds").join(&path)).unwrap();
        if path.extension().is_some_and(|e| e == "rss") {
            assert!(text.contains("xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""));
            assert!(text.contains("xmlns:atom=\"http://www.w3.org/2005/Atom\""));
            assert!(text.contains("<language>en</language>"));
        }
        let feed = parse_feed(&project.out().join("feeds").join(&path));
        for entry in &feed.entries {
            let date = entry.published.or(entry.updated).unwrap();
            assert!(date.format("%Y").to_string().as_str() >= "2015", "{}: {date}", path.display());
        }
        checked += 1;
    }
    assert_eq!(checked, 22);
}

#[test]
fn entries_of_one_issue_have_distinct_updated_times_in_reading_order() {
    let project = Project::samples();
    project.build();
    let feed = parse_feed(&project.out().join("feeds/news.atom"));
    let first_issue: Vec<_> = feed.entries.iter().take(8).collect();
    assert!(first_issue.iter().all(|e| e.published == first_issue[0].published));
    let updated: Vec<_> = first_issue.iter().map(|e| e.updated.unwrap()).collect();
    assert!(updated.windows(2).all(|w| w[0] > w[1]), "{updated:?}");
    // Issue 346 has 14 items; News's first is the third, so 11 follow it; the last News item has Tools' 4 after it.
    let published = first_issue[0].published.unwrap();
    assert_eq!(updated[0], published + chrono::Duration::seconds(11));
    assert_eq!(updated[7], published + chrono::Duration::seconds(4));
    assert_eq!(feed.updated, Some(updated[0]), "the feed is as recent as its latest entry");
}

const HOSTILE: &str = "---\ntitle: \"Weekly <b>#900</b> & ]]> </title>\"\ndate: 2019-01-06T10:00:00+02:00\n---\n\n\
News\n====\n\nTom & Jerry's ]]> guide to </title> <script>alert(1)</script> and \u{7}bells\u{0}.\n\n\
[https://hostile.example/?a=1&b=2](https://hostile.example/?a=1&b=2)\n\n\
Click [here](javascript:alert(1)) or read [the archive](/archive/) <img src=x onerror=alert(1)>.\n\n\
[https://second.example/](https://second.example/)\n";

#[test]
fn hostile_text_is_escaped_once_and_sanitised() {
    let project = Project::samples();
    project.write_issue("2019-01-06-900.md", HOSTILE);
    project.build();
    for ext in ["rss", "atom", "json"] {
        let bytes = std::fs::read(project.out().join(format!("feeds/news.{ext}"))).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains('\u{0}') && !text.contains('\u{7}'), "{ext}: control character");
        assert!(!text.contains("<script") && !text.contains("&lt;script"), "{ext}: script survived");
        assert!(!text.contains("javascript:") && !text.contains("onerror"), "{ext}: active content survived");
    }
    for ext in ["rss", "atom"] {
        let feed = parse_feed(&project.out().join(format!("feeds/news.{ext}")));
        let first = &feed.entries[0];
        // In markdown `</title>` is an HTML tag, not text; a `<script>` element goes with its code.
        assert_eq!(
            first.title.as_ref().unwrap().content,
            "Tom & Jerry's ]]> guide to and \u{fffd}bells\u{fffd}.",
            "{ext}"
        );
        assert_eq!(first.links[0].href, "https://hostile.example/?a=1&b=2", "{ext}");
        let second = &feed.entries[1];
        assert_eq!(second.links[0].href, "http://localhost:8000/archive/", "{ext}: relative link resolved");
        let content = second.content.as_ref().and_then(|c| c.body.as_deref()).unwrap();
        assert!(content.contains("href=\"http://localhost:8000/archive/\""), "{ext}: {content}");
    }
    let all = parse_feed(&project.out().join("feeds/all.atom"));
    assert_eq!(all.entries[0].title.as_ref().unwrap().content, "Weekly <b>#900</b> & ]]> </title>");
}

#[test]
fn feeds_stay_under_the_byte_budget_dropping_the_oldest_entries() {
    let project = Project::samples();
    std::fs::write(project.path().join("trendfeed.toml"), "feed_max_bytes = 12000\n").unwrap();
    project.build();
    let full = {
        let other = Project::samples();
        other.build();
        parse_feed(&other.out().join("feeds/news.atom"))
    };
    for ext in ["rss", "atom", "json"] {
        let path = project.out().join(format!("feeds/news.{ext}"));
        assert!(std::fs::metadata(&path).unwrap().len() <= 12000, "{ext} over budget");
    }
    let cut = parse_feed(&project.out().join("feeds/news.atom"));
    assert!(!cut.entries.is_empty() && cut.entries.len() < full.entries.len(), "{}", cut.entries.len());
    let ids = |f: &feed_rs::model::Feed| f.entries.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&cut), ids(&full)[..cut.entries.len()], "the newest entries are kept");
    assert_eq!(parse_feed(&project.out().join("feeds/news.rss")).entries.len(), cut.entries.len());
}

#[test]
fn home_page_lists_and_advertises_every_feed() {
    let project = Project::samples();
    project.build();
    let index = project.read_out("index.html");
    let paths: Vec<String> = feed_files(&project).iter().map(|p| format!("feeds/{}", p.display())).collect();
    assert_eq!(paths.len(), 33);
    for path in &paths {
        let kind = match path.rsplit('.').next() {
            Some("rss") => "application/rss+xml",
            Some("atom") => "application/atom+xml",
            _ => "application/feed+json",
        };
        let tag = format!("<link rel=\"alternate\" type=\"{kind}\"");
        let escaped = path.replace('/', "&#x2f;");
        assert!(index.contains(&format!("href=\"{escaped}\">")), "{path} not linked");
        assert!(index.matches(&tag).count() == 11, "{kind} discovery tags");
    }
    assert!(index.contains("src=\"trends/trends.svg\""), "the chart is on the home page");
}

/// Text that looks like markup, from real archives: a title with a generic
/// type, a summary with `Q&A` and a placeholder in angle brackets, and a
/// tight bullet whose text is followed by a sub-list.
const MARKUP_LIKE: &str = "---\ntitle: \"Weekly #901\"\ndate: 2019-02-03T10:00:00+00:00\n---\n\n\
News\n====\n\n\
* [Change `wait_for_packet` to return `Option<Event>`](https://uefi.example/pull/1)\n\
* October updates;\n  * [Minor code changes](https://ravnos.example/commit/1)\n\n\
The Steering Committee held a Q&A session. `enforce: <policy name>` rejects pods.\n\
[https://steering.example/](https://steering.example/)\n";

/// The W3C validator's `CharacterData` (an RSS title holding `<` or `&`
/// without a hexadecimal reference on its line), `NotHtml(description)`
/// (plain text taken for HTML) and `NotHtml(content:encoded)` (a `</p>`
/// after a block inside the paragraph).
#[test]
fn markup_like_text_is_text_in_every_element() {
    let project = Project::samples();
    project.write_issue("2019-02-03-901.md", MARKUP_LIKE);
    project.build();
    let rss = project.read_out("feeds/news.rss");
    assert!(
        rss.contains("<title>Change wait_for_packet to return Option&#x3C;Event&gt;</title>"),
        "`<` in a title is a hexadecimal reference"
    );
    for line in rss.lines().filter(|l| l.contains("<title>") || l.contains("<category>")) {
        assert!(!line.contains("&lt;") && !line.contains("&amp;"), "{line}");
    }
    assert!(
        rss.contains(
            "<description><![CDATA[The Steering Committee held a Q&amp;A session. \
             enforce: &lt;policy name&gt; rejects pods.]]></description>"
        ),
        "the summary is text escaped as HTML"
    );
    let bullet = "<p>October updates;</p>\n<ul>\n<li><a href=\"https://ravnos.example/commit/1\">Minor code changes</a></li>\n</ul>\n";
    for ext in ["rss", "atom"] {
        let feed = parse_feed(&project.out().join(format!("feeds/news.{ext}")));
        let title = |i: usize| feed.entries[i].title.as_ref().unwrap().content.clone();
        assert_eq!(title(0), "Change wait_for_packet to return Option<Event>", "{ext}");
        let content = feed.entries[1].content.as_ref().and_then(|c| c.body.as_deref()).unwrap();
        assert_eq!(content.trim_end(), bullet.trim_end(), "{ext}: the paragraph ends before the sub-list");
    }
    let json: Value = serde_json::from_str(&project.read_out("feeds/news.json")).unwrap();
    let third = &json["items"][2];
    assert_eq!(third["summary"], "The Steering Committee held a Q&A session. enforce: <policy name> rejects pods.");
    assert_eq!(json["items"][0]["title"], "Change wait_for_packet to return Option<Event>");
}

#[test]
fn an_issue_without_headings_reaches_the_issue_and_topic_feeds_without_a_category() {
    let project = Project::samples();
    project.write_issue(
        "2019-01-06-900.md",
        "---\ntitle: Weekly #900\n---\n\nDocker on a plane.\n<https://plane.example/>\n\n\
         Docker on a train.\n<https://train.example/>\n",
    );
    project.build();
    let docker = parse_feed(&project.out().join("feeds/topics/docker.atom"));
    let ours: Vec<_> = docker.entries.iter().filter(|e| e.links[0].href.contains("plane.example")).collect();
    assert_eq!(ours.len(), 1);
    assert!(ours[0].categories.is_empty(), "{:?}", ours[0].categories);
    let rss = std::fs::read_to_string(project.out().join("feeds/topics/docker.rss")).unwrap();
    assert!(!rss.contains("<category></category>") && !rss.contains("<category/>"));
    let page = project.read_out("issues/900.html");
    assert!(page.contains("https://train.example/") && !page.contains("<h2>"), "{page}");
    // Two entries of the same day keep distinct, falling times everywhere.
    let all = parse_feed(&project.out().join("feeds/all.atom"));
    let times: Vec<_> = all.entries.iter().map(|e| e.updated).collect();
    assert!(times.windows(2).all(|w| w[0] > w[1]), "{times:?}");
}

#[test]
fn whole_issues_too_large_for_the_feed_become_outlines_before_any_is_dropped() {
    let project = Project::samples();
    // The five issues take about 39 KB in full; as outlines they fit in 20 KB.
    std::fs::write(project.path().join("trendfeed.toml"), "feed_max_bytes = 20000\nmin_section_issues = 1\n").unwrap();
    let output = project.build();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("note: feeds/all: 5 of 5 entries shown as their outline to fit feed_max_bytes (20000)"),
        "{err}"
    );
    for ext in ["rss", "atom", "json"] {
        let path = project.out().join(format!("feeds/all.{ext}"));
        assert!(std::fs::metadata(&path).unwrap().len() <= 20000, "{ext} over budget");
    }
    let all = parse_feed(&project.out().join("feeds/all.atom"));
    assert_eq!(all.entries.len(), 5, "no issue is dropped");
    let newest = all.entries[0].content.as_ref().and_then(|c| c.body.clone()).unwrap();
    assert!(newest.contains("<h2>News</h2>") && newest.contains("Read the whole issue"), "{newest}");
    assert!(newest.contains("/issues/346.html"), "{newest}");
    // The same archive within the default budget keeps whole issues and says nothing.
    let full = Project::samples();
    let output = full.build();
    assert!(!String::from_utf8_lossy(&output.stderr).contains("note: feeds/all"));
}
