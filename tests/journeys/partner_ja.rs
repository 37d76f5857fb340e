//! Seed 003's journey completely in Japanese (issue 12): the application, the office's
//! approval, the completion mail 「… 様 手続き完了のご案内」, joining by the company token
//! and the APA's approval, each mail checked by its Japanese subject.
use crate::e2e_support::*;

const PW: &str = "correct horse battery";

/// Is the first audit entry's detail within the window, at least 300 px wide?
const DETAIL_IN_SIGHT: &str = "const r = document.querySelector('table.log td.detail')
    .getBoundingClientRect();
    return r.right <= document.documentElement.clientWidth && r.width >= 300;";

/// The operator's sign-in (or the account's creation the first time), in Japanese.
async fn operator(b: &Browser, first: bool) {
    b.open("/office").await;
    b.fill("eメール・アドレス", "op@example.jp").await;
    b.fill("パスワード", PW).await;
    if first {
        b.fill("パスワード (確認)", PW).await;
        b.press("アカウントを作成").await;
    } else {
        b.press("サインイン").await;
    }
    b.follow("パートナー申請の審査").await;
    b.heading_is("パートナー申請の審査").await;
}

async fn sign_out(b: &Browser) {
    b.open_menu().await;
    b.press("サインアウト").await;
    b.sees("サインイン").await;
}

async fn sign_in(b: &Browser, email: &str) {
    b.open("/signin").await;
    b.fill("eメール・アドレス", email).await;
    b.fill("パスワード", PW).await;
    b.press("サインイン").await;
    b.sees("サインインしました。").await;
}

