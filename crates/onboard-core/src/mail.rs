//! The in-app mailbox: every message the system sends, written in the recipient's
//! mail language at the time it is sent. Bodies are structured blocks (never HTML).
use super::calendar::format_jst;
use super::ctx::Timestamp;
use super::route::{Href, Route};
use super::text::Email;
use crate::i18n::{Lang, M};
use serde::{Deserialize, Serialize};

impl M {
    /// The mail text in `lang`, as a `Block` holds it.
    fn text(self, lang: Lang) -> String {
        self.get(lang).to_string()
    }
}

/// Mails per storage chunk: a new mail rewrites only the last chunk.
pub const CHUNK: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MailId(pub u64);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", content = "c")]
pub enum Block {
    Heading(String),
    Para(String),
    /// A labelled value, e.g. "Site number: 1234567".
    Field(String, String),
    /// A value to copy (code, passcode, token), shown monospace.
    Code(String, String),
    /// A link to an in-app route.
    Link(String, Href),
    List(Vec<String>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mail {
    pub id: MailId,
    pub to: Email,
    pub from: String,
    pub subject: String,
    pub blocks: Vec<Block>,
    pub sent: Timestamp,
    pub read: bool,
    pub lang: Lang,
}

impl Block {
    /// Whether any text the block shows (a link's words, not its address) is one
    /// `found` finds.
    fn any_text(&self, mut found: impl FnMut(&str) -> bool) -> bool {
        match self {
            Block::Heading(t) | Block::Para(t) | Block::Link(t, _) => found(t),
            Block::Field(l, v) | Block::Code(l, v) => found(l) || found(v),
            Block::List(items) => items.iter().any(|i| found(i)),
        }
    }
}

impl Mail {
    /// Whether the mailbox's search finds it for `key` (a
    /// [`crate::text::search_key`] of what is typed, trimmed; empty finds every mail):
    /// in its subject, its sender or recipient, or any text of its body (a code, a
    /// number, a sentence), as its recipient reads it.
    pub fn matches(&self, key: &str) -> bool {
        let mut buf = String::new();
        let mut has = |s: &str| crate::text::key_in(s, key, &mut buf);
        key.is_empty()
            || has(&self.subject)
            || has(&self.from)
            || self.to.as_str().contains(key)
            || self.blocks.iter().any(|b| b.any_text(&mut has))
    }
}

/// Whose mail "Mark all as read" marks in a mailbox that shows `shown`'s mail (`None`:
/// every recipient's), with `account` signed in to a shared server (`None`: local
/// mode). `Some(None)`: every mail shown; `Some(Some(e))`: `e`'s; `None`: nobody's.
/// On a shared server a mail is its recipient's to read: the account that sent one
/// (the office, or a person asking for access) sees it too, and the server lets it
/// write it, but does not mark it read for the recipient. In local mode the mailbox is
/// the demo's, everyone's mail on this browser.
pub fn markable(shown: Option<&Email>, account: Option<&Email>) -> Option<Option<Email>> {
    match (shown, account) {
        (shown, None) => Some(shown.cloned()),
        (None, Some(me)) => Some(Some(me.clone())),
        (Some(e), Some(me)) => (e == me).then(|| Some(me.clone())),
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailChunk {
    pub mails: Vec<Mail>,
}

/// What a template produces; the mailbox adds id, time and read flag.
pub struct Draft {
    pub to: Email,
    pub from: &'static str,
    pub subject: String,
    pub blocks: Vec<Block>,
    pub lang: Lang,
}

pub const FROM_ID: &str = "id@onboard.example";
pub const FROM_OFFICE: &str = "office@onboard.example";

pub fn verification(to: &Email, lang: Lang, name: &str, code: &str, expires: Timestamp) -> Draft {
    let link = Route::Verify.with("email", to.as_str());
    Draft {
        to: to.clone(),
        from: FROM_ID,
        subject: M::MailIdVerificationCode.text(lang),
        blocks: vec![
            dear(lang, name),
            Block::Para(M::MailFinishCreatingIdEnter.text(lang)),
            Block::Code(M::MailVerificationCode.text(lang), code.to_string()),
            Block::Para(M::MailCodeValidUntilTried.fill(lang, &[&format_jst(expires, lang)])),
            Block::Link(M::MailVerifyNow.text(lang), link),
            Block::Para(M::MailDidNotAskId.text(lang)),
        ],
        lang,
    }
}

pub fn reset(to: &Email, lang: Lang, name: &str, code: &str, expires: Timestamp) -> Draft {
    let link = Route::Reset.with("email", to.as_str()).and("step", "code");
    Draft {
        to: to.clone(),
        from: FROM_ID,
        subject: M::MailPasswordResetCode.text(lang),
        blocks: vec![
            dear(lang, name),
            Block::Para(M::MailPasswordResetWasRequested.text(lang)),
            Block::Code(M::MailResetCode.text(lang), code.to_string()),
            Block::Para(M::MailCodeValidUntil.fill(lang, &[&format_jst(expires, lang)])),
            Block::Link(M::MailResetPassword.text(lang), link),
            Block::Para(M::MailDidNotAskIgnore.text(lang)),
        ],
        lang,
    }
}

pub fn password_changed(to: &Email, lang: Lang, name: &str, at: Timestamp) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_ID,
        subject: M::MailPasswordWasChanged.text(lang),
        blocks: vec![
            dear(lang, name),
            Block::Para(M::MailPasswordIdChangedAll.fill(lang, &[&format_jst(at, lang)])),
            Block::Link(M::MailSign.text(lang), Route::SignIn.href()),
        ],
        lang,
    }
}

/// To an ID's owner when wrong passwords lock it (`tries` in a row, the last `at`).
pub fn id_locked(
    to: &Email,
    lang: Lang,
    name: &str,
    tries: u32,
    at: Timestamp,
    until: Timestamp,
) -> Draft {
    let when = |t| format_jst(t, lang);
    Draft {
        to: to.clone(),
        from: FROM_ID,
        subject: M::MailIdLocked.text(lang),
        blocks: vec![
            dear(lang, name),
            Block::Para(
                M::MailIdLockedWrongPasswords
                    .fill(lang, &[&tries.to_string(), &when(at), &when(until)]),
            ),
            Block::Para(M::MailIdLockedNotYou.text(lang)),
            Block::Link(
                M::MailResetPassword.text(lang),
                Route::Reset.with("email", to.as_str()),
            ),
        ],
        lang,
    }
}

pub fn welcome_id(to: &Email, lang: Lang, name: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_ID,
        subject: M::MailIdNowActive.text(lang),
        blocks: vec![
            dear(lang, name),
            Block::Para(M::MailIdPasswordAreNow.text(lang)),
            Block::Link(M::MailSign.text(lang), Route::SignIn.href()),
        ],
        lang,
    }
}

// ---------- customer sites -------------------------------------------------------------

pub const FROM_SITES: &str = "pa-online@onboard.example";
pub const FROM_CARE: &str = "ecustomercare@onboard.example";

fn dear(lang: Lang, name: &str) -> Block {
    Block::Para(M::MailDear.fill(lang, &[name]))
}

/// The six customer-information fields of a site.
pub fn site_fields(lang: Lang, site: &super::site::Site, contact_name: &str) -> Vec<Block> {
    vec![
        Block::Field(
            M::MailCustomerNumberIcn.text(lang),
            site.customer().to_string(),
        ),
        Block::Field(M::MailAnniversaryDate.text(lang), site.anniversary()),
        Block::Field(M::MailSiteContactName.text(lang), contact_name.to_string()),
        Block::Field(M::MailSiteNumber.text(lang), site.number().to_string()),
        Block::Field(
            M::MailAgreementNumber.text(lang),
            site.agreement().to_string(),
        ),
        Block::Field(
            M::MailSiteContactEmail.text(lang),
            site.primary().email.to_string(),
        ),
    ]
}

pub fn site_welcome(
    lang: Lang,
    site: &super::site::Site,
    passcode: &str,
    expires: Timestamp,
) -> Draft {
    let p = site.primary();
    let name = super::identity::display_name(p.given.as_str(), p.family.as_str(), lang);
    let info = |m: M, page: &str| Block::Link(m.text(lang), Route::SiteInfo(page.into()).href());
    let mut blocks = vec![
        dear(lang, &name),
        Block::Para(M::MailPassportAdvantageEnrolmentComplete.text(lang)),
        Block::Heading(M::MailCustomerInformation.text(lang)),
    ];
    blocks.extend(site_fields(lang, site, &name));
    blocks.extend([
        Block::Para(M::MailPleaseMakeSureUnderstand.text(lang)),
        info(M::MailPassportAdvantageOnlineService, "program"),
        info(M::MailAccountManagementResponsibilities, "responsibilities"),
        info(M::MailKeyContactsRolesResponsibilities, "roles"),
    ]);
    blocks.extend(site_first_steps(lang, &p.email, passcode, expires));
    blocks.extend([
        Block::Heading(M::MailUsingAfterFirstSignIn.text(lang)),
        Block::Para(M::MailAfterFirstSignUse.text(lang)),
        Block::Link(
            M::MailTroubleSigningAskEcustomer.text(lang),
            Route::SiteHelp.href(),
        ),
    ]);
    Draft {
        to: p.email.clone(),
        from: FROM_SITES,
        subject: M::MailAccessPassportAdvantageOnline.text(lang),
        blocks,
        lang,
    }
}

/// The welcome mail's three steps for the primary contact `email`: the first sign-in
/// with the temporary passcode (and an ID to make first), the key contacts, the
/// secondary contacts.
fn site_first_steps(lang: Lang, email: &Email, passcode: &str, expires: Timestamp) -> Vec<Block> {
    let create = Route::CreateId
        .with("email", email.as_str())
        .and("next", Route::Sites.path().as_str());
    let valid_until = M::MailPasscodeValidUntil.fill(lang, &[&format_jst(expires, lang)]);
    vec![
        Block::Heading(M::MailFirstSignInAndAccess.text(lang)),
        Block::Heading(M::MailStep1FirstSign.text(lang)),
        Block::Para(M::MailGoCustomerSitesSign.text(lang)),
        Block::Code(
            M::MailTemporaryPasscodeFirstSign.text(lang),
            passcode.to_string(),
        ),
        Block::Para(valid_until),
        Block::Link(M::MailSignCustomerSites.text(lang), Route::Sites.href()),
        Block::Para(M::MailNoteSiteContactS.text(lang)),
        Block::Link(M::MailCreateId.text(lang), create),
        Block::Heading(M::MailStep2UpdateKey.text(lang)),
        Block::List(vec![
            M::MailSiteSTopPage.text(lang),
            M::MailAddDetailsEachKey.text(lang),
            M::MailRoleWithoutContactOwn.text(lang),
        ]),
        Block::Heading(M::MailStep3AddSecondary.text(lang)),
        Block::List(vec![
            M::MailShareAccountManagementRegistering.text(lang),
            M::MailManageAccessClickAdd.text(lang),
            M::MailSecondaryContactUpdateKey.text(lang),
        ]),
    ]
}

pub fn site_passcode_reissued(
    lang: Lang,
    site: &super::site::Site,
    passcode: &str,
    expires: Timestamp,
) -> Draft {
    let p = site.primary();
    let name = super::identity::display_name(p.given.as_str(), p.family.as_str(), lang);
    Draft {
        to: p.email.clone(),
        from: FROM_SITES,
        subject: M::MailNewTemporaryPasscode.text(lang),
        blocks: vec![
            dear(lang, &name),
            Block::Para(
                M::MailNewTemporaryPasscodeIssued
                    .fill(lang, &[&site.number().to_string(), site.company()]),
            ),
            Block::Code(
                M::MailTemporaryPasscodeFirstSign.text(lang),
                passcode.to_string(),
            ),
            Block::Para(
                M::MailValidUntil.fill(lang, &[&super::calendar::format_jst(expires, lang)]),
            ),
            Block::Link(M::MailSignCustomerSites.text(lang), Route::Sites.href()),
        ],
        lang,
    }
}

/// `invite`: the secret of the invitation's link and its end, for an address
/// without an ID.
pub fn site_user_added(
    to: &Email,
    lang: Lang,
    site: &super::site::Site,
    invite: Option<(&str, Timestamp)>,
) -> Draft {
    let mut blocks = vec![Block::Para(
        M::MailAddedUserSite.fill(lang, &[site.company(), &site.number().to_string()]),
    )];
    match invite {
        None => blocks.push(Block::Link(
            M::MailSignCustomerSites.text(lang),
            Route::Sites.href(),
        )),
        Some((secret, expires)) => {
            blocks.push(Block::Para(M::MailThereNoIdEmail.text(lang)));
            invitation_link(&mut blocks, lang, to, secret, expires);
        }
    }
    Draft {
        to: to.clone(),
        from: FROM_SITES,
        subject: M::MailHaveAccessCustomerSite.text(lang),
        blocks,
        lang,
    }
}

pub fn site_request_received(
    to: &Email,
    lang: Lang,
    site: &super::site::Site,
    requester: &Email,
    message: &str,
) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_SITES,
        subject: M::MailNewAccessRequest.text(lang),
        blocks: vec![
            Block::Para(
                M::MailAsksAccessSite.fill(lang, &[requester.as_str(), &site.number().to_string()]),
            ),
            Block::Field(M::MailMessage.text(lang), message.to_string()),
            Block::Link(
                M::MailGrantDenyManageAccess.text(lang),
                Route::SiteAccess(site.number().to_string()).href(),
            ),
        ],
        lang,
    }
}

