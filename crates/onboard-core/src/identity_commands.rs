//! The commands of a person's ID and their handlers: create, verify, sign in and out,
//! reset, profile, password, session touch and reading mail. One type and one function
//! per command; each handler takes the transaction and its command, checks every input
//! and rule itself, and answers a [`Reply`] (a refusal still recorded is `Reply::Refused`).
use crate::audit::{changes, AuditEvent, Part, Word};
use crate::error::{Check, DomainError, Field, FieldError};
use crate::i18n::Lang;
use crate::identity::{Guard, IdStatus, Identity, IdentityId, PendingCode, Sessions, CODE_DIGITS};
use crate::mail::{self, MailId};
use crate::secret::{SecretHash, Verdict};
use crate::state::{Actor, AggKey, State};
use crate::text::{check_password, parse_digits, Country, Email, PersonName};
use crate::tx::{DeviceChange, Reply, Tx};
use std::sync::Arc;

/// Creates an ID (unverified: a code is mailed to the address).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CreateId {
    pub email: String,
    pub family: String,
    pub given: String,
    pub country: String,
    pub mail_lang: Lang,
    pub password: String,
    pub confirm: String,
    pub accept_terms: bool,
}

impl CreateId {
    /// Shared mode: the same ID for the account a server made with this email and
    /// password (the server keeps the password).
    pub fn account_id(self) -> CreateAccountId {
        CreateAccountId {
            family: self.family,
            given: self.given,
            country: self.country,
            mail_lang: self.mail_lang,
            accept_terms: self.accept_terms,
        }
    }
    /// The same details, accepting the invitation `secret` instead (the invited address
    /// is the invitation's; this `email` is not used).
    pub fn accepting(self, secret: String) -> AcceptInvite {
        AcceptInvite {
            secret,
            family: self.family,
            given: self.given,
            country: self.country,
            mail_lang: self.mail_lang,
            password: self.password,
            confirm: self.confirm,
            accept_terms: self.accept_terms,
        }
    }
}

/// Accepts an invitation (`crate::invite`) by its link's secret. Signed out: creates
/// the ID with the invited address (proven by the link: verified at once) and signs
/// it in; signed in as the invited address: the ID fields are not used.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AcceptInvite {
    pub secret: String,
    pub family: String,
    pub given: String,
    pub country: String,
    pub mail_lang: Lang,
    pub password: String,
    pub confirm: String,
    pub accept_terms: bool,
}

/// Shared mode: the ID of the account the server authenticated (its email is the
/// account's; the password stays on the server). Active at once: the account's
/// mailbox is the proof of the address.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CreateAccountId {
    pub family: String,
    pub given: String,
    pub country: String,
    pub mail_lang: Lang,
    pub accept_terms: bool,
}

/// Verifies an ID by the code mailed to it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VerifyId {
    pub email: String,
    pub code: String,
}

/// Mails a new verification code (the old one stops working).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ResendCode {
    pub email: String,
}

/// Signs a person in by email and password (wrong passwords count towards the lock).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SignIn {
    pub email: String,
    pub password: String,
}

/// Mails a password-reset code to an ID, if there is one (the answer is the same either
/// way).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RequestReset {
    pub email: String,
}

/// Sets a new password with a mailed reset code.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ResetPassword {
    pub email: String,
    pub code: String,
    pub password: String,
    pub confirm: String,
}

/// Changes the signed-in person's name, country and mail language.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UpdateProfile {
    pub family: String,
    pub given: String,
    pub country: String,
    pub mail_lang: Lang,
}

/// Changes the signed-in person's password (the current one is asked).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChangePassword {
    pub current: String,
    pub password: String,
    pub confirm: String,
}

/// Marks a mail of the signed-in mailbox read (opened), or unread again (`unread`:
/// "Mark as unread", to come back to it).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MarkMailRead {
    pub id: MailId,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unread: bool,
}

/// Marks every unread mail of a mailbox read: `to`'s, or (with `None`) every mail the
/// mailbox shows; of those, only the ones its search finds for what is typed in it
/// (`matching`, as [`mail::Mail::matches`] reads it; empty: every one).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MarkAllMailRead {
    pub to: Option<Email>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub matching: String,
}

