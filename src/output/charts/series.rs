//! The line series of the share, topic and emerging charts: their lines,
//! their markers and the `<title>` tooltip of each point.
//!
//! A point resting on fewer than `chart_min_items` counted items is light:
//! the line into and out of it is dashed and faint, and its marker hollow. A
//! series of at most [`SPARSE`] points has a marker on each; a denser one
//! only on points without a neighbour (which no line would show). Every
//! point, marked or not, is a `<circle>` of the SVG holding its `<title>`
//! (an unmarked one is transparent), so hovering shows its figures.

use std::io::{self, Write};
use std::sync::Arc;

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Drawn, Style};

/// Series with at most this many points get a marker on each.
pub(super) const SPARSE: usize = 40;

/// One period of a series.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Step {
    /// The period on a calendar line: a jump of more than one is a gap.
    pub position: i64,
    pub x: NaiveDate,
    /// Where the line passes (the smoothed value, with `--smooth`).
    pub line: Option<f64>,
    /// The period's own value, where its marker goes.
    pub own: Option<f64>,
    /// Whether the period rests on fewer items than the minimum.
    pub light: bool,
    /// The tooltip: `Kubernetes, 2018-03: 4 of 12 items (33.3%)`, shared
    /// with the step's marker (a dense chart has a hundred thousand).
    pub title: Arc<str>,
}

/// A series: its colour and its periods, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Series {
    pub colour: RGBColor,
    pub steps: Vec<Step>,
}

impl Series {
    /// Which steps get a visible marker: all of them in a sparse series,
    /// else those without a neighbour on the line.
    pub fn marked(&self) -> Vec<bool> {
        let points = self.points();
        let has_line = |i: Option<usize>, position: i64| {
            i.and_then(|i| self.steps.get(i)).is_some_and(|s| s.position == position && s.line.is_some())
        };
        (0..self.steps.len())
            .map(|i| {
                let step = &self.steps[i];
                let isolated =
                    !has_line(i.checked_sub(1), step.position - 1) && !has_line(Some(i + 1), step.position + 1);
                step.own.is_some() && (points <= SPARSE || isolated)
            })
            .collect()
    }

    /// The number of points (periods with a value of their own).
    pub fn points(&self) -> usize {
        self.steps.iter().filter(|s| s.own.is_some()).count()
    }

    /// Whether any point is drawn with a (full) marker.
    pub fn has_dots(&self) -> bool {
        self.marked().iter().zip(&self.steps).any(|(&m, s)| m && !s.light)
    }

    /// Whether any point is light.
    pub fn has_light(&self) -> bool {
        self.steps.iter().any(|s| s.light && s.own.is_some())
    }
}

/// A point as drawn: where (in backend pixels), how, and its tooltip.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Marker {
    pub at: (i32, i32),
    /// Radius in SVG pixels.
    pub radius: i32,
    pub colour: RGBColor,
    /// Drawn (else a transparent target for the tooltip only).
    pub shown: bool,
    pub light: bool,
    pub title: Arc<str>,
}

/// A dashed, faint line through light points, in backend pixels.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Faint {
    pub colour: RGBColor,
    pub points: Vec<(i32, i32)>,
}

/// What is drawn over the chart last: the faint lines and the markers.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Overlay {
    pub faint: Vec<Faint>,
    pub markers: Vec<Marker>,
}

impl Overlay {
    pub fn extend(&mut self, other: Overlay) {
        self.faint.extend(other.faint);
        self.markers.extend(other.markers);
    }
}

/// The opacity of faint lines, the dashes and gaps of their pattern.
const FAINT: f64 = 0.5;
const DASH: u32 = 5;
const DASH_GAP: u32 = 4;

/// Draws a faint dashed line (on a PNG, or in a legend).
pub(super) fn draw_faint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Style,
    colour: RGBColor,
    points: &[(i32, i32)],
) -> Drawn
where
    DB::ErrorType: 'static,
{
    let style = colour.mix(FAINT).stroke_width(s.px(2));
    area.draw(&plotters::element::DashedPathElement::new(points.iter().copied(), s.px(DASH), s.px(DASH_GAP), style))?;
    Ok(())
}

/// A hollow circle: white inside, a faint ring of `colour`.
pub(super) fn draw_hollow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Style,
    colour: RGBColor,
    at: (i32, i32),
    radius: i32,
) -> Drawn
where
    DB::ErrorType: 'static,
{
    area.draw(&Circle::new(at, s.ipx(radius), WHITE.filled()))?;
    area.draw(&Circle::new(at, s.ipx(radius), colour.mix(0.6).stroke_width(s.px(1).max(1))))?;
    Ok(())
}

