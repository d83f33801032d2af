//! Parses arbitrary text as one issue file: the parser must return an issue,
//! `None` (a draft) or an error, and never panic. An issue it returns must be
//! publishable: no character XML forbids in any of its text (raw ones are
//! replaced up front, so escapes must not bring them back), and a date every
//! feed format can write (RFC 2822 and RFC 3339 take years 0000 to 9999).
#![no_main]

use std::path::Path;

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use trendfeed::config::Config;
use trendfeed::input::Reader;
use trendfeed::model::Issue;

thread_local! {
    // Built once: compiling the reader's regexes on every input would halve the speed.
    static READER: Reader<'static> = {
        let config: &'static Config = Box::leak(Box::new(Config::default()));
        Reader::new(config).expect("the default configuration is valid")
    };
}

fuzz_target!(|data: &[u8]| {
    READER.with(|reader| {
        // Valid UTF-8 as is; any other bytes as `String::from_utf8_lossy` reads them.
        let text = String::from_utf8_lossy(data);
        // A dated file name, so issues without a `date` key reach the body parser
        // too, and one without a date, for the errors.
        for name in ["2024-01-07-1.md", "fuzz.md"] {
            if let Ok(Some(issue)) = reader.parse_str(&text, Path::new(name)) {
                check_publishable(&issue);
            }
        }
    });
});

/// The characters `Reader::parse_str` replaces: XML 1.0 forbids them.
fn forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

fn check_publishable(issue: &Issue) {
    let check = |what: &str, text: &str| {
        if let Some(c) = text.chars().find(|&c| forbidden(c)) {
            panic!("{what} holds {c:?}, which no feed can carry: {text:?}");
        }
    };
    check("title", &issue.title);
    check("intro_html", &issue.intro_html);
    check("intro_text", &issue.intro_text);
    check("footer_html", &issue.footer_html);
    for section in &issue.sections {
        check("section name", &section.name);
        check("section canonical name", &section.canonical);
        check("section slug", &section.slug);
        for item in &section.items {
            check("item title line", item.title_line.as_deref().unwrap_or(""));
            check("item subsection", item.subsection.as_deref().unwrap_or(""));
            check("item text", &item.text);
            check("item html", &item.html);
            for link in &item.links {
                check("link url", &link.url);
                check("link text", &link.text);
            }
        }
    }
    // Feeds write the date in its own offset, so only that year matters.
    assert!(
        (0..=9999).contains(&issue.date.year()),
        "date {:?} has a year RFC 2822 and RFC 3339 cannot write",
        issue.date
    );
}
