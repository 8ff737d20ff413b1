#include "gateway/server/grpc/grpc_call_start.h"

#include <grpc/support/time.h>
#include <string>

#include "gateway/server/request_id.h"

namespace ndxp::server {

std::optional<std::string_view> ClientMetadata(const grpc::CallbackServerContext& ctx,
                                               std::string_view key) {
  const auto& md = ctx.client_metadata();
  auto it = md.find(grpc::string_ref(key.data(), key.size()));
  if (it == md.end()) return std::nullopt;
  return std::string_view(it->second.data(), it->second.size());
}

std::optional<std::string_view> ApiKeyOf(const grpc::CallbackServerContext& ctx) {
  return ClientMetadata(ctx, "x-api-key");
}

void StartGrpcCall(grpc::CallbackServerContext& ctx, CallRecord& record) {
  record.protocol = Protocol::kGrpc;
  record.request_id = RequestIdFor(ClientMetadata(ctx, kRequestIdHeader).value_or(""));
  ctx.AddInitialMetadata(std::string(kRequestIdHeader), record.request_id);
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

}  // namespace ndxp::server
