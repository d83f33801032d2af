//! CSV outputs: the tidy trend table, its wide form, counts per issue, and
//! every item of the archive. Headers are a contract (see the README).

use anyhow::Result;

use crate::model::Archive;
use crate::trends::Trends;

/// Header of `trends/trends.csv`.
pub const TRENDS_HEADER: [&str; 8] =
    ["period", "start", "keyword", "mentions", "items", "items_total", "share", "issues"];

/// `trends/trends.csv`: one row per (period, topic). `share` has four
/// decimals, and is empty when the period has no counted item.
pub fn trends_csv(trends: &Trends) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(TRENDS_HEADER)?;
    for period in &trends.periods {
        let c = &period.counts;
        for (i, topic) in trends.topics.iter().enumerate() {
            out.write_record([
                period.label.clone(),
                period.start.to_string(),
                topic.clone(),
                c.mentions[i].to_string(),
                c.items[i].to_string(),
                c.items_total.to_string(),
                c.share(i).map(|s| format!("{s:.4}")).unwrap_or_default(),
                c.issues.to_string(),
            ])?;
        }
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

/// `trends/by-issue.csv`: `issue,date,title,items,<Topic>…` with mentions.
pub fn by_issue_csv(archive: &Archive, trends: &Trends) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = ["issue", "date", "title", "items"].into_iter().chain(trends.topics.iter().map(String::as_str));
    out.write_record(header)?;
    for (issue, counts) in archive.issues.iter().zip(&trends.by_issue) {
        let mut row = vec![issue.key(), issue.date.to_rfc3339(), issue.title.clone(), counts.items_total.to_string()];
        row.extend(counts.mentions.iter().map(usize::to_string));
        out.write_record(row)?;
    }
    Ok(out.into_inner()?)
}

/// `items.csv`: `issue,date,section,title,url,text`, every item, in archive order.
pub fn items_csv(archive: &Archive) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["issue", "date", "section", "title", "url", "text"])?;
    for issue in &archive.issues {
        let (key, date) = (issue.key(), issue.date.to_rfc3339());
        for (section, item) in issue.items() {
            let title = item.title();
            out.write_record([&key, &date, &section.canonical, title.as_ref(), item.url().unwrap_or(""), &item.text])?;
        }
    }
    Ok(out.into_inner()?)
}
