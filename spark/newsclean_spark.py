"""newsclean on Spark: the whole dump on a cluster, as `newsclean clean` cleans it.

    spark-submit --py-files newsclean_spark.py newsclean_spark.py \
        --out s3://bucket/clean/ s3://bucket/dump/part-0000.jsonl.gz ...

Every executor needs the `newsclean` wheel installed (pip install it in the
image, or ship a venv with --archives). Inputs are JSONL files: plain or
.gz (split by Spark: plain files into blocks, .gz one partition per file)
or .zst (decompressed in Python with the `zstandard` package, one partition
per file). Folders are searched for *.jsonl, *.jsonl.gz, *.jsonl.zst.

Two passes, as the CLI:

1. Corpus statistics: each partition counts its documents with
   `newsclean.CorpusStats` (ids given, so first copies are named), saves
   them, and the driver merges the saved bytes in partition order (a copy
   in a later partition of a document in an earlier one is `duplicate_of`
   it; its lines stay counted in its partition: with no exact duplicate
   across partitions the merge is exact).
2. Cleaning: the merged statistics are broadcast as saved bytes; each
   partition cleans with `newsclean.Cleaner(corpus=...)`.

Outputs: OUT/clean/, OUT/audit/, OUT/rejected/: JSONL part files (Spark's
part-00000 ...), records as the CLI writes them: clean records
{"id","text","metadata"} with the record's other fields in
metadata.input, audit rows {"doc", ...removal}, rejected records
{"id","source_path","reason","detail"}. Document ids and source paths are
the CLI's: the id field (or `<file>:<line>`, the file relative to its
input folder) and `<file as given>:<line>`.
"""

import argparse
import io
import json
import os
import tempfile

_ORDER_KEEP = {"object_pairs_hook": lambda pairs: dict(pairs)}


def _list_inputs(paths):
    """(path as given + relative name) of every JSONL input, in CLI order."""
    out = []
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p, followlinks=True):
                dirs.sort()
                for f in files:
                    if f.endswith((".jsonl", ".jsonl.gz", ".jsonl.zst")):
                        found.append(os.path.join(root, f))
            # The CLI sorts by name at each level of the walk.
            found.sort(key=lambda f: os.path.relpath(f, p).split(os.sep))
            out += [(f, "/".join(os.path.relpath(f, p).split(os.sep))) for f in found]
        else:
            out.append((p, os.path.basename(p)))
    return out


def _zst_lines(path):
    import zstandard

    with open(path, "rb") as f:
        reader = io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(f), encoding="utf-8")
        for line in reader:
            yield line.rstrip("\n")


def _lines(sc, path, name, file_no, min_partitions):
    """(file_no, line_no, name, path, line) of one file, in order."""
    if path.endswith(".zst"):
        rdd = sc.parallelize([path], 1).flatMap(_zst_lines)
    else:
        rdd = sc.textFile(path, minPartitions=min_partitions)
    return rdd.zipWithIndex().map(lambda li: (file_no, li[1] + 1, name, path, li[0]))


def _parse(row, id_field, text_field):
    """One JSONL line as the CLI reads it: (id, text or None, url, source_path,
    carried fields, reject reason/detail or None). None for a blank line."""
    _, n, name, path, line = row
    if not line.strip():
        return None
    source_path = f"{path}:{n}"
    fallback = f"{name}:{n}"
    try:
        rec = json.loads(line, **_ORDER_KEEP)
    except ValueError:
        return (fallback, None, None, source_path, None, ("malformed", "the line is not JSON"))
    if not isinstance(rec, dict):
        return (fallback, None, None, source_path, None, ("malformed", "the line is not a JSON object"))
    rid = rec.get(id_field)
    doc_id = str(rid) if isinstance(rid, (str, int)) and not isinstance(rid, bool) else fallback
    text = rec.get(text_field)
    if not isinstance(text, str):
        return (doc_id, None, None, source_path, None, ("malformed", f"no string field {text_field!r}"))
    carried = {k: v for k, v in rec.items() if k not in (id_field, text_field)}
    url = next((carried[k] for k in ("url", "link", "domain") if isinstance(carried.get(k), str)), None)
    return (doc_id, text, url, source_path, carried, None)


def _count_partition(index, rows, rules, tmpdir):
    import newsclean

    stats = newsclean.CorpusStats(rules=rules)
    texts, ids = [], []
    for r in rows:
        if r is None or r[5] is not None:
            continue
        texts.append(r[1])
        ids.append(r[0])
    stats.add(texts, ids=ids)
    path = os.path.join(tmpdir, f"stats-{index}-{os.getpid()}.json")
    stats.save(path)
    with open(path, "rb") as f:
        data = f.read()
    os.remove(path)
    yield (index, data)


_CLEANERS = {}


