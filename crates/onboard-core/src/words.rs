//! The words for the domain's values: errors, audit events, roles, levels, fields.
//!
//! Each function maps a domain value onto a key of the text table ([`crate::i18n::T`]),
//! exhaustively, so a new variant does not compile until it has its words.
use crate::audit::{AuditEvent, Choices, Detail, Part, UserGrant, Word};
use crate::error::{DomainError, Field, FieldError};
use crate::i18n::{Lang, P, T};
use crate::partner::{choice_list, BUSINESS_MODELS, COMPANY_SIZES, PRODUCTS};
use crate::site::{Level, Role, Software, Viewing};
use crate::text::Country;

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
        AuditEvent::LockLifted => P::EvLockLifted,
    }
}

/// An audit entry's detail in the reader's language: its parts, joined by spaces
/// ("a@example.com: pending → granted", "a@example.com: 審査待ち → 承認").
pub fn audit_detail(d: &Detail, lang: Lang) -> String {
    let parts: Vec<String> = d.parts().iter().map(|p| detail_part(p, lang)).collect();
    parts.join(" ")
}

fn detail_part(p: &Part, lang: Lang) -> String {
    match p {
        Part::Text(s) if s.is_empty() => "-".into(),
        Part::Text(s) => s.clone(),
        Part::Of(s) => format!("{s}:"),
        Part::Note(s) => format!("({s})"),
        Part::Word(w) => audit_word(w, lang),
        Part::To => "→".into(),
        Part::Apa(b) => P::AdApa.fill(lang, &[yes_no(*b, lang)]),
        Part::YesNo(b) => yes_no(*b, lang).into(),
        Part::OnOff(b) => if *b { P::AdOn } else { P::AdOff }.get(lang).into(),
        Part::Grant(g) => {
            let held: Vec<String> = grant_items(g, lang)
                .into_iter()
                .filter(|(_, _, held)| *held)
                .map(|(name, value, _)| format!("{name}: {value}"))
                .collect();
            if held.is_empty() {
                P::AdNoPrivileges.get(lang).into()
            } else {
                format!("({})", held.join(list_separator(lang)))
            }
        }
        Part::Regrant(before, after) => {
            let changed: Vec<String> = grant_items(before, lang)
                .into_iter()
                .zip(grant_items(after, lang))
                .filter(|((_, b, _), (_, a, _))| b != a)
                .map(|((name, b, _), (_, a, _))| format!("{name}: {b} → {a}"))
                .collect();
            if changed.is_empty() {
                P::AdNoChange.get(lang).into()
            } else {
                changed.join(list_separator(lang))
            }
        }
        Part::Role(r) => format!("{}:", role_name(*r).get(lang)),
        Part::Level(m) => membership_name(*m).get(lang).into(),
        Part::Sep => "/".into(),
        Part::Choices(list, keys) => {
            let list = match list {
                Choices::Models => BUSINESS_MODELS,
                Choices::Products => PRODUCTS,
                Choices::Sizes => COMPANY_SIZES,
            };
            let labels = choice_list(list, keys, lang);
            if labels.is_empty() {
                "-".into()
            } else {
                labels
            }
        }
        Part::Country(code) => Country::parse(code)
            .map(|c| c.name(lang).to_string())
            .unwrap_or_else(|_| code.clone()),
        Part::Lang(l) => l.native_name().into(),
    }
}

