#!/usr/bin/env bash
# The field limit is enforced while a line is parsed: a field of 32 MiB,
# far past the 1 MiB limit, is a placed error after reading about the limit,
# fast even under AddressSanitizer (where growing libcsv's buffer 128 bytes
# at a time took over 100 s for 1 MiB).
set -u
evgraph=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$work" || exit 1
{ printf 'id,date,type,actor,description\na1,2016,visit,x,"'; head -c 33554432 /dev/zero | tr '\0' a; printf '"\n'; } >big.csv
start=$(date +%s)
timeout 60 "$evgraph" check -q big.csv 2>log; status=$?
[[ $status == 1 ]] || fail "status $status (124: over 60 s): $(head -c 300 log)"
grep -q '^big.csv:2:17: error: field longer than 1048576 bytes' log || fail "$(head -c 300 log)"
(( $(date +%s) - start < 30 )) || fail "took $(( $(date +%s) - start )) s"
# Standard input too.
timeout 60 "$evgraph" timeline - -o t.svg <big.csv 2>log; status=$?
[[ $status == 1 ]] && grep -q 'error: field longer than 1048576 bytes' log || fail "stdin: status $status: $(head -c 300 log)"
exit 0
