//! Sign in with an ID's email and password; lock-out and unverified IDs are the
//! core's answers, shown next to the form.
use super::query;
use crate::ui::components::form::{FormAlert, FormState, Submit, TextField};
use crate::ui::components::widgets::{Link, PageTitle};
use crate::ui::{app, flash_and_go, safe_next, Failure};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::mail::url_encode;
use onboard_core::{Command, DomainError, Field, Reply};

#[component]
pub fn SignIn() -> impl IntoView {
    let lang = app().lang;
    // In shared mode the server keeps the password: no reset by mail here.
    let shared = app().sync.with_untracked(|s| s.server.is_some());
    let form = FormState::new();
    let next = query("next");
    let email = RwSignal::new(query("email").get_untracked());
    let password = RwSignal::new(String::new());

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = Command::SignIn {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        let next = next.get_untracked();
        form.send(cmd, move |reply| match reply {
            Ok(Reply::SignedIn) => {
                flash_and_go(T::SignedIn, vec![], &safe_next(&next));
            }
            Ok(_) => {}
            Err(Failure::Domain(DomainError::NotVerified)) => {
                let mut to = format!(
                    "/id/verify?email={}",
                    url_encode(email.get_untracked().trim())
                );
                if !next.is_empty() {
                    to.push_str(&format!("&next={}", url_encode(&next)));
                }
                flash_and_go(T::ErrNotVerified, vec![], &to);
            }
            // Nothing was checked: what was typed stays.
            Err(Failure::Unavailable) => form.fail(Failure::Unavailable),
            Err(f) => {
                password.set(String::new());
                form.fail(f)
            }
        });
    };
    let create_link = move || {
        let n = next.get();
        if n.is_empty() {
            "/id/new".to_string()
        } else {
            format!("/id/new?next={}", url_encode(&n))
        }
    };
    let reset_link = move || format!("/id/reset?email={}", url_encode(email.get().trim()));

    view! {
        <section class="narrow">
            <PageTitle key=T::SignInTitle />
            <p>{move || P::SignInIntro.get(lang.get())}</p>
            <form on:submit=submit novalidate>
                <FormAlert form=form />
                <TextField
                    field=Field::Email
                    label=T::FieldEmail
                    value=email
                    errors=form.errors
                    kind="email"
                    autocomplete="username"
                />
                <TextField
                    field=Field::Password
                    label=T::FieldPassword
                    value=password
                    errors=form.errors
                    kind="password"
                    autocomplete="current-password"
                />
                <Submit form=form label=T::SignInSubmit />
            </form>
            <ul class="links">
                {(!shared)
                    .then(|| {
                        view! {
                            <li>
                                {move || {
                                    view! {
                                        <Link to=reset_link()>
                                            {move || P::ForgotPassword.get(lang.get())}
                                        </Link>
                                    }
                                }}
                            </li>
                        }
                    })}
                <li>
                    {move || {
                        view! {
                            <Link to=create_link()>{move || P::NoIdCreate.get(lang.get())}</Link>
                        }
                    }}
                </li>
            </ul>
        </section>
    }
}
