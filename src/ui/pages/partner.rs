//! The partner program's public pages: overview, benefits, the steps, contact.
use crate::ui::app;
use crate::ui::components::requests::{Withdrawal, WithdrawalNote};
use crate::ui::components::widgets::{fmt_time, PageTitle};
use crate::ui::router::{Link, LinkLine, TextLink};
use crate::ui::tr;
use crate::ui::Route;
use leptos::prelude::*;
use onboard_core::i18n::P;
use onboard_core::partner::{AppStatus, JoinStatus};
use onboard_core::partner_commands;

/// Links of the profile system (for signed-in partners).
#[component]
pub fn PartnerLinks() -> impl IntoView {
    view! {
        <nav aria-label=tr(P::PartnerMenu)>
            <ul class="links">
                <li>
                    <TextLink to=Route::PartnerHome label=P::MemberHomeTitle />
                </li>
                <li>
                    <TextLink to=Route::PartnerCompany label=P::CompanyTitle />
                </li>
                <li>
                    <TextLink to=Route::PartnerMe label=P::MyProfileTitle />
                </li>
                <li>
                    <TextLink to=Route::PartnerApply label=P::ApplyTitle />
                </li>
                <li>
                    <TextLink to=Route::PartnerAssociate label=P::GoAssociate />
                </li>
                <li>
                    <TextLink to=Route::PartnerContact label=P::ContactDesk />
                </li>
            </ul>
        </nav>
    }
}

/// A line of [`MyRequests`]: its text, where it is handled, and the waiting join
/// request (company, request) it can withdraw.
type Line = (String, Route, Option<(String, u32)>);

/// What the signed-in person asked of the partner program, and where it stands: their
/// application (until approved) and their latest request to each company (waiting, or
/// not approved with the reason; shared mode adds those still in the inbox), each
/// linking to the page where it is handled.
#[component]
pub fn MyRequests() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let me = super::signed_in();
    let withdrawal = Withdrawal::new();
    move || {
        let id = me.get()?;
        let l = lang.get();
        let mut lines: Vec<Line> = Vec::new();
        app.state.with(|s| {
            let app_line = s.application_of(&id).and_then(|a| match a.status() {
                AppStatus::Submitted { .. } => Some(P::AppSubmitted.get(l).to_string()),
                AppStatus::DocumentsRequested { message, .. } => {
                    Some(P::AppDocuments.fill(l, &[message]))
                }
                AppStatus::Rejected { reason, .. } => Some(P::AppRejected.fill(l, &[reason])),
                AppStatus::Draft | AppStatus::Approved { .. } => None,
            });
            if let Some(t) = app_line {
                lines.push((
                    format!("{}: {t}", P::AppStatusTitle.get(l)),
                    Route::PartnerApply,
                    None,
                ));
            }
            for c in s.companies() {
                let latest = c
                    .requests()
                    .iter()
                    .filter(|r| r.identity == id)
                    .max_by_key(|r| r.at);
                let name = &c.profile().legal_name;
                let now = app.clock.get_untracked();
                match latest.map(|r| (&r.status, r.at, r.id)) {
                    // Overdue is expired for the asker at once (see the sites page).
                    Some((JoinStatus::Pending, at, _)) if onboard_core::site::overdue(at, now) => {
                        lines.push((
                            P::JoinExpired.fill(l, &[name]),
                            Route::PartnerAssociate,
                            None,
                        ))
                    }
                    Some((JoinStatus::Pending, at, request)) => lines.push((
                        P::JoinWaiting.fill(l, &[name, &fmt_time(at, l)]),
                        Route::PartnerAssociate,
                        Some((c.id().to_string(), request)),
                    )),
                    Some((JoinStatus::Rejected { reason, .. }, _, _))
                        if c.employee(&id).is_none() =>
                    {
                        lines.push((
                            P::JoinRefused.fill(l, &[name, reason]),
                            Route::PartnerAssociate,
                            None,
                        ))
                    }
                    _ => {}
                }
            }
        });
        for (company, name, at) in crate::ui::shared::asked().get().companies {
            lines.push((
                P::JoinWaiting.fill(l, &[&name, &fmt_time(at, l)]),
                Route::PartnerAssociate,
                Some((company, 0)),
            ));
        }
        Some(view! {
            <WithdrawalNote w=withdrawal />
            {lines
                .into_iter()
                .map(|(text, to, join)| {
                    let button = join
                        .map(|(company, request)| {
                            let withdraw = move |_| {
                                if !crate::ui::leave::ask(P::AskWithdraw, &[]) {
                                    return;
                                }
                                withdrawal
                                    .send(
                                        partner_commands::WithdrawJoin {
                                            company: company.clone(),
                                            request,
                                        }
                                            .into(),
                                    )
                            };
                            view! {
                                " "
                                <button type="button" class="small" on:click=withdraw>
                                    {tr(P::Withdraw)}
                                </button>
                            }
                        });
                    view! {
                        <p class="note" role="status">
                            <Link to>{text}</Link>
                            {button}
                        </p>
                    }
                })
                .collect_view()}
        })
    }
}

#[component]
pub fn Partner() -> impl IntoView {
    view! {
        <section>
            <PageTitle key=P::PartnerTitle />
            <p class="lead">{tr(P::PartnerLead)}</p>
            <MyRequests />
            <ul class="cards">
                <li class="card">
                    <h2>
                        <Link to=Route::PartnerBenefits>{tr(P::FirstTimeHere)}</Link>
                    </h2>
                    <p>{tr(P::StepsIntro)}</p>
                </li>
                <li class="card">
                    <h2>
                        <Link to=Route::PartnerHome>{tr(P::ProfileSystem)}</Link>
                    </h2>
                    <p>{tr(P::MemberHomeIntro)}</p>
                </li>
                <li class="card">
                    <h2>
                        <TextLink to=Route::PartnerPps label=P::PpsTitle />
                    </h2>
                    <p>{tr(P::PpsCard)}</p>
                </li>
                <li class="card">
                    <h2>
                        <Link to=Route::PartnerContact>{tr(P::ContactDesk)}</Link>
                    </h2>
                    <p>{tr(P::DeskIntro)}</p>
                </li>
            </ul>
        </section>
    }
}

