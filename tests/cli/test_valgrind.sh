#!/usr/bin/env bash
# The command under valgrind's memcheck: no invalid read or write, no use of
# uninitialised memory, no leak of evgraph's own, over loading (valid,
# invalid and imported data), every figure and format, and a whole build in
# one process. Suppressions (tests/sanitizer/valgrind.supp) cover only leaks
# inside Graphviz's layout and text plugins, fontconfig, pango and cairo.
set -u
evgraph=$1 src=$2
command -v valgrind >/dev/null || { echo "FAIL: valgrind is missing (tools/setup.sh installs it)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
run() {
  local expected=$1
  shift
  valgrind -q --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --error-exitcode=99 \
    --suppressions="$src/tests/sanitizer/valgrind.supp" "$evgraph" "$@" >"$work/out" 2>"$work/err"
  local status=$?
  if [[ $status == 99 ]] || grep -q '^==[0-9]*==' "$work/err"; then
    echo "FAIL: valgrind reports on: evgraph $*"
    grep '^==' "$work/err" | head -40
    fail=1
  elif [[ $status != "$expected" ]]; then
    echo "FAIL: evgraph $*: status $status, expected $expected"
    head -5 "$work/err"
    fail=1
  fi
}
data=$src/data/syria-2016
run 0 check "$data"
run 1 check "$src/tests/cli/cases/check_unknown_related/events.csv"
run 1 check "$src/tests/cli/cases/check_unterminated_quote/events.csv"
run 0 check -q "$src/tests/data/import/gdelt2_20160815.export.CSV" "$src/tests/data/import/acled_cp1252.csv"
run 0 timeline "$data" -o "$work/t.svg"
run 0 timeline "$data" --lanes location --bin week -o "$work/t.png"
run 0 timeline "$data" --scale ordinal -o "$work/t.pdf"
run 0 actors "$data" --collapse -o "$work/a.png"
run 0 actors "$data" --by quarter -o "$work/q.svg"
run 2 actors "$data" --type nothing -o "$work/x.svg"
mkdir "$work/data" && cp -R "$data" "$work/data/"
run 0 build "$work/data" --out "$work/out-build" -q
exit $fail
