//! Commands: what a user asked for, as plain data; [`apply`] decides.
use super::audit::AuditEvent;
use super::ctx::Ctx;
use super::error::{Check, DomainError, Field, FieldError};
use super::identity::{Guard, IdStatus, Identity, IdentityId, PendingCode, Sessions, CODE_DIGITS};
use super::mail::{self, Draft, MailId};
use super::office::Operator;
use super::secret::SecretHash;
use super::state::{Actor, AggKey, State};
use super::text::{check_password, parse_digits, Country, Email, PersonName};
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
    device: Vec<DeviceChange>,
    pub(crate) ctx: &'a Ctx,
    actor_label: String,
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
    fn identity_mut(&mut self, id: &IdentityId) -> &mut Identity {
        self.changed.insert(AggKey::Identity(id.clone()));
        Arc::make_mut(self.state.ids.get_mut(id).expect("identity exists"))
    }
    fn operator_mut(&mut self) -> &mut Operator {
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
    fn done(self, effect: Reply) -> Outcome {
        Outcome {
            changed: self.state.expand_changes(self.before, self.changed),
            state: self.state,
            device: self.device,
            effect,
            replaces_all: false,
        }
    }
}

fn display(i: &Identity) -> String {
    i.display_name(i.mail_lang)
}

fn person<'s>(state: &'s State, actor: &Actor) -> Result<&'s Identity, DomainError> {
    let id = actor.person().ok_or(DomainError::NotSignedIn)?;
    state.identity(id).ok_or(DomainError::NotSignedIn)
}

