//! Shared mode in the browser: this browser's replica of what its account may read on a
//! Kinto server, commands written through to it, and the changes of others read back.
//!
//! Only [`configured`] is in the first download; everything else is a module of its
//! own (`shared`), fetched when shared mode starts or a command is sent in it.
//! Invariants:
//! * The server checks the password on every request (HTTP Basic over the account's
//!   email); the password is kept in this tab's `sessionStorage` only, never in
//!   `localStorage`, and no other person's secret ever reaches this browser.
//! * A command changes the screen only after the server took every write it made; a
//!   write over a version someone else replaced is refused by the server (412), the
//!   fresh record is taken in and the command applied again (at most 3 times).
//! * A command made while the server cannot be reached changes nothing and says so.
use super::{app, now, seed, Failure, ServerProblem};
use crate::store::shared::layout::Place;
use crate::store::shared::layout::{self, Credentials, Request};
use crate::store::shared::replica::{
    answer, batches, choice_of, collections_of, leftover, records_of, sender_of, Answer, Inbound,
    Intake, Replica, Sender, Target, Write,
};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use onboard_core::identity_commands;
use onboard_core::office_commands;
use onboard_core::partner::JoinChoice;
use onboard_core::partner_commands;
use onboard_core::partner_commands::PartnerCommand;
use onboard_core::site::SiteNumber;
use onboard_core::site_commands;
use onboard_core::site_commands::SiteCommand;
use onboard_core::text::Email;
use onboard_core::{apply, Command, Ctx, DomainError, Reply, State};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::JsCast;

/// `localStorage`: the server's URL (ending in `/v1`) while this browser is in shared mode.
pub const SERVER_KEY: &str = "onboard/server";
/// `sessionStorage`: the signed-in account (`{"email", "password"}`), for this tab only.
pub const ACCOUNT_KEY: &str = "onboard/account";
/// `sessionStorage`: this tab's copy of what its account read (`{"server", "account",
/// "at", "doc"}`, `doc` in the export format), written when the page is left, so that a
/// reload while the server cannot be reached still shows it. Kept exactly as long as
/// the tab keeps the password, never in `localStorage`.
pub const COPY_KEY: &str = "onboard/shared-copy";

/// This account's requests waiting in the inbox (to places it cannot read yet).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Asked {
    /// Access to a site: (site number, when asked).
    pub sites: Vec<(String, onboard_core::Timestamp)>,
    /// Joining a company: (its id, its name, when asked).
    pub companies: Vec<(String, String, onboard_core::Timestamp)>,
    /// Changes to one's own entry of a company: (its id, when made, whether it is kept
    /// in this browser, not sent yet).
    pub own: Vec<(String, onboard_core::Timestamp, bool)>,
}

thread_local! {
    static ASKED: ArcRwSignal<Asked> = ArcRwSignal::new(Asked::default());
    static LOADED: ArcRwSignal<bool> = ArcRwSignal::new(false);
    static TAMPERED: ArcRwSignal<Vec<Changed>> = ArcRwSignal::new(Vec::new());
}

/// An audit entry someone changed or deleted through the server's API after it was
/// written, as the office's browser learns it from the server's history.
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    /// The entry's number on the trail, if this browser has it.
    pub seq: Option<u64>,
    pub deleted: bool,
    /// The account that did it.
    pub by: String,
    pub at: onboard_core::Timestamp,
}

/// The audit entries changed after they were written (the office's audit page says
/// so); empty but for the office's browser on a server that keeps its history.
pub fn tampered() -> ArcRwSignal<Vec<Changed>> {
    TAMPERED.with(Clone::clone)
}

/// Whether everything the signed-in account reads has been read (a copy made before
/// would be partial).
pub fn loaded() -> ArcRwSignal<bool> {
    LOADED.with(Clone::clone)
}

/// This account's requests to sites and companies it cannot read, not decided yet; the
/// sites page and the join page show them. Not in the first download's state: only the
/// engine and those pages touch it.
pub fn asked() -> ArcRwSignal<Asked> {
    ASKED.with(Clone::clone)
}

/// The server this browser is connected to, if any (read at start; in the first
/// download, so it is one storage read and nothing else).
pub fn configured() -> Option<String> {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(SERVER_KEY).ok().flatten())
        .filter(|u| !u.is_empty())
}

type Running = Pin<Box<dyn Future<Output = Result<Reply, Failure>>>>;

split_point!(
    shared,
    fn start_command(cmd: Command) -> Running {
        Box::pin(command(cmd))
    }
);
split_point!(
    shared,
    fn start_resume() -> Pin<Box<dyn Future<Output = ()>>> {
        Box::pin(resumed())
    }
);
split_point!(
    shared,
    fn start_connect(url: String) -> Pin<Box<dyn Future<Output = Result<String, ServerProblem>>>> {
        Box::pin(connect_now(url))
    }
);

split_point!(
    shared,
    fn start_mail_sender(id: u64) -> Pin<Box<dyn Future<Output = Option<Sender>>>> {
        Box::pin(mail_sender_now(onboard_core::mail::MailId(id)))
    }
);

/// Which account sent mail `id`, as the server tells (one request, when the mail is
/// opened); `None` while the mail is not read from the server yet, or when the server
/// cannot be asked.
pub async fn mail_sender(id: onboard_core::mail::MailId) -> Option<Sender> {
    start_mail_sender(id.0).await.ok()?.await
}

async fn mail_sender_now(id: onboard_core::mail::MailId) -> Option<Sender> {
    let (url, auth, place, to) = with_engine(|e| {
        let to = app()
            .state
            .with_untracked(|s| s.mail(id).map(|m| m.to.clone()))?;
        Some((e.url.clone(), e.auth.clone(), e.replica.mail_place(id)?, to))
    })
    .flatten()?;
    let (status, body) = http(&url, auth.as_deref(), &Request::get(place.path()))
        .await
        .ok()?;
    (status == 200).then(|| sender_of(&body["permissions"], to.as_str()))
}

/// Runs a command in shared mode (the engine's module is fetched on the first call).
pub async fn run(cmd: Command) -> Result<Running, SplitLoaderError> {
    start_command(cmd).await
}

/// At start in shared mode: signs the tab's account in again and starts reading the
/// changes of others.
pub async fn resume() -> Result<(), SplitLoaderError> {
    start_resume().await?.await;
    Ok(())
}

/// Checks that `url` answers as a Kinto server with accounts and connects this browser
/// to it (the page reloads into shared mode). Returns the normalised URL.
pub async fn connect(url: String) -> Result<String, ServerProblem> {
    match start_connect(url).await {
        Ok(f) => f.await,
        Err(_) => Err(ServerProblem::Unreachable),
    }
}

/// Leaves shared mode: this browser forgets the server and the account and shows its
/// own local data again (which shared mode never touched).
pub fn leave() {
    if let Some(s) = window().local_storage().ok().flatten() {
        let _ = s.remove_item(SERVER_KEY);
    }
    forget_account();
    let _ = window().location().reload();
}

// ----- the engine (module `shared`) ------------------------------------------------

struct Engine {
    url: String,
    /// `Basic ...` for the signed-in account.
    auth: Option<String>,
    email: Option<Email>,
    office: bool,
    replica: Replica,
    /// The newest version seen in each collection (for `_since`).
    since: BTreeMap<String, u64>,
    /// The server keeps a change feed ([`layout::has_feed`]), said at sign-in.
    feed_kept: bool,
    /// The office's browser following that feed: the newest entry seen. A poll then
    /// lists only the inbox and collections not read yet, whatever the number of sites
    /// and companies.
    feed: Option<u64>,
    /// A command is being written: the poller waits.
    busy: bool,
    /// Part of a command was written, the rest not: the next poll reads everything
    /// again (this replica took those writes, so their records would not come back).
    resync: bool,
    /// Everything readable was read since the account signed in.
    loaded: bool,
    /// The tab's account, kept while the server cannot be reached, to sign in again.
    saved: Option<(String, String)>,
    /// The inbox records of a kept request being sent this moment ([`send_unsent`]):
    /// a withdrawal of it waits for that send, then withdraws it on the server.
    sending: Vec<Place>,
}

thread_local! {
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
    /// A poll is under way (a slow one is never overlapped by the next tick).
    static IN_POLL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static POLLING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// When (`performance.now()`) the last poll began.
    static LAST_POLL: std::cell::Cell<f64> = const { std::cell::Cell::new(f64::NEG_INFINITY) };
    /// Where the start stands (see [`resumed`]).
    static START: RefCell<Start> = const { RefCell::new(Start::NotYet) };
}

/// The start of shared mode in this page: signing the tab's account in again and
/// reading what it may read.
enum Start {
    NotYet,
    /// Under way; each of these is told when it is over.
    Running(Vec<futures::channel::oneshot::Sender<()>>),
    Over,
}

