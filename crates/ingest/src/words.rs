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

/// A multiplicative word hash: each eight bytes (the last ones zero-padded) are mixed in
/// with one multiplication, with the length, so that padding makes no two words equal.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

/// An odd constant with well-spread bits (2^64 divided by the golden ratio).
const K: u64 = 0x9e37_79b9_7f4a_7c15;

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = (self.0 ^ bytes.len() as u64).wrapping_mul(K);
        let mut chunks = bytes.chunks_exact(8);
        for eight in &mut chunks {
            let v = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
            hash = (hash ^ v).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut eight = [0u8; 8];
            eight[..rest.len()].copy_from_slice(rest);
            hash = (hash ^ u64::from_le_bytes(eight)).wrapping_mul(K);
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
