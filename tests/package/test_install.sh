#!/usr/bin/env bash
# Installs the build into a temporary prefix and builds the consumer program
# from that prefix alone, through pkg-config (shared and --static) and through
# find_package(evgraph) (evgraph::evgraph and evgraph::evgraph_static); runs
# each build. Usage: test_install.sh BUILD_DIR SOURCE_DIR CC
set -euo pipefail
build=$1 src=$2 cc=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
mkdir "$tmp/pc_shared" "$tmp/pc_static" "$tmp/cm_shared" "$tmp/cm_static"
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log"

# Nothing of the source or build tree may leak into what is installed.
if grep -rIl -e "$src" -e "$(cd "$build" && pwd)" "$prefix"; then
    echo "FAIL: installed files name the source or build tree" >&2
    exit 1
fi
lib=$(dirname "$(find "$prefix" -name libevgraph.a)")
test -e "$lib/libevgraph.so.0" || { echo "FAIL: no libevgraph.so.0 in $lib" >&2; exit 1; }

export PKG_CONFIG_PATH=$lib/pkgconfig
# shellcheck disable=SC2046
"$cc" -o "$tmp/pc_shared/consumer" "$src/tests/package/consumer/consumer.c" \
    $(pkg-config --cflags --libs evgraph)
LD_LIBRARY_PATH=$lib "$tmp/pc_shared/consumer" "$tmp/pc_shared/figure.svg"
readelf -d "$tmp/pc_shared/consumer" | grep -q 'NEEDED.*libevgraph.so.0' ||
    { echo "FAIL: the pkg-config build did not link libevgraph.so.0" >&2; exit 1; }
# The static library with its private dependencies from Libs.private and
# Requires.private.
# shellcheck disable=SC2046
"$cc" -o "$tmp/pc_static/consumer" "$src/tests/package/consumer/consumer.c" \
    $(pkg-config --cflags evgraph) "$lib/libevgraph.a" \
    $(pkg-config --static --libs evgraph | sed 's/-levgraph//')
"$tmp/pc_static/consumer" "$tmp/pc_static/figure.svg"

cmake -S "$src/tests/package/consumer" -B "$tmp/consumer" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >"$tmp/configure.log" ||
    { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp/consumer" >"$tmp/build.log" || { cat "$tmp/build.log"; exit 1; }
"$tmp/consumer/consumer_shared" "$tmp/cm_shared/figure.svg"
readelf -d "$tmp/consumer/consumer_shared" | grep -q 'NEEDED.*libevgraph.so.0' ||
    { echo "FAIL: evgraph::evgraph is not the shared library" >&2; exit 1; }
"$tmp/consumer/consumer_static" "$tmp/cm_static/figure.svg"
if readelf -d "$tmp/consumer/consumer_static" | grep -q 'libevgraph'; then
    echo "FAIL: evgraph::evgraph_static linked the shared library" >&2
    exit 1
fi
# The same program draws the same figure whichever way it was linked.
for build in pc_static cm_shared cm_static; do
    cmp "$tmp/pc_shared/figure.svg" "$tmp/$build/figure.svg"
done
echo "ok: pkg-config and find_package consumers built and ran from $prefix"
