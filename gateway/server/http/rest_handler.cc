#include "gateway/server/http/rest_handler.h"

#include <set>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/server/http/connect_protocol.h"
#include "gateway/server/http/json_body.h"
#include "gateway/server/http/rest_binding.h"
#include "gateway/server/http/unary_call.h"
#include "gateway/server/http/url.h"

namespace ndxp::server::http {
namespace {

using google::protobuf::Message;

bool IsJsonOrAbsent(const Request& request) {
  auto content_type = HeaderValue(request, "content-type");
  return !content_type || ClassifyContentType(*content_type) == ContentKind::kUnaryJson;
}

absl::Status BindBody(UnaryCall& call, const Request& request, const RestRule& rule,
                      std::uint32_t max_depth, Message& message) {
  if (rule.body.empty()) return absl::OkStatus();  // a body sent anyway is ignored
  if (rule.body == "*") return ParseJsonBody(call, request.body(), max_depth, message);
  const auto* field = message.GetDescriptor()->FindFieldByName(rule.body);
  Message* target = message.GetReflection()->MutableMessage(&message, field);
  return ParseJsonBody(call, request.body(), max_depth, *target);
}

// Why `name` (resolved to proto names `canonical`) may not be a query parameter, or "".
std::string_view Forbidden(const RestRule& rule, const std::string& canonical) {
  for (const auto& bound : rule.path_fields) {
    if (canonical == bound || canonical.starts_with(bound + ".") ||
        bound.starts_with(canonical + ".")) {
      return "is bound by the path";
    }
  }
  if (!rule.body.empty() && (canonical == rule.body || canonical.starts_with(rule.body + "."))) {
    return "is carried in the body";
  }
  return "";
}

absl::Status BindQuery(std::string_view query, const RestRule& rule, Message& message) {
  auto params = ParseQuery(query);
  if (!params.ok()) return params.status();
  if (rule.body == "*" && !params->empty()) {
    return core::FieldViolation((*params)[0].first,
                                "this route takes the whole request in its JSON body; query "
                                "parameters are not accepted");
  }
  std::set<std::string> seen;
  for (const auto& [name, value] : *params) {
    auto fields = ResolveFieldPath(*message.GetDescriptor(), name);
    if (!fields.ok()) return core::FieldViolation(name, "names no field of the request");
    std::string canonical = FieldPathName(*fields);
    if (auto why = Forbidden(rule, canonical); !why.empty()) return core::FieldViolation(name, why);
    if (!fields->back()->is_repeated() && !seen.insert(canonical).second) {
      return core::FieldViolation(name, "is given more than once but is not repeated");
    }
    if (auto s = SetFieldFromText(message, name, value, name); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status BindPath(const std::vector<PathBinding>& bindings, Message& message) {
  for (const auto& binding : bindings) {
    auto s = SetFieldFromText(message, binding.field_path, binding.value, binding.field_path);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status RenderResponse(const RestRule& rule, const Message& response, std::string& out) {
  if (rule.response_body.empty()) return RenderJson(response, out);
  const auto* field = response.GetDescriptor()->FindFieldByName(rule.response_body);
  return RenderJson(response.GetReflection()->GetMessage(response, field), out);
}

}  // namespace

Response RestHandler::Handle(const Request& request, const RestMatch& match,
                             std::string_view query) const {
  const RestRule& rule = *match.rule;
  UnaryCall call(pipeline_, Protocol::kRest, request);
  absl::Time now = absl::Now();
  if (auto s = call.Admit(rule.route->full_method); !s.ok()) return call.Fail(s);
  if (!rule.body.empty() && !IsJsonOrAbsent(request)) {
    return call.Fail(core::ErrorWithReason(absl::StatusCode::kInvalidArgument,
                                           "unsupported content-type: REST bodies are "
                                           "application/json",
                                           "UNSUPPORTED_MEDIA_TYPE"),
                     415);
  }
  Message& message = call.request_message();
  absl::Status bound = BindBody(call, request, rule, limits_.max_json_depth, message);
  if (bound.ok()) bound = BindQuery(query, rule, message);
  if (bound.ok()) bound = BindPath(match.bindings, message);
  if (!bound.ok()) return call.Fail(bound);
  absl::Status ran = call.Run(limits_.EffectiveDeadline(now, absl::InfiniteFuture(), true));
  if (!ran.ok()) return call.Fail(ran);
  std::string body;
  if (auto s = RenderResponse(rule, call.response_message(), body); !s.ok()) return call.Fail(s);
  return call.Finish(absl::StatusCode::kOk, MakeResponse(request, beast_http::status::ok,
                                                         kJsonContentType, std::move(body)));
}

}  // namespace ndxp::server::http
