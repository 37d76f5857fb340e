//! An in-memory backend: used when localStorage is unavailable, and in tests, where
//! it can simulate a quota and a crash.
use super::{Backend, BackendError};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub struct MemoryBackend {
    map: BTreeMap<String, String>,
    /// Simulated quota in UTF-16 units of keys and values (None: unlimited).
    quota: Option<usize>,
    /// After this many more successful `set`s every call fails (a crashed tab).
    crash_after: Option<usize>,
    crashed: bool,
}

impl MemoryBackend {
    pub fn new() -> MemoryBackend {
        MemoryBackend::default()
    }
    pub fn with_quota(quota: usize) -> MemoryBackend {
        MemoryBackend {
            quota: Some(quota),
            ..Default::default()
        }
    }
    pub fn set_quota(&mut self, quota: Option<usize>) {
        self.quota = quota;
    }
    pub fn crash_after(&mut self, sets: usize) {
        self.crash_after = Some(sets);
    }
    /// The data as a crashed tab left it, in a fresh backend.
    pub fn restart(&self) -> MemoryBackend {
        MemoryBackend {
            map: self.map.clone(),
            ..Default::default()
        }
    }
    pub fn raw(&self) -> &BTreeMap<String, String> {
        &self.map
    }
    pub fn insert_raw(&mut self, key: &str, value: &str) {
        self.map.insert(key.into(), value.into());
    }
    fn used(&self) -> usize {
        self.map
            .iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum()
    }
    fn alive(&self) -> Result<(), BackendError> {
        if self.crashed {
            Err(BackendError::Unavailable("crashed".into()))
        } else {
            Ok(())
        }
    }
}

impl Backend for MemoryBackend {
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.alive()?;
        Ok(self.map.keys().cloned().collect())
    }
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.alive()?;
        Ok(self.map.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.alive()?;
        if let Some(n) = self.crash_after {
            if n == 0 {
                self.crashed = true;
                return Err(BackendError::Unavailable("crashed".into()));
            }
            self.crash_after = Some(n - 1);
        }
        if let Some(q) = self.quota {
            let old = self
                .map
                .get(key)
                .map(|v| key.encode_utf16().count() + v.encode_utf16().count())
                .unwrap_or(0);
            let new = key.encode_utf16().count() + value.encode_utf16().count();
            if self.used() - old + new > q {
                return Err(BackendError::Quota);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.alive()?;
        self.map.remove(key);
        Ok(())
    }
    fn persistent(&self) -> bool {
        false
    }
}

/// Several stores over one backend (two tabs over one localStorage, in tests).
impl<B: Backend> Backend for std::rc::Rc<std::cell::RefCell<B>> {
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.borrow().keys()
    }
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), BackendError> {
        self.borrow_mut().remove(key)
    }
    fn persistent(&self) -> bool {
        self.borrow().persistent()
    }
}
