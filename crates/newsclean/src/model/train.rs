//! Fitting the additive model: cyclic Newton steps on the logistic loss,
//! one feature at a time, with a strong L2 penalty on every table entry and
//! shrinkage. Single-threaded and in a fixed order, so the same examples
//! give the same tables, bit for bit; the tables are rounded to integers
//! (`table::SCALE`) at the end.

use super::features::{Bins, Feature, FEATURES, N};
use super::table::SCALE;
use std::collections::BTreeMap;

/// One labelled segment.
#[derive(Debug, Clone)]
pub struct Example {
    pub bins: Bins,
    pub boilerplate: bool,
    /// How much the example counts (e.g. a share of its source's weight).
    pub weight: f64,
}

/// Fitting options.
#[derive(Debug, Clone, Copy)]
pub struct FitOptions {
    /// Passes over all features.
    pub passes: usize,
    /// L2 penalty added to each bin's curvature (in example weight units).
    pub lambda: f64,
    /// Share of each Newton step taken.
    pub shrink: f64,
    /// Features left out (bit `f` of `FEATURES`): their tables stay 0.
    pub without: u64,
}

/// The `without` mask of the features named in `names`.
pub fn feature_mask(names: &[String]) -> Result<u64, String> {
    names.iter().try_fold(0u64, |m, n| {
        FEATURES
            .iter()
            .position(|f| f.name == n)
            .map(|f| m | 1 << f)
            .ok_or_else(|| format!("no feature `{n}`"))
    })
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            passes: 40,
            lambda: 20.0,
            shrink: 0.5,
            without: 0,
        }
    }
}

/// The fitted model: bias and one table per feature, in fixed point.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub bias: i32,
    pub tables: BTreeMap<String, Vec<i32>>,
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Fit the tables on `examples`.
pub fn fit(examples: &[Example], opts: FitOptions) -> Fitted {
    let total: f64 = examples.iter().map(|e| e.weight).sum();
    let pos: f64 = examples
        .iter()
        .filter(|e| e.boilerplate)
        .map(|e| e.weight)
        .sum();
    let prior = ((pos + 1.0) / (total - pos + 1.0)).ln();
    let mut bias = prior;
    let mut w: Vec<Vec<f64>> = FEATURES.iter().map(|f| vec![0.0; f.bins]).collect();
    let mut score = vec![bias; examples.len()];
    for _ in 0..opts.passes {
        for f in (0..N).filter(|f| opts.without & 1 << f == 0) {
            let bins = FEATURES[f].bins;
            let (mut g, mut h) = (vec![0.0; bins], vec![0.0; bins]);
            for (e, s) in examples.iter().zip(&score) {
                let p = sigmoid(*s);
                let b = e.bins[f] as usize;
                g[b] += e.weight * (f64::from(u8::from(e.boilerplate)) - p);
                h[b] += e.weight * p * (1.0 - p);
            }
            let mut step: Vec<f64> = (0..bins)
                .map(|b| {
                    // The penalty pulls the entry towards 0: Newton on
                    // loss + lambda/2 * w².
                    let d = (g[b] - opts.lambda * w[f][b]) / (h[b] + opts.lambda);
                    opts.shrink * d.clamp(-2.0, 2.0)
                })
                .collect();
            keep_floors(&FEATURES[f], &w[f], &mut step);
            for (b, d) in step.iter().enumerate() {
                w[f][b] += d;
            }
            for (e, s) in examples.iter().zip(score.iter_mut()) {
                *s += step[e.bins[f] as usize];
            }
        }
        // Re-centre the bias.
        let (mut g, mut h) = (0.0, 0.0);
        for (e, s) in examples.iter().zip(&score) {
            let p = sigmoid(*s);
            g += e.weight * (f64::from(u8::from(e.boilerplate)) - p);
            h += e.weight * p * (1.0 - p);
        }
        let d = (g / (h + 1.0)).clamp(-2.0, 2.0);
        bias += d;
        score.iter_mut().for_each(|s| *s += d);
    }
    let fixed = |x: f64| (x * f64::from(SCALE)).round() as i32;
    Fitted {
        bias: fixed(bias),
        tables: FEATURES
            .iter()
            .zip(&w)
            .map(|(f, t)| {
                let mut t: Vec<i32> = t.iter().map(|&x| fixed(x)).collect();
                // Rounding of a float projection may leave a bin one below.
                for b in 0..t.len() {
                    if let Some(fb) = f.floor_bin(b) {
                        t[b] = t[b].max(t[fb]);
                    }
                }
                (f.name.to_string(), t)
            })
            .collect(),
    }
}

