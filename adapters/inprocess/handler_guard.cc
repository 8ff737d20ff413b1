#include "adapters/inprocess/handler_guard.h"

#include <spdlog/spdlog.h>

namespace ndxp::adapters {

void LogHandlerException(std::string_view method, std::string_view request_id, const char* what) {
  if (what != nullptr) {
    spdlog::error("handler of {} threw: {} (request id {})", method, what, request_id);
  } else {
    spdlog::error("handler of {} threw (request id {})", method, request_id);
  }
}

}  // namespace ndxp::adapters
