#include "gateway/core/protocol.h"

namespace ndxp::core {

std::string_view ProtocolName(Protocol protocol) {
  switch (protocol) {
    case Protocol::kGrpc: return "grpc";
    case Protocol::kConnect: return "connect";
    case Protocol::kRest: return "rest";
  }
  return "unknown";
}

std::string_view CodeName(absl::StatusCode code) {
  static constexpr std::string_view kNames[kStatusCodeCount] = {
      "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
      "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
      "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
      "UNAUTHENTICATED"};
  auto i = static_cast<std::size_t>(code);
  return i < kStatusCodeCount ? kNames[i] : "UNKNOWN";
}

}  // namespace ndxp::core
