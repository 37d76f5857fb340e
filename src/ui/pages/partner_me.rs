//! An employee's own partner profile: name, phone, job functions, interests,
//! industries, mail language; and the confirmation that it is current.
use super::signed_in;
use crate::ui::components::form::{FormAlert, FormState, Submit};
use crate::ui::components::partner_forms::{ProfileFields, ProfileSignals};
use crate::ui::components::widgets::{fmt_time, PageTitle};
use crate::ui::tr;
use crate::ui::{app, now};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::P;
use onboard_core::partner::Company;
use onboard_core::partner_commands;
use onboard_core::Reply;

#[component]
pub fn MyProfile() -> impl IntoView {
    let app = app();
    let me = signed_in();
    let company = Memo::new(move |_| {
        me.get().and_then(|id| {
            app.state
                .with(|s| s.company_of(&id).map(|c| c.id().to_string()))
        })
    });
    view! {
        <section class="narrow wide-ok">
            <PageTitle key=P::MyProfileTitle />
            {move || match (me.get(), company.get()) {
                (None, _) | (_, None) => {
                    view! {
                        <p class="note">{tr(P::NoCompany)}</p>
                        <super::partner::PartnerLinks />
                    }
                        .into_any()
                }
                (Some(id), Some(c)) => view! { <ProfileForm company=c identity=id /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ProfileForm(company: String, identity: onboard_core::identity::IdentityId) -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let form = FormState::new();
    let c2 = company.clone();
    let id2 = identity.clone();
    let employee = Memo::new(move |_| {
        app.state
            .with(|s| s.company(&c2).and_then(|c| c.employee(&id2).cloned()))
    });
    let start = employee.get_untracked();
    let p = ProfileSignals::new(start.as_ref().map(|e| &e.profile), None);
    let c3 = company.clone();
    let c4 = company.clone();
    // Shared mode: this employee's changes still waiting for an administrator's browser,
    // or kept in this one until the server can be reached.
    let waiting = move || {
        crate::ui::shared::asked()
            .get()
            .own
            .into_iter()
            .filter(|(c, ..)| c == &c4)
            .map(|(_, at, kept)| {
                let text = if kept {
                    P::ProfileKept
                } else {
                    P::ProfileWaiting
                };
                view! {
                    <p class="note" role="status">
                        {move || text.fill(lang.get(), &[&fmt_time(at, lang.get())])}
                    </p>
                }
            })
            .collect_view()
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.run(
            partner_commands::UpdateMyProfile {
                company: c3.clone(),
                profile: p.input(),
            }
            .into(),
            move |reply| match reply {
                Reply::ProfileQueued => form.notice(P::ProfileQueued, vec![]),
                Reply::RequestKept => form.notice(P::RequestKept, vec![]),
                _ => form.notice(P::ProfileSaved, vec![]),
            },
        )
    };
    let confirm = move |_| {
        form.run(
            partner_commands::ConfirmProfile {
                company: company.clone(),
            }
            .into(),
            move |reply| match reply {
                Reply::ProfileQueued => form.notice(P::ProfileQueued, vec![]),
                Reply::RequestKept => form.notice(P::RequestKept, vec![]),
                _ => form.notice(P::ProfileConfirmed, vec![]),
            },
        )
    };
    view! {
        {move || {
            employee
                .get()
                .map(|e| {
                    let stale = Company::profile_stale(&e, now());
                    let at = e.confirmed;
                    view! {
                        {stale
                            .then(|| {
                                view! {
                                    <p class="form-alert error" role="status">
                                        {tr(P::ProfileStale)}
                                    </p>
                                }
                            })}
                        <p class="muted">
                            {move || {
                                P::LastConfirmed.fill(lang.get(), &[&fmt_time(at, lang.get())])
                            }}
                        </p>
                    }
                })
        }}
        {waiting}
        <p>
            <button type="button" class="secondary" on:click=confirm>
                {tr(P::ProfileUpToDate)}
            </button>
        </p>
        <form on:submit=submit novalidate>
            <FormAlert form />
            <ProfileFields p form />
            <Submit form label=P::Save />
        </form>
        <super::partner::PartnerLinks />
    }
}
