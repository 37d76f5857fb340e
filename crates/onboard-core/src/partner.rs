//! The partner program ("PartnerWorld Profile System"): applications, companies with
//! locations and employees, roles, the company token, membership levels, news.
use super::chunks::Chunks;
use super::ctx::{Ctx, Timestamp, DAY, HOUR};
use super::error::FieldError;
use super::identity::IdentityId;
use super::text::{clean_line, fold_width, Country, Email, PersonName};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

pub const AGREEMENT_VERSION: &str = "2026-04";
pub const TOKEN_LEN: usize = 16;
/// The longest web address (with its scheme).
pub const WEB_MAX: usize = 200;
/// What a typed token may contain (any letter or digit, so no token ever becomes invalid).
pub const TOKEN_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
pub const TOKEN_MAX_FAILURES: usize = 10;
pub const TOKEN_WINDOW: i64 = HOUR;
pub const PROFILE_STALE_AFTER: i64 = 274 * DAY; // about 9 months
pub const ATTACHMENT_CONTENT_MAX: usize = 256 * 1024;
pub const ATTACHMENT_SIZE_MAX: usize = 10 * 1024 * 1024;
pub const ATTACHMENTS_MAX: usize = 10;

/// (key, Japanese, English) choices of the profile forms.
pub type Choice = (&'static str, &'static str, &'static str);
pub const BUSINESS_MODELS: &[Choice] = &[
    ("reseller", "販売 (リセラー)", "Reseller"),
    ("isv", "ソフトウェア開発 (ISV)", "Software vendor (ISV)"),
    ("services", "サービス", "Services"),
    ("consulting", "コンサルティング", "Consulting"),
    (
        "integrator",
        "システム・インテグレーター",
        "Systems integrator",
    ),
    ("msp", "マネージド・サービス", "Managed services"),
    ("distributor", "ディストリビューター", "Distributor"),
];
pub const PRODUCTS: &[Choice] = &[
    ("cloud", "クラウド", "Cloud"),
    ("ai", "AI", "AI"),
    ("data", "データとアナリティクス", "Data and analytics"),
    ("security", "セキュリティー", "Security"),
    ("automation", "オートメーション", "Automation"),
    ("infrastructure", "インフラストラクチャー", "Infrastructure"),
];
pub const INDUSTRIES: &[Choice] = &[
    ("manufacturing", "製造", "Manufacturing"),
    ("finance", "金融", "Financial services"),
    ("public", "公共", "Public sector"),
    ("retail", "流通・小売", "Retail"),
    ("healthcare", "医療", "Healthcare"),
    ("telecom", "通信", "Telecommunications"),
];
pub const JOB_FUNCTIONS: &[Choice] = &[
    ("sales", "営業", "Sales"),
    ("technical", "技術", "Technical"),
    ("marketing", "マーケティング", "Marketing"),
    ("management", "経営・管理", "Management"),
    ("support", "サポート", "Support"),
];
pub const COMPANY_SIZES: &[Choice] = &[
    ("1-10", "1〜10 人", "1-10 people"),
    ("11-50", "11〜50 人", "11-50 people"),
    ("51-250", "51〜250 人", "51-250 people"),
    ("251-1000", "251〜1,000 人", "251-1,000 people"),
    ("1000+", "1,001 人以上", "More than 1,000 people"),
];

pub fn choice_label(list: &[Choice], key: &str, lang: Lang) -> String {
    list.iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, ja, en)| if lang == Lang::Ja { *ja } else { *en })
        .unwrap_or(key)
        .to_string()
}

/// The labels of `keys` as one line in `lang`: "Reseller, Services" /
/// "販売 (リセラー)、サービス" (empty keys left out).
pub fn choice_list(list: &[Choice], keys: &[String], lang: Lang) -> String {
    keys.iter()
        .filter(|k| !k.is_empty())
        .map(|k| choice_label(list, k, lang))
        .collect::<Vec<_>>()
        .join(match lang {
            Lang::Ja => "、",
            Lang::En => ", ",
        })
}

