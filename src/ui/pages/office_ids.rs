//! The office's IDs: every person's ID by state and by what is typed, newest first, a
//! page at a time; where each stands (verified, locked and until when), when it last
//! signed in, its sites and company; a lock lifted for someone who asked.
use crate::ui::components::form::{FormAlert, FormState};
use crate::ui::components::widgets::{fmt_time, PageTitle, PanelList};
use crate::ui::router::{query, LinkLine};
use crate::ui::{app, tr, Route};
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::identity::IdState;
use onboard_core::office_commands;
use onboard_core::text::{search_key, Email};
use onboard_core::words::id_state_name;

/// IDs per page.
pub const PAGE: usize = 20;

#[component]
pub fn OfficeIds() -> impl IntoView {
    let app = app();
    // The state shown is in the address (`?status=locked`), like its page.
    let asked = query("status");
    let state = Memo::new(move |_| IdState::parse(&asked.get()));
    let filter = crate::ui::router::text_in_address();
    let counts = Memo::new(move |_| {
        let now = app.clock.get();
        app.state.with(|s| s.id_state_counts(now))
    });
    // The emails the list finds. Each row reads its own ID: lifting one lock keeps
    // the other rows as they are.
    let found = Memo::new(move |_| {
        let key = search_key(filter.get().trim());
        let (state, now) = (state.get(), app.clock.get());
        app.state.with(|s| {
            s.ids_found(&key, state, now)
                .into_iter()
                .map(|i| i.email().to_string())
                .collect::<Vec<_>>()
        })
    });
    let form = FormState::new();
    view! {
        <section>
            <PageTitle key=P::OfficeIdsTitle />
            <p>{tr(P::OfficeIdsIntro)}</p>
            <FormAlert form />
            <PanelList
                statuses=IdState::ALL
                    .into_iter()
                    .map(|s| (s.key(), id_state_name(s).into()))
                    .collect()
                counts=Signal::derive(move || counts.get().to_vec())
                search=("id-filter", P::FilterIds)
                filter
                count_texts=(P::IdsCount, P::IdsFound)
                empty=(P::NoIds, P::NoIdMatches)
                found
                per_page=PAGE
                panel=move |email| view! { <IdRow email form /> }
                table=(
                    "ids cards",
                    vec![
                        P::ColId.into(),
                        P::ColState.into(),
                        P::ColCreated.into(),
                        P::ColLastSignIn.into(),
                        P::ColRoles.into(),
                    ],
                )
            />
            <LinkLine to=Route::Office label=T::ProgramOffice />
        </section>
    }
}

/// One ID: its email and name, its state (with a locked one's end and the button
/// that lifts it), when it was made and last signed in, and its sites and company.
#[component]
fn IdRow(email: String, form: FormState) -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let Ok(address) = Email::parse(&email) else {
        return ().into_any();
    };
    // Where the ID stands follows the clock (a lock runs out); its last sign-in and
    // roles only the data (the clock's tick does not read the trail again).
    let standing = {
        let address = address.clone();
        Memo::new(move |_| {
            let now = app.clock.get();
            app.state.with(|s| {
                let i = s.identity_by_email(&address)?;
                Some((i.state(now), i.locked_until(now)))
            })
        })
    };
    let known = {
        let address = address.clone();
        Memo::new(move |_| {
            let now = app.clock.get_untracked();
            app.state.with(|s| {
                let i = s.identity_by_email(&address)?;
                Some((
                    onboard_core::report::last_sign_in(s, &address),
                    onboard_core::demo::roles_of(s, i, now),
                ))
            })
        })
    };
    let Some((given, family, created)) = app.state.with_untracked(|s| {
        s.identity_by_email(&address)
            .map(|i| (i.given().to_string(), i.family().to_string(), i.created()))
    }) else {
        return ().into_any();
    };
    let name = move || onboard_core::identity::display_name(&given, &family, lang.get());
    let state = move || {
        let l = lang.get();
        standing.get().map_or_else(String::new, |(s, until)| {
            let word = id_state_name(s).get(l);
            match until {
                Some(t) => format!(
                    "{word} ({})",
                    P::LockedUntilTime.fill(l, &[&fmt_time(t, l)])
                ),
                None => word.to_string(),
            }
        })
    };
    let last = move || {
        known.with(|k| {
            k.as_ref()
                .and_then(|k| k.0)
                .map_or_else(|| "—".to_string(), |t| fmt_time(t, lang.get()))
        })
    };
    let roles = move || {
        known.with(|k| {
            k.as_ref()
                .map(|k| onboard_core::demo::roles_text(&k.1, lang.get()))
                .unwrap_or_default()
        })
    };
    let locked = Memo::new(move |_| standing.get().is_some_and(|(_, until)| until.is_some()));
    let lift = {
        let email = email.clone();
        move |_| {
            let cmd = office_commands::LiftLock {
                email: email.clone(),
            };
            let said = email.clone();
            form.run(cmd.into(), move |_| {
                form.notice(P::LockLiftedFor, vec![said.clone()])
            });
        }
    };
    let label = email.clone();
    view! {
        <tr>
            <td>
                <code class="mono">{email.clone()}</code>
                <br />
                {name}
            </td>
            <td data-label=tr(
                P::ColState,
            )>
                {state}
                {move || {
                    let label = label.clone();
                    let lift = lift.clone();
                    locked
                        .get()
                        .then(|| {
                            view! {
                                <br />
                                <button
                                    type="button"
                                    class="secondary"
                                    aria-label=move || P::LiftLockOf.fill(lang.get(), &[&label])
                                    on:click=lift
                                >
                                    {tr(P::LiftLock)}
                                </button>
                            }
                        })
                }}
            </td>
            <td data-label=tr(P::ColCreated)>{move || fmt_time(created, lang.get())}</td>
            <td data-label=tr(P::ColLastSignIn)>{last}</td>
            <td data-label=tr(P::ColRoles)>{roles}</td>
        </tr>
    }
    .into_any()
}
