//! The charts read back as XML: light points on a generated archive whose
//! small months are known, the `<title>` of each point with its figures,
//! markers only where points are sparse, legends whole and inside the
//! image (text measured with DejaVu Sans, the font the charts ask for),
//! `chart_min_items` in the configuration and on the explore page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use crate::util::{Project, stderr};

/// An element of an SVG: its name, attributes, text, and its parent's index.
#[derive(Debug)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    text: String,
    parent: Option<usize>,
}

/// Every element of an SVG, in document order.
fn parse_svg(text: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(text);
    let (mut elements, mut stack): (Vec<Element>, Vec<usize>) = (Vec::new(), Vec::new());
    loop {
        let event = reader.read_event().unwrap_or_else(|e| panic!("{e} at byte {}", reader.error_position()));
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let attributes = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        let value = a.normalized_value(quick_xml::XmlVersion::default()).unwrap().into_owned();
                        (a.key.0.to_owned(), value)
                    })
                    .collect();
                let name = e.name().0.to_owned();
                elements.push(Element { name, attributes, text: String::new(), parent: stack.last().copied() });
                if matches!(event, Event::Start(_)) {
                    stack.push(elements.len() - 1);
                }
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Text(t) => {
                if let Some(&top) = stack.last() {
                    elements[top].text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let entity = match &*r.xml10_content() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    other => panic!("entity {other}"),
                };
                if let Some(&top) = stack.last() {
                    elements[top].text.push_str(entity);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    elements
}

/// A point of a chart: its tooltip, whether it is light, whether drawn.
#[derive(Debug)]
struct Point {
    title: String,
    light: bool,
    shown: bool,
}

fn points(svg: &[Element]) -> Vec<Point> {
    svg.iter()
        .enumerate()
        .filter(|(_, e)| e.name == "circle" && e.attributes.get("class").is_some_and(|c| c.starts_with("point")))
        .map(|(i, e)| {
            let titles: Vec<&Element> = svg.iter().filter(|t| t.parent == Some(i) && t.name == "title").collect();
            assert_eq!(titles.len(), 1, "one <title> per point: {e:?}");
            let class = &e.attributes["class"];
            Point {
                title: titles[0].text.trim().to_owned(),
                light: class.split(' ').any(|c| c == "light"),
                shown: e.attributes.get("fill-opacity").map(String::as_str) != Some("0"),
            }
        })
        .collect()
}

/// The texts of an SVG, trimmed.
fn texts(svg: &[Element]) -> Vec<String> {
    svg.iter().filter(|e| e.name == "text").map(|e| e.text.trim().to_owned()).collect()
}

/// Width of `text` in DejaVu Sans at `size` pixels: the sum of the glyphs'
/// advances, read from the font file.
fn text_width(text: &str, size: f64) -> f64 {
    let face = ttf_parser::Face::parse(dejavu::sans::regular(), 0).unwrap();
    let bold = ttf_parser::Face::parse(dejavu::sans::bold(), 0).unwrap();
    let advance = |face: &ttf_parser::Face, c: char| {
        face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map_or(face.units_per_em(), u16::from)
    };
    // The wider of the two weights: titles are bold.
    let units: u32 = text.chars().map(|c| u32::from(advance(&face, c).max(advance(&bold, c)))).sum();
    f64::from(units) * size / f64::from(face.units_per_em())
}

/// Asserts that every horizontal text of `svg` lies within its width.
fn assert_texts_inside(name: &str, svg: &[Element]) {
    let width: f64 = svg[0].attributes["width"].parse().unwrap();
    for e in svg.iter().filter(|e| e.name == "text" && !e.attributes.contains_key("transform")) {
        let (text, x) = (e.text.trim(), e.attributes["x"].parse::<f64>().unwrap());
        let w = text_width(text, e.attributes["font-size"].parse().unwrap());
        let (left, right) = match e.attributes.get("text-anchor").map(String::as_str) {
            Some("middle") => (x - w / 2.0, x + w / 2.0),
            Some("end") => (x - w, x),
            _ => (x, x + w),
        };
        assert!(left >= 0.0 && right <= width, "{name}: `{text}` spans {left:.0}..{right:.0} of {width}");
    }
}

/// Months of the generated archive: (year, month, items, items about Rust).
/// 2020-01 to 2023-12, one issue a month, 40 items, except the small months
/// below; no issue in 2022-03 nor 2022-05, so 2022-04 stands alone.
fn months() -> Vec<(i32, u32, usize, usize)> {
    let small = BTreeMap::from([((2020, 3), 10), ((2021, 6), 29), ((2022, 11), 30), ((2023, 12), 5), ((2022, 4), 12)]);
    let mut months = Vec::new();
    for year in 2020..=2023 {
        for month in 1..=12u32 {
            if year == 2022 && (month == 3 || month == 5) {
                continue;
            }
            let items = small.get(&(year, month)).copied().unwrap_or(40);
            let rust = (month as usize + year as usize) % 5;
            months.push((year, month, items, rust.min(items)));
        }
    }
    months
}

/// The generated archive, with `config` as its `trendfeed.toml`.
fn generated(config: &str) -> Project {
    let project = Project::empty();
    std::fs::create_dir_all(project.issues()).unwrap();
    for (n, (year, month, items, rust)) in months().into_iter().enumerate() {
        let mut body = format!("---\ntitle: Generated Weekly {n}\ndate: {year}-{month:02}-10\n---\n\nNews\n====\n\n");
        for i in 0..items {
            let about = if i < rust { "rust" } else { "tooling" };
            body.push_str(&format!("- Item {i} of issue {n} is about {about} number {}.\n", n * 100 + i));
        }
        project.write_issue(&format!("{year}-{month:02}-10-{n}.md"), body);
    }
    let topics = "[[topics]]\nname = \"Rust\"\nterms = [\"rust\"]\n\n[[topics]]\n\
                  name = \"A topic whose name is very long indeed, far too long to stand beside another one in the legend\"\n\
                  terms = [\"zebra\"]\n";
    std::fs::write(project.path().join("trendfeed.toml"), format!("title = \"Generated Weekly\"\n{config}\n{topics}"))
        .unwrap();
    project
}

/// Every chart of a build, by file name.
fn all_svgs(project: &Project) -> Vec<(String, Vec<Element>)> {
    let mut svgs = Vec::new();
    for entry in std::fs::read_dir(project.out().join("trends")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "svg") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            svgs.push((name, parse_svg(&std::fs::read_to_string(&path).unwrap())));
        }
    }
    svgs.sort_by(|a, b| a.0.cmp(&b.0));
    svgs
}

