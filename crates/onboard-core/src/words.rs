//! The words for the domain's values: errors, audit events, roles, levels, fields.
//!
//! Each function maps a domain value onto a key of the text table ([`crate::i18n::T`]),
//! exhaustively, so a new variant does not compile until it has its words.
use crate::audit::AuditEvent;
use crate::error::{DomainError, Field, FieldError};
use crate::i18n::{Lang, P, T};
use crate::site::{Level, Role, Software, Viewing};

/// The words for a field error.
pub fn field_error(e: &FieldError, lang: Lang) -> String {
    match e {
        FieldError::Required => T::ErrRequired.get(lang).into(),
        FieldError::TooLong { max } => T::ErrTooLong.fill(lang, &[&max.to_string()]),
        FieldError::ForbiddenCharacters => T::ErrForbiddenChars.get(lang).into(),
        FieldError::EmailFormat => T::ErrEmailFormat.get(lang).into(),
        FieldError::EmailTaken => T::ErrEmailTaken.get(lang).into(),
        FieldError::UnknownCountry => T::ErrUnknownCountry.get(lang).into(),
        FieldError::PasswordTooShort { min } => {
            T::ErrPasswordTooShort.fill(lang, &[&min.to_string()])
        }
        FieldError::PasswordIsEmail => T::ErrPasswordIsEmail.get(lang).into(),
        FieldError::PasswordCommon => T::ErrPasswordCommon.get(lang).into(),
        FieldError::PasswordMismatch => T::ErrPasswordMismatch.get(lang).into(),
        FieldError::WrongPassword => T::ErrWrongPassword.get(lang).into(),
        FieldError::TermsRequired => T::ErrTermsRequired.get(lang).into(),
        FieldError::DigitsFormat { len } => T::ErrDigitsFormat.fill(lang, &[&len.to_string()]),
        FieldError::CodeWrong { tries_left } => {
            T::ErrCodeWrong.fill(lang, &[&tries_left.to_string()])
        }
        FieldError::CodeExpired => T::ErrCodeExpired.get(lang).into(),
        FieldError::CodeUsedUp => T::ErrCodeUsedUp.get(lang).into(),
        FieldError::UnknownId => T::ErrUnknownId.get(lang).into(),
        FieldError::PhoneFormat => T::ErrPhoneFormat.get(lang).into(),
        FieldError::PostalFormat => T::ErrPostalFormat.get(lang).into(),
        FieldError::PasscodeFormat => T::ErrPasscodeFormat.get(lang).into(),
        FieldError::PasscodeWrong { tries_left } => {
            T::ErrPasscodeWrong.fill(lang, &[&tries_left.to_string()])
        }
        FieldError::PasscodeExpired => T::ErrPasscodeExpired.get(lang).into(),
        FieldError::PasscodeLocked => T::ErrPasscodeLockedField.get(lang).into(),
        FieldError::NoMatchingSite => T::ErrNoMatchingSite.get(lang).into(),
        FieldError::AlreadyUser => T::ErrAlreadyUser.get(lang).into(),
        FieldError::IsPrimary => T::ErrIsPrimary.get(lang).into(),
        FieldError::UnknownChoice => T::ErrUnknownChoice.get(lang).into(),
        FieldError::ChooseOne => T::ErrChooseOne.get(lang).into(),
        FieldError::WebFormat => T::ErrWebFormat.get(lang).into(),
        FieldError::TokenFormat => T::ErrTokenFormat.get(lang).into(),
        FieldError::TokenWrong => T::ErrTokenWrong.get(lang).into(),
        FieldError::DateFormat => T::ErrDateFormat.get(lang).into(),
        FieldError::AlreadyEmployee => T::ErrAlreadyEmployee.get(lang).into(),
        FieldError::AlreadyInvited => T::ErrAlreadyInvited.get(lang).into(),
        FieldError::FileUnreadable => T::ErrFileUnreadable.get(lang).into(),
        FieldError::TooLarge { max } => {
            T::ErrTooLarge.fill(lang, &[&(max / (1024 * 1024)).to_string()])
        }
        FieldError::TooMany { max } => T::ErrTooMany.fill(lang, &[&max.to_string()]),
    }
}

