//! The routes: one per page file.
use super::pages::*;
use super::pages::{guarded, Guard};
use super::router::{definition, Page, Route, Split};
use super::shell::Shell;
use leptos::children::ToChildren;
use leptos::prelude::*;
use leptos::tachys::view::iterators::StaticVec;
use leptos_router::components::{RouteChildren, Router, Routes, RoutesProps};
use leptos_router::path;
use leptos_router::MatchNestedRoutes;
use std::sync::Arc;

/// A page whose code is in the split module `$module` (see `split_point!`), fetched
/// when one of its pages is first shown, behind its route's guard (who may see it,
/// declared here once; see `pages::guarded`).
macro_rules! later {
    ($module:ident, $name:ident, $guard:expr, $view:expr) => {{
        split_point!(
            $module,
            preload(preload),
            fn $name() -> AnyView {
                guarded($guard, || $view.into_any())
            }
        );
        Page::Later(Split {
            part: stringify!($module),
            load: || Box::pin(preload()),
            view: || Box::pin($name()),
        })
    }};
}

/// Every route once: its pattern (the core's, `onboard_core::route::Route::PATTERNS`,
/// in the same order) and its page. Makes the table (`ROUTES`: pattern, part, page)
/// and leptos_router's definitions (`path!` of the same pattern, the page's view).
macro_rules! routes {
    ($($pattern:tt => $page:expr,)*) => {
        static ROUTES: &[Route] = &[$(Route { pattern: $pattern, page: $page }),*];

        /// leptos_router's routes, in the table's order (one per entry: both come
        /// from the same list).
        fn definitions() -> StaticVec<impl MatchNestedRoutes + Clone + Send + 'static> {
            let mut table = ROUTES.iter();
            let mut defs = Vec::with_capacity(ROUTES.len());
            $(
                if let Some(route) = table.next() {
                    defs.push(definition(Arc::new(path!($pattern)), route));
                }
            )*
            StaticVec::from(defs)
        }
    };
}

