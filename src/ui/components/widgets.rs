//! Small display pieces.
use crate::ui::app;
use crate::ui::tr;
use leptos::prelude::*;
use onboard_core::i18n::{Lang, Text, P, T};
use onboard_core::Timestamp;

/// A local date and time in the user's language ("2026/12/1 9:05:00", "1 Dec 2026,
/// 09:05:00"), in the browser's time zone at that instant. The core writes it (`calendar::format_local`): an `Intl`
/// object would cost the first list of a page 0.5 ms to make.
pub fn fmt_time(ts: Timestamp, lang: Lang) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ts.0 as f64));
    // Minutes behind UTC (-540 in Japan); whole minutes for any date the app keeps.
    let behind = d.get_timezone_offset();
    let offset = if behind.is_finite() {
        -(behind * 60_000.0).round() as i64
    } else {
        0
    };
    onboard_core::calendar::format_local(ts, offset, lang)
}

/// How long a warning about another browser's command (an approval not finished)
/// must hold before it is shown: in shared mode a poll can land between the writes of
/// a command made elsewhere, and what it shows for that moment is not what is there.
pub const WARNING_HOLD_MS: u64 = 5_000;

/// `value` as a warning shows it: a change to anything but `T::default()` (false,
/// none) shows once it has held for `ms`; a change back to the default at once; the
/// first value at once (what a page opens on is not a moment between two writes).
pub fn held<T>(value: Memo<T>, ms: u64) -> ReadSignal<T>
where
    T: Clone + PartialEq + Default + Send + Sync + 'static,
{
    let shown = RwSignal::new(value.get_untracked());
    // Which change is the latest: a timer shows its value only if none came after it.
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let now = value.get();
        let this = latest.get_value() + 1;
        latest.set_value(this);
        if now == T::default() {
            shown.set(now);
            return;
        }
        set_timeout(
            move || {
                if latest.try_get_value() == Some(this) {
                    shown.try_set(now);
                }
            },
            std::time::Duration::from_millis(ms),
        );
    });
    shown.read_only()
}

/// A warning about what another browser's command may still be writing (an approval
/// not finished), computed by `f`: [`held`] for [`WARNING_HOLD_MS`].
pub fn held_warning<T>(f: impl Fn() -> T + Send + Sync + 'static) -> ReadSignal<T>
where
    T: Clone + PartialEq + Default + Send + Sync + 'static,
{
    held(Memo::new(move |_| f()), WARNING_HOLD_MS)
}

/// A value people copy (codes, numbers, tokens): monospace with a copy button.
#[component]
pub fn CopyValue(value: String) -> impl IntoView {
    let lang = app().lang;
    let copied = RwSignal::new(false);
    let v = value.clone();
    view! {
        <span class="copy-value">
            <code class="mono">{value}</code>
            <button
                type="button"
                class="small"
                on:click=move |_| {
                    let clip = window().navigator().clipboard();
                    let _ = clip.write_text(&v);
                    copied.set(true);
                    set_timeout(move || copied.set(false), std::time::Duration::from_secs(2));
                }
            >
                {move || {
                    if copied.get() { T::Copied.get(lang.get()) } else { T::Copy.get(lang.get()) }
                }}
            </button>
        </span>
    }
}

/// The page heading: focus moves here on navigation.
#[component]
pub fn PageTitle(#[prop(into)] key: Text) -> impl IntoView {
    crate::ui::use_title(key);
    view! { <h1 tabindex="-1">{tr(key)}</h1> }
}

/// A filtered list's count: `all` alone (`texts.0`, "Sites: {0}") while the filter
/// leaves every item, else `found` of `all` (`texts.1`, "Sites: {0} of {1}").
pub fn count_of(lang: Lang, found: usize, all: usize, texts: (P, P)) -> String {
    if found == all {
        texts.0.fill(lang, &[&all.to_string()])
    } else {
        texts.1.fill(lang, &[&found.to_string(), &all.to_string()])
    }
}

/// Previous / next for long lists. The button that takes the list to its first or
/// last page is disabled there, which takes the focus from it: the focus goes to the
/// other button (keyboard users stay in the pager).
#[component]
pub fn Pager(page: RwSignal<usize>, #[prop(into)] pages: Signal<usize>) -> impl IntoView {
    let lang = app().lang;
    let (previous, next) = (
        NodeRef::<leptos::html::Button>::new(),
        NodeRef::<leptos::html::Button>::new(),
    );
    let turn = move |forward: bool| {
        page.update(|p| *p = if forward { *p + 1 } else { p.saturating_sub(1) });
        let p = page.get_untracked();
        let other = match (forward, p) {
            (false, 0) => Some(next),
            (true, p) if p + 1 >= pages.get_untracked() => Some(previous),
            _ => None,
        };
        // Once the buttons are updated.
        if let Some(other) = other {
            request_animation_frame(move || {
                if let Some(b) = other.get_untracked() {
                    let _ = b.focus();
                }
            });
        }
    };
    view! {
        <nav
            class="pager"
            aria-label=move || {
                T::PageOf
                    .fill(
                        lang.get(),
                        &[&(page.get() + 1).to_string(), &pages.get().max(1).to_string()],
                    )
            }
        >
            <button
                type="button"
                node_ref=previous
                disabled=move || { page.get() == 0 }
                on:click=move |_| turn(false)
            >
                {tr(T::Previous)}
            </button>
            <span>
                {move || {
                    T::PageOf
                        .fill(
                            lang.get(),
                            &[&(page.get() + 1).to_string(), &pages.get().max(1).to_string()],
                        )
                }}
            </span>
            <button
                type="button"
                node_ref=next
                disabled=move || { page.get() + 1 >= pages.get() }
                on:click=move |_| turn(true)
            >
                {tr(T::Next)}
            </button>
        </nav>
    }
}

/// A button that does one thing when pressed (not a form's submit). `about`: what it
/// acts on, when a list has one such button a row (its accessible name is the label and
/// that).
#[component]
pub fn Button(
    #[prop(into)] label: Text,
    #[prop(default = "secondary")] class: &'static str,
    #[prop(optional, into)] about: Option<String>,
    #[prop(into)] on_press: Callback<()>,
) -> impl IntoView {
    let lang = app().lang;
    let aria_label = about.map(|about| move || format!("{} {about}", label.get(lang.get())));
    view! {
        <button type="button" class=class aria-label=aria_label on:click=move |_| on_press.run(())>
            {tr(label)}
        </button>
    }
}

/// The button of a list that one listener handles for all its rows (`on:click` on the
/// list, not on each button): the `data-act` and `data-key` of the button the click
/// (or Enter or Space on it) was on, if it was on one. A page of 25 rows then adds no
/// listener and no effect a row.
pub fn pressed(ev: &leptos::ev::MouseEvent) -> Option<(String, String)> {
    use wasm_bindgen::JsCast;
    let button = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("button[data-act]")
        .ok()??;
    Some((
        button.get_attribute("data-act")?,
        button.get_attribute("data-key")?,
    ))
}

/// A button that opens one of a page's panels (`open`, a form) and moves the focus to
/// `focus` (the first input of the panel's form).
#[component]
pub fn OpenPanel<T>(
    panel: RwSignal<T>,
    open: T,
    #[prop(into)] label: Text,
    #[prop(default = "secondary")] class: &'static str,
    #[prop(default = "#panel-form input")] focus: &'static str,
    #[prop(optional, into)] about: Option<String>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    Button(ButtonProps {
        label,
        class,
        about,
        on_press: Callback::new(move |_| {
            // The open panel's form goes: ask first if something typed in it was not sent.
            if crate::ui::leave::may_leave() {
                panel.set(open.clone());
                crate::ui::focus_soon(focus);
            }
        }),
    })
}

