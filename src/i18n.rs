//! Every user-visible string, in Japanese and English.
//!
//! The `texts!` table makes a missing translation a compile error: each key takes
//! exactly two strings. Placeholders are `{0}`, `{1}`... filled by [`T::fill`].
//! Pure (no Leptos), so the domain's mail templates and the UI share it.
use crate::domain::audit::AuditEvent;
use crate::domain::error::{DomainError, Field, FieldError};
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
    ($($key:ident => $ja:expr, $en:expr;)*) => {
        /// A text key. `T::X.get(lang)` gives the string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T { $($key),* }
        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),*];
            pub fn get(self, lang: Lang) -> &'static str {
                match self {
                    $(T::$key => match lang { Lang::Ja => $ja, Lang::En => $en },)*
                }
            }
        }
    };
}

impl T {
    /// The string with `{0}`, `{1}`... replaced by `args`.
    pub fn fill(self, lang: Lang, args: &[&str]) -> String {
        let mut s = self.get(lang).to_string();
        for (i, a) in args.iter().enumerate() {
            s = s.replace(&format!("{{{i}}}"), a);
        }
        s
    }
}

texts! {
    AppName => "Onboard", "Onboard";
    Tagline => "ID、カスタマー・サイト、パートナー・プログラムの登録をひとつの場所で。", "IDs, customer sites and partner registration in one place.";
    SkipToContent => "本文へスキップ", "Skip to content";
    Language => "言語", "Language";
    MainNav => "メイン・メニュー", "Main menu";
    Home => "ホーム", "Home";
    SignIn => "サインイン", "Sign in";
    SignOut => "サインアウト", "Sign out";
    SignedInAs => "{0} でサインイン中", "Signed in as {0}";
    CreateId => "ID の作成", "Create an ID";
    CustomerSites => "カスタマー・サイト", "Customer sites";
    PartnerProgram => "パートナー・プログラム", "Partner program";
    Mailbox => "メールボックス", "Mailbox";
    ProgramOffice => "プログラム・オフィス", "Program office";
    Data => "データ", "Data";
    Profile => "プロフィール", "Profile";
    UnreadCount => "未読 {0} 件", "{0} unread";
    HomeCreateIdText => "eメールとパスワードで、すべてのサービスに共通の個人 ID を作成します。", "Make one personal ID (email and password) for every service here.";
    HomeSignInText => "お持ちの ID でサインインします。", "Sign in with your ID.";
    HomeSitesText => "サイトの初回サインイン、各担当者の更新、ユーザーとアクセス権の管理。", "First sign-in to your site, key contacts, users and access.";
    HomePartnerText => "パートナー・プログラムへの参加と、企業・社員プロフィールの管理。", "Join the partner program and manage company and employee profiles.";
    HomeMailText => "システムが送信したメールはすべてここに届きます。", "Every mail the system sends arrives here.";
    HomeOfficeText => "サイトの登録、申請の審査、ヘルプ・リクエストへの回答 (オペレーター用)。", "Enrol sites, review applications, answer help requests (operators).";
    HomeDataText => "エクスポート、インポート、デモ・データ、リセット。", "Export, import, demo data, reset.";
    DemoNotice => "Onboard はブラウザーだけで動作します。データはこのブラウザーの localStorage に保存され、メールはアプリ内のメールボックスに届きます。", "Onboard runs entirely in your browser. Data is kept in this browser's localStorage and mail arrives in the in-app mailbox.";
    NotFoundTitle => "ページが見つかりません", "Page not found";
    NotFoundText => "お探しのページは見つかりませんでした。", "There is no page at this address.";
    BackHome => "ホームへ戻る", "Back to the home page";
    ComingSoon => "この機能は準備中です。", "This part is being built.";
    Required => "必須", "required";
    Optional => "任意", "optional";
    Working => "処理中…", "Working…";
    Submit => "送信", "Submit";
    Save => "保存", "Save";
    Cancel => "キャンセル", "Cancel";
    Saved => "保存しました。", "Saved.";
    FormHasErrors => "入力内容を確認してください ({0} 件)。", "Please check the form ({0} problems).";
    // --- fields
    FieldEmail => "eメール・アドレス", "Email address";
    FieldFamilyName => "姓", "Family name";
    FieldGivenName => "名", "Given name";
    FieldCountry => "国または地域", "Country or region";
    FieldMailLang => "メールの言語", "Language of mail";
    FieldCurrentPassword => "現在のパスワード", "Current password";
    FieldPassword => "パスワード", "Password";
    FieldNewPassword => "新しいパスワード", "New password";
    FieldPasswordConfirm => "パスワード (確認)", "Confirm password";
    FieldTerms => "利用条件に同意します", "I accept the terms of use";
    FieldCode => "確認コード (6 桁)", "Verification code (6 digits)";
    FieldResetCode => "再設定コード (6 桁)", "Reset code (6 digits)";
    ChooseCountry => "選択してください", "Choose…";
    PasswordPolicy => "10 文字以上。eメール・アドレスやよく使われるパスワードは使えません。", "At least 10 characters; not your email address and not a common password.";
    ShowPassword => "パスワードを表示", "Show password";
    // --- field errors
    ErrRequired => "入力してください。", "This is required.";
    ErrTooLong => "{0} 文字以内で入力してください。", "Use at most {0} characters.";
    ErrForbiddenChars => "制御文字や書式制御文字は使えません。", "Control or formatting characters are not allowed.";
    ErrEmailFormat => "eメール・アドレスの形式が正しくありません (例: name@example.com)。", "Enter an email address like name@example.com.";
    ErrEmailTaken => "この eメール・アドレスの ID はすでにあります。サインインするか、パスワードを再設定してください。", "An ID with this email already exists. Sign in or reset the password.";
    ErrUnknownCountry => "一覧から国または地域を選んでください。", "Choose a country or region from the list.";
    ErrPasswordTooShort => "パスワードは {0} 文字以上にしてください。", "Use at least {0} characters.";
    ErrPasswordIsEmail => "eメール・アドレスをパスワードにはできません。", "The password cannot be your email address.";
    ErrPasswordCommon => "よく使われるパスワードです。推測されにくいものにしてください。", "This password is too common. Choose one that is harder to guess.";
    ErrPasswordMismatch => "パスワードが一致しません。", "The passwords do not match.";
    ErrWrongPassword => "パスワードが正しくありません。", "The password is not correct.";
    ErrTermsRequired => "続けるには利用条件への同意が必要です。", "You need to accept the terms to continue.";
    ErrDigitsFormat => "{0} 桁の数字を入力してください。", "Enter the {0}-digit number.";
    ErrCodeWrong => "コードが正しくありません。あと {0} 回入力できます。", "The code is not correct. {0} tries left.";
    ErrCodeExpired => "コードの有効期限が切れました。新しいコードを送信してください。", "The code has expired. Send a new one.";
    ErrCodeUsedUp => "このコードは使えなくなりました。新しいコードを送信してください。", "This code can no longer be used. Send a new one.";
    ErrUnknownId => "この eメール・アドレスの ID はありません。", "There is no ID with this email address.";
    // --- domain errors
    ErrNotAllowed => "この操作を行う権限がありません。", "You are not allowed to do this.";
    ErrNotSignedIn => "サインインしてください。", "Please sign in.";
    ErrBadCredentials => "eメール・アドレスまたはパスワードが正しくありません。", "The email address or password is not correct.";
    ErrLocked => "誤ったパスワードが続いたため、{0} までロックされています。パスワードを再設定するとすぐに解除されます。", "Too many wrong passwords: locked until {0}. Resetting the password unlocks it at once.";
    ErrNotVerified => "この ID はまだ確認されていません。メールで届いた確認コードを入力してください。", "This ID is not verified yet. Enter the code we mailed you.";
    ErrAlreadyVerified => "この ID はすでに確認済みです。サインインしてください。", "This ID is already verified. Please sign in.";
    ErrNotFound => "見つかりません。", "Not found.";
    ErrOperatorExists => "オペレーター・アカウントはすでにあります。", "The operator account already exists.";
    ErrConflict => "別のタブで内容が変更されました。最新の内容を読み込みました。もう一度操作してください。", "This was changed in another tab. The latest data is loaded; please try again.";
    ErrQuota => "ブラウザーの保存領域がいっぱいのため保存できませんでした。何も変更されていません。データ・ページで古いメールを削除するか、エクスポートしてください。", "Could not save: the browser's storage is full. Nothing was changed. Delete old mail or export your data on the Data page.";
    ErrStorage => "保存できませんでした ({0})。何も変更されていません。", "Could not save ({0}). Nothing was changed.";
    ErrUnexpected => "予期しないエラーが発生しました。データは保存されています。ページを再読み込みしてください。", "Something unexpected went wrong. Your data is safe; please reload the page.";
    // --- create ID
    CreateIdTitle => "ID の作成", "Create an ID";
    CreateIdIntro => "ID はすべてのサービスで共通の個人 ID です。eメールに確認コードが届きます。", "Your ID is one personal sign-in for every service here. We mail you a code to confirm the address.";
    TermsText => "利用条件: Onboard はデモ用の登録ポータルです。入力した情報はこのブラウザーにのみ保存されます。", "Terms of use: Onboard is a demonstration registration portal. What you enter is stored in this browser only.";
    CreateIdSubmit => "ID を作成", "Create ID";
    IdCreated => "ID を作成しました。{0} 宛てに確認コードを送信しました。", "Your ID was created. We mailed a code to {0}.";
    HaveIdSignIn => "ID をお持ちの方はサインイン", "Already have an ID? Sign in";
    // --- verify
    VerifyTitle => "ID の確認", "Verify your ID";
    VerifyIntro => "メールボックスに届いた 6 桁の確認コードを入力してください。コードは 30 分間有効です。", "Enter the 6-digit code from your mailbox. It is valid for 30 minutes.";
    VerifySubmit => "確認する", "Verify";
    ResendCode => "コードを再送信", "Send a new code";
    CodeResent => "新しいコードを {0} 宛てに送信しました。", "A new code was mailed to {0}.";
    OpenMailbox => "メールボックスを開く", "Open the mailbox";
    Verified => "ID が確認されました。サインインしました。", "Your ID is verified and you are signed in.";
    // --- sign in
    SignInTitle => "サインイン", "Sign in";
    SignInIntro => "ID (eメール・アドレス) とパスワードを入力してください。", "Enter your ID (email address) and password.";
    SignInSubmit => "サインイン", "Sign in";
    ForgotPassword => "パスワードをお忘れの方", "Forgot your password?";
    NoIdCreate => "ID をお持ちでない方は作成", "No ID yet? Create one";
    SignedIn => "サインインしました。", "You are signed in.";
    SignedOut => "サインアウトしました。", "You are signed out.";
    SessionEnded => "セッションが終了しました。もう一度サインインしてください。", "Your session has ended. Please sign in again.";
    GoVerify => "ID を確認する", "Verify your ID";
    // --- reset
    ResetTitle => "パスワードの再設定", "Reset your password";
    ResetIntro => "ID の eメール・アドレスを入力してください。再設定コードをメールで送信します。", "Enter your ID's email address and we will mail you a reset code.";
    ResetSend => "再設定コードを送信", "Send reset code";
    ResetMailed => "{0} の ID があれば、再設定コードを送信しました。メールボックスを確認してください。", "If an ID exists for {0}, a reset code is on its way. Check the mailbox.";
    ResetStep2 => "コードと新しいパスワード", "Code and new password";
    ResetSubmit => "パスワードを再設定", "Set new password";
    PasswordResetDone => "パスワードを再設定しました。ほかのすべてのセッションは終了しました。新しいパスワードでサインインしてください。", "Your password was reset and every session ended. Sign in with the new password.";
    // --- profile
    ProfileTitle => "プロフィール", "Profile";
    ProfileIntro => "お名前、国、メールの言語を変更できます。", "Change your names, country and mail language.";
    ProfileSaved => "プロフィールを保存しました。", "Your profile was saved.";
    ChangePasswordTitle => "パスワードの変更", "Change password";
    ChangePasswordSubmit => "パスワードを変更", "Change password";
    PasswordChanged => "パスワードを変更しました。ほかのセッションは終了しました。", "Your password was changed; other sessions were ended.";
    IdEmail => "ID (eメール)", "ID (email)";
    // --- mailbox
    MailboxTitle => "メールボックス", "Mailbox";
    MailboxIntro => "Onboard が送信したすべてのメールです (静的なページからは外部にメールを送れないため)。", "Every mail Onboard has sent (a static page cannot send real mail).";
    FilterRecipient => "宛先で絞り込み", "Filter by recipient";
    AllRecipients => "すべての宛先", "All recipients";
    NoMail => "メールはありません。", "No mail.";
    MailFrom => "差出人", "From";
    MailTo => "宛先", "To";
    MailDate => "日時", "Date";
    MailSubject => "件名", "Subject";
    Unread => "未読", "Unread";
    BackToMailbox => "メールボックスへ戻る", "Back to the mailbox";
    Copy => "コピー", "Copy";
    Copied => "コピーしました", "Copied";
    MailCount => "メール {0} 件", "Messages: {0}";
    Previous => "前へ", "Previous";
    Next => "次へ", "Next";
    PageOf => "{0} / {1} ページ", "Page {0} of {1}";
    // --- office
    OfficeTitle => "プログラム・オフィス", "Program office";
    OfficeSetupTitle => "オペレーター・アカウントの作成", "Create the operator account";
    OfficeSetupIntro => "プログラム・オフィスはオペレーター専用です。最初にオペレーター・アカウントを作成してください。", "The program office is for operators. First create the operator account.";
    OfficeSetupSubmit => "アカウントを作成", "Create account";
    OfficeSignInTitle => "オペレーターのサインイン", "Operator sign-in";
    OfficeSignInIntro => "オペレーター・アカウントでサインインしてください。", "Sign in with the operator account.";
    OfficeWelcome => "オペレーターとしてサインイン中です。", "You are signed in as the operator.";
    OperatorCreated => "オペレーター・アカウントを作成しました。", "The operator account was created.";
    AuditTitle => "監査証跡", "Audit trail";
    AuditIntro => "セキュリティーに関わるすべての操作の記録です (新しい順)。", "Every security-relevant event, newest first.";
    AuditWhen => "日時", "When";
    AuditActor => "実行者", "Actor";
    AuditEventCol => "イベント", "Event";
    AuditSubject => "対象", "Subject";
    AuditDetail => "詳細", "Detail";
    FilterEvent => "イベントで絞り込み", "Filter by event";
    FilterText => "テキストで絞り込み", "Filter by text";
    AllEvents => "すべてのイベント", "All events";
    NoEntries => "該当する記録はありません。", "No matching entries.";
    // --- data
    DataTitle => "データ", "Data";
    DataIntro => "このブラウザーに保存されたすべてのデータを管理します。", "Manage everything stored in this browser.";
    ExportTitle => "エクスポート", "Export";
    ExportText => "すべてのデータを 1 つの JSON ファイルとしてダウンロードします。パスワードとコードはハッシュとしてのみ含まれます。", "Download all data as one JSON file. Passwords and codes are only in it as hashes.";
    ExportButton => "エクスポート", "Export";
    ImportTitle => "インポート", "Import";
    ImportText => "エクスポートしたファイルを読み込みます。ファイル全体を検証してから置き換えます。問題があれば何も変更しません。", "Load an exported file. The whole file is checked before anything is replaced; if anything is wrong nothing changes.";
    ImportFile => "インポートするファイル", "File to import";
    ImportButton => "インポート", "Import";
    Imported => "インポートしました ({0} 件のレコード)。", "Imported ({0} records).";
    ImportFailed => "インポートできませんでした: {0}。データは変更されていません。", "Could not import: {0}. Nothing was changed.";
    ImportNoFile => "ファイルを選んでください。", "Choose a file.";
    ResetDataTitle => "すべてのデータを削除", "Delete all data";
    ResetDataText => "このブラウザーの Onboard のデータをすべて削除します。元に戻せません。先にエクスポートしてください。", "Delete all Onboard data in this browser. This cannot be undone: export first.";
    ResetDataButton => "すべて削除…", "Delete everything…";
    ResetDataConfirm => "本当にすべてのデータを削除しますか? 入力して確認: DELETE", "Really delete all data? Type DELETE to confirm";
    ResetDataConfirmLabel => "確認のため DELETE と入力", "Type DELETE to confirm";
    ResetDataDo => "削除する", "Delete";
    ResetDone => "すべてのデータを削除しました。", "All data was deleted.";
    DemoTitle => "デモ・データ", "Demo data";
    DemoText => "デモ用の ID とオペレーター・アカウントを読み込みます (パスワードはすべて {0})。", "Load demo IDs and an operator account (every password is {0}).";
    DemoButton => "デモ・データを読み込む", "Load demo data";
    DemoLoaded => "デモ・データを読み込みました。", "Demo data loaded.";
    DemoNeedsEmpty => "デモ・データは空のデータにのみ読み込めます。先にすべて削除してください。", "Demo data loads only into empty data; delete everything first.";
    StorageUsage => "使用量: 約 {0} KB (上限約 {1} KB の {2}%)", "In use: about {0} KB ({2}% of about {1} KB)";
    RecordCounts => "ID {0} 件、メール {1} 件、監査記録 {2} 件", "IDs: {0} · mails: {1} · audit entries: {2}";
    // --- banners
    BannerMemoryOnly => "このブラウザーでは保存領域を使えません (プライベート・モードなど)。変更は保存されず、ページを閉じると失われます。", "Storage is not available in this browser (private mode?). Changes will not be kept when you close the page.";
    BannerQuarantine => "読み取れないデータ {0} 件を別の場所に退避しました。削除はしていません。", "Stored records that could not be read: {0}. They were set aside; nothing was deleted.";
    BannerQuarantineItem => "{0}: {1}", "{0}: {1}";
    Download => "ダウンロード", "Download";
    Discard => "破棄", "Discard";
    Dismiss => "閉じる", "Dismiss";
    BannerOtherTab => "別のタブでの変更を読み込みました。", "Changes from another tab were loaded.";
    BannerNearFull => "保存領域の {0}% を使用しています。データ・ページで古いメールや監査記録を削除するか、エクスポートしてください。", "Storage is {0}% full. Export, or delete old mail and audit entries on the Data page.";
    BannerRecovered => "中断された保存を完了しました。", "An interrupted save was completed.";
    // --- audit events
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
    BusyHashing => "パスワードを安全に処理しています…", "Processing the password securely…";
}