/// Keeps the keys that are in `list` (at most its length), in list order.
pub fn choices(
    list: &[Choice],
    keys: &[String],
    required: bool,
) -> Result<Vec<String>, FieldError> {
    if keys.iter().any(|k| !list.iter().any(|(c, _, _)| c == k)) {
        return Err(FieldError::UnknownChoice);
    }
    let v: Vec<String> = list
        .iter()
        .filter(|(c, _, _)| keys.iter().any(|k| k == c))
        .map(|(c, _, _)| c.to_string())
        .collect();
    if required && v.is_empty() {
        return Err(FieldError::ChooseOne);
    }
    Ok(v)
}

pub fn one_choice(list: &[Choice], key: &str) -> Result<String, FieldError> {
    if key.is_empty() {
        return Err(FieldError::Required);
    }
    list.iter()
        .find(|(c, _, _)| *c == key)
        .map(|(c, _, _)| c.to_string())
        .ok_or(FieldError::UnknownChoice)
}

/// A web address: http(s), a host with a dot, no spaces.
pub fn parse_web(raw: &str) -> Result<String, FieldError> {
    let s = fold_width(raw).trim().to_string();
    if s.is_empty() {
        return Ok(String::new());
    }
    let with_scheme = if s.starts_with("http://") || s.starts_with("https://") {
        s.clone()
    } else {
        format!("https://{s}")
    };
    let host = with_scheme
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    let ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':')
        && !with_scheme
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == '"')
        && with_scheme.len() <= WEB_MAX;
    if ok {
        Ok(with_scheme)
    } else {
        Err(FieldError::WebFormat)
    }
}

/// The company token: 16 letters and digits from a secure generator. Accepts lower
/// case, spaces, hyphens and full-width characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CompanyToken(String);

