#!/usr/bin/env bash
# The actor graph as a network: `-T graphml` and `-T gexf` (or the .graphml
# and .gexf extensions) read back by NetworkX and checked against the CSV
# files (network_check.py), on the sample, on ids and names full of XML and
# DOT syntax, and on a synthetic 3,000-event dataset (nothing folded or
# hidden there: the network is every actor and relation). ACLED's
# undirected pairs stay undirected; the timeline and --by refuse a network.
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
check=$src/tests/cli/network_check.py
python3 "$src/tests/cli/gen_actors.py" "$work/s3k" 3000 200
for data in "$src/data/syria-2016" "$src/tests/data/escapes" "$work/s3k"; do
  name=$(basename "$data")
  for format in graphml gexf; do
    out=$work/$name.$format
    "$evgraph" actors "$data" -q -o "$out" 2>"$work/err" || { bad "$name $format: $(cat "$work/err")"; continue; }
    xmllint --noout "$out" 2>"$work/err" || bad "$name $format: not well-formed: $(cat "$work/err")"
    python3 "$check" "$out" "$data" || bad "$name $format differs from the dataset"
    "$evgraph" actors "$data" -q -T "$format" >"$work/again" 2>/dev/null || bad "$name -T $format to stdout"
    cmp -s "$out" "$work/again" || bad "$name $format: standard output differs from the file"
  done
done
# Undirected pairs (ACLED's actor1 and actor2).
acled=$src/tests/data/import/acled_api.csv
"$evgraph" actors "$acled" -q -o "$work/a.graphml" && grep -q 'directed="false"' "$work/a.graphml" ||
  bad "ACLED pairs are not undirected in GraphML"
"$evgraph" actors "$acled" -q -o "$work/a.gexf" && grep -q 'type="undirected"' "$work/a.gexf" ||
  bad "ACLED pairs are not undirected in GEXF"
# What has no network form is refused, as a usage error, with no file.
"$evgraph" timeline "$src/data/syria-2016" -o "$work/t.graphml" 2>"$work/err"
[[ $? == 2 ]] || bad "timeline -o t.graphml: exit status not 2"
grep -q 'evgraph actors' "$work/err" || bad "timeline -o t.graphml does not point to actors: $(cat "$work/err")"
[[ -e $work/t.graphml ]] && bad "timeline -o t.graphml wrote a file"
"$evgraph" actors "$src/data/syria-2016" --by quarter -o "$work/q.gexf" 2>"$work/err"
[[ $? == 2 ]] || bad "--by with gexf: exit status not 2"
grep -q -- '--by' "$work/err" || bad "--by with gexf: no message: $(cat "$work/err")"
exit $fail
