#pragma once
// Routes every method of an in-process connector, each to an InProcessTarget.

#include <memory>

#include <absl/status/status.h>

#include "gateway/core/connector.h"
#include "gateway/core/route_table.h"

namespace ndxp::adapters {

// Takes ownership of `connector`. Fails (naming the method) when a handler is missing or does not
// match its method's call shape, or the service is routed already.
absl::Status AddInProcessConnector(core::RouteTable& table,
                                   std::unique_ptr<core::Connector> connector);

}  // namespace ndxp::adapters
