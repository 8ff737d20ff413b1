#include "gateway/metering/limits/concurrency_stage.h"

#include "gateway/core/call.h"
#include "gateway/core/route_table.h"
#include "gateway/core/strings.h"
#include "gateway/metering/limits/limit_refusal.h"

namespace ndxp::metering {

ConcurrencyStage::ConcurrencyStage(std::shared_ptr<LimitsState> state, std::size_t connector,
                                   std::uint32_t max)
    : state_(std::move(state)),
      connector_(connector),
      max_(max),
      subject_(core::Cat("connector:", state_->ConnectorName(connector))) {}

core::Verdict ConcurrencyStage::OnRequest(core::Call& call) {
  if (in_flight_.fetch_add(1, std::memory_order_acq_rel) < max_) return core::Verdict::Continue();
  in_flight_.fetch_sub(1, std::memory_order_acq_rel);
  ClientSlot* slot = state_->SlotFor(call.context());
  return core::Verdict::Stop(RefuseForLimit(
      call, *state_, slot, connector_, LimitKind::kConcurrency, subject_,
      core::Cat("connector ", state_->ConnectorName(connector_), " is serving its most calls at "
                "once (max_concurrent_calls ", max_, ")"),
      kConcurrencyRetryDelay));
}

void ConcurrencyStage::OnEnd(const core::Call& call, bool passed) {
  if (passed) in_flight_.fetch_sub(1, std::memory_order_acq_rel);
}

ConcurrencyFactory::ConcurrencyFactory(const gateway::v1::GatewayConfig& config,
                                       std::shared_ptr<LimitsState> state)
    : state_(std::move(state)),
      max_by_connector_(state_->connector_count(), 0),
      by_connector_(state_->connector_count()) {
  auto set = [&](const std::string& name, std::uint32_t max) {
    const std::size_t c = state_->ConnectorIndex(name);
    if (c != LimitsState::kNoConnector) max_by_connector_[c] = max;
  };
  for (const auto& connector : config.connectors()) {
    set(connector.name(), connector.max_concurrent_calls());
  }
  for (const auto& upstream : config.upstreams()) {
    set(upstream.name(), upstream.max_concurrent_calls());
  }
}

core::Stage* ConcurrencyFactory::ForRoute(const core::Route* route) {
  if (route == nullptr) return nullptr;
  const std::size_t c = state_->ConnectorIndex(route->connector_name);
  if (c == LimitsState::kNoConnector || max_by_connector_[c] == 0) return nullptr;
  auto& stage = by_connector_[c];
  if (stage == nullptr) stage = std::make_unique<ConcurrencyStage>(state_, c, max_by_connector_[c]);
  return stage.get();
}

}  // namespace ndxp::metering
