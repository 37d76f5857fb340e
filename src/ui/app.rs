//! The routes: one per page file.
use super::pages::*;
use super::router::{use_location, Route, Routes};
use super::shell::Shell;
use leptos::prelude::*;

static ROUTES: &[Route] = &[
    Route {
        pattern: "/",
        view: || view! { <home::Home/> }.into_any(),
    },
    Route {
        pattern: "/id/new",
        view: || view! { <create_id::CreateId/> }.into_any(),
    },
    Route {
        pattern: "/id/verify",
        view: || view! { <verify::Verify/> }.into_any(),
    },
    Route {
        pattern: "/signin",
        view: || view! { <signin::SignIn/> }.into_any(),
    },
    Route {
        pattern: "/id/reset",
        view: || view! { <reset::Reset/> }.into_any(),
    },
    Route {
        pattern: "/id/profile",
        view: || view! { <profile::Profile/> }.into_any(),
    },
    Route {
        pattern: "/mail",
        view: || view! { <mailbox::Mailbox/> }.into_any(),
    },
    Route {
        pattern: "/mail/:id",
        view: || view! { <mail_view::MailView/> }.into_any(),
    },
    Route {
        pattern: "/sites",
        view: || view! { <sites::Sites/> }.into_any(),
    },
    Route {
        pattern: "/sites/request",
        view: || view! { <site_request::SiteRequest/> }.into_any(),
    },
    Route {
        pattern: "/sites/help",
        view: || view! { <site_help::SiteHelp/> }.into_any(),
    },
    Route {
        pattern: "/sites/info/:page",
        view: || view! { <site_info::SiteInfo/> }.into_any(),
    },
    Route {
        pattern: "/sites/:site",
        view: || view! { <site_top::SiteTop/> }.into_any(),
    },
    Route {
        pattern: "/sites/:site/contacts",
        view: || view! { <site_contacts::SiteContacts/> }.into_any(),
    },
    Route {
        pattern: "/sites/:site/access",
        view: || view! { <site_access::SiteAccess/> }.into_any(),
    },
    Route {
        pattern: "/office/sites",
        view: || view! { <office_sites::OfficeSites/> }.into_any(),
    },
    Route {
        pattern: "/office/help",
        view: || view! { <office_help::OfficeHelp/> }.into_any(),
    },
    Route {
        pattern: "/partner",
        view: || view! { <partner::Partner/> }.into_any(),
    },
    Route {
        pattern: "/partner/benefits",
        view: || view! { <partner::Benefits/> }.into_any(),
    },
    Route {
        pattern: "/partner/steps",
        view: || view! { <partner::Steps/> }.into_any(),
    },
    Route {
        pattern: "/partner/contact",
        view: || view! { <partner::Contact/> }.into_any(),
    },
    Route {
        pattern: "/partner/apply",
        view: || view! { <partner_apply::Apply/> }.into_any(),
    },
    Route {
        pattern: "/partner/associate",
        view: || view! { <partner_associate::Associate/> }.into_any(),
    },
    Route {
        pattern: "/partner/company",
        view: || view! { <partner_company::CompanyPage/> }.into_any(),
    },
    Route {
        pattern: "/partner/me",
        view: || view! { <partner_me::MyProfile/> }.into_any(),
    },
    Route {
        pattern: "/partner/home",
        view: || view! { <partner_home::MemberHome/> }.into_any(),
    },
    Route {
        pattern: "/office/applications",
        view: || view! { <office_apps::OfficeApps/> }.into_any(),
    },
    Route {
        pattern: "/office",
        view: || view! { <office::Office/> }.into_any(),
    },
    Route {
        pattern: "/office/audit",
        view: || view! { <audit::Audit/> }.into_any(),
    },
    Route {
        pattern: "/data",
        view: || view! { <data::Data/> }.into_any(),
    },
];

#[component]
pub fn App() -> impl IntoView {
    // The location signals belong to the root: they live as long as the app.
    let _ = use_location();
    view! {
        <Shell>
            <Routes routes=ROUTES fallback=|| view! { <not_found::NotFound/> }.into_any()/>
        </Shell>
    }
}
