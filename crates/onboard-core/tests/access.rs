//! Every command kind, and every command variant, for every role against the one table
//! in `domain::access`: allowed ones succeed (kinds) or are not refused for permission
//! (variants); the rest fail with "not allowed" (or "not signed in") and change
//! nothing. The roles include the primary contact of another site and the APA of
//! another company: administrators next door. The commands are sent directly: the UI
//! is not the guard.
mod common;
use common::*;
use onboard_core::access::{allowed, Act, Who};
use onboard_core::i18n::Lang;
use onboard_core::identity_commands;
use onboard_core::office_commands;
use onboard_core::partner_commands;
use onboard_core::site_commands;
use onboard_core::*;
use std::collections::HashMap;

struct Base {
    w: World,
    devices: HashMap<Who, Device>,
    site: String,
    waiting_site: String,
    /// A site no role belongs to (a place to ask for access).
    third_site: (String, String),
    company: String,
    access_request: u32,
    application: String,
    token: String,
}

fn base() -> Base {
    let mut w = World::new();
    let site = w.active_site("primary@example.com");
    for (email, p, secondary) in [
        (
            "sec-update@example.com",
            privs(Level::Update, Level::Update),
            true,
        ),
        (
            "sec-view@example.com",
            privs(Level::View, Level::View),
            true,
        ),
        ("user@example.com", Privileges::default(), false),
        // No ID: invited.
        ("invited@example.com", Privileges::default(), false),
    ] {
        w.as_person("primary@example.com");
        w.site(
            site_commands::AddUser {
                site: site.clone(),
                email: email.into(),
                privileges: p,
                secondary,
            }
            .into(),
        )
        .unwrap();
    }
    let (waiting_site, _, _) = w.enrol("waiting@example.com");
    w.ask_access(&site, "asker@example.com");
    let access_request = w
        .state
        .site(&SiteNumber::parse(&site).unwrap())
        .unwrap()
        .pending_requests()
        .next()
        .unwrap()
        .id;
    w.site(
        site_commands::Help {
            name: String::new(),
            email: String::new(),
            subject: "Help".into(),
            site: String::new(),
            description: "Please".into(),
            mail_lang: None,
        }
        .into(),
    )
    .unwrap();

    // The tenants next door: another site with its own primary contact, another
    // company with its own APA, and a site nobody here belongs to.
    let _other_site = w.active_site("other-primary@example.com");
    let _other_company = w.approved_company("other-apa@example.com", "Other KK");
    let third = w.active_site("third-primary@example.com");
    let third_customer = w
        .state
        .site(&SiteNumber::parse(&third).unwrap())
        .unwrap()
        .customer()
        .to_string();
    let company = w.approved_company("apa@example.com", "Example KK");
    for e in ["prc@example.com", "emp@example.com", "joiner@example.com"] {
        w.as_person(e);
    }
    w.as_person("apa@example.com");
    for e in ["prc@example.com", "emp@example.com", "invited@example.com"] {
        w.partner(
            partner_commands::AddEmployee {
                company: company.clone(),
                email: e.into(),
                location: 1,
                apa: false,
                profile: profile_input(&[]),
            }
            .into(),
        )
        .unwrap();
    }
    w.partner(
        partner_commands::AddLocation {
            company: company.clone(),
            name: "Osaka".into(),
            postal: "530-0001".into(),
            prefecture: "".into(),
            city: "Kita".into(),
            street: "1".into(),
            phone: "06-1234-5678".into(),
        }
        .into(),
    )
    .unwrap();
    w.partner(
        partner_commands::SetPrc {
            company: company.clone(),
            location: 2,
            email: "prc@example.com".into(),
        }
        .into(),
    )
    .unwrap();
    let token = w
        .state
        .company(&company)
        .unwrap()
        .token()
        .as_str()
        .to_string();
    w.as_person("joiner@example.com");
    w.partner(
        partner_commands::Join {
            token: token.clone(),
            location: 1,
            profile: profile_input(&[]),
        }
        .into(),
    )
    .unwrap();
    w.as_person("applicant@example.com");
    w.partner(
        partner_commands::AcceptAgreement {
            version: AGREEMENT_VERSION.into(),
        }
        .into(),
    )
    .unwrap();
    w.partner(PartnerCommand::SaveCompany(company_input("Applicant KK")))
        .unwrap();
    w.partner(PartnerCommand::SaveEmployee(profile_input(&[])))
        .unwrap();
    let Reply::ApplicationSubmitted {
        number: application,
    } = w.partner(PartnerCommand::Submit).unwrap()
    else {
        panic!()
    };
    // More than one audit chunk, so the oldest can be deleted.
    while w.state.audit_count() <= onboard_core::audit::CHUNK {
        let _ = w.sign_in("nobody@example.com", PW);
    }
    // Every role's device, all sessions live in the same state.
    let mut devices = HashMap::new();
    devices.insert(Who::SignedOut, Device::default());
    for (who, email) in [
        (Who::Person, "person@example.com"),
        (Who::SitePrimary, "primary@example.com"),
        (Who::SecondaryUpdate, "sec-update@example.com"),
        (Who::SecondaryView, "sec-view@example.com"),
        (Who::SiteUser, "user@example.com"),
        (Who::Apa, "apa@example.com"),
        (Who::Prc, "prc@example.com"),
        (Who::Employee, "emp@example.com"),
        (Who::OtherSitePrimary, "other-primary@example.com"),
        (Who::OtherApa, "other-apa@example.com"),
    ] {
        w.as_person(email);
        devices.insert(who, w.device.clone());
    }
    w.as_operator();
    devices.insert(Who::Operator, w.device.clone());
    Base {
        w,
        devices,
        site,
        waiting_site,
        third_site: (third, third_customer),
        company,
        access_request,
        application,
        token,
    }
}