impl CompanyToken {
    pub fn parse(raw: &str) -> Result<CompanyToken, FieldError> {
        let s: String = fold_width(raw)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        if s.is_empty() {
            return Err(FieldError::Required);
        }
        if s.len() != TOKEN_LEN || !s.bytes().all(|b| TOKEN_ALPHABET.contains(&b)) {
            return Err(FieldError::TokenFormat);
        }
        Ok(CompanyToken(s))
    }
    /// A new token from the same look-alike-free alphabet as passcodes (no I, O, 0, 1):
    /// people read it out and type it.
    pub fn generate(ctx: &Ctx) -> CompanyToken {
        CompanyToken(ctx.random_string(super::site::PASSCODE_ALPHABET, TOKEN_LEN))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// "ABCD EFGH IJKL MNOP".
    pub fn grouped(&self) -> String {
        self.0
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }
}
impl TryFrom<String> for CompanyToken {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        CompanyToken::parse(&s).map_err(|_| "invalid token".into())
    }
}
impl From<CompanyToken> for String {
    fn from(t: CompanyToken) -> String {
        t.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyProfile {
    pub legal_name: String,
    pub country: Country,
    pub web: String,
    pub models: Vec<String>,
    pub products: Vec<String>,
    pub size: String,
    pub directory: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationAddress {
    pub postal: String,
    pub prefecture: String,
    pub city: String,
    pub street: String,
    pub phone: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeProfile {
    pub family: PersonName,
    pub given: PersonName,
    pub phone: String,
    pub functions: Vec<String>,
    pub mail_lang: Lang,
    pub interests: Vec<String>,
    pub industries: Vec<String>,
}

impl EmployeeProfile {
    pub fn name(&self, lang: Lang) -> String {
        super::identity::display_name(self.given.as_str(), self.family.as_str(), lang)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub name: String,
    pub mime: String,
    pub size: u64,
    pub sha256: String,
    /// Base64 of the content, inline: only in records written before contents had keys
    /// of their own ([`FileContent`]); still read, never written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    pub at: Timestamp,
}

/// The content of one attachment, stored under a key of its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileContent {
    /// Hex SHA-256 of the bytes (equal to the attachment's).
    pub sha256: String,
    /// Base64 of the bytes when they are at most [`ATTACHMENT_CONTENT_MAX`]; above that
    /// only name, type, size and hash are kept.
    pub content: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state")]
pub enum AppStatus {
    Draft,
    Submitted { at: Timestamp, resubmitted: bool },
    DocumentsRequested { at: Timestamp, message: String },
    Approved { at: Timestamp, company: String },
    Rejected { at: Timestamp, reason: String },
}

/// Where a sent application stands, without its details: what the office's list
/// filters by (a draft is the applicant's alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppStage {
    Submitted,
    DocumentsRequested,
    Approved,
    Rejected,
}

impl AppStage {
    pub const ALL: [AppStage; 4] = [
        AppStage::Submitted,
        AppStage::DocumentsRequested,
        AppStage::Approved,
        AppStage::Rejected,
    ];
    /// Its name in an address (`?status=submitted`).
    pub fn code(self) -> &'static str {
        match self {
            AppStage::Submitted => "submitted",
            AppStage::DocumentsRequested => "documents",
            AppStage::Approved => "approved",
            AppStage::Rejected => "rejected",
        }
    }
    pub fn parse(code: &str) -> Option<AppStage> {
        AppStage::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl AppStatus {
    /// Whether it is a decision only the program office makes (documents asked for,
    /// approved, rejected), as against the applicant's own draft and submission.
    pub fn is_decision(&self) -> bool {
        matches!(
            self,
            AppStatus::DocumentsRequested { .. }
                | AppStatus::Approved { .. }
                | AppStatus::Rejected { .. }
        )
    }

    /// Its stage; `None` for a draft.
    pub fn stage(&self) -> Option<AppStage> {
        match self {
            AppStatus::Draft => None,
            AppStatus::Submitted { .. } => Some(AppStage::Submitted),
            AppStatus::DocumentsRequested { .. } => Some(AppStage::DocumentsRequested),
            AppStatus::Approved { .. } => Some(AppStage::Approved),
            AppStatus::Rejected { .. } => Some(AppStage::Rejected),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub(crate) number: String,
    pub(crate) applicant: IdentityId,
    pub(crate) email: Email,
    pub(crate) agreement: Option<(String, Timestamp)>,
    pub(crate) company: Option<CompanyProfile>,
    pub(crate) hq: Option<LocationAddress>,
    pub(crate) employee: Option<EmployeeProfile>,
    pub(crate) status: AppStatus,
    #[serde(default)]
    pub(crate) attachments: Vec<Attachment>,
    pub(crate) created: Timestamp,
}

/// Where the wizard is: the first part not done yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WizardStep {
    Agreement,
    Company,
    Employee,
    Review,
    Done,
}

impl Application {
    pub fn number(&self) -> &str {
        &self.number
    }
    pub fn applicant(&self) -> &IdentityId {
        &self.applicant
    }
    pub fn email(&self) -> &Email {
        &self.email
    }
    pub fn agreement(&self) -> Option<&(String, Timestamp)> {
        self.agreement.as_ref()
    }
    pub fn company(&self) -> Option<&CompanyProfile> {
        self.company.as_ref()
    }
    pub fn hq(&self) -> Option<&LocationAddress> {
        self.hq.as_ref()
    }
    pub fn employee(&self) -> Option<&EmployeeProfile> {
        self.employee.as_ref()
    }
    pub fn status(&self) -> &AppStatus {
        &self.status
    }
    /// Where and in which language mail about the application goes.
    pub fn mail_to(&self) -> (Email, Lang) {
        (
            self.email.clone(),
            self.employee
                .as_ref()
                .map(|e| e.mail_lang)
                .unwrap_or_default(),
        )
    }
    pub fn attachments(&self) -> &[Attachment] {
        &self.attachments
    }
    pub fn created(&self) -> Timestamp {
        self.created
    }
    /// Whether the office's filter finds it: `key` as [`crate::text::search_key`] makes
    /// it, trimmed (empty finds every one). It looks in the number, the applicant's
    /// email and name (as [`crate::identity::name_matches`] finds it) and the company's
    /// legal name.
    pub fn matches(&self, key: &str) -> bool {
        use crate::text::has_key;
        key.is_empty()
            || has_key(&self.number, key)
            || self.email.as_str().contains(key)
            || self
                .company
                .as_ref()
                .is_some_and(|c| has_key(&c.legal_name, key))
            || self.employee.as_ref().is_some_and(|e| {
                crate::identity::name_matches(e.given.as_str(), e.family.as_str(), key)
            })
    }
    pub fn is_open(&self) -> bool {
        !matches!(
            self.status,
            AppStatus::Approved { .. } | AppStatus::Rejected { .. }
        )
    }
    /// The step a returning user resumes at.
    pub fn step(&self) -> WizardStep {
        if !matches!(self.status, AppStatus::Draft) {
            WizardStep::Done
        } else if self.agreement.is_none() {
            WizardStep::Agreement
        } else if self.company.is_none() {
            WizardStep::Company
        } else if self.employee.is_none() {
            WizardStep::Employee
        } else {
            WizardStep::Review
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Membership {
    #[default]
    Member,
    Silver,
    Gold,
    Platinum,
}

impl Membership {
    pub const ALL: [Membership; 4] = [
        Membership::Member,
        Membership::Silver,
        Membership::Gold,
        Membership::Platinum,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Membership::Member => "member",
            Membership::Silver => "silver",
            Membership::Gold => "gold",
            Membership::Platinum => "platinum",
        }
    }
    pub fn parse(s: &str) -> Option<Membership> {
        Membership::ALL.into_iter().find(|m| m.key() == s)
    }
    /// Its place in [`Membership::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub id: u32,
    pub name: String,
    pub address: LocationAddress,
    pub hq: bool,
    /// The Primary Relationship Contact: exactly one per location.
    pub prc: IdentityId,
}

/// What a person who gave a company's token sees before joining it: the company's name
/// and the locations to choose from, nothing else of the company (in shared mode it is
/// all they may read of it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinChoice {
    pub company: String,
    pub name: String,
    pub locations: Vec<LocationChoice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationChoice {
    pub id: u32,
    pub name: String,
    /// City and street.
    pub place: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Employee {
    pub identity: IdentityId,
    pub email: Email,
    pub profile: EmployeeProfile,
    pub location: u32,
    /// Authorized Profile Administrator.
    pub apa: bool,
    /// Employment end date (YYYY-MM-DD, Japan time): the employee is inactive from it.
    pub end: Option<String>,
    /// When the person last confirmed the profile is current.
    pub confirmed: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state")]
pub enum JoinStatus {
    Pending,
    Approved {
        at: Timestamp,
        by: String,
    },
    Rejected {
        at: Timestamp,
        by: String,
        reason: String,
    },
    /// The person who asked withdrew it while it waited (schema 4).
    Withdrawn {
        at: Timestamp,
    },
    /// Nobody decided it within `site::REQUEST_EXPIRY` (schema 4).
    Expired {
        at: Timestamp,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequest {
    pub id: u32,
    pub identity: IdentityId,
    pub email: Email,
    pub location: u32,
    pub profile: EmployeeProfile,
    pub at: Timestamp,
    pub status: JoinStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    pub(crate) id: String,
    pub(crate) profile: CompanyProfile,
    pub(crate) level: Membership,
    pub(crate) token: CompanyToken,
    pub(crate) auto_accept: bool,
    pub(crate) locations: Vec<Location>,
    /// Stored as parts of their own (`company/ID/employees/i`); inline only in schema <= 2.
    #[serde(default, skip_serializing)]
    pub(crate) employees: Chunks<Employee>,
    #[serde(default, skip_serializing)]
    pub(crate) requests: Chunks<JoinRequest>,
    pub(crate) created: Timestamp,
    pub(crate) application: String,
    /// Employees invited by an administrator before they had an ID (schema 5): each
    /// becomes an employee when its invitation is accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) invitations: Vec<crate::invite::Lazy<CompanyInvite>>,
}

/// An employee invited before they had an ID: what the administrator entered, and
/// the invitation (`crate::invite`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyInvite {
    pub email: Email,
    pub location: u32,
    pub apa: bool,
    pub profile: EmployeeProfile,
    pub invite: crate::invite::Invite,
}

/// What someone is to a company.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartnerRole {
    /// Authorized Profile Administrator (may also be a PRC).
    Apa,
    /// Primary Relationship Contact of a location, not an APA.
    Prc,
    Employee,
    Outsider,
}

impl Company {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn profile(&self) -> &CompanyProfile {
        &self.profile
    }
    pub fn level(&self) -> Membership {
        self.level
    }
    /// When the company became a member (its application was approved).
    pub fn created(&self) -> Timestamp {
        self.created
    }
    /// The number of the application it was approved from.
    pub fn application(&self) -> &str {
        &self.application
    }
    /// Whether the office's list of member companies finds it for `key` (a
    /// [`crate::text::search_key`] of what is typed, trimmed; empty finds every one):
    /// in its legal name or its application's number.
    pub fn matches(&self, key: &str) -> bool {
        use crate::text::has_key;
        key.is_empty() || has_key(&self.profile.legal_name, key) || has_key(&self.application, key)
    }
    pub fn token(&self) -> &CompanyToken {
        &self.token
    }
    /// The employees invited and not registered yet.
    pub fn invitations(&self) -> Vec<CompanyInvite> {
        self.invitations.iter().filter_map(|i| i.get()).collect()
    }
    pub(crate) fn set_invitations(&mut self, list: &[CompanyInvite]) {
        self.invitations = list.iter().filter_map(crate::invite::Lazy::new).collect();
    }
    /// What someone who gave this company's token may see of it.
    pub fn join_choice(&self) -> JoinChoice {
        JoinChoice {
            company: self.id.clone(),
            name: self.profile.legal_name.clone(),
            locations: self
                .locations
                .iter()
                .map(|l| LocationChoice {
                    id: l.id,
                    name: l.name.clone(),
                    place: format!("{} {}", l.address.city, l.address.street),
                })
                .collect(),
        }
    }
    pub fn auto_accept(&self) -> bool {
        self.auto_accept
    }
    pub fn locations(&self) -> &[Location] {
        &self.locations
    }
    pub fn location(&self, id: u32) -> Option<&Location> {
        self.locations.iter().find(|l| l.id == id)
    }
    pub fn employees(&self) -> &Chunks<Employee> {
        &self.employees
    }
    pub fn employee(&self, id: &IdentityId) -> Option<&Employee> {
        self.employees.find(|e| &e.identity == id)
    }
    pub fn requests(&self) -> &Chunks<JoinRequest> {
        &self.requests
    }
    pub fn pending(&self) -> impl Iterator<Item = &JoinRequest> {
        self.requests
            .iter()
            .filter(|r| r.status == JoinStatus::Pending)
    }
    /// How many waiting requests nobody decided within `site::REQUEST_EXPIRY` at `now`.
    pub fn overdue_joins(&self, now: Timestamp) -> usize {
        self.pending()
            .filter(|r| super::site::overdue(r.at, now))
            .count()
    }
    pub fn is_active(e: &Employee, today: &str) -> bool {
        e.end.as_deref().is_none_or(|end| today < end)
    }
    pub fn active_apas(&self, today: &str) -> usize {
        self.employees
            .iter()
            .filter(|e| e.apa && Company::is_active(e, today))
            .count()
    }
    pub fn role_of(&self, id: Option<&IdentityId>, today: &str) -> PartnerRole {
        let Some(id) = id else {
            return PartnerRole::Outsider;
        };
        match self.employee(id) {
            Some(e) if !Company::is_active(e, today) => PartnerRole::Outsider,
            Some(e) if e.apa => PartnerRole::Apa,
            Some(_) if self.locations.iter().any(|l| &l.prc == id) => PartnerRole::Prc,
            Some(_) => PartnerRole::Employee,
            None => PartnerRole::Outsider,
        }
    }
    /// PRCs and APAs administer the company.
    pub fn is_admin(&self, id: Option<&IdentityId>, today: &str) -> bool {
        matches!(self.role_of(id, today), PartnerRole::Apa | PartnerRole::Prc)
    }
    pub fn profile_stale(e: &Employee, now: Timestamp) -> bool {
        now.0 - e.confirmed.0 > PROFILE_STALE_AFTER
    }
}

/// Today in Japan as YYYY-MM-DD (for employment end dates).
pub fn today(now: Timestamp) -> String {
    let t = super::calendar::jst(now);
    format!("{:04}-{:02}-{:02}", t.year, t.month, t.day)
}

/// A date as YYYY-MM-DD (full-width digits and slashes accepted), or empty.
pub fn parse_date(raw: &str) -> Result<Option<String>, FieldError> {
    let s = fold_width(raw).trim().replace('/', "-");
    if s.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = s.split('-').collect();
    let ok = parts.len() == 3
        && parts[0].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !ok {
        return Err(FieldError::DateFormat);
    }
    let (y, m, d): (i64, u32, u32) = (
        parts[0].parse().unwrap_or(0),
        parts[1].parse().unwrap_or(0),
        parts[2].parse().unwrap_or(0),
    );
    if !(1..=12).contains(&m) || d == 0 || d > 31 {
        return Err(FieldError::DateFormat);
    }
    let days = super::calendar::days_from_civil(y, m, d);
    if super::calendar::civil_from_days(days) != (y, m, d) {
        return Err(FieldError::DateFormat);
    }
    Ok(Some(format!("{y:04}-{m:02}-{d:02}")))
}

/// Wrong company tokens of one ID: the 10th wrong one within an hour locks the form
/// for an hour from that moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenGuard {
    failures: Vec<Timestamp>,
    #[serde(default)]
    locked_at: Option<Timestamp>,
}

impl TokenGuard {
    /// The end of the lock, if locked at `now`. A clock set back before the moment of
    /// locking keeps the lock (it never unlocks early).
    pub fn locked_until(&self, now: Timestamp) -> Option<Timestamp> {
        let until = self.locked_at?.plus(TOKEN_WINDOW);
        (now < until).then_some(until)
    }
    /// Records a wrong token; returns the end of the lock when this one locks.
    pub fn fail(&mut self, now: Timestamp) -> Option<Timestamp> {
        self.failures.retain(|t| t.0 > now.0 - TOKEN_WINDOW);
        self.failures.push(now);
        if self.failures.len() >= TOKEN_MAX_FAILURES {
            self.failures.clear();
            self.locked_at = Some(now);
            Some(now.plus(TOKEN_WINDOW))
        } else {
            None
        }
    }
}

/// Sample news for the member home, chosen by interests and membership level.
pub struct News {
    pub id: &'static str,
    pub min_level: Membership,
    /// Products of interest it is about (empty: every member).
    pub topics: &'static [&'static str],
    /// Industries of interest it is about (empty: every industry).
    pub industries: &'static [&'static str],
    pub ja: (&'static str, &'static str),
    pub en: (&'static str, &'static str),
}

pub const NEWS: &[News] = &[
    News {
        id: "n1",
        min_level: Membership::Member,
        topics: &[],
        industries: &[],
        ja: (
            "パートナー・ポータルへようこそ",
            "プロフィールを最新に保つと、必要な情報が届きます。",
        ),
        en: (
            "Welcome to the partner portal",
            "Keep your profile current to get the news that matters to you.",
        ),
    },
    News {
        id: "n2",
        min_level: Membership::Member,
        topics: &["cloud"],
        industries: &[],
        ja: (
            "クラウド移行セミナーのご案内",
            "ハイブリッド・クラウドへの移行手法を紹介するオンライン・セミナーです。",
        ),
        en: (
            "Cloud migration seminar",
            "An online seminar on moving workloads to hybrid cloud.",
        ),
    },
    News {
        id: "n3",
        min_level: Membership::Member,
        topics: &["ai"],
        industries: &[],
        ja: (
            "AI 活用ハンズオン",
            "生成 AI を業務に組み込むハンズオン・ワークショップ。",
        ),
        en: (
            "Hands-on: AI in business",
            "A workshop on putting generative AI to work.",
        ),
    },
    News {
        id: "n4",
        min_level: Membership::Member,
        topics: &["security"],
        industries: &[],
        ja: (
            "セキュリティー最新動向",
            "ゼロトラストの実装事例をご紹介します。",
        ),
        en: (
            "Security update",
            "Zero-trust in practice, with customer stories.",
        ),
    },
    News {
        id: "n5",
        min_level: Membership::Silver,
        topics: &["data"],
        industries: &[],
        ja: (
            "シルバー以上: データ活用キャンペーン",
            "データ基盤案件向けの販売支援プログラム。",
        ),
        en: (
            "Silver and up: data campaign",
            "Sales support for data platform deals.",
        ),
    },
    News {
        id: "n6",
        min_level: Membership::Gold,
        topics: &[],
        industries: &[],
        ja: (
            "ゴールド以上: 共同マーケティング基金",
            "共同マーケティング基金の申請受付を開始しました。",
        ),
        en: (
            "Gold and up: co-marketing funds",
            "Applications for co-marketing funds are open.",
        ),
    },
    News {
        id: "n7",
        min_level: Membership::Member,
        topics: &["automation", "infrastructure"],
        industries: &[],
        ja: (
            "運用自動化の新機能",
            "インフラ運用を自動化する新機能の技術解説。",
        ),
        en: (
            "New in automation",
            "A technical look at new infrastructure automation features.",
        ),
    },
    News {
        id: "n8",
        min_level: Membership::Platinum,
        topics: &[],
        industries: &[],
        ja: (
            "プラチナ限定: 製品ロードマップ説明会",
            "次期製品ロードマップの非公開説明会。",
        ),
        en: (
            "Platinum only: roadmap briefing",
            "A private briefing on the product roadmap.",
        ),
    },
    News {
        id: "n9",
        min_level: Membership::Member,
        topics: &[],
        industries: &["finance"],
        ja: (
            "金融業界向け: 規制対応ソリューション・セミナー",
            "金融機関の規制対応を支えるソリューションをご紹介します。",
        ),
        en: (
            "For financial services: compliance seminar",
            "Solutions that help banks and insurers meet regulation.",
        ),
    },
    News {
        id: "n10",
        min_level: Membership::Member,
        topics: &[],
        industries: &["manufacturing"],
        ja: (
            "製造業向け: スマート・ファクトリー事例集",
            "工場の自動化とデータ活用の事例をまとめました。",
        ),
        en: (
            "For manufacturing: smart factory stories",
            "Case studies of factory automation and data use.",
        ),
    },
];

/// The news a member with product `interests` and `industries` of interest sees at
/// `level`, newest first (catalogue order): an item about products or industries only
/// if the member chose one of them (seed 003: the PPS settings choose the news).
pub fn news_for(
    level: Membership,
    interests: &[String],
    industries: &[String],
) -> Vec<&'static News> {
    let chosen = |of: &[&str], mine: &[String]| {
        of.is_empty() || of.iter().any(|t| mine.iter().any(|i| i == t))
    };
    NEWS.iter()
        .filter(|n| n.min_level <= level)
        .filter(|n| chosen(n.topics, interests) && chosen(n.industries, industries))
        .collect()
}

pub fn company_line(raw: &str) -> Result<String, FieldError> {
    clean_line(raw, 100)
}

flat_tagged! {
    AppStatus [at: Timestamp, resubmitted: bool, message: String, company: String, reason: String] {
        Draft {},
        Submitted { at, resubmitted },
        DocumentsRequested { at, message },
        Approved { at, company },
        Rejected { at, reason },
    }
}

flat_tagged! {
    JoinStatus [at: Timestamp, by: String, reason: String] {
        Pending {},
        Approved { at, by },
        Rejected { at, by, reason },
        Withdrawn { at },
        Expired { at },
    }
}
