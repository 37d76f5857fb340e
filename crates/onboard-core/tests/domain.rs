//! Layer 1: the rules of IDs, mail, audit and the operator, through `apply`.
mod common;
use common::*;
use onboard_core::audit::AuditEvent;
use onboard_core::ctx::{HOUR, MINUTE};
use onboard_core::i18n::Lang;
use onboard_core::identity_commands;
use onboard_core::office_commands;
use onboard_core::text::{check_password, parse_digits, Country, Email, PersonName};
use onboard_core::*;

fn field_errors(r: Result<Reply, DomainError>) -> Vec<(Field, FieldError)> {
    match r {
        Err(DomainError::Invalid(v)) => v,
        other => panic!("expected field errors, got {other:?}"),
    }
}

// ---------- parsers ------------------------------------------------------------

#[test]
fn email_is_trimmed_folded_and_lower_cased() {
    assert_eq!(
        Email::parse("  Hanako@Example.COM ").unwrap().as_str(),
        "hanako@example.com"
    );
    assert_eq!(
        Email::parse("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏｍ")
            .unwrap()
            .as_str(),
        "hanako@example.com"
    );
    assert_eq!(
        Email::parse("a.b+tag@sub.example.co.jp").unwrap().as_str(),
        "a.b+tag@sub.example.co.jp"
    );
}

#[test]
fn bad_emails_are_refused_with_the_reason() {
    assert_eq!(Email::parse("   "), Err(FieldError::Required));
    for bad in [
        "plain",
        "@example.com",
        "a@",
        "a@b",
        "a@@b.com",
        "a..b@example.com",
        ".a@example.com",
        "a@-x.com",
        "a@x.c0m",
        "<script>@x.com",
        "山田@example.com",
        "a b@example.com",
        "a@example..com",
        "😀@example.com",
    ] {
        assert_eq!(Email::parse(bad), Err(FieldError::EmailFormat), "{bad}");
    }
    let long = format!("{}@example.com", "a".repeat(250));
    assert_eq!(Email::parse(&long), Err(FieldError::TooLong { max: 254 }));
    let long_local = format!("{}@example.com", "a".repeat(65));
    assert_eq!(Email::parse(&long_local), Err(FieldError::EmailFormat));
}

#[test]
fn names_keep_what_people_write_but_no_controls() {
    assert_eq!(
        PersonName::parse("  山田\u{3000}花子  ").unwrap().as_str(),
        "山田 花子"
    );
    assert_eq!(
        PersonName::parse("<script>alert(1)</script>")
            .unwrap()
            .as_str(),
        "<script>alert(1)</script>"
    );
    assert_eq!(PersonName::parse("Zoë 😀").unwrap().as_str(), "Zoë 😀");
    assert_eq!(PersonName::parse(""), Err(FieldError::Required));
    assert_eq!(
        PersonName::parse("a\u{0007}b"),
        Err(FieldError::ForbiddenCharacters)
    );
    assert_eq!(
        PersonName::parse("abc\u{202E}fed"),
        Err(FieldError::ForbiddenCharacters)
    );
    assert_eq!(
        PersonName::parse("a\nb"),
        Err(FieldError::ForbiddenCharacters)
    );
    assert_eq!(
        PersonName::parse(&"あ".repeat(65)),
        Err(FieldError::TooLong { max: 64 })
    );
    assert!(PersonName::parse(&"あ".repeat(64)).is_ok());
}

#[test]
fn countries_come_from_the_list() {
    assert_eq!(Country::parse("jp").unwrap().code(), "JP");
    assert_eq!(Country::parse("ＪＰ").unwrap().name(Lang::Ja), "日本");
    assert_eq!(Country::parse("XX"), Err(FieldError::UnknownCountry));
    assert_eq!(Country::parse(""), Err(FieldError::Required));
}

#[test]
fn password_policy() {
    let email = Email::parse("hanako@example.com").unwrap();
    assert_eq!(check_password("", None), Err(FieldError::Required));
    assert_eq!(
        check_password("123456789", None),
        Err(FieldError::PasswordTooShort { min: 10 })
    );
    assert_eq!(
        check_password("hanako@example.com", Some(&email)),
        Err(FieldError::PasswordIsEmail)
    );
    assert_eq!(
        check_password("HANAKO@EXAMPLE.COM", Some(&email)),
        Err(FieldError::PasswordIsEmail)
    );
    assert_eq!(
        check_password("Password123", None),
        Err(FieldError::PasswordCommon)
    );
    assert_eq!(
        check_password("qwertyuiop", None),
        Err(FieldError::PasswordCommon)
    );
    assert_eq!(
        check_password("zzzzzzzzzzzz", None),
        Err(FieldError::PasswordCommon)
    );
    assert_eq!(
        check_password(&"x".repeat(129), None),
        Err(FieldError::TooLong { max: 128 })
    );
    assert_eq!(
        check_password("correct horse battery", Some(&email)),
        Ok(())
    );
    assert_eq!(
        check_password("パスワードは長い日本語でも良い", None),
        Ok(())
    );
}

#[test]
fn digits_accept_full_width_spaces_and_hyphens() {
    assert_eq!(parse_digits("１２３ ４５６", 6).unwrap(), "123456");
    assert_eq!(parse_digits("123-456", 6).unwrap(), "123456");
    assert_eq!(
        parse_digits("12345", 6),
        Err(FieldError::DigitsFormat { len: 6 })
    );
    assert_eq!(
        parse_digits("12345a", 6),
        Err(FieldError::DigitsFormat { len: 6 })
    );
    assert_eq!(parse_digits("", 6), Err(FieldError::Required));
}

// ---------- create and verify --------------------------------------------------

#[test]
fn create_reports_every_bad_field_in_form_order() {
    let mut w = World::new();
    let errs = field_errors(
        w.run(
            identity_commands::CreateId {
                email: "nope".into(),
                family: "".into(),
                given: "Hanako".into(),
                country: "ZZ".into(),
                mail_lang: Lang::Ja,
                password: "short".into(),
                confirm: "other".into(),
                accept_terms: false,
            }
            .into(),
        ),
    );
    let fields: Vec<Field> = errs.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        vec![
            Field::Email,
            Field::FamilyName,
            Field::Country,
            Field::Password,
            Field::PasswordConfirm,
            Field::Terms
        ]
    );
    assert_eq!(w.state.identity_count(), 0, "nothing was created");
    assert_eq!(w.state.mail_count(), 0);
}

#[test]
fn email_is_unique_case_and_width_insensitively() {
    let mut w = World::new();
    w.create("hanako@example.com", Lang::Ja).unwrap();
    let errs = field_errors(w.create("ＨＡＮＡＫＯ@example.com", Lang::Ja));
    assert_eq!(errs, vec![(Field::Email, FieldError::EmailTaken)]);
}

#[test]
fn verification_code_is_mailed_in_the_mail_language_and_activates_the_id() {
    let mut w = World::new();
    assert!(matches!(
        w.create("hanako@example.com", Lang::Ja),
        Ok(Reply::IdCreated { .. })
    ));
    let e = Email::parse("hanako@example.com").unwrap();
    let mail = w.state.mails_newest_first(Some(&e)).next().unwrap().clone();
    assert_eq!(mail.subject, "ID の確認コード");
    assert!(mail.blocks.iter().any(
        |b| matches!(b, mail::Block::Link(_, to) if to.as_str().starts_with("/id/verify?email="))
    ));
    // Unverified: the right password is not enough.
    assert_eq!(
        w.sign_in("hanako@example.com", PW),
        Err(DomainError::NotVerified)
    );
    let code = w.code_for("hanako@example.com");
    assert_eq!(
        w.run(
            identity_commands::VerifyId {
                email: "hanako@example.com".into(),
                code: wrong_code(&code)
            }
            .into()
        ),
        Err(DomainError::Invalid(vec![(
            Field::Code,
            FieldError::CodeWrong { tries_left: 4 }
        )]))
    );
    assert_eq!(
        w.run(
            identity_commands::VerifyId {
                email: "Hanako@Example.com".into(),
                code: code.clone()
            }
            .into()
        ),
        Ok(Reply::Verified)
    );
    assert!(w.actor().person().is_some(), "verifying signs in");
    assert!(w.state.identity_by_email(&e).unwrap().is_verified());
    assert_eq!(
        w.run(
            identity_commands::VerifyId {
                email: "hanako@example.com".into(),
                code
            }
            .into()
        ),
        Err(DomainError::AlreadyVerified)
    );
}

