//! Layer 1 (native): the store over the memory backend: round trip, revisions,
//! atomic commits, quarantine, migrations, import and export.
#[path = "../crates/onboard-core/tests/common/mod.rs"]
mod common;
use common::*;
use onboard::store::*;
use onboard_core::audit::AuditEvent;
use onboard_core::chunks::PART;
use onboard_core::i18n::Lang;
use onboard_core::identity_commands;
use onboard_core::office_commands;
use onboard_core::partner_commands;
use onboard_core::site_commands;
use onboard_core::*;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

type Shared = Rc<RefCell<MemoryBackend>>;

fn shared() -> Shared {
    Rc::new(RefCell::new(MemoryBackend::new()))
}

fn ts() -> Timestamp {
    Timestamp(T0)
}

/// Applies a command and commits it; returns the commit result.
fn step(store: &mut Store, w: &mut World, cmd: Command) -> Result<(), CommitError> {
    let ctx = w.ctx();
    let out = apply(&w.state, &w.actor(), cmd, &ctx).expect("command goes through");
    store.commit(&out.changed, &out.state)?;
    w.state = out.state;
    for d in out.device {
        if let DeviceChange::PersonSignedIn(t) = d {
            w.device.person = Some(t);
        }
    }
    Ok(())
}

/// Every record as JSON values (the order of an object's keys is not data: a record
/// rewritten through `serde_json::Value`, as the schema 2 test does, has them sorted).
fn snapshot(s: &State) -> BTreeMap<String, serde_json::Value> {
    s.keys()
        .into_iter()
        .map(|k| {
            let text = s.aggregate(&k).unwrap().to_string();
            (
                onboard::store::keys::path(&k),
                serde_json::from_str(&text).unwrap(),
            )
        })
        .collect()
}

/// Why an import did not happen.
#[derive(Debug)]
#[allow(dead_code)] // the fields are read through Debug in failure messages
enum ImportFailure {
    File(ImportError),
    Domain(DomainError),
    Storage(CommitError),
}

/// What the data page does with a chosen file, call for call: `Store::parse_import`,
/// then the `ReplaceData` command as the current actor, written by `Store::write`.
fn import_file(store: &mut Store, w: &mut World, text: &str) -> Result<usize, ImportFailure> {
    let state = store.parse_import(text).map_err(ImportFailure::File)?;
    let n = state.keys().len();
    let cmd = Command::ReplaceData(Replacement::Import(Imported(std::sync::Arc::new(state))));
    let ctx = w.ctx();
    let out = apply(&w.state, &w.actor(), cmd, &ctx).map_err(ImportFailure::Domain)?;
    store.write(&out).map_err(ImportFailure::Storage)?;
    w.state = out.state;
    w.device = Device::default();
    Ok(n)
}

/// The state without its audit trail (a replacement adds its own audit entry).
fn without_audit(s: &State) -> BTreeMap<String, serde_json::Value> {
    snapshot(s)
        .into_iter()
        .filter(|(k, _)| !k.starts_with("audit/"))
        .collect()
}

fn journals(b: &Shared) -> Vec<String> {
    b.borrow()
        .raw()
        .keys()
        .filter(|k| k.starts_with(journal::PREFIX) || k.as_str() == journal::LEGACY_KEY)
        .cloned()
        .collect()
}

fn create_cmd(email: &str) -> Command {
    identity_commands::CreateId {
        email: email.into(),
        family: "山田".into(),
        given: "花子".into(),
        country: "JP".into(),
        mail_lang: Lang::Ja,
        password: PW.into(),
        confirm: PW.into(),
        accept_terms: true,
    }
    .into()
}

#[test]
fn round_trip_one_key_per_aggregate() {
    let b = shared();
    let (mut store, state, report) = Store::open(Box::new(b.clone()), ts());
    assert!(report.quarantined.is_empty());
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    let keys: Vec<String> = b.borrow().raw().keys().cloned().collect();
    assert_eq!(keys.len(), 3, "identity, mail chunk, audit chunk: {keys:?}");
    assert!(keys.iter().all(|k| k.starts_with("onboard/v1/")));
    assert!(journals(&b).is_empty(), "journal removed after commit");
    let (_, again, report) = Store::open(Box::new(b.clone()), ts());
    assert!(report.quarantined.is_empty());
    assert_eq!(snapshot(&again), snapshot(&w.state));
}

#[test]
fn a_change_writes_only_its_aggregates() {
    let b = shared();
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    step(&mut store, &mut w, create_cmd("b@example.com")).unwrap();
    let before = b.borrow().raw().clone();
    let id = w.state.mails_newest_first(None).next().unwrap().id;
    step(
        &mut store,
        &mut w,
        identity_commands::MarkMailRead { id, unread: false }.into(),
    )
    .unwrap();
    let after = b.borrow().raw().clone();
    let changed: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert_eq!(changed, vec!["onboard/v1/mail/0"]);
}

#[test]
fn quota_failure_changes_nothing_in_storage() {
    let b = shared();
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    let used: usize = b
        .borrow()
        .raw()
        .iter()
        .map(|(k, v)| k.len() + v.len())
        .sum();
    b.borrow_mut().set_quota(Some(used + 300));
    let before = b.borrow().raw().clone();
    let ctx = w.ctx();
    let out = apply(&w.state, &w.actor(), create_cmd("b@example.com"), &ctx).unwrap();
    assert_eq!(
        store.commit(&out.changed, &out.state),
        Err(CommitError::Quota)
    );
    assert_eq!(b.borrow().raw(), &before, "storage exactly as before");
    // The store is still consistent: the next small change commits.
    b.borrow_mut().set_quota(None);
    let id = w.state.mails_newest_first(None).next().unwrap().id;
    step(
        &mut store,
        &mut w,
        identity_commands::MarkMailRead { id, unread: false }.into(),
    )
    .unwrap();
}

#[test]
fn quota_failure_in_the_middle_rolls_back_the_written_keys() {
    let b = shared();
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    let before = b.borrow().raw().clone();
    let used: usize = before
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum();
    // Room for the journal and some of the writes, not all of them.
    let ctx = w.ctx();
    let out = apply(&w.state, &w.actor(), create_cmd("b@example.com"), &ctx).unwrap();
    let journal: usize = out
        .changed
        .iter()
        .map(|k| out.state.aggregate(k).unwrap().to_string().len() + 40)
        .sum();
    b.borrow_mut().set_quota(Some(used + journal + 500));
    let r = store.commit(&out.changed, &out.state);
    assert_eq!(r, Err(CommitError::Quota));
    assert_eq!(
        b.borrow().raw(),
        &before,
        "rolled back to exactly the old values"
    );
}

#[test]
fn a_stale_write_from_another_tab_is_refused() {
    let b = shared();
    let (mut tab1, s1, _) = Store::open(Box::new(b.clone()), ts());
    let (mut tab2, s2, _) = Store::open(Box::new(b.clone()), ts());
    let mut w1 = World::new();
    w1.state = s1;
    let mut w2 = World::new();
    w2.state = s2;
    step(&mut tab1, &mut w1, create_cmd("a@example.com")).unwrap();
    // Tab 2 has not seen tab 1's mail and audit chunks: its write would overwrite them.
    let r = step(&mut tab2, &mut w2, create_cmd("b@example.com"));
    assert!(matches!(r, Err(CommitError::Conflict(_))), "{r:?}");
    // After the storage event tab 2 re-reads and its retry goes through, keeping both.
    for k in b.borrow().keys().unwrap() {
        tab2.refresh_key(&k, &mut w2.state);
    }
    step(&mut tab2, &mut w2, create_cmd("b@example.com")).unwrap();
    let (_, merged, _) = Store::open(Box::new(b.clone()), ts());
    assert_eq!(merged.identity_count(), 2);
    assert_eq!(merged.mail_count(), 2);
}

/// Every stored key with its raw value.
fn raw_values(b: &Shared) -> BTreeMap<String, Option<String>> {
    let keys = b.borrow().keys().unwrap();
    keys.into_iter()
        .map(|k| {
            let v = b.borrow().get(&k).unwrap();
            (k, v)
        })
        .collect()
}