pub(crate) fn display(i: &Identity) -> String {
    i.display_name(i.mail_lang)
}

pub(crate) fn person<'s>(state: &'s State, actor: &Actor) -> Result<&'s Identity, DomainError> {
    let id = actor.person().ok_or(DomainError::NotSignedIn)?;
    state.identity(id).ok_or(DomainError::NotSignedIn)
}

/// The sign-in form of a person or of the operator: an email and a password.
pub(crate) fn sign_in_form(email: &str, password: &str) -> Result<Email, DomainError> {
    let mut check = Check::new();
    let email = check.take(Field::Email, Email::parse(email));
    if password.is_empty() {
        check.add(Field::Password, FieldError::Required);
    }
    check.finish()?;
    email.ok_or(DomainError::field(Field::Email, FieldError::Required))
}

/// What a failed sign-in records: the event when it locks the account, the event
/// otherwise, and its detail.
pub(crate) struct FailureEvents {
    pub locked: AuditEvent,
    pub failed: AuditEvent,
    pub detail: Option<Word>,
}

const PERSON_EVENTS: FailureEvents = FailureEvents {
    locked: AuditEvent::SignInLocked,
    failed: AuditEvent::SignInFailed,
    detail: Some(Word::WrongPassword),
};

/// The answer to a wrong password once the failure is counted on the account's
/// [`Guard`] (`locked`: what `Guard::fail` answered): the lock-out, shared by a
/// person's and the operator's sign-in, recorded in the audit trail.
pub(crate) fn refuse_wrong_password(
    tx: &mut Tx,
    locked: Option<crate::ctx::Timestamp>,
    email: &Email,
    events: FailureEvents,
) -> Reply {
    match locked {
        Some(until) => {
            tx.audit(events.locked, email.as_str(), vec![]);
            Reply::Refused(DomainError::Locked { until })
        }
        None => {
            tx.audit(
                events.failed,
                email.as_str(),
                events.detail.map(Part::Word).into_iter().collect(),
            );
            Reply::Refused(DomainError::BadCredentials)
        }
    }
}

/// A new password and its confirmation: the policy, and that both match.
pub(crate) fn password_pair(
    check: &mut Check,
    password: &str,
    confirm: &str,
    email: Option<&Email>,
) {
    check.take(Field::Password, check_password(password, email));
    if confirm.is_empty() {
        check.add(Field::PasswordConfirm, FieldError::Required);
    } else if password != confirm {
        check.add(Field::PasswordConfirm, FieldError::PasswordMismatch);
    }
}

pub(crate) fn create_id(
    tx: &mut Tx,
    CreateId {
        email,
        family,
        given,
        country,
        mail_lang,
        password,
        confirm,
        accept_terms,
    }: CreateId,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let ctx = tx.ctx;
    let mut check = Check::new();
    let email = check.take(Field::Email, Email::parse(&email));
    if let Some(e) = &email {
        if state.identity_by_email(e).is_some() {
            check.add(Field::Email, FieldError::EmailTaken);
        }
    }
    let family = check.take(Field::FamilyName, PersonName::parse(&family));
    let given = check.take(Field::GivenName, PersonName::parse(&given));
    let country = check.take(Field::Country, Country::parse(&country));
    password_pair(&mut check, &password, &confirm, email.as_ref());
    if !accept_terms {
        check.add(Field::Terms, FieldError::TermsRequired);
    }
    let (email, family, given, country) = check.done((email, family, given, country))?;
    let (email, family, given, country) = (email, family, given, country);
    let (code_rec, code) = PendingCode::issue(ctx);
    let expires = code_rec.expires();
    let rec = new_identity(
        tx,
        (email.clone(), family, given, country, mail_lang),
        SecretHash::new(&password, ctx),
        IdStatus::Unverified { code: code_rec },
    );
    let name = display(&rec);
    tx.send(mail::verification(&email, mail_lang, &name, &code, expires));
    tx.audit(AuditEvent::IdCreated, email.as_str(), vec![]);
    Ok(Reply::IdCreated { email })
}

