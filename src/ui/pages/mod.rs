//! One file per route.
pub mod audit;
pub mod create_id;
pub mod data;
pub mod home;
pub mod mail_view;
pub mod mailbox;
pub mod not_found;
pub mod office;
pub mod office_apps;
pub mod office_companies;
pub mod office_help;
pub mod office_ids;
pub mod office_sites;
pub mod partner;
pub mod partner_apply;
pub mod partner_associate;
pub mod partner_company;
pub mod partner_home;
pub mod partner_me;
pub mod profile;
pub mod reset;
pub mod signin;
pub mod site_access;
pub mod site_contacts;
pub mod site_documents;
pub mod site_help;
pub mod site_info;
pub mod site_report;
pub mod site_request;
pub mod site_top;
pub mod sites;
pub mod tour;
pub mod verify;

use crate::ui::app;
use leptos::prelude::*;
use onboard_core::identity::IdentityId;

/// The signed-in person (reactive), resolved from the device, state and clock.
pub fn signed_in() -> Memo<Option<IdentityId>> {
    let app = app();
    Memo::new(move |_| {
        let now = app.clock.get();
        let device = app.device.get();
        app.state
            .with(|s| crate::ui::actor_of(s, &device, now).person().cloned())
    })
}

pub fn is_operator() -> Memo<bool> {
    let app = app();
    Memo::new(move |_| {
        let now = app.clock.get();
        let device = app.device.get();
        app.state
            .with(|s| crate::ui::actor_of(s, &device, now).is_operator())
    })
}

pub use crate::ui::router::query;

/// Who may see a page: declared once per route (`ui/routes.rs`), checked by [`guarded`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    Open,
    /// Open, but showing the signed-in person's own things (their sites, their mail,
    /// the office's console): while the tab's account is not read yet ([`reading`]),
    /// it says so instead of showing a signed-out page.
    Mine,
    /// A signed-in person.
    Person,
    /// The signed-in operator.
    Operator,
}

/// The page for whoever its route's guard lets in. Anyone else is asked to sign in
/// first (a person: then back to this very page) or to sign in as the operator.
/// Shared mode, after a reload whose tab has nothing of its account's data yet: every
/// page but the open ones says that the data is being read (or cannot be yet), and
/// shows itself once it is. Reactive: signing out on a guarded page replaces it at
/// once. The core refuses the commands of the wrong person anyway; this only decides
/// what is shown.
pub fn guarded(guard: Guard, page: fn() -> AnyView) -> AnyView {
    use crate::ui::components::widgets::PageTitle;
    use onboard_core::i18n::{P, T};
    if guard == Guard::Open {
        return page();
    }
    let me = signed_in();
    let op = is_operator();
    let allowed = Memo::new(move |_| match guard {
        Guard::Open | Guard::Mine => true,
        Guard::Person => me.get().is_some(),
        Guard::Operator => op.get(),
    });
    let here = crate::ui::router::use_location().pathname.get_untracked();
    let reading = reading();
    (move || {
        if let Some(Reading { email, away }) = reading.get() {
            // Signed in again after a reload, the account's data not read yet: this
            // page shows once it is (not "please sign in", nor the office's lists
            // empty).
            let text = if away { P::ReadingAway } else { P::ReadingText };
            let lang = app().lang;
            return view! {
                <section class="narrow">
                    <PageTitle key=P::ReadingTitle />
                    <p class="note" role="status">
                        {move || text.fill(lang.get(), &[&email])}
                    </p>
                </section>
            }
            .into_any();
        }
        if allowed.get() {
            return page();
        }
        match guard {
            Guard::Operator => view! {
                <section>
                    <PageTitle key=T::OfficeTitle />
                    <office::OperatorOnly />
                </section>
            }
            .into_any(),
            _ => view! {
                <section class="narrow">
                    <PageTitle key=T::SignInTitle />
                    <profile::SignInFirst next=here.clone() />
                </section>
            }
            .into_any(),
        }
    })
    .into_any()
}

/// The tab's account while nothing of its data is shown yet ([`reading`]).
#[derive(Clone, PartialEq)]
pub struct Reading {
    pub email: String,
    /// The server cannot be reached.
    pub away: bool,
}

/// Shared mode, while the tab's account is signed in but nothing of its data is shown
/// yet (`SyncStatus::unread`, after a reload).
pub fn reading() -> Memo<Option<Reading>> {
    let app = app();
    Memo::new(move |_| {
        app.sync.with(|s| {
            let (email, _) = s.account.as_ref().filter(|_| s.unread)?;
            Some(Reading {
                email: email.to_string(),
                away: s.problem == Some(crate::ui::ServerProblem::Unreachable),
            })
        })
    })
}

/// The signed-in person's email (reactive).
pub fn my_email() -> Memo<Option<onboard_core::text::Email>> {
    let app = app();
    let me = signed_in();
    Memo::new(move |_| {
        me.get().and_then(|id| {
            app.state
                .with(|s| s.identity(&id).map(|i| i.email().clone()))
        })
    })
}

/// The site of the current site page's route (`/sites/:site/...`), reactive.
pub fn site_param() -> Memo<Option<onboard_core::site::Site>> {
    let app = app();
    let n = crate::ui::router::current()
        .and_then(|r| onboard_core::site::SiteNumber::parse(r.site()?).ok());
    Memo::new(move |_| {
        let n = n.as_ref()?;
        app.state.with(|s| s.site(n).cloned())
    })
}

/// `site::may`, unless the person's access lapsed (`State::may_on`): a page shows
/// what the commands allow.
pub fn may(
    s: &onboard_core::site::Site,
    e: Option<&onboard_core::text::Email>,
    a: onboard_core::site::SiteAction,
) -> bool {
    app().state.with_untracked(|st| st.may_on(s, e, a))
}

/// Who the signed-in person is to the `:site` of the route, as plain values:
/// (signed in, site number if the site exists, the allowed actions). Views that hold
/// forms depend on this, not on the whole site, so they survive changes of the site.
pub fn site_guard(
    actions: &'static [onboard_core::site::SiteAction],
) -> Memo<(bool, Option<String>, Vec<bool>)> {
    let site = site_param();
    let me = my_email();
    let state = app().state;
    Memo::new(move |_| {
        let e = me.get();
        site.with(|s| match s {
            Some(s) => (
                e.is_some(),
                Some(s.number().to_string()),
                state.with(|st| {
                    actions
                        .iter()
                        .map(|a| st.may_on(s, e.as_ref(), *a))
                        .collect()
                }),
            ),
            None => (e.is_some(), None, vec![false; actions.len()]),
        })
    })
}
