//! Commands: what a user asked for, as plain data; [`apply`] decides.
use super::audit::AuditEvent;
use super::ctx::Ctx;
use super::error::DomainError;
use super::identity::{Identity, IdentityId};
use super::mail::{Draft, MailId};
use super::office::Operator;
use super::state::{Actor, AggKey, State};
use super::text::Email;
use crate::i18n::Lang;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What a user asked for. Fields are the raw form input; `apply` parses them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    CreateId {
        email: String,
        family: String,
        given: String,
        country: String,
        mail_lang: Lang,
        password: String,
        confirm: String,
        accept_terms: bool,
    },
    VerifyId {
        email: String,
        code: String,
    },
    ResendCode {
        email: String,
    },
    SignIn {
        email: String,
        password: String,
    },
    SignOut,
    RequestReset {
        email: String,
    },
    ResetPassword {
        email: String,
        code: String,
        password: String,
        confirm: String,
    },
    UpdateProfile {
        family: String,
        given: String,
        country: String,
        mail_lang: Lang,
    },
    ChangePassword {
        current: String,
        password: String,
        confirm: String,
    },
    /// Keeps the session alive (sent on navigation; writes at most once a minute).
    Touch,
    MarkMailRead {
        id: MailId,
    },
    CreateOperator {
        email: String,
        password: String,
        confirm: String,
    },
    OperatorSignIn {
        email: String,
        password: String,
    },
    OperatorSignOut,
    /// Frees storage: deletes the oldest chunk of mail (200 mails; never the newest chunk).
    DeleteOldestMail,
    /// Frees storage: deletes the oldest chunk of audit entries (operator only; the
    /// deletion itself is audited; never the newest chunk).
    DeleteOldestAudit,
    /// Replaces all data (import, reset, demo data). Once an operator account exists,
    /// only the signed-in operator may; before that anyone using this browser may.
    ReplaceData(Replacement),
    /// Records that all data is being exported (the file carries the audit trail and
    /// the password hashes): the same rule as `ReplaceData`.
    ExportData,
    /// Customer sites, the help desk.
    Site(super::site_commands::SiteCommand),
    /// The partner program.
    Partner(super::partner_commands::PartnerCommand),
}

/// What replaces all data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Replacement {
    /// A validated export file (`Store::parse_import`).
    Import(Imported),
    /// Empty data (the operator account, if any, stays).
    Reset,
    /// The demo data set (only into empty data).
    Demo,
}

/// A whole state read from an export file. Equal only to itself (compared by identity).
#[derive(Clone)]
pub struct Imported(pub Arc<State>);

impl PartialEq for Imported {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
impl Eq for Imported {}
impl std::fmt::Debug for Imported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Imported({} records)", self.0.keys().len())
    }
}

/// Whether `actor` may replace, reset or export all data: anyone while this data has
/// no operator account (a fresh or demo browser), only the operator once it has one.
pub fn may_manage_data(state: &State, actor: &Actor) -> Result<(), DomainError> {
    if state.office.has_operator() && !actor.is_operator() {
        Err(DomainError::NotAllowed)
    } else {
        Ok(())
    }
}

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
    SiteActivated {
        site: String,
    },
    ContactSaved,
    ContactCleared,
    UserAdded {
        email: Email,
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
        company: String,
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
    pub(crate) fn audit(&mut self, event: AuditEvent, subject: &str, detail: String) {
        let n = self.state.push_audit(
            self.ctx.now,
            self.actor_label.clone(),
            event,
            subject,
            detail,
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

/// Applies `cmd` for `actor` to a copy of `state`. `Err` means nothing changed.
pub fn apply(
    state: &State,
    actor: &Actor,
    cmd: Command,
    ctx: &Ctx,
) -> Result<Outcome, DomainError> {
    let actor_label = if let Some(id) = actor.person() {
        state
            .identity(id)
            .map(|i| i.email.to_string())
            .unwrap_or_else(|| "-".into())
    } else if actor.is_operator() {
        "operator".into()
    } else {
        "-".into()
    };
    let mut tx = Tx {
        before: state,
        actor,
        state: state.clone(),
        changed: BTreeSet::new(),
        device: Vec::new(),
        ctx,
        actor_label,
    };
    let reply = match cmd {
        Command::CreateId {
            email,
            family,
            given,
            country,
            mail_lang,
            password,
            confirm,
            accept_terms,
        } => super::identity_commands::create_id(
            &mut tx,
            email,
            family,
            given,
            country,
            mail_lang,
            password,
            confirm,
            accept_terms,
        )?,
        Command::VerifyId { email, code } => {
            super::identity_commands::verify_id(&mut tx, email, code)?
        }
        Command::ResendCode { email } => super::identity_commands::resend_code(&mut tx, email)?,
        Command::SignIn { email, password } => {
            super::identity_commands::sign_in(&mut tx, email, password)?
        }
        Command::SignOut => super::identity_commands::sign_out(&mut tx)?,
        Command::RequestReset { email } => super::identity_commands::request_reset(&mut tx, email)?,
        Command::ResetPassword {
            email,
            code,
            password,
            confirm,
        } => super::identity_commands::reset_password(&mut tx, email, code, password, confirm)?,
        Command::UpdateProfile {
            family,
            given,
            country,
            mail_lang,
        } => super::identity_commands::update_profile(&mut tx, family, given, country, mail_lang)?,
        Command::ChangePassword {
            current,
            password,
            confirm,
        } => super::identity_commands::change_password(&mut tx, current, password, confirm)?,
        Command::Touch => super::identity_commands::touch(&mut tx)?,
        Command::MarkMailRead { id } => super::identity_commands::mark_mail_read(&mut tx, id)?,
        Command::CreateOperator {
            email,
            password,
            confirm,
        } => super::office_commands::create_operator(&mut tx, email, password, confirm)?,
        Command::OperatorSignIn { email, password } => {
            super::office_commands::operator_sign_in(&mut tx, email, password)?
        }
        Command::Partner(c) => super::partner_commands::apply(&mut tx, c)?,
        Command::DeleteOldestMail => super::office_commands::delete_oldest_mail(&mut tx)?,
        Command::ReplaceData(what) => return super::office_commands::replace_data(tx, what),
        Command::ExportData => super::office_commands::export_data(&mut tx)?,
        Command::DeleteOldestAudit => super::office_commands::delete_oldest_audit(&mut tx)?,
        Command::Site(c) => super::site_commands::apply(&mut tx, c)?,
        Command::OperatorSignOut => super::office_commands::operator_sign_out(&mut tx)?,
    };
    Ok(tx.done(reply))
}