/// A key contact was named (`released: false`) or replaced (`true`) by `by`: the
/// person it concerns is told, with the role.
pub fn site_key_contact(
    to: &Email,
    lang: Lang,
    site: &super::site::Site,
    role: super::site::Role,
    by: &str,
    released: bool,
) -> Draft {
    let number = site.number().to_string();
    let args = [by, number.as_str(), site.company()];
    let role = crate::words::role_name(role).get(lang).to_string();
    let (subject, blocks) = if released {
        (
            M::MailKeyContactReleased.fill(lang, &[&number]),
            vec![
                Block::Para(M::MailKeyContactReleasedBy.fill(lang, &args)),
                Block::Field(M::MailRole.text(lang), role),
            ],
        )
    } else {
        (
            M::MailKeyContactNamed.fill(lang, &[&number]),
            vec![
                Block::Para(M::MailKeyContactNamedBy.fill(lang, &args)),
                Block::Field(M::MailRole.text(lang), role),
                Block::Para(M::MailKeyContactReceives.text(lang)),
                Block::Para(M::MailKeyContactAccess.text(lang)),
                Block::Link(M::MailCustomerSites.text(lang), Route::Sites.href()),
            ],
        )
    };
    Draft {
        to: to.clone(),
        from: FROM_SITES,
        subject,
        blocks,
        lang,
    }
}