#[test]
fn verification_code_allows_five_tries_then_needs_a_new_code() {
    let mut w = World::new();
    w.create("a@example.com", Lang::En).unwrap();
    let code = w.code_for("a@example.com");
    for left in [4, 3, 2, 1] {
        let r = w.run(
            identity_commands::VerifyId {
                email: "a@example.com".into(),
                code: wrong_code(&code),
            }
            .into(),
        );
        assert_eq!(
            r,
            Err(DomainError::Invalid(vec![(
                Field::Code,
                FieldError::CodeWrong { tries_left: left }
            )]))
        );
    }
    let fifth = w.run(
        identity_commands::VerifyId {
            email: "a@example.com".into(),
            code: wrong_code(&code),
        }
        .into(),
    );
    assert_eq!(
        fifth,
        Err(DomainError::Invalid(vec![(
            Field::Code,
            FieldError::CodeUsedUp
        )]))
    );
    // Even the right code is refused now.
    let sixth = w.run(
        identity_commands::VerifyId {
            email: "a@example.com".into(),
            code: code.clone(),
        }
        .into(),
    );
    assert_eq!(
        sixth,
        Err(DomainError::Invalid(vec![(
            Field::Code,
            FieldError::CodeUsedUp
        )]))
    );
    assert!(matches!(
        w.run(
            identity_commands::ResendCode {
                email: "a@example.com".into()
            }
            .into()
        ),
        Ok(Reply::CodeResent { .. })
    ));
    let new_code = w.code_for("a@example.com");
    assert_eq!(
        w.run(
            identity_commands::VerifyId {
                email: "a@example.com".into(),
                code: new_code
            }
            .into()
        ),
        Ok(Reply::Verified)
    );
}

#[test]
fn verification_code_expires_after_30_minutes() {
    let mut w = World::new();
    w.create("a@example.com", Lang::En).unwrap();
    let code = w.code_for("a@example.com");
    w.now += 30 * MINUTE;
    assert_eq!(
        w.run(
            identity_commands::VerifyId {
                email: "a@example.com".into(),
                code
            }
            .into()
        ),
        Err(DomainError::Invalid(vec![(
            Field::Code,
            FieldError::CodeExpired
        )]))
    );
}

#[test]
fn verification_code_works_just_before_expiry() {
    let mut w = World::new();
    w.create("a@example.com", Lang::En).unwrap();
    let code = w.code_for("a@example.com");
    w.now += 30 * MINUTE - 1;
    assert_eq!(
        w.run(
            identity_commands::VerifyId {
                email: "a@example.com".into(),
                code
            }
            .into()
        ),
        Ok(Reply::Verified)
    );
}

// ---------- sign in, lock-out, sessions ------------------------------------------

#[test]
fn five_wrong_passwords_lock_for_15_minutes() {
    let mut w = World::new();
    w.verified("a@example.com");
    w.run(Command::SignOut).unwrap();
    for _ in 0..4 {
        assert_eq!(
            w.sign_in("a@example.com", "wrong password!"),
            Err(DomainError::BadCredentials)
        );
    }
    let until = Timestamp(w.now + 15 * MINUTE);
    assert_eq!(
        w.sign_in("a@example.com", "wrong password!"),
        Err(DomainError::Locked { until })
    );
    // The right password does not help while locked, and the lock is not extended.
    assert_eq!(
        w.sign_in("a@example.com", PW),
        Err(DomainError::Locked { until })
    );
    w.now += 15 * MINUTE - 1;
    assert_eq!(
        w.sign_in("a@example.com", PW),
        Err(DomainError::Locked { until })
    );
    w.now += 1;
    assert_eq!(w.sign_in("a@example.com", PW), Ok(Reply::SignedIn));
    let audit = &w.state;
    assert_eq!(audit.audit_events_of(AuditEvent::SignInFailed), 4);
    assert_eq!(audit.audit_events_of(AuditEvent::SignInLocked), 1);
}

#[test]
fn a_lock_out_is_mailed_to_the_id_with_its_end_and_a_reset_link() {
    let mut w = World::new();
    w.verified("a@example.com");
    w.run(Command::SignOut).unwrap();
    let e = Email::parse("a@example.com").unwrap();
    let before = w.state.mail_count();
    for _ in 0..4 {
        let _ = w.sign_in("a@example.com", "wrong password!");
    }
    assert_eq!(w.state.mail_count(), before, "no mail before the lock");
    let _ = w.sign_in("a@example.com", "wrong password!");
    assert_eq!(w.state.mail_count(), before + 1);
    let mail = w.state.mails_newest_first(Some(&e)).next().unwrap().clone();
    assert_eq!(mail.subject, "Your ID was locked");
    let text = format!("{:?}", mail.blocks);
    assert!(text.contains("entered wrongly 5 times in a row"), "{text}");
    let until = onboard_core::calendar::format_jst(Timestamp(w.now + 15 * MINUTE), Lang::En);
    assert!(
        text.contains(&format!("cannot sign in until {until}")),
        "{text}"
    );
    assert!(text.contains("/id/reset?email=a%40example.com"), "{text}");
    // Tries while locked are refused without another mail.
    let _ = w.sign_in("a@example.com", "wrong password!");
    assert_eq!(w.state.mail_count(), before + 1);
}

#[test]
fn the_office_finds_ids_by_state_and_words_and_lifts_a_lock() {
    use onboard_core::identity::IdState;
    let mut w = World::new();
    w.verified("hanako@example.com");
    w.run(Command::SignOut).unwrap();
    w.now += MINUTE;
    w.create("taro@example.com", Lang::En).unwrap();
    w.now += MINUTE;
    w.verified("jiro@example.com");
    w.run(Command::SignOut).unwrap();
    for _ in 0..5 {
        let _ = w.sign_in("hanako@example.com", "wrong password!");
    }
    let now = Timestamp(w.now);
    assert_eq!(w.state.id_state_counts(now), [1, 1, 1]);
    let emails = |w: &World, key: &str, s: Option<IdState>| -> Vec<String> {
        w.state
            .ids_found(key, s, Timestamp(w.now))
            .iter()
            .map(|i| i.email().to_string())
            .collect()
    };
    // Newest first; by state; by a part of the email or of a name.
    assert_eq!(
        emails(&w, "", None),
        ["jiro@example.com", "taro@example.com", "hanako@example.com"]
    );
    assert_eq!(
        emails(&w, "", Some(IdState::Locked)),
        ["hanako@example.com"]
    );
    assert_eq!(
        emails(&w, "", Some(IdState::Unverified)),
        ["taro@example.com"]
    );
    assert_eq!(emails(&w, "taro", None), ["taro@example.com"]);
    assert_eq!(emails(&w, "nobody", None), Vec::<String>::new());
    let hanako = Email::parse("hanako@example.com").unwrap();
    assert!(
        onboard_core::report::last_sign_in(&w.state, &hanako).is_some(),
        "verifying signed her in"
    );
    assert_eq!(
        onboard_core::report::last_sign_in(&w.state, &Email::parse("taro@example.com").unwrap()),
        None
    );
    // Only the program office lifts a lock.
    let lift = || -> Command {
        office_commands::LiftLock {
            email: "hanako@example.com".into(),
        }
        .into()
    };
    w.sign_in("jiro@example.com", PW).unwrap();
    assert_eq!(w.run(lift()), Err(DomainError::NotAllowed));
    w.run(Command::SignOut).unwrap();
    w.as_operator();
    assert_eq!(w.run(lift()), Ok(Reply::Done));
    assert_eq!(w.state.audit_events_of(AuditEvent::LockLifted), 1);
    assert_eq!(w.state.id_state_counts(Timestamp(w.now)), [1, 2, 0]);
    // Again (not locked any more): nothing changes, nothing is recorded.
    assert_eq!(w.run(lift()), Ok(Reply::Done));
    assert_eq!(w.state.audit_events_of(AuditEvent::LockLifted), 1);
    w.run(Command::OperatorSignOut).unwrap();
    assert_eq!(w.sign_in("hanako@example.com", PW), Ok(Reply::SignedIn));
    // The owner sees it in the ID's history.
    let events: Vec<AuditEvent> = onboard_core::report::id_history(&w.state, &w.actor())
        .unwrap()
        .iter()
        .map(|e| e.event)
        .collect();
    assert_eq!(
        events[..3],
        [
            AuditEvent::SignInOk,
            AuditEvent::LockLifted,
            AuditEvent::SignInLocked
        ]
    );
}

