//! `trends/trends-<topic>.svg`: one topic over time: its mentions as bars
//! (left axis) and the share of items mentioning it as a line (right axis).

use chrono::{Days, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{Entry, Mark};
use super::series::{self, Overlay, Series, Step};
use super::{GAP, Options, Plan, Style, count_ceiling, date_ticks, gaps, percent_ceiling};
use crate::trends::{Period, Trends};

/// Okabe–Ito sky blue for the bars, vermillion for the line.
const BARS: RGBColor = RGBColor(86, 180, 233);
const LINE: RGBColor = RGBColor(213, 94, 0);

/// The title, the share line of topic `t` and the legend.
pub(super) fn plan(trends: &Trends, t: usize, options: &Options) -> Plan {
    let name = &trends.topics[t];
    let title = format!("{}: {name}, mentions and share of items by {}", options.site_title, trends.period.name());
    let positions = trends.positions();
    let spans = bar_spans(trends);
    let steps = trends
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mentions = p.counts.mentions[t];
            let figures = series::figures(p.counts.items[t], p.counts.items_total);
            let plural = if mentions == 1 { "" } else { "s" };
            Step {
                position: positions[i],
                x: centre(spans[i]),
                line: trends.shown_share(i, t).map(|v| v * 100.0),
                own: p.counts.share(t).map(|v| v * 100.0),
                light: p.counts.items_total < options.min_items,
                title: format!("{name}, {}: {figures}, {mentions} mention{plural}", p.label).into(),
            }
        })
        .collect();
    let series = vec![Series { colour: LINE, steps }];
    let mut entries = vec![
        Entry::new("Mentions", Mark::Bar(BARS)),
        Entry::new("Share of items", Mark::Line(LINE, series[0].has_dots())),
    ];
    entries.extend(super::light_entry(&series, options, trends.period.name()));
    if !gaps(trends).is_empty() {
        entries.push(Entry::new("No issue", Mark::Band(GAP)));
    }
    Plan { title, entries, series }
}

fn centre((a, b): (NaiveDate, NaiveDate)) -> NaiveDate {
    a + (b - a) / 2
}

pub(super) fn draw<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    s: &Style,
    trends: &Trends,
    t: usize,
    plan: &Plan,
) -> Result<Overlay, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let Some((x0, x1)) = super::x_range_or_no_data(plot, s, trends)? else {
        return Ok(Overlay::default());
    };
    let max_mentions = trends.periods.iter().map(|p| p.counts.mentions[t]).max().unwrap_or(0);
    let y_max = count_ceiling(max_mentions);
    let max_share = trends.periods.iter().filter_map(|p| p.counts.share(t)).fold(0.0f64, f64::max);
    let share_max = percent_ceiling(max_share * 100.0);
    let (ticks, date_format) = date_ticks(x0, x1);
    let mut chart = ChartBuilder::on(plot)
        .margin(s.px(12))
        .x_label_area_size(s.px(50))
        .y_label_area_size(s.px(60))
        .right_y_label_area_size(s.px(60))
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
        .y_desc("Share of items (%)")
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
    let secondary = chart.borrow_secondary();
    series::draw(plot, s, &plan.series[0], 0, |x, y| secondary.backend_coord(&(x, y)))
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
