#!/usr/bin/env bash
# CI for the Python package: a fresh venv, build and install the package
# (maturin, release), run its pytest suite against the CLI. Exit non-zero on
# any failure, including "no tests collected" (pytest exit 5).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
py="$work/venv/bin/python"
"$py" -m pip install -q --upgrade pip
"$py" -m pip install -q maturin pytest datatrove orjson datasets pandas
# pyspark (+ Java 17 on the machine) for tests/test_spark.py; zstandard for .zst inputs.
"$py" -m pip install -q pyspark zstandard
# Builds the extension with maturin (release, abi3) and installs it.
"$py" -m pip install -q "$here"

# The tests compare with the CLI; a debug build is enough (and `cargo test` has built it).
cargo build -q -p newsclean-cli
export NEWSCLEAN_BIN="$root/target/debug/newsclean"

cd "$here/tests"
set +e
"$py" -m pytest -q -p no:cacheprovider
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "ci.sh: pytest collected no tests" >&2
  exit 1
fi
exit "$rc"
