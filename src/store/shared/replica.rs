//! A browser's replica of what it may read on a shared server, and the writes a
//! command's outcome makes there (pure: records in, requests out; any transport sends
//! them).
//!
//! * An aggregate is one record (`{"schema": N, "value": ...}`), written only over the
//!   version this replica read (`If-Match`), or only if absent (`If-None-Match: *`):
//!   a write never overwrites another browser's change unseen.
//! * Mail and audit are kept as one record per entry (never as the local store's
//!   chunks), each readable by exactly its readers: a mail by its recipient (and whoever
//!   sent it), an audit entry by the office. Their numbers are
//!   this replica's own (by time, then record id), so two browsers never fight over a
//!   number.
//! * An ID is kept without any secret ([`onboard_core::identity::Identity::for_server`]).
//! * A site's collection and groups follow the site: enrolling one makes its space, and
//!   every change of its contacts or users sets who is in its `members` and `managers`
//!   groups (the server's guard for reading and writing it).
//! * A company's membership level is read from its record in `levels` (the office's
//!   alone to write), whatever the company's own record says; a company that has none
//!   there (made before levels had their own records) keeps its record's until the
//!   office's browser, publishing, writes that level to `levels`.
//! * A partner application's decided stage (documents asked for, approved, rejected) is
//!   read from its record in `decisions` (the office's alone to write), whatever the
//!   application's own record (its applicant's to write) says: without a decision there
//!   it is submitted, and a decision stands until the applicant's record answers a
//!   request for documents later. A server without `decisions` (set up by an earlier
//!   build) keeps the record's stage, as then.
//! * Order of a command's writes: new spaces, parts, heads, groups, then entries; so a
//!   reader never sees a mail about a change that is not there yet.
use super::layout::{self, account, place, Place, Request};
use crate::store::SCHEMA;
use onboard_core::audit::{AuditChunk, AuditEntry};
use onboard_core::identity::Identity;
use onboard_core::mail::{self, Mail, MailChunk, MailId};
use onboard_core::partner::{AppStatus, Company, JoinChoice, JoinStatus, Membership};
use onboard_core::partner_commands;
use onboard_core::partner_commands::{PartnerCommand, ProfileInput};
use onboard_core::site::{RequestStatus, Site, SiteNumber};
use onboard_core::site_commands;
use onboard_core::text::Email;
use onboard_core::{Actor, AggKey, Command, State, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// A record as a server holds it: where, its version (`last_modified`) and its data
/// (without `id` and `last_modified`).
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub place: Place,
    pub version: u64,
    pub data: Value,
}

impl Record {
    /// A record from a Kinto answer's `data` object (as listed, or as one record).
    pub fn from_kinto(collection: &str, mut data: Value) -> Option<Record> {
        let obj = data.as_object_mut()?;
        let id = obj.remove("id")?.as_str()?.to_string();
        let version = obj.remove("last_modified")?.as_u64()?;
        Some(Record {
            place: Place {
                collection: collection.to_string(),
                record: id,
            },
            version,
            data,
        })
    }
}

/// What a write is for, so its answer can be remembered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An aggregate's record; a part carries the tag of the command that wrote it.
    Record(Place, Option<String>),
    Mail(MailId, Place),
    Audit(u64, Place),
    Group(String, Vec<String>),
    /// A space's group or collection (made once).
    Space,
    /// An access request of the inbox, deleted once decided (its answer does not
    /// matter: another decider may have deleted it first).
    Inbox(Place),
    /// A company's directory entry: (company, token, entry) as written.
    Directory(String, String, Value),
    /// Who besides its owner and the office reads this account's ID, as written.
    Readers(Vec<String>),
    /// Made or removed once, whatever the answer (a token's account).
    Quiet,
    /// A company's membership level: (company, level, record).
    Level(String, Membership, Place),
    /// The office's decision on an application: (number, status, record).
    Decision(String, AppStatus, Place),
}

impl Target {
    /// For a write whose refusal does not undo the command, whether to remember it as
    /// done after answer `status`: an inbox deletion always (another decider may have
    /// deleted it first: either way it is gone), a directory entry or a token's account
    /// only if taken, a level or a decision not at all on a server without `levels` or
    /// `decisions` (provisioned by an earlier build: 404; the fact stays in the company's
    /// or the application's record, as it was then). `None` for every other write.
    pub fn best_effort(&self, status: u16) -> Option<bool> {
        match self {
            Target::Level(..) | Target::Decision(..) if status == 404 => Some(false),
            Target::Inbox(_) => Some(true),
            Target::Directory(..) | Target::Quiet => Some((200..300).contains(&status)),
            Target::Readers(_) => Some(true),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Write {
    pub request: Request,
    pub target: Target,
}

/// How to send a plan's writes: its runs of mail and audit entries (each written on its
/// own, none depending on another, all after what they are about) in batches of at
/// most [`layout::BATCH_MAX`], every other write by itself, in the plan's order.
/// Marking 60 mails read is 3 requests, not 60.
pub fn batches(writes: &[Write]) -> Vec<std::ops::Range<usize>> {
    let entry = |w: &Write| {
        matches!(w.target, Target::Mail(..) | Target::Audit(..))
            && w.request.credentials == layout::Credentials::Session
    };
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, w) in writes.iter().enumerate() {
        match out.last_mut() {
            Some(run)
                if entry(w)
                    && entry(&writes[run.start])
                    && run.end == i
                    && run.len() < layout::BATCH_MAX =>
            {
                run.end = i + 1
            }
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// The writes of a plan from `from` on, when every one of them is a new mail or audit
/// entry (made only if absent, the last writes of a plan): what a command written up to
/// `from` still lacks, safe to send again later (an entry already there as sent is
/// taken, see [`answer`]). `None` when any other write is among them, or none is.
pub fn leftover(writes: &[Write], from: usize) -> Option<&[Write]> {
    let rest = writes.get(from..).filter(|r| !r.is_empty())?;
    rest.iter()
        .all(|w| {
            matches!(w.target, Target::Mail(..) | Target::Audit(..))
                && w.request.create_only
                && w.request.credentials == layout::Credentials::Session
        })
        .then_some(rest)
}

/// Why a record was left out of the replica.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub place: Place,
    pub reason: String,
}

#[derive(Clone, Debug, Default)]
pub struct Replica {
    /// The version of every aggregate record this replica read or wrote.
    versions: BTreeMap<Place, u64>,
    /// Entries already on the server, by this replica's number.
    mail: BTreeMap<u64, (Place, u64)>,
    audit: BTreeMap<u64, Place>,
    /// Members this replica last wrote to (or made) each group with.
    groups: BTreeMap<String, Vec<String>>,
    /// Requests of the inbox this account may read: its own (as the asker) or those to
    /// a site or company it writes (as a decider).
    inbox: BTreeMap<Place, (u64, Inbound)>,
    /// The directory entry this replica last wrote for each company: (token, entry).
    directory: BTreeMap<String, (String, Value)>,
    /// Which command (its tag) last wrote each part this replica holds.
    tags: BTreeMap<Place, String>,
    /// What each head names of its parts: part record id -> tag.
    expects: BTreeMap<Place, BTreeMap<String, String>>,
    /// Parts read before the head that names them (a command still writing): taken in
    /// with that head.
    staged: BTreeMap<Place, Record>,
    /// Staged parts this replica met in a refusal of its own write, not in a read:
    /// another browser's command may be writing them now, so they are never written
    /// over (see [`Replica::aggregate_write`]).
    contested: BTreeSet<Place>,
    /// Who this replica last let read its account's ID (see [`Replica::unpublished`]).
    readers: Option<Vec<String>>,
    /// Each company's membership level as `levels` holds it: (version, level).
    levels: BTreeMap<String, (u64, Membership)>,
    /// The office's decision on each application as `decisions` holds it: (version,
    /// status).
    decisions: BTreeMap<String, (u64, AppStatus)>,
    /// Audit entries changed or deleted through the API after they were written, by
    /// their record (the office's browser, from the server's history).
    tampered: BTreeMap<Place, Tampered>,
    /// Whether the server keeps decisions apart (its `decisions` record
    /// [`layout::DECISIONS_HERE`] was listed when this replica loaded); one set up by an
    /// earlier build keeps them in the applications' records, taken as they are.
    decisions_apart: bool,
}

/// An audit entry someone changed or deleted through Kinto's API after it was written,
/// as the server's history tells it: the office's browser shows the entry as first
/// written and says who changed it and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tampered {
    pub place: Place,
    pub deleted: bool,
    /// The account that did it (its email), as the server authenticated it.
    pub by: String,
    /// When (the server's clock, ms since the epoch).
    pub at: u64,
}

/// The changes and deletions of audit entries a listing of the server's history holds
/// (the feed, or [`layout::audit_changes`]).
pub fn tampering(listing: &Value) -> Vec<Tampered> {
    listing["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["resource_name"] == "record" && e["collection_id"] == "audit")
        .filter(|e| e["action"] == "update" || e["action"] == "delete")
        .filter_map(|e| {
            let id = e["record_id"].as_str()?;
            let by = e["user_id"].as_str()?;
            Some(Tampered {
                place: Place::new("audit", id),
                deleted: e["action"] == "delete",
                by: by.strip_prefix("account:").unwrap_or(by).to_string(),
                at: e["last_modified"].as_u64()?,
            })
        })
        .collect()
}

/// Where the server's history stands: the time of the newest entry of a listing of it
/// ([`layout::feed_start`]), 0 if it has none.
pub fn newest_entry(listing: &Value) -> u64 {
    listing["data"][0]["last_modified"].as_u64().unwrap_or(0)
}

/// The records of audit entries as first written, from a listing of their creations in
/// the server's history ([`layout::audit_as_written`]).
pub fn as_written(listing: &Value) -> Vec<Record> {
    listing["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["resource_name"] == "record" && e["collection_id"] == "audit")
        .filter(|e| e["action"] == "create")
        .filter_map(|e| Record::from_kinto("audit", e["target"]["data"].clone()))
        .collect()
}

/// `records` (a load's) with each changed or deleted audit entry as first written,
/// where its creation is known (`written`); one whose creation is not (a history
/// trimmed since) stays as it is now.
pub fn with_audit_as_written(records: &mut Vec<Record>, written: Vec<Record>) {
    for w in written {
        records.retain(|r| r.place != w.place);
        records.push(w);
    }
}

/// An access request from someone who cannot read the site they ask for: a record of
/// the `inbox` that the site's writers read and write (and its creator, Kinto's rule).
/// One of them takes it in (applies `RequestAccess` as the asker, at the time it was
/// asked) and deletes it once it is decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ask {
    pub site: String,
    pub customer: String,
    pub message: String,
    pub at: Timestamp,
    /// The asker's ID as a server keeps it (no secret).
    pub identity: Identity,
    /// When its asker withdrew it (they may write their record): a decider's browser
    /// then applies `WithdrawRequest` as the asker, and the record goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Timestamp>,
}

impl Ask {
    /// The request `PUT`: readable and writable by the site's writers (the managers'
    /// group) and the office (named, as Kinto shows a record's permissions only to the
    /// principals it names); Kinto adds its creator as a writer, which is how a decider
    /// knows who asked.
    pub fn request(&self, nonce: &str) -> Option<(Place, Request)> {
        let n = SiteNumber::parse(&self.site).ok()?;
        let (_, managers) = layout::site_groups(&n);
        inbox_record(
            format!("a{}{nonce}", n.as_str()),
            "ask",
            self,
            Some(&managers),
        )
    }
}

/// A request to join a company (by its token) from someone who cannot read it: a record
/// of the `inbox` that the company's admins' group and the office read and write (and
/// its creator). One of them takes it in (applies `Join` as the asker, at the time they
/// asked); the record is deleted once the request is decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JoinAsk {
    pub company: String,
    /// The company's name as its directory entry showed it (for the asker's pages).
    pub name: String,
    pub token: String,
    pub location: u32,
    pub profile: ProfileInput,
    pub at: Timestamp,
    /// The asker's ID as a server keeps it (no secret).
    pub identity: Identity,
    /// When its asker withdrew it (as [`Ask::withdrawn`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Timestamp>,
}

impl JoinAsk {
    /// The request `PUT`, as [`Ask::request`] for the company's admins.
    pub fn request(&self, nonce: &str) -> Option<(Place, Request)> {
        let (_, admins) = layout::company_groups(&self.company);
        inbox_record(
            format!("j{}{nonce}", self.company),
            "join",
            self,
            Some(&admins),
        )
    }
}

/// A help request to eCustomer Care: the help desk (its counter of references and its
/// list) is the office's alone, so the request goes to the inbox for the office; the
/// office's browser takes it in (applies `Help` as the asker, at the time asked: the
/// reference and the mail come from there) and deletes it. Someone signed out gives a
/// name and an address instead of an ID, as in local mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpAsk {
    pub subject: String,
    pub site: String,
    pub description: String,
    pub at: Timestamp,
    /// The asker's ID as a server keeps it (no secret); `None` from someone signed out.
    pub identity: Option<Identity>,
    /// As typed by someone signed out (empty otherwise).
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    /// The language of the reply to someone signed out (the page's as they asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail_lang: Option<onboard_core::i18n::Lang>,
}

impl HelpAsk {
    /// The address its reply goes to.
    fn reply_to(&self) -> Option<Email> {
        match &self.identity {
            Some(i) => Some(i.email().clone()),
            None => Email::parse(&self.email).ok(),
        }
    }

    /// The request `PUT`, readable and writable by the office (and its creator).
    pub fn request(&self, nonce: &str) -> Option<(Place, Request)> {
        inbox_record(format!("h{nonce}"), "help", self, None)
    }
}

/// A change a company's plain employee makes to their own entry (`UpdateMyProfile` or
/// `ConfirmProfile`): the company is written by its APAs and PRCs only, so the change
/// goes to the company's inbox; an administrator's (or the office's) browser applies it
/// as the employee, at the time made, and deletes it. A newer change wins: one made
/// before the entry was last confirmed is dropped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnAsk {
    pub company: String,
    pub command: PartnerCommand,
    pub at: Timestamp,
    /// The employee's ID as a server keeps it (no secret).
    pub identity: Identity,
}

impl OwnAsk {
    /// The request `PUT`, as [`JoinAsk::request`].
    pub fn request(&self, nonce: &str) -> Option<(Place, Request)> {
        let (_, admins) = layout::company_groups(&self.company);
        inbox_record(
            format!("o{}{nonce}", self.company),
            "own",
            self,
            Some(&admins),
        )
    }
}

/// Whether the company holds `o` already: the employee's entry was confirmed (as
/// applying `o` does) at or after the time it was made.
fn own_taken(state: &State, o: &OwnAsk) -> bool {
    state
        .company(&o.company)
        .and_then(|c| c.employee(o.identity.id()))
        .is_some_and(|e| e.confirmed >= o.at)
}

/// A new record `id` of the inbox holding `value` under `key`, read and written by the
/// `deciders` group (if any) and the office, and (Kinto's rule) its creator; `None` for
/// an id Kinto would refuse.
fn inbox_record(
    id: String,
    key: &str,
    value: &impl Serialize,
    deciders: Option<&str>,
) -> Option<(Place, Request)> {
    let place = Place::new("inbox", id);
    if !layout::valid_id(&place.record) {
        return None;
    }
    let writers: Vec<String> = deciders
        .into_iter()
        .chain([layout::OFFICE_GROUP])
        .map(layout::group)
        .collect();
    let body = json!({
        "data": {"schema": SCHEMA, key: value},
        "permissions": {"write": writers},
    });
    Some((
        place.clone(),
        Request::put(place.path(), body).only_if_absent(),
    ))
}

/// A request of the inbox: for access to a site, to join a company, for help, or an
/// employee's change to their own entry.
#[derive(Clone, Debug, PartialEq)]
pub enum Inbound {
    Access(Ask),
    Join(JoinAsk),
    Help(HelpAsk),
    Own(OwnAsk),
}

/// The signed-in person `me` who asks (an ID with a verified address), or `NotSignedIn`.
fn asker<'s>(state: &'s State, me: &Email) -> Result<&'s Identity, onboard_core::DomainError> {
    state
        .identity_by_email(me)
        .filter(|i| i.is_verified())
        .ok_or(onboard_core::DomainError::NotSignedIn)
}

