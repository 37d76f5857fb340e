//! Leaving a page with unsaved input asks first.
//!
//! Typing into a form marks the page as edited, unless the form says leaving it loses
//! nothing worth asking about (`data-leave="free"`: signing in, a code, a token). While
//! it is edited, an in-app link to another page asks "Leave this page?" (the browser's
//! own confirm dialog, in the person's language) and closing or reloading the tab gets
//! the browser's "Leave site?" (`beforeunload`). A command the core accepted, a panel's
//! Cancel and arriving on another page end it.
//!
//! Invariants:
//! * Only a person's own typing marks the page (an `input` event that the page did not
//!   make itself: a script's value change fires none).
//! * A link to the same page (a language switch, `#main`) never asks; nor does one
//!   that opens elsewhere (a new tab, a download, another site: the browser's
//!   `beforeunload` covers leaving for another site).
//! * The browser's Back button is not asked about: leptos_router follows it, and a
//!   `popstate` cannot be cancelled.
use onboard_core::i18n::{Lang, T};
use wasm_bindgen::prelude::wasm_bindgen;

// A few lines of the page's script (put into the glue by the xtask): the same listeners
// through web-sys cost the first download about 1 KB (each binding is glue of its own).
#[wasm_bindgen(inline_js = r#"
let edited = false;
export function onboard_leave(ja, en) {
  document.addEventListener("input", e => {
    const f = e.target.closest && e.target.closest("form");
    if (f && f.dataset.leave !== "free") edited = true;
  }, true);
  // Capturing, so the router's own click handler (on the window) comes after it.
  document.addEventListener("click", e => {
    if (!edited || e.defaultPrevented || e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest && e.target.closest("a[href]");
    if (!a || a.hasAttribute("download") || (a.target && a.target !== "_self")) return;
    if (a.origin !== location.origin || a.pathname === location.pathname) return;
    if (confirm(document.documentElement.lang === "ja" ? ja : en)) edited = false;
    else { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
  addEventListener("beforeunload", e => { if (edited) e.preventDefault(); });
}
export function onboard_settled() { edited = false; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = onboard_leave)]
    fn listen(ja: &str, en: &str);
    /// What was typed is sent, discarded or left behind: leaving no longer asks.
    #[wasm_bindgen(js_name = onboard_settled)]
    pub fn settled();
}

/// Listens for typing, link clicks and the tab's closing (once, for the app's life).
/// The question is in the page's language (`<html lang>`, which the shell keeps).
pub fn install() {
    let q = T::LeaveUnsaved;
    listen(q.get(Lang::Ja), q.get(Lang::En));
}
