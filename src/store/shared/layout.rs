//! Where each aggregate lives on a Kinto server, and who may read and write it.
//!
//! One bucket (`onboard`). Permission boundaries are Kinto collections and groups, so
//! the server (not the app) decides who reads and writes what:
//! * `site-<n>`: a site's head and parts; read by the groups `site-<n>-members` and
//!   `site-<n>-managers`, written by the managers (primary and secondaries with Update)
//!   and the office. Each group is written by the managers too: granting access is a
//!   change of membership that needs no operator.
//! * `company-<id>`: likewise with `company-<id>-employees` and `company-<id>-admins`
//!   (PRC and APA).
//! * `applications`, `help`, `audit`: anyone signed in creates records; the office reads
//!   them all, a creator only their own. An audit entry about a site is also read by its
//!   managers' group and its secondaries who may read its history; one about a company,
//!   by its admins' group.
//! * `inbox`: access and association requests; the creator names the deciding group as
//!   the record's readers.
//! * `tokens`: a company's directory entry ([`onboard_core::partner::JoinChoice`]: its
//!   name and locations), readable only by the Kinto account its 16-character token
//!   signs in as (id: a digest of the token; password: the token), written by the
//!   company's admins and the office. Whoever gives the token reads that one entry and
//!   nothing else; nobody lists the collection.
//! * `mail`: nobody lists the collection; each mail is readable by its recipient (and by
//!   its sender, which may be the office).
//! * `people`: a person's profile (never a password, code or hash: those stay in Kinto's
//!   accounts); each person writes their own.
//! * `office`: the program office's settings, read and written by the office group.
//! * `levels`: a company's membership level, one record per company (id: the company's),
//!   written by the office only and read by the company's two groups. The company's
//!   own record carries a level too, which its admins could write; readers take the
//!   level from here ([`super::replica`]), so only the office decides it.
//! * `decisions`: the office's decision on a partner application (documents asked
//!   for, approved, rejected), one record per application (id: its number), written by
//!   the office only and read by its applicant. The applicant writes the application's
//!   own record (Kinto gives its creator `write`), so readers take a decided stage from
//!   here only ([`super::replica`]). One more record, [`DECISIONS_HERE`], is read by
//!   everyone signed in: it tells a browser that this server keeps decisions apart
//!   (Kinto answers 403 alike for a missing collection and for one with nothing the
//!   caller may read).
//!
//! Invariants: [`place`] and [`key_of`] are inverse for every key the core can make, and
//! every collection, group and record id matches Kinto's id pattern.
use onboard_core::site::SiteNumber;
use onboard_core::AggKey;
use serde_json::{json, Value};

pub const BUCKET: &str = "onboard";
pub const OFFICE_GROUP: &str = "office";
/// Companies' directory entries, one per token (see the module's text).
pub const TOKENS: &str = "tokens";
/// Companies' membership levels (see the module's text).
pub const LEVELS: &str = "levels";
/// The office's decisions on applications (see the module's text).
pub const DECISIONS: &str = "decisions";
/// The record of `decisions` that everyone signed in reads (see the module's text).
pub const DECISIONS_HERE: &str = "kept-here";
/// The collections made once by [`provision`] (the site and company ones come and go).
pub const FIXED: [&str; 10] = [
    LEVELS,
    DECISIONS,
    "office",
    "people",
    "applications",
    "help",
    "audit",
    "inbox",
    "mail",
    TOKENS,
];

/// A record on the server: its collection and id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub collection: String,
    pub record: String,
}

impl Place {
    pub fn new(collection: impl Into<String>, record: impl Into<String>) -> Place {
        Place {
            collection: collection.into(),
            record: record.into(),
        }
    }
    /// The record's path below `/v1`.
    pub fn path(&self) -> String {
        format!(
            "/buckets/{BUCKET}/collections/{}/records/{}",
            self.collection, self.record
        )
    }
}

