#!/usr/bin/env bash
# evgraph html in a real browser: headless Chromium opens the page from a
# local file with the network cut off and the test asserts no console
# message, no request the page made (Chromium's net log, less the browser's
# own calls home), both figures present, no id twice, one event mark with a tooltip per
# event, the expected links and none of another scheme, no script, and a
# screenshot that is not blank. The same for the page of the hostile
# dataset. Chromium is required: tools/setup.sh installs it; without it this
# test fails. Usage: test_html_browser.sh EVGRAPH_BINARY SOURCE_DIR
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}

chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$chromium" ]]; then
  echo "FAIL: chromium is not installed (tools/setup.sh installs Debian's chromium)"
  exit 1
fi

browse() { # browse PAGE.html ARGS...: Chromium's stderr log in $work/log
  local page=$1
  shift
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --no-first-run --disable-component-update --disable-sync --disable-extensions \
    --user-data-dir="$(mktemp -d "$work/profile.XXXX")" \
    --host-resolver-rules='MAP * ~NOTFOUND' --proxy-server='127.0.0.1:9' \
    --enable-logging=stderr --v=0 "$@" "file://$page"
}

# check NAME DATASET EVENTS LINKS: EVENTS event marks, LINKS of them linked.
check() {
  local name=$1 data=$2 events=$3 links=$4
  "$evgraph" html "$data" -o "$work/$name.html" 2>"$work/$name.err" && [[ -s "$work/$name.html" ]] ||
    { bad "$name: evgraph html failed: $(head -3 "$work/$name.err")"; return; }
  browse "$work/$name.html" --dump-dom --log-net-log="$work/$name.net.json" \
    >"$work/$name.dom.html" 2>"$work/$name.dom.log" ||
    bad "$name: chromium --dump-dom failed: $(grep -v dbus "$work/$name.dom.log" | tail -3)"
  [[ -s "$work/$name.net.json" ]] || bad "$name: chromium wrote no net log"
  fetched=$(grep -o '"url":"[^"]*"' "$work/$name.net.json" | sort -u |
    grep -Ev '"url":"https?://[a-z0-9.-]*(google\.com|googleapis\.com|gvt1\.com)[/:"]' | grep -v '"url":"file://')
  [[ -z "$fetched" ]] || bad "$name: the page fetched: $fetched"
  if grep -E 'CONSOLE|Uncaught' "$work/$name.dom.log"; then
    bad "$name: console messages"
  fi
  python3 "$src/tests/cli/browser_check.py" dom "$work/$name.dom.html" "$events" "$links" ||
    bad "$name: the DOM"
  python3 "$src/tests/cli/svg_check.py" "$work/$name.dom.html" || bad "$name: unsafe DOM"
  browse "$work/$name.html" --screenshot="$work/$name.png" --window-size=1200,2000 \
    >/dev/null 2>"$work/$name.shot.log" || bad "$name: chromium --screenshot failed"
  grep -E 'CONSOLE|Uncaught' "$work/$name.shot.log" && bad "$name: console messages (screenshot)"
  python3 "$src/tests/cli/browser_check.py" png "$work/$name.png" || bad "$name: the screenshot"
  # A phone's width: the page lays out without the figures overflowing.
  browse "$work/$name.html" --screenshot="$work/$name.phone.png" --window-size=390,1600 \
    >/dev/null 2>&1 || bad "$name: chromium --screenshot at phone width failed"
  python3 "$src/tests/cli/browser_check.py" png "$work/$name.phone.png" || bad "$name: the phone screenshot"
}

# The sample: 31 events, 12 with a url (all http). The hostile dataset: 8
# events, 3 allowed links (https, mailto, relative), 5 dropped.
check sample "$src/data/syria-2016" 31 12
check hostile "$src/tests/data/hostile" 8 3
[[ $(grep -c 'no link' "$work/hostile.err") == 5 ]] || bad "hostile: expected 5 warnings: $(cat "$work/hostile.err")"

[[ $fail == 0 ]] && echo "browser checks passed"
exit $fail
