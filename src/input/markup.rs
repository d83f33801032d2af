//! Markup that is not text, taken out of an issue's body before markdown
//! parses it: HTML comments, Liquid (Jekyll), Hugo shortcodes, MDX
//! (Docusaurus), kramdown attribute lists, `<script>` blocks and embedded
//! tweets. What the site generator would have turned into something else
//! never reaches items, feeds or counts.
//!
//! One pass over the body; a body with none of the markers is returned as
//! it is. Every line of the result is the same line of the body: markup is
//! removed within its line, and markup over several lines leaves as many
//! line breaks, so byte offsets of the result still give the source's line
//! numbers. Fenced code blocks and code spans are left alone, as are
//! escaped characters (`\<`, `\{`).
//!
//! What is removed, and what is kept of it:
//!
//! - `<!-- … -->`, on one line or many; an unclosed one runs to the end.
//! - Liquid tags `{% … %}` and output `{{ … }}`; `{% comment %}` drops
//!   what it holds; `{% raw %}` keeps it as it is; `{% highlight lang %}` …
//!   `{% endhighlight %}`, each tag alone on its line, becomes a fenced
//!   code block in `lang`. kramdown attribute lists (`{:#id}`,
//!   `{: .class}`, `{::comment}…{:/comment}`).
//! - Hugo shortcodes `{{< … >}}` and `{{% … %}}`, opening and closing: the
//!   text between a pair stays (`{{< highlight >}}` becomes a fenced code
//!   block, `{{< comment >}}` drops it).
//! - MDX: `import`/`export` statements that start a block, component tags
//!   (capitalised names such as `<Support />` or `<Tabs.Item>`, not HTML
//!   elements; the children stay), `{/* … */}` comments, and `{#id}` at the
//!   end of a heading.
//! - `<script>` and `<style>` elements with their content.
//!
//! Embeds keep the page they show, as an autolink `<https://…>` where the
//! markup was (a line of its own when the markup had its line alone, so
//! the item rules read it as a link line): a YouTube, Vimeo, tweet (`x`,
//! `tweet`), Instagram or gist shortcode or Liquid tag; any other tag with
//! a parameter whose value is an http(s) URL (`url=`, `src=`, `link=`…);
//! a `<blockquote class="twitter-tweet">` (the tweet's own link); an
//! `<iframe src="https://…">`.

use std::borrow::Cow;

use memchr::{memchr, memchr_iter, memchr3, memrchr};

use bytes::*;
use embeds::{attribute, is_url, tweet_url};
use esm::statement_end;

mod bytes;
mod embeds;
mod esm;
mod templates;

/// Longest tag looked for, in bytes: an opening marker with no close within
/// this is left as text.
const MAX_TAG: usize = 8 * 1024;

/// Lowercase names of HTML elements, which a capitalised tag may also spell
/// (`<A HREF=…>`, `<Br>`): these are never taken for components.
const HTML_ELEMENTS: &str = "a abbr address area article aside audio b big blockquote body br button canvas caption center cite \
     code col dd del details dfn div dl dt em embed figcaption figure font footer form h1 h2 h3 h4 h5 h6 \
     header hr i iframe img input ins kbd label li link main mark nav ol p picture pre q s samp section \
     small source span strike strong sub summary sup table tbody td th thead time tr tt u ul var video \
     wbr";

/// The body with markup that is not text taken out (see the module doc);
/// borrowed when there is none.
pub fn prepare(body: &str) -> Cow<'_, str> {
    if !has_markers(body.as_bytes()) {
        return Cow::Borrowed(body);
    }
    let mut pass = Pass { src: body, b: body.as_bytes(), out: String::new(), copied: 0, changed: false };
    pass.run();
    if !pass.changed {
        return Cow::Borrowed(body);
    }
    pass.out.push_str(&body[pass.copied..]);
    Cow::Owned(pass.out)
}

/// The rewriting pass: `out` holds the result up to byte `copied` of `src`.
struct Pass<'a> {
    src: &'a str,
    b: &'a [u8],
    out: String,
    copied: usize,
    changed: bool,
}

/// A Liquid tag or a Hugo shortcode.
struct Tag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    /// `{{< /name >}}`; Liquid closing tags are named `end…`.
    closing: bool,
    /// `{{</* name */>}}`: a shortcode shown as it is written, embedding nothing.
    literal: bool,
    args: &'a str,
}

