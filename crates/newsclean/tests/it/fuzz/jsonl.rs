//! The JSONL reader on bytes, token soup and structured records.

use super::*;

// --------------------------------------------------------- JSONL reader

pub(super) fn parse(
    line: &[u8],
) -> Result<newsclean::io::source::Record, (newsclean::RejectReason, String)> {
    newsclean::io::source::parse_jsonl(line, "id", "text")
}

/// Whatever the reader accepts is a JSON object whose `text` it returns.
pub(super) fn check_jsonl_agrees(line: &[u8]) {
    let got = parse(line);
    if let Ok(rec) = &got {
        if let Some(c) = &rec.carried {
            let v: serde_json::Value = match serde_json::from_str(c.get()) {
                Ok(v) => v,
                // Lone surrogates in carried strings are kept raw.
                Err(_) => return,
            };
            assert!(v.is_object(), "carried is an object: {}", c.get());
        }
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(line) {
            assert_eq!(v["text"].as_str(), Some(rec.text.as_str()));
        }
    }
}

pub(super) const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "\"text\"",
    "\"id\"",
    "\"url\"",
    "\"a\"",
    "\"\"",
    "\"\\ud800\"",
    "\"\\udc00\"",
    "\"\\ud83d\\ude00\"",
    "\"\\u0000\"",
    "\"\\\"\"",
    "\"\\\\\"",
    "1e999999",
    "-0",
    "123456789012345678901234567890",
    "0.1e-99999",
    "1.50",
    "-",
    "null",
    "true",
    "false",
    "\"a/../b\"",
    "\"../../etc/passwd\"",
    "\"/\"",
    "\"x\\ny\"",
    "\"\u{FEFF}\"",
    "\"\t\"",
    "\\",
    "\"",
    "\u{FEFF}",
    "\n",
    "\u{0000}",
    "\u{00E9}",
    "\u{FFFF}",
];

pub(super) fn json_soup() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select(JSON_TOKENS).prop_map(|t| t.as_bytes().to_vec()),
            1 => any::<u8>().prop_map(|b| vec![b]),
        ],
        0..60,
    )
    .prop_map(|v| {
        let mut out = b"{".to_vec();
        out.extend(v.concat());
        out
    })
}

/// A JSON value as written text: (text, depth, has a lone surrogate).
pub(super) fn json_value() -> impl Strategy<Value = (String, usize, bool)> {
    let leaf = prop_oneof![
        Just(("null".to_string(), 0, false)),
        Just(("1e999999".to_string(), 0, false)),
        Just(("123456789012345678901234567890".to_string(), 0, false)),
        Just(("-0.0e-0".to_string(), 0, false)),
        Just(("\"\\ud800\"".to_string(), 0, true)),
        Just(("\"\\udfff x\"".to_string(), 0, true)),
        Just(("\"a/../b\"".to_string(), 0, false)),
        any::<String>().prop_map(|s| (serde_json::to_string(&s).unwrap(), 0, false)),
        any::<i64>().prop_map(|n| (n.to_string(), 0, false)),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| {
                let d = v.iter().map(|x| x.1).max().unwrap_or(0) + 1;
                let s = v.iter().any(|x| x.2);
                let items: Vec<String> = v.into_iter().map(|x| x.0).collect();
                (format!("[{}]", items.join(",")), d, s)
            }),
            prop::collection::vec(("[a-z]{1,3}", inner), 0..4).prop_map(|v| {
                let d = v.iter().map(|x| x.1 .1).max().unwrap_or(0) + 1;
                let s = v.iter().any(|x| x.1 .2);
                let items: Vec<String> = v
                    .into_iter()
                    .map(|(k, x)| format!("\"{k}\":{}", x.0))
                    .collect();
                (format!("{{{}}}", items.join(",")), d, s)
            }),
        ]
    })
}

#[derive(Debug, Clone)]
enum IdVal {
    Absent,
    Null,
    Str(String),
    Num(String),
    Bad(String),
}

#[derive(Debug, Clone)]
struct JRecord {
    text: Option<String>,
    id: IdVal,
    others: Vec<(String, (String, usize, bool))>,
    /// Wrap the whole value in this many extra arrays in a carried field.
    deep: usize,
    dup_text: bool,
    order: usize,
}

fn jrecord() -> impl Strategy<Value = JRecord> {
    let id = prop_oneof![
        Just(IdVal::Absent),
        Just(IdVal::Null),
        prop::sample::select(vec![
            "a/../b",
            "../../etc/passwd",
            "/abs",
            "..",
            "x\u{0000}y",
            ""
        ])
        .prop_map(|s| IdVal::Str(s.to_string())),
        any::<String>().prop_map(IdVal::Str),
        prop::sample::select(vec![
            "7",
            "-0",
            "1e999999",
            "123456789012345678901234567890",
            "1.50"
        ])
        .prop_map(|s| IdVal::Num(s.to_string())),
        prop::sample::select(vec!["true", "[1]", "{}", "\"\\ud800\""])
            .prop_map(|s| IdVal::Bad(s.to_string())),
    ];
    (
        proptest::option::weighted(0.9, any::<String>()),
        id,
        prop::collection::vec(("[a-z]{1,4}", json_value()), 0..4),
        prop_oneof![8 => Just(0usize), 1 => 120usize..140, 1 => 1000usize..3000],
        proptest::bool::weighted(0.1),
        any::<usize>(),
    )
        .prop_map(|(text, id, others, deep, dup_text, order)| JRecord {
            text,
            id,
            others,
            deep,
            dup_text,
            order,
        })
}

