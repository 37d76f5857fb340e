//! Create an ID: name, email, country, mail language, password and terms.
//! The core checks every field; the page shows its errors next to the fields.
use super::query;
use crate::ui::components::form::{
    CheckField, CountryField, EmailField, FormAlert, FormPage, FormState, MailLangField,
    NewPassword, SignedInNote, Submit, TextField,
};
use crate::ui::components::widgets::{fmt_time, PageTitle};
use crate::ui::router::{LinkLine, TextLink};
use crate::ui::tr;
use crate::ui::{app, flash_and_go, Href, Route};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{Lang, P, T};
use onboard_core::identity_commands;
use onboard_core::{Field, Reply};

/// Family and given name fields in the order of the language (family first in Japanese).
#[component]
pub fn NameFields(
    family: RwSignal<String>,
    given: RwSignal<String>,
    form: FormState,
) -> impl IntoView {
    let lang = app().lang;
    move || {
        let name = move |field, value, autocomplete| {
            view! { <TextField field value form autocomplete /> }
        };
        let fam = name(Field::FamilyName, family, "family-name");
        let giv = name(Field::GivenName, given, "given-name");
        if lang.get() == Lang::Ja {
            view! { <div class="row">{fam}{giv}</div> }.into_any()
        } else {
            view! { <div class="row">{giv}{fam}</div> }.into_any()
        }
    }
}

/// What a new ID needs besides its address, as typed (both forms of this page).
#[derive(Clone, Copy)]
struct NewIdSignals {
    family: RwSignal<String>,
    given: RwSignal<String>,
    country: RwSignal<String>,
    mail_lang: RwSignal<String>,
    password: RwSignal<String>,
    confirm: RwSignal<String>,
    terms: RwSignal<bool>,
}

impl NewIdSignals {
    /// Empty, with Japan and the page's language chosen for a Japanese page.
    fn new(lang: Lang) -> NewIdSignals {
        let country = if lang == Lang::Ja { "JP" } else { "" };
        NewIdSignals {
            family: RwSignal::new(String::new()),
            given: RwSignal::new(String::new()),
            country: RwSignal::new(country.to_string()),
            mail_lang: RwSignal::new(lang.code().to_string()),
            password: RwSignal::new(String::new()),
            confirm: RwSignal::new(String::new()),
            terms: RwSignal::new(false),
        }
    }
    /// What is typed, as the command that creates an ID for `email`.
    fn command(&self, email: String) -> identity_commands::CreateId {
        identity_commands::CreateId {
            email,
            family: self.family.get_untracked(),
            given: self.given.get_untracked(),
            country: self.country.get_untracked(),
            mail_lang: Lang::parse(&self.mail_lang.get_untracked()).unwrap_or_default(),
            password: self.password.get_untracked(),
            confirm: self.confirm.get_untracked(),
            accept_terms: self.terms.get_untracked(),
        }
    }
}

/// Name, country, mail language, password and the terms.
#[component]
fn NewIdFields(f: NewIdSignals, form: FormState) -> impl IntoView {
    view! {
        <NameFields family=f.family given=f.given form />
        <CountryField value=f.country form placeholder=P::Choose />
        <MailLangField value=f.mail_lang form />
        <NewPassword password=f.password confirm=f.confirm form />
        <p class="terms">{tr(P::TermsText)}</p>
        <CheckField field=Field::Terms label=T::FieldTerms checked=f.terms form />
    }
}

/// `/id/new`: with `?invite=` (local mode) the invitation's own form, else the usual.
#[component]
pub fn CreateId() -> impl IntoView {
    let secret = query("invite").get_untracked();
    let shared = app().sync.with_untracked(|s| s.server.is_some());
    let me = super::my_email();
    // Shared mode, signed in (known once the account's data is read): the server makes
    // IDs, and an invitation is taken up once its address has one.
    let shared_me = move || if shared { me.get() } else { None };
    move || match (secret.is_empty(), shared, shared_me()) {
        (true, _, _) | (false, true, None) => view! { <NewId /> }.into_any(),
        (false, true, Some(me)) => view! { <SharedInvitation me /> }.into_any(),
        (false, false, _) => view! { <AcceptInvitation secret=secret.clone() /> }.into_any(),
    }
}

/// Shared mode, signed in, the invitation link opened from the mailbox: whether it is
/// this ID's (taken up already) or another address's.
#[component]
fn SharedInvitation(me: onboard_core::text::Email) -> impl IntoView {
    let lang = app().lang;
    let invited = query("email").get_untracked();
    let mine = onboard_core::text::Email::parse(&invited).is_ok_and(|e| e == me);
    view! {
        <section class="narrow">
            <PageTitle key=P::AcceptInvitationTitle />
            <p role="status">
                {move || {
                    if mine {
                        P::InviteSharedMine.fill(lang.get(), &[&invited])
                    } else {
                        P::InviteSharedOther.fill(lang.get(), &[&invited, me.as_str()])
                    }
                }}
            </p>
            <ul class="links">
                <li>
                    <TextLink to=Route::Sites label=P::SitesTitle />
                </li>
                <li>
                    <TextLink to=Route::Partner label=P::PartnerTitle />
                </li>
            </ul>
        </section>
    }
}

