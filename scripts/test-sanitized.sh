#!/usr/bin/env bash
# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer (gcc): configures
# build-asan/ with -fsanitize=address,undefined -fno-omit-frame-pointer, builds, runs ctest.
# Any sanitizer report fails the test that caused it. Decision 0306.
#
#   scripts/test-sanitized.sh                        everything (slow: the whole tree rebuilt)
#   scripts/test-sanitized.sh -R 'Json|Framing'      ctest arguments are passed on
#   NDXP_ASAN_TARGETS="ndxp_config_test ndxp_http_listener_test" scripts/test-sanitized.sh -R Config
#                                                    build only these targets first
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR=${NDXP_ASAN_BUILD_DIR:-$ROOT/build-asan}
FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -G Ninja -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ -DNDXP_BUILD_BENCHMARKS=OFF \
    -DCMAKE_CXX_FLAGS="$FLAGS" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined"
fi
if [ -n "${NDXP_ASAN_TARGETS:-}" ]; then
  # shellcheck disable=SC2086 # a list of target names
  cmake --build "$BUILD_DIR" -j "$(nproc)" --target $NDXP_ASAN_TARGETS
else
  cmake --build "$BUILD_DIR" -j "$(nproc)"
fi

export PATH="$ROOT/.tools/npm/node_modules/.bin:$PATH"
# Leaks are reported too; gRPC's and protobuf's process-wide singletons are not leaks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$BUILD_DIR"
ctest --output-on-failure --timeout 600 -j "$(nproc)" "$@"