#[test]
pub(super) fn fuzz_jsonl_structured() {
    let mut runner = proptest::test_runner::TestRunner::new(config(1));
    runner
        .run(&jrecord(), |r| {
            let mut fields: Vec<(String, String)> = r
                .others
                .iter()
                .filter(|(k, _)| k != "id" && k != "text")
                .map(|(k, v)| (k.clone(), v.0.clone()))
                .collect();
            if r.deep > 0 {
                let v = format!("{}{}", "[".repeat(r.deep), "]".repeat(r.deep));
                fields.push(("deep".into(), v));
            }
            let pos = |n: usize| r.order % (n + 1);
            if let Some(t) = &r.text {
                let at = pos(fields.len());
                fields.insert(at, ("text".into(), serde_json::to_string(t).unwrap()));
                if r.dup_text {
                    fields.push(("text".into(), "\"again\"".into()));
                }
            }
            let id_json = match &r.id {
                IdVal::Absent => None,
                IdVal::Null => Some("null".to_string()),
                IdVal::Str(s) => Some(serde_json::to_string(s).unwrap()),
                IdVal::Num(n) | IdVal::Bad(n) => Some(n.clone()),
            };
            if let Some(j) = id_json {
                let at = pos(fields.len()) / 2;
                fields.insert(at, ("id".into(), j));
            }
            let line = format!(
                "{{{}}}",
                fields
                    .iter()
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            let got = parse(line.as_bytes());
            check_jsonl_agrees(line.as_bytes());
            let dup_other = {
                let mut ks: Vec<&str> = fields.iter().map(|f| f.0.as_str()).collect();
                ks.sort_unstable();
                ks.windows(2).any(|w| w[0] == w[1])
            };
            let too_deep = r.deep > 127 || r.others.iter().any(|o| o.1 .1 > 127);
            let surrogate = r.others.iter().any(|o| o.1 .2);
            // A field given twice (text, id or a carried one) is malformed.
            let should_fail = r.text.is_none()
                || r.dup_text
                || dup_other
                || too_deep
                || matches!(r.id, IdVal::Bad(_));
            match &got {
                Ok(rec) => {
                    prop_assert!(!should_fail, "accepted {line:?}");
                    prop_assert_eq!(Some(&rec.text), r.text.as_ref());
                    match &r.id {
                        IdVal::Absent | IdVal::Null => prop_assert_eq!(&rec.id, &None),
                        IdVal::Str(s) | IdVal::Num(s) => {
                            prop_assert_eq!(rec.id.as_deref(), Some(s.as_str()))
                        }
                        IdVal::Bad(_) => unreachable!(),
                    }
                    let n_carried = fields.len()
                        - usize::from(r.text.is_some())
                        - usize::from(!matches!(r.id, IdVal::Absent));
                    prop_assert_eq!(rec.carried.is_some(), n_carried > 0);
                    if let Some(c) = &rec.carried {
                        if !surrogate {
                            let v: std::collections::BTreeMap<
                                String,
                                Box<serde_json::value::RawValue>,
                            > = serde_json::from_str(c.get()).unwrap();
                            prop_assert_eq!(v.len(), n_carried);
                        }
                    }
                }
                Err((reason, detail)) => {
                    // A lone surrogate in a carried field is kept raw.
                    prop_assert!(
                        should_fail,
                        "rejected {:?} ({:?}: {})",
                        line,
                        reason,
                        detail
                    );
                }
            }
            Ok(())
        })
        .unwrap();
}

proptest! {
    #![proptest_config(config(1))]

    #[test]
    fn fuzz_jsonl_arbitrary_bytes(line in prop::collection::vec(any::<u8>(), 0..300)) {
        check_jsonl_agrees(&line);
    }

    #[test]
    fn fuzz_jsonl_token_soup(line in json_soup()) {
        check_jsonl_agrees(&line);
    }
}

#[test]
pub(super) fn fuzz_jsonl_very_deep_and_wide() {
    for n in [127usize, 128, 129, 10_000, 1_000_000] {
        let line = format!(
            "{{\"text\":\"t\",\"x\":{}{}}}",
            "[".repeat(n),
            "]".repeat(n)
        );
        let got = parse(line.as_bytes());
        assert_eq!(got.is_ok(), n < 128, "depth {n}");
        let open = format!("{{\"text\":\"t\",\"x\":{}", "{\"a\":".repeat(n));
        assert!(parse(open.as_bytes()).is_err());
    }
}
