#!/usr/bin/env bash
# Whole-run benchmark of newsclean (issues 5 and 11). One command:
#
#   bash bench/run.sh
#
# Three dumps, built on demand in BENCH_DIR (never committed):
#   gen   `newsclean generate --size $SIZE --format jsonl` (default 150M)
#   small `newsclean generate --size $SMALL_SIZE --format txt`: a folder of
#         small .txt articles (default 150M)
#   real  bench/real_dump.py: the real bodies of ../shared/corpus and the
#         pages of ../shared/labeled (menus, share bars: many short lines),
#         $REAL_COPIES times (default 4, each further copy one line in seven
#         lighter, so none is a duplicate)
# On each: clean with 1 and 2 worker threads (default pack, corpus pass on,
# model on), clean with the corpus pass off (1 thread), the floor (`clean
# --floor`: read, parse, write JSONL, no rules; 1 thread) and
# bench/py_clean.py (the multiprocessing regex script a user writes instead,
# 2 processes). Each figure is the better of $REPEAT runs (default 2) by CPU
# time; MB/s are given on wall time and on CPU time (user + sys: what the
# run cost, whatever else the shared machine is doing). The load average
# is printed beside every line.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${SIZE:-150M}
SMALL_SIZE=${SMALL_SIZE:-150M}
REAL_COPIES=${REAL_COPIES:-4}
REPEAT=${REPEAT:-2}
BENCH_DIR=${BENCH_DIR:-/tmp/newsclean-bench}
SHARED=${SHARED:-../shared}
mkdir -p "$BENCH_DIR"

cargo build --release -q -p newsclean-cli
BIN=$PWD/target/release/newsclean
PY=$PWD/bench/py_clean.py

GEN=$BENCH_DIR/gen-$SIZE.jsonl
SMALL=$BENCH_DIR/small-$SMALL_SIZE
REAL=$BENCH_DIR/real-$REAL_COPIES.jsonl
[ -f "$GEN" ] || "$BIN" generate --out "$GEN" --size "$SIZE" --format jsonl >/dev/null
[ -d "$SMALL" ] || "$BIN" generate --out "$SMALL" --size "$SMALL_SIZE" --format txt >/dev/null
[ -f "$REAL" ] || python3 bench/real_dump.py "$REAL" "$SHARED" "$REAL_COPIES"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# measure BYTES COMMAND...: the best of REPEAT runs by CPU time; sets
# WALL, CPU, RSS (MB) and LOAD (1-minute load average at its start).
measure() {
  local bytes=$1 log; shift
  log=$(mktemp)
  CPU=""
  for _ in $(seq "$REPEAT"); do
    local load w u s m
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %U %S %M' -o "$log" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    read -r w u s m <"$log"
    local c
    c=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
    if [ -z "$CPU" ] || awk -v c="$c" -v b="$CPU" 'BEGIN { exit !(c < b) }'; then
      WALL=$w CPU=$c RSS=$((m / 1024)) LOAD=$load
    fi
  done
  rm -f "$log"
}

div() { awk -v a="$1" -v b="$2" 'BEGIN { print a / b }'; }
mbps() { awk -v a="$1" -v b="$2" 'BEGIN { print a / b / 1000000 }'; } # BYTES SECONDS

row() { # LABEL BYTES
  printf '| %-26s | %7.2f | %7.2f | %8.1f | %8.1f | %6d | %5s |\n' "$1" "$WALL" "$CPU" \
    "$(mbps "$2" "$WALL")" "$(mbps "$2" "$CPU")" "$RSS" "$LOAD"
}

bench() { # NAME INPUT
  local name=$1 input=$2 bytes out=$BENCH_DIR/out
  bytes=$(du -sbL "$input" | cut -f1)
  echo
  echo "### $name: $input ($((bytes / 1000000)) MB)"
  echo
  echo "| run | wall s | CPU s | MB/s wall | MB/s CPU | RSS MB | load |"
  echo "|---|---|---|---|---|---|---|"
  measure "$bytes" "$BIN" clean "$input" --out "$out" --threads 1 --quiet
  row "clean, 1 thread" "$bytes"; local c1=$CPU w1=$WALL
  measure "$bytes" "$BIN" clean "$input" --out "$out" --threads 2 --quiet
  row "clean, 2 threads" "$bytes"; local w2=$WALL
  measure "$bytes" "$BIN" clean "$input" --out "$out" --threads 1 --no-repeated --quiet
  row "corpus pass off, 1 thread" "$bytes"; local c0=$CPU
  measure "$bytes" "$BIN" clean "$input" --out "$out" --threads 1 --floor --quiet
  row "floor, 1 thread" "$bytes"; local cf=$CPU
  measure "$bytes" python3 "$PY" "$input" "$BENCH_DIR/py.jsonl" 2
  row "py_clean.py, 2 processes" "$bytes"; local wp=$WALL cp=$CPU
  echo
  printf 'targets: 1 thread %.1f MB/s CPU (>= 100); 2 threads x%.2f wall (>= 1.85); pass on/off x%.2f CPU (<= 1.25); clean/floor x%.2f CPU (<= 3); vs py_clean.py x%.2f wall, x%.2f CPU (>= 20)\n' \
    "$(mbps "$bytes" "$c1")" "$(div "$w1" "$w2")" "$(div "$c1" "$c0")" \
    "$(div "$c1" "$cf")" "$(div "$wp" "$w2")" "$(div "$cp" "$c1")"
}

bench gen "$GEN"
bench small "$SMALL"
bench real "$REAL"
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
