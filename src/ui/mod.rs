//! The Leptos shell: reads state, sends commands, shows results. No business rules.
//!
//! One way through: a form builds a [`Command`], [`dispatch`] hands it to
//! `domain::apply`, the store writes the changed aggregates, and only then does the
//! state signal take the new state; then the form's `then` sees the result. The
//! command code (every rule, mail template, Argon2) is a module of its own, fetched
//! after the first page is on screen: no page waits for it to be shown.
/// A split point: `split_point!(module, [preload(name),] fn name(args) -> T { body })`
/// defines `async fn name(args) -> Result<T, SplitLoaderError>`. With the `split`
/// feature (`make dist`) the body lands in the wasm module `module`, fetched on the
/// first call (and by `preload()`, if named); without it (tests, clippy) the body is
/// in the one module and the call is ready at the first poll: the same code path.
macro_rules! split_point {
    (
        $module:ident,
        $(preload($preload:ident),)?
        fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty $body:block
    ) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split(
            $module,
            wasm_split_path = ::leptos::wasm_split,
            fallible
            $(, preload($preload))?
        )]
        fn $name($($arg: $ty),*) -> Result<$out, leptos::wasm_split::SplitLoaderError> {
            let out: $out = $body;
            Ok(out)
        }
        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> Result<$out, leptos::wasm_split::SplitLoaderError> {
            let out: $out = $body;
            Ok(out)
        }
        $(
            #[cfg(not(feature = "split"))]
            async fn $preload() -> Result<(), leptos::wasm_split::SplitLoaderError> {
                Ok(())
            }
        )?
    };
}

pub mod components;
pub mod leave;
pub mod menu;
pub mod pages;
pub mod router;
pub mod routes;
pub mod shared;
pub mod shell;

use crate::store::local::LocalBackend;
use crate::store::{Backend, CommitError, LoadReport, MemoryBackend, Reader, Store};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use onboard_core::i18n::{Lang, Text, T};
pub use onboard_core::route::{Href, Route};
use onboard_core::text::Email;
use onboard_core::{
    apply, Actor, Command, Ctx, Device, DeviceChange, DomainError, Reply, State, Timestamp,
};
use std::cell::RefCell;
use std::sync::OnceLock;
use std::task::Poll;
use wasm_bindgen::JsCast;

thread_local! {
    static STORE: RefCell<Option<Store>> = const { RefCell::new(None) };
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
    /// Commands sent while the start's lists are being read, run once they are.
    static WAITING: RefCell<Vec<(Command, Waiting)>> = const { RefCell::new(Vec::new()) };
}

pub const LANG_KEY: &str = "onboard/lang";

/// What a command that waits for the lists does with its reply.
type Waiting = Box<dyn FnOnce(Result<Reply, Failure>)>;

/// A notice shown at the top of every page until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Banner {
    MemoryOnly,
    Quarantine(Vec<(String, String)>),
    Recovered,
    OtherTab,
    NearFull(u32),
    /// A new deployment took over: reload to use it.
    NewVersion,
    /// A newer build wrote some of the data (schema N): read-only until one runs.
    NewerData(u32),
    /// An interrupted save could not be completed: kept for the next start.
    JournalKept,
    /// Shared mode: a change made while the server could not be reached was refused
    /// when it was sent (why, in words of the failure).
    OfflineRefused(Failure),
    /// Shared mode: a change was kept in this browser, to be sent when the server
    /// answers (gone once nothing waits).
    KeptOffline,
    /// Shared mode: a command was written but for its mail and audit entries, which
    /// are kept in this browser and sent when the server takes them (gone once sent).
    EntriesKept,
}

/// A message carried to the next page (e.g. "You are signed out"): shown while the
/// user is on `path` (below the base, as the router's location).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flash {
    pub text: onboard_core::i18n::Text,
    pub args: Vec<String>,
    pub path: String,
}

/// Navigates to `to` and shows `text` there.
pub fn flash_and_go(
    text: impl Into<onboard_core::i18n::Text>,
    args: Vec<String>,
    to: impl Into<Href>,
) {
    let to = to.into();
    app().flash.set(Some(Flash {
        text: text.into(),
        args,
        path: to.path().to_string(),
    }));
    go(to);
}

