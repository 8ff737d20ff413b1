# Shared by the shell integration tests: start the real gateway on free ports, stop it on exit.
# Needs NDXP_GATEWAY, NDXP_CTL, NDXP_BUF, NDXP_BUILD_DIR, NDXP_SOURCE_DIR (set by CTest).
set -euo pipefail
WORK=$(mktemp -d /tmp/ndxp-it.XXXXXX)
GW_PID=""
export NDXP_DEMO_API_KEY="ndxp_demo_key_for_shell_tests_0001"
KEY="$NDXP_DEMO_API_KEY"

# Waiting: a shell cannot block on "a line appeared in a file" or "a process that is not my
# child exited" portably, so waits are bounded polls of a condition, every 50 ms, that end at the
# first success or at the bound.
#   poll_until SECONDS COMMAND...       status 0 once COMMAND succeeds, 1 at the bound
#   wait_until SECONDS WHAT COMMAND...  the same, but the bound fails the test naming WHAT
poll_until() {
  local bound=$1
  shift
  local deadline=$(($(date +%s%N) / 1000000 + bound * 1000))
  until "$@"; do
    [ $(($(date +%s%N) / 1000000)) -lt "$deadline" ] || return 1
    sleep 0.05
  done
}
wait_until() {
  local bound=$1 what=$2
  shift 2
  poll_until "$bound" "$@" || fail "waited ${bound}s for $what"
}

gateway_gone() { ! kill -0 "$GW_PID" 2>/dev/null; }

cleanup() {
  if [ -n "$GW_PID" ] && ! gateway_gone; then
    kill -TERM "$GW_PID" 2>/dev/null || true
    if ! poll_until 10 gateway_gone; then
      echo "gateway (pid $GW_PID) still running 10 s after SIGTERM: killed" >&2
      kill -KILL "$GW_PID" 2>/dev/null || true
    fi
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

# The gateway printed its HTTP port (the last it prints); fails the test when it exited instead.
gateway_listening() {
  gateway_gone && fail "gateway exited during start"
  grep -q "HTTP listening on" "$WORK/stderr" 2>/dev/null
}

# start_gateway [ndxp-gateway args...]: embedded default unless --config is given.
# Each gateway gets a data directory of its own (ledger, audit log) unless --data-dir is given.
start_gateway() {
  local data_dir=()  # each gateway its own data directory unless the test gives one
  case " $* " in *" --data-dir "*) ;; *) data_dir=(--data-dir "$WORK/data-$RANDOM$RANDOM") ;; esac
  "$NDXP_GATEWAY" --grpc-listen 127.0.0.1:0 --http-listen 127.0.0.1:0 "${data_dir[@]}" "$@" \
    >"$WORK/stdout" 2>"$WORK/stderr" &
  GW_PID=$!
  wait_until 60 "the gateway to print its ports" gateway_listening
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