/// The start, begun by the first call (the mount's, or a command sent before it ran);
/// every other call waits until it is over. A command waits for it: sent before the
/// account's data is read, it would be checked against a state without it ("Please
/// sign in." under a header that names the account).
async fn resumed() {
    enum Part {
        Run,
        Wait(futures::channel::oneshot::Receiver<()>),
        None,
    }
    let part = START.with(|s| {
        let mut s = s.borrow_mut();
        match &mut *s {
            Start::NotYet => {
                *s = Start::Running(Vec::new());
                Part::Run
            }
            Start::Running(told) => {
                let (tell, wait) = futures::channel::oneshot::channel();
                told.push(tell);
                Part::Wait(wait)
            }
            Start::Over => Part::None,
        }
    });
    match part {
        Part::Run => {
            resume_now().await;
            let told = START.with(|s| std::mem::replace(&mut *s.borrow_mut(), Start::Over));
            if let Start::Running(told) = told {
                for tell in told {
                    let _ = tell.send(());
                }
            }
        }
        // Over when told (or when the start was dropped, which a spawned task never is).
        Part::Wait(wait) => {
            let _ = wait.await;
        }
        Part::None => {}
    }
}

fn with_engine<R>(f: impl FnOnce(&mut Engine) -> R) -> Option<R> {
    ENGINE.with(|e| e.borrow_mut().as_mut().map(f))
}

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// Forgets the tab's account: its password and its copy of what it read.
fn forget_account() {
    if let Some(s) = session() {
        let _ = s.remove_item(ACCOUNT_KEY);
        let _ = s.remove_item(COPY_KEY);
    }
}

/// Normalises what a person typed: `https://host/` or `host:8888` -> `.../v1`.
fn normalise(url: &str) -> Option<String> {
    let url = url.trim().trim_end_matches('/');
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    let url = if url.starts_with("http://") || url.starts_with("https://") {
        url.to_string()
    } else {
        format!("http://{url}")
    };
    Some(if url.ends_with("/v1") {
        url
    } else {
        format!("{url}/v1")
    })
}

/// Sends `req`; a `GET` of a listing reads every page of it ([`layout::next_page`]),
/// or answers the first refusal of one. `Err` when the server cannot be reached (or
/// CORS refused it).
async fn http(url: &str, auth: Option<&str>, req: &Request) -> Result<(u16, Value), ()> {
    let (status, mut body, mut next) = http_once(url, auth, req).await?;
    if status != 200 || req.method != "GET" {
        return Ok((status, body));
    }
    let mut asked = req.path.clone();
    while let Some(path) = layout::next_page(&asked, next.as_deref()) {
        let (page_status, page, more) = http_once(url, auth, &Request::get(path.clone())).await?;
        if page_status != 200 {
            return Ok((page_status, page));
        }
        layout::add_page(&mut body, page);
        (next, asked) = (more, path);
    }
    Ok((status, body))
}

/// One request: its status, JSON body and `Next-Page` header.
async fn http_once(
    url: &str,
    auth: Option<&str>,
    req: &Request,
) -> Result<(u16, Value, Option<String>), ()> {
    let init = web_sys::RequestInit::new();
    init.set_method(req.method);
    // Never from the HTTP cache: Kinto's ETag of a listing does not change when the
    // reader's groups do (a collection newly readable would stay unseen behind a 304).
    init.set_cache(web_sys::RequestCache::NoStore);
    let headers = web_sys::Headers::new().map_err(|_| ())?;
    let _ = headers.set("Accept", "application/json");
    let own;
    let auth = match &req.credentials {
        Credentials::Session => auth,
        Credentials::Anonymous => None,
        Credentials::Account(id, password) => {
            own = basic(id, password);
            Some(own.as_str())
        }
    };
    if let Some(a) = auth {
        let _ = headers.set("Authorization", a);
    }
    if req.create_only {
        let _ = headers.set("If-None-Match", "*");
    }
    if let Some(v) = req.if_match {
        let _ = headers.set("If-Match", &format!("\"{v}\""));
    }
    if let Some(body) = &req.body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&wasm_bindgen::JsValue::from_str(&body.to_string()));
    }
    init.set_headers(&headers);
    let controller = web_sys::AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    let request = web_sys::Request::new_with_str_and_init(&format!("{url}{}", req.path), &init)
        .map_err(|_| ())?;
    let fetched = wasm_bindgen_futures::JsFuture::from(window().fetch_with_request(&request));
    // A read not answered in time counts as unreachable, and is abandoned (a poll
    // stuck on it would hold every later poll back; a start, every command).
    let answered = if req.method == "GET" {
        let late = Box::pin(sleep(layout::READ_WAIT_MS));
        match futures::future::select(fetched, late).await {
            futures::future::Either::Left((answered, _)) => answered,
            futures::future::Either::Right(_) => {
                if let Some(c) = controller {
                    c.abort();
                }
                return Err(());
            }
        }
    } else {
        fetched.await
    };
    let response: web_sys::Response = answered.map_err(|_| ())?.dyn_into().map_err(|_| ())?;
    let status = response.status();
    let next = response.headers().get("Next-Page").ok().flatten();
    let text = match response.text() {
        Ok(p) => wasm_bindgen_futures::JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok((
        status,
        serde_json::from_str(&text).unwrap_or(Value::Null),
        next,
    ))
}

fn set_problem(p: Option<ServerProblem>) {
    app().sync.update(|s| {
        s.problem = p;
        if p.is_none() {
            s.synced = Some(now());
        }
    });
}

async fn connect_now(url: String) -> Result<String, ServerProblem> {
    let url = normalise(&url).ok_or(ServerProblem::NotKinto)?;
    let (status, body) = http(&url, None, &Request::get("/".into()))
        .await
        .map_err(|_| ServerProblem::Unreachable)?;
    let kinto = status == 200
        && body["project_name"]
            .as_str()
            .is_some_and(|n| n.eq_ignore_ascii_case("kinto"))
        && body["capabilities"]["accounts"].is_object();
    if !kinto {
        return Err(ServerProblem::NotKinto);
    }
    let storage = window()
        .local_storage()
        .ok()
        .flatten()
        .ok_or(ServerProblem::Failed)?;
    storage
        .set_item(SERVER_KEY, &url)
        .map_err(|_| ServerProblem::Failed)?;
    forget_account();
    Ok(url)
}

async fn resume_now() {
    let Some(url) = configured() else { return };
    ENGINE.with(|e| {
        *e.borrow_mut() = Some(Engine {
            url,
            auth: None,
            email: None,
            office: false,
            replica: Replica::default(),
            since: BTreeMap::new(),
            feed_kept: false,
            feed: None,
            busy: false,
            resync: false,
            loaded: false,
            saved: None,
            sending: Vec::new(),
        })
    });
    let saved = session()
        .and_then(|s| s.get_item(ACCOUNT_KEY).ok().flatten())
        .and_then(|raw| serde_json::from_str::<Value>(&raw).ok());
    if let Some(saved) = saved {
        let (email, password) = (
            saved["email"].as_str().unwrap_or_default().to_string(),
            saved["password"].as_str().unwrap_or_default().to_string(),
        );
        // Signed in as far as this tab knows: its copy of what the account read is shown
        // at once (a reload shows the page as it was, not a signed-out page until the
        // server is read); the server's data replaces it when read. Commands wait
        // meanwhile ([`resumed`]).
        let office = saved["office"] == json!(true);
        let show_copy = async {
            if let Ok(parsed) = Email::parse(&email) {
                app().sync.update(|s| {
                    s.account = Some((parsed.clone(), office));
                    s.unread = true;
                });
                with_engine(|e| {
                    e.email = Some(parsed);
                    e.office = office;
                });
                restore_copy(&email);
            }
        };
        // The sign-in's request goes first (`join` polls it first); the copy is read
        // while it is on its way, and shown before anything of the server can be.
        let (signed_in, ()) = futures::future::join(sign_in(&email, &password), show_copy).await;
        match signed_in {
            Ok(()) => flush().await,
            // The copy stays; signed in again at the next poll.
            Err(Failure::Server(p)) => {
                with_engine(|e| e.saved = Some((email, password)));
                set_problem(Some(p));
            }
            // The password was changed elsewhere: nothing of the copy stays.
            Err(_) => sign_out(),
        }
    } else {
        set_problem(None);
    }
    show_waiting();
    keep_copy_on_leaving();
    start_polling();
}

/// Keeps this tab's copy when the page is left (a reload, say), if everything was read.
fn keep_copy_on_leaving() {
    use wasm_bindgen::closure::Closure;
    let save = Closure::<dyn Fn()>::new(|| {
        let Some((server, Some(account), true)) =
            with_engine(|e| (e.url.clone(), e.email.clone(), e.loaded))
        else {
            return;
        };
        let Some(s) = session() else { return };
        let at = now();
        let doc = app()
            .state
            .with_untracked(|state| crate::store::Store::export_state(state, at));
        // The copy shows the waiting changes made so far; later ones go on top of it.
        let copy = json!({"server": server, "account": account.as_str(), "at": at.0,
            "waiting": waiting(), "doc": doc});
        // Too big for the tab's storage: no copy rather than an old one.
        if s.set_item(COPY_KEY, &copy.to_string()).is_err() {
            let _ = s.remove_item(COPY_KEY);
        }
    });
    let _ = window().add_event_listener_with_callback("pagehide", save.as_ref().unchecked_ref());
    save.forget();
}

