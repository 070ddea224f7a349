#!/usr/bin/env bash
# An error Graphviz reports fails the command: no figure is written, an
# existing one stays, and the exit status says so. An actor name holding
# U+FFFF makes Graphviz's HTML-label parser fail ("not well-formed"); an
# evgraph that rejects or replaces such text at the input passes too, as
# long as it never writes a figure after an error.
set -u
evgraph=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$work" || exit 1
mkdir data
printf 'id,date,end_date,type,actor,target,source\ne1,2016-01-05,,accusation,a,b,X\n' >data/events.csv
printf 'id,name,kind,parent,color\na,Bad \xef\xbf\xbf name,state,,\nb,Other,state,,\n' >data/actors.csv
echo old >fig.svg
for format in svg png pdf; do
  "$evgraph" actors data -o "fig.$format" 2>log; status=$?
  if grep -q 'error: graphviz' log; then
    [[ $status != 0 ]] || fail "$format: graphviz reported an error and the status is 0: $(cat log)"
    if [[ $format == svg ]]; then
      [[ "$(cat fig.svg)" == old ]] || fail "svg: the figure was replaced after a graphviz error"
    else
      [[ ! -e "fig.$format" ]] || fail "$format: a figure was written after a graphviz error"
    fi
  elif [[ $status == 0 ]]; then
    # Fixed at the input: the figure must then be well-formed.
    [[ $format != svg ]] || xmllint --noout fig.svg || fail "svg: not well-formed XML"
  fi
done
# html inlines the same graph.
"$evgraph" html data -o page.html 2>log; status=$?
if grep -q 'error: graphviz' log; then
  [[ $status != 0 && ! -e page.html ]] || fail "html: status $status after a graphviz error"
fi
exit 0
