//! The office's customer sites: enrol a site (the welcome mail goes out), reissue
//! passcodes, change the primary contact.
use super::create_id::NameFields;
use crate::ui::app;
use crate::ui::components::form::{
    country_options, lang_options, AddressFields, EmailField, FormAlert, FormState, SelectField,
    Submit, TextField,
};
use crate::ui::components::widgets::{Link, PageTitle, Pager, TableHead};
use crate::ui::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{Lang, P, T};
use onboard_core::site::SiteState;
use onboard_core::site_commands;
use onboard_core::{Command, Field, Reply};

pub const PAGE: usize = 50;

#[component]
pub fn OfficeSites() -> impl IntoView {
    view! {
        <section>
            <PageTitle key=P::OfficeSitesTitle />
            <SitesAdmin />
        </section>
    }
}

#[component]
fn SitesAdmin() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let notice = FormState::new();
    let page = RwSignal::new(0usize);
    let sites = Memo::new(move |_| {
        app.state.with(|s| {
            let mut v: Vec<_> = s
                .sites()
                .map(|x| {
                    (
                        x.number().to_string(),
                        x.company().to_string(),
                        x.primary().email.to_string(),
                        x.state(),
                        x.enrolled(),
                    )
                })
                .collect();
            v.sort_by_key(|x| std::cmp::Reverse(x.4));
            v
        })
    });
    let pages = Signal::derive(move || sites.with(|v| v.len()).div_ceil(PAGE));
    view! {
        <p>{move || P::OfficeSitesIntro.get(lang.get())}</p>
        <EnrolForm notice=notice />
        <FormAlert form=notice />
        {move || {
            if sites.with(|v| v.is_empty()) {
                view! { <p class="empty">{move || P::NoSitesYet.get(lang.get())}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table>
                            <TableHead
                                cols=vec![
                                    P::ColSite.into(),
                                    P::ColCompany.into(),
                                    P::ColContact.into(),
                                    P::ColState.into(),
                                    P::ColActions.into(),
                                ]
                                actions=None
                            />
                            <tbody>
                                {move || {
                                    sites
                                        .with(|v| {
                                            v.iter()
                                                .skip(page.get() * PAGE)
                                                .take(PAGE)
                                                .cloned()
                                                .collect::<Vec<_>>()
                                        })
                                        .into_iter()
                                        .map(|(site, company, email, state, _)| {
                                            view! { <SiteRow site company email state notice /> }
                                        })
                                        .collect_view()
                                }}
                            </tbody>
                        </table>
                    </div>
                    <Pager page=page pages=pages />
                    <ChangePrimaryForm notice=notice />
                }
                    .into_any()
            }
        }}
        <p>
            <Link to=Route::Office>{move || T::ProgramOffice.get(lang.get())}</Link>
        </p>
    }
}

#[component]
fn EnrolForm(notice: FormState) -> impl IntoView {
    let lang = app().lang;
    let form = FormState::new();
    let company = RwSignal::new(String::new());
    let country = RwSignal::new("JP".to_string());
    let postal = RwSignal::new(String::new());
    let prefecture = RwSignal::new(String::new());
    let city = RwSignal::new(String::new());
    let street = RwSignal::new(String::new());
    let family = RwSignal::new(String::new());
    let given = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let mail_lang = RwSignal::new(lang.get_untracked().code().to_string());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = site_commands::Enrol {
            company: company.get_untracked(),
            country: country.get_untracked(),
            postal: postal.get_untracked(),
            prefecture: prefecture.get_untracked(),
            city: city.get_untracked(),
            street: street.get_untracked(),
            family: family.get_untracked(),
            given: given.get_untracked(),
            email: email.get_untracked(),
            mail_lang: Lang::parse(&mail_lang.get_untracked()).unwrap_or_default(),
        }
        .into();
        form.run(cmd, move |reply| {
            if let Reply::SiteEnrolled { site, email: e } = reply {
                for s in [
                    company, postal, prefecture, city, street, family, given, email,
                ] {
                    s.set(String::new());
                }
                notice.notice(P::Enrolled, vec![site, e.to_string()]);
            }
        });
    };
    view! {
        <form class="panel" on:submit=submit novalidate>
            <h2>{move || P::EnrolTitle.get(lang.get())}</h2>
            <FormAlert form=form />
            <TextField
                field=Field::Company
                label=T::FieldCompany
                value=company
                errors=form.errors
                autocomplete="organization"
            />
            <SelectField
                field=Field::Country
                label=T::FieldCountry
                value=country
                errors=form.errors
                options=country_options()
            />
            <AddressFields
                postal=postal
                prefecture=prefecture
                city=city
                street=street
                errors=form.errors
            />
            <h3>{move || T::RolePrimary.get(lang.get())}</h3>
            <NameFields family=family given=given form=form />
            <EmailField
                label=P::FieldContactEmail
                value=email
                errors=form.errors
                autocomplete="off"
            />
            <SelectField
                field=Field::MailLang
                label=T::FieldMailLang
                value=mail_lang
                errors=form.errors
                options=lang_options()
            />
            <Submit form=form label=P::EnrolSubmit />
        </form>
    }
}