/// After a start without the server: shows this tab's copy of what `email` read on
/// this server (the header says how old it is), so that the person keeps working; a
/// change made now waits in the outbox as usual.
fn restore_copy(email: &str) {
    let Some(copy) = session()
        .and_then(|s| s.get_item(COPY_KEY).ok().flatten())
        .and_then(|raw| serde_json::from_str::<Value>(&raw).ok())
    else {
        return;
    };
    let server = with_engine(|e| e.url.clone());
    if copy["account"] != json!(email) || server.is_none_or(|u| copy["server"] != json!(u)) {
        return;
    }
    let Some(doc) = copy["doc"].as_str() else {
        return;
    };
    if let Ok(state) = crate::ui::with_store(|s| s.parse_import(doc)) {
        // The requests kept in this browser show as asked.
        let kept = kept_asks();
        with_engine(|e| e.replica.keep_asks(kept));
        show_asked();
        let shown = copy["waiting"].as_u64().unwrap_or(0) as usize;
        show_with_waiting(state, shown);
        let at = onboard_core::Timestamp(copy["at"].as_i64().unwrap_or(0));
        app().sync.update(|s| {
            s.synced = Some(at);
            s.unread = false;
        });
    }
}

/// Shows `state` with the effect of what waits in the outbox, but its first `shown`
/// entries (already in it).
fn show_with_waiting(mut state: State, shown: usize) {
    for q in outbox().into_iter().filter(mine).skip(shown) {
        if let Ok(cmd) = serde_json::from_value::<Command>(q["cmd"].clone()) {
            let ctx = Ctx::new(now(), seed());
            if let Ok(out) = apply(&state, &actor_now(&state), cmd, &ctx) {
                state = out.state;
            }
        }
    }
    app().state.set(state);
}

fn basic(email: &str, password: &str) -> String {
    format!(
        "Basic {}",
        layout::base64(format!("{email}:{password}").as_bytes())
    )
}

/// Signs an account in (the server checks the password) and reads what it may read.
async fn sign_in(email: &str, password: &str) -> Result<(), Failure> {
    let url = with_engine(|e| e.url.clone()).ok_or(Failure::Server(ServerProblem::Failed))?;
    let email = Email::parse(email).map_err(|_| Failure::Domain(DomainError::BadCredentials))?;
    let auth = basic(email.as_str(), password);
    let (user, feed_kept) = hello(&url, &email, password)
        .await?
        .ok_or(Failure::Domain(DomainError::BadCredentials))?;
    let office = user["principals"]
        .as_array()
        .is_some_and(|p| p.contains(&json!(layout::group(layout::OFFICE_GROUP))));
    remember_account(&email, password, office);
    with_engine(|e| {
        e.auth = Some(auth);
        e.email = Some(email.clone());
        e.office = office;
        // The office only (it reads the whole bucket): for anyone else Kinto filters
        // the feed entry by entry, a cost that grows with every change ever made to
        // what they read, while they read only a few collections.
        e.feed_kept = feed_kept && office;
    });
    app().sync.update(|s| s.account = Some((email, office)));
    load().await
}

/// The server's view of `email` signed in with `password`: its `user` (id and
/// principals) and whether it keeps a change feed, or `None` if the server does not
/// take that password. Any other answer (a 502 or 503 of a server being restarted, say)
/// says nothing of the password: the server is not there for now.
async fn hello(url: &str, email: &Email, password: &str) -> Result<Option<(Value, bool)>, Failure> {
    let auth = basic(email.as_str(), password);
    let unavailable = || Failure::Server(ServerProblem::Unreachable);
    let (status, body) = http(url, Some(&auth), &Request::get("/".into()))
        .await
        .map_err(|_| unavailable())?;
    match status {
        200 => {
            let me = body["user"]["id"] == json!(layout::account(email.as_str()));
            Ok(me.then(|| (body["user"].clone(), layout::has_feed(&body))))
        }
        401 | 403 => Ok(None),
        _ => Err(unavailable()),
    }
}

/// Keeps the tab's account (for this tab only: `sessionStorage`).
fn remember_account(email: &Email, password: &str, office: bool) {
    if let Some(s) = session() {
        let saved = json!({"email": email.as_str(), "password": password, "office": office});
        let _ = s.set_item(ACCOUNT_KEY, &saved.to_string());
    }
}

/// Reads everything the account may read into a fresh replica.
async fn load() -> Result<(), Failure> {
    let (url, auth, feed_kept) = with_engine(|e| (e.url.clone(), e.auth.clone(), e.feed_kept))
        .ok_or(Failure::Server(ServerProblem::Failed))?;
    let unreachable = |_| Failure::Server(ServerProblem::Unreachable);
    // A load is a read of everything: the next poll is due from now.
    LAST_POLL.with(|l| l.set(super::perf_now()));
    // Where the feed stands before anything is read: what changes while the load reads
    // comes with the next poll (and what the load read already is not taken twice).
    let feed = if feed_kept {
        match http_once(&url, auth.as_deref(), &layout::feed_start()).await {
            Ok((200, body, _)) => Some(crate::store::shared::replica::newest_entry(&body)),
            Ok(_) => None,
            Err(()) => return Err(Failure::Server(ServerProblem::Unreachable)),
        }
    } else {
        None
    };
    let bucket = format!("/buckets/{}/collections", layout::BUCKET);
    let (_, listing) = http(&url, auth.as_deref(), &Request::get(bucket.clone()))
        .await
        .map_err(unreachable)?;
    // Every collection at once (loopback or not, the requests overlap), and beside
    // them, for the office, which audit entries were changed after they were written
    // (a scan of the server's history: 220 ms at 300,000 entries).
    let collections = collections_of(&listing);
    let reads = futures::future::join_all(collections.iter().map(|c| {
        let path = format!("{bucket}/{c}/records");
        let (url, auth) = (url.clone(), auth.clone());
        async move { http(&url, auth.as_deref(), &Request::get(path)).await }
    }));
    let audit_changes = async {
        match feed {
            Some(_) => Some(http(&url, auth.as_deref(), &layout::audit_changes()).await),
            None => None,
        }
    };
    let (answers, audit_changes) = futures::future::join(reads, audit_changes).await;
    let mut records = Vec::new();
    let mut since = BTreeMap::new();
    for (c, answer) in collections.into_iter().zip(answers) {
        let (status, body) = answer.map_err(unreachable)?;
        if status == 200 {
            let got: Vec<_> = records_of(&c, &body)
                .into_iter()
                .filter_map(|(_, r)| r)
                .collect();
            since.insert(c, got.iter().map(|r| r.version).max().unwrap_or(0));
            records.extend(got);
        }
    }
    // The office: audit entries changed after they were written, as first written.
    let mut changed = Vec::new();
    if let Some(answer) = audit_changes {
        use crate::store::shared::replica::{as_written, tampering, with_audit_as_written};
        let (_, listing) = answer.map_err(unreachable)?;
        changed = tampering(&listing);
        let ids = changed.iter().map(|t| t.place.record.clone());
        for req in layout::audit_as_written(ids) {
            let (_, listing) = http(&url, auth.as_deref(), &req)
                .await
                .map_err(unreachable)?;
            with_audit_as_written(&mut records, as_written(&listing));
        }
    }
    let (mut replica, state, _skipped) = Replica::load(records);
    replica.note_tampering(changed);
    replica.keep_asks(kept_asks());
    show_tampered(replica.tampered());
    with_engine(|e| {
        e.replica = replica;
        e.since = since;
        e.feed = feed;
        e.loaded = true;
        e.saved = None;
    });
    app().state.set(state);
    app().sync.update(|s| s.unread = false);
    set_problem(None);
    loaded().set(true);
    show_asked();
    Ok(())
}

/// Tells the audit page which entries were changed after they were written.
fn show_tampered(found: Vec<(Option<u64>, crate::store::shared::replica::Tampered)>) {
    let all: Vec<Changed> = found
        .into_iter()
        .map(|(seq, t)| Changed {
            seq,
            deleted: t.deleted,
            by: t.by,
            at: onboard_core::Timestamp(t.at as i64),
        })
        .collect();
    if tampered().with_untracked(|now| *now != all) {
        tampered().set(all);
    }
}

