#!/usr/bin/env bash
# Runs one CLI case: tests/cli/cases/NAME/{cmd,status,stderr[,stdout][,expect/*]}.
# `cmd` is a bash script run in a scratch copy of the case folder, with
# `evgraph` on PATH and $SRC naming the source tree. Usage:
#   run_case.sh CASE_DIR EVGRAPH_BINARY SOURCE_DIR
# Set EVG_UPDATE=1 to rewrite the expectations from the actual output.
set -u
case_dir=$(cd "$1" && pwd) binary=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$case_dir/." "$work/"
mkdir -p "$work/.bin"
ln -s "$binary" "$work/.bin/evgraph"
cd "$work" || exit 1
PATH="$work/.bin:$PATH" SRC="$src" LC_ALL=C bash ./cmd >"$work/.stdout" 2>"$work/.stderr"
status=$?
fail=0
if [[ "${EVG_UPDATE:-}" == 1 ]]; then
  echo "$status" >"$case_dir/status"
  cp "$work/.stderr" "$case_dir/stderr"
  [[ -s "$work/.stdout" || -f "$case_dir/stdout" ]] && cp "$work/.stdout" "$case_dir/stdout"
  if [[ -d "$case_dir/expect" ]]; then
    for f in "$case_dir"/expect/*; do cp "$work/$(basename "$f")" "$f"; done
  fi
  exit 0
fi
expected_status=$(cat "$case_dir/status")
if [[ "$status" != "$expected_status" ]]; then
  echo "exit status $status, expected $expected_status"
  fail=1
fi
if ! diff -u "$case_dir/stderr" "$work/.stderr"; then
  echo "stderr differs"
  fail=1
fi
if [[ -f "$case_dir/stdout" ]] && ! diff -u "$case_dir/stdout" "$work/.stdout"; then
  echo "stdout differs"
  fail=1
fi
if [[ -d "$case_dir/expect" ]]; then
  for f in "$case_dir"/expect/*; do
    name=$(basename "$f")
    if [[ ! -f "$work/$name" ]]; then
      echo "missing output $name"
      fail=1
    elif ! diff -u "$f" "$work/$name"; then
      echo "output $name differs"
      fail=1
    fi
  done
fi
exit $fail