/// Where an aggregate is stored.
pub fn place(key: &AggKey) -> Place {
    match key {
        AggKey::Identity(id) => Place::new("people", id.as_str()),
        AggKey::TokenGuard(id) => Place::new("people", format!("guard-{}", id.as_str())),
        AggKey::Office => Place::new("office", "head"),
        AggKey::Mail(n) => Place::new("mail", format!("m{n}")),
        AggKey::Audit(n) => Place::new("audit", format!("a{n}")),
        AggKey::Help => Place::new("help", "head"),
        AggKey::HelpPart(i) => Place::new("help", format!("requests-{i}")),
        AggKey::Site(n) => Place::new(site_collection(n), "head"),
        AggKey::SiteUsers(n, i) => Place::new(site_collection(n), format!("users-{i}")),
        AggKey::SiteRequests(n, i) => Place::new(site_collection(n), format!("requests-{i}")),
        AggKey::Company(c) => Place::new(company_collection(c), "head"),
        AggKey::CompanyEmployees(c, i) => {
            Place::new(company_collection(c), format!("employees-{i}"))
        }
        AggKey::CompanyRequests(c, i) => Place::new(company_collection(c), format!("requests-{i}")),
        AggKey::Application(n) => Place::new("applications", n.as_str()),
        AggKey::AppFile(n, i) => Place::new("applications", format!("{n}-files-{i}")),
    }
}

/// The aggregate stored at `place`, through the store's own key syntax (so both
/// layouts accept exactly the same keys); `None` for anything this build never writes.
pub fn key_of(place: &Place) -> Option<AggKey> {
    let (c, r) = (place.collection.as_str(), place.record.as_str());
    let part = |r: &str, list: &str| -> Option<String> {
        r.strip_prefix(list)?.strip_prefix('-').map(str::to_string)
    };
    let path = if let Some(n) = c.strip_prefix("site-") {
        match r {
            "head" => format!("site/{n}"),
            _ => part(r, "users")
                .map(|i| format!("site/{n}/users/{i}"))
                .or_else(|| part(r, "requests").map(|i| format!("site/{n}/requests/{i}")))?,
        }
    } else if let Some(id) = c.strip_prefix("company-") {
        match r {
            "head" => format!("company/{id}"),
            _ => part(r, "employees")
                .map(|i| format!("company/{id}/employees/{i}"))
                .or_else(|| part(r, "requests").map(|i| format!("company/{id}/requests/{i}")))?,
        }
    } else {
        match (c, r) {
            ("office", "head") => "office".into(),
            ("help", "head") => "help".into(),
            ("help", _) => format!("help/requests/{}", part(r, "requests")?),
            ("people", _) => match r.strip_prefix("guard-") {
                Some(id) => format!("tokenguard/{id}"),
                None => format!("id/{r}"),
            },
            ("mail", _) => format!("mail/{}", r.strip_prefix('m')?),
            ("audit", _) => format!("audit/{}", r.strip_prefix('a')?),
            ("applications", _) => match r.split_once("-files-") {
                Some((n, i)) => format!("application/{n}/files/{i}"),
                None => format!("application/{r}"),
            },
            _ => return None,
        }
    };
    // Only a key that writes back to the same place is this build's (no `m01` for `m1`).
    super::super::keys::parse(&path).filter(|k| &self::place(k) == place)
}

pub fn site_collection(n: &SiteNumber) -> String {
    format!("site-{}", n.as_str())
}
pub fn company_collection(id: &str) -> String {
    format!("company-{id}")
}

/// A person's principal: their Kinto account (the email is the account id).
pub fn account(email: &str) -> String {
    format!("account:{email}")
}
/// A group's principal.
pub fn group(name: &str) -> String {
    format!("/buckets/{BUCKET}/groups/{name}")
}

/// Whether Kinto accepts `id` for a bucket, collection, group or record.
pub fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// One request to the server, as data (the transport adds the host and credentials).
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub method: &'static str,
    /// Below `/v1`, e.g. `/buckets/onboard`.
    pub path: String,
    pub body: Option<Value>,
    /// `If-None-Match: *`: create only if absent.
    pub create_only: bool,
    /// `If-Match: "<version>"`: write only over that version.
    pub if_match: Option<u64>,
    /// Who sends it.
    pub credentials: Credentials,
}

/// Who sends a request: the signed-in account (the usual), nobody, or another account.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Credentials {
    #[default]
    Session,
    Anonymous,
    /// An account and its password (a company token's account).
    Account(String, String),
}

