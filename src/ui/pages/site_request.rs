//! Ask a site's primary contact for access to the site.
use crate::ui::components::form::{FormAlert, FormState, Submit, TextArea, TextField};
use crate::ui::components::widgets::PageTitle;
use crate::ui::router::Link;
use crate::ui::Route;
use crate::ui::{app, flash_and_go};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::site_commands;
use onboard_core::{Field, Reply};

#[component]
pub fn SiteRequest() -> impl IntoView {
    let lang = app().lang;
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
        form.run(cmd, move |reply| {
            if let Reply::RequestSent = reply {
                flash_and_go(P::RequestSent, vec![], Route::Sites);
            }
        })
    };
    view! {
        <section class="narrow">
            <PageTitle key=P::RequestTitle />
            <p>{move || P::RequestIntro.get(lang.get())}</p>
            <form on:submit=submit novalidate>
                <FormAlert form=form />
                <TextField
                    field=Field::SiteNumber
                    label=T::FieldSiteNumber
                    value=site
                    errors=form.errors
                    inputmode="numeric"
                    mono=true
                />
                <TextField
                    field=Field::CustomerNumber
                    label=T::FieldCustomerNumber
                    value=customer
                    errors=form.errors
                    inputmode="numeric"
                    mono=true
                />
                <TextArea
                    field=Field::Message
                    label=T::FieldMessage
                    value=message
                    errors=form.errors
                    required=false
                />
                <Submit form=form label=P::RequestSubmit />
            </form>
            <p>
                <Link to=Route::Sites>{move || P::SitesTitle.get(lang.get())}</Link>
            </p>
        </section>
    }
}
