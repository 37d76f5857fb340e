//! The commands of customer sites and the help desk. Every one checks who may do it
//! with [`site::may`] (or the operator role) before it changes anything.
use super::audit::{decided, AuditEvent, Part, UserGrant, Word};
use super::calendar::jst;
use super::error::{Check, DomainError, Field, FieldError};
use super::identity::Identity;
use super::invite::{Invite, Lazy};
use super::mail;
use super::site::*;
use super::state::{Actor, State};
use super::text::{clean_text, Country, Email, PersonName};
use super::tx::{Reply, Tx};
use crate::i18n::Lang;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SiteCommand {
    Enrol(Enrol),
    ReissuePasscode(ReissuePasscode),
    ChangePrimary(ChangePrimary),
    FirstSignIn(FirstSignIn),
    SetContact(SetContact),
    ClearContact(ClearContact),
    AddUser(AddUser),
    UpdateUser(UpdateUser),
    RemoveUser(RemoveUser),
    RequestAccess(RequestAccess),
    Grant(Grant),
    Deny(Deny),
    Help(Help),
    AnswerHelp(AnswerHelp),
    CloseHelp(CloseHelp),
    /// Deletes every closed help request (operator only; audited).
    PruneClosedHelp,
    HandOverPrimary(HandOverPrimary),
    WithdrawRequest(WithdrawRequest),
    ExpireRequests(ExpireRequests),
    ImportUsers(ImportUsers),
    ResendInvite(ResendInvite),
}

/// Enrols a customer site (operator): numbers, a temporary passcode, the welcome mail.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Enrol {
    pub company: String,
    pub country: String,
    pub postal: String,
    pub prefecture: String,
    pub city: String,
    pub street: String,
    pub family: String,
    pub given: String,
    pub email: String,
    pub mail_lang: Lang,
}

/// Issues the site's primary contact a new temporary passcode (operator).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReissuePasscode {
    pub site: String,
}

/// Makes another person the site's primary contact (operator).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChangePrimary {
    pub site: String,
    pub family: String,
    pub given: String,
    pub email: String,
    pub mail_lang: Lang,
}

/// The primary contact's first sign-in to a site with its temporary passcode.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FirstSignIn {
    pub site: String,
    pub passcode: String,
}

/// Saves one key contact of a site (technical, administrative, ...).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SetContact {
    pub site: String,
    pub role: Role,
    pub family: String,
    pub given: String,
    pub email: String,
    pub phone: String,
    pub country: String,
    pub postal: String,
    pub city: String,
    pub address: String,
    /// The contact's version when the form was opened ([`Site::contact_version`]);
    /// `None`: no check.
    #[serde(default)]
    pub seen: Option<String>,
}

/// Removes one key contact of a site (the primary contact stands in).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClearContact {
    pub site: String,
    pub role: Role,
    #[serde(default)]
    pub seen: Option<String>,
}

/// Adds a user (or a secondary contact) to a site with privileges.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AddUser {
    pub site: String,
    pub email: String,
    pub privileges: Privileges,
    pub secondary: bool,
}

/// Changes a site user's privileges or secondary-contact flag.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UpdateUser {
    pub site: String,
    pub email: String,
    pub privileges: Privileges,
    pub secondary: bool,
}

/// Removes a site user (or revokes the user's invitation).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RemoveUser {
    pub site: String,
    pub email: String,
}

/// Asks for access to a site by its site and customer numbers.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RequestAccess {
    pub site: String,
    pub customer: String,
    pub message: String,
}

/// Grants an access request with privileges.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Grant {
    pub site: String,
    pub request: u32,
    pub privileges: Privileges,
    pub secondary: bool,
}

/// Denies an access request with a reason mailed to the asker.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Deny {
    pub site: String,
    pub request: u32,
    pub reason: String,
}

/// Sends the help desk a request (signed in or not).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Help {
    pub name: String,
    pub email: String,
    pub subject: String,
    pub site: String,
    pub description: String,
    /// The language of the mail to someone signed out: the page's, as they read it.
    /// An address with an ID gets its own mail language; none given, Japanese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail_lang: Option<Lang>,
}

/// Answers a help request (operator); the answer is mailed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AnswerHelp {
    pub reference: String,
    pub answer: String,
}

/// Closes a help request (operator).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CloseHelp {
    pub reference: String,
}

/// The primary contact hands the role to one of the site's secondary contacts who
/// has a verified ID, and stays on as a secondary contact with every privilege.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HandOverPrimary {
    pub site: String,
    pub to: String,
}

/// The person who asked withdraws their access request while it waits.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WithdrawRequest {
    pub site: String,
    pub request: u32,
}

/// Marks the requests nobody decided within `REQUEST_EXPIRY` expired and tells
/// their askers (by whoever may decide them; the app sends it when they open the
/// site's access page).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExpireRequests {
    pub site: String,
}

/// Adds every user of a CSV file (the export's columns), or none: see
/// [`check_users_import`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportUsers {
    pub site: String,
    pub csv: String,
}

/// Sends a user's invitation again (a new link, 7 new days); revoking one is
/// `RemoveUser`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ResendInvite {
    pub site: String,
    pub email: String,
}

/// Rows a users import takes at most.
pub const IMPORT_ROWS_MAX: usize = 1000;

/// One problem of a users file: its line, the column (empty: the whole row or file)
/// and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    pub line: usize,
    pub column: String,
    pub error: DomainError,
}

/// A users file as checked against a site now: the users it adds (email, privileges,
/// secondary), and every problem; nothing is added unless there are none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UsersImport {
    pub users: Vec<(Email, Privileges, bool)>,
    pub problems: Vec<ImportProblem>,
}

/// The value of a privilege column: one of `choices` by its key (the export writes
/// `format!("{:?}")` lower-cased), empty for the lowest.
fn choice<T: Copy + std::fmt::Debug>(raw: &str, choices: &[T]) -> Option<T> {
    let raw = raw.trim().to_lowercase();
    if raw.is_empty() {
        return choices.first().copied();
    }
    choices
        .iter()
        .find(|c| format!("{c:?}").to_lowercase() == raw)
        .copied()
}

