#!/usr/bin/env bash
# What can be checked of deploy/ on this machine: YAML style, the systemd unit (syntax and
# hardening), the Kubernetes objects against the API schemas. (Docker is not available here: the
# Dockerfile and the compose file are linted as text only.)
set -euo pipefail
SRC=$NDXP_SOURCE_DIR
WORK=$(mktemp -d /tmp/ndxp-deploy.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

yamllint --strict -c "$SRC/deploy/.yamllint.yml" "$SRC/deploy" || fail "yamllint"
echo "ok: yamllint"

# systemd-analyze verify wants the ExecStart binary to exist: point it at the one just built.
sed "s|/usr/local/bin/ndxp-gateway|$NDXP_GATEWAY|" "$SRC/deploy/systemd/ndxp-gateway.service" \
  > "$WORK/ndxp-gateway.service"
systemd-analyze verify "$WORK/ndxp-gateway.service" || fail "systemd-analyze verify"
systemd-analyze security --offline=true --threshold=20 "$WORK/ndxp-gateway.service" > "$WORK/security" \
  || { cat "$WORK/security" >&2; fail "the unit's exposure is above 2.0 (threshold 20 on systemd's 0-100 scale)"; }
grep -q "^DynamicUser=yes" "$SRC/deploy/systemd/ndxp-gateway.service" || fail "DynamicUser"
grep -q "^CapabilityBoundingSet=$" "$SRC/deploy/systemd/ndxp-gateway.service" || fail "capabilities"
echo "ok: systemd unit ($(grep -o 'exposure level.*' "$WORK/security"))"

node "$SRC/tests/ops/check_manifests.mjs" "$NDXP_NODE_MODULES" "$SRC/deploy/kubernetes" \
  || fail "kubernetes manifests"
echo "ok: kubernetes manifests"

# The Dockerfile: non-root, two stages, a health check through the gRPC health service.
DF=$SRC/deploy/docker/Dockerfile
[ "$(grep -c '^FROM debian:12' "$DF")" -ge 2 ] || fail "Dockerfile: two Debian 12 stages"
grep -q '^USER 10001' "$DF" || fail "Dockerfile: non-root user"
grep -q '^HEALTHCHECK .*' "$DF" && grep -q 'ndxpctl", "health"' "$DF" || fail "Dockerfile: health check"
echo "ok: Dockerfile"
