use super::*;
use crate::input::collapse::CLOSING_PUNCTUATION;
use crate::input::sanitize::{close_paragraphs_before_blocks, html};
use crate::model::Link;
use pulldown_cmark::TagEnd;
use regex::Regex;

fn parse(body: &str) -> Body {
    parse_with(body, "Weekly #7", Some(7))
}

fn parse_with(body: &str, title: &str, number: Option<u32>) -> Body {
    let patterns = RegexSet::new([r"(?i)\bunsubscribe\b"]).unwrap();
    let canonical = |name: &str| name.to_owned();
    let sanitizer = Sanitizer::new("https://site.example/").unwrap();
    let profile = Profile::default();
    let cx = BodyContext {
        title,
        number,
        footer_patterns: &patterns,
        canonical: &canonical,
        sanitizer: &sanitizer,
        profile: &profile,
    };
    parse_body(body, 1, &cx).unwrap()
}

fn counts(body: &Body) -> Vec<(String, usize)> {
    body.sections.iter().map(|s| (s.name.clone(), s.items.len())).collect()
}

#[test]
fn setext_sections_and_link_lines() {
    let body = parse(
        "Intro text.\n\nNews\n====\n\nFirst item prose.\n\n[http://a.example/1](http://a.example/1)\n\n\n\
         Second item.\n[http://b.example/](http://b.example/)\n<br>[http://c.example/](http://c.example/)\n\n\
         Tools\n=====\n\nA tool.\n\n[https://t.example](https://t.example)\n",
    );
    assert_eq!(counts(&body), [("News".into(), 2), ("Tools".into(), 1)]);
    assert_eq!(body.intro_text, "Intro text.");
    let second = &body.sections[0].items[1];
    assert_eq!(second.text, "Second item.");
    let urls: Vec<_> = second.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["http://b.example/", "http://c.example/"]);
    assert!(!second.html.contains("&lt;br"), "<br> is markup, not text: {}", second.html);
    assert_eq!(second.line, 11);
}

#[test]
fn prose_after_link_line_in_same_paragraph_starts_new_item() {
    let body = parse(
        "News\n====\n\nOne.\n[http://a.example/](http://a.example/)\nTwo.\n[http://b.example/](http://b.example/)\n",
    );
    let texts: Vec<_> = body.sections[0].items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["One.", "Two."]);
    assert!(body.sections[0].items[0].html.ends_with("</a></p>\n"), "{}", body.sections[0].items[0].html);
}

#[test]
fn several_prose_paragraphs_make_one_item() {
    let body = parse("News\n====\n\nPara one.\n\nPara two.\n\n[http://a.example/](http://a.example/)\n\nNext.\n");
    assert_eq!(counts(&body), [("News".into(), 2)]);
    assert_eq!(body.sections[0].items[0].text, "Para one. Para two.");
}

#[test]
fn short_first_line_is_the_title() {
    let body = parse(
        "Sponsored\n=====\n\n[Webinar] How to Build a Pipeline\n\nLearn a practical approach.\n\n\
         [http://ow.ly/x](http://ow.ly/x)\n",
    );
    let item = &body.sections[0].items[0];
    assert_eq!(item.title_line.as_deref(), Some("[Webinar] How to Build a Pipeline"));
    assert_eq!(item.text, "Learn a practical approach.");
    assert!(!item.html.contains("Webinar"), "{}", item.html);
}

#[test]
fn title_line_followed_by_a_line_in_the_same_paragraph() {
    let body =
        parse("CNCF\n====\n\nFree Webinar - Intro to CNI\nAugust 24, Online\n<br>[http://goo.gl/x](http://goo.gl/x)\n");
    let item = &body.sections[0].items[0];
    assert_eq!(item.title_line.as_deref(), Some("Free Webinar - Intro to CNI"));
    assert_eq!(item.text, "August 24, Online");
}

#[test]
fn wrapped_sentence_is_not_a_title() {
    let body = parse(
        "News\n====\n\nA long sentence that wraps\nonto the next line.\n\n[http://a.example/](http://a.example/)\n",
    );
    let item = &body.sections[0].items[0];
    assert_eq!(item.title_line, None);
    assert_eq!(item.title(), "A long sentence that wraps onto the next line.");
}

#[test]
fn lone_prose_line_is_text_not_title() {
    let body =
        parse("Jobs\n====\n\nApply to 6,000+ Companies with One Application\n\n[http://hrd.cm/x](http://hrd.cm/x)\n");
    let item = &body.sections[0].items[0];
    assert_eq!(item.title_line, None);
    assert_eq!(item.title(), "Apply to 6,000+ Companies with One Application");
}

