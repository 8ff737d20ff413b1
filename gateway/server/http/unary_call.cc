#include "gateway/server/http/unary_call.h"

#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/server/http/error_response.h"
#include "gateway/server/request_id.h"

namespace ndxp::server::http {

UnaryCall::UnaryCall(CallPipeline& pipeline, Protocol protocol, const Request& request)
    : pipeline_(pipeline), request_(request) {
  record_.protocol = protocol;
  record_.request_id = RequestIdFor(HeaderValue(request, kRequestIdHeader).value_or(""));
  record_.bytes_in = request.body().size();
}

UnaryCall::~UnaryCall() {
  if (!finished_) {
    record_.http_status = 500;
    pipeline_.Finish(record_, absl::StatusCode::kInternal);
  }
}

absl::Status UnaryCall::Admit(std::string_view full_method) {
  absl::Status admitted =
      pipeline_.Admit(record_, full_method, HeaderValue(request_, kApiKeyHeader));
  if (!admitted.ok()) return admitted;
  if (record_.route->shape != core::CallShape::kUnary) {
    return core::ErrorWithReason(
        absl::StatusCode::kUnimplemented,
        core::Cat(record_.route->full_method, " is a ", core::CallShapeName(record_.route->shape),
                  " method: streaming methods are served over gRPC only, not over HTTP/1.1"),
        "STREAMING_NOT_SUPPORTED_OVER_HTTP");
  }
  return absl::OkStatus();
}

google::protobuf::Message& UnaryCall::request_message() {
  if (request_message_ == nullptr)
    request_message_ = record_.route->request_prototype->New(&arena_);
  return *request_message_;
}

google::protobuf::Message& UnaryCall::response_message() {
  if (response_message_ == nullptr) {
    response_message_ = record_.route->response_prototype->New(&arena_);
  }
  return *response_message_;
}

absl::Status UnaryCall::Run(absl::Time deadline) {
  return pipeline_.RunUnary(record_, deadline, request_message(), response_message());
}

void UnaryCall::CountLimitRejection(std::string_view limit) {
  pipeline_.CountLimitRejection(record_.protocol, limit);
}

Response UnaryCall::Finish(absl::StatusCode code, Response response) {
  response.set(kRequestIdHeader, record_.request_id);
  response.set(beast_http::field::cache_control, "no-store");
  record_.http_status = static_cast<int>(response.result_int());
  record_.bytes_out = response.body().size();
  finished_ = true;
  pipeline_.Finish(record_, code);
  return response;
}

Response UnaryCall::Fail(const absl::Status& status, int http_status) {
  return Finish(status.code(), ErrorResponse(record_.protocol, request_, status, http_status));
}

}  // namespace ndxp::server::http
