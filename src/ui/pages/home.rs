//! The home page: what Onboard does and a card per area (someone signed in has one to
//! their own ID in place of creating one and signing in), and for someone signed in
//! where what they asked of the partner program stands (from a module of its own).
use crate::ui::components::widgets::PageTitle;
use crate::ui::router::Link;
use crate::ui::tr;
use crate::ui::Route;
use leptos::prelude::*;
use onboard_core::i18n::T;

#[component]
fn Card(to: Route, title: T, text: T, icon: &'static str, class: &'static str) -> impl IntoView {
    view! {
        <li class=class>
            <svg
                class="card-icon"
                viewBox="0 0 24 24"
                width="28"
                height="28"
                aria-hidden="true"
                focusable="false"
            >
                <path
                    d=icon
                    fill="none"
                    stroke="currentColor"
                    stroke-width="1.8"
                    stroke-linecap="round"
                    stroke-linejoin="round"
                />
            </svg>
            <h2>
                <Link to>{tr(title)}</Link>
            </h2>
            <p>{tr(text)}</p>
        </li>
    }
}

split_point!(
    extras,
    fn asked_view() -> AnyView {
        // Join requests are list parts: read now if the start left them for later.
        crate::ui::read_lists_now();
        view! { <super::partner::MyRequests /> }.into_any()
    }
);

/// The signed-in person's application and join requests (`partner::MyRequests`),
/// each linking to where it is handled. Its code is fetched only for someone signed
/// in, after the page is on screen; nothing is shown until it is there.
#[component]
fn Asked(signed_in: Memo<bool>) -> impl IntoView {
    crate::ui::router::split_view(move || signed_in.get(), asked_view)
}

/// The cards of the home page: where each goes, its title and text, its icon (an SVG
/// path on a 24-unit grid) and its class: `own` only for someone signed in (their
/// ID), `guest` only for someone who is not (creating an ID, signing in). The
/// style sheet hides the other kind by the list's `signed-in` class: one binding,
/// no list built again when someone signs in or out.
const CARDS: [(Route, T, T, &str, &str); 8] = [
    (
        Route::Profile,
        T::YourId,
        T::HomeYourIdText,
        "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0",
        "card own",
    ),
    (
        Route::CreateId,
        T::CreateId,
        T::HomeCreateIdText,
        "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0M19 8v6M16 11h6",
        "card guest",
    ),
    (
        Route::SignIn,
        T::SignIn,
        T::HomeSignInText,
        "M15 3h4a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-4M10 17l5-5-5-5M15 12H3",
        "card guest",
    ),
    (
        Route::Sites,
        T::CustomerSites,
        T::HomeSitesText,
        "M3 21h18M5 21V7l7-4 7 4v14M9 9h1M14 9h1M9 13h1M14 13h1M10 21v-4h4v4",
        "card",
    ),
    (
        Route::Partner,
        T::PartnerProgram,
        T::HomePartnerText,
        "M8 11l4-4 4 4M4 13l4 4 4-4 4 4 4-4",
        "card",
    ),
    (
        Route::Mailbox,
        T::Mailbox,
        T::HomeMailText,
        "M3 5h18v14H3zM3 6l9 7 9-7",
        "card",
    ),
    (
        Route::Office,
        T::ProgramOffice,
        T::HomeOfficeText,
        "M4 20V9l8-5 8 5v11M9 20v-6h6v6",
        "card",
    ),
    (
        Route::Data,
        T::Data,
        T::HomeDataText,
        concat!(
            "M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3z",
            "M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3",
        ),
        "card",
    ),
];

#[component]
pub fn Home() -> impl IntoView {
    // Signed in as the header says: a live session (not one left idle past its time),
    // or an account whose data is being read (shared mode, after a reload).
    let me = crate::ui::pages::signed_in();
    let reading = crate::ui::pages::reading();
    let signed_in = Memo::new(move |_| me.with(Option::is_some) || reading.with(Option::is_some));
    view! {
        <section class="home">
            <PageTitle key=T::AppName />
            <p class="lead">{tr(T::Tagline)}</p>
            <Asked signed_in />
            <ul class=move || {
                if signed_in.get() { "cards signed-in" } else { "cards" }
            }>
                {CARDS
                    .into_iter()
                    .map(|(to, title, text, icon, class)| {
                        view! { <Card to title text icon class /> }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
