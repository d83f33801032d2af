//! Renderers: each takes the model (and the trend table) and writes its own
//! files through the [`Publisher`]. None of them reads input.

pub mod atom;
pub mod charts;
pub mod csv;
pub mod explore;
pub mod feeds;
pub mod html;
pub mod json;
pub mod rss;
pub mod site;
pub mod table;
pub mod trends_json;

use anyhow::Result;
use rayon::prelude::*;

use crate::config::Config;
use crate::fs::Publisher;
use crate::trends::Trends;
use crate::trends::emerging::Emerging;

/// What a renderer gets.
pub struct Context<'a> {
    pub trends: &'a Trends,
    /// Built once by [`feeds::build_feeds`]: written as feeds, listed on the home page.
    pub feeds: &'a [feeds::Feed],
    pub config: &'a Config,
    /// Emerging terms: `trends/emerging.csv` and `emerging.svg`.
    pub emerging: &'a Emerging,
    /// The formats charts are written in: SVG, and PNG with `--png`.
    pub chart_formats: &'a [charts::Format],
    /// The newest issues, oldest first, for the home page.
    pub latest: &'a [html::IssueLink],
    pub total_issues: usize,
    /// What the renderers had to change to fit (feeds over their byte
    /// budget), for the build to say.
    pub notes: &'a std::sync::Mutex<Vec<String>>,
    /// What the site's pages list: every issue, the sections, the search index's items.
    pub site: &'a site::SiteArchive,
    /// The entries each feed's files hold (by path), written by [`Output::Feeds`]
    /// for the home page's feed table.
    pub shown: &'a std::sync::Mutex<std::collections::BTreeMap<String, usize>>,
}

/// The outputs of a build, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// `feeds/<slug>.rss` and `.atom` per section, `feeds/all.*` per issue.
    Feeds,
    /// `trends/trends.csv`, `trends-wide.csv`, `trends-wide-share.csv`,
    /// `emerging.csv`, and their copies in `spreadsheet/` (`items.csv` and
    /// `trends/by-issue.csv` are written issue by issue, by the build).
    Csv,
    /// `trends/trends.svg`, `trends-<topic>.svg`, `topics-by-year.svg`, `emerging.svg` (and `.png`).
    Chart,
    /// `index.html`, `archive.html`, `sections/<slug>.html`, `search.html`,
    /// `404.html`, `sitemap.xml`, `style.css`, `favicon.svg` (the issue
    /// pages are written issue by issue, and the search index, by the build). Written
    /// after the feeds, whose entry counts the home page shows.
    Site,
}

/// Renders every output into `out`, the site's pages last; returns how
/// many feed files were written.
pub fn render_all(cx: &Context, out: &Publisher) -> Result<usize> {
    let first = [Output::Feeds, Output::Csv, Output::Chart];
    let feed_files = first.par_iter().map(|output| output.render(cx, out)).sum::<Result<usize>>()?;
    Output::Site.render(cx, out)?;
    Ok(feed_files)
}

impl Output {
    pub const ALL: [Output; 4] = [Output::Feeds, Output::Csv, Output::Chart, Output::Site];

    /// Renders this output into `out`; returns how many feeds it wrote.
    /// Outputs may render at once, on different threads.
    pub fn render(self, cx: &Context, out: &Publisher) -> Result<usize> {
        let Context { trends, feeds, config, emerging, chart_formats, notes, .. } = *cx;
        match self {
            Output::Feeds => {
                out.write("feeds/feed.xsl", include_bytes!("../../templates/feed.xsl"))?;
                out.write("feeds/feed.css", include_bytes!("../../templates/feed.css"))?;
                feeds.par_iter().try_for_each(|feed| {
                    let ([rss, atom, json], note, entries) = render_feed_files(feed, config)?;
                    if let Some(note) = note {
                        notes.lock().unwrap_or_else(|e| e.into_inner()).push(note);
                    }
                    cx.shown.lock().unwrap_or_else(|e| e.into_inner()).insert(feed.path.clone(), entries);
                    out.write(&format!("{}.rss", feed.path), &rss)?;
                    out.write(&format!("{}.atom", feed.path), &atom)?;
                    out.write(&format!("{}.json", feed.path), &json)
                })?;
                return Ok(feeds.len() * 3);
            }
            Output::Csv => {
                csv::write_trends(trends, out)?;
                csv::write_emerging(emerging, out)?;
            }
            Output::Chart => charts::write_all(trends, emerging, config, chart_formats, out)?,
            Output::Site => site::write_all(cx, out)?,
        }
        Ok(0)
    }
}