/// Whether the help desk holds `h` already (the office took it in).
fn help_taken(state: &State, h: &HelpAsk) -> bool {
    let to = h.reply_to();
    state
        .help_desk()
        .requests()
        .any(|r| Some(&r.email) == to.as_ref() && r.at == h.at)
}

impl Inbound {
    fn of(data: &Value) -> Result<Inbound, String> {
        let read = match (data.get("join"), data.get("help"), data.get("own")) {
            (Some(j), _, _) => serde_json::from_value(j.clone()).map(Inbound::Join),
            (_, Some(h), _) => serde_json::from_value(h.clone()).map(Inbound::Help),
            (_, _, Some(o)) => serde_json::from_value(o.clone()).map(Inbound::Own),
            _ => serde_json::from_value(data["ask"].clone()).map(Inbound::Access),
        };
        read.map_err(|e| e.to_string())
    }
    /// Who asked (`None`: someone signed out).
    fn identity(&self) -> Option<&Identity> {
        match self {
            Inbound::Access(a) => Some(&a.identity),
            Inbound::Join(j) => Some(&j.identity),
            Inbound::Help(h) => h.identity.as_ref(),
            Inbound::Own(o) => Some(&o.identity),
        }
    }
    /// When the asker acted: withdrew it, else asked.
    fn at(&self) -> Timestamp {
        match self {
            Inbound::Access(a) => a.withdrawn.unwrap_or(a.at),
            Inbound::Join(j) => j.withdrawn.unwrap_or(j.at),
            Inbound::Help(h) => h.at,
            Inbound::Own(o) => o.at,
        }
    }
}

/// What became of a join request once taken in: `None` not taken in yet, `Some(true)`
/// waiting, `Some(false)` decided (or the asker is an employee by now).
fn join_waiting(company: &Company, j: &JoinAsk) -> Option<bool> {
    if company.employee(j.identity.id()).is_some() {
        return Some(false);
    }
    company
        .requests()
        .iter()
        .find(|r| &r.identity == j.identity.id() && r.at == j.at)
        .map(|r| r.status == JoinStatus::Pending)
}

/// What a decider's browser does with an access request of the inbox (one at a time,
/// rarely: the size of `Apply` costs nothing).
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Intake {
    /// Apply `command` as `actor` at `at` to `state` (this replica's state with the
    /// asker's ID added).
    Apply {
        state: Box<State>,
        actor: Actor,
        command: Command,
        at: Timestamp,
    },
    /// Delete it: decided already, or not what its creator could have asked.
    Drop,
    /// Not for this browser (yet): nothing to do.
    Leave,
}

fn payload(value: Value) -> Value {
    json!({"schema": SCHEMA, "value": value})
}

fn schema_of(data: &Value) -> Result<(), String> {
    match data["schema"].as_u64() {
        Some(n) if n <= SCHEMA as u64 => Ok(()),
        Some(n) => Err(format!("written by a newer build (schema {n})")),
        None => Err("not an Onboard record".into()),
    }
}

/// Who reads and writes a mail's record: its recipient (who marks it read). Kinto gives
/// its creator write too, so whoever's command sent it (the office, or the person who
/// asked for access) reads that one mail; nobody else does.
fn mail_permissions(m: &Mail) -> Value {
    json!({"write": [account(m.to.as_str())]})
}

/// Who reads an audit entry besides the office (and its writer, by Kinto's rule): an
/// entry about a site, its managers' group and the other secondaries who may read its
/// history (`SiteAction::ViewHistory`, as they are when it is written); an entry about a
/// company, its admins' group.
fn audit_permissions(state: &State, e: &AuditEntry) -> Value {
    use onboard_core::site::{may, SiteAction};
    let site = SiteNumber::parse(&e.subject)
        .ok()
        .and_then(|n| state.site(&n));
    let readers: Vec<String> = if let Some(site) = site {
        let (_, managers) = layout::site_groups(site.number());
        let secondaries = site
            .users()
            .iter()
            .filter(|u| u.secondary && may(site, Some(&u.email), SiteAction::ViewHistory))
            .map(|u| account(u.email.as_str()));
        std::iter::once(layout::group(&managers))
            .chain(secondaries)
            .collect()
    } else if let Some(c) = state.company(&e.subject) {
        vec![layout::group(&layout::company_groups(c.id()).1)]
    } else {
        vec![]
    };
    json!({ "read": readers })
}

/// Whether `me` is one of the company's managers (an APA or PRC: its writers).
pub fn manages_company(company: &Company, me: &Email) -> bool {
    company_people(company).1.contains(&account(me.as_str()))
}

/// The managers' groups of every site and company the ID `me` belongs to (a look-up
/// each, as it runs on every poll).
fn id_readers(state: &State, me: &Identity) -> Vec<String> {
    let sites = state
        .sites()
        .filter(|s| &s.primary().email == me.email() || s.user(me.email()).is_some())
        .map(|s| layout::site_groups(s.number()).1);
    let companies = state
        .companies()
        .filter(|c| c.employee(me.id()).is_some())
        .map(|c| layout::company_groups(c.id()).1);
    let readers: BTreeSet<String> = sites.chain(companies).map(|g| layout::group(&g)).collect();
    readers.into_iter().collect()
}

/// A site's (members, managers) as account principals: the managers write the site's
/// records ([`Site::writers`]); the other users read them.
pub fn site_people(site: &Site) -> (Vec<String>, Vec<String>) {
    let managers: BTreeSet<String> = site
        .writers()
        .into_iter()
        .map(|e| account(e.as_str()))
        .collect();
    let members: BTreeSet<String> = site
        .users()
        .iter()
        .map(|u| account(u.email.as_str()))
        .filter(|m| !managers.contains(m))
        .collect();
    (
        members.into_iter().collect(),
        managers.into_iter().collect(),
    )
}

/// The request of `site` that `ask` became when it was taken in.
fn request_of<'s>(site: &'s Site, ask: &Ask) -> Option<&'s onboard_core::site::AccessRequest> {
    site.requests()
        .find(|r| &r.email == ask.identity.email() && r.at == ask.at)
}

/// A company's (members, managers) as account principals: the managers (each APA and
/// each location's PRC) write its records; the other employees read them.
pub fn company_people(company: &onboard_core::partner::Company) -> (Vec<String>, Vec<String>) {
    let prcs: BTreeSet<_> = company.locations().iter().map(|l| &l.prc).collect();
    let (mut members, mut managers) = (BTreeSet::new(), BTreeSet::new());
    for e in company.employees().iter() {
        if e.apa || prcs.contains(&e.identity) {
            managers.insert(account(e.email.as_str()));
        } else {
            members.insert(account(e.email.as_str()));
        }
    }
    (
        members.into_iter().collect(),
        managers.into_iter().collect(),
    )
}

/// The guarded space (a site or a company) an aggregate belongs to: its collection,
/// its (readers, writers) groups, and its (members, managers) in `state`, if it is there.
fn space_of(key: &AggKey, state: &State) -> Option<Space> {
    match key {
        AggKey::Site(n) | AggKey::SiteUsers(n, _) | AggKey::SiteRequests(n, _) => Some(Space {
            collection: layout::site_collection(n),
            groups: layout::site_groups(n),
            people: state.site(n).map(site_people),
        }),
        AggKey::Company(id) | AggKey::CompanyEmployees(id, _) | AggKey::CompanyRequests(id, _) => {
            Some(Space {
                collection: layout::company_collection(id),
                groups: layout::company_groups(id),
                people: state.company(id).map(company_people),
            })
        }
        _ => None,
    }
}

struct Space {
    collection: String,
    groups: (String, String),
    people: Option<(Vec<String>, Vec<String>)>,
}

impl Replica {
    /// Builds the state from what the server listed. The server keeps decisions apart
    /// when the listing has [`layout::DECISIONS_HERE`] (everyone signed in reads it). A
    /// record this build cannot read is skipped and reported (never deleted); so is one
    /// of a newer build.
    pub fn load(records: Vec<Record>) -> (Replica, State, Vec<Skipped>) {
        let mut replica = Replica::default();
        let mut state = State::default();
        let mut skipped = Vec::new();
        let mut aggregates = Vec::new();
        let mut mails = Vec::new();
        let mut entries = Vec::new();
        for r in records {
            let at = r.place.clone();
            let reason = match (schema_of(&r.data), r.place.collection.as_str()) {
                (_, layout::DECISIONS) if r.place.record == layout::DECISIONS_HERE => {
                    replica.decisions_apart = true;
                    None
                }
                (Err(e), _) => Some(e),
                (Ok(()), "mail") => match serde_json::from_value::<Mail>(r.data["mail"].clone()) {
                    Ok(m) => {
                        mails.push((m, r.place, r.version));
                        None
                    }
                    Err(e) => Some(e.to_string()),
                },
                (Ok(()), "inbox") => match Inbound::of(&r.data) {
                    Ok(a) => {
                        replica.inbox.insert(r.place, (r.version, a));
                        None
                    }
                    Err(e) => Some(e),
                },
                (Ok(()), "audit") => {
                    match serde_json::from_value::<AuditEntry>(r.data["entry"].clone()) {
                        Ok(e) => {
                            entries.push((e, r.place));
                            None
                        }
                        Err(e) => Some(e.to_string()),
                    }
                }
                (Ok(()), layout::LEVELS) => match level_of(&r.data) {
                    Ok(l) => {
                        replica.levels.insert(r.place.record, (r.version, l));
                        None
                    }
                    Err(e) => Some(e),
                },
                (Ok(()), layout::DECISIONS) => match decision_of(&r.data) {
                    Ok(d) => {
                        replica.decisions.insert(r.place.record, (r.version, d));
                        None
                    }
                    Err(e) => Some(e),
                },
                (Ok(()), _) => match layout::key_of(&r.place) {
                    Some(key) => {
                        aggregates.push((key, r));
                        None
                    }
                    None => Some("not a record of this build".into()),
                },
            };
            if let Some(reason) = reason {
                skipped.push(Skipped { place: at, reason });
            }
        }
        // Heads before their parts, as the local store reads them.
        aggregates.sort_by_key(|(k, _)| crate::store::keys::path(k));
        for (key, r) in aggregates {
            match state.insert_aggregate(&key, &replica.vetted(&key, &r.data["value"], r.version)) {
                Ok(()) => {
                    // A load takes every part as it is (there is no older copy of one
                    // its head does not name yet); polls then keep to what heads name.
                    if key.head() == key {
                        replica.expect(&r.place, &r.data);
                    } else if let Some(tag) = r.data["tx"].as_str() {
                        replica.tags.insert(r.place.clone(), tag.to_string());
                    }
                    replica.versions.insert(r.place, r.version);
                }
                // A part without its head: a command still writing, or one that stopped
                // before its head; it waits for that head as a poll's would.
                Err(_) if key.head() != key && state.aggregate(&key.head()).is_none() => {
                    replica.staged.insert(r.place.clone(), r);
                }
                Err(reason) => skipped.push(Skipped {
                    place: r.place,
                    reason,
                }),
            }
        }
        mails.sort_by(|a, b| (a.0.sent, &a.1).cmp(&(b.0.sent, &b.1)));
        let mut chunk = MailChunk::default();
        for (i, (mut m, place, version)) in mails.into_iter().enumerate() {
            m.id = MailId(i as u64);
            replica.mail.insert(i as u64, (place, version));
            chunk.mails.push(m);
            if chunk.mails.len() == mail::CHUNK {
                put_chunk(&mut state, AggKey::Mail((i / mail::CHUNK) as u32), &chunk);
                chunk = MailChunk::default();
            }
        }
        if let Some(last) = chunk.mails.last() {
            let n = (last.id.0 / mail::CHUNK as u64) as u32;
            put_chunk(&mut state, AggKey::Mail(n), &chunk);
        }
        entries.sort_by(|a, b| (a.0.at, &a.1).cmp(&(b.0.at, &b.1)));
        let mut chunk = AuditChunk::default();
        let size = onboard_core::audit::CHUNK;
        for (i, (mut e, place)) in entries.into_iter().enumerate() {
            e.seq = i as u64;
            replica.audit.insert(i as u64, place);
            chunk.entries.push(e);
            if chunk.entries.len() == size {
                put_chunk(&mut state, AggKey::Audit((i / size) as u32), &chunk);
                chunk = AuditChunk::default();
            }
        }
        if let Some(last) = chunk.entries.last() {
            let n = (last.seq / size as u64) as u32;
            put_chunk(&mut state, AggKey::Audit(n), &chunk);
        }
        for site in state.sites() {
            let (members, managers) = site_people(site);
            let (readers, writers) = layout::site_groups(site.number());
            replica.groups.insert(readers, members);
            replica.groups.insert(writers, managers);
        }
        for company in state.companies() {
            let (members, managers) = company_people(company);
            let (readers, writers) = layout::company_groups(company.id());
            replica.groups.insert(readers, members);
            replica.groups.insert(writers, managers);
        }
        (replica, state, skipped)
    }

