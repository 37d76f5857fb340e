//! Leaving a page with unsaved input asks first.
//!
//! Typing into a form marks the page as edited, unless the form says leaving it loses
//! nothing worth asking about (`data-leave="free"`: signing in, a code, a token). While
//! it is edited, an in-app link to another page and the browser's Back and Forward ask
//! "Leave this page?" (the browser's own confirm dialog, in the person's language), and
//! closing or reloading the tab gets the browser's "Leave site?" (`beforeunload`).
//! Opening another of the page's panels (which replaces the open one) and signing out
//! ask the same first (`may_leave`). A command the core accepted ends it for the form
//! it came from (none for a row's button), a panel's Cancel for its form; arriving on
//! another page ends it for all.
//! The same dialog asks before an action that cannot be taken back ([`ask`]).
//!
//! Invariants:
//! * Only a person's own typing marks the page (an `input` event that the page did not
//!   make itself: a script's value change fires none).
//! * A link or history move to the same page (a language switch, `#main`) never asks;
//!   nor does a link that opens elsewhere (a new tab, a download, another site: the
//!   browser's `beforeunload` covers leaving for another site).
//! * The browser's Back and Forward ask too. A `popstate` cannot be cancelled, so
//!   staying stops the event before the router's listener (added after this one) and
//!   puts the page's address back as a new entry: the router never moves, and the
//!   form keeps what was typed. The entries after it are lost (as after any new page).
use onboard_core::i18n::{Lang, T};
use wasm_bindgen::prelude::wasm_bindgen;

// A few lines of the page's script (put into the glue by the xtask): the same listeners
// through web-sys cost the first download about 1 KB (each binding is glue of its own).
#[wasm_bindgen(inline_js = r#"
const edited = new Set();
let from = null, ask = () => true;
// The forms with typing not sent (kept even when the page builds a form anew).
const live = () => edited.size > 0;
export function onboard_leave(ja, en) {
  ask = () => {
    const yes = !live() || confirm(document.documentElement.lang === "ja" ? ja : en);
    if (yes) edited.clear();
    return yes;
  };
  document.addEventListener("input", e => {
    const f = e.target.closest && e.target.closest("form");
    if (f && f.dataset.leave !== "free") edited.add(f);
  }, true);
  document.addEventListener("submit", e => { from = e.target; }, true);
  // Capturing, so the router's own click handler (on the window) comes after it.
  document.addEventListener("click", e => {
    // What a command comes from: the form clicked in last (none: a row's button).
    from = e.target.closest ? e.target.closest("form") : null;
    if (!live() || e.defaultPrevented || e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest && e.target.closest("a[href]");
    if (!a || a.hasAttribute("download") || (a.target && a.target !== "_self")) return;
    if (a.origin !== location.origin || a.pathname === location.pathname) return;
    if (!ask()) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
  addEventListener("beforeunload", e => { if (live()) e.preventDefault(); });
  // The browser's Back and Forward: the page the person is on (the router's own moves
  // keep it), put back when they stay. Added before the router's listener, so it runs first.
  let here = location.href;
  for (const k of ["pushState", "replaceState"]) {
    const f = history[k];
    history[k] = function () { const r = f.apply(this, arguments); here = location.href; return r; };
  }
  addEventListener("popstate", e => {
    // The same page at another address (a language, `#main`) leaves nothing.
    if (new URL(here).pathname === location.pathname || ask()) here = location.href;
    else { e.stopImmediatePropagation(); history.pushState(history.state, "", here); }
  });
}
export function onboard_may_leave() { return ask(); }
export function onboard_settled() { edited.clear(); }
export function onboard_origin() { return from; }
export function onboard_sent(f) { edited.delete(f); }
export function onboard_ask(q) { return confirm(q); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = onboard_leave)]
    fn listen(ja: &str, en: &str);
    /// Whether to go on with what replaces the page's input (another panel, signing
    /// out): asks when something typed was not sent; going on settles the page.
    #[wasm_bindgen(js_name = onboard_may_leave)]
    pub fn may_leave() -> bool;
    /// The page was left: what was typed on it no longer asks.
    #[wasm_bindgen(js_name = onboard_settled)]
    pub fn settled();
    /// The form the person last clicked in or submitted (null: a click outside every
    /// form, such as a row's button). Taken when a command is sent, for [`sent`].
    #[wasm_bindgen(js_name = onboard_origin)]
    pub fn origin() -> wasm_bindgen::JsValue;
    /// That form's input was sent and accepted, or discarded (Cancel): it no longer
    /// asks. Other forms of the page still do.
    #[wasm_bindgen(js_name = onboard_sent)]
    pub fn sent(form: &wasm_bindgen::JsValue);
    #[wasm_bindgen(js_name = onboard_ask)]
    fn confirm(question: &str) -> bool;
}

/// Asks the browser's own question (OK / Cancel) before an action that cannot be taken
/// back (removing a user, revoking an invitation, deleting old records): whether to go on.
pub fn ask(question: impl Into<onboard_core::i18n::Text>, args: &[&str]) -> bool {
    use leptos::prelude::GetUntracked;
    let lang = crate::ui::app().lang.get_untracked();
    confirm(&question.into().fill(lang, args))
}

/// Listens for typing, link clicks and the tab's closing (once, for the app's life).
/// The question is in the page's language (`<html lang>`, which the shell keeps).
pub fn install() {
    let q = T::LeaveUnsaved;
    listen(q.get(Lang::Ja), q.get(Lang::En));
}
