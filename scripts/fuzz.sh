#!/usr/bin/env bash
# Builds the fuzz targets of tests/fuzz with clang and libFuzzer under ASan+UBSan (NDXP_FUZZ=ON,
# in build-fuzz/) and runs each for SECONDS (default 60) on its seed corpus, then prints one line
# per target: executions, coverage (edges, features), corpus size and crashes. Decision 0306.
#
#   scripts/fuzz.sh [SECONDS]            every target
#   NDXP_FUZZ_TARGETS="url jwks" scripts/fuzz.sh 30    some of them
#
# New inputs go to build-fuzz/corpus/<target>/ (kept between runs, never committed); a crash,
# timeout or out-of-memory input to build-fuzz/artifacts/<target>/. Reproduce one with
#   build-fuzz/tests/fuzz/fuzz_<target> build-fuzz/artifacts/<target>/crash-...
# and add it to tests/fuzz/corpus/<target>/ once fixed. Exits 1 when any target crashed.
# -O1 and line tables only: the instrumented build of the libraries is about twice as fast to
# compile as -O2 -g, and sanitizer reports still name file and line.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_PER_TARGET=${1:-60}
BUILD_DIR=${NDXP_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}

if ! command -v clang++ >/dev/null; then
  echo "fuzz: installing clang (Debian 12)"
  if [ "$(id -u)" -ne 0 ]; then echo "fuzz: run as root to install clang" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends clang
fi

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -G Ninja -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DNDXP_FUZZ=ON \
    -DNDXP_BUILD_BENCHMARKS=OFF -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only"
fi
cmake --build "$BUILD_DIR" -j "$(nproc)" --target ndxp_fuzz_targets

targets=${NDXP_FUZZ_TARGETS:-$(cd "$ROOT/tests/fuzz/corpus" && ls)}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
summary=()
failed=0
for t in $targets; do
  bin="$BUILD_DIR/tests/fuzz/fuzz_$t"
  work="$BUILD_DIR/corpus/$t"
  artifacts="$BUILD_DIR/artifacts/$t/"
  log="$BUILD_DIR/logs/$t.log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  echo "fuzz: $t for ${SECONDS_PER_TARGET}s"
  status=0
  "$bin" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "$work" "$ROOT/tests/fuzz/corpus/$t" \
    >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$last")
  crashes=$(find "$artifacts" -type f | wc -l)
  if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    failed=1
    echo "fuzz: $t FAILED (exit $status), see $log"
    grep -E 'ERROR|invariant failed|runtime error|Test unit written' "$log" | head -5 || true
  fi
  summary+=("$(printf '%-18s execs %10s  cov %6s  ft %6s  corpus %-12s crashes %s' \
    "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes")")
done
echo
clang_version=$(clang++ --version | sed -n 's/.*version \([0-9.]*\).*/\1/p;q')
echo "fuzz: ${SECONDS_PER_TARGET}s per target, clang $clang_version"
printf '%s\n' "${summary[@]}"
exit "$failed"