/// A feed as RSS, Atom and JSON Feed, each under `feed_max_bytes`: when one
/// is too large, whole issues larger than their share of the budget are
/// shown as their outline; if that is not enough, entries too big for a
/// quarter of the budget are cut to an excerpt, then the oldest entries are
/// dropped from all three alike. The note says what had to change; the
/// number is the entries the files hold.
fn render_feed_files(feed: &feeds::Feed, config: &Config) -> Result<([Vec<u8>; 3], Option<String>, usize)> {
    let render = |feed: &feeds::Feed| -> Result<[Vec<u8>; 3]> {
        let folder = feeds_folder(&feed.path);
        Ok([
            with_stylesheets(rss::render_rss(feed, config)?, &folder),
            with_stylesheets(atom::render_atom(feed, config)?, &folder),
            json::render_json(feed, config)?,
        ])
    };
    let fits = |files: &[Vec<u8>; 3]| files.iter().all(|f| f.len() <= config.feed_max_bytes);
    let all = render(feed)?;
    let count = feed.entries.len();
    if fits(&all) {
        return Ok((all, None, count));
    }
    let budget = config.feed_max_bytes;
    let outlined = feed.with_outlines(budget);
    let (feed, outlines) = match &outlined {
        Some((outlined, n)) => (outlined, *n),
        None => (feed, 0),
    };
    let shown_as = format!("{outlines} of {} entries shown as their outline", feed.entries.len());
    if outlines > 0 {
        let files = render(feed)?;
        if fits(&files) {
            return Ok((files, Some(format!("{}: {shown_as} to fit feed_max_bytes ({budget})", feed.path)), count));
        }
    }
    let feed = &feed.with_excerpts(budget);
    let files = render(feed)?;
    if fits(&files) {
        let cut = if outlines > 0 { format!("{shown_as}, ") } else { String::new() };
        return Ok((
            files,
            Some(format!("{}: {cut}the largest entries cut to an excerpt to fit feed_max_bytes ({budget})", feed.path)),
            count,
        ));
    }
    // Binary search for the most entries that fit; zero entries always "fit".
    let (mut lo, mut hi) = (0, feed.entries.len());
    while lo + 1 < hi {
        let mid = (lo + hi) / 2;
        if fits(&render(&feed.truncated(mid))?) { lo = mid } else { hi = mid }
    }
    let kept = format!("the newest {lo} of {} entries kept", feed.entries.len());
    let note = if outlines > 0 { format!("{shown_as}, {kept}") } else { kept };
    Ok((render(&feed.truncated(lo))?, Some(format!("{}: {note} to fit feed_max_bytes ({budget})", feed.path)), lo))
}

/// The `feeds/` folder relative to a feed at `path` (`feeds/news`: empty,
/// `feeds/topics/docker`: `../`), where the stylesheets are.
fn feeds_folder(path: &str) -> String {
    "../".repeat(path.matches('/').count().saturating_sub(1))
}

/// Adds two `<?xml-stylesheet?>` after the XML declaration, so a browser
/// shows the feed as a page: `feed.xsl` (XSLT 1.0: a page with clickable
/// entries), then `feed.css` (the raw feed styled), which browsers use only
/// when they do not run XSLT. Relative hrefs: XSLT must come from the
/// feed's own origin. Feed readers ignore both.
fn with_stylesheets(xml: Vec<u8>, folder: &str) -> Vec<u8> {
    let pi = format!(
        "<?xml-stylesheet type=\"text/xsl\" href=\"{folder}feed.xsl\"?>\n\
         <?xml-stylesheet type=\"text/css\" href=\"{folder}feed.css\"?>\n"
    );
    match xml.windows(2).position(|w| w == b"?>") {
        Some(end) => {
            let at = end + 2 + usize::from(xml.get(end + 2) == Some(&b'\n'));
            [&xml[..at], pi.as_bytes(), &xml[at..]].concat()
        }
        None => [pi.as_bytes(), &xml].concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_go_after_the_declaration_xsl_first() {
        let xml = with_stylesheets(b"<?xml version=\"1.0\"?>\n<feed/>\n".to_vec(), "../");
        assert_eq!(
            String::from_utf8(xml).unwrap(),
            "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"../feed.xsl\"?>\n\
             <?xml-stylesheet type=\"text/css\" href=\"../feed.css\"?>\n<feed/>\n"
        );
        assert_eq!(feeds_folder("feeds/news"), "");
        assert_eq!(feeds_folder("feeds/topics/docker"), "../");
    }
}