/// Shared mode as the header and the pages see it (`server: None` is local mode).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SyncStatus {
    /// The Kinto server's URL (ending in `/v1`).
    pub server: Option<String>,
    /// The account the server signed in, and whether it is in the office group.
    pub account: Option<(Email, bool)>,
    /// When this browser last heard from the server.
    pub synced: Option<Timestamp>,
    /// What went wrong the last time it tried.
    pub problem: Option<ServerProblem>,
    /// Changes made while the server could not be reached, not sent yet.
    pub waiting: usize,
    /// The tab's account is signed in again (a reload), but nothing of its data is
    /// shown yet: neither read from the server nor from the tab's copy. Pages then say
    /// so instead of asking to sign in.
    pub unread: bool,
}

impl SyncStatus {
    /// The account the server signed in (none in local mode).
    pub fn account_email(&self) -> Option<Email> {
        self.account.as_ref().map(|(e, _)| e.clone())
    }
}

/// Why the shared server did not do what was asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerProblem {
    Unreachable,
    /// It refused (this account may not).
    Refused,
    /// It answered with an error; nothing was changed.
    Failed,
    /// It took part of a command's writes, then failed, refused or could not be
    /// reached: what it took is read again and shown.
    Partly,
    /// Not offered in shared mode (the server keeps passwords and data).
    NotHere,
    /// The address does not answer as a Kinto server with accounts.
    NotKinto,
}

/// Who is acting: the account the server signed in (shared mode), or the device's
/// sessions (local mode).
pub fn actor_of(s: &State, device: &Device, now: Timestamp) -> Actor {
    match app().sync.with(|x| x.account.clone()) {
        Some((email, office)) => s.actor_of_account(&email, office),
        None => s.actor(device, now),
    }
}

/// Everything the pages share. All fields are signals (Copy).
#[derive(Clone, Copy)]
pub struct App {
    pub state: RwSignal<State>,
    pub device: RwSignal<Device>,
    pub lang: RwSignal<Lang>,
    pub banners: RwSignal<Vec<Banner>>,
    pub flash: RwSignal<Option<Flash>>,
    /// The current time, refreshed every 30 s (session expiry, desk hours).
    pub clock: RwSignal<Timestamp>,
    pub sync: RwSignal<SyncStatus>,
}

/// The shared context. Kept in a thread-local as well as in Leptos context, so that
/// callbacks that run outside the reactive owner (timeouts, promises) can reach it.
pub fn app() -> App {
    APP.with(|a| *a.borrow())
        .expect("the app is booted before any page runs")
}

/// The text for `key` (of any table) in the current language, reactive: what a view
/// shows for a fixed text. One closure type for every such text of every page: a
/// `move || key.get(lang.get())` written in place is a type of its own, and each
/// type its own copy of the framework's code that renders and updates it.
pub fn tr(key: impl Into<Text>) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    text_of(key.into())
}

fn text_of(key: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = app().lang;
    move || key.get(lang.get())
}

pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// 32 bytes from the browser's secure random generator.
pub fn seed() -> [u8; 32] {
    let mut buf = [0u8; 32];
    let ok = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut buf).is_ok())
        .unwrap_or(false);
    if !ok {
        // Never fall back to weak randomness: stop here with a clear message.
        panic!("the browser's secure random generator is not available");
    }
    buf
}

static BASE: OnceLock<String> = OnceLock::new();

/// The path the app is served under ("" at the root, "/sub/path" under a sub-path),
/// from the `<base href>` trunk writes for `--public-url`.
pub fn base() -> &'static str {
    BASE.get_or_init(|| {
        let href = document()
            .query_selector("base")
            .ok()
            .flatten()
            .and_then(|b| b.get_attribute("href"))
            .unwrap_or_default();
        let path = if let Some(rest) = href
            .strip_prefix("http://")
            .or_else(|| href.strip_prefix("https://"))
        {
            rest.find('/')
                .map(|i| rest[i..].to_string())
                .unwrap_or_default()
        } else {
            href
        };
        path.trim_end_matches('/').to_string()
    })
}

/// An in-app address as an absolute URL path under the base.
pub fn href(to: &Href) -> String {
    path_href(to.as_str())
}

/// A path below the base (a file of the app, or an address already checked) as an
/// absolute URL path.
pub fn path_href(path: &str) -> String {
    format!("{}{}", base(), path)
}

