#include "gateway/server/grpc/grpc_unary_service.h"

#include <grpcpp/impl/codegen/server_callback_handlers.h>

#include "gateway/server/grpc/grpc_unary_call.h"

namespace ndxp::server {
namespace {

using RawUnaryHandler = grpc::internal::CallbackUnaryHandler<grpc::ByteBuffer, grpc::ByteBuffer>;

}  // namespace

GrpcUnaryService::GrpcUnaryService(const Pipeline& pipeline, bool tls) {
  for (const auto& route : pipeline.routes().routes()) {
    if (route->shape != core::CallShape::kUnary) continue;
    // The method's name must outlive the service: the route table's string does.
    AddMethod(new grpc::internal::RpcServiceMethod(route->full_method.c_str(),
                                                   grpc::internal::RpcMethod::NORMAL_RPC, nullptr));
    const core::Route* r = route.get();
    const Pipeline* p = &pipeline;
    MarkMethodRawCallback(method_count_++,
                          new RawUnaryHandler([p, r, tls](grpc::CallbackServerContext* ctx,
                                                     const grpc::ByteBuffer* request,
                                                     grpc::ByteBuffer* response) {
                            return GrpcUnaryCall::Start(*p, *r, ctx, request, response, tls);
                          }));
  }
}

}  // namespace ndxp::server
