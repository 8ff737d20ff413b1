#pragma once
// The status an upstream call ended with, as the caller gets it: the upstream's own status and
// details pass on byte for byte (core::FromGrpcStatus); a failure of the gateway's own connection
// to the upstream — gRPC's locally made UNAVAILABLE ("failed to connect to all addresses ...",
// "Socket closed"), which carries no details and no trailers — becomes UNAVAILABLE with reason
// UPSTREAM_UNAVAILABLE naming the service, never the upstream's address (the original text goes to
// the debug log).

#include <string_view>

#include <absl/status/status.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

namespace ndxp::adapters {

inline constexpr std::string_view kUpstreamUnavailable = "UPSTREAM_UNAVAILABLE";

absl::Status UpstreamCallStatus(const grpc::Status& status, const grpc::ClientContext& context,
                                std::string_view full_method);

}  // namespace ndxp::adapters
