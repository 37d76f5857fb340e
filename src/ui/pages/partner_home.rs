//! The member home: company, level and links for a signed-in employee.
use super::signed_in;
use crate::ui::app;
use crate::ui::components::widgets::PageTitle;
use crate::ui::router::Link;
use crate::ui::tr;
use crate::ui::Route;
use leptos::prelude::*;
use onboard_core::i18n::{Lang, P};
use onboard_core::partner::{news_for, AppStatus};
use onboard_core::words::membership_name;

/// The member home: news chosen by the member's interests and the company's level.
#[component]
pub fn MemberHome() -> impl IntoView {
    let app = app();
    let lang = app.lang;
    let me = signed_in();
    let info = Memo::new(move |_| {
        let id = me.get()?;
        app.state.with(|s| {
            let c = s.company_of(&id)?;
            let e = c.employee(&id)?;
            Some((
                c.profile().legal_name.clone(),
                c.level(),
                (e.profile.interests.clone(), e.profile.industries.clone()),
                e.profile.name(lang.get()),
            ))
        })
    });
    let open_app = Memo::new(move |_| {
        me.get().and_then(|id| {
            app.state.with(|s| {
                s.application_of(&id)
                    .map(|a| matches!(a.status(), AppStatus::Approved { .. }))
            })
        })
    });
    view! {
        <section>
            <PageTitle key=P::MemberHomeTitle />
            {move || match (me.get(), info.get()) {
                (_, None) => {
                    view! {
                        <p class="note">{tr(P::NoCompany)}</p>
                        {move || {
                            open_app
                                .get()
                                .map(|_| {
                                    view! {
                                        <p>
                                            <Link to=Route::PartnerApply>{tr(P::AppStatusTitle)}</Link>
                                        </p>
                                    }
                                })
                        }}
                        <p>
                            <Link to=Route::PartnerSteps>{tr(P::StepsTitle)}</Link>
                        </p>
                        <super::partner::PartnerLinks />
                    }
                        .into_any()
                }
                (_, Some((company, level, interests, name))) => {
                    view! {
                        <p>
                            <strong>{name}</strong>
                            " · "
                            {company}
                            " · "
                            <span class="tag">
                                {move || membership_name(level).get(lang.get())}
                            </span>
                        </p>
                        <p>{tr(P::MemberHomeIntro)}</p>
                        <ul class="news">
                            {move || {
                                let l = lang.get();
                                let list = news_for(level, &interests.0, &interests.1);
                                if list.is_empty() {
                                    view! { <li>{P::NoNews.get(l)}</li> }.into_any()
                                } else {
                                    list.into_iter()
                                        .map(|n| {
                                            let (title, body) = match l {
                                                Lang::Ja => n.ja,
                                                Lang::En => n.en,
                                            };
                                            view! {
                                                <li>
                                                    <h3>{title}</h3>
                                                    <p>{body}</p>
                                                </li>
                                            }
                                        })
                                        .collect_view()
                                        .into_any()
                                }
                            }}
                        </ul>
                        <super::partner::PartnerLinks />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
