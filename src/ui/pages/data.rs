//! The data page: storage use, export, freeing space, import, demo data and reset.
//! Replacing, resetting and exporting everything are domain commands (`ReplaceData`,
//! `ExportData`): open to anyone while no operator account exists, the operator's
//! alone afterwards; the page only says which applies.
use crate::ui::components::form::{Alert, FormAlert, FormState};
use crate::ui::components::widgets::{OpenPanel, PageTitle};
use crate::ui::router::Link;
use crate::ui::shell::download;
use crate::ui::tr;
use crate::ui::Route;
use crate::ui::{app, check_usage, dispatch, now, with_store, Banner, Failure};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::{demo, Command, Imported, Replacement, Reply};
use std::sync::Arc;

/// Shared mode: connect this browser to a Kinto server (`/data?server=<url>` fills in
/// the address), or, when connected, say where and leave.
#[component]
fn SharedPanel() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let connected = app.sync.with_untracked(|s| s.server.clone());
    let url = RwSignal::new(crate::ui::router::query("server").get_untracked());
    let problem = RwSignal::new(None::<crate::ui::ServerProblem>);
    let busy = RwSignal::new(false);
    let connect = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match crate::ui::shared::connect(url.get_untracked()).await {
                Ok(_) => {
                    // Start again in shared mode, at the sign-in page.
                    let _ = window()
                        .location()
                        .set_href(&crate::ui::href(&crate::ui::Route::SignIn.href()));
                }
                Err(p) => {
                    busy.set(false);
                    problem.set(Some(p));
                    crate::ui::focus_soon("#server-url");
                }
            }
        });
    };
    // Only if the person asks: what this account reads, as a file local mode imports.
    let copy = move || {
        let text = app
            .state
            .with_untracked(|s| crate::store::Store::export_state(s, now()));
        let d = js_sys::Date::new_0();
        let name = format!(
            "onboard-shared-copy-{:04}{:02}{:02}.json",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        );
        download(&name, &text, "application/json");
    };
    let error = move || {
        problem
            .get()
            .map(|p| crate::ui::server_problem(p).get(lang.get()))
    };
    view! {
        <div class="panel" id="shared-mode">
            <h2>{tr(P::SharedTitle)}</h2>
            <p>{tr(P::SharedIntro)}</p>
            {match connected {
                Some(server) => {
                    view! {
                        <p>{move || P::SharedConnected.fill(lang.get(), &[&server])}</p>
                        <Show when=move || {
                            app.sync.with(|s| s.account.is_some())
                                && crate::ui::shared::loaded().get()
                        }>
                            <p>{tr(P::SharedCopyText)}</p>
                            <button type="button" class="secondary" on:click=move |_| copy()>
                                {tr(P::SharedCopy)}
                            </button>
                        </Show>
                        <p>{tr(P::SharedLeaveText)}</p>
                        <button
                            type="button"
                            class="secondary"
                            on:click=move |_| crate::ui::shared::leave()
                        >
                            {tr(P::SharedLeave)}
                        </button>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <form on:submit=connect novalidate data-leave="free">
                            <div class="field" class:invalid=move || problem.get().is_some()>
                                <label for="server-url">{tr(P::FieldServer)}</label>
                                <input
                                    id="server-url"
                                    type="url"
                                    inputmode="url"
                                    autocomplete="url"
                                    maxlength="300"
                                    placeholder="https://kinto.example.com/v1"
                                    aria-invalid=move || {
                                        if problem.get().is_some() { "true" } else { "false" }
                                    }
                                    aria-describedby="server-url-err"
                                    prop:value=move || url.get()
                                    on:input=move |ev| {
                                        url.set(event_target_value(&ev));
                                        problem.set(None);
                                    }
                                />
                                <p class="field-error" id="server-url-err">
                                    {move || {
                                        error()
                                            .map(|e| {
                                                view! {
                                                    <span class="icon" aria-hidden="true">
                                                        "!"
                                                    </span>
                                                    {e}
                                                }
                                            })
                                    }}
                                </p>
                            </div>
                            <button type="submit" class="primary" disabled=move || busy.get()>
                                {tr(P::SharedConnect)}
                            </button>
                        </form>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

#[component]
pub fn Data() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    // In shared mode the data is the server's: nothing here acts on this browser's store.
    if app.sync.with_untracked(|s| s.server.is_some()) {
        return view! {
            <section>
                <PageTitle key=P::DataTitle />
                <SharedPanel />
            </section>
        }
        .into_any();
    }
    let usage = Memo::new(move |_| {
        app.state.track();
        with_store(|s| s.usage())
    });
    let counts = Memo::new(move |_| {
        app.state
            .with(|s| (s.identity_count(), s.mail_count(), s.audit_count()))
    });
    // Who may import, reset and export: the domain's rule, shown before anyone tries
    // (and nobody, while a newer version's data makes storage read-only).
    let read_only = Memo::new(move |_| {
        app.state.track();
        with_store(|s| s.read_only().is_some())
    });
    let guarded = Memo::new(move |_| app.state.with(|s| s.office().has_operator()));
    let allowed = Memo::new(move |_| {
        let device = app.device.get();
        app.state.with(|s| {
            let actor = crate::ui::actor_of(s, &device, app.clock.get());
            onboard_core::may_manage_data(s, &actor).is_ok()
        })
    });

    let export_form = FormState::new();
    let export = move |_| {
        export_form.run(Command::ExportData, move |_| {
            let text = with_store(|s| s.export(now()));
            let d = js_sys::Date::new_0();
            let name = format!(
                "onboard-export-{:04}{:02}{:02}.json",
                d.get_full_year(),
                d.get_month() + 1,
                d.get_date()
            );
            download(&name, &text, "application/json");
            export_form.clear();
        })
    };

    let import_form = FormState::new();
    let file_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let import = move |ev: SubmitEvent| {
        ev.prevent_default();
        if import_form.busy.get_untracked() {
            return;
        }
        import_form.clear();
        let file = file_input
            .get()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        let Some(file) = file else {
            import_form
                .alert
                .set(Some(Alert::Notice(T::ImportNoFile.into(), vec![])));
            crate::ui::focus_soon("#import-file");
            return;
        };
        // Busy from the moment the file is read (the read is slow for a big file);
        // the command itself goes through `dispatch` below, as `FormState::send` would
        // refuse to start while busy.
        import_form.busy.set(true);
        leptos::task::spawn_local(async move {
            let text = crate::ui::components::form::file_text(file).await;
            let Some(text) = text else {
                import_form.fail_text(P::ImportFailed, "unreadable file".into());
                return;
            };
            let parsed = with_store(|s| s.parse_import(&text));
            let state = match parsed {
                Ok(state) => state,
                Err(e) => return import_form.fail_text(P::ImportFailed, e.to_string()),
            };
            let cmd = Command::ReplaceData(Replacement::Import(Imported(Arc::new(state))));
            dispatch(cmd, move |reply| match reply {
                Ok(Reply::Replaced { records }) => {
                    import_form.notice(P::Imported, vec![records.to_string()])
                }
                Ok(_) => import_form.busy.set(false),
                Err(f) => import_form.fail(f),
            });
        });
    };

    let reset_form = FormState::new();
    let confirming = RwSignal::new(false);
    let confirm_text = RwSignal::new(String::new());
    let do_reset = move |ev: SubmitEvent| {
        ev.prevent_default();
        if confirm_text.get_untracked().trim() != "DELETE" {
            reset_form
                .alert
                .set(Some(Alert::Notice(T::ResetDataConfirm.into(), vec![])));
            crate::ui::focus_soon("#reset-confirm");
            return;
        }
        reset_form.run(Command::ReplaceData(Replacement::Reset), move |_| {
            // The user asked for everything to go: what was set aside goes too.
            with_store(|s| {
                for (k, _) in s.quarantined() {
                    let _ = s.discard_quarantined(&k);
                }
            });
            app.banners
                .update(|b| b.retain(|x| !matches!(x, Banner::Quarantine(_))));
            confirming.set(false);
            confirm_text.set(String::new());
            check_usage();
            reset_form.notice(P::ResetDone, vec![]);
        });
    };

    let demo_form = FormState::new();
    let load_demo = move |_| {
        demo_form.run(Command::ReplaceData(Replacement::Demo), move |_| {
            demo_form.notice(P::DemoLoaded, vec![])
        });
    };

    let free_form = FormState::new();
    // Each deletes a whole chunk of old records (`chunk` of them): asked first.
    let prune = move |cmd: onboard_core::Command, question: P, chunk: usize| {
        if !crate::ui::leave::ask(question, &[&chunk.to_string()]) {
            return;
        }
        free_form.send(cmd, move |reply| match reply {
            Ok(onboard_core::Reply::Deleted { count }) => {
                check_usage();
                free_form.notice(P::DeletedCount, vec![count.to_string()]);
            }
            Ok(_) => {}
            Err(Failure::Domain(onboard_core::DomainError::NotFound)) => {
                free_form.notice(P::NothingToDelete, vec![])
            }
            Err(f) => free_form.fail(f),
        })
    };
    view! {
        <section>
            <PageTitle key=P::DataTitle />
            <p>{tr(P::DataIntro)}</p>
            <p>
                {move || {
                    let bytes = |utf16_units: usize| utf16_units as u64 * 2;
                    onboard_core::words::storage_usage(
                        bytes(usage.get()),
                        bytes(crate::store::QUOTA_UNITS),
                        lang.get(),
                    )
                }}
            </p>
            <p>
                {move || {
                    let (a, b, c) = counts.get();
                    P::RecordCounts
                        .fill(lang.get(), &[&a.to_string(), &b.to_string(), &c.to_string()])
                }}
            </p>
            <p class="note" id="data-rule">
                {move || match (guarded.get(), allowed.get()) {
                    _ if read_only.get() => P::DataReadOnly.get(lang.get()),
                    (false, _) => P::DataOpenNoOperator.get(lang.get()),
                    (true, true) => P::DataOperatorOnly.get(lang.get()),
                    (true, false) => P::DataNeedsOperator.get(lang.get()),
                }}
                {move || {
                    (guarded.get() && !allowed.get() && !read_only.get())
                        .then(|| {
                            view! {
                                " "
                                <Link to=Route::Office>{tr(P::OfficeSignInTitle)}</Link>
                            }
                        })
                }}
            </p>

            <SharedPanel />

            <div class="panel">
                <h2>{tr(P::ExportTitle)}</h2>
                <p>{tr(P::ExportText)}</p>
                <FormAlert form=export_form />
                <button type="button" class="primary" on:click=export>
                    {tr(P::ExportButton)}
                </button>
            </div>

            <div class="panel">
                <h2>{tr(T::FreeSpaceTitle)}</h2>
                <p>{tr(P::FreeSpaceText)}</p>
                <FormAlert form=free_form />
                <div class="actions">
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| prune(
                            onboard_core::Command::DeleteOldestMail,
                            P::AskDeleteOldestMail,
                            onboard_core::mail::CHUNK,
                        )
                    >
                        {tr(P::DeleteOldestMail)}
                    </button>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| prune(
                            onboard_core::Command::DeleteOldestAudit,
                            P::AskDeleteOldestAudit,
                            onboard_core::audit::CHUNK,
                        )
                    >
                        {tr(P::DeleteOldestAudit)}
                    </button>
                </div>
            </div>

            <form class="panel" on:submit=import novalidate data-leave="free">
                <h2>{tr(P::ImportTitle)}</h2>
                <p>{tr(P::ImportText)}</p>
                <FormAlert form=import_form />
                <div class="field">
                    <label for="import-file">{tr(P::ImportFile)}</label>
                    <input
                        id="import-file"
                        type="file"
                        accept="application/json,.json"
                        node_ref=file_input
                        aria-describedby="data-rule"
                    />
                </div>
                <button type="submit" class="primary" disabled=move || import_form.busy.get()>
                    {tr(P::ImportButton)}
                </button>
            </form>

            <div class="panel">
                <h2>{tr(P::DemoTitle)}</h2>
                <p>{move || P::DemoText.fill(lang.get(), &[demo::DEMO_PASSWORD])}</p>
                <ul class="demo-accounts">
                    <li>
                        <code>{demo::DEMO_OPERATOR}</code>
                    </li>
                    {demo::DEMO_IDS
                        .iter()
                        .map(|(e, ..)| {
                            view! {
                                <li>
                                    <code>{*e}</code>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <FormAlert form=demo_form />
                <button
                    type="button"
                    class="primary"
                    on:click=load_demo
                    disabled=move || demo_form.busy.get()
                >
                    {move || {
                        if demo_form.busy.get() {
                            T::Working.get(lang.get())
                        } else {
                            P::DemoButton.get(lang.get())
                        }
                    }}
                </button>
            </div>

            <form class="panel danger-zone" on:submit=do_reset novalidate data-leave="free">
                <h2>{tr(P::ResetDataTitle)}</h2>
                <p>{tr(P::ResetDataText)}</p>
                <FormAlert form=reset_form />
                {move || {
                    if confirming.get() {
                        view! {
                            <div class="field">
                                <label for="reset-confirm">{tr(P::ResetDataConfirmLabel)}</label>
                                <input
                                    id="reset-confirm"
                                    type="text"
                                    autocomplete="off"
                                    prop:value=move || confirm_text.get()
                                    on:input=move |ev| confirm_text.set(event_target_value(&ev))
                                />
                            </div>
                            <div class="actions">
                                <button type="submit" class="danger">
                                    {tr(P::ResetDataDo)}
                                </button>
                                <button
                                    type="button"
                                    class="secondary"
                                    on:click=move |_| confirming.set(false)
                                >
                                    {tr(T::Cancel)}
                                </button>
                            </div>
                        }
                            .into_any()
                    } else {
                        view! {
                            <OpenPanel
                                panel=confirming
                                open=true
                                label=P::ResetDataButton
                                class="danger"
                                focus="#reset-confirm"
                            />
                        }
                            .into_any()
                    }
                }}
            </form>
        </section>
    }
    .into_any()
}
