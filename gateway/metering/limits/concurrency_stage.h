#pragma once
// The concurrency stage: a bulkhead per connector (connectors[].max_concurrent_calls for an
// in-process connector, upstreams[].max_concurrent_calls for a remote one). A call takes a slot
// or, when all are taken, is RESOURCE_EXHAUSTED at once (reason CONCURRENCY_LIMITED, retry delay
// kConcurrencyRetryDelay): never queued. The slot is released in OnEnd, only by calls whose
// OnRequest took one (passed), whatever stopped them later. Bulkheads are set at start; a reload
// of the client registry does not change them.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/stage.h"
#include "gateway/metering/limits/limits_state.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::metering {

class ConcurrencyStage final : public core::Stage {
 public:
  ConcurrencyStage(std::shared_ptr<LimitsState> state, std::size_t connector, std::uint32_t max);
  std::string_view name() const override { return "concurrency"; }
  core::Verdict OnRequest(core::Call& call) override;
  void OnEnd(const core::Call& call, bool passed) override;

  std::int64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  std::uint32_t max() const { return max_; }

 private:
  std::shared_ptr<LimitsState> state_;
  std::size_t connector_;
  std::uint32_t max_;
  std::string subject_;  // "connector:<name>"
  alignas(64) std::atomic<std::int64_t> in_flight_{0};
};

class ConcurrencyFactory final : public core::StageFactory {
 public:
  // The bulkheads from `config`'s connectors[] and upstreams[] (by name, as routes name them).
  ConcurrencyFactory(const gateway::v1::GatewayConfig& config, std::shared_ptr<LimitsState> state);
  std::string_view name() const override { return "concurrency"; }
  // The connector's bulkhead; none for a connector without one, nor for calls to no route.
  core::Stage* ForRoute(const core::Route* route) override;

 private:
  std::shared_ptr<LimitsState> state_;
  std::vector<std::uint32_t> max_by_connector_;  // 0: no bulkhead
  std::vector<std::unique_ptr<ConcurrencyStage>> by_connector_;
};

}  // namespace ndxp::metering
