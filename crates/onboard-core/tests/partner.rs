//! Layer 1: the partner program: application, review, token, roles, profile, news.
mod common;
use common::*;
use onboard_core::audit::AuditEvent;
use onboard_core::ctx::{DAY, HOUR, MINUTE};
use onboard_core::i18n::Lang;
use onboard_core::identity_commands;
use onboard_core::partner_commands;
use onboard_core::*;

fn idof(w: &World, e: &str) -> identity::IdentityId {
    w.state
        .identity_by_email(&text::Email::parse(e).unwrap())
        .unwrap()
        .id()
        .clone()
}

fn token_of(w: &World, company: &str) -> String {
    w.state
        .company(company)
        .unwrap()
        .token()
        .as_str()
        .to_string()
}

#[test]
fn tokens_normalise_and_are_16_letters_and_digits() {
    let t = CompanyToken::parse("abcd-efgh ijkl mnop").unwrap();
    assert_eq!(t.as_str(), "ABCDEFGHIJKLMNOP");
    assert_eq!(t.grouped(), "ABCD EFGH IJKL MNOP");
    assert_eq!(
        CompanyToken::parse("ＡＢＣＤ１２３４ａｂｃｄ５６７８")
            .unwrap()
            .as_str(),
        "ABCD1234ABCD5678"
    );
    assert_eq!(
        CompanyToken::parse("ABCDEFGHIJKLMNO"),
        Err(FieldError::TokenFormat)
    );
    assert_eq!(
        CompanyToken::parse("ABCDEFGHIJKLMNO!"),
        Err(FieldError::TokenFormat)
    );
    assert_eq!(CompanyToken::parse(""), Err(FieldError::Required));
    let ctx = Ctx::fixed(0, 9);
    let g = CompanyToken::generate(&ctx);
    assert_eq!(CompanyToken::parse(&g.grouped().to_lowercase()).unwrap(), g);
}

#[test]
fn the_wizard_needs_the_agreement_first_and_resumes_where_it_stopped() {
    let mut w = World::new();
    w.as_person("a@example.com");
    assert_eq!(
        w.partner(PartnerCommand::SaveCompany(company_input("X"))),
        Err(DomainError::WrongStage),
        "nothing opens before the agreement"
    );
    w.partner(
        partner_commands::AcceptAgreement {
            version: AGREEMENT_VERSION.into(),
        }
        .into(),
    )
    .unwrap();
    let me = w.actor().person().cloned().unwrap();
    assert_eq!(
        w.state.application_of(&me).unwrap().step(),
        WizardStep::Company
    );
    let mut bad = company_input("");
    bad.web = "not a url".into();
    bad.models = vec![];
    bad.postal = "12".into();
    let Err(DomainError::Invalid(errs)) = w.partner(PartnerCommand::SaveCompany(bad)) else {
        panic!()
    };
    assert_eq!(
        errs.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        vec![
            Field::LegalName,
            Field::Web,
            Field::Models,
            Field::PostalCode
        ]
    );
    w.partner(PartnerCommand::SaveCompany(company_input("Example KK")))
        .unwrap();
    let a = w.state.application_of(&me).unwrap();
    assert_eq!(
        a.step(),
        WizardStep::Employee,
        "a reload resumes at the employee profile"
    );
    assert_eq!(a.company().unwrap().web, "https://example.co.jp");
    assert_eq!(a.agreement().unwrap().0, AGREEMENT_VERSION);
    assert_eq!(
        w.partner(PartnerCommand::Submit),
        Err(DomainError::WrongStage)
    );
    w.partner(PartnerCommand::SaveEmployee(profile_input(&[])))
        .unwrap();
    assert_eq!(
        w.state.application_of(&me).unwrap().step(),
        WizardStep::Review
    );
}

#[test]
fn one_application_open_at_a_time() {
    let mut w = World::new();
    w.as_person("a@example.com");
    w.partner(
        partner_commands::AcceptAgreement {
            version: AGREEMENT_VERSION.into(),
        }
        .into(),
    )
    .unwrap();
    w.partner(PartnerCommand::SaveCompany(company_input("X")))
        .unwrap();
    w.partner(PartnerCommand::SaveEmployee(profile_input(&[])))
        .unwrap();
    w.partner(PartnerCommand::Submit).unwrap();
    assert_eq!(
        w.partner(
            partner_commands::AcceptAgreement {
                version: AGREEMENT_VERSION.into()
            }
            .into()
        ),
        Err(DomainError::ApplicationOpen)
    );
    assert_eq!(w.state.applications().count(), 1);
}

