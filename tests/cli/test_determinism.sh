#!/usr/bin/env bash
# The same input gives the same bytes in every format, run after run, and
# shuffling the rows of every CSV of a dataset changes no output.
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$work" || exit 1
mkdir -p data shuffled/syria-2016
cp -R "$src/data/syria-2016" data/
# Shuffle the data rows of each CSV (quoted fields may span lines: use a CSV
# parser), keeping the header first.
for f in events.csv actors.csv types.csv; do
  python3 - "data/syria-2016/$f" "shuffled/syria-2016/$f" <<'PY' || fail "shuffle $f"
import csv, random, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
before = list(body)
random.Random(20160912).shuffle(body)
if len(body) > 2 and body == before:
    body.reverse()
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(body)
PY
done
cp data/syria-2016/figures.txt shuffled/syria-2016/
cmp -s data/syria-2016/events.csv shuffled/syria-2016/events.csv && fail "the shuffle changed nothing"

"$evgraph" build data --out run1 -q || fail "first build"
"$evgraph" build data --out run2 -q || fail "second build"
"$evgraph" build shuffled --out run3 -q || fail "build of the shuffled CSVs"
count=0
for f in run1/syria-2016/*; do
  name=$(basename "$f")
  [[ $name == .evgraph-stamps ]] && continue
  cmp -s "$f" "run2/syria-2016/$name" || fail "$name differs between two runs"
  cmp -s "$f" "run3/syria-2016/$name" || fail "$name differs when the CSV rows are shuffled"
  count=$((count + 1))
done
[[ $count -ge 8 ]] || fail "only $count figures compared"
for ext in dot svg png pdf; do
  ls run1/syria-2016/*."$ext" >/dev/null 2>&1 || fail "no .$ext figure compared"
done
# Nothing of the machine inside: no absolute path, host name or today's date.
for f in run1/syria-2016/*.dot run1/syria-2016/*.svg; do
  grep -q -e "$work" -e "$src" "$f" && fail "$f holds a path of this machine"
  grep -q "$(hostname)" "$f" && [[ $(hostname) != localhost ]] && fail "$f holds the host name"
  grep -q "$(date +%Y-%m-%d)" "$f" && fail "$f holds today's date"
done
grep -aq "CreationDate (D:$(date +%Y%m%d)" run1/syria-2016/*.pdf && fail "a PDF holds today's date"
echo "ok: $count figures identical"