/// The primary contact's role was handed to `to` by `by` (the former primary).
pub fn site_primary_named(to: &Email, lang: Lang, site: &super::site::Site, by: &str) -> Draft {
    let number = site.number().to_string();
    Draft {
        to: to.clone(),
        from: FROM_SITES,
        subject: M::MailPrimaryNamed.fill(lang, &[&number]),
        blocks: vec![
            Block::Para(M::MailPrimaryNamedBy.fill(lang, &[by, &number, site.company()])),
            Block::Link(
                M::MailCustomerSites.text(lang),
                Route::Site(number.to_string()).href(),
            ),
        ],
        lang,
    }
}

/// The former primary contact is told: handed over to `heir` (they stay a secondary
/// contact), or changed by the program office (`heir: None`).
pub fn site_primary_changed(
    to: &Email,
    lang: Lang,
    site: &super::site::Site,
    heir: Option<&str>,
) -> Draft {
    let number = site.number().to_string();
    let para = match heir {
        Some(heir) => M::MailPrimaryChangedTo.fill(lang, &[&number, site.company(), heir]),
        None => M::MailPrimaryChangedByOffice.fill(lang, &[&number, site.company()]),
    };
    Draft {
        to: to.clone(),
        from: FROM_SITES,
        subject: M::MailPrimaryChanged.fill(lang, &[&number]),
        blocks: vec![
            Block::Para(para),
            Block::Link(M::MailCustomerSites.text(lang), Route::Sites.href()),
        ],
        lang,
    }
}

