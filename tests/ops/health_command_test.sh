#!/usr/bin/env bash
# ndxpctl health against a real gateway: SERVING, an unknown service, nobody listening.
source "$NDXP_SOURCE_DIR/tests/integration/lib.sh"
start_gateway
out=$("$NDXP_CTL" health --target "127.0.0.1:$GRPC_PORT") || fail "health: exit $? ($out)"
[ "$out" = SERVING ] || fail "health printed '$out'"
pass "SERVING, exit 0"
out=$("$NDXP_CTL" health --target "127.0.0.1:$GRPC_PORT" \
  --service ndxp.population.v1.PopulationService) || fail "health of a served service: $out"
pass "a served service: $out"
set +e
out=$("$NDXP_CTL" health --target "127.0.0.1:$GRPC_PORT" --service no.such.Service)
rc=$?
set -e
[ $rc -eq 1 ] && expect_contains "$out" "SERVICE_UNKNOWN" "unknown service" || fail "unknown: rc $rc, $out"
pass "unknown service: exit 1"
kill -TERM "$GW_PID"
wait_until 15 "the gateway to stop" gateway_gone
set +e
out=$("$NDXP_CTL" health --target "127.0.0.1:$GRPC_PORT" --timeout 1)
rc=$?
set -e
[ $rc -eq 1 ] && expect_contains "$out" "UNREACHABLE" "nobody listening" || fail "down: rc $rc, $out"
pass "nobody listening: exit 1"
set +e
"$NDXP_CTL" health >/dev/null 2>&1
rc=$?
set -e
[ $rc -eq 2 ] || fail "no --target: exit $rc, want 2"
pass "usage error: exit 2"
