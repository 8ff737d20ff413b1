#pragma once
// The in-process connector's streaming calls as core::TargetStreams: a server stream pulled one
// response per client read, and client/bidi streams fed one request at a time, their responses
// pulled before the next request is read. Strictly one operation outstanding at a time.

#include <memory>

#include "gateway/core/call.h"
#include "gateway/core/connector.h"
#include "gateway/core/target.h"

namespace ndxp::adapters {

std::shared_ptr<core::TargetStream> MakeServerStreamCall(const core::MethodHandler& handler,
                                                         core::Call& call, core::StreamPeer& peer);
std::shared_ptr<core::TargetStream> MakeRequestStreamCall(const core::MethodHandler& handler,
                                                          core::Call& call,
                                                          core::StreamPeer& peer);

}  // namespace ndxp::adapters
