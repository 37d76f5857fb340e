//! Sign in with an ID's email and password; lock-out and unverified IDs are the
//! core's answers, shown next to the form.
use super::query;
use crate::ui::components::form::{
    CurrentPassword, EmailField, FormAlert, FormPage, FormState, SignedInNote, Submit,
};
use crate::ui::router::Link;
use crate::ui::tr;
use crate::ui::{app, flash_and_go, Failure, Href, Route};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::identity_commands;
use onboard_core::office_commands;
use onboard_core::{DomainError, Reply};

#[component]
pub fn SignIn() -> impl IntoView {
    let form = FormState::new();
    let next = query("next");
    let email = RwSignal::new(query("email").get_untracked());
    let password = RwSignal::new(String::new());

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = identity_commands::SignIn {
            email: email.get_untracked(),
            password: password.get_untracked(),
        }
        .into();
        let next = next.get_untracked();
        form.send(cmd, move |reply| match reply {
            Ok(Reply::SignedIn) => {
                flash_and_go(P::SignedIn, vec![], Href::next_or_home(&next));
            }
            Ok(_) => {}
            Err(Failure::Domain(DomainError::NotVerified)) => {
                let to = Route::Verify
                    .with("email", email.get_untracked().trim())
                    .and_if_set("next", &next);
                flash_and_go(T::ErrNotVerified, vec![], to);
            }
            // Nothing was checked: what was typed stays.
            Err(Failure::Unavailable) => form.fail(Failure::Unavailable),
            Err(f) => {
                password.set(String::new());
                form.fail(f)
            }
        });
    };
    let create_link = move || Route::CreateId.href().and_if_set("next", &next.get());
    let reset_link = move || Route::Reset.with("email", email.get().trim());

    view! {
        <FormPage
            free=true
            title=T::SignInTitle
            intro=P::SignInIntro
            form=form
            on_submit=submit
            after=move || {
                view! {
                    <ul class="links">
                        <li>
                            {move || {
                                view! { <Link to=reset_link()>{tr(P::ForgotPassword)}</Link> }
                            }}
                        </li>
                        <li>
                            {move || {
                                view! { <Link to=create_link()>{tr(P::NoIdCreate)}</Link> }
                            }}
                        </li>
                    </ul>
                    <PlayAs />
                }
            }
        >
            <SignedInNote text=P::SignInAlready />
            <EmailField value=email form autocomplete="username" />
            <CurrentPassword value=password form />
            <Submit form label=P::SignInSubmit />
        </FormPage>
    }
}

/// On demo data only (the core's `demo::players`): each demo person, and the office,
/// in one click, signed in with the public demo password as if typed.
#[component]
fn PlayAs() -> impl IntoView {
    use onboard_core::demo::{players, PlayerRole, DEMO_PASSWORD};
    let app = app();
    let lang = app.lang;
    let form = FormState::new();
    let list = app
        .state
        .with_untracked(|s| players(s, app.clock.get_untracked()));
    (!list.is_empty()).then(|| {
        let rows = list
            .into_iter()
            .map(|p| {
                let office = p.roles.contains(&PlayerRole::Office);
                let (given, family) = p.name.clone();
                let name = move || {
                    if office {
                        T::ProgramOffice.get(lang.get()).to_string()
                    } else {
                        onboard_core::identity::display_name(&given, &family, lang.get())
                    }
                };
                let roles = p.roles.clone();
                let what = move || onboard_core::demo::roles_text(&roles, lang.get());
                let email = p.email.clone();
                let play = move |_| {
                    let (email, password) = (email.clone(), DEMO_PASSWORD.to_string());
                    let cmd = if office {
                        office_commands::OperatorSignIn { email, password }.into()
                    } else {
                        identity_commands::SignIn { email, password }.into()
                    };
                    form.run(cmd, move |reply| match reply {
                        Reply::OperatorSignedIn => flash_and_go(P::SignedIn, vec![], Route::Office),
                        Reply::SignedIn => flash_and_go(P::SignedIn, vec![], Route::Sites),
                        _ => {}
                    });
                };
                let label = name.clone();
                view! {
                    <li>
                        <button
                            type="button"
                            aria-label=move || P::PlayAs.fill(lang.get(), &[&label()])
                            on:click=play
                        >
                            {name}
                        </button>
                        <span class="muted">{p.email.clone()} " · " {what}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="panel play-as" aria-labelledby="play-as">
                <h2 id="play-as">
                    {tr(P::PlayAsTitle)} " " <span class="tag">{tr(P::DemoTag)}</span>
                </h2>
                <p>{tr(P::PlayAsText)}</p>
                <FormAlert form />
                <ul class="players">{rows}</ul>
                <super::tour::TourStart />
            </section>
        }
    })
}