#[test]
fn footer_starts_at_repeated_sponsor_text() {
    let sponsor = "Weekly is sponsored by Example Cloud, the cloud for you.";
    let body = parse(&format!(
        "Sponsor\n====\n\n{sponsor}\n\n[http://s.example/](http://s.example/)\n\nTools\n====\n\nA tool.\n\
         [http://t.example/](http://t.example/)\n\n\n{sponsor}\n[http://s.example/](http://s.example/)\n"
    ));
    assert_eq!(counts(&body), [("Sponsor".into(), 1), ("Tools".into(), 1)]);
    assert!(body.footer_html.contains("sponsored by Example Cloud"), "{}", body.footer_html);
}

#[test]
fn footer_starts_at_boilerplate_pattern() {
    let body = parse(
        "Tools\n====\n\nA tool.\n[http://t.example/](http://t.example/)\n\nTo unsubscribe, click [here](http://u.example/).\n",
    );
    assert_eq!(counts(&body), [("Tools".into(), 1)]);
    assert!(body.footer_html.contains("unsubscribe"));
}

#[test]
fn atx_sections_deeper_headings_are_subsections() {
    let body = parse(
        "## News\n\nOne [link](http://a.example/).\n\n### Rust\n\nTwo [link](http://b.example/).\n\n## Tools\n\nThree.\n",
    );
    assert_eq!(counts(&body), [("News".into(), 2), ("Tools".into(), 1)]);
    assert_eq!(body.sections[0].items[0].subsection, None);
    assert_eq!(body.sections[0].items[1].subsection.as_deref(), Some("Rust"));
}

#[test]
fn heading_repeating_the_title_is_not_a_section() {
    let body = parse_with(
        "# Issue 204 - 30th November\n\nIntro.\n\n## News\n\nA [x](http://x.example/).\n",
        "Issue 204",
        Some(204),
    );
    assert_eq!(counts(&body), [("News".into(), 1)]);
    assert_eq!(body.intro_text, "Intro.");
}

#[test]
fn bullets_are_items_and_link_only_bullet_takes_link_text() {
    let body = parse(
        "News\n====\n\n* [Rust 1.80 released](http://r.example/)\n* Some prose and [a link](http://p.example/)\n- <https://auto.example/>\n",
    );
    let items = &body.sections[0].items;
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].title(), "Rust 1.80 released");
    assert_eq!(items[0].text, "");
    assert_eq!(items[1].text, "Some prose and a link");
    assert_eq!(items[2].links[0].url, "https://auto.example/");
}

#[test]
fn link_only_list_after_prose_belongs_to_it() {
    let body = parse(
        "Tools\n====\n\nA tool with two homes.\n\n* [site](http://a.example/)\n* [code](http://b.example/)\n\nAnother tool.\n",
    );
    let items = &body.sections[0].items;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].links.len(), 2);
}

#[test]
fn bare_url_line_is_a_link() {
    let body = parse("News\n====\n\nA post.\nhttps://bare.example/post\n\nNext post.\n");
    let items = &body.sections[0].items;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].links[0].url, "https://bare.example/post");
    assert!(items[0].html.contains("href=\"https://bare.example/post\""), "{}", items[0].html);
    assert_eq!(items[0].text, "A post.");
}

#[test]
fn html_comments_are_not_content() {
    let body = parse(
        "News\n====\n\n<!-- editor note -->\n\nA post <!-- inline --> here.\n[http://a.example/](http://a.example/)\n",
    );
    let item = &body.sections[0].items[0];
    assert_eq!(body.sections[0].items.len(), 1);
    assert!(!item.html.contains("editor note") && !item.html.contains("inline"), "{}", item.html);
}

#[test]
fn no_heading_is_one_section_without_a_name() {
    let body = parse_with("First post.\n<https://a.example/>\n\nSecond post.\n<https://b.example/>\n", "t", None);
    assert_eq!(counts(&body), [(String::new(), 2)]);
    assert_eq!(body.sections[0].line, 1);
    assert!(!body.sections[0].feed && body.intro_html.is_empty());
}