    /// An access request by `me` to a site this replica cannot read (shared mode's
    /// `RequestAccess`): the fields are checked as the core checks them, then the
    /// request goes to the inbox. Asking twice for the same site while the first waits
    /// is refused, as is asking for a site `me` already uses.
    #[allow(clippy::too_many_arguments)]
    pub fn ask(
        &self,
        state: &State,
        me: &Email,
        site: &str,
        customer: &str,
        message: &str,
        at: Timestamp,
        nonce: &str,
    ) -> Result<(Place, Request, Inbound), onboard_core::DomainError> {
        use onboard_core::{DomainError, Field, FieldError};
        let identity = asker(state, me)?;
        let (number, customer, message) =
            onboard_core::site_commands::check_request(site, customer, message)?;
        if state.site(&number).is_some() {
            return Err(DomainError::field(
                Field::SiteNumber,
                FieldError::AlreadyUser,
            ));
        }
        if self.asked(me).iter().any(|(s, _)| s == number.as_str()) {
            return Err(DomainError::DuplicateRequest);
        }
        let ask = Ask {
            site: number.as_str().to_string(),
            customer: customer.as_str().to_string(),
            message,
            at,
            identity: identity.for_server(),
            withdrawn: None,
        };
        let (place, request) = ask.request(nonce).ok_or(DomainError::NotFound)?;
        Ok((place, request, Inbound::Access(ask)))
    }

    /// This account's own access requests still in the inbox and not withdrawn: (site,
    /// when asked).
    pub fn asked(&self, me: &Email) -> Vec<(String, Timestamp)> {
        self.inbox_picks(|a| match a {
            Inbound::Access(a) if a.identity.email() == me && a.withdrawn.is_none() => {
                Some((a.site.clone(), a.at))
            }
            _ => None,
        })
    }

    /// What `pick` takes from each record of the inbox, in the inbox's order.
    fn inbox_picks<T>(&self, pick: impl Fn(&Inbound) -> Option<T>) -> Vec<T> {
        self.inbox.values().filter_map(|(_, a)| pick(a)).collect()
    }

    /// This account's own join requests still in the inbox and not withdrawn: (company
    /// id, its name, when asked).
    pub fn joining(&self, me: &Email) -> Vec<(String, String, Timestamp)> {
        self.inbox_picks(|a| match a {
            Inbound::Join(j) if j.identity.email() == me && j.withdrawn.is_none() => {
                Some((j.company.clone(), j.name.clone(), j.at))
            }
            _ => None,
        })
    }

    /// `me` withdraws their waiting request to the site or company `to` (shared mode's
    /// `WithdrawRequest` / `WithdrawJoin` for a space they cannot write): their inbox
    /// record is marked, over its version; a decider's browser applies the withdrawal.
    pub fn withdraw(
        &self,
        me: &Email,
        to: &str,
        at: Timestamp,
    ) -> Result<(Place, Request, Inbound), onboard_core::DomainError> {
        let found = self.inbox.iter().find_map(|(place, (version, a))| match a {
            Inbound::Access(ask)
                if ask.identity.email() == me && ask.site == to && ask.withdrawn.is_none() =>
            {
                let mut ask = ask.clone();
                ask.withdrawn = Some(at);
                let data = json!({"ask": ask});
                Some((place, *version, data, Inbound::Access(ask)))
            }
            Inbound::Join(j)
                if j.identity.email() == me && j.company == to && j.withdrawn.is_none() =>
            {
                let mut j = j.clone();
                j.withdrawn = Some(at);
                let data = json!({"join": j});
                Some((place, *version, data, Inbound::Join(j)))
            }
            _ => None,
        });
        let (place, version, data, inbound) = found.ok_or(onboard_core::DomainError::NotFound)?;
        let request = Request::patch(place.path(), json!({ "data": data })).only_over(version);
        Ok((place.clone(), request, inbound))
    }

    /// Remembers a request this browser just put in the inbox; version 0: one kept in
    /// this browser to send when the server is back (see [`Replica::kept_ask`]).
    pub fn asked_now(&mut self, place: Place, version: u64, ask: Inbound) {
        self.inbox.insert(place, (version, ask));
    }

    /// The inbox record a kept request (`Request::from_kept`) would write: its place and
    /// what it asks; `None` for any other request.
    pub fn kept_ask(request: &Request) -> Option<(Place, Inbound)> {
        let prefix = Place::new("inbox", "").path();
        let id = request.path.strip_prefix(&prefix)?;
        let place = Place::new("inbox", id);
        if request.method != "PUT" || !layout::valid_id(&place.record) {
            return None;
        }
        let data = &request.body.as_ref()?["data"];
        schema_of(data).ok()?;
        Some((place, Inbound::of(data).ok()?))
    }

    /// The request `me` made to the site or company `to` that is kept in this browser,
    /// not sent yet: its place.
    pub fn kept_to(&self, me: &Email, to: &str) -> Option<Place> {
        self.inbox
            .iter()
            .find(|(_, (version, a))| {
                *version == 0
                    && match a {
                        Inbound::Access(a) => a.identity.email() == me && a.site == to,
                        Inbound::Join(j) => j.identity.email() == me && j.company == to,
                        Inbound::Help(_) | Inbound::Own(_) => false,
                    }
            })
            .map(|(place, _)| place.clone())
    }

    /// Holds a request kept in this browser (version 0) unless the inbox has it already.
    pub fn keep_ask(&mut self, place: Place, ask: Inbound) {
        self.inbox.entry(place).or_insert((0, ask));
    }

    /// [`Replica::keep_ask`] for each of `kept`.
    pub fn keep_asks(&mut self, kept: Vec<(Place, Inbound)>) {
        for (place, ask) in kept {
            self.keep_ask(place, ask);
        }
    }

    /// Forgets a request kept in this browser (withdrawn before it was sent).
    pub fn forget_kept(&mut self, place: &Place) {
        if self.inbox.get(place).is_some_and(|(v, _)| *v == 0) {
            self.inbox.remove(place);
        }
    }

    /// A help request by `me` (signed in): its fields are checked by the core's `Help`
    /// applied to this replica's state (its outcome is not kept: the reference is the
    /// office's to give), then it goes to the inbox for the office.
    #[allow(clippy::too_many_arguments)]
    pub fn ask_help(
        &self,
        state: &State,
        me: &Email,
        subject: &str,
        site: &str,
        description: &str,
        ctx: &onboard_core::Ctx,
        nonce: &str,
    ) -> Result<(Place, Request, Inbound), onboard_core::DomainError> {
        use onboard_core::DomainError;
        let identity = asker(state, me)?;
        let actor = state.actor_of_account(me, false);
        let checked = site_commands::Help {
            name: String::new(),
            email: String::new(),
            subject: subject.to_string(),
            site: site.to_string(),
            description: description.to_string(),
            mail_lang: None,
        }
        .into();
        onboard_core::apply(state, &actor, checked, ctx)?;
        let ask = HelpAsk {
            subject: subject.to_string(),
            site: site.to_string(),
            description: description.to_string(),
            at: ctx.now,
            identity: Some(identity.for_server()),
            name: String::new(),
            email: String::new(),
            mail_lang: None,
        };
        let (place, request) = ask.request(nonce).ok_or(DomainError::NotFound)?;
        Ok((place, request, Inbound::Help(ask)))
    }

    /// A help request from someone signed out (`help`: name, email, subject, site,
    /// description as typed): checked by the core's `Help` as in local mode, then put in
    /// the inbox for the office as a one-time account made for it (anyone may make an
    /// account). Not anonymously: Kinto gives the creator write on a record, and for
    /// someone signed out that is everyone, so anyone could read and change it.
    /// Returns the two requests to send in order: the account, then the record.
    pub fn ask_desk(
        &self,
        state: &State,
        help: site_commands::Help,
        ctx: &onboard_core::Ctx,
        nonce: &str,
    ) -> Result<(Place, [Request; 2], Inbound), onboard_core::DomainError> {
        onboard_core::apply(state, &Actor::anonymous(), help.clone().into(), ctx)?;
        let site_commands::Help {
            name,
            email,
            subject,
            site,
            description,
            mail_lang,
        } = help;
        let ask = HelpAsk {
            subject,
            site,
            description,
            at: ctx.now,
            identity: None,
            name,
            email,
            mail_lang,
        };
        let (place, request) = ask
            .request(nonce)
            .ok_or(onboard_core::DomainError::NotFound)?;
        let (id, password) = (format!("desk-{}", ctx.random_hex(16)), ctx.random_hex(16));
        let account = layout::sign_up(&id, &password).sent_as(layout::Credentials::Anonymous);
        let request = request.sent_as(layout::Credentials::Account(id, password));
        Ok((place, [account, request], Inbound::Help(ask)))
    }

    /// A change `me` (a plain employee, who cannot write the company) makes to their own
    /// entry of a company: checked by the core (applied to this replica's state, the
    /// outcome not kept), then it goes to the company's inbox.
    pub fn ask_own(
        &self,
        state: &State,
        me: &Email,
        command: PartnerCommand,
        ctx: &onboard_core::Ctx,
        nonce: &str,
    ) -> Result<(Place, Request, Inbound), onboard_core::DomainError> {
        use onboard_core::DomainError;
        let company = match &command {
            PartnerCommand::UpdateMyProfile(partner_commands::UpdateMyProfile {
                company, ..
            })
            | PartnerCommand::ConfirmProfile(partner_commands::ConfirmProfile { company }) => {
                company.clone()
            }
            _ => return Err(DomainError::NotAllowed),
        };
        let identity = asker(state, me)?;
        let actor = state.actor_of_account(me, false);
        onboard_core::apply(state, &actor, Command::Partner(command.clone()), ctx)?;
        let ask = OwnAsk {
            company,
            command,
            at: ctx.now,
            identity: identity.for_server(),
        };
        let (place, request) = ask.request(nonce).ok_or(DomainError::NotFound)?;
        Ok((place, request, Inbound::Own(ask)))
    }

    /// This account's own changes to a company's entries waiting in the inbox: (company
    /// id, when made, whether it is still kept in this browser: not sent yet).
    pub fn own_waiting(&self, me: &Email) -> Vec<(String, Timestamp, bool)> {
        self.inbox
            .values()
            .filter_map(|(version, a)| match a {
                Inbound::Own(o) if o.identity.email() == me => {
                    Some((o.company.clone(), o.at, *version == 0))
                }
                _ => None,
            })
            .collect()
    }

    /// A request by `me` to join the company a token showed (`choice`; shared mode's
    /// `Join` for a company this replica cannot read): checked as the core checks it
    /// (a location of the company, a complete profile), then it goes to the inbox.
    /// Asking again while one waits is refused, as is asking while in a company.
    #[allow(clippy::too_many_arguments)]
    pub fn join(
        &self,
        state: &State,
        me: &Email,
        choice: &JoinChoice,
        token: &str,
        location: u32,
        profile: &ProfileInput,
        at: Timestamp,
        nonce: &str,
    ) -> Result<(Place, Request, Inbound), onboard_core::DomainError> {
        use onboard_core::{DomainError, Field, FieldError};
        let identity = asker(state, me)?;
        let token = onboard_core::partner_commands::token_ready(state, identity, token, at)?;
        if state.company_of(identity.id()).is_some() {
            return Err(DomainError::field(
                Field::Token,
                FieldError::AlreadyEmployee,
            ));
        }
        if !self.joining(me).is_empty() {
            return Err(DomainError::DuplicateRequest);
        }
        onboard_core::partner_commands::check_join(choice, location, profile)?;
        let ask = JoinAsk {
            company: choice.company.clone(),
            name: choice.name.clone(),
            token: token.as_str().to_string(),
            location,
            profile: profile.clone(),
            at,
            identity: identity.for_server(),
            withdrawn: None,
        };
        let (place, request) = ask.request(nonce).ok_or(DomainError::NotFound)?;
        Ok((place, request, Inbound::Join(ask)))
    }

    /// The inbox records this browser should look at as a decider: another person's
    /// request to a site in `state` that `me` writes (or any, for the office), not taken
    /// in yet, withdrawn, or taken in and decided (to delete). Withdrawals come first:
    /// someone who withdrew and asked again has the new request taken in after the old
    /// one is withdrawn (not refused as a duplicate of it).
    pub fn to_take_in(&self, state: &State, me: &Email, office: bool) -> Vec<Place> {
        let withdrawn = |a: &Inbound| match a {
            Inbound::Access(a) => a.withdrawn.is_some(),
            Inbound::Join(j) => j.withdrawn.is_some(),
            Inbound::Help(_) | Inbound::Own(_) => false,
        };
        let mut places: Vec<(bool, Place)> = self
            .inbox
            .iter()
            .filter(|(_, (_, a))| a.identity().is_none_or(|i| i.email() != me))
            .filter(|(_, (_, a))| match a {
                Inbound::Access(a) => {
                    let site = SiteNumber::parse(&a.site).ok();
                    let Some(site) = site.as_ref().and_then(|n| state.site(n)) else {
                        return false;
                    };
                    let writes = office || site.writers().contains(&me);
                    let pending =
                        request_of(site, a).is_some_and(|r| r.status == RequestStatus::Pending);
                    writes && (!pending || a.withdrawn.is_some())
                }
                Inbound::Join(j) => {
                    let Some(company) = state.company(&j.company) else {
                        return false;
                    };
                    let writes = office || manages_company(company, me);
                    writes && (join_waiting(company, j) != Some(true) || j.withdrawn.is_some())
                }
                // Taken in or not, the office's browser acts on it (takes it in, or
                // deletes it once taken).
                Inbound::Help(_) => office,
                // Likewise a company's administrators' (and the office's) browsers.
                Inbound::Own(o) => state
                    .company(&o.company)
                    .is_some_and(|c| office || manages_company(c, me)),
            })
            .map(|(p, (_, a))| (!withdrawn(a), p.clone()))
            .collect();
        places.sort();
        places.into_iter().map(|(_, p)| p).collect()
    }

