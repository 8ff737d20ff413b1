#pragma once
// Errors as the gateway and its connectors raise them (absl::Status with google.rpc detail
// payloads, per AIP-193), and their conversion to gRPC and Connect/HTTP in one place.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include <absl/status/status.h>
#include <absl/time/time.h>
#include <grpcpp/support/status.h>

#include "google/rpc/status.pb.h"

namespace ndxp::core {

// ErrorInfo.domain of every error the gateway raises.
inline constexpr std::string_view kErrorDomain = "ndxp.gov.vn";

// INVALID_ARGUMENT carrying a google.rpc.BadRequest with one field violation and an ErrorInfo
// with reason INVALID_FIELD. `field` is the request field's path, e.g. "personal_id".
absl::Status FieldViolation(std::string_view field, std::string_view description);

// NOT_FOUND with ErrorInfo reason "<RESOURCE_TYPE>_NOT_FOUND", e.g. ("citizen", "...") gives
// CITIZEN_NOT_FOUND. The message must not contain a personal identifier.
absl::Status NotFound(std::string_view resource_type, std::string_view message);

// Any code, with an ErrorInfo carrying `reason` (UPPER_SNAKE_CASE) and metadata.
absl::Status ErrorWithReason(absl::StatusCode code, std::string_view message,
                             std::string_view reason,
                             std::initializer_list<std::pair<std::string_view, std::string_view>>
                                 metadata = {});

// RESOURCE_EXHAUSTED for a limit the caller is over (a rate, a bulkhead, a quota): an ErrorInfo
// with `reason` and metadata, a google.rpc.QuotaFailure with one violation (`subject`, e.g.
// "client:VN:PROV:79:ONESTOP", and `description`, which limit) and a google.rpc.RetryInfo whose
// retry_delay is `retry_delay` (when trying again may succeed).
absl::Status LimitExceeded(std::string_view message, std::string_view reason,
                           std::string_view subject, std::string_view description,
                           absl::Duration retry_delay,
                           std::initializer_list<std::pair<std::string_view, std::string_view>>
                               metadata = {});

// An upstream's status as it came (code, message, and its google.rpc.Status details byte for byte),
// so that ToGrpcStatus, ToRpcStatus and the HTTP error formats pass it on unchanged.
absl::Status FromGrpcStatus(const grpc::Status& status);

// The google.rpc.ErrorInfo reason of `status` (its first detail), or "" when it has none.
std::string ErrorReason(const absl::Status& status);

// The status as google.rpc.Status, its payloads as details in a stable order: ErrorInfo first,
// then the other google.rpc detail types in a fixed order, then any other type by name. An
// upstream's details (FromGrpcStatus) are kept as they came.
google::rpc::Status ToRpcStatus(const absl::Status& status);

// The status for the gRPC listener; details travel in grpc-status-details-bin.
grpc::Status ToGrpcStatus(const absl::Status& status);

// Connect protocol code name, e.g. "invalid_argument".
std::string_view ConnectCodeName(absl::StatusCode code);

// HTTP status for a code, per the Connect protocol's mapping.
int HttpStatusFor(absl::StatusCode code);

// Connect error JSON: {"code": ..., "message": ..., "details": [{"type", "value", "debug"}]}.
std::string ConnectErrorJson(const absl::Status& status);

// google.rpc.Status in the proto3 JSON mapping, as REST transcoders (grpc-gateway, Envoy) send it:
// {"code": 3, "message": ..., "details": [{"@type": "type.googleapis.com/...", ...}]}. Details of
// a type this binary does not link are left out.
std::string RpcStatusJson(const absl::Status& status);

}  // namespace ndxp::core