/// Reads what others changed since the last look (every second in a visible tab,
/// every `HIDDEN_POLL_MS` in a hidden one, and at once when the tab is shown or
/// focused).
async fn poll() {
    struct Running;
    impl Drop for Running {
        fn drop(&mut self) {
            IN_POLL.with(|p| p.set(false));
        }
    }
    if IN_POLL.with(|p| p.replace(true)) {
        return;
    }
    let _running = Running;
    LAST_POLL.with(|l| l.set(super::perf_now()));
    // After a start without the server: sign in again, then send what waits.
    let retry =
        with_engine(|e| (!e.busy && !e.loaded).then(|| e.saved.clone()).flatten()).flatten();
    if let Some((email, password)) = retry {
        if sign_in(&email, &password).await.is_ok() {
            flush().await;
        }
        return;
    }
    if waiting() + unsent_count() > 0 {
        flush().await;
    }
    // After a command written in part: everything again, to show that part.
    if with_engine(|e| e.resync && !e.busy).unwrap_or(false) {
        if load().await.is_ok() {
            with_engine(|e| e.resync = false);
        }
        return;
    }
    let Some((url, auth, since)) = with_engine(|e| {
        (!e.busy && e.auth.is_some()).then(|| (e.url.clone(), e.auth.clone(), e.since.clone()))
    })
    .flatten() else {
        return;
    };
    let bucket = format!("/buckets/{}/collections", layout::BUCKET);
    let Ok((_, listing)) = http(&url, auth.as_deref(), &Request::get(bucket)).await else {
        return set_problem(Some(ServerProblem::Unreachable));
    };
    // With the server's change feed, only the inbox (read whole) and the collections
    // not read yet (newly readable) are listed; the feed brings every other change.
    let feed = with_engine(|e| e.feed).flatten();
    let collections: Vec<String> = collections_of(&listing)
        .into_iter()
        .filter(|c| feed.is_none() || c == "inbox" || !since.contains_key(c))
        .collect();
    let listed = futures::future::join_all(collections.iter().map(|c| {
        let read = layout::poll_read(c, since.get(c).copied());
        let (url, auth) = (url.clone(), auth.clone());
        async move { http(&url, auth.as_deref(), &read).await }
    }));
    let fed = async {
        match feed {
            Some(n) => Some(http(&url, auth.as_deref(), &layout::feed_since(n)).await),
            None => None,
        }
    };
    let (answers, fed) = futures::future::join(listed, fed).await;
    let fed = match fed {
        None => None,
        Some(Ok((200, body))) => Some(body),
        // The server stopped keeping its feed (a host changed its settings): every
        // collection again from the next poll, each from where it was last read.
        Some(Ok(_)) => {
            with_engine(|e| e.feed = None);
            None
        }
        Some(Err(())) => return set_problem(Some(ServerProblem::Unreachable)),
    };
    let mut changes = Vec::new();
    let mut newest = BTreeMap::new();
    for (c, answer) in collections.into_iter().zip(answers) {
        let Ok((status, body)) = answer else {
            return set_problem(Some(ServerProblem::Unreachable));
        };
        if status != 200 {
            continue;
        }
        let mut got = records_of(&c, &body);
        if c == "inbox" {
            got = with_engine(|e| e.replica.inbox_listing(got.clone())).unwrap_or(got);
        }
        let top = got
            .iter()
            .filter_map(|(_, r)| r.as_ref().map(|r| r.version))
            .chain(since.get(&c).copied())
            .max()
            .unwrap_or(0);
        newest.insert(c, top);
        changes.extend(got);
    }
    if !changes.is_empty() || fed.is_some() {
        let mut state = app().state.get_untracked();
        let changed = with_engine(|e| {
            if e.busy {
                return false;
            }
            let mut changes = changes;
            if let Some(body) = &fed {
                let (more, top) = e.replica.feed(body);
                changes.extend(more);
                e.feed = e.feed.map(|n| n.max(top));
            }
            let any = !changes.is_empty() && e.replica.absorb_all(&mut state, changes);
            e.since.extend(newest.clone());
            any
        })
        .unwrap_or(false);
        if changed {
            app().state.set(state);
        }
        if fed.is_some() {
            if let Some(found) = with_engine(|e| e.replica.tampered()) {
                show_tampered(found);
            }
        }
    } else {
        with_engine(|e| e.since.extend(newest));
    }
    set_problem(None);
    show_asked();
    take_in().await;
    publish().await;
}

/// Publishes the directory entries of the companies this account manages that this
/// browser has not written since it loaded (so a token opens its company, also one
/// made by an earlier build).
async fn publish() {
    let Some((url, auth, writes)) = with_engine(|e| {
        let me = e.email.clone()?;
        let state = app().state.get_untracked();
        let writes = e.replica.unpublished(&state, &me, e.office);
        (!e.busy && !writes.is_empty()).then(|| (e.url.clone(), e.auth.clone(), writes))
    })
    .flatten() else {
        return;
    };
    // Tried once per load whatever the answer (a server provisioned before `tokens`
    // existed refuses it every time; `make shared` adds the collection).
    for w in writes {
        if http(&url, auth.as_deref(), &w.request).await.is_ok() {
            with_engine(|e| e.replica.wrote(&w.target, 0));
        }
    }
}

/// Whether this replica reads the company `token` opens.
fn opens_readable(token: &str) -> bool {
    onboard_core::partner::CompanyToken::parse(token)
        .ok()
        .is_some_and(|t| {
            app()
                .state
                .with_untracked(|s| s.company_by_token(&t).is_some())
        })
}

/// What `token` opens, asked of the server as the token's account: `None` if nothing.
async fn look_up(url: &str, token: &str) -> Result<Option<JoinChoice>, Failure> {
    let canonical = onboard_core::partner::CompanyToken::parse(token)
        .map(|t| t.as_str().to_string())
        .unwrap_or_default();
    let (status, body) = http(url, None, &layout::directory_lookup(&canonical))
        .await
        .map_err(|_| Failure::Server(ServerProblem::Unreachable))?;
    Ok(choice_of(status, &body))
}

/// A token for a company this account cannot read: the core's checks (signed in, not
/// locked, well formed), then the server's (the token's account opens its company's
/// entry). A token that opens nothing is counted by the core's `CheckToken`, as in
/// local mode.
async fn check_token(token: String) -> Result<Reply, Failure> {
    let state = app().state.get_untracked();
    let actor = actor_now(&state);
    let me = actor
        .person()
        .and_then(|id| state.identity(id))
        .ok_or(Failure::Domain(DomainError::NotSignedIn))?;
    onboard_core::partner_commands::token_ready(&state, me, &token, now())
        .map_err(Failure::Domain)?;
    let url = with_engine(|e| e.url.clone()).ok_or(Failure::Server(ServerProblem::Failed))?;
    match look_up(&url, &token).await? {
        Some(choice) => Ok(Reply::TokenAccepted { choice }),
        None => write_through(partner_commands::CheckToken { token }.into()).await,
    }
}

/// Asks to join the company `token` opens, which this account cannot read: the
/// request goes to the inbox, for the company's admins (or the office) to take in.
async fn join(
    token: String,
    location: u32,
    profile: onboard_core::partner_commands::ProfileInput,
) -> Result<Reply, Failure> {
    let (url, _, _) = signed_in_account()?;
    let Some(choice) = look_up(&url, &token).await? else {
        return write_through(partner_commands::CheckToken { token }.into()).await;
    };
    put_in_inbox(Reply::JoinPending, |r, state, me, ctx, nonce| {
        r.join(
            state, me, &choice, &token, location, &profile, ctx.now, nonce,
        )
    })
    .await
}

/// Whether this account writes the company `c` (an own-entry command) names: one of its
/// APAs or PRCs, or the office.
fn writes_company(c: &PartnerCommand) -> bool {
    let (PartnerCommand::UpdateMyProfile(partner_commands::UpdateMyProfile { company, .. })
    | PartnerCommand::ConfirmProfile(partner_commands::ConfirmProfile { company })) = c
    else {
        return true;
    };
    with_engine(|e| {
        e.office
            || e.email.as_ref().is_some_and(|me| {
                app().state.with_untracked(|s| {
                    s.company(company)
                        .is_some_and(|c| crate::store::shared::replica::manages_company(c, me))
                })
            })
    })
    .unwrap_or(true)
}

/// A plain employee's change to their own entry: checked by the core, then put in the
/// company's inbox for an administrator's browser to apply (see [`take_in`]).
async fn ask_own(c: PartnerCommand) -> Result<Reply, Failure> {
    put_in_inbox(Reply::ProfileQueued, |r, state, me, ctx, nonce| {
        r.ask_own(state, me, c, ctx, nonce)
    })
    .await
}

/// A help request from someone signed in who is not the office: checked by the core,
/// then put in the inbox for the office's browser to take in (see [`take_in`]).
async fn ask_help(subject: &str, site: &str, description: &str) -> Result<Reply, Failure> {
    put_in_inbox(Reply::HelpQueued, |r, state, me, ctx, nonce| {
        r.ask_help(state, me, subject, site, description, ctx, nonce)
    })
    .await
}

/// A help request from someone signed out (name, email, subject, site, description as
/// typed, and the page's language): checked by the core, then put in the inbox for the
/// office as a one-time account (see `Replica::ask_desk`).
async fn ask_desk(help: site_commands::Help) -> Result<Reply, Failure> {
    let ctx = Ctx::new(now(), seed());
    let nonce = ctx.random_hex(6);
    let state = app().state.get_untracked();
    let url = with_engine(|e| e.url.clone()).ok_or(Failure::Server(ServerProblem::Failed))?;
    let (_, [account, request], _) =
        with_engine(|e| e.replica.ask_desk(&state, help, &ctx, &nonce))
            .ok_or(Failure::Server(ServerProblem::Failed))?
            .map_err(Failure::Domain)?;
    sent_to_inbox(http(&url, None, &account).await)?;
    sent_to_inbox(http(&url, None, &request).await).map(|_| Reply::HelpQueued)
}

