#include "gateway/server/http/rest_handler.h"

#include <set>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/server/http/connect_protocol.h"
#include "gateway/server/http/json_body.h"
#include "gateway/server/http/rest_binding.h"
#include "gateway/server/http/http_call.h"
#include "gateway/server/http/url.h"

namespace ndxp::server::http {
namespace {

using google::protobuf::Message;

bool IsJsonOrAbsent(const Request& request) {
  auto content_type = HeaderValue(request, "content-type");
  return !content_type || ClassifyContentType(*content_type) == ContentKind::kUnaryJson;
}

absl::Status BindBody(const Pipeline& pipeline, const Request& request, const RestRule& rule,
                      std::uint32_t max_depth, Message& message) {
  if (rule.body.empty()) return absl::OkStatus();  // a body sent anyway is ignored
  if (rule.body == "*") {
    return ParseJsonBody(pipeline, Protocol::kRest, request.body(), max_depth, message);
  }
  const auto* field = message.GetDescriptor()->FindFieldByName(rule.body);
  Message* target = message.GetReflection()->MutableMessage(&message, field);
  return ParseJsonBody(pipeline, Protocol::kRest, request.body(), max_depth, *target);
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

absl::Status RenderRestResponse(const RestRule& rule, const Message& response, std::string& out) {
  if (rule.response_body.empty()) return RenderJson(response, out);
  const auto* field = response.GetDescriptor()->FindFieldByName(rule.response_body);
  return RenderJson(response.GetReflection()->GetMessage(response, field), out);
}

class RestBinding final : public HttpBinding {
 public:
  RestBinding(const Pipeline& pipeline, const InputLimits& limits, const Request& request,
              RestMatch match, std::string_view query)
      : pipeline_(pipeline),
        limits_(limits),
        request_(request),
        match_(std::move(match)),
        query_(query) {}

  absl::Status BindRequest(core::Payload& payload, int& http_status) override {
    const RestRule& rule = *match_.rule;
    if (!rule.body.empty() && !IsJsonOrAbsent(request_)) {
      http_status = 415;
      return core::ErrorWithReason(absl::StatusCode::kInvalidArgument,
                                   "unsupported content-type: REST bodies are application/json",
                                   "UNSUPPORTED_MEDIA_TYPE");
    }
    Message& message = payload.NewMessage();
    absl::Status bound = BindBody(pipeline_, request_, rule, limits_.max_json_depth, message);
    if (bound.ok()) bound = BindQuery(query_, rule, message);
    if (bound.ok()) bound = BindPath(match_.bindings, message);
    return bound;
  }

  absl::StatusOr<Response> RenderResponse(core::Payload& payload) override {
    auto message = payload.Message();
    if (!message.ok()) return message.status();
    std::string body;
    if (auto s = RenderRestResponse(*match_.rule, **message, body); !s.ok()) return s;
    return MakeResponse(request_, beast_http::status::ok, kJsonContentType, std::move(body));
  }

 private:
  const Pipeline& pipeline_;
  const InputLimits& limits_;
  const Request& request_;
  const RestMatch match_;
  const std::string_view query_;
};

}  // namespace

void RestHandler::Handle(const Request& request, RestMatch match, std::string_view query,
                         Respond respond, const core::PeerInfo* peer) const {
  const core::Route* route = match.rule->route;
  auto call =
      HttpCall::Create(pipeline_, Protocol::kRest, request, route, std::move(respond), peer);
  call->Run(std::make_unique<RestBinding>(pipeline_, limits_, request, std::move(match), query),
            absl::InfiniteFuture());
}

}  // namespace ndxp::server::http
