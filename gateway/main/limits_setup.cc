#include "gateway/main/limits_setup.h"

#include "gateway/metering/limits/concurrency_stage.h"
#include "gateway/metering/limits/limits_state.h"
#include "gateway/metering/limits/quota_stage.h"
#include "gateway/metering/limits/rate_limit_stage.h"

namespace ndxp::main {

LimitFactories MakeLimitFactories(const gateway::v1::GatewayConfig& config,
                                  std::shared_ptr<auth::RegistrySource> clients,
                                  const core::RouteTable& routes, metrics::Registry& registry,
                                  const metering::ServedCalls* served) {
  auto state = std::make_shared<metering::LimitsState>(
      routes, [clients] { return clients->Current(); }, registry,
      metering::MeteringTimeZone(config.ledger().time_zone()), served);
  LimitFactories factories;
  factories.rate_limit = std::make_unique<metering::RateLimitFactory>(state);
  factories.concurrency = std::make_unique<metering::ConcurrencyFactory>(config, state);
  factories.quota = std::make_unique<metering::QuotaFactory>(state);
  return factories;
}

}  // namespace ndxp::main
