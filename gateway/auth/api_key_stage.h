#pragma once
// The identify stage for API keys: the caller's x-api-key names a registered client, or the call
// is UNAUTHENTICATED (counted by reason), unless a stage before it (the client certificate's)
// identified the caller already. It runs on every chain, the no-route chain included, so
// an unauthenticated caller learns nothing, not even which methods exist.

#include <array>
#include <memory>

#include "gateway/auth/client_registry.h"
#include "gateway/core/call.h"
#include "gateway/core/protocol.h"
#include "gateway/core/stage.h"
#include "gateway/metrics/registry.h"

namespace ndxp::auth {

inline constexpr std::string_view kApiKeyHeader = "x-api-key";

class ApiKeyIdentifyStage final : public core::Stage {
 public:
  // `authenticator` must outlive the stage. Registers ndxp_gateway_auth_failures_total.
  ApiKeyIdentifyStage(const ApiKeyAuthenticator& authenticator, metrics::Registry& registry);

  std::string_view name() const override { return "api_key_identify"; }
  core::Verdict OnRequest(core::Call& call) override;

 private:
  const ApiKeyAuthenticator& authenticator_;
  // [protocol][0: missing key, 1: invalid key]
  std::array<std::array<metrics::Counter*, 2>, core::kProtocolCount> failures_{};
};

class ApiKeyIdentifyFactory final : public core::StageFactory {
 public:
  ApiKeyIdentifyFactory(const ApiKeyAuthenticator& authenticator, metrics::Registry& registry)
      : stage_(authenticator, registry) {}
  std::string_view name() const override { return stage_.name(); }
  core::Stage* ForRoute(const core::Route*) override { return &stage_; }

 private:
  ApiKeyIdentifyStage stage_;
};

}  // namespace ndxp::auth
