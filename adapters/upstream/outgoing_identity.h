#pragma once
// The seam through which the gateway tells an upstream who is calling: an implementation adds its
// own headers (e.g. a signed caller assertion, see gateway/auth/caller_assertion.h) to every
// upstream call. The upstream adapter only calls it; it never forwards the caller's own headers
// (credentials such as x-api-key must not reach an upstream).

#include <string_view>

#include <grpcpp/client_context.h>

#include "gateway/core/call_context.h"

namespace ndxp::adapters {

class OutgoingIdentity {
 public:
  virtual ~OutgoingIdentity() = default;
  // Adds the caller's identity for a call of `full_method` ("/pkg.Service/Method") to `context`
  // (ClientContext::AddMetadata). Runs on the call's thread for every upstream call; must not
  // block and must be thread-safe.
  virtual void AddTo(const core::CallContext& call, std::string_view full_method,
                     grpc::ClientContext& context) const = 0;
};

}  // namespace ndxp::adapters
