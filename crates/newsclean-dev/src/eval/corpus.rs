//! The real article bodies of the shared corpus, read at run time (never
//! copied into the repository): `ar_news_bodies.jsonl` and
//! `en_news_bodies.jsonl`, one article a line.

use super::EvalError;
use serde::Deserialize;
use std::path::Path;

/// One real article: its paragraphs (and, in English, its real headline).
#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
}

/// Both languages of the corpus, in file order.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub ar: Vec<Article>,
    pub en: Vec<Article>,
}

impl Corpus {
    /// Read `dir/ar_news_bodies.jsonl` and `dir/en_news_bodies.jsonl`.
    pub fn load(dir: &Path) -> Result<Corpus, EvalError> {
        Ok(Corpus {
            ar: read_articles(&dir.join("ar_news_bodies.jsonl"))?,
            en: read_articles(&dir.join("en_news_bodies.jsonl"))?,
        })
    }
}

fn read_articles(path: &Path) -> Result<Vec<Article>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let a: Article = serde_json::from_str(line).map_err(|e| EvalError::Json {
            path: path.to_path_buf(),
            line: i + 1,
            message: e.to_string(),
        })?;
        if a.paragraphs
            .iter()
            .any(|p| p.trim().is_empty() || p.contains('\n'))
        {
            return Err(EvalError::Corpus {
                path: path.to_path_buf(),
                message: format!("article {}: empty or multi-line paragraph", a.id),
            });
        }
        if !a.paragraphs.is_empty() {
            out.push(a);
        }
    }
    if out.len() < 50 {
        return Err(EvalError::Corpus {
            path: path.to_path_buf(),
            message: format!("only {} articles; the dev set needs at least 50", out.len()),
        });
    }
    Ok(out)
}
