#pragma once
// What every gRPC call does first, whichever handler serves it: read the caller's metadata, set
// the request id (returned in initial metadata), and compute the deadline.

#include <optional>
#include <string_view>

#include <absl/time/time.h>
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

}  // namespace ndxp::server
