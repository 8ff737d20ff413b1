#include "gateway/core/status.h"

#include "gateway/core/strings.h"

#include <algorithm>
#include <optional>
#include <vector>

#include <absl/strings/ascii.h>
#include <absl/strings/escaping.h>
#include <google/protobuf/any.pb.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "google/rpc/error_details.pb.h"

namespace ndxp::core {
namespace {

constexpr std::string_view kTypePrefix = "type.googleapis.com/";

void Attach(absl::Status& status, const google::protobuf::Message& detail) {
  status.SetPayload(Cat(kTypePrefix, detail.GetDescriptor()->full_name()),
                    absl::Cord(detail.SerializeAsString()));
}

google::rpc::ErrorInfo MakeErrorInfo(std::string_view reason) {
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(std::string(kErrorDomain));
  return info;
}

// JSON of a detail for Connect's "debug" member, when its type is one we link.
std::string DebugJson(const google::protobuf::Any& any) {
  std::string_view type = any.type_url();
  if (!type.starts_with(kTypePrefix)) return "";
  type.remove_prefix(kTypePrefix.size());
  const auto* desc =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(std::string(type));
  if (desc == nullptr) return "";
  std::unique_ptr<google::protobuf::Message> msg(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(desc)->New());
  if (!msg->ParseFromString(any.value())) return "";
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(*msg, &json).ok()) return "";
  return json;
}

// Connect carries detail bytes as standard base64 without padding.
std::string UnpaddedBase64(std::string_view bytes) {
  std::string out = absl::Base64Escape(ToAbsl(bytes));
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

}  // namespace

absl::Status FieldViolation(std::string_view field, std::string_view description) {
  absl::Status status(absl::StatusCode::kInvalidArgument,
                      Cat("invalid ", field, ": ", description));
  google::rpc::BadRequest bad_request;
  auto* violation = bad_request.add_field_violations();
  violation->set_field(std::string(field));
  violation->set_description(std::string(description));
  Attach(status, bad_request);
  auto info = MakeErrorInfo("INVALID_FIELD");
  (*info.mutable_metadata())["field"] = std::string(field);
  Attach(status, info);
  return status;
}

absl::Status NotFound(std::string_view resource_type, std::string_view message) {
  std::string reason(resource_type);
  for (char& c : reason) {
    c = absl::ascii_isalnum(static_cast<unsigned char>(c)) ? absl::ascii_toupper(c) : '_';
  }
  Append(reason, "_NOT_FOUND");
  absl::Status status(absl::StatusCode::kNotFound, ToAbsl(message));
  Attach(status, MakeErrorInfo(reason));
  return status;
}

absl::Status ErrorWithReason(
    absl::StatusCode code, std::string_view message, std::string_view reason,
    std::initializer_list<std::pair<std::string_view, std::string_view>> metadata) {
  absl::Status status(code, ToAbsl(message));
  auto info = MakeErrorInfo(reason);
  for (const auto& [key, value] : metadata) {
    (*info.mutable_metadata())[std::string(key)] = std::string(value);
  }
  Attach(status, info);
  return status;
}

absl::Status LimitExceeded(
    std::string_view message, std::string_view reason, std::string_view subject,
    std::string_view description, absl::Duration retry_delay,
    std::initializer_list<std::pair<std::string_view, std::string_view>> metadata) {
  absl::Status status = ErrorWithReason(absl::StatusCode::kResourceExhausted, message, reason,
                                        metadata);
  google::rpc::QuotaFailure failure;
  auto* violation = failure.add_violations();
  violation->set_subject(std::string(subject));
  violation->set_description(std::string(description));
  Attach(status, failure);
  google::rpc::RetryInfo retry;
  if (retry_delay < absl::ZeroDuration()) retry_delay = absl::ZeroDuration();
  const std::int64_t seconds = absl::ToInt64Seconds(retry_delay);
  retry.mutable_retry_delay()->set_seconds(seconds);
  retry.mutable_retry_delay()->set_nanos(
      static_cast<std::int32_t>(absl::ToInt64Nanoseconds(retry_delay - absl::Seconds(seconds))));
  Attach(status, retry);
  return status;
}

namespace {

// Where an upstream's google.rpc.Status travels inside an absl::Status, byte for byte.
constexpr std::string_view kUpstreamStatusPayload = "type.ndxp.gov.vn/upstream-grpc-status-details";

// Details in a fixed order whatever order absl iterates payloads in (it varies): ErrorInfo first,
// as clients read details[0], then the other google.rpc types in a fixed order, then by type.
int DetailRank(std::string_view type_url) {
  static constexpr std::string_view kOrder[] = {
      "google.rpc.ErrorInfo",       "google.rpc.BadRequest",          "google.rpc.QuotaFailure",
      "google.rpc.RetryInfo",       "google.rpc.PreconditionFailure", "google.rpc.ResourceInfo",
      "google.rpc.RequestInfo",     "google.rpc.Help",                "google.rpc.LocalizedMessage",
      "google.rpc.DebugInfo"};
  if (type_url.starts_with(kTypePrefix)) type_url.remove_prefix(kTypePrefix.size());
  for (std::size_t i = 0; i < std::size(kOrder); ++i) {
    if (type_url == kOrder[i]) return static_cast<int>(i);
  }
  return static_cast<int>(std::size(kOrder));
}

std::optional<std::string> UpstreamDetails(const absl::Status& status) {
  auto raw = status.GetPayload(ToAbsl(kUpstreamStatusPayload));
  if (!raw) return std::nullopt;
  return std::string(*raw);
}

}  // namespace

absl::Status FromGrpcStatus(const grpc::Status& status) {
  absl::Status out(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  if (!status.ok() && !status.error_details().empty()) {
    out.SetPayload(ToAbsl(kUpstreamStatusPayload), absl::Cord(status.error_details()));
  }
  return out;
}

google::rpc::Status ToRpcStatus(const absl::Status& status) {
  google::rpc::Status rpc;
  if (auto upstream = UpstreamDetails(status)) {
    google::rpc::Status parsed;
    if (parsed.ParseFromString(*upstream)) *rpc.mutable_details() = parsed.details();
    rpc.set_code(static_cast<int>(status.code()));
    rpc.set_message(std::string(status.message()));
    return rpc;
  }
  rpc.set_code(static_cast<int>(status.code()));
  rpc.set_message(std::string(status.message()));
  std::vector<std::pair<std::string, std::string>> details;
  status.ForEachPayload([&details](absl::string_view type_url, const absl::Cord& payload) {
    details.emplace_back(std::string(type_url), std::string(payload));
  });
  std::sort(details.begin(), details.end(), [](const auto& a, const auto& b) {
    int ra = DetailRank(a.first), rb = DetailRank(b.first);
    return ra != rb ? ra < rb : a.first < b.first;
  });
  for (auto& [type_url, value] : details) {
    auto* any = rpc.add_details();
    any->set_type_url(std::move(type_url));
    any->set_value(std::move(value));
  }
  return rpc;
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  auto code = static_cast<grpc::StatusCode>(status.code());
  if (auto upstream = UpstreamDetails(status)) {
    return grpc::Status(code, std::string(status.message()), std::move(*upstream));
  }
  bool has_details = false;
  status.ForEachPayload([&has_details](absl::string_view, const absl::Cord&) { has_details = true; });
  if (!has_details) return grpc::Status(code, std::string(status.message()));
  return grpc::Status(code, std::string(status.message()), ToRpcStatus(status).SerializeAsString());
}

std::string_view ConnectCodeName(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk: return "ok";
    case absl::StatusCode::kCancelled: return "canceled";
    case absl::StatusCode::kUnknown: return "unknown";
    case absl::StatusCode::kInvalidArgument: return "invalid_argument";
    case absl::StatusCode::kDeadlineExceeded: return "deadline_exceeded";
    case absl::StatusCode::kNotFound: return "not_found";
    case absl::StatusCode::kAlreadyExists: return "already_exists";
    case absl::StatusCode::kPermissionDenied: return "permission_denied";
    case absl::StatusCode::kResourceExhausted: return "resource_exhausted";
    case absl::StatusCode::kFailedPrecondition: return "failed_precondition";
    case absl::StatusCode::kAborted: return "aborted";
    case absl::StatusCode::kOutOfRange: return "out_of_range";
    case absl::StatusCode::kUnimplemented: return "unimplemented";
    case absl::StatusCode::kInternal: return "internal";
    case absl::StatusCode::kUnavailable: return "unavailable";
    case absl::StatusCode::kDataLoss: return "data_loss";
    case absl::StatusCode::kUnauthenticated: return "unauthenticated";
    default: return "unknown";
  }
}

int HttpStatusFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk: return 200;
    case absl::StatusCode::kCancelled: return 499;
    case absl::StatusCode::kInvalidArgument: return 400;
    case absl::StatusCode::kDeadlineExceeded: return 504;
    case absl::StatusCode::kNotFound: return 404;
    case absl::StatusCode::kAlreadyExists: return 409;
    case absl::StatusCode::kPermissionDenied: return 403;
    case absl::StatusCode::kResourceExhausted: return 429;
    case absl::StatusCode::kFailedPrecondition: return 400;
    case absl::StatusCode::kAborted: return 409;
    case absl::StatusCode::kOutOfRange: return 400;
    case absl::StatusCode::kUnimplemented: return 501;
    case absl::StatusCode::kUnavailable: return 503;
    case absl::StatusCode::kUnauthenticated: return 401;
    default: return 500;
  }
}

