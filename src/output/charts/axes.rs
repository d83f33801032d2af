//! The axes of the charts: date ticks, round upper bounds, and the
//! percentage chart the share and emerging charts share.

use chrono::{Datelike, Days, Months, NaiveDate};
use plotters::coord::Shift;
use plotters::coord::combinators::WithKeyPoints;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::error::Error;

use super::{Style, legend};

/// Tick marks for a date axis from `first` to `last`: month or year starts
/// (every week for spans under two months), at most about nine, and the
/// format of their labels.
pub(super) fn date_ticks(first: NaiveDate, last: NaiveDate) -> (Vec<NaiveDate>, &'static str) {
    let days = (last - first).num_days();
    if days <= 62 {
        let ticks = (0..=days / 7).filter_map(|w| first.checked_add_days(Days::new(7 * w as u64))).collect();
        return (ticks, "%-d %b %Y");
    }
    let months = days / 30;
    let step = [1, 2, 3, 6, 12, 24, 60, 120, 240].into_iter().find(|&step| months / step <= 8).unwrap_or(600);
    let mut tick = NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first);
    let mut ticks = Vec::new();
    while tick <= last {
        let aligned = match step {
            1..12 => i64::from(tick.month0()) % step == 0,
            _ => tick.month0() == 0 && i64::from(tick.year()) % (step / 12) == 0,
        };
        if tick >= first && aligned {
            ticks.push(tick);
        }
        tick = tick.checked_add_months(Months::new(1)).unwrap_or(NaiveDate::MAX);
    }
    (ticks, if step < 12 { "%b %Y" } else { "%Y" })
}

/// A chart of percentages over dates, as the share and emerging charts draw
/// it: date ticks across, `0..y_max` percent up, its mesh and axis labels drawn.
pub(super) type PercentChart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<WithKeyPoints<RangedDate<NaiveDate>>, RangedCoordf64>>;

pub(super) fn percent_chart<'a, DB: DrawingBackend>(
    plot: &'a DrawingArea<DB, Shift>,
    s: &Style,
    (x0, x1): (NaiveDate, NaiveDate),
    y_max: f64,
    x_desc: &str,
    y_descs: &[&str],
) -> Result<PercentChart<'a, DB>, Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let (ticks, date_format) = date_ticks(x0, x1);
    let y_desc = axis_desc(plot, s, y_descs);
    let mut chart = ChartBuilder::on(plot)
        .margin(s.px(12))
        // Room for half a date label at the right end of the axis.
        .margin_right(s.px(40))
        .x_label_area_size(s.px(50))
        .y_label_area_size(s.px(60))
        .build_cartesian_2d((x0..x1).with_key_points(ticks), 0.0..y_max)?;
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .y_labels(6)
        .x_label_formatter(&|d| d.format(date_format).to_string())
        .y_label_formatter(&|v| format!("{v:.0}%"))
        .label_style(s.font(16.0))
        .axis_desc_style(s.font(18.0))
        .bold_line_style(BLACK.mix(0.1))
        .light_line_style(TRANSPARENT)
        .draw()?;
    Ok(chart)
}

/// The first of `descs` (longest first) that fits along the y axis of a
/// chart on `plot`, else the last.
fn axis_desc<'d, DB: DrawingBackend>(plot: &DrawingArea<DB, Shift>, s: &Style, descs: &[&'d str]) -> &'d str {
    // The plot's height, less the x labels and the margins, in SVG pixels.
    let length = (f64::from(plot.dim_in_pixel().1) / s.scale) as i32 - 50 - 24;
    descs.iter().copied().find(|d| legend::fits(d, 18.0, length)).or(descs.last().copied()).unwrap_or("")
}

/// A round upper bound for a percentage axis.
pub(super) fn percent_ceiling(max: f64) -> f64 {
    [5.0, 10.0, 20.0, 25.0, 40.0, 50.0, 75.0, 100.0].into_iter().find(|&c| c >= max).unwrap_or(100.0)
}

/// A round upper bound for a count axis: 1, 2 or 5 times a power of ten.
pub(super) fn count_ceiling(max: usize) -> usize {
    let mut power = 1;
    loop {
        for c in [power, 2 * power, 5 * power] {
            if c >= max.max(1) {
                return c;
            }
        }
        power *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    #[test]
    fn ticks_at_month_or_year_starts() {
        let (ticks, format) = date_ticks(d(2015, 10), d(2017, 9));
        assert_eq!(format, "%b %Y");
        assert_eq!(
            ticks,
            [d(2015, 10), d(2016, 1), d(2016, 4), d(2016, 7), d(2016, 10), d(2017, 1), d(2017, 4), d(2017, 7)]
        );
        let (ticks, format) = date_ticks(d(2005, 3), d(2017, 1));
        assert_eq!(format, "%Y");
        assert_eq!(ticks.first(), Some(&d(2006, 1)));
        assert!(ticks.len() <= 9, "{ticks:?}");
    }

    #[test]
    fn round_ceilings() {
        assert_eq!(percent_ceiling(26.7), 40.0);
        assert_eq!(count_ceiling(0), 1);
        assert_eq!(count_ceiling(7), 10);
        assert_eq!(count_ceiling(11), 20);
        assert_eq!(count_ceiling(51), 100);
    }
}
