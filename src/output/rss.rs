//! RSS 2.0 rendering of a [`Feed`], with the `rss` crate.
//!
//! Full content goes in `content:encoded`, the plain-text summary escaped as
//! HTML in `description` (which readers render as HTML); the feed links to
//! itself with `atom:link rel="self"`. Dates are RFC 822 with a four-digit
//! year and the issue's own offset.
//!
//! Plain-text elements (titles, categories, the channel's description) write
//! `&` and `<` as the hexadecimal references `&#x26;` and `&#x3C;`, as the
//! RSS Advisory Board's profile asks: readers that cannot tell whether an
//! RSS title is text or HTML take such references for text, and the W3C
//! validator warns (`CharacterData`) on a title holding `<` or `&` without
//! them.

use anyhow::{Context, Result};
use rss::extension::atom::{AtomExtension, Link};
use rss::{Category, ChannelBuilder, Guid, ItemBuilder};

use super::feeds::Feed;
use crate::config::Config;

/// Renders `feed` as an RSS 2.0 document (the stylesheets are added by `output`).
pub fn render_rss(feed: &Feed, config: &Config) -> Result<Vec<u8>> {
    let items = feed
        .entries
        .iter()
        .map(|entry| {
            let categories = entry.category.iter().map(|name| Category { name: name.clone(), domain: None });
            ItemBuilder::default()
                .title(entry.title.clone())
                .link(entry.link.clone())
                .guid(Guid { value: entry.id.clone(), permalink: false })
                .pub_date(entry.date.to_rfc2822())
                .description(html_text(&entry.summary))
                .content(entry.html.clone())
                .categories(categories.collect::<Vec<_>>())
                .build()
        })
        .collect::<Vec<_>>();
    let self_link = Link {
        href: format!("{}{}.rss", config.base_url, feed.path),
        rel: "self".into(),
        mime_type: Some("application/rss+xml".into()),
        ..Link::default()
    };
    let channel = ChannelBuilder::default()
        .title(feed.title.clone())
        .link(config.base_url.clone())
        .description(feed.description.clone())
        .language(config.language.clone())
        .last_build_date(feed.updated.to_rfc2822())
        .generator("trendfeed".to_owned())
        .atom_ext(AtomExtension { links: vec![self_link] })
        .items(items)
        .build();
    let bytes = channel
        .pretty_write_to(Vec::new(), b' ', 2)
        .with_context(|| format!("failed to render `{}.rss`", feed.path))?;
    let xml = String::from_utf8(bytes).with_context(|| format!("`{}.rss` is not UTF-8", feed.path))?;
    let mut bytes = hex_refs_in_plain_text(&xml).into_bytes();
    bytes.push(b'\n');
    Ok(bytes)
}

/// Plain text as HTML body text: `&`, `<` and `>` escaped.
fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html_body_text(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// The RSS elements that hold plain text.
const PLAIN_TEXT: [&str; 3] = ["title", "category", "description"];

/// `xml` with `&amp;` and `&lt;` in the text of the [`PLAIN_TEXT`] elements
/// written `&#x26;` and `&#x3C;` (the same characters to an XML parser).
/// Elements holding CDATA (item descriptions, which are HTML) and the
/// insides of CDATA sections are left as they are.
fn hex_refs_in_plain_text(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + xml.len() / 64);
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        if let Some(cdata) = tag.strip_prefix("<![CDATA[") {
            let end = cdata.find("]]>").map_or(tag.len(), |e| "<![CDATA[".len() + e + "]]>".len());
            out.push_str(&tag[..end]);
            rest = &tag[end..];
            continue;
        }
        let text = PLAIN_TEXT.iter().find_map(|name| tag[1..].strip_prefix(name)?.strip_prefix('>'));
        let Some(text) = text else {
            out.push('<');
            rest = &tag[1..];
            continue;
        };
        out.push_str(&tag[..tag.len() - text.len()]);
        let end = text.find('<').unwrap_or(text.len());
        out.push_str(&text[..end].replace("&amp;", "&#x26;").replace("&lt;", "&#x3C;"));
        rest = &text[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_elements_use_hex_references() {
        let xml = "<channel><title>A &amp; B</title><description>x &lt;T&gt;</description>\
                   <item><title>Option&lt;Event&gt; &amp; more</title><category>Q&amp;A</category>\
                   <link>https://a.example/?a=1&amp;b=2</link>\
                   <description><![CDATA[Q&amp;A &lt;policy name&gt;]]></description>\
                   <content:encoded><![CDATA[<p><title>&amp;</title></p>]]]]><![CDATA[><title>&lt;</title>]]></content:encoded>\
                   </item></channel>";
        assert_eq!(
            hex_refs_in_plain_text(xml),
            "<channel><title>A &#x26; B</title><description>x &#x3C;T&gt;</description>\
             <item><title>Option&#x3C;Event&gt; &#x26; more</title><category>Q&#x26;A</category>\
             <link>https://a.example/?a=1&amp;b=2</link>\
             <description><![CDATA[Q&amp;A &lt;policy name&gt;]]></description>\
             <content:encoded><![CDATA[<p><title>&amp;</title></p>]]]]><![CDATA[><title>&lt;</title>]]></content:encoded>\
             </item></channel>"
        );
    }
}
