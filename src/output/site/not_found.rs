//! `404.html`: the page a host shows for an address that does not exist
//! (GitHub Pages, Netlify and Cloudflare Pages pick it up by its name). It
//! may be shown at any depth, so with a published `base_url` its links
//! resolve against it (`<base href>`); without, they are relative to `out/`.

use anyhow::Result;
use minijinja::context;

use super::meta;
use crate::fs::Publisher;
use crate::output::html::Site;

/// The page's path below `out/`.
pub const PATH: &str = crate::output::html::NOT_FOUND;

/// Writes `404.html`.
pub fn write(site: &Site, out: &Publisher) -> Result<()> {
    let config = site.config();
    let description = format!("This page is not part of {}.", config.title);
    let base = (!config.is_local()).then_some(config.base_url.as_str());
    let page = site.render(
        PATH,
        context! {
            site => site.site(),
            page => meta(config, PATH, "Page not found", &description, "website"),
            base,
        },
    )?;
    out.write(PATH, page.as_bytes())
}