/// Goes to an in-app address (works from any callback).
pub fn go(to: impl Into<Href>) {
    router::navigate(to.into().as_str());
}

/// Why a command did not go through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    Domain(DomainError),
    Commit(CommitError),
    /// The command code could not be fetched (offline before it was cached).
    Unavailable,
    /// Shared mode: the server did not take it.
    Server(ServerProblem),
}

impl Failure {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failure::Domain(e) => onboard_core::words::domain_error(e, lang),
            Failure::Commit(CommitError::Conflict(_)) => T::ErrConflict.get(lang).into(),
            Failure::Commit(CommitError::Quota) => T::ErrQuota.get(lang).into(),
            Failure::Commit(CommitError::Unavailable(why)) => T::ErrStorage.fill(lang, &[why]),
            Failure::Commit(CommitError::ReadOnly(_)) => T::ErrReadOnly.get(lang).into(),
            Failure::Unavailable => T::ErrCodeUnavailable.get(lang).into(),
            Failure::Server(p) => server_problem(*p).get(lang).into(),
        }
    }
}

pub fn server_problem(p: ServerProblem) -> T {
    match p {
        ServerProblem::Unreachable => T::ErrServerUnreachable,
        ServerProblem::Refused => T::ErrServerRefused,
        ServerProblem::Failed => T::ErrServerFailed,
        ServerProblem::Partly => T::ErrServerPartly,
        ServerProblem::NotHere => T::ErrNotInShared,
        ServerProblem::NotKinto => T::ErrNotKinto,
    }
}

pub(crate) fn perf_now() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// Leaves a figure on `window` for the benchmark (`make bench`) to read.
fn record_timing(name: &str, value: f64) {
    let _ = js_sys::Reflect::set(
        &window(),
        &wasm_bindgen::JsValue::from_str(name),
        &wasm_bindgen::JsValue::from_f64(value),
    );
}

/// The time one password hash takes here, in milliseconds (read by `make bench`
/// through `window.wasmBindings`, set by the loader). The hashing code is in the
/// commands module, fetched on the first call.
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn bench_hash_ms() -> f64 {
    split_point!(
        commands,
        fn time_hash() -> f64 {
            hash_once()
        }
    );
    fn hash_once() -> f64 {
        let ctx = Ctx::new(now(), seed());
        let t0 = perf_now();
        let h = onboard_core::secret::SecretHash::new("correct horse battery", &ctx);
        let elapsed = perf_now() - t0;
        std::hint::black_box(h);
        elapsed
    }
    time_hash().await.unwrap_or(f64::NAN)
}

/// Applies a command: the domain decides, the store writes, then the UI sees it.
fn apply_now(cmd: Command) -> Result<Reply, Failure> {
    let app = app();
    let ctx = Ctx::new(now(), seed());
    let device = app.device.get_untracked();
    let makes_room = cmd.makes_room();
    let applying = perf_now();
    let outcome = app.state.with_untracked(|s| {
        let actor = s.actor(&device, ctx.now);
        apply(s, &actor, cmd, &ctx)
    });
    record_timing("__onboardLastApplyMs", perf_now() - applying);
    let outcome = outcome.map_err(Failure::Domain)?;
    let started = perf_now();
    let committed = STORE.with(|st| {
        let mut st = st.borrow_mut();
        let store = st.as_mut().expect("store opened at start");
        match store.write(&outcome) {
            // Storage full: a command that makes room may use the room kept for it.
            Err(CommitError::Quota) if makes_room && store.release_reserve() => {
                store.write(&outcome)
            }
            r => r,
        }
    });
    record_timing("__onboardLastCommitMs", perf_now() - started);
    record_timing("__onboardLastCommitKeys", outcome.changed.len() as f64);
    if let Err(e) = committed {
        if let CommitError::Conflict(_) = e {
            reload_changed(&outcome.changed);
        }
        return Err(Failure::Commit(e));
    }
    if !outcome.changed.is_empty() || outcome.replaces_all {
        app.state.set(outcome.state);
        check_usage();
    }
    if !outcome.device.is_empty() {
        let mut d = device;
        for change in outcome.device {
            match change {
                DeviceChange::PersonSignedIn(t) => d.person = Some(t),
                DeviceChange::PersonSignedOut => d.person = None,
                DeviceChange::OperatorSignedIn(t) => d.operator = Some(t),
                DeviceChange::OperatorSignedOut => d.operator = None,
            }
        }
        save_device(&d);
        app.device.set(d);
    }
    match outcome.effect {
        Reply::Refused(e) => Err(Failure::Domain(e)),
        effect => Ok(effect),
    }
}

