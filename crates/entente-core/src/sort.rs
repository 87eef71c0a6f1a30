//! Small-code sorting for the wasm build: every sort in the core and the app goes through here.
//!
//! std's `sort_by`/`sort_unstable` instantiate a full copy of driftsort/ipnsort (several KB of
//! wasm each) for every element type and every distinct closure. With dozens of call sites that
//! added ~116 KB to the app. Here, on wasm32, a slice is sorted by sorting a permutation of `u32`
//! indices with one non-generic merge sort that calls the comparator through `&dyn Fn`, then the
//! permutation is applied in place: one copy of the sorting code for the whole program. Natively
//! (tests, benches, the CLI) the functions forward to std, which is faster and ships nowhere.
//!
//! Every function here is stable, including [`sort_unstable`]: a stable order is also a valid
//! unstable one, and equal elements of the `Ord` types sorted that way are indistinguishable.
//! [`sort_by_numeric_key`] and [`sort_by_text`] go further for callers with many orderings (the
//! app): each ordering becomes a key, and all of them share one instance over the key type.

use std::cmp::Ordering;

/// Sorts `v` stably with the comparator `cmp`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    sort_by_small(v, cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(cmp);
}

/// Sorts `v` stably by the key `key` (computed again at each comparison: keep it cheap).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in its natural order.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v` in its natural order (stably, see the module notes).
pub fn sort_unstable<T: Ord>(v: &mut [T]) {
    #[cfg(target_arch = "wasm32")]
    sort_by_small(v, T::cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable();
}

/// Sorts `v` by the key `key` (stably, see the module notes).
pub fn sort_unstable_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    #[cfg(target_arch = "wasm32")]
    sort_by_small(v, |a, b| key(a).cmp(&key(b)));
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable_by_key(key);
}

/// `x` so that larger values sort first in a numeric key ([`sort_by_numeric_key`]).
pub fn desc(x: u64) -> u64 {
    u64::MAX - x
}

/// An order-preserving numeric key for a float (NaN sorts last).
pub fn f64_key(x: f64) -> u64 {
    if x.is_nan() {
        return u64::MAX;
    }
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// Sorts `items` stably by a numeric key, a pair compared smallest first and computed once per
/// item. Every such sort shares one instance of the sorting code, over `(u64, u64, u32)` (the
/// index last, which keeps equal keys in order), however many orderings call it: the app turns
/// each of its orderings into such a key.
pub fn sort_by_numeric_key<T>(items: &mut [T], key: impl Fn(&T) -> (u64, u64)) {
    let mut keys: Vec<(u64, u64, u32)> = items
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let (a, b) = key(x);
            (a, b, i as u32)
        })
        .collect();
    sort_unstable(&mut keys);
    apply(items, keys.into_iter().map(|k| k.2).collect());
}

/// Sorts `items` stably by a text computed once per item; every such sort shares one instance,
/// over `(String, u32)`.
pub fn sort_by_text<T>(items: &mut [T], text: impl Fn(&T) -> String) {
    let mut keys: Vec<(String, u32)> = items
        .iter()
        .enumerate()
        .map(|(i, x)| (text(x), i as u32))
        .collect();
    sort_unstable(&mut keys);
    apply(items, keys.into_iter().map(|k| k.1).collect());
}

/// The wasm path of every function here, public so that native tests exercise it: sorts a
/// permutation with the one shared merge sort, then applies it.
pub fn sort_by_small<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    // Already sorted (lists built in order, like a search index's postings): one pass, no copy.
    if v.windows(2).all(|w| cmp(&w[0], &w[1]) != Ordering::Greater) {
        return;
    }
    let mut perm: Vec<u32> = (0..v.len() as u32).collect();
    merge_sort(&mut perm, &|a, b| cmp(&v[a as usize], &v[b as usize]));
    apply(v, perm);
}

/// Stable bottom-up merge sort of `idx` under `cmp`; not generic, so compiled once.
fn merge_sort(idx: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    let n = idx.len();
    // Short runs are first sorted by insertion, which is cheap on nearly sorted input.
    const RUN: usize = 8;
    for run in idx.chunks_mut(RUN) {
        for i in 1..run.len() {
            let x = run[i];
            let mut j = i;
            while j > 0 && cmp(run[j - 1], x) == Ordering::Greater {
                run[j] = run[j - 1];
                j -= 1;
            }
            run[j] = x;
        }
    }
    let mut buf = vec![0u32; n];
    let mut width = RUN;
    let (mut src, mut dst) = (idx, &mut buf[..]);
    let mut in_buf = false;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                // Take from the right only when strictly smaller: that keeps the sort stable.
                if cmp(src[j], src[i]) == Ordering::Less {
                    dst[k] = src[j];
                    j += 1;
                } else {
                    dst[k] = src[i];
                    i += 1;
                }
                k += 1;
            }
            dst[k..k + (mid - i)].copy_from_slice(&src[i..mid]);
            k += mid - i;
            dst[k..k + (hi - j)].copy_from_slice(&src[j..hi]);
            lo = hi;
        }
        std::mem::swap(&mut src, &mut dst);
        in_buf = !in_buf;
        width *= 2;
    }
    if in_buf {
        // `src` is the buffer holding the result; `dst` is the caller's slice.
        dst.copy_from_slice(src);
    }
}

