#!/usr/bin/env bash
# buf lint (STANDARD + COMMENTS: every service, method, field and enum value documented) on proto/.
# google/ imports come from Debian's golang-github-gogo-googleapis-dev, added as a second module.
set -euo pipefail
WS=$(mktemp -d /tmp/ndxp-buf.XXXXXX)
trap 'rm -rf "$WS"' EXIT
mkdir -p "$WS/ndxp-protos" "$WS/third_party"
ln -s "$NDXP_SOURCE_DIR/proto/ndxp" "$WS/ndxp-protos/ndxp"
ln -s /usr/share/gocode/src/github.com/gogo/googleapis/google "$WS/third_party/google"
cat >"$WS/buf.yaml" <<'YAML'
version: v2
modules:
  - path: ndxp-protos
  - path: third_party
lint:
  use: [STANDARD, COMMENTS]
  ignore: [third_party]
YAML
cd "$WS"
"$NDXP_BUF" lint
# The check must be able to fail: an undocumented, badly named message is reported.
mkdir -p "$WS/ndxp-protos/probe/v1"
printf 'syntax = "proto3";\npackage probe.v1;\nmessage bad_name { string x = 1; }\n' \
  >"$WS/ndxp-protos/probe/v1/probe.proto"
if "$NDXP_BUF" lint >/dev/null 2>&1; then echo "FAIL: buf lint accepted a bad proto" >&2; exit 1; fi
echo "ok: buf lint passes on proto/ and rejects a bad proto"
