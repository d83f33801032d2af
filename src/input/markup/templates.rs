//! Template markup in a body: Liquid (`{% … %}`, `{{ … }}`), Hugo
//! shortcodes (`{{< … >}}`, `{{% … %}}`), kramdown attribute lists and
//! heading ids. Each method takes the markup at a byte and says where to
//! scan on from.

use memchr::memchr;

use super::embeds::embed_urls;
use super::{Pass, Tag, find_close};

impl<'a> Pass<'a> {
    /// Markup starting with `{` at `at`: the byte to scan on from, when it was.
    pub(super) fn brace(&mut self, at: usize) -> Option<usize> {
        let b = self.b;
        match b.get(at + 1)? {
            b'%' => self.liquid(at),
            b'{' if matches!(b.get(at + 2), Some(b'<' | b'%')) => self.shortcode(at),
            b'{' => {
                let end = find_close(b, at + 2, b"}}")?;
                self.replace(at, end, "");
                Some(end)
            }
            b'/' if b.get(at + 2) == Some(&b'*') => {
                let end = find_close(b, at + 3, b"*/}")?;
                self.replace(at, end, "");
                Some(end)
            }
            b':' => self.kramdown(at),
            b'#' => self.heading_id(at),
            _ => None,
        }
    }

    pub(super) fn liquid(&mut self, at: usize) -> Option<usize> {
        let tag = self.tag(at, 2, b"%}")?;
        let end_name = |name: &str| format!("end{name}");
        match tag.name {
            "comment" => {
                let close = self.find_tag(tag.end, &|t| !t.closing && t.name == "endcomment");
                Some(self.drop_pair(&tag, close))
            }
            "raw" => {
                let Some(close) = self.find_tag(tag.end, &|t| !t.closing && t.name == "endraw") else {
                    return Some(self.drop_tag(&tag));
                };
                self.replace(at, tag.end, "");
                self.replace(close.start, close.end, "");
                Some(close.end)
            }
            "highlight" => {
                let close = self.find_tag(tag.end, &|t| t.name == end_name("highlight"));
                Some(self.code_block(&tag, close))
            }
            _ => Some(self.drop_tag(&tag)),
        }
    }

    pub(super) fn shortcode(&mut self, at: usize) -> Option<usize> {
        let close: &[u8] = if self.b[at + 2] == b'<' { b">}}" } else { b"%}}" };
        let tag = self.tag(at, 3, close)?;
        match tag.name {
            _ if tag.closing || tag.literal => Some(self.drop_tag(&tag)),
            "comment" => {
                let close = self.find_tag(tag.end, &|t| t.closing && t.name == "comment");
                Some(self.drop_pair(&tag, close))
            }
            "highlight" => {
                let close = self.find_tag(tag.end, &|t| t.closing && t.name == "highlight");
                Some(self.code_block(&tag, close))
            }
            _ => Some(self.drop_tag(&tag)),
        }
    }

    /// Removes a comment tag and what it holds up to its closing tag; the
    /// tag alone when nothing closes it.
    pub(super) fn drop_pair(&mut self, open: &Tag, close: Option<Tag>) -> usize {
        let end = close.map_or(open.end, |close| close.end);
        self.replace(open.start, end, "");
        end
    }

    /// Removes a tag, or puts the URLs it embeds in its place.
    pub(super) fn drop_tag(&mut self, tag: &Tag) -> usize {
        let urls = if tag.literal { Vec::new() } else { embed_urls(tag.name, tag.args) };
        let links: Vec<String> = urls.iter().map(|u| format!("<{u}>")).collect();
        self.replace(tag.start, tag.end, &links.join(" "));
        tag.end
    }