#[test]
fn an_unverified_id_locks_without_a_mail() {
    let mut w = World::new();
    w.create("a@example.com", Lang::En).unwrap();
    let before = w.state.mail_count();
    for _ in 0..5 {
        let _ = w.sign_in("a@example.com", "wrong password!");
    }
    assert_eq!(w.state.audit_events_of(AuditEvent::SignInLocked), 1);
    assert_eq!(w.state.mail_count(), before);
}

#[test]
fn an_ids_history_is_its_owners_alone_and_only_about_the_id() {
    use onboard_core::report::id_history;
    let mut w = World::new();
    w.verified("a@example.com");
    w.run(Command::SignOut).unwrap();
    // The program office's account, at the same address: its entries are not the ID's.
    w.run(
        office_commands::CreateOperator {
            email: "a@example.com".into(),
            password: PW.into(),
            confirm: PW.into(),
        }
        .into(),
    )
    .unwrap();
    w.run(Command::OperatorSignOut).unwrap();
    assert_eq!(w.state.audit_events_of(AuditEvent::OperatorCreated), 1);
    w.verified("b@example.com");
    // B, signed in on this browser, tries A's ID with a wrong password (and stays
    // signed in as B).
    let _ = w.sign_in("a@example.com", "wrong password!");
    let events = |w: &World| -> Vec<AuditEvent> {
        id_history(&w.state, &w.actor())
            .unwrap()
            .iter()
            .map(|e| e.event)
            .collect()
    };
    let b = events(&w);
    assert_eq!(
        b,
        [AuditEvent::IdVerified, AuditEvent::IdCreated],
        "B's own, newest first"
    );
    w.sign_in("a@example.com", PW).unwrap();
    let a = events(&w);
    assert_eq!(
        a,
        [
            AuditEvent::SignInOk,
            AuditEvent::SignInFailed,
            AuditEvent::SignOut,
            AuditEvent::IdVerified,
            AuditEvent::IdCreated
        ]
    );
    let failed = &id_history(&w.state, &w.actor()).unwrap()[1];
    assert_eq!(
        failed.actor, "b@example.com",
        "who was signed in on the browser"
    );
    assert!(a.iter().all(|e| e.is_about_id()));
    // Signed out, nobody's.
    w.run(Command::SignOut).unwrap();
    assert_eq!(
        id_history(&w.state, &w.actor()),
        Err(DomainError::NotSignedIn)
    );
}

#[test]
fn a_success_resets_the_count_of_wrong_passwords() {
    let mut w = World::new();
    w.verified("a@example.com");
    w.run(Command::SignOut).unwrap();
    for _ in 0..4 {
        let _ = w.sign_in("a@example.com", "wrong password!");
    }
    assert_eq!(w.sign_in("a@example.com", PW), Ok(Reply::SignedIn));
    w.run(Command::SignOut).unwrap();
    for _ in 0..4 {
        assert_eq!(
            w.sign_in("a@example.com", "wrong password!"),
            Err(DomainError::BadCredentials)
        );
    }
}

#[test]
fn a_clock_set_back_does_not_unlock_early() {
    let mut w = World::new();
    w.verified("a@example.com");
    w.run(Command::SignOut).unwrap();
    for _ in 0..5 {
        let _ = w.sign_in("a@example.com", "wrong password!");
    }
    w.now -= 2 * HOUR;
    assert!(matches!(
        w.sign_in("a@example.com", PW),
        Err(DomainError::Locked { .. })
    ));
    // The way out that always works: a password reset.
    w.run(
        identity_commands::RequestReset {
            email: "a@example.com".into(),
        }
        .into(),
    )
    .unwrap();
    let code = w.code_for("a@example.com");
    let np = "a brand new password";
    w.run(
        identity_commands::ResetPassword {
            email: "a@example.com".into(),
            code,
            password: np.into(),
            confirm: np.into(),
        }
        .into(),
    )
    .unwrap();
    assert_eq!(w.sign_in("a@example.com", np), Ok(Reply::SignedIn));
}

#[test]
fn unknown_email_and_wrong_password_get_the_same_answer() {
    let mut w = World::new();
    w.verified("a@example.com");
    w.run(Command::SignOut).unwrap();
    assert_eq!(
        w.sign_in("nobody@example.com", PW),
        Err(DomainError::BadCredentials)
    );
    assert_eq!(
        w.sign_in("a@example.com", "wrong password!"),
        Err(DomainError::BadCredentials)
    );
}

#[test]
fn a_session_ends_after_8_hours_idle_and_touch_keeps_it() {
    let mut w = World::new();
    w.verified("a@example.com");
    w.now += 7 * HOUR;
    w.run(Command::Touch).unwrap();
    w.now += 8 * HOUR;
    assert!(w.actor().person().is_some(), "touched 8 h ago: still live");
    w.now += 1;
    assert!(w.actor().person().is_none(), "8 h and 1 ms idle: ended");
    assert_eq!(w.run(Command::SignOut), Err(DomainError::NotSignedIn));
    assert_eq!(
        w.run(
            identity_commands::UpdateProfile {
                family: "X".into(),
                given: "Y".into(),
                country: "JP".into(),
                mail_lang: Lang::Ja
            }
            .into()
        ),
        Err(DomainError::NotSignedIn)
    );
}

#[test]
fn sign_out_ends_the_session() {
    let mut w = World::new();
    w.verified("a@example.com");
    let old = w.device.clone();
    assert_eq!(w.run(Command::SignOut), Ok(Reply::SignedOut));
    assert!(
        w.state.actor(&old, Timestamp(w.now)).person().is_none(),
        "the old token is dead"
    );
}

// ---------- reset and change password --------------------------------------------

#[test]
fn reset_sets_a_new_password_lifts_the_lock_and_ends_all_sessions() {
    let mut w = World::new();
    w.verified("a@example.com");
    let old_device = w.device.clone();
    for _ in 0..5 {
        let _ = w.sign_in("a@example.com", "wrong password!");
    }
    assert!(matches!(
        w.run(
            identity_commands::RequestReset {
                email: "a@example.com".into()
            }
            .into()
        ),
        Ok(Reply::ResetMailed { .. })
    ));
    let code = w.code_for("a@example.com");
    let np = "a brand new password";
    // Field problems spend no try of the code.
    let errs = field_errors(
        w.run(
            identity_commands::ResetPassword {
                email: "a@example.com".into(),
                code: code.clone(),
                password: np.into(),
                confirm: "different one!".into(),
            }
            .into(),
        ),
    );
    assert_eq!(
        errs,
        vec![(Field::PasswordConfirm, FieldError::PasswordMismatch)]
    );
    assert_eq!(
        w.run(
            identity_commands::ResetPassword {
                email: "a@example.com".into(),
                code: wrong_code(&code),
                password: np.into(),
                confirm: np.into()
            }
            .into()
        ),
        Err(DomainError::Invalid(vec![(
            Field::Code,
            FieldError::CodeWrong { tries_left: 4 }
        )]))
    );
    assert_eq!(
        w.run(
            identity_commands::ResetPassword {
                email: "a@example.com".into(),
                code: code.clone(),
                password: np.into(),
                confirm: np.into()
            }
            .into()
        ),
        Ok(Reply::PasswordReset)
    );
    assert!(
        w.state
            .actor(&old_device, Timestamp(w.now))
            .person()
            .is_none(),
        "sessions ended"
    );
    assert_eq!(
        w.sign_in("a@example.com", PW),
        Err(DomainError::BadCredentials),
        "old password gone"
    );
    assert_eq!(w.sign_in("a@example.com", np), Ok(Reply::SignedIn));
    // The code is spent.
    assert!(w
        .run(
            identity_commands::ResetPassword {
                email: "a@example.com".into(),
                code,
                password: np.into(),
                confirm: np.into()
            }
            .into()
        )
        .is_err());
}

