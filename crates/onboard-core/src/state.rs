//! The whole domain state: aggregates behind `Arc`s so a command copies only what it
//! changes. Queries live here; changes go through [`super::command::apply`].
use super::audit::{self, AuditChunk, AuditEntry, AuditEvent};
use super::chunks::Chunks;
use super::ctx::Timestamp;
use super::error::DomainError;
use super::identity::{Identity, IdentityId};
use super::mail::{self, Mail, MailChunk, MailId};
use super::office::Office;
use super::partner::{Application, Company, TokenGuard};
use super::site::{HelpDesk, Site, SiteNumber, SiteState};
use super::text::Email;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// One unit of storage: a change writes only the aggregates it touches.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AggKey {
    Identity(IdentityId),
    Office,
    Mail(u32),
    Audit(u32),
    Site(SiteNumber),
    Help,
    Application(String),
    Company(String),
    TokenGuard(IdentityId),
    // The parts of long lists (after every head: a commit writes heads first).
    SiteUsers(SiteNumber, u32),
    SiteRequests(SiteNumber, u32),
    CompanyEmployees(String, u32),
    CompanyRequests(String, u32),
    /// A part of the help desk's requests (`help/requests/<i>`).
    HelpPart(u32),
    /// The content of one attachment of an application (`application/<n>/files/<i>`):
    /// a key of its own, so a change to the application never rewrites (nor journals)
    /// its documents.
    AppFile(String, u32),
}

impl AggKey {
    /// The aggregate a part belongs to (a head is its own).
    pub fn head(&self) -> AggKey {
        match self {
            AggKey::SiteUsers(n, _) | AggKey::SiteRequests(n, _) => AggKey::Site(n.clone()),
            AggKey::CompanyEmployees(id, _) | AggKey::CompanyRequests(id, _) => {
                AggKey::Company(id.clone())
            }
            AggKey::AppFile(n, _) => AggKey::Application(n.clone()),
            AggKey::HelpPart(_) => AggKey::Help,
            other => other.clone(),
        }
    }
}

const MISSING_OWNER: &str = "a part of a list whose owner is not stored";

/// Whether the numbers of a chunk's entries are exactly those of chunk `n` of `size`,
/// in order (entry `i` of chunk `n` is number `n * size + i`).
fn chunk_in_place(
    numbers: impl ExactSizeIterator<Item = u64>,
    n: u32,
    size: usize,
) -> Result<(), ()> {
    let lo = n as u64 * size as u64;
    let fits = numbers.len() <= size && numbers.enumerate().all(|(i, x)| x == lo + i as u64);
    fits.then_some(()).ok_or(())
}

#[derive(Clone, Debug, Default)]
pub struct State {
    pub(crate) ids: BTreeMap<IdentityId, Arc<Identity>>,
    pub(crate) by_email: BTreeMap<Email, IdentityId>,
    pub(crate) office: Arc<Office>,
    pub(crate) mail: BTreeMap<u32, Arc<MailChunk>>,
    pub(crate) audit: BTreeMap<u32, Arc<AuditChunk>>,
    pub(crate) sites: BTreeMap<SiteNumber, Arc<Site>>,
    pub(crate) help: Arc<HelpDesk>,
    pub(crate) applications: BTreeMap<String, Arc<Application>>,
    pub(crate) companies: BTreeMap<String, Arc<Company>>,
    pub(crate) token_guards: BTreeMap<IdentityId, Arc<TokenGuard>>,
    /// Attachment contents by (application, index).
    /// Keyed `<application>/<index>` (a `String` key: the map shares its code with
    /// the other maps of the state, which keeps the first download smaller).
    pub(crate) files: BTreeMap<String, Arc<super::partner::FileContent>>,
}

/// The sessions a device holds (its clear tokens; the state keeps only digests).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    pub person: Option<String>,
    pub operator: Option<String>,
}

/// Who is acting, resolved from a [`Device`] against the state at a time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Actor {
    pub(crate) person: Option<(IdentityId, String)>,
    pub(crate) operator: Option<String>,
    /// Shared mode: the account a server authenticated (its email), also before an ID
    /// exists for it.
    pub(crate) account: Option<Email>,
}

impl Actor {
    pub fn anonymous() -> Actor {
        Actor::default()
    }
    pub fn person(&self) -> Option<&IdentityId> {
        self.person.as_ref().map(|(id, _)| id)
    }
    pub fn is_operator(&self) -> bool {
        self.operator.is_some()
    }
    /// Shared mode: the account a server authenticated, if any.
    pub fn account(&self) -> Option<&Email> {
        self.account.as_ref()
    }
}

impl State {
    // ----- queries -------------------------------------------------------------

