//! `trendfeed check`: what is wrong or suspicious in an archive, without
//! writing anything.
//!
//! Errors are the files that cannot be read as issues. Warnings: two files
//! with the same issue number or date, items without a link, empty
//! sections, section names seen in only one issue (likely typos: the close
//! name is suggested), and malformed or non-absolute URLs.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Severity};
use crate::error::{Spot, line_text};
use crate::input::{Loaded, front_matter};
use crate::model::{Archive, Issue};

/// Fewest issues in an archive before a section seen once is suspicious.
const MIN_ISSUES_FOR_RARE_SECTIONS: usize = 3;
/// Similarity (Jaro–Winkler) above which two section names look like one.
const CLOSE_NAME: f64 = 0.85;

/// Everything `check` found, errors first, then warnings by file and line.
pub fn check(loaded: &Loaded) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = loaded.errors.iter().map(Diagnostic::from).collect();
    found.extend(loaded.warnings.iter().cloned());
    let archive = &loaded.archive;
    let mut duplicated = duplicates(archive.issues.iter().map(|i| (i.number, i.date.date_naive(), i.source.as_path())));
    duplicated.iter_mut().for_each(point_at_front_matter);
    found.extend(duplicated);
    for issue in &archive.issues {
        issue_warnings(issue, &mut found);
    }
    rare_sections(archive, &mut found);
    found.sort_by(|a, b| (a.severity, &a.path, a.spot.line).cmp(&(b.severity, &b.path, b.spot.line)));
    attach_source_lines(&mut found);
    found
}

/// Two issues with one number, or one date: the issues' numbers, days and
/// files, in archive order.
pub fn duplicates<'a>(issues: impl IntoIterator<Item = (Option<u32>, chrono::NaiveDate, &'a Path)>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut numbers: HashMap<u32, &Path> = HashMap::new();
    let mut dates: HashMap<chrono::NaiveDate, &Path> = HashMap::new();
    for (number, day, source) in issues {
        if let Some(number) = number
            && let Some(first) = numbers.insert(number, source)
        {
            let message = format!("issue number {number} is also the number of `{}`", first.display());
            found.push(
                Diagnostic::new(Severity::Warning, source, Spot::at(1, 1), message)
                    .with_help("give each issue its own number (`number:` in the front matter, or in the title)"),
            );
        }
        if let Some(first) = dates.insert(day, source) {
            let message = format!("issue date {day} is also the date of `{}`", first.display());
            found.push(
                Diagnostic::new(Severity::Warning, source, Spot::at(1, 1), message)
                    .with_help("is one of the two files a copy of the other?"),
            );
        }
    }
    found
}

/// How many problems [`issue_warnings`] finds in `issue`.
pub fn issue_warning_count(issue: &Issue) -> usize {
    let mut found = Vec::new();
    issue_warnings(issue, &mut found);
    found.len()
}

/// Moves a shared-number or shared-date warning onto the front-matter line
/// the value was read from (`number:`, else the `title:` holding it;
/// `date:`); a value read from the file name stays at line 1.
fn point_at_front_matter(diagnostic: &mut Diagnostic) {
    let Ok(text) = std::fs::read_to_string(&diagnostic.path) else { return };
    let Ok(front) = front_matter::parse(&text) else { return };
    let line = match diagnostic.message.starts_with("issue number") {
        true if front.number.is_some() => front.number_line,
        true => front.title.as_deref().and_then(front_matter::number_in).and(front.title_line),
        false => front.date.map(|(_, spot)| spot.line),
    };
    if let Some(line) = line {
        diagnostic.spot = Spot::at(line, 1);
    }
}

