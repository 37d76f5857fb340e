//! Shared mode (issue 15): three browsers with separate profiles (separate storage)
//! on one Kinto that the harness starts on free loopback ports.
use crate::e2e_support::*;
use crate::shared_support::{Kinto, OPERATOR, OPERATOR_PASSWORD};

const PW: &str = "correct horse battery";

/// Connects a browser to the server at `url` (a Kinto, or a proxy in front of one)
/// through the data page's `?server=` link.
async fn connect(b: &Browser, url: &str) {
    b.open(&format!("/data?lang=en&server={url}")).await;
    b.heading_is("Data").await;
    b.sees("Local, this browser only").await;
    b.press("Connect").await;
    b.heading_is("Sign in").await;
    let host = url.trim_start_matches("http://").trim_end_matches("/v1");
    b.sees(&format!("Shared: {host}")).await;
}

/// The office in browser A enrols a site; its primary contact in browser B creates an
/// account, reads the welcome mail there and activates the site with the passcode;
/// browser C (another account) sees neither the mail nor the site; A sees the site
/// become active without reloading. C asks for access, B grants it, C sees the grant
/// without reloading; B and C edit the same contact while B is offline; C's partner
/// application is approved by the office in A.
#[tokio::test]
async fn a_site_is_enrolled_and_activated_from_two_browsers() {
    let kinto = Kinto::start("e2e-journey");
    let a = Browser::start().await;
    let b = Browser::start().await;
    let c = Browser::start().await;

    // A: a wrong address is said next to the field, and nothing is connected.
    a.open("/data?lang=en&server=http://127.0.0.1:9/v1").await;
    a.press("Connect").await;
    a.sees("The server cannot be reached.").await;
    assert_eq!(a.focused_id().await, "server-url");
    a.snap("shared-connect-error-en").await;
    connect(&a, &kinto.url).await;
    a.open("/office").await;
    a.fill("Email address", OPERATOR).await;
    a.fill("Password", "not the password").await;
    a.press("Sign in").await;
    a.sees_alert("The email address or password is not correct.")
        .await;
    a.fill("Password", OPERATOR_PASSWORD).await;
    a.press("Sign in").await;
    a.sees("You are signed in.").await;
    a.follow("Customer sites").await;
    a.heading_is("Customer sites").await;
    a.enrol_site("Example KK", "hanako@example.jp").await;
    a.sees("was enrolled and the welcome mail sent to hanako@example.jp")
        .await;
    a.sees("Awaiting first sign-in").await;
    a.snap("shared-office-en").await;

    // B: an account on the server, then the welcome mail in B's own mailbox.
    connect(&b, &kinto.url).await;
    b.follow("No ID yet? Create one").await;
    b.submit_new_id("hanako@example.jp", "Hanako", "Yamada", PW)
        .await;
    b.sees("You are signed in.").await;
    // The header says the mode in Japanese too, wide and narrow.
    b.open("/?lang=ja").await;
    let host = kinto
        .url
        .trim_start_matches("http://")
        .trim_end_matches("/v1");
    b.sees(&format!("共有: {host}")).await;
    b.sees("秒前に同期").await;
    b.snap("shared-home-ja").await;
    b.resize(390, 844).await;
    b.snap("shared-home-ja-narrow").await;
    b.resize(1280, 900).await;
    b.open("/data?lang=en").await;
    b.sees(&format!("Connected to {}.", kinto.url)).await;
    b.does_not_see("Export").await;
    b.sees("Shared mode: the data is kept on the server").await;
    b.snap("shared-data-en").await;
    b.open("/data?lang=ja").await;
    b.sees("コピーをダウンロード").await;
    b.snap("shared-data-ja").await;
    b.open("/data?lang=en").await;
    // A copy only when asked: what B reads, as a file local mode imports, no secret.
    b.press("Download a copy").await;
    let copy = std::fs::read_to_string(b.downloaded("onboard-shared-copy").await).unwrap();
    assert!(copy.contains("onboard-export") && copy.contains("Example KK"));
    assert!(copy.contains("hanako@example.jp"));
    assert!(!copy.contains(PW), "no password");
    // Every ID's password is the placeholder of a secret the server holds, not a hash.
    let doc: serde_json::Value = serde_json::from_str(&copy).unwrap();
    let ids: Vec<_> = doc["records"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with("id/"))
        .collect();
    assert_eq!(ids.len(), 1, "B's own ID only");
    for (_, id) in ids {
        let pw = id["data"]["password"].as_str().unwrap();
        assert!(pw.contains("aGVsZGVsc2V3aGVyZQ"), "{pw}");
    }
    // A, the office, sent that mail and reads it too; opening it leaves it unread for
    // B, its recipient. B's "Mark all as read" marks it, on the server.
    a.open("/mail").await;
    a.follow_containing("Access Passport Advantage Online")
        .await;
    a.sees("Temporary passcode (first sign-in only)").await;
    a.follow("Back to the mailbox").await;
    a.heading_is("Mailbox").await;
    // Time for a write, were one sent, before B reads the server.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    a.open("/office/sites").await;
    a.heading_is("Customer sites").await;
    a.sees("Awaiting first sign-in").await;
    let unread = "return [...document.querySelectorAll('.mail-list li.unread')] \
        .map(l => l.textContent).join(' | ')";
    b.open("/mail").await;
    b.sees("Access Passport Advantage Online").await;
    let new = b.js(unread).await;
    assert!(
        new.as_str()
            .is_some_and(|t| t.contains("Access Passport Advantage Online")),
        "the office's look did not mark B's mail read: {new}"
    );
    b.press("Mark all as read").await;
    b.wait_for_js(unread, serde_json::json!("")).await;
    b.open("/mail").await;
    b.sees("Access Passport Advantage Online").await;
    assert_eq!(
        b.js(unread).await,
        serde_json::json!(""),
        "kept by the server"
    );
    b.does_not_see("Mark all as read").await;
    let (site, passcode) = b.welcome_numbers().await;
    let customer = b.mail_field("Customer number (ICN)").await;

    // C: another account sees neither the mail nor the site.
    connect(&c, &kinto.url).await;
    c.follow("No ID yet? Create one").await;
    c.submit_new_id("carol@example.jp", "Carol", "Sato", PW)
        .await;
    c.sees("You are signed in.").await;
    c.open("/mail").await;
    c.heading_is("Mailbox").await;
    c.does_not_see("Access Passport Advantage Online").await;
    c.open(&format!("/sites/{site}")).await;
    c.does_not_see("Example KK").await;

    // B activates the site.
    b.open("/sites").await;
    b.fill("Temporary passcode (8 characters)", &passcode).await;
    b.press("Activate the site").await;
    b.sees("Your site is active.").await;
    b.snap("shared-site-active-en").await;

    // A, still on its page, sees the activation without reloading.
    let took = a.stops_seeing("Awaiting first sign-in").await;
    println!(
        "the activation reached browser A in {} ms",
        took.as_millis()
    );
    a.sees("Active").await;

    // B cannot reach the server (the app's own files still load): a key contact edited
    // now waits in this browser, survives a reload, and is sent when the server is back.
    let kinto_port = host.rsplit(':').next().unwrap();
    // Every request to the server, for a browser's `block_urls`.
    let server = format!("*:{kinto_port}/*");
    b.block_urls(&[&server]).await;
    b.follow("Update registration").await;
    b.heading_is("Update registration (key contacts)").await;
    b.press_labelled("Edit — Site technical contact").await;
    b.fill("Family name", "Sato").await;
    b.fill("Given name", "Jiro").await;
    b.fill("Email address", "tech@example.jp").await;
    b.fill("Phone number", "03-1234-5678").await;
    b.press_in("#contact-form", "Save").await;
    b.sees("The contact was saved.").await;
    b.sees("changes waiting: 1").await;
    b.sees("server unreachable").await;
    b.sees("your change is kept in this browser and will be sent when it is back")
        .await;
    b.snap("shared-waiting-en").await;
    b.reload().await;
    b.sees("changes waiting: 1").await;
    b.sees("your change is kept in this browser").await;
    // After the reload the tab still shows what it read (its copy, with the waiting
    // change), and the header how old that is.
    b.heading_is("Update registration (key contacts)").await;
    b.sees("tech@example.jp").await;
    b.sees("server unreachable · synced").await;
    b.block_urls(&[]).await;
    let took = b.stops_seeing("changes waiting").await;
    b.stops_seeing("your change is kept in this browser").await;
    println!(
        "the waiting change was sent {} ms after the server came back",
        took.as_millis()
    );
    b.open(&format!("/sites/{site}/contacts")).await;
    b.sees("tech@example.jp").await;

    // C asks for access to the site she cannot read: the request waits in the site's
    // inbox until B's browser takes it in; B, on the access page, sees it arrive
    // without reloading and grants it as a secondary contact with Contact updates:
    // Update (the server makes her one of the site's writers); C sees the grant
    // without reloading.
    // C cannot reach the server as she asks: her request is kept in her browser (it
    // shows as pending, survives a reload, and asking again is refused) and sent once
    // the server is back.
    b.open(&format!("/sites/{site}/access")).await;
    b.heading_is("Manage access").await;
    b.sees("Pending access requests (0)").await;
    c.open("/sites").await;
    c.heading_is("Customer sites").await;
    c.sees("synced").await;
    c.block_urls(&[&server]).await;
    ask_for_access(&c, &site, &customer, "Carol from purchasing").await;
    c.sees(KEPT).await;
    c.sees("Pending").await;
    c.sees("changes waiting: 1").await;
    c.snap("shared-request-kept-en").await;
    c.reload().await;
    c.sees("server unreachable").await;
    c.sees("Pending").await;
    c.sees("changes waiting: 1").await;
    // Asking again while the first waits is refused, next to nothing typed lost.
    ask_for_access(&c, &site, &customer, "").await;
    c.sees_alert("The same request is already waiting for a decision.")
        .await;
    // Withdrawn before it was sent, it is not sent at all; asked again, kept again.
    c.open("/sites").await;
    let withdraw = format!("Withdraw the request to site {site}");
    c.press_labelled_asks(&withdraw, "Withdraw this request?", true)
        .await;
    c.sees("Your request was withdrawn.").await;
    c.does_not_see("Pending").await;
    c.stops_seeing("changes waiting").await;
    // Withdrawn while it is on its way to the server (the server back, the request
    // held 3 s in C's browser as on a slow network): it cannot be called back, so
    // the withdrawal waits for it and marks it withdrawn there; nobody's list keeps
    // it. (Before, it was dropped in C's browser only and reached the server anyway,
    // waiting for B's decision.)
    ask_for_access(&c, &site, &customer, "Sent while withdrawn").await;
    c.sees(KEPT).await;
    c.js(SLOW_INBOX_PUT).await;
    c.block_urls(&[]).await;
    c.wait_for_js("return window.__inbox", serde_json::json!("going"))
        .await;
    c.press_labelled_asks(&withdraw, "Withdraw this request?", true)
        .await;
    c.sees("Your request was withdrawn.").await;
    c.wait_for_js("return window.__inbox", serde_json::json!("done"))
        .await;
    c.stops_seeing("changes waiting").await;
    let office = kinto.office();
    let waiting_on_server = || {
        let inbox = kinto.get(&office, "/buckets/onboard/collections/inbox/records");
        inbox.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["ask"]["message"] == "Sent while withdrawn")
            .filter(|r| r["ask"]["withdrawn"].is_null())
            .count()
    };
    let since = std::time::Instant::now();
    while waiting_on_server() > 0 && since.elapsed() < std::time::Duration::from_secs(10) {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(
        waiting_on_server(),
        0,
        "the request is withdrawn on the server"
    );
    b.sees("Pending access requests (0)").await;
    c.open("/sites").await;
    c.sees("synced").await;
    c.does_not_see("Pending").await;
    c.block_urls(&[&server]).await;
    ask_for_access(&c, &site, &customer, "Carol from purchasing").await;
    c.sees(KEPT).await;
    c.sees("changes waiting: 1").await;
    b.sees("Pending access requests (0)").await;
    c.block_urls(&[]).await;
    // From the server's return to B's screen: sent from C's browser, taken in by B's.
    let took = b.stops_seeing("Pending access requests (0)").await;
    println!(
        "C's kept request reached B's screen {} ms after the server came back",
        took.as_millis()
    );
    c.stops_seeing("changes waiting").await;
    c.does_not_see("Example KK").await;
    c.open("/sites").await;
    c.sees("Pending").await;
    b.sees("Pending access requests (1)").await;
    b.sees("Carol from purchasing").await;
    b.snap("shared-request-arrived-en").await;
    b.press_labelled("Grant carol@example.jp").await;
    b.choose("Contact updates", "Update").await;
    b.choose("Manage access", "View").await;
    b.check("Make this user a secondary contact").await;
    b.press_in("#decide-form", "Grant").await;
    let took = c.stops_seeing("Pending").await;
    println!(
        "the grant reached C's screen {} ms after B's click",
        took.as_millis()
    );
    b.sees("The request of carol@example.jp was granted.").await;
    c.sees("Example KK").await;
    c.sees("Granted").await;
    c.snap("shared-request-granted-en").await;
    c.open("/mail").await;
    c.sees("Your access request was granted").await;

    // B opens the billing contact's form and loses the server; C changes that contact
    // meanwhile. B's save waits, is refused when sent (it was made from the version C
    // replaced), and B is told why; C's version stands.
    b.open(&format!("/sites/{site}/contacts")).await;
    b.heading_is("Update registration (key contacts)").await;
    b.press_labelled("Edit — Billing contact").await;
    b.block_urls(&[&server]).await;
    c.open(&format!("/sites/{site}/contacts")).await;
    c.heading_is("Update registration (key contacts)").await;
    c.press_labelled("Edit — Billing contact").await;
    c.fill("Family name", "Suzuki").await;
    c.fill("Given name", "Ichiro").await;
    c.fill("Email address", "billing-c@example.jp").await;
    c.fill("Phone number", "03-2222-3333").await;
    c.press_in("#contact-form", "Save").await;
    c.sees("The contact was saved.").await;
    b.fill("Family name", "Tanaka").await;
    b.fill("Given name", "Yuki").await;
    b.fill("Email address", "billing-b@example.jp").await;
    b.fill("Phone number", "03-4444-5555").await;
    b.press_in("#contact-form", "Save").await;
    b.sees("changes waiting: 1").await;
    b.block_urls(&[]).await;
    b.sees("was refused when it was sent: Someone else changed this after you opened it.")
        .await;
    b.sees("billing-c@example.jp").await;
    b.does_not_see("billing-b@example.jp").await;
    b.stops_seeing("changes waiting").await;
    b.snap("shared-refused-en").await;

    // C applies to the partner program; the office in A, on its list of applications,
    // sees it arrive and approves it; C's mailbox, open meanwhile, shows the completion
    // mail, and C's partner home the company (the server made C its writer).
    // Opened by its address: in one clean-clone run (2026-12-06, not seen in three
    // local runs) the click on the dashboard's card link did not navigate, the page
    // still settling; the dashboard's links are the local journeys' to follow.
    a.open("/office/applications").await;
    a.heading_is("Partner applications").await;
    a.sees("No applications").await;
    c.open("/partner/apply").await;
    c.press("I agree").await;
    c.fill("Legal company name", "Example Partners KK").await;
    c.check("Reseller").await;
    c.check("Cloud").await;
    c.choose("Company size", "11-50 people").await;
    c.fill("Postal code", "1068711").await;
    c.fill("City", "Minato-ku").await;
    c.fill("Street address", "Roppongi 3-2-12").await;
    c.fill("Phone number", "03-1234-5678").await;
    c.press("Next").await;
    c.sees("Employee profile — Step 3 of 4").await;
    c.fill("Phone number", "090-1111-2222").await;
    c.check("Sales").await;
    c.check("Cloud").await;
    c.press("Next").await;
    c.sees("Review — Step 4 of 4").await;
    c.press("Submit").await;
    let took = a.stops_seeing("No applications").await;
    println!(
        "C's application reached the office's screen {} ms after C submitted it",
        took.as_millis()
    );
    c.sees("Your application was received. Confirmation number: PW")
        .await;
    // C marks the application approved by hand, writing its record (the server lets
    // its creator): the office's browser, reloaded, still has it to decide.
    let carol =
        onboard::store::shared::native::Caller::Account("carol@example.jp".into(), PW.into());
    let apps = kinto.get(&carol, "/buckets/onboard/collections/applications/records");
    let number = apps.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .find(|id| !id.contains("-files-"))
        .expect("C reads their application")
        .to_string();
    let app = format!("/buckets/onboard/collections/applications/records/{number}");
    let forged = kinto.rewritten(&carol, &app, |d| {
        d["value"]["status"] =
            serde_json::json!({"state": "Approved", "at": 1_790_000_000_000i64, "company": "c0"})
    });
    assert_eq!(kinto.send(&carol, &forged).status, 200);
    a.reload().await;
    c.open("/mail").await;
    a.sees("Example Partners KK").await;
    a.press("Approve").await;
    a.sees("was approved.").await;
    c.sees("Example Partners KK: registration complete").await;
    c.open("/partner/company").await;
    c.sees("Example Partners KK").await;
    c.sees("Membership level: Member").await;
    c.snap("shared-partner-approved-en").await;

    // The office sets the company's level from the application's link; C's page
    // follows without reloading. C, an admin of the company, writes its record by hand
    // with another level (the server lets admins write it): C's browser, reloaded,
    // still shows the office's.
    a.follow("Membership level: Member").await;
    a.heading_is("Member companies").await;
    a.choose("Example Partners KK", "Gold").await;
    a.sees("The membership level of Example Partners KK is now Gold.")
        .await;
    c.sees("Membership level: Gold").await;
    let listing = kinto.get(&carol, "/buckets/onboard/collections");
    let company = listing.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["id"].as_str())
        .find(|c| c.starts_with("company-"))
        .expect("C reads the company's collection")
        .to_string();
    let head = format!("/buckets/onboard/collections/{company}/records/head");
    let forged = kinto.rewritten(&carol, &head, |d| {
        d["value"]["level"] = serde_json::json!("Platinum")
    });
    assert_eq!(kinto.send(&carol, &forged).status, 200);
    c.reload().await;
    c.sees("Example Partners KK").await;
    c.sees("Membership level: Gold").await;
    c.does_not_see("Platinum").await;
    // C's unread mails (the completion and the level's, and more) marked read at
    // once: one request for them all, kept by the server.
    c.open("/mail?to=carol%40example.jp").await;
    c.sees("Example Partners KK: your membership level has changed")
        .await;
    let unread = "return document.querySelectorAll('.mail-list li.unread').length";
    let before = b_count(&c, unread).await;
    assert!(before >= 2, "{before} unread");
    c.js(
        "window.__batches = []; new PerformanceObserver(l => l.getEntries() \
            .filter(e => e.name.endsWith('/v1/batch')) \
            .forEach(e => window.__batches.push(e.name))).observe({type: 'resource'}); \
          return 1",
    )
    .await;
    c.press("Mark all as read").await;
    c.wait_for_js(unread, serde_json::json!(0)).await;
    c.wait_for_js("return window.__batches.length", serde_json::json!(1))
        .await;
    c.reload().await;
    c.sees("Example Partners KK: your membership level has changed")
        .await;
    assert_eq!(b_count(&c, unread).await, 0, "kept by the server");
    // Each mail says which account sent it, as the server tells: the completion mail,
    // the office's; a mail another account puts into C's mailbox through Kinto's API
    // (its "From" saying the program office), that account's.
    let sent_by = "return document.querySelector('dd.sent-by')?.textContent ?? null";
    c.follow_containing("Example Partners KK: registration complete")
        .await;
    c.wait_for_js(sent_by, serde_json::json!(OPERATOR)).await;
    c.sees("Sent from account").await;
    // Marked unread: kept by the server, so unread after a reload too.
    c.press("Mark as unread").await;
    c.sees("“Example Partners KK: registration complete” is marked unread.")
        .await;
    c.wait_for_js(unread, serde_json::json!(1)).await;
    c.reload().await;
    c.sees("Example Partners KK: registration complete").await;
    c.wait_for_js(unread, serde_json::json!(1)).await;
    c.follow_containing("Example Partners KK: registration complete")
        .await;
    c.wait_for_js(sent_by, serde_json::json!(OPERATOR)).await;
    let eve = kinto.account("eve@example.jp");
    let mails = kinto.get(&carol, "/buckets/onboard/collections/mail/records");
    let mut forged = mails.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["mail"]["to"] == "carol@example.jp")
        .expect("C reads a mail of theirs")
        .clone();
    for key in ["id", "last_modified"] {
        forged.as_object_mut().unwrap().remove(key);
    }
    forged["mail"]["subject"] = serde_json::json!("Your account will be closed");
    forged["mail"]["from"] = serde_json::json!("Program office");
    forged["mail"]["read"] = serde_json::json!(false);
    let put = crate::shared_support::put(
        "/buckets/onboard/collections/mail/records/forged-1",
        serde_json::json!({"data": forged,
            "permissions": {"write": ["account:carol@example.jp"]}}),
    );
    assert_eq!(kinto.send(&eve, &put).status, 201);
    c.open("/mail?to=carol%40example.jp").await;
    c.follow_containing("Your account will be closed").await;
    c.wait_for_js(sent_by, serde_json::json!("eve@example.jp"))
        .await;
    c.snap("shared-mail-sent-by-en").await;
    c.press("日本語").await;
    c.sees("送信元アカウント").await;
    c.snap("shared-mail-sent-by-ja").await;
    c.press("English").await;
    c.open("/partner/company").await;
    c.sees("Membership level: Gold").await;

    // B joins C's company by its token, though B cannot read the company: a wrong token
    // is said next to the field; the right one shows the company's locations (all the
    // token opens); the request reaches C's company page, C approves it there, and B's
    // page shows the company without reloading.
    let token = c.text_of(".token code").await;
    b.open("/partner/associate").await;
    b.fill(
        "Company token (16 letters and digits)",
        "ABCD EFGH JKLM NPQR",
    )
    .await;
    b.press("Submit").await;
    b.sees("No company has this token.").await;
    assert_eq!(b.focused_id().await, "f-token");
    b.fill_join(&token, "090-3333-4444", "Technical").await;
    b.sees("Example Partners KK").await;
    let sent = std::time::Instant::now();
    b.press("Save").await;
    c.sees("Association requests (1)").await;
    println!(
        "B's join request reached C's screen {} ms after B sent it",
        sent.elapsed().as_millis()
    );
    b.sees("Your request was sent.").await;
    b.open("/partner/associate").await;
    b.sees("Your request to join Example Partners KK").await;
    b.snap("shared-join-waiting-en").await;
    // B withdraws it from B's browser: it leaves C's list; then B asks again.
    b.press_asks("Withdraw", "Withdraw this request?", true)
        .await;
    b.sees("Your request was withdrawn.").await;
    let took = c.stops_seeing("Association requests (1)").await;
    println!(
        "the withdrawal reached C's screen {} ms after B's click",
        took.as_millis()
    );
    b.open("/partner/associate").await;
    b.fill_join(&token, "090-3333-4444", "Technical").await;
    b.press("Save").await;
    b.sees("Your request was sent.").await;
    c.sees("Association requests (1)").await;
    c.press_labelled("Approve hanako@example.jp").await;
    c.press_in("#panel-form", "Approve").await;
    c.sees("hanako@example.jp was approved.").await;
    let took = b.stops_seeing("Your request to join").await;
    println!(
        "the approval reached B's screen {} ms after C's click",
        took.as_millis()
    );
    b.open("/partner/company").await;
    b.sees("Example Partners KK").await;
    b.does_not_see("Regenerate token").await;

    // B, a plain employee, changes B's own profile: only the company's administrators
    // write the company on the server, so the change waits in its inbox; C's browser
    // (open on the company page) applies it as B, and C's list shows it.
    c.does_not_see("Yamamoto").await;
    b.open("/partner/me").await;
    b.heading_is("My profile").await;
    b.fill("Family name", "Yamamoto").await;
    let sent = std::time::Instant::now();
    b.press("Save").await;
    b.sees("Your change was sent to your company's administrators")
        .await;
    b.snap("shared-own-profile-en").await;
    c.sees("Yamamoto").await;
    println!(
        "B's own profile change reached C's screen {} ms after B saved it",
        sent.elapsed().as_millis()
    );
    b.stops_seeing("is waiting for one of your company's administrators' browsers")
        .await;
    // Made while B cannot reach the server, the next change is kept in B's browser
    // and goes to the inbox once the server is back; C's browser applies it then.
    b.block_urls(&[&server]).await;
    b.fill("Family name", "Yamashita").await;
    b.press("Save").await;
    b.sees(KEPT).await;
    b.sees("changes waiting: 1").await;
    // The page says where the change is: in this browser, not yet with the admins.
    b.sees("is kept in this browser; it goes to your company's administrators")
        .await;
    b.does_not_see("is waiting for one of your company's administrators' browsers")
        .await;
    b.snap("shared-own-profile-kept-en").await;
    c.does_not_see("Yamashita").await;
    b.block_urls(&[]).await;
    c.sees("Yamashita").await;
    b.stops_seeing("changes waiting").await;
    b.stops_seeing("is waiting for one of your company's administrators' browsers")
        .await;
    b.does_not_see("is kept in this browser").await;

    // C asks eCustomer Care for help: the help desk is the office's, so the request
    // waits in the inbox until the office's browser takes it in; the office's open help
    // page shows it, and C's mailbox the reference the office gave it.
    a.open("/office/help").await;
    a.does_not_see("Cannot find my site").await;
    c.open("/sites/help").await;
    c.fill("Subject", "Cannot find my site").await;
    c.fill(
        "Description",
        "The site number from my colleague is not accepted.",
    )
    .await;
    let sent = std::time::Instant::now();
    c.press("Send help request").await;
    c.sees("Your help request was sent. Its reference comes by mail.")
        .await;
    a.sees("Cannot find my site").await;
    println!(
        "C's help request reached the office's screen {} ms after C sent it",
        sent.elapsed().as_millis()
    );
    c.open("/mail").await;
    c.sees("We received your help request").await;

    // B changes the password (the server keeps it): a wrong current one is said at its
    // field with the focus there; the right one is changed on the server, B is mailed,
    // and after signing out only the new one signs in.
    const NEW_PW: &str = "a brand new passphrase";
    b.open("/id/profile").await;
    b.fill("Current password", "not my password").await;
    b.fill("New password", NEW_PW).await;
    b.fill("Confirm password", NEW_PW).await;
    b.press("Change password").await;
    b.sees("The password is not correct.").await;
    assert_eq!(b.focused_label().await, "Current password");
    b.fill("Current password", PW).await;
    b.fill("New password", NEW_PW).await;
    b.fill("Confirm password", NEW_PW).await;
    b.press("Change password").await;
    b.sees("Your password was changed; other sessions were ended.")
        .await;
    // The ID's history below: what this app recorded of it on the server, newest
    // first; the server checks sign-ins and the page says they are not there.
    b.sees(
        "How your ID was made and changed, newest first. Sign-ins are checked by the \
         server and not recorded here.",
    )
    .await;
    let events = "return [...document.querySelectorAll('table.history tbody tr')] \
                  .map(r => r.cells[1].innerText)";
    b.wait_for_js(
        &format!("{events}[0]"),
        serde_json::json!("Password changed"),
    )
    .await;
    let events = b.js(events).await;
    assert_eq!(
        events.as_array().and_then(|e| e.last()),
        Some(&serde_json::json!("ID created")),
        "{events}"
    );
    b.open("/mail").await;
    b.sees("Your password was changed").await;
    b.sign_out().await;
    // Signing out forgets the tab's password and its copy of what it read.
    let kept = b
        .js("return [sessionStorage.getItem('onboard/account'), \
            sessionStorage.getItem('onboard/shared-copy')]")
        .await;
    assert_eq!(kept, serde_json::json!([null, null]), "{kept}");
    b.open("/signin").await;
    b.fill("Email address", "hanako@example.jp").await;
    b.fill("Password", PW).await;
    b.press("Sign in").await;
    b.sees_alert("The email address or password is not correct.")
        .await;
    b.sign_in("hanako@example.jp", NEW_PW).await;

    // C, signed out, forgot the password: the reset page says who can help (nobody
    // through the server can change it) and leads to the help form, its subject filled
    // in; the request, sent without signing in, reaches the office's open help page.
    c.sign_out().await;
    c.open("/signin").await;
    c.follow("Forgot your password?").await;
    c.heading_is("Reset your password").await;
    c.sees("the server's administrator sets a temporary password")
        .await;
    c.does_not_see("Send reset code").await;
    c.snap("shared-reset-en").await;
    c.open("/id/reset?lang=ja").await;
    c.sees("サーバーの管理者が仮パスワードを設定し").await;
    c.resize(390, 844).await;
    c.snap("shared-reset-ja-narrow").await;
    c.resize(1280, 900).await;
    c.open("/id/reset?lang=en").await;
    c.follow("Send a help request").await;
    c.heading_is("Help request").await;
    assert_eq!(c.value_of("Subject").await, "I forgot my password");
    c.fill("Name", "Carol Sato").await;
    c.fill("Email address", "carol@example.jp").await;
    c.fill("Description", "Locked out of my account.").await;
    let sent = std::time::Instant::now();
    c.press("Send help request").await;
    c.sees("Your help request was sent. Its reference comes by mail.")
        .await;
    a.sees("Locked out of my account.").await;
    println!(
        "C's signed-out help request reached the office's screen {} ms after C sent it",
        sent.elapsed().as_millis()
    );

    // B invites Erin, who has no ID yet; Erin, in a fourth browser, makes an account
    // with the invited address; the mail's link there says the invitation is taken up,
    // and B's list of pending invitations empties without a reload (Erin's browser lets
    // the site's managers read her ID).
    b.open(&format!("/sites/{site}/access")).await;
    b.press("Add new user").await;
    b.fill("Email address", "erin@example.jp").await;
    b.press_in("#user-form", "Add user").await;
    b.sees("erin@example.jp was added. They have no ID yet, so they were sent an invitation")
        .await;
    b.sees("Pending invitations (1)").await;
    let e = Browser::start().await;
    connect(&e, &kinto.url).await;
    e.follow("No ID yet? Create one").await;
    e.submit_new_id("erin@example.jp", "Erin", "Ito", PW).await;
    e.sees("You are signed in.").await;
    let made = std::time::Instant::now();
    e.open("/mail").await;
    e.follow_containing("You have access to a customer site")
        .await;
    e.follow("Accept the invitation and create your ID").await;
    e.heading_is("Accept your invitation").await;
    e.sees("This invitation is for erin@example.jp, the address of this ID.")
        .await;
    e.snap("shared-invitation-en").await;
    e.resize(390, 844).await;
    e.snap("shared-invitation-en-narrow").await;
    e.resize(1280, 900).await;
    b.stops_seeing("Pending invitations (1)").await;
    println!(
        "Erin's new ID took up B's invitation on B's screen {} ms after it was made",
        made.elapsed().as_millis()
    );
    e.open("/sites").await;
    e.sees(&site).await;

    // Erin's tab, hidden behind another, reads the server every 15 s, not every
    // second; shown again, it reads at once, and every second again.
    let polls_between = |from: &str, to: &str| {
        format!(
            "return performance.getEntriesByType('resource').filter(r => \
             r.name.endsWith('/buckets/onboard/collections') && r.startTime > {from} \
             && r.startTime < {to}).length"
        )
    };
    e.js("performance.clearResourceTimings(); window.__shown = []; \
          document.addEventListener('visibilitychange', ev => \
          __shown.push([document.visibilityState, ev.timeStamp])); return 0")
        .await;
    let home = e.c.window().await.unwrap();
    let other = e.c.new_window(true).await.unwrap();
    e.c.switch_to_window(other.handle).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    e.c.close_window().await.unwrap();
    e.c.switch_to_window(home).await.unwrap();
    e.cdp("Page.bringToFront", serde_json::json!({})).await;
    e.wait_for_js("return __shown.length", serde_json::json!(2))
        .await;
    let shown = e.js("return __shown").await;
    assert_eq!(shown[0][0], "hidden", "{shown}");
    assert_eq!(shown[1][0], "visible", "{shown}");
    let (hid, back) = (shown[0][1].to_string(), shown[1][1].to_string());
    let hidden_polls = b_count(&e, &polls_between(&hid, &back)).await;
    let times = e
        .js("return performance.getEntriesByType('resource').map(r => \
             [r.name.slice(-40), Math.round(r.startTime)])")
        .await;
    assert!(
        hidden_polls <= 1,
        "a hidden tab read the server {hidden_polls} times in 6 s: hidden {hid}, shown \
         {back}: {times}"
    );
    // Shown: reading every second again (three reads within the wait's time).
    let three = polls_between(&back, "Infinity").replace(".length", ".length >= 3");
    e.wait_for_js(&three, serde_json::json!(true)).await;
    let first = e
        .js(&format!(
            "return Math.min(...performance.getEntriesByType('resource').filter(r => \
             r.name.endsWith('/buckets/onboard/collections') && r.startTime > {back}) \
             .map(r => r.startTime)) - {back}"
        ))
        .await;
    assert!(
        first.as_f64().is_some_and(|ms| ms < 500.0),
        "the tab shown read the server {first} ms later"
    );
    println!("Erin's hidden tab read the server {hidden_polls} times in 6 s; shown again, after {first} ms");

    // Erin rewrites the audit entry of her new ID through Kinto's API (its creator
    // keeps `write` on it). The office's audit trail says who
    // changed it and when, and still shows it as written.
    let erin = onboard::store::shared::native::Caller::Account("erin@example.jp".into(), PW.into());
    let audit = format!(
        "/buckets/{}/collections/audit/records",
        onboard::store::shared::layout::BUCKET
    );
    let listing = kinto.get(&erin, &audit).body;
    let entry = listing["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["entry"]["subject"] == "erin@example.jp")
        .expect("Erin's entry");
    let path = format!("{audit}/{}", entry["id"].as_str().unwrap());
    let forged = kinto.rewritten(&erin, &path, |d| {
        d["entry"]["subject"] = "nobody@example.jp".into()
    });
    assert_eq!(kinto.send(&erin, &forged).status, 200);
    a.open("/office/audit?q=erin").await;
    a.sees("Entries changed after they were written").await;
    a.sees("changed by erin@example.jp on").await;
    a.does_not_see("nobody@example.jp").await;
    a.snap("shared-audit-changed-en").await;
    a.open("/office/audit?q=erin&lang=ja").await;
    a.sees("書き込み後に変更された記録").await;
    a.sees("に erin@example.jp が変更").await;
    a.resize(390, 844).await;
    a.snap("shared-audit-changed-ja-narrow").await;
    a.resize(1280, 900).await;
    a.snap("shared-audit-changed-ja").await;
    a.color_scheme("dark").await;
    a.sees("書き込み後に変更された記録").await;
    a.snap("shared-audit-changed-ja-dark").await;
    a.color_scheme("light").await;
    a.open("/office/audit?q=erin&lang=en").await;
    a.resize(390, 844).await;
    a.sees("Entries changed after they were written").await;
    a.snap("shared-audit-changed-en-narrow").await;
    a.resize(1280, 900).await;

    for x in [a, b, c, e] {
        x.finish().await;
    }
}

