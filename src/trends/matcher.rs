//! Finding the mentions of topics in a text.
//!
//! A term matches as a whole word, case-insensitively, and also with a
//! trailing `s` (only `s`: `meshes` needs its own term), unless the term
//! says otherwise ([`Term`]). The words of a
//! phrase match across one space, line break or hyphen: `service mesh`
//! matches `Service Mesh`, `service-mesh` and `service` at the end of a line
//! followed by `mesh`. A topic without terms matches its own name.

use regex::Regex;

use crate::config::{Term, Topic};

/// What may stand between the words of a phrase: one space (or tab, or
/// no-break space), one line break, or one hyphen.
const WORD_GAP: &str = r"(?:[ \t\u{a0}]|\r?\n|-)";

/// Finds the mentions of each topic in a text.
#[derive(Debug, Clone)]
pub struct Matcher {
    topics: Vec<Regex>,
}

impl Matcher {
    /// One pattern per topic, in the order given.
    pub fn new(topics: &[Topic]) -> Result<Matcher, regex::Error> {
        let topics = topics.iter().map(|topic| Regex::new(&topic_pattern(topic))).collect::<Result<_, _>>()?;
        Ok(Matcher { topics })
    }

    /// Mentions of topic `index` in `text`.
    pub fn count(&self, index: usize, text: &str) -> usize {
        self.topics[index].find_iter(text).count()
    }

    /// Whether `text` mentions topic `index` at all.
    pub fn mentions(&self, index: usize, text: &str) -> bool {
        self.topics[index].is_match(text)
    }

    pub fn len(&self) -> usize {
        self.topics.len()
    }

    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
    }
}

/// `\b(?:term|term…)\b`, longest terms first.
fn topic_pattern(topic: &Topic) -> String {
    let own_name;
    let terms = if topic.terms.is_empty() {
        own_name = [Term::from(topic.name.as_str())];
        &own_name[..]
    } else {
        &topic.terms[..]
    };
    let mut alternatives: Vec<String> = terms.iter().map(term_pattern).collect();
    alternatives.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    format!(r"\b(?:{})\b", alternatives.join("|"))
}

/// One term: its words, literal, joined by [`WORD_GAP`]; the plural and the
/// case inside the group, so `DOCKERS` matches `docker`.
fn term_pattern(term: &Term) -> String {
    let words: Vec<String> =
        term.text.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).map(regex::escape).collect();
    let flags = if term.case_sensitive { "" } else { "i" };
    let plural = if term.plural { "s?" } else { "" };
    format!("(?{flags}:{}{plural})", words.join(WORD_GAP))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(terms: &[&str]) -> Matcher {
        let topic = Topic { name: "T".into(), terms: terms.iter().map(|&t| Term::from(t)).collect() };
        Matcher::new(&[topic]).unwrap()
    }

    #[test]
    fn whole_words_case_insensitive_with_plural() {
        let m = matcher(&["docker", "dockerfile", "dockercon"]);
        assert_eq!(m.count(0, "Docker, DOCKERFILES and DockerCon"), 3);
        assert_eq!(m.count(0, "docker-compose up"), 1);
        assert_eq!(m.count(0, "dockerised dockers"), 1);
        assert_eq!(m.count(0, "undocker"), 0);
    }

    #[test]
    fn plural_of_unikernel() {
        let m = matcher(&["unikernel"]);
        assert_eq!(m.count(0, "The Road To Unikernels: why unikernels and a unikernel"), 3);
    }

    #[test]
    fn terms_are_literal() {
        let m = matcher(&["c++"]);
        assert_eq!(m.count(0, "c++ and cxx"), 0, "`\\b` after `+` needs a word character next");
        let m = matcher(&["k8s"]);
        assert_eq!(m.count(0, "K8s and k8sx"), 1);
        let m = matcher(&["node.js"]);
        assert_eq!(m.count(0, "Node.js, nodexjs"), 1);
    }

    #[test]
    fn phrases_match_across_one_space_line_break_or_hyphen() {
        let m = matcher(&["service mesh"]);
        assert_eq!(m.count(0, "a Service Mesh, service-mesh and service\nmesh"), 3);
        assert_eq!(m.count(0, "service meshs, service meshes"), 1, "the plural is a trailing `s` only");
        assert_eq!(m.count(0, "service\r\nmesh"), 1);
        assert_eq!(m.count(0, "service  mesh, service\n\nmesh, service, mesh, servicemesh"), 0);
        assert_eq!(m.count(0, "microservice mesh, service meshed"), 0);
        // A hyphen in the term is a word gap too.
        let m = matcher(&["continuous-delivery"]);
        assert_eq!(m.count(0, "Continuous delivery and continuous-delivery"), 2);
    }

    #[test]
    fn mentions_is_a_count_above_zero() {
        let m = matcher(&["service mesh", "docker"]);
        for text in ["", "Docker", "dockerd", "a service\nmesh", "service  mesh", "DOCKERS and docker"] {
            assert_eq!(m.mentions(0, text), m.count(0, text) > 0, "{text:?}");
        }
    }

    #[test]
    fn case_sensitive_term_without_plural() {
        let go = Term { text: "Go".into(), case_sensitive: true, plural: false };
        let topic = Topic { name: "Go".into(), terms: vec![go, Term::from("golang")] };
        let m = Matcher::new(&[topic]).unwrap();
        assert_eq!(m.count(0, "Go is fun; go and see, GO, Gos, Golang, GOLANGs"), 3);
    }

    #[test]
    fn topic_without_terms_matches_its_name() {
        let m = Matcher::new(&["Rust".parse().unwrap(), "Service Mesh".parse().unwrap()]).unwrap();
        assert_eq!(m.count(0, "rust, Rusts, trust"), 2);
        assert_eq!(m.count(1, "service-mesh"), 1);
    }
}
