#include "gateway/auth/api_key_stage.h"

#include "gateway/auth/auth_failures.h"
#include "gateway/core/status.h"

namespace ndxp::auth {

inline constexpr std::string_view kApiKeyCredential = "api_key";

ApiKeyIdentifyStage::ApiKeyIdentifyStage(const ApiKeyAuthenticator& authenticator,
                                         metrics::Registry& registry)
    : authenticator_(authenticator) {
  auto& family = AddAuthFailures(registry);
  for (std::size_t p = 0; p < core::kProtocolCount; ++p) {
    auto protocol = core::ProtocolName(static_cast<core::Protocol>(p));
    failures_[p][0] = &family.WithLabels({protocol, kMissingApiKey});
    failures_[p][1] = &family.WithLabels({protocol, kInvalidApiKey});
  }
}

core::Verdict ApiKeyIdentifyStage::OnRequest(core::Call& call) {
  // Identified already (by a client certificate): the API key stage has nothing to decide.
  if (call.context().client != nullptr) return core::Verdict::Continue();
  AuthResult who = authenticator_.Authenticate(call.headers().Get(kApiKeyHeader));
  core::CallContext& context = call.context();
  if (who.client != nullptr) {
    context.client = who.client;
    context.credential = kApiKeyCredential;
    return core::Verdict::Continue();
  }
  const bool missing = who.failure_reason == kMissingApiKey;
  failures_[static_cast<std::size_t>(context.protocol)][missing ? 0 : 1]->Inc();
  return core::Verdict::Stop(core::ErrorWithReason(
      absl::StatusCode::kUnauthenticated,
      missing ? "missing API key: send it in the x-api-key header (gRPC metadata)"
              : "invalid API key",
      missing ? "API_KEY_MISSING" : "API_KEY_INVALID"));
}

}  // namespace ndxp::auth
