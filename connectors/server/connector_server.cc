#include "connectors/server/connector_server.h"

#include <optional>

#include <spdlog/spdlog.h>

#include "adapters/inprocess/inprocess_routes.h"
#include "connectors/builtin.h"
#include "gateway/auth/caller_assertion.h"
#include "gateway/auth/caller_assertion_stage.h"
#include "gateway/config/config_loader.h"
#include "gateway/core/strings.h"
#include "gateway/server/grpc/grpc_tls.h"

namespace ndxp::connectors {
namespace {

namespace v1 = ::ndxp::gateway::v1;

absl::Duration ToDuration(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

absl::StatusOr<v1::GatewayConfig> LoadConfig(const ConnectorServerOptions& options) {
  v1::GatewayConfig config;
  if (!options.config_path.empty()) {
    auto loaded = config::LoadConfigFile(options.config_path);
    if (!loaded.ok()) return loaded.status();
    config = *std::move(loaded);
  }
  config.mutable_grpc()->set_address(options.listen);
  // The gateway keeps its connections to a connector open: unless configured otherwise, idle
  // connections are never closed here ("0s": never).
  if (!config.grpc().has_max_connection_idle()) {
    config.mutable_grpc()->mutable_max_connection_idle()->set_seconds(0);
  }
  // Without --http-listen no HTTP listener runs; its address must not clash with --listen.
  config.mutable_http()->set_address(options.http_listen.empty() ? "127.0.0.1:0"
                                                                  : options.http_listen);
  config::ApplyDefaults(config, BuiltinConnectorNames(), BuiltinServiceNames());
  if (auto status = config::ValidateConfig(config, BuiltinConnectorNames(), BuiltinServiceNames());
      !status.ok()) {
    const std::string source = options.config_path.empty() ? "ndxp-connector" : options.config_path;
    return absl::InvalidArgumentError(core::ToAbsl(core::Cat(source, ": ", status.message())));
  }
  return config;
}

// The served connectors, with the seed and scale the configuration gives them (else defaults).
std::vector<BuiltinSpec> SpecsFor(const ConnectorServerOptions& options,
                                  const v1::GatewayConfig& config) {
  std::vector<BuiltinSpec> specs;
  for (const std::string& name : options.connectors) {
    BuiltinSpec spec{name, core::ConnectorSettings{}};
    for (const v1::Connector& c : config.connectors()) {
      if (c.name() == name) spec.settings = core::ConnectorSettings{.seed = c.seed(), .scale = c.scale()};
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

absl::StatusOr<std::optional<auth::CallerAssertionKey>> LoadKey(const v1::GatewayConfig& config) {
  const std::string& path = config.upstream_identity().key_file();
  if (path.empty()) return std::optional<auth::CallerAssertionKey>();
  auto key = auth::CallerAssertionKey::FromFile(path);
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        core::ToAbsl(core::Cat("upstream_identity.key_file: ", key.status().message())));
  }
  return std::optional<auth::CallerAssertionKey>(*std::move(key));
}

}  // namespace

absl::StatusOr<std::unique_ptr<server::GatewayServer>> StartConnectorServer(
    const ConnectorServerOptions& options) {
  if (options.connectors.empty()) {
    return absl::InvalidArgumentError("--connector: name at least one connector");
  }
  auto config = LoadConfig(options);
  if (!config.ok()) return config.status();
  server::ApplyGrpcCipherList(*config);
  auto loaded_key = LoadKey(*config);
  if (!loaded_key.ok()) return loaded_key.status();
  std::optional<auth::CallerAssertionKey> key = *std::move(loaded_key);
  if (!key.has_value()) {
    spdlog::warn(
        "upstream_identity.key_file is not set: calls are not authenticated, any process that "
        "reaches {} may call, and callers are not identified in the logs",
        options.listen);
  }
  auto built = MakeBuiltinConnectors(SpecsFor(options, *config));
  if (!built.ok()) return absl::InvalidArgumentError(core::ToAbsl(
      core::Cat("--connector: ", built.status().message())));
  auto routes = std::make_unique<core::RouteTable>();
  for (auto& connector : *built) {
    if (auto s = adapters::AddInProcessConnector(*routes, std::move(connector)); !s.ok()) return s;
  }
  server::ServerParts parts;
  parts.routes = std::move(routes);
  parts.max_clients = auth::kMaxAssertedClients + 1;
  parts.http = !options.http_listen.empty();
  const absl::Duration max_age = ToDuration(config->upstream_identity().max_age());
  parts.identify = [key = std::move(key), max_age](metrics::Registry& registry) {
    std::vector<std::unique_ptr<core::StageFactory>> factories;
    factories.push_back(
        std::make_unique<auth::CallerAssertionIdentifyFactory>(key, max_age, registry));
    return factories;
  };
  return server::GatewayServer::Start(*config, std::move(parts));
}

}  // namespace ndxp::connectors
