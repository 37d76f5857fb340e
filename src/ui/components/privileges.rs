//! Choosing a user's privileges (the six of the real product) and showing them.
use crate::ui::app;
use leptos::prelude::*;
use onboard_core::i18n::{Lang, P, T};
use onboard_core::site::{Level, Privileges, Software, Viewing};
use onboard_core::words::{level_name, software_name, viewing_name};

const SOFTWARE: [Software; 4] = [
    Software::None,
    Software::Downloads,
    Software::DownloadsMedia,
    Software::Full,
];
const LEVELS: [Level; 3] = [Level::None, Level::View, Level::Update];
const VIEWING: [Viewing; 2] = [Viewing::None, Viewing::View];

/// One privilege's choice, with what it allows in Onboard said under it (`hint`).
#[component]
fn Choice(
    id: String,
    #[prop(into)] label: onboard_core::i18n::Text,
    hint: P,
    options: Vec<(usize, T)>,
    selected: Signal<usize>,
    set: Callback<usize>,
) -> impl IntoView {
    let lang = app().lang;
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{move || label.get(lang.get())}</label>
            <p class="hint" id=hint_id.clone()>
                {move || hint.get(lang.get())}
            </p>
            <select
                id=id
                aria-describedby=hint_id
                on:change=move |ev| set.run(event_target_value(&ev).parse().unwrap_or(0))
            >
                {options
                    .into_iter()
                    .map(|(i, t)| {
                        view! {
                            <option value=i.to_string() selected=move || selected.get() == i>
                                {move || t.get(lang.get())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Six selects and the secondary-contact box. `prefix` keeps ids unique on a page.
#[component]
pub fn PrivilegesEditor(
    prefix: String,
    value: RwSignal<Privileges>,
    secondary: RwSignal<bool>,
) -> impl IntoView {
    let lang = app().lang;
    let sw = SOFTWARE
        .iter()
        .enumerate()
        .map(|(i, s)| (i, software_name(*s)))
        .collect::<Vec<_>>();
    let lv = LEVELS
        .iter()
        .enumerate()
        .map(|(i, l)| (i, level_name(*l)))
        .collect::<Vec<_>>();
    let vw = VIEWING
        .iter()
        .enumerate()
        .map(|(i, v)| (i, viewing_name(*v)))
        .collect::<Vec<_>>();
    let pos_sw = move || {
        SOFTWARE
            .iter()
            .position(|s| *s == value.get().software)
            .unwrap_or(0)
    };
    let pos_l = |f: fn(&Privileges) -> Level| {
        move || {
            LEVELS
                .iter()
                .position(|l| *l == f(&value.get()))
                .unwrap_or(0)
        }
    };
    let pos_v = |f: fn(&Privileges) -> Viewing| {
        move || {
            VIEWING
                .iter()
                .position(|l| *l == f(&value.get()))
                .unwrap_or(0)
        }
    };
    let sec_id = format!("{prefix}-secondary");
    view! {
        <fieldset class="privileges">
            <legend>{move || P::ColPrivileges.get(lang.get())}</legend>
            <div class="priv-grid">
                <Choice
                    id=format!("{prefix}-software")
                    label=P::PrivSoftware
                    hint=P::PrivSoftwareHint
                    options=sw
                    selected=Signal::derive(pos_sw)
                    set=Callback::new(move |i: usize| value.update(|p| p.software = SOFTWARE[i]))
                />
                <Choice
                    id=format!("{prefix}-reporting")
                    label=P::PrivReporting
                    hint=P::PrivReportingHint
                    options=vw.clone()
                    selected=Signal::derive(pos_v(|p| p.reporting))
                    set=Callback::new(move |i: usize| value.update(|p| p.reporting = VIEWING[i]))
                />
                <Choice
                    id=format!("{prefix}-entitlements")
                    label=P::PrivEntitlements
                    hint=P::PrivEntitlementsHint
                    options=lv.clone()
                    selected=Signal::derive(pos_l(|p| p.entitlements))
                    set=Callback::new(move |i: usize| value.update(|p| p.entitlements = LEVELS[i]))
                />
                <Choice
                    id=format!("{prefix}-access")
                    label=P::PrivManageAccess
                    hint=P::PrivManageAccessHint
                    options=lv.clone()
                    selected=Signal::derive(pos_l(|p| p.manage_access))
                    set=Callback::new(move |i: usize| value.update(|p| p.manage_access = LEVELS[i]))
                />
                <Choice
                    id=format!("{prefix}-contacts")
                    label=P::PrivContactUpdates
                    hint=P::PrivContactUpdatesHint
                    options=lv
                    selected=Signal::derive(pos_l(|p| p.contact_updates))
                    set=Callback::new(move |i: usize| {
                        value.update(|p| p.contact_updates = LEVELS[i])
                    })
                />
                <Choice
                    id=format!("{prefix}-documents")
                    label=P::PrivDocuments
                    hint=P::PrivDocumentsHint
                    options=vw
                    selected=Signal::derive(pos_v(|p| p.documents))
                    set=Callback::new(move |i: usize| value.update(|p| p.documents = VIEWING[i]))
                />
            </div>
            <div class="field check">
                <input
                    id=sec_id.clone()
                    type="checkbox"
                    prop:checked=move || secondary.get()
                    on:change=move |ev| secondary.set(event_target_checked(&ev))
                />
                <label for=sec_id>{move || P::FieldSecondary.get(lang.get())}</label>
            </div>
        </fieldset>
    }
}

/// "Reporting: View · Contact updates: Update" (only what is not None).
pub fn summary(p: &Privileges, lang: Lang) -> String {
    let mut parts = Vec::new();
    if p.software != Software::None {
        parts.push(format!(
            "{}: {}",
            P::PrivSoftware.get(lang),
            software_name(p.software).get(lang)
        ));
    }
    for (t, v) in [
        (P::PrivReporting, p.reporting),
        (P::PrivDocuments, p.documents),
    ] {
        if v != Viewing::None {
            parts.push(format!("{}: {}", t.get(lang), viewing_name(v).get(lang)));
        }
    }
    for (t, l) in [
        (P::PrivEntitlements, p.entitlements),
        (P::PrivManageAccess, p.manage_access),
        (P::PrivContactUpdates, p.contact_updates),
    ] {
        if l != Level::None {
            parts.push(format!("{}: {}", t.get(lang), level_name(l).get(lang)));
        }
    }
    if parts.is_empty() {
        T::LevelNone.get(lang).to_string()
    } else {
        parts.join(" · ")
    }
}
