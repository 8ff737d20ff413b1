#include "gateway/server/grpc/grpc_call_start.h"

#include <grpc/support/time.h>

#include <string>

#include <absl/time/clock.h>

#include "gateway/server/request_id.h"

namespace ndxp::server {

std::optional<std::string_view> GrpcRequestHeaders::Get(std::string_view name) const {
  const auto& md = ctx_.client_metadata();
  auto it = md.find(grpc::string_ref(name.data(), name.size()));
  if (it == md.end()) return std::nullopt;
  return std::string_view(it->second.data(), it->second.size());
}

std::size_t GrpcRequestHeaders::Count(std::string_view name) const {
  return ctx_.client_metadata().count(grpc::string_ref(name.data(), name.size()));
}

void BeginGrpcCall(grpc::CallbackServerContext& ctx, core::CallContext& context) {
  context.protocol = core::Protocol::kGrpc;
  const auto& md = ctx.client_metadata();
  auto given = md.find(grpc::string_ref(kRequestIdHeader.data(), kRequestIdHeader.size()));
  context.request_id = RequestIdFor(
      given == md.end() ? std::string_view() : std::string_view(given->second.data(), given->second.size()));
  ctx.AddInitialMetadata(std::string(kRequestIdHeader), context.request_id);
  context.caller_deadline = CallerDeadline(ctx);
}

absl::Time CallerDeadline(const grpc::CallbackServerContext& ctx) {
  // From gRPC's own timespec: converting a far deadline (grpc-timeout up to 99999999 hours) to
  // std::chrono overflows into the past. Anything past a century is "no deadline".
  gpr_timespec raw = gpr_convert_clock_type(ctx.raw_deadline(), GPR_CLOCK_REALTIME);
  absl::Time now = absl::Now();
  if (raw.tv_sec >= absl::ToUnixSeconds(now + absl::Hours(24 * 365 * 100))) {
    return absl::InfiniteFuture();
  }
  return absl::FromUnixSeconds(raw.tv_sec) + absl::Nanoseconds(raw.tv_nsec);
}

void AddResponseHeaders(grpc::CallbackServerContext& ctx, const core::Call& call) {
  for (const auto& [name, value] : call.response_headers()) ctx.AddInitialMetadata(name, value);
}

absl::StatusCode CancelledCallCode(const core::CallContext& context) {
  return absl::Now() >= context.caller_deadline ? absl::StatusCode::kDeadlineExceeded
                                                : absl::StatusCode::kCancelled;
}

google::protobuf::ArenaOptions ArenaOnBlock(char* block, std::size_t size) {
  google::protobuf::ArenaOptions options;
  options.initial_block = block;
  options.initial_block_size = size;
  return options;
}

}  // namespace ndxp::server
