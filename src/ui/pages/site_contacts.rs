//! A site's key contacts (primary, technical, administrative, renewal, media, billing)
//! and up to four secondary contacts; the limits are the core's.
use super::create_id::NameFields;
use super::site_top::SitePage;
use crate::ui::components::form::{
    CountryField, EmailField, FormAlert, FormState, PanelForm, PhoneField, SelectField,
    SubmitCancel, TextField,
};
use crate::ui::components::widgets::{OpenPanel, TableHead};
use crate::ui::tr;
use crate::ui::{app, focus_soon};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::P;
use onboard_core::identity::display_name;
use onboard_core::site::{Contact, Role, Site, SiteAction, SiteRole};
use onboard_core::site_commands;
use onboard_core::words::role_name;
use onboard_core::{Command, Field};

#[component]
pub fn SiteContacts() -> impl IntoView {
    view! {
        <SitePage
            title=P::ContactsTitle
            actions=&[SiteAction::ViewContacts, SiteAction::EditContacts]
            body=|n, may| view! { <ContactTable number=n editable=may /> }.into_any()
        />
    }
}

#[component]
fn ContactTable(number: String, editable: bool) -> impl IntoView {
    let app = app();
    let editing: RwSignal<Option<Role>> = RwSignal::new(None);
    let notice = FormState::new();
    let key = onboard_core::site::SiteNumber::parse(&number).expect("route number");
    let current = Memo::new(move |_| app.state.with(|s| s.site(&key).cloned()));
    let me = super::my_email();
    let handing = RwSignal::new(false);
    let rows = move || {
        current.get().map(|site| {
            let is_primary = site.role_of(me.get().as_ref()) == SiteRole::Primary;
            rows_of(site, editable, editing, notice, is_primary, handing)
        })
    };
    view! {
        <p>{tr(P::ContactsIntro)}</p>
        {(!editable).then(|| view! { <p class="note">{tr(P::ContactsReadOnly)}</p> })}
        <FormAlert form=notice />
        <div class="table-wrap">
            <table class="contacts cards">
                <TableHead
                    cols=vec![P::FieldRole.into(), P::ColContact.into(), P::ColActions.into()]
                    actions=None
                />
                <tbody>{rows}</tbody>
            </table>
        </div>
        {move || {
            handing
                .get()
                .then(|| {
                    current
                        .get_untracked()
                        .map(|site| {
                            view! { <HandOverForm site open=handing notice /> }
                        })
                })
        }}
        {move || {
            editing
                .get()
                .and_then(|role| {
                    current
                        .get_untracked()
                        .map(|site| {
                            view! { <ContactForm site role editing notice /> }
                        })
                })
        }}
    }
}

fn rows_of(
    site: Site,
    editable: bool,
    editing: RwSignal<Option<Role>>,
    notice: FormState,
    is_primary: bool,
    handing: RwSignal<bool>,
) -> impl IntoView {
    let lang = app().lang;
    let n = site.number().to_string();
    let p = site.primary().clone();
    Role::ALL.into_iter().map(|role| {
        let c = site.contact(role).cloned();
        let pn = p.clone();
        let n2 = n.clone();
        let who = move || match (&c, role) {
            (Some(c), _) => view! {
                <span>{c.name(lang.get())}</span>
                <br />
                <span class="muted">
                    {c.email.to_string()}{c.phone.as_ref().map(|p| format!(" · {}", p.as_str()))}
                </span>
            }.into_any(),
            (None, Role::Primary) => view! {
                <span>
                    {onboard_core::identity::display_name(
                        pn.given.as_str(),
                        pn.family.as_str(),
                        lang.get(),
                    )}
                </span>
                <br />
                <span class="muted">{pn.email.to_string()}</span>
            }.into_any(),
            (None, _) => {
                let text = tr(P::RoleFallsBack);
                view! { <span class="fallback">{text}</span> }.into_any()
            }
        };
        let has_own = site.contact(role).is_some();
        // The version on screen: clearing it is refused if someone changed it meanwhile.
        let seen = site.contact_version(role);
        let clear = move |_| {
            let cmd = site_commands::ClearContact {
                site: n2.clone(),
                role,
                seen: Some(seen.clone()),
            }.into();
            notice.run(Command::Site(cmd), move |_| notice.notice(P::ContactCleared, vec![]))
        };
        view! {
            <tr>
                <th scope="row">{move || role_name(role).get(lang.get())}</th>
                <td>{who}</td>
                <td class="actions-cell">
                    {if role == Role::Primary && is_primary {
                        view! {
                            <OpenPanel
                                panel=handing
                                open=true
                                label=P::HandOverTitle
                                class="small"
                                focus="#handover-form select"
                            />
                        }
                            .into_any()
                    } else if role == Role::Primary {
                        view! { <span class="muted">{tr(P::PrimaryByOffice)}</span> }.into_any()
                    } else if editable {
                        view! {
                            <button
                                type="button"
                                class="small"
                                aria-label=move || {
                                    format!(
                                        "{} — {}",
                                        P::EditContact.get(lang.get()),
                                        role_name(role).get(lang.get()),
                                    )
                                }
                                on:click=move |_| {
                                    editing.set(Some(role));
                                    focus_soon("#contact-form input");
                                }
                            >
                                {tr(P::EditContact)}
                            </button>
                            {has_own
                                .then(|| {
                                    view! {
                                        " "
                                        <button type="button" class="small" on:click=clear.clone()>
                                            {tr(P::ClearContact)}
                                        </button>
                                    }
                                })}
                        }
                            .into_any()
                    } else {
                        ().into_any()
                    }}
                </td>
            </tr>
        }
    }).collect_view()
}