    pub fn identity(&self, id: &IdentityId) -> Option<&Identity> {
        self.ids.get(id).map(|a| a.as_ref())
    }
    pub fn identity_by_email(&self, email: &Email) -> Option<&Identity> {
        self.by_email.get(email).and_then(|id| self.identity(id))
    }
    pub fn identity_count(&self) -> usize {
        self.ids.len()
    }
    pub fn office(&self) -> &Office {
        &self.office
    }
    pub fn site(&self, n: &SiteNumber) -> Option<&Site> {
        self.sites.get(n).map(|a| a.as_ref())
    }
    pub fn sites(&self) -> impl Iterator<Item = &Site> {
        self.sites.values().map(|a| a.as_ref())
    }
    pub fn site_count(&self) -> usize {
        self.sites.len()
    }
    /// Sites waiting for the first sign-in of the primary contact `email`.
    pub fn sites_awaiting(&self, email: &Email) -> Vec<&Site> {
        self.sites()
            .filter(|s| &s.primary().email == email && s.state() != SiteState::Active)
            .collect()
    }
    /// Active sites where `email` is the primary contact or a user (whose invitation,
    /// if any, did not lapse).
    pub fn sites_of(&self, email: &Email) -> Vec<&Site> {
        self.sites()
            .filter(|s| s.role_of(Some(email)) != super::site::SiteRole::Outsider)
            .filter(|s| !self.lapsed(s, email))
            .collect()
    }
    /// Whether nothing at all is stored (the demo data loads only then).
    pub fn is_empty(&self) -> bool {
        self.keys().is_empty()
    }
    /// A site user is active once a verified ID has their email; until then invited,
    /// and expired once their invitation ran out with no verified ID before its end.
    pub fn user_status(
        &self,
        user: &super::site::SiteUser,
        now: Timestamp,
    ) -> super::site::UserStatus {
        use super::site::UserStatus;
        let verified = self
            .identity_by_email(&user.email)
            .and_then(|i| i.verified_at());
        match (verified, &user.invite()) {
            (Some(v), Some(inv)) if v >= inv.expires => UserStatus::Expired,
            (Some(_), _) => UserStatus::Active,
            (None, Some(inv)) if now >= inv.expires => UserStatus::Expired,
            (None, _) => UserStatus::Invited,
        }
    }
    /// The rows of a site's users list that its filter finds, by position: 0 is the
    /// primary contact, then the site's users in order, then its waiting access
    /// requests. `key` is what was typed, as [`super::text::search_key`] makes it,
    /// trimmed. A row is found by its email, or by its person's name (as
    /// [`super::identity::name_matches`] finds it): the primary contact's as the site
    /// holds it, anyone else's only once their ID is verified (the list shows no other
    /// name).
    pub fn site_rows_matching(&self, site: &super::site::Site, key: &str) -> Vec<usize> {
        use super::identity::name_matches;
        let found = |e: &Email| {
            e.as_str().contains(key)
                || self
                    .identity_by_email(e)
                    .filter(|i| i.is_verified())
                    .is_some_and(|i| name_matches(i.given.as_str(), i.family.as_str(), key))
        };
        let p = site.primary();
        let primary = p.email.as_str().contains(key)
            || name_matches(p.given.as_str(), p.family.as_str(), key);
        let emails = site
            .users()
            .iter()
            .map(|u| &u.email)
            .chain(site.pending_requests().map(|r| &r.email));
        primary
            .then_some(0)
            .into_iter()
            .chain(
                emails
                    .enumerate()
                    .filter(|(_, e)| found(e))
                    .map(|(i, _)| i + 1),
            )
            .collect()
    }
    /// [`super::site::may`], unless `email`'s access lapsed (see [`State::lapsed`]):
    /// what a page shows follows what the commands allow.
    pub fn may_on(
        &self,
        site: &super::site::Site,
        email: Option<&Email>,
        action: super::site::SiteAction,
    ) -> bool {
        super::site::may(site, email, action) && !email.is_some_and(|e| self.lapsed(site, e))
    }
    /// The site's users who have not got in yet: (address, invitation, expired), as
    /// the pending invitations list shows them.
    pub fn pending_invitations(
        &self,
        site: &super::site::Site,
        now: Timestamp,
    ) -> Vec<(Email, crate::invite::Invite, bool)> {
        use super::site::UserStatus;
        site.users()
            .iter()
            .filter_map(|u| {
                let inv = u.invite()?;
                let status = self.user_status(u, now);
                (status != UserStatus::Active)
                    .then(|| (u.email.clone(), inv, status == UserStatus::Expired))
            })
            .collect()
    }
    /// Whether `email`'s access to `site` lapsed: its invitation ran out before its
    /// ID was verified. Such a user may do nothing on the site (`site_commands`
    /// checks it with `may`) until the invitation is sent again.
    /// The primary contact is never one of the site's users (naming a user primary
    /// takes them out of the list), so its access never lapses: no look at the users.
    pub fn lapsed(&self, site: &super::site::Site, email: &Email) -> bool {
        if &site.primary().email == email {
            return false;
        }
        site.user(email).is_some_and(|u| {
            u.invite().is_some_and(|inv| {
                self.identity_by_email(email)
                    .and_then(|i| i.verified_at())
                    .is_some_and(|v| v >= inv.expires)
            })
        })
    }
    pub fn help_desk(&self) -> &HelpDesk {
        &self.help
    }
    pub fn applications(&self) -> impl Iterator<Item = &Application> {
        self.applications.values().map(|a| a.as_ref())
    }
    /// The sent applications the office's list shows, newest first: those at `stage`
    /// (any, for `None`) that [`Application::matches`] `key`. Drafts are not sent.
    pub fn sent_applications(
        &self,
        key: &str,
        stage: Option<crate::partner::AppStage>,
    ) -> Vec<&Application> {
        let mut v: Vec<&Application> = self
            .applications()
            .filter(|a| {
                a.status()
                    .stage()
                    .is_some_and(|s| stage.is_none_or(|want| s == want))
                    && a.matches(key)
            })
            .collect();
        v.sort_by_key(|a| std::cmp::Reverse(a.created()));
        v
    }
    /// How many sent applications are at each stage (in `AppStage::ALL`'s order).
    pub fn application_counts(&self) -> [usize; 4] {
        let mut n = [0; 4];
        for s in self.applications().filter_map(|a| a.status().stage()) {
            n[s as usize] += 1;
        }
        n
    }
    pub fn application(&self, number: &str) -> Option<&Application> {
        self.applications.get(number).map(|a| a.as_ref())
    }
    /// The newest application of an ID (open or decided).
    pub fn application_of(&self, id: &IdentityId) -> Option<&Application> {
        self.applications()
            .filter(|a| a.applicant() == id)
            .max_by_key(|a| a.number().to_string())
    }
    pub fn companies(&self) -> impl Iterator<Item = &Company> {
        self.companies.values().map(|a| a.as_ref())
    }
    /// The member companies the office's list shows, newest member first: those at
    /// `level` (any, for `None`) that [`Company::matches`] `key`.
    pub fn member_companies(
        &self,
        key: &str,
        level: Option<crate::partner::Membership>,
    ) -> Vec<&Company> {
        let mut v: Vec<&Company> = self
            .companies()
            .filter(|c| level.is_none_or(|l| c.level() == l) && c.matches(key))
            .collect();
        v.sort_by_key(|c| (std::cmp::Reverse(c.created()), c.id().to_string()));
        v
    }
    /// The IDs the office's list finds for `key` ([`Identity::matches`]) in `state`
    /// at `now` (`None`: every state), newest first.
    pub fn ids_found(
        &self,
        key: &str,
        state: Option<crate::identity::IdState>,
        now: Timestamp,
    ) -> Vec<&Identity> {
        let mut v: Vec<&Identity> = self
            .ids
            .values()
            .map(|a| a.as_ref())
            .filter(|i| state.is_none_or(|s| i.state(now) == s) && i.matches(key))
            .collect();
        v.sort_by(|a, b| (b.created(), a.email()).cmp(&(a.created(), b.email())));
        v
    }
    /// How many IDs are in each state at `now` (in `IdState::ALL`'s order).
    pub fn id_state_counts(&self, now: Timestamp) -> [usize; 3] {
        let mut n = [0; 3];
        for i in self.ids.values() {
            n[i.state(now).index()] += 1;
        }
        n
    }
    /// How many companies are at each level (in `Membership::ALL`'s order).
    pub fn level_counts(&self) -> [usize; 4] {
        let mut n = [0; 4];
        for c in self.companies() {
            n[c.level().index()] += 1;
        }
        n
    }
    pub fn company(&self, id: &str) -> Option<&Company> {
        self.companies.get(id).map(|a| a.as_ref())
    }
    /// What an audit entry's subject is called: a company's legal name for its
    /// internal id (nobody sees those ids elsewhere), otherwise the subject itself (an
    /// address, a site or application number).
    pub fn subject_name<'a>(&'a self, subject: &'a str) -> &'a str {
        self.company(subject)
            .map_or(subject, |c| c.profile.legal_name.as_str())
    }
    /// The company an ID belongs to (as an employee, active or not).
    /// The member company an approved application made (`number`: the application's).
    pub fn company_from_application(&self, number: &str) -> Option<&Company> {
        self.companies().find(|c| c.application() == number)
    }
    /// The applications whose approval is not finished ([`Self::unfinished_approval`]),
    /// newest first.
    pub fn unfinished_approvals(&self) -> Vec<String> {
        self.sent_applications("", Some(super::partner::AppStage::Approved))
            .into_iter()
            .map(|a| a.number().to_string())
            .filter(|n| self.unfinished_approval(n))
            .collect()
    }
    /// Whether application `number` is approved but the company its decision names
    /// was never made (a shared server stopped between the two writes): the office
    /// finishes it by approving it again.
    pub fn unfinished_approval(&self, number: &str) -> bool {
        match self.application(number).map(|a| a.status()) {
            Some(super::partner::AppStatus::Approved { company, .. }) => {
                self.company(company).is_none() && self.company_from_application(number).is_none()
            }
            _ => false,
        }
    }
    pub fn company_of(&self, id: &IdentityId) -> Option<&Company> {
        self.companies().find(|c| c.employee(id).is_some())
    }
    pub fn company_by_token(&self, token: &super::partner::CompanyToken) -> Option<&Company> {
        self.companies()
            .find(|c| super::secret::ct_eq(c.token().as_str(), token.as_str()))
    }
    pub fn token_guard(&self, id: &IdentityId) -> Option<&TokenGuard> {
        self.token_guards.get(id).map(|a| a.as_ref())
    }