/// The words for a domain error (field errors are shown by their fields).
pub fn domain_error(e: &DomainError, lang: Lang) -> String {
    use crate::calendar::format_jst;
    match e {
        DomainError::Invalid(v) => T::FormHasErrors.fill(lang, &[&v.len().to_string()]),
        DomainError::NotAllowed => T::ErrNotAllowed.get(lang).into(),
        DomainError::NotSignedIn => T::ErrNotSignedIn.get(lang).into(),
        DomainError::BadCredentials => T::ErrBadCredentials.get(lang).into(),
        DomainError::Locked { until } => T::ErrLocked.fill(lang, &[&format_jst(*until, lang)]),
        DomainError::NotVerified => T::ErrNotVerified.get(lang).into(),
        DomainError::AlreadyVerified => T::ErrAlreadyVerified.get(lang).into(),
        DomainError::NotFound => T::ErrNotFound.get(lang).into(),
        DomainError::ChangedMeanwhile => T::ErrChangedMeanwhile.get(lang).into(),
        DomainError::OperatorExists => T::ErrOperatorExists.get(lang).into(),
        DomainError::SecondaryLimit { max } => T::ErrSecondaryLimit.fill(lang, &[&max.to_string()]),
        DomainError::DuplicateRequest => T::ErrDuplicateRequest.get(lang).into(),
        DomainError::SiteNotAwaiting => T::ErrSiteNotAwaiting.get(lang).into(),
        DomainError::PasscodeLocked => T::ErrPasscodeLocked.get(lang).into(),
        DomainError::AlreadyDecided => T::ErrAlreadyDecided.get(lang).into(),
        DomainError::OwnPrivileges => T::ErrOwnPrivileges.get(lang).into(),
        DomainError::NotEmpty => T::DemoNeedsEmpty.get(lang).into(),
        DomainError::ApplicationOpen => T::ErrApplicationOpen.get(lang).into(),
        DomainError::WrongStage => T::ErrWrongStage.get(lang).into(),
        DomainError::LastApa => T::ErrLastApa.get(lang).into(),
        DomainError::PrcNeeded => T::ErrPrcNeeded.get(lang).into(),
        DomainError::TokenLocked { until } => {
            T::ErrTokenLocked.fill(lang, &[&format_jst(*until, lang)])
        }
        DomainError::InviteInvalid => T::ErrInviteInvalid.get(lang).into(),
        DomainError::InviteExpired { expires } => {
            T::ErrInviteExpired.fill(lang, &[&format_jst(*expires, lang)])
        }
        DomainError::InviteAccepted => T::ErrInviteAccepted.get(lang).into(),
        DomainError::InviteForOther => T::ErrInviteForOther.get(lang).into(),
    }
}

