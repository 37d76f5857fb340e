//! Information pages of the customer sites (program, responsibilities, roles).
use super::sites::SiteLinks;
use crate::ui::app;
use crate::ui::router::LinkLine;
use crate::ui::tr;
use crate::ui::Route;
use leptos::prelude::*;
use onboard_core::i18n::{P, T};
use onboard_core::site::Role;
use onboard_core::words::role_name;

/// The pages the welcome mail points to.
#[component]
pub fn SiteInfo() -> impl IntoView {
    let lang = app().lang;
    // The route's page is fixed for this view (a new one is built per navigation).
    let page = match crate::ui::router::current() {
        Some(Route::SiteInfo(page)) => page,
        _ => String::new(),
    };
    let title: Option<onboard_core::i18n::Text> = match page.as_str() {
        "program" => Some(P::InfoProgramTitle.into()),
        "responsibilities" => Some(P::InfoResponsibilitiesTitle.into()),
        "roles" => Some(P::InfoRolesTitle.into()),
        _ => None,
    };
    crate::ui::use_title(title.unwrap_or(T::NotFoundTitle.into()));
    view! {
        <section class="info">
            <h1 tabindex="-1">
                {move || title.unwrap_or(T::NotFoundTitle.into()).get(lang.get())}
            </h1>
            {match page.as_str() {
                "program" => view! { <p>{tr(P::InfoProgramText)}</p> }.into_any(),
                "responsibilities" => view! { <p>{tr(P::InfoResponsibilitiesText)}</p> }.into_any(),
                "roles" => {
                    view! {
                        <dl class="roles">
                            {[
                                (Role::Primary, P::InfoRolesPrimary),
                                (Role::Technical, P::InfoRolesTechnical),
                                (Role::Administrative, P::InfoRolesAdministrative),
                                (Role::Renewal, P::InfoRolesRenewal),
                                (Role::MediaShipping, P::InfoRolesMedia),
                                (Role::Billing, P::InfoRolesBilling),
                            ]
                                .into_iter()
                                .map(|(r, t)| {
                                    view! {
                                        <dt>{move || role_name(r).get(lang.get())}</dt>
                                        <dd>{tr(t)}</dd>
                                    }
                                })
                                .collect_view()}
                        </dl>
                    }
                        .into_any()
                }
                _ => view! { <p>{tr(T::NotFoundText)}</p> }.into_any(),
            }}
            <LinkLine to=Route::Sites label=P::SitesTitle />
            <SiteLinks />
        </section>
    }
}
