//! The trend charts, drawn with plotters: SVG for the site, PNG for slides.
//!
//! Every chart has a title, axes with their unit, dates at month or year
//! starts, a legend below the plot that explains every mark, and the
//! Okabe–Ito colours, which stay distinguishable with colour blindness. A
//! period without an issue is missing data: lines break there and a grey
//! band marks it (“no issue”), rather than a drop to zero. Points resting
//! on fewer than `chart_min_items` items are drawn lighter, and each point
//! of an SVG has a `<title>` tooltip with its figures (see `series.rs`).
//!
//! Charts are [`WIDTH`] SVG pixels wide, about the width the home page
//! shows them at, so their text (12.9 pixels and up) stays readable there;
//! they are taller than [`MIN_HEIGHT`] when the title or legend needs the
//! room. Text is laid out with DejaVu Sans, embedded in the binary (the
//! `dejavu` crate) and given to plotters' `ab_glyph` renderer, so PNGs need
//! no system font; SVGs ask for DejaVu Sans, then Verdana, then any
//! sans-serif.

mod axes;
pub mod emerging;
mod legend;
pub mod png;
mod series;
mod share;
mod topic;
mod years;

use std::error::Error;
use std::io::Write;
use std::sync::OnceLock;

use anyhow::{Context, Result, anyhow};
use chrono::{Days, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;
use rayon::prelude::*;

use crate::config::Config;
use crate::fs::Publisher;
use crate::trends::emerging::Emerging;
use crate::trends::{Period, Trends};
use axes::{count_ceiling, date_ticks, percent_ceiling, percent_chart};

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

/// Width of a chart in SVG pixels.
pub const WIDTH: u32 = 720;
/// Height of a chart in SVG pixels, unless its title and legend need more.
pub const MIN_HEIGHT: u32 = 450;
/// The least height of the plot (axes included), in SVG pixels.
const MIN_PLOT: i32 = 300;
/// Space on each side of the legend, in SVG pixels.
const LEGEND_INSET: i32 = 16;

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

/// What a chart needs from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The site's title, which starts the chart's.
    pub site_title: &'a str,
    /// Points resting on fewer counted items in their period are light.
    pub min_items: usize,
}

impl<'a> Options<'a> {
    pub fn new(config: &'a Config) -> Options<'a> {
        Options { site_title: &config.title, min_items: config.chart_min_items }
    }
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
    let options = Options::new(config);
    each.par_iter().try_for_each(|(format, (name, chart))| {
        let path = format!("trends/{name}.{}", format.extension());
        write_one(*chart, &options, **format, &path, out)
    })
}

/// Writes `trends/emerging.svg` (and `.png`) alone, for `trendfeed emerging`.
pub fn write_emerging(emerging: &Emerging, config: &Config, formats: &[Format], out: &Publisher) -> Result<()> {
    for format in formats {
        let path = format!("trends/emerging.{}", format.extension());
        write_one(Chart::Emerging(emerging), &Options::new(config), *format, &path, out)?;
    }
    Ok(())
}

/// Writes one chart to `path`; an SVG is streamed to its file.
fn write_one(chart: Chart, options: &Options, format: Format, path: &str, out: &Publisher) -> Result<()> {
    match format {
        Format::Svg => {
            let mut file = out.stager().create(path, 1 << 16)?;
            write_svg(chart, options, file.writer()).with_context(|| path.to_owned())?;
            out.add(file.done()?)?;
            Ok(())
        }
        Format::Png => out.write(path, &render(chart, options, format).with_context(|| path.to_owned())?),
    }
}

/// A chart's title, its legend and its line series, worked out before it is
/// drawn (the legend's height decides the chart's).
struct Plan {
    title: String,
    entries: Vec<legend::Entry>,
    series: Vec<series::Series>,
}

/// Where the parts of a chart go, in SVG pixels.
struct Layout {
    title: Vec<String>,
    title_height: i32,
    plot_height: i32,
    legend: Vec<legend::Placed>,
    height: u32,
}

fn plan(chart: Chart, options: &Options) -> Plan {
    match chart {
        Chart::Share(trends) => share::plan(trends, options),
        Chart::Topic(trends, topic) => topic::plan(trends, topic, options),
        Chart::Years(trends) => years::plan(trends, options),
        Chart::Emerging(emerging) => emerging::plan(emerging, options),
    }
}

fn lay_out(plan: &Plan) -> Layout {
    let (title, title_height) = legend::title_lines(&plan.title, WIDTH as i32);
    let (legend, legend_height) = legend::place(&plan.entries, WIDTH as i32 - 2 * LEGEND_INSET);
    let legend_block = legend_height + 12;
    let height = (title_height + MIN_PLOT + legend_block).max(MIN_HEIGHT as i32);
    let plot_height = height - title_height - legend_block;
    Layout { title, title_height, plot_height, legend, height: height as u32 }
}

/// Renders a chart.
pub fn render(chart: Chart, options: &Options, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Svg => {
            let mut bytes = Vec::new();
            write_svg(chart, options, &mut bytes)?;
            Ok(bytes)
        }
        Format::Png => {
            register_fonts()?;
            let plan = plan(chart, options);
            png::render(chart, &plan, &lay_out(&plan))
        }
    }
}

