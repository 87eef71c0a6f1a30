//! Sorting through one shared instance. Every `sort_by` with its own closure is a new copy of the
//! standard library's sort in the wasm (several kilobytes each); here every ordering of the app
//! becomes a numeric key, and one `sort_unstable` over `(u64, u64, u32)` (the index last, so the
//! result is stable) does all the work. Text orders share a second instance over `(String, u32)`.

/// A sort key: compared as a pair, smallest first.
pub type Key = (u64, u64);

/// `x` so that larger values sort first.
pub fn desc(x: u64) -> u64 {
    u64::MAX - x
}

/// An order-preserving key for a float (NaN sorts last).
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

fn apply<T>(items: &mut Vec<T>, order: impl Iterator<Item = u32>) {
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.filter_map(|i| slots.get_mut(i as usize).and_then(Option::take)));
}

/// Sorts `items` by `key`, stably.
pub fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> Key) {
    let mut keys: Vec<(u64, u64, u32)> = items
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let (a, b) = key(x);
            (a, b, i as u32)
        })
        .collect();
    entente_core::sort::sort_unstable(&mut keys);
    apply(items, keys.into_iter().map(|k| k.2));
}

/// Sorts `items` by a text, stably.
pub fn sort_by_text<T>(items: &mut Vec<T>, text: impl Fn(&T) -> String) {
    let mut keys: Vec<(String, u32)> = items
        .iter()
        .enumerate()
        .map(|(i, x)| (text(x), i as u32))
        .collect();
    entente_core::sort::sort_unstable(&mut keys);
    apply(items, keys.into_iter().map(|k| k.1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_by_numeric_and_text_keys() {
        let mut v = vec![("b", 2), ("a", 1), ("c", 2), ("d", 0)];
        sort_by_key(&mut v, |x| (desc(x.1), 0));
        assert_eq!(v, [("b", 2), ("c", 2), ("a", 1), ("d", 0)]);
        sort_by_text(&mut v, |x| x.0.to_string());
        assert_eq!(v, [("a", 1), ("b", 2), ("c", 2), ("d", 0)]);
        let mut f = vec![1.5, -2.0, 0.0, f64::NAN, -0.5, 3e9];
        sort_by_key(&mut f, |x| (f64_key(*x), 0));
        assert_eq!(&f[..5], &[-2.0, -0.5, 0.0, 1.5, 3e9]);
        assert!(f[5].is_nan());
    }
}
