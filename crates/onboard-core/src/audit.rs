//! The audit trail: append-only, in chunks, readable by the program office only.
use super::ctx::Timestamp;
use crate::partner::Membership;
use crate::site::{Privileges, Role};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub const CHUNK: usize = 250;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditEvent {
    IdCreated,
    IdVerified,
    CodeResent,
    SignInOk,
    SignInFailed,
    SignInLocked,
    SignOut,
    ResetRequested,
    PasswordReset,
    PasswordChanged,
    ProfileUpdated,
    OperatorCreated,
    OperatorSignIn,
    OperatorSignInFailed,
    OperatorLocked,
    OperatorSignOut,
    SiteEnrolled,
    PasscodeReissued,
    PrimaryChanged,
    SiteFirstSignIn,
    PasscodeFailed,
    PasscodeLocked,
    ContactChanged,
    ContactCleared,
    UserAdded,
    UserChanged,
    UserRemoved,
    AccessRequested,
    RequestGranted,
    RequestDenied,
    HelpRequested,
    HelpAnswered,
    HelpClosed,
    ApplicationSubmitted,
    AgreementAccepted,
    DocumentsRequested,
    DocumentAttached,
    ApplicationApproved,
    ApplicationRejected,
    CompanyJoined,
    JoinRequested,
    JoinDecided,
    EmployeeAdded,
    RoleChanged,
    TokenRegenerated,
    SettingChanged,
    LocationAdded,
    CompanyEdited,
    LevelChanged,
    TokenFailed,
    PartnerProfileUpdated,
    AuditPruned,
    MailPruned,
    DataImported,
    DataReset,
    DemoLoaded,
    DataExported,
    HelpPruned,
    /// The person who asked withdrew a waiting access or association request.
    RequestWithdrawn,
    /// Nobody decided a request within 30 days.
    RequestExpired,
    /// An invitation was sent to an address without an ID (company employees; a site
    /// user's is part of `UserAdded`), sent again, revoked, or accepted.
    InviteSent,
    InviteResent,
    InviteRevoked,
    InviteAccepted,
    /// The program office lifted an ID's lock-out.
    LockLifted,
}

impl AuditEvent {
    pub const ALL: [AuditEvent; 65] = [
        AuditEvent::IdCreated,
        AuditEvent::IdVerified,
        AuditEvent::CodeResent,
        AuditEvent::SignInOk,
        AuditEvent::SignInFailed,
        AuditEvent::SignInLocked,
        AuditEvent::SignOut,
        AuditEvent::ResetRequested,
        AuditEvent::PasswordReset,
        AuditEvent::PasswordChanged,
        AuditEvent::ProfileUpdated,
        AuditEvent::OperatorCreated,
        AuditEvent::OperatorSignIn,
        AuditEvent::OperatorSignInFailed,
        AuditEvent::OperatorLocked,
        AuditEvent::OperatorSignOut,
        AuditEvent::SiteEnrolled,
        AuditEvent::PasscodeReissued,
        AuditEvent::PrimaryChanged,
        AuditEvent::SiteFirstSignIn,
        AuditEvent::PasscodeFailed,
        AuditEvent::PasscodeLocked,
        AuditEvent::ContactChanged,
        AuditEvent::ContactCleared,
        AuditEvent::UserAdded,
        AuditEvent::UserChanged,
        AuditEvent::UserRemoved,
        AuditEvent::AccessRequested,
        AuditEvent::RequestGranted,
        AuditEvent::RequestDenied,
        AuditEvent::HelpRequested,
        AuditEvent::HelpAnswered,
        AuditEvent::HelpClosed,
        AuditEvent::ApplicationSubmitted,
        AuditEvent::AgreementAccepted,
        AuditEvent::DocumentsRequested,
        AuditEvent::DocumentAttached,
        AuditEvent::ApplicationApproved,
        AuditEvent::ApplicationRejected,
        AuditEvent::CompanyJoined,
        AuditEvent::JoinRequested,
        AuditEvent::JoinDecided,
        AuditEvent::EmployeeAdded,
        AuditEvent::RoleChanged,
        AuditEvent::TokenRegenerated,
        AuditEvent::SettingChanged,
        AuditEvent::LocationAdded,
        AuditEvent::CompanyEdited,
        AuditEvent::LevelChanged,
        AuditEvent::TokenFailed,
        AuditEvent::PartnerProfileUpdated,
        AuditEvent::AuditPruned,
        AuditEvent::MailPruned,
        AuditEvent::DataImported,
        AuditEvent::DataReset,
        AuditEvent::DemoLoaded,
        AuditEvent::DataExported,
        AuditEvent::HelpPruned,
        AuditEvent::RequestWithdrawn,
        AuditEvent::RequestExpired,
        AuditEvent::InviteSent,
        AuditEvent::InviteResent,
        AuditEvent::InviteRevoked,
        AuditEvent::InviteAccepted,
        AuditEvent::LockLifted,
    ];

