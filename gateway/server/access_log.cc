#include "gateway/server/access_log.h"

#include <cstdio>
#include <ctime>
#include <mutex>

#include <spdlog/async.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

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

std::unique_ptr<AccessLog> AccessLog::Open(const std::string& path) {
  if (path.empty()) return std::unique_ptr<AccessLog>(new AccessLog(nullptr));
  // Writes happen on spdlog's background thread; a full queue blocks rather than drops lines.
  static std::once_flag once;
  std::call_once(once, [] { spdlog::init_thread_pool(16384, 1); });
  spdlog::sink_ptr sink;
  if (path == "-") {
    sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  } else {
    sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(path, /*truncate=*/false);
  }
  auto logger = std::make_shared<spdlog::async_logger>(
      "access", sink, spdlog::thread_pool(), spdlog::async_overflow_policy::block);
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::info);
  // Lines reach the file within a second (and at shutdown); flushing each line would cost a
  // write(2) per call.
  spdlog::drop("access");
  spdlog::register_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
  return std::unique_ptr<AccessLog>(new AccessLog(std::move(logger)));
}

AccessLog::~AccessLog() {
  Flush();
  if (logger_) spdlog::drop("access");
}

void AccessLog::Write(const AccessLogEntry& entry) {
  if (!logger_) return;
  logger_->info(FormatAccessLogLine(entry));
}

void AccessLog::Flush() {
  if (logger_) logger_->flush();
}

}  // namespace ndxp::server
