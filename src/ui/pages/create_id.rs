//! Create an ID: name, email, country, mail language, password and terms.
//! The core checks every field; the page shows its errors next to the fields.
use super::query;
use crate::ui::components::form::{
    country_options, lang_options, CheckField, FormAlert, FormState, NewPassword, SelectField,
    Submit, TextField,
};
use crate::ui::components::widgets::{Link, PageTitle};
use crate::ui::{app, flash_and_go};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{Lang, P, T};
use onboard_core::mail::url_encode;
use onboard_core::{Command, Field, Reply};

/// Family and given name fields in the order of the language (family first in Japanese).
#[component]
pub fn NameFields(
    family: RwSignal<String>,
    given: RwSignal<String>,
    form: FormState,
) -> impl IntoView {
    let lang = app().lang;
    move || {
        let fam = view! {
            <TextField
                field=Field::FamilyName
                label=T::FieldFamilyName
                value=family
                errors=form.errors
                autocomplete="family-name"
            />
        };
        let giv = view! {
            <TextField
                field=Field::GivenName
                label=T::FieldGivenName
                value=given
                errors=form.errors
                autocomplete="given-name"
            />
        };
        if lang.get() == Lang::Ja {
            view! { <div class="row">{fam}{giv}</div> }.into_any()
        } else {
            view! { <div class="row">{giv}{fam}</div> }.into_any()
        }
    }
}

#[component]
pub fn CreateId() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let form = FormState::new();
    let next = query("next");
    let email = RwSignal::new(query("email").get_untracked());
    let family = RwSignal::new(String::new());
    let given = RwSignal::new(String::new());
    let country = RwSignal::new(if lang.get_untracked() == Lang::Ja {
        "JP".to_string()
    } else {
        String::new()
    });
    let mail_lang = RwSignal::new(lang.get_untracked().code().to_string());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let terms = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = Command::CreateId {
            email: email.get_untracked(),
            family: family.get_untracked(),
            given: given.get_untracked(),
            country: country.get_untracked(),
            mail_lang: Lang::parse(&mail_lang.get_untracked()).unwrap_or_default(),
            password: password.get_untracked(),
            confirm: confirm.get_untracked(),
            accept_terms: terms.get_untracked(),
        };
        let next = next.get_untracked();
        form.send(cmd, move |reply| match reply {
            // Shared mode: the server's account is the proof of the address; signed in.
            Ok(Reply::IdCreated { .. }) if app.sync.with_untracked(|s| s.server.is_some()) => {
                flash_and_go(T::SignedIn, vec![], &crate::ui::safe_next(&next));
            }
            Ok(Reply::IdCreated { email }) => {
                let mut to = format!("/id/verify?email={}", url_encode(email.as_str()));
                if !next.is_empty() {
                    to.push_str(&format!("&next={}", url_encode(&next)));
                }
                flash_and_go(T::IdCreated, vec![email.to_string()], &to);
            }
            Ok(_) => {}
            Err(f) => form.fail(f),
        });
    };

    view! {
        <section class="narrow">
            <PageTitle key=T::CreateIdTitle />
            <p>{move || P::CreateIdIntro.get(lang.get())}</p>
            <form on:submit=submit novalidate>
                <FormAlert form=form />
                <TextField
                    field=Field::Email
                    label=T::FieldEmail
                    value=email
                    errors=form.errors
                    kind="email"
                    autocomplete="email"
                />
                <NameFields family=family given=given form=form />
                <SelectField
                    field=Field::Country
                    label=T::FieldCountry
                    value=country
                    errors=form.errors
                    options=country_options()
                    placeholder=T::Choose
                />
                <SelectField
                    field=Field::MailLang
                    label=T::FieldMailLang
                    value=mail_lang
                    errors=form.errors
                    options=lang_options()
                />
                <NewPassword password=password confirm=confirm errors=form.errors />
                <p class="terms">{move || P::TermsText.get(lang.get())}</p>
                <CheckField
                    field=Field::Terms
                    label=T::FieldTerms
                    checked=terms
                    errors=form.errors
                />
                <Submit form=form label=T::CreateIdSubmit busy_label=T::BusyHashing />
            </form>
            <p>
                <Link to="/signin".into()>{move || P::HaveIdSignIn.get(lang.get())}</Link>
            </p>
        </section>
    }
}
