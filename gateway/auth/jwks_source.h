#pragma once
// JWT verification as the gateway runs it: the verifier made from `jwt:` and its key set read from
// `jwt.jwks_file`, re-read when the file changes (key rotation without restart). A JWKS that no
// longer parses keeps the keys in force, logs why and counts
// ndxp_gateway_reloads_total{file="jwks",result="error"}.

#include <memory>

#include <absl/status/statusor.h>

#include "gateway/auth/jwt/verifier.h"
#include "gateway/auth/watched_file.h"
#include "gateway/metrics/registry.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::auth {

class JwksSource {
 public:
  // Errors name the key (jwt.issuers, ...) or the file and what is wrong in it. `reloads` may be
  // null.
  static absl::StatusOr<std::unique_ptr<JwksSource>> Open(const gateway::v1::Jwt& config,
                                                          metrics::Family<metrics::Counter>* reloads);

  const jwt::Verifier& verifier() const { return *verifier_; }
  // Re-reads the JWKS if the file changed; the result of that reload (OK when nothing changed).
  absl::Status CheckNow();

 private:
  JwksSource(std::unique_ptr<jwt::Verifier> verifier, WatchedFile file)
      : verifier_(std::move(verifier)), file_(std::move(file)) {}
  absl::Status Load();

  std::unique_ptr<jwt::Verifier> verifier_;
  WatchedFile file_;
  metrics::Family<metrics::Counter>* reloads_ = nullptr;
};

}  // namespace ndxp::auth
