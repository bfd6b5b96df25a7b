//! `model` (detector): the learned segment model, run on what the rules
//! left. Each kept segment (a line, or a piece of a line cut at glued words)
//! gets language-agnostic features (`model::features`), an integer score
//! from the additive tables (`model::table`), and is claimed when the score
//! reaches the threshold of the document's language. The weights are the
//! rule's parameters, written by `newsclean train` (`rules/model/segment.toml`).
//!
//! Idempotent by construction: features are computed over the kept
//! segments only, and the model runs again on what it kept until it claims
//! nothing more, so a second clean of the output (which sees exactly those
//! segments) claims nothing. It never claims every kept segment of a
//! document. `--ignore model` turns it off.
//!
//! Without tables (as below) the rule removes nothing; `newsclean train`
//! writes the tables, threshold and training manifest:
//!
//! ```toml
//! [[rule]]
//! id = "model.segment"
//! kind = "model"
//! description = "Segments the learned model scores as boilerplate."
//! ```

use super::Behaviour;
use crate::model::SegmentModel;
use crate::pipeline::work::{At, Work};

impl Behaviour for SegmentModel {
    fn parse(params: toml::Table) -> Result<Self, String> {
        let m: SegmentModel = super::deserialize(params)?;
        m.validate()?;
        Ok(m)
    }

    fn claim(&self, at: &At, work: &mut Work) {
        if !self.is_active() {
            return;
        }
        let doc = at.doc;
        let kept: Vec<usize> = (0..doc.lines.len())
            .filter(|&i| !doc.is_blank(i) && !work.owners.is_owned(i))
            .collect();
        // Lines other rules removed (in the settling rounds, not the
        // model's own earlier claims: they must not vouch for more).
        let owners = &work.owners;
        let ruled: Vec<bool> = (0..doc.lines.len())
            .map(|i| {
                !doc.is_blank(i)
                    && owners.owner[i].is_some_and(|c| owners.claims[c as usize].rule != at.index)
            })
            .collect();
        let dump = crate::model::dump_counts(doc, &kept, at.ctx.corpus);
        let around = crate::model::features::Around {
            ruled: &ruled,
            dump: &dump,
        };
        let threshold = self.threshold(doc.lang);
        let scorer = self.scorer();
        for (i, bins) in crate::model::run(self, doc, kept, around, threshold) {
            work.owners.add(at.claim(i..i + 1, None));
            work.notes
                .push((doc.lines[i].text.start, scorer.explain(&bins, doc.lang)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::features::{spec_hash, FEATURES};
    use crate::pipeline::{clean_text, Outcome};
    use crate::rules::Pack;

    /// A pack of one model rule whose `end` table makes unpunctuated
    /// segments boilerplate.
    fn pack() -> Pack {
        let mut t = String::from(
            "[[rule]]\nid = \"model.segment\"\nkind = \"model\"\ndescription = \"m\"\n",
        );
        t.push_str(&format!(
            "spec = \"{}\"\nbias = -1000\nthreshold = {{ ar = 0, en = 0, und = 0 }}\n[rule.tables]\n",
            spec_hash()
        ));
        for f in FEATURES {
            let mut v = vec![0; f.bins];
            if f.name == "end" {
                v[0] = 2000;
            }
            t.push_str(&format!("{} = {:?}\n", f.name, v));
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("m.toml"), t).unwrap();
        crate::rules::load_dir(dir.path()).unwrap()
    }

    #[test]
    fn claims_scored_segments_and_is_idempotent() {
        let text = "A first sentence of the body.\nSome widget\nA second sentence of the body.\n";
        let Outcome::Kept(c) = clean_text(text, &pack()) else {
            panic!("rejected")
        };
        assert_eq!(
            c.text,
            "A first sentence of the body.\nA second sentence of the body."
        );
        assert!(c
            .notes
            .values()
            .any(|n| n.starts_with("score 1000 ≥ 0: end +2000")));
        let Outcome::Kept(again) = clean_text(&c.text, &pack()) else {
            panic!("rejected")
        };
        assert_eq!(again.text, c.text);
    }

    #[test]
    fn a_model_for_other_features_does_not_load() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("m.toml"),
            "[[rule]]\nid = \"model.segment\"\nkind = \"model\"\ndescription = \"m\"\nspec = \"0\"\n[rule.tables]\nchars = [0]\n",
        )
        .unwrap();
        let err = crate::rules::load_dir(dir.path()).unwrap_err().to_string();
        assert!(err.contains("retrain"), "{err}");
    }
}
