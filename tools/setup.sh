#!/bin/sh
# Installs, from Debian's packages, whatever the build, the figures and the
# tests need and this machine lacks. Installs nothing when all is present.
set -eu

packages="gcc make cmake pkg-config libgraphviz-dev libcsv-dev graphviz libxml2-utils
fonts-dejavu-core clang libclang-rt-14-dev valgrind poppler-utils chromium sqlite3
python3-networkx"

missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
[ -z "$missing" ] && exit 0

echo "setup: installing$missing" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # the package list is meant to split
if ! $sudo apt-get install -y -q $missing; then
    # A fresh machine may have no package lists yet.
    $sudo apt-get update -q
    $sudo apt-get install -y -q $missing
fi
