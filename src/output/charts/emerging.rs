//! `trends/emerging.svg`: the share of items holding each of the top
//! emerging terms, per month, with the recent window shaded and named in
//! the legend (with why, when the automatic window is longer than a year).
//! A long archive shows its last [`HISTORY_MONTHS`](crate::trends::emerging::window::HISTORY_MONTHS) months (or three recent
//! windows, if longer): the rise, not decades of noise.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Drawn, GAP, Mark, PALETTE, Style, layout, legend, percent_ceiling, percent_chart, runs};
use crate::trends::Period;
use crate::trends::emerging::Emerging;

/// Okabe–Ito yellow, light: the recent window.
const RECENT: RGBAColor = RGBAColor(240, 228, 66, 0.3);

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Style,
    emerging: &Emerging,
    site: &str,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let shown = &emerging.terms[..emerging.terms.len().min(PALETTE.len())];
    let (window, cutoff) = (emerging.window.history_months(), emerging.window.history_start());
    let from = emerging.months.iter().position(|&(m, _)| m >= cutoff).unwrap_or(0);
    let mut title = format!("{site}: emerging terms, share of items per month");
    if from > 0 {
        title.push_str(&format!(", last {window} months"));
    }
    let (plot, legend_area) = layout(root, s, &title)?;
    let (Some(&(first, _)), Some(&(last, _))) = (emerging.months.get(from), emerging.months.last()) else {
        return super::no_data(&plot, s, "No issue to chart");
    };
    if let Some(reason) = emerging.empty_reason() {
        return super::no_data(&plot, s, &format!("No emerging term: {reason}"));
    }
    let (x0, x1) = (first, Period::Month.next(last));
    let share = |items: usize, month: usize| {
        let total = emerging.months[month].1.items;
        (total > 0).then(|| items as f64 * 100.0 / total as f64)
    };
    let max = shown
        .iter()
        .flat_map(|t| t.monthly_items.iter().enumerate().skip(from).filter_map(|(m, &n)| share(n, m)))
        .fold(0.0f64, f64::max);
    let y_max = percent_ceiling(max);
    let mut chart = percent_chart(&plot, s, (x0, x1), y_max, "Month start", "Items containing the term (%)")?;
    let recent_from = emerging.window.start.max(x0);
    chart.draw_series([Rectangle::new([(recent_from, 0.0), (x1, y_max)], RECENT.filled())])?;
    let positions: Vec<i64> = emerging.months.iter().map(|&(m, _)| Period::Month.ordinal(m)).collect();
    let gaps: Vec<(NaiveDate, NaiveDate)> = emerging.months[from..]
        .windows(2)
        .zip(positions[from..].windows(2))
        .filter(|(_, p)| p[1] - p[0] > 1)
        .map(|(m, _)| (Period::Month.next(m[0].0), m[1].0))
        .collect();
    chart.draw_series(gaps.iter().map(|&(a, b)| Rectangle::new([(a, 0.0), (b, y_max)], GAP.filled())))?;
    let mut entries = Vec::new();
    for (i, term) in shown.iter().enumerate() {
        let colour = PALETTE[i];
        let points: Vec<_> = term
            .monthly_items
            .iter()
            .enumerate()
            .skip(from)
            .map(|(m, &n)| (positions[m], emerging.months[m].0, share(n, m)))
            .collect();
        for run in runs(&points) {
            chart.draw_series(LineSeries::new(run, s.stroke(colour, 2)))?;
        }
        let radius = s.ipx(super::dot_radius(points.len(), shown.len() - 1 - i));
        chart.draw_series(
            points.iter().filter_map(|&(_, d, v)| v.map(|v| Circle::new((d, v), radius, colour.filled()))),
        )?;
        entries.push((term.term.clone(), Mark::Line(colour)));
    }
    entries.push((format!("Last {} months", emerging.window.months), Mark::Band(RECENT)));
    if let Some(note) = emerging.window.note().filter(|_| emerging.window.extended()) {
        entries.push((format!("({note})"), Mark::Note));
    }
    if !gaps.is_empty() {
        entries.push(("No issue".to_owned(), Mark::Band(GAP)));
    }
    legend(&legend_area, s, &entries)
}
