//! Routing, on leptos_router: its `Router` keeps the location, the history, in-app
//! link clicks and the back button; its `Routes` picks the page. `routes.rs` declares
//! every route once (`routes!`): its `path!` (the core's pattern), the part its page's
//! code is in and who may see it. Here: the location as the pages read it, going to an
//! address, in-app links (`Link`), and a page whose code is in a split module (with
//! its "Loading…" and "could not be loaded" views).
//!
//! Invariants:
//! * `Location::pathname` is the path below the base (`/sites/123`, never
//!   `/onboard/sites/123`); `search` is the query string with its `?` (or empty).
//! * A page is built once per address: again when the path changes within its route
//!   (`/sites/1` to `/sites/2`), not when only the query changes, never for another
//!   route's address (leptos_router replaces it then). Built untracked: what it reads
//!   while being built does not re-create it.
//! * A page whose module is not there yet shows "Loading…" and is built once it is,
//!   or says it could not be loaded, with Try again.
use crate::ui::components::widgets::PageTitle;
use crate::ui::tr;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::NavigateOptions;
use onboard_core::i18n::T;
use onboard_core::route::Route as To;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

/// The location as the pages read it (see the invariants).
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: Memo<String>,
    pub search: Memo<String>,
}

/// leptos_router's navigation, kept by [`install`]: to an address, in place or not.
type Navigate = Rc<dyn Fn(&str, bool)>;

thread_local! {
    static LOCATION: RefCell<Option<Location>> = const { RefCell::new(None) };
    static NAVIGATE: RefCell<Option<Navigate>> = const { RefCell::new(None) };
}

/// A route of the table: its pattern and the page it shows.
pub struct Route {
    pub pattern: &'static str,
    pub page: Page,
}

/// Where a page's code is.
pub enum Page {
    /// In the first download (the home page).
    Now(fn() -> AnyView),
    /// In a module of its own, fetched the first time one of its pages is shown
    /// (see `later!` in `routes.rs`); built with the `split` feature.
    Later(Split),
}

/// A result that waits for a split module.
pub type Loading<T> = Pin<Box<dyn Future<Output = Result<T, SplitLoaderError>>>>;

/// The two halves of a page in a split module: fetch its module; build the page
/// (once the module is there, this is ready at the first poll).
pub struct Split {
    /// The split module's name (`later!`'s first argument).
    pub part: &'static str,
    pub load: fn() -> Loading<()>,
    pub view: fn() -> Loading<AnyView>,
}

/// Keeps the router's location and navigation for the whole app (called once, inside
/// `<Router>`, by `routes::App`): callbacks outside any component can go somewhere.
pub fn install() {
    let router = leptos_router::hooks::use_location();
    let pathname = Memo::new(move |_| router.pathname.with(|p| below_base(p)));
    let search = Memo::new(move |_| {
        router.search.with(|s| {
            if s.is_empty() || s.starts_with('?') {
                s.clone()
            } else {
                format!("?{s}")
            }
        })
    });
    LOCATION.with(|l| *l.borrow_mut() = Some(Location { pathname, search }));
    let navigate = leptos_router::hooks::use_navigate();
    NAVIGATE.with(|n| {
        *n.borrow_mut() = Some(Rc::new(move |to: &str, in_place: bool| {
            let options = NavigateOptions {
                replace: in_place,
                scroll: !in_place,
                ..NavigateOptions::default()
            };
            navigate(to, options)
        }))
    });
}

/// The current location (see [`install`]).
pub fn use_location() -> Location {
    LOCATION
        .with(|l| *l.borrow())
        .expect("the router is installed before any page is built")
}

/// The route of the current address, with its values (the site's number on
/// `/sites/:site`, ...); `None` where no route matches ("not found").
pub fn current() -> Option<To> {
    To::parse(&use_location().pathname.get_untracked())
}

/// A query parameter of the current URL (decoded), reactive.
pub fn query(name: &'static str) -> Memo<String> {
    let loc = use_location();
    Memo::new(move |_| {
        loc.search.with(|s| {
            web_sys::UrlSearchParams::new_with_str(s)
                .ok()
                .and_then(|p| p.get(name))
                .unwrap_or_default()
        })
    })
}

