use super::*;

fn keys(issues: &[(Option<u32>, &str, &str)]) -> (Vec<String>, KeyClashes) {
    let dates: Vec<_> =
        issues.iter().map(|(_, d, _)| DateTime::parse_from_rfc3339(&format!("{d}T00:00:00Z")).unwrap()).collect();
    unique_keys(issues.iter().zip(&dates).map(|((n, _, p), d)| (*n, *d, Path::new(*p))))
}

#[test]
fn unique_numbers_and_dates_are_the_keys() {
    let (k, clashes) =
        keys(&[(Some(204), "2014-11-30", "a.md"), (Some(205), "2014-12-07", "b.md"), (None, "2014-12-14", "c.md")]);
    assert_eq!(k, ["204", "205", "2014-12-14"]);
    assert_eq!(clashes, KeyClashes::default());
    assert_eq!(clashes.describe(), None);
}

#[test]
fn shared_numbers_add_the_date() {
    // nixos-weekly numbers its issues again each year.
    let (k, clashes) = keys(&[
        (Some(1), "2019-01-17", "01-x.md"),
        (Some(2), "2019-02-07", "02-y.md"),
        (Some(1), "2020-01-10", "01-nixos-weekly-2020-01.md"),
        (Some(3), "2020-03-18", "03.md"),
    ]);
    assert_eq!(k, ["1-2019-01-17", "2", "1-2020-01-10", "3"]);
    assert_eq!(clashes, KeyClashes { by_number_and_date: 2, ..KeyClashes::default() });
    assert_eq!(clashes.describe().as_deref(), Some("2 issues share a number: keyed by number and date"));
}

#[test]
fn shared_number_and_date_or_date_take_the_file_name() {
    let (k, clashes) = keys(&[
        (Some(7), "2020-01-05", "_posts/2020-01-05-seven.md"),
        (Some(7), "2020-01-05", "_posts/2020-01-05-Seven Again.md"),
        (None, "2020-02-02", "2020-02-02-a.md"),
        (None, "2020-02-02", "2020-02-02/index.md"),
    ]);
    assert_eq!(k, ["2020-01-05-seven", "2020-01-05-seven-again", "2020-02-02-a", "2020-02-02"]);
    assert_eq!(clashes, KeyClashes { by_file_name: 4, ..KeyClashes::default() });
}

#[test]
fn shared_file_names_take_a_position() {
    let (k, clashes) = keys(&[
        (None, "2020-02-02", "a/issue.md"),
        (None, "2020-02-02", "b/issue.md"),
        (None, "2020-02-02", "c/issue.md"),
        (None, "2020-02-02", "issue-2.md"),
    ]);
    // `issue-2` is another file's name: the third `issue` is `issue-3`.
    assert_eq!(k, ["issue", "issue-3", "issue-4", "issue-2"]);
    assert_eq!(clashes, KeyClashes { by_file_name: 1, by_position: 3, ..KeyClashes::default() });
    assert_eq!(
        clashes.describe().as_deref(),
        Some(
            "1 issue shares a number and date, or a date: keyed by file name; \
             3 issues share a file name too: keyed by file name and position"
        )
    );
}

#[test]
fn a_file_name_that_is_another_issues_key_moves_that_one_on() {
    // `12.md` (date shared) would take key `12`, the number of another issue.
    let (k, _) = keys(&[(None, "2020-01-01", "12.md"), (None, "2020-01-01", "x.md"), (Some(12), "2020-05-05", "y.md")]);
    assert_eq!(k, ["12", "x", "12-2020-05-05"]);
    let mut sorted = k.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 3);
}

#[test]
fn slugs() {
    assert_eq!(slugify("News"), "news");
    assert_eq!(slugify("CNCF - Cloud Native Computing Foundation"), "cncf-cloud-native-computing-foundation");
    assert_eq!(slugify("  Événements & Talks! "), "evenements-talks");
    assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
    assert_eq!(slugify("🚀"), "");
}

