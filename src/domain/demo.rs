//! A demo data set, made through the same commands a user sends.
use super::command::{apply, Command};
use super::ctx::{Ctx, Timestamp};
use super::error::DomainError;
use super::mail::Block;
use super::state::{Actor, State};
use super::text::Email;
use crate::i18n::Lang;

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

pub fn build(now: Timestamp, seed: [u8; 32]) -> Result<State, DomainError> {
    let ctx = Ctx::new(now, seed);
    let anon = Actor::anonymous();
    let pw = DEMO_PASSWORD.to_string();
    let mut state = State::default();
    state = apply(
        &state,
        &anon,
        Command::CreateOperator {
            email: DEMO_OPERATOR.into(),
            password: pw.clone(),
            confirm: pw.clone(),
        },
        &ctx,
    )?
    .state;
    for (email, family, given, country, lang) in DEMO_IDS {
        let cmd = Command::CreateId {
            email: email.to_string(),
            family: family.to_string(),
            given: given.to_string(),
            country: country.to_string(),
            mail_lang: *lang,
            password: pw.clone(),
            confirm: pw.clone(),
            accept_terms: true,
        };
        state = apply(&state, &anon, cmd, &ctx)?.state;
        let e = Email::parse(email).expect("demo emails are valid");
        let code = latest_code(&state, &e).ok_or(DomainError::NotFound)?;
        state = apply(
            &state,
            &anon,
            Command::VerifyId {
                email: email.to_string(),
                code,
            },
            &ctx,
        )?
        .state;
    }
    state.end_all_sessions();
    Ok(state)
}