/// Applies a command and hands the result to `then`: at once when the command code is
/// there (after the first command, always), else as soon as it has arrived. If it
/// cannot be fetched (offline before it was cached), `then` gets
/// [`Failure::Unavailable`] and nothing was applied.
pub fn dispatch(cmd: Command, then: impl FnOnce(Result<Reply, Failure>) + 'static) {
    if app().sync.with_untracked(|s| s.server.is_some()) {
        // Shared mode: the engine (a module of its own) writes through to the server.
        leptos::task::spawn_local(async move {
            let reply = match shared::run(cmd).await {
                Ok(running) => running.await,
                Err(_) => Err(Failure::Unavailable),
            };
            then(reply)
        });
        return;
    }
    // The start left lists unread: the command waits until they are read (it is
    // judged on the whole state, and the store writes nothing before).
    if with_store(|s| s.later()) > 0 {
        let first = WAITING.with(|w| {
            let mut w = w.borrow_mut();
            w.push((cmd, Box::new(then)));
            w.len() == 1
        });
        if first {
            set_timeout(read_lists_a_while, std::time::Duration::from_millis(0));
        }
        return;
    }
    let mut run = Box::pin(run_command(cmd));
    let done = |r: Result<Result<Reply, Failure>, SplitLoaderError>| {
        r.unwrap_or(Err(Failure::Unavailable))
    };
    match router::poll_once(run.as_mut()) {
        Poll::Ready(r) => then(done(r)),
        Poll::Pending => leptos::task::spawn_local(async move { then(done(run.await)) }),
    }
}

/// Fetches the command code in the background, once: the frame calls this on the
/// first focus or pointer press (a form is about to be used), so that the first
/// command rarely waits for it, and a page that is only read never fetches it.
pub fn prefetch_commands() {
    thread_local! {
        static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if !STARTED.with(|s| s.replace(true)) {
        leptos::task::spawn_local(async {
            let _ = preload_commands().await;
        });
    }
}

split_point!(
    commands,
    preload(preload_commands),
    fn run_command(cmd: Command) -> Result<Reply, Failure> {
        apply_now(cmd)
    }
);

fn reload_changed(keys: &std::collections::BTreeSet<onboard_core::AggKey>) {
    let keys = keys.clone();
    with_reader(move || reload_now(&keys));
}

fn reload_now(keys: &std::collections::BTreeSet<onboard_core::AggKey>) {
    let app = app();
    let mut state = app.state.get_untracked();
    STORE.with(|st| {
        if let Some(store) = st.borrow_mut().as_mut() {
            for k in keys {
                store.refresh_key(
                    &format!(
                        "{}{}",
                        crate::store::DATA_PREFIX,
                        crate::store::keys::path(k)
                    ),
                    &mut state,
                );
            }
        }
    });
    app.state.set(state);
}

fn save_device(d: &Device) {
    let raw = serde_json::to_string(d).expect("device serialises");
    STORE.with(|st| {
        if let Some(store) = st.borrow_mut().as_mut() {
            let _ = store.set_device_raw(&raw);
        }
    });
}

/// Runs `f` with the store (for the data page).
pub fn with_store<R>(f: impl FnOnce(&mut Store) -> R) -> R {
    STORE.with(|st| f(st.borrow_mut().as_mut().expect("store opened at start")))
}

/// The storage banner after a write: at 80 % of the quota and more, and at 100 % when
/// storage takes no write at all, whatever Onboard's share of it (after the room kept
/// in reserve is put back, when there is room for it).
pub fn check_usage() {
    show_usage(true);
}

/// [`check_usage`]; without `probe`, from the usage figure alone (a start's first
/// frame: the reserve and the probe write follow its paint).
fn show_usage(probe: bool) {
    let app = app();
    let pct = with_store(|s| {
        if !s.persistent() {
            return 0;
        }
        if probe {
            s.keep_reserve();
            if !s.has_room() {
                return 100;
            }
        }
        (s.usage() * 100 / crate::store::QUOTA_UNITS) as u32
    });
    app.banners.update(|b| {
        b.retain(|x| !matches!(x, Banner::NearFull(_)));
        if pct >= 80 {
            b.push(Banner::NearFull(pct));
        }
    });
}

/// Lets the browser paint (a "working" state) before slow work such as hashing.
pub fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::from_millis(0)));
}