    /// Whether the event is about an ID itself (its subject is the ID's email): what
    /// the ID's owner sees of it on their profile (`report::id_history`).
    pub fn is_about_id(self) -> bool {
        matches!(
            self,
            AuditEvent::IdCreated
                | AuditEvent::IdVerified
                | AuditEvent::CodeResent
                | AuditEvent::SignInOk
                | AuditEvent::SignInFailed
                | AuditEvent::SignInLocked
                | AuditEvent::SignOut
                | AuditEvent::ResetRequested
                | AuditEvent::PasswordReset
                | AuditEvent::PasswordChanged
                | AuditEvent::ProfileUpdated
                | AuditEvent::LockLifted
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: u64,
    pub at: Timestamp,
    /// Who did it: an email, "operator", or "-" when signed out.
    pub actor: String,
    pub event: AuditEvent,
    /// What it was done to (an email, a site number...).
    pub subject: String,
    /// Before/after or other detail; never a secret.
    #[serde(default, skip_serializing_if = "Detail::is_empty")]
    pub detail: Detail,
}

/// What an audit entry says beyond its event, in parts: verbatim ones (an address, a
/// number, a name, the words someone typed) and words that each reader reads in their
/// own language ([`crate::words::audit_detail`]).
///
/// Stored (schema 6) as a list of parts. An entry of schema 5 or older has a string
/// here, in English: it reads as one verbatim part, as it was recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Detail(pub Vec<Part>);

/// One part of a [`Detail`]; the short names keep the stored trail small.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    /// Shown as it is.
    #[serde(rename = "t")]
    Text(String),
    /// What the rest is about: "a@example.com:".
    #[serde(rename = "of")]
    Of(String),
    /// Shown as it is, in parentheses: a reason someone typed.
    #[serde(rename = "note")]
    Note(String),
    /// A word in the reader's language.
    #[serde(rename = "w")]
    Word(Word),
    /// Between a before and an after: "→".
    #[serde(rename = "to")]
    To,
    /// Whether someone is (or becomes) a profile administrator: "(APA: yes)".
    #[serde(rename = "apa")]
    Apa(bool),
    /// Yes or no.
    #[serde(rename = "yes")]
    YesNo(bool),
    /// On or off.
    #[serde(rename = "on")]
    OnOff(bool),
    /// A site user's privileges, each named.
    #[serde(rename = "p")]
    Grant(UserGrant),
    /// A site user's privileges before and after: only those that changed.
    #[serde(rename = "pc")]
    Regrant(UserGrant, UserGrant),
    /// A key contact's role: "Site technical contact:".
    #[serde(rename = "role")]
    Role(Role),
    /// A partner company's membership level.
    #[serde(rename = "lv")]
    Level(Membership),
    /// Between two changes: "/".
    #[serde(rename = "sep")]
    Sep,
    /// Choices of one of the partner program's lists, by key.
    #[serde(rename = "ch")]
    Choices(Choices, Vec<String>),
    /// A country, by its code.
    #[serde(rename = "cc")]
    Country(String),
    /// A language (of a person's mail).
    #[serde(rename = "lang")]
    Lang(crate::i18n::Lang),
}

/// The partner program's lists of choices ([`crate::partner::BUSINESS_MODELS`], ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Choices {
    Models,
    Products,
    Sizes,
}

/// A site user's privileges, and whether they are a secondary contact (`None`: not
/// said, as when a request is granted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserGrant {
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub secondary: Option<bool>,
    #[serde(rename = "p")]
    pub privileges: Privileges,
}

