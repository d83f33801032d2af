//! The trend charts, drawn with plotters: SVG for the site, PNG for slides.
//!
//! Every chart has a title, axes with their unit, dates at month or year
//! starts, a legend beside the plot, and the Okabe–Ito colours, which stay
//! distinguishable with colour blindness. A period without an issue is
//! missing data: lines break there and a grey band marks it (“no issue”),
//! rather than a drop to zero.
//!
//! Text is laid out with DejaVu Sans, embedded in the binary (the `dejavu`
//! crate) and given to plotters' `ab_glyph` renderer, so PNGs need no
//! system font; SVGs name `sans-serif` and let the viewer pick the font.

pub mod emerging;
mod share;
mod topic;
mod years;

use std::error::Error;
use std::sync::OnceLock;

use anyhow::{Context, Result, anyhow};
use chrono::{Datelike, Days, Months, NaiveDate};
use plotters::coord::Shift;
use plotters::coord::combinators::WithKeyPoints;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use rayon::prelude::*;

use crate::config::Config;
use crate::fs::Publisher;
use crate::trends::emerging::Emerging;
use crate::trends::{Period, Trends};

/// Okabe–Ito colours, in legend order (yellow left out: too light on white).
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(0, 0, 0),
];

/// Size of a chart in SVG pixels; PNGs are drawn at twice the size.
const SIZE: (u32, u32) = (960, 540);

/// The shade of periods without an issue.
const GAP: RGBAColor = RGBAColor(0, 0, 0, 0.07);

/// What plotters' drawing functions return here.
type Drawn = Result<(), Box<dyn Error>>;

/// A file format for charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
        }
    }
}

/// The charts of a build.
#[derive(Debug, Clone, Copy)]
pub enum Chart<'a> {
    /// `trends.svg`: share of items mentioning each topic, per period.
    Share(&'a Trends),
    /// `trends-<slug>.svg`: one topic's mentions (bars) and share (line).
    Topic(&'a Trends, usize),
    /// `topics-by-year.svg`: mentions per topic per year, grouped bars (the
    /// trends grouped by year).
    Years(&'a Trends),
    /// `emerging.svg`: the top emerging terms' share per month.
    Emerging(&'a Emerging),
}

/// Writes every chart under `trends/` in each format: `trends`, one
/// `trends-<slug>` per topic, `topics-by-year` and `emerging`.
pub fn write_all(
    trends: &Trends,
    emerging: &Emerging,
    config: &Config,
    formats: &[Format],
    out: &Publisher,
) -> Result<()> {
    let years = trends.by_year();
    let mut charts =
        vec![("trends".to_owned(), Chart::Share(trends)), ("topics-by-year".to_owned(), Chart::Years(&years))];
    for (t, slug) in crate::model::topic_slugs(&trends.topics).into_iter().enumerate() {
        charts.push((format!("trends-{slug}"), Chart::Topic(trends, t)));
    }
    charts.push(("emerging".to_owned(), Chart::Emerging(emerging)));
    let each: Vec<_> = formats.iter().flat_map(|format| charts.iter().map(move |chart| (format, chart))).collect();
    each.par_iter().try_for_each(|(format, (name, chart))| {
        let path = format!("trends/{name}.{}", format.extension());
        out.write(&path, &render(*chart, &config.title, **format).with_context(|| path.clone())?)
    })
}

/// Writes `trends/emerging.svg` (and `.png`) alone, for `trendfeed emerging`.
pub fn write_emerging(emerging: &Emerging, config: &Config, formats: &[Format], out: &Publisher) -> Result<()> {
    for format in formats {
        let path = format!("trends/emerging.{}", format.extension());
        out.write(&path, &render(Chart::Emerging(emerging), &config.title, *format).with_context(|| path.clone())?)?;
    }
    Ok(())
}

/// Renders a chart; `site_title` starts its title.
pub fn render(chart: Chart, site_title: &str, format: Format) -> Result<Vec<u8>> {
    register_fonts()?;
    let failed = |e: Box<dyn Error>| anyhow!("failed to draw a chart: {e}");
    match format {
        Format::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
                draw(chart, site_title, &root, 1.0).map_err(failed)?;
                root.present().map_err(|e| failed(e.into()))?;
            }
            svg.push('\n');
            Ok(svg.into_bytes())
        }
        Format::Png => {
            let (width, height) = (SIZE.0 * 2, SIZE.1 * 2);
            let mut pixels = vec![0u8; width as usize * height as usize * 3];
            {
                let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
                draw(chart, site_title, &root, 2.0).map_err(failed)?;
                root.present().map_err(|e| failed(e.into()))?;
            }
            encode_png(&pixels, width, height)
        }
    }
}

fn draw<DB: DrawingBackend>(chart: Chart, site_title: &str, root: &DrawingArea<DB, Shift>, scale: f64) -> Drawn
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let s = Style { scale };
    match chart {
        Chart::Share(trends) => share::draw(root, &s, trends, site_title),
        Chart::Topic(trends, topic) => topic::draw(root, &s, trends, topic, site_title),
        Chart::Years(trends) => years::draw(root, &s, trends, site_title),
        Chart::Emerging(emerging) => emerging::draw(root, &s, emerging, site_title),
    }
}

