#pragma once
// An upstream: one gRPC service served by several endpoints (config `upstreams[]`), and the
// balancing that picks an endpoint per call. Built once at start from its configuration; calls
// only read it. Upstream.timeout and Upstream.descriptor_set are applied elsewhere (the deadline
// stage and the route set-up).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <absl/time/time.h>

#include "adapters/upstream/balancer.h"
#include "adapters/upstream/upstream_endpoint.h"
#include "adapters/upstream/upstream_metrics.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::adapters {

inline constexpr std::string_view kNoHealthyUpstream = "NO_HEALTHY_UPSTREAM";
// Largest Upstream.connections_per_endpoint accepted.
inline constexpr std::uint32_t kMaxConnectionsPerEndpoint = 64;

struct ClusterOptions {
  int max_message_bytes = 64 * 1024 * 1024;
  // Per-stream HTTP/2 window (see ConnectionOptions::stream_window_bytes).
  int stream_window_bytes = 256 * 1024;
  // Seeds least_request's random draws (injected for tests).
  std::uint64_t seed = 0x9e3779b97f4a7c15ULL;
};

class UpstreamCluster {
 public:
  // Validates `config` (the error names the key and what is wrong) and opens the connections.
  // `name` names the upstream in metrics and logs.
  static absl::StatusOr<std::shared_ptr<UpstreamCluster>> Create(
      const ndxp::gateway::v1::Upstream& config, std::string name, UpstreamMetrics& metrics,
      const ClusterOptions& options = {});

  const std::string& name() const { return name_; }
  const std::string& service() const { return service_; }
  const std::vector<std::unique_ptr<UpstreamEndpoint>>& endpoints() const { return endpoints_; }
  Balancer::Policy policy() const { return balancer_.policy(); }

  // The endpoint for the next call, or nullptr when none is healthy (then NoHealthyEndpoint()).
  UpstreamEndpoint* Pick();
  // UNAVAILABLE, reason NO_HEALTHY_UPSTREAM, naming the service; counts it and logs when the
  // upstream has just become unavailable.
  absl::Status NoHealthyEndpoint();

  // Blocks until every connection of every endpoint is READY, or false at `deadline` (tests,
  // start-up logs).
  bool WaitForConnected(absl::Time deadline);

 private:
  UpstreamCluster(std::string name, std::string service, Balancer::Policy policy,
                  std::uint64_t seed, metrics::Counter& no_healthy)
      : name_(std::move(name)),
        service_(std::move(service)),
        balancer_(policy, seed),
        no_healthy_(no_healthy) {}

  UpstreamEndpoint* Recovered(UpstreamEndpoint* endpoint);

  const std::string name_;
  const std::string service_;
  std::vector<std::unique_ptr<UpstreamEndpoint>> endpoints_;
  Balancer balancer_;
  metrics::Counter& no_healthy_;
  std::atomic<bool> unavailable_{false};  // for logging the transitions only
};

}  // namespace ndxp::adapters
