#!/usr/bin/env bash
# Command (1) of the README: set up, build, and run the gateway on the embedded default
# (all built-in connectors in-process, gRPC on 127.0.0.1:50051, HTTP on 127.0.0.1:8080).
# Extra arguments go to ndxp-gateway, e.g. --grpc-listen 127.0.0.1:0.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec build/gateway/main/ndxp-gateway "$@"
