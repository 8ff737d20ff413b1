#pragma once
// Runs a connector's handler so that an exception never leaves it: a handler that throws is
// INTERNAL ("the connector failed to answer"), logged with the method and the request id, never
// the request.

#include <exception>
#include <string_view>
#include <utility>

#include <absl/status/status.h>
#include <absl/status/statusor.h>

namespace ndxp::adapters {

// Logs a handler's exception (`what` may be null).
void LogHandlerException(std::string_view method, std::string_view request_id, const char* what);

template <typename Fn>
auto Guarded(std::string_view method, std::string_view request_id, Fn&& fn) -> decltype(fn()) {
  try {
    return std::forward<Fn>(fn)();
  } catch (const std::exception& e) {
    LogHandlerException(method, request_id, e.what());
  } catch (...) {
    LogHandlerException(method, request_id, nullptr);
  }
  return absl::InternalError("the connector failed to answer");
}

}  // namespace ndxp::adapters