/// What became of a record put in the inbox: its version, or why not.
fn sent_to_inbox(answer: Result<(u16, Value), ()>) -> Result<u64, Failure> {
    match answer.map_err(|_| Failure::Server(ServerProblem::Unreachable))? {
        (200 | 201, body) => Ok(body["data"]["last_modified"].as_u64().unwrap_or(0)),
        (401 | 403, _) => Err(Failure::Server(ServerProblem::Refused)),
        _ => Err(Failure::Server(ServerProblem::Failed)),
    }
}

/// The server, the credentials and the email of the signed-in account. Until the
/// server has taken the tab's account again (a start without the server shows the
/// tab's copy, and the next poll signs in again), it is "unreachable": a request
/// sent meanwhile would go without the account's credentials.
fn signed_in_account() -> Result<(String, Option<String>, Email), Failure> {
    match tab_account()? {
        (url, auth, email, true) => Ok((url, auth, email)),
        _ => Err(Failure::Server(ServerProblem::Unreachable)),
    }
}

/// The server, the credentials and the email of the tab's account, and whether the
/// server has taken it again (its data was read).
fn tab_account() -> Result<(String, Option<String>, Email, bool), Failure> {
    let (url, auth, email, loaded) =
        with_engine(|e| (e.url.clone(), e.auth.clone(), e.email.clone(), e.loaded))
            .ok_or(Failure::Server(ServerProblem::Failed))?;
    let email = email.ok_or(Failure::Domain(DomainError::NotSignedIn))?;
    Ok((url, auth, email, loaded))
}

/// The replica's request (`make`, from this replica, its state, the signed-in email,
/// the command's context and a nonce: the core's checks, then the record) put in the
/// inbox and remembered as this account's; `reply` once the server took it.
async fn put_in_inbox(
    reply: Reply,
    make: impl FnOnce(
        &Replica,
        &State,
        &Email,
        &Ctx,
        &str,
    ) -> Result<(Place, Request, Inbound), DomainError>,
) -> Result<Reply, Failure> {
    let ctx = Ctx::new(now(), seed());
    let nonce = ctx.random_hex(6);
    let state = app().state.get_untracked();
    // Before the tab has signed in again (its data not read yet) the request is kept.
    let (url, auth, email, loaded) = tab_account()?;
    let unread = !loaded;
    let made = with_engine(|e| make(&e.replica, &state, &email, &ctx, &nonce))
        .ok_or(Failure::Server(ServerProblem::Failed))?;
    let (place, request, asked) = match made {
        Ok(made) => made,
        // Before the account's data was read (and with no copy of it), the rules
        // cannot tell: the server is what is missing.
        Err(DomainError::NotSignedIn) if unread => {
            return Err(Failure::Server(ServerProblem::Unreachable))
        }
        Err(e) => return Err(Failure::Domain(e)),
    };
    // Not signed in again yet (a start without the server), or the server cannot be
    // reached: kept, and sent when it is back.
    if unread {
        return keep_request(place, &request, asked);
    }
    let version = match http(&url, auth.as_deref(), &request).await {
        Err(()) => return keep_request(place, &request, asked),
        answer => sent_to_inbox(answer)?,
    };
    with_engine(|e| e.replica.asked_now(place, version, asked));
    show_asked();
    Ok(reply)
}

/// Keeps a request for the inbox the server could not be sent (with the entries of
/// [`keep_unsent`], marked `"asked"`) and shows it as asked; `Reply::RequestKept`.
/// Storage that cannot keep it: "unreachable", nothing changed.
fn keep_request(place: Place, request: &Request, asked: Inbound) -> Result<Reply, Failure> {
    let unreachable = || Failure::Server(ServerProblem::Unreachable);
    let kept = request.to_kept().ok_or_else(unreachable)?;
    let (server, account) =
        with_engine(|e| (e.url.clone(), e.email.clone())).ok_or_else(unreachable)?;
    let mut all = unsent();
    all.push(json!({
        "server": server,
        "account": account.map(|a| a.to_string()),
        "requests": [kept],
        "asked": true,
    }));
    save_unsent(&all).map_err(|_| unreachable())?;
    with_engine(|e| e.replica.asked_now(place, 0, asked));
    set_problem(Some(ServerProblem::Unreachable));
    show_asked();
    show_waiting();
    Ok(Reply::RequestKept)
}

/// This account's requests kept in this browser: where each goes, what it asks. Every
/// load, and a start on this tab's copy, puts them in the replica
/// ([`Replica::keep_asks`]), so that they show as asked and asking again is refused.
/// (Read before the engine is borrowed: [`mine`] reads it.)
fn kept_asks() -> Vec<(Place, Inbound)> {
    unsent()
        .iter()
        .filter(|q| kept_here(q))
        .flat_map(|entry| entry["requests"].as_array().cloned().unwrap_or_default())
        .filter_map(|kept| Replica::kept_ask(&Request::from_kept(&kept)?))
        .collect()
}

/// Drops the kept request that writes `place` (withdrawn before it was sent).
fn drop_kept(place: &Place) {
    let path = place.path();
    let mut all = unsent();
    all.retain(|q| {
        !(kept_here(q)
            && q["requests"]
                .as_array()
                .is_some_and(|r| r.iter().any(|k| k["path"] == json!(path))))
    });
    let _ = save_unsent(&all);
}

/// Whether this replica reads the site numbered `site`.
fn readable(site: &str) -> bool {
    SiteNumber::parse(site)
        .ok()
        .is_some_and(|n| app().state.with_untracked(|s| s.site(&n).is_some()))
}

/// Withdraws this account's waiting request to the site or company `to`: its inbox
/// record is marked, and a decider's browser applies the withdrawal as the asker.
async fn withdraw(to: &str) -> Result<Reply, Failure> {
    // Kept, and on its way to the server this moment: it cannot be called back, so
    // the withdrawal waits for it and then marks it there (dropping it here would
    // leave it on the server, waiting for a decision).
    while with_engine(|e| {
        let me = e.email.as_ref()?;
        let place = e.replica.kept_to(me, to)?;
        Some(e.sending.contains(&place))
    })
    .flatten()
    .unwrap_or(false)
    {
        sleep(50).await;
    }
    // Kept in this browser, not sent yet: it is simply not sent.
    let kept = with_engine(|e| {
        let me = e.email.clone()?;
        let place = e.replica.kept_to(&me, to)?;
        e.replica.forget_kept(&place);
        Some(place)
    })
    .flatten();
    if let Some(place) = kept {
        drop_kept(&place);
        show_asked();
        show_waiting();
        return Ok(Reply::Withdrawn);
    }
    put_in_inbox(Reply::Withdrawn, |r, _, me, ctx, _| {
        r.withdraw(me, to, ctx.now)
    })
    .await
}

/// Asks for access to a site this account cannot read: a record of the inbox that the
/// site's writers read; one of their browsers takes it in (see [`take_in`]).
async fn ask(site: &str, customer: &str, message: &str) -> Result<Reply, Failure> {
    put_in_inbox(Reply::RequestSent, |r, state, me, ctx, nonce| {
        r.ask(state, me, site, customer, message, ctx.now, nonce)
    })
    .await
}

/// The account's own requests still in the inbox, for the sites page.
fn show_asked() {
    let asked = with_engine(|e| {
        e.email.as_ref().map(|m| Asked {
            sites: e.replica.asked(m),
            companies: e.replica.joining(m),
            own: e.replica.own_waiting(m),
        })
    })
    .flatten()
    .unwrap_or_default();
    let shown = self::asked();
    if shown.with_untracked(|s| *s != asked) {
        shown.set(asked);
    }
}

/// As one of a site's writers (or the office): takes in the access requests its inbox
/// holds, each applied as the person who asked at the time they asked; one the rules
/// refuse (numbers that do not match, asked already) or that names someone other than
/// its creator is deleted, as is one decided already.
async fn take_in() {
    let Some((url, auth, email, office)) = with_engine(|e| {
        (!e.busy)
            .then(|| Some((e.url.clone(), e.auth.clone(), e.email.clone()?, e.office)))
            .flatten()
    })
    .flatten() else {
        return;
    };
    let state = app().state.get_untracked();
    let places = with_engine(|e| e.replica.to_take_in(&state, &email, office)).unwrap_or_default();
    for place in places {
        let Ok((200, body)) = http(&url, auth.as_deref(), &Request::get(place.path())).await else {
            continue;
        };
        let permissions = body["permissions"].clone();
        let state = app().state.get_untracked();
        match with_engine(|e| e.replica.take_in(&state, &place, &permissions)) {
            Some(Intake::Apply { .. }) => {
                if let Err(Sent::Failed(Failure::Domain(_))) =
                    send_with(None, Some((&place, &permissions))).await
                {
                    drop_request(&url, auth.as_deref(), &place).await;
                }
            }
            Some(Intake::Drop) => drop_request(&url, auth.as_deref(), &place).await,
            _ => {}
        }
    }
}

async fn drop_request(url: &str, auth: Option<&str>, place: &Place) {
    let Some(w) = with_engine(|e| e.replica.drop_request(place)).flatten() else {
        return;
    };
    if let Ok((200, _)) = http(url, auth, &w.request).await {
        with_engine(|e| e.replica.wrote(&w.target, 0));
    }
}