/// Accepts an invitation: see `Command::AcceptInvite`. Everything is checked before
/// anything changes.
pub(crate) fn accept_invite(
    tx: &mut Tx,
    AcceptInvite {
        secret,
        family,
        given,
        country,
        mail_lang,
        password,
        confirm,
        accept_terms,
    }: AcceptInvite,
) -> Result<Reply, DomainError> {
    use super::invite::InviteState;
    use super::state::Invitation;
    let state = tx.before;
    let ctx = tx.ctx;
    let now = ctx.now;
    let inv = state
        .invitation(&secret)
        .ok_or(DomainError::InviteInvalid)?;
    let email = inv.email().clone();
    let to = inv.destination();
    let (subject, company) = match inv {
        Invitation::Site(s, _) => (s.number().to_string(), None),
        Invitation::Company(c, _) => (c.id().to_string(), Some(c.id().to_string())),
    };
    if let Some(i) = inv
        .invite()
        .filter(|i| i.state(now) == InviteState::Expired)
    {
        return Err(DomainError::InviteExpired { expires: i.expires });
    }
    let signed_in = tx.actor.person().and_then(|id| state.identity(id));
    let who = match signed_in {
        Some(me) if me.email() != &email => return Err(DomainError::InviteForOther),
        Some(me) => {
            if company.is_some() && state.company_of(me.id()).is_some() {
                return Err(DomainError::field(
                    Field::Email,
                    FieldError::AlreadyEmployee,
                ));
            }
            Arc::new(me.clone())
        }
        None => {
            let mut check = Check::new();
            if state.identity_by_email(&email).is_some() {
                check.add(Field::Email, FieldError::EmailTaken);
            }
            let family = check.take(Field::FamilyName, PersonName::parse(&family));
            let given = check.take(Field::GivenName, PersonName::parse(&given));
            let country = check.take(Field::Country, Country::parse(&country));
            password_pair(&mut check, &password, &confirm, Some(&email));
            if !accept_terms {
                check.add(Field::Terms, FieldError::TermsRequired);
            }
            let (family, given, country) = check.done((family, given, country))?;
            // The link came by mail to this address: it is proven, as a code would.
            let rec = new_identity(
                tx,
                (email.clone(), family, given, country, mail_lang),
                SecretHash::new(&password, ctx),
                IdStatus::Active { verified: now },
            );
            let token = tx.identity_mut(rec.id()).sessions.start(ctx);
            tx.device.push(DeviceChange::PersonSignedIn(token));
            tx.actor_label = email.to_string();
            tx.send(mail::welcome_id(&email, mail_lang, &display(&rec)));
            tx.audit(
                AuditEvent::IdCreated,
                email.as_str(),
                vec![Part::Word(Word::ByInvitation)],
            );
            rec
        }
    };
    if let Some(c) = &company {
        super::partner_commands::join_by_invite(tx, c, &who, &email);
    }
    tx.audit(
        AuditEvent::InviteAccepted,
        &subject,
        vec![Part::text(&email)],
    );
    Ok(Reply::InviteAccepted { to })
}

/// Makes and stores a new ID (terms accepted now) and returns it.
fn new_identity(
    tx: &mut Tx,
    (email, family, given, country, mail_lang): (Email, PersonName, PersonName, Country, Lang),
    password: SecretHash,
    status: IdStatus,
) -> Arc<Identity> {
    let now = tx.ctx.now;
    let id = IdentityId::new(tx.ctx);
    let rec = Arc::new(Identity {
        id: id.clone(),
        email: email.clone(),
        family,
        given,
        country,
        mail_lang,
        password,
        status,
        reset: None,
        guard: Guard::default(),
        sessions: Sessions::default(),
        created: now,
        terms_accepted: now,
    });
    tx.state.by_email.insert(email, id.clone());
    tx.state.ids.insert(id.clone(), rec.clone());
    tx.changed.insert(AggKey::Identity(id));
    rec
}

