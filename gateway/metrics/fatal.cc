#include "gateway/metrics/fatal.h"

#include <cstdio>
#include <cstdlib>

namespace ndxp::metrics::internal {

void Fatal(std::string_view message) {
  std::fprintf(stderr, "ndxp::metrics fatal: %.*s\n", static_cast<int>(message.size()),
               message.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace ndxp::metrics::internal
