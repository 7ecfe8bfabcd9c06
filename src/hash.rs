//! Content hashes (a document's identity, a model's fingerprint, a settings tag), and
//! the maps the rules stages look words up in.

use sha2::{Digest, Sha256};

/// A map keyed by words: foldhash instead of SipHash, since the extractors and the rules
/// translator hash every word of every sentence several times. Still seeded per process.
pub type WordMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub type WordSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// sha256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    short_sha256_hex(bytes, 32)
}

/// The first `n` bytes of sha256 of `bytes`, lower-case hex: a tag short enough to read.
pub fn short_sha256_hex(bytes: &[u8], n: usize) -> String {
    Sha256::digest(bytes).iter().take(n).map(|b| format!("{b:02x}")).collect()
}
