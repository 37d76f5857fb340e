//! A site's top page: its numbers and what the signed-in user may do there.
use super::may;
use super::sites::SiteLinks;
use super::{my_email, site_param};
use crate::ui::app;
use crate::ui::components::privileges::summary;
use crate::ui::components::widgets::{CopyValue, PageTitle};
use crate::ui::router::{Link, LinkLine};
use crate::ui::tr;
use crate::ui::Route;
use leptos::prelude::*;
use onboard_core::i18n::{Text, P};
use onboard_core::site::{Site, SiteAction};
use onboard_core::text::Email;

/// A page of one customer site that a person sees with `actions[0]` and changes with
/// `actions[1]` (checked by the core's rules for the signed-in person): its title, then
/// `body(site number, may change)` or "not allowed", and the way back to the site.
#[component]
pub fn SitePage(
    #[prop(into)] title: Text,
    actions: &'static [SiteAction; 2],
    body: fn(String, bool) -> AnyView,
) -> impl IntoView {
    let _lang = app().lang;
    let guard = super::site_guard(actions);
    let site = site_param();
    let back = move || {
        site.with(|s| s.as_ref().map(|s| s.number().to_string()))
            .map(|n| {
                let to = Route::Site(n);
                view! { <LinkLine to label=P::BackToSite /> }
            })
    };
    view! {
        <section>
            <PageTitle key=title />
            {move || match guard.get() {
                (true, Some(n), can) if can[0] => body(n, can[1]),
                _ => view! { <NoSiteAccess /> }.into_any(),
            }}
            {back}
        </section>
    }
}

/// "Not allowed" for someone who is not a user of the site.
#[component]
pub fn NoSiteAccess() -> impl IntoView {
    view! {
        <p class="note">{tr(P::NoAccess)}</p>
        <LinkLine to=Route::Sites label=P::SitesTitle />
    }
}

/// A page of one customer site for those who may see it (`SiteAction::ViewSite`): its
/// title, then `body(site, the signed-in person)`, or "not allowed".
#[component]
pub fn SiteView(#[prop(into)] title: Text, body: fn(Site, Email) -> AnyView) -> impl IntoView {
    let site = site_param();
    let me = my_email();
    view! {
        <section>
            <PageTitle key=title />
            {move || match (me.get(), site.get()) {
                (Some(e), Some(s)) if may(&s, Some(&e), SiteAction::ViewSite) => body(s, e),
                _ => view! { <NoSiteAccess /> }.into_any(),
            }}
        </section>
    }
}

#[component]
pub fn SiteTop() -> impl IntoView {
    view! { <SiteView title=P::SitesTitle body=top /> }
}

/// The site's numbers, what the person may do there and their privileges.
fn top(s: Site, e: Email) -> AnyView {
    let lang = app().lang;
    let p = s.primary().clone();
    let name = move || {
        onboard_core::identity::display_name(p.given.as_str(), p.family.as_str(), lang.get())
    };
    let mine = s.privileges_of(Some(&e)).unwrap_or_default();
    let n = s.number().to_string();
    view! {
        <h2 class="company">{s.company().to_string()}</h2>
        <div class="panel">
            <h2>{tr(P::CustomerInfo)}</h2>
            <dl class="facts">
                <dt>{tr(P::InfoCustomerNumber)}</dt>
                <dd>
                    <CopyValue value=s.customer().to_string() />
                </dd>
                <dt>{tr(P::InfoAnniversary)}</dt>
                <dd>{s.anniversary()}</dd>
                <dt>{tr(P::InfoContactName)}</dt>
                <dd>{name}</dd>
                <dt>{tr(P::InfoSiteNumber)}</dt>
                <dd>
                    <CopyValue value=n.clone() />
                </dd>
                <dt>{tr(P::InfoAgreement)}</dt>
                <dd>
                    <CopyValue value=s.agreement().to_string() />
                </dd>
                <dt>{tr(P::InfoContactEmail)}</dt>
                <dd>{s.primary().email.to_string()}</dd>
            </dl>
        </div>
        <SiteActions site=s.clone() email=e.clone() />
        <h2>{tr(P::YourPrivileges)}</h2>
        <p>{move || summary(&mine, lang.get())}</p>
        <h2>{tr(P::InfoLinks)}</h2>
        <SiteLinks />
    }
    .into_any()
}

/// The cards of what `email` may do on `site` (none: nothing, not even the heading).
#[component]
fn SiteActions(site: Site, email: Email) -> impl IntoView {
    let lang = app().lang;
    let allowed = |action| may(&site, Some(&email), action);
    let contacts = allowed(SiteAction::ViewContacts);
    let users = allowed(SiteAction::ViewUsers);
    let documents = allowed(SiteAction::ViewDocuments);
    let report = allowed(SiteAction::ViewReport);
    let history = allowed(SiteAction::ViewHistory);
    let pending = site.pending_requests().count();
    let n = site.number().to_string();
    (contacts || users || documents || report || history).then(|| {
        let contacts = contacts.then(|| {
            let text = tr(P::ContactsIntro);
            let to = Route::SiteContacts(n.clone());
            view! { <ActionCard to title=P::UpdateRegistration text /> }
        });
        let users = users.then(|| {
            let text = move || P::PendingCount.fill(lang.get(), &[&pending.to_string()]);
            let to = Route::SiteAccess(n.clone());
            view! { <ActionCard to title=P::ManageAccess text /> }
        });
        let documents = documents.then(|| {
            let text = tr(P::DocumentsIntro);
            let to = Route::SiteDocuments(n.clone());
            view! { <ActionCard to title=P::PrivDocuments text /> }
        });
        let report_or_history = (report || history).then(|| {
            let text = move || {
                if report {
                    P::ReportIntro.get(lang.get())
                } else {
                    P::HistoryCardIntro.get(lang.get())
                }
            };
            let to = Route::SiteReport(n.clone());
            view! { <ActionCard to title=P::PrivReporting text /> }
        });
        view! {
            <h2>{tr(P::SiteActions)}</h2>
            <ul class="cards">{(contacts, users, documents, report_or_history)}</ul>
        }
    })
}

/// One of the site's actions: a card with its link and a line about it.
#[component]
fn ActionCard<F, S>(to: Route, title: P, text: F) -> impl IntoView
where
    F: Fn() -> S + Send + Sync + 'static,
    S: Into<String>,
{
    view! {
        <li class="card">
            <h2>
                <Link to>{tr(title)}</Link>
            </h2>
            <p>{move || text().into()}</p>
        </li>
    }
}
