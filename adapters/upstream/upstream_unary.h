#pragma once
// One unary call forwarded to an upstream endpoint: the request's bytes go out untouched, the
// answer's bytes (or the upstream's status with its details, byte for byte) come back. Nothing
// blocks: the call runs on gRPC's callback API, and the caller's cancellation reaches the
// upstream through Call::SetInFlight.

#include <grpcpp/support/byte_buffer.h>

#include "adapters/upstream/upstream_endpoint.h"
#include "adapters/upstream/upstream_method.h"
#include "gateway/core/call.h"
#include "gateway/core/payload.h"
#include "gateway/core/target.h"

namespace ndxp::adapters {

// Starts the call on `endpoint`; `done` is called exactly once, on a gRPC thread (or before this
// returns). On OK `response` holds the answer's bytes and the chain has inspected it. `request`
// is read before this returns. `method` and `endpoint` must outlive the call (the route table
// keeps them). One allocation: the call's state, which holds its grpc::ClientContext.
void StartUpstreamUnary(const UpstreamMethod& method, UpstreamEndpoint& endpoint, core::Call& call,
                        const grpc::ByteBuffer& request, core::Payload& response,
                        core::UnaryCompletion& done);

}  // namespace ndxp::adapters
