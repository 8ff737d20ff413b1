#include "gateway/server/http/http_call.h"

#include "gateway/core/route_table.h"
#include "gateway/core/status.h"
#include "gateway/server/http/error_response.h"
#include "gateway/server/request_id.h"

namespace ndxp::server::http {
namespace {

const google::protobuf::Message* RequestPrototype(const core::Route* route) {
  return route != nullptr ? route->request_prototype : nullptr;
}
const google::protobuf::Message* ResponsePrototype(const core::Route* route) {
  return route != nullptr ? route->response_prototype : nullptr;
}

}  // namespace

std::shared_ptr<HttpCall> HttpCall::Create(const Pipeline& pipeline, core::Protocol protocol,
                                           const Request& request, const core::Route* route,
                                           Respond respond, const core::PeerInfo* peer) {
  std::shared_ptr<HttpCall> call(new HttpCall(pipeline, protocol, request, route, std::move(respond)));
  call->call_.set_peer(peer);
  return call;
}

HttpCall::HttpCall(const Pipeline& pipeline, core::Protocol protocol, const Request& request,
                   const core::Route* route, Respond respond)
    : request_(request),
      headers_(request),
      call_(pipeline.ChainFor(route), *this, headers_),
      respond_(std::move(respond)),
      request_payload_(core::Payload::Direction::kRequest, RequestPrototype(route), &arena_),
      response_payload_(core::Payload::Direction::kResponse, ResponsePrototype(route), &arena_) {
  core::CallContext& context = call_.context();
  context.protocol = protocol;
  context.route = route;
  context.request_id = RequestIdFor(HeaderValue(request, kRequestIdHeader).value_or(""));
  context.bytes_in = request.body().size();
}

HttpCall::~HttpCall() {
  // An answer the connection dropped unwritten (it closed first) was not seen: CANCELLED. A call
  // dropped before it answered (it cannot be, but if it were) is still recorded, as INTERNAL.
  if (!call_.ended()) {
    if (!sent_) call_.context().http_status = 500;
    call_.End(sent_ ? absl::StatusCode::kCancelled : absl::StatusCode::kInternal);
  }
}

void HttpCall::Run(std::unique_ptr<HttpBinding> binding, absl::Time caller_deadline) {
  binding_ = std::move(binding);
  call_.context().caller_deadline = caller_deadline;
  self_ = shared_from_this();
  call_.Start();
}

void HttpCall::Refuse(const absl::Status& status, int http_status,
                      const std::function<void(Response&)>& decorate) {
  self_ = shared_from_this();
  Fail(status, http_status, decorate);
}

void HttpCall::OnAdmitted() {
  int http_status = 0;
  if (absl::Status bound = binding_->BindRequest(request_payload_, http_status); !bound.ok()) {
    return Fail(bound, http_status);
  }
  call_.context().route->target->Unary(call_, request_payload_, response_payload_, *this);
}

void HttpCall::OnRefused(const absl::Status& status) {
  // A Connect procedure that is not routed is a path that does not exist: 404, which Connect
  // clients read back as unimplemented.
  const bool no_such_procedure = call_.context().route == nullptr &&
                                 call_.context().protocol == core::Protocol::kConnect &&
                                 status.code() == absl::StatusCode::kUnimplemented;
  Fail(status, no_such_procedure ? 404 : 0);
}

void HttpCall::OnUnaryDone(const absl::Status& status) {
  target_status_ = status;
  if (status.ok()) {
    auto response = binding_->RenderResponse(response_payload_);
    if (response.ok()) {
      rendered_ = *std::move(response);
    } else {
      target_status_ = response.status();
    }
  }
  // A stage may keep the answer until something is durable (the audit record under strict).
  call_.HoldAnswer(target_status_.code(), *this);
}

void HttpCall::OnAnswerReleased(const absl::Status& replaced) {
  if (!replaced.ok()) return Fail(replaced);  // the rendered response must not leave
  if (!target_status_.ok()) return Fail(target_status_);
  Send(absl::StatusCode::kOk, *std::move(rendered_));
}

void HttpCall::Fail(const absl::Status& status, int http_status,
                    const std::function<void(Response&)>& decorate) {
  Response response = ErrorResponse(call_.context().protocol, request_, status, http_status);
  if (decorate) decorate(response);
  Send(status.code(), std::move(response));
}

void HttpCall::Send(absl::StatusCode code, Response response) {
  if (sent_) return;
  sent_ = true;
  core::CallContext& context = call_.context();
  response.set(kRequestIdHeader, context.request_id);
  response.set(beast_http::field::cache_control, "no-store");
  for (const auto& [name, value] : call_.response_headers()) response.set(name, value);
  context.http_status = static_cast<int>(response.result_int());
  context.bytes_out = response.body().size();
  answered_ = code;
  std::shared_ptr<HttpCall> self = std::move(self_);
  respond_(Answer{std::move(response), [self](bool written) {
                    self->call_.End(written ? self->answered_ : absl::StatusCode::kCancelled);
                  }});
}

}  // namespace ndxp::server::http
