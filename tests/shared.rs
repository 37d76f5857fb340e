//! Shared mode, natively against a real Kinto on PostgreSQL (started by the harness on
//! free loopback ports): the database keeps conditional writes safe, and the layout's
//! permissions make the server refuse what the domain does not allow, whatever the
//! caller sends. `make test-shared`.
#[path = "../crates/onboard-core/tests/common/mod.rs"]
mod common;
#[path = "shared_support/peers.rs"]
mod peers;
mod shared_support;

use onboard::store::shared::layout::{
    account, group, new_password, place, record_for, site_collection, site_groups, space, BUCKET,
};
use onboard::store::shared::native::Caller;
use onboard_core::partner_commands;
use onboard_core::site::SiteNumber;
use onboard_core::site_commands;
use onboard_core::AggKey;
use peers::{clock, make_id, new_peer, submitted_application};
use serde_json::json;
use shared_support::{put, Kinto};

const ROUNDS: usize = 20;
const WRITERS: usize = 6;

/// At PostgreSQL's default isolation several writers holding one ETag all succeed (lost
/// updates); shared.sh runs the database at repeatable read. 6 writers with the same
/// ETag, 20 rounds: at most one wins each round, and the record holds the winner's value.
#[test]
fn writers_holding_one_etag_never_both_win() {
    let kinto = Kinto::start("etag");
    let office = kinto.office();
    let c = format!("/buckets/{BUCKET}/collections/race");
    assert_eq!(
        kinto.send(&office, &put(&c, json!({"data": {}}))).status,
        201
    );
    let record = format!("{c}/records/counter");
    let made = kinto.send(&office, &put(&record, json!({"data": {"writer": -1}})));
    assert_eq!(made.status, 201);
    let mut rounds_won = 0;
    for round in 0..ROUNDS {
        let etag = kinto.get(&office, &record).etag.expect("an ETag");
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(WRITERS));
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (client, office, record, etag, barrier) = (
                    kinto.client.clone(),
                    office.clone(),
                    record.clone(),
                    etag.clone(),
                    barrier.clone(),
                );
                std::thread::spawn(move || {
                    let req = put(record, json!({"data": {"writer": w, "round": round}}));
                    barrier.wait();
                    client.send_if(&office, &req, &etag).unwrap().status
                })
            })
            .collect();
        let statuses: Vec<u16> = writers.into_iter().map(|t| t.join().unwrap()).collect();
        let winners: Vec<usize> = (0..WRITERS).filter(|w| statuses[*w] == 200).collect();
        println!("round {round}: {statuses:?}");
        assert!(
            winners.len() <= 1,
            "round {round}: {statuses:?} (a lost update)"
        );
        assert!(
            statuses.iter().all(|s| matches!(s, 200 | 409 | 412 | 503)),
            "{statuses:?}"
        );
        let now = kinto.get(&office, &record).body;
        match winners.first() {
            Some(w) => {
                rounds_won += 1;
                assert_eq!(now["data"]["writer"], json!(w), "round {round}");
            }
            None => assert_ne!(now["data"]["round"], json!(round), "round {round}"),
        }
    }
    println!("{rounds_won} of {ROUNDS} rounds had a winner, none had two");
    assert!(
        rounds_won > 0,
        "no write ever succeeded: the test proved nothing"
    );
}

/// Direct HTTP requests, not through the app: the server refuses a signed-out caller, a
/// stranger and a member without Update, and what it refuses changes nothing.
#[test]
fn the_server_refuses_what_the_layout_does_not_grant() {
    let kinto = Kinto::start("guard");
    let office = kinto.office();
    let primary = kinto.account("primary@example.com");
    let member = kinto.account("member@example.com");
    let stranger = kinto.account("stranger@example.com");
    let anonymous = Caller::Anonymous;

    // The office enrols a site: its space, and its head record.
    let site = SiteNumber::parse("1234567").unwrap();
    for req in space(
        &site_collection(&site),
        site_groups(&site),
        &["member@example.com"],
        &["primary@example.com"],
    ) {
        assert_eq!(kinto.send(&office, &req).status, 201, "{}", req.path);
    }
    let head = place(&AggKey::Site(site.clone())).path();
    let records = head.rsplit_once('/').unwrap().0.to_string();
    assert_eq!(
        kinto
            .send(&office, &put(&head, json!({"data": {"name": "Acme"}})))
            .status,
        201
    );
    let unchanged = |why: &str| {
        let now = kinto.get(&office, &head).body;
        assert_eq!(now["data"]["name"], "Acme", "{why} changed the site");
    };

    // Signed out: nothing is readable or writable.
    for (who, path) in [(&anonymous, &head), (&anonymous, &records)] {
        let r = kinto.get(who, path);
        assert!(
            matches!(r.status, 401 | 403),
            "signed-out read: {}",
            r.status
        );
    }
    let r = kinto.send(&anonymous, &put(&head, json!({"data": {"name": "Anon"}})));
    assert!(matches!(r.status, 401 | 403), "{}", r.status);
    unchanged("a signed-out caller");

    // A stranger: cannot read, list, write, nor join the site's groups.
    assert_eq!(kinto.get(&stranger, &head).status, 403);
    assert_eq!(kinto.get(&stranger, &records).status, 403);
    let r = kinto.send(&stranger, &put(&head, json!({"data": {"name": "Mine"}})));
    assert_eq!(r.status, 403);
    unchanged("a stranger");
    let (members_group, managers_group) = site_groups(&site);
    let managers = format!("/buckets/{BUCKET}/groups/{managers_group}");
    let r = kinto.send(
        &stranger,
        &put(
            &managers,
            json!({"data": {"members": [account("stranger@example.com")]}}),
        ),
    );
    assert_eq!(r.status, 403, "a stranger made themselves a manager");

    // A member without Update reads but cannot write.
    assert_eq!(kinto.get(&member, &head).body["data"]["name"], "Acme");
    let r = kinto.send(&member, &put(&head, json!({"data": {"name": "Member's"}})));
    assert_eq!(r.status, 403);
    unchanged("a member without Update");

    // The primary contact writes, and grants Update without the operator.
    let etag = kinto.get(&primary, &head).etag.unwrap();
    let r = kinto
        .client
        .send_if(
            &primary,
            &put(&head, json!({"data": {"name": "Acme Ltd"}})),
            &etag,
        )
        .unwrap();
    assert_eq!(r.status, 200);
    let g = kinto.get(&primary, &managers);
    let both = json!([
        account("primary@example.com"),
        account("member@example.com")
    ]);
    let r = kinto
        .client
        .send_if(
            &primary,
            &put(&managers, json!({"data": {"members": both}})),
            &g.etag.unwrap(),
        )
        .unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    let r = kinto.send(&member, &put(&head, json!({"data": {"name": "Acme KK"}})));
    assert_eq!(r.status, 200, "a granted member writes");
    let members = format!("/buckets/{BUCKET}/groups/{members_group}");
    assert_eq!(
        kinto.get(&stranger, &members).status,
        403,
        "a stranger read who belongs"
    );

    // Applications: created by anyone signed in; the office sees all, a creator theirs.
    let app = place(&AggKey::Application("PW000000001".into())).path();
    assert_eq!(
        kinto
            .send(&stranger, &put(&app, json!({"data": {"company": "S"}})))
            .status,
        201
    );
    let apps = app.rsplit_once('/').unwrap().0;
    let seen_by = |who: &Caller| {
        let r = kinto.get(who, apps);
        r.body["data"].as_array().map(Vec::len).unwrap_or(0)
    };
    assert_eq!(seen_by(&office), 1);
    assert_eq!(seen_by(&stranger), 1);
    assert_eq!(
        seen_by(&member),
        0,
        "another person's application was listed"
    );
    assert_eq!(kinto.get(&member, &app).status, 403);

    // Mail: readable by its recipient only (and its sender).
    let mail = place(&AggKey::Mail(1));
    let r = kinto.send(
        &office,
        &record_for(
            &mail,
            json!({"subject": "Welcome", "passcode": "secret"}),
            &[account("primary@example.com")],
        ),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        kinto.get(&primary, &mail.path()).body["data"]["passcode"],
        "secret"
    );
    for who in [&member, &stranger] {
        assert_eq!(kinto.get(who, &mail.path()).status, 403);
        let listed = kinto.get(who, mail.path().rsplit_once('/').unwrap().0);
        assert!(
            !listed.body.to_string().contains("secret"),
            "mail listed to another"
        );
    }

    // Accounts: nobody, not even the operator, reads another person's account (it
    // holds the password's hash); each reads only their own.
    for (who, other) in [
        (&stranger, "primary@example.com"),
        (&office, "member@example.com"),
    ] {
        assert_eq!(kinto.get(who, &format!("/accounts/{other}")).status, 403);
    }
    let listed = kinto.get(&office, "/accounts").body;
    let ids: Vec<&str> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["office@onboard.test"],
        "the operator listed others' accounts"
    );

    // A password is changed by its account alone (with its current password): not by
    // another account, the operator, or anyone signed out; the old one stops working.
    for who in [&stranger, &office, &anonymous] {
        let r = kinto.send(who, &new_password("member@example.com", "taken over 123"));
        assert!(matches!(r.status, 401 | 403), "{}", r.status);
    }
    let changed = kinto.send(
        &member,
        &new_password("member@example.com", "a new one 12345"),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    let signed_in = |who: &Caller| kinto.get(who, "/").body["user"]["id"].clone();
    assert_eq!(
        signed_in(&member),
        json!(null),
        "the old password still works"
    );
    let renewed = Caller::Account("member@example.com".into(), "a new one 12345".into());
    assert_eq!(signed_in(&renewed), json!(account("member@example.com")));
    let taken = Caller::Account("member@example.com".into(), "taken over 123".into());
    assert_eq!(signed_in(&taken), json!(null));
    // Forgotten: the host sets a temporary password (printed once); the one in use a
    // moment ago stops at once, the temporary one signs in.
    let temporary = kinto.temporary_password("member@example.com");
    assert!(temporary.len() >= 16, "{temporary:?}");
    assert_eq!(
        signed_in(&renewed),
        json!(null),
        "the forgotten one still works"
    );
    let member = Caller::Account("member@example.com".into(), temporary);
    assert_eq!(signed_in(&member), json!(account("member@example.com")));
    // One that begins with "-" (a made-up one does 1 time in 64; `-p VALUE` took it for
    // an option and the host's command failed).
    let dashed = "-Ab3_dash-first-password";
    assert_eq!(
        kinto.set_temporary_password("member@example.com", Some(dashed)),
        dashed
    );
    assert_eq!(
        signed_in(&member),
        json!(null),
        "the one before no longer works"
    );
    let member = Caller::Account("member@example.com".into(), dashed.into());
    assert_eq!(signed_in(&member), json!(account("member@example.com")));
    assert_eq!(kinto.get(&member, &head).body["data"]["name"], "Acme KK");

    // The office group is the office's: nobody else joins it.
    let r = kinto.send(
        &stranger,
        &put(
            format!("/buckets/{BUCKET}/groups/office"),
            json!({"data": {"members": [account("stranger@example.com")]}}),
        ),
    );
    assert_eq!(r.status, 403);
    assert!(kinto.get(&office, "/").body["user"]["principals"]
        .as_array()
        .unwrap()
        .contains(&json!(group("office"))));
}

