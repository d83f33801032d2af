//! The trend table of a few keys, from the index alone: what the explore
//! page draws for a query the index answers, drawn at build time for the
//! page's first view (a chart that needs no script).

use std::collections::HashMap;

use chrono::NaiveTime;

use super::{ExploreIndex, Postings, month_number};
use crate::trends::{Counts, Period, Tally, Trends};

impl ExploreIndex {
    /// Items holding each of `keys` per month, with the counted items and
    /// issues of each month, as [`crate::trends::count`] gives them for
    /// topics of these names. Mentions are not in the index: they are 0.
    /// A key the index lacks is in no item.
    pub fn trends(&self, keys: &[String]) -> Trends {
        let mut per_issue: Vec<Counts> = self.issues.iter().map(|i| issue_counts(keys.len(), i.items)).collect();
        // The first issue of each month, made once: a key's counts per
        // month can span every month of the archive.
        let mut first_of_month: HashMap<i32, usize> = HashMap::new();
        for (at, issue) in self.issues.iter().enumerate() {
            first_of_month.entry(month_number(issue.date)).or_insert(at);
        }
        for (k, key) in keys.iter().enumerate() {
            let Some(postings) = self.terms.get(key.as_str()) else { continue };
            match postings {
                postings @ Postings::Ids { .. } => {
                    for id in postings.ids().unwrap_or_default() {
                        let issue = self.issues.partition_point(|i| i.first <= id).saturating_sub(1);
                        if let Some(counts) = per_issue.get_mut(issue) {
                            counts.items[k] += 1;
                        }
                    }
                }
                // Counted per month: given to the month's first issue, the
                // period adds them up the same.
                Postings::Months { months, .. } => {
                    for (month, n) in months.iter() {
                        if let Some(counts) = first_of_month.get(&month).and_then(|&i| per_issue.get_mut(i)) {
                            counts.items[k] += n as usize;
                        }
                    }
                }
            }
        }
        let mut tally = Tally::of_topics(keys.to_vec(), Period::Month);
        for (at, (issue, counts)) in self.issues.iter().zip(&per_issue).enumerate() {
            let date = issue.date.and_time(NaiveTime::MIN).and_utc().fixed_offset();
            // The key labels periods by issue only: by month it is unused.
            tally.add(at, "", date, counts);
        }
        tally.finish()
    }
}

fn issue_counts(keys: usize, items: u32) -> Counts {
    let mut counts = Counts::new(keys);
    counts.items_total = items as usize;
    counts.issues = 1;
    counts
}
