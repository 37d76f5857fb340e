//! The commands of the partner program. Company administration is for the company's
//! PRCs and APAs ([`Company::is_admin`]); review and levels for the program office.
use super::audit::{changes, decided, AuditEvent, Choices, Part, Word};
use super::chunks::Chunks;
use super::error::{Check, DomainError, Field, FieldError};
use super::identity::Identity;
use super::invite::Invite;
use super::mail;
use super::partner::*;
use super::site::{line, optional_line, parse_postal, Phone, LINE_MAX};
use super::state::{Actor, AggKey, State};
use super::text::{clean_text, Country, Email, PersonName};
use super::tx::{Reply, Tx};
use crate::i18n::{Lang, T};
use crate::Timestamp;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// The fields of an employee profile form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProfileInput {
    pub family: String,
    pub given: String,
    pub phone: String,
    pub functions: Vec<String>,
    pub mail_lang: Lang,
    pub interests: Vec<String>,
    pub industries: Vec<String>,
}

/// The fields of the company profile and headquarters forms, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CompanyInput {
    pub legal_name: String,
    pub country: String,
    pub web: String,
    pub models: Vec<String>,
    pub products: Vec<String>,
    pub size: String,
    pub directory: bool,
    pub postal: String,
    pub prefecture: String,
    pub city: String,
    pub street: String,
    pub phone: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PartnerCommand {
    AcceptAgreement(AcceptAgreement),
    SaveCompany(CompanyInput),
    SaveEmployee(ProfileInput),
    Submit,
    Attach(Attach),
    Resubmit,
    Approve(Approve),
    FinishApproval(FinishApproval),
    RequestDocuments(RequestDocuments),
    Reject(Reject),
    CheckToken(CheckToken),
    Join(Join),
    DecideJoin(DecideJoin),
    WithdrawJoin(WithdrawJoin),
    ExpireJoins(ExpireJoins),
    AddEmployee(AddEmployee),
    ResendInvite(ResendInvite),
    RevokeInvite(RevokeInvite),
    SetApa(SetApa),
    SetPrc(SetPrc),
    SetEnd(SetEnd),
    AddLocation(AddLocation),
    EditCompany(EditCompany),
    EditLocation(EditLocation),
    RegenerateToken(RegenerateToken),
    SetAutoAccept(SetAutoAccept),
    SetLevel(SetLevel),
    UpdateMyProfile(UpdateMyProfile),
    ConfirmProfile(ConfirmProfile),
}

/// Accepts the partner agreement of this version.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AcceptAgreement {
    pub version: String,
}

/// Attaches a document to the signed-in person's application.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attach {
    pub name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// Approves a submitted application (program office): the company is made.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Approve {
    pub number: String,
}

/// Finishes an approval whose company was never stored (a shared server stopped
/// between the decision and the company; program office): the company the decision
/// names is made, as of the approval. Never part of an approval's retry: only this
/// command, sent on purpose, makes a company for an application already approved.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FinishApproval {
    pub number: String,
}

/// Asks the applicant for documents (program office).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RequestDocuments {
    pub number: String,
    pub message: String,
}

/// Rejects an application with a reason (program office).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reject {
    pub number: String,
    pub reason: String,
}

/// Checks a token and counts a wrong one towards the lock.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CheckToken {
    pub token: String,
}

/// Asks to join a company by its 16-character token (the company's approval may follow).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Join {
    pub token: String,
    pub location: u32,
    pub profile: ProfileInput,
}

/// Approves or denies a request to join a company (its administrators).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DecideJoin {
    pub company: String,
    pub request: u32,
    pub approve: bool,
    pub apa: bool,
    pub reason: String,
}

/// The person who asked withdraws their association request while it waits.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WithdrawJoin {
    pub company: String,
    pub request: u32,
}

/// Marks the association requests nobody decided within `site::REQUEST_EXPIRY`
/// expired and tells their askers (by the company's administrators).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExpireJoins {
    pub company: String,
}

/// Adds an employee who has a verified ID; an address without one is sent an
/// invitation instead (`Reply::InviteSent`), which becomes the employee when
/// accepted (`Command::AcceptInvite`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AddEmployee {
    pub company: String,
    pub email: String,
    pub location: u32,
    pub apa: bool,
    pub profile: ProfileInput,
}

/// Sends an employee's invitation again (a new link, 7 new days).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ResendInvite {
    pub company: String,
    pub email: String,
}

/// Revokes an employee's invitation: its link stops working.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RevokeInvite {
    pub company: String,
    pub email: String,
}

/// Makes an employee an authorized profile administrator, or not.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SetApa {
    pub company: String,
    pub email: String,
    pub apa: bool,
}

/// Makes an employee a location's primary contact (PRC).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SetPrc {
    pub company: String,
    pub location: u32,
    pub email: String,
}

/// Sets or clears an employee's last day.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SetEnd {
    pub company: String,
    pub email: String,
    pub date: String,
}

/// Adds a location to a company.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AddLocation {
    pub company: String,
    pub name: String,
    pub postal: String,
    pub prefecture: String,
    pub city: String,
    pub street: String,
    pub phone: String,
}

/// Changes a company's profile.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EditCompany {
    pub company: String,
    pub input: CompanyInput,
}

/// Changes a location of a company.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EditLocation {
    pub company: String,
    pub location: u32,
    pub name: String,
    pub postal: String,
    pub prefecture: String,
    pub city: String,
    pub street: String,
    pub phone: String,
}

/// Replaces a company's join token (the old one stops working).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RegenerateToken {
    pub company: String,
}

/// Turns automatic acceptance of join requests on or off.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SetAutoAccept {
    pub company: String,
    pub on: bool,
}

/// Sets a company's membership level (program office).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SetLevel {
    pub company: String,
    pub level: Membership,
}

/// Changes the signed-in employee's own profile in a company.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UpdateMyProfile {
    pub company: String,
    pub profile: ProfileInput,
}

/// Confirms that the signed-in employee's profile is still right.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConfirmProfile {
    pub company: String,
}

fn me<'s>(state: &'s State, actor: &Actor) -> Result<&'s Identity, DomainError> {
    let id = actor.person().ok_or(DomainError::NotSignedIn)?;
    state
        .identity(id)
        .filter(|i| i.is_verified())
        .ok_or(DomainError::NotSignedIn)
}

