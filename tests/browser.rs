//! Layer 2: the store on real localStorage and components, in headless Chromium.
#![cfg(target_arch = "wasm32")]
use onboard::store::local::LocalBackend;
use onboard::store::*;
use onboard_core::i18n::Lang;
use onboard_core::identity_commands;
use onboard_core::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PW: &str = "correct horse battery";

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear_onboard() {
    let s = storage();
    let keys: Vec<String> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .collect();
    for k in keys.into_iter().filter(|k| k.starts_with("onboard/")) {
        s.remove_item(&k).unwrap();
    }
}

fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

fn create(email: &str) -> Command {
    identity_commands::CreateId {
        email: email.into(),
        family: "山田".into(),
        given: "花子".into(),
        country: "JP".into(),
        mail_lang: Lang::Ja,
        password: PW.into(),
        confirm: PW.into(),
        accept_terms: true,
    }
    .into()
}

fn commit(store: &mut Store, state: &State, cmd: Command, seed: u8) -> Result<State, CommitError> {
    let ctx = Ctx::fixed(now().0, seed);
    let out = apply(state, &Actor::anonymous(), cmd, &ctx).expect("command goes through");
    store.commit(&out.changed, &out.state)?;
    Ok(out.state)
}

fn snapshot(s: &State) -> Vec<(String, String)> {
    s.keys()
        .into_iter()
        .map(|k| {
            (
                onboard::store::keys::path(&k),
                s.aggregate(&k).unwrap().to_string(),
            )
        })
        .collect()
}

fn onboard_items() -> Vec<(String, String)> {
    let s = storage();
    let mut v: Vec<(String, String)> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with("onboard/"))
        .map(|k| {
            let v = s.get_item(&k).unwrap().unwrap();
            (k, v)
        })
        .collect();
    v.sort();
    v
}

#[wasm_bindgen_test]
fn round_trip_on_real_local_storage() {
    clear_onboard();
    let (mut store, state, report) = Store::open(Box::new(LocalBackend::open().unwrap()), now());
    assert!(report.quarantined.is_empty());
    let state = commit(&mut store, &state, create("a@example.com"), 1).unwrap();
    let state = commit(&mut store, &state, create("b@example.com"), 2).unwrap();
    assert!(
        onboard_items()
            .iter()
            .all(|(k, _)| !k.starts_with(journal::PREFIX)),
        "no journal left after a commit"
    );
    let (_, reopened, _) = Store::open(Box::new(LocalBackend::open().unwrap()), now());
    assert_eq!(snapshot(&reopened), snapshot(&state));
    assert_eq!(reopened.identity_count(), 2);
    clear_onboard();
}

/// localStorage measures a value in UTF-16 units without copying it (the opening that
/// leaves lists for later counts them so): the same figure as the value's own, for
/// characters inside and outside the Basic Multilingual Plane; none for a missing key.
#[wasm_bindgen_test]
fn local_storage_measures_a_value_as_its_text() {
    clear_onboard();
    let mut b = LocalBackend::open().unwrap();
    let value = "花子 🎌 Hanako";
    b.set("onboard/v1/measured", value).unwrap();
    assert_eq!(
        b.units("onboard/v1/measured").unwrap(),
        Some(value.encode_utf16().count())
    );
    assert_eq!(value.encode_utf16().count(), value.chars().count() + 1);
    assert_eq!(b.units("onboard/v1/absent").unwrap(), None);
    clear_onboard();
}

#[wasm_bindgen_test]
fn corrupt_values_are_quarantined_on_real_local_storage() {
    clear_onboard();
    let (mut store, state, _) = Store::open(Box::new(LocalBackend::open().unwrap()), now());
    commit(&mut store, &state, create("a@example.com"), 3).unwrap();
    storage()
        .set_item("onboard/v1/mail/0", "{\"schema\":2,\"rev\":1,\"data\":")
        .unwrap();
    let (store, state, report) =
        Store::open(Box::new(LocalBackend::open().unwrap()), Timestamp(42));
    assert_eq!(state.identity_count(), 1, "the rest still loads");
    assert_eq!(state.mail_count(), 0);
    assert_eq!(report.quarantined.len(), 1);
    assert!(storage().get_item("onboard/v1/mail/0").unwrap().is_none());
    assert_eq!(
        storage()
            .get_item("onboard/quarantine/onboard/v1/mail/0/42")
            .unwrap()
            .as_deref(),
        Some("{\"schema\":2,\"rev\":1,\"data\":")
    );
    assert_eq!(store.quarantined().len(), 1);
    clear_onboard();
}

