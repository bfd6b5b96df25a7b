#!/usr/bin/env python3
"""The script a user writes instead of newsclean (issue 11's baseline).

A multiprocessing regex cleaner: drop every line that matches one of the
boilerplate markers of the seed rules (read also, related, tags, source,
share, follow us, copyright, English equivalents), with the usual hand-made
spelling variants (أ/ا, ة/ه, ى/ي), and write the rest as JSONL. No folding,
no audit, no corpus pass, no model: far less than newsclean does, so the
ratio is generous to the script.

    python3 bench/py_clean.py INPUT OUT.jsonl [PROCESSES]

INPUT is a JSONL file ({"id", "text"} per line) or a folder of .txt files.
"""
import json
import os
import re
import sys
from multiprocessing import Pool

MARKERS = re.compile(
    r"^\s*(?:"
    r"[إاأ]قر[أا] [أا]يض[اًا]*|مقالات (?:ذات صلة|مشابهة)|[أا]خبار (?:ذات صلة|متعلقة)|ذات صلة"
    r"|كلمات (?:دلالية|مفتاحية)|الوسوم|وسوم|المصدر\s*:|مصدر الصورة|الصورة\s*:"
    r"|تابعونا|تابعنا على|شارك(?:وا)? (?:المقال|الخبر|هذا)|من نفس القسم|جميع الحقوق محفوظة"
    r"|اشترك في النشرة|[إا]عل[اا]ن|العودة [إا]لى"
    r"|read (?:more|also|next)|related(?: articles| stories| news)?\s*:?|tags\s*:|share (?:this|on)"
    r"|follow us|sign up for|subscribe to|advertisement|all rights reserved|©|copyright"
    r"|photo\s*:|image\s*:|source\s*:|click here|you may also like|recommended for you"
    r")",
    re.IGNORECASE,
)
BLANKS = re.compile(r"\n{3,}")


def clean(text: str) -> str:
    kept = [line for line in text.split("\n") if not MARKERS.match(line)]
    return BLANKS.sub("\n\n", "\n".join(kept)).strip() + "\n"


def clean_jsonl_chunk(lines):
    out = []
    for line in lines:
        if not line.strip():
            continue
        rec = json.loads(line)
        rec["text"] = clean(rec.get("text", ""))
        out.append(json.dumps(rec, ensure_ascii=False))
    return "\n".join(out) + "\n" if out else ""


def clean_files(paths):
    out = []
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            out.append(json.dumps({"id": path, "text": clean(f.read())}, ensure_ascii=False))
    return "\n".join(out) + "\n" if out else ""


def chunks(items, n):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def main() -> None:
    src, dst = sys.argv[1], sys.argv[2]
    procs = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count()
    with Pool(procs) as pool, open(dst, "w", encoding="utf-8") as out:
        if os.path.isdir(src):
            paths = sorted(
                os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs if f.endswith(".txt")
            )
            work = pool.imap(clean_files, chunks(paths, 256))
        else:
            lines = open(src, encoding="utf-8")
            work = pool.imap(clean_jsonl_chunk, chunks(lines, 256))
        for part in work:
            out.write(part)


if __name__ == "__main__":
    main()