    /// Resolves the device's sessions: an ended or idle session counts as signed out.
    pub fn actor(&self, device: &Device, now: Timestamp) -> Actor {
        let person = device.person.as_ref().and_then(|token| {
            self.ids
                .values()
                .find(|i| i.sessions.is_live(token, now))
                .map(|i| (i.id.clone(), token.clone()))
        });
        let operator = device.operator.as_ref().and_then(|token| {
            self.office
                .operator
                .as_ref()
                .filter(|o| o.sessions.is_live(token, now))
                .map(|_| token.clone())
        });
        Actor {
            person,
            operator,
            account: None,
        }
    }

    /// Shared mode: the caller as the server authenticated them (the account's email,
    /// and whether it is in the office group). No session is involved: the server
    /// checks the password on every request.
    pub fn actor_of_account(&self, email: &Email, office: bool) -> Actor {
        Actor {
            person: self
                .by_email
                .get(email)
                .map(|id| (id.clone(), String::new())),
            operator: office.then(String::new),
            account: Some(email.clone()),
        }
    }

    pub fn mail(&self, id: MailId) -> Option<&Mail> {
        let chunk = self.mail.get(&((id.0 / mail::CHUNK as u64) as u32))?;
        chunk.mails.iter().find(|m| m.id == id)
    }
    /// All mail, newest first, optionally only to one recipient.
    pub fn mails_newest_first<'a>(
        &'a self,
        to: Option<&'a Email>,
    ) -> impl Iterator<Item = &'a Mail> + 'a {
        self.mail
            .values()
            .rev()
            .flat_map(|c| c.mails.iter().rev())
            .filter(move |m| to.is_none_or(|e| &m.to == e))
    }
    /// The mails the mailbox's search finds for `key` ([`Mail::matches`]), newest
    /// first, optionally only to one recipient and only read or unread (`read`).
    pub fn mails_found<'a>(
        &'a self,
        to: Option<&'a Email>,
        read: Option<bool>,
        key: &'a str,
    ) -> impl Iterator<Item = &'a Mail> + 'a {
        self.mails_newest_first(to)
            .filter(move |m| read.is_none_or(|r| m.read == r) && m.matches(key))
    }
    /// The mails next to `id` in the mailbox's list for `to`, `read` and `key`
    /// ([`State::mails_found`]): the newer one and the older one, each with its place
    /// in that list (to find its page). The mail itself stays in the list whatever it
    /// is now (opening an unread mail marks it read); none when it is not there.
    pub fn mail_neighbours(
        &self,
        id: MailId,
        to: Option<&Email>,
        read: Option<bool>,
        key: &str,
    ) -> [Option<(MailId, usize)>; 2] {
        let (mut newer, mut at, mut seen) = (None, 0, false);
        for m in self.mails_newest_first(to).filter(|m| m.matches(key)) {
            let listed = read.is_none_or(|r| m.read == r);
            if m.id == id {
                seen = true;
                at += usize::from(listed);
                continue;
            }
            if !listed {
                continue;
            }
            if seen {
                return [newer, Some((m.id, at))];
            }
            newer = Some((m.id, at));
            at += 1;
        }
        [newer.filter(|_| seen), None]
    }
    pub fn unread_count(&self, to: Option<&Email>) -> usize {
        self.mails_newest_first(to).filter(|m| !m.read).count()
    }
    pub fn mail_count(&self) -> usize {
        self.mail.values().map(|c| c.mails.len()).sum()
    }
    /// Everyone who has received mail, sorted.
    pub fn mail_recipients(&self) -> Vec<Email> {
        let mut v: Vec<Email> = self
            .mail
            .values()
            .flat_map(|c| c.mails.iter().map(|m| m.to.clone()))
            .collect();
        v.sort();
        v.dedup();
        v
    }
    /// The mails of chunk `n` (empty if there is none).
    pub fn mail_chunk(&self, n: u32) -> &[Mail] {
        self.mail.get(&n).map_or(&[], |c| &c.mails)
    }
    /// The audit entries of chunk `n` (empty if there is none).
    pub fn audit_chunk(&self, n: u32) -> &[AuditEntry] {
        self.audit.get(&n).map_or(&[], |c| &c.entries)
    }
    pub fn next_mail_id(&self) -> MailId {
        match self.mail.iter().next_back() {
            Some((n, c)) => MailId(*n as u64 * mail::CHUNK as u64 + c.mails.len() as u64),
            None => MailId(0),
        }
    }

    /// The audit trail, newest first: for the program office only.
    pub fn audit_trail(&self, actor: &Actor) -> Result<Vec<&AuditEntry>, DomainError> {
        if !actor.is_operator() {
            return Err(DomainError::NotAllowed);
        }
        Ok(self
            .audit
            .values()
            .rev()
            .flat_map(|c| c.entries.iter().rev())
            .collect())
    }
    pub fn audit_count(&self) -> usize {
        self.audit.values().map(|c| c.entries.len()).sum()
    }
    pub fn next_audit_seq(&self) -> u64 {
        match self.audit.iter().next_back() {
            Some((n, c)) => *n as u64 * audit::CHUNK as u64 + c.entries.len() as u64,
            None => 0,
        }
    }

    /// The base64 content of an application's attachment `i`, where it was kept (from
    /// its own key, or inline in records written before files had keys).
    pub fn attachment_content(&self, number: &str, i: usize) -> Option<&str> {
        match self.files.get(&file_key(number, i as u32)) {
            Some(f) => f.content.as_deref(),
            None => self
                .applications
                .get(number)?
                .attachments()
                .get(i)?
                .content
                .as_deref(),
        }
    }

    // ----- aggregates as stored values ------------------------------------------

    /// Every aggregate key present.
    pub fn keys(&self) -> Vec<AggKey> {
        let mut v: Vec<AggKey> = self.ids.keys().cloned().map(AggKey::Identity).collect();
        if *self.office != Office::default() {
            v.push(AggKey::Office);
        }
        v.extend(self.mail.keys().map(|n| AggKey::Mail(*n)));
        v.extend(self.audit.keys().map(|n| AggKey::Audit(*n)));
        v.extend(self.sites.keys().cloned().map(AggKey::Site));
        if !self.help.is_empty() {
            v.push(AggKey::Help);
            v.extend(self.parts_of(&AggKey::Help));
        }
        v.extend(self.applications.keys().cloned().map(AggKey::Application));
        v.extend(self.companies.keys().cloned().map(AggKey::Company));
        v.extend(self.token_guards.keys().cloned().map(AggKey::TokenGuard));
        v.extend(self.files.keys().filter_map(|k| {
            let (n, i) = k.split_once('/')?;
            Some(AggKey::AppFile(n.to_string(), i.parse().ok()?))
        }));
        for n in self.sites.keys() {
            v.extend(self.parts_of(&AggKey::Site(n.clone())));
        }
        for id in self.companies.keys() {
            v.extend(self.parts_of(&AggKey::Company(id.clone())));
        }
        v
    }

    /// The stored parts of a site's or company's lists (none for other aggregates).
    pub fn parts_of(&self, head: &AggKey) -> Vec<AggKey> {
        match head {
            AggKey::Site(n) => self.sites.get(n).map_or(Vec::new(), |s| s.part_keys(None)),
            AggKey::Company(id) => self
                .companies
                .get(id)
                .map_or(Vec::new(), |c| c.part_keys(None)),
            AggKey::Help => self.help.part_keys(None),
            _ => Vec::new(),
        }
    }

    /// What a command that touched `touched` (compared with `before`) must write: a
    /// site or company head only when its own fields changed, and of its lists only
    /// the parts that changed.
    pub(crate) fn expand_changes(
        &self,
        before: &State,
        touched: BTreeSet<AggKey>,
    ) -> BTreeSet<AggKey> {
        let mut out = BTreeSet::new();
        for key in touched {
            match &key {
                AggKey::Site(n) => {
                    let (old, new) = (before.sites.get(n), self.sites.get(n));
                    expand(
                        &mut out,
                        key,
                        old.map(|s| s.as_ref()),
                        new.map(|s| s.as_ref()),
                    )
                }
                AggKey::Company(id) => {
                    let (old, new) = (before.companies.get(id), self.companies.get(id));
                    expand(
                        &mut out,
                        key,
                        old.map(|c| c.as_ref()),
                        new.map(|c| c.as_ref()),
                    )
                }
                AggKey::Help => expand(
                    &mut out,
                    key,
                    Some(before.help.as_ref()),
                    Some(self.help.as_ref()),
                ),
                _ => {
                    out.insert(key);
                }
            }
        }
        out
    }

    /// The JSON text of one aggregate, or None when it does not exist (any more).
    pub fn aggregate(&self, key: &AggKey) -> Option<String> {
        use serde_json::to_string as json;
        let v = match key {
            AggKey::Identity(id) => json(self.ids.get(id)?.as_ref()),
            AggKey::Office => json(self.office.as_ref()),
            AggKey::Mail(n) => json(self.mail.get(n)?.as_ref()),
            AggKey::Audit(n) => json(self.audit.get(n)?.as_ref()),
            AggKey::Site(n) => json(self.sites.get(n)?.as_ref()),
            AggKey::Help => json(self.help.as_ref()),
            AggKey::Application(n) => json(self.applications.get(n)?.as_ref()),
            AggKey::Company(id) => json(self.companies.get(id)?.as_ref()),
            AggKey::TokenGuard(id) => json(self.token_guards.get(id)?.as_ref()),
            AggKey::SiteUsers(n, i) => json(self.sites.get(n)?.users.part(*i)?),
            AggKey::SiteRequests(n, i) => json(self.sites.get(n)?.requests.part(*i)?),
            AggKey::CompanyEmployees(id, i) => json(self.companies.get(id)?.employees.part(*i)?),
            AggKey::CompanyRequests(id, i) => json(self.companies.get(id)?.requests.part(*i)?),
            AggKey::AppFile(n, i) => json(self.files.get(&file_key(n, *i))?.as_ref()),
            AggKey::HelpPart(i) => json(self.help.requests.part(*i)?),
        };
        Some(v.expect("domain values always serialise"))
    }

    /// Puts one aggregate read from storage, checking its shape and invariants.
    /// On error the state is unchanged.
    pub fn insert_aggregate(&mut self, key: &AggKey, value: &str) -> Result<(), String> {
        fn read<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, String> {
            serde_json::from_str(text).map_err(|e| e.to_string())
        }
        let missing = || MISSING_OWNER.to_string();
        match key {
            AggKey::Identity(id) => self.insert_identity(id, read(value)?)?,
            AggKey::Office => {
                let rec: Office = read(value)?;
                self.office = Arc::new(rec);
            }
            AggKey::Mail(n) => {
                let rec: MailChunk = read(value)?;
                chunk_in_place(rec.mails.iter().map(|m| m.id.0), *n, mail::CHUNK)
                    .map_err(|_| "mail ids do not match the chunk".to_string())?;
                self.mail.insert(*n, Arc::new(rec));
            }
            AggKey::Audit(n) => {
                let rec: AuditChunk = read(value)?;
                chunk_in_place(rec.entries.iter().map(|e| e.seq), *n, audit::CHUNK)
                    .map_err(|_| "audit sequence numbers do not match the chunk".to_string())?;
                self.audit.insert(*n, Arc::new(rec));
            }
            AggKey::Site(n) => self.insert_site(n, read(value)?)?,
            AggKey::Help => {
                let mut rec: HelpDesk = read(value)?;
                // A head without inline requests: they are parts of their own.
                if rec.requests.is_empty() {
                    rec.requests = self.help.requests.clone();
                }
                self.help = Arc::new(rec);
            }
            AggKey::HelpPart(i) => {
                let items: Vec<super::site::HelpRequest> = read(value)?;
                Arc::make_mut(&mut self.help).requests.set_part(*i, items)?;
            }
            AggKey::Application(n) => {
                let rec: Application = read(value)?;
                if rec.number() != n {
                    return Err("the application's number does not match its key".into());
                }
                self.applications.insert(n.clone(), Arc::new(rec));
            }
            AggKey::AppFile(n, i) => self.insert_file(n, *i, read(value)?)?,
            AggKey::Company(id) => self.insert_company(id, read(value)?)?,
            AggKey::TokenGuard(id) => {
                let rec: TokenGuard = read(value)?;
                self.token_guards.insert(id.clone(), Arc::new(rec));
            }
            AggKey::SiteUsers(n, i) => {
                let items = read(value)?;
                let site = self.sites.get_mut(n).ok_or_else(missing)?;
                Arc::make_mut(site).users.set_part(*i, items)?;
            }
            AggKey::SiteRequests(n, i) => {
                let items = read(value)?;
                let site = self.sites.get_mut(n).ok_or_else(missing)?;
                Arc::make_mut(site).requests.set_part(*i, items)?;
            }
            AggKey::CompanyEmployees(id, i) => {
                let items = read(value)?;
                let c = self.companies.get_mut(id).ok_or_else(missing)?;
                Arc::make_mut(c).employees.set_part(*i, items)?;
            }
            AggKey::CompanyRequests(id, i) => {
                let items = read(value)?;
                let c = self.companies.get_mut(id).ok_or_else(missing)?;
                Arc::make_mut(c).requests.set_part(*i, items)?;
            }
        }
        Ok(())
    }

    fn insert_identity(&mut self, id: &IdentityId, rec: Identity) -> Result<(), String> {
        if &rec.id != id {
            return Err("the record's id does not match its key".into());
        }
        if let Some(other) = self.by_email.get(&rec.email) {
            if other != id {
                return Err(format!("email {} already belongs to another ID", rec.email));
            }
        }
        if let Some(old) = self.ids.get(id) {
            let old_email = old.email.clone();
            self.by_email.remove(&old_email);
        }
        self.by_email.insert(rec.email.clone(), id.clone());
        self.ids.insert(id.clone(), Arc::new(rec));
        Ok(())
    }

    fn insert_site(&mut self, n: &SiteNumber, mut rec: Site) -> Result<(), String> {
        // A head of schema 3 has no lists: they are parts of their own.
        if let (true, Some(old)) = (
            rec.users.is_empty() && rec.requests.is_empty(),
            self.sites.get(n),
        ) {
            rec.users = old.users.clone();
            rec.requests = old.requests.clone();
        }
        if rec.number() != n {
            return Err("the site's number does not match its key".into());
        }
        if self
            .sites
            .values()
            .any(|s| s.customer() == rec.customer() && s.number() != n)
        {
            return Err(format!(
                "customer number {} is used by another site",
                rec.customer()
            ));
        }
        self.sites.insert(n.clone(), Arc::new(rec));
        Ok(())
    }

    fn insert_company(&mut self, id: &String, mut rec: Company) -> Result<(), String> {
        if let (true, Some(old)) = (
            rec.employees.is_empty() && rec.requests.is_empty(),
            self.companies.get(id),
        ) {
            rec.employees = old.employees.clone();
            rec.requests = old.requests.clone();
        }
        if rec.id() != id {
            return Err("the company's id does not match its key".into());
        }
        if rec.locations().iter().filter(|l| l.hq).count() != 1 {
            return Err("a company has exactly one headquarters".into());
        }
        if self
            .companies
            .values()
            .any(|c| c.token() == rec.token() && c.id() != id)
        {
            return Err("the company token is used by another company".into());
        }
        self.companies.insert(id.clone(), Arc::new(rec));
        Ok(())
    }

    fn insert_file(
        &mut self,
        n: &str,
        i: u32,
        rec: super::partner::FileContent,
    ) -> Result<(), String> {
        let app = self.applications.get(n).ok_or(MISSING_OWNER)?;
        let meta = app
            .attachments()
            .get(i as usize)
            .ok_or("a file of an attachment the application does not list")?;
        if meta.sha256 != rec.sha256 {
            return Err("the file does not match its attachment's SHA-256".into());
        }
        self.files.insert(file_key(n, i), Arc::new(rec));
        Ok(())
    }

    /// Removes one aggregate (another tab deleted it).
    pub fn remove_aggregate(&mut self, key: &AggKey) {
        match key {
            AggKey::Identity(id) => {
                if let Some(old) = self.ids.remove(id) {
                    self.by_email.remove(&old.email);
                }
            }
            AggKey::Office => self.office = Arc::new(Office::default()),
            AggKey::Mail(n) => {
                self.mail.remove(n);
            }
            AggKey::Audit(n) => {
                self.audit.remove(n);
            }
            AggKey::Site(n) => {
                self.sites.remove(n);
            }
            AggKey::Help => self.help = Arc::new(HelpDesk::default()),
            AggKey::Application(n) => {
                self.applications.remove(n);
                let prefix = format!("{n}/");
                self.files.retain(|k, _| !k.starts_with(&prefix));
            }
            AggKey::AppFile(n, i) => {
                self.files.remove(&file_key(n, *i));
            }
            AggKey::HelpPart(i) => Arc::make_mut(&mut self.help).requests.clear_part(*i),
            AggKey::Company(id) => {
                self.companies.remove(id);
            }
            AggKey::TokenGuard(id) => {
                self.token_guards.remove(id);
            }
            AggKey::SiteUsers(n, i) => {
                if let Some(s) = self.sites.get_mut(n) {
                    Arc::make_mut(s).users.clear_part(*i);
                }
            }
            AggKey::SiteRequests(n, i) => {
                if let Some(s) = self.sites.get_mut(n) {
                    Arc::make_mut(s).requests.clear_part(*i);
                }
            }
            AggKey::CompanyEmployees(id, i) => {
                if let Some(c) = self.companies.get_mut(id) {
                    Arc::make_mut(c).employees.clear_part(*i);
                }
            }
            AggKey::CompanyRequests(id, i) => {
                if let Some(c) = self.companies.get_mut(id) {
                    Arc::make_mut(c).requests.clear_part(*i);
                }
            }
        }
    }

    /// Ends every session of every account (after an import or a demo load, so that
    /// no one is signed in by data that came from elsewhere).
    pub fn end_all_sessions(&mut self) {
        for rec in self.ids.values_mut() {
            if rec.sessions.count() > 0 {
                Arc::make_mut(rec).sessions.end_all();
            }
        }
        if let Some(op) = self.office.operator.as_ref() {
            if op.sessions.count() > 0 {
                Arc::make_mut(&mut self.office)
                    .operator
                    .as_mut()
                    .expect("checked")
                    .sessions
                    .end_all();
            }
        }
    }

    /// Keeps the operator account of `current` (if it has one) over that of replacing
    /// data: importing a file never changes who holds the operator role here.
    pub fn keep_operator_of(&mut self, current: &State) {
        if let Some(op) = current.office.operator.clone() {
            Arc::make_mut(&mut self.office).operator = Some(op);
        }
    }

    /// Appends a mail; returns its id and chunk.
    pub(crate) fn push_mail(&mut self, d: mail::Draft, now: Timestamp) -> (MailId, u32) {
        let id = self.next_mail_id();
        let n = (id.0 / mail::CHUNK as u64) as u32;
        let chunk = self
            .mail
            .entry(n)
            .or_insert_with(|| Arc::new(MailChunk::default()));
        Arc::make_mut(chunk).mails.push(Mail {
            id,
            to: d.to,
            from: d.from.to_string(),
            subject: d.subject,
            blocks: d.blocks,
            sent: now,
            read: false,
            lang: d.lang,
        });
        (id, n)
    }

    /// Appends an audit entry; returns its chunk.
    pub(crate) fn push_audit(
        &mut self,
        at: Timestamp,
        actor: String,
        event: AuditEvent,
        subject: &str,
        detail: audit::Detail,
    ) -> u32 {
        let seq = self.next_audit_seq();
        let n = (seq / audit::CHUNK as u64) as u32;
        let chunk = self
            .audit
            .entry(n)
            .or_insert_with(|| Arc::new(AuditChunk::default()));
        Arc::make_mut(chunk).entries.push(AuditEntry {
            seq,
            at,
            actor,
            event,
            subject: subject.to_string(),
            detail,
        });
        n
    }

    /// How many audit entries of one kind exist.
    pub fn audit_events_of(&self, event: AuditEvent) -> usize {
        self.audit
            .values()
            .flat_map(|c| c.entries.iter())
            .filter(|e| e.event == event)
            .count()
    }
}

