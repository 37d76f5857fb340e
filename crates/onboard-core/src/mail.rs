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
            dear(lang, name),
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
            dear(lang, name),
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
            dear(lang, name),
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
            dear(lang, name),
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

// ---------- customer sites -------------------------------------------------------------

pub const FROM_SITES: &str = "pa-online@onboard.example";
pub const FROM_CARE: &str = "ecustomercare@onboard.example";

fn dear(lang: Lang, name: &str) -> Block {
    Block::Para(match lang {
        Lang::Ja => format!("{name} 様"),
        Lang::En => format!("Dear {name},"),
    })
}

/// The six customer-information fields of a site.
pub fn site_fields(lang: Lang, site: &super::site::Site, contact_name: &str) -> Vec<Block> {
    vec![
        Block::Field(
            l(lang, "お客様番号 (ICN)", "Customer number (ICN)"),
            site.customer().to_string(),
        ),
        Block::Field(
            l(lang, "アニバーサリー・デート", "Anniversary date"),
            site.anniversary(),
        ),
        Block::Field(
            l(lang, "サイトご担当者名", "Site contact name"),
            contact_name.to_string(),
        ),
        Block::Field(
            l(lang, "サイト番号", "Site number"),
            site.number().to_string(),
        ),
        Block::Field(
            l(lang, "契約番号", "Agreement number"),
            site.agreement().to_string(),
        ),
        Block::Field(
            l(
                lang,
                "サイトご担当者 eメール・アドレス",
                "Site contact email",
            ),
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
    let create = format!(
        "/id/new?email={}&next=%2Fsites",
        url_encode(p.email.as_str())
    );
    let mut blocks = vec![
        dear(lang, &name),
        Block::Para(l(lang,
            "パスポート・アドバンテージの登録が完了しました。お客様は現在、パスポート・アドバンテージ・サイトのサイトご担当者として、パスポート・アドバンテージ・オンラインにアクセス可能であり、お客様の組織内の他のユーザーにアクセス権を付与することを含む、すべてのアカウント管理をご担当いただきます。",
            "Your Passport Advantage enrolment is complete. As the site contact of your Passport Advantage site you can now access Passport Advantage Online, and you are responsible for all account management, including granting access to other users in your organisation.")),
        Block::Heading(l(lang, "お客様情報", "Customer information")),
    ];
    blocks.extend(site_fields(lang, site, &name));
    blocks.push(Block::Para(l(
        lang,
        "以下の内容をご理解ください:",
        "Please make sure you understand:",
    )));
    blocks.push(Block::Link(
        l(
            lang,
            "パスポート・アドバンテージとオンライン・サービス",
            "Passport Advantage and its online service",
        ),
        "/sites/info/program".into(),
    ));
    blocks.push(Block::Link(
        l(
            lang,
            "アカウント管理 (登録情報の管理) に関する責任",
            "Account management responsibilities",
        ),
        "/sites/info/responsibilities".into(),
    ));
    blocks.push(Block::Link(
        l(
            lang,
            "各担当者 (キー・コンタクト) の役割と責任",
            "Key contacts: roles and responsibilities",
        ),
        "/sites/info/roles".into(),
    ));
    blocks.push(Block::Heading(l(
        lang,
        "ステップ 1 – 初回サインイン",
        "Step 1 – First sign-in",
    )));
    blocks.push(Block::Para(l(lang,
        "カスタマー・サイトへ進み、サイトご担当者の ID (登録済み eメール・アドレス) とパスワードでサインインしてください。次のテンポラリー・パスコードを入力するよう求められます:",
        "Go to Customer sites and sign in with the site contact's ID (the registered email address) and password. You will be asked for this temporary passcode:")));
    blocks.push(Block::Code(
        l(
            lang,
            "テンポラリー・パスコード (初回アクセス時のみ使用)",
            "Temporary passcode (first sign-in only)",
        ),
        passcode.to_string(),
    ));
    blocks.push(Block::Para(match lang {
        Lang::Ja => format!(
            "パスコードの有効期限は {} です。",
            super::calendar::format_jst(expires, lang)
        ),
        Lang::En => format!(
            "The passcode is valid until {}.",
            super::calendar::format_jst(expires, lang)
        ),
    }));
    blocks.push(Block::Link(
        l(
            lang,
            "カスタマー・サイトにサインイン",
            "Sign in to Customer sites",
        ),
        "/sites".into(),
    ));
    blocks.push(Block::Para(l(lang,
        "Note: サイトご担当者の eメール・アドレスを ID として登録済みでない場合、最初のサインインの前に ID を作成してください。ID が有効になったら、カスタマー・サイトに戻ります。",
        "Note: if the site contact's email address is not yet an ID, create one before the first sign-in. Once your ID is active, come back to Customer sites.")));
    blocks.push(Block::Link(l(lang, "ID の作成", "Create an ID"), create));
    blocks.push(Block::Heading(l(
        lang,
        "ステップ 2 – 各連絡先の更新",
        "Step 2 – Update the key contacts",
    )));
    blocks.push(Block::List(vec![
        l(lang, "サイトのトップページで「登録内容変更」を選択します。", "On the site's top page, choose \"Update registration\"."),
        l(lang, "更新したい各担当者ごとに必要な情報を追加します。", "Add the details of each key contact you want to set."),
        l(lang, "各担当者について個別の担当者をアサインしない場合は、サイトご担当者がそれぞれの役割を担います。", "A role without a contact of its own is held by the site contact."),
    ]));
    blocks.push(Block::Heading(l(
        lang,
        "ステップ 3 – セカンダリー・コンタクトとユーザーを追加する",
        "Step 3 – Add secondary contacts and users",
    )));
    blocks.push(Block::List(vec![
        l(lang, "アカウント管理の責任を共有するため、セカンダリー・コンタクトを登録することを推奨しています (最大 4 人まで)。", "To share account management, registering secondary contacts is recommended (up to 4)."),
        l(lang, "「アクセス権の管理」で、追加したいユーザーごとに「新規ユーザーの追加」をクリックします。", "In \"Manage access\", click \"Add new user\" for each user to add."),
        l(lang, "セカンダリー・コンタクトが各担当者を更新するには、「登録内容変更」の「更新」権限も必要です。", "For a secondary contact to update key contacts, it also needs the Update privilege for contact updates."),
    ]));
    blocks.push(Block::Para(l(lang,
        "初回サインインの後は、ID とパスワードでサインインします。以降は、ユーザーからのアクセス・リクエストの承認または拒否と、各担当者の更新が優先事項となります。",
        "After the first sign-in you use your ID and password. From then on, deciding users' access requests and keeping key contacts current come first.")));
    blocks.push(Block::Link(
        l(
            lang,
            "アクセスで問題が生じた場合: eカスタマー・ケアにヘルプをリクエスト",
            "Trouble signing in? Ask eCustomer Care for help",
        ),
        "/sites/help".into(),
    ));
    Draft {
        to: p.email.clone(),
        from: FROM_SITES,
        subject: l(
            lang,
            "パスポート・アドバンテージ・オンラインにアクセスしてください",
            "Access Passport Advantage Online",
        ),
        blocks,
        lang,
    }
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
        subject: l(lang, "新しいテンポラリー・パスコード", "Your new temporary passcode"),
        blocks: vec![
            dear(lang, &name),
            Block::Para(match lang {
                Lang::Ja => format!("サイト {} ({}) の新しいテンポラリー・パスコードを発行しました。以前のパスコードは使えません。", site.number(), site.company()),
                Lang::En => format!("A new temporary passcode was issued for site {} ({}). The previous passcode no longer works.", site.number(), site.company()),
            }),
            Block::Code(l(lang, "テンポラリー・パスコード (初回アクセス時のみ使用)", "Temporary passcode (first sign-in only)"), passcode.to_string()),
            Block::Para(match lang {
                Lang::Ja => format!("有効期限: {}", super::calendar::format_jst(expires, lang)),
                Lang::En => format!("Valid until {}.", super::calendar::format_jst(expires, lang)),
            }),
            Block::Link(l(lang, "カスタマー・サイトにサインイン", "Sign in to Customer sites"), "/sites".into()),
        ],
        lang,
    }
}

pub fn site_user_added(to: &Email, lang: Lang, site: &super::site::Site, has_id: bool) -> Draft {
    let mut blocks = vec![Block::Para(match lang {
        Lang::Ja => format!(
            "{} のサイト {} のユーザーとして登録されました。",
            site.company(),
            site.number()
        ),
        Lang::En => format!(
            "You were added as a user of site {} of {}.",
            site.number(),
            site.company()
        ),
    })];
    if has_id {
        blocks.push(Block::Link(
            l(
                lang,
                "カスタマー・サイトにサインイン",
                "Sign in to Customer sites",
            ),
            "/sites".into(),
        ));
    } else {
        blocks.push(Block::Para(l(lang,
            "この eメール・アドレスの ID はまだありません。同じ eメール・アドレスで ID を作成すると、アクセス権が有効になります。",
            "There is no ID with this email address yet. Create one with this same address and your access applies at once.")));
        blocks.push(Block::Link(
            l(lang, "ID の作成", "Create an ID"),
            format!("/id/new?email={}&next=%2Fsites", url_encode(to.as_str())),
        ));
    }
    Draft {
        to: to.clone(),
        from: FROM_SITES,
        subject: l(
            lang,
            "サイトへのアクセス権が付与されました",
            "You have access to a customer site",
        ),
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
        subject: l(
            lang,
            "アクセス・リクエストが届きました",
            "A new access request",
        ),
        blocks: vec![
            Block::Para(match lang {
                Lang::Ja => format!(
                    "{requester} からサイト {} へのアクセス・リクエストが届きました。",
                    site.number()
                ),
                Lang::En => format!("{requester} asks for access to site {}.", site.number()),
            }),
            Block::Field(l(lang, "メッセージ", "Message"), message.to_string()),
            Block::Link(
                l(
                    lang,
                    "アクセス権の管理で承認または拒否する",
                    "Grant or deny in Manage access",
                ),
                format!("/sites/{}/access", site.number()),
            ),
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
            l(
                lang,
                "アクセス・リクエストが承認されました",
                "Your access request was granted",
            ),
            vec![Block::Para(match lang {
                Lang::Ja => format!(
                    "サイト {} ({}) へのアクセス・リクエストが承認されました。",
                    site.number(),
                    site.company()
                ),
                Lang::En => format!(
                    "Your request for access to site {} ({}) was granted.",
                    site.number(),
                    site.company()
                ),
            })],
        ),
        Some(reason) => (
            l(
                lang,
                "アクセス・リクエストは承認されませんでした",
                "Your access request was denied",
            ),
            vec![
                Block::Para(match lang {
                    Lang::Ja => format!(
                        "サイト {} へのアクセス・リクエストは承認されませんでした。",
                        site.number()
                    ),
                    Lang::En => format!(
                        "Your request for access to site {} was denied.",
                        site.number()
                    ),
                }),
                Block::Field(l(lang, "理由", "Reason"), reason.to_string()),
            ],
        ),
    };
    blocks.push(Block::Link(
        l(lang, "カスタマー・サイト", "Customer sites"),
        "/sites".into(),
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
        subject: match lang {
            Lang::Ja => format!("[{reference}] ヘルプ・リクエストを受け付けました"),
            Lang::En => format!("[{reference}] We received your help request"),
        },
        blocks: vec![
            Block::Para(l(lang, "eカスタマー・ケアにヘルプ・リクエストをお送りいただきありがとうございます。担当者から回答します。", "Thank you for contacting eCustomer Care. We will answer your request.")),
            Block::Field(l(lang, "受付番号", "Reference"), reference.to_string()),
            Block::Field(l(lang, "件名", "Subject"), subject.to_string()),
        ],
        lang,
    }
}

pub fn help_answer(to: &Email, lang: Lang, reference: &str, subject: &str, answer: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_CARE,
        subject: match lang {
            Lang::Ja => format!("[{reference}] ヘルプ・リクエストへの回答"),
            Lang::En => format!("[{reference}] Answer to your help request"),
        },
        blocks: vec![
            Block::Field(l(lang, "件名", "Subject"), subject.to_string()),
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
        subject: l(lang, "PartnerWorld ご登録申請の受付", "Your partner program application was received"),
        blocks: vec![
            Block::Para(match lang {
                Lang::Ja => format!("{company} の PartnerWorld ご登録申請を受け付けました。簡単な加入審査の後、結果をメールでお知らせします。審査状況によっては、書類の提出をお願いする場合がございます。"),
                Lang::En => format!("We received the partner program application of {company}. After a short review we will mail you the result. We may ask for documents."),
            }),
            Block::Code(l(lang, "確認番号", "Confirmation number"), number.to_string()),
            Block::Link(l(lang, "申請の状況を見る", "See the application"), "/partner/apply".into()),
        ],
        lang,
    }
}

pub fn partner_documents(to: &Email, lang: Lang, number: &str, message: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: l(
            lang,
            "書類のご提出のお願い",
            "Documents requested for your application",
        ),
        blocks: vec![
            Block::Field(
                l(lang, "確認番号", "Confirmation number"),
                number.to_string(),
            ),
            Block::Para(message.to_string()),
            Block::Link(
                l(
                    lang,
                    "書類を添付して再送信する",
                    "Attach the documents and resubmit",
                ),
                "/partner/apply".into(),
            ),
        ],
        lang,
    }
}

pub fn partner_rejected(to: &Email, lang: Lang, number: &str, reason: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: l(
            lang,
            "PartnerWorld ご登録申請の結果",
            "About your partner program application",
        ),
        blocks: vec![
            Block::Field(
                l(lang, "確認番号", "Confirmation number"),
                number.to_string(),
            ),
            Block::Para(l(
                lang,
                "誠に残念ながら、今回のご登録申請は承認されませんでした。",
                "We are sorry: the application was not approved.",
            )),
            Block::Field(l(lang, "理由", "Reason"), reason.to_string()),
        ],
        lang,
    }
}

