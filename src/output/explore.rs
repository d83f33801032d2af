//! `explore.html`: type any term and see its share of items per month,
//! quarter or year, from the term index ([`crate::trends::index`]) written
//! beside it as `explore/index.js`, and the counted texts as
//! `explore/text-<n>.js` (loaded on demand: for phrases the index lacks and
//! for the items behind a point). Every data file is a script that hands
//! its data to the page (`TF.index(…)`, `TF.text(n, …)`), so the page works
//! from `file://` with no server. The chart is uPlot (MIT, vendored in
//! `templates/vendor/`).

use std::fmt::{self, Display};
use std::io::Write as _;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use minijinja::{Environment, context};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::charts::{self, Chart, Format};
use crate::config::Config;
use crate::fs::Publisher;
use crate::trends::index::tokens::query_key;
use crate::trends::index::{ExploreIndex, IndexedIssue, MonthCounts, Postings, TextChunk, month_number};

/// Bytes of ids the index keeps; the terms with most ids beyond it keep
/// counts per month instead (4 MB: about 1.5 MB gzipped).
pub const ID_BUDGET: usize = 4 << 20;
// The index keeps twice as many ids while it reads, so that the page's are
// chosen among the whole archive's largest.
const _: () = assert!(crate::trends::index::MAX_ID_BYTES >= 2 * ID_BUDGET);
/// Counts per month `explore/index.js` holds at most (about 5 bytes each):
/// past them, the keys in fewest items are left for the page to find in
/// the texts. Only an archive of many years and many items reaches it.
pub const MONTH_BUDGET: usize = 1 << 19;

/// Writes `explore.html`, its script, style and chart library, and
/// `explore/index.js`; `names` gives the key and title of an issue of the
/// archive order ([`IndexedIssue::at`]).
pub fn write<'a>(index: &ExploreIndex, names: Names<'a>, config: &Config, out: &Publisher) -> Result<()> {
    let mut env = Environment::new();
    env.add_template("explore.html", include_str!("../../templates/explore.html"))?;
    super::html::add_partials(&mut env)?;
    let description = format!("Any word or phrase of {}: its share of items per month, quarter or year.", config.title);
    let default_query = default_query(index, config);
    let first_chart = first_chart(index, &default_query, config)?;
    let page = env
        .get_template("explore.html")?
        .render(context! {
            site => context! { title => &config.title, description => &config.description },
            page => super::html::meta(config, "explore.html", "Explore", &description, "website"),
            default_query => default_query.join(", "),
            first_chart => first_chart,
            // Periods resting on fewer counted items are drawn lighter, with
            // their count, as the charts draw their points.
            low_items => config.chart_min_items,
            min_items => index.min_items,
        })
        .context("failed to render explore.html")?;
    out.write("explore.html", page.as_bytes())?;
    out.write("explore/explore.js", include_bytes!("../../templates/explore.js"))?;
    out.write("explore/explore.css", include_bytes!("../../templates/explore.css"))?;
    out.write("explore/uPlot.iife.min.js", include_bytes!("../../templates/vendor/uPlot.iife.min.js"))?;
    out.write("explore/uPlot.min.css", include_bytes!("../../templates/vendor/uPlot.min.css"))?;
    out.write("explore/uPlot-LICENSE.txt", include_bytes!("../../templates/vendor/uPlot-LICENSE"))?;
    write_index_js(index, names, out)
}

/// The key and title of issue `at` of the archive order.
pub type Names<'a> = &'a dyn Fn(u32) -> (&'a str, &'a str);

/// The terms the page shows first: up to three of the configured topics'
/// names that the index holds (so the first chart needs no search of the
/// texts), else the three words in most items.
fn default_query(index: &ExploreIndex, config: &Config) -> Vec<String> {
    let held = |key: &str| index.terms.contains_key(key);
    let mut terms: Vec<String> = Vec::new();
    for topic in &config.topics {
        if let Some(key) = query_key(&topic.name)
            && held(&key)
            && !terms.contains(&key)
            && terms.len() < 3
        {
            terms.push(key);
        }
    }
    if terms.is_empty() {
        let mut common: Vec<(u32, &str)> =
            index.terms.iter().filter(|(k, _)| !k.contains(' ')).map(|(k, p)| (p.count(), &**k)).collect();
        common.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        terms = common.into_iter().take(3).map(|(_, k)| k.to_owned()).collect();
    }
    terms
}