#[test]
fn reset_for_an_unknown_email_answers_the_same_and_sends_nothing() {
    let mut w = World::new();
    let r = w.run(
        identity_commands::RequestReset {
            email: "ghost@example.com".into(),
        }
        .into(),
    );
    assert!(matches!(r, Ok(Reply::ResetMailed { .. })));
    assert_eq!(w.state.mail_count(), 0);
}

#[test]
fn change_password_needs_the_current_one_and_keeps_this_session() {
    let mut w = World::new();
    w.verified("a@example.com");
    let np = "another long password";
    assert_eq!(
        w.run(
            identity_commands::ChangePassword {
                current: "not it at all".into(),
                password: np.into(),
                confirm: np.into()
            }
            .into()
        ),
        Err(DomainError::Invalid(vec![(
            Field::CurrentPassword,
            FieldError::WrongPassword
        )]))
    );
    assert_eq!(
        w.run(
            identity_commands::ChangePassword {
                current: PW.into(),
                password: np.into(),
                confirm: np.into()
            }
            .into()
        ),
        Ok(Reply::PasswordChanged)
    );
    assert!(w.actor().person().is_some());
    w.run(Command::SignOut).unwrap();
    assert_eq!(w.sign_in("a@example.com", np), Ok(Reply::SignedIn));
}

#[test]
fn saving_an_unchanged_profile_writes_and_audits_nothing() {
    let mut w = World::new();
    w.verified("a@example.com");
    let ctx = w.ctx();
    let out = apply(
        &w.state,
        &w.actor(),
        identity_commands::UpdateProfile {
            family: " Yamada".into(),
            given: "Hanako".into(),
            country: "jp".into(),
            mail_lang: Lang::En,
        }
        .into(),
        &ctx,
    )
    .unwrap();
    assert_eq!(out.effect, Reply::ProfileSaved);
    assert!(out.changed.is_empty(), "{:?}", out.changed);
    assert_eq!(out.state.audit_events_of(AuditEvent::ProfileUpdated), 0);
}

#[test]
fn profile_update_changes_names_and_mail_language_with_an_audit_entry() {
    let mut w = World::new();
    w.verified("a@example.com");
    w.run(
        identity_commands::UpdateProfile {
            family: "Suzuki".into(),
            given: "Ichiro".into(),
            country: "US".into(),
            mail_lang: Lang::Ja,
        }
        .into(),
    )
    .unwrap();
    let e = Email::parse("a@example.com").unwrap();
    let rec = w.state.identity_by_email(&e).unwrap();
    assert_eq!(
        (
            rec.family(),
            rec.given(),
            rec.country().code(),
            rec.mail_lang()
        ),
        ("Suzuki", "Ichiro", "US", Lang::Ja)
    );
    assert_eq!(rec.display_name(Lang::Ja), "Suzuki Ichiro");
    assert_eq!(rec.display_name(Lang::En), "Ichiro Suzuki");
    assert_eq!(w.state.audit_events_of(AuditEvent::ProfileUpdated), 1);
    let entry = w
        .state
        .audit_chunk(0)
        .iter()
        .find(|e| e.event == AuditEvent::ProfileUpdated)
        .unwrap();
    assert_eq!(
        words::audit_detail(&entry.detail, Lang::En),
        "name: Yamada Hanako → Suzuki Ichiro / country or region: Japan → United States / \
         language of mail: English → 日本語",
        "what changed, in the reader's language"
    );
    // A password change now mails in Japanese.
    w.run(
        identity_commands::ChangePassword {
            current: PW.into(),
            password: "another long password".into(),
            confirm: "another long password".into(),
        }
        .into(),
    )
    .unwrap();
    assert_eq!(
        w.state.mails_newest_first(Some(&e)).next().unwrap().subject,
        "パスワードが変更されました"
    );
}

// ---------- mailbox ----------------------------------------------------------------