fn command(act: Act, b: &Base) -> Option<Command> {
    let (site, company) = (b.site.clone(), b.company.clone());
    Some(match act {
        Act::Public => Command::Touch,
        Act::SignedIn => site_commands::RequestAccess {
            site: b.third_site.0.clone(),
            customer: b.third_site.1.clone(),
            message: String::new(),
        }
        .into(),
        Act::AccountId => identity_commands::CreateAccountId {
            family: "Fresh".into(),
            given: "Account".into(),
            country: "JP".into(),
            mail_lang: Lang::En,
            accept_terms: true,
        }
        .into(),
        Act::FirstSignIn => site_commands::FirstSignIn {
            site: b.waiting_site.clone(),
            passcode: "ABCD-EFGH".into(),
        }
        .into(),
        Act::CreateOperator => office_commands::CreateOperator {
            email: "second-op@example.com".into(),
            password: PW.into(),
            confirm: PW.into(),
        }
        .into(),
        Act::OperatorSignOut => Command::OperatorSignOut,
        Act::ManageData => Command::ExportData,
        Act::SignOut => Command::SignOut,
        Act::UpdateProfile => identity_commands::UpdateProfile {
            family: "New".into(),
            given: "Name".into(),
            country: "JP".into(),
            mail_lang: Lang::Ja,
        }
        .into(),
        Act::ChangePassword => identity_commands::ChangePassword {
            current: PW.into(),
            password: "another long password".into(),
            confirm: "another long password".into(),
        }
        .into(),
        Act::ReadAudit => return None,
        Act::DeleteOldestAudit => Command::DeleteOldestAudit,
        Act::EnrolSite => site_commands::Enrol {
            company: "New KK".into(),
            country: "JP".into(),
            postal: "100-0001".into(),
            prefecture: "Tokyo".into(),
            city: "Chiyoda".into(),
            street: "1-1".into(),
            family: "New".into(),
            given: "Contact".into(),
            email: "new-contact@example.com".into(),
            mail_lang: Lang::En,
        }
        .into(),
        Act::ReissuePasscode => site_commands::ReissuePasscode {
            site: b.waiting_site.clone(),
        }
        .into(),
        Act::ChangePrimary => site_commands::ChangePrimary {
            site,
            family: "Next".into(),
            given: "Primary".into(),
            email: "next@example.com".into(),
            mail_lang: Lang::En,
        }
        .into(),
        Act::HandOverPrimary => site_commands::HandOverPrimary {
            site,
            to: "sec-view@example.com".into(),
        }
        .into(),
        Act::AnswerHelp => site_commands::AnswerHelp {
            reference: "H000001".into(),
            answer: "Done".into(),
        }
        .into(),
        Act::CloseHelp => site_commands::CloseHelp {
            reference: "H000001".into(),
        }
        .into(),
        Act::SendHelp => site_commands::Help {
            name: "N".into(),
            email: "n@example.com".into(),
            subject: "S".into(),
            site: String::new(),
            description: "D".into(),
            mail_lang: None,
        }
        .into(),
        Act::EditContacts => site_commands::SetContact {
            site,
            role: Role::Technical,
            family: "Sato".into(),
            given: "Jiro".into(),
            email: "tech@example.com".into(),
            phone: "03-1234-5678".into(),
            country: "JP".into(),
            postal: String::new(),
            city: String::new(),
            address: String::new(),
            seen: None,
        }
        .into(),
        Act::ManageUsers => site_commands::AddUser {
            site,
            email: "brand-new@example.com".into(),
            privileges: Privileges::default(),
            secondary: false,
        }
        .into(),
        Act::DecideAccessRequest => site_commands::Deny {
            site,
            request: b.access_request,
            reason: "No".into(),
        }
        .into(),
        Act::ReviewApplication => partner_commands::Approve {
            number: b.application.clone(),
        }
        .into(),
        Act::SetMembershipLevel => partner_commands::SetLevel {
            company,
            level: Membership::Gold,
        }
        .into(),
        Act::LiftIdLock => onboard_core::office_commands::LiftLock {
            email: "person@example.com".into(),
        }
        .into(),
        Act::AdministerCompany => partner_commands::SetAutoAccept { company, on: true }.into(),
        Act::GrantApa => partner_commands::SetApa {
            company,
            email: "emp@example.com".into(),
            apa: true,
        }
        .into(),
        Act::DecideAssociation => partner_commands::DecideJoin {
            company,
            request: 1,
            approve: false,
            apa: false,
            reason: "No".into(),
        }
        .into(),
        Act::UpdateOwnPartnerProfile => partner_commands::ConfirmProfile { company }.into(),
    })
}