/// Connects browser `a` to the server at `url` (the data page's `?server=` link) and
/// signs the office in on its page.
/// What a request for an inbox made while the server cannot be reached says.
const KEPT: &str =
    "Your request was kept in this browser; it is sent as soon as the server can be reached.";

/// Asks for access to `site` from the request page (an empty message is left out).
async fn ask_for_access(b: &Browser, site: &str, customer: &str, message: &str) {
    b.open("/sites/request").await;
    b.fill("Site number (7 digits)", site).await;
    b.fill("Customer number (7 digits)", customer).await;
    if !message.is_empty() {
        b.fill("Message (optional)", message).await;
    }
    b.press("Send request").await;
}

async fn office_signs_in(a: &Browser, url: &str) {
    connect(a, url).await;
    a.open("/office").await;
    a.fill("Email address", OPERATOR).await;
    a.fill("Password", OPERATOR_PASSWORD).await;
    a.press("Sign in").await;
    a.sees("You are signed in.").await;
}

/// A number a script returns.
async fn b_count(b: &Browser, script: &str) -> u64 {
    b.js(script).await.as_u64().unwrap_or(0)
}

/// The office's browser, on a server that rolls its writes back now and then (a proxy
/// answers Kinto's "please retry" in its place): the enrolment is sent again, a
/// little later, and done once; the office sees it done, and the server holds one
/// site and one welcome mail. When the server keeps refusing an enrolment's last
/// writes (its mail and audit entry), they wait in the browser and are sent later.
#[tokio::test]
async fn a_write_the_server_rolled_back_is_sent_again() {
    use crate::shared_support::{Fault, Faulty};
    let kinto = Kinto::start("e2e-retry");
    let proxy = Faulty::start(&kinto);
    let a = Browser::start().await;
    office_signs_in(&a, &proxy.url).await;
    a.follow("Customer sites").await;
    a.heading_is("Customer sites").await;
    proxy.next("", Fault::Answer(409));
    proxy.next("/batch", Fault::Answer(503));
    a.enrol_site("Example KK", "hanako@example.jp").await;
    a.sees("was enrolled and the welcome mail sent to hanako@example.jp")
        .await;
    a.does_not_see("The server answered with an error").await;
    assert_eq!(proxy.waiting(), 0, "both faults met");
    let office = kinto.office();
    let count = |collection: &str| {
        kinto
            .get(
                &office,
                &format!("/buckets/onboard/collections/{collection}/records"),
            )
            .body["data"]
            .as_array()
            .map_or(0, Vec::len)
    };
    assert_eq!(count("mail"), 1, "one welcome mail");
    let sites = kinto.get(&office, "/buckets/onboard/collections").body["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"].as_str().is_some_and(|i| i.starts_with("site-")))
        .count();
    assert_eq!(sites, 1);

    // The second site's records taken, its mail and audit entry refused six times:
    // the enrolment is done and shown, its mail and entry kept in this browser (a
    // banner says so) and sent once the server takes them again, each once.
    a.heading_is("Customer sites").await;
    for _ in 0..12 {
        proxy.next("/batch", Fault::Answer(503));
    }
    a.enrol_site("Second KK", "jiro@example.jp").await;
    a.sees("was enrolled and the welcome mail sent to jiro@example.jp")
        .await;
    a.sees("its mail and audit trail entries did not reach it yet")
        .await;
    a.sees("Second KK").await;
    a.js("window.scrollTo(0, 0)").await;
    a.snap("shared-entries-kept-en").await;
    a.stops_seeing("its mail and audit trail entries did not reach it yet")
        .await;
    assert_eq!(
        proxy.waiting(),
        0,
        "every try refused until the faults ran out"
    );
    assert_eq!(count("mail"), 2, "the second site's mail, sent later, once");

    // The same in Japanese, on a phone.
    a.open("/office/sites?lang=ja").await;
    a.heading_is("カスタマー・サイトの管理").await;
    a.resize(390, 844).await;
    a.fill_enrolment_ja("株式会社サード", "三郎", "saburo@example.jp")
        .await;
    for _ in 0..12 {
        proxy.next("/batch", Fault::Answer(503));
    }
    a.press("サイトを登録").await;
    a.sees("そのメールと監査証跡の記録はまだサーバーに届いていません")
        .await;
    a.js("window.scrollTo(0, 0)").await;
    a.snap("shared-entries-kept-ja-narrow").await;
    a.sees("株式会社サード").await;
    // A reload while they wait loses none: they are shown waiting, then sent after it.
    for _ in 0..6 {
        proxy.next("/batch", Fault::Answer(503));
    }
    assert_eq!(count("mail"), 2, "not sent yet");
    a.reload().await;
    a.sees("株式会社サード").await;
    a.sees("そのメールと監査証跡の記録はまだサーバーに届いていません")
        .await;
    a.stops_seeing("そのメールと監査証跡の記録はまだサーバーに届いていません")
        .await;
    assert_eq!((count("mail"), proxy.waiting()), (3, 0));
    a.resize(1280, 900).await;
    a.finish().await;
}