/// The chart of the page's first view, drawn at build time and written in
/// the page: it is on screen at the first paint, before any script has run,
/// and stays for readers without JavaScript. The page's script draws the
/// same figures over it, with hover and click.
fn first_chart(index: &ExploreIndex, terms: &[String], config: &Config) -> Result<String> {
    let trends = index.trends(terms);
    let svg = charts::render(Chart::Share(&trends), &charts::Options::new(config), Format::Svg)?;
    let svg = String::from_utf8(svg).context("a chart that is not UTF-8")?;
    let label = super::feeds::escape(&format!("Line chart: share of items holding {} per month", terms.join(", ")));
    Ok(svg.replacen("<svg ", &format!(r#"<svg role="img" aria-label="{label}" "#), 1))
}

/// Writes text chunks as `explore/text-<n>.js`.
pub fn write_chunks(chunks: Vec<TextChunk>, out: &Publisher) -> Result<()> {
    for chunk in chunks {
        let rows = chunk.rows.trim_end().trim_end_matches(',');
        let js = format!("TF.text({},[\n{rows}\n]);\n", chunk.number);
        out.write(&format!("explore/text-{}.js", chunk.number), js.as_bytes())?;
    }
    Ok(())
}

/// `TF.index({...})`: the issues (`[key, title, date, first item id,
/// items]`), the chunks' first item ids, and the keys: those with ids
/// (`terms`, `ids`: one line each, ids as in [`Postings::Ids`]) and those
/// with counts per month (`mterms`, `months`: `gap,count,…` with months
/// counted from the first issue's).
///
/// Written as it is serialized: the index is the largest file of a big
/// archive's build, and no copy of it is held.
fn write_index_js(index: &ExploreIndex, names: Names, out: &Publisher) -> Result<()> {
    let origin = index.issues.first().map_or(0, |i| month_number(i.date));
    let path = "explore/index.js";
    let mut file = out.stager().create(path, 1 << 16)?;
    let w = file.writer();
    w.write_all(b"TF.index(")
        .map_err(serde_json::Error::io)
        .and_then(|()| serde_json::to_writer(&mut *w, &IndexJs { index, terms: &index.sorted(), names, origin }))
        .and_then(|()| w.write_all(b");\n").map_err(serde_json::Error::io))
        .with_context(|| format!("failed to write `{path}`"))?;
    out.add(file.done()?)?;
    Ok(())
}

/// `explore/index.js`'s object, serialized from the index as it is.
struct IndexJs<'a, 'n> {
    index: &'a ExploreIndex,
    /// Its keys, sorted.
    terms: &'a [(&'a str, &'a Postings)],
    names: Names<'n>,
    /// The first issue's month.
    origin: i32,
}

impl Serialize for IndexJs<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let terms = &self.terms;
        let ids = || {
            terms.iter().filter_map(|&(k, p)| match p {
                Postings::Ids { bytes, .. } => Some((k, bytes)),
                Postings::Months { .. } => None,
            })
        };
        let months = || {
            terms.iter().filter_map(|&(k, p)| match p {
                Postings::Months { months, .. } => Some((k, months)),
                Postings::Ids { .. } => None,
            })
        };
        let origin = self.origin;
        // The keys in the order serde_json gives an object's (sorted).
        let mut o = s.serialize_struct("Index", 10)?;
        o.serialize_field("chunks", &self.index.chunks)?;
        o.serialize_field("ids", &Lines(|| ids().map(|(_, bytes)| String::from_utf8_lossy(bytes))))?;
        o.serialize_field("issues", &Issues(&self.index.issues, self.names))?;
        o.serialize_field("items", &self.index.items)?;
        o.serialize_field("min", &self.index.min_items)?;
        o.serialize_field("months", &Lines(|| months().map(|(_, counts)| Gaps { counts, origin })))?;
        o.serialize_field("mterms", &Lines(|| months().map(|(k, _)| k)))?;
        o.serialize_field("origin", &origin)?;
        o.serialize_field("terms", &Lines(|| ids().map(|(k, _)| k)))?;
        o.serialize_field("version", &1)?;
        o.end()
    }
}

/// What `F` gives, one a line, as one string, serialized without being
/// made.
struct Lines<F>(F);

impl<F, I> Display for Lines<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Display,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, line) in (self.0)().enumerate() {
            if n > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{line}")?;
        }
        Ok(())
    }
}

impl<F, I> Serialize for Lines<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Display,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A key's counts per month: `gap,count,…`, each month counted from the
/// one before (the first from `origin`).
struct Gaps<'a> {
    counts: &'a MonthCounts,
    origin: i32,
}

impl Display for Gaps<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut last = self.origin;
        for (n, (month, count)) in self.counts.iter().enumerate() {
            let sep = if n > 0 { "," } else { "" };
            write!(f, "{sep}{},{count}", month - last)?;
            last = month;
        }
        Ok(())
    }
}

/// The issues as `[key, title, date, first item id, items]`.
struct Issues<'a, 'n>(&'a [IndexedIssue], Names<'n>);

impl Serialize for Issues<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|i| {
            let (key, title) = (self.1)(i.at);
            (key, title, IsoDate(i.date), i.first, i.items)
        }))
    }
}

struct IsoDate(NaiveDate);

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}
