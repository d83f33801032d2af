//! The body of an issue (everything after the front matter): the intro,
//! the sections, their items and links, and the footer.
//!
//! The body is parsed once with pulldown-cmark; every item keeps the events
//! it was made of, which render to its HTML and give its text and links.
//! Rules (documented in the README, "How issues are read"):
//!
//! - Sections are the headings of the shallowest level used; deeper headings
//!   are sub-sections. A heading that repeats the title is skipped.
//! - An item is one or more prose paragraphs and the link lines after them.
//!   A paragraph is one item however many inline links it has; a line
//!   starting a new sentence right after a link line, or a paragraph after
//!   an item with prose and links, starts a new item. Each top-level bullet
//!   is an item, unless every bullet is a bare link and they follow prose
//!   that has no link yet: then they are that prose's links. Reference
//!   links resolve against definitions anywhere in the body.
//! - In the last section, the first paragraph that repeats a line of the
//!   intro or of an earlier section, or matches a footer pattern, starts
//!   the footer.

use pulldown_cmark::{Event, HeadingLevel, Tag};
use regex::RegexSet;

use super::blocks::{Block, Kind, bullet_spans, top_level_blocks};
use super::collapse::collapse_whitespace;
use super::draft::has_link;
use super::footer::find_footer;
use super::items::{Items, finish_section};
pub use super::sanitize::Sanitizer;
use super::sanitize::is_plain_url;
use super::shape::repeats_title;
use super::structure::{Profile, is_date_heading};
use super::text::*;
use crate::error::{ErrorKind, LineIndex};
use crate::model::Section;

/// What the body of an issue holds.
#[derive(Debug, Default)]
pub struct Body {
    pub intro_html: String,
    pub intro_text: String,
    pub sections: Vec<Section>,
    pub footer_html: String,
}

/// What the body parser needs to know besides the text.
pub struct BodyContext<'c> {
    /// The title and number, to skip headings that repeat them.
    pub title: &'c str,
    pub number: Option<u32>,
    /// Compiled `footer_patterns`.
    pub footer_patterns: &'c RegexSet,
    /// Maps a section name as written to the name it is published under.
    pub canonical: &'c dyn Fn(&str) -> String,
    /// Cleans HTML that markdown alone would not make safe.
    pub sanitizer: &'c Sanitizer,
    /// What the whole archive says: section level, boilerplate, feeds.
    pub profile: &'c Profile,
}

/// Parses a body. `first_line` is the line number of `body`'s first line in
/// its file. A body without a section heading is one section without a name.
pub fn parse_body(body: &str, first_line: usize, cx: &BodyContext) -> Result<Body, (ErrorKind, usize)> {
    let lines = LineIndex::new(body);
    let line = |offset: usize| lines.line(offset) + first_line - 1;
    let blocks = top_level_blocks(body);

    let roles = heading_roles(&blocks, cx);
    let is_section = |i: usize| roles[i] == Role::Section;
    let last_section = (0..blocks.len()).rposition(is_section).unwrap_or(0);
    let footer_start = find_footer(&blocks, last_section, cx.footer_patterns);

    let mut body = Sections::new(cx, &line);
    if !roles.contains(&Role::Section) {
        // No section heading: the whole body is one section without a name.
        body.section = Some((new_section(String::new(), String::new(), first_line, false), Items::default()));
    }
    for (i, block) in blocks[..footer_start].iter().enumerate() {
        match roles[i] {
            Role::Title => {}
            Role::Section => body.open_section(block),
            _ => body.add(block),
        }
    }
    let mut result = body.finish();
    let footer: Vec<Ev> = blocks[footer_start..]
        .iter()
        .filter(|b| b.kind != Kind::Comment)
        .flat_map(|b| b.events.iter().cloned())
        .collect();
    result.footer_html = cx.sanitizer.html(strip_markup(footer));
    drop_template_leads(&mut result.sections, cx.profile);
    Ok(result)
}