std::string ConnectErrorJson(const absl::Status& status) {
  google::rpc::Status rpc = ToRpcStatus(status);
  std::string message_json;
  // A JSON string literal of the message, produced by protobuf's own escaping.
  google::protobuf::Value value;
  value.set_string_value(rpc.message());
  (void)google::protobuf::util::MessageToJsonString(value, &message_json);
  std::string out = Cat("{\"code\":\"", ConnectCodeName(status.code()),
                                 "\",\"message\":", message_json);
  if (rpc.details_size() > 0) {
    Append(out, ",\"details\":[");
    for (int i = 0; i < rpc.details_size(); ++i) {
      const auto& any = rpc.details(i);
      std::string_view type = any.type_url();
      if (type.starts_with(kTypePrefix)) type.remove_prefix(kTypePrefix.size());
      Append(out, i ? "," : "", "{\"type\":\"", type, "\",\"value\":\"",
                      UnpaddedBase64(any.value()), "\"");
      std::string debug = DebugJson(any);
      if (!debug.empty()) Append(out, ",\"debug\":", debug);
      Append(out, "}");
    }
    Append(out, "]");
  }
  Append(out, "}");
  return out;
}

std::string RpcStatusJson(const absl::Status& status) {
  google::rpc::Status rpc = ToRpcStatus(status);
  google::rpc::Status printable;
  printable.set_code(rpc.code());
  printable.set_message(rpc.message());
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const auto& any : rpc.details()) {
    std::string_view type = any.type_url();
    if (!type.starts_with(kTypePrefix)) continue;
    type.remove_prefix(kTypePrefix.size());
    if (pool->FindMessageTypeByName(std::string(type)) != nullptr) *printable.add_details() = any;
  }
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(printable, &json).ok()) {
    printable.clear_details();
    json.clear();
    (void)google::protobuf::util::MessageToJsonString(printable, &json);
  }
  return json;
}

std::string ErrorReason(const absl::Status& status) {
  google::rpc::Status rpc = ToRpcStatus(status);
  google::rpc::ErrorInfo info;
  if (rpc.details_size() == 0 || !rpc.details(0).UnpackTo(&info)) return "";
  return info.reason();
}

}  // namespace ndxp::core
