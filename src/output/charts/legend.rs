//! The title above a chart and the legend below it, laid out by measuring
//! their text with the embedded DejaVu Sans, so nothing is cut.
//!
//! Lengths here are in SVG pixels (a PNG scales them with [`Style`]). The
//! measure is that of plotters' `ab_glyph` layout, a few percent wider than
//! the same text in the SVG (plotters writes a smaller `font-size` than it
//! measures), which leaves room for a viewer's slightly wider sans-serif.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Drawn, Style};

/// Size of the title text, bold.
pub(super) const TITLE_FONT: f64 = 22.0;
/// Height of a line of the title.
const TITLE_LINE: i32 = 26;
/// Size of the legend's text (12.9 SVG pixels).
pub(super) const LEGEND_FONT: f64 = 16.0;
/// Height of a row of the legend.
const ROW: i32 = 24;
/// Width of an entry's mark, and the space between it and its label.
const MARK: i32 = 28;
const MARK_GAP: i32 = 8;
/// Space between entries on a row.
const SPACE: i32 = 24;

/// What a legend entry shows before its label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Mark {
    /// A line, with a dot when the series has markers.
    Line(RGBColor, bool),
    /// A faint dashed line, through a hollow circle when the chart has
    /// one: points on few items.
    Light(bool),
    /// A filled box, for bars.
    Bar(RGBColor),
    /// A translucent band, for shaded periods.
    Band(RGBAColor),
    /// No mark: a note of its own, on rows of its own.
    Note,
}

/// A legend entry: its mark and its label.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entry {
    pub label: String,
    pub mark: Mark,
}

impl Entry {
    pub fn new(label: impl Into<String>, mark: Mark) -> Entry {
        Entry { label: label.into(), mark }
    }
}

/// The width of `text` in SVG pixels at `size`, as plotters lays it out.
pub(super) fn text_width(text: &str, size: f64, bold: bool) -> i32 {
    let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
    match FontDesc::new(FontFamily::SansSerif, size, style).box_size(text) {
        Ok((width, _)) => width as i32,
        // Without the font (it is embedded, so never): DejaVu's widest letters.
        Err(_) => (text.chars().count() as f64 * size) as i32,
    }
}

/// `text` in lines no wider than `max` pixels, broken between words; a
/// word wider than a line alone is cut with `…` where it fits.
pub(super) fn wrap(text: &str, size: f64, bold: bool, max: i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), size, bold) <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(fit(word, size, bold, max)),
        }
    }
    lines
}

/// `word` as it is when it fits in `max` pixels, else cut with `…`.
fn fit(word: &str, size: f64, bold: bool, max: i32) -> String {
    if text_width(word, size, bold) <= max {
        return word.to_owned();
    }
    let chars: Vec<char> = word.chars().collect();
    (1..chars.len())
        .rev()
        .map(|n| format!("{}…", chars[..n].iter().collect::<String>()))
        .find(|cut| text_width(cut, size, bold) <= max)
        .unwrap_or_else(|| "…".to_owned())
}

/// The title's lines, each fitting in `width`, and their height.
pub(super) fn title_lines(title: &str, width: i32) -> (Vec<String>, i32) {
    let lines = wrap(title, TITLE_FONT, true, width - 24);
    let height = 12 + TITLE_LINE * lines.len() as i32;
    (lines, height)
}

/// Draws the title's lines, centred, from the top of `root`.
pub(super) fn draw_title<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, s: &Style, lines: &[String]) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (width, _) = root.dim_in_pixel();
    let font = s.title().pos(Pos::new(HPos::Center, VPos::Top));
    for (n, line) in lines.iter().enumerate() {
        let y = s.ipx(10 + TITLE_LINE * n as i32);
        root.draw(&Text::new(line.clone(), (width as i32 / 2, y), font.clone()))?;
    }
    Ok(())
}

/// An entry placed in the legend: the centre of its first row, and its
/// label's lines.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Placed {
    pub mark: Mark,
    pub x: i32,
    pub y: i32,
    pub lines: Vec<String>,
}

