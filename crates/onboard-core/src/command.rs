//! Commands: what a user asked for, as plain data; [`apply`] decides.
//!
//! The way through: `apply` opens a transaction ([`crate::tx::Tx`]), routes the command
//! to its handler (one function per command in `identity_commands`, `office_commands`,
//! `site_commands`, `partner_commands`) and finishes the transaction into an
//! [`Outcome`]. The handlers know the transaction, never this router.
use super::ctx::Ctx;
use super::error::DomainError;
use super::mail::MailId;
use super::office_commands::Replacement;
use super::state::{Actor, State};
use super::tx::{Outcome, Tx};
use crate::i18n::Lang;
use std::collections::BTreeSet;

/// What a user asked for. Fields are the raw form input; `apply` parses them.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Command {
    CreateId {
        email: String,
        family: String,
        given: String,
        country: String,
        mail_lang: Lang,
        password: String,
        confirm: String,
        accept_terms: bool,
    },
    /// Shared mode: the ID of the account the server authenticated (its email is the
    /// account's; the password stays on the server). Active at once: the account's
    /// mailbox is the proof of the address.
    /// Accepts an invitation (`crate::invite`) by its link's secret. Signed out: creates
    /// the ID with the invited address (proven by the link: verified at once) and signs
    /// it in; signed in as the invited address: the ID fields are not used.
    AcceptInvite {
        secret: String,
        family: String,
        given: String,
        country: String,
        mail_lang: Lang,
        password: String,
        confirm: String,
        accept_terms: bool,
    },
    CreateAccountId {
        family: String,
        given: String,
        country: String,
        mail_lang: Lang,
        accept_terms: bool,
    },
    /// Shared mode: the server changed the signed-in account's password (it holds it);
    /// the ID's mail and audit entry.
    AccountPasswordChanged,
    VerifyId {
        email: String,
        code: String,
    },
    ResendCode {
        email: String,
    },
    SignIn {
        email: String,
        password: String,
    },
    SignOut,
    RequestReset {
        email: String,
    },
    ResetPassword {
        email: String,
        code: String,
        password: String,
        confirm: String,
    },
    UpdateProfile {
        family: String,
        given: String,
        country: String,
        mail_lang: Lang,
    },
    ChangePassword {
        current: String,
        password: String,
        confirm: String,
    },
    /// Keeps the session alive (sent on navigation; writes at most once a minute).
    Touch,
    MarkMailRead {
        id: MailId,
    },
    CreateOperator {
        email: String,
        password: String,
        confirm: String,
    },
    OperatorSignIn {
        email: String,
        password: String,
    },
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
}

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
        Command::CreateId {
            email,
            family,
            given,
            country,
            mail_lang,
            password,
            confirm,
            accept_terms,
        } => super::identity_commands::create_id(
            &mut tx,
            email,
            family,
            given,
            country,
            mail_lang,
            password,
            confirm,
            accept_terms,
        )?,
        Command::AcceptInvite {
            secret,
            family,
            given,
            country,
            mail_lang,
            password,
            confirm,
            accept_terms,
        } => super::identity_commands::accept_invite(
            &mut tx,
            secret,
            (family, given, country, mail_lang),
            (password, confirm),
            accept_terms,
        )?,
        Command::CreateAccountId {
            family,
            given,
            country,
            mail_lang,
            accept_terms,
        } => super::identity_commands::create_account_id(
            &mut tx,
            family,
            given,
            country,
            mail_lang,
            accept_terms,
        )?,
        Command::AccountPasswordChanged => {
            super::identity_commands::account_password_changed(&mut tx)?
        }
        Command::VerifyId { email, code } => {
            super::identity_commands::verify_id(&mut tx, email, code)?
        }
        Command::ResendCode { email } => super::identity_commands::resend_code(&mut tx, email)?,
        Command::SignIn { email, password } => {
            super::identity_commands::sign_in(&mut tx, email, password)?
        }
        Command::SignOut => super::identity_commands::sign_out(&mut tx)?,
        Command::RequestReset { email } => super::identity_commands::request_reset(&mut tx, email)?,
        Command::ResetPassword {
            email,
            code,
            password,
            confirm,
        } => super::identity_commands::reset_password(&mut tx, email, code, password, confirm)?,
        Command::UpdateProfile {
            family,
            given,
            country,
            mail_lang,
        } => super::identity_commands::update_profile(&mut tx, family, given, country, mail_lang)?,
        Command::ChangePassword {
            current,
            password,
            confirm,
        } => super::identity_commands::change_password(&mut tx, current, password, confirm)?,
        Command::Touch => super::identity_commands::touch(&mut tx)?,
        Command::MarkMailRead { id } => super::identity_commands::mark_mail_read(&mut tx, id)?,
        Command::CreateOperator {
            email,
            password,
            confirm,
        } => super::office_commands::create_operator(&mut tx, email, password, confirm)?,
        Command::OperatorSignIn { email, password } => {
            super::office_commands::operator_sign_in(&mut tx, email, password)?
        }
        Command::Partner(c) => super::partner_commands::apply(&mut tx, c)?,
        Command::DeleteOldestMail => super::office_commands::delete_oldest_mail(&mut tx)?,
        Command::ReplaceData(what) => return super::office_commands::replace_data(tx, what),
        Command::ExportData => super::office_commands::export_data(&mut tx)?,
        Command::DeleteOldestAudit => super::office_commands::delete_oldest_audit(&mut tx)?,
        Command::Site(c) => super::site_commands::apply(&mut tx, c)?,
        Command::OperatorSignOut => super::office_commands::operator_sign_out(&mut tx)?,
    };
    Ok(tx.done(reply))
}