impl Request {
    fn new(method: &'static str, path: String, body: Option<Value>) -> Request {
        Request {
            method,
            path,
            body,
            create_only: false,
            if_match: None,
            credentials: Credentials::Session,
        }
    }
    pub fn put(path: String, body: Value) -> Request {
        Request::new("PUT", path, Some(body))
    }
    pub fn patch(path: String, body: Value) -> Request {
        Request::new("PATCH", path, Some(body))
    }
    pub fn delete(path: String) -> Request {
        Request::new("DELETE", path, None)
    }
    pub fn get(path: String) -> Request {
        Request::new("GET", path, None)
    }
    /// Only if nothing is there yet.
    pub fn only_if_absent(self) -> Request {
        Request {
            create_only: true,
            ..self
        }
    }
    /// Sent as `credentials` instead of the signed-in account.
    pub fn sent_as(self, credentials: Credentials) -> Request {
        Request {
            credentials,
            ..self
        }
    }
    /// Only over this version (else 412 with the current record).
    pub fn only_over(self, version: u64) -> Request {
        Request {
            if_match: Some(version),
            ..self
        }
    }
    /// The request as kept in the browser's storage (one sent as the signed-in
    /// account: no password is ever kept).
    pub fn to_kept(&self) -> Option<Value> {
        (self.credentials == Credentials::Session).then(|| {
            serde_json::json!({"method": self.method, "path": self.path, "body": self.body,
                "create_only": self.create_only, "if_match": self.if_match})
        })
    }
    /// A request [`Self::to_kept`] kept; `None` for anything else.
    pub fn from_kept(kept: &Value) -> Option<Request> {
        let method = ["PUT", "PATCH", "DELETE", "GET", "POST"]
            .into_iter()
            .find(|m| kept["method"] == *m)?;
        Some(Request {
            method,
            path: kept["path"].as_str()?.to_string(),
            body: Some(kept["body"].clone()).filter(|b| !b.is_null()),
            create_only: kept["create_only"].as_bool()?,
            if_match: kept["if_match"].as_u64(),
            credentials: Credentials::Session,
        })
    }
}

/// Kinto's limit of requests in one batch (`batch_max_requests`, 25 by default).
pub const BATCH_MAX: usize = 25;

/// One `POST /batch` carrying `requests` (each with its own conditions), which Kinto
/// runs in order, each on its own: one failing does not stop or undo the others.
pub fn batch<'r>(requests: impl IntoIterator<Item = &'r Request>) -> Request {
    let requests: Vec<Value> = requests
        .into_iter()
        .map(|r| {
            let mut headers = serde_json::Map::new();
            if r.create_only {
                headers.insert("If-None-Match".into(), json!("*"));
            }
            if let Some(v) = r.if_match {
                headers.insert("If-Match".into(), json!(format!("\"{v}\"")));
            }
            let mut one = json!({"method": r.method, "path": r.path, "headers": headers});
            if let Some(body) = &r.body {
                one["body"] = body.clone();
            }
            one
        })
        .collect();
    Request::new(
        "POST",
        "/batch".into(),
        Some(json!({ "requests": requests })),
    )
}

/// The status and body of each request of a batch's answer, in order.
pub fn batch_answers(body: &Value) -> Option<Vec<(u16, Value)>> {
    body["responses"]
        .as_array()?
        .iter()
        .map(|r| {
            Some((
                u16::try_from(r["status"].as_u64()?).ok()?,
                r["body"].clone(),
            ))
        })
        .collect()
}

/// How long to wait before each new try of a write Kinto answered "please retry"
/// ([`retry_later`]), in ms: five more tries over about 4 s, then the failure stands.
pub const RETRY_MS: [u32; 5] = [50, 150, 400, 1_000, 2_000];

