//! A Bloom filter of the keys dropped to bound memory.

/// A Bloom filter of dropped keys: 2^24 bits, three probes; empty (and
/// without memory) until a key is dropped. A false positive only leaves a
/// key out of the index (the page then answers it from the texts).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct Bloom {
    bits: Vec<u64>,
}

impl Bloom {
    const BITS: u64 = 1 << 24;

    fn probes(key: &str) -> [u64; 3] {
        use std::hash::{BuildHasher, Hasher};
        let mut h = rustc_hash::FxBuildHasher.build_hasher();
        h.write(key.as_bytes());
        let a = h.finish();
        let b = a.rotate_left(21).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        [a % Self::BITS, a.wrapping_add(b) % Self::BITS, a.wrapping_add(b.wrapping_mul(2)) % Self::BITS]
    }

    pub(super) fn insert(&mut self, key: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; (Self::BITS / 64) as usize];
        }
        for p in Self::probes(key) {
            self.bits[(p / 64) as usize] |= 1 << (p % 64);
        }
    }

    pub(super) fn contains(&self, key: &str) -> bool {
        !self.bits.is_empty() && Self::probes(key).iter().all(|p| self.bits[(p / 64) as usize] & (1 << (p % 64)) != 0)
    }
}
