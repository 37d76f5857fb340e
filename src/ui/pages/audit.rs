//! The operator's audit trail, newest first, a page at a time (the page and the event
//! chosen in the address).
//! Reads only: the trail is written by the core with every command.
use crate::ui::components::widgets::{
    count_of, fmt_time, PageTitle, Pager, ScrollRegion, SearchBox, TableHead,
};
use crate::ui::router::{filtered_page_in_address, query};
use crate::ui::shell::download_csv;
use crate::ui::{app, tr};
use leptos::prelude::*;
use onboard_core::audit::AuditEvent;
use onboard_core::i18n::P;
use onboard_core::report;
use onboard_core::words::{audit_detail, audit_event};
use onboard_core::Actor;

pub const PAGE: usize = 50;

#[component]
pub fn Audit() -> impl IntoView {
    view! {
        <section>
            <PageTitle key=P::AuditTitle />
            <ChangedEntries />
            <Trail />
        </section>
    }
}

/// Shared mode, the office: entries someone changed or deleted through the server's API
/// after they were written (the server's history tells; the trail shows them as first
/// written). Nothing otherwise.
#[component]
fn ChangedEntries() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let changed = crate::ui::shared::tampered();
    move || {
        let all = changed.get();
        (!all.is_empty()).then(|| {
            let items =
                all.into_iter()
                    .map(|c| {
                        let line = move || {
                            let lang = lang.get();
                            let when = fmt_time(c.at, lang);
                            let entry = c.seq.and_then(|n| {
                                app.state.with(|s| {
                                    let chunk = (n / onboard_core::audit::CHUNK as u64) as u32;
                                    s.audit_chunk(chunk).iter().find(|e| e.seq == n).map(|e| {
                                        (fmt_time(e.at, lang), audit_event(e.event).get(lang))
                                    })
                                })
                            });
                            match entry {
                                Some((at, event)) => {
                                    let key = if c.deleted {
                                        P::AuditDeletedBy
                                    } else {
                                        P::AuditChangedBy
                                    };
                                    key.fill(lang, &[&at, event, &c.by, &when])
                                }
                                None => P::AuditChangedUnread.fill(lang, &[&c.by, &when]),
                            }
                        };
                        view! { <li>{line}</li> }
                    })
                    .collect_view();
            view! {
                <section class="note warn" aria-labelledby="audit-changed">
                    <h2 id="audit-changed">{tr(P::AuditChangedTitle)}</h2>
                    <p>{tr(P::AuditChangedIntro)}</p>
                    <ul>{items}</ul>
                </section>
            }
        })
    }
}

fn event_name(e: AuditEvent) -> String {
    format!("{e:?}")
}

#[component]
fn Trail() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    // The event chosen is in the address (`?event=SiteEnrolled`), like the page.
    let event = query("event");
    let text = crate::ui::router::text_in_address();
    let chosen = move |ev: &str| AuditEvent::ALL.into_iter().find(|e| event_name(*e) == ev);
    let matches = Memo::new(move |_| {
        let (ev, text, lang) = (event.get(), text.get(), lang.get());
        let device = app.device.get();
        let now = app.clock.get();
        app.state.with(|s| {
            let actor: Actor = crate::ui::actor_of(s, &device, now);
            report::audit_search(s, &actor, chosen(&ev), &text, lang)
                .unwrap_or_default()
                .into_iter()
                .map(|e| (e.clone(), s.subject_name(&e.subject).to_string()))
                .collect::<Vec<_>>()
        })
    });
    // What the page shows (every page of it) as a file.
    let export = move |_| {
        let (ev, text, lang) = (
            event.get_untracked(),
            text.get_untracked(),
            lang.get_untracked(),
        );
        download_csv("audit-trail", |s, actor, _| {
            report::audit_csv(s, actor, chosen(&ev), &text, lang)
        })
    };
    let pages = Signal::derive(move || matches.with(|m| m.len()).div_ceil(PAGE));
    // Other words typed: their first page. Another event is another address, without
    // a page.
    let page = filtered_page_in_address(pages, text);
    // How many entries the filters found, of all (as the other lists say it).
    let count = move || {
        let (found, all) = (
            matches.with(|m| m.len()),
            app.state.with(|s| s.audit_count()),
        );
        count_of(lang.get(), found, all, (P::EntriesCount, P::EntriesFound))
    };
    view! {
        <p>{tr(P::AuditIntro)}</p>
        <div class="toolbar">
            <span class="filter">
                <label for="audit-event">{tr(P::FilterEvent)}</label>
                <select
                    id="audit-event"
                    on:change=move |ev| {
                        let name = event_target_value(&ev);
                        crate::ui::router::navigate(
                            &crate::ui::router::address_with("event", &name),
                        );
                    }
                >
                    <option value="" selected=move || event.with(String::is_empty)>
                        {tr(P::AllEvents)}
                    </option>
                    {AuditEvent::ALL
                        .into_iter()
                        .map(|e| {
                            let name = event_name(e);
                            let this = name.clone();
                            view! {
                                <option value=name selected=move || event.with(|x| *x == this)>
                                    {move || audit_event(e).get(lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </span>
            <SearchBox id="audit-text" label=P::FilterText value=text />
            <span class="count" aria-live="polite">
                {count}
            </span>
            {move || {
                matches
                    .with(|m| !m.is_empty())
                    .then(|| {
                        view! {
                            <button type="button" on:click=export>
                                {tr(P::DownloadCsv)}
                            </button>
                        }
                    })
            }}
        </div>
        {move || {
            if matches.with(|m| m.is_empty()) {
                view! { <p class="empty">{tr(P::NoEntries)}</p> }.into_any()
            } else {
                view! {
                    <ScrollRegion label=P::AuditTitle>
                        <table class="log">
                            <TableHead
                                cols=vec![
                                    P::AuditWhen.into(),
                                    P::AuditEventCol.into(),
                                    P::AuditActor.into(),
                                    P::AuditSubject.into(),
                                    P::AuditDetail.into(),
                                ]
                                actions=None
                            />
                            <tbody>
                                {move || {
                                    matches
                                        .with(|m| {
                                            m.iter()
                                                .skip(page.get() * PAGE)
                                                .take(PAGE)
                                                .cloned()
                                                .collect::<Vec<_>>()
                                        })
                                        .into_iter()
                                        .map(|(e, subject)| {
                                            let event = e.event;
                                            let event = move || audit_event(event).get(lang.get());
                                            let a = e.actor.clone();
                                            let actor = move || {
                                                report::actor_name(&a, lang.get()).to_string()
                                            };
                                            view! {
                                                <tr>
                                                    <td>{move || fmt_time(e.at, lang.get())}</td>
                                                    <td>{event}</td>
                                                    <td data-label=tr(P::AuditActor)>{actor}</td>
                                                    <td data-label=tr(P::AuditSubject)>{subject}</td>
                                                    <td class="detail">
                                                        {move || audit_detail(&e.detail, lang.get())}
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </tbody>
                        </table>
                    </ScrollRegion>
                    {move || (pages.get() > 1).then(|| view! { <Pager page pages /> })}
                }
                    .into_any()
            }
        }}
    }
}
