#pragma once
// Where the gateway keeps its durable state (the usage ledger, the audit log, the keys made for
// the embedded default): the --data-dir flag, else NDXP_DATA_DIR, else the configuration's
// data_dir, else ./ndxp-data. ndxp-gateway and every ndxpctl command that reads the ledger or the
// audit log resolve it the same way.

#include <string>
#include <string_view>

#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::config {

inline constexpr const char* kDataDirEnv = "NDXP_DATA_DIR";
inline constexpr const char* kDefaultDataDir = "./ndxp-data";

// `flag`: the --data-dir value, empty when not given.
std::string ResolveDataDir(std::string_view flag, const gateway::v1::GatewayConfig& config);

}  // namespace ndxp::config
