//! `trends/trends.svg`: share of items mentioning each topic, per period.
//!
//! Points are marked as [`super::series`] says (each one in a sparse
//! series, lone ones in a dense one); earlier topics' markers are larger, so
//! equal values stay visible as rings. With `--smooth N`, the line is the
//! moving average and the markers are each period's own share.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{Entry, Mark};
use super::series::{self, Overlay, Series, Step};
use super::{GAP, Options, PALETTE, Plan, Style, gaps, percent_ceiling, percent_chart};
use crate::trends::{Period, Trends};

/// The title, the series of each topic and the legend.
pub(super) fn plan(trends: &Trends, options: &Options) -> Plan {
    let period = trends.period.name();
    let mut title = format!("{}: share of items mentioning each topic, by {period}", options.site_title);
    let smooth = trends.smooth.filter(|&n| n > 1);
    if let Some(n) = smooth {
        title.push_str(&format!(" ({n}-{period} average)"));
    }
    let positions = trends.positions();
    let series: Vec<Series> = (0..trends.topics.len())
        .map(|t| Series {
            colour: PALETTE[t % PALETTE.len()],
            steps: (0..trends.periods.len()).map(|i| step(trends, options, positions[i], i, t)).collect(),
        })
        .collect();
    let mut entries: Vec<Entry> = trends
        .topics
        .iter()
        .zip(&series)
        .map(|(topic, series)| Entry::new(topic.clone(), Mark::Line(series.colour, series.has_dots())))
        .collect();
    entries.extend(super::light_entry(&series, options, period));
    if !gaps(trends).is_empty() {
        entries.push(Entry::new("No issue", Mark::Band(GAP)));
    }
    if let Some(n) = smooth.filter(|_| series.iter().any(Series::has_dots)) {
        let note = format!("Lines: the {n}-{period} average; dots: each {period}'s own share.");
        entries.push(Entry::new(note, Mark::Note));
    }
    Plan { title, entries, series }
}

/// Topic `t` in period `i`.
fn step(trends: &Trends, options: &Options, position: i64, i: usize, t: usize) -> Step {
    let p = &trends.periods[i];
    let mut title =
        format!("{}, {}: {}", trends.topics[t], p.label, series::figures(p.counts.items[t], p.counts.items_total));
    let line = trends.shown_share(i, t).map(|v| v * 100.0);
    if let (Some(n), Some(average)) = (trends.smooth.filter(|&n| n > 1), line) {
        title.push_str(&format!("; {n}-{} average {average:.1}%", trends.period.name()));
    }
    Step {
        position,
        x: p.start,
        line,
        own: p.counts.share(t).map(|v| v * 100.0),
        light: p.counts.items_total < options.min_items,
        title: title.into(),
    }
}

pub(super) fn draw<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    s: &Style,
    trends: &Trends,
    plan: &Plan,
) -> Result<Overlay, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let Some((x0, x1)) = super::x_range_or_no_data(plot, s, trends)? else {
        return Ok(Overlay::default());
    };
    let max = plan.series.iter().flat_map(|series| series.steps.iter().filter_map(|s| s.own)).fold(0.0f64, f64::max);
    let y_max = percent_ceiling(max);
    let x_desc = if trends.period == Period::Issue { "Issue date" } else { "Period start" };
    let y_desc = ["Items mentioning the topic (%)", "Share of items (%)"];
    let chart = percent_chart(plot, s, (x0, x1), y_max, x_desc, &y_desc)?;
    let gaps = gaps(trends);
    let mut chart = chart;
    chart.draw_series(gaps.iter().map(|&(a, b)| Rectangle::new([(a, 0.0), (b, y_max)], GAP.filled())))?;
    let mut overlay = Overlay::default();
    for (t, series) in plan.series.iter().enumerate() {
        let above = plan.series.len() - 1 - t;
        overlay.extend(series::draw(plot, s, series, above, |x, y| chart.backend_coord(&(x, y)))?);
    }
    Ok(overlay)
}
