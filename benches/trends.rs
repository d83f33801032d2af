//! Trend counting over a generated 1,000-issue archive held in memory:
//! `trends::count` (all issues, by month), `trends::count_issue` (one) and
//! `trends::emerging::find`.
//!
//! The issues come from the corpus generator (`examples/gen_corpus.rs`, the
//! same text `gen_corpus 1000 DIR` writes) and are parsed with
//! `Reader::parse_str`, so no file is read and setup does not depend on how
//! `input::load_dir` lists folders.
//!
//! `cargo bench --bench trends`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use trendfeed::config::Config;
use trendfeed::input::Reader;
use trendfeed::model::Archive;
use trendfeed::trends::{self, Matcher, Period};

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

const ISSUES: usize = 1000;

fn archive(config: &Config) -> Archive {
    let reader = Reader::new(config).expect("the default configuration compiles");
    let issues = (0..ISSUES)
        .map(|index| {
            let (name, text) = gen_corpus::issue(index, ISSUES, gen_corpus::DEFAULT_SEED);
            match reader.parse_str(&text, Path::new(&name)) {
                Ok(Some(issue)) => issue,
                Ok(None) => panic!("{name} is a draft"),
                Err(error) => panic!("{name} does not parse: {error}"),
            }
        })
        .collect();
    // Generated oldest first, one week apart: already in archive order.
    Archive { issues }
}

fn count(c: &mut Criterion) {
    let config = Config::default();
    let archive = archive(&config);
    let text_bytes: usize = archive
        .issues
        .iter()
        .flat_map(|i| i.items())
        .flat_map(|(_, item)| trendfeed::trends::text::item_texts(item, config.count_link_texts))
        .map(|text| text.len())
        .sum();

    let mut group = c.benchmark_group("trends");
    group.throughput(Throughput::Bytes(text_bytes as u64));
    group.bench_function("count/1000-issues/month", |b| {
        b.iter(|| trends::count(black_box(&archive), &config, Period::Month).expect("valid topics"))
    });

    group.bench_function("emerging/1000-issues", |b| {
        b.iter(|| trends::emerging::find(black_box(&archive), &config, trends::emerging::Options::default()))
    });
    group.finish();

    let matcher = Matcher::new(&config.topics).expect("valid topics");
    let issue = &archive.issues[ISSUES * 3 / 4];
    c.bench_function("trends/count_issue/one-issue", |b| {
        b.iter(|| trends::count_issue(black_box(issue), &matcher, &config))
    });
}

criterion_group!(benches, count);
criterion_main!(benches);
