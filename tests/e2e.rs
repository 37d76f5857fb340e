//! Layer 3: user journeys in headless Chromium against the built `dist/`, driven as a
//! user would: by labels, button and link names, and the keyboard.
//!
//! Needs `make dist` first and chromedriver (`make test-e2e` does both).
#[path = "../crates/onboard-core/tests/common/mod.rs"]
mod common;
mod e2e_support;
use e2e_support::*;
use onboard_core::identity_commands;
#[path = "journeys/partner.rs"]
mod partner;
#[path = "journeys/partner_ja.rs"]
mod partner_ja;
#[path = "shared_support/peers.rs"]
mod peers;
#[path = "journeys/shared.rs"]
mod shared;
#[path = "shared_support/mod.rs"]
mod shared_support;
#[path = "journeys/sites.rs"]
mod sites;
#[path = "journeys/sites_ja.rs"]
mod sites_ja;

const PW: &str = "correct horse battery";
const NEW_PW: &str = "a brand new passphrase";

#[tokio::test]
async fn id_lifecycle_in_english() {
    let b = Browser::start().await;
    b.open("/?lang=en").await;
    b.follow("Create an ID").await;
    b.heading_is("Create an ID").await;
    b.submit_new_id("  Hanako.Yamada@Example.COM ", "Hanako", "Yamada", PW)
        .await;
    b.heading_is("Verify your ID").await;
    b.sees("We mailed a code to hanako.yamada@example.com")
        .await;

    // The code arrives in the mailbox.
    b.follow("Open the mailbox").await;
    b.heading_is("Mailbox").await;
    b.follow_containing("Your ID verification code").await;
    let code = b.text_of(".copy-value code").await;
    assert_eq!(code.len(), 6, "a 6-digit code: {code}");
    b.snap("mail-en").await;
    b.follow("Verify now").await;
    b.heading_is("Verify your ID").await;
    assert_eq!(
        b.value_of("Email address").await,
        "hanako.yamada@example.com"
    );
    b.fill("Verification code (6 digits)", &code).await;
    b.press("Verify").await;
    b.sees("Your ID is verified and you are signed in.").await;
    b.sees("Hanako Yamada").await;
    home_cards_for(&b, true).await;

    // Sign out (home shows the cards for someone not signed in again), then five
    // wrong passwords lock the ID.
    b.press("Sign out").await;
    b.sees("You are signed out.").await;
    home_cards_for(&b, false).await;
    b.follow("Sign in").await;
    b.heading_is("Sign in").await;
    b.fill("Email address", "hanako.yamada@example.com").await;
    for i in 1..=4 {
        b.fill("Password", "wrong password!").await;
        b.press("Sign in").await;
        b.sees_alert("The email address or password is not correct.")
            .await;
        if i == 1 {
            // Sent with the pointer: the message takes the focus, without the ring.
            assert_eq!(b.alert_focus_ring().await, "none", "no ring after a click");
        }
        assert_eq!(
            b.value_of("Password").await,
            "",
            "attempt {i}: password cleared"
        );
        assert_eq!(
            b.value_of("Email address").await,
            "hanako.yamada@example.com",
            "email kept"
        );
    }
    b.fill("Password", "wrong password!").await;
    b.press("Sign in").await;
    b.sees_alert("Too many wrong passwords: locked until").await;
    b.snap("signin-locked-en").await;
    b.fill("Password", PW).await;
    b.press("Sign in").await;
    b.sees_alert("locked until").await;

    // Reset by mail lifts the lock.
    b.follow("Forgot your password?").await;
    b.heading_is("Reset your password").await;
    b.press("Send reset code").await;
    b.sees("a reset code is on its way").await;
    b.follow("Open the mailbox").await;
    // The lock was mailed to the ID too: when it ends, and the way out.
    b.follow_containing("Your ID was locked").await;
    b.sees("The password of your ID was entered wrongly 5 times in a row, the last time on")
        .await;
    b.sees("Your ID cannot sign in until").await;
    b.sees("If it was not you, reset your password: a reset also lifts the lock.")
        .await;
    b.follow("Reset your password").await;
    b.heading_is("Reset your password").await;
    assert_eq!(
        b.value_of("Email address").await,
        "hanako.yamada@example.com",
        "the mail's link names the ID"
    );
    b.open("/mail").await;
    b.follow_containing("Your password reset code").await;
    let reset_code = b.text_of(".copy-value code").await;
    b.follow("Reset your password").await;
    b.fill("Reset code (6 digits)", &reset_code).await;
    b.fill("New password", NEW_PW).await;
    b.fill("Confirm password", NEW_PW).await;
    b.press("Set new password").await;
    b.heading_is("Sign in").await;
    b.sees("Your password was reset").await;
    b.fill("Password", NEW_PW).await;
    b.press("Sign in").await;
    b.sees("You are signed in.").await;

    // Home, signed in: a card to one's own ID instead of creating one or signing in.
    home_cards_for(&b, true).await;
    b.snap("home-signed-in-en").await;
    b.follow("Your ID").await;
    b.heading_is("Profile").await;
    // The ID's own history: each sign-in, wrong password and change, newest first,
    // with who was signed in on the browser (nobody, for the wrong passwords).
    b.sees("Sign-ins and changes").await;
    b.sees("Every sign-in, wrong password, lock-out and change of your ID, newest first.")
        .await;
    let rows = b.history_rows(100).await;
    let signed_out = "(not signed in)";
    let me = "hanako.yamada@example.com";
    let want: Vec<[&str; 2]> = vec![
        ["Sign-in", me],
        ["Password reset", signed_out],
        ["Reset requested", signed_out],
        ["Locked out", signed_out],
        ["Sign-in failed", signed_out],
        ["Sign-in failed", signed_out],
        ["Sign-in failed", signed_out],
        ["Sign-in failed", signed_out],
        ["Sign-out", me],
        ["ID verified", me],
        ["ID created", signed_out],
    ];
    assert_eq!(rows, serde_json::json!(want), "the ID's history");
    b.snap("profile-history-en").await;

    // A reload keeps the session and the data.
    b.reload().await;
    b.heading_is("Profile").await;
    assert_eq!(b.value_of("Given name").await, "Hanako");
    assert_eq!(b.value_of("Family name").await, "Yamada");
    b.sees("hanako.yamada@example.com").await;

    // Signed in, the sign-in and create-an-ID forms say what they would do to it.
    b.open("/signin").await;
    b.sees(
        "You are signed in as hanako.yamada@example.com. Signing in with another ID signs \
         hanako.yamada@example.com out.",
    )
    .await;
    b.open("/id/new").await;
    b.sees("You are signed in as hanako.yamada@example.com. A new ID is a separate one")
        .await;
    b.open("/mail").await;
    b.sees("Your password was changed").await;
    b.snap("mailbox-en").await;
    b.resize(390, 900).await;
    b.snap("mailbox-en-narrow").await;

    // Nine hours later the session has lapsed (8 hours idle): home offers signing in
    // again, as the header does, not the ID.
    b.on_new_document("{ const now = Date.now; Date.now = () => now() + 9 * 3600 * 1000; }")
        .await;
    b.open("/?lang=en").await;
    home_cards_for(&b, false).await;
    b.finish().await;
}

/// The home page's first cards: one's own ID for someone signed in, creating one and
/// signing in for someone who is not; never both kinds.
async fn home_cards_for(b: &Browser, signed_in: bool) {
    const OWN: &str = "Your names, country, mail language and password.";
    const GUEST: [&str; 2] = ["Make one personal ID", "Sign in with your ID."];
    b.heading_is("Onboard").await;
    if signed_in {
        b.sees(OWN).await;
        for text in GUEST {
            b.does_not_see(text).await;
        }
    } else {
        for text in GUEST {
            b.sees(text).await;
        }
        b.does_not_see(OWN).await;
    }
}

#[tokio::test]
async fn form_errors_are_shown_by_the_fields_in_japanese_and_focus_moves_to_the_first() {
    let b = Browser::start().await;
    b.open("/id/new?lang=ja").await;
    b.heading_is("ID の作成").await;
    b.fill("eメール・アドレス", "not-an-email").await;
    b.fill("姓", "山田").await;
    b.fill("パスワード", "password123").await;
    b.press("ID を作成").await;
    b.sees_alert("入力内容を確認してください").await;
    b.sees("eメール・アドレスの形式が正しくありません").await;
    b.sees("よく使われるパスワードです").await;
    b.sees("続けるには利用条件への同意が必要です").await;
    assert_eq!(
        b.focused_id().await,
        "f-email",
        "focus on the first invalid field"
    );
    assert_eq!(b.value_of("姓").await, "山田", "what was typed is kept");
    assert_eq!(b.attr_of("eメール・アドレス", "aria-invalid").await, "true");
    // An invalid field is outlined in the errors' colour, two pixels wide; a valid one
    // keeps its plain border (the rule lost to the inputs' own, more specific one).
    let borders = b
        .js(
            "const err = getComputedStyle(document.querySelector('.field-error')).color; \
            const look = el => { const c = getComputedStyle(el); \
              return [c.borderTopColor === err, c.borderTopWidth, el.offsetHeight]; }; \
            return [look(document.getElementById('f-email')), \
              look(document.querySelector('.field:not(.invalid) input:not([type=checkbox])'))]",
        )
        .await;
    assert_eq!(
        (
            &borders[0][0],
            &borders[0][1],
            &borders[1][0],
            &borders[1][1]
        ),
        (
            &serde_json::json!(true),
            &serde_json::json!("2px"),
            &serde_json::json!(false),
            &serde_json::json!("1px")
        ),
        "invalid and valid fields' borders: {borders}"
    );
    // The thicker border does not make the field taller (nothing below it moves).
    assert_eq!(
        borders[0][2], borders[1][2],
        "the fields' heights: {borders}"
    );
    b.snap("create-id-errors-ja").await;
    b.resize(390, 1400).await;
    b.snap("create-id-errors-ja-narrow").await;
    b.open("/").await;
    b.snap("home-ja-narrow").await;
    b.resize(1280, 900).await;
    b.snap("home-ja").await;
    b.finish().await;
}

/// Leaving a page with something typed and not sent asks first, in the person's
/// language; staying keeps what was typed. So do opening another panel of the page
/// and signing out. Nothing asks after the form was sent or cancelled, on a sign-in
/// form, or for a link to the same page (the language).
#[tokio::test]
async fn leaving_a_form_with_unsaved_input_asks_first() {
    let b = Browser::start().await;
    let site = b.demo_as_hanako().await;
    b.open(&format!("/sites/{site}/access")).await;
    b.press("Add new user").await;
    b.fill("Email address", "half@example.jp").await;
    let question = "What you typed has not been saved. Leave this page?";
    b.press_asks("Import users from CSV", question, false).await;
    assert_eq!(b.value_of("Email address").await, "half@example.jp");
    // Removing a user (a row's button, its own question) does not send the panel's
    // input: leaving still asks.
    b.press_labelled_asks(
        "Remove taro@demo.example",
        "Remove taro@demo.example from this site? They will no longer have access to it.",
        true,
    )
    .await;
    b.sees("taro@demo.example was removed.").await;
    assert_eq!(b.value_of("Email address").await, "half@example.jp");
    b.press_asks("Sign out", question, true).await;
    b.sees("You are signed out.").await;
    // A panel's Cancel discards: nothing asks after it.
    b.sign_in("hanako@demo.example", "onboard-demo-2026").await;
    b.open(&format!("/sites/{site}/access")).await;
    b.press("Add new user").await;
    b.fill("Email address", "half@example.jp").await;
    b.press_in("#user-form", "Cancel").await;
    b.press("Import users from CSV").await;
    b.sees("CSV file").await;
    b.sign_out().await;

    b.open("/id/new?lang=en").await;
    b.fill("Family name", "Yamada").await;
    // The language switch stays on the page: no question, the name stays.
    b.press("日本語").await;
    b.heading_is("ID の作成").await;
    assert_eq!(b.value_of("姓").await, "Yamada");
    assert_eq!(
        b.follow_to_question("カスタマー・サイト").await,
        "入力した内容はまだ保存されていません。このページを離れますか?"
    );
    b.answer(false).await;
    b.heading_is("ID の作成").await;
    assert_eq!(b.value_of("姓").await, "Yamada", "staying keeps it");
    // Closing the tab or reloading gets the browser's own question.
    let asks = "const e = new Event('beforeunload', {cancelable: true}); \
        window.dispatchEvent(e); return e.defaultPrevented";
    assert_eq!(b.js(asks).await, serde_json::json!(true));
    b.press("English").await;
    assert_eq!(b.follow_to_question("Customer sites").await, question);
    b.answer(true).await;
    b.heading_is("Customer sites").await;
    assert_eq!(b.js(asks).await, serde_json::json!(false), "left behind");

    // Sent: no question. An ID made, then its profile saved and left.
    let email = "leave@example.jp";
    b.create_id(email, "Hanako", "Yamada", PW).await;
    b.open("/id/profile").await;
    b.fill("Given name", "Hana").await;
    b.press("Save").await;
    b.sees("Your profile was saved.").await;
    b.follow("Customer sites").await;
    b.heading_is("Customer sites").await;
    // A sign-in form asks nothing.
    b.sign_out().await;
    b.open("/signin").await;
    b.fill("Email address", email).await;
    b.follow("No ID yet? Create one").await;
    b.heading_is("Create an ID").await;
    b.finish().await;
}

/// The browser's Back and Forward ask the same before leaving unsaved input, in the
/// person's language. Staying keeps the page, its address and what was typed, and the
/// next Back asks again; leaving goes back. With nothing typed they just move.
#[tokio::test]
async fn the_browsers_back_button_asks_before_leaving_unsaved_input() {
    let b = Browser::start().await;
    b.open("/?lang=en").await;
    b.heading_is("Onboard").await;
    b.follow("Create an ID").await;
    b.heading_is("Create an ID").await;
    b.back().await;
    b.heading_is("Onboard").await;
    b.forward().await;
    b.heading_is("Create an ID").await;
    let path = "return location.pathname";

    b.fill("Family name", "Yamada").await;
    let question = "What you typed has not been saved. Leave this page?";
    assert_eq!(b.back_to_question().await, question);
    b.answer(false).await;
    b.heading_is("Create an ID").await;
    assert_eq!(b.js(path).await, serde_json::json!("/id/new"));
    assert_eq!(
        b.value_of("Family name").await,
        "Yamada",
        "staying keeps it"
    );
    // A link still works after staying (the router did not move).
    assert_eq!(b.follow_to_question("Customer sites").await, question);
    b.answer(false).await;
    b.heading_is("Create an ID").await;
    // Japanese: the language switch is the same page; Back asks in Japanese.
    b.press("日本語").await;
    b.heading_is("ID の作成").await;
    assert_eq!(
        b.back_to_question().await,
        "入力した内容はまだ保存されていません。このページを離れますか?"
    );
    b.answer(false).await;
    assert_eq!(b.value_of("姓").await, "Yamada");
    assert_eq!(
        b.back_to_question().await,
        "入力した内容はまだ保存されていません。このページを離れますか?"
    );
    b.answer(true).await;
    b.heading_is("Onboard").await;
    assert_eq!(b.js(path).await, serde_json::json!("/"));
    // Left behind: Forward comes to an empty form and nothing asks.
    b.forward().await;
    b.heading_is("ID の作成").await;
    assert_eq!(b.value_of("姓").await, "");
    b.back().await;
    b.heading_is("Onboard").await;
    b.finish().await;
}

/// A password can be shown to check it, by pointer or keyboard, and a screen reader
/// hears so; it is hidden again when the form is sent, and what was typed stays.
#[tokio::test]
async fn a_password_can_be_shown_and_is_hidden_again_when_sent() {
    let b = Browser::start().await;
    b.open("/signin?lang=en").await;
    b.heading_is("Sign in").await;
    b.fill("Email address", "nobody@example.com").await;
    b.fill("Password", "typed-with-care-1").await;
    assert_eq!(b.attr_of("Password", "type").await, "password");
    b.press_labelled("Show password").await;
    assert_eq!(b.attr_of("Password", "type").await, "text");
    assert_eq!(b.value_of("Password").await, "typed-with-care-1");
    assert_eq!(
        b.attr_of_button("Hide", "aria-label").await.as_deref(),
        Some("Hide password")
    );
    assert_eq!(
        b.text_of("main [aria-live=polite]").await,
        "Your password is visible."
    );
    b.press_labelled("Hide password").await;
    assert_eq!(b.attr_of("Password", "type").await, "password");
    assert_eq!(
        b.text_of("main [aria-live=polite]").await,
        "Your password is hidden."
    );
    // Shown, then sent: hidden again (a wrong sign-in empties the field, as before).
    b.press_labelled("Show password").await;
    b.press("Sign in").await;
    b.sees_alert("The email address or password is not correct")
        .await;
    assert_eq!(b.attr_of("Password", "type").await, "password");

    // Japanese, a new password and its confirmation: each has its own button, and the
    // keyboard reaches it from the field.
    b.open("/id/new?lang=ja").await;
    b.heading_is("ID の作成").await;
    b.fill("パスワード (確認)", "確認用").await;
    b.keys(&format!("{TAB}{SPACE}")).await;
    assert_eq!(b.attr_of("パスワード (確認)", "type").await, "text");
    assert_eq!(b.attr_of("パスワード", "type").await, "password");
    assert_eq!(
        b.attr_of_button("非表示", "aria-label").await.as_deref(),
        Some("パスワードを非表示")
    );
    b.snap("password-shown-ja").await;
    // Sent with errors elsewhere: hidden again, and what was typed stays.
    b.press("ID を作成").await;
    b.sees_alert("入力内容を確認してください").await;
    assert_eq!(b.attr_of("パスワード (確認)", "type").await, "password");
    assert_eq!(b.value_of("パスワード (確認)").await, "確認用");
    b.finish().await;
}

/// A page for signed-in people asks a visitor to sign in first (its route says so),
/// and the sign-in comes back to that very page.
#[tokio::test]
async fn a_guarded_page_asks_to_sign_in_and_comes_back_after() {
    let b = Browser::start().await;
    b.open("/?lang=en").await;
    b.create_id("guard@example.com", "Gina", "Guard", PW).await;
    b.sign_out().await;
    b.open("/partner/company").await;
    b.heading_is("Sign in").await;
    b.sees("Please sign in.").await;
    b.follow("Sign in").await;
    b.fill("Email address", "guard@example.com").await;
    b.fill("Password", PW).await;
    b.press("Sign in").await;
    b.heading_is("Company profile").await;
    let url = b.c.current_url().await.unwrap();
    assert_eq!(url.path(), "/partner/company");
    // Signed out (which goes home), the way back finds the page guarded again.
    b.sign_out().await;
    b.c.back().await.unwrap();
    b.heading_is("Sign in").await;
    b.sees("Please sign in.").await;
    b.does_not_see("Company profile").await;
    b.finish().await;
}

#[tokio::test]
async fn deep_links_reload_on_a_static_host_and_the_language_persists() {
    let b = Browser::start().await;
    b.open("/id/new?lang=ja").await;
    b.heading_is("ID の作成").await;
    assert_eq!(b.html_lang().await, "ja");
    b.reload().await;
    b.heading_is("ID の作成").await;
    // An office page, to a visitor: the office's sign-in is the way in.
    b.open("/office/audit").await;
    b.heading_is("プログラム・オフィス").await;
    b.sees("この操作を行う権限がありません。").await;
    b.open("/no/such/page").await;
    b.heading_is("ページが見つかりません").await;
    // Switch to English: it sticks across a reload without ?lang.
    b.press("English").await;
    b.heading_is("Page not found").await;
    assert_eq!(b.html_lang().await, "en");
    b.open("/signin").await;
    b.heading_is("Sign in").await;
    b.title_is("Sign in | Onboard").await;
    b.finish().await;
}