/// The browser opens storage without the records' decoding (a module of its own): an
/// empty storage opens, one with records is handed back untouched; a tab opened empty
/// leaves another tab's records alone until it has a reader, then reads them.
#[test]
fn without_a_reader_only_an_empty_storage_opens() {
    let b = shared();
    let (mut tab1, s1, _) = Store::open_with(Box::new(b.clone()), ts(), "t1", None)
        .unwrap_or_else(|_| panic!("an empty storage opens without a reader"));
    assert!(tab1.reader().is_none());
    let (mut tab2, s2, _) = Store::open(Box::new(b.clone()), ts());
    let mut w2 = World::new();
    w2.state = s2;
    step(&mut tab2, &mut w2, create_cmd("a@example.com")).unwrap();
    let before = raw_values(&b);
    assert!(before.keys().any(|k| k.starts_with(DATA_PREFIX)));
    // Storage with records: handed back, nothing read, moved or written.
    let handed_back = Store::open_with(Box::new(b.clone()), ts(), "t3", None);
    assert!(handed_back.is_err());
    let after = raw_values(&b);
    assert_eq!(before, after);
    // The tab opened empty: another tab's records wait for a reader.
    let mut state = s1;
    let keys: Vec<String> = before.keys().cloned().collect();
    for k in &keys {
        if k.starts_with(DATA_PREFIX) {
            assert!(
                !tab1.refresh_key(k, &mut state),
                "{k} read without a reader"
            );
        }
    }
    assert_eq!(state.identity_count(), 0);
    tab1.set_reader(Reader::CORE);
    for k in &keys {
        assert!(tab1.refresh_key(k, &mut state), "{k}");
    }
    assert_eq!(state.identity_count(), 1);
    assert_eq!(state.mail_count(), 1);
}

#[test]
fn a_crash_between_two_writes_is_completed_on_the_next_start() {
    let b = Rc::new(RefCell::new(MemoryBackend::new()));
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    b.borrow_mut().crash_after(2); // the journal and one aggregate, then the tab dies
    let r = step(&mut store, &mut w, create_cmd("a@example.com"));
    assert!(r.is_err());
    let restarted = b.borrow().restart();
    assert_eq!(
        restarted
            .raw()
            .keys()
            .filter(|k| k.starts_with(journal::PREFIX))
            .count(),
        1,
        "the journal survived the crash"
    );
    let (_, state, report) = Store::open(Box::new(restarted), ts());
    assert!(report.recovered_journal);
    assert_eq!(state.identity_count(), 1);
    assert_eq!(state.mail_count(), 1, "all of the change, not part of it");
    assert_eq!(state.audit_count(), 1);
}

#[test]
fn a_crash_before_the_journal_is_written_changes_nothing() {
    let b = Rc::new(RefCell::new(MemoryBackend::new()));
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    b.borrow_mut().crash_after(0);
    assert!(step(&mut store, &mut w, create_cmd("a@example.com")).is_err());
    let (_, state, report) = Store::open(Box::new(b.borrow().restart()), ts());
    assert!(!report.recovered_journal);
    assert_eq!(state.identity_count(), 0);
}

#[test]
fn unreadable_values_are_quarantined_not_deleted() {
    let b = shared();
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    let id_key = b
        .borrow()
        .raw()
        .keys()
        .find(|k| k.starts_with("onboard/v1/id/"))
        .unwrap()
        .clone();
    let bad: &[(&str, &str)] = &[
        (id_key.as_str(), "{not json"),
        (
            "onboard/v1/audit/0",
            r#"{"schema":2,"rev":1,"data":{"entries":"wrong shape"}}"#,
        ),
        (
            "onboard/v1/strange/key",
            r#"{"schema":2,"rev":1,"data":{}}"#,
        ),
    ];
    for (k, v) in bad {
        b.borrow_mut().insert_raw(k, v);
    }
    let (store2, state, report) = Store::open(Box::new(b.clone()), Timestamp(T0 + 5));
    assert_eq!(report.quarantined.len(), 3, "{:?}", report.quarantined);
    assert_eq!(state.identity_count(), 0);
    assert_eq!(state.mail_count(), 1, "the readable mail chunk still loads");
    let reasons: Vec<&str> = report
        .quarantined
        .iter()
        .map(|q| q.reason.as_str())
        .collect();
    assert!(reasons.iter().any(|r| r.contains("not JSON")));
    assert!(reasons.iter().any(|r| r.contains("unknown key")));
    for (k, v) in bad {
        assert!(!b.borrow().raw().contains_key(*k), "{k} moved away");
        let q = format!("{QUARANTINE_PREFIX}{k}/{}", T0 + 5);
        assert_eq!(
            b.borrow().raw().get(&q).map(|s| s.as_str()),
            Some(*v),
            "raw value kept under {q}"
        );
    }
    assert_eq!(store2.quarantined().len(), 3);
}

