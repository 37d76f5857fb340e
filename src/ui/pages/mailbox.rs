//! The in-app mailbox: every mail the portal sent, newest first, a page at a time.
use super::query;
use crate::ui::components::widgets::{
    count_of, fmt_time, PageTitle, Pager, SearchBox, StatusFilter,
};
use crate::ui::router::{address_with, filtered_page_in_address, navigate, text_in_address, Link};
use crate::ui::tr;
use crate::ui::{app, dispatch, focus_soon, Route, SyncStatus};
use leptos::prelude::*;
use onboard_core::i18n::P;
use onboard_core::identity_commands;
use onboard_core::text::{search_key, Email};

pub const PAGE: usize = 50;

/// The mail shown by `?show=`: unread, read, or either (`None`).
pub fn read_shown(show: &str) -> Option<bool> {
    match show {
        "unread" => Some(false),
        "read" => Some(true),
        _ => None,
    }
}

/// The link to mail `id` from the list `[to, show, q]` (the query of the mailbox
/// shown), where it is number `at` (from 0): the list's query and the page that holds
/// it, for the mail's way back and its neighbours.
pub fn mail_link(id: u64, [to, show, q]: &[String; 3], at: usize) -> crate::ui::Href {
    let page = match at / PAGE {
        0 => String::new(),
        p => (p + 1).to_string(),
    };
    Route::Mail(id.to_string())
        .href()
        .and_if_set("to", to)
        .and_if_set("show", show)
        .and_if_set("q", q)
        .and_if_set("page", &page)
}