/// A site or a company: a head whose two long lists are stored in parts.
trait Listed: Serialize {
    /// The keys of the parts that differ from `before` (all of them without one).
    fn part_keys(&self, before: Option<&Self>) -> Vec<AggKey>;
}

impl Listed for Site {
    fn part_keys(&self, before: Option<&Self>) -> Vec<AggKey> {
        let n = self.number();
        let users = list_keys(&self.users, before.map(|b| &b.users), |i| {
            AggKey::SiteUsers(n.clone(), i)
        });
        let requests = list_keys(&self.requests, before.map(|b| &b.requests), |i| {
            AggKey::SiteRequests(n.clone(), i)
        });
        users.chain(requests).collect()
    }
}

/// The key of an attachment's content in `State::files`.
pub(crate) fn file_key(application: &str, i: u32) -> String {
    format!("{application}/{i}")
}

impl Listed for HelpDesk {
    fn part_keys(&self, before: Option<&Self>) -> Vec<AggKey> {
        list_keys(
            &self.requests,
            before.map(|b| &b.requests),
            AggKey::HelpPart,
        )
        .collect()
    }
}

impl Listed for Company {
    fn part_keys(&self, before: Option<&Self>) -> Vec<AggKey> {
        let id = self.id();
        let employees = list_keys(&self.employees, before.map(|b| &b.employees), |i| {
            AggKey::CompanyEmployees(id.to_string(), i)
        });
        let requests = list_keys(&self.requests, before.map(|b| &b.requests), |i| {
            AggKey::CompanyRequests(id.to_string(), i)
        });
        employees.chain(requests).collect()
    }
}

