#include "gateway/main/routes.h"

#include <chrono>

#include <spdlog/spdlog.h>

#include "adapters/descriptors/descriptor_set.h"
#include "adapters/inprocess/inprocess_routes.h"
#include "adapters/upstream/upstream_cluster.h"
#include "adapters/upstream/upstream_routes.h"
#include "connectors/builtin.h"
#include "gateway/core/strings.h"
#include "gateway/main/caller_identity.h"

namespace ndxp::main {
namespace {

namespace v1 = ::ndxp::gateway::v1;

absl::Status Keyed(std::string_view key, const absl::Status& status) {
  return absl::Status(status.code(), core::ToAbsl(core::Cat(key, ": ", status.message())));
}

absl::Status AddInProcess(const v1::GatewayConfig& config, core::RouteTable& routes) {
  std::vector<connectors::BuiltinSpec> specs;
  for (const auto& c : config.connectors()) {
    specs.push_back({c.name(), core::ConnectorSettings{.seed = c.seed(), .scale = c.scale()}});
  }
  if (specs.empty()) return absl::OkStatus();
  auto start = std::chrono::steady_clock::now();
  auto built = connectors::MakeBuiltinConnectors(specs);
  if (!built.ok()) return built.status();
  for (auto& connector : *built) {
    if (auto s = adapters::AddInProcessConnector(routes, std::move(connector)); !s.ok()) return s;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("{} in-process connectors, {} methods ready in {:.2f} s", specs.size(),
               routes.size(), seconds);
  return absl::OkStatus();
}

// The identity passed on to upstreams, when upstream_identity.key_file is set.
absl::StatusOr<std::shared_ptr<adapters::OutgoingIdentity>> LoadIdentity(
    const v1::GatewayConfig& config) {
  const std::string& path = config.upstream_identity().key_file();
  if (path.empty()) {
    if (config.upstreams_size() > 0) {
      spdlog::warn("upstream_identity.key_file is not set: upstreams are not told who calls");
    }
    return std::shared_ptr<adapters::OutgoingIdentity>();
  }
  auto key = auth::CallerAssertionKey::FromFile(path);
  if (!key.ok()) return Keyed("upstream_identity.key_file", key.status());
  return std::shared_ptr<adapters::OutgoingIdentity>(
      std::make_shared<SignedCallerIdentity>(*std::move(key)));
}

absl::Status AddUpstream(const v1::Upstream& upstream, int index,
                         adapters::UpstreamMetrics& metrics,
                         const adapters::OutgoingIdentity* identity, core::RouteTable& routes) {
  const std::string key = core::Cat("upstreams[", index, "]");
  const google::protobuf::ServiceDescriptor* service = nullptr;
  google::protobuf::MessageFactory* factory = google::protobuf::MessageFactory::generated_factory();
  if (upstream.descriptor_set().empty()) {
    service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(upstream.service());
    if (service == nullptr) {
      return Keyed(core::Cat(key, ".service"),
                   absl::InvalidArgumentError(core::ToAbsl(core::Cat(
                       upstream.service(), " is not a built-in service: give its descriptor_set"))));
    }
  } else {
    auto set = adapters::DescriptorSet::Load(upstream.descriptor_set());
    if (!set.ok()) return Keyed(core::Cat(key, ".descriptor_set"), set.status());
    auto found = (*set)->FindService(upstream.service());
    if (!found.ok()) return Keyed(core::Cat(key, ".descriptor_set"), found.status());
    service = *found;
    factory = (*set)->factory();
    routes.Keep(*set);
  }
  auto cluster = adapters::UpstreamCluster::Create(upstream, upstream.name(), metrics);
  if (!cluster.ok()) return Keyed(key, cluster.status());
  if (auto s = adapters::AddUpstreamService(routes, *service, factory, *cluster, upstream.name(),
                                            identity);
      !s.ok()) {
    return Keyed(core::Cat(key, ".service"), s);
  }
  spdlog::info("{} ({}) routed to {} endpoint(s)", upstream.service(), upstream.name(),
               upstream.endpoints_size());
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<core::RouteTable>> BuildRoutes(const v1::GatewayConfig& config,
                                                              metrics::Registry& registry) {
  auto routes = std::make_unique<core::RouteTable>();
  if (auto s = AddInProcess(config, *routes); !s.ok()) return s;
  if (config.upstreams_size() == 0) return routes;
  auto identity = LoadIdentity(config);
  if (!identity.ok()) return identity.status();
  if (*identity) routes->Keep(*identity);
  auto metrics = std::make_shared<adapters::UpstreamMetrics>(registry);
  routes->Keep(metrics);
  for (int i = 0; i < config.upstreams_size(); ++i) {
    if (auto s = AddUpstream(config.upstreams(i), i, *metrics, identity->get(), *routes); !s.ok()) {
      return s;
    }
  }
  return routes;
}

}  // namespace ndxp::main
