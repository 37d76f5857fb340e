//! Customer sites: the sites of the signed-in person, and the first sign-in to a
//! site with its number and the temporary passcode from the welcome mail.
use super::{my_email, query, signed_in};
use crate::ui::components::form::{FormAlert, FormState, Submit, TextField};
use crate::ui::components::requests::{Withdrawal, WithdrawalNote};
use crate::ui::components::widgets::{fmt_time, PageTitle};
use crate::ui::router::{Link, LinkLine, TextLink};
use crate::ui::tr;
use crate::ui::Route;
use crate::ui::{app, flash_and_go, go};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::site::{AccessRequest, RequestStatus, SiteRole, SiteState};
use onboard_core::site_commands;
use onboard_core::text::Email;
use onboard_core::{Field, Reply};

/// Links every customer-site page offers: request access, help, information.
#[component]
pub fn SiteLinks() -> impl IntoView {
    let _lang = app().lang;
    view! {
        <ul class="links">
            <li>
                <TextLink to=Route::SiteRequest label=P::RequestAccessLink />
            </li>
            <li>
                <TextLink to=Route::SiteHelp label=P::HelpLink />
            </li>
            <li>
                <TextLink to=Route::SiteInfo("program".into()) label=P::InfoProgramTitle />
            </li>
            <li>
                <TextLink
                    to=Route::SiteInfo("responsibilities".into())
                    label=P::InfoResponsibilitiesTitle
                />
            </li>
            <li>
                <TextLink to=Route::SiteInfo("roles".into()) label=P::InfoRolesTitle />
            </li>
        </ul>
    }
}

#[component]
pub fn Sites() -> impl IntoView {
    let me = my_email();
    view! {
        <section>
            <PageTitle key=P::SitesTitle />
            <p>{tr(P::SitesIntro)}</p>
            {move || match me.get() {
                None => {
                    view! {
                        <div class="panel">
                            <p>{tr(P::SitesSignIn)}</p>
                            <LinkLine
                                to=Route::SignIn.with("next", Route::Sites.with("go", "1").as_str())
                                label=T::SignIn
                            />
                            <p>{tr(P::SitesNoId)}</p>
                            <LinkLine
                                to=Route::CreateId
                                    .with("next", Route::Sites.with("go", "1").as_str())
                                label=T::CreateId
                            />
                        </div>
                    }
                        .into_any()
                }
                Some(email) => view! { <MySites email /> }.into_any(),
            }}
            <h2>{tr(P::InfoLinks)}</h2>
            <SiteLinks />
        </section>
    }
}

