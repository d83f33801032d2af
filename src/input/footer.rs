//! Where an issue's footer starts: in the last section, the first paragraph
//! with a prose line that repeats a line of the intro or of an earlier
//! section (a sponsor's or the newsletter's own sign-off), or that matches a
//! footer pattern.
//!
//! Not here: the sections before it ([`super::markdown`]).

use regex::RegexSet;
use rustc_hash::FxHashSet as HashSet;

use super::blocks::{Block, Kind};
use super::collapse::Collapser;
use super::text::{Ev, lowercase, lowercase_into, plain_into, plain_text, split_lines};

/// Fewest words a line needs before its repetition marks the footer.
pub(super) const MIN_REPEAT_WORDS: usize = 4;

/// Index of the first block of the footer (`blocks.len()` when none).
pub(super) fn find_footer(blocks: &[Block], last_section: usize, patterns: &RegexSet) -> usize {
    let start = (last_section + 1).min(blocks.len());
    let tail: Vec<Option<Vec<String>>> =
        blocks[start..].iter().map(|b| (b.kind == Kind::Paragraph).then(|| prose_lines(&b.events))).collect();
    // Only a line of the tail that is long enough can repeat an earlier
    // line: the earlier lines are checked against those alone.
    let wanted: HashSet<&str> =
        tail.iter().flatten().flatten().filter(|l| is_long_enough(l)).map(String::as_str).collect();
    let earlier = if wanted.is_empty() { HashSet::default() } else { repeated(&blocks[..last_section], &wanted) };
    let is_footer = |line: &String| earlier.contains(line.as_str()) || patterns.is_match(line);
    tail.iter()
        .position(|lines| lines.as_ref().is_some_and(|lines| lines.iter().any(is_footer)))
        .map_or(blocks.len(), |i| start + i)
}

/// The lines of `wanted` that are prose lines of paragraphs of `blocks`
/// (as [`prose_lines`] makes them). Each line is made in one reused buffer,
/// and an ASCII line whose length no wanted line has is not lowercased.
fn repeated<'w>(blocks: &[Block], wanted: &HashSet<&'w str>) -> HashSet<&'w str> {
    let mut lengths: Vec<usize> = wanted.iter().map(|l| l.len()).collect();
    lengths.sort_unstable();
    lengths.dedup();
    let mut found = HashSet::default();
    let mut text = Collapser::default();
    let mut lower = String::new();
    for block in blocks.iter().filter(|b| b.kind == Kind::Paragraph) {
        for line in split_lines(&block.events[1..block.events.len() - 1]) {
            if line.links_only {
                continue;
            }
            text.clear();
            plain_into(line.events, None, usize::MAX, &mut text);
            let line = if text.out.is_ascii() {
                if lengths.binary_search(&text.out.len()).is_err() {
                    continue;
                }
                text.out.make_ascii_lowercase();
                &text.out
            } else {
                lowercase_into(&text.out, &mut lower);
                &lower
            };
            if let Some(line) = wanted.get(line.as_str()) {
                found.insert(*line);
            }
        }
    }
    found
}

/// Whether a line has enough words for its repetition to mark the footer.
fn is_long_enough(line: &str) -> bool {
    // As many words as `line.split(' ')` gives.
    memchr::memchr_iter(b' ', line.as_bytes()).count() + 1 >= MIN_REPEAT_WORDS
}

/// The normalised text of each prose line of a paragraph block.
fn prose_lines(events: &[Ev]) -> Vec<String> {
    split_lines(&events[1..events.len() - 1])
        .into_iter()
        .filter(|line| !line.links_only)
        .map(|line| lowercase(plain_text(line.events)))
        .filter(|text| !text.is_empty())
        .collect()
}
