//! Tests of [`super`] on sections, titles and footers. Items and links are
//! in `markdown_items_tests.rs`; the fast paths against the code they
//! replaced in `markdown_reference_tests.rs`.

use super::*;

pub(super) fn parse(body: &str) -> Body {
    parse_with(body, "Weekly #7", Some(7))
}

pub(super) fn parse_with(body: &str, title: &str, number: Option<u32>) -> Body {
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

pub(super) fn counts(body: &Body) -> Vec<(String, usize)> {
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