/// The words of a [`Detail`] (`crate::words::audit_word` says them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Word {
    WrongPassword,
    UnknownId,
    AllSessionsEnded,
    OtherSessionsEnded,
    OnTheServer,
    /// Made for an invitation (an ID, an employee).
    ByInvitation,
    Resubmitted,
    Pending,
    Granted,
    Denied,
    Approved,
    Rejected,
    Withdrawn,
    Expired,
    /// "(asked again)": expired because its asker asked anew.
    AskedAgain,
    /// "(automatic)": approved by the company's setting.
    Automatic,
    Invited,
    Revoked,
    Removed,
    /// "(imported)": added from a file.
    Imported,
    /// "company" before a company's number.
    Company,
    /// "primary contact:" before an address.
    PrimaryContact,
    /// "(the primary contact)": a role left to the primary contact.
    ThePrimary,
    /// "(handed over; the previous contact stays a secondary contact)".
    HandedOver,
    /// "PRC of location {0}:" (its name).
    PrcOf(String),
    /// "end date:".
    EndDate,
    /// "automatic acceptance:".
    AutoAccept,
    /// "APA:".
    ApaRole,
    /// "sent {0} times".
    SentTimes(u32),
    /// "{0} records".
    Records(u32),
    /// "{0} oldest mails deleted".
    MailsDeleted(usize),
    /// "{0} oldest entries deleted".
    EntriesDeleted(usize),
    /// "{0} closed requests deleted".
    HelpDeleted(usize),
    /// The names of what changed, each said before its "before → after".
    Name,
    Country,
    MailLang,
    LegalName,
    Web,
    Models,
    Products,
    Size,
    Directory,
}

impl Part {
    pub fn text(s: impl std::fmt::Display) -> Part {
        Part::Text(s.to_string())
    }
    pub fn of(s: impl std::fmt::Display) -> Part {
        Part::Of(s.to_string())
    }
}

/// A request decided: "a@example.com: pending → {to}", then `then` if any.
pub fn decided(who: impl std::fmt::Display, to: Word, then: Option<Word>) -> Vec<Part> {
    [
        Part::of(who),
        Part::Word(Word::Pending),
        Part::To,
        Part::Word(to),
    ]
    .into_iter()
    .chain(then.map(Part::Word))
    .collect()
}

/// Of `(what, before, after)`, those that changed: "what: before → after", separated.
pub fn changes(items: impl IntoIterator<Item = (Word, Part, Part)>) -> Vec<Part> {
    let mut out = Vec::new();
    for (what, before, after) in items {
        if before == after {
            continue;
        }
        if !out.is_empty() {
            out.push(Part::Sep);
        }
        out.extend([Part::Word(what), before, Part::To, after]);
    }
    out
}

impl Detail {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn parts(&self) -> &[Part] {
        &self.0
    }
}

impl Serialize for Detail {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Detail {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Detail, D::Error> {
        /// Schema 6 writes parts; schema 5 and older wrote one English string.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Stored {
            Parts(Vec<Part>),
            Recorded(String),
        }
        Ok(match Stored::deserialize(d)? {
            Stored::Parts(parts) => Detail(parts),
            Stored::Recorded(s) if s.is_empty() => Detail::default(),
            Stored::Recorded(s) => Detail(vec![Part::Text(s)]),
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditChunk {
    pub entries: Vec<AuditEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(detail: &str) -> String {
        format!(
            r#"{{"seq":1,"at":0,"actor":"-","event":"UserChanged","subject":"1","detail":{detail}}}"#
        )
    }

    #[test]
    fn a_detail_is_stored_as_parts_and_left_out_when_empty() {
        let e = AuditEntry {
            seq: 1,
            at: Timestamp(0),
            actor: "-".into(),
            event: AuditEvent::UserChanged,
            subject: "1".into(),
            detail: Detail(decided(
                "a@example.com",
                Word::Expired,
                Some(Word::AskedAgain),
            )),
        };
        let json = serde_json::to_string(&e).unwrap();
        assert!(
            json.ends_with(
                r#""detail":[{"of":"a@example.com"},{"w":"Pending"},"to",{"w":"Expired"},{"w":"AskedAgain"}]}"#
            ),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<AuditEntry>(&json).unwrap(), e);
        let empty = AuditEntry {
            detail: Detail::default(),
            ..e
        };
        let json = serde_json::to_string(&empty).unwrap();
        assert!(!json.contains("detail"), "{json}");
        assert_eq!(serde_json::from_str::<AuditEntry>(&json).unwrap(), empty);
    }

    #[test]
    fn an_older_entrys_detail_reads_as_it_was_recorded() {
        let e: AuditEntry =
            serde_json::from_str(&entry(r#""a@example.com: pending -> granted""#)).unwrap();
        assert_eq!(
            e.detail,
            Detail(vec![Part::text("a@example.com: pending -> granted")])
        );
        let e: AuditEntry = serde_json::from_str(&entry(r#""""#)).unwrap();
        assert!(e.detail.is_empty());
        assert!(
            serde_json::from_str::<AuditEntry>(&entry("7")).is_err(),
            "not a detail"
        );
    }
}
