//! Commands: what a user asked for, as plain data; [`apply`] decides.
//!
//! Each command is a type of its feature module (`identity_commands::SignIn`,
//! `site_commands::Grant`, ...) holding the raw form input, and has one handler there
//! (`identity_commands::sign_in(tx, SignIn)`) that parses the input once into validated
//! values and applies the rules. [`Command`] wraps them for the way through: `apply`
//! opens a transaction ([`crate::tx::Tx`]), routes the command to its handler and
//! finishes the transaction into an [`Outcome`]. The handlers know the transaction, never
//! this router. A command's JSON is its variant's name around its fields (a shared-mode
//! queue keeps it), so it must not change.
use super::ctx::Ctx;
use super::error::DomainError;
use super::office_commands::Replacement;
use super::state::{Actor, State};
use super::tx::{Outcome, Tx};
use std::collections::BTreeSet;

/// What a user asked for: one variant per command, around the command's own type.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Command {
    CreateId(crate::identity_commands::CreateId),
    AcceptInvite(crate::identity_commands::AcceptInvite),
    CreateAccountId(crate::identity_commands::CreateAccountId),
    /// Shared mode: the server changed the signed-in account's password (it holds it);
    /// the ID's mail and audit entry.
    AccountPasswordChanged,
    VerifyId(crate::identity_commands::VerifyId),
    ResendCode(crate::identity_commands::ResendCode),
    SignIn(crate::identity_commands::SignIn),
    SignOut,
    RequestReset(crate::identity_commands::RequestReset),
    ResetPassword(crate::identity_commands::ResetPassword),
    UpdateProfile(crate::identity_commands::UpdateProfile),
    ChangePassword(crate::identity_commands::ChangePassword),
    /// Keeps the session alive (sent on navigation; writes at most once a minute).
    Touch,
    MarkMailRead(crate::identity_commands::MarkMailRead),
    MarkAllMailRead(crate::identity_commands::MarkAllMailRead),
    CreateOperator(crate::office_commands::CreateOperator),
    OperatorSignIn(crate::office_commands::OperatorSignIn),
    OperatorSignOut,
    /// Frees storage: deletes the oldest chunk of mail (200 mails; never the newest chunk).
    DeleteOldestMail,
    /// Frees storage: deletes the oldest chunk of audit entries (operator only; the
    /// deletion itself is audited; never the newest chunk).
    DeleteOldestAudit,
    /// Replaces all data (import, reset, demo data). Once an operator account exists,
    /// only the signed-in operator may; before that anyone using this browser may.
    /// Never kept in a queue (a shared server refuses it): not serialised.
    #[serde(skip)]
    ReplaceData(Replacement),
    /// Records that all data is being exported (the file carries the audit trail and
    /// the password hashes): the same rule as `ReplaceData`.
    ExportData,
    /// Customer sites, the help desk.
    Site(super::site_commands::SiteCommand),
    /// The partner program.
    Partner(super::partner_commands::PartnerCommand),
    LiftLock(crate::office_commands::LiftLock),
}

/// `X { .. }.into()`: a command's own type becomes a [`Command`] (and a site's or a
/// partner's command also its `SiteCommand` or `PartnerCommand`).
macro_rules! into_command {
    ($module:ident: $($ty:ident),* $(,)?) => {
        $(impl From<crate::$module::$ty> for Command {
            fn from(c: crate::$module::$ty) -> Self {
                Command::$ty(c)
            }
        })*
    };
    ($outer:ident($inner:ident) $module:ident: $($ty:ident),* $(,)?) => {
        $(impl From<crate::$module::$ty> for Command {
            fn from(c: crate::$module::$ty) -> Self {
                Command::$outer(crate::$module::$inner::$ty(c))
            }
        }
        impl From<crate::$module::$ty> for crate::$module::$inner {
            fn from(c: crate::$module::$ty) -> Self {
                crate::$module::$inner::$ty(c)
            }
        })*
    };
}
into_command!(identity_commands:
    CreateId, AcceptInvite, CreateAccountId, VerifyId, ResendCode, SignIn, RequestReset,
    ResetPassword, UpdateProfile, ChangePassword, MarkMailRead, MarkAllMailRead,
);
into_command!(office_commands: CreateOperator, OperatorSignIn, LiftLock);
into_command!(Site(SiteCommand) site_commands:
    Enrol, ReissuePasscode, ChangePrimary, FirstSignIn, SetContact, ClearContact, AddUser,
    UpdateUser, RemoveUser, RequestAccess, Grant, Deny, Help, AnswerHelp, CloseHelp,
    HandOverPrimary, WithdrawRequest, ExpireRequests, ImportUsers, ResendInvite,
);
into_command!(Partner(PartnerCommand) partner_commands:
    AcceptAgreement, Attach, Approve, FinishApproval, RequestDocuments, Reject, CheckToken, Join, DecideJoin,
    WithdrawJoin, ExpireJoins, AddEmployee, ResendInvite, RevokeInvite, SetApa, SetPrc, SetEnd,
    AddLocation, EditCompany, EditLocation, RegenerateToken, SetAutoAccept, SetLevel,
    UpdateMyProfile, ConfirmProfile,
);

