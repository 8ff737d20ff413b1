#include "gateway/server/grpc/grpc_unary_service.h"

#include <grpcpp/impl/codegen/server_callback_handlers.h>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/server/grpc/grpc_call_start.h"

namespace ndxp::server {
namespace {

using RawUnaryHandler = grpc::internal::CallbackUnaryHandler<grpc::ByteBuffer, grpc::ByteBuffer>;

}  // namespace

GrpcUnaryService::GrpcUnaryService(CallPipeline& pipeline, const InputLimits& limits)
    : pipeline_(pipeline), limits_(limits) {
  for (const auto& route : pipeline.routes().routes()) {
    if (route->shape != core::CallShape::kUnary) continue;
    // The method's name must outlive the service: the route table's string does.
    AddMethod(new grpc::internal::RpcServiceMethod(route->full_method.c_str(),
                                                   grpc::internal::RpcMethod::NORMAL_RPC, nullptr));
    const core::Route* r = route.get();
    MarkMethodRawCallback(method_count_++,
                          new RawUnaryHandler([this, r](grpc::CallbackServerContext* ctx,
                                                        const grpc::ByteBuffer* request,
                                                        grpc::ByteBuffer* response) {
                            return Serve(*r, ctx, request, response);
                          }));
  }
}

grpc::ServerUnaryReactor* GrpcUnaryService::Serve(const core::Route& route,
                                                  grpc::CallbackServerContext* ctx,
                                                  const grpc::ByteBuffer* request,
                                                  grpc::ByteBuffer* response) {
  CallRecord record;
  StartGrpcCall(*ctx, record);
  absl::Status status = pipeline_.Admit(record, &route, ApiKeyOf(*ctx));
  if (status.ok()) {
    absl::Time deadline = limits_.EffectiveDeadline(absl::Now(), CallerDeadline(*ctx), true);
    status = Handle(route, record, *request, *response, deadline);
  }
  pipeline_.Finish(record, status.code());
  auto* reactor = ctx->DefaultReactor();
  reactor->Finish(core::ToGrpcStatus(status));
  return reactor;
}

absl::Status GrpcUnaryService::Handle(const core::Route& route, CallRecord& record,
                                      const grpc::ByteBuffer& request_bytes,
                                      grpc::ByteBuffer& response_bytes, absl::Time deadline) {
  alignas(16) char block[2048];
  google::protobuf::Arena arena(ArenaOnBlock(block, sizeof block));
  google::protobuf::Message* request = route.request_prototype->New(&arena);
  grpc::ByteBuffer bytes(request_bytes);  // shares the slices; parsing consumes the copy
  record.bytes_in = bytes.Length();
  if (absl::Status parsed = ParseGrpcRequest(bytes, *request); !parsed.ok()) return parsed;
  google::protobuf::Message* response = route.response_prototype->New(&arena);
  if (absl::Status ran = pipeline_.RunUnary(record, deadline, *request, *response); !ran.ok()) {
    return ran;
  }
  if (absl::Status done = SerializeGrpcResponse(*response, response_bytes); !done.ok()) return done;
  record.bytes_out = response_bytes.Length();
  return absl::OkStatus();
}

}  // namespace ndxp::server