/// The parts of one list that differ from `before` (all of them without one), as keys.
fn list_keys<T: Clone>(
    list: &Chunks<T>,
    before: Option<&Chunks<T>>,
    key: impl Fn(u32) -> AggKey,
) -> impl Iterator<Item = AggKey> {
    let parts = match before {
        Some(b) => list.changed_parts(b),
        None => (0..list.part_count()).collect(),
    };
    parts.into_iter().map(key)
}

/// Adds what a touched site or company must write: its head if its own fields changed
/// (their JSON differs: the lists are not part of it), and its changed parts; all of
/// it when the record appeared or went.
fn expand<T: Listed>(out: &mut BTreeSet<AggKey>, key: AggKey, old: Option<&T>, new: Option<&T>) {
    match (old, new) {
        (Some(o), Some(n)) => {
            if serde_json::to_string(o).ok() != serde_json::to_string(n).ok() {
                out.insert(key);
            }
            out.extend(n.part_keys(Some(o)));
        }
        _ => {
            out.extend(old.into_iter().chain(new).flat_map(|x| x.part_keys(None)));
            out.insert(key);
        }
    }
}

/// What an invitation link opens: a site's user entry or a company's invitation.
#[derive(Clone, Debug)]
pub enum Invitation<'s> {
    Site(&'s Site, &'s crate::site::SiteUser),
    Company(&'s Company, Box<crate::partner::CompanyInvite>),
}

