#!/usr/bin/env bash
# SVG and HTML from a hostile dataset (tests/data/hostile: & < > " ' \ in
# every text, Cyrillic, Arabic, control characters, "]]>" and "</style>",
# javascript:, data:, //host and tab-split URLs) are well-formed, escaped and
# hold nothing executable; disallowed links are dropped with a warning each;
# ids carry the prefix and two figures share none; --css is embedded safely.
# Usage: test_svg_hostile.sh EVGRAPH_BINARY SOURCE_DIR
set -u
evgraph=$1 src=$2
data=$src/tests/data/hostile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}

printf '.event { stroke-width: 2 } .event::after { content: "]]>" } /* a comment is left out */\n' >"$work/ok.css"
"$evgraph" timeline "$data" --css "$work/ok.css" -o "$work/timeline.svg" 2>"$work/timeline.err" ||
  bad "timeline failed: $(cat "$work/timeline.err")"
"$evgraph" actors "$data" --id-prefix 'my figure' -o "$work/actors.svg" 2>"$work/actors.err" ||
  bad "actors failed: $(cat "$work/actors.err")"
"$evgraph" timeline "$data" --lanes none --no-size -o "$work/plain.svg" 2>/dev/null || bad "--no-size failed"
"$evgraph" html "$data" --title 'Page & <title> "q"' -o "$work/page.html" 2>"$work/html.err" ||
  bad "html failed: $(cat "$work/html.err")"

for f in "$work"/*.svg; do
  xmllint --noout --nonet "$f" || bad "$(basename "$f") is not well-formed XML"
done
python3 "$src/tests/cli/svg_check.py" --ids-apart "$work/timeline.svg" "$work/actors.svg" || bad "svg_check"
python3 "$src/tests/cli/svg_check.py" "$work/page.html" || bad "svg_check page.html"
xmllint --html --noout "$work/page.html" 2>"$work/lint.err" || bad "xmllint --html: $(head -3 "$work/lint.err")"

# Warnings: one per disallowed link, naming the event and its line.
for pair in "js-url:3:disallowed scheme 'javascript:'" "data-url:4:disallowed scheme 'data:'" \
  "tab-js:5:holds spaces, control characters" "vb:9:'//' (another host)" \
  "onload:10:disallowed scheme 'JaVaScRiPt:'"; do
  id=${pair%%:*} rest=${pair#*:} line=${rest%%:*} what=${rest#*:}
  for err in timeline html; do
    grep -qF "events line $line: url of event '$id' " "$work/$err.err" && grep -qF "$what" "$work/$err.err" ||
      bad "$err: no warning for $id (line $line): $(cat "$work/$err.err")"
  done
done
[[ $(grep -c 'no link' "$work/html.err") == 5 ]] || bad "html warns more than once a link: $(cat "$work/html.err")"

# Allowed links stay, escaped.
grep -qF 'xlink:href="https://example.org/a?x=1&amp;y=&lt;2&gt;&amp;z=&quot;3&quot;"' "$work/timeline.svg" ||
  bad "the https link is missing or not escaped"
grep -qF 'xlink:href="mailto:x@example.org?subject=a&amp;body=b"' "$work/timeline.svg" || bad "no mailto link"
grep -qF 'xlink:href="notes/page.html#x"' "$work/timeline.svg" || bad "no relative link"
# Each allowed link twice: on the event's mark and on its label.
[[ $(grep -o 'xlink:href="[^"]*"' "$work/timeline.svg" | sort -u | wc -l) == 3 ]] ||
  bad "timeline.svg: not exactly 3 link targets"
[[ $(grep -c 'xlink:href=' "$work/timeline.svg") == 6 ]] || bad "timeline.svg: not exactly 6 links (mark and label)"
grep -qF 'href="https://example.org/a?x=1&amp;y=&lt;2&gt;&amp;z=&quot;3&quot;"' "$work/page.html" ||
  bad "page.html: the https source link is missing or not escaped"

# Texts as typed: Graphviz's own escaping is not trusted.
grep -qF 'Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; &quot;dq&quot;' "$work/timeline.svg" || bad "title not escaped as typed"
grep -qF '&amp;foo;' "$work/timeline.svg" || bad "an undefined entity was not escaped"
grep -q 'Заявление: «мир» — Москва' "$work/timeline.svg" || bad "Cyrillic title lost"
grep -q 'دمشق' "$work/actors.svg" || bad "Arabic name lost"
grep -q 'Заявление: «мир» — Москва' "$work/page.html" || bad "page.html lost the Cyrillic title"
grep -qF '<title>Page &amp; &lt;title&gt; &quot;q&quot;</title>' "$work/page.html" || bad "page title not escaped"
LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f]' "$work/timeline.svg" "$work/actors.svg" "$work/page.html" &&
  bad "a control character reached the output"

# Ids: prefixed (the file's name and a hash of the figure when no prefix is
# given), from the dataset's ids; accessibility; the stylesheet.
p=$(grep -o '<title id="timeline-[0-9a-f]\{6\}-title">' "$work/timeline.svg" | sed 's/.*id="\(.*\)-title".*/\1/')
[[ -n $p ]] || bad "timeline.svg: no prefix 'timeline-' and 6 hex digits"
grep -q "id=\"$p-amp-quote\"" "$work/timeline.svg" || bad "no id $p-amp-quote"
grep -q 'id="my_20figure-a_26b"' "$work/actors.svg" || bad "no id for actor a&b with prefix 'my figure'"
bad_ids=$(grep -o ' id="[^"]*"' "$work/timeline.svg" | grep -Ev ' id="timeline([-_][^"]*)?"' | head -3)
[[ -z "$bad_ids" ]] || bad "ids without the prefix: $bad_ids"
grep -q "<svg [^>]*role=\"img\" aria-labelledby=\"$p-title $p-desc\"" "$work/timeline.svg" ||
  bad "no role/aria-labelledby"
grep -q "<title id=\"$p-title\">" "$work/timeline.svg" || bad "no <title>"
grep -q "<desc id=\"$p-desc\">" "$work/timeline.svg" || bad "no <desc>"
grep -q 'a comment is left out' "$work/timeline.svg" && bad "a --css comment reached the figure"
grep -q "#$p \.event{ stroke-width: 2 }" "$work/timeline.svg" || bad "--css not scoped to #$p"
grep -qF ']]]]><![CDATA[>' "$work/timeline.svg" || bad "']]>' in the stylesheet was not split"
grep -q '<svg width=' "$work/plain.svg" && bad "--no-size kept the width"
grep -q 'viewBox=' "$work/plain.svg" || bad "--no-size lost the viewBox"
printf 'a{}</style><script>alert(1)</script>\n' >"$work/evil.css"
"$evgraph" timeline "$data" --css "$work/evil.css" -o "$work/evil.svg" 2>"$work/evil.err"
[[ $? == 2 && ! -e "$work/evil.svg" ]] || bad "a stylesheet with </style was not refused"
grep -q "'</style'" "$work/evil.err" || bad "no error for </style: $(cat "$work/evil.err")"

# Same input, same bytes.
"$evgraph" html "$data" --title 'Page & <title> "q"' -o "$work/again.html" 2>/dev/null
cmp -s "$work/page.html" "$work/again.html" || bad "page.html differs between runs"

[[ $fail == 0 ]] && echo "all hostile SVG/HTML checks passed"
exit $fail
