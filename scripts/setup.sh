#!/usr/bin/env bash
# Installs everything ndxp-gateway needs on Debian 12 (run as root), then configures and builds.
# Idempotent: packages already present are not fetched again; the build is incremental.
#   scripts/setup.sh            install + build (RelWithDebInfo) into ./build
#   NDXP_SKIP_APT=1 scripts/setup.sh   build only
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates curl
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev
  libboost1.81-dev libssl-dev libyaml-cpp-dev libsqlite3-dev libcli11-dev libspdlog-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  grpc-proto golang-github-gogo-googleapis-dev
  prometheus nghttp2-client yamllint python3
)

install_debian_packages() {
  local missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then echo "setup: run as root to install packages" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_npm_tools() {
  # buf (buf lint, buf curl), kubernetes-models and yaml (the manifests' schema check) from the
  # npm registry, into a project-local folder.
  # Re-installed when scripts/npm-tools.json changes.
  local dir="$ROOT/.tools/npm"
  if [ -x "$dir/node_modules/.bin/buf" ] && cmp -s "$ROOT/scripts/npm-tools.json" "$dir/package.json"; then
    return
  fi
  mkdir -p "$dir"
  cp "$ROOT/scripts/npm-tools.json" "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
}

if [ "${NDXP_SKIP_APT:-0}" != 1 ]; then install_debian_packages; fi
install_npm_tools

BUILD_DIR=${NDXP_BUILD_DIR:-$ROOT/build}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -G Ninja -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$BUILD_DIR" -j "$(nproc)"
