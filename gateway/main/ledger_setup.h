#pragma once
// The usage ledger of ndxp-gateway: opened in the data directory (data_dir/usage.db) from the
// configuration's `ledger` section, with what the server needs of it.

#include <functional>
#include <memory>
#include <string>

#include <absl/status/statusor.h>

#include "gateway/core/stage.h"
#include "gateway/metering/served_calls.h"
#include "gateway/metrics/registry.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::main {

struct LedgerParts {
  // Makes the usage stage's factory; it goes last in ServerParts::metering. Each call makes a
  // new factory on the same ledger.
  std::function<std::unique_ptr<core::StageFactory>()> usage_factory;
  // What quotas start from (valid as long as `keep`).
  metering::ServedCalls* served = nullptr;
  // For ServerParts::readiness_checks: "" while the ledger is written fine.
  std::function<std::string()> readiness;
  // The ledger; releasing it stops the flush thread and writes what is pending. Release it after
  // the server's stages are gone, before the data directory's lock.
  std::shared_ptr<void> keep;
};

// `data_dir`: the resolved, locked data directory. `config` validated. The ledger's metrics go to
// `registry`, which must outlive `keep`. An error names the database file.
absl::StatusOr<LedgerParts> OpenLedger(const gateway::v1::GatewayConfig& config,
                                       const std::string& data_dir, metrics::Registry& registry);

}  // namespace ndxp::main