#[test]
fn raw_html_and_script_urls_are_sanitised() {
    let body = parse(
        "News\n====\n\nA post <script>alert(1)</script> with <b onclick=\"x()\">bold</b>.\n\
         [click](javascript:alert(1)) [rel](/archive/1) [ok](https://ok.example/)\n",
    );
    let html = &body.sections[0].items[0].html;
    for bad in ["<script", "onclick", "javascript:"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(html.contains("<b>bold</b>"), "{html}");
    assert!(html.contains("href=\"https://site.example/archive/1\""), "relative URL resolved: {html}");
    assert!(html.contains("href=\"https://ok.example/\""), "{html}");
}

#[test]
fn plain_markdown_is_not_rewritten() {
    let body = parse("News\n====\n\nA & B < C.\n[https://a.example/?x=1&y=2](https://a.example/?x=1&y=2)\n");
    assert_eq!(
        body.sections[0].items[0].html,
        "<p>A &amp; B &lt; C.<br />\n<a href=\"https://a.example/?x=1&amp;y=2\">https://a.example/?x=1&amp;y=2</a></p>\n"
    );
}

fn urls(item: &crate::model::Item) -> Vec<&str> {
    item.links.iter().map(|l| l.url.as_str()).collect()
}

#[test]
fn paragraph_with_inline_links_is_one_item() {
    let body = parse(
        "## Events\n\nIf you are running a Rust event please add it to the [calendar] to get\n\
         it mentioned here. Please remember to add a link to the event too.\n\
         Email the [Rust Community Team][community] for access.\n\n\
         [calendar]: https://cal.example/\n[community]: mailto:team@example.org\n",
    );
    let items = &body.sections[0].items;
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0].text,
        "If you are running a Rust event please add it to the calendar to get it mentioned here. \
         Please remember to add a link to the event too. Email the Rust Community Team for access."
    );
    assert_eq!(urls(&items[0]), ["https://cal.example/", "mailto:team@example.org"]);
    assert_eq!(
        items[0].title(),
        "If you are running a Rust event please add it to the calendar to get it mentioned here."
    );
}

#[test]
fn link_line_inside_a_sentence_does_not_split_it() {
    let body = parse(
        "News\n====\n\nBecca Royal-Gordon pitched\n[a proposal](https://p.example/)\nfor a NIO-based Redis driver.\n",
    );
    let items = &body.sections[0].items;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].text, "Becca Royal-Gordon pitched a proposal for a NIO-based Redis driver.");
}

#[test]
fn link_that_opens_an_item_keeps_its_description() {
    let body = parse(
        "Tools\n====\n\n[**Expo Workflows**](https://e.example/)\nExpo has announced Workflows.\n\n\
         [Lorri](https://l.example/)\n\nA daemon for nix-shell.\n\nA third tool.\n[https://t.example/](https://t.example/)\n",
    );
    let items = &body.sections[0].items;
    let texts: Vec<_> = items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Expo Workflows Expo has announced Workflows.", "Lorri A daemon for nix-shell.", "A third tool."]
    );
    let titles: Vec<_> = items.iter().map(|i| i.title()).collect();
    assert_eq!(titles, ["Expo Workflows", "Lorri", "A third tool."]);
}

#[test]
fn urls_in_prose_become_links() {
    let body = parse(
        "News\n====\n\nStart your free trial now: http://trial.example/start\n\n\
         Read it (https://a.example/x), not www.b.example or `https://code.example/`.\n\n\
         ```\nhttps://block.example/\n```\n",
    );
    let items = &body.sections[0].items;
    assert_eq!(items.len(), 2);
    assert_eq!(urls(&items[0]), ["http://trial.example/start"]);
    assert_eq!(items[0].text, "Start your free trial now:");
    // The URL's text is left out of the text; the punctuation after it closes up.
    assert_eq!(items[1].text, "Read it (), not www.b.example or https://code.example/. https://block.example/");
    assert_eq!(
        items[0].html,
        "<p>Start your free trial now: <a href=\"http://trial.example/start\">http://trial.example/start</a></p>\n"
    );
    assert_eq!(urls(&items[1]), ["https://a.example/x"]);
    assert!(items[1].html.contains("(<a href=\"https://a.example/x\">https://a.example/x</a>)"), "{}", items[1].html);
    assert!(items[1].html.contains("<pre><code>https://block.example/\n</code></pre>"), "{}", items[1].html);
}

