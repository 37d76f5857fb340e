//! The header's menu on a phone: folded behind one Menu button.
//!
//! A narrow header (the style sheet's 40rem) shows the name and a Menu button; the
//! menu (`#site-menu`: the links, the mode, the language, who is signed in) opens
//! below them. Wide, the button is hidden and the menu is the header's own row.
//!
//! Invariants:
//! * The button's `aria-expanded` and the header's `open` class always agree; only
//!   this script changes them (the view writes them once, folded).
//! * Following any link, the browser's Back and Forward, signing out, and Escape in
//!   the header fold it; Escape puts the focus back on the button. The language
//!   switch keeps it open (the person sees the change).
use wasm_bindgen::prelude::wasm_bindgen;

// A few lines of the page's script (put into the glue by the xtask), like `leave`'s:
// the same through leptos' signals, a node ref and a key listener cost the first
// download about 4 KB gzip.
#[wasm_bindgen(inline_js = r#"
export function onboard_menu() {
  const fold = (open, focus) => {
    const b = document.querySelector("header .menu-toggle");
    if (!b) return;
    b.parentElement.classList.toggle("open", open);
    b.setAttribute("aria-expanded", open);
    if (focus) b.focus();
  };
  const isOpen = () => !!document.querySelector("header.open");
  document.addEventListener("click", e => {
    const t = e.target.closest && e.target.closest(".menu-toggle, a[href], .who button");
    if (!t) return;
    if (t.classList.contains("menu-toggle")) fold(!isOpen());
    else if (isOpen()) fold(false);
  });
  document.addEventListener("keydown", e => {
    if (e.key === "Escape" && isOpen() && e.target.closest && e.target.closest("header")) fold(false, true);
  });
  addEventListener("popstate", () => fold(false));
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = onboard_menu)]
    fn listen();
}

/// Listens for the Menu button, links, Escape and history moves (once, for the app's life).
pub fn install() {
    listen();
}