#[test]
fn topic_slugs_are_unique() {
    let names = ["Service Mesh", "service-mesh", "C++", "🚀", "NUL"].map(String::from);
    assert_eq!(topic_slugs(&names), ["service-mesh", "service-mesh-2", "c", "topic-4", "nul-topic-5"]);
}

#[test]
fn topic_slugs_number_clashes_as_section_slugs_do() {
    // `C 2` keeps `c-2` wherever it stands; `C#`, the second to slug to
    // `c`, skips `c-2` and gets `c-3`.
    let names = ["C", "C#", "C 2"].map(String::from);
    assert_eq!(topic_slugs(&names), ["c", "c-3", "c-2"]);
    let names = ["C 2", "C#", "C"].map(String::from);
    assert_eq!(topic_slugs(&names), ["c-2", "c", "c-3"]);
    let names = ["C++", "C#", "C"].map(String::from);
    assert_eq!(topic_slugs(&names), ["c", "c-2", "c-3"]);
    // A name with no letter is `topic-<place>`, which a name may also slug to.
    let names = ["🚀", "Topic 1", "Topic 3", "★"].map(String::from);
    assert_eq!(topic_slugs(&names), ["topic-1", "topic-1-2", "topic-3", "topic-4"]);
}

fn slug_table(names: &[&str]) -> Vec<(String, String)> {
    section_slugs(names.iter().copied()).into_iter().collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect()
}

#[test]
fn section_slugs_reserve_all_and_number_names_that_slug_alike() {
    // In name order: "" < "All" < "CON" < "News" < "Section" < "all" < "news!" < "Événements" < "🚀".
    let names = ["news!", "News", "All", "all", "", "🚀", "Section", "Événements", "CON"];
    assert_eq!(
        slug_table(&names),
        pairs(&[
            ("", ""),
            ("All", "all-2"),
            ("CON", "con-section"),
            ("News", "news"),
            ("Section", "section"),
            ("all", "all-3"),
            ("news!", "news-2"),
            ("Événements", "evenements"),
            ("🚀", "section-2"),
        ])
    );
}

#[test]
fn section_slugs_skip_slugs_other_names_take() {
    // `Section 2` and `C-2` slug to what a second `section` or `c` would get.
    assert_eq!(
        slug_table(&[".", "Section 2", "🚀🚀"]),
        pairs(&[(".", "section"), ("Section 2", "section-2"), ("🚀🚀", "section-3")])
    );
    assert_eq!(slug_table(&["C", "C++", "C-2"]), pairs(&[("C", "c"), ("C++", "c-3"), ("C-2", "c-2")]));
    assert_eq!(slug_table(&["All 2", "ALL"]), pairs(&[("ALL", "all-3"), ("All 2", "all-2")]));
    assert_eq!(slug_table(&["News 2", "news 2!"]), pairs(&[("News 2", "news-2"), ("news 2!", "news-2-2")]));
}

#[test]
fn a_section_alone_gets_its_own_slug() {
    assert_eq!(section_slug("Tools & Libraries"), "tools-libraries");
    assert_eq!(section_slug("All"), "all-2");
    assert_eq!(section_slug("🚀"), "section");
    assert_eq!(section_slug(""), "");
}

#[test]
fn only_device_names_take_the_fallback() {
    for (name, slug) in [
        ("PRN", "prn-section"),
        ("aux", "aux-section"),
        ("LPT9", "lpt9-section"),
        ("com10", "com10"),
        ("com", "com"),
        ("comx", "comx"),
        ("Year 2024", "year-2024"),
        ("web3", "web3"),
        ("abc1", "abc1"),
        ("12", "12"),
    ] {
        assert_eq!(file_slug(name, "section"), slug, "{name}");
    }
}

#[test]
fn file_slugs_are_never_empty_or_device_names() {
    assert_eq!(file_slug("News", "section"), "news");
    assert_eq!(file_slug("🚀", "section"), "section");
    assert_eq!(file_slug(".", "section"), "section");
    assert_eq!(file_slug("", "topic"), "topic");
    assert_eq!(file_slug("CON", "section"), "con-section");
    assert_eq!(file_slug("com1", "section"), "com1-section");
    assert_eq!(file_slug("Command", "section"), "command");
}
