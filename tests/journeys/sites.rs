//! The customer-site journey of issue 6, in English.
use crate::e2e_support::*;

const PW: &str = "correct horse battery";

#[tokio::test]
async fn customer_site_from_enrolment_to_access_requests() {
    let b = Browser::start().await;
    // The program office enrols a site.
    b.open("/office?lang=en").await;
    b.fill("Email address", "op@example.com").await;
    b.fill("Password", PW).await;
    b.fill("Confirm password", PW).await;
    b.press("Create account").await;
    b.sees("The operator account was created.").await;
    b.follow("Customer sites").await;
    b.heading_is("Customer sites").await;
    b.enrol_site("Example KK", "hanako@example.jp").await;
    b.sees("was enrolled and the welcome mail sent to hanako@example.jp")
        .await;
    b.sees("Awaiting first sign-in").await;
    b.snap("office-sites-en").await;
    b.follow("Program office").await;
    b.press("Sign out").await;

    // The welcome mail has the six fields and a passcode.
    b.open("/mail?to=hanako%40example.jp").await;
    b.follow_containing("Access Passport Advantage Online")
        .await;
    let site = b.mail_field("Site number").await;
    let customer = b.mail_field("Customer number (ICN)").await;
    assert_eq!(site.len(), 7);
    assert_eq!(customer.len(), 7);
    assert_eq!(b.mail_field("Site contact name").await, "Hanako Yamada");
    assert_eq!(
        b.mail_field("Site contact email").await,
        "hanako@example.jp"
    );
    assert_eq!(b.mail_field("Agreement number").await.len(), 8);
    assert!(b.mail_field("Anniversary date").await.ends_with(".01"));
    let passcode = b
        .mail_field("Temporary passcode (first sign-in only)")
        .await;
    assert_eq!(passcode.len(), 8);
    b.sees("Step 1 – First sign-in").await;
    b.sees("Step 2 – Update the key contacts").await;
    b.sees("Step 3 – Add secondary contacts and users").await;
    b.snap("welcome-mail-en").await;
    // Printed, the mail keeps its numbers and leaves out the buttons (Copy).
    b.emulate_media("print", &[]).await;
    let printed = b
        .js(&format!(
            "const main = document.querySelector('main'); \
            return [[...main.querySelectorAll('button')].filter(e => e.offsetParent).length, \
              main.querySelectorAll('button').length, main.innerText.includes('{passcode}')]"
        ))
        .await;
    b.emulate_media("", &[]).await;
    assert_eq!(printed[0], 0, "no button on paper: {printed}");
    assert!(
        printed[1].as_u64().unwrap() > 0,
        "the mail has buttons on screen: {printed}"
    );
    assert_eq!(printed[2], true, "the passcode on paper: {printed}");

    // No ID yet: the mail's link creates one with the same email, then returns.
    b.follow("Create an ID").await;
    assert_eq!(b.value_of("Email address").await, "hanako@example.jp");
    b.fill("Given name", "Hanako").await;
    b.fill("Family name", "Yamada").await;
    b.choose("Country or region", "Japan").await;
    b.fill("Password", PW).await;
    b.fill("Confirm password", PW).await;
    b.check("I accept the terms of use").await;
    b.press("Create ID").await;
    let code = b
        .code_from_mail("hanako@example.jp", "Your ID verification code")
        .await;
    b.fill("Verification code (6 digits)", &code).await;
    b.press("Verify").await;
    b.heading_is("Customer sites").await;

    // First sign-in: a wrong passcode, then the right one.
    let wrong = format!(
        "{}{}",
        if passcode.starts_with('A') { 'B' } else { 'A' },
        &passcode[1..]
    );
    b.fill("Temporary passcode (8 characters)", &wrong).await;
    b.press("Activate the site").await;
    b.sees("The passcode is not correct. 4 tries left.").await;
    for left in ["3 tries", "2 tries", "1 try"] {
        b.press("Activate the site").await;
        b.sees(&format!("The passcode is not correct. {left} left."))
            .await;
    }
    b.fill(
        "Temporary passcode (8 characters)",
        &passcode.to_lowercase(),
    )
    .await;
    b.press("Activate the site").await;
    b.sees("Your site is active.").await;
    b.sees("Example KK").await;
    b.sees(&customer).await;
    b.snap("site-top-en").await;

    // The account documents: the site's proof of entitlement, to read and print.
    b.follow("Account documents").await;
    b.heading_is("Account documents").await;
    b.sees("Proof of entitlement").await;
    b.sees("Example KK is enrolled in Passport Advantage").await;
    b.sees(&customer).await;
    b.sees(&site).await;
    b.sees("Print").await;
    b.snap("site-documents-en").await;
    b.open(&format!("/sites/{site}")).await;

    // Three key contacts.
    b.follow("Update registration").await;
    b.heading_is("Update registration (key contacts)").await;
    for (role, email) in [
        ("Site technical contact", "tech@example.jp"),
        ("Billing contact", "billing@example.jp"),
        (
            "Administrative / proof of entitlement contact",
            "admin@example.jp",
        ),
    ] {
        b.press_labelled(&format!("Edit — {role}")).await;
        b.fill("Family name", "Sato").await;
        b.fill("Given name", "Jiro").await;
        b.fill("Email address", email).await;
        b.fill("Phone number", "03-1234-5678").await;
        b.press_in("#contact-form", "Save").await;
        b.sees("The contact was saved.").await;
        b.sees(email).await;
    }
    b.sees("No contact of its own: the primary site contact holds it")
        .await;
    b.snap("site-contacts-en").await;

    // Users: four secondary contacts; the fifth is refused.
    b.follow("Back to the site").await;
    b.follow("Manage access").await;
    b.heading_is("Manage access").await;
    for i in 1..=5 {
        b.press("Add new user").await;
        b.fill("Email address", &format!("second{i}@example.jp"))
            .await;
        b.choose("Contact updates", "View").await;
        // The second may decide access requests; the others only see the list.
        b.choose("Manage access", if i == 2 { "Update" } else { "View" })
            .await;
        b.check("Make this user a secondary contact").await;
        b.press_in("#user-form", "Add user").await;
        if i <= 4 {
            b.sees(&format!(
                "second{i}@example.jp was added. They have no ID yet, so they were sent an \
                 invitation to create one (its link works for 7 days)."
            ))
            .await;
        } else {
            b.sees_alert("A site can have at most 4 secondary contacts.")
                .await;
            b.press_in("#user-form", "Cancel").await;
        }
    }
    b.press("Add new user").await;
    // Each privilege says what it allows here.
    b.sees("View: open the site's account documents (its proof of entitlement) and print them.")
        .await;
    b.snap("site-add-user-en").await;
    b.fill("Email address", "user@example.jp").await;
    b.choose("Software and services", "Downloads only").await;
    b.press_in("#user-form", "Add user").await;
    b.sees("user@example.jp was added").await;
    b.sees("Users: 6 (secondary: 4)").await;
    b.snap("site-access-en").await;
    b.sign_out().await;

    // Two other IDs ask for access.
    for (who, given) in [("bob@example.jp", "Bob"), ("carol@example.jp", "Carol")] {
        b.create_id(who, given, "Tanaka", PW).await;
        b.open("/sites/request").await;
        b.fill("Site number (7 digits)", &site).await;
        b.fill("Customer number (7 digits)", &customer).await;
        b.fill("Message (optional)", &format!("{given} from purchasing"))
            .await;
        b.press("Send request").await;
        b.sees("Your request was sent.").await;
        b.sees("Pending").await;
        b.sign_out().await;
    }

    // A third asks and thinks better of it: withdrawn, it leaves the deciders' list.
    b.create_id("dan@example.jp", "Dan", "Kato", PW).await;
    b.open("/sites/request").await;
    b.fill("Site number (7 digits)", &site).await;
    b.fill("Customer number (7 digits)", &customer).await;
    b.press("Send request").await;
    b.sees("Your request was sent.").await;
    b.open("/sites").await;
    let withdraw = format!("Withdraw the request to site {site}");
    b.press_labelled_asks(&withdraw, "Withdraw this request?", false)
        .await;
    b.sees("Pending").await;
    b.press_labelled_asks(&withdraw, "Withdraw this request?", true)
        .await;
    b.sees("Your request was withdrawn.").await;
    b.sees("Withdrawn").await;
    b.snap("site-request-withdrawn-en").await;
    b.sign_out().await;

    // The primary grants one and denies the other with a reason.
    b.sign_in("hanako@example.jp", PW).await;
    b.open(&format!("/sites/{site}")).await;
    b.sees("Pending access requests: 2").await;
    b.follow("Manage access").await;
    b.press_labelled("Grant bob@example.jp").await;
    b.choose("Reporting", "View").await;
    b.press_in("#decide-form", "Grant").await;
    b.sees("The request of bob@example.jp was granted.").await;
    b.press_labelled("Deny carol@example.jp").await;
    b.press_in("#decide-form", "Deny").await;
    b.sees("This is required.").await;
    b.fill("Reason for the denial", "Please ask your own site contact")
        .await;
    b.press_in("#decide-form", "Deny").await;
    b.sees("The request of carol@example.jp was denied.").await;
    b.sees("No pending requests.").await;

    // The users as CSV, for a spreadsheet.
    b.press("Download as CSV").await;
    let file = b.downloaded(&format!("site-{site}-users-")).await;
    let csv = std::fs::read_to_string(file).unwrap();
    assert!(csv.starts_with('\u{feff}'), "a byte order mark: {csv:?}");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "email,kind,state,added,software,reporting,entitlements,\
         manage_access,contact_updates,documents"
    );
    assert_eq!(lines.len(), 7, "a header and six users: {csv}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("bob@example.jp,user,active,")
                && l.ends_with(",none,view,none,none,none,none")),
        "{csv}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("second2@example.jp,secondary,invited,")),
        "{csv}"
    );

    // The report: the users, and this month's requests and changes, drawn and in a
    // table; then the site's history with each change before and after.
    b.follow("Back to the site").await;
    b.follow("Reporting").await;
    b.heading_is("Reporting").await;
    let figures = b
        .js(
            "return [...document.querySelectorAll('.figures dt, .figures dd')].map(d => \
            d.textContent)",
        )
        .await;
    assert_eq!(
        figures,
        serde_json::json!([
            "Secondary contacts",
            "4",
            "Other users",
            "2",
            "Invited (no ID yet)",
            "5",
            "Access requests waiting",
            "0"
        ])
    );
    let this_month = b
        .js(
            "return [...document.querySelectorAll('table.months tbody tr:first-child td')].map(d \
            => d.textContent)",
        )
        .await;
    // Three asked (one withdrew), one granted, one refused; 3 contacts + 5 users + 1
    // grant changed the registration.
    assert_eq!(this_month, serde_json::json!(["3", "1", "1", "9"]));
    b.sees("Last 12 months: 3 requested, 1 granted, 1 refused.")
        .await;
    let bars = b
        .js("return document.querySelectorAll('.chart svg rect').length")
        .await;
    assert_eq!(bars, serde_json::json!(48), "12 months of 4 bars");
    // Under the bars, the months by name, one after another up to this one, and the
    // year under the first and under each January; the table names this month so.
    let axis = b
        .js(
            "const own = t => [...t.childNodes].filter(n => n.nodeType === 3).map(n => \
            n.textContent).join(''); \
            const g = [...document.querySelectorAll('.chart svg > g:not(.grid)')]; \
            return g.map(x => [own(x.querySelector('text:not(.year)')), \
            x.querySelector('text.year')?.textContent ?? '']).concat([[document.querySelector( \
            'table.months tbody tr:first-child th').textContent, '']])",
        )
        .await;
    let axis: Vec<(String, String)> = serde_json::from_value(axis).unwrap();
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (this_month, months) = axis.split_last().unwrap();
    assert_eq!(months.len(), 12, "{axis:?}");
    let at = |m: &str| NAMES.iter().position(|n| *n == m).expect(m);
    let first = at(&months[0].0);
    let mut year: i64 = months[0].1.parse().expect("a year under the first month");
    for (i, (m, y)) in months.iter().enumerate() {
        assert_eq!(at(m), (first + i) % 12, "{axis:?}");
        if i > 0 && at(m) == 0 {
            year += 1;
            assert_eq!(y, &year.to_string(), "{axis:?}");
        } else if i > 0 {
            assert_eq!(y, "", "{axis:?}");
        }
    }
    assert_eq!(this_month.0, format!("{} {year}", months[11].0));
    b.sees("History").await;
    b.sees("carol@example.jp: pending → denied (Please ask your own site contact)")
        .await;
    b.sees("dan@example.jp: pending → withdrawn").await;
    b.sees("bob@example.jp: pending → granted (Reporting: View)")
        .await;
    b.sees("Site technical contact: (the primary contact) → Sato Jiro <tech@example.jp>")
        .await;
    b.snap("site-report-en").await;
    b.axe("site report").await;
    // On a phone the months' table is wider than the screen in English: scrolled to
    // its last figures, each month is still in sight at its left.
    b.resize(390, 844).await;
    b.js("document.querySelector('table.months').scrollIntoView(); return 1")
        .await;
    let month_in_sight = "const t = document.querySelector('table.months'); \
        const w = t.parentElement; w.scrollLeft = w.scrollWidth; \
        const th = t.tBodies[0].rows[0].cells[0]; \
        return [t.scrollWidth > w.clientWidth, \
            Math.round(th.getBoundingClientRect().left - w.getBoundingClientRect().left)]";
    b.wait_for_js(month_in_sight, serde_json::json!([true, 0]))
        .await;
    b.snap("site-report-months-en-narrow").await;
    b.resize(1280, 900).await;
    // In forced colours (Windows' high contrast), the four series keep four colours in
    // the legend and the bars (the system would paint them all one colour).
    b.emulate_media("", &[("forced-colors", "active")]).await;
    let colours = b
        .js("const n = s => new Set([...document.querySelectorAll(s)] \
              .map(e => getComputedStyle(e)[e instanceof SVGElement ? 'fill' : 'backgroundColor'])).size; \
            return [matchMedia('(forced-colors: active)').matches, n('.legend .swatch'), n('.chart svg rect')]")
        .await;
    b.emulate_media("", &[]).await;
    assert_eq!(
        colours,
        serde_json::json!([true, 4, 4]),
        "forced colours, legend and bars"
    );
    b.sign_out().await;

    // The requests went to everyone who may decide them: the secondary contact with
    // Update on manage access, not one who only views the list.
    b.open("/mail?to=second2%40example.jp").await;
    b.sees("A new access request").await;
    b.open("/mail?to=second3%40example.jp").await;
    b.sees("You have access to a customer site").await;
    b.does_not_see("A new access request").await;

    // The key contacts were told they were named, in the site's mail language (they
    // have no ID yet), with their role and how to use the site as well.
    b.open("/mail?to=tech%40example.jp").await;
    b.follow_containing(&format!("You are a key contact of site {site}"))
        .await;
    b.sees("hanako@example.jp named you a key contact").await;
    b.sees("Site technical contact").await;
    b.sees("ask the site contact to give you access as a user")
        .await;

    // Both mails arrive.
    b.open("/mail?to=bob%40example.jp").await;
    b.sees("Your access request was granted").await;
    b.open("/mail?to=carol%40example.jp").await;
    b.follow_containing("Your access request was denied").await;
    b.sees("Please ask your own site contact").await;

    // A secondary without Update cannot edit contacts (nor manage access).
    b.create_id("second1@example.jp", "Sec", "One", PW).await;
    b.open(&format!("/sites/{site}/contacts")).await;
    b.sees("Read only: changing contacts needs the Update privilege for contact updates.")
        .await;
    b.sees("tech@example.jp").await;
    assert!(
        b.c.find(fantoccini::Locator::XPath(
            "//button[starts-with(@aria-label, 'Edit')]"
        ))
        .await
        .is_err(),
        "no edit buttons"
    );
    b.open(&format!("/sites/{site}/access")).await;
    b.sees("Read only: changes need the Update privilege for manage access.")
        .await;
    // Nor open the account documents without "Account documents: View".
    b.open(&format!("/sites/{site}/documents")).await;
    b.sees("Opening the account documents needs the privilege")
        .await;
    b.does_not_see("Proof of entitlement").await;
    // A secondary with View reads the site's history, not its report.
    b.open(&format!("/sites/{site}/report")).await;
    b.sees("Every change to the contacts, users, privileges and requests")
        .await;
    b.sees("carol@example.jp: pending → denied").await;
    b.does_not_see("Access requests and registration changes by month")
        .await;
    b.sign_out().await;
    // Bob, a plain user with "Reporting: View", reads the report, not the history.
    b.sign_in("bob@example.jp", PW).await;
    b.open(&format!("/sites/{site}")).await;
    b.follow("Reporting").await;
    b.sees("Access requests and registration changes by month")
        .await;
    b.does_not_see("Every change to the contacts").await;
    b.sign_out().await;

    // Everything survives a reload.
    b.sign_in("hanako@example.jp", PW).await;
    b.open(&format!("/sites/{site}/access")).await;
    b.reload().await;
    b.sees("Users: 7 (secondary: 4)").await;
    b.sees("bob@example.jp").await;
    // Switching the language in place relabels the rows' buttons too.
    b.press("日本語").await;
    b.sees("ユーザー 7 人 (セカンダリー 4 人)").await;
    let labels = b
        .js(
            "return [...document.querySelectorAll('table.users button')].map(b => \
            b.getAttribute('aria-label'))",
        )
        .await;
    assert!(
        labels
            .as_array()
            .is_some_and(|a| a.iter().any(|l| l.as_str() == Some("編集 bob@example.jp"))),
        "the buttons' labels are in Japanese: {labels}"
    );
    b.press("English").await;
    b.open(&format!("/sites/{site}/contacts")).await;
    b.sees("billing@example.jp").await;

    // The same pages in Japanese.
    b.press("日本語").await;
    b.heading_is("登録内容変更 (各担当者)").await;
    b.sees("個別の担当者なし: サイトご担当者が担います").await;
    b.open(&format!("/sites/{site}")).await;
    b.sees("お客様情報").await;
    b.sees("アニバーサリー・デート").await;
    b.snap("site-top-ja").await;
    b.open(&format!("/sites/{site}/access")).await;
    b.sees("ユーザー 7 人 (セカンダリー 4 人)").await;
    b.sees("このサイトのユーザーと権限です。セカンダリー・ユーザーは最大 4 人まで登録できます。")
        .await;
    b.resize(390, 1000).await;
    b.snap("site-access-ja-narrow").await;
    b.open(&format!("/sites/{site}/documents")).await;
    b.sees("使用許諾証明 (Proof of Entitlement)").await;
    b.snap("site-documents-ja-narrow").await;
    b.open(&format!("/sites/{site}/report")).await;
    b.sees("月ごとのアクセス・リクエストと登録内容の変更").await;
    b.sees("過去 12 か月: リクエスト 3 件、承認 1 件、拒否 1 件。")
        .await;
    b.sees("変更履歴").await;
    // The history in the reader's language; the reason as its writer typed it.
    b.sees("carol@example.jp: 審査待ち → 拒否 (Please ask your own site contact)")
        .await;
    b.sees("dan@example.jp: 審査待ち → 取り下げ").await;
    b.sees("bob@example.jp: 審査待ち → 承認 (レポート: 表示)")
        .await;
    // Too narrow for the whole chart: it starts at this month, at the right.
    let at_end = "const f = document.querySelector('figure.chart .table-wrap'); \
        return [f.scrollWidth > f.clientWidth, Math.round(f.scrollWidth - f.clientWidth - f.scrollLeft)]";
    let mut chart = b.js(at_end).await;
    for _ in 0..20 {
        if chart == serde_json::json!([true, 0]) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        chart = b.js(at_end).await;
    }
    assert_eq!(
        chart,
        serde_json::json!([true, 0]),
        "scrolled to the newest month"
    );
    b.snap("site-report-ja-narrow").await;
    // In Japanese it fits: nothing of it is out of sight.
    let fits = "const t = document.querySelector('table.months'); \
        return !!t && t.scrollWidth <= t.parentElement.clientWidth";
    b.wait_for_js(fits, serde_json::json!(true)).await;
    b.js("document.querySelector('table.months').scrollIntoView(); return 1")
        .await;
    b.snap("site-report-months-ja-narrow").await;
    // The history as a file, as read on the page.
    b.press("履歴を CSV でダウンロード").await;
    let csv =
        std::fs::read_to_string(b.downloaded(&format!("site-{site}-history-")).await).unwrap();
    assert!(
        csv.lines().any(|l| l.contains(",RequestDenied,")
            && l.ends_with(
                ",carol@example.jp: 審査待ち → 拒否 (Please ask your own site contact)"
            )),
        "{csv}"
    );

    // The primary hands the role to a secondary contact with an ID, and stays on.
    b.resize(1280, 900).await;
    b.press("English").await;
    b.open(&format!("/sites/{site}/contacts")).await;
    b.press("Hand over the primary role").await;
    b.press_in("#handover-form", "Hand over").await;
    b.sees("This is required.").await;
    assert_eq!(b.focused_label().await, "New primary site contact");
    b.choose("New primary site contact", "Sec One <second1@example.jp>")
        .await;
    b.snap("site-handover-en").await;
    b.press_in("#handover-form", "Hand over").await;
    b.sees("second1@example.jp is now the primary site contact.")
        .await;
    b.sees("The primary site contact hands the role to a secondary contact")
        .await;
    b.open(&format!("/sites/{site}/access")).await;
    b.sees("Users: 7 (secondary: 4)").await;
    b.sign_out().await;
    b.open("/mail?to=second1%40example.jp").await;
    b.sees(&format!("You are now the primary contact of site {site}"))
        .await;
    b.open("/mail?to=hanako%40example.jp").await;
    b.sees(&format!("The primary contact of site {site} changed"))
        .await;
    b.finish().await;
}
