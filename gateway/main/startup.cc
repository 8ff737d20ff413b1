#include "gateway/main/startup.h"

#include <chrono>
#include <cstdlib>

#include <spdlog/spdlog.h>

#include "connectors/builtin.h"
#include "gateway/auth/api_key.h"
#include "gateway/auth/identify_stage.h"
#include "gateway/auth/policy_stage.h"
#include "gateway/auth/registry_source.h"
#include "gateway/config/config_loader.h"
#include "gateway/config/data_dir.h"
#include "gateway/core/strings.h"
#include "gateway/main/audit_setup.h"
#include "gateway/main/ledger_setup.h"
#include "gateway/main/limits_setup.h"
#include "gateway/main/routes.h"
#include "gateway/metering/data_dir_lock.h"
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
// It may call every method and declare `administrative-procedure` (the README tour shows it).
gateway::v1::Client DemoClient() {
  const char* from_env = std::getenv(kDemoApiKeyEnv);
  std::string key = from_env != nullptr && *from_env != '\0' ? from_env : auth::GenerateApiKey();
  gateway::v1::Client demo;
  demo.set_id(kDemoClientId);
  demo.set_display_name("Demo client of the embedded default");
  demo.add_api_key_sha256(auth::Sha256Hex(key));
  demo.add_purposes(kDemoPurpose);
  demo.add_allow()->set_method("*");
  if (from_env != nullptr && *from_env != '\0') {
    spdlog::info("demo client '{}' uses the API key from {}", kDemoClientId, kDemoApiKeyEnv);
  } else {
    spdlog::info("demo client '{}' API key: {}  (set {} to choose it)", kDemoClientId, key,
                 kDemoApiKeyEnv);
  }
  return demo;
}

// The data directory (--data-dir, NDXP_DATA_DIR, data_dir, ./ndxp-data), made and locked for the
// life of the process.
absl::StatusOr<std::unique_ptr<metering::DataDirLock>> LockDataDir(
    const StartupOptions& options, const gateway::v1::GatewayConfig& config) {
  return metering::DataDirLock::Acquire(config::ResolveDataDir(options.data_dir, config));
}

// What the server keeps alive beyond its routes, released last member first: the ledger (its
// last flush), the audit log (it writes what is queued and seals), the identify stages'
// registry, then the data directory's lock.
struct Kept {
  std::unique_ptr<metering::DataDirLock> data_dir;
  std::shared_ptr<void> identity;
  std::shared_ptr<void> audit;
  std::shared_ptr<void> ledger;
};

}  // namespace

absl::StatusOr<std::unique_ptr<server::GatewayServer>> StartGateway(const StartupOptions& options) {
  auto config = LoadConfig(options);
  if (!config.ok()) return config.status();
  // Before any gRPC TLS object exists (upstream channels are made with the routes).
  server::ApplyGrpcCipherList(*config);
  auto registry = std::make_unique<metrics::Registry>();
  auto data_dir = LockDataDir(options, *config);
  if (!data_dir.ok()) return data_dir.status();
  auto ledger = OpenLedger(*config, (*data_dir)->dir(), *registry);
  if (!ledger.ok()) return ledger.status();
  auto routes = BuildRoutes(*config, *registry);
  if (!routes.ok()) {
    if (options.config_path.empty()) return routes.status();
    return absl::Status(routes.status().code(),
                        core::Cat(options.config_path, ": ", routes.status().message()));
  }
  std::vector<gateway::v1::Client> built_in;
  if (options.config_path.empty()) built_in.push_back(DemoClient());
  auto opened =
      auth::RegistrySource::Open(*config, std::move(built_in), routes->get(), registry.get());
  if (!opened.ok()) {
    if (options.config_path.empty()) return opened.status();
    return absl::Status(opened.status().code(),
                        core::Cat(options.config_path, ": ", opened.status().message()));
  }
  std::shared_ptr<auth::RegistrySource> clients = *std::move(opened);
  std::shared_ptr<auth::JwksSource> jwt;
  if (config->has_jwt()) {
    auto jwks = auth::JwksSource::Open(config->jwt(), clients->reloads());
    if (!jwks.ok()) {
      return absl::Status(jwks.status().code(),
                          core::Cat(options.config_path, ": ", jwks.status().message()));
    }
    jwt = *std::move(jwks);
    clients->AlsoCheck([jwt] { (void)jwt->CheckNow(); });
  }
  clients->StartWatching();
  const core::RouteTable* route_table = routes->get();
  server::ServerParts parts;
  parts.registry = std::move(registry);
  parts.routes = *std::move(routes);
  // Per-client metric series are cached for the clients known at start, and a few added later.
  parts.max_clients = clients->indexes().size() + 16;
  auto grpc_credentials = auth::AcceptedCredentials::From(config->grpc().credentials());
  auto http_credentials = auth::AcceptedCredentials::From(config->http().credentials());
  parts.identify = [clients, jwt, route_table, grpc_credentials,
                    http_credentials](metrics::Registry& registry) {
    std::vector<std::unique_ptr<core::StageFactory>> factories;
    factories.push_back(std::make_unique<auth::IdentifyFactory>(
        *clients, jwt.get(), grpc_credentials, http_credentials, registry));
    factories.push_back(std::make_unique<auth::PolicyFactory>(*route_table, registry));
    return factories;
  };
  auto audit = SetUpAudit(*config, (*data_dir)->dir(), *route_table, *parts.registry);
  if (!audit.ok()) {
    if (options.config_path.empty()) return audit.status();
    return absl::Status(audit.status().code(),
                        core::Cat(options.config_path, ": ", audit.status().message()));
  }
  // The metering stages, in order: rate_limit, concurrency, audit, quota (starting from what the
  // ledger holds), then usage, last, so that its `passed` means the call reached its target.
  parts.metering = [clients, route_table, config = *config, served = ledger->served,
                    usage = ledger->usage_factory,
                    audit_factory = audit->factory](metrics::Registry& registry) {
    LimitFactories limits = MakeLimitFactories(config, clients, *route_table, registry, served);
    std::vector<std::unique_ptr<core::StageFactory>> factories;
    factories.push_back(std::move(limits.rate_limit));
    factories.push_back(std::move(limits.concurrency));
    factories.push_back(audit_factory(registry));
    factories.push_back(std::move(limits.quota));
    factories.push_back(usage());
    return factories;
  };
  parts.readiness_checks.push_back(ledger->readiness);
  parts.readiness_checks.push_back(audit->readiness);
  parts.keep = std::make_shared<Kept>(Kept{
      .data_dir = *std::move(data_dir),
      .identity = std::make_shared<std::pair<std::shared_ptr<auth::RegistrySource>,
                                             std::shared_ptr<auth::JwksSource>>>(clients, jwt),
      .audit = std::move(audit->keep),
      .ledger = std::move(ledger->keep)});
  auto server = server::GatewayServer::Start(*config, std::move(parts));
  if (!server.ok()) return server.status();
  // Tests and scripts read these two lines to find the ports (port 0 = chosen by the system).
  spdlog::info("gRPC listening on {}", server::WithPort(config->grpc().address(), (*server)->grpc_port()));
  spdlog::info("HTTP listening on {}", server::WithPort(config->http().address(), (*server)->http_port()));
  return server;
}

}  // namespace ndxp::main