/// The words for a field error.
pub fn field_error(e: &FieldError, lang: Lang) -> String {
    match e {
        FieldError::Required => T::ErrRequired.get(lang).into(),
        FieldError::TooLong { max } => T::ErrTooLong.fill(lang, &[&max.to_string()]),
        FieldError::ForbiddenCharacters => T::ErrForbiddenChars.get(lang).into(),
        FieldError::EmailFormat => T::ErrEmailFormat.get(lang).into(),
        FieldError::EmailTaken => T::ErrEmailTaken.get(lang).into(),
        FieldError::UnknownCountry => T::ErrUnknownCountry.get(lang).into(),
        FieldError::PasswordTooShort { min } => {
            T::ErrPasswordTooShort.fill(lang, &[&min.to_string()])
        }
        FieldError::PasswordIsEmail => T::ErrPasswordIsEmail.get(lang).into(),
        FieldError::PasswordCommon => T::ErrPasswordCommon.get(lang).into(),
        FieldError::PasswordMismatch => T::ErrPasswordMismatch.get(lang).into(),
        FieldError::WrongPassword => T::ErrWrongPassword.get(lang).into(),
        FieldError::TermsRequired => T::ErrTermsRequired.get(lang).into(),
        FieldError::DigitsFormat { len } => T::ErrDigitsFormat.fill(lang, &[&len.to_string()]),
        FieldError::CodeWrong { tries_left } => {
            T::ErrCodeWrong.fill(lang, &[&tries_left.to_string()])
        }
        FieldError::CodeExpired => T::ErrCodeExpired.get(lang).into(),
        FieldError::CodeUsedUp => T::ErrCodeUsedUp.get(lang).into(),
        FieldError::UnknownId => T::ErrUnknownId.get(lang).into(),
    }
}

