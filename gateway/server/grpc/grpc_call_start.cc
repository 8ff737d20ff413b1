#include "gateway/server/grpc/grpc_call_start.h"

#include <grpc/support/time.h>
#include <string>

#include <grpcpp/impl/codegen/proto_utils.h>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"
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

google::protobuf::ArenaOptions ArenaOnBlock(char* block, std::size_t size) {
  google::protobuf::ArenaOptions options;
  options.initial_block = block;
  options.initial_block_size = size;
  return options;
}

absl::Status ParseGrpcRequest(grpc::ByteBuffer& bytes, google::protobuf::Message& into) {
  into.Clear();
  if (grpc::SerializationTraits<google::protobuf::Message>::Deserialize(&bytes, &into).ok()) {
    return absl::OkStatus();
  }
  return core::ErrorWithReason(
      absl::StatusCode::kInvalidArgument,
      core::Cat("request message is not a valid ", into.GetDescriptor()->full_name()),
      "MALFORMED_REQUEST");
}

absl::Status SerializeGrpcResponse(const google::protobuf::Message& message,
                                   grpc::ByteBuffer& bytes) {
  bool own = false;
  if (grpc::SerializationTraits<google::protobuf::Message>::Serialize(message, &bytes, &own).ok()) {
    return absl::OkStatus();
  }
  return absl::InternalError("could not serialize the response");
}

}  // namespace ndxp::server
