//! The tables `trendfeed trends` and `trendfeed emerging` print in the
//! terminal, each with a sparkline per row: one character per period
//! (`▁`…`█`, scaled to the row's highest value; `·` for a period without an
//! issue), at most [`SPARK_WIDTH`] characters (longer spans are averaged
//! into buckets).

use chrono::NaiveDate;

use crate::trends::emerging::{Emerging, MIN_ISSUES, MIN_SCORE};
use crate::trends::{Period, Trends};

/// Longest sparkline, in characters.
pub const SPARK_WIDTH: usize = 60;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Said under the trend table and on the home page when the configuration
/// names no topics.
pub const INFERRED_TOPICS: &str = "topics chosen automatically: the terms in most items and the fastest rising \
     (set [[topics]] in trendfeed.toml, or pass --topic, to choose them)";

/// The trend table: one row per period, `mentions (share)` per topic; then
/// one row per topic with its total, a sparkline of its share and its peak.
pub fn trends_table(trends: &Trends) -> String {
    let mut header = vec!["period".to_owned(), "issues".to_owned(), "items".to_owned()];
    header.extend(trends.topics.iter().cloned());
    let mut rows = vec![header];
    for p in &trends.periods {
        let mut row = vec![p.label.clone(), p.counts.issues.to_string(), p.counts.items_total.to_string()];
        for i in 0..trends.topics.len() {
            let share = p.counts.share(i).map_or("-".to_owned(), |s| format!("{:.1}%", s * 100.0));
            row.push(format!("{} ({share})", p.counts.mentions[i]));
        }
        rows.push(row);
    }
    let mut out = aligned(&rows);
    out.push_str("mentions (share of counted items that mention the topic)\n");
    let (Some(first), Some(last)) = (trends.periods.first(), trends.periods.last()) else {
        return out;
    };
    let period = trends.period.name();
    let shown = match trends.smooth {
        Some(n) => format!("share by {period}, {n}-{period} average"),
        None => format!("share by {period}"),
    };
    let mut rows = vec![vec!["topic".to_owned(), "mentions".to_owned(), shown, "peak".to_owned()]];
    let positions = trends.positions();
    for (t, topic) in trends.topics.iter().enumerate() {
        let values: Vec<(i64, Option<f64>)> =
            positions.iter().enumerate().map(|(i, &pos)| (pos, trends.shown_share(i, t))).collect();
        let peak = (0..trends.periods.len()).filter_map(|i| trends.periods[i].counts.share(t).map(|s| (s, i))).fold(
            None,
            |best: Option<(f64, usize)>, (s, i)| if best.is_some_and(|b| b.0 >= s) { best } else { Some((s, i)) },
        );
        let peak = peak.map_or("-".to_owned(), |(s, i)| format!("{:.1}% in {}", s * 100.0, trends.periods[i].label));
        let mentions: usize = trends.periods.iter().map(|p| p.counts.mentions[t]).sum();
        rows.push(vec![topic.clone(), mentions.to_string(), sparkline(&values), peak]);
    }
    out.push('\n');
    out.push_str(&aligned(&rows));
    out.push_str(&format!("sparklines: {} … {}, one mark per {period}, · no issue\n", first.label, last.label));
    out
}

/// The emerging terms, best first, with their recent and baseline counts
/// and a sparkline of their share per month. The first line says which
/// recent window was used (and why, when it was extended) and what each
/// side holds.
pub fn emerging_table(emerging: &Emerging) -> String {
    let mut out = window_line(emerging).unwrap_or_default();
    if let Some(reason) = emerging.empty_reason() {
        out.push_str(&format!("no emerging term: {reason}\n"));
        return out;
    }
    let mut rows = vec![
        ["rank", "term", "recent", "baseline", "score", "first seen", "share by month"].map(String::from).to_vec(),
    ];
    let positions: Vec<i64> = emerging.months.iter().map(|&(m, _)| Period::Month.ordinal(m)).collect();
    for (rank, t) in emerging.terms.iter().enumerate() {
        let values: Vec<(i64, Option<f64>)> = t
            .monthly_items
            .iter()
            .zip(&emerging.months)
            .zip(&positions)
            .map(|((&n, (_, tally)), &pos)| (pos, (tally.items > 0).then(|| n as f64 / tally.items as f64)))
            .collect();
        rows.push(vec![
            (rank + 1).to_string(),
            t.term.clone(),
            format!("{} ({:.1}%)", t.recent_items, t.recent_share * 100.0),
            format!("{} ({:.1}%)", t.baseline_items, t.baseline_share * 100.0),
            format!("{:.1}", t.score),
            t.first_seen.to_string(),
            sparkline(&values),
        ]);
    }
    out.push_str(&aligned(&rows));
    out.push_str("recent, baseline: items holding the term (share of counted items); · month without an issue\n");
    out.push_str(&format!(
        "score: log-likelihood ratio G² (higher: a surer rise), at least {MIN_SCORE}; \
         kept: in {} recent items or more, from {MIN_ISSUES} issues or more\n",
        emerging.options.min_items
    ));
    out
}

