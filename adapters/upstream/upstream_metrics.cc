#include "adapters/upstream/upstream_metrics.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include <absl/base/thread_annotations.h>
#include <absl/synchronization/mutex.h>

#include "gateway/metrics/exposition.h"

namespace ndxp::adapters {

namespace {

constexpr std::string_view kEndpointUpName = "ndxp_gateway_upstream_endpoint_up";
constexpr std::string_view kEndpointUpHelp =
    "1 when the upstream endpoint has a connection that is not failing, else 0.";

}  // namespace

// The endpoints whose health the endpoint_up collector reads at scrape time. Shared by the
// collector (owned by the registry) and the endpoints, so that either may go first.
struct EndpointMetrics::HealthTable {
  struct Entry {
    std::string upstream;
    std::string endpoint;
    std::function<bool()> healthy;
  };

  void Render(std::string& out) const {
    std::vector<std::pair<std::array<std::string, 2>, bool>> rows;
    {
      absl::MutexLock lock(&mu);
      rows.reserve(entries.size());
      for (const auto& [id, entry] : entries) {
        rows.push_back({{entry.upstream, entry.endpoint}, entry.healthy()});
      }
    }
    std::sort(rows.begin(), rows.end());
    static const std::array<std::string, 2> kLabels = {"upstream", "endpoint"};
    metrics::AppendHeader(out, kEndpointUpName, kEndpointUpHelp, "gauge");
    for (const auto& [labels, up] : rows) {
      metrics::AppendSeriesName(out, kEndpointUpName, kLabels, labels);
      out.append(up ? " 1\n" : " 0\n");
    }
  }

  mutable absl::Mutex mu;
  std::map<std::uint64_t, Entry> entries ABSL_GUARDED_BY(mu);
  std::uint64_t next_id ABSL_GUARDED_BY(mu) = 0;
};

EndpointMetrics::EndpointMetrics(metrics::Family<metrics::Counter>& requests,
                                 metrics::Gauge& in_flight, std::string upstream,
                                 std::string endpoint, std::shared_ptr<HealthTable> health,
                                 std::uint64_t health_id)
    : requests_(requests),
      in_flight_(in_flight),
      upstream_(std::move(upstream)),
      endpoint_(std::move(endpoint)),
      health_(std::move(health)),
      health_id_(health_id) {}

EndpointMetrics::~EndpointMetrics() {
  absl::MutexLock lock(&health_->mu);
  health_->entries.erase(health_id_);
}

void EndpointMetrics::CallEnded(absl::StatusCode code) {
  in_flight_.Dec();
  auto index = static_cast<std::size_t>(code);
  if (index >= by_code_.size()) index = static_cast<std::size_t>(absl::StatusCode::kUnknown);
  metrics::Counter* counter = by_code_[index].load(std::memory_order_acquire);
  if (counter == nullptr) {
    counter = &requests_.WithLabels(
        {upstream_, endpoint_, core::CodeName(static_cast<absl::StatusCode>(index))});
    by_code_[index].store(counter, std::memory_order_release);
  }
  counter->Inc();
}

UpstreamMetrics::UpstreamMetrics(metrics::Registry& registry)
    : requests_(registry.AddCounter("ndxp_gateway_upstream_requests_total",
                                    "Calls to upstream endpoints, by the code they ended with.",
                                    {"upstream", "endpoint", "code"})),
      in_flight_(registry.AddGauge("ndxp_gateway_upstream_in_flight",
                                   "Calls to the upstream endpoint in progress.",
                                   {"upstream", "endpoint"})),
      no_healthy_(registry.AddCounter(
          "ndxp_gateway_upstream_no_healthy_endpoint_total",
          "Calls refused with NO_HEALTHY_UPSTREAM: no endpoint of the upstream was healthy.",
          {"upstream"})),
      health_(std::make_shared<EndpointMetrics::HealthTable>()) {
  registry.AddCollector([health = health_](std::string& out) { health->Render(out); });
}

std::unique_ptr<EndpointMetrics> UpstreamMetrics::ForEndpoint(std::string upstream,
                                                              std::string endpoint,
                                                              std::function<bool()> healthy) {
  metrics::Gauge& in_flight = in_flight_.WithLabels({upstream, endpoint});
  std::uint64_t id;
  {
    absl::MutexLock lock(&health_->mu);
    id = health_->next_id++;
    health_->entries.emplace(id, EndpointMetrics::HealthTable::Entry{upstream, endpoint,
                                                                     std::move(healthy)});
  }
  return std::unique_ptr<EndpointMetrics>(new EndpointMetrics(
      requests_, in_flight, std::move(upstream), std::move(endpoint), health_, id));
}

metrics::Counter& UpstreamMetrics::NoHealthyEndpoint(std::string_view upstream) {
  return no_healthy_.WithLabels({upstream});
}

}  // namespace ndxp::adapters
