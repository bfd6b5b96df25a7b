//! A deterministic generator of benchmark dumps: real article sentences
//! (../shared/corpus) recombined into new articles, wrapped in boilerplate of
//! every kind the rule pack removes, written as a folder of `.txt` files or
//! as JSONL (plain, gzip or zstd).
//!
//! Bodies: every paragraph is 2–4 sentences drawn at random from the whole
//! corpus, so a paragraph (a line) almost never repeats across documents,
//! as in a real dump; only the boilerplate repeats. Boilerplate: the
//! remove-examples of the pack's rules (the marked part when marked; the
//! whole example for spans, which sit inside a body line), plus "read also"
//! lines with a fresh headline, so every kind of rule has work to do and the
//! generator follows the pack as it grows. The same seed gives the same bytes.

use newsclean::rules::{Kind, Pack};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A generator error: the corpus cannot be read, or the output written.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    #[error("cannot read the corpus {path}: {message}")]
    Corpus { path: PathBuf, message: String },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
}

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A folder of `.txt` files, 1,000 per sub-folder.
    Txt,
    Jsonl,
    JsonlGz,
    JsonlZst,
}

#[derive(Debug, Clone)]
pub struct GenOptions {
    pub out: PathBuf,
    pub format: Format,
    /// Stop after this many bytes of document text...
    pub bytes: u64,
    /// ... or this many documents, whichever comes first.
    pub docs: u64,
    /// Mean document size in bytes.
    pub doc_bytes: usize,
    pub seed: u64,
}

/// Sentences and boilerplate of one language.
#[derive(Debug, Default)]
struct Lang {
    sentences: Vec<String>,
    /// Pieces that go between paragraphs.
    inner: Vec<String>,
    /// Pieces that end a document (tails).
    tails: Vec<String>,
    read_also: &'static str,
}

/// What documents are made of.
#[derive(Debug)]
pub struct Material {
    langs: [Lang; 2],
}

/// The dev set's SplitMix64: the same sequence on every platform and version.
pub use crate::eval::rng::Rng;

/// Split a paragraph after `.`, `!`, `?`, `؟` followed by a space.
fn sentences(p: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut start = 0;
    let b = p.as_bytes();
    for (i, c) in p.char_indices() {
        let end = i + c.len_utf8();
        if matches!(c, '.' | '!' | '?' | '؟') && b.get(end) == Some(&b' ') {
            out.push(p[start..end].trim().to_string());
            start = end;
        }
    }
    out.push(p[start..].trim().to_string());
    // Keep sentences that end like one and are long enough to be one.
    out.retain(|s| s.chars().count() >= 25 && s.ends_with(['.', '!', '?', '؟']));
    out
}

fn corpus_sentences(path: &Path) -> Result<Vec<String>, GenError> {
    let err = |message: String| GenError::Corpus {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    let mut out = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        let paras = v["paragraphs"]
            .as_array()
            .ok_or_else(|| err("no paragraphs".into()))?;
        for p in paras.iter().filter_map(|p| p.as_str()) {
            out.extend(sentences(p));
        }
    }
    Ok(out)
}

/// The marked parts of an example (`⟦...⟧`), or all of it when unmarked.
fn marked(example: &str) -> Vec<String> {
    let parts: Vec<String> = example
        .split('⟦')
        .skip(1)
        .filter_map(|s| s.split_once('⟧').map(|(m, _)| m.trim().to_string()))
        .collect();
    if parts.is_empty() {
        vec![example.trim().to_string()]
    } else {
        parts
    }
}

impl Material {
    /// Sentences from `corpus_dir` (`ar_news_bodies.jsonl`, `en_news_bodies.jsonl`),
    /// boilerplate from the pack's examples.
    pub fn load(corpus_dir: &Path, pack: &Pack) -> Result<Material, GenError> {
        let mut langs = [Lang::default(), Lang::default()];
        langs[0].read_also = "إقرأ أيضا: ";
        langs[1].read_also = "Read more: ";
        for (i, code) in ["ar", "en"].iter().enumerate() {
            langs[i].sentences =
                corpus_sentences(&corpus_dir.join(format!("{code}_news_bodies.jsonl")))?;
            for r in pack
                .rules
                .iter()
                .filter(|r| r.lang.is_none_or(|l| l.as_str() == *code))
            {
                for ex in &r.examples.remove {
                    let is_ar = ex.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
                    if is_ar != (i == 0) {
                        continue;
                    }
                    match &r.kind {
                        Kind::Title(_) => {}
                        Kind::Tail(_) => langs[i].tails.extend(marked(ex)),
                        Kind::Span(_) => langs[i].inner.push(ex.replace(['⟦', '⟧'], "")),
                        _ => langs[i].inner.extend(marked(ex)),
                    }
                }
            }
        }
        Ok(Material { langs })
    }

