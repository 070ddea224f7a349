#!/usr/bin/env bash
# A dataset folder may keep its --columns mapping in columns.txt, so check,
# the figures, -M and evgraph build read a spreadsheet's own columns with no
# option: one mapping over several lines, '#' comments, spaces after commas.
# --columns on the command line wins; a wrong mapping is a placed error.
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
mkdir -p "$work/data/log"
cp "$src/tests/data/import/newsroom_incidents.csv" "$work/data/log/events.csv"
cat >"$work/data/log/columns.txt" <<'MAP'
# The newsroom's incident log
date=Recording_Date, id=Incident_No,
actor=Perpetrator, target=Victim_Group, type=Category
MAP
"$evgraph" check -q "$work/data/log" >"$work/msg" 2>&1 || bad "check: $(cat "$work/msg")"
grep -q '4 events, 6 actors' "$work/msg" || bad "check: $(cat "$work/msg")"
"$evgraph" timeline -q "$work/data/log" -o "$work/t.svg" -M "$work/t.d" 2>"$work/err" ||
  bad "timeline: $(cat "$work/err")"
grep -q 'columns.txt' "$work/t.d" || bad "-M does not name columns.txt: $(cat "$work/t.d")"
grep -q 'INC-0101' "$work/t.svg" || bad "timeline: the mapped id is not in the figure"
# The command line's mapping wins over the folder's.
"$evgraph" check -q "$work/data/log" --columns date=Recording_Date,actor=Reporter >"$work/msg" 2>&1 ||
  bad "--columns over columns.txt: $(cat "$work/msg")"
grep -q '4 events, 3 actors' "$work/msg" || bad "--columns did not win: $(cat "$work/msg")"
# evgraph build reads it too, and rebuilds when it changes.
printf 'timeline timeline svg\n' >"$work/data/log/figures.txt"
(cd "$work" && "$evgraph" build -q >"$work/msg" 2>&1) || bad "build: $(cat "$work/msg")"
[[ -s $work/out/log/timeline.svg ]] || bad "build wrote no timeline"
printf 'date=Recording_Date,actor=Reporter\n' >"$work/data/log/columns.txt"
(cd "$work" && "$evgraph" build --check >"$work/msg" 2>&1) && bad "build --check: a changed columns.txt is not stale"
# A mapping naming no such column is an error placed in events.csv.
printf 'date=Nope,actor=Perpetrator\n' >"$work/data/log/columns.txt"
"$evgraph" check "$work/data/log" 2>"$work/err" && bad "a wrong columns.txt was accepted"
grep -q "events.csv:1:1: error: --columns names 'Nope'" "$work/err" || bad "wrong mapping: $(cat "$work/err")"
printf '# nothing\n' >"$work/data/log/columns.txt"
"$evgraph" check "$work/data/log" 2>"$work/err" && bad "an empty columns.txt was accepted"
grep -q 'columns.txt:1:1: error: no mapping' "$work/err" || bad "empty mapping: $(cat "$work/err")"
exit $fail
