use super::*;

#[test]
fn first_sentence_stops_at_full_stop() {
    assert_eq!(first_sentence("A good read. More here.", 100), "A good read.");
    assert_eq!(first_sentence("Version 1.2 is out", 100), "Version 1.2 is out");
}

#[test]
fn abbreviations_dates_and_versions_do_not_end_a_sentence() {
    let cases = [
        ("Meet us on Jun 10. Virtual meetup with talks. More.", "Meet us on Jun 10. Virtual meetup with talks."),
        ("Use a flag, e.g. --fast. It helps.", "Use a flag, e.g. --fast."),
        ("See i.e. this one. Then more.", "See i.e. this one."),
        ("Dr. Smith spoke at the U.S. Army hall. Next.", "Dr. Smith spoke at the U.S. Army hall."),
        ("Released v1.2. Upgrade now! Soon.", "Released v1.2. Upgrade now!"),
        ("Out since Sept. 2 and J. R. R. Tolkien agrees. Yes.", "Out since Sept. 2 and J. R. R. Tolkien agrees."),
        ("He said \"stop.\" Then left.", "He said \"stop.\""),
        ("Rust 1.70. It is out.", "Rust 1.70."),
        ("Out in May. Next month.", "Out in May."),
        ("A question? Yes.", "A question?"),
        ("9/15. San Diego Rust Meetup #8. More.", "9/15. San Diego Rust Meetup #8."),
    ];
    for (text, sentence) in cases {
        assert_eq!(first_sentence(text, 100), sentence, "{text}");
    }
}

#[test]
fn only_a_date() {
    for date in [
        "Jun 10.",
        "2023-06-07",
        "10th June",
        "Jun 10 - Jun 12",
        "August 19th, 2020",
        "Mon, Jun 10",
        "10.06.2023",
        "9/15.",
        "06/10/2023",
    ] {
        assert!(is_only_date(date), "{date}");
    }
    for text in [
        "1.12.10",
        "1.22: August 2, 2021",
        "Jun 10 - Jun 12 | Virtual | Meetup",
        "10",
        "June",
        "U.S. 2020",
        "",
        "1/2 cup",
    ] {
        assert!(!is_only_date(text), "{text}");
    }
}

/// [`is_only_date`] as it was first written: the dotted numbers and the
/// slashed dates looked for before the words are read one by one.
fn is_only_date_in_written_order(text: &str) -> bool {
    const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let (mut digit, mut month_or_year) = (false, false);
    let dotted = |w: &str| w.contains('.') && (w.split('.').count() != 3 || !w.split('.').any(|p| p.len() == 4));
    if text.split_whitespace().any(|w| dotted(w.trim_matches(|c: char| !c.is_alphanumeric()))) {
        return false;
    }
    month_or_year |= text.split_whitespace().any(|w| super::is_numeric_date(w.trim_end_matches(['.', ',', ':'])));
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let lower = word.to_lowercase();
        let number = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
            if !["", "st", "nd", "rd", "th"].contains(&&lower[number.len()..]) {
                return false;
            }
            digit = true;
            month_or_year |= number.len() == 4;
            continue;
        }
        let weekday =
            lower.len() >= 3 && WEEKDAYS.iter().any(|d| d.starts_with(&lower) && (lower.len() <= 3 || *d == lower));
        if super::is_month(word) {
            month_or_year = true;
        } else if !weekday {
            return false;
        }
    }
    digit && month_or_year
}

proptest::proptest! {
    /// Reading the words first rejects what the written order rejects, and
    /// nothing else: on texts made of date parts, numbers and words.
    #[test]
    fn only_a_date_whatever_is_asked_first(
        parts in proptest::collection::vec(
            "(Jun|june|Sept|Mon|monday|Tue|2020|10|1|06|9/15|06/10/2023|1\\.12\\.10|10\\.06\\.2023|U\\.S\\.|19th|2nd|3x|cup|Meetup|é)",
            0..5,
        ),
        seps in proptest::collection::vec("( |, | - |\\. |: |/|-)", 5),
    ) {
        let text: String = parts.iter().zip(&seps).map(|(p, s)| format!("{p}{s}")).collect();
        proptest::prop_assert_eq!(is_only_date(&text), is_only_date_in_written_order(&text), "{}", text);
        let trimmed = text.trim_end_matches([' ', ',', '-', ':', '/']);
        proptest::prop_assert_eq!(is_only_date(trimmed), is_only_date_in_written_order(trimmed), "{}", trimmed);
    }
}