/// Fills localStorage to the last character (until even one more throws
/// QuotaExceededError); returns the filler keys.
fn fill_storage() -> Vec<String> {
    let s = storage();
    let mut keys = Vec::new();
    let mut size = 1 << 20;
    let mut i = 0;
    while size >= 1 {
        let k = format!("filler/{i}");
        let v = "x".repeat(size);
        if s.set_item(&k, &v).is_ok() {
            keys.push(k);
            i += 1;
        } else {
            size /= 2;
        }
    }
    keys
}

#[wasm_bindgen_test]
fn a_failed_save_leaves_storage_and_state_unchanged() {
    clear_onboard();
    let (mut store, state, _) = Store::open(Box::new(LocalBackend::open().unwrap()), now());
    let state = commit(&mut store, &state, create("a@example.com"), 4).unwrap();
    let before = onboard_items();
    let fillers = fill_storage();
    let ctx = Ctx::fixed(now().0, 5);
    let out = apply(&state, &Actor::anonymous(), create("b@example.com"), &ctx).unwrap();
    let r = store.commit(&out.changed, &out.state);
    for k in &fillers {
        storage().remove_item(k).unwrap();
    }
    assert_eq!(
        r,
        Err(CommitError::Quota),
        "real QuotaExceededError maps to Quota"
    );
    assert_eq!(onboard_items(), before, "storage exactly as before");
    assert_eq!(state.identity_count(), 1, "the caller keeps the old state");
    // With room again the same change goes through.
    store.commit(&out.changed, &out.state).unwrap();
    clear_onboard();
}

/// Storage full to the last character is used when it holds Onboard's data (read and
/// kept; the store says it has no room), and left for memory when it holds none (a
/// private window with no quota looks the same).
#[wasm_bindgen_test]
fn a_full_storage_with_onboards_data_is_opened_and_says_it_has_no_room() {
    clear_onboard();
    let fillers = fill_storage();
    assert!(
        LocalBackend::open().is_err(),
        "full, and nothing of Onboard's"
    );
    for k in &fillers[..1] {
        storage().remove_item(k).unwrap();
    }
    let (mut store, state, _) = Store::open(Box::new(LocalBackend::open().unwrap()), now());
    let state = commit(&mut store, &state, create("a@example.com"), 9).unwrap();
    let more = fill_storage();
    let (mut store, reopened, report) =
        Store::open(Box::new(LocalBackend::open().expect("opened")), now());
    assert!(report.quarantined.is_empty());
    assert_eq!(snapshot(&reopened), snapshot(&state), "everything read");
    assert!(!store.has_room());
    assert_eq!(
        commit(&mut store, &reopened, create("b@example.com"), 10).err(),
        Some(CommitError::Quota)
    );
    for k in fillers.iter().chain(&more) {
        storage().remove_item(k).unwrap();
    }
    assert!(store.has_room());
    assert_eq!(storage().get_item(PROBE_KEY).unwrap(), None, "taken back");
    clear_onboard();
}

#[wasm_bindgen_test]
fn two_stores_on_one_local_storage_refuse_stale_writes() {
    clear_onboard();
    let (mut tab1, s1, _) = Store::open(Box::new(LocalBackend::open().unwrap()), now());
    let (mut tab2, mut s2, _) = Store::open(Box::new(LocalBackend::open().unwrap()), now());
    commit(&mut tab1, &s1, create("a@example.com"), 6).unwrap();
    let r = commit(&mut tab2, &s2, create("b@example.com"), 7);
    assert!(matches!(r, Err(CommitError::Conflict(_))), "{r:?}");
    for (k, _) in onboard_items() {
        tab2.refresh_key(&k, &mut s2);
    }
    let s2 = commit(&mut tab2, &s2, create("b@example.com"), 8).unwrap();
    assert_eq!(s2.identity_count(), 2);
    assert_eq!(s2.mail_count(), 2, "tab 1's mail survives");
    clear_onboard();
}

// ---------- components ---------------------------------------------------------------

