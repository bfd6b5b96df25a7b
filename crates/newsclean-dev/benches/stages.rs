//! Stage benchmarks on generated documents (`newsclean_dev::generate`): each
//! stage of the per-document path over the same ~4 MB of text, reported as
//! throughput, so the stages can be compared with each other and with the
//! whole-run figures of `bench/run.sh`. Run: `cargo bench --bench stages`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsclean::io::records::{render, DocInfo};
use newsclean::io::source::{parse_jsonl, ReadOptions};
use newsclean::pipeline::clean_text;
use newsclean::pipeline::document::Document;
use newsclean::rules;
use newsclean_dev::generate::{Material, Rng};
use std::path::Path;

fn stages(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pack = rules::load_dir(&root.join("rules")).expect("default pack");
    let material = Material::load(&root.join("../shared/corpus"), &pack).expect("corpus");
    let mut rng = Rng::new(7);
    let docs: Vec<String> = (0..1000)
        .map(|_| material.document(&mut rng, 4000))
        .collect();
    let bytes: u64 = docs.iter().map(|d| d.len() as u64).sum();
    let lines: Vec<Vec<u8>> = docs
        .iter()
        .map(|d| serde_json::to_vec(&serde_json::json!({"id": "x", "text": d})).unwrap())
        .collect();
    let normalized: Vec<String> = docs
        .iter()
        .map(|d| newsclean::text::normalize::normalize(d, &pack.normalize).0)
        .collect();
    let opts = ReadOptions::default();

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function("jsonl_parse", |b| {
        b.iter(|| {
            for l in &lines {
                parse_jsonl(l, &opts.id_field, &opts.text_field).expect("valid");
            }
        })
    });
    g.bench_function("normalize", |b| {
        b.iter(|| {
            for d in &docs {
                newsclean::text::normalize::normalize(d, &pack.normalize);
            }
        })
    });
    g.bench_function("lang_detect", |b| {
        b.iter(|| {
            normalized
                .iter()
                .map(|d| newsclean::text::lang::detect(d) as usize)
                .sum::<usize>()
        })
    });
    g.bench_function("fold", |b| {
        b.iter(|| {
            for d in &normalized {
                newsclean::text::fold::fold(d);
            }
        })
    });
    g.bench_function("document_new", |b| {
        b.iter(|| {
            for d in &normalized {
                Document::new(d.clone());
            }
        })
    });
    g.bench_function("matcher_hits", |b| {
        let built: Vec<Document> = normalized
            .iter()
            .map(|d| Document::new(d.clone()))
            .collect();
        b.iter(|| {
            built
                .iter()
                .map(|d| pack.matcher.hits(d).len())
                .sum::<usize>()
        })
    });
    g.bench_function("clean_text", |b| {
        b.iter(|| {
            for d in &docs {
                clean_text(d, &pack);
            }
        })
    });
    g.bench_function("render", |b| {
        let outcomes: Vec<_> = docs.iter().map(|d| clean_text(d, &pack)).collect();
        let info = DocInfo {
            id: "x",
            source_path: "x",
            carried: None,
            carried_top: false,
        };
        b.iter(|| {
            for o in &outcomes {
                render(&info, o, &pack);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
