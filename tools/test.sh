#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run): installs what is missing,
# then builds and runs ctest three times:
#   build/           gcc, warnings as errors;
#   build-sanitize/  clang with AddressSanitizer + UndefinedBehaviorSanitizer,
#                    the same suite plus each libFuzzer target for a bounded time;
#   build-tsan/      gcc with ThreadSanitizer, the loader's unit tests (large
#                    files are read on a second thread).
# EVG_FUZZ_SECONDS (default 60) sets how long each fuzz target runs (nine
# targets, two at a time: about five minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh

cmake -S . -B build -DEVG_WERROR=ON
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2

cmake -S . -B build-sanitize -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEVG_FUZZ=ON -DEVG_WERROR=ON -DEVG_FUZZ_SECONDS="${EVG_FUZZ_SECONDS:-60}"
cmake --build build-sanitize -j2
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# LeakSanitizer's tracer thread itself crashes now and then on a loaded
# machine ("Tracer caught signal 11", in the sanitizer runtime, at exit): a
# failing test gets one more run, so only a failure that repeats fails.
ctest --test-dir build-sanitize --output-on-failure -j2 --repeat until-pass:2

cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEVG_TSAN=ON -DEVG_WERROR=ON
cmake --build build-tsan -j2 --target test_load test_import
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build-tsan --output-on-failure -j2 \
    -R '^unit/test_(load|import)$'