#[tokio::test]
async fn links_navigate_in_place_and_the_back_button_returns() {
    let b = Browser::start().await;
    b.open("/?lang=en").await;
    // A mark on the document: it survives only if no link reloads the page.
    b.js("window.__samePage = 1; return 1").await;
    b.follow("Customer sites").await;
    b.heading_is("Customer sites").await;
    let current = b
        .js(
            "return [...document.querySelectorAll('.main-nav a[aria-current=page]')].map(a => \
            a.textContent.trim())",
        )
        .await;
    assert_eq!(
        current,
        serde_json::json!(["Customer sites"]),
        "the nav marks where the user is"
    );
    b.follow("Mailbox").await;
    b.heading_is("Mailbox").await;
    b.c.back().await.unwrap();
    b.heading_is("Customer sites").await;
    b.c.back().await.unwrap();
    b.wait_ready().await;
    assert_eq!(
        b.js("return location.pathname").await,
        serde_json::json!("/")
    );
    b.c.forward().await.unwrap();
    b.heading_is("Customer sites").await;
    assert_eq!(
        b.js("return window.__samePage").await,
        serde_json::json!(1),
        "links and history buttons never reloaded the app"
    );
    // A parameterless route is a real page file on the host: it answers 200.
    let status =
        b.c.execute_async("fetch('/id/new').then(r => arguments[0](r.status))", vec![])
            .await
            .unwrap();
    assert_eq!(status, serde_json::json!(200));
    b.finish().await;
}

#[tokio::test]
async fn corrupt_storage_is_set_aside_with_a_banner() {
    let b = Browser::start().await;
    b.load_demo().await;
    b.set_item("onboard/v1/office", "{broken").await;
    b.reload().await;
    b.sees("Stored records that could not be read: 1. They were set aside; nothing was deleted.")
        .await;
    let keys = b.storage_keys().await;
    let q = keys
        .iter()
        .find(|k| k.starts_with("onboard/quarantine/onboard/v1/office/"))
        .expect("quarantined copy");
    assert_eq!(b.get_item(q).await.as_deref(), Some("{broken"));
    assert!(!keys.contains(&"onboard/v1/office".to_string()));
    b.snap("quarantine-banner-en").await;
    // The rest of the data still works.
    b.sees("IDs: 2").await;
    b.finish().await;
}

#[tokio::test]
async fn export_reset_import_brings_everything_back() {
    let b = Browser::start().await;
    b.load_demo().await;
    b.sees("IDs: 2").await;
    // The demo data has an operator account: from now on only the operator may
    // export, delete or replace everything, and the page says so before anyone tries.
    b.sees("Only the operator may import, delete or export all data.")
        .await;
    b.press("Export").await;
    b.sees_alert("You are not allowed to do this.").await;
    b.press("Delete everything…").await;
    b.fill("Type DELETE to confirm", "DELETE").await;
    b.press("Delete").await;
    b.sees_alert("You are not allowed to do this.").await;
    b.sees("IDs: 2").await;
    b.demo_operator_sign_in().await;
    b.open("/data").await;
    b.sees("Only the operator may import, delete or export all data; each is audited.")
        .await;
    // The storage in use, in the units a person reads (the demo data is a few KB).
    b.sees("In use: about ").await;
    b.sees(" KB (<1% of about 10 MB)").await;
    b.snap("data-en").await;
    b.press("Export").await;
    let file = b.downloaded("onboard-export-").await;
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"format\": \"onboard-export\""));
    assert!(
        !text.contains("onboard-demo-2026"),
        "no password in clear in the export"
    );
    b.press("Delete everything…").await;
    b.fill("Type DELETE to confirm", "DELETE").await;
    b.press("Delete").await;
    b.sees("All data was deleted.").await;
    // The operator account stays, and the deletion is the one audit entry left.
    b.sees("IDs: 0 · mails: 0 · audit entries: 1").await;
    b.upload("File to import", &file).await;
    b.press("Import").await;
    b.sees("Imported (").await;
    b.sees("IDs: 2").await;
    b.reload().await;
    b.sees("IDs: 2").await;
    // Each replacement is in the audit trail, by the operator.
    b.open("/office/audit").await;
    b.sees("Data imported").await;
    b.sees("Data exported").await;
    // Its search looks in the details as the reader reads them: "{n} records" in
    // English, "{n} 件" in Japanese (an export's entry has no detail).
    let events = "return [...document.querySelectorAll('tbody tr td:nth-child(2)')]\
        .map(t => t.textContent)";
    b.fill("Filter by text", "records").await;
    let shown = b.js(events).await.to_string();
    assert!(
        shown.contains("\"Data imported\"") && !shown.contains("Data exported"),
        "{shown}"
    );
    b.press("日本語").await;
    b.sees("該当する記録はありません。").await;
    b.fill("テキストで絞り込み", "件").await;
    let shown = b.js(events).await.to_string();
    assert!(
        shown.contains("\"データのインポート\"") && !shown.contains("エクスポート"),
        "{shown}"
    );
    b.press("English").await;
    b.open("/signin").await;
    b.fill("Email address", "alex@demo.example").await;
    b.fill("Password", "onboard-demo-2026").await;
    b.press("Sign in").await;
    b.sees("You are signed in.").await;
    b.finish().await;
}

#[tokio::test]
async fn the_program_office_has_its_own_account_and_reads_the_audit_trail() {
    let b = Browser::start().await;
    b.open("/office?lang=en").await;
    b.heading_is("Program office").await;
    b.sees("Create the operator account").await;
    b.fill("Email address", "op@example.com").await;
    b.fill("Password", PW).await;
    b.fill("Confirm password", PW).await;
    b.press("Create account").await;
    b.sees("The operator account was created.").await;
    b.follow("Audit trail").await;
    b.heading_is("Audit trail").await;
    b.sees("Operator created").await;
    b.follow("Program office").await;
    b.press("Sign out").await;
    // An office page is the operator's: its route says so, for every office page.
    b.open("/office/audit").await;
    b.heading_is("Program office").await;
    b.sees("You are not allowed to do this.").await;
    b.does_not_see("Operator created").await;
    b.follow("Operator sign-in").await;
    b.sees("Operator sign-in").await;
    b.fill("Email address", "op@example.com").await;
    b.fill("Password", "not the password").await;
    b.press("Sign in").await;
    b.sees_alert("The email address or password is not correct.")
        .await;
    b.fill("Password", PW).await;
    b.press("Sign in").await;
    b.follow("Audit trail").await;
    b.sees("Operator sign-in failed").await;
    let columns = b
        .js("return [...document.querySelectorAll('table.log th')].map(t => t.textContent)")
        .await;
    assert_eq!(
        columns,
        serde_json::json!(["When", "Event", "Done by", "Subject", "Detail"])
    );
    // When, in English: the month by its name ("5 Dec 2026, 15:29:34"), never a
    // "05/12/2026" read as May 12 in the US.
    let when = b.text_of("table.log tbody td").await;
    let (date, time) = when.split_once(", ").unwrap_or_default();
    let date: Vec<&str> = date.split(' ').collect();
    assert!(
        date.len() == 3
            && date[0].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
            && ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
                .contains(&date[1])
            && date[2].len() == 4
            && time.len() == 8,
        "{when}"
    );
    b.snap("audit-en").await;
    // Deleting old records cannot be taken back: the data page asks first.
    b.open("/data").await;
    let question = "Delete the oldest audit entries (up to 250)? This cannot be undone.";
    b.press_asks("Delete the oldest audit entries", question, false)
        .await;
    b.does_not_see("Nothing to delete").await;
    b.press_asks("Delete the oldest audit entries", question, true)
        .await;
    b.sees("Nothing to delete (the newest part is always kept).")
        .await;
    // The header says the office is signed in, and signs it out from any page.
    assert_eq!(
        b.text_of("header .who").await,
        "Program office\nop@example.com\nSign out"
    );
    b.sign_out().await;
    b.heading_is("Program office").await;
    b.sees("Operator sign-in").await;
    assert_eq!(b.text_of("header .who").await, "Sign in");
    b.finish().await;
}

#[tokio::test]
async fn the_app_works_under_a_sub_path() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/dist-sub");
    let b = Browser::start_with(dir, "/onboard/", 1280, 900).await;
    b.open("/id/new?lang=en").await;
    b.heading_is("Create an ID").await;
    b.follow("Already have an ID? Sign in").await;
    b.heading_is("Sign in").await;
    let url = b.c.current_url().await.unwrap();
    assert_eq!(url.path(), "/onboard/signin", "links keep the sub-path");
    b.reload().await;
    b.heading_is("Sign in").await;
    b.follow("Mailbox").await;
    b.heading_is("Mailbox").await;
    assert_eq!(b.c.current_url().await.unwrap().path(), "/onboard/mail");
    // A redirect with a message: both under the sub-path.
    b.open("/id/new").await;
    b.submit_new_id("sub@example.com", "Sub", "Path", PW).await;
    b.heading_is("Verify your ID").await;
    b.sees("Your ID was created. We mailed a code to sub@example.com.")
        .await;
    assert_eq!(
        b.c.current_url().await.unwrap().path(),
        "/onboard/id/verify"
    );
    b.finish().await;
}

#[tokio::test]
async fn a_change_in_one_tab_shows_in_the_other() {
    let b = Browser::start().await;
    b.open("/mail?lang=en").await;
    b.sees("Messages: 0").await;
    let first = b.c.window().await.unwrap();
    let second = b.c.new_window(true).await.unwrap();
    b.c.switch_to_window(second.handle).await.unwrap();
    b.open("/id/new").await;
    b.submit_new_id("tab@example.com", "Tab", "Two", PW).await;
    b.heading_is("Verify your ID").await;
    b.c.switch_to_window(first).await.unwrap();
    b.sees("Messages: 1").await;
    b.sees("Your ID verification code").await;
    b.sees("Changes from another tab were loaded.").await;
    b.finish().await;
}

#[tokio::test]
async fn markup_in_free_text_shows_as_text_and_never_runs() {
    let b = Browser::start().await;
    let evil = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    b.open("/id/new?lang=en").await;
    b.submit_new_id(
        "evil@example.com",
        "<img src=x onerror=\"window.__pwned=1\">",
        "<b>Bold</b>",
        PW,
    )
    .await;
    b.heading_is("Verify your ID").await;
    b.open("/mail?to=evil%40example.com").await;
    b.follow_containing("Your ID verification code").await;
    // The name is in the mail as text.
    b.sees("Dear <img src=x onerror=\"window.__pwned=1\"> <b>Bold</b>,")
        .await;
    b.open("/sites/help").await;
    b.fill("Name", evil).await;
    b.fill("Email address", "evil@example.com").await;
    b.fill("Subject", evil).await;
    b.fill(
        "Description",
        &format!("{evil}\n<iframe src=javascript:alert(1)></iframe>"),
    )
    .await;
    b.press("Send help request").await;
    b.sees("Your help request was received.").await;
    b.open("/mail?to=evil%40example.com").await;
    b.follow_containing("We received your help request").await;
    b.sees("<script>window.__pwned=2</script>").await;
    let pwned = b.js("return window.__pwned === undefined").await;
    assert_eq!(
        pwned,
        serde_json::Value::Bool(true),
        "no injected script ran"
    );
    let imgs = b
        .js("return document.querySelectorAll('main img, main script, main iframe').length")
        .await;
    assert_eq!(imgs.as_u64(), Some(0), "no injected element exists");
    b.finish().await;
}

#[tokio::test]
async fn storage_cleared_in_another_tab_is_noticed() {
    let b = Browser::start().await;
    b.load_demo().await;
    b.sees("IDs: 2").await;
    let first = b.c.window().await.unwrap();
    let second = b.c.new_window(true).await.unwrap();
    b.c.switch_to_window(second.handle).await.unwrap();
    b.open("/").await;
    b.js("localStorage.clear(); return 1").await;
    b.c.close_window().await.unwrap();
    b.c.switch_to_window(first).await.unwrap();
    b.sees("IDs: 0").await;
    b.sees("Changes from another tab were loaded.").await;
    b.finish().await;
}

