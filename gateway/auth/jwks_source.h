#pragma once
// JWT verification as the gateway runs it: the verifier made from `jwt:` and its key set read from
// `jwt.jwks_file`, re-read when the file changes (key rotation without restart). A JWKS that no
// longer parses keeps the keys in force, logs why and counts
// ndxp_gateway_reloads_total{file="jwks",result="error"}.

#include <atomic>
#include <cstdint>
#include <memory>
#include <variant>

#include <absl/status/statusor.h>

#include "gateway/auth/jwt/verifier.h"
#include "gateway/auth/token_cache.h"
#include "gateway/auth/watched_file.h"
#include "gateway/metrics/registry.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::auth {

// Verified tokens remembered at most (a few MiB at the longest tokens).
inline constexpr std::size_t kTokenCacheCapacity = 4096;

class JwksSource {
 public:
  // Errors name the key (jwt.issuers, ...) or the file and what is wrong in it. `reloads` may be
  // null.
  static absl::StatusOr<std::unique_ptr<JwksSource>> Open(const gateway::v1::Jwt& config,
                                                          metrics::Family<metrics::Counter>* reloads);

  // Verifies `token` at `now`, from the cache of verified tokens when it was seen before under
  // the keys in force (token_cache.h); a refusal otherwise. Thread-safe.
  std::variant<std::shared_ptr<const jwt::VerifiedToken>, jwt::Refusal> Verify(std::string_view token,
                                                                              absl::Time now) const;
  // Re-reads the JWKS if the file changed; the result of that reload (OK when nothing changed).
  absl::Status CheckNow();

 private:
  JwksSource(std::unique_ptr<jwt::Verifier> verifier, WatchedFile file, absl::Duration skew)
      : verifier_(std::move(verifier)), file_(std::move(file)), skew_(skew) {}
  absl::Status Load();

  std::unique_ptr<jwt::Verifier> verifier_;
  WatchedFile file_;
  absl::Duration skew_;
  metrics::Family<metrics::Counter>* reloads_ = nullptr;
  // Bumped by every key-set change; cached verifications of another generation are not used.
  std::atomic<std::uint64_t> generation_{0};
  mutable TokenCache cache_{kTokenCacheCapacity};
};

}  // namespace ndxp::auth
