//! `explore.html`: type any term and see its share of items per month,
//! quarter or year, from the term index ([`crate::trends::index`]) written
//! beside it as `explore/index.js`, and the counted texts as
//! `explore/text-<n>.js` (loaded on demand: for phrases the index lacks and
//! for the items behind a point). Every data file is a script that hands
//! its data to the page (`TF.index(…)`, `TF.text(n, …)`), so the page works
//! from `file://` with no server. The chart is uPlot (MIT, vendored in
//! `templates/vendor/`).

use anyhow::{Context as _, Result};
use minijinja::{Environment, context};

use super::charts::{self, Chart, Format};
use crate::config::Config;
use crate::fs::Publisher;
use crate::trends::index::tokens::query_key;
use crate::trends::index::{ExploreIndex, Postings, TextChunk, month_number};

/// Bytes of ids the index keeps; the terms with most ids beyond it keep
/// counts per month instead (4 MB: about 1.5 MB gzipped).
pub const ID_BUDGET: usize = 4 << 20;

/// Writes `explore.html`, its script, style and chart library, and
/// `explore/index.js`.
pub fn write(index: &ExploreIndex, config: &Config, out: &Publisher) -> Result<()> {
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
    out.write("explore/index.js", index_js(index)?.as_bytes())
}

/// The terms the page shows first: up to three of the configured topics'
/// names that the index holds (so the first chart needs no search of the
/// texts), else the three words in most items.
fn default_query(index: &ExploreIndex, config: &Config) -> Vec<String> {
    let held = |key: &str| index.terms.binary_search_by(|(k, _)| k.as_str().cmp(key)).is_ok();
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
            index.terms.iter().filter(|(k, _)| !k.contains(' ')).map(|(k, p)| (p.count(), k.as_str())).collect();
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
fn index_js(index: &ExploreIndex) -> Result<String> {
    let issues: Vec<serde_json::Value> = index
        .issues
        .iter()
        .map(|i| serde_json::json!([i.key, i.title, i.date.format("%Y-%m-%d").to_string(), i.first, i.items]))
        .collect();
    let origin = index.issues.first().map_or(0, |i| month_number(i.date));
    let (mut terms, mut ids, mut mterms, mut months) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (key, postings) in &index.terms {
        match postings {
            Postings::Ids { bytes, .. } => {
                terms.push(key.as_str());
                ids.push(String::from_utf8_lossy(bytes).into_owned());
            }
            Postings::Months { months: counts, .. } => {
                mterms.push(key.as_str());
                let mut last = origin;
                let pairs: Vec<String> = counts
                    .iter()
                    .map(|&(m, n)| {
                        let gap = m - last;
                        last = m;
                        format!("{gap},{n}")
                    })
                    .collect();
                months.push(pairs.join(","));
            }
        }
    }
    let data = serde_json::json!({
        "version": 1,
        "min": index.min_items,
        "items": index.items,
        "origin": origin,
        "issues": issues,
        "chunks": index.chunks,
        "terms": terms.join("\n"),
        "ids": ids.join("\n"),
        "mterms": mterms.join("\n"),
        "months": months.join("\n"),
    });
    Ok(format!("TF.index({});\n", serde_json::to_string(&data)?))
}