/// Nobody decided the access request to site `number` within 30 days.
pub fn request_expired(to: &Email, lang: Lang, number: &str, company: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_SITES,
        subject: M::MailRequestExpired.text(lang),
        blocks: vec![
            Block::Para(M::MailRequestExpiredText.fill(lang, &[number, company])),
            Block::Link(M::MailCustomerSites.text(lang), Route::Sites.href()),
        ],
        lang,
    }
}

/// Nobody decided the request to join `company` within 30 days.
pub fn join_expired(to: &Email, lang: Lang, company: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: M::MailJoinExpired.text(lang),
        blocks: vec![
            Block::Para(M::MailJoinExpiredText.fill(lang, &[company])),
            Block::Link(M::MailJoinAgain.text(lang), Route::PartnerAssociate.href()),
        ],
        lang,
    }
}

pub fn site_request_decided(
    to: &Email,
    lang: Lang,
    site: &super::site::Site,
    denied: Option<&str>,
) -> Draft {
    let (subject, mut blocks) = match denied {
        None => (
            M::MailAccessRequestWasGranted.text(lang),
            vec![Block::Para(
                M::MailRequestAccessSiteGranted
                    .fill(lang, &[&site.number().to_string(), site.company()]),
            )],
        ),
        Some(reason) => (
            M::MailAccessRequestWasDenied.text(lang),
            vec![
                Block::Para(
                    M::MailRequestAccessSiteDenied.fill(lang, &[&site.number().to_string()]),
                ),
                Block::Field(M::MailReason.text(lang), reason.to_string()),
            ],
        ),
    };
    blocks.push(Block::Link(
        M::MailCustomerSites.text(lang),
        Route::Sites.href(),
    ));
    Draft {
        to: to.clone(),
        from: FROM_SITES,
        subject,
        blocks,
        lang,
    }
}

