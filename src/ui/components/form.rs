//! Form fields. Each has a visible label, an optional hint and an error message
//! wired with `aria-describedby` / `aria-invalid`; a failed submit moves focus to the
//! first invalid field. Typing in a field clears only that field's error.
use super::widgets::PageTitle;
use crate::ui::tr;
use crate::ui::{after_paint, app, dispatch, focus_soon, Failure};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{Lang, Text, P, T};
use onboard_core::partner::LocationAddress;
use onboard_core::words::{field_error, field_label};
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
    /// This form's alert once shown: a message takes the focus to its own form's
    /// alert, never to another's left on the page (a list of forms, a page's notice).
    node: NodeRef<leptos::html::Div>,
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
            node: NodeRef::new(),
        }
    }
    /// Moves the focus to this form's first field in error once it is drawn: the first
    /// beside its alert (the form's own, where a page repeats a form), else the first on
    /// the page, else the alert.
    fn focus_first_error(&self) {
        let node = self.node;
        request_animation_frame(move || {
            let alert = node.try_get_untracked().flatten();
            let own = alert
                .as_ref()
                .and_then(|a| a.parent_element())
                .and_then(|p| p.query_selector("[aria-invalid='true']").ok().flatten());
            match own.and_then(|f| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(f).ok()) {
                Some(field) => {
                    let _ = field.focus();
                }
                None => focus_soon("[aria-invalid='true'], .form-alert.error"),
            }
        });
    }
    /// Moves the focus to this form's alert once it is drawn (the first on the page,
    /// should this one not be there).
    fn focus_alert(&self) {
        let node = self.node;
        request_animation_frame(move || match node.try_get_untracked().flatten() {
            Some(el) => {
                let _ = el.focus();
            }
            None => focus_soon(".form-alert"),
        });
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
                self.focus_first_error();
            }
            other => {
                self.errors.set(Vec::new());
                self.alert.set(Some(Alert::Failure(other)));
                self.focus_alert();
            }
        }
    }
    pub fn notice(&self, key: impl Into<Text>, args: Vec<String>) {
        self.busy.set(false);
        self.errors.set(Vec::new());
        self.alert.set(Some(Alert::Notice(key.into(), args)));
        self.focus_alert();
    }
    /// An error message with one detail (e.g. why an import failed).
    pub fn fail_text(&self, key: impl Into<Text>, detail: String) {
        self.busy.set(false);
        self.errors.set(Vec::new());
        self.alert.set(Some(Alert::Error(key.into(), vec![detail])));
        self.focus_alert();
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
        // Accepted, the form it came from no longer asks before leaving (others do).
        let origin = crate::ui::leave::origin();
        after_paint(move || {
            dispatch(cmd, move |reply| {
                self.busy.set(false);
                if reply.is_ok() {
                    crate::ui::leave::sent(&origin);
                }
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
                <div class=class role=role tabindex="-1" node_ref=form.node>
                    {move || a.text(lang.get())}
                </div>
            }
        })
    }
}

pub fn field_id(field: Field) -> String {
    format!("f-{}", format!("{field:?}").to_lowercase())
}

/// The error the last submit found in `field`, if any.
pub(super) fn error_of(errors: Errors, field: Field) -> Memo<Option<FieldError>> {
    Memo::new(move |_| errors.with(|v| v.iter().find(|(f, _)| *f == field).map(|(_, e)| e.clone())))
}

/// What ties a field's input to its label, hint and error message: the element id, the
/// label (the field's own name unless a page says otherwise), the error and the ids the
/// input is described by.
#[derive(Clone)]
struct Wiring {
    field: Field,
    /// The form's errors (this field's is `error`).
    errors: Errors,
    id: String,
    label: Text,
    hint: Option<Text>,
    error: Memo<Option<FieldError>>,
    described: String,
}

