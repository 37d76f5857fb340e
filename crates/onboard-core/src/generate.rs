//! A large, deterministic data set for the benchmark (`make bench`): the demo data
//! grown to the scale of a big customer (many site users, pending requests, partner
//! employees, and mail and audit entries filling most of the storage quota).
use super::audit::{AuditEvent, Detail, Part, UserGrant};
use super::chunks::Chunks;
use super::ctx::{Ctx, Timestamp};
use super::error::DomainError;
use super::identity::IdentityId;
use super::mail::{Block, Draft, FROM_SITES};
use super::partner::{
    Company, CompanyProfile, CompanyToken, Employee, EmployeeProfile, Location, LocationAddress,
    Membership,
};
use super::site::{AccessRequest, Privileges, RequestStatus, SiteUser, Software};
use super::state::State;
use super::text::{Country, Email, PersonName};
use crate::i18n::Lang;
use std::sync::Arc;

pub struct Spec {
    pub site_users: usize,
    pub pending_requests: usize,
    pub employees: usize,
    /// Stop adding mail and audit entries at about this many UTF-16 code units in all.
    pub target_units: usize,
}

/// The sizes issue 4 asks for, at 80 % of Chromium's localStorage quota.
pub const ISSUE_SPEC: Spec = Spec {
    site_users: 10_000,
    pending_requests: 2_000,
    employees: 5_000,
    target_units: 4_190_000,
};

fn id(i: usize) -> IdentityId {
    IdentityId::parse(&format!("u{i:016x}")).expect("valid shape")
}

/// UTF-16 units the state takes as stored (roughly: JSON of every aggregate).
pub fn stored_units(state: &State) -> usize {
    state
        .keys()
        .iter()
        .map(|k| {
            state
                .aggregate(k)
                .map(|v| v.to_string().encode_utf16().count() + 40)
                .unwrap_or(0)
        })
        .sum()
}

/// The demo data grown to `spec`: the demo site's users and requests, a large partner
/// company, then mail and audit entries until about `spec.target_units`.
pub fn large(spec: &Spec, now: Timestamp, seed: [u8; 32]) -> Result<State, DomainError> {
    let mut state = super::demo::build(now, seed)?;
    let ctx = Ctx::new(now, seed);
    let n = state
        .sites
        .keys()
        .next()
        .cloned()
        .ok_or(DomainError::NotFound)?;
    grow_site(
        Arc::make_mut(state.sites.get_mut(&n).expect("demo site")),
        spec,
        now,
    );
    let hanako = state
        .identity_by_email(&Email::parse(super::demo::DEMO_IDS[0].0).expect("valid"))
        .map(|i| i.id().clone())
        .ok_or(DomainError::NotFound)?;
    let company = big_company(hanako, spec, now, &ctx);
    state
        .companies
        .insert(company.id.clone(), Arc::new(company));
    fill_mail_and_audit(&mut state, n.as_str(), spec, now);
    Ok(state)
}

/// `spec.site_users` users and `spec.pending_requests` waiting requests more.
fn grow_site(site: &mut super::site::Site, spec: &Spec, now: Timestamp) {
    for i in 0..spec.site_users {
        let email = Email::parse(&format!("user{i:05}@big.example")).expect("valid");
        let privileges = Privileges {
            software: super::site::Software::Downloads,
            ..Privileges::default()
        };
        site.users.push(SiteUser {
            email,
            privileges,
            secondary: false,
            added: now,
            invite: None,
        });
    }
    let first = site.requests.len() as u32 + 1;
    for i in 0..spec.pending_requests {
        site.requests.push(AccessRequest {
            id: first + i as u32,
            requester: id(1_000_000 + i),
            email: Email::parse(&format!("asker{i:05}@big.example")).expect("valid"),
            message: "Please give me access to the downloads.".into(),
            at: now,
            status: RequestStatus::Pending,
        });
    }
}

/// A company of `spec.employees` employees at one location, `admin` its APA and PRC.
fn big_company(admin: IdentityId, spec: &Spec, now: Timestamp, ctx: &Ctx) -> Company {
    let profile = |i: usize| EmployeeProfile {
        family: PersonName::parse(&format!("社員{i}")).expect("valid"),
        given: PersonName::parse("太郎").expect("valid"),
        phone: "03-1234-5678".into(),
        functions: vec!["sales".into()],
        mail_lang: Lang::Ja,
        interests: vec!["cloud".into()],
        industries: vec![],
    };
    let employee = |i: usize, identity: IdentityId, email: Email| Employee {
        identity,
        email,
        profile: profile(i),
        location: 1,
        apa: i == 0,
        end: None,
        confirmed: now,
    };
    let first = Email::parse(super::demo::DEMO_IDS[0].0).expect("valid");
    let mut employees = vec![employee(0, admin.clone(), first)];
    for i in 1..spec.employees {
        let email = Email::parse(&format!("emp{i:05}@big.example")).expect("valid");
        employees.push(employee(i, id(i), email));
    }
    Company {
        id: "c000000000001".into(),
        profile: CompanyProfile {
            legal_name: "大規模パートナー株式会社".into(),
            country: Country::parse("JP").expect("valid"),
            web: "https://big.example".into(),
            models: vec!["reseller".into()],
            products: vec!["cloud".into()],
            size: "1000+".into(),
            directory: true,
        },
        level: Membership::Gold,
        token: CompanyToken::generate(ctx),
        auto_accept: false,
        locations: vec![Location {
            id: 1,
            name: "本社".into(),
            address: LocationAddress {
                postal: "106-8711".into(),
                prefecture: "東京都".into(),
                city: "港区".into(),
                street: "六本木 3-2-12".into(),
                phone: "03-1234-5678".into(),
            },
            hq: true,
            prc: admin,
        }],
        employees: Chunks::from_vec(employees),
        requests: Default::default(),
        created: now,
        application: "PW100000000".into(),
        invitations: Vec::new(),
    }
}

/// Mail and audit entries, in pairs, until the state takes about `spec.target_units`.
fn fill_mail_and_audit(state: &mut State, site: &str, spec: &Spec, now: Timestamp) {
    let to = Email::parse("user00001@big.example").expect("valid");
    let mail = |i: usize| Draft {
        to: to.clone(),
        from: FROM_SITES,
        subject: format!("お知らせ {i}: サイトの更新 / Site update {i}"),
        blocks: vec![
            Block::Para(
                "パスポート・アドバンテージ・オンラインのご利用ありがとうございます。 \
                 Thank you for using the online service."
                    .into(),
            ),
            Block::Field("サイト番号".into(), site.to_string()),
            Block::Link(
                "カスタマー・サイト".into(),
                crate::route::Route::Sites.href(),
            ),
        ],
        lang: Lang::Ja,
    };
    let grant = |software| UserGrant {
        secondary: None,
        privileges: Privileges {
            software,
            ..Privileges::default()
        },
    };
    let audit = |s: &mut State| {
        s.push_audit(
            now,
            "someone@big.example".into(),
            AuditEvent::UserChanged,
            site,
            Detail(vec![
                Part::of("user@big.example"),
                Part::Regrant(grant(Software::Downloads), grant(Software::Full)),
            ]),
        )
    };
    let base = stored_units(state);
    let per_pair = {
        let mut s = State::default();
        s.push_mail(mail(0), now);
        audit(&mut s);
        stored_units(&s).max(1)
    };
    let pairs = spec.target_units.saturating_sub(base) / per_pair;
    for i in 0..pairs {
        state.push_mail(mail(i), now);
        audit(state);
    }
}