/// A section as its heading (or its absence) opens it, without items yet.
fn new_section(name: String, canonical: String, line: usize, feed: bool) -> Section {
    Section {
        name,
        canonical,
        // Named by the archive as a whole (`names::section_slugs`), not by one file.
        slug: String::new(),
        line,
        items: Vec::new(),
        feed,
        boilerplate_html: String::new(),
        boilerplate: 0,
        subsection_links: Vec::new(),
    }
}

/// The sections of a body being read, block by block, before the footer.
struct Sections<'b, 'c, 'l> {
    cx: &'b BodyContext<'c>,
    line: &'l dyn Fn(usize) -> usize,
    result: Body,
    /// The blocks before the first section.
    intro: Vec<Ev<'b>>,
    section: Option<(Section, Items<'b>)>,
    subsections: Vec<(HeadingLevel, String)>,
    /// The current section's template blocks, and how many.
    boilerplate: Vec<Ev<'b>>,
    template_blocks: usize,
}

impl<'b, 'c, 'l> Sections<'b, 'c, 'l> {
    fn new(cx: &'b BodyContext<'c>, line: &'l dyn Fn(usize) -> usize) -> Self {
        Sections {
            cx,
            line,
            result: Body::default(),
            intro: Vec::new(),
            section: None,
            subsections: Vec::new(),
            boilerplate: Vec::new(),
            template_blocks: 0,
        }
    }

    /// Closes the current section, if any, with its items.
    fn close_section(&mut self) {
        if let Some((mut s, items)) = self.section.take() {
            s.boilerplate = std::mem::take(&mut self.template_blocks);
            let boilerplate = std::mem::take(&mut self.boilerplate);
            self.result.sections.push(finish_section(s, items, boilerplate, self.line, self.cx.sanitizer));
        }
    }

    fn open_section(&mut self, heading: &Block<'b>) {
        self.close_section();
        self.subsections.clear();
        let name = plain_text(&heading.events);
        let canonical = (self.cx.canonical)(&name);
        let feed = self.cx.profile.has_feed(&canonical);
        self.section = Some((new_section(name, canonical, (self.line)(heading.start), feed), Items::default()));
    }

    /// A block inside a section (or before the first: the intro).
    fn add(&mut self, block: &Block<'b>) {
        let profile = self.cx.profile;
        let Some((current, items)) = self.section.as_mut() else {
            self.intro.extend(block.events.iter().cloned());
            return;
        };
        match block.kind {
            Kind::Heading(_) if has_link(&block.events) && !profile.recurs(&plain_text(&block.events)) => {
                items.push_heading(block);
            }
            Kind::Heading(level) => {
                items.finish();
                self.subsections.retain(|(l, _)| *l < level);
                self.subsections.push((level, plain_text(&block.events)));
                let path = self.subsections.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(" / ");
                if let Some(url) = first_link(&block.events) {
                    current.subsection_links.push((path.clone(), url));
                }
                items.subsection = Some(path);
            }
            Kind::Paragraph if profile.has_boilerplate() && profile.is_boilerplate(&plain_text(&block.events)) => {
                items.finish();
                self.boilerplate.extend(strip_markup(block.events.clone()));
                self.template_blocks += 1;
            }
            Kind::Paragraph => items.push_paragraph(block),
            Kind::List => match without_boilerplate(block, profile, &mut self.boilerplate, &mut self.template_blocks) {
                Kept::All => items.push_list(block),
                Kept::Some(kept) => items.push_list(&kept),
                Kept::None => items.finish(),
            },
            Kind::Rule => items.finish(),
            Kind::Comment => {}
            Kind::Other => items.push_other(block),
        }
    }

    /// The body so far: its sections and intro (the footer is the caller's).
    fn finish(mut self) -> Body {
        self.close_section();
        let intro = strip_markup(std::mem::take(&mut self.intro));
        self.result.intro_text = plain_text(&intro);
        self.result.intro_html = self.cx.sanitizer.html(intro);
        self.result
    }
}