#[tokio::test]
async fn after_the_first_visit_the_app_works_offline() {
    let b = Browser::start().await;
    b.open("/?lang=en").await;
    let start = std::time::Instant::now();
    while b
        .js("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)")
        .await
        != serde_json::Value::Bool(true)
    {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "the service worker took control"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    b.server.stop();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    b.reload().await;
    b.heading_is("Onboard").await;
    b.open("/mail").await;
    b.heading_is("Mailbox").await;
    b.open("/id/new").await;
    b.heading_is("Create an ID").await;
    // A part never opened online, reached by a link: its module comes from the cache.
    b.follow("Partner program").await;
    b.heading_is("Partner program").await;
    // Records stored offline: the next start decodes them with the `records` module,
    // which also comes from the cache.
    b.open("/id/new").await;
    b.submit_new_id("offline@example.com", "Off", "Line", PW)
        .await;
    b.heading_is("Verify your ID").await;
    b.open("/mail").await;
    b.sees("Messages: 1").await;
    b.sees("Your ID verification code").await;
    b.finish().await;
}

/// The decoding of stored records is a module of its own, fetched at a start with
/// records in storage. When it cannot be fetched, the start says so in both languages
/// and reads and writes nothing: the data is there for the next start.
#[tokio::test]
async fn a_start_without_the_records_module_says_so_and_keeps_the_data() {
    let dir = std::env::temp_dir().join(format!("onboard-e2e-records-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&dist_dir(), &dir);
    let mut removed = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        if e.file_name()
            .to_string_lossy()
            .starts_with("split_records-")
        {
            std::fs::remove_file(e.path()).unwrap();
            removed += 1;
        }
    }
    assert_eq!(removed, 1, "the build has one records module");
    let b = Browser::start_with(dir.clone(), "/", 1280, 900).await;
    b.open("/id/new?lang=en").await;
    b.submit_new_id("kept@example.com", "Kept", "Data", PW)
        .await;
    b.heading_is("Verify your ID").await;
    let stored = "return Object.keys(localStorage).filter(k => \
        k.startsWith('onboard/v1/')).sort().map(k => k + '=' + \
        localStorage.getItem(k)).join('\\n')";
    let before = b.js(stored).await;
    assert!(before.as_str().unwrap_or("").contains("kept@example.com"));
    b.c.refresh().await.unwrap();
    b.sees("Its code could not be downloaded. Check the network connection and try again.")
        .await;
    b.sees("このページのプログラムを取得できませんでした。")
        .await;
    assert_eq!(
        b.js(stored).await,
        before,
        "nothing was read, moved or written"
    );
    b.finish().await;
    let _ = std::fs::remove_dir_all(&dir);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[tokio::test]
async fn a_part_of_the_app_is_fetched_on_its_first_page_and_a_failed_fetch_can_be_retried() {
    let b = Browser::start().await;
    b.open("/?lang=en").await;
    let split_modules = "return performance.getEntriesByType('resource').filter(e => \
        e.responseStatus === 200).map(e => e.name).filter(n => /split_/.test(n)).map(n => \
        n.replace(/.*\\/(split_[a-z]+)-.*/, '$1'))";
    assert_eq!(
        b.js(split_modules).await,
        serde_json::json!([]),
        "the home page needs no split module"
    );
    // Nothing cached (no service worker copy) and no network: the sites part cannot come.
    b.js(
        "return caches.keys().then(ks => Promise.all(ks.map(k => caches.delete(k)))).then(() => 1)",
    )
    .await;
    b.server.set_offline(true);
    b.js("window.__samePage = 1; return 1").await;
    b.follow("Customer sites").await;
    b.heading_is("This page could not be loaded").await;
    b.sees("Check the network connection and try again.").await;
    b.axe("a page whose module could not be fetched").await;
    b.snap("page-unavailable-en").await;
    b.server.set_offline(false);
    b.press("Try again").await;
    b.heading_is("Customer sites").await;
    // (A press also fetches the command code, by design: a form is about to be used.
    // Whether that fetch has ended by now depends on timing, so it is left out.)
    let fetched = b.js(split_modules).await;
    let parts: Vec<&str> = fetched
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .filter(|p| *p != "split_commands")
        .collect();
    assert_eq!(
        parts,
        ["split_sites"],
        "the sites part was fetched (once it could be), and no other page's part: {fetched}"
    );
    assert_eq!(
        b.js("return window.__samePage").await,
        serde_json::json!(1),
        "the app stayed on the page: no reload"
    );
    b.finish().await;
}

#[tokio::test]
async fn a_deep_link_whose_part_cannot_come_says_so_and_loads_on_a_retry() {
    let b = Browser::start().await;
    // The page file of /id/new has its first script fetch and compile the part's
    // modules beside the main module; here the part's own module cannot be fetched at
    // first (that early compile fails, and so does the loader's own fetch).
    b.server.set_failing(Some("split_id"));
    b.open("/id/new?lang=en").await;
    b.heading_is("This page could not be loaded").await;
    b.snap("deep-link-unavailable-en").await;
    b.server.set_failing(None);
    b.press("Try again").await;
    b.heading_is("Create an ID").await;
    b.fill("Email address", "retry@example.com").await;
    assert_eq!(b.value_of("Email address").await, "retry@example.com");
    b.finish().await;
}

#[tokio::test]
async fn a_deep_link_shows_its_whole_page_at_once_with_the_frame_built_while_its_part_comes() {
    let b = Browser::start().await;
    // Records, for every change of the page, whether the app's "Loading..." was
    // displayed, and whether anything of the app was while the static shell was there.
    b.on_new_document(
        "window.__seen = { loading: false, appUnderShell: false }; \
        new MutationObserver(() => { \
          const boot = document.getElementById('boot'); \
          const l = document.querySelector('.page-loading'); \
          if (l && l.checkVisibility()) window.__seen.loading = true; \
          const app = document.getElementById('main'); \
          if (boot && app && app.checkVisibility()) window.__seen.appUnderShell = true; \
        }).observe(document, { childList: true, subtree: true });",
    )
    .await;
    // The part of /id/new comes 1.5 s late (its page file's first script and the
    // loader both ask for it).
    b.server
        .set_slow(Some(("split_id", std::time::Duration::from_millis(1500))));
    b.open("/id/new?lang=en").await;
    b.heading_is("Create an ID").await;
    let seen = b
        .js(
            "return [window.__seen.loading, window.__seen.appUnderShell, \
            !!document.getElementById('boot'), \
            performance.getEntriesByName('onboard-ready')[0].startTime, \
            Math.max(...performance.getEntriesByType('resource') \
              .filter(r => r.name.includes('split_id')).map(r => r.responseEnd))]",
        )
        .await;
    assert_eq!(seen[0], false, "no \"Loading...\" was displayed: {seen}");
    assert_eq!(
        seen[1], false,
        "nothing of the app showed under the static shell: {seen}"
    );
    assert_eq!(seen[2], false, "the static shell is gone: {seen}");
    let (mounted, part) = (seen[3].as_f64().unwrap(), seen[4].as_f64().unwrap());
    assert!(
        mounted < part,
        "the app was mounted (its frame built) before the part had come: {seen}"
    );
    b.fill("Email address", "early@example.com").await;
    assert_eq!(b.value_of("Email address").await, "early@example.com");
    b.server.set_slow(None);
    b.finish().await;
}

#[tokio::test]
async fn a_command_whose_code_cannot_be_fetched_says_so_and_works_once_online() {
    let b = Browser::start().await;
    b.open("/signin?lang=en").await;
    b.heading_is("Sign in").await;
    // The command code is fetched on the first use of a form; here it cannot come: once
    // the service worker has cached every file, its cache and the HTTP cache are
    // emptied and the server goes away.
    b.js(
        "return navigator.serviceWorker.ready.then(() => caches.keys()).then(ks => \
        Promise.all(ks.map(k => caches.delete(k)))).then(() => 1)",
    )
    .await;
    b.clear_http_cache().await;
    b.server.set_offline(true);
    b.fill("Email address", "nobody@example.com").await;
    b.fill("Password", "a password that does not matter").await;
    b.press("Sign in").await;
    b.sees(
        "The code for this action could not be downloaded. Check the network connection and try \
        again.",
    )
    .await;
    assert_eq!(b.value_of("Email address").await, "nobody@example.com");
    assert_eq!(
        b.value_of("Password").await,
        "a password that does not matter",
        "what was typed is kept: nothing was checked"
    );
    b.axe("a form whose command code could not be fetched")
        .await;
    b.snap("command-unavailable-en").await;
    b.server.set_offline(false);
    b.press("Sign in").await;
    // Now it was checked (and, as always, without saying which part was wrong).
    b.sees("The email address or password is not correct.")
        .await;
    b.finish().await;
}

#[tokio::test]
async fn pages_pass_axe_in_both_languages_including_error_states() {
    let b = Browser::start().await;
    // The check can fail: an unlabelled field is reported.
    b.open("/?lang=en").await;
    b.js(
        "const i = document.createElement('input'); i.id = 'axe-probe'; \
        document.querySelector('main').appendChild(i); return 1",
    )
    .await;
    let found = b.axe_ids("{ type: 'tag', values: ['wcag2a'] }").await;
    assert!(
        found.to_string().contains("label"),
        "axe reports the unlabelled probe: {found}"
    );
    axe_tour(&b).await;
    b.finish().await;
}

#[tokio::test]
async fn pages_pass_axe_in_dark_mode() {
    let b = Browser::start().await;
    b.color_scheme("dark").await;
    b.open("/?lang=en").await;
    // The page is dark: its background, and the text on it, light.
    let ink_and_background = "const s = getComputedStyle(document.body); \
        const l = c => { const [r, g, b] = c.match(/\\d+/g).map(Number); \
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; }; \
        return [l(s.backgroundColor), l(s.color)]";
    let colours = b.js(ink_and_background).await;
    let (bg, ink) = (colours[0].as_f64().unwrap(), colours[1].as_f64().unwrap());
    assert!(
        bg < 0.15 && ink > 0.8,
        "a dark page with light text: {colours}"
    );
    // Printed (a printer leaves out backgrounds), the text is dark on the paper.
    b.emulate_media("print", &[("prefers-color-scheme", "dark")])
        .await;
    let printed = b.js(ink_and_background).await;
    assert!(
        printed[1].as_f64().unwrap() < 0.2,
        "dark text when printed: {printed}"
    );
    b.color_scheme("dark").await;
    // The check can fail here: dark grey text, readable on white, is reported on the
    // dark page.
    b.js(
        "const p = document.createElement('p'); p.textContent = 'probe'; \
        p.style.color = '#333'; document.querySelector('main').appendChild(p); return 1",
    )
    .await;
    let found = b
        .axe_ids("{ type: 'rule', values: ['color-contrast'] }")
        .await;
    assert!(
        found.to_string().contains("color-contrast"),
        "axe reports the dark grey probe on the dark page: {found}"
    );
    axe_tour(&b).await;
    b.finish().await;
}

/// Every page a visitor and a signed-in user reach, in both languages, at a desktop's
/// and a phone's width, with error states, checked by axe (in the colour scheme the
/// browser asks for).
async fn axe_tour(b: &Browser) {
    for lang in ["en", "ja"] {
        for path in [
            "/",
            "/id/new",
            "/signin",
            "/id/reset",
            "/id/verify",
            "/mail",
            "/sites",
            "/sites/request",
            "/sites/help",
            "/sites/info/roles",
            "/partner",
            "/partner/benefits",
            "/partner/pps",
            "/partner/steps",
            "/partner/contact",
            "/partner/associate",
            "/office",
            "/data",
            "/no/such/page",
        ] {
            for (w, h) in [(1280, 900), (390, 900)] {
                b.resize(w, h).await;
                b.open(&format!("{path}?lang={lang}")).await;
                b.axe(&format!("{path} ({lang}) at {w} px")).await;
            }
        }
        // Error states.
        b.open(&format!("/id/new?lang={lang}")).await;
        b.press(if lang == "en" {
            "Create ID"
        } else {
            "ID を作成"
        })
        .await;
        b.axe(&format!("/id/new with errors ({lang})")).await;
    }
    // Signed-in pages with data.
    let site = b.demo_as_hanako().await;
    for path in [
        format!("/sites/{site}"),
        format!("/sites/{site}/contacts"),
        format!("/sites/{site}/access"),
        format!("/sites/{site}/documents"),
        "/id/profile".into(),
        "/mail".into(),
        "/mail/0".into(),
        "/partner/apply".into(),
    ] {
        for (w, h) in [(1280, 900), (390, 900)] {
            b.resize(w, h).await;
            b.open(&path).await;
            b.axe(&format!("{path} at {w} px")).await;
        }
    }
    b.open(&format!("/sites/{site}/access")).await;
    b.press("Add new user").await;
    b.axe("add-user form with the privileges' hints").await;
    b.press_in("#user-form", "Add user").await;
    b.axe("add-user form with an error").await;
    b.sign_out().await;
    b.sign_in("alex@demo.example", "onboard-demo-2026").await;
    for path in ["/partner/company", "/partner/home", "/partner/me"] {
        for (w, h) in [(1280, 900), (390, 900)] {
            b.resize(w, h).await;
            b.open(path).await;
            b.axe(&format!("{path} at {w} px")).await;
        }
    }
    // The histories, as tables and, on a phone, as blocks.
    b.sign_out().await;
    b.sign_in("hanako@demo.example", "onboard-demo-2026").await;
    for (w, h) in [(1280, 900), (390, 900)] {
        b.resize(w, h).await;
        b.open(&format!("/sites/{site}/report")).await;
        b.sees("History").await;
        b.axe(&format!("site report at {w} px")).await;
    }
    b.sign_out().await;
    b.demo_operator_sign_in().await;
    for (w, h) in [(390, 900), (1280, 900)] {
        b.resize(w, h).await;
        b.open("/office/audit").await;
        b.heading_is("Audit trail").await;
        b.axe(&format!("audit trail at {w} px")).await;
        b.open("/office/companies").await;
        b.heading_is("Member companies").await;
        b.sees("Demo Partners KK").await;
        b.axe(&format!("member companies at {w} px")).await;
        b.open("/office/ids").await;
        b.heading_is("IDs").await;
        b.sees("hanako@demo.example").await;
        b.axe(&format!("IDs at {w} px")).await;
    }
}

/// WebDriver key codes.
const TAB: &str = "\u{e004}";
const ENTER: &str = "\u{e007}";
const SPACE: &str = "\u{e00d}";
const SHIFT_TAB: &str = "\u{e008}\u{e004}\u{e008}";
const ESCAPE: &str = "\u{e00c}";

/// Shift+Tab until the control named `name` has the focus (every stop has a name).
async fn back_to(b: &Browser, name: &str) {
    tab_to(b, SHIFT_TAB, 8, name).await
}

/// Tab until the control named `name` has the focus (every stop has a name).
async fn forward_to(b: &Browser, name: &str) {
    tab_to(b, TAB, 12, name).await
}

/// Presses `key` (Tab or Shift+Tab) at most `stops` times until the control named
/// `name` has the focus; every stop on the way has a name.
async fn tab_to(b: &Browser, key: &str, stops: usize, name: &str) {
    for _ in 0..stops {
        b.keys(key).await;
        let label = b.focused_label().await;
        assert!(!label.is_empty(), "every focus stop has a name");
        if label == name {
            return;
        }
    }
    panic!("{name:?} is not reachable with {key:?}");
}

#[tokio::test]
async fn a_whole_journey_with_the_keyboard_only() {
    let b = Browser::start().await;
    b.open("/id/new?lang=en").await;
    // The skip link is first; it jumps past the header to the page.
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Skip to content");
    b.keys(ENTER).await;
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Email address");
    b.keys("kb@example.com").await;
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Given name");
    b.keys("Kei").await;
    b.keys(TAB).await;
    b.keys("Board").await;
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Country or region");
    b.keys("Japan").await;
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Language of mail");
    b.keys(TAB).await;
    b.keys(PW).await;
    // Each password field's Show button comes after it.
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Show password");
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Confirm password");
    b.keys(PW).await;
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Show password");
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "I accept the terms of use");
    b.keys(SPACE).await;
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Create ID");
    b.keys(ENTER).await;
    b.heading_is("Verify your ID").await;
    assert_eq!(b.focused_id().await, "", "focus is on the page heading");
    let code = b
        .code_from_mail("kb@example.com", "Your ID verification code")
        .await;
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Email address");
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Verification code (6 digits)");
    b.keys(&code).await;
    b.keys(ENTER).await;
    b.sees("Your ID is verified and you are signed in.").await;
    // Back from the page heading into the header: its last control is "Sign out".
    b.heading_is("Onboard").await;
    back_to(&b, "Sign out").await;
    b.keys(ENTER).await;
    b.sees("You are signed out.").await;
    back_to(&b, "Sign in").await;
    b.keys(ENTER).await;
    b.heading_is("Sign in").await;
    b.keys(TAB).await;
    b.keys("kb@example.com").await;
    b.keys(TAB).await;
    b.keys("not the password").await;
    b.keys(ENTER).await;
    b.sees_alert("The email address or password is not correct.")
        .await;
    // Sent with the keyboard: the message takes the focus and shows the ring.
    assert_eq!(b.alert_focus_ring().await, "solid", "the ring after Enter");
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Email address");
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "Password");
    b.keys(PW).await;
    b.keys(ENTER).await;
    b.sees("You are signed in.").await;
    // A link of the page itself (which the next page replaces): the focus goes to the
    // new page's heading, and Tab goes on from there.
    b.heading_is("Onboard").await;
    forward_to(&b, "Customer sites").await;
    let from = b
        .js("return document.querySelector('main').contains(document.activeElement)")
        .await;
    assert_eq!(
        from,
        serde_json::json!(true),
        "the link is in the page, not the header"
    );
    b.keys(ENTER).await;
    b.heading_is("Customer sites").await;
    let focus = b
        .js("const e = document.activeElement; return e.tagName + ' ' + e.textContent.trim()")
        .await;
    assert_eq!(
        focus,
        serde_json::json!("H1 Customer sites"),
        "focus is on the new heading"
    );
    b.finish().await;
}

#[tokio::test]
async fn pages_reflow_at_320_pixels_without_horizontal_scrolling() {
    let b = Browser::start_with(dist_dir(), "/", 320, 800).await;
    b.open("/data?lang=ja").await;
    b.press("デモ・データを読み込む").await;
    b.sees("デモ・データを読み込みました。").await;
    b.open("/?lang=en").await;
    b.sign_in("alex@demo.example", "onboard-demo-2026").await;
    b.open("/signin?lang=en").await;
    b.fill("Email address", "alex@demo.example").await;
    b.fill("Password", "onboard-demo-2026").await;
    b.press("Sign in").await;
    b.sees("You are signed in.").await;
    let site = b.stored_site_number().await;
    let public = [
        "/",
        "/id/new",
        "/signin",
        "/mail",
        "/sites",
        "/sites/help",
        "/partner",
        "/partner/steps",
        "/partner/contact",
        "/office",
        "/data",
        "/partner/company",
        "/partner/home",
        "/partner/me",
    ]
    .map(String::from);
    // The site's own pages (its primary contact) and the office's (the operator).
    let site_pages =
        ["", "/contacts", "/access", "/documents", "/report"].map(|p| format!("/sites/{site}{p}"));
    let office_pages = [
        "/office/sites",
        "/office/help",
        "/office/applications",
        "/office/companies",
        "/office/ids",
        "/office/audit",
    ]
    .map(String::from);
    for (who, paths) in [
        ("alex@demo.example", &public[..]),
        ("hanako@demo.example", &site_pages[..]),
        ("office", &office_pages[..]),
    ] {
        b.sign_out().await;
        if who == "office" {
            b.demo_operator_sign_in().await;
        } else if who != "alex@demo.example" {
            b.sign_in(who, "onboard-demo-2026").await;
        }
        reflows_at_320(&b, paths).await;
    }
    b.finish().await;
}

/// On a phone the header is one row: the name and a Menu button, which says how many
/// mails are unread. The button opens the menu below it (by mouse or keyboard); another
/// page and Escape close it again, Escape with the focus back on the button. A wide
/// window has no such button: its menu is always there.
#[tokio::test]
async fn on_a_phone_the_header_folds_its_menu_behind_one_button() {
    let b = Browser::start().await;
    b.demo_as_hanako().await;
    b.resize(390, 844).await;
    b.open("/mail?lang=ja").await;
    b.heading_is("メールボックス").await;
    let header = "const h = document.querySelector('header.site-header');         const t = h.querySelector('.menu-toggle');         return [Math.round(h.getBoundingClientRect().height), t.getAttribute('aria-expanded'),         h.querySelector('.main-nav').checkVisibility(), t.textContent,         h.querySelector('.main-nav a[href$=\"/mail\"]').textContent]";
    let folded = b.js(header).await;
    assert!(
        folded[0].as_f64().unwrap_or(999.0) <= 64.0,
        "one row at 390 px: {folded}"
    );
    assert_eq!(folded[1], "false", "{folded}");
    assert_eq!(
        folded[2], false,
        "the menu's links are folded away: {folded}"
    );
    // The button carries the mailbox's unread count while the menu is folded.
    let unread = folded[4]
        .as_str()
        .unwrap_or("")
        .trim_start_matches("メールボックス")
        .to_string();
    assert!(unread.parse::<u32>().is_ok_and(|n| n > 0), "{folded}");
    assert_eq!(folded[3], format!("メニュー{unread}"), "{folded}");
    b.does_not_see("サインアウト").await;
    // Opened: the links, the mode, the language and who is signed in.
    b.press_menu("メニュー").await;
    let open = b.js(header).await;
    assert_eq!(
        (&open[1], &open[2]),
        (&serde_json::json!("true"), &serde_json::json!(true))
    );
    b.sees("ローカル (このブラウザーのみ)").await;
    b.sees("hanako@demo.example").await;
    b.sees("サインアウト").await;
    b.axe("the open menu").await;
    b.snap("menu-open-ja-narrow").await;
    // A link of the menu leads to its page and folds the menu.
    b.follow("パートナー・プログラム").await;
    b.heading_is("パートナー・プログラム").await;
    assert_eq!(b.js(header).await[1], "false");
    // So does the browser's Back.
    b.press_menu("メニュー").await;
    b.js("history.back(); return 1").await;
    b.heading_is("メールボックス").await;
    assert_eq!(b.js(header).await[1], "false");
    // By keyboard: Enter opens it, Escape closes it and the focus stays on the button.
    b.js("document.querySelector('.menu-toggle').focus(); return 1")
        .await;
    b.keys(ENTER).await;
    assert_eq!(b.js(header).await[1], "true");
    b.keys(TAB).await;
    assert_eq!(b.focused_label().await, "カスタマー・サイト");
    b.keys(ESCAPE).await;
    assert_eq!(b.js(header).await[1], "false");
    assert_eq!(b.focused_label().await, format!("メニュー{unread}"));
    // In English, the same button says Menu.
    b.press_menu("メニュー").await;
    b.press("English").await;
    b.sees("Sign out").await;
    b.press_menu("Menu").await;
    b.does_not_see("Sign out").await;
    b.snap("menu-folded-en-narrow").await;
    // The narrowest phone: still one row, the button (its word hidden beside the count)
    // still named Menu.
    b.resize(320, 700).await;
    let narrowest = b.js(header).await;
    assert!(
        narrowest[0].as_f64().unwrap_or(999.0) <= 64.0,
        "one row at 320 px: {narrowest}"
    );
    assert_eq!(narrowest[3], format!("Menu{unread}"), "{narrowest}");
    b.snap("menu-folded-en-320").await;
    // Wide: no button, the menu shows.
    b.resize(1280, 900).await;
    let wide = b.js(header).await;
    assert_eq!(wide[2], true, "{wide}");
    let button = b
        .js("return document.querySelector('.menu-toggle').checkVisibility()")
        .await;
    assert_eq!(button, false);
    b.sees("Sign out").await;
    b.finish().await;
}

/// Each page of `paths`, in Japanese and English, is no wider than the 320 px window;
/// the first also with the header's menu open.
async fn reflows_at_320(b: &Browser, paths: &[String]) {
    for lang in ["ja", "en"] {
        for (i, path) in paths.iter().enumerate() {
            b.open(&format!("{path}?lang={lang}")).await;
            fits_320(b, path, lang).await;
            if i == 0 {
                b.open_menu().await;
                fits_320(b, &format!("{path} (menu open)"), lang).await;
            }
        }
    }
}

async fn fits_320(b: &Browser, path: &str, lang: &str) {
    let w = b
        .js("return [document.documentElement.scrollWidth, \
        [...document.querySelectorAll('body *')].filter(e => \
        e.getBoundingClientRect().right > 321).slice(-3).map(e => e.tagName + '.' + \
        e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', \
        ')]")
        .await;
    let scroll = w[0].as_f64().unwrap_or(0.0);
    assert!(
        scroll <= 321.0,
        "{path} ({lang}) is {scroll} px wide at 320 px: {}",
        w[1]
    );
}

#[tokio::test]
async fn markup_in_site_and_partner_fields_shows_as_text() {
    let b = Browser::start().await;
    let evil = "<img src=x onerror=\"window.__pwned=1\">";
    let site = b.demo_as_hanako().await;
    // A key contact's names.
    b.open(&format!("/sites/{site}/contacts")).await;
    b.press_labelled("Edit — Billing contact").await;
    b.fill("Family name", evil).await;
    b.fill("Given name", "<script>window.__pwned=2</script>")
        .await;
    b.fill("Email address", "billing@example.jp").await;
    b.fill("Phone number", "03-1234-5678").await;
    b.press_in("#contact-form", "Save").await;
    b.sees("The contact was saved.").await;
    b.sees(evil).await;
    // A denial reason, in the list and in the requester's mail.
    b.open(&format!("/sites/{site}/access")).await;
    b.press_labelled("Deny alex@demo.example").await;
    b.fill("Reason for the denial", evil).await;
    b.press_in("#decide-form", "Deny").await;
    b.sees("was denied").await;
    b.open("/mail?to=alex%40demo.example").await;
    b.follow_containing("Your access request was denied").await;
    b.sees(evil).await;
    // A partner company's legal name, on the review page and in the completion mail.
    b.open("/partner/apply").await;
    b.press("I agree").await;
    b.fill("Legal company name", evil).await;
    b.check("Reseller").await;
    b.choose("Company size", "1-10 people").await;
    b.fill("Postal code", "1068711").await;
    b.fill("City", "<b>City</b>").await;
    b.fill("Street address", "1-1").await;
    b.fill("Phone number", "03-1234-5678").await;
    b.press("Next").await;
    b.fill("Phone number", "090-1111-2222").await;
    b.check("Sales").await;
    b.press("Next").await;
    b.sees(evil).await;
    b.sees("<b>City</b>").await;
    let ok = b
        .js(
            "return window.__pwned === undefined && document.querySelectorAll('main img, \
        main script:not([type]), main b').length === 0",
        )
        .await;
    assert_eq!(
        ok,
        serde_json::Value::Bool(true),
        "no injected markup became elements or ran"
    );
    b.finish().await;
}

/// An export with the demo data and 80 more IDs (80 more audit entries, one per ID,
/// named by their email): the audit trail has two pages. Made with the app's own domain
/// and store, the way a backup from another browser would be.
fn export_with_many_entries() -> std::path::PathBuf {
    use onboard_core::{apply, demo, Actor, Ctx, Timestamp};
    let now = 1_790_000_000_000;
    let mut state = demo::build(Timestamp(now), [3; 32]).unwrap();
    for i in 0..80u8 {
        let cmd = identity_commands::CreateId {
            email: format!("id-{i:03}@example.com"),
            family: "Many".into(),
            given: "Entries".into(),
            country: "JP".into(),
            mail_lang: onboard_core::i18n::Lang::En,
            password: PW.into(),
            confirm: PW.into(),
            accept_terms: true,
        }
        .into();
        let ctx = Ctx::new(Timestamp(now + i as i64 * 1000), [i; 32]);
        state = apply(&state, &Actor::anonymous(), cmd, &ctx).unwrap().state;
    }
    backup_file(&state, now, "many")
}

/// The demo data and `n` help requests asked signed out, each mailed to its asker
/// (old mail is deleted by the demo's operator).
fn export_with_mails(n: u16) -> std::path::PathBuf {
    use onboard_core::{apply, demo, site_commands, Actor, Ctx, Timestamp};
    let now = 1_790_000_000_000;
    let mut state = demo::build(Timestamp(now), [3; 32]).unwrap();
    for i in 0..n {
        let cmd = site_commands::Help {
            name: format!("Customer {i:03}"),
            email: format!("customer-{i:03}@example.com"),
            subject: format!("Question {i:03}"),
            site: String::new(),
            description: "Please help.".into(),
            mail_lang: None,
        };
        let mut seed = [0; 32];
        seed[..2].copy_from_slice(&i.to_le_bytes());
        let ctx = Ctx::new(Timestamp(now + i as i64 * 60_000), seed);
        state = apply(&state, &Actor::anonymous(), cmd.into(), &ctx)
            .unwrap()
            .state;
    }
    backup_file(&state, now, "mails")
}

/// Fills this site's storage to the last character (another page of the site could
/// have): items while one fits, then the first grows while one more character does;
/// the number of filler items.
const FILL_STORAGE: &str = "let i = 0, size = 1 << 20; \
    while (size >= 1) { \
      try { localStorage.setItem('filler/' + i, 'x'.repeat(size)); i++; } \
      catch (e) { size = size >> 1; } \
    } \
    let v = localStorage.getItem('filler/0'); \
    for (;;) { \
      try { localStorage.setItem('filler/0', v + 'x'); v += 'x'; } catch (e) { break; } \
    } \
    return i;";

/// Storage full to the last character: a mail cannot be marked unread, nor a new ID
/// saved, and each says so where it was asked, in Japanese and in English, keeping
/// what was typed; the remedy the message names, the operator's deleting the oldest
/// mail on the data page, works all the same, and then both go through.
#[tokio::test]
async fn a_full_storage_is_said_by_the_form_and_deleting_old_mail_makes_room() {
    let file = export_with_mails(210);
    let b = Browser::start().await;
    b.import_backup(&file).await;
    b.open("/mail?lang=ja").await;
    b.follow_containing("customer-209@example.com").await;
    b.sees("未読にする").await;
    let fillers = b.js(FILL_STORAGE).await;
    assert!(fillers.as_u64().unwrap_or(0) > 0, "{fillers}");
    // Unread is one character more than read: not even that fits. The mail says so
    // and stays, and every page says storage is full, whatever Onboard's share of it.
    b.press("未読にする").await;
    b.sees_alert("ブラウザーの保存領域がいっぱいのため保存できませんでした。")
        .await;
    b.heading_is("[H000210] ヘルプ・リクエストを受け付けました")
        .await;
    b.reload().await;
    b.sees("保存領域の 100% を使用しています。").await;
    // A new ID: the message by the form, everything typed still there.
    b.open("/id/new?lang=en").await;
    b.heading_is("Create an ID").await;
    b.submit_new_id("late@example.com", "Late", "Comer", PW)
        .await;
    b.sees_alert(
        "Could not save: the browser's storage is full. Nothing was changed. Delete old mail \
        or export your data on the Data page.",
    )
    .await;
    assert_eq!(b.value_of("Email address").await, "late@example.com");
    assert_eq!(b.value_of("Given name").await, "Late");
    assert_eq!(b.value_of("Password").await, PW);
    b.sees("Storage is 100% full.").await;
    b.snap("storage-full-en").await;
    b.press("日本語").await;
    b.heading_is("ID の作成").await;
    b.press("ID を作成").await;
    b.sees_alert(
        "ブラウザーの保存領域がいっぱいのため保存できませんでした。何も変更されていません。\
        データ・ページで古いメールを削除するか、エクスポートしてください。",
    )
    .await;
    assert_eq!(b.value_of("eメール・アドレス").await, "late@example.com");
    b.resize(390, 900).await;
    b.snap("storage-full-ja-narrow").await;
    b.resize(1280, 900).await;
    // The data page's remedy: the operator deletes old mail. Neither the sign-in nor
    // the deletion has room of its own; the room kept in reserve is theirs.
    b.follow_to_question("サインイン").await;
    b.answer(true).await;
    b.press_labelled("プログラム・オフィス としてサインイン")
        .await;
    b.heading_is("プログラム・オフィス").await;
    b.follow("データ").await;
    b.press_asks(
        "最も古いメールを削除",
        "最も古いメール (最大 200 件) を削除しますか? 元に戻すことはできません。",
        true,
    )
    .await;
    b.sees("200 件を削除しました。").await;
    b.does_not_see("保存領域の 100% を使用しています。").await;
    b.press("サインアウト").await;
    b.open("/id/new?lang=en").await;
    b.submit_new_id("late@example.com", "Late", "Comer", PW)
        .await;
    b.heading_is("Verify your ID").await;
    b.sees("We mailed a code to late@example.com").await;
    // The mail kept read, and marked unread now.
    b.open("/mail?lang=ja&q=customer-209").await;
    b.follow_containing("customer-209@example.com").await;
    b.press("未読にする").await;
    b.sees("を未読にしました。").await;
    b.finish().await;
}

/// `state` as the data page's export writes it, in a file named after `name`.
fn backup_file(state: &onboard_core::State, now: i64, name: &str) -> std::path::PathBuf {
    use onboard::store::{MemoryBackend, Store};
    use onboard_core::Timestamp;
    let (mut store, _, _) = Store::open(Box::new(MemoryBackend::new()), Timestamp(now));
    store.replace_all(state).unwrap();
    let file = format!("onboard-{name}-{}.json", std::process::id());
    let path = std::env::temp_dir().join(file);
    std::fs::write(&path, store.export(Timestamp(now))).unwrap();
    path
}

/// The mailbox keeps its page in the address: a mail opened from page 2 comes back
/// to page 2, by its own link, by the browser's Back and after a reload; another
/// recipient starts at the first page.
#[tokio::test]
async fn the_mailbox_comes_back_to_the_page_a_mail_was_opened_from() {
    let file = export_with_many_entries();
    let b = Browser::start().await;
    b.import_backup(&file).await;
    let path = "return location.pathname + location.search";
    b.open("/mail").await;
    b.heading_is("Mailbox").await;
    b.sees("Page 1 of 2").await;
    // The list itself (the recipient filter names everybody).
    let list = ".mail-list";
    let page_1 = b.text_of(list).await;
    assert!(page_1.contains("id-079@example.com"), "{page_1}");
    assert!(!page_1.contains("id-010@example.com"), "{page_1}");
    // By keyboard: the focus stays in the pager. Next, now disabled on the last page,
    // hands it to Previous, and back.
    b.js("document.querySelector('nav.pager button:last-child').focus(); return 1")
        .await;
    b.keys(ENTER).await;
    b.sees("Page 2 of 2").await;
    let focus = "const e = document.activeElement; \
        return e && e.closest('nav.pager') ? e.textContent.trim() : (e ? e.tagName : '')";
    b.wait_for_js(focus, serde_json::json!("Previous")).await;
    assert_eq!(b.js(path).await, serde_json::json!("/mail?page=2"));
    b.keys(ENTER).await;
    b.sees("Page 1 of 2").await;
    b.wait_for_js(focus, serde_json::json!("Next")).await;
    b.keys(ENTER).await;
    b.sees("Page 2 of 2").await;
    b.follow_containing("id-010@example.com").await;
    b.sees("Back to the mailbox").await;
    b.follow("Back to the mailbox").await;
    b.heading_is("Mailbox").await;
    b.sees("Page 2 of 2").await;
    assert!(b.text_of(list).await.contains("id-010@example.com"));
    b.follow_containing("id-011@example.com").await;
    b.back().await;
    b.heading_is("Mailbox").await;
    b.sees("Page 2 of 2").await;
    b.reload().await;
    b.sees("Page 2 of 2").await;
    assert!(b.text_of(list).await.contains("id-011@example.com"));
    // Turning the page does not add to the history: Back leaves the mailbox.
    b.press("Previous").await;
    b.sees("Page 1 of 2").await;
    assert_eq!(b.js(path).await, serde_json::json!("/mail"));
    b.press("Next").await;
    b.sees("Page 2 of 2").await;
    // Another recipient: its own first page.
    b.choose("Filter by recipient", "id-010@example.com").await;
    b.sees("Messages: 1").await;
    b.does_not_see("Page 2 of 2").await;
    b.follow_containing("id-010@example.com").await;
    b.follow("Back to the mailbox").await;
    b.sees("Messages: 1").await;
    assert_eq!(
        b.js(path).await,
        serde_json::json!("/mail?to=id-010%40example.com")
    );
    // A page past the last shows the last.
    b.open("/mail?page=9").await;
    b.sees("Page 2 of 2").await;
    assert!(b.text_of(list).await.contains("id-010@example.com"));
    b.finish().await;
}

/// "Mark all as read" reads the mailbox shown at once: one recipient's, then every
/// recipient's (in Japanese), both pages. The count says how many are unread until
/// none is; then the button goes and the focus is on the first mail. A reload keeps it.
#[tokio::test]
async fn the_mailbox_marks_every_mail_read_at_once() {
    let file = export_with_many_entries();
    let b = Browser::start().await;
    b.import_backup(&file).await;
    b.open("/mail?lang=en").await;
    b.heading_is("Mailbox").await;
    let count = "return document.querySelector('.toolbar .count').textContent.trim()";
    let unread_rows = "return document.querySelectorAll('.mail-list li.unread').length";
    let in_list = "const e = document.activeElement; \
        return !!(e && e.matches('.mail-list li:first-child a'))";
    let numbers = |v: serde_json::Value| -> Vec<usize> {
        v.as_str()
            .unwrap_or("")
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect()
    };
    let [total, unread] = numbers(b.js(count).await)[..] else {
        panic!("no unread count: {}", b.js(count).await)
    };
    assert!(unread > 50, "more unread than one page holds: {unread}");
    b.resize(390, 844).await;
    b.snap("mailbox-unread-en-narrow").await;
    b.resize(1280, 900).await;
    // One recipient's mailbox.
    b.choose("Filter by recipient", "id-010@example.com").await;
    b.sees("Messages: 1 (unread: 1)").await;
    b.press("Mark all as read").await;
    b.wait_for_js(count, serde_json::json!("Messages: 1")).await;
    b.does_not_see("Mark all as read").await;
    b.wait_for_js(in_list, serde_json::json!(true)).await;
    assert_eq!(b.js(unread_rows).await, serde_json::json!(0));
    // Everybody's, in Japanese: one fewer unread than before.
    b.open("/mail?lang=ja").await;
    b.heading_is("メールボックス").await;
    b.wait_for_js(
        count,
        serde_json::json!(format!("メール {total} 件 (未読 {} 件)", unread - 1)),
    )
    .await;
    b.snap("mailbox-unread-ja").await;
    b.press("すべて既読にする").await;
    b.wait_for_js(count, serde_json::json!(format!("メール {total} 件")))
        .await;
    b.does_not_see("すべて既読にする").await;
    b.wait_for_js(in_list, serde_json::json!(true)).await;
    assert_eq!(b.js(unread_rows).await, serde_json::json!(0));
    b.press("次へ").await;
    b.sees("2 / 2").await;
    assert_eq!(b.js(unread_rows).await, serde_json::json!(0), "page 2 too");
    b.reload().await;
    b.wait_for_js(count, serde_json::json!(format!("メール {total} 件")))
        .await;
    b.does_not_see("すべて既読にする").await;
    b.finish().await;
}

/// The mailbox finds mail by what is typed: a part of an address, a code read in a
/// mail (typed full-width too), a subject in Japanese. What is typed is in the address
/// with the page: other words go to the first page, a mail opened comes back to the
/// same search, another recipient keeps it. Nothing found says so. "Mark all as read"
/// marks the mail found. Read or unread mail alone, with the search.
#[tokio::test]
async fn the_mailbox_finds_mail_by_what_is_typed() {
    let file = export_with_many_entries();
    let b = Browser::start().await;
    b.import_backup(&file).await;
    b.open("/mail").await;
    b.heading_is("Mailbox").await;
    let (search, list) = ("Filter by subject, text or address", ".mail-list");
    let path = "return location.pathname + location.search";
    let count = "return document.querySelector('.toolbar .count').textContent.trim()";
    let rows = "return document.querySelectorAll('.mail-list li').length";
    // 80 IDs' codes and the demo's 9 mails.
    b.sees("Messages: 89 (unread: 89)").await;
    b.fill(search, "id-04").await;
    b.wait_for_js(count, serde_json::json!("Messages: 10 of 89"))
        .await;
    assert_eq!(b.js(rows).await, serde_json::json!(10));
    assert_eq!(b.js(path).await, serde_json::json!("/mail?q=id-04"));
    // "Mark all as read" marks what is found, no other mail.
    b.press("Mark all as read").await;
    b.does_not_see("Mark all as read").await;
    let unread_rows = "return document.querySelectorAll('.mail-list li.unread').length";
    assert_eq!(b.js(unread_rows).await, serde_json::json!(0));
    // Found over two pages; other words go back to the first.
    b.fill(search, "verification").await;
    b.wait_for_js(count, serde_json::json!("Messages: 81 of 89"))
        .await;
    b.press("Next").await;
    b.sees("Page 2 of 2").await;
    assert_eq!(b.js(rows).await, serde_json::json!(31));
    b.fill(search, "id-042").await;
    b.wait_for_js(count, serde_json::json!("Messages: 1 of 89"))
        .await;
    b.does_not_see("Page 2 of 2").await;
    assert_eq!(b.js(path).await, serde_json::json!("/mail?q=id-042"));
    // Its code read in the mail; back to the same search.
    b.follow_containing("id-042@example.com").await;
    let code = b.text_of(".copy-value code").await;
    b.follow("Back to the mailbox").await;
    b.heading_is("Mailbox").await;
    assert_eq!(b.value_of(search).await, "id-042");
    b.wait_for_js(count, serde_json::json!("Messages: 1 of 89"))
        .await;
    // The code typed full-width, as a Japanese keyboard may: that mail alone.
    let wide: String = code
        .chars()
        .map(|c| char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c))
        .collect();
    b.fill(search, &wide).await;
    b.wait_for_js(count, serde_json::json!("Messages: 1 of 89"))
        .await;
    assert!(b.text_of(list).await.contains("id-042@example.com"));
    b.fill(search, "no such words").await;
    b.sees("No message matches.").await;
    b.wait_for_js(count, serde_json::json!("Messages: 0 of 89"))
        .await;
    // Another recipient keeps what is typed.
    b.fill(search, "code").await;
    b.choose("Filter by recipient", "id-010@example.com").await;
    b.wait_for_js(count, serde_json::json!("Messages: 1")).await;
    assert_eq!(
        b.js(path).await,
        serde_json::json!("/mail?q=code&to=id-010%40example.com")
    );
    assert_eq!(b.value_of(search).await, "code");
    b.resize(1280, 900).await;
    b.snap("mailbox-search-en").await;
    // In Japanese, by a subject.
    b.open("/mail?lang=ja&q=%E7%A2%BA%E8%AA%8D%E3%82%B3%E3%83%BC%E3%83%89")
        .await;
    b.heading_is("メールボックス").await;
    assert_eq!(
        b.value_of("件名・本文・アドレスで絞り込み").await,
        "確認コード"
    );
    b.wait_for_js(count, serde_json::json!("メール 1 件 (全 89 件中)"))
        .await;
    assert!(b.text_of(list).await.contains("ID の確認コード"));
    b.resize(390, 844).await;
    b.snap("mailbox-search-ja-narrow").await;
    // Nothing typed: every mail, the ten marked read.
    b.open("/mail?lang=en").await;
    b.wait_for_js(count, serde_json::json!("Messages: 89 (unread: 79)"))
        .await;
    // Read mail only, then unread only (over two pages), with what is typed.
    b.choose("Show", "Read (10)").await;
    b.wait_for_js(count, serde_json::json!("Messages: 10"))
        .await;
    assert_eq!(b.js(rows).await, serde_json::json!(10));
    assert_eq!(b.js(unread_rows).await, serde_json::json!(0));
    // Nothing shown to mark: no button (it would mark mail not shown).
    b.does_not_see("Mark all as read").await;
    b.choose("Show", "Unread (79)").await;
    b.wait_for_js(count, serde_json::json!("Messages: 79"))
        .await;
    b.sees("Page 1 of 2").await;
    assert_eq!(b.js(unread_rows).await, serde_json::json!(50));
    b.fill(search, "id-01").await;
    b.wait_for_js(count, serde_json::json!("Messages: 10 of 79"))
        .await;
    // A mail opened comes back to the unread list, which no longer holds it.
    b.follow_containing("id-015@example.com").await;
    b.follow("Back to the mailbox").await;
    b.wait_for_js(count, serde_json::json!("Messages: 9 of 78"))
        .await;
    assert_eq!(
        b.js(path).await,
        serde_json::json!("/mail?show=unread&q=id-01")
    );
    // Every one marked read: none left, the focus on the choice of what is shown.
    b.press("Mark all as read").await;
    b.sees("No message matches.").await;
    assert_eq!(b.focused_id().await, "show-filter");
    b.control(search).await.click().await.unwrap();
    b.keys("\u{E009}a\u{E000}\u{E003}").await;
    b.wait_for_js(count, serde_json::json!("Messages: 69"))
        .await;
    b.sees("Page 1 of 2").await;
    // One recipient's unread mail, marked read: none left, and the list says so.
    b.choose("Filter by recipient", "id-020@example.com").await;
    b.wait_for_js(count, serde_json::json!("Messages: 1")).await;
    b.press("Mark all as read").await;
    b.sees("No unread mail.").await;
    b.wait_for_js(count, serde_json::json!("Messages: 0")).await;
    assert_eq!(b.focused_id().await, "show-filter");
    b.finish().await;
}