fn profile(check: &mut Check, p: &ProfileInput) -> Option<EmployeeProfile> {
    let family = check.take(Field::FamilyName, PersonName::parse(&p.family));
    let given = check.take(Field::GivenName, PersonName::parse(&p.given));
    let phone = check.take(Field::Phone, Phone::parse(&p.phone));
    let functions = check.take(Field::Functions, choices(JOB_FUNCTIONS, &p.functions, true));
    let interests = check.take(Field::Interests, choices(PRODUCTS, &p.interests, false));
    let industries = check.take(Field::Industries, choices(INDUSTRIES, &p.industries, false));
    Some(EmployeeProfile {
        family: family?,
        given: given?,
        phone: phone?.as_str().to_string(),
        functions: functions?,
        mail_lang: p.mail_lang,
        interests: interests?,
        industries: industries?,
    })
}

fn address(
    check: &mut Check,
    country: Option<Country>,
    postal: &str,
    prefecture: &str,
    city: &str,
    street: &str,
    phone: &str,
) -> Option<LocationAddress> {
    let postal = country.and_then(|c| check.take(Field::PostalCode, parse_postal(postal, c)));
    let prefecture = check.take(Field::Prefecture, optional_line(prefecture, LINE_MAX));
    let city = check.take(Field::City, line(city, LINE_MAX));
    let street = check.take(Field::Street, line(street, LINE_MAX));
    let phone = check.take(Field::Phone, Phone::parse(phone));
    Some(LocationAddress {
        postal: postal?,
        prefecture: prefecture?,
        city: city?,
        street: street?,
        phone: phone?.as_str().to_string(),
    })
}

/// An application the program office may decide now (`stage` says which states allow it).
fn for_review(
    state: &State,
    actor: &Actor,
    number: &str,
    stage: fn(&AppStatus) -> bool,
) -> Result<Application, DomainError> {
    if !actor.is_operator() {
        return Err(DomainError::NotAllowed);
    }
    let a = state.application(number).ok_or(DomainError::NotFound)?;
    if !stage(a.status()) {
        return Err(DomainError::WrongStage);
    }
    Ok(a.clone())
}

fn open_application<'s>(state: &'s State, who: &Identity) -> Option<&'s Application> {
    state.application_of(who.id()).filter(|a| a.is_open())
}

fn company_admin<'s>(
    state: &'s State,
    actor: &Actor,
    id: &str,
    today: &str,
) -> Result<(&'s Company, &'s Identity), DomainError> {
    let who = me(state, actor)?;
    let c = state.company(id).ok_or(DomainError::NotFound)?;
    if !c.is_admin(Some(who.id()), today) {
        return Err(DomainError::NotAllowed);
    }
    Ok((c, who))
}

fn company_mut<'a>(tx: &'a mut Tx, id: &str) -> &'a mut Company {
    tx.changed.insert(AggKey::Company(id.to_string()));
    Arc::make_mut(tx.state.companies.get_mut(id).expect("company exists"))
}

fn app_mut<'a>(tx: &'a mut Tx, n: &str) -> &'a mut Application {
    tx.changed.insert(AggKey::Application(n.to_string()));
    Arc::make_mut(
        tx.state
            .applications
            .get_mut(n)
            .expect("application exists"),
    )
}

/// The checks a token gets before it is looked up: `who` is not locked out, and it is
/// well formed. (Shared mode makes them before asking the server.)
pub fn token_ready(
    state: &State,
    who: &Identity,
    raw: &str,
    now: Timestamp,
) -> Result<CompanyToken, DomainError> {
    if let Some(until) = state
        .token_guard(who.id())
        .and_then(|g| g.locked_until(now))
    {
        return Err(DomainError::TokenLocked { until });
    }
    CompanyToken::parse(raw).map_err(|e| DomainError::field(Field::Token, e))
}

/// The checks of a join that need only what the token showed (`choice`): the location
/// is one of the company's and the profile is complete. Shared mode makes them before
/// the request goes to a company it cannot read; `Join` makes the same ones.
pub fn check_join(choice: &JoinChoice, location: u32, p: &ProfileInput) -> Result<(), DomainError> {
    joining_profile(choice.locations.iter().any(|l| l.id == location), p).map(|_| ())
}

fn joining_profile(location_known: bool, p: &ProfileInput) -> Result<EmployeeProfile, DomainError> {
    let mut check = Check::new();
    if !location_known {
        check.add(Field::Location, FieldError::Required);
    }
    let prof = profile(&mut check, p);
    check.done(prof)
}

/// Checks a token for `who`: the company, or a refusal (a wrong one is counted).
fn token_company<'s>(
    tx: &mut Tx,
    state: &'s State,
    who: &Identity,
    raw: &str,
) -> Result<Result<&'s Company, DomainError>, DomainError> {
    let now = tx.ctx.now;
    let token = token_ready(state, who, raw, now)?;
    match state.company_by_token(&token) {
        Some(c) => Ok(Ok(c)),
        None => {
            let id = who.id().clone();
            tx.changed.insert(AggKey::TokenGuard(id.clone()));
            let g = tx
                .state
                .token_guards
                .entry(id)
                .or_insert_with(|| Arc::new(TokenGuard::default()));
            let g = Arc::make_mut(g);
            let locked = g.fail(now);
            tx.audit(AuditEvent::TokenFailed, who.email().as_str(), vec![]);
            Ok(Err(match locked {
                Some(until) => DomainError::TokenLocked { until },
                None => DomainError::field(Field::Token, FieldError::TokenWrong),
            }))
        }
    }
}

