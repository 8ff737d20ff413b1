#include "gateway/metering/ledger/usage_stage.h"

#include "gateway/core/strings.h"

namespace ndxp::metering::ledger {

std::string LedgerMethodName(const core::Route& route) {
  std::string_view service = route.service_name;
  if (auto dot = service.rfind('.'); dot != std::string_view::npos) service.remove_prefix(dot + 1);
  return core::Cat(service, "/", route.method_name);
}

UsageStage::UsageStage(Ledger& ledger, const core::Route* route)
    : ledger_(ledger),
      routed_(route != nullptr),
      connector_(route != nullptr ? route->connector_name : std::string()),
      method_(route != nullptr ? LedgerMethodName(*route) : std::string()) {}

void UsageStage::OnEnd(const core::Call& call, bool passed) {
  const core::CallContext& context = call.context();
  ledger_.Record(UsageEvent{.client = context.client_id(),
                            .connector = connector_,
                            .method = method_,
                            .procedure = context.procedure_id,
                            .dossier = context.dossier_id,
                            .code = context.code,
                            .served = routed_ && passed});
}

core::Stage* UsageStageFactory::ForRoute(const core::Route* route) {
  stages_.push_back(std::make_unique<UsageStage>(ledger_, route));
  return stages_.back().get();
}

}  // namespace ndxp::metering::ledger