/// Shared mode: the checks of a new account's email and password before a server makes
/// it (the rules of `CreateId`; the server then holds the password).
pub fn check_new_account(email: &str, password: &str, confirm: &str) -> Result<Email, DomainError> {
    let mut check = Check::new();
    let email = check.take(Field::Email, Email::parse(email));
    password_pair(&mut check, password, confirm, email.as_ref());
    check.done(email)
}

/// The form of a password change by the ID `email`: the current password given, the
/// new one by the rules of a new ID and typed twice the same. (Shared mode checks it so
/// before the server checks the current password and keeps the new one.)
pub fn check_password_change(
    current: &str,
    password: &str,
    confirm: &str,
    email: &Email,
) -> Result<(), DomainError> {
    let mut check = Check::new();
    if current.is_empty() {
        check.add(Field::CurrentPassword, FieldError::Required);
    }
    password_pair(&mut check, password, confirm, Some(email));
    check.finish()
}

/// Shared mode: the server changed the signed-in account's password (it holds it); its
/// ID is mailed and the change audited as a local change is. Refused without an
/// account the server authenticated, so a local data set never takes it.
pub(crate) fn account_password_changed(tx: &mut Tx) -> Result<Reply, DomainError> {
    let email = server_account(tx)?;
    let rec = person(tx.before, tx.actor)?;
    if rec.email != email {
        return Err(DomainError::NotSignedIn);
    }
    let (lang, name) = (rec.mail_lang, display(rec));
    told_password_changed(tx, &email, lang, &name, Word::OnTheServer);
    Ok(Reply::PasswordChanged)
}

/// Shared mode: the account the server authenticated for this command.
fn server_account(tx: &Tx) -> Result<Email, DomainError> {
    tx.actor.account().cloned().ok_or(DomainError::NotSignedIn)
}

/// The mail and the audit entry of a changed password.
fn told_password_changed(tx: &mut Tx, email: &Email, lang: Lang, name: &str, detail: Word) {
    let now = tx.ctx.now;
    tx.send(mail::password_changed(email, lang, name, now));
    tx.audit(
        AuditEvent::PasswordChanged,
        email.as_str(),
        vec![Part::Word(detail)],
    );
}

/// Shared mode: the ID of the account the server authenticated; the server holds the
/// password, so the ID holds none and is active at once.
pub(crate) fn create_account_id(
    tx: &mut Tx,
    CreateAccountId {
        family,
        given,
        country,
        mail_lang,
        accept_terms,
    }: CreateAccountId,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let now = tx.ctx.now;
    let email = server_account(tx)?;
    let mut check = Check::new();
    if state.identity_by_email(&email).is_some() {
        check.add(Field::Email, FieldError::EmailTaken);
    }
    let family = check.take(Field::FamilyName, PersonName::parse(&family));
    let given = check.take(Field::GivenName, PersonName::parse(&given));
    let country = check.take(Field::Country, Country::parse(&country));
    if !accept_terms {
        check.add(Field::Terms, FieldError::TermsRequired);
    }
    let (family, given, country) = check.done((family, given, country))?;
    new_identity(
        tx,
        (email.clone(), family, given, country, mail_lang),
        SecretHash::held_elsewhere(),
        IdStatus::Active { verified: now },
    );
    tx.audit(AuditEvent::IdCreated, email.as_str(), vec![]);
    Ok(Reply::IdCreated { email })
}