/// Goes to `to`, an address below the base (`/sites?x=1`); the router adds the base,
/// keeps the history and scrolls to the top.
pub fn navigate(to: &str) {
    go_to(to, false);
}

fn go_to(to: &str, in_place: bool) {
    let go = NAVIGATE.with(|n| n.borrow().clone());
    match go {
        Some(go) => go(to, in_place),
        None => {
            let _ = window().location().set_href(&super::path_href(to));
        }
    }
}

/// A list's page (from 0) kept in the address as `?page=N` (from 1; none for the
/// first), so a reload, a shared link and Back from a page the list links to come back
/// to it. Turning the page rewrites the address in place: no history entry, no scroll.
/// A page past the last shows the last.
pub fn page_in_address(pages: Signal<usize>) -> RwSignal<usize> {
    let asked = query("page");
    let from_address = move || {
        let p = asked.with(|q| q.parse::<usize>().unwrap_or(1).saturating_sub(1));
        p.min(pages.get().saturating_sub(1))
    };
    let page = RwSignal::new(untrack(from_address));
    // The address moved (Back, a link): the list follows.
    Effect::new(move |_| {
        let p = from_address();
        if page.get_untracked() != p {
            page.set(p);
        }
    });
    // The list's page turned: the address follows.
    Effect::new(move |_| {
        let p = page.get();
        if untrack(from_address) != p {
            let page = if p == 0 {
                String::new()
            } else {
                (p + 1).to_string()
            };
            go_to(&address_where(&[("page", &page)]), true);
        }
    });
    page
}

/// The current address (below the base) with each query parameter of `set` set to its
/// value, or removed where that is empty; the others kept.
fn address_where(set: &[(&str, &str)]) -> String {
    let loc = use_location();
    let path = loc.pathname.get_untracked();
    let query = web_sys::UrlSearchParams::new_with_str(&loc.search.get_untracked())
        .ok()
        .map(|q| {
            for (key, value) in set {
                if value.is_empty() {
                    q.delete(key);
                } else {
                    q.set(key, value);
                }
            }
            String::from(q.to_string())
        })
        .filter(|q| !q.is_empty());
    query.map_or(path.clone(), |q| format!("{path}?{q}"))
}

/// The current address with query parameter `key` set to `value` (removed when empty)
/// and without a page: another choice of a list's filter, keeping its other filters
/// (what is typed, a status).
pub fn address_with(key: &str, value: &str) -> String {
    address_where(&[("page", ""), (key, value)])
}

/// What is typed in a list's text filter, kept in the address as `?q=` (none when
/// nothing is), so a reload, a shared link and Back from a page the list links to come
/// back to the same list; a link may open a list filtered (`?q=PW-2026-000024`).
/// Typing rewrites the address in place (no history entry) and leaves the page (see
/// [`filtered_page_in_address`]); an address with other words (a link) puts them in
/// the box. Exactly what is typed, spaces included.
pub fn text_in_address() -> RwSignal<String> {
    let asked = query("q");
    let text = RwSignal::new(asked.get_untracked());
    // The address moved (a link to the list): the box follows.
    Effect::new(move |_| {
        let q = asked.get();
        if text.with_untracked(|t| *t != q) {
            text.set(q);
        }
    });
    // Typed: the address follows.
    Effect::new(move |_| {
        let t = text.get();
        if asked.with_untracked(|q| *q != t) {
            go_to(&address_with("q", &t), true);
        }
    });
    text
}

/// [`page_in_address`] of a list filtered by what is typed in `filter`: other words
/// typed go to the first page (not at the start: the address's page holds).
pub fn filtered_page_in_address(pages: Signal<usize>, filter: RwSignal<String>) -> RwSignal<usize> {
    let page = page_in_address(pages);
    Effect::new(move |started: Option<()>| {
        filter.track();
        if started.is_some() {
            page.set(0);
        }
    });
    page
}

