//! Tests of [`super`] on items: their paragraphs, bullets, titles, links
//! and pictures.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::tests::parse;
use crate::input::sanitize::{close_paragraphs_before_blocks, html};

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
