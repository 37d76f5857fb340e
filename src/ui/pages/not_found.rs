//! The page for a path no route matches, with a way home.
use crate::ui::components::widgets::PageTitle;
use crate::ui::router::LinkLine;
use crate::ui::tr;
use crate::ui::Route;
use leptos::prelude::*;
use onboard_core::i18n::T;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section>
            <PageTitle key=T::NotFoundTitle />
            <p>{tr(T::NotFoundText)}</p>
            <LinkLine to=Route::Home label=T::BackHome />
        </section>
    }
}
