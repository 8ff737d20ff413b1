#pragma once
// What every gRPC call does first, whichever reactor serves it: the caller's metadata as
// core::RequestHeaders, the request id (returned in initial metadata), the caller's deadline; and
// what the client saw when a call ended without our answer.

#include <optional>
#include <string_view>

#include <absl/status/status.h>
#include <absl/time/time.h>
#include <google/protobuf/arena.h>
#include <grpcpp/server_context.h>

#include "gateway/core/call.h"
#include "gateway/core/request_headers.h"

namespace ndxp::server {

// The caller's metadata (lowercase keys, as gRPC delivers them).
class GrpcRequestHeaders final : public core::RequestHeaders {
 public:
  explicit GrpcRequestHeaders(const grpc::CallbackServerContext& ctx) : ctx_(ctx) {}
  std::optional<std::string_view> Get(std::string_view name) const override;
  std::size_t Count(std::string_view name) const override;

 private:
  const grpc::CallbackServerContext& ctx_;
};

// Fills what every gRPC call carries into `context`: protocol, request id (from x-request-id or
// new, and sent back in initial metadata), the caller's deadline.
void BeginGrpcCall(grpc::CallbackServerContext& ctx, core::CallContext& context);

// The caller's deadline as absl::Time (InfiniteFuture when none, or absurdly far).
absl::Time CallerDeadline(const grpc::CallbackServerContext& ctx);

// Sends the headers stages asked for (core::Call::AddResponseHeader) in the initial metadata.
void AddResponseHeaders(grpc::CallbackServerContext& ctx, const core::Call& call);

// The code a client saw for a call that gRPC cancelled (client cancellation, its deadline, a
// broken connection): DEADLINE_EXCEEDED once the caller's deadline has passed, else CANCELLED.
absl::StatusCode CancelledCallCode(const core::CallContext& context);

// Arena options whose first block is `block` (a member of a per-call object), so that a typical
// call's messages need no allocation of their own.
google::protobuf::ArenaOptions ArenaOnBlock(char* block, std::size_t size);

}  // namespace ndxp::server