/// Checks a users file (the columns of the users export, in any order; `email` is
/// required, a missing privilege is none, `kind` is `user` or `secondary`, other
/// columns are ignored) as `actor` would add each row: every row is validated and every
/// problem reported, with the same rules as "Add new user" (not the primary, not a
/// user already nor twice in the file, nothing above the importer's own privileges, at
/// most four secondary contacts in all).
pub fn check_users_import(
    state: &State,
    actor: &Actor,
    site: &str,
    text: &str,
) -> Result<UsersImport, DomainError> {
    let (s, who) = guarded(state, actor, site, SiteAction::ManageUsers)?;
    let mut out = UsersImport::default();
    let (header, rows) = match users_file(text) {
        Ok(file) => file,
        Err(problem) => {
            out.problems.push(problem);
            return Ok(out);
        }
    };
    let mut secondaries = s.secondary_count();
    let mut seen = std::collections::BTreeSet::new();
    for (line, row) in rows {
        let cell = |name: &str| {
            let i = header.iter().position(|h| h == name);
            let c = i.and_then(|i| row.get(i));
            c.map(|c| c.trim().to_string()).unwrap_or_default()
        };
        let mut problems = Vec::new();
        let mut problem = |column: &str, error: DomainError| {
            problems.push(ImportProblem {
                line,
                column: column.to_string(),
                error,
            })
        };
        let email = match Email::parse(&cell("email")) {
            Ok(e) if s.primary.email == e => Err(FieldError::IsPrimary),
            Ok(e) if s.user(&e).is_some() || !seen.insert(e.clone()) => {
                Err(FieldError::AlreadyUser)
            }
            other => other,
        };
        let email = email
            .map_err(|e| problem("email", DomainError::field(Field::Email, e)))
            .ok();
        let secondary = match cell("kind").to_lowercase().as_str() {
            "" | "user" => false,
            "secondary" => true,
            _ => {
                problem(
                    "kind",
                    DomainError::field(Field::Email, FieldError::UnknownChoice),
                );
                false
            }
        };
        let p = row_privileges(&cell, &mut problem);
        if let Some(email) = email {
            if let Err(e) = check_grant(s, who.email(), Some(&email), &p, false, false) {
                problem("", e);
            }
            if secondary {
                secondaries += 1;
                if secondaries > MAX_SECONDARY {
                    let max = MAX_SECONDARY as u32;
                    problem("kind", DomainError::SecondaryLimit { max });
                }
            }
            if problems.is_empty() {
                out.users.push((email, p, secondary));
            }
        }
        out.problems.append(&mut problems);
    }
    if !out.problems.is_empty() {
        out.users.clear();
    }
    Ok(out)
}

/// A row of a users file: its line number and its cells.
type CsvRow = (usize, Vec<String>);

/// A users file's header (trimmed, lower-cased) and its rows that are not empty; or the
/// one problem of the whole file (unreadable, no `email` column, no rows, too many rows).
fn users_file(text: &str) -> Result<(Vec<String>, Vec<CsvRow>), ImportProblem> {
    let whole = |line: usize, column: &str, field: Field, error: FieldError| ImportProblem {
        line,
        column: column.to_string(),
        error: DomainError::field(field, error),
    };
    let records = super::csv::parse(text)
        .map_err(|line| whole(line, "", Field::Attachment, FieldError::FileUnreadable))?;
    let mut records = records.into_iter();
    let header: Vec<String> = records
        .next()
        .map(|(_, h)| h.iter().map(|c| c.trim().to_lowercase()).collect())
        .unwrap_or_default();
    if !header.iter().any(|h| h == "email") {
        return Err(whole(1, "email", Field::Email, FieldError::Required));
    }
    let rows: Vec<CsvRow> = records
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if rows.is_empty() {
        return Err(whole(1, "", Field::Attachment, FieldError::Required));
    }
    if rows.len() > IMPORT_ROWS_MAX {
        let e = FieldError::TooMany {
            max: IMPORT_ROWS_MAX as u32,
        };
        return Err(whole(1, "", Field::Attachment, e));
    }
    Ok((header, rows))
}

/// The privileges of one row of a users file (a column's problem is reported to
/// `problem`, and that privilege stays the lowest).
fn row_privileges(
    cell: &dyn Fn(&str) -> String,
    problem: &mut dyn FnMut(&str, DomainError),
) -> Privileges {
    let mut p = Privileges::default();
    let mut privilege = |name: &str, set: &mut dyn FnMut(&str) -> bool| {
        if !set(&cell(name)) {
            problem(
                name,
                DomainError::field(Field::Email, FieldError::UnknownChoice),
            );
        }
    };
    macro_rules! column {
        ($name:literal, $field:ident, $choices:expr) => {
            privilege($name, &mut |raw| {
                choice(raw, &$choices).map(|v| p.$field = v).is_some()
            })
        };
    }
    let software = [
        Software::None,
        Software::Downloads,
        Software::DownloadsMedia,
        Software::Full,
    ];
    let levels = [Level::None, Level::View, Level::Update];
    let viewing = [Viewing::None, Viewing::View];
    column!("software", software, software);
    column!("reporting", reporting, viewing);
    column!("entitlements", entitlements, levels);
    column!("manage_access", manage_access, levels);
    column!("contact_updates", contact_updates, levels);
    column!("documents", documents, viewing);
    p
}

pub const REASON_MAX: usize = 500;
pub const SUBJECT_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 2000;

pub(crate) fn me<'s>(state: &'s State, actor: &Actor) -> Result<&'s Identity, DomainError> {
    let id = actor.person().ok_or(DomainError::NotSignedIn)?;
    state
        .identity(id)
        .filter(|i| i.is_verified())
        .ok_or(DomainError::NotSignedIn)
}

fn operator(actor: &Actor) -> Result<(), DomainError> {
    if actor.is_operator() {
        Ok(())
    } else {
        Err(DomainError::NotAllowed)
    }
}