pub(crate) fn verify_id(
    tx: &mut Tx,
    VerifyId { email, code }: VerifyId,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let now = tx.ctx.now;
    let ctx = tx.ctx;
    let mut check = Check::new();
    let email = check.take(Field::Email, Email::parse(&email));
    let code = check.take(Field::Code, parse_digits(&code, CODE_DIGITS));
    let (email, code) = check.done((email, code))?;
    let rec = state
        .identity_by_email(&email)
        .ok_or(DomainError::field(Field::Email, FieldError::UnknownId))?;
    let id = rec.id.clone();
    let IdStatus::Unverified { code: pending } = &rec.status else {
        return Err(DomainError::AlreadyVerified);
    };
    let mut pending = pending.clone();
    let result = pending.check(&code, now);
    if let Some(err) = result.into_field_error() {
        tx.identity_mut(&id).status = IdStatus::Unverified { code: pending };
        return Ok(Reply::Refused(DomainError::field(Field::Code, err)));
    }
    let r = tx.identity_mut(&id);
    r.status = IdStatus::Active { verified: now };
    r.guard.clear();
    let token = r.sessions.start(ctx);
    let (lang, name) = (r.mail_lang, display(r));
    tx.device.push(DeviceChange::PersonSignedIn(token));
    tx.actor_label = email.to_string();
    tx.send(mail::welcome_id(&email, lang, &name));
    tx.audit(AuditEvent::IdVerified, email.as_str(), vec![]);
    Ok(Reply::Verified)
}

pub(crate) fn resend_code(
    tx: &mut Tx,
    ResendCode { email }: ResendCode,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let ctx = tx.ctx;
    let email = Email::parse(&email).map_err(|e| DomainError::field(Field::Email, e))?;
    let rec = state
        .identity_by_email(&email)
        .ok_or(DomainError::field(Field::Email, FieldError::UnknownId))?;
    if rec.is_verified() {
        return Err(DomainError::AlreadyVerified);
    }
    let id = rec.id.clone();
    let (code_rec, code) = PendingCode::issue(ctx);
    let expires = code_rec.expires();
    let r = tx.identity_mut(&id);
    r.status = IdStatus::Unverified { code: code_rec };
    let (lang, name) = (r.mail_lang, display(r));
    tx.send(mail::verification(&email, lang, &name, &code, expires));
    tx.audit(AuditEvent::CodeResent, email.as_str(), vec![]);
    Ok(Reply::CodeResent { email })
}

pub(crate) fn sign_in(
    tx: &mut Tx,
    SignIn { email, password }: SignIn,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let now = tx.ctx.now;
    let ctx = tx.ctx;
    let email = sign_in_form(&email, &password)?;
    let Some(rec) = state.identity_by_email(&email) else {
        tx.audit(
            AuditEvent::SignInFailed,
            email.as_str(),
            vec![Part::Word(Word::UnknownId)],
        );
        return Ok(Reply::Refused(DomainError::BadCredentials));
    };
    let id = rec.id.clone();
    if let Some(until) = rec.guard.locked_until(now) {
        return Err(DomainError::Locked { until });
    }
    let verdict = rec.password.check(&password);
    if verdict == Verdict::Wrong {
        let verified = rec.is_verified();
        let r = tx.identity_mut(&id);
        let locked = r.guard.fail(now);
        // The owner of a verified ID is told (an unverified one's address is not
        // known to be its owner's).
        if let (Some(until), true) = (locked, verified) {
            let (lang, name) = (r.mail_lang, display(r));
            tx.send(mail::id_locked(
                &email,
                lang,
                &name,
                crate::identity::MAX_FAILURES,
                now,
                until,
            ));
        }
        return Ok(refuse_wrong_password(tx, locked, &email, PERSON_EVENTS));
    }
    if !rec.is_verified() {
        if rec.guard.failures() > 0 {
            tx.identity_mut(&id).guard.clear();
        }
        return Ok(Reply::Refused(DomainError::NotVerified));
    }
    let r = tx.identity_mut(&id);
    r.guard.clear();
    if let Verdict::Right { rehash: true } = verdict {
        r.password = SecretHash::new(&password, ctx);
    }
    let token = r.sessions.start(ctx);
    tx.device.push(DeviceChange::PersonSignedIn(token));
    tx.actor_label = email.to_string();
    tx.audit(AuditEvent::SignInOk, email.as_str(), vec![]);
    Ok(Reply::SignedIn)
}

pub(crate) fn sign_out(tx: &mut Tx) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let rec = person(state, actor)?;
    let (id, email) = (rec.id.clone(), rec.email.clone());
    let token = actor
        .person
        .as_ref()
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    tx.identity_mut(&id).sessions.end(&token);
    tx.device.push(DeviceChange::PersonSignedOut);
    tx.audit(AuditEvent::SignOut, email.as_str(), vec![]);
    Ok(Reply::SignedOut)
}

