//! Charts as PNG, for slides: the SVG layout drawn at 8/3 of its size into
//! a bitmap (plotters' `bitmap_backend`) and encoded with the `png` crate.
//!
//! Both come with the cargo feature `png`, on by default. A binary built
//! without it refuses `--png` on the command line (`cli.rs`), so the
//! stand-in `render` below is never reached from there.

#[cfg(feature = "png")]
use plotters::prelude::*;

use super::{Chart, Layout, Plan};
#[cfg(feature = "png")]
use super::{Style, WIDTH};
use anyhow::Result;

/// Width of a PNG: the SVG scaled by 8/3 (1920×1200 at the least height).
#[cfg(feature = "png")]
const PNG_WIDTH: u32 = 1920;

/// Why a build without the `png` feature writes no PNG.
pub const UNAVAILABLE: &str = "this trendfeed was built without PNG support (cargo feature `png`)";

/// Draws `chart` as a PNG [`PNG_WIDTH`] pixels wide.
#[cfg(feature = "png")]
pub(super) fn render(chart: Chart, plan: &Plan, layout: &Layout) -> Result<Vec<u8>> {
    let s = Style { scale: f64::from(PNG_WIDTH) / f64::from(WIDTH) };
    let (width, height) = (PNG_WIDTH, s.px(layout.height));
    let mut pixels = vec![0u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        let overlay = super::draw(chart, plan, layout, &root, &s).map_err(super::failed)?;
        super::series::draw_overlay(&root, &s, &overlay).map_err(super::failed)?;
        root.present().map_err(|e| super::failed(e.into()))?;
    }
    encode(&pixels, width, height)
}

/// Without the `png` feature: an error saying so.
#[cfg(not(feature = "png"))]
pub(super) fn render(_chart: Chart, _plan: &Plan, _layout: &Layout) -> Result<Vec<u8>> {
    Err(anyhow::anyhow!(UNAVAILABLE))
}

/// Encodes RGB `pixels` as an 8-bit PNG.
#[cfg(feature = "png")]
fn encode(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>> {
    let mut png = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut png, width, height);
    encoder.set_color(::png::ColorType::Rgb);
    encoder.set_depth(::png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(pixels)?;
    writer.finish()?;
    Ok(png)
}