/// What the recent window and the baseline hold, as one line; `None` for
/// an archive without months.
fn window_line(emerging: &Emerging) -> Option<String> {
    let month = |d: NaiveDate| d.format("%Y-%m").to_string();
    let window = &emerging.window;
    let &(first, _) = emerging.months.first()?;
    let baseline_months: Vec<NaiveDate> =
        emerging.months.iter().map(|&(m, _)| m).filter(|&m| m < window.start).collect();
    let baseline = match (baseline_months.first(), baseline_months.last()) {
        (Some(&from), Some(&to)) => format!(
            "{} … {} ({}, {} items)",
            month(from),
            month(to),
            issues(emerging.baseline.issues),
            emerging.baseline.items
        ),
        _ => "none".to_owned(),
    };
    Some(format!(
        "recent: {}, {} … {} ({}, {} items); baseline: {baseline}\n",
        window.describe(),
        month(window.start.max(first)),
        month(window.last_month),
        issues(emerging.recent.issues),
        emerging.recent.items,
    ))
}

/// `1 issue`, `3 issues`.
fn issues(n: usize) -> String {
    if n == 1 { "1 issue".to_owned() } else { format!("{n} issues") }
}

/// Rows as left-aligned columns two spaces apart.
fn aligned(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(cell, w)| format!("{cell:<w$}")).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// A sparkline of `(position, value)` points, positions ascending: missing
/// positions and `None` values show as `·`. Spans wider than
/// [`SPARK_WIDTH`] are averaged into that many buckets.
pub fn sparkline(points: &[(i64, Option<f64>)]) -> String {
    let (Some(&(first, _)), Some(&(last, _))) = (points.first(), points.last()) else {
        return String::new();
    };
    let span = (last - first + 1) as usize;
    let width = span.min(SPARK_WIDTH);
    let mut buckets: Vec<(f64, usize)> = vec![(0.0, 0); width];
    for &(pos, value) in points {
        if let Some(v) = value {
            let bucket = &mut buckets[(pos - first) as usize * width / span];
            *bucket = (bucket.0 + v, bucket.1 + 1);
        }
    }
    let means: Vec<Option<f64>> = buckets.iter().map(|&(sum, n)| (n > 0).then(|| sum / n as f64)).collect();
    let max = means.iter().flatten().fold(0.0f64, |a, &b| a.max(b));
    means
        .iter()
        .map(|mean| match mean {
            None => '·',
            Some(_) if max <= 0.0 => BARS[0],
            Some(v) => BARS[((v / max) * 7.0).round() as usize],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_to_the_peak_and_marks_gaps() {
        let points = [(10, Some(0.0)), (11, Some(0.5)), (13, Some(1.0)), (14, None)];
        assert_eq!(sparkline(&points), "▁▅·█·");
        assert_eq!(sparkline(&[(1, Some(0.0)), (2, Some(0.0))]), "▁▁");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn long_sparklines_are_bucketed() {
        let points: Vec<(i64, Option<f64>)> = (0..600).map(|i| (i, Some(i as f64))).collect();
        let line = sparkline(&points);
        assert_eq!(line.chars().count(), SPARK_WIDTH);
        assert!(line.starts_with('▁') && line.ends_with('█'), "{line}");
    }
}
