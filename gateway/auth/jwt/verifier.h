#pragma once
// Verifies JWT bearer tokens (RFC 7519) signed RS256 or ES256 (compact JWS, RFC 7515) against
// the public keys of a JWKS (KeySet), for the `jwt` section of the configuration
// (ndxp.gateway.v1.Jwt). A pure library: no file, no clock (the caller passes `now`), no
// metrics; reading and reloading the JWKS file is the caller's (SetKeys).
//
// Verify checks, in this order, refusing at the first failure (reasons in result.h):
//  1. at most kMaxTokenLength characters, before any decoding: TOKEN_MALFORMED
//  2. three '.'-separated parts, each canonical unpadded base64url ('=', '+', '/' and whitespace
//     refused), all decoded first; the header a JSON object (bounded depth) with a string alg
//     and without "crit": TOKEN_MALFORMED
//  3. header alg exactly "RS256" or "ES256": TOKEN_ALGORITHM_UNSUPPORTED
//  4. header kid present and in the current key set (always required, even when the set has
//     one key): TOKEN_KEY_UNKNOWN
//  5. alg is the algorithm of that key (no RS256 token on an EC key): TOKEN_ALGORITHM_UNSUPPORTED
//  6. the signature verifies (RS256: modulus-sized; ES256: 64-byte r||s): TOKEN_SIGNATURE_INVALID
//  7. only then is the payload parsed, as a JSON object: TOKEN_MALFORMED
//  8. the claims (claims.h): exp, nbf, iss, aud, client claim, scopes
// Header parameters other than alg, kid and crit (typ, jku, x5u, jwk, x5c, ...) are ignored: keys
// come from the configured JWKS only.

#include <atomic>
#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>

#include <absl/status/statusor.h>
#include <absl/time/time.h>

#include "gateway/auth/jwt/claims.h"
#include "gateway/auth/jwt/key_set.h"
#include "gateway/auth/jwt/result.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::auth::jwt {

// Longest token accepted (the compact JWS, without "Bearer ").
inline constexpr std::size_t kMaxTokenLength = 8192;
inline constexpr absl::Duration kDefaultClockSkew = absl::Seconds(60);
inline constexpr absl::Duration kMaxClockSkew = absl::Minutes(5);
inline constexpr std::string_view kDefaultClientClaim = "client_id";
inline constexpr std::string_view kDefaultScopeClaim = "scope";

class Verifier {
 public:
  // A verifier for `config`, with no keys yet (every token is refused TOKEN_KEY_UNKNOWN until
  // SetKeys). INVALID_ARGUMENT naming the key for a bad config: jwt.jwks_file empty, jwt.issuers
  // or jwt.audiences empty or with an empty entry, jwt.clock_skew negative or over 5m.
  static absl::StatusOr<std::unique_ptr<Verifier>> Create(const gateway::v1::Jwt& config);

  // Replaces the key set (key rotation on reload); calls verifying at that moment finish with the
  // set they started with. Thread-safe.
  void SetKeys(std::shared_ptr<const KeySet> keys);

  // The current key set (nullptr before the first SetKeys).
  std::shared_ptr<const KeySet> keys() const;

  // Verifies `token`, the compact JWS that follows "Bearer ", at `now`. Thread-safe, no mutex:
  // it loads one immutable KeySet snapshot from an atomic shared_ptr (libstdc++ guards only that
  // pointer copy with a spin bit) and verifies against it.
  VerifyResult Verify(std::string_view token, absl::Time now) const;

 private:
  explicit Verifier(ClaimRules rules) : rules_(std::move(rules)) {}

  const ClaimRules rules_;
  std::atomic<std::shared_ptr<const KeySet>> keys_;
};

}  // namespace ndxp::auth::jwt
