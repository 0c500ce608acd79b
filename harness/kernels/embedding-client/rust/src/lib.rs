//! What the mock server and the Rust client of the embedding-client kernel share: the input
//! texts, the fixed vectors the server answers with, and the checksum every client computes.
//! The Python clients (`../common.py`) implement the same three definitions.

use sha2::{Digest, Sha256};

/// Rows of the server's vector table; an input's vector is row `fnv1a(text) % TABLE_ROWS`.
pub const TABLE_ROWS: usize = 1024;

/// The text of input `i` (short, like Baseten's "Hello world", but distinct so that order matters).
pub fn input_text(i: usize) -> String {
    format!("Hello world {i}")
}

/// 64-bit FNV-1a of the UTF-8 bytes.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Component `j` of table row `row`: a multiple of 1/256 in [-1, 1], so that it is exact in f32
/// and f64 and its shortest decimal parses back to the same f32 in every language.
pub fn component(row: usize, j: usize) -> f32 {
    // splitmix64 of (row, j): deterministic, no state.
    let mut z = (row as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (j as u64).wrapping_add(0x632b_e59b_d9b4_e019);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    ((z % 513) as i32 - 256) as f32 / 256.0
}

/// The checksum of one request's answer: SHA-256 of its vectors as little-endian f32, in input order.
pub fn batch_digest(vectors: &[Vec<f32>]) -> [u8; 32] {
    let mut h = Sha256::new();
    for v in vectors {
        for x in v {
            h.update(x.to_le_bytes());
        }
    }
    h.finalize().into()
}

/// The kernel's checksum: SHA-256 of the batch digests in batch order, as lowercase hex.
pub fn combine(batch_digests: &[[u8; 32]]) -> String {
    let mut h = Sha256::new();
    for d in batch_digests {
        h.update(d);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
