#!/bin/sh
# Regenerates every figure of every dataset under data/ into out/<dataset>/.
# Usage: tools/figures.sh [EVGRAPH_BINARY]   (default: build/evgraph)
set -eu
evgraph=${1:-build/evgraph}
cd "$(dirname "$0")/.."
status=0
for dataset in data/*/; do
    dataset=${dataset%/}
    name=$(basename "$dataset")
    mkdir -p "out/$name"
    "$evgraph" check "$dataset" || status=1
done
exit $status
