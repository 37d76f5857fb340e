//! Layer 1: customer sites: enrolment, passcode, contacts, users, requests, help, and
//! the permission matrix.
mod common;
use common::*;
use onboard_core::audit::AuditEvent;
use onboard_core::ctx::DAY;
use onboard_core::i18n::Lang;
use onboard_core::identity_commands;
use onboard_core::mail::Block;
use onboard_core::site_commands;
use onboard_core::*;

/// The passcode with its first character changed (still a valid shape).
fn wrong_passcode(code: &str) -> String {
    let first = if code.starts_with('A') { 'B' } else { 'A' };
    format!("{first}{}", code.get(1..).unwrap_or(""))
}

fn num(s: &str) -> SiteNumber {
    SiteNumber::parse(s).unwrap()
}

#[test]
fn numbers_and_passcodes_parse_strictly() {
    assert_eq!(
        SiteNumber::parse("１２３ ４５６７").unwrap().as_str(),
        "1234567"
    );
    assert_eq!(
        SiteNumber::parse("123456"),
        Err(FieldError::DigitsFormat { len: 7 })
    );
    assert_eq!(
        CustomerNumber::parse("12-34-567").unwrap().as_str(),
        "1234567"
    );
    assert_eq!(parse_passcode("abcd efgh").unwrap(), "ABCDEFGH");
    assert_eq!(
        parse_passcode("ABCD-EFG1"),
        Err(FieldError::PasscodeFormat),
        "1 is a look-alike, never issued"
    );
    assert_eq!(parse_passcode("ABCDEFGO"), Err(FieldError::PasscodeFormat));
    assert_eq!(parse_passcode("ABC"), Err(FieldError::PasscodeFormat));
    assert_eq!(
        Phone::parse("+81 (3) 1234-5678").unwrap().as_str(),
        "+81 (3) 1234-5678"
    );
    assert_eq!(Phone::parse("12345"), Err(FieldError::PhoneFormat));
    assert_eq!(Phone::parse("03-1234-5678x"), Err(FieldError::PhoneFormat));
    let jp = text::Country::parse("JP").unwrap();
    assert_eq!(parse_postal("〒106-8711", jp).unwrap(), "106-8711");
    assert_eq!(parse_postal("１０６８７１１", jp).unwrap(), "106-8711");
    assert_eq!(parse_postal("10687", jp), Err(FieldError::PostalFormat));
    let gb = text::Country::parse("GB").unwrap();
    assert_eq!(parse_postal("sw1a 1aa", gb).unwrap(), "SW1A 1AA");
}

#[test]
fn enrolment_assigns_numbers_and_mails_the_welcome() {
    let mut w = World::new();
    let (site, customer, code) = w.enrol("hanako@example.jp");
    assert_eq!(site.len(), 7);
    assert_eq!(customer.len(), 7);
    assert_eq!(code.len(), 8);
    assert!(code.bytes().all(|b| PASSCODE_ALPHABET.contains(&b)));
    let s = w.state.site(&num(&site)).unwrap();
    assert_eq!(s.agreement().as_str().len(), 8);
    assert_eq!(
        s.anniversary(),
        "09.01",
        "the first day of the enrolment month (2026-09-21 JST)"
    );
    assert_eq!(s.state(), SiteState::Awaiting);
    let e = text::Email::parse("hanako@example.jp").unwrap();
    let m = w.state.mails_newest_first(Some(&e)).next().unwrap();
    assert_eq!(
        m.subject,
        "パスポート・アドバンテージ・オンラインにアクセスしてください"
    );
    let fields: Vec<(&str, &str)> = m
        .blocks
        .iter()
        .filter_map(|b| {
            if let Block::Field(l, v) = b {
                Some((l.as_str(), v.as_str()))
            } else {
                None
            }
        })
        .collect();
    assert_eq!(
        fields,
        vec![
            ("お客様番号 (ICN)", customer.as_str()),
            ("アニバーサリー・デート", "09.01"),
            ("サイトご担当者名", "Yamada Hanako"),
            ("サイト番号", site.as_str()),
            ("契約番号", s.agreement().as_str()),
            ("サイトご担当者 eメール・アドレス", "hanako@example.jp"),
        ]
    );
    let create_id = "/id/new?email=hanako%40example.jp";
    assert!(
        m.blocks
            .iter()
            .any(|b| matches!(b, Block::Link(_, to) if to.as_str().starts_with(create_id))),
        "create-an-ID link"
    );
    // The seed's headings, in its order and words.
    let headings: Vec<&str> = m
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    let seed = [
        "パスポート・アドバンテージ・オンラインへの初回「サインイン」とユーザーアクセスについて",
        "ステップ 1 – 初回サインイン",
        "ステップ 2 – 各連絡先の更新",
        "ステップ 3 – セカンダリー・ユーザーとユーザーを追加する",
        "初回のサインイン後にパスポート・アドバンテージ・オンラインを使用する",
    ];
    assert_eq!(headings[headings.len() - seed.len()..], seed);
    // The passcode is stored hashed only.
    let json = w
        .state
        .aggregate(&AggKey::Site(num(&site)))
        .unwrap()
        .to_string();
    assert!(!json.contains(&code));
}

#[test]
fn numbers_are_unique_across_sites() {
    let mut w = World::new();
    let mut sites = std::collections::BTreeSet::new();
    let mut customers = std::collections::BTreeSet::new();
    for i in 0..12 {
        let (s, c, _) = w.enrol(&format!("p{i}@example.com"));
        assert!(sites.insert(s));
        assert!(customers.insert(c));
    }
}

#[test]
fn only_the_operator_enrols_and_reissues() {
    let mut w = World::new();
    let (site, _, _) = w.enrol("p@example.com");
    w.as_person("someone@example.com");
    assert_eq!(
        w.site(site_commands::ReissuePasscode { site: site.clone() }.into()),
        Err(DomainError::NotAllowed)
    );
    let enrol = site_commands::Enrol {
        company: "X".into(),
        country: "JP".into(),
        postal: "1000001".into(),
        prefecture: "Tokyo".into(),
        city: "Chiyoda".into(),
        street: "1".into(),
        family: "A".into(),
        given: "B".into(),
        email: "c@example.com".into(),
        mail_lang: Lang::En,
    }
    .into();
    assert_eq!(w.site(enrol), Err(DomainError::NotAllowed));
}

#[test]
fn first_sign_in_wrong_then_right_passcode() {
    let mut w = World::new();
    let (site, _, code) = w.enrol("p@example.com");
    w.as_person("p@example.com");
    let wrong = wrong_passcode(&code);
    assert_eq!(
        w.site(
            site_commands::FirstSignIn {
                site: site.clone(),
                passcode: wrong
            }
            .into()
        ),
        Err(DomainError::Invalid(vec![(
            Field::Passcode,
            FieldError::PasscodeWrong { tries_left: 4 }
        )]))
    );
    assert_eq!(
        w.site(
            site_commands::FirstSignIn {
                site: site.clone(),
                passcode: code.to_lowercase()
            }
            .into()
        ),
        Ok(Reply::SiteActivated { site: site.clone() })
    );
    let s = w.state.site(&num(&site)).unwrap();
    assert_eq!(s.state(), SiteState::Active);
    assert_eq!(
        w.site(
            site_commands::FirstSignIn {
                site: site.clone(),
                passcode: code
            }
            .into()
        ),
        Err(DomainError::SiteNotAwaiting),
        "spent"
    );
    assert_eq!(w.state.audit_events_of(AuditEvent::PasscodeFailed), 1);
    assert_eq!(w.state.audit_events_of(AuditEvent::SiteFirstSignIn), 1);
}

#[test]
fn five_wrong_passcodes_lock_until_the_office_reissues() {
    let mut w = World::new();
    let (site, _, code) = w.enrol("p@example.com");
    w.as_person("p@example.com");
    let wrong = wrong_passcode(&code);
    for left in [4, 3, 2, 1] {
        let r = w.site(
            site_commands::FirstSignIn {
                site: site.clone(),
                passcode: wrong.clone(),
            }
            .into(),
        );
        assert_eq!(
            r,
            Err(DomainError::Invalid(vec![(
                Field::Passcode,
                FieldError::PasscodeWrong { tries_left: left }
            )]))
        );
    }
    assert_eq!(
        w.site(
            site_commands::FirstSignIn {
                site: site.clone(),
                passcode: wrong
            }
            .into()
        ),
        Err(DomainError::PasscodeLocked)
    );
    assert_eq!(
        w.site(
            site_commands::FirstSignIn {
                site: site.clone(),
                passcode: code.clone()
            }
            .into()
        ),
        Err(DomainError::PasscodeLocked),
        "even the right one"
    );
    assert_eq!(
        w.state.site(&num(&site)).unwrap().state(),
        SiteState::Locked
    );
    w.as_operator();
    w.site(site_commands::ReissuePasscode { site: site.clone() }.into())
        .unwrap();
    let new_code = w.code_for("p@example.com");
    assert_ne!(new_code, code);
    w.as_person("p@example.com");
    assert!(
        w.site(
            site_commands::FirstSignIn {
                site: site.clone(),
                passcode: code
            }
            .into()
        )
        .is_err(),
        "the old passcode stopped working"
    );
    assert_eq!(
        w.site(
            site_commands::FirstSignIn {
                site: site.clone(),
                passcode: new_code
            }
            .into()
        ),
        Ok(Reply::SiteActivated { site })
    );
}

