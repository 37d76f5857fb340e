//! Replicas made natively for the shared-mode tests and journeys: a clock, accounts
//! with their IDs, an application sent to the office. Uses the native tests' helpers
//! (`crate::common`).
#![allow(dead_code)]
use crate::common;
use crate::shared_support::Kinto;
use onboard_core::partner_commands;

/// A clock for native commands: one second a call from 2026-09-21, a seed of its own.
pub fn clock() -> impl FnMut() -> onboard_core::Ctx {
    let mut n = 0u8;
    move || {
        n += 1;
        let mut seed = [7u8; 32];
        seed[0] = n;
        onboard_core::Ctx::new(
            onboard_core::Timestamp(1_790_000_000_000 + n as i64 * 1000),
            seed,
        )
    }
}

/// A new account on the server (password `pw-of-<email>`), signed in as a replica.
pub fn new_peer(kinto: &Kinto, email: &str) -> onboard::store::shared::native::Peer {
    kinto.account(email);
    onboard::store::shared::native::Peer::open(&kinto.client, email, &format!("pw-of-{email}"))
        .unwrap()
}

/// The ID of a signed-in account (shared mode: no password, the server holds it).
pub fn make_id(
    p: &mut onboard::store::shared::native::Peer,
    family: &str,
    given: &str,
    ctx: &mut dyn FnMut() -> onboard_core::Ctx,
) {
    p.run(
        onboard_core::identity_commands::CreateAccountId {
            family: family.into(),
            given: given.into(),
            country: "JP".into(),
            mail_lang: onboard_core::i18n::Lang::En,
            accept_terms: true,
        }
        .into(),
        ctx,
    )
    .unwrap();
}

/// Carol applies for the partner program in her browser: her replica and the
/// application's number.
pub fn submitted_application(
    kinto: &Kinto,
    ctx: &mut dyn FnMut() -> onboard_core::Ctx,
) -> (onboard::store::shared::native::Peer, String) {
    submitted_application_by(kinto, ctx, "carol@example.com", "Example Partner KK")
}

/// `email` (a new account, `pw-of-<email>`) applies for the partner program for
/// company `company`: their replica and the application's number.
pub fn submitted_application_by(
    kinto: &Kinto,
    ctx: &mut dyn FnMut() -> onboard_core::Ctx,
    email: &str,
    company: &str,
) -> (onboard::store::shared::native::Peer, String) {
    use onboard_core::partner::AGREEMENT_VERSION;
    use onboard_core::partner_commands::PartnerCommand;
    use onboard_core::tx::Reply;
    use onboard_core::Command;
    let mut c = new_peer(kinto, email);
    make_id(&mut c, "Sato", "Carol", ctx);
    for cmd in [
        partner_commands::AcceptAgreement {
            version: AGREEMENT_VERSION.into(),
        }
        .into(),
        PartnerCommand::SaveCompany(common::company_input(company)),
        PartnerCommand::SaveEmployee(common::profile_input(&["cloud"])),
    ] {
        c.run(Command::Partner(cmd), ctx).unwrap();
    }
    let Reply::ApplicationSubmitted { number } = c
        .run(Command::Partner(PartnerCommand::Submit), ctx)
        .unwrap()
    else {
        panic!("not submitted")
    };
    (c, number)
}