pub fn help_received(to: &Email, lang: Lang, reference: &str, subject: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_CARE,
        subject: M::MailReceivedHelpRequest.fill(lang, &[reference]),
        blocks: vec![
            Block::Para(M::MailThankContactingEcustomerCare.text(lang)),
            Block::Field(M::MailReference.text(lang), reference.to_string()),
            Block::Field(M::MailSubject.text(lang), subject.to_string()),
        ],
        lang,
    }
}

pub fn help_answer(to: &Email, lang: Lang, reference: &str, subject: &str, answer: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_CARE,
        subject: M::MailAnswerHelpRequest.fill(lang, &[reference]),
        blocks: vec![
            Block::Field(M::MailSubject.text(lang), subject.to_string()),
            Block::Para(answer.to_string()),
        ],
        lang,
    }
}

// ---------- partner program ------------------------------------------------------------

pub const FROM_PARTNER: &str = "partnerworld@onboard.example";

pub fn partner_submitted(to: &Email, lang: Lang, number: &str, company: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: M::MailPartnerProgramApplicationWas.text(lang),
        blocks: vec![
            Block::Para(M::MailReceivedPartnerProgramApplication.fill(lang, &[company])),
            Block::Code(M::MailConfirmationNumber.text(lang), number.to_string()),
            Block::Link(M::MailSeeApplication.text(lang), Route::PartnerApply.href()),
        ],
        lang,
    }
}

pub fn partner_documents(to: &Email, lang: Lang, number: &str, message: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: M::MailDocumentsRequestedApplication.text(lang),
        blocks: vec![
            Block::Field(M::MailConfirmationNumber.text(lang), number.to_string()),
            Block::Para(message.to_string()),
            Block::Link(
                M::MailAttachDocumentsResubmit.text(lang),
                Route::PartnerApply.href(),
            ),
        ],
        lang,
    }
}

pub fn partner_rejected(to: &Email, lang: Lang, number: &str, reason: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: M::MailAboutPartnerProgramApplication.text(lang),
        blocks: vec![
            Block::Field(M::MailConfirmationNumber.text(lang), number.to_string()),
            Block::Para(M::MailWeAreSorryApplication.text(lang)),
            Block::Field(M::MailReason.text(lang), reason.to_string()),
        ],
        lang,
    }
}

