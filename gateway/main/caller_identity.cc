#include "gateway/main/caller_identity.h"

#include <string>

#include <absl/time/clock.h>

namespace ndxp::main {

void SignedCallerIdentity::AddTo(const core::CallContext& call, std::string_view full_method,
                                 grpc::ClientContext& context) const {
  if (call.client == nullptr) return;  // calls reach a target only once identified
  auth::CallerClaims claims{.client_id = call.client->id,
                            .method = std::string(full_method),
                            .request_id = call.request_id,
                            .purpose = call.purpose,
                            .dossier_id = call.dossier_id,
                            .procedure_id = call.procedure_id,
                            .issued_at = absl::Now()};
  context.AddMetadata(std::string(auth::kCallerAssertionHeader), key_.Sign(claims));
}

}  // namespace ndxp::main
