//! The pure core: plain data, commands, rules and errors.
//!
//! No browser, storage, clock or random calls here: time and randomness arrive in a
//! [`ctx::Ctx`]. Every rule is enforced by [`command::apply`], not by the UI.
pub mod access;
pub mod audit;
pub mod calendar;
pub mod chunks;
pub mod command;
pub mod ctx;
pub mod demo;
pub mod error;
pub mod generate;
pub mod identity;
pub mod mail;
pub mod office;
pub mod partner;
pub mod partner_commands;
pub mod secret;
pub mod site;
pub mod site_commands;
pub mod state;
pub mod text;

pub use command::{apply, Command, DeviceChange, Outcome, Reply};
pub use ctx::{Ctx, Timestamp};
pub use error::{DomainError, Field, FieldError};
pub use state::{Actor, AggKey, Device, State};