    /// `{% highlight lang %}` … `{% endhighlight %}`, each alone on its line,
    /// as a fenced code block whose text is left as it is; otherwise the
    /// opening tag alone is removed. Returns the byte to scan on from.
    pub(super) fn code_block(&mut self, open: &Tag, close: Option<Tag>) -> usize {
        let alone = |p: &Pass, t: &Tag| {
            p.src[p.line_start(t.start)..t.start].trim().is_empty() && p.src[t.end..p.line_end(t.end)].trim().is_empty()
        };
        let Some(close) = close.filter(|c| alone(self, open) && alone(self, c)) else {
            return self.drop_tag(open);
        };
        let code = &self.src[open.end..close.start];
        let longest = code.lines().map(|l| l.trim_start().bytes().take_while(|&c| c == b'`').count()).max();
        let fence = "`".repeat(longest.unwrap_or(0).max(2) + 1);
        let lang: String = open
            .args
            .split_whitespace()
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_alphanumeric() || "_+-.#".contains(*c))
            .collect();
        self.replace(open.start, open.end, &format!("{fence}{lang}"));
        self.replace(close.start, close.end, &fence);
        close.end
    }

    /// The tag at `at` whose opening marker is `open_len` bytes long and
    /// whose close is `close`.
    pub(super) fn tag(&self, at: usize, open_len: usize, close: &[u8]) -> Option<Tag<'a>> {
        let end = find_close(self.b, at + open_len, close)?;
        let inner = self.src[at + open_len..end - close.len()].trim();
        let inner = inner.strip_prefix('-').unwrap_or(inner).strip_suffix('-').unwrap_or(inner).trim();
        // `{{</* x */>}}` shows a shortcode as it is written; still markup.
        let literal = inner.starts_with("/*") && inner.ends_with("*/") && inner.len() >= 4;
        let inner = if literal { inner[2..inner.len() - 2].trim() } else { inner };
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, inner),
        };
        let name_len = inner.find(char::is_whitespace).unwrap_or(inner.len());
        Some(Tag { start: at, end, name: &inner[..name_len], closing, literal, args: inner[name_len..].trim() })
    }

    /// The first tag of the same kind at or after `from` that `wanted` accepts.
    pub(super) fn find_tag(&self, from: usize, wanted: &dyn Fn(&Tag) -> bool) -> Option<Tag<'a>> {
        let mut j = from;
        while let Some(k) = memchr(b'{', &self.b[j..]) {
            let at = j + k;
            let tag = match (self.b.get(at + 1), self.b.get(at + 2)) {
                (Some(b'%'), _) => self.tag(at, 2, b"%}"),
                (Some(b'{'), Some(b'<')) => self.tag(at, 3, b">}}"),
                (Some(b'{'), Some(b'%')) => self.tag(at, 3, b"%}}"),
                _ => None,
            };
            match tag {
                Some(tag) if wanted(&tag) => return Some(tag),
                _ => j = at + 1,
            }
        }
        None
    }

    /// A kramdown attribute list `{:#id .class key="v"}`, or an extension
    /// `{::comment}…{:/comment}` / `{::name … /}`.
    pub(super) fn kramdown(&mut self, at: usize) -> Option<usize> {
        let b = self.b;
        if b.get(at + 2) == Some(&b':') {
            let open_end = find_close(b, at + 3, b"}")?;
            let end = if self.src[at..open_end].starts_with("{::comment") {
                find_close(b, open_end, b"{:/comment}").or_else(|| find_close(b, open_end, b"{:/}"))?
            } else {
                open_end
            };
            self.replace(at, end, "");
            return Some(end);
        }
        let end = at + 2 + memchr(b'}', &b[at + 2..self.line_end(at)])? + 1;
        let inner = self.src[at + 2..end - 1].trim_start();
        let key_len = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(0);
        if !(inner.starts_with(['#', '.']) || (key_len > 0 && inner[key_len..].starts_with('='))) {
            return None;
        }
        self.replace(at, end, "");
        Some(end)
    }

    /// `{#id}` ending an ATX heading line (Docusaurus, kramdown, Pandoc).
    pub(super) fn heading_id(&mut self, at: usize) -> Option<usize> {
        let line_end = self.line_end(at);
        let end = at + 2 + memchr(b'}', &self.b[at + 2..line_end])? + 1;
        let id = &self.src[at + 2..end - 1];
        if id.is_empty() || !id.bytes().all(|c| c.is_ascii_alphanumeric() || b"-_:.".contains(&c)) {
            return None;
        }
        if !self.src[end..line_end].trim().is_empty() {
            return None;
        }
        let line = self.src[self.line_start(at)..at].trim_start_matches(' ');
        let hashes = line.bytes().take_while(|&c| c == b'#').count();
        if !(1..=6).contains(&hashes) || !line[hashes..].starts_with([' ', '\t']) {
            return None;
        }
        self.replace(at, end, "");
        Some(end)
    }
}