/// Applies `cmd` for `actor` to a copy of `state`. `Err` means nothing changed.
pub fn apply(
    state: &State,
    actor: &Actor,
    cmd: Command,
    ctx: &Ctx,
) -> Result<Outcome, DomainError> {
    let actor_label = if let Some(id) = actor.person() {
        state
            .identity(id)
            .map(|i| i.email.to_string())
            .unwrap_or_else(|| "-".into())
    } else if let Some(email) = actor.account() {
        email.to_string()
    } else if actor.is_operator() {
        "operator".into()
    } else {
        "-".into()
    };
    let mut tx = Tx {
        before: state,
        actor,
        state: state.clone(),
        changed: BTreeSet::new(),
        device: Vec::new(),
        ctx,
        actor_label,
    };
    let reply = match cmd {
        Command::CreateId(c) => super::identity_commands::create_id(&mut tx, c)?,
        Command::AcceptInvite(c) => super::identity_commands::accept_invite(&mut tx, c)?,
        Command::CreateAccountId(c) => super::identity_commands::create_account_id(&mut tx, c)?,
        Command::AccountPasswordChanged => {
            super::identity_commands::account_password_changed(&mut tx)?
        }
        Command::VerifyId(c) => super::identity_commands::verify_id(&mut tx, c)?,
        Command::ResendCode(c) => super::identity_commands::resend_code(&mut tx, c)?,
        Command::SignIn(c) => super::identity_commands::sign_in(&mut tx, c)?,
        Command::SignOut => super::identity_commands::sign_out(&mut tx)?,
        Command::RequestReset(c) => super::identity_commands::request_reset(&mut tx, c)?,
        Command::ResetPassword(c) => super::identity_commands::reset_password(&mut tx, c)?,
        Command::UpdateProfile(c) => super::identity_commands::update_profile(&mut tx, c)?,
        Command::ChangePassword(c) => super::identity_commands::change_password(&mut tx, c)?,
        Command::Touch => super::identity_commands::touch(&mut tx)?,
        Command::MarkMailRead(c) => super::identity_commands::mark_mail_read(&mut tx, c)?,
        Command::MarkAllMailRead(c) => super::identity_commands::mark_all_mail_read(&mut tx, c)?,
        Command::CreateOperator(c) => super::office_commands::create_operator(&mut tx, c)?,
        Command::OperatorSignIn(c) => super::office_commands::operator_sign_in(&mut tx, c)?,
        Command::Partner(c) => super::partner_commands::apply(&mut tx, c)?,
        Command::DeleteOldestMail => super::office_commands::delete_oldest_mail(&mut tx)?,
        Command::ReplaceData(what) => return super::office_commands::replace_data(tx, what),
        Command::ExportData => super::office_commands::export_data(&mut tx)?,
        Command::DeleteOldestAudit => super::office_commands::delete_oldest_audit(&mut tx)?,
        Command::Site(c) => super::site_commands::apply(&mut tx, c)?,
        Command::OperatorSignOut => super::office_commands::operator_sign_out(&mut tx)?,
        Command::LiftLock(c) => super::office_commands::lift_lock(&mut tx, c)?,
    };
    Ok(tx.done(reply))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{identity_commands, partner_commands, site_commands};

    /// A shared-mode queue in this browser may hold commands written by an older build,
    /// when each command was a variant with named fields: their JSON must read the same.
    #[test]
    fn a_queued_command_keeps_its_json() {
        let cases: [(Command, &str); 3] = [
            (
                identity_commands::SignIn {
                    email: "a@example.com".into(),
                    password: "pw".into(),
                }
                .into(),
                r#"{"SignIn":{"email":"a@example.com","password":"pw"}}"#,
            ),
            (
                site_commands::WithdrawRequest {
                    site: "1234567".into(),
                    request: 3,
                }
                .into(),
                r#"{"Site":{"WithdrawRequest":{"site":"1234567","request":3}}}"#,
            ),
            (
                partner_commands::ConfirmProfile {
                    company: "C1".into(),
                }
                .into(),
                r#"{"Partner":{"ConfirmProfile":{"company":"C1"}}}"#,
            ),
        ];
        for (cmd, json) in cases {
            assert_eq!(serde_json::to_string(&cmd).unwrap(), json);
            assert_eq!(serde_json::from_str::<Command>(json).unwrap(), cmd);
        }
        // A field an older build did not write still takes its default.
        let old = r#"{"Site":{"ClearContact":{"site":"1","role":"Technical"}}}"#;
        let Command::Site(site_commands::SiteCommand::ClearContact(c)) =
            serde_json::from_str(old).unwrap()
        else {
            panic!("not a ClearContact");
        };
        assert_eq!(c.seen, None);
    }
}
