"""Batch order, errors, and the rest of the API."""

import random

import pytest

import newsclean
from conftest import ROOT, dump_docs, run_cli


@pytest.fixture(scope="module")
def cleaner():
    return newsclean.Cleaner()


def test_batch_is_in_input_order(cleaner, dump):
    texts, ids, urls, _ = dump_docs(dump)
    order = list(range(len(texts)))
    random.Random(7).shuffle(order)
    texts = [texts[i] for i in order] * 3
    ids = [ids[i] for i in order] * 3
    results = cleaner.clean_batch(texts, ids=ids)
    assert [r.id for r in results] == ids
    singles = [cleaner.clean(t, id=i) for t, i in zip(texts[:60], ids[:60])]
    assert [(r.text, r.metadata, r.removals) for r in results[:60]] == [
        (r.text, r.metadata, r.removals) for r in singles
    ]
    # Any iterable of str; no ids.
    gen = cleaner.clean_batch(t for t in texts[:5])
    assert [r.text for r in gen] == [r.text for r in results[:5]]
    assert [r.id for r in gen] == [None] * 5
    assert cleaner.clean_batch([]) == []


def test_result_fields(cleaner):
    r = cleaner.clean("Title here\n\nSome text of the article that stays.\nRead more: another story", id="a")
    assert r.rejected is None and r.detail is None
    assert isinstance(r.text, str) and isinstance(r.metadata, dict)
    assert set(r.metadata) >= {"source_path", "title", "lang", "chars_in", "chars_out", "removed", "normalized"}
    for rem in r.removals:
        assert set(rem) == {"rule", "kind", "stage", "lines", "bytes", "text", "count", "note"}
    assert "a" in repr(r)
    empty = cleaner.clean("   \n ")
    assert empty.rejected == "empty" and empty.text is None and empty.metadata is None


@pytest.mark.parametrize(
    "bad, words",
    [(b"bytes text", ["bytes", "decode"]), (None, ["NoneType"]), (3, ["int"]), (bytearray(b"x"), ["bytearray"])],
)
def test_bad_text_is_a_clear_type_error(cleaner, bad, words):
    with pytest.raises(TypeError) as e:
        cleaner.clean(bad)
    assert "text must be str" in str(e.value)
    for w in words:
        assert w in str(e.value)
    with pytest.raises(TypeError, match=r"texts\[1\] must be str"):
        cleaner.clean_batch(["fine", bad])
    with pytest.raises(TypeError, match=r"texts\[0\] must be str"):
        newsclean.CorpusStats().add([bad])


def test_bad_batch_arguments(cleaner):
    with pytest.raises(TypeError, match="not a str"):
        cleaner.clean_batch("one text")
    with pytest.raises(ValueError, match="ids has 1 items but texts has 2"):
        cleaner.clean_batch(["a", "b"], ids=["x"])


def cli_error(cli, *args) -> str:
    p = run_cli(cli, "clean", "seeds", "--out", "-", "--audit", "/dev/null", *args)
    assert p.returncode != 0
    err = p.stderr.rstrip("\n")
    assert err.startswith("error: ")
    return err[len("error: ") :]


def test_bad_rules_folder_has_the_cli_message(cli, tmp_path):
    missing = tmp_path / "no-such-folder"
    with pytest.raises(newsclean.RulePackError) as e:
        newsclean.Cleaner(rules=missing)
    assert str(e.value) == cli_error(cli, "--rules", missing)
    assert isinstance(e.value, ValueError)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.toml").write_text("[[rule]]\nid = \n")
    with pytest.raises(newsclean.RulePackError) as e:
        newsclean.Cleaner(extra_rules=bad)
    assert str(e.value) == cli_error(cli, "--extra-rules", bad)
    with pytest.raises(newsclean.RulePackError):
        newsclean.CorpusStats(rules=str(missing))


def test_rules_folder_is_used(tmp_path, cli):
    out = tmp_path / "rules"
    assert run_cli(cli, "rules", "export", out).returncode == 0
    text = (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    assert newsclean.Cleaner(rules=out).clean(text).text == newsclean.Cleaner().clean(text).text
    with pytest.raises(ValueError):
        newsclean.Cleaner(rules=out, extra_rules=out)


def test_stats_load_errors(tmp_path):
    p = tmp_path / "x.json"
    p.write_text("{}")
    with pytest.raises(ValueError, match="not a saved CorpusStats"):
        newsclean.CorpusStats.load(p)
    with pytest.raises(ValueError, match="cannot read"):
        newsclean.CorpusStats.load(tmp_path / "missing.json")
    s = newsclean.CorpusStats()
    with pytest.raises(ValueError, match="itself"):
        s.merge(s)