    /// What to do with the inbox record at `place`, given its permissions as the server
    /// shows them to a writer. Its creator (the only account Kinto made a writer of it
    /// besides the site's managers) must be the asker the record names: nobody asks in
    /// another person's name.
    pub fn take_in(&self, state: &State, place: &Place, permissions: &Value) -> Intake {
        let Some((_, inbound)) = self.inbox.get(place) else {
            return Intake::Leave;
        };
        let command = match inbound {
            Inbound::Access(ask) => {
                let Some(site) = SiteNumber::parse(&ask.site)
                    .ok()
                    .and_then(|n| state.site(&n))
                else {
                    return Intake::Leave;
                };
                let pending =
                    |r: &onboard_core::site::AccessRequest| r.status == RequestStatus::Pending;
                match (request_of(site, ask), ask.withdrawn) {
                    // Withdrawn while it waits: withdrawn as its asker.
                    (Some(r), Some(_)) if pending(r) => site_commands::WithdrawRequest {
                        site: ask.site.clone(),
                        request: r.id,
                    }
                    .into(),
                    // Taken in already: pending stays; decided goes.
                    (Some(r), None) if pending(r) => return Intake::Leave,
                    (Some(_), _) | (None, Some(_)) => return Intake::Drop,
                    (None, None) => site_commands::RequestAccess {
                        site: ask.site.clone(),
                        customer: ask.customer.clone(),
                        message: ask.message.clone(),
                    }
                    .into(),
                }
            }
            Inbound::Join(j) if j.withdrawn.is_some() => {
                let Some(company) = state.company(&j.company) else {
                    return Intake::Leave;
                };
                let waiting = company.requests().find(|r| {
                    &r.identity == j.identity.id()
                        && r.at == j.at
                        && r.status == JoinStatus::Pending
                });
                match waiting {
                    Some(r) => partner_commands::WithdrawJoin {
                        company: j.company.clone(),
                        request: r.id,
                    }
                    .into(),
                    None => return Intake::Drop,
                }
            }
            Inbound::Join(j) => {
                let Some(company) = state.company(&j.company) else {
                    return Intake::Leave;
                };
                match join_waiting(company, j) {
                    Some(true) => return Intake::Leave,
                    Some(false) => return Intake::Drop,
                    None => {}
                }
                // Only someone who gave the company's current token joins it (naming
                // a company is not enough; a token replaced since no longer opens it).
                if company.token().as_str() != j.token {
                    return Intake::Drop;
                }
                partner_commands::Join {
                    token: j.token.clone(),
                    location: j.location,
                    profile: j.profile.clone(),
                }
                .into()
            }
            Inbound::Own(o) => {
                if state.company(&o.company).is_none() {
                    return Intake::Leave;
                }
                if own_taken(state, o) {
                    return Intake::Drop;
                }
                // Only a change to one's own entry of this company.
                match &o.command {
                    PartnerCommand::UpdateMyProfile(partner_commands::UpdateMyProfile {
                        company,
                        ..
                    })
                    | PartnerCommand::ConfirmProfile(partner_commands::ConfirmProfile {
                        company,
                    }) if company == &o.company => Command::Partner(o.command.clone()),
                    _ => return Intake::Drop,
                }
            }
            Inbound::Help(h) => {
                if help_taken(state, h) {
                    return Intake::Drop;
                }
                site_commands::Help {
                    name: h.name.clone(),
                    email: h.email.clone(),
                    subject: h.subject.clone(),
                    site: h.site.clone(),
                    description: h.description.clone(),
                    mail_lang: h.mail_lang,
                }
                .into()
            }
        };
        // Someone signed out: what they typed, as in local mode.
        let Some(asker) = inbound.identity() else {
            return Intake::Apply {
                state: Box::new(state.clone()),
                actor: Actor::anonymous(),
                command,
                at: inbound.at(),
            };
        };
        // Kinto shows a record's permissions to its writers only.
        let Some(writers) = permissions["write"].as_array() else {
            return Intake::Leave;
        };
        let accounts: Vec<&str> = writers
            .iter()
            .filter_map(Value::as_str)
            .filter(|p| p.starts_with("account:"))
            .collect();
        if accounts != [account(asker.email().as_str()).as_str()] {
            return Intake::Drop;
        }
        let id = asker.id();
        if state
            .identity(id)
            .is_some_and(|i| i.email() != asker.email())
            || state
                .identity_by_email(asker.email())
                .is_some_and(|i| i.id() != id)
        {
            return Intake::Drop;
        }
        let mut state = state.clone();
        let Ok(value) = serde_json::to_string(&asker.for_server()) else {
            return Intake::Drop;
        };
        if state
            .insert_aggregate(&AggKey::Identity(id.clone()), &value)
            .is_err()
        {
            return Intake::Drop;
        }
        let actor = state.actor_of_account(asker.email(), false);
        Intake::Apply {
            state: Box::new(state),
            actor,
            command,
            at: inbound.at(),
        }
    }

    /// The deletion of an inbox record (after it was decided, or could not be taken in).
    pub fn drop_request(&self, place: &Place) -> Option<Write> {
        let (version, _) = self.inbox.get(place)?;
        Some(Write {
            request: Request::delete(place.path()).only_over(*version),
            target: Target::Inbox(place.clone()),
        })
    }

    /// Where mail `id` (this replica's number) is on the server.
    pub fn mail_place(&self, id: MailId) -> Option<Place> {
        self.mail.get(&id.0).map(|(p, _)| p.clone())
    }

    /// The version of a record as this replica knows it.
    pub fn version(&self, place: &Place) -> Option<u64> {
        self.versions.get(place).copied()
    }

    /// The writes that put `changed` (of the outcome from `before` to `next`) on the
    /// server, in order. `nonce` makes this browser's entry ids unique (random, ASCII
    /// letters and digits).
    pub fn plan(
        &self,
        before: &State,
        changed: &BTreeSet<AggKey>,
        next: &State,
        nonce: &str,
    ) -> Vec<Write> {
        // `entries`: new mail and audit entries, written last of all, so that a plan
        // cut short there lacks only them ([`leftover`]); `published`: the rest after
        // the heads (directory entries, levels, inbox deletions).
        let (mut spaces, mut parts, mut heads, mut groups, mut entries, mut published) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        let mut sites = BTreeSet::new();
        // The heads of the sites and companies this change touches.
        let mut spaced = BTreeSet::new();
        // The heads to write: changed, or with a part changed.
        let mut head_keys = BTreeSet::new();
        for key in changed {
            match key {
                AggKey::Mail(n) => {
                    for m in next.mail_chunk(*n) {
                        match self.mail.get(&m.id.0) {
                            None => {
                                let place = Place {
                                    collection: "mail".into(),
                                    record: format!("e{nonce}{}", m.id.0),
                                };
                                let body = json!({
                                    "data": {"schema": SCHEMA, "mail": m},
                                    "permissions": mail_permissions(m),
                                });
                                entries.push(Write {
                                    request: Request::put(place.path(), body).only_if_absent(),
                                    target: Target::Mail(m.id, place),
                                });
                            }
                            Some((place, version)) if before.mail(m.id) != Some(m) => {
                                let body = json!({"data": {"schema": SCHEMA, "mail": m}});
                                entries.push(Write {
                                    request: Request::patch(place.path(), body).only_over(*version),
                                    target: Target::Mail(m.id, place.clone()),
                                });
                            }
                            Some(_) => {}
                        }
                    }
                }
                AggKey::Audit(n) => {
                    for e in next.audit_chunk(*n) {
                        if self.audit.contains_key(&e.seq) {
                            continue;
                        }
                        let place = Place {
                            collection: "audit".into(),
                            record: format!("e{nonce}{}", e.seq),
                        };
                        let body = json!({
                            "data": {"schema": SCHEMA, "entry": e},
                            "permissions": audit_permissions(next, e),
                        });
                        entries.push(Write {
                            request: Request::put(place.path(), body).only_if_absent(),
                            target: Target::Audit(e.seq, place),
                        });
                    }
                }
                key => {
                    if let Some(n) = key_site(key) {
                        sites.insert(n);
                    }
                    if in_space(key) {
                        spaced.insert(key.head());
                    }
                    // A head is written after its parts, naming the command that
                    // wrote each (below); a part carries that command's tag.
                    if key.head() == *key {
                        head_keys.insert(key.clone());
                        continue;
                    }
                    if next.aggregate(&key.head()).is_some() {
                        head_keys.insert(key.head());
                    }
                    if let Some(w) =
                        self.aggregate_write(key, next, json!({"tx": nonce}), Some(nonce))
                    {
                        parts.push(w);
                    }
                }
            }
        }
        for head in &head_keys {
            let mut named = serde_json::Map::new();
            for part in next
                .keys()
                .into_iter()
                .filter(|k| k.head() == *head && k != head)
            {
                let place = place(&part);
                let tag = if changed.contains(&part) {
                    nonce.to_string()
                } else {
                    self.tags.get(&place).cloned().unwrap_or_default()
                };
                named.insert(place.record, Value::String(tag));
            }
            let extra = if named.is_empty() {
                json!({})
            } else {
                json!({"parts": named})
            };
            if let Some(w) = self.aggregate_write(head, next, extra, None) {
                heads.push(w);
            }
        }
        // The office's decision on an application, first of all: written over the
        // version read (or only if there is none), it is the claim that makes one
        // decision of two made at once: the second is refused before anything of it
        // (an approval's new company above all) is written.
        let mut claims = Vec::new();
        for key in changed {
            let AggKey::Application(n) = key else {
                continue;
            };
            let Some(a) = next.application(n) else {
                continue;
            };
            let status = a.status();
            if status.is_decision()
                && before.application(n).map(|b| b.status()) != Some(status)
                && self.decisions.get(n.as_str()).map(|(_, s)| s) != Some(status)
            {
                claims.push(self.decision_write(n, status, a.email()));
            }
        }
        for head in &spaced {
            let Some(Space {
                collection,
                groups: (readers, writers),
                people: Some((members, managers)),
            }) = space_of(head, next)
            else {
                continue;
            };
            let is_new = space_of(head, before).is_some_and(|s| s.people.is_none());
            if is_new && !self.groups.contains_key(&writers) {
                let as_str = |v: &[String]| {
                    v.iter()
                        .map(|a| a.trim_start_matches("account:").to_string())
                        .collect::<Vec<_>>()
                };
                let (m, g) = (as_str(&members), as_str(&managers));
                let m: Vec<&str> = m.iter().map(String::as_str).collect();
                let g: Vec<&str> = g.iter().map(String::as_str).collect();
                let space = layout::space(&collection, (readers.clone(), writers.clone()), &m, &g);
                // The managers' group, the members' group, then the collection.
                let targets = [
                    Target::Group(writers, managers),
                    Target::Group(readers, members),
                    Target::Space,
                ];
                for (request, target) in space.into_iter().zip(targets) {
                    spaces.push(Write { request, target });
                }
                continue;
            }
            for (name, people) in [(readers, members), (writers, managers)] {
                if self.groups.get(&name) != Some(&people) {
                    groups.push(Write {
                        request: Request::patch(
                            format!("/buckets/{}/groups/{name}", layout::BUCKET),
                            json!({"data": {"members": people}}),
                        ),
                        target: Target::Group(name, people),
                    });
                }
            }
        }
        // A company's directory entry follows its head (a new token replaces the old
        // one's entry and account).
        for head in &spaced {
            let AggKey::Company(id) = head else { continue };
            let old = before.company(id).map(|c| c.token().as_str().to_string());
            if let Some(c) = next.company(id) {
                if old.as_deref().is_some_and(|t| t != c.token().as_str()) {
                    published.extend(self.token_replaced(old.as_deref().unwrap_or_default()));
                }
                published.extend(self.directory_writes(c));
            }
        }
        // A company's level, where it differs from what `levels` holds: set by the
        // office, or the first record of a company just made (its approval).
        for head in &spaced {
            let AggKey::Company(id) = head else { continue };
            let Some(level) = next.company(id).map(Company::level) else {
                continue;
            };
            let was = before.company(id).map(Company::level);
            match self.levels.get(id) {
                Some((_, held)) if *held == level => {}
                None if was == Some(level) => {}
                _ => published.push(self.level_write(id, level)),
            }
        }
        // Requests of the inbox decided by this change are deleted after the heads.
        for (place, (version, inbound)) in &self.inbox {
            let decided = match inbound {
                Inbound::Access(ask) => SiteNumber::parse(&ask.site)
                    .ok()
                    .filter(|n| sites.contains(n))
                    .and_then(|n| next.site(&n))
                    .and_then(|s| request_of(s, ask))
                    .is_some_and(|r| r.status != RequestStatus::Pending),
                Inbound::Join(j) => {
                    spaced.contains(&AggKey::Company(j.company.clone()))
                        && next.company(&j.company).and_then(|c| join_waiting(c, j)) == Some(false)
                }
                Inbound::Help(h) => changed.contains(&AggKey::Help) && help_taken(next, h),
                Inbound::Own(o) => {
                    spaced.contains(&AggKey::Company(o.company.clone())) && own_taken(next, o)
                }
            };
            if decided {
                published.push(Write {
                    request: Request::delete(place.path()).only_over(*version),
                    target: Target::Inbox(place.clone()),
                });
            }
        }
        claims
            .into_iter()
            .chain(spaces)
            .chain(parts)
            .chain(heads)
            .chain(groups)
            .chain(published)
            .chain(entries)
            .collect()
    }

    /// The writes that publish `company`'s directory entry for its token (the token's
    /// account first), unless this replica wrote that very entry already.
    pub fn directory_writes(&self, company: &Company) -> Vec<Write> {
        let token = company.token().as_str().to_string();
        let Ok(entry) = serde_json::to_value(company.join_choice()) else {
            return vec![];
        };
        let written = (token.clone(), entry.clone());
        if self.directory.get(company.id()) == Some(&written) {
            return vec![];
        }
        let mut out = Vec::new();
        if self
            .directory
            .get(company.id())
            .is_none_or(|(t, _)| *t != token)
        {
            out.push(Write {
                request: layout::token_account_made(&token),
                target: Target::Quiet,
            });
        }
        out.push(Write {
            request: layout::directory_entry(&token, company.id(), entry.clone()),
            target: Target::Directory(company.id().to_string(), token, entry),
        });
        out
    }

    /// What this account publishes that this replica has not written since it loaded
    /// (or not as it stands now): the directory entries of the companies it manages (a
    /// company made by an earlier build has none; one made while the write failed
    /// neither), and who may read its ID: the managers of every site and company it
    /// belongs to, so that their pages know it has an ID (an invitation taken up, a
    /// name to show). Nobody else reads an ID but its owner and the office. For the
    /// office (`office`), the `levels` record of each company that has none.
    pub fn unpublished(&self, state: &State, me: &Email, office: bool) -> Vec<Write> {
        let mut out: Vec<Write> = state
            .companies()
            .filter(|c| manages_company(c, me))
            .flat_map(|c| self.directory_writes(c))
            .collect();
        // The office: the level of a company made before levels had their own records,
        // as its record holds it, into `levels` (once; from then on only the office
        // changes it there).
        if office {
            out.extend(
                state
                    .companies()
                    .filter(|c| !self.levels.contains_key(c.id()))
                    .map(|c| self.level_write(c.id(), c.level())),
            );
        }
        if let Some(id) = state.identity_by_email(me) {
            let readers = id_readers(state, id);
            if self.readers.as_ref() != Some(&readers) {
                out.push(Write {
                    request: Request::patch(
                        place(&AggKey::Identity(id.id().clone())).path(),
                        json!({"permissions": {"read": readers}}),
                    ),
                    target: Target::Readers(readers),
                });
            }
        }
        out
    }

    /// The removal of a replaced token's directory entry and account.
    fn token_replaced(&self, old: &str) -> Vec<Write> {
        vec![
            Write {
                request: Request::delete(layout::directory_place(old).path()),
                target: Target::Quiet,
            },
            Write {
                request: layout::token_account_removed(old),
                target: Target::Quiet,
            },
        ]
    }

    /// Whether part record `r` is the one its head (as last taken in) names: always for
    /// a part without a tag, or a head that names none (written by an earlier build).
    fn named(&self, head: &AggKey, r: &Record) -> bool {
        let Some(tag) = r.data["tx"].as_str() else {
            return true;
        };
        match self.expects.get(&place(head)) {
            None => true,
            Some(parts) => parts.get(&r.place.record).map(String::as_str) == Some(tag),
        }
    }