/// Moves focus to the first element matching `selector` once it is rendered.
/// A list (`"a, b"`) is tried in order: the first alternative that matches wins.
pub fn focus_soon(selector: &'static str) {
    request_animation_frame(move || focus_first(selector));
}

/// [`focus_soon`] once the frame that shows the element is painted: for a new page's
/// heading, so that the page's first layout is the browser's own and the screen shows
/// the page before the focus moves (one frame later, for a screen reader too).
pub fn focus_after_paint(selector: &'static str) {
    after_paint(move || focus_first(selector));
}

/// Takes the focus off an element of the page about to be replaced (a link or button
/// inside `main`, not `main` itself), while its layout is still clean. Removing the
/// focused element with the new page built made Chromium settle the focus during the
/// removal: 2.2-2.6 ms of the user list's opening, 0.2-0.4 ms without. The new page's
/// heading gets the focus after its first paint, as before ([`focus_after_paint`]).
pub fn release_focus_in_main() {
    let doc = document();
    let (Some(active), Some(main)) = (doc.active_element(), doc.get_element_by_id("main")) else {
        return;
    };
    if active != main && main.contains(Some(&active)) {
        if let Ok(el) = active.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.blur();
        }
    }
}

fn focus_first(selector: &str) {
    let found = selector
        .split(',')
        .find_map(|one| document().query_selector(one.trim()).ok().flatten());
    if let Some(el) = found {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Sets the document title for the current page.
pub fn use_title(key: onboard_core::i18n::Text) {
    use_title_of(move |l| key.get(l).to_string());
}

/// [`use_title`] of a page whose name `name` makes in a language (and may read
/// signals: the title follows them).
pub fn use_title_of(name: impl Fn(Lang) -> String + 'static) {
    let lang = app().lang;
    Effect::new(move |_| {
        let l = lang.get();
        set_title(format!("{} | {}", name(l), T::AppName.get(l)));
    });
}

/// Sets the document title once the frame that shows the page is painted: a title
/// set in the page's task made the browser update it there (0.1-2.7 ms in headless
/// Chromium here, measured around `document.title = ...`), before the page could be
/// painted. The last title asked for wins. A hidden tab paints no frames: its title
/// (the tab strip shows it) is set at once.
pub fn set_title(title: String) {
    thread_local! {
        static PENDING: RefCell<Option<String>> = const { RefCell::new(None) };
    }
    if document().hidden() {
        PENDING.with(|p| p.borrow_mut().take());
        document().set_title(&title);
        return;
    }
    let scheduled = PENDING.with(|p| p.borrow_mut().replace(title).is_some());
    if !scheduled {
        after_paint(|| {
            if let Some(t) = PENDING.with(|p| p.borrow_mut().take()) {
                document().set_title(&t);
            }
        });
    }
}

fn initial_lang() -> Lang {
    let window = window();
    let search = window.location().search().unwrap_or_default();
    if let Some(q) = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("lang="))
    {
        if let Some(l) = Lang::parse(q) {
            // A link that names the language counts as the user's choice.
            save_lang(l);
            return l;
        }
    }
    if let Some(l) = saved_lang() {
        return l;
    }
    let langs = window.navigator().languages();
    let prefs: Vec<String> = langs.iter().filter_map(|v| v.as_string()).collect();
    Lang::from_preferences(prefs.iter().map(|s| s.as_str()))
}

fn saved_lang() -> Option<Lang> {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|v| Lang::parse(&v))
}

