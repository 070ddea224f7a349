#!/usr/bin/env bash
# Text XML 1.0 cannot carry (C0 controls but tab, LF and CR; U+FFFE; U+FFFF)
# in the data never reaches a figure: ids, names, types and descriptions
# holding it give a placed warning, and every SVG and page is well-formed.
set -u
evgraph=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$work" || exit 1
mkdir data
printf 'id,date,end_date,type,actor,target,source,description\n' >data/events.csv
printf 'e1,2016-01-05,,accusation,a,b,X\x01Y,"say \xef\xbf\xbe\x0b so"\n' >>data/events.csv
printf 'e2,2016-03-05,,visit,b,a,X,plain\n' >>data/events.csv
printf 'id,name,kind,parent,color\na,"A \xef\xbf\xbf\x02 name",state,,\nb,B\x1b,state,,\n' >data/actors.csv
"$evgraph" check data 2>log; status=$?
grep -qE '^data/(events|actors).csv:[0-9]+:[0-9]+: warning: ' log || fail "check: no placed warning: $(cat log)"
for cmd in timeline actors; do
  "$evgraph" $cmd data -o $cmd.svg 2>log || fail "$cmd: status $?: $(cat log)"
  grep -qi graphviz log && fail "$cmd: graphviz complained: $(cat log)"
  xmllint --noout $cmd.svg || fail "$cmd: not well-formed"
done
"$evgraph" html data -o page.html 2>log || fail "html: $(cat log)"
python3 - page.html <<'PY' || fail "html: XML-invalid characters in the page"
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
bad = re.findall("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", t)
sys.exit(1 if bad else 0)
PY
exit 0