pub(crate) fn find<'s>(state: &'s State, raw: &str) -> Result<&'s Site, DomainError> {
    let n = SiteNumber::parse(raw).map_err(|_| DomainError::NotFound)?;
    state.site(&n).ok_or(DomainError::NotFound)
}

/// The site, if `actor` may do `action` on it.
fn guarded<'s>(
    state: &'s State,
    actor: &Actor,
    raw: &str,
    action: SiteAction,
) -> Result<(&'s Site, &'s Identity), DomainError> {
    let who = me(state, actor)?;
    let site = find(state, raw)?;
    if !may(site, Some(who.email()), action) || state.lapsed(site, who.email()) {
        return Err(DomainError::NotAllowed);
    }
    Ok((site, who))
}

/// The language to write to `email` in: its ID's choice, else `fallback`.
fn lang_for(state: &State, email: &Email, fallback: Lang) -> Lang {
    state
        .identity_by_email(email)
        .map(|i| i.mail_lang())
        .unwrap_or(fallback)
}

fn unique_numbers(state: &State, tx: &Tx) -> (SiteNumber, CustomerNumber, AgreementNumber) {
    let ctx = tx.ctx;
    let site = std::iter::repeat_with(|| SiteNumber::random(ctx))
        .find(|n| state.site(n).is_none())
        .expect("endless");
    let customer = std::iter::repeat_with(|| CustomerNumber::random(ctx))
        .find(|c| !state.sites().any(|s| s.customer() == c))
        .expect("endless");
    let agreement = std::iter::repeat_with(|| AgreementNumber::random(ctx))
        .find(|a| !state.sites().any(|s| s.agreement() == a))
        .expect("endless");
    (site, customer, agreement)
}

fn check_grant(
    site: &Site,
    who: &Email,
    target: Option<&Email>,
    p: &Privileges,
    secondary: bool,
    was_secondary: bool,
) -> Result<(), DomainError> {
    if target == Some(who) {
        return Err(DomainError::OwnPrivileges);
    }
    if site.role_of(Some(who)) != SiteRole::Primary {
        let mine = site.privileges_of(Some(who)).unwrap_or_default();
        if !p.within(&mine) {
            return Err(DomainError::NotAllowed);
        }
    }
    if secondary && !was_secondary && site.secondary_count() >= MAX_SECONDARY {
        return Err(DomainError::SecondaryLimit {
            max: MAX_SECONDARY as u32,
        });
    }
    Ok(())
}

/// A request of the site that is still waiting for a decision.
fn pending_request(site: &Site, id: u32) -> Result<AccessRequest, DomainError> {
    let r = site
        .requests
        .iter()
        .find(|r| r.id == id)
        .ok_or(DomainError::NotFound)?;
    if r.status != RequestStatus::Pending {
        return Err(DomainError::AlreadyDecided);
    }
    Ok(r.clone())
}

/// A key contact in the audit trail: the name and address, or "(the primary
/// contact)" for a role without its own contact.
fn contact_summary(c: Option<&Contact>) -> Part {
    c.map(|c| {
        Part::Text(format!(
            "{} {} <{}>",
            c.family.as_str(),
            c.given.as_str(),
            c.email
        ))
    })
    .unwrap_or(Part::Word(Word::ThePrimary))
}

/// Routes a command to its handler (one function per command, below).
pub(crate) fn apply(tx: &mut Tx, cmd: SiteCommand) -> Result<Reply, DomainError> {
    match cmd {
        SiteCommand::Enrol(c) => enrol(tx, c),
        SiteCommand::ReissuePasscode(c) => reissue_passcode(tx, c),
        SiteCommand::ChangePrimary(c) => change_primary(tx, c),
        SiteCommand::FirstSignIn(c) => first_sign_in(tx, c),
        SiteCommand::HandOverPrimary(c) => hand_over_primary(tx, c),
        SiteCommand::WithdrawRequest(c) => withdraw_request(tx, c),
        SiteCommand::ExpireRequests(c) => expire_requests(tx, c),
        SiteCommand::ImportUsers(c) => import_users(tx, c),
        SiteCommand::ResendInvite(c) => resend_invite(tx, c),
        SiteCommand::SetContact(c) => set_contact(tx, c),
        SiteCommand::ClearContact(c) => clear_contact(tx, c),
        SiteCommand::AddUser(c) => add_user(tx, c),
        SiteCommand::UpdateUser(c) => update_user(tx, c),
        SiteCommand::RemoveUser(c) => remove_user(tx, c),
        SiteCommand::RequestAccess(c) => request_access(tx, c),
        SiteCommand::Grant(c) => grant(tx, c),
        SiteCommand::Deny(c) => deny(tx, c),
        SiteCommand::Help(c) => help(tx, c),
        SiteCommand::AnswerHelp(c) => answer_help(tx, c),
        SiteCommand::CloseHelp(c) => close_help(tx, c),
        SiteCommand::PruneClosedHelp => prune_closed_help(tx),
    }
}

fn enrol(
    tx: &mut Tx,
    Enrol {
        company,
        country,
        postal,
        prefecture,
        city,
        street,
        family,
        given,
        email,
        mail_lang,
    }: Enrol,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    operator(actor)?;
    let mut check = Check::new();
    let company = check.take(Field::Company, line(&company, COMPANY_MAX));
    let country = check.take(Field::Country, Country::parse(&country));
    let postal = country.and_then(|c| check.take(Field::PostalCode, parse_postal(&postal, c)));
    let prefecture = check.take(Field::Prefecture, line(&prefecture, LINE_MAX));
    let city = check.take(Field::City, line(&city, LINE_MAX));
    let street = check.take(Field::Street, line(&street, LINE_MAX));
    let family = check.take(Field::FamilyName, PersonName::parse(&family));
    let given = check.take(Field::GivenName, PersonName::parse(&given));
    let email = check.take(Field::Email, Email::parse(&email));
    let (email, company, country, postal, prefecture, city, street, family, given) =
        check.done((
            email, company, country, postal, prefecture, city, street, family, given,
        ))?;
    let (number, customer, agreement) = unique_numbers(state, tx);
    let (passcode, clear) = new_passcode(tx.ctx);
    let expires = passcode.expires();
    let lang = lang_for(state, &email, mail_lang);
    let site = Site {
        number: number.clone(),
        customer,
        agreement,
        company,
        address: Address {
            country,
            postal,
            prefecture,
            city,
            street,
        },
        anniversary: (jst(now).month, 1),
        enrolled: now,
        primary: PrimaryContact {
            family,
            given,
            email: email.clone(),
            lang,
        },
        status: SiteStatus::Awaiting { passcode },
        contacts: Vec::new(),
        users: Default::default(),
        requests: Default::default(),
    };
    let welcome = mail::site_welcome(lang, &site, &clear, expires);
    tx.state.sites.insert(number.clone(), Arc::new(site));
    tx.changed
        .insert(super::state::AggKey::Site(number.clone()));
    tx.send(welcome);
    tx.audit(
        AuditEvent::SiteEnrolled,
        number.as_str(),
        vec![Part::Word(Word::PrimaryContact), Part::text(&email)],
    );
    Ok(Reply::SiteEnrolled {
        site: number.to_string(),
        email,
    })
}

