//! A demo data set, made through the same commands a user sends.
use super::command::{apply, Command};
use super::ctx::{Ctx, Timestamp};
use super::error::DomainError;
use super::mail::Block;
use super::state::{Actor, State};
use super::text::Email;
use crate::i18n::Lang;
use crate::identity_commands;
use crate::office_commands;

pub const DEMO_PASSWORD: &str = "onboard-demo-2026";
pub const DEMO_OPERATOR: &str = "office@demo.example";
pub const DEMO_IDS: &[(&str, &str, &str, &str, Lang)] = &[
    ("hanako@demo.example", "山田", "花子", "JP", Lang::Ja),
    ("alex@demo.example", "Smith", "Alex", "US", Lang::En),
];

/// The newest code (a `Block::Code`) mailed to `to`.
pub fn latest_code(state: &State, to: &Email) -> Option<String> {
    state.mails_newest_first(Some(to)).find_map(|m| {
        m.blocks.iter().find_map(|b| match b {
            Block::Code(_, v) => Some(v.clone()),
            _ => None,
        })
    })
}

fn as_person(state: &State, email: &str, ctx: &Ctx) -> Result<(State, Actor), DomainError> {
    let out = apply(
        state,
        &Actor::anonymous(),
        identity_commands::SignIn {
            email: email.into(),
            password: DEMO_PASSWORD.into(),
        }
        .into(),
        ctx,
    )?;
    let device = device_of(&out.device);
    let actor = out.state.actor(&device, ctx.now);
    Ok((out.state, actor))
}

fn device_of(changes: &[super::tx::DeviceChange]) -> super::state::Device {
    let mut d = super::state::Device::default();
    for c in changes {
        match c {
            super::tx::DeviceChange::PersonSignedIn(t) => d.person = Some(t.clone()),
            super::tx::DeviceChange::OperatorSignedIn(t) => d.operator = Some(t.clone()),
            _ => {}
        }
    }
    d
}

fn demo_site(state: State, ctx: &Ctx) -> Result<State, DomainError> {
    use super::site_commands as s;
    let run = |state: &State, who: &Actor, cmd: Command| apply(state, who, cmd, ctx);
    let out = run(
        &state,
        &Actor::anonymous(),
        office_commands::OperatorSignIn {
            email: DEMO_OPERATOR.into(),
            password: DEMO_PASSWORD.into(),
        }
        .into(),
    )?;
    let op = out.state.actor(&device_of(&out.device), ctx.now);
    let enrol = s::Enrol {
        company: "デモ株式会社".into(),
        country: "JP".into(),
        postal: "106-8711".into(),
        prefecture: "東京都".into(),
        city: "港区".into(),
        street: "六本木 3-2-12".into(),
        family: "山田".into(),
        given: "花子".into(),
        email: DEMO_IDS[0].0.into(),
        mail_lang: Lang::Ja,
    };
    let out = run(&out.state, &op, enrol.into())?;
    let site = match &out.effect {
        super::tx::Reply::SiteEnrolled { site, .. } => site.clone(),
        _ => return Err(DomainError::NotFound),
    };
    let e = Email::parse(DEMO_IDS[0].0).expect("valid");
    let passcode = latest_code(&out.state, &e).ok_or(DomainError::NotFound)?;
    let (state, hanako) = as_person(&out.state, DEMO_IDS[0].0, ctx)?;
    let state = run(
        &state,
        &hanako,
        s::FirstSignIn {
            site: site.clone(),
            passcode,
        }
        .into(),
    )?
    .state;
    demo_site_people(state, site, &hanako, ctx)
}

/// The demo site's secondary contact (added by its primary contact, `hanako`) and an
/// access request waiting from the second demo ID.
fn demo_site_people(
    state: State,
    site: String,
    hanako: &Actor,
    ctx: &Ctx,
) -> Result<State, DomainError> {
    use super::site::{Level, Privileges, Viewing};
    use super::site_commands as s;
    let run = |state: &State, who: &Actor, cmd: Command| apply(state, who, cmd, ctx);
    let secondary = Privileges {
        reporting: Viewing::View,
        contact_updates: Level::Update,
        manage_access: Level::View,
        ..Privileges::default()
    };
    let state = run(
        &state,
        hanako,
        s::AddUser {
            site: site.clone(),
            email: "taro@demo.example".into(),
            privileges: secondary,
            secondary: true,
        }
        .into(),
    )?
    .state;
    let (state, alex) = as_person(&state, DEMO_IDS[1].0, ctx)?;
    let customer = state
        .sites()
        .next()
        .map(|s| s.customer().to_string())
        .unwrap_or_default();
    let state = run(
        &state,
        &alex,
        s::RequestAccess {
            site,
            customer,
            message: "I handle our software downloads.".into(),
        }
        .into(),
    )?
    .state;
    Ok(state)
}