/// A mail leads to the newer and the older one of the list it was opened from (the
/// same search, recipient and unread or read mail), and "Back to the mailbox" to the
/// page that holds the mail shown. The oldest has no older one; in the unread list, a
/// mail read on the way stays out of it.
#[tokio::test]
async fn a_mail_leads_to_the_newer_and_older_one_of_its_list() {
    let file = export_with_many_entries();
    let b = Browser::start().await;
    b.import_backup(&file).await;
    let count = "return document.querySelector('.toolbar .count').textContent.trim()";
    // The IDs' 80 codes, newest first: id-079 to id-030 on page 1, the rest on 2.
    b.open("/mail?lang=en&q=id-0").await;
    b.wait_for_js(count, serde_json::json!("Messages: 80 of 89"))
        .await;
    b.press("Next").await;
    b.sees("Page 2 of 2").await;
    b.follow_containing("id-029@example.com").await;
    mail_to(&b, "id-029").await;
    b.title_is("Your ID verification code | Mailbox | Onboard")
        .await;
    b.follow_containing("Newer message").await;
    mail_to(&b, "id-030").await;
    b.follow_containing("Newer message").await;
    mail_to(&b, "id-031").await;
    b.follow("Back to the mailbox").await;
    b.heading_is("Mailbox").await;
    b.sees("Page 1 of 2").await;
    assert_eq!(
        b.value_of("Filter by subject, text or address").await,
        "id-0"
    );
    // From page 1 to page 2: its way back is to page 2.
    b.follow_containing("id-030@example.com").await;
    b.follow_containing("Older message").await;
    mail_to(&b, "id-029").await;
    b.follow("Back to the mailbox").await;
    b.sees("Page 2 of 2").await;
    // The oldest of the list has no older one; the newest no newer one.
    b.open("/mail?lang=en&q=id-00").await;
    b.wait_for_js(count, serde_json::json!("Messages: 10 of 89"))
        .await;
    b.follow_containing("id-000@example.com").await;
    mail_to(&b, "id-000").await;
    b.does_not_see("Older message").await;
    b.follow_containing("Newer message").await;
    mail_to(&b, "id-001").await;
    b.resize(1280, 900).await;
    b.snap("mail-around-en").await;
    b.axe("a mail with its newer and older one").await;
    // Unread mail only (five read so far): each mail opened is read and stays out of
    // the list.
    b.open("/mail?lang=en&show=unread&q=id-01").await;
    b.wait_for_js(count, serde_json::json!("Messages: 10 of 84"))
        .await;
    b.follow_containing("id-019@example.com").await;
    mail_to(&b, "id-019").await;
    b.does_not_see("Newer message").await;
    b.follow_containing("Older message").await;
    mail_to(&b, "id-018").await;
    b.does_not_see("Newer message").await;
    b.follow("Back to the mailbox").await;
    b.wait_for_js(count, serde_json::json!("Messages: 8 of 82"))
        .await;
    // In Japanese, on a phone.
    b.open("/mail?lang=ja&q=id-00").await;
    b.heading_is("メールボックス").await;
    b.follow_containing("id-005@example.com").await;
    mail_to(&b, "id-005").await;
    b.title_is("Your ID verification code | メールボックス | Onboard")
        .await;
    b.sees("新しいメール").await;
    b.sees("古いメール").await;
    b.resize(390, 844).await;
    b.js("document.querySelector('.mail-nav').scrollIntoView(); return 1")
        .await;
    b.snap("mail-around-ja-narrow").await;
    b.follow_containing("古いメール").await;
    mail_to(&b, "id-004").await;
    // Marked unread: the list again, saying so, with that mail unread; opened, read.
    b.press("未読にする").await;
    b.heading_is("メールボックス").await;
    b.sees("「Your ID verification code」を未読にしました。")
        .await;
    let unread = "return [...document.querySelectorAll('.mail-list li')] \
        .find(li => li.textContent.includes('id-004@'))?.classList.contains('unread')";
    b.wait_for_js(unread, serde_json::json!(true)).await;
    b.follow_containing("id-004@example.com").await;
    mail_to(&b, "id-004").await;
    b.follow("メールボックスへ戻る").await;
    b.wait_for_js(unread, serde_json::json!(false)).await;
    b.follow_containing("id-004@example.com").await;
    // Printed, a mail is its head and its body: no links to other mail.
    b.emulate_media("print", &[]).await;
    let nav = "return getComputedStyle(document.querySelector('.mail-nav')).display";
    assert_eq!(b.js(nav).await, serde_json::json!("none"));
    b.finish().await;
}