#[test]
fn reference_links_resolve_against_definitions_anywhere() {
    // The definitions follow a line of text without a blank line between:
    // CommonMark reads them as text of that paragraph.
    let body = parse(
        "## News\n\n- [Bitcoin Core #1234][] adds a flag.\n- [PR #10][pr10] and [the spec] are merged.\n\n\
         See also:\n[bitcoin core #1234]: https://github.example/1234\n[pr10]: <https://github.example/10>\n\
         [The  Spec]: https://spec.example/ \"Spec\"\n",
    );
    let items = &body.sections[0].items;
    assert_eq!(items.len(), 3);
    assert_eq!(urls(&items[0]), ["https://github.example/1234"]);
    assert_eq!(items[0].title(), "Bitcoin Core #1234 adds a flag.");
    assert_eq!(urls(&items[1]), ["https://github.example/10", "https://spec.example/"]);
    assert_eq!((items[2].text.as_str(), items[2].links.len()), ("See also:", 0));
}

#[test]
fn nested_bullets_under_a_link_are_words_apart() {
    let body = parse("## Updates\n\n- [allow booting without a GOP](https://b.example/)\n  - don't error\n");
    let item = &body.sections[0].items[0];
    assert_eq!(item.text, "allow booting without a GOP don't error");
    assert_eq!(item.title(), "allow booting without a GOP");
}

#[test]
fn picture_after_a_rule_is_shown_with_the_item_before() {
    let body = parse(
        "## Other\n\n- [Prisma 4.0](https://p.example/)\n- [Turborepo 1.3](https://t.example/)\n\n---\n\n\
         ![](https://img.example/meme.png)\n",
    );
    let items = &body.sections[0].items;
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].title(), "Turborepo 1.3");
    assert!(
        items[1].html.ends_with("<p><img src=\"https://img.example/meme.png\" alt=\"\" /></p>\n"),
        "{}",
        items[1].html
    );
}

#[test]
fn markup_that_shows_nothing_is_not_an_item() {
    let body = parse("## React\n\n- [Next.js 13](https://n.example/)\n\n<SubscribeFormEmbed />\n\n---\n");
    let titles: Vec<_> = body.sections[0].items.iter().map(|i| i.title()).collect();
    assert_eq!(titles, ["Next.js 13"]);
}

#[test]
fn bullet_with_an_indented_description_is_one_item() {
    let body = parse(
        "# News\n\n- [nixos-generators](https://g.example/)\n\n  The project takes one NixOS configuration \
         to many formats, i.e. ISO, qcow2.\n\n- [Nix](https://n.example/) is now available in Debian\n",
    );
    let items = &body.sections[0].items;
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0].text,
        "nixos-generators The project takes one NixOS configuration to many formats, i.e. ISO, qcow2."
    );
    assert_eq!(items[0].title(), "nixos-generators");
    assert_eq!(items[1].title(), "Nix is now available in Debian");
}

#[test]
fn link_heading_then_separator_is_the_title() {
    let body = parse(
        "## Updates\n\n* [etcd v3.7.1](https://e.example/): new patch release, see CHANGELOG\n\
         * [lukasz](https://l.example/) fixed a kubelet bug. It was old.\n",
    );
    let titles: Vec<_> = body.sections[0].items.iter().map(|i| i.title()).collect();
    assert_eq!(titles, ["etcd v3.7.1", "lukasz fixed a kubelet bug."]);
}

#[test]
fn dated_link_bullets_belong_to_the_item_before() {
    let body = parse(
        "News\n====\n\nThe [work group](https://wg.example/) held two meetings and shared notes:\n\n\
         * [August 19th, 2020](https://n.example/1)\n* [Sept 2nd, 2020](https://n.example/2)\n",
    );
    let items = &body.sections[0].items;
    assert_eq!(items.len(), 1);
    assert_eq!(urls(&items[0]), ["https://wg.example/", "https://n.example/1", "https://n.example/2"]);
    assert_eq!(items[0].title(), "The work group held two meetings and shared notes: August 19th, 2020 Sept 2nd, 2020");
}

#[test]
fn event_line_is_not_titled_by_its_date() {
    let body = parse(
        "## Events\n\n* Jun 10. Virtual (Berlin, DE) - [Rust Hack and Learn](https://h.example/)\n\
         * [Jun 12](https://m.example/) | Virtual | [Rust Meetup](https://r.example/)\n",
    );
    let titles: Vec<_> = body.sections[0].items.iter().map(|i| i.title()).collect();
    // The second starts with a link, but its text is a date.
    assert_eq!(titles, ["Jun 10. Virtual (Berlin, DE) - Rust Hack and Learn", "Jun 12 | Virtual | Rust Meetup"]);
}

