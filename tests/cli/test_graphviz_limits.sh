#!/usr/bin/env bash
# Graphviz's DOT reader fails on a quoted string or a run of HTML text over
# 16384 bytes ("longer than 16384?"). No text reaches it that long: a huge
# actor id, actor name, type name or title is shortened (or refused with a
# placed error), each figure is made or fails cleanly, and Graphviz never
# speaks. The DOT evgraph writes lays out with dot itself.
set -u
evgraph=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$work" || exit 1
mkdir data
python3 - <<'PY'
big_id = "A" * 16384  # the longest id the loader accepts
big_name = "N\u00e9" * 9000  # two-byte characters, cut at a boundary
amps = "&<>\"\\" * 4000      # grows when escaped
with open("data/events.csv", "w", encoding="utf-8") as f:
    f.write("id,date,end_date,type,actor,target,source,description\n")
    f.write("e1,2016-01-05,,accusation,%s,b,X,%s\n" % (big_id, "d" * 20000))
    f.write("e2,2016-02-05,,accusation,b,c,X,\n")
    f.write("e3,2016-05-05,,visit,c,%s,X,\n" % big_id)
with open("data/actors.csv", "w", encoding="utf-8") as f:
    f.write("id,name,kind,parent,color\n")
    f.write("%s,,state,,\n" % big_id)
    f.write('b,"%s",state,,\n' % amps.replace('"', '""'))
    f.write("c,%s,state,,\n" % big_name)
PY
title=$(python3 -c 'print("T&" * 10000)')
check() { # NAME STATUS: Graphviz silent; made, or refused with a placed error
  local name=$1 status=$2
  ! grep -qi 'graphviz\|longer than 16384' log || fail "$name: graphviz complained: $(head -c 300 log)"
  if [[ $status != 0 ]]; then
    grep -qE '^[^:]+:[0-9]+:[0-9]+: error: ' log || fail "$name: status $status without a placed error: $(head -c 300 log)"
  fi
}
for lanes in actor type; do
  "$evgraph" timeline data -q --lanes $lanes -o t.svg --title "$title" 2>log; status=$?
  check "timeline --lanes $lanes" $status
  [[ $status != 0 ]] || xmllint --noout t.svg || fail "timeline: not well-formed"
done
for format in svg dot png; do
  "$evgraph" actors data -q -o "a.$format" --title "$title" 2>log; status=$?
  check "actors $format" $status
  [[ $status != 0 || $format != svg ]] || xmllint --noout a.svg || fail "actors: not well-formed"
done
if command -v dot >/dev/null && [[ -s a.dot ]]; then
  dot -Tsvg a.dot -o from-dot.svg 2>log || fail "dot cannot lay out evgraph's DOT: $(head -c 300 log)"
fi
"$evgraph" actors data -q --by quarter -o q.svg --title "$title" 2>log; status=$?
check "actors --by" $status
"$evgraph" actors data -q --aggregate none --collapse -o n.svg 2>log; status=$?
check "actors --aggregate none" $status
"$evgraph" html data -q -o p.html --title "$title" 2>log; status=$?
check "html" $status
exit 0
