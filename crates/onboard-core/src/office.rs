//! The program office: its operator account (one, created on first visit).
use super::identity::{Guard, Sessions};
use super::secret::SecretHash;
use super::text::Email;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    pub(crate) email: Email,
    pub(crate) password: SecretHash,
    #[serde(default)]
    pub(crate) guard: Guard,
    #[serde(default)]
    pub(crate) sessions: Sessions,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    pub(crate) operator: Option<Operator>,
}

impl Office {
    pub fn has_operator(&self) -> bool {
        self.operator.is_some()
    }
    pub fn operator_email(&self) -> Option<&Email> {
        self.operator.as_ref().map(|o| &o.email)
    }
}
