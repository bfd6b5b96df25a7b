//! `newsclean train`: fit the segment model (`newsclean::model`) on a mix of
//! labelled documents and write its weights file (`rules/model/segment.toml`).
//!
//! The mix: dev sets of several seeds (marked boilerplate), donor documents
//! (`donor`: marker-free boilerplate from other articles, body shapes from
//! the article's own words) and the labelled real pages given with `--set`.
//! Each source weighs the same in the fit, whatever its size. Thresholds are
//! chosen per language on the training data (`--max-body-loss` of the
//! body's characters at most) and raised above every score of the clean
//! corpus bodies, so the model removes nothing from them. Deterministic:
//! same inputs and options, byte-identical file.

pub mod donor;

use crate::eval::corpus::Corpus;
use crate::eval::score::{map_spans, SHORT_BODY};
use crate::eval::{self, DevDoc, EvalError, Label};
use newsclean::model::features::{self, fnv, spec_hash, Bins};
use newsclean::model::table::{Manifest, Thresholds, TrainedFile};
use newsclean::model::train::{fit, Example, FitOptions};
use newsclean::model::{dump_counts, kept_view, ruled_lines, SegmentModel};
use newsclean::pipeline::document::Document;
use newsclean::pipeline::{clean_text_in, Context, Outcome};
use newsclean::text::lang::Lang;
use newsclean::Pack;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What `newsclean train` was given.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Labelled files (the dev-set format), e.g. the real pages' train half.
    pub sets: Vec<PathBuf>,
    pub corpus: PathBuf,
    /// Seeds of the generated dev sets in the mix.
    pub seeds: Vec<u64>,
    /// Seed of the donor documents.
    pub donor_seed: u64,
    /// Largest share of body characters the threshold may remove, per language.
    pub max_body_loss_en: f64,
    pub max_body_loss_ar: f64,
    /// Largest share of short body segments (< 80 characters) it may remove.
    pub max_short_loss: f64,
    /// Weight of each labelled file in the fit, relative to the dev mix and the donor set.
    pub real_weight: f64,
    pub fit: FitOptions,
    /// The command line recorded in the manifest.
    pub command: String,
}

/// One labelled kept segment.
#[derive(Debug, Clone)]
pub struct Segment {
    pub lang: Lang,
    pub bins: Bins,
    pub boilerplate: bool,
    /// Non-whitespace characters.
    pub chars: u64,
}

/// A cleaned labelled document as the model sees it: its segments, those
/// the rules kept, and the gold (boilerplate, body) characters of each segment.
pub struct View {
    pub lang: Lang,
    pub doc: Document,
    pub kept: Vec<usize>,
    /// Documents of the dump holding each line (`model::dump_counts`).
    pub dump: Vec<newsclean::model::DumpCounts>,
    pub gold: Vec<(u64, u64)>,
}

impl View {
    /// What the features see beyond the kept segments: the lines the rules
    /// removed (`ruled`, from `ruled_lines`) and the dump counts.
    fn around<'a>(&'a self, ruled: &'a [bool]) -> features::Around<'a> {
        features::Around {
            ruled,
            dump: &self.dump,
        }
    }
}

impl View {
    /// The kept segments as labelled examples (first round's features);
    /// segments with neither body nor boilerplate (titles) are left out.
    pub fn segments(&self) -> impl Iterator<Item = Segment> + '_ {
        let ruled = ruled_lines(&self.doc, &self.kept);
        let bins = features::compute(&self.doc, &self.kept, self.around(&ruled));
        let v: Vec<Segment> = self
            .kept
            .iter()
            .zip(bins)
            .filter_map(|(&i, bins)| {
                let (bp, body) = self.gold[i];
                (bp + body > 0).then_some(Segment {
                    lang: self.lang,
                    bins,
                    boilerplate: bp > body,
                    chars: bp + body,
                })
            })
            .collect();
        v.into_iter()
    }
}

/// `docs` cleaned by `pack` (as one dump), as the model sees them.
pub fn views(docs: &[DevDoc], pack: &Pack) -> Result<Vec<View>, EvalError> {
    let mut out = Vec::new();
    crate::eval::score::clean_as_dump(docs, pack, |d, ctx, outcome| {
        let Outcome::Kept(c) = outcome else {
            return Ok(());
        };
        let ranges = map_spans(d, &c, &pack.normalize)?;
        // The gold label of each normalized byte.
        let mut label = vec![Label::Sep; c.normalized.len()];
        for (s, r) in d.spans.iter().zip(&ranges) {
            label[r.clone()].iter_mut().for_each(|l| *l = s.label);
        }
        let (doc, kept, _) = kept_view(&c, pack, ctx);
        let gold = doc
            .lines
            .iter()
            .map(|l| {
                let (mut bp, mut body) = (0u64, 0u64);
                for (o, ch) in doc.text[l.text.clone()].char_indices() {
                    if !ch.is_whitespace() {
                        match label[l.text.start + o] {
                            Label::Boilerplate => bp += 1,
                            Label::Body => body += 1,
                            _ => {}
                        }
                    }
                }
                (bp, body)
            })
            .collect();
        let dump = dump_counts(&doc, &kept, ctx.corpus);
        out.push(View {
            lang: c.lang,
            doc,
            kept,
            dump,
            gold,
        });
        Ok(())
    })?;
    Ok(out)
}

