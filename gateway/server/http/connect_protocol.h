#pragma once
// The Connect protocol's unary rules (https://connectrpc.com/docs/protocol), as pure functions of
// header values: which codec a content type names, the timeout header, the version header and the
// shape of a procedure path. No I/O, no pipeline: unit-tested on their own.

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <absl/time/time.h>

#include <optional>
#include <string_view>

namespace ndxp::server::http {

enum class ConnectCodec { kJson, kProto };

// What a request's Content-Type asks for.
enum class ContentKind {
  kUnaryJson,    // application/json (parameters such as charset allowed)
  kUnaryProto,   // application/proto
  kStreaming,    // application/connect+<codec>: Connect streaming, not served over HTTP here
  kUnsupported,  // anything else, or none
};

ContentKind ClassifyContentType(std::string_view content_type);

// "application/json" or "application/proto": the unary response content type for a codec.
std::string_view ContentTypeFor(ConnectCodec codec);

// Value of Accept-Post on a 415 answer.
inline constexpr std::string_view kAcceptedContentTypes = "application/json, application/proto";

inline constexpr std::string_view kTimeoutHeader = "connect-timeout-ms";
inline constexpr std::string_view kProtocolVersionHeader = "connect-protocol-version";

// INVALID_ARGUMENT naming a request header, with ErrorInfo reason INVALID_HEADER.
absl::Status InvalidHeader(std::string_view header, std::string_view problem);

// connect-timeout-ms: a positive integer of at most 10 digits. Anything else is INVALID_ARGUMENT
// naming the header.
absl::StatusOr<absl::Duration> ParseConnectTimeout(std::string_view value);

// connect-protocol-version: optional, but "1" when present; else INVALID_ARGUMENT.
absl::Status CheckProtocolVersion(std::optional<std::string_view> value);

// Content-Encoding: absent or "identity"; else UNIMPLEMENTED listing what is supported.
absl::Status CheckContentEncoding(std::optional<std::string_view> value);

// True for "/<package.Service>/<Method>": two non-empty segments, the first holding a dot and
// neither holding anything but identifier characters and dots. Connect's procedure paths (and
// gRPC's) have this shape; REST paths from google.api.http start with a version segment instead.
bool IsProcedurePath(std::string_view path);

}  // namespace ndxp::server::http
