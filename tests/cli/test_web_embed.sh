#!/usr/bin/env bash
# Figures made with default options, embedded together in one host page
# whose own stylesheet styles .axis, .title, text and path, as a web editor
# would: headless Chromium loads it with and without that stylesheet and
# web_embed_check.py asserts no id twice, each figure named by its own
# title, no Graphviz-internal <title>, unchanged computed styles. The html
# page alone at a phone's width: its figure text at least 11 CSS px; in
# dark mode: no figure text dark.
# Screenshots at desktop and phone width, light and dark, are left in
# $EVG_SHOTS when set. Usage: test_web_embed.sh EVGRAPH_BINARY SOURCE_DIR
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
[[ -n "$chromium" ]] || { echo "FAIL: chromium is not installed"; exit 1; }
browse() { # browse PAGE ARGS...
  local page=$1
  shift
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --no-first-run --disable-component-update --disable-sync --disable-extensions \
    --user-data-dir="$(mktemp -d "$work/profile.XXXX")" \
    --host-resolver-rules='MAP * ~NOTFOUND' --proxy-server='127.0.0.1:9' "$@" "file://$page" 2>/dev/null
}
data=$src/data/syria-2016
mkdir -p "$work/zoom"
"$evgraph" timeline "$data" -o "$work/timeline.svg" &&
  "$evgraph" timeline "$data" --from 2016-01 -o "$work/zoom/timeline.svg" &&
  "$evgraph" actors "$data" -o "$work/actors.svg" &&
  "$evgraph" html "$data" -o "$work/page.html" || { bad "evgraph failed"; exit 1; }

host_css='.axis path{stroke:#e00;stroke-width:4} .axis{fill:#e00} .title{text-transform:uppercase;fill:#0c0}
text{fill:#c00;font-size:30px;letter-spacing:3px} path{stroke:#00e;stroke-width:5} .event{opacity:.2}'
# page STYLE OUT: the three figures and the html page's body in one page.
page() {
  {
    printf '<!DOCTYPE html><html><head><meta charset="utf-8"><style>%s</style></head><body>\n' "$1"
    for f in timeline.svg zoom/timeline.svg actors.svg; do sed -n '/<svg/,$p' "$work/$f"; done
    sed -n '/<main>/,/<\/main>/p' "$work/page.html"
    printf '<script src="probe.js"></script></body></html>\n'
  } >"$2"
}
cp "$src/tests/cli/web_embed_probe.js" "$work/probe.js"
page "$host_css" "$work/hosted.html"
page "" "$work/bare.html"
browse "$work/hosted.html" --dump-dom --window-size=1200,2000 >"$work/hosted.dom" ||
  bad "chromium failed on the host page"
browse "$work/bare.html" --dump-dom --window-size=1200,2000 >"$work/bare.dom" ||
  bad "chromium failed on the bare page"
python3 "$src/tests/cli/web_embed_check.py" "$work/hosted.dom" "$work/bare.dom" ||
  bad "the figures on one host page"

# The html page alone, at a phone's width, and the same page with the probe.
sed 's|</body>|<script src="probe.js"></script></body>|' "$work/page.html" >"$work/probe.html"
browse "$work/probe.html" --dump-dom --window-size=390,1600 >"$work/phone.dom" ||
  bad "chromium failed at phone width"
python3 "$src/tests/cli/web_embed_check.py" "$work/phone.dom" "$work/phone.dom" --min-text 11 ||
  bad "the html page at a phone's width"
dark=(--force-dark-mode --blink-settings=preferredColorScheme=0)
browse "$work/probe.html" "${dark[@]}" --dump-dom --window-size=1200,2000 >"$work/dark.dom" ||
  bad "chromium failed in dark mode"
python3 "$src/tests/cli/web_embed_check.py" "$work/dark.dom" "$work/dark.dom" --dark ||
  bad "the html page in dark mode"

shots=${EVG_SHOTS:-$work}
for mode in light dark; do
  flag=()
  [[ $mode == dark ]] && flag=(--force-dark-mode --blink-settings=preferredColorScheme=0)
  browse "$work/page.html" "${flag[@]}" --screenshot="$shots/page-desktop-$mode.png" --window-size=1200,1600 >/dev/null
  browse "$work/page.html" "${flag[@]}" --screenshot="$shots/page-phone-$mode.png" --window-size=390,1600 >/dev/null
  browse "$work/hosted.html" "${flag[@]}" --screenshot="$shots/hosted-$mode.png" --window-size=1200,3000 >/dev/null
  for f in page-desktop page-phone hosted; do
    python3 "$src/tests/cli/browser_check.py" png "$shots/$f-$mode.png" || bad "$f-$mode screenshot"
  done
done
[[ $fail == 0 ]] && echo "web embedding checks passed"
exit $fail
