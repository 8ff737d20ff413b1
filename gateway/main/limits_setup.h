#pragma once
// The limit stages of ndxp-gateway (gateway/metering/limits): one LimitsState following the client
// registry's snapshots, and the three factories that share it, to be put in the chain in the
// order rate_limit, concurrency, ..., quota (the quota stage last among those that may refuse).

#include <memory>

#include "gateway/auth/registry_source.h"
#include "gateway/core/route_table.h"
#include "gateway/core/stage.h"
#include "gateway/metering/served_calls.h"
#include "gateway/metrics/registry.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::main {

struct LimitFactories {
  std::unique_ptr<core::StageFactory> rate_limit;
  std::unique_ptr<core::StageFactory> concurrency;
  std::unique_ptr<core::StageFactory> quota;
};

// `config` validated, defaults applied (bulkheads, ledger.time_zone); `clients` the registry in
// force (kept alive by the factories); `served` what quotas start from (null: zero).
LimitFactories MakeLimitFactories(const gateway::v1::GatewayConfig& config,
                                  std::shared_ptr<auth::RegistrySource> clients,
                                  const core::RouteTable& routes, metrics::Registry& registry,
                                  const metering::ServedCalls* served);

}  // namespace ndxp::main
