//! The signed-in person's profile: name, country, mail language, and the password.
use super::create_id::NameFields;
use super::signed_in;
use crate::ui::app;
use crate::ui::components::form::{
    CountryField, CurrentPassword, FormAlert, FormState, MailLangField, NewPassword, Submit,
};
use crate::ui::components::widgets::PageTitle;
use crate::ui::pages::site_report::{history_of, HistorySection};
use crate::ui::router::LinkLine;
use crate::ui::tr;
use crate::ui::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{Lang, P, T};
use onboard_core::identity_commands;
use onboard_core::{Field, Reply};

/// Asks to sign in, then comes back to `next`.
#[component]
pub fn SignInFirst(next: String) -> impl IntoView {
    view! {
        <p class="note">{tr(T::ErrNotSignedIn)}</p>
        <LinkLine to=Route::SignIn.with("next", &next) label=T::SignIn />
    }
}

#[component]
pub fn Profile() -> impl IntoView {
    view! {
        <section class="narrow">
            <PageTitle key=P::ProfileTitle />
            <ProfileForms />
        </section>
    }
}

#[component]
fn ProfileForms() -> impl IntoView {
    let app = app();
    let me = signed_in();
    let current = move || {
        me.get_untracked()
            .and_then(|id| app.state.with_untracked(|s| s.identity(&id).cloned()))
    };
    let rec = current().expect("shown only when signed in");
    let email = rec.email().to_string();
    let form = FormState::new();
    let family = RwSignal::new(rec.family().to_string());
    let given = RwSignal::new(rec.given().to_string());
    let country = RwSignal::new(rec.country().code().to_string());
    let mail_lang = RwSignal::new(rec.mail_lang().code().to_string());

    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = identity_commands::UpdateProfile {
            family: family.get_untracked(),
            given: given.get_untracked(),
            country: country.get_untracked(),
            mail_lang: Lang::parse(&mail_lang.get_untracked()).unwrap_or_default(),
        }
        .into();
        form.run(cmd, move |_| form.notice(P::ProfileSaved, vec![]))
    };

    let pw = FormState::new();
    let current_pw = RwSignal::new(String::new());
    let new_pw = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let change = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = identity_commands::ChangePassword {
            current: current_pw.get_untracked(),
            password: new_pw.get_untracked(),
            confirm: confirm.get_untracked(),
        }
        .into();
        pw.run(cmd, move |reply| {
            if let Reply::PasswordChanged = reply {
                current_pw.set(String::new());
                new_pw.set(String::new());
                confirm.set(String::new());
                pw.notice(P::PasswordChanged, vec![]);
            }
        });
    };

    view! {
        <p>{tr(P::ProfileIntro)}</p>
        <form on:submit=save novalidate aria-labelledby="profile-h">
            <h2 id="profile-h" class="visually-hidden">
                {tr(P::ProfileTitle)}
            </h2>
            <FormAlert form />
            <dl class="facts">
                <dt>{tr(P::IdEmail)}</dt>
                <dd>
                    <code class="mono">{email}</code>
                </dd>
            </dl>
            <NameFields family given form />
            <CountryField value=country form />
            <MailLangField value=mail_lang form />
            <Submit form label=P::Save />
        </form>
        <form on:submit=change novalidate aria-labelledby="pw-h">
            <h2 id="pw-h">{tr(P::ChangePasswordTitle)}</h2>
            <FormAlert form=pw />
            <CurrentPassword field=Field::CurrentPassword value=current_pw form=pw />
            <NewPassword password=new_pw confirm form=pw label=P::FieldNewPassword />
            <Submit form=pw label=P::ChangePasswordSubmit busy_label=P::BusyHashing />
        </form>
        <IdHistory />
        <LinkLine to=Route::Home label=T::BackHome />
    }
}

/// The ID's own history (`report::id_history`). On a shared server only what this app
/// recorded: the server checks sign-ins, and records none.
#[component]
fn IdHistory() -> impl IntoView {
    let shared = app().sync.with_untracked(|s| s.server.is_some());
    let entries = history_of(|s, actor, _| onboard_core::report::id_history(s, actor));
    let intro = if shared {
        P::IdHistoryIntroShared
    } else {
        P::IdHistoryIntro
    };
    view! { <HistorySection entries title=P::IdHistoryTitle intro stem="id-history".to_string() /> }
}