fn svg_of(project: &Project, name: &str) -> Vec<Element> {
    parse_svg(&project.read_out(&format!("trends/{name}.svg")))
}

#[test]
fn light_points_are_the_months_under_the_minimum_with_their_figures() {
    let project = generated("");
    project.build();
    let expected_light: BTreeSet<String> =
        months().iter().filter(|m| m.2 < 30).map(|(y, m, _, _)| format!("{y}-{m:02}")).collect();
    assert_eq!(expected_light.len(), 4, "2020-03, 2021-06, 2022-04, 2023-12 (2022-11 has exactly 30)");
    let svg = svg_of(&project, "trends");
    let all = points(&svg);
    assert_eq!(all.len(), 2 * months().len(), "a point per topic and month");
    let rust: Vec<&Point> = all.iter().filter(|p| p.title.starts_with("Rust, ")).collect();
    let light: BTreeSet<String> = rust.iter().filter(|p| p.light).map(|p| p.title[6..13].to_owned()).collect();
    assert_eq!(light, expected_light);
    for (p, (year, month, items, about)) in rust.iter().zip(months()) {
        let share = about as f64 * 100.0 / items as f64;
        assert_eq!(p.title, format!("Rust, {year}-{month:02}: {about} of {items} items ({share:.1}%)"));
    }
    let texts = texts(&svg);
    assert!(texts.contains(&"Lighter: fewer than 30 items in the month".to_owned()), "{texts:?}");
    // The topic's own chart: the same points, with their mentions.
    let topic = points(&svg_of(&project, "trends-rust"));
    assert_eq!(topic.iter().filter(|p| p.light).count(), 4);
    assert_eq!(topic[2].title, "Rust, 2020-03: 3 of 10 items (30.0%), 3 mentions");
}

