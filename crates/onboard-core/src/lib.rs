//! Onboard's pure core: plain data, commands, rules, errors, mail content and the text
//! table.
//!
//! No browser, storage, clock or random calls here: the crate has no browser dependency,
//! clippy.toml forbids the clock, and time and randomness arrive in a [`ctx::Ctx`]. Every
//! rule is enforced by [`command::apply`], not by the UI.
/// Deserializes an internally tagged enum (`{"state":"Granted","at":..,"by":..}`, the
/// JSON of `#[serde(tag = "state")]`) through one flat record: serde's own tagged
/// enums buffer every value first, which cost ~40 KB of wasm and time at start-up.
/// `[field: Type, ...]` lists every field once; each variant names the ones it has.
macro_rules! flat_tagged {
    (
        $enum:ident [$($f:ident : $ty:ty),* $(,)?]
        { $($variant:ident { $($vf:ident),* }),* $(,)? }
    ) => {
        impl<'de> serde::Deserialize<'de> for $enum {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                use serde::de::Error;
                #[derive(serde::Deserialize)]
                enum Tag { $($variant),* }
                #[derive(serde::Deserialize)]
                struct Flat { state: Tag, $(#[serde(default)] $f: Option<$ty>,)* }
                let Flat { state, $($f),* } = Flat::deserialize(d)?;
                Ok(match state {
                    $(Tag::$variant => $enum::$variant {
                        $($vf: $vf.ok_or_else(|| D::Error::missing_field(stringify!($vf)))?),*
                    },)*
                })
            }
        }
    };
}

pub mod access;
pub mod audit;
pub mod calendar;
pub mod chunks;
pub mod command;
pub mod csv;
pub mod ctx;
pub mod demo;
pub mod error;
pub mod generate;
pub mod i18n;
pub mod identity;
pub mod identity_commands;
pub mod invite;
pub mod limits;
pub mod mail;
pub mod office;
pub mod office_commands;
pub mod partner;
pub mod partner_commands;
pub mod report;
pub mod route;
pub mod secret;
pub mod site;
pub mod site_commands;
pub mod state;
pub mod text;
pub mod tx;
pub mod words;

pub use command::{apply, Command};
pub use ctx::{Ctx, Timestamp};
pub use error::{DomainError, Field, FieldError};
pub use office_commands::{may_manage_data, Imported, Replacement};
pub use state::{Actor, AggKey, Device, State};
pub use tx::{DeviceChange, Outcome, Reply};