#[tokio::test]
async fn partner_program_in_japanese() {
    let b = Browser::start().await;
    b.open("/?lang=ja").await;
    operator(&b, true).await;
    b.follow("プログラム・オフィス").await;
    b.press("サインアウト").await;

    // A company applies: the agreement, the company and employee profiles, the review.
    b.create_id_ja("aiko@example.jp", "愛子", "伊藤", PW).await;
    b.open("/partner/apply").await;
    b.heading_is("PartnerWorld へのご登録").await;
    b.sees("PartnerWorld 合意書 (PartnerWorld のご参加条件)")
        .await;
    b.press("同意する").await;
    b.fill("会社名 (正式名称)", "株式会社サンプル・パートナーズ")
        .await;
    b.check("販売 (リセラー)").await;
    b.check("クラウド").await;
    b.choose("従業員数", "11〜50 人").await;
    b.fill("郵便番号", "106-8711").await;
    b.fill("市区町村", "港区").await;
    b.fill("番地・建物名", "六本木 3-2-12").await;
    b.fill("電話番号", "03-1234-5678").await;
    b.press("次へ").await;
    b.sees("社員プロフィール — ステップ 3 / 4").await;
    assert_eq!(b.value_of("姓").await, "伊藤", "names come from the ID");
    b.fill("電話番号", "090-1111-2222").await;
    b.check("営業").await;
    b.check("クラウド").await;
    b.press("次へ").await;
    b.sees("確認 — ステップ 4 / 4").await;
    b.sees("株式会社サンプル・パートナーズ").await;
    b.press("送信").await;
    b.sees("申請を受け付けました。確認番号: PW").await;
    b.open("/mail?to=aiko%40example.jp").await;
    b.sees("PartnerWorld ご登録申請の受付").await;
    b.open("/partner").await;
    sign_out(&b).await;

    // The office approves; the completion mail carries the company's name.
    operator(&b, false).await;
    b.sees("株式会社サンプル・パートナーズ").await;
    b.press("承認").await;
    b.sees("を承認しました。").await;
    b.follow("プログラム・オフィス").await;
    b.press("サインアウト").await;
    b.open("/mail?to=aiko%40example.jp").await;
    b.follow_containing("株式会社サンプル・パートナーズ 様 手続き完了のご案内")
        .await;
    b.sees(
        "PartnerWorld へのご登録手続きが完了しました。メンバーシップ・レベルは「メンバー」です。",
    )
    .await;
    b.snap("partner-complete-mail-ja").await;

    // The APA reads the company token.
    sign_in(&b, "aiko@example.jp").await;
    b.open("/partner/company").await;
    b.sees("メンバーシップ・レベル: メンバー").await;
    let token = b.text_of(".token code").await;
    assert_eq!(token.len(), 19, "shown in groups of four: {token}");
    sign_out(&b).await;

    // A colleague joins by the token; the APA approves; the welcome mail is Japanese.
    b.create_id_ja("ken@example.jp", "健", "加藤", PW).await;
    b.open("/partner/associate").await;
    b.sees("プロフィール管理者が不明の場合は、PartnerWorld コンタクト・サービス (PWCS) にお問い合わせください。")
        .await;
    b.fill("会社トークン (16 桁の英数字)", &token).await;
    b.press("送信").await;
    b.c.find(fantoccini::Locator::Css("#locations input[type=radio]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.fill("電話番号", "090-3333-4444").await;
    b.check("技術").await;
    b.press("保存").await;
    b.sees("申請を送信しました。プロフィール管理者が承認するとメールが届きます。")
        .await;
    sign_out(&b).await;
    sign_in(&b, "aiko@example.jp").await;
    b.open("/partner/company").await;
    b.sees("関連付けリクエスト (1)").await;
    b.press_labelled("承認 ken@example.jp").await;
    b.press_in("#panel-form", "承認").await;
    b.sees("ken@example.jp を承認しました。").await;
    b.sees("変更履歴").await;
    b.sees("ken@example.jp: 審査待ち → 承認 (プロフィール管理者: いいえ)")
        .await;
    b.resize(390, 1000).await;
    b.js("document.querySelector('table.history').scrollIntoView(); return 1")
        .await;
    b.snap("partner-company-ja-narrow-history").await;
    // On a phone each entry is a block: its detail in sight and the width of the page,
    // not a column beyond the table's sideways scroll.
    assert_eq!(b.js(DETAIL_IN_SIGHT).await, true, "the history on a phone");
    sign_out(&b).await;
    b.open("/mail?to=ken%40example.jp").await;
    b.sees("PartnerWorld ご登録確認とガイド").await;

    // The office's audit trail names the company, never its internal id, and reads
    // as blocks on a phone too.
    operator(&b, false).await;
    b.open("/office/audit").await;
    b.heading_is("監査証跡").await;
    b.sees("企業 株式会社サンプル・パートナーズ").await;
    b.fill("テキストで絞り込み", "サンプル・パートナーズ").await;
    b.sees("ken@example.jp: 審査待ち → 承認 (プロフィール管理者: いいえ)")
        .await;
    let ids = "return /\\b[0-9a-f]{12,}\\b/.test(document.querySelector('table.log').innerText)";
    assert_eq!(b.js(ids).await, false, "no company id in the trail");
    assert_eq!(
        b.js(DETAIL_IN_SIGHT).await,
        true,
        "the audit trail on a phone"
    );
    b.snap("audit-ja-narrow").await;
    // What the page found, every page of it, as a file: the words the reader read.
    b.press("CSV をダウンロード").await;
    let csv = std::fs::read_to_string(b.downloaded("audit-trail-").await).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}time_utc,event,event_name,actor,subject,subject_name,detail"
    );
    let shown = b
        .js("return document.querySelectorAll('table.log tbody tr').length")
        .await;
    assert_eq!(Some(lines.len() as u64 - 1), shown.as_u64(), "{csv}");
    assert!(
        lines.iter().any(|l| l.contains("JoinDecided,関連付けの判断,aiko@example.jp,")
            && l.ends_with(",株式会社サンプル・パートナーズ,ken@example.jp: 審査待ち → 承認 (プロフィール管理者: いいえ)")),
        "{csv}"
    );
    // Nothing found: nothing to download.
    b.fill("テキストで絞り込み", "該当しない言葉").await;
    b.sees("該当する記録はありません。").await;
    b.does_not_see("CSV をダウンロード").await;
    b.finish().await;
}
