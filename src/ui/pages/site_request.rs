//! Ask a site's primary contact for access to the site.
use crate::ui::components::form::{FormPage, FormState, NumberField, Submit, TextField};
use crate::ui::router::LinkLine;
use crate::ui::Route;
use crate::ui::{app, flash_and_go};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::P;
use onboard_core::site_commands;
use onboard_core::{Field, Reply};

#[component]
pub fn SiteRequest() -> impl IntoView {
    let _lang = app().lang;
    let form = FormState::new();
    let site = RwSignal::new(String::new());
    let customer = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = site_commands::RequestAccess {
            site: site.get_untracked(),
            customer: customer.get_untracked(),
            message: message.get_untracked(),
        }
        .into();
        form.run(cmd, move |reply| match reply {
            Reply::RequestSent => flash_and_go(P::RequestSent, vec![], Route::Sites),
            // Shared mode, the server away: kept in this browser, sent when it is back.
            Reply::RequestKept => flash_and_go(P::RequestKept, vec![], Route::Sites),
            _ => {}
        })
    };
    view! {
        <FormPage
            title=P::RequestTitle
            intro=P::RequestIntro
            form=form
            on_submit=submit
            after=move || {
                view! { <LinkLine to=Route::Sites label=P::SitesTitle /> }
            }
        >
            <NumberField field=Field::SiteNumber value=site form />
            <NumberField field=Field::CustomerNumber value=customer form />
            <TextField rows=4 field=Field::Message value=message form required=false />
            <Submit form label=P::RequestSubmit />
        </FormPage>
    }
}