#[test]
fn review_requests_documents_then_approves_and_the_mail_subject_is_the_company_name() {
    let mut w = World::new();
    w.as_person("a@example.com");
    w.partner(
        partner_commands::AcceptAgreement {
            version: AGREEMENT_VERSION.into(),
        }
        .into(),
    )
    .unwrap();
    w.partner(PartnerCommand::SaveCompany(company_input("Example KK")))
        .unwrap();
    w.partner(PartnerCommand::SaveEmployee(profile_input(&["ai"])))
        .unwrap();
    let Reply::ApplicationSubmitted { number } = w.partner(PartnerCommand::Submit).unwrap() else {
        panic!()
    };
    assert!(number.starts_with("PW") && number.len() == 11);
    assert_eq!(
        w.partner(
            partner_commands::Approve {
                number: number.clone()
            }
            .into()
        ),
        Err(DomainError::NotAllowed),
        "only the office decides"
    );
    w.as_operator();
    w.partner(
        partner_commands::RequestDocuments {
            number: number.clone(),
            message: "Please send your registry extract.".into(),
        }
        .into(),
    )
    .unwrap();
    w.as_person("a@example.com");
    assert!(
        matches!(
            w.partner(PartnerCommand::Resubmit),
            Err(DomainError::Invalid(_))
        ),
        "nothing attached yet"
    );
    let bytes = b"%PDF-1.4 registry extract".to_vec();
    w.partner(
        partner_commands::Attach {
            name: "registry.pdf".into(),
            mime: "application/pdf".into(),
            bytes: bytes.clone(),
        }
        .into(),
    )
    .unwrap();
    let me = w.actor().person().cloned().unwrap();
    let att = &w.state.application_of(&me).unwrap().attachments()[0];
    assert_eq!(att.size, bytes.len() as u64);
    assert_eq!(
        att.sha256,
        "3c80df82f5c4f6d78c62871797e8565c0330db1622c4c964aa63966994cab907"
    );
    assert_eq!(att.sha256.len(), 64);
    assert!(w.state.attachment_content(&number, 0).is_some());
    // The content has a key of its own; the application record carries none of it.
    let file_key = AggKey::AppFile(number.clone(), 0);
    assert!(w.state.keys().contains(&file_key));
    let app_json = w
        .state
        .aggregate(&AggKey::Application(number.clone()))
        .unwrap();
    assert!(!app_json.contains("content"), "{app_json}");
    let big = vec![0u8; ATTACHMENT_CONTENT_MAX + 1];
    w.partner(
        partner_commands::Attach {
            name: "big.bin".into(),
            mime: "application/octet-stream".into(),
            bytes: big,
        }
        .into(),
    )
    .unwrap();
    assert!(
        w.state.attachment_content(&number, 1).is_none(),
        "over the stated size: kept without content"
    );
    let too_big = vec![0u8; ATTACHMENT_SIZE_MAX + 1];
    assert!(w
        .partner(
            partner_commands::Attach {
                name: "huge.bin".into(),
                mime: "x/y".into(),
                bytes: too_big
            }
            .into()
        )
        .is_err());
    let ctx = w.ctx();
    let out = apply(
        &w.state,
        &w.actor(),
        Command::Partner(PartnerCommand::Resubmit),
        &ctx,
    )
    .unwrap();
    assert!(
        !out.changed.iter().any(|k| matches!(k, AggKey::AppFile(..))),
        "a change to the application writes none of its files: {:?}",
        out.changed
    );
    w.partner(PartnerCommand::Resubmit).unwrap();
    w.as_operator();
    w.partner(
        partner_commands::Approve {
            number: number.clone(),
        }
        .into(),
    )
    .unwrap();
    let a = text::Email::parse("a@example.com").unwrap();
    let subjects: Vec<String> = w
        .state
        .mails_newest_first(Some(&a))
        .map(|m| m.subject.clone())
        .collect();
    assert_eq!(subjects[0], "Example KK: registration complete");
    assert!(subjects.contains(&"Documents requested for your application".to_string()));
    let c = w.state.company_of(&me).unwrap();
    assert_eq!(c.level(), Membership::Member);
    assert_eq!(c.token().as_str().len(), 16);
    assert_eq!(c.locations().len(), 1);
    assert!(c.locations()[0].hq);
    assert_eq!(&c.locations()[0].prc, &me, "the applicant is the PRC");
    assert!(c.employee(&me).unwrap().apa, "and an APA");
    assert_eq!(w.state.audit_events_of(AuditEvent::ApplicationApproved), 1);
}

/// An application makes one company: one whose record says submitted again (as a
/// shared server's record, which its applicant may write, could) is not approved twice.
#[test]
fn an_application_makes_at_most_one_company() {
    use onboard_core::partner::AppStatus;
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    let number = w.state.company(&c).unwrap().application().to_string();
    let key = AggKey::Application(number.clone());
    let mut value: serde_json::Value =
        serde_json::from_str(&w.state.aggregate(&key).unwrap()).unwrap();
    value["status"] = serde_json::to_value(AppStatus::Submitted {
        at: Timestamp(T0),
        resubmitted: false,
    })
    .unwrap();
    w.state.insert_aggregate(&key, &value.to_string()).unwrap();
    assert_eq!(
        w.state.application(&number).unwrap().status().stage(),
        Some(AppStage::Submitted)
    );
    w.as_operator();
    assert_eq!(
        w.partner(partner_commands::Approve { number }.into()),
        Err(DomainError::WrongStage)
    );
    assert_eq!(w.state.companies().count(), 1);
}

/// An approval whose company was never stored (a shared server stopped between the
/// decision and the company) is finished by the office (`FinishApproval`, never by
/// approving it again): the company its decision names, as of the approval, its
/// applicant the APA; then never again.
#[test]
fn an_approval_without_its_company_is_finished_once() {
    use onboard_core::partner::AppStatus;
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    let number = w.state.company(&c).unwrap().application().to_string();
    let approved = w.state.application(&number).unwrap().status().clone();
    let made = w.state.company(&c).unwrap().created();
    assert!(!w.state.unfinished_approval(&number));
    w.as_operator();
    assert_eq!(
        w.partner(
            partner_commands::FinishApproval {
                number: number.clone()
            }
            .into()
        ),
        Err(DomainError::WrongStage),
        "a finished approval is not made again"
    );

    // The company's records gone: the approval is unfinished.
    for key in w.state.keys() {
        if key.head() == AggKey::Company(c.clone()) {
            w.state.remove_aggregate(&key);
        }
    }
    assert!(w.state.company(&c).is_none());
    assert!(w.state.unfinished_approval(&number));
    assert_eq!(w.state.unfinished_approvals(), vec![number.clone()]);

    // Approving it again is not finishing it (a retry of an approval never makes a
    // company for an application already approved); only the office finishes it.
    w.as_operator();
    assert_eq!(
        w.partner(
            partner_commands::Approve {
                number: number.clone()
            }
            .into()
        ),
        Err(DomainError::WrongStage)
    );
    w.as_person("apa@example.com");
    assert_eq!(
        w.partner(
            partner_commands::FinishApproval {
                number: number.clone()
            }
            .into()
        ),
        Err(DomainError::NotAllowed)
    );
    w.as_operator();
    w.now += HOUR;
    let (mails, entries) = (w.state.mail_count(), w.state.audit_count());
    w.partner(
        partner_commands::FinishApproval {
            number: number.clone(),
        }
        .into(),
    )
    .unwrap();
    assert!(!w.state.unfinished_approval(&number));
    assert!(w.state.unfinished_approvals().is_empty());
    assert_eq!(w.state.application(&number).unwrap().status(), &approved);
    let company = w.state.company(&c).expect("the company the decision names");
    assert_eq!(
        (company.created(), company.application()),
        (made, number.as_str())
    );
    let apa = idof(&w, "apa@example.com");
    assert!(company.employee(&apa).is_some_and(|e| e.apa));
    assert_eq!(w.state.companies().count(), 1);
    assert_eq!(
        (w.state.mail_count(), w.state.audit_count()),
        (mails + 1, entries + 1)
    );
    assert_eq!(
        w.partner(partner_commands::FinishApproval { number }.into()),
        Err(DomainError::WrongStage)
    );
    assert!(matches!(approved, AppStatus::Approved { .. }));

    // An application under review is approved, not finished.
    let open = w.submitted_application("b@example.com", "Other KK");
    w.as_operator();
    assert_eq!(
        w.partner(partner_commands::FinishApproval { number: open }.into()),
        Err(DomainError::WrongStage)
    );
}