/// Whether a write's answer says it was rolled back and may simply be sent again:
/// Kinto answers 409 ("Integrity constraint violated, please retry") when concurrent
/// transactions collide (writes to different records of one collection do, now and
/// then, at repeatable read) and 503 when its database is busy or unreachable. A
/// batch is rolled back whole on either, and also when one of its requests answers
/// 409 (Kinto aborts the transaction of the requests before it, though their answers
/// say they were taken).
pub fn retry_later(status: u16, body: &Value, batch: bool) -> bool {
    matches!(status, 409 | 503)
        || (batch
            && status == 200
            && batch_answers(body).is_some_and(|a| a.iter().any(|(s, _)| *s == 409)))
}

fn put(path: String, body: Value) -> Request {
    Request::put(path, body)
}

/// Everything a new server needs, sent by the operator (who may create buckets): the
/// bucket (the office may create groups and collections in it), the `office` group and
/// the fixed collections with their permissions. Each is made only if absent, so
/// sending it again changes nothing (and keeps operators added since).
pub fn provision(operator_email: &str) -> Vec<Request> {
    let office = group(OFFICE_GROUP);
    let everyone_signed_in = "system.Authenticated";
    let mut out = vec![
        put(
            format!("/buckets/{BUCKET}"),
            json!({"data": {}, "permissions": {"write": [office, account(operator_email)]}}),
        ),
        put(
            format!("/buckets/{BUCKET}/groups/{OFFICE_GROUP}"),
            json!({"data": {"members": [account(operator_email)]}}),
        ),
    ];
    for name in FIXED {
        let permissions = match name {
            // Only the office reads or writes.
            "office" => json!({"read": [office], "write": [office]}),
            // The office writes (the bucket's writers); a record names its readers.
            LEVELS | DECISIONS => json!({"read": [office]}),
            // Anyone signed in creates records; the creator writes theirs (Kinto gives
            // it), the office reads all.
            "people" | "applications" | "help" | "audit" => json!({
                "read": [office],
                "record:create": [everyone_signed_in],
            }),
            // Only a record's own readers (set by its creator) read it.
            _ => json!({"record:create": [everyone_signed_in]}),
        };
        out.push(put(
            format!("/buckets/{BUCKET}/collections/{name}"),
            json!({"data": {}, "permissions": permissions}),
        ));
    }
    out.push(put(
        decision_place(DECISIONS_HERE).path(),
        json!({"data": {}, "permissions": {"read": [everyone_signed_in]}}),
    ));
    for r in &mut out {
        r.create_only = true;
    }
    out
}

/// Where a company's membership level is kept.
pub fn level_place(company: &str) -> Place {
    Place::new(LEVELS, company)
}

/// Where the office's decision on application `number` is kept.
pub fn decision_place(number: &str) -> Place {
    Place::new(DECISIONS, number)
}

/// The groups a site or company is guarded by: (readers, writers).
pub fn site_groups(n: &SiteNumber) -> (String, String) {
    let c = site_collection(n);
    (format!("{c}-members"), format!("{c}-managers"))
}
pub fn company_groups(id: &str) -> (String, String) {
    let c = company_collection(id);
    (format!("{c}-employees"), format!("{c}-admins"))
}

/// A guarded space (a site or a company): its two groups and its collection, made by
/// the office. `members` read; `managers` read, write and change both groups.
pub fn space(
    collection: &str,
    (readers, writers): (String, String),
    members: &[&str],
    managers: &[&str],
) -> Vec<Request> {
    let office = group(OFFICE_GROUP);
    let principals = |emails: &[&str]| emails.iter().map(|e| account(e)).collect::<Vec<_>>();
    let group_permissions = json!({"write": [group(&writers), office]});
    vec![
        put(
            format!("/buckets/{BUCKET}/groups/{writers}"),
            json!({"data": {"members": principals(managers)}, "permissions": group_permissions}),
        ),
        put(
            format!("/buckets/{BUCKET}/groups/{readers}"),
            json!({"data": {"members": principals(members)}, "permissions": group_permissions}),
        ),
        put(
            format!("/buckets/{BUCKET}/collections/{collection}"),
            json!({"data": {}, "permissions": {
                "read": [group(&readers), group(&writers), office],
                "write": [group(&writers), office],
            }}),
        ),
    ]
}

