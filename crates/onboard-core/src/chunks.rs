//! A list kept in parts of at most [`PART`] items, each behind its own `Arc`.
//!
//! The long lists of an aggregate (a site's users and access requests, a company's
//! employees and join requests) are stored one part per key: a change copies and
//! writes only the part it touches, never the 10,000 others (see
//! `State::expand_changes`). Invariant: parts are never removed or reordered, so a
//! part keeps its storage key for life; only the last part grows.
use serde::{Deserialize, Deserializer};
use std::sync::Arc;

/// Items per part (about 45 KB of JSON for site users): small enough that a change
/// writes little, large enough that 10,000 users are 40 keys.
pub const PART: usize = 250;
/// At most this many parts (500,000 items): a stored key naming a higher part is bad.
pub const MAX_PARTS: u32 = 1_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunks<T> {
    parts: Vec<Arc<Vec<T>>>,
}

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks { parts: Vec::new() }
    }
}

impl<T: Clone> Chunks<T> {
    /// Parts of [`PART`] items, in order.
    pub fn from_vec(items: Vec<T>) -> Chunks<T> {
        let mut c = Chunks::default();
        for t in items {
            c.push(t);
        }
        c
    }
    pub fn len(&self) -> usize {
        self.parts.iter().map(|p| p.len()).sum()
    }
    pub fn is_empty(&self) -> bool {
        self.parts.iter().all(|p| p.is_empty())
    }
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + Clone {
        self.parts.iter().flat_map(|p| p.iter())
    }
    /// The item at position `i` (walks the parts, not the items).
    pub fn get(&self, mut i: usize) -> Option<&T> {
        for p in &self.parts {
            if i < p.len() {
                return p.get(i);
            }
            i -= p.len();
        }
        None
    }
    pub fn find(&self, mut f: impl FnMut(&T) -> bool) -> Option<&T> {
        self.iter().find(|t| f(t))
    }
    /// The first item matching `f`, copying only its part.
    pub fn find_mut(&mut self, mut f: impl FnMut(&T) -> bool) -> Option<&mut T> {
        let (p, i) = self
            .parts
            .iter()
            .enumerate()
            .find_map(|(p, part)| part.iter().position(&mut f).map(|i| (p, i)))?;
        Some(&mut Arc::make_mut(&mut self.parts[p])[i])
    }
    /// Appends to the last part, or starts a new one when it is full.
    pub fn push(&mut self, t: T) {
        match self.parts.last_mut() {
            Some(last) if last.len() < PART => Arc::make_mut(last).push(t),
            _ => self.parts.push(Arc::new(vec![t])),
        }
    }
    /// Keeps the items matching `keep`, copying only the parts that lose some.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        for part in &mut self.parts {
            if part.iter().any(|t| !keep(t)) {
                Arc::make_mut(part).retain(|t| keep(t));
            }
        }
    }
    pub fn part_count(&self) -> u32 {
        self.parts.len() as u32
    }
    pub fn part(&self, i: u32) -> Option<&[T]> {
        self.parts.get(i as usize).map(|p| p.as_slice())
    }
    /// Puts part `i` read from storage (empty parts fill any gap before it). A part
    /// may hold more than [`PART`] items (written with another part size): it is read
    /// as it is.
    pub(crate) fn set_part(&mut self, i: u32, items: Vec<T>) -> Result<(), String> {
        if i >= MAX_PARTS {
            return Err(format!("part {i} is out of range"));
        }
        while self.parts.len() <= i as usize {
            self.parts.push(Arc::new(Vec::new()));
        }
        self.parts[i as usize] = Arc::new(items);
        Ok(())
    }
    /// Empties part `i` (another tab removed it).
    pub(crate) fn clear_part(&mut self, i: u32) {
        if let Some(p) = self.parts.get_mut(i as usize) {
            *p = Arc::new(Vec::new());
        }
    }
    /// The parts that differ from `before` (by identity: an untouched part is the
    /// same `Arc`), including new ones.
    pub fn changed_parts(&self, before: &Chunks<T>) -> Vec<u32> {
        (0..self.parts.len().max(before.parts.len()))
            .filter(|&i| match (self.parts.get(i), before.parts.get(i)) {
                (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
                _ => true,
            })
            .map(|i| i as u32)
            .collect()
    }
}

/// Reads the inline list of schema 2 and earlier (one array in the aggregate).
impl<'de, T: Clone + Deserialize<'de>> Deserialize<'de> for Chunks<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(d).map(Chunks::from_vec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_fill_in_order_and_a_change_copies_only_its_part() {
        let n = 2 * PART as u32 + 1;
        let before = Chunks::from_vec((0..n).collect::<Vec<u32>>());
        assert_eq!((before.len(), before.part_count()), (n as usize, 3));
        assert_eq!(before.part(2), Some(&[n - 1][..]));
        assert_eq!(
            (
                before.get(0),
                before.get(PART + 7),
                before.get(n as usize - 1),
                before.get(n as usize)
            ),
            (Some(&0), Some(&(PART as u32 + 7)), Some(&(n - 1)), None)
        );
        let mut after = before.clone();
        *after.find_mut(|x| *x == PART as u32 + 7).unwrap() = 7;
        assert_eq!(after.changed_parts(&before), vec![1]);
        let mut after = before.clone();
        after.retain(|x| *x != 3 && *x != n - 1);
        assert_eq!(after.changed_parts(&before), vec![0, 2]);
        assert_eq!(
            after.part_count(),
            3,
            "an emptied part stays: keys never move"
        );
        let mut after = before.clone();
        after.push(5);
        assert_eq!(after.changed_parts(&before), vec![2]);
        assert_eq!(after.iter().copied().last(), Some(5));
    }

    #[test]
    fn a_stored_part_beyond_the_last_possible_is_refused() {
        let mut c: Chunks<u32> = Chunks::default();
        assert!(c.set_part(MAX_PARTS, vec![]).is_err());
        c.set_part(2, vec![1]).unwrap();
        assert_eq!((c.part_count(), c.len()), (3, 1));
        c.set_part(0, vec![0; PART + 1]).unwrap();
        assert_eq!(
            c.len(),
            PART + 2,
            "a bigger part from another part size is kept"
        );
    }
}
