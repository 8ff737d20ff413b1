#pragma once
// The public keys JWT bearer tokens are verified with, by kid, parsed from a JWKS document
// (RFC 7517, members per RFC 7518 §6): kty "RSA" (n, e) for RS256 and kty "EC" crv "P-256" (x, y)
// for ES256. Immutable once parsed: the Verifier holds a shared_ptr<const KeySet> snapshot and a
// reload swaps in a new one. Text in, keys out: reading the file is the caller's.
//
// Rules (docs/decisions/0014-jwt-verification.md):
// - The document is an object with an array "keys" (at most kMaxJwksKeys entries; the document at
//   most kMaxJwksBytes).
// - A key is skipped, silently, when it cannot be a signing key of ours: "use" present and not
//   "sig"; "alg" present and neither RS256 nor ES256; kty neither RSA nor EC; an EC curve other
//   than P-256 (without an alg saying ES256).
// - Every other key must be well formed, or Parse fails naming it ("JWKS keys[2].n is not
//   base64url"): a non-empty string kid, unique in the set; alg (when present) fitting the kty
//   (RS256 for RSA, ES256 for EC); RSA n of kMinRsaModulusBits to kMaxRsaModulusBits, e odd and
//   at least 3; EC x and y of 32 bytes each, a point on P-256; no private members (d, p, q, dp,
//   dq, qi, oth).
// - A set with no key left is an error.
// Keys are built with OpenSSL 3's EVP_PKEY_fromdata (no deprecated RSA_* / EC_KEY_* API).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <absl/container/flat_hash_map.h>
#include <absl/status/statusor.h>
#include <openssl/types.h>

namespace ndxp::auth::jwt {

inline constexpr std::size_t kMaxJwksBytes = 1024 * 1024;
inline constexpr std::size_t kMaxJwksKeys = 100;
inline constexpr int kMinRsaModulusBits = 2048;
inline constexpr int kMaxRsaModulusBits = 8192;

// The signature algorithms verified (RFC 7518 §3.1).
enum class Algorithm { kRs256, kEs256 };

// "RS256" or "ES256".
std::string_view AlgorithmName(Algorithm algorithm);

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* key) const;
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

// One verification key: its kid, the one algorithm it verifies, and the OpenSSL public key.
struct PublicKey {
  std::string kid;
  Algorithm algorithm;
  EvpPkeyPtr pkey;  // only read once built: EVP_PKEY is safe to verify with from many threads
};

class KeySet {
 public:
  // INVALID_ARGUMENT naming what is wrong ("JWKS keys[1].kid \"a\" is a duplicate", "JWKS has
  // no RS256 or ES256 signing key", ...). The message never contains key material.
  static absl::StatusOr<std::shared_ptr<const KeySet>> Parse(std::string_view jwks_json);

  // Number of keys kept (skipped ones not counted).
  std::size_t size() const { return keys_.size(); }

  // The key with this kid, nullptr when the set has none.
  const PublicKey* Find(std::string_view kid) const;

 private:
  KeySet() = default;
  absl::flat_hash_map<std::string, PublicKey> keys_;
};

}  // namespace ndxp::auth::jwt