fn admins(c: &Company, today: &str) -> Vec<Email> {
    let mut v: Vec<Email> = c
        .employees()
        .iter()
        .filter(|e| {
            Company::is_active(e, today)
                && (e.apa || c.locations().iter().any(|l| l.prc == e.identity))
        })
        .map(|e| e.email.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

fn lang_of(state: &State, email: &Email, fallback: Lang) -> Lang {
    state
        .identity_by_email(email)
        .map(|i| i.mail_lang())
        .unwrap_or(fallback)
}

/// Routes a command to its handler (one function per command, below).
pub(crate) fn apply(tx: &mut Tx, cmd: PartnerCommand) -> Result<Reply, DomainError> {
    match cmd {
        PartnerCommand::AcceptAgreement(c) => accept_agreement(tx, c),
        PartnerCommand::SaveCompany(c) => save_company(tx, c),
        PartnerCommand::SaveEmployee(p) => save_employee(tx, p),
        PartnerCommand::Submit => submit(tx),
        PartnerCommand::Attach(c) => attach(tx, c),
        PartnerCommand::Resubmit => resubmit(tx),
        PartnerCommand::RequestDocuments(c) => request_documents(tx, c),
        PartnerCommand::Reject(c) => reject(tx, c),
        PartnerCommand::Approve(Approve { number }) => approve(tx, number, false),
        PartnerCommand::FinishApproval(FinishApproval { number }) => approve(tx, number, true),
        PartnerCommand::CheckToken(c) => check_token(tx, c),
        PartnerCommand::Join(c) => join(tx, c),
        PartnerCommand::DecideJoin(c) => decide_join(tx, c),
        PartnerCommand::WithdrawJoin(c) => withdraw_join(tx, c),
        PartnerCommand::ExpireJoins(c) => expire_joins(tx, c),
        PartnerCommand::AddEmployee(c) => add_employee(tx, c),
        PartnerCommand::ResendInvite(c) => resend_invite(tx, c),
        PartnerCommand::RevokeInvite(c) => revoke_invite(tx, c),
        PartnerCommand::SetApa(c) => set_apa(tx, c),
        PartnerCommand::SetPrc(c) => set_prc(tx, c),
        PartnerCommand::SetEnd(c) => set_end(tx, c),
        PartnerCommand::AddLocation(c) => add_location(tx, c),
        PartnerCommand::EditCompany(c) => edit_company(tx, c),
        PartnerCommand::EditLocation(c) => edit_location(tx, c),
        PartnerCommand::RegenerateToken(c) => regenerate_token(tx, c),
        PartnerCommand::SetAutoAccept(c) => set_auto_accept(tx, c),
        PartnerCommand::SetLevel(c) => set_level(tx, c),
        PartnerCommand::UpdateMyProfile(c) => update_my_profile(tx, c),
        PartnerCommand::ConfirmProfile(c) => confirm_profile(tx, c),
    }
}

fn accept_agreement(
    tx: &mut Tx,
    AcceptAgreement { version }: AcceptAgreement,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let who = me(state, actor)?;
    if version != AGREEMENT_VERSION {
        return Err(DomainError::field(Field::Agreement, FieldError::Required));
    }
    if state.company_of(who.id()).is_some() {
        return Err(DomainError::field(
            Field::Agreement,
            FieldError::AlreadyEmployee,
        ));
    }
    match open_application(state, who) {
        Some(a) if !matches!(a.status(), AppStatus::Draft) => {
            return Err(DomainError::ApplicationOpen)
        }
        Some(a) => {
            let n = a.number().to_string();
            app_mut(tx, &n).agreement = Some((version.clone(), now));
        }
        None => {
            let number = std::iter::repeat_with(|| {
                format!("PW{:09}", tx.ctx.below(900_000_000) + 100_000_000)
            })
            .find(|n| state.application(n).is_none())
            .expect("endless");
            let app = Application {
                number: number.clone(),
                applicant: who.id().clone(),
                email: who.email().clone(),
                agreement: Some((version.clone(), now)),
                company: None,
                hq: None,
                employee: None,
                status: AppStatus::Draft,
                attachments: Vec::new(),
                created: now,
            };
            tx.state.applications.insert(number.clone(), Arc::new(app));
            tx.changed.insert(AggKey::Application(number));
        }
    }
    tx.audit(
        AuditEvent::AgreementAccepted,
        who.email().as_str(),
        vec![Part::Text(version)],
    );
    Ok(Reply::Done)
}

fn save_company(tx: &mut Tx, c: CompanyInput) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let who = me(state, actor)?;
    let a = open_application(state, who)
        .filter(|a| a.status() == &AppStatus::Draft && a.agreement().is_some())
        .ok_or(DomainError::WrongStage)?;
    let mut check = Check::new();
    let legal_name = check.take(Field::LegalName, company_line(&c.legal_name));
    let country = check.take(Field::Country, Country::parse(&c.country));
    let web = check.take(Field::Web, parse_web(&c.web));
    let models = check.take(Field::Models, choices(BUSINESS_MODELS, &c.models, true));
    let products = check.take(Field::Products, choices(PRODUCTS, &c.products, false));
    let size = check.take(Field::Size, one_choice(COMPANY_SIZES, &c.size));
    let hq = address(
        &mut check,
        country,
        &c.postal,
        &c.prefecture,
        &c.city,
        &c.street,
        &c.phone,
    );
    let (legal_name, country, web, models, products, size) =
        check.done((legal_name, country, web, models, products, size))?;
    let n = a.number().to_string();
    let app = app_mut(tx, &n);
    app.company = Some(CompanyProfile {
        legal_name,
        country,
        web,
        models,
        products,
        size,
        directory: c.directory,
    });
    app.hq = hq;
    Ok(Reply::Done)
}

fn save_employee(tx: &mut Tx, p: ProfileInput) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let who = me(state, actor)?;
    let a = open_application(state, who)
        .filter(|a| a.status() == &AppStatus::Draft && a.company().is_some())
        .ok_or(DomainError::WrongStage)?;
    let mut check = Check::new();
    let prof = profile(&mut check, &p);
    check.finish()?;
    let n = a.number().to_string();
    app_mut(tx, &n).employee = prof;
    Ok(Reply::Done)
}

fn submit(tx: &mut Tx) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let who = me(state, actor)?;
    let a = open_application(state, who)
        .filter(|a| a.step() == WizardStep::Review)
        .ok_or(DomainError::WrongStage)?;
    let (n, (_, lang)) = (a.number().to_string(), a.mail_to());
    let name = a
        .company()
        .map(|c| c.legal_name.clone())
        .unwrap_or_default();
    app_mut(tx, &n).status = AppStatus::Submitted {
        at: now,
        resubmitted: false,
    };
    tx.send(mail::partner_submitted(who.email(), lang, &n, &name));
    tx.audit(AuditEvent::ApplicationSubmitted, &n, vec![Part::Text(name)]);
    Ok(Reply::ApplicationSubmitted { number: n })
}

