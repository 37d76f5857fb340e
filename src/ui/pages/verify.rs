//! Verify a new ID with the code from the mail, or have a new code sent.
use super::query;
use crate::ui::components::form::{EmailField, FormPage, FormState, Submit, TextField};
use crate::ui::router::TextLink;
use crate::ui::tr;
use crate::ui::{flash_and_go, Href, Route};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::P;
use onboard_core::identity_commands;
use onboard_core::{Field, Reply};

#[component]
pub fn Verify() -> impl IntoView {
    let form = FormState::new();
    let next = query("next");
    let email = RwSignal::new(query("email").get_untracked());
    let code = RwSignal::new(String::new());

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = identity_commands::VerifyId {
            email: email.get_untracked(),
            code: code.get_untracked(),
        }
        .into();
        let next = next.get_untracked();
        form.run(cmd, move |reply| {
            if let Reply::Verified = reply {
                flash_and_go(P::Verified, vec![], Href::next_or_home(&next));
            }
        });
    };
    let resend = move |_| {
        let cmd = identity_commands::ResendCode {
            email: email.get_untracked(),
        }
        .into();
        form.run(cmd, move |reply| {
            if let Reply::CodeResent { email } = reply {
                code.set(String::new());
                form.notice(P::CodeResent, vec![email.to_string()]);
            }
        });
    };
    let mailbox = move || Route::Mailbox.with("to", email.get().trim());

    view! {
        <FormPage
            free=true
            title=P::VerifyTitle
            intro=P::VerifyIntro
            form=form
            on_submit=submit
            after=move || {
                view! {
                    <p>
                        {move || {
                            view! { <TextLink to=mailbox() label=P::OpenMailbox /> }
                        }}
                    </p>
                }
            }
        >
            <EmailField value=email form />
            <TextField
                field=Field::Code
                value=code
                form
                autocomplete="one-time-code"
                inputmode="numeric"
                mono=true
            />
            <div class="actions">
                <Submit form label=P::VerifySubmit />
                <button
                    type="button"
                    class="secondary"
                    on:click=resend
                    disabled=move || form.busy.get()
                >
                    {tr(P::ResendCode)}
                </button>
            </div>
        </FormPage>
    }
}