impl<'a> Pass<'a> {
    fn run(&mut self) {
        let mut i = 0;
        while i < self.b.len() {
            // `i` starts a line.
            if let Some(next) = self.fence(i) {
                i = next;
                continue;
            }
            if let Some(next) = self.esm(i) {
                i = next;
                continue;
            }
            i = self.scan_line(i);
        }
    }

    /// Scans from `j` to the end of its line (further when a construct
    /// spans lines); returns the start of the next line.
    fn scan_line(&mut self, mut j: usize) -> usize {
        let n = self.b.len();
        let mut line_end = self.line_end(j);
        loop {
            if j > line_end {
                line_end = self.line_end(j);
            }
            let Some(k) = memchr3(b'`', b'<', b'{', &self.b[j..line_end]) else {
                return (line_end + 1).min(n);
            };
            let at = j + k;
            if self.escaped(at) {
                j = at + 1;
                continue;
            }
            j = match self.b[at] {
                b'`' => self.code_span(at),
                b'<' => self.angle(at).unwrap_or(at + 1),
                _ => self.brace(at).unwrap_or(at + 1),
            };
        }
    }

    /// The index of the `\n` ending the line that holds `i` (or the end).
    fn line_end(&self, i: usize) -> usize {
        memchr(b'\n', &self.b[i..]).map_or(self.b.len(), |k| i + k)
    }

    fn line_start(&self, i: usize) -> usize {
        memrchr(b'\n', &self.b[..i]).map_or(0, |k| k + 1)
    }

    /// Whether an odd number of backslashes stands before `at`.
    fn escaped(&self, at: usize) -> bool {
        self.b[..at].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1
    }

    /// Replaces `start..end` of the source with `with`, followed by the
    /// line breaks inside the range. When markup is removed, spaces go
    /// with it: those before it when it ends its line, those after it when
    /// it began its line or spanned lines (so that what follows is not
    /// indented into a code block), one of two runs when it stood between
    /// words.
    fn replace(&mut self, start: usize, end: usize, with: &str) {
        let start = start.max(self.copied);
        let end = end.max(start);
        self.out.push_str(&self.src[self.copied..start]);
        let b = self.b;
        let before_blank = b[self.line_start(start)..start].iter().all(|c| matches!(c, b' ' | b'\t'));
        let after_blank = b[end..self.line_end(end)].iter().all(|c| matches!(c, b' ' | b'\t' | b'\r'));
        let breaks = memchr_iter(b'\n', &b[start..end]).count();
        let mut next = end;
        if with.is_empty() {
            let space_before = self.out.ends_with([' ', '\t']);
            if (after_blank && !before_blank) || breaks > 0 {
                let kept = self.out.trim_end_matches([' ', '\t']).len();
                self.out.truncate(kept);
            }
            if !after_blank && (before_blank || breaks > 0 || space_before) {
                next += b[end..].iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
            }
        }
        self.out.push_str(with);
        self.out.extend(std::iter::repeat_n('\n', breaks));
        self.copied = next;
        self.changed = true;
    }

    /// A fenced code block starting at line `i`: the start of the line after
    /// its closing fence (the end of the body when it has none).
    fn fence(&self, i: usize) -> Option<usize> {
        let b = self.b;
        let indent = b[i..].iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
        let mark = *b.get(i + indent)?;
        if mark != b'`' && mark != b'~' {
            return None;
        }
        let len = b[i + indent..].iter().take_while(|&&c| c == mark).count();
        let end = self.line_end(i);
        if len < 3 || (mark == b'`' && b[i + indent + len..end].contains(&b'`')) {
            return None;
        }
        let mut line = (end + 1).min(b.len());
        while line < b.len() {
            let line_end = self.line_end(line);
            let text = self.src[line..line_end].trim();
            if text.len() >= len && text.bytes().all(|c| c == mark) {
                return Some((line_end + 1).min(b.len()));
            }
            line = (line_end + 1).min(b.len());
        }
        Some(b.len())
    }

