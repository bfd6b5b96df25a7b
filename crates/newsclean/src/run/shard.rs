//! Sharded runs (a Slurm array): `stats --shard i/N` counts the first pass
//! over shard i, `stats merge` combines the N counts, and `clean --shard i/N
//! --stats merged` cleans shard i with the merged counts.
//!
//! **What a shard is.** With U input units (files, after folder discovery,
//! in run order) and N shards: when U ≥ N, shard i is the contiguous block
//! of files `[i·U/N, (i+1)·U/N)` (each shard reads only its files); when
//! U < N, shard i is the documents whose index in the whole stream is ≡ i
//! (mod N) (each shard reads the whole stream and cleans 1/N of it). Every
//! shard must be given the same inputs in the same order.
//!
//! **Exactness.** Documents are counted under their index in the whole
//! stream, so the merge knows which copy of a text came first, and
//! `duplicate_of` names it even across shards (the merged file carries the
//! ids of first copies that other shards need). With no exact duplicate
//! across shards, the merged counts equal a single run's and the clean
//! records are byte-identical. One difference remains otherwise: a
//! document that copies one in another shard had its lines counted in its
//! own shard (a single run counts a copy's lines once), so a line count can
//! be over by the number of such copies, which can put a line over the
//! repeated-line threshold.

use crate::corpus_pass::{self as corpus, CorpusStats, Counter, CounterState};
use crate::error::RunError;
use crate::io::source::{Inputs, RawDoc};
use crate::rules::Pack;
use crate::run::{batch, Progress, COUNT_CAP};
use rayon::ThreadPool;
use std::collections::HashMap;

/// Shard `index` of `count` (`i/N` on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("{s:?}: expected i/N with 0 <= i < N (e.g. 0/4)");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, count) = (
            i.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

/// How the inputs are cut (see module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Contiguous blocks of input files.
    Files,
    /// Documents by stream index modulo N.
    Docs,
}

impl Mode {
    pub fn of(units: usize, count: usize) -> Mode {
        if units >= count {
            Mode::Files
        } else {
            Mode::Docs
        }
    }
}

/// The counts of one shard (`stats --shard`), or of all of them merged.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ShardStats {
    pub format: String,
    pub version: u32,
    /// N.
    pub count: usize,
    /// The shards counted here: `[i]`, or `0..N` once merged.
    pub shards: Vec<usize>,
    pub mode: Mode,
    /// Input units the shard saw (all shards must see the same inputs).
    pub units: usize,
    /// `min_chars` of the repeated-line rule counted with.
    pub min_chars: usize,
    /// Documents read by each shard of `shards`.
    pub docs: Vec<usize>,
    /// Indices: in the shard's own stream (files mode, unmerged) or in the
    /// whole stream (docs mode, or merged).
    pub counter: CounterState,
    /// Index → id of first copies: all of them in a shard's counts; once
    /// merged, only those a copy in another shard refers to.
    pub first_ids: Vec<(usize, String)>,
}

const FORMAT: &str = "newsclean-shard-stats";

fn options(s: impl Into<String>) -> RunError {
    RunError::Options(s.into())
}

impl ShardStats {
    /// Write (JSON, zstd-compressed).
    pub fn save(&self, path: &std::path::Path) -> Result<(), RunError> {
        let json = serde_json::to_vec(self).expect("serializing to memory cannot fail");
        let bytes = zstd::encode_all(&json[..], 3).expect("compressing in memory cannot fail");
        crate::io::records::write_atomic(path, &bytes).map_err(|source| RunError::Output {
            path: path.to_path_buf(),
            source,
        })
    }

    pub fn load(path: &std::path::Path) -> Result<ShardStats, RunError> {
        let bytes = std::fs::read(path).map_err(|source| RunError::Input {
            path: path.to_path_buf(),
            source,
        })?;
        let bad = |e: String| options(format!("{}: not shard statistics ({e})", path.display()));
        let json = zstd::decode_all(&bytes[..]).map_err(|e| bad(e.to_string()))?;
        let s: ShardStats = serde_json::from_slice(&json).map_err(|e| bad(e.to_string()))?;
        if s.format != FORMAT || s.version != 1 {
            return Err(bad(format!("format {:?} version {}", s.format, s.version)));
        }
        Ok(s)
    }

    /// Index in the whole stream of a shard's first document (files mode).
    fn offsets(&self) -> Vec<usize> {
        let mut at = 0;
        self.docs
            .iter()
            .map(|d| {
                let o = at;
                at += d;
                o
            })
            .collect()
    }