#[test]
fn an_expired_passcode_is_refused() {
    let mut w = World::new();
    let (site, _, code) = w.enrol("p@example.com");
    w.now += 30 * DAY;
    w.as_person("p@example.com");
    assert_eq!(
        w.site(
            site_commands::FirstSignIn {
                site,
                passcode: code
            }
            .into()
        ),
        Err(DomainError::Invalid(vec![(
            Field::Passcode,
            FieldError::PasscodeExpired
        )]))
    );
}

#[test]
fn only_the_primary_contact_can_use_the_passcode() {
    let mut w = World::new();
    let (site, _, code) = w.enrol("p@example.com");
    w.as_person("intruder@example.com");
    assert_eq!(
        w.site(
            site_commands::FirstSignIn {
                site,
                passcode: code
            }
            .into()
        ),
        Err(DomainError::NotAllowed)
    );
}

fn contact(site: &str, role: Role, email: &str) -> SiteCommand {
    site_commands::SetContact {
        site: site.into(),
        role,
        family: "Sato".into(),
        given: "Jiro".into(),
        email: email.into(),
        phone: "03-1234-5678".into(),
        country: "JP".into(),
        postal: "100-0001".into(),
        city: "Chiyoda-ku".into(),
        address: "1-1".into(),
        seen: None,
    }
    .into()
}

#[test]
fn key_contacts_fall_back_to_the_primary_and_the_primary_role_is_not_editable() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    let s = w.state.site(&num(&site)).unwrap();
    assert!(
        Role::DELEGABLE.iter().all(|r| s.contact(*r).is_none()),
        "every role falls back to the primary"
    );
    w.site(contact(&site, Role::Technical, "tech@example.com"))
        .unwrap();
    w.site(contact(&site, Role::Billing, "bill@example.com"))
        .unwrap();
    assert_eq!(
        w.site(contact(&site, Role::Primary, "x@example.com")),
        Err(DomainError::NotAllowed)
    );
    let s = w.state.site(&num(&site)).unwrap();
    assert_eq!(
        s.contact(Role::Technical).unwrap().email.as_str(),
        "tech@example.com"
    );
    assert!(s.contact(Role::Renewal).is_none());
    w.site(
        site_commands::ClearContact {
            site: site.clone(),
            role: Role::Billing,
            seen: None,
        }
        .into(),
    )
    .unwrap();
    assert!(w
        .state
        .site(&num(&site))
        .unwrap()
        .contact(Role::Billing)
        .is_none());
    let mut bad = contact(&site, Role::Renewal, "not-an-email");
    if let SiteCommand::SetContact(site_commands::SetContact { phone, .. }) = &mut bad {
        *phone = "12".into();
    }
    let Err(DomainError::Invalid(errs)) = w.site(bad) else {
        panic!()
    };
    assert_eq!(
        errs.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        vec![Field::Email, Field::Phone]
    );
    assert_eq!(w.state.audit_events_of(AuditEvent::ContactChanged), 2);
    assert_eq!(w.state.audit_events_of(AuditEvent::ContactCleared), 1);
}

/// The site's writers (who a shared server lets write its records) are exactly those
/// `may` lets edit contacts or manage users: the primary, and secondaries with Update.
#[test]
fn the_writers_of_a_site_are_those_who_may_change_it() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    for (email, contacts, access, secondary) in [
        ("c@example.com", Level::Update, Level::View, true),
        ("m@example.com", Level::View, Level::Update, true),
        ("v@example.com", Level::View, Level::View, true),
        ("u@example.com", Level::Update, Level::Update, false),
    ] {
        w.site(
            site_commands::AddUser {
                site: site.clone(),
                email: email.into(),
                privileges: privs(contacts, access),
                secondary,
            }
            .into(),
        )
        .unwrap();
    }
    let s = w.state.site(&num(&site)).unwrap();
    let mut writers: Vec<&str> = s.writers().iter().map(|e| e.as_str()).collect();
    writers.sort();
    assert_eq!(writers, ["c@example.com", "m@example.com", "p@example.com"]);
    for u in s.users().iter() {
        let by_may = [SiteAction::EditContacts, SiteAction::ManageUsers]
            .into_iter()
            .any(|a| may(s, Some(&u.email), a));
        assert_eq!(by_may, writers.contains(&u.email.as_str()), "{}", u.email);
    }
}

/// Two people (or one offline) edit the same key contact: an edit made from the version
/// someone else has replaced since is refused and changes nothing; one made from the
/// current version (or without a version) goes through.
#[test]
fn a_contact_edit_made_from_a_replaced_version_is_refused() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    let version = |w: &World| {
        w.state
            .site(&num(&site))
            .unwrap()
            .contact_version(Role::Technical)
    };
    let opened = version(&w);
    assert_eq!(opened, "", "no contact yet");
    let with_seen = |email: &str, seen: &str| {
        let mut c = contact(&site, Role::Technical, email);
        if let SiteCommand::SetContact(site_commands::SetContact { seen: s, .. }) = &mut c {
            *s = Some(seen.to_string());
        }
        c
    };
    w.site(with_seen("first@example.com", &opened)).unwrap();
    let now = version(&w);
    assert_eq!(now.len(), 16);
    let before = w.state.clone();
    assert_eq!(
        w.site(with_seen("second@example.com", &opened)),
        Err(DomainError::ChangedMeanwhile)
    );
    assert_eq!(
        w.site(
            site_commands::ClearContact {
                site: site.clone(),
                role: Role::Technical,
                seen: Some(opened.clone()),
            }
            .into()
        ),
        Err(DomainError::ChangedMeanwhile)
    );
    assert_eq!(version(&w), now, "nothing changed");
    assert_eq!(w.state.mail_count(), before.mail_count());
    w.site(with_seen("second@example.com", &now)).unwrap();
    assert_ne!(version(&w), now);
}

/// Seed 000: key contacts receive the mail about the site. Whoever is named is told
/// (with the role, and that using the site needs access as a user); whoever is replaced
/// or cleared is told too; editing a contact's details tells nobody again.
#[test]
fn key_contacts_are_told_when_named_and_when_replaced() {
    use onboard_core::i18n::{M, T};
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    // The mails about key contacts of this site that `email` got, newest first, each
    // as (subject, named?) in the mail's own language.
    let told = |w: &World, email: &str| -> Vec<bool> {
        let e = text::Email::parse(email).unwrap();
        w.state
            .mails_newest_first(Some(&e))
            .filter_map(|m| {
                let named = M::MailKeyContactNamed.fill(m.lang, &[&site]);
                let released = M::MailKeyContactReleased.fill(m.lang, &[&site]);
                (m.subject == named || m.subject == released).then_some(m.subject == named)
            })
            .collect()
    };
    w.site(contact(&site, Role::Technical, "t@example.com"))
        .unwrap();
    assert_eq!(told(&w, "t@example.com"), [true]);
    let e = text::Email::parse("t@example.com").unwrap();
    let mail = w.state.mails_newest_first(Some(&e)).next().unwrap().clone();
    let role = T::RoleTechnical.get(mail.lang);
    assert!(mail
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Field(_, v) if v == role)));
    assert!(mail
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Para(p) if p.contains("p@example.com"))));

    // Only the details change: nobody is told again.
    let mut same = contact(&site, Role::Technical, "t@example.com");
    if let SiteCommand::SetContact(site_commands::SetContact { phone, .. }) = &mut same {
        *phone = "03-9999-0000".into();
    }
    w.site(same).unwrap();
    assert_eq!(told(&w, "t@example.com"), [true]);

    // Replaced: the new one is named, the old one released.
    w.site(contact(&site, Role::Technical, "u@example.com"))
        .unwrap();
    assert_eq!(told(&w, "u@example.com"), [true]);
    assert_eq!(told(&w, "t@example.com"), [false, true]);

    // Cleared: the role falls to the site contact; the one who held it is told.
    w.site(
        site_commands::ClearContact {
            site: site.clone(),
            role: Role::Technical,
            seen: None,
        }
        .into(),
    )
    .unwrap();
    assert_eq!(told(&w, "u@example.com"), [false, true]);
    assert!(
        told(&w, "p@example.com").is_empty(),
        "the primary was not named"
    );
}

#[test]
fn at_most_four_secondary_contacts() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    for i in 0..4 {
        w.site(
            site_commands::AddUser {
                site: site.clone(),
                email: format!("s{i}@example.com"),
                privileges: privs(Level::View, Level::View),
                secondary: true,
            }
            .into(),
        )
        .unwrap();
    }
    let fifth = w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "s4@example.com".into(),
            privileges: Privileges::default(),
            secondary: true,
        }
        .into(),
    );
    assert_eq!(fifth, Err(DomainError::SecondaryLimit { max: 4 }));
    // As a plain user it is fine; promoting it is refused.
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "s4@example.com".into(),
            privileges: Privileges::default(),
            secondary: false,
        }
        .into(),
    )
    .unwrap();
    let promote = w.site(
        site_commands::UpdateUser {
            site: site.clone(),
            email: "s4@example.com".into(),
            privileges: Privileges::default(),
            secondary: true,
        }
        .into(),
    );
    assert_eq!(promote, Err(DomainError::SecondaryLimit { max: 4 }));
    assert_eq!(w.state.site(&num(&site)).unwrap().secondary_count(), 4);
}

