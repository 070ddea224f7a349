#!/usr/bin/env bash
# The benchmark (issues 9, 14 and 18), the one command for everything under
# bench/: loading against a bare libcsv pass, the timeline and the actor
# graph against loading, at 1,000 to 1,000,000 events (5,000,000 in the full
# run); 100,000 actors, listed and unlisted; a GDELT file; the timeline
# against the `neato -n2` floor and Graphviz's `dot`; the actor layouts;
# `evgraph build` cold and unchanged. Every ratio is measured in turns with
# its reference in the same run.
#
# usage: bench/run.sh [--quick] [--max-events N] [--runs N]
#
# Builds a Release evgraph in build-bench/ (when missing or out of date),
# compiles bench/csv_count.c, generates the datasets once (deterministic,
# seed 1) into build-bench/bench-data/, prints a table and writes it to
# out/bench/results.csv and out/bench/results.txt. The full run takes about
# an hour on 2 cores (5,000,000 events and dot take most of it);
# --max-events 1000000 leaves out the 5,000,000 rows; --quick (1,000 to
# 20,000 events, 3 runs) takes a couple of minutes. Not part of ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=build-bench
work=$build/bench-data
mkdir -p "$work"

for tool in python3 cc dot neato /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is missing" >&2; exit 1; }
done

if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" -j2 --target evgraph_cli >/dev/null
grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$build/CMakeCache.txt" ||
  { echo "bench/run.sh: $build is not a Release build" >&2; exit 1; }

if [[ ! -x $work/csv_count || bench/csv_count.c -nt $work/csv_count ]]; then
  cc -O2 -std=c11 -Wall -Wextra -o "$work/csv_count" bench/csv_count.c -lcsv
fi

exec python3 bench/bench.py --evgraph "$build/evgraph" --csv-count "$work/csv_count" \
  --work "$work" --out out/bench "$@"