    /// The shard holding document `g` of the whole stream (merged stats).
    fn shard_of(&self, g: usize, offsets: &[usize]) -> usize {
        match self.mode {
            Mode::Docs => g % self.count,
            Mode::Files => offsets.partition_point(|&o| o <= g).saturating_sub(1),
        }
    }

    /// The corpus statistics for cleaning shard `shard` of `inputs` (merged
    /// statistics only), and the global index of its first document.
    pub fn corpus_for(
        &self,
        shard: Shard,
        inputs: &Inputs,
        pack: &Pack,
    ) -> Result<(Option<CorpusStats>, usize), RunError> {
        if self.shards.len() != self.count {
            return Err(options(format!(
                "the statistics hold {} of {} shards: merge all of them first (`newsclean stats merge`)",
                self.shards.len(),
                self.count
            )));
        }
        if shard.count != self.count || inputs.units.len() != self.units {
            return Err(options(format!(
                "the statistics were counted for {} shards over {} input files; this run has {} shards over {} (give every shard the same inputs)",
                self.count, self.units, shard.count, inputs.units.len()
            )));
        }
        let offset = self.offsets()[shard.index];
        let Some(rule) = corpus::rule(pack) else {
            return Ok((None, offset));
        };
        if rule.min_chars != self.min_chars {
            return Err(options(format!(
                "the statistics were counted with repeated_line min_chars = {}, this rule pack has {}",
                self.min_chars, rule.min_chars
            )));
        }
        Ok((
            Some(Counter::from_state(&self.counter).finish(rule)),
            offset,
        ))
    }
}

/// The part of `inputs` shard `shard` reads: files mode keeps its block of
/// units; docs mode keeps them all (see `keep`).
pub fn restrict(inputs: &mut Inputs, shard: Shard) -> Mode {
    let u = inputs.units.len();
    let mode = Mode::of(u, shard.count);
    if mode == Mode::Files {
        let (lo, hi) = (
            shard.index * u / shard.count,
            (shard.index + 1) * u / shard.count,
        );
        inputs.units = inputs.units[lo..hi].to_vec();
    }
    mode
}

/// The shard's documents, out of the (restricted) inputs' stream.
pub fn docs<'a>(
    inputs: &'a Inputs,
    shard: Shard,
    mode: Mode,
) -> Result<impl Iterator<Item = RawDoc> + Send + 'a, RunError> {
    Ok(inputs
        .docs()?
        .enumerate()
        .filter(move |(g, _)| mode == Mode::Files || g % shard.count == shard.index)
        .map(|(_, d)| d))
}

/// Index in the whole stream of the shard's document number `local`.
pub fn global(mode: Mode, shard: Shard, offset: usize, local: usize) -> usize {
    match mode {
        Mode::Files => offset + local,
        Mode::Docs => local * shard.count + shard.index,
    }
}

