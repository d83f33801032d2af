//! Headings of the calendar (`June 10, 2023`, `2023-06-10`): sub-sections,
//! never sections.

use crate::model::is_month;

/// Whether a heading is a date or starts with one (`June 10, 2023`,
/// `2023-06-10`, `Jun 10 - Jun 12 | Virtual`): a heading of the calendar,
/// not a section.
pub fn is_date_heading(text: &str) -> bool {
    let mut words = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
    let Some(first) = words.next() else { return false };
    let first = first.trim_end_matches('.');
    if is_iso_date(first) {
        return true;
    }
    let is_day = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        !digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let mut first = first;
    let mut second = words.next().unwrap_or("");
    if is_weekday(first) {
        first = second.trim_end_matches('.');
        second = words.next().unwrap_or("");
    }
    (is_month(first) && is_day(second)) || (is_day(first) && is_month(second.trim_end_matches('.')))
}

fn is_iso_date(word: &str) -> bool {
    let parts: Vec<&str> = word.split(['-', '/']).collect();
    parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && (parts[0].len() == 4 || parts[2].len() == 4)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let word = word.trim_end_matches('.').to_lowercase();
    word.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&word))
}
