#pragma once
// The registration list of built-in connectors: the one place that names them all. The gateway's
// main and ndxpctl include this header; nothing else in gateway/ knows a connector.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <absl/status/statusor.h>

#include "connectors/common/shared_stores.h"
#include "gateway/core/connector.h"

namespace ndxp::connectors {

// Names of every built-in connector, in registration order.
std::vector<std::string_view> BuiltinConnectorNames();
// The gRPC service of each built-in connector, in the same order (BuiltinServiceNames()[i] is
// served by BuiltinConnectorNames()[i]).
std::vector<std::string_view> BuiltinServiceNames();

// Builds the named connectors (data generated once and shared where one connector's data refers to
// another's: business representatives are population citizens; see SharedStores). INVALID_ARGUMENT naming the
// connector for an unknown name or a duplicate.
absl::StatusOr<std::vector<std::unique_ptr<core::Connector>>> MakeBuiltinConnectors(
    const std::vector<BuiltinSpec>& specs);

}  // namespace ndxp::connectors
