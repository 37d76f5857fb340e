//! The program office: create the operator account (once), sign in, the dashboard.
//! Every office page below it is the operator's (`Guard::Operator` on its route, which
//! shows `OperatorOnly` to anyone else); the core refuses the rest.
use super::is_operator;
use crate::ui::components::form::{
    CurrentPassword, EmailField, FormAlert, FormState, NewPassword, Submit,
};
use crate::ui::components::widgets::{held_warning, PageTitle};
use crate::ui::router::{Link, LinkLine, TextLink};
use crate::ui::tr;
use crate::ui::Route;
use crate::ui::{app, dispatch, flash_and_go, Failure};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::office_commands;
use onboard_core::{Command, Reply};

/// `/office`: first visit creates the operator account; afterwards it needs that sign-in.
#[component]
pub fn Office() -> impl IntoView {
    let app = app();
    let op = is_operator();
    // In shared mode the office is a group on the server: there is always a sign-in.
    let exists = Memo::new(move |_| {
        app.sync.with(|s| s.server.is_some()) || app.state.with(|s| s.office().has_operator())
    });
    view! {
        <section>
            <PageTitle key=T::OfficeTitle />
            {move || match (exists.get(), op.get()) {
                (false, _) => view! { <OperatorForm setup=true /> }.into_any(),
                (true, false) => view! { <OperatorForm setup=false /> }.into_any(),
                (true, true) => view! { <Dashboard /> }.into_any(),
            }}
        </section>
    }
}

/// Shown on office pages to someone who is not the operator.
#[component]
pub fn OperatorOnly() -> impl IntoView {
    view! {
        <p class="note">{tr(T::ErrNotAllowed)}</p>
        <LinkLine to=Route::Office label=P::OfficeSignInTitle />
    }
}

#[component]
fn OperatorForm(setup: bool) -> impl IntoView {
    let form = FormState::new();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (email, typed) = (email.get_untracked(), password.get_untracked());
        let cmd = if setup {
            let (password, confirm) = (typed, confirm.get_untracked());
            office_commands::CreateOperator {
                email,
                password,
                confirm,
            }
            .into()
        } else {
            office_commands::OperatorSignIn {
                email,
                password: typed,
            }
            .into()
        };
        form.send(cmd, move |reply| match reply {
            Ok(Reply::OperatorCreated) => flash_and_go(P::OperatorCreated, vec![], Route::Office),
            Ok(Reply::OperatorSignedIn) => flash_and_go(P::SignedIn, vec![], Route::Office),
            Ok(_) => {}
            // Nothing was checked: what was typed stays.
            Err(Failure::Unavailable) => form.fail(Failure::Unavailable),
            Err(f) => {
                password.set(String::new());
                form.fail(f)
            }
        });
    };
    let (title, intro, label) = if setup {
        (
            P::OfficeSetupTitle,
            P::OfficeSetupIntro,
            P::OfficeSetupSubmit,
        )
    } else {
        (P::OfficeSignInTitle, P::OfficeSignInIntro, P::SignInSubmit)
    };
    view! {
        <div class="narrow">
            <h2>{tr(title)}</h2>
            <p>{tr(intro)}</p>
            <form on:submit=submit novalidate data-leave="free">
                <FormAlert form />
                <EmailField value=email form autocomplete="username" />
                {if setup {
                    view! { <NewPassword password confirm form /> }.into_any()
                } else {
                    view! { <CurrentPassword value=password form /> }.into_any()
                }}
                <Submit form label busy_label=P::BusyHashing />
            </form>
        </div>
    }
}

#[component]
fn Dashboard() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let counts = Memo::new(move |_| {
        app.state
            .with(|s| (s.identity_count(), s.mail_count(), s.audit_count()))
    });
    let unfinished = held_warning(move || app.state.with(|s| s.unfinished_approvals()));
    let sign_out = move |_| {
        dispatch(Command::OperatorSignOut, move |reply| {
            if let Ok(Reply::OperatorSignedOut) = reply {
                flash_and_go(T::SignedOut, vec![], Route::Office);
            }
        });
    };
    view! {
        <p>{tr(P::OfficeWelcome)}</p>
        <p>
            {move || {
                let (a, b, c) = counts.get();
                P::RecordCounts.fill(lang.get(), &[&a.to_string(), &b.to_string(), &c.to_string()])
            }}
        </p>
        <ul class="cards">
            <li class="card">
                <h2>
                    <TextLink to=Route::OfficeSites label=P::OfficeSitesTitle />
                </h2>
                <p>{tr(P::OfficeSitesCard)}</p>
            </li>
            <li class="card">
                <h2>
                    <Link to=Route::OfficeApplications>{tr(P::OfficeAppsTitle)}</Link>
                </h2>
                <p>{tr(P::OfficeAppsCard)}</p>
                {move || {
                    let numbers = unfinished.get();
                    let to = match numbers.as_slice() {
                        [] => return None,
                        [one] => Route::OfficeApplications.href().and("q", one),
                        _ => {
                            Route::OfficeApplications
                                .href()
                                .and("status", onboard_core::partner::AppStage::Approved.code())
                        }
                    };
                    let n = numbers.len().to_string();
                    Some(
                        // Approvals a shared server cut short: the one, or the approved ones.
                        view! {
                            <p class="note warn">
                                <Link to>
                                    {move || P::UnfinishedApprovals.fill(lang.get(), &[&n])}
                                </Link>
                            </p>
                        },
                    )
                }}
            </li>
            <li class="card">
                <h2>
                    <TextLink to=Route::OfficeCompanies label=P::OfficeCompaniesTitle />
                </h2>
                <p>{tr(P::OfficeCompaniesCard)}</p>
            </li>
            <li class="card">
                <h2>
                    <TextLink to=Route::OfficeHelp label=P::OfficeHelpTitle />
                </h2>
                <p>{tr(P::OfficeHelpCard)}</p>
            </li>
            <li class="card">
                <h2>
                    <TextLink to=Route::OfficeIds label=P::OfficeIdsTitle />
                </h2>
                <p>{tr(P::OfficeIdsCard)}</p>
            </li>
            <li class="card">
                <h2>
                    <TextLink to=Route::OfficeAudit label=P::AuditTitle />
                </h2>
                <p>{tr(P::AuditIntro)}</p>
            </li>
        </ul>
        <p>
            <button type="button" class="secondary" on:click=sign_out>
                {tr(T::SignOut)}
            </button>
        </p>
    }
}