/// The name of an audit event.
/// An audit event's name (the `P` table: only pages fetched later show them).
pub fn audit_event(e: AuditEvent) -> P {
    match e {
        AuditEvent::IdCreated => P::EvIdCreated,
        AuditEvent::IdVerified => P::EvIdVerified,
        AuditEvent::CodeResent => P::EvCodeResent,
        AuditEvent::SignInOk => P::EvSignInOk,
        AuditEvent::SignInFailed => P::EvSignInFailed,
        AuditEvent::SignInLocked => P::EvSignInLocked,
        AuditEvent::SignOut => P::EvSignOut,
        AuditEvent::ResetRequested => P::EvResetRequested,
        AuditEvent::PasswordReset => P::EvPasswordReset,
        AuditEvent::PasswordChanged => P::EvPasswordChanged,
        AuditEvent::ProfileUpdated => P::EvProfileUpdated,
        AuditEvent::OperatorCreated => P::EvOperatorCreated,
        AuditEvent::OperatorSignIn => P::EvOperatorSignIn,
        AuditEvent::OperatorSignInFailed => P::EvOperatorSignInFailed,
        AuditEvent::OperatorLocked => P::EvOperatorLocked,
        AuditEvent::OperatorSignOut => P::EvOperatorSignOut,
        AuditEvent::SiteEnrolled => P::EvSiteEnrolled,
        AuditEvent::PasscodeReissued => P::EvPasscodeReissued,
        AuditEvent::PrimaryChanged => P::EvPrimaryChanged,
        AuditEvent::SiteFirstSignIn => P::EvSiteFirstSignIn,
        AuditEvent::PasscodeFailed => P::EvPasscodeFailed,
        AuditEvent::PasscodeLocked => P::EvPasscodeLocked,
        AuditEvent::ContactChanged => P::EvContactChanged,
        AuditEvent::ContactCleared => P::EvContactCleared,
        AuditEvent::UserAdded => P::EvUserAdded,
        AuditEvent::UserChanged => P::EvUserChanged,
        AuditEvent::UserRemoved => P::EvUserRemoved,
        AuditEvent::AccessRequested => P::EvAccessRequested,
        AuditEvent::RequestGranted => P::EvRequestGranted,
        AuditEvent::RequestDenied => P::EvRequestDenied,
        AuditEvent::HelpRequested => P::EvHelpRequested,
        AuditEvent::HelpAnswered => P::EvHelpAnswered,
        AuditEvent::HelpClosed => P::EvHelpClosed,
        AuditEvent::ApplicationSubmitted => P::EvApplicationSubmitted,
        AuditEvent::AgreementAccepted => P::EvAgreementAccepted,
        AuditEvent::DocumentsRequested => P::EvDocumentsRequested,
        AuditEvent::DocumentAttached => P::EvDocumentAttached,
        AuditEvent::ApplicationApproved => P::EvApplicationApproved,
        AuditEvent::ApplicationRejected => P::EvApplicationRejected,
        AuditEvent::CompanyJoined => P::EvCompanyJoined,
        AuditEvent::JoinRequested => P::EvJoinRequested,
        AuditEvent::JoinDecided => P::EvJoinDecided,
        AuditEvent::EmployeeAdded => P::EvEmployeeAdded,
        AuditEvent::RoleChanged => P::EvRoleChanged,
        AuditEvent::TokenRegenerated => P::EvTokenRegenerated,
        AuditEvent::SettingChanged => P::EvSettingChanged,
        AuditEvent::LocationAdded => P::EvLocationAdded,
        AuditEvent::CompanyEdited => P::EvCompanyEdited,
        AuditEvent::LevelChanged => P::EvLevelChanged,
        AuditEvent::TokenFailed => P::EvTokenFailed,
        AuditEvent::PartnerProfileUpdated => P::EvPartnerProfileUpdated,
        AuditEvent::AuditPruned => P::EvAuditPruned,
        AuditEvent::MailPruned => P::EvMailPruned,
        AuditEvent::DataImported => P::EvDataImported,
        AuditEvent::DataReset => P::EvDataReset,
        AuditEvent::DemoLoaded => P::EvDemoLoaded,
        AuditEvent::DataExported => P::EvDataExported,
        AuditEvent::HelpPruned => P::EvHelpPruned,
        AuditEvent::RequestWithdrawn => P::EvRequestWithdrawn,
        AuditEvent::RequestExpired => P::EvRequestExpired,
        AuditEvent::InviteSent => P::EvInviteSent,
        AuditEvent::InviteResent => P::EvInviteResent,
        AuditEvent::InviteRevoked => P::EvInviteRevoked,
        AuditEvent::InviteAccepted => P::EvInviteAccepted,
    }
}

pub fn membership_name(m: crate::partner::Membership) -> T {
    use crate::partner::Membership;
    match m {
        Membership::Member => T::LevelMember,
        Membership::Silver => T::LevelSilver,
        Membership::Gold => T::LevelGold,
        Membership::Platinum => T::LevelPlatinum,
    }
}

pub fn role_name(r: Role) -> T {
    match r {
        Role::Primary => T::RolePrimary,
        Role::Technical => T::RoleTechnical,
        Role::Administrative => T::RoleAdministrative,
        Role::Renewal => T::RoleRenewal,
        Role::MediaShipping => T::RoleMediaShipping,
        Role::Billing => T::RoleBilling,
    }
}

pub fn level_name(l: Level) -> T {
    match l {
        Level::None => T::LevelNone,
        Level::View => T::LevelView,
        Level::Update => T::LevelUpdate,
    }
}

pub fn viewing_name(v: Viewing) -> T {
    match v {
        Viewing::None => T::LevelNone,
        Viewing::View => T::LevelView,
    }
}

pub fn software_name(s: Software) -> T {
    match s {
        Software::None => T::LevelNone,
        Software::Downloads => T::SwDownloads,
        Software::DownloadsMedia => T::SwDownloadsMedia,
        Software::Full => T::SwFull,
    }
}

