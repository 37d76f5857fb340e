//! Reset a forgotten password: ask for a code by mail, then set a new password.
//! Asking never says whether the email has an ID.
use super::query;
use crate::ui::components::form::{
    EmailField, FormAlert, FormState, NewPassword, Submit, TextField,
};
use crate::ui::components::widgets::PageTitle;
use crate::ui::router::{Link, TextLink};
use crate::ui::tr;
use crate::ui::{app, flash_and_go, Route};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::P;
use onboard_core::identity_commands;
use onboard_core::{Field, Reply};

/// Two steps on one page: ask for a code, then the code and a new password.
/// The link in the reset mail (`?email=...&step=code`) opens the second step directly.
#[component]
pub fn Reset() -> impl IntoView {
    let lang = app().lang;
    // In shared mode the server keeps the password: the office's help, then the host.
    if app().sync.with_untracked(|s| s.server.is_some()) {
        let help = move || Route::SiteHelp.with("subject", P::ResetHelpSubject.get(lang.get()));
        return view! {
            <section class="narrow">
                <PageTitle key=P::ResetTitle />
                <p>{tr(P::ResetShared)}</p>
                <p>
                    {move || {
                        view! { <TextLink to=help() label=P::ResetAskHelp /> }
                    }}
                </p>
            </section>
        }
        .into_any();
    }
    let form = FormState::new();
    let step2 = RwSignal::new(query("step").get_untracked() == "code");
    let email = RwSignal::new(query("email").get_untracked());
    let code = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());

    let request = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = identity_commands::RequestReset {
            email: email.get_untracked(),
        }
        .into();
        form.run(cmd, move |reply| {
            if let Reply::ResetMailed { email: e } = reply {
                email.set(e.to_string());
                step2.set(true);
                form.notice(P::ResetMailed, vec![e.to_string()]);
            }
        });
    };
    let reset = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = identity_commands::ResetPassword {
            email: email.get_untracked(),
            code: code.get_untracked(),
            password: password.get_untracked(),
            confirm: confirm.get_untracked(),
        }
        .into();
        form.run(cmd, move |reply| {
            if let Reply::PasswordReset = reply {
                let to = Route::SignIn.with("email", email.get_untracked().trim());
                flash_and_go(P::PasswordResetDone, vec![], to);
            }
        });
    };
    let mailbox = move || Route::Mailbox.with("to", email.get().trim());

    view! {
        <section class="narrow">
            <PageTitle key=P::ResetTitle />
            {move || {
                if !step2.get() {
                    view! {
                        <p>{tr(P::ResetIntro)}</p>
                        <form on:submit=request novalidate data-leave="free">
                            <FormAlert form />
                            <EmailField value=email form autocomplete="username" />
                            <Submit form label=P::ResetSend />
                        </form>
                    }
                        .into_any()
                } else {
                    view! {
                        <h2>{tr(P::ResetStep2)}</h2>
                        <form on:submit=reset novalidate data-leave="free">
                            <FormAlert form />
                            <EmailField value=email form autocomplete="username" />
                            <TextField
                                field=Field::Code
                                label=P::FieldResetCode
                                value=code
                                form
                                autocomplete="one-time-code"
                                inputmode="numeric"
                                mono=true
                            />
                            <NewPassword password confirm form label=P::FieldNewPassword />
                            <div class="actions">
                                <Submit form label=P::ResetSubmit busy_label=P::BusyHashing />
                                <button
                                    type="button"
                                    class="secondary"
                                    on:click=move |_| {
                                        form.clear();
                                        step2.set(false);
                                    }
                                >
                                    {tr(P::ResetSend)}
                                </button>
                            </div>
                        </form>
                        <p>
                            {move || {
                                view! { <Link to=mailbox()>{tr(P::OpenMailbox)}</Link> }
                            }}
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
    .into_any()
}