/// Waits until the mail shown is to `who`@example.com.
async fn mail_to(b: &Browser, who: &str) {
    let js = format!(
        "return (document.querySelector('.mail-head')?.textContent ?? '').includes('{who}@example.com')"
    );
    b.wait_for_js(&js, serde_json::json!(true)).await;
}

/// An export with the demo data and 60 more sites ("Company 00 KK" to "Company 59 KK",
/// their primary contacts site-00@example.com to site-59@example.com): the office's
/// list of sites has two pages.
fn export_with_many_sites() -> std::path::PathBuf {
    use onboard_core::{apply, demo, site_commands, Ctx, Timestamp};
    let now = 1_790_000_000_000;
    let state = demo::build(Timestamp(now), [3; 32]).unwrap();
    let (mut state, op) = demo_operator(state, now);
    for i in 0..60u8 {
        let cmd = site_commands::Enrol {
            company: format!("Company {i:02} KK"),
            country: "JP".into(),
            postal: "1068711".into(),
            prefecture: "Tokyo".into(),
            city: "Minato-ku".into(),
            street: "Roppongi 3-2-12".into(),
            family: "Site".into(),
            given: format!("Contact{i:02}"),
            email: format!("site-{i:02}@example.com"),
            mail_lang: onboard_core::i18n::Lang::En,
        };
        let ctx = Ctx::new(Timestamp(now + i as i64 * 1000), [i; 32]);
        state = apply(&state, &op, cmd.into(), &ctx).unwrap().state;
    }
    state.end_all_sessions();
    backup_file(&state, now, "sites")
}

/// `state` with the demo data's operator signed in, and the operator as an actor.
fn demo_operator(
    state: onboard_core::State,
    now: i64,
) -> (onboard_core::State, onboard_core::Actor) {
    use onboard_core::state::Device;
    use onboard_core::{apply, demo, office_commands, Actor, Ctx, Timestamp};
    let sign_in = office_commands::OperatorSignIn {
        email: demo::DEMO_OPERATOR.into(),
        password: demo::DEMO_PASSWORD.into(),
    };
    let ctx = Ctx::new(Timestamp(now), [1; 32]);
    let out = apply(&state, &Actor::anonymous(), sign_in.into(), &ctx).unwrap();
    let operator = out.device.iter().find_map(|c| match c {
        onboard_core::DeviceChange::OperatorSignedIn(t) => Some(t.clone()),
        _ => None,
    });
    let op = out.state.actor(
        &Device {
            person: None,
            operator,
        },
        Timestamp(now),
    );
    (out.state, op)
}

/// `state` after the demo operator's `commands`, one millisecond apart from `at`,
/// with every session ended (as an export holds it).
fn by_demo_operator(
    state: onboard_core::State,
    at: i64,
    commands: Vec<onboard_core::Command>,
) -> onboard_core::State {
    use onboard_core::{apply, Ctx, Timestamp};
    let (mut state, op) = demo_operator(state, at);
    for (i, cmd) in commands.into_iter().enumerate() {
        let ctx = Ctx::new(Timestamp(at + i as i64), [200 + i as u8; 32]);
        state = apply(&state, &op, cmd, &ctx).unwrap().state;
    }
    state.end_all_sessions();
    state
}

/// Words wider than a phone in an export with the demo data: a site enrolled by the
/// office for a company name of 100 letters without a space and an email address of 83
/// characters, a help request as long, and two partner companies of 100 letters, the
/// first approved (its APA: app-01@example.com).
const LONG_EMAIL: &str =
    "a.very.long.mailbox.name.without.any.break.in.it@department.subdomain.example.co.jp";

fn export_with_long_words() -> std::path::PathBuf {
    use onboard_core::partner_commands as p;
    use onboard_core::{apply, site_commands, Actor, Ctx, Timestamp};
    // Two hours ago: the site's passcode is still valid when the test activates it.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
        - 7_200_000;
    let word = |n: usize| "Longword".repeat(n / 8 + 1)[..n].to_string();
    // Two partner companies of 100 letters: one approved, one waiting.
    let (state, numbers) = with_applicants_named(now, &[word(100), format!("{}X", word(99))]);
    let email = LONG_EMAIL;
    let help = site_commands::Help {
        name: word(60),
        email: email.into(),
        subject: word(100),
        site: String::new(),
        description: word(300),
        mail_lang: None,
    };
    let ctx = Ctx::new(Timestamp(now + 1000), [9; 32]);
    let state = apply(&state, &Actor::anonymous(), help.into(), &ctx)
        .unwrap()
        .state;
    // An ID of that address and of long names (password PW).
    let create = identity_commands::CreateId {
        email: email.into(),
        family: word(50),
        given: word(50),
        country: "JP".into(),
        mail_lang: onboard_core::i18n::Lang::En,
        password: PW.into(),
        confirm: PW.into(),
        accept_terms: true,
    };
    let state = apply(&state, &Actor::anonymous(), create.into(), &ctx)
        .unwrap()
        .state;
    let code =
        onboard_core::demo::latest_code(&state, &onboard_core::text::Email::parse(email).unwrap())
            .unwrap();
    let verify = identity_commands::VerifyId {
        email: email.into(),
        code,
    };
    let state = apply(&state, &Actor::anonymous(), verify.into(), &ctx)
        .unwrap()
        .state;
    let enrol = site_commands::Enrol {
        company: word(100),
        country: "JP".into(),
        postal: "1068711".into(),
        prefecture: "Tokyo".into(),
        city: word(60),
        street: word(100),
        family: word(40),
        given: word(40),
        email: email.into(),
        mail_lang: onboard_core::i18n::Lang::En,
    };
    let later = now + 3_600_000;
    let approve = p::Approve {
        number: numbers[0].clone(),
    };
    let state = by_demo_operator(state, later, vec![enrol.into(), approve.into()]);
    backup_file(&state, later, "long-words")
}

/// Words wider than a phone (a company name of 100 letters, a long email address, a
/// help request's long subject) wrap: the pages that show them, the office's, the
/// mailbox's and the partner company's, are no wider than a 320 px window (a table
/// scrolls sideways in its own region instead).
#[tokio::test]
async fn long_words_wrap_on_a_phone() {
    let file = export_with_long_words();
    let b = Browser::start().await;
    b.import_backup(&file).await;
    b.demo_operator_sign_in().await;
    b.open("/mail?lang=en").await;
    b.follow_containing("Access Passport Advantage Online")
        .await;
    let welcome = b.js("return location.pathname").await;
    b.open("/mail?lang=en").await;
    b.follow_containing("[H000001]").await;
    let help_mail = b.js("return location.pathname").await;
    let paths = [
        "/office/sites",
        "/office/help",
        "/office/applications",
        "/office/companies",
        "/office/ids",
        "/office/audit",
        "/mail",
        welcome.as_str().unwrap(),
        help_mail.as_str().unwrap(),
    ]
    .map(String::from);
    b.resize(320, 900).await;
    reflows_at_320(&b, &paths).await;
    b.open("/office/help?lang=ja").await;
    b.snap("long-words-help-ja-narrow").await;
    b.open("/office/help?lang=en").await;
    // The approved company's APA, on their partner pages.
    b.resize(1280, 900).await;
    b.sign_out().await;
    b.sign_in("app-01@example.com", PW).await;
    let paths = ["/partner/company", "/partner/home", "/partner/me", "/mail"].map(String::from);
    b.resize(320, 900).await;
    reflows_at_320(&b, &paths).await;
    // The person of the long address and names, signed in: the header too, wide.
    b.resize(1280, 900).await;
    b.sign_out().await;
    b.sign_in(LONG_EMAIL, PW).await;
    for width in [1280, 800] {
        b.resize(width, 900).await;
        let fits = b
            .js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            .await;
        assert_eq!(fits, serde_json::json!(true), "the header fits {width} px");
        b.snap(&format!("long-words-header-en-{width}")).await;
    }
    let paths = ["/", "/sites", "/id/profile", "/mail"].map(String::from);
    b.resize(320, 900).await;
    reflows_at_320(&b, &paths).await;
    b.open_menu().await;
    b.snap("long-words-menu-en-narrow").await;
    // They activate their site (the company of 100 letters): its pages too.
    b.resize(1280, 900).await;
    b.open("/mail?lang=en").await;
    let (site, passcode) = b.welcome_numbers().await;
    b.open("/sites").await;
    b.fill("Temporary passcode (8 characters)", &passcode).await;
    b.press("Activate the site").await;
    b.sees("Your site is active.").await;
    let paths =
        ["", "/contacts", "/access", "/documents", "/report"].map(|p| format!("/sites/{site}{p}"));
    b.resize(320, 900).await;
    reflows_at_320(&b, &paths).await;
    // The key contacts are a card each: their table does not scroll sideways in its
    // frame (which the page's width alone does not show).
    b.open(&format!("/sites/{site}/contacts?lang=ja")).await;
    let primary = b.first_card("table.contacts").await;
    assert!(primary[1].contains(LONG_EMAIL), "{primary:?}");
    assert_eq!(primary[2], "サイトご担当者の役割を引き継ぐ");
    b.snap("long-words-site-contacts-ja-narrow").await;
    b.open("/partner/company?lang=en").await;
    b.snap("long-words-partner-company-en-narrow").await;
    b.finish().await;
}

/// An export with the demo data and 23 help requests, H000001 to H000023 (the newest):
/// H000001 from Yamada Hanako (hanako.help@example.com, "Cannot sign in"), the others
/// from "Customer NN" ("Question NN"); H000002 answered, H000003 and H000004 closed.
fn export_with_many_help_requests() -> std::path::PathBuf {
    use onboard_core::{apply, demo, site_commands, Actor, Ctx, Timestamp};
    let now = 1_790_000_000_000;
    let mut state = demo::build(Timestamp(now), [3; 32]).unwrap();
    for i in 1..=23u8 {
        let (name, email, subject) = match i {
            1 => (
                "Yamada Hanako".into(),
                "hanako.help@example.com".into(),
                "Cannot sign in".into(),
            ),
            i => (
                format!("Customer {i:02}"),
                format!("customer-{i:02}@example.com"),
                format!("Question {i:02}"),
            ),
        };
        let cmd = site_commands::Help {
            name,
            email,
            subject,
            site: String::new(),
            description: "Please help.".into(),
            mail_lang: None,
        };
        let ctx = Ctx::new(Timestamp(now + i as i64 * 60_000), [i; 32]);
        state = apply(&state, &Actor::anonymous(), cmd.into(), &ctx)
            .unwrap()
            .state;
    }
    let later = now + 3_600_000;
    let answer = site_commands::AnswerHelp {
        reference: "H000002".into(),
        answer: "Here is how.".into(),
    };
    let close = |reference: &str| {
        site_commands::CloseHelp {
            reference: reference.into(),
        }
        .into()
    };
    let steps = vec![answer.into(), close("H000003"), close("H000004")];
    let state = by_demo_operator(state, later, steps);
    backup_file(&state, later, "help")
}

/// The office's help desk lists requests newest first, ten a page (the page and the
/// status in the address), by status and by what is typed; an answer typed in one
/// request stays while another is answered and while the list changes; a request
/// answered or closed out of the list shown is reported at the top of the page.
#[tokio::test]
async fn the_help_desk_finds_requests_by_status_and_name_a_page_at_a_time() {
    let file = export_with_many_help_requests();
    let b = Browser::start().await;
    b.import_backup(&file).await;
    b.demo_operator_sign_in().await;
    b.open("/office/help").await;
    b.heading_is("Help requests").await;
    let refs = "return [...document.querySelectorAll('main article h2')]\
        .map(h => h.textContent.split(' · ')[0].trim()).join(' ')";
    let refs_from = |from: u32, to: u32| -> serde_json::Value {
        serde_json::json!((to..=from)
            .rev()
            .map(|i| format!("H{i:06}"))
            .collect::<Vec<_>>()
            .join(" "))
    };
    let address = "return location.pathname + location.search";
    b.sees("Requests: 23").await;
    b.sees("Page 1 of 3").await;
    b.wait_for_js(refs, refs_from(23, 14)).await;
    b.snap("office-help-en").await;
    b.axe("the help desk with its filters").await;
    // An answer sent empty: the focus goes to that request's field, not to the field of
    // another request left in error above it.
    let focused = "return document.activeElement ? document.activeElement.id : ''";
    b.press_in("#help-H000023", "Send answer").await;
    b.wait_for_js(focused, serde_json::json!("answer-H000023"))
        .await;
    b.press_in("#help-H000021", "Send answer").await;
    b.wait_for_js(focused, serde_json::json!("answer-H000021"))
        .await;
    b.press("Next").await;
    b.sees("Page 2 of 3").await;
    b.wait_for_js(refs, refs_from(13, 4)).await;
    b.press("Next").await;
    b.sees("Page 3 of 3").await;
    b.wait_for_js(refs, refs_from(3, 1)).await;
    assert_eq!(b.js(address).await, "/office/help?page=3");
    b.reload().await;
    b.sees("Page 3 of 3").await;
    b.wait_for_js(refs, refs_from(3, 1)).await;
    // A closed request has no form; an answered one can be answered again.
    let closed = b.text_of("#help-H000003").await;
    assert!(
        closed.contains("Closed") && !closed.contains("Send answer"),
        "a closed request is not answered: {closed}"
    );
    // An answer typed in one request stays while another is answered.
    b.fill_in("#help-H000001", "Answer", "Draft for Hanako")
        .await;
    b.fill_in("#help-H000002", "Answer", "And one more thing.")
        .await;
    b.press_in("#help-H000002", "Send answer").await;
    b.sees_alert("The answer was sent.").await;
    assert!(b
        .text_of("#help-H000002 .form-alert")
        .await
        .contains("The answer was sent."));
    assert!(b
        .text_of("#help-H000002")
        .await
        .contains("And one more thing."));
    assert_eq!(
        b.control_in("#help-H000001", "Answer")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default(),
        "Draft for Hanako"
    );
    // By status: the open ones, in the address, from their first page.
    b.choose("Status", "Open (20)").await;
    b.sees("Requests: 20").await;
    b.sees("Page 1 of 2").await;
    assert_eq!(b.js(address).await, "/office/help?status=open");
    b.wait_for_js(refs, refs_from(23, 14)).await;
    // By name, however typed: one request, no pager, and the draft is still there.
    b.fill(
        "Filter by reference, name, email or subject",
        "yamadahanako",
    )
    .await;
    b.sees("Requests: 1 of 20").await;
    b.does_not_see("Page 1 of").await;
    b.wait_for_js(refs, refs_from(1, 1)).await;
    assert_eq!(
        b.control_in("#help-H000001", "Answer")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default(),
        "Draft for Hanako"
    );
    // Answered, it leaves the open ones: the page says so.
    b.fill_in("#help-H000001", "Answer", "We reissued your passcode.")
        .await;
    b.press_in("#help-H000001", "Send answer").await;
    b.sees_alert("The answer to H000001 was sent.").await;
    b.sees("No request matches.").await;
    b.sees("Requests: 0 of 19").await;
    // Every status: the answer is there; closing keeps it in the list.
    b.choose("Status", "All (23)").await;
    b.sees("Requests: 1 of 23").await;
    let row = b.text_of("#help-H000001").await;
    assert!(
        row.contains("Answered") && row.contains("We reissued your passcode."),
        "{row}"
    );
    b.press_in("#help-H000001", "Close").await;
    b.sees("Closed.").await;
    assert!(!b.text_of("#help-H000001").await.contains("Send answer"));
    b.open("/mail?to=hanako.help%40example.com").await;
    // Asked signed out, without a language: the mail is in Japanese.
    b.sees("[H000001] ヘルプ・リクエストへの回答").await;
    // In Japanese: the closed ones, deleted.
    b.open("/office/help?lang=ja&status=closed").await;
    b.heading_is("ヘルプ・リクエスト").await;
    b.sees("ヘルプ・リクエスト 3 件").await;
    b.wait_for_js(refs, serde_json::json!("H000004 H000003 H000001"))
        .await;
    assert_eq!(
        b.js("const s = document.getElementById('status-filter'); return s.options[s.selectedIndex].text").await,
        "完了 (3)"
    );
    b.snap("office-help-ja").await;
    b.press("完了したリクエストを削除").await;
    b.sees_alert("3 件を削除しました。").await;
    b.sees("条件に一致するヘルプ・リクエストはありません。")
        .await;
    b.choose("状況", "すべて (20)").await;
    b.sees("ヘルプ・リクエスト 20 件").await;
    // The row's own message takes the focus, not the page's left above it.
    b.fill_in("#help-H000023", "回答", "確認します。").await;
    b.press_in("#help-H000023", "回答を送信").await;
    b.sees_alert("回答を送信しました。").await;
    b.wait_for_js(
        "const a = document.activeElement; \
         return !!(a && a.matches('#help-H000023 .form-alert'))",
        serde_json::json!(true),
    )
    .await;
    b.resize(390, 844).await;
    b.snap("office-help-ja-narrow").await;
    // Asked signed out on an English page: the mail is in English.
    b.resize(1280, 900).await;
    b.open("/sites/help?lang=en").await;
    b.fill("Name", "Ken Ito").await;
    b.fill("Email address", "ken@example.com").await;
    b.fill("Subject", "Locked out").await;
    b.fill("Description", "Please help.").await;
    b.press("Send help request").await;
    b.sees("Your help request was received.").await;
    b.open("/mail?to=ken%40example.com").await;
    b.sees("[H000024] We received your help request").await;
    b.finish().await;
}