fn reissue_passcode(
    tx: &mut Tx,
    ReissuePasscode { site }: ReissuePasscode,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    operator(actor)?;
    let n = find(state, &site)?.number().clone();
    let (passcode, clear) = new_passcode(tx.ctx);
    let expires = passcode.expires();
    let s = tx.site_mut(&n);
    if s.state() == SiteState::Active {
        return Err(DomainError::SiteNotAwaiting);
    }
    s.status = SiteStatus::Awaiting { passcode };
    let lang = s.primary.lang;
    let m = mail::site_passcode_reissued(lang, s, &clear, expires);
    tx.send(m);
    tx.audit(AuditEvent::PasscodeReissued, n.as_str(), vec![]);
    Ok(Reply::PasscodeReissued {
        site: n.to_string(),
    })
}

fn change_primary(
    tx: &mut Tx,
    ChangePrimary {
        site,
        family,
        given,
        email,
        mail_lang,
    }: ChangePrimary,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    operator(actor)?;
    let n = find(state, &site)
        .map_err(|_| DomainError::field(Field::SiteNumber, FieldError::NoMatchingSite))?
        .number()
        .clone();
    let mut check = Check::new();
    let family = check.take(Field::FamilyName, PersonName::parse(&family));
    let given = check.take(Field::GivenName, PersonName::parse(&given));
    let email = check.take(Field::Email, Email::parse(&email));
    let (email, family, given) = check.done((email, family, given))?;
    let lang = lang_for(state, &email, mail_lang);
    let (passcode, clear) = new_passcode(tx.ctx);
    let expires = passcode.expires();
    let s = tx.site_mut(&n);
    let old = s.primary.clone();
    let before = old.email.to_string();
    s.primary = PrimaryContact {
        family,
        given,
        email: email.clone(),
        lang,
    };
    s.status = SiteStatus::Awaiting { passcode };
    s.users.retain(|u| u.email != email);
    let m = mail::site_welcome(lang, s, &clear, expires);
    tx.send(m);
    // The one replaced is told, in their language, unless the same person was named.
    if old.email != email {
        let old_lang = lang_for(state, &old.email, old.lang);
        let site = tx.state.site(&n).expect("the site exists");
        let m = mail::site_primary_changed(&old.email, old_lang, site, None);
        tx.send(m);
    }
    tx.audit(
        AuditEvent::PrimaryChanged,
        n.as_str(),
        vec![Part::Text(before), Part::To, Part::text(&email)],
    );
    Ok(Reply::PrimaryChanged {
        site: n.to_string(),
    })
}

fn hand_over_primary(
    tx: &mut Tx,
    HandOverPrimary { site, to }: HandOverPrimary,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let who = me(state, actor)?;
    let s = find(state, &site)?;
    if s.role_of(Some(who.email())) != SiteRole::Primary {
        return Err(DomainError::NotAllowed);
    }
    let email = Email::parse(&to).map_err(|e| DomainError::field(Field::Email, e))?;
    if s.user(&email).is_none_or(|u| !u.secondary) {
        return Err(DomainError::field(Field::Email, FieldError::UnknownChoice));
    }
    let heir = state
        .identity_by_email(&email)
        .filter(|i| i.is_verified())
        .ok_or(DomainError::field(Field::Email, FieldError::UnknownId))?;
    let n = s.number.clone();
    let old = s.primary.clone();
    let heir_contact = PrimaryContact {
        family: PersonName::parse(heir.family())
            .map_err(|e| DomainError::field(Field::FamilyName, e))?,
        given: PersonName::parse(heir.given())
            .map_err(|e| DomainError::field(Field::GivenName, e))?,
        email: email.clone(),
        lang: heir.mail_lang(),
    };
    let heir_id = heir.id().clone();
    let old_lang = lang_for(state, &old.email, old.lang);
    let site = tx.site_mut(&n);
    site.users.retain(|u| u.email != email);
    site.users.push(SiteUser {
        email: old.email.clone(),
        privileges: Privileges::ALL,
        secondary: true,
        added: now,
        invite: None,
    });
    site.primary = heir_contact;
    site.status = SiteStatus::Active {
        bound: heir_id,
        since: now,
    };
    let lang = site.primary.lang;
    let by = old.email.to_string();
    let m = mail::site_primary_named(&email, lang, site, &by);
    tx.send(m);
    let site = tx.state.site(&n).expect("the site exists");
    let m = mail::site_primary_changed(&old.email, old_lang, site, Some(email.as_str()));
    tx.send(m);
    tx.audit(
        AuditEvent::PrimaryChanged,
        n.as_str(),
        vec![
            Part::text(&by),
            Part::To,
            Part::text(&email),
            Part::Word(Word::HandedOver),
        ],
    );
    Ok(Reply::PrimaryHandedOver { email })
}