use leptos::prelude::*;
use onboard::ui::components::form::{CountryField, FormState, TextField};
use onboard_core::{Field, FieldError};

fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.dyn_into().unwrap()
}

async fn tick() {
    wait(20).await
}

async fn wait(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// A warning about another browser's command shows once it has held (a poll landing
/// between that command's writes shows a moment that is not what is there), and goes
/// at once; a page opened on it shows it at once.
#[wasm_bindgen_test]
async fn a_warning_shows_once_it_has_held_and_goes_at_once() {
    use onboard::ui::components::widgets::held;
    let root = container();
    let source = RwSignal::new(false);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let shown = held(Memo::new(move |_| source.get()), 400);
        view! { <p>{move || if shown.get() { "warn" } else { "calm" }}</p> }
    });
    let text = || root.text_content().unwrap_or_default();
    tick().await;
    assert_eq!(text(), "calm");
    source.set(true);
    wait(250).await;
    assert_eq!(text(), "calm", "not shown before it held");
    // Gone and back: the hold starts again (the first one's time passes meanwhile).
    source.set(false);
    tick().await;
    source.set(true);
    wait(200).await;
    assert_eq!(text(), "calm", "the hold restarts with each change");
    wait(300).await;
    assert_eq!(text(), "warn", "shown once it held");
    source.set(false);
    tick().await;
    assert_eq!(text(), "calm", "gone at once");
    drop(handle);

    let opened = container();
    let handle = leptos::mount::mount_to(opened.clone(), move || {
        let shown = held(Memo::new(move |_| true), 300);
        view! { <p>{move || if shown.get() { "warn" } else { "calm" }}</p> }
    });
    tick().await;
    assert_eq!(opened.text_content().unwrap_or_default(), "warn");
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_field_shows_its_error_and_clears_it_on_input() {
    clear_onboard();
    let app = onboard::ui::boot(Box::new(MemoryBackend::new()));
    app.lang.set(Lang::En);
    let form = FormState::new();
    let value = RwSignal::new("nope".to_string());
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            // No label given: the field's own name (`words::field_label`).
            <TextField field=Field::Email value form kind="email" />
        }
    });
    let input: web_sys::HtmlInputElement = root
        .query_selector("input")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let label = root.query_selector("label").unwrap().unwrap();
    assert_eq!(
        label.get_attribute("for").as_deref(),
        Some(input.id().as_str()),
        "label names the input"
    );
    assert_eq!(label.text_content().unwrap().trim(), "Email address");
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    form.errors
        .set(vec![(Field::Email, FieldError::EmailFormat)]);
    tick().await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let err_id = input.get_attribute("aria-describedby").unwrap();
    let err = root.query_selector(&format!("#{err_id}")).unwrap().unwrap();
    assert!(err
        .text_content()
        .unwrap()
        .contains("Enter an email address like name@example.com"));
    // The message follows the language.
    app.lang.set(Lang::Ja);
    tick().await;
    assert!(err
        .text_content()
        .unwrap()
        .contains("eメール・アドレスの形式が正しくありません"));
    assert_eq!(input.value(), "nope", "what was typed is kept");
    // Typing clears only this field's error.
    input.set_value("a@example.com");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    assert_eq!(value.get_untracked(), "a@example.com");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_select_shows_its_options_with_the_chosen_one_in_the_current_language() {
    clear_onboard();
    let app = onboard::ui::boot(Box::new(MemoryBackend::new()));
    app.lang.set(Lang::En);
    let form = FormState::new();
    let value = RwSignal::new("JP".to_string());
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <CountryField value form placeholder=onboard_core::i18n::P::Choose /> }
    });
    tick().await;
    let select: web_sys::HtmlSelectElement = root
        .query_selector("select")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    // (value attribute, text) of the option at `i`.
    let option = |i: i32| {
        let o = select.item(i as u32).expect("an option");
        (
            o.get_attribute("value").unwrap_or_default(),
            o.text_content().unwrap_or_default(),
        )
    };
    assert_eq!(
        select.length() as usize,
        onboard_core::text::COUNTRIES.len() + 1,
        "the placeholder and every country"
    );
    assert_eq!(option(0), ("".into(), "Choose…".into()));
    assert_eq!(
        select.value(),
        "JP",
        "the value chosen is the option selected"
    );
    assert_eq!(
        option(select.selected_index()),
        ("JP".into(), "Japan".into())
    );
    // Another language: the options' words change, the choice stays.
    app.lang.set(Lang::Ja);
    tick().await;
    assert_eq!(select.value(), "JP");
    assert_eq!(
        option(select.selected_index()),
        ("JP".into(), "日本".into())
    );
    // A value set by the page, and one chosen by the person.
    value.set("DE".into());
    tick().await;
    assert_eq!(select.value(), "DE");
    select.set_value("FR");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(value.get_untracked(), "FR");
    drop(handle);
    root.remove();
}