/// The problems of one issue on its own: no section heading, empty
/// sections, items without a link, malformed URLs.
pub fn issue_warnings(issue: &Issue, found: &mut Vec<Diagnostic>) {
    let path = &issue.source;
    if let [only] = issue.sections.as_slice()
        && only.name.is_empty()
    {
        found.push(
            Diagnostic::new(Severity::Warning, path, Spot::at(only.line, 1), "no section heading")
                .with_label("the whole issue is read as one section without a name")
                .with_help("put each section under a heading (`## News`) to give it a feed of its own"),
        );
    }
    for section in &issue.sections {
        // A section of boilerplate alone (a sponsor block repeated every week) is not empty.
        if section.items.is_empty() && section.boilerplate == 0 && !section.name.is_empty() {
            found.push(
                Diagnostic::new(Severity::Warning, path, Spot::at(section.line, 1), "empty section")
                    .with_label(format!("section `{}` has no item", section.name))
                    .with_focus(&section.name)
                    .with_help("remove the heading, or add the items it should hold"),
            );
        }
        for item in &section.items {
            let spot = Spot::at(item.line, 1);
            if item.links.is_empty() {
                found.push(
                    Diagnostic::new(Severity::Warning, path, spot, "item without a link")
                        .with_label("this item links nowhere")
                        .with_help(
                            "add the link on a line under the text, or join this text to the item it belongs to",
                        ),
                );
            }
            for link in &item.links {
                if let Some(problem) = url_problem(&link.url) {
                    found.push(
                        Diagnostic::new(
                            Severity::Warning,
                            path,
                            Spot::at(link.line, 1),
                            format!("malformed URL `{}`", link.url),
                        )
                        .with_label(problem)
                        .with_focus(&link.url)
                        .with_help("write the full address, such as https://example.com/post"),
                    );
                }
            }
        }
    }
}

/// Problems of one kind shown when `--all` is not given.
pub const EXAMPLES: usize = 3;

/// At most [`EXAMPLES`] problems of each kind ([`crate::stats::kind`]), in
/// their order, and a line per kind saying how many more there are.
pub fn examples(found: Vec<&Diagnostic>) -> (Vec<&Diagnostic>, String) {
    let mut seen: BTreeMap<(Severity, String), usize> = BTreeMap::new();
    let mut shown = Vec::new();
    for diagnostic in found {
        let n = seen.entry((diagnostic.severity, crate::stats::kind(&diagnostic.message))).or_default();
        *n += 1;
        if *n <= EXAMPLES {
            shown.push(diagnostic);
        }
    }
    let mut more = String::new();
    for ((_, kind), n) in seen.into_iter().filter(|(_, n)| *n > EXAMPLES) {
        let _ = writeln!(more, "{} more of `{kind}` (--all shows every one)", n - EXAMPLES);
    }
    (shown, more)
}

/// Schemes of absolute URLs that are not web pages but work as links.
const OTHER_SCHEMES: [&str; 8] = ["mailto", "ftp", "ftps", "sftp", "irc", "ircs", "news", "xmpp"];

/// Why a link's URL would not work in a feed, if it would not.
fn url_problem(url: &str) -> Option<String> {
    if is_plain_web(url) {
        return None;
    }
    match url::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.host_str().is_some() => None,
        Ok(parsed) if OTHER_SCHEMES.contains(&parsed.scheme()) => None,
        Ok(parsed) => Some(format!("expected an http or https URL, found a `{}:` URL", parsed.scheme())),
        Err(url::ParseError::RelativeUrlWithoutBase) => Some("expected an absolute URL, found a relative one".into()),
        Err(e) => Some(format!("expected a URL: {e}")),
    }
}

/// Whether `url` is plainly an http(s) URL with a host, as [`url::Url::parse`]
/// reads it, found without parsing it: `http://` or `https://`, a host of
/// ASCII letters, digits, hyphens and dots whose last label starts with a
/// letter (no IPv4 address) and holds no `xn--` (no Punycode to decode),
/// then the end or `/`, `?`, `#`; what follows the host never fails the
/// parse. Most links are such; the others are parsed.
fn is_plain_web(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else { return false };
    let host = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let last = host.trim_end_matches('.').rsplit('.').next().unwrap_or("");
    last.starts_with(|c: char| c.is_ascii_alphabetic())
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !host.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"xn--"))
}

/// How many sections `check` warns of as seen in no other issue, from the
/// number of times each canonical section name is used in an archive of
/// `issues` issues.
pub fn rare_section_count<'a>(uses: impl IntoIterator<Item = (&'a str, usize)>, issues: usize) -> usize {
    match issues < MIN_ISSUES_FOR_RARE_SECTIONS {
        true => 0,
        false => uses.into_iter().filter(|&(name, n)| n == 1 && !name.is_empty()).count(),
    }
}