/// Whether a server keeps a change feed the office's browser can poll instead of every
/// collection: Kinto's history plugin (`kinto.plugins.history`, named in the
/// `capabilities` of `hello`, the answer to `GET /`). The office reads the whole bucket,
/// so every entry; anyone else reads their few collections (Kinto would filter the
/// feed for them entry by entry, a cost growing with every change ever made).
pub fn has_feed(hello: &Value) -> bool {
    hello["capabilities"].get("history").is_some()
}

/// The newest entry of the feed (one page of one entry, of any kind: its time is the
/// bucket's history's): where a load starts following it, asked before the
/// collections are read. Without a filter on the entries' fields: Kinto counts what a
/// listing matches, and a field filter scans every entry (440 ms at 300,000 entries,
/// against 6 ms without).
pub fn feed_start() -> Request {
    Request::get(format!("/buckets/{BUCKET}/history?_limit=1"))
}

/// How far back each read of what changed reaches before the newest stamp seen (ms of
/// the server's clock). Kinto's trigger stamps a row with the clock when it is written
/// and the request commits later, so a change stamped earlier can commit after one
/// stamped later that a poll has already read: from the later stamp, `_since` would
/// skip the earlier change for good. Every poll reads back over this window (far
/// longer than a request takes from its write to its commit); a record or entry read
/// again is taken in once (a version already held changes nothing).
pub const COMMIT_WINDOW_MS: u64 = 5_000;

/// The feed's entries about records since `newest` (the newest entry seen), reaching
/// back [`COMMIT_WINDOW_MS`].
pub fn feed_since(newest: u64) -> Request {
    Request::get(format!(
        "/buckets/{BUCKET}/history?resource_name=record&_since={}",
        newest.saturating_sub(COMMIT_WINDOW_MS)
    ))
}

/// A poll's read of collection `c`, whose newest record read so far is `newest`: what
/// changed since, reaching back [`COMMIT_WINDOW_MS`]; the whole collection the first
/// time, and the inbox always (see `Replica::inbox_listing`).
pub fn poll_read(c: &str, newest: Option<u64>) -> Request {
    let records = format!("/buckets/{BUCKET}/collections/{c}/records");
    Request::get(match newest {
        Some(v) if c != "inbox" => {
            format!("{records}?_since={}", v.saturating_sub(COMMIT_WINDOW_MS))
        }
        _ => records,
    })
}

/// How often a visible tab reads what others changed (ms): a change should reach
/// another screen within 2 s (issue 15).
pub const POLL_MS: u32 = 1_000;

/// How often a hidden tab reads what others changed (ms). Nobody sees its screen; it
/// reads again the moment it is shown, so a screen shown is never more than one read
/// behind. Most open tabs are hidden ones: this is most of a server's polling.
pub const HIDDEN_POLL_MS: u32 = 15_000;

/// How long a read waits for the server's answer to begin (ms) before it counts as
/// "server unreachable": a request into a network that went away (a laptop moved to
/// another network, a half-open connection) gets no answer and no error for minutes.
/// Kinto answers a read at once, and a large listing in a second or two; the body is
/// not timed, so a slow network can take its time over it. Writes are never cut
/// short: whether the server took one is known only from its answer.
pub const READ_WAIT_MS: u32 = 15_000;

/// Whether a tick of the poll timer reads the server, `since_last_ms` after the last
/// read (a poll, or the load) began: always in a visible tab or while changes wait to be sent, otherwise
/// every [`HIDDEN_POLL_MS`] (less a tick's slack: timers fire late).
pub fn poll_due(hidden: bool, waiting: bool, since_last_ms: f64) -> bool {
    !hidden || waiting || since_last_ms + f64::from(POLL_MS) / 2.0 >= f64::from(HIDDEN_POLL_MS)
}

/// The feed's entries telling that an audit entry's record was changed or deleted
/// after it was written (the app writes each entry once, only if absent; its creator
/// keeps Kinto's `write` on it, so only a call to the API by hand changes one). Those
/// about the collection itself are left out by the reader ([`super::replica::tampering`]).
/// A scan of the bucket's history: 220 ms at 300,000 entries, once per office load.
pub fn audit_changes() -> Request {
    Request::get(format!(
        "/buckets/{BUCKET}/history?collection_id=audit&in_action=update,delete"
    ))
}

