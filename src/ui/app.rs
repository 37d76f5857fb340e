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
                    <Route path=path!("/partner") view=partner::Partner/>
                    <Route path=path!("/office") view=office::Office/>
                    <Route path=path!("/office/audit") view=audit::Audit/>
                    <Route path=path!("/data") view=data::Data/>
                </Routes>
            </Shell>
        </Router>
    }
}
