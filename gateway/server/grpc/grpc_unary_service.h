#pragma once
// Unary routes as registered raw callback methods (bytes in, bytes out), served inline on gRPC's
// thread like a generated unary handler, through the same CallPipeline as every other call.
// Streaming routes and unknown methods are served by the generic service (GrpcGenericService).
// See docs/decisions/0008-unary-fast-path.md.

#include <grpcpp/impl/service_type.h>

#include "gateway/server/call_pipeline.h"
#include "gateway/server/limits.h"

namespace ndxp::server {

class GrpcUnaryService final : public grpc::Service {
 public:
  GrpcUnaryService(CallPipeline& pipeline, const InputLimits& limits);

  // Whether the service has any method (grpc::Server refuses to register an empty service).
  bool empty() const { return method_count_ == 0; }

 private:
  grpc::ServerUnaryReactor* Serve(const core::Route& route, grpc::CallbackServerContext* ctx,
                                  const grpc::ByteBuffer* request, grpc::ByteBuffer* response);
  absl::Status Handle(const core::Route& route, CallRecord& record,
                      const grpc::ByteBuffer& request_bytes, grpc::ByteBuffer& response_bytes,
                      absl::Time deadline);

  CallPipeline& pipeline_;
  const InputLimits& limits_;
  int method_count_ = 0;
};

}  // namespace ndxp::server
