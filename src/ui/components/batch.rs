//! A long list's rows built in one call: the rows are written as a string of
//! operations ([`Batch`]) that a small function in the page's script turns into
//! elements (`fill`), instead of three or four calls from wasm into the page for each
//! element, attribute and text (the 10,000-user list's page of rows was 1,500 of its
//! 1,865 calls).
//!
//! Invariants:
//! * No HTML is parsed: every text becomes a text node and every attribute is set with
//!   `setAttribute`. Tag and attribute names are the app's own (`&'static str`); a
//!   value or a text may hold anything (a NUL becomes U+FFFD), and shows as itself.
//! * `fill` replaces all of the element's children: a list built this way has no state
//!   of its own (no listeners, no effects; one listener on the list reads the rows'
//!   `data-*`, `widgets::pressed`).
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The elements and texts of a list's rows, as `fill` builds them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Batch(String);

impl Batch {
    pub fn new() -> Batch {
        Batch(String::with_capacity(8 * 1024))
    }
    /// Opens an element (inside the one open, if any); `close` ends it.
    pub fn open(&mut self, tag: &'static str) -> &mut Batch {
        self.0.push('\0');
        self.0.push('<');
        self.0.push_str(tag);
        self
    }
    /// An attribute of the element last opened.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Batch {
        self.0.push('\0');
        self.0.push('=');
        self.0.push_str(name);
        self.0.push('\0');
        self.value(value);
        self
    }
    /// A text inside the element open.
    pub fn text(&mut self, text: &str) -> &mut Batch {
        self.0.push('\0');
        self.0.push('"');
        self.value(text);
        self
    }
    /// `<tag attrs…>text</tag>`.
    pub fn leaf(&mut self, tag: &'static str, attrs: &[(&'static str, &str)], text: &str) {
        self.open(tag);
        for (name, value) in attrs {
            self.attr(name, value);
        }
        if !text.is_empty() {
            self.text(text);
        }
        self.close();
    }
    /// A row's button for a list whose one listener reads it with `widgets::pressed`:
    /// `act` and `key` (which row) as data, its words `label` in the row's language, and
    /// `about` (what the row is) after them in its accessible name.
    pub fn row_button(
        &mut self,
        act: &'static str,
        key: &str,
        label: &str,
        about: &str,
        class: &'static str,
    ) {
        self.open("button")
            .attr("class", class)
            .attr("type", "button")
            .attr("data-act", act)
            .attr("data-key", key)
            .attr("aria-label", &format!("{label} {about}"))
            .text(label)
            .close();
    }
    /// Ends the element last opened.
    pub fn close(&mut self) -> &mut Batch {
        self.0.push('\0');
        self.0.push('>');
        self
    }
    fn value(&mut self, v: &str) {
        if v.contains('\0') {
            self.0.push_str(&v.replace('\0', "\u{FFFD}"));
        } else {
            self.0.push_str(v);
        }
    }
    /// The operations (for a memo: a list is built again only when they change).
    pub fn into_ops(self) -> String {
        self.0
    }
}

#[wasm_bindgen(inline_js = r#"
// Builds `ops` (written by Batch in batch.rs) as `parent`'s children. No HTML is parsed.
export function onboard_fill(parent, ops) {
  const t = ops.split("\0"), up = [], all = document.createDocumentFragment();
  let at = all;
  for (let i = 1; i < t.length; i++) {
    const s = t[i], v = s.slice(1);
    switch (s[0]) {
      case "<": { const e = document.createElement(v); at.appendChild(e); up.push(at); at = e; break; }
      case "=": { const x = t[++i]; if (!/^on/i.test(v)) at.setAttribute(v, x); break; }
      case '"': at.appendChild(document.createTextNode(v)); break;
      case ">": at = up.pop() || all; break;
    }
  }
  parent.replaceChildren(all);
}
"#)]
extern "C" {
    /// Replaces `parent`'s children with the elements `ops` describes (one call).
    #[wasm_bindgen(js_name = onboard_fill)]
    pub fn fill(parent: &web_sys::Element, ops: &str);
}

/// Keeps `list`'s children built from `ops()`: built again, whole, only when the
/// operations change (a memo compares them) or the element is made anew.
pub fn keep_filled<E>(list: NodeRef<E>, ops: impl Fn() -> String + Send + Sync + 'static)
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let ops = Memo::new(move |_| ops());
    Effect::new(move |_| {
        if let Some(el) = list.get() {
            ops.with(|ops| fill(el.unchecked_ref(), ops));
        }
    });
}
