//! Content hashes: a document's identity, a model's fingerprint, a settings tag.

use sha2::{Digest, Sha256};

/// sha256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    short_sha256_hex(bytes, 32)
}

/// The first `n` bytes of sha256 of `bytes`, lower-case hex: a tag short enough to read.
pub fn short_sha256_hex(bytes: &[u8], n: usize) -> String {
    Sha256::digest(bytes).iter().take(n).map(|b| format!("{b:02x}")).collect()
}
