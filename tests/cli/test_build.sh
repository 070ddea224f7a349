#!/usr/bin/env bash
# evgraph build: builds what a manifest declares, skips what is up to date,
# --check and --force, manifest errors, and invalid input over existing
# figures (left as they were, no temporary files behind).
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$work" || exit 1
mkdir data
cp -R "$src/data/syria-2016" data/
cat > data/syria-2016/figures.txt <<'MANIFEST'
# name    command  formats   options
actors    actors   svg,dot   --title "Who does what to whom, ""2016"""
russia    actors   dot       --actor russia --aggregate all
MANIFEST

"$evgraph" build -v 2> log || fail "first build: $(cat log)"
for f in actors.svg actors.dot russia.dot .evgraph-stamps; do
  [[ -s out/syria-2016/$f ]] || fail "out/syria-2016/$f not made"
done
[[ $(grep -c ': built$' log) == 3 ]] || fail "expected 3 built: $(cat log)"
grep -q 'Who does what to whom, &quot;2016&quot;' out/syria-2016/actors.svg ||
  grep -q 'Who does what to whom, "2016"' out/syria-2016/actors.svg || fail "title not passed on"
xmllint --noout out/syria-2016/actors.svg || fail "actors.svg not well-formed"

cp out/syria-2016/actors.dot before.dot
"$evgraph" build -v 2> log || fail "second build"
[[ $(grep -c ': up to date$' log) == 3 ]] || fail "expected 3 up to date: $(cat log)"
"$evgraph" build --check 2> log || fail "--check on a fresh build: $(cat log)"

# A changed option makes that figure stale, only that one.
sed -i 's/--aggregate all/--aggregate none/' data/syria-2016/figures.txt
"$evgraph" build --check 2> log && fail "--check missed a changed option"
[[ "$(cat log)" == "out/syria-2016/russia.dot: out of date" ]] || fail "--check said: $(cat log)"
"$evgraph" build -v 2> log || fail "rebuild after option change"
[[ $(grep -c ': built$' log) == 1 ]] || fail "expected 1 built: $(cat log)"

# A deleted output is missing.
rm out/syria-2016/actors.svg
"$evgraph" build --check 2> log
[[ $? == 1 && "$(cat log)" == "out/syria-2016/actors.svg: missing" ]] || fail "missing not reported: $(cat log)"
"$evgraph" build -q || fail "rebuild of a missing output"

# --force rebuilds everything.
"$evgraph" build --force -v 2> log || fail "--force"
[[ $(grep -c ': built$' log) == 3 ]] || fail "--force built: $(cat log)"

# Invalid input over existing figures: exit 1, figures untouched, no temporaries.
cp out/syria-2016/actors.dot before.dot
sed -i 's/^su35-lands-hmeimim,2016-05-04,/su35-lands-hmeimim,2016-13-45,/' data/syria-2016/events.csv
"$evgraph" build 2> log && fail "build of invalid data succeeded"
grep -q "events.csv:.*: error: invalid date '2016-13-45'" log || fail "no diagnostic: $(cat log)"
cmp -s before.dot out/syria-2016/actors.dot || fail "an existing figure was changed"
[[ -z "$(ls -A out/syria-2016 | grep -v -e '^actors\.' -e '^russia\.' -e '^\.evgraph-stamps$')" ]] ||
  fail "stray files: $(ls -A out/syria-2016)"
"$evgraph" build --check 2>/dev/null && fail "--check passes over invalid data"

# Manifest errors point at line and column.
printf 'ok actors svg\nbad timelines svg\nx actors svg,gif\ny actors svg -o elsewhere.svg\n' > data/syria-2016/figures.txt
"$evgraph" build 2> log && fail "bad manifest accepted"
expected="data/syria-2016/figures.txt:2:5: error: unknown figure command 'timelines' (expected timeline or actors)
data/syria-2016/figures.txt:3:10: error: invalid formats 'svg,gif' (expected a comma-separated list of dot, svg, png, pdf)
data/syria-2016/figures.txt:4:14: error: option '-o' is set by the build (NAME and FORMATS say it)"
[[ "$(cat log)" == "$expected" ]] || fail "manifest diagnostics: $(cat log)"

# Usage errors.
"$evgraph" build --force --check 2>/dev/null; [[ $? == 2 ]] || fail "--force --check not a usage error"
"$evgraph" build nowhere 2> log; [[ $? == 1 ]] || fail "missing folder"
echo ok
