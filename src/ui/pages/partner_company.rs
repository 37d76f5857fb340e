//! A company's partner profile: locations, employees, roles, requests, token,
//! settings. What a member sees and may change is decided by the core per role.
use super::signed_in;
use crate::ui::components::form::{
    AddressFields, AddressInput, CheckField, EmailField, FormAlert, FormState, PanelForm,
    SelectField, TextField,
};
use crate::ui::components::partner_forms::{ProfileFields, ProfileSignals};
use crate::ui::components::requests::{expire_once, DecideButtons, DecisionPanel, ExpiredNote};
use crate::ui::components::widgets::{Button, CopyValue, OpenPanel, PageTitle, TableHead};
use crate::ui::tr;
use crate::ui::{app, focus_soon, now};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::partner::{choice_list, today, Company, PartnerRole, BUSINESS_MODELS};
use onboard_core::partner_commands;
use onboard_core::partner_commands::PartnerCommand;
use onboard_core::words::membership_name;
use onboard_core::{Command, Field, Reply};

#[derive(Clone, Debug, PartialEq, Eq)]
enum Panel {
    Closed,
    AddEmployee,
    AddLocation,
    EditCompany,
    EditLocation(u32),
    End(String),
    Approve(u32),
    Reject(u32),
}

/// What a panel's Cancel does: closes it, nothing sent.
fn close(panel: RwSignal<Panel>) -> Callback<()> {
    Callback::new(move |_| panel.set(Panel::Closed))
}

/// After a reply the core accepted: the panel closes and the page says `what`.
fn done(panel: RwSignal<Panel>, notice: FormState, what: P, args: Vec<String>) {
    panel.set(Panel::Closed);
    notice.notice(what, args);
}