/// Whether the app starts on the home page (the address, before the router is there).
pub fn starts_at_home() -> bool {
    To::parse(&read_path()).map(|r| r.pattern()) == Some("/")
}

/// The path (below the base) of the address bar, before the router is there.
fn read_path() -> String {
    below_base(&window().location().pathname().unwrap_or_default())
}

/// A URL path (`/onboard/sites/1`) as the path below the app's base (`/sites/1`).
fn below_base(path: &str) -> String {
    let below = path.strip_prefix(super::base()).unwrap_or(path);
    if below.starts_with('/') {
        below.to_string()
    } else {
        format!("/{below}")
    }
}

thread_local! {
    /// Whether the first page (the one the app started on) was built: later pages are
    /// navigations, whose heading gets the focus once their module arrives.
    static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The view of `route`'s page (leptos_router builds it when its route matches; see
/// the invariants for when it is built again).
pub fn page_view(route: &'static Route) -> AnyView {
    let loc = use_location();
    let pattern = route.pattern;
    // The address while it is this route's: a move to another route's address, for
    // which leptos_router is about to replace this view, does not rebuild the page.
    let path = Memo::new(move |prev: Option<&String>| {
        let now = loc.pathname.get();
        match prev {
            Some(prev) if To::parse(&now).map(|r| r.pattern()) != Some(pattern) => prev.clone(),
            _ => now,
        }
    });
    // Bumped when the module arrives; set when it could not be fetched.
    let arrived = RwSignal::new(0u32);
    let failed = RwSignal::new(false);
    (move || {
        let path = path.get();
        arrived.track();
        // Lists the start left for later are read before any other page is built.
        if pattern != "/" {
            untrack(super::read_lists_now);
        }
        let navigated = STARTED.with(|s| s.replace(true));
        if navigated {
            super::release_focus_in_main();
        }
        if failed.get() {
            let retry = move || failed.set(false);
            super::remove_static_shell();
            return untrack(|| page_unavailable(retry).into_any());
        }
        untrack(move || show(&route.page, path, navigated, arrived, failed))
    })
    .into_any()
}

/// The page now, or "loading" while its module is fetched; then the page is built
/// again (`arrived`), or "could not be loaded" is shown (`failed`).
fn show(
    page: &Page,
    path: String,
    navigated: bool,
    arrived: RwSignal<u32>,
    failed: RwSignal<bool>,
) -> AnyView {
    let split = match page {
        Page::Now(view) => {
            super::remove_static_shell();
            return view();
        }
        Page::Later(split) => split,
    };
    let mut load = (split.load)();
    let ready = match poll_once(load.as_mut()) {
        // Once the module is there, the page is ready at the first poll.
        Poll::Ready(Ok(())) => poll_once((split.view)().as_mut()),
        Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
        Poll::Pending => Poll::Pending,
    };
    match ready {
        Poll::Ready(Ok(view)) => {
            super::remove_static_shell();
            view
        }
        Poll::Ready(Err(_)) => {
            failed.set(true);
            ().into_any()
        }
        Poll::Pending => {
            leptos::task::spawn_local(async move {
                let ok = load.await.is_ok();
                // Built again only if the user is still waiting for it (a page
                // visited since, perhaps with a half-filled form, is left alone).
                if use_location().pathname.get_untracked() != path {
                    return;
                }
                if !ok {
                    failed.set(true);
                }
                arrived.update(|n| *n = n.wrapping_add(1));
                if navigated {
                    super::focus_after_paint("main h1");
                }
            });
            page_loading().into_any()
        }
    }
}

/// A route's path segments (`path!` of its pattern), behind one type: every route
/// is then the same type, whose matching and building code exists once (one type per
/// route, erased as leptos_router's `AnyNestedRoute`, cost 7 KB more of the main
/// module, 0.9 KB gzip).
pub type Segments = Arc<dyn leptos_router::PossibleRouteMatch + Send + Sync>;

/// leptos_router's definition of a route: its path segments and its page from the
/// table (the same type for every route).
pub fn definition(
    segments: Segments,
    route: &'static Route,
) -> impl leptos_router::MatchNestedRoutes + Clone + Send + 'static {
    leptos_router::NestedRoute::new(segments, move || page_view(route))
}

