//! The frame around every page: skip link, header (name, menu, language, who is
//! signed in), banners, the page, and the footer.
use super::router::use_location;
use super::{
    app, dispatch, flash_and_go, href, on_storage_event, save_lang, with_store, Banner, SyncStatus,
};
use crate::ui::router::{Link, LinkLine, TextLink};
use crate::ui::tr;
use crate::ui::Route;
use leptos::prelude::*;
use onboard_core::i18n::{Lang, T};
use onboard_core::{Command, Reply};

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let location = use_location();

    // <html lang> follows the language.
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.get().code());
        }
    });
    // About to use a form: fetch the command code now (see `prefetch_commands`).
    let focus = window_event_listener(leptos::ev::focusin, |_| super::prefetch_commands());
    let press = window_event_listener(leptos::ev::pointerdown, |_| super::prefetch_commands());
    on_cleanup(move || {
        focus.remove();
        press.remove();
    });
    // Other tabs: re-read what they changed.
    let handle = window_event_listener(leptos::ev::storage, move |ev| on_storage_event(ev.key()));
    on_cleanup(move || handle.remove());
    // The clock ticks every 30 s (session expiry shows without a reload).
    if let Ok(h) = set_interval_with_handle(
        move || app.clock.set(super::now()),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || h.clear());
    }
    // On navigation: once the new page is on screen, focus its heading (focusing
    // earlier forced a layout of the half-built page); keep the session alive.
    Effect::new(move |prev: Option<String>| {
        let path = location.pathname.get();
        if prev.as_ref().is_some_and(|p| p != &path) {
            super::focus_after_paint("main h1");
            // Another page: what the last one had typed is left behind (asked already).
            super::leave::settled();
        }
        let device = app.device.get_untracked();
        if device.person.is_some() || device.operator.is_some() {
            dispatch(Command::Touch, |_| ());
        }
        path
    });

    view! {
        <a
            class="skip"
            href="#main"
            // Not a navigation: the router leaves a link with a target alone.
            target="_self"
            on:click=move |ev| {
                ev.prevent_default();
                super::focus_soon("main");
            }
        >
            {tr(T::SkipToContent)}
        </a>
        <Header />
        <Banners />
        <main id="main" tabindex="-1">
            <FlashMessage />
            {children()}
        </main>
        <TourSlot />
        <footer class="site-footer">
            <p>
                {move || {
                    if app.sync.with(|s| s.server.is_none()) {
                        T::DemoNotice.get(lang.get())
                    } else {
                        T::SharedNotice.get(lang.get())
                    }
                }}
            </p>
            <LinkLine to=Route::Data label=T::Data />
        </footer>
    }
}