#[test]
fn users_cannot_be_added_twice_nor_the_primary() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "u@example.com".into(),
            privileges: Privileges::default(),
            secondary: false,
        }
        .into(),
    )
    .unwrap();
    assert_eq!(
        w.site(
            site_commands::AddUser {
                site: site.clone(),
                email: "U@example.com".into(),
                privileges: Privileges::default(),
                secondary: false
            }
            .into()
        ),
        Err(DomainError::Invalid(vec![(
            Field::Email,
            FieldError::AlreadyUser
        )]))
    );
    assert_eq!(
        w.site(
            site_commands::AddUser {
                site: site.clone(),
                email: "p@example.com".into(),
                privileges: Privileges::default(),
                secondary: false
            }
            .into()
        ),
        Err(DomainError::Invalid(vec![(
            Field::Email,
            FieldError::IsPrimary
        )]))
    );
    assert_eq!(
        w.site(
            site_commands::RemoveUser {
                site: site.clone(),
                email: "p@example.com".into()
            }
            .into()
        ),
        Err(DomainError::Invalid(vec![(
            Field::Email,
            FieldError::IsPrimary
        )]))
    );
}

#[test]
fn a_user_without_an_id_is_told_to_create_one_and_gets_access_when_they_do() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "new@example.com".into(),
            privileges: privs(Level::View, Level::None),
            secondary: false,
        }
        .into(),
    )
    .unwrap();
    let e = text::Email::parse("new@example.com").unwrap();
    let m = w.state.mails_newest_first(Some(&e)).next().unwrap();
    assert!(m.blocks.iter().any(|b| matches!(b, Block::Link(_, to)
            if to.as_str().starts_with("/id/new?invite=")
                && to.as_str().ends_with("&email=new%40example.com"))));
    w.as_person("new@example.com");
    let mine: Vec<String> = w
        .state
        .sites_of(&e)
        .iter()
        .map(|s| s.number().to_string())
        .collect();
    assert_eq!(mine, vec![site]);
}

/// The permission matrix: every site action for every kind of person.
#[test]
fn permission_matrix() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    let add = |w: &mut World, email: &str, p: Privileges, secondary: bool| {
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
    };
    add(
        &mut w,
        "sec-update@example.com",
        privs(Level::Update, Level::Update),
        true,
    );
    add(
        &mut w,
        "sec-view@example.com",
        privs(Level::View, Level::View),
        true,
    );
    add(
        &mut w,
        "sec-none@example.com",
        privs(Level::None, Level::None),
        true,
    );
    add(
        &mut w,
        "user-update@example.com",
        privs(Level::Update, Level::Update),
        false,
    );
    add(
        &mut w,
        "user-view@example.com",
        privs(Level::View, Level::None),
        false,
    );
    add(
        &mut w,
        "user-none@example.com",
        Privileges::default(),
        false,
    );
    add(
        &mut w,
        "user-docs@example.com",
        Privileges {
            documents: Viewing::View,
            ..Privileges::default()
        },
        false,
    );
    add(
        &mut w,
        "user-report@example.com",
        Privileges {
            reporting: Viewing::View,
            ..Privileges::default()
        },
        false,
    );
    let s = w.state.site(&num(&site)).unwrap().clone();
    // Columns: ViewSite ViewContacts EditContacts ViewUsers ManageUsers ViewDocuments
    // ViewReport ViewHistory.
    let expect: &[(&str, [bool; 8])] = &[
        ("p@example.com", [true; 8]),
        (
            "sec-update@example.com",
            [true, true, true, true, true, false, false, true],
        ),
        (
            "sec-view@example.com",
            [true, true, false, true, false, false, false, true],
        ),
        (
            "sec-none@example.com",
            [true, false, false, false, false, false, false, false],
        ),
        (
            "user-update@example.com",
            [true, true, false, false, false, false, false, false],
        ),
        (
            "user-view@example.com",
            [true, true, false, false, false, false, false, false],
        ),
        (
            "user-none@example.com",
            [true, false, false, false, false, false, false, false],
        ),
        (
            "user-docs@example.com",
            [true, false, false, false, false, true, false, false],
        ),
        (
            "user-report@example.com",
            [true, false, false, false, false, false, true, false],
        ),
        ("outsider@example.com", [false; 8]),
    ];
    for (email, row) in expect {
        let e = text::Email::parse(email).unwrap();
        for (action, allowed) in SiteAction::ALL.iter().zip(row) {
            assert_eq!(may(&s, Some(&e), *action), *allowed, "{email} {action:?}");
        }
    }
    assert!(
        SiteAction::ALL.iter().all(|a| !may(&s, None, *a)),
        "signed out: nothing"
    );

    // The domain is the guard: commands sent directly are refused and change nothing.
    for (email, row) in expect.iter().skip(1) {
        w.as_person(email);
        let before = records_of(&w.state, AggKey::Site(num(&site)));
        let edit = w.site(contact(&site, Role::Technical, "t@example.com"));
        assert_eq!(edit.is_ok(), row[2], "{email} edit contacts: {edit:?}");
        let manage = w.site(
            site_commands::AddUser {
                site: site.clone(),
                email: format!("x-{email}"),
                privileges: Privileges::default(),
                secondary: false,
            }
            .into(),
        );
        assert_eq!(manage.is_ok(), row[4], "{email} add user: {manage:?}");
        if !row[2] && !row[4] {
            assert_eq!(
                records_of(&w.state, AggKey::Site(num(&site))),
                before,
                "{email}: nothing changed"
            );
        }
    }
}

#[test]
fn nobody_raises_their_own_privileges_or_grants_more_than_they_hold() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "sec@example.com".into(),
            privileges: privs(Level::View, Level::Update),
            secondary: true,
        }
        .into(),
    )
    .unwrap();
    w.as_person("sec@example.com");
    let own = w.site(
        site_commands::UpdateUser {
            site: site.clone(),
            email: "sec@example.com".into(),
            privileges: Privileges::ALL,
            secondary: true,
        }
        .into(),
    );
    assert_eq!(own, Err(DomainError::OwnPrivileges));
    let more = w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "friend@example.com".into(),
            privileges: privs(Level::Update, Level::None),
            secondary: false,
        }
        .into(),
    );
    assert_eq!(
        more,
        Err(DomainError::NotAllowed),
        "contact updates Update is more than sec holds"
    );
    let within = w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "friend@example.com".into(),
            privileges: privs(Level::View, Level::None),
            secondary: false,
        }
        .into(),
    );
    assert!(within.is_ok());
    assert_eq!(
        w.site(
            site_commands::RemoveUser {
                site: site.clone(),
                email: "sec@example.com".into()
            }
            .into()
        ),
        Err(DomainError::OwnPrivileges)
    );
}

#[test]
fn access_requests_are_granted_or_denied_with_a_reason_and_mailed() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    let customer = w.state.site(&num(&site)).unwrap().customer().to_string();
    w.as_person("a@example.com");
    // A mismatch says nothing about which part is wrong.
    let wrong = w.site(
        site_commands::RequestAccess {
            site: site.clone(),
            customer: "1111111".into(),
            message: "hi".into(),
        }
        .into(),
    );
    assert_eq!(
        wrong,
        Err(DomainError::Invalid(vec![(
            Field::SiteNumber,
            FieldError::NoMatchingSite
        )]))
    );
    let none = w.site(
        site_commands::RequestAccess {
            site: "7654321".into(),
            customer: customer.clone(),
            message: "hi".into(),
        }
        .into(),
    );
    assert_eq!(none, wrong);
    w.site(
        site_commands::RequestAccess {
            site: site.clone(),
            customer: customer.clone(),
            message: "I run the downloads".into(),
        }
        .into(),
    )
    .unwrap();
    assert_eq!(
        w.site(
            site_commands::RequestAccess {
                site: site.clone(),
                customer: customer.clone(),
                message: "again".into()
            }
            .into()
        ),
        Err(DomainError::DuplicateRequest)
    );
    w.as_person("b@example.com");
    w.site(
        site_commands::RequestAccess {
            site: site.clone(),
            customer: customer.clone(),
            message: String::new(),
        }
        .into(),
    )
    .unwrap();
    w.as_person("p@example.com");
    let s = w.state.site(&num(&site)).unwrap();
    assert_eq!(s.pending_requests().count(), 2);
    let ids: Vec<u32> = s.requests().iter().map(|r| r.id).collect();
    let (ra, rb) = (ids[0], ids[1]);
    w.site(
        site_commands::Grant {
            site: site.clone(),
            request: ra,
            privileges: privs(Level::View, Level::None),
            secondary: false,
        }
        .into(),
    )
    .unwrap();
    assert_eq!(
        w.site(
            site_commands::Deny {
                site: site.clone(),
                request: rb,
                reason: "  ".into()
            }
            .into()
        ),
        Err(DomainError::Invalid(vec![(
            Field::Reason,
            FieldError::Required
        )]))
    );
    w.site(
        site_commands::Deny {
            site: site.clone(),
            request: rb,
            reason: "Not our company".into(),
        }
        .into(),
    )
    .unwrap();
    assert_eq!(
        w.site(
            site_commands::Deny {
                site: site.clone(),
                request: ra,
                reason: "x".into()
            }
            .into()
        ),
        Err(DomainError::AlreadyDecided)
    );
    let a = text::Email::parse("a@example.com").unwrap();
    let b = text::Email::parse("b@example.com").unwrap();
    assert_eq!(
        w.state.mails_newest_first(Some(&a)).next().unwrap().subject,
        "Your access request was granted"
    );
    let denied = w.state.mails_newest_first(Some(&b)).next().unwrap();
    assert_eq!(denied.subject, "Your access request was denied");
    assert!(denied
        .blocks
        .iter()
        .any(|bl| matches!(bl, Block::Field(_, v) if v == "Not our company")));
    let s = w.state.site(&num(&site)).unwrap();
    assert!(s.user(&a).is_some());
    assert!(s.user(&b).is_none());
    assert_eq!(w.state.audit_events_of(AuditEvent::RequestGranted), 1);
    assert_eq!(w.state.audit_events_of(AuditEvent::RequestDenied), 1);
}

