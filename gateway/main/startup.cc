#include "gateway/main/startup.h"

#include <chrono>
#include <cstdlib>

#include <spdlog/spdlog.h>

#include "connectors/builtin.h"
#include "gateway/auth/api_key.h"
#include "gateway/auth/api_key_stage.h"
#include "gateway/config/config_loader.h"
#include "gateway/core/strings.h"
#include "gateway/main/routes.h"
#include "gateway/server/grpc/grpc_tls.h"
#include "gateway/server/process_lifecycle.h"

namespace ndxp::main {
namespace {

std::vector<std::string_view> KnownConnectors() { return connectors::BuiltinConnectorNames(); }

absl::StatusOr<gateway::v1::GatewayConfig> LoadConfig(const StartupOptions& options) {
  gateway::v1::GatewayConfig config;
  if (!options.config_path.empty()) {
    auto loaded = config::LoadConfigFile(options.config_path);
    if (!loaded.ok()) return loaded.status();
    config = std::move(*loaded);
  }
  if (!options.grpc_listen.empty()) config.mutable_grpc()->set_address(options.grpc_listen);
  if (!options.http_listen.empty()) config.mutable_http()->set_address(options.http_listen);
  config::ApplyDefaults(config, KnownConnectors(), connectors::BuiltinServiceNames());
  if (auto status =
          config::ValidateConfig(config, KnownConnectors(), connectors::BuiltinServiceNames());
      !status.ok()) {
    if (options.config_path.empty()) return status;
    return absl::Status(status.code(), core::Cat(options.config_path, ": ", status.message()));
  }
  return config;
}

// The embedded default's demo client: its key from NDXP_DEMO_API_KEY, or a new one printed once.
void AddDemoClient(auth::ApiKeyAuthenticator& authenticator) {
  const char* from_env = std::getenv(kDemoApiKeyEnv);
  std::string key = from_env != nullptr && *from_env != '\0' ? from_env : auth::GenerateApiKey();
  authenticator.AddClient(kDemoClientId, "Demo client of the embedded default",
                          auth::Sha256Hex(key));
  if (from_env != nullptr && *from_env != '\0') {
    spdlog::info("demo client '{}' uses the API key from {}", kDemoClientId, kDemoApiKeyEnv);
  } else {
    spdlog::info("demo client '{}' API key: {}  (set {} to choose it)", kDemoClientId, key,
                 kDemoApiKeyEnv);
  }
}


}  // namespace

absl::StatusOr<std::unique_ptr<server::GatewayServer>> StartGateway(const StartupOptions& options) {
  auto config = LoadConfig(options);
  if (!config.ok()) return config.status();
  auto created = auth::ApiKeyAuthenticator::Create(config->clients());
  if (!created.ok()) return created.status();
  std::shared_ptr<auth::ApiKeyAuthenticator> authenticator = *std::move(created);
  if (options.config_path.empty()) AddDemoClient(*authenticator);
  // Before any gRPC TLS object exists (upstream channels are made with the routes).
  server::ApplyGrpcCipherList(*config);
  auto registry = std::make_unique<metrics::Registry>();
  auto routes = BuildRoutes(*config, *registry);
  if (!routes.ok()) {
    if (options.config_path.empty()) return routes.status();
    return absl::Status(routes.status().code(),
                        core::Cat(options.config_path, ": ", routes.status().message()));
  }
  server::ServerParts parts;
  parts.registry = std::move(registry);
  parts.routes = *std::move(routes);
  parts.max_clients = authenticator->clients().size();
  parts.identify = [authenticator](metrics::Registry& registry) {
    std::vector<std::unique_ptr<core::StageFactory>> factories;
    factories.push_back(std::make_unique<auth::ApiKeyIdentifyFactory>(*authenticator, registry));
    return factories;
  };
  parts.certificate_clients = [authenticator = authenticator.get()](std::string_view id) {
    return authenticator->FindClient(id);
  };
  parts.keep = authenticator;
  auto server = server::GatewayServer::Start(*config, std::move(parts));
  if (!server.ok()) return server.status();
  // Tests and scripts read these two lines to find the ports (port 0 = chosen by the system).
  spdlog::info("gRPC listening on {}", server::WithPort(config->grpc().address(), (*server)->grpc_port()));
  spdlog::info("HTTP listening on {}", server::WithPort(config->http().address(), (*server)->http_port()));
  return server;
}

}  // namespace ndxp::main
