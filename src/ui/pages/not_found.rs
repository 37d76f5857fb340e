//! The page for a path no route matches, with a way home.
use crate::ui::app;
use crate::ui::components::widgets::PageTitle;
use crate::ui::router::LinkLine;
use crate::ui::Route;
use leptos::prelude::*;
use onboard_core::i18n::T;

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = app().lang;
    view! {
        <section>
            <PageTitle key=T::NotFoundTitle />
            <p>{move || T::NotFoundText.get(lang.get())}</p>
            <LinkLine to=Route::Home label=T::BackHome />
        </section>
    }
}
