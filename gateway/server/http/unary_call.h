#pragma once
// One API call over HTTP (Connect or REST), from the request's arrival to the response handed to
// the connection: request id, admission through the CallPipeline, the route's unary handler under
// a deadline, and exactly one CallPipeline::Finish with the HTTP status and byte counts.

#include <absl/status/status.h>
#include <absl/time/time.h>
#include <google/protobuf/arena.h>
#include <google/protobuf/message.h>

#include <optional>
#include <string>
#include <string_view>

#include "gateway/server/call_pipeline.h"
#include "gateway/server/http/http_message.h"
#include "gateway/server/limits.h"

namespace ndxp::server::http {

class UnaryCall {
 public:
  UnaryCall(CallPipeline& pipeline, Protocol protocol, const Request& request);
  // A call dropped without Finish (an exception on the way) is recorded as INTERNAL.
  ~UnaryCall();
  UnaryCall(const UnaryCall&) = delete;
  UnaryCall& operator=(const UnaryCall&) = delete;

  // CallPipeline::Admit with the request's x-api-key; then UNIMPLEMENTED unless the route is
  // unary (streaming methods are served by the gRPC listener only).
  absl::Status Admit(std::string_view full_method);
  const core::Route& route() const { return *record_.route; }
  bool routed() const { return record_.route != nullptr; }

  // Fresh request and response messages of the route's types, owned by the call.
  google::protobuf::Message& request_message();
  google::protobuf::Message& response_message();

  // Runs the route's handler on request_message() into response_message(), unless `deadline`
  // has passed. A handler that throws is INTERNAL (logged with the method, never the request).
  absl::Status Run(absl::Time deadline);

  // Counts a refusal by an input limit ("max_json_depth", ...).
  void CountLimitRejection(std::string_view limit);

  // Records the end of the call (code, HTTP status, bytes) and returns `response` carrying
  // x-request-id and cache-control: no-store.
  Response Finish(absl::StatusCode code, Response response);
  // Finish with an error response in the call's protocol.
  Response Fail(const absl::Status& status, int http_status = 0);

  const Request& header() const { return request_; }

 private:
  CallPipeline& pipeline_;
  const Request& request_;
  CallRecord record_;
  bool finished_ = false;
  google::protobuf::Arena arena_;
  google::protobuf::Message* request_message_ = nullptr;
  google::protobuf::Message* response_message_ = nullptr;
};

}  // namespace ndxp::server::http
