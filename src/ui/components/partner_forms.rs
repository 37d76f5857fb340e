//! Form pieces of the partner program: check-box groups over the choice lists, the
//! company-profile fields (the application and "edit the company") and the
//! employee-profile fields (used by the wizard, joining, adding and "my profile").
use super::form::{
    error_of, CheckField, CountryField, ErrorText, FormState, MailLangField, OptionalMark,
    PhoneField, SelectField, TextField,
};
use crate::ui::pages::create_id::NameFields;
use crate::ui::{app, tr};
use leptos::prelude::*;
use onboard_core::i18n::{Lang, P};
use onboard_core::partner::{
    Choice, CompanyProfile, EmployeeProfile, BUSINESS_MODELS, COMPANY_SIZES, INDUSTRIES,
    JOB_FUNCTIONS, PRODUCTS,
};
use onboard_core::partner_commands::{CompanyInput, ProfileInput};
use onboard_core::words::field_label;
use onboard_core::Field;

/// Check boxes for a choice list, in a fieldset with its legend and error.
#[component]
pub fn CheckGroup(
    field: Field,
    /// The field's own name (`words::field_label`) unless given.
    #[prop(optional, into)]
    label: Option<onboard_core::i18n::Text>,
    list: &'static [Choice],
    value: RwSignal<Vec<String>>,
    form: FormState,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let errors = form.errors;
    let lang = app().lang;
    let id = format!("g-{}", format!("{field:?}").to_lowercase());
    let err_id = format!("{id}-err");
    let err_id2 = err_id.clone();
    let label = label.unwrap_or_else(|| field_label(field).into());
    let error = error_of(errors, field);
    view! {
        <fieldset
            class="field group"
            class:invalid=move || error.get().is_some()
            id=id.clone()
            aria-describedby=err_id.clone()
            aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
            tabindex="-1"
        >
            <legend>{tr(label)} <OptionalMark required /></legend>
            <div class="checks">
                {list
                    .iter()
                    .map(|(key, ja, en)| {
                        let cid = format!("{id}-{key}");
                        let k = key.to_string();
                        let k2 = k.clone();
                        view! {
                            <span class="check-item">
                                <input
                                    type="checkbox"
                                    id=cid.clone()
                                    prop:checked=move || value.with(|v| v.contains(&k))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        value
                                            .update(|v| {
                                                v.retain(|x| x != &k2);
                                                if on {
                                                    v.push(k2.clone());
                                                }
                                            });
                                        errors.update(|v| v.retain(|(f, _)| *f != field));
                                    }
                                />
                                <label for=cid>
                                    {move || if lang.get() == Lang::Ja { *ja } else { *en }}
                                </label>
                            </span>
                        }
                    })
                    .collect_view()}
            </div>
            <ErrorText id=err_id2 error />
        </fieldset>
    }
}

/// Options of a choice list for a select, in the current language.
pub fn choice_options(list: &'static [Choice]) -> Signal<Vec<(String, String)>> {
    let lang = app().lang;
    Signal::derive(move || {
        list.iter()
            .map(|(k, ja, en)| {
                (
                    k.to_string(),
                    if lang.get() == Lang::Ja { ja } else { en }.to_string(),
                )
            })
            .collect()
    })
}

/// A company profile's own fields as typed (the country and the head office are the
/// application's alone).
#[derive(Clone, Copy)]
pub struct CompanySignals {
    pub legal_name: RwSignal<String>,
    pub web: RwSignal<String>,
    pub models: RwSignal<Vec<String>>,
    pub products: RwSignal<Vec<String>>,
    pub size: RwSignal<String>,
    pub directory: RwSignal<bool>,
}

