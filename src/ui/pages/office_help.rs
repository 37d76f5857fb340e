//! The office's help desk: requests by status and by what is typed, newest first, a
//! page at a time; answer and close them; delete closed ones.
use crate::ui::components::form::{Drafts, FormAlert, FormState, Submit, TextField};
use crate::ui::components::widgets::{fmt_time, PageTitle, PanelList};
use crate::ui::router::{query, LinkLine};
use crate::ui::{app, tr, Route};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::site::HelpStatus;
use onboard_core::site_commands;
use onboard_core::site_commands::SiteCommand;
use onboard_core::text::search_key;
use onboard_core::{Command, Field, Reply};

/// Requests per page (each is a panel with its answer form).
pub const PAGE: usize = 10;

fn status_name(s: HelpStatus) -> P {
    match s {
        HelpStatus::Open => P::HelpOpen,
        HelpStatus::Answered => P::HelpAnswered,
        HelpStatus::Closed => P::HelpClosed,
    }
}

#[component]
pub fn OfficeHelp() -> impl IntoView {
    let app = app();
    // The status shown is in the address (`?status=open`), like its page.
    let asked = query("status");
    let status = Memo::new(move |_| HelpStatus::parse(&asked.get()));
    let filter = crate::ui::router::text_in_address();
    let counts = Memo::new(move |_| app.state.with(|s| s.help_desk().counts()));
    // The references the list finds. Each row reads its own request: answering one
    // keeps what is typed in the others, and its own message.
    let found = Memo::new(move |_| {
        let key = search_key(filter.get().trim());
        let st = status.get();
        app.state.with(|s| {
            s.help_desk()
                .matching(&key, st)
                .map(|r| r.reference.clone())
                .collect::<Vec<_>>()
        })
    });
    let notice = FormState::new();
    let drafts = Drafts::default();
    let prune = move |_| {
        notice.run(
            Command::Site(SiteCommand::PruneClosedHelp),
            move |reply| match reply {
                Reply::Deleted { count } => notice.notice(P::DeletedCount, vec![count.to_string()]),
                _ => notice.notice(P::NothingToDelete, vec![]),
            },
        )
    };
    view! {
        <section>
            <PageTitle key=P::OfficeHelpTitle />
            <p>{tr(P::OfficeHelpIntro)}</p>
            <FormAlert form=notice />
            {move || {
                (counts.get()[HelpStatus::Closed as usize] > 0)
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
            <PanelList
                statuses=HelpStatus::ALL
                    .into_iter()
                    .map(|s| (s.code(), status_name(s).into()))
                    .collect()
                counts=Signal::derive(move || counts.get().to_vec())
                search=("help-filter", P::FilterHelp)
                filter
                count_texts=(P::HelpCount, P::HelpFound)
                empty=(P::NoHelp, P::NoHelpMatches)
                found
                per_page=PAGE
                panel=move |reference| view! { <HelpItem reference notice found drafts /> }
            />
            <LinkLine to=Route::Office label=T::ProgramOffice />
        </section>
    }
}

/// One request: what was asked, once; its status and answers as they change; the form
/// to answer or close it while it is not closed. A message about it goes in the row
/// while the list still shows it, else at the top of the page (`notice`).
#[component]
fn HelpItem(
    reference: String,
    notice: FormState,
    found: Memo<Vec<String>>,
    drafts: Drafts,
) -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let request = {
        let reference = reference.clone();
        Memo::new(move |_| {
            app.state.with(|s| {
                s.help_desk()
                    .requests()
                    .find(|x| x.reference == reference)
                    .cloned()
            })
        })
    };
    let Some(r) = request.get_untracked() else {
        return ().into_any();
    };
    let form = FormState::new();
    let answer = drafts.of(&reference);
    // The row's own message, or the page's once the row has left the list.
    let tell = {
        let reference = reference.clone();
        move |in_row: P, on_page: P| {
            if found.with_untracked(|v| v.contains(&reference)) {
                form.notice(in_row, vec![]);
            } else {
                notice.notice(on_page, vec![reference.clone()]);
            }
        }
    };
    let submit = {
        let (reference, tell) = (reference.clone(), tell.clone());
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let tell = tell.clone();
            form.run(
                site_commands::AnswerHelp {
                    reference: reference.clone(),
                    answer: answer.get_untracked(),
                }
                .into(),
                move |_| {
                    answer.set(String::new());
                    tell(P::AnswerSent, P::AnswerSentTo);
                },
            )
        }
    };
    let close = move |_| {
        let tell = tell.clone();
        form.run(
            site_commands::CloseHelp {
                reference: reference.clone(),
            }
            .into(),
            move |_| tell(P::RequestClosed, P::RequestClosedRef),
        )
    };
    let status = Memo::new(move |_| request.with(|r| r.as_ref().map(|r| r.status)));
    let answers = Memo::new(move |_| {
        request.with(|r| r.as_ref().map(|r| r.answers.clone()).unwrap_or_default())
    });
    let closed = Memo::new(move |_| status.get().is_none_or(|s| s == HelpStatus::Closed));
    let at = r.at;
    let id = format!("answer-{}", r.reference);
    // The article is named by its heading: the answer fields of the page, all labelled
    // "Answer", are told apart by the request they are in.
    let heading = format!("help-{}-title", r.reference);
    let named_by = heading.clone();
    view! {
        <article
            class="panel help-item"
            id=format!("help-{}", r.reference)
            aria-labelledby=named_by
        >
            <h2 id=heading>
                <span class="mono">{r.reference.clone()}</span>
                " · "
                {r.subject.clone()}
            </h2>
            <p class="muted">
                {r.name.clone()}" <"{r.email.to_string()}"> · "{move || fmt_time(at, lang.get())}
                " · "
                <strong>{move || status.get().map(|s| status_name(s).get(lang.get()))}</strong>
                {r.site.as_ref().map(|s| format!(" · {s}"))}
            </p>
            <p class="message">{r.description.clone()}</p>
            {move || {
                answers
                    .get()
                    .into_iter()
                    .map(|(t, a)| {
                        view! {
                            <blockquote>
                                <span class="muted">{move || fmt_time(t, lang.get())}</span>
                                <br />
                                {a}
                            </blockquote>
                        }
                    })
                    .collect_view()
            }}
            <FormAlert form />
            {move || {
                (!closed.get())
                    .then(|| {
                        view! {
                            <form on:submit=submit.clone() novalidate>
                                <TextField
                                    rows=4
                                    field=Field::Answer
                                    value=answer
                                    form
                                    id=id.clone()
                                />
                                <div class="actions">
                                    <Submit form label=P::SendAnswer />
                                    <button type="button" class="secondary" on:click=close.clone()>
                                        {tr(P::CloseRequest)}
                                    </button>
                                </div>
                            </form>
                        }
                    })
            }}
        </article>
    }
    .into_any()
}
