//! The partner application: agreement, company, location and employee profiles,
//! review, documents. Each step is a command; the core decides which step is next.
use super::signed_in;
use crate::ui::components::form::{
    AddressFields, AddressInput, FileField, FormAlert, FormState, Submit,
};
use crate::ui::components::partner_forms::{
    CompanyFields, CompanySignals, ProfileFields, ProfileSignals,
};
use crate::ui::components::widgets::{held_warning, CopyValue, PageTitle};
use crate::ui::router::Link;
use crate::ui::tr;
use crate::ui::Route;
use crate::ui::{app, focus_soon};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::partner::*;
use onboard_core::partner_commands;
use onboard_core::partner_commands::{CompanyInput, PartnerCommand};
use onboard_core::{Command, Field, Reply};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Agreement,
    Company,
    Employee,
    Review,
    Status,
}

#[component]
pub fn Apply() -> impl IntoView {
    let app = app();
    let me = signed_in();
    // (signed in, the stage to show): forms are rebuilt only when the stage changes.
    let back: RwSignal<Option<Stage>> = RwSignal::new(None);
    let stage = Memo::new(move |_| {
        let id = me.get()?;
        let derived = app.state.with(|s| match s.application_of(&id) {
            None => Stage::Agreement,
            Some(a) if matches!(a.status(), AppStatus::Rejected { .. }) => Stage::Status,
            Some(a) => match a.step() {
                WizardStep::Agreement => Stage::Agreement,
                WizardStep::Company => Stage::Company,
                WizardStep::Employee => Stage::Employee,
                WizardStep::Review => Stage::Review,
                WizardStep::Done => Stage::Status,
            },
        });
        Some(match (back.get(), derived) {
            (Some(b), Stage::Employee | Stage::Review) => b,
            _ => derived,
        })
    });
    view! {
        <section class="narrow wide-ok">
            <PageTitle key=P::ApplyTitle />
            {move || match stage.get() {
                None => ().into_any(),
                Some(s) => {
                    view! {
                        <Progress stage=s />
                        {match s {
                            Stage::Agreement => view! { <AgreementStep /> }.into_any(),
                            Stage::Company => view! { <CompanyStep back /> }.into_any(),
                            Stage::Employee => view! { <EmployeeStep back /> }.into_any(),
                            Stage::Review => view! { <ReviewStep back /> }.into_any(),
                            Stage::Status => view! { <StatusView /> }.into_any(),
                        }}
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn Progress(stage: Stage) -> impl IntoView {
    let steps = [
        (Stage::Agreement, P::AgreementTitle),
        (Stage::Company, P::WizardCompany),
        (Stage::Employee, P::WizardEmployee),
        (Stage::Review, P::WizardReview),
    ];
    (stage != Stage::Status).then(|| {
        view! {
            <ol class="wizard-steps">
                {steps
                    .into_iter()
                    .map(|(s, t)| {
                        view! {
                            <li aria-current=if s == stage {
                                Some("step")
                            } else {
                                None
                            }>{tr(t)}</li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
    })
}

fn my_app() -> Option<Application> {
    let app = app();
    let id = app.state.with_untracked(|s| {
        crate::ui::actor_of(s, &app.device.get_untracked(), crate::ui::now())
            .person()
            .cloned()
    })?;
    app.state.with_untracked(|s| s.application_of(&id).cloned())
}

#[component]
fn AgreementStep() -> impl IntoView {
    let lang = app().lang;
    let form = FormState::new();
    let agree = move |_| {
        form.run(
            partner_commands::AcceptAgreement {
                version: AGREEMENT_VERSION.into(),
            }
            .into(),
            move |_| focus_soon("main h2"),
        )
    };
    view! {
        <h2 tabindex="-1">{tr(P::AgreementTitle)}</h2>
        <p class="muted">{move || P::AgreementVersion.fill(lang.get(), &[AGREEMENT_VERSION])}</p>
        <div class="agreement" tabindex="0" role="region" aria-label=tr(P::AgreementTitle)>
            <p>{tr(P::AgreementText)}</p>
        </div>
        <FormAlert form />
        <p>
            <button type="button" class="primary" on:click=agree>
                {tr(P::AgreeButton)}
            </button>
        </p>
    }
}

#[component]
fn CompanyStep(back: RwSignal<Option<Stage>>) -> impl IntoView {
    let lang = app().lang;
    let form = FormState::new();
    let a = my_app();
    let c = a.as_ref().and_then(|a| a.company());
    let h = a.as_ref().and_then(|a| a.hq().cloned());
    let company = CompanySignals::new(c);
    let country = RwSignal::new(
        c.map(|c| c.country.code().to_string())
            .unwrap_or_else(|| "JP".into()),
    );
    let address = AddressInput::of(h.as_ref());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let a = address.value();
        let input = CompanyInput {
            postal: a.postal,
            prefecture: a.prefecture,
            city: a.city,
            street: a.street,
            phone: a.phone,
            country: country.get_untracked(),
            ..company.input()
        };
        form.run(
            Command::Partner(PartnerCommand::SaveCompany(input)),
            move |_| {
                back.set(None);
                focus_soon("main h2");
            },
        )
    };
    view! {
        <h2 tabindex="-1">
            {tr(P::WizardCompany)}" — " {move || P::StepOf.fill(lang.get(), &["2"])}
        </h2>
        <form on:submit=submit novalidate>
            <FormAlert form />
            <CompanyFields c=company form country />
            <h3>{tr(P::WizardHq)}</h3>
            <AddressFields address form prefecture_required=false phone=true />
            <Submit form label=P::NextStep />
        </form>
    }
}

#[component]
fn EmployeeStep(back: RwSignal<Option<Stage>>) -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let form = FormState::new();
    let a = my_app();
    let names = a.as_ref().and_then(|a| {
        app.state.with_untracked(|s| {
            s.identity(a.applicant())
                .map(|i| (i.family().to_string(), i.given().to_string()))
        })
    });
    let p = ProfileSignals::new(a.as_ref().and_then(|a| a.employee()), names);
    let email = a
        .as_ref()
        .map(|a| a.email().to_string())
        .unwrap_or_default();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.run(
            Command::Partner(PartnerCommand::SaveEmployee(p.input())),
            move |_| {
                back.set(None);
                focus_soon("main h2");
            },
        )
    };
    view! {
        <h2 tabindex="-1">
            {tr(P::WizardEmployee)}" — " {move || P::StepOf.fill(lang.get(), &["3"])}
        </h2>
        <form on:submit=submit novalidate>
            <FormAlert form />
            <dl class="facts">
                <dt>{tr(P::IdEmail)}</dt>
                <dd class="mono">{email}</dd>
            </dl>
            <ProfileFields p form />
            <div class="actions">
                <Submit form label=P::NextStep />
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| back.set(Some(Stage::Company))
                >
                    {tr(P::BackStep)}
                </button>
            </div>
        </form>
    }
}

#[component]
fn ReviewStep(back: RwSignal<Option<Stage>>) -> impl IntoView {
    let lang = app().lang;
    let form = FormState::new();
    let a = my_app().expect("review needs an application");
    let (c, h, e) = (
        a.company().cloned().expect("saved"),
        a.hq().cloned().expect("saved"),
        a.employee().cloned().expect("saved"),
    );
    let submit = move |_| {
        form.run(Command::Partner(PartnerCommand::Submit), move |reply| {
            if let Reply::ApplicationSubmitted { number } = reply {
                crate::ui::flash_and_go(P::Submitted, vec![number], Route::PartnerApply)
            }
        })
    };
    let c2 = c.clone();
    let e2 = e.clone();
    view! {
        <h2 tabindex="-1">
            {tr(P::WizardReview)}" — " {move || P::StepOf.fill(lang.get(), &["4"])}
        </h2>
        <FormAlert form />
        <div class="panel">
            <h3>{tr(P::WizardCompany)}</h3>
            <dl class="facts">
                <dt>{tr(T::FieldLegalName)}</dt>
                <dd>{c.legal_name.clone()}</dd>
                <dt>{tr(T::FieldCountry)}</dt>
                <dd>{move || c.country.name(lang.get())}</dd>
                <dt>{tr(T::FieldWeb)}</dt>
                <dd>{c.web.clone()}</dd>
                <dt>{tr(P::ShownModels)}</dt>
                <dd>{move || choice_list(BUSINESS_MODELS, &c2.models, lang.get())}</dd>
                <dt>{tr(T::FieldSize)}</dt>
                <dd>{move || choice_label(COMPANY_SIZES, &c2.size, lang.get())}</dd>
                <dt>{tr(P::WizardHq)}</dt>
                <dd>
                    {format!(
                        "{} {} {} {} · {}",
                        h.postal,
                        h.prefecture,
                        h.city,
                        h.street,
                        h.phone,
                    )}
                </dd>
            </dl>
            <h3>{tr(P::WizardEmployee)}</h3>
            <dl class="facts">
                <dt>{tr(T::FieldName)}</dt>
                <dd>{move || e.name(lang.get())}</dd>
                <dt>{tr(T::FieldPhone)}</dt>
                <dd>{e2.phone.clone()}</dd>
                <dt>{tr(P::ShownFunctions)}</dt>
                <dd>{move || choice_list(JOB_FUNCTIONS, &e2.functions, lang.get())}</dd>
                <dt>{tr(T::FieldInterests)}</dt>
                <dd>{move || choice_list(PRODUCTS, &e2.interests, lang.get())}</dd>
            </dl>
        </div>
        <div class="actions">
            <button type="button" class="primary" on:click=submit>
                {tr(P::SubmitApplication)}
            </button>
            <button
                type="button"
                class="secondary"
                on:click=move |_| back.set(Some(Stage::Employee))
            >
                {tr(P::BackStep)}
            </button>
        </div>
    }
}

#[component]
fn StatusView() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let me = signed_in();
    let form = FormState::new();
    let a = Memo::new(move |_| {
        me.get()
            .and_then(|id| app.state.with(|s| s.application_of(&id).cloned()))
    });
    let file_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let attach = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(file) = file_input
            .get()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            form.fail(crate::ui::Failure::Domain(
                onboard_core::DomainError::field(
                    Field::Attachment,
                    onboard_core::FieldError::Required,
                ),
            ));
            return;
        };
        // The size is known before reading: a file over the limit is never copied.
        if file.size() > ATTACHMENT_SIZE_MAX as f64 {
            form.fail(crate::ui::Failure::Domain(
                onboard_core::DomainError::field(
                    Field::Attachment,
                    onboard_core::FieldError::TooLarge {
                        max: ATTACHMENT_SIZE_MAX as u32,
                    },
                ),
            ));
            return;
        }
        leptos::task::spawn_local(async move {
            let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            // A read that failed is an error next to the field, never an empty attachment.
            let Ok(buf) = buf else {
                form.fail(crate::ui::Failure::Domain(
                    onboard_core::DomainError::field(
                        Field::Attachment,
                        onboard_core::FieldError::FileUnreadable,
                    ),
                ));
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buf).to_vec();
            let cmd = partner_commands::Attach {
                name: file.name(),
                mime: file.type_(),
                bytes,
            }
            .into();
            form.run(Command::Partner(cmd), move |reply| {
                if let Reply::Attached { name } = reply {
                    if let Some(i) = file_input.get_untracked() {
                        i.set_value("");
                    }
                    form.notice(P::Attached, vec![name]);
                }
            })
        });
    };
    let resubmit = move |_| {
        form.run(Command::Partner(PartnerCommand::Resubmit), move |_| {
            form.notice(P::Resubmitted, vec![])
        })
    };
    view! {
        <h2>{tr(P::AppStatusTitle)}</h2>
        <FormAlert form />
        {move || {
            a.get()
                .map(|a| {
                    let status = a.status().clone();
                    let number = a.number().to_string();
                    let attachments = a.attachments().to_vec();
                    let resubmit_button = view! {
                        <button type="button" class="secondary" on:click=resubmit>
                            {tr(P::Resubmit)}
                        </button>
                    };
                    view! {
                        <dl class="facts">
                            <dt>{tr(P::ConfirmationNumber)}</dt>
                            <dd>
                                <CopyValue value=number />
                            </dd>
                        </dl>
                        {match status {
                            AppStatus::Draft | AppStatus::Submitted { .. } => {
                                view! { <p class="note">{tr(P::AppSubmitted)}</p> }.into_any()
                            }
                            AppStatus::Approved { .. } => {
                                let number = a.number().to_string();
                                let unfinished = held_warning(move || {
                                    app.state.with(|s| s.unfinished_approval(&number))
                                });
                                // Approved, its company not stored yet (a shared server
                                // stopped between them): the office finishes it.
                                view! {
                                    {move || {
                                        if unfinished.get() {
                                            view! { <p class="note">{tr(P::AppApprovedUnfinished)}</p> }
                                                .into_any()
                                        } else {
                                            view! {
                                                <p class="note">{tr(P::AppApproved)}</p>
                                                <p>
                                                    <Link to=Route::PartnerCompany>{tr(P::GoCompany)}</Link>
                                                </p>
                                            }
                                                .into_any()
                                        }
                                    }}
                                }
                                    .into_any()
                            }
                            AppStatus::Rejected { reason, .. } => {
                                view! {
                                    <p class="form-alert error">
                                        {move || P::AppRejected.fill(lang.get(), &[&reason])}
                                    </p>
                                    <AgreementStep />
                                }
                                    .into_any()
                            }
                            AppStatus::DocumentsRequested { message, .. } => {
                                view! {
                                    <p class="note">
                                        {move || P::AppDocuments.fill(lang.get(), &[&message])}
                                    </p>
                                    <ul class="files">
                                        {attachments
                                            .into_iter()
                                            .map(|x| view! { <AttachmentItem x /> })
                                            .collect_view()}
                                    </ul>
                                    <form class="panel" on:submit=attach novalidate>
                                        <FileField
                                            field=Field::Attachment
                                            form
                                            node_ref=file_input
                                            hint=P::AttachmentLimit
                                            id="attachment"
                                        />
                                        <div class="actions">
                                            <Submit form label=P::Attach />
                                            {resubmit_button}
                                        </div>
                                    </form>
                                }
                                    .into_any()
                            }
                        }}
                    }
                })
        }}
    }
}

/// An attached document: its name, size and SHA-256.
#[component]
fn AttachmentItem(x: onboard_core::partner::Attachment) -> impl IntoView {
    view! {
        <li>
            <span>{x.name}</span>
            " · "
            {x.size}
            " B · "
            <code>{x.sha256}</code>
        </li>
    }
}
