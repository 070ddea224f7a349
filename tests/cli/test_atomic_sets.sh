#!/usr/bin/env bash
# Files written together are replaced together or not at all: the files of
# a --by figure and the make rule of -M. A write that fails part way (a file
# size limit standing in for a full disk, a period's name taken by a
# folder, a depfile on a full device) leaves every old file as it was and
# no temporary behind; --by refuses an output that is not a regular file.
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$work" || exit 1
data=$src/data/syria-2016
no_temporaries() { [[ -z "$(find . -name '.*.??????')" ]] || fail "$1: temporary left: $(ls -A)"; }
all_old() {
  for f in a-*.svg; do [[ "$(cat "$f")" == old ]] || fail "$1: $f was replaced"; done
}

# The periods' files exist from an earlier run.
"$evgraph" actors "$data" --by quarter -o a.svg -q || fail "first run"
periods=(a-*.svg)
(( ${#periods[@]} >= 3 )) || fail "expected several periods, got ${periods[*]}"
for f in "${periods[@]}"; do echo old > "$f"; done

# A file size limit between the smallest and the largest figure: the first
# periods' files fit, a later one does not (a disk filling up).
(ulimit -f 25; trap '' XFSZ; exec "$evgraph" actors "$data" --by quarter -o a.svg -q 2> log); status=$?
[[ $status == 1 ]] && grep -q "error: cannot write: File too large" log ||
  fail "size limit: status $status, $(cat log)"
all_old "size limit"
no_temporaries "size limit"
[[ "$(ls a-*.svg)" == "$(printf '%s\n' "${periods[@]}")" ]] || fail "size limit: new files: $(ls)"

# A later period's name is taken by a folder: nothing is written.
last=${periods[-1]}
rm "$last" && mkdir "$last"
"$evgraph" actors "$data" --by quarter -o a.svg -q 2> log; status=$?
[[ $status == 1 ]] && grep -q "$last: error: cannot write: Is a directory" log ||
  fail "folder: status $status, $(cat log)"
for f in "${periods[@]}"; do [[ $f == "$last" ]] || [[ "$(cat "$f")" == old ]] || fail "folder: $f was replaced"; done
no_temporaries "folder"
rmdir "$last" && echo old > "$last"

# The make rule cannot be written: the figures stay as they were.
"$evgraph" actors "$data" --by quarter -o a.svg -q -M /dev/full 2> log; status=$?
[[ $status == 1 ]] && grep -q "/dev/full: error: cannot write: No space left on device" log ||
  fail "--by -M /dev/full: status $status, $(cat log)"
all_old "--by -M /dev/full"
echo old > x.svg
"$evgraph" actors "$data" -o x.svg -M /dev/full 2> log; status=$?
[[ $status == 1 && "$(cat x.svg)" == old ]] || fail "actors -M /dev/full: status $status, x.svg replaced: $(cat log)"
"$evgraph" timeline "$data" -o x.svg -M /dev/full 2> log; status=$?
[[ $status == 1 && "$(cat x.svg)" == old ]] || fail "timeline -M /dev/full: status $status, x.svg replaced"
echo old > x.html
"$evgraph" html "$data" -o x.html -M /dev/full 2> log; status=$?
[[ $status == 1 && "$(cat x.html)" == old ]] || fail "html -M /dev/full: status $status, x.html replaced"
# ... nor the other way round: a figure that fails leaves the rule.
echo old > x.d
mkdir y.svg
"$evgraph" timeline "$data" -o y.svg -M x.d 2> log; status=$?
[[ $status == 1 && "$(cat x.d)" == old ]] || fail "timeline -o folder -M: status $status, x.d replaced"
no_temporaries "-M"
# Both written when all is well.
"$evgraph" actors "$data" --by quarter -o a.svg -q -M a.d || fail "--by -M"
grep -q "^a-.*a-2016-Q1.svg .*a.d:" a.d || fail "--by -M: rule $(head -1 a.d)"
for f in "${periods[@]}"; do [[ "$(cat "$f")" != old ]] || fail "--by -M: $f not written"; done

# --by with a device as the output's name: refused, nothing created beside it.
rm -f /dev/full-20??-Q?.svg /dev/full-20??-Q? 2>/dev/null
"$evgraph" actors "$data" --by quarter -o /dev/full -T svg 2> log; status=$?
[[ $status != 0 ]] && grep -q "/dev/full: error: --by .*regular file" log ||
  fail "--by /dev/full: status $status, $(cat log)"
[[ -z "$(ls /dev/full-* 2>/dev/null)" ]] || fail "--by /dev/full created $(ls /dev/full-*)"
[[ -c /dev/full ]] || fail "/dev/full is no longer a device"
exit 0