#[component]
pub fn Mailbox() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let to = query("to");
    let filter = Memo::new(move |_| Email::parse(&to.get()).ok());
    // Unread or read mail only (`?show=unread`, `?show=read`; every mail without).
    let show = query("show");
    let read = Memo::new(move |_| show.with(|s| read_shown(s)));
    // What is typed in the search box, kept in the address (`?q=`) like the page.
    let typed = text_in_address();
    let key = Memo::new(move |_| search_key(typed.get().trim()));
    // The mails the search finds (every mail when nothing is typed), newest first.
    let found = Memo::new(move |_| {
        let (f, read) = (filter.get(), read.get());
        key.with(|k| {
            app.state.with(|s| {
                s.mails_found(f.as_ref(), read, k)
                    .map(|m| m.id)
                    .collect::<Vec<_>>()
            })
        })
    });
    let total = Memo::new(move |_| {
        let f = filter.get();
        app.state.with(|s| s.mails_newest_first(f.as_ref()).count())
    });
    let pages = Signal::derive(move || found.with(Vec::len).div_ceil(PAGE));
    // Another recipient is another address, without a page: the first; other words
    // typed, the first page too.
    let page = filtered_page_in_address(pages, typed);
    // Each mail with its link, which carries the list as it is (its recipient, the
    // mail shown, what is typed and its page) so that the mail's "Back to the mailbox"
    // returns to it. The link is part of a row's key: a row kept from another page or
    // recipient is built anew.
    let rows = Memo::new(move |_| {
        let p = page.get();
        let list = [to.get(), show.get(), typed.get()];
        let open = |id: u64| mail_link(id, &list, p * PAGE);
        found.with(|ids| {
            app.state.with(|s| {
                ids.iter()
                    .skip(p * PAGE)
                    .take(PAGE)
                    .filter_map(|id| s.mail(*id))
                    .map(|m| (m.clone(), open(m.id.0)))
                    .collect::<Vec<_>>()
            })
        })
    });
    // The list is built anew only when it empties or fills: turning a page keeps the
    // pager (and the focus on its button).
    let empty = Memo::new(move |_| rows.with(|r| r.is_empty()));
    let searching = Memo::new(move |_| key.with(|k| !k.is_empty()));
    let recipients = Memo::new(move |_| app.state.with(|s| s.mail_recipients()));
    let unread = Memo::new(move |_| {
        let f = filter.get();
        app.state.with(|s| s.unread_count(f.as_ref()))
    });
    // The recipient's mail in the state shown (unread, read or either).
    let in_state = move || match read.get() {
        None => total.get(),
        Some(false) => unread.get(),
        Some(true) => total.get().saturating_sub(unread.get()),
    };
    // Whose mail "Mark all as read" marks (on a shared server, only the account's
    // own; of those, the ones the search finds), and how many of them are unread: no
    // button when none is, nor over read mail only (it would mark mail not shown).
    let markable = Memo::new(move |_| {
        let account = app.sync.with(SyncStatus::account_email);
        onboard_core::mail::markable(filter.get().as_ref(), account.as_ref())
    });
    let to_mark = Memo::new(move |_| {
        if read.get() == Some(true) {
            return 0;
        }
        markable.with(|m| {
            m.as_ref().map_or(0, |to| {
                key.with(|k| {
                    app.state
                        .with(|s| s.mails_found(to.as_ref(), Some(false), k).count())
                })
            })
        })
    });
    // The button goes once every mail is read: the focus moves to the first mail (to
    // the choice of what is shown when only unread mail was, none now).
    let mark_all = move |_| {
        let focus = if read.get_untracked() == Some(false) {
            "#show-filter"
        } else {
            ".mail-list a"
        };
        let Some(to) = markable.get_untracked() else {
            return;
        };
        let matching = typed.get_untracked();
        dispatch(
            identity_commands::MarkAllMailRead { to, matching }.into(),
            |r| {
                if r.is_ok() {
                    focus_soon(focus);
                }
            },
        );
    };

    view! {
        <section>
            <PageTitle key=P::MailboxTitle />
            <p>{tr(P::MailboxIntro)}</p>
            <div class="toolbar">
                <span class="filter">
                    <label for="mail-filter">{tr(P::FilterRecipient)}</label>
                    <select
                        id="mail-filter"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            navigate(&address_with("to", &v));
                        }
                    >
                        <option value="" selected=move || filter.get().is_none()>
                            {tr(P::AllRecipients)}
                        </option>
                        {move || {
                            recipients
                                .get()
                                .into_iter()
                                .map(|r| {
                                    let sel = filter.get().as_ref() == Some(&r);
                                    view! {
                                        <option value=r.to_string() selected=sel>
                                            {r.to_string()}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </span>
                <StatusFilter
                    statuses=vec![("unread", P::Unread.into()), ("read", P::ReadMail.into())]
                    counts=Signal::derive(move || {
                        vec![unread.get(), total.get().saturating_sub(unread.get())]
                    })
                    key="show"
                    label=P::ShowMail
                />
                <SearchBox id="mail-search" label=P::FilterMail value=typed />
                <span class="count" aria-live="polite">
                    {move || {
                        let (l, all) = (lang.get(), in_state());
                        match (searching.get(), read.get(), unread.get()) {
                            (true, ..) => {
                                count_of(
                                    l,
                                    found.with(Vec::len),
                                    all,
                                    (P::MailCount, P::MailsFound),
                                )
                            }
                            (false, Some(_), _) => P::MailCount.fill(l, &[&all.to_string()]),
                            (false, None, 0) => P::MailCount.fill(l, &[&all.to_string()]),
                            (false, None, n) => {
                                P::MailCountUnread.fill(l, &[&all.to_string(), &n.to_string()])
                            }
                        }
                    }}
                </span>
                {move || {
                    (to_mark.get() > 0)
                        .then(|| {
                            view! {
                                <button type="button" class="secondary" on:click=mark_all>
                                    {tr(P::MarkAllRead)}
                                </button>
                            }
                        })
                }}
            </div>
            {move || {
                if empty.get() {
                    let none = if total.get() == 0 {
                        P::NoMail
                    } else if !searching.get() && read.get() == Some(false) {
                        P::NoUnreadMail
                    } else {
                        P::NoMailMatches
                    };
                    view! { <p class="empty">{tr(none)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="mail-list">
                            <For
                                each=move || rows.get()
                                key=|(m, to)| (m.id, m.read, to.clone())
                                let:((m, to))
                            >
                                <li class:unread=!m.read>
                                    <Link to>
                                        <span class="subject">
                                            {(!m.read).then(|| view! { <UnreadDot /> })}
                                            {m.subject.clone()}
                                        </span>
                                        <span class="meta">
                                            {m.to.to_string()}" · "
                                            {move || fmt_time(m.sent, lang.get())}
                                        </span>
                                    </Link>
                                </li>
                            </For>
                        </ul>
                        {move || (pages.get() > 1).then(|| view! { <Pager page pages /> })}
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The mark of an unread mail (its word for screen readers).
#[component]
fn UnreadDot() -> impl IntoView {
    let unread = tr(P::Unread);
    view! {
        <span class="dot" title=unread>
            <span class="visually-hidden">{unread}": "</span>
        </span>
    }
}
