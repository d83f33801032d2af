//! The items of a key of the index: their ids, written as gaps in the
//! 64 [`DIGITS`] the explore page reads, or counts per month
//! ([`MonthCounts`]).
//!
//! Both grow by a quarter when full, not by doubling: the index holds
//! hundreds of thousands of them, whose room to spare adds up.

/// The items of one key.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Postings {
    /// Item ids, each as the gap from the one before (from -1), in base-32
    /// digits, most significant first: `encode`.
    Ids { next: u32, count: u32, bytes: Vec<u8> },
    /// Items per month ([`month_number`](super::month_number)), for terms in too many items.
    Months { count: u32, months: MonthCounts },
}

/// Items per month of a key, as runs of `(month, items)` in month order:
/// a month's items are counted in its run, the last one, until a later
/// month starts the next. One vector holds all: a header of four numbers
/// (runs, the month of the last encoded run, the last run's month and
/// items), then the runs before the last as varints (the gap from the
/// month before, zigzag; then the items): about 2 bytes a run instead of
/// 8, and no more than a vector beside the count in [`Postings`].
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MonthCounts {
    bytes: Vec<u8>,
}

/// The numbers of a [`MonthCounts`]' header, by place.
const RUNS: usize = 0;
const ENCODED_MONTH: usize = 1;
const LAST_MONTH: usize = 2;
const LAST_ITEMS: usize = 3;
/// Bytes of the header.
const HEADER: usize = 16;

impl MonthCounts {
    /// Counts one item in `month`, which is not before the last month counted.
    pub fn push(&mut self, month: i32) {
        self.add(month, 1);
    }

    /// Counts `items` in `month`, not before the last month counted.
    pub fn add(&mut self, month: i32, items: u32) {
        if self.bytes.is_empty() {
            reserve(&mut self.bytes, HEADER);
            self.bytes.resize(HEADER, 0);
        } else if self.get(LAST_MONTH) as i32 == month {
            self.set(LAST_ITEMS, self.get(LAST_ITEMS) + items);
            return;
        } else {
            let last = self.get(LAST_MONTH) as i32;
            let gap = i64::from(last) - i64::from(self.get(ENCODED_MONTH) as i32);
            let n = self.get(LAST_ITEMS);
            reserve(&mut self.bytes, 2 * MAX_VARINT);
            put_varint(((gap << 1) ^ (gap >> 63)) as u64, &mut self.bytes);
            put_varint(u64::from(n), &mut self.bytes);
            self.set(ENCODED_MONTH, last as u32);
        }
        self.set(RUNS, self.get(RUNS) + 1);
        self.set(LAST_MONTH, month as u32);
        self.set(LAST_ITEMS, items);
    }

    /// The header's number at `place`.
    fn get(&self, place: usize) -> u32 {
        let at = 4 * place;
        self.bytes.get(at..at + 4).and_then(|b| b.try_into().ok()).map_or(0, u32::from_le_bytes)
    }

    fn set(&mut self, place: usize, value: u32) {
        let at = 4 * place;
        self.bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
    }

    /// Runs held: months with items.
    pub fn len(&self) -> usize {
        self.get(RUNS) as usize
    }

    /// Whether no item was counted.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Gives back the room grown beyond the runs held.
    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }

    /// Bytes held, room to spare counted.
    pub fn capacity(&self) -> usize {
        self.bytes.capacity()
    }

    /// The runs `(month, items)`, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = (i32, u32)> + '_ {
        let mut at = HEADER;
        let mut month = 0i64;
        let encoded = std::iter::from_fn(move || {
            if at >= self.bytes.len() {
                return None;
            }
            let zigzag = get_varint(&self.bytes, &mut at);
            let n = get_varint(&self.bytes, &mut at);
            month += ((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64);
            Some((month as i32, n as u32))
        });
        let last = (!self.is_empty()).then(|| (self.get(LAST_MONTH) as i32, self.get(LAST_ITEMS)));
        encoded.chain(last)
    }
}

impl FromIterator<(i32, u32)> for MonthCounts {
    /// Runs in month order (a month given twice adds up).
    fn from_iter<I: IntoIterator<Item = (i32, u32)>>(runs: I) -> MonthCounts {
        let mut counts = MonthCounts::default();
        runs.into_iter().for_each(|(month, n)| counts.add(month, n));
        counts
    }
}

/// Bytes of a `u64` varint, at most.
const MAX_VARINT: usize = 10;

/// Appends `value` as a varint: 7 bits a byte, least significant first,
/// the high bit set on every byte but the last.
fn put_varint(mut value: u64, out: &mut Vec<u8>) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The varint at `*at`, moving `*at` past it.
fn get_varint(bytes: &[u8], at: &mut usize) -> u64 {
    let mut value = 0u64;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        value |= u64::from(b & 0x7f) << shift;
        shift += 7;
        if b < 0x80 || shift >= 64 {
            break;
        }
    }
    value
}

/// Makes room for `more` bytes in `bytes`, growing it by a quarter (or
/// what `more` needs) when full.
pub(super) fn reserve(bytes: &mut Vec<u8>, more: usize) {
    if bytes.capacity() - bytes.len() < more {
        bytes.reserve_exact(more.max(bytes.capacity() / 4).max(16));
    }
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
                months.push(month);
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
    reserve(out, 7);
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