/// The office approves an application while the server stops between the decision and
/// the new company (a proxy refuses the company's record): the office is told only
/// part was saved and sees the approval unfinished on the application; the applicant,
/// in another browser, reads it approved and waiting for the office. The office
/// finishes it: the applicant's page follows without reloading, and the server holds
/// one company and one completion mail. The note again in Japanese on a phone.
#[tokio::test]
async fn an_approval_cut_short_is_finished_in_the_office() {
    use crate::shared_support::{Fault, Faulty};
    let kinto = Kinto::start("e2e-finish");
    let proxy = Faulty::start(&kinto);
    let mut ctx = crate::peers::clock();
    let (_, number) = crate::peers::submitted_application(&kinto, &mut ctx);
    let (a, c) = tokio::join!(Browser::start(), Browser::start());
    office_signs_in(&a, &proxy.url).await;
    a.open("/office/applications").await;
    a.heading_is("Partner applications").await;
    a.sees("Example Partner KK").await;

    // The decision is written; the company's record is refused.
    proxy.next("/records/head", Fault::Answer(500));
    a.press("Approve").await;
    a.sees("Only part of this reached the server before it stopped.")
        .await;
    a.sees("saving its member company stopped part way").await;
    assert_eq!(proxy.waiting(), 0);
    a.snap("shared-unfinished-en").await;

    // The applicant reads it approved, the company to come.
    connect(&c, &proxy.url).await;
    c.fill("Email address", "carol@example.com").await;
    c.fill("Password", "pw-of-carol@example.com").await;
    c.press("Sign in").await;
    c.sees("You are signed in.").await;
    c.open("/partner/apply").await;
    c.sees("Your application was approved. You get a mail when the program office")
        .await;
    c.does_not_see("Go to the company page").await;
    c.snap("shared-unfinished-applicant-en").await;

    // The office's dashboard points to it.
    a.open("/office").await;
    a.sees("Approvals not finished: 1").await;
    a.snap("shared-unfinished-dashboard-en").await;
    a.follow("Approvals not finished: 1").await;
    a.heading_is("Partner applications").await;
    a.press("Finish the approval").await;
    a.sees(&format!(
        "The approval of application {number} was finished."
    ))
    .await;
    a.sees("Membership level: Member").await;
    a.does_not_see("Finish the approval").await;
    c.sees("Registration is complete.").await;
    c.follow("Go to the company page").await;
    c.sees("Example Partner KK").await;

    let office = kinto.office();
    let companies = kinto.get(&office, "/buckets/onboard/collections").body["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["id"].as_str().is_some_and(|i| i.starts_with("company-")))
        .count();
    assert_eq!(companies, 1);
    let mails = kinto.get(&office, "/buckets/onboard/collections/mail/records");
    let complete = mails.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["mail"]["subject"] == "Example Partner KK: registration complete")
        .count();
    assert_eq!(complete, 1, "{}", mails.body);
    a.open("/office").await;
    a.sees("Partner applications").await;
    a.does_not_see("Approvals not finished").await;

    // The note in Japanese, on a phone: a second application, cut short the same way.
    let (_, second) = crate::peers::submitted_application_by(
        &kinto,
        &mut ctx,
        "dave@example.com",
        "Second Partner KK",
    );
    a.open("/office/applications?lang=ja").await;
    a.resize(390, 844).await;
    a.sees("Second Partner KK").await;
    proxy.next("/records/head", Fault::Answer(500));
    a.press("承認").await;
    a.sees("この操作は一部だけがサーバーに保存されました。")
        .await;
    a.sees("メンバー企業の登録がサーバーへの保存の途中で止まりました")
        .await;
    a.snap("shared-unfinished-ja-narrow").await;
    a.open("/office").await;
    a.sees("承認が完了していない申請: 1 件").await;
    a.snap("shared-unfinished-dashboard-ja-narrow").await;
    a.follow("承認が完了していない申請: 1 件").await;
    a.heading_is("パートナー申請の審査").await;
    a.press("承認を完了").await;
    a.sees(&format!("申請 {second} の承認を完了しました。"))
        .await;
    a.resize(1280, 900).await;

    // The applicant sends a form right after a page load, while the browser is still
    // reading the server (slowed here): it waits for that read, then is sent as the
    // signed-in account, not refused with "Please sign in.". First with no copy of
    // the page in the tab (one too big for the tab's storage is not kept): the page
    // is a signed-out one meanwhile.
    c.js(NO_COPY).await;
    help_while_reading(&c, &proxy, "Where is my company?", |_| async {}).await;
    // Then with this tab's copy, kept when the page was left: meanwhile the page is
    // the signed-in one (no name and email to type, as for someone signed out).
    help_while_reading(&c, &proxy, "Where is my site?", |c| async move {
        c.sees("carol@example.com").await;
        c.does_not_see("Email address").await;
    })
    .await;
    a.open("/office/help").await;
    a.sees("Where is my company?").await;
    a.sees("Where is my site?").await;

    // The server answers 503 for a while (restarted behind its proxy) as C's page
    // loads: C stays signed in, on this tab's copy, told the server is not there; once
    // it answers again, C's page is read from it. (Before, a 503 counted as a wrong
    // password and signed C out.)
    c.open("/mail?lang=en").await;
    c.heading_is("Mailbox").await;
    c.sees("Mark all as read").await;
    for _ in 0..14 {
        proxy.next_read("/v1/", Fault::Answer(503));
    }
    c.reload().await;
    c.sees("server unreachable").await;
    c.sees("carol@example.com").await;
    c.sees("registration complete").await;
    c.snap("shared-server-restarting-en").await;
    // A change made meanwhile is kept, as offline, and sent once C is read again (a
    // write planned before C's data was read from the server would be wrong).
    c.press("Mark all as read").await;
    c.sees("your change is kept in this browser").await;
    assert!(proxy.waiting() > 0, "made while the server still refused");
    // On a phone the status line is inside the folded menu: the Menu button says it.
    c.resize(390, 844).await;
    let button = c
        .js("return document.querySelector('header .menu-toggle').innerText")
        .await;
    let button = button.as_str().unwrap_or_default();
    assert!(
        button.contains("offline") && button.contains("server unreachable"),
        "the Menu button says the server is unreachable: {button:?}"
    );
    c.snap("shared-server-restarting-phone-en").await;
    // On the narrowest phone the button is the icon and the mark, named "Menu" still,
    // and stays beside the brand: one row. (With the word shown it took a second.)
    c.resize(320, 700).await;
    let header = c
        .js("const h = document.querySelector('header.site-header'); \
             return [Math.round(h.getBoundingClientRect().height), \
             h.querySelector('.menu-toggle').textContent]")
        .await;
    assert!(
        header[0].as_f64().unwrap_or(999.0) <= 64.0,
        "one row at 320 px: {header}"
    );
    assert!(
        header[1].as_str().unwrap_or_default().starts_with("Menu"),
        "{header}"
    );
    c.snap("shared-server-restarting-320-en").await;
    c.resize(1280, 900).await;
    assert!(proxy.waiting() > 0, "seen while the server still refused");
    c.stops_seeing("server unreachable").await;
    c.stops_seeing("your change is kept in this browser").await;
    assert_eq!(proxy.waiting(), 0, "every 503 met");
    let unread = kinto
        .get(&office, "/buckets/onboard/collections/mail/records")
        .body["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["mail"]["to"] == "carol@example.com" && m["mail"]["read"] == false)
        .count();
    assert_eq!(unread, 0, "C's mail marked read on the server");
    // The same without this tab's copy (one too big for the tab's storage is not
    // kept): a page of C's own says that her data cannot be read yet, under her
    // account and a Sign out button; once the server answers, the page itself.
    // (Before, the signed-out page: "Please sign in." under a "Sign in" link.)
    c.js(NO_COPY).await;
    for _ in 0..14 {
        proxy.next_read("/v1/", Fault::Answer(503));
    }
    c.reload().await;
    c.heading_is("Reading your data").await;
    c.sees("You are signed in as carol@example.com. The server cannot be reached")
        .await;
    c.sees("Sign out").await;
    c.does_not_see("Please sign in.").await;
    c.does_not_see("Mark all as read").await;
    c.snap("shared-reading-unreachable-en").await;
    c.stops_seeing("server unreachable").await;
    c.heading_is("Mailbox").await;
    c.sees("registration complete").await;
    c.does_not_see("Reading your data").await;
    assert_eq!(proxy.waiting(), 0, "every 503 met");
    // The sign-in form, opened meanwhile, names the account signed in, as the header
    // does. (Before, it waited for her ID to be read and said nothing of it.)
    c.js(NO_COPY).await;
    for _ in 0..14 {
        proxy.next_read("/v1/", Fault::Answer(503));
    }
    c.open("/signin?lang=en").await;
    c.heading_is("Sign in").await;
    let note = "You are signed in as carol@example.com. Signing in with another ID signs \
                carol@example.com out.";
    c.sees("server unreachable").await;
    c.sees(note).await;
    assert!(proxy.waiting() > 0, "seen while the server still refused");
    c.stops_seeing("server unreachable").await;
    c.sees(note).await;
    assert_eq!(proxy.waiting(), 0, "every 503 met");
    // The server stops answering C's sign-in (a network gone away, a connection left
    // half open): within READ_WAIT_MS (15 s) C's tab says so, and the help request
    // sent meanwhile is kept in C's browser and goes through once the tab has signed
    // in again. (Before, the start waited for an answer as long as the browser did,
    // and the help request with it; then it was refused as "cannot be reached".)
    let held = std::time::Duration::from_secs(40);
    c.leave().await;
    proxy.next_read("/v1/", Fault::Late(held.as_millis() as u64));
    let opened = std::time::Instant::now();
    c.open("/sites/help?lang=en").await;
    c.heading_is("Help request").await;
    c.sees("carol@example.com").await;
    c.fill("Subject", "Is the server there?").await;
    c.fill("Description", "Sent while the server did not answer.")
        .await;
    c.press("Send help request").await;
    c.sees("server unreachable").await;
    c.sees(KEPT).await;
    c.sees("changes waiting: 1").await;
    assert!(opened.elapsed() < held, "told before the server answered");
    assert_eq!(proxy.waiting(), 0, "the sign-in was held");
    assert_eq!(c.value_of("Subject").await, "", "the form is done with");
    c.stops_seeing("server unreachable").await;
    c.stops_seeing("changes waiting").await;
    a.open("/office/help").await;
    a.sees("Is the server there?").await;
    // A poll the server leaves unanswered is given up after READ_WAIT_MS: the polls
    // after it bring what the office answered meanwhile. (Before, the held poll held
    // every later one: nothing arrived until its answer, 40 s later.)
    c.open("/mail?lang=en").await;
    c.heading_is("Mailbox").await;
    c.sees("synced").await;
    a.leave().await;
    proxy.next_read(
        "/buckets/onboard/collections",
        Fault::Late(held.as_millis() as u64),
    );
    let asked = std::time::Instant::now();
    while proxy.waiting() > 0 {
        assert!(asked.elapsed().as_secs() < 5, "C polls every second");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    a.open("/office/help?lang=en").await;
    let article = a
        .js(
            "return [...document.querySelectorAll('article.help-item')] \
             .find(x => x.querySelector('h2').innerText.includes('Is the server there?')).id",
        )
        .await;
    let article = format!("#{}", article.as_str().expect("the request's article"));
    a.fill_in(&article, "Answer", "Yes, it is back.").await;
    a.press_in(&article, "Send answer").await;
    c.sees("Answer to your help request").await;
    assert!(
        asked.elapsed() < held,
        "seen before the held poll was answered"
    );

    // Another office approves an application while A's dashboard polls, the write of
    // its company slowed (2.5 s after the decision's): A does not show "Approvals not
    // finished" for that moment between the two writes (a poll landing there showed
    // it, for about a second in an approval at full speed).
    let (_, third) = crate::peers::submitted_application_by(
        &kinto,
        &mut ctx,
        "erin@example.com",
        "Third Partner KK",
    );
    a.open("/office?lang=en").await;
    a.sees("Partner applications").await;
    proxy.next("/records/head", Fault::Late(2_500));
    let office = proxy.client.clone();
    let approving = tokio::task::spawn_blocking(move || {
        let mut other =
            onboard::store::shared::native::Peer::open(&office, OPERATOR, OPERATOR_PASSWORD)
                .unwrap();
        other
            .run(
                onboard_core::partner_commands::Approve { number: third }.into(),
                &mut ctx,
            )
            .unwrap();
    });
    let mut looked = 0;
    while !approving.is_finished() || looked < 30 {
        a.does_not_see("Approvals not finished").await;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        looked += 1;
    }
    approving.await.unwrap();
    assert_eq!(proxy.waiting(), 0, "the company's write was slowed");
    c.open("/partner/apply?lang=en").await;
    c.sees("Registration is complete.").await;
    c.sees("carol@example.com").await;
    a.finish().await;
    c.finish().await;
}

/// Holds the page's first `PUT` to the inbox 3 s before it goes (as a slow network
/// would), `window.__inbox` saying "going" meanwhile and "done" once it is answered.
const SLOW_INBOX_PUT: &str = "const f = window.fetch.bind(window); window.__inbox = 'none'; \
    window.fetch = function (req, init) { \
      const url = typeof req === 'string' ? req : req.url; \
      const method = (init && init.method) || (typeof req === 'string' ? 'GET' : req.method); \
      if (method === 'PUT' && url.includes('/collections/inbox/records/') \
          && window.__inbox === 'none') { \
        window.__inbox = 'going'; \
        return new Promise((r) => setTimeout(r, 3000)).then(() => f(req, init)) \
          .finally(() => { window.__inbox = 'done'; }); \
      } \
      return f(req, init); };";

/// Makes the page's tab storage refuse its copy of what the account read (as one too
/// big for it): leaving the page then keeps no copy.
const NO_COPY: &str = "const set = Storage.prototype.setItem; \
    Storage.prototype.setItem = function (k, v) { \
      if (k === 'onboard/shared-copy') throw new DOMException('full', 'QuotaExceededError'); \
      return set.call(this, k, v); }";

/// Leaves the page (C's tab keeps its account), then opens the help form while its
/// first read of the server is slowed, checks `meanwhile` within that time, and sends
/// `subject` before the read can end: the request is sent once the read is over.
async fn help_while_reading<'c, F: std::future::Future<Output = ()>>(
    c: &'c Browser,
    proxy: &crate::shared_support::Faulty,
    subject: &str,
    meanwhile: impl FnOnce(&'c Browser) -> F,
) {
    let slow = std::time::Duration::from_millis(6_000);
    c.leave().await;
    proxy.next_read(
        "/collections/mail/records",
        crate::shared_support::Fault::Late(slow.as_millis() as u64),
    );
    let opened = std::time::Instant::now();
    c.open("/sites/help?lang=en").await;
    c.heading_is("Help request").await;
    meanwhile(c).await;
    c.fill("Subject", subject).await;
    c.fill("Description", "Sent while the page was still reading.")
        .await;
    assert!(
        opened.elapsed() < slow,
        "sent before the first read could end"
    );
    c.press("Send help request").await;
    c.sees("Your help request was sent. Its reference comes by mail.")
        .await;
    c.does_not_see("Please sign in.").await;
    assert_eq!(proxy.waiting(), 0, "the first read was slowed");
}
