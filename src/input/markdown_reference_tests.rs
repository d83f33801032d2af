//! Tests of [`super`]: the fast paths against the straightforward code they
//! replace, on every sample, fixture and fuzz input and on tricky snippets.

use std::collections::HashSet;

use regex::Regex;

use super::*;
use crate::input::collapse::CLOSING_PUNCTUATION;
use crate::input::footer::MIN_REPEAT_WORDS;
use crate::model::Link;
use pulldown_cmark::TagEnd;

/// The markdown of every sample issue, fixture and fuzz input, and snippets
/// with raw HTML, script links, relative links, autolinks, entities, images,
/// odd whitespace and long lines.
fn inputs() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in ["issues", "tests/fixtures", "fuzz/corpus"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                texts.push(String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned());
            }
        }
    }
    let long = "word ".repeat(150);
    texts.extend(
        [
            "News\n====\n\nA post <script>alert(1)</script> with <b onclick=\"x()\">bold</b>.\n[click](javascript:alert(1)) [rel](/archive/1)\n",
            "## News\n\n<https://auto.example/> and <mailto:a@b.example> &amp; &copy; &#12; &nbsp;x\n\n![img](/i.png \"t\")\n",
            "# T\n\n\u{a0}Non\u{2003}breaking\u{3000}spaces\u{85}and\u{1680}more\u{2028}\u{202f} \t\x0b\x0c\r\n",
            "# T\n\n  lead  and   trail  \nnext   line\\\nhard break  \nsoft\n\n* [a  b](http://a.example/)  \n* x [http://b.example/](http://b.example/) y\n",
            "# T\n\n[`code  span`](http://c.example/) *em  ph* **str** ~~del~~ `a  b`\n\n| a | b |\n|---|---|\n| [x](y) | z |\n",
            "# T\n\n[outer [inner](http://i.example/) text](http://o.example/)\n[](http://empty.example/) [ ](  )\n",
            "# T\n\nCafé’s naïve coöperation — “quotes” …\nİstanbul ΣΑΣ straße\n\nhttps://bare.example/x\nwww.example.com\n",
        ]
        .map(str::to_owned),
    );
    texts.push(format!("# T\n\n{long}\n{long}\n\n[{long}](http://l.example/)\n\n{}\n", "é ".repeat(120)));
    texts
}

/// `plain` as it was: gathers all the text, then collapses it.
fn plain_reference(events: &[Ev]) -> (String, Vec<Link>) {
    let reference_collapse = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut text = String::new();
    let mut links: Vec<Link> = Vec::new();
    let mut link: Option<(String, String, usize)> = None;
    let mut after_url = false;
    for (event, range) in events {
        if std::mem::take(&mut after_url)
            && link.is_none()
            && matches!(event, Event::Text(t) if t.starts_with(CLOSING_PUNCTUATION))
        {
            text.truncate(text.trim_end().len());
        }
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), String::new(), range.start)),
            Event::End(TagEnd::Link) => {
                if let Some((url, link_text, offset)) = link.take() {
                    let link_text = reference_collapse(&link_text);
                    after_url = is_url_text(&link_text, &url);
                    if !after_url {
                        text.push_str(&link_text);
                    }
                    if !url.trim().is_empty() {
                        links.push(Link { url: url.trim().to_owned(), text: link_text, line: offset });
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut link {
                Some((_, link_text, _)) => link_text.push_str(t),
                None => text.push_str(t),
            },
            Event::SoftBreak | Event::HardBreak | Event::End(_) => match &mut link {
                Some((_, link_text, _)) => link_text.push(' '),
                None => text.push(' '),
            },
            Event::Start(tag) if starts_block(tag) => match &mut link {
                Some((_, link_text, _)) => link_text.push(' '),
                None => text.push(' '),
            },
            _ => {}
        }
    }
    (reference_collapse(&text), links)
}

/// Every run of events to compare on: each block, each line of each
/// paragraph, and every prefix of a paragraph's events.
fn event_runs<'e, 'a>(blocks: &'e [Block<'a>]) -> Vec<&'e [Ev<'a>]> {
    let mut runs = Vec::new();
    for block in blocks {
        runs.push(&block.events[..]);
        if block.kind == Kind::Paragraph {
            let inner = &block.events[1..block.events.len() - 1];
            runs.extend(split_lines(inner).into_iter().map(|line| line.events));
            runs.extend((0..inner.len()).map(|end| &inner[..end]));
        }
    }
    runs
}

#[test]
fn plain_matches_the_reference_on_every_input() {
    for text in inputs() {
        let blocks = top_level_blocks(&text);
        for events in event_runs(&blocks) {
            let (want_text, want_links) = plain_reference(events);
            assert_eq!(plain(events), (want_text.clone(), want_links), "{events:?}");
            assert_eq!(plain_text(events), want_text);
            let chars = want_text.chars().count();
            for limit in [0, 1, 2, 7, 99, 100, 101, chars.saturating_sub(1), chars, chars + 1] {
                let want = (chars <= limit).then(|| want_text.clone());
                assert_eq!(plain_text_within(events, limit), want, "limit {limit}: {events:?}");
            }
        }
    }
}

/// `find_footer` as it was.
fn find_footer_reference(blocks: &[Block], last_section: usize, patterns: &[Regex]) -> usize {
    let prose = |events: &[Ev]| -> Vec<String> {
        split_lines(&events[1..events.len() - 1])
            .into_iter()
            .filter(|line| !line.links_only)
            .map(|line| plain_reference(line.events).0.to_lowercase())
            .filter(|text| !text.is_empty())
            .collect()
    };
    let earlier: HashSet<String> = blocks[..last_section]
        .iter()
        .filter(|b| b.kind == Kind::Paragraph)
        .flat_map(|b| prose(&b.events))
        .filter(|l| l.split(' ').count() >= MIN_REPEAT_WORDS)
        .collect();
    let is_footer = |line: &String| earlier.contains(line) || patterns.iter().any(|p| p.is_match(line));
    let start = last_section + 1;
    blocks[start.min(blocks.len())..]
        .iter()
        .position(|b| b.kind == Kind::Paragraph && prose(&b.events).iter().any(is_footer))
        .map_or(blocks.len(), |i| start + i)
}

#[test]
fn find_footer_matches_the_reference_on_every_input() {
    let patterns = [Regex::new(r"(?i)\bunsubscribe\b").unwrap()];
    let set = RegexSet::new([r"(?i)\bunsubscribe\b"]).unwrap();
    let sponsor = "Weekly is sponsored by Example Cloud, the cloud for you.";
    let mut texts = inputs();
    texts.push(format!(
        "# A\n\n{sponsor}\n\nİSTANBUL is a city of MANY words\n\n# B\n\nİstanbul is a city of many words\n\n{}\n\nOne two three\n\nOne two three\n",
        sponsor.to_uppercase()
    ));
    for text in texts {
        let blocks = top_level_blocks(&text);
        for last_section in 0..blocks.len().min(60) {
            assert_eq!(
                find_footer(&blocks, last_section, &set),
                find_footer_reference(&blocks, last_section, &patterns),
                "last section {last_section} of {text:?}"
            );
        }
    }
}
