//! Topic mentions over time: pure functions from the archive to counts.
//!
//! What is counted is described in [`text`], how terms match in
//! [`matcher`], the periods in [`period`]; [`emerging`] finds rising terms
//! without being told. A period that holds no issue is missing data, not
//! zero: it has no row in [`Trends::periods`].

pub mod emerging;
pub mod index;
pub mod matcher;
pub mod period;
pub mod text;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rayon::prelude::*;

use crate::config::Config;
use crate::model::{Archive, Issue};

pub use matcher::Matcher;
pub use period::Period;

/// Counts of one issue, or of one period.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    /// Mentions of each topic, in configuration order.
    pub mentions: Vec<usize>,
    /// Items that mention each topic.
    pub items: Vec<usize>,
    /// Items counted (in counted sections).
    pub items_total: usize,
    /// Issues added up.
    pub issues: usize,
}

impl Counts {
    fn new(topics: usize) -> Counts {
        Counts { mentions: vec![0; topics], items: vec![0; topics], items_total: 0, issues: 0 }
    }

    fn add(&mut self, other: &Counts) {
        for (a, b) in self.mentions.iter_mut().zip(&other.mentions) {
            *a += b;
        }
        for (a, b) in self.items.iter_mut().zip(&other.items) {
            *a += b;
        }
        self.items_total += other.items_total;
        self.issues += other.issues;
    }

    /// Share of counted items that mention topic `index`; `None` when the
    /// period has no counted item.
    pub fn share(&self, index: usize) -> Option<f64> {
        (self.items_total > 0).then(|| self.items[index] as f64 / self.items_total as f64)
    }

    /// Mentions of topic `index` per issue; `None` without issues.
    pub fn per_issue(&self, index: usize) -> Option<f64> {
        (self.issues > 0).then(|| self.mentions[index] as f64 / self.issues as f64)
    }
}

/// One period's counts.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodCounts {
    /// `2015-11`, `2015-W47`…, or the issue's key for [`Period::Issue`].
    pub label: String,
    /// The period's first day (the issue's date for [`Period::Issue`]).
    pub start: NaiveDate,
    pub counts: Counts,
}

/// The trend table: counts per period.
#[derive(Debug, Clone)]
pub struct Trends {
    pub period: Period,
    /// Topic names, in configuration order.
    pub topics: Vec<String>,
    /// Periods that hold at least one issue, oldest first.
    pub periods: Vec<PeriodCounts>,
    /// The same counts per year (`topics-by-year`), oldest first.
    pub years: Vec<PeriodCounts>,
    /// The smoothing window in periods (`--smooth N`), if any.
    pub smooth: Option<usize>,
}

/// Adds up issues, given one at a time in archive order, per period and per
/// year: what a [`Trends`] keeps, without keeping the issues.
#[derive(Debug, Clone)]
pub struct Tally {
    period: Period,
    topics: Vec<String>,
    /// Issues added so far.
    issues: usize,
    /// By first day, then (for [`Period::Issue`]) by position in the archive.
    periods: BTreeMap<(NaiveDate, usize), PeriodCounts>,
    years: BTreeMap<NaiveDate, PeriodCounts>,
}

impl Tally {
    pub fn new(config: &Config, period: Period) -> Tally {
        let topics = config.topics.iter().map(|t| t.name.clone()).collect();
        Tally { period, topics, issues: 0, periods: BTreeMap::new(), years: BTreeMap::new() }
    }

    /// Adds the counts of issue `at` of the archive's order: `key` is its
    /// [`Issue::key`], the label of its period for [`Period::Issue`].
    pub fn add(&mut self, at: usize, key: &str, date: DateTime<FixedOffset>, counts: &Counts) {
        let date = date.date_naive();
        let topics = self.topics.len();
        let empty = |label, start| PeriodCounts { label, start, counts: Counts::new(topics) };
        let period = match self.period {
            Period::Issue => self.periods.entry((date, at)).or_insert_with(|| empty(key.to_owned(), date)),
            period => {
                let (label, start) = period.of(date);
                self.periods.entry((start, 0)).or_insert_with(|| empty(label, start))
            }
        };
        period.counts.add(counts);
        let (label, start) = Period::Year.of(date);
        self.years.entry(start).or_insert_with(|| empty(label, start)).counts.add(counts);
        self.issues += 1;
    }