#[test]
fn bullets_without_links_announced_by_a_colon_are_the_item_text() {
    let body = parse(
        "## React\n\n**[Next.js 15.5](https://n.example/)**\n\nThe new version brings improvements including:\n\n\
         - Turbopack builds in beta\n- Typed Routes\n\n\
         Changes follow the [RFC process](https://rfc.example/). These are the RFCs approved this week:\n\n\
         * [eRFC: single-file packages](https://r.example/1)\n* [Stabilize String::leak](https://r.example/2)\n",
    );
    let items = &body.sections[0].items;
    let titles: Vec<_> = items.iter().map(|i| i.title()).collect();
    assert_eq!(
        titles,
        ["Next.js 15.5", "Changes follow the RFC process.", "eRFC: single-file packages", "Stabilize String::leak"]
    );
    assert_eq!(
        items[0].text,
        "Next.js 15.5 The new version brings improvements including: Turbopack builds in beta Typed Routes"
    );
}

#[test]
fn this_week_in_rust_2015_events() {
    // Trimmed from This Week in Rust, 2015-09-14.
    let body = parse(
        "# Upcoming Events\n\n\
         * [9/15. San Diego Rust Meetup #8](http://www.meetup.com/San-Diego-Rust/events/224577039/).\n\
         * 9/16. RustBerlin Hack and Learn.\n\n\
         If you are running a Rust event please add it to the [calendar] to get\n\
         it mentioned here. Email [Erick Tryzelaar][erickt] or [Brian\n\
         Anderson][brson] for access.\n\n\
         [calendar]: https://www.google.com/calendar/embed?src=x\n\
         [erickt]: mailto:erick.tryzelaar@gmail.com\n[brson]: mailto:banderson@mozilla.com\n",
    );
    let items = &body.sections[0].items;
    let titles: Vec<_> = items.iter().map(|i| i.title()).collect();
    assert_eq!(
        titles,
        [
            "9/15. San Diego Rust Meetup #8",
            "9/16. RustBerlin Hack and Learn.",
            "If you are running a Rust event please add it to the calendar to get it mentioned here."
        ]
    );
    assert_eq!(
        urls(&items[2]),
        [
            "https://www.google.com/calendar/embed?src=x",
            "mailto:erick.tryzelaar@gmail.com",
            "mailto:banderson@mozilla.com"
        ]
    );
}

/// A tight bullet's text and its sub-list are one paragraph for the item;
/// the paragraph ends before the list, as an HTML parser would end it, so
/// no stray `</p>` follows the list (the W3C validator's `NotHtml`).
#[test]
fn tight_bullet_paragraph_ends_before_its_sub_list() {
    let body = parse(
        "News\n====\n\n* October updates;\n  * [Minor code changes](https://a.example/1)\n\
         * [Second](https://b.example/)\n",
    );
    let items = &body.sections[0].items;
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0].html,
        "<p>October updates;</p>\n<ul>\n<li><a href=\"https://a.example/1\">Minor code changes</a></li>\n</ul>\n"
    );
    assert_eq!(items[1].html, "<p><a href=\"https://b.example/\">Second</a></p>\n", "no block: unchanged");
}

#[test]
fn empty_paragraph_before_a_block_is_dropped() {
    let events = vec![
        (Event::Start(Tag::Paragraph), 0..1),
        (Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)), 0..1),
        (Event::Text("let x = 1;\n".into()), 0..1),
        (Event::End(TagEnd::CodeBlock), 0..1),
        (Event::Text("after".into()), 0..1),
        (Event::End(TagEnd::Paragraph), 0..1),
    ];
    assert_eq!(html(close_paragraphs_before_blocks(events)), "<pre><code>let x = 1;\n</code></pre>\nafter");
}

// The fast paths against the straightforward code they replace, on every
// sample, fixture and fuzz input and on tricky snippets.

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

#[test]
fn markup_alone_is_no_item_but_a_picture_is() {
    let body = parse(
        "News\n====\n\nA post.\n<https://a.example/>\n\n<span class=\"gray\">\n\n_Nothing this week._\n\n</span>\n\n\
         ---\n\n<img src=\"https://i.example/x.png\">\n",
    );
    let items = &body.sections[0].items;
    let titles: Vec<_> = items.iter().map(|i| i.title()).collect();
    assert_eq!(titles, ["A post.", "Nothing this week.", "(untitled)"], "{items:#?}");
    assert!(items[2].html.contains("<img"));
}