/// An export with the demo data (its one application approved) and 14 more partner
/// applications, sent one minute apart: "Applicant 01 KK" to "Applicant 14 KK" (the
/// newest), from app-01@example.com to app-14@example.com, each applicant named
/// Tanaka ApplicantNN. Applicant 01's is approved, Applicant 02's rejected.
fn export_with_many_applications() -> std::path::PathBuf {
    use onboard_core::partner_commands as p;
    let now = 1_790_000_000_000;
    let (state, numbers) = with_applicants(now, 14);
    let later = now + 3_600_000;
    let approve = p::Approve {
        number: numbers[0].clone(),
    };
    let reject = p::Reject {
        number: numbers[1].clone(),
        reason: "Not a reseller.".into(),
    };
    let state = by_demo_operator(state, later, vec![approve.into(), reject.into()]);
    backup_file(&state, later, "applications")
}

/// The demo data and `n` sent applications, a minute apart from `now`: "Applicant NN
/// KK" from Tanaka ApplicantNN (app-NN@example.com); their numbers, oldest first.
fn with_applicants(now: i64, n: u8) -> (onboard_core::State, Vec<String>) {
    let names: Vec<String> = (1..=n).map(|i| format!("Applicant {i:02} KK")).collect();
    with_applicants_named(now, &names)
}

/// The demo data and an application sent for each company of `names` (the i-th from
/// Tanaka ApplicantNN, app-NN@example.com), a minute apart; their numbers.
fn with_applicants_named(now: i64, names: &[String]) -> (onboard_core::State, Vec<String>) {
    use onboard_core::partner_commands::{self as p, CompanyInput, PartnerCommand, ProfileInput};
    use onboard_core::{apply, demo, Actor, Command, Ctx, Timestamp};
    let mut state = demo::build(Timestamp(now), [3; 32]).unwrap();
    let anon = Actor::anonymous();
    let mut numbers = Vec::new();
    for (i, name) in (1..).zip(names) {
        let ctx = Ctx::new(Timestamp(now + i as i64 * 60_000), [i; 32]);
        let email = format!("app-{i:02}@example.com");
        let create = identity_commands::CreateId {
            email: email.clone(),
            family: "Tanaka".into(),
            given: format!("Applicant{i:02}"),
            country: "JP".into(),
            mail_lang: onboard_core::i18n::Lang::En,
            password: PW.into(),
            confirm: PW.into(),
            accept_terms: true,
        };
        state = apply(&state, &anon, create.into(), &ctx).unwrap().state;
        let e = onboard_core::text::Email::parse(&email).unwrap();
        let code = demo::latest_code(&state, &e).unwrap();
        let verify = identity_commands::VerifyId {
            email: email.clone(),
            code,
        };
        state = apply(&state, &anon, verify.into(), &ctx).unwrap().state;
        let sign_in = identity_commands::SignIn {
            email: email.clone(),
            password: PW.into(),
        };
        let out = apply(&state, &anon, sign_in.into(), &ctx).unwrap();
        let person = out.device.iter().find_map(|c| match c {
            onboard_core::DeviceChange::PersonSignedIn(t) => Some(t.clone()),
            _ => None,
        });
        let device = onboard_core::state::Device {
            person,
            operator: None,
        };
        state = out.state;
        let me = state.actor(&device, ctx.now);
        let company = CompanyInput {
            legal_name: name.clone(),
            country: "JP".into(),
            web: String::new(),
            models: vec!["reseller".into()],
            products: vec!["cloud".into()],
            size: "11-50".into(),
            directory: false,
            postal: "100-0005".into(),
            prefecture: "Tokyo".into(),
            city: "Chiyoda-ku".into(),
            street: "Marunouchi 1-1".into(),
            phone: "03-1234-5678".into(),
        };
        let profile = ProfileInput {
            family: "Tanaka".into(),
            given: format!("Applicant{i:02}"),
            phone: "090-1234-5678".into(),
            functions: vec!["sales".into()],
            mail_lang: onboard_core::i18n::Lang::En,
            interests: vec!["cloud".into()],
            industries: vec![],
        };
        for cmd in [
            PartnerCommand::AcceptAgreement(p::AcceptAgreement {
                version: onboard_core::partner::AGREEMENT_VERSION.into(),
            }),
            PartnerCommand::SaveCompany(company),
            PartnerCommand::SaveEmployee(profile),
            PartnerCommand::Submit,
        ] {
            let out = apply(&state, &me, Command::Partner(cmd), &ctx).unwrap();
            if let onboard_core::Reply::ApplicationSubmitted { number } = &out.effect {
                numbers.push(number.clone());
            }
            state = out.state;
        }
    }
    (state, numbers)
}

/// An export with 25 member companies: the demo's Demo Partners KK (the oldest) and
/// Applicant 01 KK to Applicant 24 KK, approved in that order a minute apart.
fn export_with_member_companies() -> std::path::PathBuf {
    use onboard_core::partner_commands as p;
    let now = 1_790_000_000_000;
    let (mut state, numbers) = with_applicants(now, 24);
    let mut at = now + 3_600_000;
    for number in numbers {
        at += 60_000;
        state = by_demo_operator(state, at, vec![p::Approve { number }.into()]);
    }
    backup_file(&state, at, "companies")
}

/// The office's IDs: newest first, twenty a page (the page, the state and the words
/// typed in the address), each with its state, last sign-in, sites and company; a
/// locked one's lock lifted from the list, which its owner then sees on the profile;
/// in English and Japanese, wide and on a phone.
#[tokio::test]
async fn the_office_finds_ids_and_lifts_a_lock() {
    let file = export_with_member_companies();
    let b = Browser::start().await;
    b.import_backup(&file).await;
    // Five wrong passwords lock Hanako's ID.
    b.sign_out().await;
    b.open("/signin?lang=en").await;
    b.fill("Email address", "hanako@demo.example").await;
    for _ in 0..5 {
        b.fill("Password", "wrong password!").await;
        b.press("Sign in").await;
    }
    b.sees_alert("Too many wrong passwords: locked until").await;
    b.demo_operator_sign_in().await;
    b.open("/office").await;
    b.follow("IDs").await;
    b.heading_is("IDs").await;
    let emails = "return [...document.querySelectorAll('table.ids tbody tr code')]\
        .map(c => c.textContent.trim())";
    let address = "return location.pathname + location.search";
    // Newest first: the applicants (the newest is the 24th), then the demo's people.
    let first = b.js(emails).await;
    let first = first.as_array().expect("rows").clone();
    assert_eq!(first.len(), 20, "twenty a page: {first:?}");
    assert_eq!(first[0], "app-24@example.com");
    b.sees("Page 1 of 2").await;
    let all = b.text_of(".toolbar .count").await;
    assert!(all.starts_with("IDs: "), "{all}");
    b.press("Next").await;
    b.sees("Page 2 of 2").await;
    b.wait_for_js(address, serde_json::json!("/office/ids?page=2"))
        .await;
    let second = b.js(emails).await;
    let second = second.as_array().expect("rows").clone();
    let n: usize = all["IDs: ".len()..].parse().expect("a count");
    assert_eq!(first.len() + second.len(), n, "every ID on the two pages");
    assert!(
        second.iter().all(|e| !first.contains(e)),
        "no ID on both pages"
    );
    // Locked only: Hanako, with the lock's end, her site and her last sign-in.
    b.choose("Status", "Locked (1)").await;
    b.wait_for_js(address, serde_json::json!("/office/ids?status=locked"))
        .await;
    b.sees("IDs: 1").await;
    b.wait_for_js(emails, serde_json::json!(["hanako@demo.example"]))
        .await;
    let row = b.text_of("table.ids tbody tr").await;
    assert!(row.contains("Locked (until "), "{row}");
    assert!(row.contains("山田 花子"), "{row}");
    assert!(row.contains("Primary contact of "), "{row}");
    b.snap("office-ids-locked-en").await;
    b.press_labelled("Lift the lock of hanako@demo.example")
        .await;
    b.sees("The lock of hanako@demo.example was lifted: it can sign in again.")
        .await;
    b.sees("No ID matches.").await;
    b.sees("Locked (0)").await;
    // By the words typed: a part of a name or of an address, kept in the address.
    b.choose("Status", &format!("All ({n})")).await;
    b.fill("Filter by email or name", "Applicant07").await;
    b.wait_for_js(emails, serde_json::json!(["app-07@example.com"]))
        .await;
    b.sees(&format!("IDs: 1 of {n}")).await;
    let row = b.text_of("table.ids tbody tr").await;
    assert!(row.contains("Tanaka") && row.contains("Active"), "{row}");
    assert!(row.contains("Applicant 07 KK"), "{row}");
    b.wait_for_js(address, serde_json::json!("/office/ids?q=Applicant07"))
        .await;
    b.axe("the office's IDs, found").await;
    // In Japanese, and on a phone.
    b.open("/office/ids?q=hanako&lang=ja").await;
    b.heading_is("ID の一覧").await;
    let row = b.text_of("table.ids tbody tr").await;
    assert!(row.contains("有効"), "{row}");
    assert!(row.contains("のサイトご担当者"), "{row}");
    b.sees("最後のサインイン").await;
    b.resize(390, 900).await;
    b.snap("office-ids-ja-narrow").await;
    b.resize(1280, 900).await;
    // Hanako signs in again, and sees who lifted the lock in her ID's history.
    b.open("/office?lang=en").await;
    b.sign_out().await;
    b.sign_in("hanako@demo.example", "onboard-demo-2026").await;
    b.open("/id/profile").await;
    let rows = b.history_rows(3).await;
    assert_eq!(
        rows,
        serde_json::json!([
            ["Sign-in", "hanako@demo.example"],
            ["Lock lifted", "Program office"],
            ["Locked out", "(not signed in)"]
        ])
    );
    b.finish().await;
}

