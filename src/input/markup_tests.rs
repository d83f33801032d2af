use super::*;
use proptest::prelude::*;

fn owned(body: &str) -> String {
    match prepare(body) {
        Cow::Owned(text) => text,
        Cow::Borrowed(_) => panic!("nothing was removed from {body:?}"),
    }
}

fn is_borrowed(body: &str) -> bool {
    matches!(prepare(body), Cow::Borrowed(_))
}

#[test]
fn plain_markdown_is_borrowed() {
    assert!(is_borrowed("# News\n\n[A](https://a.example/) <br> a < b, `{{ x }}` and \\{% y %}.\n"));
    assert!(is_borrowed("Option<Handle> and <T> and <A HREF=\"https://a.example/\">a</A>, {not: markup}.\n"));
    assert!(is_borrowed("An important import from abroad.\nexport data\n"));
}

#[test]
fn one_line_comment() {
    assert_eq!(owned("Text <!-- note --> here.\n"), "Text here.\n");
    assert_eq!(owned("<!-- more -->\n\nText\n"), "\n\nText\n");
    assert_eq!(owned("Text <!-- note -->\nnext\n"), "Text\nnext\n");
}

#[test]
fn multi_line_comment_keeps_its_lines() {
    // This Week in Rust and rust-osdev put drafting notes in comments.
    let body = "Intro.\n\n<!--\n    This is a draft.\n\n    See the past posts.\n-->\n\n## News\n";
    assert_eq!(owned(body), "Intro.\n\n\n\n\n\n\n\n## News\n");
    assert_eq!(owned("a <!-- x\ny --> b\nc\n"), "a\nb\nc\n");
}

#[test]
fn unclosed_comment_runs_to_the_end() {
    assert_eq!(owned("Text\n<!-- open\nmore\n"), "Text\n\n\n");
}

#[test]
fn empty_comments() {
    assert_eq!(owned("a <!--> b <!---> c\n"), "a b c\n");
}

#[test]
fn code_is_left_alone() {
    let body =
        "```html\n<!-- kept -->\n{% kept %}\n```\n\n~~~~\n{{< kept >}}\n~~~~\n\nUse `<!-- x -->` or ``{{ y }}``.\n";
    assert!(is_borrowed(body));
    let body = "```\n<Support />\n```\n<Support />\n";
    assert_eq!(owned(body), "```\n<Support />\n```\n\n");
    // A backtick run that nothing closes is text.
    assert_eq!(owned("a ` b {{ c }}\n"), "a ` b\n");
    // An unclosed fence runs to the end.
    assert!(is_borrowed("```\n{% x %}\n"));
}

#[test]
fn escaped_markers_are_text() {
    assert!(is_borrowed("Use \\<ViewTransition\\> and \\{% raw %} here.\n"));
}

#[test]
fn liquid_tags_and_output() {
    assert_eq!(owned("{% include sponsor.html %}\n\nNext\n"), "\n\nNext\n");
    assert_eq!(owned("That's it. Cheers. {% include orig_pub.html %}\n"), "That's it. Cheers.\n");
    assert_eq!(owned("please [send a pull request]({{ site.links.pull }})!\n"), "please [send a pull request]()!\n");
    assert_eq!(owned("{%- assign x = 1 -%} Text\n"), "Text\n");
}

#[test]
fn liquid_comment_drops_its_text() {
    assert_eq!(owned("a\n{% comment %}\nhidden [x](https://x.example/)\n{% endcomment %}\nb\n"), "a\n\n\n\nb\n");
}

#[test]
fn unclosed_pairs_lose_their_tag_alone() {
    assert_eq!(owned("{% comment %}\nkept\n"), "\nkept\n");
    assert_eq!(owned("{% raw %}{{ x }}\n"), "\n");
    assert_eq!(owned("{{< comment >}}\nkept\n"), "\nkept\n");
    assert_eq!(owned("{{< highlight go >}}\nkept\n"), "\nkept\n");
}

