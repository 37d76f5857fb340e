//! Salted slow hashes for passwords and codes; SHA-256 for high-entropy tokens.
use super::ctx::Ctx;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// OWASP (2025) Argon2id minimum: 19 MiB memory, 2 passes, 1 lane.
pub const ARGON2_MEMORY_KIB: u32 = 19_456;
pub const ARGON2_PASSES: u32 = 2;
pub const ARGON2_LANES: u32 = 1;

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

impl SecretHash {
    pub fn new(secret: &str, ctx: &Ctx) -> SecretHash {
        let salt_bytes = &ctx.random_block()[..16];
        let salt = SaltString::encode_b64(salt_bytes).expect("16-byte salt encodes");
        let hash = hasher()
            .hash_password(secret.as_bytes(), &salt)
            .expect("argon2 hashing cannot fail with valid params");
        SecretHash(hash.to_string())
    }

    /// Constant-time verification (argon2's `verify_password` compares in constant time).
    pub fn verify(&self, secret: &str) -> bool {
        match PasswordHash::new(&self.0) {
            Ok(parsed) => hasher().verify_password(secret.as_bytes(), &parsed).is_ok(),
            Err(_) => false,
        }
    }
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
