#pragma once
// The usage stage: counts every call in the usage ledger when it ends. Last of the metering
// stages (just before no_route), so that `passed` in its OnEnd means the call reached its target
// (served). Calls to no route are counted under connector "" and method "", never served; calls
// not identified under client "" (decision 0025). The call's connector, method and the route's
// strings are resolved per route at start; OnEnd only reads the context and adds to the ledger's
// in-memory counts.

#include <memory>
#include <string>
#include <vector>

#include "gateway/core/call.h"
#include "gateway/core/route_table.h"
#include "gateway/core/stage.h"
#include "gateway/metering/ledger/ledger.h"

namespace ndxp::metering::ledger {

class UsageStage final : public core::Stage {
 public:
  // `route` nullptr: the stage of calls to no route.
  UsageStage(Ledger& ledger, const core::Route* route);
  std::string_view name() const override { return "usage"; }
  void OnEnd(const core::Call& call, bool passed) override;

 private:
  Ledger& ledger_;
  const bool routed_;
  const std::string connector_;
  const std::string method_;
};

class UsageStageFactory final : public core::StageFactory {
 public:
  explicit UsageStageFactory(Ledger& ledger) : ledger_(ledger) {}
  std::string_view name() const override { return "usage"; }
  core::Stage* ForRoute(const core::Route* route) override;

 private:
  Ledger& ledger_;
  std::vector<std::unique_ptr<UsageStage>> stages_;
};

// The method as the ledger names it: "PopulationService/GetCitizen" (the service's short name).
std::string LedgerMethodName(const core::Route& route);

}  // namespace ndxp::metering::ledger
