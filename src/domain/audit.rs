//! The audit trail: append-only, in chunks, readable by the program office only.
use super::ctx::Timestamp;
use serde::{Deserialize, Serialize};

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
}

impl AuditEvent {
    pub const ALL: [AuditEvent; 33] = [
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
    ];
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
    pub detail: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditChunk {
    pub entries: Vec<AuditEntry>,
}