/// The words of an audit detail.
pub fn audit_word(w: &Word, lang: Lang) -> String {
    let key = match w {
        Word::WrongPassword => P::AdWrongPassword,
        Word::UnknownId => P::AdUnknownId,
        Word::AllSessionsEnded => P::AdAllSessionsEnded,
        Word::OtherSessionsEnded => P::AdOtherSessionsEnded,
        Word::OnTheServer => P::AdOnTheServer,
        Word::ByInvitation => P::AdByInvitation,
        Word::Resubmitted => P::AdResubmitted,
        Word::Pending => P::AdPending,
        Word::Granted => P::AdGranted,
        Word::Denied => P::AdDenied,
        Word::Approved => P::AdApproved,
        Word::Rejected => P::AdRejected,
        Word::Withdrawn => P::AdWithdrawn,
        Word::Expired => P::AdExpired,
        Word::AskedAgain => P::AdAskedAgain,
        Word::Automatic => P::AdAutomatic,
        Word::Invited => P::AdInvited,
        Word::Revoked => P::AdRevoked,
        Word::Removed => P::AdRemoved,
        Word::Imported => P::AdImported,
        Word::Company => P::AdCompany,
        Word::PrimaryContact => P::AdPrimaryContact,
        Word::ThePrimary => P::AdThePrimary,
        Word::HandedOver => P::AdHandedOver,
        Word::PrcOf(location) => return P::AdPrcOf.fill(lang, &[location]),
        Word::EndDate => P::AdEndDate,
        Word::AutoAccept => P::AdAutoAccept,
        Word::ApaRole => P::AdApaRole,
        Word::SentTimes(n) => return P::AdSentTimes.fill(lang, &[&n.to_string()]),
        Word::Records(n) => return P::AdRecords.fill(lang, &[&n.to_string()]),
        Word::MailsDeleted(n) => return P::AdMailsDeleted.fill(lang, &[&n.to_string()]),
        Word::EntriesDeleted(n) => return P::AdEntriesDeleted.fill(lang, &[&n.to_string()]),
        Word::HelpDeleted(n) => return P::AdHelpDeleted.fill(lang, &[&n.to_string()]),
        Word::Name => P::AdName,
        Word::Country => P::AdCountry,
        Word::MailLang => P::AdMailLang,
        Word::LegalName => P::AdLegalName,
        Word::Web => P::AdWeb,
        Word::Models => P::AdModels,
        Word::Products => P::AdProducts,
        Word::Size => P::AdSize,
        Word::Directory => P::AdDirectory,
    };
    key.get(lang).into()
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    if b { P::AdYes } else { P::AdNo }.get(lang)
}

fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "、",
        Lang::En => "; ",
    }
}

/// A site user's privileges as (name, value, whether held) in the order of the users'
/// table; whether a secondary contact first, when said.
fn grant_items(g: &UserGrant, lang: Lang) -> Vec<(&'static str, &'static str, bool)> {
    let p = &g.privileges;
    let secondary = g
        .secondary
        .map(|s| (P::AdSecondary.get(lang), yes_no(s, lang), s));
    let level = |name: P, l: Level| (name.get(lang), level_name(l).get(lang), l != Level::None);
    let viewing = |name: P, v: Viewing| {
        (
            name.get(lang),
            viewing_name(v).get(lang),
            v != Viewing::None,
        )
    };
    let software = (
        P::PrivSoftware.get(lang),
        software_name(p.software).get(lang),
        p.software != Software::None,
    );
    secondary
        .into_iter()
        .chain([
            software,
            viewing(P::PrivReporting, p.reporting),
            level(P::PrivEntitlements, p.entitlements),
            level(P::PrivManageAccess, p.manage_access),
            level(P::PrivContactUpdates, p.contact_updates),
            viewing(P::PrivDocuments, p.documents),
        ])
        .collect()
}