fn encode_png(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>> {
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(pixels)?;
    writer.finish()?;
    Ok(png)
}

/// Gives plotters the embedded DejaVu Sans as `sans-serif`, once.
fn register_fonts() -> Result<()> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            for (style, bytes) in
                [(FontStyle::Normal, dejavu::sans::regular()), (FontStyle::Bold, dejavu::sans::bold())]
            {
                plotters::style::register_font("sans-serif", style, bytes)
                    .map_err(|_| "the embedded DejaVu Sans font is invalid".to_owned())?;
            }
            Ok(())
        })
        .clone()
        .map_err(|e| anyhow!(e))
}

/// Sizes, scaled for the output (PNG is drawn at twice the SVG size).
struct Style {
    scale: f64,
}

impl Style {
    /// A length in pixels.
    fn px(&self, v: u32) -> u32 {
        (f64::from(v) * self.scale).round() as u32
    }

    /// A signed length in pixels.
    fn ipx(&self, v: i32) -> i32 {
        (f64::from(v) * self.scale).round() as i32
    }

    /// Text of `size` points.
    fn font(&self, size: f64) -> TextStyle<'static> {
        TextStyle::from(FontDesc::new(FontFamily::SansSerif, size * self.scale, FontStyle::Normal))
    }

    fn title(&self) -> TextStyle<'static> {
        TextStyle::from(FontDesc::new(FontFamily::SansSerif, 24.0 * self.scale, FontStyle::Bold))
    }

    fn stroke(&self, colour: impl Color, width: u32) -> ShapeStyle {
        colour.stroke_width(self.px(width))
    }
}

/// How a legend entry is drawn.
enum Mark {
    /// A line with a dot, for a series.
    Line(RGBColor),
    /// A filled box, for bars.
    Bar(RGBColor),
    /// A translucent band, for shaded periods.
    Band(RGBAColor),
    /// No mark: a note on the entry above, wrapped to the legend's width.
    Note,
}

/// The area of a chart's plot and that of its legend.
type PlotAndLegend<DB> = (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>);

/// Draws the title and returns the plot area and the legend area.
fn layout<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Style,
    title: &str,
) -> Result<PlotAndLegend<DB>, Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let below = root.margin(s.px(8), 0, 0, 0).titled(title, s.title())?;
    let (width, _) = below.dim_in_pixel();
    let (plot, legend) = below.split_horizontally(width - s.px(200));
    Ok((plot, legend))
}

/// Draws the legend entries from the top of `area`.
fn legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, s: &Style, entries: &[(String, Mark)]) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (x, mut y) = (s.ipx(8), s.ipx(40));
    let left = plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Left,
        plotters::style::text_anchor::VPos::Center,
    );
    let font = s.font(16.0).pos(left);
    for (label, mark) in entries {
        match mark {
            Mark::Note => {
                y -= s.ipx(8);
                for line in wrap(label, 22) {
                    area.draw(&Text::new(line, (x + s.ipx(38), y), s.font(13.0).pos(left)))?;
                    y += s.ipx(17);
                }
                y += s.ipx(11);
                continue;
            }
            Mark::Line(c) => {
                area.draw(&PathElement::new(vec![(x, y), (x + s.ipx(28), y)], s.stroke(*c, 3)))?;
                area.draw(&Circle::new((x + s.ipx(14), y), s.ipx(4), c.filled()))?;
            }
            Mark::Bar(c) => {
                area.draw(&Rectangle::new([(x + s.ipx(4), y - s.ipx(8)), (x + s.ipx(24), y + s.ipx(8))], c.filled()))?
            }
            Mark::Band(c) => {
                area.draw(&Rectangle::new([(x, y - s.ipx(9)), (x + s.ipx(28), y + s.ipx(9))], c.filled()))?;
                area.draw(&Rectangle::new([(x, y - s.ipx(9)), (x + s.ipx(28), y + s.ipx(9))], BLACK.mix(0.2)))?;
            }
        }
        area.draw(&Text::new(shorten(label, 20), (x + s.ipx(38), y), font.clone()))?;
        y += s.ipx(28);
    }
    Ok(())
}