#[component]
fn MySites(email: Email) -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let me = signed_in();
    let e1 = email.clone();
    // Only what the forms need, so a changed try count does not rebuild them.
    let awaiting = Memo::new(move |_| {
        app.state.with(|s| {
            s.sites_awaiting(&e1)
                .into_iter()
                .map(|x| {
                    (
                        x.number().to_string(),
                        x.company().to_string(),
                        x.state() == SiteState::Locked,
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let e2 = email.clone();
    let mine = Memo::new(move |_| {
        app.state.with(|s| {
            s.sites_of(&e2)
                .into_iter()
                .map(|x| {
                    (
                        x.number().to_string(),
                        x.company().to_string(),
                        x.role_of(Some(&e2)),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let e3 = email.clone();
    let requests = Memo::new(move |_| {
        let id = me.get();
        let mut list = app.state.with(|s| {
            s.sites()
                .flat_map(|site| {
                    site.requests()
                        .iter()
                        .filter(|r| Some(&r.requester) == id.as_ref())
                        .map(move |r| (site.number().to_string(), r.clone()))
                })
                .collect::<Vec<_>>()
        });
        // Shared mode: requests to sites this account cannot read wait in the inbox.
        if let Some(requester) = id {
            for (site, at) in crate::ui::shared::asked().get().sites {
                list.push((
                    site,
                    AccessRequest {
                        id: 0,
                        requester: requester.clone(),
                        email: e3.clone(),
                        message: String::new(),
                        at,
                        status: RequestStatus::Pending,
                    },
                ));
            }
        }
        list
    });
    let withdrawal = Withdrawal::new();
    // Arriving from the sign-in (?go=1) with exactly one site: open it.
    let go_param = query("go");
    Effect::new(move |_| {
        if go_param.get_untracked() == "1" && awaiting.get_untracked().is_empty() {
            if let [(n, _, _)] = mine.get_untracked().as_slice() {
                go(Route::Site(n.clone()));
            }
        }
    });
    view! {
        <For each=move || awaiting.get() key=|x| x.clone() let:x>
            <FirstSignIn number=x.0 company=x.1 locked=x.2 />
        </For>
        <h2>{tr(P::MySites)}</h2>
        {move || {
            let list = mine.get();
            if list.is_empty() {
                view! { <p class="empty">{tr(P::NoSites)}</p> }.into_any()
            } else {
                view! {
                    <ul class="site-list">
                        {list
                            .into_iter()
                            .map(|(n, company, role)| {
                                let badge = match role {
                                    SiteRole::Primary => {
                                        Some(onboard_core::i18n::Text::from(T::RolePrimary))
                                    }
                                    SiteRole::Secondary => Some(P::SecondaryMark.into()),
                                    _ => None,
                                };
                                let badge = badge
                                    .map(|b| {
                                        view! {
                                            " "
                                            <span class="tag">{tr(b)}</span>
                                        }
                                    });
                                view! {
                                    <li>
                                        <Link to=Route::Site(
                                            n.clone(),
                                        )>
                                            {company}" — "<span class="mono">{n.clone()}</span>
                                        </Link>
                                        {badge}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }
        }}
        {move || {
            let list = requests.get();
            (!list.is_empty() || withdrawal.done.get())
                .then(|| {
                    // Shared mode: a withdrawn request to a site this account cannot read
                    // leaves the list; the section stays to say it was withdrawn.
                    view! {
                        <h2>{tr(P::MyRequests)}</h2>
                        <WithdrawalNote w=withdrawal />
                        <ul class="request-list">
                            {list
                                .into_iter()
                                .map(|(n, mut r)| {
                                    let now = app.clock.get_untracked();
                                    if r.status == RequestStatus::Pending
                                        && onboard_core::site::overdue(r.at, now)
                                    {
                                        r.status = RequestStatus::Expired { at: now };
                                    }
                                    let can_withdraw = r.status == RequestStatus::Pending;
                                    let (site, request) = (n.clone(), r.id);
                                    let withdraw = move |_| {
                                        if !crate::ui::leave::ask(P::AskWithdraw, &[]) {
                                            return;
                                        }
                                        withdrawal
                                            .send(
                                                site_commands::WithdrawRequest {
                                                    site: site.clone(),
                                                    request,
                                                }
                                                    .into(),
                                            )
                                    };
                                    let label = n.clone();
                                    let aria = move || {
                                        P::WithdrawRequestOf.fill(lang.get(), &[&label])
                                    };
                                    let status = move || match &r.status {
                                        RequestStatus::Pending => {
                                            P::StatusPending.get(lang.get()).to_string()
                                        }
                                        RequestStatus::Granted { .. } => {
                                            P::StatusGranted.get(lang.get()).to_string()
                                        }
                                        RequestStatus::Denied { reason, .. } => {
                                            P::StatusDenied.fill(lang.get(), &[reason])
                                        }
                                        RequestStatus::Withdrawn { .. } => {
                                            P::StatusWithdrawn.get(lang.get()).to_string()
                                        }
                                        RequestStatus::Expired { .. } => {
                                            P::StatusExpired.get(lang.get()).to_string()
                                        }
                                    };
                                    let at = r.at;
                                    // Overdue is expired for the asker at once, even
                                    // before a decider's visit marks it (and mails them).
                                    // In shared mode the asker's pending request is their
                                    // inbox record (id 0 here): withdrawing marks it.
                                    view! {
                                        <li>
                                            <span class="mono">{n}</span>
                                            " · "
                                            {move || fmt_time(at, lang.get())}
                                            " · "
                                            <strong>{status}</strong>
                                            {can_withdraw
                                                .then(|| {
                                                    view! {
                                                        " "
                                                        <button
                                                            type="button"
                                                            class="small"
                                                            aria-label=aria
                                                            on:click=withdraw.clone()
                                                        >
                                                            {tr(P::Withdraw)}
                                                        </button>
                                                    }
                                                })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })
        }}
    }
}

#[component]
fn FirstSignIn(number: String, company: String, locked: bool) -> impl IntoView {
    let form = FormState::new();
    let passcode = RwSignal::new(String::new());
    let n = number;
    let n2 = n.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = site_commands::FirstSignIn {
            site: n2.clone(),
            passcode: passcode.get_untracked(),
        }
        .into();
        form.run(cmd, move |reply| {
            if let Reply::SiteActivated { site } = reply {
                flash_and_go(P::FirstSignInDone, vec![], Route::Site(site));
            }
        });
    };
    view! {
        <div class="panel">
            <h2>
                {tr(P::FirstSignInTitle)}": "{company}" — " <span class="mono">{n.clone()}</span>
            </h2>
            {if locked {
                view! {
                    <p class="form-alert error">{tr(T::ErrPasscodeLocked)}</p>
                    <LinkLine to=Route::SiteHelp label=P::HelpLink />
                }
                    .into_any()
            } else {
                view! {
                    <p>{tr(P::FirstSignInIntro)}</p>
                    <form on:submit=submit novalidate data-leave="free">
                        <FormAlert form />
                        <TextField
                            field=Field::Passcode
                            value=passcode
                            form
                            id=format!("passcode-{n}")
                            mono=true
                            autocomplete="one-time-code"
                        />
                        <Submit form label=P::FirstSignInSubmit />
                    </form>
                }
                    .into_any()
            }}
        </div>
    }
}
