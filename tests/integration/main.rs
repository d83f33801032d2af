//! Integration tests: the real binary on real archives.
//!
//! `samples`: the five DevOps Weekly issues: counts, trends, feeds, CSVs.
//! `ids`: entry ids survive edits to the archive.
//! `invalid`: bad input is reported with file and line and writes nothing.
//! `out_dir`: a build removes or replaces only the files it wrote in `out/`.
//! `cli`: the command line itself.
//! `csv_files`: the CSV files' keys, dates, ids and spreadsheet copies; the README's CSV examples.
//! `init`: the commented configuration `trendfeed init` writes.
//! `defaults`: without a configuration, settings come from the archive.
//! `trends`: trend measures counted by hand, charts, emerging terms.
//! `charts`: the SVG charts parsed back: light points, tooltips, markers, legends that fit.
//! `serve`: the preview server, over HTTP on a free local port.
//! `streaming`: the streamed build gives what a build of the whole archive would.
//! `window`: the emerging terms' recent window on an archive whose last year is sparse.
//! `promises`: README promises checked one by one, with figures worked out by hand.
//! `site`: archive, section pages, search index, sitemap, OpenGraph tags, the home page's feed table.
//! `incremental`: builds with the cache equal cold builds; what they parse and render again.
//! `header_cache`: the header pass's cache sees every edit and never trusts a damaged file.
//! `unchanged`: a build in which nothing changed writes nothing; any change makes it go the whole way.
//! `atomic`: builds stopped at chosen points of the rename phase leave old or new files only.

mod archives;
mod atomic;
mod charts;
mod check;
mod cli;
mod csv_files;
mod defaults;
mod dialects;
mod explore;
mod feeds;
mod fuzz_regressions;
mod header_cache;
mod hostile;
mod ids;
mod incremental;
mod init;
mod invalid;
mod out_dir;
mod promises;
mod props;
mod samples;
mod serve;
mod site;
mod streaming;
mod stylesheets;
mod trends;
mod unchanged;
mod util;
mod window;