/// A table's header row: a column a text, and `actions` (when given) last, over the
/// row's buttons.
#[component]
pub fn TableHead(cols: Vec<Text>, actions: Option<Text>) -> impl IntoView {
    let th = move |t: Text| view! { <th scope="col">{tr(t)}</th> };
    view! {
        <thead>
            <tr>{cols.into_iter().chain(actions).map(th).collect_view()}</tr>
        </thead>
    }
}

/// A wide table's frame: it scrolls sideways on a narrow screen, and a keyboard user
/// can reach it (focusable, a named region) to scroll it.
#[component]
pub fn ScrollRegion(#[prop(into)] label: Text, children: Children) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=tr(label)>
            {children()}
        </div>
    }
}

/// A filter box over a list: its label and the text typed so far (`value`).
#[component]
pub fn SearchBox(
    id: &'static str,
    #[prop(into)] label: Text,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <span class="filter">
            <label for=id>{tr(label)}</label>
            <input
                id=id
                type="search"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </span>
    }
}

/// A list's status filter: "All (n)", then each status with how many are in it. The
/// choice is in the page's address (`?status=code`, or the `key` given; none for
/// all), so a link and a reload keep it, and another choice is another address (what
/// is typed in the list's text filter kept): the list's first page.
#[component]
pub fn StatusFilter(
    /// Each status: its code in the address and its name.
    statuses: Vec<(&'static str, Text)>,
    /// How many are in each status, in `statuses`' order.
    #[prop(into)]
    counts: Signal<Vec<usize>>,
    /// The address's parameter (and the select's id, `{key}-filter`).
    #[prop(default = "status")]
    key: &'static str,
    /// The select's label.
    #[prop(into, default = P::StatusFilter.into())]
    label: Text,
) -> impl IntoView {
    let lang = app().lang;
    let chosen = crate::ui::router::query(key);
    let labelled = move |name: &'static str, n: usize| format!("{name} ({n})");
    let choose = move |ev| {
        crate::ui::router::navigate(&crate::ui::router::address_with(
            key,
            &event_target_value(&ev),
        ))
    };
    let id = format!("{key}-filter");
    view! {
        <span class="filter">
            <label for=id.clone()>{tr(label)}</label>
            <select id=id on:change=choose>
                <option value="" selected=move || chosen.with(String::is_empty)>
                    {move || labelled(
                        P::AllStatuses.get(lang.get()),
                        counts.with(|c| c.iter().sum()),
                    )}
                </option>
                {statuses
                    .into_iter()
                    .enumerate()
                    .map(|(i, (code, name))| {
                        view! {
                            <option value=code selected=move || chosen.with(|c| c == code)>
                                {move || labelled(
                                    name.get(lang.get()),
                                    counts.with(|c| c.get(i).copied().unwrap_or(0)),
                                )}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </span>
    }
}

/// A filtered list's keys a page at a time, the page in the address
/// ([`crate::ui::router::page_in_address`]): the page, the number of pages and the
/// keys of the page shown. Other words typed in `filter` go to the first page (not
/// at the start: the address's page holds).
pub fn paged_keys(
    found: Memo<Vec<String>>,
    filter: RwSignal<String>,
    per_page: usize,
) -> (RwSignal<usize>, Signal<usize>, Memo<Vec<String>>) {
    let pages = Signal::derive(move || found.with(Vec::len).div_ceil(per_page));
    let page = crate::ui::router::filtered_page_in_address(pages, filter);
    let rows = Memo::new(move |_| {
        let first = page.get() * per_page;
        found.with(|v| v.iter().skip(first).take(per_page).cloned().collect())
    });
    (page, pages, rows)
}

/// The office's filtered lists: panels (help requests, partner applications) or a
/// table's rows (member companies, `table`). When there is any: a toolbar (the status
/// filter, the text filter, the count). Then "none yet", "none found", or the page's
/// items (each built once per key while it is on the page shown, so a command on one
/// keeps the others as they are) and the pager.
#[component]
pub fn PanelList<F, V>(
    /// The statuses and how many are in each ([`StatusFilter`]).
    statuses: Vec<(&'static str, Text)>,
    #[prop(into)] counts: Signal<Vec<usize>>,
    /// The status filter's address key and label ([`StatusFilter`]'s).
    #[prop(default = "status")]
    key: &'static str,
    #[prop(into, default = P::StatusFilter.into())] label: Text,
    /// The text filter: its element id, its label and what is typed (kept in the
    /// address: [`crate::ui::router::text_in_address`]).
    search: (&'static str, P),
    filter: RwSignal<String>,
    /// The count's words, "N" and "N of M" ([`count_of`]): what the filters found of
    /// those in the status shown (of all, for every status).
    count_texts: (P, P),
    /// What the page says when there is none, and when the filters find none.
    empty: (P, P),
    /// The keys the filters find, in order.
    found: Memo<Vec<String>>,
    per_page: usize,
    /// One panel (or a table's row), from its key.
    panel: F,
    /// The items are rows of a table: its class and its columns' heads.
    #[prop(optional)]
    table: Option<(&'static str, Vec<Text>)>,
) -> impl IntoView
where
    F: Fn(String) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let any = Memo::new(move |_| counts.with(|c| c.iter().any(|n| *n > 0)));
    let none_found = Memo::new(move |_| found.with(Vec::is_empty));
    let (page, pages, rows) = paged_keys(found, filter, per_page);
    let (lang, chosen) = (app().lang, crate::ui::router::query(key));
    let codes: Vec<&'static str> = statuses.iter().map(|(code, _)| *code).collect();
    let count = move || {
        let shown = counts.with(|c| {
            chosen
                .with(|x| codes.iter().position(|code| code == x))
                .map_or_else(|| c.iter().sum(), |i| c.get(i).copied().unwrap_or(0))
        });
        count_of(lang.get(), found.with(Vec::len), shown, count_texts)
    };
    let toolbar = move || {
        let (statuses, count) = (statuses.clone(), count.clone());
        any.get().then(|| {
            view! {
                <div class="toolbar">
                    <StatusFilter statuses counts key label />
                    <SearchBox id=search.0 label=search.1 value=filter />
                    <span class="count" aria-live="polite">
                        {count}
                    </span>
                </div>
            }
        })
    };
    let list = move || {
        if !any.get() {
            view! { <p class="empty">{tr(empty.0)}</p> }.into_any()
        } else if none_found.get() {
            view! { <p class="empty">{tr(empty.1)}</p> }.into_any()
        } else {
            let items =
                view! { <For each=move || rows.get() key=|k| k.clone() children=panel.clone() /> };
            let items = match table.clone() {
                None => items.into_any(),
                Some((class, cols)) => view! {
                    <div class="table-wrap">
                        <table class=class>
                            <TableHead cols actions=None />
                            <tbody>{items}</tbody>
                        </table>
                    </div>
                }
                .into_any(),
            };
            view! {
                {items}
                {move || (pages.get() > 1).then(|| view! { <Pager page pages /> })}
            }
            .into_any()
        }
    };
    view! {
        {toolbar}
        {list}
    }
}
