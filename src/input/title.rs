/// The issue's title written as the body's first heading, for files whose
/// front matter has none: a level-1 heading (`# This week in Nu #5`, or
/// setext `Title` over `===`) before any text, when it is the body's only
/// level-1 heading or holds an issue number (`#5`, `Issue 5`). A first
/// heading of a deeper level, or one of several `#` headings without a
/// number, is a section, not a title. Fenced code is skipped.
pub(super) fn title_heading(body: &str) -> Option<String> {
    let mut candidate: Option<String> = None;
    let mut level_one = 0;
    let mut fence: Option<&str> = None;
    let mut before_text = true;
    let mut lines = body.lines().map(str::trim_end).peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if let Some(open) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
            fence = Some(open);
            before_text = false;
            continue;
        }
        if trimmed.is_empty() || (trimmed.starts_with("<!--") && trimmed.ends_with("-->")) || is_esm_line(trimmed) {
            continue;
        }
        let indented = line.len() - trimmed.len() >= 4;
        let atx =
            trimmed.strip_prefix('#').filter(|rest| !indented && (rest.is_empty() || rest.starts_with([' ', '\t'])));
        let setext = !indented && lines.peek().is_some_and(|next| is_setext_one(next));
        let heading = match (atx, setext) {
            (Some(rest), _) => Some(without_closing_hashes(rest.trim()).to_owned()),
            (None, true) => {
                lines.next();
                Some(trimmed.to_owned())
            }
            (None, false) => None,
        };
        if let Some(heading) = heading {
            level_one += 1;
            if before_text && candidate.is_none() {
                candidate = Some(strip_heading_id(&heading));
            }
        }
        before_text = false;
    }
    let title = candidate.filter(|t| !t.is_empty())?;
    let title = super::front_matter::unescape_markdown(&title);
    (level_one == 1 || super::front_matter::number_in(&title).is_some()).then_some(title)
}

/// An ATX heading's text without its closing `#`s, which need a space
/// before them (`# C#` is about C#).
fn without_closing_hashes(text: &str) -> &str {
    let open = text.trim_end_matches('#');
    if open.is_empty() || open.ends_with([' ', '\t']) { open.trim_end() } else { text }
}

/// An MDX `import … from "…"` or `export …` line: markup, not text.
fn is_esm_line(line: &str) -> bool {
    (line.starts_with("import ") && (line.contains(" from \"") || line.contains(" from '")))
        || (line.starts_with("export ") && (line.contains(" = ") || line.starts_with("export default ")))
}

/// A setext level-1 underline: `=` characters alone.
fn is_setext_one(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.bytes().all(|b| b == b'=')
}

/// A heading without its `{#id}` attribute (kramdown, Pandoc, Docusaurus).
fn strip_heading_id(heading: &str) -> String {
    match heading.rfind(" {#") {
        Some(at) if heading.ends_with('}') => heading[..at].trim_end().to_owned(),
        _ => heading.to_owned(),
    }
}
