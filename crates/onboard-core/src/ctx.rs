//! Time and randomness, handed to the domain by the shell.
use sha2::{Digest, Sha256};
use std::cell::Cell;

/// Milliseconds since the Unix epoch (UTC).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

pub const SECOND: i64 = 1_000;
pub const MINUTE: i64 = 60 * SECOND;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;

impl Timestamp {
    pub fn plus(self, millis: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(millis))
    }
    pub fn millis(self) -> i64 {
        self.0
    }
}

/// The context of one command: the current time and a seed of secure random bytes.
///
/// Random values are derived from the seed with SHA-256 in counter mode, so a test
/// that fixes the seed gets the same values every time.
pub struct Ctx {
    pub now: Timestamp,
    seed: [u8; 32],
    counter: Cell<u64>,
}

impl Ctx {
    pub fn new(now: Timestamp, seed: [u8; 32]) -> Ctx {
        Ctx {
            now,
            seed,
            counter: Cell::new(0),
        }
    }

    /// A fixed context for tests.
    pub fn fixed(now_millis: i64, seed_byte: u8) -> Ctx {
        Ctx::new(Timestamp(now_millis), [seed_byte; 32])
    }

    pub fn random_block(&self) -> [u8; 32] {
        let n = self.counter.get();
        self.counter.set(n + 1);
        let mut h = Sha256::new();
        h.update(self.seed);
        h.update(n.to_le_bytes());
        h.finalize().into()
    }

    /// A uniformly random number below `bound` (rejection sampling, no modulo bias).
    pub fn below(&self, bound: u32) -> u32 {
        assert!(bound > 0);
        let zone = u32::MAX - (u32::MAX % bound);
        loop {
            let b = self.random_block();
            for chunk in b.chunks_exact(4) {
                let v = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
                if v < zone {
                    return v % bound;
                }
            }
        }
    }

    /// `len` characters drawn uniformly from `alphabet`.
    pub fn random_string(&self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len() as u32) as usize] as char)
            .collect()
    }

    pub fn random_hex(&self, bytes: usize) -> String {
        let mut out = String::with_capacity(bytes * 2);
        while out.len() < bytes * 2 {
            for b in self.random_block() {
                if out.len() < bytes * 2 {
                    out.push_str(&format!("{b:02x}"));
                }
            }
        }
        out
    }
}
