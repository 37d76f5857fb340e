//! The guided tour (demo data): the steps of each seed on the real pages, in a panel
//! beside them. Which tour and step run is kept here ([`tour`], this tab's session);
//! the panel's code is only fetched while one runs (the shell shows it).
use crate::ui::router::use_location;
use crate::ui::tr;
use crate::ui::{app, go, Route};
use leptos::prelude::*;
use onboard_core::i18n::P;

/// The key of the running guided tour in sessionStorage (`"sites/2"`: which, step).
const TOUR_KEY: &str = "onboard/tour";

thread_local! {
    static TOUR: ArcRwSignal<Option<String>> = ArcRwSignal::new(
        window()
            .session_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(TOUR_KEY).ok().flatten()),
    );
}

/// The running guided tour (`"sites/2"`), if any; kept for this tab's session.
pub fn tour() -> ArcRwSignal<Option<String>> {
    TOUR.with(Clone::clone)
}

/// Starts, moves or (`None`) ends the guided tour.
pub fn set_tour(to: Option<String>) {
    if let Some(s) = window().session_storage().ok().flatten() {
        let _ = match &to {
            Some(v) => s.set_item(TOUR_KEY, v),
            None => s.remove_item(TOUR_KEY),
        };
    }
    tour().set(to);
}

/// A step: the page it shows (given the demo site's number), its title and text.
type Step = (fn(String) -> Route, P, P);

/// Seed 000 (Passport Advantage Online): the welcome mail, signing in as the site
/// contact, the site, key contacts (step 2), users and secondary contacts (step 3),
/// asking for access, help.
const SITES: &[Step] = &[
    (|_| Route::Mailbox, P::TourSites1, P::TourSites1Text),
    (|_| Route::SignIn, P::TourSites2, P::TourSites2Text),
    (Route::Site, P::TourSites3, P::TourSites3Text),
    (Route::SiteContacts, P::TourSites4, P::TourSites4Text),
    (Route::SiteAccess, P::TourSites5, P::TourSites5Text),
    (|_| Route::SiteRequest, P::TourSites6, P::TourSites6Text),
    (|_| Route::SiteHelp, P::TourSites7, P::TourSites7Text),
];

/// Seed 003 (PartnerWorld Profile System): what PPS is, the steps, applying, the
/// office's review, the company profile and its token, joining, member home, the desk.
const PARTNER: &[Step] = &[
    (|_| Route::PartnerPps, P::TourPartner1, P::TourPartner1Text),
    (
        |_| Route::PartnerSteps,
        P::TourPartner2,
        P::TourPartner2Text,
    ),
    (
        |_| Route::PartnerApply,
        P::TourPartner3,
        P::TourPartner3Text,
    ),
    (
        |_| Route::OfficeApplications,
        P::TourPartner4,
        P::TourPartner4Text,
    ),
    (
        |_| Route::PartnerCompany,
        P::TourPartner5,
        P::TourPartner5Text,
    ),
    (
        |_| Route::PartnerAssociate,
        P::TourPartner6,
        P::TourPartner6Text,
    ),
    (|_| Route::PartnerHome, P::TourPartner7, P::TourPartner7Text),
    (
        |_| Route::PartnerContact,
        P::TourPartner8,
        P::TourPartner8Text,
    ),
];

/// The tour named in `raw` (`"sites/2"`): its name, steps and the step shown.
fn parse(raw: &str) -> Option<(P, &'static [Step], usize)> {
    let (which, step) = raw.split_once('/')?;
    let (name, steps) = match which {
        "sites" => (P::TourSitesName, SITES),
        "partner" => (P::TourPartnerName, PARTNER),
        _ => return None,
    };
    let step: usize = step.parse().ok()?;
    (step < steps.len()).then_some((name, steps, step))
}

/// The page of a step (on the first site, the demo's, if it names one).
fn path_of(step: &Step) -> Route {
    let site = app()
        .state
        .with_untracked(|s| s.sites().next().map(|s| s.number().to_string()))
        .unwrap_or_default();
    (step.0)(site)
}

#[component]
pub fn TourPanel() -> impl IntoView {
    let lang = app().lang;
    let running = tour();
    let location = use_location();
    let at = Memo::new(move |_| running.with(|t| t.as_deref().and_then(parse)));
    let move_to = move |step: usize| {
        let Some((_, steps, _)) = at.get_untracked() else {
            return;
        };
        let which = if std::ptr::eq(steps, SITES) {
            "sites"
        } else {
            "partner"
        };
        set_tour(Some(format!("{which}/{step}")));
        go(path_of(&steps[step]));
    };
    move || {
        let (name, steps, step) = at.get()?;
        let (_, title, text) = steps[step];
        let n = steps.len();
        let here = path_of(&steps[step]);
        let elsewhere = location.pathname.get() != here.path();
        Some(view! {
            <aside class="tour" aria-labelledby="tour-title">
                <p class="tour-name">
                    {move || P::TourName.fill(lang.get(), &[name.get(lang.get())])} " · "
                    {move || {
                        P::TourStepOf.fill(lang.get(), &[&(step + 1).to_string(), &n.to_string()])
                    }}
                </p>
                <h2 id="tour-title">{tr(title)}</h2>
                <p aria-live="polite">{tr(text)}</p>
                {elsewhere
                    .then(|| {
                        view! {
                            <p>
                                <button type="button" class="small" on:click=move |_| move_to(step)>
                                    {tr(P::TourOpenPage)}
                                </button>
                            </p>
                        }
                    })}
                <p class="actions">
                    {(step > 0)
                        .then(|| {
                            view! {
                                <button type="button" on:click=move |_| move_to(step - 1)>
                                    {tr(P::TourBack)}
                                </button>
                            }
                        })}
                    {if step + 1 < n {
                        view! {
                            <button
                                type="button"
                                class="primary"
                                on:click=move |_| move_to(step + 1)
                            >
                                {tr(P::TourNext)}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button type="button" class="primary" on:click=move |_| set_tour(None)>
                                {tr(P::TourFinish)}
                            </button>
                        }
                            .into_any()
                    }}
                    {(step + 1 < n)
                        .then(|| {
                            view! {
                                <button type="button" on:click=move |_| set_tour(None)>
                                    {tr(P::TourEnd)}
                                </button>
                            }
                        })}
                </p>
            </aside>
        })
    }
}

/// The buttons that start a tour (on the sign-in page's "play as", demo data only).
#[component]
pub fn TourStart() -> impl IntoView {
    let lang = app().lang;
    let start = move |which: &'static str| {
        let steps = if which == "sites" { SITES } else { PARTNER };
        set_tour(Some(format!("{which}/0")));
        go(path_of(&steps[0]));
    };
    view! {
        <h3>{tr(P::TourStart)}</h3>
        <p class="hint">{tr(P::TourIntro)}</p>
        <p class="actions">
            <button type="button" on:click=move |_| start("sites")>
                {move || P::TourName.fill(lang.get(), &[P::TourSitesName.get(lang.get())])}
            </button>
            <button type="button" on:click=move |_| start("partner")>
                {move || P::TourName.fill(lang.get(), &[P::TourPartnerName.get(lang.get())])}
            </button>
        </p>
    }
}
