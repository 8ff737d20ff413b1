#include "gateway/server/http/json_body.h"

#include <google/protobuf/util/json_util.h>

#include <cctype>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/server/http/json_limits.h"

namespace ndxp::server::http {

absl::Status ParseJsonBody(const Pipeline& pipeline, Protocol protocol, std::string_view body,
                           std::uint32_t max_depth, google::protobuf::Message& into) {
  into.Clear();
  std::string_view trimmed = body;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) {
    trimmed.remove_prefix(1);
  }
  if (trimmed.empty()) return absl::OkStatus();
  const JsonCheck check = CheckJson(body, max_depth);
  if (check.result == JsonCheck::Result::kMalformed) {
    return core::ErrorWithReason(
        absl::StatusCode::kInvalidArgument,
        core::Cat("request body is not JSON (RFC 8259) at byte ", check.offset, ": ",
                  check.problem),
        "MALFORMED_REQUEST");
  }
  if (check.result == JsonCheck::Result::kTooDeep) {
    pipeline.CountLimitRejection(protocol, InputLimit::kJsonDepth);
    return core::ErrorWithReason(
        absl::StatusCode::kInvalidArgument,
        core::Cat("request body nests JSON deeper than ", max_depth, " levels"), "JSON_TOO_DEEP",
        {{"limit", InputLimitName(InputLimit::kJsonDepth)}});
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(body.data(), body.size()), &into, options);
  if (status.ok()) return absl::OkStatus();
  // The parser's explanation, without the excerpt of the body it appends after a newline.
  std::string_view message(status.message().data(), status.message().size());
  message = message.substr(0, message.find('\n'));
  return core::ErrorWithReason(
      absl::StatusCode::kInvalidArgument,
      core::Cat("request body is not a valid ", into.GetDescriptor()->full_name(),
                " in JSON: ", std::string_view(message.data(), message.size())),
      "MALFORMED_REQUEST");
}

absl::Status RenderJson(const google::protobuf::Message& message, std::string& out) {
  out.clear();
  if (google::protobuf::util::MessageToJsonString(message, &out).ok()) return absl::OkStatus();
  return absl::InternalError("could not render the response as JSON");
}

}  // namespace ndxp::server::http