fn start_polling() {
    if POLLING.with(|p| p.replace(true)) {
        return;
    }
    use wasm_bindgen::closure::Closure;
    // The timer's tick: a hidden tab reads less often (`layout::poll_due`).
    let tick = Closure::<dyn Fn()>::new(|| {
        let since = super::perf_now() - LAST_POLL.with(|l| l.get());
        if layout::poll_due(document().hidden(), waiting() > 0, since) {
            leptos::task::spawn_local(poll())
        }
    });
    // Focus, or the tab shown again: at once.
    let now = Closure::<dyn Fn()>::new(|| {
        if !document().hidden() {
            leptos::task::spawn_local(poll())
        }
    });
    let w = window();
    let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        layout::POLL_MS as i32,
    );
    let _ = w.add_event_listener_with_callback("focus", now.as_ref().unchecked_ref());
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", now.as_ref().unchecked_ref());
    tick.forget();
    now.forget();
}

/// Waits `ms` milliseconds.
async fn sleep(ms: u32) {
    let (done, waited) = futures::channel::oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = done.send(());
        },
        std::time::Duration::from_millis(ms.into()),
    );
    let _ = waited.await;
}

/// A command in shared mode: sign-in and sign-out are the server's; the rest is
/// applied here and written through.
async fn command(cmd: Command) -> Result<Reply, Failure> {
    resumed().await;
    match cmd {
        Command::SignIn(identity_commands::SignIn { email, password }) => {
            sign_in(&email, &password).await?;
            Ok(Reply::SignedIn)
        }
        Command::OperatorSignIn(office_commands::OperatorSignIn { email, password }) => {
            sign_in(&email, &password).await?;
            if with_engine(|e| e.office) != Some(true) {
                sign_out();
                return Err(Failure::Domain(DomainError::BadCredentials));
            }
            Ok(Reply::OperatorSignedIn)
        }
        Command::SignOut => {
            sign_out();
            Ok(Reply::SignedOut)
        }
        Command::OperatorSignOut => {
            sign_out();
            Ok(Reply::OperatorSignedOut)
        }
        Command::Touch => Ok(Reply::Done),
        // A mail is its recipient's to read (`mail::markable`): one this account sent
        // (the server lets its creator write it) stays unread for the recipient.
        Command::MarkMailRead(identity_commands::MarkMailRead { id, unread }) => {
            let Some(me) = with_engine(|e| e.email.clone()).flatten() else {
                return Ok(Reply::Done);
            };
            let own = app().state.with_untracked(|s| {
                s.mail(id)
                    .is_some_and(|m| onboard_core::mail::markable(Some(&m.to), Some(&me)).is_some())
            });
            if !own {
                return Ok(Reply::Done);
            }
            write_through(identity_commands::MarkMailRead { id, unread }.into()).await
        }
        Command::MarkAllMailRead(identity_commands::MarkAllMailRead { to, matching }) => {
            let Some(me) = with_engine(|e| e.email.clone()).flatten() else {
                return Ok(Reply::Done);
            };
            match onboard_core::mail::markable(to.as_ref(), Some(&me)) {
                Some(to) => {
                    write_through(identity_commands::MarkAllMailRead { to, matching }.into()).await
                }
                None => Ok(Reply::Done),
            }
        }
        // A site this account cannot read: the request goes to the site's inbox.
        Command::Site(SiteCommand::RequestAccess(site_commands::RequestAccess {
            site,
            customer,
            message,
        })) if !readable(&site) => ask(&site, &customer, &message).await,
        // The help desk is the office's: a help request goes to the inbox for it.
        Command::Site(SiteCommand::Help(help)) if with_engine(|e| e.office) != Some(true) => {
            if with_engine(|e| e.email.is_some()) == Some(true) {
                ask_help(&help.subject, &help.site, &help.description).await
            } else {
                ask_desk(help).await
            }
        }
        // A company this account cannot read: its token opens its directory entry, and
        // the request to join goes to its inbox.
        Command::Partner(PartnerCommand::CheckToken(partner_commands::CheckToken { token }))
            if !opens_readable(&token) =>
        {
            check_token(token).await
        }
        Command::Partner(PartnerCommand::Join(partner_commands::Join {
            token,
            location,
            profile,
        })) if !opens_readable(&token) => join(token, location, profile).await,
        // A plain employee cannot write the company: a change to their own entry waits
        // in its inbox for an administrator's browser.
        Command::Partner(
            c @ (PartnerCommand::UpdateMyProfile(_) | PartnerCommand::ConfirmProfile(_)),
        ) if !writes_company(&c) => ask_own(c).await,
        // A request to a site or company this account cannot write waits in its inbox:
        // withdrawing it marks the record there.
        Command::Site(SiteCommand::WithdrawRequest(site_commands::WithdrawRequest {
            site,
            ..
        })) if !readable(&site) => withdraw(&site).await,
        Command::Partner(PartnerCommand::WithdrawJoin(partner_commands::WithdrawJoin {
            company,
            ..
        })) if app()
            .state
            .with_untracked(|s| s.company(&company).is_none()) =>
        {
            withdraw(&company).await
        }
        Command::CreateId(c) => {
            create_account(&c.email, &c.password, &c.confirm).await?;
            write_through(c.account_id().into()).await
        }
        Command::ChangePassword(identity_commands::ChangePassword {
            current,
            password,
            confirm,
        }) => change_password(&current, &password, &confirm).await,
        Command::VerifyId(_)
        | Command::AcceptInvite(_)
        | Command::ResendCode(_)
        | Command::RequestReset(_)
        | Command::ResetPassword(_)
        | Command::AccountPasswordChanged
        | Command::CreateOperator(_)
        | Command::DeleteOldestMail
        | Command::DeleteOldestAudit
        | Command::ReplaceData(_)
        | Command::ExportData => Err(Failure::Server(ServerProblem::NotHere)),
        cmd => write_through(cmd).await,
    }
}

fn sign_out() {
    forget_account();
    with_engine(|e| {
        e.auth = None;
        e.email = None;
        e.office = false;
        e.replica = Replica::default();
        e.since.clear();
        e.feed = None;
        e.feed_kept = false;
        e.loaded = false;
        e.resync = false;
        e.saved = None;
    });
    app().sync.update(|s| {
        s.account = None;
        s.unread = false;
    });
    asked().set(Asked::default());
    tampered().set(Vec::new());
    loaded().set(false);
    app().state.set(State::default());
}

/// A new password for the signed-in account: the core's rules for the form, the
/// current password checked by the server (as at sign-in), the new one kept by the
/// server; this tab goes on with it (others signed in elsewhere are signed out at their
/// next look), and the ID is mailed and the change audited (`AccountPasswordChanged`).
async fn change_password(current: &str, password: &str, confirm: &str) -> Result<Reply, Failure> {
    use onboard_core::{Field, FieldError};
    let (url, _, email) = signed_in_account()?;
    onboard_core::identity_commands::check_password_change(current, password, confirm, &email)
        .map_err(Failure::Domain)?;
    if hello(&url, &email, current).await?.is_none() {
        return Err(Failure::Domain(DomainError::field(
            Field::CurrentPassword,
            FieldError::WrongPassword,
        )));
    }
    let old = basic(email.as_str(), current);
    let (status, _) = http(
        &url,
        Some(&old),
        &layout::new_password(email.as_str(), password),
    )
    .await
    .map_err(|_| Failure::Server(ServerProblem::Unreachable))?;
    match status {
        200 => {}
        401 | 403 => return Err(Failure::Server(ServerProblem::Refused)),
        _ => return Err(Failure::Server(ServerProblem::Failed)),
    }
    let office = with_engine(|e| {
        e.auth = Some(basic(email.as_str(), password));
        e.office
    })
    .unwrap_or(false);
    remember_account(&email, password, office);
    // The password is changed whatever becomes of its mail (kept to send later if the
    // server went away meanwhile).
    let _ = write_through(Command::AccountPasswordChanged).await;
    Ok(Reply::PasswordChanged)
}

/// Makes the account on the server (or signs in to it, when it exists with this
/// password: a form sent again after a field error). The password's rules are the
/// core's; the other fields are checked by `CreateAccountId` next.
async fn create_account(email: &str, password: &str, confirm: &str) -> Result<(), Failure> {
    use onboard_core::{Field, FieldError};
    let email = onboard_core::identity_commands::check_new_account(email, password, confirm)
        .map_err(Failure::Domain)?;
    let url = with_engine(|e| e.url.clone()).ok_or(Failure::Server(ServerProblem::Failed))?;
    let (status, _) = http(&url, None, &layout::sign_up(email.as_str(), password))
        .await
        .map_err(|_| Failure::Server(ServerProblem::Unreachable))?;
    match status {
        201 | 200 => {}
        // It exists: this is the same person sending the form again, or the address is taken.
        412 => {}
        401 | 403 => return Err(Failure::Server(ServerProblem::Refused)),
        _ => return Err(Failure::Server(ServerProblem::Failed)),
    }
    sign_in(email.as_str(), password)
        .await
        .map_err(|f| match f {
            Failure::Domain(DomainError::BadCredentials) => Failure::Domain(DomainError::Invalid(
                vec![(Field::Email, FieldError::EmailTaken)],
            )),
            f => f,
        })
}

