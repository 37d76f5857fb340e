//! Form fields. Each has a visible label, an optional hint and an error message
//! wired with `aria-describedby` / `aria-invalid`; a failed submit moves focus to the
//! first invalid field. Typing in a field clears only that field's error.
use crate::ui::{after_paint, app, dispatch, focus_soon, Failure};
use leptos::prelude::*;
use onboard_core::i18n::{Lang, Text, T};
use onboard_core::words::field_error;
use onboard_core::{Command, DomainError, Field, FieldError, Reply};

pub type Errors = RwSignal<Vec<(Field, FieldError)>>;

/// A message for the whole form: an error, or a success notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Alert {
    Failure(Failure),
    Notice(Text, Vec<String>),
    Error(Text, Vec<String>),
}

/// The state of one form: field errors, the alert, and whether it is working.
#[derive(Clone, Copy)]
pub struct FormState {
    pub errors: Errors,
    pub alert: RwSignal<Option<Alert>>,
    pub busy: RwSignal<bool>,
}

impl Default for FormState {
    fn default() -> Self {
        FormState::new()
    }
}

impl FormState {
    pub fn new() -> FormState {
        FormState {
            errors: RwSignal::new(Vec::new()),
            alert: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }
    /// Shows a failure: field errors by their fields (focus on the first), others in the alert.
    pub fn fail(&self, f: Failure) {
        self.busy.set(false);
        match f {
            Failure::Domain(DomainError::Invalid(v)) => {
                let n = v.len();
                self.errors.set(v);
                self.alert.set(Some(Alert::Notice(
                    T::FormHasErrors.into(),
                    vec![n.to_string()],
                )));
                // Every field a command can name has its input on the page that sends
                // it; should one not, the summary itself gets the focus, not nothing.
                focus_soon("[aria-invalid='true'], .form-alert.error");
            }
            other => {
                self.errors.set(Vec::new());
                self.alert.set(Some(Alert::Failure(other)));
                focus_soon(".form-alert");
            }
        }
    }
    pub fn notice(&self, key: impl Into<Text>, args: Vec<String>) {
        self.busy.set(false);
        self.errors.set(Vec::new());
        self.alert.set(Some(Alert::Notice(key.into(), args)));
        focus_soon(".form-alert");
    }
    /// An error message with one detail (e.g. why an import failed).
    pub fn fail_text(&self, key: impl Into<Text>, detail: String) {
        self.busy.set(false);
        self.errors.set(Vec::new());
        self.alert.set(Some(Alert::Error(key.into(), vec![detail])));
        focus_soon(".form-alert");
    }
    pub fn clear(&self) {
        self.errors.set(Vec::new());
        self.alert.set(None);
    }
    /// Sends `cmd` for this form: the one way a form submits. A second submit while one
    /// is on its way is ignored; earlier errors go; the busy state is painted before the
    /// work starts (hashing a password takes a moment); then `then` gets the reply, with
    /// the form no longer busy. Nothing typed is touched: a failure is for `then` to
    /// show (usually with [`FormState::fail`]: errors next to their fields, focus on the
    /// first; `Failure::Unavailable` in the alert).
    pub fn send(self, cmd: Command, then: impl FnOnce(Result<Reply, Failure>) + 'static) {
        if self.busy.get_untracked() {
            return;
        }
        self.clear();
        self.busy.set(true);
        after_paint(move || {
            dispatch(cmd, move |reply| {
                self.busy.set(false);
                then(reply)
            })
        });
    }
}

impl FormState {
    /// [`FormState::send`] for the usual form: `ok` gets a reply the core accepted; a
    /// failure is shown by [`FormState::fail`] (errors next to their fields, focus on the
    /// first, nothing typed touched).
    pub fn run(self, cmd: Command, ok: impl FnOnce(Reply) + 'static) {
        self.send(cmd, move |reply| match reply {
            Ok(reply) => ok(reply),
            Err(f) => self.fail(f),
        })
    }
}

impl Alert {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Alert::Failure(f) => f.message(lang),
            Alert::Notice(k, args) | Alert::Error(k, args) => {
                let a: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
                k.fill(lang, &a)
            }
        }
    }
    pub fn is_error(&self) -> bool {
        match self {
            Alert::Failure(_) | Alert::Error(..) => true,
            Alert::Notice(k, _) => [T::FormHasErrors, T::ImportNoFile, T::ResetDataConfirm]
                .into_iter()
                .any(|t| Text::from(t) == *k),
        }
    }
}