pub fn field_label(f: Field) -> T {
    match f {
        Field::Email => T::FieldEmail,
        Field::FamilyName => T::FieldFamilyName,
        Field::GivenName => T::FieldGivenName,
        Field::Country => T::FieldCountry,
        Field::MailLang => T::FieldMailLang,
        Field::CurrentPassword => T::FieldCurrentPassword,
        Field::Password => T::FieldPassword,
        Field::PasswordConfirm => T::FieldPasswordConfirm,
        Field::Terms => T::FieldTerms,
        Field::Code => T::FieldCode,
        Field::Company => T::FieldCompany,
        Field::PostalCode => T::FieldPostalCode,
        Field::Prefecture => T::FieldPrefecture,
        Field::City => T::FieldCity,
        Field::Street => T::FieldStreet,
        Field::Phone => T::FieldPhone,
        Field::Address => T::FieldAddressLine,
        Field::SiteNumber => T::FieldSiteNumber,
        Field::CustomerNumber => T::FieldCustomerNumber,
        Field::Passcode => T::FieldPasscode,
        Field::Message => T::FieldMessage,
        Field::Reason => T::FieldReason,
        Field::Subject => T::FieldSubject,
        Field::Description => T::FieldDescription,
        Field::Answer => T::FieldAnswer,
        Field::Name => T::FieldName,
        Field::LegalName => T::FieldLegalName,
        Field::Web => T::FieldWeb,
        Field::Models => T::FieldModels,
        Field::Products => T::FieldProducts,
        Field::Size => T::FieldSize,
        Field::Functions => T::FieldFunctions,
        Field::Interests => T::FieldInterests,
        Field::Industries => T::FieldIndustries,
        Field::Token => T::FieldToken,
        Field::Location => T::FieldLocation,
        Field::LocationName => T::FieldLocationName,
        Field::EndDate => T::FieldEndDate,
        Field::Agreement => T::FieldAgree,
        Field::Attachment => T::FieldAttachment,
        Field::Directory => T::FieldDirectory,
        Field::Apa => T::FieldApa,
    }
}

/// A size in bytes as a person reads it: whole kilobytes below 1,000 KB ("24 KB", at
/// least 1 KB for anything stored), megabytes with one decimal above ("7.9 MB",
/// "10 MB"); 1 KB is 1,024 bytes.
pub fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = KB * KB;
    let kb = (bytes + KB / 2) / KB;
    if kb < 1000 {
        return format!("{} KB", if bytes > 0 { kb.max(1) } else { 0 });
    }
    let tenths = (bytes * 10 + MB / 2) / MB;
    match tenths % 10 {
        0 => format!("{} MB", tenths / 10),
        d => format!("{}.{d} MB", tenths / 10),
    }
}

/// How much of the browser's storage is in use (`used` of `quota`, in bytes):
/// "In use: about 24 KB (<1% of about 10 MB)".
pub fn storage_usage(used: u64, quota: u64, lang: Lang) -> String {
    let percent = match used.saturating_mul(100).checked_div(quota).unwrap_or(0) {
        0 if used > 0 => "<1".to_string(),
        p => p.to_string(),
    };
    P::StorageUsage.fill(lang, &[&size(used), &size(quota), &percent])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_kilobytes_then_megabytes() {
        const MB: u64 = 1024 * 1024;
        assert_eq!(size(0), "0 KB");
        assert_eq!(size(1), "1 KB", "anything stored is at least 1 KB");
        assert_eq!(size(24 * 1024 + 100), "24 KB");
        assert_eq!(size(999 * 1024), "999 KB");
        assert_eq!(size(1000 * 1024), "1 MB", "not 1000 KB");
        assert_eq!(size(8_300_000), "7.9 MB");
        assert_eq!(size(10 * MB), "10 MB");
    }

    #[test]
    fn storage_usage_says_how_much_of_the_quota() {
        const MB: u64 = 1024 * 1024;
        assert_eq!(
            storage_usage(24 * 1024, 10 * MB, Lang::En),
            "In use: about 24 KB (<1% of about 10 MB)"
        );
        assert_eq!(
            storage_usage(8_300_000, 10 * MB, Lang::Ja),
            "使用量: 約 7.9 MB (上限約 10 MB の 79%)"
        );
        assert_eq!(
            storage_usage(0, 10 * MB, Lang::En),
            "In use: about 0 KB (0% of about 10 MB)"
        );
    }
}
