#!/usr/bin/env bash
# The README's aggregation recipe, end to end: GDELT rows into SQLite, the
# README's own query, its CSV piped into evgraph with a count column.
set -u
evgraph=$1 src=$2
command -v sqlite3 >/dev/null || { echo "sqlite3 missing (tools/setup.sh installs it)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# The query exactly as the README shows it.
awk '/<!-- aggregate.sql/ {on = 1; next} on && /^```sql/ {copy = 1; next}
     copy && /^```/ {exit} copy {print}' "$src/README.md" > "$work/aggregate.sql"
[[ -s $work/aggregate.sql ]] || { echo "FAIL: no aggregate.sql block in README.md"; exit 1; }

# Three copies of a BigQuery export: each event is counted three times.
for i in 1 2 3; do
  sqlite3 "$work/g.db" ".import --csv $src/tests/data/import/gdelt_bigquery.csv events" ||
    bad "import $i"
done
sqlite3 -header -csv "$work/g.db" < "$work/aggregate.sql" > "$work/agg.csv" || bad "query failed"
expected='date,actor,target,type,count
2016-08,RUSSIA,SYRIA,visit,3
2016-08,SYRIA,RUSSIA,visit,3
2016-09,RUSSIA,"SYRIAN REBEL",airstrike,3
2016-09,SYRIA,"SYRIAN REBEL",ceasefire,3
2016-09,"SYRIAN REBEL",SYRIA,ceasefire-violation,3
2016-09,"UNITED STATES",RUSSIA,agreement,3'
[[ $(tr -d '\r' < "$work/agg.csv") == "$expected" ]] || { bad "query output:"; cat "$work/agg.csv"; }

map=date=date,actor=actor,target=target,type=type,count=count
out=$("$evgraph" check --columns "$map" - < "$work/agg.csv" 2>&1)
[[ $? == 0 ]] || bad "check failed: $out"
[[ $out == *"6 events"* ]] || bad "check: $out"
"$evgraph" actors --columns "$map" -o "$work/actors.svg" - < "$work/agg.csv" 2>"$work/err" ||
  { bad "actors failed"; cat "$work/err"; }
"$evgraph" actors --columns "$map" -o "$work/actors.dot" - < "$work/agg.csv" 2>/dev/null ||
  bad "actors DOT failed"
xmllint --noout "$work/actors.svg" || bad "actors.svg is not well-formed"
# Every aggregated pair is an edge of the graph.
[[ $(grep -c -- '->' "$work/actors.dot") -ge 5 ]] || bad "actors.dot lacks the pairs"
# Each row stands for 3 events: edges, nodes and caption count them, not rows.
[[ $(grep -c 'label="[^"]*\\n×3' "$work/actors.dot") -ge 5 ]] || bad "edge labels lack ×3"
grep -q '>18 events, ' "$work/actors.dot" || bad "caption does not count 18 events"
grep -q '>SYRIA</FONT><BR/><FONT[^>]*>12 events<' "$work/actors.dot" ||
  bad "SYRIA's node does not count its 12 events"
"$evgraph" timeline --columns "$map" -o "$work/timeline.svg" - < "$work/agg.csv" 2>"$work/err" ||
  { bad "timeline failed"; cat "$work/err"; }
exit $fail