    /// Remembers which parts (and by which command) a head's record names.
    fn expect(&mut self, head: &Place, data: &Value) {
        match data["parts"].as_object() {
            Some(parts) => {
                let named = parts
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect();
                self.expects.insert(head.clone(), named);
            }
            None => {
                self.expects.remove(head);
            }
        }
    }

    /// The write that puts aggregate `key` of `next` (with `extra` fields beside its
    /// value) over the version this replica read, or deletes it; `tag`: the command's,
    /// for a part.
    fn aggregate_write(
        &self,
        key: &AggKey,
        next: &State,
        extra: Value,
        tag: Option<&str>,
    ) -> Option<Write> {
        let place = place(key);
        let value = match key {
            AggKey::Identity(id) => next
                .identity(id)
                .and_then(|i| serde_json::to_value(i.for_server()).ok()),
            _ => next
                .aggregate(key)
                .and_then(|s| serde_json::from_str(&s).ok()),
        };
        // A part read without the head that names it, whose head this replica never
        // held: left by a command that stopped before its head (a server stopped
        // between them), it is written over, as nothing shows it. One met in a refusal
        // is not (another browser's command may be writing it now).
        let orphan = || {
            let head = layout::place(&key.head());
            (head != place
                && !self.versions.contains_key(&head)
                && !self.contested.contains(&place))
            .then(|| self.staged.get(&place).map(|r| r.version))
            .flatten()
        };
        let version = self.versions.get(&place).copied().or_else(orphan);
        let body = |v: Value| {
            let mut data = payload(v);
            if let (Some(d), Some(e)) = (data.as_object_mut(), extra.as_object()) {
                d.extend(e.clone());
            }
            json!({ "data": data })
        };
        let request = match (value, version) {
            (Some(v), Some(version)) => Request::put(place.path(), body(v)).only_over(version),
            (Some(v), None) => Request::put(place.path(), body(v)).only_if_absent(),
            (None, Some(version)) => Request::delete(place.path()).only_over(version),
            (None, None) => return None,
        };
        Some(Write {
            request,
            target: Target::Record(place, tag.map(str::to_string)),
        })
    }

    /// Takes in the answers to a run of writes ([`batches`]), in order: each write
    /// taken (or best effort) is remembered, all of them, as a batch's writes all ran.
    /// Returns whether any was taken, and the first that was not (its index in the
    /// run, what the server said and its body), which decides as a write alone would.
    pub fn take_answers(
        &mut self,
        run: &[Write],
        answers: Vec<(u16, Value)>,
    ) -> (bool, Option<(usize, Answer, Value)>) {
        let (mut took_any, mut first) = (false, None);
        for (i, (w, (status, body))) in run.iter().zip(answers).enumerate() {
            if let Some(done) = w.target.best_effort(status) {
                if done {
                    self.wrote(&w.target, 0);
                }
                continue;
            }
            match answer(w, status, &body) {
                Answer::Took(v) => {
                    took_any = true;
                    self.wrote(&w.target, v);
                }
                other => {
                    first.get_or_insert((i, other, body));
                }
            }
        }
        (took_any, first)
    }

    /// Remembers a write the server took, with the record's new version.
    pub fn wrote(&mut self, target: &Target, version: u64) {
        match target {
            Target::Record(place, tag) => {
                self.versions.insert(place.clone(), version);
                if let Some(tag) = tag {
                    self.tags.insert(place.clone(), tag.clone());
                }
            }
            Target::Mail(id, place) => {
                self.mail.insert(id.0, (place.clone(), version));
            }
            Target::Audit(seq, place) => {
                self.audit.insert(*seq, place.clone());
            }
            Target::Group(name, people) => {
                self.groups.insert(name.clone(), people.clone());
            }
            Target::Space | Target::Quiet => {}
            Target::Inbox(place) => {
                self.inbox.remove(place);
            }
            Target::Directory(company, token, entry) => {
                self.directory
                    .insert(company.clone(), (token.clone(), entry.clone()));
            }
            Target::Readers(readers) => self.readers = Some(readers.clone()),
            Target::Decision(number, status, _) => {
                self.decisions
                    .insert(number.clone(), (version, status.clone()));
            }
            Target::Level(company, level, _) => {
                self.levels.insert(company.clone(), (version, *level));
            }
        }
    }

    /// Takes in what a poll read, in an order the state accepts: heads before their
    /// parts (a part may be newer than its head, and a listing is newest first), and
    /// deletions last. Returns whether the state changed.
    pub fn absorb_all(&mut self, state: &mut State, changes: Vec<(Place, Option<Record>)>) -> bool {
        let mut changes = changes;
        changes.sort_by_cached_key(|(place, record)| {
            let key = layout::key_of(place).map(|k| crate::store::keys::path(&k));
            (record.is_none(), key, place.clone())
        });
        let mut any = false;
        for (place, record) in &changes {
            any |= self.absorb(state, place, record.as_ref()).unwrap_or(false);
        }
        any
    }

    /// Remembers audit entries changed or deleted after they were written (the
    /// latest change of each); the entries themselves stay as this replica read them.
    pub fn note_tampering(&mut self, found: Vec<Tampered>) {
        for t in found {
            if self.tampered.get(&t.place).is_none_or(|k| k.at < t.at) {
                self.tampered.insert(t.place.clone(), t);
            }
        }
    }

    /// The audit entries changed after they were written, oldest change first, each
    /// with its entry's number in this replica's state (`None`: an entry it never read,
    /// deleted before this replica loaded and not to be found as first written).
    pub fn tampered(&self) -> Vec<(Option<u64>, Tampered)> {
        let mut all: Vec<_> = self
            .tampered
            .values()
            .map(|t| {
                let seq = self
                    .audit
                    .iter()
                    .find(|(_, p)| **p == t.place)
                    .map(|(n, _)| *n);
                (seq, t.clone())
            })
            .collect();
        all.sort_by_key(|(_, t)| t.at);
        all
    }

    /// The changes a look at the server's change feed brings (Kinto's history of the
    /// bucket, [`layout::feed_since`]), and the newest entry's time (0 if none): each
    /// record's newest entry, as a record or a deletion, if newer than what this replica
    /// holds of it (the feed reaches back a little, and a load reads what it already
    /// listed). The inbox is left out: it is read whole ([`Replica::inbox_listing`]).
    /// Audit entries changed after they were written are remembered
    /// ([`Replica::note_tampering`]).
    pub fn feed(&mut self, listing: &Value) -> (Vec<(Place, Option<Record>)>, u64) {
        self.note_tampering(tampering(listing));
        let mut newest = 0;
        let mut by_place: BTreeMap<Place, (u64, Option<Record>)> = BTreeMap::new();
        for e in listing["data"].as_array().into_iter().flatten() {
            newest = newest.max(e["last_modified"].as_u64().unwrap_or(0));
            let (Some(c), Some(id)) = (e["collection_id"].as_str(), e["record_id"].as_str()) else {
                continue;
            };
            if e["resource_name"] != "record" || c == "inbox" || !layout::valid_id(c) {
                continue;
            }
            let data = e["target"]["data"].clone();
            let Some(version) = data["last_modified"].as_u64() else {
                continue;
            };
            let record = if e["action"] == "delete" || data["deleted"] == json!(true) {
                None
            } else {
                match Record::from_kinto(c, data) {
                    Some(r) => Some(r),
                    None => continue,
                }
            };
            let place = Place::new(c, id);
            if by_place.get(&place).is_none_or(|(v, _)| *v < version) {
                by_place.insert(place, (version, record));
            }
        }
        let changes = by_place
            .into_iter()
            .filter(|(place, (version, _))| self.held(place).is_none_or(|h| h < *version))
            .map(|(place, (_, record))| (place, record))
            .collect();
        (changes, newest)
    }

    /// The version of the record at `place` this replica holds (an audit entry, written
    /// once, as the newest there can be).
    fn held(&self, place: &Place) -> Option<u64> {
        match place.collection.as_str() {
            "mail" => self
                .mail
                .values()
                .find(|(p, _)| p == place)
                .map(|(_, v)| *v),
            "audit" => self.audit.values().any(|p| p == place).then_some(u64::MAX),
            "inbox" => self.inbox.get(place).map(|(v, _)| *v),
            layout::LEVELS => self.levels.get(&place.record).map(|(v, _)| *v),
            layout::DECISIONS => self.decisions.get(&place.record).map(|(v, _)| *v),
            _ => self
                .versions
                .get(place)
                .copied()
                .max(self.staged.get(place).map(|r| r.version)),
        }
    }

    /// The inbox as a whole listing shows it: what it lists, and a deletion for each
    /// request this replica holds that it no longer lists (Kinto shows the tombstone of
    /// a record readable through its own permissions to nobody, so `_since` cannot tell).
    pub fn inbox_listing(
        &self,
        listed: Vec<(Place, Option<Record>)>,
    ) -> Vec<(Place, Option<Record>)> {
        // A request kept in this browser (version 0) is not on the server yet.
        let gone: Vec<_> = self
            .inbox
            .iter()
            .filter(|(_, (version, _))| *version != 0)
            .map(|(p, _)| p)
            .filter(|p| !listed.iter().any(|(q, _)| q == *p))
            .map(|p| (p.clone(), None))
            .collect();
        listed.into_iter().chain(gone).collect()
    }

    /// Takes in a record another browser changed (from the change feed, or the current
    /// record a refused write came back with); `None` data is a deletion. Returns
    /// whether the state changed.
    pub fn absorb(
        &mut self,
        state: &mut State,
        place: &Place,
        record: Option<&Record>,
    ) -> Result<bool, String> {
        self.absorb_with(state, place, record, false)
    }

    /// The current record a refused (412) write came back with: taken in as it is, even
    /// a part its head does not name yet, as the next write goes over its version.
    pub fn absorb_current(
        &mut self,
        state: &mut State,
        place: &Place,
        record: Option<&Record>,
    ) -> Result<bool, String> {
        self.absorb_with(state, place, record, true)
    }

    fn absorb_with(
        &mut self,
        state: &mut State,
        place: &Place,
        record: Option<&Record>,
        force: bool,
    ) -> Result<bool, String> {
        match place.collection.as_str() {
            "mail" => {
                let Some(r) = record else { return Ok(false) };
                if self
                    .mail
                    .values()
                    .any(|(p, v)| p == place && *v == r.version)
                {
                    return Ok(false);
                }
                schema_of(&r.data)?;
                let mut m: Mail =
                    serde_json::from_value(r.data["mail"].clone()).map_err(|e| e.to_string())?;
                if let Some((&n, _)) = self.mail.iter().find(|(_, (p, _))| p == place) {
                    m.id = MailId(n);
                    self.mail.insert(n, (place.clone(), r.version));
                    replace_mail(state, m);
                    return Ok(true);
                }
                let n = state.next_mail_id().0;
                m.id = MailId(n);
                self.mail.insert(n, (place.clone(), r.version));
                replace_mail(state, m);
                Ok(true)
            }
            "inbox" => match record {
                None => Ok(self.inbox.remove(place).is_some()),
                Some(r) => {
                    schema_of(&r.data)?;
                    let a = Inbound::of(&r.data)?;
                    Ok(self.inbox.insert(place.clone(), (r.version, a.clone()))
                        != Some((r.version, a)))
                }
            },
            layout::LEVELS => {
                let Some(r) = record else { return Ok(false) };
                if self.levels.get(&place.record).map(|(v, _)| *v) == Some(r.version) {
                    return Ok(false);
                }
                schema_of(&r.data)?;
                let level = level_of(&r.data)?;
                self.levels.insert(place.record.clone(), (r.version, level));
                self.vet_again(state, &AggKey::Company(place.record.clone()))?;
                Ok(true)
            }
            layout::DECISIONS => {
                let Some(r) = record.filter(|_| place.record != layout::DECISIONS_HERE) else {
                    return Ok(false);
                };
                if self.decisions.get(&place.record).map(|(v, _)| *v) == Some(r.version) {
                    return Ok(false);
                }
                schema_of(&r.data)?;
                let decision = decision_of(&r.data)?;
                self.decisions
                    .insert(place.record.clone(), (r.version, decision));
                self.vet_again(state, &AggKey::Application(place.record.clone()))?;
                Ok(true)
            }
            "audit" => {
                let Some(r) = record else { return Ok(false) };
                if self.audit.values().any(|p| p == place) {
                    return Ok(false);
                }
                schema_of(&r.data)?;
                let mut e: AuditEntry =
                    serde_json::from_value(r.data["entry"].clone()).map_err(|e| e.to_string())?;
                let n = state.next_audit_seq();
                e.seq = n;
                self.audit.insert(n, place.clone());
                let chunk_no = (n / onboard_core::audit::CHUNK as u64) as u32;
                let mut chunk = AuditChunk {
                    entries: state.audit_chunk(chunk_no).to_vec(),
                };
                chunk.entries.push(e);
                put_chunk(state, AggKey::Audit(chunk_no), &chunk);
                Ok(true)
            }
            _ => {
                let key = layout::key_of(place).ok_or("not a record of this build")?;
                match record {
                    Some(r) => {
                        if self.versions.get(place) == Some(&r.version) {
                            return Ok(false);
                        }
                        schema_of(&r.data)?;
                        let head = key.head();
                        if head != key && force && state.aggregate(&head).is_none() {
                            // The current record of a refused write, a part whose head
                            // is not stored: another command's, still writing.
                            self.staged.insert(place.clone(), r.clone());
                            self.contested.insert(place.clone());
                            return Ok(false);
                        }
                        if head != key && !force && !self.named(&head, r) {
                            // Its head does not name it yet: the command that wrote it
                            // is still writing (or failed); it waits for that head.
                            self.staged.insert(place.clone(), r.clone());
                            return Ok(false);
                        }
                        let value = self.vetted(&key, &r.data["value"], r.version);
                        state.insert_aggregate(&key, &value)?;
                        self.versions.insert(place.clone(), r.version);
                        self.staged.remove(place);
                        self.contested.remove(place);
                        if let Some(tag) = r.data["tx"].as_str() {
                            self.tags.insert(place.clone(), tag.to_string());
                        }
                        if head == key {
                            self.expect(place, &r.data);
                            // The parts that waited for this head.
                            let ready: Vec<Record> = self
                                .staged
                                .values()
                                .filter(|p| p.place.collection == place.collection)
                                .filter(|p| {
                                    layout::key_of(&p.place).is_some_and(|k| k.head() == key)
                                        && self.named(&key, p)
                                })
                                .cloned()
                                .collect();
                            for p in ready {
                                self.absorb_with(state, &p.place.clone(), Some(&p), true)?;
                            }
                        }
                    }
                    None => {
                        if self.versions.remove(place).is_none() {
                            return Ok(false);
                        }
                        state.remove_aggregate(&key);
                    }
                }
                if let Some(Space {
                    groups: (readers, writers),
                    people: Some((members, managers)),
                    ..
                }) = space_of(&key, state)
                {
                    self.groups.insert(readers, members);
                    self.groups.insert(writers, managers);
                }
                Ok(true)
            }
        }
    }
}

