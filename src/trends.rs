//! Topic mentions over time: pure functions from the archive to counts.
//!
//! A term matches case-insensitively as a whole word, and also with a
//! trailing `s`. What is counted is the title line and text of the items of
//! counted sections (see [`Config::counts_section`]): not URLs, not the intro,
//! not the footer.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use regex::Regex;

use crate::config::{Config, Topic};
use crate::model::{Archive, Issue};

/// How issues are grouped into periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Period {
    #[default]
    Month,
    Quarter,
    Year,
}

impl Period {
    /// The period holding `date`: its label (`2015-11`, `2015-Q4`, `2015`)
    /// and its first day.
    pub fn of(self, date: NaiveDate) -> (String, NaiveDate) {
        let year = date.year();
        let first = |month| NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(date);
        match self {
            Period::Month => (format!("{year}-{:02}", date.month()), first(date.month())),
            Period::Quarter => {
                let quarter = date.month0() / 3 + 1;
                (format!("{year}-Q{quarter}"), first((quarter - 1) * 3 + 1))
            }
            Period::Year => (year.to_string(), first(1)),
        }
    }
}

/// Finds the mentions of each topic in a text.
pub struct Matcher {
    topics: Vec<Regex>,
}

impl Matcher {
    pub fn new(topics: &[Topic]) -> Result<Matcher, regex::Error> {
        let topics = topics
            .iter()
            .map(|topic| {
                let terms: Vec<String> = topic.terms.iter().map(|t| regex::escape(t.trim())).collect();
                Regex::new(&format!(r"(?i)\b(?:{})s?\b", terms.join("|")))
            })
            .collect::<Result<_, _>>()?;
        Ok(Matcher { topics })
    }

    /// Mentions of topic `index` in `text`.
    pub fn count(&self, index: usize, text: &str) -> usize {
        self.topics[index].find_iter(text).count()
    }

    pub fn len(&self) -> usize {
        self.topics.len()
    }

    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
    }
}

/// Counts of one issue, or of one period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
}

/// One period's counts.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodCounts {
    pub label: String,
    pub start: NaiveDate,
    pub counts: Counts,
}

/// The trend table: counts per issue and per period.
#[derive(Debug, Clone)]
pub struct Trends {
    pub period: Period,
    /// Topic names, in configuration order.
    pub topics: Vec<String>,
    /// Counts of each issue, in archive order.
    pub by_issue: Vec<Counts>,
    /// Periods that hold at least one issue, oldest first.
    pub periods: Vec<PeriodCounts>,
}

/// Counts one issue.
pub fn count_issue(issue: &Issue, matcher: &Matcher, config: &Config) -> Counts {
    let mut counts = Counts::new(matcher.len());
    counts.issues = 1;
    for section in issue.sections.iter().filter(|s| config.counts_section(&s.canonical)) {
        for item in &section.items {
            counts.items_total += 1;
            for topic in 0..matcher.len() {
                let n: usize = item.counted_text().map(|text| matcher.count(topic, text)).sum();
                counts.mentions[topic] += n;
                counts.items[topic] += usize::from(n > 0);
            }
        }
    }
    counts
}

/// Counts the whole archive, grouped by `period`.
pub fn count(archive: &Archive, config: &Config, period: Period) -> Result<Trends, regex::Error> {
    let matcher = Matcher::new(&config.topics)?;
    let by_issue: Vec<Counts> = archive.issues.par_iter().map(|i| count_issue(i, &matcher, config)).collect();
    let mut periods: BTreeMap<NaiveDate, PeriodCounts> = BTreeMap::new();
    for (issue, counts) in archive.issues.iter().zip(&by_issue) {
        let (label, start) = period.of(issue.date.date_naive());
        periods
            .entry(start)
            .or_insert_with(|| PeriodCounts { label, start, counts: Counts::new(matcher.len()) })
            .counts
            .add(counts);
    }
    Ok(Trends {
        period,
        topics: config.topics.iter().map(|t| t.name.clone()).collect(),
        by_issue,
        periods: periods.into_values().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(terms: &[&str]) -> Matcher {
        let topic = Topic { name: "T".into(), terms: terms.iter().map(|t| t.to_string()).collect() };
        Matcher::new(&[topic]).unwrap()
    }

    #[test]
    fn whole_words_case_insensitive_with_plural() {
        let m = matcher(&["docker", "dockerfile", "dockercon"]);
        assert_eq!(m.count(0, "Docker, DOCKERFILES and DockerCon"), 3);
        assert_eq!(m.count(0, "docker-compose up"), 1);
        assert_eq!(m.count(0, "dockerised dockers"), 1);
        assert_eq!(m.count(0, "undocker"), 0);
    }

    #[test]
    fn plural_of_unikernel() {
        let m = matcher(&["unikernel"]);
        assert_eq!(m.count(0, "The Road To Unikernels: why unikernels and a unikernel"), 3);
    }

    #[test]
    fn terms_are_literal() {
        let m = matcher(&["c++"]);
        assert_eq!(m.count(0, "c++ and cxx"), 0, "`\\b` after `+` needs a word character next");
        let m = matcher(&["k8s"]);
        assert_eq!(m.count(0, "K8s and k8sx"), 1);
    }

    #[test]
    fn period_labels() {
        let d = NaiveDate::from_ymd_opt(2015, 11, 22).unwrap();
        assert_eq!(Period::Month.of(d), ("2015-11".into(), NaiveDate::from_ymd_opt(2015, 11, 1).unwrap()));
        assert_eq!(Period::Quarter.of(d), ("2015-Q4".into(), NaiveDate::from_ymd_opt(2015, 10, 1).unwrap()));
        assert_eq!(Period::Year.of(d), ("2015".into(), NaiveDate::from_ymd_opt(2015, 1, 1).unwrap()));
    }
}
