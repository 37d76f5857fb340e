//! The router: one route per page file.
use super::pages::*;
use super::shell::Shell;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let base = super::base();
    view! {
        <Router base=base.to_string()>
            <Shell>
                <Routes fallback=|| view! { <not_found::NotFound/> }>
                    <Route path=path!("/") view=home::Home/>
                    <Route path=path!("/id/new") view=create_id::CreateId/>
                    <Route path=path!("/id/verify") view=verify::Verify/>
                    <Route path=path!("/signin") view=signin::SignIn/>
                    <Route path=path!("/id/reset") view=reset::Reset/>
                    <Route path=path!("/id/profile") view=profile::Profile/>
                    <Route path=path!("/mail") view=mailbox::Mailbox/>
                    <Route path=path!("/mail/:id") view=mail_view::MailView/>
                    <Route path=path!("/sites") view=sites::Sites/>
                    <Route path=path!("/sites/request") view=site_request::SiteRequest/>
                    <Route path=path!("/sites/help") view=site_help::SiteHelp/>
                    <Route path=path!("/sites/info/:page") view=site_info::SiteInfo/>
                    <Route path=path!("/sites/:site") view=site_top::SiteTop/>
                    <Route path=path!("/sites/:site/contacts") view=site_contacts::SiteContacts/>
                    <Route path=path!("/sites/:site/access") view=site_access::SiteAccess/>
                    <Route path=path!("/office/sites") view=office_sites::OfficeSites/>
                    <Route path=path!("/office/help") view=office_help::OfficeHelp/>
                    <Route path=path!("/partner") view=partner::Partner/>
                    <Route path=path!("/partner/benefits") view=partner::Benefits/>
                    <Route path=path!("/partner/steps") view=partner::Steps/>
                    <Route path=path!("/partner/contact") view=partner::Contact/>
                    <Route path=path!("/partner/apply") view=partner_apply::Apply/>
                    <Route path=path!("/partner/associate") view=partner_associate::Associate/>
                    <Route path=path!("/partner/company") view=partner_company::CompanyPage/>
                    <Route path=path!("/partner/me") view=partner_me::MyProfile/>
                    <Route path=path!("/partner/home") view=partner_home::MemberHome/>
                    <Route path=path!("/office/applications") view=office_apps::OfficeApps/>
                    <Route path=path!("/office") view=office::Office/>
                    <Route path=path!("/office/audit") view=audit::Audit/>
                    <Route path=path!("/data") view=data::Data/>
                </Routes>
            </Shell>
        </Router>
    }
}
