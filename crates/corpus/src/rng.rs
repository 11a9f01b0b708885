//! The random source: ChaCha8 streams keyed by what they generate.

use rand_chacha::{
    rand_core::{Rng as _, SeedableRng as _},
    ChaCha8Rng,
};

/// Streams `0..2^60` are articles; persons and other keyed draws set the top bits.
pub(crate) const STREAM_OFFICIAL: u64 = 1 << 62;
pub(crate) const STREAM_MINOR: u64 = 1 << 61;
pub(crate) const STREAM_WORLD: u64 = 1 << 60;

/// A seeded random source with the few draws the generator needs. Every article,
/// person and table order reads its own ChaCha8 stream of the corpus seed, so an
/// article's text depends on the seed and its number only: `generate(s, 10)` is a
/// prefix of `generate(s, 1000)`.
pub(crate) struct Rng(ChaCha8Rng);

impl Rng {
    /// The stream `stream` of the generator seeded with `seed`.
    pub(crate) fn new(seed: u64, stream: u64) -> Rng {
        let mut inner = ChaCha8Rng::seed_from_u64(seed);
        inner.set_stream(stream);
        Rng(inner)
    }

    fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A number in `0..n` (`n > 0`), by multiply-shift: the bias is below 2^-32 for
    /// the table sizes used here.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice, uniformly.
    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A rank in `0..n`, roughly Zipf-distributed with exponent 1: rank `k` comes up
    /// about `1 / (k + 1)` as often as rank 0. (The inverse of the continuous 1/x
    /// distribution, which is exact enough for popularity and costs one `powf`.)
    pub(crate) fn zipf(&mut self, n: usize) -> usize {
        let unit = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        let rank = ((n as f64 + 1.0).powf(unit) - 1.0) as usize;
        rank.min(n - 1)
    }

    /// `k` distinct Zipf ranks in `0..n` (`k <= n`), in draw order.
    pub(crate) fn zipf_distinct(&mut self, n: usize, k: usize, avoid: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(k);
        let mut tries = 0;
        while out.len() < k {
            let rank = if tries < 64 * k {
                self.zipf(n)
            } else {
                self.below(n)
            };
            tries += 1;
            if !out.contains(&rank) && !avoid.contains(&rank) {
                out.push(rank);
            }
        }
        out
    }

    /// Shuffles a slice in place (Fisher-Yates).
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_independent_and_repeatable() {
        let a: Vec<usize> = (0..8).map(|_| Rng::new(7, 1).below(1000)).collect();
        let mut one = Rng::new(7, 1);
        let mut two = Rng::new(7, 2);
        let x: Vec<usize> = (0..8).map(|_| one.below(1 << 30)).collect();
        let y: Vec<usize> = (0..8).map(|_| two.below(1 << 30)).collect();
        assert_ne!(x, y);
        assert!(a.iter().all(|&v| v == a[0]));
    }

    #[test]
    fn zipf_favours_small_ranks() {
        let mut rng = Rng::new(1, 0);
        let mut counts = [0usize; 100];
        for _ in 0..20_000 {
            counts[rng.zipf(100)] += 1;
        }
        assert!(counts[0] > 4 * counts[9], "{counts:?}");
        assert!(counts[9] > counts[90], "{counts:?}");
    }
}
