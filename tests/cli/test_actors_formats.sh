#!/usr/bin/env bash
# The actor graph in every format and layout: well-formed SVG whatever the
# names hold, PNG within the page width, PDF; a DOT that Graphviz's own
# command renders to the same SVG; the same bytes twice; --by files named by
# period with the same positions in each. Usage:
#   test_actors_formats.sh EVGRAPH_BINARY SOURCE_DIR
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}
sample=$src/data/syria-2016
test_data=$src/tests/data/actors


# evgraph's SVG carries ids, classes, tooltips and titles for web pages that
# Graphviz's own does not: the two must draw the same shapes and texts.
same_drawing() {
  cmp -s <(python3 "$src/tests/cli/svg_drawing.py" "$1") <(python3 "$src/tests/cli/svg_drawing.py" "$2")
}
# Width and height of a PNG, from its IHDR chunk (bytes 16-23).
png_size() {
  od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }'
}

# "NAME X Y" for each node of an SVG: its id without the figure's prefix and
# the centre of its shape.
node_centres() {
  awk '
    prefix == "" && /<title id="[^"]*-title">/ { match($0, /id="[^"]*-title"/)
      prefix = substr($0, RSTART + 4, RLENGTH - 11); next }
    /class="evg-node[ "]/ { match($0, / id="[^"]*"/)
      name = substr($0, RSTART + 5 + length(prefix) + 1, RLENGTH - 6 - length(prefix) - 1); want = 1; next }
    want && /<ellipse/ { match($0, /cx="[^"]*"/); x = substr($0, RSTART + 4, RLENGTH - 5)
      match($0, /cy="[^"]*"/); y = substr($0, RSTART + 4, RLENGTH - 5)
      print name, x, y; want = 0; next }
    want && /<polygon/ { match($0, /points="[^"]*"/); n = split(substr($0, RSTART + 8, RLENGTH - 9), p, /[ ,]/)
      minx = maxx = p[1]; miny = maxy = p[2]
      for (i = 1; i < n; i += 2) { if (p[i] < minx) minx = p[i]; if (p[i] > maxx) maxx = p[i]
        if (p[i+1] < miny) miny = p[i+1]; if (p[i+1] > maxy) maxy = p[i+1] }
      printf "%s %.1f %.1f\n", name, (minx + maxx) / 2, (miny + maxy) / 2; want = 0; next }
    want && /<path/ { print name, "path"; want = 0 }' "$1"
}

