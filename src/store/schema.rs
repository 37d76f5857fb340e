//! The stored format: `{"schema":6,"rev":N,"data":{...}}` per aggregate, and the
//! migrations from older schema versions.
//!
//! History:
//! * schema 1 (pre-release): identities had no `mail_lang`; mail went out in the
//!   language of the country (Japan: Japanese, elsewhere: English).
//! * schema 2: identities carry `mail_lang`.
//! * schema 3: the lists of sites (users, access requests) and companies (employees,
//!   join requests) are parts of their own (`site/N/users/i`, ...); a schema 2 head
//!   still carries them inline and is read as before (the next save of that site
//!   writes it in parts: see `Store::commit`). Older builds refuse schema 3, so none
//!   of them reads a head without its lists as a site without users.
//! * schema 4: an access or association request may be `Withdrawn` (by its asker) or
//!   `Expired` (nobody decided it within 30 days).
//!   Schema 3 is read as it is; older builds refuse schema 4, so none of them fails on
//!   a state it does not know (they open read-only, as for any newer data).
//! * schema 5: a site user may carry the invitation sent to their address, and a
//!   company the employees it invited (`invite`, `invitations`). Schema 4 is read as it
//!   is (no invitations); older builds refuse schema 5, so none of them drops an
//!   invitation by saving a record it read without it.
//! * schema 6: an audit entry's detail is a list of parts, verbatim ones and words
//!   each reader reads in their own language (`onboard_core::audit::Detail`); it was
//!   one English string. Schema 5 is read as it is (its string shows as recorded);
//!   older builds refuse schema 6, so none of them quarantines an entry it cannot read.
use onboard_core::AggKey;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::borrow::Cow;

pub const SCHEMA: u32 = 6;

pub fn encode(rev: u64, data: &str) -> String {
    // "schema" and "rev" first, so `peek_rev` finds them without parsing the data.
    format!("{{\"schema\":{SCHEMA},\"rev\":{rev},\"data\":{}}}", data)
}

/// The revision of a stored value, read from its head; 0 if it has none.
pub fn peek_rev(raw: &str) -> u64 {
    peek_number(raw, "rev").unwrap_or(0)
}

/// A top-level number field of a stored JSON object (`"rev"`, a journal's `"v"`):
/// read from the first characters where this build writes it, else by parsing.
pub fn peek_number(raw: &str, field: &str) -> Option<u64> {
    let head: String = raw.chars().take(64).collect();
    let label = format!("\"{field}\":");
    if let Some(i) = head.find(&label) {
        let digits: String = head[i + label.len()..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if let Ok(n) = digits.parse() {
            return Some(n);
        }
    }
    serde_json::from_str::<Value>(raw)
        .ok()
        .and_then(|v| v.get(field).and_then(Value::as_u64))
}

/// Why a stored value cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Written by a newer build (this schema): left where it is, never quarantined.
    Newer(u32),
    /// Not a value this or any build wrote (bad JSON, wrong shape): quarantined.
    Bad(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Newer(v) => write!(f, "written by a newer version (schema {v})"),
            DecodeError::Bad(reason) => f.write_str(reason),
        }
    }
}

impl From<&str> for DecodeError {
    fn from(s: &str) -> Self {
        DecodeError::Bad(s.into())
    }
}

#[derive(Deserialize)]
struct Envelope<'a> {
    schema: Option<u64>,
    rev: Option<u64>,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
}

/// Decodes a stored value: (revision, current-schema data as JSON text, whether it
/// was migrated). The data is not parsed here: the state reads it straight from the
/// text (no intermediate `Value`), except when a migration has to edit it.
pub fn decode<'a>(key: &AggKey, raw: &'a str) -> Result<(u64, Cow<'a, str>, bool), DecodeError> {
    let v: Envelope<'a> =
        serde_json::from_str(raw).map_err(|e| DecodeError::Bad(format!("not JSON: {e}")))?;
    let schema = v.schema.ok_or("no schema version")?;
    if schema > SCHEMA as u64 {
        return Err(DecodeError::Newer(schema.min(u32::MAX as u64) as u32));
    }
    let schema = schema as u32;
    let rev = v.rev.ok_or("no revision")?;
    let data = v.data.ok_or("no data")?.get();
    if schema == 0 {
        return Err("schema 0 does not exist".into());
    }
    let migrated = schema < SCHEMA;
    if schema < 2 {
        let value: Value =
            serde_json::from_str(data).map_err(|e| DecodeError::Bad(format!("not JSON: {e}")))?;
        let value = v1_to_v2(key, value).map_err(DecodeError::Bad)?;
        return Ok((rev, Cow::Owned(value.to_string()), migrated));
    }
    Ok((rev, Cow::Borrowed(data), migrated))
}

fn v1_to_v2(key: &AggKey, mut data: Value) -> Result<Value, String> {
    if let AggKey::Identity(_) = key {
        let obj = data.as_object_mut().ok_or("identity is not an object")?;
        if !obj.contains_key("mail_lang") {
            let lang = if obj.get("country").and_then(Value::as_str) == Some("JP") {
                "ja"
            } else {
                "en"
            };
            obj.insert("mail_lang".into(), Value::from(lang));
        }
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peek_rev_reads_the_head_and_falls_back() {
        assert_eq!(peek_rev(&encode(41, r#"{"a":1}"#)), 41);
        assert_eq!(peek_rev(r#"{"data":{"x":"y"},"rev":7,"schema":2}"#), 7);
        assert_eq!(peek_rev("garbage"), 0);
    }

    #[test]
    fn newer_schema_is_refused() {
        let raw = r#"{"schema":99,"rev":1,"data":{}}"#;
        assert_eq!(
            decode(&AggKey::Office, raw).unwrap_err(),
            DecodeError::Newer(99)
        );
        let bad = r#"{"schema":3,"rev":1}"#;
        assert!(matches!(
            decode(&AggKey::Office, bad),
            Err(DecodeError::Bad(_))
        ));
    }
}