impl Wiring {
    fn new(
        field: Field,
        label: Option<Text>,
        hint: Option<Text>,
        errors: Errors,
        id: Option<String>,
    ) -> Wiring {
        let id = id.unwrap_or_else(|| field_id(field));
        let described = if hint.is_some() {
            format!("{id}-hint {id}-err")
        } else {
            format!("{id}-err")
        };
        Wiring {
            field,
            errors,
            label: label.unwrap_or_else(|| field_label(field).into()),
            error: error_of(errors, field),
            id,
            hint,
            described,
        }
    }
    /// `aria-invalid` of the input: "true" while the field has an error.
    fn invalid(&self) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let error = self.error;
        move || yes_no(error.get().is_some())
    }
    /// What every kind of input carries: its id and name, whether it is required and
    /// invalid, and what describes it (the hint and the error).
    fn attrs(&self, required: bool) -> impl leptos::attr::Attribute {
        view! {
            <{..}
                id=self.id.clone()
                name=self.id.clone()
                aria-required=yes_no(required)
                aria-invalid=self.invalid()
                aria-describedby=self.described.clone()
            />
        }
    }
    /// What a change of the input does to the form's errors: this field's goes, the
    /// others stay.
    fn clear_error(&self) -> impl Fn() + Copy + Send + Sync + 'static {
        let (errors, field, error) = (self.errors, self.field, self.error);
        move || {
            if error.get_untracked().is_some() {
                errors.update(|v| v.retain(|(f, _)| *f != field));
            }
        }
    }
    /// What a text input carries besides [`Wiring::attrs`]: its length limit, its
    /// value, and typing (the value follows, this field's error goes).
    fn typed(
        &self,
        required: bool,
        value: RwSignal<String>,
        maxlength: u32,
    ) -> impl leptos::attr::Attribute {
        let clear = self.clear_error();
        (
            self.attrs(required),
            view! {
                <{..}
                    maxlength=maxlength
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        value.set(event_target_value(&ev));
                        clear();
                    }
                />
            },
        )
    }
}

/// " (optional)" after the label of a field that may stay empty.
#[component]
pub(super) fn OptionalMark(required: bool) -> impl IntoView {
    (!required).then(|| {
        view! { <span class="opt">" (" {tr(T::Optional)} ")"</span> }
    })
}

#[component]
fn Hint(id: String, hint: Option<Text>) -> impl IntoView {
    hint.map(|h| {
        view! {
            <p class="hint" id=id>
                {tr(h)}
            </p>
        }
    })
}