    /// `import`/`export` statements starting a block at line `i` (MDX):
    /// removed; returns the start of the line after them.
    fn esm(&mut self, i: usize) -> Option<usize> {
        let b = self.b;
        if !(b[i..].starts_with(b"import") || b[i..].starts_with(b"export ")) {
            return None;
        }
        if i > 0 && !self.src[self.line_start(i - 1)..i].trim().is_empty() {
            return None;
        }
        let mut line = i;
        let mut last_end = None;
        // Statements, one after another, until a line that starts none.
        while line < b.len() {
            let text = &self.src[line..self.line_end(line)];
            let Some(end) = statement_end(self.src, line, text) else { break };
            last_end = Some(end);
            line = (self.line_end(end) + 1).min(b.len());
            if end == b.len() {
                break;
            }
        }
        let end = last_end?;
        self.replace(i, end, "");
        Some(line)
    }

    /// A code span from the backtick run at `at`: the byte after it (after
    /// the run alone when nothing closes it before a blank line).
    fn code_span(&self, at: usize) -> usize {
        let b = self.b;
        let run = b[at..].iter().take_while(|&&c| c == b'`').count();
        let mut j = at + run;
        while let Some(k) = memchr(b'`', &b[j..]) {
            let close = j + k;
            let len = b[close..].iter().take_while(|&&c| c == b'`').count();
            if has_blank_line(&b[at..close]) {
                break;
            }
            if len == run {
                return close + len;
            }
            j = close + len;
        }
        at + run
    }

    /// Markup starting with `<` at `at`: the byte to scan on from, when it was.
    fn angle(&mut self, at: usize) -> Option<usize> {
        let b = self.b;
        let rest = &b[at + 1..];
        if rest.starts_with(b"!--") {
            let end = comment_end(b, at);
            self.replace(at, end, "");
            return Some(end);
        }
        for name in ["script", "style"] {
            if starts_with_ci(rest, name.as_bytes()) && is_name_end(rest.get(name.len())) {
                let close = format!("</{name}>");
                let end = find_ci(b, at, close.as_bytes()).map(|k| k + close.len()).or_else(|| tag_end(b, at))?;
                self.replace(at, end, "");
                return Some(end);
            }
        }
        if starts_with_ci(rest, b"blockquote") && is_name_end(rest.get(10)) {
            let open_end = tag_end(b, at)?;
            let open = &self.src[at..open_end];
            if !(open.contains("twitter-tweet") || open.contains("twitter-video")) {
                return None;
            }
            let end = find_ci(b, open_end, b"</blockquote>").map_or(open_end, |k| k + 13);
            let url = tweet_url(&self.src[at..end]).map(|u| format!("<{u}>")).unwrap_or_default();
            self.replace(at, end, &url);
            return Some(end);
        }
        if starts_with_ci(rest, b"iframe") && is_name_end(rest.get(6)) {
            let open_end = tag_end(b, at)?;
            let src = attribute(&self.src[at..open_end], "src");
            // A protocol-relative source (`//www.youtube.com/embed/…`).
            let src = src.map(|s| if s.starts_with("//") { format!("https:{s}") } else { s });
            let end = find_ci(b, open_end, b"</iframe>").map_or(open_end, |k| k + 9);
            let url = src.filter(|s| is_url(s)).map(|u| format!("<{u}>")).unwrap_or_default();
            self.replace(at, end, &url);
            return Some(end);
        }
        let end = self.component_end(at)?;
        self.replace(at, end, "");
        Some(end)
    }

    /// The end of an MDX component tag at `at` (`<Support />`, `<Foo
    /// prop={…}>`, `</Foo>`): a capitalised name that is not an HTML
    /// element, after something other than a word character.
    fn component_end(&self, at: usize) -> Option<usize> {
        let b = self.b;
        if at > 0 && (b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_') {
            return None;
        }
        let name_start = at + 1 + usize::from(b.get(at + 1) == Some(&b'/'));
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b':'))
            .count();
        let name = &self.src[name_start..name_start + name_len];
        let pascal = name.starts_with(|c: char| c.is_ascii_uppercase())
            && name.contains(|c: char| c.is_ascii_lowercase() || c == '.');
        if !pascal || HTML_ELEMENTS.split(' ').any(|e| e.eq_ignore_ascii_case(name)) {
            return None;
        }
        if !matches!(b.get(name_start + name_len), Some(b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>')) {
            return None;
        }
        tag_end(b, at)
    }
}

#[cfg(test)]
#[path = "markup_tests.rs"]
mod tests;