#[component]
fn ContactForm(
    site: Site,
    role: Role,
    editing: RwSignal<Option<Role>>,
    notice: FormState,
) -> impl IntoView {
    let form = FormState::new();
    let c: Option<Contact> = site.contact(role).cloned();
    let family = RwSignal::new(
        c.as_ref()
            .map(|c| c.family.as_str().to_string())
            .unwrap_or_default(),
    );
    let given = RwSignal::new(
        c.as_ref()
            .map(|c| c.given.as_str().to_string())
            .unwrap_or_default(),
    );
    let email = RwSignal::new(c.as_ref().map(|c| c.email.to_string()).unwrap_or_default());
    let phone = RwSignal::new(
        c.as_ref()
            .and_then(|c| c.phone.as_ref().map(|p| p.as_str().to_string()))
            .unwrap_or_default(),
    );
    let country = RwSignal::new(
        c.as_ref()
            .map(|c| c.country.code().to_string())
            .unwrap_or_else(|| site.address().country.code().to_string()),
    );
    let postal = RwSignal::new(c.as_ref().map(|c| c.postal.clone()).unwrap_or_default());
    let city = RwSignal::new(c.as_ref().map(|c| c.city.clone()).unwrap_or_default());
    let address = RwSignal::new(c.as_ref().map(|c| c.address.clone()).unwrap_or_default());
    let n = site.number().to_string();
    // The version the form was opened on: saving over a newer one is refused.
    let seen = site.contact_version(role);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = site_commands::SetContact {
            site: n.clone(),
            role,
            family: family.get_untracked(),
            given: given.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            country: country.get_untracked(),
            postal: postal.get_untracked(),
            city: city.get_untracked(),
            address: address.get_untracked(),
            seen: Some(seen.clone()),
        }
        .into();
        form.run(cmd, move |_| {
            editing.set(None);
            notice.notice(P::ContactSaved, vec![]);
        })
    };
    view! {
        <PanelForm
            id="contact-form"
            form
            title=role_name(role)
            submit=P::Save
            on_submit=submit
            on_cancel=Callback::new(move |_| editing.set(None))
        >
            <NameFields family given form />
            <EmailField value=email form />
            <PhoneField value=phone form />
            <CountryField value=country form />
            <TextField
                field=Field::PostalCode
                value=postal
                form
                autocomplete="postal-code"
                required=false
            />
            <TextField
                field=Field::City
                value=city
                form
                autocomplete="address-level2"
                required=false
            />
            <TextField
                field=Field::Address
                value=address
                form
                autocomplete="address-line1"
                required=false
            />
        </PanelForm>
    }
}

/// The primary contact hands the role to a secondary contact (the core checks who may,
/// and to whom).
#[component]
fn HandOverForm(site: Site, open: RwSignal<bool>, notice: FormState) -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let form = FormState::new();
    let heir = RwSignal::new(String::new());
    // Each secondary's email and, with a verified ID, its name (given, family): put
    // in the order of the language shown, as the options are.
    let secondaries: Vec<(String, Option<(String, String)>)> = app.state.with_untracked(|s| {
        site.users()
            .iter()
            .filter(|u| u.secondary)
            .map(|u| {
                let name = s
                    .identity_by_email(&u.email)
                    .filter(|i| i.is_verified())
                    .map(|i| (i.given().to_string(), i.family().to_string()));
                (u.email.to_string(), name)
            })
            .collect()
    });
    let any = !secondaries.is_empty();
    let options = Signal::derive(move || {
        secondaries
            .iter()
            .map(|(email, name)| {
                let label = match name {
                    Some((given, family)) => {
                        let n = display_name(given, family, lang.get());
                        format!("{n} <{email}>")
                    }
                    None => format!("{email} ({})", P::NoIdYet.get(lang.get())),
                };
                (email.clone(), label)
            })
            .collect::<Vec<_>>()
    });
    let n = site.number().to_string();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let to = heir.get_untracked();
        let cmd = site_commands::HandOverPrimary {
            site: n.clone(),
            to: to.clone(),
        }
        .into();
        form.run(cmd, move |_| {
            open.set(false);
            notice.notice(P::HandedOver, vec![to]);
        })
    };
    view! {
        <form id="handover-form" class="panel" on:submit=submit novalidate>
            <h2>{tr(P::HandOverTitle)}</h2>
            <p>
                {move || {
                    if any { P::HandOverText.get(lang.get()) } else { P::NoHeir.get(lang.get()) }
                }}
            </p>
            <FormAlert form />
            <SelectField
                field=Field::Email
                label=P::FieldNewPrimary
                value=heir
                form
                options
                placeholder=P::Choose
            />
            <SubmitCancel
                form
                label=P::HandOverSubmit
                on_cancel=Callback::new(move |_| open.set(false))
            />
        </form>
    }
}
