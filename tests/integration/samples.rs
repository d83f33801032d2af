//! The five sample issues, with the counts pinned by hand.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use trendfeed::config::Config;
use trendfeed::input::{LoadOptions, load_dir};

use crate::util::{Project, parse_feed, samples_dir, snapshot};

pub type Sections = &'static [(&'static str, usize)];

/// Items per section of each sample, as the issue tracker pins them.
pub const EXPECTED_SECTIONS: [(&str, Sections); 5] = [
    ("2015-10-25-251.md", &[("Sponsor", 1), ("Sponsored", 1), ("News", 10), ("Tools", 2)]),
    ("2015-11-22-255.md", &[("Sponsor", 1), ("Sponsored", 1), ("News", 10), ("Tools", 5)]),
    (
        "2017-02-26-322.md",
        &[("Sponsor", 1), ("Sponsored", 1), ("News", 13), ("CNCF", 1), ("Jobs", 1), ("Events", 2), ("Tools", 1)],
    ),
    ("2017-03-26-326.md", &[("Sponsor", 1), ("Sponsored", 1), ("News", 13), ("Jobs", 1), ("Tools", 1)]),
    (
        "2017-08-13-346.md",
        &[("Sponsor", 1), ("Sponsored", 1), ("News", 8), ("CNCF - Cloud Native Computing Foundation", 2), ("Tools", 2)],
    ),
];

#[test]
fn items_per_section() {
    let loaded = load_dir(&samples_dir(), &Config::default(), LoadOptions::default()).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(loaded.archive.issues.len(), 5);
    for (issue, (file, expected)) in loaded.archive.issues.iter().zip(EXPECTED_SECTIONS) {
        assert!(issue.source.ends_with(file), "{} vs {file}", issue.source.display());
        let got: Vec<(&str, usize)> = issue.sections.iter().map(|s| (s.name.as_str(), s.items.len())).collect();
        assert_eq!(got, expected, "{file}");
    }
}

#[test]
fn issue_metadata() {
    let loaded = load_dir(&samples_dir(), &Config::default(), LoadOptions::default()).unwrap();
    let issue = &loaded.archive.issues[4];
    assert_eq!(issue.number, Some(346));
    assert_eq!(issue.title, "DEVOPS WEEKLY ISSUE #346 - 13th August 2017");
    assert_eq!(issue.date.to_rfc3339(), "2017-08-13T12:59:06+01:00");
    assert!(issue.intro_text.starts_with("Some solid advanced topics this week"), "{}", issue.intro_text);
    let cncf = &issue.sections[3];
    assert_eq!((cncf.canonical.as_str(), cncf.slug.as_str()), ("CNCF", "cncf"));
    let numbers: Vec<_> = loaded.archive.issues.iter().map(|i| i.number).collect();
    assert_eq!(numbers, [Some(251), Some(255), Some(322), Some(326), Some(346)]);
}

#[test]
fn titles_of_items() {
    let loaded = load_dir(&samples_dir(), &Config::default(), LoadOptions::default()).unwrap();
    let issues = &loaded.archive.issues;
    let sponsored = &issues[1].sections[1].items[0];
    assert_eq!(sponsored.title(), "[Webinar] How to Build a Metrics-optimized Software Delivery Pipeline");
    assert!(sponsored.text.starts_with("Learn a practical step-by-step approach"));
    let cncf = &issues[2].sections[3].items[0];
    assert_eq!(cncf.title(), "An introduction to Linkerd with William Morgan of buoyant.io");
    // No title line: the first sentence, cut at a word boundary to 100 characters.
    let news = &issues[0].sections[2].items[0];
    assert_eq!(
        news.title(),
        "Great post on why empathy isn’t something you have or you don’t, it’s a constant process of…"
    );
    assert!(issues.iter().flat_map(|i| i.items()).all(|(_, item)| item.title().chars().count() <= 100));
}

#[test]
fn footer_is_never_an_item() {
    let loaded = load_dir(&samples_dir(), &Config::default(), LoadOptions::default()).unwrap();
    for issue in &loaded.archive.issues {
        let last = issue.sections.last().unwrap();
        let earlier: BTreeSet<&str> =
            issue.sections[..issue.sections.len() - 1].iter().flat_map(|s| &s.items).map(|i| i.text.as_str()).collect();
        for item in &last.items {
            assert!(!earlier.contains(item.text.as_str()), "{}: footer item {:?}", issue.title, item.text);
            assert!(!item.text.contains("If you received this email"), "{}: {:?}", issue.title, item.text);
            assert!(item.links.iter().all(|l| l.url != "http://devopsweekly.com"), "{}", issue.title);
        }
        assert!(issue.footer_html.contains(&issue.sections[0].items[0].text[..30]), "{}", issue.title);
    }
}