fn attach(tx: &mut Tx, Attach { name, mime, bytes }: Attach) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let who = me(state, actor)?;
    let a = open_application(state, who)
        .filter(|a| matches!(a.status(), AppStatus::DocumentsRequested { .. }))
        .ok_or(DomainError::WrongStage)?;
    let name = line(&name, 200).map_err(|e| DomainError::field(Field::Attachment, e))?;
    if bytes.len() > ATTACHMENT_SIZE_MAX {
        return Err(DomainError::field(
            Field::Attachment,
            FieldError::TooLarge {
                max: ATTACHMENT_SIZE_MAX as u32,
            },
        ));
    }
    if a.attachments().len() >= ATTACHMENTS_MAX {
        return Err(DomainError::field(
            Field::Attachment,
            FieldError::TooMany {
                max: ATTACHMENTS_MAX as u32,
            },
        ));
    }
    let mime = if mime.len() <= 100 && mime.chars().all(|c| c.is_ascii_graphic()) {
        mime
    } else {
        "application/octet-stream".into()
    };
    let sha256: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let content = (bytes.len() <= ATTACHMENT_CONTENT_MAX)
        .then(|| <base64ct::Base64 as base64ct::Encoding>::encode_string(&bytes));
    let n = a.number().to_string();
    let att = Attachment {
        name: name.clone(),
        mime,
        size: bytes.len() as u64,
        sha256: sha256.clone(),
        content: None,
        at: now,
    };
    let i = a.attachments().len() as u32;
    app_mut(tx, &n).attachments.push(att);
    tx.state.files.insert(
        super::state::file_key(&n, i),
        Arc::new(FileContent {
            sha256: sha256.clone(),
            content,
        }),
    );
    tx.changed.insert(AggKey::AppFile(n.clone(), i));
    tx.audit(
        AuditEvent::DocumentAttached,
        &n,
        vec![Part::Text(format!("{name} sha256={sha256}"))],
    );
    Ok(Reply::Attached { name })
}

fn resubmit(tx: &mut Tx) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let who = me(state, actor)?;
    let a = open_application(state, who)
        .filter(|a| matches!(a.status(), AppStatus::DocumentsRequested { .. }))
        .ok_or(DomainError::WrongStage)?;
    if a.attachments().is_empty() {
        return Err(DomainError::field(Field::Attachment, FieldError::Required));
    }
    let n = a.number().to_string();
    app_mut(tx, &n).status = AppStatus::Submitted {
        at: now,
        resubmitted: true,
    };
    tx.audit(
        AuditEvent::ApplicationSubmitted,
        &n,
        vec![Part::Word(Word::Resubmitted)],
    );
    Ok(Reply::Resubmitted)
}

fn request_documents(
    tx: &mut Tx,
    RequestDocuments { number, message }: RequestDocuments,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let a = for_review(state, actor, &number, |st| {
        matches!(st, AppStatus::Submitted { .. })
    })?;
    let message = clean_text(&message, 1000).map_err(|e| DomainError::field(Field::Message, e))?;
    let (to, lang) = a.mail_to();
    app_mut(tx, &number).status = AppStatus::DocumentsRequested {
        at: now,
        message: message.clone(),
    };
    tx.send(mail::partner_documents(&to, lang, &number, &message));
    tx.audit(
        AuditEvent::DocumentsRequested,
        &number,
        vec![Part::Text(message)],
    );
    Ok(Reply::Done)
}

fn reject(tx: &mut Tx, Reject { number, reason }: Reject) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let a = for_review(state, actor, &number, |st| {
        matches!(
            st,
            AppStatus::Submitted { .. } | AppStatus::DocumentsRequested { .. }
        )
    })?;
    let reason = clean_text(&reason, 1000).map_err(|e| DomainError::field(Field::Reason, e))?;
    let (to, lang) = a.mail_to();
    app_mut(tx, &number).status = AppStatus::Rejected {
        at: now,
        reason: reason.clone(),
    };
    tx.send(mail::partner_rejected(&to, lang, &number, &reason));
    tx.audit(
        AuditEvent::ApplicationRejected,
        &number,
        vec![Part::Text(reason)],
    );
    Ok(Reply::Done)
}

/// Approves application `number` (`finish`: finishes its approval, see
/// [`FinishApproval`]).
fn approve(tx: &mut Tx, number: String, finish: bool) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let a = if finish {
        for_review(state, actor, &number, |st| {
            matches!(st, AppStatus::Approved { .. })
        })?
    } else {
        for_review(state, actor, &number, |st| {
            matches!(st, AppStatus::Submitted { .. })
        })?
    };
    // One company per application, whatever its record says now.
    if state.company_from_application(&number).is_some() {
        return Err(DomainError::WrongStage);
    }
    let (Some(cp), Some(hq), Some(emp)) =
        (a.company().cloned(), a.hq().cloned(), a.employee().cloned())
    else {
        return Err(DomainError::WrongStage);
    };
    // An approval whose company was never made (a shared server stopped between the
    // two) is finished: the company its decision names, approved when it was.
    let (id, at) = match a.status() {
        AppStatus::Approved { at, company } if state.unfinished_approval(&number) => {
            (company.clone(), *at)
        }
        AppStatus::Approved { .. } => return Err(DomainError::WrongStage),
        _ => (
            std::iter::repeat_with(|| format!("c{}", tx.ctx.random_hex(6)))
                .find(|i| state.company(i).is_none())
                .expect("endless"),
            now,
        ),
    };
    let token = std::iter::repeat_with(|| CompanyToken::generate(tx.ctx))
        .find(|t| state.company_by_token(t).is_none())
        .expect("endless");
    let name = cp.legal_name.clone();
    let lang = emp.mail_lang;
    let hq_name = T::Headquarters.get(lang).to_string();
    let company = Company {
        id: id.clone(),
        profile: cp,
        level: Membership::Member,
        token,
        auto_accept: false,
        locations: vec![Location {
            id: 1,
            name: hq_name,
            address: hq,
            hq: true,
            prc: a.applicant().clone(),
        }],
        employees: Chunks::from_vec(vec![Employee {
            identity: a.applicant().clone(),
            email: a.email().clone(),
            profile: emp,
            location: 1,
            apa: true,
            end: None,
            confirmed: now,
        }]),
        requests: Default::default(),
        created: at,
        application: number.clone(),
        invitations: Vec::new(),
    };
    tx.state.companies.insert(id.clone(), Arc::new(company));
    tx.changed.insert(AggKey::Company(id.clone()));
    app_mut(tx, &number).status = AppStatus::Approved {
        at,
        company: id.clone(),
    };
    tx.send(mail::partner_complete(a.email(), lang, &name));
    tx.audit(
        AuditEvent::ApplicationApproved,
        &number,
        vec![Part::Word(Word::Company), Part::Text(name)],
    );
    Ok(Reply::Done)
}

fn check_token(tx: &mut Tx, CheckToken { token }: CheckToken) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let who = me(state, actor)?;
    match token_company(tx, state, who, &token)? {
        Ok(c) => {
            if c.employee(who.id()).is_some() {
                return Err(DomainError::field(
                    Field::Token,
                    FieldError::AlreadyEmployee,
                ));
            }
            Ok(Reply::TokenAccepted {
                choice: c.join_choice(),
            })
        }
        Err(e) => Ok(Reply::Refused(e)),
    }
}

