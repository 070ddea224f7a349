#!/usr/bin/env bash
# Headers found on the system's default include path (csv.h in /usr/include,
# <graphviz/gvc.h>) cannot be kept from a stage by its include paths, so
# their use is checked here: libcsv only in src/lib/input/, Graphviz only in
# src/lib/render/. Usage: check_includes.sh SOURCE_DIR
set -euo pipefail
lib=$1/src/lib
status=0
check() { # PATTERN ALLOWED_FOLDER WHAT
    local hits
    hits=$(grep -rnE --include='*.[ch]' "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($1)[>\"]" "$lib" |
        grep -v "^$lib/$2/" || true)
    if [ -n "$hits" ]; then
        echo "FAIL: $3 included outside src/lib/$2/:" >&2
        echo "${hits//$lib\//src/lib/}" >&2
        status=1
    fi
}
check 'csv\.h' input libcsv
check 'graphviz/[^>"]*|gvc\.h|cgraph\.h|gvplugin[^>"]*|cdt\.h|pathplan\.h' render Graphviz
[ $status = 0 ] && echo "ok: libcsv only in input/, Graphviz only in render/"
exit $status