/// Deterministic time and randomness for one test's commands.
/// The value of the first `Code` block of the newest mail with `subject_part`.
fn code_in(state: &onboard_core::State, subject_part: &str) -> Option<String> {
    state.mails_newest_first(None).find_map(|m| {
        if !m.subject.contains(subject_part) {
            return None;
        }
        m.blocks.iter().find_map(|b| match b {
            onboard_core::mail::Block::Code(_, v) => Some(v.clone()),
            _ => None,
        })
    })
}

/// The first journey, through the replicas natively: the office in browser A
/// enrols a site; its primary contact in browser B makes an account, finds the welcome
/// mail there (browser C, another account, finds neither the mail nor the site) and
/// activates the site with the passcode; A then sees it active. A write over a version
/// another browser replaced is refused by the server and made again on the fresh record.
#[test]
fn a_site_enrolled_in_one_browser_is_activated_in_another() {
    use onboard::store::shared::native::{Peer, RunError};
    use onboard_core::site::SiteState;

    use onboard_core::{Command, DomainError};
    use shared_support::{OPERATOR, OPERATOR_PASSWORD};
    let kinto = Kinto::start("journey");
    let mut ctx = clock();
    let mut a = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    assert!(a.office && a.actor().is_operator());
    let enrolled = a
        .run(
            Command::Site(common::enrol_command(
                "hanako@example.com",
                onboard_core::i18n::Lang::En,
            )),
            &mut ctx,
        )
        .unwrap();
    let onboard_core::tx::Reply::SiteEnrolled { site, .. } = enrolled else {
        panic!("{enrolled:?}")
    };
    let number = SiteNumber::parse(&site).unwrap();

    // B: a new account, then its ID; the welcome mail is there, and the site.
    kinto.account("hanako@example.com");
    let b_password = "pw-of-hanako@example.com";
    let mut b = Peer::open(&kinto.client, "hanako@example.com", b_password).unwrap();
    assert!(!b.office);
    make_id(&mut b, "Yamada", "Hanako", &mut ctx);
    assert_eq!(b.state.mail_count(), 1, "B's mailbox: {:?}", b.skipped);
    let passcode = code_in(&b.state, "").expect("the welcome mail names the passcode");
    assert_eq!(b.state.site(&number).unwrap().state(), SiteState::Awaiting);

    // C: another account reads neither the mail nor the site, and cannot activate it.
    let mut c = new_peer(&kinto, "carol@example.com");
    assert_eq!((c.state.mail_count(), c.state.site_count()), (0, 0));
    let r = kinto.get(&c.caller, &place(&AggKey::Site(number.clone())).path());
    assert_eq!(r.status, 403);
    make_id(&mut c, "Sato", "Carol", &mut ctx);
    assert!(matches!(
        c.run(
            site_commands::FirstSignIn {
                site: site.clone(),
                passcode: passcode.clone()
            }
            .into(),
            &mut ctx
        ),
        Err(RunError::Domain(_))
    ));

    // A changes the site after B read it (a new passcode, mailed to B): B's activation
    // with the old passcode is written over a stale version, refused by the server,
    // made again on the fresh record, and refused by the domain (the passcode changed).
    a.run(
        site_commands::ReissuePasscode { site: site.clone() }.into(),
        &mut ctx,
    )
    .unwrap();
    let stale = b.run(
        site_commands::FirstSignIn {
            site: site.clone(),
            passcode: passcode.clone(),
        }
        .into(),
        &mut ctx,
    );
    assert!(
        matches!(
            stale,
            Ok(onboard_core::tx::Reply::Refused(DomainError::Invalid(_)))
        ),
        "{stale:?}"
    );
    assert_eq!(
        b.stale_retries, 1,
        "the server refused the stale write once"
    );
    b.reload().unwrap();
    assert_eq!(b.state.mail_count(), 2, "the new passcode reached B");
    let passcode = code_in(&b.state, "").unwrap();
    b.run(
        site_commands::FirstSignIn {
            site: site.clone(),
            passcode,
        }
        .into(),
        &mut ctx,
    )
    .unwrap();
    assert_eq!(b.state.site(&number).unwrap().state(), SiteState::Active);
    a.reload().unwrap();
    assert_eq!(a.state.site(&number).unwrap().state(), SiteState::Active);
    assert!(
        a.skipped.is_empty() && b.skipped.is_empty(),
        "{:?} {:?}",
        a.skipped,
        b.skipped
    );
    // The office's audit trail has every step, each entry its own record.
    assert!(a.state.audit_count() >= 5, "{}", a.state.audit_count());
    // No password, code or hash of another person reached the office's browser.
    let people = kinto.get(
        &a.caller,
        &format!("/buckets/{BUCKET}/collections/people/records"),
    );
    let text = people.body.to_string();
    assert!(text.contains("hanako@example.com") && !text.contains("pw-of-"));
    for id in people.body["data"].as_array().unwrap() {
        let pw = id["value"]["password"].as_str().unwrap_or_default();
        assert!(pw.contains("aGVsZGVsc2V3aGVyZQ"), "{pw}");
    }

    // C, who cannot read the site, asks for access: the request goes to the inbox. One
    // with a customer number that does not match is sent too (C cannot tell), and a
    // second one for the same site is refused while the first waits.
    let customer = a.state.site(&number).unwrap().customer().to_string();
    c.ask(&site, "0000001", "wrong number", ctx()).unwrap();
    assert!(matches!(
        c.ask(&site, &customer, "again", ctx()),
        Err(RunError::Domain(DomainError::DuplicateRequest))
    ));
    c.reload().unwrap();
    let carol = onboard_core::text::Email::parse("carol@example.com").unwrap();
    let wrong = c.replica.asked(&carol);
    assert_eq!(wrong.len(), 1);
    // D asks in C's name (C's ID, D's account): nobody takes that in.
    let d = kinto.account("dave@example.com");
    let carol_id = c.state.identity_by_email(&carol).unwrap().for_server();
    let forged = onboard::store::shared::replica::Ask {
        site: site.clone(),
        customer: customer.clone(),
        message: "in carol's name".into(),
        at: onboard_core::Timestamp(1_790_000_500_000),
        identity: carol_id,
        withdrawn: None,
    };
    let (_, forged) = forged.request("forged1").unwrap();
    assert_eq!(kinto.send(&d, &forged).status, 201);
    // B, the site's primary contact, takes in what waits: the mismatched and the
    // forged requests are dropped; none is C's. C's real request is not sent yet, so
    // nothing is taken in.
    b.reload().unwrap();
    assert_eq!(b.take_in(&mut ctx).unwrap(), 0);
    b.reload().unwrap();
    assert_eq!(b.state.site(&number).unwrap().pending_requests().count(), 0);
    c.reload().unwrap();
    assert!(
        c.replica.asked(&carol).is_empty(),
        "the mismatched one went"
    );
    // C asks, B's browser takes it in, C withdraws it from her browser (she cannot
    // write the site: she marks her inbox record): B's browser withdraws it as C, the
    // record goes, and she may ask again.
    c.ask(&site, &customer, "first try", ctx()).unwrap();
    b.reload().unwrap();
    assert_eq!(b.take_in(&mut ctx).unwrap(), 1);
    c.reload().unwrap();
    c.withdraw(&site, ctx()).unwrap();
    assert!(c.replica.asked(&carol).is_empty(), "not shown as waiting");
    b.reload().unwrap();
    assert_eq!(b.take_in(&mut ctx).unwrap(), 1);
    let requests = |p: &onboard::store::shared::native::Peer| {
        p.state
            .site(&number)
            .unwrap()
            .requests()
            .iter()
            .map(|r| (r.message.clone(), r.status.clone()))
            .collect::<Vec<_>>()
    };
    b.reload().unwrap();
    assert!(
        matches!(
            requests(&b).as_slice(),
            [(m, onboard_core::site::RequestStatus::Withdrawn { .. })] if m == "first try"
        ),
        "{:?}",
        requests(&b)
    );
    let inbox = kinto.get(
        &c.caller,
        &format!("/buckets/{BUCKET}/collections/inbox/records"),
    );
    assert_eq!(inbox.body["data"], json!([]), "{}", inbox.body);
    c.ask(&site, &customer, "Carol from purchasing", ctx())
        .unwrap();
    // Another account reads nobody's request.
    let others = kinto.get(&d, &format!("/buckets/{BUCKET}/collections/inbox/records"));
    assert_eq!(others.body["data"], json!([]), "{}", others.body);
    // The office read the inbox before B took the request in: when it takes it in too,
    // its write is over a stale site, and on the fresh one it finds it taken in already
    // (the request stays, once).
    a.reload().unwrap();
    b.reload().unwrap();
    assert_eq!(b.take_in(&mut ctx).unwrap(), 1);
    assert_eq!(a.take_in(&mut ctx).unwrap(), 0);
    c.reload().unwrap();
    assert_eq!(
        c.replica.asked(&carol).len(),
        1,
        "the request is still there"
    );
    let pending: Vec<_> = b
        .state
        .site(&number)
        .unwrap()
        .pending_requests()
        .cloned()
        .collect();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].email, carol);
    assert_eq!(pending[0].message, "Carol from purchasing");
    assert!(b
        .state
        .mails_newest_first(Some(&b.email))
        .any(|m| m.subject == "A new access request"));
    // Taken in once: the office finds nothing more to take in.
    a.reload().unwrap();
    assert!(a.stale_retries > 0, "the office's take-in met B's write");
    assert_eq!(a.take_in(&mut ctx).unwrap(), 0);
    assert_eq!(a.state.site(&number).unwrap().pending_requests().count(), 1);
    // B grants it: C is one of the site's readers now, reads it and the mail, and the
    // request left the inbox.
    b.run(
        site_commands::Grant {
            site: site.clone(),
            request: pending[0].id,
            privileges: onboard_core::site::Privileges {
                contact_updates: onboard_core::site::Level::Update,
                manage_access: onboard_core::site::Level::View,
                ..Default::default()
            },
            secondary: true,
        }
        .into(),
        &mut ctx,
    )
    .unwrap();
    c.reload().unwrap();
    assert!(c.state.site(&number).is_some(), "C reads the site now");
    assert!(c.replica.asked(&carol).is_empty());
    assert!(c
        .state
        .mails_newest_first(Some(&carol))
        .any(|m| m.subject == "Your access request was granted"));
    let inbox = kinto.get(
        &a.caller,
        &format!("/buckets/{BUCKET}/collections/inbox/records"),
    );
    assert_eq!(inbox.body["data"], json!([]), "{}", inbox.body);

    // The site's history reaches its managers (B, and C now), each entry written by
    // whoever made the change (the office enrolled it, B granted C); another account
    // reads none of it.
    use onboard_core::audit::AuditEvent;
    b.reload().unwrap();
    c.reload().unwrap();
    for p in [&b, &c] {
        let h = onboard_core::report::site_history(&p.state, &p.actor(), &site).unwrap();
        let events: Vec<AuditEvent> = h.iter().map(|e| e.event).collect();
        assert!(
            events.contains(&AuditEvent::SiteEnrolled)
                && events.contains(&AuditEvent::RequestGranted),
            "{}: {events:?}",
            p.email
        );
    }
    let audit = kinto.get(&d, &format!("/buckets/{BUCKET}/collections/audit/records"));
    assert_eq!(audit.status, 200);
    assert!(!audit.body.to_string().contains(&site), "{}", audit.body);

    // An ID is its owner's (and the office's) to read: until C's browser lets the
    // managers of her sites read hers, B cannot tell she has one ("Invited"); then B
    // sees her active, by name. Another account still reads nothing of it.
    use onboard_core::site::UserStatus;
    let status_of = |p: &onboard::store::shared::native::Peer, who: &str| {
        let who = onboard_core::text::Email::parse(who).unwrap();
        let site = p.state.site(&number).unwrap();
        p.state
            .user_status(site.user(&who).unwrap(), onboard_core::Timestamp(0))
    };
    assert_eq!(status_of(&b, "carol@example.com"), UserStatus::Invited);
    let people = format!("/buckets/{BUCKET}/collections/people/records");
    let newest = |r: &onboard::store::shared::native::Reply| {
        r.body["data"]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x["last_modified"].as_u64()).max())
            .unwrap_or_default()
            .unwrap_or(0)
    };
    let since = newest(&kinto.get(&b.caller, &people));
    c.publish().unwrap();
    // B's next poll (`_since`) finds it: granting read bumps the record's version.
    let polled = kinto.get(&b.caller, &format!("{people}?_since={since}"));
    assert!(
        polled.body.to_string().contains("carol@example.com"),
        "{}",
        polled.body
    );
    b.reload().unwrap();
    assert_eq!(status_of(&b, "carol@example.com"), UserStatus::Active);
    assert!(b.state.identity_by_email(&carol).is_some());
    let carol_record = place(&AggKey::Identity(
        c.state.identity_by_email(&carol).unwrap().id().clone(),
    ))
    .path();
    assert_eq!(kinto.get(&d, &carol_record).status, 403);
    // Publishing again changes nothing (once per change of her sites).
    assert!(c
        .replica
        .unpublished(&c.state, &carol, false)
        .iter()
        .all(|w| !w.request.path.contains("/people/")));

    // B adds Erin, who has no ID B can see: an invitation. Erin makes an account and
    // an ID with that address in her browser; once it lets B read her ID, the
    // invitation is taken up (B's list of pending invitations empties).
    b.run(
        site_commands::AddUser {
            site: site.clone(),
            email: "erin@example.com".into(),
            privileges: Default::default(),
            secondary: false,
        }
        .into(),
        &mut ctx,
    )
    .unwrap();
    assert_eq!(status_of(&b, "erin@example.com"), UserStatus::Invited);
    let mut e = new_peer(&kinto, "erin@example.com");
    make_id(&mut e, "Ito", "Erin", &mut ctx);
    e.reload().unwrap();
    assert!(e.state.site(&number).is_some(), "Erin reads the site");
    e.publish().unwrap();
    b.reload().unwrap();
    assert_eq!(status_of(&b, "erin@example.com"), UserStatus::Active);
    let now = ctx().now;
    let site_now = b.state.site(&number).unwrap();
    assert!(b.state.pending_invitations(site_now, now).is_empty());
}

