//! `newsclean train`: Fit the segment model and write its weights file.

use super::prelude::*;
use newsclean_dev::train;

/// Fit the segment model on labelled documents and write its weights file.
#[derive(clap::Args)]
pub struct Args {
    /// Labelled files (id, lang, text, spans), e.g. the train half of real pages.
    #[arg(long, required = true)]
    pub set: Vec<PathBuf>,
    /// The weights file to write (the built-in one: rules/model/segment.toml).
    #[arg(long)]
    pub out: PathBuf,
    /// Real article bodies: donor boilerplate, body shapes, the body-must-survive check.
    #[arg(long, default_value = "../shared/corpus")]
    pub corpus: PathBuf,
    /// Seeds of the generated dev sets in the mix (keep eval's seeds 1–6 out).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "101,102,103,104,105,106,107,108"
    )]
    pub seeds: Vec<u64>,
    /// Seed of the donor documents.
    #[arg(long, default_value_t = 7)]
    pub donor_seed: u64,
    /// Largest share of English body characters (of the training mix) the threshold may remove.
    #[arg(long, default_value_t = 0.002)]
    pub max_body_loss_en: f64,
    /// Same for Arabic (no real labelled Arabic pages: be conservative).
    #[arg(long, default_value_t = 0.0005)]
    pub max_body_loss_ar: f64,
    /// Largest share of short body segments (< 80 characters) the threshold may remove.
    #[arg(long, default_value_t = 0.01)]
    pub max_short_loss: f64,
    /// Weight of each labelled file in the fit, relative to the dev mix and the donor set.
    #[arg(long, default_value_t = 1.0)]
    pub real_weight: f64,
    /// Features left out of the fit (their tables stay 0): to measure what a feature brings.
    #[arg(long, value_delimiter = ',')]
    pub without: Vec<String>,
    #[command(flatten)]
    pub rules: RulesArgs,
}

pub fn run(args: Args) -> Result<()> {
    // The model runs after every other rule: train on what they leave.
    let pack = args.rules.load()?.without("model");
    let mut command = String::from("newsclean train");
    for s in &args.set {
        command.push_str(&format!(" --set {}", s.display()));
    }
    command.push_str(&format!(
        " --corpus {} --seeds {} --donor-seed {} --max-body-loss-en {} --max-body-loss-ar {} --max-short-loss {} --real-weight {} --out {}",
        args.corpus.display(),
        args.seeds.iter().map(u64::to_string).collect::<Vec<_>>().join(","),
        args.donor_seed,
        args.max_body_loss_en,
        args.max_body_loss_ar,
        args.max_short_loss,
        args.real_weight,
        args.out.display()
    ));
    if !args.without.is_empty() {
        command.push_str(&format!(" --without {}", args.without.join(",")));
    }
    let without =
        newsclean::model::train::feature_mask(&args.without).map_err(anyhow::Error::msg)?;
    let opts = train::TrainOptions {
        sets: args.set,
        corpus: args.corpus,
        seeds: args.seeds,
        donor_seed: args.donor_seed,
        max_body_loss_en: args.max_body_loss_en,
        max_body_loss_ar: args.max_body_loss_ar,
        max_short_loss: args.max_short_loss,
        real_weight: args.real_weight,
        fit: newsclean::model::train::FitOptions {
            without,
            ..Default::default()
        },
        command,
    };
    let model = train::train(&opts, &pack)?;
    let text = train::render(&model);
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(&args.out, text)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "{} written: thresholds ar {} en {}",
        args.out.display(),
        model.threshold.ar,
        model.threshold.en
    );
    for (k, v) in &model.training.validation {
        eprintln!("  {k}: {v}");
    }
    Ok(())
}