fn first_sign_in(
    tx: &mut Tx,
    FirstSignIn { site, passcode }: FirstSignIn,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let who = me(state, actor)?;
    let s = find(state, &site)?;
    if &s.primary.email != who.email() {
        return Err(DomainError::NotAllowed);
    }
    match s.state() {
        SiteState::Active => return Err(DomainError::SiteNotAwaiting),
        SiteState::Locked => return Err(DomainError::PasscodeLocked),
        SiteState::Awaiting => {}
    }
    let code = parse_passcode(&passcode).map_err(|e| DomainError::field(Field::Passcode, e))?;
    let (n, id, email) = (s.number.clone(), who.id().clone(), who.email().clone());
    let mut copy = s.clone();
    match copy.check_passcode(&code, now) {
        Ok(()) => {
            let site = tx.site_mut(&n);
            site.status = SiteStatus::Active {
                bound: id,
                since: now,
            };
            tx.audit(
                AuditEvent::SiteFirstSignIn,
                n.as_str(),
                vec![Part::text(&email)],
            );
            Ok(Reply::SiteActivated {
                site: n.to_string(),
            })
        }
        Err(FieldError::PasscodeExpired) => Err(DomainError::field(
            Field::Passcode,
            FieldError::PasscodeExpired,
        )),
        Err(e) => {
            let locked = e == FieldError::PasscodeLocked;
            *tx.site_mut(&n) = copy;
            tx.audit(
                if locked {
                    AuditEvent::PasscodeLocked
                } else {
                    AuditEvent::PasscodeFailed
                },
                n.as_str(),
                vec![Part::text(&email)],
            );
            Ok(Reply::Refused(if locked {
                DomainError::PasscodeLocked
            } else {
                DomainError::field(Field::Passcode, e)
            }))
        }
    }
}

fn set_contact(tx: &mut Tx, cmd: SetContact) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let (site, role) = (cmd.site.as_str(), cmd.role);
    let (s, _) = guarded(state, actor, site, SiteAction::EditContacts)?;
    if role == Role::Primary {
        return Err(DomainError::NotAllowed);
    }
    unchanged_since(s, role, cmd.seen)?;
    let mut check = Check::new();
    let family = check.take(Field::FamilyName, PersonName::parse(&cmd.family));
    let given = check.take(Field::GivenName, PersonName::parse(&cmd.given));
    let email = check.take(Field::Email, Email::parse(&cmd.email));
    let phone = check.take(Field::Phone, Phone::parse(&cmd.phone));
    let country = check.take(Field::Country, Country::parse(&cmd.country));
    let postal = if cmd.postal.trim().is_empty() {
        Some(String::new())
    } else {
        country.and_then(|c| check.take(Field::PostalCode, parse_postal(&cmd.postal, c)))
    };
    let city = check.take(Field::City, optional_line(&cmd.city, LINE_MAX));
    let address = check.take(Field::Address, optional_line(&cmd.address, LINE_MAX));
    let (family, given, email, country, postal, city, address) =
        check.done((family, given, email, country, postal, city, address))?;
    let contact = Contact {
        family,
        given,
        email,
        phone,
        country,
        postal,
        city,
        address,
    };
    let n = s.number.clone();
    let before = contact_summary(s.contact(role));
    let after = contact_summary(Some(&contact));
    // Who the change concerns: the person named (unless only their details changed)
    // and the one they replace. Each is told, in their own language.
    let previous = s.contact(role).map(|c| c.email.clone());
    let mut told = Vec::new();
    if previous.as_ref() != Some(&contact.email) {
        told.push((contact.email.clone(), false));
        told.extend(previous.map(|p| (p, true)));
    }
    let site = tx.site_mut(&n);
    site.contacts.retain(|(r, _)| *r != role);
    site.contacts.push((role, contact));
    site.contacts.sort_by_key(|(r, _)| *r);
    tell_key_contacts(tx, &n, role, told);
    tx.audit(
        AuditEvent::ContactChanged,
        n.as_str(),
        vec![Part::Role(role), before, Part::To, after],
    );
    Ok(Reply::ContactSaved)
}

/// Mails each `(email, released)` that a key contact of `role` changed.
fn tell_key_contacts(tx: &mut Tx, n: &SiteNumber, role: Role, told: Vec<(Email, bool)>) {
    let by = tx.actor_label.clone();
    for (to, released) in told {
        let site = tx.state.site(n).expect("the site exists");
        let lang = lang_for(tx.before, &to, site.primary.lang);
        let m = mail::site_key_contact(&to, lang, site, role, &by, released);
        tx.send(m);
    }
}

/// Refuses an edit made from a version of the contact that someone else replaced
/// since (two people, or one offline, editing the same contact).
fn unchanged_since(s: &Site, role: Role, seen: Option<String>) -> Result<(), DomainError> {
    match seen {
        Some(seen) if seen != s.contact_version(role) => Err(DomainError::ChangedMeanwhile),
        _ => Ok(()),
    }
}

fn clear_contact(
    tx: &mut Tx,
    ClearContact { site, role, seen }: ClearContact,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let (s, _) = guarded(state, actor, &site, SiteAction::EditContacts)?;
    if role == Role::Primary {
        return Err(DomainError::NotAllowed);
    }
    unchanged_since(s, role, seen)?;
    let n = s.number.clone();
    let before = contact_summary(s.contact(role));
    let told: Vec<_> = s
        .contact(role)
        .map(|c| (c.email.clone(), true))
        .into_iter()
        .collect();
    tx.site_mut(&n).contacts.retain(|(r, _)| *r != role);
    tell_key_contacts(tx, &n, role, told);
    tx.audit(
        AuditEvent::ContactCleared,
        n.as_str(),
        vec![
            Part::Role(role),
            before,
            Part::To,
            Part::Word(Word::ThePrimary),
        ],
    );
    Ok(Reply::ContactCleared)
}