/// Seed 000: a request is for the people who decide it, the primary contact and every
/// secondary contact with "Manage access: Update"; not for those who only view the list,
/// nor for plain users whatever their privileges say.
#[test]
fn an_access_request_is_mailed_to_everyone_who_may_decide_it() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    let customer = w.state.site(&num(&site)).unwrap().customer().to_string();
    for (email, access, secondary) in [
        ("decides@example.com", Level::Update, true),
        ("views@example.com", Level::View, true),
        ("plain@example.com", Level::Update, false),
    ] {
        w.site(
            site_commands::AddUser {
                site: site.clone(),
                email: email.into(),
                privileges: privs(Level::View, access),
                secondary,
            }
            .into(),
        )
        .unwrap();
    }
    w.as_person("asks@example.com");
    w.site(
        site_commands::RequestAccess {
            site: site.clone(),
            customer,
            message: "Downloads, please".into(),
        }
        .into(),
    )
    .unwrap();
    let asked = |email: &str| {
        let e = text::Email::parse(email).unwrap();
        w.state
            .mails_newest_first(Some(&e))
            .filter(|m| {
                ["A new access request", "アクセス・リクエストが届きました"]
                    .contains(&m.subject.as_str())
            })
            .count()
    };
    assert_eq!(asked("p@example.com"), 1);
    assert_eq!(asked("decides@example.com"), 1);
    assert_eq!(asked("views@example.com"), 0);
    assert_eq!(asked("plain@example.com"), 0);
    assert_eq!(asked("asks@example.com"), 0);
    let site = w.state.site(&num(&site)).unwrap();
    let deciders: Vec<&str> = site.deciders().iter().map(|e| e.as_str()).collect();
    assert_eq!(deciders, ["p@example.com", "decides@example.com"]);
}

#[test]
fn a_plain_user_cannot_decide_requests() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    let customer = w.state.site(&num(&site)).unwrap().customer().to_string();
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "u@example.com".into(),
            privileges: privs(Level::Update, Level::Update),
            secondary: false,
        }
        .into(),
    )
    .unwrap();
    w.as_person("a@example.com");
    w.site(
        site_commands::RequestAccess {
            site: site.clone(),
            customer,
            message: String::new(),
        }
        .into(),
    )
    .unwrap();
    w.as_person("u@example.com");
    assert_eq!(
        w.site(
            site_commands::Grant {
                site: site.clone(),
                request: 1,
                privileges: Privileges::default(),
                secondary: false
            }
            .into()
        ),
        Err(DomainError::NotAllowed)
    );
    assert_eq!(
        w.site(
            site_commands::Deny {
                site,
                request: 1,
                reason: "no".into()
            }
            .into()
        ),
        Err(DomainError::NotAllowed)
    );
}

#[test]
fn help_requests_get_a_reference_an_answer_and_are_closed() {
    let mut w = World::new();
    w.as_person("c@example.com");
    let r = w.site(
        site_commands::Help {
            name: String::new(),
            email: String::new(),
            subject: "Cannot sign in".into(),
            site: String::new(),
            description: "The passcode is locked".into(),
            mail_lang: None,
        }
        .into(),
    );
    assert_eq!(
        r,
        Ok(Reply::HelpSent {
            reference: "H000001".into()
        })
    );
    w.device.person = None;
    let anon = w.site(
        site_commands::Help {
            name: "".into(),
            email: "x".into(),
            subject: "".into(),
            site: "12".into(),
            description: "".into(),
            mail_lang: None,
        }
        .into(),
    );
    let Err(DomainError::Invalid(errs)) = anon else {
        panic!()
    };
    assert_eq!(
        errs.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        vec![
            Field::Name,
            Field::Email,
            Field::Subject,
            Field::SiteNumber,
            Field::Description
        ]
    );
    assert_eq!(
        w.site(
            site_commands::AnswerHelp {
                reference: "H000001".into(),
                answer: "Reissued".into()
            }
            .into()
        ),
        Err(DomainError::NotAllowed)
    );
    w.as_operator();
    w.site(
        site_commands::AnswerHelp {
            reference: "H000001".into(),
            answer: "We reissued your passcode.".into(),
        }
        .into(),
    )
    .unwrap();
    w.site(
        site_commands::CloseHelp {
            reference: "H000001".into(),
        }
        .into(),
    )
    .unwrap();
    let c = text::Email::parse("c@example.com").unwrap();
    let subjects: Vec<String> = w
        .state
        .mails_newest_first(Some(&c))
        .map(|m| m.subject.clone())
        .collect();
    assert_eq!(subjects[0], "[H000001] Answer to your help request");
    assert_eq!(subjects[1], "[H000001] We received your help request");
    assert_eq!(
        w.state.help_desk().requests().next().unwrap().status,
        HelpStatus::Closed
    );
    // The office prunes closed requests; their references are never issued again.
    w.as_person("c@example.com");
    assert_eq!(
        w.site(SiteCommand::PruneClosedHelp),
        Err(DomainError::NotAllowed)
    );
    w.as_operator();
    assert_eq!(
        w.site(SiteCommand::PruneClosedHelp),
        Ok(Reply::Deleted { count: 1 })
    );
    assert_eq!(w.state.help_desk().requests().count(), 0);
    assert_eq!(
        w.site(SiteCommand::PruneClosedHelp),
        Err(DomainError::NotFound),
        "nothing closed left"
    );
    w.site(
        site_commands::Help {
            name: "C".into(),
            email: "c@example.com".into(),
            subject: "Again".into(),
            site: String::new(),
            description: "Another question".into(),
            mail_lang: None,
        }
        .into(),
    )
    .unwrap();
    assert_eq!(
        w.state.help_desk().requests().next().unwrap().reference,
        "H000002",
        "a pruned reference is not reused"
    );
}

/// Someone signed out is answered in the language of the page they asked from (none
/// given: Japanese); an address with an ID, in the ID's own mail language.
#[test]
fn a_help_request_is_answered_in_the_askers_language() {
    let mut w = World::new();
    w.create("ja-id@example.com", Lang::Ja).unwrap();
    w.device.person = None;
    for (email, page) in [
        ("en@example.com", Some(Lang::En)),
        ("none@example.com", None),
        ("ja-id@example.com", Some(Lang::En)),
    ] {
        w.site(
            site_commands::Help {
                name: "Asker".into(),
                email: email.into(),
                subject: "Question".into(),
                site: String::new(),
                description: "Please help".into(),
                mail_lang: page,
            }
            .into(),
        )
        .unwrap();
    }
    let langs: Vec<(String, Lang)> = w
        .state
        .help_desk()
        .requests()
        .map(|r| (r.email.to_string(), r.lang))
        .collect();
    assert_eq!(
        langs,
        [
            ("en@example.com".to_string(), Lang::En),
            ("none@example.com".to_string(), Lang::Ja),
            ("ja-id@example.com".to_string(), Lang::Ja),
        ]
    );
    let en = text::Email::parse("en@example.com").unwrap();
    let subject = w
        .state
        .mails_newest_first(Some(&en))
        .next()
        .unwrap()
        .subject
        .clone();
    assert_eq!(subject, "[H000001] We received your help request");
}

/// The office's help desk lists requests by status and finds them by what is typed:
/// reference, email, name (with or without its space), subject, site number, and
/// full-width text as readily as ASCII.
#[test]
fn the_help_desk_finds_requests_by_status_and_by_what_was_typed() {
    let mut w = World::new();
    for (name, email, subject, site) in [
        ("Yamada Hanako", "hanako@example.com", "Cannot sign in", ""),
        (
            "Taro Suzuki",
            "taro@example.jp",
            "Passcode locked",
            "1234567",
        ),
        ("山田 一郎", "ichiro@example.com", "請求書について", ""),
    ] {
        w.site(
            site_commands::Help {
                name: name.into(),
                email: email.into(),
                subject: subject.into(),
                site: site.into(),
                description: "Please help".into(),
                mail_lang: None,
            }
            .into(),
        )
        .unwrap();
    }
    w.as_operator();
    w.site(
        site_commands::AnswerHelp {
            reference: "H000001".into(),
            answer: "Try again".into(),
        }
        .into(),
    )
    .unwrap();
    w.site(
        site_commands::CloseHelp {
            reference: "H000002".into(),
        }
        .into(),
    )
    .unwrap();
    let desk = w.state.help_desk();
    assert_eq!(desk.counts(), [1, 1, 1], "open, answered, closed");
    let found = |typed: &str, status: Option<HelpStatus>| {
        let key = text::search_key(typed.trim());
        desk.matching(&key, status)
            .map(|r| r.reference.clone())
            .collect::<Vec<String>>()
    };
    assert_eq!(
        found("", None),
        ["H000003", "H000002", "H000001"],
        "newest first"
    );
    assert_eq!(found("", Some(HelpStatus::Open)), ["H000003"]);
    assert_eq!(found("", Some(HelpStatus::Answered)), ["H000001"]);
    assert_eq!(found("", Some(HelpStatus::Closed)), ["H000002"]);
    for (typed, want) in [
        ("h000002", vec!["H000002"]),
        ("ｈ０００００２", vec!["H000002"]),
        ("TARO@", vec!["H000002"]),
        ("yamadahanako", vec!["H000001"]),
        ("yamada hanako", vec!["H000001"]),
        ("山田", vec!["H000003"]),
        ("山田一郎", vec!["H000003"]),
        ("passcode", vec!["H000002"]),
        ("請求書", vec!["H000003"]),
        ("1234567", vec!["H000002"]),
        ("example.com", vec!["H000003", "H000001"]),
        ("  ", vec!["H000003", "H000002", "H000001"]),
        ("nobody", vec![]),
    ] {
        assert_eq!(found(typed, None), want, "typed {typed:?}");
    }
    assert_eq!(found("example.com", Some(HelpStatus::Open)), ["H000003"]);
    assert!(found("passcode", Some(HelpStatus::Open)).is_empty());
    for s in HelpStatus::ALL {
        assert_eq!(HelpStatus::parse(s.code()), Some(s));
    }
    assert_eq!(HelpStatus::parse("Open"), None);
}

