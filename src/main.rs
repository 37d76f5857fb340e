//! The app's entry point: in the browser it starts the UI; natively it does nothing
//! (the native build exists for `cargo test`).
fn main() {
    #[cfg(target_arch = "wasm32")]
    onboard::ui::start();
}
