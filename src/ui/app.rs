//! The routes: one per page file.
use super::pages::*;
use super::pages::{guarded, Guard};
use super::router::{use_location, Page, Route, Routes, Split};
use super::shell::Shell;
use leptos::prelude::*;

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

static ROUTES: &[Route] = &[
    Route {
        pattern: "/",
        page: Page::Now(|| view! { <home::Home /> }.into_any()),
    },
    Route {
        pattern: "/id/new",
        page: later!(
            id,
            create_id_createid,
            Guard::Open,
            view! { <create_id::CreateId/> }
        ),
    },
    Route {
        pattern: "/id/verify",
        page: later!(id, verify_verify, Guard::Open, view! { <verify::Verify/> }),
    },
    Route {
        pattern: "/signin",
        page: later!(id, signin_signin, Guard::Open, view! { <signin::SignIn/> }),
    },
    Route {
        pattern: "/id/reset",
        page: later!(id, reset_reset, Guard::Open, view! { <reset::Reset/> }),
    },
    Route {
        pattern: "/id/profile",
        page: later!(
            id,
            profile_profile,
            Guard::Person,
            view! { <profile::Profile/> }
        ),
    },
    Route {
        pattern: "/mail",
        page: later!(
            mail,
            mailbox_mailbox,
            Guard::Open,
            view! { <mailbox::Mailbox/> }
        ),
    },
    Route {
        pattern: "/mail/:id",
        page: later!(
            mail,
            mail_view_mailview,
            Guard::Open,
            view! { <mail_view::MailView/> }
        ),
    },
    Route {
        pattern: "/sites",
        page: later!(sites, sites_sites, Guard::Open, view! { <sites::Sites/> }),
    },
    Route {
        pattern: "/sites/request",
        page: later!(
            sites,
            site_request_siterequest,
            Guard::Person,
            view! { <site_request::SiteRequest/> }
        ),
    },
    Route {
        pattern: "/sites/help",
        page: later!(
            sites,
            site_help_sitehelp,
            Guard::Open,
            view! { <site_help::SiteHelp/> }
        ),
    },
    Route {
        pattern: "/sites/info/:page",
        page: later!(
            sites,
            site_info_siteinfo,
            Guard::Open,
            view! { <site_info::SiteInfo/> }
        ),
    },
    Route {
        pattern: "/sites/:site",
        page: later!(
            sites,
            site_top_sitetop,
            Guard::Person,
            view! { <site_top::SiteTop/> }
        ),
    },
    Route {
        pattern: "/sites/:site/contacts",
        page: later!(
            sites,
            site_contacts_sitecontacts,
            Guard::Person,
            view! { <site_contacts::SiteContacts/> }
        ),
    },
    Route {
        pattern: "/sites/:site/access",
        page: later!(
            sites,
            site_access_siteaccess,
            Guard::Person,
            view! { <site_access::SiteAccess/> }
        ),
    },
    Route {
        pattern: "/sites/:site/documents",
        page: later!(
            sites,
            site_documents_sitedocuments,
            Guard::Person,
            view! { <site_documents::SiteDocuments/> }
        ),
    },
    Route {
        pattern: "/sites/:site/report",
        page: later!(
            sites,
            site_report_sitereport,
            Guard::Person,
            view! { <site_report::SiteReportPage/> }
        ),
    },
    Route {
        pattern: "/office/sites",
        page: later!(
            office,
            office_sites_officesites,
            Guard::Operator,
            view! { <office_sites::OfficeSites/> }
        ),
    },
    Route {
        pattern: "/office/help",
        page: later!(
            office,
            office_help_officehelp,
            Guard::Operator,
            view! { <office_help::OfficeHelp/> }
        ),
    },
    Route {
        pattern: "/partner",
        page: later!(
            partner,
            partner_partner,
            Guard::Open,
            view! { <partner::Partner/> }
        ),
    },
    Route {
        pattern: "/partner/benefits",
        page: later!(
            partner,
            partner_benefits,
            Guard::Open,
            view! { <partner::Benefits/> }
        ),
    },
    Route {
        pattern: "/partner/pps",
        page: later!(partner, partner_pps, Guard::Open, view! { <partner::Pps/> }),
    },
    Route {
        pattern: "/partner/steps",
        page: later!(
            partner,
            partner_steps,
            Guard::Open,
            view! { <partner::Steps/> }
        ),
    },
    Route {
        pattern: "/partner/contact",
        page: later!(
            partner,
            partner_contact,
            Guard::Open,
            view! { <partner::Contact/> }
        ),
    },
    Route {
        pattern: "/partner/apply",
        page: later!(
            partner,
            partner_apply_apply,
            Guard::Person,
            view! { <partner_apply::Apply/> }
        ),
    },
    Route {
        pattern: "/partner/associate",
        page: later!(
            partner,
            partner_associate_associate,
            Guard::Person,
            view! { <partner_associate::Associate/> }
        ),
    },
    Route {
        pattern: "/partner/company",
        page: later!(
            partner,
            partner_company_companypage,
            Guard::Person,
            view! { <partner_company::CompanyPage/> }
        ),
    },
    Route {
        pattern: "/partner/me",
        page: later!(
            partner,
            partner_me_myprofile,
            Guard::Person,
            view! { <partner_me::MyProfile/> }
        ),
    },
    Route {
        pattern: "/partner/home",
        page: later!(
            partner,
            partner_home_memberhome,
            Guard::Person,
            view! { <partner_home::MemberHome/> }
        ),
    },
    Route {
        pattern: "/office/applications",
        page: later!(
            office,
            office_apps_officeapps,
            Guard::Operator,
            view! { <office_apps::OfficeApps/> }
        ),
    },
    Route {
        pattern: "/office",
        page: later!(
            office,
            office_office,
            Guard::Open,
            view! { <office::Office/> }
        ),
    },
    Route {
        pattern: "/office/audit",
        page: later!(
            office,
            audit_audit,
            Guard::Operator,
            view! { <audit::Audit/> }
        ),
    },
    Route {
        pattern: "/data",
        page: later!(data, data_data, Guard::Open, view! { <data::Data/> }),
    },
];

/// `(pattern, part)` of every route, in order (the browser tests check it against
/// [`crate::route_table::ROUTES`], which the build reads).
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
    // The location signals belong to the root: they live as long as the app.
    let _ = use_location();
    view! {
        <Shell>
            <Routes
                routes=ROUTES
                fallback=Page::Now(|| view! { <not_found::NotFound /> }.into_any())
            />
        </Shell>
    }
}
