//! A command in progress and what it answers: the transaction [`Tx`] (the state before,
//! the actor, a copy being changed, the aggregates touched, mails and audit entries to
//! add) and its result, an [`Outcome`] with a [`Reply`]. Every handler works on a `Tx`;
//! `command::apply` opens and finishes it. Invariant: a handler that answers `Err`
//! leaves nothing behind (its `Tx` is dropped); `Ok` carries every changed key.
use super::audit::{AuditEvent, Detail, Part};
use super::ctx::Ctx;
use super::error::DomainError;
use super::identity::{Identity, IdentityId};
use super::mail::{Draft, MailId};
use super::office::Operator;
use super::state::{Actor, AggKey, State};
use super::text::Email;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What happened, for the UI to say and to navigate by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    Done,
    IdCreated {
        email: Email,
    },
    CodeResent {
        email: Email,
    },
    Verified,
    SignedIn,
    SignedOut,
    ResetMailed {
        email: Email,
    },
    PasswordReset,
    ProfileSaved,
    PasswordChanged,
    OperatorCreated,
    OperatorSignedIn,
    OperatorSignedOut,
    SiteEnrolled {
        site: String,
        email: Email,
    },
    PasscodeReissued {
        site: String,
    },
    PrimaryChanged {
        site: String,
    },
    PrimaryHandedOver {
        email: Email,
    },
    /// A waiting access or association request was withdrawn by its asker.
    Withdrawn,
    /// This many overdue requests expired (their askers were mailed).
    Expired {
        count: u32,
    },
    /// This many users were added from a file, `invited` of them without a verified
    /// ID (their mail was an invitation).
    UsersImported {
        count: u32,
        invited: u32,
    },
    SiteActivated {
        site: String,
    },
    ContactSaved,
    ContactCleared,
    /// `invited`: the address has no verified ID, so the mail was an invitation to
    /// create one (valid `INVITE_DAYS`).
    UserAdded {
        email: Email,
        invited: bool,
    },
    UserSaved {
        email: Email,
    },
    UserRemoved {
        email: Email,
    },
    RequestSent,
    Granted {
        email: Email,
    },
    Denied {
        email: Email,
    },
    HelpSent {
        reference: String,
    },
    /// Shared mode: the help request waits for the office, whose browser gives the
    /// reference (it comes by mail).
    HelpQueued,
    /// Shared mode: a plain employee's change to their own entry waits for a browser of
    /// the company's administrators (or the office) to apply it.
    ProfileQueued,
    /// Shared mode: a request for an inbox (access, joining, help, a change to one's own
    /// entry) made while the server cannot be reached: kept in this browser and sent
    /// when the server is back.
    RequestKept,
    HelpAnswered,
    HelpClosed,
    ApplicationSubmitted {
        number: String,
    },
    Attached {
        name: String,
    },
    Resubmitted,
    TokenAccepted {
        choice: crate::partner::JoinChoice,
    },
    Joined {
        company: String,
    },
    JoinPending,
    JoinDecided {
        email: Email,
        approved: bool,
    },
    EmployeeAdded {
        email: Email,
    },
    /// An invitation went (or went again) to this address.
    InviteSent {
        email: Email,
    },
    InviteRevoked {
        email: Email,
    },
    /// The invitation was accepted; `to` is the page of what it opened.
    InviteAccepted {
        to: crate::route::Route,
    },
    RoleSaved,
    LocationAdded,
    TokenRegenerated,
    SettingSaved,
    LevelSaved,
    ProfileConfirmed,
    Deleted {
        count: u32,
    },
    /// All data was replaced (import, reset, demo) by this many records.
    Replaced {
        records: u32,
    },
    /// The request failed but the attempt itself was recorded (a wrong password counts).
    Refused(DomainError),
}

/// A change of the device's session tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeviceChange {
    PersonSignedIn(String),
    PersonSignedOut,
    OperatorSignedIn(String),
    OperatorSignedOut,
}

/// The result of a command: the next state and what to write.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub state: State,
    pub changed: BTreeSet<AggKey>,
    pub device: Vec<DeviceChange>,
    pub effect: Reply,
    /// The state replaces all stored data (import, reset, demo), not only `changed`.
    pub replaces_all: bool,
}

/// A command in progress: a copy of the state and the set of touched aggregates.
pub(crate) struct Tx<'a> {
    /// The state the command started from (to find what it changed).
    pub(crate) before: &'a State,
    /// Who is acting.
    pub(crate) actor: &'a Actor,
    pub(crate) state: State,
    pub(crate) changed: BTreeSet<AggKey>,
    pub(crate) device: Vec<DeviceChange>,
    pub(crate) ctx: &'a Ctx,
    pub(crate) actor_label: String,
}

impl<'a> Tx<'a> {
    pub(crate) fn site_mut(&mut self, n: &super::site::SiteNumber) -> &mut super::site::Site {
        self.changed.insert(AggKey::Site(n.clone()));
        Arc::make_mut(self.state.sites.get_mut(n).expect("site exists"))
    }
    pub(crate) fn help_mut(&mut self) -> &mut super::site::HelpDesk {
        self.changed.insert(AggKey::Help);
        Arc::make_mut(&mut self.state.help)
    }
    pub(crate) fn identity_mut(&mut self, id: &IdentityId) -> &mut Identity {
        self.changed.insert(AggKey::Identity(id.clone()));
        Arc::make_mut(self.state.ids.get_mut(id).expect("identity exists"))
    }
    pub(crate) fn operator_mut(&mut self) -> &mut Operator {
        self.changed.insert(AggKey::Office);
        Arc::make_mut(&mut self.state.office)
            .operator
            .as_mut()
            .expect("operator exists")
    }
    pub(crate) fn send(&mut self, d: Draft) -> MailId {
        let (id, n) = self.state.push_mail(d, self.ctx.now);
        self.changed.insert(AggKey::Mail(n));
        id
    }
    pub(crate) fn audit(&mut self, event: AuditEvent, subject: &str, detail: Vec<Part>) {
        let n = self.state.push_audit(
            self.ctx.now,
            self.actor_label.clone(),
            event,
            subject,
            Detail(detail),
        );
        self.changed.insert(AggKey::Audit(n));
    }
    /// The same transaction over a whole new state (import, reset, demo data).
    pub(crate) fn replaced_by(self, state: State, device: Vec<DeviceChange>) -> Tx<'a> {
        Tx {
            state,
            changed: BTreeSet::new(),
            device,
            ..self
        }
    }
    pub(crate) fn done(self, effect: Reply) -> Outcome {
        Outcome {
            changed: self.state.expand_changes(self.before, self.changed),
            state: self.state,
            device: self.device,
            effect,
            replaces_all: false,
        }
    }
}
