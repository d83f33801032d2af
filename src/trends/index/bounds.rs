//! How the term index keeps its memory bounded on any archive (see the
//! module above): the rarest keys dropped, the commonest kept as counts
//! per month, and those counts bounded too.

use super::{
    MAX_ID_BYTES, MAX_MONTH_COUNTS, MAX_TERMS, MIN_ITEMS, MonthCounts, MonthTable, Postings, TermIndex, month_table,
};

impl TermIndex {
    /// Keeps counts per month instead of ids for `key`, if it has ids;
    /// `months` is the month table of every issue added so far.
    pub(super) fn key_to_months(&mut self, key: &str, months: &MonthTable) {
        let Some(postings) = self.terms.get_mut(key) else { return };
        let Some(ids) = postings.ids() else { return };
        self.id_bytes -= postings.id_bytes();
        // Made at its size: many keys turn to counts at once, and the room
        // grown to spare would add up.
        let mut counts: MonthCounts = ids.iter().map(|&id| (months.of(id), 1)).collect();
        counts.shrink_to_fit();
        *postings = Postings::Months { count: ids.len() as u32, months: counts };
    }

    /// Keeps memory bounded: drops the rarest keys past [`MAX_TERMS`], and
    /// keeps counts instead of ids for the commonest past [`MAX_ID_BYTES`].
    pub(super) fn bound(&mut self) {
        if self.terms.len() > MAX_TERMS {
            let mut below = MIN_ITEMS;
            while self.terms.len() > MAX_TERMS / 2 {
                let dropped = &mut self.dropped;
                self.terms.retain(|key, postings| {
                    let keep = postings.count() >= below;
                    if !keep {
                        dropped.insert(key);
                    }
                    keep
                });
                below *= 2;
            }
        }
        if self.id_bytes > MAX_ID_BYTES {
            self.counts_for_largest(MAX_ID_BYTES / 2);
        }
        if self.month_counts() > MAX_MONTH_COUNTS {
            self.drop_counts_beyond(MAX_MONTH_COUNTS / 2);
        }
    }

    /// Counts per month held, of every key.
    fn month_counts(&self) -> usize {
        self.terms.values().map(Postings::month_counts).sum()
    }

    /// Drops the keys with counts per month in fewest items (then by key)
    /// until the counts held are at most `budget`: counts grow with the
    /// archive's months, and the page finds a dropped key in the texts.
    pub(super) fn drop_counts_beyond(&mut self, budget: usize) {
        let mut held = self.month_counts();
        if held <= budget {
            return;
        }
        let mut keys: Vec<(u32, Box<str>, usize)> = self
            .terms
            .iter()
            .filter(|(_, p)| p.month_counts() > 0)
            .map(|(k, p)| (p.count(), k.clone(), p.month_counts()))
            .collect();
        keys.sort();
        for (_, key, counts) in keys {
            if held <= budget {
                break;
            }
            self.terms.remove(&key);
            self.dropped.insert(&key);
            held -= counts;
        }
    }

    /// Turns the terms with most ids into counts per month until the ids
    /// take at most `budget` bytes: the largest first, then by key (the
    /// last first). Only the keys turned are copied: the index may hold
    /// hundreds of thousands.
    pub(super) fn counts_for_largest(&mut self, budget: usize) {
        if self.id_bytes <= budget {
            return;
        }
        let mut sizes: Vec<usize> = self.terms.values().map(Postings::id_bytes).filter(|&n| n > 0).collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        // The smallest size turned, and how many of that size are.
        let mut left = self.id_bytes;
        let mut smallest = 0;
        let mut of_smallest = 0;
        for size in sizes {
            if left <= budget {
                break;
            }
            if size != smallest {
                (smallest, of_smallest) = (size, 0);
            }
            of_smallest += 1;
            left -= size;
        }
        let mut largest: Vec<(usize, Box<str>)> = self
            .terms
            .iter()
            .map(|(k, p)| (p.id_bytes(), k))
            .filter(|&(n, _)| n >= smallest && n > 0)
            .map(|(n, k)| (n, k.clone()))
            .collect();
        largest.sort_by(|a, b| b.cmp(a));
        let turned = largest.iter().take_while(|(n, _)| *n > smallest).count() + of_smallest;
        let months = month_table(&self.issues);
        for (_, key) in largest.into_iter().take(turned) {
            self.key_to_months(&key, &months);
        }
    }
}