/// The demo data, to replace `current`: only when nothing is stored yet, so a demo
/// never mixes with (or overwrites) real data.
pub fn load_into(current: &State, now: Timestamp, seed: [u8; 32]) -> Result<State, DomainError> {
    if !current.is_empty() {
        return Err(DomainError::NotEmpty);
    }
    build(now, seed)
}

/// A partner company, approved, with the second demo ID as its APA.
fn demo_company(state: State, ctx: &Ctx) -> Result<State, DomainError> {
    use super::partner::AGREEMENT_VERSION;
    use super::partner_commands::{self as p, CompanyInput, ProfileInput};
    let (state, alex) = as_person(&state, DEMO_IDS[1].0, ctx)?;
    let company = CompanyInput {
        legal_name: "Demo Partners KK".into(),
        country: "JP".into(),
        web: "https://partners.demo.example".into(),
        models: vec!["reseller".into(), "services".into()],
        products: vec!["cloud".into(), "ai".into()],
        size: "11-50".into(),
        directory: true,
        postal: "100-0005".into(),
        prefecture: "東京都".into(),
        city: "千代田区".into(),
        street: "丸の内 1-1".into(),
        phone: "03-1234-5678".into(),
    };
    let profile = ProfileInput {
        family: "Smith".into(),
        given: "Alex".into(),
        phone: "090-1234-5678".into(),
        functions: vec!["sales".into()],
        mail_lang: Lang::En,
        interests: vec!["cloud".into()],
        industries: vec![],
    };
    let mut state = state;
    for cmd in [
        p::PartnerCommand::AcceptAgreement(p::AcceptAgreement {
            version: AGREEMENT_VERSION.into(),
        }),
        p::PartnerCommand::SaveCompany(company),
        p::PartnerCommand::SaveEmployee(profile),
        p::PartnerCommand::Submit,
    ] {
        state = apply(&state, &alex, Command::Partner(cmd), ctx)?.state;
    }
    let number = state
        .applications()
        .next()
        .map(|a| a.number().to_string())
        .ok_or(DomainError::NotFound)?;
    let out = apply(
        &state,
        &Actor::anonymous(),
        office_commands::OperatorSignIn {
            email: DEMO_OPERATOR.into(),
            password: DEMO_PASSWORD.into(),
        }
        .into(),
        ctx,
    )?;
    let op = out.state.actor(&device_of(&out.device), ctx.now);
    Ok(apply(&out.state, &op, p::Approve { number }.into(), ctx)?.state)
}

pub fn build(now: Timestamp, seed: [u8; 32]) -> Result<State, DomainError> {
    let ctx = Ctx::new(now, seed);
    let anon = Actor::anonymous();
    let pw = DEMO_PASSWORD.to_string();
    let mut state = State::default();
    state = apply(
        &state,
        &anon,
        office_commands::CreateOperator {
            email: DEMO_OPERATOR.into(),
            password: pw.clone(),
            confirm: pw.clone(),
        }
        .into(),
        &ctx,
    )?
    .state;
    for (email, family, given, country, lang) in DEMO_IDS {
        let cmd = identity_commands::CreateId {
            email: email.to_string(),
            family: family.to_string(),
            given: given.to_string(),
            country: country.to_string(),
            mail_lang: *lang,
            password: pw.clone(),
            confirm: pw.clone(),
            accept_terms: true,
        }
        .into();
        state = apply(&state, &anon, cmd, &ctx)?.state;
        let e = Email::parse(email).expect("demo emails are valid");
        let code = latest_code(&state, &e).ok_or(DomainError::NotFound)?;
        state = apply(
            &state,
            &anon,
            identity_commands::VerifyId {
                email: email.to_string(),
                code,
            }
            .into(),
            &ctx,
        )?
        .state;
    }
    // A customer site, active, with one secondary contact and one pending request.
    state = demo_site(state, &ctx)?;
    state = demo_company(state, &ctx)?;
    state.end_all_sessions();
    Ok(state)
}

