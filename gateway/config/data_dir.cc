#include "gateway/config/data_dir.h"

#include <cstdlib>

namespace ndxp::config {

std::string ResolveDataDir(std::string_view flag, const gateway::v1::GatewayConfig& config) {
  if (!flag.empty()) return std::string(flag);
  if (const char* env = std::getenv(kDataDirEnv); env != nullptr && *env != '\0') return env;
  if (!config.data_dir().empty()) return config.data_dir();
  return kDefaultDataDir;
}

}  // namespace ndxp::config
