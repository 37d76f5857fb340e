use crate::i18n::T;
use crate::ui::app;
use crate::ui::components::widgets::PageTitle;
use leptos::prelude::*;

#[component]
pub fn Sites() -> impl IntoView {
    let lang = app().lang;
    view! {
        <section>
            <PageTitle key=T::CustomerSites/>
            <p>{move || T::HomeSitesText.get(lang.get())}</p>
            <p class="note">{move || T::ComingSoon.get(lang.get())}</p>
        </section>
    }
}
