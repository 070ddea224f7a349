#!/usr/bin/env bash
# The actor graph fits its page at its printed size, whatever the data: the
# sample and synthetic datasets (5,000 and 20,000 events over 18 and 26
# actors, 3,000 over 200, 10,000 over 3,000 with long names), on the
# default A4 page and on A4 landscape. Each SVG is measured as it prints
# (figure_measure.py): no larger than the page, no text under 6 pt, no two
# texts overlapping. What is folded or hidden is said in the caption, and
# the figure is the same on a second run.
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
measure=$src/tests/cli/figure_measure.py
python3 "$src/tests/cli/gen_actors.py" "$work/s5k" 5000 18
python3 "$src/tests/cli/gen_actors.py" "$work/s20k" 20000 26
python3 "$src/tests/cli/gen_actors.py" "$work/s3k" 3000 200
python3 "$src/tests/cli/gen_actors.py" "$work/s10k" 10000 3000 --long-names
for data in "$src/data/syria-2016" "$work/s5k" "$work/s20k" "$work/s3k" "$work/s10k"; do
  name=$(basename "$data")
  for page in a4 a4-landscape; do
    out=$work/$name-$page.svg
    "$evgraph" actors "$data" --page "$page" -o "$out" 2>"$work/err" ||
      { bad "$name $page: exit $?: $(cat "$work/err")"; continue; }
    python3 "$measure" "$out" --page "$page" --min-text 6 >"$work/measure" 2>&1 ||
      bad "$name $page does not fit: $(cat "$work/measure")"
    # Same file name, so the same SVG ids.
    mkdir -p "$work/again"
    "$evgraph" actors "$data" --page "$page" -o "$work/again/$name-$page.svg" 2>/dev/null
    cmp -s "$out" "$work/again/$name-$page.svg" || bad "$name $page differs between runs"
  done
done
# The sample on A4 shows every actor with a relation, and says which one it
# leaves out.
grep -q 'other actor' "$work/syria-2016-a4.svg" && bad "sample: actors folded on A4"
grep -q '1 actor without a drawn' "$work/syria-2016-a4.svg" ||
  bad "sample: the caption does not count the actor left out"
# Large inputs fold actors into "others" and say so.
# (The caption wraps: look for pieces of a line.)
grep -q '[0-9] other actors, [0-9]* events, in' "$work/s3k-a4.svg" ||
  bad "s3k: no caption for the folded actors"
# --top and --min-count steer it.
"$evgraph" actors "$work/s5k" --top 4 -o "$work/top.svg" 2>/dev/null || bad "--top 4 failed"
[[ $(grep -c 'class="evg-node evg-actor evg-kind' "$work/top.svg") -le 4 ]] || bad "--top 4 draws more than 4 actors"
"$evgraph" actors "$src/data/syria-2016" --min-count 2 -o "$work/min.svg" 2>/dev/null || bad "--min-count 2 failed"
grep -q 'relations of fewer than 2 events not' "$work/min.svg" || bad "--min-count: not in the caption"
# A graph whose per-type edges do not fit is drawn with one line per pair,
# said in the legend; --aggregate all the same rather than a line per type.
"$evgraph" actors "$work/s20k" --aggregate all -o "$work/all.svg" 2>"$work/err" ||
  bad "--aggregate all failed: $(cat "$work/err")"
grep -q 'does not fit' "$work/err" && bad "--aggregate all: $(cat "$work/err")"
python3 "$measure" "$work/all.svg" --page a4 --min-text 6 >"$work/measure" 2>&1 ||
  bad "--aggregate all does not fit: $(cat "$work/measure")"
grep -Eq '>(mixed|mostly [a-z ]+|×[0-9]+)<' "$work/all.svg" || bad "--aggregate all: no edge label"
grep -q 'the type that is more than half of it' "$work/all.svg" || bad "--aggregate all: mixed lines not in the legend"
exit $fail
