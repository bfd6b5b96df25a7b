//! The additive segment model: one table of fixed-point log-odds per
//! feature, summed with a bias and compared with a threshold per language.
//! Integer arithmetic only, so a score is the same on any machine and for
//! any thread count. The tables are data: the `model` rule's parameters in
//! the rule folder (`rules/model/segment.toml`), checked when the pack loads.

use super::features::{spec_hash, Bins, FEATURES, N};
use crate::text::lang::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Log-odds are stored as integers: 1.0 is `SCALE`.
pub const SCALE: i32 = 1000;

/// Thresholds per language: a segment whose score is at least its
/// document's language's threshold is boilerplate.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// For Arabic documents.
    pub ar: i32,
    /// For Latin-script documents.
    pub en: i32,
    /// For documents no language confirms.
    pub und: i32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            ar: i32::MAX,
            en: i32::MAX,
            und: i32::MAX,
        }
    }
}

/// One input file of a training run.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TrainedFile {
    /// As given on the command line.
    pub path: String,
    pub bytes: u64,
    /// FNV-1a 64 of the contents, hex.
    pub fnv64: String,
}

/// How the tables were made: enough to make them again byte for byte.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The command that wrote the file.
    #[serde(default)]
    pub command: String,
    /// Labelled and corpus files read.
    #[serde(default)]
    pub files: Vec<TrainedFile>,
    /// Options and sizes of the training mix (name → value).
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    /// Figures measured when the file was written (name → value).
    #[serde(default)]
    pub validation: BTreeMap<String, String>,
}

/// Claims: segments no rule claimed whose model score reaches the threshold of the document's language (a learned model, trained by `newsclean train`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SegmentModel {
    /// Hash of the feature list the tables were trained for; a file for other features does not load.
    #[serde(default)]
    pub spec: String,
    /// The score every segment starts from (log-odds × 1000).
    #[serde(default)]
    pub bias: i32,
    /// Score at or above which a segment is removed, per language.
    #[serde(default)]
    pub threshold: Thresholds,
    /// Feature name → one log-odds × 1000 per bin (an empty set: a model that removes nothing).
    #[serde(default)]
    pub tables: BTreeMap<String, Vec<i32>>,
    /// How the tables were trained (`newsclean train`).
    #[serde(default)]
    pub training: Manifest,
}

impl SegmentModel {
    /// Check the tables against the features this build computes.
    pub fn validate(&self) -> Result<(), String> {
        if self.tables.is_empty() {
            return Ok(());
        }
        if self.spec != spec_hash() {
            return Err(format!(
                "model trained for feature spec {} but this build computes {}: retrain it with `newsclean train`",
                self.spec,
                spec_hash()
            ));
        }
        for f in FEATURES {
            match self.tables.get(f.name) {
                None => return Err(format!("table `{}` missing", f.name)),
                Some(t) if t.len() != f.bins => {
                    return Err(format!(
                        "table `{}` has {} entries, the feature has {} bins",
                        f.name,
                        t.len(),
                        f.bins
                    ))
                }
                Some(t) if t.iter().any(|v| v.abs() > 100 * SCALE) => {
                    return Err(format!("table `{}` has a weight beyond ±100", f.name))
                }
                Some(t)
                    if (0..t.len()).any(|b| f.floor_bin(b).is_some_and(|fb| t[b] < t[fb])) =>
                {
                    return Err(format!(
                        "table `{}` scores a bin below the bin a second clean can see instead: the model would not be idempotent",
                        f.name
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(k) = self
            .tables
            .keys()
            .find(|k| !FEATURES.iter().any(|f| f.name == *k))
        {
            return Err(format!("table `{k}` names no feature"));
        }
        Ok(())
    }

    /// Whether the model can remove anything.
    pub fn is_active(&self) -> bool {
        !self.tables.is_empty()
    }

    pub fn threshold(&self, lang: Lang) -> i32 {
        match lang {
            Lang::Ar => self.threshold.ar,
            Lang::En => self.threshold.en,
            _ => self.threshold.und,
        }
    }

    /// The tables in feature order, looked up by name once (`Scorer`):
    /// what scores many segments with one model.
    pub fn scorer(&self) -> Scorer<'_> {
        Scorer {
            model: self,
            tables: std::array::from_fn(|f| {
                self.tables
                    .get(FEATURES[f].name)
                    .map_or(&[][..], Vec::as_slice)
            }),
        }
    }

    /// Each feature's contribution to the score of `bins`.
    pub fn contributions(&self, bins: &Bins) -> Vec<(&'static str, i32)> {
        self.scorer().contributions(bins)
    }

    /// The score of `bins`: bias plus one table entry per feature.
    pub fn score(&self, bins: &Bins) -> i32 {
        self.scorer().score(bins)
    }

    /// The score and its largest contributions, for the audit:
    /// `score 1520 ≥ 900: end +812, coherence +433, chars -120`.
    pub fn explain(&self, bins: &Bins, lang: Lang) -> String {
        self.scorer().explain(bins, lang)
    }
}

/// A `SegmentModel` with its tables in feature order (a missing table or
/// bin counts 0, as in the model): scoring a segment is one array read
/// per feature, no look-up by name.
pub struct Scorer<'a> {
    model: &'a SegmentModel,
    tables: [&'a [i32]; N],
}

impl Scorer<'_> {
    fn entry(&self, f: usize, b: u8) -> i32 {
        self.tables[f].get(b as usize).copied().unwrap_or(0)
    }

    /// `SegmentModel::contributions`.
    pub fn contributions(&self, bins: &Bins) -> Vec<(&'static str, i32)> {
        (0..N)
            .map(|f| (FEATURES[f].name, self.entry(f, bins[f])))
            .collect()
    }

    /// `SegmentModel::score`.
    pub fn score(&self, bins: &Bins) -> i32 {
        (0..N).fold(self.model.bias, |s, f| {
            s.saturating_add(self.entry(f, bins[f]))
        })
    }

    /// `SegmentModel::explain`, written into one string (no string per
    /// contribution: the model explains every segment it claims).
    pub fn explain(&self, bins: &Bins, lang: Lang) -> String {
        use std::fmt::Write;
        let mut c = self.contributions(bins);
        c.sort_by_key(|(name, v)| (std::cmp::Reverse(v.abs()), *name));
        let mut out = format!(
            "score {} ≥ {}: ",
            self.score(bins),
            self.model.threshold(lang)
        );
        for (k, (n, v)) in c.iter().take(3).enumerate() {
            let sep = if k > 0 { ", " } else { "" };
            write!(out, "{sep}{n} {v:+}").expect("writing to a String cannot fail");
        }
        out
    }
}