/// The feed's entries of these audit entries (their record ids, in any order, maybe
/// repeated) as first written, a request per 40.
pub fn audit_as_written(records: impl IntoIterator<Item = String>) -> Vec<Request> {
    let records: Vec<String> = records
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    records
        .chunks(40)
        .map(|ids| {
            Request::get(format!(
                "/buckets/{BUCKET}/history?collection_id=audit&action=create&in_record_id={}",
                ids.join(",")
            ))
        })
        .collect()
}

/// The request for the next page of a listing, if its answer names one. Kinto answers
/// a listing with at most `paginate_by` records (a host's setting; otherwise
/// `storage_max_fetch_size`, 10,000 by default), newest first, and names the rest in
/// its `Next-Page` header: a whole URL as the server sees itself (behind a proxy, maybe
/// another scheme or host than the app's), so only its query is taken (the filters
/// asked, `_limit` and the page's `_token`), on the path asked. `None` when the header
/// is absent or names no further page, or names the very page just read.
///
/// Invariant: a listing is read to its last page or not at all (an engine that took the
/// first page alone would miss the oldest records, and a poll would never ask for them
/// again: it asks only for what is newer than the newest it saw).
pub fn next_page(asked: &str, header: Option<&str>) -> Option<String> {
    let (_, query) = header?.trim().split_once('?')?;
    if !query.split('&').any(|p| p.starts_with("_token=")) {
        return None;
    }
    let path = asked.split_once('?').map_or(asked, |(p, _)| p);
    let next = format!("{path}?{query}");
    (next != asked).then_some(next)
}

/// A further page's records (`page`) added to a listing's (`into`).
pub fn add_page(into: &mut Value, page: Value) {
    let Value::Array(more) = page["data"].clone() else {
        return;
    };
    match into["data"].as_array_mut() {
        Some(data) => data.extend(more),
        None => into["data"] = Value::Array(more),
    }
}

/// Standard base64 (HTTP Basic credentials are the UTF-8 bytes of `id:password`).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Self sign-up: a Kinto account with the email as its id (only if none exists).
pub fn sign_up(email: &str, password: &str) -> Request {
    Request::put(
        format!("/accounts/{email}"),
        json!({"data": {"password": password}}),
    )
    .only_if_absent()
}

/// The signed-in account's new password, sent with its current credentials (an
/// account may change its own record only).
pub fn new_password(email: &str, password: &str) -> Request {
    Request::patch(
        format!("/accounts/{email}"),
        json!({"data": {"password": password}}),
    )
}

/// The id of the Kinto account a company token signs in as, whose password is the
/// token itself (Kinto keeps it hashed). The id is a digest of the token, so a list of
/// accounts, or a log, shows no token.
pub fn token_account(token: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("onboard company token {token}").as_bytes());
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("token-{hex}")
}

/// Where a company's directory entry for `token` lives.
pub fn directory_place(token: &str) -> Place {
    Place::new(TOKENS, token_account(token))
}

/// The token's account, made by nobody in particular (Kinto lets anyone make an
/// account; an account-holder only their own), only if absent.
pub fn token_account_made(token: &str) -> Request {
    Request::put(
        format!("/accounts/{}", token_account(token)),
        json!({"data": {"password": token}}),
    )
    .only_if_absent()
    .sent_as(Credentials::Anonymous)
}

/// The token's account removed (a token replaced), by that account itself.
pub fn token_account_removed(token: &str) -> Request {
    let id = token_account(token);
    Request::delete(format!("/accounts/{id}")).sent_as(Credentials::Account(id, token.into()))
}

/// The directory entry `token` opens, read as the token's account (401: no such token).
pub fn directory_lookup(token: &str) -> Request {
    Request::get(directory_place(token).path())
        .sent_as(Credentials::Account(token_account(token), token.into()))
}

/// A company's directory entry for `token` (`entry`: its `JoinChoice`): readable by the
/// token's account, written by the company's admins and the office.
pub fn directory_entry(token: &str, company: &str, entry: Value) -> Request {
    let id = token_account(token);
    let (_, admins) = company_groups(company);
    Request::put(
        directory_place(token).path(),
        json!({
            "data": {"schema": crate::store::SCHEMA, "entry": entry},
            "permissions": {
                "read": [account(&id)],
                "write": [group(&admins), group(OFFICE_GROUP)],
            },
        }),
    )
}