#[test]
fn the_office_changes_the_primary_contact() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    w.as_operator();
    w.site(
        site_commands::ChangePrimary {
            site: site.clone(),
            family: "New".into(),
            given: "Boss".into(),
            email: "boss@example.com".into(),
            mail_lang: Lang::En,
        }
        .into(),
    )
    .unwrap();
    let s = w.state.site(&num(&site)).unwrap();
    assert_eq!(s.primary().email.as_str(), "boss@example.com");
    assert_eq!(s.state(), SiteState::Awaiting);
    let p = text::Email::parse("p@example.com").unwrap();
    assert_eq!(
        s.role_of(Some(&p)),
        SiteRole::Outsider,
        "the old primary has no access left"
    );
    // The old primary is told, in their own language.
    let told = w.state.mails_newest_first(Some(&p)).next().unwrap();
    assert_eq!(
        told.subject,
        format!("The primary contact of site {site} changed")
    );
    let code = w.code_for("boss@example.com");
    w.as_person("boss@example.com");
    assert!(w
        .site(
            site_commands::FirstSignIn {
                site,
                passcode: code
            }
            .into()
        )
        .is_ok());
}

#[test]
fn the_demo_data_set_has_an_active_site_with_a_pending_request() {
    let state = onboard_core::demo::build(Timestamp(T0), [7; 32]).unwrap();
    assert_eq!(state.identity_count(), 2);
    let site = state.sites().next().unwrap();
    assert_eq!(site.state(), SiteState::Active);
    assert_eq!(site.secondary_count(), 1);
    assert_eq!(site.pending_requests().count(), 1);
    let d = Device::default();
    assert!(state.actor(&d, Timestamp(T0)).person().is_none());
    // No one is left signed in by the demo.
    for key in state.keys() {
        if let AggKey::Identity(_) = key {
            let rec: serde_json::Value =
                serde_json::from_str(&state.aggregate(&key).unwrap()).unwrap();
            assert!(rec["sessions"].as_array().unwrap().is_empty());
        }
    }
}

#[test]
fn the_benchmark_data_set_has_the_asked_sizes() {
    use onboard_core::generate::{large, stored_units, Spec};
    let spec = Spec {
        site_users: 1_000,
        pending_requests: 200,
        employees: 500,
        target_units: 600_000,
    };
    let state = large(&spec, Timestamp(T0), [3; 32]).unwrap();
    let site = state.sites().next().unwrap();
    assert_eq!(
        site.users().len(),
        1_000 + 1,
        "the demo's secondary and the generated users"
    );
    assert_eq!(site.pending_requests().count(), 200 + 1);
    assert_eq!(state.companies().next().unwrap().employees().len(), 500);
    let units = stored_units(&state);
    assert!(
        (540_000..=640_000).contains(&units),
        "about the target: {units}"
    );
}

#[test]
fn demo_data_loads_only_into_empty_data() {
    let empty = State::default();
    assert!(empty.is_empty());
    let demo = onboard_core::demo::load_into(&empty, Timestamp(T0), [1; 32]).unwrap();
    assert!(!demo.is_empty());
    assert_eq!(
        onboard_core::demo::load_into(&demo, Timestamp(T0), [1; 32]).err(),
        Some(DomainError::NotEmpty)
    );
}

fn status_of(w: &World, site: &str, email: &str) -> UserStatus {
    let e = text::Email::parse(email).unwrap();
    let s = w.state.site(&num(site)).unwrap();
    w.state.user_status(s.user(&e).unwrap(), Timestamp(w.now))
}

#[test]
fn a_site_user_is_invited_until_a_verified_id_has_the_email() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    assert_eq!(
        add_user(&mut w, &site, "later@example.com"),
        Reply::UserAdded {
            email: text::Email::parse("later@example.com").unwrap(),
            invited: true
        }
    );
    assert_eq!(
        status_of(&w, &site, "later@example.com"),
        UserStatus::Invited
    );
    w.create("later@example.com", Lang::En).unwrap();
    assert_eq!(
        status_of(&w, &site, "later@example.com"),
        UserStatus::Invited,
        "not verified yet"
    );
    let code = w.code_for("later@example.com");
    w.run(
        identity_commands::VerifyId {
            email: "later@example.com".into(),
            code,
        }
        .into(),
    )
    .unwrap();
    assert_eq!(
        status_of(&w, &site, "later@example.com"),
        UserStatus::Active
    );
    // Someone whose ID is verified is told by a plain mail, not invited.
    w.verified("known@example.com");
    w.as_person("p@example.com");
    assert_eq!(
        add_user(&mut w, &site, "known@example.com"),
        Reply::UserAdded {
            email: text::Email::parse("known@example.com").unwrap(),
            invited: false
        }
    );
    assert_eq!(
        status_of(&w, &site, "known@example.com"),
        UserStatus::Active
    );
}

fn add_user(w: &mut World, site: &str, email: &str) -> Reply {
    w.site(
        site_commands::AddUser {
            site: site.into(),
            email: email.into(),
            privileges: privs(Level::View, Level::None),
            secondary: false,
        }
        .into(),
    )
    .unwrap()
}

#[test]
fn an_invitation_link_creates_the_id_with_the_invited_address_only() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    add_user(&mut w, &site, "new@example.com");
    let secret = w.invite_secret("new@example.com");
    let u = w
        .state
        .site(&num(&site))
        .unwrap()
        .user(&text::Email::parse("new@example.com").unwrap())
        .unwrap()
        .clone();
    let inv = u.invite().expect("an address without an ID is invited");
    assert_eq!(inv.expires, Timestamp(w.now + 7 * DAY));
    assert!(!inv.digest.contains(&secret), "only a digest is stored");
    // A wrong link opens nothing; the right one, signed out, makes the ID verified at
    // once (the mail proved the address) and signs it in.
    w.device = Device::default();
    assert_eq!(w.accept_invite("0123"), Err(DomainError::InviteInvalid));
    let r = w.accept_invite(&secret).unwrap();
    assert_eq!(
        r,
        Reply::InviteAccepted {
            to: onboard_core::route::Route::Site(site.to_string())
        }
    );
    let me = w.actor().person().cloned().expect("signed in");
    let id = w.state.identity(&me).unwrap();
    assert_eq!(id.email().as_str(), "new@example.com");
    assert!(id.is_verified());
    assert_eq!(status_of(&w, &site, "new@example.com"), UserStatus::Active);
    // The site opens to them; the link is used up for anyone else.
    assert!(w
        .state
        .sites_of(&text::Email::parse("new@example.com").unwrap())
        .iter()
        .any(|s| s.number().to_string() == site));
    w.device = Device::default();
    assert_eq!(
        w.accept_invite(&secret),
        Err(DomainError::field(Field::Email, FieldError::EmailTaken))
    );
    assert_eq!(w.state.audit_events_of(AuditEvent::InviteAccepted), 1);
}

