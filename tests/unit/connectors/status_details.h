#pragma once
// Reads the google.rpc detail payloads that core::FieldViolation / core::NotFound attach.

#include <absl/status/status.h>

#include <optional>
#include <string>

#include "google/rpc/error_details.pb.h"

namespace ndxp::connectors::testing {

inline std::optional<google::rpc::BadRequest> BadRequestOf(const absl::Status& status) {
  auto payload = status.GetPayload("type.googleapis.com/google.rpc.BadRequest");
  if (!payload) return std::nullopt;
  google::rpc::BadRequest bad_request;
  if (!bad_request.ParseFromString(std::string(*payload))) return std::nullopt;
  return bad_request;
}

// The field of the first violation, or "" when there is none.
inline std::string ViolationField(const absl::Status& status) {
  auto bad_request = BadRequestOf(status);
  if (!bad_request || bad_request->field_violations_size() == 0) return "";
  return bad_request->field_violations(0).field();
}

// The description of the first violation, or "" when there is none.
inline std::string ViolationDescription(const absl::Status& status) {
  auto bad_request = BadRequestOf(status);
  if (!bad_request || bad_request->field_violations_size() == 0) return "";
  return bad_request->field_violations(0).description();
}

// ErrorInfo.reason, or "".
inline std::string ErrorReason(const absl::Status& status) {
  auto payload = status.GetPayload("type.googleapis.com/google.rpc.ErrorInfo");
  if (!payload) return "";
  google::rpc::ErrorInfo info;
  if (!info.ParseFromString(std::string(*payload))) return "";
  return info.reason();
}

}  // namespace ndxp::connectors::testing
