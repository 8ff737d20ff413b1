#pragma once
// The metrics stage: calls in flight, calls answered by protocol × client × service × method ×
// code, their duration to the last byte, and bytes in and out. First in every chain, so that every
// call is counted, refused ones too. Metric handles are resolved when the chain is built (one stage
// per route); the requests_total series of a protocol × client × code cell is resolved on first use
// and cached in an atomic, so the hot path takes no lock.

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "gateway/core/call.h"
#include "gateway/core/protocol.h"
#include "gateway/core/route_table.h"
#include "gateway/core/stage.h"
#include "gateway/metrics/registry.h"

namespace ndxp::stages {

struct CallMetricFamilies;

class MetricsStage final : public core::Stage {
 public:
  // `service`, `method` and `shape` are the label values ("unknown" for calls to no route).
  MetricsStage(const CallMetricFamilies& families, std::string service, std::string method,
               std::string_view shape, std::size_t max_clients);

  std::string_view name() const override { return "metrics"; }
  core::Verdict OnRequest(core::Call& call) override;
  void OnEnd(const core::Call& call, bool passed) override;

 private:
  metrics::Counter& Requests(const core::CallContext& context) const;

  const CallMetricFamilies& families_;
  const std::string service_;
  const std::string method_;
  const std::size_t client_slots_;  // registered clients + 1 (slot 0: not identified)
  std::array<metrics::Histogram*, core::kProtocolCount> duration_{};
  std::array<metrics::Counter*, core::kProtocolCount> bytes_in_{};
  std::array<metrics::Counter*, core::kProtocolCount> bytes_out_{};
  // requests_total series: [protocol][client slot][code], resolved on first use.
  std::unique_ptr<std::atomic<metrics::Counter*>[]> requests_;
};

class MetricsStageFactory final : public core::StageFactory {
 public:
  // `max_clients`: clients with an index below it get cached series; others (none, normally)
  // are looked up by label on every call.
  MetricsStageFactory(metrics::Registry& registry, std::size_t max_clients);
  ~MetricsStageFactory() override;

  std::string_view name() const override { return "metrics"; }
  core::Stage* ForRoute(const core::Route* route) override;

 private:
  std::unique_ptr<CallMetricFamilies> families_;
  std::size_t max_clients_;
  std::vector<std::unique_ptr<MetricsStage>> stages_;
};

}  // namespace ndxp::stages