/// The alert area of a form (announced by screen readers; focusable).
#[component]
pub fn FormAlert(form: FormState) -> impl IntoView {
    let lang = app().lang;
    move || {
        form.alert.get().map(|a| {
            let class = if a.is_error() {
                "form-alert error"
            } else {
                "form-alert ok"
            };
            let role = if a.is_error() { "alert" } else { "status" };
            view! {
                <div class=class role=role tabindex="-1">
                    {move || a.text(lang.get())}
                </div>
            }
        })
    }
}

pub fn field_id(field: Field) -> String {
    format!("f-{}", format!("{field:?}").to_lowercase())
}

fn error_of(errors: Errors, field: Field) -> Memo<Option<FieldError>> {
    Memo::new(move |_| errors.with(|v| v.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone())))
}

#[component]
fn Label(for_id: String, label: Text, required: bool) -> impl IntoView {
    let lang = app().lang;
    view! {
        <label for=for_id>
            {move || label.get(lang.get())}
            {(!required)
                .then(|| {
                    view! {
                        <span class="opt">" (" {move || T::Optional.get(lang.get())} ")"</span>
                    }
                })}
        </label>
    }
}

#[component]
fn Hint(id: String, hint: Option<Text>) -> impl IntoView {
    let lang = app().lang;
    hint.map(|h| {
        view! {
            <p class="hint" id=id>
                {move || h.get(lang.get())}
            </p>
        }
    })
}

#[component]
fn ErrorText(id: String, error: Memo<Option<FieldError>>) -> impl IntoView {
    let lang = app().lang;
    view! {
        <p class="field-error" id=id>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <span class="icon" aria-hidden="true">
                                "!"
                            </span>
                            {field_error(&e, lang.get())}
                        }
                    })
            }}
        </p>
    }
}

fn described_by(id: &str, hint: bool) -> String {
    if hint {
        format!("{id}-hint {id}-err")
    } else {
        format!("{id}-err")
    }
}

/// What every field shares around its input: the label, the hint, the error message
/// below, and the `invalid` class while the field has an error.
#[component]
fn FieldShell(
    id: String,
    label: Text,
    required: bool,
    hint: Option<Text>,
    error: Memo<Option<FieldError>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <Label for_id=id.clone() label=label required=required />
            <Hint id=format!("{id}-hint") hint=hint />
            {children()}
            <ErrorText id=format!("{id}-err") error=error />
        </div>
    }
}

/// `aria-invalid` of a field's input: "true" while it has an error.
fn aria_invalid(error: Memo<Option<FieldError>>) -> impl Fn() -> &'static str + Copy {
    move || {
        if error.get().is_some() {
            "true"
        } else {
            "false"
        }
    }
}

/// What typing in a text input does: the value follows, and only this field's error
/// goes.
fn on_typed(
    value: RwSignal<String>,
    errors: Errors,
    field: Field,
    error: Memo<Option<FieldError>>,
) -> impl Fn(leptos::ev::Event) + Copy {
    move |ev| {
        value.set(event_target_value(&ev));
        if error.get_untracked().is_some() {
            errors.update(|v| v.retain(|(f, _)| *f != field));
        }
    }
}

/// A new password and its confirmation, with the policy as the hint (creating an ID or
/// the operator account, resetting or changing a password).
#[component]
pub fn NewPassword(
    password: RwSignal<String>,
    confirm: RwSignal<String>,
    errors: Errors,
    #[prop(default = T::FieldPassword.into(), into)] label: Text,
) -> impl IntoView {
    view! {
        <TextField
            field=Field::Password
            label=label
            value=password
            errors=errors
            kind="password"
            autocomplete="new-password"
            hint=T::PasswordPolicy
        />
        <TextField
            field=Field::PasswordConfirm
            label=T::FieldPasswordConfirm
            value=confirm
            errors=errors
            kind="password"
            autocomplete="new-password"
        />
    }
}

/// A one-line text input.
#[component]
pub fn TextField(
    field: Field,
    #[prop(into)] label: Text,
    value: RwSignal<String>,
    errors: Errors,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<Text>,
    #[prop(default = true)] required: bool,
    #[prop(optional)] mono: bool,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// Overrides the field's own limit (`Field::max_len`, from the core).
    #[prop(optional)]
    maxlength: Option<u32>,
    /// Overrides the element id (when a page has several forms with this field).
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| field_id(field));
    let error = error_of(errors, field);
    let described = described_by(&id, hint.is_some());
    view! {
        <FieldShell id=id.clone() label=label required=required hint=hint error=error>
            <input
                id=id.clone()
                name=id.clone()
                type=kind
                class:mono=mono
                autocomplete=autocomplete
                inputmode=inputmode
                maxlength=maxlength.unwrap_or(field.max_len())
                aria-required=if required { "true" } else { "false" }
                aria-invalid=aria_invalid(error)
                aria-describedby=described
                prop:value=move || value.get()
                on:input=on_typed(value, errors, field, error)
            />
        </FieldShell>
    }
}