/// Marks the asker's own join request that lapsed unanswered expired, as they ask again.
fn expire_asked_again(tx: &mut Tx, company: &str, request: u32, email: &Email) {
    let now = tx.ctx.now;
    if let Some(r) = company_mut(tx, company)
        .requests
        .find_mut(|r| r.id == request)
    {
        r.status = JoinStatus::Expired { at: now };
    }
    tx.audit(
        AuditEvent::RequestExpired,
        company,
        decided(email, Word::Expired, Some(Word::AskedAgain)),
    );
}

/// Mails a company's administrators that `email` joined (`joined`) or asks to.
fn tell_admins(tx: &mut Tx, admins: &[Email], company: &str, email: &Email, joined: bool) {
    for a in admins {
        let lang = lang_of(tx.before, a, Lang::Ja);
        tx.send(mail::partner_admin_notice(a, lang, company, email, joined));
    }
}

fn join(
    tx: &mut Tx,
    Join {
        token,
        location,
        profile: p,
    }: Join,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let today = today(tx.ctx.now);
    let who = me(state, actor)?;
    let c = match token_company(tx, state, who, &token)? {
        Ok(c) => c,
        Err(e) => return Ok(Reply::Refused(e)),
    };
    if c.employee(who.id()).is_some() {
        return Err(DomainError::field(
            Field::Token,
            FieldError::AlreadyEmployee,
        ));
    }
    // As with site access: an own request nobody decided in 30 days expires now.
    let lapsed_request = match c.pending().find(|r| &r.identity == who.id()) {
        Some(r) if super::site::overdue(r.at, now) => Some(r.id),
        Some(_) => return Err(DomainError::DuplicateRequest),
        None => None,
    };
    if state.company_of(who.id()).is_some() {
        return Err(DomainError::field(
            Field::Token,
            FieldError::AlreadyEmployee,
        ));
    }
    let prof = joining_profile(c.location(location).is_some(), &p)?;
    let (cid, name, auto) = (
        c.id().to_string(),
        c.profile().legal_name.clone(),
        c.auto_accept(),
    );
    let to_admins = admins(c, &today);
    let (email, id) = (who.email().clone(), who.id().clone());
    if let Some(old) = lapsed_request {
        expire_asked_again(tx, &cid, old, &email);
    }
    if auto {
        let lang = prof.mail_lang;
        company_mut(tx, &cid).employees.push(Employee {
            identity: id,
            email: email.clone(),
            profile: prof,
            location,
            apa: false,
            end: None,
            confirmed: now,
        });
        tx.send(mail::partner_welcome_employee(&email, lang, &name));
        tell_admins(tx, &to_admins, &name, &email, true);
        tx.audit(
            AuditEvent::CompanyJoined,
            &cid,
            vec![Part::text(&email), Part::Word(Word::Automatic)],
        );
        Ok(Reply::Joined { company: name })
    } else {
        let company = company_mut(tx, &cid);
        let rid = company.requests.len() as u32 + 1;
        company.requests.push(JoinRequest {
            id: rid,
            identity: id,
            email: email.clone(),
            location,
            profile: prof,
            at: now,
            status: JoinStatus::Pending,
        });
        tell_admins(tx, &to_admins, &name, &email, false);
        tx.audit(AuditEvent::JoinRequested, &cid, vec![Part::text(&email)]);
        Ok(Reply::JoinPending)
    }
}

/// Only the person who asked, and only while it waits; someone else's request is "not
/// found".
fn withdraw_join(
    tx: &mut Tx,
    WithdrawJoin { company, request }: WithdrawJoin,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let who = me(state, actor)?;
    let c = state.company(&company).ok_or(DomainError::NotFound)?;
    let r = c
        .requests()
        .find(|r| r.id == request && &r.identity == who.id())
        .ok_or(DomainError::NotFound)?;
    if r.status != JoinStatus::Pending {
        return Err(DomainError::AlreadyDecided);
    }
    let email = r.email.clone();
    if let Some(x) = company_mut(tx, &company)
        .requests
        .find_mut(|x| x.id == request)
    {
        x.status = JoinStatus::Withdrawn { at: now };
    }
    tx.audit(
        AuditEvent::RequestWithdrawn,
        &company,
        decided(&email, Word::Withdrawn, None),
    );
    Ok(Reply::Withdrawn)
}

fn expire_joins(tx: &mut Tx, ExpireJoins { company }: ExpireJoins) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let (c, _) = company_admin(state, actor, &company, &today(now))?;
    let overdue: Vec<JoinRequest> = c
        .pending()
        .filter(|r| super::site::overdue(r.at, now))
        .cloned()
        .collect();
    let name = c.profile().legal_name.clone();
    for r in &overdue {
        if let Some(x) = company_mut(tx, &company)
            .requests
            .find_mut(|x| x.id == r.id)
        {
            x.status = JoinStatus::Expired { at: now };
        }
        let m = mail::join_expired(&r.email, r.profile.mail_lang, &name);
        tx.send(m);
        tx.audit(
            AuditEvent::RequestExpired,
            &company,
            decided(&r.email, Word::Expired, None),
        );
    }
    Ok(Reply::Expired {
        count: overdue.len() as u32,
    })
}

fn decide_join(
    tx: &mut Tx,
    DecideJoin {
        company,
        request,
        approve,
        apa,
        reason,
    }: DecideJoin,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let today = today(tx.ctx.now);
    let (c, who) = company_admin(state, actor, &company, &today)?;
    let r = c
        .requests()
        .iter()
        .find(|r| r.id == request)
        .ok_or(DomainError::NotFound)?
        .clone();
    if r.status != JoinStatus::Pending {
        return Err(DomainError::AlreadyDecided);
    }
    let by = who.email().to_string();
    let name = c.profile().legal_name.clone();
    let lang = r.profile.mail_lang;
    if approve {
        if apa && c.role_of(Some(who.id()), &today) != PartnerRole::Apa {
            return Err(DomainError::NotAllowed);
        }
        let comp = company_mut(tx, &company);
        comp.employees.push(Employee {
            identity: r.identity.clone(),
            email: r.email.clone(),
            profile: r.profile.clone(),
            location: r.location,
            apa,
            end: None,
            confirmed: now,
        });
        if let Some(x) = comp.requests.find_mut(|x| x.id == request) {
            x.status = JoinStatus::Approved { at: now, by };
        }
        tx.send(mail::partner_welcome_employee(&r.email, lang, &name));
        tx.audit(
            AuditEvent::JoinDecided,
            &company,
            [
                decided(&r.email, Word::Approved, None),
                vec![Part::Apa(apa)],
            ]
            .concat(),
        );
        Ok(Reply::JoinDecided {
            email: r.email,
            approved: true,
        })
    } else {
        let reason = clean_text(&reason, 500).map_err(|e| DomainError::field(Field::Reason, e))?;
        let comp = company_mut(tx, &company);
        if let Some(x) = comp.requests.find_mut(|x| x.id == request) {
            x.status = JoinStatus::Rejected {
                at: now,
                by,
                reason: reason.clone(),
            };
        }
        tx.send(mail::partner_join_rejected(&r.email, lang, &name, &reason));
        tx.audit(
            AuditEvent::JoinDecided,
            &company,
            [
                decided(&r.email, Word::Rejected, None),
                vec![Part::Note(reason.to_string())],
            ]
            .concat(),
        );
        Ok(Reply::JoinDecided {
            email: r.email,
            approved: false,
        })
    }
}