/// Seed 003's "What is the PartnerWorld Profile System (PPS)?".
#[component]
pub fn Pps() -> impl IntoView {
    view! {
        <section class="narrow wide-ok">
            <PageTitle key=P::PpsTitle />
            <p>{tr(P::PpsText1)}</p>
            <p>{tr(P::PpsText2)}</p>
            <p>{tr(P::PpsText3)}</p>
            <LinkLine to=Route::PartnerHome label=P::PpsOpen />
        </section>
    }
}

#[component]
pub fn Benefits() -> impl IntoView {
    view! {
        <section>
            <PageTitle key=P::BenefitsTitle />
            <ul>
                <li>{tr(P::Benefit1)}</li>
                <li>{tr(P::Benefit2)}</li>
                <li>{tr(P::Benefit3)}</li>
            </ul>
            <p>
                <a class="button-link" href=crate::ui::href(&Route::PartnerSteps.href())>
                    {tr(P::JoinProgram)}
                </a>
            </p>
        </section>
    }
}

#[component]
pub fn Steps() -> impl IntoView {
    let tab = RwSignal::new(if super::query("tab").get_untracked() == "associate" {
        1
    } else {
        0
    });
    let tab_button = move |i: usize, label: onboard_core::i18n::Text| {
        view! {
            <button
                type="button"
                role="tab"
                id=format!("tab-{i}")
                aria-controls=format!("panel-{i}")
                aria-selected=move || if tab.get() == i { "true" } else { "false" }
                tabindex=move || if tab.get() == i { "0" } else { "-1" }
                on:click=move |_| tab.set(i)
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "ArrowRight" || ev.key() == "ArrowLeft" {
                        let next = 1 - tab.get_untracked();
                        tab.set(next);
                        if let Some(el) = document().get_element_by_id(&format!("tab-{next}")) {
                            use wasm_bindgen::JsCast;
                            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                                let _ = el.focus();
                            }
                        }
                    }
                }
            >
                {tr(label)}
            </button>
        }
    };
    let step1 = move |next: Route| {
        view! {
            <li>
                <h3>{tr(P::Step1GetId)}</h3>
                <p>{tr(P::Step1Text)}</p>
                <LinkLine to=Route::CreateId.with("next", &next.path()) label=P::GoCreateId />
            </li>
        }
    };
    view! {
        <section>
            <PageTitle key=P::StepsTitle />
            <p>{tr(P::StepsIntro)}</p>
            <div class="tabs" role="tablist">
                {tab_button(0, P::TabNewCompany.into())}
                {tab_button(1, P::TabAddYourself.into())}
            </div>
            <div role="tabpanel" id="panel-0" aria-labelledby="tab-0" hidden=move || tab.get() != 0>
                <ol class="steps">
                    {step1(Route::PartnerApply)} <li>
                        <h3>{tr(P::Step2Register)}</h3>
                        <p>{tr(P::Step2RegisterText)}</p>
                        <LinkLine to=Route::PartnerApply label=P::GoApply />
                    </li>
                </ol>
            </div>
            <div role="tabpanel" id="panel-1" aria-labelledby="tab-1" hidden=move || tab.get() != 1>
                <ol class="steps">
                    {step1(Route::PartnerAssociate)} <li>
                        <h3>{tr(P::Step2Associate)}</h3>
                        <p>{tr(P::Step2AssociateText)}</p>
                        <p>
                            <Link to=Route::PartnerAssociate>{tr(P::GoAssociate)}</Link>
                        </p>
                    </li>
                </ol>
            </div>
            <LinkLine to=Route::PartnerContact label=P::ContactDesk />
        </section>
    }
}

#[component]
pub fn Contact() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let status = Memo::new(move |_| onboard_core::calendar::desk(app.clock.get()));
    view! {
        <section>
            <PageTitle key=P::DeskTitle />
            <p>{tr(P::DeskIntro)}</p>
            <h2>{tr(P::ContactDesk)}</h2>
            <dl class="facts">
                <dt>{tr(P::DeskPhone)}</dt>
                <dd>
                    <a href="tel:0120072004" class="mono">
                        "0120-07-2004"
                    </a>
                    <br />
                    <span class="muted">{tr(P::DeskPhoneNote)}</span>
                </dd>
                <dt>{tr(P::DeskHours)}</dt>
                <dd>{tr(P::DeskHoursText)}</dd>
            </dl>
            {move || {
                let l = lang.get();
                match status.get() {
                    onboard_core::calendar::Desk::OpenUntil(t) => {
                        view! {
                            <p class="desk-status open" role="status">
                                {P::DeskOpenUntil
                                    .fill(l, &[&onboard_core::calendar::format_jst(t, l)])}
                            </p>
                        }
                            .into_any()
                    }
                    onboard_core::calendar::Desk::ClosedUntil(t) => {
                        view! {
                            <p class="desk-status closed" role="status">
                                {P::DeskClosedUntil
                                    .fill(l, &[&onboard_core::calendar::format_jst(t, l)])}
                            </p>
                        }
                            .into_any()
                    }
                }
            }}
        </section>
    }
}
