//! Persistence of the domain state: one JSON value per aggregate under versioned keys.
//!
//! Invariants:
//! * Memory and storage never disagree: [`Store::commit`] writes every changed
//!   aggregate or none (a journal of its own covers each multi-key write; a failed
//!   write is rolled back; see `journal.rs` for what a crash leaves and how the next
//!   start completes it without overwriting a newer value).
//! * A stale write is refused: every aggregate carries a revision, and a commit whose
//!   expected revision differs from the stored one fails with [`CommitError::Conflict`].
//! * Nothing is deleted silently: what cannot be read is moved under
//!   `onboard/quarantine/...` and reported. Data written by a newer build is never
//!   moved: the store opens read-only and refuses every write until a newer build runs.
pub mod journal;
pub mod keys;
#[cfg(target_arch = "wasm32")]
pub mod local;
pub mod memory;
pub mod schema;
pub mod shared;

use journal::{Entries, Redo, Replayed, Undo};
use onboard_core::{AggKey, Outcome, State, Timestamp};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

pub use memory::MemoryBackend;
pub use schema::SCHEMA;

pub const DATA_PREFIX: &str = "onboard/v1/";
pub const QUARANTINE_PREFIX: &str = "onboard/quarantine/";
pub const DEVICE_KEY: &str = "onboard/device";
/// The key written to learn whether storage takes a write (and removed at once).
pub const PROBE_KEY: &str = "onboard/probe";
/// Room kept in reserve, so that a storage other pages filled can still be freed: a
/// key of its own, given up only to a command that makes room (`Command::makes_room`)
/// and taken again once there is room. Outside `onboard/`, so a start neither reads
/// nor counts it.
pub const RESERVE_KEY: &str = "onboard-reserve";
/// The reserve's size in UTF-16 units (key and value): a journal of the office and a
/// whole part of audit entries (250 of about 130 units), with room to spare; 0.9 % of
/// [`QUOTA_UNITS`].
pub const RESERVE_UNITS: usize = 48 * 1024;
/// Chromium's localStorage quota in UTF-16 code units (10 MiB at 2 bytes each).
pub const QUOTA_UNITS: usize = 5_242_880;

fn is_journal(key: &str) -> bool {
    key == journal::LEGACY_KEY || key.starts_with(journal::PREFIX)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackendError {
    /// The quota is exceeded.
    Quota,
    /// Storage cannot be used at all.
    Unavailable(String),
}

/// Key-value storage of strings (localStorage or memory).
pub trait Backend {
    fn keys(&self) -> Result<Vec<String>, BackendError>;
    fn get(&self, key: &str) -> Result<Option<String>, BackendError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError>;
    fn remove(&mut self, key: &str) -> Result<(), BackendError>;
    /// The length of a stored value in UTF-16 units; a backend that can tell it
    /// without copying the value (localStorage) says so.
    fn units(&self, key: &str) -> Result<Option<usize>, BackendError> {
        Ok(self.get(key)?.map(|v| utf16_len(&v)))
    }
    /// Whether this backend keeps data after the page closes.
    fn persistent(&self) -> bool;
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommitError {
    /// Another tab changed this aggregate since it was read.
    Conflict(String),
    Quota,
    Unavailable(String),
    /// Storage holds data of a newer schema (an older build opened after a newer one):
    /// nothing is written until a build that reads it runs.
    ReadOnly(u32),
}

impl From<BackendError> for CommitError {
    fn from(e: BackendError) -> Self {
        match e {
            BackendError::Quota => CommitError::Quota,
            BackendError::Unavailable(s) => CommitError::Unavailable(s),
        }
    }
}

/// A stored value set aside because it could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quarantined {
    pub original_key: String,
    /// Where the raw value now is (None if it could not be moved: it stays in place).
    pub quarantine_key: Option<String>,
    pub reason: String,
}

#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    pub quarantined: Vec<Quarantined>,
    /// An interrupted multi-key save was completed (or an interrupted replacement
    /// rolled back).
    pub recovered_journal: bool,
    /// Keys a journal left alone because another tab wrote a newer value since.
    pub journal_skipped: usize,
    /// Journals that could not be replayed (a write failed): kept for the next start.
    pub journals_kept: Vec<String>,
    /// Records migrated from an older schema.
    pub migrated: usize,
    /// The newest schema found, when a newer build wrote some of the data: the store
    /// is read-only and those records are left where they are.
    pub newer_schema: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    NotJson(String),
    NotAnExport,
    NewerSchema(u32),
    BadRecord { key: String, reason: String },
    Storage(CommitError),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NotJson(e) => write!(f, "not JSON ({e})"),
            ImportError::NotAnExport => write!(f, "not an Onboard export file"),
            ImportError::NewerSchema(v) => write!(f, "made by a newer version (schema {v})"),
            ImportError::BadRecord { key, reason } => write!(f, "record {key}: {reason}"),
            ImportError::Storage(e) => write!(f, "storage: {e:?}"),
        }
    }
}

