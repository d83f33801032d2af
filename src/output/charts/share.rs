//! `trends/trends.svg`: share of items mentioning each topic, per period.
//!
//! Each period with data is marked with a dot, so a lone period still shows;
//! earlier topics' dots are larger, so equal values stay visible as rings.
//! With `--smooth N`, the line is the moving average and the dots are the
//! raw shares, hollow.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Drawn, GAP, Mark, PALETTE, Style, gaps, layout, legend, percent_ceiling, percent_chart, runs, x_range};
use crate::trends::{Period, Trends};

pub(super) fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, s: &Style, trends: &Trends, site: &str) -> Drawn
where
    DB::ErrorType: 'static,
{
    let period = trends.period.name();
    let mut title = format!("{site}: share of items mentioning each topic, by {period}");
    if let Some(n) = trends.smooth.filter(|&n| n > 1) {
        title.push_str(&format!(" ({n}-{period} average)"));
    }
    let (plot, legend_area) = layout(root, s, &title)?;
    let Some((x0, x1)) = x_range(trends) else { return super::no_data(&plot, s, "No issue to chart") };
    let topics = trends.topics.len();
    let max = (0..trends.periods.len())
        .flat_map(|i| (0..topics).filter_map(move |t| trends.periods[i].counts.share(t)))
        .fold(0.0f64, f64::max);
    let y_max = percent_ceiling(max * 100.0);
    let x_desc = if trends.period == Period::Issue { "Issue date" } else { "Period start" };
    let mut chart = percent_chart(&plot, s, (x0, x1), y_max, x_desc, "Items mentioning the topic (%)")?;
    let gaps = gaps(trends);
    chart.draw_series(gaps.iter().map(|&(a, b)| Rectangle::new([(a, 0.0), (b, y_max)], GAP.filled())))?;

    let positions = trends.positions();
    let mut entries = Vec::new();
    for (t, topic) in trends.topics.iter().enumerate() {
        let colour = PALETTE[t % PALETTE.len()];
        let shown: Vec<_> = (0..trends.periods.len())
            .map(|i| (positions[i], trends.periods[i].start, trends.shown_share(i, t).map(|v| v * 100.0)))
            .collect();
        for run in runs(&shown) {
            chart.draw_series(LineSeries::new(run, s.stroke(colour, 2)))?;
        }
        let radius = s.ipx(super::dot_radius(trends.periods.len(), topics - 1 - t));
        let raw = trends.periods.iter().filter_map(|p| p.counts.share(t).map(|v| (p.start, v * 100.0)));
        match trends.smooth {
            Some(_) => chart.draw_series(raw.map(|xy| Circle::new(xy, radius, s.stroke(colour, 1))))?,
            None => chart.draw_series(raw.map(|xy| Circle::new(xy, radius, colour.filled())))?,
        };
        entries.push((topic.clone(), Mark::Line(colour)));
    }
    if !gaps.is_empty() {
        entries.push(("No issue".to_owned(), Mark::Band(GAP)));
    }
    legend(&legend_area, s, &entries)
}
