//! The office's help desk: answer and close help requests; delete closed ones.
use crate::ui::app;
use crate::ui::components::form::{FormAlert, FormState, Submit, TextField};
use crate::ui::components::widgets::{fmt_time, PageTitle};
use crate::ui::router::LinkLine;
use crate::ui::tr;
use crate::ui::Route;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::site::{HelpRequest, HelpStatus};
use onboard_core::site_commands;
use onboard_core::site_commands::SiteCommand;
use onboard_core::{Command, Field};

#[component]
pub fn OfficeHelp() -> impl IntoView {
    let app = app();
    let requests = Memo::new(move |_| {
        app.state
            .with(|s| s.help_desk().requests().rev().cloned().collect::<Vec<_>>())
    });
    let prune_form = FormState::new();
    let has_closed =
        Memo::new(move |_| requests.with(|l| l.iter().any(|r| r.status == HelpStatus::Closed)));
    let prune = move |_| {
        prune_form.run(
            Command::Site(SiteCommand::PruneClosedHelp),
            move |reply| match reply {
                onboard_core::Reply::Deleted { count } => {
                    prune_form.notice(P::DeletedCount, vec![count.to_string()])
                }
                _ => prune_form.notice(P::NothingToDelete, vec![]),
            },
        )
    };
    view! {
        <section>
            <PageTitle key=P::OfficeHelpTitle />
            <p>{tr(P::OfficeHelpIntro)}</p>
            <FormAlert form=prune_form />
            {move || {
                has_closed
                    .get()
                    .then(|| {
                        view! {
                            <p>
                                <button type="button" class="secondary" on:click=prune>
                                    {tr(P::PruneClosedHelp)}
                                </button>
                            </p>
                        }
                    })
            }}
            {move || {
                let list = requests.get();
                if list.is_empty() {
                    view! { <p class="empty">{tr(P::NoHelp)}</p> }.into_any()
                } else {
                    list.into_iter().map(|r| view! { <HelpItem r /> }).collect_view().into_any()
                }
            }}
            <LinkLine to=Route::Office label=T::ProgramOffice />
        </section>
    }
}

#[component]
fn HelpItem(r: HelpRequest) -> impl IntoView {
    let lang = app().lang;
    let form = FormState::new();
    let answer = RwSignal::new(String::new());
    let reference = r.reference.clone();
    let r2 = reference.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.run(
            site_commands::AnswerHelp {
                reference: reference.clone(),
                answer: answer.get_untracked(),
            }
            .into(),
            move |_| {
                answer.set(String::new());
                form.notice(P::AnswerSent, vec![]);
            },
        )
    };
    let close = move |_| {
        form.run(
            site_commands::CloseHelp {
                reference: r2.clone(),
            }
            .into(),
            move |_| form.notice(P::RequestClosed, vec![]),
        )
    };
    let status = match r.status {
        HelpStatus::Open => P::HelpOpen,
        HelpStatus::Answered => P::HelpAnswered,
        HelpStatus::Closed => P::HelpClosed,
    };
    let at = r.at;
    let closed = r.status == HelpStatus::Closed;
    let id = format!("answer-{}", r.reference);
    view! {
        <article class="panel help-item">
            <h2>
                <span class="mono">{r.reference.clone()}</span>
                " · "
                {r.subject.clone()}
            </h2>
            <p class="muted">
                {r.name.clone()}" <"{r.email.to_string()}"> · "{move || fmt_time(at, lang.get())}
                " · "<strong>{tr(status)}</strong> {r.site.as_ref().map(|s| format!(" · {s}"))}
            </p>
            <p class="message">{r.description.clone()}</p>
            {r
                .answers
                .iter()
                .map(|(t, a)| {
                    let t = *t;
                    view! {
                        <blockquote>
                            <span class="muted">{move || fmt_time(t, lang.get())}</span>
                            <br />
                            {a.clone()}
                        </blockquote>
                    }
                })
                .collect_view()}
            <FormAlert form />
            {(!closed)
                .then(|| {
                    view! {
                        <form on:submit=submit novalidate>
                            <TextField rows=4 field=Field::Answer value=answer form id=id.clone() />
                            <div class="actions">
                                <Submit form label=P::SendAnswer />
                                <button type="button" class="secondary" on:click=close>
                                    {tr(P::CloseRequest)}
                                </button>
                            </div>
                        </form>
                    }
                })}
        </article>
    }
}
