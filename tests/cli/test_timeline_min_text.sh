#!/usr/bin/env bash
# --min-text is honoured by the timeline's page fit: every text prints at
# that size or more, the figure still fits its page and no texts overlap.
# Measured from the SVG at the default (6 pt, where the design's smallest
# text, 6.5 pt, stands) and at two larger values, on the sample and on a
# synthetic dataset that must fold lanes.
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

smallest() { # FILE.svg MIN: the smallest printed text, after measuring
  python3 "$src/tests/cli/figure_measure.py" "$1" --min-text "$2" >"$work/m" 2>&1 ||
    fail "$1 at --min-text $2: $(cat "$work/m")"
  sed -n 's/^texts: [0-9]*, printed \([0-9.]*\) to .*/\1/p' "$work/m"
}
check() { # NAME DATASET
  local at6 at8 at9
  "$evgraph" timeline -q "$2" -o "$work/$1-6.svg" || fail "$1: default"
  at6=$(smallest "$work/$1-6.svg" 6)
  # The default leaves the design's sizes: some text is under 8 pt, so the
  # larger values below are not met by chance.
  awk -v v="$at6" 'BEGIN { exit !(v < 8) }' || fail "$1: smallest text $at6 pt at the default"
  "$evgraph" timeline -q "$2" --min-text 8 -o "$work/$1-8.svg" || fail "$1: --min-text 8"
  at8=$(smallest "$work/$1-8.svg" 8)
  [ "$at8" = 8.00 ] || fail "$1: smallest text $at8 pt at --min-text 8"
  "$evgraph" timeline -q "$2" --min-text 9pt -o "$work/$1-9.svg" || fail "$1: --min-text 9pt"
  at9=$(smallest "$work/$1-9.svg" 9)
  [ "$at9" = 9.00 ] || fail "$1: smallest text $at9 pt at --min-text 9pt"
}

check sample "$src/data/syria-2016"
mkdir -p "$work/d3000"
python3 "$src/tests/cli/gen_page_data.py" "$work/d3000" 3000 200 || fail "generate"
check d3000 "$work/d3000"
echo ok
