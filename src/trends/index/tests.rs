use super::*;
use crate::trends::tests::issue;

fn config() -> Config {
    Config::from_toml("").unwrap()
}

fn ids(index: &ExploreIndex, key: &str) -> Option<Vec<u32>> {
    index.terms.get(key).and_then(Postings::ids)
}

#[test]
fn ids_round_trip() {
    let ids = [0u32, 1, 2, 31, 32, 33, 1023, 1024, 70_000, 4_000_000_000];
    let mut postings = Postings::Ids { next: 0, count: 0, bytes: Vec::new() };
    ids.iter().for_each(|&id| postings.push(id, 0));
    assert_eq!(postings.ids().unwrap(), ids);
    let Postings::Ids { bytes, .. } = &postings else { unreachable!() };
    assert_eq!(&bytes[..3], b"AAA", "gaps of 0 are one digit each");
    assert!(bytes.iter().all(|b| DIGITS.contains(b)));
}

/// Hand-counted: the `Sponsor` section is not counted, `dockers` is found
/// by `docker`, `docker-compose` holds the phrase `docker compose`.
#[test]
fn keys_hand_counted() {
    let issues = [
        issue("2015-01-05", 1, &["Docker and docker-compose", "Kubernetes", "nothing"]),
        issue("2015-01-26", 2, &["dockers", "k8s", "the Docker Compose file"]),
        issue("2015-02-02", 3, &["nothing", "nothing", "nothing", "Docker"]),
    ];
    let mut index = TermIndex::new();
    issues.iter().enumerate().for_each(|(at, i)| index.add(i, at, &config()));
    let (index, _) = index.finish(usize::MAX, usize::MAX);
    assert_eq!(index.items, 10);
    assert_eq!(ids(&index, "docker"), Some(vec![0, 3, 5, 9]));
    assert_eq!(ids(&index, "nothing"), Some(vec![2, 6, 7, 8]));
    assert_eq!(ids(&index, "docker compose"), None, "in 2 items: under MIN_ITEMS");
    assert_eq!(ids(&index, "and"), None, "a stop word");
    assert_eq!(ids(&index, "kubernetes"), None, "in 1 item");
    let firsts: Vec<u32> = index.issues.iter().map(|i| i.first).collect();
    assert_eq!(firsts, [0, 3, 6]);
}

