//! Shared mode, natively against a real Kinto on PostgreSQL (started by the harness on
//! free loopback ports): the database keeps conditional writes safe, and the layout's
//! permissions make the server refuse what the domain does not allow, whatever the
//! caller sends. `make test-shared`.
mod shared_support;

use onboard::store::shared::layout::{
    account, group, place, record_for, site_collection, site_groups, space, BUCKET,
};
use onboard::store::shared::native::Caller;
use onboard_core::site::SiteNumber;
use onboard_core::AggKey;
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