#[test]
fn joining_by_token_waits_for_an_apa_unless_auto_accept_is_on() {
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    let token = token_of(&w, &c);
    let spaced = token
        .to_lowercase()
        .as_bytes()
        .chunks(4)
        .map(|x| String::from_utf8_lossy(x).to_string())
        .collect::<Vec<_>>()
        .join(" ");
    w.as_person("b@example.com");
    assert!(matches!(
        w.partner(partner_commands::CheckToken {
            token: spaced.clone()
        }.into()),
        Ok(Reply::TokenAccepted { choice }) if choice.company == c
            && choice.locations.iter().any(|l| l.id == 1)
    ));
    assert_eq!(
        w.partner(
            partner_commands::Join {
                token: spaced.clone(),
                location: 1,
                profile: profile_input(&["security"])
            }
            .into()
        ),
        Ok(Reply::JoinPending)
    );
    // Asking again while it waits says exactly that.
    assert_eq!(
        w.partner(
            partner_commands::Join {
                token: spaced.clone(),
                location: 1,
                profile: profile_input(&["security"])
            }
            .into()
        ),
        Err(DomainError::DuplicateRequest)
    );
    let b = w.actor().person().cloned().unwrap();
    assert!(
        w.state.company(&c).unwrap().employee(&b).is_none(),
        "not yet a member"
    );
    // An APA approves with a role.
    w.as_person("apa@example.com");
    let r = w.partner(
        partner_commands::DecideJoin {
            company: c.clone(),
            request: 1,
            approve: true,
            apa: true,
            reason: String::new(),
        }
        .into(),
    );
    assert!(matches!(r, Ok(Reply::JoinDecided { approved: true, .. })));
    assert!(w.state.company(&c).unwrap().employee(&b).unwrap().apa);
    let be = text::Email::parse("b@example.com").unwrap();
    assert_eq!(
        w.state
            .mails_newest_first(Some(&be))
            .next()
            .unwrap()
            .subject,
        "Welcome to the partner program: confirmation and guide"
    );
    // With auto-accept on, the next person joins at once and the APAs get a mail.
    w.partner(
        partner_commands::SetAutoAccept {
            company: c.clone(),
            on: true,
        }
        .into(),
    )
    .unwrap();
    w.as_person("c@example.com");
    assert_eq!(
        w.partner(
            partner_commands::Join {
                token: token.clone(),
                location: 1,
                profile: profile_input(&[])
            }
            .into()
        ),
        Ok(Reply::Joined {
            company: "Example KK".into()
        })
    );
    let apa = text::Email::parse("apa@example.com").unwrap();
    assert_eq!(
        w.state
            .mails_newest_first(Some(&apa))
            .next()
            .unwrap()
            .subject,
        "An employee joined your company profile"
    );
}

#[test]
fn ten_wrong_tokens_in_an_hour_lock_the_form_for_an_hour() {
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    let good = token_of(&w, &c);
    w.as_person("b@example.com");
    let wrong = "ZZZZZZZZZZZZZZZZ";
    for _ in 0..9 {
        assert_eq!(
            w.partner(
                partner_commands::CheckToken {
                    token: wrong.into()
                }
                .into()
            ),
            Err(DomainError::Invalid(vec![(
                Field::Token,
                FieldError::TokenWrong
            )]))
        );
        w.now += MINUTE;
    }
    // The 10th wrong one locks; even the right token is refused then.
    let tenth = w.partner(
        partner_commands::CheckToken {
            token: wrong.into(),
        }
        .into(),
    );
    let locked_at = w.now;
    assert_eq!(
        tenth,
        Err(DomainError::TokenLocked {
            until: Timestamp(locked_at + HOUR)
        })
    );
    assert!(matches!(
        w.partner(
            partner_commands::CheckToken {
                token: good.clone()
            }
            .into()
        ),
        Err(DomainError::TokenLocked { .. })
    ));
    w.now = locked_at + HOUR - 1;
    assert!(matches!(
        w.partner(
            partner_commands::CheckToken {
                token: good.clone()
            }
            .into()
        ),
        Err(DomainError::TokenLocked { .. })
    ));
    w.now = locked_at + HOUR;
    assert!(matches!(
        w.partner(partner_commands::CheckToken { token: good }.into()),
        Ok(Reply::TokenAccepted { choice }) if choice.company == c
    ));
}

#[test]
fn wrong_tokens_spread_over_more_than_an_hour_do_not_lock() {
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    let good = token_of(&w, &c);
    w.as_person("b@example.com");
    for _ in 0..12 {
        let r = w.partner(
            partner_commands::CheckToken {
                token: "ZZZZZZZZZZZZZZZZ".into(),
            }
            .into(),
        );
        assert_eq!(
            r,
            Err(DomainError::Invalid(vec![(
                Field::Token,
                FieldError::TokenWrong
            )]))
        );
        w.now += 7 * MINUTE;
    }
    assert!(w
        .partner(partner_commands::CheckToken { token: good }.into())
        .is_ok());
}

#[test]
fn a_regenerated_token_replaces_the_old_one_at_once() {
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    let old = token_of(&w, &c);
    w.partner(partner_commands::RegenerateToken { company: c.clone() }.into())
        .unwrap();
    let new = token_of(&w, &c);
    assert_ne!(old, new);
    w.as_person("b@example.com");
    assert_eq!(
        w.partner(partner_commands::CheckToken { token: old }.into()),
        Err(DomainError::Invalid(vec![(
            Field::Token,
            FieldError::TokenWrong
        )]))
    );
    assert!(w
        .partner(partner_commands::CheckToken { token: new }.into())
        .is_ok());
    assert_eq!(
        w.partner(partner_commands::RegenerateToken { company: c }.into()),
        Err(DomainError::NotAllowed),
        "an outsider cannot"
    );
}

