#pragma once
// The gateway's route table from its configuration: the in-process connectors (connectors[]) and
// the services served by other processes (upstreams[]: their connections, their descriptors —
// compiled in, or from descriptor_set — and the caller's identity passed on to them).

#include <memory>

#include <absl/status/statusor.h>

#include "gateway/core/route_table.h"
#include "gateway/metrics/registry.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::main {

// Errors name the configuration key they come from (e.g. "upstreams[1].descriptor_set: ...").
// Upstream metrics are registered in `registry`.
absl::StatusOr<std::unique_ptr<core::RouteTable>> BuildRoutes(
    const gateway::v1::GatewayConfig& config, metrics::Registry& registry);

}  // namespace ndxp::main
