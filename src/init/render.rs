//! The configuration file, with a comment on every key.

use super::{Findings, TitleSource, Why};

/// Longest line written, where lines can be cut.
const WIDTH: usize = 88;
/// Boilerplate texts listed.
const BOILERPLATE_SHOWN: usize = 15;
/// Recurring and one-off section names listed.
const SECTIONS_SHOWN: usize = 40;
const ONE_OFF_SHOWN: usize = 20;

/// A TOML string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// A TOML array of strings: on one line when it fits in [`WIDTH`], else one
/// line per [`WIDTH`] of items, indented.
fn array(key: &str, items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    let one_line = format!("{key} = [{}]", quoted.join(", "));
    if one_line.chars().count() <= WIDTH {
        return one_line;
    }
    let mut out = format!("{key} = [\n");
    wrap(&quoted, ",", "  ", &mut |l| {
        out.push_str(l);
        out.push('\n');
    });
    out.push(']');
    out
}

/// Writes `parts` joined by `separator` and a space, in lines of at most
/// [`WIDTH`] characters starting with `prefix`.
fn wrap(parts: &[String], separator: &str, prefix: &str, line: &mut impl FnMut(&str)) {
    let mut current = String::new();
    for (i, part) in parts.iter().enumerate() {
        let piece = if i + 1 < parts.len() { format!("{part}{separator}") } else { part.clone() };
        if !current.is_empty() && current.chars().count() + 1 + piece.chars().count() > WIDTH {
            line(&current);
            current.clear();
        }
        if current.is_empty() {
            current.push_str(prefix);
        } else {
            current.push(' ');
        }
        current.push_str(&piece);
    }
    if !current.is_empty() {
        line(&current);
    }
}

/// `1 file`, `2 files`.
pub(super) fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") }
}

