//! `trends/trends-<topic>.svg`: one topic over time: its mentions as bars
//! (left axis) and the share of items mentioning it as a line (right axis).

use chrono::{Days, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Drawn, GAP, Mark, Style, count_ceiling, date_ticks, gaps, layout, legend, percent_ceiling, runs, x_range};
use crate::trends::{Period, Trends};

/// Okabe–Ito sky blue for the bars, vermillion for the line.
const BARS: RGBColor = RGBColor(86, 180, 233);
const LINE: RGBColor = RGBColor(213, 94, 0);

pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Style,
    trends: &Trends,
    t: usize,
    site: &str,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let name = &trends.topics[t];
    let title = format!("{site}: {name}, mentions and share of items by {}", trends.period.name());
    let (plot, legend_area) = layout(root, s, &title)?;
    let Some((x0, x1)) = x_range(trends) else { return super::no_data(&plot, s, "No issue to chart") };
    let max_mentions = trends.periods.iter().map(|p| p.counts.mentions[t]).max().unwrap_or(0);
    let y_max = count_ceiling(max_mentions);
    let max_share = trends.periods.iter().filter_map(|p| p.counts.share(t)).fold(0.0f64, f64::max);
    let share_max = percent_ceiling(max_share * 100.0);
    let (ticks, date_format) = date_ticks(x0, x1);
    let mut chart = ChartBuilder::on(&plot)
        .margin(s.px(12))
        .x_label_area_size(s.px(56))
        .y_label_area_size(s.px(64))
        .right_y_label_area_size(s.px(64))
        .build_cartesian_2d((x0..x1).with_key_points(ticks.clone()), 0..y_max)?
        .set_secondary_coord((x0..x1).with_key_points(ticks), 0.0..share_max);
    chart
        .configure_mesh()
        .x_desc(if trends.period == Period::Issue { "Issue date" } else { "Period" })
        .y_desc("Mentions (count)")
        .y_labels(6)
        .x_label_formatter(&|d| d.format(date_format).to_string())
        .label_style(s.font(16.0))
        .axis_desc_style(s.font(18.0))
        .bold_line_style(BLACK.mix(0.1))
        .light_line_style(TRANSPARENT)
        .draw()?;
    chart
        .configure_secondary_axes()
        .y_desc(format!("Items mentioning {name} (%)"))
        .y_labels(6)
        .y_label_formatter(&|v| format!("{v:.0}%"))
        .label_style(s.font(16.0))
        .axis_desc_style(s.font(18.0))
        .draw()?;
    let gaps = gaps(trends);
    chart.draw_series(gaps.iter().map(|&(a, b)| Rectangle::new([(a, 0), (b, y_max)], GAP.filled())))?;
    let spans = bar_spans(trends);
    chart.draw_series(
        trends
            .periods
            .iter()
            .zip(&spans)
            .map(|(p, &(a, b))| Rectangle::new([(a, 0), (b, p.counts.mentions[t])], BARS.filled())),
    )?;
    let positions = trends.positions();
    let centre = |&(a, b): &(NaiveDate, NaiveDate)| a + (b - a) / 2;
    let shown: Vec<_> = (0..trends.periods.len())
        .map(|i| (positions[i], centre(&spans[i]), trends.shown_share(i, t).map(|v| v * 100.0)))
        .collect();
    for run in runs(&shown) {
        chart.draw_secondary_series(LineSeries::new(run, s.stroke(LINE, 2)))?;
    }
    let raw =
        trends.periods.iter().zip(&spans).filter_map(|(p, span)| p.counts.share(t).map(|v| (centre(span), v * 100.0)));
    chart.draw_secondary_series(raw.map(|xy| Circle::new(xy, s.ipx(4), LINE.filled())))?;
    let mut entries = vec![("Mentions".to_owned(), Mark::Bar(BARS)), ("Share of items".to_owned(), Mark::Line(LINE))];
    if !gaps.is_empty() {
        entries.push(("No issue".to_owned(), Mark::Band(GAP)));
    }
    legend(&legend_area, s, &entries)
}

/// The dates each period's bar covers: the period, less an eighth on each
/// side; for issues, most of the space to the nearest issue.
fn bar_spans(trends: &Trends) -> Vec<(NaiveDate, NaiveDate)> {
    if trends.period == Period::Issue {
        let closest = trends.periods.windows(2).map(|w| (w[1].start - w[0].start).num_days()).filter(|&d| d > 0).min();
        let half = Days::new((closest.unwrap_or(7) * 2 / 5).max(1) as u64);
        return trends
            .periods
            .iter()
            .map(|p| {
                (p.start.checked_sub_days(half).unwrap_or(p.start), p.start.checked_add_days(half).unwrap_or(p.start))
            })
            .collect();
    }
    trends
        .periods
        .iter()
        .map(|p| {
            let end = trends.period.next(p.start);
            let inset = Days::new(((end - p.start).num_days() / 8) as u64);
            (p.start.checked_add_days(inset).unwrap_or(p.start), end.checked_sub_days(inset).unwrap_or(end))
        })
        .collect()
}
