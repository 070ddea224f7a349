#!/usr/bin/env bash
# Times `evgraph timeline --bin none` against Graphviz's `dot` on the
# rank-based timeline graph of the same events, side by side in one run.
#
# usage: timeline_bench.sh EVGRAPH [EVENTS...]    (default: 5000 20000)
# RUNS=N sets how many runs each median takes (default 3; dot runs once
# past 10,000 events unless DOT_RUNS says otherwise). DAYS=N spreads the
# events over N days (default 60): dot's time grows with the number of dates
# (ranks) as much as with the events, so more days make it slower still.
#
# The rank-based graph is what `dot` needs for a timeline: rankdir=LR, one
# rank=same subgraph per date, each event a labelled node in its actor's lane,
# kept in order by an invisible chain of edges per lane.
set -eu
evgraph=$(realpath "$1")
shift
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(5000 20000)
runs=${RUNS:-3}
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { # command... : prints wall seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

median() { # runs command... : median wall seconds of `runs` runs
  local n=$1
  shift
  for ((i = 0; i < n; i++)); do seconds "$@"; done | sort -n |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

rank_graph() { # events.csv > dot (the graph is bench/rank_graph.py's)
  python3 "$here/../../bench/rank_graph.py" "$1"
}

printf '%8s %12s %12s %12s %10s\n' events "evgraph svg" "evgraph png" "dot -Tsvg" "dot/svg"
for n in "${sizes[@]}"; do
  data="$work/d$n"
  python3 "$here/gen_timeline_events.py" "$data" "$n" 40 "${DAYS:-60}" >/dev/null
  rank_graph "$data/events.csv" >"$work/rank$n.dot"
  svg=$(median "$runs" "$evgraph" timeline "$data" --bin none -o "$work/t$n.svg")
  png=$(median "$runs" "$evgraph" timeline "$data" --bin none -o "$work/t$n.png")
  dot_runs=${DOT_RUNS:-$((n > 10000 ? 1 : runs))}
  dot=$(median "$dot_runs" dot -Tsvg -o "$work/rank$n.svg" "$work/rank$n.dot")
  ratio=$(awk -v d="$dot" -v s="$svg" 'BEGIN { printf "%.0fx", d / s }')
  printf '%8d %11ss %11ss %11ss %10s\n' "$n" "$svg" "$png" "$dot" "$ratio"
done