/// What the model does to `views` at `threshold`, in gold characters of
/// the segments the rules kept: (body lost, body, short body segments
/// lost, short body segments, boilerplate removed, boilerplate).
pub fn simulate(views: &[&View], model: &SegmentModel, threshold: i32) -> [u64; 6] {
    let mut f = [0u64; 6];
    for v in views {
        let ruled = ruled_lines(&v.doc, &v.kept);
        let claimed: Vec<usize> =
            newsclean::model::run(model, &v.doc, v.kept.clone(), v.around(&ruled), threshold)
                .into_iter()
                .map(|(i, _)| i)
                .collect();
        for &i in &v.kept {
            let (bp, body) = v.gold[i];
            let gone = claimed.contains(&i);
            f[1] += body;
            f[0] += if gone { body } else { 0 };
            if body > bp && body < SHORT_BODY {
                f[3] += 1;
                f[2] += u64::from(gone);
            }
            f[5] += bp;
            f[4] += if gone { bp } else { 0 };
        }
    }
    f
}

/// The lowest threshold (on a grid) at which the model removes at most
/// `max_loss` of the body characters and `max_short_loss` of the short body
/// segments of `views`, simulating the model's rounds.
pub fn choose_threshold(
    views: &[&View],
    model: &SegmentModel,
    max_loss: f64,
    max_short_loss: f64,
) -> i32 {
    let total = |v: &View| v.kept.iter().map(|&i| v.gold[i].1).sum::<u64>();
    let all: u64 = views.iter().map(|v| total(v)).sum();
    let mut best = i32::MAX;
    // From high to low: stop at the first threshold over the budget.
    for t in (-3000..=8000).rev().step_by(100) {
        let f = simulate(views, model, t);
        let loss = f[0] as f64 / all.max(1) as f64;
        let short = f[2] as f64 / f[3].max(1) as f64;
        if loss > max_loss || short > max_short_loss {
            break;
        }
        best = t;
    }
    best
}

fn file_entry(path: &std::path::Path) -> Result<TrainedFile, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(TrainedFile {
        path: path.display().to_string(),
        bytes: bytes.len() as u64,
        fnv64: format!("{:016x}", fnv(&bytes)),
    })
}

/// The largest score of any kept segment of the clean corpus bodies (each
/// article cleaned alone, paragraphs separated by blank lines), per language.
fn corpus_max(corpus: &Corpus, pack: &Pack, m: &SegmentModel) -> (i32, i32) {
    let mut max = (i32::MIN, i32::MIN);
    for (ar, pool) in [(true, &corpus.ar), (false, &corpus.en)] {
        for a in pool.iter() {
            let text = a.paragraphs.join("\n\n");
            let ctx = Context::default();
            if let Outcome::Kept(c) = clean_text_in(&text, pack, &ctx) {
                let (_, _, bins) = kept_view(&c, pack, &ctx);
                for b in &bins {
                    let s = m.score(b);
                    let slot = if ar { &mut max.0 } else { &mut max.1 };
                    *slot = (*slot).max(s);
                }
            }
        }
    }
    max
}

