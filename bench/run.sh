#!/usr/bin/env bash
# Whole-run benchmark of newsclean (issue 5). One command:
#
#   bash bench/run.sh            # SIZE=1G by default; BENCH_DIR=/tmp/newsclean-bench
#
# Generates (once, deterministically) a JSONL dump of SIZE and a folder of
# 200,000 small .txt files, then times on them, with 1 and 2 worker threads:
# the full clean (default pack, corpus-wide pass off), the floor (read, split
# lines, write JSONL; no rules: `clean --floor`), and ripgrep counting the
# same boilerplate markers. Reports MB/s, documents/s and peak RSS, and the
# machine's load (the figures are only worth something on a quiet machine).
# It also times the default run, with the corpus-wide repeated-line pass on.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${SIZE:-1G}
SMALL_DOCS=${SMALL_DOCS:-200000}
BENCH_DIR=${BENCH_DIR:-/tmp/newsclean-bench}
CORPUS=${CORPUS:-../shared/corpus}
mkdir -p "$BENCH_DIR"

command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; }
cargo build --release -q
BIN=$PWD/target/release/newsclean

DUMP=$BENCH_DIR/dump-$SIZE.jsonl
SMALL=$BENCH_DIR/small-$SMALL_DOCS
[ -f "$DUMP" ] || "$BIN" generate --out "$DUMP" --size "$SIZE" --corpus "$CORPUS" --rules rules
[ -d "$SMALL" ] || "$BIN" generate --out "$SMALL" --format txt --docs "$SMALL_DOCS" \
  --doc-bytes 1000 --size 100G --seed 3 --corpus "$CORPUS" --rules rules

MB=$(stat -L -c %s "$DUMP")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dump: $DUMP ($((MB / 1000000)) MB)"
printf '%-34s %9s %10s %11s %9s\n' run seconds MB/s docs/s "RSS MB"

# time_run LABEL BYTES COMMAND...: a warm-up run (page cache), then two
# timed runs; reports the faster (the machine is shared: the slower one is
# more often the one another process got in the way of).
time_run() {
  local label=$1 bytes=$2; shift 2
  "$@" >/dev/null 2>&1 || true
  local log best="" secs rss docs
  log=$(mktemp)
  for _ in 1 2; do
    /usr/bin/time -f '%e %M' -o "$log.t" "$@" >"$log" 2>/dev/null || true
    read -r secs rss <"$log.t"
    if [ -z "$best" ] || [ "$(echo "$secs < ${best%% *}" | bc)" = 1 ]; then
      docs=$(grep -oP '^documents: \K[0-9]+' "$log" || echo 0)
      best="$secs $rss $docs"
    fi
  done
  read -r secs rss docs <<<"$best"
  printf '%-34s %9.2f %10.1f %11.0f %9.1f\n' "$label" "$secs" \
    "$(echo "$bytes / 1000000 / $secs" | bc -l)" "$(echo "$docs / $secs" | bc -l)" \
    "$(echo "$rss / 1024" | bc -l)"
  rm -f "$log" "$log.t"
}

OUT=$BENCH_DIR/out
for t in 1 2; do
  time_run "clean, $t thread(s)" "$MB" "$BIN" clean "$DUMP" --rules rules --out "$OUT" --threads "$t" --no-repeated
done
for t in 1 2; do
  time_run "floor, $t thread(s)" "$MB" "$BIN" clean "$DUMP" --rules rules --out "$OUT" --threads "$t" --floor
done
for t in 1 2; do
  time_run "clean + corpus pass, $t thread(s)" "$MB" "$BIN" clean "$DUMP" --rules rules --out "$OUT" --threads "$t"
done
MARKERS='إقرأ أيضا|اقرأ أيضا|مقالات مشابهة|ذات صلة|كلمات دلالية|المصدر:|تابعونا|من نفس القسم|Read more|Related|Tags:|Share'
time_run "rg, count marker lines" "$MB" rg -c "$MARKERS" "$DUMP"
SMALL_MB=$(du -sb "$SMALL" | cut -f1)
for t in 1 2; do
  time_run "$SMALL_DOCS small files, $t thread(s)" "$SMALL_MB" "$BIN" clean "$SMALL" --rules rules --out "$OUT" --threads "$t" --no-repeated
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
