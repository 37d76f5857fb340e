//! A site's top page: its numbers and what the signed-in user may do there.
use super::may;
use super::sites::SiteLinks;
use super::{my_email, site_param};
use crate::ui::app;
use crate::ui::components::privileges::summary;
use crate::ui::components::widgets::{CopyValue, Link, PageTitle};
use crate::ui::Route;
use leptos::prelude::*;
use onboard_core::i18n::P;
use onboard_core::site::SiteAction;

/// "Not allowed" for someone who is not a user of the site.
#[component]
pub fn NoSiteAccess() -> impl IntoView {
    let lang = app().lang;
    view! {
        <p class="note">{move || P::NoAccess.get(lang.get())}</p>
        <p>
            <Link to=Route::Sites>{move || P::SitesTitle.get(lang.get())}</Link>
        </p>
    }
}

#[component]
pub fn SiteTop() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let site = site_param();
    let me = my_email();
    view! {
        <section>
            <PageTitle key=P::SitesTitle />
            {move || match (me.get(), site.get()) {
                (Some(e), Some(s)) if may(&s, Some(&e), SiteAction::ViewSite) => {
                    let p = s.primary().clone();
                    let name = move || onboard_core::identity::display_name(
                        p.given.as_str(),
                        p.family.as_str(),
                        lang.get(),
                    );
                    let contacts = may(&s, Some(&e), SiteAction::ViewContacts);
                    let users = may(&s, Some(&e), SiteAction::ViewUsers);
                    let documents = may(&s, Some(&e), SiteAction::ViewDocuments);
                    let report = may(&s, Some(&e), SiteAction::ViewReport);
                    let history = may(&s, Some(&e), SiteAction::ViewHistory);
                    let mine = s.privileges_of(Some(&e)).unwrap_or_default();
                    let pending = s.pending_requests().count();
                    let n = s.number().to_string();
                    view! {
                        <h2 class="company">{s.company().to_string()}</h2>
                        <div class="panel">
                            <h2>{move || P::CustomerInfo.get(lang.get())}</h2>
                            <dl class="facts">
                                <dt>{move || P::InfoCustomerNumber.get(lang.get())}</dt>
                                <dd>
                                    <CopyValue value=s.customer().to_string() />
                                </dd>
                                <dt>{move || P::InfoAnniversary.get(lang.get())}</dt>
                                <dd>{s.anniversary()}</dd>
                                <dt>{move || P::InfoContactName.get(lang.get())}</dt>
                                <dd>{name}</dd>
                                <dt>{move || P::InfoSiteNumber.get(lang.get())}</dt>
                                <dd>
                                    <CopyValue value=n.clone() />
                                </dd>
                                <dt>{move || P::InfoAgreement.get(lang.get())}</dt>
                                <dd>
                                    <CopyValue value=s.agreement().to_string() />
                                </dd>
                                <dt>{move || P::InfoContactEmail.get(lang.get())}</dt>
                                <dd>{s.primary().email.to_string()}</dd>
                            </dl>
                        </div>
                        {(contacts || users || documents || report || history)
                            .then(|| {
                                view! {
                                    <h2>{move || P::SiteActions.get(lang.get())}</h2>
                                    <ul class="cards">
                                        {contacts
                                            .then(|| {
                                                view! {
                                                    <li class="card">
                                                        <h2>
                                                            <Link to=Route::SiteContacts(
                                                                n.clone(),
                                                            )>{move || P::UpdateRegistration.get(lang.get())}</Link>
                                                        </h2>
                                                        <p>{move || P::ContactsIntro.get(lang.get())}</p>
                                                    </li>
                                                }
                                            })}
                                        {users
                                            .then(|| {
                                                view! {
                                                    <li class="card">
                                                        <h2>
                                                            <Link to=Route::SiteAccess(
                                                                n.clone(),
                                                            )>{move || P::ManageAccess.get(lang.get())}</Link>
                                                        </h2>
                                                        <p>
                                                            {move || {
                                                                P::PendingCount.fill(lang.get(), &[&pending.to_string()])
                                                            }}
                                                        </p>
                                                    </li>
                                                }
                                            })}
                                        {documents
                                            .then(|| {
                                                view! {
                                                    <li class="card">
                                                        <h2>
                                                            <Link to=Route::SiteDocuments(
                                                                n.clone(),
                                                            )>{move || P::PrivDocuments.get(lang.get())}</Link>
                                                        </h2>
                                                        <p>{move || P::DocumentsIntro.get(lang.get())}</p>
                                                    </li>
                                                }
                                            })}
                                        {(report || history)
                                            .then(|| {
                                                view! {
                                                    <li class="card">
                                                        <h2>
                                                            <Link to=Route::SiteReport(
                                                                n.clone(),
                                                            )>{move || P::PrivReporting.get(lang.get())}</Link>
                                                        </h2>
                                                        <p>
                                                            {move || {
                                                                if report {
                                                                    P::ReportIntro.get(lang.get())
                                                                } else {
                                                                    P::HistoryCardIntro.get(lang.get())
                                                                }
                                                            }}
                                                        </p>
                                                    </li>
                                                }
                                            })}
                                    </ul>
                                }
                            })}
                        <h2>{move || P::YourPrivileges.get(lang.get())}</h2>
                        <p>{move || summary(&mine, lang.get())}</p>
                        <h2>{move || P::InfoLinks.get(lang.get())}</h2>
                        <SiteLinks />
                    }
                        .into_any()
                }
                _ => view! { <NoSiteAccess /> }.into_any(),
            }}
        </section>
    }
}
