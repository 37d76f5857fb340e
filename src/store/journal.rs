//! Journals: what makes several writes one.
//!
//! Invariants:
//! * One journal per multi-key write, under its own key (`onboard/v1/journal/<tab>-<n>`):
//!   a tab never overwrites or removes another tab's journal, so a crashed tab's
//!   journal waits for the next start whatever other tabs commit meanwhile.
//! * A commit's journal is a redo log: each key with the revision it had before and
//!   its new value. Replay completes a key only while it is still at the recorded
//!   revision (or already holds the new value); a key another tab wrote since keeps
//!   that newer value. A replay that cannot write keeps the journal.
//! * A replacement's journal (import, reset, demo) is the smaller of an undo log (the
//!   old value of every key it touches) and a redo log (the new ones): interrupted
//!   halfway, it is rolled back or completed at the next start, so storage holds the
//!   old data or the new, never a mix.
use super::{schema, Backend, BackendError, DATA_PREFIX};
use serde::{Deserialize, Serialize};

/// The journal of the builds before per-commit journals (a list of `[key, value]`).
pub const LEGACY_KEY: &str = "onboard/v1/journal";
/// Where journals live: one key each.
pub const PREFIX: &str = "onboard/v1/journal/";
/// The journal format this build writes and understands.
pub const VERSION: u32 = 2;

/// One key of a commit: its revision `before` the write and the new value (None:
/// removed). The value carries its own new revision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redo {
    pub key: String,
    pub before: u64,
    pub value: Option<String>,
}

/// One key of a replacement: its old value (None: it did not exist) and the revision
/// the replacement gives it (0: the replacement removes it; stored revisions start at 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undo {
    pub key: String,
    pub old: Option<String>,
    pub new_rev: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entries {
    Redo { writes: Vec<Redo> },
    Undo { keys: Vec<Undo> },
}

/// One stored entry, for both kinds: `[key, revision, value]` (plain arrays of one
/// shape: this is read at every start, so it is decoded by the smallest code that can).
type Row = (String, u64, Option<String>);

/// The stored form: `{"v":2,"redo":[[key,revision before,new value],...]}` or
/// `{"v":2,"undo":[[key,revision the replacement gives,old value],...]}`.
#[derive(Serialize, Deserialize, Default)]
struct Stored {
    v: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    redo: Vec<Row>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    undo: Vec<Row>,
}

/// What replaying one journal did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Replayed {
    /// Completed (or rolled back) and removed; `skipped` keys held a newer value
    /// written by another tab and were left alone.
    Done { skipped: usize },
    /// A write failed: the journal is kept for the next start.
    Kept(BackendError),
    /// Not readable by this build (bad JSON, or a newer format): left in place.
    Unreadable(String),
    /// Written by a newer build: left in place (storage is read-only meanwhile).
    Newer(u32),
}

fn stored_rev(raw: &Option<String>) -> u64 {
    raw.as_deref().map(schema::peek_rev).unwrap_or(0)
}

/// Replays the journal stored under `key`.
pub fn replay(backend: &mut dyn Backend, key: &str, raw: &str) -> Replayed {
    if key == LEGACY_KEY {
        return replay_legacy(backend, key, raw);
    }
    // The version first: a newer build's journal may have any other shape.
    match schema::peek_number(raw, "v") {
        Some(n) if n > VERSION as u64 => return Replayed::Newer(n.min(u32::MAX as u64) as u32),
        Some(_) => {}
        None => return Replayed::Unreadable("no version".into()),
    }
    let stored: Stored = match serde_json::from_str(raw) {
        Ok(j) => j,
        Err(e) => return Replayed::Unreadable(e.to_string()),
    };
    let result = if stored.undo.is_empty() {
        let writes: Vec<Redo> = stored
            .redo
            .into_iter()
            .map(|(key, before, value)| Redo { key, before, value })
            .collect();
        redo(backend, &writes)
    } else {
        let keys: Vec<Undo> = stored
            .undo
            .into_iter()
            .map(|(key, new_rev, old)| Undo { key, old, new_rev })
            .collect();
        undo(backend, &keys)
    };
    finish(backend, key, result)
}

/// A replay that went through removes its journal; one that failed keeps it.
fn finish(backend: &mut dyn Backend, key: &str, result: Result<usize, BackendError>) -> Replayed {
    match result.and_then(|skipped| backend.remove(key).map(|_| skipped)) {
        Ok(skipped) => Replayed::Done { skipped },
        Err(e) => Replayed::Kept(e),
    }
}

/// Completes a commit where its keys are still where it left them.
fn redo(backend: &mut dyn Backend, writes: &[Redo]) -> Result<usize, BackendError> {
    let mut skipped = 0;
    for w in writes.iter().filter(|w| w.key.starts_with(DATA_PREFIX)) {
        let stored = backend.get(&w.key)?;
        if stored == w.value {
            continue; // already written
        }
        if stored_rev(&stored) != w.before {
            skipped += 1; // another tab wrote it since: its value is newer
            continue;
        }
        match &w.value {
            Some(v) => backend.set(&w.key, v)?,
            None => backend.remove(&w.key)?,
        }
    }
    Ok(skipped)
}

/// Rolls a replacement back: removals first (they free space), then the old values.
/// (Also what `Store::replace_all` does itself when a write fails.)
pub(super) fn undo(backend: &mut dyn Backend, keys: &[Undo]) -> Result<usize, BackendError> {
    let mut skipped = 0;
    let mut restore = Vec::new();
    for u in keys.iter().filter(|u| u.key.starts_with(DATA_PREFIX)) {
        let stored = backend.get(&u.key)?;
        if stored == u.old {
            continue;
        }
        let rev = stored_rev(&stored);
        let ours = stored.is_none() || rev == u.new_rev || rev == stored_rev(&u.old);
        if !ours {
            skipped += 1;
            continue;
        }
        match &u.old {
            None => backend.remove(&u.key)?,
            Some(old) => restore.push((&u.key, old)),
        }
    }
    for (k, old) in restore {
        backend.set(k, old)?;
    }
    Ok(skipped)
}

/// The old format: `[[key, value-or-null], ...]`, values carrying their new revision.
fn replay_legacy(backend: &mut dyn Backend, key: &str, raw: &str) -> Replayed {
    let Ok(writes) = serde_json::from_str::<Vec<(String, Option<String>)>>(raw) else {
        return Replayed::Unreadable("unreadable journal".into());
    };
    let writes: Vec<Redo> = writes
        .into_iter()
        .map(|(key, value)| {
            let before = match &value {
                Some(_) => stored_rev(&value).saturating_sub(1),
                // A removal recorded no revision: only a key that is already gone
                // counts as done, anything else is left alone (never lose a value).
                None => u64::MAX,
            };
            Redo { key, before, value }
        })
        .collect();
    let result = redo(backend, &writes);
    finish(backend, key, result)
}

/// Encodes a journal.
pub fn encode(entries: Entries) -> String {
    let mut stored = Stored {
        v: VERSION,
        ..Stored::default()
    };
    match entries {
        Entries::Redo { writes } => {
            stored.redo = writes
                .into_iter()
                .map(|w| (w.key, w.before, w.value))
                .collect()
        }
        Entries::Undo { keys } => {
            stored.undo = keys
                .into_iter()
                .map(|u| (u.key, u.new_rev, u.old))
                .collect()
        }
    }
    serde_json::to_string(&stored).expect("journals serialise")
}