fn add_employee(
    tx: &mut Tx,
    AddEmployee {
        company,
        email,
        location,
        apa,
        profile: p,
    }: AddEmployee,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let today = today(tx.ctx.now);
    let (c, who) = company_admin(state, actor, &company, &today)?;
    let mut check = Check::new();
    let email = check.take(Field::Email, Email::parse(&email));
    let person = email
        .as_ref()
        .and_then(|e| state.identity_by_email(e))
        .filter(|i| i.is_verified());
    if let Some(p) = person {
        if state.company_of(p.id()).is_some() {
            check.add(Field::Email, FieldError::AlreadyEmployee);
        }
    }
    if let Some(e) = &email {
        if c.invitations().iter().any(|i| &i.email == e) {
            check.add(Field::Email, FieldError::AlreadyInvited);
        }
    }
    if c.location(location).is_none() {
        check.add(Field::Location, FieldError::Required);
    }
    let prof = profile(&mut check, &p);
    let (email, prof) = check.done((email, prof))?;
    if apa && c.role_of(Some(who.id()), &today) != PartnerRole::Apa {
        return Err(DomainError::NotAllowed);
    }
    let name = c.profile().legal_name.clone();
    let lang = prof.mail_lang;
    let Some(person) = person else {
        return Ok(invite_employee(
            tx,
            c,
            who.email(),
            (email, location, apa, prof),
        ));
    };
    company_mut(tx, &company).employees.push(Employee {
        identity: person.id().clone(),
        email: email.clone(),
        profile: prof,
        location,
        apa,
        end: None,
        confirmed: now,
    });
    tx.send(mail::partner_welcome_employee(&email, lang, &name));
    tx.audit(
        AuditEvent::EmployeeAdded,
        &company,
        vec![Part::text(&email), Part::Apa(apa)],
    );
    Ok(Reply::EmployeeAdded { email })
}

/// No verified ID with this address: an invitation, which makes the employee when it is
/// accepted (`Command::AcceptInvite`).
fn invite_employee(
    tx: &mut Tx,
    c: &Company,
    by: &Email,
    (email, location, apa, profile): (Email, u32, bool, EmployeeProfile),
) -> Reply {
    let (invite, secret) = Invite::issue(tx.ctx, &tx.actor_label, 1);
    let (lang, expires) = (profile.mail_lang, invite.expires);
    let mut list = c.invitations();
    list.push(CompanyInvite {
        email: email.clone(),
        location,
        apa,
        profile,
        invite,
    });
    let name = &c.profile().legal_name;
    company_mut(tx, c.id()).set_invitations(&list);
    let by = by.to_string();
    tx.send(mail::partner_invitation(
        &email, lang, name, &by, &secret, expires,
    ));
    tx.audit(
        AuditEvent::InviteSent,
        c.id(),
        vec![Part::text(&email), Part::Apa(apa)],
    );
    Reply::InviteSent { email }
}

/// The company (if `actor` administers it), its invitations, and the position of the
/// one to `email`.
fn invitation<'s>(
    tx: &Tx<'s>,
    company: &str,
    email: &str,
) -> Result<(&'s Company, Vec<CompanyInvite>, usize), DomainError> {
    let (c, _) = company_admin(tx.before, tx.actor, company, &today(tx.ctx.now))?;
    let email = Email::parse(email).map_err(|_| DomainError::NotFound)?;
    let list = c.invitations();
    let i = list.iter().position(|i| i.email == email);
    Ok((c, list, i.ok_or(DomainError::NotFound)?))
}

fn resend_invite(
    tx: &mut Tx,
    ResendInvite { company, email }: ResendInvite,
) -> Result<Reply, DomainError> {
    let (c, mut list, at) = invitation(tx, &company, &email)?;
    let current = &mut list[at];
    let sends = current.invite.sends + 1;
    let email = current.email.clone();
    let lang = current.profile.mail_lang;
    let name = c.profile().legal_name.clone();
    let (invite, secret) = Invite::issue(tx.ctx, &tx.actor_label, sends);
    let expires = invite.expires;
    let by = tx.actor_label.clone();
    current.invite = invite;
    company_mut(tx, &company).set_invitations(&list);
    tx.send(mail::partner_invitation(
        &email, lang, &name, &by, &secret, expires,
    ));
    tx.audit(
        AuditEvent::InviteResent,
        &company,
        vec![Part::of(&email), Part::Word(Word::SentTimes(sends))],
    );
    Ok(Reply::InviteSent { email })
}

fn revoke_invite(
    tx: &mut Tx,
    RevokeInvite { company, email }: RevokeInvite,
) -> Result<Reply, DomainError> {
    let (_, mut list, at) = invitation(tx, &company, &email)?;
    let email = list.remove(at).email;
    company_mut(tx, &company).set_invitations(&list);
    tx.audit(
        AuditEvent::InviteRevoked,
        &company,
        vec![
            Part::of(&email),
            Part::Word(Word::Invited),
            Part::To,
            Part::Word(Word::Revoked),
        ],
    );
    Ok(Reply::InviteRevoked { email })
}

/// Makes the person `who` the employee an accepted invitation describes (the
/// location it names, or the head office if that one is gone) and drops the
/// invitation. `who` is no company's employee (the caller checked).
pub(crate) fn join_by_invite(tx: &mut Tx, company: &str, who: &Identity, email: &Email) {
    let now = tx.ctx.now;
    let Some(c) = tx.before.company(company) else {
        return;
    };
    let mut list = c.invitations();
    let Some(at) = list.iter().position(|i| &i.email == email) else {
        return;
    };
    let inv = list.remove(at);
    let location = if c.location(inv.location).is_some() {
        inv.location
    } else {
        c.locations.first().map_or(1, |l| l.id)
    };
    let name = c.profile().legal_name.clone();
    let lang = inv.profile.mail_lang;
    let co = company_mut(tx, company);
    co.set_invitations(&list);
    co.employees.push(Employee {
        identity: who.id().clone(),
        email: email.clone(),
        profile: inv.profile,
        location,
        apa: inv.apa,
        end: None,
        confirmed: now,
    });
    tx.send(mail::partner_welcome_employee(email, lang, &name));
    tx.audit(
        AuditEvent::EmployeeAdded,
        company,
        vec![
            Part::text(email),
            Part::Apa(inv.apa),
            Part::Word(Word::ByInvitation),
        ],
    );
}