#[test]
fn trend_counts_per_month() {
    let project = Project::samples();
    project.build();
    let expected = "\
start,period,keyword,mentions,items,items_total,share,issues
2015-10-01,2015-10,Docker,1,1,12,0.0833,1
2015-10-01,2015-10,Kubernetes,0,0,12,0.0000,1
2015-10-01,2015-10,Unikernels,1,1,12,0.0833,1
2015-11-01,2015-11,Docker,6,4,15,0.2667,1
2015-11-01,2015-11,Kubernetes,0,0,15,0.0000,1
2015-11-01,2015-11,Unikernels,3,2,15,0.1333,1
2017-02-01,2017-02,Docker,5,3,17,0.1765,1
2017-02-01,2017-02,Kubernetes,3,3,17,0.1765,1
2017-02-01,2017-02,Unikernels,0,0,17,0.0000,1
2017-03-01,2017-03,Docker,4,2,14,0.1429,1
2017-03-01,2017-03,Kubernetes,2,1,14,0.0714,1
2017-03-01,2017-03,Unikernels,0,0,14,0.0000,1
2017-08-01,2017-08,Docker,2,2,12,0.1667,1
2017-08-01,2017-08,Kubernetes,3,2,12,0.1667,1
2017-08-01,2017-08,Unikernels,1,1,12,0.0833,1
";
    // The columns after the eighth are pinned in `trends.rs`.
    assert_eq!(first_eight_columns(&project.read_out("trends/trends.csv")), expected);
}

/// Each line of a CSV with only its first eight columns (no quoted commas here).
fn first_eight_columns(csv: &str) -> String {
    csv.lines().map(|line| line.split(',').take(8).collect::<Vec<_>>().join(",") + "\n").collect()
}

#[test]
fn trend_counts_per_quarter_and_year() {
    let project = Project::samples();
    let output = project.run(&["build", "--period", "year"]);
    assert!(output.status.success());
    let csv = first_eight_columns(&project.read_out("trends/trends.csv"));
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[1], "2015-01-01,2015,Docker,7,5,27,0.1852,2");
    assert_eq!(rows[5], "2017-01-01,2017,Kubernetes,8,6,43,0.1395,3");
    let output = project.run(&["build", "--period", "quarter"]);
    assert!(output.status.success());
    let csv = project.read_out("trends/trends.csv");
    let periods: Vec<&str> = csv.lines().skip(1).step_by(3).map(|l| l.split(',').nth(1).unwrap()).collect();
    assert_eq!(periods, ["2015-Q4", "2017-Q1", "2017-Q3"]);
    assert!(csv.contains("2017-01-01,2017-Q1,Docker,9,5,31,0.1613,2"), "{csv}");
}

#[test]
fn csv_headers_and_rows() {
    let project = Project::samples();
    project.build();
    let first = |path: &str| project.read_out(path).lines().next().unwrap().to_owned();
    assert_eq!(
        first("trends/trends.csv"),
        "start,period,keyword,mentions,items,items_total,share,issues,per_issue,share_smoothed"
    );
    assert_eq!(first("trends/trends-wide.csv"), "start,period,Docker,Kubernetes,Unikernels");
    assert_eq!(first("trends/trends-wide-share.csv"), "start,period,Docker,Kubernetes,Unikernels");
    assert_eq!(first("trends/by-issue.csv"), "date,issue,published,title,items,Docker,Kubernetes,Unikernels");
    assert_eq!(first("items.csv"), "date,issue,published,section,id,title,url,text");
    let wide = project.read_out("trends/trends-wide.csv");
    assert_eq!(wide.lines().nth(2), Some("2015-11-01,2015-11,6,0,3"));
    // The shares of November 2015 in `trend_counts_per_month`: 4, 0 and 2 of 15 items.
    let shares = project.read_out("trends/trends-wide-share.csv");
    assert_eq!(shares.lines().nth(2), Some("2015-11-01,2015-11,0.2667,0.0000,0.1333"));
    assert_eq!(shares.lines().count(), wide.lines().count());
    let by_issue = project.read_out("trends/by-issue.csv");
    assert_eq!(by_issue.lines().count(), 6);
    assert!(by_issue.contains(
        "\n2017-02-26,322,2017-02-26T17:46:54+00:00,DEVOPS WEEKLY ISSUE #322 - 26th February 2017,17,5,3,0\n"
    ));
    let items_csv = project.read_out("items.csv");
    let mut items = csv::Reader::from_reader(items_csv.as_bytes());
    let rows: Vec<csv::StringRecord> = items.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 82);
    assert_eq!(&rows[0][0], "2015-10-25");
    assert_eq!(&rows[0][1], "251");
    assert_eq!(&rows[0][2], "2015-10-25T12:01:20+00:00");
    assert_eq!(&rows[0][3], "Sponsor");
}