def _cleaner(stats_bytes, rules):
    """One Cleaner per executor process and broadcast."""
    import newsclean

    key = (id(stats_bytes), rules)
    if key not in _CLEANERS:
        corpus = None
        if stats_bytes is not None:
            fd, path = tempfile.mkstemp(suffix=".json")
            with os.fdopen(fd, "wb") as f:
                f.write(stats_bytes)
            corpus = newsclean.CorpusStats.load(path, rules=rules)
            os.remove(path)
        _CLEANERS[key] = newsclean.Cleaner(rules=rules, corpus=corpus)
    return _CLEANERS[key]


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _clean_partition(rows, stats_bc, rules, batch=512):
    cleaner = _cleaner(stats_bc.value if stats_bc is not None else None, rules)
    rows = [r for r in rows if r is not None]
    for lo in range(0, len(rows), batch):
        chunk = rows[lo : lo + batch]
        ok = [r for r in chunk if r[5] is None]
        results = iter(
            cleaner.clean_batch(
                [r[1] for r in ok],
                ids=[r[0] for r in ok],
                urls=[r[2] for r in ok],
                source_paths=[r[3] for r in ok],
            )
        )
        for r in chunk:
            doc_id, _, _, source_path, carried, bad = r
            if bad is not None:
                rec = {"id": doc_id, "source_path": source_path, "reason": bad[0], "detail": bad[1]}
                yield ("rejected", _dumps(rec))
                continue
            res = next(results)
            for removal in res.removals:
                # The CLI writes `count` and `template` only where it has one
                # (repeated lines, templates).
                optional = ("count", "template")
                row = {"doc": doc_id, **{k: v for k, v in removal.items() if not (k in optional and v is None)}}
                yield ("audit", _dumps(row))
            if res.rejected is not None:
                rec = {"id": doc_id, "source_path": source_path, "reason": res.rejected, "detail": res.detail}
                yield ("rejected", _dumps(rec))
                continue
            # Schema 2: `input` is always present, before `duplicate_of`; the
            # package knows no other fields, so the record's carried ones go in.
            meta = dict(res.metadata)
            meta["input"] = carried
            yield ("clean", _dumps({"id": res.id, "text": res.text, "metadata": meta}))


def run(spark, inputs, out, rules=None, id_field="id", text_field="text", min_partitions=None, repeated=True):
    sc = spark.sparkContext
    files = _list_inputs(inputs)
    if not files:
        raise SystemExit("no JSONL inputs found")
    min_partitions = min_partitions or sc.defaultParallelism
    rdds = [_lines(sc, p, name, k, min_partitions) for k, (p, name) in enumerate(files)]
    docs = sc.union(rdds) if len(rdds) > 1 else rdds[0]
    docs = docs.map(lambda row: _parse(row, id_field, text_field))
    docs.persist()

    stats_bc = None
    if repeated:
        tmpdir = tempfile.gettempdir()
        parts = docs.mapPartitionsWithIndex(lambda i, rows: _count_partition(i, rows, rules, tmpdir)).collect()
        import newsclean

        merged = None
        with tempfile.TemporaryDirectory() as d:
            # In partition order: the order of the documents in the inputs.
            for i, data in sorted(parts):
                path = os.path.join(d, f"{i}.json")
                with open(path, "wb") as f:
                    f.write(data)
                s = newsclean.CorpusStats.load(path, rules=rules)
                if merged is None:
                    merged = s
                else:
                    merged.merge(s)
            final = os.path.join(d, "merged.json")
            merged.save(final)
            with open(final, "rb") as f:
                stats_bc = sc.broadcast(f.read())

    cleaned = docs.mapPartitions(lambda rows: _clean_partition(rows, stats_bc, rules))
    cleaned.persist()
    for kind in ("clean", "audit", "rejected"):
        cleaned.filter(lambda kv, kind=kind: kv[0] == kind).map(lambda kv: kv[1]).saveAsTextFile(
            os.path.join(out, kind) if "://" not in out else f"{out.rstrip('/')}/{kind}"
        )
    cleaned.unpersist()
    docs.unpersist()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+", help="JSONL files or folders (.jsonl, .jsonl.gz, .jsonl.zst)")
    ap.add_argument("--out", required=True, help="output folder: clean/, audit/, rejected/")
    ap.add_argument("--rules", help="rule folder replacing the built-in pack (on every executor)")
    ap.add_argument("--id-field", default="id")
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--partitions", type=int, help="minimum partitions per plain/gz file")
    ap.add_argument("--no-repeated", action="store_true", help="skip the corpus pass")
    a = ap.parse_args(argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("newsclean").getOrCreate()
    try:
        run(spark, a.inputs, a.out, a.rules, a.id_field, a.text_field, a.partitions, not a.no_repeated)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
