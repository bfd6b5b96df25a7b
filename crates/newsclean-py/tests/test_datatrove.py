"""A real datatrove pipeline: JsonlReader → NewsClean → JsonlWriter."""

import gzip
import json

import pytest

import newsclean
from conftest import dump_docs

datatrove = pytest.importorskip("datatrove")


def read_out(folder):
    docs = []
    for f in sorted(folder.rglob("*.jsonl*")):
        opener = gzip.open if f.suffix == ".gz" else open
        with opener(f, "rt", encoding="utf-8") as fh:
            docs += [json.loads(line) for line in fh if line.strip()]
    return docs


def test_pipeline_equals_the_cli(dump, dump_cli, tmp_path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from newsclean.datatrove import NewsClean

    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "dump.jsonl").write_text(dump.read_text(encoding="utf-8"), encoding="utf-8")
    texts, ids, _, _ = dump_docs(dump)
    stats = newsclean.CorpusStats()
    stats.add(texts, ids=ids)
    stats.save(tmp_path / "stats.json")

    step = NewsClean(corpus=str(tmp_path / "stats.json"), exclusion_writer=JsonlWriter(str(tmp_path / "rejected")))
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(inp)), step, JsonlWriter(str(tmp_path / "out"))],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()

    out = read_out(tmp_path / "out")
    want = {r["id"]: r for r in dump_cli.clean}
    assert [d["id"] for d in out] == [r["id"] for r in dump_cli.clean]
    for d in out:
        assert d["text"] == want[d["id"]]["text"], d["id"]
        meta = d["metadata"]["newsclean"]
        assert meta["removed"] == want[d["id"]]["metadata"]["removed"]
        assert meta["duplicate_of"] == want[d["id"]]["metadata"]["duplicate_of"]
        # The record's own fields stay.
        assert d["metadata"].get("url") == (want[d["id"]]["metadata"]["input"] or {}).get("url")
    rejected = read_out(tmp_path / "rejected")
    assert sorted(d["id"] for d in rejected) == sorted(r["id"] for r in dump_cli.rejected)
    assert all(d["metadata"]["filter_reason"] for d in rejected)

    stats_file = json.loads((tmp_path / "logs" / "stats.json").read_text())
    step_stats = next(s for s in stats_file if "NewsClean" in s["name"])["stats"]
    per_rule = collections_count(dump_cli.audit)
    for rule, n in per_rule.items():
        assert total(step_stats[f"removals/{rule}"]) == n, rule
    assert total(step_stats["dropped"]) == len(dump_cli.rejected)
    assert total(step_stats["forwarded"]) == len(dump_cli.clean)


def total(stat):
    """A datatrove stat as saved: a plain count, or a dict with its total."""
    return stat["total"] if isinstance(stat, dict) else stat


def collections_count(audit):
    counts = {}
    for a in audit:
        counts[a["rule"]] = counts.get(a["rule"], 0) + 1
    return counts