/// The completion mail: its subject is the company name.
pub fn partner_complete(to: &Email, lang: Lang, company: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: match lang {
            Lang::Ja => format!("{company} 様 手続き完了のご案内"),
            Lang::En => format!("{company}: registration complete"),
        },
        blocks: vec![
            Block::Para(l(lang, "PartnerWorld へのご登録手続きが完了しました。メンバーシップ・レベルは「メンバー」です。", "Your partner program registration is complete. Your membership level is Member.")),
            Block::Para(l(lang, "申請者様は、本社ロケーションの PRC (Primary Relationship Contact) およびプロフィール管理者 (APA) として登録されました。企業ページで会社トークンを確認し、社員に伝えてください。", "You are now the Primary Relationship Contact of the headquarters and an Authorized Profile Administrator (APA). Find the company token on the company page and share it with your colleagues.")),
            Block::Link(l(lang, "企業ページへ", "Go to the company page"), "/partner/company".into()),
            Block::Link(l(lang, "メンバー・ホーム", "Member home"), "/partner/home".into()),
        ],
        lang,
    }
}

pub fn partner_welcome_employee(to: &Email, lang: Lang, company: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: l(
            lang,
            "PartnerWorld ご登録確認とガイド",
            "Welcome to the partner program: confirmation and guide",
        ),
        blocks: vec![
            Block::Para(match lang {
                Lang::Ja => format!("{company} の社員として PartnerWorld に登録されました。"),
                Lang::En => format!(
                    "You are now registered in the partner program as an employee of {company}."
                ),
            }),
            Block::List(vec![
                l(
                    lang,
                    "社員プロフィールを常に最新の状態に保つと、必要な情報が届きます。",
                    "Keep your employee profile current to get the information you need.",
                ),
                l(
                    lang,
                    "メンバー・ホームで、関心分野に合わせたお知らせをご覧ください。",
                    "See news for your interests on the member home.",
                ),
            ]),
            Block::Link(
                l(lang, "社員プロフィール", "My profile"),
                "/partner/me".into(),
            ),
            Block::Link(
                l(lang, "メンバー・ホーム", "Member home"),
                "/partner/home".into(),
            ),
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
            l(lang, "社員が企業プロフィールに追加されました", "An employee joined your company profile")
        } else {
            l(lang, "関連付けリクエストが届きました", "A new association request")
        },
        blocks: vec![
            Block::Para(match (lang, joined) {
                (Lang::Ja, true) => format!("{who} が会社トークンで {company} に自動的に追加されました。"),
                (Lang::En, true) => format!("{who} joined {company} with the company token (accepted automatically)."),
                (Lang::Ja, false) => format!("{who} が会社トークンで {company} への関連付けをリクエストしました。承認または却下してください。"),
                (Lang::En, false) => format!("{who} asks to join {company} with the company token. Please approve or reject."),
            }),
            Block::Link(l(lang, "企業ページへ", "Go to the company page"), "/partner/company".into()),
        ],
        lang,
    }
}

