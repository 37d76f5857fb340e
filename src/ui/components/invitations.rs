//! The pending invitations of a site or a company: when each went, until when it
//! works, its state, and (for whoever may) sending it again or revoking it. The page
//! says which command each button sends; the core decides.
use crate::ui::app;
use crate::ui::components::form::FormState;
use crate::ui::components::widgets::{fmt_time, Button, Pager, TableHead};
use crate::ui::tr;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::invite::Invite;
use onboard_core::text::Email;
use onboard_core::{Command, Reply};

/// Invitations shown at once.
pub const PAGE: usize = 10;

/// Sends a resend or revoke command and says what happened in `notice`.
pub fn send_invite_command(notice: FormState, cmd: Command) {
    notice.run(cmd, move |reply| match reply {
        Reply::InviteSent { email } => notice.notice(P::InviteSentNotice, vec![email.to_string()]),
        Reply::UserRemoved { email } | Reply::InviteRevoked { email } => {
            notice.notice(P::InviteRevokedNotice, vec![email.to_string()])
        }
        _ => {}
    })
}

/// `rows`: (address, invitation, expired). `resend` and `revoke` get the address.
#[component]
pub fn InvitationList(
    rows: Memo<Vec<(Email, Invite, bool)>>,
    manage: bool,
    resend: Callback<String>,
    revoke: Callback<String>,
) -> impl IntoView {
    let page = RwSignal::new(0usize);
    let pages = Signal::derive(move || rows.with(|v| v.len()).div_ceil(PAGE));
    let shown = Memo::new(move |_| {
        let p = page.get();
        rows.with(|v| {
            v.iter()
                .skip(p * PAGE)
                .take(PAGE)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <h2>{tr(P::PendingInvitations)} " (" {move || rows.with(|v| v.len())} ")"</h2>
        <p class="hint">{tr(P::InvitationsIntro)}</p>
        <Show
            when=move || rows.with(|v| !v.is_empty())
            fallback=move || {
                view! { <p class="empty">{tr(P::NoInvitations)}</p> }
            }
        >
            <div class="table-wrap">
                <table class="invitations cards">
                    <TableHead
                        cols=vec![
                            T::FieldEmail.into(),
                            P::ColSent.into(),
                            P::ColExpires.into(),
                            P::ColStatus.into(),
                        ]
                        actions=manage.then(|| P::ColActions.into())
                    />
                    <tbody>
                        <For
                            each=move || shown.get()
                            key=|(e, inv, expired)| (e.clone(), inv.digest.clone(), *expired)
                            let:item
                        >
                            <InvitationRow item manage resend revoke />
                        </For>
                    </tbody>
                </table>
            </div>
            {move || (pages.get() > 1).then(|| view! { <Pager page pages /> })}
        </Show>
    }
}

#[component]
fn InvitationRow(
    item: (Email, Invite, bool),
    manage: bool,
    resend: Callback<String>,
    revoke: Callback<String>,
) -> impl IntoView {
    let lang = app().lang;
    let (email, inv, expired) = item;
    let email = email.to_string();
    let (e1, e2) = (email.clone(), email.clone());
    let sends = inv.sends;
    view! {
        <tr>
            <td class="mono">{email.clone()}</td>
            <td data-label=tr(
                P::ColSent,
            )>
                {move || fmt_time(inv.sent, lang.get())}
                {move || {
                    (sends > 1)
                        .then(|| {
                            format!(" {}", P::SentTimes.fill(lang.get(), &[&sends.to_string()]))
                        })
                }}
            </td>
            <td data-label=tr(P::ColExpires)>{move || fmt_time(inv.expires, lang.get())}</td>
            <td class:warn=expired data-label=tr(P::ColStatus)>
                {move || {
                    if expired {
                        P::InviteExpiredState.get(lang.get())
                    } else {
                        P::InviteWaiting.get(lang.get())
                    }
                }}
            </td>
            {manage
                .then(|| {
                    view! {
                        <td class="actions-cell">
                            <Button
                                class="small"
                                label=P::ResendInvite
                                about=email.clone()
                                on_press=move |_| resend.run(e1.clone())
                            />
                            " "
                            <Button
                                class="small danger"
                                label=P::RevokeInvite
                                about=email.clone()
                                on_press=move |_| {
                                    if crate::ui::leave::ask(P::AskRevokeInvite, &[&e2]) {
                                        revoke.run(e2.clone())
                                    }
                                }
                            />
                        </td>
                    }
                })}
        </tr>
    }
}