impl<'s> Invitation<'s> {
    pub fn email(&self) -> &Email {
        match self {
            Invitation::Site(_, u) => &u.email,
            Invitation::Company(_, i) => &i.email,
        }
    }
    pub fn invite(&self) -> Option<crate::invite::Invite> {
        match self {
            Invitation::Site(_, u) => u.invite(),
            Invitation::Company(_, i) => Some(i.invite.clone()),
        }
    }
    /// The company's legal name or the site's company.
    pub fn to_name(&self) -> &'s str {
        match self {
            Invitation::Site(s, _) => s.company(),
            Invitation::Company(c, _) => &c.profile().legal_name,
        }
    }
    /// The page the person lands on once in.
    pub fn destination(&self) -> crate::route::Route {
        match self {
            Invitation::Site(s, _) => crate::route::Route::Site(s.number().to_string()),
            Invitation::Company(..) => crate::route::Route::PartnerMe,
        }
    }
}

impl State {
    /// The invitation whose link has `secret`, if one has (a site user who already got
    /// in has none to accept any more).
    pub fn invitation(&self, secret: &str) -> Option<Invitation<'_>> {
        let state = self;
        let d = crate::invite::digest(secret.trim());
        let d = d.as_str();
        let sites = state.sites().flat_map(|s| {
            s.users()
                .iter()
                .filter(move |u| u.invite().is_some_and(|i| i.has_digest(d)))
                .map(move |u| Invitation::Site(s, u))
        });
        let companies = state.companies().flat_map(|c| {
            c.invitations()
                .into_iter()
                .filter(move |i| i.invite.has_digest(d))
                .map(move |i| Invitation::Company(c, Box::new(i)))
        });
        sites.chain(companies).next()
    }
}
