#!/usr/bin/env bash
# The timeline fits its page, whatever the data: on the sample and on
# synthetic datasets (5,000 and 20,000 events over 25-28 actors, 3,000 over
# 200, 10,000 over 3,000 with long names), on the default page (the A4 text
# block) and on a4-landscape, every text prints at 6 pt or more, none
# overlaps another, and the caption says what was folded.
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
measure() { python3 "$src/tests/cli/figure_measure.py" "$@"; }

check() { # NAME DATASET PAGE
  local out="$work/$1-$3.svg" args=()
  [ "$3" = default ] || args=(--page "$3")
  "$evgraph" timeline "$2" "${args[@]}" -o "$out" 2>"$work/err" || fail "$1 $3: $(cat "$work/err")"
  [ -s "$work/err" ] && fail "$1 $3: unexpected diagnostics: $(cat "$work/err")"
  local page=$3
  [ "$page" = default ] && page=a4
  measure "$out" --page "$page" --min-text 6 >"$work/m" 2>&1 || fail "$1 $3: $(cat "$work/m")"
}

check sample "$src/data/syria-2016" default
check sample "$src/data/syria-2016" a4-landscape
for spec in "5000 25" "20000 28" "3000 200" "10000 3000 --long-names"; do
  set -- $spec
  dir="$work/d$1-$2"
  mkdir -p "$dir"
  python3 "$src/tests/cli/gen_page_data.py" "$dir" $spec || fail "generate $spec"
  check "d$1-$2" "$dir" default
  check "d$1-$2" "$dir" a4-landscape
done
# What was folded is said, and its marks are drawn.
grep -q 'other actors, [0-9,]* events, in the last lane' "$work/d3000-200-default.svg" ||
  fail "the caption does not say what was folded"
grep -q '>[0-9]* other actors<' "$work/d3000-200-default.svg" || fail "no lane for the others"
# --page none keeps the unbounded height: every lane drawn.
"$evgraph" timeline "$work/d3000-200" --page none -o "$work/none.svg" || fail "page none"
grep -q 'other actors' "$work/none.svg" && fail "page none folded lanes"
measure "$work/none.svg" --page none >/dev/null || fail "page none: $(measure "$work/none.svg" --page none)"
# --top N: N lanes and the rest in one.
"$evgraph" timeline "$work/d5000-25" --top 3 -o "$work/top.svg" || fail "top"
# 25 actors: 3 groups kept, their 15 members in their lanes, 7 others folded.
grep -q '>7 other actors<' "$work/top.svg" || fail "--top 3 did not fold 7 actors"
grep -q '15 members drawn in their group' "$work/top.svg" || fail "--top 3: members"
echo ok