fn rare_sections(archive: &Archive, found: &mut Vec<Diagnostic>) {
    if archive.issues.len() < MIN_ISSUES_FOR_RARE_SECTIONS {
        return;
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for issue in &archive.issues {
        for section in &issue.sections {
            *seen.entry(section.canonical.as_str()).or_default() += 1;
        }
    }
    for issue in &archive.issues {
        for section in issue.sections.iter().filter(|s| !s.name.is_empty() && seen[s.canonical.as_str()] == 1) {
            let close = seen
                .iter()
                .filter(|(name, count)| **count > 1 && **name != section.canonical)
                .map(|(name, _)| (strsim::jaro_winkler(&name.to_lowercase(), &section.canonical.to_lowercase()), *name))
                .filter(|(score, _)| *score >= CLOSE_NAME)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let mut diagnostic = Diagnostic::new(
                Severity::Warning,
                &issue.source,
                Spot { line: section.line, column: 1, width: section.name.chars().count() },
                format!("section `{}` appears in no other issue", section.name),
            )
            .with_label("seen once in the whole archive")
            .with_focus(&section.name);
            diagnostic = match close {
                Some((_, name)) => {
                    diagnostic.with_help(format!("did you mean `{name}`? ({} issues use it)", seen[name]))
                }
                None => diagnostic.with_help("if it is a typo, rename it; if it is a new section, all is well"),
            };
            found.push(diagnostic);
        }
    }
}

/// Reads the lines the warnings point at (errors carry theirs already).
/// Warnings without a label are about a whole file and show no line.
fn attach_source_lines(found: &mut [Diagnostic]) {
    let mut texts: HashMap<std::path::PathBuf, Option<String>> = HashMap::new();
    for diagnostic in found.iter_mut().filter(|d| d.source_line.is_none() && !d.label.is_empty()) {
        let text =
            texts.entry(diagnostic.path.clone()).or_insert_with(|| std::fs::read_to_string(&diagnostic.path).ok());
        if let Some(line) = text.as_deref().and_then(|t| line_text(t, diagnostic.spot.line)) {
            diagnostic.set_source_line(line);
        }
    }
}

/// The closing summary: issues, items, date range, sections with counts.
pub fn summary(archive: &Archive, found: &[Diagnostic]) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut out = String::new();
    let items: usize = archive.issues.iter().map(|i| i.items().count()).sum();
    let _ = write!(out, "{}, {}", plural(archive.issues.len(), "issue"), plural(items, "item"));
    if let (Some(first), Some(last)) = (archive.issues.first(), archive.issues.last()) {
        let _ = write!(out, ", {} to {}", first.date.format("%Y-%m-%d"), last.date.format("%Y-%m-%d"));
    }
    let mut sections: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for section in archive.issues.iter().flat_map(|i| &i.sections) {
        let entry = sections.entry(&section.canonical).or_default();
        entry.0 += 1;
        entry.1 += section.items.len();
    }
    out.push_str("\nsections (issues, items):");
    for (name, (issues, items)) in sections {
        let name = if name.is_empty() { "(no heading)" } else { name };
        let _ = write!(out, "\n  {name}: {issues}, {items}");
    }
    let errors = found.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = found.len() - errors;
    let _ = write!(out, "\n{}, {}", plural(errors, "error"), plural(warnings, "warning"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_web_urls_are_those_the_parser_takes() {
        let plain = ["https://example.com", "http://a.b-c.org/x y?q=1#f", "https://Example.COM.", "http://a..b/"];
        let parsed = [
            "https://1.2.3.4/",
            "https://999.1.1.1/",
            "http://a.0x1/",
            "https://xn--zz.com/",
            "https://a.XN--zz/",
            "https://u@a.com/",
            "https://a.com:80/",
            "https:///a.com",
            "https://exa mple.com",
            "https://",
            "HTTPS://a.com",
            "https://a.com\\x",
            "https://é.com/",
        ];
        for url in plain {
            assert!(is_plain_web(url), "{url}");
            let parsed = url::Url::parse(url).unwrap();
            assert!(matches!(parsed.scheme(), "http" | "https") && parsed.host_str().is_some(), "{url}");
        }
        for url in parsed {
            assert!(!is_plain_web(url), "{url}");
        }
    }

    #[test]
    fn url_problems() {
        assert_eq!(url_problem("https://example.com/a"), None);
        assert_eq!(url_problem("mailto:editor@example.com"), None);
        assert_eq!(url_problem("irc://irc.libera.chat/rust"), None);
        assert_eq!(url_problem("ftp://ftp.example.org/pub/"), None);
        assert_eq!(url_problem("/relative/path").as_deref(), Some("expected an absolute URL, found a relative one"));
        assert_eq!(
            url_problem("javascript:alert(1)").as_deref(),
            Some("expected an http or https URL, found a `javascript:` URL")
        );
        assert!(url_problem("http//broken").is_some());
        assert!(url_problem("https://exa mple.com").is_some());
    }
}
