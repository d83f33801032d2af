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
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
        Tally::of_topics(config.topics.iter().map(|t| t.name.clone()).collect(), period)
    }

    /// A tally of the topics named, in this order.
    pub fn of_topics(topics: Vec<String>, period: Period) -> Tally {
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
        count_item(&texts, matcher, &mut counts);
    }
    counts
}

/// [`count_issue`], and for each section, each item, the topics that its
/// counted text mentions (none outside the counted sections): the topics
/// of [`crate::output::feeds::item_topics`], found in the same pass.
pub fn count_issue_items(issue: &Issue, matcher: &Matcher, config: &Config) -> (Counts, Vec<Vec<Vec<usize>>>) {
    let mut counts = Counts::new(matcher.len());
    counts.issues = 1;
    if let Some(intro) = text::counted_intro(issue, config) {
        count_item(&[intro], matcher, &mut counts);
    }
    let topics = issue
        .sections
        .iter()
        .map(|section| {
            if !config.counts_section(&section.canonical) {
                return vec![Vec::new(); section.items.len()];
            }
            let texts = |item| text::item_texts(item, config.count_link_texts);
            section.items.iter().map(|item| count_item(&texts(item), matcher, &mut counts)).collect()
        })
        .collect();
    (counts, topics)
}

/// Adds one counted item (its texts) to `counts`; the topics it mentions.
fn count_item(texts: &[std::borrow::Cow<str>], matcher: &Matcher, counts: &mut Counts) -> Vec<usize> {
    counts.items_total += 1;
    let mut mentioned = Vec::new();
    for topic in 0..matcher.len() {
        let n: usize = texts.iter().map(|text| matcher.count(topic, text)).sum();
        counts.mentions[topic] += n;
        counts.items[topic] += usize::from(n > 0);
        if n > 0 {
            mentioned.push(topic);
        }
    }
    mentioned
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
pub(crate) mod tests;