/// The message under a field while it has an error (`id` is what the input's
/// `aria-describedby` names).
#[component]
pub(super) fn ErrorText(id: String, error: Memo<Option<FieldError>>) -> impl IntoView {
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

/// What every field shares around its input: the label, the hint, the error message
/// below, and the `invalid` class while the field has an error.
#[component]
fn FieldShell(w: Wiring, required: bool, children: Children) -> impl IntoView {
    let (id, label, error) = (w.id, w.label, w.error);
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{tr(label)} <OptionalMark required /></label>
            <Hint id=format!("{id}-hint") hint=w.hint />
            {children()}
            <ErrorText id=format!("{id}-err") error />
        </div>
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// A new password and its confirmation, with the policy as the hint (creating an ID or
/// the operator account, resetting or changing a password).
#[component]
pub fn NewPassword(
    password: RwSignal<String>,
    confirm: RwSignal<String>,
    form: FormState,
    #[prop(optional, into)] label: Option<Text>,
) -> impl IntoView {
    view! {
        <PasswordField
            field=Field::Password
            label=label.unwrap_or(T::FieldPassword.into())
            value=password
            form
            autocomplete="new-password"
            hint=T::PasswordPolicy
        />
        <PasswordField
            field=Field::PasswordConfirm
            value=confirm
            form
            autocomplete="new-password"
        />
    }
}

/// A password input with a "Show" / "Hide" button after it (as GOV.UK's password
/// input): a person on a phone can check what they typed. A screen reader hears the
/// change; the password is hidden again when the form is sent (not left readable on
/// the screen).
#[component]
fn PasswordField(
    field: Field,
    #[prop(optional, into)] label: Option<Text>,
    value: RwSignal<String>,
    form: FormState,
    autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<Text>,
) -> impl IntoView {
    let w = Wiring::new(field, label, hint, form.errors, None);
    let id = w.id.clone();
    // None until the button is first pressed (nothing to announce before).
    let shown: RwSignal<Option<bool>> = RwSignal::new(None);
    let visible = move || shown.get() == Some(true);
    Effect::new(move || {
        if form.busy.get() && shown.get_untracked() == Some(true) {
            shown.set(Some(false));
        }
    });
    view! {
        <FieldShell w=w.clone() required=true>
            <div class="password-input">
                <input
                    {..w.typed(true, value, field.max_len())}
                    type=move || if visible() { "text" } else { "password" }
                    autocomplete=autocomplete
                    autocapitalize="none"
                    spellcheck="false"
                />
                <button
                    type="button"
                    class="small"
                    aria-controls=id
                    aria-label=move || {
                        tr(if visible() { T::PasswordHideName } else { T::PasswordShowName })()
                    }
                    on:click=move |_| shown.set(Some(!visible()))
                >
                    {move || tr(if visible() { T::PasswordHide } else { T::PasswordShow })()}
                </button>
            </div>
            <span class="visually-hidden" aria-live="polite">
                {move || match shown.get() {
                    Some(true) => tr(T::PasswordShown)(),
                    Some(false) => tr(T::PasswordHidden)(),
                    None => "",
                }}
            </span>
        </FieldShell>
    }
}

/// A number people copy from a mail (a site or customer number): monospace, with the
/// numeric keypad on a phone.
#[component]
pub fn NumberField(
    field: Field,
    value: RwSignal<String>,
    form: FormState,
    #[prop(default = true)] required: bool,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| field_id(field));
    view! { <TextField field value form required id inputmode="numeric" mono=true /> }
}

/// The password a person has now (signing in): `Field::Password`, or the field given.
#[component]
pub fn CurrentPassword(
    value: RwSignal<String>,
    form: FormState,
    #[prop(default = Field::Password)] field: Field,
) -> impl IntoView {
    view! { <PasswordField field value form autocomplete="current-password" /> }
}

/// A text input: one line, or `rows` lines (a `textarea`) when given.
#[component]
pub fn TextField(
    field: Field,
    /// The field's own name (`words::field_label`) unless given.
    #[prop(optional, into)]
    label: Option<Text>,
    value: RwSignal<String>,
    form: FormState,
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
    /// A multi-line input of this many rows.
    #[prop(optional)]
    rows: Option<u32>,
) -> impl IntoView {
    let w = Wiring::new(field, label, hint, form.errors, id);
    let attrs = w.typed(required, value, maxlength.unwrap_or(field.max_len()));
    let input = match rows {
        Some(rows) => view! { <textarea {..attrs} rows=rows></textarea> }.into_any(),
        None => view! {
            <input
                {..attrs}
                type=kind
                class:mono=mono
                autocomplete=autocomplete
                inputmode=inputmode
            />
        }
        .into_any(),
    };
    view! {
        <FieldShell w required>
            {input}
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
    #[prop(optional, into)] label: Option<Text>,
    form: FormState,
    node_ref: NodeRef<leptos::html::Input>,
    #[prop(optional, into)] hint: Option<Text>,
    #[prop(default = "")] accept: &'static str,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let w = Wiring::new(field, label, hint, form.errors, id);
    let (attrs, clear) = (w.attrs(true), w.clear_error());
    view! {
        <FieldShell w required=true>
            <input
                {..attrs}
                type="file"
                accept=accept
                node_ref=node_ref
                on:change=move |_| clear()
            />
        </FieldShell>
    }
}

/// A choice from a list: (value, label) pairs.
#[component]
pub fn SelectField(
    field: Field,
    #[prop(optional, into)] label: Option<Text>,
    value: RwSignal<String>,
    form: FormState,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional, into)] placeholder: Option<Text>,
    #[prop(optional, into)] hint: Option<Text>,
    #[prop(default = true)] required: bool,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let w = Wiring::new(field, label, hint, form.errors, id);
    let (attrs, clear) = (w.attrs(required), w.clear_error());
    view! {
        <FieldShell w required>
            <select
                {..attrs}
                prop:value=move || value.get()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    clear();
                }
            >
                {placeholder.map(|p| view! { <option value="">{tr(p)}</option> })}
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

/// A check box with its label to the right.
#[component]
pub fn CheckField(
    field: Field,
    #[prop(optional, into)] label: Option<Text>,
    checked: RwSignal<bool>,
    form: FormState,
    #[prop(optional, into)] hint: Option<Text>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let w = Wiring::new(field, label, hint, form.errors, id);
    let (id, error, label, invalid) = (w.id.clone(), w.error, w.label, w.invalid());
    let clear = w.clear_error();
    view! {
        <div class="field check" class:invalid=move || error.get().is_some()>
            <Hint id=format!("{id}-hint") hint=w.hint />
            <input
                id=id.clone()
                name=id.clone()
                type="checkbox"
                aria-invalid=invalid
                aria-describedby=w.described
                prop:checked=move || checked.get()
                on:change=move |ev| {
                    checked.set(event_target_checked(&ev));
                    clear();
                }
            />
            <label for=id.clone()>{tr(label)}</label>
            <ErrorText id=format!("{id}-err") error />
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
    view! {
        <div class="actions">
            <Submit form label />
            <button
                type="button"
                class="secondary"
                on:click=move |_| {
                    crate::ui::leave::sent(&crate::ui::leave::origin());
                    on_cancel.run(())
                }
            >
                {tr(T::Cancel)}
            </button>
        </div>
    }
}

/// A page that is one form: its heading (`title`), the `intro` above the form, the
/// alert, the form's own contents (`children`: fields and buttons), and `after` it
/// (links elsewhere). `free`: leaving it with something typed does not ask (see
/// `ui::leave`; a sign-in, a code).
#[component]
pub fn FormPage(
    #[prop(into)] title: Text,
    #[prop(into)] intro: Text,
    form: FormState,
    #[prop(into)] on_submit: Callback<SubmitEvent>,
    #[prop(optional, into)] after: ViewFnOnce,
    #[prop(optional)] free: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="narrow">
            <PageTitle key=title />
            <p>{tr(intro)}</p>
            <form
                on:submit=move |ev| on_submit.run(ev)
                novalidate
                data-leave=free.then_some("free")
            >
                <FormAlert form />
                {children()}
            </form>
            {after.run()}
        </section>
    }
}

/// A form page's note for someone already signed in (`text` names their email as
/// `{0}`): what sending the form does to that session. Nothing when nobody is. In
/// shared mode, after a reload, the account is signed in before its ID is read: it is
/// named as the header names it meanwhile.
#[component]
pub fn SignedInNote(text: P) -> impl IntoView {
    let lang = app().lang;
    let me = crate::ui::pages::my_email();
    let reading = crate::ui::pages::reading();
    move || {
        let email = me
            .get()
            .map(|e| e.to_string())
            .or_else(|| reading.get().map(|r| r.email))?;
        Some(view! { <p class="note">{move || text.fill(lang.get(), &[email.as_str()])}</p> })
    }
}

/// A form in a panel of its page: its heading (`title`, with `about`, what it acts on,
/// after a colon), a `hint` under it, the alert, the fields, and the submit button
/// (`submit`) with a Cancel that closes the panel (`on_cancel`).
#[component]
pub fn PanelForm(
    #[prop(default = "panel-form")] id: &'static str,
    form: FormState,
    #[prop(into)] title: Text,
    #[prop(default = None)] about: Option<String>,
    #[prop(default = None)] hint: Option<Text>,
    #[prop(into)] submit: Text,
    #[prop(into)] on_submit: Callback<SubmitEvent>,
    on_cancel: Callback<()>,
    children: Children,
) -> impl IntoView {
    let lang = app().lang;
    let heading = move || match &about {
        Some(about) => format!("{}: {about}", title.get(lang.get())),
        None => title.get(lang.get()).to_string(),
    };
    view! {
        <form id=id class="panel" on:submit=move |ev| on_submit.run(ev) novalidate>
            <h2>{heading}</h2>
            {hint.map(|h| view! { <p class="hint">{tr(h)}</p> })}
            <FormAlert form />
            {children()}
            <SubmitCancel form label=submit on_cancel />
        </form>
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
    form: FormState,
    #[prop(optional, into)] label: Option<Text>,
    #[prop(default = "email")] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<Text>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    TextField(TextFieldProps {
        field: Field::Email,
        label,
        value,
        form,
        kind: "email",
        autocomplete,
        hint,
        required: true,
        mono: false,
        inputmode: None,
        maxlength: None,
        id,
        rows: None,
    })
}

/// The country or region (`Field::Country`), from the list every form offers.
#[component]
pub fn CountryField(
    value: RwSignal<String>,
    form: FormState,
    #[prop(optional, into)] placeholder: Option<Text>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    SelectField(SelectFieldProps {
        field: Field::Country,
        label: None,
        value,
        form,
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
    form: FormState,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    SelectField(SelectFieldProps {
        field: Field::MailLang,
        label: None,
        value,
        form,
        options: lang_options(),
        placeholder: None,
        hint: None,
        required: true,
        id,
    })
}

/// What a person types into an address: the signals behind [`AddressFields`].
#[derive(Clone, Copy)]
pub struct AddressInput {
    pub postal: RwSignal<String>,
    pub prefecture: RwSignal<String>,
    pub city: RwSignal<String>,
    pub street: RwSignal<String>,
    pub phone: RwSignal<String>,
}

impl AddressInput {
    /// The inputs filled with `a` (empty for `None`).
    pub fn of(a: Option<&LocationAddress>) -> AddressInput {
        let get = |f: fn(&LocationAddress) -> &String| {
            RwSignal::new(a.map(f).cloned().unwrap_or_default())
        };
        AddressInput {
            postal: get(|a| &a.postal),
            prefecture: get(|a| &a.prefecture),
            city: get(|a| &a.city),
            street: get(|a| &a.street),
            phone: get(|a| &a.phone),
        }
    }
    /// What is typed now (as the commands take it, unparsed).
    pub fn value(&self) -> LocationAddress {
        LocationAddress {
            postal: self.postal.get_untracked(),
            prefecture: self.prefecture.get_untracked(),
            city: self.city.get_untracked(),
            street: self.street.get_untracked(),
            phone: self.phone.get_untracked(),
        }
    }
    /// Empties every input (after a successful submit).
    pub fn clear(&self) {
        for s in [
            self.postal,
            self.prefecture,
            self.city,
            self.street,
            self.phone,
        ] {
            s.set(String::new());
        }
    }
}

/// A Japanese-style address: postal code and prefecture side by side, then the city and
/// the street, and the phone number when `phone` (enrolling a site, a partner's head
/// office, a location).
#[component]
pub fn AddressFields(
    address: AddressInput,
    form: FormState,
    #[prop(default = true)] prefecture_required: bool,
    #[prop(optional)] phone: bool,
) -> impl IntoView {
    let a = address;
    view! {
        <div class="row">
            <TextField field=Field::PostalCode value=a.postal form autocomplete="postal-code" />
            <TextField
                field=Field::Prefecture
                value=a.prefecture
                form
                autocomplete="address-level1"
                required=prefecture_required
            />
        </div>
        <TextField field=Field::City value=a.city form autocomplete="address-level2" />
        <TextField field=Field::Street value=a.street form autocomplete="address-line1" />
        {phone.then(|| view! { <PhoneField value=a.phone form /> })}
    }
}

/// A telephone number (`Field::Phone`).
#[component]
pub fn PhoneField(value: RwSignal<String>, form: FormState) -> impl IntoView {
    let (field, kind) = (Field::Phone, "tel");
    view! { <TextField field value form kind autocomplete=kind /> }
}

/// Text typed in a list's rows and not sent, by the row's key (a reference, a
/// number): it outlives a row that leaves the list shown (another page, status or
/// filter) and is there again when the row comes back.
#[derive(Clone, Copy)]
pub struct Drafts(StoredValue<std::collections::HashMap<String, String>>);

impl Default for Drafts {
    fn default() -> Drafts {
        Drafts(StoredValue::new(Default::default()))
    }
}

impl Drafts {
    /// The text of `key`'s row: what was kept for it, then kept as it is typed.
    pub fn of(self, key: &str) -> RwSignal<String> {
        let text = RwSignal::new(
            self.0
                .with_value(|d| d.get(key).cloned().unwrap_or_default()),
        );
        let key = key.to_string();
        Effect::new(move |_| {
            let typed = text.get();
            self.0.update_value(|d| {
                if typed.is_empty() {
                    d.remove(&key);
                } else {
                    d.insert(key.clone(), typed);
                }
            })
        });
        text
    }
}