/// The words for a domain error (field errors are shown by their fields).
pub fn domain_error(e: &DomainError, lang: Lang) -> String {
    use crate::domain::calendar::format_jst;
    match e {
        DomainError::Invalid(v) => T::FormHasErrors.fill(lang, &[&v.len().to_string()]),
        DomainError::NotAllowed => T::ErrNotAllowed.get(lang).into(),
        DomainError::NotSignedIn => T::ErrNotSignedIn.get(lang).into(),
        DomainError::BadCredentials => T::ErrBadCredentials.get(lang).into(),
        DomainError::Locked { until } => T::ErrLocked.fill(lang, &[&format_jst(*until, lang)]),
        DomainError::NotVerified => T::ErrNotVerified.get(lang).into(),
        DomainError::AlreadyVerified => T::ErrAlreadyVerified.get(lang).into(),
        DomainError::NotFound => T::ErrNotFound.get(lang).into(),
        DomainError::OperatorExists => T::ErrOperatorExists.get(lang).into(),
    }
}

/// The name of an audit event.
pub fn audit_event(e: AuditEvent) -> T {
    match e {
        AuditEvent::IdCreated => T::EvIdCreated,
        AuditEvent::IdVerified => T::EvIdVerified,
        AuditEvent::CodeResent => T::EvCodeResent,
        AuditEvent::SignInOk => T::EvSignInOk,
        AuditEvent::SignInFailed => T::EvSignInFailed,
        AuditEvent::SignInLocked => T::EvSignInLocked,
        AuditEvent::SignOut => T::EvSignOut,
        AuditEvent::ResetRequested => T::EvResetRequested,
        AuditEvent::PasswordReset => T::EvPasswordReset,
        AuditEvent::PasswordChanged => T::EvPasswordChanged,
        AuditEvent::ProfileUpdated => T::EvProfileUpdated,
        AuditEvent::OperatorCreated => T::EvOperatorCreated,
        AuditEvent::OperatorSignIn => T::EvOperatorSignIn,
        AuditEvent::OperatorSignInFailed => T::EvOperatorSignInFailed,
        AuditEvent::OperatorLocked => T::EvOperatorLocked,
        AuditEvent::OperatorSignOut => T::EvOperatorSignOut,
    }
}

pub fn field_label(f: Field) -> T {
    match f {
        Field::Email => T::FieldEmail,
        Field::FamilyName => T::FieldFamilyName,
        Field::GivenName => T::FieldGivenName,
        Field::Country => T::FieldCountry,
        Field::MailLang => T::FieldMailLang,
        Field::CurrentPassword => T::FieldCurrentPassword,
        Field::Password => T::FieldPassword,
        Field::PasswordConfirm => T::FieldPasswordConfirm,
        Field::Terms => T::FieldTerms,
        Field::Code => T::FieldCode,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages_and_placeholders_match() {
        for t in T::ALL {
            let (ja, en) = (t.get(Lang::Ja), t.get(Lang::En));
            assert!(
                !ja.trim().is_empty() && !en.trim().is_empty(),
                "{t:?} is empty"
            );
            for i in 0..4 {
                let p = format!("{{{i}}}");
                assert_eq!(
                    ja.contains(&p),
                    en.contains(&p),
                    "{t:?}: placeholder {p} in one language only"
                );
            }
        }
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