/// The completion mail: its subject is the company name.
pub fn partner_complete(to: &Email, lang: Lang, company: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: M::MailRegistrationComplete.fill(lang, &[company]),
        blocks: vec![
            Block::Para(M::MailPartnerProgramRegistrationComplete.text(lang)),
            Block::Para(M::MailAreNowPrimaryRelationship.text(lang)),
            Block::Link(
                M::MailGoCompanyPage.text(lang),
                Route::PartnerCompany.href(),
            ),
            Block::Link(M::MailMemberHome.text(lang), Route::PartnerHome.href()),
        ],
        lang,
    }
}

/// The program office changed a company's membership level (to its administrators).
pub fn partner_level_changed(
    to: &Email,
    lang: Lang,
    company: &str,
    from: crate::partner::Membership,
    now: crate::partner::Membership,
) -> Draft {
    use crate::words::membership_name;
    let (from, now) = (
        membership_name(from).get(lang),
        membership_name(now).get(lang),
    );
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: M::MailLevelChangedSubject.fill(lang, &[company]),
        blocks: vec![
            Block::Para(M::MailLevelChanged.fill(lang, &[company, from, now])),
            Block::Para(M::MailLevelNews.text(lang)),
            Block::Link(M::MailMemberHome.text(lang), Route::PartnerHome.href()),
            Block::Link(
                M::MailGoCompanyPage.text(lang),
                Route::PartnerCompany.href(),
            ),
        ],
        lang,
    }
}

/// The link that accepts an invitation and the time it stops working.
fn invitation_link(
    blocks: &mut Vec<Block>,
    lang: Lang,
    to: &Email,
    secret: &str,
    expires: Timestamp,
) {
    blocks.push(Block::Link(
        M::MailAcceptInvitation.text(lang),
        super::invite::accept_path(secret, to.as_str()),
    ));
    blocks.push(Block::Para(
        M::MailInvitationExpires.fill(lang, &[&format_jst(expires, lang)]),
    ));
}

/// An administrator of `company` invites `to`, who has no ID yet, as an employee.
pub fn partner_invitation(
    to: &Email,
    lang: Lang,
    company: &str,
    by: &str,
    secret: &str,
    expires: Timestamp,
) -> Draft {
    let mut blocks = vec![
        Block::Para(M::MailInvitedEmployee.fill(lang, &[by, company])),
        Block::Para(M::MailInvitationCreatesId.text(lang)),
    ];
    invitation_link(&mut blocks, lang, to, secret, expires);
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: M::MailInvitationSubject.fill(lang, &[company]),
        blocks,
        lang,
    }
}

pub fn partner_welcome_employee(to: &Email, lang: Lang, company: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: M::MailWelcomePartnerProgramConfirmation.text(lang),
        blocks: vec![
            Block::Para(M::MailNowRegisteredPartnerProgram.fill(lang, &[company])),
            Block::List(vec![
                M::MailKeepEmployeeProfileCurrent.text(lang),
                M::MailSeeNewsInterestsMember.text(lang),
            ]),
            Block::Link(M::MailMyProfile.text(lang), Route::PartnerMe.href()),
            Block::Link(M::MailMemberHome.text(lang), Route::PartnerHome.href()),
        ],
        lang,
    }
}

pub fn partner_admin_notice(
    to: &Email,
    lang: Lang,
    company: &str,
    who: &Email,
    joined: bool,
) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: if joined {
            M::MailEmployeeJoinedCompanyProfile.text(lang)
        } else {
            M::MailNewAssociationRequest.text(lang)
        },
        blocks: vec![
            Block::Para(
                if joined {
                    M::MailTokenJoined
                } else {
                    M::MailTokenAsks
                }
                .fill(lang, &[who.as_str(), company]),
            ),
            Block::Link(
                M::MailGoCompanyPage.text(lang),
                Route::PartnerCompany.href(),
            ),
        ],
        lang,
    }
}

pub fn partner_join_rejected(to: &Email, lang: Lang, company: &str, reason: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: M::MailAboutAssociationRequest.text(lang),
        blocks: vec![
            Block::Para(M::MailRequestJoinNotApproved.fill(lang, &[company])),
            Block::Field(M::MailReason.text(lang), reason.to_string()),
        ],
        lang,
    }
}
