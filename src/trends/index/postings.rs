//! The items of a key of the index: their ids, written as gaps in the
//! 64 [`DIGITS`] the explore page reads, or counts per month.

/// The items of one key.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Postings {
    /// Item ids, each as the gap from the one before (from -1), in base-32
    /// digits, most significant first: `encode`.
    Ids { next: u32, count: u32, bytes: Vec<u8> },
    /// Items per month ([`month_number`](super::month_number)), for terms in too many items.
    Months { count: u32, months: Vec<(i32, u32)> },
}

impl Postings {
    /// Items holding the key.
    pub fn count(&self) -> u32 {
        match self {
            Postings::Ids { count, .. } | Postings::Months { count, .. } => *count,
        }
    }

    pub(super) fn push(&mut self, id: u32, month: i32) {
        match self {
            Postings::Ids { next, count, bytes } => {
                encode(id - *next, bytes);
                *next = id + 1;
                *count += 1;
            }
            Postings::Months { count, months } => {
                *count += 1;
                match months.last_mut() {
                    Some((m, n)) if *m == month => *n += 1,
                    _ => months.push((month, 1)),
                }
            }
        }
    }

    /// The item ids, when kept.
    pub fn ids(&self) -> Option<Vec<u32>> {
        let Postings::Ids { bytes, .. } = self else { return None };
        let mut ids = Vec::new();
        let mut next = 0;
        let mut value = 0u32;
        for &b in bytes {
            let digit = digit_value(b);
            value = value * 32 + (digit & 31);
            if digit < 32 {
                ids.push(next + value);
                next += value + 1;
                value = 0;
            }
        }
        Some(ids)
    }

    /// Months counted, when counts are kept instead of ids.
    pub(super) fn month_counts(&self) -> usize {
        match self {
            Postings::Ids { .. } => 0,
            Postings::Months { months, .. } => months.len(),
        }
    }

    pub(super) fn id_bytes(&self) -> usize {
        match self {
            Postings::Ids { bytes, .. } => bytes.len(),
            Postings::Months { .. } => 0,
        }
    }
}

/// The 64 digits ids are written in: a digit below 32 ends a number, one
/// of 32 or more (its value minus 32) is followed by more digits. None
/// needs escaping in a JavaScript string.
pub const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789ghijklmnopqrstuvwxyz-_";

/// The value of a digit of [`DIGITS`].
fn digit_value(b: u8) -> u32 {
    u32::from(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'f' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 32,
        b'g'..=b'z' => b - b'g' + 42,
        b'-' => 62,
        _ => 63,
    })
}

/// The first number of encoded ids, and the bytes after it.
pub(super) fn first_number(bytes: &[u8]) -> (u32, &[u8]) {
    let mut value = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        let digit = digit_value(b);
        value = value * 32 + (digit & 31);
        if digit < 32 {
            return (value, &bytes[i + 1..]);
        }
    }
    (value, &[])
}

/// Appends `value` in [`DIGITS`].
pub(super) fn encode(mut value: u32, out: &mut Vec<u8>) {
    let mut digits = [0u8; 7];
    let mut n = 0;
    loop {
        digits[n] = (value & 31) as u8;
        n += 1;
        value >>= 5;
        if value == 0 {
            break;
        }
    }
    for (i, &d) in digits[..n].iter().enumerate().rev() {
        out.push(DIGITS[usize::from(d) + if i > 0 { 32 } else { 0 }]);
    }
}
