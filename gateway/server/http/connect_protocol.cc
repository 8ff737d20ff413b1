#include "gateway/server/http/connect_protocol.h"

#include <cctype>
#include <cstdint>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::server::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

absl::Status InvalidHeader(std::string_view header, std::string_view problem) {
  return core::ErrorWithReason(absl::StatusCode::kInvalidArgument,
                               core::Cat("invalid ", header, " header: ", problem),
                               "INVALID_HEADER", {{"header", header}});
}

ContentKind ClassifyContentType(std::string_view content_type) {
  std::string_view media = Trim(content_type.substr(0, content_type.find(';')));
  if (EqualsIgnoreCase(media, "application/json")) return ContentKind::kUnaryJson;
  if (EqualsIgnoreCase(media, "application/proto")) return ContentKind::kUnaryProto;
  if (StartsWithIgnoreCase(media, "application/connect+")) return ContentKind::kStreaming;
  return ContentKind::kUnsupported;
}

std::string_view ContentTypeFor(ConnectCodec codec) {
  return codec == ConnectCodec::kJson ? "application/json" : "application/proto";
}

absl::StatusOr<absl::Duration> ParseConnectTimeout(std::string_view value) {
  value = Trim(value);
  bool digits = !value.empty() && value.size() <= 10;
  std::uint64_t ms = 0;
  for (char c : value) {
    if (c < '0' || c > '9') {
      digits = false;
      break;
    }
    ms = ms * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!digits || ms == 0) {
    return InvalidHeader(kTimeoutHeader,
                         "must be a positive number of milliseconds of at most 10 digits");
  }
  return absl::Milliseconds(static_cast<std::int64_t>(ms));
}

absl::Status CheckProtocolVersion(std::optional<std::string_view> value) {
  if (!value || Trim(*value) == "1") return absl::OkStatus();
  return InvalidHeader(kProtocolVersionHeader, "the only Connect protocol version is 1");
}

absl::Status CheckContentEncoding(std::optional<std::string_view> value) {
  if (!value || Trim(*value).empty() || EqualsIgnoreCase(Trim(*value), "identity")) {
    return absl::OkStatus();
  }
  return core::ErrorWithReason(absl::StatusCode::kUnimplemented,
                               "unsupported content-encoding: supported: identity",
                               "UNSUPPORTED_CONTENT_ENCODING");
}

bool IsProcedurePath(std::string_view path) {
  if (path.size() < 4 || path.front() != '/') return false;
  path.remove_prefix(1);
  std::size_t slash = path.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == path.size()) return false;
  std::string_view service = path.substr(0, slash);
  std::string_view method = path.substr(slash + 1);
  if (service.find('.') == std::string_view::npos) return false;
  for (char c : service) {
    if (!IsIdentChar(c) && c != '.') return false;
  }
  for (char c : method) {
    if (!IsIdentChar(c)) return false;
  }
  return true;
}

}  // namespace ndxp::server::http