/// An ID's state in words (the office's list of IDs).
pub fn id_state_name(s: crate::identity::IdState) -> P {
    use crate::identity::IdState;
    match s {
        IdState::Unverified => P::IdStateUnverified,
        IdState::Active => P::IdStateActive,
        IdState::Locked => P::IdStateLocked,
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
    fn an_audit_detail_reads_in_the_readers_language() {
        use crate::audit::decided;
        use crate::site::{Level, Privileges, Software, Viewing};
        let d = Detail(
            [
                decided("a@example.com", Word::Denied, None),
                vec![Part::Note("Ask your own contact".into())],
            ]
            .concat(),
        );
        assert_eq!(
            audit_detail(&d, Lang::En),
            "a@example.com: pending → denied (Ask your own contact)"
        );
        assert_eq!(
            audit_detail(&d, Lang::Ja),
            "a@example.com: 審査待ち → 拒否 (Ask your own contact)",
            "what someone typed stays as typed"
        );
        let d = Detail(
            [
                decided("b@example.com", Word::Approved, None),
                vec![Part::Apa(true)],
            ]
            .concat(),
        );
        assert_eq!(
            audit_detail(&d, Lang::Ja),
            "b@example.com: 審査待ち → 承認 (プロフィール管理者: はい)"
        );
        let before = UserGrant {
            secondary: Some(false),
            privileges: Privileges::default(),
        };
        let after = UserGrant {
            secondary: Some(true),
            privileges: Privileges {
                reporting: Viewing::View,
                ..Privileges::default()
            },
        };
        let d = Detail(vec![
            Part::of("c@example.com"),
            Part::Regrant(before, after),
        ]);
        assert_eq!(
            audit_detail(&d, Lang::En),
            "c@example.com: Secondary contact: no → yes; Reporting: None → View",
            "only what changed"
        );
        assert_eq!(
            audit_detail(&d, Lang::Ja),
            "c@example.com: セカンダリー・コンタクト: いいえ → はい、レポート: なし → 表示"
        );
        let d = Detail(vec![Part::Regrant(before, before)]);
        assert_eq!(audit_detail(&d, Lang::En), "(no change)");
        let full = Privileges {
            software: Software::Full,
            entitlements: Level::Update,
            ..Privileges::default()
        };
        let d = Detail(vec![Part::Grant(UserGrant {
            secondary: None,
            privileges: full,
        })]);
        assert_eq!(
            audit_detail(&d, Lang::En),
            "(Software and services: Downloads, media, quotes, catalogues and renewals; \
             Entitlements: Update)",
            "only what is held"
        );
        let d = Detail(vec![Part::Grant(UserGrant {
            secondary: Some(false),
            privileges: Privileges::default(),
        })]);
        assert_eq!(audit_detail(&d, Lang::Ja), "(権限なし)");
        let d = Detail(vec![Part::Word(Word::MailsDeleted(12))]);
        assert_eq!(audit_detail(&d, Lang::Ja), "古いメール 12 通を削除");
        assert_eq!(audit_detail(&Detail::default(), Lang::En), "");
    }

    #[test]
    fn a_change_names_only_what_changed() {
        use crate::audit::{changes, Choices};
        let d = Detail(changes([
            (Word::Name, Part::text("山田 花子"), Part::text("山田 花子")),
            (
                Word::Country,
                Part::Country("JP".into()),
                Part::Country("US".into()),
            ),
            (Word::MailLang, Part::Lang(Lang::Ja), Part::Lang(Lang::En)),
            (
                Word::Models,
                Part::Choices(Choices::Models, vec!["reseller".into()]),
                Part::Choices(Choices::Models, vec!["reseller".into(), "isv".into()]),
            ),
            (Word::Web, Part::text(""), Part::text("https://example.com")),
        ]));
        assert_eq!(
            audit_detail(&d, Lang::En),
            "country or region: Japan → United States / language of mail: 日本語 → English / \
             business model: Reseller → Reseller, Software vendor (ISV) / \
             web address: - → https://example.com"
        );
        assert_eq!(
            audit_detail(&d, Lang::Ja),
            "国または地域: 日本 → アメリカ合衆国 / メールの言語: 日本語 → English / \
             ビジネス・モデル: 販売 (リセラー) → 販売 (リセラー)、ソフトウェア開発 (ISV) / \
             Web サイト: - → https://example.com"
        );
    }

    #[test]
    fn audit_words_fill_in_their_values() {
        let words = [
            Word::WrongPassword,
            Word::PrcOf("大阪支店".into()),
            Word::SentTimes(3),
            Word::HandedOver,
        ];
        for w in &words {
            for lang in Lang::ALL {
                let said = audit_word(w, lang);
                assert!(
                    !said.is_empty() && !said.contains('{'),
                    "{w:?} {lang:?}: {said}"
                );
            }
        }
        assert_eq!(
            audit_word(&Word::PrcOf("大阪支店".into()), Lang::Ja),
            "ロケーション 大阪支店 の PRC:"
        );
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
