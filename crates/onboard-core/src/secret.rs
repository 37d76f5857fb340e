//! Salted slow hashes for passwords and codes; SHA-256 for high-entropy tokens.
//!
//! Invariants: a secret is hashed, verified and checked by the policy in one form, its
//! NFKC normalisation, so the same password typed through an IME in full or half width
//! is one password; a hash is run only when its parameters are within [`BOUNDS`] (a
//! hostile `t=4000000000` matches nothing and never hangs the tab); a hash weaker than today's
//! parameters, or of an unnormalised secret, is replaced at the next successful sign-in.
use super::ctx::Ctx;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// OWASP (2025) Argon2id minimum: 19 MiB memory, 2 passes, 1 lane.
pub const ARGON2_MEMORY_KIB: u32 = 19_456;
pub const ARGON2_PASSES: u32 = 2;
pub const ARGON2_LANES: u32 = 1;

/// What a secret is hashed, verified and checked as (NFKC: full-width letters and
/// digits become ASCII, compatibility forms fold).
pub fn normalize(secret: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    secret.nfkc().collect()
}

/// The parameters a stored hash may have: memory in KiB, passes, lanes (inclusive).
/// A hash outside them is never run; anything inside costs at most a few seconds on a
/// phone.
pub const BOUNDS: [(&str, u32, u32); 3] = [("m", 8, 262_144), ("t", 1, 16), ("p", 1, 8)];

/// The result of checking a secret against a hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Wrong,
    /// Right; `rehash` when the hash should be replaced by one made today.
    Right {
        rehash: bool,
    },
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(ARGON2_MEMORY_KIB, ARGON2_PASSES, ARGON2_LANES, None)
        .expect("valid argon2 params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A PHC-format Argon2id hash (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`).
/// Debug never prints it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SecretHash(String);

impl std::fmt::Debug for SecretHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretHash(..)")
    }
}

/// Stands for a secret this data set does not hold (shared mode: the server checks the
/// password). A valid argon2id string whose hash is all zeros; nothing matches it.
const HELD_ELSEWHERE: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$aGVsZGVsc2V3aGVyZQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

impl SecretHash {
    /// A secret held elsewhere (see [`HELD_ELSEWHERE`]): it never verifies.
    pub fn held_elsewhere() -> SecretHash {
        SecretHash(HELD_ELSEWHERE.into())
    }
    pub fn is_held_elsewhere(&self) -> bool {
        self.0 == HELD_ELSEWHERE
    }
    pub fn new(secret: &str, ctx: &Ctx) -> SecretHash {
        let salt_bytes = &ctx.random_block()[..16];
        let salt = SaltString::encode_b64(salt_bytes).expect("16-byte salt encodes");
        let hash = hasher()
            .hash_password(normalize(secret).as_bytes(), &salt)
            .expect("argon2 hashing cannot fail with valid params");
        SecretHash(hash.to_string())
    }

    /// Constant-time verification (argon2's `verify_password` compares in constant
    /// time) of the normalised secret, then, for hashes made before secrets were
    /// normalised, of the secret as typed (which then asks for a rehash).
    pub fn check(&self, secret: &str) -> Verdict {
        if self.0 == HELD_ELSEWHERE {
            return Verdict::Wrong;
        }
        let Ok(parsed) = PasswordHash::new(&self.0) else {
            return Verdict::Wrong;
        };
        // Parameters beyond bounds (a stored or imported `t=4000000000`) are never run:
        // such a hash matches nothing, and a password reset replaces it.
        if BOUNDS
            .iter()
            .any(|(name, min, max)| !(*min..=*max).contains(&param(&parsed, name)))
            || parsed.hash.is_none_or(|h| h.len() > 64)
        {
            return Verdict::Wrong;
        }
        let weaker = param(&parsed, "m") < ARGON2_MEMORY_KIB
            || param(&parsed, "t") < ARGON2_PASSES
            || parsed.version.unwrap_or(0) < Version::V0x13 as u32;
        let normal = normalize(secret);
        if hasher().verify_password(normal.as_bytes(), &parsed).is_ok() {
            return Verdict::Right { rehash: weaker };
        }
        if normal != secret && hasher().verify_password(secret.as_bytes(), &parsed).is_ok() {
            return Verdict::Right { rehash: true };
        }
        Verdict::Wrong
    }

    pub fn verify(&self, secret: &str) -> bool {
        matches!(self.check(secret), Verdict::Right { .. })
    }
}

fn param(parsed: &PasswordHash<'_>, name: &str) -> u32 {
    parsed.params.get_decimal(name).unwrap_or(0)
}

impl TryFrom<String> for SecretHash {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let parsed = PasswordHash::new(&s).map_err(|e| format!("bad hash: {e}"))?;
        if parsed.algorithm.as_str() != "argon2id" {
            return Err("hash is not argon2id".into());
        }
        Ok(SecretHash(s))
    }
}
impl From<SecretHash> for String {
    fn from(h: SecretHash) -> String {
        h.0
    }
}

/// SHA-256 hex of a high-entropy token (session tokens): fast hashing is right for
/// 128-bit random values, slow hashing is for what people choose or can guess.
pub fn token_digest(token: &str) -> String {
    let d = Sha256::digest(token.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Constant-time equality of two strings.
pub fn ct_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}
