//! The progress bar of `clean`, drawn on stderr when it is a terminal: one
//! line per pass over the inputs (the first pass, then cleaning), with
//! documents, bytes read on disk, throughput and ETA when the total is known.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Mutex;

pub struct Bar {
    quiet: bool,
    bar: Mutex<Option<ProgressBar>>,
}

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        Bar {
            quiet,
            bar: Mutex::new(None),
        }
    }
}

impl newsclean::run::Progress for Bar {
    fn start(&self, pass: &'static str, total_bytes: Option<u64>) {
        let target = if self.quiet {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let pb = ProgressBar::with_draw_target(total_bytes, target);
        let template = match total_bytes {
            Some(_) => "{prefix:>10} {bar:30} {msg} documents  {binary_bytes}/{binary_total_bytes}  {binary_bytes_per_sec}  ETA {eta}",
            None => "{prefix:>10} {spinner} {msg} documents  {binary_bytes}  {binary_bytes_per_sec}  elapsed {elapsed}",
        };
        pb.set_style(ProgressStyle::with_template(template).expect("static template"));
        pb.set_prefix(pass);
        pb.set_message("0");
        *self.bar.lock().expect("not poisoned") = Some(pb);
    }

    fn advance(&self, docs: usize, bytes: u64) {
        if let Some(pb) = self.bar.lock().expect("not poisoned").as_ref() {
            pb.inc(bytes);
            if docs.is_multiple_of(256) {
                pb.set_message(docs.to_string());
            }
        }
    }

    fn finish(&self) {
        if let Some(pb) = self.bar.lock().expect("not poisoned").take() {
            pb.finish_and_clear();
        }
    }
}
