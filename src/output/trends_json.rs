//! `--format json` for `trendfeed trends` and `trendfeed emerging`: the rows
//! of `trends.csv` and `emerging.csv` as objects with the same names,
//! numbers rounded as in the CSV, an empty value as `null`. `trends` prints
//! an array of rows; `emerging` an object: the recent window it used, what
//! the window and the baseline hold, the rows as `terms`, and why `terms` is
//! empty when it is.

use anyhow::Result;
use serde::Serialize;

use crate::trends::Trends;
use crate::trends::emerging::Emerging;

#[derive(Serialize)]
struct TrendRow<'a> {
    start: String,
    period: &'a str,
    keyword: &'a str,
    mentions: usize,
    items: usize,
    items_total: usize,
    share: Option<f64>,
    issues: usize,
    per_issue: Option<f64>,
    share_smoothed: Option<f64>,
}

#[derive(Serialize)]
struct EmergingJson<'a> {
    window: WindowJson,
    recent: TallyJson,
    baseline: TallyJson,
    terms: Vec<EmergingRow<'a>>,
    empty_reason: Option<String>,
}

/// The recent window: `first_month` and `last_month` as `YYYY-MM`; `note`
/// says why an automatic window is longer than a year.
#[derive(Serialize)]
struct WindowJson {
    months: u32,
    first_month: String,
    last_month: String,
    automatic: bool,
    note: Option<String>,
}

#[derive(Serialize)]
struct TallyJson {
    issues: usize,
    items: usize,
}

#[derive(Serialize)]
struct EmergingRow<'a> {
    term: &'a str,
    recent_items: usize,
    recent_share: f64,
    baseline_items: usize,
    baseline_share: f64,
    score: f64,
    first_seen: String,
}

/// `value` rounded to `decimals` places.
fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// The trend rows as JSON, one object per (period, topic).
pub fn trends_json(trends: &Trends) -> Result<Vec<u8>> {
    let mut rows = Vec::new();
    for (p, period) in trends.periods.iter().enumerate() {
        let c = &period.counts;
        for (i, topic) in trends.topics.iter().enumerate() {
            rows.push(TrendRow {
                start: period.start.to_string(),
                period: &period.label,
                keyword: topic,
                mentions: c.mentions[i],
                items: c.items[i],
                items_total: c.items_total,
                share: c.share(i).map(|v| round(v, 4)),
                issues: c.issues,
                per_issue: c.per_issue(i).map(|v| round(v, 4)),
                share_smoothed: trends.share_smoothed(p, i).map(|v| round(v, 4)),
            });
        }
    }
    let mut json = serde_json::to_vec_pretty(&rows)?;
    json.push(b'\n');
    Ok(json)
}

/// The emerging terms as JSON, best first, with the window they were found in.
pub fn emerging_json(emerging: &Emerging) -> Result<Vec<u8>> {
    let w = &emerging.window;
    let month = |d: chrono::NaiveDate| d.format("%Y-%m").to_string();
    let tally = |t: &crate::trends::emerging::Tally| TallyJson { issues: t.issues, items: t.items };
    let terms: Vec<EmergingRow> = emerging
        .terms
        .iter()
        .map(|t| EmergingRow {
            term: &t.term,
            recent_items: t.recent_items,
            recent_share: round(t.recent_share, 4),
            baseline_items: t.baseline_items,
            baseline_share: round(t.baseline_share, 4),
            score: round(t.score, 3),
            first_seen: t.first_seen.to_string(),
        })
        .collect();
    let json = EmergingJson {
        window: WindowJson {
            months: w.months,
            first_month: month(w.start),
            last_month: month(w.last_month),
            automatic: w.automatic,
            note: w.note(),
        },
        recent: tally(&emerging.recent),
        baseline: tally(&emerging.baseline),
        terms,
        empty_reason: emerging.empty_reason(),
    };
    let mut json = serde_json::to_vec_pretty(&json)?;
    json.push(b'\n');
    Ok(json)
}