/// Resolves after the next animation frame and a task after it (a painted frame).
async fn frame() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let w = web_sys::window().unwrap();
        let then = wasm_bindgen::closure::Closure::once_into_js(move || {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        w.request_animation_frame(then.unchecked_ref()).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_title_is_set_after_the_frame_and_the_last_one_asked_for_wins() {
    let doc = web_sys::window().unwrap().document().unwrap();
    doc.set_title("before");
    onboard::ui::set_title("first | Onboard".into());
    onboard::ui::set_title("second | Onboard".into());
    if doc.hidden() {
        // A hidden tab paints nothing: its title is set at once.
        assert_eq!(doc.title(), "second | Onboard");
    } else {
        assert_eq!(doc.title(), "before", "not in the page's own task");
        frame().await;
        frame().await;
        assert_eq!(doc.title(), "second | Onboard");
    }
}

/// Runs `f` with storage really blocked by `block` (JavaScript that breaks it), and
/// undoes it afterwards with `unblock`.
fn with_blocked_storage<R>(block: &str, unblock: &str, f: impl FnOnce() -> R) -> R {
    let run = |code: &str| {
        js_sys::Function::new_no_args(code)
            .call0(&wasm_bindgen::JsValue::NULL)
            .expect("test script runs")
    };
    run(block);
    let r = f();
    run(unblock);
    r
}

#[wasm_bindgen_test]
async fn the_app_starts_on_a_memory_store_when_storage_is_blocked() {
    // 1. Reading `window.localStorage` throws (storage blocked for the site).
    let blocked_getter = (
        "window.__ls = Object.getOwnPropertyDescriptor(window, 'localStorage'); \
         Object.defineProperty(window, 'localStorage', { configurable: true, \
           get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
        "Object.defineProperty(window, 'localStorage', window.__ls);",
    );
    // 2. Storage is there but every write throws (a private window with no quota).
    let refusing_writes = (
        "window.__set = Storage.prototype.setItem; \
         Storage.prototype.setItem = function () { \
           throw new DOMException('quota', 'QuotaExceededError'); };",
        "Storage.prototype.setItem = window.__set;",
    );
    for (block, unblock) in [blocked_getter, refusing_writes] {
        let (persistent, app) = with_blocked_storage(block, unblock, || {
            assert!(
                LocalBackend::open().is_err(),
                "the backend sees it: {block}"
            );
            let backend = onboard::ui::default_backend();
            let persistent = backend.persistent();
            (persistent, onboard::ui::boot(backend))
        });
        assert!(!persistent, "memory, not localStorage");
        assert!(
            app.banners
                .get_untracked()
                .contains(&onboard::ui::Banner::MemoryOnly),
            "the user is told changes are not kept"
        );
    }
    assert!(
        LocalBackend::open().is_ok(),
        "storage is back for the other tests"
    );
}

/// Matching a path to a route is the core's (`Route::parse`, tested natively); here,
/// the nav's "current page" marks.
#[wasm_bindgen_test]
fn a_link_is_current_on_its_page_and_below() {
    use onboard::ui::router::is_current;
    // The nav marks a section from its own page down, and home only at home.
    assert!(is_current("/sites", "/sites"));
    assert!(is_current("/sites", "/sites/1234567/access"));
    assert!(!is_current("/sites", "/sitesx"));
    assert!(is_current("/", "/"));
    assert!(!is_current("/", "/sites"));
    assert!(is_current("/mail?to=a%40b.c", "/mail"));
}

/// The router's table and the route table the build reads (page files, preloads)
/// name the same routes, in the same order, in the same parts.
#[wasm_bindgen_test]
fn the_build_knows_every_route_and_its_part() {
    assert_eq!(
        onboard::ui::routes::route_parts(),
        onboard::route_table::ROUTES.to_vec()
    );
}

/// The router's table has a page for every route of the core, in the core's order
/// (links and mails name the core's routes; the router picks a page by them).
#[wasm_bindgen_test]
fn the_router_has_a_page_for_every_route() {
    let patterns: Vec<&str> = onboard::ui::routes::route_parts()
        .iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(patterns, onboard::ui::Route::PATTERNS.to_vec());
}

// The patched tachys (vendor/tachys/PATCH.md): an element's children are built without
// an end-marker comment, and still grow, shrink, empty and fill again in their place;
// a fragment keeps its marker and does the same between its siblings.

use leptos::tachys::view::iterators::StaticVec;

/// The views of `words`, one text each, as `view!` gives several children.
fn texts(words: &[&'static str]) -> StaticVec<AnyView> {
    words
        .iter()
        .map(|w| w.to_string().into_any())
        .collect::<Vec<_>>()
        .into()
}

/// The comment nodes under `node`.
fn comments(node: &web_sys::Node) -> u32 {
    let mut count = 0;
    let mut child = node.first_child();
    while let Some(c) = child {
        count += u32::from(c.node_type() == web_sys::Node::COMMENT_NODE) + comments(&c);
        child = c.next_sibling();
    }
    count
}

/// Sets `words` to each of `steps` in turn and checks that `root` shows them between
/// "before" and "after"; `also` checks more for each step.
async fn show_in_turn(
    root: &web_sys::HtmlElement,
    words: RwSignal<Vec<&'static str>>,
    steps: &[&[&'static str]],
    also: impl Fn(&[&str]),
) {
    for step in steps {
        words.set(step.to_vec());
        tick().await;
        assert_eq!(
            root.text_content().unwrap(),
            format!("before{}after", step.concat()),
            "{step:?}"
        );
        also(step);
    }
}

#[wasm_bindgen_test]
fn a_built_page_has_no_end_markers_around_its_elements_children() {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <ul>
                <li>"one"</li>
                <li>"two " <b>"three"</b></li>
            </ul>
            <p>"four"</p>
        }
    });
    // The two views side by side are a fragment: it keeps its marker, at its end.
    assert_eq!(
        root.inner_html(),
        "<ul><li>one</li><li>two <b>three</b></li></ul><p>four</p><!---->"
    );
    assert_eq!(comments(&root), 1);
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn an_elements_children_grow_shrink_empty_and_fill_again_in_place() {
    let words = RwSignal::new(vec!["a", "b"]);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <i>"before"</i>
            {move || leptos::html::p().child(texts(&words.get())).into_any()}
            <i>"after"</i>
        }
    });
    let p = root.query_selector("p").unwrap().unwrap();
    assert_eq!(comments(&p), 0, "no marker while it has children");
    show_in_turn(
        &root,
        words,
        &[&["a", "b", "c"], &[], &["d"], &["e", "f", "g"], &["h"]],
        |step| {
            let p_now = root.query_selector("p").unwrap().unwrap();
            assert!(
                p_now.is_same_node(Some(&p)),
                "the same <p> is kept ({step:?})"
            );
            assert_eq!(p.text_content().unwrap(), step.concat(), "{step:?}");
        },
    )
    .await;
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_fragment_grows_shrinks_empties_and_fills_again_between_its_siblings() {
    let words = RwSignal::new(vec!["a", "b"]);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <i>"before"</i>
            {move || texts(&words.get())}
            <i>"after"</i>
        }
    });
    assert_eq!(root.text_content().unwrap(), "beforeabafter");
    show_in_turn(
        &root,
        words,
        &[
            &["a", "b", "c"],
            &["d"],
            &[],
            &["e", "f"],
            &["g", "h", "i", "j"],
        ],
        |_| {},
    )
    .await;
    drop(handle);
    root.remove();
}

