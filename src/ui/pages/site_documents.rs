//! A site's account documents: its proof of entitlement, to read and to print. Who may
//! open it is the core's rule (`SiteAction::ViewDocuments`: the primary contact, and
//! any user with "Account documents: View").
use super::may;
use super::site_top::NoSiteAccess;
use super::{my_email, site_param};
use crate::ui::app;
use crate::ui::components::widgets::PageTitle;
use crate::ui::router::TextLink;
use crate::ui::tr;
use crate::ui::Route;
use leptos::prelude::*;
use onboard_core::i18n::P;
use onboard_core::site::SiteAction;

#[component]
pub fn SiteDocuments() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let site = site_param();
    let me = my_email();
    let print = move |_| {
        let _ = window().print();
    };
    // Back to the site's top page.
    let back = move |s: &onboard_core::site::Site| {
        view! { <TextLink to=Route::Site(s.number().to_string()) label=P::SitesTitle /> }
    };
    view! {
        <section class="narrow wide-ok">
            <PageTitle key=P::PrivDocuments />
            {move || match (me.get(), site.get()) {
                (Some(e), Some(s)) if may(&s, Some(&e), SiteAction::ViewDocuments) => {
                    let p = s.primary().clone();
                    let contact = move || {
                        format!(
                            "{} ({})",
                            onboard_core::identity::display_name(
                                p.given.as_str(),
                                p.family.as_str(),
                                lang.get(),
                            ),
                            p.email,
                        )
                    };
                    let company = s.company().to_string();
                    let issued = onboard_core::partner::today(app.clock.get_untracked());
                    view! {
                        <article class="panel proof">
                            <h2>{tr(P::ProofTitle)}</h2>
                            <p>
                                {
                                    let company = company.clone();
                                    move || P::ProofText.fill(lang.get(), &[&company])
                                }
                            </p>
                            <dl class="facts">
                                <dt>{tr(P::ProofCompany)}</dt>
                                <dd>{company}</dd>
                                <dt>{tr(P::InfoCustomerNumber)}</dt>
                                <dd class="mono">{s.customer().to_string()}</dd>
                                <dt>{tr(P::InfoSiteNumber)}</dt>
                                <dd class="mono">{s.number().to_string()}</dd>
                                <dt>{tr(P::InfoAgreement)}</dt>
                                <dd class="mono">{s.agreement().to_string()}</dd>
                                <dt>{tr(P::InfoAnniversary)}</dt>
                                <dd>{s.anniversary().to_string()}</dd>
                                <dt>{tr(P::InfoContactName)}</dt>
                                <dd>{contact}</dd>
                                <dt>{tr(P::ProofIssued)}</dt>
                                <dd>{issued}</dd>
                            </dl>
                        </article>
                        <p class="actions no-print">
                            <button type="button" on:click=print>
                                {tr(P::Print)}
                            </button>
                            {back(&s)}
                        </p>
                    }
                        .into_any()
                }
                (Some(_), Some(s)) if may(&s, me.get().as_ref(), SiteAction::ViewSite) => {
                    view! {
                        <p class="note">{tr(P::NoDocuments)}</p>
                        <p>{back(&s)}</p>
                    }
                        .into_any()
                }
                _ => view! { <NoSiteAccess /> }.into_any(),
            }}
        </section>
    }
}
