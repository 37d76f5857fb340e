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
}

impl AuditEvent {
    pub const ALL: [AuditEvent; 16] = [
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