/// The legend laid out in rows across `width`: entries side by side while
/// they fit, a label too long for a row wrapped on rows of its own, notes
/// on rows of their own. Returns the entries placed and the height.
pub(super) fn place(entries: &[Entry], width: i32) -> (Vec<Placed>, i32) {
    let (mut placed, mut x, mut row) = (Vec::new(), 0, 0);
    for entry in entries {
        let mark_width = if entry.mark == Mark::Note { 0 } else { MARK + MARK_GAP };
        let entry_width = mark_width + text_width(&entry.label, LEGEND_FONT, false);
        if x > 0 && (x + entry_width > width || entry.mark == Mark::Note) {
            (x, row) = (0, row + 1);
        }
        let lines = if entry_width > width || entry.mark == Mark::Note {
            wrap(&entry.label, LEGEND_FONT, false, width - mark_width)
        } else {
            vec![entry.label.clone()]
        };
        placed.push(Placed { mark: entry.mark, x, y: row * ROW + ROW / 2, lines: lines.clone() });
        if lines.len() > 1 || entry.mark == Mark::Note {
            (x, row) = (0, row + lines.len() as i32);
        } else {
            x += entry_width + SPACE;
        }
    }
    let rows = if x > 0 { row + 1 } else { row };
    (placed, rows * ROW)
}

/// Draws the placed entries in `area`, from its top left corner.
pub(super) fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, s: &Style, placed: &[Placed]) -> Drawn
where
    DB::ErrorType: 'static,
{
    let font = s.font(LEGEND_FONT).pos(Pos::new(HPos::Left, VPos::Center));
    for entry in placed {
        let (x, y) = (s.ipx(entry.x), s.ipx(entry.y));
        draw_mark(area, s, entry.mark, (x, y))?;
        let text_x = if entry.mark == Mark::Note { x } else { x + s.ipx(MARK + MARK_GAP) };
        for (n, line) in entry.lines.iter().enumerate() {
            area.draw(&Text::new(line.clone(), (text_x, y + s.ipx(ROW * n as i32)), font.clone()))?;
        }
    }
    Ok(())
}

fn draw_mark<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, s: &Style, mark: Mark, (x, y): (i32, i32)) -> Drawn
where
    DB::ErrorType: 'static,
{
    let (mid, end) = (x + s.ipx(MARK / 2), x + s.ipx(MARK));
    let box_at = |dx: i32, dy: i32| [(x + s.ipx(dx), y - s.ipx(dy)), (x + s.ipx(MARK - dx), y + s.ipx(dy))];
    match mark {
        Mark::Line(c, dot) => {
            area.draw(&PathElement::new(vec![(x, y), (end, y)], s.stroke(c, 2)))?;
            if dot {
                area.draw(&Circle::new((mid, y), s.ipx(4), c.filled()))?;
            }
        }
        Mark::Light(dot) => {
            super::series::draw_faint(area, s, BLACK, &[(x, y), (end, y)])?;
            if dot {
                super::series::draw_hollow(area, s, BLACK, (mid, y), 4)?;
            }
        }
        Mark::Bar(c) => area.draw(&Rectangle::new(box_at(4, 8), c.filled()))?,
        Mark::Band(c) => {
            area.draw(&Rectangle::new(box_at(0, 9), c.filled()))?;
            area.draw(&Rectangle::new(box_at(0, 9), BLACK.mix(0.2)))?;
        }
        Mark::Note => {}
    }
    Ok(())
}

/// Whether `text` at `size` fits in `length` pixels.
pub(super) fn fits(text: &str, size: f64, length: i32) -> bool {
    text_width(text, size, false) <= length
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(label: &str) -> Entry {
        Entry::new(label, Mark::Line(BLACK, false))
    }

    #[test]
    fn entries_flow_in_rows_and_long_labels_wrap() {
        super::super::register_fonts().unwrap();
        let (placed, height) = place(&[entry("Docker"), entry("Kubernetes")], 700);
        assert_eq!((placed[0].x, placed[0].y, placed[1].y), (0, 12, 12));
        assert!(placed[1].x > MARK + MARK_GAP + SPACE, "{placed:?}");
        assert_eq!(height, ROW);
        let long = "word ".repeat(60);
        let (placed, height) = place(&[entry("Docker"), entry(&long), entry("After")], 700);
        assert_eq!(placed[1].x, 0, "a label wider than a row starts a row");
        assert!(placed[1].lines.len() >= 2, "{placed:?}");
        assert_eq!(placed[1].lines.join(" "), long.trim(), "wrapped, not cut");
        assert_eq!(placed[2].x, 0);
        assert_eq!(height, ROW * (2 + placed[1].lines.len() as i32));
        for line in &placed[1].lines {
            assert!(text_width(line, LEGEND_FONT, false) <= 700 - MARK - MARK_GAP, "{line}");
        }
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_where_it_fits() {
        super::super::register_fonts().unwrap();
        let lines = wrap(&"x".repeat(200), LEGEND_FONT, false, 300);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].ends_with('…') && text_width(&lines[0], LEGEND_FONT, false) <= 300, "{lines:?}");
    }
}