#[test]
fn liquid_raw_keeps_its_text() {
    assert_eq!(owned("{% raw %}{{ shown }}{% endraw %} here\n"), "{{ shown }} here\n");
}

#[test]
fn liquid_highlight_becomes_a_fenced_block() {
    let body = "Code:\n\n{% highlight swift %}\ncase Bob = {!@#$!@#%!@}\n{{ x }}\n{% endhighlight %}\n\nAfter.\n";
    assert_eq!(owned(body), "Code:\n\n```swift\ncase Bob = {!@#$!@#%!@}\n{{ x }}\n```\n\nAfter.\n");
    // A fence inside the code gets a longer fence around it.
    assert_eq!(owned("{% highlight md %}\n```\n{% endhighlight %}\n"), "````md\n```\n````\n");
    // Not alone on its line: only the tags go.
    assert_eq!(owned("a {% highlight c %}x{% endhighlight %}\n"), "a x\n");
}

#[test]
fn liquid_include_keeps_its_urls() {
    let body = "{% include app.html link=\"https://usetimeless.app\" heading=\"Stay focused\" app-store=\"https://apps.apple.com/app/id1\" %}\n";
    assert_eq!(owned(body), "<https://usetimeless.app> <https://apps.apple.com/app/id1>\n");
}

#[test]
fn kramdown_attribute_lists() {
    assert_eq!(owned("## News {:#news}\n"), "## News\n");
    assert_eq!(owned("A paragraph.\n{: .note}\n"), "A paragraph.\n\n");
    assert_eq!(owned("[a](https://a.example/){:target=\"_blank\"} b\n"), "[a](https://a.example/) b\n");
    assert_eq!(owned("a\n{::comment}\nhidden\n{:/comment}\nb\n"), "a\n\n\n\nb\n");
    // Not an attribute list: a format string in prose.
    assert!(is_borrowed("print {:?} and {:p}\n"));
}

#[test]
fn hugo_embeds_keep_their_url() {
    assert_eq!(
        owned("Watch:\n{{< youtube dQw4w9WgXcQ >}}\n"),
        "Watch:\n<https://www.youtube.com/watch?v=dQw4w9WgXcQ>\n"
    );
    assert_eq!(owned("{{< youtube id=\"w7Ft2ymGmfc\" >}}\n"), "<https://www.youtube.com/watch?v=w7Ft2ymGmfc>\n");
    assert_eq!(owned("{{< vimeo 146022717 >}}\n"), "<https://vimeo.com/146022717>\n");
    assert_eq!(
        owned("{{< x user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}\n"),
        "<https://x.com/SanDiegoZoo/status/1453110110599868418>\n"
    );
    assert_eq!(owned("{{< tweet user=\"golang\" id=\"123\" >}}\n"), "<https://twitter.com/golang/status/123>\n");
    assert_eq!(owned("{{< tweet 877500564405444608 >}}\n"), "<https://twitter.com/i/web/status/877500564405444608>\n");
    assert_eq!(owned("{{< gist spf13 7896402 >}}\n"), "<https://gist.github.com/spf13/7896402>\n");
    assert_eq!(owned("{{< card url=\"https://a.example/post\" title=\"A\" >}}\n"), "<https://a.example/post>\n");
    // A relative image is not a page to link.
    assert_eq!(owned("{{< figure src=\"/img/a.png\" >}}\nText\n"), "\nText\n");
}

#[test]
fn hugo_paired_shortcodes() {
    assert_eq!(owned("{{% notice tip %}}\nRead **this**.\n{{% /notice %}}\n"), "\nRead **this**.\n\n");
    assert_eq!(
        owned("{{< highlight go \"linenos=table\" >}}\nfmt.Println(\"{{< x >}}\")\n{{< / highlight >}}\n"),
        "```go\nfmt.Println(\"{{< x >}}\")\n```\n"
    );
    assert_eq!(owned("a\n{{< comment >}}\nhidden\n{{< /comment >}}\nb\n"), "a\n\n\n\nb\n");
    assert_eq!(owned("Shown as {{</* youtube x */>}} text\n"), "Shown as text\n");
}

