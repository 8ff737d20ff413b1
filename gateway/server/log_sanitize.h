#pragma once
// Text that reaches the application log from outside (gRPC core and protobuf echo header values
// and payload fragments in their messages) is made safe first: control characters are escaped, so
// a caller cannot forge log lines, and the length is bounded, so a caller cannot flood the log.

#include <cstddef>
#include <string>
#include <string_view>

namespace ndxp::server {

inline constexpr std::size_t kMaxLibraryLogMessage = 512;

// Control characters and DEL as \xNN, backslash as \\, cut at `max_bytes` with "..." appended.
std::string SanitizeForLog(std::string_view text, std::size_t max_bytes = kMaxLibraryLogMessage);

// Routes gRPC core's and protobuf's own log messages through spdlog, sanitized.
void RouteLibraryLogs();

}  // namespace ndxp::server
