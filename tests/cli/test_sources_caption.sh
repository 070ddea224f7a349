#!/usr/bin/env bash
# Both figures name the same sources in the same words: a bounded list,
# "Sources: A, B, C and 37 more.", the most cited named.
set -u
evgraph=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

{
  echo "id,date,type,actor,target,source,count"
  echo "r1,2016-01-01,visit,a,b,Reuters,50"
  echo "r2,2016-01-02,visit,b,a,reuters,"
  echo "r3,2016-01-03,visit,a,b,AFP; BBC,9"
  for i in $(seq 1 40); do printf 'w%d,2016-02-%02d,visit,a,b,Wire %02d,\n' "$i" $((i % 28 + 1)) "$i"; done
} > "$work/events.csv"
"$evgraph" timeline -o "$work/t.dot" "$work/events.csv" 2>"$work/err" || { bad "timeline"; cat "$work/err"; }
"$evgraph" actors -o "$work/a.dot" "$work/events.csv" 2>"$work/err" || { bad "actors"; cat "$work/err"; }
want='Sources: AFP, BBC, Reuters, Wire 01, Wire 02, Wire 03, Wire 04, Wire 05 and 35 more.'
# Graphviz label lines may break anywhere: compare with the breaks taken out.
flat() { tr -d '\n' < "$1" | sed -e 's/\\l//g; s/<\/FONT><\/TD><\/TR><TR><TD ALIGN="LEFT"><FONT[^>]*>/ /g; s/\\$//'; }
flat "$work/t.dot" | grep -qF "$want" || { bad "timeline caption:"; grep -o 'Sources[^"]*' "$work/t.dot"; }
flat "$work/a.dot" | grep -qF "$want" || { bad "actor graph caption:"; grep -o 'Sources[^<]*' "$work/a.dot"; }
exit $fail
