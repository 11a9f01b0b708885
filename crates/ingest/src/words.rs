//! A quick hash for the fixed word lists and dictionaries looked up for every token.
//!
//! The keys of these tables are fixed when the program starts; text only looks them
//! up, so the hash need not resist collisions chosen by an adversary, and FNV-1a
//! is several times cheaper than the standard hasher on short words.

use std::{
    collections::{HashMap, HashSet},
    hash::{BuildHasherDefault, Hasher},
};

/// FNV-1a, 64 bits.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set of fixed words, hashed with [`Fnv`].
pub(crate) type WordSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// A map from fixed words, hashed with [`Fnv`].
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
