#pragma once
// The access log: one JSON line per call (time, request id, protocol, client, method, status,
// duration, bytes). It never holds a personal identifier: the method is the route's full name (never
// a REST path, which may carry one), and unknown methods are logged as "unknown".

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace spdlog {
class logger;
}

namespace ndxp::server {

struct AccessLogEntry {
  std::chrono::system_clock::time_point time;
  std::string_view request_id;
  std::string_view protocol;  // "grpc", "connect", "rest"
  std::string_view client;    // client id, or "" when unauthenticated
  std::string_view method;    // "/pkg.Service/Method" or "unknown"
  std::string_view status;    // canonical code name, e.g. "OK", "NOT_FOUND"
  int http_status = 0;        // 0 on the gRPC listener
  double duration_seconds = 0;
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
};

// The JSON line for an entry (no trailing newline). Pure: unit-tested.
std::string FormatAccessLogLine(const AccessLogEntry& entry);

class AccessLog {
 public:
  // path: "-" for standard output, "" for no log, else a file appended to.
  static std::unique_ptr<AccessLog> Open(const std::string& path);
  ~AccessLog();
  bool enabled() const { return logger_ != nullptr; }
  void Write(const AccessLogEntry& entry);
  void Flush();

 private:
  explicit AccessLog(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {}
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace ndxp::server