fn password_pair(check: &mut Check, password: &str, confirm: &str, email: Option<&Email>) {
    check.take(Field::Password, check_password(password, email));
    if confirm.is_empty() {
        check.add(Field::PasswordConfirm, FieldError::Required);
    } else if password != confirm {
        check.add(Field::PasswordConfirm, FieldError::PasswordMismatch);
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
    let now = ctx.now;
    match cmd {
        Command::CreateId {
            email,
            family,
            given,
            country,
            mail_lang,
            password,
            confirm,
            accept_terms,
        } => {
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
            check.finish()?;
            let (email, family, given, country) = (
                email.unwrap(),
                family.unwrap(),
                given.unwrap(),
                country.unwrap(),
            );
            let (code_rec, code) = PendingCode::issue(ctx);
            let expires = code_rec.expires();
            let id = IdentityId::new(ctx);
            let rec = Identity {
                id: id.clone(),
                email: email.clone(),
                family,
                given,
                country,
                mail_lang,
                password: SecretHash::new(&password, ctx),
                status: IdStatus::Unverified { code: code_rec },
                reset: None,
                guard: Guard::default(),
                sessions: Sessions::default(),
                created: now,
                terms_accepted: now,
            };
            let name = display(&rec);
            tx.state.by_email.insert(email.clone(), id.clone());
            tx.state.ids.insert(id.clone(), Arc::new(rec));
            tx.changed.insert(AggKey::Identity(id));
            tx.send(mail::verification(&email, mail_lang, &name, &code, expires));
            tx.audit(AuditEvent::IdCreated, email.as_str(), String::new());
            Ok(tx.done(Reply::IdCreated { email }))
        }

        Command::VerifyId { email, code } => {
            let mut check = Check::new();
            let email = check.take(Field::Email, Email::parse(&email));
            let code = check.take(Field::Code, parse_digits(&code, CODE_DIGITS));
            check.finish()?;
            let (email, code) = (email.unwrap(), code.unwrap());
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
                return Ok(tx.done(Reply::Refused(DomainError::field(Field::Code, err))));
            }
            let r = tx.identity_mut(&id);
            r.status = IdStatus::Active { verified: now };
            r.guard.clear();
            let token = r.sessions.start(ctx);
            let (lang, name) = (r.mail_lang, display(r));
            tx.device.push(DeviceChange::PersonSignedIn(token));
            tx.actor_label = email.to_string();
            tx.send(mail::welcome_id(&email, lang, &name));
            tx.audit(AuditEvent::IdVerified, email.as_str(), String::new());
            Ok(tx.done(Reply::Verified))
        }

        Command::ResendCode { email } => {
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
            tx.audit(AuditEvent::CodeResent, email.as_str(), String::new());
            Ok(tx.done(Reply::CodeResent { email }))
        }

        Command::SignIn { email, password } => {
            let mut check = Check::new();
            let email = check.take(Field::Email, Email::parse(&email));
            if password.is_empty() {
                check.add(Field::Password, FieldError::Required);
            }
            check.finish()?;
            let email = email.unwrap();
            let Some(rec) = state.identity_by_email(&email) else {
                tx.audit(
                    AuditEvent::SignInFailed,
                    email.as_str(),
                    "unknown ID".into(),
                );
                return Ok(tx.done(Reply::Refused(DomainError::BadCredentials)));
            };
            let id = rec.id.clone();
            if let Some(until) = rec.guard.locked_until(now) {
                return Err(DomainError::Locked { until });
            }
            let verdict = rec.password.check(&password);
            if verdict == super::secret::Verdict::Wrong {
                let locked = tx.identity_mut(&id).guard.fail(now);
                return Ok(match locked {
                    Some(until) => {
                        tx.audit(AuditEvent::SignInLocked, email.as_str(), String::new());
                        tx.done(Reply::Refused(DomainError::Locked { until }))
                    }
                    None => {
                        tx.audit(
                            AuditEvent::SignInFailed,
                            email.as_str(),
                            "wrong password".into(),
                        );
                        tx.done(Reply::Refused(DomainError::BadCredentials))
                    }
                });
            }
            if !rec.is_verified() {
                if rec.guard.failures() > 0 {
                    tx.identity_mut(&id).guard.clear();
                }
                return Ok(tx.done(Reply::Refused(DomainError::NotVerified)));
            }
            let r = tx.identity_mut(&id);
            r.guard.clear();
            if let super::secret::Verdict::Right { rehash: true } = verdict {
                r.password = SecretHash::new(&password, ctx);
            }
            let token = r.sessions.start(ctx);
            tx.device.push(DeviceChange::PersonSignedIn(token));
            tx.actor_label = email.to_string();
            tx.audit(AuditEvent::SignInOk, email.as_str(), String::new());
            Ok(tx.done(Reply::SignedIn))
        }

        Command::SignOut => {
            let rec = person(state, actor)?;
            let (id, email) = (rec.id.clone(), rec.email.clone());
            let token = actor
                .person
                .as_ref()
                .map(|(_, t)| t.clone())
                .unwrap_or_default();
            tx.identity_mut(&id).sessions.end(&token);
            tx.device.push(DeviceChange::PersonSignedOut);
            tx.audit(AuditEvent::SignOut, email.as_str(), String::new());
            Ok(tx.done(Reply::SignedOut))
        }

        Command::RequestReset { email } => {
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
                tx.audit(AuditEvent::ResetRequested, email.as_str(), String::new());
            }
            Ok(tx.done(Reply::ResetMailed { email }))
        }

        Command::ResetPassword {
            email,
            code,
            password,
            confirm,
        } => {
            let mut check = Check::new();
            let email = check.take(Field::Email, Email::parse(&email));
            let code = check.take(Field::Code, parse_digits(&code, CODE_DIGITS));
            password_pair(&mut check, &password, &confirm, email.as_ref());
            check.finish()?;
            let (email, code) = (email.unwrap(), code.unwrap());
            let no_code = || DomainError::field(Field::Code, FieldError::CodeUsedUp);
            let rec = state.identity_by_email(&email).ok_or_else(no_code)?;
            let mut pending = rec.reset.clone().ok_or_else(no_code)?;
            let id = rec.id.clone();
            let result = pending.check(&code, now);
            if let Some(err) = result.into_field_error() {
                let spent = matches!(err, FieldError::CodeUsedUp | FieldError::CodeExpired);
                tx.identity_mut(&id).reset = if spent { None } else { Some(pending) };
                return Ok(tx.done(Reply::Refused(DomainError::field(Field::Code, err))));
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
                "all sessions ended".into(),
            );
            Ok(tx.done(Reply::PasswordReset))
        }

        Command::UpdateProfile {
            family,
            given,
            country,
            mail_lang,
        } => {
            let rec = person(state, actor)?;
            let id = rec.id.clone();
            let mut check = Check::new();
            let family = check.take(Field::FamilyName, PersonName::parse(&family));
            let given = check.take(Field::GivenName, PersonName::parse(&given));
            let country = check.take(Field::Country, Country::parse(&country));
            check.finish()?;
            let before = format!(
                "{} {} / {} / {}",
                rec.family.as_str(),
                rec.given.as_str(),
                rec.country.code(),
                rec.mail_lang.code()
            );
            let email = rec.email.clone();
            let r = tx.identity_mut(&id);
            r.family = family.unwrap();
            r.given = given.unwrap();
            r.country = country.unwrap();
            r.mail_lang = mail_lang;
            let after = format!(
                "{} {} / {} / {}",
                r.family.as_str(),
                r.given.as_str(),
                r.country.code(),
                r.mail_lang.code()
            );
            if before == after {
                return Ok(Outcome {
                    state: state.clone(),
                    changed: BTreeSet::new(),
                    device: vec![],
                    effect: Reply::ProfileSaved,
                    replaces_all: false,
                });
            }
            tx.audit(
                AuditEvent::ProfileUpdated,
                email.as_str(),
                format!("{before} -> {after}"),
            );
            Ok(tx.done(Reply::ProfileSaved))
        }

        Command::ChangePassword {
            current,
            password,
            confirm,
        } => {
            let rec = person(state, actor)?;
            let (id, email) = (rec.id.clone(), rec.email.clone());
            let mut check = Check::new();
            if current.is_empty() {
                check.add(Field::CurrentPassword, FieldError::Required);
            }
            password_pair(&mut check, &password, &confirm, Some(&email));
            check.finish()?;
            if !rec.password.verify(&current) {
                tx.identity_mut(&id).guard.fail(now);
                return Ok(tx.done(Reply::Refused(DomainError::field(
                    Field::CurrentPassword,
                    FieldError::WrongPassword,
                ))));
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
            tx.send(mail::password_changed(&email, lang, &name, now));
            tx.audit(
                AuditEvent::PasswordChanged,
                email.as_str(),
                "other sessions ended".into(),
            );
            Ok(tx.done(Reply::PasswordChanged))
        }

        Command::Touch => {
            if let Some((id, token)) = &actor.person {
                let mut sessions = state
                    .identity(id)
                    .map(|i| i.sessions.clone())
                    .unwrap_or_default();
                if sessions.touch(token, now) {
                    tx.identity_mut(id).sessions = sessions;
                }
            }
            Ok(tx.done(Reply::Done))
        }

        Command::MarkMailRead { id } => {
            let m = state.mail(id).ok_or(DomainError::NotFound)?;
            if !m.read {
                let n = (id.0 / mail::CHUNK as u64) as u32;
                let chunk = Arc::make_mut(tx.state.mail.get_mut(&n).expect("chunk exists"));
                if let Some(m) = chunk.mails.iter_mut().find(|m| m.id == id) {
                    m.read = true;
                }
                tx.changed.insert(AggKey::Mail(n));
            }
            Ok(tx.done(Reply::Done))
        }

        Command::CreateOperator {
            email,
            password,
            confirm,
        } => {
            if state.office.has_operator() {
                return Err(DomainError::OperatorExists);
            }
            let mut check = Check::new();
            let email = check.take(Field::Email, Email::parse(&email));
            password_pair(&mut check, &password, &confirm, email.as_ref());
            check.finish()?;
            let email = email.unwrap();
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
            tx.audit(AuditEvent::OperatorCreated, email.as_str(), String::new());
            Ok(tx.done(Reply::OperatorCreated))
        }

        Command::OperatorSignIn { email, password } => {
            let mut check = Check::new();
            let email = check.take(Field::Email, Email::parse(&email));
            if password.is_empty() {
                check.add(Field::Password, FieldError::Required);
            }
            check.finish()?;
            let email = email.unwrap();
            let op = state
                .office
                .operator
                .as_ref()
                .ok_or(DomainError::BadCredentials)?;
            if let Some(until) = op.guard.locked_until(now) {
                return Err(DomainError::Locked { until });
            }
            let verdict = op.password.check(&password);
            if op.email != email || verdict == super::secret::Verdict::Wrong {
                let locked = tx.operator_mut().guard.fail(now);
                return Ok(match locked {
                    Some(until) => {
                        tx.audit(AuditEvent::OperatorLocked, email.as_str(), String::new());
                        tx.done(Reply::Refused(DomainError::Locked { until }))
                    }
                    None => {
                        tx.audit(
                            AuditEvent::OperatorSignInFailed,
                            email.as_str(),
                            String::new(),
                        );
                        tx.done(Reply::Refused(DomainError::BadCredentials))
                    }
                });
            }
            let o = tx.operator_mut();
            o.guard.clear();
            if let super::secret::Verdict::Right { rehash: true } = verdict {
                o.password = SecretHash::new(&password, ctx);
            }
            let token = o.sessions.start(ctx);
            tx.device.push(DeviceChange::OperatorSignedIn(token));
            tx.actor_label = "operator".into();
            tx.audit(AuditEvent::OperatorSignIn, email.as_str(), String::new());
            Ok(tx.done(Reply::OperatorSignedIn))
        }

        Command::Partner(c) => match super::partner_commands::apply(&mut tx, c)? {
            Reply::Refused(e) => Ok(tx.done(Reply::Refused(e))),
            reply => Ok(tx.done(reply)),
        },

        Command::DeleteOldestMail => {
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
                format!("{n} oldest mails deleted"),
            );
            Ok(tx.done(Reply::Deleted { count: n as u32 }))
        }

        Command::ReplaceData(what) => {
            may_manage_data(state, actor)?;
            let (mut next, event) = match what {
                Replacement::Import(file) => {
                    (Arc::unwrap_or_clone(file.0), AuditEvent::DataImported)
                }
                Replacement::Reset => (State::default(), AuditEvent::DataReset),
                Replacement::Demo => (
                    super::demo::load_into(state, ctx.now, ctx.random_block())?,
                    AuditEvent::DemoLoaded,
                ),
            };
            // This deployment's operator account stays (a file never brings one in);
            // everyone signs in again, except the operator who did it.
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
            let mut tx = Tx {
                before: state,
                actor,
                state: next,
                changed: BTreeSet::new(),
                device,
                ctx,
                actor_label: tx.actor_label,
            };
            tx.audit(event, "data", format!("{records} records"));
            let mut out = tx.done(Reply::Replaced { records });
            out.replaces_all = true;
            Ok(out)
        }

        Command::ExportData => {
            may_manage_data(state, actor)?;
            tx.audit(AuditEvent::DataExported, "data", String::new());
            Ok(tx.done(Reply::Done))
        }

        Command::DeleteOldestAudit => {
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
                format!("{n} oldest entries deleted"),
            );
            Ok(tx.done(Reply::Deleted { count: n as u32 }))
        }

        Command::Site(c) => match super::site_commands::apply(&mut tx, c)? {
            Reply::Refused(e) => Ok(tx.done(Reply::Refused(e))),
            reply => Ok(tx.done(reply)),
        },

        Command::OperatorSignOut => {
            let token = actor.operator.clone().ok_or(DomainError::NotAllowed)?;
            let o = tx.operator_mut();
            o.sessions.end(&token);
            let email = o.email.to_string();
            tx.device.push(DeviceChange::OperatorSignedOut);
            tx.audit(AuditEvent::OperatorSignOut, &email, String::new());
            Ok(tx.done(Reply::OperatorSignedOut))
        }
    }
}
