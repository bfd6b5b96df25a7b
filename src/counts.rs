//! Fixed-memory counts of how many documents contain a line, for the
//! corpus-wide repeated-line pass (issue 3): a count-min sketch with
//! conservative update over 64-bit line hashes.
//!
//! Memory is fixed when the sketch is made (`with_memory`), whatever the
//! size of the dump. Counts never fall below the truth: `count(h)` is at
//! least the number of documents that contained the line, so a line that is
//! really repeated is always seen as repeated. The error is one-sided: with
//! `w` counters per row, `d` rows and `n` (document, line) pairs added,
//! `count(h) ≤ true + e·n/w` with probability at least `1 − e^−d`
//! (Cormode & Muthukrishnan 2005); `error_bound` gives `e·n/w` for the pairs
//! added so far. Conservative update (raise only the counters at the
//! minimum) makes the typical error much smaller than that bound. Example:
//! the default 64 MiB (4 rows of 2^22 counters) after a 1 GB dump of about
//! 5 M (document, line) pairs: bound 3.2 with probability ≥ 98%.

/// A stable 64-bit hash of a line (FNV-1a): the same on every platform,
/// Rust version and run, so counts can be saved and compared.
pub fn line_hash(line: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in line.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Document counts per line hash, in fixed memory (see module doc).
#[derive(Debug, Clone)]
pub struct LineCounts {
    cells: Vec<u32>,
    depth: usize,
    /// log2 of the row width.
    bits: u32,
    docs: u64,
    pairs: u64,
}

/// Row `r`'s column for hash `h`: an independent-looking mix per row.
fn column(h: u64, r: usize, bits: u32) -> usize {
    let mut z = h ^ (r as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> (64 - bits)) as usize
}

impl Default for LineCounts {
    /// 64 MiB: 4 rows of 2^22 counters.
    fn default() -> Self {
        LineCounts::with_memory(64 << 20, 4)
    }
}

impl LineCounts {
    /// A sketch of about `bytes` bytes (rounded down to a power of two per
    /// row, at least 2^10 counters) with `depth` rows (at least 1).
    pub fn with_memory(bytes: usize, depth: usize) -> LineCounts {
        let depth = depth.max(1);
        let per_row = (bytes / 4 / depth).max(1 << 10);
        let bits = usize::BITS - 1 - per_row.leading_zeros();
        LineCounts {
            cells: vec![0; depth << bits],
            depth,
            bits,
            docs: 0,
            pairs: 0,
        }
    }

    /// Count one document: each distinct hash in `hashes` once (the vector
    /// is sorted and deduplicated in place).
    pub fn add_document(&mut self, hashes: &mut Vec<u64>) {
        hashes.sort_unstable();
        hashes.dedup();
        self.docs += 1;
        self.pairs += hashes.len() as u64;
        let width = 1usize << self.bits;
        for &h in hashes.iter() {
            let col = |r: usize| r * width + column(h, r, self.bits);
            let min = (0..self.depth)
                .map(|r| self.cells[col(r)])
                .min()
                .unwrap_or(0);
            for r in 0..self.depth {
                let cell = &mut self.cells[col(r)];
                if *cell == min {
                    *cell = min.saturating_add(1);
                }
            }
        }
    }

    /// How many documents contained the line: never less than the truth.
    pub fn count(&self, h: u64) -> u32 {
        let width = 1usize << self.bits;
        (0..self.depth)
            .map(|r| self.cells[r * width + column(h, r, self.bits)])
            .min()
            .unwrap_or(0)
    }

    /// Documents added.
    pub fn docs(&self) -> u64 {
        self.docs
    }

    /// `e·n/w`: `count` exceeds the truth by more than this with probability
    /// at most `e^−depth`.
    pub fn error_bound(&self) -> f64 {
        std::f64::consts::E * self.pairs as f64 / (1u64 << self.bits) as f64
    }

    /// Bytes of counters.
    pub fn memory(&self) -> usize {
        self.cells.len() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_documents_never_below_the_truth() {
        let mut c = LineCounts::with_memory(1 << 18, 4); // 2^14 per row for ~20,000 lines
        let boiler = line_hash("تابعونا على فيسبوك");
        let mut truth = std::collections::HashMap::new();
        for d in 0..2000u64 {
            // Ten unique lines per document, the boilerplate line in every
            // fifth one, twice (counted once per document).
            let mut hs: Vec<u64> = (0..10).map(|i| line_hash(&format!("{d}-{i}"))).collect();
            if d % 5 == 0 {
                hs.extend([boiler, boiler]);
            }
            let mut uniq = hs.clone();
            uniq.sort_unstable();
            uniq.dedup();
            for h in &uniq {
                *truth.entry(*h).or_insert(0u32) += 1;
            }
            c.add_document(&mut hs);
        }
        assert_eq!(c.docs(), 2000);
        assert!(c.count(boiler) >= 400);
        assert!(f64::from(c.count(boiler)) <= 400.0 + c.error_bound());
        let over: Vec<u32> = truth.iter().map(|(h, t)| c.count(*h) - t).collect();
        assert!(truth.iter().all(|(h, t)| c.count(*h) >= *t));
        // The bound holds for nearly all lines (probability ≥ 1 − e^−4), and
        // conservative update keeps most counts exact.
        let within = over
            .iter()
            .filter(|&&o| f64::from(o) <= c.error_bound())
            .count();
        assert!(
            within as f64 >= 0.98 * over.len() as f64,
            "{within} of {}",
            over.len()
        );
        let exact = over.iter().filter(|&&o| o == 0).count();
        assert!(exact * 2 > over.len(), "{exact} of {}", over.len());
        assert_eq!(c.memory(), 1 << 18);
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(line_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(line_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
