//! The partner program's public pages: overview, benefits, the steps, contact.
use crate::ui::app;
use crate::ui::components::widgets::{Link, PageTitle};
use leptos::prelude::*;
use onboard_core::i18n::{P, T};

/// Links of the profile system (for signed-in partners).
#[component]
pub fn PartnerLinks() -> impl IntoView {
    let lang = app().lang;
    view! {
        <nav aria-label=move || P::PartnerMenu.get(lang.get())>
            <ul class="links">
                <li>
                    <Link to="/partner/home"
                        .into()>{move || T::MemberHomeTitle.get(lang.get())}</Link>
                </li>
                <li>
                    <Link to="/partner/company"
                        .into()>{move || T::CompanyTitle.get(lang.get())}</Link>
                </li>
                <li>
                    <Link to="/partner/me".into()>{move || T::MyProfileTitle.get(lang.get())}</Link>
                </li>
                <li>
                    <Link to="/partner/apply".into()>{move || T::ApplyTitle.get(lang.get())}</Link>
                </li>
                <li>
                    <Link to="/partner/associate"
                        .into()>{move || P::GoAssociate.get(lang.get())}</Link>
                </li>
                <li>
                    <Link to="/partner/contact"
                        .into()>{move || P::ContactDesk.get(lang.get())}</Link>
                </li>
            </ul>
        </nav>
    }
}

#[component]
pub fn Partner() -> impl IntoView {
    let lang = app().lang;
    view! {
        <section>
            <PageTitle key=T::PartnerTitle />
            <p class="lead">{move || P::PartnerLead.get(lang.get())}</p>
            <ul class="cards">
                <li class="card">
                    <h2>
                        <Link to="/partner/benefits"
                            .into()>{move || P::FirstTimeHere.get(lang.get())}</Link>
                    </h2>
                    <p>{move || P::StepsIntro.get(lang.get())}</p>
                </li>
                <li class="card">
                    <h2>
                        <Link to="/partner/home"
                            .into()>{move || P::ProfileSystem.get(lang.get())}</Link>
                    </h2>
                    <p>{move || P::MemberHomeIntro.get(lang.get())}</p>
                </li>
                <li class="card">
                    <h2>
                        <Link to="/partner/contact"
                            .into()>{move || P::ContactDesk.get(lang.get())}</Link>
                    </h2>
                    <p>{move || P::DeskIntro.get(lang.get())}</p>
                </li>
            </ul>
        </section>
    }
}

#[component]
pub fn Benefits() -> impl IntoView {
    let lang = app().lang;
    view! {
        <section>
            <PageTitle key=T::BenefitsTitle />
            <ul>
                <li>{move || P::Benefit1.get(lang.get())}</li>
                <li>{move || P::Benefit2.get(lang.get())}</li>
                <li>{move || P::Benefit3.get(lang.get())}</li>
            </ul>
            <p>
                <a class="button-link" href=crate::ui::href("/partner/steps")>
                    {move || P::JoinProgram.get(lang.get())}
                </a>
            </p>
        </section>
    }
}

#[component]
pub fn Steps() -> impl IntoView {
    let lang = app().lang;
    let tab = RwSignal::new(if super::query("tab").get_untracked() == "associate" {
        1
    } else {
        0
    });
    let tab_button = move |i: usize, label: T| {
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
                {move || label.get(lang.get())}
            </button>
        }
    };
    let step1 = move |next: &'static str| {
        view! {
            <li>
                <h3>{move || P::Step1GetId.get(lang.get())}</h3>
                <p>{move || P::Step1Text.get(lang.get())}</p>
                <p>
                    <Link to=format!(
                        "/id/new?next={}",
                        onboard_core::mail::url_encode(next),
                    )>{move || P::GoCreateId.get(lang.get())}</Link>
                </p>
            </li>
        }
    };
    view! {
        <section>
            <PageTitle key=T::StepsTitle />
            <p>{move || P::StepsIntro.get(lang.get())}</p>
            <div class="tabs" role="tablist">
                {tab_button(0, T::TabNewCompany)}
                {tab_button(1, T::TabAddYourself)}
            </div>
            <div role="tabpanel" id="panel-0" aria-labelledby="tab-0" hidden=move || tab.get() != 0>
                <ol class="steps">
                    {step1("/partner/apply")} <li>
                        <h3>{move || P::Step2Register.get(lang.get())}</h3>
                        <p>{move || P::Step2RegisterText.get(lang.get())}</p>
                        <p>
                            <Link to="/partner/apply"
                                .into()>{move || P::GoApply.get(lang.get())}</Link>
                        </p>
                    </li>
                </ol>
            </div>
            <div role="tabpanel" id="panel-1" aria-labelledby="tab-1" hidden=move || tab.get() != 1>
                <ol class="steps">
                    {step1("/partner/associate")} <li>
                        <h3>{move || P::Step2Associate.get(lang.get())}</h3>
                        <p>{move || P::Step2AssociateText.get(lang.get())}</p>
                        <p>
                            <Link to="/partner/associate"
                                .into()>{move || P::GoAssociate.get(lang.get())}</Link>
                        </p>
                    </li>
                </ol>
            </div>
            <p>
                <Link to="/partner/contact".into()>{move || P::ContactDesk.get(lang.get())}</Link>
            </p>
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
            <PageTitle key=T::DeskTitle />
            <p>{move || P::DeskIntro.get(lang.get())}</p>
            <h2>{move || P::ContactDesk.get(lang.get())}</h2>
            <dl class="facts">
                <dt>{move || P::DeskPhone.get(lang.get())}</dt>
                <dd>
                    <a href="tel:0120072004" class="mono">
                        "0120-07-2004"
                    </a>
                    <br />
                    <span class="muted">{move || P::DeskPhoneNote.get(lang.get())}</span>
                </dd>
                <dt>{move || P::DeskHours.get(lang.get())}</dt>
                <dd>{move || P::DeskHoursText.get(lang.get())}</dd>
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
