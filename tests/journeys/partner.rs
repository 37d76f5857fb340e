//! The partner-program journey of issue 3, in English, with a Japanese look at the end.
use crate::e2e_support::*;

const PW: &str = "correct horse battery";

async fn operator(b: &Browser, first: bool) {
    b.open("/office").await;
    b.fill("Email address", "op@example.com").await;
    b.fill("Password", PW).await;
    if first {
        b.fill("Confirm password", PW).await;
        b.press("Create account").await;
    } else {
        b.press("Sign in").await;
    }
    b.follow("Partner applications").await;
}

async fn operator_out(b: &Browser) {
    b.follow("Program office").await;
    b.press("Sign out").await;
}

#[tokio::test]
async fn partner_program_from_application_to_member_home() {
    let b = Browser::start().await;
    b.open("/?lang=en").await;
    operator(&b, true).await;
    operator_out(&b).await;

    // A new company applies.
    b.create_id("apa@example.jp", "Aiko", "Ito", PW).await;
    b.open("/partner").await;
    b.follow("First time here?").await;
    b.heading_is("Benefits of joining").await;
    b.follow("Join the partner program").await;
    b.heading_is("How to register").await;
    b.follow("Register for the partner program").await;
    b.heading_is("Register for the partner program").await;
    b.press("I agree").await;
    b.fill("Legal company name", "Example Partners KK").await;
    b.fill("Web address (optional)", "example-partners.jp")
        .await;
    b.check("Reseller").await;
    b.check("Services").await;
    b.check("Cloud").await;
    b.choose("Company size", "11-50 people").await;
    b.check("Show the company in the partner directory").await;
    b.fill("Postal code", "1068711").await;
    b.fill("City", "Minato-ku").await;
    b.fill("Street address", "Roppongi 3-2-12").await;
    b.fill("Phone number", "03-1234-5678").await;
    // The web address (type=url) and phone (type=tel) fields look like the others.
    let looks = b
        .js(
            "const s = t => { const c = getComputedStyle(document.querySelector(`main \
                input[type=${t}]`)); \
             return [c.minHeight, c.borderTopWidth, c.borderRadius, c.paddingLeft].join(' '); }; \
             return [s('text'), s('url'), s('tel')];",
        )
        .await;
    assert_eq!(looks[0], looks[1], "url input styled like text: {looks}");
    assert_eq!(looks[0], looks[2], "tel input styled like text: {looks}");
    b.press("Next").await;
    b.sees("Employee profile — Step 3 of 4").await;
    // Leaving and coming back resumes here, with the draft kept.
    b.reload().await;
    b.sees("Employee profile — Step 3 of 4").await;
    assert_eq!(
        b.value_of("Family name").await,
        "Ito",
        "names come from the ID"
    );
    b.fill("Phone number", "090-1111-2222").await;
    b.check("Sales").await;
    b.check("Cloud").await;
    b.press("Next").await;
    b.sees("Review — Step 4 of 4").await;
    b.snap("partner-review-en").await;
    b.sees("Example Partners KK").await;
    b.sees("https://example-partners.jp").await;
    // A list is said in English, with commas (it was joined with the Japanese 、).
    assert_eq!(models_shown(&b).await, "Reseller, Services");
    b.press("Submit").await;
    b.sees("Your application was received. Confirmation number: PW")
        .await;
    b.snap("partner-submitted-en").await;
    b.sign_out().await;

    // The office asks for documents.
    operator(&b, false).await;
    b.sees("Example Partners KK").await;
    b.fill(
        "Message (optional)",
        "Please attach your commercial registry extract.",
    )
    .await;
    b.press("Request documents").await;
    b.sees("Documents were requested for application").await;
    operator_out(&b).await;

    // The applicant attaches a file and resubmits. The home page says where the
    // application stands and leads to it.
    b.sign_in("apa@example.jp", PW).await;
    b.open("/").await;
    b.sees("Documents are requested: Please attach your commercial registry extract.")
        .await;
    b.snap("home-application-state-en").await;
    b.open("/partner/apply").await;
    b.sees("Documents are requested: Please attach your commercial registry extract.")
        .await;
    // Resubmitting with nothing attached: the summary counts one error, and that
    // error is on the file field, highlighted and focused.
    b.press("Resubmit").await;
    b.sees_alert("Please correct the highlighted fields (1).")
        .await;
    assert_eq!(b.attr_of("File to attach", "aria-invalid").await, "true");
    assert_eq!(b.focused_id().await, "attachment");
    b.snap("resubmit-needs-a-document-en").await;
    // A file over the limit is refused next to the field (its size is checked before
    // it is read into the app).
    let huge = std::env::temp_dir().join(format!("huge-{}.bin", std::process::id()));
    std::fs::write(&huge, vec![0u8; 10 * 1024 * 1024 + 1]).unwrap();
    b.upload("File to attach", &huge).await;
    b.press("Attach").await;
    b.sees("The file is too large (at most 10 MB).").await;
    assert_eq!(b.attr_of("File to attach", "aria-invalid").await, "true");
    let _ = std::fs::remove_file(&huge);
    let file = std::env::temp_dir().join(format!("registry-{}.pdf", std::process::id()));
    std::fs::write(&file, b"%PDF-1.4 registry extract of Example Partners KK").unwrap();
    b.upload("File to attach", &file).await;
    b.press("Attach").await;
    b.sees("was attached").await;
    let _ = std::fs::remove_file(&file);
    b.sees("registry-").await;
    b.resize(320, 1100).await;
    crate::fits_320(&b, "/partner/apply (a file attached)", "en").await;
    b.resize(1280, 900).await;
    b.press("Resubmit").await;
    b.sees("The application was resubmitted.").await;
    b.sign_out().await;

    // Approval, and the completion mail with the company name in the subject.
    operator(&b, false).await;
    b.sees("sha256").await;
    b.press("Approve").await;
    b.sees("was approved.").await;
    // The approved application says its company's level, in both languages.
    b.sees("Membership level: Member").await;
    b.snap("office-application-approved-en").await;
    b.press("日本語").await;
    b.sees("メンバーシップ・レベル: メンバー").await;
    b.resize(390, 1100).await;
    b.snap("office-application-approved-ja-narrow").await;
    // The file's digest wraps on a phone: the page is no wider than its window.
    b.resize(320, 1100).await;
    crate::fits_320(&b, "/office/applications (a file attached)", "ja").await;
    b.resize(1280, 900).await;
    b.press("English").await;
    operator_out(&b).await;
    b.open("/mail?to=apa%40example.jp").await;
    b.sees("Example Partners KK: registration complete").await;

    // The APA sees the token.
    b.sign_in("apa@example.jp", PW).await;
    b.open("/partner/company").await;
    b.sees("Membership level: Member").await;
    let token = b.text_of(".token code").await;
    assert_eq!(token.len(), 19, "shown in groups of four: {token}");
    b.snap("partner-company-en").await;
    b.sign_out().await;

    // A second ID joins with the token typed in lower case with spaces.
    b.create_id("bob@example.jp", "Bob", "Kato", PW).await;
    b.open("/partner/associate").await;
    b.fill_join(
        &format!(" {} ", token.to_lowercase()),
        "090-3333-4444",
        "Technical",
    )
    .await;
    b.sees("Example Partners KK").await;
    b.press("Save").await;
    b.sees("Your request was sent.").await;
    // The join page says the request waits, in both languages, wide and narrow; asking
    // again while it waits says exactly that.
    b.open("/partner/associate").await;
    b.sees("Your request to join Example Partners KK").await;
    b.snap("partner-join-waiting-en").await;
    b.press("日本語").await;
    b.sees("「Example Partners KK」への参加リクエスト").await;
    b.resize(390, 1100).await;
    b.snap("partner-join-waiting-ja-narrow").await;
    b.resize(1280, 900).await;
    b.press("English").await;
    b.fill_join(&token, "090-3333-4444", "Technical").await;
    b.press("Save").await;
    b.sees_alert("The same request is already waiting for a decision.")
        .await;
    b.sign_out().await;

    // The APA approves with a role.
    b.sign_in("apa@example.jp", PW).await;
    b.open("/partner/company").await;
    b.sees("Association requests (1)").await;
    b.press_labelled("Approve bob@example.jp").await;
    b.sees("Approve: bob@example.jp").await;
    b.check("Make this person an Authorized Profile Administrator (APA)")
        .await;
    b.press_in("#panel-form", "Approve").await;
    b.sees("bob@example.jp was approved.").await;
    // A row's button is named in the language switched to, as its text is.
    let apa = "const b = [...document.querySelectorAll('main td.actions-cell button[aria-label]')]\
        .find(b => b.getAttribute('aria-label').endsWith(' bob@example.jp')); \
        return b ? b.textContent.trim() + ' / ' + b.getAttribute('aria-label') : ''";
    b.wait_for_js(
        apa,
        serde_json::json!("Remove APA / Remove APA bob@example.jp"),
    )
    .await;
    b.press("日本語").await;
    b.wait_for_js(
        apa,
        serde_json::json!("APA を外す / APA を外す bob@example.jp"),
    )
    .await;
    b.press("English").await;
    b.sees("Association requests").await;
    b.sign_out().await;

    // A third ID is added by the APA.
    b.create_id("carol@example.jp", "Carol", "Mori", PW).await;
    b.sign_out().await;
    b.sign_in("apa@example.jp", PW).await;
    b.open("/partner/company").await;
    b.press("Add an employee (by the administrator)").await;
    b.fill("ID (email address)", "nobody@example.jp").await;
    b.fill("Family name", "Mori").await;
    b.fill("Given name", "Carol").await;
    b.fill("Phone number", "090-5555-6666").await;
    b.check("Marketing").await;
    b.press_in("#panel-form", "Add employee").await;
    // No ID with that address: an invitation goes instead, listed as pending.
    b.sees("An invitation was sent to nobody@example.jp.").await;
    b.sees("Pending invitations (1)").await;
    b.press("Add an employee (by the administrator)").await;
    b.fill("ID (email address)", "carol@example.jp").await;
    b.fill("Family name", "Mori").await;
    b.fill("Given name", "Carol").await;
    b.fill("Phone number", "090-5555-6666").await;
    b.check("Marketing").await;
    b.press_in("#panel-form", "Add employee").await;
    b.sees("carol@example.jp was added.").await;

    // Token regenerated: the old one fails at once.
    b.press_asks(
        "Regenerate token",
        "Regenerate the token? The current token will stop working.",
        true,
    )
    .await;
    b.sees("A new token was issued; the old one no longer works.")
        .await;
    let new_token = b.text_of(".token code").await;
    assert_ne!(new_token, token);
    b.sign_out().await;
    b.create_id("dave@example.jp", "Dave", "Abe", PW).await;
    b.open("/partner/associate").await;
    b.fill("Company token (16 letters and digits)", &token)
        .await;
    b.press("Submit").await;
    b.sees("No company has this token.").await;
    // With the new token Dave asks; the partner program's page shows it waiting.
    b.fill_join(&new_token, "090-7777-8888", "Sales").await;
    b.press("Save").await;
    b.sees("Your request was sent.").await;
    b.open("/partner").await;
    b.sees("Your request to join Example Partners KK").await;
    // He withdraws it while it waits (asked first), then asks again.
    b.press_asks("Withdraw", "Withdraw this request?", true)
        .await;
    b.sees("Your request was withdrawn.").await;
    b.does_not_see("Your request to join Example Partners KK")
        .await;
    b.open("/partner/associate").await;
    b.fill_join(&new_token, "090-7777-8888", "Sales").await;
    b.press("Save").await;
    b.sees("Your request was sent.").await;
    b.sign_out().await;

    // The APA rejects it with a reason; Dave sees the reason where he looks.
    b.sign_in("apa@example.jp", PW).await;
    b.open("/partner/company").await;
    b.press_labelled("Reject dave@example.jp").await;
    b.fill("Reason for the denial", "Please ask your manager first.")
        .await;
    b.press_in("#panel-form", "Reject").await;
    b.sees("dave@example.jp was rejected.").await;
    // The company's own history: each decision with what it was and became.
    b.sees("History").await;
    b.sees("dave@example.jp: pending → rejected (Please ask your manager first.)")
        .await;
    b.sees("dave@example.jp: pending → withdrawn").await;
    b.sees("bob@example.jp: pending → approved (APA: yes)")
        .await;
    // An edit of the company is in its history too, with only what changed.
    b.press("Edit company").await;
    b.check("Consulting").await;
    b.choose("Company size", "51-250 people").await;
    b.press_in("#panel-form", "Save").await;
    b.sees("Saved.").await;
    assert_eq!(models_shown(&b).await, "Reseller, Services, Consulting");
    b.sees(
        "business model: Reseller, Services → Reseller, Services, Consulting / \
         company size: 11-50 people → 51-250 people",
    )
    .await;
    // The employees as CSV, for a spreadsheet (Japanese names survive in Excel).
    b.press("Download as CSV").await;
    let file = b.downloaded("company-employees-").await;
    let csv = std::fs::read_to_string(file).unwrap();
    assert!(csv.starts_with('\u{feff}'), "a byte order mark: {csv:?}");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "family_name,given_name,email,phone,location,apa,prc,end,confirmed,active"
    );
    assert_eq!(lines.len(), 4, "the APA, Bob and Carol: {csv}");
    assert!(
        lines.iter().any(
            |l| l.starts_with("Mori,Carol,carol@example.jp,090-5555-6666,")
                && l.contains(",no,no,,")
                && l.ends_with(",yes")
        ),
        "{csv}"
    );
    // And the company's history, with the company by its name.
    b.press("Download the history as CSV").await;
    let csv = std::fs::read_to_string(b.downloaded("company-history-").await).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.contains(",CompanyEdited,Company edited,")
                && l.contains(",Example Partners KK,")
                && l.ends_with("company size: 11-50 people → 51-250 people\"")),
        "{csv}"
    );
    b.sign_out().await;
    b.sign_in("dave@example.jp", PW).await;
    b.open("/partner").await;
    b.sees(
        "Your request to join Example Partners KK was not approved: Please ask your manager first.",
    )
    .await;
    b.snap("partner-join-refused-en").await;
    b.sign_out().await;

    // Interests change the member home.
    b.sign_in("apa@example.jp", PW).await;
    b.open("/partner/home").await;
    b.sees("Cloud migration seminar").await;
    b.does_not_see("Hands-on: AI in business").await;
    b.open("/partner/me").await;
    b.check("AI").await;
    b.press("Save").await;
    b.sees("Your profile was saved.").await;
    b.open("/partner/home").await;
    b.sees("Hands-on: AI in business").await;
    // So do industries of interest.
    b.does_not_see("For financial services: compliance seminar")
        .await;
    b.open("/partner/me").await;
    b.check("Financial services").await;
    b.press("Save").await;
    b.sees("Your profile was saved.").await;
    b.open("/partner/home").await;
    b.sees("For financial services: compliance seminar").await;
    b.snap("partner-home-en").await;

    // Everything is kept after a reload.
    b.reload().await;
    b.sees("Hands-on: AI in business").await;
    b.open("/partner/company").await;
    b.sees("bob@example.jp").await;
    b.sees("carol@example.jp").await;

    // The same pages in Japanese, and the contact desk.
    b.press("日本語").await;
    b.heading_is("企業プロフィール").await;
    b.sees("メンバーシップ・レベル: メンバー").await;
    b.open("/partner/contact").await;
    b.heading_is("コンタクト・デスク").await;
    b.sees("0120-07-2004").await;
    b.sees("はじめに BP コンタクト IBM につながります。").await;
    b.sees("受付").await;
    b.snap("partner-contact-ja").await;
    b.open("/partner/steps").await;
    b.press("社員の追加登録をされる方").await;
    b.sees("会社トークン (16 桁の英数字)").await;
    b.sees("IBM ID のご登録はこちら").await;
    // Seed 003's "What is the PPS?", from the partner program's page.
    b.open("/partner").await;
    b.follow("PartnerWorld プロファイル・システム (PPS) とは?")
        .await;
    b.heading_is("PartnerWorld プロファイル・システム (PPS) とは?")
        .await;
    b.sees("PartnerWorld では、この PartnerWorld プロファイル・システム (PPS) をもとに")
        .await;
    b.follow("PartnerWorld プロファイル・システム (PPS) を開く")
        .await;
    b.open("/partner/associate").await;
    b.sees("プロフィール管理者が不明の場合は、PartnerWorld コンタクト・サービス (PWCS) にお問い合わせください。")
        .await;
    b.open("/partner/steps").await;
    b.press("社員の追加登録をされる方").await;
    b.resize(390, 1100).await;
    b.snap("partner-steps-ja-narrow").await;
    b.open("/partner/company").await;
    // The employees are a card each on a phone: their table does not scroll sideways.
    let card = b.first_card("table.employees").await;
    assert_eq!(card[1..3], ["ロケーション", "役割"], "{card:?}");
    b.js("document.querySelector('table.employees').scrollIntoView(); return 1")
        .await;
    b.snap("partner-company-ja-narrow").await;
    b.finish().await;
}

/// The words shown for the company's business models (the `<dd>` after their `<dt>`).
async fn models_shown(b: &Browser) -> String {
    // Shown, not chosen: the label has no "(one or more)", which is the form's.
    b.js("const dt = [...document.querySelectorAll('main dt')] \
            .find(d => d.textContent === 'Business model'); \
          return dt ? dt.nextElementSibling.textContent : 'no business model shown'")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}
