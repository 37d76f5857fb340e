//! Ask the customer-care desk for help; the reply comes as a mail.
use super::signed_in;
use crate::ui::app;
use crate::ui::components::form::{
    EmailField, FormPage, FormState, NumberField, Submit, TextField,
};
use crate::ui::router::LinkLine;
use crate::ui::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::P;
use onboard_core::site_commands;
use onboard_core::{Field, Reply};

#[component]
pub fn SiteHelp() -> impl IntoView {
    let _lang = app().lang;
    let me = signed_in();
    let form = FormState::new();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    // A link may name the subject (the reset page's, in shared mode).
    let subject = RwSignal::new(super::query("subject").get_untracked());
    let site = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = site_commands::Help {
            name: name.get_untracked(),
            email: email.get_untracked(),
            subject: subject.get_untracked(),
            site: site.get_untracked(),
            description: description.get_untracked(),
            mail_lang: Some(app().lang.get_untracked()),
        }
        .into();
        form.run(cmd, move |reply| match reply {
            Reply::HelpSent { reference } => {
                subject.set(String::new());
                description.set(String::new());
                form.notice(P::HelpSent, vec![reference]);
            }
            // Shared mode: sent to the office's inbox, or kept to send (the server away).
            reply @ (Reply::HelpQueued | Reply::RequestKept) => {
                subject.set(String::new());
                description.set(String::new());
                let said = match reply {
                    Reply::RequestKept => P::RequestKept,
                    _ => P::HelpQueued,
                };
                form.notice(said, vec![]);
            }
            _ => {}
        })
    };
    view! {
        <FormPage
            title=P::HelpTitle
            intro=P::HelpIntro
            form=form
            on_submit=submit
            after=move || {
                view! { <LinkLine to=Route::Sites label=P::SitesTitle /> }
            }
        >
            {move || {
                me.get()
                    .is_none()
                    .then(|| {
                        view! {
                            <TextField field=Field::Name value=name form autocomplete="name" />
                            <EmailField value=email form />
                        }
                    })
            }}
            <TextField field=Field::Subject value=subject form />
            <NumberField field=Field::SiteNumber value=site form required=false />
            <TextField rows=4 field=Field::Description value=description form />
            <Submit form label=P::HelpSubmit />
        </FormPage>
    }
}
