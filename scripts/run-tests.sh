#!/usr/bin/env bash
# Command (2) of the README: set up, build, and run the whole test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.tools/npm/node_modules/.bin:$PATH"
cd build
ctest --output-on-failure --timeout 300 -j "$(nproc)" "$@"
