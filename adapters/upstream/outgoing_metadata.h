#pragma once
// What every upstream call carries, and nothing else: the call's deadline, its request id, the
// W3C trace context (this call's span as the upstream's parent), and the caller's identity from
// an OutgoingIdentity. The caller's own headers are never copied wholesale.

#include <string_view>

#include <grpcpp/client_context.h>

#include "adapters/upstream/outgoing_identity.h"
#include "gateway/core/call_context.h"

namespace ndxp::adapters {

inline constexpr std::string_view kRequestIdHeader = "x-request-id";

// Sets up `context` for one upstream call of `full_method`. `identity` may be null (no identity
// is sent). wait_for_ready is off: a call to an endpoint that is down fails at once (UNAVAILABLE).
void PrepareUpstreamContext(const core::CallContext& call, std::string_view full_method,
                            const OutgoingIdentity* identity, grpc::ClientContext& context);

}  // namespace ndxp::adapters