#[test]
fn a_duplicate_email_in_storage_is_quarantined() {
    let b = shared();
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    let (k, v) = b
        .borrow()
        .raw()
        .iter()
        .find(|(k, _)| k.starts_with("onboard/v1/id/"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .unwrap();
    let id = k.rsplit('/').next().unwrap();
    let other = "uffffffffffffffff";
    b.borrow_mut()
        .insert_raw(&format!("onboard/v1/id/{other}"), &v.replace(id, other));
    let (_, state, report) = Store::open(Box::new(b.clone()), ts());
    assert_eq!(state.identity_count(), 1);
    assert_eq!(report.quarantined.len(), 1);
    assert!(report.quarantined[0].reason.contains("already belongs"));
}

#[test]
fn a_schema_1_store_migrates() {
    let fixture: BTreeMap<String, String> =
        serde_json::from_str(include_str!("fixtures/v1-store.json")).unwrap();
    let mut m = MemoryBackend::new();
    for (k, v) in &fixture {
        m.insert_raw(k, v);
    }
    let b = Rc::new(RefCell::new(m));
    let (mut store, state, report) = Store::open(Box::new(b.clone()), ts());
    assert!(report.quarantined.is_empty(), "{:?}", report.quarantined);
    assert_eq!(report.migrated, fixture.len());
    let jp = state
        .identity_by_email(&text::Email::parse("hanako@example.jp").unwrap())
        .unwrap()
        .clone();
    assert_eq!(jp.mail_lang(), Lang::Ja, "Japan: Japanese mail");
    let us = state
        .identity_by_email(&text::Email::parse("alex@example.com").unwrap())
        .unwrap();
    assert_eq!(us.mail_lang(), Lang::En);
    assert!(state.office().has_operator());
    // The migrated store keeps working: a sign-in with the old password succeeds and
    // the changed record is written in the current schema.
    let mut w = World::new();
    w.state = state;
    step(
        &mut store,
        &mut w,
        identity_commands::SignIn {
            email: "hanako@example.jp".into(),
            password: PW.into(),
        }
        .into(),
    )
    .unwrap();
    let key = format!("onboard/v1/id/{}", jp.id().as_str());
    let raw = b.borrow().raw().get(&key).unwrap().clone();
    assert!(
        raw.starts_with(&format!("{{\"schema\":{SCHEMA},\"rev\":4,")),
        "{}",
        &raw[..40]
    );
}

#[test]
fn export_then_import_restores_everything() {
    let b = shared();
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    step(&mut store, &mut w, create_cmd("b@example.com")).unwrap();
    let exported = store.export(ts());
    assert!(!exported.contains(PW), "no password in clear");
    let original = without_audit(&w.state);
    store.replace_all(&State::default()).unwrap();
    w.state = State::default();
    assert!(b.borrow().raw().keys().all(|k| !k.starts_with(DATA_PREFIX)));
    let n = import_file(&mut store, &mut w, &exported).unwrap();
    assert_eq!(n, snapshot(&store.parse_import(&exported).unwrap()).len());
    assert_eq!(without_audit(&w.state), original);
    assert_eq!(
        w.state.audit_events_of(AuditEvent::DataImported),
        1,
        "the import is audited"
    );
    let (_, reopened, _) = Store::open(Box::new(b.clone()), ts());
    assert_eq!(snapshot(&reopened), snapshot(&w.state));
}

/// Shared mode's copy (a replica's state, no store behind it) reads back as the same
/// state, as the store's own export does.
#[test]
fn a_copy_of_a_state_imports_as_that_state() {
    let b = shared();
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    step(&mut store, &mut w, create_cmd("b@example.com")).unwrap();
    let copy = Store::export_state(&w.state, ts());
    let back = store.parse_import(&copy).unwrap();
    assert_eq!(snapshot(&back), snapshot(&w.state));
    let from_store = store.parse_import(&store.export(ts())).unwrap();
    assert_eq!(snapshot(&back), snapshot(&from_store));
}

#[test]
fn a_bad_import_changes_nothing() {
    let b = shared();
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    let good = store.export(ts());
    let before = b.borrow().raw().clone();
    let bad_record = good.replacen("\"entries\": [", "\"entries\": 5, \"x\": [", 1);
    let cases = [
        ("not json at all", "not JSON"),
        ("{\"format\":\"something-else\"}", "not an Onboard export"),
        (
            &good.replacen(&format!("\"schema\": {SCHEMA}"), "\"schema\": 7", 1) as &str,
            "newer version",
        ),
        (&bad_record as &str, "record audit/0"),
    ];
    for (text, says) in cases {
        let Err(ImportFailure::File(e)) = import_file(&mut store, &mut w, text) else {
            panic!("{says}: imported");
        };
        assert!(e.to_string().contains(says), "{e} should say {says}");
        assert_eq!(b.borrow().raw(), &before, "nothing changed by a bad import");
    }
}

#[test]
fn an_import_that_does_not_fit_restores_the_old_data() {
    let b = shared();
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    step(&mut store, &mut w, create_cmd("b@example.com")).unwrap();
    let big = store.export(ts());
    store.replace_all(&State::default()).unwrap();
    let mut w2 = World::new();
    step(&mut store, &mut w2, create_cmd("c@example.com")).unwrap();
    let before = b.borrow().raw().clone();
    let used: usize = before.iter().map(|(k, v)| k.len() + v.len()).sum();
    b.borrow_mut().set_quota(Some(used + 200));
    assert!(matches!(
        import_file(&mut store, &mut w2, &big),
        Err(ImportFailure::Storage(CommitError::Quota))
    ));
    assert_eq!(b.borrow().raw(), &before);
}

#[path = "../crates/onboard-core/tests/seeded/mod.rs"]
mod seeded;

mod fuzz {
    use super::*;

    /// Each stored data value is decoded (in place, its record in the state) or
    /// quarantined (moved under the quarantine prefix and reported), never both.
    fn assert_decoded_or_quarantined(
        stored: &std::collections::BTreeMap<String, String>,
        after: &MemoryBackend,
        state: &State,
        report: &LoadReport,
    ) -> Result<(), TestCaseError> {
        for (key, raw) in stored {
            let quarantined: Vec<_> = report
                .quarantined
                .iter()
                .filter(|q| &q.original_key == key)
                .collect();
            let in_place = after.raw().get(key) == Some(raw);
            let agg = key.strip_prefix(DATA_PREFIX).and_then(keys::parse);
            let decoded = in_place && agg.as_ref().is_some_and(|a| state.aggregate(a).is_some());
            prop_assert!(quarantined.len() <= 1, "{key} reported twice");
            match quarantined.first() {
                Some(q) => {
                    prop_assert!(!decoded, "{key} both decoded and quarantined");
                    let moved = q.quarantine_key.as_ref().and_then(|k| after.raw().get(k));
                    prop_assert_eq!(moved, Some(raw), "{} not kept under quarantine", key);
                    prop_assert!(
                        !after.raw().contains_key(key),
                        "{key} quarantined but still in place"
                    );
                }
                None => prop_assert!(decoded, "{key} neither decoded nor quarantined"),
            }
        }
        Ok(())
    }
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn good_export() -> &'static str {
        static EXPORT: OnceLock<String> = OnceLock::new();
        EXPORT.get_or_init(|| {
            let mut w = World::new();
            w.verified("a@example.com");
            w.run(
                office_commands::CreateOperator {
                    email: "op@example.com".into(),
                    password: PW.into(),
                    confirm: PW.into(),
                }
                .into(),
            )
            .unwrap();
            let (mut store, _, _) = Store::open(Box::new(MemoryBackend::new()), Timestamp(1));
            store.replace_all(&w.state).unwrap();
            store.export(Timestamp(1))
        })
    }

    proptest! {
        #![proptest_config(seeded::config(3000))]

        /// Any stored bytes: the app starts, and every stored value is either decoded
        /// (still in place, its record in the state) or quarantined (moved away, reported),
        /// never both and never neither.
        #[test]
        fn opening_arbitrary_stored_values_never_panics(
            entries in proptest::collection::vec(
                (
                    "(id/u[0-9a-f]{16}|office|mail/[0-9]|audit/[0-9]|[a-z/]{1,12})",
                    any::<String>(),
                ),
                0..6,
            )
        ) {
            let b = shared();
            for (k, v) in &entries {
                b.borrow_mut().insert_raw(&format!("{DATA_PREFIX}{k}"), v);
            }
            let stored: std::collections::BTreeMap<String, String> = b.borrow().raw().clone();
            let (_, state, report) = Store::open(Box::new(b.clone()), Timestamp(1));
            assert_decoded_or_quarantined(&stored, &b.borrow(), &state, &report)?;
        }

        /// JSON-shaped stored values near the real format: the same holds.
        #[test]
        fn opening_near_valid_envelopes_never_panics(
            schema in 0u32..4,
            rev in any::<u64>(),
            data in "\\{(\"[a-z_]{1,8}\":(\"[^\"]{0,8}\"|[0-9]{1,4}|null|\\[\\]|\\{\\}),?){0,5}\\}",
        ) {
            let b = shared();
            let raw = format!("{{\"schema\":{schema},\"rev\":{rev},\"data\":{data}}}");
            for k in ["office", "mail/0", "audit/0", "id/u0123456789abcdef"] {
                b.borrow_mut().insert_raw(&format!("{DATA_PREFIX}{k}"), &raw);
            }
            let stored = b.borrow().raw().clone();
            let (_, state, report) = Store::open(Box::new(b.clone()), Timestamp(1));
            assert_decoded_or_quarantined(&stored, &b.borrow(), &state, &report)?;
        }

        /// Any imported text: a clear error (nothing changed) or a successful import.
        #[test]
        fn import_of_arbitrary_text_never_panics(text in any::<String>()) {
            let b = shared();
            let (store, _, _) = Store::open(Box::new(b.clone()), Timestamp(1));
            let before = b.borrow().raw().clone();
            match store.parse_import(&text) {
                Ok(_) => {}
                Err(e) => {
                    prop_assert!(
                        matches!(
                            e,
                            ImportError::NotJson(_)
                                | ImportError::NotAnExport
                                | ImportError::NewerSchema(_)
                                | ImportError::BadRecord { .. }
                        ),
                        "unexpected {e:?}"
                    );
                    let after = b.borrow().raw().clone();
                    prop_assert_eq!(&before, &after);
                }
            }
        }

        /// A good export with a cut and an insertion: either it is still a whole export
        /// (every record decodes) or it is refused before anything is written.
        #[test]
        fn import_of_mutated_exports_never_panics(
            cut in 0usize..6000,
            insert in "[\\[\\]{}\",:0-9a-z]{0,6}",
        ) {
            let good = good_export();
            let b = shared();
            let (mut store, _, _) = Store::open(Box::new(b.clone()), Timestamp(1));
            let at = cut.min(good.len());
            let at = (0..=at).rev().find(|i| good.is_char_boundary(*i)).unwrap_or(0);
            let mutated = format!("{}{}{}", &good[..at], insert, &good[at..]);
            match store.parse_import(&mutated) {
                Ok(state) => {
                    store.replace_all(&state).unwrap();
                    let (_, reopened, report) = Store::open(Box::new(b.clone()), Timestamp(2));
                    prop_assert!(
                        report.quarantined.is_empty(),
                        "an accepted import left unreadable records: {:?}",
                        report.quarantined
                    );
                    prop_assert_eq!(reopened.keys(), state.keys());
                }
                Err(_) => {
                    prop_assert!(b.borrow().raw().is_empty(), "a refused import wrote something")
                }
            }
        }
    }
}

#[test]
fn an_import_never_grants_the_operator_role_and_signs_everyone_out() {
    // This deployment's operator.
    let mut here = World::new();
    here.run(
        office_commands::CreateOperator {
            email: "op@here.example".into(),
            password: PW.into(),
            confirm: PW.into(),
        }
        .into(),
    )
    .unwrap();
    let (mut store, _, _) = Store::open(Box::new(MemoryBackend::new()), ts());
    store.replace_all(&here.state).unwrap();
    // A file made elsewhere by someone who knows its operator password, with a live session.
    let mut there = World::new();
    for _ in 0..50 {
        there.ctx(); // another device: other random values
    }
    there
        .run(
            office_commands::CreateOperator {
                email: "attacker@there.example".into(),
                password: "attacker password 1".into(),
                confirm: "attacker password 1".into(),
            }
            .into(),
        )
        .unwrap();
    there.verified("someone@there.example");
    let sneaky_device = there.device.clone();
    let (mut other, _, _) = Store::open(Box::new(MemoryBackend::new()), ts());
    other.replace_all(&there.state).unwrap();
    let file = other.export(ts());
    let mut op = here.clone();
    import_file(&mut store, &mut op, &file).unwrap();
    let imported = op.state.clone();
    assert_eq!(
        imported.office().operator_email().map(|e| e.as_str()),
        Some("op@here.example"),
        "the operator stays ours"
    );
    let actor = imported.actor(&sneaky_device, Timestamp(T0));
    assert!(
        !actor.is_operator() && actor.person().is_none(),
        "sessions from the file are ended"
    );
    let mut w = World::new();
    w.state = imported;
    assert_eq!(
        w.run(
            office_commands::OperatorSignIn {
                email: "attacker@there.example".into(),
                password: "attacker password 1".into()
            }
            .into()
        ),
        Err(DomainError::BadCredentials)
    );
    assert!(w
        .run(
            office_commands::OperatorSignIn {
                email: "op@here.example".into(),
                password: PW.into()
            }
            .into()
        )
        .is_ok());
    assert!(
        w.sign_in("someone@there.example", PW).is_ok(),
        "the imported IDs work with their own passwords"
    );
}

#[test]
fn the_usage_figure_follows_opens_and_commits() {
    let b = shared();
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    assert_eq!(store.usage(), 0);
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    let units = |b: &Shared| -> usize {
        b.borrow()
            .raw()
            .iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum()
    };
    assert_eq!(store.usage(), units(&b), "after a commit");
    b.borrow_mut().insert_raw("onboard/v1/mail/9", "{broken");
    let (reopened, _, report) = Store::open(Box::new(b.clone()), ts());
    assert_eq!(report.quarantined.len(), 1);
    assert_eq!(
        reopened.usage(),
        units(&b),
        "counted while loading, quarantine included"
    );
}

/// A site of 1,100 users, stored: its users are in parts of `PART`.
fn big_site(b: &Shared) -> (Store, World, String) {
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    let site = w.active_site("p@example.com");
    for i in 0..1_100 {
        w.site(
            site_commands::AddUser {
                site: site.clone(),
                email: format!("u{i:04}@example.com"),
                privileges: privs(Level::View, Level::View),
                secondary: false,
            }
            .into(),
        )
        .unwrap();
    }
    store.replace_all(&w.state).unwrap();
    (store, w, site)
}

fn update_user(site: &str, email: &str) -> Command {
    site_commands::UpdateUser {
        site: site.into(),
        email: email.into(),
        privileges: privs(Level::Update, Level::View),
        secondary: false,
    }
    .into()
}

fn changed_keys(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> Vec<String> {
    before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[test]
fn a_change_to_one_user_of_a_big_site_writes_only_that_users_part() {
    let b = shared();
    let (mut store, mut w, site) = big_site(&b);
    let parts: Vec<String> = b
        .borrow()
        .raw()
        .keys()
        .filter(|k| k.contains(&format!("site/{site}/users/")))
        .cloned()
        .collect();
    assert_eq!(parts.len(), 1_100usize.div_ceil(PART), "{parts:?}");
    let before = b.borrow().raw().clone();
    step(&mut store, &mut w, update_user(&site, "u0700@example.com")).unwrap();
    let written = changed_keys(&before, b.borrow().raw());
    let of_site: Vec<&String> = written.iter().filter(|k| k.contains(&site)).collect();
    assert_eq!(
        of_site,
        vec![&format!("onboard/v1/site/{site}/users/{}", 700 / PART)],
        "only the part holding user 700 (all written: {written:?})"
    );
    let (_, again, report) = Store::open(Box::new(b.clone()), ts());
    assert!(report.quarantined.is_empty());
    assert_eq!(snapshot(&again), snapshot(&w.state));
    let s = again.sites().next().unwrap();
    assert_eq!(s.users().len(), 1_100);
    let u = s
        .user(&text::Email::parse("u0700@example.com").unwrap())
        .unwrap();
    assert_eq!(u.privileges, privs(Level::Update, Level::View));
}

#[test]
fn a_schema_2_site_with_inline_users_is_read_and_rewritten_in_parts_on_its_next_save() {
    let b = shared();
    let (_, w, site) = big_site(&b);
    // Turn the stored site back into schema 2: one record with the lists inline.
    {
        let mut be = b.borrow_mut();
        let head_key = format!("onboard/v1/site/{site}");
        let mut head: serde_json::Value =
            serde_json::from_str(be.raw().get(&head_key).unwrap()).unwrap();
        for list in ["users", "requests"] {
            let prefix = format!("onboard/v1/site/{site}/{list}/");
            let mut keys: Vec<String> = be
                .raw()
                .keys()
                .filter(|k| k.starts_with(&prefix))
                .cloned()
                .collect();
            keys.sort_by_key(|k| k[prefix.len()..].parse::<u32>().unwrap());
            let mut all = Vec::new();
            for k in keys {
                let rec: serde_json::Value =
                    serde_json::from_str(be.raw().get(&k).unwrap()).unwrap();
                all.extend(rec["data"].as_array().unwrap().iter().cloned());
                be.remove(&k).unwrap();
            }
            head["data"][list] = serde_json::Value::Array(all);
        }
        head["schema"] = 2.into();
        be.set(&head_key, &head.to_string()).unwrap();
    }
    let (mut store, state, report) = Store::open(Box::new(b.clone()), ts());
    assert!(report.quarantined.is_empty());
    assert!(report.migrated >= 1);
    assert_eq!(snapshot(&state), snapshot(&w.state), "read as it was");
    let mut w2 = World::new();
    w2.state = state;
    w2.device = w.device.clone();
    step(&mut store, &mut w2, update_user(&site, "u0100@example.com")).unwrap();
    let head = b
        .borrow()
        .raw()
        .get(&format!("onboard/v1/site/{site}"))
        .unwrap()
        .clone();
    assert!(
        head.starts_with(&format!("{{\"schema\":{SCHEMA},")),
        "head rewritten"
    );
    assert!(
        !head.contains("u0999@example.com"),
        "no inline users any more"
    );
    let (_, again, report) = Store::open(Box::new(b.clone()), ts());
    assert!(report.quarantined.is_empty());
    assert_eq!(snapshot(&again), snapshot(&w2.state), "nothing lost");
    assert_eq!(again.sites().next().unwrap().users().len(), 1_100);
}

#[test]
fn a_part_whose_site_is_not_stored_is_quarantined() {
    let b = shared();
    let (_, _, site) = big_site(&b);
    b.borrow_mut()
        .remove(&format!("onboard/v1/site/{site}"))
        .unwrap();
    let (_, state, report) = Store::open(Box::new(b.clone()), ts());
    assert_eq!(state.site_count(), 0);
    let parts: Vec<&Quarantined> = report
        .quarantined
        .iter()
        .filter(|q| q.original_key.contains(&format!("site/{site}/users/")))
        .collect();
    assert_eq!(
        parts.len(),
        1_100usize.div_ceil(PART),
        "{:?}",
        report.quarantined
    );
    assert!(parts
        .iter()
        .all(|q| q.quarantine_key.is_some() && q.reason.contains("not stored")));
}

#[test]
fn a_change_to_one_employee_of_a_big_company_writes_only_that_employees_part() {
    use onboard_core::generate::{large, Spec};
    let spec = Spec {
        site_users: 10,
        pending_requests: 0,
        employees: 700,
        target_units: 0,
    };
    let state = large(&spec, ts(), [9; 32]).unwrap();
    let b = shared();
    let (mut store, _, _) = Store::open(Box::new(b.clone()), ts());
    store.replace_all(&state).unwrap();
    let company = state
        .companies()
        .find(|c| c.employees().len() == 700)
        .unwrap()
        .id()
        .to_string();
    let mut w = World::new();
    w.state = state;
    step(
        &mut store,
        &mut w,
        identity_commands::SignIn {
            email: demo::DEMO_IDS[0].0.into(),
            password: demo::DEMO_PASSWORD.into(),
        }
        .into(),
    )
    .unwrap();
    let before = b.borrow().raw().clone();
    step(
        &mut store,
        &mut w,
        partner_commands::SetApa {
            company: company.clone(),
            email: "emp00600@big.example".into(),
            apa: true,
        }
        .into(),
    )
    .unwrap();
    let written = changed_keys(&before, b.borrow().raw());
    let of_company: Vec<&String> = written.iter().filter(|k| k.contains(&company)).collect();
    assert_eq!(
        of_company,
        vec![&format!(
            "onboard/v1/company/{company}/employees/{}",
            600 / PART
        )],
        "only the part holding employee 600 (all written: {written:?})"
    );
    let (_, again, report) = Store::open(Box::new(b.clone()), ts());
    assert!(report.quarantined.is_empty());
    assert_eq!(snapshot(&again), snapshot(&w.state));
}

// ---- Journals: nothing lost, nothing overwritten (issue 11) ----

/// Two stores over one backend, as two tabs over one localStorage.
fn two_tabs(b: &Shared) -> ((Store, World), (Store, World)) {
    let (s1, st1, _) = Store::open_as(Box::new(b.clone()), ts(), "tabA");
    let (s2, st2, _) = Store::open_as(Box::new(b.clone()), ts(), "tabB");
    let mut w1 = World::new();
    w1.state = st1;
    let mut w2 = World::new();
    for _ in 0..20 {
        w2.ctx(); // another tab: other random values
    }
    w2.state = st2;
    ((s1, w1), (s2, w2))
}

#[test]
fn a_crashed_tabs_journal_never_overwrites_what_another_tab_wrote_since() {
    let b = shared();
    let ((mut a, mut wa), (mut tab_b, mut wb)) = two_tabs(&b);
    step(&mut a, &mut wa, create_cmd("a@example.com")).unwrap();
    for k in b.borrow().keys().unwrap() {
        tab_b.refresh_key(&k, &mut wb.state);
    }
    // Tab A starts a second ID (identity, mail chunk, audit chunk) and dies after the
    // journal and one value.
    b.borrow_mut().crash_after(2);
    assert!(step(&mut a, &mut wa, create_cmd("c@example.com")).is_err());
    let after_crash = b.borrow().restart();
    *b.borrow_mut() = after_crash;
    let stale: Vec<String> = journals(&b);
    assert_eq!(stale.len(), 1, "tab A's journal is there");
    let journal_before = b.borrow().raw()[&stale[0]].clone();
    // Tab B, still running, commits: the same mail and audit chunks, newer values.
    let (mut tab_b2, st, report) = Store::open_as(Box::new(b.clone()), ts(), "tabB2");
    assert!(report.recovered_journal, "opening completes tab A's commit");
    wb.state = st;
    let _ = &mut tab_b;
    step(&mut tab_b2, &mut wb, create_cmd("b@example.com")).unwrap();
    assert_eq!(wb.state.identity_count(), 3);
    // Put tab A's journal back, as if tab B had committed while A's journal waited.
    b.borrow_mut().insert_raw(&stale[0], &journal_before);
    let (_, state, report) = Store::open_as(Box::new(b.clone()), ts(), "tabC");
    assert!(report.recovered_journal);
    assert!(report.journal_skipped >= 1, "{report:?}");
    assert_eq!(state.identity_count(), 3, "nothing lost");
    assert_eq!(
        snapshot(&state),
        snapshot(&wb.state),
        "tab B's newer values stand"
    );
    assert!(journals(&b).is_empty());
}

#[test]
fn a_tab_never_removes_or_overwrites_another_tabs_journal() {
    let b = shared();
    let ((mut a, mut wa), (mut tab_b, mut wb)) = two_tabs(&b);
    b.borrow_mut().crash_after(2);
    assert!(step(&mut a, &mut wa, create_cmd("a@example.com")).is_err());
    let after_crash = b.borrow().restart();
    *b.borrow_mut() = after_crash;
    let stale = journals(&b);
    let saved = b.borrow().raw()[&stale[0]].clone();
    // Tab B never re-opened: it commits several keys of its own (its own journal).
    step(&mut tab_b, &mut wb, create_cmd("b@example.com")).unwrap();
    assert_eq!(
        b.borrow().raw().get(&stale[0]),
        Some(&saved),
        "tab A's journal is untouched"
    );
    let (_, state, report) = Store::open_as(Box::new(b.clone()), ts(), "tabC");
    assert!(report.recovered_journal);
    assert_eq!(state.identity_count(), 2, "both IDs: {report:?}");
}

#[test]
fn a_replay_that_hits_the_quota_keeps_the_journal_and_loses_nothing() {
    let b = shared();
    let (mut store, st, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = st;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    b.borrow_mut().crash_after(2);
    assert!(step(&mut store, &mut w, create_cmd("b@example.com")).is_err());
    let mut restarted = b.borrow().restart();
    let used: usize = restarted
        .raw()
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum();
    restarted.set_quota(Some(used)); // full: no value may grow
    let saved = restarted.raw().clone();
    let shared_restart = Rc::new(RefCell::new(restarted));
    let (_, _, report) = Store::open(Box::new(shared_restart.clone()), ts());
    assert_eq!(report.journals_kept.len(), 1, "{report:?}");
    let j = journals(&shared_restart);
    assert_eq!(j.len(), 1, "the journal is kept for the next start");
    assert_eq!(shared_restart.borrow().raw()[&j[0]], saved[&j[0]]);
    // With room again, the next start completes it.
    shared_restart.borrow_mut().set_quota(None);
    let (_, state, report) = Store::open(Box::new(shared_restart.clone()), ts());
    assert!(report.recovered_journal && report.journals_kept.is_empty());
    assert_eq!(state.identity_count(), 2);
    assert!(journals(&shared_restart).is_empty());
}

/// A replacement (import, reset, demo) stopped at every possible write: the next start
/// finds the old data or the new, never a mix and never neither.
#[test]
fn a_replacement_cut_at_every_step_leaves_the_old_data_or_the_new() {
    let mut tried = 0;
    let mut outcomes = (0, 0);
    let make = |emails: &[&str]| {
        let mut w = World::new();
        for e in emails {
            w.run(create_cmd(e)).unwrap();
        }
        w.state
    };
    let small = make(&["a@example.com", "b@example.com"]);
    let other = make(&["x@example.com", "y@example.com", "z@example.com"]);
    let demo = onboard_core::demo::build(Timestamp(T0), [7; 32]).unwrap();
    // Small to large (undo journal), large to small (redo journal), like to like.
    for (old_state, new_state) in [
        (&small, &other),
        (&other, &small),
        (&small, &demo),
        (&demo, &small),
    ] {
        for crash_at in 0..10_000 {
            let b = shared();
            let (mut store, _, _) = Store::open(Box::new(b.clone()), ts());
            store.replace_all(old_state).unwrap();
            b.borrow_mut().crash_after(crash_at);
            let r = store.replace_all(new_state);
            let (_, reopened, report) = Store::open(Box::new(b.borrow().restart()), ts());
            assert!(report.quarantined.is_empty(), "{report:?}");
            let got = snapshot(&reopened);
            if got == snapshot(old_state) {
                outcomes.0 += 1;
                assert!(r.is_err(), "reported done but the old data is back");
            } else {
                assert_eq!(got, snapshot(new_state), "crash after {crash_at} writes");
                outcomes.1 += 1;
            }
            tried += 1;
            if r.is_ok() {
                break;
            }
        }
    }
    println!(
        "replacement crash points tried: {tried}, old kept: {}, new whole: {}",
        outcomes.0, outcomes.1
    );
    assert!(outcomes.0 > 0 && outcomes.1 > 0);
}

#[test]
fn a_replacement_that_does_not_fit_restores_the_old_data_with_either_journal() {
    // Small into large (a redo journal of the new values) and large into small (undo).
    for (old_n, new_n) in [(3usize, 1usize), (1, 3)] {
        let mut w = World::new();
        for i in 0..old_n {
            w.run(create_cmd(&format!("old{i}@example.com"))).unwrap();
        }
        let mut n = World::new();
        for i in 0..new_n {
            n.run(create_cmd(&format!("new{i}@example.com"))).unwrap();
        }
        for extra in [0usize, 100, 400, 1000, 2000] {
            let b = shared();
            let (mut store, _, _) = Store::open(Box::new(b.clone()), ts());
            store.replace_all(&w.state).unwrap();
            let before = b.borrow().raw().clone();
            let used: usize = before
                .iter()
                .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
                .sum();
            b.borrow_mut().set_quota(Some(used + extra));
            match store.replace_all(&n.state) {
                Ok(()) => {
                    let (_, s, _) = Store::open(Box::new(b.clone()), ts());
                    assert_eq!(snapshot(&s), snapshot(&n.state));
                }
                Err(e) => {
                    assert_eq!(e, CommitError::Quota);
                    assert_eq!(b.borrow().raw(), &before, "old data, no journal left");
                }
            }
        }
    }
}

#[test]
fn data_of_a_newer_schema_opens_read_only_and_is_never_moved() {
    let b = shared();
    let (mut store, st, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = st;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    // A newer build wrote the office record (with its operator) after us.
    let next = SCHEMA + 1;
    let newer = format!(r#"{{"schema":{next},"rev":3,"data":{{"operator":{{"new":"shape"}}}}}}"#);
    b.borrow_mut().insert_raw("onboard/v1/office", &newer);
    let before = b.borrow().raw().clone();
    let (mut old_build, state, report) = Store::open(Box::new(b.clone()), ts());
    assert_eq!(report.newer_schema, Some(next));
    assert!(report.quarantined.is_empty(), "nothing moved away");
    assert_eq!(old_build.read_only(), Some(next));
    assert_eq!(state.identity_count(), 1, "what it can read, it shows");
    // A visitor tries to create a second operator: the domain sees no operator, the
    // store refuses to write anything.
    let mut visitor = World::new();
    visitor.state = state;
    let ctx = visitor.ctx();
    let out = apply(
        &visitor.state,
        &visitor.actor(),
        office_commands::CreateOperator {
            email: "intruder@example.com".into(),
            password: PW.into(),
            confirm: PW.into(),
        }
        .into(),
        &ctx,
    )
    .unwrap();
    assert_eq!(old_build.write(&out), Err(CommitError::ReadOnly(next)));
    assert_eq!(
        old_build.replace_all(&State::default()),
        Err(CommitError::ReadOnly(next))
    );
    assert_eq!(b.borrow().raw(), &before, "not a byte changed");
}

#[test]
fn a_newer_journal_is_left_alone_and_makes_the_store_read_only() {
    let b = shared();
    let key = format!("{}later-1", journal::PREFIX);
    b.borrow_mut()
        .insert_raw(&key, r#"{"v":3,"something":"new"}"#);
    let (store, _, report) = Store::open(Box::new(b.clone()), ts());
    assert_eq!(store.read_only(), Some(3));
    assert!(report.quarantined.is_empty());
    assert!(b.borrow().raw().contains_key(&key));
}

#[test]
fn only_the_operator_may_import_once_there_is_one() {
    let b = shared();
    let (mut store, st, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = st;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    let file = store.export(ts());
    let ctx = w.ctx();
    let out = apply(
        &w.state,
        &w.actor(),
        office_commands::CreateOperator {
            email: "op@example.com".into(),
            password: PW.into(),
            confirm: PW.into(),
        }
        .into(),
        &ctx,
    )
    .unwrap();
    store.write(&out).unwrap();
    w.state = out.state;
    let before = b.borrow().raw().clone();
    let mut visitor = w.clone();
    visitor.device = Device::default();
    assert!(matches!(
        import_file(&mut store, &mut visitor, &file),
        Err(ImportFailure::Domain(DomainError::NotAllowed))
    ));
    assert_eq!(
        b.borrow().raw(),
        &before,
        "a refused import changes nothing"
    );
    let mut op = w.clone();
    op.as_operator();
    import_file(&mut store, &mut op, &file).unwrap();
    assert_eq!(
        op.state.office().operator_email().map(|e| e.as_str()),
        Some("op@example.com"),
        "the operator account stays"
    );
    assert_eq!(op.state.audit_events_of(AuditEvent::DataImported), 1);
}

#[test]
fn attachment_contents_have_keys_of_their_own_and_old_inline_ones_still_load() {
    let mut w = World::new();
    w.as_person("a@example.com");
    w.partner(
        partner_commands::AcceptAgreement {
            version: onboard_core::partner::AGREEMENT_VERSION.into(),
        }
        .into(),
    )
    .unwrap();
    w.partner(PartnerCommand::SaveCompany(company_input("Example KK")))
        .unwrap();
    w.partner(PartnerCommand::SaveEmployee(profile_input(&[])))
        .unwrap();
    let Reply::ApplicationSubmitted { number } = w.partner(PartnerCommand::Submit).unwrap() else {
        panic!()
    };
    w.as_operator();
    w.partner(
        partner_commands::RequestDocuments {
            number: number.clone(),
            message: "Please".into(),
        }
        .into(),
    )
    .unwrap();
    w.as_person("a@example.com");
    w.partner(
        partner_commands::Attach {
            name: "extract.pdf".into(),
            mime: "application/pdf".into(),
            bytes: b"%PDF-1.4 extract".to_vec(),
        }
        .into(),
    )
    .unwrap();
    let b = shared();
    let (mut store, _, _) = Store::open(Box::new(b.clone()), ts());
    store.replace_all(&w.state).unwrap();
    let file_key = format!("{DATA_PREFIX}application/{number}/files/0");
    assert!(b.borrow().raw().contains_key(&file_key));
    let (_, reopened, report) = Store::open(Box::new(b.clone()), ts());
    assert!(report.quarantined.is_empty(), "{report:?}");
    let content = w.state.attachment_content(&number, 0).unwrap().to_string();
    assert_eq!(
        reopened.attachment_content(&number, 0),
        Some(content.as_str())
    );
    // Export and import carry the file.
    let file = store.export(ts());
    let parsed = store.parse_import(&file).unwrap();
    assert_eq!(
        parsed.attachment_content(&number, 0),
        Some(content.as_str())
    );
    // A record written before files had keys (content inline) still reads.
    let app_key = format!("{DATA_PREFIX}application/{number}");
    let raw = b.borrow().raw()[&app_key].clone();
    let me = w.actor().person().cloned().unwrap();
    let sha = w.state.application_of(&me).unwrap().attachments()[0]
        .sha256
        .clone();
    let inline = raw.replacen(
        &format!("\"sha256\":\"{sha}\""),
        &format!("\"sha256\":\"{sha}\",\"content\":\"{content}\""),
        1,
    );
    assert_ne!(inline, raw);
    b.borrow_mut().remove(&file_key).unwrap();
    b.borrow_mut().insert_raw(&app_key, &inline);
    let (_, legacy, report) = Store::open(Box::new(b.clone()), ts());
    assert!(report.quarantined.is_empty(), "{report:?}");
    assert_eq!(
        legacy.attachment_content(&number, 0),
        Some(content.as_str())
    );
}

#[test]
fn the_help_desk_is_stored_in_parts_and_an_old_single_record_still_reads() {
    let mut w = World::new();
    for i in 0..(PART + 3) {
        w.run(
            site_commands::Help {
                name: "N".into(),
                email: format!("h{i}@example.com"),
                subject: "S".into(),
                site: String::new(),
                description: "D".into(),
                mail_lang: None,
            }
            .into(),
        )
        .unwrap();
    }
    let b = shared();
    let (mut store, st, _) = Store::open(Box::new(b.clone()), ts());
    assert!(st.help_desk().is_empty());
    store.replace_all(&w.state).unwrap();
    let keys: Vec<String> = b
        .borrow()
        .raw()
        .keys()
        .filter(|k| k.contains("/help"))
        .cloned()
        .collect();
    assert_eq!(
        keys,
        [
            format!("{DATA_PREFIX}help"),
            format!("{DATA_PREFIX}help/requests/0"),
            format!("{DATA_PREFIX}help/requests/1"),
        ]
    );
    // One more request writes the last part (and the head's counter), not the first.
    let ctx = w.ctx();
    let out = apply(
        &w.state,
        &w.actor(),
        site_commands::Help {
            name: "N".into(),
            email: "late@example.com".into(),
            subject: "S".into(),
            site: String::new(),
            description: "D".into(),
            mail_lang: None,
        }
        .into(),
        &ctx,
    )
    .unwrap();
    assert!(out.changed.contains(&AggKey::HelpPart(1)));
    assert!(
        !out.changed.contains(&AggKey::HelpPart(0)),
        "{:?}",
        out.changed
    );
    // A record of the old shape (every request inline under `help`) reads as before
    // and is written in parts at its next save.
    let inline = format!(
        "{{\"schema\":3,\"rev\":1,\"data\":{{\"requests\":{}}}}}",
        serde_json::to_string(&w.state.help_desk().requests().take(3).collect::<Vec<_>>()).unwrap()
    );
    let old = shared();
    old.borrow_mut()
        .insert_raw(&format!("{DATA_PREFIX}help"), &inline);
    let (mut s2, st2, report) = Store::open(Box::new(old.clone()), ts());
    assert!(report.quarantined.is_empty(), "{report:?}");
    assert_eq!(st2.help_desk().requests().count(), 3);
    let mut w2 = World::new();
    w2.state = st2;
    step(
        &mut s2,
        &mut w2,
        site_commands::Help {
            name: "N".into(),
            email: "new@example.com".into(),
            subject: "S".into(),
            site: String::new(),
            description: "D".into(),
            mail_lang: None,
        }
        .into(),
    )
    .unwrap();
    let (_, st3, _) = Store::open(Box::new(old.clone()), ts());
    assert_eq!(st3.help_desk().requests().count(), 4);
    assert_eq!(st3.help_desk().next_reference(), "H000005");
    assert!(!old.borrow().raw()[&format!("{DATA_PREFIX}help")].contains("requests"));
}

#[test]
fn the_benchmark_data_set_is_stored_and_opens_back_whole() {
    use onboard_core::generate::{large, Spec};
    let spec = Spec {
        site_users: 1_000,
        pending_requests: 200,
        employees: 500,
        target_units: 600_000,
    };
    let state = large(&spec, Timestamp(T0), [3; 32]).unwrap();
    let backend = shared();
    let (mut store, _, _) = Store::open(Box::new(backend.clone()), Timestamp(T0));
    store.replace_all(&state).unwrap();
    let (_, reopened, report) = Store::open(Box::new(backend), Timestamp(T0));
    assert!(report.quarantined.is_empty(), "{:?}", report.quarantined);
    assert_eq!(reopened.keys(), state.keys());
    for key in state.keys() {
        assert_eq!(reopened.aggregate(&key), state.aggregate(&key), "{key:?}");
    }
}

/// A large data set stored in parts, and the backend that holds it.
fn stored_large() -> (Shared, State) {
    use onboard_core::generate::{large, Spec};
    let spec = Spec {
        site_users: 900,
        pending_requests: 120,
        employees: 700,
        target_units: 0,
    };
    let state = large(&spec, ts(), [4; 32]).unwrap();
    let b = shared();
    let (mut store, _, _) = Store::open(Box::new(b.clone()), ts());
    store.replace_all(&state).unwrap();
    (b, state)
}

#[test]
fn lists_read_later_end_as_the_state_a_full_opening_reads() {
    let (b, state) = stored_large();
    let tab = "later";
    let (mut store, mut partial, report) =
        Store::open_lists_later(Box::new(b.clone()), ts(), tab, Some(Reader::CORE))
            .unwrap_or_else(|_| panic!("opens with a reader"));
    assert!(report.quarantined.is_empty());
    let parts = store.later();
    assert!(parts >= 4, "the lists are parts of their own: {parts}");
    // Measured all the same (the storage figure and its warning are whole at once).
    let (full, _, _) = Store::open(Box::new(b.clone()), ts());
    assert_eq!(store.usage(), full.usage());
    // Heads only: the sites and companies are there, their long lists not yet.
    assert_eq!(partial.identity_count(), state.identity_count());
    assert_eq!(partial.mail_count(), state.mail_count());
    let users = |s: &State| s.sites().map(|x| x.users().len()).sum::<usize>();
    assert!(users(&state) >= 900);
    assert_eq!(users(&partial), 0);
    // While lists are unread, nothing is written (a write would be judged without them).
    let before = b.borrow().raw().clone();
    let mut w = World::new();
    w.state = partial.clone();
    let refused = step(&mut store, &mut w, create_cmd("new@example.com"));
    assert!(
        matches!(refused, Err(CommitError::Unavailable(_))),
        "{refused:?}"
    );
    assert_eq!(b.borrow().raw(), &before, "storage unchanged");
    // A few parts at a time (as the browser does between frames), then all.
    let report = store.read_later(&mut partial, ts(), &mut {
        let mut n = 0;
        move || {
            n += 1;
            n <= 3
        }
    });
    assert!(report.quarantined.is_empty());
    assert_eq!(store.later(), parts - 3);
    store.read_later(&mut partial, ts(), &mut || true);
    assert_eq!(store.later(), 0);
    assert_eq!(snapshot(&partial), snapshot(&state));
    // Complete: writes go through, judged against the stored revisions.
    let mut w = World::new();
    w.state = partial;
    step(&mut store, &mut w, create_cmd("new@example.com")).unwrap();
    let (_, again, _) = Store::open(Box::new(b.clone()), ts());
    assert_eq!(snapshot(&again), snapshot(&w.state));
}

#[test]
fn a_bad_part_read_later_is_quarantined_and_a_newer_one_read_as_it_is_now() {
    let (b, state) = stored_large();
    let mut parts: Vec<String> = b
        .borrow()
        .raw()
        .keys()
        .filter(|k| k.contains("/users/"))
        .cloned()
        .collect();
    parts.sort();
    let (bad, changed) = (parts[0].clone(), parts[1].clone());
    b.borrow_mut().insert_raw(&bad, "{not json");
    let (mut store, mut partial, report) =
        Store::open_lists_later(Box::new(b.clone()), ts(), "t", Some(Reader::CORE))
            .unwrap_or_else(|_| panic!("opens with a reader"));
    assert!(report.quarantined.is_empty(), "not read yet");
    // Another tab empties a part before this one decodes its kept text.
    let raw = b.borrow().raw().get(&changed).cloned().unwrap();
    let (rev, data, _) = schema::decode(&keys::parse(&changed[11..]).unwrap(), &raw).unwrap();
    assert!(data.len() > 10);
    b.borrow_mut()
        .insert_raw(&changed, &schema::encode(rev + 1, "[]"));
    assert!(store.refresh_key(&changed, &mut partial));
    let report = store.read_later(&mut partial, Timestamp(T0 + 9), &mut || true);
    assert_eq!(report.quarantined.len(), 1, "{:?}", report.quarantined);
    assert_eq!(report.quarantined[0].original_key, bad);
    assert!(b
        .borrow()
        .raw()
        .contains_key(&format!("{QUARANTINE_PREFIX}{bad}/{}", T0 + 9)));
    // Both parts are full ones: neither the bad part's users nor the kept text of the
    // emptied part came in.
    let users = |s: &State| s.sites().map(|x| x.users().len()).sum::<usize>();
    assert_eq!(users(&partial), users(&state) - 2 * PART);
    assert_eq!(store.later(), 0);
}

#[test]
fn a_schema_5_audit_entry_keeps_its_recorded_detail_when_its_chunk_is_rewritten() {
    use onboard_core::audit::{Detail, Part};
    let b = shared();
    let (mut store, state, _) = Store::open(Box::new(b.clone()), ts());
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("a@example.com")).unwrap();
    // Turn the stored audit chunk back into schema 5: its detail one English string.
    let key = format!("{DATA_PREFIX}audit/0");
    let mut chunk: serde_json::Value = serde_json::from_str(&b.borrow().raw()[&key]).unwrap();
    chunk["schema"] = 5.into();
    chunk["data"]["entries"][0]["detail"] = "a@example.com: pending -> granted".into();
    b.borrow_mut().insert_raw(&key, &chunk.to_string());
    let (mut store, state, report) = Store::open(Box::new(b.clone()), ts());
    assert!(report.quarantined.is_empty(), "{report:?}");
    assert_eq!(report.migrated, 1, "{report:?}");
    let recorded = Detail(vec![Part::text("a@example.com: pending -> granted")]);
    assert_eq!(state.audit_chunk(0)[0].detail, recorded);
    // The chunk's next save writes schema 6 and keeps the old entry's words.
    let mut w = World::new();
    w.state = state;
    step(&mut store, &mut w, create_cmd("b@example.com")).unwrap();
    let raw = b.borrow().raw()[&key].clone();
    assert!(raw.starts_with(&format!("{{\"schema\":{SCHEMA},")), "{raw}");
    let (_, again, report) = Store::open(Box::new(b.clone()), ts());
    assert!(report.quarantined.is_empty(), "{report:?}");
    assert_eq!(again.audit_chunk(0)[0].detail, recorded);
    assert_eq!(again.audit_chunk(0).len(), 2);
}

/// `state` stored in a fresh memory backend.
fn stored(state: &State) -> (Shared, Store) {
    let b = shared();
    let (mut store, _, _) = Store::open(Box::new(b.clone()), ts());
    store.replace_all(state).unwrap();
    (b, store)
}

/// The UTF-16 units `b` holds, keys and values (what its quota counts).
fn units_in_use(b: &Shared) -> usize {
    b.borrow()
        .raw()
        .iter()
        .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
        .sum()
}

/// Storage full to the last byte: a new sign-up cannot be saved, and the data page's
/// advice for that ("delete old mail") works all the same: freeing space is never
/// refused for want of space. Then the sign-up goes through.
#[test]
fn the_oldest_mail_is_deleted_in_a_storage_with_no_room_left() {
    let mut w = World::new();
    for i in 0..(PART + 10) {
        w.run(create_cmd(&format!("p{i}@example.com"))).unwrap();
    }
    assert!(w.state.mail_count() > mail::CHUNK, "two parts of mail");
    let (b, mut store) = stored(&w.state);
    let used = units_in_use(&b);
    // A tab that dies at any write of the deletion leaves storage that opens whole:
    // the mail deleted or not, its audit entry only with it (dying between the
    // removal and the journal loses the entry, the one thing it can lose).
    let (mails, entries) = (w.state.mail_count(), w.state.audit_count());
    for cut in 0..4 {
        let mut m = MemoryBackend::new();
        for (k, v) in b.borrow().raw() {
            m.insert_raw(k, v);
        }
        m.set_quota(Some(used));
        m.crash_after(cut);
        let shared = Rc::new(RefCell::new(m));
        let (mut tab, state, _) = Store::open(Box::new(shared.clone()), ts());
        let ctx = w.ctx();
        let out = apply(&state, &w.actor(), Command::DeleteOldestMail, &ctx).unwrap();
        let done = tab.commit(&out.changed, &out.state).is_ok();
        let (_, after, report) = Store::open(Box::new(shared.borrow().restart()), ts());
        assert!(report.quarantined.is_empty(), "cut {cut}: {report:?}");
        let deleted = after.mail_count() == mails - mail::CHUNK;
        assert!(deleted || after.mail_count() == mails, "cut {cut}");
        let entry = after.audit_count() == entries + 1;
        assert!(entry || after.audit_count() == entries, "cut {cut}");
        // Reported done, it is all there (a journal may complete what was not).
        assert!(!done || (deleted && entry), "cut {cut}");
        assert!(
            !entry || deleted,
            "cut {cut}: an entry only with its deletion"
        );
    }
    b.borrow_mut().set_quota(Some(used));
    let late = create_cmd("late@example.com");
    let ctx = w.ctx();
    let out = apply(&w.state, &w.actor(), late.clone(), &ctx).unwrap();
    assert_eq!(
        store.commit(&out.changed, &out.state),
        Err(CommitError::Quota)
    );
    assert!(!store.has_room(), "full: the data page's banner says so");
    let mails = w.state.mail_count();
    step(&mut store, &mut w, Command::DeleteOldestMail).expect("deleted while full");
    assert!(store.has_room());
    assert!(
        !b.borrow().raw().contains_key(PROBE_KEY),
        "the probe taken back"
    );
    assert_eq!(w.state.mail_count(), mails - mail::CHUNK);
    step(&mut store, &mut w, late).expect("room again");
    let (_, reopened, report) = Store::open(Box::new(b.clone()), ts());
    assert!(report.quarantined.is_empty(), "{report:?}");
    assert_eq!(snapshot(&reopened), snapshot(&w.state));
}

/// "Reset all data" works in a storage full to the last character: a replacement
/// that removes keys makes room for its journal by removing them first.
#[test]
fn all_data_is_reset_in_a_storage_with_no_room_left() {
    let mut w = World::new();
    for i in 0..20 {
        w.run(create_cmd(&format!("p{i}@example.com"))).unwrap();
    }
    let (b, mut store) = stored(&w.state);
    let used = units_in_use(&b);
    b.borrow_mut().set_quota(Some(used));
    store
        .replace_all(&State::default())
        .expect("reset while full");
    assert!(b.borrow().raw().is_empty(), "{:?}", b.borrow().raw().keys());
    assert!(store.has_room());
}

/// With an operator, only the operator deletes old mail: in a storage full to the
/// last character the operator's sign-in (a session and its audit entry) goes in
/// with the room kept in reserve for it, then the deletion; the reserve is kept
/// again once there is room.
#[test]
fn the_operator_signs_in_and_deletes_old_mail_with_no_room_left() {
    let mut w = World::new();
    w.state = onboard_core::demo::build(ts(), [1; 32]).unwrap();
    for i in 0..(mail::CHUNK + 10) {
        w.run(create_cmd(&format!("p{i}@example.com"))).unwrap();
    }
    let b = shared();
    let (mut store, _, _) = Store::open(Box::new(b.clone()), ts());
    store.keep_reserve();
    assert!(b.borrow().raw().is_empty(), "no records, no reserve");
    store.replace_all(&w.state).unwrap();
    store.keep_reserve();
    let used = units_in_use(&b);
    assert_eq!(
        b.borrow().raw()[RESERVE_KEY].len() + RESERVE_KEY.len(),
        RESERVE_UNITS
    );
    b.borrow_mut().set_quota(Some(used));
    // Any other command finds no room; the reserve is not for it.
    let late = create_cmd("late@example.com");
    assert!(!late.makes_room());
    let ctx = w.ctx();
    let out = apply(&w.state, &w.actor(), late, &ctx).unwrap();
    assert_eq!(store.write(&out), Err(CommitError::Quota));
    let sign_in: Command = office_commands::OperatorSignIn {
        email: onboard_core::demo::DEMO_OPERATOR.into(),
        password: onboard_core::demo::DEMO_PASSWORD.into(),
    }
    .into();
    assert!(sign_in.makes_room());
    let ctx = w.ctx();
    let out = apply(&w.state, &w.actor(), sign_in, &ctx).unwrap();
    assert_eq!(
        store.write(&out),
        Err(CommitError::Quota),
        "no room of its own"
    );
    assert!(store.release_reserve());
    store.write(&out).expect("signed in with the reserve");
    w.state = out.state;
    for d in out.device {
        if let DeviceChange::OperatorSignedIn(t) = d {
            w.device.operator = Some(t);
        }
    }
    assert!(w.actor().is_operator());
    let mails = w.state.mail_count();
    step(&mut store, &mut w, Command::DeleteOldestMail).expect("deleted");
    assert_eq!(w.state.mail_count(), mails - mail::CHUNK);
    // With room again, the reserve is taken again.
    store.keep_reserve();
    assert!(b.borrow().raw().contains_key(RESERVE_KEY));
    assert!(store.has_room());
}
