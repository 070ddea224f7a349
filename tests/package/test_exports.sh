#!/usr/bin/env bash
# The shared library exports exactly the functions declared in
# include/evgraph/*.h (each marked EVG_API) and nothing else, and its SONAME
# is libevgraph.so.MAJOR. Usage: test_exports.sh LIBRARY SOURCE_DIR SONAME
set -euo pipefail
so=$1 src=$2 soname=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every function the public headers declare, as the compiler sees them
# (gcc's -aux-info lists each prototype with the file that declares it).
gcc -std=c11 -fsyntax-only -aux-info "$tmp/aux" -I "$src/include" "$src/tests/header_check.c"
grep '/include/evgraph/\|^/\* include/evgraph/' "$tmp/aux" |
    sed -n "s/.*[ *]\(evg_[A-Za-z0-9_]*\) (.*/\1/p" | sort -u >"$tmp/declared"
nm -D --defined-only "$so" | awk '{print $3}' | sort -u >"$tmp/exported"
test -s "$tmp/declared" || { echo "FAIL: no declarations found" >&2; exit 1; }
if ! diff "$tmp/declared" "$tmp/exported" >"$tmp/diff"; then
    echo "FAIL: exported symbols differ from the public declarations" >&2
    echo "(< declared but not exported: EVG_API missing or not defined;" >&2
    echo " > exported but not declared: an internal symbol leaks)" >&2
    cat "$tmp/diff" >&2
    exit 1
fi
if grep -v '^evg_' "$tmp/exported" || grep '^evg__' "$tmp/exported"; then
    echo "FAIL: a symbol outside evg_ is exported" >&2
    exit 1
fi
got=$(readelf -d "$so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
if [ "$got" != "$soname" ]; then
    echo "FAIL: SONAME is '$got', expected '$soname'" >&2
    exit 1
fi
echo "ok: $(wc -l <"$tmp/exported") evg_ symbols exported, SONAME $got"