/// Raise `step` so that no bin of a feature with a floor (`Feature::floor_bin`:
/// the bin a second clean can see instead) ends below that bin: a second
/// clean must not score higher, or the model would remove more then.
fn keep_floors(f: &Feature, w: &[f64], step: &mut [f64]) {
    // Floor bins come before their bins: one pass in order suffices.
    for b in 0..w.len() {
        if let Some(fb) = f.floor_bin(b) {
            step[b] = step[b].max(w[fb] + step[fb] - w[b]);
        }
    }
}

/// The lowest threshold that removes at most `max_lost` of the body weight:
/// `body` holds (score, weight) of body examples.
pub fn threshold_for(body: &[(i32, f64)], max_lost: f64) -> i32 {
    let total: f64 = body.iter().map(|b| b.1).sum();
    let mut sorted = body.to_vec();
    sorted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.total_cmp(&b.1)));
    let mut lost = 0.0;
    let mut t = sorted.first().map_or(0, |b| b.0.saturating_add(1));
    let mut k = 0;
    while k < sorted.len() {
        let s = sorted[k].0;
        let mut add = 0.0;
        while k < sorted.len() && sorted[k].0 == s {
            add += sorted[k].1;
            k += 1;
        }
        if lost + add > max_lost * total {
            break;
        }
        lost += add;
        t = s;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(end: u8, boilerplate: bool) -> Example {
        let mut bins = [0u8; N];
        bins[2] = end;
        Example {
            bins,
            boilerplate,
            weight: 1.0,
        }
    }

    #[test]
    fn fitting_is_deterministic_and_learns_the_signal() {
        let mut xs = Vec::new();
        for i in 0..200 {
            xs.push(ex(0, i % 10 != 0));
            xs.push(ex(2, i % 10 == 0));
        }
        let a = fit(&xs, FitOptions::default());
        let b = fit(&xs, FitOptions::default());
        assert_eq!(a, b);
        let end = &a.tables["end"];
        assert!(end[0] > end[2] + SCALE, "{end:?}");
    }

    #[test]
    fn tables_a_second_clean_lowers_keep_their_floors() {
        // Data that would make more documents look less like boilerplate:
        // the fit may not follow it for a feature whose bin only falls on
        // a second clean (`Rest::Falls`), nor for `Rest::Modulo`.
        let falls = FEATURES.iter().position(|f| f.name == "dump_docs").unwrap();
        let modulo = FEATURES
            .iter()
            .position(|f| f.name == "ruled_around")
            .unwrap();
        let mut xs = Vec::new();
        for i in 0..300 {
            let mut bins = [0u8; N];
            bins[falls] = (i % 5) as u8;
            bins[modulo] = (i % 6) as u8;
            let boilerplate = i % 5 == 0 || i % 6 < 2;
            xs.push(Example {
                bins,
                boilerplate,
                weight: 1.0,
            });
        }
        let fitted = fit(&xs, FitOptions::default());
        let t = &fitted.tables["dump_docs"];
        assert!(t.windows(2).all(|w| w[0] <= w[1]), "{t:?}");
        let t = &fitted.tables["ruled_around"];
        assert!((2..t.len()).all(|b| t[b] >= t[b % 2]), "{t:?}");
    }

    #[test]
    fn the_threshold_keeps_the_body_share_asked_for() {
        let body: Vec<(i32, f64)> = (0..100).map(|i| (i, 1.0)).collect();
        assert_eq!(threshold_for(&body, 0.0), 100);
        assert_eq!(threshold_for(&body, 0.05), 95);
    }
}
