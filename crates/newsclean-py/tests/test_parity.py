"""The package cleans exactly as `newsclean clean` does (corpus pass included)."""

import collections

import newsclean
from conftest import ROOT, clean_with_cli, dump_docs


def audit_by_doc(run):
    rows = collections.defaultdict(list)
    for a in run.audit:
        a = dict(a)
        doc = a.pop("doc")
        a.setdefault("count", None)
        a.setdefault("template", None)
        rows[doc].append(a)
    return rows


def assert_same(results, ids, run):
    """Every result equals the CLI's records of the same document."""
    assert [r.id for r in results] == ids
    clean = {r["id"]: r for r in run.clean}
    rejected = {r["id"]: r for r in run.rejected}
    audit = audit_by_doc(run)
    assert len(clean) + len(rejected) == len(ids)
    for r in results:
        if r.rejected is None:
            rec = clean[r.id]
            assert r.text == rec["text"], r.id
            want = dict(rec["metadata"])
            want.pop("input", None)  # the record's other fields: the package is given no record
            got = dict(r.metadata)
            assert got.pop("input") is None, r.id
            assert got == want, r.id
        else:
            assert r.id not in clean
            assert r.rejected == rejected[r.id]["reason"], r.id
            assert r.detail == rejected[r.id]["detail"], r.id
            assert r.text is None and r.metadata is None
        assert r.removals == audit.get(r.id, []), r.id


def test_seeds_equal_the_cli(cli, tmp_path):
    run = clean_with_cli(cli, ["seeds"], tmp_path / "out")
    files = sorted((ROOT / "seeds").glob("*.txt"))
    assert files
    ids = [f.name for f in files]
    texts = [f.read_bytes().decode("utf-8") for f in files]
    paths = [f"seeds/{f.name}" for f in files]
    stats = newsclean.CorpusStats()
    stats.add(texts, ids=ids)
    cleaner = newsclean.Cleaner(corpus=stats)
    assert_same(cleaner.clean_batch(texts, ids=ids, source_paths=paths), ids, run)
    # One at a time gives the same.
    one = [cleaner.clean(t, id=i, source_path=p) for t, i, p in zip(texts, ids, paths)]
    assert_same(one, ids, run)


def test_generated_dump_equals_the_cli(dump, dump_cli):
    texts, ids, urls, paths = dump_docs(dump)
    stats = newsclean.CorpusStats()
    stats.add(texts, ids=ids)
    cleaner = newsclean.Cleaner(corpus=stats)
    assert cleaner.corpus_enabled
    results = cleaner.clean_batch(texts, ids=ids, urls=urls, source_paths=paths)
    assert_same(results, ids, dump_cli)
    # The corpus pass and the duplicates really are exercised.
    assert any(a["rule"] == "corpus.repeated_line" for a in dump_cli.audit)
    dups = {r["id"]: r["metadata"]["duplicate_of"] for r in dump_cli.clean if r["metadata"]["duplicate_of"]}
    assert len(dups) == 3
    assert {r.id: r.metadata["duplicate_of"] for r in results if r.metadata and r.metadata["duplicate_of"]} == dups
    reasons = sorted(r.rejected for r in results if r.rejected)
    assert reasons == sorted(r["reason"] for r in dump_cli.rejected) and reasons


def sharded_stats(texts, ids, tmp_path, n=3):
    """Stats counted in n shards, each saved and loaded, then merged."""
    cut = len(texts) // n
    bounds = [(k * cut, (k + 1) * cut if k < n - 1 else len(texts)) for k in range(n)]
    shards = []
    for lo, hi in bounds:
        s = newsclean.CorpusStats()
        s.add(texts[lo:hi], ids=ids[lo:hi])
        s.save(tmp_path / f"s{lo}.json")
        shards.append(newsclean.CorpusStats.load(tmp_path / f"s{lo}.json"))
    merged = shards[0]
    for s in shards[1:]:
        merged.merge(s)
    assert len(merged) == len(texts)
    return merged


def test_merged_and_saved_stats_equal_one_pass(cli, dump, tmp_path):
    # Shards that share no document merge exactly: the dump without its copies.
    lines = [line for line in dump.read_text(encoding="utf-8").splitlines() if '-copy' not in line]
    distinct = tmp_path / "distinct.jsonl"
    distinct.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = clean_with_cli(cli, [distinct], tmp_path / "out")
    texts, ids, urls, paths = dump_docs(distinct)
    merged = sharded_stats(texts, ids, tmp_path)
    merged.save(tmp_path / "merged.json")
    for stats in (merged, newsclean.CorpusStats.load(tmp_path / "merged.json")):
        cleaner = newsclean.Cleaner(corpus=stats)
        assert_same(cleaner.clean_batch(texts, ids=ids, urls=urls, source_paths=paths), ids, run)


def test_merged_stats_know_duplicates_across_shards(dump, dump_cli, tmp_path):
    # A copy in a later shard of a document in an earlier one is still named
    # duplicate_of (its lines were counted in its shard: documented overcount).
    texts, ids, urls, paths = dump_docs(dump)
    cleaner = newsclean.Cleaner(corpus=sharded_stats(texts, ids, tmp_path))
    results = cleaner.clean_batch(texts, ids=ids, urls=urls, source_paths=paths)
    got = {r.id: r.metadata["duplicate_of"] for r in results if r.metadata and r.metadata["duplicate_of"]}
    want = {r["id"]: r["metadata"]["duplicate_of"] for r in dump_cli.clean if r["metadata"]["duplicate_of"]}
    assert got == want and len(want) == 3


def test_without_corpus_equals_cli_no_repeated(cli, dump, tmp_path):
    run = clean_with_cli(cli, [dump], tmp_path / "out", "--no-repeated")
    texts, ids, urls, paths = dump_docs(dump)
    # Without the corpus pass neither knows duplicates (duplicate_of null).
    results = newsclean.Cleaner().clean_batch(texts, ids=ids, urls=urls, source_paths=paths)
    assert_same(results, ids, run)