pub fn save_lang(lang: Lang) {
    if let Some(s) = window().local_storage().ok().flatten() {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

/// The browser's storage, or memory when it cannot be used.
pub fn default_backend() -> Box<dyn Backend> {
    match LocalBackend::open() {
        Ok(b) => Box::new(b),
        Err(_) => Box::new(MemoryBackend::new()),
    }
}

/// Opens storage (or memory) and returns the loaded state with its report; storage
/// that holds records is handed back (`Err`) when `reader` is None.
fn open_store_with(
    backend: Box<dyn Backend>,
    reader: Option<Reader>,
    lists_later: bool,
) -> Result<(State, Device, LoadReport, bool), Box<dyn Backend>> {
    let persistent = backend.persistent();
    let tab = seed()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    let (store, state, report) = if lists_later {
        Store::open_lists_later(backend, now(), &tab, reader)?
    } else {
        Store::open_with(backend, now(), &tab, reader)?
    };
    let device: Device = store
        .device_raw()
        .and_then(|r| serde_json::from_str(&r).ok())
        .unwrap_or_default();
    STORE.with(|st| *st.borrow_mut() = Some(store));
    Ok((state, device, report, persistent))
}

split_point!(
    records,
    fn records_reader() -> Reader {
        Reader::CORE
    }
);

/// Runs `then` once the store can read records: at once when it can (storage held
/// records at start), else after the decoding module is fetched (see [`Reader`]).
fn with_reader(then: impl FnOnce() + 'static) {
    if with_store(|s| s.reader()).is_some() {
        read_lists_now();
        return then();
    }
    leptos::task::spawn_local(async move {
        if let Ok(reader) = records_reader().await {
            with_store(|s| s.set_reader(reader));
            then();
        }
    });
}

/// Decodes, now, every list part the start left for later (see
/// [`Store::open_lists_later`]): before a page that may show lists is built, and
/// before a change from another tab is read.
pub fn read_lists_now() {
    read_lists(&mut || true);
}

/// Decodes list parts left for later while `more()` says so; once none is left, the
/// state signal is told (the pages see whole lists) and what could not be read is
/// shown as at the start. Returns whether none is left.
fn read_lists(more: &mut dyn FnMut() -> bool) -> bool {
    if with_store(|s| s.later()) == 0 {
        return true;
    }
    thread_local! {
        /// The time spent decoding them so far (the benchmark's figure).
        static SPENT: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    }
    let app = app();
    let t0 = perf_now();
    // Untracked: no page on screen shows a list yet (the start gave them the home page).
    app.state
        .update_untracked(|state| with_store(|s| s.read_later(state, now(), more)));
    let spent = SPENT.with(|c| {
        c.set(c.get() + perf_now() - t0);
        c.get()
    });
    if with_store(|s| s.later()) > 0 {
        return false;
    }
    record_timing("__onboardListsMs", spent);
    mark("onboard-lists-read");
    let quarantined = with_store(|s| s.quarantined());
    let newer = with_store(|s| s.read_only());
    app.banners.update(|b| {
        if !quarantined.is_empty() {
            b.retain(|x| !matches!(x, Banner::Quarantine(_)));
            b.push(Banner::Quarantine(quarantined));
        }
        if let Some(v) = newer {
            if !b.iter().any(|x| matches!(x, Banner::NewerData(_))) {
                b.push(Banner::NewerData(v));
            }
        }
    });
    app.state.update(|_| ());
    run_waiting(true);
    true
}

/// Runs the commands that waited for the lists (see [`dispatch`]), or, when storage
/// would not give them (`read: false`), answers them that it is unavailable.
fn run_waiting(read: bool) {
    for (cmd, then) in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
        if read {
            dispatch(cmd, then);
        } else {
            then(Err(Failure::Commit(CommitError::Unavailable(
                "localStorage could not be read".into(),
            ))));
        }
    }
}

/// Decodes the lists left for later after the first page is painted, a few parts
/// per task (at most about 8 ms each), so that the page answers input meanwhile.
fn read_lists_soon() {
    after_paint(read_lists_a_while);
}

fn read_lists_a_while() {
    let t0 = perf_now();
    let left = with_store(|s| s.later());
    if !read_lists(&mut || perf_now() - t0 < 8.0) {
        if with_store(|s| s.later()) < left {
            set_timeout(read_lists_a_while, std::time::Duration::from_millis(0));
        } else {
            // Storage will not give a part: the waiting commands are told (their
            // forms say so); the next page or command tries again.
            run_waiting(false);
        }
    }
}

fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("{info}").into());
        let doc = document();
        if let Ok(div) = doc.create_element("div") {
            div.set_class_name("panic");
            let _ = div.set_attribute("role", "alert");
            div.set_text_content(Some(&T::ErrUnexpected.both()));
            if let Some(body) = doc.body() {
                let _ = body.prepend_with_node_1(&div);
            }
        }
    }));
}

