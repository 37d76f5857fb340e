//! The localStorage backend (wasm only), through gloo-storage.
//!
//! `gloo_storage::LocalStorage::raw()` panics when storage is unavailable, so
//! [`LocalBackend::open`] checks `window.localStorage` first and the caller falls back
//! to the memory backend.
use super::{Backend, BackendError};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

pub struct LocalBackend {
    raw: web_sys::Storage,
}

impl LocalBackend {
    /// Storage if it can be used (present, readable and writable), else the reason.
    pub fn open() -> Result<LocalBackend, String> {
        let window = web_sys::window().ok_or("no window")?;
        match window.local_storage() {
            Ok(Some(_)) => {}
            Ok(None) => return Err("localStorage is missing".into()),
            Err(e) => return Err(format!("localStorage is blocked: {}", js_error_name(&e))),
        }
        let raw = LocalStorage::raw();
        match raw.set_item(super::PROBE_KEY, "1") {
            Ok(()) => {
                let _ = raw.remove_item(super::PROBE_KEY);
            }
            // Full, not refused (a private window with no quota refuses the same way):
            // what is stored is Onboard's data, read and kept; nothing new is saved
            // until room is made, which the data page can do.
            Err(e) if is_quota(&e) && holds_data(&raw) => {}
            Err(e) => {
                return Err(format!(
                    "localStorage is not writable: {}",
                    js_error_name(&e)
                ))
            }
        }
        Ok(LocalBackend { raw })
    }
}

pub fn js_error_name(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .unwrap_or_else(|| format!("{e:?}"))
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Storage`, for one binding of its own.
    type StorageText;
    /// `getItem` as a JS string: its length is read without copying it into wasm.
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_js(
        this: &StorageText,
        key: &str,
    ) -> Result<Option<js_sys::JsString>, wasm_bindgen::JsValue>;
}

/// Whether `raw` holds any of Onboard's records.
fn holds_data(raw: &web_sys::Storage) -> bool {
    let n = raw.length().unwrap_or(0);
    (0..n).any(|i| {
        raw.key(i)
            .ok()
            .flatten()
            .is_some_and(|k| k.starts_with(super::DATA_PREFIX))
    })
}

fn is_quota(e: &wasm_bindgen::JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| d.name() == "QuotaExceededError" || d.code() == 22 || d.code() == 1014)
        .unwrap_or(false)
}

impl Backend for LocalBackend {
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        let n = self
            .raw
            .length()
            .map_err(|e| BackendError::Unavailable(js_error_name(&e)))?;
        Ok((0..n)
            .filter_map(|i| self.raw.key(i).ok().flatten())
            .collect())
    }
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.raw
            .get_item(key)
            .map_err(|e| BackendError::Unavailable(js_error_name(&e)))
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.raw.set_item(key, value).map_err(|e| {
            if is_quota(&e) {
                BackendError::Quota
            } else {
                BackendError::Unavailable(js_error_name(&e))
            }
        })
    }
    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.raw
            .remove_item(key)
            .map_err(|e| BackendError::Unavailable(js_error_name(&e)))
    }
    fn units(&self, key: &str) -> Result<Option<usize>, BackendError> {
        self.raw
            .unchecked_ref::<StorageText>()
            .get_item_js(key)
            .map(|v| v.map(|s| s.length() as usize))
            .map_err(|e| BackendError::Unavailable(js_error_name(&e)))
    }
    fn persistent(&self) -> bool {
        true
    }
}