#[test]
fn mdx_imports_and_exports() {
    let body = "Let's dive in!\n\nimport Support from \"../_support.mdx\";\n\n<Support />\n\n---\n";
    assert_eq!(owned(body), "Let's dive in!\n\n\n\n\n\n---\n");
    let body = "import {\n  A,\n  B,\n} from '@site/x';\nimport './style.css';\nexport const meta = {\n  title: 'x',\n};\n\n# Title\n";
    assert_eq!(owned(body), "\n\n\n\n\n\n\n\n\n# Title\n");
    // Not a statement: prose that starts with the word, or inside a paragraph.
    assert!(is_borrowed("import the data from the CSV file.\n"));
    assert!(is_borrowed("Some text\nimport X from \"y\";\n"));
}

#[test]
fn mdx_components() {
    assert_eq!(owned("<SubscribeFormEmbed placement=\"middle\" />\n"), "\n");
    assert_eq!(owned("<Tabs.Item value={{a: 1}} label=\"x > y\">\nText\n</Tabs.Item>\n"), "\nText\n\n");
    assert_eq!(owned("<Foo\n  bar=\"1\"\n/>\nText\n"), "\n\n\nText\n");
    // Generics, HTML in capitals and words joined to `<` stay.
    assert!(is_borrowed("Option<Handle>, Result<T, E>, <T>, <BR>, <Br>, <A HREF=\"https://a.example/\">x</A>\n"));
}

#[test]
fn mdx_comments_and_heading_ids() {
    assert_eq!(owned("Text {/* a note */} here.\n"), "Text here.\n");
    assert_eq!(owned("{/*\n  multi\n*/}\nText\n"), "\n\n\nText\n");
    assert_eq!(owned("## 💸 Sponsor {#sponsor1}\n"), "## 💸 Sponsor\n");
    // Only at the end of a heading.
    assert!(is_borrowed("A {#x} in prose.\n## A {#x} b\n"));
}

#[test]
fn scripts_and_styles() {
    assert_eq!(
        owned("a\n<script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>\nb\n"),
        "a\n\nb\n"
    );
    assert_eq!(owned("<style>\np { color: red }\n</style>\nText\n"), "\n\n\nText\n");
}

#[test]
fn embedded_tweet_keeps_its_link() {
    let body = "<blockquote class=\"twitter-tweet\"><p lang=\"en\">Big news <a href=\"https://t.co/abc\">pic</a></p>&mdash; Dan (@dan) <a href=\"https://twitter.com/dan/status/123?ref_src=twsrc%5Etfw&amp;x=1\">June 1, 2022</a></blockquote>\n<script async src=\"https://platform.twitter.com/widgets.js\"></script>\n";
    assert_eq!(owned(body), "<https://twitter.com/dan/status/123?ref_src=twsrc%5Etfw&x=1>\n\n");
    // Other blockquotes are HTML to keep.
    assert!(is_borrowed("<blockquote>Quote</blockquote>\n"));
}

#[test]
fn iframe_keeps_its_page() {
    assert_eq!(
        owned("<iframe width=\"560\" src=\"//www.youtube.com/embed/abc\" frameborder=\"0\"></iframe>\n"),
        "<https://www.youtube.com/embed/abc>\n"
    );
}

#[test]
fn line_numbers_are_kept() {
    let body = "a\n<!--\nx\n-->\n{% comment %}\ny\n{% endcomment %}\n{{< highlight c >}}\nz\n{{< /highlight >}}\n<Foo\n/>\nlast\n";
    let out = owned(body);
    assert_eq!(out.lines().count(), body.lines().count());
    assert_eq!(out.lines().position(|l| l == "last"), body.lines().position(|l| l == "last"));
    assert_eq!(out.lines().position(|l| l == "z"), body.lines().position(|l| l == "z"));
}

