//! The split modules' loader (`__wasm_split.js`), written from data: the modules (a
//! part's own and the merged chunk groups), which part needs which, and the names the
//! modules import from the main module. The main module's glue imports one
//! `__wasm_split_load_<part>` per part from it (the name wasm_split_macros calls).
//!
//! Invariant: a part's loader instantiates every group it needs before its own module,
//! each module once per page (a failed fetch is tried again on the next call). A module
//! the page's first script compiled (`window.onboardEarly`: a route page's part, the
//! records' decoding) is only instantiated; such a compilation is used by the first
//! call only.
use std::fmt::Write;

/// What the loader is written from.
pub struct Spec<'a> {
    /// The main module's glue, as the loader imports it (`./onboard.js`).
    pub main_js: &'a str,
    /// The names the split modules import from `__wasm_split`, each with the value the
    /// loader gives it: an export of the main module, or a constant.
    pub shared: Vec<(String, Shared)>,
    /// The shared modules' files (merged groups and lone chunks).
    pub modules: Vec<String>,
    /// Every part: its name, its own module's file (none when the splitter found it
    /// empty) and the indices into `modules` it needs.
    pub parts: Vec<(String, Option<String>, Vec<usize>)>,
}

/// The value of a shared import.
pub enum Shared {
    /// The main module's export of that name.
    Export,
    /// The splitter's build fingerprint in debug builds (`__canary_…`), an i32 that
    /// every module of one build imports.
    Canary,
}

/// The loader's JavaScript.
pub fn write(spec: &Spec) -> String {
    let mut js = format!("import {{ initSync }} from \"{}\";\n", spec.main_js);
    let values: Vec<String> = spec
        .shared
        .iter()
        .map(|(name, v)| match v {
            Shared::Export => format!("{name}: main.{name}"),
            Shared::Canary => format!("{name}: ~0xdead"),
        })
        .collect();
    let _ = write!(
        js,
        "let sharedImports = undefined;\nfunction getSharedImports() {{\n    \
         if (sharedImports === undefined) {{\n        \
         const main = initSync(undefined, undefined);\n        \
         sharedImports = {{ __wasm_split: {{ {} }} }};\n    }}\n    \
         return sharedImports;\n}}\n",
        values.join(", ")
    );
    js.push_str(include_str!("loader.js"));
    for (i, file) in spec.modules.iter().enumerate() {
        let _ = writeln!(js, "const m{i} = makeLoad(fetcher(\"./{file}\"), []);");
    }
    for (part, own, deps) in &spec.parts {
        let fetch = own
            .as_ref()
            .map_or("empty".to_string(), |f| format!("fetcher(\"./{f}\")"));
        let deps: Vec<String> = deps.iter().map(|d| format!("m{d}")).collect();
        let _ = writeln!(
            js,
            "export const __wasm_split_load_{part} = wrapAsyncCb(makeLoad({fetch}, [{}]));",
            deps.join(", ")
        );
    }
    js
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_loads_its_groups_and_then_its_module() {
        let js = write(&Spec {
            main_js: "./onboard.js",
            shared: vec![
                ("memory".into(), Shared::Export),
                ("__canary_1".into(), Shared::Canary),
            ],
            modules: vec!["common_0.wasm".into(), "chunk_7.wasm".into()],
            parts: vec![
                ("id".into(), Some("split_id.wasm".into()), vec![0, 1]),
                ("mail".into(), None, vec![1]),
            ],
        });
        assert!(js.starts_with("import { initSync } from \"./onboard.js\";"));
        assert!(js.contains("{ __wasm_split: { memory: main.memory, __canary_1: ~0xdead } }"));
        assert!(js.contains("const m0 = makeLoad(fetcher(\"./common_0.wasm\"), []);"));
        assert!(js.contains(
            "export const __wasm_split_load_id = \
             wrapAsyncCb(makeLoad(fetcher(\"./split_id.wasm\"), [m0, m1]));"
        ));
        assert!(js
            .contains("export const __wasm_split_load_mail = wrapAsyncCb(makeLoad(empty, [m1]));"));
    }
}
