//! Personal sign-in identities (IDs): credentials, verification, lock-out, sessions.
use super::ctx::{Ctx, Timestamp, HOUR, MINUTE};
use super::error::FieldError;
use super::secret::{ct_eq, token_digest, SecretHash};
use super::text::{Country, Email, PersonName};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

pub const CODE_DIGITS: usize = 6;
pub const CODE_VALID: i64 = 30 * MINUTE;
pub const CODE_TRIES: u32 = 5;
pub const MAX_FAILURES: u32 = 5;
pub const LOCK_FOR: i64 = 15 * MINUTE;
pub const SESSION_IDLE: i64 = 8 * HOUR;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdentityId(String);

impl IdentityId {
    pub fn new(ctx: &Ctx) -> IdentityId {
        IdentityId(format!("u{}", ctx.random_hex(8)))
    }
    /// Accepts only the shape `new` makes (used when reading storage keys).
    pub fn parse(s: &str) -> Option<IdentityId> {
        let ok =
            s.len() == 17 && s.starts_with('u') && s[1..].chars().all(|c| c.is_ascii_hexdigit());
        ok.then(|| IdentityId(s.to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A one-time code sent by mail: stored hashed, limited in time and tries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingCode {
    hash: SecretHash,
    expires: Timestamp,
    tries_left: u32,
}

pub enum CodeCheck {
    Ok,
    Wrong { tries_left: u32 },
    Expired,
    UsedUp,
}

impl PendingCode {
    /// A new random code; returns the record and the clear code (for the mail only).
    pub fn issue(ctx: &Ctx) -> (PendingCode, String) {
        let code = ctx.random_string(b"0123456789", CODE_DIGITS);
        let rec = PendingCode {
            hash: SecretHash::new(&code, ctx),
            expires: ctx.now.plus(CODE_VALID),
            tries_left: CODE_TRIES,
        };
        (rec, code)
    }
    /// A code of `len` characters from `alphabet`, valid for `valid` ms and `tries` tries.
    pub fn issue_custom(
        ctx: &Ctx,
        alphabet: &[u8],
        len: usize,
        valid: i64,
        tries: u32,
    ) -> (PendingCode, String) {
        let code = ctx.random_string(alphabet, len);
        let rec = PendingCode {
            hash: SecretHash::new(&code, ctx),
            expires: ctx.now.plus(valid),
            tries_left: tries,
        };
        (rec, code)
    }
    pub fn tries_left(&self) -> u32 {
        self.tries_left
    }
    /// Checks `code`, spending one try when wrong.
    pub fn check(&mut self, code: &str, now: Timestamp) -> CodeCheck {
        if self.tries_left == 0 {
            return CodeCheck::UsedUp;
        }
        if now >= self.expires {
            return CodeCheck::Expired;
        }
        if self.hash.verify(code) {
            return CodeCheck::Ok;
        }
        self.tries_left -= 1;
        if self.tries_left == 0 {
            CodeCheck::UsedUp
        } else {
            CodeCheck::Wrong {
                tries_left: self.tries_left,
            }
        }
    }
    pub fn expires(&self) -> Timestamp {
        self.expires
    }
}

impl CodeCheck {
    pub fn into_field_error(self) -> Option<FieldError> {
        match self {
            CodeCheck::Ok => None,
            CodeCheck::Wrong { tries_left } => Some(FieldError::CodeWrong { tries_left }),
            CodeCheck::Expired => Some(FieldError::CodeExpired),
            CodeCheck::UsedUp => Some(FieldError::CodeUsedUp),
        }
    }
}

/// Consecutive wrong passwords and the lock they cause.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guard {
    failures: u32,
    locked_at: Option<Timestamp>,
}

impl Guard {
    /// The end of the lock if locked at `now`. A clock set back before the moment of
    /// locking keeps the lock (it never unlocks early); a password reset lifts it.
    pub fn locked_until(&self, now: Timestamp) -> Option<Timestamp> {
        let at = self.locked_at?;
        let until = at.plus(LOCK_FOR);
        (now < until).then_some(until)
    }
    /// Records a wrong password; returns the lock's end when this one locks.
    pub fn fail(&mut self, now: Timestamp) -> Option<Timestamp> {
        self.failures += 1;
        if self.failures >= MAX_FAILURES {
            self.failures = 0;
            self.locked_at = Some(now);
            Some(now.plus(LOCK_FOR))
        } else {
            None
        }
    }
    pub fn clear(&mut self) {
        self.failures = 0;
        self.locked_at = None;
    }
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

/// A signed-in session: only the digest of its token is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    digest: String,
    created: Timestamp,
    last_seen: Timestamp,
}

/// The sessions of one account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sessions(Vec<Session>);

pub const MAX_SESSIONS: usize = 10;

impl Sessions {
    /// Starts a session; returns its clear token (kept by the device only).
    pub fn start(&mut self, ctx: &Ctx) -> String {
        let token = ctx.random_hex(16);
        self.0.retain(|s| ctx.now.0 - s.last_seen.0 <= SESSION_IDLE);
        if self.0.len() >= MAX_SESSIONS {
            self.0.remove(0);
        }
        self.0.push(Session {
            digest: token_digest(&token),
            created: ctx.now,
            last_seen: ctx.now,
        });
        token
    }
    fn find(&self, token: &str) -> Option<usize> {
        let d = token_digest(token);
        self.0.iter().position(|s| ct_eq(&s.digest, &d))
    }
    /// Whether `token` names a live session at `now`.
    pub fn is_live(&self, token: &str, now: Timestamp) -> bool {
        self.find(token)
            .is_some_and(|i| now.0 - self.0[i].last_seen.0 <= SESSION_IDLE)
    }
    /// Marks activity; returns true when the record changed (at most once a minute).
    pub fn touch(&mut self, token: &str, now: Timestamp) -> bool {
        match self.find(token) {
            Some(i) if now.0 - self.0[i].last_seen.0 >= MINUTE => {
                self.0[i].last_seen = now;
                true
            }
            _ => false,
        }
    }
    pub fn end(&mut self, token: &str) {
        if let Some(i) = self.find(token) {
            self.0.remove(i);
        }
    }
    pub fn end_all(&mut self) {
        self.0.clear();
    }
    pub fn end_others(&mut self, keep: &str) {
        let d = token_digest(keep);
        self.0.retain(|s| ct_eq(&s.digest, &d));
    }
    pub fn count(&self) -> usize {
        self.0.len()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state")]
pub enum IdStatus {
    Unverified { code: PendingCode },
    Active { verified: Timestamp },
}

/// Where an ID stands: waiting for its code, usable, or locked by wrong passwords.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdState {
    Unverified,
    Active,
    Locked,
}

impl IdState {
    pub const ALL: [IdState; 3] = [IdState::Unverified, IdState::Active, IdState::Locked];
    /// Its name in an address (`?status=locked`).
    pub fn key(self) -> &'static str {
        match self {
            IdState::Unverified => "unverified",
            IdState::Active => "active",
            IdState::Locked => "locked",
        }
    }
    pub fn parse(s: &str) -> Option<IdState> {
        IdState::ALL.into_iter().find(|x| x.key() == s)
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub(crate) id: IdentityId,
    pub(crate) email: Email,
    pub(crate) family: PersonName,
    pub(crate) given: PersonName,
    pub(crate) country: Country,
    pub(crate) mail_lang: Lang,
    pub(crate) password: SecretHash,
    pub(crate) status: IdStatus,
    #[serde(default)]
    pub(crate) reset: Option<PendingCode>,
    #[serde(default)]
    pub(crate) guard: Guard,
    #[serde(default)]
    pub(crate) sessions: Sessions,
    pub(crate) created: Timestamp,
    pub(crate) terms_accepted: Timestamp,
}

impl Identity {
    pub fn id(&self) -> &IdentityId {
        &self.id
    }
    pub fn email(&self) -> &Email {
        &self.email
    }
    pub fn family(&self) -> &str {
        self.family.as_str()
    }
    pub fn given(&self) -> &str {
        self.given.as_str()
    }
    pub fn country(&self) -> Country {
        self.country
    }
    pub fn mail_lang(&self) -> Lang {
        self.mail_lang
    }
    pub fn is_verified(&self) -> bool {
        matches!(self.status, IdStatus::Active { .. })
    }
    /// When the address was proven (the code entered, the invitation accepted).
    pub fn verified_at(&self) -> Option<Timestamp> {
        match self.status {
            IdStatus::Active { verified } => Some(verified),
            IdStatus::Unverified { .. } => None,
        }
    }
    pub fn created(&self) -> Timestamp {
        self.created
    }
    /// The full name in the order of `lang`: family first in Japanese.
    pub fn display_name(&self, lang: Lang) -> String {
        display_name(self.given.as_str(), self.family.as_str(), lang)
    }
    pub fn locked_until(&self, now: Timestamp) -> Option<Timestamp> {
        self.guard.locked_until(now)
    }
    /// Where the ID stands at `now`, as the program office's list shows it.
    pub fn state(&self, now: Timestamp) -> IdState {
        if self.locked_until(now).is_some() {
            IdState::Locked
        } else if self.is_verified() {
            IdState::Active
        } else {
            IdState::Unverified
        }
    }
    /// Whether the office's list of IDs finds it for `key` (a
    /// [`crate::text::search_key`] of what is typed, trimmed; empty finds every one):
    /// in its email or its names ([`name_matches`]).
    pub fn matches(&self, key: &str) -> bool {
        key.is_empty()
            || self.email.as_str().contains(key)
            || name_matches(self.given.as_str(), self.family.as_str(), key)
    }
    /// The copy a shared server keeps: the profile, never a secret (the password is
    /// held elsewhere; no reset code, lock-out counter or session).
    pub fn for_server(&self) -> Identity {
        Identity {
            password: SecretHash::held_elsewhere(),
            reset: None,
            guard: Guard::default(),
            sessions: Sessions::default(),
            ..self.clone()
        }
    }
}

/// A full name: family name first in Japanese, and in English too for a name written
/// in Japanese (or Chinese or Korean) script, as its owner writes it ("山田 花子", not
/// "花子 山田"); given name first for a name in Latin letters in English.
pub fn display_name(given: &str, family: &str, lang: Lang) -> String {
    let east_asian = |s: &str| {
        s.chars().any(|c| {
            matches!(c,
                '\u{3040}'..='\u{30ff}' // hiragana, katakana
                | '\u{3400}'..='\u{4dbf}' // CJK extension A
                | '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
                | '\u{f900}'..='\u{faff}' // compatibility ideographs
                | '\u{ff66}'..='\u{ff9f}' // half-width katakana
                | '\u{ac00}'..='\u{d7af}' // hangul
            )
        })
    };
    match lang {
        Lang::En if !east_asian(given) && !east_asian(family) => format!("{given} {family}"),
        _ => format!("{family} {given}"),
    }
}

/// Whether a list's filter finds a person by name: `key` is what was typed, as
/// [`crate::text::search_key`] makes it. The name is found in either order (family
/// name first or given name first) and with or without the space between (a Japanese
/// name is often typed "山田花子"), however the page shows it.
/// (A filter runs it for every row at every keystroke: one name alone needs no
/// joined copy, and the four joined ones share one buffer.)
pub fn name_matches(given: &str, family: &str, key: &str) -> bool {
    let (given, family) = (
        crate::text::search_key(given),
        crate::text::search_key(family),
    );
    if family.contains(key) || given.contains(key) {
        return true;
    }
    let mut joined = String::with_capacity(given.len() + family.len() + 1);
    for (first, second) in [(&family, &given), (&given, &family)] {
        for between in ["", " "] {
            joined.clear();
            joined.push_str(first);
            joined.push_str(between);
            joined.push_str(second);
            if joined.contains(key) {
                return true;
            }
        }
    }
    false
}

flat_tagged! {
    IdStatus [code: PendingCode, verified: Timestamp] {
        Unverified { code },
        Active { verified },
    }
}
