#!/usr/bin/env bash
# Text from the data appears exactly as typed in every format: Graphviz's
# label escapes (\N \G \E \T \H \L \n \l \r), backslashes (C:\Network), typed
# entities (&amp;) and text that looks like HTML or DOT (<b>, ]; node [) are
# never interpreted.
# SVG and the DOT redrawn by Graphviz are read as XML text; PDF through
# pdftotext. (PNG holds pixels only: its text is the same drawing as the
# PDF's, from the same graph.)
set -u
evgraph=$1 src=$2
command -v pdftotext >/dev/null || { echo "FAIL: pdftotext is missing (tools/setup.sh installs poppler-utils)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
data=$src/tests/data/escapes
expected=(
  'C:\Network'
  'C:\Network says \N'
  '\N <i>x</i>'
  '<b>bold</b> & ];'
  'node [shape=box'
  '\l left \r right \n new'
  'Tab \G \E \T \H \L'
  'Press & Co'
  '&amp; Jerry &#169; AT&T'
)
# All text of an SVG, XML entities decoded, one text element a line.
svg_text() {
  python3 - "$1" <<'PY'
import sys, xml.dom.minidom
def walk(node, out):
    if node.nodeType == node.TEXT_NODE and node.parentNode.tagName == "text":
        out.append(node.data)
    for child in node.childNodes:
        walk(child, out)
out = []
walk(xml.dom.minidom.parse(sys.argv[1]), out)
print("\n".join(out))
PY
}
check_text() {
  local what=$1 file=$2
  for s in "${expected[@]}"; do
    if [[ $what == timeline* ]] || [[ $s == 'C:\Network' || $s == '\N <i>x</i>' ]]; then
      grep -qF -- "$s" "$file" || { echo "FAIL: $what: '$s' not shown as typed"; fail=1; }
    fi
  done
}
for figure in timeline actors; do
  for format in svg dot pdf; do
    "$evgraph" "$figure" "$data" -q -o "$work/$figure.$format" || { echo "FAIL: $figure.$format"; fail=1; }
  done
  xmllint --noout "$work/$figure.svg" || fail=1
  svg_text "$work/$figure.svg" > "$work/$figure.svg.txt"
  check_text "$figure (svg)" "$work/$figure.svg.txt"
  dot -Tsvg "$work/$figure.dot" > "$work/$figure.dot.svg" 2>/dev/null || { echo "FAIL: dot -Tsvg $figure.dot"; fail=1; }
  svg_text "$work/$figure.dot.svg" > "$work/$figure.dot.txt"
  check_text "$figure (dot, drawn by Graphviz)" "$work/$figure.dot.txt"
  pdftotext -raw "$work/$figure.pdf" "$work/$figure.pdf.txt"
  check_text "$figure (pdf)" "$work/$figure.pdf.txt"
done
exit $fail
