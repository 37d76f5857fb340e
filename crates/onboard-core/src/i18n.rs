//! Every user-visible string, in Japanese and English.
//!
//! The `texts!` table makes a missing translation a compile error: each key takes
//! exactly two strings. Placeholders are `{0}`, `{1}`... filled by [`T::fill`].
//! Imports nothing of the domain: [`crate::words`] maps the domain's values onto keys.
//! Pure (no Leptos), so the domain's mail templates and the UI share it.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    #[serde(rename = "ja")]
    Ja,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s == "ja" || s.starts_with("ja-") {
            Some(Lang::Ja)
        } else if s == "en" || s.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }
    /// The first supported language of a browser's preference list; English otherwise.
    pub fn from_preferences<'a>(prefs: impl IntoIterator<Item = &'a str>) -> Lang {
        prefs.into_iter().find_map(Lang::parse).unwrap_or(Lang::En)
    }
    /// The language's own name (for the switch).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
        }
    }
}

macro_rules! texts {
    ($(#[$doc:meta])* $name:ident { $($key:ident => $ja:expr, $en:expr;)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($key),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$key),*];
            /// One table row per key (a lookup, not a 600-arm match: less code).
            const TABLE: &'static [[&'static str; 2]] = &[$([$ja, $en]),*];
            pub fn get(self, lang: Lang) -> &'static str {
                let row = &Self::TABLE[self as usize];
                match lang { Lang::Ja => row[0], Lang::En => row[1] }
            }
            /// The string with `{0}`, `{1}`... replaced by `args`.
            pub fn fill(self, lang: Lang, args: &[&str]) -> String {
                Text::from(self).fill(lang, args)
            }
            /// Both languages, Japanese first (see [`Text::both`]).
            pub fn both(self) -> String {
                Text::from(self).both()
            }
        }
        impl From<$name> for Text {
            fn from(k: $name) -> Text {
                Text(&$name::TABLE[k as usize])
            }
        }
    };
}

/// A text of any table, as its row of the two languages. What only shows a text
/// (alerts, page titles, buttons) takes a `Text`, so the words a page passes it stay
/// in that page's module (a `P` key), not in the first download.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text(&'static [&'static str; 2]);

impl Text {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.0[0],
            Lang::En => self.0[1],
        }
    }
    /// The string with `{0}`, `{1}`... replaced by `args`, and each `{0:try|tries}`
    /// by the word's form for the number argument 0 is (the first form for 1, the
    /// second otherwise: English counts; Japanese needs none). One pass over the
    /// text, so an argument's own braces are never read as placeholders; a
    /// placeholder without its argument stays as written.
    pub fn fill(self, lang: Lang, args: &[&str]) -> String {
        let text = self.get(lang);
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                rest = &rest[open..];
                break;
            };
            let spec = &after[..close];
            let (index, forms) = match spec.split_once(':') {
                Some((i, f)) => (i, Some(f)),
                None => (spec, None),
            };
            match (index.parse::<usize>().ok().and_then(|i| args.get(i)), forms) {
                (Some(a), None) => out.push_str(a),
                (Some(a), Some(f)) => {
                    let (one, other) = f.split_once('|').unwrap_or((f, f));
                    out.push_str(if a.trim() == "1" { one } else { other });
                }
                (None, _) => out.push_str(&rest[open..open + close + 2]),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }
    /// Both languages, Japanese first ("…。 / …."): for what is shown before the
    /// person's language is known (the static shell's messages, a panic).
    pub fn both(self) -> String {
        format!("{} / {}", self.0[0], self.0[1])
    }
}

texts! {
/// A text key of the UI (and of the words for domain values). `T::X.get(lang)` gives
/// the string.
T {
    AppName => "Onboard", "Onboard";
    Tagline =>
        "ID、カスタマー・サイト、パートナー・プログラムの登録をひとつの場所で。",
        "IDs, customer sites and partner registration in one place.";
    SkipToContent => "本文へスキップ", "Skip to content";
    Language => "言語", "Language";
    MainNav => "メイン・メニュー", "Main menu";
    Menu => "メニュー", "Menu";
    SignIn => "サインイン", "Sign in";
    SignOut => "サインアウト", "Sign out";
    LeaveUnsaved =>
        "入力した内容はまだ保存されていません。このページを離れますか?",
        "What you typed has not been saved. Leave this page?";
    CreateId => "ID の作成", "Create an ID";
    CustomerSites => "カスタマー・サイト", "Customer sites";
    PartnerProgram => "パートナー・プログラム", "Partner program";
    Mailbox => "メールボックス", "Mailbox";
    ProgramOffice => "プログラム・オフィス", "Program office";
    Data => "データ", "Data";
    UnreadCount => "未読 {0} 件", "{0} unread";
    HomeCreateIdText =>
        "eメールとパスワードで、すべてのサービスに共通の個人 ID を作成します。",
        "Make one personal ID (email and password) for every service here.";
    HomeSignInText => "お持ちの ID でサインインします。", "Sign in with your ID.";
    YourId => "あなたの ID", "Your ID";
    HomeYourIdText =>
        "お名前、国、メールの言語、パスワードの変更。",
        "Your names, country, mail language and password.";
    HomeSitesText =>
        "サイトの初回サインイン、各担当者の更新、ユーザーとアクセス権の管理。",
        "First sign-in to your site, key contacts, users and access.";
    HomePartnerText =>
        "パートナー・プログラムへの参加と、企業・社員プロフィールの管理。",
        "Join the partner program and manage company and employee profiles.";
    HomeMailText => "システムが送信したメールはすべてここに届きます。", "Every mail the system sends arrives here.";
    HomeOfficeText =>
        "サイトの登録、申請の審査、ヘルプ・リクエストへの回答 (オペレーター用)。",
        "Enrol sites, review applications, answer help requests (operators).";
    HomeDataText => "エクスポート、インポート、デモ・データ、リセット。", "Export, import, demo data, reset.";
    DemoNotice =>
        "Onboard はブラウザーだけで動作します。データはこのブラウザーの localStorage に保存され、メールはアプリ内のメールボックスに届きます。",
        "Onboard runs entirely in your browser. Data is kept in this browser's localStorage and \
            mail arrives in the in-app mailbox.";
    ErrCodeUnavailable =>
        "この操作のプログラムを取得できませんでした。ネットワークに接続してから、もう一度お試しください。",
        "The code for this action could not be downloaded. Check the network connection and try \
            again.";
    PageLoading => "読み込み中…", "Loading…";
    PageUnavailableTitle => "このページを読み込めませんでした", "This page could not be loaded";
    PageUnavailableText =>
        "このページのプログラムを取得できませんでした。ネットワークに接続してから、もう一度お試しください。",
        "Its code could not be downloaded. Check the network connection and try again.";
    TryAgain => "再試行", "Try again";
    NotFoundTitle => "ページが見つかりません", "Page not found";
    NotFoundText => "お探しのページは見つかりませんでした。", "There is no page at this address.";
    BackHome => "ホームへ戻る", "Back to the home page";
    Optional => "任意", "optional";
    Working => "処理中…", "Working…";
    Cancel => "キャンセル", "Cancel";
    FormHasErrors => "入力内容を確認してください ({0} 件)。", "Please correct the highlighted fields ({0}).";
    // --- fields
    FieldEmail => "eメール・アドレス", "Email address";
    FieldFamilyName => "姓", "Family name";
    FieldGivenName => "名", "Given name";
    FieldCountry => "国または地域", "Country or region";
    FieldMailLang => "メールの言語", "Language of mail";
    FieldCurrentPassword => "現在のパスワード", "Current password";
    FieldPassword => "パスワード", "Password";
    FieldPasswordConfirm => "パスワード (確認)", "Confirm password";
    FieldTerms => "利用条件に同意します", "I accept the terms of use";
    FieldCode => "確認コード (6 桁)", "Verification code (6 digits)";
    PasswordShow => "表示", "Show";
    PasswordHide => "非表示", "Hide";
    PasswordShowName => "パスワードを表示", "Show password";
    PasswordHideName => "パスワードを非表示", "Hide password";
    PasswordShown => "パスワードを表示しています。", "Your password is visible.";
    PasswordHidden => "パスワードを非表示にしました。", "Your password is hidden.";
    PasswordPolicy =>
        "10 文字以上。eメール・アドレスやよく使われるパスワードは使えません。",
        "At least 10 characters; not your email address and not a common password.";
    // --- field errors
    ErrRequired => "入力してください。", "This is required.";
    ErrTooLong => "{0} 文字以内で入力してください。", "Use at most {0} {0:character|characters}.";
    ErrForbiddenChars => "制御文字や書式制御文字は使えません。", "Control or formatting characters are not allowed.";
    ErrEmailFormat =>
        "eメール・アドレスの形式が正しくありません (例: name@example.com)。",
        "Enter an email address like name@example.com.";
    ErrEmailTaken =>
        "この eメール・アドレスの ID はすでにあります。サインインするか、パスワードを再設定してください。",
        "An ID with this email already exists. Sign in or reset the password.";
    ErrUnknownCountry => "一覧から国または地域を選んでください。", "Choose a country or region from the list.";
    ErrPasswordTooShort => "パスワードは {0} 文字以上にしてください。", "Use at least {0} {0:character|characters}.";
    ErrPasswordIsEmail => "eメール・アドレスをパスワードにはできません。", "The password cannot be your email address.";
    ErrPasswordCommon =>
        "よく使われるパスワードです。推測されにくいものにしてください。",
        "This password is too common. Choose one that is harder to guess.";
    ErrPasswordMismatch => "パスワードが一致しません。", "The passwords do not match.";
    ErrWrongPassword => "パスワードが正しくありません。", "The password is not correct.";
    ErrTermsRequired => "続けるには利用条件への同意が必要です。", "You need to accept the terms to continue.";
    ErrDigitsFormat => "{0} 桁の数字を入力してください。", "Enter the {0}-digit number.";
    ErrCodeWrong => "コードが正しくありません。あと {0} 回入力できます。", "The code is not correct. {0} {0:try|tries} left.";
    ErrCodeExpired => "コードの有効期限が切れました。新しいコードを送信してください。", "The code has expired. Send a new one.";
    ErrCodeUsedUp =>
        "このコードは使えなくなりました。新しいコードを送信してください。",
        "This code can no longer be used. Send a new one.";
    ErrUnknownId => "この eメール・アドレスの ID はありません。", "There is no ID with this email address.";
    // --- domain errors
    ErrNotAllowed => "この操作を行う権限がありません。", "You are not allowed to do this.";
    ErrNotSignedIn => "サインインしてください。", "Please sign in.";
    ErrBadCredentials =>
        "eメール・アドレスまたはパスワードが正しくありません。",
        "The email address or password is not correct.";
    ErrLocked =>
        "誤ったパスワードが続いたため、{0} までロックされています。パスワードを再設定するとすぐに解除されます。",
        "Too many wrong passwords: locked until {0}. Resetting the password unlocks it at once.";
    ErrNotVerified =>
        "この ID はまだ確認されていません。メールで届いた確認コードを入力してください。",
        "This ID is not verified yet. Enter the code we mailed you.";
    ErrAlreadyVerified =>
        "この ID はすでに確認済みです。サインインしてください。",
        "This ID is already verified. Please sign in.";
    ErrNotFound => "見つかりません。", "Not found.";
    ErrOperatorExists => "オペレーター・アカウントはすでにあります。", "The operator account already exists.";
    ErrConflict =>
        "別のタブで内容が変更されました。最新の内容を読み込みました。もう一度操作してください。",
        "This was changed in another tab. The latest data is loaded; please try again.";
    ErrQuota =>
        "ブラウザーの保存領域がいっぱいのため保存できませんでした。何も変更されていません。データ・ページで古いメールを削除するか、エクスポートしてください。",
        "Could not save: the browser's storage is full. Nothing was changed. Delete old mail or \
            export your data on the Data page.";
    ErrStorage => "保存できませんでした ({0})。何も変更されていません。", "Could not save ({0}). Nothing was changed.";
    ErrServerUnreachable =>
        "サーバーに接続できません。何も変更されていません。接続が戻ってから、もう一度お試しください。",
        "The server cannot be reached. Nothing was changed; try again when it is back.";
    ErrServerRefused =>
        "サーバーがこの操作を拒否しました (権限がありません)。何も変更されていません。",
        "The server refused this (you may not do it). Nothing was changed.";
    ErrServerFailed =>
        "サーバーがエラーを返しました。何も変更されていません。もう一度お試しください。",
        "The server answered with an error. Nothing was changed; please try again.";
    ErrServerPartly =>
        "この操作は一部だけがサーバーに保存されました。保存された内容を読み込み直して表示します。内容を確認し、不足している部分をもう一度行ってください。",
        "Only part of this reached the server before it stopped. What was saved is read again and shown; check it, then do again what is missing.";
    ErrNotInShared =>
        "共有モードでは、この操作はできません (パスワードとデータはサーバーが管理します)。",
        "This is not available in shared mode (the server keeps passwords and data).";
    ErrNotKinto =>
        "このアドレスは、アカウント機能を持つ Kinto サーバーとして応答しませんでした。",
        "This address did not answer as a Kinto server with accounts.";
    SharedNotice =>
        "共有モード: データはサーバーに保存され、誰が何を読み書きできるかはサーバーが決めます。メールはアプリ内のメールボックスに届きます。",
        "Shared mode: the data is kept on the server, which decides who reads and writes what. \
            Mail arrives in the in-app mailbox.";
    ErrChangedMeanwhile =>
        "あなたが開いた後に、ほかの人がこの内容を変更しました。あなたの変更は保存されていません。現在の内容を確認してから、もう一度変更してください。",
        "Someone else changed this after you opened it. Your change was not saved: look at what it \
            is now and make your change again.";
    ModeWaiting => "送信待ちの変更: {0} 件", "changes waiting: {0}";
    BannerKeptOffline =>
        "サーバーに接続できないため、変更はこのブラウザーに保管されています。接続が戻ると送信されます。",
        "The server cannot be reached: your change is kept in this browser and will be sent when \
            it is back.";
    BannerEntriesKept =>
        "変更はサーバーに保存されましたが、そのメールと監査証跡の記録はまだサーバーに届いていません。このブラウザーに保管し、サーバーが受け付けしだい送信します。",
        "Your change was saved on the server, but its mail and audit trail entries did not reach it yet: they are kept in this browser and sent as soon as the server takes them.";
    BannerOfflineRefused =>
        "接続が切れている間に行った変更が、送信時に受け付けられませんでした: {0}",
        "A change you made while the server could not be reached was refused when it was sent: {0}";
    ModeLocal => "ローカル (このブラウザーのみ)", "Local, this browser only";
    ModeShared => "共有: {0}", "Shared: {0}";
    ModeSynced => "{0} 秒前に同期", "synced {0} s ago";
    ModeUnreachable => "サーバーに接続できません", "server unreachable";
    // On a phone's Menu button (the mode line is inside the menu there).
    MenuOffline => "未接続", "offline";
    ErrUnexpected =>
        "予期しないエラーが発生しました。データは保存されています。ページを再読み込みしてください。",
        "Something unexpected went wrong. Your data is safe; please reload the page.";
    // --- create ID
    // --- verify
    // --- sign in
    SignInTitle => "サインイン", "Sign in";
    SignedOut => "サインアウトしました。", "You are signed out.";
    // --- reset
    // --- profile
    // --- mailbox
    Copy => "コピー", "Copy";
    Copied => "コピーしました", "Copied";
    Previous => "前へ", "Previous";
    Next => "次へ", "Next";
    PageOf => "{0} / {1} ページ", "Page {0} of {1}";
    // --- office
    OfficeTitle => "プログラム・オフィス", "Program office";
    // --- data
    ImportNoFile => "ファイルを選んでください。", "Choose a file.";
    ResetDataConfirm =>
        "本当にすべてのデータを削除しますか? 入力して確認: DELETE",
        "Really delete all data? Type DELETE to confirm";
    DemoNeedsEmpty =>
        "デモ・データは空のデータにのみ読み込めます。先にすべて削除してください。",
        "Demo data loads only into empty data; delete everything first.";
    // --- banners
    BannerMemoryOnly =>
        "このブラウザーでは保存領域を使えません (プライベート・モードなど)。変更は保存されず、ページを閉じると失われます。",
        "Storage is not available in this browser (private mode?). Changes will not be kept when \
            you close the page.";
    BannerQuarantine =>
        "読み取れないデータ {0} 件を別の場所に退避しました。削除はしていません。",
        "Stored records that could not be read: {0}. They were set aside; nothing was deleted.";
    Download => "ダウンロード", "Download";
    Discard => "破棄", "Discard";
    Dismiss => "閉じる", "Dismiss";
    BannerOtherTab => "別のタブでの変更を読み込みました。", "Changes from another tab were loaded.";
    BannerNearFull =>
        "保存領域の {0}% を使用しています。データ・ページで古いメールや監査記録を削除するか、エクスポートしてください。",
        "Storage is {0}% full. Export, or delete old mail and audit entries on the Data page.";
    BannerNewVersion =>
        "新しいバージョンがあります。再読み込みすると使えます。",
        "A new version is available. Reload to use it.";
    Reload => "再読み込み", "Reload";
    BannerNewerData =>
        "このデータは新しいバージョンの Onboard で保存されたため、表示のみで変更できません。再読み込みして新しいバージョンを使用してください。",
        "This data was written by a newer version of Onboard: it is shown but cannot be changed \
            here. Reload to use the newer version.";
    BannerJournalKept =>
        "中断した保存を完了できませんでした (空き容量不足など)。次回の起動時に再試行します。",
        "An interrupted save could not be completed (storage full?). It is kept and tried again at \
            the next start.";
    ErrReadOnly =>
        "新しいバージョンで保存されたデータのため、変更できません。再読み込みしてください。",
        "This data was written by a newer version of Onboard, so it cannot be changed here. Reload \
            the page.";
    BannerRecovered => "中断された保存を完了しました。", "An interrupted save was completed.";
    // --- site fields and errors
    FieldCompany => "会社名", "Company name";
    FieldPostalCode => "郵便番号", "Postal code";
    FieldPrefecture => "都道府県・州", "Prefecture or state";
    FieldCity => "市区町村", "City";
    FieldStreet => "番地・建物名", "Street address";
    FieldPhone => "電話番号", "Phone number";
    FieldAddressLine => "住所", "Address line";
    FieldSiteNumber => "サイト番号 (7 桁)", "Site number (7 digits)";
    FieldCustomerNumber => "お客様番号 (7 桁)", "Customer number (7 digits)";
    FieldPasscode => "テンポラリー・パスコード (8 文字)", "Temporary passcode (8 characters)";
    FieldMessage => "メッセージ", "Message";
    FieldReason => "拒否の理由", "Reason for the denial";
    FieldSubject => "件名", "Subject";
    FieldDescription => "内容", "Description";
    FieldAnswer => "回答", "Answer";
    FieldName => "お名前", "Name";
    ErrPhoneFormat =>
        "電話番号は数字 6〜15 桁で入力してください (+、-、括弧、空白も使えます)。",
        "Enter 6 to 15 digits (+, -, brackets and spaces allowed).";
    ErrPostalFormat =>
        "郵便番号の形式が正しくありません (日本: 123-4567)。",
        "This postal code is not valid (Japan: 123-4567).";
    ErrPasscodeFormat =>
        "パスコードは 8 文字の英数字です (I、O、0、1 は使われません)。",
        "The passcode is 8 letters and digits (I, O, 0 and 1 are never used).";
    ErrPasscodeWrong =>
        "パスコードが正しくありません。あと {0} 回入力できます。",
        "The passcode is not correct. {0} {0:try|tries} left.";
    ErrPasscodeExpired =>
        "このパスコードの有効期限が切れています。プログラム・オフィスに再発行を依頼してください。",
        "This passcode has expired. Ask the program office for a new one.";
    ErrPasscodeLockedField =>
        "誤ったパスコードが 5 回入力されたため、パスコードはロックされました。プログラム・オフィスに再発行を依頼してください。",
        "Five wrong passcodes: the passcode is locked. Ask the program office for a new one.";
    ErrNoMatchingSite =>
        "このサイト番号とお客様番号の組み合わせに一致するサイトはありません。",
        "No site matches this site number and customer number.";
    ErrAlreadyUser =>
        "この eメール・アドレスはすでにこのサイトのユーザーです。",
        "This email address is already a user of this site.";
    ErrIsPrimary =>
        "サイトご担当者 (プライマリー) です。役割の引き継ぎで変更します。",
        "This is the primary site contact; the role changes by handing it over.";
    ErrSecondaryLimit =>
        "セカンダリー・コンタクトは 1 サイトにつき最大 {0} 人です。",
        "A site can have at most {0} secondary contacts.";
    ErrDuplicateRequest =>
        "同じリクエストがすでに審査待ちです。",
        "The same request is already waiting for a decision.";
    ErrSiteNotAwaiting => "このサイトは初回サインインを待っていません。", "This site is not waiting for a first sign-in.";
    ErrPasscodeLocked =>
        "パスコードはロックされています。プログラム・オフィスに再発行を依頼してください。",
        "The passcode is locked. Ask the program office for a new one.";
    ErrAlreadyDecided => "このリクエストはすでに処理されています。", "This request was already decided.";
    ErrOwnPrivileges => "ご自分の権限は変更できません。", "You cannot change your own privileges.";
    // --- roles
    RolePrimary => "サイトご担当者 (プライマリー・コンタクト)", "Primary site contact";
    RoleTechnical => "サイト技術担当者", "Site technical contact";
    RoleAdministrative => "管理・使用許諾証明担当者", "Administrative / proof of entitlement contact";
    RoleRenewal => "サブスクリプション・サポート更新担当者", "Software subscription and support renewal contact";
    RoleMediaShipping => "サポート・メディア送付先担当者", "Support media shipping contact";
    RoleBilling => "請求先担当者", "Billing contact";
    // --- privileges
    LevelNone => "なし", "None";
    LevelView => "表示", "View";
    LevelUpdate => "更新", "Update";
    SwDownloads => "ダウンロードのみ", "Downloads only";
    SwDownloadsMedia => "ダウンロードとメディア", "Downloads and media";
    SwFull => "ダウンロード、メディア、見積もり、カタログ、更新", "Downloads, media, quotes, catalogues and renewals";
    // --- site states
    // --- customer sites pages
    // --- office: sites and help
    // --- partner: fields and errors
    FieldLegalName => "会社名 (正式名称)", "Legal company name";
    FieldWeb => "Web サイト", "Web address";
    FieldModels => "ビジネス・モデル (複数選択可)", "Business model (one or more)";
    FieldProducts => "関心のある製品分野", "Products of interest";
    FieldSize => "従業員数", "Company size";
    FieldDirectory => "パートナー・ディレクトリーに掲載する", "Show the company in the partner directory";
    FieldFunctions => "職種 (複数選択可)", "Job function (one or more)";
    FieldInterests => "関心分野 (製品)", "Interests (products)";
    FieldIndustries => "関心のある業種", "Industries of interest";
    FieldToken => "会社トークン (16 桁の英数字)", "Company token (16 letters and digits)";
    FieldLocation => "ロケーション", "Location";
    FieldLocationName => "ロケーション名", "Location name";
    FieldEndDate => "雇用終了日 (YYYY-MM-DD)", "Employment end date (YYYY-MM-DD)";
    FieldAgree => "PartnerWorld 合意書に同意する", "I agree to the partner agreement";
    FieldAttachment => "添付ファイル", "File to attach";
    FieldApa => "プロフィール管理者 (APA) にする", "Make this person an Authorized Profile Administrator (APA)";
    ErrUnknownChoice => "一覧から選んでください。", "Choose from the list.";
    ErrChooseOne => "1 つ以上選んでください。", "Choose at least one.";
    ErrWebFormat =>
        "Web サイトのアドレスが正しくありません (例: https://example.co.jp)。",
        "This is not a web address (for example https://example.com).";
    ErrTokenFormat => "会社トークンは 16 桁の英数字です。", "A company token is 16 letters and digits.";
    ErrTokenWrong => "この会社トークンに一致する企業はありません。", "No company has this token.";
    ErrDateFormat => "日付は YYYY-MM-DD の形式で入力してください。", "Enter a date as YYYY-MM-DD.";
    ErrAlreadyEmployee => "この ID はすでにこの企業に登録されています。", "This ID already belongs to this company.";
    ErrAlreadyInvited => "このアドレスには招待を送信済みです。", "An invitation to this address is waiting already.";
    ErrInviteInvalid =>
        "この招待リンクは無効です (取り消しまたは再送済み)。",
        "This invitation link is not valid (revoked, or sent again).";
    ErrInviteExpired =>
        "この招待は {0} に期限切れになりました。再送を依頼してください。",
        "This invitation expired on {0}. Ask for it to be sent again.";
    ErrInviteAccepted => "この方はすでに ID を作成しています。", "This person has their ID already.";
    ErrInviteForOther => "この招待は別のアドレス宛てです。", "This invitation is for another address.";
    ErrTooLarge => "ファイルが大きすぎます (最大 {0} MB)。", "The file is too large (at most {0} MB).";
    ErrFileUnreadable =>
        "ファイルを読み込めませんでした。もう一度選択してください。",
        "The file could not be read. Choose it again.";
    ErrTooMany => "添付できるのは {0} 件までです。", "At most {0} {0:file|files} can be attached.";
    ErrApplicationOpen => "この ID にはすでに審査中の申請があります。", "This ID already has an application open.";
    ErrWrongStage => "申請の現在の状態ではこの操作はできません。", "The application is not at a stage that allows this.";
    ErrLastApa =>
        "最後のプロフィール管理者 (APA) は削除・変更できません。先に別の APA を指定してください。",
        "The last APA cannot be removed or demoted. Make someone else an APA first.";
    ErrPrcNeeded =>
        "このロケーションの PRC です。先に PRC を別の人に引き継いでください。",
        "This person is the location's PRC. Hand the PRC over first.";
    ErrTokenLocked =>
        "会社トークンの誤りが続いたため、{0} まで入力できません。",
        "Too many wrong company tokens: try again after {0}.";
    // --- partner: public pages
    // --- partner: application
    // --- partner: company
    LevelMember => "メンバー", "Member";
    LevelSilver => "シルバー", "Silver";
    LevelGold => "ゴールド", "Gold";
    LevelPlatinum => "プラチナ", "Platinum";
    Headquarters => "本社", "Headquarters";
    // --- partner: associate, me, home
    // --- audit events
    FreeSpaceTitle => "保存領域を空ける", "Free up storage";
}
}