#[test]
fn an_invitation_expires_after_seven_days_and_can_be_resent_or_revoked() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    add_user(&mut w, &site, "late@example.com");
    add_user(&mut w, &site, "gone@example.com");
    let first = w.invite_secret("late@example.com");
    w.now += 7 * DAY;
    assert_eq!(
        status_of(&w, &site, "late@example.com"),
        UserStatus::Expired
    );
    let signed_in = w.device.clone();
    w.device = Device::default();
    assert!(matches!(
        w.accept_invite(&first),
        Err(DomainError::InviteExpired { .. })
    ));
    // An ID made the usual way after the end does not bring the access back.
    w.verified("late@example.com");
    assert_eq!(
        status_of(&w, &site, "late@example.com"),
        UserStatus::Expired
    );
    assert_eq!(
        w.site(site_commands::ExpireRequests { site: site.clone() }.into()),
        Err(DomainError::NotAllowed),
        "a lapsed user may do nothing on the site"
    );
    assert!(w.state.lapsed(
        w.state.site(&num(&site)).unwrap(),
        &text::Email::parse("late@example.com").unwrap()
    ));
    // Sending it again: a new link, 7 new days, and the old link is dead.
    w.device = signed_in;
    w.as_person("p@example.com");
    assert_eq!(
        w.site(
            site_commands::ResendInvite {
                site: site.clone(),
                email: "gone@example.com".into()
            }
            .into()
        ),
        Ok(Reply::InviteSent {
            email: text::Email::parse("gone@example.com").unwrap()
        })
    );
    let again = w.invite_secret("gone@example.com");
    assert_ne!(again, w.invite_secret("late@example.com"));
    assert_eq!(
        status_of(&w, &site, "gone@example.com"),
        UserStatus::Invited
    );
    let u = w
        .state
        .site(&num(&site))
        .unwrap()
        .user(&text::Email::parse("gone@example.com").unwrap())
        .unwrap()
        .clone();
    assert_eq!(u.invite().unwrap().sends, 2);
    // Resending to the one who has an ID now makes their access apply.
    w.site(
        site_commands::ResendInvite {
            site: site.clone(),
            email: "late@example.com".into(),
        }
        .into(),
    )
    .unwrap();
    assert_eq!(status_of(&w, &site, "late@example.com"), UserStatus::Active);
    let pending: Vec<(String, bool)> = w
        .state
        .pending_invitations(w.state.site(&num(&site)).unwrap(), Timestamp(w.now))
        .into_iter()
        .map(|(e, _, expired)| (e.to_string(), expired))
        .collect();
    assert_eq!(
        pending,
        [("gone@example.com".to_string(), false)],
        "late@ got in: no longer pending; gone@ waits on its new link"
    );
    assert_eq!(
        w.site(
            site_commands::ResendInvite {
                site: site.clone(),
                email: "late@example.com".into()
            }
            .into()
        ),
        Err(DomainError::InviteAccepted),
        "nothing to resend once they are in"
    );
    // Revoking (removing the user who never got in) kills the link.
    w.site(
        site_commands::RemoveUser {
            site: site.clone(),
            email: "gone@example.com".into(),
        }
        .into(),
    )
    .unwrap();
    assert_eq!(w.state.audit_events_of(AuditEvent::InviteRevoked), 1);
    assert_eq!(w.state.audit_events_of(AuditEvent::UserRemoved), 0);
    w.device = Device::default();
    assert_eq!(w.accept_invite(&again), Err(DomainError::InviteInvalid));
}

#[test]
fn changing_the_primary_of_an_unknown_site_is_a_site_number_error() {
    let mut w = World::new();
    w.as_operator();
    let r = w.site(
        site_commands::ChangePrimary {
            site: "7654321".into(),
            family: "A".into(),
            given: "B".into(),
            email: "c@example.com".into(),
            mail_lang: Lang::En,
        }
        .into(),
    );
    assert_eq!(
        r,
        Err(DomainError::Invalid(vec![(
            Field::SiteNumber,
            FieldError::NoMatchingSite
        )]))
    );
}

/// The stored records of an aggregate: its head and the parts of its lists.
fn records_of(state: &State, head: AggKey) -> Vec<(AggKey, Option<String>)> {
    std::iter::once(head.clone())
        .chain(state.parts_of(&head))
        .map(|k| (k.clone(), state.aggregate(&k)))
        .collect()
}

/// Seed 000's "Reporting: View": the report counts the site's users and, month by month
/// (Japan time), the access requests sent, granted and refused and the changes to the
/// registration; only the primary and whoever holds the privilege may read it.
#[test]
fn the_site_report_counts_users_requests_and_changes_by_month() {
    use onboard_core::report::{site_report, REPORT_MONTHS};
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    let customer = w.state.site(&num(&site)).unwrap().customer().to_string();
    // The reader has an ID already (an invitation would run out in the 15 days below).
    w.as_person("reports@example.com");
    w.as_person("p@example.com");
    let reporter = Privileges {
        reporting: Viewing::View,
        ..Privileges::default()
    };
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "reports@example.com".into(),
            privileges: reporter,
            secondary: false,
        }
        .into(),
    )
    .unwrap();
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "sec@example.com".into(),
            privileges: privs(Level::View, Level::View),
            secondary: true,
        }
        .into(),
    )
    .unwrap();
    // Two requests this month (T0 is 21 September), one decided next month.
    for asker in ["a@example.com", "b@example.com", "c@example.com"] {
        w.as_person(asker);
        w.site(
            site_commands::RequestAccess {
                site: site.clone(),
                customer: customer.clone(),
                message: String::new(),
            }
            .into(),
        )
        .unwrap();
    }
    w.as_person("p@example.com");
    let ids: Vec<u32> = w
        .state
        .site(&num(&site))
        .unwrap()
        .requests()
        .iter()
        .map(|r| r.id)
        .collect();
    w.site(
        site_commands::Grant {
            site: site.clone(),
            request: ids[0],
            privileges: Privileges::default(),
            secondary: false,
        }
        .into(),
    )
    .unwrap();
    w.now += 15 * DAY; // 6 October
    w.as_person("p@example.com");
    w.site(
        site_commands::Deny {
            site: site.clone(),
            request: ids[1],
            reason: "Unknown".into(),
        }
        .into(),
    )
    .unwrap();
    w.site(contact(&site, Role::Technical, "t@example.com"))
        .unwrap();

    w.as_person("reports@example.com");
    let r = site_report(&w.state, &w.actor(), &site, Timestamp(w.now)).unwrap();
    assert_eq!(r.months.len(), REPORT_MONTHS);
    let last = r.months.last().unwrap();
    assert_eq!(last.label(), "2026-10");
    assert_eq!(r.months[0].label(), "2025-11");
    let sep = &r.months[REPORT_MONTHS - 2];
    assert_eq!(sep.label(), "2026-09");
    assert_eq!((sep.asked, sep.granted, sep.refused), (3, 1, 0));
    // Two users added and one request granted in September; a contact in October.
    assert_eq!(sep.changes, 3);
    assert_eq!(
        (last.asked, last.granted, last.refused, last.changes),
        (0, 0, 1, 1)
    );
    assert_eq!((r.secondaries, r.users, r.waiting), (1, 2, 1));
    // An added user is invited until they make an ID: the secondary has not yet.
    assert_eq!(r.invited, 1);
    // Only the primary and Reporting: View; the office reads every site.
    w.as_person("sec@example.com");
    assert_eq!(
        site_report(&w.state, &w.actor(), &site, Timestamp(w.now)),
        Err(DomainError::NotAllowed)
    );
    w.as_person("p@example.com");
    assert!(site_report(&w.state, &w.actor(), &site, Timestamp(w.now)).is_ok());
    w.device.person = None;
    assert_eq!(
        site_report(&w.state, &w.actor(), &site, Timestamp(w.now)),
        Err(DomainError::NotSignedIn)
    );
    w.as_operator();
    assert!(site_report(&w.state, &w.actor(), &site, Timestamp(w.now)).is_ok());
}

/// Each site's own audit trail: who changed what, before and after, readable by its
/// primary contact and the secondary contacts with View, not by plain users nor
/// another site's contacts, and holding nothing of another site.
#[test]
fn the_site_history_is_for_its_administrators_with_before_and_after() {
    use onboard_core::report::site_history;
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "sec@example.com".into(),
            privileges: privs(Level::None, Level::View),
            secondary: true,
        }
        .into(),
    )
    .unwrap();
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "plain@example.com".into(),
            privileges: privs(Level::View, Level::None),
            secondary: false,
        }
        .into(),
    )
    .unwrap();
    w.site(contact(&site, Role::Technical, "t@example.com"))
        .unwrap();
    let other = w.active_site("q@example.com");
    w.site(contact(&other, Role::Billing, "b@example.com"))
        .unwrap();

    w.as_person("sec@example.com");
    let h = site_history(&w.state, &w.actor(), &site).unwrap();
    assert!(h.iter().all(|e| e.subject == site));
    let events: Vec<AuditEvent> = h.iter().map(|e| e.event).collect();
    assert_eq!(
        events[..3],
        [
            AuditEvent::ContactChanged,
            AuditEvent::UserAdded,
            AuditEvent::UserAdded
        ]
    );
    assert!(events.contains(&AuditEvent::SiteEnrolled));
    let detail = words::audit_detail(&h[0].detail, Lang::En);
    assert!(
        detail.starts_with("Site technical contact: ") && detail.contains("t@example.com"),
        "{detail}"
    );
    assert!(
        words::audit_detail(&h[0].detail, Lang::Ja).starts_with("サイト技術担当者: "),
        "the role in the reader's language"
    );
    assert_eq!(h[0].actor, "p@example.com");
    // As a file: a row per entry, in the reader's language, the site by its number.
    let csv = onboard_core::report::entries_csv(&w.state, &h, Lang::Ja);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), h.len() + 1, "{csv}");
    let first: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(
        first[1..6],
        [
            "ContactChanged",
            words::audit_event(AuditEvent::ContactChanged).get(Lang::Ja),
            "p@example.com",
            site.as_str(),
            site.as_str()
        ]
    );
    assert!(first[6].starts_with("サイト技術担当者: "), "{}", lines[1]);
    for who in ["plain@example.com", "q@example.com", "stranger@example.com"] {
        w.as_person(who);
        assert_eq!(
            site_history(&w.state, &w.actor(), &site).map(|h| h.len()),
            Err(DomainError::NotAllowed),
            "{who}"
        );
    }
}

