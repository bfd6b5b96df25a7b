//! A whole clean pass over a fuzzed JSONL dump: one record per line, thread identity.

use super::generators::*;
use super::jsonl::json_soup;
use super::*;
use crate::common::*;

// ------------------------------------------- whole pass, thread identity

pub(super) fn clean_dump(
    dump: &std::path::Path,
    out: &std::path::Path,
    threads: usize,
) -> (usize, usize) {
    use newsclean::io::sink::{Compress, SinkOptions};
    use newsclean::io::source::{Inputs, ReadOptions};
    use newsclean::run::{clean_pass, pool, RunOptions};
    let opts = RunOptions {
        inputs: vec![dump.to_path_buf()],
        sink: SinkOptions {
            out: Some(out.to_path_buf()),
            compress: Compress::None,
            ..SinkOptions::default()
        },
        threads: Some(threads),
        ..RunOptions::default()
    };
    let inputs = Inputs::discover(&opts.inputs, ReadOptions::default()).unwrap();
    clean_pass(&inputs, &opts, pack(), &pool(Some(threads)).unwrap(), None).unwrap();
    let count = |f: &str| {
        std::fs::read_to_string(out.join(f))
            .map(|s| s.lines().count())
            .unwrap_or(0)
    };
    (count("clean.jsonl"), count("rejected.jsonl"))
}

pub(super) fn dump_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => mutated_article().prop_map(|t| {
            serde_json::to_string(&serde_json::json!({"text": t})).unwrap().into_bytes()
        }),
        2 => nasty_text(200).prop_map(|t| {
            serde_json::to_string(&serde_json::json!({"id": t.clone(), "text": t}))
                .unwrap()
                .into_bytes()
        }),
        1 => json_soup(),
        1 => prop::collection::vec(any::<u8>(), 0..80),
    ]
    .prop_map(|mut l| {
        l.retain(|&b| b != b'\n');
        l
    })
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn fuzz_pass_one_record_per_line_and_thread_identity(
        lines in prop::collection::vec(dump_line(), 1..24),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let dump = tmp.path().join("dump.jsonl");
        let mut bytes = lines.join(&b'\n');
        bytes.push(b'\n');
        std::fs::write(&dump, &bytes).unwrap();
        let nonblank = bytes
            .split(|&b| b == b'\n')
            .filter(|l| !l.iter().all(|b| b.is_ascii_whitespace()))
            .count();
        let one = tmp.path().join("t1");
        let two = tmp.path().join("t2");
        let (kept, rejected) = clean_dump(&dump, &one, 1);
        prop_assert_eq!(kept + rejected, nonblank, "one record per non-blank line");
        clean_dump(&dump, &two, 2);
        for f in ["clean.jsonl", "audit.jsonl", "rejected.jsonl"] {
            let a = std::fs::read(one.join(f)).unwrap_or_default();
            let b = std::fs::read(two.join(f)).unwrap_or_default();
            prop_assert!(a == b, "{} differs between 1 and 2 threads", f);
        }
    }
}