texts! {
/// A text key of the mails: a table of its own, so that its words load with the
/// command code that writes mails (a split module), not with the first page.
M {
    MailIdVerificationCode => "ID の確認コード", "Your ID verification code";
    MailFinishCreatingIdEnter =>
        "ID の作成を完了するには、次の確認コードを入力してください。",
        "To finish creating your ID, enter this verification code.";
    MailVerificationCode => "確認コード", "Verification code";
    MailVerifyNow => "今すぐ確認する", "Verify now";
    MailDidNotAskId =>
        "お心当たりのない場合は、このメールを破棄してください。",
        "If you did not ask for an ID, ignore this mail.";
    MailPasswordResetCode => "パスワード再設定コード", "Your password reset code";
    MailPasswordResetWasRequested =>
        "パスワードの再設定が要求されました。次のコードを入力して新しいパスワードを設定してください。",
        "A password reset was requested. Enter this code to set a new password.";
    MailResetCode => "再設定コード", "Reset code";
    MailResetPassword => "パスワードを再設定する", "Reset your password";
    MailDidNotAskIgnore =>
        "お心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。",
        "If you did not ask for this, ignore this mail: your password stays as it is.";
    MailPasswordWasChanged => "パスワードが変更されました", "Your password was changed";
    MailSign => "サインイン", "Sign in";
    MailIdLocked => "ID がロックされました", "Your ID was locked";
    MailIdLockedWrongPasswords =>
        "ID のパスワードが {0} 回続けて誤って入力されました。最後の入力は {1} です。この ID では {2} までサインインできません。",
        "The password of your ID was entered wrongly {0} {0:time|times} in a row, the last \
            time on {1}. Your ID cannot sign in until {2}.";
    MailIdLockedNotYou =>
        "お心当たりのない場合は、パスワードを再設定してください。再設定するとロックも解除されます。",
        "If it was not you, reset your password: a reset also lifts the lock.";
    MailIdNowActive => "ID が有効になりました", "Your ID is now active";
    MailIdPasswordAreNow =>
        "お客様の ID とパスワードが有効になりました。カスタマー・サイトとパートナー・プログラムにサインインできます。",
        "Your ID and password are now active. You can sign in to customer sites and the partner \
            program.";
    MailCustomerNumberIcn => "お客様番号 (ICN)", "Customer number (ICN)";
    MailAnniversaryDate => "アニバーサリー・デート", "Anniversary date";
    MailSiteContactName => "サイトご担当者名", "Site contact name";
    MailSiteNumber => "サイト番号", "Site number";
    MailAgreementNumber => "契約番号", "Agreement number";
    MailSiteContactEmail => "サイトご担当者 eメール・アドレス", "Site contact email";
    MailPassportAdvantageEnrolmentComplete =>
        "パスポート・アドバンテージの登録が完了しました。お客様は現在、パスポート・アドバンテージ・サイトのサイトご担当者として、パスポート・アドバンテージ・オンラインにアクセス可能であり、\
            お客様の組織内の他のユーザーにアクセス権を付与することを含む、すべてのアカウント管理をご担当いただきます。",
        "Your Passport Advantage enrolment is complete. As the site contact of your Passport \
            Advantage site you can now access Passport Advantage Online, and you are responsible \
            for all account management, including granting access to other users in your \
            organisation.";
    MailCustomerInformation => "お客様情報", "Customer information";
    MailPleaseMakeSureUnderstand => "以下の内容をご理解ください:", "Please make sure you understand:";
    MailPassportAdvantageOnlineService =>
        "パスポート・アドバンテージとオンライン・サービス",
        "Passport Advantage and its online service";
    MailAccountManagementResponsibilities =>
        "アカウント管理 (登録情報の管理) に関する責任",
        "Account management responsibilities";
    MailKeyContactsRolesResponsibilities =>
        "各担当者 (キー・コンタクト) の役割と責任",
        "Key contacts: roles and responsibilities";
    MailFirstSignInAndAccess =>
        "パスポート・アドバンテージ・オンラインへの初回「サインイン」とユーザーアクセスについて",
        "First sign-in to Passport Advantage Online and user access";
    MailUsingAfterFirstSignIn =>
        "初回のサインイン後にパスポート・アドバンテージ・オンラインを使用する",
        "Using Passport Advantage Online after the first sign-in";
    MailStep1FirstSign => "ステップ 1 – 初回サインイン", "Step 1 – First sign-in";
    MailGoCustomerSitesSign =>
        "カスタマー・サイトへ進み、サイトご担当者の ID (登録済み eメール・アドレス) とパスワードでサインインしてください。次のテンポラリー・パスコードを入力するよう求められます:",
        "Go to Customer sites and sign in with the site contact's ID (the registered email \
            address) and password. You will be asked for this temporary passcode:";
    MailTemporaryPasscodeFirstSign =>
        "テンポラリー・パスコード (初回アクセス時のみ使用)",
        "Temporary passcode (first sign-in only)";
    MailSignCustomerSites => "カスタマー・サイトにサインイン", "Sign in to Customer sites";
    MailNoteSiteContactS =>
        "Note: サイトご担当者の eメール・アドレスを ID として登録済みでない場合、最初のサインインの前に ID を作成してください。ID \
            が有効になったら、カスタマー・サイトに戻ります。",
        "Note: if the site contact's email address is not yet an ID, create one before the first \
            sign-in. Once your ID is active, come back to Customer sites.";
    MailCreateId => "ID の作成", "Create an ID";
    MailAcceptInvitation => "招待を受けて ID を作成する", "Accept the invitation and create your ID";
    MailInvitationExpires =>
        "このリンクは {0} まで有効です。期限が切れた場合は、招待した方に再送を依頼してください。",
        "This link works until {0}. If it runs out, ask the person who invited you to send it \
            again.";
    MailInvitedEmployee =>
        "{0} さんから、{1} の社員としてパートナー・プログラムに招待されました。",
        "{0} invited you to the partner program as an employee of {1}.";
    MailInvitationCreatesId =>
        "下のリンクから、このeメール・アドレスで ID を作成すると、登録が完了します。",
        "Create your ID with this email address from the link below, and you are registered.";
    MailInvitationSubject => "{0} からのパートナー・プログラムへの招待", "Invitation to the partner program from {0}";
    MailStep2UpdateKey => "ステップ 2 – 各連絡先の更新", "Step 2 – Update the key contacts";
    MailSiteSTopPage =>
        "サイトのトップページで「登録内容変更」を選択します。",
        "On the site's top page, choose \"Update registration\".";
    MailAddDetailsEachKey =>
        "更新したい各担当者ごとに必要な情報を追加します。",
        "Add the details of each key contact you want to set.";
    MailRoleWithoutContactOwn =>
        "各担当者について個別の担当者をアサインしない場合は、サイトご担当者がそれぞれの役割を担います。",
        "A role without a contact of its own is held by the site contact.";
    MailStep3AddSecondary =>
        "ステップ 3 – セカンダリー・ユーザーとユーザーを追加する",
        "Step 3 – Add secondary contacts and users";
    MailShareAccountManagementRegistering =>
        "アカウント管理の責任を共有するため、セカンダリー・ユーザーを登録することを推奨しています。(最大 4 人まで登録可能)",
        "To share account management, registering secondary contacts is recommended (up to 4).";
    MailManageAccessClickAdd =>
        "「アクセス権の管理」で、追加したいユーザーごとに「新規ユーザーの追加」をクリックします。",
        "In \"Manage access\", click \"Add new user\" for each user to add.";
    MailSecondaryContactUpdateKey =>
        "セカンダリー・ユーザーにて各担当者を更新するためには、セカンダリー・コンタクトとして指定するだけでなく、「登録内容変更」で「更新」権限を付与する必要があります。",
        "For a secondary contact to update key contacts, it also needs the Update privilege for \
            contact updates.";
    MailAfterFirstSignUse =>
        "初回サインインの後は、ID とパスワードでサインインします。以降は、ユーザーからのアクセス・リクエストの承認または拒否と、各担当者の更新が優先事項となります。",
        "After the first sign-in you use your ID and password. From then on, deciding users' \
            access requests and keeping key contacts current come first.";
    MailTroubleSigningAskEcustomer =>
        "アクセスで問題が生じた場合は、eCustomer Care チームにヘルプのリクエストを送信してください",
        "Trouble signing in? Ask eCustomer Care for help";
    MailAccessPassportAdvantageOnline =>
        "パスポート・アドバンテージ・オンラインにアクセスしてください",
        "Access Passport Advantage Online";
    MailNewTemporaryPasscode => "新しいテンポラリー・パスコード", "Your new temporary passcode";
    MailThereNoIdEmail =>
        "この eメール・アドレスの ID はまだありません。下のリンクから、この eメール・アドレスで ID を作成すると、アクセス権が有効になります。",
        "There is no ID with this email address yet. Create one with this address from the link \
            below and your access applies at once.";
    MailHaveAccessCustomerSite => "サイトへのアクセス権が付与されました", "You have access to a customer site";
    MailNewAccessRequest => "アクセス・リクエストが届きました", "A new access request";
    MailKeyContactNamed => "サイト {0} の担当者に指定されました", "You are a key contact of site {0}";
    MailKeyContactNamedBy =>
        "{0} により、サイト {1} ({2}) の担当者に指定されました。",
        "{0} named you a key contact of site {1} ({2}).";
    MailRole => "役割", "Role";
    MailKeyContactReceives =>
        "このサイトとご注文に関する、この役割あてのメールと書類は、今後お客様に届きます。",
        "The mail and documents about the site and its orders that concern this role now come to \
            you.";
    MailKeyContactAccess =>
        "このサイトをご利用になるには、サイトご担当者にユーザーとしてのアクセス権の付与を依頼してください。",
        "To use the site as well, ask the site contact to give you access as a user.";
    MailPrimaryNamed =>
        "サイト {0} のサイトご担当者 (プライマリー) になりました",
        "You are now the primary contact of site {0}";
    MailPrimaryNamedBy =>
        "{0} から、サイト {1} ({2}) のサイトご担当者 (プライマリー・サイト・コンタクト) \
            の役割を引き継ぎました。サイトのすべての権限を持ち、サイトあてのメールと書類を受け取ります。",
        "{0} handed you the role of primary site contact of site {1} ({2}). You hold every \
            privilege on the site and receive its mail and documents.";
    MailPrimaryChanged => "サイト {0} のサイトご担当者が変更されました", "The primary contact of site {0} changed";
    MailPrimaryChangedTo =>
        "サイト {0} ({1}) のサイトご担当者 (プライマリー) は {2} になりました。お客様はセカンダリー・ユーザーとして、すべての権限をお持ちのままです。新しいサイトご担当者\
            が変更できます。",
        "The primary contact of site {0} ({1}) is now {2}. You stay on as a secondary contact with \
            every privilege; the new primary contact may change that.";
    MailPrimaryChangedByOffice =>
        "プログラム・オフィスにより、サイト {0} ({1}) のサイトご担当者 (プライマリー) \
            が変更されました。サイトあてのメールと書類は、今後お客様には届きません。お心当たりのない場合は、ヘルプ・デスクにお問い合わせください。",
        "The program office changed the primary contact of site {0} ({1}). The site's mail and \
            documents no longer come to you. If you did not expect this, ask the help desk.";
    MailRequestExpired => "アクセス・リクエストの期限が切れました", "Your access request expired";
    MailRequestExpiredText =>
        "サイト {0} ({1}) へのアクセス・リクエストは、30 日以内に判断されなかったため期限切れになりました。必要であれば、もう一度リクエストしてください。",
        "Your request for access to site {0} ({1}) was not decided within 30 days and expired. Ask \
            again if you still need access.";
    MailJoinExpired => "関連付けリクエストの期限が切れました", "Your request to join expired";
    MailJoinExpiredText =>
        "{0} への関連付けリクエストは、30 日以内に判断されなかったため期限切れになりました。必要であれば、プロフィール管理者に連絡のうえ、もう一度リクエストしてください。",
        "Your request to join {0} was not decided within 30 days and expired. Ask your profile \
            administrator, then ask again if you still need to join.";
    MailJoinAgain => "関連付けをリクエストする", "Ask to join a company";
    MailTokenJoined =>
        "{0} が会社トークンで {1} に自動的に追加されました。",
        "{0} joined {1} with the company token (accepted automatically).";
    MailTokenAsks =>
        "{0} が会社トークンで {1} への関連付けをリクエストしました。承認または却下してください。",
        "{0} asks to join {1} with the company token. Please approve or reject.";
    MailKeyContactReleased => "サイト {0} の担当者が変更されました", "You are no longer a key contact of site {0}";
    MailKeyContactReleasedBy =>
        "{0} により、サイト {1} ({2}) のこの役割の担当者が変更されました。この役割あてのメールと書類は、今後お客様には届きません。",
        "{0} changed who holds this role at site {1} ({2}). Its mail and documents no longer come \
            to you.";
    MailMessage => "メッセージ", "Message";
    MailGrantDenyManageAccess => "アクセス権の管理で承認または拒否する", "Grant or deny in Manage access";
    MailAccessRequestWasGranted => "アクセス・リクエストが承認されました", "Your access request was granted";
    MailAccessRequestWasDenied => "アクセス・リクエストは承認されませんでした", "Your access request was denied";
    MailReason => "理由", "Reason";
    MailCustomerSites => "カスタマー・サイト", "Customer sites";
    MailThankContactingEcustomerCare =>
        "eCustomer Care チームにヘルプのリクエストをお送りいただきありがとうございます。担当者から回答します。",
        "Thank you for contacting eCustomer Care. We will answer your request.";
    MailReference => "受付番号", "Reference";
    MailSubject => "件名", "Subject";
    MailPartnerProgramApplicationWas =>
        "PartnerWorld ご登録申請の受付",
        "Your partner program application was received";
    MailConfirmationNumber => "確認番号", "Confirmation number";
    MailSeeApplication => "申請の状況を見る", "See the application";
    MailDocumentsRequestedApplication => "書類のご提出のお願い", "Documents requested for your application";
    MailAttachDocumentsResubmit => "書類を添付して再送信する", "Attach the documents and resubmit";
    MailAboutPartnerProgramApplication =>
        "PartnerWorld ご登録申請の結果",
        "About your partner program application";
    MailWeAreSorryApplication =>
        "誠に残念ながら、今回のご登録申請は承認されませんでした。",
        "We are sorry: the application was not approved.";
    MailPartnerProgramRegistrationComplete =>
        "PartnerWorld へのご登録手続きが完了しました。メンバーシップ・レベルは「メンバー」です。",
        "Your partner program registration is complete. Your membership level is Member.";
    MailAreNowPrimaryRelationship =>
        "申請者様は、本社ロケーションの PRC (Primary Relationship Contact) およびプロフィール管理者 (APA) \
            として登録されました。企業ページで会社トークンを確認し、社員に伝えてください。",
        "You are now the Primary Relationship Contact of the headquarters and an Authorized \
            Profile Administrator (APA). Find the company token on the company page and share it \
            with your colleagues.";
    MailGoCompanyPage => "企業ページへ", "Go to the company page";
    MailMemberHome => "メンバー・ホーム", "Member home";
    MailWelcomePartnerProgramConfirmation =>
        "PartnerWorld ご登録確認とガイド",
        "Welcome to the partner program: confirmation and guide";
    MailKeepEmployeeProfileCurrent =>
        "社員プロフィールを常に最新の状態に保つと、必要な情報が届きます。",
        "Keep your employee profile current to get the information you need.";
    MailSeeNewsInterestsMember =>
        "メンバー・ホームで、関心分野に合わせたお知らせをご覧ください。",
        "See news for your interests on the member home.";
    MailMyProfile => "社員プロフィール", "My profile";
    MailEmployeeJoinedCompanyProfile =>
        "社員が企業プロフィールに追加されました",
        "An employee joined your company profile";
    MailNewAssociationRequest => "関連付けリクエストが届きました", "A new association request";
    MailAboutAssociationRequest => "関連付けリクエストの結果", "About your association request";
    MailCodeValidUntilTried =>
        "このコードの有効期限は {0} です。入力は 5 回までです。",
        "The code is valid until {0} and may be tried 5 times.";
    MailCodeValidUntil => "このコードの有効期限は {0} です。", "The code is valid until {0}.";
    MailPasswordIdChangedAll =>
        "{0} に ID のパスワードが変更されました。ほかのすべてのセッションはサインアウトされました。",
        "The password of your ID was changed on {0}. All other sessions were signed out.";
    MailDear => "{0} 様", "Dear {0},";
    MailPasscodeValidUntil => "パスコードの有効期限は {0} です。", "The passcode is valid until {0}.";
    MailNewTemporaryPasscodeIssued =>
        "サイト {0} ({1}) の新しいテンポラリー・パスコードを発行しました。以前のパスコードは使えません。",
        "A new temporary passcode was issued for site {0} ({1}). The previous passcode no longer \
            works.";
    MailValidUntil => "有効期限: {0}", "Valid until {0}.";
    MailAddedUserSite =>
        "{0} のサイト {1} のユーザーとして登録されました。",
        "You were added as a user of site {1} of {0}.";
    MailAsksAccessSite => "{0} からサイト {1} へのアクセス・リクエストが届きました。", "{0} asks for access to site {1}.";
    MailRequestAccessSiteGranted =>
        "サイト {0} ({1}) へのアクセス・リクエストが承認されました。",
        "Your request for access to site {0} ({1}) was granted.";
    MailRequestAccessSiteDenied =>
        "サイト {0} へのアクセス・リクエストは承認されませんでした。",
        "Your request for access to site {0} was denied.";
    MailReceivedHelpRequest => "[{0}] ヘルプ・リクエストを受け付けました", "[{0}] We received your help request";
    MailAnswerHelpRequest => "[{0}] ヘルプ・リクエストへの回答", "[{0}] Answer to your help request";
    MailReceivedPartnerProgramApplication =>
        "{0} の PartnerWorld ご登録申請を受け付けました。簡単な加入審査の後、結果をメールでお知らせします。審査状況によっては、書類の提出をお願いする場合がございます。",
        "We received the partner program application of {0}. After a short review we will mail you \
            the result. We may ask for documents.";
    MailRegistrationComplete => "{0} 様 手続き完了のご案内", "{0}: registration complete";
    MailLevelChangedSubject =>
        "{0} 様 メンバーシップ・レベル変更のお知らせ",
        "{0}: your membership level has changed";
    MailLevelChanged =>
        "{0} のメンバーシップ・レベルが {1} から {2} に変わりました。",
        "The membership level of {0} has changed from {1} to {2}.";
    MailLevelNews =>
        "メンバー・ホームのお知らせは、新しいレベルに合わせてご案内します。",
        "Member home now shows the news for the new level.";
    MailNowRegisteredPartnerProgram =>
        "{0} の社員として PartnerWorld に登録されました。",
        "You are now registered in the partner program as an employee of {0}.";
    MailRequestJoinNotApproved =>
        "{0} への関連付けリクエストは承認されませんでした。",
        "Your request to join {0} was not approved.";
}
}

