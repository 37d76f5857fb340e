//! The one table of who may do what. The commands enforce it (through `site::may`,
//! `Company::is_admin` and the operator checks); `tests/access.rs` runs every command
//! kind as every role and checks that enforcement and this table agree.

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
}

impl Who {
    pub const ALL: [Who; 10] = [
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
    ];
}

/// A kind of command, as far as permission goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Act {
    SignOut,
    UpdateProfile,
    ChangePassword,
    ReadAudit,
    DeleteOldestAudit,
    EnrolSite,
    ReissuePasscode,
    ChangePrimary,
    AnswerHelp,
    CloseHelp,
    SendHelp,
    EditContacts,
    ManageUsers,
    DecideAccessRequest,
    ReviewApplication,
    SetMembershipLevel,
    AdministerCompany,
    GrantApa,
    DecideAssociation,
    UpdateOwnPartnerProfile,
}

impl Act {
    pub const ALL: [Act; 20] = [
        Act::SignOut,
        Act::UpdateProfile,
        Act::ChangePassword,
        Act::ReadAudit,
        Act::DeleteOldestAudit,
        Act::EnrolSite,
        Act::ReissuePasscode,
        Act::ChangePrimary,
        Act::AnswerHelp,
        Act::CloseHelp,
        Act::SendHelp,
        Act::EditContacts,
        Act::ManageUsers,
        Act::DecideAccessRequest,
        Act::ReviewApplication,
        Act::SetMembershipLevel,
        Act::AdministerCompany,
        Act::GrantApa,
        Act::DecideAssociation,
        Act::UpdateOwnPartnerProfile,
    ];
}

/// Whether `who` may do `act`.
pub fn allowed(act: Act, who: Who) -> bool {
    use Act::*;
    use Who::*;
    let person = !matches!(who, SignedOut | Operator);
    match act {
        SignOut | UpdateProfile | ChangePassword => person,
        ReadAudit | DeleteOldestAudit | EnrolSite | ReissuePasscode | ChangePrimary
        | AnswerHelp | CloseHelp | ReviewApplication | SetMembershipLevel => who == Operator,
        SendHelp => true,
        EditContacts | ManageUsers | DecideAccessRequest => {
            matches!(who, SitePrimary | SecondaryUpdate)
        }
        AdministerCompany | DecideAssociation => matches!(who, Apa | Prc),
        GrantApa => who == Apa,
        UpdateOwnPartnerProfile => matches!(who, Apa | Prc | Employee),
    }
}
