//! A quick hash for the fixed word lists and dictionaries looked up for every token.
//!
//! The keys of these tables are fixed when the program starts; text only looks them
//! up, so the hash need not resist collisions chosen by an adversary. Words are short:
//! taking them eight bytes at a time is several times cheaper than the standard hasher
//! (and than a byte-at-a-time hash such as FNV-1a).

use std::{
    collections::{HashMap, HashSet},
    hash::{BuildHasherDefault, Hasher},
};

/// A multiplicative word hash: the length, then each eight bytes, then the last few,
/// are mixed in with one multiplication each.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

/// An odd constant with well-spread bits (2^64 divided by the golden ratio).
const K: u64 = 0x9e37_79b9_7f4a_7c15;

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = (self.0 ^ bytes.len() as u64).wrapping_mul(K);
        let mut rest = bytes;
        while let Some((eight, after)) = rest.split_first_chunk::<8>() {
            hash = (hash ^ u64::from_le_bytes(*eight)).wrapping_mul(K);
            rest = after;
        }
        // The last one to seven bytes, read without a loop or a copy: with the length
        // mixed in above, these reads tell all short tails apart.
        let n = rest.len();
        let last = match n {
            0 => None,
            1..=3 => Some(
                u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16,
            ),
            _ => {
                let four = |at: usize| {
                    u64::from(u32::from_le_bytes(
                        rest[at..at + 4].try_into().expect("four bytes"),
                    ))
                };
                Some(four(0) | four(n - 4) << 32)
            }
        };
        if let Some(v) = last {
            hash = (hash ^ v).wrapping_mul(K);
        }
        self.0 = hash;
    }

    /// `str` hashes end with a marker byte: one multiplication is enough for it.
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(K);
    }

    fn finish(&self) -> u64 {
        // A product's high bits depend on all of its input, its low bits only on the
        // input's low bits; tables take their slot from the low bits.
        self.0 ^ (self.0 >> 32)
    }
}

/// A set of fixed words, hashed with [`WordHasher`].
pub(crate) type WordSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// A map from fixed words, hashed with [`WordHasher`].
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