fn set_apa(
    tx: &mut Tx,
    SetApa {
        company,
        email,
        apa,
    }: SetApa,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let today = today(tx.ctx.now);
    let (c, who) = company_admin(state, actor, &company, &today)?;
    if c.role_of(Some(who.id()), &today) != PartnerRole::Apa {
        return Err(DomainError::NotAllowed);
    }
    let email = Email::parse(&email).map_err(|_| DomainError::NotFound)?;
    let e = c
        .employees()
        .iter()
        .find(|e| e.email == email)
        .ok_or(DomainError::NotFound)?;
    if !apa && e.apa && c.active_apas(&today) <= 1 {
        return Err(DomainError::LastApa);
    }
    let before = e.apa;
    if let Some(x) = company_mut(tx, &company)
        .employees
        .find_mut(|x| x.email == email)
    {
        x.apa = apa;
    }
    tx.audit(
        AuditEvent::RoleChanged,
        &company,
        vec![
            Part::of(&email),
            Part::Word(Word::ApaRole),
            Part::YesNo(before),
            Part::To,
            Part::YesNo(apa),
        ],
    );
    Ok(Reply::RoleSaved)
}

fn set_prc(
    tx: &mut Tx,
    SetPrc {
        company,
        location,
        email,
    }: SetPrc,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let today = today(tx.ctx.now);
    let (c, _) = company_admin(state, actor, &company, &today)?;
    let email = Email::parse(&email).map_err(|_| DomainError::NotFound)?;
    let e = c
        .employees()
        .iter()
        .find(|e| e.email == email && Company::is_active(e, &today))
        .ok_or(DomainError::NotFound)?;
    let loc = c.location(location).ok_or(DomainError::NotFound)?;
    let place = loc.name.clone();
    let before = c
        .employees()
        .iter()
        .find(|x| x.identity == loc.prc)
        .map(|x| x.email.to_string())
        .unwrap_or_default();
    let id = e.identity.clone();
    if let Some(l) = company_mut(tx, &company)
        .locations
        .iter_mut()
        .find(|l| l.id == location)
    {
        l.prc = id;
    }
    tx.audit(
        AuditEvent::RoleChanged,
        &company,
        vec![
            Part::Word(Word::PrcOf(place)),
            Part::Text(before),
            Part::To,
            Part::text(&email),
        ],
    );
    Ok(Reply::RoleSaved)
}

fn set_end(
    tx: &mut Tx,
    SetEnd {
        company,
        email,
        date,
    }: SetEnd,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let today = today(tx.ctx.now);
    let (c, _) = company_admin(state, actor, &company, &today)?;
    let email = Email::parse(&email).map_err(|_| DomainError::NotFound)?;
    let e = c
        .employees()
        .iter()
        .find(|e| e.email == email)
        .ok_or(DomainError::NotFound)?;
    let date = parse_date(&date).map_err(|er| DomainError::field(Field::EndDate, er))?;
    if date.is_some() {
        if c.locations().iter().any(|l| l.prc == e.identity) {
            return Err(DomainError::PrcNeeded);
        }
        if e.apa && c.active_apas(&today) <= 1 {
            return Err(DomainError::LastApa);
        }
    }
    let before = e.end.clone().unwrap_or_else(|| "-".into());
    if let Some(x) = company_mut(tx, &company)
        .employees
        .find_mut(|x| x.email == email)
    {
        x.end = date.clone();
    }
    tx.audit(
        AuditEvent::RoleChanged,
        &company,
        vec![
            Part::of(&email),
            Part::Word(Word::EndDate),
            Part::Text(before),
            Part::To,
            Part::Text(date.unwrap_or_else(|| "-".into())),
        ],
    );
    Ok(Reply::RoleSaved)
}

impl AddLocation {
    /// The same name and address as an edit of the company's location `location`.
    pub fn at(self, location: u32) -> EditLocation {
        EditLocation {
            company: self.company,
            location,
            name: self.name,
            postal: self.postal,
            prefecture: self.prefecture,
            city: self.city,
            street: self.street,
            phone: self.phone,
        }
    }
}

/// A location's name and address as typed (adding and editing one take the same:
/// name, postal code, prefecture, city, street, phone), checked for a company in
/// `country`.
fn parse_location(
    country: Country,
    [name, postal, prefecture, city, street, phone]: [&str; 6],
) -> Result<(String, LocationAddress), DomainError> {
    let mut check = Check::new();
    let name = check.take(Field::LocationName, line(name, LINE_MAX));
    let addr = address(
        &mut check,
        Some(country),
        postal,
        prefecture,
        city,
        street,
        phone,
    );
    check.finish()?;
    name.zip(addr).ok_or(DomainError::field(
        Field::LocationName,
        FieldError::Required,
    ))
}

fn add_location(tx: &mut Tx, cmd: AddLocation) -> Result<Reply, DomainError> {
    let company = &cmd.company;
    let typed = [
        &cmd.name,
        &cmd.postal,
        &cmd.prefecture,
        &cmd.city,
        &cmd.street,
        &cmd.phone,
    ];
    let today = today(tx.ctx.now);
    let (c, who) = company_admin(tx.before, tx.actor, company, &today)?;
    let (name, address) = parse_location(c.profile().country, typed.map(String::as_str))?;
    let id = c.locations().iter().map(|l| l.id).max().unwrap_or(0) + 1;
    let prc = who.id().clone();
    company_mut(tx, company).locations.push(Location {
        id,
        name: name.clone(),
        address,
        hq: false,
        prc,
    });
    tx.audit(AuditEvent::LocationAdded, company, vec![Part::Text(name)]);
    Ok(Reply::LocationAdded)
}

