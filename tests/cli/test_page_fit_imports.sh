#!/usr/bin/env bash
# Real exports fit the page too: every importer's fixture (ACLED, GDELT 1.0
# and 2.0, ICEWS and its four-column form, UCDP GED, Phoenix, sender/action/
# receiver tables, a newsroom log read through --columns), drawn as a
# timeline and as an actor graph on the default A4 page and measured as it
# prints: no larger than the page, no text under 6 pt, no two texts
# overlapping.
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
data=$src/tests/data/import
columns=date=Recording_Date,id=Incident_No,actor=Perpetrator,target=Victim_Group,type=Category
count=0
for file in "$data"/*; do
  name=$(basename "$file")
  args=()
  [[ $name == newsroom_incidents.csv ]] && args=(--columns "$columns")
  for figure in timeline actors; do
    out=$work/$name-$figure.svg
    if ! "$evgraph" "$figure" "$file" "${args[@]}" -q -o "$out" 2>"$work/err"; then
      echo "FAIL: $name $figure: $(cat "$work/err")"
      fail=1
      continue
    fi
    if ! python3 "$src/tests/cli/figure_measure.py" "$out" --page a4 --min-text 6 \
      >"$work/measure" 2>&1; then
      echo "FAIL: $name $figure does not fit A4: $(cat "$work/measure")"
      fail=1
    fi
    count=$((count + 1))
  done
done
# Every fixture was drawn: a folder emptied by mistake fails too.
[[ $count -ge 40 ]] || { echo "FAIL: only $count figures drawn"; fail=1; }
exit $fail
