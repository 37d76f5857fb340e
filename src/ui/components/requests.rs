//! What the pages of both portals do with waiting requests: the asker withdraws one,
//! and a decider's visit expires the overdue ones. The rules (who may, what is overdue)
//! are the core's; these only send its commands and say what happened.
use super::form::{FormAlert, FormState, PanelForm, TextField};
use super::widgets::OpenPanel;
use crate::ui::app;
use crate::ui::tr;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::{Command, Field, Reply, Timestamp};

/// A withdrawal as the asker: its errors go to the form, success to `Withdrawal::done`.
#[derive(Clone, Copy)]
pub struct Withdrawal {
    pub form: FormState,
    pub done: RwSignal<bool>,
}

impl Default for Withdrawal {
    fn default() -> Withdrawal {
        Withdrawal {
            form: FormState::new(),
            done: RwSignal::new(false),
        }
    }
}

impl Withdrawal {
    pub fn new() -> Withdrawal {
        Withdrawal::default()
    }
    pub fn send(self, cmd: Command) {
        self.done.set(false);
        self.form.run(cmd, move |_| self.done.set(true));
    }
}

/// The withdrawal's error, or that it went through.
#[component]
pub fn WithdrawalNote(w: Withdrawal) -> impl IntoView {
    view! {
        <FormAlert form=w.form />
        {move || {
            w.done
                .get()
                .then(|| {
                    view! {
                        <p class="form-alert ok" role="status">
                            {tr(P::Withdrawn)}
                        </p>
                    }
                })
        }}
    }
}

/// Once per visit of someone who may decide (`allowed`): when `overdue` counts any
/// request overdue now, sends `command` (the core marks them expired and mails their
/// askers). Returns how many expired; errors go to `notice`.
pub fn expire_once(
    allowed: bool,
    overdue: impl Fn(Timestamp) -> usize + 'static,
    command: impl Fn() -> Command + 'static,
    notice: FormState,
) -> RwSignal<u32> {
    let app = app();
    let expired = RwSignal::new(0u32);
    let tried = RwSignal::new(false);
    Effect::new(move |_| {
        let now = app.clock.get();
        if allowed && !tried.get_untracked() && overdue(now) > 0 {
            tried.set(true);
            notice.run(command(), move |reply| {
                if let Reply::Expired { count } = reply {
                    expired.set(count);
                }
            });
        }
    });
    expired
}

/// How many requests just expired, when any did.
#[component]
pub fn ExpiredNote(expired: RwSignal<u32>) -> impl IntoView {
    let lang = app().lang;
    move || {
        let n = expired.get();
        (n > 0).then(|| {
            view! {
                <p class="form-alert ok" role="status">
                    {move || P::ExpiredNotice.fill(lang.get(), &[&n.to_string()])}
                </p>
            }
        })
    }
}

/// The panel that decides a waiting request (site access, joining a company): an
/// approval shows `children` (what it sets), a refusal asks for the reason mailed to
/// the asker. The heading and the button name the decision; the heading also who asked,
/// when known.
#[component]
pub fn DecisionPanel(
    id: &'static str,
    form: FormState,
    approve: bool,
    /// What approving and what refusing are called (the heading and the button).
    labels: (P, P),
    who: Option<String>,
    reason: RwSignal<String>,
    #[prop(into)] on_submit: Callback<SubmitEvent>,
    on_cancel: Callback<()>,
    children: Children,
) -> impl IntoView {
    let label = if approve { labels.0 } else { labels.1 };
    let fields = if approve {
        children().into_any()
    } else {
        let label = T::FieldReason;
        view! { <TextField rows=4 field=Field::Reason label value=reason form /> }.into_any()
    };
    view! {
        <PanelForm id form title=label about=who submit=label on_submit on_cancel>
            {fields}
        </PanelForm>
    }
}

/// A waiting request's two buttons: `yes` opens the panel that approves it and `no` the
/// one that refuses it (its reason first), each naming `about` (who asked) for a screen
/// reader. The third of `yes` and `no` is what gets the focus in their panel.
#[component]
pub fn DecideButtons<K>(
    panel: RwSignal<K>,
    yes: (K, P, &'static str),
    no: (K, P, &'static str),
    about: String,
) -> impl IntoView
where
    K: Clone + Send + Sync + 'static,
{
    let ((y, y_label, y_focus), (n, n_label, n_focus)) = (yes, no);
    view! {
        <div class="actions">
            <OpenPanel panel open=y label=y_label class="small" focus=y_focus about=about.clone() />
            <OpenPanel panel open=n label=n_label class="small danger" focus=n_focus about />
        </div>
    }
}