pub(crate) fn request_reset(
    tx: &mut Tx,
    RequestReset { email }: RequestReset,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let ctx = tx.ctx;
    let email = Email::parse(&email).map_err(|e| DomainError::field(Field::Email, e))?;
    // The answer is the same whether or not the ID exists (no enumeration).
    if let Some(rec) = state.identity_by_email(&email) {
        let id = rec.id.clone();
        let (code_rec, code) = PendingCode::issue(ctx);
        let expires = code_rec.expires();
        let r = tx.identity_mut(&id);
        r.reset = Some(code_rec);
        let (lang, name) = (r.mail_lang, display(r));
        tx.send(mail::reset(&email, lang, &name, &code, expires));
        tx.audit(AuditEvent::ResetRequested, email.as_str(), vec![]);
    }
    Ok(Reply::ResetMailed { email })
}

pub(crate) fn reset_password(
    tx: &mut Tx,
    ResetPassword {
        email,
        code,
        password,
        confirm,
    }: ResetPassword,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let ctx = tx.ctx;
    let mut check = Check::new();
    let email = check.take(Field::Email, Email::parse(&email));
    let code = check.take(Field::Code, parse_digits(&code, CODE_DIGITS));
    password_pair(&mut check, &password, &confirm, email.as_ref());
    let (email, code) = check.done((email, code))?;
    let no_code = || DomainError::field(Field::Code, FieldError::CodeUsedUp);
    let rec = state.identity_by_email(&email).ok_or_else(no_code)?;
    let mut pending = rec.reset.clone().ok_or_else(no_code)?;
    let id = rec.id.clone();
    let result = pending.check(&code, now);
    if let Some(err) = result.into_field_error() {
        let spent = matches!(err, FieldError::CodeUsedUp | FieldError::CodeExpired);
        tx.identity_mut(&id).reset = if spent { None } else { Some(pending) };
        return Ok(Reply::Refused(DomainError::field(Field::Code, err)));
    }
    let hash = SecretHash::new(&password, ctx);
    let r = tx.identity_mut(&id);
    r.password = hash;
    r.reset = None;
    r.guard.clear();
    r.sessions.end_all();
    if !r.is_verified() {
        // The code came by mail, which proves the address as well.
        r.status = IdStatus::Active { verified: now };
    }
    let (lang, name) = (r.mail_lang, display(r));
    if actor.person() == Some(&id) {
        tx.device.push(DeviceChange::PersonSignedOut);
    }
    tx.send(mail::password_changed(&email, lang, &name, now));
    tx.audit(
        AuditEvent::PasswordReset,
        email.as_str(),
        vec![Part::Word(Word::AllSessionsEnded)],
    );
    Ok(Reply::PasswordReset)
}

pub(crate) fn update_profile(
    tx: &mut Tx,
    UpdateProfile {
        family,
        given,
        country,
        mail_lang,
    }: UpdateProfile,
) -> Result<Reply, DomainError> {
    let rec = person(tx.before, tx.actor)?;
    let mut check = Check::new();
    let family = check.take(Field::FamilyName, PersonName::parse(&family));
    let given = check.take(Field::GivenName, PersonName::parse(&given));
    let country = check.take(Field::Country, Country::parse(&country));
    let (family, given, country) = check.done((family, given, country))?;
    let name = |family: &PersonName, given: &PersonName| {
        Part::Text(format!("{} {}", family.as_str(), given.as_str()))
    };
    let detail = changes([
        (
            Word::Name,
            name(&rec.family, &rec.given),
            name(&family, &given),
        ),
        (
            Word::Country,
            Part::Country(rec.country.code().into()),
            Part::Country(country.code().into()),
        ),
        (
            Word::MailLang,
            Part::Lang(rec.mail_lang),
            Part::Lang(mail_lang),
        ),
    ]);
    if detail.is_empty() {
        // Saving what is already there changes (and audits) nothing.
        return Ok(Reply::ProfileSaved);
    }
    let (id, email) = (rec.id.clone(), rec.email.clone());
    let r = tx.identity_mut(&id);
    r.family = family;
    r.given = given;
    r.country = country;
    r.mail_lang = mail_lang;
    tx.audit(AuditEvent::ProfileUpdated, email.as_str(), detail);
    Ok(Reply::ProfileSaved)
}

