#pragma once
// Unary routes as registered raw callback methods (bytes in, bytes out), one per unary route of
// the route table, each call a GrpcUnaryCall through the route's chain. Streaming routes and
// unknown methods are served by the generic service (grpc_stream_call.h).
// See docs/decisions/0008-unary-fast-path.md.

#include <grpcpp/impl/service_type.h>

#include "gateway/server/pipeline.h"

namespace ndxp::server {

class GrpcUnaryService final : public grpc::Service {
 public:
  // `tls`: the port is TLS, so each call reads its peer's certificate identity.
  GrpcUnaryService(const Pipeline& pipeline, bool tls);

  // Whether the service has any method (grpc::Server refuses to register an empty service).
  bool empty() const { return method_count_ == 0; }

 private:
  int method_count_ = 0;
};

}  // namespace ndxp::server
