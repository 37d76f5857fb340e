//! One file per route.
pub mod audit;
pub mod create_id;
pub mod data;
pub mod home;
pub mod mail_view;
pub mod mailbox;
pub mod not_found;
pub mod office;
pub mod partner;
pub mod profile;
pub mod reset;
pub mod signin;
pub mod sites;
pub mod verify;

use crate::domain::identity::IdentityId;
use crate::ui::app;
use leptos::prelude::*;

/// The signed-in person (reactive), resolved from the device, state and clock.
pub fn signed_in() -> Memo<Option<IdentityId>> {
    let app = app();
    Memo::new(move |_| {
        let now = app.clock.get();
        let device = app.device.get();
        app.state.with(|s| s.actor(&device, now).person().cloned())
    })
}

pub fn is_operator() -> Memo<bool> {
    let app = app();
    Memo::new(move |_| {
        let now = app.clock.get();
        let device = app.device.get();
        app.state.with(|s| s.actor(&device, now).is_operator())
    })
}

/// A query parameter of the current URL.
pub fn query(name: &'static str) -> Memo<String> {
    let q = leptos_router::hooks::use_query_map();
    Memo::new(move |_| q.with(|m| m.get(name).unwrap_or_default()))
}