/// The users as CSV: a header, one row per user, UTF-8 with a byte order mark so a
/// spreadsheet shows Japanese; only for whoever may see the users.
#[test]
fn the_site_users_export_as_csv_for_whoever_may_see_them() {
    use onboard_core::report::site_users_csv;
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "sec@example.com".into(),
            privileges: privs(Level::Update, Level::View),
            secondary: true,
        }
        .into(),
    )
    .unwrap();
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "plain@example.com".into(),
            privileges: privs(Level::View, Level::None),
            secondary: false,
        }
        .into(),
    )
    .unwrap();
    w.as_person("plain@example.com");
    let csv = site_users_csv(&w.state, &w.actor(), &site, Timestamp(w.now));
    assert_eq!(csv, Err(DomainError::NotAllowed));
    w.as_person("sec@example.com");
    let csv = site_users_csv(&w.state, &w.actor(), &site, Timestamp(w.now)).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "email,kind,state,added,software,reporting,entitlements,\
         manage_access,contact_updates,documents"
    );
    assert_eq!(
        lines[1],
        "sec@example.com,secondary,active,2026-09-21,none,none,none,view,update,none"
    );
    assert_eq!(
        lines[2],
        "plain@example.com,user,active,2026-09-21,none,none,none,none,view,none"
    );
    assert_eq!(lines[3], "", "ends with a line break");
    assert_eq!(lines.len(), 4);
}

/// Seed 000 names one primary contact; handing the role on is self-service: the primary
/// gives it to a secondary contact with an ID, stays on as a secondary with every
/// privilege, both are told, and nobody else may do it.
#[test]
fn the_primary_hands_the_role_to_a_secondary_contact() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    for (email, secondary) in [("heir@example.com", true), ("plain@example.com", false)] {
        w.site(
            site_commands::AddUser {
                site: site.clone(),
                email: email.into(),
                privileges: privs(Level::Update, Level::Update),
                secondary,
            }
            .into(),
        )
        .unwrap();
    }
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "no-id@example.com".into(),
            privileges: privs(Level::View, Level::View),
            secondary: true,
        }
        .into(),
    )
    .unwrap();
    let hand = |to: &str| {
        site_commands::HandOverPrimary {
            site: site.clone(),
            to: to.into(),
        }
        .into()
    };
    // Only to a secondary contact, and one who has an ID.
    assert_eq!(
        w.run(hand("plain@example.com")),
        Err(DomainError::Invalid(vec![(
            Field::Email,
            FieldError::UnknownChoice
        )]))
    );
    assert_eq!(
        w.run(hand("no-id@example.com")),
        Err(DomainError::Invalid(vec![(
            Field::Email,
            FieldError::UnknownId
        )]))
    );
    // A secondary contact with every Update cannot take it.
    w.as_person("heir@example.com");
    assert_eq!(
        w.run(hand("heir@example.com")),
        Err(DomainError::NotAllowed)
    );
    w.as_person("p@example.com");
    let secondaries = w.state.site(&num(&site)).unwrap().secondary_count();
    assert!(matches!(
        w.run(hand("heir@example.com")),
        Ok(Reply::PrimaryHandedOver { .. })
    ));
    let s = w.state.site(&num(&site)).unwrap();
    let (p, heir) = (
        text::Email::parse("p@example.com").unwrap(),
        text::Email::parse("heir@example.com").unwrap(),
    );
    assert_eq!(s.primary().email, heir);
    assert_eq!(
        s.state(),
        SiteState::Active,
        "no passcode: the heir has an ID"
    );
    assert_eq!(s.role_of(Some(&heir)), SiteRole::Primary);
    assert_eq!(s.role_of(Some(&p)), SiteRole::Secondary);
    assert_eq!(s.privileges_of(Some(&p)), Some(Privileges::ALL));
    assert_eq!(s.secondary_count(), secondaries, "one in, one out");
    assert!(s.user(&heir).is_none());
    // So the primary's access never lapses (`State::lapsed` does not look at the users).
    assert!(!w.state.lapsed(s, &heir));
    assert_eq!(
        w.state
            .mails_newest_first(Some(&heir))
            .next()
            .unwrap()
            .subject,
        format!("You are now the primary contact of site {site}")
    );
    assert_eq!(
        w.state.mails_newest_first(Some(&p)).next().unwrap().subject,
        format!("The primary contact of site {site} changed")
    );
    // The former primary cannot hand it on again; the new one may remove them.
    assert_eq!(
        w.run(hand("no-id@example.com")),
        Err(DomainError::NotAllowed)
    );
    w.as_person("heir@example.com");
    w.site(
        site_commands::RemoveUser {
            site: site.clone(),
            email: "p@example.com".into(),
        }
        .into(),
    )
    .unwrap();
    let h = onboard_core::report::site_history(&w.state, &w.actor(), &site).unwrap();
    assert!(h.iter().any(|e| e.event == AuditEvent::PrimaryChanged
        && words::audit_detail(&e.detail, Lang::En).contains("(handed over;")));
}

/// "Play as" on demo data: the office and every demo person with what they are, each
/// signing in with the demo password; data that is not demo data lists nobody.
#[test]
fn demo_data_lists_its_people_to_play_as_and_other_data_nobody() {
    use onboard_core::demo::{players, PlayerRole, DEMO_OPERATOR, DEMO_PASSWORD};
    let state = onboard_core::demo::build(Timestamp(T0), [7; 32]).unwrap();
    let list = players(&state, Timestamp(T0));
    assert_eq!(list[0].email, DEMO_OPERATOR);
    assert_eq!(list[0].roles, [PlayerRole::Office]);
    let hanako = list
        .iter()
        .find(|p| p.email == "hanako@demo.example")
        .unwrap();
    assert!(hanako
        .roles
        .iter()
        .any(|r| matches!(r, PlayerRole::SitePrimary(_))));
    let alex = list
        .iter()
        .find(|p| p.email == "alex@demo.example")
        .unwrap();
    assert!(alex.roles.iter().any(|r| matches!(r, PlayerRole::Apa(_))));
    assert_eq!(alex.name, ("Alex".to_string(), "Smith".to_string()));
    let ctx = Ctx::fixed(T0, 3);
    for p in &list[1..] {
        let out = apply(
            &state,
            &Actor::anonymous(),
            identity_commands::SignIn {
                email: p.email.clone(),
                password: DEMO_PASSWORD.into(),
            }
            .into(),
            &ctx,
        )
        .unwrap();
        assert_eq!(out.effect, Reply::SignedIn, "{}", p.email);
    }
    // Not demo data: its operator is someone else.
    let mut w = World::new();
    w.active_site("p@example.com");
    assert!(players(&w.state, Timestamp(w.now)).is_empty());
}

/// The person who asked withdraws their access request while it waits; the deciders
/// no longer see it, nobody else can withdraw it, and they may ask again.
#[test]
fn a_waiting_access_request_is_withdrawn_by_its_asker_only() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    let customer = w.state.site(&num(&site)).unwrap().customer().to_string();
    let ask: SiteCommand = site_commands::RequestAccess {
        site: site.clone(),
        customer,
        message: "Downloads".into(),
    }
    .into();
    w.as_person("a@example.com");
    w.site(ask.clone()).unwrap();
    let request = w
        .state
        .site(&num(&site))
        .unwrap()
        .requests()
        .iter()
        .last()
        .unwrap()
        .id;
    let withdraw: SiteCommand = site_commands::WithdrawRequest {
        site: site.clone(),
        request,
    }
    .into();
    for other in ["p@example.com", "x@example.com"] {
        w.as_person(other);
        assert_eq!(
            w.site(withdraw.clone()),
            Err(DomainError::NotFound),
            "{other}"
        );
    }
    w.as_person("a@example.com");
    assert_eq!(w.site(withdraw.clone()), Ok(Reply::Withdrawn));
    let s = w.state.site(&num(&site)).unwrap();
    assert_eq!(s.pending_requests().count(), 0);
    assert!(matches!(
        s.requests().iter().last().unwrap().status,
        RequestStatus::Withdrawn { .. }
    ));
    assert_eq!(w.site(withdraw), Err(DomainError::AlreadyDecided));
    assert_eq!(w.site(ask), Ok(Reply::RequestSent), "asking again");
    assert_eq!(w.state.audit_events_of(AuditEvent::RequestWithdrawn), 1);
}

/// Requests nobody decides expire 30 days after they were sent: whoever may decide them
/// marks them (the app does when they open the access page), the asker is mailed in
/// their language, and the rest keep waiting.
#[test]
fn requests_nobody_decides_expire_after_30_days_and_the_asker_is_told() {
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    // The viewer has an ID (an invitation would run out in the 30 days below).
    w.as_person("viewer@example.com");
    w.as_person("p@example.com");
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "viewer@example.com".into(),
            privileges: privs(Level::View, Level::View),
            secondary: true,
        }
        .into(),
    )
    .unwrap();
    let customer = w.state.site(&num(&site)).unwrap().customer().to_string();
    let ask = |w: &mut World, who: &str| {
        w.as_person(who);
        w.site(
            site_commands::RequestAccess {
                site: site.clone(),
                customer: customer.clone(),
                message: String::new(),
            }
            .into(),
        )
        .unwrap();
    };
    ask(&mut w, "early@example.com");
    w.now += 20 * DAY;
    ask(&mut w, "late@example.com");
    let expire: SiteCommand = site_commands::ExpireRequests { site: site.clone() }.into();
    // One millisecond short of 30 days: nothing expires.
    w.now += 10 * DAY - 1;
    w.as_person("p@example.com");
    assert_eq!(w.site(expire.clone()), Ok(Reply::Expired { count: 0 }));
    let s = w.state.site(&num(&site)).unwrap();
    assert_eq!(s.overdue_requests(Timestamp(w.now)), 0);
    w.now += 1;
    assert_eq!(s.overdue_requests(Timestamp(w.now)), 1);
    // Only those who decide may mark them.
    w.as_person("viewer@example.com");
    assert_eq!(w.site(expire.clone()), Err(DomainError::NotAllowed));
    w.as_person("p@example.com");
    assert_eq!(w.site(expire.clone()), Ok(Reply::Expired { count: 1 }));
    let s = w.state.site(&num(&site)).unwrap();
    let early = text::Email::parse("early@example.com").unwrap();
    let statuses: Vec<(String, bool)> = s
        .requests()
        .iter()
        .map(|r| {
            (
                r.email.to_string(),
                matches!(r.status, RequestStatus::Expired { .. }),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("early@example.com".to_string(), true),
            ("late@example.com".to_string(), false)
        ]
    );
    let mail = w.state.mails_newest_first(Some(&early)).next().unwrap();
    assert_eq!(mail.subject, "Your access request expired");
    assert_eq!(w.state.audit_events_of(AuditEvent::RequestExpired), 1);
    // Once is enough: nothing is overdue any more; the asker may ask again.
    assert_eq!(w.site(expire), Ok(Reply::Expired { count: 0 }));
    ask(&mut w, "early@example.com");
    // Asking again while one waits is refused, unless nobody decided it in 30 days:
    // then the old one expires with the new request (nobody had marked it yet).
    w.as_person("late@example.com");
    assert_eq!(
        w.site(
            site_commands::RequestAccess {
                site: site.clone(),
                customer: customer.clone(),
                message: String::new(),
            }
            .into()
        ),
        Err(DomainError::DuplicateRequest)
    );
    w.now += 30 * DAY;
    ask(&mut w, "late@example.com");
    let s = w.state.site(&num(&site)).unwrap();
    let late: Vec<bool> = s
        .requests()
        .iter()
        .filter(|r| r.email.as_str() == "late@example.com")
        .map(|r| r.status == RequestStatus::Pending)
        .collect();
    assert_eq!(
        late,
        [false, true],
        "the old one expired, the new one waits"
    );
    assert_eq!(w.state.audit_events_of(AuditEvent::RequestExpired), 2);
}

