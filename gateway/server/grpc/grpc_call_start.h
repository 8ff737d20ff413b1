#pragma once
// What every gRPC call does first, whichever handler serves it: read the caller's metadata, set
// the request id (returned in initial metadata), and compute the deadline.

#include <optional>
#include <string_view>

#include <absl/status/status.h>
#include <absl/time/time.h>
#include <google/protobuf/arena.h>
#include <google/protobuf/message.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/server_context.h>

#include "gateway/server/call_pipeline.h"

namespace ndxp::server {

// A metadata value sent by the caller, if present.
std::optional<std::string_view> ClientMetadata(const grpc::CallbackServerContext& ctx,
                                               std::string_view key);

// The caller's API key (x-api-key).
std::optional<std::string_view> ApiKeyOf(const grpc::CallbackServerContext& ctx);

// Sets record.request_id from x-request-id (or a new one) and returns it in initial metadata.
void StartGrpcCall(grpc::CallbackServerContext& ctx, CallRecord& record);

// The caller's deadline as absl::Time (InfiniteFuture when none).
absl::Time CallerDeadline(const grpc::CallbackServerContext& ctx);

// Arena options whose first block is `block` (a member of a reactor, or a stack buffer), so that a
// typical call's messages need no allocation of their own.
google::protobuf::ArenaOptions ArenaOnBlock(char* block, std::size_t size);

// Parses gRPC request bytes (consuming `bytes`) into `into`; INVALID_ARGUMENT with reason
// MALFORMED_REQUEST when they are not a valid message of its type.
absl::Status ParseGrpcRequest(grpc::ByteBuffer& bytes, google::protobuf::Message& into);

// Serializes a response for gRPC into `bytes` (which must be empty).
absl::Status SerializeGrpcResponse(const google::protobuf::Message& message, grpc::ByteBuffer& bytes);

}  // namespace ndxp::server
