#pragma once
// The caller's identity as the gateway passes it on to remote upstreams: a signed caller
// assertion (gateway/auth/caller_assertion.h) for the call's method, made per upstream call.

#include <string_view>

#include <grpcpp/client_context.h>

#include "adapters/upstream/outgoing_identity.h"
#include "gateway/auth/caller_assertion.h"

namespace ndxp::main {

class SignedCallerIdentity final : public adapters::OutgoingIdentity {
 public:
  explicit SignedCallerIdentity(auth::CallerAssertionKey key) : key_(std::move(key)) {}
  void AddTo(const core::CallContext& call, std::string_view full_method,
             grpc::ClientContext& context) const override;

 private:
  const auth::CallerAssertionKey key_;
};

}  // namespace ndxp::main
