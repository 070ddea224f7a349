#!/usr/bin/env bash
# The man page documents every option of every command's usage (printed
# from the option tables) and has the sections a man page needs.
set -u
evgraph=$1 src=$2
fail() { echo "FAIL: $*"; exit 1; }
page=$src/doc/evgraph.1
for c in actors build check html timeline; do
  for o in $("$evgraph" help $c | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    grep -qF -- "${o//-/\\-}" "$page" || fail "$c $o is not in the man page"
  done
done
for s in NAME SYNOPSIS DESCRIPTION FILES ENVIRONMENT "EXIT STATUS" EXAMPLES "SEE ALSO"; do
  grep -q "^\.SH $s\$" "$page" || fail "no $s section"
done
grep -q 'figures\.txt' "$page" || fail "figures.txt not described"
if command -v groff > /dev/null; then
  warnings=$(groff -man -ww -z "$page" 2>&1)
  [[ -z "$warnings" ]] || fail "groff: $warnings"
fi
echo ok
