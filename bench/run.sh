#!/usr/bin/env bash
# The benchmark suite (issue 9): loading, timeline and actor graph at 1,000 to
# 1,000,000 events, side by side with a bare libcsv pass, Graphviz's `dot` and
# the `neato -n2` rendering floor; `evgraph build` cold and unchanged.
#
# usage: bench/run.sh [--quick] [--runs N]
#
# Builds a Release evgraph in build-bench/ (when missing or out of date),
# compiles bench/csv_count.c, generates the datasets once (deterministic,
# seed 1) into build-bench/bench-data/, prints a table and writes it to
# out/bench/results.csv and out/bench/results.txt. The full run takes 15 to
# 20 minutes on 2 cores, most of it dot (30 s a run at 5,000 events over a
# year of dates, ~4 min at 20,000); --quick (1,000 to 10,000 events, 3 runs)
# under a minute. Not part of ctest.
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