/// What a demo person is, for the "play as" list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlayerRole {
    /// The program office (the demo operator).
    Office,
    SitePrimary(String),
    SiteSecondary(String),
    SiteUser(String),
    /// A company's APA (possibly also a PRC).
    Apa(String),
    Prc(String),
    Employee(String),
}

/// One person to play as on demo data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Player {
    pub email: String,
    /// (given, family); empty for the office.
    pub name: (String, String),
    pub roles: Vec<PlayerRole>,
}

/// The people of the demo data, to switch to in one click ("play as"): only while the
/// data is demo data (its operator is [`DEMO_OPERATOR`]), else nobody. The demo
/// password is public (the data page shows it), so this lists what anyone could type;
/// one whose password was changed is still listed and its sign-in is refused as usual.
pub fn players(state: &State, now: Timestamp) -> Vec<Player> {
    let demo = state
        .office()
        .operator_email()
        .is_some_and(|e| e.as_str() == DEMO_OPERATOR);
    if !demo {
        return vec![];
    }
    let mut out = vec![Player {
        email: DEMO_OPERATOR.into(),
        name: (String::new(), String::new()),
        roles: vec![PlayerRole::Office],
    }];
    // By email (`by_email` is ordered), verified IDs only.
    for i in state
        .by_email
        .values()
        .filter_map(|id| state.identity(id))
        .filter(|i| i.is_verified())
    {
        out.push(Player {
            email: i.email().to_string(),
            name: (i.given().to_string(), i.family().to_string()),
            roles: roles_of(state, i, now),
        });
    }
    out
}

/// What ID `i` is on its sites and in its company at `now` (the sites in order,
/// then the company).
pub fn roles_of(state: &State, i: &crate::identity::Identity, now: Timestamp) -> Vec<PlayerRole> {
    use super::partner::PartnerRole;
    use super::site::SiteRole;
    let mut roles = vec![];
    for s in state.sites() {
        let name = s.company().to_string();
        match s.role_of(Some(i.email())) {
            SiteRole::Primary => roles.push(PlayerRole::SitePrimary(name)),
            SiteRole::Secondary => roles.push(PlayerRole::SiteSecondary(name)),
            SiteRole::User => roles.push(PlayerRole::SiteUser(name)),
            SiteRole::Outsider => {}
        }
    }
    if let Some(c) = state.company_of(i.id()) {
        let name = c.profile().legal_name.clone();
        match c.role_of(Some(i.id()), &super::partner::today(now)) {
            PartnerRole::Apa => roles.push(PlayerRole::Apa(name)),
            PartnerRole::Prc => roles.push(PlayerRole::Prc(name)),
            PartnerRole::Employee => roles.push(PlayerRole::Employee(name)),
            PartnerRole::Outsider => {}
        }
    }
    roles
}

/// Roles in words, joined by " · " ("No site or company yet" for none).
pub fn roles_text(roles: &[PlayerRole], lang: crate::i18n::Lang) -> String {
    use crate::i18n::P;
    let words: Vec<String> = roles
        .iter()
        .map(|r| match r {
            PlayerRole::Office => P::PlayOffice.get(lang).to_string(),
            PlayerRole::SitePrimary(c) => P::PlaySitePrimary.fill(lang, &[c]),
            PlayerRole::SiteSecondary(c) => P::PlaySiteSecondary.fill(lang, &[c]),
            PlayerRole::SiteUser(c) => P::PlaySiteUser.fill(lang, &[c]),
            PlayerRole::Apa(c) => P::PlayApa.fill(lang, &[c]),
            PlayerRole::Prc(c) => P::PlayPrc.fill(lang, &[c]),
            PlayerRole::Employee(c) => P::PlayEmployee.fill(lang, &[c]),
        })
        .collect();
    if words.is_empty() {
        P::PlayNoRole.get(lang).to_string()
    } else {
        words.join(" · ")
    }
}
