#!/usr/bin/env python3
"""Build the real-text bench dump (issue 11): one JSONL record per real page.

Reads the real article bodies of ../shared/corpus (paragraphs joined by
newlines, the English title first) and the naive page texts of
../shared/labeled/scrapinghub_en.jsonl (menus, share bars, footers: many short
lines), and writes them as {"id", "text"} records. COPIES > 1 repeats the set,
each further copy without one line in seven (a different seventh each time,
order kept), so the corpus pass sees distinct documents, not duplicates. Built on demand by bench/run.sh; never committed.

    python3 bench/real_dump.py OUT.jsonl [SHARED_DIR] [COPIES]
"""
import json
import sys
from pathlib import Path


def pages(shared: Path):
    for name in ("ar_news_bodies.jsonl", "en_news_bodies.jsonl"):
        with open(shared / "corpus" / name, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                head = [rec["title"]] if rec.get("title") else []
                yield rec["id"], "\n".join(head + rec["paragraphs"]) + "\n"
    with open(shared / "labeled" / "scrapinghub_en.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            yield rec["id"], rec["text"]


def main() -> None:
    args = sys.argv[1:]
    if not 1 <= len(args) <= 3 or args[0].startswith("-") or (len(args) == 3 and not args[2].isdigit()):
        sys.exit("usage: python3 bench/real_dump.py OUT.jsonl [SHARED_DIR] [COPIES]")
    out = Path(args[0])
    shared = Path(args[1]) if len(args) > 1 else Path("../shared")
    copies = int(args[2]) if len(args) > 2 else 1
    base = list(pages(shared))
    # Written under a temporary name, then renamed: a cut run leaves no
    # half dump that bench/run.sh would take for a whole one.
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for copy in range(copies):
            for doc_id, text in base:
                if copy:
                    lines = text.split("\n")
                    drop = (copy - 1) % 7
                    text = "\n".join(l for i, l in enumerate(lines) if i % 7 != drop)
                    doc_id = f"{doc_id}#{copy}"
                rec = {"id": doc_id, "text": text}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tmp.replace(out)


if __name__ == "__main__":
    main()
