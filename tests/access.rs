//! Every command kind for every role, against the one table in `domain::access`:
//! allowed ones succeed; the rest fail with "not allowed" (or "not signed in") and
//! change nothing. The commands are sent directly: the UI is not the guard.
mod common;
use common::*;
use onboard::domain::access::{allowed, Act, Who};
use onboard::domain::*;
use onboard::i18n::Lang;
use std::collections::HashMap;

struct Base {
    w: World,
    devices: HashMap<Who, Device>,
    site: String,
    waiting_site: String,
    company: String,
    access_request: u32,
    application: String,
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
    ] {
        w.as_person("primary@example.com");
        w.site(SiteCommand::AddUser {
            site: site.clone(),
            email: email.into(),
            privileges: p,
            secondary,
        })
        .unwrap();
    }
    let (waiting_site, _, _) = w.enrol("waiting@example.com");
    let customer = w
        .state
        .site(&SiteNumber::parse(&site).unwrap())
        .unwrap()
        .customer()
        .to_string();
    w.as_person("asker@example.com");
    w.site(SiteCommand::RequestAccess {
        site: site.clone(),
        customer,
        message: String::new(),
    })
    .unwrap();
    let access_request = w
        .state
        .site(&SiteNumber::parse(&site).unwrap())
        .unwrap()
        .pending_requests()
        .next()
        .unwrap()
        .id;
    w.site(SiteCommand::Help {
        name: String::new(),
        email: String::new(),
        subject: "Help".into(),
        site: String::new(),
        description: "Please".into(),
    })
    .unwrap();

    let company = w.approved_company("apa@example.com", "Example KK");
    for e in ["prc@example.com", "emp@example.com", "joiner@example.com"] {
        w.as_person(e);
    }
    w.as_person("apa@example.com");
    for e in ["prc@example.com", "emp@example.com"] {
        w.partner(PartnerCommand::AddEmployee {
            company: company.clone(),
            email: e.into(),
            location: 1,
            apa: false,
            profile: profile_input(&[]),
        })
        .unwrap();
    }
    w.partner(PartnerCommand::AddLocation {
        company: company.clone(),
        name: "Osaka".into(),
        postal: "530-0001".into(),
        prefecture: "".into(),
        city: "Kita".into(),
        street: "1".into(),
        phone: "06-1234-5678".into(),
    })
    .unwrap();
    w.partner(PartnerCommand::SetPrc {
        company: company.clone(),
        location: 2,
        email: "prc@example.com".into(),
    })
    .unwrap();
    let token = w
        .state
        .company(&company)
        .unwrap()
        .token()
        .as_str()
        .to_string();
    w.as_person("joiner@example.com");
    w.partner(PartnerCommand::Join {
        token,
        location: 1,
        profile: profile_input(&[]),
    })
    .unwrap();
    w.as_person("applicant@example.com");
    w.partner(PartnerCommand::AcceptAgreement {
        version: AGREEMENT_VERSION.into(),
    })
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
    while w.state.audit_count() <= onboard::domain::audit::CHUNK {
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
        company,
        access_request,
        application,
    }
}

fn command(act: Act, b: &Base) -> Option<Command> {
    let (site, company) = (b.site.clone(), b.company.clone());
    Some(match act {
        Act::SignOut => Command::SignOut,
        Act::UpdateProfile => Command::UpdateProfile {
            family: "New".into(),
            given: "Name".into(),
            country: "JP".into(),
            mail_lang: Lang::Ja,
        },
        Act::ChangePassword => Command::ChangePassword {
            current: PW.into(),
            password: "another long password".into(),
            confirm: "another long password".into(),
        },
        Act::ReadAudit => return None,
        Act::DeleteOldestAudit => Command::DeleteOldestAudit,
        Act::EnrolSite => Command::Site(SiteCommand::Enrol {
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
        }),
        Act::ReissuePasscode => Command::Site(SiteCommand::ReissuePasscode {
            site: b.waiting_site.clone(),
        }),
        Act::ChangePrimary => Command::Site(SiteCommand::ChangePrimary {
            site,
            family: "Next".into(),
            given: "Primary".into(),
            email: "next@example.com".into(),
            mail_lang: Lang::En,
        }),
        Act::AnswerHelp => Command::Site(SiteCommand::AnswerHelp {
            reference: "H000001".into(),
            answer: "Done".into(),
        }),
        Act::CloseHelp => Command::Site(SiteCommand::CloseHelp {
            reference: "H000001".into(),
        }),
        Act::SendHelp => Command::Site(SiteCommand::Help {
            name: "N".into(),
            email: "n@example.com".into(),
            subject: "S".into(),
            site: String::new(),
            description: "D".into(),
        }),
        Act::EditContacts => Command::Site(SiteCommand::SetContact {
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
        }),
        Act::ManageUsers => Command::Site(SiteCommand::AddUser {
            site,
            email: "brand-new@example.com".into(),
            privileges: Privileges::default(),
            secondary: false,
        }),
        Act::DecideAccessRequest => Command::Site(SiteCommand::Deny {
            site,
            request: b.access_request,
            reason: "No".into(),
        }),
        Act::ReviewApplication => Command::Partner(PartnerCommand::Approve {
            number: b.application.clone(),
        }),
        Act::SetMembershipLevel => Command::Partner(PartnerCommand::SetLevel {
            company,
            level: Membership::Gold,
        }),
        Act::AdministerCompany => {
            Command::Partner(PartnerCommand::SetAutoAccept { company, on: true })
        }
        Act::GrantApa => Command::Partner(PartnerCommand::SetApa {
            company,
            email: "emp@example.com".into(),
            apa: true,
        }),
        Act::DecideAssociation => Command::Partner(PartnerCommand::DecideJoin {
            company,
            request: 1,
            approve: false,
            apa: false,
            reason: "No".into(),
        }),
        Act::UpdateOwnPartnerProfile => {
            Command::Partner(PartnerCommand::ConfirmProfile { company })
        }
    })
}

#[test]
fn every_command_for_every_role_follows_the_table() {
    let b = base();
    let mut checked = 0;
    for act in Act::ALL {
        for who in Who::ALL {
            let mut w = b.w.clone();
            w.device = b.devices[&who].clone();
            let expected = allowed(act, who);
            let before: Vec<_> = w
                .state
                .keys()
                .iter()
                .map(|k| (k.clone(), w.state.aggregate(k)))
                .collect();
            let result = match command(act, &b) {
                Some(cmd) => w.run(cmd).map(|_| ()),
                None => w.state.audit_trail(&w.actor()).map(|_| ()),
            };
            if expected {
                assert!(result.is_ok(), "{who:?} may {act:?}, but: {result:?}");
            } else {
                assert!(
                    matches!(
                        result,
                        Err(DomainError::NotAllowed) | Err(DomainError::NotSignedIn)
                    ),
                    "{who:?} may not {act:?}, but: {result:?}"
                );
                let after: Vec<_> = w
                    .state
                    .keys()
                    .iter()
                    .map(|k| (k.clone(), w.state.aggregate(k)))
                    .collect();
                assert_eq!(
                    before, after,
                    "{who:?} {act:?}: a refused command changed something"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, Act::ALL.len() * Who::ALL.len());
}