/// `fmt_time` writes the date and time this browser's `Intl.DateTimeFormat` writes in
/// its own time zone: in Japanese the same text (ja-JP, numeric fields); in English the
/// same fields (en-GB's), with the month named ("21 Sep 2026, 14:13:20"). The core's
/// test covers other zones.
#[wasm_bindgen_test]
fn dates_read_as_the_browsers_intl_writes_them() {
    use wasm_bindgen::JsValue;
    let options = js_sys::Object::new();
    for part in ["year", "month", "day", "hour", "minute", "second"] {
        js_sys::Reflect::set(&options, &part.into(), &"numeric".into()).unwrap();
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    for ts in [
        0,
        946_641_600_000,
        1_767_571_389_000,
        1_785_542_399_000,
        1_790_000_000_000,
        now().0,
    ] {
        for (lang, locale) in [(Lang::Ja, "ja-JP"), (Lang::En, "en-GB")] {
            let format =
                js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&locale.into()), &options);
            let date = js_sys::Date::new(&JsValue::from_f64(ts as f64));
            let intl = format
                .format()
                .call1(&JsValue::UNDEFINED, &date)
                .unwrap()
                .as_string()
                .unwrap();
            let want = match lang {
                Lang::Ja => intl,
                // "21/09/2026, 14:13:20" -> "21 Sep 2026, 14:13:20"
                Lang::En => {
                    let (day, rest) = intl.split_once(", ").unwrap();
                    let f: Vec<&str> = day.split('/').collect();
                    let month: usize = f[1].parse().unwrap();
                    let d: u32 = f[0].parse().unwrap();
                    format!("{d} {} {}, {rest}", MONTHS[month - 1], f[2])
                }
            };
            assert_eq!(
                onboard::ui::components::widgets::fmt_time(Timestamp(ts), lang),
                want,
                "{ts} in {locale}"
            );
        }
    }
}

