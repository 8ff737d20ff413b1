#pragma once
// ndxp-connector: built-in connectors as a standalone gRPC server, as each ministry would run its
// own system behind the gateway. It is the gateway's own server (listeners, chain of stages,
// health, reflection, metrics, access log) with the connectors in-process and one difference on
// the chain: callers are identified by the gateway's signed caller assertion instead of API keys.
// The same configuration file as the gateway's gives the same seeds and scales, so the same id
// answers the same data in-process and remote.

#include <memory>
#include <string>
#include <vector>

#include <absl/status/statusor.h>

#include "gateway/server/gateway_server.h"

namespace ndxp::connectors {

struct ConnectorServerOptions {
  std::vector<std::string> connectors;  // --connector NAME[,NAME...]
  std::string listen;                   // --listen HOST:PORT (gRPC)
  std::string http_listen;              // --http-listen HOST:PORT; empty: no HTTP listener
  std::string config_path;              // --config FILE; empty: defaults
};

absl::StatusOr<std::unique_ptr<server::GatewayServer>> StartConnectorServer(
    const ConnectorServerOptions& options);

}  // namespace ndxp::connectors
