//! Choosing a user's privileges (the six of the real product) and showing them.
use crate::ui::tr;
use leptos::prelude::*;
use onboard_core::i18n::{Lang, P, T};
use onboard_core::site::{Level, Privileges, Software, Viewing};
use onboard_core::words::{level_name, software_name, viewing_name};

/// A kind of privilege value: every value, in the order a select offers them, and its
/// name.
trait Kind: Copy + PartialEq + Send + Sync + 'static {
    const ALL: &'static [Self];
    fn name(self) -> T;
}

impl Kind for Software {
    const ALL: &'static [Self] = &[
        Software::None,
        Software::Downloads,
        Software::DownloadsMedia,
        Software::Full,
    ];
    fn name(self) -> T {
        software_name(self)
    }
}

impl Kind for Level {
    const ALL: &'static [Self] = &[Level::None, Level::View, Level::Update];
    fn name(self) -> T {
        level_name(self)
    }
}

impl Kind for Viewing {
    const ALL: &'static [Self] = &[Viewing::None, Viewing::View];
    fn name(self) -> T {
        viewing_name(self)
    }
}

/// The values of the kind `read` gives (the field's type picks the list).
fn values_of<V: Kind>(_read: fn(&Privileges) -> V) -> &'static [V] {
    V::ALL
}

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
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{tr(label)}</label>
            <p class="hint" id=hint_id.clone()>
                {tr(hint)}
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
                                {tr(t)}
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
    // One privilege's select: `Privileges::$field`, one of its kind's values.
    macro_rules! privilege {
        ($key:literal, $field:ident, $label:ident, $hint:ident) => {{
            let list = values_of(|p: &Privileges| p.$field);
            let get = move || list.iter().position(|v| *v == value.get().$field);
            view! {
                <Choice
                    id=format!("{prefix}-{}", $key)
                    label=P::$label
                    hint=P::$hint
                    options=list.iter().enumerate().map(|(i, v)| (i, v.name())).collect()
                    selected=Signal::derive(move || get().unwrap_or(0))
                    set=Callback::new(move |i: usize| value.update(|p| p.$field = list[i]))
                />
            }
        }};
    }
    let choices = (
        privilege! {"software", software, PrivSoftware, PrivSoftwareHint},
        privilege! {"reporting", reporting, PrivReporting, PrivReportingHint},
        privilege! {"entitlements", entitlements, PrivEntitlements, PrivEntitlementsHint},
        privilege! {"access", manage_access, PrivManageAccess, PrivManageAccessHint},
        privilege! {"contacts", contact_updates, PrivContactUpdates, PrivContactUpdatesHint},
        privilege! {"documents", documents, PrivDocuments, PrivDocumentsHint},
    );
    let sec_id = format!("{prefix}-secondary");
    view! {
        <fieldset class="privileges">
            <legend>{tr(P::ColPrivileges)}</legend>
            <div class="priv-grid">{choices}</div>
            <div class="field check">
                <input
                    id=sec_id.clone()
                    type="checkbox"
                    prop:checked=move || secondary.get()
                    on:change=move |ev| secondary.set(event_target_checked(&ev))
                />
                <label for=sec_id>{tr(P::FieldSecondary)}</label>
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