/// `localStorage`: commands made while the server could not be reached, in order
/// (`[{"server", "account", "cmd"}]`), kept until they are sent (a reload loses none).
pub const OUTBOX_KEY: &str = "onboard/outbox";

/// The list kept in `localStorage` under `key` (none if unreadable).
fn kept_list(key: &str) -> Vec<Value> {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(key).ok().flatten())
        .and_then(|raw| serde_json::from_str::<Vec<Value>>(&raw).ok())
        .unwrap_or_default()
}

/// Keeps `all` under `key` (removes the key when empty); `Err` when the storage is
/// full or blocked.
fn keep_list(key: &str, all: &[Value]) -> Result<(), ()> {
    let storage = window().local_storage().ok().flatten().ok_or(())?;
    let r = if all.is_empty() {
        storage.remove_item(key)
    } else {
        storage.set_item(key, &Value::from(all.to_vec()).to_string())
    };
    r.map_err(|_| ())
}

fn outbox() -> Vec<Value> {
    kept_list(OUTBOX_KEY)
}

fn save_outbox(all: &[Value]) -> Result<(), Failure> {
    // Full or blocked storage: the command cannot be kept, so it is not made.
    keep_list(OUTBOX_KEY, all).map_err(|_| Failure::Server(ServerProblem::Unreachable))
}

/// Whether a queued entry is this tab's (same server, same account).
fn mine(q: &Value) -> bool {
    with_engine(|e| {
        q["server"] == json!(e.url)
            && e.email
                .as_ref()
                .is_some_and(|m| q["account"] == json!(m.as_str()))
    })
    .unwrap_or(false)
}

fn waiting() -> usize {
    outbox().iter().filter(|q| mine(q)).count()
}

/// The header's count, and a banner while anything waits.
fn show_waiting() {
    let (entries, kept) = unsent_counts();
    let (n, entries) = (waiting() + kept, entries - kept);
    app().sync.update(|s| s.waiting = n + entries);
    app().banners.update(|b| {
        for (banner, count) in [
            (super::Banner::KeptOffline, n),
            (super::Banner::EntriesKept, entries),
        ] {
            let shown = b.contains(&banner);
            if count == 0 {
                b.retain(|x| *x != banner);
            } else if !shown {
                b.push(banner);
            }
        }
    });
}

/// Keeps `cmd` to send later and shows its effect at once on this browser's copy.
fn queue(cmd: Command) -> Result<Reply, Failure> {
    let ctx = Ctx::new(now(), seed());
    let before = app().state.get_untracked();
    let actor = actor_now(&before);
    // A command the rules refuse now is not kept: it would be refused later too.
    let out = apply(&before, &actor, cmd.clone(), &ctx).map_err(Failure::Domain)?;
    let (server, account) = with_engine(|e| (e.url.clone(), e.email.clone()))
        .ok_or(Failure::Server(ServerProblem::Failed))?;
    let entry = json!({
        "server": server,
        "account": account.map(|a| a.to_string()),
        "cmd": serde_json::to_value(&cmd).map_err(|_| Failure::Server(ServerProblem::Failed))?,
    });
    let mut all = outbox();
    all.push(entry);
    save_outbox(&all)?;
    app().state.set(out.state);
    show_waiting();
    match out.effect {
        Reply::Refused(e) => Err(Failure::Domain(e)),
        effect => Ok(effect),
    }
}

/// Sends what waits, in order, on the server's current data: each command is applied
/// again there; one the rules or the server refuse now is dropped and the person told
/// why (a banner); if the server goes away again the rest keeps waiting.
async fn flush() {
    if with_engine(|e| e.busy).unwrap_or(true) {
        return;
    }
    // A command's entries left unsent first: they are older than anything queued.
    // What waits is shown before it is tried (after a reload, a try can take seconds).
    show_waiting();
    let sent = send_unsent().await;
    show_waiting();
    let queued: Vec<Value> = outbox().into_iter().filter(mine).collect();
    if !sent || queued.is_empty() {
        return;
    }
    if load().await.is_err() {
        return;
    }
    for q in queued {
        let Ok(cmd) = serde_json::from_value::<Command>(q["cmd"].clone()) else {
            drop_entry(&q);
            continue;
        };
        match send(cmd).await {
            Ok(_) => drop_entry(&q),
            Err(Sent::Offline { .. }) => break,
            Err(Sent::Failed(f)) => {
                drop_entry(&q);
                app()
                    .banners
                    .update(|b| b.push(super::Banner::OfflineRefused(f)));
            }
        }
    }
    // What still waits shows on this browser's copy again.
    show_with_waiting(app().state.get_untracked(), 0);
    show_waiting();
}

fn drop_entry(q: &Value) {
    let mut all = outbox();
    if let Some(i) = all.iter().position(|x| x == q) {
        all.remove(i);
        let _ = save_outbox(&all);
    }
}

/// `localStorage`: the mail and audit entries of commands written but for them (the
/// server stopped taking writes before their last ones), to send when it takes them
/// again (`[{"server", "account", "requests"}]`, each request as `Request::to_kept`);
/// also a request for the inbox made while the server could not be reached, marked
/// `"asked": true` ([`keep_request`]).
pub const UNSENT_KEY: &str = "onboard/unsent";

fn unsent() -> Vec<Value> {
    kept_list(UNSENT_KEY)
}

fn save_unsent(all: &[Value]) -> Result<(), ()> {
    keep_list(UNSENT_KEY, all)
}

fn unsent_count() -> usize {
    unsent_counts().0
}

/// This account's entries waiting in [`UNSENT_KEY`], and how many of them are requests
/// for the inbox kept while the server could not be reached (waiting changes, for the
/// header and the banner), in one read of the list.
fn unsent_counts() -> (usize, usize) {
    let all = unsent();
    let mine: Vec<&Value> = all.iter().filter(|q| mine(q)).collect();
    let kept = mine.iter().filter(|q| q["asked"] == json!(true)).count();
    (mine.len(), kept)
}

/// Whether an entry of [`UNSENT_KEY`] is a request of this account kept while the
/// server could not be reached ([`keep_request`]).
fn kept_here(q: &Value) -> bool {
    mine(q) && q["asked"] == json!(true)
}

/// Keeps `rest` (a command's unsent entries, see [`leftover`]) to send later; `false`
/// when the browser's storage cannot keep them.
fn keep_unsent(rest: &[Write]) -> bool {
    let Some(requests) = rest
        .iter()
        .map(|w| w.request.to_kept())
        .collect::<Option<Vec<Value>>>()
    else {
        return false;
    };
    let Some((server, account)) = with_engine(|e| (e.url.clone(), e.email.clone())) else {
        return false;
    };
    let mut all = unsent();
    all.push(json!({
        "server": server,
        "account": account.map(|a| a.to_string()),
        "requests": requests,
    }));
    save_unsent(&all).is_ok()
}

/// Sends the entries kept by [`keep_unsent`], oldest first. Each command's are dropped
/// once the server took all of them (one already there as sent counts as taken) or
/// refused one (said in a banner); the next poll then reads everything again, so they
/// show with their server versions. Returns whether none is left to send.
async fn send_unsent() -> bool {
    let kept: Vec<Value> = unsent().into_iter().filter(mine).collect();
    if kept.is_empty() {
        return true;
    }
    let Some((url, auth)) = with_engine(|e| (e.url.clone(), e.auth.clone())) else {
        return false;
    };
    for entry in kept {
        let writes: Vec<Write> = entry["requests"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Request::from_kept)
            .map(|request| Write {
                request,
                target: Target::Quiet,
            })
            .collect();
        // A kept request's inbox records: a withdrawal waits while they are on their way.
        let asks: Vec<_> = writes
            .iter()
            .map(|w| Replica::kept_ask(&w.request))
            .collect();
        with_engine(|e| e.sending = asks.iter().flatten().map(|(p, _)| p.clone()).collect());
        let sent = send_kept(&url, auth.as_deref(), &writes, &asks).await;
        with_engine(|e| e.sending.clear());
        let Some(refused) = sent else {
            return false;
        };
        let mut all = unsent();
        if let Some(i) = all.iter().position(|x| *x == entry) {
            all.remove(i);
            let _ = save_unsent(&all);
        }
        with_engine(|e| e.resync = true);
        if refused {
            app().banners.update(|b| {
                b.push(super::Banner::OfflineRefused(Failure::Server(
                    ServerProblem::Refused,
                )))
            });
        }
    }
    true
}

/// Sends the writes of one entry of [`UNSENT_KEY`]; `asks` holds, for each write, the
/// inbox record it makes if it is a kept request. Returns whether the server refused
/// any, or `None` if it cannot be reached or failed (all of it again next time). A
/// request taken is held in the replica at its version, so that withdrawing it writes
/// over that.
async fn send_kept(
    url: &str,
    auth: Option<&str>,
    writes: &[Write],
    asks: &[Option<(Place, Inbound)>],
) -> Option<bool> {
    let mut refused = false;
    for (run, asks) in writes
        .chunks(layout::BATCH_MAX)
        .zip(asks.chunks(layout::BATCH_MAX))
    {
        // Unreachable, or not answered as a batch: all of it again next time.
        let answers = send_run(url, auth, run).await.ok()?;
        for ((w, ask), (status, body)) in run.iter().zip(asks).zip(answers) {
            match answer(w, status, &body) {
                Answer::Took(version) => {
                    if let Some((place, ask)) = ask.clone() {
                        with_engine(|e| e.replica.asked_now(place, version, ask));
                    }
                }
                Answer::Failed(_) => return None,
                Answer::Refused(_) | Answer::Stale(_) => refused = true,
            }
        }
    }
    Some(refused)
}

