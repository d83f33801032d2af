//! MDX's ECMAScript statements: `import … from "…"` (on one line or many)
//! and `export const …` (to where its brackets close), which start a block
//! of an `.mdx` file and are code, not text.

use super::MAX_TAG;

/// The end of the `import`/`export` statement whose first line, `text`,
/// starts at `start` of `src`; `None` when the line starts none.
pub(super) fn statement_end(src: &str, start: usize, text: &str) -> Option<usize> {
    let text = text.trim_end();
    if let Some(rest) = text.strip_prefix("import") {
        let rest_trim = rest.trim_start();
        if !(rest.starts_with([' ', '\t', '{']) || rest.starts_with(['"', '\''])) {
            return None;
        }
        if rest_trim.starts_with(['"', '\'']) {
            return Some(start + text.len());
        }
        // Up to the line with `from '…'`, within a few lines and no blank line.
        let mut line = start;
        for _ in 0..50 {
            let end = src[line..].find('\n').map_or(src.len(), |k| line + k);
            let this = src[line..end].trim_end();
            if this.is_empty() {
                return None;
            }
            if has_from_clause(this) {
                return Some(line + this.len());
            }
            if end == src.len() {
                return None;
            }
            line = end + 1;
        }
        return None;
    }
    let rest = text.strip_prefix("export ")?.trim_start();
    let word = rest.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
    let keyword = matches!(word, "const" | "let" | "var" | "function" | "class" | "default" | "async" | "type")
        || rest.starts_with(['{', '*']);
    if !keyword {
        return None;
    }
    // Up to the line where brackets balance again.
    let mut depth = 0i64;
    let mut quote = None;
    for (k, c) in src[start..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '{' | '[' | '(') => depth += 1,
            (None, '}' | ']' | ')') => depth -= 1,
            (None, '\n') if depth <= 0 => return Some(start + k),
            _ => {}
        }
        if k > MAX_TAG * 8 {
            return None;
        }
    }
    Some(src.len())
}

/// Whether an import line ends with `from "…"` (or `'…'`) and an optional `;`.
fn has_from_clause(line: &str) -> bool {
    let line = line.strip_suffix(';').unwrap_or(line).trim_end();
    let Some(quote) = line.chars().last().filter(|c| matches!(c, '"' | '\'')) else { return false };
    let Some(open) = line[..line.len() - 1].rfind(quote) else { return false };
    line[..open].trim_end().ends_with("from")
}
