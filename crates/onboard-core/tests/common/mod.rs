//! Helpers shared by the native test files.
#![allow(dead_code)]
use onboard_core::demo::latest_code;
use onboard_core::i18n::Lang;
use onboard_core::identity_commands;
use onboard_core::office_commands;
use onboard_core::partner_commands;
use onboard_core::site_commands;
use onboard_core::*;

pub const PW: &str = "correct horse battery";
pub const T0: i64 = 1_790_000_000_000; // 2026-09-21

#[derive(Clone)]
pub struct World {
    pub state: State,
    pub device: Device,
    pub now: i64,
    seed: u64,
}

impl World {
    pub fn new() -> World {
        World {
            state: State::default(),
            device: Device::default(),
            now: T0,
            seed: 1,
        }
    }
    pub fn ctx(&mut self) -> Ctx {
        self.seed += 1;
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&self.seed.to_le_bytes());
        Ctx::new(Timestamp(self.now), bytes)
    }
    pub fn actor(&self) -> Actor {
        self.state.actor(&self.device, Timestamp(self.now))
    }
    /// Applies a command and keeps the state when it went through (even a refusal
    /// that was recorded); returns the reply or the error.
    pub fn run(&mut self, cmd: Command) -> Result<Reply, DomainError> {
        let ctx = self.ctx();
        let actor = self.actor();
        let out = apply(&self.state, &actor, cmd, &ctx)?;
        self.state = out.state;
        for d in out.device {
            match d {
                DeviceChange::PersonSignedIn(t) => self.device.person = Some(t),
                DeviceChange::PersonSignedOut => self.device.person = None,
                DeviceChange::OperatorSignedIn(t) => self.device.operator = Some(t),
                DeviceChange::OperatorSignedOut => self.device.operator = None,
            }
        }
        match out.effect {
            Reply::Refused(e) => Err(e),
            r => Ok(r),
        }
    }
    pub fn create(&mut self, email: &str, lang: Lang) -> Result<Reply, DomainError> {
        self.create_as(email, lang, PW)
    }
    #[allow(dead_code)] // not every test file uses it
    pub fn create_with_password(&mut self, email: &str, pw: &str) -> Result<Reply, DomainError> {
        self.create_as(email, Lang::En, pw)
    }
    fn create_as(&mut self, email: &str, lang: Lang, pw: &str) -> Result<Reply, DomainError> {
        self.run(
            identity_commands::CreateId {
                email: email.into(),
                family: "Yamada".into(),
                given: "Hanako".into(),
                country: "JP".into(),
                mail_lang: lang,
                password: pw.into(),
                confirm: pw.into(),
                accept_terms: true,
            }
            .into(),
        )
    }
    /// The secret of the newest invitation link mailed to `email`.
    pub fn invite_secret(&self, email: &str) -> String {
        let e = text::Email::parse(email).unwrap();
        let found = self.state.mails_newest_first(Some(&e)).find_map(|m| {
            m.blocks.iter().find_map(|b| match b {
                mail::Block::Link(_, to) if to.as_str().contains("invite=") => {
                    let rest = to.as_str().split("invite=").nth(1)?;
                    Some(rest.split('&').next()?.to_string())
                }
                _ => None,
            })
        });
        found.expect("an invitation was mailed")
    }
    /// Accepts an invitation signed out, creating the ID.
    pub fn accept_invite(&mut self, secret: &str) -> Result<Reply, DomainError> {
        self.run(
            identity_commands::AcceptInvite {
                secret: secret.into(),
                family: "Invited".into(),
                given: "Person".into(),
                country: "JP".into(),
                mail_lang: Lang::En,
                password: PW.into(),
                confirm: PW.into(),
                accept_terms: true,
            }
            .into(),
        )
    }
    pub fn code_for(&self, email: &str) -> String {
        latest_code(&self.state, &text::Email::parse(email).unwrap()).expect("a code was mailed")
    }
    /// Creates and verifies an ID (and leaves it signed in).
    pub fn verified(&mut self, email: &str) {
        self.create(email, Lang::En).unwrap();
        let code = self.code_for(email);
        assert_eq!(
            self.run(
                identity_commands::VerifyId {
                    email: email.into(),
                    code
                }
                .into()
            ),
            Ok(Reply::Verified)
        );
    }
    pub fn sign_in(&mut self, email: &str, pw: &str) -> Result<Reply, DomainError> {
        self.run(
            identity_commands::SignIn {
                email: email.into(),
                password: pw.into(),
            }
            .into(),
        )
    }
}

pub fn wrong_code(code: &str) -> String {
    let d = code.as_bytes()[0] - b'0';
    format!("{}{}", (d + 1) % 10, &code[1..])
}

pub use onboard_core::site::*;
pub use onboard_core::site_commands::SiteCommand;