// ---------- lists built in one call (batch) -------------------------------------------

use onboard::ui::components::batch::{self, Batch};

#[wasm_bindgen_test]
fn a_batch_builds_its_elements_and_shows_markup_as_text() {
    let root = container();
    let hostile = "<img src=x onerror=\"alert(1)\"> & \0 end";
    let shown = hostile.replace('\0', "\u{FFFD}");
    let write = |b: &mut Batch| {
        b.open("p")
            .attr("class", "x")
            .attr("data-key", hostile)
            .text(hostile);
        b.open("br").close();
        b.leaf("span", &[("class", "tag")], "");
        b.close();
        b.row_button("edit", "a@example.jp", "Edit", "a@example.jp", "small");
        // An event handler is never set, whatever the name.
        b.open("i").attr("onclick", "alert(1)").text("t").close();
    };
    let mut b = Batch::new();
    write(&mut b);
    let ops = b.into_ops();
    batch::fill(&root, &ops);
    // Filled again: the same children, not twice as many.
    batch::fill(&root, &ops);
    let mut tags = Vec::new();
    let mut child = root.first_element_child();
    while let Some(e) = child {
        tags.push(e.tag_name());
        child = e.next_element_sibling();
    }
    assert_eq!(tags, ["P", "BUTTON", "I"]);
    let p = root.query_selector("p").unwrap().unwrap();
    assert_eq!(p.get_attribute("class").as_deref(), Some("x"));
    assert_eq!(p.get_attribute("data-key"), Some(shown.clone()));
    // The markup is text: no element was made of it.
    assert_eq!(p.text_content(), Some(shown.clone()));
    assert!(root.query_selector("img").unwrap().is_none());
    assert_eq!(p.child_element_count(), 2, "the <br> and the empty span");
    let span = root.query_selector("p span.tag").unwrap().unwrap();
    assert!(
        span.first_child().is_none(),
        "an empty leaf has no text node"
    );
    let button = root.query_selector("button").unwrap().unwrap();
    for (name, value) in [
        ("type", "button"),
        ("class", "small"),
        ("data-act", "edit"),
        ("data-key", "a@example.jp"),
        ("aria-label", "Edit a@example.jp"),
    ] {
        assert_eq!(button.get_attribute(name).as_deref(), Some(value), "{name}");
    }
    assert_eq!(button.text_content().as_deref(), Some("Edit"));
    let i = root.query_selector("i").unwrap().unwrap();
    assert!(!i.has_attribute("onclick"));
    assert_eq!(i.text_content().as_deref(), Some("t"));
    // An empty batch empties the element.
    batch::fill(&root, &Batch::new().into_ops());
    assert!(root.first_child().is_none());
    root.remove();
}