/// Writes `chart` as an SVG to `out`: what plotters drew, with the fonts
/// named, then the faint lines and the point markers with their tooltips
/// (over every line). Nothing but plotters' own text is held whole: a
/// chart of a long archive runs to tens of megabytes.
fn write_svg(chart: Chart, options: &Options, out: &mut impl Write) -> Result<()> {
    register_fonts()?;
    let plan = plan(chart, options);
    let layout = lay_out(&plan);
    let mut svg = String::new();
    let overlay = {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, layout.height)).into_drawing_area();
        let overlay = draw(chart, &plan, &layout, &root, &Style { scale: 1.0 }).map_err(failed)?;
        root.present().map_err(|e| failed(e.into()))?;
        overlay
    };
    drop(plan);
    let end = svg.rfind("</svg>").unwrap_or(svg.len());
    let written = (|| {
        let mut pieces = svg[..end].split(PLOTTERS_FONT);
        out.write_all(pieces.next().unwrap_or_default().as_bytes())?;
        for piece in pieces {
            out.write_all(FONT.as_bytes())?;
            out.write_all(piece.as_bytes())?;
        }
        series::write_overlay(out, &overlay)?;
        out.write_all(&svg.as_bytes()[end..])?;
        out.write_all(b"\n")
    })();
    written.context("failed to write a chart")
}

/// The font plotters names, and the fonts a chart asks for instead.
const PLOTTERS_FONT: &str = r#"font-family="sans-serif""#;
const FONT: &str = r#"font-family="DejaVu Sans,Verdana,sans-serif""#;

/// The error of a drawing that failed.
fn failed(e: Box<dyn Error>) -> anyhow::Error {
    anyhow!("failed to draw a chart: {e}")
}

/// Draws the title, the chart and the legend; returns the faint lines and
/// the point markers (in backend pixels), which the caller draws last.
fn draw<DB: DrawingBackend>(
    chart: Chart,
    plan: &Plan,
    layout: &Layout,
    root: &DrawingArea<DB, Shift>,
    s: &Style,
) -> Result<series::Overlay, Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    legend::draw_title(root, s, &layout.title)?;
    let (_, below) = root.split_vertically(s.px(layout.title_height as u32));
    let (plot, legend_area) = below.split_vertically(s.px(layout.plot_height as u32));
    let overlay = match chart {
        Chart::Share(trends) => share::draw(&plot, s, trends, plan)?,
        Chart::Topic(trends, topic) => topic::draw(&plot, s, trends, topic, plan)?,
        Chart::Years(trends) => years::draw(&plot, s, trends).map(|()| series::Overlay::default())?,
        Chart::Emerging(emerging) => emerging::draw(&plot, s, emerging, plan)?,
    };
    let inset = s.px(LEGEND_INSET as u32);
    legend::draw(&legend_area.margin(s.px(4), 0, inset, inset), s, &layout.legend)?;
    Ok(overlay)
}

/// The legend entry for light points, when `series` has any.
fn light_entry(series: &[series::Series], options: &Options, period: &str) -> Option<legend::Entry> {
    series.iter().any(series::Series::has_light).then(|| {
        let label = format!("Lighter: fewer than {} items in the {period}", options.min_items);
        let hollow = series.iter().any(|s| s.marked().iter().zip(&s.steps).any(|(&m, step)| m && step.light));
        legend::Entry::new(label, legend::Mark::Light(hollow))
    })
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

/// Sizes, scaled for the output (a PNG is drawn at 8/3 of the SVG size).
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
        TextStyle::from(FontDesc::new(FontFamily::SansSerif, legend::TITLE_FONT * self.scale, FontStyle::Bold))
    }

    fn stroke(&self, colour: impl Color, width: u32) -> ShapeStyle {
        colour.stroke_width(self.px(width))
    }
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

/// [`x_range`], or `None` after writing "No issue to chart" in the
/// middle of the plot.
fn x_range_or_no_data<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    s: &Style,
    trends: &Trends,
) -> Result<Option<(NaiveDate, NaiveDate)>, Box<dyn Error>>
where
    DB::ErrorType: 'static,
{
    let range = x_range(trends);
    if range.is_none() {
        no_data(plot, s, "No issue to chart")?;
    }
    Ok(range)
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
    // Wrapped to the plot's width, less a margin, in lines of 26 pixels.
    let lines = legend::wrap(message, 18.0, false, (f64::from(width) / s.scale) as i32 - 48);
    let top = height as i32 / 2 - s.ipx(13 * (lines.len() as i32 - 1));
    for (n, line) in lines.into_iter().enumerate() {
        let at = (width as i32 / 2, top + s.ipx(26 * n as i32));
        area.draw(&Text::new(line, at, s.font(18.0).pos(centre)))?;
    }
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