#[test]
fn markers_only_where_points_are_sparse() {
    let project = generated("");
    project.build();
    // 46 months: dense, so only 2022-04 (no issue in the months around it) is marked.
    for name in ["trends", "trends-rust"] {
        let svg = svg_of(&project, name);
        let shown: Vec<String> =
            points(&svg).iter().filter(|p| p.shown && p.title.starts_with("Rust")).map(|p| p.title.clone()).collect();
        assert_eq!(shown.len(), 1, "{name}: {shown:?}");
        assert!(shown[0].starts_with("Rust, 2022-04: "), "{name}: {shown:?}");
    }
    // 16 quarters: sparse, every point marked.
    let output = project.run(&["build", "--period", "quarter"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let points = points(&svg_of(&project, "trends"));
    assert_eq!(points.len(), 2 * 16);
    assert!(points.iter().all(|p| p.shown && !p.light), "no quarter holds fewer than 30 items");
}

#[test]
fn no_light_point_with_a_minimum_of_zero_and_the_explore_page_agrees() {
    let project = generated("chart_min_items = 0");
    project.build();
    for (name, svg) in all_svgs(&project) {
        assert!(points(&svg).iter().all(|p| !p.light), "{name}");
        assert!(!texts(&svg).iter().any(|t| t.starts_with("Lighter")), "{name}");
    }
    let explore = project.read_out("explore.html");
    assert!(explore.contains(r#"data-low="0""#) && !explore.contains("Lighter columns"), "{explore}");
    let project = generated("chart_min_items = 12");
    project.build();
    let light: Vec<String> =
        points(&svg_of(&project, "trends")).into_iter().filter(|p| p.light).map(|p| p.title).collect();
    assert_eq!(light.len(), 2 * 2, "2020-03 and 2023-12, for both topics: {light:?}");
    let explore = project.read_out("explore.html");
    assert!(explore.contains(r#"data-low="12""#) && explore.contains("fewer than 12 items"), "{explore}");
}

#[test]
fn legends_are_whole_and_inside_the_chart() {
    let project = generated("");
    project.build();
    let long = "A topic whose name is very long indeed, far too long to stand beside another one in the legend";
    for (name, svg) in all_svgs(&project) {
        let name = name.trim_end_matches(".svg");
        assert_texts_inside(name, &svg);
        let texts = texts(&svg);
        assert!(!texts.iter().any(|t| t.contains('…')), "{name}: {texts:?}");
        if name == "trends" || name == "topics-by-year" {
            assert!(texts.join(" ").contains(long), "{name}: the long name, whole (maybe wrapped): {texts:?}");
            assert!(texts.contains(&"Rust".to_owned()), "{name}: {texts:?}");
        }
    }
    let samples = Project::samples();
    samples.build();
    for name in ["trends", "topics-by-year", "trends-docker", "trends-kubernetes", "trends-unikernels", "emerging"] {
        let svg = svg_of(&samples, name);
        assert_texts_inside(name, &svg);
        assert!(!texts(&svg).iter().any(|t| t.contains('…')), "{name}");
    }
    // The samples: 5 issues of 12 to 17 items, one a month: every point is light.
    let points = points(&svg_of(&samples, "trends"));
    assert_eq!(points.len(), 3 * 5);
    assert!(points.iter().all(|p| p.light && p.shown), "{points:?}");
    assert!(points.iter().any(|p| p.title == "Kubernetes, 2017-08: 2 of 12 items (16.7%)"), "{points:?}");
}

/// The real archives' charts, emerging terms included: every text inside,
/// none cut.
#[test]
fn real_archives_legends_fit() {
    let archives = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/archives");
    let archive = archives.join("rust-osdev-this-month");
    if !archive.is_dir() {
        eprintln!("skipped: {} is absent", archive.display());
        return;
    }
    let project = Project::from_dir(&archive);
    let output = project.run(&["build", "--skip-invalid"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let svgs = all_svgs(&project);
    assert!(svgs.len() >= 4, "{}", svgs.len());
    for (name, svg) in svgs {
        assert_texts_inside(&name, &svg);
        assert!(!texts(&svg).iter().any(|t| t.contains('…')), "{name}: {:?}", texts(&svg));
    }
}

#[test]
fn a_bad_minimum_is_reported_with_file_and_line() {
    let project = generated("\nchart_min_items = -5");
    let output = project.run(&["build"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("trendfeed.toml:3: chart_min_items must be a whole number of items, 0 or more"),
        "{message}"
    );
    assert!(!project.out().exists(), "nothing written");
}