/// Fit the model; `pack` is the pack it will run after (without a model).
pub fn train(opts: &TrainOptions, pack: &Pack) -> Result<SegmentModel, EvalError> {
    let corpus = Corpus::load(&opts.corpus)?;
    let mut sources: Vec<(String, Vec<View>)> = Vec::new();
    let mut files = Vec::new();
    for path in &opts.sets {
        files.push(file_entry(path)?);
        let docs = eval::read_jsonl(path)?;
        sources.push((path.display().to_string(), views(&docs, pack)?));
    }
    for name in ["ar_news_bodies.jsonl", "en_news_bodies.jsonl"] {
        files.push(file_entry(&opts.corpus.join(name))?);
    }
    let mut dev = Vec::new();
    for &seed in &opts.seeds {
        dev.extend(views(&eval::build(&corpus, seed)?, pack)?);
    }
    sources.push(("devsets".into(), dev));
    let donor = donor::build(&corpus, opts.donor_seed);
    sources.push(("donor".into(), views(&donor, pack)?));
    let labelled = opts.sets.len();

    // Every source weighs the same, 1000 in all; labelled files `real_weight` times that.
    let mut examples = Vec::new();
    for (k, (_, views)) in sources.iter().enumerate() {
        let segs: Vec<Segment> = views.iter().flat_map(View::segments).collect();
        let share = if k < labelled { opts.real_weight } else { 1.0 };
        let w = 1000.0 * share / segs.len().max(1) as f64;
        examples.extend(segs.iter().map(|s| Example {
            bins: s.bins,
            boilerplate: s.boilerplate,
            weight: w,
        }));
    }
    let fitted = fit(&examples, opts.fit);
    let mut model = SegmentModel {
        spec: spec_hash(),
        bias: fitted.bias,
        threshold: Thresholds::default(),
        tables: fitted.tables,
        training: Manifest::default(),
    };

    // Thresholds, simulating the model's rounds: English on the labelled
    // real pages (the dev mix when none is given), Arabic on the dev and
    // donor mix; both above every score of the clean corpus bodies.
    let of_lang = |range: std::ops::Range<usize>, lang: Lang| -> Vec<&View> {
        sources[range]
            .iter()
            .flat_map(|(_, v)| v.iter())
            .filter(|v| v.lang == lang)
            .collect()
    };
    let en_views = if labelled > 0 {
        of_lang(0..labelled, Lang::En)
    } else {
        of_lang(0..sources.len(), Lang::En)
    };
    let ar_views = of_lang(0..sources.len(), Lang::Ar);
    let (cmax_ar, cmax_en) = corpus_max(&corpus, pack, &model);
    // Within the budget on the training views, and above every corpus body.
    let threshold = |views: &[&View], max_loss: f64, corpus_max: i32| {
        choose_threshold(views, &model, max_loss, opts.max_short_loss)
            .max(corpus_max.saturating_add(1))
    };
    let en = threshold(&en_views, opts.max_body_loss_en, cmax_en);
    let ar = threshold(&ar_views, opts.max_body_loss_ar, cmax_ar);
    model.threshold = Thresholds {
        ar,
        en,
        und: ar.max(en),
    };

    let mut options = BTreeMap::new();
    let mut validation = BTreeMap::new();
    options.insert("seeds".into(), format!("{:?}", opts.seeds));
    options.insert("donor_seed".into(), opts.donor_seed.to_string());
    options.insert("max_body_loss_en".into(), opts.max_body_loss_en.to_string());
    options.insert("max_body_loss_ar".into(), opts.max_body_loss_ar.to_string());
    options.insert("real_weight".into(), opts.real_weight.to_string());
    options.insert("max_short_loss".into(), opts.max_short_loss.to_string());
    options.insert("passes".into(), opts.fit.passes.to_string());
    options.insert("lambda".into(), opts.fit.lambda.to_string());
    options.insert("shrink".into(), opts.fit.shrink.to_string());
    if opts.fit.without != 0 {
        let names = features::FEATURES
            .iter()
            .enumerate()
            .filter(|(f, _)| opts.fit.without & 1 << f != 0)
            .map(|(_, f)| f.name);
        options.insert("without".into(), names.collect::<Vec<_>>().join(","));
    }
    options.insert("pack_rules".into(), pack.rules.len().to_string());
    validation.insert("corpus_max_score_ar".into(), cmax_ar.to_string());
    validation.insert("corpus_max_score_en".into(), cmax_en.to_string());
    for (name, views) in &sources {
        let mut f = [0u64; 6];
        for lang in [Lang::Ar, Lang::En] {
            let v: Vec<&View> = views.iter().filter(|v| v.lang == lang).collect();
            let g = simulate(&v, &model, model.threshold(lang));
            f.iter_mut().zip(g).for_each(|(a, b)| *a += b);
        }
        let share = |x: u64, y: u64| format!("{:.4}", x as f64 / y.max(1) as f64);
        validation.insert(
            format!("train {name}"),
            format!(
                "{} documents; of what the rules left: body characters lost {}, short body segments lost {} of {}, boilerplate characters removed {}",
                views.len(),
                share(f[0], f[1]),
                f[2],
                f[3],
                share(f[4], f[5])
            ),
        );
    }
    model.training = Manifest {
        command: opts.command.clone(),
        files,
        options,
        validation,
    };
    Ok(model)
}

/// The weights file: one `model` rule, as `rules/model/segment.toml` holds it.
pub fn render(model: &SegmentModel) -> String {
    #[derive(serde::Serialize)]
    struct Rule<'a> {
        id: &'a str,
        kind: &'a str,
        description: &'a str,
        why: &'a str,
        #[serde(flatten)]
        model: &'a SegmentModel,
    }
    #[derive(serde::Serialize)]
    struct File<'a> {
        rule: Vec<Rule<'a>>,
    }
    let file = File {
        rule: vec![Rule {
            id: "model.segment",
            kind: "model",
            description: "Segments the learned model scores as boilerplate (teasers, related headlines, widget lines no rule names).",
            why: "Boilerplate without a marker reads like a headline about another story; the model weighs shape, position and the segment's words against the article's.",
            model,
        }],
    };
    let body = toml::to_string(&file).expect("the model serializes");
    format!(
        "# Written by `newsclean train`: do not edit by hand (see [rule.training] for how to make it again).\n{body}"
    )
}