#[test]
fn an_apa_adds_a_person_by_their_verified_id_and_invites_one_without() {
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    let add = |email: &str| {
        partner_commands::AddEmployee {
            company: c.clone(),
            email: email.into(),
            location: 1,
            apa: false,
            profile: profile_input(&[]),
        }
        .into()
    };
    let nobody = text::Email::parse("nobody@example.com").unwrap();
    assert_eq!(
        w.partner(add("nobody@example.com")),
        Ok(Reply::InviteSent {
            email: nobody.clone()
        })
    );
    assert_eq!(
        w.partner(add("nobody@example.com")),
        Err(DomainError::Invalid(vec![(
            Field::Email,
            FieldError::AlreadyInvited
        )]))
    );
    let company = w.state.company(&c).unwrap();
    assert_eq!(company.invitations().len(), 1);
    assert!(company.employees().iter().all(|e| e.email != nobody));
    // Accepting the invitation creates the ID and makes the employee, as entered.
    let secret = w.invite_secret("nobody@example.com");
    w.device = Device::default();
    assert_eq!(
        w.accept_invite(&secret),
        Ok(Reply::InviteAccepted {
            to: onboard_core::route::Route::PartnerMe
        })
    );
    let me = w.actor().person().cloned().unwrap();
    assert_eq!(w.state.company_of(&me).map(|x| x.id()), Some(c.as_str()));
    assert!(w.state.company(&c).unwrap().invitations().is_empty());
    // Someone with an ID that is not verified yet is invited too; they accept signed
    // in, once verified.
    w.create("unverified@example.com", Lang::En).unwrap();
    w.as_person("apa@example.com");
    assert!(matches!(
        w.partner(add("unverified@example.com")),
        Ok(Reply::InviteSent { .. })
    ));
    let secret = w.invite_secret("unverified@example.com");
    w.device = Device::default();
    assert_eq!(
        w.accept_invite(&secret),
        Err(DomainError::Invalid(vec![(
            Field::Email,
            FieldError::EmailTaken
        )]))
    );
    w.as_person("third@example.com");
    assert_eq!(w.accept_invite(&secret), Err(DomainError::InviteForOther));
    let code = w.code_for("unverified@example.com");
    w.device = Device::default();
    w.run(
        identity_commands::VerifyId {
            email: "unverified@example.com".into(),
            code,
        }
        .into(),
    )
    .unwrap();
    assert!(matches!(
        w.accept_invite(&secret),
        Ok(Reply::InviteAccepted { .. })
    ));
    w.as_person("third@example.com");
    w.as_person("apa@example.com");
    assert!(matches!(
        w.partner(add("third@example.com")),
        Ok(Reply::EmployeeAdded { .. })
    ));
    assert_eq!(
        w.partner(add("third@example.com")),
        Err(DomainError::Invalid(vec![(
            Field::Email,
            FieldError::AlreadyEmployee
        )]))
    );
}

#[test]
fn a_company_invitation_is_resent_revoked_and_expires() {
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    w.partner(
        partner_commands::AddEmployee {
            company: c.clone(),
            email: "inv@example.com".into(),
            location: 1,
            apa: true,
            profile: profile_input(&[]),
        }
        .into(),
    )
    .unwrap();
    let first = w.invite_secret("inv@example.com");
    let resend: PartnerCommand = partner_commands::ResendInvite {
        company: c.clone(),
        email: "inv@example.com".into(),
    }
    .into();
    assert!(matches!(
        w.partner(resend.clone()),
        Ok(Reply::InviteSent { .. })
    ));
    let second = w.invite_secret("inv@example.com");
    assert_ne!(first, second);
    let apa = w.device.clone();
    w.device = Device::default();
    assert_eq!(w.accept_invite(&first), Err(DomainError::InviteInvalid));
    w.now += 7 * onboard_core::ctx::DAY;
    assert!(matches!(
        w.accept_invite(&second),
        Err(DomainError::InviteExpired { .. })
    ));
    // An employee who is not an administrator may do neither.
    w.as_person("emp@example.com");
    assert_eq!(w.partner(resend.clone()), Err(DomainError::NotAllowed));
    w.device = apa;
    w.as_person("apa@example.com");
    w.partner(resend).unwrap();
    let third = w.invite_secret("inv@example.com");
    w.partner(
        partner_commands::RevokeInvite {
            company: c.clone(),
            email: "inv@example.com".into(),
        }
        .into(),
    )
    .unwrap();
    assert!(w.state.company(&c).unwrap().invitations().is_empty());
    w.device = Device::default();
    assert_eq!(w.accept_invite(&third), Err(DomainError::InviteInvalid));
    assert_eq!(w.state.audit_events_of(AuditEvent::InviteRevoked), 1);
    assert_eq!(w.state.audit_events_of(AuditEvent::InviteResent), 2);
}