#[test]
fn merging_issues_equals_adding_them() {
    let issues = [
        issue("2015-01-05", 1, &["Docker and docker-compose", "Kubernetes", "nothing"]),
        issue("2016-01-26", 2, &["dockers", "k8s", "the Docker Compose file"]),
        issue("2016-02-02", 3, &["nothing", "nothing", "nothing", "Docker compose"]),
    ];
    let mut added = TermIndex::new();
    let mut merged = TermIndex::new();
    for (at, i) in issues.iter().enumerate() {
        added.add(i, at, &config());
        let mut one = TermIndex::new();
        one.add(i, at, &config());
        merged.merge(one);
    }
    let (mut a_chunks, mut b_chunks) = (added.take_chunks(), merged.take_chunks());
    let (a, a_last) = added.finish(usize::MAX, usize::MAX);
    let (b, b_last) = merged.finish(usize::MAX, usize::MAX);
    assert_eq!(a.terms, b.terms);
    assert_eq!(a.issues, b.issues);
    assert_eq!(a.chunks, [0, 3], "a chunk per year");
    assert_eq!(a.chunks, b.chunks);
    a_chunks.extend(a_last);
    b_chunks.extend(b_last);
    assert_eq!(a_chunks, b_chunks);
    assert_eq!(ids(&a, "docker compose"), Some(vec![0, 5, 9]));
    assert!(a_chunks[0].rows.starts_with(r#"["news","Docker and docker-compose","","Docker and docker-compose"],"#));
}

#[test]
fn counts_per_month_when_over_budget() {
    let issues = [
        issue("2015-01-05", 1, &["Docker", "docker", "nothing"]),
        issue("2015-03-26", 2, &["dockers", "nothing", "nothing", "Docker"]),
    ];
    let mut index = TermIndex::new();
    issues.iter().enumerate().for_each(|(at, i)| index.add(i, at, &config()));
    let (index, _) = index.finish(0, usize::MAX);
    let docker = &index.terms["docker"];
    let (jan, mar) = (month_number(NaiveDate::from_ymd_opt(2015, 1, 1).unwrap()), jan_plus(2));
    fn jan_plus(n: i32) -> i32 {
        month_number(NaiveDate::from_ymd_opt(2015, 1, 1).unwrap()) + n
    }
    assert_eq!(docker, &Postings::Months { count: 4, months: [(jan, 2), (mar, 2)].into_iter().collect() });
}

/// Past the budget of counts per month, the keys in fewest items (then
/// by key) are left out, whole: 3 items in 3 months for `docker`, 3 in 2
/// for `nomad`, 4 in 2 for `podman`.
#[test]
fn counts_per_month_beyond_budget_leave_the_rarest_keys_out() {
    let issues = [
        issue("2015-01-05", 1, &["Docker", "Podman", "Podman", "Nomad"]),
        issue("2015-02-02", 2, &["docker", "Podman", "Podman", "Nomad", "Nomad"]),
        issue("2015-03-02", 3, &["Docker", "nothing"]),
    ];
    let months_of = |budget: usize| {
        let mut index = TermIndex::new();
        issues.iter().enumerate().for_each(|(at, i)| index.add(i, at, &config()));
        let (index, _) = index.finish(0, budget);
        let mut kept: Vec<(String, usize)> =
            index.terms.iter().map(|(k, p)| (k.to_string(), p.month_counts())).filter(|(_, n)| *n > 0).collect();
        kept.sort();
        kept
    };
    let all = [("docker".to_owned(), 3), ("nomad".to_owned(), 2), ("podman".to_owned(), 2)];
    assert_eq!(months_of(usize::MAX), all);
    assert_eq!(months_of(7), all, "7 counts fit");
    // Over by one: `docker` and `nomad` share the fewest items; `docker` goes first.
    assert_eq!(months_of(6), [all[1].clone(), all[2].clone()]);
    assert_eq!(months_of(4), [all[1].clone(), all[2].clone()]);
    assert_eq!(months_of(3), [all[2].clone()]);
    assert_eq!(months_of(0), []);
}

/// A key turned to counts per month holds them at their size, not grown
/// by doubling: `docker` is in 2 items in January, 1 in February and 1 in
/// March, so 3 counts: the header (16 bytes), March's run in it, and two
/// encoded: January's (its month from 0 in 3 bytes, its 2 items in 1) and
/// February's (1 month after January, 1 item: 2 bytes), room for those
/// 22 bytes.
#[test]
fn counts_per_month_are_made_at_their_size() {
    let mut index = TermIndex::new();
    let issues: [(&str, &[&str]); 3] =
        [("2015-01-05", &["Docker", "docker"]), ("2015-02-02", &["Docker"]), ("2015-03-02", &["docker", "nothing"])];
    for (n, (date, items)) in issues.into_iter().enumerate() {
        index.add(&issue(date, n as u32 + 1, items), n, &config());
    }
    index.counts_for_largest(0);
    let Some(Postings::Months { count, months }) = index.terms.get("docker") else {
        panic!("`docker` keeps counts per month");
    };
    assert_eq!((*count, months.len(), months.capacity()), (4, 3, 22));
    let month = |m| month_number(NaiveDate::from_ymd_opt(2015, m, 1).unwrap());
    assert_eq!(months.iter().collect::<Vec<_>>(), [(month(1), 2), (month(2), 1), (month(3), 1)]);
}

/// Only keys with counts per month are left out for the counts' budget:
/// `apache` (ids, 3 items) sorts first but holds no counts.
#[test]
fn keys_with_ids_stay_when_counts_are_over_budget() {
    let mut index = TermIndex::new();
    for (n, date) in ["2015-01-05", "2015-02-02", "2015-03-02"].into_iter().enumerate() {
        index.add(&issue(date, n as u32 + 1, &["Docker", "Podman"]), n, &config());
    }
    index.counts_for_largest(0);
    index.add(&issue("2015-04-06", 4, &["Apache", "Apache", "Apache"]), 3, &config());
    let (index, _) = index.finish(usize::MAX, 3);
    let keys: Vec<&str> = index.sorted().into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["apache", "podman"], "`docker` (3 counts, first by key) goes");
    assert_eq!(ids(&index, "apache"), Some(vec![6, 7, 8]));
}

/// The keys of a text as the module defines them, written plainly: each
/// word and two-word phrase (across one gap the matcher allows), folded,
/// and each without a final `s`, unless `is_left_out`.
fn keys_by_definition(text: &str) -> std::collections::BTreeSet<String> {
    let words: Vec<(usize, usize)> = tokens::words(text).collect();
    let mut keys = std::collections::BTreeSet::new();
    let mut add = |key: String| {
        let stem = key.strip_suffix('s').map(str::to_owned);
        for k in stem.into_iter().chain([key]) {
            if !is_left_out(&k) {
                keys.insert(k);
            }
        }
    };
    for (i, &(start, end)) in words.iter().enumerate() {
        let word = tokens::fold(&text[start..end]);
        if i > 0 && tokens::joins(&text[words[i - 1].1..start]) {
            add(format!("{} {word}", tokens::fold(&text[words[i - 1].0..words[i - 1].1])));
        }
        add(word);
    }
    keys
}

#[test]
fn keys_are_those_of_the_definition() {
    let texts = [
        "Dockers and docker-compose, the Kubernetes operators was s as is",
        "this thi its it's was wa s-s x s ss  ΣΟΦΟΣ naïve_cafés 2024s",
        "k8s\u{a0}clusters\r\nrunning\tKubernetes: node.js c++ İs a b",
        "",
        "ours yours theirs hers herself was-a the-docker dockers-the",
    ];
    for text in texts {
        let mut scratch = Scratch::default();
        let mut keys = std::collections::BTreeSet::new();
        scratch.keys(text, |key, _| {
            keys.insert(key.to_owned());
        });
        assert_eq!(keys, keys_by_definition(text), "{text}");
    }
    let mut scratch = Scratch::default();
    let mut keys = Vec::new();
    scratch.keys("Docker was here", |key, _| keys.push(key.to_owned()));
    keys.sort();
    // `was` and `here` are stop words, and `wa` is left out as the stem of
    // one; the phrase `docker was` holds one, its stem `docker wa` not.
    assert_eq!(keys, ["docker", "docker wa"]);
}

/// A key kept as counts per month still counts an item once, however
/// often the item holds it.
#[test]
fn counts_per_month_count_an_item_once() {
    let mut index = TermIndex::new();
    index.add(&issue("2015-01-05", 1, &["Docker"]), 0, &config());
    index.counts_for_largest(0);
    index.add(&issue("2015-03-02", 2, &["docker, Dockers and docker again", "nothing"]), 1, &config());
    index.add(&issue("2015-03-09", 3, &["Docker docker"]), 2, &config());
    let (index, _) = index.finish(0, usize::MAX);
    let docker = &index.terms["docker"];
    let month = |m| month_number(NaiveDate::from_ymd_opt(2015, m, 1).unwrap());
    assert_eq!(docker, &Postings::Months { count: 3, months: [(month(1), 1), (month(3), 2)].into_iter().collect() });
}

/// The index's table of a key per month is the one `trendfeed trends
/// --topic KEY` gives (items holding it, counted items, issues), whether
/// the index keeps its ids or its counts per month; a key it lacks is in
/// no item.
#[test]
fn trends_of_keys_are_those_of_topics() {
    let issues = vec![
        issue("2015-01-05", 1, &["Docker and docker-compose", "Kubernetes", "nothing"]),
        issue("2015-01-26", 2, &["dockers", "k8s", "the Docker Compose file"]),
        issue("2015-03-02", 3, &["nothing", "nothing", "nothing", "Docker"]),
        issue("2016-01-04", 4, &["Docker, nothing", "docker"]),
    ];
    let keys = ["docker".to_owned(), "nothing".to_owned(), "absent".to_owned()];
    let topics = Config::from_toml(
        "[[topics]]\nname = \"docker\"\n[[topics]]\nname = \"nothing\"\n[[topics]]\nname = \"absent\"\n",
    )
    .unwrap();
    let archive = crate::model::Archive { issues: issues.clone() };
    let expected = crate::trends::count(&archive, &topics, crate::trends::Period::Month).unwrap();
    for budget in [usize::MAX, 0] {
        let mut index = TermIndex::new();
        issues.iter().enumerate().for_each(|(at, i)| index.add(i, at, &config()));
        let (index, _) = index.finish(budget, usize::MAX);
        let got = index.trends(&keys);
        assert_eq!(got.topics, keys);
        let table = |t: &crate::trends::Trends| -> Vec<(String, Vec<usize>, usize, usize)> {
            t.periods
                .iter()
                .map(|p| (p.label.clone(), p.counts.items.clone(), p.counts.items_total, p.counts.issues))
                .collect()
        };
        assert_eq!(table(&got), table(&expected), "id budget {budget}");
        // Hand-counted, so that the two cannot agree by both being wrong.
        assert_eq!(
            table(&got),
            [
                ("2015-01".to_owned(), vec![3, 1, 0], 6, 2),
                ("2015-03".to_owned(), vec![1, 3, 0], 4, 1),
                ("2016-01".to_owned(), vec![2, 1, 0], 2, 1),
            ]
        );
    }
}

/// Counts per month give back the runs they were given, whatever the gaps
/// and counts (a month before the first, counts past one varint byte).
#[test]
fn month_counts_give_back_their_runs() {
    let runs = [(-40, 1), (24_180, 300), (24_181, 1), (24_500, 70_000), (24_500, 2), (30_000, u32::MAX - 70_002)];
    let counts: MonthCounts = runs.into_iter().collect();
    let expected = [(-40, 1), (24_180, 300), (24_181, 1), (24_500, 70_002), (30_000, u32::MAX - 70_002)];
    assert_eq!(counts.iter().collect::<Vec<_>>(), expected);
    assert_eq!(counts.len(), 5);
    assert!(MonthCounts::default().is_empty());
    assert_eq!(MonthCounts::default().iter().count(), 0);
    // Counts per month take no more room in the index's map than ids.
    assert_eq!(std::mem::size_of::<MonthCounts>(), std::mem::size_of::<Vec<u8>>());
}
