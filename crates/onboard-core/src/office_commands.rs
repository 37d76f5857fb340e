//! The handlers of the program office and of the data as a whole: the operator
//! account (create, sign in and out), pruning old mail and audit, export, and
//! replacing everything (import, reset, demo). One function per command.
use crate::audit::{AuditEvent, Part, Word};
use crate::error::{Check, DomainError, Field};
use crate::identity::{Guard, Sessions};
use crate::identity_commands::{password_pair, refuse_wrong_password, sign_in_form, FailureEvents};
use crate::office::Operator;
use crate::secret::{SecretHash, Verdict};
use crate::state::Actor;
use crate::state::{AggKey, State};
use crate::text::Email;
use crate::tx::{DeviceChange, Outcome, Reply, Tx};
use std::sync::Arc;

/// Creates the program office's operator account (there is one: refused once it exists).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CreateOperator {
    pub email: String,
    pub password: String,
    pub confirm: String,
}

/// The program office lifts the lock that wrong passwords put on a person's ID (its
/// owner asked the help desk); the count of wrong passwords starts again. An ID that
/// is not locked (any more) is left as it is.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LiftLock {
    pub email: String,
}

/// Signs the operator in (the lock-out of a person's sign-in applies).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OperatorSignIn {
    pub email: String,
    pub password: String,
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

pub(crate) fn create_operator(
    tx: &mut Tx,
    CreateOperator {
        email,
        password,
        confirm,
    }: CreateOperator,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let ctx = tx.ctx;
    if state.office.has_operator() {
        return Err(DomainError::OperatorExists);
    }
    let mut check = Check::new();
    let email = check.take(Field::Email, Email::parse(&email));
    password_pair(&mut check, &password, &confirm, email.as_ref());
    let email = check.done(email)?;
    let mut sessions = Sessions::default();
    let token = sessions.start(ctx);
    Arc::make_mut(&mut tx.state.office).operator = Some(Operator {
        email: email.clone(),
        password: SecretHash::new(&password, ctx),
        guard: Guard::default(),
        sessions,
    });
    tx.changed.insert(AggKey::Office);
    tx.device.push(DeviceChange::OperatorSignedIn(token));
    tx.actor_label = "operator".into();
    tx.audit(AuditEvent::OperatorCreated, email.as_str(), vec![]);
    Ok(Reply::OperatorCreated)
}

pub(crate) fn operator_sign_in(
    tx: &mut Tx,
    OperatorSignIn { email, password }: OperatorSignIn,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let now = tx.ctx.now;
    let ctx = tx.ctx;
    let email = sign_in_form(&email, &password)?;
    let op = state
        .office
        .operator
        .as_ref()
        .ok_or(DomainError::BadCredentials)?;
    if let Some(until) = op.guard.locked_until(now) {
        return Err(DomainError::Locked { until });
    }
    let verdict = op.password.check(&password);
    if op.email != email || verdict == Verdict::Wrong {
        let locked = tx.operator_mut().guard.fail(now);
        let events = FailureEvents {
            locked: AuditEvent::OperatorLocked,
            failed: AuditEvent::OperatorSignInFailed,
            detail: None,
        };
        return Ok(refuse_wrong_password(tx, locked, &email, events));
    }
    let o = tx.operator_mut();
    o.guard.clear();
    if let Verdict::Right { rehash: true } = verdict {
        o.password = SecretHash::new(&password, ctx);
    }
    let token = o.sessions.start(ctx);
    tx.device.push(DeviceChange::OperatorSignedIn(token));
    tx.actor_label = "operator".into();
    tx.audit(AuditEvent::OperatorSignIn, email.as_str(), vec![]);
    Ok(Reply::OperatorSignedIn)
}