#[component]
pub fn CompanyPage() -> impl IntoView {
    let app = app();
    let me = signed_in();
    // (signed in, company id, admin, apa): the page is rebuilt only when these change.
    let guard = Memo::new(move |_| {
        let id = me.get();
        let t = today(app.clock.get());
        let info = id.as_ref().and_then(|id| {
            app.state.with(|s| {
                s.company_of(id).map(|c| {
                    let role = c.role_of(Some(id), &t);
                    (
                        c.id().to_string(),
                        matches!(role, PartnerRole::Apa | PartnerRole::Prc),
                        role == PartnerRole::Apa,
                        role != PartnerRole::Outsider,
                    )
                })
            })
        });
        (id.is_some(), info)
    });
    view! {
        <section>
            <PageTitle key=P::CompanyTitle />
            {move || match guard.get() {
                (true, Some((c, admin, apa, true))) => {
                    view! { <CompanyView id=c admin apa /> }.into_any()
                }
                _ => {
                    view! {
                        <p class="note">{tr(P::NoCompany)}</p>
                        <super::partner::PartnerLinks />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn CompanyView(id: String, admin: bool, apa: bool) -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let notice = FormState::new();
    let panel = RwSignal::new(Panel::Closed);
    let cid = id.clone();
    let company = Memo::new(move |_| app.state.with(|s| s.company(&cid).cloned()));
    let run = move |cmd: PartnerCommand, ok: onboard_core::i18n::Text| {
        notice.run(Command::Partner(cmd), move |_| notice.notice(ok, vec![]))
    };
    let id1 = id.clone();
    let id_history = id.clone();
    // Association requests nobody decided within 30 days expire when an administrator
    // opens the page.
    let expire_id = id.clone();
    let expired = expire_once(
        admin,
        move |now| company.with(|c| c.as_ref().map_or(0, |c| c.overdue_joins(now))),
        move || {
            partner_commands::ExpireJoins {
                company: expire_id.clone(),
            }
            .into()
        },
        notice,
    );
    view! {
        <FormAlert form=notice />
        <ExpiredNote expired />
        {move || {
            company
                .get()
                .map(|c| {
                    let p = c.profile().clone();
                    let level = c.level();
                    view! {
                        <h2 class="company">{p.legal_name.clone()}</h2>
                        <p>
                            <span class="tag">
                                {move || {
                                    P::MembershipLevel
                                        .fill(lang.get(), &[membership_name(level).get(lang.get())])
                                }}
                            </span>
                        </p>
                        <dl class="facts">
                            <dt>{tr(T::FieldCountry)}</dt>
                            <dd>{move || p.country.name(lang.get())}</dd>
                            <dt>{tr(T::FieldWeb)}</dt>
                            <dd>{p.web.clone()}</dd>
                            <dt>{tr(P::ShownModels)}</dt>
                            <dd>
                                {
                                    let m = p.models.clone();
                                    move || { choice_list(BUSINESS_MODELS, &m, lang.get()) }
                                }
                            </dd>
                        </dl>
                        {admin
                            .then(|| {
                                let (open, label) = (Panel::EditCompany, P::EditCompanyTitle);
                                view! {
                                    <p>
                                        <OpenPanel panel open label />
                                    </p>
                                }
                            })}
                    }
                })
        }}
        {admin
            .then(|| {
                let (a, b) = (id1.clone(), id1.clone());
                let regenerate = move |_| {
                    if !crate::ui::leave::ask(P::AskRegenerateToken, &[]) {
                        return;
                    }
                    let cmd = partner_commands::RegenerateToken {
                        company: a.clone(),
                    };
                    run(cmd.into(), P::TokenRegenerated.into())
                };
                let toggle_auto = move |_| {
                    let on = !company.get_untracked().is_some_and(|c| c.auto_accept());
                    let cmd = partner_commands::SetAutoAccept {
                        company: b.clone(),
                        on,
                    };
                    run(cmd.into(), P::SettingSaved.into())
                };
                view! {
                    <div class="panel">
                        <h2>{tr(P::TokenTitle)}</h2>
                        <p>{tr(P::TokenHelp)}</p>
                        <p class="token">
                            {move || {
                                company
                                    .get()
                                    .map(|c| view! { <CopyValue value=c.token().grouped() /> })
                            }}
                        </p>
                        <Button label=P::RegenerateToken on_press=regenerate />
                        <h3>{tr(P::AutoAccept)}</h3>
                        <p>
                            {move || {
                                if company.get().is_some_and(|c| c.auto_accept()) {
                                    P::AutoAcceptOn.get(lang.get())
                                } else {
                                    P::AutoAcceptOff.get(lang.get())
                                }
                            }}
                        </p>
                        <Button label=P::AutoAccept on_press=toggle_auto />
                    </div>
                }
            })}
        {admin.then(|| view! { <Requests panel company /> })}
        <h2>{tr(P::LocationsTitle)}</h2>
        <ul class="site-list">
            {move || {
                company
                    .get()
                    .map(|c| {
                        c.locations()
                            .iter()
                            .map(|l| {
                                let prc = c
                                    .employee(&l.prc)
                                    .map(|e| e.profile.name(lang.get()))
                                    .unwrap_or_default();
                                view! {
                                    <li>
                                        <strong>{l.name.clone()}</strong>
                                        {l
                                            .hq
                                            .then(|| {
                                                view! {
                                                    " "
                                                    <span class="tag">{tr(T::Headquarters)}</span>
                                                }
                                            })}
                                        <br />
                                        <span class="muted">
                                            {format!(
                                                "{} {} {} {} · {}",
                                                l.address.postal,
                                                l.address.prefecture,
                                                l.address.city,
                                                l.address.street,
                                                l.address.phone,
                                            )}
                                        </span>
                                        <br />
                                        <span>{tr(P::RolePrc)}": "{prc.clone()}</span>
                                        {admin
                                            .then(|| {
                                                let lid = l.id;
                                                view! {
                                                    <br />
                                                    <OpenPanel
                                                        panel
                                                        open=Panel::EditLocation(lid)
                                                        label=P::EditContact
                                                        class="small"
                                                        about=l.name.clone()
                                                    />
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()
                    })
            }}
        </ul>
        {admin
            .then(|| {
                view! {
                    <p>
                        <OpenPanel panel open=Panel::AddLocation label=P::AddLocation />
                    </p>
                }
            })}
        <h2>{tr(P::EmployeesTitle)}</h2>
        <Employees id=id.clone() admin apa panel notice company />
        {admin
            .then(|| {
                let cid = id.clone();
                let export = move |_| {
                    crate::ui::shell::download_csv(
                        "company-employees",
                        |s, actor, now| onboard_core::report::company_employees_csv(
                            s,
                            actor,
                            &cid,
                            now,
                        ),
                    )
                };
                view! {
                    <p>
                        <button type="button" on:click=export>
                            {tr(P::DownloadCsv)}
                        </button>
                    </p>
                }
            })}
        {admin
            .then(|| {
                view! {
                    <p>
                        <OpenPanel
                            panel
                            open=Panel::AddEmployee
                            label=P::AddEmployeeTitle
                            class="primary"
                        />
                    </p>
                }
            })}
        {admin.then(|| view! { <CompanyInvitations id=id.clone() notice company /> })}
        {move || {
            let id = id.clone();
            match panel.get() {
                Panel::Closed => ().into_any(),
                Panel::AddEmployee => {
                    view! { <AddEmployee id panel notice apa company /> }.into_any()
                }
                Panel::AddLocation => {
                    view! { <AddLocation id panel notice existing=None /> }.into_any()
                }
                Panel::EditLocation(l) => {
                    let existing = company.get_untracked().and_then(|c| c.location(l).cloned());
                    view! { <AddLocation id panel notice existing /> }.into_any()
                }
                Panel::EditCompany => view! { <EditCompany id panel notice company /> }.into_any(),
                Panel::End(email) => view! { <EndDate id email panel notice /> }.into_any(),
                Panel::Approve(r) => {
                    view! { <Decide id request=r approve=true apa panel notice /> }.into_any()
                }
                Panel::Reject(r) => {
                    view! { <Decide id request=r approve=false apa panel notice /> }.into_any()
                }
            }
        }}
        {admin.then(|| view! { <CompanyHistory id=id_history.clone() /> })}
        <super::partner::PartnerLinks />
    }
}

/// The employees invited before they had an ID, for the company's administrators.
#[component]
fn CompanyInvitations(
    id: String,
    notice: FormState,
    company: Memo<Option<Company>>,
) -> impl IntoView {
    use crate::ui::components::invitations::{send_invite_command, InvitationList};
    let clock = app().clock;
    let rows = Memo::new(move |_| {
        let now = clock.get();
        company.with(|c| {
            c.iter()
                .flat_map(|c| c.invitations())
                .map(|i| {
                    let expired = i.invite.state(now) == onboard_core::invite::InviteState::Expired;
                    (i.email.clone(), i.invite.clone(), expired)
                })
                .collect::<Vec<_>>()
        })
    });
    let send = move |cmd: PartnerCommand| send_invite_command(notice, Command::Partner(cmd));
    let id1 = id.clone();
    let resend = Callback::new(move |email: String| {
        send(
            partner_commands::ResendInvite {
                company: id1.clone(),
                email,
            }
            .into(),
        )
    });
    let revoke = Callback::new(move |email: String| {
        send(
            partner_commands::RevokeInvite {
                company: id.clone(),
                email,
            }
            .into(),
        )
    });
    view! { <InvitationList rows manage=true resend revoke /> }
}

/// The company's own audit trail, for its administrators (the core's rule).
#[component]
fn CompanyHistory(id: String) -> impl IntoView {
    let entries = super::site_report::history_of(move |s, actor, now| {
        onboard_core::report::company_history(s, actor, &id, now)
    });
    view! {
        <super::site_report::HistorySection
            entries=entries
            intro=P::CompanyHistoryIntro
            stem="company-history".to_string()
        />
    }
}

#[component]
fn Requests(panel: RwSignal<Panel>, company: Memo<Option<Company>>) -> impl IntoView {
    let lang = app().lang;
    view! {
        <h2>
            {tr(P::JoinRequestsTitle)}" ("
            {move || company.get().map(|c| c.pending().count()).unwrap_or(0)}")"
        </h2>
        {move || {
            let list: Vec<_> = company
                .get()
                .map(|c| c.pending().take(20).cloned().collect())
                .unwrap_or_default();
            if list.is_empty() {
                view! { <p class="empty">{tr(P::NoPending)}</p> }.into_any()
            } else {
                view! {
                    <ul class="request-list">
                        {list
                            .into_iter()
                            .map(|r| {
                                let rid = r.id;
                                let who = r.email.to_string();
                                let yes = (Panel::Approve(rid), P::Approve, "#panel-form button");
                                let no = (Panel::Reject(rid), P::Reject, "#panel-form textarea");
                                view! {
                                    <li>
                                        <strong>{who.clone()}</strong>
                                        " · "
                                        {move || r.profile.name(lang.get())}
                                        <DecideButtons panel yes no about=who.to_string() />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn Employees(
    id: String,
    admin: bool,
    apa: bool,
    panel: RwSignal<Panel>,
    notice: FormState,
    company: Memo<Option<Company>>,
) -> impl IntoView {
    let page = RwSignal::new(0usize);
    let pages = Signal::derive(move || {
        company
            .with(|c| c.as_ref().map(|c| c.employees().len()).unwrap_or(0))
            .div_ceil(EMPLOYEES_PAGE)
    });
    view! {
        <div class="table-wrap">
            <table class="employees cards">
                <TableHead
                    cols=vec![P::ColUser.into(), T::FieldLocation.into(), P::FieldRole.into()]
                    actions=admin.then(|| P::ColActions.into())
                />
                <tbody>
                    {move || {
                        company
                            .get()
                            .map(|c| {
                                let t = today(now());
                                c.employees()
                                    .iter()
                                    .skip(page.get() * EMPLOYEES_PAGE)
                                    .take(EMPLOYEES_PAGE)
                                    .map(|e| {
                                        let loc = c
                                            .location(e.location)
                                            .map(|l| l.name.clone())
                                            .unwrap_or_default();
                                        let prc = c.locations().iter().any(|l| l.prc == e.identity);
                                        let active = Company::is_active(e, &t);
                                        let row = Row {
                                            company: id.clone(),
                                            employee: e.clone(),
                                            loc,
                                            prc,
                                            active,
                                        };
                                        view! { <EmployeeRow row admin apa panel notice /> }
                                    })
                                    .collect_view()
                            })
                    }}
                </tbody>
            </table>
        </div>
        {move || {
            (pages.get() > 1)
                .then(|| view! { <crate::ui::components::widgets::Pager page=page pages=pages /> })
        }}
    }
}

/// Employees shown at once.
pub const EMPLOYEES_PAGE: usize = 50;

/// What one employee's row shows.
struct Row {
    company: String,
    employee: onboard_core::partner::Employee,
    /// The name of the employee's location.
    loc: String,
    /// Whether the employee is a location's primary contact.
    prc: bool,
    active: bool,
}

/// One employee: name and address, location, roles and, for an administrator, the
/// buttons that change them.
#[component]
fn EmployeeRow(
    row: Row,
    admin: bool,
    apa: bool,
    panel: RwSignal<Panel>,
    notice: FormState,
) -> impl IntoView {
    let lang = app().lang;
    let Row {
        company,
        employee: e,
        loc,
        prc,
        active,
    } = row;
    let (email, is_apa) = (e.email.to_string(), e.apa);
    let name = e.profile.clone();
    let end = e.end.clone().unwrap_or_default();
    let roles = (
        is_apa.then(|| {
            view! {
                <span class="tag">"APA"</span>
                " "
            }
        }),
        prc.then(|| {
            view! {
                <span class="tag">"PRC"</span>
                " "
            }
        }),
        (!is_apa && !prc).then(|| view! { <span>{tr(P::RoleEmployee)}</span> }),
        (!active).then(|| {
            view! {
                <br />
                <span class="muted">{move || P::Inactive.fill(lang.get(), &[&end])}</span>
            }
        }),
    );
    let actions = admin.then(|| {
        let change = Change {
            company,
            email: email.clone(),
            location: e.location,
            is_apa,
            prc,
        };
        view! { <EmployeeActions change apa panel notice /> }
    });
    view! {
        <tr>
            <td>{move || name.name(lang.get())}<br /> <span class="mono">{email}</span></td>
            <td data-label=tr(T::FieldLocation)>{loc}</td>
            <td data-label=tr(P::FieldRole)>{roles}</td>
            {actions}
        </tr>
    }
}

/// Whose roles an administrator's buttons change.
struct Change {
    company: String,
    email: String,
    location: u32,
    is_apa: bool,
    prc: bool,
}

/// An administrator's buttons for one employee: make or remove an APA (for an APA),
/// make the location's primary contact, set an end date.
#[component]
fn EmployeeActions(
    change: Change,
    /// Whether the one looking is an APA (who alone makes or removes one).
    apa: bool,
    panel: RwSignal<Panel>,
    notice: FormState,
) -> impl IntoView {
    let (company, email, location) = (change.company, change.email, change.location);
    let (is_apa, prc) = (change.is_apa, change.prc);
    let lang = app().lang;
    let saved = move |_| notice.notice(P::RoleSaved, vec![]);
    let (company2, email1, email2, email3) =
        (company.clone(), email.clone(), email.clone(), email.clone());
    let toggle = move |_| {
        let cmd = partner_commands::SetApa {
            company: company.clone(),
            email: email1.clone(),
            apa: !is_apa,
        }
        .into();
        notice.run(cmd, saved)
    };
    let make_prc = move |_| {
        let cmd = partner_commands::SetPrc {
            company: company2.clone(),
            location,
            email: email2.clone(),
        }
        .into();
        notice.run(cmd, saved)
    };
    let apa_label = move |lang| {
        if is_apa {
            P::RemoveApa.get(lang)
        } else {
            P::MakeApa.get(lang)
        }
    };
    let apa_button = apa.then(|| {
        // Its name follows the language, as its text does.
        let aria = {
            let email = email.clone();
            move || format!("{} {}", apa_label(lang.get()), email)
        };
        view! {
            <button type="button" class="small" aria-label=aria on:click=toggle>
                {move || apa_label(lang.get())}
            </button>
        }
    });
    let prc_button = (!prc).then(|| {
        view! {
            " "
            <button type="button" class="small" on:click=make_prc>
                {tr(P::MakePrc)}
            </button>
        }
    });
    let set_end = move |_| {
        panel.set(Panel::End(email3.clone()));
        focus_soon("#panel-form input");
    };
    view! {
        <td class="actions-cell">
            {(apa_button, prc_button)} " " <button type="button" class="small" on:click=set_end>
                {tr(P::SetEnd)}
            </button>
        </td>
    }
}

fn location_options(company: Memo<Option<Company>>) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        company
            .get()
            .map(|c| {
                c.locations()
                    .iter()
                    .map(|l| (l.id.to_string(), l.name.clone()))
                    .collect()
            })
            .unwrap_or_default()
    })
}

#[component]
fn AddEmployee(
    id: String,
    panel: RwSignal<Panel>,
    notice: FormState,
    apa: bool,
    company: Memo<Option<Company>>,
) -> impl IntoView {
    let form = FormState::new();
    let email = RwSignal::new(String::new());
    let location = RwSignal::new("1".to_string());
    let make_apa = RwSignal::new(false);
    let p = ProfileSignals::new(None, None);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = partner_commands::AddEmployee {
            company: id.clone(),
            email: email.get_untracked(),
            location: location.get_untracked().parse().unwrap_or(0),
            apa: make_apa.get_untracked(),
            profile: p.input(),
        }
        .into();
        form.run(Command::Partner(cmd), move |reply| match reply {
            Reply::EmployeeAdded { email } => {
                done(panel, notice, P::EmployeeAdded, vec![email.to_string()])
            }
            Reply::InviteSent { email } => {
                done(panel, notice, P::InviteSentNotice, vec![email.to_string()])
            }
            _ => {}
        })
    };
    view! {
        <PanelForm
            form
            title=P::AddEmployeeTitle
            hint=Some(P::AddEmployeeInviteHint.into())
            submit=P::AddEmployeeSubmit
            on_submit=submit
            on_cancel=close(panel)
        >
            <EmailField label=P::FieldIdEmail value=email form autocomplete="off" />
            <SelectField
                field=Field::Location
                value=location
                form
                options=location_options(company)
            />
            <ApaCheck shown=apa checked=make_apa form />
            <ProfileFields p form />
        </PanelForm>
    }
}

#[component]
fn AddLocation(
    id: String,
    panel: RwSignal<Panel>,
    notice: FormState,
    existing: Option<onboard_core::partner::Location>,
) -> impl IntoView {
    let form = FormState::new();
    let e = existing.clone();
    let get = move |f: fn(&onboard_core::partner::Location) -> String| {
        RwSignal::new(e.as_ref().map(f).unwrap_or_default())
    };
    let name = get(|l| l.name.clone());
    let address = AddressInput::of(existing.as_ref().map(|l| &l.address));
    let editing = existing.as_ref().map(|l| l.id);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let a = address.value();
        let add = partner_commands::AddLocation {
            company: id.clone(),
            name: name.get_untracked(),
            postal: a.postal,
            prefecture: a.prefecture,
            city: a.city,
            street: a.street,
            phone: a.phone,
        };
        let cmd = match editing {
            Some(location) => add.at(location).into(),
            None => add.into(),
        };
        let saved = if editing.is_some() {
            P::Saved
        } else {
            P::LocationAdded
        };
        form.run(cmd, move |_| done(panel, notice, saved, vec![]))
    };
    let title = if editing.is_some() {
        P::EditContact
    } else {
        P::AddLocation
    };
    view! {
        <PanelForm form title submit=P::Save on_submit=submit on_cancel=close(panel)>
            <TextField field=Field::LocationName value=name form />
            <AddressFields address form prefecture_required=false phone=true />
        </PanelForm>
    }
}

#[component]
fn EndDate(id: String, email: String, panel: RwSignal<Panel>, notice: FormState) -> impl IntoView {
    let form = FormState::new();
    let date = RwSignal::new(String::new());
    let who = email.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (company, email, date) = (id.clone(), email.clone(), date.get_untracked());
        let cmd = partner_commands::SetEnd {
            company,
            email,
            date,
        };
        form.run(cmd.into(), move |_| {
            done(panel, notice, P::RoleSaved, vec![])
        })
    };
    view! {
        <PanelForm
            form
            title=P::SetEnd
            about=Some(who)
            submit=P::Save
            on_submit=submit
            on_cancel=close(panel)
        >
            <TextField field=Field::EndDate value=date form required=false inputmode="numeric" />
        </PanelForm>
    }
}

#[component]
fn Decide(
    id: String,
    request: u32,
    approve: bool,
    apa: bool,
    panel: RwSignal<Panel>,
    notice: FormState,
) -> impl IntoView {
    let form = FormState::new();
    let reason = RwSignal::new(String::new());
    let make_apa = RwSignal::new(false);
    let who = app().state.with_untracked(|s| {
        let company = s.company(&id)?;
        let r = company.pending().find(|r| r.id == request)?;
        Some(r.email.to_string())
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = partner_commands::DecideJoin {
            company: id.clone(),
            request,
            approve,
            apa: make_apa.get_untracked(),
            reason: reason.get_untracked(),
        }
        .into();
        form.run(Command::Partner(cmd), move |reply| {
            if let Reply::JoinDecided { email, approved } = reply {
                let what = if approved {
                    P::JoinApproved
                } else {
                    P::JoinRejected
                };
                done(panel, notice, what, vec![email.to_string()]);
            }
        })
    };
    view! {
        <DecisionPanel
            id="panel-form"
            form
            approve
            labels=(P::Approve, P::Reject)
            who
            reason
            on_submit=submit
            on_cancel=close(panel)
        >
            <ApaCheck shown=apa checked=make_apa form />
        </DecisionPanel>
    }
}

#[component]
fn EditCompany(
    id: String,
    panel: RwSignal<Panel>,
    notice: FormState,
    company: Memo<Option<Company>>,
) -> impl IntoView {
    use crate::ui::components::partner_forms::{CompanyFields, CompanySignals};
    let form = FormState::new();
    let c = CompanySignals::new(company.get_untracked().as_ref().map(|c| c.profile()));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cmd = partner_commands::EditCompany {
            company: id.clone(),
            input: c.input(),
        };
        form.run(cmd.into(), move |_| done(panel, notice, P::Saved, vec![]))
    };
    view! {
        <PanelForm
            form
            title=P::EditCompanyTitle
            submit=P::Save
            on_submit=submit
            on_cancel=close(panel)
        >
            <CompanyFields c form />
        </PanelForm>
    }
}

/// "Authorized profile administrator": asked only of someone who may make one (`shown`).
#[component]
fn ApaCheck(shown: bool, checked: RwSignal<bool>, form: FormState) -> impl IntoView {
    let label = T::FieldApa;
    let field = Field::Apa;
    shown.then(|| view! { <CheckField field label checked form id="f-apa" /> })
}
