"""Fixtures: the CLI (built once), a generated dump, and CLI runs to compare with."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def cli() -> Path:
    """The `newsclean` binary: $NEWSCLEAN_BIN, else a release build of the workspace."""
    if os.environ.get("NEWSCLEAN_BIN"):
        return Path(os.environ["NEWSCLEAN_BIN"])
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "newsclean-cli"], cwd=ROOT, check=True)
    return ROOT / "target" / "release" / "newsclean"


def run_cli(cli: Path, *args, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli), *map(str, args)], cwd=cwd, capture_output=True, text=True)


def read_jsonl(path: Path) -> list:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class CliRun:
    """The three outputs of one `newsclean clean` run."""

    def __init__(self, out: Path):
        self.clean = read_jsonl(out / "clean.jsonl")
        self.audit = read_jsonl(out / "audit.jsonl")
        self.rejected = read_jsonl(out / "rejected.jsonl")


def clean_with_cli(cli: Path, inputs, out: Path, *extra) -> CliRun:
    p = run_cli(cli, "clean", *inputs, "--out", out, "--quiet", *extra)
    assert p.returncode == 0, p.stderr
    return CliRun(out)


@pytest.fixture(scope="session")
def dump(cli, tmp_path_factory) -> Path:
    """`newsclean generate --size 2M`, plus exact copies of three documents
    (duplicate_of), and documents that are rejected (empty, only boilerplate)."""
    d = tmp_path_factory.mktemp("dump")
    gen = d / "gen.jsonl"
    p = run_cli(cli, "generate", "--size", "2M", "--out", gen)
    assert p.returncode == 0, p.stderr
    recs = [json.loads(line) for line in gen.read_text(encoding="utf-8").splitlines()]
    extra = [dict(r, id=f"{r['id']}-copy{k}") for k, r in enumerate((recs[3], recs[40], recs[3]))]
    extra += [
        {"id": "blank", "text": " \u00a0 \n\t", "url": "https://example.invalid/blank"},
        {"id": "only-boilerplate", "text": "اقرأ أيضا: خبر آخر عن الاقتصاد\nتابعونا على فيسبوك"},
        {"id": "short", "text": "A short note about the weather today."},
    ]
    path = d / "dump.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for r in recs[:200] + extra[:2] + recs[200:] + extra[2:]:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def dump_docs(path: Path):
    """(texts, ids, urls, source_paths) of a JSONL dump, as the CLI names them."""
    texts, ids, urls, paths = [], [], [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        r = json.loads(line)
        texts.append(r["text"])
        ids.append(str(r["id"]))
        urls.append(r.get("url") or r.get("link") or r.get("domain"))
        paths.append(f"{path}:{n}")
    return texts, ids, urls, paths


@pytest.fixture(scope="session")
def dump_cli(cli, dump, tmp_path_factory) -> CliRun:
    return clean_with_cli(cli, [dump], tmp_path_factory.mktemp("cli-out"))
