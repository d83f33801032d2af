//! Which issues hold each feed's newest entries: the issues the feeds
//! show, whatever the archive's size. Which feeds an item goes in is
//! [`ItemFeeds`]'s to say, as for the feeds themselves.

use std::collections::{BTreeSet, HashMap, VecDeque};

use anyhow::Result;

use super::{Collect, Cx, Parsed};

#[derive(serde::Serialize, serde::Deserialize)]
pub struct FeedIssues {
    limit: usize,
    issue_limit: usize,
    /// Per section name, then per topic: `(issue, entries in it)`, oldest first.
    sections: HashMap<String, VecDeque<(usize, usize)>>,
    topics: Vec<VecDeque<(usize, usize)>>,
    issues: VecDeque<usize>,
}

impl FeedIssues {
    /// Every issue a feed shows, oldest first.
    pub fn issues(&self) -> Vec<usize> {
        let all = self.sections.values().chain(&self.topics).flat_map(|q| q.iter().map(|&(i, _)| i));
        let set: BTreeSet<usize> = all.chain(self.issues.iter().copied()).collect();
        set.into_iter().collect()
    }

    fn section(&mut self, name: &str) -> &mut VecDeque<(usize, usize)> {
        if !self.sections.contains_key(name) {
            self.sections.insert(name.to_owned(), VecDeque::new());
        }
        self.sections.get_mut(name).expect("inserted above")
    }

    fn push_issue(&mut self, at: usize) {
        self.issues.push_back(at);
        if self.issues.len() > self.issue_limit {
            self.issues.pop_front();
        }
    }
}

impl Collect for FeedIssues {
    fn empty(cx: &Cx) -> FeedIssues {
        FeedIssues {
            limit: cx.config.feed_limit,
            issue_limit: cx.config.issue_feed_limit,
            sections: HashMap::new(),
            topics: vec![VecDeque::new(); cx.config.topics.len()],
            issues: VecDeque::new(),
        }
    }

    fn add(&mut self, _: &Cx, parsed: &Parsed) -> Result<()> {
        let limit = self.limit;
        for (section, items) in parsed.issue.sections.iter().zip(&parsed.feeds.topics) {
            if section.feed && !items.is_empty() {
                push(self.section(&section.canonical), parsed.at, items.len(), limit);
            }
        }
        for (t, queue) in self.topics.iter_mut().enumerate() {
            let n = parsed.feeds.topics.iter().flatten().filter(|topics| topics.contains(&t)).count();
            if n > 0 {
                push(queue, parsed.at, n, limit);
            }
        }
        self.push_issue(parsed.at);
        Ok(())
    }

    fn merge(&mut self, later: FeedIssues) {
        let limit = self.limit;
        for (name, queue) in later.sections {
            let mine = self.section(&name);
            for (at, n) in queue {
                push(mine, at, n, limit);
            }
        }
        for (mine, queue) in self.topics.iter_mut().zip(later.topics) {
            for (at, n) in queue {
                push(mine, at, n, limit);
            }
        }
        for at in later.issues {
            self.push_issue(at);
        }
    }
}

/// Adds `n` entries of issue `at`, then drops the oldest issues whose
/// entries the newer ones push out of a feed of `limit`.
fn push(queue: &mut VecDeque<(usize, usize)>, at: usize, n: usize, limit: usize) {
    queue.push_back((at, n));
    let mut total: usize = queue.iter().map(|&(_, n)| n).sum();
    while let Some(&(_, oldest)) = queue.front() {
        if total - oldest < limit {
            break;
        }
        total -= oldest;
        queue.pop_front();
    }
}
