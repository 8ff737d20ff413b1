#pragma once
// The access log: one JSON line per call (time, request id, protocol, client, method, status,
// duration, bytes). It never holds a personal identifier: the method is the route's full name (never
// a REST path, which may carry one), and unknown methods are logged as "unknown".

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <absl/base/thread_annotations.h>
#include <absl/status/statusor.h>
#include <absl/synchronization/mutex.h>
#include <absl/synchronization/notification.h>

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

// Lines are appended to a buffer of the calling thread (its own mutex, uncontended) and written
// out by one flusher thread every 200 ms, at Flush() and at destruction; a thread whose buffer
// passes 1 MiB writes it itself. So a call costs a format and an append, never a wake-up or a
// system call, no line is dropped, and memory stays bounded. Lines of different threads may
// interleave out of time order within a flush interval; each carries its time.
class AccessLog {
 public:
  // path: "-" for standard output, "" for no log, else a file appended to (created if absent).
  static absl::StatusOr<std::unique_ptr<AccessLog>> Open(const std::string& path);
  ~AccessLog();
  bool enabled() const { return fd_ >= 0; }
  void Write(const AccessLogEntry& entry);
  void Flush();

 private:
  struct ThreadBuffer;
  AccessLog(int fd, bool owns_fd);
  ThreadBuffer& LocalBuffer();
  void WriteAll(std::string_view bytes);
  void FlushLoop();

  const int fd_;
  const bool owns_fd_;
  const std::uint64_t id_;  // tells this log from an earlier one at the same address
  absl::Mutex buffers_mu_;
  std::vector<std::unique_ptr<ThreadBuffer>> buffers_ ABSL_GUARDED_BY(buffers_mu_);
  absl::Mutex write_mu_;  // keeps whole batches together in the file
  absl::Notification stop_;
  std::thread flusher_;
};

}  // namespace ndxp::server
