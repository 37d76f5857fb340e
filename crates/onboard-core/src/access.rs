//! The one table of who may do what. The commands enforce it (through `site::may`,
//! `Company::is_admin`, `may_manage_data` and the operator checks); [`Command::act`]
//! names the kind of every command variant (an exhaustive match: a new command does not
//! compile until it is classified), and `tests/access.rs` runs every variant as every
//! role, including the administrators of another site and another company, and checks
//! that enforcement and this table agree.
use super::command::Command;
use super::partner_commands::PartnerCommand;
use super::site_commands::SiteCommand;

/// Who is acting, relative to one customer site and one partner company.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Who {
    SignedOut,
    /// A signed-in ID with no relation to the site or the company.
    Person,
    SitePrimary,
    /// A secondary contact with Update for contact updates and manage access.
    SecondaryUpdate,
    /// A secondary contact with View only.
    SecondaryView,
    SiteUser,
    Apa,
    /// A location's Primary Relationship Contact who is not an APA.
    Prc,
    Employee,
    Operator,
    /// The primary contact of another customer site (a tenant next door).
    OtherSitePrimary,
    /// An APA of another partner company.
    OtherApa,
}

impl Who {
    pub const ALL: [Who; 12] = [
        Who::SignedOut,
        Who::Person,
        Who::SitePrimary,
        Who::SecondaryUpdate,
        Who::SecondaryView,
        Who::SiteUser,
        Who::Apa,
        Who::Prc,
        Who::Employee,
        Who::Operator,
        Who::OtherSitePrimary,
        Who::OtherApa,
    ];
}

/// A kind of command, as far as permission goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Act {
    /// Needs no sign-in: creating, verifying and signing in to an ID, resets, keeping a
    /// session alive, reading the (local) mailbox, the operator's sign-in.
    Public,
    /// Any signed-in person: asking for site access, applying to or joining the
    /// partner program.
    SignedIn,
    /// Only the enrolled primary contact of a site awaiting its first sign-in.
    FirstSignIn,
    /// Shared mode: only an account the server authenticated that has no ID yet (no
    /// role of a local data set is one).
    AccountId,
    /// Only while no operator account exists.
    CreateOperator,
    OperatorSignOut,
    /// Import, reset, demo data, export, freeing mail: anyone while no operator exists,
    /// then the operator alone.
    ManageData,
    SignOut,
    UpdateProfile,
    ChangePassword,
    ReadAudit,
    DeleteOldestAudit,
    EnrolSite,
    ReissuePasscode,
    ChangePrimary,
    /// The primary contact hands the role to a secondary contact.
    HandOverPrimary,
    AnswerHelp,
    CloseHelp,
    SendHelp,
    EditContacts,
    ManageUsers,
    DecideAccessRequest,
    ReviewApplication,
    SetMembershipLevel,
    /// Lifting the lock that wrong passwords put on someone's ID.
    LiftIdLock,
    AdministerCompany,
    GrantApa,
    DecideAssociation,
    UpdateOwnPartnerProfile,
}

impl Act {
    pub const ALL: [Act; 29] = [
        Act::Public,
        Act::SignedIn,
        Act::FirstSignIn,
        Act::AccountId,
        Act::CreateOperator,
        Act::OperatorSignOut,
        Act::ManageData,
        Act::SignOut,
        Act::UpdateProfile,
        Act::ChangePassword,
        Act::ReadAudit,
        Act::DeleteOldestAudit,
        Act::EnrolSite,
        Act::ReissuePasscode,
        Act::ChangePrimary,
        Act::HandOverPrimary,
        Act::AnswerHelp,
        Act::CloseHelp,
        Act::SendHelp,
        Act::EditContacts,
        Act::ManageUsers,
        Act::DecideAccessRequest,
        Act::ReviewApplication,
        Act::SetMembershipLevel,
        Act::LiftIdLock,
        Act::AdministerCompany,
        Act::GrantApa,
        Act::DecideAssociation,
        Act::UpdateOwnPartnerProfile,
    ];
}

/// Whether `who` may do `act` where an operator account exists (the roles' site
/// and company are the ones acted on; `OtherSitePrimary` and `OtherApa` hold those
/// roles elsewhere, so here they are plain persons).
pub fn allowed(act: Act, who: Who) -> bool {
    use Act::*;
    use Who::*;
    let person = !matches!(who, SignedOut | Operator);
    match act {
        Public => true,
        SignedIn => person,
        FirstSignIn | CreateOperator | AccountId => false,
        OperatorSignOut | ManageData => who == Operator,
        SignOut | UpdateProfile | ChangePassword => person,
        ReadAudit | DeleteOldestAudit | EnrolSite | ReissuePasscode | ChangePrimary
        | AnswerHelp | CloseHelp | ReviewApplication | SetMembershipLevel | LiftIdLock => {
            who == Operator
        }
        SendHelp => true,
        HandOverPrimary => who == SitePrimary,
        EditContacts | ManageUsers | DecideAccessRequest => {
            matches!(who, SitePrimary | SecondaryUpdate)
        }
        AdministerCompany | DecideAssociation => matches!(who, Apa | Prc),
        GrantApa => who == Apa,
        UpdateOwnPartnerProfile => matches!(who, Apa | Prc | Employee),
    }
}

