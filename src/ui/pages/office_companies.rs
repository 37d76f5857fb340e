//! The office's member companies: by level and by what is typed, newest member first,
//! a page at a time; each company's membership level, saved as it is chosen.
use crate::ui::components::form::{FormAlert, FormState};
use crate::ui::components::widgets::{fmt_time, PageTitle, PanelList};
use crate::ui::router::{query, Link, LinkLine};
use crate::ui::{app, tr, Route};
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::partner::Membership;
use onboard_core::partner_commands;
use onboard_core::text::search_key;
use onboard_core::words::membership_name;

/// Companies per page.
pub const PAGE: usize = 20;

/// The page's saving of levels: one command at a time (the page's form's); a level
/// chosen while another is on its way waits its turn (the last one chosen for each
/// company), so that a select never shows a level that is neither saved nor about to be.
#[derive(Clone, Copy)]
struct Levels {
    form: FormState,
    /// The message: the company's name and its new level (in the language shown).
    saved: RwSignal<Option<(String, Membership)>>,
    said: NodeRef<leptos::html::P>,
    /// The level the list shows (`None`: every level).
    shown: Memo<Option<Membership>>,
    /// Chosen while another was being saved: company id, name and level, in order.
    queued: StoredValue<Vec<(String, String, Membership)>>,
}

impl Levels {
    /// Saves `to` as the level of company `id` (named `name`), now or after the one on
    /// its way. Saved, it says so; the focus stays on the select, or goes to the
    /// message when the company leaves the level shown. Refused, the select goes back
    /// to the level saved and the form says why.
    fn choose(self, id: String, name: String, to: Membership) {
        if self.form.busy.get_untracked() {
            self.queued.update_value(|q| {
                q.retain(|(i, ..)| *i != id);
                q.push((id, name, to));
            });
            return;
        }
        self.saved.set(None);
        let cmd = partner_commands::SetLevel {
            company: id.clone(),
            level: to,
        };
        self.form.send(cmd.into(), move |reply| {
            match reply {
                Ok(_) => {
                    self.saved.set(Some((name, to)));
                    if self.shown.get_untracked().is_some_and(|shown| shown != to) {
                        let said = self.said;
                        request_animation_frame(move || {
                            if let Some(p) = said.get_untracked() {
                                let _ = p.focus();
                            }
                        });
                    }
                }
                Err(f) => {
                    show_saved_level(&id);
                    self.form.fail(f)
                }
            }
            let next = self
                .queued
                .try_update_value(|q| (!q.is_empty()).then(|| q.remove(0)))
                .flatten();
            if let Some((id, name, to)) = next {
                self.choose(id, name, to);
            }
        });
    }
}

/// Puts company `id`'s select back to the level saved (its options follow the saved
/// level, but not a choice the person made that was refused).
fn show_saved_level(id: &str) {
    use wasm_bindgen::JsCast;
    let level = app()
        .state
        .with_untracked(|s| s.company(id).map(|c| c.level()));
    let select = document()
        .get_element_by_id(&format!("level-{id}"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok());
    if let (Some(select), Some(level)) = (select, level) {
        select.set_value(level.key());
    }
}

#[component]
pub fn OfficeCompanies() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    // The level shown is in the address (`?level=gold`), like its page.
    let asked = query("level");
    let level = Memo::new(move |_| Membership::parse(&asked.get()));
    let filter = crate::ui::router::text_in_address();
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
    let (saved, said) = (RwSignal::new(None), NodeRef::new());
    let levels = Levels {
        form,
        saved,
        said,
        shown: level,
        queued: StoredValue::new(Vec::new()),
    };
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
                panel=move |id| view! { <CompanyRow id levels /> }
                table=(
                    "companies cards",
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

/// One company: its name (the select's label), application, date and level; a level
/// chosen is saved at once ([`Levels::choose`]).
#[component]
fn CompanyRow(id: String, levels: Levels) -> impl IntoView {
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
    let choose = move |ev| {
        if let Some(to) = Membership::parse(&event_target_value(&ev)) {
            levels.choose(id.clone(), name.clone(), to);
        }
    };
    view! {
        <tr>
            <td>
                <label for=sel_id.clone()>{label}</label>
            </td>
            <td class="mono" data-label=tr(P::ColApplication)>
                // The application, found on its page by its number.
                <Link to=Route::OfficeApplications.href().and("q", &number)>{number.clone()}</Link>
            </td>
            <td data-label=tr(P::ColMemberSince)>{move || fmt_time(since, lang.get())}</td>
            <td data-label=tr(P::FieldLevel)>
                <select id=sel_id on:change=choose>
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