fn add_user(
    tx: &mut Tx,
    AddUser {
        site,
        email,
        privileges,
        secondary,
    }: AddUser,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let (s, who) = guarded(state, actor, &site, SiteAction::ManageUsers)?;
    let email = Email::parse(&email).map_err(|e| DomainError::field(Field::Email, e))?;
    if s.primary.email == email {
        return Err(DomainError::field(Field::Email, FieldError::IsPrimary));
    }
    if s.user(&email).is_some() {
        return Err(DomainError::field(Field::Email, FieldError::AlreadyUser));
    }
    check_grant(s, who.email(), Some(&email), &privileges, secondary, false)?;
    let n = s.number.clone();
    let invited = push_user(tx, &n, &email, privileges, secondary, None);
    Ok(Reply::UserAdded { email, invited })
}

/// Adds a user (checked already) to site `n`: the user, the mail telling them (in their
/// language, saying whether they need an ID first) and the audit entry (`note` after
/// the detail, e.g. "(imported)"). True when the mail was an invitation (no verified ID).
fn push_user(
    tx: &mut Tx,
    n: &SiteNumber,
    email: &Email,
    privileges: Privileges,
    secondary: bool,
    note: Option<Word>,
) -> bool {
    let state = tx.before;
    let now = tx.ctx.now;
    let fallback = state.site(n).map_or(Lang::Ja, |s| s.primary.lang);
    let lang = lang_for(state, email, fallback);
    let has_id = state
        .identity_by_email(email)
        .is_some_and(|i| i.is_verified());
    // An address without a verified ID gets an invitation (7 days, see `invite`).
    let issued = (!has_id).then(|| Invite::issue(tx.ctx, &tx.actor_label, 1));
    let site = tx.site_mut(n);
    site.users.push(SiteUser {
        email: email.clone(),
        privileges,
        secondary,
        added: now,
        invite: issued.as_ref().and_then(|(i, _)| Lazy::new(i)),
    });
    let link = issued
        .as_ref()
        .map(|(i, secret)| (secret.as_str(), i.expires));
    let m = mail::site_user_added(email, lang, site, link);
    tx.send(m);
    tx.audit(
        AuditEvent::UserAdded,
        n.as_str(),
        [
            Part::text(email),
            Part::Grant(UserGrant {
                secondary: Some(secondary),
                privileges,
            }),
        ]
        .into_iter()
        .chain(note.map(Part::Word))
        .collect(),
    );
    !has_id
}

fn update_user(
    tx: &mut Tx,
    UpdateUser {
        site,
        email,
        privileges,
        secondary,
    }: UpdateUser,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let (s, who) = guarded(state, actor, &site, SiteAction::ManageUsers)?;
    let email = Email::parse(&email).map_err(|_| DomainError::NotFound)?;
    if s.primary.email == email {
        return Err(DomainError::field(Field::Email, FieldError::IsPrimary));
    }
    let current = s.user(&email).ok_or(DomainError::NotFound)?.clone();
    check_grant(
        s,
        who.email(),
        Some(&email),
        &privileges,
        secondary,
        current.secondary,
    )?;
    let n = s.number.clone();
    let site = tx.site_mut(&n);
    if let Some(u) = site.users.find_mut(|u| u.email == email) {
        u.privileges = privileges;
        u.secondary = secondary;
    }
    let detail = vec![
        Part::of(&email),
        Part::Regrant(
            UserGrant {
                secondary: Some(current.secondary),
                privileges: current.privileges,
            },
            UserGrant {
                secondary: Some(secondary),
                privileges,
            },
        ),
    ];
    tx.audit(AuditEvent::UserChanged, n.as_str(), detail);
    Ok(Reply::UserSaved { email })
}

fn remove_user(tx: &mut Tx, RemoveUser { site, email }: RemoveUser) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let (s, who) = guarded(state, actor, &site, SiteAction::ManageUsers)?;
    let email = Email::parse(&email).map_err(|_| DomainError::NotFound)?;
    if s.primary.email == email {
        return Err(DomainError::field(Field::Email, FieldError::IsPrimary));
    }
    if &email == who.email() {
        return Err(DomainError::OwnPrivileges);
    }
    let current = s.user(&email).ok_or(DomainError::NotFound)?.clone();
    // Removing a user who never got in is revoking their invitation: its link stops
    // working with the entry it belongs to.
    let revoked =
        current.invite.is_some() && state.user_status(&current, tx.ctx.now) != UserStatus::Active;
    let n = s.number.clone();
    tx.site_mut(&n).users.retain(|u| u.email != email);
    let (event, after) = if revoked {
        (AuditEvent::InviteRevoked, Word::Revoked)
    } else {
        (AuditEvent::UserRemoved, Word::Removed)
    };
    tx.audit(
        event,
        n.as_str(),
        vec![
            Part::text(&email),
            Part::Grant(UserGrant {
                secondary: Some(current.secondary),
                privileges: current.privileges,
            }),
            Part::To,
            Part::Word(after),
        ],
    );
    Ok(Reply::UserRemoved { email })
}

/// Sends a user's invitation again: a new link (the old one stops working) and 7 new
/// days. Only for a user who has not got in (no ID verified in time).
fn resend_invite(
    tx: &mut Tx,
    ResendInvite { site, email }: ResendInvite,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let (s, _) = guarded(state, actor, &site, SiteAction::ManageUsers)?;
    let email = Email::parse(&email).map_err(|_| DomainError::NotFound)?;
    let current = s.user(&email).ok_or(DomainError::NotFound)?;
    if state.user_status(current, tx.ctx.now) == UserStatus::Active {
        return Err(DomainError::InviteAccepted);
    }
    let sends = current.invite().map_or(0, |i| i.sends) + 1;
    let (invite, secret) = Invite::issue(tx.ctx, &tx.actor_label, sends);
    let expires = invite.expires;
    let lang = lang_for(state, &email, s.primary.lang);
    let n = s.number.clone();
    let site = tx.site_mut(&n);
    if let Some(u) = site.users.find_mut(|u| u.email == email) {
        u.invite = Lazy::new(&invite);
    }
    let m = mail::site_user_added(&email, lang, site, Some((&secret, expires)));
    tx.send(m);
    tx.audit(
        AuditEvent::InviteResent,
        n.as_str(),
        vec![Part::of(&email), Part::Word(Word::SentTimes(sends))],
    );
    Ok(Reply::InviteSent { email })
}

