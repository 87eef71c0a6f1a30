//! A fast non-cryptographic hasher (the multiply-rotate scheme of rustc's FxHash) for the
//! indexes built when a corpus opens: the search vocabulary, term counts and word pairs. SipHash,
//! the standard default, resists collision attacks but took a third of the time spent indexing;
//! here the keys come from the user's own corpus, and a hostile corpus could at worst slow down
//! the tab that opened it.

use std::hash::{BuildHasherDefault, Hasher};

/// The hasher state.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s, for `HashMap<K, V, FxBuild>`.
pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
/// A hash map with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn equal_keys_hash_equal_and_nearby_keys_spread() {
        let b = FxBuild::default();
        assert_eq!(b.hash_one("energy"), b.hash_one(String::from("energy")));
        // 10,000 consecutive pairs into 4,096 buckets, by the top bits (hashbrown's control bytes)
        // and by the low bits (its bucket index): a random function fills about
        // 4,096 × (1 − e^(−10,000/4,096)) ≈ 3,740 of them.
        let mut high = std::collections::HashSet::new();
        let mut low = std::collections::HashSet::new();
        for i in 0u32..10_000 {
            let h = b.hash_one((i, i + 1));
            high.insert(h >> 52);
            low.insert(h & 0xfff);
        }
        assert!(high.len() > 3_600, "{}", high.len());
        assert!(low.len() > 3_600, "{}", low.len());
    }

    #[test]
    fn a_map_with_it_behaves_as_a_map() {
        let mut m: FxHashMap<String, u32> = FxHashMap::default();
        for (i, w) in ["a", "bb", "ccc", "a"].iter().enumerate() {
            *m.entry((*w).to_string()).or_default() += i as u32;
        }
        assert_eq!(m["a"], 3);
        assert_eq!(m.len(), 3);
    }
}