/// Counts Content-Security-Policy violations on `window.__onboardCspViolations` (the
/// end-to-end tests check it stays 0) and logs each one.
fn watch_csp() {
    use wasm_bindgen::closure::Closure;
    let key = wasm_bindgen::JsValue::from_str("__onboardCspViolations");
    let _ = js_sys::Reflect::set(&window(), &key, &wasm_bindgen::JsValue::from_f64(0.0));
    let on_violation = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let w = window();
        let key = wasm_bindgen::JsValue::from_str("__onboardCspViolations");
        let n = js_sys::Reflect::get(&w, &key)
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        let _ = js_sys::Reflect::set(&w, &key, &wasm_bindgen::JsValue::from_f64(n + 1.0));
        web_sys::console::error_2(&"CSP violation".into(), &ev);
    });
    let _ = document().add_event_listener_with_callback(
        "securitypolicyviolation",
        on_violation.as_ref().unchecked_ref(),
    );
    on_violation.forget();
}

/// Registers the service worker (offline use after the first visit) and offers a
/// reload when a new deployment's worker takes control.
fn register_service_worker() {
    use wasm_bindgen::closure::Closure;
    let container = window().navigator().service_worker();
    let had_controller = container.controller().is_some();
    let registering = container.register(&path_href("/sw.js"));
    leptos::task::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(registering).await {
            web_sys::console::warn_2(&"service worker not registered".into(), &e);
        }
    });
    if had_controller {
        let on_change = Closure::<dyn Fn()>::new(|| {
            app().banners.update(|b| {
                if !b.contains(&Banner::NewVersion) {
                    b.push(Banner::NewVersion)
                }
            })
        });
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
    }
}

/// A `performance.mark` (the benchmark's breakdown of the start).
fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// Entry point: opens storage, builds the shared context and mounts the app.
pub fn start() {
    install_panic_hook();
    watch_csp();
    leave::install();
    menu::install();
    mark("onboard-start");
    let t0 = perf_now();
    // Shared mode keeps nothing in this browser's storage: the replica is in memory.
    let server = shared::configured();
    let backend: Box<dyn Backend> = match server {
        Some(_) => Box::new(MemoryBackend::new()),
        None => default_backend(),
    };
    match boot_with(backend, None, false) {
        Ok(app) => started(app, server, t0),
        // Storage holds records: their decoding is a module of its own (not needed by
        // a first visit), fetched now (from the service worker's cache after one).
        Err(backend) => wasm_bindgen_futures::spawn_local(async move {
            mark("onboard-records");
            // The home page shows no long list: it opens before they are decoded.
            let lists_later = router::starts_at_home();
            let reader = records_reader().await;
            mark("onboard-reader");
            match reader {
                Ok(reader) => started(boot_reading(backend, reader, lists_later), server, t0),
                Err(_) => boot_failed(),
            }
        }),
    }
}

/// The start without its code: the static shell says so in both languages (nothing
/// was read or written; a reload tries again).
fn boot_failed() {
    if let Some(boot) = document().get_element_by_id("boot") {
        let _ = boot.remove_attribute("aria-hidden");
    }
    if let Some(el) = document().query_selector("#boot .boot-msg").ok().flatten() {
        el.set_text_content(Some(&T::PageUnavailableText.both()));
        let _ = el.set_attribute("role", "alert");
    }
}

/// Mounts the app once its state is loaded.
fn started(app: App, server: Option<String>, t0: f64) {
    if server.is_some() {
        app.banners
            .update(|b| b.retain(|x| *x != Banner::MemoryOnly));
        app.sync.update(|s| s.server = server);
    }
    record_timing("__onboardLoadMs", perf_now() - t0);
    mark("onboard-booted");
    // A deep link to a page in a split module (fetched by its page file's first
    // script) is mounted at once, under the static shell (`#boot ~ *` is not
    // displayed): the frame is built while the module is still on its way, and the
    // shell is removed in the task that builds the page (`remove_static_shell`). The first
    // thing painted is the whole page, not "Loading..." and then a longer page that
    // moves the footer. (leptos_router builds the page a microtask after the mount.)
    let first_page_waits = {
        let mut ready = Box::pin(routes::first_page_ready());
        router::poll_once(ready.as_mut()).is_pending()
    };
    leptos::mount::mount_to_body(move || {
        provide_context(app);
        show_usage(false);
        view! { <routes::App /> }
    });
    // Else the static shell of index.html goes in the same task, so nothing shifts.
    if !first_page_waits {
        remove_static_shell();
    }
    mark("onboard-ready");
    after_paint(check_usage);
    if with_store(|s| s.later()) > 0 {
        read_lists_soon();
    }
    if app.sync.with_untracked(|s| s.server.is_some()) {
        leptos::task::spawn_local(async move {
            if shared::resume().await.is_err() {
                app.sync
                    .update(|s| s.problem = Some(ServerProblem::Unreachable));
            }
        });
    }
}

