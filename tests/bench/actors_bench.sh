#!/usr/bin/env bash
# Times `evgraph actors` (issue 4): loading alone (`evgraph check`) against
# the actor graph from the same 1,000,000 events (50 actors, 400 distinct
# relations), and every layout on 50 actors and 400 edges. Prints the median
# of RUNS runs (default 5) of each. Not part of ctest: it takes a minute or
# two, circo alone ~12 s a run.
# Usage: tests/bench/actors_bench.sh [EVGRAPH_BINARY] [RUNS]
set -euo pipefail
evgraph=${1:-build/evgraph}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/gen_actor_events.py" "$work/big" 1000000 50 400 1
python3 "$here/gen_actor_events.py" "$work/small" 50000 50 400 1

# median NAME COMMAND...: runs COMMAND $runs times, prints NAME and the median.
median() {
  local name=$1
  shift
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f %e -o "$work/t" "$@" >/dev/null 2>&1 || { echo "$name: failed"; return; }
    cat "$work/t"
  done | sort -n | awk -v name="$name" '{ t[NR] = $1 } END { printf "%-40s %6.2f s\n", name, t[int((NR + 1) / 2)] }'
}

echo "1,000,000 events, 50 actors, 400 relations ($(du -h "$work/big/events.csv" | cut -f1)):"
median "check (loading alone)" "$evgraph" check "$work/big"
median "actors -T dot (loading + aggregation)" "$evgraph" actors "$work/big" -o "$work/a.dot"
median "actors -T svg" "$evgraph" actors "$work/big" -o "$work/a.svg"
median "actors -T png" "$evgraph" actors "$work/big" -o "$work/a.png"
median "actors --by month -T svg (120 files)" "$evgraph" actors "$work/big" --by month -o "$work/m.svg"

echo "50,000 events, 50 actors, 400 edges, SVG:"
median "check (loading alone)" "$evgraph" check "$work/small"
for layout in auto dot neato fdp sfdp circo; do
  median "--layout $layout" "$evgraph" actors "$work/small" --layout "$layout" -o "$work/l.svg"
done