/// The fields of an access request, as typed (shared mode checks them in the asking
/// browser, which cannot read the site).
pub fn check_request(
    site: &str,
    customer: &str,
    message: &str,
) -> Result<(SiteNumber, CustomerNumber, String), DomainError> {
    let mut check = Check::new();
    let number = check.take(Field::SiteNumber, SiteNumber::parse(site));
    let customer = check.take(Field::CustomerNumber, CustomerNumber::parse(customer));
    let message = if message.trim().is_empty() {
        Some(String::new())
    } else {
        check.take(Field::Message, clean_text(message, MESSAGE_MAX))
    };
    check.done((number, customer, message))
}

fn request_access(
    tx: &mut Tx,
    RequestAccess {
        site,
        customer,
        message,
    }: RequestAccess,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let who = me(state, actor)?;
    let (number, customer, message) = check_request(&site, &customer, &message)?;
    // One answer for "no such site" and "numbers do not match": nothing is told.
    let s = state
        .site(&number)
        .filter(|s| s.customer() == &customer)
        .ok_or(DomainError::field(
            Field::SiteNumber,
            FieldError::NoMatchingSite,
        ))?;
    if s.role_of(Some(who.email())) != SiteRole::Outsider || s.primary.email == *who.email() {
        return Err(DomainError::field(
            Field::SiteNumber,
            FieldError::AlreadyUser,
        ));
    }
    // A waiting request of theirs blocks a new one, unless nobody decided it in 30
    // days: then it expires now (the asker sees it so already) and the new one goes.
    let mine = s.pending_requests().find(|r| &r.requester == who.id());
    let lapsed_request = match mine {
        Some(r) if overdue(r.at, now) => Some(r.id),
        Some(_) => return Err(DomainError::DuplicateRequest),
        None => None,
    };
    let id = s.requests.len() as u32 + 1;
    let (requester, email) = (who.id().clone(), who.email().clone());
    // Everyone who may decide it is asked, each in their own language (the primary
    // contact's when a secondary has no ID yet).
    let deciders: Vec<(Email, Lang)> = s
        .deciders()
        .into_iter()
        .map(|to| (to.clone(), lang_for(state, to, s.primary.lang)))
        .collect();
    let site = tx.site_mut(&number);
    if let Some(old) = lapsed_request {
        if let Some(r) = site.requests.find_mut(|r| r.id == old) {
            r.status = RequestStatus::Expired { at: now };
        }
    }
    site.requests.push(AccessRequest {
        id,
        requester,
        email: email.clone(),
        message: message.clone(),
        at: now,
        status: RequestStatus::Pending,
    });
    let drafts: Vec<_> = deciders
        .iter()
        .map(|(to, lang)| mail::site_request_received(to, *lang, site, &email, &message))
        .collect();
    for m in drafts {
        tx.send(m);
    }
    if lapsed_request.is_some() {
        tx.audit(
            AuditEvent::RequestExpired,
            number.as_str(),
            decided(&email, Word::Expired, Some(Word::AskedAgain)),
        );
    }
    tx.audit(
        AuditEvent::AccessRequested,
        number.as_str(),
        vec![Part::text(&email)],
    );
    Ok(Reply::RequestSent)
}

fn grant(
    tx: &mut Tx,
    Grant {
        site,
        request,
        privileges,
        secondary,
    }: Grant,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let (s, who) = guarded(state, actor, &site, SiteAction::ManageUsers)?;
    let r = pending_request(s, request)?;
    let already = s.user(&r.email).is_some();
    if !already {
        check_grant(
            s,
            who.email(),
            Some(&r.email),
            &privileges,
            secondary,
            false,
        )?;
    }
    let n = s.number.clone();
    let by = who.email().to_string();
    let lang = lang_for(state, &r.email, s.primary.lang);
    let site = tx.site_mut(&n);
    if !already {
        site.users.push(SiteUser {
            email: r.email.clone(),
            privileges,
            secondary,
            added: now,
            invite: None,
        });
    }
    if let Some(x) = site.requests.find_mut(|x| x.id == request) {
        x.status = RequestStatus::Granted { at: now, by };
    }
    let m = mail::site_request_decided(&r.email, lang, site, None);
    tx.send(m);
    tx.audit(
        AuditEvent::RequestGranted,
        n.as_str(),
        [
            decided(&r.email, Word::Granted, None),
            vec![Part::Grant(UserGrant {
                secondary: None,
                privileges,
            })],
        ]
        .concat(),
    );
    Ok(Reply::Granted { email: r.email })
}

/// Only the person who asked, and only while it waits; someone else's request is "not
/// found" (nothing tells them it exists).
fn withdraw_request(
    tx: &mut Tx,
    WithdrawRequest { site, request }: WithdrawRequest,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let who = me(state, actor)?;
    let s = find(state, &site)?;
    let r = s
        .requests
        .find(|r| r.id == request && &r.requester == who.id())
        .ok_or(DomainError::NotFound)?;
    if r.status != RequestStatus::Pending {
        return Err(DomainError::AlreadyDecided);
    }
    let (n, email) = (s.number.clone(), r.email.clone());
    if let Some(x) = tx.site_mut(&n).requests.find_mut(|x| x.id == request) {
        x.status = RequestStatus::Withdrawn { at: now };
    }
    tx.audit(
        AuditEvent::RequestWithdrawn,
        n.as_str(),
        decided(&email, Word::Withdrawn, None),
    );
    Ok(Reply::Withdrawn)
}

/// All rows or none: the first problem refuses the whole file.
fn import_users(tx: &mut Tx, ImportUsers { site, csv }: ImportUsers) -> Result<Reply, DomainError> {
    let state = tx.before;
    let checked = check_users_import(state, tx.actor, &site, &csv)?;
    if let Some(p) = checked.problems.into_iter().next() {
        return Err(p.error);
    }
    let n = find(state, &site)?.number.clone();
    let count = checked.users.len() as u32;
    let mut invited = 0;
    for (email, privileges, secondary) in checked.users {
        invited += u32::from(push_user(
            tx,
            &n,
            &email,
            privileges,
            secondary,
            Some(Word::Imported),
        ));
    }
    Ok(Reply::UsersImported { count, invited })
}

