fn main() {
    #[cfg(target_arch = "wasm32")]
    onboard::ui::start();
}