texts! {
/// A text key used only by pages fetched later (split modules): a table of its own,
/// so that its words load with those pages, not with the first one.
P {
    SharedTitle => "共有モード", "Shared mode";
    FieldServer => "サーバーの URL", "Server URL";
    SharedConnect => "接続", "Connect";
    SharedConnected => "{0} に接続しています。", "Connected to {0}.";
    SharedLeave => "共有モードを終了", "Leave shared mode";
    SharedLeaveText =>
        "終了すると、このブラウザーはサーバーとアカウントを忘れ、ローカル・データに戻ります。サーバーのデータはそのまま残ります。共有データのコピーは、先にダウンロードしない限りこのブラウザ\
            ーに残りません。",
        "Leaving forgets the server and the account in this browser and shows its local data \
            again. The data on the server stays. No copy of the shared data stays in this browser \
            unless you download one first.";
    SharedCopy => "コピーをダウンロード", "Download a copy";
    SharedCopyText =>
        "このアカウントで読めるデータをファイルに保存します。ローカル・モードの「インポート」で読み込めます。パスワードは含まれません。",
        "Saves what this account reads to a file, which a browser in local mode can import. It \
            holds no password.";
    CreateIdIntro =>
        "ID はすべてのサービスで共通の個人 ID です。eメールに確認コードが届きます。",
        "Your ID is one personal sign-in for every service here. We mail you a code to confirm the \
            address.";
    TermsText =>
        "利用条件: Onboard はデモ用の登録ポータルです。入力した情報はこのブラウザーにのみ保存されます。",
        "Terms of use: Onboard is a demonstration registration portal. What you enter is stored in \
            this browser only.";
    HaveIdSignIn => "ID をお持ちの方はサインイン", "Already have an ID? Sign in";
    VerifyIntro =>
        "メールボックスに届いた 6 桁の確認コードを入力してください。コードは 30 分間有効です。",
        "Enter the 6-digit code from your mailbox. It is valid for 30 minutes.";
    ResendCode => "コードを再送信", "Send a new code";
    OpenMailbox => "メールボックスを開く", "Open the mailbox";
    SignInIntro => "ID (eメール・アドレス) とパスワードを入力してください。", "Enter your ID (email address) and password.";
    SignInAlready =>
        "{0} としてサインインしています。別の ID でサインインすると、{0} はサインアウトします。",
        "You are signed in as {0}. Signing in with another ID signs {0} out.";
    CreateIdAlready =>
        "{0} としてサインインしています。新しい ID は別の ID で、使えるようになると {0} に代わってその ID でサインインします。",
        "You are signed in as {0}. A new ID is a separate one: when it is ready, you are signed in \
            with it instead of {0}.";
    ForgotPassword => "パスワードをお忘れの方", "Forgot your password?";
    NoIdCreate => "ID をお持ちでない方は作成", "No ID yet? Create one";
    ResetIntro =>
        "ID の eメール・アドレスを入力してください。再設定コードをメールで送信します。",
        "Enter your ID's email address and we will mail you a reset code.";
    ResetStep2 => "コードと新しいパスワード", "Code and new password";
    ProfileIntro => "お名前、国、メールの言語を変更できます。", "Change your names, country and mail language.";
    ChangePasswordTitle => "パスワードの変更", "Change password";
    IdEmail => "ID (eメール)", "ID (email)";
    MailboxIntro =>
        "Onboard が送信したすべてのメールです (静的なページからは外部にメールを送れないため)。",
        "Every mail Onboard has sent (a static page cannot send real mail).";
    FilterRecipient => "宛先で絞り込み", "Filter by recipient";
    AllRecipients => "すべての宛先", "All recipients";
    NoMail => "メールはありません。", "No mail.";
    FilterMail => "件名・本文・アドレスで絞り込み", "Filter by subject, text or address";
    NoMailMatches => "条件に一致するメールはありません。", "No message matches.";
    NoUnreadMail => "未読のメールはありません。", "No unread mail.";
    ShowMail => "表示", "Show";
    ReadMail => "既読", "Read";
    MailFrom => "差出人", "From";
    MailTo => "宛先", "To";
    MailSentBy => "送信元アカウント", "Sent from account";
    MailSentByThis => "このアカウント", "this account";
    MailSentByUnknown => "確認できません", "cannot be confirmed";
    MailDate => "日時", "Date";
    Unread => "未読", "Unread";
    BackToMailbox => "メールボックスへ戻る", "Back to the mailbox";
    MailAround => "前後のメール", "Newer and older messages";
    NewerMail => "新しいメール", "Newer message";
    OlderMail => "古いメール", "Older message";
    MarkUnread => "未読にする", "Mark as unread";
    MarkedUnread => "「{0}」を未読にしました。", "“{0}” is marked unread.";
    MailCount => "メール {0} 件", "Messages: {0}";
    MailCountUnread => "メール {0} 件 (未読 {1} 件)", "Messages: {0} (unread: {1})";
    MailsFound => "メール {0} 件 (全 {1} 件中)", "Messages: {0} of {1}";
    MarkAllRead => "すべて既読にする", "Mark all as read";
    OfficeWelcome => "オペレーターとしてサインイン中です。", "You are signed in as the operator.";
    AuditIntro => "セキュリティーに関わるすべての操作の記録です (新しい順)。", "Every security-relevant event, newest first.";
    AuditWhen => "日時", "When";
    AuditChangedTitle => "書き込み後に変更された記録", "Entries changed after they were written";
    AuditChangedIntro =>
        "次の記録は、書き込まれた後にサーバーの API で変更または削除されました。下の監査証跡には最初に書き込まれたとおりに表示しています (サーバーの履歴にすべての版が残っています)。",
        "These entries were changed or deleted through the server's API after they were written. The trail below shows them as first written (the server's history keeps every version).";
    AuditChangedBy => "{0} の「{1}」: {3} に {2} が変更", "{0}, {1}: changed by {2} on {3}";
    AuditDeletedBy => "{0} の「{1}」: {3} に {2} が削除", "{0}, {1}: deleted by {2} on {3}";
    AuditChangedUnread =>
        "最初の内容が見つからない記録: {1} に {0} が変更または削除",
        "An entry whose first version was not found: changed or deleted by {0} on {1}";
    AuditActor => "実行者", "Done by";
    AuditEventCol => "イベント", "Event";
    AuditSubject => "対象", "Subject";
    AuditDetail => "詳細", "Detail";
    FilterEvent => "イベントで絞り込み", "Filter by event";
    FilterText => "テキストで絞り込み", "Filter by text";
    AllEvents => "すべてのイベント", "All events";
    NoEntries => "該当する記録はありません。", "No matching entries.";
    EntriesCount => "記録 {0} 件", "Entries: {0}";
    EntriesFound => "記録 {0} 件 (全 {1} 件中)", "Entries: {0} of {1}";
    DataIntro => "このブラウザーに保存されたすべてのデータを管理します。", "Manage everything stored in this browser.";
    ExportTitle => "エクスポート", "Export";
    ExportText =>
        "すべてのデータを 1 つの JSON ファイルとしてダウンロードします。パスワードとコードはハッシュとしてのみ含まれます。",
        "Download all data as one JSON file. Passwords and codes are only in it as hashes.";
    ExportButton => "エクスポート", "Export";
    ImportTitle => "インポート", "Import";
    ImportText =>
        "エクスポートしたファイルを読み込みます。ファイル全体を検証してから置き換えます。問題があれば何も変更しません。",
        "Load an exported file. The whole file is checked before anything is replaced; if anything \
            is wrong nothing changes.";
    ImportFile => "インポートするファイル", "File to import";
    ImportButton => "インポート", "Import";
    ResetDataTitle => "すべてのデータを削除", "Delete all data";
    ResetDataText =>
        "このブラウザーの Onboard のデータをすべて削除します。元に戻せません。先にエクスポートしてください。オペレーター・アカウントは残ります。",
        "Delete all Onboard data in this browser. This cannot be undone: export first. The \
            operator account stays.";
    ResetDataButton => "すべて削除…", "Delete everything…";
    ResetDataConfirmLabel => "確認のため DELETE と入力", "Type DELETE to confirm";
    ResetDataDo => "削除する", "Delete";
    DemoTitle => "デモ・データ", "Demo data";
    DemoText =>
        "デモ用の ID とオペレーター・アカウントを読み込みます (パスワードはすべて {0})。",
        "Load demo IDs and an operator account (every password is {0}).";
    DemoButton => "デモ・データを読み込む", "Load demo data";
    StorageUsage =>
        "使用量: 約 {0} (上限約 {1} の {2}%)",
        "In use: about {0} ({2}% of about {1})";
    RecordCounts => "ID {0} 件、メール {1} 件、監査記録 {2} 件", "IDs: {0} · mails: {1} · audit entries: {2}";
    DataOpenNoOperator =>
        "オペレーター・アカウントがまだないため、誰でも全データのインポート、削除、エクスポートができます。作成後はオペレーターだけが行えます。",
        "No operator account exists yet, so anyone may import, delete or export all data. Once it \
            exists, only the operator may.";
    DataOperatorOnly =>
        "全データのインポート、削除、エクスポートはオペレーターだけが行え、監査記録に残ります。",
        "Only the operator may import, delete or export all data; each is audited.";
    DataNeedsOperator =>
        "全データのインポート、削除、エクスポートはオペレーターだけが行えます。",
        "Only the operator may import, delete or export all data.";
    FieldRole => "役割", "Role";
    RoleFallsBack =>
        "個別の担当者なし: サイトご担当者が担います",
        "No contact of its own: the primary site contact holds it";
    SitesIntro =>
        "パスポート・アドバンテージ・オンラインをモデルにしたお客様サイトです。ID でサインインして、サイトの管理やアクセス・リクエストを行います。",
        "Customer sites, modelled on Passport Advantage Online. Sign in with your ID to manage \
            your site or ask for access.";
    SitesSignIn =>
        "サイトご担当者もユーザーも、ID (eメール・アドレス) でサインインします。",
        "Site contacts and users sign in with their ID (email address).";
    SitesNoId =>
        "ID をお持ちでない方は、サイトご担当者として登録された eメール・アドレスで先に ID を作成してください。作成後、このページに戻ります。",
        "No ID yet? First create one with the email address registered as the site contact; you \
            come back here afterwards.";
    FirstSignInTitle => "初回サインイン", "First sign-in";
    FirstSignInIntro =>
        "ウェルカム・メールに記載されたテンポラリー・パスコードを入力してください (初回アクセス時のみ使用)。",
        "Enter the temporary passcode from your welcome mail (used for the first sign-in only).";
    MySites => "ご利用のサイト", "Your sites";
    NoSites => "アクセスできるサイトはまだありません。", "You do not have access to any site yet.";
    RequestAccessLink => "サイトへのアクセスをリクエストする", "Ask for access to a site";
    HelpLink => "eCustomer Care チームにヘルプのリクエストを送信する", "Ask eCustomer Care for help";
    InfoLinks => "ご案内", "Information";
    MyRequests => "あなたのアクセス・リクエスト", "Your access requests";
    StatusPending => "審査待ち", "Pending";
    StatusGranted => "承認済み", "Granted";
    StatusDenied => "拒否: {0}", "Denied: {0}";
    CustomerInfo => "お客様情報", "Customer information";
    InfoCustomerNumber => "お客様番号 (ICN)", "Customer number (ICN)";
    InfoAnniversary => "アニバーサリー・デート", "Anniversary date";
    InfoContactName => "サイトご担当者名", "Site contact name";
    InfoSiteNumber => "サイト番号", "Site number";
    InfoAgreement => "契約番号", "Agreement number";
    InfoContactEmail => "サイトご担当者 eメール・アドレス", "Site contact email";
    SiteActions => "登録情報の管理", "Account management";
    UpdateRegistration => "登録内容変更", "Update registration";
    ManageAccess => "アクセス権の管理", "Manage access";
    YourPrivileges => "あなたの権限", "Your privileges";
    PendingCount => "審査待ちのアクセス・リクエスト: {0} 件", "Pending access requests: {0}";
    BackToSite => "サイトのトップへ戻る", "Back to the site";
    NoAccess => "このサイトにアクセスする権限がありません。", "You do not have access to this site.";
    ContactsIntro =>
        "各担当者はサイトや注文に関する eメールと文書を受け取ります。個別の担当者を指定しない役割は、サイトご担当者が担います。",
        "Key contacts receive the mail and documents about the site and its orders. A role without \
            a contact of its own is held by the primary site contact.";
    ContactsReadOnly =>
        "表示のみ: 変更するには「登録内容変更」の更新権限が必要です。",
        "Read only: changing contacts needs the Update privilege for contact updates.";
    EditContact => "編集", "Edit";
    ClearContact => "サイトご担当者に戻す", "Give back to the primary";
    PrimaryByOffice =>
        "サイトご担当者がセカンダリー・ユーザーに引き継ぐか、プログラム・オフィスが依頼により変更します。",
        "The primary site contact hands the role to a secondary contact, or the program office \
            changes it on request.";
    HandOverTitle => "サイトご担当者の役割を引き継ぐ", "Hand over the primary role";
    HandOverText =>
        "ID をお持ちのセカンダリー・ユーザーを選んでください。その方がすぐにサイトご担当者になり、お客様はすべての権限を持つセカンダリー・ユーザーとして残ります。お二人にメールでお知らせ\
            します。",
        "Choose a secondary contact who has an ID. They become the primary site contact at once; \
            you stay on as a secondary contact with every privilege. Both of you are told by mail.";
    NoHeir =>
        "引き継げるセカンダリー・ユーザーがいません。先に、ID をお持ちの方をセカンダリー・ユーザーとして追加してください。",
        "There is no secondary contact to hand the role to: first add someone with an ID as a \
            secondary contact.";
    NoIdYet => "ID 未登録", "no ID yet";
    AccessIntro =>
        "このサイトのユーザーと権限です。セカンダリー・ユーザーは最大 4 人まで登録できます。",
        "The users of this site and their privileges. Up to 4 users can be secondary contacts.";
    AccessReadOnly =>
        "表示のみ: 変更するには「アクセス権の管理」の更新権限が必要です。",
        "Read only: changes need the Update privilege for manage access.";
    AddUser => "新規ユーザーの追加", "Add new user";
    RemoveUser => "削除", "Remove";
    FilterUsers => "ユーザーの絞り込み", "Filter users";
    UsersFound => "{0} 件が一致", "{0} found";
    NoUserMatches => "条件に一致するユーザーはいません。", "No user matches.";
    UsersCount => "ユーザー {0} 人 (セカンダリー {1} 人)", "Users: {0} (secondary: {1})";
    ColUser => "ユーザー", "User";
    UsersHeading => "ユーザー一覧", "Users";
    ColStatus => "状態", "Status";
    ColActions => "操作", "Actions";
    PendingRequests => "審査待ちのアクセス・リクエスト", "Pending access requests";
    NoPending => "審査待ちのリクエストはありません。", "No pending requests.";
    PendingInvitations => "保留中の招待", "Pending invitations";
    InvitationsIntro =>
        "ID をまだ持っていない方には招待が送られます。招待リンクは 7 日間有効です。期限が切れたら再送してください。",
        "People without an ID are sent an invitation. Its link works for 7 days; send it again \
            when it runs out.";
    NoInvitations => "保留中の招待はありません。", "No pending invitations.";
    AddUserInviteHint =>
        "ID をまだ持っていない方には、ID を作成するための招待メール (7 日間有効) が送られます。",
        "Someone without an ID is sent an invitation to create one (its link works for 7 days).";
    InviteIntro =>
        "{0} さんから {1} に招待されています。この招待は {2} まで有効です。",
        "{0} invited you to {1}. This invitation works until {2}.";
    InviteHasId =>
        "このメール・アドレスの ID はすでにあります。その ID でサインインすると、招待を承諾できます。",
        "There is an ID with this email address already. Sign in with it to accept the invitation.";
    AddEmployeeInviteHint =>
        "ID をお持ちの方はすぐに登録されます。ID をまだ持っていない方には招待メールが送られ、ID を作成すると登録されます。",
        "Someone with an ID is added at once. Someone without one is sent an invitation and is \
            added when they create their ID from it.";
    ColSent => "送信日時", "Sent";
    ColExpires => "有効期限", "Expires";
    InviteWaiting => "承諾待ち", "Waiting";
    InviteExpiredState => "期限切れ", "Expired";
    UserInviteExpired => "招待の期限切れ (ID 未作成)", "Invitation expired (no ID)";
    ResendInvite => "招待を再送", "Send again";
    RevokeInvite => "招待を取り消す", "Revoke";
    // The browser's question before an action that cannot be taken back.
    AskRemoveUser =>
        "{0} をこのサイトから削除しますか? このサイトにアクセスできなくなります。",
        "Remove {0} from this site? They will no longer have access to it.";
    AskRevokeInvite =>
        "{0} への招待を取り消しますか? 招待のリンクは使えなくなります。",
        "Revoke the invitation to {0}? Its link will stop working.";
    AskWithdraw => "このリクエストを取り下げますか?", "Withdraw this request?";
    AskDeleteOldestMail =>
        "最も古いメール (最大 {0} 件) を削除しますか? 元に戻すことはできません。",
        "Delete the oldest mail (up to {0} {0:message|messages})? This cannot be undone.";
    AskDeleteOldestAudit =>
        "最も古い監査記録 (最大 {0} 件) を削除しますか? 元に戻すことはできません。",
        "Delete the oldest audit entries (up to {0})? This cannot be undone.";
    AskRegenerateToken =>
        "トークンを再発行しますか? 今のトークンは使えなくなります。",
        "Regenerate the token? The current token will stop working.";
    SentTimes => "({0} 回目)", "(sent {0} {0:time|times})";
    RequestIntro =>
        "サイト番号とお客様番号を入力してください。サイトご担当者が承認または拒否し、結果はメールで届きます。",
        "Give the site number and customer number. The site's primary contact grants or denies \
            your request; the answer comes by mail.";
    HelpIntro =>
        "パスポート・アドバンテージ・オンラインへのアクセスで問題が生じた場合は、eCustomer Care チームにヘルプのリクエストを送信してください。",
        "If you have trouble accessing your site, send a help request to the eCustomer Care team.";
    InfoProgramText =>
        "パスポート・アドバンテージは、ソフトウェアのライセンス、サブスクリプションとサポートをまとめて購入・管理するプログラムです。パスポート・アドバンテージ・オンラインでは、サイトの登録\
            情報、ユーザーとアクセス権、使用権、ソフトウェアのダウンロード、レポート、アカウント文書を扱います。",
        "Passport Advantage is a programme to buy and manage software licences, subscription and \
            support in one place. Its online service holds the site's registration, users and \
            access, entitlements, software downloads, reports and account documents.";
    InfoResponsibilitiesText =>
        "サイトご担当者は、サイトのすべてのアカウント管理を担当します: 組織内の他のユーザーにアクセス権を付与すること、各担当者の情報を最新に保つこと、ユーザーからのアクセス・リクエストを\
            承認または拒否すること。責任を分担するため、最大 4 人のセカンダリー・ユーザーを登録することを推奨します。",
        "The primary site contact is responsible for all account management of the site: granting \
            access to others in the organisation, keeping the key contacts current, and granting \
            or denying users' access requests. Registering up to 4 secondary contacts to share the \
            work is recommended.";
    OfficeSitesIntro =>
        "サイトを登録し、状態を確認し、パスコードを再発行します。",
        "Enrol sites, see their state, reissue passcodes.";
    EnrolTitle => "サイトの登録", "Enrol a site";
    Reissue => "パスコードを再発行", "Reissue passcode";
    ChangePrimaryTitle => "サイトご担当者の変更", "Change the primary contact";
    ColSite => "サイト", "Site";
    ColCompany => "会社", "Company";
    ColContact => "ご担当者", "Contact";
    ColState => "状態", "State";
    NoSitesYet => "登録されたサイトはありません。", "No sites yet.";
    FilterSites => "番号・会社名・ご担当者で絞り込み", "Filter by number, company or contact";
    SitesCount => "サイト {0} 件", "Sites: {0}";
    SitesFound => "サイト {0} 件 (全 {1} 件中)", "Sites: {0} of {1}";
    NoSiteMatches => "条件に一致するサイトはありません。", "No site matches.";
    OfficeHelpIntro =>
        "お客様からのヘルプ・リクエストに回答し、完了にします。回答はメールで送信されます。",
        "Answer and close customers' help requests. Answers are sent by mail.";
    CloseRequest => "完了にする", "Close";
    NoHelp => "ヘルプ・リクエストはありません。", "No help requests.";
    FilterHelp => "番号・お名前・eメール・件名で絞り込み", "Filter by reference, name, email or subject";
    StatusFilter => "状況", "Status";
    AllStatuses => "すべて", "All";
    HelpCount => "ヘルプ・リクエスト {0} 件", "Requests: {0}";
    HelpFound => "ヘルプ・リクエスト {0} 件 (全 {1} 件中)", "Requests: {0} of {1}";
    NoHelpMatches => "条件に一致するヘルプ・リクエストはありません。", "No request matches.";
    OfficeSitesCard => "サイトの登録、状態、パスコードの再発行。", "Enrol sites, see their state, reissue passcodes.";
    OfficeHelpCard => "ヘルプ・リクエストへの回答。", "Answer help requests.";
    FieldLevel => "メンバーシップ・レベル", "Membership level";
    PartnerLead =>
        "PartnerWorld をモデルにしたパートナー・プログラムです。ご登録は簡単です。ビジネス・パートナーとしての第一歩を今すぐスタート。",
        "A partner program modelled on PartnerWorld. Joining is easy: take your first step as a \
            business partner today.";
    FirstTimeHere => "初めての方はこちら", "First time here?";
    ProfileSystem => "プロフィール・システムにログイン", "Sign in to the profile system";
    Benefit1 =>
        "製品・技術情報とトレーニングをいつでも利用できます。",
        "Product and technical information and training, whenever you need them.";
    Benefit2 =>
        "メンバーシップ・レベルに応じた販売支援とマーケティング支援。",
        "Sales and marketing support that grows with your membership level.";
    Benefit3 => "関心分野に合わせたニュースとイベントのご案内。", "News and events chosen for your interests.";
    JoinProgram => "PartnerWorld に参加する", "Join the partner program";
    StepsIntro =>
        "手続きは「ID の取得」「PartnerWorld のご登録」の 2 つのステップからなります。",
        "Registration has two steps: get an ID, then register for the partner program.";
    Step1GetId => "Step 1 ID の取得", "Step 1 Get an ID";
    Step1Text =>
        "初めての場合は、まず全サービスで共通してご使用いただける個人 ID とパスワードをご登録いただきます。",
        "If you are new, first register the personal ID and password used by every service here.";
    Step2Register => "Step 2 PartnerWorld へのご登録", "Step 2 Register for the partner program";
    Step2RegisterText =>
        "ID でプロフィール・システムにログインし、合意書に同意して、企業プロフィールと社員プロフィールを作成し、送信します。審査が完了すると「手続き完了のご案内」がメールで届きます。",
        "Sign in to the profile system with your ID, agree to the agreement, create the company \
            and employee profiles and submit them. After a short review, a registration-complete \
            mail arrives.";
    Step2Associate =>
        "Step 2 既存の企業プロフィールに自分の情報を追加登録",
        "Step 2 Add yourself to your company's profile";
    Step2AssociateText =>
        "プロフィール管理者 (APA) から会社トークン (16 桁の英数字) を入手し、「自分のプロフィールをロケーションに関連付ける」で入力します。または、取得した ID \
            をプロフィール管理者に通知し、登録してもらいます。",
        "Get the company token (16 letters and digits) from your profile administrator (APA) and \
            enter it under \"Associate my profile with a location\". Or tell your APA your ID and \
            they add you.";
    GoCreateId => "IBM ID のご登録はこちら", "Register an ID";
    GoApply => "PartnerWorld へのご登録はこちら", "Register for the partner program";
    GoAssociate => "自分のプロフィールをロケーションに関連付ける", "Associate my profile with a location";
    ContactDesk => "PartnerWorld コンタクト・サービス (PWCS)", "Partner contact desk (PWCS)";
    DeskIntro =>
        "ご登録に関するご不明点は、PartnerWorld コンタクト・サービス (PWCS) までお問い合わせください。",
        "For questions about registration, contact the partner contact desk (PWCS).";
    DeskPhone => "電話番号", "Phone";
    DeskPhoneNote =>
        "携帯電話・PHS からもつながります。はじめに BP コンタクト IBM につながります。音声ガイドに従って「3」を押すと PWCS につながります。",
        "Mobile phones welcome. You reach BP Contact IBM first: follow the voice guide and press 3 \
            for PWCS.";
    DeskHours => "受付時間", "Hours";
    DeskHoursText =>
        "平日 9:00〜12:00 および 13:00〜17:00 (日本時間。祝日、創立記念日 6 月 17 日、12 月 30 日〜1 月 3 日を除く)",
        "Weekdays 9:00-12:00 and 13:00-17:00 Japan time (closed on Japanese national holidays, the \
            foundation day on 17 June, and 30 December - 3 January)";
    DeskOpenUntil => "受付中 — {0} まで", "Open now — until {0}";
    DeskClosedUntil => "受付時間外 — 次の受付開始: {0}", "Closed — opens again at {0}";
    AgreementVersion => "版: {0}", "Version: {0}";
    AgreementText =>
        "1. 参加企業は、登録情報を正確かつ最新に保ちます。 2. 参加企業は、プログラムの資料を自社のビジネス・パートナー活動のためにのみ使用します。 3. \
            メンバーシップ・レベルと特典はプログラム・オフィスが定め、変更されることがあります。 4. いずれの当事者も、書面による通知によりいつでも参加を終了できます。",
        "1. The participant keeps its registration accurate and current. 2. The participant uses \
            programme material only for its business partner activities. 3. Membership levels and \
            benefits are set by the program office and may change. 4. Either party may end the \
            participation at any time by written notice.";
    AgreeButton => "同意する", "I agree";
    WizardHq => "本社ロケーション", "Headquarters location";
    // The choices' names where they are shown, not chosen ("(one or more)" is the form's).
    ShownModels => "ビジネス・モデル", "Business model";
    ShownFunctions => "職種", "Job function";
    StepOf => "ステップ {0} / 4", "Step {0} of 4";
    BackStep => "戻る", "Back";
    SubmitApplication => "送信", "Submit";
    ConfirmationNumber => "確認番号", "Confirmation number";
    AppStatusTitle => "申請の状況", "Application status";
    AppSubmitted =>
        "審査中です。審査が完了するとメールでお知らせします。",
        "Under review. We will mail you when the review is done.";
    AppDocuments => "書類の提出をお願いしています: {0}", "Documents are requested: {0}";
    AppApproved => "登録が完了しました。", "Registration is complete.";
    AppApprovedUnfinished =>
        "申請は承認されました。プログラム・オフィスが企業の登録を完了すると、完了のメールが届きます。",
        "Your application was approved. You get a mail when the program office has finished registering your company.";
    AppRejected => "申請は承認されませんでした: {0}", "The application was not approved: {0}";
    Resubmit => "再送信", "Resubmit";
    GoCompany => "企業ページへ", "Go to the company page";
    NoCompany => "まだ企業に登録されていません。", "You do not belong to a company yet.";
    TokenTitle => "会社トークン", "Company token";
    TokenHelp =>
        "社員はこのトークンで自分のプロフィールを企業に関連付けます。",
        "Employees use this token to associate their profiles with the company.";
    RegenerateToken => "トークンを再発行", "Regenerate token";
    AutoAccept => "自己関連付けを自動的に承認する", "Accept self-associating contacts automatically";
    AutoAcceptOn => "自動承認: オン (管理者にはメールで通知)", "Automatic: on (administrators are told by mail)";
    AutoAcceptOff => "自動承認: オフ (管理者が承認)", "Automatic: off (an administrator approves)";
    LocationsTitle => "ロケーション", "Locations";
    AddLocation => "ロケーションを追加", "Add a location";
    EmployeesTitle => "社員", "Employees";
    RolePrc => "PRC", "PRC";
    RoleEmployee => "社員", "Employee";
    Inactive => "無効 ({0} 以降)", "Inactive (from {0})";
    MakeApa => "APA にする", "Make APA";
    RemoveApa => "APA を外す", "Remove APA";
    MakePrc => "このロケーションの PRC にする", "Make PRC of this location";
    SetEnd => "雇用終了日を設定", "Set end date";
    JoinRequestsTitle => "関連付けリクエスト", "Association requests";
    AddEmployeeTitle => "プロフィール管理者による登録", "Add an employee (by the administrator)";
    EditCompanyTitle => "企業情報の編集", "Edit company";
    AssociateIntro =>
        "プロフィール管理者 (APA) から入手した会社トークンを入力してください。",
        "Enter the company token you got from your profile administrator (APA).";
    ChooseLocation => "追加登録するロケーションを選んでください。", "Choose the location to add yourself to.";
    PpsText1 =>
        "PartnerWorld メンバーの企業情報および個人の情報はすべて PartnerWorld プロファイル・システム (PPS) \
            で管理されます。ご登録の際に必要な情報をご入力いただいたものがプロフィールとして保管されます。PartnerWorld では、この PartnerWorld \
            プロファイル・システム (PPS) をもとに各種特典、ご支援サービスをご提供しています。PartnerWorld メンバーシップ・レベルの詳細や、ご登録拠点 \
            (ロケーション)、社員の情報など IBM との協業に必要な情報をいつでもこちらでご確認いただけます。",
        "All company and personal information of PartnerWorld members is kept in the PartnerWorld \
            Profile System (PPS): what you enter when you register is stored there as your \
            profiles. PartnerWorld bases its benefits and support on the PPS. Your membership \
            level, your registered locations, your employees and everything else needed to work \
            with IBM can be checked there at any time.";
    PpsText2 =>
        "また、IBM からビジネス・パートナー様に配信するあらゆる情報は、この PartnerWorld プロファイル・システムの設定に基づいて配信されます。『IBM \
            PartnerWorld ニュース』の内容や PartnerWorld メンバー専用サイトの TOP ページやアクセス範囲など、PartnerWorld \
            プロファイル・システムで設定いただいた内容で、コンテンツが選択され、皆様が必要とされる製品やご興味分野、業界の情報をお届けしています。",
        "Everything IBM sends to its business partners follows the settings of the PPS as well: \
            the member news, the member home page and what you may open are chosen from what you \
            set there, so that you get the products, interests and industries you need.";
    PpsText3 =>
        "PartnerWorld プロファイル・システムの『社員プロフィール (個人情報)』を常に最新の状態でアップデートしておくことで、自分に必要な情報を定期的に入手でき、より詳細な情報\
            にアクセスすることが可能となります。",
        "Keeping your employee profile (your personal information) in the PPS up to date gets you \
            the information you need regularly, and access to more detailed information.";
    PpsCard =>
        "企業と社員のプロフィールが、届く情報と特典を決めます。",
        "Your company and employee profiles choose the information and benefits you get.";
    PpsOpen => "PartnerWorld プロファイル・システム (PPS) を開く", "Open the PartnerWorld Profile System (PPS)";
    JoinRefused =>
        "「{0}」への参加リクエストは承認されませんでした: {1}",
        "Your request to join {0} was not approved: {1}";
    JoinExpired =>
        "「{0}」への参加リクエストは、30 日間判断されなかったため期限切れになりました。もう一度リクエストできます。",
        "Your request to join {0} was not decided within 30 days and expired. You may ask again.";
    PrivSoftwareHint =>
        "ベンダーのダウンロード・注文ツール向けに記録します。Onboard では何も制限しません。",
        "Recorded for the vendor's download and ordering tools; in Onboard it allows nothing more.";
    PrivReportingHint =>
        "表示: サイトのレポート (ユーザー数、月ごとのアクセス・リクエストと登録内容の変更) を開けます。",
        "View: open the site's report (its users, and its access requests and registration changes \
            month by month).";
    PrivEntitlementsHint =>
        "ベンダーの使用権管理ツール向けに記録します。Onboard では何も制限しません。",
        "Recorded for the vendor's entitlement tools; in Onboard it allows nothing more.";
    PrivManageAccessHint =>
        "表示: サイトのユーザーとアクセス・リクエストを見られます。更新 (セカンダリー・コンタクトのみ): ユーザーの追加、権限の変更、リクエストの承認・拒否もできます。",
        "View: see the site's users and access requests. Update (secondary contacts only): also \
            add users, change privileges and decide requests.";
    PrivContactUpdatesHint =>
        "表示: 各担当者を見られます。更新 (セカンダリー・コンタクトのみ): 各担当者を変更することもできます。",
        "View: see the key contacts. Update (secondary contacts only): also change them.";
    PrivDocumentsHint =>
        "表示: サイトのアカウント文書 (使用許諾証明) を開いて印刷できます。",
        "View: open the site's account documents (its proof of entitlement) and print them.";
    DocumentsIntro =>
        "このサイトの使用許諾証明です。表示して印刷できます。",
        "The site's proof of entitlement, to read and to print.";
    ProofTitle => "使用許諾証明 (Proof of Entitlement)", "Proof of entitlement";
    ProofText =>
        "{0} は、以下の番号でパスポート・アドバンテージに登録されています。",
        "{0} is enrolled in Passport Advantage with the numbers below.";
    ProofIssued => "発行日", "Issued";
    ProofCompany => "会社名", "Company";
    Print => "印刷", "Print";
    NoDocuments =>
        "アカウント文書を表示するには「アカウント文書: 表示」の権限が必要です。サイトご担当者にご依頼ください。",
        "Opening the account documents needs the privilege \"Account documents: View\"; ask the \
            site contact.";
    AssociateNoApa =>
        "プロフィール管理者が不明の場合は、PartnerWorld コンタクト・サービス (PWCS) にお問い合わせください。",
        "If you do not know your profile administrator, ask the partner contact desk (PWCS).";
    JoinWaiting =>
        "「{0}」への参加リクエスト ({1} 送信) は、プロフィール管理者の承認待ちです。",
        "Your request to join {0} (sent {1}) is waiting for an administrator's approval.";
    ProfileStale =>
        "プロフィールが 9 か月以上確認されていません。内容を確認してください。",
        "Your profile has not been confirmed for 9 months. Please check it.";
    ProfileUpToDate => "プロフィールは最新です", "My profile is up to date";
    LastConfirmed => "最終確認: {0}", "Last confirmed: {0}";
    MemberHomeIntro =>
        "メンバーシップ・レベルと関心分野に合わせたお知らせです。",
        "News chosen for your membership level and interests.";
    NoNews => "お知らせはありません。", "No news.";
    PartnerMenu => "プロフィール・システム", "Profile system";
    OfficeAppsCard => "申請の承認、書類の依頼、却下。", "Approve, request documents, reject.";
    RequestDocs => "書類を依頼", "Request documents";
    RejectApp => "却下", "Reject";
    ApproveApp => "承認", "Approve";
    NoApps => "申請はありません。", "No applications.";
    FilterApps => "番号・会社名・eメール・お名前で絞り込み", "Filter by number, company, email or name";
    AppsCount => "申請 {0} 件", "Applications: {0}";
    AppsFound => "申請 {0} 件 (全 {1} 件中)", "Applications: {0} of {1}";
    NoAppMatches => "条件に一致する申請はありません。", "No application matches.";
    PruneClosedHelp => "完了したリクエストを削除", "Delete closed requests";
    FreeSpaceText =>
        "古いメールは 200 件ずつ削除できます (最新の 200 件は残ります)。監査記録と、オペレーターがいる場合はメールの削除も、オペレーターのみが行え、記録されます。先にエクスポー\
            トしておくと、削除したデータも手元に残ります。",
        "Delete the oldest mail, 200 at a time (the newest 200 stay). Audit entries, and mail once \
            an operator exists, are deleted by the operator only, and each deletion is recorded. \
            Export first to keep a copy of what you delete.";
    DataReadOnly =>
        "このデータは新しいバージョンで保存されたため、インポート、削除、エクスポートはできません。",
        "This data was written by a newer version: it cannot be imported over, deleted or exported \
            here.";
    DeleteOldestMail => "最も古いメールを削除", "Delete the oldest mail";
    DeleteOldestAudit => "最も古い監査記録を削除", "Delete the oldest audit entries";
    ReportIntro =>
        "ユーザー数と、月ごとのアクセス・リクエストと登録内容の変更。",
        "Its users, and its access requests and registration changes month by month.";
    HistoryCardIntro => "誰がいつ何を変更したか (変更前と変更後)。", "Who changed what and when, before and after.";
    NoReport =>
        "レポートを表示するには「レポート: 表示」の権限が必要です。サイトご担当者にご依頼ください。",
        "Opening the report needs the privilege \"Reporting: View\"; ask the site contact.";
    ReportUsersTitle => "ユーザー", "Users";
    ReportSecondaries => "セカンダリー・ユーザー", "Secondary contacts";
    ReportUsers => "その他のユーザー", "Other users";
    ReportInvited => "ID 未登録 (招待中)", "Invited (no ID yet)";
    ReportWaiting => "未処理のアクセス・リクエスト", "Access requests waiting";
    ReportMonthsTitle =>
        "月ごとのアクセス・リクエストと登録内容の変更",
        "Access requests and registration changes by month";
    ReportMonth => "月", "Month";
    ReportAsked => "リクエスト", "Requested";
    ReportGranted => "承認", "Granted";
    ReportRefused => "拒否", "Refused";
    ReportChanges => "登録内容の変更", "Registration changes";
    ReportChart => "グラフ", "Chart";
    ReportChartSummary =>
        "過去 {0} か月: リクエスト {1} 件、承認 {2} 件、拒否 {3} 件。",
        "Last {0} {0:month|months}: {1} requested, {2} granted, {3} refused.";
    HistoryTitle => "変更履歴", "History";
    HistoryIntro =>
        "担当者、ユーザー、権限、リクエストの変更の記録です (新しい順)。変更前と変更後を示します。",
        "Every change to the contacts, users, privileges and requests, newest first, with what it \
            was before and after.";
    DownloadCsv => "CSV をダウンロード", "Download as CSV";
    DownloadHistoryCsv => "履歴を CSV でダウンロード", "Download the history as CSV";
    CompanyHistoryIntro =>
        "企業、ロケーション、社員、役割の変更の記録です (新しい順)。",
        "Every change to the company, its locations, employees and roles, newest first.";
    PlayAsTitle => "デモの登場人物として使う", "Play as a demo person";
    DemoTag => "デモ", "Demo";
    PlayAsText =>
        "このブラウザーにはデモ・データがあります。ワンクリックで各登場人物としてサインインできます (公開のデモ用パスワードを使います)。",
        "This browser holds demo data: sign in as any of its people in one click (with the public \
            demo password).";
    PlayAs => "{0} としてサインイン", "Play as {0}";
    PlayOffice => "プログラム・オフィス (オペレーター)", "Program office (operator)";
    PlaySitePrimary => "{0} のサイトご担当者", "Primary contact of {0}";
    PlaySiteSecondary => "{0} のセカンダリー・ユーザー", "Secondary contact of {0}";
    PlaySiteUser => "{0} のユーザー", "User of {0}";
    PlayApa => "{0} のプロフィール管理者 (APA)", "Profile administrator (APA) of {0}";
    PlayPrc => "{0} の PRC", "Primary relationship contact of {0}";
    PlayEmployee => "{0} の社員", "Employee of {0}";
    PlayNoRole => "サイトや企業にはまだ属していません", "No site or company yet";
    EvIdCreated => "ID 作成", "ID created";
    EvIdVerified => "ID 確認", "ID verified";
    EvCodeResent => "確認コード再送信", "Code resent";
    EvSignInOk => "サインイン成功", "Sign-in";
    EvSignInFailed => "サインイン失敗", "Sign-in failed";
    EvSignInLocked => "ロック", "Locked out";
    EvSignOut => "サインアウト", "Sign-out";
    EvResetRequested => "パスワード再設定の要求", "Reset requested";
    EvPasswordReset => "パスワード再設定", "Password reset";
    EvPasswordChanged => "パスワード変更", "Password changed";
    EvProfileUpdated => "プロフィール更新", "Profile updated";
    EvOperatorCreated => "オペレーター作成", "Operator created";
    EvOperatorSignIn => "オペレーターのサインイン", "Operator sign-in";
    EvOperatorSignInFailed => "オペレーターのサインイン失敗", "Operator sign-in failed";
    EvOperatorLocked => "オペレーターのロック", "Operator locked out";
    EvOperatorSignOut => "オペレーターのサインアウト", "Operator sign-out";
    EvSiteEnrolled => "サイト登録", "Site enrolled";
    EvPasscodeReissued => "パスコード再発行", "Passcode reissued";
    EvPrimaryChanged => "ご担当者変更", "Primary contact changed";
    EvSiteFirstSignIn => "初回サインイン", "First sign-in";
    EvPasscodeFailed => "パスコード誤り", "Wrong passcode";
    EvPasscodeLocked => "パスコード・ロック", "Passcode locked";
    EvContactChanged => "担当者変更", "Contact changed";
    EvContactCleared => "担当者解除", "Contact cleared";
    EvUserAdded => "ユーザー追加", "User added";
    EvUserChanged => "ユーザー変更", "User changed";
    EvUserRemoved => "ユーザー削除", "User removed";
    EvInviteSent => "招待送信", "Invitation sent";
    EvInviteResent => "招待再送", "Invitation sent again";
    EvInviteRevoked => "招待取り消し", "Invitation revoked";
    EvInviteAccepted => "招待承諾", "Invitation accepted";
    EvLockLifted => "ロック解除", "Lock lifted";
    EvAccessRequested => "アクセス・リクエスト", "Access requested";
    EvRequestGranted => "リクエスト承認", "Request granted";
    EvRequestDenied => "リクエスト拒否", "Request denied";
    EvHelpRequested => "ヘルプ・リクエスト", "Help requested";
    EvHelpAnswered => "ヘルプ回答", "Help answered";
    EvHelpClosed => "ヘルプ完了", "Help closed";
    EvApplicationSubmitted => "パートナー申請", "Application submitted";
    EvAgreementAccepted => "合意書への同意", "Agreement accepted";
    EvDocumentsRequested => "書類依頼", "Documents requested";
    EvDocumentAttached => "書類添付", "Document attached";
    EvApplicationApproved => "申請承認", "Application approved";
    EvApplicationRejected => "申請却下", "Application rejected";
    EvCompanyJoined => "企業への関連付け", "Joined a company";
    EvJoinRequested => "関連付けリクエスト", "Association requested";
    EvJoinDecided => "関連付けの判断", "Association decided";
    EvEmployeeAdded => "社員登録", "Employee added";
    EvRoleChanged => "役割変更", "Role changed";
    EvTokenRegenerated => "トークン再発行", "Token regenerated";
    EvSettingChanged => "設定変更", "Setting changed";
    EvLocationAdded => "ロケーション追加", "Location added";
    EvCompanyEdited => "企業情報変更", "Company edited";
    EvLevelChanged => "レベル変更", "Level changed";
    EvTokenFailed => "会社トークン誤り", "Wrong company token";
    EvPartnerProfileUpdated => "社員プロフィール更新", "Employee profile updated";
    EvAuditPruned => "監査記録の削除", "Audit entries deleted";
    EvMailPruned => "メールの削除", "Mail deleted";
    EvDataImported => "データのインポート", "Data imported";
    EvDataReset => "データのリセット", "Data reset";
    EvDemoLoaded => "デモデータの読み込み", "Demo data loaded";
    EvDataExported => "データのエクスポート", "Data exported";
    EvHelpPruned => "完了したヘルプ・リクエストの削除", "Closed help requests deleted";
    AdWrongPassword => "パスワードの誤り", "wrong password";
    AdUnknownId => "未登録の ID", "unknown ID";
    AdAllSessionsEnded => "すべてのセッションを終了", "all sessions ended";
    AdOtherSessionsEnded => "ほかのセッションを終了", "other sessions ended";
    AdOnTheServer => "サーバーで変更", "on the server";
    AdByInvitation => "(招待による)", "(by invitation)";
    AdResubmitted => "再提出", "resubmitted";
    AdPending => "審査待ち", "pending";
    AdGranted => "承認", "granted";
    AdDenied => "拒否", "denied";
    AdApproved => "承認", "approved";
    AdRejected => "却下", "rejected";
    AdWithdrawn => "取り下げ", "withdrawn";
    AdExpired => "期限切れ", "expired";
    AdAskedAgain => "(再申請)", "(asked again)";
    AdAutomatic => "(自動承認)", "(automatic)";
    AdInvited => "招待中", "invited";
    AdRevoked => "取り消し", "revoked";
    AdRemoved => "削除", "removed";
    AdImported => "(ファイルから追加)", "(imported)";
    AdCompany => "企業", "company";
    AdPrimaryContact => "プライマリー・コンタクト:", "primary contact:";
    AdThePrimary => "(プライマリー・コンタクト)", "(the primary contact)";
    AdHandedOver =>
        "(引き継ぎ。前任者はセカンダリー・コンタクトとして残ります)",
        "(handed over; the previous contact stays a secondary contact)";
    AdPrcOf => "ロケーション {0} の PRC:", "PRC of location {0}:";
    AdEndDate => "終了日:", "end date:";
    AdAutoAccept => "自動承認:", "automatic approval:";
    AdApaRole => "プロフィール管理者 (APA):", "APA:";
    AdApa => "(プロフィール管理者: {0})", "(APA: {0})";
    AdYes => "はい", "yes";
    AdNo => "いいえ", "no";
    AdOn => "オン", "on";
    AdOff => "オフ", "off";
    AdSentTimes => "{0} 回目の送信", "sent {0} {0:time|times}";
    AdRecords => "{0} 件", "{0} {0:record|records}";
    AdMailsDeleted => "古いメール {0} 通を削除", "{0} oldest {0:mail|mails} deleted";
    AdEntriesDeleted => "古い記録 {0} 件を削除", "{0} oldest {0:entry|entries} deleted";
    AdHelpDeleted => "完了したヘルプ・リクエスト {0} 件を削除", "{0} closed {0:request|requests} deleted";
    AdSecondary => "セカンダリー・コンタクト", "Secondary contact";
    AdNoChange => "(変更なし)", "(no change)";
    AdNoPrivileges => "(権限なし)", "(no privileges)";
    AdName => "氏名:", "name:";
    AdCountry => "国または地域:", "country or region:";
    AdMailLang => "メールの言語:", "language of mail:";
    AdLegalName => "会社名:", "legal name:";
    AdWeb => "Web サイト:", "web address:";
    AdModels => "ビジネス・モデル:", "business model:";
    AdProducts => "関心のある製品分野:", "products of interest:";
    AdSize => "従業員数:", "company size:";
    AdDirectory => "ディレクトリー掲載:", "in the directory:";
    EvRequestWithdrawn => "リクエスト取り下げ", "Request withdrawn";
    EvRequestExpired => "リクエスト期限切れ", "Request expired";
    StatusExpired => "期限切れ (30 日間判断されませんでした)", "Expired (not decided within 30 days)";
    ExpiredNotice =>
        "30 日間判断されなかったリクエストが期限切れになりました: {0} 件。依頼者にお知らせしました。",
        "Requests nobody decided within 30 days expired: {0}. Their askers were told.";
    Withdraw => "取り下げる", "Withdraw";
    WithdrawRequestOf => "サイト {0} へのリクエストを取り下げる", "Withdraw the request to site {0}";
    Withdrawn => "リクエストを取り下げました。", "Your request was withdrawn.";
    StatusWithdrawn => "取り下げ済み", "Withdrawn";
    ImportUsersTitle => "CSV からユーザーを追加", "Import users from CSV";
    ImportUsersText =>
        "「CSV をダウンロード」と同じ列のファイルを選んでください (email は必須。kind は user または secondary。権限の列は \
            none、view、update など。ない列は none)。すべての行を確認し、問題が 1 つでもあれば何も追加しません。",
        "Choose a file with the columns of \"Download as CSV\" (email is required; kind is user or \
            secondary; the privilege columns take none, view, update…; a missing one is none). \
            Every row is checked, and nothing is added while any row has a problem.";
    ImportUsersFile => "CSV ファイル", "CSV file";
    ImportUsersReady => "{0} 人のユーザーを追加できます:", "{0} {0:user is|users are} ready to be added:";
    ImportUsersAdd => "{0} 人を追加", "Add {0} {0:user|users}";
    ImportUsersDone =>
        "{0} 人のユーザーを追加し、それぞれにメールでお知らせしました。",
        "{0} {0:user was|users were} added and told by mail.";
    ImportUsersDoneInvited =>
        "{0} 人のユーザーを追加し、それぞれにメールでお知らせしました。ID をまだお持ちでない {1} 人には、ID を作成するための招待メール (7 日間有効) を送信しました。",
        "{0} {0:user was|users were} added and told by mail. {1} of them {1:has|have} no ID yet \
            and {1:was|were} sent an invitation to create one (its link works for 7 days).";
    ImportUsersProblems =>
        "ファイルに {0} 件の問題があります。何も追加していません。修正して、もう一度ファイルを選んでください。",
        "The file has {0} {0:problem|problems}; nothing was added. Correct {0:it|them} and choose the file again.";
    ImportLine => "行", "Line";
    ImportColumn => "列", "Column";
    ImportProblem => "問題", "Problem";
    SharedIntro =>
        "Kinto サーバーに接続すると、複数のブラウザーと担当者で同じデータを使えます。読み書きできる範囲はサーバーが決めます。このブラウザーのローカル・データはそのまま残ります。",
        "Connect to a Kinto server to work on one data set from many browsers and people. The \
            server decides who reads and writes what. This browser's local data stays as it is.";
    Save => "保存", "Save";
    Saved => "保存しました。", "Saved.";
    FieldNewPassword => "新しいパスワード", "New password";
    FieldResetCode => "再設定コード (6 桁)", "Reset code (6 digits)";
    Choose => "選択してください", "Choose…";
    CreateIdTitle => "ID の作成", "Create an ID";
    CreateIdSubmit => "ID を作成", "Create ID";
    IdCreated => "ID を作成しました。{0} 宛てに確認コードを送信しました。", "Your ID was created. We mailed a code to {0}.";
    VerifyTitle => "ID の確認", "Verify your ID";
    VerifySubmit => "確認する", "Verify";
    CodeResent => "新しいコードを {0} 宛てに送信しました。", "A new code was mailed to {0}.";
    Verified => "ID が確認されました。サインインしました。", "Your ID is verified and you are signed in.";
    SignInSubmit => "サインイン", "Sign in";
    SignedIn => "サインインしました。", "You are signed in.";
    ResetTitle => "パスワードの再設定", "Reset your password";
    ResetSend => "再設定コードを送信", "Send reset code";
    ResetShared =>
        "共有モードでは、パスワードはサーバーが管理しており、ご本人以外は読むことも変更することもできません。パスワードをお忘れの場合は、ヘルプ・リクエストを送信してください \
            (サインインは不要です)。サーバーの管理者が仮パスワードを設定し、アプリの外で直接お知らせします。サインイン後、プロフィール・ページでパスワードを変更してください。",
        "In shared mode the server keeps your password, and nobody but you can read or change it. \
            If you forgot it, send a help request (no need to sign in): the server's administrator \
            sets a temporary password and tells you directly, outside this app. Once signed in, \
            change it on your profile page.";
    ResetAskHelp => "ヘルプ・リクエストを送信", "Send a help request";
    ResetHelpSubject => "パスワードを忘れました", "I forgot my password";
    ResetMailed =>
        "{0} の ID があれば、再設定コードを送信しました。メールボックスを確認してください。",
        "If an ID exists for {0}, a reset code is on its way. Check the mailbox.";
    ResetSubmit => "パスワードを再設定", "Set new password";
    PasswordResetDone =>
        "パスワードを再設定しました。ほかのすべてのセッションは終了しました。新しいパスワードでサインインしてください。",
        "Your password was reset and every session ended. Sign in with the new password.";
    ProfileTitle => "プロフィール", "Profile";
    ProfileSaved => "プロフィールを保存しました。", "Your profile was saved.";
    ActorSignedOut => "(サインインなし)", "(not signed in)";
    IdHistoryTitle => "サインインと変更の履歴", "Sign-ins and changes";
    IdHistoryIntro =>
        "この ID のサインイン、パスワードの誤り、ロック、変更の記録です (新しい順)。心当たりのない記録があれば、パスワードを変更してください。",
        "Every sign-in, wrong password, lock-out and change of your ID, newest first. If one was \
            not you, change your password.";
    IdHistoryIntroShared =>
        "この ID の作成と変更の記録です (新しい順)。サインインはサーバーが確認するため、ここには記録されません。",
        "How your ID was made and changed, newest first. Sign-ins are checked by the server and \
            not recorded here.";
    ChangePasswordSubmit => "パスワードを変更", "Change password";
    PasswordChanged =>
        "パスワードを変更しました。ほかのセッションは終了しました。",
        "Your password was changed; other sessions were ended.";
    MailboxTitle => "メールボックス", "Mailbox";
    OfficeSetupTitle => "オペレーター・アカウントの作成", "Create the operator account";
    OfficeSetupIntro =>
        "プログラム・オフィスはオペレーター専用です。最初にオペレーター・アカウントを作成してください。",
        "The program office is for operators. First create the operator account.";
    OfficeSetupSubmit => "アカウントを作成", "Create account";
    OfficeSignInTitle => "オペレーターのサインイン", "Operator sign-in";
    OfficeSignInIntro => "オペレーター・アカウントでサインインしてください。", "Sign in with the operator account.";
    OperatorCreated => "オペレーター・アカウントを作成しました。", "The operator account was created.";
    AuditTitle => "監査証跡", "Audit trail";
    DataTitle => "データ", "Data";
    Imported => "インポートしました ({0} 件のレコード)。", "Imported ({0} {0:record|records}).";
    ImportFailed =>
        "インポートできませんでした: {0}。データは変更されていません。",
        "Could not import: {0}. Nothing was changed.";
    ResetDone => "すべてのデータを削除しました。", "All data was deleted.";
    DemoLoaded => "デモ・データを読み込みました。", "Demo data loaded.";
    FieldContactEmail => "担当者の eメール・アドレス", "Contact's email address";
    StateAwaiting => "初回サインイン待ち", "Awaiting first sign-in";
    StateLocked => "パスコード・ロック中", "Passcode locked";
    StateActive => "有効", "Active";
    UserActive => "有効", "Active";
    UserInvited => "招待済み (ID 未作成)", "Invited (no ID yet)";
    UserPending => "リクエスト審査待ち", "Pending request";
    SecondaryMark => "セカンダリー", "Secondary";
    SitesTitle => "カスタマー・サイト", "Customer sites";
    FirstSignInSubmit => "サイトを有効にする", "Activate the site";
    FirstSignInDone =>
        "サイトが有効になりました。これからは ID とパスワードでサインインできます。",
        "Your site is active. From now on you sign in with your ID and password.";
    ContactsTitle => "登録内容変更 (各担当者)", "Update registration (key contacts)";
    ContactSaved => "担当者を保存しました。", "The contact was saved.";
    ContactCleared => "この役割はサイトご担当者が担います。", "The primary site contact now holds this role.";
    AccessTitle => "アクセス権の管理", "Manage access";
    AddUserSubmit => "ユーザーを追加", "Add user";
    UserAdded => "{0} を追加し、メールで通知しました。", "{0} was added and notified by mail.";
    UserAddedInvited =>
        "{0} を追加しました。ID をまだお持ちでないため、ID を作成するための招待メール (7 日間有効) を送信しました。",
        "{0} was added. They have no ID yet, so they were sent an invitation to create one (its \
            link works for 7 days).";
    UserSaved => "{0} の権限を保存しました。", "Privileges of {0} were saved.";
    UserRemoved => "{0} を削除しました。", "{0} was removed.";
    InviteAccepted => "招待を承諾しました。ようこそ。", "Invitation accepted. Welcome!";
    AcceptInvitation => "招待を承諾する", "Accept the invitation";
    AcceptInvitationTitle => "招待の承諾", "Accept your invitation";
    InviteSharedMine =>
        "この招待は {0} 宛てで、この ID のアドレスです。共有モードでは、招待されたアドレスの ID があれば招待は承諾されたことになり、招待されたサイトや会社を開けます。",
        "This invitation is for {0}, the address of this ID. In shared mode an invitation is taken \
            up once its address has an ID: what it invited you to is open to you.";
    InviteSharedOther =>
        "この招待は {0} 宛てですが、{1} でサインインしています。サインアウトしてから、{0} で ID を作成 (またはサインイン) してください。",
        "This invitation is for {0}, but you are signed in as {1}. Sign out, then create an ID \
            with {0} (or sign in with it).";
    SaveUser => "保存", "Save";
    Grant => "承認", "Grant";
    Deny => "拒否", "Deny";
    Granted => "{0} のリクエストを承認しました。", "The request of {0} was granted.";
    Denied => "{0} のリクエストを拒否しました。", "The request of {0} was denied.";
    RequestTitle => "サイトへのアクセス・リクエスト", "Ask for access to a site";
    RequestSubmit => "リクエストを送信", "Send request";
    RequestSent =>
        "リクエストを送信しました。結果はメールでお知らせします。",
        "Your request was sent. You will get the answer by mail.";
    HelpTitle => "ヘルプ・リクエスト", "Help request";
    HelpSubmit => "ヘルプをリクエスト", "Send help request";
    HelpSent => "ヘルプ・リクエストを受け付けました。受付番号: {0}", "Your help request was received. Reference: {0}";
    ProfileQueued =>
        "変更を会社の管理者に送信しました。管理者のブラウザーが受け取ると、ここに反映されます (管理者のどなたかが Onboard を開いていれば、通常は数秒以内です)。",
        "Your change was sent to your company's administrators; it shows here once one of their \
            browsers takes it in (usually within seconds while one of them has Onboard open).";
    ProfileWaiting =>
        "{0} の変更は、会社の管理者のブラウザーが受け取るのを待っています。",
        "Your change of {0} is waiting for one of your company's administrators' browsers to take \
            it in.";
    ProfileKept =>
        "{0} の変更はこのブラウザーに保管しています。サーバーに接続できしだい、会社の管理者に送信します。",
        "Your change of {0} is kept in this browser; it goes to your company's administrators as \
            soon as the server can be reached.";
    HelpQueued =>
        "ヘルプ・リクエストを送信しました。受付番号はメールでお知らせします。",
        "Your help request was sent. Its reference comes by mail.";
    RequestKept =>
        "リクエストをこのブラウザーに保管しました。サーバーに接続できしだい送信します。",
        "Your request was kept in this browser; it is sent as soon as the server can be reached.";
    // A tab signed in again after a reload, with nothing of its account's data yet.
    ReadingTitle => "データを読み込んでいます", "Reading your data";
    ReadingText =>
        "{0} としてサインインしています。サーバーからデータを読み込んでいます。読み込みしだい、このページを表示します。",
        "You are signed in as {0}. Your data is being read from the server; this page shows as soon as it is read.";
    ReadingAway =>
        "{0} としてサインインしています。サーバーに接続できないため、まだデータを読み込めません。接続でき、読み込みしだい、このページを表示します。",
        "You are signed in as {0}. The server cannot be reached, so your data cannot be read yet; this page shows as soon as it can be read.";
    InfoProgramTitle => "パスポート・アドバンテージとオンライン・サービス", "Passport Advantage and its online service";
    InfoResponsibilitiesTitle => "アカウント管理 (登録情報の管理) に関する責任", "Account management responsibilities";
    InfoRolesTitle => "各担当者 (キー・コンタクト) の役割と責任", "Key contacts: roles and responsibilities";
    InfoRolesPrimary =>
        "サイトに関するすべての連絡を受け取り、アカウント管理を担当します。唯一の担当者の場合は、すべての役割の担当者です。",
        "Receives all communication about the site and manages the account. If it is the only \
            contact, it is the contact for every role.";
    InfoRolesTechnical =>
        "技術情報とソフトウェアの提供に関する連絡を受け取ります。",
        "Receives technical information and notices about software delivery.";
    InfoRolesAdministrative =>
        "使用許諾証明書 (PoE) と管理上の文書を受け取ります。",
        "Receives proofs of entitlement and administrative documents.";
    InfoRolesRenewal =>
        "サブスクリプションとサポートの更新案内を受け取ります。",
        "Receives subscription and support renewal notices.";
    InfoRolesMedia => "サポート・メディアの送付先です。", "Is where support media are shipped.";
    InfoRolesBilling => "請求書と支払いに関する連絡を受け取ります。", "Receives invoices and payment notices.";
    OfficeSitesTitle => "カスタマー・サイトの管理", "Customer sites";
    EnrolSubmit => "サイトを登録", "Enrol site";
    Enrolled =>
        "サイト {0} を登録し、ウェルカム・メールを {1} に送信しました。",
        "Site {0} was enrolled and the welcome mail sent to {1}.";
    Reissued => "サイト {0} のパスコードを再発行しました。", "A new passcode for site {0} was sent.";
    ChangePrimarySubmit => "変更してパスコードを送信", "Change and send a passcode";
    FieldNewPrimary => "新しいサイトご担当者", "New primary site contact";
    HandOverSubmit => "引き継ぐ", "Hand over";
    HandedOver => "{0} がサイトご担当者になりました。", "{0} is now the primary site contact.";
    PrimaryChangedMsg => "サイト {0} のご担当者を変更しました。", "The primary contact of site {0} was changed.";
    OfficeHelpTitle => "ヘルプ・リクエスト", "Help requests";
    HelpOpen => "未対応", "Open";
    HelpAnswered => "回答済み", "Answered";
    HelpClosed => "完了", "Closed";
    SendAnswer => "回答を送信", "Send answer";
    AnswerSent => "回答を送信しました。", "The answer was sent.";
    RequestClosed => "完了にしました。", "Closed.";
    AnswerSentTo => "{0} に回答を送信しました。", "The answer to {0} was sent.";
    RequestClosedRef => "{0} を完了にしました。", "{0} was closed.";
    FieldIdEmail => "ID (eメール・アドレス)", "ID (email address)";
    PartnerTitle => "パートナー・プログラム", "Partner program";
    BenefitsTitle => "ご参加の利点", "Benefits of joining";
    PpsTitle =>
        "PartnerWorld プロファイル・システム (PPS) とは?",
        "What is the PartnerWorld Profile System (PPS)?";
    StepsTitle => "ご登録の手順", "How to register";
    TabNewCompany => "初めて登録する (企業プロフィールの新規登録)", "New company";
    TabAddYourself => "社員の追加登録をされる方", "Add yourself to a registered company";
    DeskTitle => "コンタクト・デスク", "Contact desk";
    ApplyTitle => "PartnerWorld へのご登録", "Register for the partner program";
    AgreementTitle =>
        "PartnerWorld 合意書 (PartnerWorld のご参加条件)",
        "Partner agreement (terms of participation)";
    WizardCompany => "企業プロフィール", "Company profile";
    WizardEmployee => "社員プロフィール", "Employee profile";
    WizardReview => "確認", "Review";
    NextStep => "次へ", "Next";
    Submitted => "申請を受け付けました。確認番号: {0}", "Your application was received. Confirmation number: {0}";
    Attach => "添付", "Attach";
    Attached => "{0} を添付しました。", "{0} was attached.";
    Resubmitted => "申請を再送信しました。", "The application was resubmitted.";
    AttachmentLimit =>
        "1 ファイル最大 10 MB。256 KB までのファイルは内容も保存されます。",
        "Up to 10 MB per file; files up to 256 KB are kept with their content.";
    CompanyTitle => "企業プロフィール", "Company profile";
    MembershipLevel => "メンバーシップ・レベル: {0}", "Membership level: {0}";
    TokenRegenerated =>
        "新しいトークンを発行しました。以前のトークンは使えません。",
        "A new token was issued; the old one no longer works.";
    SettingSaved => "設定を保存しました。", "The setting was saved.";
    LocationAdded => "ロケーションを追加しました。", "The location was added.";
    RoleSaved => "役割を保存しました。", "The role was saved.";
    Approve => "承認", "Approve";
    Reject => "却下", "Reject";
    JoinApproved => "{0} を承認しました。", "{0} was approved.";
    JoinRejected => "{0} を却下しました。", "{0} was rejected.";
    AddEmployeeSubmit => "社員を登録", "Add employee";
    EmployeeAdded => "{0} を登録しました。", "{0} was added.";
    AssociateTitle => "自分のプロフィールをロケーションに関連付ける", "Associate my profile with a location";
    CheckToken => "送信", "Submit";
    AssociateSubmit => "保存", "Save";
    JoinedNow => "{0} に登録されました。", "You now belong to {0}.";
    JoinPending =>
        "申請を送信しました。プロフィール管理者が承認するとメールが届きます。",
        "Your request was sent. You get a mail when an administrator approves it.";
    MyProfileTitle => "社員プロフィール", "My profile";
    ProfileConfirmed => "確認しました。ありがとうございます。", "Confirmed. Thank you.";
    MemberHomeTitle => "メンバー・ホーム", "Member home";
    OfficeAppsTitle => "パートナー申請の審査", "Partner applications";
    AppWasApproved => "申請 {0} を承認しました。", "Application {0} was approved.";
    AppDocsWereRequested => "申請 {0} の書類を依頼しました。", "Documents were requested for application {0}.";
    AppWasRejected => "申請 {0} を却下しました。", "Application {0} was rejected.";
    LevelOf => "{0} のメンバーシップ・レベルを{1}にしました。", "The membership level of {0} is now {1}.";
    OfficeCompaniesTitle => "メンバー企業", "Member companies";
    OfficeCompaniesCard =>
        "メンバー企業の一覧と、メンバーシップ・レベルの変更。",
        "See member companies and change their membership levels.";
    OfficeCompaniesIntro =>
        "申請を承認した会社がメンバー企業になります。レベルを選ぶとすぐに保存され、記録されます。",
        "A company becomes a member when its application is approved. A level is saved, and recorded, as soon as it is chosen.";
    NoCompanies => "メンバー企業はまだありません。", "No member companies yet.";
    FilterCompanies => "会社名・申請番号で絞り込み", "Filter by company or application number";
    CompaniesCount => "メンバー企業 {0} 社", "Companies: {0}";
    CompaniesFound => "メンバー企業 {0} 社 (全 {1} 社中)", "Companies: {0} of {1}";
    NoCompanyMatches => "条件に一致する会社はありません。", "No company matches.";
    OfficeIdsTitle => "ID の一覧", "IDs";
    OfficeIdsCard =>
        "ID を探して、確認済みか、ロック中か、最後のサインイン、サイトと企業を確認します。",
        "Find a person's ID: verified or locked, its last sign-in, its sites and company.";
    OfficeIdsIntro =>
        "すべての ID です (新しい順)。ロック中の ID は、ここでロックを解除するか、本人がパスワードを再設定すると、再びサインインできます。",
        "Every ID, newest first. A locked ID signs in again once its lock is lifted here, or once its owner resets the password.";
    NoIds => "ID はまだありません。", "No IDs yet.";
    FilterIds => "eメール・アドレス・名前で絞り込み", "Filter by email or name";
    IdsCount => "ID {0} 件", "IDs: {0}";
    IdsFound => "ID {0} 件 (全 {1} 件中)", "IDs: {0} of {1}";
    NoIdMatches => "条件に一致する ID はありません。", "No ID matches.";
    ColId => "ID", "ID";
    ColCreated => "作成日時", "Created";
    ColLastSignIn => "最後のサインイン", "Last sign-in";
    ColRoles => "サイトと企業", "Sites and company";
    IdStateUnverified => "未確認", "Not verified";
    IdStateActive => "有効", "Active";
    IdStateLocked => "ロック中", "Locked";
    LockedUntilTime => "{0} まで", "until {0}";
    LiftLock => "ロックを解除", "Lift the lock";
    LiftLockOf => "{0} のロックを解除", "Lift the lock of {0}";
    LockLiftedFor => "{0} のロックを解除しました。再びサインインできます。", "The lock of {0} was lifted: it can sign in again.";
    ColApplication => "申請番号", "Application";
    AppMemberLevel => "メンバーシップ・レベル: {0}", "Membership level: {0}";
    AppUnfinished =>
        "この申請は承認済みですが、メンバー企業の登録がサーバーへの保存の途中で止まりました。承認を完了すると、メンバー企業を登録し、申請者に完了のメールを送ります。",
        "This application was approved, but saving its member company stopped part way on the server. Finishing the approval makes the company and sends the applicant the completion mail.";
    FinishApproval => "承認を完了", "Finish the approval";
    UnfinishedApprovals => "承認が完了していない申請: {0} 件", "Approvals not finished: {0}";
    AppApprovalFinished => "申請 {0} の承認を完了しました。", "The approval of application {0} was finished.";
    ColMemberSince => "メンバー登録日時", "Member since";
    StatusDraft => "下書き", "Draft";
    StatusSubmitted => "審査中", "Under review";
    StatusDocs => "書類依頼中", "Documents requested";
    StatusApproved => "承認済み", "Approved";
    StatusRejected => "却下", "Rejected";
    DeletedCount => "{0} 件を削除しました。", "{0} deleted.";
    NothingToDelete =>
        "削除できるものはありません (最新の分は残します)。",
        "Nothing to delete (the newest part is always kept).";
    BusyHashing => "パスワードを安全に処理しています…", "Processing the password securely…";
    FieldSecondary => "セカンダリー・コンタクトに指定する", "Make this user a secondary contact";
    PrivSoftware => "ソフトウェアとサービスのツール", "Software and services";
    PrivReporting => "レポート", "Reporting";
    PrivEntitlements => "使用権", "Entitlements";
    PrivManageAccess => "アクセス権の管理", "Manage access";
    PrivContactUpdates => "登録内容変更 (各担当者)", "Contact updates";
    PrivDocuments => "アカウント文書", "Account documents";
    InviteSentNotice => "{0} に招待を送信しました。", "An invitation was sent to {0}.";
    InviteRevokedNotice => "{0} への招待を取り消しました。", "The invitation to {0} was revoked.";
    ColPrivileges => "権限", "Privileges";
    TourName => "ガイド・ツアー: {0}", "Guided tour: {0}";
    TourSitesName => "カスタマー・サイト", "customer sites";
    TourPartnerName => "パートナー・プログラム", "partner program";
    TourStepOf => "ステップ {0}/{1}", "step {0} of {1}";
    TourBack => "戻る", "Back";
    TourNext => "次へ", "Next";
    TourEnd => "ツアーを終了", "End the tour";
    TourFinish => "ツアーを完了", "Finish the tour";
    TourOpenPage => "このステップのページを開く", "Open this step's page";
    TourStart => "ガイド・ツアー", "Guided tours";
    TourIntro =>
        "それぞれの手順を、実際のページで順にご案内します。途中で「デモの登場人物として使う」で人物を切り替えてください。",
        "A short tour follows each program's steps on the real pages. Switch people with \"Play \
            as\" on the way.";
    TourSites1 => "ようこそのメール", "The welcome mail";
    TourSites1Text =>
        "プログラム・オフィスがサイトを登録すると、サイトご担当者 (プライマリー・コンタクト) にカスタマー番号、サイト番号、契約番号と仮パスコードを記載したメールが届きます。メールボック\
            スで開いてみてください。",
        "When the program office enrols a site, its primary contact is mailed the customer, site \
            and agreement numbers and a temporary passcode. Open that mail in the mailbox.";
    TourSites2 => "サイトご担当者としてサインイン", "Sign in as the site contact";
    TourSites2Text =>
        "「デモの登場人物として使う」で、デモ・サイトのサイトご担当者 山田 花子 になります。実際には ID でサインインし、初回は仮パスコードを入力します。",
        "Use \"Play as\" to become 山田 花子 (Hanako Yamada), the demo site's primary contact. For \
            real, you sign in with your ID and give the temporary passcode the first time.";
    TourSites3 => "サイトのページ", "The site's page";
    TourSites3Text =>
        "カスタマー番号とサイト番号、ご自分の権限、サイトの各ページへの入り口です。",
        "The customer and site numbers, your privileges, and the way to each of the site's pages.";
    TourSites4 => "キー・コンタクト (ステップ 2)", "Key contacts (step 2)";
    TourSites4Text =>
        "サイトとご注文に関するメールや書類を受け取る方を指定します。担当者のいない役割は、サイトご担当者が受け取ります。",
        "Name who receives the mail and documents about the site and its orders; a role without \
            its own contact falls to the site contact.";
    TourSites5 => "セカンダリー・ユーザーとユーザー (ステップ 3)", "Secondary users and users (step 3)";
    TourSites5Text =>
        "最大 4 名のセカンダリー・ユーザーと、ユーザーを追加して権限を設定し、アクセス・リクエストを承認または却下します。ID をお持ちでない方には招待が送られます。",
        "Add up to 4 secondary users and any number of users, set their privileges, and grant or \
            deny access requests. Someone without an ID is sent an invitation.";
    TourSites6 => "アクセスのリクエスト", "Asking for access";
    TourSites6Text =>
        "サイトを使いたい方は、サイト番号とカスタマー番号でアクセスをリクエストします。判断できる方全員にメールが届きます。",
        "Someone who needs a site asks for access with its site and customer numbers; everyone who \
            may decide is mailed.";
    TourSites7 => "お問い合わせ", "Help";
    TourSites7Text =>
        "ご質問は eCustomer Care チームへ。回答はメールで届きます。",
        "Questions go to the eCustomer Care team; the answer arrives by mail.";
    TourPartner1 => "PPS とは", "What PPS is";
    TourPartner1Text =>
        "PartnerWorld Profile System (PPS) は、企業・拠点・社員のプロフィールを管理する仕組みです。",
        "The PartnerWorld Profile System (PPS) keeps the profiles of companies, their locations \
            and their employees.";
    TourPartner2 => "登録の手順", "The steps";
    TourPartner2Text =>
        "合意書への同意、企業と社員のプロフィール、確認、そしてプログラム・オフィスの審査です。",
        "Accept the agreement, enter the company's and your own profile, review, and the program \
            office reviews it.";
    TourPartner3 => "申請", "Applying";
    TourPartner3Text =>
        "PartnerWorld 合意書 (PartnerWorld のご参加条件) に同意し、プロフィールを入力して送信します。デモの申請は審査中です。",
        "Accept the PartnerWorld agreement, enter the profiles and submit. The demo's application \
            is under review.";
    TourPartner4 => "プログラム・オフィスの審査", "The program office's review";
    TourPartner4Text =>
        "「プログラム・オフィス」として使うと、申請を承認、書類を依頼、または却下できます。承認すると手続き完了のご案内が届きます。",
        "Playing the program office, approve an application, ask for documents or reject it. An \
            approval sends the completion mail.";
    TourPartner5 => "企業プロフィール", "The company profile";
    TourPartner5Text =>
        "Alex Smith (プロフィール管理者) として、拠点、社員、役割、16 文字の会社トークンを管理します。",
        "As Alex Smith, the profile administrator, manage the locations, the employees, their \
            roles and the 16-character company token.";
    TourPartner6 => "企業への関連付け", "Joining a company";
    TourPartner6Text =>
        "社員は会社トークンを入力して企業に関連付けます。プロフィール管理者が承認するか、自動で承認されます。",
        "An employee joins with the company token; an administrator approves, or joining is \
            accepted automatically.";
    TourPartner7 => "メンバー・ホーム", "Member home";
    TourPartner7Text =>
        "関心のある製品、業種、メンバーシップ・レベルに合わせたお知らせです。",
        "News chosen by the products, industries and membership level of the member.";
    TourPartner8 => "お問い合わせ窓口 (PWCS)", "The contact desk (PWCS)";
    TourPartner8Text =>
        "受付時間と電話番号です。プロフィール管理者が分からない場合も、こちらにお問い合わせください。",
        "Its hours and phone number. If you do not know your profile administrator, ask here too.";
}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_japanese_first() {
        assert_eq!(
            T::PageUnavailableText.both(),
            format!(
                "{} / {}",
                T::PageUnavailableText.get(Lang::Ja),
                T::PageUnavailableText.get(Lang::En)
            )
        );
        assert!(T::ErrUnexpected
            .both()
            .starts_with(T::ErrUnexpected.get(Lang::Ja)));
    }

    /// Every text of the three tables, with its key's name.
    fn all_texts() -> impl Iterator<Item = (String, Text)> {
        let named = |t: &dyn std::fmt::Debug, text: Text| (format!("{t:?}"), text);
        T::ALL
            .iter()
            .map(move |t| named(t, (*t).into()))
            .chain(M::ALL.iter().map(move |t| named(t, (*t).into())))
            .chain(P::ALL.iter().map(move |t| named(t, (*t).into())))
    }

    #[test]
    fn every_text_exists_in_both_languages_and_placeholders_match() {
        for (t, text) in all_texts() {
            let (ja, en) = (text.get(Lang::Ja), text.get(Lang::En));
            assert!(
                !ja.trim().is_empty() && !en.trim().is_empty(),
                "{t} is empty"
            );
            for i in 0..4 {
                let p = format!("{{{i}}}");
                assert_eq!(
                    ja.contains(&p),
                    en.contains(&p),
                    "{t}: placeholder {p} in one language only"
                );
            }
        }
    }

    #[test]
    fn fill_reads_the_text_once_and_counts_in_english() {
        assert_eq!(
            T::ErrCodeWrong.fill(Lang::En, &["1"]),
            "The code is not correct. 1 try left."
        );
        assert_eq!(
            T::ErrCodeWrong.fill(Lang::En, &["4"]),
            "The code is not correct. 4 tries left."
        );
        assert_eq!(
            T::ErrCodeWrong.fill(Lang::Ja, &["1"]),
            "コードが正しくありません。あと 1 回入力できます。"
        );
        assert_eq!(
            P::ImportUsersProblems.fill(Lang::En, &["1"]),
            "The file has 1 problem; nothing was added. Correct it and choose the file again."
        );
        // An argument's braces are its own text, not placeholders.
        assert_eq!(
            P::JoinRefused.fill(Lang::En, &["{1}", "{0:a|b}"]),
            "Your request to join {1} was not approved: {0:a|b}"
        );
        // A placeholder without its argument stays as written.
        assert_eq!(
            P::ReportChartSummary.fill(Lang::En, &["12"]),
            "Last 12 months: {1} requested, {2} granted, {3} refused."
        );
    }

    /// No English text says "1 users" or "2 user": every count is followed by a
    /// noun in the form for its number (`{0:user|users}`).
    #[test]
    fn english_nouns_agree_with_their_counts() {
        // Words after a name or number that end in "s" but are not plural nouns.
        const NOT_PLURAL: &[&str] = &["is", "was", "has", "asks", "s"];
        let mut forms = 0;
        for (key, t) in all_texts() {
            for i in 0..4 {
                let with = |n: &'static str| {
                    let mut args = vec!["X"; 4];
                    args[i] = n;
                    t.fill(Lang::En, &args)
                };
                let one = with("1");
                let words: Vec<&str> = one.split(|c: char| !c.is_alphanumeric()).collect();
                for w in words.windows(2) {
                    assert!(
                        !(w[0] == "1" && w[1].ends_with('s') && !NOT_PLURAL.contains(&w[1])),
                        "{key}: \"{one}\""
                    );
                }
                if t.get(Lang::En).contains(&format!("{{{i}:")) {
                    forms += 1;
                    assert_ne!(one, with("2"), "{key}: the forms are the same");
                    assert!(
                        !t.get(Lang::Ja).contains(&format!("{{{i}:")),
                        "{key}: Japanese needs no forms"
                    );
                }
            }
        }
        assert!(forms >= 15, "{forms} texts with forms");
    }

    #[test]
    fn language_from_preferences() {
        assert_eq!(Lang::from_preferences(["fr-FR", "ja-JP", "en"]), Lang::Ja);
        assert_eq!(Lang::from_preferences(["en-US"]), Lang::En);
        assert_eq!(Lang::from_preferences(["de"]), Lang::En);
        assert_eq!(Lang::parse(" JA "), Some(Lang::Ja));
        assert_eq!(Lang::parse("xx"), None);
    }
}
