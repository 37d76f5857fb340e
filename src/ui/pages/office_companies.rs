//! The office's member companies: by level and by what is typed, newest member first,
//! a page at a time; each company's membership level, saved as it is chosen.
use crate::ui::components::form::{FormAlert, FormState};
use crate::ui::components::widgets::{fmt_time, PageTitle, PanelList};
use crate::ui::router::{query, LinkLine};
use crate::ui::{app, tr, Route};
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::partner::Membership;
use onboard_core::partner_commands;
use onboard_core::text::search_key;
use onboard_core::words::membership_name;

/// Companies per page.
pub const PAGE: usize = 20;

/// A level saved: the company's name and its new level (the message under the
/// toolbar, in the language shown).
type Saved = RwSignal<Option<(String, Membership)>>;

#[component]
pub fn OfficeCompanies() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    // The level shown is in the address (`?level=gold`), like its page.
    let asked = query("level");
    let level = Memo::new(move |_| Membership::parse(&asked.get()));
    let filter = RwSignal::new(String::new());
    let counts = Memo::new(move |_| app.state.with(|s| s.level_counts()));
    // The ids the list finds. Each row reads its own company: saving one level keeps
    // the others' rows (and the focus on the select just used).
    let found = Memo::new(move |_| {
        let key = search_key(filter.get().trim());
        let l = level.get();
        app.state.with(|s| {
            s.member_companies(&key, l)
                .into_iter()
                .map(|c| c.id().to_string())
                .collect::<Vec<_>>()
        })
    });
    let form = FormState::new();
    let saved: Saved = RwSignal::new(None);
    let said = NodeRef::<leptos::html::P>::new();
    view! {
        <section>
            <PageTitle key=P::OfficeCompaniesTitle />
            <p>{tr(P::OfficeCompaniesIntro)}</p>
            <FormAlert form />
            // Always on the page, so a screen reader announces what is put in it.
            <p
                role="status"
                tabindex="-1"
                node_ref=said
                class=move || saved.with(|s| if s.is_some() { "form-alert ok" } else { "said" })
            >
                {move || {
                    saved
                        .get()
                        .map(|(name, l)| {
                            let lang = lang.get();
                            P::LevelOf.fill(lang, &[&name, membership_name(l).get(lang)])
                        })
                }}
            </p>
            <PanelList
                to=Route::OfficeCompanies
                statuses=Membership::ALL
                    .into_iter()
                    .map(|m| (m.key(), membership_name(m).into()))
                    .collect()
                counts=Signal::derive(move || counts.get().to_vec())
                key="level"
                label=P::FieldLevel
                search=("company-filter", P::FilterCompanies)
                filter
                count_texts=(P::CompaniesCount, P::CompaniesFound)
                empty=(P::NoCompanies, P::NoCompanyMatches)
                found
                per_page=PAGE
                panel=move |id| view! { <CompanyRow id form saved said level /> }
                table=(
                    "companies",
                    vec![
                        P::ColCompany.into(),
                        P::ColApplication.into(),
                        P::ColMemberSince.into(),
                        P::FieldLevel.into(),
                    ],
                )
            />
            <LinkLine to=Route::Office label=T::ProgramOffice />
        </section>
    }
}

/// One company: its name (the select's label), application, date and level. A level
/// chosen is saved at once; the focus stays on the select, unless the company leaves
/// the level shown: then it goes to the message.
#[component]
fn CompanyRow(
    id: String,
    form: FormState,
    saved: Saved,
    said: NodeRef<leptos::html::P>,
    level: Memo<Option<Membership>>,
) -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let current = {
        let id = id.clone();
        Memo::new(move |_| app.state.with(|s| s.company(&id).map(|c| c.level())))
    };
    let Some((name, number, since)) = app.state.with_untracked(|s| {
        s.company(&id).map(|c| {
            (
                c.profile().legal_name.clone(),
                c.application().to_string(),
                c.created(),
            )
        })
    }) else {
        return ().into_any();
    };
    let sel_id = format!("level-{id}");
    let label = name.clone();
    let select = NodeRef::<leptos::html::Select>::new();
    let choose = move |ev| {
        let Some(to) = Membership::parse(&event_target_value(&ev)) else {
            return;
        };
        saved.set(None);
        let name = name.clone();
        let cmd = partner_commands::SetLevel {
            company: id.clone(),
            level: to,
        };
        form.send(cmd.into(), move |reply| match reply {
            Ok(_) => {
                saved.set(Some((name, to)));
                if level.get_untracked().is_some_and(|shown| shown != to) {
                    request_animation_frame(move || {
                        if let Some(p) = said.get_untracked() {
                            let _ = p.focus();
                        }
                    });
                }
            }
            // The select shows the level that is saved, not the one refused.
            Err(f) => {
                if let (Some(sel), Some(m)) = (select.get_untracked(), current.get_untracked()) {
                    sel.set_value(m.key());
                }
                form.fail(f)
            }
        });
    };
    view! {
        <tr>
            <td>
                <label for=sel_id.clone()>{label}</label>
            </td>
            <td class="mono" data-label=tr(P::ColApplication)>
                {number}
            </td>
            <td data-label=tr(P::ColMemberSince)>{move || fmt_time(since, lang.get())}</td>
            <td data-label=tr(P::FieldLevel)>
                <select id=sel_id node_ref=select on:change=choose>
                    {Membership::ALL
                        .into_iter()
                        .map(|m| {
                            view! {
                                <option
                                    value=m.key()
                                    prop:selected=move || current.get() == Some(m)
                                >
                                    {move || membership_name(m).get(lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </td>
        </tr>
    }
    .into_any()
}
