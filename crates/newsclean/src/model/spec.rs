//! The segment model's feature list: names, bins, what each bin means and
//! how a second clean of the output can move it (`Rest`). The weights file
//! records a hash of it (`spec_hash`), so a file trained for other features
//! does not load. `features` computes them.

/// One feature: its name (the key of its table in the weights file) and
/// how many bins it has.
#[derive(Debug, Clone, Copy)]
pub struct Feature {
    pub name: &'static str,
    pub bins: usize,
    pub doc: &'static str,
    /// What a second clean of the output can do to the feature's bin.
    pub rest: Rest,
}

/// How a feature's bin can move on a second clean of the output. Most
/// features are computed over the kept segments only and do not move; three
/// see what the output no longer holds, and their tables must then never
/// score the bin of a second clean higher (checked at load, kept by the
/// fit), or the model would not be idempotent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rest {
    /// Computed from the kept segments: the same bin.
    Kept,
    /// Bin `b` becomes `b % m` (lines removed by rules are gone).
    Modulo(u8),
    /// Bin `b` can only fall (dump counts of the output are not higher).
    Falls,
}

impl Feature {
    /// The bin whose weight bin `b`'s may not be below, if any.
    pub fn floor_bin(&self, b: usize) -> Option<usize> {
        match self.rest {
            Rest::Kept => None,
            Rest::Modulo(m) => (b >= usize::from(m)).then(|| b % usize::from(m)),
            Rest::Falls => b.checked_sub(1),
        }
    }
}

macro_rules! features {
    ($($idx:ident = $name:literal, $bins:literal, $doc:literal, $rest:expr;)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy)]
        pub(super) enum F { $($idx,)* }
        /// Every feature, in table order.
        pub const FEATURES: &[Feature] = &[$(Feature { name: $name, bins: $bins, doc: $doc, rest: $rest },)*];
    };
}

features! {
    CHARS = "chars", 10, "characters (trimmed): ≤8, 16, 24, 32, 48, 64, 96, 140, 220, more", Rest::Kept;
    WORDS = "words", 10, "words: 1, 2, 3, 4, ≤6, 8, 12, 20, 40, more", Rest::Kept;
    END = "end", 4, "punctuation: none, inside only, ends a sentence, ends with a colon", Rest::Kept;
    SHORT_RUN = "short_run", 7, "run of short unpunctuated segments it sits in: not short, 1, 2, 3, 4–5, 6–9, 10+", Rest::Kept;
    DIGITS = "digits", 5, "share of digits among characters: 0, <5%, <15%, <30%, more", Rest::Kept;
    SEPS = "separators", 5, "separator characters (| • · > » « – — / : -): 0, 1, 2, 3–4, 5+", Rest::Kept;
    CAPS = "caps", 5, "share of capitalised words: no cased words, <20%, <50%, <80%, more", Rest::Kept;
    TOP = "from_top", 6, "kept segments before it: 0, 1, 2, 3–4, 5–9, 10+", Rest::Kept;
    END_POS = "from_end", 6, "kept segments after it: 0, 1, 2, 3–4, 5–9, 10+", Rest::Kept;
    REL = "relative_position", 5, "position in the kept segments, in fifths", Rest::Kept;
    PREV = "prev_shape", 5, "previous kept segment: none, short unpunctuated, short punctuated, long unpunctuated, long punctuated", Rest::Kept;
    NEXT = "next_shape", 5, "next kept segment, as prev_shape", Rest::Kept;
    COH = "coherence", 7, "content words shared with the document's other body-like segments: no content words, no body-like segments, 0, <20%, <40%, <60%, more", Rest::Kept;
    LIST = "list_marker", 2, "starts with a list marker (- • * · or a number and . or ))", Rest::Kept;
    LEN_END = "chars_x_end", 20, "coarse length (<20, <40, <80, <160, more) × end", Rest::Kept;
    COH_LEN = "coherence_x_chars", 35, "coherence × coarse length", Rest::Kept;
    RUN_COH = "short_run_x_coherence", 49, "short_run × coherence", Rest::Kept;
    BODY_DIST = "body_distance", 6, "kept segments to the nearest body-like one: itself, 1, 2, 3–4, 5–9, 10+ or none", Rest::Kept;
    SIDE = "body_side", 4, "where it is: no body-like segment in the document, before the first, between the first and last, after the last", Rest::Kept;
    SIDE_SHORT = "body_side_x_short", 8, "body_side × short (under 80 characters)", Rest::Kept;
    RULED = "ruled_around", 6, "lines removed by rules between it and its kept neighbours: 0, 1, 2+ × short (under 80 characters)", Rest::Modulo(2);
    MAIN = "main_block_x_short", 8, "where it is against the main block (the run of body-like segments, at most 3 kept segments apart, with the most characters): no body-like segment, before, inside, after × short (under 80 characters)", Rest::Kept;
    COPIES = "copies", 3, "kept segments of the document with the same folded text: 1, 2, 3+", Rest::Kept;
    DUMP = "dump_docs", 5, "documents of the dump holding the line (first pass, lines the pass counts): under 2 or not counted, 2, 3–4, 5–9, 10+", Rest::Falls;
    HEAD = "head_docs", 6, "documents of the dump with a line that starts with its head (first pass templates): under 2 or none, 2, 3–4, 5–9, 10–24, 25+", Rest::Falls;
}

/// The number of features.
pub const N: usize = FEATURES.len();

/// Binned features of one segment: `bins[f]` < `FEATURES[f].bins`.
pub type Bins = [u8; N];

/// A hash of the feature list (names, bin counts, a version): the weights file
/// records it, and a file made for other features does not load.
pub fn spec_hash() -> String {
    // Bump when a feature's computation changes without its name or bins.
    let mut s = String::from("features v2;");
    for f in FEATURES {
        s.push_str(&format!("{}:{}:{};", f.name, f.bins, f.doc));
        if f.rest != Rest::Kept {
            s.push_str(&format!("{:?};", f.rest));
        }
    }
    format!("{:016x}", fnv(s.as_bytes()))
}

/// FNV-1a, 64 bits: deterministic on every platform.
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A hasher for keys that are hashes already (`fnv` values): it keeps the
/// `u64` it is given, so a table of them does not hash them again.
#[derive(Default)]
pub struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by `fnv` hashes (`Prehashed`).
pub type HashedMap<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<Prehashed>>;