#[component]
fn Header() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let me = Memo::new(move |_| {
        let now = app.clock.get();
        let device = app.device.get();
        app.state.with(|s| {
            let actor = crate::ui::actor_of(s, &device, now);
            actor
                .person()
                .and_then(|id| s.identity(id))
                .map(|i| (i.email().clone(), i.display_name(lang.get())))
        })
    });
    // The operator's email while the program office is signed in (its account's in
    // shared mode).
    let operator = Memo::new(move |_| {
        let now = app.clock.get();
        let device = app.device.get();
        app.state.with(|s| {
            crate::ui::actor_of(s, &device, now).is_operator().then(|| {
                app.sync
                    .with(SyncStatus::account_email)
                    .map(|e| e.to_string())
                    .or_else(|| s.office().operator_email().map(|e| e.to_string()))
                    .unwrap_or_default()
            })
        })
    });
    // Signed in again after a reload, nothing read yet: the header names the account
    // (its pages say they are reading) beside a sign-out.
    let reading = crate::ui::pages::reading();
    let unread = Memo::new(move |_| {
        let mine = me.get().map(|(e, _)| e);
        app.state.with(|s| s.unread_count(mine.as_ref()))
    });
    let unread_label = move || T::UnreadCount.fill(lang.get(), &[&unread.get().to_string()]);
    // Signs the person out, or (`office`) the program office.
    let sign_out = move |office: bool| {
        if !super::leave::may_leave() {
            return;
        }
        let (cmd, to) = if office {
            (Command::OperatorSignOut, Route::Office)
        } else {
            (Command::SignOut, Route::Home)
        };
        dispatch(cmd, move |reply| {
            if let Ok(Reply::SignedOut | Reply::OperatorSignedOut) = reply {
                flash_and_go(T::SignedOut, vec![], to);
            }
        });
    };
    let set_lang = move |l: Lang| {
        lang.set(l);
        save_lang(l);
    };
    // Which mode this browser is in, always: local, or shared with a server.
    let mode = move || {
        let l = lang.get();
        app.sync.with(|s| match &s.server {
            None => T::ModeLocal.get(l).to_string(),
            Some(url) => {
                let host = url.split("://").nth(1).unwrap_or(url);
                let host = host.split('/').next().unwrap_or(host);
                let waiting =
                    (s.waiting > 0).then(|| T::ModeWaiting.fill(l, &[&s.waiting.to_string()]));
                // Unreachable: how old what is shown is (this tab's copy, after a reload).
                let synced = s.synced.map(|at| {
                    let secs = ((crate::ui::now().0 - at.0).max(0) / 1000).to_string();
                    T::ModeSynced.fill(l, &[&secs])
                });
                let status = match (s.problem, synced) {
                    (Some(crate::ui::ServerProblem::Unreachable), synced) => {
                        let mut u = T::ModeUnreachable.get(l).to_string();
                        if let Some(synced) = synced {
                            u = format!("{u} · {synced}");
                        }
                        u
                    }
                    (_, Some(synced)) => synced,
                    _ => String::new(),
                };
                let mut line = T::ModeShared.fill(l, &[host]);
                for part in [Some(status), waiting].into_iter().flatten() {
                    if !part.is_empty() {
                        line = format!("{line} · {part}");
                    }
                }
                line
            }
        })
    };
    let badge = move || {
        (unread.get() > 0).then(|| {
            view! {
                <span class="badge" aria-label=unread_label>
                    {move || unread.get()}
                </span>
            }
        })
    };
    // On a phone the mode line is inside the menu: its button says that the server
    // cannot be reached (what is shown may be old, and changes wait in this browser).
    let offline = move || {
        app.sync
            .with(|s| {
                s.server.is_some() && s.problem == Some(crate::ui::ServerProblem::Unreachable)
            })
            .then(|| {
                view! {
                    <span class="menu-status">
                        <span class="visually-hidden">{tr(T::ModeUnreachable)}</span>
                        <span aria-hidden="true">{tr(T::MenuOffline)}</span>
                    </span>
                }
            })
    };
    view! {
        <header class="site-header">
            <div class="brand">
                <a href=href(&Route::Home.href()) class="brand-link">
                    <svg
                        class="logo"
                        viewBox="0 0 24 24"
                        width="28"
                        height="28"
                        aria-hidden="true"
                        focusable="false"
                    >
                        <rect x="2" y="2" width="20" height="20" rx="5" fill="currentColor" />
                        <path
                            d="M7 12.5l3.2 3.2L17 9"
                            stroke="#fff"
                            stroke-width="2.4"
                            fill="none"
                            stroke-linecap="round"
                            stroke-linejoin="round"
                        />
                    </svg>
                    <span>{tr(T::AppName)}</span>
                </a>
            </div>
            <button
                type="button"
                class="menu-toggle"
                // Opened and folded by `menu.rs`'s script; its icon is the style sheet's.
                aria-controls="site-menu"
                aria-expanded="false"
            >
                <span class="menu-word">{tr(T::Menu)}</span>
                {badge}
                {offline}
            </button>
            <div id="site-menu" class="site-menu">
                <nav class="main-nav" aria-label=tr(T::MainNav)>
                    <ul>
                        <li>
                            <TextLink to=Route::Sites label=T::CustomerSites />
                        </li>
                        <li>
                            <TextLink to=Route::Partner label=T::PartnerProgram />
                        </li>
                        <li>
                            <Link to=Route::Mailbox>{tr(T::Mailbox)}{badge}</Link>
                        </li>
                        <li>
                            <TextLink to=Route::Office label=T::ProgramOffice />
                        </li>
                    </ul>
                </nav>
                <div class="header-tools">
                    <span class="mode">{mode}</span>
                    <div class="lang-switch" role="group" aria-label=tr(T::Language)>
                        {Lang::ALL
                            .into_iter()
                            .map(|l| {
                                view! {
                                    <button
                                        type="button"
                                        lang=l.code()
                                        aria-pressed=move || {
                                            if lang.get() == l { "true" } else { "false" }
                                        }
                                        on:click=move |_| set_lang(l)
                                    >
                                        {l.native_name()}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </div>
                    {move || {
                        let (to, name, email, office) = match (me.get(), operator.get()) {
                            (Some((email, name)), _) => {
                                (Route::Profile, name, email.to_string(), false)
                            }
                            (None, Some(email)) => {
                                (
                                    Route::Office,
                                    T::ProgramOffice.get(lang.get()).to_string(),
                                    email,
                                    true,
                                )
                            }
                            (None, None) if let Some(r) = reading.get() => {
                                (Route::Profile, String::new(), r.email, false)
                            }
                            (None, None) => {
                                return // The person, or else the program office alone: who, and a sign-out.
                                view! {
                                    <div class="who">
                                        <TextLink to=Route::SignIn label=T::SignIn />
                                    </div>
                                }
                                    .into_any();
                            }
                        };
                        view! {
                            <div class="who">
                                <Link to>
                                    <span class="who-name">{name}</span>
                                    <span class="who-email">{email}</span>
                                </Link>
                                <button
                                    type="button"
                                    class="small"
                                    on:click=move |_| sign_out(office)
                                >
                                    {tr(T::SignOut)}
                                </button>
                            </div>
                        }
                            .into_any()
                    }}
                    {move || {
                        (me.with(Option::is_some) && operator.with(Option::is_some))
                            .then(|| {
                                view! { <span class="op-badge">{tr(T::ProgramOffice)}</span> }
                            })
                    }}
                </div>
            </div>
        </header>
    }
}

split_point!(
    extras,
    fn tour_panel() -> AnyView {
        view! { <super::pages::tour::TourPanel /> }.into_any()
    }
);

/// The guided tour's panel while a tour runs (its code is a module of its own).
#[component]
fn TourSlot() -> impl IntoView {
    let running = super::pages::tour::tour();
    super::router::split_view(move || running.with(Option::is_some), tour_panel)
}

#[component]
fn FlashMessage() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let location = use_location();
    move || {
        let path = location.pathname.get();
        app.flash.get().filter(|f| f.path == path).map(|f| {
            let (k, args) = (f.text, f.args);
            view! {
                <div class="flash" role="status">
                    <span>
                        {move || {
                            let a: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
                            k.fill(lang.get(), &a)
                        }}
                    </span>
                    <button type="button" class="small" on:click=move |_| app.flash.set(None)>
                        {tr(T::Dismiss)}
                    </button>
                </div>
            }
        })
    }
}

/// Downloads the CSV a core export makes (given the state, who asks and now) as
/// `<stem>-<today>.csv`; nothing when the core refuses.
pub fn download_csv(
    stem: &str,
    make: impl FnOnce(
        &onboard_core::State,
        &onboard_core::Actor,
        onboard_core::Timestamp,
    ) -> Result<String, onboard_core::DomainError>,
) {
    let app = crate::ui::app();
    let device = app.device.get_untracked();
    let now = app.clock.get_untracked();
    let csv = app.state.with_untracked(|s| {
        let actor = crate::ui::actor_of(s, &device, now);
        make(s, &actor, now)
    });
    if let Ok(csv) = csv {
        let day = onboard_core::partner::today(now);
        download(&format!("{stem}-{day}.csv"), &csv, "text/csv;charset=utf-8");
    }
}

/// Starts a download of `text` as a file.
pub fn download(name: &str, text: &str, mime: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            if let Some(body) = document().body() {
                let _ = body.append_child(&a);
                a.click();
                a.remove();
            }
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
fn Banners() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let dismiss = move |b: Banner| app.banners.update(|v| v.retain(|x| x != &b));
    view! {
        <div class="banners" aria-live="polite">
            {move || {
                app.banners
                    .get()
                    .into_iter()
                    .map(|b| {
                        let b2 = b.clone();
                        let body = match b.clone() {
                            Banner::MemoryOnly => {
                                view! { <p>{tr(T::BannerMemoryOnly)}</p> }.into_any()
                            }
                            Banner::KeptOffline => {
                                view! { <p>{tr(T::BannerKeptOffline)}</p> }.into_any()
                            }
                            Banner::EntriesKept => {
                                view! { <p>{tr(T::BannerEntriesKept)}</p> }.into_any()
                            }
                            Banner::OfflineRefused(f) => {
                                view! {
                                    <p>
                                        {move || {
                                            T::BannerOfflineRefused
                                                .fill(lang.get(), &[&f.message(lang.get())])
                                        }}
                                    </p>
                                }
                                    .into_any()
                            }
                            Banner::Recovered => {
                                view! { <p>{tr(T::BannerRecovered)}</p> }.into_any()
                            }
                            Banner::NewerData(_) => {
                                view! { <p>{tr(T::BannerNewerData)}</p> }.into_any()
                            }
                            Banner::JournalKept => {
                                view! { <p>{tr(T::BannerJournalKept)}</p> }.into_any()
                            }
                            Banner::OtherTab => view! { <p>{tr(T::BannerOtherTab)}</p> }.into_any(),
                            Banner::NearFull(p) => {
                                view! {
                                    <p>
                                        {move || {
                                            T::BannerNearFull.fill(lang.get(), &[&p.to_string()])
                                        }}" " <Link to=Route::Data>{tr(T::FreeSpaceTitle)}</Link>
                                    </p>
                                }
                                    .into_any()
                            }
                            Banner::NewVersion => {
                                view! {
                                    <p>{tr(T::BannerNewVersion)}</p>
                                    <button
                                        type="button"
                                        class="small"
                                        on:click=move |_| {
                                            let _ = window().location().reload();
                                        }
                                    >
                                        {tr(T::Reload)}
                                    </button>
                                }
                                    .into_any()
                            }
                            Banner::Quarantine(items) => {
                                let n = items.len();
                                let records = items
                                    .into_iter()
                                    .map(|(record, raw)| view! { <QuarantinedRecord record raw /> })
                                    .collect_view();
                                view! {
                                    <p>
                                        {move || {
                                            T::BannerQuarantine.fill(lang.get(), &[&n.to_string()])
                                        }}
                                    </p>
                                    <ul class="quarantine">{records}</ul>
                                }
                                    .into_any()
                            }
                        };
                        let class = match b {
                            Banner::MemoryOnly
                            | Banner::OfflineRefused(_)
                            | Banner::NearFull(_)
                            | Banner::Quarantine(_)
                            | Banner::NewerData(_)
                            | Banner::JournalKept => "banner warn",
                            _ => "banner info",
                        };
                        view! {
                            <div class=class role="status">
                                {body}
                                <button
                                    type="button"
                                    class="small"
                                    on:click=move |_| dismiss(b2.clone())
                                >
                                    {tr(T::Dismiss)}
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// A record set aside at start (unreadable): its key, a download of its text and
/// discarding it (the banner goes when none is left).
#[component]
fn QuarantinedRecord(record: String, raw: String) -> impl IntoView {
    let app = app();
    let name = format!("{}.json", record.replace('/', "_"));
    let discard = {
        let record = record.clone();
        move |_| {
            let _ = with_store(|s| s.discard_quarantined(&record));
            let left = with_store(|s| s.quarantined());
            app.banners.update(|v| {
                v.retain(|x| !matches!(x, Banner::Quarantine(_)));
                if !left.is_empty() {
                    v.push(Banner::Quarantine(left));
                }
            });
        }
    };
    view! {
        <li>
            <code>{record}</code>
            " "
            <button
                type="button"
                class="small"
                on:click=move |_| download(&name, &raw, "application/json")
            >
                {tr(T::Download)}
            </button>
            " "
            <button type="button" class="small danger" on:click=discard>
                {tr(T::Discard)}
            </button>
        </li>
    }
}