/// Whether a link to `to` (below the base) is the current page or one below it.
pub fn is_current(to: &str, path: &str) -> bool {
    let to = to
        .split(['?', '#'])
        .next()
        .unwrap_or(to)
        .trim_end_matches('/');
    let path = path.trim_end_matches('/');
    if to.is_empty() {
        return path.is_empty();
    }
    path == to
        || path
            .strip_prefix(to)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// A view whose code is in a split module, shown while `when` holds: nothing until
/// the module is there (fetched on the first need), then the view; nothing if it
/// cannot be fetched (what it shows is extra, never the page itself).
pub fn split_view<F>(
    when: impl Fn() -> bool + Send + Sync + 'static,
    load: fn() -> F,
) -> impl IntoView
where
    F: Future<Output = Result<AnyView, leptos::wasm_split::SplitLoaderError>> + 'static,
{
    let arrived = RwSignal::new(false);
    move || {
        arrived.track();
        if !when() {
            return ().into_any();
        }
        let mut view = Box::pin(load());
        match poll_once(view.as_mut()) {
            Poll::Ready(Ok(v)) => v,
            Poll::Ready(Err(_)) => ().into_any(),
            Poll::Pending => {
                leptos::task::spawn_local(async move {
                    if view.await.is_ok() {
                        arrived.set(true);
                    }
                });
                ().into_any()
            }
        }
    }
}

/// Waits until the page at the current address can be built at once: its module is
/// there (or could not be fetched; then the page says so). Ready at once for a
/// `Page::Now`.
pub async fn first_page_ready(routes: &'static [Route]) {
    let pattern = To::parse(&read_path()).map(|r| r.pattern());
    if let Some(Route {
        page: Page::Later(split),
        ..
    }) = routes.iter().find(|r| Some(r.pattern) == pattern)
    {
        let _ = (split.load)().await;
    }
}

/// Polls a future once, without a waker: `Ready` if it needs nothing it does not
/// have yet (a split module already there), else `Pending` (then await it).
pub fn poll_once<F: Future + ?Sized>(future: Pin<&mut F>) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

/// An in-app link that respects the base path.
#[component]
pub fn Link(#[prop(into)] to: crate::ui::Href, children: Children) -> impl IntoView {
    let loc = use_location();
    let url = crate::ui::href(&to);
    view! {
        <a
            href=url
            aria-current=move || {
                loc.pathname.with(|p| is_current(to.path(), p)).then_some("page")
            }
        >
            {children()}
        </a>
    }
}

/// A link whose words are `label` in the current language.
#[component]
pub fn TextLink(
    #[prop(into)] to: crate::ui::Href,
    #[prop(into)] label: onboard_core::i18n::Text,
) -> impl IntoView {
    view! { <Link to>{tr(label)}</Link> }
}

/// A paragraph of one [`TextLink`]: the way back, or on, under a page's content.
#[component]
pub fn LinkLine(
    #[prop(into)] to: crate::ui::Href,
    #[prop(into)] label: onboard_core::i18n::Text,
) -> impl IntoView {
    view! {
        <p>
            <TextLink to label />
        </p>
    }
}

/// Shown while a page's module is being fetched (the first visit to a part).
pub fn page_loading() -> impl IntoView {
    view! {
        <section class="page-loading" aria-busy="true">
            <p role="status">{tr(T::PageLoading)}</p>
        </section>
    }
}

/// Shown when a page's module could not be fetched (offline before it was cached).
pub fn page_unavailable(retry: impl Fn() + 'static) -> impl IntoView {
    view! {
        <section>
            <PageTitle key=T::PageUnavailableTitle />
            <p role="alert">{tr(T::PageUnavailableText)}</p>
            <p>
                <button type="button" on:click=move |_| retry()>
                    {tr(T::TryAgain)}
                </button>
            </p>
        </section>
    }
}
