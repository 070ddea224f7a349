#!/usr/bin/env bash
# evgraph build over several datasets: keeps going past a bad one, reports
# every error, stable stamps, the real files of --by in --check and -M (make
# has nothing to do on a second run), and a manifest confined to its dataset
# folder (reads) and its output folder (writes).
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$work" || exit 1
mkdir data
cp -R "$src/data/syria-2016" data/good
cp -R "$src/data/syria-2016" data/bad
cp -R "$src/data/syria-2016" data/badmanifest
# Two invalid rows in one dataset, a manifest error in another.
sed -i -e 's/^su35-lands-hmeimim,2016-05-04,/su35-lands-hmeimim,2016-13-45,/' \
  -e "s/^truce-48-hour,2016-09-12,/truce-48-hour,2016-02-31,/" data/bad/events.csv
printf 'x timelines svg\n' > data/badmanifest/figures.txt
echo 'svg { font-family: serif; }' > data/good/style.css
cat > data/good/figures.txt <<'MANIFEST'
t  timeline dot --css style.css
q  actors   svg --by quarter -M q.d
MANIFEST

"$evgraph" build 2> log; [[ $? == 1 ]] || fail "exit status $? with a bad dataset: $(cat log)"
[[ $(grep -c "data/bad/events.csv:.*: error: invalid date" log) == 2 ]] ||
  fail "both data errors not reported: $(cat log)"
grep -q "data/badmanifest/figures.txt:1:3: error: unknown figure command 'timelines'" log ||
  fail "manifest error not reported: $(cat log)"
[[ -s out/good/t.dot ]] || fail "the good dataset was not built: $(cat log)"
ls out/good/q-2016-Q*.svg > /dev/null 2>&1 || fail "no period files: $(ls out/good)"
[[ -e out/good/q.svg ]] && fail "--by made its -o name"
[[ -e out/bad ]] && [[ -n "$(ls -A out/bad)" ]] && fail "files made for the bad dataset"

# Every file of --by is named by its real name, and only those.
for f in out/good/q-*.svg; do
  grep -q "^$(basename "$f") " out/good/.evgraph-stamps || fail "$f has no stamp"
done
grep -q '^q\.svg ' out/good/.evgraph-stamps && fail "a stamp for q.svg, never made"
rm out/good/q-2016-Q2.svg
"$evgraph" build --check data/good 2> log; [[ $? == 1 ]] || fail "--check after a deletion"
[[ "$(cat log)" == "out/good/q-2016-Q2.svg: missing" ]] || fail "--check said: $(cat log)"
"$evgraph" build -q data/good || fail "rebuild of one period"

# Stamps: byte-identical across two --force builds, no header read back.
"$evgraph" build -q --force data/good || fail "--force 1"
cp out/good/.evgraph-stamps stamps1
"$evgraph" build -q --force data/good || fail "--force 2"
cmp -s stamps1 out/good/.evgraph-stamps || fail "stamps differ: $(diff stamps1 out/good/.evgraph-stamps)"
[[ $(grep -c '^#' out/good/.evgraph-stamps) == 1 ]] || fail "header repeated"

# A file an option names is part of the signature.
"$evgraph" build --check data/good 2> log || fail "--check on a fresh build: $(cat log)"
echo 'svg { font-family: sans-serif; }' > data/good/style.css
"$evgraph" build --check data/good 2> log
[[ "$(cat log)" == "out/good/t.dot: out of date" ]] || fail "--css file change missed: $(cat log)"
"$evgraph" build -q data/good || fail "rebuild after a --css change"

# -M with --by: the rule names the period files; make has nothing to do the
# second time, and rebuilds when an input changes.
grep -q '^out/good/q-2011-Q1.svg .*out/good/q-2016-Q3.svg out/good/q.d: \\$' out/good/q.d || fail "q.d targets: $(head -1 out/good/q.d)"
grep -q 'q\.svg' out/good/q.d && fail "q.d names q.svg"
if command -v make > /dev/null; then
  mkdir -p fig
  cat > Makefile <<MAKE
all: fig/q.d
fig/q.d: data/good/events.csv
	"$evgraph" actors data/good --by quarter -o fig/q.svg -M fig/q.d --css data/good/style.css
-include fig/q.d
MAKE
  make -s > make1.log 2>&1 || fail "make: $(cat make1.log)"
  for t in $(sed -n '1s/:.*//p' fig/q.d); do [[ -f $t ]] || fail "make rule names $t, not made"; done
  grep -q 'data/good/style.css' fig/q.d || fail "--css not a prerequisite"
  make > make2.log 2>&1
  grep -q "Nothing to be done" make2.log && ! grep -q "by quarter" make2.log ||
    fail "make reruns with nothing changed: $(cat make2.log)"
  sleep 1; touch data/good/style.css
  make 2>&1 | grep -q "by quarter" || fail "make missed a --css change"
fi

# A manifest reads only in its dataset folder, writes only in its output
# folder: each escape is a placed error and nothing is written.
ln -s /etc/passwd data/good/link.css
cat > data/good/figures.txt <<'MANIFEST'
a actors svg -M /tmp/evgraph-escape.d
b actors svg --css /etc/passwd
c timeline dot --type-map ../bad/types.csv
d timeline dot --css link.css
e timeline dot -M ../../escape.d
f timeline dot ../bad
MANIFEST
rm -rf out
"$evgraph" build data/good 2> log; [[ $? == 1 ]] || fail "escaping manifest accepted"
expected="data/good/figures.txt:1:14: error: -M: a manifest may only write files inside out/good, not '/tmp/evgraph-escape.d'
data/good/figures.txt:2:14: error: --css: a manifest may only read files inside data/good, not '/etc/passwd'
data/good/figures.txt:3:16: error: --type-map: a manifest may only read files inside data/good, not '../bad/types.csv'
data/good/figures.txt:4:16: error: --css: a manifest may only read files inside data/good, not 'link.css'
data/good/figures.txt:5:16: error: -M: a manifest may only write files inside out/good, not '../../escape.d'
data/good/figures.txt:6:16: error: '../bad' has no place in a manifest line (the build gives the dataset; options take their value)"
[[ "$(cat log)" == "$expected" ]] || fail "sandbox diagnostics: $(cat log)"
[[ -e /tmp/evgraph-escape.d || -e escape.d ]] && fail "an escaping depfile was written"
[[ -z "$(ls -A out/good 2>/dev/null)" ]] || fail "files written: $(ls -A out/good)"
echo ok
