//! The office's partner applications: approve, ask for documents, reject, set levels.
use crate::ui::app;
use crate::ui::components::form::{FormAlert, FormState, TextField};
use crate::ui::components::widgets::{fmt_time, Button, PageTitle};
use crate::ui::router::LinkLine;
use crate::ui::tr;
use crate::ui::Route;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::partner::{choice_list, AppStatus, Application, Membership, BUSINESS_MODELS};
use onboard_core::partner_commands;
use onboard_core::words::membership_name;
use onboard_core::{Command, Field};

#[component]
pub fn OfficeApps() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let apps = Memo::new(move |_| {
        app.state.with(|s| {
            let mut v: Vec<Application> = s
                .applications()
                .filter(|a| !matches!(a.status(), AppStatus::Draft))
                .cloned()
                .collect();
            v.sort_by_key(|a| std::cmp::Reverse(a.created()));
            v
        })
    });
    let companies = Memo::new(move |_| {
        app.state.with(|s| {
            s.companies()
                .map(|c| {
                    (
                        c.id().to_string(),
                        c.profile().legal_name.clone(),
                        c.level(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let notice = FormState::new();
    view! {
        <section>
            <PageTitle key=P::OfficeAppsTitle />
            <FormAlert form=notice />
            {move || {
                let list = apps.get();
                if list.is_empty() {
                    view! { <p class="empty">{tr(P::NoApps)}</p> }.into_any()
                } else {
                    list.into_iter()
                        .map(|a| view! { <AppItem a notice /> })
                        .collect_view()
                        .into_any()
                }
            }}
            <h2>{tr(P::FieldLevel)}</h2>
            <ul class="site-list">
                {move || {
                    companies
                        .get()
                        .into_iter()
                        .map(|(id, name, level)| {
                            let sel_id = format!("level-{id}");
                            let set_level = move |ev| {
                                let Some(level) = Membership::parse(&event_target_value(&ev)) else {
                                    return;
                                };
                                let company = id.clone();
                                let cmd = partner_commands::SetLevel {
                                    company,
                                    level,
                                };
                                notice
                                    .run(cmd.into(), move |_| notice.notice(P::LevelSaved, vec![]))
                            };
                            view! {
                                <li>
                                    <label for=sel_id.clone()>{name}</label>
                                    " "
                                    <select id=sel_id on:change=set_level>
                                        {Membership::ALL
                                            .into_iter()
                                            .map(|m| {
                                                view! {
                                                    <option value=m.key() selected=m == level>
                                                        {move || membership_name(m).get(lang.get())}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <LinkLine to=Route::Office label=T::ProgramOffice />
        </section>
    }
}

#[component]
fn AppItem(a: Application, notice: FormState) -> impl IntoView {
    let lang = app().lang;
    let form = FormState::new();
    let text = RwSignal::new(String::new());
    let n = a.number().to_string();
    let (n1, n2, n3) = (n.clone(), n.clone(), n.clone());
    let decide = move |cmd: Command| {
        let n = n.clone();
        form.run(cmd, move |_| {
            text.set(String::new());
            notice.notice(P::AppDecided, vec![n]);
        })
    };
    let (status, open) = match a.status() {
        AppStatus::Draft => (P::StatusDraft, false),
        AppStatus::Submitted { .. } => (P::StatusSubmitted, true),
        AppStatus::DocumentsRequested { .. } => (P::StatusDocs, false),
        AppStatus::Approved { .. } => (P::StatusApproved, false),
        AppStatus::Rejected { .. } => (P::StatusRejected, false),
    };
    let c = a.company().cloned();
    let created = a.created();
    let field_id = format!("app-{}", a.number());
    view! {
        <article class="panel">
            <h2>
                <span class="mono">{a.number().to_string()}</span>
                " · "
                {c.as_ref().map(|c| c.legal_name.clone())}
            </h2>
            <p class="muted">
                {a.email().to_string()}" · "{move || fmt_time(created, lang.get())}" · "
                <strong>{tr(status)}</strong>
            </p>
            {c
                .map(|c| {
                    view! {
                        <p>{move || { choice_list(BUSINESS_MODELS, &c.models, lang.get()) }}</p>
                    }
                })}
            {(!a.attachments().is_empty())
                .then(|| {
                    view! {
                        <ul>
                            {a
                                .attachments()
                                .iter()
                                .map(|x| {
                                    view! {
                                        <li>
                                            {x.name.clone()}" · "{x.size}" B · sha256 "
                                            <code>{x.sha256.clone()}</code>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            <FormAlert form />
            {open
                .then(|| {
                    let (d, d2, d3) = (decide.clone(), decide.clone(), decide.clone());
                    let approve = move |_| d(
                        partner_commands::Approve {
                            number: n1.clone(),
                        }
                            .into(),
                    );
                    let request = move |_| {
                        let message = text.get_untracked();
                        d2(
                            partner_commands::RequestDocuments {
                                number: n2.clone(),
                                message,
                            }
                                .into(),
                        )
                    };
                    let reject = move |_| {
                        let reason = text.get_untracked();
                        d3(
                            partner_commands::Reject {
                                number: n3.clone(),
                                reason,
                            }
                                .into(),
                        )
                    };
                    view! {
                        <TextField
                            rows=4
                            field=Field::Message
                            value=text
                            form
                            id=field_id.clone()
                            required=false
                        />
                        <div class="actions">
                            <Button class="primary" label=P::ApproveApp on_press=approve />
                            <Button label=P::RequestDocs on_press=request />
                            <Button class="danger" label=P::RejectApp on_press=reject />
                        </div>
                    }
                })}
        </article>
    }
}
