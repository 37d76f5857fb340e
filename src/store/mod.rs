//! Persistence of the domain state: one JSON value per aggregate under versioned keys.
//!
//! Invariants:
//! * Memory and storage never disagree: [`Store::commit`] writes every changed
//!   aggregate or none (a journal covers multi-key writes; a failed write is rolled back).
//! * A stale write is refused: every aggregate carries a revision, and a commit whose
//!   expected revision differs from the stored one fails with [`CommitError::Conflict`].
//! * Nothing is deleted silently: what cannot be read is moved under
//!   `onboard/quarantine/...` and reported.
#[cfg(target_arch = "wasm32")]
pub mod local;
pub mod memory;
pub mod schema;

use crate::domain::{AggKey, State, Timestamp};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

pub use memory::MemoryBackend;
pub use schema::SCHEMA;

pub const DATA_PREFIX: &str = "onboard/v1/";
pub const QUARANTINE_PREFIX: &str = "onboard/quarantine/";
pub const JOURNAL_KEY: &str = "onboard/v1/journal";
pub const DEVICE_KEY: &str = "onboard/device";
/// Chromium's localStorage quota in UTF-16 code units (10 MiB at 2 bytes each).
pub const QUOTA_UNITS: usize = 5_242_880;

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
    /// Whether this backend keeps data after the page closes.
    fn persistent(&self) -> bool;
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommitError {
    /// Another tab changed this aggregate since it was read.
    Conflict(String),
    Quota,
    Unavailable(String),
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
    /// An interrupted multi-key save was completed.
    pub recovered_journal: bool,
    /// Records migrated from an older schema.
    pub migrated: usize,
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

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

pub struct Store {
    backend: Box<dyn Backend>,
    revs: BTreeMap<AggKey, u64>,
    usage: usize,
}

impl Store {
    /// Opens storage: completes an interrupted save, reads every aggregate and sets
    /// aside what cannot be read.
    pub fn open(backend: Box<dyn Backend>, now: Timestamp) -> (Store, State, LoadReport) {
        let mut store = Store {
            backend,
            revs: BTreeMap::new(),
            usage: 0,
        };
        let mut report = LoadReport::default();
        let mut state = State::default();
        store.replay_journal(now, &mut report);
        // One pass: every value is read once, for loading and for the usage figure.
        // Sorted: a head (`site/N`) comes before its parts (`site/N/users/0`).
        let mut keys = store.backend.keys().unwrap_or_default();
        keys.sort_unstable();
        for key in keys.iter().filter(|k| k.starts_with("onboard/")) {
            let raw = match store.backend.get(key) {
                Ok(Some(raw)) => raw,
                _ => continue,
            };
            store.usage += utf16_len(key) + utf16_len(&raw);
            if !key.starts_with(DATA_PREFIX) || key == JOURNAL_KEY {
                continue;
            }
            match store.read_record(key, &raw, &mut state) {
                Ok(migrated) => report.migrated += migrated as usize,
                Err(reason) => {
                    let q = store.quarantine(key, &raw, reason, now);
                    if let Some(qkey) = &q.quarantine_key {
                        store.usage =
                            (store.usage + utf16_len(qkey)).saturating_sub(utf16_len(key));
                    }
                    report.quarantined.push(q);
                }
            }
        }
        (store, state, report)
    }

    fn replay_journal(&mut self, now: Timestamp, report: &mut LoadReport) {
        let Ok(Some(raw)) = self.backend.get(JOURNAL_KEY) else {
            return;
        };
        let parsed: Option<Vec<(String, Option<String>)>> = serde_json::from_str(&raw).ok();
        match parsed {
            Some(writes) => {
                for (k, v) in &writes {
                    if !k.starts_with(DATA_PREFIX) {
                        continue;
                    }
                    let _ = match v {
                        Some(v) => self.backend.set(k, v),
                        None => self.backend.remove(k),
                    };
                }
                let _ = self.backend.remove(JOURNAL_KEY);
                report.recovered_journal = true;
            }
            None => {
                let q = self.quarantine(JOURNAL_KEY, &raw, "unreadable journal".into(), now);
                report.quarantined.push(q);
            }
        }
    }

    /// Reads one stored record into `state`; returns whether it was migrated.
    fn read_record(&mut self, key: &str, raw: &str, state: &mut State) -> Result<bool, String> {
        let path = &key[DATA_PREFIX.len()..];
        let agg = AggKey::parse(path).ok_or_else(|| format!("unknown key {path}"))?;
        let (rev, data, migrated) = schema::decode(&agg, raw)?;
        state.insert_aggregate(&agg, &data)?;
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

    /// Writes the `changed` aggregates of `next`: all of them or none.
    pub fn commit(&mut self, changed: &BTreeSet<AggKey>, next: &State) -> Result<(), CommitError> {
        if changed.is_empty() {
            return Ok(());
        }
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
            let key = format!("{DATA_PREFIX}{}", agg.path());
            let raw = self.backend.get(&key)?;
            let stored_rev = raw.as_deref().map(schema::peek_rev).unwrap_or(0);
            if stored_rev != self.revision(agg) {
                return Err(CommitError::Conflict(key));
            }
            old.push((key, raw));
        }
        // 2. The new values.
        let writes: Vec<(String, Option<String>)> = changed
            .iter()
            .map(|agg| {
                let key = format!("{DATA_PREFIX}{}", agg.path());
                let value = next
                    .aggregate(agg)
                    .map(|data| schema::encode(self.revision(agg) + 1, &data));
                (key, value)
            })
            .collect();
        // 3. A journal makes several writes one.
        let journaled = writes.len() > 1;
        if journaled {
            let j = serde_json::to_string(&writes).expect("strings serialise");
            self.backend.set(JOURNAL_KEY, &j)?;
        }
        for (i, (key, value)) in writes.iter().enumerate() {
            let r = match value {
                Some(v) => self.backend.set(key, v),
                None => self.backend.remove(key),
            };
            if let Err(e) = r {
                // Roll back what was written, newest first; the journal goes first so
                // the space it takes is free for the old values.
                if journaled {
                    let _ = self.backend.remove(JOURNAL_KEY);
                }
                for (k, v) in old[..i].iter().rev() {
                    let _ = match v {
                        Some(v) => self.backend.set(k, v),
                        None => self.backend.remove(k),
                    };
                }
                return Err(e.into());
            }
        }
        if journaled {
            let _ = self.backend.remove(JOURNAL_KEY);
        }
        for ((key, before), (_, after)) in old.iter().zip(&writes) {
            let size = |v: &Option<String>| {
                v.as_deref()
                    .map(|v| utf16_len(key) + utf16_len(v))
                    .unwrap_or(0)
            };
            self.usage = (self.usage + size(after)).saturating_sub(size(before));
        }
        for agg in changed {
            let r = self.revision(agg) + 1;
            self.revs.insert(agg.clone(), r);
        }
        Ok(())
    }

    /// Re-reads one key after another tab changed it (the `storage` event).
    /// Returns false when the key could not be read (it is left alone).
    pub fn refresh_key(&mut self, key: &str, state: &mut State) -> bool {
        let Some(path) = key.strip_prefix(DATA_PREFIX) else {
            return true;
        };
        let Some(agg) = AggKey::parse(path) else {
            return key == JOURNAL_KEY;
        };
        match self.backend.get(key) {
            Ok(Some(raw)) => match schema::decode(&agg, &raw) {
                Ok((rev, data, _)) => {
                    let mut next = state.clone();
                    if next.insert_aggregate(&agg, &data).is_err() {
                        return false;
                    }
                    *state = next;
                    self.revs.insert(agg, rev);
                    true
                }
                Err(_) => false,
            },
            Ok(None) => {
                state.remove_aggregate(&agg);
                self.revs.remove(&agg);
                true
            }
            Err(_) => false,
        }
    }

    /// Everything, as one JSON document.
    pub fn export(&self, now: Timestamp) -> String {
        let mut records = serde_json::Map::new();
        let mut keys = self.backend.keys().unwrap_or_default();
        keys.sort();
        for k in keys
            .iter()
            .filter(|k| k.starts_with(DATA_PREFIX) && k.as_str() != JOURNAL_KEY)
        {
            if let Ok(Some(raw)) = self.backend.get(k) {
                let v: Value = serde_json::from_str(&raw).unwrap_or(Value::String(raw));
                records.insert(k[DATA_PREFIX.len()..].to_string(), v);
            }
        }
        let doc = json!({ "format": "onboard-export", "schema": SCHEMA, "exported": now.0, "records": records });
        serde_json::to_string_pretty(&doc).expect("json serialises")
    }

    /// Validates a whole export and only then replaces all data with it.
    /// `keep` may adjust the validated state (e.g. keep the current operator).
    pub fn import(
        &mut self,
        text: &str,
        keep: impl FnOnce(&mut State),
    ) -> Result<(State, usize), ImportError> {
        let doc: Value =
            serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
        if doc.get("format").and_then(Value::as_str) != Some("onboard-export") {
            return Err(ImportError::NotAnExport);
        }
        let schema_v = doc
            .get("schema")
            .and_then(Value::as_u64)
            .ok_or(ImportError::NotAnExport)? as u32;
        if schema_v > SCHEMA {
            return Err(ImportError::NewerSchema(schema_v));
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
            let agg = AggKey::parse(path).ok_or_else(|| bad("unknown key".into()))?;
            let raw = serde_json::to_string(v).expect("json serialises");
            let (_, data, _) = schema::decode(&agg, &raw).map_err(bad)?;
            state.insert_aggregate(&agg, &data).map_err(bad)?;
        }
        keep(&mut state);
        let n = state.keys().len();
        self.replace_all(&state).map_err(ImportError::Storage)?;
        Ok((state, n))
    }

    /// Replaces every aggregate with those of `state`; on failure restores the old data.
    pub fn replace_all(&mut self, state: &State) -> Result<(), CommitError> {
        let keys = self.backend.keys()?;
        let old: Vec<(String, String)> = keys
            .iter()
            .filter(|k| k.starts_with(DATA_PREFIX))
            .filter_map(|k| self.backend.get(k).ok().flatten().map(|v| (k.clone(), v)))
            .collect();
        let old_revs = self.revs.clone();
        for (k, _) in &old {
            self.backend.remove(k)?;
        }
        let mut written = Vec::new();
        let mut failure = None;
        for agg in state.keys() {
            let key = format!("{DATA_PREFIX}{}", agg.path());
            // A new revision above the old one, so other tabs see the change as newer.
            let rev = old_revs.get(&agg).copied().unwrap_or(0) + 1;
            let value = schema::encode(rev, &state.aggregate(&agg).expect("listed key exists"));
            match self.backend.set(&key, &value) {
                Ok(()) => {
                    written.push(key);
                    self.revs.insert(agg, rev);
                }
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        if let Some(e) = failure {
            for k in &written {
                let _ = self.backend.remove(k);
            }
            for (k, v) in &old {
                let _ = self.backend.set(k, v);
            }
            self.revs = old_revs;
            return Err(e.into());
        }
        self.revs.retain(|k, _| state.aggregate(k).is_some());
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
