//! The office's partner applications: by stage and by what is typed, newest first, a
//! page at a time; approve, ask for documents, reject. (Levels: `office_companies`.)
use crate::ui::components::form::{Drafts, FormAlert, FormState, TextField};
use crate::ui::components::widgets::{fmt_time, held_warning, Button, PageTitle, PanelList};
use crate::ui::router::{query, Link, LinkLine};
use crate::ui::{app, Route};
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::partner::{choice_list, AppStage, BUSINESS_MODELS};
use onboard_core::partner_commands;
use onboard_core::text::search_key;
use onboard_core::words::membership_name;
use onboard_core::{Command, Field};

/// Applications per page (each is a panel with its decision form).
pub const PAGE: usize = 10;

fn stage_name(s: AppStage) -> P {
    match s {
        AppStage::Submitted => P::StatusSubmitted,
        AppStage::DocumentsRequested => P::StatusDocs,
        AppStage::Approved => P::StatusApproved,
        AppStage::Rejected => P::StatusRejected,
    }
}

#[component]
pub fn OfficeApps() -> impl IntoView {
    let app = app();
    // The stage shown is in the address (`?status=submitted`), like its page.
    let asked = query("status");
    let stage = Memo::new(move |_| AppStage::parse(&asked.get()));
    let filter = crate::ui::router::text_in_address();
    let counts = Memo::new(move |_| app.state.with(|s| s.application_counts()));
    // The numbers the list finds. Each row reads its own application: a decision on
    // one keeps what is typed in the others.
    let found = Memo::new(move |_| {
        let key = search_key(filter.get().trim());
        let st = stage.get();
        app.state.with(|s| {
            s.sent_applications(&key, st)
                .into_iter()
                .map(|a| a.number().to_string())
                .collect::<Vec<_>>()
        })
    });
    let drafts = Drafts::default();
    let notice = FormState::new();
    view! {
        <section>
            <PageTitle key=P::OfficeAppsTitle />
            <FormAlert form=notice />
            <PanelList
                statuses=AppStage::ALL
                    .into_iter()
                    .map(|s| (s.code(), stage_name(s).into()))
                    .collect()
                counts=Signal::derive(move || counts.get().to_vec())
                search=("app-filter", P::FilterApps)
                filter
                count_texts=(P::AppsCount, P::AppsFound)
                empty=(P::NoApps, P::NoAppMatches)
                found
                per_page=PAGE
                panel=move |number| view! { <AppItem number notice found drafts /> }
            />
            <LinkLine to=Route::Office label=T::ProgramOffice />
        </section>
    }
}

/// One application: what was sent, once; its status as it changes; while it is under
/// review, a message and the three decisions. A decision's message goes in the row
/// while the list still shows it, else at the top of the page (`notice`).
#[component]
fn AppItem(
    number: String,
    notice: FormState,
    found: Memo<Vec<String>>,
    drafts: Drafts,
) -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let application = {
        let number = number.clone();
        Memo::new(move |_| app.state.with(|s| s.application(&number).cloned()))
    };
    let Some(a) = application.get_untracked() else {
        return ().into_any();
    };
    let form = FormState::new();
    let text = drafts.of(&number);
    let decide = {
        let number = number.clone();
        move |cmd: Command, done: P| {
            let number = number.clone();
            form.run(cmd, move |_| {
                text.set(String::new());
                let shown = found.with_untracked(|v| v.contains(&number));
                let to = if shown { form } else { notice };
                to.notice(done, vec![number]);
            })
        }
    };
    let stage =
        Memo::new(move |_| application.with(|a| a.as_ref().and_then(|a| a.status().stage())));
    let open = Memo::new(move |_| stage.get() == Some(AppStage::Submitted));
    let c = a.company().cloned();
    let created = a.created();
    let field_id = format!("app-{}", a.number());
    let heading = format!("app-{}-title", a.number());
    let named_by = heading.clone();
    let (n1, n2, n3) = (number.clone(), number.clone(), number.clone());
    let finish = {
        let (decide, number) = (decide.clone(), number.clone());
        move |_| {
            decide(
                partner_commands::FinishApproval {
                    number: number.clone(),
                }
                .into(),
                P::AppApprovalFinished,
            )
        }
    };
    let unfinished = {
        let number = number.clone();
        held_warning(move || app.state.with(|s| s.unfinished_approval(&number)))
    };
    let approve = {
        let decide = decide.clone();
        move |_| {
            decide(
                partner_commands::Approve { number: n1.clone() }.into(),
                P::AppWasApproved,
            )
        }
    };
    let request = {
        let decide = decide.clone();
        move |_| {
            let message = text.get_untracked();
            decide(
                partner_commands::RequestDocuments {
                    number: n2.clone(),
                    message,
                }
                .into(),
                P::AppDocsWereRequested,
            )
        }
    };
    let reject = move |_| {
        let reason = text.get_untracked();
        decide(
            partner_commands::Reject {
                number: n3.clone(),
                reason,
            }
            .into(),
            P::AppWasRejected,
        )
    };
    view! {
        <article class="panel" id=format!("application-{}", a.number()) aria-labelledby=named_by>
            <h2 id=heading>
                <span class="mono">{a.number().to_string()}</span>
                " · "
                {c.as_ref().map(|c| c.legal_name.clone())}
            </h2>
            <p class="muted">
                {a.email().to_string()}" · "{move || fmt_time(created, lang.get())}" · "
                <strong>{move || stage.get().map(|s| stage_name(s).get(lang.get()))}</strong>
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
                        <ul class="files">
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
            {
                let number = a.number().to_string();
                move || {
                    if stage.get() != Some(AppStage::Approved) {
                        return None;
                    }
                    let level = app
                        .state
                        .with(|s| s.company_from_application(&number).map(|c| c.level()))?;
                    let to = Route::OfficeCompanies.href().and("q", &number);
                    Some(
                        // Approved: the member company it made, its level, and the link to
                        // change it (the companies' list found by this number).
                        view! {
                            <p>
                                <Link to>
                                    {move || {
                                        let l = lang.get();
                                        P::AppMemberLevel.fill(l, &[membership_name(level).get(l)])
                                    }}
                                </Link>
                            </p>
                        },
                    )
                }
            }
            {move || {
                unfinished
                    .get()
                    .then(|| {
                        // Approved, but its company never stored (a shared server stopped
                        // between them): the office finishes it.
                        view! {
                            <div class="note warn">
                                <p>{move || P::AppUnfinished.get(lang.get())}</p>
                                <div class="actions">
                                    <Button
                                        class="primary"
                                        label=P::FinishApproval
                                        on_press=finish.clone()
                                    />
                                </div>
                            </div>
                        }
                    })
            }}
            <FormAlert form />
            {move || {
                open.get()
                    .then(|| {
                        // A form (its buttons only act): typing in it marks the page
                        // as edited, so leaving it asks first.
                        view! {
                            <form on:submit=|ev| ev.prevent_default() novalidate>
                                <TextField
                                    rows=4
                                    field=Field::Message
                                    value=text
                                    form
                                    id=field_id.clone()
                                    required=false
                                />
                                <div class="actions">
                                    <Button
                                        class="primary"
                                        label=P::ApproveApp
                                        on_press=approve.clone()
                                    />
                                    <Button label=P::RequestDocs on_press=request.clone() />
                                    <Button
                                        class="danger"
                                        label=P::RejectApp
                                        on_press=reject.clone()
                                    />
                                </div>
                            </form>
                        }
                    })
            }}
        </article>
    }
    .into_any()
}