fn item(title_line: Option<&str>, title_link: bool, text: &str, links: &[&str]) -> Item {
    Item {
        title_line: title_line.map(str::to_owned),
        title_link,
        subsection: None,
        text: text.to_owned(),
        html: String::new(),
        links: links
            .iter()
            .enumerate()
            .map(|(i, t)| Link { url: format!("https://x.example/{i}"), text: (*t).to_owned(), line: 1 })
            .collect(),
        line: 1,
    }
}

#[test]
fn title_is_never_only_a_date() {
    assert_eq!(
        item(Some("Jun 10."), false, "Virtual | Rust Meetup", &["Rust Meetup"]).title(),
        "Virtual | Rust Meetup"
    );
    assert_eq!(item(None, false, "Jun 10. Rust Meetup", &["Jun 10", "Rust Meetup"]).title(), "Jun 10. Rust Meetup");
    assert_eq!(item(None, false, "2023-06-07. Meetup", &["2023-06-07", "Rust Meetup"]).title(), "Rust Meetup");
    assert_eq!(
        item(None, true, "Jun 12 | Virtual | Meetup", &["Jun 12", "Meetup"]).title(),
        "Jun 12 | Virtual | Meetup"
    );
    let long = format!("2023-06-07. {}", "Word ".repeat(30));
    assert_eq!(item(None, false, &long, &[]).title(), format!("2023-06-07.{}…", " Word".repeat(17)));
}

#[test]
fn title_is_the_heading_link_text() {
    assert_eq!(item(None, true, "etcd v3.7.1: new patch release", &["etcd v3.7.1"]).title(), "etcd v3.7.1");
    assert_eq!(item(None, false, "Nix is now in Debian", &["Nix"]).title(), "Nix is now in Debian");
}

#[test]
fn first_sentence_cuts_at_word_boundary() {
    let text = "word ".repeat(40);
    let title = first_sentence(&text, 100);
    assert!(title.chars().count() <= 100, "{title}");
    assert!(title.ends_with("word…"), "{title}");
}

/// `is_month` and the sentence end read words without lowercasing them:
/// checked against the plain definitions, which lowercase, on words in
/// every case, with non-ASCII letters (the Kelvin sign lowercases to `k`).
#[test]
fn month_and_sentence_end_match_their_lowercasing_definitions() {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let plain_is_month = |word: &str| {
        let lower = word.trim_end_matches([',', '.']).to_lowercase();
        lower.len() >= 3 && MONTHS.iter().any(|m| m.starts_with(&lower) && (lower.len() <= 4 || *m == lower))
    };
    let words = [
        "Jun",
        "JUNE",
        "june.",
        "Sept",
        "sep",
        "Ma",
        "May,",
        "Mayo",
        "Septem",
        "DECEMBER",
        "décembre",
        "\u{212a}ay",
        "Mr",
        "MRS",
        "vs",
        "Vs",
        "v1.2",
        "V2",
        "v1.x",
        "U.S",
        "i.e",
        "J",
        "9/15",
        "06/10/2023",
        "1/2/3/4",
        "12345/1",
        "10",
        "3",
        "Dr",
        "İe",
        "e.g",
        "Fig",
        "",
        "x",
    ];
    for word in words {
        assert_eq!(is_month(word), plain_is_month(word), "{word:?}");
    }
    // A sentence end found with the words as written, compared with the
    // text's first sentence as the definition reads it.
    for before in words {
        for month in ["Jun", "sunday", "Version"] {
            let text = format!("{month} {before}. Next one.");
            let end = sentence_end(&text).unwrap_or(text.len());
            let lower = before.to_lowercase();
            let kept = ["mr", "mrs", "vs", "dr", "fig"].contains(&lower.as_str())
                || (lower.starts_with('v')
                    && lower[1..].starts_with(|c: char| c.is_ascii_digit())
                    && lower[1..].chars().all(|c| c.is_ascii_digit() || c == '.'))
                || (!before.is_empty()
                    && before.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic)))
                || {
                    let parts: Vec<&str> = before.split('/').collect();
                    (2..=3).contains(&parts.len())
                        && parts.iter().all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
                }
                || ((1..=2).contains(&before.len())
                    && before.chars().all(|c| c.is_ascii_digit())
                    && plain_is_month(month))
                || (plain_is_month(before) && !MONTHS.contains(&lower.as_str()));
            let first = format!("{month} {before}.");
            assert_eq!(text[..end] == first, !kept, "{text:?}");
        }
    }
}