#[test]
fn items_after_removed_markup_keep_their_source_lines() {
    let config = crate::config::Config::default();
    let reader = crate::input::Reader::new(&config).unwrap();
    let text = "---\ntitle: Weekly 3\ndate: 2024-01-07\n---\n\nIntro.\n\n<!--\n  draft notes\n\n  more\n-->\n\n\
                ## News {#news}\n\n{% comment %}\nold\n{% endcomment %}\nFirst item.\n\n\
                {{< youtube abc >}}\n\n<Foo\n  bar=\"1\"\n/>\nSecond item.\n[Link](https://a.example/)\n";
    let issue = reader.parse_str(text, std::path::Path::new("a.md")).unwrap().unwrap();
    let section = &issue.sections[0];
    assert_eq!((section.name.as_str(), section.line), ("News", 14));
    type Links<'a> = Vec<(&'a str, usize)>;
    let items: Vec<(&str, usize, Links)> = section
        .items
        .iter()
        .map(|i| (i.text.as_str(), i.line, i.links.iter().map(|l| (l.url.as_str(), l.line)).collect()))
        .collect();
    assert_eq!(
        items,
        [
            ("First item.", 19, vec![("https://www.youtube.com/watch?v=abc", 21)]),
            ("Second item. Link", 26, vec![("https://a.example/", 27)]),
        ]
    );
}

#[test]
fn crlf_line_ends() {
    assert_eq!(owned("a\r\n<!--\r\nx\r\n-->\r\nb\r\n"), "a\r\n\n\n\r\nb\r\n");
}

#[test]
fn every_issue_of_the_archives_keeps_its_lines() {
    // The real archives, when they are next to the repository.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/archives");
    let Ok(archives) = std::fs::read_dir(&root) else {
        eprintln!("skipped: no archives at {}", root.display());
        return;
    };
    let mut files = 0;
    for archive in archives.flatten().filter(|a| a.path().is_dir()) {
        for file in std::fs::read_dir(archive.path()).unwrap().flatten() {
            let Ok(text) = std::fs::read_to_string(file.path()) else { continue };
            let out = prepare(&text);
            assert_eq!(out.matches('\n').count(), text.matches('\n').count(), "{}", file.path().display());
            files += 1;
        }
    }
    assert!(files > 1000, "{files} files");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3_000, ..ProptestConfig::default() })]

    /// Any text, made of the pieces the pass looks for, keeps its line
    /// breaks and never panics.
    #[test]
    fn keeps_line_breaks_on_generated_text(
        pieces in prop::collection::vec(prop::sample::select(&[
            "<!--", "-->", "<!-->", "{%", "%}", "{{", "}}", "{{<", ">}}", "{{%", "%}}", "{:", "{#", "{/*", "*/}",
            "<", ">", "/>", "</", "Foo", "Tabs.Item", "script", "blockquote", "iframe", "class=\"twitter-tweet\"",
            " href=\"https://x.com/a/status/1\"", " src=\"//y.example/e\"", "highlight", "endhighlight",
            "comment", "endcomment", "raw", "endraw", "/highlight", "youtube", "x", "tweet", " id=", "user=", "\"",
            "'", "`", "```", "~~~", "\\", "import", "export const", " from ", "'a'", "{", "}", "#", "## ", "=",
            " ", "  ", "\t", "\n", "\r\n", "\n\n", "é", "💸", "https://a.example/", "text",
        ][..]), 0..40)
    ) {
        let text = pieces.concat();
        let out = prepare(&text);
        prop_assert_eq!(out.matches('\n').count(), text.matches('\n').count(), "{:?} → {:?}", text, out);
    }
}