impl Replica {
    /// A record's value (of version `version`) as the state takes it in: a company's
    /// with the level `levels` holds for it (the company's admins write the company's
    /// record, not its level); an application's with the stage the office decided
    /// ([`decided`]; its applicant writes the application's record, not the decision).
    fn vetted(&self, key: &AggKey, value: &Value, version: u64) -> String {
        let fact = match key {
            AggKey::Company(id) => self.levels.get(id).map(|(_, l)| ("level", json!(l))),
            AggKey::Application(n) if self.decisions_apart => {
                serde_json::from_value::<AppStatus>(value["status"].clone())
                    .ok()
                    .map(|written| {
                        let status = decided(written, version, self.decisions.get(n.as_str()));
                        ("status", json!(status))
                    })
            }
            _ => None,
        };
        match (fact, value) {
            (Some((field, fact)), Value::Object(o)) if o.get(field) != Some(&fact) => {
                let mut o = o.clone();
                o.insert(field.into(), fact);
                Value::Object(o).to_string()
            }
            _ => value.to_string(),
        }
    }

    /// Takes aggregate `key` in again as [`Self::vetted`] makes it now (a level or a
    /// decision came in after its record).
    fn vet_again(&self, state: &mut State, key: &AggKey) -> Result<(), String> {
        let Some(text) = state.aggregate(key) else {
            return Ok(());
        };
        let value: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let version = self.versions.get(&place(key)).copied().unwrap_or(0);
        state.insert_aggregate(key, &self.vetted(key, &value, version))
    }

    /// The write of the office's decision `status` on application `number` (readable
    /// by its applicant, `applicant`): over the version read, or only if it has none.
    fn decision_write(&self, number: &str, status: &AppStatus, applicant: &Email) -> Write {
        let place = layout::decision_place(number);
        let body = json!({
            "data": {"schema": SCHEMA, "status": status},
            "permissions": {"read": [account(applicant.as_str())]},
        });
        let put = Request::put(place.path(), body);
        Write {
            request: match self.decisions.get(number) {
                Some((version, _)) => put.only_over(*version),
                None => put.only_if_absent(),
            },
            target: Target::Decision(number.to_string(), status.clone(), place),
        }
    }

    /// The write of company `id`'s `levels` record (readable by its two groups): over
    /// the version read, or only if it has none.
    fn level_write(&self, id: &str, level: Membership) -> Write {
        let (readers, writers) = layout::company_groups(id);
        let place = layout::level_place(id);
        let body = json!({
            "data": {"schema": SCHEMA, "level": level},
            "permissions": {"read": [layout::group(&readers), layout::group(&writers)]},
        });
        let put = Request::put(place.path(), body);
        Write {
            request: match self.levels.get(id) {
                Some((version, _)) => put.only_over(*version),
                None => put.only_if_absent(),
            },
            target: Target::Level(id.to_string(), level, place),
        }
    }
}

/// The level of a `levels` record.
fn level_of(data: &Value) -> Result<Membership, String> {
    serde_json::from_value(data["level"].clone()).map_err(|e| e.to_string())
}

/// The status of a `decisions` record: one the office decides.
fn decision_of(data: &Value) -> Result<AppStatus, String> {
    let status: AppStatus =
        serde_json::from_value(data["status"].clone()).map_err(|e| e.to_string())?;
    if status.is_decision() {
        Ok(status)
    } else {
        Err("not a decision".into())
    }
}

/// Where an application stands, from what its record says (`written`, at version
/// `version`) and the office's decision on it (as `decisions` holds it: version,
/// status): the decision, unless the applicant sent the application again after it
/// (their answer to a request for documents; versions are the server's clock, so two
/// browsers' clocks do not matter); without a decision, never a stage only the office
/// sets (submitted instead).
pub fn decided(written: AppStatus, version: u64, decision: Option<&(u64, AppStatus)>) -> AppStatus {
    match (written, decision) {
        (
            w @ AppStatus::Submitted {
                resubmitted: true, ..
            },
            Some((decided_at, AppStatus::DocumentsRequested { .. })),
        ) if version > *decided_at => w,
        (_, Some((_, d))) => d.clone(),
        (
            AppStatus::DocumentsRequested { at, .. }
            | AppStatus::Approved { at, .. }
            | AppStatus::Rejected { at, .. },
            None,
        ) => AppStatus::Submitted {
            at,
            resubmitted: false,
        },
        (w @ (AppStatus::Draft | AppStatus::Submitted { .. }), None) => w,
    }
}

fn key_site(key: &AggKey) -> Option<onboard_core::site::SiteNumber> {
    match key {
        AggKey::Site(n) | AggKey::SiteUsers(n, _) | AggKey::SiteRequests(n, _) => Some(n.clone()),
        _ => None,
    }
}

/// Whether `key` is a record of a guarded space (a site's or a company's collection).
fn in_space(key: &AggKey) -> bool {
    matches!(
        key,
        AggKey::Site(_)
            | AggKey::SiteUsers(..)
            | AggKey::SiteRequests(..)
            | AggKey::Company(_)
            | AggKey::CompanyEmployees(..)
            | AggKey::CompanyRequests(..)
    )
}

fn put_chunk<T: serde::Serialize>(state: &mut State, key: AggKey, chunk: &T) {
    let text = serde_json::to_string(chunk).expect("a chunk serialises");
    state
        .insert_aggregate(&key, &text)
        .expect("a chunk numbered in place is accepted");
}

/// Puts a mail (by its number) into its chunk, replacing one of the same number.
fn replace_mail(state: &mut State, m: Mail) {
    let n = (m.id.0 / mail::CHUNK as u64) as u32;
    let mut chunk = MailChunk {
        mails: state.mail_chunk(n).to_vec(),
    };
    match chunk.mails.iter_mut().find(|x| x.id == m.id) {
        Some(x) => *x = m,
        None => chunk.mails.push(m),
    }
    put_chunk(state, AggKey::Mail(n), &chunk);
}

/// The collections a caller may read, from the bucket's listing
/// (`GET /buckets/onboard/collections` lists exactly those).
pub fn collections_of(listing: &Value) -> Vec<String> {
    listing["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["id"].as_str())
        .filter(|c| {
            layout::valid_id(c) && ![layout::TOKENS, layout::LEVELS, layout::DECISIONS].contains(c)
        })
        .map(str::to_string)
        // Read by record (a company's people read their company's level, an applicant
        // the decision on their application), so never listed to them: always asked for.
        .chain([layout::LEVELS.to_string(), layout::DECISIONS.to_string()])
        .collect()
}

/// The records of a collection's listing (`GET .../records`, or a `_since` feed, whose
/// deletions come as `{"id", "last_modified", "deleted": true}`): `(place, None)` for a
/// deletion.
pub fn records_of(collection: &str, listing: &Value) -> Vec<(Place, Option<Record>)> {
    listing["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| {
            let id = r["id"].as_str()?;
            let place = Place::new(collection, id);
            if r["deleted"] == json!(true) {
                return Some((place, None));
            }
            Some((place, Some(Record::from_kinto(collection, r.clone())?)))
        })
        .collect()
}

/// The decisions a server set up before `decisions` existed keeps in its applications'
/// own records (`applications`: the records of that collection), as records of
/// `decisions`, each made only if absent; sent once, when provisioning makes that
/// collection, so that those applications keep their stage.
pub fn decisions_kept_in(applications: &[Record]) -> Vec<Request> {
    let none = Replica::default();
    applications
        .iter()
        .filter(|r| schema_of(&r.data).is_ok())
        .filter_map(|r| {
            let AggKey::Application(n) = layout::key_of(&r.place)? else {
                return None;
            };
            let value = &r.data["value"];
            let status = serde_json::from_value::<AppStatus>(value["status"].clone()).ok()?;
            let email = Email::parse(value["email"].as_str()?).ok()?;
            status
                .is_decision()
                .then(|| none.decision_write(&n, &status, &email).request)
        })
        .collect()
}

/// Which account sent a mail, as its record's writers tell its recipient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sender {
    /// The recipient's own account (its own command sent it the mail).
    Own,
    /// Another account, by its email.
    Account(String),
    /// Not to be told: more than one other account may write the record (a record
    /// this build never makes), or its writers were not shown.
    Unknown,
}

/// Who sent the mail to `recipient` whose record has `permissions` (as the server shows
/// them to a writer): a mail's record names its recipient as its one writer, and Kinto
/// adds the account that created it, whatever it asked for.
pub fn sender_of(permissions: &Value, recipient: &str) -> Sender {
    let me = account(recipient);
    let Some(writers) = permissions["write"].as_array() else {
        return Sender::Unknown;
    };
    let writers: Vec<&str> = writers.iter().filter_map(Value::as_str).collect();
    if !writers.contains(&me.as_str()) {
        return Sender::Unknown;
    }
    let others: Vec<&str> = writers.into_iter().filter(|w| *w != me).collect();
    match others.as_slice() {
        [] => Sender::Own,
        [one] => match one.strip_prefix("account:") {
            Some(email) => Sender::Account(email.to_string()),
            None => Sender::Unknown,
        },
        _ => Sender::Unknown,
    }
}

/// The company a token's directory entry shows (`status`, `body`: the answer to
/// [`layout::directory_lookup`]); `None` when the token opens nothing (401: no such
/// account) or its entry cannot be read.
pub fn choice_of(status: u16, body: &Value) -> Option<JoinChoice> {
    if status != 200 {
        return None;
    }
    schema_of(&body["data"]).ok()?;
    serde_json::from_value(body["data"]["entry"].clone()).ok()
}

/// What the server said to one write.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Taken; the record's new version (0 for a group or collection).
    Took(u64),
    /// Someone else changed (or made) it first: the current record, when the server
    /// sent it back.
    Stale(Option<Record>),
    /// Refused (401, 403...): the caller may not write it.
    Refused(u16),
    /// Anything else (a 409 or 503 under load, a server error): may be retried.
    Failed(u16),
}

/// Whether `existing` (a record as Kinto sends it) holds every field of what `write`
/// sends as its data.
fn is_as_written(write: &Write, existing: &Value) -> bool {
    let (Some(sent), Some(held)) = (
        write
            .request
            .body
            .as_ref()
            .and_then(|b| b["data"].as_object()),
        existing.as_object(),
    ) else {
        return false;
    };
    sent.iter().all(|(k, v)| held.get(k) == Some(v))
}