impl CompanySignals {
    pub fn new(from: Option<&CompanyProfile>) -> CompanySignals {
        let text = |f: fn(&CompanyProfile) -> &String| from.map(f).cloned().unwrap_or_default();
        let list =
            |f: fn(&CompanyProfile) -> &Vec<String>| from.map(f).cloned().unwrap_or_default();
        CompanySignals {
            legal_name: RwSignal::new(text(|c| &c.legal_name)),
            web: RwSignal::new(text(|c| &c.web)),
            models: RwSignal::new(list(|c| &c.models)),
            products: RwSignal::new(list(|c| &c.products)),
            size: RwSignal::new(text(|c| &c.size)),
            directory: RwSignal::new(from.is_some_and(|c| c.directory)),
        }
    }
    /// These fields of a `CompanyInput`; the rest stays empty.
    pub fn input(&self) -> CompanyInput {
        CompanyInput {
            legal_name: self.legal_name.get_untracked(),
            web: self.web.get_untracked(),
            models: self.models.get_untracked(),
            products: self.products.get_untracked(),
            size: self.size.get_untracked(),
            directory: self.directory.get_untracked(),
            ..CompanyInput::default()
        }
    }
}

/// The company profile's fields; `country`, when given, is asked after the legal name.
#[component]
pub fn CompanyFields(
    c: CompanySignals,
    form: FormState,
    #[prop(optional)] country: Option<RwSignal<String>>,
) -> impl IntoView {
    let country = country.map(|value| {
        view! { <CountryField value form /> }
    });
    view! {
        <TextField field=Field::LegalName value=c.legal_name form autocomplete="organization" />
        {country}
        <TextField field=Field::Web value=c.web form kind="url" autocomplete="url" required=false />
        <CheckGroup field=Field::Models list=BUSINESS_MODELS value=c.models form required=true />
        <CheckGroup field=Field::Products list=PRODUCTS value=c.products form />
        <SelectField
            field=Field::Size
            value=c.size
            form
            options=choice_options(COMPANY_SIZES)
            placeholder=P::Choose
        />
        <CheckField field=Field::Directory checked=c.directory form id="f-directory" />
    }
}

/// The signals of an employee-profile form.
#[derive(Clone, Copy)]
pub struct ProfileSignals {
    pub family: RwSignal<String>,
    pub given: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub functions: RwSignal<Vec<String>>,
    pub mail_lang: RwSignal<String>,
    pub interests: RwSignal<Vec<String>>,
    pub industries: RwSignal<Vec<String>>,
}

impl ProfileSignals {
    pub fn new(from: Option<&EmployeeProfile>, names: Option<(String, String)>) -> ProfileSignals {
        let lang = app().lang.get_untracked();
        let (f, g) = match (from, names) {
            (Some(p), _) => (p.family.as_str().to_string(), p.given.as_str().to_string()),
            (None, Some(n)) => n,
            (None, None) => (String::new(), String::new()),
        };
        ProfileSignals {
            family: RwSignal::new(f),
            given: RwSignal::new(g),
            phone: RwSignal::new(from.map(|p| p.phone.clone()).unwrap_or_default()),
            functions: RwSignal::new(from.map(|p| p.functions.clone()).unwrap_or_default()),
            mail_lang: RwSignal::new(from.map(|p| p.mail_lang).unwrap_or(lang).code().to_string()),
            interests: RwSignal::new(from.map(|p| p.interests.clone()).unwrap_or_default()),
            industries: RwSignal::new(from.map(|p| p.industries.clone()).unwrap_or_default()),
        }
    }
    pub fn input(&self) -> ProfileInput {
        ProfileInput {
            family: self.family.get_untracked(),
            given: self.given.get_untracked(),
            phone: self.phone.get_untracked(),
            functions: self.functions.get_untracked(),
            mail_lang: Lang::parse(&self.mail_lang.get_untracked()).unwrap_or_default(),
            interests: self.interests.get_untracked(),
            industries: self.industries.get_untracked(),
        }
    }
}

#[component]
pub fn ProfileFields(p: ProfileSignals, form: FormState) -> impl IntoView {
    view! {
        <NameFields family=p.family given=p.given form />
        <PhoneField value=p.phone form />
        <CheckGroup
            field=Field::Functions
            list=JOB_FUNCTIONS
            value=p.functions
            form
            required=true
        />
        <MailLangField value=p.mail_lang form />
        <CheckGroup field=Field::Interests list=PRODUCTS value=p.interests form />
        <CheckGroup field=Field::Industries list=INDUSTRIES value=p.industries form />
    }
}
