//! `trends/emerging.svg`: the share of items holding each of the top
//! emerging terms, per month, with the recent window shaded and named in
//! the legend (with why, when the automatic window is longer than a year).
//! A long archive shows its last [`HISTORY_MONTHS`](crate::trends::emerging::window::HISTORY_MONTHS) months (or three recent
//! windows, if longer): the rise, not decades of noise.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{Entry, Mark};
use super::series::{self, Overlay, Series, Step};
use super::{GAP, Options, PALETTE, Plan, Style, percent_ceiling, percent_chart};
use crate::trends::Period;
use crate::trends::emerging::Emerging;

/// Okabe–Ito yellow, light: the recent window.
const RECENT: RGBAColor = RGBAColor(240, 228, 66, 0.3);

/// The first month shown: the last [`HISTORY_MONTHS`](crate::trends::emerging::window::HISTORY_MONTHS)
/// (or three recent windows) of a long archive.
fn first_shown(emerging: &Emerging) -> usize {
    let cutoff = emerging.window.history_start();
    emerging.months.iter().position(|&(m, _)| m >= cutoff).unwrap_or(0)
}

/// The terms drawn: as many as there are colours.
fn shown(emerging: &Emerging) -> &[crate::trends::emerging::EmergingTerm] {
    &emerging.terms[..emerging.terms.len().min(PALETTE.len())]
}

/// Periods without an issue among the months shown.
fn gaps(emerging: &Emerging) -> Vec<(NaiveDate, NaiveDate)> {
    let from = first_shown(emerging);
    emerging.months[from..]
        .windows(2)
        .filter(|m| Period::Month.ordinal(m[1].0) - Period::Month.ordinal(m[0].0) > 1)
        .map(|m| (Period::Month.next(m[0].0), m[1].0))
        .collect()
}

/// The title, the series of the terms shown and the legend.
pub(super) fn plan(emerging: &Emerging, options: &Options) -> Plan {
    let from = first_shown(emerging);
    let mut title = format!("{}: emerging terms, share of items per month", options.site_title);
    if from > 0 {
        title.push_str(&format!(", last {} months", emerging.window.history_months()));
    }
    if emerging.months.is_empty() || emerging.empty_reason().is_some() {
        return Plan { title, entries: Vec::new(), series: Vec::new() };
    }
    let series: Vec<Series> = shown(emerging)
        .iter()
        .enumerate()
        .map(|(i, term)| Series {
            colour: PALETTE[i],
            steps: (from..emerging.months.len())
                .map(|m| {
                    let (month, tally) = emerging.months[m];
                    let items = term.monthly_items[m];
                    let share = (tally.items > 0).then(|| items as f64 * 100.0 / tally.items as f64);
                    let figures = series::figures(items, tally.items);
                    Step {
                        position: Period::Month.ordinal(month),
                        x: month,
                        line: share,
                        own: share,
                        light: tally.items < options.min_items,
                        title: format!("{}, {}: {figures}", term.term, month.format("%Y-%m")).into(),
                    }
                })
                .collect(),
        })
        .collect();
    let mut entries: Vec<Entry> = shown(emerging)
        .iter()
        .zip(&series)
        .map(|(term, series)| Entry::new(term.term.clone(), Mark::Line(series.colour, series.has_dots())))
        .collect();
    entries.extend(super::light_entry(&series, options, "month"));
    entries.push(Entry::new(format!("Last {} months", emerging.window.months), Mark::Band(RECENT)));
    if let Some(note) = emerging.window.note().filter(|_| emerging.window.extended()) {
        entries.push(Entry::new(format!("({note})"), Mark::Note));
    }
    if !gaps(emerging).is_empty() {
        entries.push(Entry::new("No issue", Mark::Band(GAP)));
    }
    Plan { title, entries, series }
}

pub(super) fn draw<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    s: &Style,
    emerging: &Emerging,
    plan: &Plan,
) -> Result<Overlay, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let from = first_shown(emerging);
    let (Some(&(first, _)), Some(&(last, _))) = (emerging.months.get(from), emerging.months.last()) else {
        super::no_data(plot, s, "No issue to chart")?;
        return Ok(Overlay::default());
    };
    if let Some(reason) = emerging.empty_reason() {
        super::no_data(plot, s, &format!("No emerging term: {reason}"))?;
        return Ok(Overlay::default());
    }
    let (x0, x1) = (first, Period::Month.next(last));
    let max = plan.series.iter().flat_map(|series| series.steps.iter().filter_map(|s| s.own)).fold(0.0f64, f64::max);
    let y_max = percent_ceiling(max);
    let y_desc = ["Items containing the term (%)", "Share of items (%)"];
    let mut chart = percent_chart(plot, s, (x0, x1), y_max, "Month start", &y_desc)?;
    let recent_from = emerging.window.start.max(x0);
    chart.draw_series([Rectangle::new([(recent_from, 0.0), (x1, y_max)], RECENT.filled())])?;
    chart.draw_series(gaps(emerging).iter().map(|&(a, b)| Rectangle::new([(a, 0.0), (b, y_max)], GAP.filled())))?;
    let mut overlay = Overlay::default();
    for (i, series) in plan.series.iter().enumerate() {
        let above = plan.series.len() - 1 - i;
        overlay.extend(series::draw(plot, s, series, above, |x, y| chart.backend_coord(&(x, y)))?);
    }
    Ok(overlay)
}
