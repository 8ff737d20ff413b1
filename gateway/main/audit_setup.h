#pragma once
// Opens the audit log for ndxp-gateway: its keys (made at first start when they are the
// embedded default's), the recovery of a segment a crash left unsealed, the writer thread; and
// returns what the server needs of it.

#include <functional>
#include <memory>
#include <string>

#include <absl/status/statusor.h>

#include "gateway/core/route_table.h"
#include "gateway/core/stage.h"
#include "gateway/metrics/registry.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::main {

struct AuditParts {
  // Makes the audit stage factory (once, when the server builds its chains, with its registry).
  std::function<std::unique_ptr<core::StageFactory>(metrics::Registry&)> factory;
  // "" while the log is fine (ServerParts::readiness_checks).
  std::function<std::string()> readiness;
  // The log itself: released after the last call has ended, it writes what is queued, syncs and
  // seals the open segment (so it must go after the server's listeners and stages).
  std::shared_ptr<void> keep;
};

// `config` has its defaults applied and is validated; `data_dir` exists (and is locked).
// Errors name the key: "audit.subject_key_file: /path: holds 12 bytes; ...".
absl::StatusOr<AuditParts> SetUpAudit(const gateway::v1::GatewayConfig& config,
                                      const std::string& data_dir,
                                      const core::RouteTable& routes,
                                      metrics::Registry& registry);

}  // namespace ndxp::main