/// Carol applies for the partner program in her browser; the office approves it in
/// another. Returns her replica, reloaded (she is the company's APA), and the company.
fn approved_company(
    kinto: &Kinto,
    ctx: &mut dyn FnMut() -> onboard_core::Ctx,
) -> (onboard::store::shared::native::Peer, String) {
    use onboard::store::shared::native::Peer;
    use shared_support::{OPERATOR, OPERATOR_PASSWORD};
    let (mut c, number) = submitted_application(kinto, ctx);

    // Another account reads nothing of it.
    let d = kinto.account("dave@example.com");
    let app_path = place(&AggKey::Application(number.clone())).path();
    assert_ne!(kinto.get(&d, &app_path).status, 200);
    let listed = kinto.get(
        &d,
        &format!("/buckets/{BUCKET}/collections/applications/records"),
    );
    assert!(
        !listed.body.to_string().contains(&number),
        "{}",
        listed.body
    );

    // The office reads it and approves it.
    let mut a = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    assert!(a.state.application(&number).is_some(), "{:?}", a.skipped);
    a.run(
        partner_commands::Approve {
            number: number.clone(),
        }
        .into(),
        ctx,
    )
    .unwrap();

    // The applicant reads the company and the completion mail; the server made them
    // its writer.
    c.reload().unwrap();
    let carol = c.state.identity_by_email(&c.email).unwrap().id().clone();
    let company = c
        .state
        .company_of(&carol)
        .unwrap_or_else(|| panic!("C reads the company: {:?}", c.skipped))
        .id()
        .to_string();
    assert!(c
        .state
        .mails_newest_first(Some(&c.email))
        .any(|m| m.subject == "Example Partner KK: registration complete"));
    (c, company)
}