# Renders DATASET with ARGS into $work/NAME.{dot,svg,png,pdf} and checks them.
check_figure() {
  local name=$1 data=$2
  shift 2
  for format in dot svg png pdf; do
    if ! "$evgraph" actors "$data" "$@" -o "$work/$name.$format" 2>"$work/$name.$format.err"; then
      bad "$name.$format: evgraph failed: $(cat "$work/$name.$format.err")"
      continue
    fi
    # No message: a Graphviz warning would show a problem in the drawing.
    # sfdp places edge labels after the nodes and may overlap them: it says so.
    [[ $name == layout_sfdp ]] && sed -i '/labels overlap: the sfdp layout/d' "$work/$name.$format.err"
    [[ -s "$work/$name.$format.err" ]] && bad "$name.$format: messages: $(head -3 "$work/$name.$format.err")"
  done
  xmllint --noout "$work/$name.svg" || bad "$name.svg is not well-formed XML"
  # Tooltips (<a xlink:title>), but no link: actors have no url.
  grep -q 'href=' "$work/$name.svg" && bad "$name.svg has links"
  grep -q 'xlink:title=' "$work/$name.svg" || bad "$name.svg has no tooltips"
  [[ "$(head -c 8 "$work/$name.png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] ||
    bad "$name.png has no PNG signature"
  read -r width height < <(png_size "$work/$name.png")
  # 17 cm at 150 dpi: 1004 pixels at most.
  [[ "$width" -ge 100 && "$width" -le 1004 && "$height" -ge 100 ]] ||
    bad "$name.png is $width x $height, not within the page width (100 to 1004 pixels)"
  [[ "$(head -c 5 "$work/$name.pdf")" == "%PDF-" ]] || bad "$name.pdf has no PDF header"
  grep -q '^digraph actors {' "$work/$name.dot" || bad "$name.dot is not the actor graph"
  # Graphviz's own command draws the written DOT as evgraph did. Not for
  # fdp: Graphviz 2.43's fdp places nodes differently in about one run in
  # 15 to 40 of the same file (measured here with `dot -Tsvg` alone, with
  # and without address randomisation), so no drawing of it can be compared.
  if [[ " $* " != *" --layout fdp "* ]]; then
    if dot -Tsvg "$work/$name.dot" >"$work/$name.dot.svg" 2>"$work/$name.dot.err"; then
      same_drawing "$work/$name.svg" "$work/$name.dot.svg" || bad "$name: dot -Tsvg draws another SVG"
    else
      bad "$name: dot -Tsvg failed: $(head -3 "$work/$name.dot.err")"
    fi
    "$evgraph" actors "$data" "$@" -o "$work/$name.again.svg" 2>/dev/null
    cmp -s "$work/$name.svg" "$work/$name.again.svg" || bad "$name.svg differs between runs"
  fi
  # Deterministic: the same input gives the same bytes (the DOT, which
  # holds no layout, even with fdp).
  "$evgraph" actors "$data" "$@" -o "$work/$name.again.dot" 2>/dev/null
  cmp -s "$work/$name.dot" "$work/$name.again.dot" || bad "$name.dot differs between runs"
}

check_figure sample "$sample" --title "Russia–US coordination in Syria, 2016"
check_figure names "$test_data" --title 'Test & <b>bold</b> "quoted" C:\dir \N Иван'
check_figure collapse_all "$test_data" --collapse --aggregate all
check_figure none_loops "$test_data" --aggregate none --self-loops
check_figure no_legend "$sample" --no-legend --from 2016-06 --to 2016-06 --type accusation,visit
for layout in auto dot neato fdp sfdp circo; do
  check_figure "layout_$layout" "$sample" --layout "$layout"
done

# Text from the data shows as typed: markup escaped, backslashes kept, no
# Graphviz escape (\N would show the node's name) interpreted.
svg=$work/names.svg
for text in 'C:\\Network' '>\\N<' '&lt;Friends&gt;' 'Rebels &amp;' 'Иван Петров' \
  'Quote&quot; Smith' 'Wire &amp; Co &lt;Ltd&gt;' '&lt;b&gt;bold&lt;/b&gt;' 'C:\\dir \\N Иван'; do
  grep -q -- "$text" "$svg" || bad "names.svg: no text '$text'"
done
grep -q '<text[^>]*>\(esc\|net\)<' "$svg" && bad "names.svg: a node name was drawn instead of the actor's name"

# Edge labels carry the count (under the verb) and the date span; nodes
# their activity.
grep -q '>accuses<' "$svg" && grep -q '>×3<' "$svg" || bad "names.svg: no label 'accuses' '×3'"
grep -q '>2016&#45;01&#45;05 –<\|>2016-01-05 –<' "$svg" || bad "names.svg: no date span"
grep -q '>6 events<' "$svg" || bad "names.svg: no activity '6 events'"

# The sample's "attack" and "conflict" share a colour: the second is dashed,
# on its edge and in the legend.
[[ $(grep -c '<path fill="none" stroke="#882255" stroke-dasharray' "$work/sample.svg") == 1 ]] ||
  bad "sample.svg: not one dashed 'armed conflict' edge"
# Legend: one bar for "attack", three dashes for "conflict".
[[ $(grep -c '<polygon fill="#882255" stroke="transparent"' "$work/sample.svg") == 4 ]] ||
  bad "sample.svg: the legend does not show 'attack' whole and 'conflict' in dashes"

# --width and --dpi size the PNG.
"$evgraph" actors "$sample" --width 10cm --dpi 96 -o "$work/small.png" || bad "small.png failed"
read -r width height < <(png_size "$work/small.png")
[[ "$width" -le 380 && "$width" -ge 300 ]] || bad "--width 10cm --dpi 96 gave $width pixels, not 300 to 380"

# --by: a file per period, named by it, all with the same frame and the same
# node positions, each drawn again identically by Graphviz from its DOT.
mkdir "$work/by"
"$evgraph" actors "$test_data" --by quarter -o "$work/by/fig.svg" 2>"$work/by.err" ||
  bad "--by quarter failed: $(cat "$work/by.err")"
"$evgraph" actors "$test_data" --by quarter -o "$work/by/fig.dot" 2>/dev/null ||
  bad "--by quarter to DOT failed"
[[ "$(cd "$work/by" && ls fig-*.svg | tr '\n' ' ')" == "fig-2016-Q1.svg fig-2016-Q2.svg fig-2016-Q3.svg fig-2016-Q4.svg " ]] ||
  bad "--by quarter wrote: $(ls "$work/by")"
first=
for f in "$work"/by/fig-*.svg; do
  xmllint --noout "$f" || bad "$f is not well-formed XML"
  dot -Tsvg "${f%.svg}.dot" >"${f%.svg}.gv.svg" 2>/dev/null
  same_drawing "${f%.svg}.gv.svg" "$f" || bad "$(basename "$f"): its DOT draws another SVG"
  # The frame, and where each node stands: the centre of its shape.
  frame=$(grep -o '<svg width="[^"]*" height="[^"]*"' "$f")
  shapes=$(node_centres "$f")
  if [[ -z "$first" ]]; then
    first=$f first_frame=$frame first_shapes=$shapes
    [[ $(echo "$shapes" | wc -l) == 9 ]] || bad "$(basename "$f"): not every actor drawn: $shapes"
  else
    [[ "$frame" == "$first_frame" ]] || bad "$(basename "$f"): frame $frame, not $first_frame"
    [[ "$shapes" == "$first_shapes" ]] || bad "$(basename "$f"): nodes moved from $(basename "$first")"
  fi
done
# Q2 holds e5-e8 only: its label counts them, its faint nodes are the others.
grep -q '>2016&#45;Q2: \|>2016-Q2: ' "$work/by/fig-2016-Q2.svg" || bad "fig-2016-Q2.svg does not name its period"
grep -q '>strikes<' "$work/by/fig-2016-Q2.svg" && grep -q '>×2<' "$work/by/fig-2016-Q2.svg" ||
  bad "fig-2016-Q2.svg lacks 'strikes ×2'"
grep -q '>×3<' "$work/by/fig-2016-Q2.svg" && bad "fig-2016-Q2.svg shows Q1's accusations"

# Every layout with --by, in PNG too.
for layout in auto dot neato fdp sfdp circo; do
  mkdir -p "$work/by_$layout"
  "$evgraph" actors "$sample" --layout "$layout" --by year -o "$work/by_$layout/a.png" 2>"$work/by_$layout.err" ||
    bad "--layout $layout --by year failed: $(cat "$work/by_$layout.err")"
  [[ -s "$work/by_$layout/a-2016.png" && -s "$work/by_$layout/a-2011.png" ]] ||
    bad "--layout $layout --by year wrote: $(ls "$work/by_$layout")"
done

# 40 actors each accusing 14 others, 560 edges: far more than a page holds.
# The least active relations are hidden and counted, so dot lays out what
# is drawn (fdp only past 500 drawn edges).
mkdir "$work/many"
{
  echo "id,date,type,actor,target"
  for ((a = 0; a < 40; a++)); do
    for ((t = 1; t <= 14; t++)); do
      echo "e$a-$t,2016-01-01,accusation,a$a,a$(((a + t) % 40))"
    done
  done
} >"$work/many/events.csv"
"$evgraph" actors -q "$work/many" -o "$work/many.dot" || bad "560 edges failed"
grep -q 'layout=dot' "$work/many.dot" || bad "560 edges: the drawn graph is not laid out by dot"
grep -q 'not drawn\|other actors' "$work/many.dot" || bad "560 edges: the caption does not say what is left out"
"$evgraph" actors -q "$sample" -o "$work/few.dot" && grep -q 'layout=dot' "$work/few.dot" ||
  bad "the sample is not laid out by dot"

# Invalid data leaves an existing figure alone.
echo old >"$work/keep.svg"
"$evgraph" actors "$src/tests/data/actors_invalid" -o "$work/keep.svg" 2>/dev/null && bad "invalid data accepted"
[[ "$(cat "$work/keep.svg")" == old ]] || bad "invalid data changed keep.svg"

exit $fail
