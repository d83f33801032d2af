//! `trends/trends.svg`: share of items mentioning each topic, per period,
//! drawn with plotters.
//!
//! Lines break where a period has no issue (missing data is not zero); each
//! period with data is marked with a dot, so a lone period still shows;
//! earlier topics' dots are larger, so equal values stay visible.
//! Colours are the Okabe–Ito palette, distinguishable with colour blindness.

use anyhow::{Result, anyhow};
use chrono::{Datelike, Months, NaiveDate};
use plotters::prelude::*;

use crate::trends::{Period, Trends};

/// Okabe–Ito colours, in legend order.
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(0, 0, 0),
];

const SIZE: (u32, u32) = (960, 540);

/// Renders the share chart as an SVG document.
pub fn render_share_chart(trends: &Trends, site_title: &str) -> Result<Vec<u8>> {
    let mut svg = String::new();
    draw(&mut svg, trends, site_title).map_err(|e| anyhow!("failed to draw trends.svg: {e}"))?;
    svg.push('\n');
    Ok(svg.into_bytes())
}

fn draw(svg: &mut String, trends: &Trends, site_title: &str) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let (first, last) = match (trends.periods.first(), trends.periods.last()) {
        (Some(f), Some(l)) => (f.start, next_start(trends.period, l.start)),
        _ => return Ok(()),
    };
    let max_share = trends
        .periods
        .iter()
        .flat_map(|p| (0..trends.topics.len()).filter_map(|i| p.counts.share(i)))
        .fold(0.0f64, f64::max);
    let y_max = nice_ceiling(max_share * 100.0);
    let caption = format!("{site_title}: share of items mentioning each topic, by {}", period_name(trends.period));
    let mut chart = ChartBuilder::on(&root)
        .caption(caption, ("sans-serif", 26))
        .margin(16)
        .x_label_area_size(56)
        .y_label_area_size(72)
        .build_cartesian_2d(first..last, 0.0..y_max)?;
    let date_format = match trends.period {
        Period::Month => "%b %Y",
        Period::Quarter | Period::Year => "%Y",
    };
    chart
        .configure_mesh()
        .x_desc("Period start")
        .y_desc("Items mentioning the topic (%)")
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&|d: &NaiveDate| d.format(date_format).to_string())
        .y_label_formatter(&|v: &f64| format!("{v:.0}%"))
        .label_style(("sans-serif", 18))
        .axis_desc_style(("sans-serif", 20))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    for (i, topic) in trends.topics.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let points: Vec<(NaiveDate, Option<f64>)> =
            trends.periods.iter().map(|p| (p.start, p.counts.share(i).map(|s| s * 100.0))).collect();
        for run in runs(trends.period, &points) {
            chart.draw_series(LineSeries::new(run, colour.stroke_width(2)))?;
        }
        // Earlier topics get larger dots, so equal values show as rings, not one dot.
        let radius = 3 + 2 * (trends.topics.len() - 1 - i).min(4) as i32;
        chart
            .draw_series(points.iter().filter_map(|&(d, s)| s.map(|s| Circle::new((d, s), radius, colour.filled()))))?
            .label(topic.as_str())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(3)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.4))
        .label_font(("sans-serif", 20))
        .draw()?;
    root.present()?;
    Ok(())
}

/// Splits points into runs of consecutive periods with a value, so lines
/// are not drawn across periods without data.
fn runs(period: Period, points: &[(NaiveDate, Option<f64>)]) -> Vec<Vec<(NaiveDate, f64)>> {
    let mut runs: Vec<Vec<(NaiveDate, f64)>> = Vec::new();
    let mut expected: Option<NaiveDate> = None;
    for &(date, value) in points {
        match value {
            Some(v) if expected == Some(date) => runs.last_mut().map_or((), |r| r.push((date, v))),
            Some(v) => runs.push(vec![(date, v)]),
            None => {}
        }
        expected = value.map(|_| next_start(period, date));
    }
    runs
}

/// The first day of the period after the one starting at `start`.
pub fn next_start(period: Period, start: NaiveDate) -> NaiveDate {
    let months = match period {
        Period::Month => 1,
        Period::Quarter => 3,
        Period::Year => 12,
    };
    start.checked_add_months(Months::new(months)).unwrap_or(start.with_day(28).unwrap_or(start))
}

fn period_name(period: Period) -> &'static str {
    match period {
        Period::Month => "month",
        Period::Quarter => "quarter",
        Period::Year => "year",
    }
}

/// A round upper bound for a percentage axis.
fn nice_ceiling(max: f64) -> f64 {
    [5.0, 10.0, 20.0, 25.0, 40.0, 50.0, 75.0, 100.0].into_iter().find(|&c| c >= max).unwrap_or(100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    #[test]
    fn lines_break_at_missing_periods() {
        let points = [(d(2015, 10), Some(1.0)), (d(2015, 11), Some(2.0)), (d(2017, 2), Some(3.0))];
        let runs = runs(Period::Month, &points);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].len(), 2);
        assert_eq!(runs[1], vec![(d(2017, 2), 3.0)]);
    }
}
