//! Invitations: access given to an address that has no ID yet. The mail carries a
//! link with a secret; only its SHA-256 digest is stored. An invitation runs 7 days
//! (`INVITE_DAYS`), can be sent again (a new secret and 7 new days; the old link stops
//! working) and revoked; accepting it creates the ID with the invited address only.
//!
//! A site's invitation rides on its `SiteUser` (the access is there at once, and it
//! applies when a verified ID exists, see `State::user_status`); a company's is a
//! `CompanyInvite` in the company's head, which becomes an employee when accepted.
use super::ctx::{Ctx, Timestamp, DAY};
use super::route::{Href, Route};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use std::marker::PhantomData;

/// A value kept as its JSON until asked for (`get`). Every record is read when the app
/// starts, so a field's reading code is in the first download; kept this way, the
/// code that reads a `T` is only where `get` is called (pages and commands fetched
/// later). For the invitations, which the first page never shows.
pub struct Lazy<T> {
    raw: Box<RawValue>,
    _t: PhantomData<fn() -> T>,
}

impl<T: Serialize + DeserializeOwned> Lazy<T> {
    pub fn new(value: &T) -> Option<Lazy<T>> {
        let raw = serde_json::value::to_raw_value(value).ok()?;
        Some(Lazy {
            raw,
            _t: PhantomData,
        })
    }
    /// The value; `None` if what is stored is not a `T`.
    pub fn get(&self) -> Option<T> {
        serde_json::from_str(self.raw.get()).ok()
    }
}

impl<T> Clone for Lazy<T> {
    fn clone(&self) -> Self {
        Lazy {
            raw: self.raw.clone(),
            _t: PhantomData,
        }
    }
}
impl<T> PartialEq for Lazy<T> {
    fn eq(&self, other: &Self) -> bool {
        self.raw.get() == other.raw.get()
    }
}
impl<T> Eq for Lazy<T> {}
impl<T> std::fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.raw.get())
    }
}
impl<T> Serialize for Lazy<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(s)
    }
}
impl<'de, T> Deserialize<'de> for Lazy<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Lazy {
            raw: Box::<RawValue>::deserialize(d)?,
            _t: PhantomData,
        })
    }
}

pub const INVITE_DAYS: i64 = 7;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invite {
    /// SHA-256 (hex) of the link's secret; the secret itself is only in the mail.
    pub digest: String,
    /// When it was (last) sent.
    pub sent: Timestamp,
    pub expires: Timestamp,
    /// Who sent it (last).
    pub by: String,
    /// How many times it was sent (1: once).
    pub sends: u32,
}

/// Where an invitation stands, as its list shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InviteState {
    Pending,
    Expired,
}

impl Invite {
    /// A new invitation and the secret for its link (32 hex characters, 128 bits).
    pub fn issue(ctx: &Ctx, by: &str, sends: u32) -> (Invite, String) {
        let secret = ctx.random_hex(16);
        let invite = Invite {
            digest: digest(&secret),
            sent: ctx.now,
            expires: ctx.now.plus(INVITE_DAYS * DAY),
            by: by.to_string(),
            sends,
        };
        (invite, secret)
    }
    /// Whether `secret` is this invitation's (its digest compared in constant time).
    pub fn opens(&self, secret: &str) -> bool {
        self.has_digest(&digest(secret.trim()))
    }
    pub(crate) fn has_digest(&self, d: &str) -> bool {
        d.len() == self.digest.len()
            && d.bytes()
                .zip(self.digest.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }
    pub fn state(&self, now: Timestamp) -> InviteState {
        if now >= self.expires {
            InviteState::Expired
        } else {
            InviteState::Pending
        }
    }
}

/// The SHA-256 digest of a link's secret, as stored (hex).
pub(crate) fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The path of the page that accepts an invitation (the create-ID page in its
/// invitation form); the address is there for shared mode, where the page cannot read
/// the invitation and creates the ID the usual way.
pub fn accept_path(secret: &str, email: &str) -> Href {
    Route::CreateId.with("invite", secret).and("email", email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lazy_value_reads_back_from_text_and_from_a_json_value() {
        let ctx = Ctx::fixed(1_000, 7);
        let (inv, _) = Invite::issue(&ctx, "a@example.com", 1);
        let lazy = Lazy::new(&inv).unwrap();
        let text = serde_json::to_string(&lazy).unwrap();
        assert!(
            text.starts_with("{\"digest\":"),
            "stored as plain JSON: {text}"
        );
        let back: Lazy<Invite> = serde_json::from_str(&text).unwrap();
        assert_eq!(back.get(), Some(inv.clone()));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let back: Lazy<Invite> = serde_json::from_value(value).unwrap();
        assert_eq!(back.get(), Some(inv));
        let wrong: Lazy<Invite> = serde_json::from_str("[1]").unwrap();
        assert_eq!(wrong.get(), None);
    }

    #[test]
    fn a_secret_opens_only_its_own_invitation_and_it_runs_seven_days() {
        let ctx = Ctx::fixed(1_000, 7);
        let (inv, secret) = Invite::issue(&ctx, "a@example.com", 1);
        assert_eq!(secret.len(), 32);
        assert!(inv.opens(&secret));
        assert!(!inv.opens(&secret[1..]));
        assert!(!inv.digest.contains(&secret));
        let (other, _) = Invite::issue(&ctx, "a@example.com", 2);
        assert!(
            !other.opens(&secret),
            "a resent invitation has a new secret"
        );
        assert_eq!(
            inv.state(Timestamp(1_000 + 7 * DAY - 1)),
            InviteState::Pending
        );
        assert_eq!(inv.state(Timestamp(1_000 + 7 * DAY)), InviteState::Expired);
    }
}
