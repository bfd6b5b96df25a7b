//! The corpus pass's hash tables: open addressing, bounded (see
//! `corpus_pass` module doc, Bounded memory).

/// An open-addressing table from 64-bit hashes to counts, bounded: it
/// starts small and doubles when three quarters full, up to `max` slots,
/// which are never exceeded (see module doc). A small dump touches little
/// memory (the kernel hands out a page on its first write: a table of the
/// full size spread over every page cost a tenth of a small run in page
/// faults); a large one stops at the bound. Its contents never depend on
/// its size: only lookups, inserts and the (sorted) state read it.
pub(super) struct BoundedTable {
    slots: Vec<(u64, u32)>,
    pub(super) len: usize,
    mask: usize,
    max: usize,
}

/// Slots a table starts with (64 KiB).
const FIRST_SLOTS: usize = 1 << 12;

impl BoundedTable {
    pub(super) fn new(max_slots: usize) -> BoundedTable {
        let max = max_slots.next_power_of_two().max(8);
        let n = FIRST_SLOTS.min(max);
        BoundedTable {
            slots: vec![(0, 0); n],
            len: 0,
            mask: n - 1,
            max,
        }
    }

    /// 0 marks an empty slot: a key of 0 is stored as 1.
    pub(super) fn slot(&self, key: u64) -> usize {
        let k = key.max(1);
        let mut i = (k ^ (k >> 31)) as usize & self.mask;
        while self.slots[i].0 != 0 && self.slots[i].0 != k {
            i = (i + 1) & self.mask;
        }
        i
    }

    pub(super) fn get(&self, key: u64) -> Option<u32> {
        let s = self.slots[self.slot(key)];
        (s.0 != 0).then_some(s.1)
    }

    /// The count of `key`, inserted at 0 if absent. The caller keeps the
    /// table under three quarters of its bound (`full`); below the bound it
    /// grows here.
    pub(super) fn entry(&mut self, key: u64) -> &mut u32 {
        let mut i = self.slot(key);
        if self.slots[i].0 == 0 {
            if 4 * (self.len + 1) > 3 * self.slots.len() && self.slots.len() < self.max {
                self.grow();
                i = self.slot(key);
            }
            self.slots[i] = (key.max(1), 0);
            self.len += 1;
        }
        &mut self.slots[i].1
    }

    /// Twice the slots, the entries placed again.
    pub(super) fn grow(&mut self) {
        let n = (self.slots.len() * 2).min(self.max);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); n]);
        self.mask = n - 1;
        for (k, v) in old.into_iter().filter(|&(k, _)| k != 0) {
            let i = self.slot(k);
            self.slots[i] = (k, v);
        }
    }

    /// At its bound and three quarters full.
    pub(super) fn full(&self) -> bool {
        4 * self.len >= 3 * self.max
    }

    pub(super) fn retain(&mut self, keep: impl Fn(u32) -> bool) {
        let live: Vec<(u64, u32)> = self.iter().filter(|&(_, v)| keep(v)).collect();
        self.slots.fill((0, 0));
        self.len = 0;
        for (k, v) in live {
            *self.entry(k) = v;
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.slots.iter().copied().filter(|&(k, _)| k != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_from_small_to_its_bound_and_keeps_every_entry() {
        let mut t = BoundedTable::new(1 << 16);
        assert_eq!(t.slots.len(), FIRST_SLOTS);
        let keys: Vec<u64> = (0..40_000u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        for (i, &k) in keys.iter().enumerate() {
            *t.entry(k) += i as u32 + 1;
        }
        assert_eq!(
            t.slots.len(),
            1 << 16,
            "doubled up to the bound, not past it"
        );
        assert_eq!(t.len, keys.len());
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(t.get(k), Some(i as u32 + 1), "key {i}");
        }
        assert!(!t.full());
        for &k in keys.iter().take(10_000) {
            *t.entry(k ^ (1 << 63)) += 1;
        }
        assert!(t.full(), "three quarters of the bound");
        t.retain(|v| v > 1);
        assert_eq!(t.get(keys[0] ^ (1 << 63)), None, "a count of 1 dropped");
        assert_eq!(t.get(keys[1]), Some(2));
    }
}