fn edit_company(
    tx: &mut Tx,
    EditCompany { company, input: c }: EditCompany,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let today = today(tx.ctx.now);
    let (co, _) = company_admin(state, actor, &company, &today)?;
    let mut check = Check::new();
    let legal_name = check.take(Field::LegalName, company_line(&c.legal_name));
    let web = check.take(Field::Web, parse_web(&c.web));
    let models = check.take(Field::Models, choices(BUSINESS_MODELS, &c.models, true));
    let products = check.take(Field::Products, choices(PRODUCTS, &c.products, false));
    let size = check.take(Field::Size, one_choice(COMPANY_SIZES, &c.size));
    let (legal_name, web, models, products, size) =
        check.done((legal_name, web, models, products, size))?;
    let old = co.profile().clone();
    let comp = company_mut(tx, &company);
    comp.profile.legal_name = legal_name;
    comp.profile.web = web;
    comp.profile.models = models;
    comp.profile.products = products;
    comp.profile.size = size;
    comp.profile.directory = c.directory;
    let new = &comp.profile;
    let detail = changes([
        (
            Word::LegalName,
            Part::text(&old.legal_name),
            Part::text(&new.legal_name),
        ),
        (Word::Web, Part::text(&old.web), Part::text(&new.web)),
        (
            Word::Models,
            Part::Choices(Choices::Models, old.models.clone()),
            Part::Choices(Choices::Models, new.models.clone()),
        ),
        (
            Word::Products,
            Part::Choices(Choices::Products, old.products.clone()),
            Part::Choices(Choices::Products, new.products.clone()),
        ),
        (
            Word::Size,
            Part::Choices(Choices::Sizes, vec![old.size.clone()]),
            Part::Choices(Choices::Sizes, vec![new.size.clone()]),
        ),
        (
            Word::Directory,
            Part::YesNo(old.directory),
            Part::YesNo(new.directory),
        ),
    ]);
    tx.audit(AuditEvent::CompanyEdited, &company, detail);
    Ok(Reply::SettingSaved)
}

fn edit_location(tx: &mut Tx, cmd: EditLocation) -> Result<Reply, DomainError> {
    let (company, location) = (&cmd.company, cmd.location);
    let typed = [
        &cmd.name,
        &cmd.postal,
        &cmd.prefecture,
        &cmd.city,
        &cmd.street,
        &cmd.phone,
    ];
    let today = today(tx.ctx.now);
    let (co, _) = company_admin(tx.before, tx.actor, company, &today)?;
    let old = co.location(location).ok_or(DomainError::NotFound)?.clone();
    let (name, addr) = parse_location(co.profile().country, typed.map(String::as_str))?;
    let detail = vec![
        Part::Text(format!("{} {}", old.name, old.address.street)),
        Part::To,
        Part::Text(format!("{} {}", name, addr.street)),
    ];
    if let Some(l) = company_mut(tx, company)
        .locations
        .iter_mut()
        .find(|l| l.id == location)
    {
        l.name = name;
        l.address = addr;
    }
    tx.audit(AuditEvent::CompanyEdited, company, detail);
    Ok(Reply::SettingSaved)
}

fn regenerate_token(
    tx: &mut Tx,
    RegenerateToken { company }: RegenerateToken,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let today = today(tx.ctx.now);
    let _ = company_admin(state, actor, &company, &today)?;
    let token = std::iter::repeat_with(|| CompanyToken::generate(tx.ctx))
        .find(|t| state.company_by_token(t).is_none())
        .expect("endless");
    company_mut(tx, &company).token = token;
    tx.audit(AuditEvent::TokenRegenerated, &company, vec![]);
    Ok(Reply::TokenRegenerated)
}

fn set_auto_accept(
    tx: &mut Tx,
    SetAutoAccept { company, on }: SetAutoAccept,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let today = today(tx.ctx.now);
    let (c, _) = company_admin(state, actor, &company, &today)?;
    let before = c.auto_accept();
    company_mut(tx, &company).auto_accept = on;
    tx.audit(
        AuditEvent::SettingChanged,
        &company,
        vec![
            Part::Word(Word::AutoAccept),
            Part::OnOff(before),
            Part::To,
            Part::OnOff(on),
        ],
    );
    Ok(Reply::SettingSaved)
}

fn set_level(tx: &mut Tx, SetLevel { company, level }: SetLevel) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    if !actor.is_operator() {
        return Err(DomainError::NotAllowed);
    }
    let c = state.company(&company).ok_or(DomainError::NotFound)?;
    let before = c.level();
    // The same level again changes nothing: no record, no mail.
    if before == level {
        return Ok(Reply::LevelSaved);
    }
    let (name, to) = (
        c.profile().legal_name.clone(),
        admins(c, &today(tx.ctx.now)),
    );
    company_mut(tx, &company).level = level;
    // Its administrators (APAs and primary relationship contacts) hear of it.
    for a in &to {
        let lang = lang_of(state, a, Lang::Ja);
        tx.send(mail::partner_level_changed(a, lang, &name, before, level));
    }
    tx.audit(
        AuditEvent::LevelChanged,
        &company,
        vec![Part::Level(before), Part::To, Part::Level(level)],
    );
    Ok(Reply::LevelSaved)
}

fn update_my_profile(
    tx: &mut Tx,
    UpdateMyProfile {
        company,
        profile: p,
    }: UpdateMyProfile,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let today = today(tx.ctx.now);
    let who = me(state, actor)?;
    let c = state.company(&company).ok_or(DomainError::NotFound)?;
    if c.role_of(Some(who.id()), &today) == PartnerRole::Outsider {
        return Err(DomainError::NotAllowed);
    }
    let mut check = Check::new();
    let prof = profile(&mut check, &p);
    let prof = check.done(prof)?;
    let id = who.id().clone();
    if let Some(x) = company_mut(tx, &company)
        .employees
        .find_mut(|x| x.identity == id)
    {
        x.profile = prof;
        x.confirmed = now;
    }
    tx.audit(
        AuditEvent::PartnerProfileUpdated,
        &company,
        vec![Part::text(who.email())],
    );
    Ok(Reply::ProfileSaved)
}

fn confirm_profile(
    tx: &mut Tx,
    ConfirmProfile { company }: ConfirmProfile,
) -> Result<Reply, DomainError> {
    let state = tx.before;
    let actor = tx.actor;
    let now = tx.ctx.now;
    let today = today(tx.ctx.now);
    let who = me(state, actor)?;
    let c = state.company(&company).ok_or(DomainError::NotFound)?;
    if c.role_of(Some(who.id()), &today) == PartnerRole::Outsider {
        return Err(DomainError::NotAllowed);
    }
    let id = who.id().clone();
    if let Some(x) = company_mut(tx, &company)
        .employees
        .find_mut(|x| x.identity == id)
    {
        x.confirmed = now;
    }
    Ok(Reply::ProfileConfirmed)
}