/// Roles: who may administer a company.
#[test]
fn role_matrix_and_the_last_apa_and_prc_rules() {
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    for e in ["emp@example.com", "prc@example.com"] {
        w.as_person(e);
    }
    w.as_person("apa@example.com");
    for e in ["emp@example.com", "prc@example.com"] {
        w.partner(
            partner_commands::AddEmployee {
                company: c.clone(),
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
            company: c.clone(),
            name: "Osaka".into(),
            postal: "530-0001".into(),
            prefecture: "Osaka".into(),
            city: "Kita-ku".into(),
            street: "1-1".into(),
            phone: "06-1234-5678".into(),
        }
        .into(),
    )
    .unwrap();
    w.partner(
        partner_commands::SetPrc {
            company: c.clone(),
            location: 2,
            email: "prc@example.com".into(),
        }
        .into(),
    )
    .unwrap();
    let h =
        onboard_core::report::company_history(&w.state, &w.actor(), &c, Timestamp(w.now)).unwrap();
    let prc = h
        .iter()
        .find(|e| e.event == AuditEvent::RoleChanged)
        .unwrap();
    assert_eq!(
        words::audit_detail(&prc.detail, Lang::En),
        "PRC of location Osaka: apa@example.com → prc@example.com",
        "the location by its name"
    );
    // The last APA cannot be demoted; with a second APA it can.
    assert_eq!(
        w.partner(
            partner_commands::SetApa {
                company: c.clone(),
                email: "apa@example.com".into(),
                apa: false
            }
            .into()
        ),
        Err(DomainError::LastApa)
    );
    // A PRC cannot be ended without a successor.
    assert_eq!(
        w.partner(
            partner_commands::SetEnd {
                company: c.clone(),
                email: "prc@example.com".into(),
                date: "2026-10-01".into()
            }
            .into()
        ),
        Err(DomainError::PrcNeeded)
    );
    let today = partner::today(Timestamp(w.now));
    let co = w.state.company(&c).unwrap().clone();
    assert_eq!(
        co.role_of(Some(&idof(&w, "apa@example.com")), &today),
        PartnerRole::Apa
    );
    assert_eq!(
        co.role_of(Some(&idof(&w, "prc@example.com")), &today),
        PartnerRole::Prc
    );
    assert_eq!(
        co.role_of(Some(&idof(&w, "emp@example.com")), &today),
        PartnerRole::Employee
    );
    assert!(co.is_admin(Some(&idof(&w, "prc@example.com")), &today));
    assert!(!co.is_admin(Some(&idof(&w, "emp@example.com")), &today));
    assert_eq!(
        co.locations().iter().filter(|l| l.hq).count(),
        1,
        "exactly one headquarters"
    );
    // An employee administers nothing: every admin command is refused and changes nothing.
    w.as_person("emp@example.com");
    let before = records_of(&w.state, AggKey::Company(c.clone()));
    let refused: Vec<PartnerCommand> = vec![
        partner_commands::RegenerateToken { company: c.clone() }.into(),
        partner_commands::SetAutoAccept {
            company: c.clone(),
            on: true,
        }
        .into(),
        partner_commands::SetApa {
            company: c.clone(),
            email: "emp@example.com".into(),
            apa: true,
        }
        .into(),
        partner_commands::SetPrc {
            company: c.clone(),
            location: 1,
            email: "emp@example.com".into(),
        }
        .into(),
        partner_commands::AddLocation {
            company: c.clone(),
            name: "X".into(),
            postal: "100-0001".into(),
            prefecture: "".into(),
            city: "C".into(),
            street: "S".into(),
            phone: "03-1111-2222".into(),
        }
        .into(),
        partner_commands::SetLevel {
            company: c.clone(),
            level: Membership::Gold,
        }
        .into(),
    ];
    for cmd in refused {
        assert_eq!(
            w.partner(cmd.clone()),
            Err(DomainError::NotAllowed),
            "{cmd:?}"
        );
    }
    assert_eq!(records_of(&w.state, AggKey::Company(c.clone())), before);
    // A PRC (not APA) administers but cannot grant the APA role.
    w.as_person("prc@example.com");
    assert!(w
        .partner(
            partner_commands::SetAutoAccept {
                company: c.clone(),
                on: true
            }
            .into()
        )
        .is_ok());
    assert_eq!(
        w.partner(
            partner_commands::SetApa {
                company: c.clone(),
                email: "emp@example.com".into(),
                apa: true
            }
            .into()
        ),
        Err(DomainError::NotAllowed)
    );
    // An end date deactivates.
    w.as_person("apa@example.com");
    w.partner(
        partner_commands::SetEnd {
            company: c.clone(),
            email: "emp@example.com".into(),
            date: "2026-09-01".into(),
        }
        .into(),
    )
    .unwrap();
    let co = w.state.company(&c).unwrap();
    assert_eq!(
        co.role_of(Some(&idof(&w, "emp@example.com")), &today),
        PartnerRole::Outsider
    );
    // The office sets the membership level.
    w.as_operator();
    w.partner(
        partner_commands::SetLevel {
            company: c.clone(),
            level: Membership::Gold,
        }
        .into(),
    )
    .unwrap();
    assert_eq!(w.state.company(&c).unwrap().level(), Membership::Gold);
    // Its administrators (the APA, the PRC) hear of it, each in their language; the
    // employee who left does not.
    let newest = |w: &World, to: &str| {
        let to = text::Email::parse(to).unwrap();
        let m = w.state.mails_newest_first(Some(&to)).next().cloned();
        m
    };
    for admin in ["apa@example.com", "prc@example.com"] {
        let m = newest(&w, admin).unwrap();
        assert_eq!(m.subject, "Example KK: your membership level has changed");
        assert!(
            format!("{:?}", m.blocks).contains("from Member to Gold"),
            "{:?}",
            m.blocks
        );
    }
    assert!(newest(&w, "emp@example.com").is_none_or(|m| !m.subject.contains("level")));
    // The same level again changes nothing: no mail, no record.
    let (mails, entries) = (w.state.mail_count(), w.state.audit_count());
    w.partner(
        partner_commands::SetLevel {
            company: c.clone(),
            level: Membership::Gold,
        }
        .into(),
    )
    .unwrap();
    assert_eq!(
        (w.state.mail_count(), w.state.audit_count()),
        (mails, entries)
    );
}

#[test]
fn news_follow_interests_and_level_and_stale_profiles_are_flagged() {
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    let ids: Vec<&str> = news_for(Membership::Member, &["cloud".to_string()], &[])
        .iter()
        .map(|n| n.id)
        .collect();
    assert_eq!(ids, vec!["n1", "n2"]);
    let ids: Vec<&str> = news_for(
        Membership::Gold,
        &["ai".to_string(), "data".to_string()],
        &[],
    )
    .iter()
    .map(|n| n.id)
    .collect();
    assert_eq!(ids, vec!["n1", "n3", "n5", "n6"]);
    // Industries of interest choose news as products do.
    let ids: Vec<&str> = news_for(Membership::Member, &[], &["finance".to_string()])
        .iter()
        .map(|n| n.id)
        .collect();
    assert_eq!(ids, vec!["n1", "n9"]);
    let me = w.actor().person().cloned().unwrap();
    let e = w.state.company(&c).unwrap().employee(&me).unwrap().clone();
    assert!(!Company::profile_stale(&e, Timestamp(w.now)));
    assert!(Company::profile_stale(&e, Timestamp(w.now + 275 * DAY)));
    w.now += 275 * DAY;
    w.sign_in("apa@example.com", PW).unwrap();
    w.partner(partner_commands::ConfirmProfile { company: c.clone() }.into())
        .unwrap();
    let e = w.state.company(&c).unwrap().employee(&me).unwrap().clone();
    assert!(!Company::profile_stale(&e, Timestamp(w.now)));
    w.partner(
        partner_commands::UpdateMyProfile {
            company: c.clone(),
            profile: profile_input(&["security"]),
        }
        .into(),
    )
    .unwrap();
    assert_eq!(
        w.state
            .company(&c)
            .unwrap()
            .employee(&me)
            .unwrap()
            .profile
            .interests,
        vec!["security"]
    );
}

#[test]
fn dates_and_web_addresses_parse() {
    assert_eq!(
        parse_date("２０２６/０９/０１").unwrap().as_deref(),
        Some("2026-09-01")
    );
    assert_eq!(parse_date("").unwrap(), None);
    assert_eq!(parse_date("2026-02-30"), Err(FieldError::DateFormat));
    assert_eq!(parse_date("26-1-1"), Err(FieldError::DateFormat));
    assert_eq!(
        parse_web("https://example.com/a?b").unwrap(),
        "https://example.com/a?b"
    );
    assert_eq!(parse_web("javascript:alert(1)"), Err(FieldError::WebFormat));
    assert_eq!(parse_web("http://<x>.com"), Err(FieldError::WebFormat));
}

#[test]
fn admins_edit_the_company_and_its_locations_and_others_cannot() {
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    let mut input = company_input("Example Holdings KK");
    input.models = vec!["consulting".into()];
    w.partner(
        partner_commands::EditCompany {
            company: c.clone(),
            input: input.clone(),
        }
        .into(),
    )
    .unwrap();
    assert_eq!(
        w.state.company(&c).unwrap().profile().legal_name,
        "Example Holdings KK"
    );
    let edit_loc: PartnerCommand = partner_commands::EditLocation {
        company: c.clone(),
        location: 1,
        name: "Tokyo HQ".into(),
        postal: "100-0005".into(),
        prefecture: "Tokyo".into(),
        city: "Chiyoda-ku".into(),
        street: "Marunouchi 1-1".into(),
        phone: "03-9999-0000".into(),
    }
    .into();
    w.partner(edit_loc.clone()).unwrap();
    assert_eq!(
        w.state.company(&c).unwrap().location(1).unwrap().name,
        "Tokyo HQ"
    );
    assert!(
        w.state.company(&c).unwrap().location(1).unwrap().hq,
        "still the headquarters"
    );
    w.as_person("outsider@example.com");
    assert_eq!(
        w.partner(
            partner_commands::EditCompany {
                company: c.clone(),
                input
            }
            .into()
        ),
        Err(DomainError::NotAllowed)
    );
    assert_eq!(w.partner(edit_loc), Err(DomainError::NotAllowed));
    assert_eq!(w.state.audit_events_of(AuditEvent::CompanyEdited), 2);
    w.as_person("apa@example.com");
    let h =
        onboard_core::report::company_history(&w.state, &w.actor(), &c, Timestamp(w.now)).unwrap();
    let edited = h
        .iter()
        .find(|e| e.event == AuditEvent::CompanyEdited && e.detail.parts().len() > 4)
        .unwrap();
    let (en, ja) = (
        words::audit_detail(&edited.detail, Lang::En),
        words::audit_detail(&edited.detail, Lang::Ja),
    );
    assert!(
        en.starts_with("legal name: Example KK → Example Holdings KK / "),
        "{en}"
    );
    assert!(
        en.contains("business model: ") && en.contains("→ Consulting"),
        "{en}"
    );
    assert!(
        ja.starts_with("会社名: Example KK → Example Holdings KK / "),
        "{ja}"
    );
}

#[test]
fn generated_tokens_have_no_look_alike_characters_and_old_ones_still_parse() {
    for seed in 0..200u8 {
        let t = CompanyToken::generate(&Ctx::fixed(0, seed));
        assert!(!t.as_str().contains(['I', 'O', '0', '1']), "{}", t.as_str());
    }
    assert!(
        CompanyToken::parse("ABCD0000OOOO1111").is_ok(),
        "a token of any letters and digits stays valid"
    );
}

#[test]
fn the_demo_data_has_an_approved_partner_company() {
    let state = onboard_core::demo::build(Timestamp(T0), [2; 32]).unwrap();
    let c = state.companies().next().unwrap();
    assert_eq!(c.profile().legal_name, "Demo Partners KK");
    assert!(c.employees().iter().next().unwrap().apa);
}

/// The stored records of an aggregate: its head and the parts of its lists.
fn records_of(state: &State, head: AggKey) -> Vec<(AggKey, Option<String>)> {
    std::iter::once(head.clone())
        .chain(state.parts_of(&head))
        .map(|k| (k.clone(), state.aggregate(&k)))
        .collect()
}

/// A company's own audit trail and its employees as CSV: for its APAs and PRCs only.
#[test]
fn a_company_history_and_employee_list_are_for_its_administrators() {
    use onboard_core::report::{company_employees_csv, company_history};
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    w.as_person("emp@example.com");
    w.as_person("apa@example.com");
    w.partner(
        partner_commands::AddEmployee {
            company: c.clone(),
            email: "emp@example.com".into(),
            location: 1,
            apa: false,
            profile: profile_input(&[]),
        }
        .into(),
    )
    .unwrap();
    let now = Timestamp(w.now);
    let h = company_history(&w.state, &w.actor(), &c, now).unwrap();
    assert_eq!(h[0].event, AuditEvent::EmployeeAdded);
    assert!(words::audit_detail(&h[0].detail, Lang::En).contains("emp@example.com"));
    assert!(h.iter().all(|e| e.subject == c));
    let csv = company_employees_csv(&w.state, &w.actor(), &c, now).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(
        lines[0],
        "family_name,given_name,email,phone,location,apa,prc,end,confirmed,active"
    );
    assert_eq!(lines.len(), 4, "header, two employees, final line break");
    assert!(lines[1].contains("apa@example.com") && lines[1].contains(",yes,yes,,"));
    assert!(lines[2].contains("emp@example.com") && lines[2].contains(",no,no,,"));
    w.as_person("emp@example.com");
    assert_eq!(
        company_history(&w.state, &w.actor(), &c, now).map(|h| h.len()),
        Err(DomainError::NotAllowed)
    );
    assert_eq!(
        company_employees_csv(&w.state, &w.actor(), &c, now),
        Err(DomainError::NotAllowed)
    );
    w.as_operator();
    assert!(company_history(&w.state, &w.actor(), &c, now).is_ok());
}

/// The person who asked withdraws their association request while it waits; nobody
/// else can, a decided one cannot be, and they may ask again afterwards.
#[test]
fn a_waiting_join_request_is_withdrawn_by_its_asker_only() {
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    let token = token_of(&w, &c);
    let join = |token: &str| {
        partner_commands::Join {
            token: token.into(),
            location: 1,
            profile: profile_input(&["security"]),
        }
        .into()
    };
    w.as_person("b@example.com");
    assert_eq!(w.partner(join(&token)), Ok(Reply::JoinPending));
    let request = w
        .state
        .company(&c)
        .unwrap()
        .requests()
        .iter()
        .last()
        .unwrap()
        .id;
    let withdraw: PartnerCommand = partner_commands::WithdrawJoin {
        company: c.clone(),
        request,
    }
    .into();
    // The APA (who decides it) cannot withdraw it, nor can another person.
    for other in ["apa@example.com", "x@example.com"] {
        w.as_person(other);
        assert_eq!(
            w.partner(withdraw.clone()),
            Err(DomainError::NotFound),
            "{other}"
        );
    }
    w.as_person("b@example.com");
    assert_eq!(w.partner(withdraw.clone()), Ok(Reply::Withdrawn));
    let r = w
        .state
        .company(&c)
        .unwrap()
        .requests()
        .iter()
        .last()
        .unwrap()
        .clone();
    assert!(matches!(r.status, JoinStatus::Withdrawn { .. }));
    assert_eq!(w.state.company(&c).unwrap().pending().count(), 0);
    assert_eq!(
        w.partner(withdraw.clone()),
        Err(DomainError::AlreadyDecided)
    );
    // A withdrawn request is not "waiting": asking again is a new request.
    assert_eq!(w.partner(join(&token)), Ok(Reply::JoinPending));
    w.as_person("apa@example.com");
    let h =
        onboard_core::report::company_history(&w.state, &w.actor(), &c, Timestamp(w.now)).unwrap();
    assert!(h.iter().any(|e| e.event == AuditEvent::RequestWithdrawn
        && words::audit_detail(&e.detail, Lang::En) == "b@example.com: pending → withdrawn"
        && words::audit_detail(&e.detail, Lang::Ja) == "b@example.com: 審査待ち → 取り下げ"));
}

/// A join request nobody decides expires after 30 days; its asker is told.
#[test]
fn join_requests_nobody_decides_expire_after_30_days() {
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    let token = token_of(&w, &c);
    w.as_person("b@example.com");
    w.partner(
        partner_commands::Join {
            token,
            location: 1,
            profile: profile_input(&[]),
        }
        .into(),
    )
    .unwrap();
    w.now += 30 * DAY;
    w.as_person("b@example.com");
    let expire: PartnerCommand = partner_commands::ExpireJoins { company: c.clone() }.into();
    assert_eq!(w.partner(expire.clone()), Err(DomainError::NotAllowed));
    w.as_person("apa@example.com");
    assert_eq!(
        w.state.company(&c).unwrap().overdue_joins(Timestamp(w.now)),
        1
    );
    assert_eq!(w.partner(expire), Ok(Reply::Expired { count: 1 }));
    assert_eq!(w.state.company(&c).unwrap().pending().count(), 0);
    let b = text::Email::parse("b@example.com").unwrap();
    assert_eq!(
        w.state.mails_newest_first(Some(&b)).next().unwrap().subject,
        "Your request to join expired"
    );
    // Asking again after 30 more days with nobody marking it: the old one expires
    // with the new request instead of blocking it.
    let join: PartnerCommand = partner_commands::Join {
        token: token_of(&w, &c),
        location: 1,
        profile: profile_input(&[]),
    }
    .into();
    w.as_person("b@example.com");
    w.partner(join.clone()).unwrap();
    assert_eq!(w.partner(join.clone()), Err(DomainError::DuplicateRequest));
    w.now += 30 * DAY;
    w.as_person("b@example.com");
    w.partner(join).unwrap();
    let c = w.state.company(&c).unwrap();
    assert_eq!(c.pending().count(), 1);
    assert_eq!(
        c.requests()
            .iter()
            .filter(|r| matches!(r.status, JoinStatus::Expired { .. }))
            .count(),
        2
    );
}

/// The audit trail names a company by its legal name, not by its internal id (which
/// nobody sees elsewhere): the approval's detail, and the subject of its own events.
#[test]
fn the_audit_trail_names_a_company_not_its_id() {
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    w.as_operator();
    let trail = w.state.audit_trail(&w.actor()).unwrap();
    let approved = trail
        .iter()
        .find(|e| e.event == AuditEvent::ApplicationApproved)
        .unwrap();
    assert_eq!(
        words::audit_detail(&approved.detail, Lang::En),
        "company Example KK"
    );
    assert_eq!(
        words::audit_detail(&approved.detail, Lang::Ja),
        "企業 Example KK"
    );
    assert!(!words::audit_detail(&approved.detail, Lang::En).contains(&c));
    assert_eq!(w.state.subject_name(&c), "Example KK");
    assert_eq!(
        w.state.subject_name("apa@example.com"),
        "apa@example.com",
        "anything else is its own name"
    );
}

/// The office's audit trail searched as its page searches it (by event, and by the
/// words a reader sees), and those entries as CSV: for the program office only.
#[test]
fn the_audit_trail_is_searched_and_exported_as_the_reader_sees_it() {
    use onboard_core::report::{audit_csv, audit_search};
    let mut w = World::new();
    let c = w.approved_company("apa@example.com", "Example KK");
    w.as_person("apa@example.com");
    w.partner(partner_commands::RegenerateToken { company: c.clone() }.into())
        .unwrap();
    assert_eq!(
        audit_search(&w.state, &w.actor(), None, "", Lang::En).err(),
        Some(DomainError::NotAllowed)
    );
    assert_eq!(
        audit_csv(&w.state, &w.actor(), None, "", Lang::En).err(),
        Some(DomainError::NotAllowed)
    );
    w.as_operator();
    let op = w.actor();
    let all = audit_search(&w.state, &op, None, "", Lang::En).unwrap();
    assert_eq!(all.len(), w.state.audit_count());
    // By the company's name, though entries record its id as their subject.
    let named = audit_search(&w.state, &op, None, "example kk", Lang::En).unwrap();
    assert!(named.iter().any(|e| e.subject == c), "{named:?}");
    // Typed on a Japanese keyboard: full-width letters and its wide space.
    let wide = audit_search(&w.state, &op, None, "ＥＸＡＭＰＬＥ\u{3000}ＫＫ", Lang::En).unwrap();
    assert_eq!(wide, named);
    let approval = Some(AuditEvent::ApplicationApproved);
    let found = |text: &str, lang: Lang| audit_search(&w.state, &op, approval, text, lang).unwrap();
    let approved = found("", Lang::Ja);
    assert_eq!(approved.len(), 1);
    // The detail as the reader reads it: "company" in English, 企業 in Japanese.
    assert_eq!(found("企業", Lang::Ja).len(), 1);
    assert!(found("企業", Lang::En).is_empty());

    let csv = audit_csv(&w.state, &op, approval, "", Lang::Ja).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "time_utc,event,event_name,actor,subject,subject_name,detail"
    );
    let row: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(row.len(), 7, "{}", lines[1]);
    assert!(row[0].ends_with('Z') && row[0].len() == 20, "{}", row[0]);
    assert_eq!(
        &row[1..],
        [
            "ApplicationApproved",
            "申請承認",
            "プログラム・オフィス",
            approved[0].subject.as_str(),
            approved[0].subject.as_str(),
            "企業 Example KK"
        ]
    );
    assert_eq!(lines[2], "", "one entry, then the last line's end");
    assert_eq!(lines.len(), 3);
}