/// Text fit for one comment line: no line breaks or control characters, at
/// most `max` characters.
fn comment_text(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat: String = flat.chars().filter(|c| !c.is_control()).collect();
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// The configuration file for `findings`, with a comment on every key.
pub fn render(f: &Findings) -> String {
    let mut s = String::new();
    let mut line = |text: &str| {
        s.push_str(text);
        s.push('\n');
    };
    render_head(f, &mut line);
    render_structure(f, &mut line);
    render_sections(f, &mut line);
    render_boilerplate(f, &mut line);
    render_lists(f, &mut line);
    if !f.topics.is_empty() {
        render_topics(f, &mut line);
    }
    s
}

/// What was read, and the newsletter's own keys: title, description,
/// author and base URL.
fn render_head(f: &Findings, line: &mut impl FnMut(&str)) {
    line("# trendfeed configuration, written by `trendfeed init` from what it read in the archive.");
    let dates = f.dates.map(|(a, b)| format!(", {a} to {b}")).unwrap_or_default();
    line(&format!("# {} issues{dates}.", f.issues));
    if f.unreadable > 0 {
        line(&format!(
            "# {} could not be read and left out: `trendfeed check` says why.",
            plural(f.unreadable, "file")
        ));
    }
    line("# Edit anything below; every key left out takes its default (see trendfeed's README).");
    line("");
    let from = match &f.title_source {
        TitleSource::FrontMatter(key) => format!("the front-matter key `{key}` of most issues"),
        TitleSource::IssueTitles => "the words most issue titles start with".to_owned(),
        TitleSource::Folder => "the archive folder's name: the issue titles share no name".to_owned(),
    };
    line("# Site title: the first part of every feed title and the heading of the pages.");
    line(&format!("# From {from}."));
    line(&format!("title = {}", quoted(&f.title)));
    line("");
    line("# One sentence about the archive: the feeds' description.");
    line(&format!("description = {}", quoted(&super::description(&f.title))));
    line("");
    line("# Author named in the feeds (Atom requires one).");
    line(&format!("author = {}", quoted(&f.title)));
    line("");
    line("# The address the contents of out/ are published at: feed links and entry ids");
    line("# derive from it. SET IT before publishing. Absolute, ending with \"/\".");
    line("base_url = \"http://localhost:8000/\"");
    line("");
}

/// The word and name lists: excluded sections, emerging stop words, no
/// topics when none were found, and section aliases.
fn render_lists(f: &Findings, line: &mut impl FnMut(&str)) {
    line("# Sections whose items are not counted in the trends and emerging terms (their");
    line("# feeds stay). Suggested: the sections whose names look sponsor- or job-like");
    line("# (a word starting with sponsor, advertis, partner, job, hiring, career, donat or");
    line("# patreon; ad, ads; support us, work with us) among the recurring sections.");
    line(&array("exclude_sections", &f.exclude_sections));
    line("");
    line("# Words `trendfeed emerging` ignores besides English stop words and numbers:");
    line("# words of the newsletter itself (its title's among them), which are not topics.");
    line(&array("emerging_stop_words", &f.stop_words));
    line("");
    if f.topics.is_empty() {
        line("# Topics whose mentions are counted over time: none found. Add them as");
        line("# [[topics]] tables: name = \"Rust\" and terms = [\"rust\", \"cargo\"].");
        // An empty list, so that the built-in topics do not apply.
        line("topics = []");
        line("");
    }
    line("# Section names to publish under another name. Names that differ only in case");
    line("# or punctuation are merged without an entry here. Example:");
    line("# \"CNCF - Cloud Native Computing Foundation\" = \"CNCF\"");
    line("[section_aliases]");
    line("");
}

/// How the archive is read: the heading level that holds sections.
fn render_structure(f: &Findings, line: &mut impl FnMut(&str)) {
    let y = f.sampled;
    line("# How the archive is read. trendfeed infers its structure on every run; these");
    line("# keys override what it infers.");
    line("#");
    line("# The heading level (1 for `#`, 2 for `##`…) that holds sections: the level most");
    line("# issues use for headings that recur across issues. Left commented, it is");
    line("# inferred again on every run; uncomment the line to fix it.");
    let used: Vec<String> = (1..=6)
        .filter(|l| f.level_issues[l - 1] > 0)
        .map(|l| format!("{} in {}", "#".repeat(l), f.level_issues[l - 1]))
        .collect();
    if !used.is_empty() {
        line(&format!("# Issues with recurring headings at each level (of {y} read): {}.", used.join(", ")));
    }
    match f.section_level {
        Some(n) => {
            let x = f.level_issues.get(usize::from(n).saturating_sub(1)).copied().unwrap_or(0);
            line(&format!("# section_level = {n}  # inferred: {n}; issues using it: {x} of {y}"));
        }
        None => line("# section_level = 2  # inferred: none (no heading recurs): each issue's shallowest level"),
    }
    line("");
}

/// The sections found, recurring and seen once, and `min_section_issues`.
fn render_sections(f: &Findings, line: &mut impl FnMut(&str)) {
    let y = f.sampled;
    let recurring: Vec<_> = f.sections.iter().filter(|(_, n, _)| *n >= 2).collect();
    let one_off: Vec<_> = f.sections.iter().filter(|(_, n, _)| *n < 2).collect();
    let merged = f.sections.iter().filter(|(.., m)| !m.is_empty()).count();
    line(&format!(
        "# Sections: {} recurring, {} seen in one issue, {merged} written in more than one way.",
        recurring.len(),
        one_off.len()
    ));
    if !recurring.is_empty() {
        line(&format!("# Recurring sections, with the issues holding them (of {y} read):"));
        render_recurring(&recurring, line);
    }
    if !one_off.is_empty() {
        let mut names: Vec<String> =
            one_off.iter().take(ONE_OFF_SHOWN).map(|(n, ..)| format!("\"{}\"", comment_text(n, 40))).collect();
        let more = one_off.len().saturating_sub(ONE_OFF_SHOWN);
        if more > 0 {
            names.push(format!("and {more} more"));
        }
        line("# Seen in one issue (no feed of their own while min_section_issues is 2; their");
        line("# items stay on the issue pages, in the whole-issue and topic feeds):");
        wrap(&names, ",", "#  ", line);
    }
    line("#");
    line("# A section seen in fewer issues than this gets no feed of its own.");
    line("min_section_issues = 2");
    line("");
}

/// The table of recurring sections: name, issues, other spellings merged.
fn render_recurring(recurring: &[&(String, usize, Vec<String>)], line: &mut impl FnMut(&str)) {
    let width = recurring.iter().take(SECTIONS_SHOWN).map(|(n, ..)| comment_text(n, 50).chars().count()).max();
    for (name, n, merged) in recurring.iter().take(SECTIONS_SHOWN) {
        let name = comment_text(name, 50);
        let pad = width.unwrap_or(0).saturating_sub(name.chars().count());
        let also = if merged.is_empty() {
            String::new()
        } else {
            let spellings: Vec<String> = merged.iter().map(|m| format!("\"{}\"", comment_text(m, 50))).collect();
            format!("  (merged: {})", spellings.join(", "))
        };
        line(&format!("#   {name}{} {n:>5}{also}", " ".repeat(pad)));
    }
    if recurring.len() > SECTIONS_SHOWN {
        line(&format!("#   … and {} more", recurring.len() - SECTIONS_SHOWN));
    }
}

fn render_boilerplate(f: &Findings, line: &mut impl FnMut(&str)) {
    line(&format!(
        "# Boilerplate: paragraphs and bullets that recur in {} or more of the {} issues read",
        f.boilerplate_threshold, f.sampled
    ));
    line("# (a tenth, three at least) are template, not items: they stay on the issue");
    line("# pages, out of feeds and trends. Found without being listed:");
    if f.boilerplate.is_empty() {
        line("#   none");
    }
    for (text, n) in f.boilerplate.iter().take(BOILERPLATE_SHOWN) {
        line(&format!("#   {n:>5}  {}", comment_text(text, 70)));
    }
    if f.boilerplate.len() > BOILERPLATE_SHOWN {
        line(&format!("#   … and {} more", f.boilerplate.len() - BOILERPLATE_SHOWN));
    }
    line("# To mark more text as boilerplate, add regular expressions (Rust regex syntax);");
    line("# a paragraph or bullet whose text matches one is boilerplate. For example:");
    line("#   boilerplate_patterns = ['(?i)^discuss on ', '(?i)you would like to have featured']");
    line("boilerplate_patterns = []");
    line("");
}

fn render_topics(f: &Findings, line: &mut impl FnMut(&str)) {
    line("# Topics whose mentions are counted over time. A term matches as a whole word,");
    line("# case-insensitively, with or without a trailing \"s\"; a phrase matches across a");
    line("# space, line break or hyphen. Suggested: the terms in most items of the archive,");
    line("# then the terms that rose most lately (`trendfeed emerging`). Rename them, add");
    line("# terms (\"k8s\" to Kubernetes), remove what is not a topic.");
    line(&format!("# Emerging terms: the {} against the months before.", f.emerging_window));
    if let Some(reason) = &f.no_emerging {
        line(&format!("# No emerging term: {reason}."));
    }
    for topic in &f.topics {
        line("");
        match &topic.why {
            Why::Frequent { items, of } => {
                let share = if *of > 0 { 100.0 * *items as f64 / *of as f64 } else { 0.0 };
                line(&format!("# In {items} of {of} items ({share:.1}%)."));
            }
            Why::Emerging { recent_items, recent_months, recent_share, baseline_share } => line(&format!(
                "# Emerging: in {recent_items} items of the last {recent_months} months ({:.1}%), {:.1}% before.",
                100.0 * recent_share,
                100.0 * baseline_share
            )),
        }
        line("[[topics]]");
        line(&format!("name = {}", quoted(&topic.name)));
        line(&format!("terms = [{}]", quoted(&topic.term)));
    }
}
