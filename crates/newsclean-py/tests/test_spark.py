"""spark/newsclean_spark.py in local[2] gives the records of `newsclean clean`
(corpus pass included)."""

import gzip
import importlib.util
import json
import os
import shutil
import sys

import pytest
from conftest import ROOT, clean_with_cli, run_cli

pyspark = pytest.importorskip("pyspark")


def load_script():
    spec = importlib.util.spec_from_file_location("newsclean_spark", ROOT / "spark" / "newsclean_spark.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # Workers run this interpreter (the venv with newsclean installed).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    s = (
        SparkSession.builder.master("local[2]")
        .appName("newsclean-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield s
    s.stop()


def read_parts(folder):
    rows = []
    for part in sorted(folder.glob("part-*")):
        rows += [json.loads(line) for line in part.read_text(encoding="utf-8").splitlines() if line]
    return rows


def by_id(rows):
    """Rows in a stable order (audit rows: `count`, `template` absent and null alike)."""
    rows = [dict(r, count=r.get("count"), template=r.get("template")) if "doc" in r else r for r in rows]
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))


@pytest.fixture(scope="module")
def generated(cli, tmp_path_factory):
    d = tmp_path_factory.mktemp("spark")
    p = run_cli(cli, "generate", "--size", "2M", "--out", d / "dump.jsonl")
    assert p.returncode == 0, p.stderr
    return d / "dump.jsonl"


def test_spark_equals_the_cli(cli, spark, generated, tmp_path):
    run = clean_with_cli(cli, [generated], tmp_path / "cli")
    out = tmp_path / "spark"
    load_script().run(spark, [str(generated)], str(out), min_partitions=4)
    clean = read_parts(out / "clean")
    # Several partitions really were counted and merged.
    assert len(list((out / "clean").glob("part-*"))) >= 2
    assert len(clean) == len(run.clean) > 400
    # Clean records sorted by id: identical, whole records.
    key = lambda r: r["id"]  # noqa: E731
    assert sorted(clean, key=key) == sorted(run.clean, key=key)
    assert any(a["rule"] == "corpus.repeated_line" for a in run.audit)
    assert by_id(read_parts(out / "audit")) == by_id(run.audit)
    assert by_id(read_parts(out / "rejected")) == by_id(run.rejected)


def test_spark_reads_gz_and_zst_and_names_duplicates(cli, spark, dump, dump_cli, tmp_path):
    """The conftest dump (exact copies, rejected documents): plain in 4
    partitions (copies across partitions), and as .gz and .zst (one partition
    each): duplicate_of names the first copy as in the CLI."""
    zstandard = pytest.importorskip("zstandard")
    gz = tmp_path / "dump.jsonl.gz"
    zst = tmp_path / "dump.jsonl.zst"
    data = dump.read_bytes()
    gz.write_bytes(gzip.compress(data))
    zst.write_bytes(zstandard.ZstdCompressor().compress(data))
    for src in (dump, gz, zst):
        run = clean_with_cli(cli, [src], tmp_path / f"cli-{src.suffix}")
        out = tmp_path / f"spark-{src.suffix}"
        load_script().run(spark, [str(src)], str(out), min_partitions=4)
        clean = read_parts(out / "clean")
        dups = lambda rows: {r["id"]: r["metadata"]["duplicate_of"] for r in rows if r["metadata"].get("duplicate_of")}  # noqa: E731
        assert dups(clean) == dups(run.clean) and len(dups(run.clean)) == 3
        assert sorted(r["id"] for r in clean) == sorted(r["id"] for r in run.clean)
        assert by_id(read_parts(out / "rejected")) == by_id(run.rejected)
        shutil.rmtree(out)
