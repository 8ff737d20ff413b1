#include "gateway/server/log_sanitize.h"

#include <cstdio>

#include <google/protobuf/stubs/logging.h>
#include <grpc/support/log.h>
#include <spdlog/spdlog.h>

namespace ndxp::server {
namespace {

void GrpcLog(gpr_log_func_args* args) {
  std::string message = SanitizeForLog(args->message != nullptr ? args->message : "");
  switch (args->severity) {
    case GPR_LOG_SEVERITY_DEBUG: spdlog::debug("grpc: {}", message); break;
    case GPR_LOG_SEVERITY_INFO: spdlog::info("grpc: {}", message); break;
    default: spdlog::warn("grpc: {}", message); break;
  }
}

void ProtobufLog(google::protobuf::LogLevel level, const char* file, int line,
                 const std::string& message) {
  std::string text = SanitizeForLog(message);
  if (level >= google::protobuf::LOGLEVEL_FATAL) {
    spdlog::critical("protobuf: {}", text);
  } else if (level >= google::protobuf::LOGLEVEL_WARNING) {
    spdlog::warn("protobuf: {}", text);
  } else {
    spdlog::info("protobuf: {}", text);
  }
}

}  // namespace

std::string SanitizeForLog(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 8);
  for (unsigned char c : text) {
    if (out.size() >= max_bytes) {
      out += "...";
      break;
    }
    if (c < 0x20 || c == 0x7f) {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

void RouteLibraryLogs() {
  gpr_set_log_function(GrpcLog);
  google::protobuf::SetLogHandler(ProtobufLog);
}

}  // namespace ndxp::server