fn expire_requests(
    tx: &mut Tx,
    ExpireRequests { site }: ExpireRequests,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let (s, _) = guarded(state, actor, &site, SiteAction::ManageUsers)?;
    let overdue: Vec<AccessRequest> = s
        .pending_requests()
        .filter(|r| overdue(r.at, now))
        .cloned()
        .collect();
    let n = s.number.clone();
    for r in &overdue {
        let lang = lang_for(state, &r.email, s.primary.lang);
        let site = tx.site_mut(&n);
        if let Some(x) = site.requests.find_mut(|x| x.id == r.id) {
            x.status = RequestStatus::Expired { at: now };
        }
        let m = mail::request_expired(&r.email, lang, site.number().as_str(), site.company());
        tx.send(m);
        tx.audit(
            AuditEvent::RequestExpired,
            n.as_str(),
            decided(&r.email, Word::Expired, None),
        );
    }
    Ok(Reply::Expired {
        count: overdue.len() as u32,
    })
}

fn deny(
    tx: &mut Tx,
    Deny {
        site,
        request,
        reason,
    }: Deny,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let (s, who) = guarded(state, actor, &site, SiteAction::ManageUsers)?;
    let r = pending_request(s, request)?;
    let reason =
        clean_text(&reason, REASON_MAX).map_err(|e| DomainError::field(Field::Reason, e))?;
    let n = s.number.clone();
    let by = who.email().to_string();
    let lang = lang_for(state, &r.email, s.primary.lang);
    let site = tx.site_mut(&n);
    if let Some(x) = site.requests.find_mut(|x| x.id == request) {
        x.status = RequestStatus::Denied {
            at: now,
            by,
            reason: reason.clone(),
        };
    }
    let m = mail::site_request_decided(&r.email, lang, site, Some(&reason));
    tx.send(m);
    tx.audit(
        AuditEvent::RequestDenied,
        n.as_str(),
        [
            decided(&r.email, Word::Denied, None),
            vec![Part::Note(reason.to_string())],
        ]
        .concat(),
    );
    Ok(Reply::Denied { email: r.email })
}

fn help(
    tx: &mut Tx,
    Help {
        name,
        email,
        subject,
        site,
        description,
        mail_lang,
    }: Help,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let signed = actor.person().and_then(|id| state.identity(id));
    let mut check = Check::new();
    let (name, email, lang) = match signed {
        Some(i) => (
            Some(i.display_name(i.mail_lang())),
            Some(i.email().clone()),
            i.mail_lang(),
        ),
        None => (
            check.take(Field::Name, line(&name, LINE_MAX)),
            check.take(Field::Email, Email::parse(&email)),
            mail_lang.unwrap_or(Lang::Ja),
        ),
    };
    let subject = check.take(Field::Subject, line(&subject, SUBJECT_MAX));
    let site = if site.trim().is_empty() {
        Some(None)
    } else {
        check
            .take(Field::SiteNumber, SiteNumber::parse(&site))
            .map(Some)
    };
    let description = check.take(
        Field::Description,
        clean_text(&description, DESCRIPTION_MAX),
    );
    let (email, subject, name, site, description) =
        check.done((email, subject, name, site, description))?;
    let lang = lang_for(state, &email, lang);
    let reference = state.help_desk().next_reference();
    let h = tx.help_mut();
    h.issued = (h.issued as usize).max(h.requests.len()) as u32 + 1;
    h.requests.push(HelpRequest {
        reference: reference.clone(),
        email: email.clone(),
        name,
        lang,
        subject: subject.clone(),
        site,
        description,
        at: now,
        status: HelpStatus::Open,
        answers: Vec::new(),
    });
    tx.send(mail::help_received(&email, lang, &reference, &subject));
    tx.audit(
        AuditEvent::HelpRequested,
        &reference,
        vec![Part::text(&email)],
    );
    Ok(Reply::HelpSent { reference })
}

fn answer_help(
    tx: &mut Tx,
    AnswerHelp { reference, answer }: AnswerHelp,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    operator(actor)?;
    let answer =
        clean_text(&answer, DESCRIPTION_MAX).map_err(|e| DomainError::field(Field::Answer, e))?;
    let r = state
        .help_desk()
        .requests()
        .find(|r| r.reference == reference)
        .ok_or(DomainError::NotFound)?
        .clone();
    if r.status == HelpStatus::Closed {
        return Err(DomainError::AlreadyDecided);
    }
    let h = tx.help_mut();
    if let Some(x) = h.requests.find_mut(|x| x.reference == reference) {
        x.status = HelpStatus::Answered;
        x.answers.push((now, answer.clone()));
    }
    tx.send(mail::help_answer(
        &r.email, r.lang, &reference, &r.subject, &answer,
    ));
    tx.audit(AuditEvent::HelpAnswered, &reference, vec![]);
    Ok(Reply::HelpAnswered)
}

fn close_help(tx: &mut Tx, CloseHelp { reference }: CloseHelp) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    operator(actor)?;
    if !state
        .help_desk()
        .requests()
        .any(|r| r.reference == reference)
    {
        return Err(DomainError::NotFound);
    }
    let h = tx.help_mut();
    if let Some(x) = h.requests.find_mut(|x| x.reference == reference) {
        x.status = HelpStatus::Closed;
    }
    tx.audit(AuditEvent::HelpClosed, &reference, vec![]);
    Ok(Reply::HelpClosed)
}

fn prune_closed_help(tx: &mut Tx) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    operator(actor)?;
    let closed = state
        .help_desk()
        .requests()
        .filter(|r| r.status == HelpStatus::Closed)
        .count();
    if closed == 0 {
        return Err(DomainError::NotFound);
    }
    tx.help_mut()
        .requests
        .retain(|r| r.status != HelpStatus::Closed);
    tx.audit(
        AuditEvent::HelpPruned,
        "help",
        vec![Part::Word(Word::HelpDeleted(closed))],
    );
    Ok(Reply::Deleted {
        count: closed as u32,
    })
}
