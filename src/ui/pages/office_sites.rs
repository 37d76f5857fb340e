//! The office's customer sites: enrol a site (the welcome mail goes out), reissue
//! passcodes, change the primary contact.
use super::create_id::NameFields;
use crate::ui::app;
use crate::ui::components::form::{
    field_id, AddressFields, AddressInput, CountryField, EmailField, FormAlert, FormState,
    MailLangField, NumberField, Submit, TextField,
};
use crate::ui::components::widgets::{count_of, PageTitle, Pager, SearchBox, TableHead};
use crate::ui::router::{filtered_page_in_address, LinkLine};
use crate::ui::tr;
use crate::ui::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{Lang, P, T};
use onboard_core::site::SiteState;
use onboard_core::site_commands;
use onboard_core::text::search_key;
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
    let notice = FormState::new();
    let filter = crate::ui::router::text_in_address();
    let total = Memo::new(move |_| app.state.with(|s| s.sites().count()));
    let sites = Memo::new(move |_| {
        let key = search_key(filter.get().trim());
        app.state.with(|s| {
            let mut v: Vec<_> = s
                .sites()
                .filter(|x| x.matches(&key))
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
    // The page is in the address (`?page=2`): a reload, a link and Back keep it; other
    // words typed go to the first page.
    let page = filtered_page_in_address(pages, filter);
    // What the list shows changes only with these (typing keeps the table and the form).
    let any = Memo::new(move |_| total.get() > 0);
    let found = Memo::new(move |_| sites.with(|v| !v.is_empty()));
    let lang = app.lang;
    let count = move || {
        let found = sites.with(|v| v.len());
        count_of(
            lang.get(),
            found,
            total.get(),
            (P::SitesCount, P::SitesFound),
        )
    };
    view! {
        <p>{tr(P::OfficeSitesIntro)}</p>
        <EnrolForm notice />
        <FormAlert form=notice />
        {move || {
            any.get()
                .then(|| {
                    view! {
                        <div class="toolbar">
                            <SearchBox id="site-filter" label=P::FilterSites value=filter />
                            <span class="count" aria-live="polite">
                                {count}
                            </span>
                        </div>
                    }
                })
        }}
        {move || {
            if !any.get() {
                view! { <p class="empty">{tr(P::NoSitesYet)}</p> }.into_any()
            } else if !found.get() {
                view! { <p class="empty">{tr(P::NoSiteMatches)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="sites cards">
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
                    {move || (pages.get() > 1).then(|| view! { <Pager page pages /> })}
                }
                    .into_any()
            }
        }}
        {move || any.get().then(|| view! { <ChangePrimaryForm notice /> })}
        <LinkLine to=Route::Office label=T::ProgramOffice />
    }
}

/// The person a site's primary contact is to be, as typed (enrolling a site, changing
/// its primary contact): the name, the email and the language of their mail.
#[derive(Clone, Copy)]
struct Primary {
    family: RwSignal<String>,
    given: RwSignal<String>,
    email: RwSignal<String>,
    mail_lang: RwSignal<String>,
}

impl Primary {
    fn new() -> Primary {
        Primary {
            family: RwSignal::new(String::new()),
            given: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            mail_lang: RwSignal::new(app().lang.get_untracked().code().to_string()),
        }
    }
    /// What is typed: family and given name, email and mail language.
    fn values(&self) -> (String, String, String, Lang) {
        let lang = Lang::parse(&self.mail_lang.get_untracked()).unwrap_or_default();
        (
            self.family.get_untracked(),
            self.given.get_untracked(),
            self.email.get_untracked(),
            lang,
        )
    }
}

/// The fields of [`Primary`]; `ids`: the prefix of the email and language fields' ids
/// where two forms of the page ask for them.
#[component]
fn PrimaryFields(
    who: Primary,
    form: FormState,
    #[prop(optional)] ids: &'static str,
) -> impl IntoView {
    let id = move |what: &str, field: Field| match ids {
        "" => field_id(field),
        ids => format!("{ids}-{what}"),
    };
    view! {
        <NameFields family=who.family given=who.given form />
        <EmailField
            label=P::FieldContactEmail
            value=who.email
            form
            autocomplete="off"
            id=id("email", Field::Email)
        />
        <MailLangField value=who.mail_lang form id=id("lang", Field::MailLang) />
    }
}

#[component]
fn EnrolForm(notice: FormState) -> impl IntoView {
    let form = FormState::new();
    let company = RwSignal::new(String::new());
    let country = RwSignal::new("JP".to_string());
    let address = AddressInput::of(None);
    let who = Primary::new();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let a = address.value();
        let (family, given, email, mail_lang) = who.values();
        let cmd = site_commands::Enrol {
            company: company.get_untracked(),
            country: country.get_untracked(),
            postal: a.postal,
            prefecture: a.prefecture,
            city: a.city,
            street: a.street,
            family,
            given,
            email,
            mail_lang,
        }
        .into();
        form.run(cmd, move |reply| {
            if let Reply::SiteEnrolled { site, email: e } = reply {
                address.clear();
                for s in [company, who.family, who.given, who.email] {
                    s.set(String::new());
                }
                notice.notice(P::Enrolled, vec![site, e.to_string()]);
            }
        });
    };
    view! {
        <form class="panel" on:submit=submit novalidate>
            <h2>{tr(P::EnrolTitle)}</h2>
            <FormAlert form />
            <TextField field=Field::Company value=company form autocomplete="organization" />
            <CountryField value=country form />
            <AddressFields address form />
            <h3>{tr(T::RolePrimary)}</h3>
            <PrimaryFields who form />
            <Submit form label=P::EnrolSubmit />
        </form>
    }
}

#[component]
fn ChangePrimaryForm(notice: FormState) -> impl IntoView {
    let form = FormState::new();
    let site = RwSignal::new(String::new());
    let who = Primary::new();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (family, given, email, mail_lang) = who.values();
        let number = site.get_untracked();
        let cmd = site_commands::ChangePrimary {
            family,
            given,
            email,
            mail_lang,
            site: number,
        };
        form.run(cmd.into(), move |reply| {
            if let Reply::PrimaryChanged { site: s } = reply {
                for x in [site, who.family, who.given, who.email] {
                    x.set(String::new());
                }
                notice.notice(P::PrimaryChangedMsg, vec![s]);
            }
        })
    };
    view! {
        <details class="panel">
            <summary>{tr(P::ChangePrimaryTitle)}</summary>
            <form on:submit=submit novalidate>
                <FormAlert form />
                <NumberField field=Field::SiteNumber value=site form id="primary-site" />
                <PrimaryFields who form ids="primary" />
                <Submit form label=P::ChangePrimarySubmit />
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
        // Its name follows the language, as its text does.
        let aria = {
            let site = site.clone();
            move || format!("{} {}", P::Reissue.get(lang.get()), site)
        };
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
                {tr(P::Reissue)}
            </button>
        }
    });
    view! {
        <tr>
            <td class="mono">{site}</td>
            <td data-label=tr(P::ColCompany)>{company}</td>
            <td data-label=tr(P::ColContact)>{email}</td>
            <td data-label=tr(P::ColState)>{tr(label)}</td>
            <td>{reissue}</td>
        </tr>
    }
}
