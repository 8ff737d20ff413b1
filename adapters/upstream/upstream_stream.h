#pragma once
// A streaming call (server, client or bidirectional) forwarded to an upstream endpoint through one
// generic bidirectional gRPC call, as a proxy with flow control on both sides:
//   - the caller's next message is read only once the previous one is written upstream;
//   - the upstream's next message is read only once the previous one is written to the caller;
//   - the caller's half-close becomes the upstream's (WritesDone);
//   - the upstream's status (code, message, details byte for byte) ends the caller's call, once no
//     write to the caller is outstanding; a caller that goes away cancels the upstream call.
// So each side holds at most one message of the other, whatever their speeds.

#include <memory>

#include <absl/status/status.h>

#include "adapters/upstream/upstream_endpoint.h"
#include "adapters/upstream/upstream_method.h"
#include "gateway/core/call.h"
#include "gateway/core/target.h"

namespace ndxp::adapters {

// The stream for `call` on `endpoint`; it starts the upstream call in Start(). `method`,
// `endpoint` and `call` must outlive it (the route table and the listener keep them).
std::shared_ptr<core::TargetStream> MakeUpstreamStream(const UpstreamMethod& method,
                                                       UpstreamEndpoint& endpoint,
                                                       core::Call& call, core::StreamPeer& peer);

// A stream that ends the caller's call with `status` as soon as it starts (no endpoint to send it
// to).
std::shared_ptr<core::TargetStream> MakeRefusedStream(core::StreamPeer& peer, absl::Status status);

}  // namespace ndxp::adapters