/// A record of a guarded collection (inbox, mail) readable by exactly `readers`.
pub fn record_for(place: &Place, data: Value, readers: &[String]) -> Request {
    Request::put(
        place.path(),
        json!({"data": data, "permissions": {"read": readers}}),
    )
    .only_if_absent()
}

#[cfg(test)]
mod tests {
    use super::*;
    use onboard_core::identity::IdentityId;

    #[test]
    fn a_write_rolled_back_by_kinto_is_sent_again() {
        let empty = json!({});
        assert!(retry_later(409, &empty, false));
        assert!(retry_later(503, &empty, true));
        assert!(!retry_later(412, &empty, false));
        assert!(
            !retry_later(502, &empty, false),
            "a proxy's: it may have been taken"
        );
        let answers = |statuses: &[u16]| {
            json!({"responses": statuses.iter()
                .map(|s| json!({"status": s, "body": {}})).collect::<Vec<_>>()})
        };
        assert!(retry_later(200, &answers(&[201, 409, 201]), true));
        assert!(!retry_later(200, &answers(&[201, 412, 201]), true));
        assert!(!retry_later(200, &answers(&[201, 409]), false));
        let waited: u32 = RETRY_MS.iter().sum();
        assert!((3_000..=5_000).contains(&waited), "{waited}");
    }

    #[test]
    fn a_hidden_tab_reads_the_server_every_fifteen_seconds_unless_changes_wait() {
        // Visible: every tick.
        assert!(poll_due(false, false, 0.0));
        // Hidden: not before 15 s (a tick that fires a little early still counts).
        assert!(!poll_due(true, false, 1_000.0));
        assert!(!poll_due(true, false, 14_000.0));
        assert!(poll_due(true, false, 14_600.0));
        assert!(poll_due(true, false, 15_000.0));
        // Never read yet, or changes waiting to be sent: at once.
        assert!(poll_due(true, false, f64::INFINITY));
        assert!(poll_due(true, true, 1_000.0));
    }

    #[test]
    fn a_listing_is_followed_to_its_last_page_on_the_path_asked() {
        let asked = "/buckets/onboard/collections/mail/records?_since=17";
        // The server's own URL (a proxy's scheme and host may differ from the app's).
        let header = "http://10.0.0.5:8888/v1/buckets/onboard/collections/mail/records\
                      ?_since=17&_limit=2&_token=eyJvZmZzZXQiOjJ9%3D";
        assert_eq!(
            next_page(asked, Some(header)).as_deref(),
            Some("/buckets/onboard/collections/mail/records?_since=17&_limit=2&_token=eyJvZmZzZXQiOjJ9%3D")
        );
        // No header, no page named, or the page just read: no further request.
        assert_eq!(next_page(asked, None), None);
        assert_eq!(next_page(asked, Some("")), None);
        assert_eq!(next_page(asked, Some("http://h/v1/x?_since=17")), None);
        let same = next_page(asked, Some(header)).unwrap();
        assert_eq!(next_page(&same, Some(header)), None);

        let mut listing = json!({"data": [{"id": "a"}]});
        add_page(&mut listing, json!({"data": [{"id": "b"}, {"id": "c"}]}));
        add_page(&mut listing, json!({"error": "not a page"}));
        assert_eq!(
            listing,
            json!({"data": [{"id": "a"}, {"id": "b"}, {"id": "c"}]})
        );
        let mut refused = Value::Null;
        add_page(&mut refused, json!({"data": [{"id": "d"}]}));
        assert_eq!(refused, json!({"data": [{"id": "d"}]}));
    }

