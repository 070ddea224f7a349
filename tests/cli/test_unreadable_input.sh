#!/usr/bin/env bash
# An unreadable events file gets a clear error and exit status 1. As root
# (which reads anything) the command runs as nobody through setpriv.
set -u
evgraph=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
printf 'id,date,type,actor\na1,2016,visit,x\n' > "$work/events.csv"
chmod 000 "$work/events.csv"
run=()
if [[ $(id -u) == 0 ]]; then
  command -v setpriv >/dev/null || { echo "setpriv missing"; exit 1; }
  run=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  # The build tree may be out of nobody's reach: run a copy from $work.
  cp "$evgraph" "$work/evgraph" && chmod 755 "$work/evgraph"
  evgraph=$work/evgraph
fi
stderr=$(cd "$work" && "${run[@]}" "$evgraph" check events.csv 2>&1 >/dev/null)
status=$?
expected="events.csv: error: cannot open: Permission denied"
if [[ $status != 1 || "$stderr" != "$expected" ]]; then
  echo "status $status (expected 1), stderr: $stderr"
  echo "expected: $expected"
  exit 1
fi
echo ok