/// The first pass over one shard (`inputs` as discovered, unrestricted).
pub fn count(
    mut inputs: Inputs,
    shard: Shard,
    pack: &Pack,
    pool: &ThreadPool,
    progress: &dyn Progress,
) -> Result<ShardStats, RunError> {
    let rule = corpus::rule(pack)
        .ok_or_else(|| options("the rule pack has no repeated_line rule: nothing to count"))?;
    if !inputs.reopenable() {
        return Err(options(
            "a shard cannot read standard input or a FIFO: give files or folders",
        ));
    }
    let units = inputs.units.len();
    let mode = restrict(&mut inputs, shard);
    let mut counter = Counter::new(COUNT_CAP);
    let mut first_ids = Vec::new();
    let mut local = 0;
    progress.start("first pass", inputs.disk_bytes_known());
    let keys = |doc: &RawDoc| {
        let loaded = doc.load(&inputs.opts);
        let text = loaded.text.ok()?;
        let norm = crate::text::normalize::normalize(&text, &pack.normalize).0;
        Some((corpus::doc_keys(&norm, rule.min_chars), loaded.id))
    };
    batch::ordered(docs(&inputs, shard, mode)?, pool, keys, |doc, k| {
        let index = global(mode, shard, 0, local);
        if let Some((k, id)) = k {
            counter.add(index, &k);
            if counter.first_copy_of(k.doc) == Some(index) {
                first_ids.push((index, id));
            }
        }
        local += 1;
        progress.advance(local, doc.disk_bytes);
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_else(|never| match never {});
    progress.finish();
    Ok(ShardStats {
        format: FORMAT.into(),
        version: 1,
        count: shard.count,
        shards: vec![shard.index],
        mode,
        units,
        min_chars: rule.min_chars,
        docs: vec![local],
        counter: counter.state(),
        first_ids,
    })
}

/// Merge the counts of all N shards (any order) into counts over the whole
/// stream (see module doc for what is exact).
pub fn merge(mut parts: Vec<ShardStats>) -> Result<ShardStats, RunError> {
    let first = parts.first().ok_or_else(|| options("nothing to merge"))?;
    let (count, mode, units, min_chars) = (first.count, first.mode, first.units, first.min_chars);
    let cap = first.counter.cap;
    for p in &parts {
        if (p.count, p.mode, p.units, p.min_chars) != (count, mode, units, min_chars) {
            return Err(options(format!(
                "shard statistics disagree: {count} shards over {units} inputs (min_chars {min_chars}) vs {} shards over {} inputs (min_chars {}): count every shard with the same inputs, N and rules",
                p.count, p.units, p.min_chars
            )));
        }
        if p.shards.len() != 1 {
            return Err(options(
                "merge shard statistics (`stats --shard`), not merged ones",
            ));
        }
    }
    parts.sort_by_key(|p| p.shards[0]);
    let have: Vec<usize> = parts.iter().map(|p| p.shards[0]).collect();
    if have != (0..count).collect::<Vec<_>>() {
        return Err(options(format!(
            "need each of the {count} shards exactly once, got shards {have:?}"
        )));
    }
    let docs: Vec<usize> = parts.iter().map(|p| p.docs[0]).collect();
    let mut merged = ShardStats {
        format: FORMAT.into(),
        version: 1,
        count,
        shards: have,
        mode,
        units,
        min_chars,
        docs,
        counter: CounterState {
            cap,
            floor: 0,
            docs: 0,
            lines: Vec::new(),
            firsts: Vec::new(),
            duplicate_of: Vec::new(),
            templates: Default::default(),
        },
        first_ids: Vec::new(),
    };
    let offsets = merged.offsets();
    let mut lines: HashMap<u64, u32> = HashMap::new();
    let mut firsts: HashMap<u64, u32> = HashMap::new();
    let mut dup: HashMap<usize, usize> = HashMap::new();
    let mut ids: HashMap<usize, String> = HashMap::new();
    let mut templates = corpus::templates::Table::new(corpus::templates::TEMPLATE_CAP);
    let mut docs = 0;
    for (i, p) in parts.into_iter().enumerate() {
        // Files mode counted with indices in the shard's own stream.
        let shift = if mode == Mode::Files { offsets[i] } else { 0 };
        let c = p.counter;
        templates.merge(&corpus::templates::Table::from_state(&c.templates));
        merged.counter.floor += c.floor;
        docs += c.docs;
        for (k, v) in c.lines {
            *lines.entry(k).or_default() += v;
        }
        for (a, b) in c.duplicate_of {
            dup.insert(a + shift, b + shift);
        }
        for (g, id) in p.first_ids {
            ids.insert(g + shift, id);
        }
        for (k, v) in c.firsts {
            let v = v + shift as u32;
            match firsts.get(&k).copied() {
                None => {
                    firsts.insert(k, v);
                }
                Some(w) => {
                    let (win, lose) = (v.min(w), v.max(w));
                    firsts.insert(k, win);
                    dup.insert(lose as usize, win as usize);
                    docs -= 1;
                }
            }
        }
    }
    // A copy of a first copy that lost to an earlier one in another shard
    // points at the earliest.
    let resolved: Vec<(usize, usize)> = dup
        .iter()
        .map(|(&a, &b)| {
            let mut b = b;
            while let Some(&c) = dup.get(&b) {
                b = c;
            }
            (a, b)
        })
        .collect();
    let mut needed: Vec<(usize, String)> = Vec::new();
    for &(a, b) in &resolved {
        if merged.shard_of(a, &offsets) != merged.shard_of(b, &offsets) {
            if let Some(id) = ids.get(&b) {
                needed.push((b, id.clone()));
            }
        }
    }
    needed.sort_unstable();
    needed.dedup();
    let mut state = CounterState {
        cap: merged.counter.cap,
        floor: merged.counter.floor,
        docs,
        lines: lines.into_iter().collect(),
        firsts: firsts.into_iter().collect(),
        duplicate_of: resolved,
        templates: templates.state(),
    };
    state.lines.sort_unstable();
    state.firsts.sort_unstable();
    state.duplicate_of.sort_unstable();
    // Through a counter: prunes like a single run when the table overflows.
    merged.counter = Counter::from_state(&state).state();
    merged.first_ids = needed;
    Ok(merged)
}
