//! How long each field's input may be, as typed: the `maxlength` the UI puts on the
//! field, taken from the limits the parsers enforce (so the two never disagree).
//!
//! For a value of fixed length (a site number, a code, a token) the field takes a
//! little more than the value itself: people type spaces and hyphens, which the
//! parser drops. For choices (country, lists, check boxes) the limit only bounds what
//! a hand-edited request could send.
use crate::error::Field;
use crate::partner::{TOKEN_LEN, WEB_MAX};
use crate::site::{Phone, COMPANY_MAX, LINE_MAX, MESSAGE_MAX};
use crate::site_commands::{DESCRIPTION_MAX, REASON_MAX, SUBJECT_MAX};
use crate::text::{EMAIL_MAX, NAME_MAX, PASSWORD_MAX};

/// A number or code typed with the spaces and hyphens people add (a 7-digit site
/// number, a 6-digit code, an 8-character passcode).
pub const TYPED_NUMBER_MAX: usize = 16;
/// A postal code as typed (`〒100-0001`, `SW1A 1AA`).
pub const POSTAL_TYPED_MAX: usize = 12;
/// A date as typed (`2026-11-30`).
pub const DATE_TYPED_MAX: usize = 10;
/// Anything else (choices, lists).
pub const OTHER_MAX: usize = 256;

impl Field {
    /// The longest input this field accepts, in characters.
    pub fn max_len(self) -> u32 {
        let n = match self {
            Field::Email => EMAIL_MAX,
            Field::FamilyName | Field::GivenName => NAME_MAX,
            Field::CurrentPassword | Field::Password | Field::PasswordConfirm => PASSWORD_MAX,
            Field::Code | Field::SiteNumber | Field::CustomerNumber | Field::Passcode => {
                TYPED_NUMBER_MAX
            }
            Field::Company | Field::LegalName | Field::Name | Field::LocationName => COMPANY_MAX,
            Field::Prefecture | Field::City | Field::Street | Field::Address => LINE_MAX,
            Field::PostalCode => POSTAL_TYPED_MAX,
            Field::Phone => Phone::MAX,
            Field::Message => MESSAGE_MAX,
            Field::Reason => REASON_MAX,
            Field::Subject => SUBJECT_MAX,
            Field::Description | Field::Answer => DESCRIPTION_MAX,
            Field::Web => WEB_MAX,
            // 16 characters, typed in groups of four with spaces or hyphens.
            Field::Token => TOKEN_LEN + 24,
            Field::EndDate => DATE_TYPED_MAX,
            Field::Country
            | Field::MailLang
            | Field::Terms
            | Field::Models
            | Field::Products
            | Field::Size
            | Field::Functions
            | Field::Interests
            | Field::Industries
            | Field::Location
            | Field::Agreement
            | Field::Attachment
            | Field::Directory
            | Field::Apa => OTHER_MAX,
        };
        n as u32
    }
}