/// Draws the solid lines of `series` on `plot`, with `to_px` mapping a
/// value to backend pixels, and returns its faint lines and markers;
/// `above` is the number of series drawn after it (its markers are larger,
/// so equal values show as rings).
pub(super) fn draw<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    s: &Style,
    series: &Series,
    above: usize,
    to_px: impl Fn(NaiveDate, f64) -> (i32, i32),
) -> Result<Overlay, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let base = plot.get_base_pixel();
    let steps = &series.steps;
    // Consecutive segments of the same lightness make one polyline.
    let mut lines: Vec<(bool, Vec<(i32, i32)>)> = Vec::new();
    for pair in steps.windows(2) {
        let (Some(a), Some(b)) = (pair[0].line, pair[1].line) else { continue };
        if pair[1].position != pair[0].position + 1 {
            continue;
        }
        let (a, b) = (to_px(pair[0].x, a), to_px(pair[1].x, b));
        let faint = pair[0].light || pair[1].light;
        match lines.last_mut() {
            Some((f, points)) if *f == faint && points.last() == Some(&a) => points.push(b),
            _ => lines.push((faint, vec![a, b])),
        }
    }
    let mut overlay = Overlay::default();
    for (faint, points) in lines {
        if faint {
            overlay.faint.push(Faint { colour: series.colour, points });
        } else {
            let local = points.iter().map(|&(x, y)| (x - base.0, y - base.1)).collect::<Vec<_>>();
            plot.draw(&PathElement::new(local, s.stroke(series.colour, 2)))?;
        }
    }
    let radius = dot_radius(series.points(), above);
    overlay.markers = steps
        .iter()
        .zip(series.marked())
        .filter_map(|(step, shown)| {
            let own = step.own?;
            let radius = if shown { radius } else { radius.max(5) };
            let (colour, light, title) = (series.colour, step.light, Arc::clone(&step.title));
            Some(Marker { at: to_px(step.x, own), radius, colour, shown, light, title })
        })
        .collect();
    Ok(overlay)
}

/// Draws the faint lines and the visible markers on `root` (the whole
/// image), for a PNG.
#[cfg(feature = "png")]
pub(super) fn draw_overlay<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, s: &Style, overlay: &Overlay) -> Drawn
where
    DB::ErrorType: 'static,
{
    for line in &overlay.faint {
        draw_faint(root, s, line.colour, &line.points)?;
    }
    for m in overlay.markers.iter().filter(|m| m.shown) {
        if m.light {
            draw_hollow(root, s, m.colour, m.at, m.radius)?;
        } else {
            root.draw(&Circle::new(m.at, s.ipx(m.radius), m.colour.filled()))?;
        }
    }
    Ok(())
}

