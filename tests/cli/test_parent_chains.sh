#!/usr/bin/env bash
# Parent chains: the loader refuses one deeper than 32 with a placed error,
# and check and every figure agree. A chain 66 deep crashed the timeline and
# html; 20,000 and 100,000 deep overflowed the stack or took minutes. Each
# command must answer with the same placed error, without crashing, quickly.
# A cycle is refused the same way.
set -u
evgraph=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$work" || exit 1
chain() { # DIR DEPTH
  mkdir -p "$1"
  python3 - "$1" "$2" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
with open(d + "/actors.csv", "w") as f:
    f.write("id,name,kind,parent,color\n")
    for i in range(n):
        f.write("a%d,Actor %d,organization,%s,\n" % (i, i, "a%d" % (i - 1) if i else ""))
with open(d + "/events.csv", "w") as f:
    f.write("id,date,end_date,type,actor,target,source\n")
    f.write("e1,2016-01-05,,accusation,a%d,a0,X\n" % (n - 1))
    f.write("e2,2016-04-06,,accusation,a%d,a1,X\n" % (n // 2))
PY
}
run() { # NAME CMD...: exit 1 with a placed error, within 60 s, no crash
  local name=$1; shift
  timeout 60 "$@" 2>log >/dev/null; local status=$?
  [[ $status == 1 ]] || fail "$name: status $status (124: timeout, >128: crash): $(head -c 300 log)"
  grep -qE '^[^:]+/actors.csv:[0-9]+:[0-9]+: error: ' log || fail "$name: no placed error: $(head -c 300 log)"
}
for depth in 34 66 20000 100000; do
  chain d$depth $depth
  run "check $depth" "$evgraph" check d$depth
  run "timeline $depth" "$evgraph" timeline d$depth -o t.svg
  run "timeline --lanes type $depth" "$evgraph" timeline d$depth --lanes type -o t.svg
  run "actors $depth" "$evgraph" actors d$depth -o a.svg
  run "actors --collapse $depth" "$evgraph" actors d$depth --collapse -o a.svg
  run "actors --by $depth" "$evgraph" actors d$depth --by quarter -o q.svg
  run "html $depth" "$evgraph" html d$depth -o p.html
  [[ ! -e t.svg && ! -e a.svg && ! -e p.html ]] || fail "$depth: a figure was written"
done
# 33 parents above the deepest actor is the limit: accepted everywhere.
chain ok 33
"$evgraph" check -q ok || fail "33 deep refused by check"
"$evgraph" timeline -q ok -o t.svg || fail "33 deep: timeline"
"$evgraph" html -q ok -o p.html || fail "33 deep: html"
# A cycle.
mkdir cyc
printf 'id,name,kind,parent,color\na,A,state,c,\nb,B,state,a,\nc,C,state,b,\n' >cyc/actors.csv
printf 'id,date,end_date,type,actor,target,source\ne1,2016-01-05,,accusation,a,b,X\n' >cyc/events.csv
run "cycle check" "$evgraph" check cyc
run "cycle timeline" "$evgraph" timeline cyc -o t.svg
run "cycle actors" "$evgraph" actors cyc -o a.svg
run "cycle html" "$evgraph" html cyc -o p.html
exit 0