/// The office's member companies: newest member first, twenty a page (the page and
/// the level in the address), by level and by what is typed; a level is saved as it
/// is chosen, with the keyboard, and the focus stays on its select (on the message,
/// when the company leaves the level shown); the message follows the language.
#[tokio::test]
async fn the_office_sets_membership_levels_on_a_list_of_member_companies() {
    let file = export_with_member_companies();
    let b = Browser::start().await;
    b.import_backup(&file).await;
    b.demo_operator_sign_in().await;
    b.open("/office").await;
    b.follow("Member companies").await;
    b.heading_is("Member companies").await;
    let names = "return [...document.querySelectorAll('table.companies tbody td:first-child')]\
        .map(td => td.textContent.trim()).join(', ')";
    let address = "return location.pathname + location.search";
    let applicants = |from: u8, to: u8| -> String {
        (to..=from)
            .rev()
            .map(|i| format!("Applicant {i:02} KK"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    b.sees("Companies: 25").await;
    b.sees("Page 1 of 2").await;
    b.wait_for_js(names, serde_json::json!(applicants(24, 5)))
        .await;
    b.press("Next").await;
    b.sees("Page 2 of 2").await;
    b.wait_for_js(
        names,
        serde_json::json!(format!("{}, Demo Partners KK", applicants(4, 1))),
    )
    .await;
    b.wait_for_js(address, serde_json::json!("/office/companies?page=2"))
        .await;
    b.reload().await;
    b.sees("Page 2 of 2").await;
    b.press("Previous").await;
    b.sees("Page 1 of 2").await;
    // With the keyboard: the company's name labels its select; one step down is
    // Silver, saved at once, and the focus stays where it was.
    b.c.find(fantoccini::Locator::XPath(
        "//label[normalize-space(.)='Applicant 24 KK']",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    b.keys("\u{E015}").await;
    b.sees("The membership level of Applicant 24 KK is now Silver.")
        .await;
    assert_eq!(b.focused_label().await, "Applicant 24 KK");
    b.keys("\u{E015}").await;
    b.sees("The membership level of Applicant 24 KK is now Gold.")
        .await;
    assert_eq!(b.focused_label().await, "Applicant 24 KK");
    // Two levels chosen faster than the first is saved (a script stands in for quick
    // hands or a slow server): the second waits its turn, both are saved.
    let level_of = |company: &str| {
        format!(
            "const l = [...document.querySelectorAll('main label')]\
                .find(l => l.textContent.trim() === '{company}'); \
             return document.getElementById(l.htmlFor).value"
        )
    };
    b.js("for (const n of ['Applicant 23 KK', 'Applicant 22 KK']) { \
              const l = [...document.querySelectorAll('main label')]\
                  .find(l => l.textContent.trim() === n); \
              const s = document.getElementById(l.htmlFor); s.value = 'silver'; \
              s.dispatchEvent(new Event('change', {bubbles: true})); } \
          return 1")
        .await;
    b.sees("The membership level of Applicant 22 KK is now Silver.")
        .await;
    b.reload().await;
    b.heading_is("Member companies").await;
    for company in ["Applicant 23 KK", "Applicant 22 KK"] {
        b.wait_for_js(&level_of(company), serde_json::json!("silver"))
            .await;
    }
    b.choose("Applicant 10 KK", "Gold").await;
    b.sees("The membership level of Applicant 10 KK is now Gold.")
        .await;
    b.snap("companies-en-wide").await;
    b.axe("the member companies with a level saved").await;
    // Gold only: in the address, with its count.
    b.choose("Membership level", "Gold (2)").await;
    b.wait_for_js(address, serde_json::json!("/office/companies?level=gold"))
        .await;
    b.sees("Companies: 2").await;
    b.does_not_see("Page 1 of").await;
    b.wait_for_js(names, serde_json::json!("Applicant 24 KK, Applicant 10 KK"))
        .await;
    // Leaving the level shown, the company leaves the list; the focus goes to the
    // message (not to the page's top).
    b.choose("Applicant 10 KK", "Platinum").await;
    b.sees("The membership level of Applicant 10 KK is now Platinum.")
        .await;
    b.wait_for_js(names, serde_json::json!("Applicant 24 KK"))
        .await;
    b.wait_for_js(
        "return document.activeElement.getAttribute('role')",
        serde_json::json!("status"),
    )
    .await;
    b.sees("Companies: 1").await;
    // By what is typed, over every level: the application number or the name.
    b.choose("Membership level", "All (25)").await;
    b.wait_for_js(address, serde_json::json!("/office/companies"))
        .await;
    b.fill(
        "Filter by company or application number",
        "ａｐｐｌｉｃａｎｔ 07",
    )
    .await;
    b.sees("Companies: 1 of 25").await;
    b.wait_for_js(names, serde_json::json!("Applicant 07 KK"))
        .await;
    b.fill("Filter by company or application number", "nobody")
        .await;
    b.sees("No company matches.").await;
    // What the list says follows the language; the levels are kept.
    b.fill("Filter by company or application number", "nobody")
        .await;
    b.keys("\u{E009}a\u{E000}\u{E003}").await;
    b.sees("Companies: 25").await;
    b.press("日本語").await;
    b.heading_is("メンバー企業").await;
    b.sees("メンバー企業 25 社").await;
    b.sees("シルバー (2)").await;
    b.sees("Applicant 10 KK のメンバーシップ・レベルをプラチナにしました。")
        .await;
    b.choose("メンバーシップ・レベル", "ゴールド (1)").await;
    b.wait_for_js(names, serde_json::json!("Applicant 24 KK"))
        .await;
    b.js("window.scrollTo(0, 0)").await;
    b.snap("companies-ja-wide").await;
    b.resize(390, 844).await;
    b.snap("companies-ja-narrow").await;
    // The company's administrator was told, in their own language (English).
    b.resize(1280, 900).await;
    b.open("/mail?to=app-10%40example.com").await;
    b.follow_containing("Applicant 10 KK: your membership level has changed")
        .await;
    b.sees("The membership level of Applicant 10 KK has changed from Gold to Platinum.")
        .await;
    b.press("English").await;
    b.open("/office/companies").await;
    b.fill(
        "Filter by company or application number",
        "ａｐｐｌｉｃａｎｔ 07",
    )
    .await;
    b.sees("Companies: 1 of 25").await;
    // What is typed is in the address: a reload keeps it, and so does another level.
    let typed = "return new URLSearchParams(location.search).get('q')";
    b.wait_for_js(typed, serde_json::json!("ａｐｐｌｉｃａｎｔ 07"))
        .await;
    b.reload().await;
    b.heading_is("Member companies").await;
    assert_eq!(
        b.value_of("Filter by company or application number").await,
        "ａｐｐｌｉｃａｎｔ 07"
    );
    b.sees("Companies: 1 of 25").await;
    b.choose("Membership level", "Member (21)").await;
    b.sees("Companies: 1 of 21").await;
    b.wait_for_js(typed, serde_json::json!("ａｐｐｌｉｃａｎｔ 07"))
        .await;
    assert_eq!(
        b.value_of("Filter by company or application number").await,
        "ａｐｐｌｉｃａｎｔ 07"
    );
    b.choose("Membership level", "All (25)").await;
    // Its application number opens the application, and the application the company.
    let number = b
        .js("return document.querySelector('table.companies tbody td.mono').textContent.trim()")
        .await
        .as_str()
        .unwrap()
        .to_string();
    b.follow(&number).await;
    b.heading_is("Partner applications").await;
    b.sees("Applications: 1 of 25").await;
    assert_eq!(
        b.value_of("Filter by number, company, email or name").await,
        number
    );
    b.sees(&format!("{number} · Applicant 07 KK")).await;
    b.snap("applications-by-number-en").await;
    b.follow("Membership level: Member").await;
    b.heading_is("Member companies").await;
    b.sees("Companies: 1 of 25").await;
    b.wait_for_js(names, serde_json::json!("Applicant 07 KK"))
        .await;
    b.finish().await;
}

/// The office's partner applications: newest first, ten a page (the page and the
/// status in the address), by status and by what is typed; a message typed for one
/// application stays while another is decided, and while the list changes.
#[tokio::test]
async fn the_office_finds_partner_applications_by_status_and_name_a_page_at_a_time() {
    let file = export_with_many_applications();
    let b = Browser::start().await;
    b.import_backup(&file).await;
    b.demo_operator_sign_in().await;
    b.open("/office/applications").await;
    b.heading_is("Partner applications").await;
    let companies = "return [...document.querySelectorAll('main article h2')]\
        .map(h => h.textContent.split(' · ')[1].trim()).join(', ')";
    let address = "return location.pathname + location.search";
    b.sees("Applications: 15").await;
    b.sees("Page 1 of 2").await;
    let applicants = |from: u8, to: u8| -> String {
        (to..=from)
            .rev()
            .map(|i| format!("Applicant {i:02} KK"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    b.wait_for_js(companies, serde_json::json!(applicants(14, 5)))
        .await;
    b.press("Next").await;
    b.sees("Page 2 of 2").await;
    b.wait_for_js(
        companies,
        serde_json::json!(format!("{}, Demo Partners KK", applicants(4, 1))),
    )
    .await;
    assert_eq!(b.js(address).await, "/office/applications?page=2");
    b.reload().await;
    b.sees("Page 2 of 2").await;
    b.press("Previous").await;
    b.sees("Page 1 of 2").await;
    // A message typed for one application stays while another is approved.
    let (newest, next) = (
        application_row(&b, "Applicant 14 KK").await,
        application_row(&b, "Applicant 13 KK").await,
    );
    b.fill_in(
        &newest,
        "Message (optional)",
        "Please send your reseller licence.",
    )
    .await;
    b.press_in(&next, "Approve").await;
    b.sees_alert("was approved.").await;
    // Still listed, it says so itself (the page does not scroll to its top).
    let said = b.text_of(&next).await;
    assert!(said.contains("Approved"), "{said}");
    assert!(said.contains("was approved."), "{said}");
    assert_eq!(
        b.js("return document.activeElement.closest('article') ? \
              document.activeElement.closest('article').id : ''")
            .await,
        next.trim_start_matches('#')
    );
    assert_eq!(
        b.control_in(&newest, "Message (optional)")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default(),
        "Please send your reseller licence."
    );
    // Under review only: in the address, from the first page.
    b.choose("Status", "Under review (11)").await;
    b.sees("Applications: 11").await;
    assert_eq!(b.js(address).await, "/office/applications?status=submitted");
    b.sees("Page 1 of 2").await;
    // By the applicant's name, typed as one word: one application, no pager.
    b.fill(
        "Filter by number, company, email or name",
        "tanakaapplicant05",
    )
    .await;
    b.sees("Applications: 1 of 11").await;
    b.does_not_see("Page 1 of").await;
    b.wait_for_js(companies, serde_json::json!("Applicant 05 KK"))
        .await;
    let fifth = application_row(&b, "Applicant 05 KK").await;
    b.fill_in(&fifth, "Message (optional)", "Not a reseller.")
        .await;
    b.press_in(&fifth, "Reject").await;
    b.sees_alert("was rejected.").await;
    b.sees("No application matches.").await;
    b.sees("Applications: 0 of 10").await;
    // The draft for Applicant 14 is still there, on the list of every status.
    b.choose("Status", "All (15)").await;
    b.fill("Filter by number, company, email or name", "applicant 14")
        .await;
    b.sees("Applications: 1 of 15").await;
    let newest = application_row(&b, "Applicant 14 KK").await;
    assert_eq!(
        b.control_in(&newest, "Message (optional)")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default(),
        "Please send your reseller licence."
    );
    b.snap("office-applications-en").await;
    b.axe("the partner applications with their filters").await;
    // That message was never sent: leaving the page asks first, even while its row
    // is off the list shown; staying keeps it.
    b.fill("Filter by number, company, email or name", "applicant 13")
        .await;
    b.sees("Applications: 1 of 15").await;
    assert!(b
        .follow_to_question("Program office")
        .await
        .contains("Leave this page?"));
    b.answer(false).await;
    b.heading_is("Partner applications").await;
    b.fill("Filter by number, company, email or name", "applicant 14")
        .await;
    let newest = application_row(&b, "Applicant 14 KK").await;
    assert_eq!(
        b.control_in(&newest, "Message (optional)")
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default(),
        "Please send your reseller licence."
    );
    assert!(b
        .follow_to_question("Program office")
        .await
        .contains("Leave this page?"));
    b.answer(true).await;
    b.heading_is("Program office").await;
    // In Japanese: the rejected ones.
    b.open("/office/applications?lang=ja&status=rejected").await;
    b.heading_is("パートナー申請の審査").await;
    b.sees("申請 2 件").await;
    b.wait_for_js(
        companies,
        serde_json::json!("Applicant 05 KK, Applicant 02 KK"),
    )
    .await;
    assert_eq!(
        b.js("const s = document.getElementById('status-filter'); \
              return s.options[s.selectedIndex].text")
            .await,
        "却下 (2)"
    );
    b.fill("番号・会社名・eメール・お名前で絞り込み", "ＡＰＰ－０２")
        .await;
    b.sees("申請 1 件 (全 2 件中)").await;
    b.snap("office-applications-ja").await;
    b.finish().await;
}

/// The CSS selector of the office's application whose heading names `company`.
async fn application_row(b: &Browser, company: &str) -> String {
    let id = b
        .js(&format!(
            "const a = [...document.querySelectorAll('main article')]\
             .find(a => a.querySelector('h2').textContent.includes({company:?})); \
             return a ? a.id : ''"
        ))
        .await;
    let id = id.as_str().unwrap_or_default();
    assert!(!id.is_empty(), "no application of {company}");
    format!("#{id}")
}

/// The office finds a site among many as it types: by number, company or contact,
/// however typed (a Japanese keyboard's full-width letters and digits too); the count
/// says how many of all, the list starts at its first page again, and what is typed
/// in the page's form stays. A site's users are filtered alike.
#[tokio::test]
async fn the_office_finds_a_site_by_number_company_or_contact_as_typed() {
    let file = export_with_many_sites();
    let b = Browser::start().await;
    b.import_backup(&file).await;
    b.demo_operator_sign_in().await;
    b.open("/office/sites").await;
    b.heading_is("Customer sites").await;
    let filter = "Filter by number, company or contact";
    let rows = "main table tbody";
    b.sees("Sites: 61").await;
    b.sees("Page 1 of 2").await;
    b.press("Next").await;
    b.sees("Page 2 of 2").await;
    // The page is in the address: a reload comes back to it.
    let address = "return location.pathname + location.search";
    b.wait_for_js(address, serde_json::json!("/office/sites?page=2"))
        .await;
    b.reload().await;
    b.sees("Page 2 of 2").await;
    // Something typed in the page's form stays while the list is filtered.
    b.disclose("Change the primary contact").await;
    b.fill("Site number (7 digits)", "1234567").await;
    b.fill(filter, "company 07").await;
    b.sees("Sites: 1 of 61").await;
    // What is typed replaces the page in the address.
    b.wait_for_js(address, serde_json::json!("/office/sites?q=company+07"))
        .await;
    // One page: no pager (as on every list).
    b.does_not_see("Page 1 of").await;
    let found = b.text_of(rows).await;
    assert!(found.contains("Company 07 KK"), "{found}");
    assert!(!found.contains("Company 08 KK"), "{found}");
    assert_eq!(b.value_of("Site number (7 digits)").await, "1234567");
    // Its number, as a Japanese keyboard types it.
    let number = found.split_whitespace().next().unwrap().to_string();
    let wide: String = number
        .chars()
        .map(|c| char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap())
        .collect();
    b.fill(filter, &wide).await;
    b.sees("Sites: 1 of 61").await;
    assert!(b.text_of(rows).await.contains("Company 07 KK"));
    // The contact: by email, by name.
    b.fill(filter, "site-4").await;
    b.sees("Sites: 10 of 61").await;
    b.fill(filter, "Contact59 Site").await;
    b.sees("Sites: 1 of 61").await;
    assert!(b.text_of(rows).await.contains("Company 59 KK"));
    b.fill(filter, "nowhere").await;
    b.sees("No site matches.").await;
    b.snap("office-sites-no-match-en").await;
    // Escape empties a search box (the focus is still in it).
    b.keys(ESCAPE).await;
    b.sees("Sites: 61").await;
    b.sees("Page 1 of 2").await;

    // Japanese, narrow.
    b.open("/office/sites?lang=ja").await;
    b.resize(390, 900).await;
    b.fill("番号・会社名・ご担当者で絞り込み", "デモ").await;
    b.sees("サイト 1 件 (全 61 件中)").await;
    let demo = b.text_of(rows).await;
    assert!(demo.contains("デモ株式会社"), "{demo}");
    let site = demo.split_whitespace().next().unwrap().to_string();
    b.snap("office-sites-filter-ja-narrow").await;
    // A card on a phone: nothing scrolls sideways, each value labelled, no empty line
    // for an active site's missing button.
    assert_eq!(
        b.first_card("main table.sites").await,
        [site.as_str(), "会社", "ご担当者", "状態", "-"]
    );
    // The header's menu names the signed-in office, in Japanese, on a phone.
    b.open_menu().await;
    let who = b.text_of("header .who").await;
    assert!(
        who.contains("プログラム・オフィス") && who.contains("office@demo.example"),
        "{who}"
    );
    b.js("window.scrollTo(0, 0); return 1").await;
    b.snap("office-header-ja-narrow").await;
    b.resize(1280, 900).await;
    // A row's button is named in the language switched to, as its text is.
    b.fill("番号・会社名・ご担当者で絞り込み", "company 07")
        .await;
    b.sees("サイト 1 件 (全 61 件中)").await;
    let reissue = "const r = document.querySelector('main tbody tr'); \
        const b = r && r.querySelector('button'); \
        return b ? b.textContent.trim() + ' / ' + \
            b.getAttribute('aria-label').replace(r.cells[0].textContent.trim(), 'N') : ''";
    b.wait_for_js(
        reissue,
        serde_json::json!("パスコードを再発行 / パスコードを再発行 N"),
    )
    .await;
    b.press("English").await;
    b.wait_for_js(
        reissue,
        serde_json::json!("Reissue passcode / Reissue passcode N"),
    )
    .await;

    // A site's users, as a Japanese keyboard types a name.
    b.sign_out().await;
    b.sign_in("hanako@demo.example", "onboard-demo-2026").await;
    b.open(&format!("/sites/{site}/access?lang=en")).await;
    b.fill("Filter users", "ＴＡＲＯ").await;
    b.sees("· 1 found").await;
    // What is typed is in the address: a reload keeps it.
    b.reload().await;
    b.sees("· 1 found").await;
    assert_eq!(b.value_of("Filter users").await, "ＴＡＲＯ");
    let users = b.text_of("table.users tbody").await;
    assert!(users.contains("taro@demo.example"), "{users}");
    assert!(!users.contains("hanako@demo.example"), "{users}");
    b.fill("Filter users", "nobody-here").await;
    b.sees("· 0 found").await;
    b.sees("No user matches.").await;
    b.snap("site-access-no-match-en").await;
    b.keys(ESCAPE).await;
    b.does_not_see("0 found").await;
    b.does_not_see("No user matches.").await;
    assert!(b
        .text_of("table.users tbody")
        .await
        .contains("hanako@demo.example"));
    b.finish().await;
}

/// The pager once rendered its own source next to "Next" (an unbraced `>=` in a
/// `view!` attribute) and Next never went forward: walk a two-page list both ways.
#[tokio::test]
async fn a_long_list_pages_forward_and_back() {
    let file = export_with_many_entries();
    let b = Browser::start().await;
    b.import_backup(&file).await;
    b.demo_operator_sign_in().await;
    b.follow("Audit trail").await;
    b.heading_is("Audit trail").await;
    b.sees("Page 1 of 2").await;
    b.sees("id-079@example.com").await; // newest first
    b.does_not_see("id-005@example.com").await;
    let text = b.body_text().await;
    for source in ["pages.get()", "on : click", "move |", "page.update"] {
        assert!(!text.contains(source), "source text on the page: {source}");
    }
    assert_eq!(
        b.attr_of_button("Previous", "disabled").await.as_deref(),
        Some("true")
    );
    b.press("Next").await;
    b.sees("Page 2 of 2").await;
    b.sees("id-005@example.com").await;
    b.does_not_see("id-079@example.com").await;
    assert_eq!(
        b.attr_of_button("Next", "disabled").await.as_deref(),
        Some("true")
    );
    b.snap("audit-page-2-en").await;
    // The page is in the address: a reload (or a link) comes back to it.
    let address = "return location.pathname + location.search";
    assert_eq!(b.js(address).await, "/office/audit?page=2");
    b.reload().await;
    b.sees("Page 2 of 2").await;
    b.sees("id-005@example.com").await;
    b.press("Previous").await;
    b.sees("Page 1 of 2").await;
    b.sees("id-079@example.com").await;
    assert_eq!(b.js(address).await, "/office/audit");
    // So is the event chosen; another event starts at its first page.
    b.press("Next").await;
    b.sees("Page 2 of 2").await;
    b.choose("Filter by event", "ID created").await;
    b.sees("Page 1 of 2").await;
    assert_eq!(b.js(address).await, "/office/audit?event=IdCreated");
    b.reload().await;
    b.sees("Page 1 of 2").await;
    assert_eq!(
        b.js("const s = document.getElementById('audit-event'); \
              return s.options[s.selectedIndex].text")
            .await,
        "ID created"
    );
    b.choose("Filter by event", "All events").await;
    assert_eq!(b.js(address).await, "/office/audit");
    // The count: all entries, then how many of them a filter found.
    let count = b.text_of("main .toolbar .count").await;
    let all = count
        .strip_prefix("Entries: ")
        .unwrap_or_else(|| panic!("{count}"));
    assert!(all.parse::<usize>().unwrap() > 80, "{count}");
    b.fill("Filter by text", "id-079@").await;
    b.sees(&format!("Entries: 1 of {all}")).await;
    b.snap("audit-filtered-en").await;
    b.does_not_see("Page 1 of 2").await;
    // What is typed is in the address: another event keeps it, and so does a reload.
    let param = |name: &str| format!("return new URLSearchParams(location.search).get('{name}')");
    b.wait_for_js(&param("q"), serde_json::json!("id-079@"))
        .await;
    b.choose("Filter by event", "ID created").await;
    b.wait_for_js(&param("event"), serde_json::json!("IdCreated"))
        .await;
    assert_eq!(b.js(&param("q")).await, "id-079@");
    b.reload().await;
    b.sees(&format!("Entries: 1 of {all}")).await;
    assert_eq!(b.value_of("Filter by text").await, "id-079@");
    b.choose("Filter by event", "All events").await;
    b.wait_for_js(address, serde_json::json!("/office/audit?q=id-079%40"))
        .await;
    b.c.find(fantoccini::Locator::Css("#audit-text"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.keys(ESCAPE).await;
    b.sees("Page 1 of 2").await;
    b.wait_for_js(address, serde_json::json!("/office/audit"))
        .await;
    // The same in Japanese.
    b.open("/office/audit?lang=ja").await;
    b.sees("1 / 2 ページ").await;
    b.sees(&format!("記録 {all} 件")).await;
    b.press("次へ").await;
    b.sees("2 / 2 ページ").await;
    b.sees("id-005@example.com").await;
    b.press("前へ").await;
    b.sees("1 / 2 ページ").await;
    b.finish().await;
    let _ = std::fs::remove_file(file);
}

/// An older build opened after a newer one (a rollback, an old tab): the newer data is
/// shown where it can be read, never moved or overwritten, and every change is refused
/// with a message that says why.
#[tokio::test]
async fn data_written_by_a_newer_version_opens_read_only() {
    let b = Browser::start().await;
    b.load_demo().await;
    let newer = r#"{"schema":99,"rev":7,"data":{"from":"a newer build"}}"#;
    b.set_item("onboard/v1/office", newer).await;
    b.reload().await;
    b.sees(
        "This data was written by a newer version of Onboard: it is shown but cannot be changed \
        here.",
    )
    .await;
    b.snap("newer-data-banner-en").await;
    b.sees("IDs: 2").await;
    b.sees(
        "This data was written by a newer version: it cannot be imported over, deleted or \
        exported here.",
    )
    .await;
    // A visitor finds no operator account (it is unreadable here) but cannot make one.
    b.open("/office").await;
    b.fill("Email address", "someone@example.com").await;
    b.fill("Password", PW).await;
    b.fill("Confirm password", PW).await;
    b.press("Create account").await;
    b.sees_alert(
        "This data was written by a newer version of Onboard, so it cannot be changed here.",
    )
    .await;
    assert_eq!(
        b.get_item("onboard/v1/office").await.as_deref(),
        Some(newer)
    );
    assert!(
        !b.storage_keys()
            .await
            .iter()
            .any(|k| k.starts_with("onboard/quarantine/")),
        "nothing set aside"
    );
    b.open("/?lang=ja").await;
    b.sees("このデータは新しいバージョンの Onboard で保存されたため")
        .await;
    b.finish().await;
}

/// Demo data: the sign-in page lists its people and the office, each one click away,
/// clearly marked; other data lists nobody.
#[tokio::test]
async fn demo_data_plays_as_each_person_in_one_click() {
    let b = Browser::start().await;
    b.open("/signin?lang=en").await;
    b.heading_is("Sign in").await;
    b.does_not_see("Play as a demo person").await;
    b.open("/data").await;
    b.press("Load demo data").await;
    b.sees("Demo data loaded.").await;
    b.open("/signin").await;
    b.sees("Play as a demo person").await;
    b.sees("alex@demo.example · Profile administrator (APA) of")
        .await;
    b.sees("hanako@demo.example · Primary contact of").await;
    b.snap("play-as-en").await;
    b.axe("play as").await;
    b.press_labelled("Play as Alex Smith").await;
    b.sees("You are signed in.").await;
    b.heading_is("Customer sites").await;
    b.sees("alex@demo.example").await;
    b.sign_out().await;
    b.open("/signin").await;
    b.press_labelled("Play as Program office").await;
    b.heading_is("Program office").await;
    b.press("Sign out").await;
    // In Japanese, with the names in Japanese order.
    b.open("/signin?lang=ja").await;
    b.sees("デモの登場人物として使う").await;
    b.resize(390, 900).await;
    b.snap("play-as-ja-narrow").await;
    b.press_labelled("山田 花子 としてサインイン").await;
    b.heading_is("カスタマー・サイト").await;
    // On a phone who is signed in is in the folded menu.
    b.does_not_see("hanako@demo.example").await;
    b.open_menu().await;
    b.sees("hanako@demo.example").await;
    b.finish().await;
}

/// 31 days later (this browser's clock moved on): the demo's waiting access request
/// expires when its site's primary contact opens the access page; its asker is mailed
/// and sees it expired.
#[tokio::test]
async fn a_request_nobody_decides_expires_after_30_days() {
    let b = Browser::start().await;
    b.load_demo().await;
    let site = b.stored_site_number().await;
    b.on_new_document(
        "{ const shift = 31 * 24 * 3600 * 1000; const now = Date.now; Date.now = () => now() + \
            shift; }",
    )
    .await;
    b.sign_in("hanako@demo.example", "onboard-demo-2026").await;
    b.open(&format!("/sites/{site}/access")).await;
    b.sees("Requests nobody decided within 30 days expired: 1. Their askers were told.")
        .await;
    b.sees("No pending requests.").await;
    b.snap("request-expired-en").await;
    b.sign_out().await;
    b.open("/mail?to=alex%40demo.example").await;
    b.follow_containing("Your access request expired").await;
    b.sees("was not decided within 30 days and expired").await;
    b.sign_in("alex@demo.example", "onboard-demo-2026").await;
    b.open("/sites").await;
    b.sees("Expired (not decided within 30 days)").await;
    b.finish().await;
}

/// Invitations: a site user without an ID is invited (English), sent again (the old
/// link dies), another revoked, and the invitation accepted, which makes the ID with
/// the invited address only; a company's APA invites an employee (Japanese), who
/// accepts and is an employee at once.
#[tokio::test]
async fn invitations_are_sent_again_revoked_and_accepted() {
    let b = Browser::start().await;
    let site = b.demo_as_hanako().await;
    b.open(&format!("/sites/{site}/access")).await;
    // The demo's secondary contact Taro has no ID: invited already.
    b.sees("Pending invitations (1)").await;
    b.sees("taro@demo.example").await;
    for email in ["new@example.jp", "gone@example.jp"] {
        b.press("Add new user").await;
        b.sees("Someone without an ID is sent an invitation").await;
        b.fill("Email address", email).await;
        b.press_in("#user-form", "Add user").await;
        b.sees(&format!(
            "{email} was added. They have no ID yet, so they were sent an invitation"
        ))
        .await;
    }
    b.sees("Pending invitations (3)").await;
    // Someone with an ID is told, not invited.
    b.press("Add new user").await;
    b.fill("Email address", "alex@demo.example").await;
    b.press_in("#user-form", "Add user").await;
    b.sees("alex@demo.example was added and notified by mail.")
        .await;
    b.sees("Pending invitations (3)").await;
    // Revoking cannot be taken back: asked first; Cancel keeps it.
    let question = "Revoke the invitation to gone@example.jp? Its link will stop working.";
    b.press_labelled_asks("Revoke gone@example.jp", question, false)
        .await;
    b.sees("Pending invitations (3)").await;
    b.press_labelled_asks("Revoke gone@example.jp", question, true)
        .await;
    b.sees("The invitation to gone@example.jp was revoked.")
        .await;
    b.sees("Pending invitations (2)").await;
    let listed = b
        .js("return document.querySelector('table.invitations').textContent")
        .await;
    assert!(
        !listed.as_str().unwrap().contains("gone@example.jp"),
        "{listed}"
    );
    // Nine more from a file: eleven wait, ten a page; the second page has the last.
    let dir = std::env::temp_dir().join(format!("onboard-invites-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("nine.csv");
    let rows: String = (1..=9)
        .map(|i| format!("inv{i}@example.jp,user\n"))
        .collect();
    std::fs::write(&file, format!("email,kind\n{rows}")).unwrap();
    b.press("Import users from CSV").await;
    b.upload("CSV file", &file).await;
    b.press("Add 9 users").await;
    b.sees(
        "9 users were added and told by mail. 9 of them have no ID yet and were sent an invitation",
    )
    .await;
    b.sees("Pending invitations (11)").await;
    b.press_in("nav[aria-label='Page 1 of 2']", "Next").await;
    b.sees("Page 2 of 2").await;
    let on_page = b
        .js("return document.querySelectorAll('table.invitations tbody tr').length")
        .await;
    assert_eq!(on_page, serde_json::json!(1), "the eleventh on page 2");
    let _ = std::fs::remove_dir_all(&dir);
    b.sign_out().await;
    let invite_href = "return [...document.querySelectorAll('a')].map(a => \
        a.getAttribute('href')).find(h => h && h.includes('invite='))";
    b.open("/mail?to=new%40example.jp").await;
    b.follow_containing("サイトへのアクセス権が付与されました")
        .await;
    b.sees("このリンクは").await;
    let first = b.js(invite_href).await;
    let first = first.as_str().expect("an invitation link").to_string();

    // Sent again: a new link; the first no longer opens anything.
    b.sign_in("hanako@demo.example", "onboard-demo-2026").await;
    b.open(&format!("/sites/{site}/access")).await;
    b.press_labelled("Send again new@example.jp").await;
    b.sees("An invitation was sent to new@example.jp.").await;
    b.sees("(sent 2 times)").await;
    b.snap("invitations-en").await;
    b.axe("pending invitations").await;
    // On a phone each invitation is a card: nothing scrolls sideways, every value
    // says what it is.
    b.resize(390, 844).await;
    assert_eq!(
        b.first_card("table.invitations").await,
        [
            "taro@demo.example",
            "Sent",
            "Expires",
            "Status",
            "Send again Revoke"
        ]
    );
    b.js("document.querySelector('table.invitations').scrollIntoView(); return 1")
        .await;
    b.snap("invitations-en-narrow").await;
    b.axe("pending invitations on a phone").await;
    // So is each user (the primary contact first, whom no one edits here).
    let card = b.first_card("table.users").await;
    assert_eq!(card[1..], ["Status", "Privileges", "-"], "{card:?}");
    b.js("document.querySelector('table.users').scrollIntoView(); return 1")
        .await;
    b.snap("site-users-en-narrow").await;
    b.resize(1280, 900).await;
    b.sign_out().await;
    b.open(&first).await;
    b.sees("This invitation link is not valid (revoked, or sent again).")
        .await;
    b.open("/mail?to=new%40example.jp").await;
    b.follow_containing("サイトへのアクセス権が付与されました")
        .await;
    let second = b.js(invite_href).await;
    assert_ne!(second.as_str(), Some(first.as_str()), "a new link");
    b.follow("招待を受けて ID を作成する").await;
    b.heading_is("Accept your invitation").await;
    b.sees("hanako@demo.example invited you to").await;
    assert_eq!(b.text_of("#invited-email").await, "new@example.jp");
    b.fill("Given name", "Nao").await;
    b.fill("Family name", "Arai").await;
    b.choose("Country or region", "Japan").await;
    b.fill("Password", PW).await;
    b.fill("Confirm password", PW).await;
    b.press("Accept the invitation").await;
    b.sees("You need to accept the terms to continue.").await;
    b.check("I accept the terms of use").await;
    b.press("Accept the invitation").await;
    b.sees("Invitation accepted. Welcome!").await;
    let url = b.c.current_url().await.unwrap();
    assert_eq!(url.path(), format!("/sites/{site}"));
    b.snap("invitation-accepted-en").await;
    b.sign_out().await;
    // The ID is the invited address, signed in with the password chosen.
    b.sign_in("new@example.jp", PW).await;
    b.open("/sites").await;
    b.sees(&site).await;
    b.sign_out().await;

    // The company's APA, in Japanese, invites an employee who has no ID.
    b.sign_in("alex@demo.example", "onboard-demo-2026").await;
    b.open("/partner/company?lang=ja").await;
    b.press("プロフィール管理者による登録").await;
    b.sees("ID をまだ持っていない方には招待メールが送られ")
        .await;
    b.fill("ID (eメール・アドレス)", "kana@example.jp").await;
    b.fill("姓", "森").await;
    b.fill("名", "佳奈").await;
    b.fill("電話番号", "090-5555-6666").await;
    b.check("マーケティング").await;
    b.press_in("#panel-form", "社員を登録").await;
    b.sees("kana@example.jp に招待を送信しました。").await;
    b.sees("保留中の招待 (1)").await;
    b.sees("承諾待ち").await;
    b.snap("company-invitations-ja").await;
    b.press("サインアウト").await;
    b.open("/mail?to=kana%40example.jp").await;
    b.follow_containing("Demo Partners KK からのパートナー・プログラムへの招待")
        .await;
    b.sees("alex@demo.example さんから、Demo Partners KK の社員としてパートナー・プログラムに招待されました。")
        .await;
    b.follow("招待を受けて ID を作成する").await;
    b.heading_is("招待の承諾").await;
    b.sees("Demo Partners KK に招待されています").await;
    b.fill("名", "佳奈").await;
    b.fill("姓", "森").await;
    b.fill("パスワード", PW).await;
    b.fill("パスワード (確認)", PW).await;
    b.check("利用条件に同意します").await;
    b.press("招待を承諾する").await;
    b.sees("招待を承諾しました。ようこそ。").await;
    let url = b.c.current_url().await.unwrap();
    assert_eq!(url.path(), "/partner/me");
    // The employee's profile is the one the APA entered.
    b.heading_is("社員プロフィール").await;
    assert_eq!(b.value_of("電話番号").await, "090-5555-6666");
    b.snap("company-invitation-accepted-ja").await;
    b.finish().await;
}

/// Users from a CSV file on the demo site: a file with problems is reported line by
/// line and adds nothing; a corrected one adds every user at once.
#[tokio::test]
async fn users_are_imported_from_csv_all_or_nothing() {
    let b = Browser::start().await;
    let site = b.demo_as_hanako().await;
    b.open(&format!("/sites/{site}/access")).await;
    b.sees("Users: 2 (secondary: 1)").await;
    let dir = std::env::temp_dir().join(format!("onboard-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "\u{feff}email,kind,manage_access\r\nnew1@example.jp,secondary,update\r\nnot an \
            email,user,\r\ntaro@demo.example,user,\r\nnew2@example.jp,boss,\r\n",
    )
    .unwrap();
    b.press("Import users from CSV").await;
    b.upload("CSV file", &bad).await;
    b.sees("The file has 3 problems; nothing was added.").await;
    let rows = b
        .js(
            "return [...document.querySelectorAll('table.import-problems tbody tr')].map(r => \
            [...r.cells].map(c => c.textContent).join(' | '))",
        )
        .await;
    assert_eq!(
        rows,
        serde_json::json!([
            "3 | email | Enter an email address like name@example.com.",
            "4 | email | This email address is already a user of this site.",
            "5 | kind | Choose from the list."
        ])
    );
    b.snap("import-users-problems-en").await;
    b.sees("Users: 2 (secondary: 1)").await;
    let good = dir.join("good.csv");
    std::fs::write(
        &good,
        "email,kind,manage_access\nnew1@example.jp,secondary,update\nalex@demo.example,user,\n",
    )
    .unwrap();
    b.upload("CSV file", &good).await;
    b.sees("2 users are ready to be added:").await;
    b.press("Add 2 users").await;
    // Alex has an ID; new1 is invited to make one.
    b.sees(
        "2 users were added and told by mail. 1 of them has no ID yet and was sent an \
         invitation to create one (its link works for 7 days).",
    )
    .await;
    b.sees("Users: 4 (secondary: 2)").await;
    b.sees("alex@demo.example").await;
    b.finish().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// The guided tours on demo data: started from "play as", each step of the seed on
/// its real page, kept across a reload, in English and in Japanese.
#[tokio::test]
async fn a_guided_tour_follows_each_seed_on_the_real_pages() {
    let b = Browser::start().await;
    b.load_demo().await;
    let site = b.stored_site_number().await;
    b.open("/signin").await;
    b.press("Guided tour: customer sites").await;
    b.sees("Guided tour: customer sites · step 1 of 7").await;
    b.sees("The welcome mail").await;
    let path = |b: &Browser| {
        let c = b.c.clone();
        async move { c.current_url().await.unwrap().path().to_string() }
    };
    assert_eq!(path(&b).await, "/mail");
    b.snap("tour-step-1-en").await;
    b.axe("guided tour").await;
    b.press_in(".tour", "Next").await;
    b.sees("Sign in as the site contact").await;
    assert_eq!(path(&b).await, "/signin");
    // Playing the site contact leaves the step's page; the panel stays and leads back.
    b.press_labelled("Play as 山田 花子").await;
    b.sees("Open this step's page").await;
    b.press_in(".tour", "Next").await;
    b.sees("step 3 of 7").await;
    assert_eq!(path(&b).await, format!("/sites/{site}"));
    for (step, title, to) in [
        (
            4,
            "Key contacts (step 2)",
            format!("/sites/{site}/contacts"),
        ),
        (
            5,
            "Secondary users and users (step 3)",
            format!("/sites/{site}/access"),
        ),
        (6, "Asking for access", "/sites/request".to_string()),
        (7, "Help", "/sites/help".to_string()),
    ] {
        b.press_in(".tour", "Next").await;
        b.sees(&format!("step {step} of 7")).await;
        b.sees(title).await;
        assert_eq!(path(&b).await, to);
    }
    b.press_in(".tour", "Back").await;
    b.sees("step 6 of 7").await;
    // On a phone the panel spans the width at the bottom and still has its buttons.
    b.resize(390, 800).await;
    b.snap("tour-narrow-en").await;
    let fits = b
        .js("const r = document.querySelector('.tour').getBoundingClientRect(); return r.left >= 0 \
            && r.right <= window.innerWidth && r.bottom <= window.innerHeight")
        .await;
    assert_eq!(
        fits,
        serde_json::json!(true),
        "the panel is inside the screen"
    );
    // Scrolled to the end, nothing of the page is left under it: neither the end of
    // the page's content nor the footer.
    let covered = b
        .js(
            "window.scrollTo(0, document.documentElement.scrollHeight); \
            const t = document.querySelector('.tour').getBoundingClientRect(); \
            const last = [...document.querySelectorAll('main *')].pop(); \
            return [document.querySelector('.site-footer'), last] \
              .filter(e => { const r = e.getBoundingClientRect(); \
              return r.bottom > t.top && r.top < t.bottom && r.right > t.left \
              && r.left < t.right; }).map(e => e.textContent)",
        )
        .await;
    assert_eq!(covered, serde_json::json!([]), "under the panel at the end");
    b.snap("tour-end-narrow-en").await;
    b.resize(1280, 800).await;
    b.reload().await;
    b.sees("Guided tour: customer sites · step 6 of 7").await;
    b.js("window.scrollTo(0, document.documentElement.scrollHeight); return 1")
        .await;
    b.snap("tour-end-wide-en").await;
    b.press_in(".tour", "Next").await;
    b.press_in(".tour", "Finish the tour").await;
    b.does_not_see("Guided tour: customer sites").await;

    // The partner program's tour, in Japanese.
    b.sign_out().await;
    b.open("/signin?lang=ja").await;
    b.press("ガイド・ツアー: パートナー・プログラム").await;
    b.sees("ガイド・ツアー: パートナー・プログラム · ステップ 1/8")
        .await;
    b.sees("PPS とは").await;
    assert_eq!(path(&b).await, "/partner/pps");
    b.press_in(".tour", "次へ").await;
    b.sees("登録の手順").await;
    assert_eq!(path(&b).await, "/partner/steps");
    b.snap("tour-partner-ja").await;
    b.press_in(".tour", "ツアーを終了").await;
    b.does_not_see("ガイド・ツアー: パートナー・プログラム")
        .await;
    b.finish().await;
}

/// The home page of a browser that holds long lists opens before they are decoded
/// (they follow after its first paint, a few parts at a time); a page left to at once
/// is built only after they are all read, and every page and command sees them whole:
/// a grant made right after the start is kept with every other user and request.
#[tokio::test]
async fn the_home_page_opens_before_the_long_lists_and_every_other_page_sees_them_whole() {
    use onboard_core::generate::{large, Spec};
    let spec = Spec {
        site_users: 1_200,
        pending_requests: 300,
        employees: 600,
        target_units: 0,
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let state = large(&spec, onboard_core::Timestamp(now), [7; 32]).unwrap();
    let site = state.sites().next().unwrap();
    let (number, users, secondary, pending) = (
        site.number().to_string(),
        site.users().len() + 1,
        site.secondary_count(),
        site.pending_requests().count(),
    );
    assert!(users > 1_200 && pending >= 300);
    let site_users = users;
    let b = Browser::start().await;
    b.open("/?lang=en").await;
    b.store_state(&state).await;
    // As the home page appears, what `?race=` names (a link or a button) is clicked at
    // once; the time of the click and the time the home page is left are kept, to
    // compare with when the lists were read.
    b.on_new_document(
        "const race = new URLSearchParams(location.search).get('race'); new \
         MutationObserver((_, o) => { const home = document.querySelector('main \
         section.home'); if (!race) { o.disconnect(); } else if (home && \
         !window.__homeSeen) { window.__homeSeen = performance.now(); \
         [...document.querySelectorAll('a, button')].find(a => a.textContent.trim() === \
         race).click(); } else if (window.__homeSeen && !home && !window.__homeLeft) { \
         window.__homeLeft = performance.now(); o.disconnect(); } }).observe(document, { \
         childList: true, subtree: true });",
    )
    .await;
    let times = || async {
        let t = b
            .js(
                "const m = performance.getEntriesByName('onboard-lists-read')[0]; \
                 return [window.__homeSeen, window.__homeLeft, m ? m.startTime : null, \
                 performance.getEntriesByName('onboard-ready')[0].startTime]",
            )
            .await;
        t.as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap_or(f64::NAN))
            .collect::<Vec<f64>>()
    };
    b.open("/?lang=en&race=Customer+sites").await;
    b.heading_is("Customer sites").await;
    let t = times().await;
    // The first page was mounted before the lists were read, and the next page was
    // not built before they were.
    assert!(
        t[3] < t[2],
        "the lists were read after the first page: {t:?}"
    );
    assert!(
        t[0] < t[2] && t[2] <= t[1],
        "read before the next page: {t:?}"
    );

    // Signed in, a start at home again: the keep-alive (a command) waits for the lists;
    // the pages reached from there show every user and request, and a grant made there
    // is kept with all of them.
    b.sign_in(
        onboard_core::demo::DEMO_IDS[0].0,
        onboard_core::demo::DEMO_PASSWORD,
    )
    .await;
    for (pending, users) in [(pending, users), (pending - 1, users + 1)] {
        b.open("/?lang=en").await;
        b.follow("Customer sites").await;
        b.follow_containing(&number).await;
        b.sees(&format!("Pending access requests: {pending}")).await;
        b.follow("Manage access").await;
        b.sees(&format!("Users: {users} (secondary: {secondary})"))
            .await;
        if users == site_users {
            b.press_labelled("Grant asker00001@big.example").await;
            b.press_in("#decide-form", "Grant").await;
            b.sees("The request of asker00001@big.example was granted.")
                .await;
        }
    }
    // The user list's page is in the address: a reload comes back to it.
    let users_pager = "div.table-wrap:has(table.users) + nav.pager";
    b.press_in(users_pager, "Next").await;
    b.wait_for_js(
        "return new URLSearchParams(location.search).get('page')",
        serde_json::json!("2"),
    )
    .await;
    b.reload().await;
    b.wait_for_js(
        &format!(
            "const n = document.querySelector('{users_pager}'); \
             return n ? n.getAttribute('aria-label').startsWith('Page 2 of') : false"
        ),
        serde_json::json!(true),
    )
    .await;
    // Signing out as the home page appears (a command sent before the lists are read)
    // waits for them, then goes through.
    b.open("/?lang=en&race=Sign+out").await;
    b.sees("You are signed out.").await;
    let t = times().await;
    assert!(
        t[3] < t[2] && t[0] < t[2],
        "sent before the lists were read: {t:?}"
    );
    b.sees("Sign in").await;
    b.finish().await;
}

/// The user list's buttons, which one listener on the table handles: "Edit" opens the
/// user's privileges with the focus in them and saves them; after a switch to Japanese
/// the rows are written again in Japanese, and "削除" takes the user off the list.
#[tokio::test]
async fn a_site_user_is_edited_and_removed_from_the_user_list() {
    let b = Browser::start().await;
    let site = b.demo_as_hanako().await;
    b.open(&format!("/sites/{site}/access")).await;
    let users = "return document.querySelector('table.users tbody').innerText";
    let list = b.js(users).await;
    assert!(
        list.as_str()
            .unwrap_or("")
            .contains("Reporting: View · Manage access: View · Contact updates: Update"),
        "Taro's privileges before: {list}"
    );
    b.press_labelled("Edit taro@demo.example").await;
    let in_form = "const e = document.activeElement; return !!e && e.tagName === 'SELECT' && \
        !!e.closest('#user-form')";
    assert_eq!(b.js(in_form).await, serde_json::Value::Bool(true));
    b.choose("Reporting", "None").await;
    b.press_in("#user-form", "Save").await;
    b.sees("Privileges of taro@demo.example were saved.").await;
    let list = b.js(users).await;
    let list = list.as_str().unwrap_or("");
    assert!(
        list.contains("Manage access: View · Contact updates: Update")
            && !list.contains("Reporting: View · Manage access: View"),
        "Taro's row shows the saved privileges: {list}"
    );
    b.press("日本語").await;
    b.heading_is("アクセス権の管理").await;
    // Removing asks first, in Japanese; Cancel keeps Taro on the list.
    let question =
        "taro@demo.example をこのサイトから削除しますか? このサイトにアクセスできなくなります。";
    b.press_labelled_asks("削除 taro@demo.example", question, false)
        .await;
    assert!(b
        .js(users)
        .await
        .as_str()
        .unwrap_or("")
        .contains("taro@demo.example"));
    b.press_labelled_asks("削除 taro@demo.example", question, true)
        .await;
    b.sees("taro@demo.example を削除しました。").await;
    let list = b.js(users).await;
    let list = list.as_str().unwrap_or("");
    assert!(
        !list.contains("taro@demo.example") && list.contains("有効"),
        "Taro's row is gone, the rest in Japanese: {list}"
    );
    b.finish().await;
}

/// The main module cannot come (the network went away after the page came, a host that
/// fails it): the static shell says so, in both languages, to assistive technology too;
/// a reload once it can come starts the app.
#[tokio::test]
async fn a_start_whose_main_module_cannot_come_says_so() {
    let b = Browser::start().await;
    b.server.set_failing(Some("onboard_bg"));
    b.c.goto(&format!("{}/?lang=en", b.base)).await.unwrap();
    b.sees("このページのプログラムを取得できませんでした。")
        .await;
    b.sees("Its code could not be downloaded. Check the network connection and try again.")
        .await;
    let shell = b
        .js(
            "const boot = document.getElementById('boot'); return [boot.getAttribute( \
             'aria-hidden'), boot.querySelector('.boot-msg').getAttribute('role')]",
        )
        .await;
    assert_eq!(shell, serde_json::json!([null, "alert"]));
    b.server.set_failing(None);
    b.reload().await;
    b.heading_is("Onboard").await;
    b.finish().await;
}
