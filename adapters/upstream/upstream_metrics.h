#pragma once
// The upstream adapter's metrics. The families are registered once per registry by one
// UpstreamMetrics, shared by every cluster; each endpoint resolves its series when it is made, so
// that a call never looks a series up by name.
//
//   ndxp_gateway_upstream_requests_total{upstream,endpoint,code}   upstream calls ended, by the
//       code the upstream call ended with (canonical name, e.g. "UNAVAILABLE")
//   ndxp_gateway_upstream_in_flight{upstream,endpoint}             upstream calls in progress
//   ndxp_gateway_upstream_endpoint_up{upstream,endpoint}           1 when the endpoint is healthy
//       (a connection not in TRANSIENT_FAILURE or SHUTDOWN); read from the channels at scrape
//       time by a collector, so it is never stale and costs nothing per call
//   ndxp_gateway_upstream_no_healthy_endpoint_total{upstream}      calls refused with
//       NO_HEALTHY_UPSTREAM
//
// The registry must outlive the UpstreamMetrics and every cluster built with it.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <absl/status/status.h>

#include "gateway/core/protocol.h"
#include "gateway/metrics/registry.h"

namespace ndxp::adapters {

class UpstreamMetrics;

// One endpoint's series. Thread-safe; lock-free once each code has been seen.
class EndpointMetrics {
 public:
  EndpointMetrics(const EndpointMetrics&) = delete;
  EndpointMetrics& operator=(const EndpointMetrics&) = delete;
  ~EndpointMetrics();

  void CallStarted() { in_flight_.Inc(); }
  // The upstream call ended with `code`. The counter of a code is resolved at its first use and
  // cached (one registry lookup per endpoint and code, ever).
  void CallEnded(absl::StatusCode code);

 private:
  friend class UpstreamMetrics;
  struct HealthTable;
  EndpointMetrics(metrics::Family<metrics::Counter>& requests, metrics::Gauge& in_flight,
                  std::string upstream, std::string endpoint,
                  std::shared_ptr<HealthTable> health, std::uint64_t health_id);

  metrics::Family<metrics::Counter>& requests_;
  metrics::Gauge& in_flight_;
  const std::string upstream_;
  const std::string endpoint_;
  std::array<std::atomic<metrics::Counter*>, core::kStatusCodeCount> by_code_{};
  std::shared_ptr<HealthTable> health_;
  const std::uint64_t health_id_;
};

class UpstreamMetrics {
 public:
  // Registers the families and the endpoint_up collector in `registry`: once per registry.
  explicit UpstreamMetrics(metrics::Registry& registry);
  UpstreamMetrics(const UpstreamMetrics&) = delete;
  UpstreamMetrics& operator=(const UpstreamMetrics&) = delete;

  // The series of one endpoint of upstream `upstream`. `healthy` is called at scrape time (from
  // the scraping thread) as long as the returned object lives; it must not block.
  std::unique_ptr<EndpointMetrics> ForEndpoint(std::string upstream, std::string endpoint,
                                               std::function<bool()> healthy);
  // The NO_HEALTHY_UPSTREAM counter of `upstream`.
  metrics::Counter& NoHealthyEndpoint(std::string_view upstream);

 private:
  metrics::Family<metrics::Counter>& requests_;
  metrics::Family<metrics::Gauge>& in_flight_;
  metrics::Family<metrics::Counter>& no_healthy_;
  std::shared_ptr<EndpointMetrics::HealthTable> health_;
};

}  // namespace ndxp::adapters
