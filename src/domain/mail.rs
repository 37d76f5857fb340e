//! The in-app mailbox: every message the system sends, written in the recipient's
//! mail language at the time it is sent. Bodies are structured blocks (never HTML).
use super::calendar::format_jst;
use super::ctx::Timestamp;
use super::text::Email;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

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
    Link(String, String),
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

fn l(lang: Lang, ja: &str, en: &str) -> String {
    match lang {
        Lang::Ja => ja.to_string(),
        Lang::En => en.to_string(),
    }
}

pub fn verification(to: &Email, lang: Lang, name: &str, code: &str, expires: Timestamp) -> Draft {
    let link = format!("/id/verify?email={}", url_encode(to.as_str()));
    Draft {
        to: to.clone(),
        from: FROM_ID,
        subject: l(lang, "ID の確認コード", "Your ID verification code"),
        blocks: vec![
            Block::Para(match lang {
                Lang::Ja => format!("{name} 様"),
                Lang::En => format!("Dear {name},"),
            }),
            Block::Para(l(
                lang,
                "ID の作成を完了するには、次の確認コードを入力してください。",
                "To finish creating your ID, enter this verification code.",
            )),
            Block::Code(l(lang, "確認コード", "Verification code"), code.to_string()),
            Block::Para(match lang {
                Lang::Ja => format!(
                    "このコードの有効期限は {} です。入力は 5 回までです。",
                    format_jst(expires, lang)
                ),
                Lang::En => format!(
                    "The code is valid until {} and may be tried 5 times.",
                    format_jst(expires, lang)
                ),
            }),
            Block::Link(l(lang, "今すぐ確認する", "Verify now"), link),
            Block::Para(l(
                lang,
                "お心当たりのない場合は、このメールを破棄してください。",
                "If you did not ask for an ID, ignore this mail.",
            )),
        ],
        lang,
    }
}

pub fn reset(to: &Email, lang: Lang, name: &str, code: &str, expires: Timestamp) -> Draft {
    let link = format!("/id/reset?email={}&step=code", url_encode(to.as_str()));
    Draft {
        to: to.clone(),
        from: FROM_ID,
        subject: l(lang, "パスワード再設定コード", "Your password reset code"),
        blocks: vec![
            Block::Para(match lang {
                Lang::Ja => format!("{name} 様"),
                Lang::En => format!("Dear {name},"),
            }),
            Block::Para(l(lang, "パスワードの再設定が要求されました。次のコードを入力して新しいパスワードを設定してください。", "A password reset was requested. Enter this code to set a new password.")),
            Block::Code(l(lang, "再設定コード", "Reset code"), code.to_string()),
            Block::Para(match lang {
                Lang::Ja => format!("このコードの有効期限は {} です。", format_jst(expires, lang)),
                Lang::En => format!("The code is valid until {}.", format_jst(expires, lang)),
            }),
            Block::Link(l(lang, "パスワードを再設定する", "Reset your password"), link),
            Block::Para(l(lang, "お心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。", "If you did not ask for this, ignore this mail: your password stays as it is.")),
        ],
        lang,
    }
}

pub fn password_changed(to: &Email, lang: Lang, name: &str, at: Timestamp) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_ID,
        subject: l(lang, "パスワードが変更されました", "Your password was changed"),
        blocks: vec![
            Block::Para(match lang {
                Lang::Ja => format!("{name} 様"),
                Lang::En => format!("Dear {name},"),
            }),
            Block::Para(match lang {
                Lang::Ja => format!("{} に ID のパスワードが変更されました。ほかのすべてのセッションはサインアウトされました。", format_jst(at, lang)),
                Lang::En => format!("The password of your ID was changed on {}. All other sessions were signed out.", format_jst(at, lang)),
            }),
            Block::Link(l(lang, "サインイン", "Sign in"), "/signin".to_string()),
        ],
        lang,
    }
}

pub fn welcome_id(to: &Email, lang: Lang, name: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_ID,
        subject: l(lang, "ID が有効になりました", "Your ID is now active"),
        blocks: vec![
            Block::Para(match lang {
                Lang::Ja => format!("{name} 様"),
                Lang::En => format!("Dear {name},"),
            }),
            Block::Para(l(lang, "お客様の ID とパスワードが有効になりました。カスタマー・サイトとパートナー・プログラムにサインインできます。", "Your ID and password are now active. You can sign in to customer sites and the partner program.")),
            Block::Link(l(lang, "サインイン", "Sign in"), "/signin".to_string()),
        ],
        lang,
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters kept).
pub fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