/// What people typed reaches the audit trail's CSV as text, never as a spreadsheet
/// formula: a legal name starting with "=" gets a leading apostrophe.
#[test]
fn the_audit_trail_csv_never_carries_a_formula() {
    use onboard_core::report::audit_csv;
    let mut w = World::new();
    w.approved_company("apa@example.com", "=1+1 KK");
    w.as_operator();
    let csv = audit_csv(
        &w.state,
        &w.actor(),
        Some(AuditEvent::ApplicationSubmitted),
        "",
        Lang::En,
    )
    .unwrap();
    let row = csv.split("\r\n").nth(1).unwrap();
    assert!(row.ends_with(",'=1+1 KK"), "{row}");
}

#[test]
fn a_list_of_choices_is_said_in_the_readers_language() {
    use onboard_core::partner::{choice_list, BUSINESS_MODELS};
    let keys: Vec<String> = ["reseller", "", "services"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    // English lists take a comma and a space, never the Japanese 、.
    assert_eq!(
        choice_list(BUSINESS_MODELS, &keys, Lang::En),
        "Reseller, Services"
    );
    assert_eq!(
        choice_list(BUSINESS_MODELS, &keys, Lang::Ja),
        "販売 (リセラー)、サービス"
    );
    assert_eq!(choice_list(BUSINESS_MODELS, &[], Lang::En), "");
}

/// The office's list of applications: sent ones only, newest first, by stage and by
/// what is typed (number, email, company, the applicant's name in either order).
#[test]
fn the_office_finds_applications_by_stage_and_by_what_was_typed() {
    let mut w = World::new();
    let mut numbers = Vec::new();
    for (who, company) in [
        ("a@example.com", "Alpha KK"),
        ("b@example.com", "Beta KK"),
        ("c@example.jp", "Gamma KK"),
    ] {
        numbers.push(w.submitted_application(who, company));
        w.now += 60_000;
    }
    w.as_person("draft@example.com");
    w.partner(
        partner_commands::AcceptAgreement {
            version: AGREEMENT_VERSION.into(),
        }
        .into(),
    )
    .unwrap();
    w.as_operator();
    w.partner(
        partner_commands::Approve {
            number: numbers[1].clone(),
        }
        .into(),
    )
    .unwrap();
    w.partner(
        partner_commands::Reject {
            number: numbers[2].clone(),
            reason: "Not a partner".into(),
        }
        .into(),
    )
    .unwrap();
    assert_eq!(w.state.application_counts(), [1, 0, 1, 1]);
    let found = |typed: &str, stage: Option<AppStage>| -> Vec<String> {
        let key = text::search_key(typed.trim());
        w.state
            .sent_applications(&key, stage)
            .into_iter()
            .map(|a| a.number().to_string())
            .collect()
    };
    let newest_first: Vec<String> = numbers.iter().rev().cloned().collect();
    assert_eq!(found("", None), newest_first, "no draft, newest first");
    assert_eq!(found("", Some(AppStage::Submitted)), [numbers[0].clone()]);
    assert_eq!(found("", Some(AppStage::Approved)), [numbers[1].clone()]);
    assert_eq!(found("", Some(AppStage::Rejected)), [numbers[2].clone()]);
    assert!(found("", Some(AppStage::DocumentsRequested)).is_empty());
    for (typed, want) in [
        ("beta", vec![numbers[1].clone()]),
        ("ＧＡＭＭＡ", vec![numbers[2].clone()]),
        ("example.jp", vec![numbers[2].clone()]),
        ("ichiro suzuki", newest_first.clone()),
        ("suzukiichiro", newest_first.clone()),
        (&numbers[0].to_lowercase(), vec![numbers[0].clone()]),
        ("draft@", vec![]),
    ] {
        assert_eq!(found(typed, None), want, "typed {typed:?}");
    }
    assert!(found("beta", Some(AppStage::Submitted)).is_empty());
    for s in AppStage::ALL {
        assert_eq!(AppStage::parse(s.code()), Some(s));
    }
}

/// The office's list of member companies: newest member first, by level and by what
/// is typed (the legal name, full-width or not, or the application's number).
#[test]
fn the_office_finds_member_companies_by_level_and_by_what_was_typed() {
    let mut w = World::new();
    let mut ids = Vec::new();
    for (who, company) in [
        ("a@example.com", "Alpha KK"),
        ("b@example.com", "Beta KK"),
        ("c@example.jp", "Gamma KK"),
    ] {
        ids.push(w.approved_company(who, company));
        w.now += 60_000;
    }
    // An application under review is not a member company.
    w.submitted_application("d@example.com", "Delta KK");
    w.as_operator();
    w.partner(
        partner_commands::SetLevel {
            company: ids[1].clone(),
            level: Membership::Gold,
        }
        .into(),
    )
    .unwrap();
    assert_eq!(w.state.level_counts(), [2, 0, 1, 0]);
    let found = |typed: &str, level: Option<Membership>| -> Vec<String> {
        let key = text::search_key(typed.trim());
        w.state
            .member_companies(&key, level)
            .into_iter()
            .map(|c| c.id().to_string())
            .collect()
    };
    let newest_first: Vec<String> = ids.iter().rev().cloned().collect();
    assert_eq!(found("", None), newest_first, "newest member first");
    assert_eq!(found("", Some(Membership::Gold)), [ids[1].clone()]);
    assert_eq!(
        found("", Some(Membership::Member)),
        [ids[2].clone(), ids[0].clone()]
    );
    assert!(found("", Some(Membership::Platinum)).is_empty());
    let number = w.state.company(&ids[2]).unwrap().application().to_string();
    for (typed, want) in [
        ("beta", vec![ids[1].clone()]),
        ("  ＧＡＭＭＡ ", vec![ids[2].clone()]),
        (&number.to_lowercase(), vec![ids[2].clone()]),
        ("kk", newest_first.clone()),
        ("delta", vec![]),
    ] {
        assert_eq!(found(typed, None), want, "typed {typed:?}");
    }
    assert!(found("beta", Some(Membership::Member)).is_empty());
    // From an approved application to the company it made; none before approval.
    assert_eq!(
        w.state.company_from_application(&number).map(|c| c.id()),
        Some(ids[2].as_str())
    );
    let pending = w
        .state
        .sent_applications("", None)
        .into_iter()
        .find(|a| a.company().is_some_and(|c| c.legal_name == "Delta KK"))
        .map(|a| a.number().to_string())
        .unwrap();
    assert!(w.state.company_from_application(&pending).is_none());
    for m in Membership::ALL {
        assert_eq!(Membership::ALL[m.index()], m);
    }
}
