//! Customer sites ("Passport Advantage Online"): enrolment numbers, the temporary
//! passcode for the first sign-in, key contacts, users with privileges, access requests.
use super::chunks::Chunks;
use super::ctx::{Ctx, Timestamp, DAY};
use super::error::FieldError;
use super::identity::{CodeCheck, IdentityId, PendingCode};
use super::text::{clean_line, fold_width, has_key, search_key, Country, Email, PersonName};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

pub const PASSCODE_LEN: usize = 8;
/// Letters and digits without look-alikes (no I, O, 0, 1).
pub const PASSCODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
pub const PASSCODE_VALID: i64 = 30 * DAY;
pub const PASSCODE_TRIES: u32 = 5;

/// A site's one-time temporary passcode: (stored hash, clear text for the mail).
pub fn new_passcode(ctx: &Ctx) -> (PendingCode, String) {
    PendingCode::issue_custom(
        ctx,
        PASSCODE_ALPHABET,
        PASSCODE_LEN,
        PASSCODE_VALID,
        PASSCODE_TRIES,
    )
}
pub const MAX_SECONDARY: usize = 4;
pub const COMPANY_MAX: usize = 100;
pub const LINE_MAX: usize = 100;
pub const MESSAGE_MAX: usize = 1000;

fn digits_only(raw: &str) -> String {
    fold_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

macro_rules! number_type {
    ($name:ident, $len:expr, $err:expr) => {
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);
        impl $name {
            pub const LEN: usize = $len;
            /// Accepts full-width digits, spaces and hyphens.
            pub fn parse(raw: &str) -> Result<$name, FieldError> {
                let s = digits_only(raw);
                if s.is_empty() {
                    return Err(FieldError::Required);
                }
                if s.len() != $len || !s.chars().all(|c| c.is_ascii_digit()) {
                    return Err($err);
                }
                Ok($name(s))
            }
            pub(crate) fn random(ctx: &Ctx) -> $name {
                let lo = 10u32.pow($len - 1);
                $name(format!("{}", lo + ctx.below(9 * lo)))
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                $name::parse(&s).map_err(|_| format!("invalid {}", stringify!($name)))
            }
        }
        impl From<$name> for String {
            fn from(n: $name) -> String {
                n.0
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

number_type!(SiteNumber, 7, FieldError::DigitsFormat { len: 7 });
number_type!(CustomerNumber, 7, FieldError::DigitsFormat { len: 7 });
number_type!(AgreementNumber, 8, FieldError::DigitsFormat { len: 8 });

/// A temporary passcode as typed: 8 characters of the passcode alphabet.
pub fn parse_passcode(raw: &str) -> Result<String, FieldError> {
    let s: String = fold_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    if s.is_empty() {
        return Err(FieldError::Required);
    }
    if s.chars().count() != PASSCODE_LEN || !s.bytes().all(|b| PASSCODE_ALPHABET.contains(&b)) {
        return Err(FieldError::PasscodeFormat);
    }
    Ok(s)
}

/// A phone number: digits with optional +, spaces, hyphens, parentheses; 6..=15 digits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);
impl Phone {
    /// The longest phone number, as typed.
    pub const MAX: usize = 24;
    pub fn parse(raw: &str) -> Result<Phone, FieldError> {
        let s = fold_width(raw).trim().to_string();
        if s.is_empty() {
            return Err(FieldError::Required);
        }
        let ok_chars = s.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
        let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
        let plus_ok = !s.chars().skip(1).any(|c| c == '+');
        if !ok_chars || !(6..=15).contains(&digits) || !plus_ok || s.len() > Phone::MAX {
            return Err(FieldError::PhoneFormat);
        }
        Ok(Phone(s.split_whitespace().collect::<Vec<_>>().join(" ")))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
impl TryFrom<String> for Phone {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Phone::parse(&s).map_err(|_| "invalid phone".to_string())
    }
}
impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

/// A postal code: in Japan 7 digits shown as 123-4567; elsewhere 2..=10 letters,
/// digits, spaces or hyphens, upper-cased.
pub fn parse_postal(raw: &str, country: Country) -> Result<String, FieldError> {
    let s = fold_width(raw).trim().to_ascii_uppercase();
    if s.is_empty() {
        return Err(FieldError::Required);
    }
    if country.code() == "JP" {
        let d: String = s
            .chars()
            .filter(|c| *c != '-' && *c != ' ' && *c != '〒')
            .collect();
        if d.len() == 7 && d.chars().all(|c| c.is_ascii_digit()) {
            return Ok(format!("{}-{}", &d[..3], &d[3..]));
        }
        return Err(FieldError::PostalFormat);
    }
    let ok = (2..=10).contains(&s.chars().count())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
    if ok {
        Ok(s)
    } else {
        Err(FieldError::PostalFormat)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub country: Country,
    pub postal: String,
    pub prefecture: String,
    pub city: String,
    pub street: String,
}

/// The key-contact roles. The primary site contact is mandatory and, for every role
/// without a contact of its own, is that role's contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    Primary,
    Technical,
    Administrative,
    Renewal,
    MediaShipping,
    Billing,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Primary,
        Role::Technical,
        Role::Administrative,
        Role::Renewal,
        Role::MediaShipping,
        Role::Billing,
    ];
    pub const DELEGABLE: [Role; 5] = [
        Role::Technical,
        Role::Administrative,
        Role::Renewal,
        Role::MediaShipping,
        Role::Billing,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Role::Primary => "primary",
            Role::Technical => "technical",
            Role::Administrative => "administrative",
            Role::Renewal => "renewal",
            Role::MediaShipping => "media",
            Role::Billing => "billing",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub family: PersonName,
    pub given: PersonName,
    pub email: Email,
    pub phone: Option<Phone>,
    pub country: Country,
    pub postal: String,
    pub city: String,
    pub address: String,
}

impl Contact {
    pub fn name(&self, lang: Lang) -> String {
        super::identity::display_name(self.given.as_str(), self.family.as_str(), lang)
    }
}

/// Software and services tool access.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Software {
    #[default]
    None,
    Downloads,
    DownloadsMedia,
    Full,
}

/// None / View.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Viewing {
    #[default]
    None,
    View,
}

/// None / View / Update.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Level {
    #[default]
    None,
    View,
    Update,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Privileges {
    pub software: Software,
    pub reporting: Viewing,
    pub entitlements: Level,
    pub manage_access: Level,
    pub contact_updates: Level,
    pub documents: Viewing,
}

impl Privileges {
    /// Everything: what the primary site contact holds.
    pub const ALL: Privileges = Privileges {
        software: Software::Full,
        reporting: Viewing::View,
        entitlements: Level::Update,
        manage_access: Level::Update,
        contact_updates: Level::Update,
        documents: Viewing::View,
    };
    /// Whether every privilege of `self` is at most that of `other`.
    pub fn within(&self, other: &Privileges) -> bool {
        self.software <= other.software
            && self.reporting <= other.reporting
            && self.entitlements <= other.entitlements
            && self.manage_access <= other.manage_access
            && self.contact_updates <= other.contact_updates
            && self.documents <= other.documents
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteUser {
    pub email: Email,
    pub privileges: Privileges,
    pub secondary: bool,
    pub added: Timestamp,
    /// The invitation sent when the address had no ID (schema 5); `None`: none (the
    /// address had an ID, or the user was added before invitations existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite: Option<crate::invite::Lazy<crate::invite::Invite>>,
}

impl SiteUser {
    /// The invitation sent to this user's address, if one was.
    pub fn invite(&self) -> Option<crate::invite::Invite> {
        self.invite.as_ref().and_then(|i| i.get())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state")]
pub enum RequestStatus {
    Pending,
    Granted {
        at: Timestamp,
        by: String,
    },
    Denied {
        at: Timestamp,
        by: String,
        reason: String,
    },
    /// The person who asked withdrew it while it waited (schema 4).
    Withdrawn {
        at: Timestamp,
    },
    /// Nobody decided it within [`REQUEST_EXPIRY`] (schema 4).
    Expired {
        at: Timestamp,
    },
}

/// A request that nobody decides expires this long after it was sent (30 days).
pub const REQUEST_EXPIRY: i64 = 30 * super::ctx::DAY;

/// Whether a request sent `at` is overdue at `now`.
pub fn overdue(at: Timestamp, now: Timestamp) -> bool {
    now.0 - at.0 >= REQUEST_EXPIRY
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRequest {
    pub id: u32,
    pub requester: IdentityId,
    pub email: Email,
    pub message: String,
    pub at: Timestamp,
    pub status: RequestStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state")]
pub enum SiteStatus {
    /// Waiting for the primary contact's first sign-in with the temporary passcode.
    Awaiting {
        passcode: PendingCode,
    },
    /// Too many wrong passcodes: the program office must reissue one.
    Locked,
    Active {
        bound: IdentityId,
        since: Timestamp,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrimaryContact {
    pub family: PersonName,
    pub given: PersonName,
    pub email: Email,
    pub lang: Lang,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    pub(crate) number: SiteNumber,
    pub(crate) customer: CustomerNumber,
    pub(crate) agreement: AgreementNumber,
    pub(crate) company: String,
    pub(crate) address: Address,
    /// (month, day): the first day of the month of enrolment, Japan time.
    pub(crate) anniversary: (u32, u32),
    pub(crate) enrolled: Timestamp,
    pub(crate) primary: PrimaryContact,
    pub(crate) status: SiteStatus,
    #[serde(default)]
    pub(crate) contacts: Vec<(Role, Contact)>,
    /// Stored as parts of their own (`site/N/users/i`); inline only in schema <= 2.
    #[serde(default, skip_serializing)]
    pub(crate) users: Chunks<SiteUser>,
    #[serde(default, skip_serializing)]
    pub(crate) requests: Chunks<AccessRequest>,
}

/// Whether a site user can use the access yet (see `State::user_status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UserStatus {
    Active,
    /// No verified ID with this email yet: the access applies once there is one.
    Invited,
    /// The invitation ran out before a verified ID had the address: no access until
    /// it is sent again.
    Expired,
}

/// What a site's state is, for lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteState {
    Awaiting,
    Locked,
    Active,
}

/// Who someone is to a site; the one input of every permission decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SiteRole {
    Primary,
    Secondary,
    User,
    Outsider,
}

impl Site {
    pub fn number(&self) -> &SiteNumber {
        &self.number
    }
    pub fn customer(&self) -> &CustomerNumber {
        &self.customer
    }
    pub fn agreement(&self) -> &AgreementNumber {
        &self.agreement
    }
    pub fn company(&self) -> &str {
        &self.company
    }
    pub fn address(&self) -> &Address {
        &self.address
    }
    pub fn anniversary(&self) -> String {
        format!("{:02}.{:02}", self.anniversary.0, self.anniversary.1)
    }
    pub fn enrolled(&self) -> Timestamp {
        self.enrolled
    }
    pub fn primary(&self) -> &PrimaryContact {
        &self.primary
    }
    /// Whether a list's filter finds this site; `key`: what was typed, as
    /// [`search_key`] makes it, trimmed (empty finds every site). It looks in the site's
    /// number, its customer and agreement numbers, its company and its primary contact's
    /// email and name (as [`crate::identity::name_matches`] finds it).
    pub fn matches(&self, key: &str) -> bool {
        let p = &self.primary;
        let (family, given) = (p.family.as_str(), p.given.as_str());
        key.is_empty()
            || [
                self.number.as_str(),
                self.customer.as_str(),
                self.agreement.as_str(),
            ]
            .iter()
            .any(|n| n.contains(key))
            || p.email.as_str().contains(key)
            || has_key(&self.company, key)
            || crate::identity::name_matches(given, family, key)
    }
    pub fn state(&self) -> SiteState {
        match self.status {
            SiteStatus::Awaiting { .. } => SiteState::Awaiting,
            SiteStatus::Locked => SiteState::Locked,
            SiteStatus::Active { .. } => SiteState::Active,
        }
    }
    pub fn passcode_expires(&self) -> Option<Timestamp> {
        match &self.status {
            SiteStatus::Awaiting { passcode } => Some(passcode.expires()),
            _ => None,
        }
    }
    /// The contact of a role, and whether it falls back to the primary contact.
    pub fn contact(&self, role: Role) -> Option<&Contact> {
        self.contacts
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| c)
    }
    /// What a role's contact is now, as a short fingerprint ("" when there is none): an
    /// edit made from what someone saw (`seen`) is refused once it changed meanwhile.
    pub fn contact_version(&self, role: Role) -> String {
        self.contact(role)
            .map(|c| {
                let json = serde_json::to_string(c).unwrap_or_default();
                super::secret::token_digest(&json)[..16].to_string()
            })
            .unwrap_or_default()
    }
    pub fn users(&self) -> &Chunks<SiteUser> {
        &self.users
    }
    pub fn user(&self, email: &Email) -> Option<&SiteUser> {
        self.users.find(|u| &u.email == email)
    }
    /// Everyone who may decide access requests: the primary contact and every
    /// secondary contact whose "Manage access" is Update (by [`may`]).
    pub fn deciders(&self) -> Vec<&Email> {
        std::iter::once(&self.primary.email)
            .chain(self.users.iter().filter(|u| u.secondary).map(|u| &u.email))
            .filter(|e| may(self, Some(e), SiteAction::ManageUsers))
            .collect()
    }
    /// Everyone who may change the site's records: the primary contact and each user
    /// who may edit its contacts or manage its users (by [`may`]'s rules, in one pass
    /// over the users, not one look-up per user).
    pub fn writers(&self) -> Vec<&Email> {
        let users = self.users.iter().filter(|u| {
            let role = if u.secondary {
                SiteRole::Secondary
            } else {
                SiteRole::User
            };
            [SiteAction::EditContacts, SiteAction::ManageUsers]
                .into_iter()
                .any(|a| may_as(role, u.privileges, a))
        });
        std::iter::once(&self.primary.email)
            .chain(users.map(|u| &u.email))
            .collect()
    }
    pub fn requests(&self) -> &Chunks<AccessRequest> {
        &self.requests
    }
    pub fn pending_requests(&self) -> impl Iterator<Item = &AccessRequest> {
        self.requests
            .iter()
            .filter(|r| r.status == RequestStatus::Pending)
    }
    /// How many waiting requests nobody decided within [`REQUEST_EXPIRY`] at `now`.
    pub fn overdue_requests(&self, now: Timestamp) -> usize {
        self.pending_requests()
            .filter(|r| overdue(r.at, now))
            .count()
    }
    pub fn secondary_count(&self) -> usize {
        self.users.iter().filter(|u| u.secondary).count()
    }
    /// The role of the person with `email` (the primary only once the site is active).
    pub fn role_of(&self, email: Option<&Email>) -> SiteRole {
        self.standing(email).0
    }
    /// The privileges of `email` on this site (the primary holds them all).
    pub fn privileges_of(&self, email: Option<&Email>) -> Option<Privileges> {
        self.standing(email).1
    }
    /// [`Site::role_of`] and [`Site::privileges_of`] in one look at the users (a site
    /// may have 10,000 of them, and every permission check needs both).
    fn standing(&self, email: Option<&Email>) -> (SiteRole, Option<Privileges>) {
        let Some(email) = email else {
            return (SiteRole::Outsider, None);
        };
        if &self.primary.email == email {
            return if self.state() == SiteState::Active {
                (SiteRole::Primary, Some(Privileges::ALL))
            } else {
                (SiteRole::Outsider, None)
            };
        }
        match self.user(email) {
            Some(u) if u.secondary => (SiteRole::Secondary, Some(u.privileges)),
            Some(u) => (SiteRole::User, Some(u.privileges)),
            None => (SiteRole::Outsider, None),
        }
    }
    pub fn check_passcode(&mut self, code: &str, now: Timestamp) -> Result<(), FieldError> {
        let SiteStatus::Awaiting { passcode } = &mut self.status else {
            return Err(FieldError::CodeUsedUp);
        };
        match passcode.check(code, now) {
            CodeCheck::Ok => Ok(()),
            CodeCheck::Wrong { tries_left } => Err(FieldError::PasscodeWrong { tries_left }),
            CodeCheck::Expired => Err(FieldError::PasscodeExpired),
            CodeCheck::UsedUp => {
                self.status = SiteStatus::Locked;
                Err(FieldError::PasscodeLocked)
            }
        }
    }
}

/// What may be done on a site. [`may`] is the one table of site permissions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SiteAction {
    ViewSite,
    ViewContacts,
    EditContacts,
    ViewUsers,
    ManageUsers,
    /// The site's account documents (its proof of entitlement).
    ViewDocuments,
    /// The site's report (users, requests and changes per month).
    ViewReport,
    /// The site's own audit trail: who changed what, before and after.
    ViewHistory,
}

impl SiteAction {
    pub const ALL: [SiteAction; 8] = [
        SiteAction::ViewSite,
        SiteAction::ViewContacts,
        SiteAction::EditContacts,
        SiteAction::ViewUsers,
        SiteAction::ManageUsers,
        SiteAction::ViewDocuments,
        SiteAction::ViewReport,
        SiteAction::ViewHistory,
    ];
}

/// Who may do what on a site:
/// * the primary contact: everything;
/// * a secondary contact: contacts by its "Contact updates" privilege (View / Update),
///   the user list by its "Manage access" privilege (View / Update);
/// * a plain user: the site page, and contacts read-only with Contact updates >= View;
/// * any user: the account documents with "Account documents: View", the report with
///   "Reporting: View";
/// * a secondary contact: the site's audit trail with View (or Update) on its contacts
///   or its users;
/// * anyone else: nothing.
pub fn may(site: &Site, email: Option<&Email>, action: SiteAction) -> bool {
    let (role, p) = site.standing(email);
    may_as(role, p.unwrap_or_default(), action)
}

/// What [`may`] decides, from a role and privileges already known.
fn may_as(role: SiteRole, p: Privileges, action: SiteAction) -> bool {
    match (role, action) {
        (SiteRole::Outsider, _) => false,
        (SiteRole::Primary, _) => true,
        (_, SiteAction::ViewSite) => true,
        (_, SiteAction::ViewDocuments) => p.documents == Viewing::View,
        (_, SiteAction::ViewReport) => p.reporting == Viewing::View,
        (SiteRole::Secondary, SiteAction::ViewHistory) => {
            p.contact_updates >= Level::View || p.manage_access >= Level::View
        }
        (_, SiteAction::ViewContacts) => p.contact_updates >= Level::View,
        (SiteRole::Secondary, SiteAction::EditContacts) => p.contact_updates == Level::Update,
        (SiteRole::Secondary, SiteAction::ViewUsers) => p.manage_access >= Level::View,
        (SiteRole::Secondary, SiteAction::ManageUsers) => p.manage_access == Level::Update,
        (SiteRole::User, _) => false,
    }
}

/// Reads a company name or address line.
pub fn line(raw: &str, max: usize) -> Result<String, FieldError> {
    clean_line(raw, max)
}

/// An optional line: empty is fine.
pub fn optional_line(raw: &str, max: usize) -> Result<String, FieldError> {
    if raw.trim().is_empty() {
        Ok(String::new())
    } else {
        clean_line(raw, max)
    }
}

/// The help desk: help requests to customer care.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpDesk {
    /// References issued so far (a pruned request's reference is never issued again).
    #[serde(default)]
    pub(crate) issued: u32,
    /// Stored as parts of their own (`help/requests/i`, like mail in chunks); inline
    /// only in records written before (still read, written in parts at the next save).
    #[serde(default, skip_serializing)]
    pub(crate) requests: super::chunks::Chunks<HelpRequest>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HelpStatus {
    Open,
    Answered,
    Closed,
}

impl HelpStatus {
    pub const ALL: [HelpStatus; 3] = [HelpStatus::Open, HelpStatus::Answered, HelpStatus::Closed];
    /// Its name in an address (`?status=open`).
    pub fn code(self) -> &'static str {
        match self {
            HelpStatus::Open => "open",
            HelpStatus::Answered => "answered",
            HelpStatus::Closed => "closed",
        }
    }
    pub fn parse(code: &str) -> Option<HelpStatus> {
        HelpStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpRequest {
    pub reference: String,
    pub email: Email,
    pub name: String,
    pub lang: Lang,
    pub subject: String,
    pub site: Option<SiteNumber>,
    pub description: String,
    pub at: Timestamp,
    pub status: HelpStatus,
    pub answers: Vec<(Timestamp, String)>,
}

impl HelpRequest {
    /// Whether the office's filter finds the request: `key` as [`search_key`] makes it,
    /// trimmed (empty finds every request). It looks in the reference, the sender's
    /// email and name (with or without its spaces: "yamadahanako" finds "Yamada
    /// Hanako"), the subject and the site's number.
    pub fn matches(&self, key: &str) -> bool {
        if key.is_empty()
            || has_key(&self.reference, key)
            || self.email.as_str().contains(key)
            || has_key(&self.subject, key)
            || self.site.as_ref().is_some_and(|s| s.as_str().contains(key))
        {
            return true;
        }
        let name = search_key(&self.name);
        name.contains(key) || {
            let (name, key) = (name.replace(' ', ""), key.replace(' ', ""));
            !key.is_empty() && name.contains(&key)
        }
    }
}

impl HelpDesk {
    pub fn requests(&self) -> impl DoubleEndedIterator<Item = &HelpRequest> + Clone {
        self.requests.iter()
    }
    /// The requests the office's desk lists, newest first: those in `status` (any, for
    /// `None`) that [`HelpRequest::matches`] `key`.
    pub fn matching<'a>(
        &'a self,
        key: &'a str,
        status: Option<HelpStatus>,
    ) -> impl Iterator<Item = &'a HelpRequest> + 'a {
        self.requests()
            .rev()
            .filter(move |r| status.is_none_or(|s| r.status == s) && r.matches(key))
    }
    /// How many requests are open, answered and closed (in [`HelpStatus::ALL`]'s order).
    pub fn counts(&self) -> [usize; 3] {
        let mut n = [0; 3];
        for r in self.requests() {
            n[r.status as usize] += 1;
        }
        n
    }
    pub fn is_empty(&self) -> bool {
        self.issued == 0 && self.requests.is_empty()
    }
    pub fn next_reference(&self) -> String {
        format!(
            "H{:06}",
            (self.issued as usize).max(self.requests.len()) + 1
        )
    }
}

flat_tagged! {
    RequestStatus [at: Timestamp, by: String, reason: String] {
        Pending {},
        Granted { at, by },
        Denied { at, by, reason },
        Withdrawn { at },
        Expired { at },
    }
}

flat_tagged! {
    SiteStatus [passcode: PendingCode, bound: IdentityId, since: Timestamp] {
        Awaiting { passcode },
        Locked {},
        Active { bound, since },
    }
}
