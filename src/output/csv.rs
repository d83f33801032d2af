//! CSV outputs: the tidy trend table, its wide form, counts per issue,
//! emerging terms, and every item of the archive. Headers are a contract
//! (see the README).

use anyhow::Result;

use crate::model::Issue;
use crate::trends::emerging::Emerging;
use crate::trends::{Counts, Trends};

/// Header of `trends/trends.csv`. The first eight columns are those of the
/// first release; new columns go at the end.
pub const TRENDS_HEADER: [&str; 10] = [
    "period",
    "start",
    "keyword",
    "mentions",
    "items",
    "items_total",
    "share",
    "issues",
    "per_issue",
    "share_smoothed",
];

/// Header of `trends/emerging.csv`.
pub const EMERGING_HEADER: [&str; 7] =
    ["term", "recent_items", "recent_share", "baseline_items", "baseline_share", "score", "first_seen"];

/// A ratio with four decimals; empty for `None`.
fn decimals(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.4}")).unwrap_or_default()
}

/// `trends/trends.csv`: one row per (period, topic), for periods that hold
/// an issue. `share`, `per_issue` and `share_smoothed` have four decimals;
/// `share` is empty when the period has no counted item, `share_smoothed`
/// without `--smooth`.
pub fn trends_csv(trends: &Trends) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(TRENDS_HEADER)?;
    for (p, period) in trends.periods.iter().enumerate() {
        let c = &period.counts;
        for (i, topic) in trends.topics.iter().enumerate() {
            out.write_record([
                period.label.clone(),
                period.start.to_string(),
                topic.clone(),
                c.mentions[i].to_string(),
                c.items[i].to_string(),
                c.items_total.to_string(),
                decimals(c.share(i)),
                c.issues.to_string(),
                decimals(c.per_issue(i)),
                decimals(trends.share_smoothed(p, i)),
            ])?;
        }
    }
    Ok(out.into_inner()?)
}

/// `trends/emerging.csv`: the ranked terms, best first. Shares have four
/// decimals, the score three; `first_seen` is the date of the first issue
/// holding the term. Only the header when nothing emerged.
pub fn emerging_csv(emerging: &Emerging) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(EMERGING_HEADER)?;
    for t in &emerging.terms {
        out.write_record([
            t.term.clone(),
            t.recent_items.to_string(),
            format!("{:.4}", t.recent_share),
            t.baseline_items.to_string(),
            format!("{:.4}", t.baseline_share),
            format!("{:.3}", t.score),
            t.first_seen.to_string(),
        ])?;
    }
    Ok(out.into_inner()?)
}

/// `trends/trends-wide.csv`: `start,period,<Topic>…` with mentions.
pub fn trends_wide_csv(trends: &Trends) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["start", "period"].into_iter().chain(trends.topics.iter().map(String::as_str)))?;
    for period in &trends.periods {
        let mut row = vec![period.start.to_string(), period.label.clone()];
        row.extend(period.counts.mentions.iter().map(usize::to_string));
        out.write_record(row)?;
    }
    Ok(out.into_inner()?)
}

/// The header of `trends/by-issue.csv`: `issue,date,title,items,<Topic>…`.
/// The build writes the file issue by issue: the header, then
/// [`by_issue_row`] for each issue, in archive order.
pub fn by_issue_header(topics: &[String]) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["issue", "date", "title", "items"].into_iter().chain(topics.iter().map(String::as_str)))?;
    Ok(out.into_inner()?)
}

/// The row of `trends/by-issue.csv` for an issue: its key, date, title,
/// counted items and mentions of each topic.
pub fn by_issue_row(issue: &Issue, counts: &Counts) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut row = vec![issue.key(), issue.date.to_rfc3339(), issue.title.clone(), counts.items_total.to_string()];
    row.extend(counts.mentions.iter().map(usize::to_string));
    out.write_record(row)?;
    Ok(out.into_inner()?)
}

/// Header of `items.csv`: every item of the archive, in archive order.
pub const ITEMS_HEADER: [&str; 6] = ["issue", "date", "section", "title", "url", "text"];

/// The rows of `items.csv` for one issue, without the header.
pub fn item_rows(issue: &Issue) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::with_capacity(8 * 1024));
    let (key, date) = (issue.key(), issue.date.to_rfc3339());
    for (section, item) in issue.items() {
        let title = item.title();
        out.write_record([&key, &date, &section.canonical, title.as_ref(), item.url().unwrap_or(""), &item.text])?;
    }
    Ok(out.into_inner()?)
}
