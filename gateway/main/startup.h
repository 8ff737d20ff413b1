#pragma once
// Turns command-line options into a running gateway: configuration (file or embedded default),
// the demo client, the built-in connectors, the server.

#include <memory>
#include <string>

#include <absl/status/statusor.h>

#include "gateway/server/gateway_server.h"

namespace ndxp::main {

struct StartupOptions {
  std::string config_path;  // empty: embedded default
  std::string grpc_listen;  // empty: from configuration
  std::string http_listen;
  std::string data_dir;     // empty: NDXP_DATA_DIR, then data_dir in the configuration, then ./ndxp-data
  std::string log_level = "info";
};

// Environment variable holding the demo client's API key for the embedded default.
inline constexpr const char* kDemoApiKeyEnv = "NDXP_DEMO_API_KEY";
inline constexpr const char* kDemoClientId = "demo";
inline constexpr const char* kDemoPurpose = "administrative-procedure";

absl::StatusOr<std::unique_ptr<server::GatewayServer>> StartGateway(const StartupOptions& options);

}  // namespace ndxp::main
