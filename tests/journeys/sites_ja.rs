//! Seed 000's journey completely in Japanese (issue 12): the office enrols a site with
//! Japanese mail, the welcome mail and its numbers, the first sign-in, a key contact, a
//! secondary contact, an access request granted; each mail by its Japanese subject.
use crate::e2e_support::*;

const PW: &str = "correct horse battery";

#[tokio::test]
async fn customer_site_in_japanese() {
    let b = Browser::start().await;
    // The office enrols a site whose primary contact reads Japanese.
    b.open("/office?lang=ja").await;
    b.fill("eメール・アドレス", "op@example.jp").await;
    b.fill("パスワード", PW).await;
    b.fill("パスワード (確認)", PW).await;
    b.press("アカウントを作成").await;
    b.open("/office/sites").await;
    b.heading_is("カスタマー・サイトの管理").await;
    b.fill_enrolment_ja("株式会社サンプル", "花子", "hanako@example.jp")
        .await;
    b.press("サイトを登録").await;
    b.sees("ウェルカム・メールを hanako@example.jp に送信しました。")
        .await;
    b.follow("プログラム・オフィス").await;
    b.press("サインアウト").await;

    // The welcome mail, in Japanese, with the numbers and the seed's headings.
    b.open("/mail?to=hanako%40example.jp").await;
    b.follow_containing("パスポート・アドバンテージ・オンラインにアクセスしてください")
        .await;
    let site = b.mail_field("サイト番号").await;
    let customer = b.mail_field("お客様番号 (ICN)").await;
    assert_eq!((site.len(), customer.len()), (7, 7));
    let passcode = b
        .mail_field("テンポラリー・パスコード (初回アクセス時のみ使用)")
        .await;
    assert_eq!(passcode.len(), 8);
    b.sees(
        "パスポート・アドバンテージ・オンラインへの初回「サインイン」とユーザーアクセスについて",
    )
    .await;
    b.sees("初回のサインイン後にパスポート・アドバンテージ・オンラインを使用する")
        .await;
    b.snap("welcome-mail-ja").await;

    // The primary contact makes an ID and activates the site.
    b.create_id_ja("hanako@example.jp", "花子", "山田", PW)
        .await;
    b.open("/sites").await;
    b.fill("テンポラリー・パスコード (8 文字)", &passcode).await;
    b.press("サイトを有効にする").await;
    b.sees("サイトが有効になりました。").await;
    b.sees("株式会社サンプル").await;

    // A key contact.
    b.follow("登録内容変更").await;
    b.heading_is("登録内容変更 (各担当者)").await;
    b.press_labelled("編集 — サイト技術担当者").await;
    b.fill("姓", "佐藤").await;
    b.fill("名", "次郎").await;
    b.fill("eメール・アドレス", "tech@example.jp").await;
    b.fill("電話番号", "03-1234-5678").await;
    b.press_in("#contact-form", "保存").await;
    b.sees("担当者を保存しました。").await;

    // A secondary contact who may decide requests.
    b.open(&format!("/sites/{site}/access")).await;
    b.heading_is("アクセス権の管理").await;
    b.press("新規ユーザーの追加").await;
    b.fill("eメール・アドレス", "second@example.jp").await;
    b.choose("アクセス権の管理", "更新").await;
    b.check("セカンダリー・コンタクトに指定する").await;
    b.press_in("#user-form", "ユーザーを追加").await;
    b.sees("second@example.jp を追加しました。ID をまだお持ちでないため、ID を作成するための招待メール (7 日間有効) を送信しました。")
        .await;
    b.sees("ユーザー 2 人 (セカンダリー 1 人)").await;
    b.press("サインアウト").await;

    // Someone asks for access; the deciders are told; the primary grants it.
    b.create_id_ja("bob@example.jp", "ボブ", "田中", PW).await;
    b.open("/sites/request").await;
    b.fill("サイト番号 (7 桁)", &site).await;
    b.fill("お客様番号 (7 桁)", &customer).await;
    b.press("リクエストを送信").await;
    b.sees("リクエストを送信しました。").await;
    b.press("サインアウト").await;
    for decider in ["hanako", "second"] {
        b.open(&format!("/mail?to={decider}%40example.jp")).await;
        b.sees("アクセス・リクエストが届きました").await;
    }
    b.open("/signin").await;
    b.fill("eメール・アドレス", "hanako@example.jp").await;
    b.fill("パスワード", PW).await;
    b.press("サインイン").await;
    b.sees("サインインしました。").await;
    // Home, signed in: her own ID in place of creating one and signing in.
    b.sees("お名前、国、メールの言語、パスワードの変更。").await;
    b.does_not_see("お持ちの ID でサインインします。").await;
    b.snap("home-signed-in-ja").await;
    b.follow("あなたの ID").await;
    b.heading_is("プロフィール").await;
    // Her ID's own history, newest first: this sign-in first, its making last.
    b.sees("サインインと変更の履歴").await;
    b.sees("この ID のサインイン、パスワードの誤り、ロック、変更の記録です (新しい順)。")
        .await;
    let rows = b.history_rows(100).await;
    let rows = rows.as_array().expect("rows");
    assert_eq!(
        rows[0],
        serde_json::json!(["サインイン成功", "hanako@example.jp"])
    );
    assert_eq!(
        rows.last(),
        Some(&serde_json::json!(["ID 作成", "(サインインなし)"])),
        "{rows:?}"
    );
    b.resize(390, 1000).await;
    b.snap("profile-history-ja-narrow").await;
    b.resize(1280, 900).await;
    b.open("/signin").await;
    b.sees(
        "hanako@example.jp としてサインインしています。別の ID でサインインすると、\
         hanako@example.jp はサインアウトします。",
    )
    .await;
    b.snap("signin-signed-in-ja").await;
    b.open(&format!("/sites/{site}/access")).await;
    b.press_labelled("承認 bob@example.jp").await;
    b.press_in("#decide-form", "承認").await;
    b.sees("bob@example.jp のリクエストを承認しました。").await;
    b.resize(390, 1000).await;
    b.snap("site-access-granted-ja-narrow").await;
    b.open_menu().await;
    b.press("サインアウト").await;
    b.open("/mail?to=bob%40example.jp").await;
    b.sees("アクセス・リクエストが承認されました").await;
    b.finish().await;
}