/// Sorts `(key, value)` pairs by key, stably (values of equal keys keep their order), with an
/// LSD radix sort on 16-bit digits that skips the digits every key shares: linear time, where a
/// comparison sort of the million word pairs of a large corpus's search index took a second in
/// wasm. Not generic, so compiled once.
pub fn radix_sort_by_u64_key(v: &mut Vec<(u64, u32)>) {
    let mut sorter = RadixSort::new(v);
    while sorter.pass(v) {}
}

/// [`radix_sort_by_u64_key`] one pass at a time, for callers that spread the work over short
/// tasks: each [`RadixSort::pass`] is one linear sweep.
pub(crate) struct RadixSort {
    /// The shifts of the 16-bit digits still to sort by, lowest first.
    shifts: Vec<u32>,
    buf: Vec<(u64, u32)>,
}

impl RadixSort {
    /// Plans the sort of `v`: only the digits where keys differ need a pass.
    pub(crate) fn new(v: &[(u64, u32)]) -> RadixSort {
        let (mut and, mut or) = (u64::MAX, 0u64);
        for &(k, _) in v {
            and &= k;
            or |= k;
        }
        let varying = and ^ or;
        let shifts = (0..64)
            .step_by(16)
            .filter(|shift| v.len() > 1 && (varying >> shift) & 0xffff != 0)
            .rev()
            .collect();
        RadixSort {
            shifts,
            buf: Vec::new(),
        }
    }

    /// Sorts `v` (the slice given to [`RadixSort::new`]) by its next digit; returns whether
    /// another pass is left.
    pub(crate) fn pass(&mut self, v: &mut Vec<(u64, u32)>) -> bool {
        let Some(shift) = self.shifts.pop() else {
            return false;
        };
        let mut counts = vec![0usize; 1 << 16];
        for &(k, _) in v.iter() {
            counts[((k >> shift) & 0xffff) as usize] += 1;
        }
        let mut sum = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = sum;
            sum += n;
        }
        self.buf.clear();
        self.buf.resize(v.len(), (0, 0));
        for &item in v.iter() {
            let digit = ((item.0 >> shift) & 0xffff) as usize;
            self.buf[counts[digit]] = item;
            counts[digit] += 1;
        }
        std::mem::swap(v, &mut self.buf);
        !self.shifts.is_empty()
    }
}

/// Reorders `v` so that `v'[k] = v[perm[k]]`, following the permutation's cycles with swaps.
fn apply<T>(v: &mut [T], mut perm: Vec<u32>) {
    for i in 0..v.len() {
        let mut j = i;
        loop {
            let next = perm[j] as usize;
            perm[j] = j as u32;
            if next == i || next == j {
                break;
            }
            v.swap(j, next);
            j = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_matches_a_stable_sort_by_key() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for (n, mask) in [
            (0, u64::MAX),
            (1, 7),
            (1000, 0xff),
            (5000, u64::MAX),
            (5000, 0xffff_0000_0000_00ff),
        ] {
            let input: Vec<(u64, u32)> = (0..n).map(|i| (next() & mask, i)).collect();
            let mut expected = input.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = input;
            radix_sort_by_u64_key(&mut got);
            assert_eq!(got, expected, "{n} keys under {mask:#x}");
        }
    }

    /// Checks the wasm path against std's stable sort on pairs sorted by their first half only.
    fn check(input: &[(u8, u16)]) {
        let mut expected = input.to_vec();
        expected.sort_by_key(|p| p.0);
        let mut got = input.to_vec();
        sort_by_small(&mut got, |a, b| a.0.cmp(&b.0));
        assert_eq!(got, expected, "input {input:?}");
    }

    #[test]
    fn matches_std_stable_sort() {
        check(&[]);
        check(&[(1, 0)]);
        check(&[(2, 0), (1, 1)]);
        check(&[(1, 0), (1, 1), (0, 2)]);
        // Pseudo-random inputs of many lengths, with many ties, cover runs and merges.
        let mut x: u32 = 12345;
        for n in 0..200u16 {
            let v: Vec<(u8, u16)> = (0..n)
                .map(|i| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    ((x >> 16) as u8 % 7, i)
                })
                .collect();
            check(&v);
            let mut rev = v.clone();
            rev.reverse();
            check(&rev);
        }
    }

    #[test]
    fn sorts_stably_by_numeric_and_text_keys() {
        let mut v = vec![("b", 2), ("a", 1), ("c", 2), ("d", 0)];
        sort_by_numeric_key(&mut v, |x| (desc(x.1), 0));
        assert_eq!(v, [("b", 2), ("c", 2), ("a", 1), ("d", 0)]);
        sort_by_text(&mut v, |x| x.0.to_string());
        assert_eq!(v, [("a", 1), ("b", 2), ("c", 2), ("d", 0)]);
        let mut f = vec![1.5, -2.0, 0.0, f64::NAN, -0.5, 3e9];
        sort_by_numeric_key(&mut f, |x| (f64_key(*x), 0));
        assert_eq!(&f[..5], &[-2.0, -0.5, 0.0, 1.5, 3e9]);
        assert!(f[5].is_nan());
    }

    #[test]
    fn strings_sort_in_place() {
        let mut v: Vec<String> = ["b", "c", "a", "b"].iter().map(|s| s.to_string()).collect();
        sort_by_small(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, ["a", "b", "b", "c"]);
    }
}