/// `#RRGGBB`.
fn hex(RGBColor(r, g, b): RGBColor) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// Writes the faint lines as dashed SVG polylines, then the markers as
/// circles, each holding its `<title>`; one element a line. Each point is
/// written straight to `out` (a dense chart has tens of thousands).
pub(super) fn write_overlay(out: &mut impl Write, overlay: &Overlay) -> io::Result<()> {
    for line in &overlay.faint {
        write!(
            out,
            "<polyline class=\"faint\" fill=\"none\" stroke=\"{}\" stroke-opacity=\"{FAINT}\" stroke-width=\"2\" \
             stroke-dasharray=\"{DASH} {DASH_GAP}\" points=\"",
            hex(line.colour)
        )?;
        for (i, (x, y)) in line.points.iter().enumerate() {
            let gap = if i == 0 { "" } else { " " };
            write!(out, "{gap}{x},{y}")?;
        }
        out.write_all(b"\"/>\n")?;
    }
    for m in &overlay.markers {
        let colour = hex(m.colour);
        let (x, y, radius) = (m.at.0, m.at.1, m.radius);
        let class = if m.light { "point light" } else { "point" };
        let hidden = if m.shown { "" } else { " hidden" };
        write!(out, "<circle class=\"{class}{hidden}\" cx=\"{x}\" cy=\"{y}\" r=\"{radius}\" ")?;
        match (m.shown, m.light) {
            (true, false) => write!(out, r#"fill="{colour}""#)?,
            (true, true) => write!(out, r##"fill="#FFFFFF" stroke="{colour}" stroke-opacity="0.6" stroke-width="1""##)?,
            (false, _) => out.write_all(br##"fill="#000000" fill-opacity="0""##)?,
        }
        writeln!(out, "><title>{}</title></circle>", Escaped(&m.title))?;
    }
    Ok(())
}

/// The radius of the dots of a series drawn under `above` others: larger
/// under more, so equal values show as rings; smaller when there are many
/// points, so they do not hide the lines.
pub(super) fn dot_radius(points: usize, above: usize) -> i32 {
    let (base, step) = if points > 40 { (2, 1) } else { (3, 2) };
    base + step * above.min(4) as i32
}

/// Text escaped for XML content, as it is written.
struct Escaped<'a>(&'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                _ => "&gt;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// A tooltip's figures: `4 of 12 items (33.3%)`.
pub(super) fn figures(items: usize, total: usize) -> String {
    let share = if total > 0 { items as f64 * 100.0 / total as f64 } else { 0.0 };
    format!("{items} of {total} item{} ({share:.1}%)", if total == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(position: i64, own: Option<f64>) -> Step {
        let x = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        Step { position, x, line: own, own, light: false, title: "".into() }
    }

    #[test]
    fn dense_series_mark_only_isolated_points() {
        // 41 points in a row, then a lone one after a gap, then a pair.
        let mut steps: Vec<Step> = (0..41).map(|p| step(p, Some(1.0))).collect();
        steps.push(step(43, Some(1.0)));
        steps.extend([step(45, Some(1.0)), step(46, Some(2.0))]);
        let dense = Series { colour: BLACK, steps };
        let marked = dense.marked();
        assert_eq!(marked.iter().filter(|&&m| m).count(), 1, "only the lone point");
        assert!(marked[41]);
        // A period without a value breaks the line as a gap does.
        let mut steps: Vec<Step> = (0..45).map(|p| step(p, Some(1.0))).collect();
        steps[20].own = None;
        steps[20].line = None;
        steps[21].own = None;
        steps[21].line = None;
        steps[23].own = None;
        steps[23].line = None;
        let holes = Series { colour: BLACK, steps };
        let marked: Vec<usize> = holes.marked().iter().enumerate().filter(|(_, m)| **m).map(|(i, _)| i).collect();
        assert_eq!(marked, [22], "between two missing values");
        let sparse = Series { colour: BLACK, steps: (0..40).map(|p| step(p, Some(1.0))).collect() };
        assert!(sparse.marked().iter().all(|&m| m));
    }

    #[test]
    fn overlay_written_as_svg_elements() {
        let overlay = Overlay {
            faint: vec![Faint { colour: RGBColor(0, 114, 178), points: vec![(1, 2), (30, 40), (5, 6)] }],
            markers: vec![
                Marker { at: (3, 4), radius: 2, colour: BLACK, shown: true, light: false, title: "A & B <1>".into() },
                Marker { at: (5, 6), radius: 3, colour: BLACK, shown: true, light: true, title: "x".into() },
                Marker { at: (7, 8), radius: 2, colour: BLACK, shown: false, light: false, title: "&&".into() },
            ],
        };
        let mut out = Vec::new();
        write_overlay(&mut out, &overlay).unwrap();
        let expected = concat!(
            "<polyline class=\"faint\" fill=\"none\" stroke=\"#0072B2\" stroke-opacity=\"0.5\" stroke-width=\"2\" ",
            "stroke-dasharray=\"5 4\" points=\"1,2 30,40 5,6\"/>\n",
            "<circle class=\"point\" cx=\"3\" cy=\"4\" r=\"2\" fill=\"#000000\"><title>A &amp; B &lt;1&gt;</title></circle>\n",
            "<circle class=\"point light\" cx=\"5\" cy=\"6\" r=\"3\" fill=\"#FFFFFF\" stroke=\"#000000\" ",
            "stroke-opacity=\"0.6\" stroke-width=\"1\"><title>x</title></circle>\n",
            "<circle class=\"point hidden\" cx=\"7\" cy=\"8\" r=\"2\" fill=\"#000000\" fill-opacity=\"0\">",
            "<title>&amp;&amp;</title></circle>\n",
        );
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn tooltip_figures() {
        assert_eq!(figures(4, 12), "4 of 12 items (33.3%)");
        assert_eq!(figures(0, 1), "0 of 1 item (0.0%)");
    }
}
