//! Onboard's app: the store and the Leptos UI on top of the pure core.
//!
//! * `onboard_core` (crates/onboard-core) holds the rules, data, mail content and every
//!   user-visible string; it knows nothing of the browser.
//! * [`store`] persists the core's state, one JSON value per aggregate.
//! * `ui` (wasm only) is the Leptos shell.
pub mod route_table;
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(test)]
mod tests {
    /// Every name, message and mail body reaches the page as a text node: the UI never
    /// writes HTML (no inner_html and friends anywhere), so markup in any free-text field
    /// shows as text. The markup journey checks a sample in the browser.
    #[test]
    fn the_ui_never_writes_html() {
        let mut files = rust_files("src/ui");
        files.extend(rust_files("src/store"));
        assert!(files.len() > 30);
        for p in files {
            let text = std::fs::read_to_string(&p).unwrap();
            for banned in [
                "inner_html",
                "outer_html",
                "insert_adjacent_html",
                "innerHTML",
                "document.write",
            ] {
                assert!(
                    !text.contains(banned),
                    "{} writes HTML ({banned})",
                    p.display()
                );
            }
        }
    }

    /// The table the build reads names the core's routes, in the router's order.
    #[test]
    fn the_build_reads_every_route_of_the_core() {
        let patterns: Vec<&str> = crate::route_table::ROUTES.iter().map(|r| r.0).collect();
        assert_eq!(patterns, onboard_core::route::Route::PATTERNS);
    }

    /// Every .rs file below `dir` (relative to the crate).
    fn rust_files(dir: &str) -> Vec<std::path::PathBuf> {
        let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
        let mut files = Vec::new();
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    files.push(p);
                }
            }
        }
        files
    }
}