/// Text in lines of at most `max` characters, broken between words (a
/// longer word has a line of its own).
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// A label cut to `max` characters, with `…` when cut.
fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_owned();
    }
    let cut: String = label.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Tick marks for a date axis from `first` to `last`: month or year starts
/// (every week for spans under two months), at most about nine, and the
/// format of their labels.
fn date_ticks(first: NaiveDate, last: NaiveDate) -> (Vec<NaiveDate>, &'static str) {
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

/// The radius of the dots of a series drawn under `above` others: larger
/// under more, so equal values show as rings; smaller when there are many
/// points, so they do not hide the lines.
fn dot_radius(points: usize, above: usize) -> i32 {
    let (base, step) = if points > 40 { (2, 1) } else { (3, 2) };
    base + step * above.min(4) as i32
}

/// A chart of percentages over dates, as the share and emerging charts draw
/// it: date ticks across, `0..y_max` percent up, its mesh and axis labels drawn.
type PercentChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<WithKeyPoints<RangedDate<NaiveDate>>, RangedCoordf64>>;

fn percent_chart<'a, DB: DrawingBackend>(
    plot: &'a DrawingArea<DB, Shift>,
    s: &Style,
    (x0, x1): (NaiveDate, NaiveDate),
    y_max: f64,
    x_desc: &str,
    y_desc: &str,
) -> Result<PercentChart<'a, DB>, Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let (ticks, date_format) = date_ticks(x0, x1);
    let mut chart = ChartBuilder::on(plot)
        .margin(s.px(12))
        .x_label_area_size(s.px(56))
        .y_label_area_size(s.px(72))
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

/// A round upper bound for a percentage axis.
fn percent_ceiling(max: f64) -> f64 {
    [5.0, 10.0, 20.0, 25.0, 40.0, 50.0, 75.0, 100.0].into_iter().find(|&c| c >= max).unwrap_or(100.0)
}

/// A round upper bound for a count axis: 1, 2 or 5 times a power of ten.
fn count_ceiling(max: usize) -> usize {
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

/// Splits points into runs of consecutive positions with a value, so lines
/// are not drawn across periods without data.
fn runs<X: Copy>(points: &[(i64, X, Option<f64>)]) -> Vec<Vec<(X, f64)>> {
    let mut runs: Vec<Vec<(X, f64)>> = Vec::new();
    let mut expected: Option<i64> = None;
    for &(position, x, value) in points {
        match value {
            Some(v) if expected == Some(position) => runs.last_mut().map_or((), |r| r.push((x, v))),
            Some(v) => runs.push(vec![(x, v)]),
            None => {}
        }
        expected = value.map(|_| position + 1);
    }
    runs
}

/// The dates a chart of `trends` spans: from the first period's start to the
/// end of the last; for issues, some room on both sides. `None` without
/// periods.
fn x_range(trends: &Trends) -> Option<(NaiveDate, NaiveDate)> {
    let (first, last) = (trends.periods.first()?.start, trends.periods.last()?.start);
    if trends.period == Period::Issue {
        let pad = Days::new(((last - first).num_days() / 40).max(3) as u64);
        return Some((first.checked_sub_days(pad)?, last.checked_add_days(pad)?));
    }
    Some((first, trends.period.next(last)))
}

/// A message in the middle of an empty plot.
fn no_data<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, s: &Style, message: &str) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (width, height) = area.dim_in_pixel();
    let centre = plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Center,
    );
    area.draw(&Text::new(message.to_owned(), (width as i32 / 2, height as i32 / 2), s.font(20.0).pos(centre)))?;
    Ok(())
}

/// The date ranges of the periods without an issue between the periods of
/// `trends`: from the end of one period with issues to the start of the next.
fn gaps(trends: &Trends) -> Vec<(NaiveDate, NaiveDate)> {
    let positions = trends.positions();
    trends
        .periods
        .windows(2)
        .zip(positions.windows(2))
        .filter(|(_, pos)| pos[1] - pos[0] > 1)
        .map(|(p, _)| (trends.period.next(p[0].start), p[1].start))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    #[test]
    fn lines_break_at_missing_periods() {
        let points = [(10, d(2015, 10), Some(1.0)), (11, d(2015, 11), Some(2.0)), (26, d(2017, 2), Some(3.0))];
        let runs = runs(&points);
        assert_eq!(runs, vec![vec![(d(2015, 10), 1.0), (d(2015, 11), 2.0)], vec![(d(2017, 2), 3.0)]]);
        let with_hole = [(1, 1, Some(1.0)), (2, 2, None), (3, 3, Some(3.0))];
        assert_eq!(super::runs(&with_hole).len(), 2, "a period with no counted item breaks the line too");
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