/// A partner application made in one browser is reviewed by the office in another: the
/// applicant's records are theirs and the office's only; approving it makes the
/// company's space on the server, with the applicant (its APA and PRC) as its writer;
/// another account reads neither the application nor the company.
#[test]
fn a_partner_application_sent_from_one_browser_is_approved_in_another() {
    use onboard::store::shared::layout::company_collection;

    let kinto = Kinto::start("partner");
    let mut ctx = clock();
    let (mut c, company) = approved_company(&kinto, &mut ctx);
    c.run(
        partner_commands::SetAutoAccept {
            company: company.clone(),
            on: true,
        }
        .into(),
        &mut ctx,
    )
    .unwrap();
    let records = format!(
        "/buckets/{BUCKET}/collections/{}/records",
        company_collection(&company)
    );
    let d = Caller::Account("dave@example.com".into(), "pw-of-dave@example.com".into());
    assert_eq!(kinto.get(&c.caller, &records).status, 200);
    assert_ne!(kinto.get(&d, &records).status, 200);

    // The office sets the membership level from its browser; the company's APA reads
    // the new level and the mail about it in theirs.
    let mut a = onboard::store::shared::native::Peer::open(
        &kinto.client,
        shared_support::OPERATOR,
        shared_support::OPERATOR_PASSWORD,
    )
    .unwrap();
    a.run(
        partner_commands::SetLevel {
            company: company.clone(),
            level: onboard_core::partner::Membership::Gold,
        }
        .into(),
        &mut ctx,
    )
    .unwrap();
    c.reload().unwrap();
    assert_eq!(
        c.state.company(&company).map(|x| x.level()),
        Some(onboard_core::partner::Membership::Gold)
    );
    assert!(c
        .state
        .mails_newest_first(Some(&c.email))
        .any(|m| m.subject == "Example Partner KK: your membership level has changed"));

    // The level is the office's alone: the APA, writing the company's record by hand
    // (as the server lets them), does not raise it for anyone, and may not write the
    // level's own record; another account does not even read it.
    use onboard::store::shared::layout::{level_place, LEVELS};
    use onboard_core::partner::Membership;
    let head = format!("{records}/head");
    let mine = kinto.rewritten(&c.caller, &head, |d| {
        d["value"]["level"] = json!("Platinum")
    });
    let raised = kinto.send(&c.caller, &mine);
    assert_eq!(raised.status, 200, "{}", raised.body);
    let level = level_place(&company).path();
    let forged = put(
        &level,
        serde_json::json!({"data": {"schema": onboard::store::SCHEMA, "level": "Platinum"}}),
    );
    assert_eq!(kinto.send(&c.caller, &forged).status, 403);
    for peer in [&mut c, &mut a] {
        peer.reload().unwrap();
        assert_eq!(
            peer.state.company(&company).map(|x| x.level()),
            Some(Membership::Gold),
            "{} reads the level the office set",
            peer.email
        );
    }
    assert_eq!(kinto.get(&c.caller, &level).status, 200);
    assert_ne!(kinto.get(&d, &level).status, 200);
    let listed = kinto.get(
        &d,
        &format!("/buckets/{BUCKET}/collections/{LEVELS}/records"),
    );
    assert!(
        !listed.body.to_string().contains(&company),
        "{}",
        listed.body
    );

    // A company made before levels had their own records (its record removed here to
    // stand for one): its record's level holds until the office's browser, publishing,
    // writes it to `levels`; from then on the admins' own writes do not move it.
    let gone = onboard::store::shared::layout::Request::delete(level.clone());
    assert_eq!(kinto.send(&a.caller, &gone).status, 200);
    let silver = kinto.rewritten(&c.caller, &head, |d| d["value"]["level"] = json!("Silver"));
    assert_eq!(kinto.send(&a.caller, &silver).status, 200);
    a.reload().unwrap();
    assert_eq!(
        a.state.company(&company).map(|x| x.level()),
        Some(Membership::Silver)
    );
    a.publish().unwrap();
    assert_eq!(kinto.get(&c.caller, &level).body["data"]["level"], "Silver");
    let raised = kinto.rewritten(&c.caller, &head, |d| {
        d["value"]["level"] = json!("Platinum")
    });
    assert_eq!(kinto.send(&c.caller, &raised).status, 200);
    c.reload().unwrap();
    assert_eq!(
        c.state.company(&company).map(|x| x.level()),
        Some(Membership::Silver)
    );
}

