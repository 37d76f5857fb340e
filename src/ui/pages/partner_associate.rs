//! Join a company's partner profile with its 16-character token, or ask to join.
//! Wrong tokens count towards the core's lock-out; the page only shows the result.
use super::signed_in;
use crate::ui::components::form::{FormAlert, FormState, Submit, TextField};
use crate::ui::components::partner_forms::{ProfileFields, ProfileSignals};
use crate::ui::components::widgets::PageTitle;
use crate::ui::router::LinkLine;
use crate::ui::tr;
use crate::ui::Route;
use crate::ui::{app, flash_and_go, focus_soon};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::P;
use onboard_core::partner::JoinChoice;
use onboard_core::partner_commands;
use onboard_core::{Command, Field, Reply};

/// Token -> the company's locations -> choose one -> employee profile -> save.
#[component]
pub fn Associate() -> impl IntoView {
    let app = app();
    let me = signed_in();
    let form = FormState::new();
    let token = RwSignal::new(String::new());
    // What the token showed of the company (all that shared mode may read of it).
    let company: RwSignal<Option<JoinChoice>> = RwSignal::new(None);
    let location = RwSignal::new(String::new());
    let names = me.get_untracked().and_then(|id| {
        app.state.with_untracked(|s| {
            s.identity(&id)
                .map(|i| (i.family().to_string(), i.given().to_string()))
        })
    });
    let p = ProfileSignals::new(None, names);
    let check = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.run(
            partner_commands::CheckToken {
                token: token.get_untracked(),
            }
            .into(),
            move |reply| {
                if let Reply::TokenAccepted { choice } = reply {
                    company.set(Some(choice));
                    focus_soon("#locations input");
                }
            },
        )
    };
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let loc = location.get_untracked().parse().unwrap_or(0);
        let cmd = partner_commands::Join {
            token: token.get_untracked(),
            location: loc,
            profile: p.input(),
        }
        .into();
        form.run(Command::Partner(cmd), move |reply| match reply {
            Reply::Joined { company } => {
                flash_and_go(P::JoinedNow, vec![company], Route::PartnerHome)
            }
            Reply::JoinPending => flash_and_go(P::JoinPending, vec![], Route::Partner),
            Reply::RequestKept => flash_and_go(P::RequestKept, vec![], Route::Partner),
            _ => {}
        })
    };
    let locations = move || {
        company.get().map(|c| {
            let locs = c
                .locations
                .into_iter()
                .map(|l| (l.id, l.name, l.place))
                .collect::<Vec<_>>();
            (c.name, locs)
        })
    };
    view! {
        <section class="narrow wide-ok">
            <PageTitle key=P::AssociateTitle />
            <super::partner::MyRequests />
            <p>{tr(P::AssociateIntro)}</p>
            <FormAlert form />
            <form on:submit=check novalidate data-leave="free">
                <TextField field=Field::Token value=token form mono=true autocomplete="off" />
                {move || {
                    company.get().is_none().then(|| view! { <Submit form label=P::CheckToken /> })
                }}
            </form>
            {move || {
                locations()
                    .map(|(name, locs)| {
                        view! {
                            <form on:submit=save novalidate data-leave="free">
                                <h2>{name}</h2>
                                <fieldset class="field group" id="locations">
                                    <legend>{tr(P::ChooseLocation)}</legend>
                                    {locs
                                        .into_iter()
                                        .map(|(id, n, addr)| {
                                            let rid = format!("loc-{id}");
                                            let choose = move |_| location.set(id.to_string());
                                            view! {
                                                <div class="check-item">
                                                    <input
                                                        type="radio"
                                                        name="location"
                                                        id=rid.clone()
                                                        value=id.to_string()
                                                        on:change=choose
                                                    />
                                                    <label for=rid>{n}" — "{addr}</label>
                                                </div>
                                            }
                                        })
                                        .collect_view()}
                                </fieldset>
                                <h3>{tr(P::WizardEmployee)}</h3>
                                <ProfileFields p form />
                                <Submit form label=P::AssociateSubmit />
                            </form>
                        }
                    })
            }}
            <LinkLine to=Route::PartnerContact label=P::AssociateNoApa />
        </section>
    }
}