/// Runs `cmd` (or, for None, reads the audit trail) as `who` on a copy of the base
/// world; returns the result and whether any aggregate changed.
fn run_as(b: &Base, who: Who, cmd: Option<Command>) -> (Result<(), DomainError>, bool) {
    let mut w = b.w.clone();
    w.device = b.devices[&who].clone();
    let snapshot = |w: &World| -> Vec<_> {
        w.state
            .keys()
            .iter()
            .map(|k| (k.clone(), w.state.aggregate(k)))
            .collect()
    };
    let before = snapshot(&w);
    let result = match cmd {
        Some(cmd) => w.run(cmd).map(|_| ()),
        None => w.state.audit_trail(&w.actor()).map(|_| ()),
    };
    let changed = before != snapshot(&w);
    (result, changed)
}

#[test]
fn every_command_for_every_role_follows_the_table() {
    let b = base();
    let mut checked = 0;
    for act in Act::ALL {
        for who in Who::ALL {
            let (result, changed) = run_as(&b, who, command(act, &b));
            if allowed(act, who) {
                assert!(result.is_ok(), "{who:?} may {act:?}, but: {result:?}");
            } else {
                assert!(
                    refused(act, &result),
                    "{who:?} may not {act:?}, but: {result:?}"
                );
                assert!(
                    !changed,
                    "{who:?} {act:?}: a refused command changed something"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, Act::ALL.len() * Who::ALL.len());
}

/// The refusals that mean "not for you". Creating a second operator is refused to
/// everyone as "the operator account already exists".
fn refused<T: std::fmt::Debug>(act: Act, result: &Result<T, DomainError>) -> bool {
    matches!(
        result,
        Err(DomainError::NotAllowed) | Err(DomainError::NotSignedIn)
    ) || (act == Act::CreateOperator && matches!(result, Err(DomainError::OperatorExists)))
}

/// One command of every variant (`Command::act` is an exhaustive match, so a variant
/// added to the domain must be classified there; `VARIANTS` below must then grow, and
/// this list with it).
fn variants(b: &Base) -> Vec<Command> {
    let (site, company) = (b.site.clone(), b.company.clone());
    let mut v: Vec<Command> = Act::ALL.iter().filter_map(|a| command(*a, b)).collect();
    let pw = "another long password";
    v.extend([
        identity_commands::CreateId {
            email: "fresh@example.com".into(),
            family: "Fresh".into(),
            given: "Person".into(),
            country: "JP".into(),
            mail_lang: Lang::Ja,
            password: pw.into(),
            confirm: pw.into(),
            accept_terms: true,
        }
        .into(),
        identity_commands::VerifyId {
            email: "person@example.com".into(),
            code: "123456".into(),
        }
        .into(),
        identity_commands::ResendCode {
            email: "person@example.com".into(),
        }
        .into(),
        identity_commands::SignIn {
            email: "person@example.com".into(),
            password: PW.into(),
        }
        .into(),
        identity_commands::RequestReset {
            email: "person@example.com".into(),
        }
        .into(),
        identity_commands::ResetPassword {
            email: "person@example.com".into(),
            code: "123456".into(),
            password: pw.into(),
            confirm: pw.into(),
        }
        .into(),
        identity_commands::MarkMailRead {
            id: onboard_core::mail::MailId(0),
            unread: false,
        }
        .into(),
        identity_commands::MarkAllMailRead::default().into(),
        office_commands::OperatorSignIn {
            email: "op@example.com".into(),
            password: "wrong password here".into(),
        }
        .into(),
        Command::DeleteOldestMail,
        Command::ReplaceData(Replacement::Reset),
        Command::ReplaceData(Replacement::Demo),
        Command::ReplaceData(Replacement::Import(Imported(std::sync::Arc::new(
            State::default(),
        )))),
        Command::Site(SiteCommand::PruneClosedHelp),
        site_commands::ClearContact {
            site: site.clone(),
            role: Role::Technical,
            seen: None,
        }
        .into(),
        site_commands::UpdateUser {
            site: site.clone(),
            email: "user@example.com".into(),
            privileges: privs(Level::View, Level::None),
            secondary: false,
        }
        .into(),
        site_commands::RemoveUser {
            site: site.clone(),
            email: "user@example.com".into(),
        }
        .into(),
        site_commands::Grant {
            site: site.clone(),
            request: b.access_request,
            privileges: Privileges::default(),
            secondary: false,
        }
        .into(),
        // Only the asker's own waiting request can be withdrawn; for everyone else the
        // request is not found (never "not allowed": that would tell it exists).
        site_commands::WithdrawRequest {
            site: site.clone(),
            request: b.access_request,
        }
        .into(),
        partner_commands::WithdrawJoin {
            company: company.clone(),
            request: 1,
        }
        .into(),
        site_commands::ExpireRequests { site: site.clone() }.into(),
        site_commands::ImportUsers {
            site: site.clone(),
            csv: "email,kind\nimported@example.com,user\n".into(),
        }
        .into(),
        partner_commands::ExpireJoins {
            company: company.clone(),
        }
        .into(),
        partner_commands::AcceptAgreement {
            version: AGREEMENT_VERSION.into(),
        }
        .into(),
        Command::Partner(PartnerCommand::SaveCompany(company_input("Mine KK"))),
        Command::Partner(PartnerCommand::SaveEmployee(profile_input(&[]))),
        Command::Partner(PartnerCommand::Submit),
        partner_commands::Attach {
            name: "a.pdf".into(),
            mime: "application/pdf".into(),
            bytes: vec![1, 2, 3],
        }
        .into(),
        Command::Partner(PartnerCommand::Resubmit),
        partner_commands::RequestDocuments {
            number: b.application.clone(),
            message: "Please send the registry extract".into(),
        }
        .into(),
        partner_commands::Reject {
            number: b.application.clone(),
            reason: "Not a company".into(),
        }
        .into(),
        partner_commands::CheckToken {
            token: b.token.clone(),
        }
        .into(),
        partner_commands::Join {
            token: b.token.clone(),
            location: 1,
            profile: profile_input(&[]),
        }
        .into(),
        partner_commands::AddEmployee {
            company: company.clone(),
            email: "new-emp@example.com".into(),
            location: 1,
            apa: false,
            profile: profile_input(&[]),
        }
        .into(),
        partner_commands::ResendInvite {
            company: company.clone(),
            email: "invited@example.com".into(),
        }
        .into(),
        partner_commands::RevokeInvite {
            company: company.clone(),
            email: "invited@example.com".into(),
        }
        .into(),
        site_commands::ResendInvite {
            site: site.clone(),
            email: "invited@example.com".into(),
        }
        .into(),
        // A link nobody was sent: for everyone, the same "not valid".
        identity_commands::AcceptInvite {
            secret: "00000000000000000000000000000000".into(),
            family: "Fresh".into(),
            given: "Person".into(),
            country: "JP".into(),
            mail_lang: Lang::Ja,
            password: pw.into(),
            confirm: pw.into(),
            accept_terms: true,
        }
        .into(),
        partner_commands::SetPrc {
            company: company.clone(),
            location: 1,
            email: "emp@example.com".into(),
        }
        .into(),
        partner_commands::SetEnd {
            company: company.clone(),
            email: "emp@example.com".into(),
            date: "2030-03-31".into(),
        }
        .into(),
        partner_commands::AddLocation {
            company: company.clone(),
            name: "Nagoya".into(),
            postal: "450-0002".into(),
            prefecture: String::new(),
            city: "Nakamura".into(),
            street: "1".into(),
            phone: "052-123-4567".into(),
        }
        .into(),
        partner_commands::EditCompany {
            company: company.clone(),
            input: company_input("Example KK"),
        }
        .into(),
        partner_commands::EditLocation {
            company: company.clone(),
            location: 2,
            name: "Osaka".into(),
            postal: "530-0001".into(),
            prefecture: String::new(),
            city: "Kita".into(),
            street: "2".into(),
            phone: "06-1234-5678".into(),
        }
        .into(),
        partner_commands::RegenerateToken {
            company: company.clone(),
        }
        .into(),
        partner_commands::UpdateMyProfile {
            company,
            profile: profile_input(&[]),
        }
        .into(),
    ]);
    v
}

/// How many variants `Command` has (counting `Site(..)` and `Partner(..)` variants
/// and each `Replacement`): 19 of its own, 3 replacements, 21 site and 28 partner commands.
const VARIANTS: usize = 73;

fn variant_name(c: &Command) -> String {
    let d = format!("{c:?}");
    let end = |s: &str| {
        s.find([' ', '(', '{', ')'])
            .map(|i| s[..i].to_string())
            .unwrap_or(s.to_string())
    };
    match c {
        Command::Site(_) | Command::Partner(_) | Command::ReplaceData(_) => {
            let inner = &d[d.find('(').unwrap() + 1..];
            format!("{}::{}", end(&d), end(inner))
        }
        _ => end(&d),
    }
}

#[test]
fn every_command_variant_for_every_role_follows_the_table() {
    let b = base();
    let samples = variants(&b);
    let names: std::collections::BTreeSet<String> = samples.iter().map(variant_name).collect();
    assert_eq!(
        names.len(),
        VARIANTS,
        "one sample of every variant: {names:?}"
    );
    let mut checked = 0;
    for cmd in &samples {
        let act = cmd.act();
        for who in Who::ALL {
            let (result, changed) = run_as(&b, who, Some(cmd.clone()));
            let name = variant_name(cmd);
            if allowed(act, who) {
                assert!(
                    !refused(act, &result),
                    "{who:?} may {name} ({act:?}), but was refused: {result:?}"
                );
            } else {
                assert!(
                    refused(act, &result),
                    "{who:?} may not {name} ({act:?}), but: {result:?}"
                );
                assert!(
                    !changed,
                    "{who:?} {name}: a refused command changed something"
                );
            }
            checked += 1;
        }
    }
    println!(
        "{} variants x {} roles = {checked} checks",
        names.len(),
        Who::ALL.len()
    );
}

#[test]
fn with_no_operator_yet_anyone_may_manage_the_data_and_nobody_after() {
    let mut w = World::new();
    w.verified("a@example.com");
    for cmd in [
        Command::ExportData,
        Command::ReplaceData(Replacement::Reset),
    ] {
        let mut signed_out = w.clone();
        signed_out.device = Device::default();
        assert!(
            signed_out.run(cmd.clone()).is_ok(),
            "{cmd:?} open before an operator exists"
        );
    }
    w.as_operator();
    w.as_person("a@example.com");
    assert_eq!(w.run(Command::ExportData), Err(DomainError::NotAllowed));
    assert_eq!(
        w.run(Command::ReplaceData(Replacement::Reset)),
        Err(DomainError::NotAllowed)
    );
}