    fn sample_keys() -> Vec<AggKey> {
        let site = SiteNumber::parse("1234567").unwrap();
        let id = IdentityId::parse("u0123456789abcdef").unwrap();
        let company = "c0123456789ab".to_string();
        let app = "PW000000001".to_string();
        vec![
            AggKey::Identity(id.clone()),
            AggKey::TokenGuard(id),
            AggKey::Office,
            AggKey::Mail(0),
            AggKey::Mail(123_456_789),
            AggKey::Audit(7),
            AggKey::Help,
            AggKey::HelpPart(3),
            AggKey::Site(site.clone()),
            AggKey::SiteUsers(site.clone(), 0),
            AggKey::SiteRequests(site, 12),
            AggKey::Company(company.clone()),
            AggKey::CompanyEmployees(company.clone(), 1),
            AggKey::CompanyRequests(company, 2),
            AggKey::Application(app.clone()),
            AggKey::AppFile(app, 4),
        ]
    }

    #[test]
    fn base64_matches_the_rfc_examples() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }

    #[test]
    fn every_key_has_one_place_and_reads_back() {
        let keys = sample_keys();
        let mut places: Vec<Place> = keys.iter().map(place).collect();
        for (k, p) in keys.iter().zip(&places) {
            assert!(valid_id(&p.collection) && valid_id(&p.record), "{p:?}");
            assert_eq!(key_of(p).as_ref(), Some(k), "{p:?}");
        }
        places.sort();
        places.dedup();
        assert_eq!(places.len(), keys.len(), "two keys share a record");
    }

    /// A poll reads a collection whole the first time and the inbox always; otherwise
    /// from the newest stamp read, less the window in which a change stamped earlier
    /// may still be committing.
    #[test]
    fn a_poll_reads_back_over_the_commit_window() {
        let records = "/buckets/onboard/collections/site-1234567/records";
        assert_eq!(poll_read("site-1234567", None).path, records);
        assert_eq!(
            poll_read("site-1234567", Some(1_700_000_012_345)).path,
            format!("{records}?_since=1700000007345")
        );
        assert_eq!(
            poll_read("site-1234567", Some(1_000)).path,
            format!("{records}?_since=0")
        );
        assert_eq!(
            poll_read("inbox", Some(1_700_000_012_345)).path,
            "/buckets/onboard/collections/inbox/records"
        );
        assert!(feed_since(1_700_000_012_345)
            .path
            .ends_with("&_since=1700000007345"));
    }

    #[test]
    fn foreign_records_are_not_taken_for_data() {
        for (c, r) in [
            ("mail", "m01"),
            ("mail", "x1"),
            ("site-1234567", "users-x"),
            ("site-123", "head"),
            ("company-c0123456789ab", "owners-1"),
            ("applications", "PW1-files-0"),
            ("people", "guard-"),
            ("elsewhere", "head"),
            ("help", "requests-"),
        ] {
            assert_eq!(key_of(&Place::new(c, r)), None, "{c}/{r}");
        }
    }

    #[test]
    fn provisioning_names_only_valid_ids_and_guards_every_collection() {
        let reqs = provision("office@example.com");
        assert_eq!(reqs.len(), 2 + FIXED.len() + 1);
        for r in &reqs {
            let last = r.path.rsplit('/').next().unwrap();
            assert!(valid_id(last), "{}", r.path);
            let perms = &r.body.as_ref().unwrap()["permissions"];
            if r.path.contains("/records/") {
                // The one record: it says only that decisions are kept apart.
                assert_eq!(r.path, decision_place(DECISIONS_HERE).path());
                assert_eq!(r.body.as_ref().unwrap()["data"], json!({}));
            } else if r.path.contains("/collections/") {
                // Nobody but the office and a record's own readers may list anything.
                let read = perms["read"].as_array().cloned().unwrap_or_default();
                assert!(
                    read.iter().all(|p| p == &json!(group(OFFICE_GROUP))),
                    "{}",
                    r.path
                );
                assert!(perms.get("write").is_none() || r.path.ends_with("/office"));
            }
        }
        let site = SiteNumber::parse("1234567").unwrap();
        let space = space(
            &site_collection(&site),
            site_groups(&site),
            &["member@example.com"],
            &["primary@example.com"],
        );
        let collection = space[2].body.as_ref().unwrap();
        assert_eq!(
            collection["permissions"]["write"],
            json!([group("site-1234567-managers"), group(OFFICE_GROUP)])
        );
        assert!(space
            .iter()
            .all(|r| valid_id(r.path.rsplit('/').next().unwrap())));
    }
}
