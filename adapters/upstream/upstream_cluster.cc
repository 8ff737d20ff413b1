#include "adapters/upstream/upstream_cluster.h"

#include <absl/container/inlined_vector.h>
#include <spdlog/spdlog.h>

#include "adapters/upstream/upstream_tls.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::adapters {
namespace {

absl::Status Invalid(const std::string& service, std::string_view what) {
  return absl::InvalidArgumentError(
      core::Cat("upstreams[", service.empty() ? "?" : service, "].", what));
}

absl::Status Validate(const ndxp::gateway::v1::Upstream& config) {
  const std::string& service = config.service();
  if (service.empty()) return Invalid(service, "service: required");
  if (config.endpoints().empty()) return Invalid(service, "endpoints: at least one is required");
  for (int i = 0; i < config.endpoints_size(); ++i) {
    if (absl::Status s = ValidateEndpointAddress(config.endpoints(i)); !s.ok()) {
      return Invalid(service, core::Cat("endpoints[", i, "]: ", core::ToStd(s.message())));
    }
  }
  if (config.connections_per_endpoint() > kMaxConnectionsPerEndpoint) {
    return Invalid(service, core::Cat("connections_per_endpoint: at most ",
                                      kMaxConnectionsPerEndpoint));
  }
  if (config.has_keepalive_time() &&
      (config.keepalive_time().seconds() < 0 || config.keepalive_time().nanos() < 0 ||
       (config.keepalive_time().seconds() == 0 && config.keepalive_time().nanos() == 0))) {
    return Invalid(service, "keepalive_time: must be positive");
  }
  return absl::OkStatus();
}

ConnectionOptions ConnectionOptionsOf(const ndxp::gateway::v1::Upstream& config,
                                      const ClusterOptions& options) {
  ConnectionOptions out;
  if (config.connections_per_endpoint() > 0) {
    out.connections = static_cast<int>(config.connections_per_endpoint());
  }
  if (config.has_keepalive_time()) {
    out.keepalive_time = absl::Seconds(config.keepalive_time().seconds()) +
                         absl::Nanoseconds(config.keepalive_time().nanos());
  }
  out.max_message_bytes = options.max_message_bytes;
  out.stream_window_bytes = options.stream_window_bytes;
  return out;
}

}  // namespace

absl::StatusOr<std::shared_ptr<UpstreamCluster>> UpstreamCluster::Create(
    const ndxp::gateway::v1::Upstream& config, std::string name, UpstreamMetrics& metrics,
    const ClusterOptions& options) {
  if (absl::Status s = Validate(config); !s.ok()) return s;
  metrics::Counter& no_healthy = metrics.NoHealthyEndpoint(name);
  std::shared_ptr<UpstreamCluster> cluster(new UpstreamCluster(
      std::move(name), config.service(), Balancer::PolicyOf(config.balancing()), options.seed,
      no_healthy));
  ConnectionOptions connection = ConnectionOptionsOf(config, options);
  if (config.has_tls()) {
    auto credentials =
        UpstreamTlsCredentials(config.tls(), core::Cat("upstreams[", config.service(), "].tls"));
    if (!credentials.ok()) return credentials.status();
    connection.tls_credentials = *std::move(credentials);
    connection.server_name = config.tls().server_name();
  }
  for (const std::string& address : config.endpoints()) {
    cluster->endpoints_.push_back(
        std::make_unique<UpstreamEndpoint>(cluster->name_, address, connection, metrics));
  }
  spdlog::info("upstream {} ({}): {} endpoint(s), {} connection(s) each, {}{}", cluster->name_,
               cluster->service_, cluster->endpoints_.size(), connection.connections,
               cluster->policy() == Balancer::Policy::kLeastRequest ? "least_request"
                                                                    : "round_robin",
               !config.has_tls()              ? ""
               : config.tls().cert_file().empty() ? ", TLS"
                                                  : ", mutual TLS");
  return cluster;
}

UpstreamEndpoint* UpstreamCluster::Pick() {
  if (endpoints_.size() == 1) {
    UpstreamEndpoint* only = endpoints_.front().get();
    return only->healthy() ? Recovered(only) : nullptr;
  }
  absl::InlinedVector<EndpointLoad, 8> loads(endpoints_.size());
  bool least_request = balancer_.policy() == Balancer::Policy::kLeastRequest;
  for (std::size_t i = 0; i < endpoints_.size(); ++i) {
    loads[i].healthy = endpoints_[i]->healthy();
    if (least_request) loads[i].in_flight = endpoints_[i]->in_flight();
  }
  std::optional<std::size_t> index = balancer_.Pick(loads);
  if (!index) return nullptr;
  return Recovered(endpoints_[*index].get());
}

UpstreamEndpoint* UpstreamCluster::Recovered(UpstreamEndpoint* endpoint) {
  // A read on every call (no shared write); the write only when the upstream comes back.
  if (unavailable_.load(std::memory_order_relaxed) &&
      unavailable_.exchange(false, std::memory_order_relaxed)) {
    spdlog::info("upstream {} ({}): healthy again (endpoint {})", name_, service_,
                 endpoint->address());
  }
  return endpoint;
}

absl::Status UpstreamCluster::NoHealthyEndpoint() {
  no_healthy_.Inc();
  if (!unavailable_.exchange(true, std::memory_order_relaxed)) {
    spdlog::warn("upstream {} ({}): no healthy endpoint; calls fail with {} until one recovers",
                 name_, service_, kNoHealthyUpstream);
  }
  return core::ErrorWithReason(absl::StatusCode::kUnavailable,
                               core::Cat("no healthy endpoint serves ", service_),
                               kNoHealthyUpstream, {{"service", service_}});
}

bool UpstreamCluster::WaitForConnected(absl::Time deadline) {
  bool all = true;
  for (const auto& endpoint : endpoints_) {
    if (endpoint->WaitForConnected(deadline)) continue;
    spdlog::warn("upstream {}: endpoint {} not connected yet", name_, endpoint->address());
    all = false;
  }
  return all;
}

}  // namespace ndxp::adapters
