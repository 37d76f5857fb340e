//! The router: the current location as signals, one table of routes, links that
//! navigate in place (history API) and the back/forward buttons.
//!
//! Invariants:
//! * `pathname` is the path below the base (`/sites/123`, never `/onboard/sites/123`);
//!   `search` is the query string with its `?` (or empty).
//! * Only same-origin links under the base, without a target, download or modifier
//!   key, are taken over; everything else (skip links to `#main`, other sites) is the
//!   browser's.
//! * A page is created once per navigation, untracked: what it reads while being
//!   built does not re-create it.
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: RwSignal<String>,
    pub search: RwSignal<String>,
}

thread_local! {
    static LOCATION: Cell<Option<Location>> = const { Cell::new(None) };
}

/// A route: a pattern like `/sites/:site/access` and the page it shows.
pub struct Route {
    pub pattern: &'static str,
    pub page: Page,
}

/// Where a page's code is.
pub enum Page {
    /// In the first download (the home page).
    Now(fn() -> AnyView),
    /// In a module of its own, fetched the first time one of its pages is shown
    /// (see `later!` in `app.rs`); built with the `split` feature.
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

/// The matched route, with its values (a context of the page).
#[derive(Clone, Debug)]
struct Current(Option<onboard_core::route::Route>);

/// The current location (set up by [`Routes`]).
pub fn use_location() -> Location {
    LOCATION.with(|l| l.get()).unwrap_or_else(|| {
        let (pathname, search) = read_location();
        let loc = Location {
            pathname: RwSignal::new(pathname),
            search: RwSignal::new(search),
        };
        LOCATION.with(|l| l.set(Some(loc)));
        loc
    })
}

/// The route of the page being built (with its values, e.g. the site's number on
/// `/sites/:site`); `None` on the "not found" page.
pub fn current() -> Option<onboard_core::route::Route> {
    use_context::<Current>().and_then(|c| c.0)
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

/// Goes to `to`, an absolute URL path with the base (`/onboard/sites?x=1`).
pub fn navigate(to: &str) {
    let w = window();
    let Ok(history) = w.history() else {
        let _ = w.location().set_href(to);
        return;
    };
    if history
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
        .is_err()
    {
        let _ = w.location().set_href(to);
        return;
    }
    sync();
    if !to.contains('#') {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The location bar's path (below the base) and query.
fn read_location() -> (String, String) {
    let l = window().location();
    let path = l.pathname().unwrap_or_default();
    let base = super::base();
    let below = path.strip_prefix(base).unwrap_or(&path);
    let below = if below.starts_with('/') {
        below.to_string()
    } else {
        format!("/{below}")
    };
    (below, l.search().unwrap_or_default())
}

/// Copies the location bar into the signals.
fn sync() {
    let loc = use_location();
    let (path, search) = read_location();
    if loc.pathname.with_untracked(|p| p != &path) {
        loc.pathname.set(path);
    }
    if loc.search.with_untracked(|s| s != &search) {
        loc.search.set(search);
    }
}

/// The route `path` is of (the core's `Route::parse`) and its entry in `routes`.
fn find(
    routes: &'static [Route],
    path: &str,
) -> Option<(&'static Route, onboard_core::route::Route)> {
    let route = onboard_core::route::Route::parse(path)?;
    routes
        .iter()
        .find(|r| r.pattern == route.pattern())
        .map(|r| (r, route))
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

/// The page of the current location; listens to links and the history buttons.
#[component]
pub fn Routes(routes: &'static [Route], fallback: Page) -> impl IntoView {
    let loc = use_location();
    let _ = window_event_listener(leptos::ev::popstate, |_| sync());
    let _ = window_event_listener(leptos::ev::click, on_click);
    // Bumped when a module arrives; the path whose module could not be fetched.
    let arrived = RwSignal::new(0u32);
    let failed = RwSignal::new(None::<String>);
    let first = StoredValue::new(true);
    move || {
        let navigated = !first.get_value();
        first.set_value(false);
        let path = loc.pathname.get();
        arrived.track();
        let (page, current) = match find(routes, &path) {
            Some((r, route)) => (&r.page, Some(route)),
            None => (&fallback, None),
        };
        let unavailable = failed.with(|f| f.as_deref() == Some(path.as_str()));
        untrack(move || {
            provide_context(Current(current));
            if unavailable {
                let retry = move || failed.set(None);
                return super::shell::page_unavailable(retry).into_any();
            }
            show(page, path, navigated, arrived, failed)
        })
    }
}

/// The page now, or "loading" while its module is fetched; then the page is built
/// again (`arrived`), or "could not be loaded" is shown (`failed`).
fn show(
    page: &Page,
    path: String,
    navigated: bool,
    arrived: RwSignal<u32>,
    failed: RwSignal<Option<String>>,
) -> AnyView {
    let split = match page {
        Page::Now(view) => return view(),
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
        Poll::Ready(Ok(view)) => view,
        Poll::Ready(Err(_)) => {
            failed.set(Some(path));
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
                    failed.set(Some(path));
                }
                arrived.update(|n| *n = n.wrapping_add(1));
                if navigated {
                    super::focus_soon("main h1");
                }
            });
            super::shell::page_loading().into_any()
        }
    }
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
    let (path, _) = read_location();
    if let Some((
        Route {
            page: Page::Later(split),
            ..
        },
        _,
    )) = find(routes, &path)
    {
        let _ = (split.load)().await;
    }
}

/// Polls a future once, without a waker: `Ready` if it needs nothing it does not
/// have yet (a split module already there), else `Pending` (then await it).
pub fn poll_once<F: Future + ?Sized>(future: Pin<&mut F>) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

/// Takes over a click on an in-app link.
fn on_click(ev: web_sys::MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(a) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let raw = a.get_attribute("href").unwrap_or_default();
    if raw.starts_with('#')
        || a.has_attribute("download")
        || !matches!(a.target().as_str(), "" | "_self")
        || a.get_attribute("rel")
            .is_some_and(|r| r.contains("external"))
    {
        return;
    }
    let Ok(url) = web_sys::Url::new(&a.href()) else {
        return;
    };
    let here = window().location();
    if Some(url.origin()) != here.origin().ok() {
        return;
    }
    let path = url.pathname();
    let base = super::base();
    if !(base.is_empty() || path == base || path.starts_with(&format!("{base}/"))) {
        return;
    }
    ev.prevent_default();
    navigate(&format!("{path}{}{}", url.search(), url.hash()));
}
