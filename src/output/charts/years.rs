//! `trends/topics-by-year.svg`: mentions of each topic per year, as bars
//! grouped by year, with each bar's count above it and each year's number of
//! issues at the top of the plot (while they fit).

use chrono::Datelike;
use plotters::coord::Shift;
use plotters::coord::combinators::WithKeyPoints;
use plotters::coord::types::{RangedCoordi32, RangedCoordusize};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::legend::{Entry, Mark};
use super::{Drawn, GAP, Options, PALETTE, Plan, Style, count_ceiling};
use crate::trends::Trends;

/// Years between the first and the last without an issue.
fn missing(years: &Trends) -> Vec<i32> {
    let with_issues: Vec<i32> = years.periods.iter().map(|p| p.start.year()).collect();
    match (with_issues.first(), with_issues.last()) {
        (Some(&first), Some(&last)) => (first..=last).filter(|y| !with_issues.contains(y)).collect(),
        _ => Vec::new(),
    }
}

/// The title and the legend: a bar per topic.
pub(super) fn plan(years: &Trends, options: &Options) -> Plan {
    let title = format!("{}: mentions of each topic per year", options.site_title);
    let mut entries: Vec<Entry> = years
        .topics
        .iter()
        .enumerate()
        .map(|(t, name)| Entry::new(name.clone(), Mark::Bar(PALETTE[t % PALETTE.len()])))
        .collect();
    if !missing(years).is_empty() {
        entries.push(Entry::new("No issue", Mark::Band(GAP)));
    }
    Plan { title, entries, series: Vec::new() }
}

/// Years across (in thousandths, so bars can sit between years) and
/// `0..y_max` mentions up, with the mesh and axis labels drawn.
type YearChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<WithKeyPoints<RangedCoordi32>, RangedCoordusize>>;

fn year_chart<'a, DB: DrawingBackend>(
    plot: &'a DrawingArea<DB, Shift>,
    s: &Style,
    (first, last): (i32, i32),
    y_max: usize,
) -> Result<YearChart<'a, DB>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let step = ((last - first) / 12 + 1) as usize;
    let ticks: Vec<i32> = (first..=last).step_by(step).map(|y| y * 1000).collect();
    let mut chart = ChartBuilder::on(plot)
        .margin(s.px(12))
        .x_label_area_size(s.px(50))
        .y_label_area_size(s.px(60))
        .build_cartesian_2d((first * 1000 - 500..last * 1000 + 500).with_key_points(ticks), 0..y_max)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_desc("Year")
        .y_desc("Mentions (count)")
        .y_labels(6)
        .x_label_formatter(&|x| (x / 1000).to_string())
        .label_style(s.font(16.0))
        .axis_desc_style(s.font(18.0))
        .bold_line_style(BLACK.mix(0.1))
        .light_line_style(TRANSPARENT)
        .draw()?;
    Ok(chart)
}

pub(super) fn draw<DB: DrawingBackend>(plot: &DrawingArea<DB, Shift>, s: &Style, years: &Trends) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (Some(first), Some(last)) = (years.periods.first(), years.periods.last()) else {
        return super::no_data(plot, s, "No issue to chart");
    };
    let (first, last) = (first.start.year(), last.start.year());
    let topics = years.topics.len();
    let max = years.periods.iter().flat_map(|p| p.counts.mentions.iter().copied()).max().unwrap_or(0);
    // Room above the tallest bar for its count and the issue counts.
    let y_max = count_ceiling(max + max / 4 + 1);
    let mut chart = year_chart(plot, s, (first, last), y_max)?;
    let missing = missing(years);
    chart.draw_series(
        missing.iter().map(|&y| Rectangle::new([(y * 1000 - 500, 0), (y * 1000 + 500, y_max)], GAP.filled())),
    )?;
    let width = 800 / topics.max(1) as i32;
    let labels = topics * years.periods.len() <= 30;
    let above = s.font(15.0).pos(Pos::new(HPos::Center, VPos::Bottom));
    for (t, topic_colour) in (0..topics).map(|t| (t, PALETTE[t % PALETTE.len()])) {
        let bars: Vec<(i32, i32, usize)> = years
            .periods
            .iter()
            .map(|p| {
                let left = p.start.year() * 1000 - 400 + t as i32 * width;
                (left + width / 20, left + width - width / 20, p.counts.mentions[t])
            })
            .collect();
        chart.draw_series(bars.iter().map(|&(a, b, n)| Rectangle::new([(a, 0), (b, n)], topic_colour.filled())))?;
        if labels {
            chart.draw_series(bars.iter().map(|&(a, b, n)| {
                EmptyElement::at(((a + b) / 2, n)) + Text::new(n.to_string(), (0, -s.ipx(3)), above.clone())
            }))?;
        }
    }
    let grey = BLACK.mix(0.6);
    let top = s.font(15.0).pos(Pos::new(HPos::Center, VPos::Top)).color(&grey);
    // One label per year with issues, while they fit side by side.
    let counted = if years.periods.len() <= 8 { &years.periods[..] } else { &[] };
    chart.draw_series(counted.iter().map(|p| {
        let issues = p.counts.issues;
        let text = format!("{issues} issue{}", if issues == 1 { "" } else { "s" });
        EmptyElement::at((p.start.year() * 1000, y_max)) + Text::new(text, (0, s.ipx(4)), top.clone())
    }))?;
    Ok(())
}
