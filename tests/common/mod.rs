//! Helpers shared by the native test files.
#![allow(dead_code)]
use onboard::domain::demo::latest_code;
use onboard::domain::*;
use onboard::i18n::Lang;

pub const PW: &str = "correct horse battery";
pub const T0: i64 = 1_790_000_000_000; // 2026-09-21

pub struct World {
    pub state: State,
    pub device: Device,
    pub now: i64,
    seed: u8,
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
        self.seed = self.seed.wrapping_add(1);
        Ctx::fixed(self.now, self.seed)
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
        self.run(Command::CreateId {
            email: email.into(),
            family: "Yamada".into(),
            given: "Hanako".into(),
            country: "JP".into(),
            mail_lang: lang,
            password: PW.into(),
            confirm: PW.into(),
            accept_terms: true,
        })
    }
    pub fn code_for(&self, email: &str) -> String {
        latest_code(&self.state, &text::Email::parse(email).unwrap()).expect("a code was mailed")
    }
    /// Creates and verifies an ID (and leaves it signed in).
    pub fn verified(&mut self, email: &str) {
        self.create(email, Lang::En).unwrap();
        let code = self.code_for(email);
        assert_eq!(
            self.run(Command::VerifyId {
                email: email.into(),
                code
            }),
            Ok(Reply::Verified)
        );
    }
    pub fn sign_in(&mut self, email: &str, pw: &str) -> Result<Reply, DomainError> {
        self.run(Command::SignIn {
            email: email.into(),
            password: pw.into(),
        })
    }
}

pub fn wrong_code(code: &str) -> String {
    let d = code.as_bytes()[0] - b'0';
    format!("{}{}", (d + 1) % 10, &code[1..])
}