/// Every URL written in a sample issue, found with a pattern independent of the parser.
fn sample_urls() -> BTreeSet<String> {
    let pattern = regex::Regex::new(r"https?://[^\s()<>\[\]]+").unwrap();
    std::fs::read_dir(samples_dir())
        .unwrap()
        .flat_map(|e| {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            pattern.find_iter(&text).map(|m| m.as_str().to_owned()).collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_url_appears_in_the_output() {
    let project = Project::samples();
    project.build();
    let urls = sample_urls();
    assert_eq!(urls.len(), 90);
    let all_feed = project.read_out("feeds/all.rss");
    let pages: String =
        snapshot(&project.out().join("issues")).values().map(|b| String::from_utf8_lossy(b).into_owned()).collect();
    for url in &urls {
        let escaped = url.replace('&', "&amp;");
        assert!(pages.contains(&format!("href=\"{escaped}\"")), "{url} is not linked from an issue page");
        if url != "http://devopsweekly.com" {
            // Footer links are on the issue pages only.
            assert!(all_feed.contains(&escaped), "{url} is not in feeds/all.rss");
        }
    }
}

/// Entries expected in each section feed: all items of the section.
const FEED_ENTRIES: [(&str, usize); 8] = [
    ("all", 5),
    ("cncf", 3),
    ("events", 2),
    ("jobs", 2),
    ("news", 54),
    ("sponsor", 5),
    ("sponsored", 5),
    ("tools", 11),
];

#[test]
fn feeds_parse_back_with_feed_rs() {
    let project = Project::samples();
    project.build();
    let feeds_dir = project.out().join("feeds");
    let names: BTreeSet<String> =
        std::fs::read_dir(&feeds_dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let mut expected_names: BTreeSet<String> = FEED_ENTRIES
        .iter()
        .flat_map(|(slug, _)| [format!("{slug}.rss"), format!("{slug}.atom"), format!("{slug}.json")])
        .collect();
    expected_names.extend(["feed.css".to_owned(), "feed.xsl".to_owned(), "topics".to_owned()]);
    assert_eq!(names, expected_names);
    for (slug, count) in FEED_ENTRIES {
        let rss = parse_feed(&feeds_dir.join(format!("{slug}.rss")));
        let atom = parse_feed(&feeds_dir.join(format!("{slug}.atom")));
        for feed in [&rss, &atom] {
            assert_eq!(feed.entries.len(), count, "{slug}");
            let dates: Vec<DateTime<chrono::Utc>> =
                feed.entries.iter().map(|e| e.published.or(e.updated).unwrap()).collect();
            assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{slug}: not newest first");
            // RSS lastBuildDate is the newest pubDate; the Atom feed's updated is its
            // latest entry updated (seconds after the issue's date, see the README).
            let latest = feed.entries.iter().map(|e| e.updated.or(e.published).unwrap()).max().unwrap();
            assert_eq!(feed.updated, Some(if std::ptr::eq(feed, &rss) { dates[0] } else { latest }), "{slug}");
            assert!(latest >= dates[0] && latest - dates[0] < chrono::Duration::minutes(1), "{slug}");
            let ids: BTreeSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
            assert_eq!(ids.len(), count, "{slug}: ids are unique");
            assert!(feed.entries.iter().all(|e| e.links.first().is_some_and(|l| l.href.starts_with("http"))));
            assert!(feed.links.iter().any(|l| l.rel.as_deref() == Some("self")), "{slug}: self link");
        }
        let pairs = |f: &feed_rs::model::Feed| -> Vec<(String, String, String)> {
            f.entries
                .iter()
                .map(|e| (e.id.clone(), e.links[0].href.clone(), e.title.as_ref().unwrap().content.clone()))
                .collect()
        };
        assert_eq!(pairs(&rss), pairs(&atom), "{slug}: RSS and Atom agree");
    }
}

#[test]
fn news_feed_entries_and_dates_keep_the_offset() {
    let project = Project::samples();
    project.build();
    let rss = project.read_out("feeds/news.rss");
    assert!(rss.contains("<pubDate>Sun, 13 Aug 2017 12:59:06 +0100</pubDate>"), "RFC 822 with the issue's offset");
    assert!(rss.contains("<lastBuildDate>Sun, 13 Aug 2017 12:59:06 +0100</lastBuildDate>"));
    assert!(rss.contains("<guid isPermaLink=\"false\">tag:localhost,2017-08-13:news/"));
    assert!(rss.contains("<category>News</category>"));
    let atom = project.read_out("feeds/news.atom");
    assert!(atom.contains("<published>2017-08-13T12:59:06+01:00</published>"));
    let feed = parse_feed(&project.out().join("feeds/news.rss"));
    let first = &feed.entries[0];
    assert_eq!(first.links[0].href, "https://www.bassi.io/articles/2017/08/10/dev-v-ops/");
    let offset: DateTime<FixedOffset> = DateTime::parse_from_rfc3339("2017-08-13T12:59:06+01:00").unwrap();
    assert_eq!(first.published, Some(offset.to_utc()));
    let content = first.content.as_ref().and_then(|c| c.body.as_deref()).unwrap();
    assert!(content.contains("href=\"https://www.bassi.io/articles/2017/08/10/dev-v-ops/\""), "{content}");
}

#[test]
fn whole_issue_feed_links_to_issue_pages() {
    let project = Project::samples();
    project.build();
    let feed = parse_feed(&project.out().join("feeds/all.atom"));
    let links: Vec<&str> = feed.entries.iter().map(|e| e.links[0].href.as_str()).collect();
    assert_eq!(links[0], "http://localhost:8000/issues/346.html");
    for link in links {
        let page = link.strip_prefix("http://localhost:8000/").unwrap();
        assert!(project.out().join(page).is_file(), "{page} is not written");
    }
}

#[test]
fn no_dangling_links_in_pages() {
    let project = Project::samples();
    project.build();
    let href = regex::Regex::new(r#"(?:href|src)="([^"]+)""#).unwrap();
    let files = snapshot(&project.out());
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "html")) {
        let html = String::from_utf8_lossy(bytes);
        for target in href.captures_iter(&html).map(|c| c[1].replace("&#x2f;", "/").replace("&amp;", "&")) {
            if target.starts_with("http://") || target.starts_with("https://") {
                continue;
            }
            if let Some(id) = target.strip_prefix('#') {
                assert!(html.contains(&format!(" id=\"{id}\"")), "{}: no `{target}` on the page", path.display());
                continue;
            }
            // A link to a section of another page: the page must exist (the anchors are checked in `site`).
            let target = target.split('#').next().unwrap_or_default();
            let resolved = path.parent().unwrap().join(target);
            let normal: std::path::PathBuf = resolved.components().fold(std::path::PathBuf::new(), |mut acc, c| {
                match c {
                    std::path::Component::ParentDir => {
                        acc.pop();
                    }
                    other => acc.push(other),
                }
                acc
            });
            assert!(files.contains_key(&normal), "{}: `{target}` does not exist", path.display());
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} local links checked");
}

#[test]
fn rebuild_is_byte_identical() {
    let project = Project::samples();
    project.build();
    let first = snapshot(&project.out());
    std::fs::remove_dir_all(project.out()).unwrap();
    project.build();
    assert_eq!(first, snapshot(&project.out()));
    // 84 outputs (7 of them CSV files, 6 their spreadsheet copies, 9 the
    // explore page's; archive.html, search.html and its 4 files, 404.html
    // and a page for each of the 7 sections) and the manifest listing them.
    assert_eq!(first.len(), 85);
}

#[test]
fn committed_out_matches_a_fresh_build() {
    let project = Project::samples();
    project.build();
    let committed = snapshot(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("out"));
    let fresh = snapshot(&project.out());
    let differing: BTreeMap<_, _> =
        fresh.iter().filter(|(p, b)| committed.get(*p) != Some(*b)).map(|(p, _)| (p, ())).collect();
    assert!(differing.is_empty(), "out/ is stale, run `cargo run --release`: {:?}", differing.keys());
    assert_eq!(committed.len(), fresh.len(), "out/ has extra or missing files");
}

#[test]
fn chart_is_an_svg_with_title_axes_and_legend() {
    let project = Project::samples();
    project.build();
    let svg: String = project.read_out("trends/trends.svg").lines().map(str::trim).collect();
    assert!(svg.starts_with("<svg"), "{}", &svg[..50]);
    for text in [
        "share of items mentioning each topic",
        "Period start",
        "Items mentioning the topic (%)",
        ">Docker<",
        ">Kubernetes<",
        ">Unikernels<",
    ] {
        assert!(svg.contains(text), "chart lacks {text}");
    }
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let project = Project::samples();
    let mut trees = Vec::new();
    for threads in ["1", "2", "7"] {
        let out = format!("out-{threads}");
        let output =
            project.command().args(["build", "--out", &out]).env("RAYON_NUM_THREADS", threads).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        trees.push(snapshot(&project.path().join(&out)));
    }
    assert!(trees[0].len() > 50);
    assert_eq!(trees[0], trees[1], "1 thread vs 2");
    assert_eq!(trees[0], trees[2], "1 thread vs 7");
}