/// Removes the static shell of `index.html`, if it is still there: the app under it
/// is then displayed. Called at the mount, or (a deep link whose module was on its
/// way) by the router in the task that puts the first page in; later calls do nothing.
/// The service worker is registered after the frame that shows the page.
pub fn remove_static_shell() {
    let Some(el) = document().get_element_by_id("boot") else {
        return;
    };
    el.remove();
    // After the first page is painted: registering (and the worker's install, which
    // fetches every file) is not what the person waits for.
    after_paint(register_service_worker);
}

/// Opens `backend` with the core's decoding and registers the shared context (tests).
pub fn boot(backend: Box<dyn Backend>) -> App {
    boot_reading(backend, Reader::CORE, false)
}

/// Opens `backend` decoding with `reader` (it always opens) and registers the context;
/// with `lists_later`, the parts of long lists are decoded after the first page.
fn boot_reading(backend: Box<dyn Backend>, reader: Reader, lists_later: bool) -> App {
    match boot_with(backend, Some(reader), lists_later) {
        Ok(app) => app,
        Err(_) => unreachable!("a store with a reader always opens"),
    }
}

/// Opens `backend`, loads the state and registers the shared context; storage that
/// holds records is handed back when there is no `reader`.
fn boot_with(
    backend: Box<dyn Backend>,
    reader: Option<Reader>,
    lists_later: bool,
) -> Result<App, Box<dyn Backend>> {
    let (state, device, report, persistent) = open_store_with(backend, reader, lists_later)?;
    let lang = initial_lang();
    let mut banners = Vec::new();
    if !persistent {
        banners.push(Banner::MemoryOnly);
    }
    if report.recovered_journal {
        banners.push(Banner::Recovered);
    }
    if !report.journals_kept.is_empty() {
        banners.push(Banner::JournalKept);
    }
    if let Some(v) = report.newer_schema {
        banners.push(Banner::NewerData(v));
    }
    let quarantined = with_store(|s| s.quarantined());
    if !quarantined.is_empty() {
        banners.push(Banner::Quarantine(quarantined));
    }
    let app = App {
        state: RwSignal::new(state),
        device: RwSignal::new(device),
        lang: RwSignal::new(lang),
        banners: RwSignal::new(banners),
        flash: RwSignal::new(None),
        clock: RwSignal::new(now()),
        sync: RwSignal::new(SyncStatus::default()),
    };
    APP.with(|a| *a.borrow_mut() = Some(app));
    Ok(app)
}

/// The banner that says changes from another tab were loaded (once).
fn tell_other_tab(app: App) {
    app.banners.update(|b| {
        if !b.contains(&Banner::OtherTab) {
            b.push(Banner::OtherTab)
        }
    });
}

/// Re-reads keys another tab changed (the `storage` event).
pub fn on_storage_event(key: Option<String>) {
    let app = app();
    match key {
        Some(k) if k.starts_with(crate::store::DATA_PREFIX) => with_reader(move || {
            let mut state = app.state.get_untracked();
            let ok = with_store(|s| s.refresh_key(&k, &mut state));
            app.state.set(state);
            if ok {
                tell_other_tab(app);
            }
        }),
        Some(k) if k == crate::store::DEVICE_KEY => {
            let d: Device = with_store(|s| s.device_raw())
                .and_then(|r| serde_json::from_str(&r).ok())
                .unwrap_or_default();
            app.device.set(d);
        }
        Some(_) => {}
        // Storage was cleared in another tab: read everything again.
        None => with_reader(move || {
            let reader = with_store(|s| s.reader());
            if let Ok((state, device, _, _)) = open_store_with(default_backend(), reader, false) {
                app.state.set(state);
                app.device.set(device);
                tell_other_tab(app);
            }
        }),
    }
}