/// The office's decision on an application is the office's alone: the applicant,
/// writing their application's record by hand (Kinto lets its creator), can neither
/// approve it nor undo its approval for anyone, nor write the decision's own record;
/// another account does not read it. A server set up before decisions had their own
/// records keeps the applications' stages, and provisioning it copies them over.
#[test]
fn an_applications_decision_is_the_offices_alone() {
    use onboard::store::shared::layout::{decision_place, Request, DECISIONS};
    use onboard::store::shared::native::{provision, Peer};
    use onboard_core::partner::AppStage;
    use shared_support::{OPERATOR, OPERATOR_PASSWORD};

    let kinto = Kinto::start("decisions");
    let mut ctx = clock();
    let (mut c, number) = submitted_application(&kinto, &mut ctx);
    let app = place(&AggKey::Application(number.clone())).path();
    // Carol's record, with `status` as given.
    let carol = c.caller.clone();
    let hers = |status: serde_json::Value| {
        kinto.rewritten(&carol, &app, |d| d["value"]["status"] = status)
    };
    let stage = |p: &Peer| {
        p.state
            .application(&number)
            .and_then(|a| a.status().stage())
    };
    let approved =
        json!({"state": "Approved", "at": 1_790_000_000_000i64, "company": "c000000000000"});
    assert_eq!(kinto.send(&c.caller, &hers(approved)).status, 200);
    let decision = decision_place(&number).path();
    let forged = put(
        &decision,
        json!({"data": {"schema": onboard::store::SCHEMA, "status": {"state": "Approved",
            "at": 1_790_000_000_000i64, "company": "c000000000000"}}}),
    );
    assert_eq!(kinto.send(&c.caller, &forged).status, 403);
    let mut a = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    c.reload().unwrap();
    for p in [&a, &c] {
        assert_eq!(stage(p), Some(AppStage::Submitted), "{}", p.email);
    }

    // The office asks for documents; Carol reads the request, attaches one and sends
    // the application again, which the office reads as sent again (its record, newer
    // than the decision, answers it).
    let ask = partner_commands::RequestDocuments {
        number: number.clone(),
        message: "Your registry extract, please.".into(),
    };
    a.run(ask.into(), &mut ctx).unwrap();
    c.reload().unwrap();
    assert_eq!(stage(&c), Some(AppStage::DocumentsRequested));
    let attach = partner_commands::Attach {
        name: "extract.pdf".into(),
        mime: "application/pdf".into(),
        bytes: b"%PDF-1.4 extract".to_vec(),
    };
    c.run(attach.into(), &mut ctx).unwrap();
    a.reload().unwrap();
    assert_eq!(
        stage(&a),
        Some(AppStage::DocumentsRequested),
        "a file alone"
    );
    c.run(
        onboard_core::Command::Partner(partner_commands::PartnerCommand::Resubmit),
        &mut ctx,
    )
    .unwrap();
    for p in [&mut a, &mut c] {
        p.reload().unwrap();
        assert_eq!(stage(p), Some(AppStage::Submitted), "{}", p.email);
    }

    // The office approves it; set back to submitted by hand, it stays approved, and the
    // office cannot approve it twice.
    let approve = partner_commands::Approve {
        number: number.clone(),
    };
    a.run(approve.clone().into(), &mut ctx).unwrap();
    assert_eq!(kinto.get(&c.caller, &decision).status, 200);
    let d = kinto.account("dave@example.com");
    assert_ne!(kinto.get(&d, &decision).status, 200);
    let submitted = json!({"state": "Submitted", "at": 1_790_000_000_000i64, "resubmitted": false});
    assert_eq!(kinto.send(&c.caller, &hers(submitted.clone())).status, 200);
    for p in [&mut a, &mut c] {
        p.reload().unwrap();
        assert_eq!(stage(p), Some(AppStage::Approved), "{}", p.email);
    }
    assert!(a.run(approve.into(), &mut ctx).is_err());
    assert_eq!(a.state.companies().count(), 1);

    // A server of an earlier build (no `decisions`): the record's stage, as then;
    // provisioning it copies that stage into `decisions`.
    let collection = format!("/buckets/{BUCKET}/collections/{DECISIONS}");
    assert_eq!(
        kinto.send(&a.caller, &Request::delete(collection)).status,
        200
    );
    let company = a.state.companies().next().unwrap().id().to_string();
    let restored = kinto.rewritten(&a.caller, &app, |d| {
        d["value"]["status"] = json!({"state": "Approved",
            "at": 1_790_000_000_000i64, "company": company})
    });
    assert_eq!(kinto.send(&a.caller, &restored).status, 200);
    for p in [&mut a, &mut c] {
        p.reload().unwrap();
        assert_eq!(stage(p), Some(AppStage::Approved), "{}", p.email);
    }
    provision(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    let copied = kinto.get(&c.caller, &decision);
    assert_eq!(copied.status, 200, "{}", copied.body);
    assert_eq!(copied.body["data"]["status"]["state"], "Approved");
    assert_eq!(kinto.send(&c.caller, &hers(submitted)).status, 200);
    for p in [&mut a, &mut c] {
        p.reload().unwrap();
        assert_eq!(stage(p), Some(AppStage::Approved), "{}", p.email);
    }
}

/// Joining a company by its token from a browser that cannot read the company: the
/// token (and only the token) opens the company's directory entry (its name and
/// locations); the request goes to the inbox, the APA's browser takes it in and
/// decides it, and the new employee then reads the company. A request naming the
/// company with a wrong token is deleted, never taken in; a replaced token opens
/// nothing.
#[test]
fn a_person_joins_a_company_by_its_token_from_another_browser() {
    use onboard::store::shared::layout::{directory_lookup, TOKENS};

    use onboard_core::Command;
    let kinto = Kinto::start("join");
    let mut ctx = clock();
    let (mut c, company) = approved_company(&kinto, &mut ctx);
    let token_of = |p: &onboard::store::shared::native::Peer| {
        p.state
            .company(&company)
            .unwrap()
            .token()
            .as_str()
            .to_string()
    };
    let token = token_of(&c);

    // Dave (signed up by `approved_company`) has an ID and reads nothing of the company.
    let mut d = onboard::store::shared::native::Peer::open(
        &kinto.client,
        "dave@example.com",
        "pw-of-dave@example.com",
    )
    .unwrap();
    make_id(&mut d, "Suzuki", "Dave", &mut ctx);
    assert!(d.state.company(&company).is_none());
    let tokens = format!("/buckets/{BUCKET}/collections/{TOKENS}/records");
    let listed = kinto.get(&d.caller, &tokens);
    assert!(
        !listed.body.to_string().contains("Example Partner"),
        "{}",
        listed.body
    );
    // A wrong token opens nothing (the server says 401); the right one the entry.
    let wrong = "ABCDEFGHJKLMNPQR";
    assert_eq!(kinto.send(&d.caller, &directory_lookup(wrong)).status, 401);
    assert_eq!(d.look_up_token(wrong).unwrap(), None);
    let choice = d
        .look_up_token(&token)
        .unwrap()
        .expect("the token opens its entry");
    assert_eq!(
        (choice.company.as_str(), choice.name.as_str()),
        (company.as_str(), "Example Partner KK")
    );
    let location = choice.locations[0].id;

    // Eve names the company with a wrong token: C's browser deletes her request.
    let mut e = new_peer(&kinto, "eve@example.com");
    make_id(&mut e, "Ito", "Eve", &mut ctx);
    let now = ctx();
    let (_, forged, _) = e
        .replica
        .join(
            &e.state,
            &e.email,
            &choice,
            wrong,
            location,
            &common::profile_input(&["security"]),
            now.now,
            "forged",
        )
        .unwrap();
    assert_eq!(kinto.send(&e.caller, &forged).status, 201);

    // Dave asks, C's browser takes it in, Dave withdraws it from his: C's browser
    // withdraws it as Dave and the record goes.
    let profile = common::profile_input(&["security"]);
    d.join(&token, location, &profile, ctx()).unwrap();
    c.reload().unwrap();
    assert_eq!(c.take_in(&mut ctx).unwrap(), 1);
    d.reload().unwrap();
    d.withdraw(&company, ctx()).unwrap();
    assert!(d.replica.joining(&d.email).is_empty());
    c.reload().unwrap();
    assert_eq!(c.take_in(&mut ctx).unwrap(), 1);
    c.reload().unwrap();
    let statuses: Vec<_> = c
        .state
        .company(&company)
        .unwrap()
        .requests()
        .iter()
        .map(|r| r.status.clone())
        .collect();
    assert!(
        matches!(
            statuses.as_slice(),
            [onboard_core::partner::JoinStatus::Withdrawn { .. }]
        ),
        "{statuses:?}"
    );
    d.reload().unwrap();
    assert!(d.replica.joining(&d.email).is_empty());

    // Dave asks again; asking twice while it waits is refused.
    d.join(&token, location, &profile, ctx()).unwrap();
    assert_eq!(d.replica.joining(&d.email).len(), 1);
    assert_eq!(
        d.join(&token, location, &profile, ctx()),
        Err(onboard::store::shared::native::RunError::Domain(
            onboard_core::DomainError::DuplicateRequest
        ))
    );

    // C's browser takes Dave's in (a pending request of the company), and Eve's goes.
    c.reload().unwrap();
    assert_eq!(c.take_in(&mut ctx).unwrap(), 1);
    let pending: Vec<_> = c
        .state
        .company(&company)
        .unwrap()
        .pending()
        .map(|r| (r.id, r.email.to_string()))
        .collect();
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert_eq!(pending[0].1, "dave@example.com");
    let inbox = format!("/buckets/{BUCKET}/collections/inbox/records");
    assert_eq!(
        kinto.get(&e.caller, &inbox).body["data"],
        json!([]),
        "Eve's request is gone"
    );
    c.run(
        partner_commands::DecideJoin {
            company: company.clone(),
            request: pending[0].0,
            approve: true,
            apa: false,
            reason: String::new(),
        }
        .into(),
        &mut ctx,
    )
    .unwrap();

    // Dave reads the company now; his request is gone from the inbox.
    d.reload().unwrap();
    let dave = d.state.identity_by_email(&d.email).unwrap().id().clone();
    assert_eq!(
        d.state.company_of(&dave).map(|c| c.id().to_string()),
        Some(company.clone()),
        "{:?}",
        d.skipped
    );
    assert!(d.replica.joining(&d.email).is_empty());

    // Dave, a plain employee, cannot write the company: his change to his own profile
    // goes to its inbox (checked first in his browser), C's browser applies it as him,
    // and the record goes. A change made before his entry was last confirmed is dropped.
    let mut mine = common::profile_input(&["security"]);
    mine.phone = "03-9999-0000".into();
    let update = |p: &onboard_core::partner_commands::ProfileInput| {
        partner_commands::UpdateMyProfile {
            company: company.clone(),
            profile: p.clone(),
        }
        .into()
    };
    let refused = d.run(Command::Partner(update(&mine)), &mut ctx);
    assert!(
        matches!(
            refused,
            Err(onboard::store::shared::native::RunError::Refused(403, _))
        ),
        "{refused:?}"
    );
    let mut empty = mine.clone();
    empty.family = String::new();
    assert!(matches!(
        d.ask_own(update(&empty), ctx()),
        Err(onboard::store::shared::native::RunError::Domain(
            onboard_core::DomainError::Invalid(_)
        ))
    ));
    let stale_ctx = ctx();
    d.ask_own(update(&mine), ctx()).unwrap();
    assert_eq!(d.replica.own_waiting(&d.email).len(), 1);
    c.reload().unwrap();
    assert_eq!(c.take_in(&mut ctx).unwrap(), 1);
    d.reload().unwrap();
    let phone = |p: &onboard::store::shared::native::Peer| {
        p.state
            .company(&company)
            .and_then(|c| c.employee(&dave))
            .map(|e| e.profile.phone.clone())
    };
    assert_eq!(phone(&d).as_deref(), Some("03-9999-0000"));
    assert!(d.replica.own_waiting(&d.email).is_empty(), "taken in: gone");
    let mut older = mine.clone();
    older.phone = "03-1111-1111".into();
    d.ask_own(update(&older), stale_ctx).unwrap();
    c.reload().unwrap();
    c.take_in(&mut ctx).unwrap();
    d.reload().unwrap();
    assert_eq!(
        phone(&d).as_deref(),
        Some("03-9999-0000"),
        "the newer stands"
    );
    assert!(d.replica.own_waiting(&d.email).is_empty());
    // The company's history reaches its APA's browser: the join, before and after.
    c.reload().unwrap();
    let now = onboard_core::Timestamp(1_790_000_900_000);
    let history =
        onboard_core::report::company_history(&c.state, &c.actor(), &company, now).unwrap();
    assert!(
        history.iter().any(|e| onboard_core::words::audit_detail(
            &e.detail,
            onboard_core::i18n::Lang::En
        )
        .starts_with(&format!("{}: pending → approved", d.email))),
        "{history:?}"
    );

    // A new token replaces the old one's entry and account.
    c.run(
        partner_commands::RegenerateToken {
            company: company.clone(),
        }
        .into(),
        &mut ctx,
    )
    .unwrap();
    let new_token = token_of(&c);
    assert_ne!(new_token, token);
    assert_eq!(e.look_up_token(&token).unwrap(), None);
    assert_eq!(
        e.look_up_token(&new_token).unwrap().map(|c| c.company),
        Some(company.clone())
    );

    // An entry that is missing (a company made by an earlier build) is published by
    // the next browser of its APA that loads.
    let entry = onboard::store::shared::layout::directory_place(&new_token).path();
    assert_eq!(
        kinto
            .send(
                &c.caller,
                &onboard::store::shared::layout::Request::delete(entry)
            )
            .status,
        200
    );
    assert_eq!(e.look_up_token(&new_token).unwrap(), None);
    c.reload().unwrap();
    c.publish().unwrap();
    assert_eq!(
        e.look_up_token(&new_token).unwrap().map(|c| c.company),
        Some(company)
    );
}

/// A help request from a signed-in person in shared mode: the help desk is the office's
/// alone, so the request waits in the inbox (nobody else lists it) until the office's
/// browser takes it in; the reference and the mail come from there, and the record
/// goes. A request with a missing subject never leaves the asker's browser.
#[test]
fn a_help_request_reaches_the_office_and_its_reference_the_asker() {
    use onboard::store::shared::native::{Peer, RunError};
    use shared_support::{OPERATOR, OPERATOR_PASSWORD};
    let kinto = Kinto::start("help");
    let mut ctx = clock();
    let mut c = new_peer(&kinto, "carol@example.com");
    make_id(&mut c, "Sato", "Carol", &mut ctx);
    assert!(matches!(
        c.ask_help("", "", "It does not work", ctx()),
        Err(RunError::Domain(onboard_core::DomainError::Invalid(_)))
    ));
    c.ask_help("Cannot sign in", "", "The passcode is refused.", ctx())
        .unwrap();
    let inbox = format!("/buckets/{BUCKET}/collections/inbox/records");
    let d = kinto.account("dave@example.com");
    assert_eq!(
        kinto.get(&d, &inbox).body["data"],
        json!([]),
        "Dave lists nothing"
    );

    let mut a = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    assert_eq!(a.take_in(&mut ctx).unwrap(), 1);
    let r = a
        .state
        .help_desk()
        .requests()
        .find(|r| r.subject == "Cannot sign in")
        .expect("the help desk holds it")
        .clone();
    assert_eq!(r.email.as_str(), "carol@example.com");
    assert_eq!(
        kinto.get(&c.caller, &inbox).body["data"],
        json!([]),
        "taken in: the record is gone"
    );
    c.reload().unwrap();
    assert!(
        c.state
            .mails_newest_first(Some(&c.email))
            .any(|m| m.subject.contains(&r.reference)),
        "the reference reaches the asker by mail"
    );
    // Taking in again finds nothing (the office's next poll).
    a.reload().unwrap();
    assert_eq!(a.take_in(&mut ctx).unwrap(), 0);

    // Someone signed out (a forgotten password) asks with a name and an address, as in
    // local mode: checked in their browser, sent as a one-time account, listed by
    // nobody else (signed out or not), taken in once, answered to the address typed.
    let nobody = onboard::store::shared::replica::Replica::default();
    let empty = onboard_core::State::default();
    let typed = onboard_core::site_commands::Help {
        name: "Ito Ken".into(),
        email: "ken@example.com".into(),
        subject: "Forgot my password".into(),
        site: String::new(),
        description: "Please help.".into(),
        mail_lang: Some(onboard_core::i18n::Lang::En),
    };
    let mut bad = typed.clone();
    bad.email = "not an address".into();
    assert!(matches!(
        nobody.ask_desk(&empty, bad, &ctx(), "d1"),
        Err(onboard_core::DomainError::Invalid(_))
    ));
    let (_, [account, request], _) = nobody.ask_desk(&empty, typed, &ctx(), "d2").unwrap();
    assert_eq!(kinto.send(&Caller::Anonymous, &account).status, 201);
    assert_eq!(kinto.send(&Caller::Anonymous, &request).status, 201);
    for who in [&Caller::Anonymous, &d] {
        let listed = kinto.get(who, &inbox);
        assert!(
            matches!(listed.status, 401 | 403) || listed.body["data"] == json!([]),
            "{} {}",
            listed.status,
            listed.body
        );
    }
    a.reload().unwrap();
    assert_eq!(a.take_in(&mut ctx).unwrap(), 1);
    let r = a
        .state
        .help_desk()
        .requests()
        .find(|r| r.subject == "Forgot my password")
        .expect("the help desk holds the signed-out request")
        .clone();
    assert_eq!(r.email.as_str(), "ken@example.com");
    assert_eq!(r.name, "Ito Ken");
    assert_eq!(
        r.lang,
        onboard_core::i18n::Lang::En,
        "the reply goes in the language the page was read in"
    );
    a.reload().unwrap();
    assert_eq!(a.take_in(&mut ctx).unwrap(), 0, "taken in once");
}

/// A mailbox marked read at once in shared mode: its mails are written in batches of
/// 25 (one request each), not one request a mail. A mail another browser of the same
/// person marked read meanwhile is refused inside its batch, but its record is
/// already as this write would make it: taken, with the others, and no conflict to
/// apply the command again for.
#[test]
fn a_mailbox_marked_read_at_once_takes_a_request_per_25_mails() {
    use onboard::store::shared::native::Peer;
    use onboard_core::identity_commands::{MarkAllMailRead, MarkMailRead};
    use onboard_core::text::Email;
    use onboard_core::Command;
    use shared_support::{OPERATOR, OPERATOR_PASSWORD};
    let kinto = Kinto::start("batch");
    let mut ctx = clock();
    let mut office = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    let enrol = |office: &mut Peer, ctx: &mut dyn FnMut() -> onboard_core::Ctx| {
        office
            .run(
                Command::Site(common::enrol_command(
                    "hanako@example.com",
                    onboard_core::i18n::Lang::En,
                )),
                ctx,
            )
            .unwrap();
    };
    for _ in 0..30 {
        enrol(&mut office, &mut ctx);
    }
    let mut b = new_peer(&kinto, "hanako@example.com");
    make_id(&mut b, "Yamada", "Hanako", &mut ctx);
    let me = Email::parse("hanako@example.com").unwrap();
    let unread = b.state.unread_count(Some(&me));
    assert!(unread >= 30, "{unread} unread");
    let all_read = || -> Command {
        MarkAllMailRead {
            to: Some(me.clone()),
            ..Default::default()
        }
        .into()
    };
    b.write_requests = 0;
    b.run(all_read(), &mut ctx).unwrap();
    assert_eq!(b.write_requests, unread.div_ceil(25), "{unread} mails");
    b.reload().unwrap();
    assert_eq!(b.state.unread_count(Some(&me)), 0);

    // Three more; the person's other browser reads one of them first.
    for _ in 0..3 {
        enrol(&mut office, &mut ctx);
    }
    b.reload().unwrap();
    assert_eq!(b.state.unread_count(Some(&me)), 3);
    let mut other = Peer::open(
        &kinto.client,
        "hanako@example.com",
        "pw-of-hanako@example.com",
    )
    .unwrap();
    let first = other
        .state
        .mails_newest_first(Some(&me))
        .find(|m| !m.read)
        .map(|m| m.id)
        .unwrap();
    other
        .run(
            MarkMailRead {
                id: first,
                unread: false,
            }
            .into(),
            &mut ctx,
        )
        .unwrap();
    b.write_requests = 0;
    b.run(all_read(), &mut ctx).unwrap();
    assert_eq!((b.stale_retries, b.write_requests), (0, 1));
    for peer in [&mut b, &mut other] {
        peer.reload().unwrap();
        assert_eq!(peer.state.unread_count(Some(&me)), 0);
    }
    // Marked unread again in one browser ("Mark as unread"): unread in both.
    let unread = MarkMailRead {
        id: first,
        unread: true,
    };
    other.run(unread.into(), &mut ctx).unwrap();
    for peer in [&mut b, &mut other] {
        peer.reload().unwrap();
        assert_eq!(peer.state.unread_count(Some(&me)), 1);
    }
}

/// Kinto answers a listing in pages (`paginate_by`, or 10,000 records by default) and
/// names the rest in `Next-Page`, newest first: an engine that took the first page
/// alone would show an office whose trail has more entries than a page only the newest
/// ones, and nothing at all of the collections listed last. Pages of 3 here: every
/// listing (the bucket's collections, mail, audit entries, the sites' own) has several.
#[test]
fn a_listing_longer_than_a_page_is_read_to_its_end() {
    use onboard::store::shared::native::Peer;
    use onboard_core::text::Email;
    use onboard_core::Command;
    use shared_support::{OPERATOR, OPERATOR_PASSWORD};
    let kinto = Kinto::start_paged("paged", Some(3));
    let mut ctx = clock();
    let mut office = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    for _ in 0..4 {
        let enrol = common::enrol_command("hanako@example.com", onboard_core::i18n::Lang::En);
        office.run(Command::Site(enrol), &mut ctx).unwrap();
    }
    let counts = |s: &onboard_core::State| (s.sites().count(), s.audit_count(), s.mail_count());
    let written = counts(&office.state);
    assert_eq!(written.0, 4);
    assert!(written.1 >= 4 && written.2 >= 4, "{written:?}");
    office.reload().unwrap();
    assert_eq!(
        counts(&office.state),
        written,
        "(sites, audit entries, mails)"
    );
    assert!(office.skipped.is_empty(), "{:?}", office.skipped);

    // The person the mails went to reads all of them, from another browser.
    let mut b = new_peer(&kinto, "hanako@example.com");
    make_id(&mut b, "Yamada", "Hanako", &mut ctx);
    let me = Email::parse("hanako@example.com").unwrap();
    let welcomes = b
        .state
        .mails_newest_first(Some(&me))
        .filter(|m| m.subject.contains("Passport"))
        .count();
    assert_eq!(welcomes, 4, "the four sites' welcome mails");
}

/// With Kinto's history plugin (`scripts/kinto.ini`), an office's poll is three
/// listings whatever the number of collections it reads (three requests on a server
/// paging at 10,000; the harness's pages by 5): the bucket's collections (to see one
/// newly readable), the inbox (read whole) and the change feed; without the feed, one
/// more per collection. What another browser changes arrives either way: new sites,
/// their mail and audit entries, mails marked read.
#[test]
fn a_poll_takes_three_requests_however_many_sites_the_office_reads() {
    use onboard::store::shared::native::Peer;
    use onboard_core::identity_commands::MarkAllMailRead;
    use onboard_core::text::Email;
    use onboard_core::Command;
    use shared_support::{OPERATOR, OPERATOR_PASSWORD};
    let kinto = Kinto::start("feed");
    let mut ctx = clock();
    let mut a = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    let enrol = |a: &mut Peer, ctx: &mut dyn FnMut() -> onboard_core::Ctx| {
        let cmd = common::enrol_command("hanako@example.com", onboard_core::i18n::Lang::En);
        a.run(Command::Site(cmd), ctx).unwrap();
    };
    for _ in 0..6 {
        enrol(&mut a, &mut ctx);
    }
    let mut b = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    assert!(b.feed.is_some(), "the server keeps a change feed");
    let counts = |s: &onboard_core::State| (s.sites().count(), s.audit_count(), s.mail_count());
    assert_eq!(counts(&b.state), counts(&a.state));

    // Nothing changed: three requests, and nothing taken in twice.
    assert!(!b.poll().unwrap());
    assert_eq!(b.poll_requests, 3);

    // A seventh site: its collection is newly readable (read whole, one more request);
    // its mail and audit entries come with the feed.
    enrol(&mut a, &mut ctx);
    b.poll_requests = 0;
    assert!(b.poll().unwrap());
    assert_eq!(b.poll_requests, 4);
    assert_eq!(counts(&b.state), counts(&a.state));
    b.poll_requests = 0;
    assert!(
        !b.poll().unwrap(),
        "what the feed brought is not taken twice"
    );
    assert_eq!(b.poll_requests, 3);

    // The person reads their mail in a browser of their own; the office's sees it read.
    let mut h = new_peer(&kinto, "hanako@example.com");
    make_id(&mut h, "Yamada", "Hanako", &mut ctx);
    let me = Email::parse("hanako@example.com").unwrap();
    assert!(b.poll().unwrap());
    assert!(b.state.unread_count(Some(&me)) >= 7);
    h.run(
        MarkAllMailRead {
            to: Some(me.clone()),
            ..Default::default()
        }
        .into(),
        &mut ctx,
    )
    .unwrap();
    assert!(b.poll().unwrap());
    assert_eq!(b.state.unread_count(Some(&me)), 0);

    // Without the feed (a server without the plugin), one request per collection.
    let (fixed, sites) = (onboard::store::shared::layout::FIXED.len(), 7);
    enrol(&mut a, &mut ctx);
    b.feed = None;
    b.poll_requests = 0;
    assert!(b.poll().unwrap());
    a.reload().unwrap();
    assert_eq!(counts(&b.state), counts(&a.state));
    assert!(
        b.poll_requests > fixed + sites,
        "{} requests",
        b.poll_requests
    );
}

/// Kinto gives an audit entry's creator `write` on its record, so through the API a
/// person can change or delete the entries they wrote. The server's history keeps
/// every version and only the office may delete it: the office's browser shows each
/// such entry as first written and says who changed or deleted it, and when, whether
/// it happened before it loaded or while it polls.
#[test]
fn an_audit_entry_changed_through_the_api_is_shown_as_written_and_who_changed_it() {
    use onboard::store::shared::native::Peer;
    use shared_support::{OPERATOR, OPERATOR_PASSWORD};
    let kinto = Kinto::start("tamper");
    let mut ctx = clock();
    let mut h = new_peer(&kinto, "hanako@example.com");
    make_id(&mut h, "Yamada", "Hanako", &mut ctx);
    let audit = format!("/buckets/{BUCKET}/collections/audit/records");
    let mine = kinto.get(&h.caller, &audit);
    let id = mine.body["data"][0]["id"]
        .as_str()
        .expect("her own entry")
        .to_string();
    let record = format!("{audit}/{id}");
    let written = mine.body["data"][0]["entry"]["subject"].clone();
    assert_eq!(written, json!("hanako@example.com"));
    let subjects = |p: &Peer| -> Vec<String> {
        let all = p.state.audit_trail(&p.actor()).unwrap();
        all.iter().map(|e| e.subject.clone()).collect()
    };

    // Changed before the office's browser loads.
    let forged = kinto.rewritten(&h.caller, &record, |d| {
        d["entry"]["subject"] = json!("someone-else@example.com")
    });
    assert_eq!(
        kinto.send(&h.caller, &forged).status,
        200,
        "the API lets her"
    );
    let mut office = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    assert!(subjects(&office).contains(&"hanako@example.com".to_string()));
    assert!(!subjects(&office).contains(&"someone-else@example.com".to_string()));
    let t = office.replica.tampered();
    assert_eq!(t.len(), 1, "{t:?}");
    assert!(t[0].0.is_some(), "the entry is on the trail");
    assert_eq!(
        (t[0].1.by.as_str(), t[0].1.deleted),
        ("hanako@example.com", false)
    );

    // Deleted while it polls: still on the trail, and now said deleted.
    let del = onboard::store::shared::layout::Request::delete(record.clone());
    assert_eq!(kinto.send(&h.caller, &del).status, 200);
    office.poll().unwrap();
    let t = office.replica.tampered();
    assert_eq!((t.len(), t[0].1.deleted), (1, true), "{t:?}");
    assert!(subjects(&office).contains(&"hanako@example.com".to_string()));

    // A browser loading after the deletion finds it as first written too.
    let later = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    assert!(subjects(&later).contains(&"hanako@example.com".to_string()));
    let t = later.replica.tampered();
    assert_eq!((t.len(), t[0].1.deleted, t[0].0.is_some()), (1, true, true));
    // She cannot delete the history.
    let purge =
        onboard::store::shared::layout::Request::delete(format!("/buckets/{BUCKET}/history"));
    assert_eq!(kinto.send(&h.caller, &purge).status, 403);
}

/// Two office browsers approve one application at once, the second not having read the
/// first's decision: the application is approved once, one company made, and the
/// second is told it was decided already, its screen then showing the decision.
#[test]
fn two_office_browsers_approving_one_application_make_one_company() {
    use onboard::store::shared::native::{Peer, RunError};
    use onboard_core::partner::AppStage;
    use onboard_core::DomainError;
    use shared_support::{OPERATOR, OPERATOR_PASSWORD};

    let kinto = Kinto::start("twice");
    let mut ctx = clock();
    let (_c, number) = submitted_application(&kinto, &mut ctx);
    let mut a = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    let mut b = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    let approve = partner_commands::Approve {
        number: number.clone(),
    };
    a.run(approve.clone().into(), &mut ctx).unwrap();
    b.write_requests = 0;
    let second = b.run(approve.into(), &mut ctx);
    // One write tried, the decision, refused; the refusal's record taken in (no
    // reload), and the command, applied again on it, refused by the rules.
    assert_eq!((b.write_requests, b.stale_retries), (1, 1));
    assert!(
        matches!(second, Err(RunError::Domain(DomainError::WrongStage))),
        "{second:?}"
    );
    assert_eq!(
        b.state
            .application(&number)
            .and_then(|x| x.status().stage()),
        Some(AppStage::Approved)
    );
    let mut o = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    o.reload().unwrap();
    assert_eq!(o.state.companies().count(), 1, "{:?}", o.skipped);
    assert!(o.skipped.is_empty(), "{:?}", o.skipped);
    let companies = kinto.get(&o.caller, &format!("/buckets/{BUCKET}/collections"));
    let made = companies.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"].as_str().is_some_and(|i| i.starts_with("company-")))
        .count();
    assert_eq!(made, 1, "{}", companies.body);
}

/// Kinto rolls a write back and says "please retry" (409 when concurrent transactions
/// collide, 503 when its database is busy): the browser sends it again, a little
/// later, and the command is written whole, each record once; a write taken whose
/// answer was lost, sent again, is known as taken (its records made only if absent
/// are there as sent); a server that keeps refusing is a failure after five more
/// tries, as before.
#[test]
fn a_write_kinto_rolled_back_is_sent_again_and_taken_once() {
    use onboard::store::shared::native::{Peer, RunError};
    use onboard_core::i18n::Lang;
    use onboard_core::Command;
    use shared_support::{Fault, Faulty, OPERATOR, OPERATOR_PASSWORD};

    let kinto = Kinto::start("retry");
    let proxy = Faulty::start(&kinto);
    let mut ctx = clock();
    let mut a = Peer::open(&proxy.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    let enrol = |email: &str| Command::Site(common::enrol_command(email, Lang::En));

    // The first write rolled back twice, the batch of mail and audit entries once.
    proxy.next("", Fault::Answer(409));
    proxy.next("", Fault::Answer(503));
    proxy.next("/batch", Fault::Answer(409));
    a.run(enrol("hanako@example.com"), &mut ctx).unwrap();
    assert_eq!((proxy.waiting(), a.write_retries), (0, 3));

    // The batch taken, its answer lost: sent again, every entry is there as sent.
    proxy.next("/batch", Fault::LoseAnswer);
    a.run(enrol("taro@example.com"), &mut ctx).unwrap();
    assert_eq!((proxy.waiting(), a.write_retries), (0, 4));

    // A site's record changed over its version, taken, its answer lost: sent again,
    // the server's record is the one this write made, so the passcode is issued
    // once (taken for a conflict, the command would issue a second one).
    let site = a
        .state
        .sites()
        .find(|s| s.primary().email.as_str() == "hanako@example.com")
        .unwrap()
        .number()
        .to_string();
    let passcode_mails = |p: &Peer| {
        p.state
            .mails_newest_first(None)
            .filter(|m| m.subject.contains("passcode"))
            .count()
    };
    let before = passcode_mails(&a);
    a.write_requests = 0;
    proxy.next("/records/head", Fault::LoseAnswer);
    a.run(
        site_commands::ReissuePasscode { site: site.clone() }.into(),
        &mut ctx,
    )
    .unwrap();
    assert_eq!((proxy.waiting(), a.write_retries), (0, 5));
    // The head, again, then the mail and entry: not a conflict applied again.
    assert_eq!((a.write_requests, a.stale_retries), (3, 0));
    assert_eq!(passcode_mails(&a), before + 1);

    // Read from the server by another browser: two sites, each mail and entry once.
    let o = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    assert_eq!(o.state.site_count(), 2, "{:?}", o.skipped);
    let welcome = |to: &str| {
        o.state
            .mails_newest_first(Some(&onboard_core::text::Email::parse(to).unwrap()))
            .filter(|m| m.subject.contains("Passport Advantage"))
            .count()
    };
    assert_eq!(
        (welcome("hanako@example.com"), welcome("taro@example.com")),
        (1, 1)
    );
    assert_eq!(o.state.mail_count(), a.state.mail_count());
    assert_eq!(o.state.audit_count(), a.state.audit_count());
    assert_eq!(passcode_mails(&o), before + 1);

    // Refused six times: a failure, nothing shown as done.
    for _ in 0..6 {
        proxy.next("", Fault::Answer(503));
    }
    let sites = a.state.site_count();
    let failed = a.run(enrol("jiro@example.com"), &mut ctx);
    assert!(matches!(failed, Err(RunError::Failed(_))), "{failed:?}");
    assert_eq!((proxy.waiting(), a.state.site_count()), (0, sites));
}

/// The server stops between an approval's decision and its new company: the office
/// reads an approved application without its company, and finishes the approval:
/// the company the decision names is made, once, its applicant its APA, and the
/// completion mail sent once; finishing it again is refused.
#[test]
fn an_approval_cut_short_is_finished_by_the_office() {
    use onboard::store::shared::native::{Peer, RunError};
    use onboard_core::partner::AppStatus;
    use onboard_core::DomainError;
    use shared_support::{Fault, Faulty, OPERATOR, OPERATOR_PASSWORD};

    let kinto = Kinto::start("finish");
    let proxy = Faulty::start(&kinto);
    let mut ctx = clock();
    let (mut c, number) = submitted_application(&kinto, &mut ctx);
    let mut a = Peer::open(&proxy.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    let approve = partner_commands::Approve {
        number: number.clone(),
    };
    // The decision is written; the company's head is not.
    proxy.next("/records/head", Fault::Answer(500));
    let cut = a.run(approve.clone().into(), &mut ctx);
    assert!(matches!(cut, Err(RunError::Failed(_))), "{cut:?}");
    assert_eq!(proxy.waiting(), 0);

    // Another office browser reads the application approved, without its company.
    let mut b = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    let named = match b.state.application(&number).map(|x| x.status().clone()) {
        Some(AppStatus::Approved { company, .. }) => company,
        other => panic!("not approved: {other:?}"),
    };
    assert!(b.state.company(&named).is_none());
    assert!(b.state.unfinished_approval(&number));
    // The company's parts written before the stop wait for a head; nothing is
    // reported unreadable.
    assert!(b.skipped.is_empty(), "{:?}", b.skipped);

    // It finishes it: the company the decision names.
    let finish = partner_commands::FinishApproval {
        number: number.clone(),
    };
    b.run(finish.clone().into(), &mut ctx).unwrap();
    assert!(!b.state.unfinished_approval(&number));
    let again = b.run(finish.into(), &mut ctx);
    assert!(
        matches!(again, Err(RunError::Domain(DomainError::WrongStage))),
        "{again:?}"
    );

    let o = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    assert_eq!(o.state.companies().count(), 1, "{:?}", o.skipped);
    assert!(o.state.company(&named).is_some(), "{:?}", o.skipped);
    let complete = |p: &Peer| {
        p.state
            .mails_newest_first(None)
            .filter(|m| m.subject == "Example Partner KK: registration complete")
            .count()
    };
    assert_eq!(complete(&o), 1);

    // The applicant reads the company as its APA, and the mail.
    c.reload().unwrap();
    let carol = c.state.identity_by_email(&c.email).unwrap().id().clone();
    let company = c.state.company_of(&carol).expect("C reads the company");
    assert_eq!(company.id(), named);
    assert!(company.employee(&carol).is_some_and(|e| e.apa));
    assert_eq!(complete(&c), 1);
}

/// The server takes a command's records, then keeps refusing its mail and audit
/// entries (a plan's last writes): the command is done, its entries are kept and sent
/// at the next poll, each once. An approval likewise: its company, directory entry and
/// level are written before its completion mail and entry.
#[test]
fn a_commands_entries_the_server_did_not_take_are_sent_later() {
    use onboard::store::shared::native::Peer;
    use onboard_core::i18n::Lang;
    use onboard_core::Command;
    use shared_support::{Fault, Faulty, OPERATOR, OPERATOR_PASSWORD};

    let kinto = Kinto::start("unsent");
    let proxy = Faulty::start(&kinto);
    let mut ctx = clock();
    let mut a = Peer::open(&proxy.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    let refuse_entries = || {
        for _ in 0..6 {
            proxy.next("/batch", Fault::Answer(503));
        }
    };
    let mails_to = |p: &Peer, to: &str| {
        let to = onboard_core::text::Email::parse(to).unwrap();
        p.state.mails_newest_first(Some(&to)).count()
    };

    refuse_entries();
    let enrol = common::enrol_command("hanako@example.com", Lang::En);
    a.run(Command::Site(enrol), &mut ctx).unwrap();
    assert_eq!((proxy.waiting(), a.unsent.len()), (0, 1));
    assert_eq!(mails_to(&a, "hanako@example.com"), 1, "shown at once");
    let mut o = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    assert_eq!(o.state.site_count(), 1);
    assert_eq!(
        mails_to(&o, "hanako@example.com"),
        0,
        "not on the server yet"
    );

    a.poll().unwrap();
    assert!(a.unsent.is_empty());
    o.reload().unwrap();
    assert_eq!(mails_to(&o, "hanako@example.com"), 1);
    assert_eq!(o.state.audit_count(), a.state.audit_count());
    assert_eq!(o.state.mail_count(), a.state.mail_count());

    // An approval: the company is made and readable by its applicant at once, the
    // completion mail follows.
    let (mut c, number) = submitted_application(&kinto, &mut ctx);
    a.poll().unwrap();
    refuse_entries();
    a.run(partner_commands::Approve { number }.into(), &mut ctx)
        .unwrap();
    assert_eq!((proxy.waiting(), a.unsent.len()), (0, 1));
    c.reload().unwrap();
    let carol = c.state.identity_by_email(&c.email).unwrap().id().clone();
    assert!(c.state.company_of(&carol).is_some(), "{:?}", c.skipped);
    let complete = |p: &Peer| {
        p.state
            .mails_newest_first(None)
            .filter(|m| m.subject == "Example Partner KK: registration complete")
            .count()
    };
    assert_eq!((complete(&a), complete(&c)), (1, 0));
    a.poll().unwrap();
    c.reload().unwrap();
    assert_eq!(complete(&c), 1);
    let o = Peer::open(&kinto.client, OPERATOR, OPERATOR_PASSWORD).unwrap();
    assert_eq!(o.state.audit_count(), a.state.audit_count());
}

/// A change Kinto stamped before another one of the same collection, but committed
/// after it, is read by the next poll all the same. PostgreSQL stamps a row when it is
/// written (Kinto's trigger takes the clock then) and the request commits later; a
/// poll between the two commits sees only the later stamp, and a `_since` from it
/// would skip the earlier one for good. (An approval journey once showed the company's
/// head without its employees for as long as it waited.)
#[test]
fn a_change_committed_after_a_later_one_is_still_read() {
    use onboard::store::shared::layout::company_collection;
    let kinto = Kinto::start("commit-order");
    let mut ctx = clock();
    let (mut c, company) = approved_company(&kinto, &mut ctx);
    let collection = company_collection(&company);
    c.poll().unwrap();

    // The company's head changed in a transaction still open: stamped, not committed.
    let late = kinto.open_transaction(&format!(
        "UPDATE objects SET data = jsonb_set(data, '{{value,profile,web}}', \
         '\"https://late.example\"') WHERE parent_id = '/buckets/{BUCKET}/collections/\
         {collection}' AND resource_name = 'record' AND id = 'head';"
    ));
    // Another record of the collection written through Kinto meanwhile: a later stamp,
    // committed at once, read by a poll.
    let office = kinto.office();
    let part = format!("/buckets/{BUCKET}/collections/{collection}/records/employees-0");
    let again = kinto.rewritten(&office, &part, |_| {});
    assert_eq!(kinto.send(&office, &again).status, 200);
    c.poll().unwrap();
    let web = |c: &onboard::store::shared::native::Peer| {
        c.state.company(&company).unwrap().profile().web.clone()
    };
    assert_ne!(web(&c), "https://late.example", "not committed yet");

    late.commit();
    c.poll().unwrap();
    assert_eq!(
        web(&c),
        "https://late.example",
        "the change committed last is read"
    );
}
