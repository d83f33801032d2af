//! Tests of [`super`] (topic counts per period), and the [`issue`] the
//! tests of its submodules build archives from.

use super::*;
use crate::model::{Item, Section};
use chrono::DateTime;

/// An issue with one counted section holding one item per text, and an
/// excluded `Sponsor` section.
pub(crate) fn issue(date: &str, number: u32, texts: &[&str]) -> Issue {
    let section = |name: &str, items: Vec<Item>| Section {
        name: name.into(),
        canonical: name.into(),
        slug: name.to_lowercase(),
        line: 1,
        items,
        feed: true,
        boilerplate_html: String::new(),
        boilerplate: 0,
        subsection_links: Vec::new(),
    };
    Issue {
        key: number.to_string(),
        number: Some(number),
        title: format!("Issue {number}"),
        date: DateTime::parse_from_rfc3339(&format!("{date}T09:00:00+00:00")).unwrap(),
        source: format!("{date}-{number}.md").into(),
        intro_html: String::new(),
        intro_text: "Docker everywhere this week.".into(),
        sections: vec![
            section("Sponsor", vec![item("Docker Docker Docker")]),
            section("News", texts.iter().map(|t| item(t)).collect()),
        ],
        footer_html: String::new(),
    }
}

/// An item of plain text, at line 1, without title or links.
pub(crate) fn item(text: &str) -> Item {
    Item {
        title_line: None,
        title_link: false,
        subsection: None,
        text: text.to_owned(),
        html: String::new(),
        links: Vec::new(),
        line: 1,
    }
}

/// Hand-counted: Docker, Kubernetes over four issues in 2015-01,
/// 2015-01, 2015-02 and 2015-04 (March has none).
fn archive() -> Archive {
    Archive {
        issues: vec![
            issue("2015-01-05", 1, &["Docker and docker-compose", "Kubernetes", "nothing"]),
            issue("2015-01-26", 2, &["dockers", "k8s"]),
            issue("2015-02-02", 3, &["nothing", "nothing", "nothing", "Docker"]),
            issue("2015-04-06", 4, &["Docker, Kubernetes, Docker"]),
        ],
    }
}

fn config() -> Config {
    Config::from_toml(
        "[[topics]]\nname = \"Docker\"\nterms = [\"docker\"]\n\
         [[topics]]\nname = \"Kubernetes\"\nterms = [\"kubernetes\", \"k8s\"]\n",
    )
    .unwrap()
}

/// period, mentions, items, items_total, share, issues, per_issue.
type Row = (String, usize, usize, usize, Option<f64>, usize, Option<f64>);

fn rows(trends: &Trends, topic: usize) -> Vec<Row> {
    trends
        .periods
        .iter()
        .map(|p| {
            let c = &p.counts;
            let round = |v: Option<f64>| v.map(|v| (v * 1e4).round() / 1e4);
            (
                p.label.clone(),
                c.mentions[topic],
                c.items[topic],
                c.items_total,
                round(c.share(topic)),
                c.issues,
                round(c.per_issue(topic)),
            )
        })
        .collect()
}

#[test]
fn measures_per_month_hand_counted() {
    let trends = count(&archive(), &config(), Period::Month).unwrap();
    assert_eq!(
        rows(&trends, 0),
        [
            ("2015-01".into(), 3, 2, 5, Some(0.4), 2, Some(1.5)),
            ("2015-02".into(), 1, 1, 4, Some(0.25), 1, Some(1.0)),
            ("2015-04".into(), 2, 1, 1, Some(1.0), 1, Some(2.0)),
        ],
        "March has no issue: no row"
    );
    assert_eq!(rows(&trends, 1)[0], ("2015-01".into(), 2, 2, 5, Some(0.4), 2, Some(1.0)));
}

#[test]
fn measures_per_issue_week_quarter_year() {
    let archive = archive();
    let trends = count(&archive, &config(), Period::Issue).unwrap();
    let labels: Vec<&str> = trends.periods.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4"]);
    assert_eq!(rows(&trends, 0)[1], ("2".into(), 1, 1, 2, Some(0.5), 1, Some(1.0)));
    let weeks = count(&archive, &config(), Period::Week).unwrap();
    let labels: Vec<&str> = weeks.periods.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["2015-W02", "2015-W05", "2015-W06", "2015-W15"]);
    let quarters = count(&archive, &config(), Period::Quarter).unwrap();
    assert_eq!(
        rows(&quarters, 0),
        [
            ("2015-Q1".into(), 4, 3, 9, Some(0.3333), 3, Some(1.3333)),
            ("2015-Q2".into(), 2, 1, 1, Some(1.0), 1, Some(2.0)),
        ]
    );
    let years = count(&archive, &config(), Period::Year).unwrap();
    assert_eq!(rows(&years, 1), [("2015".into(), 3, 3, 10, Some(0.3), 4, Some(0.75))]);
    assert_eq!(trends.by_year().periods, years.periods, "every table keeps its years");
    assert_eq!(years.by_year().period, Period::Year);
}

#[test]
fn intro_and_sections_are_configurable() {
    let archive = archive();
    let with_intro = Config { count_intro: true, ..config() };
    let trends = count(&archive, &with_intro, Period::Year).unwrap();
    assert_eq!(rows(&trends, 0), [("2015".into(), 10, 8, 14, Some(0.5714), 4, Some(2.5))]);
    let sponsors_only = Config { include_sections: vec!["sponsor".into()], exclude_sections: vec![], ..config() };
    let trends = count(&archive, &sponsors_only, Period::Year).unwrap();
    assert_eq!(rows(&trends, 0), [("2015".into(), 12, 4, 4, Some(1.0), 4, Some(3.0))]);
}

#[test]
fn mentions_add_up_over_any_period() {
    let archive = archive();
    let (config, matcher) = (config(), Matcher::new(&config().topics).unwrap());
    for period in [Period::Week, Period::Month, Period::Quarter, Period::Year, Period::Issue] {
        let grouped = count(&archive, &config, period).unwrap();
        for topic in 0..2 {
            let total: usize = grouped.periods.iter().map(|p| p.counts.mentions[topic]).sum();
            let by_issue: usize =
                archive.issues.iter().map(|issue| count_issue(issue, &matcher, &config).mentions[topic]).sum();
            assert_eq!(total, by_issue, "{period:?}");
        }
        let issues: usize = grouped.periods.iter().map(|p| p.counts.issues).sum();
        assert_eq!(issues, 4);
    }
}

#[test]
fn smoothing_is_a_centred_mean_that_skips_missing_periods() {
    let trends = count(&archive(), &config(), Period::Month).unwrap();
    assert_eq!(trends.share_smoothed(0, 0), None, "not asked");
    let trends = trends.smoothed(Some(3));
    // Shares 0.4 (Jan), 0.25 (Feb), none (March), 1.0 (April).
    let smoothed: Vec<Option<f64>> = (0..3).map(|i| trends.share_smoothed(i, 0)).collect();
    assert_eq!(smoothed, [Some((0.4 + 0.25) / 2.0), Some((0.4 + 0.25) / 2.0), Some(1.0)]);
    let trends = trends.smoothed(Some(4));
    // Window of 4: two before, one after.
    assert_eq!(trends.share_smoothed(2, 0), Some((0.25 + 1.0) / 2.0), "Feb, (Mar), Apr, (May)");
    let trends = trends.smoothed(Some(1));
    assert_eq!(trends.share_smoothed(1, 0), Some(0.25));
}
