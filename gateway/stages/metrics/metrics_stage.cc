#include "gateway/stages/metrics/metrics_stage.h"

namespace ndxp::stages {

struct CallMetricFamilies {
  metrics::Family<metrics::Counter>& requests;
  metrics::Family<metrics::Histogram>& duration;
  metrics::Family<metrics::Counter>& bytes_in;
  metrics::Family<metrics::Counter>& bytes_out;
  std::array<metrics::Gauge*, core::kProtocolCount> in_flight{};
};

namespace {

constexpr std::string_view kUnknown = "unknown";

std::string_view Protocol(std::size_t p) { return core::ProtocolName(static_cast<core::Protocol>(p)); }

}  // namespace

MetricsStage::MetricsStage(const CallMetricFamilies& families, std::string service,
                           std::string method, std::string_view shape, std::size_t max_clients)
    : families_(families),
      service_(std::move(service)),
      method_(std::move(method)),
      client_slots_(max_clients + 1) {
  for (std::size_t p = 0; p < core::kProtocolCount; ++p) {
    duration_[p] = &families.duration.WithLabels({Protocol(p), service_, method_, shape});
    bytes_in_[p] = &families.bytes_in.WithLabels({Protocol(p), service_, method_});
    bytes_out_[p] = &families.bytes_out.WithLabels({Protocol(p), service_, method_});
  }
  const std::size_t cells = core::kProtocolCount * client_slots_ * core::kStatusCodeCount;
  requests_.reset(new std::atomic<metrics::Counter*>[cells]);
  for (std::size_t i = 0; i < cells; ++i) requests_[i].store(nullptr, std::memory_order_relaxed);
}

core::Verdict MetricsStage::OnRequest(core::Call& call) {
  families_.in_flight[static_cast<std::size_t>(call.context().protocol)]->Inc();
  return core::Verdict::Continue();
}

metrics::Counter& MetricsStage::Requests(const core::CallContext& context) const {
  auto code = static_cast<std::size_t>(context.code);
  if (code >= core::kStatusCodeCount) code = static_cast<std::size_t>(absl::StatusCode::kUnknown);
  const auto p = static_cast<std::size_t>(context.protocol);
  const std::size_t slot = context.client != nullptr ? context.client->index + 1 : 0;
  auto resolve = [&] {
    return &families_.requests.WithLabels(
        {Protocol(p), context.client_id(), service_, method_,
         core::CodeName(static_cast<absl::StatusCode>(code))});
  };
  if (slot >= client_slots_) return *resolve();
  std::atomic<metrics::Counter*>& cell =
      requests_[(p * client_slots_ + slot) * core::kStatusCodeCount + code];
  metrics::Counter* counter = cell.load(std::memory_order_acquire);
  if (counter == nullptr) {
    counter = resolve();
    cell.store(counter, std::memory_order_release);
  }
  return *counter;
}

void MetricsStage::OnEnd(const core::Call& call, bool passed) {
  const core::CallContext& context = call.context();
  const auto p = static_cast<std::size_t>(context.protocol);
  if (passed) families_.in_flight[p]->Dec();
  Requests(context).Inc();
  duration_[p]->Observe(context.seconds());
  bytes_in_[p]->Inc(static_cast<double>(context.bytes_in));
  bytes_out_[p]->Inc(static_cast<double>(context.bytes_out));
}

MetricsStageFactory::MetricsStageFactory(metrics::Registry& registry, std::size_t max_clients)
    : max_clients_(max_clients) {
  families_.reset(new CallMetricFamilies{
      registry.AddCounter("ndxp_gateway_requests_total",
                          "Calls answered, by protocol, client, service, method and status code.",
                          {"protocol", "client", "service", "method", "code"}),
      registry.AddHistogram("ndxp_gateway_request_duration_seconds",
                            "Time from a call's arrival to its last response byte.",
                            {"protocol", "service", "method", "shape"},
                            metrics::DefaultLatencyBuckets()),
      registry.AddCounter("ndxp_gateway_request_bytes_total", "Request payload bytes received.",
                          {"protocol", "service", "method"}),
      registry.AddCounter("ndxp_gateway_response_bytes_total", "Response payload bytes sent.",
                          {"protocol", "service", "method"}),
  });
  auto& in_flight =
      registry.AddGauge("ndxp_gateway_in_flight_requests", "Calls being served now.", {"protocol"});
  for (std::size_t p = 0; p < core::kProtocolCount; ++p) {
    families_->in_flight[p] = &in_flight.WithLabels({Protocol(p)});
  }
}

MetricsStageFactory::~MetricsStageFactory() = default;

core::Stage* MetricsStageFactory::ForRoute(const core::Route* route) {
  stages_.push_back(std::make_unique<MetricsStage>(
      *families_, route ? route->service_name : std::string(kUnknown),
      route ? route->method_name : std::string(kUnknown),
      route ? core::CallShapeName(route->shape) : kUnknown, max_clients_));
  return stages_.back().get();
}

}  // namespace ndxp::stages
