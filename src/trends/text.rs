//! What is counted: the text of each counted item of an issue, the same for
//! topic trends and for emerging terms.
//!
//! An item is counted when its section is (`include_sections`,
//! `exclude_sections`); its title line and text count, its URLs do not, and
//! the texts of its links count unless `count_link_texts = false`. With
//! `count_intro = true`, the intro counts as one more item (link texts
//! included: the model keeps no links for the intro). The footer never counts.

use std::borrow::Cow;

use crate::config::Config;
use crate::model::{Issue, Item};

/// The texts of one counted item, searched one by one (a phrase does not
/// run from the title line into the text).
pub type CountedItem<'a> = Vec<Cow<'a, str>>;

/// The counted items of an issue, in order: the intro first when it counts.
pub fn counted_items<'a>(issue: &'a Issue, config: &Config) -> Vec<CountedItem<'a>> {
    let intro = counted_intro(issue, config).map(|intro| vec![intro]);
    let items = issue
        .sections
        .iter()
        .filter(|s| config.counts_section(&s.canonical))
        .flat_map(|s| &s.items)
        .map(|item| item_texts(item, config.count_link_texts));
    intro.into_iter().chain(items).collect()
}

/// The issue's intro, when it is counted (`count_intro`) and not blank.
pub fn counted_intro<'a>(issue: &'a Issue, config: &Config) -> Option<Cow<'a, str>> {
    (config.count_intro && !issue.intro_text.trim().is_empty()).then(|| Cow::from(&issue.intro_text))
}

/// The title line and the text of an item, without its link texts unless
/// `link_texts`.
pub fn item_texts(item: &Item, link_texts: bool) -> CountedItem<'_> {
    let text = if link_texts { Cow::from(&item.text) } else { without_link_texts(item) };
    item.title_line.as_deref().map(Cow::from).into_iter().chain(std::iter::once(text)).collect()
}

/// The item's text with the text of each of its links cut out, in order of
/// appearance (the text holds link texts as written, whitespace collapsed).
/// A cut leaves a line break, so words on either side do not join into a
/// phrase.
fn without_link_texts(item: &Item) -> Cow<'_, str> {
    let mut rest = item.text.as_str();
    let mut out = String::with_capacity(rest.len());
    for link in item.links.iter().filter(|l| !l.text.trim().is_empty()) {
        if let Some(at) = rest.find(link.text.as_str()) {
            out.push_str(&rest[..at]);
            out.push_str("\n\n");
            rest = &rest[at + link.text.len()..];
        }
    }
    if out.is_empty() {
        return Cow::from(&item.text);
    }
    out.push_str(rest);
    Cow::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Link;

    fn item(title: Option<&str>, text: &str, links: &[(&str, &str)]) -> Item {
        Item {
            title_line: title.map(str::to_owned),
            title_link: false,
            subsection: None,
            text: text.to_owned(),
            html: String::new(),
            links: links.iter().map(|&(url, text)| Link { url: url.into(), text: text.into(), line: 1 }).collect(),
            line: 1,
        }
    }

    #[test]
    fn link_texts_can_be_left_out() {
        let it = item(
            Some("Docker news"),
            "Read Docker 1.9 is out about Swarm, or Docker 1.9 is out again.",
            &[("https://a", "Docker 1.9 is out"), ("https://b", "https://b")],
        );
        assert_eq!(
            item_texts(&it, true),
            ["Docker news", "Read Docker 1.9 is out about Swarm, or Docker 1.9 is out again."]
        );
        assert_eq!(item_texts(&it, false), ["Docker news", "Read \n\n about Swarm, or Docker 1.9 is out again."]);
    }
}