/// A first sentence that recurs across the archive is the item's template:
/// it neither titles the item nor counts in it.
fn drop_template_leads(sections: &mut [Section], profile: &Profile) {
    for item in sections.iter_mut().flat_map(|s| &mut s.items) {
        if item.title_line.as_deref().is_some_and(|t| profile.is_template_lead(t)) {
            item.title_line = None;
        }
        if item.title_line.is_none() {
            let rest = profile.without_template_lead(&item.text);
            if rest.len() < item.text.len() {
                item.text = rest.to_owned();
            }
        }
    }
}

/// The URL of the first link of some events, when it is an absolute
/// http(s) or mailto URL (the page shows it as it is, unsanitised).
fn first_link(events: &[Ev]) -> Option<String> {
    events.iter().find_map(|(e, _)| match e {
        Event::Start(Tag::Link { dest_url, .. }) if is_plain_url(dest_url) => Some(dest_url.to_string()),
        _ => None,
    })
}

/// What a heading block is in its issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Not a heading.
    Block,
    /// Repeats the title or number: skipped.
    Title,
    /// Starts a section.
    Section,
    /// A sub-section, a date, or (holding a link) an item.
    Inner,
}

/// The role of each block. Sections are the headings at the archive's
/// section level or shallower; an issue with none there takes its own
/// shallowest level (old issues of an archive that changed its layout).
/// Headings that repeat the title, and dates, are never sections.
fn heading_roles(blocks: &[Block], cx: &BodyContext) -> Vec<Role> {
    let title = collapse_whitespace(cx.title).to_lowercase();
    let mut roles: Vec<Role> = blocks
        .iter()
        .map(|b| match b.heading_level() {
            None => Role::Block,
            Some(_) => {
                let text = plain_text(&b.events);
                if repeats_title(&text, &title, cx.number) {
                    Role::Title
                } else if is_date_heading(&text) {
                    Role::Inner
                } else {
                    Role::Section
                }
            }
        })
        .collect();
    let levels =
        || blocks.iter().zip(&roles).filter(|(_, r)| **r == Role::Section).filter_map(|(b, _)| b.heading_level());
    let archive = cx.profile.section_level.filter(|&l| levels().any(|level| level <= l));
    let Some(deepest) = archive.or_else(|| levels().min()) else { return roles };
    for (block, role) in blocks.iter().zip(&mut roles) {
        if *role == Role::Section && block.heading_level().is_some_and(|l| l > deepest) {
            *role = Role::Inner;
        }
    }
    roles
}

/// What is left of a list block once its boilerplate bullets are out.
enum Kept<'a> {
    /// Every bullet: the block as it is.
    All,
    /// Some bullets, as a block of their own.
    Some(Block<'a>),
    /// None: every bullet is boilerplate.
    None,
}

/// A list block without its boilerplate bullets, which go to `boilerplate`
/// (and are counted in `count`).
fn without_boilerplate<'a>(
    block: &Block<'a>,
    profile: &Profile,
    boilerplate: &mut Vec<Ev<'a>>,
    count: &mut usize,
) -> Kept<'a> {
    if !profile.has_boilerplate() {
        return Kept::All;
    }
    let bullets = bullet_spans(&block.events);
    let is_template: Vec<bool> =
        bullets.iter().map(|r| profile.is_boilerplate(&plain_text(&block.events[r.clone()]))).collect();
    if !is_template.contains(&true) {
        return Kept::All;
    }
    *count += is_template.iter().filter(|t| **t).count();
    let (first, last) = (&block.events[0], &block.events[block.events.len() - 1]);
    let mut kept = vec![first.clone()];
    boilerplate.push(first.clone());
    for (span, template) in bullets.iter().zip(is_template) {
        let to = if template { &mut *boilerplate } else { &mut kept };
        to.extend(strip_markup(block.events[span.clone()].to_vec()));
    }
    boilerplate.push(last.clone());
    if kept.len() == 1 {
        return Kept::None;
    }
    kept.push(last.clone());
    Kept::Some(Block { kind: block.kind, start: kept[1].1.start, events: kept })
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "markdown_items_tests.rs"]
mod items_tests;

#[cfg(test)]
#[path = "markdown_reference_tests.rs"]
mod reference_tests;
