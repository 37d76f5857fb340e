//! Onboard: a static, browser-only onboarding portal.
//!
//! * [`domain`] is the pure core (no browser, no clock, no randomness of its own).
//! * [`i18n`] holds every user-visible string in Japanese and English.
//! * [`store`] persists the domain state, one JSON value per aggregate.
//! * `ui` (wasm only) is the Leptos shell.
pub mod domain;
pub mod i18n;
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