/// The text of a chosen file (UTF-8), or `None` when the browser cannot read it (moved,
/// deleted, no permission).
pub async fn file_text(file: web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
}

/// A file chooser with the same label, hint and error wiring as the other fields, so
/// an error about the file (none chosen, too large, unreadable) is shown and focused
/// next to it. The page reads the chosen file through `node_ref`.
#[component]
pub fn FileField(
    field: Field,
    #[prop(into)] label: Text,
    errors: Errors,
    node_ref: NodeRef<leptos::html::Input>,
    #[prop(optional, into)] hint: Option<Text>,
    #[prop(default = "")] accept: &'static str,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| field_id(field));
    let error = error_of(errors, field);
    let described = described_by(&id, hint.is_some());
    view! {
        <FieldShell id=id.clone() label=label required=true hint=hint error=error>
            <input
                id=id.clone()
                name=id.clone()
                type="file"
                accept=accept
                node_ref=node_ref
                aria-required="true"
                aria-invalid=aria_invalid(error)
                aria-describedby=described
                on:change=move |_| errors.update(|v| v.retain(|(f, _)| *f != field))
            />
        </FieldShell>
    }
}

/// A choice from a list: (value, label) pairs.
#[component]
pub fn SelectField(
    field: Field,
    #[prop(into)] label: Text,
    value: RwSignal<String>,
    errors: Errors,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] placeholder: Option<Text>,
    #[prop(optional, into)] hint: Option<Text>,
    #[prop(default = true)] required: bool,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let lang = app().lang;
    let id = id.unwrap_or_else(|| field_id(field));
    let error = error_of(errors, field);
    let described = described_by(&id, hint.is_some());
    view! {
        <FieldShell id=id.clone() label=label required=required hint=hint error=error>
            <select
                id=id.clone()
                name=id.clone()
                aria-required=if required { "true" } else { "false" }
                aria-invalid=aria_invalid(error)
                aria-describedby=described
                prop:value=move || value.get()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    errors.update(|v| v.retain(|(f, _)| *f != field));
                }
            >
                {placeholder
                    .map(|p| view! { <option value="">{move || p.get(lang.get())}</option> })}
                {move || {
                    let current = value.get_untracked();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v == current;
                            view! {
                                <option value=v selected=selected>
                                    {l}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </FieldShell>
    }
}

/// A multi-line text input.
#[component]
pub fn TextArea(
    field: Field,
    #[prop(into)] label: Text,
    value: RwSignal<String>,
    errors: Errors,
    #[prop(optional, into)] hint: Option<Text>,
    #[prop(default = true)] required: bool,
    /// Overrides the field's own limit (`Field::max_len`, from the core).
    #[prop(optional)]
    maxlength: Option<u32>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| field_id(field));
    let error = error_of(errors, field);
    let described = described_by(&id, hint.is_some());
    view! {
        <FieldShell id=id.clone() label=label required=required hint=hint error=error>
            <textarea
                id=id.clone()
                name=id.clone()
                rows="4"
                maxlength=maxlength.unwrap_or(field.max_len())
                aria-required=if required { "true" } else { "false" }
                aria-invalid=aria_invalid(error)
                aria-describedby=described
                prop:value=move || value.get()
                on:input=on_typed(value, errors, field, error)
            ></textarea>
        </FieldShell>
    }
}

/// A check box with its label to the right.
#[component]
pub fn CheckField(
    field: Field,
    #[prop(into)] label: Text,
    checked: RwSignal<bool>,
    errors: Errors,
    #[prop(optional, into)] hint: Option<Text>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let lang = app().lang;
    let id = id.unwrap_or_else(|| field_id(field));
    let error = error_of(errors, field);
    view! {
        <div class="field check" class:invalid=move || error.get().is_some()>
            <Hint id=format!("{id}-hint") hint=hint />
            <input
                id=id.clone()
                name=id.clone()
                type="checkbox"
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by(&id, hint.is_some())
                prop:checked=move || checked.get()
                on:change=move |ev| {
                    checked.set(event_target_checked(&ev));
                    errors.update(|v| v.retain(|(f, _)| *f != field));
                }
            />
            <label for=id.clone()>{move || label.get(lang.get())}</label>
            <ErrorText id=format!("{id}-err") error=error />
        </div>
    }
}

