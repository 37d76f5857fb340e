//! Errors as values. The UI turns each into words in the user's language.
use super::ctx::Timestamp;
use serde::{Deserialize, Serialize};

/// A form field a [`FieldError`] belongs to. Order = order on the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Email,
    FamilyName,
    GivenName,
    Country,
    MailLang,
    CurrentPassword,
    Password,
    PasswordConfirm,
    Terms,
    Code,
    Company,
    PostalCode,
    Prefecture,
    City,
    Street,
    Phone,
    Address,
    SiteNumber,
    CustomerNumber,
    Passcode,
    Message,
    Reason,
    Subject,
    Description,
    Answer,
    Name,
    LegalName,
    Web,
    Models,
    Products,
    Size,
    Functions,
    Interests,
    Industries,
    Token,
    Location,
    LocationName,
    EndDate,
    Agreement,
    Attachment,
    Directory,
    Apa,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    Required,
    TooLong {
        max: u32,
    },
    ForbiddenCharacters,
    EmailFormat,
    EmailTaken,
    UnknownCountry,
    PasswordTooShort {
        min: u32,
    },
    PasswordIsEmail,
    PasswordCommon,
    PasswordMismatch,
    WrongPassword,
    TermsRequired,
    DigitsFormat {
        len: u32,
    },
    CodeWrong {
        tries_left: u32,
    },
    CodeExpired,
    CodeUsedUp,
    UnknownId,
    PhoneFormat,
    PostalFormat,
    PasscodeFormat,
    PasscodeWrong {
        tries_left: u32,
    },
    PasscodeExpired,
    PasscodeLocked,
    NoMatchingSite,
    AlreadyUser,
    IsPrimary,
    UnknownChoice,
    ChooseOne,
    WebFormat,
    TokenFormat,
    TokenWrong,
    DateFormat,
    AlreadyEmployee,
    /// An invitation to this address is waiting already.
    AlreadyInvited,
    TooLarge {
        max: u32,
    },
    /// The browser could not read the chosen file (moved, deleted, no permission).
    FileUnreadable,
    TooMany {
        max: u32,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DomainError {
    /// One or more fields are wrong, in form order.
    Invalid(Vec<(Field, FieldError)>),
    /// The actor may not do this.
    NotAllowed,
    /// The command needs a signed-in ID.
    NotSignedIn,
    /// Email or password wrong (which one is not said).
    BadCredentials,
    /// Too many wrong passwords: locked until the time given.
    Locked { until: Timestamp },
    /// The ID exists but is not verified yet.
    NotVerified,
    /// The ID is already verified.
    AlreadyVerified,
    /// No such record (mail, ID...).
    NotFound,
    /// Someone else changed it since the person's version was read (nothing of theirs
    /// was saved).
    ChangedMeanwhile,
    /// The operator account exists already.
    OperatorExists,
    /// A site may have at most this many secondary contacts.
    SecondaryLimit { max: u32 },
    /// The requester already has a pending request for this site.
    DuplicateRequest,
    /// The site is not waiting for a first sign-in (already active, or locked).
    SiteNotAwaiting,
    /// Too many wrong passcodes: the program office must issue a new one.
    PasscodeLocked,
    /// The request was decided already.
    AlreadyDecided,
    /// Nobody may change their own privileges.
    OwnPrivileges,
    /// An application is already open for this ID.
    ApplicationOpen,
    /// The application is not in a state that allows this.
    WrongStage,
    /// The last APA of a company cannot be removed or demoted.
    LastApa,
    /// A location's PRC cannot leave the location without a successor.
    PrcNeeded,
    /// Demo data loads only into empty data.
    NotEmpty,
    /// Too many wrong company tokens: locked until the time given.
    TokenLocked { until: super::ctx::Timestamp },
    /// No invitation has this link (revoked, sent again with a new link, accepted).
    InviteInvalid,
    /// The invitation ran out at the time given.
    InviteExpired { expires: super::ctx::Timestamp },
    /// The invited person got in already (resending or revoking is too late).
    InviteAccepted,
    /// The invitation is for another address than the signed-in ID's.
    InviteForOther,
}

impl DomainError {
    pub fn field(field: Field, error: FieldError) -> DomainError {
        DomainError::Invalid(vec![(field, error)])
    }
}

/// Collects field errors so a form reports all of them at once.
#[derive(Default)]
pub struct Check(Vec<(Field, FieldError)>);

impl Check {
    pub fn new() -> Check {
        Check(Vec::new())
    }
    /// Records the error of `r`, if any, and returns its value.
    pub fn take<T>(&mut self, field: Field, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push((field, e));
                None
            }
        }
    }
    pub fn add(&mut self, field: Field, e: FieldError) {
        self.0.push((field, e));
    }
    pub fn has(&self, field: Field) -> bool {
        self.0.iter().any(|(f, _)| *f == field)
    }
    pub fn finish(self) -> Result<(), DomainError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Invalid(self.0))
        }
    }
    /// Finishes the check and hands over the values it took (`take`'s answers, one or
    /// a tuple): every field's error at once, or every value, never a half. A value
    /// missing without an error recorded for it cannot happen; should it, the answer is
    /// a refusal, not a panic.
    pub fn done<V: Taken>(self, values: V) -> Result<V::Values, DomainError> {
        self.finish()?;
        values.all().ok_or(DomainError::Invalid(Vec::new()))
    }
}

/// What [`Check::take`] answered for one field or several: all there, or not.
pub trait Taken {
    type Values;
    fn all(self) -> Option<Self::Values>;
}

impl<T> Taken for Option<T> {
    type Values = T;
    fn all(self) -> Option<T> {
        self
    }
}

macro_rules! taken_tuple {
    ($($t:ident),+) => {
        impl<$($t),+> Taken for ($(Option<$t>,)+) {
            type Values = ($($t,)+);
            #[allow(non_snake_case)]
            fn all(self) -> Option<Self::Values> {
                let ($($t,)+) = self;
                Some(($($t?,)+))
            }
        }
    };
}
taken_tuple!(A, B);
taken_tuple!(A, B, C);
taken_tuple!(A, B, C, D);
taken_tuple!(A, B, C, D, E);
taken_tuple!(A, B, C, D, E, F);
taken_tuple!(A, B, C, D, E, F, G);
taken_tuple!(A, B, C, D, E, F, G, H);
taken_tuple!(A, B, C, D, E, F, G, H, I);
taken_tuple!(A, B, C, D, E, F, G, H, I, J);

#[cfg(test)]
mod check_tests {
    use super::*;

    #[test]
    fn done_hands_over_every_value_or_every_error() {
        let mut c = Check::new();
        let a = c.take(Field::Email, Ok::<_, FieldError>(1));
        let b = c.take(Field::Phone, Ok::<_, FieldError>("x"));
        assert_eq!(c.done((a, b)), Ok((1, "x")));

        let mut c = Check::new();
        let a = c.take(Field::Email, Err::<u8, _>(FieldError::EmailFormat));
        let b = c.take(Field::Phone, Err::<u8, _>(FieldError::PhoneFormat));
        assert_eq!(
            c.done((a, b)),
            Err(DomainError::Invalid(vec![
                (Field::Email, FieldError::EmailFormat),
                (Field::Phone, FieldError::PhoneFormat)
            ]))
        );
        // A value missing without its error is refused, never a panic.
        assert_eq!(
            Check::new().done(None::<u8>),
            Err(DomainError::Invalid(vec![]))
        );
    }
}
