//! Parsing one issue: `Reader::parse_str` on a sample (front matter, markdown
//! body, items, links, footer detection), and the floor under it:
//! pulldown-cmark alone turning the same text into HTML.
//!
//! `cargo bench --bench parse`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use trendfeed::config::Config;
use trendfeed::input::Reader;

const SAMPLE: &str = "issues/2015-11-22-255.md";

fn parse_sample(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE);
    let text = std::fs::read_to_string(&path).expect("the sample issue is readable");
    let config = Config::default();
    let reader = Reader::new(&config).expect("the default configuration compiles");
    // Fail loudly rather than benchmark an error path.
    let issue = reader.parse_str(&text, &path).expect("the sample parses").expect("the sample is not a draft");
    assert!(issue.sections.len() >= 4, "the sample has Sponsor, Sponsored, News and Tools");

    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse_str/2015-11-22-255", |b| b.iter(|| reader.parse_str(black_box(&text), &path)));
    let options = pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    group.bench_function("pulldown-cmark-html/2015-11-22-255", |b| {
        b.iter(|| {
            let mut html = String::with_capacity(text.len());
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(black_box(&text), options));
            html
        })
    });
    group.finish();
}

criterion_group!(benches, parse_sample);
criterion_main!(benches);