    /// One document of about `size` bytes.
    pub fn document(&self, rng: &mut Rng, size: usize) -> String {
        let lang = &self.langs[usize::from(rng.below(10) >= 7)]; // 70% Arabic
        let s = &lang.sentences;
        let headline = |rng: &mut Rng| -> String {
            let words: Vec<&str> = rng
                .pick(s)
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty())
                .collect();
            let n = words.len().min(6 + rng.below(4));
            words[..n].join(" ")
        };
        let mut blocks = vec![headline(rng)];
        let mut len = blocks[0].len();
        while len < size {
            let mut p = String::new();
            for k in 0..2 + rng.below(3) {
                if k > 0 {
                    p.push(' ');
                }
                p.push_str(rng.pick::<String>(s));
            }
            len += p.len() + 2;
            blocks.push(p);
        }
        for _ in 0..1 + rng.below(3) {
            let piece = if rng.below(3) == 0 {
                format!("{}{}", lang.read_also, headline(rng))
            } else {
                rng.pick(&lang.inner).clone()
            };
            let at = 2 + rng.below(blocks.len() - 1);
            blocks.insert(at.min(blocks.len()), piece);
        }
        if !lang.tails.is_empty() && rng.below(10) < 3 {
            blocks.push(rng.pick(&lang.tails).clone());
        }
        blocks.join("\n\n") + "\n"
    }
}

/// What `generate` wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct GenStats {
    pub docs: u64,
    pub bytes: u64,
}

/// Write a dump (see `GenOptions`).
pub fn generate(m: &Material, o: &GenOptions) -> Result<GenStats, GenError> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GenError::Write { path, source }
    };
    let mut rng = Rng::new(o.seed);
    let mut stats = GenStats::default();
    let mut jsonl: Option<Box<dyn Write>> = match o.format {
        Format::Txt => {
            std::fs::create_dir_all(&o.out).map_err(err(&o.out))?;
            None
        }
        f => {
            if let Some(dir) = o.out.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(err(dir))?;
            }
            let w = BufWriter::with_capacity(1 << 20, File::create(&o.out).map_err(err(&o.out))?);
            Some(match f {
                Format::JsonlGz => Box::new(flate2::write::GzEncoder::new(
                    w,
                    flate2::Compression::fast(),
                )),
                Format::JsonlZst => {
                    Box::new(zstd::Encoder::new(w, 3).map_err(err(&o.out))?.auto_finish())
                }
                _ => Box::new(w),
            })
        }
    };
    while stats.bytes < o.bytes && stats.docs < o.docs {
        let size = o.doc_bytes / 2 + rng.below(o.doc_bytes.max(1));
        let doc = m.document(&mut rng, size);
        let n = stats.docs;
        match &mut jsonl {
            Some(w) => {
                let rec = serde_json::json!({"id": format!("gen-{n:09}"), "text": doc, "url": format!("https://example.invalid/{n}")});
                serde_json::to_writer(&mut *w, &rec).map_err(|e| err(&o.out)(e.into()))?;
                w.write_all(b"\n").map_err(err(&o.out))?;
            }
            None => {
                let dir = o.out.join(format!("{:04}", n / 1000));
                if n % 1000 == 0 {
                    std::fs::create_dir_all(&dir).map_err(err(&dir))?;
                }
                let path = dir.join(format!("{n:09}.txt"));
                std::fs::write(&path, &doc).map_err(err(&path))?;
            }
        }
        stats.docs += 1;
        stats.bytes += doc.len() as u64;
    }
    if let Some(mut w) = jsonl {
        w.flush().map_err(err(&o.out))?;
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_and_filter() {
        let s = sentences(
            "First sentence is long enough here. Short. Third one is long enough too? tail",
        );
        assert_eq!(
            s,
            [
                "First sentence is long enough here.",
                "Third one is long enough too?"
            ]
        );
        assert_eq!(marked("a\n⟦x⟧ b ⟦y⟧"), ["x", "y"]);
        assert_eq!(marked(" plain "), ["plain"]);
    }
}