/// What the invitation link opened, as plain values for the view.
#[derive(Clone, Debug, PartialEq)]
enum Opened {
    /// No invitation has this link.
    Invalid,
    Expired(onboard_core::Timestamp),
    /// (address, whom to, who sent it, until when)
    Open(String, String, String, onboard_core::Timestamp),
}

/// Accepting an invitation: the ID is made with the invited address only (it is not
/// a field); someone signed in as that address accepts with one button.
#[component]
fn AcceptInvitation(secret: String) -> impl IntoView {
    use onboard_core::invite::InviteState;
    let app = app();
    let lang = app.lang;
    let me = super::my_email();
    let now = app.clock.get_untracked();
    let opened = app.state.with_untracked(|s| match s.invitation(&secret) {
        None => Opened::Invalid,
        Some(inv) => match inv.invite() {
            Some(i) if i.state(now) == InviteState::Expired => Opened::Expired(i.expires),
            i => Opened::Open(
                inv.email().to_string(),
                inv.to_name().to_string(),
                i.as_ref().map(|i| i.by.clone()).unwrap_or_default(),
                i.map_or(now, |i| i.expires),
            ),
        },
    });
    let Opened::Open(email, to, by, expires) = opened else {
        let text = move || match &opened {
            Opened::Expired(at) => {
                T::ErrInviteExpired.fill(lang.get(), &[&fmt_time(*at, lang.get())])
            }
            _ => T::ErrInviteInvalid.get(lang.get()).to_string(),
        };
        return view! {
            <section class="narrow">
                <PageTitle key=P::CreateIdTitle />
                <p class="form-alert error" role="alert">
                    {text}
                </p>
                <p>
                    <TextLink to=Route::CreateId label=P::CreateIdTitle />
                    " · "
                    <TextLink to=Route::SignIn label=P::HaveIdSignIn />
                </p>
            </section>
        }
        .into_any();
    };
    let has_id = app.state.with_untracked(|s| {
        onboard_core::text::Email::parse(&email)
            .ok()
            .and_then(|e| s.identity_by_email(&e).map(|_| ()))
            .is_some()
    });
    let form = FormState::new();
    let f = NewIdSignals::new(lang.get_untracked());
    let secret = StoredValue::new(secret);
    let accept = move || {
        let cmd = f
            .command(String::new())
            .accepting(secret.get_value())
            .into();
        form.run(cmd, move |reply| {
            if let Reply::InviteAccepted { to } = reply {
                flash_and_go(P::InviteAccepted, vec![], &to);
            }
        });
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        accept();
    };
    let here = Route::SignIn.with(
        "next",
        Route::CreateId.with("invite", &secret.get_value()).as_str(),
    );
    let (email1, email2) = (email.clone(), email.clone());
    let intro =
        move || P::InviteIntro.fill(lang.get(), &[&by, &to, &fmt_time(expires, lang.get())]);
    let body = move || match me.get() {
        Some(e) if e.as_str() == email1 => view! {
            <form on:submit=submit novalidate>
                <FormAlert form />
                <Submit form label=P::AcceptInvitation busy_label=P::AcceptInvitation />
            </form>
        }
        .into_any(),
        Some(_) => view! {
            <p class="form-alert error" role="alert">
                {tr(T::ErrInviteForOther)}
            </p>
        }
        .into_any(),
        None if has_id => view! {
            <p>{tr(P::InviteHasId)}</p>
            <LinkLine to=here.clone() label=P::HaveIdSignIn />
        }
        .into_any(),
        None => view! {
            <form on:submit=submit novalidate>
                <FormAlert form />
                <div class="field">
                    <span class="label">{tr(T::FieldEmail)}</span>
                    <p class="mono" id="invited-email">
                        {email2.clone()}
                    </p>
                </div>
                <NewIdFields f form />
                <Submit form label=P::AcceptInvitation busy_label=P::BusyHashing />
            </form>
        }
        .into_any(),
    };
    view! {
        <section class="narrow">
            <PageTitle key=P::AcceptInvitationTitle />
            <p>{intro}</p>
            {body}
        </section>
    }
    .into_any()
}

/// The usual form: an ID for any address, verified by a mailed code.
#[component]
fn NewId() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let form = FormState::new();
    let next = query("next");
    let email = RwSignal::new(query("email").get_untracked());
    let f = NewIdSignals::new(lang.get_untracked());

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = f.command(email.get_untracked()).into();
        let next = next.get_untracked();
        form.run(cmd, move |reply| match reply {
            // Shared mode: the server's account is the proof of the address; signed in.
            Reply::IdCreated { .. } if app.sync.with_untracked(|s| s.server.is_some()) => {
                flash_and_go(P::SignedIn, vec![], Href::next_or_home(&next));
            }
            Reply::IdCreated { email } => {
                let to = Route::Verify
                    .with("email", email.as_str())
                    .and_if_set("next", &next);
                flash_and_go(P::IdCreated, vec![email.to_string()], to);
            }
            _ => {}
        });
    };

    view! {
        <FormPage
            title=P::CreateIdTitle
            intro=P::CreateIdIntro
            form=form
            on_submit=submit
            after=move || {
                view! { <LinkLine to=Route::SignIn label=P::HaveIdSignIn /> }
            }
        >
            <SignedInNote text=P::CreateIdAlready />
            <EmailField value=email form />
            <NewIdFields f form />
            <Submit form label=P::CreateIdSubmit busy_label=P::BusyHashing />
        </FormPage>
    }
}