pub fn partner_join_rejected(to: &Email, lang: Lang, company: &str, reason: &str) -> Draft {
    Draft {
        to: to.clone(),
        from: FROM_PARTNER,
        subject: l(
            lang,
            "関連付けリクエストの結果",
            "About your association request",
        ),
        blocks: vec![
            Block::Para(match lang {
                Lang::Ja => format!("{company} への関連付けリクエストは承認されませんでした。"),
                Lang::En => format!("Your request to join {company} was not approved."),
            }),
            Block::Field(l(lang, "理由", "Reason"), reason.to_string()),
        ],
        lang,
    }
}

/// Whether a mail link is a route inside this app (and so may be a link): a path that
/// starts with one `/`, made of visible ASCII, with no backslash anywhere. Browsers
/// read `\` as `/` and drop tabs and line breaks, so `/\host`, `/\t/host` and
/// `/%09/host`-like tricks would otherwise reach another origin as `//host`.
pub fn is_in_app_route(to: &str) -> bool {
    let b = to.as_bytes();
    b.first() == Some(&b'/')
        && !matches!(b.get(1), Some(b'/') | Some(b'\\'))
        && b.iter().all(|c| c.is_ascii_graphic() && *c != b'\\')
        && !to.to_ascii_lowercase().starts_with("/%2f")
        && !to.to_ascii_lowercase().starts_with("/%5c")
}

#[cfg(test)]
mod link_tests {
    use super::is_in_app_route;

    #[test]
    fn only_routes_of_this_app_are_links() {
        for ok in [
            "/",
            "/sites",
            "/sites/1234567/users?page=2",
            "/id/verify?email=a%40b.jp",
        ] {
            assert!(is_in_app_route(ok), "{ok}");
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            " /evil",
            "/%2f/evil.example",
            "/%5C/evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "/a\\b",
            "/ /evil",
            "",
            "/\u{3000}/evil",
        ] {
            assert!(!is_in_app_route(bad), "{bad:?}");
        }
    }
}