fn actor_now(state: &State) -> onboard_core::Actor {
    match with_engine(|e| (e.email.clone(), e.office)) {
        Some((Some(email), office)) => state.actor_of_account(&email, office),
        _ => onboard_core::Actor::anonymous(),
    }
}

/// Applies `cmd` and writes it through; while the server cannot be reached (or
/// something made then still waits, so that order holds) it is kept and sent later.
/// So it is while the signed-in account's data has not been read from the server
/// (after a start without it, this tab's copy is shown): writes planned without the
/// versions read would be wrong (a deletion of a record not read is no write at all).
async fn write_through(cmd: Command) -> Result<Reply, Failure> {
    let unread = with_engine(|e| e.email.is_some() && !e.loaded).unwrap_or(false);
    if waiting() > 0 || unread {
        return queue(cmd);
    }
    match send(cmd.clone()).await {
        Ok(reply) => Ok(reply),
        Err(Sent::Offline { took_any: false }) => queue(cmd),
        // Part of it reached the server: applying it again later could do it twice.
        Err(Sent::Offline { took_any: true }) => Err(Failure::Server(ServerProblem::Partly)),
        Err(Sent::Failed(f)) => Err(f),
    }
}

enum Sent {
    /// The server could not be reached; `took_any`: some writes had been taken.
    Offline {
        took_any: bool,
    },
    Failed(Failure),
}

/// Sends a run of writes ([`batches`]): one alone, or several in one batch; the status
/// and body of each. `Err(true)`: the server could not be reached; `Err(false)`: it
/// did not answer the batch as a batch.
async fn send_run(
    url: &str,
    auth: Option<&str>,
    run: &[crate::store::shared::replica::Write],
) -> Result<Vec<(u16, Value)>, bool> {
    let one = matches!(run, [_]);
    let request = match run {
        [w] => w.request.clone(),
        _ => layout::batch(run.iter().map(|w| &w.request)),
    };
    let (mut status, mut body) = http(url, auth, &request).await.map_err(|_| true)?;
    // Rolled back by the server ("please retry"): the same again, a little later.
    for wait in layout::RETRY_MS {
        if !layout::retry_later(status, &body, !one) {
            break;
        }
        sleep(wait).await;
        (status, body) = http(url, auth, &request).await.map_err(|_| true)?;
    }
    if one {
        return Ok(vec![(status, body)]);
    }
    match layout::batch_answers(&body) {
        Some(answers) if status == 200 && answers.len() == run.len() => Ok(answers),
        _ => Err(false),
    }
}

/// Applies `cmd` to the replica and writes what it changed; the screen changes once the
/// server took it all.
async fn send(cmd: Command) -> Result<Reply, Sent> {
    send_with(Some(cmd), None).await
}

/// `send`, or (with `intake`) an inbox request applied as the person who asked.
async fn send_with(cmd: Option<Command>, intake: Option<(&Place, &Value)>) -> Result<Reply, Sent> {
    let Some((url, auth)) = with_engine(|e| {
        e.busy = true;
        (e.url.clone(), e.auth.clone())
    }) else {
        return Err(Sent::Failed(Failure::Server(ServerProblem::Failed)));
    };
    let mut took_any = false;
    // Where the writes stopped: the plan, the first write not taken, and the state and
    // reply the whole command makes.
    let mut cut: Option<(Vec<Write>, usize, State, Reply)> = None;
    let result = async {
        for _ in 0..3 {
            let current = app().state.get_untracked();
            let (before, actor, cmd, ctx) = match (intake, &cmd) {
                (Some((place, permissions)), _) => {
                    match with_engine(|e| e.replica.take_in(&current, place, permissions)) {
                        Some(Intake::Apply {
                            state,
                            actor,
                            command,
                            at,
                        }) => (*state, actor, command, Ctx::new(at, seed())),
                        // Another decider's browser took it in meanwhile.
                        Some(Intake::Leave) => return Ok(Reply::Done),
                        _ => return Err(Sent::Failed(Failure::Domain(DomainError::NotFound))),
                    }
                }
                (None, Some(cmd)) => {
                    let actor = actor_now(&current);
                    (current, actor, cmd.clone(), Ctx::new(now(), seed()))
                }
                (None, None) => return Err(Sent::Failed(Failure::Server(ServerProblem::Failed))),
            };
            let out =
                apply(&before, &actor, cmd, &ctx).map_err(|e| Sent::Failed(Failure::Domain(e)))?;
            let nonce = ctx.random_hex(6);
            let writes = with_engine(|e| e.replica.plan(&before, &out.changed, &out.state, &nonce))
                .unwrap_or_default();
            let mut stale = None;
            'sending: for range in batches(&writes) {
                let start = range.start;
                let run = &writes[range];
                let stopped =
                    |at: usize| Some((writes.clone(), at, out.state.clone(), out.effect.clone()));
                let answers = match send_run(&url, auth.as_deref(), run).await {
                    Ok(answers) => answers,
                    Err(offline) => {
                        cut = stopped(start);
                        return Err(match offline {
                            true => Sent::Offline { took_any },
                            false => Sent::Failed(Failure::Server(ServerProblem::Failed)),
                        });
                    }
                };
                let (took, first_not_taken) =
                    with_engine(|e| e.replica.take_answers(run, answers)).unwrap_or_default();
                took_any |= took;
                match first_not_taken {
                    None | Some((_, Answer::Took(_), _)) => {}
                    Some((i, Answer::Stale(current), _)) => {
                        stale = Some((run[i].target.clone(), current));
                        break 'sending;
                    }
                    Some((i, Answer::Refused(_), _)) => {
                        cut = stopped(start + i);
                        return Err(Sent::Failed(Failure::Server(ServerProblem::Refused)));
                    }
                    Some((i, Answer::Failed(_), _)) => {
                        cut = stopped(start + i);
                        return Err(Sent::Failed(Failure::Server(ServerProblem::Failed)));
                    }
                }
            }
            match stale {
                None => {
                    app().state.set(out.state);
                    set_problem(None);
                    return match out.effect {
                        Reply::Refused(e) => Err(Sent::Failed(Failure::Domain(e))),
                        effect => Ok(effect),
                    };
                }
                Some((Target::Record(place, _), current)) => {
                    let mut state = before;
                    with_engine(|e| {
                        e.replica
                            .absorb_current(&mut state, &place, current.as_ref())
                    });
                    app().state.set(state);
                }
                // Another office's decision, as the refusal sent it.
                Some((Target::Decision(_, _, place), Some(current))) => {
                    let mut state = before;
                    with_engine(|e| e.replica.absorb_current(&mut state, &place, Some(&current)));
                    app().state.set(state);
                }
                Some(_) => {
                    with_engine(|e| e.busy = false);
                    load().await.map_err(Sent::Failed)?;
                    with_engine(|e| e.busy = true);
                }
            }
        }
        Err(Sent::Failed(Failure::Server(ServerProblem::Failed)))
    }
    .await;
    // Written but for its mail and audit entries (the last writes): the command is
    // done, shown whole, and those wait in this browser to be sent (`send_unsent`).
    let unreachable = matches!(result, Err(Sent::Offline { .. }));
    if let (true, Err(_), Some((writes, at, state, effect))) = (took_any, &result, cut) {
        if let Some(rest) = leftover(&writes, at).filter(|rest| keep_unsent(rest)) {
            with_engine(|e| {
                e.busy = false;
                for w in rest {
                    e.replica.wrote(&w.target, 0);
                }
            });
            app().state.set(state);
            set_problem(Some(if unreachable {
                ServerProblem::Unreachable
            } else {
                ServerProblem::Failed
            }));
            show_waiting();
            return match effect {
                Reply::Refused(e) => Err(Sent::Failed(Failure::Domain(e))),
                effect => Ok(effect),
            };
        }
    }
    // Part of it taken: said, and everything read again to show that part.
    let result = match result {
        Err(Sent::Failed(Failure::Server(ServerProblem::Refused | ServerProblem::Failed)))
            if took_any =>
        {
            Err(Sent::Failed(Failure::Server(ServerProblem::Partly)))
        }
        other => other,
    };
    // Whatever ended it (a rule refusing the command made again, too), the part
    // taken is this replica's and not on the screen: read everything again.
    let partly = took_any && result.is_err();
    with_engine(|e| {
        e.busy = false;
        e.resync |= partly;
    });
    match &result {
        Err(Sent::Offline { .. }) => set_problem(Some(ServerProblem::Unreachable)),
        Err(Sent::Failed(Failure::Server(p))) => set_problem(Some(*p)),
        _ => {}
    }
    result
}
