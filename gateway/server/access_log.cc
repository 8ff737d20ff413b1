#include "gateway/server/access_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "gateway/core/strings.h"

namespace ndxp::server {
namespace {

// JSON string escaping for values we do not fully control (client ids, request ids are already
// restricted, but escaping keeps the line valid whatever comes).
void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

std::string Rfc3339Utc(std::chrono::system_clock::time_point t) {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(micros % 1000000));
  return buf;
}

}  // namespace

std::string FormatAccessLogLine(const AccessLogEntry& e) {
  std::string out;
  out.reserve(256);
  out += "{\"time\":\"";
  out += Rfc3339Utc(e.time);
  out += "\",\"request_id\":";
  AppendJsonString(out, e.request_id);
  out += ",\"protocol\":";
  AppendJsonString(out, e.protocol);
  out += ",\"client\":";
  AppendJsonString(out, e.client);
  out += ",\"method\":";
  AppendJsonString(out, e.method);
  out += ",\"status\":";
  AppendJsonString(out, e.status);
  if (e.http_status != 0) core::Append(out, ",\"http_status\":", e.http_status);
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.6f", e.duration_seconds);
  core::Append(out, ",\"duration_seconds\":", std::string_view(duration), ",\"bytes_in\":",
               e.bytes_in, ",\"bytes_out\":", e.bytes_out, "}");
  return out;
}

struct AccessLog::ThreadBuffer {
  absl::Mutex mu;
  std::string data ABSL_GUARDED_BY(mu);
};

namespace {

constexpr std::size_t kThreadBufferLimit = 1 << 20;
constexpr absl::Duration kFlushInterval = absl::Milliseconds(200);
std::atomic<std::uint64_t> next_log_id{1};

}  // namespace

absl::StatusOr<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& path) {
  if (path.empty()) return std::unique_ptr<AccessLog>(new AccessLog(-1, false));
  if (path == "-") return std::unique_ptr<AccessLog>(new AccessLog(STDOUT_FILENO, false));
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) {
    return absl::UnavailableError(
        core::Cat("access_log.path: cannot open ", path, ": ", std::strerror(errno)));
  }
  return std::unique_ptr<AccessLog>(new AccessLog(fd, true));
}

AccessLog::AccessLog(int fd, bool owns_fd) : fd_(fd), owns_fd_(owns_fd), id_(next_log_id++) {
  if (fd_ >= 0) flusher_ = std::thread([this] { FlushLoop(); });
}

AccessLog::~AccessLog() {
  if (flusher_.joinable()) {
    stop_.Notify();
    flusher_.join();
  }
  Flush();
  if (owns_fd_) ::close(fd_);
}

AccessLog::ThreadBuffer& AccessLog::LocalBuffer() {
  thread_local std::uint64_t owner = 0;
  thread_local ThreadBuffer* buffer = nullptr;
  if (owner != id_) {
    absl::MutexLock lock(&buffers_mu_);
    buffers_.push_back(std::make_unique<ThreadBuffer>());
    buffer = buffers_.back().get();
    owner = id_;
  }
  return *buffer;
}

void AccessLog::Write(const AccessLogEntry& entry) {
  if (fd_ < 0) return;
  std::string line = FormatAccessLogLine(entry);
  line.push_back('\n');
  ThreadBuffer& buffer = LocalBuffer();
  absl::MutexLock lock(&buffer.mu);
  buffer.data += line;
  if (buffer.data.size() >= kThreadBufferLimit) {  // back-pressure instead of unbounded memory
    WriteAll(buffer.data);
    buffer.data.clear();
  }
}

void AccessLog::Flush() {
  if (fd_ < 0) return;
  std::string batch;
  {
    absl::MutexLock lock(&buffers_mu_);
    for (auto& buffer : buffers_) {
      absl::MutexLock buffer_lock(&buffer->mu);
      batch += buffer->data;
      buffer->data.clear();
    }
  }
  if (!batch.empty()) WriteAll(batch);
}

void AccessLog::WriteAll(std::string_view bytes) {
  absl::MutexLock lock(&write_mu_);
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a closed stdout or a full disk: nothing better to do than stop
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void AccessLog::FlushLoop() {
  while (!stop_.WaitForNotificationWithTimeout(kFlushInterval)) Flush();
}

}  // namespace ndxp::server
