#!/usr/bin/env bash
# On a terminal (a pseudo-terminal from script(1)): coloured diagnostics
# unless NO_COLOR is set or TERM is dumb, none when stderr is a file; build
# keeps one status line and ends in a summary.
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$work" || exit 1
command -v script > /dev/null || fail "script(1) (util-linux) is needed"
esc=$'\033'
on_tty() { TERM=xterm script -qec "$1" /dev/null < /dev/null > "$2" 2>&1; }

on_tty "'$evgraph' timline" log
grep -q "${esc}\[1;31merror${esc}\[0m: unknown command 'timline'" log || fail "no colour: $(cat -v log)"
on_tty "NO_COLOR=1 '$evgraph' timline" log
grep -q "$esc" log && fail "colour despite NO_COLOR: $(cat -v log)"
grep -q "evgraph: error: unknown command" log || fail "NO_COLOR output: $(cat -v log)"
on_tty "TERM=dumb '$evgraph' timline" log
grep -q "$esc" log && fail "colour on a dumb terminal"
"$evgraph" timline 2> log
grep -q "$esc" log && fail "colour into a file"

mkdir data && cp -R "$src/data/syria-2016" data/
printf 't timeline dot,svg\na actors dot\n' > data/syria-2016/figures.txt
on_tty "'$evgraph' build" log || fail "build on a terminal: $(cat -v log)"
tr '\r' '\n' < log | grep -q '\[3/3\] syria-2016: a.dot' || fail "no status line: $(cat -v log)"
tail -c 200 log | grep -q "evgraph build: 3 built, 0 up to date, 0 failed" ||
  fail "no summary: $(cat -v log)"
[[ $(tr -cd '\n' < log | wc -c) == 1 ]] || fail "more than one line: $(cat -v log)"
on_tty "'$evgraph' build" log
grep -q "evgraph build: 0 built, 3 up to date, 0 failed" log || fail "no up to date summary: $(cat -v log)"
"$evgraph" build 2> log
[[ -s log ]] && fail "build not on a terminal printed: $(cat log)"
echo ok
