#!/usr/bin/env bash
# Outputs appear whole or not at all: a full device, a read-only or missing
# directory, a closed standard output, and a render killed by a signal each
# give a clear error or die, leave an existing figure as it was, and leave
# no temporary file behind.
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
fail() { echo "FAIL: $*"; exit 1; }
cd "$work" || exit 1
data=$src/data/syria-2016
no_temporaries() { [[ -z "$(find "$1" -name '.*.??????' 2>/dev/null)" ]] || fail "temporary left in $1: $(ls -A "$1")"; }

# A full device.
"$evgraph" actors "$data" -o /dev/full -T svg 2> log; status=$?
[[ $status == 1 && "$(cat log)" == "/dev/full: error: cannot write: No space left on device" ]] ||
  fail "/dev/full: status $status, $(cat log)"
[[ -c /dev/full ]] || fail "/dev/full is no longer a device"

# A missing directory.
"$evgraph" actors "$data" -o missing/actors.svg 2> log; status=$?
[[ $status == 1 && "$(cat log)" == "missing/actors.svg: error: cannot create: No such file or directory" ]] ||
  fail "missing dir: status $status, $(cat log)"

# A closed standard output.
"$evgraph" actors "$data" -o - -T dot >&- 2> log; status=$?
[[ $status == 1 ]] && grep -q "cannot write" log || fail "closed stdout: status $status, $(cat log)"

# A read-only directory (as root, run as nobody: root writes anywhere).
mkdir ro && "$evgraph" actors "$data" -o ro/actors.svg || fail "first render"
cp ro/actors.svg before.svg
chmod 555 ro
run=()
if [[ $(id -u) == 0 ]]; then
  cp "$evgraph" ./evgraph && chmod 755 ./evgraph && evgraph=$work/evgraph
  run=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
"${run[@]}" "$evgraph" actors "$data" -o ro/actors.svg 2> log; status=$?
[[ $status == 1 && "$(cat log)" == "ro/actors.svg: error: cannot create: Permission denied" ]] ||
  fail "read-only dir: status $status, $(cat log)"
cmp -s before.svg ro/actors.svg || fail "read-only: figure changed"
chmod 755 ro

# Invalid input over an existing figure.
mkdir bad && cp "$data"/*.csv bad/
printf 'x,2016-02-30,visit,russia\n' > bad/extra.csv
sed -i 's/^su35-lands-hmeimim,2016-05-04,/su35-lands-hmeimim,2016-02-30,/' bad/events.csv
"$evgraph" actors bad -o ro/actors.svg 2> log; status=$?
[[ $status == 1 ]] && grep -q "invalid date '2016-02-30'" log || fail "invalid input: status $status, $(cat log)"
cmp -s before.svg ro/actors.svg || fail "invalid input: figure changed"
no_temporaries ro

# Killed mid-render: a slow layout (dot with many labelled edges), stopped
# at a few moments; each time the old figure stays and nothing is left.
python3 - > slow.csv <<'PY'
import random
random.seed(7)
types = ["accusation", "airstrike", "visit", "agreement", "attack", "meeting", "statement", "ceasefire"]
print("id,date,type,actor,target")
n = 0
for a in range(50):
    for k in range(8):
        b = (a * 7 + k * 13 + 1) % 50
        if b == a:
            b = (b + 1) % 50
        n += 1
        print("e%d,2016-%02d-%02d,%s,a%02d,a%02d" % (n, random.randint(1, 12), random.randint(1, 28), types[k], a, b))
PY
for delay in 0.3 1 2; do
  "$evgraph" actors slow.csv -q --layout dot -o ro/actors.svg 2>/dev/null &
  pid=$!
  sleep $delay
  kill -TERM $pid 2>/dev/null
  wait $pid; status=$?
  if [[ $status == 0 ]]; then
    echo "note: the render finished before ${delay}s; nothing to interrupt"
    cp ro/actors.svg before.svg
  else
    [[ $status == 143 ]] || fail "killed render: status $status (expected 143)"
    cmp -s before.svg ro/actors.svg || fail "killed render: figure changed"
  fi
  no_temporaries ro
done
echo ok