/// Decodes records into the state. A pair of function pointers, not calls, so that the
/// browser keeps this code (about a quarter of the app: every record type's decoding)
/// out of its first download: a first visit has no records, and a later one fetches
/// it as a module of its own before the store opens ([`Store::open_with`]).
#[derive(Clone, Copy)]
pub struct Reader {
    /// Puts one aggregate's current-schema JSON into the state (or refuses it).
    pub insert: fn(&mut State, &AggKey, &str) -> Result<(), String>,
    pub remove: fn(&mut State, &AggKey),
}

impl Reader {
    /// The core's decoding.
    pub const CORE: Reader = Reader {
        insert: State::insert_aggregate,
        remove: State::remove_aggregate,
    };
}

/// Whether a stored key is a record that is a part of a long list
/// (`onboard/v1/site/N/users/0`), not a head.
fn is_part(key: &str) -> bool {
    key.strip_prefix(DATA_PREFIX)
        .and_then(keys::parse)
        .is_some_and(|agg| agg.head() != agg)
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

pub struct Store {
    backend: Box<dyn Backend>,
    revs: BTreeMap<AggKey, u64>,
    usage: usize,
    /// Names this tab's journals (with `seq`), so tabs never share a journal key.
    tab: String,
    seq: u64,
    /// Set when storage holds data of a newer schema: every write is refused.
    newer: Option<u32>,
    /// None while storage held no records (see [`Reader`]): records another tab
    /// writes are then left unread until one is set ([`Store::set_reader`]).
    reader: Option<Reader>,
    /// The list parts [`Store::open_lists_later`] left unread (last key first).
    /// Nothing is written while any is left.
    later: Vec<String>,
}

impl Store {
    /// Opens storage as [`Store::open_as`] with a tab name unique in this process.
    pub fn open(backend: Box<dyn Backend>, now: Timestamp) -> (Store, State, LoadReport) {
        use std::sync::atomic::{AtomicU64, Ordering};
        static TABS: AtomicU64 = AtomicU64::new(0);
        let n = TABS.fetch_add(1, Ordering::Relaxed);
        Store::open_as(backend, now, &format!("{}{n}", now.0))
    }

    /// Opens storage: completes interrupted saves, reads every aggregate and sets
    /// aside what cannot be read. `tab` names this tab's journals (a random value in
    /// the browser, so two tabs never write the same journal key).
    pub fn open_as(
        backend: Box<dyn Backend>,
        now: Timestamp,
        tab: &str,
    ) -> (Store, State, LoadReport) {
        match Store::open_with(backend, now, tab, Some(Reader::CORE)) {
            Ok(opened) => opened,
            Err(_) => unreachable!("a store with a reader always opens"),
        }
    }

    /// Opens storage as [`Store::open_as`], decoding with `reader`. Without one, a
    /// storage that holds records (or a journal) is handed back untouched (`Err`): the
    /// caller fetches a reader and opens it again; nothing is read, moved or written.
    pub fn open_with(
        backend: Box<dyn Backend>,
        now: Timestamp,
        tab: &str,
        reader: Option<Reader>,
    ) -> Result<(Store, State, LoadReport), Box<dyn Backend>> {
        Store::open_inner(backend, now, tab, reader, false)
    }

    /// Opens storage as [`Store::open_with`], but decodes only the heads: the parts of
    /// long lists (a site's users, a company's employees: most of a large data set)
    /// are measured without being copied and left as keys, read from storage and
    /// decoded by [`Store::read_later`]. The state is incomplete until then, and the
    /// store refuses every write.
    pub fn open_lists_later(
        backend: Box<dyn Backend>,
        now: Timestamp,
        tab: &str,
        reader: Option<Reader>,
    ) -> Result<(Store, State, LoadReport), Box<dyn Backend>> {
        Store::open_inner(backend, now, tab, reader, true)
    }

    fn open_inner(
        backend: Box<dyn Backend>,
        now: Timestamp,
        tab: &str,
        reader: Option<Reader>,
        lists_later: bool,
    ) -> Result<(Store, State, LoadReport), Box<dyn Backend>> {
        let mut keys = backend.keys().unwrap_or_default();
        if reader.is_none()
            && keys
                .iter()
                .any(|k| k.starts_with(DATA_PREFIX) || is_journal(k))
        {
            return Err(backend);
        }
        let mut store = Store {
            backend,
            revs: BTreeMap::new(),
            usage: 0,
            tab: tab
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(32)
                .collect(),
            seq: 0,
            newer: None,
            reader,
            later: Vec::new(),
        };
        let mut report = LoadReport::default();
        let mut state = State::default();
        // Sorted: journals replay oldest name first, a head (`site/N`) is read before
        // its parts (`site/N/users/0`). Listed again only if a journal was replayed.
        keys.sort_unstable();
        if keys.iter().any(|k| is_journal(k)) {
            store.replay_journals(&keys, now, &mut report);
            keys = store.backend.keys().unwrap_or_default();
            keys.sort_unstable();
        }
        // One pass: every value is read once, for loading and for the usage figure.
        for key in keys.iter().filter(|k| k.starts_with("onboard/")) {
            // A list part left for later is only measured (not copied) now.
            if lists_later && reader.is_some() && is_part(key) {
                if let Ok(Some(units)) = store.backend.units(key) {
                    store.usage += utf16_len(key) + units;
                    store.later.push(key.clone());
                }
                continue;
            }
            let raw = match store.backend.get(key) {
                Ok(Some(raw)) => raw,
                _ => continue,
            };
            store.usage += utf16_len(key) + utf16_len(&raw);
            if !key.starts_with(DATA_PREFIX) || is_journal(key) {
                continue;
            }
            // (Without a reader the list held no record: checked above.)
            let Some(reader) = reader else { continue };
            store.load_record(reader, key, &raw, &mut state, now, &mut report);
        }
        store.later.reverse();
        report.newer_schema = store.newer;
        Ok((store, state, report))
    }

    /// Decodes one stored record into `state`, or sets it aside (see [`LoadReport`]).
    fn load_record(
        &mut self,
        reader: Reader,
        key: &str,
        raw: &str,
        state: &mut State,
        now: Timestamp,
        report: &mut LoadReport,
    ) {
        match self.read_record(reader, key, raw, state) {
            Ok(migrated) => report.migrated += migrated as usize,
            Err(schema::DecodeError::Newer(n)) => {
                self.newer = self.newer.max(Some(n));
            }
            Err(schema::DecodeError::Bad(reason)) => {
                let q = self.quarantine(key, raw, reason, now);
                if let Some(qkey) = &q.quarantine_key {
                    self.usage = (self.usage + utf16_len(qkey)).saturating_sub(utf16_len(key));
                }
                report.quarantined.push(q);
            }
        }
    }

    /// How many list parts [`Store::open_lists_later`] left undecoded.
    pub fn later(&self) -> usize {
        self.later.len()
    }

    /// Reads and decodes the list parts left for later into `state`, in key order, one
    /// at a time while `more()` says so; reports what was set aside, as the opening
    /// does (a newer schema among them makes the store read-only from then on). One
    /// that cannot be read stays left (writes stay refused) for the next call.
    pub fn read_later(
        &mut self,
        state: &mut State,
        now: Timestamp,
        more: &mut dyn FnMut() -> bool,
    ) -> LoadReport {
        let mut report = LoadReport::default();
        let Some(reader) = self.reader else {
            return report;
        };
        while more() {
            let Some(key) = self.later.last().cloned() else {
                break;
            };
            match self.backend.get(&key) {
                Ok(Some(raw)) => self.load_record(reader, &key, &raw, state, now, &mut report),
                // Removed since (by another tab): nothing to read.
                Ok(None) => {}
                Err(_) => break,
            }
            self.later.pop();
        }
        report.newer_schema = self.newer;
        report
    }

    /// How records are read; None while none could be (see [`Reader`]).
    pub fn reader(&self) -> Option<Reader> {
        self.reader
    }

    /// Gives a store opened without records the means to read those of other tabs.
    pub fn set_reader(&mut self, reader: Reader) {
        self.reader = Some(reader);
    }

    /// Replays every journal among `keys` (sorted) left by a tab that stopped mid-write.
    fn replay_journals(&mut self, keys: &[String], now: Timestamp, report: &mut LoadReport) {
        for key in keys.iter().filter(|k| is_journal(k)) {
            let Ok(Some(raw)) = self.backend.get(key) else {
                continue;
            };
            match journal::replay(self.backend.as_mut(), key, &raw) {
                Replayed::Done { skipped } => {
                    report.recovered_journal = true;
                    report.journal_skipped += skipped;
                }
                Replayed::Kept(e) => report.journals_kept.push(format!("{key}: {e:?}")),
                Replayed::Newer(v) => self.newer = self.newer.max(Some(v)),
                Replayed::Unreadable(reason) => {
                    let q = self.quarantine(key, &raw, reason, now);
                    report.quarantined.push(q);
                }
            }
        }
    }

    /// Whether writes are refused (data of a newer schema is stored), and that schema.
    pub fn read_only(&self) -> Option<u32> {
        self.newer
    }

    /// Reads one stored record into `state`; returns whether it was migrated. Not
    /// inlined: start-up and the storage event share one copy (first-load size).
    #[inline(never)]
    fn read_record(
        &mut self,
        reader: Reader,
        key: &str,
        raw: &str,
        state: &mut State,
    ) -> Result<bool, schema::DecodeError> {
        let path = &key[DATA_PREFIX.len()..];
        let agg = keys::parse(path)
            .ok_or_else(|| schema::DecodeError::Bad(format!("unknown key {path}")))?;
        let (rev, data, migrated) = schema::decode(&agg, raw)?;
        (reader.insert)(state, &agg, &data).map_err(schema::DecodeError::Bad)?;
        self.revs.insert(agg, rev);
        Ok(migrated)
    }

    /// Moves a raw value under the quarantine prefix (or leaves it if that fails).
    fn quarantine(&mut self, key: &str, raw: &str, reason: String, now: Timestamp) -> Quarantined {
        let qkey = format!("{QUARANTINE_PREFIX}{key}/{}", now.0);
        let moved = self.backend.set(&qkey, raw).is_ok() && self.backend.remove(key).is_ok();
        Quarantined {
            original_key: key.to_string(),
            quarantine_key: moved.then_some(qkey),
            reason,
        }
    }

    /// The values set aside so far: (quarantine key, raw value).
    pub fn quarantined(&self) -> Vec<(String, String)> {
        let keys = self.backend.keys().unwrap_or_default();
        keys.into_iter()
            .filter(|k| k.starts_with(QUARANTINE_PREFIX))
            .filter_map(|k| self.backend.get(&k).ok().flatten().map(|v| (k, v)))
            .collect()
    }

    /// Deletes one quarantined value (only on the user's explicit request).
    pub fn discard_quarantined(&mut self, key: &str) -> Result<(), BackendError> {
        if key.starts_with(QUARANTINE_PREFIX) {
            self.backend.remove(key)?;
            self.usage = self.measure();
        }
        Ok(())
    }

    pub fn persistent(&self) -> bool {
        self.backend.persistent()
    }

    /// Whether storage has room for a write at all (storage another page of the site
    /// filled has none, however little Onboard uses): one small write, taken back.
    pub fn has_room(&mut self) -> bool {
        let room = self.backend.set(PROBE_KEY, "1").is_ok();
        let _ = self.backend.remove(PROBE_KEY);
        room
    }

    /// Puts the reserve back in place when it is not and there is room for it (once
    /// there are records: a visit that stores nothing leaves no reserve either).
    pub fn keep_reserve(&mut self) {
        if !self.revs.is_empty() && !matches!(self.backend.units(RESERVE_KEY), Ok(Some(_))) {
            let fill = "0".repeat(RESERVE_UNITS - utf16_len(RESERVE_KEY));
            let _ = self.backend.set(RESERVE_KEY, &fill);
        }
    }

    /// Gives the reserve up (for a command that makes room); false if there was none.
    pub fn release_reserve(&mut self) -> bool {
        matches!(self.backend.units(RESERVE_KEY), Ok(Some(_)))
            && self.backend.remove(RESERVE_KEY).is_ok()
    }

    /// UTF-16 code units in use by Onboard's keys and values.
    pub fn usage(&self) -> usize {
        self.usage
    }

    fn measure(&self) -> usize {
        let keys = self.backend.keys().unwrap_or_default();
        keys.iter()
            .filter(|k| k.starts_with("onboard/"))
            .map(|k| {
                utf16_len(k)
                    + self
                        .backend
                        .get(k)
                        .ok()
                        .flatten()
                        .map(|v| utf16_len(&v))
                        .unwrap_or(0)
            })
            .sum()
    }

    pub fn revision(&self, key: &AggKey) -> u64 {
        self.revs.get(key).copied().unwrap_or(0)
    }

    /// Writes what a command's outcome changed: its changed aggregates, or
    /// everything when it replaces all data (import, reset, demo).
    pub fn write(&mut self, outcome: &Outcome) -> Result<(), CommitError> {
        if outcome.replaces_all {
            self.replace_all(&outcome.state)
        } else {
            self.commit(&outcome.changed, &outcome.state)
        }
    }

    fn refuse_if_read_only(&self) -> Result<(), CommitError> {
        // The state is incomplete: a write would be judged against missing lists.
        if !self.later.is_empty() {
            return Err(CommitError::Unavailable(
                "stored lists are still being read".into(),
            ));
        }
        match self.newer {
            Some(v) => Err(CommitError::ReadOnly(v)),
            None => Ok(()),
        }
    }

    /// A journal key of this tab's own, never used before by it.
    fn next_journal_key(&mut self) -> String {
        self.seq += 1;
        format!("{}{}-{}", journal::PREFIX, self.tab, self.seq)
    }

    /// Writes the `changed` aggregates of `next`: all of them or none.
    pub fn commit(&mut self, changed: &BTreeSet<AggKey>, next: &State) -> Result<(), CommitError> {
        if changed.is_empty() {
            return Ok(());
        }
        self.refuse_if_read_only()?;
        // A list part never stored (its head was read in schema 2, lists inline) is
        // written together with its head: a head without lists is never alone.
        let mut changed = changed.clone();
        let heads: BTreeSet<AggKey> = changed.iter().map(AggKey::head).collect();
        for head in heads {
            let unstored: Vec<AggKey> = next
                .parts_of(&head)
                .into_iter()
                .filter(|p| !self.revs.contains_key(p) && !changed.contains(p))
                .collect();
            if !unstored.is_empty() {
                changed.insert(head);
                changed.extend(unstored);
            }
        }
        let changed = &changed;
        // 1. Refuse stale writes.
        let mut old: Vec<(String, Option<String>)> = Vec::new();
        for agg in changed {
            let key = format!("{DATA_PREFIX}{}", keys::path(agg));
            let raw = self.backend.get(&key)?;
            let stored_rev = raw.as_deref().map(schema::peek_rev).unwrap_or(0);
            if stored_rev != self.revision(agg) {
                return Err(CommitError::Conflict(key));
            }
            old.push((key, raw));
        }
        // 2. The new values.
        let writes: Vec<Redo> = changed
            .iter()
            .zip(&old)
            .map(|(agg, (key, _))| {
                let before = self.revision(agg);
                Redo {
                    key: key.clone(),
                    before,
                    value: next
                        .aggregate(agg)
                        .map(|data| schema::encode(before + 1, &data)),
                }
            })
            .collect();
        // 3. A journal of this commit's own makes several writes one. Keys are removed
        // (the largest first), then written: once the journal is in, the commit needs
        // no more room than it grows by.
        let size = |i: &usize| old[*i].1.as_ref().map_or(0, String::len);
        let mut order: Vec<usize> = (0..writes.len())
            .filter(|&i| writes[i].value.is_none())
            .collect();
        order.sort_by_key(|i| std::cmp::Reverse(size(i)));
        order.extend((0..writes.len()).filter(|&i| writes[i].value.is_some()));
        let mut done = 0;
        let journal_key = (writes.len() > 1).then(|| self.next_journal_key());
        if let Some(jk) = &journal_key {
            let j = journal::encode(Entries::Redo {
                writes: writes.clone(),
            });
            let going: Vec<(&str, &str)> = order
                .iter()
                .map_while(|&i| match (&writes[i].value, &old[i].1) {
                    (None, Some(v)) => Some((writes[i].key.as_str(), v.as_str())),
                    _ => None,
                })
                .collect();
            done = self.set_journal(jk, &j, &going)?;
        }
        for (n, &i) in order.iter().enumerate().skip(done) {
            let w = &writes[i];
            let r = match &w.value {
                Some(v) => self.backend.set(&w.key, v),
                None => self.backend.remove(&w.key),
            };
            if let Err(e) = r {
                // Roll back what was written, newest first; the journal goes last, so
                // a tab that dies while rolling back is completed at the next start.
                let rolled_back = self.roll_back(&old, &order[..n]);
                if let (true, Some(jk)) = (rolled_back, &journal_key) {
                    let _ = self.backend.remove(jk);
                }
                return Err(e.into());
            }
        }
        if let Some(jk) = &journal_key {
            // If this fails the journal stays; replaying it finds every key done.
            let _ = self.backend.remove(jk);
        }
        for ((key, before), w) in old.iter().zip(&writes) {
            let size = |v: &Option<String>| {
                v.as_deref()
                    .map(|v| utf16_len(key) + utf16_len(v))
                    .unwrap_or(0)
            };
            self.usage = (self.usage + size(&w.value)).saturating_sub(size(before));
        }
        for agg in changed {
            let r = self.revision(agg) + 1;
            self.revs.insert(agg.clone(), r);
        }
        Ok(())
    }

    /// Writes a journal. Storage with no room even for it (full to the last character:
    /// deleting old mail, the remedy the quota message names, must still work) makes
    /// room by removing keys of `going` (the write removes them anyway; the largest
    /// first), one at a time until it fits: each removal is whole on its own, and only
    /// a tab that dies before the journal is in leaves them removed without the rest
    /// of the write. Returns how many were removed; on failure they are put back.
    fn set_journal(
        &mut self,
        key: &str,
        journal: &str,
        going: &[(&str, &str)],
    ) -> Result<usize, CommitError> {
        let mut removed = 0;
        loop {
            let e = match self.backend.set(key, journal) {
                Ok(()) => return Ok(removed),
                Err(BackendError::Quota) if removed < going.len() => {
                    match self.backend.remove(going[removed].0) {
                        Ok(()) => {
                            removed += 1;
                            continue;
                        }
                        Err(e) => e,
                    }
                }
                Err(e) => e,
            };
            for (k, v) in going[..removed].iter().rev() {
                let _ = self.backend.set(k, v);
            }
            return Err(e.into());
        }
    }

    /// Puts back the old values of the keys `written` (indices into `old`), newest
    /// first; false if one could not be.
    fn roll_back(&mut self, old: &[(String, Option<String>)], written: &[usize]) -> bool {
        written.iter().rev().all(|&i| {
            let (k, v) = &old[i];
            match v {
                Some(v) => self.backend.set(k, v),
                None => self.backend.remove(k),
            }
            .is_ok()
        })
    }

    /// Re-reads one key after another tab changed it (the `storage` event).
    /// Returns false when the key could not be read (it is left alone).
    pub fn refresh_key(&mut self, key: &str, state: &mut State) -> bool {
        let Some(path) = key.strip_prefix(DATA_PREFIX) else {
            return true;
        };
        let Some(agg) = keys::parse(path) else {
            return is_journal(key);
        };
        let Some(reader) = self.reader else {
            return false;
        };
        // A part left for later is read now.
        self.later.retain(|k| k != key);
        match self.backend.get(key) {
            // `insert_aggregate` leaves the state unchanged when it refuses a value.
            Ok(Some(raw)) => match self.read_record(reader, key, &raw, state) {
                Ok(_) => true,
                Err(schema::DecodeError::Newer(v)) => {
                    // A newer build wrote it in another tab: stop writing from here.
                    self.newer = self.newer.max(Some(v));
                    false
                }
                Err(schema::DecodeError::Bad(_)) => false,
            },
            Ok(None) => {
                (reader.remove)(state, &agg);
                self.revs.remove(&agg);
                true
            }
            Err(_) => false,
        }
    }

    /// Everything, as one JSON document.
    /// Shared mode's copy: what this account reads (`state`, the replica's), in the
    /// export format, so a local browser can import it. IDs carry no secret.
    pub fn export_state(state: &State, now: Timestamp) -> String {
        let mut records = serde_json::Map::new();
        for key in state.keys() {
            if let Some(raw) = state.aggregate(&key) {
                let v: Value = serde_json::from_str(&raw).unwrap_or(Value::String(raw));
                // The local store's envelope; each record's first revision here.
                records.insert(
                    keys::path(&key),
                    json!({"data": v, "rev": 1, "schema": SCHEMA}),
                );
            }
        }
        export_file(now, records)
    }

    pub fn export(&self, now: Timestamp) -> String {
        let mut records = serde_json::Map::new();
        let mut keys = self.backend.keys().unwrap_or_default();
        keys.sort();
        for k in keys
            .iter()
            .filter(|k| k.starts_with(DATA_PREFIX) && !is_journal(k))
        {
            if let Ok(Some(raw)) = self.backend.get(k) {
                let v: Value = serde_json::from_str(&raw).unwrap_or(Value::String(raw));
                records.insert(k[DATA_PREFIX.len()..].to_string(), v);
            }
        }
        export_file(now, records)
    }

    /// Reads and validates a whole export file into a state, writing nothing: the
    /// data page hands the result to `Command::ReplaceData`, which decides whether this
    /// person may replace the data, and [`Store::write`] then replaces it.
    pub fn parse_import(&self, text: &str) -> Result<State, ImportError> {
        let doc: Value =
            serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
        if doc.get("format").and_then(Value::as_str) != Some("onboard-export") {
            return Err(ImportError::NotAnExport);
        }
        let schema_v = doc
            .get("schema")
            .and_then(Value::as_u64)
            .ok_or(ImportError::NotAnExport)?;
        if schema_v > SCHEMA as u64 {
            return Err(ImportError::NewerSchema(
                schema_v.min(u32::MAX as u64) as u32
            ));
        }
        let records = doc
            .get("records")
            .and_then(Value::as_object)
            .ok_or(ImportError::NotAnExport)?;
        let mut state = State::default();
        for (path, v) in records {
            let bad = |reason: String| ImportError::BadRecord {
                key: path.clone(),
                reason,
            };
            let agg = keys::parse(path).ok_or_else(|| bad("unknown key".into()))?;
            let raw = serde_json::to_string(v).expect("json serialises");
            let (_, data, _) = schema::decode(&agg, &raw).map_err(|e| bad(e.to_string()))?;
            state.insert_aggregate(&agg, &data).map_err(bad)?;
        }
        Ok(state)
    }

    /// Replaces every aggregate with those of `state`, all or nothing: through a
    /// journal, the smaller of an undo log (the old values) and a redo log (the new
    /// ones), so a crash at any point leaves the old data or the new at the next start
    /// and the journal always fits where the data did.
    pub fn replace_all(&mut self, state: &State) -> Result<(), CommitError> {
        self.refuse_if_read_only()?;
        let keys = self.backend.keys()?;
        let mut old: BTreeMap<String, String> = BTreeMap::new();
        for k in keys
            .iter()
            .filter(|k| k.starts_with(DATA_PREFIX) && !is_journal(k))
        {
            if let Some(v) = self.backend.get(k)? {
                old.insert(k.clone(), v);
            }
        }
        let mut new: BTreeMap<String, (AggKey, u64, String)> = BTreeMap::new();
        for agg in state.keys() {
            let key = format!("{DATA_PREFIX}{}", keys::path(&agg));
            // A new revision above the old one, so other tabs see the change as newer.
            let stored = old.get(&key).map(|v| schema::peek_rev(v)).unwrap_or(0);
            let rev = stored.max(self.revision(&agg)) + 1;
            let value = schema::encode(rev, &state.aggregate(&agg).expect("listed key exists"));
            new.insert(key, (agg, rev, value));
        }
        let all: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        let undo: Vec<Undo> = all
            .iter()
            .map(|k| Undo {
                key: (*k).clone(),
                old: old.get(*k).cloned(),
                new_rev: new.get(*k).map_or(0, |(_, r, _)| *r),
            })
            .collect();
        let old_size: usize = old.values().map(|v| v.len()).sum();
        let new_size: usize = new.values().map(|(_, _, v)| v.len()).sum();
        let undo_log = old_size <= new_size;
        let entries = if undo_log {
            Entries::Undo { keys: undo.clone() }
        } else {
            Entries::Redo {
                writes: all
                    .iter()
                    .map(|k| Redo {
                        key: (*k).clone(),
                        before: old.get(*k).map(|v| schema::peek_rev(v)).unwrap_or(0),
                        value: new.get(*k).map(|(_, _, v)| v.clone()),
                    })
                    .collect(),
            }
        };
        let jk = self.next_journal_key();
        let mut going: Vec<(&str, &str)> = old
            .iter()
            .filter(|(k, _)| !new.contains_key(*k))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        going.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
        self.set_journal(&jk, &journal::encode(entries), &going)?;
        let mut result = Ok(());
        // Removals first: they free the space the new values take.
        for k in old.keys().filter(|k| !new.contains_key(*k)) {
            result = result.and_then(|_| self.backend.remove(k));
        }
        for (k, (_, _, v)) in &new {
            result = result.and_then(|_| self.backend.set(k, v));
        }
        // The journal's removal is the commit point. An undo log that cannot be
        // removed would roll the data back at the next start, so that is a failure too.
        let result = result.and_then(|_| self.backend.remove(&jk));
        if let Err(e) = result {
            if undo_log || self.backend.get(&jk).ok().flatten().is_some() {
                // Back to the old data; if that fails too, the journal stays and the
                // next start finishes the job (forward or back, never a mix).
                if journal::undo(self.backend.as_mut(), &undo).is_ok() {
                    let _ = self.backend.remove(&jk);
                }
                return Err(e.into());
            }
        }
        self.revs = new.into_values().map(|(agg, rev, _)| (agg, rev)).collect();
        self.usage = self.measure();
        Ok(())
    }

    /// Reads the device record (session tokens, language); a bad one is ignored.
    pub fn device_raw(&self) -> Option<String> {
        self.backend.get(DEVICE_KEY).ok().flatten()
    }
    pub fn set_device_raw(&mut self, raw: &str) -> Result<(), BackendError> {
        self.backend.set(DEVICE_KEY, raw)
    }
}

/// The export file: its format, schema, time and records, as pretty JSON.
fn export_file(now: Timestamp, records: serde_json::Map<String, Value>) -> String {
    let doc = json!({
        "format": "onboard-export",
        "schema": SCHEMA,
        "exported": now.0,
        "records": records,
    });
    serde_json::to_string_pretty(&doc).expect("json serialises")
}