impl World {
    pub fn site(&mut self, c: SiteCommand) -> Result<Reply, DomainError> {
        self.run(Command::Site(c))
    }
    /// Signs the operator in (creating the account the first time).
    pub fn as_operator(&mut self) {
        self.device.person = None;
        if !self.state.office().has_operator() {
            self.run(
                office_commands::CreateOperator {
                    email: "op@example.com".into(),
                    password: PW.into(),
                    confirm: PW.into(),
                }
                .into(),
            )
            .unwrap();
        } else {
            self.run(
                office_commands::OperatorSignIn {
                    email: "op@example.com".into(),
                    password: PW.into(),
                }
                .into(),
            )
            .unwrap();
        }
    }
    pub fn as_person(&mut self, email: &str) {
        self.device.operator = None;
        self.device.person = None;
        let e = text::Email::parse(email).unwrap();
        if self.state.identity_by_email(&e).is_none() {
            self.verified(email);
        } else {
            self.sign_in(email, PW).unwrap();
        }
    }
    /// Enrols a site for `primary` and returns (site number, customer number, passcode).
    pub fn enrol(&mut self, primary: &str) -> (String, String, String) {
        self.as_operator();
        let r = self.site(enrol_command(primary, Lang::Ja)).unwrap();
        let Reply::SiteEnrolled { site, .. } = r else {
            panic!("{r:?}")
        };
        let n = SiteNumber::parse(&site).unwrap();
        let customer = self.state.site(&n).unwrap().customer().to_string();
        let code = self.code_for(primary);
        (site, customer, code)
    }
    /// `email` (signed in, made a verified ID if need be) asks for access to `site`
    /// with its customer number and no message.
    #[allow(dead_code)] // not every test file uses it
    pub fn ask_access(&mut self, site: &str, email: &str) {
        let customer = self
            .state
            .site(&SiteNumber::parse(site).unwrap())
            .unwrap()
            .customer()
            .to_string();
        self.as_person(email);
        self.site(
            site_commands::RequestAccess {
                site: site.into(),
                customer,
                message: String::new(),
            }
            .into(),
        )
        .unwrap();
    }
    /// An active site whose primary contact is signed in.
    pub fn active_site(&mut self, primary: &str) -> String {
        let (site, _, code) = self.enrol(primary);
        self.as_person(primary);
        assert_eq!(
            self.site(
                site_commands::FirstSignIn {
                    site: site.clone(),
                    passcode: code
                }
                .into()
            ),
            Ok(Reply::SiteActivated { site: site.clone() })
        );
        site
    }
}

/// The office's enrolment of Example KK in Tokyo, with Hanako Yamada at `primary`.
pub fn enrol_command(primary: &str, mail_lang: Lang) -> SiteCommand {
    site_commands::Enrol {
        company: "Example KK".into(),
        country: "JP".into(),
        postal: "1068711".into(),
        prefecture: "Tokyo".into(),
        city: "Minato-ku".into(),
        street: "Roppongi 3-2-12".into(),
        family: "Yamada".into(),
        given: "Hanako".into(),
        email: primary.into(),
        mail_lang,
    }
    .into()
}

pub fn privs(contacts: Level, access: Level) -> Privileges {
    Privileges {
        contact_updates: contacts,
        manage_access: access,
        ..Privileges::default()
    }
}

pub use onboard_core::partner::*;
pub use onboard_core::partner_commands::{CompanyInput, PartnerCommand, ProfileInput};

pub fn company_input(name: &str) -> CompanyInput {
    CompanyInput {
        legal_name: name.into(),
        country: "JP".into(),
        web: "example.co.jp".into(),
        models: vec!["reseller".into(), "services".into()],
        products: vec!["cloud".into()],
        size: "11-50".into(),
        directory: true,
        postal: "106-8711".into(),
        prefecture: "Tokyo".into(),
        city: "Minato-ku".into(),
        street: "Roppongi 3-2-12".into(),
        phone: "03-1234-5678".into(),
    }
}

pub fn profile_input(interests: &[&str]) -> ProfileInput {
    ProfileInput {
        family: "Suzuki".into(),
        given: "Ichiro".into(),
        phone: "090-1234-5678".into(),
        functions: vec!["sales".into()],
        mail_lang: Lang::En,
        interests: interests.iter().map(|s| s.to_string()).collect(),
        industries: vec![],
    }
}

impl World {
    pub fn partner(&mut self, c: PartnerCommand) -> Result<Reply, DomainError> {
        self.run(Command::Partner(c))
    }
    /// Applies, gets approved, and returns the company id (the applicant ends signed in).
    pub fn approved_company(&mut self, applicant: &str, name: &str) -> String {
        let number = self.submitted_application(applicant, name);
        self.as_operator();
        self.partner(partner_commands::Approve { number }.into())
            .unwrap();
        self.as_person(applicant);
        let id = self.actor().person().cloned().unwrap();
        self.state.company_of(&id).unwrap().id().to_string()
    }
    /// Applies for company `name` as `applicant` (signed in) up to the office's review;
    /// returns the application's number.
    pub fn submitted_application(&mut self, applicant: &str, name: &str) -> String {
        self.as_person(applicant);
        self.partner(
            partner_commands::AcceptAgreement {
                version: AGREEMENT_VERSION.into(),
            }
            .into(),
        )
        .unwrap();
        self.partner(PartnerCommand::SaveCompany(company_input(name)))
            .unwrap();
        self.partner(PartnerCommand::SaveEmployee(profile_input(&["cloud"])))
            .unwrap();
        let Reply::ApplicationSubmitted { number } = self.partner(PartnerCommand::Submit).unwrap()
        else {
            panic!()
        };
        number
    }
}