pub(crate) fn change_password(
    tx: &mut Tx,
    ChangePassword {
        current,
        password,
        confirm,
    }: ChangePassword,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let ctx = tx.ctx;
    let rec = person(state, actor)?;
    let (id, email) = (rec.id.clone(), rec.email.clone());
    check_password_change(&current, &password, &confirm, &email)?;
    if !rec.password.verify(&current) {
        tx.identity_mut(&id).guard.fail(now);
        return Ok(Reply::Refused(DomainError::field(
            Field::CurrentPassword,
            FieldError::WrongPassword,
        )));
    }
    let token = actor
        .person
        .as_ref()
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    let hash = SecretHash::new(&password, ctx);
    let r = tx.identity_mut(&id);
    r.password = hash;
    r.guard.clear();
    r.sessions.end_others(&token);
    let (lang, name) = (r.mail_lang, display(r));
    told_password_changed(tx, &email, lang, &name, Word::OtherSessionsEnded);
    Ok(Reply::PasswordChanged)
}

pub(crate) fn touch(tx: &mut Tx) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    if let Some((id, token)) = &actor.person {
        let mut sessions = state
            .identity(id)
            .map(|i| i.sessions.clone())
            .unwrap_or_default();
        if sessions.touch(token, now) {
            tx.identity_mut(id).sessions = sessions;
        }
    }
    Ok(Reply::Done)
}

pub(crate) fn mark_mail_read(
    tx: &mut Tx,
    MarkMailRead { id, unread }: MarkMailRead,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let m = state.mail(id).ok_or(DomainError::NotFound)?;
    if m.read == unread {
        let n = (id.0 / mail::CHUNK as u64) as u32;
        let chunk = Arc::make_mut(tx.state.mail.get_mut(&n).expect("chunk exists"));
        if let Some(m) = chunk.mails.iter_mut().find(|m| m.id == id) {
            m.read = !unread;
        }
        tx.changed.insert(AggKey::Mail(n));
    }
    Ok(Reply::Done)
}

pub(crate) fn mark_all_mail_read(
    tx: &mut Tx,
    MarkAllMailRead { to, matching }: MarkAllMailRead,
) -> Result<Reply, DomainError> {
    let key = crate::text::search_key(matching.trim());
    let unread =
        |m: &mail::Mail| !m.read && to.as_ref().is_none_or(|e| &m.to == e) && m.matches(&key);
    let chunks: Vec<u32> = tx
        .before
        .mail
        .iter()
        .filter(|(_, c)| c.mails.iter().any(unread))
        .map(|(n, _)| *n)
        .collect();
    for n in chunks {
        let chunk = Arc::make_mut(tx.state.mail.get_mut(&n).expect("chunk exists"));
        for m in chunk.mails.iter_mut().filter(|m| unread(m)) {
            m.read = true;
        }
        tx.changed.insert(AggKey::Mail(n));
    }
    Ok(Reply::Done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepting_an_invitation_carries_every_detail_but_the_email() {
        let id = CreateId {
            email: "ignored@example.com".into(),
            family: "Yamada".into(),
            given: "Hanako".into(),
            country: "JP".into(),
            mail_lang: Lang::En,
            password: "correct horse".into(),
            confirm: "correct horse!".into(),
            accept_terms: true,
        };
        let a = id.clone().accepting("s3cret".into());
        assert_eq!(a.secret, "s3cret");
        assert_eq!(
            (a.family, a.given, a.country),
            (id.family, id.given, id.country)
        );
        assert_eq!(
            (a.mail_lang, a.password, a.confirm),
            (id.mail_lang, id.password, id.confirm)
        );
        assert!(a.accept_terms);
    }
}
