#include "gateway/server/http/http_handler.h"

#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/server/http/connect_protocol.h"
#include "gateway/server/http/error_response.h"
#include "gateway/server/http/url.h"
#include "gateway/server/http/http_call.h"

namespace ndxp::server::http {
namespace {

constexpr std::string_view kMetricsPath = "/metrics";
constexpr std::string_view kHealthzPath = "/healthz";
constexpr std::string_view kReadyzPath = "/readyz";

Response Text(const Request& request, beast_http::status status, std::string body) {
  return MakeResponse(request, status, "text/plain; charset=utf-8", std::move(body));
}

// "GET /v1/x HTTP/1.1\r\n..." -> {"GET", "/v1/x"}; empty views when the line is not there.
std::pair<std::string_view, std::string_view> RequestLine(std::string_view raw) {
  std::size_t space = raw.find(' ');
  if (space == std::string_view::npos) return {};
  std::string_view method = raw.substr(0, space);
  std::string_view rest = raw.substr(space + 1);
  std::size_t end = rest.find_first_of(" \r\n");
  if (end == std::string_view::npos) return {};
  return {method, SplitTarget(rest.substr(0, end)).path};
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpHandler>> HttpHandler::Create(const Pipeline& pipeline,
                                                                 const ServingState& state,
                                                                 const InputLimits& limits) {
  auto router = RestRouter::Build(pipeline.routes());
  if (!router.ok()) return router.status();
  return std::unique_ptr<HttpHandler>(new HttpHandler(pipeline, state, limits, std::move(*router)));
}

HttpHandler::HttpHandler(const Pipeline& pipeline, const ServingState& state,
                         const InputLimits& limits, std::unique_ptr<RestRouter> router)
    : pipeline_(pipeline),
      state_(state),
      limits_(limits),
      router_(std::move(router)),
      connect_(pipeline, limits_),
      rest_(pipeline, limits_) {}

void HttpHandler::Handle(const Request& request, Respond respond,
                         const core::PeerInfo* peer) const {
  Target target = SplitTarget(request.target());
  std::string_view method = request.method_string();
  if (target.path == kMetricsPath || target.path == kHealthzPath || target.path == kReadyzPath) {
    return respond(Answer{HandleOwnEndpoint(request, target.path), {}});
  }
  if (IsProcedurePath(target.path)) {
    if (method == "POST") return connect_.Handle(request, target.path, std::move(respond), peer);
    if (pipeline_.Find(target.path) != nullptr) {
      return NotRouted(request, target.path, "POST", std::move(respond));
    }
  }
  RestMatch match = router_->Match(method, target.path);
  if (match.rule != nullptr) {
    return rest_.Handle(request, std::move(match), target.query, std::move(respond), peer);
  }
  NotRouted(request, target.path, std::move(match.allowed), std::move(respond));
}

Response HttpHandler::HandleOwnEndpoint(const Request& request, std::string_view path) const {
  if (request.method() != beast_http::verb::get) {
    Response response =
        Text(request, beast_http::status::method_not_allowed, "method not allowed: use GET\n");
    response.set(beast_http::field::allow, "GET");
    return response;
  }
  if (path == kMetricsPath) {
    return MakeResponse(request, beast_http::status::ok, kMetricsContentType,
                        pipeline_.registry().Render());
  }
  if (path == kHealthzPath) return Text(request, beast_http::status::ok, "ok\n");
  std::string problem = state_.Problem();
  if (problem.empty()) return Text(request, beast_http::status::ok, "ready\n");
  return Text(request, beast_http::status::service_unavailable, problem + "\n");
}

// 405 when the path exists under other methods (`allowed`), else 404. Neither message repeats
// the path: REST paths carry personal identifiers.
void HttpHandler::NotRouted(const Request& request, std::string_view path, std::string allowed,
                            Respond respond) const {
  Protocol protocol = IsProcedurePath(path) ? Protocol::kConnect : Protocol::kRest;
  if (allowed.empty()) {
    return Refuse(protocol, request,
                  core::ErrorWithReason(absl::StatusCode::kNotFound,
                                        "no such path: this gateway serves Connect calls at "
                                        "/<package.Service>/<Method>, the REST routes of its API, "
                                        "/metrics, /healthz and /readyz",
                                        "PATH_NOT_FOUND"),
                  404, std::move(respond));
  }
  Refuse(protocol, request,
         core::ErrorWithReason(absl::StatusCode::kUnimplemented,
                               core::Cat("method not allowed on this path: use ", allowed),
                               "METHOD_NOT_ALLOWED", {{"allow", allowed}}),
         405, std::move(respond),
         [allowed](Response& response) { response.set(beast_http::field::allow, allowed); });
}

void HttpHandler::Refuse(Protocol protocol, const Request& header, const absl::Status& status,
                         int http_status, Respond respond,
                         const std::function<void(Response&)>& decorate) const {
  HttpCall::Create(pipeline_, protocol, header, nullptr, std::move(respond))
      ->Refuse(status, http_status, decorate);
}

namespace {

void CloseAfter(Response& response) { response.keep_alive(false); }

}  // namespace

void HttpHandler::RejectOversizeHeaders(std::string_view raw, Respond respond) const {
  auto [method, path] = RequestLine(raw);
  Protocol protocol = ProtocolOf(method, path);
  pipeline_.CountLimitRejection(protocol, InputLimit::kHeaderBytes);
  Request header;  // nothing of the real one is known
  header.version(11);
  Refuse(protocol, header,
         core::ErrorWithReason(absl::StatusCode::kResourceExhausted,
                               core::Cat("request headers exceed ", limits_.max_header_bytes,
                                         " bytes"),
                               "HEADERS_TOO_LARGE", {{"limit", "max_header_bytes"}}),
         431, std::move(respond), CloseAfter);
}

void HttpHandler::RejectOversizeBody(const Request& header, Respond respond) const {
  Protocol protocol = ProtocolOf(header.method_string(), SplitTarget(header.target()).path);
  pipeline_.CountLimitRejection(protocol, InputLimit::kRequestBytes);
  Refuse(protocol, header,
         core::ErrorWithReason(absl::StatusCode::kResourceExhausted,
                               core::Cat("request body exceeds ", limits_.max_request_bytes,
                                         " bytes"),
                               "REQUEST_TOO_LARGE", {{"limit", "max_request_bytes"}}),
         413, std::move(respond), CloseAfter);
}

void HttpHandler::RejectMalformed(Respond respond) const {
  Request header;
  header.version(11);
  Refuse(Protocol::kRest, header,
         core::ErrorWithReason(absl::StatusCode::kInvalidArgument, "malformed HTTP/1.1 request",
                               "MALFORMED_HTTP"),
         400, std::move(respond), CloseAfter);
}

void HttpHandler::RejectFraming(const Request& header, const FramingRefusal& refusal,
                                Respond respond) const {
  Request answered_as;  // answered as HTTP/1.1 whatever version was asked for
  answered_as.version(11);
  const auto code = refusal.http_status == 501   ? absl::StatusCode::kUnimplemented
                    : refusal.http_status == 505 ? absl::StatusCode::kFailedPrecondition
                                                 : absl::StatusCode::kInvalidArgument;
  Refuse(Protocol::kRest, header.version() == 10 || header.version() == 11 ? header : answered_as,
         core::ErrorWithReason(code, refusal.message, refusal.reason), refusal.http_status,
         std::move(respond), CloseAfter);
}

Response HttpHandler::InternalError(const Request& header) const {
  Protocol protocol = ProtocolOf(header.method_string(), SplitTarget(header.target()).path);
  Response response = ErrorResponse(protocol, header, absl::InternalError("internal error"));
  response.keep_alive(false);
  return response;
}

}  // namespace ndxp::server::http
