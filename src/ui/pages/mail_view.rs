//! One mail of the in-app mailbox, rendered as text blocks (never HTML).
//! Opening it marks it read through a command, not by writing the store.
use super::mailbox::{mail_link, read_shown};
use super::query;
use crate::store::shared::replica::Sender;
use crate::ui::components::form::{FormAlert, FormState};
use crate::ui::components::widgets::{fmt_time, CopyValue};
use crate::ui::router::{Link, LinkLine};
use crate::ui::tr;
use crate::ui::Href;
use crate::ui::{app, dispatch, flash_and_go, use_title_of, SyncStatus};
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::identity_commands;
use onboard_core::mail::{Block, Mail, MailId};
use onboard_core::text::{search_key, Email};

#[component]
pub fn MailView() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let id = match crate::ui::router::current() {
        Some(crate::ui::Route::Mail(id)) => id.parse::<u64>().ok().map(MailId),
        _ => None,
    };
    // "Back to the mailbox" returns to the list as it was (its recipient, what was
    // typed in its search, its page): the mail's own query, which the list's link
    // gave it.
    let search = crate::ui::router::use_location().search.get_untracked();
    let mail = Memo::new(move |_| id.and_then(|id| app.state.with(|s| s.mail(id).cloned())));
    // The mails next to it in that list (newer, older), each with the link the list
    // would give it (the list's query, the neighbour's page).
    let list = ["to", "show", "q"].map(|k| query(k).get_untracked());
    let around = Memo::new(move |_| {
        let Some(id) = id else {
            return [None, None];
        };
        let [to, show, typed] = &list;
        let (to, key) = (Email::parse(to).ok(), search_key(typed.trim()));
        let next = app
            .state
            .with(|s| s.mail_neighbours(id, to.as_ref(), read_shown(show), &key));
        next.map(|n| n.map(|(m, at)| mail_link(m.0, &list, at)))
    });
    // The window's title names the mail (its subject), then the mailbox.
    use_title_of(move |l| {
        let mailbox = P::MailboxTitle.get(l);
        mail.with(|m| match m {
            Some(m) => format!("{} | {mailbox}", m.subject),
            None => mailbox.to_string(),
        })
    });
    // On a shared server: the account that sent it, as the server tells (the mail's own
    // "From" is what its sender wrote).
    let sender = RwSignal::new(None::<Sender>);
    if let (Some(id), Some(_)) = (id, crate::ui::shared::configured()) {
        let loaded = crate::ui::shared::loaded();
        Effect::new(move |asked: Option<bool>| {
            if asked == Some(true) || !loaded.get() {
                return asked.unwrap_or(false);
            }
            leptos::task::spawn_local(async move {
                if let Some(s) = crate::ui::shared::mail_sender(id).await {
                    sender.set(Some(s));
                }
            });
            true
        });
    }
    // Opening a mail marks it read, unless it is being marked unread.
    let kept_unread = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(m) = mail.get() {
            if !m.read && !kept_unread.get_value() {
                let read = identity_commands::MarkMailRead {
                    id: m.id,
                    unread: false,
                };
                dispatch(read.into(), |_| ());
            }
        }
    });
    // "Mark as unread": the mail stays unread and the list is shown again, saying so.
    let failed = FormState::new();
    let mark_unread = move |m: &Mail, back: Href| {
        kept_unread.set_value(true);
        let subject = m.subject.clone();
        let unread = identity_commands::MarkMailRead {
            id: m.id,
            unread: true,
        };
        dispatch(unread.into(), move |r| match r {
            Ok(_) => flash_and_go(P::MarkedUnread, vec![subject], back),
            Err(f) => {
                kept_unread.set_value(false);
                failed.fail(f);
            }
        });
    };
    // Whose mail this reader may mark (on a shared server, only the recipient; read
    // once: the server's status changes with every poll).
    let markable = move |m: &Mail| {
        let account = app.sync.with_untracked(SyncStatus::account_email);
        onboard_core::mail::markable(Some(&m.to), account.as_ref()).is_some()
    };
    view! {
        <section class="mail">
            {move || match mail.get() {
                None => view! { <h1 tabindex="-1">{tr(T::ErrNotFound)}</h1> }.into_any(),
                Some(m) => {
                    let back = crate::ui::Route::Mailbox.href().and_search(&search);
                    view! {
                        <h1 tabindex="-1">{m.subject.clone()}</h1>
                        <dl class="mail-head">
                            <dt>{tr(P::MailFrom)}</dt>
                            <dd>{m.from.clone()}</dd>
                            {move || {
                                sender
                                    .get()
                                    .map(|s| {
                                        let who = match s {
                                            Sender::Own => tr(P::MailSentByThis)().to_string(),
                                            Sender::Account(e) => e,
                                            Sender::Unknown => tr(P::MailSentByUnknown)().to_string(),
                                        };
                                        view! {
                                            <dt>{tr(P::MailSentBy)}</dt>
                                            <dd class="sent-by">{who}</dd>
                                        }
                                    })
                            }}
                            <dt>{tr(P::MailTo)}</dt>
                            <dd>{m.to.to_string()}</dd>
                            <dt>{tr(P::MailDate)}</dt>
                            <dd>{move || fmt_time(m.sent, lang.get())}</dd>
                        </dl>
                        {markable(&m)
                            .then(|| {
                                let (m, back) = (m.clone(), back.clone());
                                view! {
                                    <p class="mail-actions">
                                        <button
                                            type="button"
                                            class="secondary small"
                                            on:click=move |_| mark_unread(&m, back.clone())
                                        >
                                            {tr(P::MarkUnread)}
                                        </button>
                                    </p>
                                }
                            })}
                        <FormAlert form=failed />
                        <article class="mail-body" lang=m.lang.code()>
                            {m.blocks.into_iter().map(render_block).collect_view()}
                        </article>
                        <MailAround around />
                        <LinkLine to=back label=P::BackToMailbox />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// "Newer message" and "Older message": the mails next to this one in its list.
#[component]
fn MailAround(around: Memo<[Option<Href>; 2]>) -> impl IntoView {
    move || {
        let [newer, older] = around.get();
        (newer.is_some() || older.is_some()).then(|| {
            view! {
                <nav class="mail-nav" aria-label=tr(P::MailAround)>
                    {newer
                        .map(|to| {
                            view! {
                                <Link to>
                                    <span aria-hidden="true">"← "</span>
                                    {tr(P::NewerMail)}
                                </Link>
                            }
                        })}
                    {older
                        .map(|to| {
                            view! {
                                <span class="older">
                                    <Link to>
                                        {tr(P::OlderMail)} <span aria-hidden="true">" →"</span>
                                    </Link>
                                </span>
                            }
                        })}
                </nav>
            }
        })
    }
}

fn render_block(b: Block) -> AnyView {
    match b {
        Block::Heading(t) => view! { <h2>{t}</h2> }.into_any(),
        Block::Para(t) => view! { <p>{t}</p> }.into_any(),
        Block::Field(l, v) => view! {
            <p class="mail-field">
                <span class="label">{l}": "</span>
                <span>{v}</span>
            </p>
        }
        .into_any(),
        Block::Code(l, v) => view! {
            <p class="mail-field">
                <span class="label">{l}": "</span>
                <CopyValue value=v />
            </p>
        }
        .into_any(),
        Block::Link(l, to) => {
            // Only in-app routes are links; anything else is shown as text.
            match onboard_core::route::Href::parse(to.as_str()) {
                Some(to) => view! {
                    <p>
                        <Link to>{l}</Link>
                    </p>
                }
                .into_any(),
                None => view! { <p>{l}" "{to.to_string()}</p> }.into_any(),
            }
        }
        Block::List(items) => {
            view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
                .into_any()
        }
    }
}