/// The submit button: disabled and saying "Working…" while busy.
#[component]
pub fn Submit(
    form: FormState,
    #[prop(into)] label: Text,
    #[prop(optional, into)] busy_label: Option<Text>,
) -> impl IntoView {
    let lang = app().lang;
    view! {
        <button
            type="submit"
            class="primary"
            disabled=move || form.busy.get()
            aria-disabled=move || if form.busy.get() { "true" } else { "false" }
        >
            {move || {
                if form.busy.get() {
                    busy_label.unwrap_or(T::Working.into()).get(lang.get())
                } else {
                    label.get(lang.get())
                }
            }}
        </button>
    }
}

/// The submit button and a Cancel button that closes the form without sending it.
#[component]
pub fn SubmitCancel(
    form: FormState,
    #[prop(into)] label: Text,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let lang = app().lang;
    view! {
        <div class="actions">
            <Submit form=form label=label />
            <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>
                {move || T::Cancel.get(lang.get())}
            </button>
        </div>
    }
}

/// Options for the country select, in the current language.
pub fn country_options() -> Signal<Vec<(String, String)>> {
    let lang = app().lang;
    Signal::derive(move || {
        let l = lang.get();
        onboard_core::text::COUNTRIES
            .iter()
            .map(|(c, ja, en)| {
                (
                    c.to_string(),
                    if l == Lang::Ja { ja } else { en }.to_string(),
                )
            })
            .collect()
    })
}

pub fn lang_options() -> Signal<Vec<(String, String)>> {
    Signal::derive(|| {
        Lang::ALL
            .iter()
            .map(|l| (l.code().to_string(), l.native_name().to_string()))
            .collect()
    })
}

/// An email address (`Field::Email`): the label "Email" and the browser's own address
/// unless told otherwise.
#[component]
pub fn EmailField(
    value: RwSignal<String>,
    errors: Errors,
    #[prop(default = T::FieldEmail.into(), into)] label: Text,
    #[prop(default = "email")] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<Text>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    TextField(TextFieldProps {
        field: Field::Email,
        label,
        value,
        errors,
        kind: "email",
        autocomplete,
        hint,
        required: true,
        mono: false,
        inputmode: None,
        maxlength: None,
        id,
    })
}

/// The country or region (`Field::Country`), from the list every form offers.
#[component]
pub fn CountryField(
    value: RwSignal<String>,
    errors: Errors,
    #[prop(optional, into)] placeholder: Option<Text>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    SelectField(SelectFieldProps {
        field: Field::Country,
        label: T::FieldCountry.into(),
        value,
        errors,
        options: country_options(),
        placeholder,
        hint: None,
        required: true,
        id,
    })
}

/// The language mail is written in (`Field::MailLang`).
#[component]
pub fn MailLangField(
    value: RwSignal<String>,
    errors: Errors,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    SelectField(SelectFieldProps {
        field: Field::MailLang,
        label: T::FieldMailLang.into(),
        value,
        errors,
        options: lang_options(),
        placeholder: None,
        hint: None,
        required: true,
        id,
    })
}

/// A Japanese-style address: postal code and prefecture side by side, then the city and
/// the street (enrolling a site, a partner's head office, a location).
#[component]
pub fn AddressFields(
    postal: RwSignal<String>,
    prefecture: RwSignal<String>,
    city: RwSignal<String>,
    street: RwSignal<String>,
    errors: Errors,
    #[prop(default = true)] prefecture_required: bool,
) -> impl IntoView {
    view! {
        <div class="row">
            <TextField
                field=Field::PostalCode
                label=T::FieldPostalCode
                value=postal
                errors=errors
                autocomplete="postal-code"
            />
            <TextField
                field=Field::Prefecture
                label=T::FieldPrefecture
                value=prefecture
                errors=errors
                autocomplete="address-level1"
                required=prefecture_required
            />
        </div>
        <TextField
            field=Field::City
            label=T::FieldCity
            value=city
            errors=errors
            autocomplete="address-level2"
        />
        <TextField
            field=Field::Street
            label=T::FieldStreet
            value=street
            errors=errors
            autocomplete="address-line1"
        />
    }
}
