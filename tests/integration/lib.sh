# Shared by the shell integration tests: start the real gateway on free ports, stop it on exit.
# Needs NDXP_GATEWAY, NDXP_CTL, NDXP_BUF, NDXP_BUILD_DIR, NDXP_SOURCE_DIR (set by CTest).
set -euo pipefail
WORK=$(mktemp -d /tmp/ndxp-it.XXXXXX)
GW_PID=""
export NDXP_DEMO_API_KEY="ndxp_demo_key_for_shell_tests_0001"
KEY="$NDXP_DEMO_API_KEY"

cleanup() {
  if [ -n "$GW_PID" ] && kill -0 "$GW_PID" 2>/dev/null; then
    kill -TERM "$GW_PID" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$GW_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  if [ -f "$WORK/stderr" ]; then echo "--- gateway log" >&2; tail -n 30 "$WORK/stderr" >&2; fi
  exit 1
}

pass() { echo "ok: $*"; }

# start_gateway [ndxp-gateway args...]: embedded default unless --config is given.
start_gateway() {
  "$NDXP_GATEWAY" --grpc-listen 127.0.0.1:0 --http-listen 127.0.0.1:0 "$@" \
    >"$WORK/stdout" 2>"$WORK/stderr" &
  GW_PID=$!
  for _ in $(seq 1 1200); do
    if grep -q "HTTP listening on" "$WORK/stderr" 2>/dev/null; then break; fi
    kill -0 "$GW_PID" 2>/dev/null || fail "gateway exited during start"
    sleep 0.05
  done
  GRPC_PORT=$(sed -n 's/.*gRPC listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$WORK/stderr" | head -n1)
  HTTP_PORT=$(sed -n 's/.*HTTP listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$WORK/stderr" | head -n1)
  [ -n "$GRPC_PORT" ] && [ -n "$HTTP_PORT" ] || fail "gateway did not print its ports"
  GRPC_URL="http://127.0.0.1:$GRPC_PORT"
  HTTP_URL="http://127.0.0.1:$HTTP_PORT"
}

sample_id() {  # sample_id CONNECTOR [N]: the Nth sample id (1-based)
  "$NDXP_CTL" data sample --connector "$1" --count "${2:-1}" | sed -n "${2:-1}p"
}

# expect_contains HAYSTACK NEEDLE WHAT
expect_contains() {
  case "$1" in *"$2"*) pass "$3" ;; *) fail "$3: expected to contain '$2', got: $1" ;; esac
}
expect_eq() {
  [ "$1" = "$2" ] && pass "$3" || fail "$3: expected '$2', got '$1'"
}