#[test]
fn mailbox_lists_newest_first_filters_and_marks_read() {
    let mut w = World::new();
    w.create("a@example.com", Lang::En).unwrap();
    w.now += 1000;
    w.create("b@example.com", Lang::En).unwrap();
    let all: Vec<_> = w
        .state
        .mails_newest_first(None)
        .map(|m| m.to.to_string())
        .collect();
    assert_eq!(all, vec!["b@example.com", "a@example.com"]);
    let a = Email::parse("a@example.com").unwrap();
    assert_eq!(w.state.unread_count(Some(&a)), 1);
    let id = w.state.mails_newest_first(Some(&a)).next().unwrap().id;
    w.run(identity_commands::MarkMailRead { id, unread: false }.into())
        .unwrap();
    assert_eq!(w.state.unread_count(Some(&a)), 0);
    assert_eq!(w.state.unread_count(None), 1);
    // Marked unread again ("Mark as unread"), then read; twice changes nothing more.
    for (unread, left) in [(true, 1), (true, 1), (false, 0)] {
        w.run(identity_commands::MarkMailRead { id, unread }.into())
            .unwrap();
        assert_eq!(w.state.unread_count(Some(&a)), left, "unread: {unread}");
    }
    // A command stored before "unread" was (`{"id":3}`) reads as marking read, and
    // marking read is stored as it was.
    let stored: identity_commands::MarkMailRead = serde_json::from_str(r#"{"id":3}"#).unwrap();
    assert!(!stored.unread);
    assert_eq!(serde_json::to_string(&stored).unwrap(), r#"{"id":3}"#);
    assert_eq!(
        w.run(
            identity_commands::MarkMailRead {
                id: mail::MailId(999),
                unread: false,
            }
            .into()
        ),
        Err(DomainError::NotFound)
    );
}

/// The mailbox's search finds a mail by any text its recipient reads in it: its
/// subject, its body (a code, a sentence), its addresses; full-width letters and
/// digits as ASCII, any case; not by the address a link goes to.
#[test]
fn the_mailbox_finds_mail_by_its_text() {
    let mut w = World::new();
    w.create("a@example.com", Lang::En).unwrap();
    w.now += 1000;
    w.create("hanako@example.com", Lang::Ja).unwrap();
    let code = w.code_for("a@example.com");
    let found = |w: &World, key: &str| -> Vec<String> {
        let key = onboard_core::text::search_key(key);
        w.state
            .mails_found(None, None, &key)
            .map(|m| m.to.to_string())
            .collect()
    };
    assert_eq!(found(&w, ""), ["hanako@example.com", "a@example.com"]);
    assert_eq!(found(&w, &code), ["a@example.com"], "by its code");
    let wide: String = code
        .chars()
        .map(|c| char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap())
        .collect();
    assert_eq!(found(&w, &wide), ["a@example.com"], "typed full-width");
    assert_eq!(
        found(&w, "確認コード"),
        ["hanako@example.com"],
        "its subject"
    );
    assert_eq!(found(&w, "VALID UNTIL"), ["a@example.com"], "a sentence");
    assert_eq!(
        found(&w, "HANAKO@"),
        ["hanako@example.com"],
        "its recipient"
    );
    assert_eq!(
        found(&w, "/id/verify"),
        Vec::<String>::new(),
        "a link's address"
    );
    assert_eq!(found(&w, "nothing like it"), Vec::<String>::new());
    let a = Email::parse("a@example.com").unwrap();
    let in_a: Vec<_> = w.state.mails_found(Some(&a), None, "valid until").collect();
    assert_eq!(in_a.len(), 1);
    assert_eq!(w.state.mails_found(Some(&a), None, "確認").count(), 0);
    // "Mark all as read" over a search marks the mail it finds, no other.
    w.run(
        identity_commands::MarkAllMailRead {
            to: None,
            matching: " 確認コード ".into(),
        }
        .into(),
    )
    .unwrap();
    let unread: Vec<_> = w
        .state
        .mails_found(None, Some(false), "")
        .map(|m| m.to.to_string())
        .collect();
    assert_eq!(unread, ["a@example.com"]);
    assert_eq!(w.state.mails_found(None, Some(true), "").count(), 1);
}

/// A mail's "Newer" and "Older" are its neighbours in the list it was opened from:
/// every mail, one recipient's, the unread ones (where the mail just read stays
/// between them) or the ones a search finds; each with its place in that list.
#[test]
fn a_mail_knows_its_neighbours_in_its_list() {
    let mut w = World::new();
    for who in ["a", "b", "c"] {
        w.create(&format!("{who}@example.com"), Lang::En).unwrap();
        w.now += 1000;
    }
    let ids: Vec<mail::MailId> = w.state.mails_found(None, None, "").map(|m| m.id).collect();
    let [c, b, a] = ids[..] else {
        panic!("three mails, newest first: {ids:?}")
    };
    let next = |w: &World, id, to: Option<&Email>, read, key: &str| {
        w.state
            .mail_neighbours(id, to, read, &onboard_core::text::search_key(key))
    };
    assert_eq!(next(&w, b, None, None, ""), [Some((c, 0)), Some((a, 2))]);
    assert_eq!(next(&w, c, None, None, ""), [None, Some((b, 1))]);
    assert_eq!(next(&w, a, None, None, ""), [Some((b, 1)), None]);
    let to_b = Email::parse("b@example.com").unwrap();
    assert_eq!(
        next(&w, b, Some(&to_b), None, ""),
        [None, None],
        "its recipient's"
    );
    // Opened from the unread list, b is read now: it keeps its place, and a is second
    // in the list the mailbox shows.
    w.run(
        identity_commands::MarkMailRead {
            id: b,
            unread: false,
        }
        .into(),
    )
    .unwrap();
    assert_eq!(
        next(&w, b, None, Some(false), ""),
        [Some((c, 0)), Some((a, 1))]
    );
    assert_eq!(next(&w, a, None, Some(false), ""), [Some((c, 0)), None]);
    assert_eq!(
        next(&w, a, None, Some(true), ""),
        [Some((b, 0)), None],
        "the read list, where b is first"
    );
    // A search: only what it finds; a mail it does not find has no neighbours.
    let code = w.code_for("b@example.com");
    assert_eq!(next(&w, b, None, None, &code), [None, None]);
    assert_eq!(next(&w, a, None, None, &code), [None, None]);
    assert_eq!(
        next(&w, c, None, None, "C@EXAMPLE"),
        [None, None],
        "one found"
    );
    assert_eq!(next(&w, c, None, None, "example.com"), [None, Some((b, 1))]);
}

/// a@example.com's ID, verified and signed out, then 203 reset codes mailed to it: its
/// mail fills more than one chunk.
fn mail_over_two_chunks() -> World {
    let mut w = World::new();
    w.verified("a@example.com");
    w.run(Command::SignOut).unwrap();
    for _ in 0..(mail::CHUNK + 3) {
        w.run(
            identity_commands::RequestReset {
                email: "a@example.com".into(),
            }
            .into(),
        )
        .unwrap();
    }
    w
}

/// "Mark all as read" reads one recipient's mailbox, or every mail shown; it touches
/// only the chunks that held unread mail, and a second time changes nothing.
#[test]
fn a_mailbox_is_marked_read_at_once() {
    let mut w = mail_over_two_chunks();
    w.create("b@example.com", Lang::En).unwrap();
    let (a, b) = (
        Email::parse("a@example.com").unwrap(),
        Email::parse("b@example.com").unwrap(),
    );
    // Nobody opened a's mail: the code, the mail that the ID is verified and 203
    // reset codes, over two chunks.
    assert_eq!(w.state.unread_count(Some(&a)), mail::CHUNK + 5);
    let mark = |to: Option<&Email>| -> Command {
        identity_commands::MarkAllMailRead {
            to: to.cloned(),
            ..Default::default()
        }
        .into()
    };
    let ctx = w.ctx();
    let out = apply(&w.state, &w.actor(), mark(Some(&a)), &ctx).unwrap();
    assert_eq!(out.effect, Reply::Done);
    assert_eq!(
        out.changed.iter().cloned().collect::<Vec<_>>(),
        [AggKey::Mail(0), AggKey::Mail(1)],
        "the two chunks that held a's unread mail"
    );
    w.run(mark(Some(&a))).unwrap();
    assert_eq!(w.state.unread_count(Some(&a)), 0);
    assert_eq!(w.state.unread_count(Some(&b)), 1, "b's mail is b's");
    let ctx = w.ctx();
    let again = apply(&w.state, &w.actor(), mark(Some(&a)), &ctx).unwrap();
    assert!(again.changed.is_empty(), "nothing left to mark");
    w.run(mark(None)).unwrap();
    assert_eq!(w.state.unread_count(None), 0);
    // Whose mail is marked: in local mode the mailbox shown; on a shared server only
    // the signed-in account's own, never a mail it sent to someone else.
    use onboard_core::mail::markable;
    assert_eq!(markable(None, None), Some(None));
    assert_eq!(markable(Some(&a), None), Some(Some(a.clone())));
    assert_eq!(markable(None, Some(&a)), Some(Some(a.clone())));
    assert_eq!(markable(Some(&a), Some(&a)), Some(Some(a.clone())));
    assert_eq!(markable(Some(&b), Some(&a)), None);
}

#[test]
fn mail_chunks_roll_over() {
    let w = mail_over_two_chunks();
    let n = w.state.mail_count();
    assert_eq!(n, mail::CHUNK + 3 + 2);
    let keys: Vec<AggKey> = w
        .state
        .keys()
        .into_iter()
        .filter(|k| matches!(k, AggKey::Mail(_)))
        .collect();
    assert_eq!(keys, vec![AggKey::Mail(0), AggKey::Mail(1)]);
    let newest = w.state.mails_newest_first(None).next().unwrap();
    assert_eq!(newest.id.0 as usize, n - 1);
}

// ---------- operator and audit -----------------------------------------------------

#[test]
fn the_operator_account_is_created_once_and_guards_the_audit_trail() {
    let mut w = World::new();
    w.verified("a@example.com");
    assert_eq!(
        w.state.audit_trail(&w.actor()),
        Err(DomainError::NotAllowed),
        "a person is not the operator"
    );
    w.run(
        office_commands::CreateOperator {
            email: "op@example.com".into(),
            password: PW.into(),
            confirm: PW.into(),
        }
        .into(),
    )
    .unwrap();
    assert!(w.actor().is_operator());
    let trail = w.state.audit_trail(&w.actor()).unwrap();
    assert_eq!(trail[0].event, AuditEvent::OperatorCreated);
    assert_eq!(trail.last().unwrap().event, AuditEvent::IdCreated);
    assert_eq!(
        w.run(
            office_commands::CreateOperator {
                email: "x@example.com".into(),
                password: PW.into(),
                confirm: PW.into()
            }
            .into()
        ),
        Err(DomainError::OperatorExists)
    );
    w.run(Command::OperatorSignOut).unwrap();
    assert!(!w.actor().is_operator());
    assert_eq!(
        w.run(
            office_commands::OperatorSignIn {
                email: "op@example.com".into(),
                password: "wrong password!".into()
            }
            .into()
        ),
        Err(DomainError::BadCredentials)
    );
    assert_eq!(
        w.run(
            office_commands::OperatorSignIn {
                email: "op@example.com".into(),
                password: PW.into()
            }
            .into()
        ),
        Ok(Reply::OperatorSignedIn)
    );
    assert_eq!(w.state.audit_events_of(AuditEvent::OperatorSignInFailed), 1);
    assert_eq!(w.state.audit_events_of(AuditEvent::OperatorSignIn), 1);
}

#[test]
fn an_id_password_does_not_open_the_office() {
    let mut w = World::new();
    w.run(
        office_commands::CreateOperator {
            email: "op@example.com".into(),
            password: PW.into(),
            confirm: PW.into(),
        }
        .into(),
    )
    .unwrap();
    w.run(Command::OperatorSignOut).unwrap();
    w.verified("a@example.com");
    assert_eq!(
        w.run(
            office_commands::OperatorSignIn {
                email: "a@example.com".into(),
                password: PW.into()
            }
            .into()
        ),
        Err(DomainError::BadCredentials)
    );
    assert!(!w.actor().is_operator());
    assert_eq!(
        w.run(Command::OperatorSignOut),
        Err(DomainError::NotAllowed)
    );
}

#[test]
fn every_security_event_is_in_the_audit_trail() {
    let mut w = World::new();
    w.verified("a@example.com");
    w.run(Command::SignOut).unwrap();
    let _ = w.sign_in("a@example.com", "wrong password!");
    w.sign_in("a@example.com", PW).unwrap();
    w.run(
        identity_commands::RequestReset {
            email: "a@example.com".into(),
        }
        .into(),
    )
    .unwrap();
    let code = w.code_for("a@example.com");
    let np = "a brand new password";
    w.run(
        identity_commands::ResetPassword {
            email: "a@example.com".into(),
            code,
            password: np.into(),
            confirm: np.into(),
        }
        .into(),
    )
    .unwrap();
    for e in [
        AuditEvent::IdCreated,
        AuditEvent::IdVerified,
        AuditEvent::SignOut,
        AuditEvent::SignInFailed,
        AuditEvent::SignInOk,
        AuditEvent::ResetRequested,
        AuditEvent::PasswordReset,
    ] {
        assert_eq!(w.state.audit_events_of(e), 1, "{e:?}");
    }
}

#[test]
fn no_secret_is_stored_in_clear() {
    let mut w = World::new();
    w.create("a@example.com", Lang::En).unwrap();
    let code = w.code_for("a@example.com");
    w.run(
        identity_commands::VerifyId {
            email: "a@example.com".into(),
            code: code.clone(),
        }
        .into(),
    )
    .unwrap();
    w.run(
        identity_commands::RequestReset {
            email: "a@example.com".into(),
        }
        .into(),
    )
    .unwrap();
    let reset_code = w.code_for("a@example.com");
    w.run(
        office_commands::CreateOperator {
            email: "op@example.com".into(),
            password: "operator secret 123".into(),
            confirm: "operator secret 123".into(),
        }
        .into(),
    )
    .unwrap();
    let token = w.device.person.clone().unwrap();
    for key in w.state.keys() {
        if matches!(key, AggKey::Mail(_)) {
            continue; // mail is what the user receives: codes belong there
        }
        let json = w.state.aggregate(&key).unwrap().to_string();
        for secret in [
            PW,
            "operator secret 123",
            code.as_str(),
            reset_code.as_str(),
            token.as_str(),
        ] {
            assert!(!json.contains(secret), "{key:?} holds a secret in clear");
        }
        assert!(
            !json.contains("\"password\":\"c"),
            "no plain password field"
        );
    }
}

#[test]
fn identical_inputs_give_identical_results() {
    let run = || {
        let mut w = World::new();
        w.verified("a@example.com");
        w.state
            .keys()
            .iter()
            .map(|k| w.state.aggregate(k).unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(), run(), "time and randomness come only from Ctx");
}

/// Shared mode: the server authenticated the account; its ID holds no secret, is
/// active at once, and the copy a server keeps carries no session or code.
#[test]
fn an_account_the_server_authenticated_gets_an_id_without_a_secret() {
    let mut w = World::new();
    let email = Email::parse("shared@example.com").unwrap();
    let cmd = |terms: bool| {
        Command::CreateAccountId(identity_commands::CreateAccountId {
            family: "Sato".into(),
            given: "Aiko".into(),
            country: "JP".into(),
            mail_lang: Lang::Ja,
            accept_terms: terms,
        })
    };
    // Without an account, or without accepting the terms, nothing is made.
    let ctx = w.ctx();
    assert_eq!(
        apply(&w.state, &Actor::anonymous(), cmd(true), &ctx).err(),
        Some(DomainError::NotSignedIn)
    );
    let actor = w.state.actor_of_account(&email, false);
    assert_eq!(actor.person(), None);
    let ctx = w.ctx();
    assert!(matches!(
        apply(&w.state, &actor, cmd(false), &ctx),
        Err(DomainError::Invalid(_))
    ));
    let out = apply(&w.state, &actor, cmd(true), &ctx).unwrap();
    w.state = out.state;
    let id = w.state.identity_by_email(&email).expect("the ID exists");
    assert!(id.is_verified());
    assert_eq!(w.state.mail_count(), 0, "no code is mailed");
    // The account now acts as that person; a second ID for it is refused.
    let actor = w.state.actor_of_account(&email, false);
    assert_eq!(actor.person(), Some(id.id()));
    let ctx = w.ctx();
    assert!(matches!(
        apply(&w.state, &actor, cmd(true), &ctx),
        Err(DomainError::Invalid(_))
    ));
    // The server changed its password: the ID is mailed and the change audited; a
    // local data set (no account) never takes it.
    let (mails, audits) = (w.state.mail_count(), w.state.audit_count());
    let ctx = w.ctx();
    let out = apply(&w.state, &actor, Command::AccountPasswordChanged, &ctx).unwrap();
    assert_eq!(out.effect, Reply::PasswordChanged);
    w.state = out.state;
    assert_eq!(w.state.mail_count(), mails + 1);
    assert_eq!(w.state.audit_count(), audits + 1);
    let mail = w.state.mails_newest_first(Some(&email)).next().unwrap();
    assert_eq!(mail.to, email);
    let anonymous = apply(
        &w.state,
        &Actor::anonymous(),
        Command::AccountPasswordChanged,
        &ctx,
    );
    assert_eq!(anonymous.err(), Some(DomainError::NotSignedIn));
    // No password signs in to it here: the server holds the password.
    for pw in ["", PW, "$argon2id$"] {
        assert!(w.sign_in("shared@example.com", pw).is_err());
    }
    // A local ID's copy for a server loses its secrets, never its profile.
    w.verified("local@example.com");
    w.sign_in("local@example.com", PW).unwrap();
    let local = w
        .state
        .identity_by_email(&Email::parse("local@example.com").unwrap())
        .unwrap();
    let copy = serde_json::to_string(&local.for_server()).unwrap();
    let original = serde_json::to_string(local).unwrap();
    assert_ne!(copy, original);
    assert!(!copy.contains("m=19456,t=2,p=1$") || copy.contains("aGVsZGVsc2V3aGVyZQ"));
    assert!(!copy.contains("sessions\":[{"), "{copy}");
    assert_eq!(
        local.for_server().display_name(Lang::En),
        local.display_name(Lang::En)
    );
}

mod seeded;

mod props {
    use super::*;
    use onboard_core::text::{clean_line, fold_width};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(seeded::config(2000))]

        #[test]
        fn email_parse_never_panics_and_is_idempotent(s in "\\PC{0,300}") {
            if let Ok(e) = Email::parse(&s) {
                prop_assert_eq!(Email::parse(e.as_str()), Ok(e.clone()));
                prop_assert!(e.as_str().len() <= 254);
                prop_assert!(e.as_str().is_ascii());
                prop_assert_eq!(e.as_str().to_ascii_lowercase(), e.as_str());
            }
        }

        #[test]
        fn email_accepts_generated_addresses(
            local in "[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]",
            dom in "[a-z0-9]{1,10}",
            tld in "[a-z]{2,6}",
        ) {
            prop_assume!(!local.contains(".."));
            let raw = format!(" {}@{}.{} ", local.to_uppercase(), dom, tld);
            let e = Email::parse(&raw).unwrap();
            let expected = [local.as_str(), "@", dom.as_str(), ".", tld.as_str()].concat();
            prop_assert_eq!(e.as_str(), expected.as_str());
        }

        #[test]
        fn names_are_clean_and_bounded(s in any::<String>()) {
            match PersonName::parse(&s) {
                Ok(n) => {
                    let v = n.as_str();
                    prop_assert!(!v.is_empty() && v.chars().count() <= 64);
                    prop_assert!(!v.chars().any(|c| c.is_control()));
                    prop_assert_eq!(v.trim(), v);
                    prop_assert!(!v.contains("  "));
                    let again = PersonName::parse(v).unwrap();
                    prop_assert_eq!(again.as_str(), v);
                }
                Err(e) => {
                    let expected = matches!(
                        e,
                        FieldError::Required
                            | FieldError::TooLong { .. }
                            | FieldError::ForbiddenCharacters
                    );
                    prop_assert!(expected, "unexpected error {:?}", e);
                }
            }
        }

        #[test]
        fn lines_with_markup_are_kept_as_text(s in "[<>\"'&a-z ]{1,60}") {
            if let Ok(v) = clean_line(&s, 100) {
                prop_assert_eq!(v, s.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }

        #[test]
        fn digits_parse_never_panics(s in any::<String>()) {
            if let Ok(d) = parse_digits(&s, 6) {
                prop_assert_eq!(d.len(), 6);
                prop_assert!(d.chars().all(|c| c.is_ascii_digit()));
            }
        }

        #[test]
        fn full_width_ascii_folds_to_ascii(s in "[!-~]{0,40}") {
            let wide: String = s
                .chars()
                .map(|c| char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap())
                .collect();
            prop_assert_eq!(fold_width(&wide), s);
        }

        #[test]
        fn a_filter_finds_text_however_wide_or_cased(s in "[!-~]{0,40}", hay in "\\PC{0,20}") {
            use onboard_core::text::search_key;
            let wide: String = s
                .chars()
                .map(|c| char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap())
                .collect();
            prop_assert_eq!(search_key(&wide), s.to_lowercase());
            prop_assert_eq!(search_key(&s.to_uppercase()), s.to_lowercase());
            // What the filter is typed over finds its own key, typed either way.
            let text = format!("{hay}{s}");
            prop_assert!(search_key(&text).contains(&search_key(&wide)));
        }

        #[test]
        fn a_text_holds_a_key_as_its_own_key_says(
            text in "[ -~]{0,30}|[ -~ａ-ｚＡ-Ｚ０-９　あ-ん亜-腕ΑΩαωÄäİ]{0,30}|\\PC{0,30}",
            from in 0usize..30,
            len in 0usize..6,
            other in "[a-zA-Zａ-ｚ]{1,3}|\\PC{1,3}",
        ) {
            use onboard_core::text::{fold_width, key_in, search_key};
            let key = search_key(&text);
            // Full-width folded, then each character in lower case.
            let lower: String = fold_width(&text).chars().flat_map(char::to_lowercase).collect();
            prop_assert_eq!(&key, &lower);
            // Any part of its key is in it; any other key is as the whole key says.
            let part: String = key.chars().skip(from).take(len).collect();
            let mut buf = String::from("left from the text before");
            prop_assert!(key_in(&text, &part, &mut buf), "{:?} in {:?}", part, text);
            let other = search_key(&other);
            prop_assert_eq!(key_in(&text, &other, &mut buf), key.contains(&other));
        }

        #[test]
        fn password_policy_never_panics(s in any::<String>()) {
            // The policy counts the NFKC form, which can be longer ("¨" is two).
            let n = onboard_core::secret::normalize(&s).chars().count();
            match check_password(&s, None) {
                Ok(()) => prop_assert!(n >= 10, "{n} characters accepted"),
                Err(e) => {
                    let expected = matches!(
                        e,
                        FieldError::Required
                            | FieldError::PasswordTooShort { .. }
                            | FieldError::TooLong { .. }
                            | FieldError::PasswordCommon
                            | FieldError::ForbiddenCharacters
                    );
                    prop_assert!(expected, "unexpected error {:?}", e);
                }
            }
        }

        /// A password that meets the policy is accepted whatever its script.
        #[test]
        fn long_varied_passwords_are_accepted(s in "[a-zA-Zあ-ん0-9 ]{9,100}[a-z]") {
            prop_assume!(s.chars().collect::<std::collections::BTreeSet<_>>().len() > 2);
            prop_assert_eq!(check_password(&s, None), Ok(()));
        }
    }
}

#[test]
fn old_mail_and_audit_can_be_deleted_but_never_the_newest_and_audit_only_by_the_operator() {
    let mut w = World::new();
    w.verified("a@example.com");
    w.run(Command::SignOut).unwrap();
    assert_eq!(
        w.run(Command::DeleteOldestMail),
        Err(DomainError::NotFound),
        "one chunk: the newest stays"
    );
    for _ in 0..(audit::CHUNK + 10) {
        w.run(
            identity_commands::RequestReset {
                email: "a@example.com".into(),
            }
            .into(),
        )
        .unwrap();
    }
    let before = w.state.mail_count();
    assert_eq!(
        w.run(Command::DeleteOldestMail),
        Ok(Reply::Deleted {
            count: mail::CHUNK as u32
        })
    );
    assert_eq!(w.state.mail_count(), before - mail::CHUNK);
    let newest = w.state.mails_newest_first(None).next().unwrap().id;
    assert_eq!(
        newest.0 as usize,
        before - 1,
        "ids go on from where they were"
    );
    assert!(w.state.audit_count() > audit::CHUNK);
    assert_eq!(
        w.run(Command::DeleteOldestAudit),
        Err(DomainError::NotAllowed),
        "not for a person"
    );
    w.run(
        office_commands::CreateOperator {
            email: "op@example.com".into(),
            password: PW.into(),
            confirm: PW.into(),
        }
        .into(),
    )
    .unwrap();
    let n = w.state.audit_count();
    assert_eq!(
        w.run(Command::DeleteOldestAudit),
        Ok(Reply::Deleted {
            count: audit::CHUNK as u32
        })
    );
    assert_eq!(
        w.state.audit_count(),
        n - audit::CHUNK + 1,
        "the deletion is itself audited"
    );
    assert_eq!(w.state.audit_events_of(AuditEvent::AuditPruned), 1);
}

#[test]
fn tagged_statuses_read_the_json_they_write_in_any_field_order() {
    use onboard_core::site::RequestStatus;
    let s = RequestStatus::Denied {
        at: Timestamp(5),
        by: "a".into(),
        reason: "r".into(),
    };
    let j = serde_json::to_string(&s).unwrap();
    assert!(j.contains(r#""state":"Denied""#), "{j}");
    assert_eq!(serde_json::from_str::<RequestStatus>(&j).unwrap(), s);
    let shuffled = r#"{"by":"a","reason":"r","at":5,"state":"Denied","extra":1}"#;
    assert_eq!(serde_json::from_str::<RequestStatus>(shuffled).unwrap(), s);
    let missing = serde_json::from_str::<RequestStatus>(r#"{"state":"Denied","at":5,"by":"a"}"#);
    assert!(missing.unwrap_err().to_string().contains("reason"));
    assert!(serde_json::from_str::<RequestStatus>(r#"{"state":"Maybe"}"#).is_err());
    assert!(serde_json::from_str::<RequestStatus>(r#"{"at":5}"#).is_err());
    assert_eq!(
        serde_json::from_str::<RequestStatus>(r#"{"state":"Pending"}"#).unwrap(),
        RequestStatus::Pending
    );
}

// ---- Secrets and names (issue 11) ----

fn identity_key(w: &World, email: &str) -> (AggKey, String) {
    let key = w
        .state
        .keys()
        .into_iter()
        .find(|k| {
            matches!(k, AggKey::Identity(_))
                && w.state
                    .aggregate(k)
                    .unwrap()
                    .contains(&format!("\"{email}\""))
        })
        .unwrap();
    let json = w.state.aggregate(&key).unwrap();
    (key, json)
}

fn stored_hash(json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["password"].as_str().unwrap().to_string()
}

fn argon2_hash(secret: &str, m: u32, t: u32) -> String {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let params = argon2::Params::new(m, t, 1, None).unwrap();
    let a = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let salt = SaltString::encode_b64(&[7u8; 16]).unwrap();
    a.hash_password(secret.as_bytes(), &salt)
        .unwrap()
        .to_string()
}

#[test]
fn a_password_typed_in_full_width_or_half_width_is_the_same_password() {
    let wide = "ｃｏｒｒｅｃｔ　ｈｏｒｓｅ　ｂａｔｔｅｒｙ";
    let mut w = World::new();
    w.create_with_password("wide@example.com", wide).unwrap();
    let code = w.code_for("wide@example.com");
    w.run(
        identity_commands::VerifyId {
            email: "wide@example.com".into(),
            code,
        }
        .into(),
    )
    .unwrap();
    w.run(Command::SignOut).unwrap();
    assert_eq!(
        w.sign_in("wide@example.com", PW),
        Ok(Reply::SignedIn),
        "half width"
    );
    w.run(Command::SignOut).unwrap();
    assert_eq!(
        w.sign_in("wide@example.com", wide),
        Ok(Reply::SignedIn),
        "full width"
    );
    // The policy counts what is hashed: ten full-width letters are ten letters.
    assert_eq!(check_password("ｍｙ　ｔｅａ　ｃｕｐ", None), Ok(()));
    assert_eq!(
        check_password("ｍｙ　ｔｅａ　ｃｕ", None),
        Err(FieldError::PasswordTooShort { min: 10 }),
        "nine characters in any width"
    );
    assert_eq!(
        check_password("ａａａａａａａａａａ", None),
        Err(FieldError::PasswordCommon),
        "one character repeated, in any width"
    );
}

#[test]
fn hostile_hash_parameters_are_never_run_and_a_reset_replaces_them() {
    let mut w = World::new();
    w.verified("a@example.com");
    w.run(Command::SignOut).unwrap();
    let (key, json) = identity_key(&w, "a@example.com");
    let good = stored_hash(&json);
    for bad in [
        good.replace("t=2", "t=4000000000"),
        good.replace("m=19456", "m=4194304"),
        good.replace("p=1", "p=255"),
        good.replace("m=19456,t=2,p=1", "t=2,p=1"),
    ] {
        let mut h = w.clone();
        // The record still loads (nothing of the person is set aside)...
        h.state
            .insert_aggregate(&key, &json.replace(&good, &bad))
            .unwrap();
        // ...but the hash is never run: the sign-in answers at once, as a wrong password.
        #[allow(clippy::disallowed_methods)] // the test times the core; the core never does
        let started = std::time::Instant::now();
        assert_eq!(
            h.sign_in("a@example.com", PW),
            Err(DomainError::BadCredentials),
            "{bad}"
        );
        assert!(started.elapsed().as_millis() < 1000, "{bad}: ran the hash");
        // A password reset gives a sound hash again.
        h.run(
            identity_commands::RequestReset {
                email: "a@example.com".into(),
            }
            .into(),
        )
        .unwrap();
        let code = h.code_for("a@example.com");
        h.run(
            identity_commands::ResetPassword {
                email: "a@example.com".into(),
                code,
                password: "a brand new passphrase".into(),
                confirm: "a brand new passphrase".into(),
            }
            .into(),
        )
        .unwrap();
        assert_eq!(
            h.sign_in("a@example.com", "a brand new passphrase"),
            Ok(Reply::SignedIn)
        );
    }
}

#[test]
fn a_weaker_or_unnormalised_hash_is_replaced_at_the_next_sign_in() {
    for (hash, label) in [
        (argon2_hash(PW, 8, 1), "weaker parameters"),
        (
            argon2_hash("ｃｏｒｒｅｃｔ　ｈｏｒｓｅ　ｂａｔｔｅｒｙ", 19_456, 2),
            "made before NFKC",
        ),
    ] {
        let mut w = World::new();
        w.verified("a@example.com");
        w.run(Command::SignOut).unwrap();
        let (key, json) = identity_key(&w, "a@example.com");
        let old = stored_hash(&json);
        w.state
            .insert_aggregate(&key, &json.replace(&old, &hash))
            .unwrap();
        let typed = if label == "made before NFKC" {
            "ｃｏｒｒｅｃｔ　ｈｏｒｓｅ　ｂａｔｔｅｒｙ"
        } else {
            PW
        };
        assert_eq!(
            w.sign_in("a@example.com", typed),
            Ok(Reply::SignedIn),
            "{label}"
        );
        let now = stored_hash(&identity_key(&w, "a@example.com").1);
        assert_ne!(now, hash, "{label}: rehashed");
        assert!(now.contains("m=19456,t=2,p=1"), "{label}: {now}");
        w.run(Command::SignOut).unwrap();
        assert_eq!(
            w.sign_in("a@example.com", PW),
            Ok(Reply::SignedIn),
            "{label}: still signs in"
        );
    }
}

#[test]
fn names_refuse_invisible_characters_but_stored_ones_still_load() {
    for c in [
        '\u{200B}',
        '\u{200D}',
        '\u{2060}',
        '\u{00AD}',
        '\u{FEFF}',
        '\u{3164}',
        '\u{E0041}',
        '\u{FE0F}',
    ] {
        let name = format!("山{c}田");
        assert_eq!(
            PersonName::parse(&name).map(|n| n.as_str().to_string()),
            Err(FieldError::ForbiddenCharacters),
            "U+{:04X}",
            c as u32
        );
    }
    assert!(PersonName::parse("山田 花子").is_ok());
    // A name stored before the rule is read back, not set aside.
    let stored: Result<PersonName, _> = serde_json::from_str("\"山\\u200b田\"");
    assert!(stored.is_ok());
    // Free text keeps what pasted text and emoji carry.
    assert!(onboard_core::text::clean_text("ok 👍🏽 and ❤️ 10:00\u{202F}AM", 100).is_ok());
}

/// A name in Japanese script keeps its own order (family first) in English too; a name
/// in Latin letters is given name first in English and family first in Japanese.
#[test]
fn a_name_is_written_in_its_own_order() {
    use onboard_core::identity::display_name;
    assert_eq!(display_name("花子", "山田", Lang::En), "山田 花子");
    assert_eq!(display_name("花子", "山田", Lang::Ja), "山田 花子");
    assert_eq!(display_name("ハナコ", "ヤマダ", Lang::En), "ヤマダ ハナコ");
    assert_eq!(display_name("Hanako", "山田", Lang::En), "山田 Hanako");
    assert_eq!(display_name("지민", "김", Lang::En), "김 지민");
    assert_eq!(display_name("Hanako", "Yamada", Lang::En), "Hanako Yamada");
    assert_eq!(display_name("Hanako", "Yamada", Lang::Ja), "Yamada Hanako");
    assert_eq!(display_name("Zoë", "Łukasz", Lang::En), "Zoë Łukasz");
}

/// Only what frees storage, and the operator's sign-in that it needs, may use the room
/// the store keeps in reserve; a sign-up, a person's sign-in or marking mail may not.
#[test]
fn only_what_frees_storage_makes_room() {
    let op = office_commands::OperatorSignIn {
        email: "office@example.com".into(),
        password: "x".into(),
    };
    let makes_room: Vec<Command> = vec![
        op.into(),
        Command::DeleteOldestMail,
        Command::DeleteOldestAudit,
        Command::ExportData,
        Command::ReplaceData(office_commands::Replacement::Reset),
        Command::Site(onboard_core::site_commands::SiteCommand::PruneClosedHelp),
    ];
    for c in &makes_room {
        assert!(c.makes_room(), "{c:?}");
    }
    let sign_in = identity_commands::SignIn {
        email: "a@example.com".into(),
        password: "x".into(),
    };
    let read = identity_commands::MarkMailRead {
        id: onboard_core::mail::MailId(1),
        unread: true,
    };
    let others: Vec<Command> = vec![
        sign_in.into(),
        read.into(),
        Command::Touch,
        Command::SignOut,
        Command::OperatorSignOut,
    ];
    for c in &others {
        assert!(!c.makes_room(), "{c:?}");
    }
}