pub fn answer(write: &Write, status: u16, body: &Value) -> Answer {
    match status {
        // A deletion answers 200 with the tombstone; 404 for one already gone.
        200 | 201 => Answer::Took(body["data"]["last_modified"].as_u64().unwrap_or(0)),
        // Refused, but the record is already as this write would make it: an earlier
        // try of it was taken (its answer lost, or a batch sent again; a part or an
        // entry carries this command's nonce, so only that try wrote it).
        412 if is_as_written(write, &body["details"]["existing"]) => Answer::Took(
            body["details"]["existing"]["last_modified"]
                .as_u64()
                .unwrap_or(0),
        ),
        412 => {
            let existing = &body["details"]["existing"];
            let current = match &write.target {
                Target::Record(p, _)
                | Target::Mail(_, p)
                | Target::Audit(_, p)
                | Target::Level(_, _, p)
                | Target::Decision(_, _, p)
                    if existing.is_object() =>
                {
                    Record::from_kinto(&p.collection, existing.clone())
                }
                _ => None,
            };
            Answer::Stale(current)
        }
        401 | 403 => Answer::Refused(status),
        s => Answer::Failed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onboard_core::i18n::Lang;
    use onboard_core::site_commands::SiteCommand;
    use onboard_core::text::Email;
    use onboard_core::{apply, Command, Ctx, Timestamp};

    fn enrol() -> SiteCommand {
        site_commands::Enrol {
            company: "Example KK".into(),
            country: "JP".into(),
            postal: "1068711".into(),
            prefecture: "Tokyo".into(),
            city: "Minato-ku".into(),
            street: "Roppongi 3-2-12".into(),
            family: "Yamada".into(),
            given: "Hanako".into(),
            email: "hanako@example.com".into(),
            mail_lang: Lang::Ja,
        }
        .into()
    }

    /// The place and data of a site's head record, as the office's enrolment writes it.
    fn enrolled_head() -> (Place, Value) {
        let office = Email::parse("office@example.com").unwrap();
        let state = State::default();
        let actor = state.actor_of_account(&office, true);
        let out = apply(&state, &actor, Command::Site(enrol()), &ctx(1)).unwrap();
        let plan = Replica::default().plan(&state, &out.changed, &out.state, "n1");
        plan.iter()
            .find_map(|w| match (&w.target, &w.request.body) {
                (Target::Record(p, _), Some(b)) if p.collection.starts_with("site-") => {
                    Some((p.clone(), b["data"].clone()))
                }
                _ => None,
            })
            .expect("the site's head")
    }

    fn ctx(n: u8) -> Ctx {
        Ctx::new(Timestamp(1_790_000_000_000 + n as i64), [n; 32])
    }

    /// An office enrols a site: the plan makes the space first, then the records, the
    /// mail (readable by its recipient) and the audit entry last; every aggregate write
    /// is conditional.
    #[test]
    fn a_plan_makes_the_space_first_and_the_entries_last() {
        let office = Email::parse("office@example.com").unwrap();
        let state = State::default();
        let actor = state.actor_of_account(&office, true);
        let out = apply(&state, &actor, Command::Site(enrol()), &ctx(1)).unwrap();
        let replica = Replica::default();
        let plan = replica.plan(&state, &out.changed, &out.state, "n1");
        let kinds: Vec<&str> = plan
            .iter()
            .map(|w| match &w.target {
                Target::Space | Target::Group(..) => "space",
                Target::Record(..) => "record",
                Target::Mail(..) => "mail",
                Target::Audit(..) => "audit",
                Target::Level(..) => "level",
                Target::Decision(..) => "decision",
                Target::Inbox(_) | Target::Directory(..) | Target::Readers(_) | Target::Quiet => {
                    "inbox"
                }
            })
            .collect();
        let first_record = kinds.iter().position(|k| *k == "record").unwrap();
        assert!(
            kinds[..first_record].iter().all(|k| *k == "space"),
            "{kinds:?}"
        );
        assert_eq!(&kinds[first_record - 3..first_record], ["space"; 3]);
        let first_entry = kinds.iter().position(|k| *k == "mail").unwrap();
        assert!(kinds[first_entry..]
            .iter()
            .all(|k| matches!(*k, "mail" | "audit")));
        for w in &plan {
            match &w.target {
                Target::Record(..) | Target::Mail(..) | Target::Audit(..) => assert!(
                    w.request.create_only || w.request.if_match.is_some(),
                    "{:?}",
                    w.request
                ),
                _ => {}
            }
            if let Target::Mail(..) = w.target {
                let perms = &w.request.body.as_ref().unwrap()["permissions"];
                assert_eq!(perms["write"], json!(["account:hanako@example.com"]));
            }
        }
        // Once written, the same outcome plans nothing new but what changed again.
        let mut replica = replica;
        for w in &plan {
            replica.wrote(&w.target, 5);
        }
        assert!(replica
            .plan(&state, &out.changed, &out.state, "n2")
            .iter()
            .all(|w| w.request.if_match == Some(5) || matches!(w.target, Target::Space)));
    }

    /// A state holding a verified ID for `email`.
    fn verified(email: &str) -> State {
        use onboard_core::identity_commands::{CreateId, VerifyId};
        let anyone = Actor::anonymous();
        let create = CreateId {
            email: email.into(),
            family: "Suzuki".into(),
            given: "Carol".into(),
            country: "JP".into(),
            mail_lang: Lang::En,
            password: "correct horse battery".into(),
            confirm: "correct horse battery".into(),
            accept_terms: true,
        };
        let state = apply(&State::default(), &anyone, create.into(), &ctx(1))
            .unwrap()
            .state;
        let code = onboard_core::demo::latest_code(&state, &Email::parse(email).unwrap()).unwrap();
        let verify = VerifyId {
            email: email.into(),
            code,
        };
        apply(&state, &anyone, verify.into(), &ctx(2))
            .unwrap()
            .state
    }

    /// An access request made while the server could not be reached: kept in this
    /// browser as its request, it reads back as the same record; held by the replica it
    /// shows as asked (asking again is refused) and survives a listing of the server
    /// without it; withdrawn before it was sent, it is forgotten. A request the server
    /// holds is not forgotten that way, and no other kept request reads as one.
    #[test]
    fn a_request_kept_in_this_browser_shows_as_asked_until_it_is_withdrawn() {
        let state = verified("carol@example.com");
        let me = Email::parse("carol@example.com").unwrap();
        let at = Timestamp(1_790_000_100_000);
        let mut r = Replica::default();
        let (place, request, asked) = r
            .ask(
                &state,
                &me,
                "1234567",
                "7654321",
                "from purchasing",
                at,
                "n1",
            )
            .unwrap();
        let kept = Request::from_kept(&request.to_kept().unwrap()).unwrap();
        assert_eq!(
            Replica::kept_ask(&kept),
            Some((place.clone(), asked.clone()))
        );
        r.keep_ask(place.clone(), asked.clone());
        assert_eq!(r.asked(&me), vec![("1234567".to_string(), at)]);
        assert_eq!(
            r.ask(&state, &me, "1234567", "7654321", "again", at, "n2")
                .map(|_| ()),
            Err(onboard_core::DomainError::DuplicateRequest)
        );
        assert!(
            r.inbox_listing(Vec::new()).is_empty(),
            "not on the server yet"
        );
        assert_eq!(r.kept_to(&me, "1234567"), Some(place.clone()));
        assert_eq!(r.kept_to(&me, "7654321"), None);
        r.forget_kept(&place);
        assert!(r.asked(&me).is_empty());
        // Sent: the server's version; withdrawing it is a write to the server.
        r.asked_now(place.clone(), 7, asked);
        assert_eq!(r.kept_to(&me, "1234567"), None);
        r.forget_kept(&place);
        assert_eq!(r.asked(&me).len(), 1);
        assert_eq!(r.inbox_listing(Vec::new()), vec![(place, None)]);
        // A kept mail or audit entry is no request for the inbox.
        let mail = Request::put(
            Place::new("mail", "m1").path(),
            json!({"data": {"schema": SCHEMA, "mail": {}}}),
        );
        assert_eq!(Replica::kept_ask(&mail), None);
    }

    /// A change to one's own company entry kept in this browser (version 0) says so;
    /// once the server holds it (its version), it waits for the company's admins.
    #[test]
    fn an_own_entry_change_says_whether_it_is_kept_here() {
        let state = verified("carol@example.com");
        let me = Email::parse("carol@example.com").unwrap();
        let identity = state.identity_by_email(&me).unwrap().for_server();
        let at = Timestamp(1_790_000_100_000);
        let own = |company: &str| {
            Inbound::Own(OwnAsk {
                company: company.into(),
                command: PartnerCommand::UpdateMyProfile(
                    onboard_core::partner_commands::UpdateMyProfile {
                        company: company.into(),
                        profile: Default::default(),
                    },
                ),
                at,
                identity: identity.clone(),
            })
        };
        let mut r = Replica::default();
        r.keep_asks(vec![(Place::new("inbox", "oc1n1"), own("c1"))]);
        assert_eq!(r.own_waiting(&me), vec![("c1".to_string(), at, true)]);
        r.asked_now(Place::new("inbox", "oc1n1"), 7, own("c1"));
        assert_eq!(r.own_waiting(&me), vec![("c1".to_string(), at, false)]);
        let other = Email::parse("dave@example.com").unwrap();
        assert!(r.own_waiting(&other).is_empty());
    }

    /// Mails from several browsers are numbered by this replica, by time; a record this
    /// build cannot read, or of a newer build, is skipped and reported.
    #[test]
    fn loading_numbers_entries_and_reports_what_it_cannot_read() {
        let mail = |to: &str, sent: i64| {
            json!({"schema": SCHEMA, "mail": {
                "id": 99, "to": to, "from": mail::FROM_OFFICE, "subject": "s", "blocks": [],
                "sent": sent, "read": false, "lang": "en"
            }})
        };
        let rec = |c: &str, r: &str, data: Value| Record {
            place: Place::new(c, r),
            version: 1,
            data,
        };
        let (_, state, skipped) = Replica::load(vec![
            rec("mail", "eb1", mail("a@example.com", 20)),
            rec("mail", "ea7", mail("a@example.com", 10)),
            rec("mail", "ec2", json!({"schema": SCHEMA + 1, "mail": {}})),
            rec(
                "site-1234567",
                "head",
                json!({"schema": SCHEMA, "value": {"nonsense": 1}}),
            ),
            rec("elsewhere", "x", json!({"schema": SCHEMA, "value": {}})),
        ]);
        let sent: Vec<(u64, i64)> = state
            .mails_newest_first(None)
            .map(|m| (m.id.0, m.sent.0))
            .collect();
        assert_eq!(sent, [(1, 20), (0, 10)]);
        let reasons: Vec<&str> = skipped.iter().map(|s| s.place.record.as_str()).collect();
        assert_eq!(reasons, ["ec2", "x", "head"], "{skipped:?}");
        assert!(skipped[0].reason.contains("newer"));
    }

    /// A poll reads back over the records it read before (`layout::COMMIT_WINDOW_MS`):
    /// a record of a version held is taken in once (the screen is not drawn again).
    #[test]
    fn a_record_read_again_changes_nothing() {
        let (head, data) = enrolled_head();
        let mail = json!({"schema": SCHEMA, "mail": {
            "id": 99, "to": "a@example.com", "from": mail::FROM_OFFICE, "subject": "s",
            "blocks": [], "sent": 20, "read": false, "lang": "en"
        }});
        let records = vec![
            Record {
                place: head,
                version: 5,
                data,
            },
            Record {
                place: Place::new("mail", "eb1"),
                version: 7,
                data: mail,
            },
        ];
        let (mut replica, mut state, skipped) = Replica::load(records.clone());
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(state.mails_newest_first(None).count(), 1);
        let again = records
            .into_iter()
            .map(|r| (r.place.clone(), Some(r)))
            .collect();
        assert!(!replica.absorb_all(&mut state, again));
        assert_eq!(state.mails_newest_first(None).count(), 1);
    }

    /// A write refused (412) whose record already holds what it sends was taken by an
    /// earlier try of it (its answer lost): taken, at the record's version. Any other
    /// refusal is stale, with the record as it is.
    #[test]
    fn a_refused_write_whose_record_is_as_it_sends_is_taken() {
        let place = Place {
            collection: "mail".into(),
            record: "en1".into(),
        };
        let data = json!({"schema": SCHEMA, "mail": {"subject": "Welcome"}});
        let write = Write {
            request: Request::put(place.path(), json!({ "data": data.clone() })).only_if_absent(),
            target: Target::Mail(MailId(0), place),
        };
        let refused = |existing: Value| json!({"details": {"existing": existing}});
        let mut held = data.clone();
        held["id"] = json!("en1");
        held["last_modified"] = json!(42);
        assert_eq!(
            answer(&write, 412, &refused(held.clone())),
            Answer::Took(42)
        );
        held["mail"]["subject"] = json!("Something else");
        assert!(matches!(
            answer(&write, 412, &refused(held)),
            Answer::Stale(Some(_))
        ));
        assert!(matches!(
            answer(&write, 412, &json!({})),
            Answer::Stale(None)
        ));
    }

    /// What a command still lacks after its writes stopped is kept to send later only
    /// when it is all new mail and audit entries (its last writes), and a kept request
    /// comes back as it was.
    #[test]
    fn only_a_plans_last_entries_are_left_to_send_later() {
        let office = Email::parse("office@example.com").unwrap();
        let state = State::default();
        let actor = state.actor_of_account(&office, true);
        let out = apply(&state, &actor, Command::Site(enrol()), &ctx(1)).unwrap();
        let plan = Replica::default().plan(&state, &out.changed, &out.state, "n1");
        let first_entry = plan
            .iter()
            .position(|w| matches!(w.target, Target::Mail(..) | Target::Audit(..)))
            .expect("the welcome mail");
        assert!(first_entry > 0);
        let rest = leftover(&plan, first_entry).expect("the entries");
        assert_eq!(rest.len(), plan.len() - first_entry);
        assert!(
            leftover(&plan, first_entry - 1).is_none(),
            "the site's head"
        );
        assert!(leftover(&plan, 0).is_none());
        assert!(leftover(&plan, plan.len()).is_none(), "nothing left");
        for w in rest {
            let kept = w.request.to_kept().unwrap();
            let back = Request::from_kept(&serde_json::from_str(&kept.to_string()).unwrap());
            assert_eq!(back.as_ref(), Some(&w.request));
        }
        let sign_up = layout::sign_up("someone@example.com", "secret")
            .sent_as(layout::Credentials::Anonymous);
        assert!(
            sign_up.to_kept().is_none(),
            "only the signed-in account's requests"
        );
    }

    /// A part read without its head (a command that stopped before writing it) waits
    /// aside and is not reported; the plan that makes that head writes the part over
    /// the version read, as nothing shows it. One met in a refusal of this replica's
    /// own write (another browser's command may be writing it now) is never written
    /// over: the write stays "only if absent", and is refused again.
    #[test]
    fn a_part_left_without_its_head_is_written_over_unless_met_in_a_refusal() {
        // The demo's company, made anew (as an approval makes it) on a state without it.
        let next = onboard_core::demo::build(Timestamp(1_790_000_000_000), [3; 32]).unwrap();
        let id = next
            .companies()
            .next()
            .expect("the demo's company")
            .id()
            .to_string();
        let changed: BTreeSet<AggKey> = next
            .keys()
            .into_iter()
            .filter(|k| k.head() == AggKey::Company(id.clone()))
            .collect();
        let mut state = next.clone();
        for k in &changed {
            state.remove_aggregate(k);
        }
        let plan = Replica::default().plan(&state, &changed, &next, "n1");
        let (part, data) = plan
            .iter()
            .find_map(|w| match (&w.target, &w.request.body) {
                (Target::Record(p, Some(_)), Some(b)) => Some((p.clone(), b["data"].clone())),
                _ => None,
            })
            .expect("a part of the new company");
        let mut held = data.clone();
        held["id"] = json!(part.record);
        held["last_modified"] = json!(9);
        let orphan = Record::from_kinto(&part.collection, held).unwrap();
        let write_of = |r: &Replica| {
            r.plan(&state, &changed, &next, "n2")
                .into_iter()
                .find(|w| matches!(&w.target, Target::Record(p, _) if *p == part))
                .map(|w| (w.request.create_only, w.request.if_match))
                .unwrap()
        };

        let (replica, loaded, skipped) = Replica::load(vec![orphan.clone()]);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(loaded.companies().count(), 0);
        assert_eq!(write_of(&replica), (false, Some(9)));

        let mut replica = Replica::default();
        let mut refused = State::default();
        assert_eq!(
            replica.absorb_current(&mut refused, &part, Some(&orphan)),
            Ok(false)
        );
        assert_eq!(refused.companies().count(), 0);
        assert_eq!(write_of(&replica), (true, None));
    }

    /// The change feed (Kinto's history of the bucket) brings each record's newest
    /// entry once, as a record or a deletion, and only what is newer than the replica
    /// holds: the load read it already, or the feed's overlap brought it before.
    #[test]
    fn the_feed_brings_each_records_newest_entry_newer_than_held() {
        let (head, data) = enrolled_head();
        let entry = |ts: u64, action: &str, c: &str, id: &str, data: Value| {
            json!({"last_modified": ts, "action": action, "resource_name": "record",
                   "collection_id": c, "record_id": id, "target": {"data": data}})
        };
        let at = |v: u64| {
            let mut d = data.clone();
            d["id"] = json!(head.record);
            d["last_modified"] = json!(v);
            d
        };
        let (v5, v7) = (at(5), at(7));
        let (mut replica, state, _) =
            Replica::load(vec![
                Record::from_kinto(&head.collection, v5.clone()).unwrap()
            ]);
        assert_eq!(state.sites().count(), 1);
        let feed = json!({"data": [
            entry(106, "update", &head.collection, &head.record, v7),
            entry(105, "update", &head.collection, &head.record, v5.clone()),
            entry(104, "create", "inbox", "q1", json!({"id": "q1", "last_modified": 3})),
            entry(103, "create", "mail", "e1", json!({"id": "e1", "last_modified": 2, "schema": SCHEMA})),
            entry(102, "delete", "mail", "e0", json!({"id": "e0", "last_modified": 1, "deleted": true})),
            {"last_modified": 101, "action": "update", "resource_name": "group",
             "group_id": "office", "target": {"data": {"id": "office", "last_modified": 1}}},
        ]});
        let (changes, newest) = replica.feed(&feed);
        assert_eq!(newest, 106);
        let got: Vec<(String, Option<u64>)> = changes
            .iter()
            .map(|(p, r)| (p.record.clone(), r.as_ref().map(|r| r.version)))
            .collect();
        // The head at its newest (7; not 5, which the load read), a new mail, a
        // deletion; neither the inbox (read whole) nor a group.
        assert_eq!(
            got,
            [
                ("e0".to_string(), None),
                ("e1".to_string(), Some(2)),
                (head.record.clone(), Some(7))
            ]
        );
        // What the replica holds already is not brought again.
        let stale = json!({"data": [entry(105, "update", &head.collection, &head.record, v5)]});
        assert!(replica.feed(&stale).0.is_empty());
    }

    /// A poll lists newest first, and a part may be newer than its head: taken in all
    /// together, the head goes first, so no part is lost for want of its site.
    #[test]
    fn a_part_newer_than_its_head_is_taken_in_after_it() {
        let (place, data) = enrolled_head();
        let head = Record {
            place,
            version: 10,
            data,
        };
        let part = Record {
            place: Place::new(head.place.collection.clone(), "users-0"),
            version: 20,
            data: json!({"schema": SCHEMA, "value": []}),
        };
        assert!(
            layout::key_of(&part.place).is_some_and(|k| k.head() != k),
            "{:?} is a part",
            part.place
        );
        let mut replica = Replica::default();
        let mut fresh = State::default();
        let listed = vec![
            (part.place.clone(), Some(part.clone())),
            (head.place.clone(), Some(head.clone())),
        ];
        assert!(replica.absorb_all(&mut fresh, listed));
        assert_eq!(fresh.site_count(), 1);
        assert_eq!(replica.version(&part.place), Some(20));
        assert_eq!(replica.version(&head.place), Some(10));
    }

    /// A part whose head does not name it yet (its command is still writing) waits; the
    /// head that names it brings it in. A head names the parts of its command.
    #[test]
    fn a_part_waits_for_the_head_that_names_it() {
        let (head_place, data) = enrolled_head();
        let head = |version: u64, tag: &str| {
            let mut data = data.clone();
            data["parts"] = json!({"users-0": tag});
            Record {
                place: head_place.clone(),
                version,
                data,
            }
        };
        let part = |version: u64, tag: &str| Record {
            place: Place::new(head_place.collection.clone(), "users-0"),
            version,
            data: json!({"schema": SCHEMA, "value": [], "tx": tag}),
        };
        let (mut replica, mut state, skipped) = Replica::load(vec![head(10, "t0"), part(11, "t0")]);
        assert!(skipped.is_empty(), "{skipped:?}");
        let p = part(20, "t1");
        assert!(!replica.absorb_all(&mut state, vec![(p.place.clone(), Some(p.clone()))]));
        assert_eq!(replica.version(&p.place), Some(11), "it waits");
        let h = head(21, "t1");
        assert!(replica.absorb_all(&mut state, vec![(h.place.clone(), Some(h.clone()))]));
        assert_eq!(
            replica.version(&p.place),
            Some(20),
            "its head brought it in"
        );
        assert_eq!(replica.version(&h.place), Some(21));
    }

    /// A company's level is the one `levels` holds, whatever the company's own record
    /// says (its admins write that record); a poll takes a change of either in. Only a
    /// change of the level writes `levels`, over the version read.
    #[test]
    fn a_companys_level_is_the_one_levels_holds() {
        let demo = onboard_core::demo::build(Timestamp(1_790_000_000_000), [3; 32]).unwrap();
        let id = demo.companies().next().unwrap().id().to_string();
        let key = AggKey::Company(id.clone());
        let mut value: Value = serde_json::from_str(&demo.aggregate(&key).unwrap()).unwrap();
        let head = |version: u64, value: &Value| Record {
            place: place(&key),
            version,
            data: json!({"schema": SCHEMA, "value": value}),
        };
        let level = |version: u64, l: &str| Record {
            place: layout::level_place(&id),
            version,
            data: json!({"schema": SCHEMA, "level": l}),
        };
        let level_in = |s: &State| s.company(&id).map(Company::level);
        value["level"] = json!("Platinum");
        // Made by an earlier build: no record in `levels`, the company's own.
        let (_, state, _) = Replica::load(vec![head(10, &value)]);
        assert_eq!(level_in(&state), Some(Membership::Platinum));
        let (mut replica, mut state, skipped) =
            Replica::load(vec![head(10, &value), level(5, "Gold")]);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(level_in(&state), Some(Membership::Gold));
        value["level"] = json!("Member");
        assert!(replica.absorb_all(&mut state, vec![(place(&key), Some(head(11, &value)))]));
        assert_eq!(level_in(&state), Some(Membership::Gold));
        let silver = level(6, "Silver");
        assert!(replica.absorb_all(&mut state, vec![(silver.place.clone(), Some(silver))]));
        assert_eq!(level_in(&state), Some(Membership::Silver));

        // The whole demo as a server would hold it, with the level's record.
        let records: Vec<Record> = demo
            .keys()
            .into_iter()
            .filter(|k| !matches!(k, AggKey::Mail(_) | AggKey::Audit(_)))
            .map(|k| Record {
                place: place(&k),
                version: 1,
                data: json!({"schema": SCHEMA, "value":
                    serde_json::from_str::<Value>(&demo.aggregate(&k).unwrap()).unwrap()}),
            })
            .chain([level(6, "Silver")])
            .collect();
        let (replica, state, skipped) = Replica::load(records);
        assert!(skipped.is_empty(), "{skipped:?}");
        let level_writes = |actor: &Actor, cmd: PartnerCommand| -> Vec<Write> {
            let out = apply(&state, actor, Command::Partner(cmd), &ctx(2)).unwrap();
            replica
                .plan(&state, &out.changed, &out.state, "n2")
                .into_iter()
                .filter(|w| matches!(w.target, Target::Level(..)))
                .collect()
        };
        let office = Email::parse("office@example.com").unwrap();
        let office = state.actor_of_account(&office, true);
        let set = partner_commands::SetLevel {
            company: id.clone(),
            level: Membership::Platinum,
        };
        let writes = level_writes(&office, set.into());
        assert_eq!(writes.len(), 1, "{writes:?}");
        assert_eq!(writes[0].request.if_match, Some(6));
        assert_eq!(
            writes[0].request.body.as_ref().unwrap()["data"]["level"],
            json!("Platinum")
        );
        // An admin's change of the company (its auto-accept) writes no level.
        let apa = state
            .company(&id)
            .unwrap()
            .employees()
            .iter()
            .find(|e| e.apa);
        let apa = state.actor_of_account(&apa.unwrap().email, false);
        let auto = partner_commands::SetAutoAccept {
            company: id.clone(),
            on: true,
        };
        assert!(level_writes(&apa, auto.into()).is_empty());
    }

    /// An application's decided stage is the one `decisions` holds: a stage only its
    /// record claims is not taken (submitted instead), a decision stands until the
    /// applicant sends the application again after it, and a server without
    /// `decisions` keeps the record's. Only the office's decision writes one, first of
    /// its writes (a second decision made at once is refused before it writes anything).
    #[test]
    fn an_applications_decided_stage_is_the_one_decisions_holds() {
        use onboard_core::partner::AppStage;
        let demo = onboard_core::demo::build(Timestamp(1_790_000_000_000), [3; 32]).unwrap();
        let app = demo.applications().next().unwrap();
        let (n, email) = (app.number().to_string(), app.email().clone());
        let key = AggKey::Application(n.clone());
        let approved: Value = serde_json::from_str(&demo.aggregate(&key).unwrap()).unwrap();
        let with = |status: AppStatus| {
            let mut v = approved.clone();
            v["status"] = json!(status);
            v
        };
        let record = |version: u64, value: &Value| Record {
            place: place(&key),
            version,
            data: json!({"schema": SCHEMA, "value": value}),
        };
        let decision = |version: u64, status: &Value| Record {
            place: layout::decision_place(&n),
            version,
            data: json!({"schema": SCHEMA, "status": status}),
        };
        let stage = |s: &State| s.application(&n).and_then(|a| a.status().stage());
        let at = Timestamp(1_790_000_000_000);
        let asked = AppStatus::DocumentsRequested {
            at,
            message: "Your registry extract, please.".into(),
        };
        let sent_again = AppStatus::Submitted {
            at,
            resubmitted: true,
        };

        // A server that keeps decisions apart lists its marker record.
        let apart = |mut records: Vec<Record>| {
            records.push(Record {
                place: layout::decision_place(layout::DECISIONS_HERE),
                version: 1,
                data: json!({}),
            });
            Replica::load(records)
        };
        // The record alone says approved: submitted, unless the server keeps no
        // decisions (an earlier build's).
        let (_, state, _) = apart(vec![record(10, &approved)]);
        assert_eq!(stage(&state), Some(AppStage::Submitted));
        let (_, state, _) = Replica::load(vec![record(10, &approved)]);
        assert_eq!(stage(&state), Some(AppStage::Approved));
        // Approved by the office: the record set back to submitted does not undo it.
        let submitted = with(AppStatus::Submitted {
            at,
            resubmitted: false,
        });
        let (_, state, skipped) = apart(vec![
            record(10, &submitted),
            decision(5, &approved["status"]),
        ]);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(stage(&state), Some(AppStage::Approved));
        // Documents asked for: sent again after it, submitted; before it, still asked.
        let (_, state, _) = apart(vec![
            record(10, &with(sent_again.clone())),
            decision(5, &json!(asked)),
        ]);
        assert_eq!(stage(&state), Some(AppStage::Submitted));
        let (_, state, _) = apart(vec![
            record(4, &with(sent_again)),
            decision(5, &json!(asked)),
        ]);
        assert_eq!(stage(&state), Some(AppStage::DocumentsRequested));
        // A decision record holding what is no decision is skipped.
        let (_, _, skipped) = Replica::load(vec![decision(5, &submitted["status"])]);
        assert_eq!(skipped.len(), 1, "{skipped:?}");

        // Polled: the decision may come after the record.
        let (mut replica, mut state, _) = apart(vec![record(10, &submitted)]);
        assert!(replica.absorb_all(&mut state, vec![(place(&key), Some(record(11, &approved)))]));
        assert_eq!(stage(&state), Some(AppStage::Submitted));
        let d = decision(12, &approved["status"]);
        assert!(replica.absorb_all(&mut state, vec![(d.place.clone(), Some(d))]));
        assert_eq!(stage(&state), Some(AppStage::Approved));

        // The office asks for documents: one decision, made only if absent, readable by
        // the applicant, before the application's record and the mail.
        let (replica, state, _) = apart(vec![record(10, &submitted)]);
        let mut state = state;
        for k in demo.keys() {
            if !matches!(k, AggKey::Application(_)) {
                state
                    .insert_aggregate(&k, &demo.aggregate(&k).unwrap())
                    .unwrap();
            }
        }
        let office = Email::parse("office@example.com").unwrap();
        let office = state.actor_of_account(&office, true);
        let ask = partner_commands::RequestDocuments {
            number: n.clone(),
            message: "Your registry extract, please.".into(),
        };
        let out = apply(&state, &office, Command::Partner(ask.into()), &ctx(2)).unwrap();
        let plan = replica.plan(&state, &out.changed, &out.state, "n2");
        let at_of = |f: fn(&Target) -> bool| plan.iter().position(|w| f(&w.target));
        let decided = at_of(|t| matches!(t, Target::Decision(..))).expect("a decision");
        let head = at_of(|t| matches!(t, Target::Record(p, _) if p.collection == "applications"));
        let mail = at_of(|t| matches!(t, Target::Mail(..)));
        // The decision first: a second decision made at once is refused before
        // anything of it is written.
        assert!(decided == 0 && head > Some(0) && mail > head, "{plan:?}");
        let w = &plan[decided];
        assert!(w.request.create_only);
        let body = w.request.body.as_ref().unwrap();
        assert_eq!(body["data"]["status"]["state"], json!("DocumentsRequested"));
        assert_eq!(
            body["permissions"]["read"],
            json!([account(email.as_str())])
        );
        // The applicant's own change (a file attached) writes none.
        let alex = out.state.actor_of_account(&email, false);
        let attach = partner_commands::Attach {
            name: "extract.pdf".into(),
            mime: "application/pdf".into(),
            bytes: b"%PDF-1.4".to_vec(),
        };
        let next = apply(&out.state, &alex, Command::Partner(attach.into()), &ctx(3)).unwrap();
        assert!(!replica
            .plan(&out.state, &next.changed, &next.state, "n3")
            .iter()
            .any(|w| matches!(w.target, Target::Decision(..))));

        // Provisioning a server of an earlier build: its applications' decisions.
        let kept = decisions_kept_in(&[record(10, &approved), record(11, &submitted)]);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(kept[0].path, layout::decision_place(&n).path());
        assert!(kept[0].create_only);
    }

    /// A mail's sender is the one writer of its record besides its recipient (Kinto adds
    /// the creator); none: the recipient's own; several, or no writers shown: unknown.
    #[test]
    fn a_mails_sender_is_the_one_other_writer_of_its_record() {
        let to = "c@example.com";
        let of = |w: Value| sender_of(&json!({ "write": w }), to);
        assert_eq!(
            of(json!([
                "account:c@example.com",
                "account:office@example.com"
            ])),
            Sender::Account("office@example.com".into())
        );
        assert_eq!(of(json!(["account:c@example.com"])), Sender::Own);
        // A creator naming the office as a writer too cannot pass for it.
        let forged = json!([
            "account:c@example.com",
            "account:office@example.com",
            "account:d@example.com"
        ]);
        assert_eq!(of(forged), Sender::Unknown);
        assert_eq!(of(json!(["account:d@example.com"])), Sender::Unknown);
        assert_eq!(sender_of(&json!({}), to), Sender::Unknown);
    }

    /// A plan's entries go in batches of at most 25; every other write alone, in order.
    #[test]
    fn entries_are_sent_in_batches_of_25_and_the_rest_alone() {
        let office = Email::parse("office@example.com").unwrap();
        let state = State::default();
        let actor = state.actor_of_account(&office, true);
        let out = apply(&state, &actor, Command::Site(enrol()), &ctx(1)).unwrap();
        let plan = Replica::default().plan(&state, &out.changed, &out.state, "n1");
        let runs = batches(&plan);
        let entries = plan
            .iter()
            .position(|w| matches!(w.target, Target::Mail(..) | Target::Audit(..)))
            .unwrap();
        assert_eq!(runs.last(), Some(&(entries..plan.len())), "{runs:?}");
        assert!(plan.len() - entries >= 2);
        assert!(runs[..runs.len() - 1].iter().all(|r| r.len() == 1));
        let mails: Vec<Write> = (0..60)
            .map(|i| {
                let place = Place::new("mail", format!("e{i}"));
                Write {
                    request: Request::patch(place.path(), json!({})).only_over(1),
                    target: Target::Mail(MailId(i), place),
                }
            })
            .collect();
        assert_eq!(batches(&mails), [0..25, 25..50, 50..60]);
        let batch = layout::batch(mails[..2].iter().map(|w| &w.request));
        let sent = batch.body.unwrap();
        assert_eq!(sent["requests"][1]["headers"]["If-Match"], json!("\"1\""));
        assert_eq!(sent["requests"][1]["method"], json!("PATCH"));
    }
}