pub(crate) fn delete_oldest_mail(tx: &mut Tx) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    may_manage_data(state, actor)?;
    let oldest = *state.mail.keys().next().ok_or(DomainError::NotFound)?;
    if state.mail.len() < 2 {
        return Err(DomainError::NotFound);
    }
    let n = tx
        .state
        .mail
        .remove(&oldest)
        .map(|c| c.mails.len())
        .unwrap_or(0);
    tx.changed.insert(AggKey::Mail(oldest));
    tx.audit(
        AuditEvent::MailPruned,
        "mail",
        vec![Part::Word(Word::MailsDeleted(n))],
    );
    Ok(Reply::Deleted { count: n as u32 })
}

pub(crate) fn export_data(tx: &mut Tx) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    may_manage_data(state, actor)?;
    tx.audit(AuditEvent::DataExported, "data", vec![]);
    Ok(Reply::Done)
}

pub(crate) fn delete_oldest_audit(tx: &mut Tx) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    if !actor.is_operator() {
        return Err(DomainError::NotAllowed);
    }
    let oldest = *state.audit.keys().next().ok_or(DomainError::NotFound)?;
    if state.audit.len() < 2 {
        return Err(DomainError::NotFound);
    }
    let n = tx
        .state
        .audit
        .remove(&oldest)
        .map(|c| c.entries.len())
        .unwrap_or(0);
    tx.changed.insert(AggKey::Audit(oldest));
    tx.audit(
        AuditEvent::AuditPruned,
        "audit",
        vec![Part::Word(Word::EntriesDeleted(n))],
    );
    Ok(Reply::Deleted { count: n as u32 })
}

pub(crate) fn operator_sign_out(tx: &mut Tx) -> Result<Reply, DomainError> {
    let actor = tx.actor;
    let token = actor.operator.clone().ok_or(DomainError::NotAllowed)?;
    let o = tx.operator_mut();
    o.sessions.end(&token);
    let email = o.email.to_string();
    tx.device.push(DeviceChange::OperatorSignedOut);
    tx.audit(AuditEvent::OperatorSignOut, &email, vec![]);
    Ok(Reply::OperatorSignedOut)
}

/// Import, reset or demo data: the whole state is replaced (only by whoever
/// [`may_manage_data`]); the deployment's operator account stays, and everyone but
/// the operator who did it signs in again.
pub(crate) fn replace_data(tx: Tx, what: Replacement) -> Result<Outcome, DomainError> {
    let (state, actor, ctx) = (tx.before, tx.actor, tx.ctx);
    may_manage_data(state, actor)?;
    let (mut next, event) = match what {
        Replacement::Import(file) => (Arc::unwrap_or_clone(file.0), AuditEvent::DataImported),
        Replacement::Reset => (State::default(), AuditEvent::DataReset),
        Replacement::Demo => (
            crate::demo::load_into(state, ctx.now, ctx.random_block())?,
            AuditEvent::DemoLoaded,
        ),
    };
    let mut device = vec![DeviceChange::PersonSignedOut];
    if actor.is_operator() {
        next.end_all_sessions();
        next.keep_operator_of(state);
    } else {
        next.keep_operator_of(state);
        next.end_all_sessions();
        device.push(DeviceChange::OperatorSignedOut);
    }
    let records = next.keys().len() as u32;
    let mut tx = tx.replaced_by(next, device);
    tx.audit(event, "data", vec![Part::Word(Word::Records(records))]);
    let mut out = tx.done(Reply::Replaced { records });
    out.replaces_all = true;
    Ok(out)
}

pub(crate) fn lift_lock(tx: &mut Tx, LiftLock { email }: LiftLock) -> Result<Reply, DomainError> {
    if !tx.actor.is_operator() {
        return Err(DomainError::NotAllowed);
    }
    let now = tx.ctx.now;
    let email = Email::parse(&email).map_err(|_| DomainError::NotFound)?;
    let rec = tx
        .before
        .identity_by_email(&email)
        .ok_or(DomainError::NotFound)?;
    if rec.locked_until(now).is_none() {
        return Ok(Reply::Done);
    }
    let id = rec.id().clone();
    tx.identity_mut(&id).guard.clear();
    tx.audit(AuditEvent::LockLifted, email.as_str(), vec![]);
    Ok(Reply::Done)
}
