#include "gateway/main/ledger_setup.h"

#include <spdlog/spdlog.h>

#include "gateway/core/strings.h"
#include "gateway/metering/ledger/ledger.h"
#include "gateway/metering/ledger/usage_stage.h"

namespace ndxp::main {

absl::StatusOr<LedgerParts> OpenLedger(const gateway::v1::GatewayConfig& config,
                                       const std::string& data_dir, metrics::Registry& registry) {
  namespace ledger = metering::ledger;
  ledger::LedgerOptions options;
  options.path = core::Cat(data_dir, "/", ledger::kLedgerFile);
  if (config.ledger().has_flush_interval()) {
    const auto& interval = config.ledger().flush_interval();
    options.flush_interval = absl::Seconds(interval.seconds()) + absl::Nanoseconds(interval.nanos());
  }
  if (!config.ledger().time_zone().empty()) options.time_zone = config.ledger().time_zone();
  auto opened = ledger::Ledger::Open(options, registry);
  if (!opened.ok()) {
    return absl::Status(opened.status().code(),
                        core::Cat("usage ledger: ", core::ToStd(opened.status().message())));
  }
  std::shared_ptr<ledger::Ledger> usage = *std::move(opened);
  spdlog::info("usage ledger: {} (flushed every {} ms, days in {})", usage->path(),
               absl::ToInt64Milliseconds(options.flush_interval), options.time_zone);
  LedgerParts parts;
  ledger::Ledger* raw = usage.get();
  parts.usage_factory = [raw] { return std::make_unique<ledger::UsageStageFactory>(*raw); };
  parts.served = raw;
  parts.readiness = [raw] { return raw->Problem(); };
  parts.keep = std::move(usage);
  return parts;
}

}  // namespace ndxp::main
