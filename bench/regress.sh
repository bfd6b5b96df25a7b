#!/usr/bin/env bash
# Speed regression check (issue 11), run by .ci/run: seconds, no timed
# assertion on its own. On a small generated dump it measures, in the same
# run, the CPU time (user + sys) of a default clean (whole pack, corpus pass
# and model on, 1 thread) and of the floor (`clean --floor`: read, parse,
# write, no rules), the best of RUNS each, and fails when clean costs more
# than MAX_RATIO floors. The ratio was 6.4 when this check was written
# (20 MB, load average 5.5 on 2 cores); the limit leaves twice that, so
# a loaded machine does not make it flake, while losing a speed-up that
# doubles the cost of a run does fail it.
#
#   bash bench/regress.sh        # SIZE=20M RUNS=3 MAX_RATIO=13
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${SIZE:-20M}
RUNS=${RUNS:-3}
MAX_RATIO=${MAX_RATIO:-13}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

cargo build --release -q -p newsclean-cli
BIN=$PWD/target/release/newsclean
"$BIN" generate --out "$DIR/dump.jsonl" --size "$SIZE" --format jsonl >/dev/null

# best_cpu ARGS...: the least user + sys seconds of RUNS runs of `clean`.
best_cpu() {
  local best="" u s c
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%U %S' -o "$DIR/t" "$BIN" clean "$DIR/dump.jsonl" --out "$DIR/out" \
      --threads 1 --quiet "$@" >/dev/null
    read -r u s <"$DIR/t"
    c=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
    if [ -z "$best" ] || awk -v c="$c" -v b="$best" 'BEGIN { exit !(c < b) }'; then best=$c; fi
  done
  echo "$best"
}

clean=$(best_cpu)
floor=$(best_cpu --floor)
ratio=$(awk -v c="$clean" -v f="$floor" 'BEGIN { print c / f }')
printf 'speed check (%s dump, load %s): clean %.2f s CPU, floor %.2f s CPU, ratio %.1f (limit %s)\n' \
  "$SIZE" "$(cut -d' ' -f1 /proc/loadavg)" "$clean" "$floor" "$ratio" "$MAX_RATIO"
if awk -v r="$ratio" -v m="$MAX_RATIO" 'BEGIN { exit !(r > m) }'; then
  echo "speed check failed: a clean costs ${ratio} floors, over ${MAX_RATIO} (bench/regress.sh)" >&2
  exit 1
fi
echo "speed check passed"
