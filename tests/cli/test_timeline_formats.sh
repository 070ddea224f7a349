#!/usr/bin/env bash
# The timeline in every format: well-formed SVG, PNG of the promised size,
# PDF, and a DOT that Graphviz's own commands render to the same drawing; no
# warning from Graphviz (a text wider than its box would give one); the same
# bytes twice. Usage: test_timeline_formats.sh EVGRAPH_BINARY SOURCE_DIR
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}

# Width and height of a PNG, from its IHDR chunk (bytes 16-23).
png_size() {
  od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }'
}

# evgraph's SVG carries ids, classes, links and titles for web pages that
# Graphviz's own does not: the two must draw the same shapes and texts.
same_drawing() {
  cmp -s <(python3 "$src/tests/cli/svg_drawing.py" "$1") <(python3 "$src/tests/cli/svg_drawing.py" "$2")
}

# Renders DATASET with ARGS into $work/NAME.{dot,svg,png,pdf} and checks them.
check_figure() {
  local name=$1 data=$2
  shift 2
  for format in dot svg png pdf; do
    if ! "$evgraph" timeline "$data" "$@" -o "$work/$name.$format" 2>"$work/$name.$format.err"; then
      bad "$name.$format: evgraph failed: $(cat "$work/$name.$format.err")"
      continue
    fi
    [[ -s "$work/$name.$format.err" ]] && bad "$name.$format: messages: $(head -3 "$work/$name.$format.err")"
  done
  xmllint --noout "$work/$name.svg" || bad "$name.svg is not well-formed XML"
  [[ "$(head -c 8 "$work/$name.png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] ||
    bad "$name.png has no PNG signature"
  [[ "$(head -c 5 "$work/$name.pdf")" == "%PDF-" ]] || bad "$name.pdf has no PDF header"
  grep -q '^digraph timeline {' "$work/$name.dot" || bad "$name.dot is not the timeline graph"
  # Graphviz renders the written DOT to the very same SVG.
  if neato -n2 -Tsvg "$work/$name.dot" >"$work/$name.neato.svg" 2>"$work/$name.neato.err"; then
    same_drawing "$work/$name.svg" "$work/$name.neato.svg" || bad "$name: neato -n2 draws another SVG"
    [[ -s "$work/$name.neato.err" ]] && bad "$name: neato -n2 says: $(head -3 "$work/$name.neato.err")"
  else
    bad "$name: neato -n2 -Tsvg failed: $(head -3 "$work/$name.neato.err")"
  fi
  dot -Tsvg "$work/$name.dot" >"$work/$name.dot.svg" 2>/dev/null &&
    same_drawing "$work/$name.svg" "$work/$name.dot.svg" || bad "$name: dot draws another SVG"
  # Deterministic: the same input gives the same bytes.
  "$evgraph" timeline "$data" "$@" -o "$work/$name.again.svg" 2>/dev/null
  "$evgraph" timeline "$data" "$@" -o "$work/$name.again.dot" 2>/dev/null
  cmp -s "$work/$name.svg" "$work/$name.again.svg" || bad "$name.svg differs between runs"
  cmp -s "$work/$name.dot" "$work/$name.again.dot" || bad "$name.dot differs between runs"
  grep -q "$work\|$src" "$work/$name.svg" "$work/$name.dot" && bad "$name: a path in the output"
}

sample="$src/data/syria-2016"
small="$src/tests/data/timeline/small"
check_figure syria "$sample" --title "Russia and the US in Syria, 2016"
check_figure small "$small" --title 'C:\Network & <b> "quoted" \N'
check_figure ordinal "$sample" --lanes none --scale ordinal
check_figure week "$sample" --bin week --lanes type

# The sample at the default resolution fits an A4 text width: 17 cm at
# 150 dpi is 1004 pixels, with 7 pt text at least 14 pixels high. --dpi
# scales the bitmap.
read -r width height <<<"$(png_size "$work/syria.png")"
[[ "$width" == 1004 ]] || bad "syria.png is $width pixels wide, expected 1004"
canvas=$(sed -n 's/^[[:space:]]*canvas[[:space:]]*\[height=\([0-9.]*\),.*/\1/p' "$work/syria.dot")
expected_height=$(awk -v h="$canvas" 'BEGIN { printf "%d", h * 150 + 0.5 }')
((height >= expected_height - 1 && height <= expected_height + 1)) ||
  bad "syria.png is $height pixels high, expected $expected_height (canvas $canvas in)"
((height < 2400)) || bad "syria.png is $height pixels high: taller than an A4 page at 150 dpi"
"$evgraph" timeline "$sample" --title "Russia and the US in Syria, 2016" --dpi 300 \
  -o "$work/syria300.png" || bad "--dpi 300 failed"
read -r width300 height300 <<<"$(png_size "$work/syria300.png")"
[[ "$width300" == 2008 ]] || bad "at 300 dpi the PNG is $width300 pixels wide, expected 2008"
((height300 >= 2 * height - 2 && height300 <= 2 * height + 2)) ||
  bad "at 300 dpi the PNG is $height300 pixels high, expected about $((2 * height))"
"$evgraph" timeline "$sample" --width 25cm -o "$work/wide.png" || bad "--width 25cm failed"
read -r wide _ <<<"$(png_size "$work/wide.png")"
((wide >= 1476 && wide <= 1477)) || bad "a 25 cm figure is $wide pixels wide at 150 dpi, expected 1476"

# The PDF page is the figure, no margin added: 17 cm wide.
grep -aq '/MediaBox \[ 0 0 482 ' "$work/syria.pdf" || bad "syria.pdf is not 482 pt (17 cm) wide"

# The SVG's texts: titles as typed (XML-escaped once), no raw markup.
grep -q 'C:\\Network &amp; &lt;b&gt; &quot;quoted&quot; \\N' "$work/small.svg" ||
  bad "small.svg does not show the title as typed"
grep -q 'Path C:\\Network\\N and \\l' "$work/small.svg" || bad "small.svg lost a backslash"
grep -q 'Заявление: «мир» — Москва' "$work/small.svg" || bad "small.svg lost the Cyrillic title"
grep -q 'xlink:title=' "$work/syria.svg" || bad "syria.svg has no tooltips"
grep -q 'xlink:href="http' "$work/syria.svg" || bad "syria.svg has no links"

# Standard output: the same figure as in a file.
"$evgraph" timeline "$sample" -o - -T svg >"$work/stdout.svg" 2>/dev/null || bad "-o - -T svg failed"
"$evgraph" timeline "$sample" -o "$work/figure.svg" 2>/dev/null
cmp -s "$work/stdout.svg" "$work/figure.svg" || bad "-o - -T svg wrote another SVG than -o FILE"

exit $fail