    /// Takes in the counts of another part of the archive.
    pub fn merge(&mut self, other: Tally) {
        for (key, period) in other.periods {
            match self.periods.get_mut(&key) {
                Some(mine) => mine.counts.add(&period.counts),
                None => drop(self.periods.insert(key, period)),
            }
        }
        for (key, year) in other.years {
            match self.years.get_mut(&key) {
                Some(mine) => mine.counts.add(&year.counts),
                None => drop(self.years.insert(key, year)),
            }
        }
        self.issues += other.issues;
    }

    /// Issues added so far.
    pub fn issues(&self) -> usize {
        self.issues
    }

    /// The trend table of the issues added.
    pub fn finish(self) -> Trends {
        Trends {
            period: self.period,
            topics: self.topics,
            periods: self.periods.into_values().collect(),
            years: self.years.into_values().collect(),
            smooth: None,
        }
    }
}

/// Counts one issue.
pub fn count_issue(issue: &Issue, matcher: &Matcher, config: &Config) -> Counts {
    let mut counts = Counts::new(matcher.len());
    counts.issues = 1;
    for texts in text::counted_items(issue, config) {
        counts.items_total += 1;
        for topic in 0..matcher.len() {
            let n: usize = texts.iter().map(|text| matcher.count(topic, text)).sum();
            counts.mentions[topic] += n;
            counts.items[topic] += usize::from(n > 0);
        }
    }
    counts
}

/// Counts the whole archive, grouped by `period`.
pub fn count(archive: &Archive, config: &Config, period: Period) -> Result<Trends, regex::Error> {
    let matcher = Matcher::new(&config.topics)?;
    let counts: Vec<Counts> = archive.issues.par_iter().map(|issue| count_issue(issue, &matcher, config)).collect();
    let mut tally = Tally::new(config, period);
    for (at, (issue, counts)) in archive.issues.iter().zip(&counts).enumerate() {
        tally.add(at, &issue.key, issue.date, counts);
    }
    Ok(tally.finish())
}

impl Trends {
    /// The same counts per year, as a trend table of its own.
    pub fn by_year(&self) -> Trends {
        Trends {
            period: Period::Year,
            topics: self.topics.clone(),
            periods: self.years.clone(),
            years: self.years.clone(),
            smooth: self.smooth,
        }
    }

    /// Asks for `share_smoothed` over a window of `window` periods (1: none).
    pub fn smoothed(self, window: Option<usize>) -> Trends {
        Trends { smooth: window.filter(|&n| n > 0), ..self }
    }

    /// The share of topic `topic` in period `index`, averaged over a window
    /// of `smooth` periods centred on it (the Google Books Ngram Viewer's
    /// smoothing): for N periods, N/2 before and N-1-N/2 after, so 3 is one
    /// on each side. Periods of the window without an issue, or without a
    /// counted item, are left out of the average (missing data, not zero);
    /// at the ends of the archive the window is cut short. `None` without
    /// smoothing or when no period of the window has a share.
    pub fn share_smoothed(&self, index: usize, topic: usize) -> Option<f64> {
        let window = self.smooth?;
        let (before, after) = ((window / 2) as i64, ((window - 1) - window / 2) as i64);
        let position = |i: usize| match self.period {
            Period::Issue => i as i64,
            period => period.ordinal(self.periods[i].start),
        };
        let centre = position(index);
        let (sum, n) = (0..self.periods.len())
            .filter(|&i| (centre - before..=centre + after).contains(&position(i)))
            .filter_map(|i| self.periods[i].counts.share(topic))
            .fold((0.0, 0), |(sum, n), share| (sum + share, n + 1));
        (n > 0).then(|| sum / n as f64)
    }

    /// The share shown in charts and sparklines: smoothed when asked.
    pub fn shown_share(&self, index: usize, topic: usize) -> Option<f64> {
        match self.smooth {
            Some(_) => self.share_smoothed(index, topic),
            None => self.periods[index].counts.share(topic),
        }
    }

    /// The periods as positions on a calendar line: `(ordinal, index)`,
    /// where a jump of more than one in the ordinal is a gap (periods without
    /// an issue). Issues are consecutive by definition.
    pub fn positions(&self) -> Vec<i64> {
        match self.period {
            Period::Issue => (0..self.periods.len() as i64).collect(),
            period => self.periods.iter().map(|p| period.ordinal(p.start)).collect(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Item, Section};
    use chrono::DateTime;

    /// An issue with one counted section holding one item per text, and an
    /// excluded `Sponsor` section.
    pub(crate) fn issue(date: &str, number: u32, texts: &[&str]) -> Issue {
        let item = |text: &str| Item {
            title_line: None,
            title_link: false,
            subsection: None,
            text: text.to_owned(),
            html: String::new(),
            links: Vec::new(),
            line: 1,
        };
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
}