routes! {
    "/" => Page::Now(|| view! { <home::Home /> }.into_any()),
    "/id/new" => later!(
            id,
            create_id_createid,
            Guard::Open,
            view! { <create_id::CreateId/> }
        ),
    "/id/verify" => later!(id, verify_verify, Guard::Open, view! { <verify::Verify/> }),
    "/signin" => later!(id, signin_signin, Guard::Open, view! { <signin::SignIn/> }),
    "/id/reset" => later!(id, reset_reset, Guard::Open, view! { <reset::Reset/> }),
    "/id/profile" => later!(
            id,
            profile_profile,
            Guard::Person,
            view! { <profile::Profile/> }
        ),
    "/mail" => later!(
            mail,
            mailbox_mailbox,
            Guard::Mine,
            view! { <mailbox::Mailbox/> }
        ),
    "/mail/:id" => later!(
            mail,
            mail_view_mailview,
            Guard::Mine,
            view! { <mail_view::MailView/> }
        ),
    "/sites" => later!(sites, sites_sites, Guard::Mine, view! { <sites::Sites/> }),
    "/sites/request" => later!(
            sites,
            site_request_siterequest,
            Guard::Person,
            view! { <site_request::SiteRequest/> }
        ),
    "/sites/help" => later!(
            sites,
            site_help_sitehelp,
            Guard::Open,
            view! { <site_help::SiteHelp/> }
        ),
    "/sites/info/:page" => later!(
            sites,
            site_info_siteinfo,
            Guard::Open,
            view! { <site_info::SiteInfo/> }
        ),
    "/sites/:site" => later!(
            sites,
            site_top_sitetop,
            Guard::Person,
            view! { <site_top::SiteTop/> }
        ),
    "/sites/:site/contacts" => later!(
            sites,
            site_contacts_sitecontacts,
            Guard::Person,
            view! { <site_contacts::SiteContacts/> }
        ),
    "/sites/:site/access" => later!(
            sites,
            site_access_siteaccess,
            Guard::Person,
            view! { <site_access::SiteAccess/> }
        ),
    "/sites/:site/documents" => later!(
            sites,
            site_documents_sitedocuments,
            Guard::Person,
            view! { <site_documents::SiteDocuments/> }
        ),
    "/sites/:site/report" => later!(
            sites,
            site_report_sitereport,
            Guard::Person,
            view! { <site_report::SiteReportPage/> }
        ),
    "/office/sites" => later!(
            office,
            office_sites_officesites,
            Guard::Operator,
            view! { <office_sites::OfficeSites/> }
        ),
    "/office/help" => later!(
            office,
            office_help_officehelp,
            Guard::Operator,
            view! { <office_help::OfficeHelp/> }
        ),
    "/partner" => later!(
            partner,
            partner_partner,
            Guard::Open,
            view! { <partner::Partner/> }
        ),
    "/partner/benefits" => later!(
            partner,
            partner_benefits,
            Guard::Open,
            view! { <partner::Benefits/> }
        ),
    "/partner/pps" => later!(partner, partner_pps, Guard::Open, view! { <partner::Pps/> }),
    "/partner/steps" => later!(
            partner,
            partner_steps,
            Guard::Open,
            view! { <partner::Steps/> }
        ),
    "/partner/contact" => later!(
            partner,
            partner_contact,
            Guard::Open,
            view! { <partner::Contact/> }
        ),
    "/partner/apply" => later!(
            partner,
            partner_apply_apply,
            Guard::Person,
            view! { <partner_apply::Apply/> }
        ),
    "/partner/associate" => later!(
            partner,
            partner_associate_associate,
            Guard::Person,
            view! { <partner_associate::Associate/> }
        ),
    "/partner/company" => later!(
            partner,
            partner_company_companypage,
            Guard::Person,
            view! { <partner_company::CompanyPage/> }
        ),
    "/partner/me" => later!(
            partner,
            partner_me_myprofile,
            Guard::Person,
            view! { <partner_me::MyProfile/> }
        ),
    "/partner/home" => later!(
            partner,
            partner_home_memberhome,
            Guard::Person,
            view! { <partner_home::MemberHome/> }
        ),
    "/office/applications" => later!(
            office,
            office_apps_officeapps,
            Guard::Operator,
            view! { <office_apps::OfficeApps/> }
        ),
    "/office" => later!(
            office,
            office_office,
            Guard::Mine,
            view! { <office::Office/> }
        ),
    "/office/audit" => later!(
            office,
            audit_audit,
            Guard::Operator,
            view! { <audit::Audit/> }
        ),
    "/data" => later!(data, data_data, Guard::Open, view! { <data::Data/> }),
    "/office/companies" => later!(
            office,
            office_companies_officecompanies,
            Guard::Operator,
            view! { <office_companies::OfficeCompanies/> }
        ),
    "/office/ids" => later!(
            office,
            office_ids_officeids,
            Guard::Operator,
            view! { <office_ids::OfficeIds/> }
        ),
}

/// `(pattern, part)` of every route, in order (the browser tests check it against
/// [`crate::route_table::ROUTES`], which the build reads, and the core's routes).
pub fn route_parts() -> Vec<(&'static str, &'static str)> {
    ROUTES
        .iter()
        .map(|r| match &r.page {
            Page::Now(_) => (r.pattern, crate::route_table::FIRST),
            Page::Later(s) => (r.pattern, s.part),
        })
        .collect()
}

/// See [`super::router::first_page_ready`].
pub async fn first_page_ready() {
    super::router::first_page_ready(ROUTES).await
}

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router base=super::base()>
            <Located />
        </Router>
    }
}

/// The app inside the router: the location and navigation installed for every page
/// and callback (`router::install`), the shell and the page of the address.
#[component]
fn Located() -> impl IntoView {
    super::router::install();
    // The routes are built from the table, not written out in `view!` (which takes
    // each as a child element).
    let routes = Routes(
        RoutesProps::builder()
            .fallback(|| view! { <not_found::NotFound /> })
            .children(RouteChildren::to_children(definitions))
            .build(),
    );
    view! { <Shell>{routes}</Shell> }
}