#[component]
fn ChangePrimaryForm(notice: FormState) -> impl IntoView {
    let lang = app().lang;
    let form = FormState::new();
    let site = RwSignal::new(String::new());
    let family = RwSignal::new(String::new());
    let given = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let mail_lang = RwSignal::new(lang.get_untracked().code().to_string());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = site_commands::ChangePrimary {
            site: site.get_untracked(),
            family: family.get_untracked(),
            given: given.get_untracked(),
            email: email.get_untracked(),
            mail_lang: Lang::parse(&mail_lang.get_untracked()).unwrap_or_default(),
        }
        .into();
        form.run(cmd, move |reply| {
            if let Reply::PrimaryChanged { site: s } = reply {
                for x in [site, family, given, email] {
                    x.set(String::new());
                }
                notice.notice(P::PrimaryChangedMsg, vec![s]);
            }
        })
    };
    view! {
        <details class="panel">
            <summary>{move || P::ChangePrimaryTitle.get(lang.get())}</summary>
            <form on:submit=submit novalidate>
                <FormAlert form=form />
                <TextField
                    field=Field::SiteNumber
                    label=T::FieldSiteNumber
                    value=site
                    errors=form.errors
                    id="primary-site"
                    mono=true
                />
                <NameFields family=family given=given form=form />
                <EmailField
                    label=P::FieldContactEmail
                    value=email
                    errors=form.errors
                    autocomplete="off"
                    id="primary-email"
                />
                <SelectField
                    field=Field::MailLang
                    label=T::FieldMailLang
                    value=mail_lang
                    errors=form.errors
                    options=lang_options()
                    id="primary-lang"
                />
                <Submit form=form label=P::ChangePrimarySubmit />
            </form>
        </details>
    }
}

/// One enrolled site: number, company, contact, state and, until it is active,
/// "Reissue" of its temporary passcode.
#[component]
fn SiteRow(
    site: String,
    company: String,
    email: String,
    state: SiteState,
    notice: FormState,
) -> impl IntoView {
    let lang = app().lang;
    let label = match state {
        SiteState::Awaiting => P::StateAwaiting,
        SiteState::Locked => P::StateLocked,
        SiteState::Active => P::StateActive,
    };
    let reissue = (state != SiteState::Active).then(|| {
        let aria = format!("{} {}", P::Reissue.get(lang.get_untracked()), site);
        let number = site.clone();
        let reissue = move |_| {
            let cmd = site_commands::ReissuePasscode {
                site: number.clone(),
            }
            .into();
            notice.run(Command::Site(cmd), move |reply| {
                if let Reply::PasscodeReissued { site } = reply {
                    notice.notice(P::Reissued, vec![site]);
                }
            })
        };
        view! {
            <button type="button" class="small" aria-label=aria on:click=reissue>
                {move || P::Reissue.get(lang.get())}
            </button>
        }
    });
    view! {
        <tr>
            <td class="mono">{site}</td>
            <td>{company}</td>
            <td>{email}</td>
            <td>{move || label.get(lang.get())}</td>
            <td>{reissue}</td>
        </tr>
    }
}
