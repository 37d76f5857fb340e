//! The shared mode's engine on a Kinto server (see ARCHITECTURE.md, "Shared mode").
//!
//! * [`layout`]: where each aggregate lives on the server and who may read and write
//!   it (pure: requests as data, so the same plan is tested natively against a real
//!   Kinto and sent by any transport).
//! * [`native`] (not in the browser): a small blocking HTTP client for loopback, used
//!   by the provisioning tool, the tests and the benchmark.
pub mod layout;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod replica;