/// A users file (the export's columns) is checked row by row with every problem
/// reported, and added whole or not at all; the export of one site imports into
/// another.
#[test]
fn users_import_validates_every_row_and_adds_all_or_nothing() {
    use onboard_core::report::site_users_csv;
    use onboard_core::site_commands::check_users_import;
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    w.site(
        site_commands::AddUser {
            site: site.clone(),
            email: "old@example.com".into(),
            privileges: privs(Level::View, Level::View),
            secondary: true,
        }
        .into(),
    )
    .unwrap();
    let bad = "\u{feff}Email,kind,manage_access,software\r\n\
        new@example.com,secondary,update,downloads\r\n\
        not-an-email,user,,\r\n\
        old@example.com,user,,\r\n\
        p@example.com,user,,\r\n\
        new@example.com,user,,\r\n\
        x@example.com,boss,sometimes,\r\n\
        ,,,\r\n";
    let check = check_users_import(&w.state, &w.actor(), &site, bad).unwrap();
    let problems: Vec<(usize, &str)> = check
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (3, "email"),
            (4, "email"),
            (5, "email"),
            (6, "email"),
            (7, "kind"),
            (7, "manage_access")
        ]
    );
    assert_eq!(
        check.problems[1].error,
        DomainError::Invalid(vec![(Field::Email, FieldError::AlreadyUser)])
    );
    assert!(
        check.users.is_empty(),
        "nothing is added unless all rows are good"
    );
    let before = w.state.site(&num(&site)).unwrap().users().len();
    let refused = w.site(
        site_commands::ImportUsers {
            site: site.clone(),
            csv: bad.into(),
        }
        .into(),
    );
    assert!(refused.is_err());
    assert_eq!(w.state.site(&num(&site)).unwrap().users().len(), before);

    // Four secondaries at most, counting those already there.
    let many: String = std::iter::once("email,kind".to_string())
        .chain((1..=4).map(|i| format!("s{i}@example.com,secondary")))
        .collect::<Vec<_>>()
        .join("\n");
    let check = check_users_import(&w.state, &w.actor(), &site, &many).unwrap();
    assert_eq!(check.problems.len(), 1);
    assert_eq!(check.problems[0].line, 5);
    assert_eq!(
        check.problems[0].error,
        DomainError::SecondaryLimit { max: 4 }
    );

    // A good file: every user added, each mailed, in one command; the reply counts
    // those who have no ID yet (their mail is an invitation).
    w.verified("plain@example.com");
    w.as_person("p@example.com");
    let good = "email,kind,manage_access,software\n\
                new@example.com,secondary,update,downloads\n\
                plain@example.com,,,\n";
    assert_eq!(
        w.site(
            site_commands::ImportUsers {
                site: site.clone(),
                csv: good.into(),
            }
            .into()
        ),
        Ok(Reply::UsersImported {
            count: 2,
            invited: 1
        })
    );
    let s = w.state.site(&num(&site)).unwrap();
    let new = s
        .user(&text::Email::parse("new@example.com").unwrap())
        .unwrap();
    assert!(new.secondary);
    assert_eq!(new.privileges.manage_access, Level::Update);
    assert_eq!(new.privileges.software, Software::Downloads);
    let plain = text::Email::parse("plain@example.com").unwrap();
    assert_eq!(s.user(&plain).unwrap().privileges, Privileges::default());
    assert!(w.state.mails_newest_first(Some(&plain)).next().is_some());

    // The export of this site imports into another whole (the primary holds all).
    let csv = site_users_csv(&w.state, &w.actor(), &site, Timestamp(w.now)).unwrap();
    let other = w.active_site("q@example.com");
    let n = w.state.site(&num(&site)).unwrap().users().len() as u32;
    assert_eq!(
        w.site(
            site_commands::ImportUsers {
                site: other.clone(),
                csv
            }
            .into()
        ),
        Ok(Reply::UsersImported {
            count: n,
            invited: n - 1
        })
    );
    // A secondary without Update cannot import at all.
    w.as_person("old@example.com");
    assert_eq!(
        check_users_import(&w.state, &w.actor(), &site, good),
        Err(DomainError::NotAllowed)
    );
}

/// The office's list of sites is filtered as a person types: by any of the site's
/// numbers, its company, its primary contact's email or name (either order, with or
/// without the space), with full-width letters and digits as their ASCII twins and in
/// any case.
#[test]
fn a_site_is_found_by_its_numbers_company_and_contact_however_typed() {
    use onboard_core::text::search_key;
    let mut w = World::new();
    let (site, customer, _) = w.enrol("hanako@example.jp");
    let s = w.state.site(&num(&site)).unwrap().clone();
    let agreement = s.agreement().to_string();
    let finds = |typed: &str| s.matches(&search_key(typed.trim()));
    let wide = |t: &str| -> String {
        t.chars()
            .map(|c| char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap())
            .collect()
    };
    for typed in [
        "",
        &site,
        &site[2..5],
        &customer,
        &agreement,
        "example kk",
        "EXAMPLE",
        "hanako@",
        "Yamada Hanako",
        "hanako yamada",
        " yamada ",
    ] {
        assert!(finds(typed), "{typed:?} finds the site");
    }
    // A Japanese keyboard's full-width digits and letters, and its wide space.
    assert!(finds(&wide(&site)), "{}", wide(&site));
    assert!(finds(&format!(
        "{}\u{3000}{}",
        wide("Yamada"),
        wide("HANAKO")
    )));
    // The name as one word, as a Japanese name is often typed.
    assert!(finds("yamadahanako") && finds("HanakoYamada"));
    for typed in ["9999999x", "tanaka", "example.com"] {
        assert!(!finds(typed), "{typed:?} finds nothing");
    }
    assert_eq!(search_key("ＴＡＲＯ　Ｙａｍａｄａ"), "taro yamada");
    assert_eq!(search_key("株式会社サンプル"), "株式会社サンプル");
}

/// A site's users list is filtered the same way, row by row (0 the primary contact,
/// then the users, then the waiting requests): by email, or by name, but a user's name
/// only once their ID is verified, since the list shows no other.
#[test]
fn a_sites_users_are_found_by_email_or_verified_name() {
    use onboard_core::text::search_key;
    let mut w = World::new();
    let site = w.active_site("p@example.com");
    add_user(&mut w, &site, "invited@example.com");
    add_user(&mut w, &site, "joined@example.com");
    let secret = w.invite_secret("joined@example.com");
    let primary = w.device.clone();
    // An ID in the making (Hanako Yamada, not verified) is a user too.
    w.device = Device::default();
    w.create("draft@example.com", Lang::En).unwrap();
    w.device = primary.clone();
    add_user(&mut w, &site, "draft@example.com");
    w.device = Device::default();
    w.accept_invite(&secret).unwrap(); // verified as "Invited Person"
    w.ask_access(&site, "asks@example.com"); // verified as "Hanako Yamada"
    let s = w.state.site(&num(&site)).unwrap();
    let rows = |typed: &str| w.state.site_rows_matching(s, &search_key(typed.trim()));
    // 0 p@ (Yamada Hanako), 1 invited@, 2 joined@ (Invited Person), 3 draft@, 4 asks@.
    assert_eq!(rows("example.com"), [0, 1, 2, 3, 4]);
    assert_eq!(rows("invited"), [1, 2], "an email, and a verified name");
    assert_eq!(rows("Person Invited"), [2]);
    assert_eq!(rows("ＩＮＶＩＴＥＤＰＥＲＳＯＮ"), [2]);
    assert_eq!(rows("hanako"), [0, 4], "not the unverified ID's name");
    assert_eq!(rows("yamadahanako"), [0, 4]);
    assert_eq!(rows("DRAFT@"), [3]);
    assert!(rows("tanaka").is_empty());
}