impl Command {
    /// Whether this command makes room in a full storage, or leads to it: deleting
    /// old mail, audit entries or closed help requests, replacing or exporting the
    /// data, and the operator's sign-in that those need once an operator exists. Only
    /// these may use the room the store keeps in reserve, so a storage that others
    /// filled can always be freed.
    pub fn makes_room(&self) -> bool {
        matches!(
            self,
            Command::OperatorSignIn(_)
                | Command::DeleteOldestMail
                | Command::DeleteOldestAudit
                | Command::ReplaceData(_)
                | Command::ExportData
                | Command::Site(SiteCommand::PruneClosedHelp)
        )
    }

    /// The kind of this command, as far as permission goes.
    pub fn act(&self) -> Act {
        use Act::*;
        match self {
            Command::CreateId(_)
            | Command::AcceptInvite(_)
            | Command::VerifyId(_)
            | Command::ResendCode(_)
            | Command::SignIn(_)
            | Command::RequestReset(_)
            | Command::ResetPassword(_)
            | Command::Touch
            | Command::MarkMailRead(_)
            | Command::MarkAllMailRead(_)
            | Command::OperatorSignIn(_) => Public,
            Command::CreateAccountId(_) | Command::AccountPasswordChanged => AccountId,
            Command::SignOut => SignOut,
            Command::UpdateProfile(_) => UpdateProfile,
            Command::ChangePassword(_) => ChangePassword,
            Command::CreateOperator(_) => CreateOperator,
            Command::OperatorSignOut => OperatorSignOut,
            Command::DeleteOldestMail | Command::ReplaceData(_) | Command::ExportData => ManageData,
            Command::DeleteOldestAudit => DeleteOldestAudit,
            Command::LiftLock(_) => LiftIdLock,
            Command::Site(c) => match c {
                SiteCommand::Enrol(_) => EnrolSite,
                SiteCommand::ReissuePasscode(_) => ReissuePasscode,
                SiteCommand::ChangePrimary(_) => ChangePrimary,
                SiteCommand::FirstSignIn(_) => FirstSignIn,
                SiteCommand::HandOverPrimary(_) => HandOverPrimary,
                SiteCommand::SetContact(_) | SiteCommand::ClearContact(_) => EditContacts,
                SiteCommand::AddUser(_)
                | SiteCommand::UpdateUser(_)
                | SiteCommand::RemoveUser(_)
                | SiteCommand::ResendInvite(_)
                | SiteCommand::ImportUsers(_) => ManageUsers,
                SiteCommand::RequestAccess(_) | SiteCommand::WithdrawRequest(_) => SignedIn,
                SiteCommand::Grant(_) | SiteCommand::Deny(_) | SiteCommand::ExpireRequests(_) => {
                    DecideAccessRequest
                }
                SiteCommand::Help(_) => SendHelp,
                SiteCommand::AnswerHelp(_) => AnswerHelp,
                SiteCommand::CloseHelp(_) | SiteCommand::PruneClosedHelp => CloseHelp,
            },
            Command::Partner(c) => match c {
                PartnerCommand::AcceptAgreement(_)
                | PartnerCommand::SaveCompany(_)
                | PartnerCommand::SaveEmployee(_)
                | PartnerCommand::Submit
                | PartnerCommand::Attach(_)
                | PartnerCommand::Resubmit
                | PartnerCommand::CheckToken(_)
                | PartnerCommand::Join(_)
                | PartnerCommand::WithdrawJoin(_) => SignedIn,
                PartnerCommand::Approve(_)
                | PartnerCommand::FinishApproval(_)
                | PartnerCommand::RequestDocuments(_)
                | PartnerCommand::Reject(_) => ReviewApplication,
                PartnerCommand::DecideJoin(_) | PartnerCommand::ExpireJoins(_) => DecideAssociation,
                PartnerCommand::AddEmployee(_)
                | PartnerCommand::ResendInvite(_)
                | PartnerCommand::RevokeInvite(_)
                | PartnerCommand::SetPrc(_)
                | PartnerCommand::SetEnd(_)
                | PartnerCommand::AddLocation(_)
                | PartnerCommand::EditCompany(_)
                | PartnerCommand::EditLocation(_)
                | PartnerCommand::RegenerateToken(_)
                | PartnerCommand::SetAutoAccept(_) => AdministerCompany,
                PartnerCommand::SetApa(_) => GrantApa,
                PartnerCommand::SetLevel(_) => SetMembershipLevel,
                PartnerCommand::UpdateMyProfile(_) | PartnerCommand::ConfirmProfile(_) => {
                    UpdateOwnPartnerProfile
                }
            },
        }
    }
}
