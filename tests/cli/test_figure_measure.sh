#!/usr/bin/env bash
# The figure measuring helper sees what a page would print: transforms and the
# svg's size against its viewBox shrink text, overlapping texts are found,
# and a figure larger than its page fails.
set -u
src=$2
measure="python3 $src/tests/cli/figure_measure.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
svg() { # FILE WIDTH HEIGHT VIEWBOX BODY
  printf '<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="%s">%s</svg>\n' \
    "$2" "$3" "$4" "$5" >"$work/$1"
}
ok() { $measure "$@" >"$work/out" 2>&1 || { cat "$work/out"; fail "expected a pass: $*"; }; }
bad() { $measure "$@" >"$work/out" 2>&1; rc=$?; [ $rc -eq 1 ] || { cat "$work/out"; fail "expected 1, got $rc: $*"; }; }

# 8 pt text, two lines apart, on a small figure: fine.
svg fine.svg 400pt 300pt "0 0 400 300" \
  '<g transform="scale(1 1) rotate(0) translate(0 300)"><text x="10" y="-250" font-size="8.00">Airstrike on Aleppo</text><text x="10" y="-240" font-size="8.00">Ceasefire</text></g>'
ok "$work/fine.svg"
grep -q 'printed 8.00 to 8.00 pt' "$work/out" || fail "size of fine.svg: $(cat "$work/out")"
# Graphviz's top-group scale() halves it: 4 pt.
sed 's/scale(1 1)/scale(0.5 0.5)/' "$work/fine.svg" >"$work/scaled.svg"
bad "$work/scaled.svg"
grep -q 'printed 4.00 to 4.00 pt' "$work/out" || fail "scale(): $(cat "$work/out")"
ok "$work/scaled.svg" --min-text 4
# A viewBox twice the size of the svg halves it too.
svg viewbox.svg 400pt 300pt "0 0 800 600" '<text x="10" y="50" font-size="8">Airstrike</text>'
bad "$work/viewbox.svg"
grep -q 'printed 4.00' "$work/out" || fail "viewBox: $(cat "$work/out")"
# Nested transforms and inherited font sizes.
svg nested.svg 400pt 300pt "0 0 400 300" \
  '<g font-size="10" transform="translate(5 5)"><g transform="matrix(0.8 0 0 0.8 0 0)"><text x="10" y="50">Airstrike</text></g></g>'
ok "$work/nested.svg"
grep -q 'printed 8.00' "$work/out" || fail "nested: $(cat "$work/out")"
# Two texts on top of each other, and two that only touch with spaces.
svg overlap.svg 400pt 300pt "0 0 400 300" \
  '<text x="10" y="50" font-size="8">Airstrike on Aleppo</text><text x="40" y="52" font-size="8">Ceasefire</text>'
bad "$work/overlap.svg"
grep -q 'overlapping text pairs: 1' "$work/out" || fail "overlap: $(cat "$work/out")"
svg anchors.svg 400pt 300pt "0 0 400 300" \
  '<text x="100" y="50" font-size="8" text-anchor="end">Airstrike   </text><text x="100" y="50" font-size="8">  Ceasefire</text>'
ok "$work/anchors.svg"
# Larger than the page: 20 x 30 cm on A4 (17 x 24.7 cm) fails, passes on none.
svg big.svg 20cm 30cm "0 0 567 850" '<text x="10" y="50" font-size="8">Airstrike</text>'
bad "$work/big.svg"
grep -q 'taller than the page' "$work/out" || fail "page: $(cat "$work/out")"
ok "$work/big.svg" --page none
ok "$work/big.svg" --page 21cmx31cm
bad "$work/big.svg" --page a4-landscape
# Usage errors exit 2.
$measure >/dev/null 2>&1; [ $? -eq 2 ] || fail "no file"
$measure "$work/fine.svg" --page a5 >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad page"
echo "ok"
