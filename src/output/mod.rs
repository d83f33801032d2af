//! Renderers: each takes the model (and the trend table) and writes its own
//! files through the [`Publisher`]. None of them reads input.

pub mod atom;
pub mod charts;
pub mod csv;
pub mod feeds;
pub mod html;
pub mod rss;
pub mod table;
pub mod trends_json;

use anyhow::Result;

use crate::config::Config;
use crate::fs::Publisher;
use crate::model::Archive;
use crate::trends::Trends;
use crate::trends::emerging::Emerging;

/// What a renderer gets.
pub struct Context<'a> {
    pub archive: &'a Archive,
    pub trends: &'a Trends,
    /// Built once by [`feeds::build_feeds`]: written as feeds, listed on the home page.
    pub feeds: &'a [feeds::Feed],
    pub config: &'a Config,
    /// Emerging terms: `trends/emerging.csv` and `emerging.svg`.
    pub emerging: &'a Emerging,
    /// The formats charts are written in: SVG, and PNG with `--png`.
    pub chart_formats: &'a [charts::Format],
}

/// The outputs of a build, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// `feeds/<slug>.rss` and `.atom` per section, `feeds/all.*` per issue.
    Feeds,
    /// `trends/trends.csv`, `trends-wide.csv`, `by-issue.csv`, `emerging.csv`, `items.csv`.
    Csv,
    /// `trends/trends.svg`, `trends-<topic>.svg`, `topics-by-year.svg`, `emerging.svg` (and `.png`).
    Chart,
    /// `index.html`, `issues/<key>.html`, `style.css`.
    Site,
}

impl Output {
    pub const ALL: [Output; 4] = [Output::Feeds, Output::Csv, Output::Chart, Output::Site];

    /// Renders this output into `out`; returns how many feeds it wrote.
    pub fn render(self, cx: &Context, out: &mut Publisher) -> Result<usize> {
        let Context { archive, trends, feeds, config, emerging, chart_formats } = *cx;
        match self {
            Output::Feeds => {
                for feed in feeds {
                    let rss_path = format!("feeds/{}.rss", feed.slug);
                    out.write(&rss_path, &rss::render_rss(feed, &rss_path, config)?)?;
                    let atom_path = format!("feeds/{}.atom", feed.slug);
                    out.write(&atom_path, &atom::render_atom(feed, &atom_path, config)?)?;
                }
                return Ok(feeds.len() * 2);
            }
            Output::Csv => {
                out.write("trends/trends.csv", &csv::trends_csv(trends)?)?;
                out.write("trends/trends-wide.csv", &csv::trends_wide_csv(trends)?)?;
                out.write("trends/by-issue.csv", &csv::by_issue_csv(archive, trends)?)?;
                out.write("trends/emerging.csv", &csv::emerging_csv(emerging)?)?;
                out.write("items.csv", &csv::items_csv(archive)?)?;
            }
            Output::Chart => charts::write_all(archive, trends, emerging, config, chart_formats, out)?,
            Output::Site => html::render_site(archive, feeds, config, out)?,
        }
        Ok(0)
    }
}
